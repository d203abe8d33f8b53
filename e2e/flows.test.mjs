// Both flows of Loanchain from start to finish, against a real dev node, with the real
// @polkadot/api client and loanctl — as a company's system and people's wallets use it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blake2AsHex, decodeAddress } from '@polkadot/util-crypto';
import { u8aToHex } from '@polkadot/util';
import {
  activeLoan,
  balance,
  devNodeSuite,
  feePaid,
  findEvent,
  heldFor,
  kycId,
  loanctl,
  loanctlFails,
  personId,
  proposalHash,
  seal,
  sealOutcome,
  send,
  UNIT,
  waitForEvent,
  x25519,
  openLoan,
} from './lib/chain.mjs';

let node;
let api;
let keyring;
let alice;

const TERMS = {
  amount: '5000.00',
  currency: 'CNY',
  rate: '0.12',
  start: '2026-11-21',
  period_days: 1,
  purpose: 'tuition',
};

devNodeSuite('flows', (dev) => ({ node, api, keyring, alice } = dev));

/** A funded account with a verified identity of `kind` for ID `number`. */
async function verifiedParty(name, kind, number) {
  const pair = keyring.addFromUri(`//Loanchain/${name}`);
  await send(api, api.tx.balances.transferKeepAlive(pair.address, 1000n * UNIT), alice);
  const key = x25519();
  const idHash = kycId(node, kind, number);
  const registered = await send(
    api,
    api.tx.creditIdentity.register(kind, idHash, key.publicKey),
    pair,
  );
  assert.deepEqual(findEvent(registered.events, 'creditIdentity', 'IdentityRegistered'), {
    who: pair.address,
    kind,
    idHash,
    deposit: Number(UNIT),
  });
  const held = await balance(api, pair.address);
  assert.equal(held.reserved, UNIT, 'the identity deposit (1 LOAN) is held');
  const verified = await send(api, api.tx.creditIdentity.verify(pair.address, idHash, kind), alice);
  assert.ok(findEvent(verified.events, 'creditIdentity', 'IdentityVerified'));
  const identity = (await api.query.creditIdentity.identities(pair.address)).unwrap();
  assert.equal(identity.status.toString(), 'Verified');
  return { pair, address: pair.address, key, idHash, name };
}

/** Storage of a loan, as JSON, for before/after comparisons. */
async function loanState(loanId) {
  return JSON.stringify((await api.query.loans.loans(loanId)).toJSON());
}

/** Submits `tx`, expects it to fail with `error`, and the loan to be unchanged. */
/** Loan `id` as `loanctl loan` prints it: read through the generated client, typed. */
const loanctlLoan = (id) =>
  JSON.parse(loanctl('loan', '--rpc', node.wsUrl, '--loan-id', String(id)));

async function expectRejected(tx, signer, error, loanId) {
  const before = await loanState(loanId);
  await assert.rejects(
    send(api, tx, signer),
    (e) => e.dispatchError === error,
    `expected ${error}`,
  );
  assert.equal(await loanState(loanId), before, `${error} left the loan unchanged`);
}

