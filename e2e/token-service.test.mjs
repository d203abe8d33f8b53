// A registrar's token service (docs/identity.md, "The token service"), on a dev node:
// `loanctl token-service` runs as Alice, the dev chain's registrar, and keeps her token keys
// published; a lender (Dave) asks for tokens and pays with loanctl alone (`lender-tokens
// --submit`), and nobody answers by hand: the service signs the request blind and Dave's
// `finalize-tokens --wait` finalizes the tokens. Then the service is stopped, a second
// request waits, and one round of `--once` answers it; an account that is no registrar is
// refused before anything is sent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOANCTL, devNodeSuite, findEvent, loanctl, loanctlFails, send } from './lib/chain.mjs';
import { epochNow } from './lib/tokens.mjs';

let api;
let keyring;
const dev = devNodeSuite('token-service', (started) => ({ api, keyring } = started));
const dir = mkdtempSync(join(tmpdir(), 'loanchain-token-service-'));
const keyDir = join(dir, 'alice-token-keys');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The epoch of Alice's newest token key still open for requests (this one or the next). */
async function aliceKeyEpoch() {
  const alice = keyring.addFromUri('//Alice').address;
  const { epoch } = await epochNow(api);
  for (const e of [epoch + 1, epoch]) {
    if ((await api.query.creditIdentity.tokenKeys(alice, e)).isSome) return e;
  }
  return undefined;
}

/**
 * Dave's bundle of ten for per-loan keys `from`…, under Alice's newest key, blinded by
 * loanctl and paid from his wallet (@polkadot/api).
 */
async function daveAsks(from) {
  const alice = keyring.addFromUri('//Alice');
  const epoch = await aliceKeyEpoch();
  assert.ok(epoch !== undefined, 'Alice has a token key to buy from');
  const tokens = join(dir, `dave-${from}.tokens`);
  const bundle = JSON.parse(
    loanctl(
      'lender-tokens',
      ...['--rpc', dev.node.wsUrl, '--suri', '//Dave', '--registrar', alice.address],
      ...['--epoch', `${epoch}`, '--from', `${from}`, '--count', '10', '--out', tokens],
    ),
  );
  const asked = await send(
    api,
    api.tx.creditIdentity.requestLenderTokens(bundle.registrar, bundle.epoch, bundle.blinded),
    keyring.addFromUri('//Dave'),
  );
  const { request } = findEvent(asked.events, 'creditIdentity', 'LenderTokensRequested');
  return { tokens, request: Number(request) };
}

const finalize = ({ tokens, request }) =>
  JSON.parse(
    loanctl(
      'finalize-tokens',
      '--rpc',
      dev.node.wsUrl,
      '--tokens',
      tokens,
      '--request',
      `${request}`,
    ),
  );

test("a registrar's token service publishes its keys and answers requests as they come", async () => {
  const alice = keyring.addFromUri('//Alice');
  const service = spawn(
    LOANCTL,
    ['token-service', '--rpc', dev.node.wsUrl, '--suri', '//Alice', '--key-dir', keyDir],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let said = '';
  service.stderr.on('data', (d) => (said += d));
  try {
    // Its keys of this epoch and the next, on chain; each one's secret in a file only Alice
    // reads, in a folder only she opens.
    const { epoch } = await epochNow(api);
    for (;;) {
      const keys = await api.query.creditIdentity.tokenKeys.entries(alice.address);
      if (keys.some(([k]) => k.args[1].toNumber() === epoch + 1)) break;
      assert.equal(service.exitCode, null, said);
      await sleep(1000);
    }
    assert.equal(statSync(keyDir).mode & 0o777, 0o700);
    const files = readdirSync(keyDir);
    assert.ok(files.includes(`epoch-${epoch + 1}.pem`), files.join());
    for (const f of files) assert.equal(statSync(join(keyDir, f)).mode & 0o777, 0o600, f);

    // Dave asks for ten tokens and pays, with loanctl alone (`--submit`); the service
    // answers, and his client, waiting for it, finalizes them under Alice's key.
    const tokens = join(dir, 'dave-0.tokens');
    const asked = JSON.parse(
      loanctl(
        'lender-tokens',
        ...['--rpc', dev.node.wsUrl, '--suri', '//Dave', '--registrar', alice.address],
        ...['--from', '0', '--count', '10', '--out', tokens, '--submit'],
      ),
    );
    assert.ok(asked.request >= 0 && asked.block > 0 && !asked.blinded, JSON.stringify(asked));
    const finalized = JSON.parse(
      loanctl('finalize-tokens', '--rpc', dev.node.wsUrl, '--tokens', tokens, '--wait'),
    );
    assert.deepEqual([finalized.request, finalized.tokens], [asked.request, 10]);
    // (loanctl ran synchronously: the service's lines arrive once the event loop turns.)
    const line = new RegExp(`submitted request ${asked.request} \\(10 tokens\\)`);
    for (let n = 0; n < 50 && !line.test(said); n++) await sleep(100);
    assert.match(said, line);
  } finally {
    service.kill('SIGTERM');
  }

  // Without the service, a request waits; one round of --once answers it and says so.
  const once = (...args) =>
    JSON.parse(
      loanctl('token-service', '--rpc', dev.node.wsUrl, '--key-dir', keyDir, '--once', ...args),
    );
  once('--suri', '//Alice');
  const waiting = await daveAsks(10);
  await sleep(7000);
  assert.ok((await api.query.creditIdentity.tokenRequests(waiting.request)).isSome);
  const round = once('--suri', '//Alice');
  const answered = round.find((line) => line.answeredRequest === waiting.request);
  assert.ok(
    answered?.tokens === 10 && answered.block > 0 && !answered.error,
    JSON.stringify(round),
  );
  assert.equal(finalize(waiting).keys, '10..=19');
  // Nothing is left to answer: the next round answers nothing.
  const after = once('--suri', '//Alice');
  assert.ok(!after.some((line) => 'answeredRequest' in line), JSON.stringify(after));

  // Bob is no registrar: refused, nothing sent.
  const refused = loanctlFails(
    'token-service',
    ...['--rpc', dev.node.wsUrl, '--suri', '//Bob', '--key-dir', join(dir, 'bob'), '--once'],
  );
  assert.equal(refused.status, 2, refused.stderr);
  assert.match(refused.stderr, /is not a registrar of this chain/);
});
