// Wallets that sign against the metadata hash (RFC 78: Ledger's generic app, the polkadot.js
// extension in metadata-hash mode) can sign Loanchain transactions: the runtime carries the
// hash of its own metadata (CheckMetadataHash), and a client that computes the same hash
// from the metadata it was served gets its transaction in; a wrong hash is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { merkleizeMetadata } from '@polkadot-api/merkleize-metadata';
import { u8aToHex } from '@polkadot/util';
import { devNodeSuite, send } from './lib/chain.mjs';

let node;
let api;
let alice;

devNodeSuite('metadata-hash', (dev) => ({ node, api, alice } = dev));

/** The metadata hash a wallet computes: the merkleized V15 metadata with the token's facts. */
async function metadataHash() {
  const metadata = (await api.call.metadata.metadataAtVersion(15)).unwrap();
  const properties = await api.rpc.system.properties();
  const merkleized = merkleizeMetadata(metadata.toU8a(true), {
    decimals: properties.tokenDecimals.unwrap()[0].toNumber(),
    tokenSymbol: properties.tokenSymbol.unwrap()[0].toString(),
  });
  return u8aToHex(merkleized.digest());
}

test('the metadata lists CheckMetadataHash among the transaction extensions', () => {
  const names = api.registry.metadata.extrinsic.transactionExtensions.map((e) =>
    e.identifier.toString(),
  );
  assert.ok(names.includes('CheckMetadataHash'), names.join(', '));
});

test('a transaction signed against the metadata hash is included', async () => {
  const hash = await metadataHash();
  const { events } = await send(api, api.tx.system.remark('0x6c6f616e'), alice, {
    mode: 1,
    metadataHash: hash,
  });
  assert.ok(events.some((e) => e.section === 'system' && e.method === 'ExtrinsicSuccess'));
});

test('a transaction signed against a wrong metadata hash is refused', async () => {
  const wrong = '0x' + 'ab'.repeat(32);
  assert.notEqual(wrong, await metadataHash());
  await assert.rejects(
    send(api, api.tx.system.remark('0x6c6f616e'), alice, { mode: 1, metadataHash: wrong }),
    /bad signature/i,
  );
});
