// The record survives restarts — clean (SIGTERM) and abrupt (SIGKILL) — and an
// export/import of the blocks into a fresh database reproduces the same state.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NODE_BINARY, startNode, finalizedNumber, waitForFinalized } from './lib/node.mjs';
import { activeLoan, connect } from './lib/chain.mjs';

const dir = mkdtempSync(join(tmpdir(), 'loanchain-durability-'));
const basePath = join(dir, 'chain');
let node;
let ports;
let record;

/** What a client would look at: Bob's summary and the loan. */
async function snapshot(rpc, loanId, bobId) {
  return {
    summary: await rpc('loans_borrowerSummary', [bobId]),
    loan: await rpc('loans_loan', [loanId]),
  };
}

before(async () => {
  node = await startNode(['--dev', '--base-path', basePath], { name: 'durable' });
  ports = node.ports;
  const { api, keyring } = await connect(node.wsUrl);
  try {
    const {
      loanId,
      borrowerId: bobId,
      accepted,
    } = await activeLoan(api, {
      lender: keyring.addFromUri('//Dave'),
      borrower: keyring.addFromUri('//Bob'),
      terms: {
        amount: '700.00',
        currency: 'CNY',
        rate: '0.08',
        start: '2026-11-21',
        period_days: 20,
      },
    });
    const block = (await api.rpc.chain.getHeader(accepted.blockHash)).number.toNumber();
    await waitForFinalized(node.rpc, block, 90_000);
    record = { loanId, bobId, block, state: await snapshot(node.rpc, loanId, bobId) };
    assert.equal(record.state.loan.state, 'active');
    assert.equal(record.state.summary.length, 1);
  } finally {
    await api.disconnect();
  }
});

after(async () => {
  await node?.stop();
  rmSync(dir, { recursive: true, force: true });
});

for (const signal of ['SIGTERM', 'SIGKILL']) {
  test(`after ${signal} the node restarts on its database and serves the same records`, async () => {
    const finalizedBefore = await finalizedNumber(node.rpc);
    await node.stop(signal);
    node = await startNode(['--dev', '--base-path', basePath], { name: 'durable', ports });
    assert.ok(
      (await finalizedNumber(node.rpc)) >= record.block,
      'the finalized chain is still there',
    );
    assert.deepEqual(await snapshot(node.rpc, record.loanId, record.bobId), record.state);
    await waitForFinalized(node.rpc, finalizedBefore + 2, 90_000);
  });
}

test('export-blocks and import-blocks into a fresh database reproduce the state root', async () => {
  const height = await finalizedNumber(node.rpc);
  const hash = await node.rpc('chain_getBlockHash', [height]);
  const { stateRoot } = await node.rpc('chain_getHeader', [hash]);
  await node.stop();
  const file = join(dir, 'blocks.bin');
  execFileSync(
    NODE_BINARY,
    ['export-blocks', '--dev', '--base-path', basePath, '--binary', '--to', String(height), file],
    { stdio: 'ignore' },
  );
  const fresh = join(dir, 'imported');
  execFileSync(NODE_BINARY, ['import-blocks', '--dev', '--base-path', fresh, '--binary', file], {
    stdio: 'ignore',
  });
  // Serve the imported chain without authoring on it.
  node = await startNode(['--chain', 'dev', '--base-path', fresh], { name: 'imported' });
  assert.equal(await node.rpc('chain_getBlockHash', [height]), hash);
  assert.equal((await node.rpc('chain_getHeader', [hash])).stateRoot, stateRoot);
  assert.deepEqual(await node.rpc('loans_loan', [record.loanId, hash]), record.state.loan);
});
