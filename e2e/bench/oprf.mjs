// scripts/bench-oprf.sh: the round trip of a registrar's id computation with three of the
// four registrars of a `--chain local` network on loopback (each node serves its well-known
// test share as --alice … --dave), timed around `loanctl id-hash` as a registrar runs it:
// the process, its connections, three signed requests, three evaluations and proofs, the
// proofs checked against the shares on chain (read from Alice's node), the combination.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOANCTL, personId } from '../lib/chain.mjs';
import { startNode } from '../lib/node.mjs';

const runs = Number(process.argv[2] ?? 21);
const base = mkdtempSync(join(tmpdir(), 'loanchain-bench-oprf-'));
const nodes = {};
try {
  for (const [i, name] of ['alice', 'bob', 'charlie', 'dave'].entries()) {
    // Each serves from the genesis state (where the public shares are): no peers needed.
    const nodeKey = String(i + 1).padStart(64, '0');
    nodes[name] = await startNode(
      [
        '--chain',
        'local',
        '--validator',
        '--base-path',
        join(base, name),
        `--${name}`,
        '--node-key',
        nodeKey,
      ],
      { name: `bench-oprf-${name}` },
    );
  }
  const idOf = (number, registrars) =>
    execFileSync(
      LOANCTL,
      [
        'id-hash',
        '--person',
        number,
        '--rpc',
        nodes.alice.wsUrl,
        ...registrars.flatMap((name) => ['--registrar-rpc', nodes[name].wsUrl]),
        '--suri',
        '//Alice',
      ],
      { encoding: 'utf8' },
    ).trim();
  // The test chains' id of Bob's number: the network answers as it should.
  assert.equal(
    idOf('11010519491231002X', ['bob', 'charlie', 'dave']),
    '0xcc63b3e5b34a857e13f659fad55643a30305079fa1029b8157d1fbf5cd6dba0c',
  );
  const times = [];
  for (let i = 0; i < runs; i++) {
    const number = personId(`1101051949123${String(1000 + i)}`);
    const start = process.hrtime.bigint();
    idOf(number, ['alice', 'bob', 'charlie']);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  const ms = (t) => `${t.toFixed(0)} ms`;
  console.log(
    `an id computed with 3 of 4 registrars (loanctl id-hash, loopback), ${runs} runs: ` +
      `median ${ms(times[runs >> 1])}, min ${ms(times[0])}, max ${ms(times.at(-1))}`,
  );
} finally {
  for (const node of Object.values(nodes)) await node.stop();
  rmSync(base, { recursive: true, force: true });
}
