// One transaction per loan (`loans.record`), against a real dev node: the counterparty
// signs a consent off chain — in a company's app (JavaScript here) or with `loanctl
// consent`, over the <Bytes>-wrapped hash as browser wallets sign — and the submitter
// alone pays. A signature over the bare hash is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import {
  balance,
  consentHash,
  devNodeSuite,
  findEvent,
  identityOf,
  kycId,
  loanctl,
  LOANCTL,
  personId,
  seal,
  send,
  signConsent,
  UNIT,
  x25519,
} from './lib/chain.mjs';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let node;
let api;
let alice;
let company;
const people = {};
const secretFiles = new Map(); // address → the X25519 secret key file of its identity

const TERMS = {
  amount: '800.00',
  currency: 'CNY',
  rate: '0.08',
  start: '2026-11-22',
  period_days: 30,
  purpose: 'phone',
};

/**
 * Funds `pairs` from Alice and gives each a verified identity: ID numbers from
 * `numbers`, kinds from `kinds`. Everything goes in three blocks: one batch of transfers,
 * the registrations side by side, one batch of verifications by the registrar.
 */
async function verify(pairs, numbers, kinds) {
  await send(
    api,
    api.tx.utility.batchAll(
      pairs.map((p) => api.tx.balances.transferKeepAlive(p.address, 100n * UNIT)),
    ),
    alice,
  );
  const ids = pairs.map((_, i) => kycId(node, kinds[i], numbers[i]));
  const keys = pairs.map(() => x25519());
  pairs.forEach((p, i) => secretFiles.set(p.address, keys[i].secretFile));
  await Promise.all(
    pairs.map((p, i) =>
      send(api, api.tx.creditIdentity.register(kinds[i], ids[i], keys[i].publicKey), p),
    ),
  );
  await send(
    api,
    api.tx.utility.batchAll(
      pairs.map((p, i) => api.tx.creditIdentity.verify(p.address, ids[i], kinds[i])),
    ),
    alice,
  );
  return ids;
}

devNodeSuite('record', async (started) => {
  ({ node, api, alice } = started);
  company = started.keyring.addFromUri('//Loanchain/RecordCompany');
  // A customer for every scheme wallets sign with.
  for (const type of ['sr25519', 'ed25519', 'ecdsa']) {
    people[type] = new Keyring({ type, ss58Format: 42 }).addFromUri(`//Loanchain//Record//${type}`);
  }
  const pairs = [company, people.sr25519, people.ed25519, people.ecdsa];
  await verify(
    pairs,
    [
      '91440300MA5DC0QX05',
      personId('11010119900307001'),
      personId('11010119900307002'),
      personId('11010119900307003'),
    ],
    ['Enterprise', 'Person', 'Person', 'Person'],
  );
});

/** The terms of a loan between `lender` and `borrower`, sealed to their keys. */
async function sealedBetween(lender, borrower, terms = TERMS) {
  const [lent, borrowed] = [
    await identityOf(api, lender.address),
    await identityOf(api, borrower.address),
  ];
  const { details, contentKey } = seal(
    terms,
    borrowed.idHash,
    lent.encryptionKey,
    borrowed.encryptionKey,
  );
  return { details, contentKey, lenderId: lent.idHash, borrowerId: borrowed.idHash };
}

async function bestNumber() {
  return (await api.rpc.chain.getHeader()).number.toNumber();
}

/** The consent of `signer` to a loan `lender` lends to `borrower`, submitted by `submitter`. */
async function consentTo(sealed, { signer, submitter, periodDays, deadline, bare }) {
  const hash = consentHash(api, { ...sealed, submitter, periodDays, deadline });
  return signConsent(signer, hash, deadline, { bare });
}

async function account(address) {
  const { nonce } = await api.query.system.account(address);
  return { nonce: nonce.toNumber(), ...(await balance(api, address)) };
}

async function nextLoanId() {
  return (await api.query.loans.nextLoanId()).toNumber();
}

test('a company records a loan for each customer, whatever key they signed with', async () => {
  const cases = ['sr25519', 'ed25519', 'ecdsa', 'ecdsa', 'sr25519', 'ed25519'];
  const deadline = (await bestNumber()) + 8;
  const records = [];
  for (const type of cases) {
    const borrower = people[type];
    const sealed = await sealedBetween(company, borrower);
    const consent = await consentTo(sealed, {
      signer: borrower,
      submitter: 'Lender',
      periodDays: 30,
      deadline,
    });
    records.push(api.tx.loans.record(borrower.address, 'Lender', 30, sealed.details, consent));
  }
  const before = await Promise.all(Object.values(people).map((p) => account(p.address)));
  // All six side by side, as a company's system submits them.
  const { nonce } = await api.query.system.account(company.address);
  const results = await Promise.all(
    records.map((tx, i) => send(api, tx, company, { nonce: nonce.toNumber() + i })),
  );
  for (const [i, recorded] of results.entries()) {
    const type = cases[i];
    const event = findEvent(recorded.events, 'loans', 'LoanRecorded');
    assert.equal(event.lender, company.address, type);
    assert.equal(event.borrower, people[type].address);
    assert.equal(event.submitter, 'Lender');
    const loan = (await api.query.loans.loans(event.loanId)).unwrap();
    assert.ok(loan.state.isActive, 'in effect at once');
    assert.equal(loan.maturity.unwrap().toNumber(), event.maturity);
    assert.equal(
      findEvent(recorded.events, 'transactionPayment', 'TransactionFeePaid').who,
      company.address,
      'the company paid the fee',
    );
  }
  // The customers sent nothing and paid nothing.
  assert.deepEqual(await Promise.all(Object.values(people).map((p) => account(p.address))), before);
});

