// The design note's observer test (docs/privacy.md, "The checks the implementation must
// pass"): 200 loans by 20 private lenders to 50 borrowers, through every state a private
// lender's loan has — running, paid access, extended or not, concluded — on a live chain.
// Then an observer reads every block body, event and storage item. Nowhere that concerns a
// loan does it find a lender's account or id, and none of its guesses of which loans share
// a lender does better than chance.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { u8aToHex } from '@polkadot/util';
import {
  UNIT,
  balance,
  devNodeSuite,
  extensionHash,
  findEvent,
  generalTransaction,
  kycId,
  lenderActHash,
  lenderOf,
  lenderTokenMessage,
  loanctl,
  personId,
  privateConsentHash,
  seal,
  sealOutcome,
  send,
  signConsent,
  x25519,
  openLoan,
} from './lib/chain.mjs';
import {
  epochNow,
  finalizeToken,
  registrarKey,
  registrarSign,
  blindMessages,
  submitRequest,
  suite,
  untilEpoch,
} from './lib/tokens.mjs';

const LENDERS = 20;
const PER_LENDER = 10;
const BORROWERS = 50;
const LOANS = LENDERS * PER_LENDER;
const DAY_MS = 86_400_000;
/** The UTC day of `ms` (Unix milliseconds), `YYYY-MM-DD`. */
const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);
/** How often a random pair of loans shares a lender: 9 in 199. */
const BASE_RATE = (PER_LENDER - 1) / (LOANS - 1);

let node;
let api;
let keyring;
devNodeSuite('observer', (dev) => ({ node, api, keyring } = dev));

