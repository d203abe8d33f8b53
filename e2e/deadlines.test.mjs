// The dev chain walks through every deadline of the loans pallet in minutes: durations are
// counted in chain days, and a dev "day" is 5 blocks. An unaccepted proposal expires after
// `ProposalTtl` (3 days: 15 blocks); a paid request the lender leaves unanswered can be
// reclaimed after `AccessDeadline` (7 days: 35 blocks), and the viewer gets the price back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { waitForFinalized } from './lib/node.mjs';
import {
  activeLoan,
  balance,
  devNodeSuite,
  feePaid,
  findEvent,
  heldFor,
  proposeLoan,
  send,
  UNIT,
  waitForEvent,
} from './lib/chain.mjs';

const BLOCKS_PER_DAY = 5;
const TERMS = {
  amount: '900.00',
  currency: 'CNY',
  rate: '0.1',
  start: '2026-11-21',
  period_days: 30,
};

let node;
let api;
let keyring;

devNodeSuite('deadlines', (dev) => ({ node, api, keyring } = dev));

test('an unaccepted proposal expires; an unanswered paid request is reclaimed after the deadline', async () => {
  const company = keyring.addFromUri('//Dave');
  const bob = keyring.addFromUri('//Bob');
  const eve = keyring.addFromUri('//Eve');
  const ttl = api.consts.loans.proposalTtl.toNumber();
  const accessDeadline = api.consts.loans.accessDeadline.toNumber();
  assert.deepEqual([ttl, accessDeadline], [3, 7], 'durations in chain days');

  // A proposal nobody accepts.
  const {
    loanId: proposalId,
    sealed,
    proposed,
  } = await proposeLoan(api, { lender: company, borrower: bob, terms: TERMS });
  const { expiresAt } = findEvent(proposed.events, 'loans', 'LoanProposed');
  const proposedAt = (await api.rpc.chain.getHeader(proposed.blockHash)).number.toNumber();
  assert.ok((await heldFor(api, company.address, 'ProposalDeposit')) > 0n, 'a proposal deposit');
  assert.equal(expiresAt, proposedAt + ttl * BLOCKS_PER_DAY);

  // A loan in effect, offered for a price; Eve pays, the lender does not answer.
  const price = 3n * UNIT;
  const { loanId } = await activeLoan(api, {
    lender: company,
    borrower: keyring.addFromUri('//Charlie'),
    terms: TERMS,
  });
  await send(api, api.tx.loans.setDisclosure(loanId, { Paid: { price } }), company);
  const start = await balance(api, eve.address);
  const requested = await send(api, api.tx.loans.requestAccess(loanId, price), eve);
  const requestedAt = (await api.rpc.chain.getHeader(requested.blockHash)).number.toNumber();
  const deposit = await heldFor(api, eve.address, 'RequestDeposit');
  assert.ok(deposit > 0n, 'the request holds a deposit besides the price');
  assert.equal((await balance(api, eve.address)).reserved - start.reserved, price + deposit);
  await assert.rejects(
    send(api, api.tx.loans.reclaim(loanId), eve),
    (e) => e.dispatchError === 'loans.DeadlineNotReached',
  );
  const waiting = await balance(api, eve.address);

  // The proposal expires: removed, never part of anyone's record; too late to accept.
  const expired = await waitForEvent(
    api,
    'loans',
    'ProposalExpired',
    (e) => e.loanId === proposalId,
    180_000,
  );
  assert.equal(expired.loanId, proposalId);
  assert.ok((await api.query.loans.loans(proposalId)).isNone);
  assert.equal(
    await heldFor(api, company.address, 'ProposalDeposit'),
    0n,
    'the expired proposal returned its deposit',
  );
  await assert.rejects(
    send(api, api.tx.loans.accept(proposalId, '0x' + '11'.repeat(32)), bob),
    (e) => e.dispatchError === 'loans.UnknownLoan',
  );

  // After the deadline the viewer takes the price back: balance as before, less the fees.
  await waitForFinalized(node.rpc, requestedAt + accessDeadline * BLOCKS_PER_DAY, 300_000);
  const reclaimed = await send(api, api.tx.loans.reclaim(loanId), eve);
  assert.deepEqual(findEvent(reclaimed.events, 'loans', 'AccessReclaimed'), {
    loanId,
    viewer: eve.address,
    refunded: Number(price),
  });
  const end = await balance(api, eve.address);
  assert.equal(end.reserved, start.reserved, 'nothing is held any more');
  assert.equal(end.free, waiting.free + price + deposit - feePaid(reclaimed.events, eve.address));
  const [[, request]] = await api.call.loansApi.accessRequests(loanId, 0, 10);
  assert.equal(request.viewer.toString(), eve.address);
  assert.equal(request.status.toString(), 'Reclaimed');

  // Once is all: the request is closed.
  await assert.rejects(
    send(api, api.tx.loans.reclaim(loanId), eve),
    (e) => e.dispatchError === 'loans.NoOpenRequest',
  );
});
