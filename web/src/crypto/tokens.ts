// Lender tokens in the browser (docs/identity.md, "Lender tokens"): a private lender's
// client blinds the message of each per-loan key to a registrar's key and finalizes the
// registrar's blind signatures into tokens — RFC 9474, RSABSSA-SHA384-PSS-Randomized, by
// @cloudflare/blindrsa-ts over WebCrypto, as `loanctl lender-tokens` and `finalize-tokens`
// do with the Rust crate. The chain keeps a registrar's key as its modulus alone (256
// bytes, big-endian; exponent 65 537).
import { base64Encode } from '@polkadot/util-crypto';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { compactLength } from './sealing';

/** JWK's base64url, without padding. */
const base64url = (bytes: Uint8Array) =>
  base64Encode(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** The RFC 9474 suite, loaded when a lender first needs it (most users never do). */
let loaded: Promise<ReturnType<typeof randomized>> | undefined;
const randomized = (module: typeof import('@cloudflare/blindrsa-ts')) =>
  module.RSABSSA.SHA384.PSS.Randomized();
const suite = () => (loaded ??= import('@cloudflare/blindrsa-ts').then(randomized));
const TOKEN_DOMAIN = utf8ToBytes('loanchain/lender-token/v1');
/** RFC 9474's randomizer: the first 32 bytes of a prepared message. */
const RANDOMIZER_LEN = 32;

/** The bundle sizes a registrar is asked for (`request_lender_tokens`). */
export const BUNDLE_SIZES = [10, 100, 1000] as const;

/** The public key of `modulus` (big-endian) and exponent 65 537, for WebCrypto's RSA-PSS. */
export function tokenKey(
  modulus: Uint8Array,
  exponent = Uint8Array.of(1, 0, 1),
): Promise<CryptoKey> {
  return crypto.subtle.importKey(
    'jwk',
    { kty: 'RSA', n: base64url(modulus), e: base64url(exponent), ext: true },
    { name: 'RSA-PSS', hash: 'SHA-384' },
    true,
    ['verify'],
  );
}

/**
 * What a token certifies: SCALE("loanchain/lender-token/v1", genesis_hash, epoch,
 * lender_key) — the per-loan key, good in token epoch `epoch` and the next.
 */
export function tokenMessage(genesisHash: Uint8Array, epoch: number, lenderKey: Uint8Array) {
  const epochBytes = new Uint8Array(4);
  new DataView(epochBytes.buffer).setUint32(0, epoch, true);
  return Uint8Array.from([
    ...compactLength(TOKEN_DOMAIN.length),
    ...TOKEN_DOMAIN,
    ...genesisHash,
    ...epochBytes,
    ...lenderKey,
  ]);
}

/** A message blinded for the registrar, and what finalizing its answer takes. */
export interface Blinded {
  /** RFC 9474's `blinded_msg`: what `request_lender_tokens` carries. */
  blinded: Uint8Array;
  /** RFC 9474's `inv`: the lender's secret, kept until the answer comes. */
  inv: Uint8Array;
  /** The prepared message's randomizer, which the token carries. */
  randomizer: Uint8Array;
}

/** RFC 9474's `Prepare` (a fresh randomizer) and `Blind` of `message` to `key`. */
export async function blindMessage(key: CryptoKey, message: Uint8Array): Promise<Blinded> {
  const rsa = await suite();
  const prepared = rsa.prepare(message);
  const { blindedMsg, inv } = await rsa.blind(key, prepared);
  return { blinded: blindedMsg, inv, randomizer: prepared.slice(0, RANDOMIZER_LEN) };
}

/**
 * RFC 9474's `Finalize`: the token's signature from the registrar's blind signature,
 * checked under `key` (a blind signature on anything else, or by another key, throws).
 */
export async function finalizeToken(
  key: CryptoKey,
  message: Uint8Array,
  blinded: Pick<Blinded, 'inv' | 'randomizer'>,
  blindSignature: Uint8Array,
): Promise<Uint8Array> {
  const prepared = Uint8Array.from([...blinded.randomizer, ...message]);
  return (await suite()).finalize(key, prepared, blindSignature, blinded.inv);
}
