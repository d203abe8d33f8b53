// The sealing format of docs/privacy.md (primitives/sealing in Rust), in the browser: loan
// details sealed with a content key (ChaCha20-Poly1305), the content key sealed to each
// reader's X25519 key (an envelope), the outcome sealed to the loan's id, and the hashes the
// parties sign. Checked against docs/sealing-vectors.json by test/sealing.test.ts.
import { chacha20poly1305 } from '@noble/ciphers/chacha.js';
import { x25519 } from '@noble/curves/ed25519.js';
import { blake2b } from '@noble/hashes/blake2.js';
import { concatBytes, randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';

export const TAG_LEN = 16;
export const ENVELOPE_LEN = 32 + 32 + TAG_LEN;
export const PERFORMED_NORMALLY = 0;
export const BREACHED = 1;

const DETAILS_DOMAIN = utf8ToBytes('loanchain/details/v1');
const OUTCOME_DOMAIN = utf8ToBytes('loanchain/outcome/v1');
const ENVELOPE_DOMAIN = utf8ToBytes('loanchain/envelope/v1');
const KEY_COMMITMENT_DOMAIN = utf8ToBytes('loanchain/key/v1');
const PROPOSAL_DOMAIN = utf8ToBytes('loanchain/proposal/v1');
const CONSENT_DOMAIN = utf8ToBytes('loanchain/consent/v1');
const INQUIRY_DOMAIN = utf8ToBytes('loanchain/inquiry/v1');
const EXTENSION_DOMAIN = utf8ToBytes('loanchain/extension/v1');
const LENDER_OF_DOMAIN = utf8ToBytes('loanchain/lender-of/v1');
const PRIVATE_CONSENT_DOMAIN = utf8ToBytes('loanchain/private-consent/v1');

/** Why something did not open or seal, as the Rust crate's `SealError`. */
export class SealError extends Error {
  constructor(
    readonly reason: 'WrongKeyOrTampered' | 'Truncated' | 'WeakPublicKey' | 'UnknownOutcome',
  ) {
    super(reason);
  }
}

const blake2b256 = (...parts: Uint8Array[]) => blake2b(concatBytes(...parts), { dkLen: 32 });

function le(value: number | bigint, bytes: number): Uint8Array {
  const out = new Uint8Array(bytes);
  let v = BigInt(value);
  for (let i = 0; i < bytes; i++, v >>= 8n) out[i] = Number(v & 0xffn);
  return out;
}

/** The SCALE compact encoding of a length. */
export function compactLength(length: number): Uint8Array {
  if (length < 0x40) return Uint8Array.of(length << 2);
  if (length < 0x4000) return le((length << 2) | 0b01, 2);
  if (length < 0x4000_0000) return le(length * 4 + 0b10, 4);
  return concatBytes(Uint8Array.of(0b11), le(length, 4));
}

function seal(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, aad: Uint8Array) {
  return chacha20poly1305(key, nonce, aad).encrypt(plaintext);
}

function open(key: Uint8Array, nonce: Uint8Array, ciphertext: Uint8Array, aad: Uint8Array) {
  if (ciphertext.length < TAG_LEN) throw new SealError('Truncated');
  try {
    return chacha20poly1305(key, nonce, aad).decrypt(ciphertext);
  } catch {
    throw new SealError('WrongKeyOrTampered');
  }
}

const detailsAad = (borrowerIdHash: Uint8Array) => concatBytes(DETAILS_DOMAIN, borrowerIdHash);
const outcomeAad = (loanId: number | bigint) => concatBytes(OUTCOME_DOMAIN, le(loanId, 8));

export const sealDetails = (
  key: Uint8Array,
  nonce: Uint8Array,
  details: Uint8Array,
  borrowerIdHash: Uint8Array,
) => seal(key, nonce, details, detailsAad(borrowerIdHash));

/**
 * The sizes, in bytes of plaintext, sealed details are padded to (the Rust crate's
 * DETAILS_SIZES): the ciphertext's length then tells the size class of the terms only.
 */
export const DETAILS_SIZES = [256, 512, 1024, 2032];

/**
 * `details` (UTF-8 JSON) padded with spaces — which JSON ignores after the value — to the
 * smallest of DETAILS_SIZES that holds it; longer details as they are (the chain refuses
 * them).
 */
export function padDetails(details: Uint8Array): Uint8Array {
  const size = DETAILS_SIZES.find((s) => details.length <= s);
  if (size === undefined) return details;
  const padded = new Uint8Array(size).fill(0x20);
  padded.set(details);
  return padded;
}

export const openDetails = (
  key: Uint8Array,
  nonce: Uint8Array,
  ciphertext: Uint8Array,
  borrowerIdHash: Uint8Array,
) => open(key, nonce, ciphertext, detailsAad(borrowerIdHash));

export const sealOutcome = (
  key: Uint8Array,
  nonce: Uint8Array,
  outcome: number,
  loanId: number | bigint,
) => seal(key, nonce, Uint8Array.of(outcome), outcomeAad(loanId));

export function openOutcome(
  key: Uint8Array,
  nonce: Uint8Array,
  ciphertext: Uint8Array,
  loanId: number | bigint,
): number {
  const opened = open(key, nonce, ciphertext, outcomeAad(loanId));
  if (opened.length !== 1 || (opened[0] !== PERFORMED_NORMALLY && opened[0] !== BREACHED)) {
    throw new SealError('UnknownOutcome');
  }
  return opened[0];
}

const extensionAad = (loanId: number | bigint, index: number) =>
  concatBytes(EXTENSION_DOMAIN, le(loanId, 8), le(index, 4));

/**
 * A private lender's extension offer: `extraDays` sealed under the loan's content key for
 * extension `index` (its place in the loan's list) of loan `loanId`, under a fresh nonce.
 */
export const sealExtension = (
  key: Uint8Array,
  nonce: Uint8Array,
  extraDays: number,
  loanId: number | bigint,
  index: number,
) => seal(key, nonce, le(extraDays, 4), extensionAad(loanId, index));

/** The extra days of an offer sealed by sealExtension. */
export function openExtension(
  key: Uint8Array,
  nonce: Uint8Array,
  ciphertext: Uint8Array,
  loanId: number | bigint,
  index: number,
): number {
  const days = open(key, nonce, ciphertext, extensionAad(loanId, index));
  if (days.length !== 4) throw new SealError('Truncated');
  return new DataView(days.buffer, days.byteOffset, 4).getUint32(0, true);
}

export const publicKey = (secret: Uint8Array) => x25519.getPublicKey(secret);

const isZero = (bytes: Uint8Array) => bytes.every((b) => b === 0);

/** X25519 without the library's own refusal, so that a weak key gets the format's error. */
function sharedSecret(secret: Uint8Array, publicKey: Uint8Array): Uint8Array {
  let shared: Uint8Array;
  try {
    shared = x25519.getSharedSecret(secret, publicKey);
  } catch {
    throw new SealError('WeakPublicKey');
  }
  if (isZero(shared)) throw new SealError('WeakPublicKey');
  return shared;
}

/** Whether envelopes can be sealed to `key`: false for the points of small order. */
export function isUsablePublicKey(key: Uint8Array): boolean {
  try {
    return !isZero(x25519.getSharedSecret(new Uint8Array(32).fill(0x5c), key));
  } catch {
    return false;
  }
}

const keyEncryptionKey = (shared: Uint8Array, ephemeral: Uint8Array, recipient: Uint8Array) =>
  blake2b256(ENVELOPE_DOMAIN, shared, ephemeral, recipient);

/** Seals the content key to `recipient`; `ephemeralSecret` fresh from a CSPRNG. */
export function makeEnvelope(
  key: Uint8Array,
  recipient: Uint8Array,
  ephemeralSecret: Uint8Array = randomBytes(32),
): Uint8Array {
  const ephemeral = publicKey(ephemeralSecret);
  const kek = keyEncryptionKey(sharedSecret(ephemeralSecret, recipient), ephemeral, recipient);
  return concatBytes(ephemeral, seal(kek, new Uint8Array(12), key, new Uint8Array()));
}

/** Opens an envelope with the recipient's secret key: the content key. */
export function openEnvelope(envelope: Uint8Array, recipientSecret: Uint8Array): Uint8Array {
  if (envelope.length !== ENVELOPE_LEN) throw new SealError('Truncated');
  const ephemeral = envelope.subarray(0, 32);
  const shared = sharedSecret(recipientSecret, ephemeral);
  const kek = keyEncryptionKey(shared, ephemeral, publicKey(recipientSecret));
  return open(kek, new Uint8Array(12), envelope.subarray(32), new Uint8Array());
}

export const keyCommitment = (key: Uint8Array) => blake2b256(KEY_COMMITMENT_DOMAIN, key);

/** The sealed details of a loan, as `loans.propose` and `loans.record` take them. */
export interface SealedDetails {
  nonce: Uint8Array;
  ciphertext: Uint8Array;
  keyCommitment: Uint8Array;
  lenderEnvelope: Uint8Array;
  borrowerEnvelope: Uint8Array;
}

/**
 * Seals the terms (JSON bytes), padded to their size class, for both parties: the details
 * and the content key.
 */
export function sealTerms(
  terms: Uint8Array,
  borrowerIdHash: Uint8Array,
  lenderKey: Uint8Array,
  borrowerKey: Uint8Array,
): { details: SealedDetails; contentKey: Uint8Array } {
  const contentKey = randomBytes(32);
  const nonce = randomBytes(12);
  return {
    contentKey,
    details: {
      nonce,
      ciphertext: sealDetails(contentKey, nonce, padDetails(terms), borrowerIdHash),
      keyCommitment: keyCommitment(contentKey),
      lenderEnvelope: makeEnvelope(contentKey, lenderKey),
      borrowerEnvelope: makeEnvelope(contentKey, borrowerKey),
    },
  };
}

/** Whether `key` is the loan's content key and opens its details. */
export function keyOpensDetails(
  key: Uint8Array,
  details: SealedDetails,
  borrowerIdHash: Uint8Array,
): boolean {
  if (!equal(keyCommitment(key), details.keyCommitment)) return false;
  try {
    openDetails(key, details.nonce, details.ciphertext, borrowerIdHash);
    return true;
  } catch {
    return false;
  }
}

const equal = (a: Uint8Array, b: Uint8Array) =>
  a.length === b.length && a.every((byte, i) => byte === b[i]);

/** What both parties sign: the parties, the proposer's role, the period, the details. */
export interface Terms {
  lenderId: Uint8Array;
  borrowerId: Uint8Array;
  /** 0 the lender, 1 the borrower (the runtime's `Role`). */
  proposerRole: number;
  periodDays: number;
  details: SealedDetails;
}

const detailsBytes = (d: SealedDetails) =>
  concatBytes(
    d.nonce,
    compactLength(d.ciphertext.length),
    d.ciphertext,
    d.keyCommitment,
    d.lenderEnvelope,
    d.borrowerEnvelope,
  );

const termsBytes = (t: Terms) =>
  concatBytes(
    t.lenderId,
    t.borrowerId,
    Uint8Array.of(t.proposerRole),
    le(t.periodDays, 4),
    detailsBytes(t.details),
  );

const domain = (tag: Uint8Array, genesisHash: Uint8Array) =>
  concatBytes(compactLength(tag.length), tag, genesisHash);

/** The hash `loans.accept` takes: this proposal, on this chain. */
export const proposalHash = (genesisHash: Uint8Array, loanId: number | bigint, terms: Terms) =>
  blake2b256(domain(PROPOSAL_DOMAIN, genesisHash), le(loanId, 8), termsBytes(terms));

/** The 32 bytes a counterparty signs for `loans.record`. */
export const consentHash = (genesisHash: Uint8Array, terms: Terms, deadline: number) =>
  blake2b256(domain(CONSENT_DOMAIN, genesisHash), termsBytes(terms), le(deadline, 4));

/**
 * The 32 bytes both parties of a private lender's loan sign (`loans.record_private`): the
 * borrower with its account, as a wallet signs a message; the lender with the per-loan key.
 * blake2b-256(SCALE("loanchain/private-consent/v1", genesis_hash, lender_key, borrower_id,
 * details, deadline)): no period and no lender id — both are in the sealed details.
 */
export const privateConsentHash = (
  genesisHash: Uint8Array,
  lenderKey: Uint8Array,
  borrowerId: Uint8Array,
  details: SealedDetails,
  deadline: number,
) =>
  blake2b256(
    domain(PRIVATE_CONSENT_DOMAIN, genesisHash),
    lenderKey,
    borrowerId,
    detailsBytes(details),
    le(deadline, 4),
  );

/** Why an inquirer looks a borrower up: the index of the runtime's `InquiryPurpose`. */
export const INQUIRY_PURPOSES = ['loanApplication', 'loanManagement', 'guarantee'] as const;
export type InquiryPurpose = (typeof INQUIRY_PURPOSES)[number];

/**
 * The 32 bytes a borrower signs (wrapped in <Bytes>…</Bytes>) to let `inquirerId` look them
 * up once with `loans.inquire`, until block `deadline`.
 */
export const inquiryHash = (
  genesisHash: Uint8Array,
  inquirerId: Uint8Array,
  borrowerId: Uint8Array,
  purpose: InquiryPurpose,
  deadline: number,
) =>
  blake2b256(
    domain(INQUIRY_DOMAIN, genesisHash),
    inquirerId,
    borrowerId,
    Uint8Array.of(INQUIRY_PURPOSES.indexOf(purpose)),
    le(deadline, 4),
  );

/**
 * What the borrower of a private lender's loan confirms (`loans.confirmSealedExtension`):
 * blake2b-256(SCALE("loanchain/extension/v1", genesis_hash, loan_id, index, nonce,
 * ciphertext)).
 */
export const extensionHash = (
  genesisHash: Uint8Array,
  loanId: number | bigint,
  index: number,
  nonce: Uint8Array,
  ciphertext: Uint8Array,
) =>
  blake2b256(domain(EXTENSION_DOMAIN, genesisHash), le(loanId, 8), le(index, 4), nonce, ciphertext);

/**
 * What a private lender's identity account signs, wrapped in `<Bytes>…</Bytes>`, inside the
 * details (their `lender` statement): blake2b-256(SCALE("loanchain/lender-of/v1",
 * genesis_hash, lender_key, borrower_id, lender_id)).
 */
export const lenderOfHash = (
  genesisHash: Uint8Array,
  lenderKey: Uint8Array,
  borrowerId: Uint8Array,
  lenderId: Uint8Array,
) => blake2b256(domain(LENDER_OF_DOMAIN, genesisHash), lenderKey, borrowerId, lenderId);
