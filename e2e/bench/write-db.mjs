// Starts a release node from <spec.json> with its database under <base-path>, waits until
// it has imported a few blocks, and stops it: the populated database `benchmark storage`
// measures (scripts/bench-db-weights.sh).
import { LOOPBACK_NODE_KEY, startNode, waitForFinalized } from '../lib/node.mjs';

const [specPath, basePath] = process.argv.slice(2);
if (!specPath || !basePath) {
  console.error('usage: node bench/write-db.mjs <spec.json> <base-path>');
  process.exit(2);
}
const node = await startNode(
  [
    '--chain',
    specPath,
    '--alice',
    '--validator',
    '--base-path',
    basePath,
    '--node-key',
    LOOPBACK_NODE_KEY,
  ],
  { name: 'bench-db', startTimeoutMs: 600_000 },
);
try {
  await waitForFinalized(node.rpc, 3, 120_000);
} finally {
  await node.stop();
}
