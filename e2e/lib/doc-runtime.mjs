// What a guide's program (docs.mjs, guideProgram) calls to run its shell blocks: the
// shell's variables and folder carry over from block to block, background commands are
// stopped when the guide ends, and console blocks' outputs are compared with what the
// commands print.
import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';

const state = mkdtempSync(join(tmpdir(), 'loanchain-guide-'));
const backgrounds = [];

// What the block before a shown output printed: its shell commands' standard output, or
// what its JavaScript logged.
let printed = '';
const say = (text) => process.stdout.write(`${text}\n`);
const log = console.log.bind(console);
console.log = (...args) => {
  printed += args.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' ') + '\n';
  log(...args);
};

function mark(where) {
  printed = '';
  say(`\n▶ ${where}`);
}

export const entering = mark;

/** Runs `script` in bash in the guide's folder and environment; keeps what it changed. */
function bash(script, { checked }) {
  const envFile = join(state, 'env');
  const cwdFile = join(state, 'cwd');
  const keep = `env -0 > '${envFile}'; pwd > '${cwdFile}'`;
  const body = checked
    ? `set -euo pipefail -o allexport\n${script}\n${keep}\n`
    : `set -uo pipefail -o allexport\n{\n${script}\n} 2>&1\nguide_status=$?\nexport -n guide_status\n${keep}\nexit $guide_status\n`;
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', body], {
      cwd: process.cwd(),
      env: process.env,
      stdio: ['ignore', 'pipe', checked ? 'inherit' : 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      printed += chunk;
      process.stdout.write(chunk);
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      try {
        const env = readFileSync(envFile, 'utf8').split('\0').filter(Boolean);
        for (const name of Object.keys(process.env)) delete process.env[name];
        for (const entry of env) {
          const at = entry.indexOf('=');
          process.env[entry.slice(0, at)] = entry.slice(at + 1);
        }
        process.chdir(readFileSync(cwdFile, 'utf8').trim());
      } catch {
        // The script stopped before it could say: nothing changed.
      }
      resolve({ code, output });
    });
  });
}

export async function sh(block) {
  mark(block.where);
  const { code } = await bash(block.code, { checked: true });
  if (code !== 0) throw new Error(`${block.where}: the shell block exited with status ${code}`);
}

/** `…` in a shown output stands for any text; trailing spaces do not count. */
function matches(shown, printed) {
  const tidy = (text) =>
    text
      .split('\n')
      .map((line) => line.trimEnd())
      .join('\n')
      .trim();
  const pattern = tidy(shown)
    .split('…')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[\\s\\S]*?');
  return new RegExp(`^${pattern}$`).test(tidy(printed));
}

export async function console_(block) {
  mark(block.where);
  for (const { command, output } of block.steps) {
    say(`$ ${command}`);
    const result = await bash(command, { checked: false });
    if (!matches(output, result.output)) {
      throw new Error(
        `${block.where}: \`${command}\` printed\n${result.output}\nwhere the guide shows\n${output}`,
      );
    }
  }
}
export { console_ as console };

async function answers(port) {
  try {
    const response = await fetch(`http://127.0.0.1:${port}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'system_health', params: [] }),
    });
    return (await response.json()).result !== undefined;
  } catch {
    return false;
  }
}

/** Starts the block in its own process group and waits until each of its ports answers. */
export async function background(block) {
  mark(block.where);
  const logFile = join(state, `background-${backgrounds.length}.log`);
  const fd = openSync(logFile, 'w');
  const child = spawn('bash', ['-c', `set -euo pipefail -o allexport\n${block.code}\n`], {
    cwd: process.cwd(),
    env: process.env,
    stdio: ['ignore', fd, fd],
    detached: true,
  });
  const running = { child, where: block.where, exited: null };
  child.on('exit', (code, signal) => (running.exited = { code, signal }));
  backgrounds.push(running);
  // A first run of scripts/dev-node.sh builds the node: half an hour on 2 cores.
  const deadline = Date.now() + 45 * 60_000;
  for (const port of block.ports) {
    while (!(await answers(port))) {
      if (running.exited || Date.now() > deadline) {
        const tail = readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
        throw new Error(
          `${block.where}: nothing answered on port ${port} (${JSON.stringify(running.exited)})\n${tail}`,
        );
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  say(`(running in the background, output in ${logFile})`);
}

export function file(block) {
  mark(block.where);
  writeFileSync(block.name, block.code + '\n');
  say(`(written to ${block.name})`);
}

/** A shown output: what the block before it printed. */
export function output(block) {
  if (!matches(block.code, printed)) {
    throw new Error(
      `${block.where}: the block before printed\n${printed}\nwhere the guide shows\n${block.code}`,
    );
  }
}

async function stopBackgrounds() {
  for (const running of backgrounds.reverse()) {
    if (running.exited) continue;
    const exited = new Promise((resolve) => running.child.once('exit', resolve));
    process.kill(-running.child.pid, 'SIGTERM');
    const timer = setTimeout(() => process.kill(-running.child.pid, 'SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  }
}

process.on('exit', () => {
  for (const running of backgrounds) {
    if (!running.exited) process.kill(-running.child.pid, 'SIGKILL');
  }
});

export async function fail(error) {
  console.error(error?.stack ?? error);
  await stopBackgrounds();
  process.exit(1);
}

export async function end() {
  await stopBackgrounds();
  process.exit(0);
}
