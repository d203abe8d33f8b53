// Governance on a dev node, where Alice is the only institution and her motions pass at
// once: registrars and validators change by motion, what a motion cannot reach stays out of
// reach, an upgrade is announced and cannot be applied early, and the announced hash can be
// checked against a local build.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { blake2AsHex } from '@polkadot/util-crypto';
import { u8aToHex } from '@polkadot/util';
import { startNode, waitForFinalized, finalizedNumber } from './lib/node.mjs';
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
  const { events } = await send(
    api,
    api.tx.institutions.propose(1, call, call.method.encodedLength),
    alice,
  );
  const executed = findEvent(events, 'institutions', 'Executed');
  assert.ok(executed, 'the motion was executed');
  return executed;
}

/** The name of the module error in a motion's `result`, e.g. `validatorSet.NotAValidator`. */
function moduleError(result) {
  const module = result.err?.module;
  assert.ok(module, JSON.stringify(result));
  const meta = api.registry.findMetaError({
    index: api.createType('u8', module.index),
    error: api.createType('[u8; 4]', module.error),
  });
  return `${meta.section}.${meta.name}`;
}

/** Submits `txs` from `signer` at once, with consecutive nonces; resolves to `send`'s results. */
async function sendAll(txs, signer) {
  const nonce = (await api.rpc.system.accountNextIndex(signer.address)).toNumber();
  return Promise.all(txs.map((tx, i) => send(api, tx, signer, { nonce: nonce + i })));
}

/** Submits `tx` from `signer`; resolves to the name of the error it failed with. */
async function failure(tx, signer) {
  const error = await send(api, tx, signer).then(
    () => assert.fail('the transaction succeeded'),
    (e) => e,
  );
  assert.ok(error.dispatchError, error.message);
  return error.dispatchError;
}

test('a motion appoints a registrar, who verifies; a second motion dismisses it', async () => {
  const registrar = keyring.addFromUri('//Loanchain/Registrar');
  const applicants = ['//Loanchain/Applicant1', '//Loanchain/Applicant2'].map((uri) =>
    keyring.addFromUri(uri),
  );
  await sendAll(
    [registrar, ...applicants].map((who) =>
      api.tx.balances.transferKeepAlive(who.address, 100n * UNIT),
    ),
    alice,
  );
  const claims = applicants.map((who, i) => ({
    who,
    idHash: loanctl('id-hash', '--person', personId(`1101051980010110${i}`)),
  }));
  await Promise.all(
    claims.map(({ who, idHash }) =>
      send(api, api.tx.creditIdentity.register('Person', idHash, x25519().publicKey), who),
    ),
  );

  assert.equal(
    await failure(api.tx.creditIdentity.verify(applicants[0].address, claims[0].idHash), registrar),
    'creditIdentity.NotARegistrar',
  );
  const added = await motion(api.tx.creditIdentity.addRegistrar(registrar.address));
  assert.deepEqual(added.result, { ok: null });
  const verified = await send(
    api,
    api.tx.creditIdentity.verify(applicants[0].address, claims[0].idHash),
    registrar,
  );
  assert.ok(findEvent(verified.events, 'creditIdentity', 'IdentityVerified'));

  const removed = await motion(api.tx.creditIdentity.removeRegistrar(registrar.address));
  assert.deepEqual(removed.result, { ok: null });
  assert.equal(
    await failure(api.tx.creditIdentity.verify(applicants[1].address, claims[1].idHash), registrar),
    'creditIdentity.NotARegistrar',
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
    await failure(api.tx.institutions.propose(1, call, call.method.encodedLength), borrower),
    'institutions.NotMember',
  );
});

