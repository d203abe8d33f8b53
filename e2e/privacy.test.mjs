// On a live chain: recognizable loan terms, taken through every state short of publication,
// appear nowhere in the whole chain state. Only the published content key reaches state.
// And no ID number, nor any id computable from one without the registrars, is in state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blake2AsHex } from '@polkadot/util-crypto';
import {
  devNodeSuite,
  findEvent,
  kycId,
  loanctl,
  personId,
  proposalHash,
  seal,
  sealOutcome,
  send,
  x25519,
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

test('no ID number is in state, and no id anyone could compute from a number alone', async () => {
  // A person registered the v2 way: the registrar (Alice, the dev chain's) computes the id
  // with the registrars' service; the person registers it; Alice verifies.
  const person = keyring.addFromUri('//Loanchain/PrivacyScan');
  const alice = keyring.addFromUri('//Alice');
  await send(api, api.tx.balances.transferKeepAlive(person.address, 10n ** 14n), alice);
  const number = personId('32010219920229004');
  const id = kycId(node, 'Person', number);
  await send(api, api.tx.creditIdentity.register('Person', id, x25519().publicKey), person);
  await send(api, api.tx.creditIdentity.verify(person.address, id, 'Person'), alice);

  // The dev identities' numbers (docs/dev-accounts.md) and this one, and what anyone could
  // compute from them without the registrars: the v1 ids (Argon2id with the public salt,
  // as v1 clients computed them) and a plain blake2-256 of the tagged number.
  const numbers = [
    ['P:', '11010519491231002X'],
    ['P:', '440304199001011233'],
    ['E:', '91350100M000100Y43'],
    ['P:', '310115198511204566'],
    ['P:', number],
  ];
  const v1 = [
    'aeb843a398995fc633785a2b2f972d09cfa71c9faeefa0163ace656e86da34a8',
    '56c2901497886b600fa84ea97fcffe44af1fc5480beed542d693a26e28fd7c15',
    '0e415a41881559673c6fceb9dd7c936aa90f4c220609d0de0b01aad0121ffc93',
    'f797dfa7ef33addfcf3edb530b2ff8d60219811c6c4e53a66cd060bc959aea9d',
  ];
  const state = await wholeState();
  // The dump covers the identities: the ids the registrars computed are there.
  assert.ok(state.includes(id.slice(2)), "the new person's id is in state");
  assert.ok(state.includes('cc63b3e5b34a857e13f659fad55643a30305079fa1029b8157d1fbf5cd6dba0c'));
  for (const [tag, n] of numbers) {
    assert.ok(!state.includes(hex(n).toLowerCase()), `${n} in state`);
    assert.ok(!state.includes(hex(n.slice(0, 17))), `${n}'s first 17 digits in state`);
    assert.ok(!state.includes(blake2AsHex(tag + n).slice(2)), `blake2(${tag}${n}) in state`);
  }
  for (const hash of v1) assert.ok(!state.includes(hash), `the v1 id ${hash} in state`);
});
