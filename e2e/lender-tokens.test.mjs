// Lender tokens on a dev node (docs/identity.md, "Lender tokens"): the registrar (Alice)
// publishes an RSA-2048 key, a verified identity (Dave, the lending company) pays for a
// bundle of blinded tokens, the registrar answers with blind signatures that the node
// checks natively (its host functions), and the company's client unblinds them into
// tokens the registrar's key verifies and the registrar never saw. RFC 9474 on both sides
// is Cloudflare's implementation (@cloudflare/blindrsa-ts), independent of the chain's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RSABSSA } from '@cloudflare/blindrsa-ts';
import { u8aToHex, hexToU8a } from '@polkadot/util';
import { devNodeSuite, findEvent, send } from './lib/chain.mjs';

let api;
let keyring;
devNodeSuite('lender-tokens', (dev) => ({ api, keyring } = dev));

const suite = RSABSSA.SHA384.PSS.Randomized();
const BUNDLE = 10;

/** The registrar's key pair, and its modulus as the chain stores it (256 bytes). */
async function registrarKey() {
  const keys = await suite.generateKey({
    modulusLength: 2048,
    publicExponent: Uint8Array.from([1, 0, 1]),
  });
  const jwk = await crypto.subtle.exportKey('jwk', keys.publicKey);
  const modulus = new Uint8Array(Buffer.from(jwk.n, 'base64url'));
  assert.equal(modulus.length, 256);
  return { ...keys, modulus };
}

/** The chain's token epoch now: its chain day. */
async function epochNow() {
  const block = (await api.rpc.chain.getHeader()).number.toNumber();
  const blocksPerDay = (await api.query.loans.blocksPerDay()).toNumber();
  return { block, blocksPerDay, epoch: Math.floor(block / blocksPerDay) };
}

/** Waits for the first block of a chain day, so that the next epoch is a whole day away. */
async function startOfADay() {
  for (;;) {
    const { block, blocksPerDay } = await epochNow();
    if (block % blocksPerDay === 0) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

test('a verified company buys tokens the registrar signs blind and the node checks', async () => {
  const alice = keyring.addFromUri('//Alice');
  const dave = keyring.addFromUri('//Dave');
  const key = await registrarKey();
  await startOfADay();
  const epoch = (await epochNow()).epoch + 1;

  const set = await send(api, api.tx.creditIdentity.setTokenKey(epoch, key.modulus), alice);
  assert.equal(findEvent(set.events, 'creditIdentity', 'TokenKeySet').epoch, epoch);
  const stored = (await api.query.creditIdentity.tokenKeys(alice.address, epoch)).unwrap();
  assert.equal(stored.modulus.toHex(), u8aToHex(key.modulus));

  // Dave's client: a per-loan key per token (random here), prepared and blinded.
  const messages = Array.from({ length: BUNDLE }, () => crypto.getRandomValues(new Uint8Array(94)));
  const prepared = messages.map((m) => suite.prepare(m));
  const blindings = await Promise.all(prepared.map((p) => suite.blind(key.publicKey, p)));
  const price = (await api.consts.creditIdentity.lenderTokenPrice).toBigInt();
  const request = await send(
    api,
    api.tx.creditIdentity.requestLenderTokens(
      alice.address,
      epoch,
      blindings.map((b) => b.blindedMsg),
    ),
    dave,
  );
  const requested = findEvent(request.events, 'creditIdentity', 'LenderTokensRequested');
  assert.equal(requested.count, BUNDLE);
  assert.equal(BigInt(requested.held), price * BigInt(BUNDLE));
  const requestId = requested.request;

  // The registrar's service reads the blinded tokens from the chain and signs them.
  const pending = (await api.query.creditIdentity.tokenRequests(requestId)).unwrap();
  const blindSignatures = await Promise.all(
    pending.blinded.map((b) => suite.blindSign(key.privateKey, b.toU8a())),
  );

  // A wrong answer is refused by name and changes nothing.
  const swapped = [blindSignatures[1], blindSignatures[0], ...blindSignatures.slice(2)];
  await assert.rejects(
    send(api, api.tx.creditIdentity.issueLenderTokens(requestId, swapped), alice),
    (e) => e.dispatchError === 'creditIdentity.InvalidBlindSignature',
  );
  assert.equal(
    (await api.query.creditIdentity.tokenKeys(alice.address, epoch)).unwrap().issued.toNumber(),
    0,
  );

  const issue = await send(
    api,
    api.tx.creditIdentity.issueLenderTokens(requestId, blindSignatures),
    alice,
  );
  const issued = findEvent(issue.events, 'creditIdentity', 'LenderTokensIssued');
  assert.equal(issued.count, BUNDLE);
  assert.equal(BigInt(issued.fee), price * BigInt(BUNDLE));
  assert.equal(
    (await api.query.creditIdentity.tokenKeys(alice.address, epoch)).unwrap().issued.toNumber(),
    BUNDLE,
  );
  assert.ok((await api.query.creditIdentity.tokenRequests(requestId)).isNone);

  // Dave's client unblinds what the chain published into tokens the registrar's key
  // verifies — and that share no bytes with anything the registrar saw.
  for (let i = 0; i < BUNDLE; i++) {
    const signature = await suite.finalize(
      key.publicKey,
      prepared[i],
      hexToU8a(issued.blindSignatures[i]),
      blindings[i].inv,
    );
    assert.ok(await suite.verify(key.publicKey, signature, prepared[i]));
    assert.notEqual(u8aToHex(signature), issued.blindSignatures[i]);
    assert.ok(!issued.blindSignatures.includes(u8aToHex(signature)));
  }
});

test('an identity that is not verified buys no tokens', async () => {
  const ferdie = keyring.addFromUri('//Ferdie');
  const alice = keyring.addFromUri('//Alice');
  const { epoch } = await epochNow();
  await assert.rejects(
    send(
      api,
      api.tx.creditIdentity.requestLenderTokens(
        alice.address,
        epoch,
        Array.from({ length: BUNDLE }, () => new Uint8Array(256)),
      ),
      ferdie,
    ),
    (e) => e.dispatchError === 'creditIdentity.NotVerified',
  );
});