test('a lender records the loan a borrower asked for, the consent signed with loanctl', async () => {
  // Person to person: the ed25519 person lends to the sr25519 person, who asked for it and
  // signs with loanctl from her secret URI.
  const lender = people.ed25519;
  const borrower = people.sr25519;
  const sealed = await sealedBetween(lender, borrower, { ...TERMS, period_days: 10 });
  const dir = mkdtempSync(join(tmpdir(), 'loanchain-consent-'));
  const sealedFile = join(dir, 'sealed.json');
  writeFileSync(sealedFile, JSON.stringify({ details: sealed.details }));
  // The lender makes the consent request (the one format, which the web app shows too);
  // the borrower signs it with loanctl.
  const requestFor = (periodDays) => {
    const file = join(dir, `request-${periodDays}.json`);
    writeFileSync(
      file,
      loanctl(
        'consent-request',
        '--sealed',
        sealedFile,
        '--lender-id',
        sealed.lenderId,
        '--borrower-id',
        sealed.borrowerId,
        '--submitter',
        'lender',
        '--period-days',
        periodDays,
        '--rpc',
        node.wsUrl,
        '--valid-for',
        '5',
      ),
    );
    return file;
  };
  const consentWith = (secretFile, periodDays = '10') =>
    spawnSync(
      LOANCTL,
      [
        'consent',
        '--suri',
        '//Loanchain//Record//sr25519',
        '--secret-key',
        secretFile,
        '--request',
        requestFor(periodDays),
      ],
      { encoding: 'utf8' },
    );
  // Nothing is signed that the signer cannot read, or that contradicts the record.
  const notMine = consentWith(secretFiles.get(lender.address));
  assert.equal(notMine.status, 1, notMine.stderr);
  assert.match(notMine.stderr, /not sealed to you/);
  assert.equal(notMine.stdout, '');
  const otherPeriod = consentWith(secretFiles.get(borrower.address), '11');
  assert.equal(otherPeriod.status, 1, otherPeriod.stderr);
  assert.match(otherPeriod.stderr, /the terms say 10 days and the request's periodDays 11/);
  // The borrower reads the terms, then signs.
  const run = consentWith(secretFiles.get(borrower.address));
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stderr, /signing, as the borrower, a loan of 10 days/);
  assert.match(run.stderr, /"amount":"800\.00"/);
  const signed = JSON.parse(run.stdout);
  assert.equal(signed.signer, borrower.address);
  const hash = consentHash(api, {
    ...sealed,
    submitter: 'Lender',
    periodDays: 10,
    deadline: signed.consent.deadline,
  });
  assert.equal(signed.consentHash, `0x${Buffer.from(hash).toString('hex')}`);
  const before = await account(borrower.address);
  const recorded = await send(
    api,
    api.tx.loans.record(borrower.address, 'Lender', 10, sealed.details, signed.consent),
    lender,
  );
  const event = findEvent(recorded.events, 'loans', 'LoanRecorded');
  assert.deepEqual([event.lender, event.borrower], [lender.address, borrower.address]);
  assert.deepEqual(await account(borrower.address), before);
});