test('an upgrade is announced with its code hash and cannot be applied before its delay', async () => {
  const code = (await api.rpc.state.getStorage(':code')).toHex();
  const codeHash = blake2AsHex(code);
  const header = await api.rpc.chain.getHeader();
  const { events } = await send(
    api,
    api.tx.institutions.propose(
      1,
      api.tx.upgrades.authorizeUpgrade(codeHash),
      api.tx.upgrades.authorizeUpgrade(codeHash).method.encodedLength,
    ),
    alice,
  );
  const announced = findEvent(events, 'upgrades', 'UpgradeAuthorized');
  assert.equal(announced.codeHash, codeHash);
  const delay = 7 * 5; // seven chain days of five blocks
  assert.ok(announced.applicableAt >= header.number.toNumber() + delay, JSON.stringify(announced));
  assert.deepEqual((await api.query.upgrades.pending()).toJSON(), announced);

  const anyone = keyring.addFromUri('//Ferdie');
  assert.equal(
    await failure(api.tx.upgrades.applyUpgrade(code), anyone),
    'upgrades.UpgradeDelayNotOver',
  );
  assert.equal(
    await failure(api.tx.system.applyAuthorizedUpgrade(code), anyone),
    'system.NothingAuthorized',
  );
  const cancelled = await send(
    api,
    api.tx.institutions.propose(
      1,
      api.tx.upgrades.cancelUpgrade(),
      api.tx.upgrades.cancelUpgrade().method.encodedLength,
    ),
    alice,
  );
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

test('a second node joins as a validator by vote, authors and finalizes; voted out, it stops', async () => {
  // Bob runs his own node on the dev chain, synced from Alice's.
  const bootnode = `/ip4/127.0.0.1/tcp/${node.p2pPort}/p2p/${await node.rpc('system_localPeerId')}`;
  const bobNode = await startNode(
    // A validator needs a fixed network key.
    [
      '--chain',
      'dev',
      '--validator',
      '--tmp',
      '--node-key',
      '2'.padStart(64, '0'),
      '--bootnodes',
      bootnode,
    ],
    { name: 'governance-bob' },
  );
  try {
    const bob = keyring.addFromUri('//Bob');
    // On Bob's node: new session keys in its keystore, with a proof that Bob's account
    // owns them.
    const generated = await bobNode.rpc('author_rotateKeysWithOwner', [u8aToHex(bob.addressRaw)]);
    // SessionKeys { aura, grandpa }: two 32-byte public keys.
    const keys = { aura: generated.keys.slice(0, 66), grandpa: '0x' + generated.keys.slice(66) };

    const tooEarly = await motion(api.tx.validatorSet.addValidator(bob.address));
    assert.equal(moduleError(tooEarly.result), 'validatorSet.SessionKeysNotSet');
    await send(api, api.tx.session.setKeys(generated.keys, generated.proof), bob);
    const voted = await motion(api.tx.validatorSet.addValidator(bob.address));
    assert.deepEqual(voted.result, { ok: null });

    const aura = async () => (await api.query.aura.authorities()).map((a) => a.toHex());
    const grandpa = async () =>
      (await api.call.grandpaApi.grandpaAuthorities()).map(([id]) => id.toHex());
    // Sessions are 5 blocks on the dev chain: queued at the next boundary, active at the
    // one after, so within 10 blocks (a minute).
    await until(async () => (await aura()).includes(keys.aura), 180_000, 'Bob authors');
    await until(async () => (await grandpa()).includes(keys.grandpa), 60_000, 'Bob votes');
    // With two GRANDPA voters, finality needs both: it goes on only if Bob's node votes.
    const joined = await finalizedNumber(node.rpc);
    await waitForFinalized(node.rpc, joined + 6, 120_000);
    const authors = await blockAuthors(joined, joined + 6);
    assert.ok(authors.has(keys.aura), 'Bob authored blocks');

    const out = await motion(api.tx.validatorSet.removeValidator(bob.address));
    assert.deepEqual(out.result, { ok: null });
    await until(async () => !(await aura()).includes(keys.aura), 180_000, 'Bob is out');
    await until(async () => !(await grandpa()).includes(keys.grandpa), 60_000, 'Bob stops voting');
    // GRANDPA's new set takes over once the block that changed it is final (the old set,
    // Bob included, finalizes it); from then on finality no longer needs Bob's node.
    const changed = (await api.rpc.chain.getHeader()).number.toNumber();
    await waitForFinalized(node.rpc, changed, 120_000);
    await bobNode.stop();
    await waitForFinalized(node.rpc, changed + 4, 90_000);
  } finally {
    await bobNode.stop();
  }
});

/** Polls `condition` every 3 s until it holds, for at most `timeoutMs`. */
async function until(condition, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    assert.ok(Date.now() < deadline, `${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 3000));
  }
}

/** The Aura public keys that authored blocks `from`..=`to`. */
async function blockAuthors(from, to) {
  const authorities = (await api.query.aura.authorities()).map((a) => a.toHex());
  const authors = new Set();
  for (let n = from; n <= to; n++) {
    const header = await api.rpc.chain.getHeader(await api.rpc.chain.getBlockHash(n));
    const slot = header.digest.logs.find(
      (log) => log.isPreRuntime && log.asPreRuntime[0].toString() === 'aura',
    )?.asPreRuntime[1];
    const slotNumber = api.createType('u64', slot).toBigInt();
    authors.add(authorities[Number(slotNumber % BigInt(authorities.length))]);
  }
  return authors;
}
