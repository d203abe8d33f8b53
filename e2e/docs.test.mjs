// The guides are executable: README.md and every docs/*.md run their code blocks in
// order, as a reader following them would, against the dev node they start themselves
// (scripts/dev-node.sh or loanchain-node --dev, on the documented port 9944). A guide that
// drifts from the product fails here. The block kinds are described in lib/docs.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { codeBlocks, guideProgram } from './lib/docs.mjs';
import { NODE_BINARY } from './lib/node.mjs';

const repository = resolve(import.meta.dirname, '..');
const guides = ['README.md', ...readdirSync(join(repository, 'docs')).map((f) => `docs/${f}`)]
  .filter((f) => f.endsWith('.md'))
  .sort((a, b) => order(a) - order(b));
// A newcomer reads the README first; the guides after it in the order README lists them.
function order(guide) {
  const first = ['README.md', 'docs/dev-accounts.md', 'docs/identity.md', 'docs/api.md'];
  return first.includes(guide) ? first.indexOf(guide) : first.length;
}
// Developers' guides are followed in a clone of the repository; the others in an empty
// folder, with the Loanchain binaries on PATH as the README says.
const IN_REPOSITORY = new Set(['README.md', 'docs/build.md']);

const loanctl = resolve(process.env.LOANCTL ?? 'target/release/loanctl');
const runtimeUrl = pathToFileURL(join(import.meta.dirname, 'lib/doc-runtime.mjs')).href;

/** Runs a guide's blocks as one program; { code, output, blocks }. */
function runGuide(guide, markdown = readFileSync(join(repository, guide), 'utf8')) {
  const blocks = codeBlocks(markdown, guide);
  const { source, lineMap } = guideProgram(blocks, runtimeUrl);
  const inRepository = IN_REPOSITORY.has(guide);
  const folder = inRepository ? repository : mkdtempSync(join(tmpdir(), 'loanchain-reader-'));
  const programDir = inRepository ? mkdtempSync(join(tmpdir(), 'guide-')) : folder;
  // The packages a reader installs with npm, as e2e/'s lockfile pins them.
  symlinkSync(join(import.meta.dirname, 'node_modules'), join(programDir, 'node_modules'));
  const program = join(programDir, 'guide.mjs');
  writeFileSync(program, source);
  const env = {
    ...process.env,
    LOANCHAIN: repository,
    // Where docs/operations.md's nodes keep their data (/var/lib/loanchain on a server).
    BASE: join(folder, 'data'),
    PATH: [dirname(loanctl), dirname(resolve(NODE_BINARY)), process.env.PATH].join(':'),
  };
  return new Promise((done) => {
    const child = spawn(process.execPath, [program], { cwd: folder, env });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('exit', (code) => {
      // Point a JavaScript error at the guide's line.
      const located = output.replace(/guide\.mjs:(\d+)(?::\d+)?/g, (m, line) => {
        const where = lineMap[Number(line) - 1];
        return where ? `${m} (${where})` : m;
      });
      done({ code, output: located, blocks });
    });
  });
}

for (const guide of guides) {
  test(`${guide}: every command and snippet runs as shown`, { timeout: 30 * 60_000 }, async () => {
    const { code, output, blocks } = await runGuide(guide);
    // What the guide printed, kept with the build (CI's artifacts) for whoever updates it.
    const logs = join(process.env.CARGO_TARGET_DIR ?? join(repository, 'target'), 'guides');
    mkdirSync(logs, { recursive: true });
    writeFileSync(join(logs, `${guide.replace('/', '-')}.log`), output);
    const skipped = blocks.filter((b) => b.kind === 'skip');
    for (const b of skipped) console.log(`# not run, ${b.where}: ${b.reason}`);
    assert.equal(code, 0, `${guide} failed:\n${output.split('\n').slice(-60).join('\n')}`);
  });
}

// The runner itself: a guide that drifts fails, and says where.
const drifted = [
  [
    'a shell command that fails',
    '```sh\ntrue\nfalse\n```\n',
    /guide\.md:2: the shell block exited with status 1/,
  ],
  [
    'a console output that differs',
    '```console\n$ echo 2\n3\n```\n',
    /`echo 2` printed\n2\n\nwhere the guide shows\n3/,
  ],
  [
    'a JavaScript output that differs',
    '```js\nconsole.log(1 + 1);\n```\n\n```text output\n3\n```\n',
    /guide\.md:6: the block before printed\n2/,
  ],
  ['a JavaScript error', 'x\n```js\nnull.x;\n```\n', /TypeError[\s\S]*\(guide\.md:3\)/],
];
for (const [what, markdown, says] of drifted) {
  test(`a guide with ${what} fails and says where`, async () => {
    const { code, output } = await runGuide('guide.md', markdown);
    assert.equal(code, 1, output);
    assert.match(output, says);
  });
}

test('shell variables and the folder carry over; `…` stands for any text', async () => {
  const markdown = [
    '```sh\nGREETING=hello; mkdir -p sub; cd sub\n```',
    '```console\n$ echo "$GREETING from $(basename "$PWD")"\nhello … sub\n```',
    '```js\nconsole.log(process.env.GREETING);\n```',
    '```text output\nhello\n```',
    '```sh skip: shown only\nexit 1\n```',
  ].join('\n\n');
  const { code, output } = await runGuide('guide.md', markdown);
  assert.equal(code, 0, output);
});
