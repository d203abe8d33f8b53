// A private lender with loanctl alone (docs/privacy.md, "A private lender, step by step"),
// on a dev node: the registrar (Alice) makes a token key and answers a request with
// `loanctl token-key` / `issue-tokens`; the lending company (Dave) buys tokens with
// `lender-tokens` / `finalize-tokens`, writes private consent requests, and records — one
// loan person to person, then a company's batch — with `record-private`, which submits the
// general transactions itself; the borrower (Bob) signs with `loanctl consent` after reading
// who lends; Dave then acts on the loan by its per-loan key with `lender-act`. Only the
// registrar's and the borrower's own signed calls go through @polkadot/api, as any wallet
// would send them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  consentArgs,
  devNodeSuite,
  findEvent,
  lenderOf,
  loanctl,
  loanctlFails,
  openLoan,
  seal,
  send,
  x25519,
} from './lib/chain.mjs';
import { epochNow, startOfADay, untilEpoch } from './lib/tokens.mjs';

let api;
let keyring;
const dev = devNodeSuite('private-lender', (started) => ({ api, keyring } = started));
const dir = mkdtempSync(join(tmpdir(), 'loanchain-private-lender-'));
const file = (name, value) => {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
};

const DAVE = '//Dave';
/** What a loanctl that must fail says on stderr. */
const fails = (...args) => loanctlFails(...args).stderr;
const TERMS = {
  amount: '8000.00',
  currency: 'CNY',
  rate: '0.09',
  start: '2026-12-06',
  period_days: 60,
  purpose: 'working capital',
};

