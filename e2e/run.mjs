// Runs the given end-to-end files, `--concurrency N` at a time, in the order given, and
// reports in TAP as `node --test` does; exits non-zero when a test failed. (`node --test`
// itself sorts its files by name, so the longest could not be started first.)
//
//   node e2e/run.mjs --concurrency 4 e2e/flows.test.mjs e2e/smoke.test.mjs …
import { resolve } from 'node:path';
import { run } from 'node:test';
import { tap } from 'node:test/reporters';

const args = process.argv.slice(2);
let concurrency = 1;
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--concurrency') concurrency = Number(args[++i]);
  else files.push(resolve(args[i]));
}
if (!Number.isInteger(concurrency) || concurrency < 1 || files.length === 0) {
  console.error('usage: node e2e/run.mjs [--concurrency N] FILE…');
  process.exit(2);
}
const stream = run({ files, concurrency });
stream.on('test:fail', () => {
  process.exitCode = 1;
});
stream.compose(tap).pipe(process.stdout);
