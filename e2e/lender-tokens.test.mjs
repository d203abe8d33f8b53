// Lender tokens on a dev node (docs/identity.md, "Lender tokens"): the registrar (Alice)
// publishes an RSA-2048 key, a verified identity (Dave, the lending company) pays for a
// bundle of blinded tokens, the registrar answers with blind signatures that the node
// checks natively (its host functions), and the company's client unblinds them into
// tokens the registrar's key verifies and the registrar never saw. RFC 9474 on both sides
// is Cloudflare's implementation (@cloudflare/blindrsa-ts), independent of the chain's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { u8aToHex, hexToU8a } from '@polkadot/util';
import {
  devNodeSuite,
  extensionHash,
  findEvent,
  generalTransaction,
  lenderActHash,
  lenderTokenMessage,
  privateConsentHash,
  send,
  signConsent,
  waitForEvent,
} from './lib/chain.mjs';
import {
  epochNow as epochAt,
  finalizeToken,
  registrarKey,
  requestTokens as request,
  startOfADay,
  suite,
  untilEpoch as untilEpochOf,
} from './lib/tokens.mjs';

let api;
let keyring;
const dev = devNodeSuite('lender-tokens', (started) => ({ api, keyring } = started));
const epochNow = () => epochAt(api);
const untilEpoch = (epoch) => untilEpochOf(api, epoch);
/** A request of Dave's (or `requester`'s) to Alice: see lib/tokens.mjs. */
const requestTokens = (key, epoch, messages, requester) =>
  request(api, keyring.addFromUri('//Alice'), key, epoch, messages, requester);

const BUNDLE = 10;