test('every bad consent is refused with a named error and nothing is stored', async () => {
  const borrower = people.sr25519;
  const sealed = await sealedBetween(company, borrower);
  const now = await bestNumber();
  const consent = (over) =>
    consentTo(sealed, {
      signer: borrower,
      submitter: 'Lender',
      periodDays: 30,
      deadline: now + 8,
      ...over,
    });
  const record = (c, period = 30) =>
    api.tx.loans.record(borrower.address, 'Lender', period, sealed.details, c);
  const cases = [
    [
      'another account signed',
      record(await consent({ signer: people.ed25519 })),
      'ConsentNotSignedByCounterparty',
    ],
    ['other terms: 31 days', record(await consent(), 31), 'ConsentNotSignedByCounterparty'],
    [
      'the bare 32-byte hash signed, not the wrapped form',
      record(await consent({ bare: true })),
      'ConsentNotSignedByCounterparty',
    ],
    [
      'signed by the company itself',
      record(await consent({ signer: company })),
      'ConsentSignedBySubmitter',
    ],
    ['its deadline passed', record(await consent({ deadline: now - 1 })), 'ConsentExpired'],
    [
      'valid for too long',
      record(await consent({ deadline: now + 1000 })),
      'ConsentDeadlineTooFar',
    ],
  ];
  const loans = await nextLoanId();
  const history = (await api.call.loansApi.borrowerSummary(sealed.borrowerId, 0, 1000)).toJSON();
  const { nonce } = await api.query.system.account(company.address);
  const outcomes = await Promise.allSettled(
    cases.map(([, tx], i) => send(api, tx, company, { nonce: nonce.toNumber() + i })),
  );
  outcomes.forEach((outcome, i) =>
    assert.equal(outcome.reason?.dispatchError, `loans.${cases[i][2]}`, cases[i][0]),
  );
  assert.equal(await nextLoanId(), loans, 'no loan was stored');
  assert.deepEqual(
    (await api.call.loansApi.borrowerSummary(sealed.borrowerId, 0, 1000)).toJSON(),
    history,
  );

  // Used once: the same consent again fails, whatever id the loan would get.
  const good = await consent();
  await send(api, record(good), company);
  await assert.rejects(
    send(api, record(good), company),
    (e) => e.dispatchError === 'loans.ConsentAlreadyUsed',
  );
  assert.equal(await nextLoanId(), loans + 1);
});

test('a company looks a customer up with their consent, signed with loanctl, and she sees it in her log', async () => {
  const borrower = people.sr25519;
  const [inquirer, borrowed] = [
    await identityOf(api, company.address),
    await identityOf(api, borrower.address),
  ];
  const consentFor = (inquirerId) =>
    JSON.parse(
      loanctl(
        'inquiry-consent',
        '--suri',
        '//Loanchain//Record//sr25519',
        '--borrower-id',
        borrowed.idHash,
        '--inquirer-id',
        inquirerId,
        '--purpose',
        'loan-application',
        '--rpc',
        node.wsUrl,
        '--valid-for',
        '5',
      ),
    );
  const signed = consentFor(inquirer.idHash);
  assert.equal(signed.signer, borrower.address);
  const before = (await api.query.loans.inquiryCount(borrowed.idHash)).toNumber();

  const { events } = await send(api, api.tx.loans.inquire(signed.consent), company);
  const event = findEvent(events, 'loans', 'Inquired');
  assert.deepEqual(
    [event.borrowerId, event.index, event.inquirerId, event.purpose, BigInt(event.fee)],
    [
      borrowed.idHash,
      before,
      inquirer.idHash,
      'LoanApplication',
      api.consts.loans.inquiryFee.toBigInt(),
    ],
  );
  // The borrower's log, as anyone (she first) reads it from the chain.
  const entry = (await api.query.loans.inquiries(borrowed.idHash, before)).unwrap();
  assert.equal(entry.inquirerId.toHex(), inquirer.idHash);
  assert.equal(entry.purpose.toString(), 'LoanApplication');
  assert.equal((await api.query.loans.inquiryCount(borrowed.idHash)).toNumber(), before + 1);

  // Used once; and given to the company, it is no one else's.
  await assert.rejects(
    send(api, api.tx.loans.inquire(signed.consent), company),
    (e) => e.dispatchError === 'loans.ConsentAlreadyUsed',
  );
  const another = consentFor(inquirer.idHash);
  await assert.rejects(
    send(api, api.tx.loans.inquire(another.consent), people.ed25519),
    (e) => e.dispatchError === 'loans.ConsentNotSignedByBorrower',
  );
  assert.equal((await api.query.loans.inquiryCount(borrowed.idHash)).toNumber(), before + 1);
});

test('a company records 100 loans in one Utility.batchAll', async () => {
  const borrower = people.ecdsa;
  const deadline = (await bestNumber()) + 8;
  const calls = [];
  for (let i = 0; i < 100; i++) {
    const sealed = await sealedBetween(company, borrower, { ...TERMS, purpose: `order ${i}` });
    const consent = await consentTo(sealed, {
      signer: borrower,
      submitter: 'Lender',
      periodDays: 30,
      deadline,
    });
    calls.push(api.tx.loans.record(borrower.address, 'Lender', 30, sealed.details, consent));
  }
  const first = await nextLoanId();
  const before = await account(borrower.address);
  const batch = await send(api, api.tx.utility.batchAll(calls), company);
  const recorded = batch.events.filter((e) => e.section === 'loans' && e.method === 'LoanRecorded');
  assert.equal(recorded.length, 100);
  assert.ok(findEvent(batch.events, 'utility', 'BatchCompleted'));
  assert.equal(await nextLoanId(), first + 100);
  const { idHash } = await identityOf(api, borrower.address);
  const summary = (await api.call.loansApi.borrowerSummary(idHash, first, 1000)).toJSON();
  assert.deepEqual(
    summary.map((line) => line.loanId),
    Array.from({ length: 100 }, (_, i) => first + i),
  );
  assert.deepEqual(await account(borrower.address), before);
});
