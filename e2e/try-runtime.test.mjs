// The upgrade check of docs/operations.md, run as an operator runs it: scripts/try-runtime.sh
// reads a live dev node's state (with loans and identities in it) and runs the runtime of
// this tree over it with try-runtime: migrations, storage versions, every pallet's invariants.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startNode } from './lib/node.mjs';
import { activeLoan, connect } from './lib/chain.mjs';

const SCRIPT = fileURLToPath(new URL('../scripts/try-runtime.sh', import.meta.url));

let node;

before(async () => {
  node = await startNode(['--dev', '--tmp'], { name: 'try-runtime' });
  const { api, keyring } = await connect(node.wsUrl);
  try {
    await activeLoan(api, {
      lender: keyring.addFromUri('//Dave'),
      borrower: keyring.addFromUri('//Bob'),
      terms: {
        amount: '300.00',
        currency: 'CNY',
        rate: '0.1',
        start: '2026-11-21',
        period_days: 2,
      },
    });
  } finally {
    await api.disconnect();
  }
});

after(async () => {
  await node?.stop();
});

function tryRuntime(...args) {
  return spawnSync('bash', [SCRIPT, ...args], { encoding: 'utf8', env: process.env });
}

test("the dev chain's state passes every upgrade check", () => {
  const run = tryRuntime('--rpc', node.wsUrl);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /the chain runs loanchain spec \d+, checking loanchain spec \d+/);
  assert.match(run.stdout, /all checks passed/);
});

test('the state of an earlier block can be checked', async () => {
  const genesis = await node.rpc('chain_getBlockHash', [0]);
  const run = tryRuntime('--rpc', node.wsUrl, '--at', genesis, '--checks', 'try-state');
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, new RegExp(`state of block ${genesis}`));
});

test('an unreachable node and a bad option are told apart from a failed check', () => {
  const unreachable = tryRuntime('--rpc', 'ws://127.0.0.1:1');
  assert.equal(unreachable.status, 2);
  assert.match(unreachable.stderr, /no answer from ws:\/\/127\.0\.0\.1:1/);
  const bad = tryRuntime('--rpc', node.wsUrl, '--checks', 'everything');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /expected all, pre-and-post, try-state or none/);
});
