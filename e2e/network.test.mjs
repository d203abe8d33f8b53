// A real four-validator network on loopback (--chain local): it keeps producing and
// finalizing with one validator down, stops finalizing with two down, and loses nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNode, finalizedNumber, waitForFinalized, sleep } from './lib/node.mjs';
import { activeLoan, connect } from './lib/chain.mjs';

const NAMES = ['alice', 'bob', 'charlie', 'dave'];
const base = mkdtempSync(join(tmpdir(), 'loanchain-net-'));
const nodes = {};
let bootnode;
let loanId;

function validatorArgs(name, index) {
  const args = [
    '--chain',
    'local',
    `--${name}`,
    '--validator',
    '--base-path',
    join(base, name),
    // A fixed network key per validator, so its peer id survives restarts.
    '--node-key',
    (index + 1).toString(16).padStart(64, '0'),
  ];
  if (bootnode) args.push('--bootnodes', bootnode);
  return args;
}

async function start(name, ports) {
  nodes[name] = await startNode(validatorArgs(name, NAMES.indexOf(name)), { name, ports });
  return nodes[name];
}

async function bestNumber(rpc) {
  return parseInt((await rpc('chain_getHeader')).number, 16);
}

before(async () => {
  const alice = await start('alice');
  bootnode = `/ip4/127.0.0.1/tcp/${alice.p2pPort}/p2p/${await alice.rpc('system_localPeerId')}`;
  for (const name of NAMES.slice(1)) await start(name);
});

after(async () => {
  await Promise.all(Object.values(nodes).map((n) => n.stop()));
  rmSync(base, { recursive: true, force: true });
});

test('four validators agree on the finalized chain', async () => {
  for (const name of NAMES) await waitForFinalized(nodes[name].rpc, 3, 120_000);
  const height = Math.min(...(await Promise.all(NAMES.map((n) => finalizedNumber(nodes[n].rpc)))));
  const hashes = await Promise.all(NAMES.map((n) => nodes[n].rpc('chain_getBlockHash', [height])));
  assert.equal(new Set(hashes).size, 1, `all four have the same block #${height}`);
  const peers = (await nodes.alice.rpc('system_health')).peers;
  assert.equal(peers, 3);
});

test('with one validator down the others finalize, and it catches up on restart', async () => {
  const { ports } = nodes.dave;
  await nodes.dave.stop('SIGKILL');
  const before = await finalizedNumber(nodes.alice.rpc);
  await waitForFinalized(nodes.alice.rpc, before + 3, 90_000);

  // A loan takes effect while Dave's node is down (Dave's company and Bob are verified
  // in the local preset).
  const { api, keyring } = await connect(nodes.alice.wsUrl);
  try {
    let accepted;
    ({ loanId, accepted } = await activeLoan(api, {
      lender: keyring.addFromUri('//Dave'),
      borrower: keyring.addFromUri('//Bob'),
      terms: {
        amount: '100.00',
        currency: 'CNY',
        rate: '0.05',
        start: '2026-11-21',
        period_days: 10,
      },
    }));
    const block = (await api.rpc.chain.getHeader(accepted.blockHash)).number.toNumber();
    await waitForFinalized(nodes.alice.rpc, block, 90_000);

    await start('dave', ports);
    await waitForFinalized(nodes.dave.rpc, block, 120_000);
    const onDave = await nodes.dave.rpc('loans_loan', [loanId]);
    assert.equal(onDave.state, 'active', 'the loan reached the restarted node');
  } finally {
    await api.disconnect();
  }
});

test('with two validators down finality stops; one back and it resumes, nothing lost', async () => {
  const { ports } = nodes.charlie;
  await Promise.all([nodes.charlie.stop('SIGKILL'), nodes.dave.stop('SIGKILL')]);
  await sleep(12_000);
  const stalled = await finalizedNumber(nodes.alice.rpc);
  const bestBefore = await bestNumber(nodes.alice.rpc);
  await sleep(30_000);
  assert.equal(await finalizedNumber(nodes.alice.rpc), stalled, 'two of four cannot finalize');
  assert.ok(
    (await bestNumber(nodes.alice.rpc)) > bestBefore,
    'Alice and Bob still author blocks in their slots',
  );

  await start('charlie', ports);
  await waitForFinalized(nodes.alice.rpc, stalled + 2, 120_000);
  await waitForFinalized(nodes.charlie.rpc, stalled + 2, 120_000);
  for (const name of ['alice', 'bob', 'charlie']) {
    const loan = await nodes[name].rpc('loans_loan', [loanId]);
    assert.equal(loan?.state, 'active', `the loan is still on ${name}`);
  }
});
