// Governance on a real four-validator network on loopback (--chain local): Alice, Bob,
// Charlie and Dave are the institutions, and a motion needs three of them. Registrars come
// and go by motion; motions that reach for a loan record or the funds behind it fail and
// change nothing; a second build of the runtime is announced, applied after its delay while
// loan transactions keep arriving, and leaves the record byte-for-byte as it was.
// validators-network.test.mjs changes the validators on a network of its own, beside this
// file (the end-to-end files run side by side).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { u8aToHex } from '@polkadot/util';
import { blake2AsHex } from '@polkadot/util-crypto';
import { finalizedNumber, waitForFinalized } from './lib/node.mjs';
import {
  send,
  findEvent,
  idHashArgs,
  kycId,
  loanctlFails,
  personId,
  x25519,
  activeLoan,
  balance,
  identityOf,
  UNIT,
} from './lib/chain.mjs';
import {
  failure,
  motion,
  sendAll,
  until,
  waitForBlock,
  prefixOf,
  storageUnder,
  localNetworkSuite,
} from './lib/governance.mjs';

const TERMS = {
  amount: '2500.00',
  currency: 'CNY',
  rate: '0.06',
  start: '2026-11-21',
  period_days: 30,
};
let api;
let keyring;
let institutions; // Alice, Bob, Charlie, Dave
let upgradeCode;
const net = localNetworkSuite('gov-net', (started) => {
  ({ api, keyring, institutions } = started);
  // The runtime to upgrade to: this one with spec_version one higher (scripts/test.sh has
  // built it before the end-to-end tests; this is then a check that it is up to date).
  const path = execFileSync('scripts/build-upgrade-runtime.sh', { encoding: 'utf8' }).trim();
  upgradeCode = u8aToHex(readFileSync(path));
});
const { nodes } = net;

/** A motion passed by three of the four institutions. */
const byThreeOfFour = (call) => motion(api, call, institutions.slice(0, 3));

test('three of four institutions appoint a registrar, then dismiss it; bad votes change nothing', async () => {
  const [alice, bob] = institutions;
  const ferdie = keyring.addFromUri('//Ferdie');
  const applicants = [1, 2].map((n) => keyring.addFromUri(`//Loanchain/Applicant${n}`));
  // Ferdie takes the fifth share of the test chains' 3-of-n dealing (index 5 is free).
  const share = {
    index: 5,
    element: '0x8a73434a628b3f391a3545085a7363ab7eeea2b7411d66fa8914712cb166de00',
  };
  const add = api.tx.creditIdentity.addRegistrar(ferdie.address, share);
  const length = add.method.encodedLength;
  // Bad input first: a motion from an account that is not an institution.
  const [nonMember] = await Promise.all([
    failure(api, api.tx.institutions.propose(3, add, length), ferdie),
    send(api, api.tx.balances.transferKeepAlive(applicants[0].address, 100n * UNIT), alice),
    send(api, api.tx.balances.transferKeepAlive(applicants[1].address, 100n * UNIT), bob),
  ]);
  assert.equal(nonMember, 'institutions.NotMember');
  const claims = applicants.map((who, i) => ({
    who,
    // Alice's KYC, with two other registrars' services (t = 3).
    idHash: kycId(nodes.alice, 'Person', personId(`3101151990010120${i}`), {
      registrars: [nodes.alice, nodes.bob, nodes.charlie],
    }),
  }));
  const [proposed] = await Promise.all([
    send(api, api.tx.institutions.propose(3, add, length), alice),
    ...claims.map(({ who, idHash }) =>
      send(api, api.tx.creditIdentity.register('Person', idHash, x25519().publicKey), who),
    ),
  ]);
  const { proposalIndex, proposalHash } = findEvent(proposed.events, 'institutions', 'Proposed');
  const vote = () => api.tx.institutions.vote(proposalHash, proposalIndex, true);
  await Promise.all([alice, bob].map((who) => send(api, vote(), who)));
  // A second vote by the same institution, and closing with two ayes of the three needed.
  const { weight } = await add.paymentInfo(alice.address);
  const close = api.tx.institutions.close(proposalHash, proposalIndex, weight, length);
  const charlie = institutions[2];
  assert.deepEqual(await Promise.all([failure(api, vote(), bob), failure(api, close, charlie)]), [
    'institutions.DuplicateVote',
    'institutions.TooEarly',
  ]);
  assert.equal(
    (await api.query.creditIdentity.registrars()).map(String).includes(ferdie.address),
    false,
  );
  // The third aye, and the motion passes.
  await send(api, vote(), charlie);
  const closed = await send(
    api,
    api.tx.institutions.close(proposalHash, proposalIndex, weight, length),
    charlie,
  );
  assert.deepEqual(findEvent(closed.events, 'institutions', 'Executed').result, { ok: null });
  const added = findEvent(closed.events, 'creditIdentity', 'RegistrarAdded');
  assert.deepEqual(added.oprfPublicShare, share);
  assert.equal(
    (await api.query.creditIdentity.oprfShares(ferdie.address)).unwrap().element.toHex(),
    share.element,
  );

  const verified = await send(
    api,
    api.tx.creditIdentity.verify(claims[0].who.address, claims[0].idHash, 'Person'),
    ferdie,
  );
  assert.ok(findEvent(verified.events, 'creditIdentity', 'IdentityVerified'));

  const removed = await byThreeOfFour(api.tx.creditIdentity.removeRegistrar(ferdie.address));
  assert.deepEqual(removed.result, { ok: null });
  assert.ok((await api.query.creditIdentity.oprfShares(ferdie.address)).isNone);
  assert.equal(
    await failure(
      api,
      api.tx.creditIdentity.verify(claims[1].who.address, claims[1].idHash, 'Person'),
      ferdie,
    ),
    'creditIdentity.NotARegistrar',
  );
});