/** A seeded generator of numbers in [0, 1) (mulberry32), so that a failure replays. */
function seeded(seed) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled(items, random) {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** P(X ≥ k) for X ~ Binomial(n, p): a one-sided test's p-value, summed in log space. */
function binomialTail(n, k, p) {
  if (k <= 0) return 1;
  let logPmf = n * Math.log1p(-p);
  const ratio = Math.log(p) - Math.log1p(-p);
  let logTail = -Infinity;
  for (let i = 0; i <= n; i++) {
    if (i >= k) {
      const hi = Math.max(logTail, logPmf);
      logTail = hi + Math.log(Math.exp(logTail - hi) + Math.exp(logPmf - hi));
    }
    logPmf += Math.log(n - i) - Math.log(i + 1) + ratio;
  }
  return Math.exp(logTail);
}

test('the binomial tail is what the textbook says', () => {
  // P(X ≥ 1), X ~ B(1, p) is p; P(X ≥ 3), X ~ B(4, ½) is 5/16.
  assert.ok(Math.abs(binomialTail(1, 1, 0.3) - 0.3) < 1e-12);
  assert.ok(Math.abs(binomialTail(4, 3, 0.5) - 5 / 16) < 1e-12);
  assert.equal(binomialTail(10, 0, 0.2), 1);
  // Beating a 4.5 % base rate with 20 hits in 100 guesses is no chance.
  assert.ok(binomialTail(100, 20, BASE_RATE) < 1e-6);
});

/** Funds `pairs`, has them register as persons (ID numbers from `prefix`) and verifies them. */
async function verified(pairs, prefix) {
  const alice = keyring.addFromUri('//Alice');
  await send(
    api,
    api.tx.utility.batchAll(
      pairs.map((p) => api.tx.balances.transferKeepAlive(p.address, 100n * UNIT)),
    ),
    alice,
  );
  const ids = pairs.map((_, i) =>
    kycId(node, 'Person', personId(`${prefix}${String(i).padStart(3, '0')}`)).trim(),
  );
  const keys = pairs.map(() => x25519());
  await Promise.all(
    pairs.map((p, i) =>
      send(api, api.tx.creditIdentity.register('Person', ids[i], keys[i].publicKey), p),
    ),
  );
  await send(
    api,
    api.tx.utility.batchAll(
      pairs.map((p, i) => api.tx.creditIdentity.verify(p.address, ids[i], 'Person')),
    ),
    alice,
  );
  return pairs.map((pair, i) => ({ pair, id: ids[i], key: keys[i] }));
}

/**
 * Submits general transactions in the order given, fifty at a time (the node takes a hundred
 * RPC connections).
 */
async function submitAll(calls) {
  for (let c = 0; c < calls.length; c += 50) {
    await Promise.all(
      calls
        .slice(c, c + 50)
        .map((call) => node.rpc('author_submitExtrinsic', [generalTransaction(api, call)])),
    );
  }
}

/** `loanctl seal-extension` or `open-extension` on `loan`'s first offer with one's `key`. */
const offerCommand = (command, loan, key, args) =>
  JSON.parse(
    loanctl(
      command,
      '--rpc',
      node.wsUrl,
      '--loan-id',
      String(loan.id),
      '--index',
      '0',
      ...args,
      '--secret-key',
      key.secretFile,
    ),
  );

/** Waits until `done(loans)` holds of the stored loans `ids`. */
async function until(ids, done, what) {
  for (let tries = 0; ; tries++) {
    const loans = (await api.query.loans.loans.multi(ids)).map((l) => l.unwrap());
    if (done(loans)) return loans;
    assert.ok(tries < 120, `${what} did not happen within two minutes`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** Every block from 1 to the best: its extrinsics and events. */
async function wholeChain() {
  const best = (await api.rpc.chain.getHeader()).number.toNumber();
  const blocks = [];
  for (let n = 1; n <= best; n++) {
    const hash = await api.rpc.chain.getBlockHash(n);
    const [{ block }, events] = await Promise.all([
      api.rpc.chain.getBlock(hash),
      api.query.system.events.at(hash),
    ]);
    blocks.push({ n, extrinsics: block.extrinsics, events });
  }
  return blocks;
}

/** Every key and value of the Loans pallet's storage at the best block, in hex. */
async function loansState() {
  const prefix = api.query.loans.loans.keyPrefix().slice(0, 34);
  const at = await node.rpc('chain_getBlockHash');
  const items = [];
  let start = null;
  for (;;) {
    const keys = await node.rpc('state_getKeysPaged', [prefix, 500, start, at]);
    if (keys.length === 0) break;
    const [{ changes }] = await node.rpc('state_queryStorageAt', [keys, at]);
    for (const [key, value] of changes) items.push({ key, value: value ?? '0x' });
    if (keys.length < 500) break;
    start = keys[keys.length - 1];
  }
  return items;
}

/**
 * Each lender's bundle of tokens for `epoch`: its client blinds ten per-loan keys of its own
 * (`loanctl`'s derivation), and the registrar's service signs them blind.
 */
async function blindedBundles(key, epoch) {
  const bundles = [];
  for (const l of Array.from({ length: LENDERS }, (_, n) => n)) {
    const keys = Array.from({ length: PER_LENDER }, (_, j) =>
      keyring.addFromUri(`//Observer//Lender${l}//loanchain//lender//${j}`),
    );
    const messages = keys.map((k) => lenderTokenMessage(api, epoch, k.publicKey));
    const blinded = await blindMessages(key, messages);
    const blindSignatures = blinded.blindings.map((b) => registrarSign(key, b.blindedMsg));
    bundles.push({ keys, ...blinded, blindSignatures });
  }
  return bundles;
}

test('an observer of the whole chain can neither name a private lender nor link its loans', async () => {
  const random = seeded(31);
  const alice = keyring.addFromUri('//Alice');

  // Twenty lenders and fifty borrowers, each a verified person.
  const lenders = await verified(
    Array.from({ length: LENDERS }, (_, l) => keyring.addFromUri(`//Observer//Lender${l}`)),
    '11010119850102',
  );
  const borrowers = await verified(
    Array.from({ length: BORROWERS }, (_, b) => keyring.addFromUri(`//Observer//Borrower${b}`)),
    '11010119850103',
  );

  // Each lender seals the terms of ten loans to borrowers it chose: who lent is in the
  // sealed details only, as the lender's signed statement (`loanctl lender-of`, with its
  // j-th per-loan key).
  const loans = [];
  const genesis = api.genesisHash.toHex();
  // Paid out sixty days ago for thirty days: due now, unless extended by thirty or more.
  const start = isoDay(Date.now() - 60 * DAY_MS);
  for (const [l, lender] of lenders.entries()) {
    for (let j = 0; j < PER_LENDER; j++) {
      const borrower = borrowers[Math.floor(random() * BORROWERS)];
      const terms = lenderOf(
        {
          amount: String(1000 + Math.floor(random() * 9000)),
          currency: 'CNY',
          rate: '0.12',
          start,
          period_days: 30,
        },
        {
          suri: `//Observer//Lender${l}`,
          index: j,
          lenderId: lender.id,
          borrowerId: borrower.id,
          genesis,
        },
      );
      loans.push({
        lender: l,
        borrower,
        index: j,
        statement: terms.lender,
        details: seal(terms, borrower.id, lender.key.publicKey, borrower.key.publicKey).details,
      });
    }
  }

  // Each lender's client blinds ten per-loan keys of its own for a bundle of ten tokens, and
  // Alice's service signs them blind; then, at the start of a chain day, Alice publishes
  // her key for the next day, and the lenders pay for the bundles she answers on chain.
  // Blinding two hundred messages in JavaScript takes a while on a busy machine: if a chain
  // day went by meanwhile, they are blinded again for a day as much further off as that
  // try took.
  const key = await registrarKey();
  let epoch;
  let bundles;
  for (let room = 2; ;) {
    const from = await epochNow(api);
    epoch = from.epoch + room;
    bundles = await blindedBundles(key, epoch);
    const now = await epochNow(api);
    console.log(`# observer: bundles for epoch ${epoch} ready at ${JSON.stringify(now)}`);
    if (now.epoch < epoch - 1) break;
    room = now.epoch - from.epoch + 2;
  }
  // OpenSSL's signature is the reference implementation's.
  const [first] = bundles[0].blindings;
  assert.deepEqual(
    bundles[0].blindSignatures[0],
    await suite.blindSign(key.privateKey, first.blindedMsg),
  );
  await untilEpoch(api, epoch - 1);
  await send(api, api.tx.creditIdentity.setTokenKey(epoch, key.modulus), alice);
  await Promise.all(
    bundles.map(async (bundle, l) => {
      const request = await submitRequest(api, alice, epoch, bundle.blindings, lenders[l].pair);
      bundle.requestId = findEvent(
        request.events,
        'creditIdentity',
        'LenderTokensRequested',
      ).request;
    }),
  );
  // Alice answers every bundle in one transaction: an answer weighs what its signatures'
  // checks do (0.12 ms each), so twenty bundles of ten fit a block easily.
  await send(
    api,
    api.tx.utility.batchAll(
      bundles.map((bundle) =>
        api.tx.creditIdentity.issueLenderTokens(bundle.requestId, bundle.blindSignatures),
      ),
    ),
    alice,
  );
  console.log(
    `# observer: tokens of epoch ${epoch} issued at ${JSON.stringify(await epochNow(api))}`,
  );

  for (const loan of loans) {
    const bundle = bundles[loan.lender];
    loan.perLoanKey = bundle.keys[loan.index];
    // loanctl derives the per-loan keys the lender's JavaScript client does.
    assert.equal(loan.statement.key, u8aToHex(loan.perLoanKey.publicKey));
    loan.token = await finalizeToken(
      key,
      alice.address,
      epoch,
      bundle.prepared[loan.index],
      bundle.blindings[loan.index],
      bundle.blindSignatures[loan.index],
    );
  }

  // In the tokens' epoch, each loan is recorded with its borrower's consent, in one
  // general transaction of its own, the lenders' transactions arriving interleaved as
  // independent lenders' do.
  await untilEpoch(api, epoch);
  const deadline = (await epochNow(api)).block + 8;
  const records = loans.map((loan) => {
    const hash = privateConsentHash(api, {
      lenderKey: loan.perLoanKey.publicKey,
      borrowerId: loan.borrower.id,
      details: loan.details,
      deadline,
    });
    return api.tx.loans.recordPrivate(
      loan.borrower.pair.address,
      loan.details,
      signConsent(loan.borrower.pair, hash, deadline),
      {
        token: loan.token,
        key: u8aToHex(loan.perLoanKey.publicKey),
        signature: u8aToHex(loan.perLoanKey.sign(hash)),
      },
    );
  });
  await submitAll(shuffled(records, random));
  for (let tries = 0; loans.some((loan) => loan.id === undefined); tries++) {
    assert.ok(tries < 60, 'the loans were not recorded within a minute');
    await new Promise((r) => setTimeout(r, 1000));
    const ids = await api.query.loans.lenderKeys.multi(loans.map((l) => l.perLoanKey.publicKey));
    ids.forEach((id, i) => {
      if (id.isSome) loans[i].id = id.unwrap().toNumber();
    });
  }
  const ids = loans.map((loan) => loan.id);

  // Through every state: each lender's key acts on its loans — opens some to paid access,
  // concludes some at once, offers sealed extensions on the rest — ...
  const act = (loan, index, lenderAct) =>
    api.tx.loans.actAsLender(
      loan.id,
      index,
      lenderAct,
      loan.perLoanKey.sign(lenderActHash(api, loan.id, index, lenderAct)),
    );
  // The lender's client seals the outcome under the loan's content key (`loanctl
  // seal-outcome`, from the lender's envelope); one in five loans was breached.
  const outcome = (loan) => {
    loan.outcome = random() < 0.2 ? 'breached' : 'performed';
    return sealOutcome(node.wsUrl, loan.id, loan.outcome, {
      secretKey: lenders[loan.lender].key.secretFile,
    });
  };
  const firstActs = loans.map((loan) => {
    const r = random();
    loan.first = r < 0.25 ? 'conclude' : r < 0.5 ? 'paid' : 'extend';
    if (loan.first === 'conclude') {
      return act(loan, 0, {
        Conclude: { sealed_outcome: outcome(loan), disclosure: 'Encrypted' },
      });
    }
    if (loan.first === 'paid') {
      return act(loan, 0, { SetDisclosure: { disclosure: { Paid: { price: UNIT } } } });
    }
    // The lender's client seals the days under the loan's content key (from its envelope).
    loan.days = 10 + Math.floor(random() * 80);
    const sealed = offerCommand('seal-extension', loan, lenders[loan.lender].key, [
      '--days',
      String(loan.days),
    ]);
    loan.offer = sealed.offer;
    return act(loan, 0, { ProposeExtension: { offer: loan.offer } });
  });
  await submitAll(shuffled(firstActs, random));
  await until(
    ids,
    (stored) => stored.every((l) => l.lender.asPrivate.acts.toNumber() === 1),
    'the first acts',
  );

  // ... the borrowers confirm two in three of the offers and decline the others ...
  const answers = new Map();
  const extending = loans.filter((l) => l.first === 'extend');
  const offers = await api.query.loans.sealedExtensions.multi(extending.map((l) => l.id));
  for (const [i, loan] of extending.entries()) {
    // The borrower's client reads the offer on chain (`loans_loan`) and opens it with its
    // own key; half of them are given the offer as the storage holds it, by hand.
    const { offer } = offers[i][0];
    const byHand =
      i % 2 === 0 ? [] : ['--nonce', offer.nonce.toHex(), '--ciphertext', offer.ciphertext.toHex()];
    const opened = offerCommand('open-extension', loan, loan.borrower.key, byHand);
    assert.equal(opened.extraDays, loan.days);
    assert.equal(opened.offerHash, u8aToHex(extensionHash(api, loan.id, 0, loan.offer)));
    loan.extended = random() < 2 / 3;
    const call = loan.extended
      ? api.tx.loans.confirmSealedExtension(loan.id, opened.offerHash)
      : api.tx.loans.declineExtension(loan.id);
    const address = loan.borrower.pair.address;
    answers.set(address, [...(answers.get(address) ?? []), call]);
  }
  await Promise.all(
    borrowers
      .filter((b) => answers.has(b.pair.address))
      .map((b) => send(api, api.tx.utility.batchAll(answers.get(b.pair.address)), b.pair)),
  );

  // ... and the lenders conclude half of the loans still running.
  const second = loans.filter((loan) => loan.first !== 'conclude' && random() < 0.5);
  await submitAll(
    shuffled(
      second.map((loan) =>
        act(loan, 1, {
          Conclude: {
            sealed_outcome: outcome(loan),
            disclosure: loan.first === 'paid' ? { Paid: { price: UNIT } } : 'Encrypted',
          },
        }),
      ),
      random,
    ),
  );
  const stored = await until(
    second.map((l) => l.id),
    (s) => s.every((l) => l.state.isConcluded),
    'the conclusions',
  );
  assert.equal(stored.length, second.length);
  for (const loan of second) loan.concluded = true;
  for (const loan of loans) if (loan.first === 'conclude') loan.concluded = true;

  // The maturity prompt: each lender's client opens its loan's sealed offers with its key and
  // computes when the loan matures, and whether that day has come (the chain keeps neither).
  const maturesOn = (loan) =>
    isoDay(Date.parse(start) + (30 + (loan.extended ? loan.days : 0)) * DAY_MS);
  const due = (loan) => !loan.concluded && isoDay(Date.now()) >= maturesOn(loan);
  for (const loan of loans.filter((l) => l.first !== 'conclude').slice(0, 20)) {
    const opened = openLoan(node, loan.id, '--secret-key', lenders[loan.lender].key.secretFile);
    assert.equal(opened.maturesOn, maturesOn(loan), `loan ${loan.id}`);
    assert.equal(opened.due, due(loan));
    assert.deepEqual(
      opened.sealedExtensions.map((e) => [e.extraDays, e.confirmedAt !== null]),
      loan.first === 'extend' && loan.extended ? [[loan.days, true]] : [],
    );
  }
  // A lender's whole book, found by the per-loan keys it derives (`loanctl lender-loans`),
  // and the loans due among them: its maturity prompt.
  for (const l of [0, 1, 2]) {
    const book = (...more) =>
      JSON.parse(
        loanctl(
          'lender-loans',
          '--rpc',
          node.wsUrl,
          '--suri',
          `//Observer//Lender${l}`,
          '--secret-key',
          lenders[l].key.secretFile,
          '--count',
          String(PER_LENDER + 2),
          ...more,
        ),
      );
    const own = loans.filter((loan) => loan.lender === l);
    assert.deepEqual(
      book().map((e) => [e.index, e.loanId, e.maturesOn, e.due]),
      own.map((loan) => [loan.index, loan.id, maturesOn(loan), due(loan)]),
    );
    assert.deepEqual(
      book('--due').map((e) => e.loanId),
      own.filter(due).map((loan) => loan.id),
    );
  }
  const states = new Set(
    (await api.query.loans.loans.multi(ids)).map((l) => l.unwrap().state.type),
  );
  assert.deepEqual([...states].sort(), ['Active', 'Concluded']);
  const extensions = await api.query.loans.sealedExtensions.multi(ids);
  assert.equal(
    extensions.filter((e) => e.length === 1 && e[0].confirmedAt.isSome).length,
    loans.filter((l) => l.extended).length,
  );

  // A paying viewer asks for the details of a loan open to paid access; the loan's key
  // grants them (the payment goes to a fresh account of the lender's), and the viewer
  // checks who lent: the lender's statement in the details, signed by the account that
  // held the lender's identity when the loan took effect.
  const [viewer] = await verified([keyring.addFromUri('//Observer//Viewer')], '11010119850104');
  const bought = loans.find((l) => l.first === 'paid');
  const seller = lenders[bought.lender];
  await send(api, api.tx.loans.requestAccess(bought.id, UNIT), viewer.pair);
  const lenderView = openLoan(node, bought.id, '--secret-key', seller.key.secretFile);
  const payee = keyring.addFromUri(`//Observer//Lender${bought.lender}//payee//${bought.id}`);
  const grant = {
    GrantAccess: {
      viewer: viewer.pair.address,
      envelope: loanctl(
        'envelope',
        '--content-key',
        lenderView.contentKey,
        '--viewer-key',
        viewer.key.publicKey,
      ),
      payee: payee.address,
    },
  };
  const acts = (await api.query.loans.loans(bought.id)).unwrap().lender.asPrivate.acts;
  await submitAll([act(bought, acts.toNumber(), grant)]);
  await until([bought.id], ([l]) => l.lender.asPrivate.acts.gt(acts), 'the grant');
  assert.equal((await balance(api, payee.address)).free, UNIT, 'the price went to the payee');
  const viewed = openLoan(
    node,
    bought.id,
    '--viewer',
    viewer.pair.address,
    '--secret-key',
    viewer.key.secretFile,
  );
  assert.deepEqual(viewed.warnings, []);
  assert.equal(viewed.details.amount, lenderView.details.amount);
  const outcomes = { performed: 'performedNormally', breached: 'breached' };
  assert.equal(viewed.outcome, outcomes[bought.outcome] ?? null);
  assert.deepEqual(
    { ...viewed.lender, checkedAt: undefined },
    {
      id: seller.id,
      account: seller.pair.address,
      signature: 'valid',
      verified: true,
      checkedAt: undefined,
    },
  );

  // The observer reads everything.
  const blocks = await wholeChain();
  const lenderBytes = lenders.flatMap((l) => [
    u8aToHex(l.pair.publicKey).slice(2),
    l.id.slice(2).toLowerCase(),
    l.key.publicKey.slice(2).toLowerCase(),
  ]);
  const names = (hex) => lenderBytes.some((b) => hex.toLowerCase().includes(b));
  // Nothing of the Loans pallet — its storage, its events, the transactions that call it —
  // names a lender. (Their registrations and token purchases do: that X lends at all is
  // public, docs/privacy.md says so.)
  const state = await loansState();
  for (const { key, value } of state)
    assert.ok(!names(key + value), `loans storage names a lender: ${key}`);
  // What these loans store, item by item (docs/performance.md, "Storage per loan").
  for (const [name, entry] of Object.entries(api.query.loans)) {
    const prefix = entry.keyPrefix();
    const items = state.filter(({ key }) => key.startsWith(prefix));
    if (items.length === 0) continue;
    const bytes = items.reduce(
      (sum, { key, value }) => sum + (key.length + value.length - 4) / 2,
      0,
    );
    console.log(
      `# observer: storage ${name}: ${items.length} items, ${bytes} bytes, ` +
        `${(bytes / LOANS).toFixed(1)} bytes per loan`,
    );
  }
  let loanTransactions = 0;
  for (const { n, extrinsics, events } of blocks) {
    for (const [i, extrinsic] of extrinsics.entries()) {
      const hex = extrinsic.toHex();
      const calls =
        extrinsic.method.section === 'utility' ? [...extrinsic.method.args[0]] : [extrinsic.method];
      if (!calls.some((call) => call.section === 'loans')) continue;
      loanTransactions++;
      assert.ok(!names(hex), `transaction ${n}-${i} names a lender`);
      const own = events.filter((e) => e.phase.isApplyExtrinsic && e.phase.asApplyExtrinsic.eq(i));
      for (const e of own)
        assert.ok(!names(e.event.toHex()), `an event of ${n}-${i} names a lender`);
    }
    for (const e of events.filter((e) => e.event.section === 'loans')) {
      assert.ok(!names(e.event.toHex()), `a loans event of block ${n} names a lender`);
    }
  }
  assert.ok(loanTransactions >= LOANS, 'the observer saw every loan recorded');

  // Which pairs of loans might share a lender? The observer's features of each loan: the
  // token's issuer and epoch, where its record and its acts are in the chain.
  const where = new Map();
  for (const { n, extrinsics } of blocks) {
    for (const [i, extrinsic] of extrinsics.entries()) {
      const { section, method } = extrinsic.method;
      if (section !== 'loans') continue;
      if (method === 'recordPrivate') {
        const key = extrinsic.method.args[3].key.toHex();
        const id = loans.find((l) => u8aToHex(l.perLoanKey.publicKey) === key).id;
        where.set(id, { ...where.get(id), recorded: [n, i] });
      } else if (method === 'actAsLender') {
        const id = extrinsic.method.args[0].toNumber();
        const index = extrinsic.method.args[1].toNumber();
        where.set(id, { ...where.get(id), [`act${index}`]: [n, i] });
      }
    }
  }
  const issued = new Map(
    (await api.query.loans.loans.multi(ids)).map((l, i) => {
      const p = l.unwrap().lender.asPrivate;
      return [ids[i], `${p.issuer.toString()}/${p.epoch.toNumber()}`];
    }),
  );
  const guesses = {
    'same issuer and epoch': (a, b) => issued.get(a) === issued.get(b),
    'recorded in the same block': (a, b) => where.get(a).recorded[0] === where.get(b).recorded[0],
    'recorded side by side': (a, b) =>
      where.get(a).recorded[0] === where.get(b).recorded[0] &&
      Math.abs(where.get(a).recorded[1] - where.get(b).recorded[1]) === 1,
    'first acts in the same block': (a, b) => where.get(a).act0[0] === where.get(b).act0[0],
    'first acts side by side': (a, b) =>
      where.get(a).act0[0] === where.get(b).act0[0] &&
      Math.abs(where.get(a).act0[1] - where.get(b).act0[1]) === 1,
    'both concluded in the second round': (a, b) =>
      'act1' in where.get(a) && 'act1' in where.get(b),
  };
  const lenderOfLoan = new Map(loans.map((l) => [l.id, l.lender]));
  for (const [name, guess] of Object.entries(guesses)) {
    let pairs = 0;
    let right = 0;
    for (let a = 0; a < LOANS; a++) {
      for (let b = a + 1; b < LOANS; b++) {
        if (!guess(ids[a], ids[b])) continue;
        pairs++;
        if (lenderOfLoan.get(ids[a]) === lenderOfLoan.get(ids[b])) right++;
      }
    }
    const p = binomialTail(pairs, right, BASE_RATE);
    console.log(
      `# observer: "${name}": ${right} of ${pairs} pairs share a lender ` +
        `(${pairs ? ((100 * right) / pairs).toFixed(1) : '-'} %, base ${(100 * BASE_RATE).toFixed(1)} %), p = ${p.toPrecision(3)}`,
    );
    assert.ok(pairs > 0, `the guess "${name}" names no pair`);
    assert.ok(p >= 0.01, `the guess "${name}" links loans of one lender better than chance`);
  }
});