test('a verified company buys tokens the registrar signs blind and the node checks', async () => {
  const alice = keyring.addFromUri('//Alice');
  const dave = keyring.addFromUri('//Dave');
  const key = await registrarKey();
  await startOfADay(api);
  const epoch = (await epochNow()).epoch + 1;

  const set = await send(api, api.tx.creditIdentity.setTokenKey(epoch, key.modulus), alice);
  assert.equal(findEvent(set.events, 'creditIdentity', 'TokenKeySet').epoch, epoch);
  const stored = (await api.query.creditIdentity.tokenKeys(alice.address, epoch)).unwrap();
  assert.equal(stored.modulus.toHex(), u8aToHex(key.modulus));

  // Dave's client: a per-loan key per token (random here), prepared and blinded.
  const messages = Array.from({ length: BUNDLE }, () => crypto.getRandomValues(new Uint8Array(94)));
  const price = (await api.consts.creditIdentity.lenderTokenPrice).toBigInt();
  const { prepared, blindings, request } = await requestTokens(key, epoch, messages, dave);
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

test('a private lender records a loan in a general transaction that no account signs or pays', async () => {
  const alice = keyring.addFromUri('//Alice');
  const dave = keyring.addFromUri('//Dave');
  const bob = keyring.addFromUri('//Bob');
  const key = await registrarKey();
  const epoch = (await epochNow()).epoch + 1;
  await send(api, api.tx.creditIdentity.setTokenKey(epoch, key.modulus), alice);

  // Dave's client: ten per-loan keys, derived from its own secret, each blinded for a token.
  const lenderKeys = Array.from({ length: BUNDLE }, (_, n) =>
    keyring.addFromUri(`//Dave//loanchain//lender//${n}`),
  );
  const messages = lenderKeys.map((k) => lenderTokenMessage(api, epoch, k.publicKey));
  const { prepared, blindings, request } = await requestTokens(key, epoch, messages, dave);
  const requestId = findEvent(request.events, 'creditIdentity', 'LenderTokensRequested').request;
  const blindSignatures = await Promise.all(
    blindings.map((b) => suite.blindSign(key.privateKey, b.blindedMsg)),
  );
  await send(api, api.tx.creditIdentity.issueLenderTokens(requestId, blindSignatures), alice);
  /** Token `n`, finalized from the registrar's blind signature. */
  const finalized = (n) =>
    finalizeToken(key, alice.address, epoch, prepared[n], blindings[n], blindSignatures[n]);
  const token = await finalized(0);
  await untilEpoch(epoch);

  // Bob consents off chain to the terms and to the per-loan key — not to an account.
  const lenderKey = lenderKeys[0];
  const bobId = (await api.query.creditIdentity.identities(bob.address)).unwrap().idHash.toHex();
  const details = {
    nonce: u8aToHex(new Uint8Array(12).fill(1)),
    ciphertext: u8aToHex(new Uint8Array(272).fill(7)),
    keyCommitment: u8aToHex(new Uint8Array(32).fill(2)),
    lenderEnvelope: u8aToHex(new Uint8Array(80).fill(3)),
    borrowerEnvelope: u8aToHex(new Uint8Array(80).fill(4)),
  };
  // A consent may look at most MaxConsentDays (two chain days: ten blocks here) ahead.
  const deadline = (await epochNow()).block + 5;
  const hash = privateConsentHash(api, {
    lenderKey: lenderKey.publicKey,
    borrowerId: bobId,
    details,
    deadline,
  });
  const consent = signConsent(bob, hash, deadline);
  const credential = (signature) => ({
    token,
    key: u8aToHex(lenderKey.publicKey),
    signature: u8aToHex(signature),
  });

  // A credential whose key did not sign these terms is refused by the pool, by name.
  const forged = generalTransaction(
    api,
    api.tx.loans.recordPrivate(bob.address, details, consent, credential(bob.sign(hash))),
  );
  const badSignature = api.errors.loans.BadLenderSignature.meta.index.toNumber();
  await assert.rejects(dev.node.rpc('author_submitExtrinsic', [forged]), (e) =>
    String(e.rpc?.data ?? e.message).includes(`Custom error: ${badSignature}`),
  );

  const daveBefore = (await api.query.system.account(dave.address)).data.free.toBigInt();
  const record = generalTransaction(
    api,
    api.tx.loans.recordPrivate(bob.address, details, consent, credential(lenderKey.sign(hash))),
  );
  const recorded = waitForEvent(api, 'loans', 'PrivateLoanRecorded', () => true, 60_000);
  await dev.node.rpc('author_submitExtrinsic', [record]);
  const { loanId, borrower } = await recorded;
  assert.equal(borrower, bob.address);

  // The loan names no lender: a per-loan key, the token's issuer and epoch.
  const loan = (await api.query.loans.loans(loanId)).unwrap();
  assert.ok(loan.lender.isPrivate);
  assert.equal(loan.lender.asPrivate.key.toHex(), u8aToHex(lenderKey.publicKey));
  assert.equal(loan.periodDays.toNumber(), 0);
  assert.ok(loan.maturity.isNone);
  const view = (await api.call.loansApi.loan(loanId)).unwrap().toJSON();
  assert.equal(view.lender, null);
  assert.equal(view.lenderId, null);
  assert.equal((await api.query.loans.lenderKeys(lenderKey.publicKey)).unwrap().toNumber(), loanId);
  // Dave paid nothing, and its nonce did not move for it.
  assert.equal((await api.query.system.account(dave.address)).data.free.toBigInt(), daveBefore);

  // The key again, on a new consent of Bob's: refused, the key serves one loan.
  const again = privateConsentHash(api, {
    lenderKey: lenderKey.publicKey,
    borrowerId: bobId,
    details,
    deadline: deadline + 1,
  });
  const replay = generalTransaction(
    api,
    api.tx.loans.recordPrivate(
      bob.address,
      details,
      signConsent(bob, again, deadline + 1),
      credential(lenderKey.sign(again)),
    ),
  );
  const used = api.errors.loans.LenderKeyUsed.meta.index.toNumber();
  await assert.rejects(dev.node.rpc('author_submitExtrinsic', [replay]), (e) =>
    String(e.rpc?.data ?? e.message).includes(`Custom error: ${used}`),
  );

  // Two more loans in one batch, each with its own token and key (a company's hundreds a
  // transaction): admitted whole, recorded in one block. Tokens serve their epoch and the
  // next (two chain days: a minute here), so the batch comes before the acts.
  const records = [];
  for (const n of [1, 2]) {
    const batchDeadline = (await epochNow()).block + 5;
    const terms = { ...details, nonce: u8aToHex(new Uint8Array(12).fill(n + 1)) };
    const h = privateConsentHash(api, {
      lenderKey: lenderKeys[n].publicKey,
      borrowerId: bobId,
      details: terms,
      deadline: batchDeadline,
    });
    records.push({
      borrower: bob.address,
      details: terms,
      consent: signConsent(bob, h, batchDeadline),
      lender: {
        token: await finalized(n),
        key: u8aToHex(lenderKeys[n].publicKey),
        signature: u8aToHex(lenderKeys[n].sign(h)),
      },
    });
  }
  // A batch with one key twice is refused by the pool, by name.
  await assert.rejects(
    dev.node.rpc('author_submitExtrinsic', [
      generalTransaction(api, api.tx.loans.recordPrivateBatch([records[0], records[0]])),
    ]),
    (e) => String(e.rpc?.data ?? e.message).includes(`Custom error: ${used}`),
  );
  await dev.node.rpc('author_submitExtrinsic', [
    generalTransaction(api, api.tx.loans.recordPrivateBatch(records)),
  ]);
  const ids = [];
  for (let tries = 0; ids.length < 2; tries++) {
    assert.ok(tries < 60, 'the batch was not recorded within a minute');
    await new Promise((r) => setTimeout(r, 1000));
    ids.length = 0;
    for (const n of [1, 2]) {
      const id = await api.query.loans.lenderKeys(lenderKeys[n].publicKey);
      if (id.isSome) ids.push(id.unwrap().toNumber());
    }
  }
  const [first, second] = await api.query.loans.loans.multi(ids);
  assert.equal(
    first.unwrap().activated.unwrap().block.toNumber(),
    second.unwrap().activated.unwrap().block.toNumber(),
  );
  assert.ok(first.unwrap().lender.isPrivate && second.unwrap().lender.isPrivate);
  assert.equal(
    (await api.query.creditIdentity.tokenKeys(alice.address, epoch)).unwrap().spent.toNumber(),
    3,
  );

  // The lender acts by its per-loan key: it opens the loan to paid access.
  const act = { SetDisclosure: { disclosure: { Paid: { price: 1_000_000_000 } } } };
  const actHash = lenderActHash(api, loanId, 0, act);
  const disclosed = waitForEvent(
    api,
    'loans',
    'DisclosureChanged',
    (e) => e.loanId === loanId,
    60_000,
  );
  await dev.node.rpc('author_submitExtrinsic', [
    generalTransaction(api, api.tx.loans.actAsLender(loanId, 0, act, lenderKey.sign(actHash))),
  ]);
  assert.deepEqual((await disclosed).disclosure, { paid: { price: 1_000_000_000 } });

  // The lender offers more days, sealed under the loan's content key (the chain cannot
  // read them); Bob confirms exactly that offer, by its hash, with his account.
  const offer = {
    nonce: u8aToHex(new Uint8Array(12).fill(9)),
    ciphertext: u8aToHex(new Uint8Array(20).fill(5)),
  };
  const extension = { ProposeExtension: { offer } };
  const offered = waitForEvent(
    api,
    'loans',
    'SealedExtensionProposed',
    (e) => e.loanId === loanId,
    60_000,
  );
  await dev.node.rpc('author_submitExtrinsic', [
    generalTransaction(
      api,
      api.tx.loans.actAsLender(
        loanId,
        1,
        extension,
        lenderKey.sign(lenderActHash(api, loanId, 1, extension)),
      ),
    ),
  ]);
  assert.equal((await offered).index, 0);
  const another = { ...offer, nonce: u8aToHex(new Uint8Array(12).fill(10)) };
  await assert.rejects(
    send(
      api,
      api.tx.loans.confirmSealedExtension(loanId, extensionHash(api, loanId, 0, another)),
      bob,
    ),
    (e) => e.dispatchError === 'loans.ExtensionNotOffered',
  );
  const confirmed = await send(
    api,
    api.tx.loans.confirmSealedExtension(loanId, extensionHash(api, loanId, 0, offer)),
    bob,
  );
  assert.deepEqual(findEvent(confirmed.events, 'loans', 'SealedExtensionConfirmed'), {
    loanId,
    index: 0,
  });
  const [stored] = await api.query.loans.sealedExtensions(loanId);
  assert.ok(stored.confirmedAt.isSome);
  assert.equal(stored.offer.ciphertext.toHex(), offer.ciphertext);
  // The loan itself still shows no period and no maturity.
  const extended = (await api.query.loans.loans(loanId)).unwrap();
  assert.equal(extended.periodDays.toNumber(), 0);
  assert.ok(extended.maturity.isNone);
});
