// The browser's sealing against the reference vectors of docs/sealing-vectors.json (made by
// scripts/sealing-vectors.py, checked by the Rust crate's own tests too).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import {
  BREACHED,
  SealError,
  compactLength,
  consentHash,
  extensionHash,
  inquiryHash,
  lenderOfHash,
  privateConsentHash,
  INQUIRY_PURPOSES,
  isUsablePublicKey,
  keyCommitment,
  keyOpensDetails,
  makeEnvelope,
  openDetails,
  openEnvelope,
  openExtension,
  openOutcome,
  padDetails,
  DETAILS_SIZES,
  proposalHash,
  publicKey,
  sealDetails,
  sealExtension,
  sealOutcome,
  sealTerms,
} from '../src/crypto/sealing';

const vectors = JSON.parse(
  readFileSync(new URL('../../docs/sealing-vectors.json', import.meta.url), 'utf8'),
).vectors as Record<string, string | number>[];
const b = (hex: string | number) => hexToBytes(String(hex).replace(/^0x/, ''));
const hex = (bytes: Uint8Array) => `0x${bytesToHex(bytes)}`;

describe.each(vectors.map((v) => [v.name, v]))('vector %s', (_, v) => {
  const key = b(v.content_key);
  const terms = {
    lenderId: b(v.lender_id_hash),
    borrowerId: b(v.borrower_id_hash),
    proposerRole: Number(v.proposer_role),
    periodDays: Number(v.period_days),
    details: {
      nonce: b(v.details_nonce),
      ciphertext: b(v.details_ciphertext),
      keyCommitment: b(v.key_commitment),
      lenderEnvelope: b(v.envelope),
      borrowerEnvelope: b(v.envelope),
    },
  };

  it('seals and opens the details', () => {
    const sealed = sealDetails(
      key,
      b(v.details_nonce),
      b(v.details_plaintext),
      b(v.borrower_id_hash),
    );
    expect(hex(sealed)).toBe(v.details_ciphertext);
    const opened = openDetails(key, b(v.details_nonce), sealed, b(v.borrower_id_hash));
    expect(hex(opened)).toBe(v.details_plaintext === '0x' ? '0x' : v.details_plaintext);
  });

  it('refuses details bound to another borrower, or tampered with', () => {
    const other = new Uint8Array(32).fill(7);
    expect(() => openDetails(key, b(v.details_nonce), b(v.details_ciphertext), other)).toThrow(
      SealError,
    );
    const tampered = b(v.details_ciphertext);
    tampered[0] ^= 1;
    expect(() => openDetails(key, b(v.details_nonce), tampered, b(v.borrower_id_hash))).toThrow(
      'WrongKeyOrTampered',
    );
  });

  it('seals the outcome to the loan id', () => {
    const sealed = sealOutcome(key, b(v.outcome_nonce), Number(v.outcome), Number(v.loan_id));
    expect(hex(sealed)).toBe(v.outcome_ciphertext);
    expect(openOutcome(key, b(v.outcome_nonce), sealed, Number(v.loan_id))).toBe(Number(v.outcome));
    expect(() => openOutcome(key, b(v.outcome_nonce), sealed, Number(v.loan_id) + 1)).toThrow(
      'WrongKeyOrTampered',
    );
  });

  it('seals an extension to its loan and place, and hashes the offer', () => {
    const [nonce, days, index] = [
      b(v.extension_nonce),
      Number(v.extension_days),
      Number(v.extension_index),
    ];
    const sealed = sealExtension(key, nonce, days, Number(v.loan_id), index);
    expect(hex(sealed)).toBe(v.extension_ciphertext);
    expect(openExtension(key, nonce, sealed, Number(v.loan_id), index)).toBe(days);
    expect(() => openExtension(key, nonce, sealed, Number(v.loan_id), index + 1)).toThrow(
      'WrongKeyOrTampered',
    );
    expect(hex(extensionHash(b(v.genesis_hash), Number(v.loan_id), index, nonce, sealed))).toBe(
      v.extension_hash,
    );
  });

  it('makes and opens the envelope', () => {
    expect(hex(publicKey(b(v.recipient_secret)))).toBe(v.recipient_public);
    const envelope = makeEnvelope(key, b(v.recipient_public), b(v.ephemeral_secret));
    expect(hex(envelope)).toBe(v.envelope);
    expect(hex(openEnvelope(envelope, b(v.recipient_secret)))).toBe(v.content_key);
    expect(() => openEnvelope(envelope, new Uint8Array(32).fill(9))).toThrow('WrongKeyOrTampered');
  });

  it('commits to the key, and checks a key against the details', () => {
    expect(hex(keyCommitment(key))).toBe(v.key_commitment);
    expect(keyOpensDetails(key, terms.details, terms.borrowerId)).toBe(true);
    expect(keyOpensDetails(new Uint8Array(32), terms.details, terms.borrowerId)).toBe(false);
  });

  it('hashes the proposal and the consent as the runtime does', () => {
    expect(hex(proposalHash(b(v.genesis_hash), Number(v.loan_id), terms))).toBe(v.proposal_hash);
    expect(hex(consentHash(b(v.genesis_hash), terms, Number(v.consent_deadline)))).toBe(
      v.consent_hash,
    );
  });

  it('hashes an inquiry consent as the runtime does', () => {
    const purpose = INQUIRY_PURPOSES[Number(v.inquiry_purpose)];
    expect(
      hex(
        inquiryHash(
          b(v.genesis_hash),
          b(v.lender_id_hash),
          b(v.borrower_id_hash),
          purpose,
          Number(v.inquiry_deadline),
        ),
      ),
    ).toBe(v.inquiry_hash);
  });

  it("hashes a private lender's statement of who lent as the runtime's clients do", () => {
    expect(
      hex(
        lenderOfHash(
          b(v.genesis_hash),
          b(v.lender_key),
          b(v.borrower_id_hash),
          b(v.lender_id_hash),
        ),
      ),
    ).toBe(v.lender_of_hash);
  });

  it("hashes a private lender's consent as the runtime does", () => {
    expect(
      hex(
        privateConsentHash(
          b(v.genesis_hash),
          b(v.lender_key),
          b(v.borrower_id_hash),
          terms.details,
          Number(v.private_consent_deadline),
        ),
      ),
    ).toBe(v.private_consent_hash);
  });
});

