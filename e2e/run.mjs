// Runs the given end-to-end files, `--concurrency N` at a time, in the order given, and
// reports in TAP as `node --test` does; exits non-zero when a test failed. (`node --test`
// itself sorts its files by name, so the longest could not be started first.) At the end,
// a TAP comment per file gives the time its tests took, longest first: what to weigh when
// ordering the files (scripts/setup.sh, `run_e2e`) or choosing the concurrency.
//
//   node e2e/run.mjs --concurrency 4 e2e/flows.test.mjs e2e/smoke.test.mjs …
import { relative, resolve } from 'node:path';
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

// Per file: the time its tests took (their own durations, added up; a file's setup outside
// its tests is not in it) and how many ended. The events of a file arrive when the file's
// turn comes in the report, not as they happen, so their arrival times would not do.
const spans = new Map();
const started = Date.now();
const stream = run({ files, concurrency });
const ended = ({ file, nesting, details }) => {
  if (!file || nesting !== 0) return;
  const span = spans.get(file) ?? { ms: 0, tests: 0 };
  span.ms += details?.duration_ms ?? 0;
  span.tests += 1;
  spans.set(file, span);
};
stream.on('test:pass', ended);
stream.on('test:fail', (event) => {
  process.exitCode = 1;
  ended(event);
});
const report = stream.compose(tap);
report.pipe(process.stdout, { end: false });
report.on('end', () => {
  const seconds = (ms) => Math.round(ms / 1000);
  console.log(
    `# time in tests per file (all files: ${seconds(Date.now() - started)} s, ${concurrency} at a time)`,
  );
  [...spans]
    .sort(([, a], [, b]) => b.ms - a.ms)
    .forEach(([file, { ms, tests }]) =>
      console.log(`# ${relative(process.cwd(), file)}: ${seconds(ms)} s in ${tests} tests`),
    );
});
