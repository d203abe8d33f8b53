// Lender tokens in the browser: RFC 9474's own vector (RSABSSA-SHA384-PSS-Randomized, the
// one primitives/crypto and the CLI's tests pin too) finalized from the modulus alone, the
// token message against docs/sealing-vectors.json, and a bundle's way through a registrar
// whose key the test makes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RSABSSA } from '@cloudflare/blindrsa-ts';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { blindMessage, finalizeToken, tokenKey, tokenMessage } from '../src/crypto/tokens';

const b = (hex: string | number) => hexToBytes(String(hex).replace(/^0x/, ''));
const read = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
const rfc = (read('../../primitives/crypto/vectors/rfc9474.json') as Record<string, string>[]).find(
  (v) => v.name === 'RSABSSA-SHA384-PSS-Randomized',
)!;
const sealing = read('../../docs/sealing-vectors.json').vectors as Record<string, string>[];

describe('RFC 9474, RSABSSA-SHA384-PSS-Randomized', () => {
  it("finalizes the RFC's blind signature into the RFC's signature, from the modulus", async () => {
    const key = await tokenKey(b(rfc.n), b(rfc.e));
    const signature = await finalizeToken(
      key,
      b(rfc.msg),
      { inv: b(rfc.inv), randomizer: b(rfc.msg_prefix) },
      b(rfc.blind_sig),
    );
    expect(bytesToHex(signature)).toBe(rfc.sig.replace(/^0x/, ''));
  });

  it('refuses a blind signature on another message', async () => {
    const key = await tokenKey(b(rfc.n), b(rfc.e));
    const other = b(rfc.msg).map((byte, i) => (i === 0 ? byte ^ 1 : byte));
    await expect(
      finalizeToken(
        key,
        other,
        { inv: b(rfc.inv), randomizer: b(rfc.msg_prefix) },
        b(rfc.blind_sig),
      ),
    ).rejects.toThrow(/invalid signature/);
  });
});

describe.each(sealing.map((v) => [v.name, v]))('token message of vector %s', (_, v) => {
  it('is the one the chain checks the token against', () => {
    const message = tokenMessage(b(v.genesis_hash), Number(v.token_epoch), b(v.lender_key));
    expect(`0x${bytesToHex(message)}`).toBe(v.lender_token_message);
  });
});

describe('a bundle', () => {
  it("a registrar's blind signatures finalize into tokens its key verifies, and no other's", async () => {
    const suite = RSABSSA.SHA384.PSS.Randomized();
    const registrar = await suite.generateKey({
      modulusLength: 2048,
      publicExponent: Uint8Array.of(1, 0, 1),
    });
    const jwk = await crypto.subtle.exportKey('jwk', registrar.publicKey);
    const modulus = new Uint8Array(Buffer.from(jwk.n!, 'base64url'));
    const key = await tokenKey(modulus);
    const message = tokenMessage(new Uint8Array(32).fill(7), 3, new Uint8Array(32).fill(9));
    const blinded = await blindMessage(key, message);
    expect(blinded.blinded).toHaveLength(256);
    expect(blinded.randomizer).toHaveLength(32);
    const blindSignature = await suite.blindSign(registrar.privateKey, blinded.blinded);
    const token = await finalizeToken(key, message, blinded, blindSignature);
    const prepared = Uint8Array.from([...blinded.randomizer, ...message]);
    expect(await suite.verify(registrar.publicKey, token, prepared)).toBe(true);

    const another = await suite.generateKey({
      modulusLength: 2048,
      publicExponent: Uint8Array.of(1, 0, 1),
    });
    const anotherJwk = await crypto.subtle.exportKey('jwk', another.publicKey);
    const anotherKey = await tokenKey(new Uint8Array(Buffer.from(anotherJwk.n!, 'base64url')));
    await expect(finalizeToken(anotherKey, message, blinded, blindSignature)).rejects.toThrow();
  });
});
