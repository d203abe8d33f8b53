// The README's first command, as a newcomer runs it: scripts/dev-node.sh builds what it
// needs (here already built: the build is a no-op), leaves loanctl built and says where it
// is, serves the dev chain on the port it prints, the one given with --rpc-port too, and
// serves the web app, pointed at that node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { freePort } from './lib/node.mjs';
import { connect } from './lib/chain.mjs';

/** Runs scripts/dev-node.sh with `args` until it has printed what a user reads. */
async function devNode(args, env = {}) {
  const child = spawn('scripts/dev-node.sh', args, {
    cwd: new URL('..', import.meta.url).pathname,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let said = '';
  child.stdout.on('data', (d) => (said += d));
  child.stderr.on('data', (d) => (said += d));
  const deadline = Date.now() + 600_000;
  while (!/loanctl is (\S+)/.test(said) || !/Imported #1\b/.test(said)) {
    if (child.exitCode !== null) throw new Error(`dev-node.sh exited:\n${said}`);
    if (Date.now() > deadline) throw new Error(`dev-node.sh said:\n${said}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  // As a terminal's Ctrl-C does, the signal reaches the whole process group. Resolves with
  // the script's exit code and everything it printed.
  const stop = () =>
    new Promise((resolve) => {
      child.once('close', (code, signal) => resolve({ code, signal, output: said }));
      process.kill(-child.pid, 'SIGTERM');
    });
  return { said, stop };
}

test('dev-node.sh prints the RPC port it serves, where loanctl is, and serves the web app', async () => {
  const port = await freePort();
  const p2p = await freePort();
  const web = await freePort();
  const prometheus = await freePort();
  const args = ['--rpc-port', String(port), '--port', String(p2p)];
  const { said, stop } = await devNode([...args, '--prometheus-port', String(prometheus)], {
    LOANCHAIN_WEB_PORT: String(web),
  });
  try {
    assert.match(said, new RegExp(`connect polkadot.js apps to ws://127\\.0\\.0\\.1:${port}\\n`));
    const loanctl = said.match(/loanctl is (\S+)/)[1];
    accessSync(loanctl, constants.X_OK);
    const response = await fetch(`http://127.0.0.1:${port}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'system_chain', params: [] }),
    });
    assert.equal((await response.json()).result, 'Loanchain Development');
    const app = `http://127.0.0.1:${web}/?node=ws://127.0.0.1:${port}`;
    assert.ok(said.includes(`the web app is at ${app}\n`), said);
    assert.match(await (await fetch(app)).text(), /<title>Loanchain<\/title>/);
    // Alice's token service runs beside the node: her token keys appear on chain, so a
    // private lender of the web app has a registrar to buy tokens from.
    assert.match(said, /Alice's token service answers requests for lender tokens/);
    const { api } = await connect(`ws://127.0.0.1:${port}`);
    try {
      const deadline = Date.now() + 60_000;
      while ((await api.query.creditIdentity.tokenKeys.keys()).length === 0) {
        assert.ok(Date.now() < deadline, 'no token key of Alice within a minute');
        await new Promise((r) => setTimeout(r, 1000));
      }
    } finally {
      await api.disconnect();
    }
  } finally {
    const stopped = await stop();
    // Stopping is what the user asked for: the script exits 0, and nothing says a task
    // failed (the pool's background task ends quietly when the pool goes).
    assert.deepEqual([stopped.code, stopped.signal], [0, null], stopped.output.slice(-2000));
    assert.doesNotMatch(stopped.output, /Essential task .* failed/);
  }
});
