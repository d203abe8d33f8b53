// A node that is sent garbage refuses it with errors and keeps producing blocks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { finalizedNumber, waitForFinalized } from './lib/node.mjs';
import { devNodeSuite, send } from './lib/chain.mjs';

let node;
let api;
let keyring;

devNodeSuite('bad-input', (dev) => ({ node, api, keyring } = dev));

async function rawPost(body) {
  const response = await fetch(node.rpcUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  return response.json();
}

test('garbage JSON-RPC gets JSON-RPC errors', async () => {
  assert.equal((await rawPost('this is not json')).error.code, -32700);
  assert.equal(
    (await rawPost('{"jsonrpc":"2.0","id":1,"method":"no_such_method","params":[]}')).error.code,
    -32601,
  );
  assert.equal(
    (await rawPost('{"jsonrpc":"2.0","id":1,"method":"chain_getBlockHash","params":["x"]}')).error
      .code,
    -32602,
  );
  assert.equal(
    (await rawPost('{"jsonrpc":"2.0","id":1,"method":"loans_loan","params":[{"a":1}]}')).error.code,
    -32602,
  );
});

test('malformed extrinsics are refused', async () => {
  for (const garbage of ['0x', '0xdeadbeef', '0x' + 'ff'.repeat(200)]) {
    await assert.rejects(
      node.rpc('author_submitExtrinsic', [garbage]),
      (e) => typeof e.rpc?.code === 'number',
    );
  }
});

test('a transaction with a wrong signature is refused', async () => {
  const alice = keyring.addFromUri('//Alice');
  const tx = api.tx.system.remark('0x01');
  await tx.signAsync(alice);
  const bytes = tx.toU8a();
  // Flip a bit in the middle of the signature (after the address).
  bytes[50] ^= 0x01;
  await assert.rejects(
    node.rpc('author_submitExtrinsic', ['0x' + Buffer.from(bytes).toString('hex')]),
    (e) =>
      e.rpc.code === 1010 &&
      /bad signature|invalid/i.test(e.rpc.message + JSON.stringify(e.rpc.data ?? '')),
  );
});

test('oversized details fail with a named error; an oversized block-filler is not accepted', async () => {
  const dave = keyring.addFromUri('//Dave');
  const bob = keyring.addFromUri('//Bob');
  const details = {
    nonce: '0x' + '00'.repeat(12),
    ciphertext: '0x' + 'ab'.repeat(4096),
    keyCommitment: '0x' + '00'.repeat(32),
    lenderEnvelope: '0x' + '00'.repeat(80),
    borrowerEnvelope: '0x' + '00'.repeat(80),
  };
  await assert.rejects(
    send(api, api.tx.loans.propose(bob.address, 'Lender', 5, details), dave),
    (e) => e.dispatchError === 'loans.DetailsTooLong',
  );
  assert.equal((await api.query.loans.nextLoanId()).toNumber(), 0, 'no loan was stored');

  const huge = { ...details, ciphertext: '0x' + 'ab'.repeat(6 * 1024 * 1024) };
  await assert.rejects(send(api, api.tx.loans.propose(bob.address, 'Lender', 5, huge), dave));
});

test('the node kept producing and finalizing blocks', async () => {
  const now = await finalizedNumber(node.rpc);
  await waitForFinalized(node.rpc, now + 2, 60_000);
});
