// Governance on a dev node, where Alice is the only institution and her motions pass at
// once: an upgrade is announced and cannot be applied early, the announced hash can be
// checked against a local build, and clients meet only the standard transaction extensions.
// governance-network.test.mjs runs motions of three institutions (those that reach for a
// loan record among them) and a whole upgrade on a four-validator network,
// validators-network.test.mjs the validator changes on another.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blake2AsHex } from '@polkadot/util-crypto';
import { findUnknownExtensions } from '@polkadot/types/extrinsic/signedExtensions';
import { failure, motion as motionOf } from './lib/governance.mjs';
import { devNodeSuite, findEvent } from './lib/chain.mjs';

let node;
let api;
let keyring;
let alice;

devNodeSuite('governance', (dev) => ({ node, api, keyring, alice } = dev));

/**
 * Alice, the dev chain's only institution, proposes `call` with threshold 1: it runs at
 * once. Resolves to the `institutions.Executed` event's fields.
 */
async function motion(call) {
  const executed = await motionOf(api, call, [alice]);
  assert.ok(executed, 'the motion was executed');
  return executed;
}

test('an upgrade is announced with its code hash and cannot be applied before its delay', async () => {
  const code = (await api.rpc.state.getStorage(':code')).toHex();
  const codeHash = blake2AsHex(code);
  const header = await api.rpc.chain.getHeader();
  const { events } = await motion(api.tx.upgrades.authorizeUpgrade(codeHash));
  const announced = findEvent(events, 'upgrades', 'UpgradeAuthorized');
  assert.equal(announced.codeHash, codeHash);
  // What a client shows before the vote: the delay in days (a metadata constant) times the
  // chain's day (genesis state).
  const days = api.consts.upgrades.upgradeDelay.toNumber();
  const blocksPerDay = (await api.query.loans.blocksPerDay()).toNumber();
  assert.deepEqual([days, blocksPerDay], [7, 5]);
  assert.ok(
    announced.applicableAt >= header.number.toNumber() + days * blocksPerDay,
    JSON.stringify(announced),
  );
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

test('every price and delay a call holds or waits is a metadata constant', () => {
  const unit = 10n ** 12n;
  const constant = (pallet, name) => api.consts[pallet][name].toBigInt();
  assert.deepEqual(
    {
      depositBase: constant('loans', 'depositBase'),
      depositPerByte: constant('loans', 'depositPerByte'),
      proposalTtl: constant('loans', 'proposalTtl'),
      accessDeadline: constant('loans', 'accessDeadline'),
      identityDeposit: constant('creditIdentity', 'identityDeposit'),
      rebindDelay: constant('creditIdentity', 'rebindDelay'),
      upgradeDelay: constant('upgrades', 'upgradeDelay'),
      keyDeposit: constant('session', 'keyDeposit'),
    },
    {
      depositBase: unit / 100n,
      depositPerByte: unit / 10_000n,
      proposalTtl: 3n,
      accessDeadline: 7n,
      identityDeposit: unit,
      rebindDelay: 3n,
      upgradeDelay: 7n,
      keyDeposit: unit,
    },
  );
});

test('scripts/runtime-hash.sh prints the hash of the runtime the node runs, from any checkout', async () => {
  const codeHash = (output) => {
    const printed = /^code_hash (0x[0-9a-f]{64})$/m.exec(output)?.[1];
    assert.ok(printed, output);
    return printed;
  };
  const here = codeHash(execFileSync('scripts/runtime-hash.sh', { encoding: 'utf8' }));
  const onChain = blake2AsHex((await api.rpc.state.getStorage(':code')).toHex());
  assert.equal(here, onChain);

  // The same source checked out somewhere else gives the same hash (the build happens at one
  // fixed path; built in the checkout, it would not).
  const elsewhere = mkdtempSync(join(tmpdir(), 'loanchain-checkout-'));
  try {
    // A clone, with this checkout's files as they are on disk (changes not yet committed
    // included) copied over it.
    execFileSync('bash', [
      '-c',
      'git clone -q --shared . "$1" && ' +
        'git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$1"',
      '-',
      elsewhere,
    ]);
    const there = codeHash(
      execFileSync(join(elsewhere, 'scripts/runtime-hash.sh'), {
        cwd: elsewhere,
        encoding: 'utf8',
      }),
    );
    assert.equal(there, here);
  } finally {
    rmSync(elsewhere, { recursive: true, force: true });
  }
});

test('the transaction extensions are the standard ones: @polkadot/api knows every one that carries data', () => {
  const extensions = api.registry.signedExtensions;
  // FRAME's AuthorizeCall (a private lender's general transactions) is not in @polkadot/api
  // 16.5's list; it carries no data in a transaction, so "no effect" is what it is to a
  // client that signs.
  assert.deepEqual(findUnknownExtensions(extensions), ['AuthorizeCall'], extensions.join(', '));
  const metadata = api.registry.metadata.extrinsic;
  const authorize = (metadata.transactionExtensions ?? metadata.signedExtensions).find(
    (e) => e.identifier.toString() === 'AuthorizeCall',
  );
  assert.equal(api.createType(api.registry.createLookupType(authorize.type)).toU8a().length, 0);
  assert.ok(extensions.includes('CheckMetadataHash'));
});
