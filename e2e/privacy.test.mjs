// On a live chain: recognizable loan terms, taken through every state short of publication,
// appear nowhere in the whole chain state. Only the published content key reaches state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  devNodeSuite,
  findEvent,
  loanctl,
  proposalHash,
  seal,
  sealOutcome,
  send,
} from './lib/chain.mjs';

const MARKER = 'RECOGNIZABLE-PLAINTEXT-e2e-51c7';
const hex = (s) => Buffer.from(s, 'utf8').toString('hex');

let node;
let api;
let keyring;

devNodeSuite('privacy', (dev) => ({ node, api, keyring } = dev));

/** Every key and value of the state at the best block, as one hex string. */
async function wholeState() {
  const at = await node.rpc('chain_getBlockHash');
  let dump = '';
  let start = null;
  for (;;) {
    const keys = await node.rpc('state_getKeysPaged', ['0x', 500, start, at]);
    if (keys.length === 0) break;
    const [{ changes }] = await node.rpc('state_queryStorageAt', [keys, at]);
    for (const [key, value] of changes) dump += `${key}|${value ?? ''}|`;
    if (keys.length < 500) break;
    start = keys[keys.length - 1];
  }
  return dump.toLowerCase();
}

test('the terms of a loan never reach state until its key is published', async () => {
  const company = keyring.addFromUri('//Dave');
  const borrower = keyring.addFromUri('//Charlie');
  const viewer = keyring.addFromUri('//Bob');
  const identity = async (who) => (await api.query.creditIdentity.identities(who.address)).unwrap();
  const [dave, charlie, bob] = [
    await identity(company),
    await identity(borrower),
    await identity(viewer),
  ];
  const terms = {
    amount: '88888.88',
    currency: 'CNY',
    rate: '0.09',
    start: '2026-11-21',
    period_days: 1,
    note: MARKER,
  };
  const sealed = seal(
    terms,
    charlie.idHash.toHex(),
    dave.encryptionKey.toHex(),
    charlie.encryptionKey.toHex(),
  );
  const marker = hex(MARKER);
  const key = sealed.contentKey.slice(2);
  const check = async (stage) => {
    const state = await wholeState();
    assert.ok(
      state.includes(sealed.details.ciphertext.slice(2)),
      `the dump covers the loan (${stage})`,
    );
    assert.ok(!state.includes(marker), `plaintext in state when ${stage}`);
    assert.ok(!state.includes(key), `content key in state when ${stage}`);
  };

  const proposed = await send(
    api,
    api.tx.loans.propose(borrower.address, 'Lender', 1, sealed.details),
    company,
  );
  const { loanId } = findEvent(proposed.events, 'loans', 'LoanProposed');
  await check('proposed');
  await send(api, api.tx.loans.accept(loanId, await proposalHash(api, loanId)), borrower);
  await check('active');
  await send(api, api.tx.loans.proposeExtension(loanId, 1), company);
  await check('extension proposed');
  const price = 10n ** 12n;
  await send(api, api.tx.loans.setDisclosure(loanId, { Paid: { price } }), company);
  await send(api, api.tx.loans.requestAccess(loanId, price), viewer);
  const envelope = loanctl(
    'envelope',
    '--content-key',
    sealed.contentKey,
    '--viewer-key',
    bob.encryptionKey.toHex(),
  );
  await send(api, api.tx.loans.grantAccess(loanId, viewer.address, envelope), company);
  await check('paid and granted');
  const outcome = sealOutcome(node.wsUrl, loanId, 'performed', { contentKey: sealed.contentKey });
  await send(api, api.tx.loans.conclude(loanId, outcome, { Paid: { price: 10n ** 12n } }), company);
  await check('concluded');

  // Publishing puts the key, and only the key, in state.
  await send(
    api,
    api.tx.loans.setDisclosure(loanId, { Public: { contentKey: sealed.contentKey } }),
    company,
  );
  const state = await wholeState();
  assert.ok(state.includes(key), 'the published key is in state');
  assert.ok(!state.includes(marker), 'the plaintext itself is still not stored');
  assert.equal(
    (await node.rpc('loans_loan', [loanId])).details.note,
    MARKER,
    'but anyone can now read it',
  );
});
