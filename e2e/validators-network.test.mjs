// The validators change by vote on a real four-validator network on loopback (--chain
// local; Alice, Bob, Charlie and Dave are the institutions, a motion needs three of them): a
// fifth node joins the validators and authors, one of the four is voted out while finality
// goes on, and no validator can drop its session keys. governance-network.test.mjs runs the
// other motions and an upgrade on a network of its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { u8aToHex } from '@polkadot/util';
import { waitForFinalized } from './lib/node.mjs';
import { send, findEvent } from './lib/chain.mjs';
import { authorities, failure, localNetworkSuite, motion, until } from './lib/governance.mjs';

let api;
let keyring;
let institutions; // Alice, Bob, Charlie, Dave
const net = localNetworkSuite('validators-net', (started) => {
  ({ api, keyring, institutions } = started);
});
const { nodes } = net;

/** A motion passed by three of the four institutions. */
const byThreeOfFour = (call) => motion(api, call, institutions.slice(0, 3));

test('a fifth node joins the validators by vote and authors; one of the four is voted out', async () => {
  const ferdie = keyring.addFromUri('//Ferdie');
  const fifth = await net.start('ferdie');
  // On Ferdie's own node: session keys in its keystore, and the proof that Ferdie's
  // account owns them; then session.setKeys from Ferdie's account.
  const generated = await fifth.rpc('author_rotateKeysWithOwner', [u8aToHex(ferdie.addressRaw)]);
  const keys = { aura: generated.keys.slice(0, 66), grandpa: '0x' + generated.keys.slice(66) };
  await send(api, api.tx.session.setKeys(generated.keys, generated.proof), ferdie);
  const added = await byThreeOfFour(api.tx.validatorSet.addValidator(ferdie.address));
  assert.deepEqual(added.result, { ok: null });

  // Sessions are 5 blocks on the local chain: active from the session after next.
  await until(
    async () => (await authorities(api)).aura.includes(keys.aura),
    120_000,
    'Ferdie authors',
  );
  await until(
    async () => (await authorities(api)).grandpa.includes(keys.grandpa),
    60_000,
    'Ferdie votes',
  );
  const joined = (await api.rpc.chain.getHeader()).number.toNumber();
  // Five voters: finality needs four, so it goes on with Ferdie voting.
  await waitForFinalized(nodes.alice.rpc, joined + 5, 120_000);
  await until(
    async () => (await fifth.rpc('system_health')).peers >= 4,
    30_000,
    "Ferdie's node is connected",
  );

  // Dave is voted out; once the block that changed GRANDPA's set is final, his node can go.
  const dave = institutions[3];
  const daveAura = u8aToHex(dave.publicKey);
  const removed = await byThreeOfFour(api.tx.validatorSet.removeValidator(dave.address));
  assert.deepEqual(removed.result, { ok: null });
  await until(
    async () => !(await authorities(api)).aura.includes(daveAura),
    120_000,
    'Dave is out',
  );
  await until(async () => (await authorities(api)).grandpa.length === 4, 60_000, 'four voters');
  const changed = (await api.rpc.chain.getHeader()).number.toNumber();
  await waitForFinalized(nodes.alice.rpc, changed, 120_000);
  await nodes.dave.stop();
  await waitForFinalized(nodes.alice.rpc, changed + 4, 120_000);
  await waitForFinalized(fifth.rpc, changed + 4, 60_000);
});

test('no validator can drop its session keys; a former one can; finality goes on', async () => {
  const [, bob, , dave] = institutions;
  // Bob validates: neither way of removing his keys is open to him.
  assert.equal(await failure(api, api.tx.session.purgeKeys(), bob), 'system.CallFiltered');
  assert.equal(
    await failure(api, api.tx.validatorSet.purgeKeys(), bob),
    'validatorSet.StillAValidator',
  );
  assert.equal((await api.query.session.nextKeys(bob.address)).isSome, true);
  // Dave was voted out: he takes his keys back.
  const { events } = await send(api, api.tx.validatorSet.purgeKeys(), dave);
  assert.deepEqual(findEvent(events, 'validatorSet', 'SessionKeysPurged'), { who: dave.address });
  assert.equal((await api.query.session.nextKeys(dave.address)).isNone, true);
  const now = (await api.rpc.chain.getHeader()).number.toNumber();
  await waitForFinalized(nodes.alice.rpc, now + 6, 120_000); // past the next session
});