test('any three of the four registrars compute an id together; two cannot', () => {
  // Each node runs as its institution (--alice …) and serves its share of the test chains'
  // 3-of-4 dealing; Alice's KYC asks the others, checking their proofs against the shares
  // on chain (read from her own node).
  const nextId = (...names) =>
    loanctlFails(
      ...idHashArgs(nodes.alice, 'Person', '11010519491231002X', {
        registrars: names.map((name) => nodes[name]),
      }),
    );
  // The same id as the dev chain's registrar computes alone (registrars.test.mjs).
  const id = '0xcc63b3e5b34a857e13f659fad55643a30305079fa1029b8157d1fbf5cd6dba0c';
  for (const three of [
    ['bob', 'charlie', 'dave'],
    ['alice', 'charlie', 'dave'],
    ['dave', 'alice', 'bob'],
  ]) {
    const { status, stdout } = nextId(...three);
    assert.equal(status, 0, three.join());
    assert.equal(stdout.trim(), id, three.join());
  }
  const two = nextId('bob', 'charlie');
  assert.equal(two.status, 1);
  assert.match(two.stderr, /2 of the 3 registrars' answers needed/);
});

let applicableAt; // the block from which the announced upgrade can be applied

test('an upgrade is announced by vote and cannot be applied before its delay', async () => {
  const [, bob] = institutions;
  const eve = keyring.addFromUri('//Eve');
  // The record the upgrade must leave alone: two loans that took effect (Dave's company
  // and Bob lend to Eve).
  for (const lender of [keyring.addFromUri('//Dave'), bob]) {
    await activeLoan(api, { lender, borrower: eve, terms: TERMS });
  }

  const codeHash = blake2AsHex(upgradeCode);
  const announced = await byThreeOfFour(api.tx.upgrades.authorizeUpgrade(codeHash));
  assert.deepEqual(announced.result, { ok: null });
  const pending = (await api.query.upgrades.pending()).unwrap().toJSON();
  assert.equal(pending.codeHash, codeHash);
  applicableAt = pending.applicableAt;
  assert.equal(
    await failure(api, api.tx.upgrades.applyUpgrade(upgradeCode), keyring.addFromUri('//Ferdie')),
    'upgrades.UpgradeDelayNotOver',
  );
});

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
  const [alice] = institutions;
  const reaching = [
    api.tx.system.setStorage([[loanKey, '0x00']]),
    api.tx.system.killStorage([loanKey]),
    api.tx.system.killPrefix(loanKey.slice(0, 2 + 64), 10),
    api.tx.system.authorizeUpgrade(blake2AsHex('0x00')),
    api.tx.balances.forceUnreserve(borrower.address, UNIT),
    api.tx.balances.forceTransfer(lender.address, alice.address, UNIT),
    api.tx.loans.withdraw(loanId),
  ];
  // Every motion at once: proposed by Alice, voted by Bob and Charlie too, closed by Charlie.
  const three = institutions.slice(0, 3);
  const proposals = (
    await sendAll(
      api,
      reaching.map((call) => api.tx.institutions.propose(3, call, call.method.encodedLength)),
      alice,
    )
  ).map(({ events }) => findEvent(events, 'institutions', 'Proposed'));
  const votes = ({ proposalHash, proposalIndex }) =>
    api.tx.institutions.vote(proposalHash, proposalIndex, true);
  await Promise.all(three.map((who) => sendAll(api, proposals.map(votes), who)));
  const closes = await Promise.all(
    reaching.map(async (call, i) => {
      const { proposalHash, proposalIndex } = proposals[i];
      const { weight } = await call.paymentInfo(alice.address);
      return api.tx.institutions.close(
        proposalHash,
        proposalIndex,
        weight,
        call.method.encodedLength,
      );
    }),
  );
  const motions = await sendAll(api, closes, three[2]);
  for (const [i, { events }] of motions.entries()) {
    const call = reaching[i].method;
    assert.deepEqual(
      findEvent(events, 'institutions', 'Executed')?.result,
      { err: { badOrigin: null } },
      `${call.section}.${call.method}`,
    );
  }
  assert.equal(await snapshot(), before);
});

