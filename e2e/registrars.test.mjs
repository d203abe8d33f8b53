// A registrar's evaluation service on a dev node (node/src/oprf.rs, docs/identity.md): the
// dev registrar (Alice) computes a person's id with it, through loanctl, as KYC does;
// only registrars are served, within their hourly limit, and every evaluation is counted;
// a node without a share serves none.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNode } from './lib/node.mjs';
import { idHashArgs, loanctl, loanctlFails } from './lib/chain.mjs';

// The test chains' id of Bob's documented number under their well-known key
// (loanchain-oprf's tests pin the same value).
const BOB_NUMBER = '11010519491231002X';
const BOB_ID = '0xcc63b3e5b34a857e13f659fad55643a30305079fa1029b8157d1fbf5cd6dba0c';
const RATE_LIMIT = 3;

let registrar; // Alice's dev node: it holds the dev key whole
let plain; // a dev node running as Bob: no share
before(async () => {
  registrar = await startNode(['--dev', '--tmp', '--oprf-rate-limit', String(RATE_LIMIT)], {
    name: 'registrar',
  });
  plain = await startNode(['--dev', '--tmp', '--bob'], { name: 'no-share' });
});
after(async () => {
  await registrar?.stop();
  await plain?.stop();
});

/** Bob's id, computed by the registrar `suri` with the services of the nodes `registrars`. */
const nextId = (suri, ...registrars) =>
  idHashArgs(registrar, 'Person', BOB_NUMBER, { suri, registrars });

test("a registrar computes a person's id with the registrars' service", () => {
  assert.equal(loanctl(...nextId('//Alice', registrar)), BOB_ID);
  // Blinded anew each time, the same id.
  assert.equal(loanctl(...nextId('//Alice', registrar)), BOB_ID);
  // Nobody computes it alone, and loanctl says who can.
  const alone = loanctlFails('id-hash', '--person', BOB_NUMBER);
  assert.equal(alone.status, 2);
  assert.match(alone.stderr, /only the registrars, together, can compute an id/);
});

test('only registrars are served, and a node without a share serves nobody', async () => {
  const bob = loanctlFails(...nextId('//Bob', registrar));
  assert.equal(bob.status, 1);
  assert.match(bob.stderr, /0 of the 1 registrars' answers needed.*not a registrar on chain/s);

  const none = loanctlFails(...nextId('//Alice', plain));
  assert.equal(none.status, 1);
  assert.match(none.stderr, /Method not found/);
  await assert.rejects(plain.rpc('oprf_evaluationCounts'), /Method not found/);

  // A request signed for another chain, or replayed, or malformed: refused by name.
  const request = {
    registrar: `0x${'00'.repeat(32)}`,
    blinded: `0x${'00'.repeat(32)}`,
    requestedAt: Date.now(),
    signature: `0x${'00'.repeat(64)}`,
  };
  await assert.rejects(registrar.rpc('oprf_evaluate', [request]), /signature is not the registrar/);
  await assert.rejects(
    registrar.rpc('oprf_evaluate', [{ ...request, requestedAt: Date.now() - 3_600_000 }]),
    /more than five minutes off/,
  );
  await assert.rejects(
    registrar.rpc('oprf_evaluate', [{ ...request, blinded: '0x12' }]),
    (e) => e.rpc?.code === -32602 && /invalid length/.test(JSON.stringify(e.rpc)),
  );
});

test("each registrar's evaluations are counted and limited per hour", async () => {
  const alice = '0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d';
  let counts = await registrar.rpc('oprf_evaluationCounts');
  assert.deepEqual(counts, [{ registrar: alice, total: 2, lastHour: 2 }]);
  // The third is the last of the hour; the fourth is refused, and not counted.
  assert.equal(loanctl(...nextId('//Alice', registrar)), BOB_ID);
  const limited = loanctlFails(...nextId('//Alice', registrar));
  assert.match(limited.stderr, /rate limit: 3 evaluations in the last hour, at most 3/);
  counts = await registrar.rpc('oprf_evaluationCounts');
  assert.deepEqual(counts, [{ registrar: alice, total: 3, lastHour: 3 }]);
});

test("a share that is no registrar's serves nothing; a share others can read does not start", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'loanchain-share-'));
  try {
    // A fresh dealing's share: a real share, but not the dev chain's registrar's.
    loanctl('oprf-deal', '--threshold', '1', '--shares', '1', '--out-dir', dir);
    const file = join(dir, 'registrar-1.share');
    const stranger = await startNode(['--dev', '--tmp', '--oprf-share-file', file], {
      name: 'stranger-share',
    });
    try {
      const refused = loanctlFails(...idHashArgs(stranger, 'Person', BOB_NUMBER));
      assert.equal(refused.status, 1);
      assert.match(refused.stderr, /no registrar's public share on chain.*4007/s);
    } finally {
      await stranger.stop();
    }

    chmodSync(file, 0o644);
    await assert.rejects(
      startNode(['--dev', '--tmp', '--oprf-share-file', file], { name: 'open-share' }),
      (e) => {
        const log = readFileSync(e.message.match(/log: (\S+)/)[1], 'utf8');
        return /is readable by others: `chmod 600/.test(log);
      },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
