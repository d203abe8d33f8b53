// Measures `loans_borrowerSummary` latency on a node started from a pre-filled chain spec.
//
//   node bench/query.mjs <spec.json> <report.json> [calls]
//
// <report.json> is what `loanchain-bench-state` printed for that spec: it names the borrower
// with few loans and the one with many. The node is an RPC node (not a validator), as the
// nodes that serve queries are; it answers from the filled genesis state. Each borrower's
// summary is asked `calls` times, one call after the other over one keep-alive HTTP
// connection, after a warm-up; the latency is the time from sending the request to having
// parsed the whole answer. Every answer is checked
// against the number of loans the borrower has. Prints one JSON object.
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import http from 'node:http';
import { LOOPBACK_NODE_KEY, startNode } from '../lib/node.mjs';
import { summarize } from './stats.mjs';

const [specPath, reportPath, callsArg] = process.argv.slice(2);
if (!specPath || !reportPath) {
  console.error('usage: node bench/query.mjs <spec.json> <report.json> [calls]');
  process.exit(2);
}
const calls = Number(callsArg ?? 2000);
const report = JSON.parse(readFileSync(reportPath, 'utf8'));

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function post(url, body) {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        const chunks = [];
        response.on('data', (c) => chunks.push(c));
        response.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          } catch (e) {
            reject(e);
          }
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** p50/p99 of `calls` calls of `method`, after a warm-up; `check` validates each result. */
async function latency(rpcUrl, method, params, check) {
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method, params });
  const once = async () => {
    const start = process.hrtime.bigint();
    const answer = await post(rpcUrl, body);
    const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
    if (answer.error) throw new Error(`${method}: ${answer.error.message}`);
    check(answer.result);
    return elapsed;
  };
  for (let i = 0; i < Math.min(200, calls); i++) await once();
  const samples = [];
  for (let i = 0; i < calls; i++) samples.push(await once());
  return summarize(samples);
}

async function summaryLatency(rpcUrl, borrower) {
  const stats = await latency(rpcUrl, 'loans_borrowerSummary', [borrower.id_hash], (result) => {
    if (result.length !== borrower.loans) {
      throw new Error(`${borrower.uri}: ${result.length} entries, expected ${borrower.loans}`);
    }
  });
  return { loans: borrower.loans, ...stats };
}

function dirBytes(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? dirBytes(path) : statSync(path).size;
  }
  return total;
}

const basePath = mkdtempSync(join(tmpdir(), 'loanchain-bench-query-'));
const started = Date.now();
const node = await startNode(
  [
    '--chain',
    specPath,
    '--base-path',
    basePath,
    '--node-key',
    LOOPBACK_NODE_KEY,
    '--state-pruning',
    'archive-canonical',
  ],
  { name: 'bench-query', startTimeoutMs: 600_000 },
);
const startupSeconds = (Date.now() - started) / 1000;
try {
  // The floor: a JSON-RPC round trip that does no work, on this machine.
  const floor = await latency(node.rpcUrl, 'system_health', [], () => {});
  const small = await summaryLatency(node.rpcUrl, report.small_borrower);
  const large = await summaryLatency(node.rpcUrl, report.large_borrower);
  console.log(
    JSON.stringify({
      total_loans: report.loans,
      startup_s: startupSeconds,
      db_bytes: dirBytes(basePath),
      floor,
      small,
      large,
    }),
  );
} finally {
  agent.destroy();
  await node.stop();
  rmSync(basePath, { recursive: true, force: true });
}
