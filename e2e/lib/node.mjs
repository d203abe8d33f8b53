// Starts a real loanchain-node on free loopback ports and talks JSON-RPC to it.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const NODE_BINARY = process.env.LOANCHAIN_NODE ?? 'target/release/loanchain-node';

/** A fixed network key, for nodes started from a chain spec of their own (only `--dev`
 * generates one): such nodes listen on loopback only. */
export const LOOPBACK_NODE_KEY = '0000000000000000000000000000000000000000000000000000000000000001';

/** Ports handed out by this process: never twice. */
const handedOut = new Set();

/**
 * A TCP port nobody listens on right now, below the kernel's ephemeral range (32768 and
 * up). A port the kernel picks (`listen(0)`) is one it also gives to outgoing connections:
 * with five test files side by side, a connection could take it between this check and the
 * node's bind, and a node's RPC port then answered nothing.
 */
export async function freePort() {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (handedOut.has(port)) continue;
    const free = await new Promise((resolve) => {
      const server = createServer();
      server.unref();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) {
      handedOut.add(port);
      return port;
    }
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts `loanchain-node` with `args` plus RPC, p2p and Prometheus ports (free ones unless
 * `ports` gives them, e.g. to restart a node where its peers expect it).
 * Returns { rpc, rpcUrl, wsUrl, ports, stop, logFile, process }.
 */
export async function startNode(args, { name = 'node', ports, startTimeoutMs = 60_000 } = {}) {
  const rpcPort = ports?.rpc ?? (await freePort());
  const p2pPort = ports?.p2p ?? (await freePort());
  const promPort = ports?.prom ?? (await freePort());
  const logDir = mkdtempSync(join(tmpdir(), `loanchain-${name}-`));
  const logFile = join(logDir, 'node.log');
  const log = createWriteStream(logFile);
  const child = spawn(
    NODE_BINARY,
    [
      ...args,
      '--rpc-port',
      String(rpcPort),
      '--port',
      String(p2pPort),
      '--prometheus-port',
      String(promPort),
      '--no-mdns',
      '--no-telemetry',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  // Both outputs go to one file, which is ended (and flushed) only once the process and
  // both pipes are closed: a node that exits early is reported with its whole log. (Piped
  // with `end: true`, the first output to end would close the file under the other.)
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  let exited = null;
  const closed = new Promise((resolve) =>
    child.once('close', (code, signal) =>
      log.end(() => {
        exited = { code, signal };
        resolve(exited);
      }),
    ),
  );

  const rpcUrl = `http://127.0.0.1:${rpcPort}`;
  const rpc = async (method, params = []) => {
    const response = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    });
    const body = await response.json();
    if (body.error) {
      const error = new Error(`${method}: ${body.error.message}`);
      error.rpc = body.error;
      throw error;
    }
    return body.result;
  };

  const stop = async (signal = 'SIGTERM') => {
    if (exited) return exited;
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const result = await closed;
    clearTimeout(timer);
    return result;
  };

  // Wait until the RPC server answers (the node may first have to set up its database).
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (exited)
      throw new Error(`${name} exited early (${JSON.stringify(exited)}); log: ${logFile}`);
    try {
      await rpc('system_health');
      break;
    } catch (e) {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(
          `${name} did not answer RPC within ${startTimeoutMs / 1000} s; log: ${logFile}`,
        );
      }
      await sleep(250);
    }
  }
  return {
    rpc,
    rpcUrl,
    wsUrl: `ws://127.0.0.1:${rpcPort}`,
    p2pPort,
    promPort,
    ports: { rpc: rpcPort, p2p: p2pPort, prom: promPort },
    stop,
    logFile,
    process: child,
  };
}

/** The number of the latest finalized block. */
export async function finalizedNumber(rpc) {
  const hash = await rpc('chain_getFinalizedHead');
  const header = await rpc('chain_getHeader', [hash]);
  return parseInt(header.number, 16);
}

/** Waits until the finalized block is at least `target`, or fails after `timeoutMs`. */
export async function waitForFinalized(rpc, target, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let seen = -1;
  while (Date.now() < deadline) {
    seen = await finalizedNumber(rpc);
    if (seen >= target) return seen;
    await sleep(500);
  }
  throw new Error(`finalized block stayed at #${seen}, wanted #${target} within ${timeoutMs} ms`);
}

/** Decodes a SCALE `Vec<u32>` from 0x-hex. */
export function decodeVecU32(hex) {
  const bytes = Buffer.from(hex.replace(/^0x/, ''), 'hex');
  const mode = bytes[0] & 3;
  let length;
  let offset;
  if (mode === 0) {
    length = bytes[0] >> 2;
    offset = 1;
  } else if (mode === 1) {
    length = bytes.readUInt16LE(0) >> 2;
    offset = 2;
  } else throw new Error('vector too long for this decoder');
  const out = [];
  for (let i = 0; i < length; i++) out.push(bytes.readUInt32LE(offset + 4 * i));
  return out;
}
