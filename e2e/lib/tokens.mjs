// Lender tokens as the clients make them (RFC 9474, RSABSSA-SHA384-PSS-Randomized, by
// @cloudflare/blindrsa-ts, an implementation independent of the node's): the registrar's
// key, a lender's blinded requests and its finalized tokens, and the chain's token epochs.
import assert from 'node:assert/strict';
import { KeyObject, constants, privateDecrypt } from 'node:crypto';
import { RSABSSA } from '@cloudflare/blindrsa-ts';
import { findEvent, lenderTokenMessage, send } from './chain.mjs';

export const suite = RSABSSA.SHA384.PSS.Randomized();

/** A registrar's key pair, and its modulus as the chain stores it (256 bytes). */
export async function registrarKey() {
  const keys = await suite.generateKey({
    modulusLength: 2048,
    publicExponent: Uint8Array.from([1, 0, 1]),
  });
  const jwk = await crypto.subtle.exportKey('jwk', keys.publicKey);
  const modulus = new Uint8Array(Buffer.from(jwk.n, 'base64url'));
  assert.equal(modulus.length, 256);
  return { ...keys, modulus };
}

/**
 * A lender's client asks `registrar` for a token on each of `messages` under `key` of
 * `epoch`: each message prepared (RFC 9474's randomizer before it) and blinded, the request
 * paid by `requester`.
 */
export async function requestTokens(api, registrar, key, epoch, messages, requester) {
  const { prepared, blindings } = await blindMessages(key, messages);
  const request = await submitRequest(api, registrar, epoch, blindings, requester);
  return { prepared, blindings, request };
}

/** Each message prepared (RFC 9474's randomizer before it) and blinded to `key`. */
export async function blindMessages(key, messages) {
  const prepared = messages.map((m) => suite.prepare(m));
  const blindings = await Promise.all(prepared.map((p) => suite.blind(key.publicKey, p)));
  return { prepared, blindings };
}

/** `requester` asks `registrar` to sign `blindings` under its key of `epoch`. */
export function submitRequest(api, registrar, epoch, blindings, requester) {
  return send(
    api,
    api.tx.creditIdentity.requestLenderTokens(
      registrar.address,
      epoch,
      blindings.map((b) => b.blindedMsg),
    ),
    requester,
  );
}

/**
 * The token a lender's client finalizes from the registrar's blind signature on its
 * `prepared` message, as `record_private` takes it.
 */
export async function finalizeToken(key, issuer, epoch, prepared, blinding, blindSignature) {
  return {
    issuer,
    epoch,
    // RFC 9474's prepared message is the 32-byte randomizer, then the message.
    randomizer: prepared.slice(0, 32),
    signature: await suite.finalize(key.publicKey, prepared, blindSignature, blinding.inv),
  };
}

/** The chain's token epoch now: its chain day. */
export async function epochNow(api) {
  const block = (await api.rpc.chain.getHeader()).number.toNumber();
  const blocksPerDay = (await api.query.loans.blocksPerDay()).toNumber();
  return { block, blocksPerDay, epoch: Math.floor(block / blocksPerDay) };
}

/** Waits until the chain's token epoch is `epoch`. */
export async function untilEpoch(api, epoch) {
  while ((await epochNow(api)).epoch < epoch) await new Promise((r) => setTimeout(r, 1000));
}

/** Waits for the first block of a chain day, so that the next epoch is a whole day away. */
export async function startOfADay(api) {
  for (;;) {
    const { block, blocksPerDay } = await epochNow(api);
    if (block % blocksPerDay === 0) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/**
 * The registrar's blind signature on `blindedMsg` (RFC 9474's BlindSign: RSASP1 under the
 * private key) by OpenSSL's RSA without padding, a hundred times faster than the pure
 * JavaScript of `suite.blindSign`, for tests that issue hundreds of tokens.
 */
export function registrarSign(key, blindedMsg) {
  return new Uint8Array(
    privateDecrypt(
      { key: KeyObject.from(key.privateKey), padding: constants.RSA_NO_PADDING },
      blindedMsg,
    ),
  );
}

/**
 * `registrar`'s answer to token request `request` (its number), as its token service gives
 * it: each of the request's `blinded` messages (as the chain stores them) signed blind under
 * `key`. Resolves when the answer is in a block.
 */
export function issueTokens(api, registrar, key, request, blinded) {
  return send(
    api,
    api.tx.creditIdentity.issueLenderTokens(
      request,
      blinded.map((b) => registrarSign(key, b.toU8a())),
    ),
    registrar,
  );
}

/**
 * A bundle of lender tokens bought by `lender` from `registrar` for its per-loan `keys`
 * (ten, a bundle's size), good from the next token epoch: the registrar publishes a fresh
 * key for it, the lender's client blinds the keys' messages and pays, the registrar answers
 * on chain, and the client finalizes. Resolves, once that epoch has come, to the tokens in
 * the order of `keys`.
 */
export async function boughtTokens(api, registrar, lender, keys) {
  const key = await registrarKey();
  const epoch = (await epochNow(api)).epoch + 1;
  await send(api, api.tx.creditIdentity.setTokenKey(epoch, key.modulus), registrar);
  const messages = keys.map((k) => lenderTokenMessage(api, epoch, k.publicKey));
  const { prepared, blindings, request } = await requestTokens(
    api,
    registrar,
    key,
    epoch,
    messages,
    lender,
  );
  const requestId = findEvent(request.events, 'creditIdentity', 'LenderTokensRequested').request;
  const blindSignatures = blindings.map((b) => registrarSign(key, b.blindedMsg));
  await send(api, api.tx.creditIdentity.issueLenderTokens(requestId, blindSignatures), registrar);
  const tokens = await Promise.all(
    keys.map((_, n) =>
      finalizeToken(key, registrar.address, epoch, prepared[n], blindings[n], blindSignatures[n]),
    ),
  );
  await untilEpoch(api, epoch);
  return tokens;
}