test('a private lender buys tokens, records and acts with loanctl alone', async () => {
  const rpc = dev.node.wsUrl;
  const alice = keyring.addFromUri('//Alice');
  const bob = keyring.addFromUri('//Bob');
  const dave = keyring.addFromUri(DAVE);
  const genesis = api.genesisHash.toHex();
  const idOf = async (who) => (await api.query.creditIdentity.identities(who)).unwrap();
  const [daveId, bobId] = (await Promise.all([idOf(dave.address), idOf(bob.address)])).map((i) =>
    i.idHash.toHex(),
  );
  // Both parties' X25519 keys, registered.
  const daveKey = x25519();
  const bobKey = x25519();
  await send(api, api.tx.creditIdentity.setEncryptionKey(daveKey.publicKey), dave);
  await send(api, api.tx.creditIdentity.setEncryptionKey(bobKey.publicKey), bob);

  // The registrar's key for the next token epoch (a whole chain day away).
  await startOfADay(api);
  const epoch = (await epochNow(api)).epoch + 1;
  const { modulus } = JSON.parse(loanctl('token-key', '--out', join(dir, 'alice.pem')));
  await send(api, api.tx.creditIdentity.setTokenKey(epoch, modulus), alice);

  // Dave's bundle of ten, for per-loan keys 0 to 9: blinded by loanctl, paid by Dave.
  const tokensFile = join(dir, 'dave-tokens.json');
  const bundle = JSON.parse(
    loanctl(
      'lender-tokens',
      '--rpc',
      rpc,
      '--suri',
      DAVE,
      '--registrar',
      alice.address,
      '--from',
      '0',
      '--count',
      '10',
      '--out',
      tokensFile,
    ),
  );
  assert.equal(bundle.epoch, epoch);
  assert.equal(bundle.blinded.length, 10);
  const asked = await send(
    api,
    api.tx.creditIdentity.requestLenderTokens(bundle.registrar, bundle.epoch, bundle.blinded),
    dave,
  );
  const { request } = findEvent(asked.events, 'creditIdentity', 'LenderTokensRequested');
  assert.match(
    fails('finalize-tokens', '--rpc', rpc, '--tokens', tokensFile, '--request', `${request}`),
    /still waiting for the registrar's answer/,
  );

  // The registrar answers with loanctl; another key of its is refused before anything is
  // sent.
  loanctl('token-key', '--out', join(dir, 'other.pem'));
  assert.match(
    fails('issue-tokens', '--rpc', rpc, '--key', join(dir, 'other.pem'), '--request', `${request}`),
    /is not the key .* published for epoch/,
  );
  const answer = JSON.parse(
    loanctl(
      'issue-tokens',
      '--rpc',
      rpc,
      '--key',
      join(dir, 'alice.pem'),
      '--request',
      `${request}`,
    ),
  );
  await send(
    api,
    api.tx.creditIdentity.issueLenderTokens(answer.request, answer.blindSignatures),
    alice,
  );
  const finalized = JSON.parse(
    loanctl('finalize-tokens', '--rpc', rpc, '--tokens', tokensFile, '--request', `${request}`),
  );
  assert.deepEqual(finalized, {
    request,
    tokens: 10,
    keys: '0..=9',
    epoch,
    goodInEpochs: [epoch, epoch + 1],
  });
  await untilEpoch(api, epoch);

  // A loan's consent request: terms with Dave's statement of who lends, sealed to both.
  // A private consent request for per-loan key `index` of `suri`, on `terms` sealed.
  const requestFor = (name, suri, index, terms) => {
    const { details, contentKey } = seal(terms, bobId, daveKey.publicKey, bobKey.publicKey);
    const requestFile = file(
      `request-${name}.json`,
      loanctl(
        'private-consent-request',
        '--sealed',
        file(`sealed-${name}.json`, { details }),
        '--borrower-id',
        bobId,
        '--suri',
        suri,
        '--index',
        `${index}`,
        '--rpc',
        rpc,
        '--valid-for',
        '8',
      ),
    );
    return { requestFile, contentKey };
  };
  // Bob reads the terms and who lends, checked against the chain, then signs.
  const bobSigns = (requestFile) => consentArgs(requestFile, '//Bob', bobKey.secretFile, rpc);
  const consentFor = (index, terms) => {
    const statement = lenderOf(terms, {
      suri: DAVE,
      index,
      lenderId: daveId,
      borrowerId: bobId,
      genesis,
    });
    const { requestFile, contentKey } = requestFor(index, DAVE, index, statement);
    const consentFile = file(`consent-${index}.json`, loanctl(...bobSigns(requestFile)));
    return { requestFile, consentFile, contentKey };
  };

  // Bob refuses terms that do not say who lends, and terms whose statement is signed by an
  // account that does not hold the lender's identity (Eve's, claiming to be Dave).
  assert.match(
    fails(...bobSigns(requestFor('anonymous', DAVE, 9, TERMS).requestFile)),
    /do not say who lends/,
  );
  const impostor = lenderOf(TERMS, {
    suri: '//Eve',
    index: 0,
    lenderId: daveId,
    borrowerId: bobId,
    genesis,
  });
  assert.match(
    fails(...bobSigns(requestFor('impostor', '//Eve', 0, impostor).requestFile)),
    /does not hold the identity .*do not sign/,
  );

  // Person to person: one loan, key 0. Nobody pays: Dave's balance does not move.
  const daveBefore = (await api.query.system.account(dave.address)).data.free.toBigInt();
  const single = consentFor(0, TERMS);
  const recordPrivate = ['record-private', '--rpc', rpc, '--suri', DAVE, '--tokens', tokensFile];
  const recordSingle = [
    ...recordPrivate,
    '--index',
    '0',
    '--request',
    single.requestFile,
    '--consent',
    single.consentFile,
  ];
  const [one] = JSON.parse(loanctl(...recordSingle));
  assert.equal(one.loanIds.length, 1);
  const loanId = one.loanIds[0];
  assert.equal((await api.query.system.account(dave.address)).data.free.toBigInt(), daveBefore);
  const record = JSON.parse(loanctl('loan', '--rpc', rpc, '--loan-id', `${loanId}`));
  assert.equal(record.lender, null);
  assert.equal(record.lenderId, null);
  assert.equal(record.borrower, bob.address);
  // Dave's book shows it; Bob opens it and reads who lent, checked against the chain.
  const opened = openLoan(dev.node, loanId, '--secret-key', bobKey.secretFile);
  assert.equal(opened.lender.id, daveId);
  assert.equal(opened.lender.account, dave.address);
  assert.equal(opened.lender.verified, true);

  // The same key again: the pool refuses it, by the pallet's error.
  assert.match(fails(...recordSingle), /Loans\.(LenderKeyUsed|ConsentAlreadyUsed)/);

  // A company's batch: keys 1 to 3, one transaction, all or nothing.
  const batch = [1, 2, 3].map((index) => {
    const { requestFile, consentFile } = consentFor(index, { ...TERMS, amount: `${index}000.00` });
    const read = (path) => JSON.parse(readFileSync(path, 'utf8'));
    return { index, request: read(requestFile), consent: read(consentFile) };
  });
  const [recorded] = JSON.parse(loanctl(...recordPrivate, '--loans', file('batch.json', batch)));
  assert.equal(recorded.loanIds.length, 3);
  const book = JSON.parse(
    loanctl(
      'lender-loans',
      '--rpc',
      rpc,
      '--suri',
      DAVE,
      '--secret-key',
      daveKey.secretFile,
      '--count',
      '10',
    ),
  );
  assert.deepEqual(
    book.map((loan) => [loan.index, loan.loanId]),
    [
      [0, loanId],
      [1, recorded.loanIds[0]],
      [2, recorded.loanIds[1]],
      [3, recorded.loanIds[2]],
    ],
  );
  assert.equal(
    (await api.query.creditIdentity.tokenKeys(alice.address, epoch)).unwrap().spent.toNumber(),
    4,
  );

  // Dave acts on loan 0 by its per-loan key, paying nothing. A key that lent nothing cannot.
  const act = (index, ...args) =>
    JSON.parse(loanctl('lender-act', '--rpc', rpc, '--suri', DAVE, '--index', `${index}`, ...args));
  assert.match(
    fails(
      'lender-act',
      '--rpc',
      rpc,
      '--suri',
      DAVE,
      '--index',
      '7',
      'decline-access',
      '--viewer',
      bob.address,
    ),
    /per-loan key 7 has lent no loan/,
  );
  const paid = act(0, 'set-disclosure', '--disclosure', 'paid', '--price', '1000000000');
  assert.deepEqual(
    { loanId: paid.loanId, act: paid.act, actIndex: paid.actIndex, events: paid.events },
    { loanId, act: 'SetDisclosure', actIndex: 0, events: ['Loans.DisclosureChanged'] },
  );

  // The loan, and one's key to it, for loanctl's commands that seal or open its parts.
  const theLoan = (key) => ['--rpc', rpc, '--loan-id', `${loanId}`, '--secret-key', key.secretFile];
  // An extension offer, sealed; Bob opens it and confirms exactly it.
  const offer = loanctl('seal-extension', ...theLoan(daveKey), '--index', '0', '--days', '30');
  const offered = act(0, 'propose-extension', '--offer', file('offer.json', offer));
  assert.equal(offered.actIndex, 1);
  const seen = JSON.parse(loanctl('open-extension', ...theLoan(bobKey), '--index', '0'));
  assert.equal(seen.extraDays, 30);
  await send(api, api.tx.loans.confirmSealedExtension(loanId, seen.offerHash), bob);
  assert.equal(
    openLoan(dev.node, loanId, '--secret-key', daveKey.secretFile).maturesOn,
    '2027-03-06',
  );

  // Concluded, performed normally, and made public: anyone reads the terms and the outcome.
  const outcome = loanctl('seal-outcome', ...theLoan(daveKey), '--outcome', 'performed');
  const concluded = act(
    0,
    'conclude',
    '--outcome',
    file('outcome.json', outcome),
    '--disclosure',
    'public',
    '--content-key',
    single.contentKey,
  );
  assert.equal(concluded.actIndex, 2);
  assert.ok(concluded.events.includes('Loans.LoanConcluded'), concluded.events.join());
  const published = JSON.parse(loanctl('loan', '--rpc', rpc, '--loan-id', `${loanId}`));
  assert.equal(published.state, 'concluded');
  assert.equal(published.disclosure, 'public');
  assert.equal(published.details.amount, TERMS.amount);
  assert.equal(published.details.lender.id, daveId);
  assert.equal(published.outcome, 'performedNormally');
  // Nothing Dave did cost it a fee.
  assert.equal((await api.query.system.account(dave.address)).data.free.toBigInt(), daveBefore);
});
