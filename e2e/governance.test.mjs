// Governance on a dev node, where Alice is the only institution and her motions pass at
// once: what a motion cannot reach stays out of reach, an
// upgrade is announced and cannot be applied early, and the announced hash can be checked
// against a local build. governance-network.test.mjs runs motions of three institutions,
// validator changes and a whole upgrade on a four-validator network.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { blake2AsHex } from '@polkadot/util-crypto';
import { findUnknownExtensions } from '@polkadot/types/extrinsic/signedExtensions';
import { startNode } from './lib/node.mjs';
import { failure, motion as motionOf, sendAll } from './lib/governance.mjs';
import {
  connect,
  send,
  findEvent,
  loanctl,
  personId,
  x25519,
  activeLoan,
  balance,
  UNIT,
} from './lib/chain.mjs';

let node;
let api;
let keyring;
let alice;

before(async () => {
  node = await startNode(['--dev', '--tmp'], { name: 'governance' });
  ({ api, keyring } = await connect(node.wsUrl));
  alice = keyring.addFromUri('//Alice');
});

after(async () => {
  await api?.disconnect();
  await node?.stop();
});

/**
 * Alice, the dev chain's only institution, proposes `call` with threshold 1: it runs at
 * once. Resolves to the `institutions.Executed` event's fields.
 */
async function motion(call) {
  const executed = await motionOf(api, call, [alice]);
  assert.ok(executed, 'the motion was executed');
  return executed;
}

test('motions that reach for a loan record or the funds behind it fail and change nothing', async () => {
  const lender = keyring.addFromUri('//Dave');
  const borrower = keyring.addFromUri('//Bob');
  const { loanId } = await activeLoan(api, {
    lender,
    borrower,
    terms: {
      amount: '1000.00',
      currency: 'CNY',
      rate: '0.05',
      start: '2026-11-21',
      period_days: 30,
    },
  });
  const loanKey = api.query.loans.loans.key(loanId);
  const snapshot = async () =>
    JSON.stringify(
      {
        loan: (await api.rpc.state.getStorage(loanKey)).toHex(),
        lender: await balance(api, lender.address),
        borrower: await balance(api, borrower.address),
      },
      (_, v) => (typeof v === 'bigint' ? v.toString() : v),
    );
  const before = await snapshot();
  const reaching = [
    api.tx.system.setStorage([[loanKey, '0x00']]),
    api.tx.system.killStorage([loanKey]),
    api.tx.system.killPrefix(loanKey.slice(0, 2 + 64), 10),
    api.tx.system.authorizeUpgrade(blake2AsHex('0x00')),
    api.tx.balances.forceUnreserve(borrower.address, UNIT),
    api.tx.balances.forceTransfer(lender.address, alice.address, UNIT),
    api.tx.loans.withdraw(loanId),
  ];
  const motions = await sendAll(
    api,
    reaching.map((call) => api.tx.institutions.propose(1, call, call.method.encodedLength)),
    alice,
  );
  for (const [i, { events }] of motions.entries()) {
    const call = reaching[i].method;
    assert.deepEqual(
      findEvent(events, 'institutions', 'Executed')?.result,
      { err: { badOrigin: null } },
      `${call.section}.${call.method}`,
    );
  }
  assert.equal(await snapshot(), before);
  // And an account that is not an institution cannot even propose.
  const call = api.tx.creditIdentity.addRegistrar(borrower.address);
  assert.equal(
    await failure(api, api.tx.institutions.propose(1, call, call.method.encodedLength), borrower),
    'institutions.NotMember',
  );
});

test('an upgrade is announced with its code hash and cannot be applied before its delay', async () => {
  const code = (await api.rpc.state.getStorage(':code')).toHex();
  const codeHash = blake2AsHex(code);
  const header = await api.rpc.chain.getHeader();
  const { events } = await motion(api.tx.upgrades.authorizeUpgrade(codeHash));
  const announced = findEvent(events, 'upgrades', 'UpgradeAuthorized');
  assert.equal(announced.codeHash, codeHash);
  const delay = 7 * 5; // seven chain days of five blocks
  assert.ok(announced.applicableAt >= header.number.toNumber() + delay, JSON.stringify(announced));
  assert.deepEqual((await api.query.upgrades.pending()).toJSON(), announced);

  const anyone = keyring.addFromUri('//Ferdie');
  assert.equal(
    await failure(api, api.tx.upgrades.applyUpgrade(code), anyone),
    'upgrades.UpgradeDelayNotOver',
  );
  assert.equal(
    await failure(api, api.tx.system.applyAuthorizedUpgrade(code), anyone),
    'system.NothingAuthorized',
  );
  const cancelled = await motion(api.tx.upgrades.cancelUpgrade());
  assert.deepEqual(findEvent(cancelled.events, 'upgrades', 'UpgradeCancelled'), { codeHash });
  assert.equal((await api.query.upgrades.pending()).isNone, true);
});

test('scripts/runtime-hash.sh prints the hash of the runtime the node runs', async () => {
  const output = execFileSync('scripts/runtime-hash.sh', { encoding: 'utf8' });
  const printed = /^code_hash (0x[0-9a-f]{64})$/m.exec(output)?.[1];
  assert.ok(printed, output);
  const onChain = blake2AsHex((await api.rpc.state.getStorage(':code')).toHex());
  assert.equal(printed, onChain);
});

test('the transaction extensions are the standard ones: @polkadot/api knows every one', () => {
  const extensions = api.registry.signedExtensions;
  assert.deepEqual(findUnknownExtensions(extensions), [], extensions.join(', '));
  assert.ok(extensions.includes('CheckMetadataHash'));
});