describe('sealing fresh terms', () => {
  it('opens for the lender and the borrower, each with their own key', () => {
    const lender = new Uint8Array(32).fill(1);
    const borrower = new Uint8Array(32).fill(2);
    const borrowerId = new Uint8Array(32).fill(3);
    const terms = new TextEncoder().encode('{"amount":"1.00"}');
    const { details, contentKey } = sealTerms(
      terms,
      borrowerId,
      publicKey(lender),
      publicKey(borrower),
    );
    for (const [secret, envelope] of [
      [lender, details.lenderEnvelope],
      [borrower, details.borrowerEnvelope],
    ]) {
      const key = openEnvelope(envelope, secret);
      expect(key).toEqual(contentKey);
      const opened = openDetails(key, details.nonce, details.ciphertext, borrowerId);
      // Padded to the first size class, and parsed as the terms were.
      expect(opened.length).toBe(256);
      expect(opened.slice(0, terms.length)).toEqual(terms);
      expect(JSON.parse(new TextDecoder().decode(opened))).toEqual({ amount: '1.00' });
    }
    expect(() =>
      openOutcome(
        contentKey,
        details.nonce,
        sealOutcome(contentKey, details.nonce, BREACHED, 1),
        1,
      ),
    ).not.toThrow();
  });

  it('refuses keys of small order', () => {
    expect(isUsablePublicKey(new Uint8Array(32))).toBe(false);
    expect(isUsablePublicKey(Uint8Array.of(1, ...new Uint8Array(31)))).toBe(false);
    expect(isUsablePublicKey(publicKey(new Uint8Array(32).fill(4)))).toBe(true);
    expect(() => makeEnvelope(new Uint8Array(32), new Uint8Array(32))).toThrow('WeakPublicKey');
  });

  it('encodes SCALE compact lengths', () => {
    expect(compactLength(1)).toEqual(Uint8Array.of(4));
    expect(compactLength(64)).toEqual(Uint8Array.of(1, 1));
    expect(compactLength(16384)).toEqual(Uint8Array.of(2, 0, 1, 0));
  });
});

describe('padding', () => {
  const file = JSON.parse(
    readFileSync(new URL('../../docs/sealing-vectors.json', import.meta.url), 'utf8'),
  );
  /** A JSON string of exactly `length` bytes, with multi-byte UTF-8 where it fits. */
  function jsonOfLength(length: number): Uint8Array {
    const body = length >= 7 ? '期'.repeat(Math.floor((length - 4) / 3)) : '';
    const bodyBytes = new TextEncoder().encode(body).length;
    const text = new TextEncoder().encode(`"${body}${'x'.repeat(length - 2 - bodyBytes)}"`);
    expect(text.length).toBe(length);
    return text;
  }

  it('pads to the reference sizes, and the padded details parse as they did', () => {
    expect(DETAILS_SIZES).toEqual(file.padding_sizes);
    expect(file.padding.length).toBeGreaterThanOrEqual(10);
    for (const { details_length: length, padded_length: padded } of file.padding) {
      const details = jsonOfLength(length);
      const out = padDetails(details);
      expect(out.length, String(length)).toBe(padded);
      expect(out.slice(0, length)).toEqual(details);
      expect(out.slice(length).every((b) => b === 0x20)).toBe(true);
      expect(JSON.parse(new TextDecoder().decode(out))).toEqual(
        JSON.parse(new TextDecoder().decode(details)),
      );
    }
  });
});