/**
 * The events of the block that set the new code. The old runtime emitted them, but the
 * block's state already holds the new code, so @polkadot/api may decode them with the new
 * runtime's metadata (its type ids differ) and find none: decode them with the metadata of
 * the runtime that ran the block, the parent's.
 */
async function eventsOfUpgradeBlock(blockHash) {
  const { parentHash } = await api.rpc.chain.getHeader(blockHash);
  const ran = await api.at(parentHash);
  const entry = ran.query.system.events;
  const raw = await api.rpc.state.getStorage(entry.key(), blockHash);
  const type = ran.registry.createLookupType(entry.creator.meta.type.asPlain);
  return ran.registry.createType(type, raw.toU8a(true)).map((record) => record.event);
}

test('after its delay the upgrade is applied while loans keep arriving; the record is untouched', async () => {
  const [, , charlie] = institutions;
  const dave = keyring.addFromUri('//Dave');
  const ferdie = keyring.addFromUri('//Ferdie');
  const codeHash = blake2AsHex(upgradeCode);

  // Loan transactions keep arriving around the upgrade: Dave's company lends to Charlie,
  // over and over.
  let traffic = true;
  const during = [];
  const refused = []; // signed for the old runtime, refused by the new one
  const load = (async () => {
    // Until the test stops it, or the file ends early (a failed assertion must not leave
    // this loop running against stopped nodes).
    while (traffic && !net.finished) {
      try {
        during.push(
          (await activeLoan(api, { lender: dave, borrower: charlie, terms: TERMS })).loanId,
        );
      } catch (e) {
        refused.push(e.message);
      }
    }
  })();

  await waitForBlock(api, applicableAt);
  await until(async () => during.length >= 2, 120_000, 'loans before the upgrade');
  const before = (await api.rpc.chain.getBlockHash()).toHex();
  const prefixes = ['Loans', 'BorrowerLoans', 'LenderLoans'].map((item) => prefixOf('Loans', item));
  const record = (at) => Promise.all(prefixes.map((p) => storageUnder(nodes.alice.rpc, p, at)));
  const eveId = (await identityOf(api, keyring.addFromUri('//Eve').address)).idHash;
  const summary = async (at) =>
    JSON.stringify(await nodes.alice.rpc('loans_borrowerSummary', [eveId, at]));
  const [recordBefore, summaryBefore] = [await record(before), await summary(before)];

  // Any code but the announced one is refused, even after the delay.
  const current = (await api.rpc.state.getStorage(':code')).toHex();
  assert.equal(
    await failure(api, api.tx.upgrades.applyUpgrade(current), ferdie),
    'upgrades.CodeHashMismatch',
  );
  const applied = await send(api, api.tx.upgrades.applyUpgrade(upgradeCode), ferdie);
  const events = await eventsOfUpgradeBlock(applied.blockHash);
  assert.deepEqual(findEvent(events, 'upgrades', 'UpgradeApplied'), { codeHash });
  assert.ok(findEvent(events, 'system', 'CodeUpdated'));
  const upgradedAt = (await api.rpc.chain.getHeader(applied.blockHash)).number.toNumber();
  const loansBeforeUpgrade = during.length;
  await waitForBlock(api, upgradedAt + 1);
  assert.equal((await api.rpc.state.getRuntimeVersion()).specVersion.toNumber(), 102);
  // Loans keep taking effect under the new runtime.
  await until(async () => during.length >= loansBeforeUpgrade + 2, 120_000, 'loans after');
  traffic = false;
  await load;
  // A wallet re-signs what the upgrade made stale (its spec version is signed): at most
  // the transactions in flight at the upgrade.
  assert.ok(refused.length <= 2, refused.join('; '));

  const after = (await api.rpc.chain.getBlockHash()).toHex();
  const recordAfter = await record(after);
  // A loan the traffic had proposed but not yet seen accepted at `before` is not yet part
  // of the record: its acceptance is the traffic's, not the upgrade's, doing.
  const inFlight = new Set(
    (await (await api.at(before)).query.loans.loans.entries())
      .filter(([, loan]) => loan.unwrap().state.isProposed)
      .map(([key]) => key.toHex()),
  );
  for (const [i, entries] of recordBefore.entries()) {
    assert.ok(entries.size > 0);
    for (const [key, value] of entries) {
      if (inFlight.has(key)) continue;
      assert.equal(recordAfter[i].get(key), value, `${key} changed across the upgrade`);
    }
  }
  assert.equal(await summary(after), summaryBefore);
  const finalized = await finalizedNumber(nodes.alice.rpc);
  await waitForFinalized(nodes.alice.rpc, Math.max(finalized, upgradedAt) + 3, 90_000);
});
