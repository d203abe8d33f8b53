// Helpers for the governance tests: motions of the institutions, waiting for the chain,
// reading raw storage.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, after } from 'node:test';
import { xxhashAsHex } from '@polkadot/util-crypto';
import { connect, send, findEvent } from './chain.mjs';
import { startNode, waitForFinalized } from './node.mjs';

/**
 * A four-validator network on loopback (`--chain local`) for one test file: Alice, Bob,
 * Charlie and Dave, the institutions, started before its tests (finality past block 2, an
 * @polkadot/api connection to Alice's node) and stopped after them, also when a test failed.
 * Gives `{ nodes, api, keyring, institutions, start, finished }`: `start(name, extra)` adds
 * a validator node by the others; `finished` turns true when the file's tests are over.
 * `onStarted` is awaited once the network is up, before the file's tests.
 */
export function localNetworkSuite(name, onStarted) {
  const base = mkdtempSync(join(tmpdir(), `loanchain-${name}-`));
  const net = { nodes: {}, finished: false };
  let bootnode;
  net.start = async (node, extra = []) => {
    const args = ['--chain', 'local', '--validator', '--base-path', join(base, node), ...extra];
    args.push('--node-key', String(Object.keys(net.nodes).length + 1).padStart(64, '0'));
    if (bootnode) args.push('--bootnodes', bootnode);
    net.nodes[node] = await startNode(args, { name: `${name}-${node}` });
    return net.nodes[node];
  };
  before(async () => {
    const alice = await net.start('alice', ['--alice']);
    bootnode = `/ip4/127.0.0.1/tcp/${alice.p2pPort}/p2p/${await alice.rpc('system_localPeerId')}`;
    for (const node of ['bob', 'charlie', 'dave']) await net.start(node, [`--${node}`]);
    Object.assign(net, await connect(alice.wsUrl));
    net.institutions = ['//Alice', '//Bob', '//Charlie', '//Dave'].map((uri) =>
      net.keyring.addFromUri(uri),
    );
    await waitForFinalized(alice.rpc, 2, 120_000);
    await onStarted?.(net);
  });
  after(async () => {
    net.finished = true;
    await net.api?.disconnect();
    await Promise.all(Object.values(net.nodes).map((n) => n.stop()));
    rmSync(base, { recursive: true, force: true });
  });
  return net;
}

/** Submits `txs` from `signer` at once, with consecutive nonces; resolves to `send`'s results. */
export async function sendAll(api, txs, signer) {
  const nonce = (await api.rpc.system.accountNextIndex(signer.address)).toNumber();
  return Promise.all(txs.map((tx, i) => send(api, tx, signer, { nonce: nonce + i })));
}

/**
 * A motion of the institutions: `voters[0]` proposes `call` with threshold
 * `voters.length`; the others vote aye; the last one closes it. With one voter the motion
 * runs at once. Resolves to the `institutions.Executed` event's fields, with the events of
 * the block the motion ran in as `events` (not enumerable: the fields compare as before).
 */
export async function motion(api, call, voters) {
  const lengthBound = call.method.encodedLength;
  const proposed = await send(
    api,
    api.tx.institutions.propose(voters.length, call, lengthBound),
    voters[0],
  );
  if (voters.length === 1)
    return withEvents(findEvent(proposed.events, 'institutions', 'Executed'), proposed.events);
  const { proposalIndex, proposalHash } = findEvent(proposed.events, 'institutions', 'Proposed');
  await Promise.all(
    voters.map((v) => send(api, api.tx.institutions.vote(proposalHash, proposalIndex, true), v)),
  );
  const { weight } = await call.paymentInfo(voters[0].address);
  const closed = await send(
    api,
    api.tx.institutions.close(proposalHash, proposalIndex, weight, lengthBound),
    voters[voters.length - 1],
  );
  return withEvents(findEvent(closed.events, 'institutions', 'Executed'), closed.events);
}

/** The `Executed` event's fields, with the block's events of that motion as `events`. */
function withEvents(executed, events) {
  return executed && Object.defineProperty(executed, 'events', { value: events });
}

/** Submits `tx` from `signer`; resolves to the name of the error it failed with. */
export async function failure(api, tx, signer) {
  const error = await send(api, tx, signer).then(
    () => assert.fail('the transaction succeeded'),
    (e) => e,
  );
  assert.ok(error.dispatchError, error.message);
  return error.dispatchError;
}

/** Polls `condition` every 3 s until it holds, for at most `timeoutMs`. */
export async function until(condition, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    assert.ok(Date.now() < deadline, `${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 3000));
  }
}

/** Waits until the best block is at least `number`. */
export async function waitForBlock(api, number) {
  const best = async () => (await api.rpc.chain.getHeader()).number.toNumber();
  const blocksToGo = Math.max(0, number - (await best()));
  await until(async () => (await best()) >= number, (blocksToGo + 10) * 6000, `block #${number}`);
}

/** The storage prefix of `pallet`'s `item`. */
export const prefixOf = (pallet, item) =>
  xxhashAsHex(pallet, 128) + xxhashAsHex(item, 128).slice(2);

/** Every key and value under `prefix` at block `at`, as a Map of hex strings. */
export async function storageUnder(rpc, prefix, at) {
  const entries = new Map();
  let startKey;
  for (;;) {
    const keys = await rpc('state_getKeysPaged', [prefix, 1000, startKey, at]);
    for (const key of keys) entries.set(key, await rpc('state_getStorage', [key, at]));
    if (keys.length < 1000) return entries;
    startKey = keys[keys.length - 1];
  }
}

/** The Aura and GRANDPA public keys the runtime holds now, as hex. */
export async function authorities(api) {
  return {
    aura: (await api.query.aura.authorities()).map((a) => a.toHex()),
    grandpa: (await api.call.grandpaApi.grandpaAuthorities()).map(([id]) => id.toHex()),
  };
}
