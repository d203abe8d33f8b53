// A production network launched from the institutions' own keys, as docs/operations.md
// describes it: keys from `loanchain-node key generate`, a chain spec from a description of
// the institutions (`loanchain-node new-network`), keys inserted into each validator's
// keystore, two validators that produce and finalize blocks. No development key holds any
// role or balance.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { NODE_BINARY, startNode, waitForFinalized } from './lib/node.mjs';
import { connect, loanctl } from './lib/chain.mjs';

const dir = mkdtempSync(join(tmpdir(), 'loanchain-new-network-'));
const nodes = [];
const peerIds = [];
let api;

/** `loanchain-node key generate --scheme <scheme>`: { secretPhrase, ss58Address, … }. */
function generate(scheme) {
  return JSON.parse(
    execFileSync(NODE_BINARY, ['key', 'generate', '--scheme', scheme, '--output-type', 'json'], {
      encoding: 'utf8',
    }),
  );
}

const institutions = ['First Bank', 'Second Credit Union'].map((name) => ({
  name,
  account: generate('sr25519'),
  aura: generate('sr25519'),
  grandpa: generate('ed25519'),
}));

before(async () => {
  // The dealer ceremony: the network's OPRF key, whole, for the one registrar.
  const ceremony = JSON.parse(
    loanctl('oprf-deal', '--threshold', '1', '--shares', '1', '--out-dir', join(dir, 'ceremony')),
  );
  const { index, publicShare } = ceremony.shares[0];
  const description = {
    name: 'Loanchain Launch Test',
    id: 'loanchain_launch_test',
    oprfThreshold: ceremony.threshold,
    institutions: institutions.map((i, n) => ({
      name: i.name,
      account: i.account.ss58Address,
      balance: 1000,
      registrar: n === 0 ? { index, publicShare } : null,
      validator: { aura: i.aura.ss58Address, grandpa: i.grandpa.ss58Address },
    })),
  };
  writeFileSync(join(dir, 'institutions.json'), JSON.stringify(description, null, 2));
  const spec = execFileSync(NODE_BINARY, ['new-network', join(dir, 'institutions.json'), '--raw'], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  writeFileSync(join(dir, 'spec.json'), spec);

  for (const [n, institution] of institutions.entries()) {
    const basePath = join(dir, `validator-${n}`);
    for (const [scheme, type, key] of [
      ['sr25519', 'aura', institution.aura],
      ['ed25519', 'gran', institution.grandpa],
    ]) {
      execFileSync(NODE_BINARY, [
        'key',
        'insert',
        '--chain',
        join(dir, 'spec.json'),
        '--base-path',
        basePath,
        '--scheme',
        scheme,
        '--key-type',
        type,
        '--suri',
        key.secretPhrase,
      ]);
    }
    // The network identity, as docs/operations.md has operators make it: into a folder
    // that does not exist yet.
    const nodeKey = join(dir, 'keys', `validator-${n}`, 'node-key');
    const generated = spawnSync(NODE_BINARY, ['key', 'generate-node-key', '--file', nodeKey], {
      encoding: 'utf8',
    });
    assert.equal(generated.status, 0, generated.stderr);
    peerIds.push(generated.stderr.trim());
    const args = ['--chain', join(dir, 'spec.json'), '--validator', '--base-path', basePath];
    args.push('--node-key-file', nodeKey);
    if (nodes.length > 0) {
      const first = nodes[0];
      args.push(
        '--bootnodes',
        `/ip4/127.0.0.1/tcp/${first.p2pPort}/p2p/${await first.rpc('system_localPeerId')}`,
      );
    }
    nodes.push(await startNode(args, { name: `launch-${n}` }));
  }
  ({ api } = await connect(nodes[0].wsUrl));
});

after(async () => {
  await api?.disconnect();
  for (const node of nodes) await node.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('the two validators produce and finalize blocks', async () => {
  // Two GRANDPA voters: finality needs both nodes.
  await waitForFinalized(nodes[0].rpc, 3, 120_000);
  await waitForFinalized(nodes[1].rpc, 3, 60_000);
});

test('the institutions hold every role, with 14 400-block days', async () => {
  const accounts = institutions.map((i) => i.account.ss58Address);
  const members = (await api.query.institutionsMembership.members()).map((a) => a.toString());
  assert.deepEqual([...members].sort(), [...accounts].sort());
  const validators = (await api.query.validatorSet.validators()).map((a) => a.toString());
  assert.deepEqual(validators, accounts);
  const registrars = (await api.query.creditIdentity.registrars()).map((a) => a.toString());
  assert.deepEqual(registrars, [accounts[0]]);
  // With the public share from the ceremony, and its threshold.
  const ceremony = JSON.parse(readFileSync(join(dir, 'institutions.json'), 'utf8'));
  const share = (await api.query.creditIdentity.oprfShares(accounts[0])).unwrap();
  assert.equal(share.element.toHex(), ceremony.institutions[0].registrar.publicShare);
  assert.equal((await api.query.creditIdentity.oprfThreshold()).toNumber(), 1);
  assert.equal((await api.query.loans.blocksPerDay()).toNumber(), 14_400);
  const free = (await api.query.system.account(accounts[1])).data.free.toBigInt();
  assert.equal(free, 1000n * 10n ** 12n);
});

test('no development key holds any role or balance', async () => {
  await cryptoWaitReady();
  const dev = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'].flatMap((name) =>
    ['', '//stash'].flatMap((suffix) =>
      ['sr25519', 'ed25519'].map((type) =>
        new Keyring({ type, ss58Format: 42 }).addFromUri(`//${name}${suffix}`),
      ),
    ),
  );
  const members = (await api.query.institutionsMembership.members()).map(String);
  const validators = (await api.query.validatorSet.validators()).map(String);
  const registrars = (await api.query.creditIdentity.registrars()).map(String);
  const aura = (await api.query.aura.authorities()).map((a) => a.toHex());
  const grandpa = (await api.call.grandpaApi.grandpaAuthorities()).map(([id]) => id.toHex());
  for (const pair of dev) {
    const { address } = pair;
    const publicKey = '0x' + Buffer.from(pair.publicKey).toString('hex');
    assert.equal((await api.query.system.account(address)).data.free.toBigInt(), 0n, address);
    for (const role of [members, validators, registrars]) assert.ok(!role.includes(address));
    assert.ok(!aura.includes(publicKey) && !grandpa.includes(publicKey));
  }
  assert.equal((await api.query.balances.totalIssuance()).toBigInt(), 2000n * 10n ** 12n);
});

test('new-network refuses a description that names a development key', () => {
  const description = {
    name: 'Bad',
    id: 'bad',
    institutions: [
      {
        name: 'Careless Bank',
        account: '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY', // //Alice
        balance: 1,
        validator: {
          aura: institutions[0].aura.ss58Address,
          grandpa: institutions[0].grandpa.ss58Address,
        },
      },
    ],
  };
  writeFileSync(join(dir, 'bad.json'), JSON.stringify(description));
  assert.throws(
    () => execFileSync(NODE_BINARY, ['new-network', join(dir, 'bad.json')], { stdio: 'pipe' }),
    (e) => /well-known development key/.test(e.stderr.toString()),
  );
});

test('node keys are readable by their owner alone, and each node has the peer id of its key', async () => {
  for (const [n, node] of nodes.entries()) {
    const nodeKey = join(dir, 'keys', `validator-${n}`, 'node-key');
    assert.equal(statSync(nodeKey).mode & 0o777, 0o600);
    assert.equal(statSync(join(dir, 'keys', `validator-${n}`)).mode & 0o777, 0o700);
    assert.match(readFileSync(nodeKey, 'utf8'), /^[0-9a-f]{64}$/);
    assert.equal(await node.rpc('system_localPeerId'), peerIds[n]);
  }
});

test('build-spec adds no boot node of its own', () => {
  for (const chain of ['local', join(dir, 'spec.json')]) {
    const spec = JSON.parse(
      execFileSync(NODE_BINARY, ['build-spec', '--chain', chain], {
        encoding: 'utf8',
        maxBuffer: 64 << 20,
        stdio: ['ignore', 'pipe', 'ignore'],
      }),
    );
    assert.deepEqual(spec.bootNodes, [], chain);
  }
});

// Last: it stops a validator, and with it finality.
test('a validator stopped with SIGTERM exits with status 0 and nothing panics', async () => {
  const node = nodes.at(-1);
  assert.deepEqual(await node.stop('SIGTERM'), { code: 0, signal: null });
  // The SDK's transaction pool may still log "Essential task `txpool-background` failed"
  // on the way out (docs/operations.md); nothing may panic.
  assert.doesNotMatch(readFileSync(node.logFile, 'utf8'), /panicked/);
});