test('person to person: propose, accept, mature, extend, mature, conclude breached, publish', async () => {
  const borrower = await verifiedParty('P2P-Borrower', 'Person', personId('11010119900101123'));
  const lender = await verifiedParty('P2P-Lender', 'Person', personId('11010119850505456'));
  const sealed = seal(TERMS, borrower.idHash, lender.key.publicKey, borrower.key.publicKey);

  // The borrower proposes, as Borrower, a one-day loan.
  const proposed = await send(
    api,
    api.tx.loans.propose(lender.address, 'Borrower', 1, sealed.details),
    borrower.pair,
  );
  const { loanId } = findEvent(proposed.events, 'loans', 'LoanProposed');
  // The record names the parties' identities; the runtime API adds the accounts that hold
  // them now.
  let loan = (await api.query.loans.loans(loanId)).unwrap();
  assert.equal(loan.lender.asIdentity.toHex(), lender.idHash);
  assert.equal(loan.borrowerId.toHex(), borrower.idHash);
  assert.ok(loan.state.isProposed);
  const view = (await api.call.loansApi.loan(loanId)).unwrap();
  assert.equal(view.lender.toString(), lender.address);
  assert.equal(view.borrower.toString(), borrower.address);

  // Only the lender may accept, and only over the exact stored details.
  // The lender reads the proposal from the chain before signing: the terms, and the hash
  // that names exactly this proposal (loanctl computes it; so does any client, here JS).
  const opened = openLoan(node, loanId, '--secret-key', lender.key.secretFile);
  assert.deepEqual(opened.details, TERMS);
  assert.deepEqual(opened.warnings, []);
  assert.equal(opened.state, 'proposed');
  assert.equal(opened.proposalHash, await proposalHash(api, loanId));

  await expectRejected(
    api.tx.loans.accept(loanId, opened.proposalHash),
    borrower.pair,
    'loans.NotTheCounterparty',
    loanId,
  );
  // A hash of the ciphertext alone (the old consent) names no proposal.
  await expectRejected(
    api.tx.loans.accept(loanId, blake2AsHex(sealed.details.ciphertext, 256)),
    lender.pair,
    'loans.ProposalMismatch',
    loanId,
  );

  const feedbackDue = waitForEvent(
    api,
    'loans',
    'FeedbackDue',
    (f) => f.loanId === loanId,
    120_000,
  );
  const accepted = await send(api, api.tx.loans.accept(loanId, opened.proposalHash), lender.pair);
  const { maturity } = findEvent(accepted.events, 'loans', 'LoanActivated');
  loan = (await api.query.loans.loans(loanId)).unwrap();
  assert.ok(loan.state.isActive);
  assert.equal(loan.maturity.unwrap().toNumber(), maturity);

  // At maturity the chain prompts the lender.
  assert.deepEqual(await feedbackDue, { loanId, lender: lender.address });
  assert.ok((await api.query.loans.loans(loanId)).unwrap().state.isAwaitingFeedback);

  // Extension: the lender offers, the borrower must confirm.
  await expectRejected(
    api.tx.loans.proposeExtension(loanId, 1),
    borrower.pair,
    'loans.NotTheLender',
    loanId,
  );
  await send(api, api.tx.loans.proposeExtension(loanId, 1), lender.pair);
  await expectRejected(
    api.tx.loans.confirmExtension(loanId, 1),
    lender.pair,
    'loans.NotTheBorrower',
    loanId,
  );
  const dueAgain = waitForEvent(api, 'loans', 'FeedbackDue', (f) => f.loanId === loanId, 120_000);
  // The borrower confirms the days it read: an offer replaced since is refused.
  await expectRejected(
    api.tx.loans.confirmExtension(loanId, 2),
    borrower.pair,
    'loans.ExtensionNotOffered',
    loanId,
  );
  const confirmed = await send(api, api.tx.loans.confirmExtension(loanId, 1), borrower.pair);
  assert.equal(findEvent(confirmed.events, 'loans', 'ExtensionConfirmed').extraDays, 1);
  loan = (await api.query.loans.loans(loanId)).unwrap();
  assert.equal(loan.extensions.length, 1, 'the extension stays in the record');
  await dueAgain;

  // The lender concludes: breached, and publishes the key.
  const outcome = sealOutcome(node.wsUrl, loanId, 'breached', { contentKey: sealed.contentKey });
  await expectRejected(
    api.tx.loans.conclude(loanId, outcome, { Public: { contentKey: '0x' + '11'.repeat(32) } }),
    lender.pair,
    'loans.KeyDoesNotOpenDetails',
    loanId,
  );
  await send(
    api,
    api.tx.loans.conclude(loanId, outcome, { Public: { contentKey: sealed.contentKey } }),
    lender.pair,
  );
  loan = (await api.query.loans.loans(loanId)).unwrap();
  assert.ok(loan.state.isConcluded);
  assert.ok(loan.disclosure.isPublic);

  // A third party: the summary shows only times and "borrowed"...
  // Through @polkadot/api, with the RPC definitions of js/loanchain-rpc.mjs.
  const summary = (await api.rpc.loans.borrowerSummary(borrower.idHash)).toJSON();
  assert.equal(summary.length, 1);
  assert.deepEqual(Object.keys(summary[0]).sort(), ['disclosure', 'event', 'loanId', 'time']);
  assert.equal(summary[0].event, 'borrowed');
  assert.equal(summary[0].disclosure, 'public');
  assert.match(summary[0].time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.ok(!JSON.stringify(summary).includes(lender.address), 'no lender in the summary');
  // loanctl asks the same RPC method (over WebSocket, given the node's http:// URL).
  assert.deepEqual(JSON.parse(loanctl('summary', '--rpc', node.rpcUrl, borrower.idHash)), summary);
  // ... and the published loan shows its plaintext and outcome.
  const published = await node.rpc('loans_loan', [loanId]);
  assert.equal(published.outcome, 'breached');
  assert.deepEqual(published.details, TERMS);
  assert.equal(published.state, 'concluded');
  assert.equal(published.extensions.length, 1);
  // loanctl reads it with the client generated from the same declaration the node serves,
  // into the typed record, and writes back exactly what the node sent.
  assert.deepEqual(loanctlLoan(loanId), published);

  // The same summary through the runtime API, as polkadot.js apps calls it.
  const viaApi = await api.call.loansApi.borrowerSummary(borrower.idHash, 0, 10);
  assert.equal(viaApi.length, 1);
  assert.equal(viaApi[0].loanId.toNumber(), loanId);

  // Nothing unpublishes it.
  await expectRejected(
    api.tx.loans.setDisclosure(loanId, 'Encrypted'),
    lender.pair,
    'loans.DisclosureNotMoreOpen',
    loanId,
  );
});

test('embedded corporate: company proposes for the borrower, concludes early, sells access', async () => {
  const company = await verifiedParty('Company', 'Enterprise', '91440300MA5DC0QX05');
  const borrower = await verifiedParty('Customer', 'Person', personId('44010619920315789'));
  const buyer = await verifiedParty('Buyer', 'Person', personId('32010219780909321'));
  const refused = await verifiedParty('Refused', 'Enterprise', '91110000600037341L');

  // The company proposes in the borrower's name; the borrower confirms in their wallet.
  const { loanId, sealed } = await activeLoan(api, {
    lender: company.pair,
    borrower: borrower.pair,
    terms: { ...TERMS, period_days: 30 },
  });
  assert.ok((await api.query.loans.loans(loanId)).unwrap().state.isActive);

  // Early repayment on an approved extension: "performed normally", offered for a price,
  // then the follow-up loan.
  const price = 25n * UNIT;
  // Sealed with the company's own secret key: loanctl finds the content key in its envelope.
  const outcome = sealOutcome(node.wsUrl, loanId, 'performed', {
    secretKey: company.key.secretFile,
  });
  await send(api, api.tx.loans.conclude(loanId, outcome, { Paid: { price } }), company.pair);
  const { loanId: nextId } = await activeLoan(api, {
    lender: company.pair,
    borrower: borrower.pair,
    terms: { ...TERMS, period_days: 60 },
  });
  // One loan's key for another loan: the outcome could never be opened, and the chain cannot
  // tell. loanctl reads the loan and refuses the key; it never takes a loan id on trust.
  const crossed = loanctlFails(
    'seal-outcome',
    '--rpc',
    node.wsUrl,
    '--loan-id',
    String(nextId),
    '--content-key',
    sealed.contentKey,
    '--outcome',
    'performed',
  );
  assert.equal(crossed.status, 1, crossed.stderr);
  assert.match(crossed.stderr, /do not open with this content key/);
  // Through @polkadot/api, with the RPC definitions of js/loanchain-rpc.mjs.
  const summary = (await api.rpc.loans.borrowerSummary(borrower.idHash)).toJSON();
  assert.deepEqual(
    summary.map((s) => s.loanId),
    [loanId, nextId],
  );
  assert.equal(summary[0].disclosure, 'paid');
  // Paged: one line from loan id 0, then the next from one past it, at the same block.
  const at = await node.rpc('chain_getBlockHash', []);
  const first = await node.rpc('loans_borrowerSummary', [borrower.idHash, at, 0, 1]);
  const second = await node.rpc('loans_borrowerSummary', [borrower.idHash, at, loanId + 1, 1]);
  assert.deepEqual([...first, ...second], summary);

  // Another lender pays for access, at the price the summary showed it: a limit below the
  // price is refused (no lender can reprice a request), the price is held, then goes to the
  // company.
  const shownPrice = BigInt(summary[0].price);
  assert.equal(shownPrice, price);
  await expectRejected(
    api.tx.loans.requestAccess(loanId, shownPrice - 1n),
    buyer.pair,
    'loans.PriceAboveLimit',
    loanId,
  );
  const buyerBefore = await balance(api, buyer.address);
  const requested = await send(api, api.tx.loans.requestAccess(loanId, shownPrice), buyer.pair);
  const buyerFee = feePaid(requested.events, buyer.address);
  const buyerHeld = await balance(api, buyer.address);
  const deposit = await heldFor(api, buyer.address, 'RequestDeposit');
  assert.ok(deposit > 0n, 'every request holds a deposit');
  assert.equal(await heldFor(api, buyer.address, 'AccessPayment'), price, 'the price is held');
  assert.equal(buyerHeld.reserved, buyerBefore.reserved + price + deposit);
  assert.equal(buyerHeld.free, buyerBefore.free - price - deposit - buyerFee);

  const companyBefore = await balance(api, company.address);
  const envelope = loanctl(
    'envelope',
    '--content-key',
    sealed.contentKey,
    '--viewer-key',
    buyer.key.publicKey,
  );
  const granted = await send(
    api,
    api.tx.loans.grantAccess(loanId, buyer.address, envelope),
    company.pair,
  );
  assert.deepEqual(findEvent(granted.events, 'loans', 'AccessGranted'), {
    loanId,
    viewer: buyer.address,
    paid: Number(price),
  });
  const companyFee = feePaid(granted.events, company.address);
  assert.equal((await balance(api, company.address)).free, companyBefore.free + price - companyFee);
  assert.equal(
    (await balance(api, buyer.address)).reserved,
    buyerBefore.reserved,
    'nothing left on hold: the price went to the lender, the deposit back to the buyer',
  );

  // The buyer opens the details with its own key.
  const stored = (await api.query.loans.accessGrants(loanId, buyer.address)).unwrap();
  const loan = (await api.query.loans.loans(loanId)).unwrap();
  const opened = loanctl(
    'open',
    '--nonce',
    loan.details.nonce.toHex(),
    '--ciphertext',
    loan.details.ciphertext.toHex(),
    '--borrower-id',
    borrower.idHash,
    '--envelope',
    stored.toHex(),
    '--secret-key',
    buyer.key.secretFile,
  );
  assert.deepEqual(JSON.parse(opened), { ...TERMS, period_days: 30 });
  // With loanctl reading the loan from the node, the buyer reads the outcome too, and so
  // does the borrower with its own key (its envelope is on chain).
  const openFromChain = ['open', '--rpc', node.wsUrl, '--loan-id', String(loanId)];
  const open = (...keys) => JSON.parse(loanctl(...openFromChain, ...keys));
  const viaBuyer = open('--envelope', stored.toHex(), '--secret-key', buyer.key.secretFile);
  assert.equal(viaBuyer.outcome, 'performedNormally');
  assert.deepEqual(viaBuyer.details, { ...TERMS, period_days: 30 });
  // With nothing from the lender but the grant: the envelope is read from the chain.
  const byAccount = open('--secret-key', buyer.key.secretFile, '--viewer', buyer.address);
  assert.deepEqual(byAccount, viaBuyer);
  assert.deepEqual(
    await node.rpc('loans_accessGrant', [loanId, u8aToHex(decodeAddress(buyer.address))]),
    {
      envelope: stored.toHex(),
    },
  );
  // Someone without a grant is told so, not that its key "was not granted".
  const noGrant = loanctlFails(
    ...openFromChain,
    '--secret-key',
    buyer.key.secretFile,
    '--viewer',
    borrower.address,
  );
  assert.equal(noGrant.status, 1, noGrant.stderr);
  assert.match(noGrant.stderr, /has granted no access to/);
  const viaBorrower = open('--secret-key', borrower.key.secretFile);
  assert.equal(viaBorrower.outcome, 'performedNormally');
  assert.equal(viaBorrower.contentKey, sealed.contentKey);
  assert.equal(viaBorrower.proposalHash, undefined, 'a loan in effect has nothing to accept');
  // A sealed, paid loan through loanctl's typed client: the same JSON as the node's.
  const sold = await node.rpc('loans_loan', [loanId]);
  assert.equal(sold.price, String(price));
  assert.equal(sold.details, null);
  assert.deepEqual(loanctlLoan(loanId), sold);

  // A second request is declined and the money returns.
  const refusedBefore = await balance(api, refused.address);
  const r = await send(api, api.tx.loans.requestAccess(loanId, price), refused.pair);
  const refusedFee = feePaid(r.events, refused.address);
  const declined = await send(
    api,
    api.tx.loans.declineAccess(loanId, refused.address),
    company.pair,
  );
  assert.deepEqual(findEvent(declined.events, 'loans', 'AccessDeclined'), {
    loanId,
    viewer: refused.address,
    refunded: Number(price),
  });
  const refusedAfter = await balance(api, refused.address);
  assert.equal(refusedAfter.free, refusedBefore.free - refusedFee);
  assert.equal(refusedAfter.reserved, refusedBefore.reserved);

  // The inquiry log shows both requests, to anyone.
  const log = await api.call.loansApi.accessRequests(loanId, 0, 100);
  assert.deepEqual(
    log.map(([index, req]) => [index.toNumber(), req.viewer.toString(), req.status.toString()]),
    [
      [0, buyer.address, 'Granted'],
      [1, refused.address, 'Declined'],
    ],
  );

  // The summary still says nothing about the outcome or the amount.
  const again = await node.rpc('loans_borrowerSummary', [borrower.idHash]);
  for (const line of again) {
    assert.deepEqual(
      Object.keys(line).sort(),
      line.disclosure === 'paid'
        ? ['disclosure', 'event', 'loanId', 'price', 'time']
        : ['disclosure', 'event', 'loanId', 'time'],
    );
  }
  const text = JSON.stringify(again);
  assert.ok(
    !text.includes('5000.00') && !text.includes('performed') && !text.includes(company.address),
  );
  const sealedView = await node.rpc('loans_loan', [loanId]);
  assert.equal(sealedView.details, null);
  assert.equal(sealedView.outcome, null);
});

test('the JSON-RPC methods refuse malformed parameters with clear errors', async () => {
  // The id_hash is an H256: jsonrpsee answers "Invalid params" with serde's reason in `data`.
  await assert.rejects(
    node.rpc('loans_borrowerSummary', ['0x' + 'zz'.repeat(32)]),
    (e) => e.rpc.code === -32602 && /invalid hex character/.test(e.rpc.data),
  );
  await assert.rejects(
    node.rpc('loans_borrowerSummary', ['0x1234']),
    (e) => e.rpc.code === -32602 && /length 4\b.*32 bytes/.test(e.rpc.data),
  );
  await assert.rejects(node.rpc('loans_loan', ['seven']), (e) => e.rpc.code === -32602);
  assert.deepEqual(await node.rpc('loans_borrowerSummary', ['0x' + 'ab'.repeat(32)]), []);
  assert.equal(await node.rpc('loans_loan', [999999]), null);
  const { methods } = await node.rpc('rpc_methods');
  assert.ok(methods.includes('loans_borrowerSummary') && methods.includes('loans_loan'));
});
