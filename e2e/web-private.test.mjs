// The web app's private lender (issue 31) in a real headless Chromium against a real dev
// node, as e2e/web.test.mjs drives the rest of the app (its own node, app and browser, so
// that the two files run side by side):
//
// - a private lender's loan, published, names its lender as far as the chain proves it
//   (the statement of who lent, checked in the viewer's browser);
// - a private lender lends in the app: tokens bought blind, the borrower's private consent,
//   the loan recorded and concluded by its per-loan key, in general transactions no
//   account signs;
// - an extension's account lends privately from the lending secret the app keeps for it.
//
// Screenshots go where e2e/web.test.mjs keeps its own; any console error fails the test.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backUpWords, createAccount, injectExtension, visit } from './lib/web.mjs';
import {
  BOB_ID,
  BOB_KEY,
  BOB_SECRET,
  CHARLIE_ID,
  CHARLIE_KEY,
  DAVE_ID,
  DAVE_KEY,
  DAVE_SECRET,
  PASSWORD,
  SCREENSHOTS,
  TERMS,
  answerDialog,
  conclusionTyped,
  importKeyFile,
  loansBadge,
  lookUp,
  readConsentRequest,
  shot,
  startWebTest,
  until,
  untilLoansBadge,
  untilOnChain,
} from './lib/web-test.mjs';
import {
  consentArgs,
  generalTransaction,
  lenderOf,
  loanctl,
  privateConsentHash,
  seal,
  send,
  signConsent,
  UNIT,
  waitForEvent,
} from './lib/chain.mjs';
import {
  boughtTokens,
  epochNow,
  issueTokens,
  registrarKey,
  startOfADay,
  untilEpoch,
} from './lib/tokens.mjs';
import { u8aToHex } from '@polkadot/util';

let node;
let api;
let keyring;
let openApp;
let stop;

before(async () => {
  ({ node, api, keyring, openApp, stop } = await startWebTest('web-private'));
});

after(() => stop?.());

test("a private lender's loan, once published, names its lender as far as the chain proves it", async () => {
  const alice = keyring.addFromUri('//Alice');
  const dave = keyring.addFromUri('//Dave');
  const bob = keyring.addFromUri('//Bob');
  // Dave lends privately: a token for its first per-loan key, the terms with its signed
  // statement of who lent, Bob's consent, and a general transaction no account signs.
  const keys = Array.from({ length: 100 }, (_, n) =>
    keyring.addFromUri(`//Dave//loanchain//lender//${n}`),
  );
  const tokens = await boughtTokens(api, alice, dave, keys);
  const [token] = tokens;
  // Paid out forty days ago for thirty: due now.
  const start = new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 10);
  const maturity = new Date(Date.parse(start) + 30 * 86_400_000).toISOString().slice(0, 10);
  const terms = lenderOf(
    { ...TERMS, start, note: 'lent privately' },
    {
      suri: '//Dave',
      index: 0,
      lenderId: DAVE_ID,
      borrowerId: BOB_ID,
      genesis: api.genesisHash.toHex(),
    },
  );
  const { details, contentKey } = seal(terms, BOB_ID, DAVE_KEY, BOB_KEY);
  const deadline = (await api.rpc.chain.getHeader()).number.toNumber() + 8;
  const hash = privateConsentHash(api, {
    lenderKey: keys[0].publicKey,
    borrowerId: BOB_ID,
    details,
    deadline,
  });
  const recorded = waitForEvent(api, 'loans', 'PrivateLoanRecorded', () => true, 60_000);
  await node.rpc('author_submitExtrinsic', [
    generalTransaction(
      api,
      api.tx.loans.recordPrivate(bob.address, details, signConsent(bob, hash, deadline), {
        token,
        key: u8aToHex(keys[0].publicKey),
        signature: u8aToHex(keys[0].sign(hash)),
      }),
    ),
  ]);
  const { loanId } = await recorded;

  // The company's embedded flow, privately: Dave's system (loanctl) asks Bob's consent to a
  // second loan, of per-loan key 1; Bob reads in the app who lends, checked, and signs; the
  // company records the loan with that consent.
  const scratch = mkdtempSync(join(tmpdir(), 'loanchain-private-web-'));
  const secondTerms = lenderOf(
    { ...TERMS, start, amount: '1200.00', note: 'second' },
    {
      suri: '//Dave',
      index: 1,
      lenderId: DAVE_ID,
      borrowerId: BOB_ID,
      genesis: api.genesisHash.toHex(),
    },
  );
  const sealedFile = join(scratch, 'sealed.json');
  writeFileSync(sealedFile, JSON.stringify(seal(secondTerms, BOB_ID, DAVE_KEY, BOB_KEY)));
  const requestJson = loanctl(
    'private-consent-request',
    '--sealed',
    sealedFile,
    '--borrower-id',
    BOB_ID,
    '--suri',
    '//Dave',
    '--index',
    '1',
    '--rpc',
    node.wsUrl,
    '--valid-for',
    '8',
  );
  const borrower = await openApp('en-US');
  try {
    await createAccount(borrower.page, 'Bob', { secret: '//Bob', password: PASSWORD });
    // Bob's X25519 key, from the key file he keeps (docs/dev-accounts.md).
    await importKeyFile(borrower.page, BOB_SECRET, BOB_KEY);
    await visit(borrower.page, 'loans', 'Loans');
    const consentForm = await readConsentRequest(borrower.page, requestJson);
    assert.match(await consentForm.getByTestId('terms').innerText(), /1200\.00 CNY/);
    assert.equal(
      await consentForm.getByTestId('consent-party').innerText(),
      `The lender: ${DAVE_ID} (account ${dave.address}), as it signed inside the terms. The ` +
        `chain will not name it: only this loan’s own key, ${u8aToHex(keys[1].publicKey)}.`,
    );
    await consentForm.getByRole('button', { name: 'Sign the consent' }).click();
    await until(borrower.page, consentForm.getByTestId('consent').filter({ hasText: 'Sr25519' }));
    const consent = JSON.parse(await consentForm.getByTestId('consent').innerText());
    const request = JSON.parse(requestJson);
    const secondHash = privateConsentHash(api, {
      lenderKey: keys[1].publicKey,
      borrowerId: BOB_ID,
      details: request.details,
      deadline: request.deadline,
    });
    const second = waitForEvent(
      api,
      'loans',
      'PrivateLoanRecorded',
      (e) => e.loanId !== loanId,
      60_000,
    );
    await node.rpc('author_submitExtrinsic', [
      generalTransaction(
        api,
        api.tx.loans.recordPrivate(bob.address, request.details, consent, {
          token: tokens[1],
          key: u8aToHex(keys[1].publicKey),
          signature: u8aToHex(keys[1].sign(secondHash)),
        }),
      ),
    ]);
    const { loanId: secondId } = await second;
    assert.equal(
      (await api.query.loans.lenderKeys(keys[1].publicKey)).unwrap().toNumber(),
      secondId,
    );
    assert.deepEqual(borrower.errors, []);
  } catch (error) {
    await borrower.context.close();
    throw error;
  }

  // Twenty more loans of the company's, to Charlie, by keys 2 to 21 in one batch: the same
  // keys as the app derives from Dave's account, enough for it to page his loans (the next
  // test). They run thirty days from today, so none is due.
  const charlie = keyring.addFromUri('//Charlie');
  const today = new Date().toISOString().slice(0, 10);
  const batchKeys = keys.slice(2, 22);
  const sealedBatch = batchKeys.map((_, n) =>
    seal(
      lenderOf(
        { ...TERMS, start: today, note: `batch ${n}` },
        {
          suri: '//Dave',
          index: n + 2,
          lenderId: DAVE_ID,
          borrowerId: CHARLIE_ID,
          genesis: api.genesisHash.toHex(),
        },
      ),
      CHARLIE_ID,
      DAVE_KEY,
      CHARLIE_KEY,
    ),
  );
  const batchDeadline = (await api.rpc.chain.getHeader()).number.toNumber() + 8;
  const records = batchKeys.map((key, n) => {
    const { details } = sealedBatch[n];
    const batchHash = privateConsentHash(api, {
      lenderKey: key.publicKey,
      borrowerId: CHARLIE_ID,
      details,
      deadline: batchDeadline,
    });
    return {
      borrower: charlie.address,
      details,
      consent: signConsent(charlie, batchHash, batchDeadline),
      lender: {
        token: tokens[n + 2],
        key: u8aToHex(key.publicKey),
        signature: u8aToHex(key.sign(batchHash)),
      },
    };
  });
  const batched = waitForEvent(
    api,
    'loans',
    'PrivateLoanRecorded',
    (e) => e.borrower.toString() === charlie.address,
    60_000,
  );
  await node.rpc('author_submitExtrinsic', [
    generalTransaction(api, api.tx.loans.recordPrivateBatch(records)),
  ]);
  await batched;
  for (const key of batchKeys) assert.ok((await api.query.loans.lenderKeys(key.publicKey)).isSome);

  // The loan's key publishes the terms (loanctl signs the act and submits it).
  const lenderAct = (...args) =>
    JSON.parse(
      loanctl('lender-act', '--rpc', node.wsUrl, '--suri', '//Dave', '--index', '0', ...args),
    );
  assert.deepEqual(
    lenderAct('set-disclosure', '--disclosure', 'public', '--content-key', contentKey).events,
    ['Loans.DisclosureChanged'],
  );

  // Anyone looks Bob up, reads the published terms, and sees who lent, checked.
  const { page, errors, context } = await openApp('en-US');
  try {
    await lookUp(page, BOB_ID);
    const summary = page.getByTestId('summary');
    await summary.getByRole('button', { name: 'Read' }).click();
    const check = summary.getByTestId('lender-check');
    await summary.locator('[data-testid=lender-check][data-verdict]').waitFor();
    assert.equal(await check.getAttribute('data-verdict'), 'verified');
    assert.equal(
      await check.innerText(),
      `Lent by ${DAVE_ID} (${dave.address}): its signature inside the details is valid, and ` +
        'that account held this identity when the loan took effect.',
    );
    assert.match(await summary.getByTestId('terms').innerText(), /lent privately/);
    // The chain keeps no maturity for it; the app computes it from the terms, and it is due.
    const matures = summary.locator('[data-testid=matures-on][data-due]');
    await matures.waitFor();
    assert.equal(await matures.getAttribute('data-date'), maturity);
    assert.equal(await matures.getAttribute('data-due'), 'true');
    assert.match(
      await matures.innerText(),
      new RegExp(`^Matures on ${maturity}: .*That day has come`),
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'lookup-private-lender.png'), fullPage: true });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }

  // Dave offers thirty more days, sealed; Bob reads the offer in the app and confirms
  // exactly it: the loan now matures thirty days later, and is no longer due.
  const offer = join(mkdtempSync(join(tmpdir(), 'loanchain-offer-')), 'offer.json');
  writeFileSync(
    offer,
    loanctl(
      'seal-extension',
      '--rpc',
      node.wsUrl,
      '--loan-id',
      `${loanId}`,
      '--content-key',
      contentKey,
      '--index',
      '0',
      '--days',
      '30',
    ),
  );
  assert.equal(lenderAct('propose-extension', '--offer', offer).actIndex, 1);
  const later = new Date(Date.parse(maturity) + 30 * 86_400_000).toISOString().slice(0, 10);
  try {
    await visit(borrower.page, 'loans', 'Loans');
    const row = borrower.page.locator(`[data-testid=loan-row][data-loan-id="${loanId}"]`);
    await until(borrower.page, row);
    await row.getByRole('button', { name: 'Open' }).click();
    const card = borrower.page.locator(`[data-testid=loan][data-loan-id="${loanId}"]`);
    const offered = card.locator('[data-testid=sealed-offer][data-days]');
    await until(borrower.page, offered);
    assert.equal(await offered.getAttribute('data-days'), '30');
    assert.match(await offered.innerText(), /The lender offers 30 more days/);
    await offered.getByRole('button', { name: 'Confirm the extension' }).click();
    const extended = card.locator(`[data-testid=matures-on][data-date="${later}"]`);
    await until(borrower.page, extended);
    assert.equal(await extended.getAttribute('data-due'), 'false');
    assert.match(await card.getByTestId('amount-due').innerText(), /over 60 day/);
    assert.equal(await card.locator('[data-testid=sealed-offer] button').count(), 0);
    const [kept] = (await api.query.loans.sealedExtensions(loanId)).toArray();
    assert.ok(kept.confirmedAt.isSome);
    await borrower.page.screenshot({
      path: join(SCREENSHOTS, 'loans-private-extension.png'),
      fullPage: true,
    });
    assert.deepEqual(borrower.errors, []);
  } finally {
    await borrower.context.close();
  }
});

test('a private lender lends in the app: tokens bought blind, the loan recorded and concluded by its own key', async () => {
  const alice = keyring.addFromUri('//Alice');
  const dave = keyring.addFromUri('//Dave');
  const bob = keyring.addFromUri('//Bob');
  const lenderKey = (n) => keyring.addFromUri(`//Dave//loanchain//lender//${n}`).publicKey;
  const borrower = await openApp('en-US');
  const lender = await openApp('en-US');
  try {
    // Bob is ready to sign in his app; Dave lends from his.
    await createAccount(borrower.page, 'Bob', { secret: '//Bob', password: PASSWORD });
    await importKeyFile(borrower.page, BOB_SECRET, BOB_KEY);
    await createAccount(lender.page, 'Dave', { secret: '//Dave', password: PASSWORD });
    await importKeyFile(lender.page, DAVE_SECRET, DAVE_KEY);

    // The app gives a request the next keys that lent nothing yet (an earlier test's
    // loans used some of Dave's, through loanctl's derivation of the same keys).
    let first = 0;
    while ((await api.query.loans.lenderKeys(lenderKey(first))).isSome) first += 1;

    // Alice, a registrar, publishes her token key for tomorrow, early today.
    const key = await registrarKey();
    await startOfADay(api);
    const tomorrow = (await epochNow(api)).epoch + 1;
    await send(api, api.tx.creditIdentity.setTokenKey(tomorrow, key.modulus), alice);

    // Dave buys ten tokens: the app blinds ten per-loan keys' messages and pays.
    await visit(lender.page, 'loans', 'Loans');
    const section = lender.page.getByTestId('private-lender');
    // The first test's loans are his (his account's keys, which loanctl derives too): the
    // app shows the twenty newest, and the older two when asked.
    const davesLoans = section.getByTestId('private-loan');
    await until(lender.page, davesLoans.nth(19));
    assert.equal(await davesLoans.count(), 20);
    await section.getByTestId('older-private-loans').click();
    await until(lender.page, davesLoans.nth(21));
    assert.equal(await davesLoans.count(), 22);
    assert.equal(await section.getByTestId('older-private-loans').count(), 0);
    const tokens = section.getByTestId('token-form');
    await until(lender.page, tokens.locator('[data-testid=tokens-held][data-count="0"]'));
    await tokens
      .locator('select[name=tokenRegistrar]')
      .selectOption(`${alice.address}@${tomorrow}`);
    const held = (await api.query.system.account(dave.address)).data.reserved.toBigInt();
    await tokens.getByRole('button', { name: 'Buy tokens' }).click();
    const davesRequests = async () =>
      (await api.query.creditIdentity.tokenRequests.entries()).filter(
        ([, request]) => request.unwrap().requester.toString() === dave.address,
      );
    await untilOnChain(lender.page, async () => (await davesRequests()).length > 0);
    const requests = await davesRequests();
    assert.equal(requests.length, 1);
    const [[storageKey, request]] = requests;
    const { blinded, epoch } = request.unwrap();
    assert.equal(epoch.toNumber(), tomorrow);
    assert.equal(blinded.length, 10);
    const price = api.consts.creditIdentity.lenderTokenPrice.toBigInt();
    assert.equal(
      (await api.query.system.account(dave.address)).data.reserved.toBigInt() - held,
      10n * price,
    );

    // Alice signs them blind; the app collects the answer and checks every token.
    await issueTokens(api, alice, key, storageKey.args[0].toNumber(), blinded);
    await tokens.getByRole('button', { name: 'Collect answered tokens' }).click();
    await until(lender.page, section.locator('[data-testid=tokens-held][data-count="10"]'));

    // A consent request for Bob, under the first of those keys — the key loanctl derives
    // from the same secret — with Dave's statement of who lends sealed inside.
    const start = new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 10);
    const offerForm = section.getByTestId('private-offer-form');
    await offerForm.locator('input[name=idHash]').fill(BOB_ID);
    await offerForm.locator('input[name=amount]').fill('800.00');
    await offerForm.locator('input[name=rate]').fill('0.08');
    await offerForm.locator('input[name=start]').fill(start);
    await offerForm.locator('input[name=periodDays]').fill('30');
    await offerForm.locator('input[name=note]').fill('lent privately in the app');
    await offerForm.getByRole('button', { name: 'Make a private consent request' }).click();
    const shown = section.getByTestId('private-consent-request');
    await until(lender.page, shown);
    const requestJson = await shown.innerText();
    const asked = JSON.parse(requestJson);
    assert.equal(asked.lenderKey, u8aToHex(lenderKey(first)));
    assert.equal(asked.borrowerId, BOB_ID);
    assert.ok(!requestJson.includes(DAVE_ID.slice(2)) && !requestJson.includes(dave.address));

    // Bob reads who lends, checked, and signs.
    await visit(borrower.page, 'loans', 'Loans');
    const consentForm = await readConsentRequest(borrower.page, requestJson);
    assert.match(await consentForm.getByTestId('terms').innerText(), /800\.00 CNY/);
    assert.match(
      await consentForm.getByTestId('consent-party').innerText(),
      new RegExp(`^The lender: ${DAVE_ID} \\(account ${dave.address}\\), as it signed`),
    );
    await consentForm.getByRole('button', { name: 'Sign the consent' }).click();
    await until(borrower.page, consentForm.getByTestId('consent').filter({ hasText: 'Sr25519' }));
    const consent = await consentForm.getByTestId('consent').innerText();

    // Dave records the loan once the tokens' day has come: a general transaction that no
    // account of his signs or pays for.
    await untilEpoch(api, tomorrow);
    const before = (await api.query.system.account(dave.address)).data;
    // What waits for each of them now, on their Loans tab's badge.
    const daveWaits = await loansBadge(lender.page);
    const bobWaits = await loansBadge(borrower.page);
    const offer = section.getByTestId('private-offer');
    await offer.locator('textarea[name=signedConsent]').fill(consent);
    await offer.getByRole('button', { name: 'Record the loan privately' }).click();
    await untilOnChain(
      lender.page,
      async () => (await api.query.loans.lenderKeys(lenderKey(first))).isSome,
    );
    const loanId = (await api.query.loans.lenderKeys(lenderKey(first))).unwrap().toNumber();
    const stored = (await api.query.loans.loans(loanId)).unwrap();
    assert.ok(stored.lender.isPrivate);
    assert.equal(stored.borrowerId.toHex(), BOB_ID);
    assert.equal(stored.periodDays.toNumber(), 0);
    assert.deepEqual((await api.query.system.account(dave.address)).data.toJSON(), before.toJSON());
    assert.equal((await api.query.system.account(bob.address)).data.free.toBigInt() > 0n, true);

    // loanctl finds the loan by the same keys, from Dave's secret.
    const daveKey = join(mkdtempSync(join(tmpdir(), 'loanchain-dave-')), 'dave.key');
    writeFileSync(daveKey, `${DAVE_SECRET}\n`);
    const book = JSON.parse(
      loanctl(
        'lender-loans',
        '--rpc',
        node.wsUrl,
        '--suri',
        '//Dave',
        '--secret-key',
        daveKey,
        '--count',
        `${first + 10}`,
      ),
    );
    assert.ok(book.some((l) => l.loanId === loanId && l.index === first));
    // The maturity prompt, which the chain gives no private lender: Dave's app computes it
    // from the sealed terms (forty days after a thirty-day loan's start) and counts the loan.
    await untilLoansBadge(lender.page, daveWaits + 1);

    // Charlie asks to read the loan; Dave's private loans show the request beside the
    // terms, due (forty days after a thirty-day loan's start). Dave grants it, offers ten
    // more days, then concludes the loan as performed and publishes the terms — each an act
    // of the loan's own key.
    const charlie = keyring.addFromUri('//Charlie');
    await send(api, api.tx.loans.requestAccess(loanId, 0), charlie);
    await visit(lender.page, 'loans', 'Loans');
    const card = section.locator(`[data-testid=private-loan][data-loan-id="${loanId}"]`);
    await until(lender.page, card);
    assert.match(await card.getByTestId('terms').innerText(), /800\.00 CNY/);
    const matures = card.locator('[data-testid=matures-on][data-due]');
    await until(lender.page, matures);
    assert.equal(await matures.getAttribute('data-due'), 'true');
    const asking = card.locator(`[data-testid=private-request][data-viewer="${charlie.address}"]`);
    await until(lender.page, asking);
    await untilLoansBadge(lender.page, daveWaits + 2);
    await asking.getByRole('button', { name: 'Grant' }).click();
    await untilOnChain(
      lender.page,
      async () => (await api.query.loans.accessGrants(loanId, charlie.address)).isSome,
    );
    // The card is drawn anew after each act, with the count of acts the chain holds.
    await until(lender.page, card.and(lender.page.locator('[data-acts="1"]')));
    await card.locator('input[name=extraDays]').fill('10');
    await card.getByRole('button', { name: 'Propose an extension' }).click();
    await untilOnChain(
      lender.page,
      async () => (await api.query.loans.sealedExtensions(loanId)).length === 1,
    );
    await until(lender.page, card.and(lender.page.locator('[data-acts="2"]')));
    // Bob's app counts the offer waiting for his answer; Dave's the loan still due (the ten
    // days count once Bob confirms them) and no request.
    await untilLoansBadge(borrower.page, bobWaits + 1);
    await untilLoansBadge(lender.page, daveWaits + 1);
    await card.locator('select[name=outcome]').selectOption('performed');
    await card.locator('select[name=disclosure]').selectOption('paid');
    await card.locator('input[name=price]').fill('5');
    // News from the chain does not wipe what Dave is typing: Eve asks to read the loan while
    // he fills in its conclusion, and his card, drawn anew with her request, keeps his
    // outcome, disclosure and price, and the field he was in; so does his own act on the
    // card (he declines her), which starts only the form that made it anew.
    const filledIn = { outcome: 'performed', disclosure: 'paid', price: '5', priceShown: true };
    const eve = keyring.addFromUri('//Eve');
    await send(api, api.tx.loans.requestAccess(loanId, 0), eve);
    const eveAsks = card.locator(`[data-testid=private-request][data-viewer="${eve.address}"]`);
    await until(lender.page, eveAsks);
    assert.deepEqual(await conclusionTyped(card), filledIn);
    assert.equal(
      await lender.page.evaluate(() => document.activeElement?.getAttribute('name')),
      'price',
    );
    await untilLoansBadge(lender.page, daveWaits + 2);
    await eveAsks.getByRole('button', { name: 'Decline' }).click();
    await until(lender.page, card.and(lender.page.locator('[data-acts="3"]')));
    await until(lender.page, eveAsks, { state: 'detached' });
    assert.deepEqual(await conclusionTyped(card), filledIn);
    await untilLoansBadge(lender.page, daveWaits + 1);
    await lender.page.screenshot({
      path: join(SCREENSHOTS, 'loans-private-lender.png'),
      fullPage: true,
    });
    await card.getByRole('button', { name: 'Record the outcome' }).click();
    await answerDialog(lender.page, 'Record the outcome', /performed normally/i);
    await untilOnChain(
      lender.page,
      async () => (await api.query.loans.loans(loanId)).unwrap().state.isConcluded,
    );
    const concluded = (await api.query.loans.loans(loanId)).unwrap();
    assert.ok(concluded.state.isConcluded);
    assert.equal(concluded.disclosure.asPaid.price.toBigInt(), 5n * UNIT);
    assert.equal(concluded.lender.asPrivate.acts.toNumber(), 4);
    await untilLoansBadge(lender.page, daveWaits);

    // Eve pays the price to read it; Dave grants, and the price goes to the loan's own
    // key's account, which his card shows. He moves it to an account nobody links to him —
    // a transfer the loan's key signs and pays the fee of — and then publishes the terms.
    await send(api, api.tx.loans.requestAccess(loanId, 5n * UNIT), eve);
    const paying = card.locator(`[data-testid=private-request][data-viewer="${eve.address}"]`);
    await until(lender.page, paying);
    await paying.getByRole('button', { name: 'Grant' }).click();
    await untilOnChain(
      lender.page,
      async () => (await api.query.loans.accessGrants(loanId, eve.address)).isSome,
    );
    const loanAccount = card.locator(`[data-testid=loan-account][data-free="${5n * UNIT}"]`);
    await until(lender.page, loanAccount);
    const cold = keyring.addFromUri('//Dave//cold');
    await loanAccount.locator('input[name=moveTo]').fill(cold.address);
    await loanAccount.getByRole('button', { name: 'Move the money' }).click();
    await untilOnChain(
      lender.page,
      async () => (await api.query.system.account(cold.address)).data.free.toBigInt() > 0n,
    );
    const moved = (await api.query.system.account(cold.address)).data.free.toBigInt();
    assert.ok(moved > 4n * UNIT && moved < 5n * UNIT, `the price less the fee: ${moved}`);
    await until(lender.page, card.locator('[data-testid=loan-account]'), { state: 'detached' });
    await card.locator('select[name=disclosure]').selectOption('public');
    await card.getByRole('button', { name: 'Open the details further' }).click();
    await answerDialog(lender.page, 'Open the details further', /content key is published/i);
    await untilOnChain(
      lender.page,
      async () => (await api.query.loans.loans(loanId)).unwrap().disclosure.isPublic,
    );
    assert.equal(
      (await api.query.loans.loans(loanId)).unwrap().lender.asPrivate.acts.toNumber(),
      6,
    );
    assert.deepEqual((await api.query.system.account(dave.address)).data.toJSON(), before.toJSON());
    assert.deepEqual(lender.errors, []);
    assert.deepEqual(borrower.errors, []);
  } catch (error) {
    // What the lender's page showed, and what either page logged, when the test failed.
    await shot(lender.page, 'failed-private-lender');
    const shown = await lender.page
      .getByTestId('private-lender')
      .innerText()
      .catch(() => '');
    error.message += `\nthe lender's page: ${shown}\nconsole errors: ${[
      ...lender.errors,
      ...borrower.errors,
    ].join(' | ')}`;
    throw error;
  } finally {
    await lender.context.close();
    await borrower.context.close();
  }
});

test("an extension's account lends privately from a lending secret the app keeps for it", async () => {
  const alice = keyring.addFromUri('//Alice');
  const dave = keyring.addFromUri('//Dave', { name: 'Dave in the extension' });
  const { page, errors, context } = await openApp('en-US', {
    prepare: (context) => injectExtension(context, api, [dave]),
  });
  const useExtension = async (on = page) => {
    await visit(on, 'account', 'Your account');
    await on.getByRole('button', { name: 'Use the polkadot.js extension' }).click();
    const listed = on.locator(`ul.accounts li[data-address="${dave.address}"]`);
    await until(on, listed);
    await listed.locator('input[name=active]').check();
  };
  try {
    // Dave's account is the extension's; his encryption key is kept in the app beside it.
    await useExtension();
    await importKeyFile(page, DAVE_SECRET, DAVE_KEY);

    // Alice, a registrar, publishes her token key for tomorrow, early today.
    const key = await registrarKey();
    await startOfADay(api);
    const tomorrow = (await epochNow(api)).epoch + 1;
    await send(api, api.tx.creditIdentity.setTokenKey(tomorrow, key.modulus), alice);

    // Lending privately asks for a lending secret: made here, its words backed up, kept under
    // the password of Dave's encryption key (another password is refused).
    await visit(page, 'loans', 'Loans');
    const section = page.getByTestId('private-lender');
    const form = section.getByTestId('lending-secret-form');
    await until(page, form);
    await form.getByRole('button', { name: 'Generate a lending secret' }).click();
    const words = (await backUpWords(page, 'lendingWords')).join(' ');
    await form.locator('input[name=lendingPassword]').fill('another password');
    await form.getByRole('button', { name: 'Keep the lending secret' }).click();
    await until(page, form.getByRole('alert').filter({ hasText: 'Wrong password.' }));
    await form.locator('input[name=lendingPassword]').fill(PASSWORD);
    await form.getByRole('button', { name: 'Keep the lending secret' }).click();
    const tokens = section.getByTestId('token-form');
    await until(page, tokens.locator('[data-testid=tokens-held][data-count="0"]'));
    const kept = await page.evaluate(
      (address) => localStorage.getItem(`loanchain.lendingSecret.${address}`),
      dave.address,
    );
    assert.ok(kept && !kept.includes(words.split(' ').slice(0, 2).join(' ')), 'kept encrypted');
    const lenderKey = (n) => keyring.addFromUri(`${words}//loanchain//lender//${n}`).publicKey;

    // Ten tokens, paid for by Dave's account through the extension, signed blind by Alice.
    // The request's inclusion draws the section anew while Dave opens the box of his
    // lending secret's words and starts his first offer: the box stays open, and the field
    // he is typing in keeps his typing and the focus.
    const secretBox = section.getByTestId('lending-secret');
    await secretBox.locator('summary').click();
    await tokens
      .locator('select[name=tokenRegistrar]')
      .selectOption(`${alice.address}@${tomorrow}`);
    await tokens.getByRole('button', { name: 'Buy tokens' }).click();
    const offerForm = section.getByTestId('private-offer-form');
    const firstBorrower = offerForm.locator('input[name=idHash]');
    await firstBorrower.click();
    await page.keyboard.type(BOB_ID.slice(0, 30));
    await until(page, section.getByTestId('token-request'));
    await page.keyboard.type(BOB_ID.slice(30));
    assert.equal(await firstBorrower.inputValue(), BOB_ID);
    assert.equal(await secretBox.getAttribute('open'), '', 'the words stay shown');
    const asked = async () =>
      (await api.query.creditIdentity.tokenRequests.entries()).filter(([, request]) => {
        const { requester, epoch } = request.unwrap();
        return requester.toString() === dave.address && epoch.toNumber() === tomorrow;
      });
    await untilOnChain(page, async () => (await asked()).length > 0);
    const [[storageKey, request]] = await asked();
    await issueTokens(api, alice, key, storageKey.args[0].toNumber(), request.unwrap().blinded);
    await tokens.getByRole('button', { name: 'Collect answered tokens' }).click();
    await until(page, section.locator('[data-testid=tokens-held][data-count="10"]'));

    // Two consent requests, under the lending secret's first two keys, each with Dave's
    // statement of who lends signed by the extension; Bob reads each, checked, and signs it
    // with loanctl. A consent pasted under the first request stays there while Dave makes
    // the second.
    const dir = mkdtempSync(join(tmpdir(), 'loanchain-extension-lender-'));
    const bobKeyFile = join(dir, 'bob.key');
    writeFileSync(bobKeyFile, `${BOB_SECRET}\n`);
    const offers = section.getByTestId('private-offer');
    const consents = [];
    for (const [n, amount] of ['500.00', '600.00'].entries()) {
      await offerForm.locator('input[name=idHash]').fill(BOB_ID);
      await offerForm.locator('input[name=amount]').fill(amount);
      await offerForm.locator('input[name=rate]').fill('0.05');
      await offerForm.locator('input[name=periodDays]').fill('30');
      await offerForm.getByRole('button', { name: 'Make a private consent request' }).click();
      const shown = offers.nth(n).getByTestId('private-consent-request');
      await until(page, shown);
      const requestJson = await shown.innerText();
      assert.equal(JSON.parse(requestJson).lenderKey, u8aToHex(lenderKey(n)));
      const requestFile = join(dir, `request-${n}.json`);
      writeFileSync(requestFile, requestJson);
      consents.push(loanctl(...consentArgs(requestFile, '//Bob', bobKeyFile, node.wsUrl)));
      await offers.nth(n).locator('textarea[name=signedConsent]').fill(consents[n]);
    }
    assert.equal(
      await offers.nth(0).locator('textarea[name=signedConsent]').inputValue(),
      consents[0],
    );

    // Dave records both loans once the tokens' day has come, loanctl's outputs pasted whole,
    // in one `record_private_batch`.
    await untilEpoch(api, tomorrow);
    const before = (await api.query.system.account(dave.address)).data;
    await section.getByTestId('record-private-batch').click();
    await untilOnChain(page, async () => (await api.query.loans.lenderKeys(lenderKey(1))).isSome);
    const loanIds = [];
    for (const n of [0, 1]) {
      const stored = await api.query.loans.lenderKeys(lenderKey(n));
      assert.ok(stored.isSome, `the loan of key ${n} was recorded with the other`);
      loanIds.push(stored.unwrap().toNumber());
      assert.ok((await api.query.loans.loans(loanIds[n])).unwrap().lender.isPrivate);
    }
    const activated = await Promise.all(
      loanIds.map(async (id) => (await api.query.loans.loans(id)).unwrap().activated.unwrap()),
    );
    const block = await api.rpc.chain.getBlock(
      await api.rpc.chain.getBlockHash(activated[0].block),
    );
    const batches = block.block.extrinsics.filter(
      ({ method }) => method.section === 'loans' && method.method === 'recordPrivateBatch',
    );
    assert.deepEqual(
      batches.map(({ method }) => method.args[0].length),
      [2],
      'both loans in one transaction',
    );
    assert.deepEqual((await api.query.system.account(dave.address)).data.toJSON(), before.toJSON());
    await until(page, offers, { state: 'detached' });

    // loanctl finds the loans from the lending secret's words.
    const daveKeyFile = join(dir, 'dave.key');
    writeFileSync(daveKeyFile, `${DAVE_SECRET}\n`);
    const book = JSON.parse(
      loanctl('lender-loans', '--rpc', node.wsUrl, '--suri', words, '--secret-key', daveKeyFile),
    );
    assert.deepEqual(
      book.map((l) => [l.loanId, l.index]).sort(),
      loanIds.map((id, n) => [id, n]).sort(),
    );

    // In a new session the account's keys here are locked; Unlock on Account opens the
    // encryption key and the lending secret with their one password, and the loan shows.
    await page.reload();
    await page.getByTestId('status').filter({ hasText: 'Loanchain Development' }).waitFor();
    await useExtension();
    const row = page.locator(`ul.accounts li[data-address="${dave.address}"]`);
    await row.locator('input[name=password]').fill(PASSWORD);
    await row.getByRole('button', { name: 'Unlock' }).click();
    await until(page, row.getByRole('button', { name: 'Lock' }));
    await visit(page, 'loans', 'Loans');
    for (const loanId of loanIds)
      await until(page, section.locator(`[data-testid=private-loan][data-loan-id="${loanId}"]`));
    assert.equal(await section.getByTestId('lending-secret-words').textContent(), words);

    // On another computer — a browser with no book and no lending secret of Dave's — the
    // lending secret's words typed in bring both loans back: the app looks past the keys its
    // (empty) book knows.
    const other = await openApp('en-US', {
      prepare: (context) => injectExtension(context, api, [dave]),
    });
    try {
      await useExtension(other.page);
      await importKeyFile(other.page, DAVE_SECRET, DAVE_KEY);
      await visit(other.page, 'loans', 'Loans');
      const restore = other.page.getByTestId('lending-secret-form');
      await until(other.page, restore);
      await restore.locator('textarea[name=lendingWords]').fill(words);
      // The form keeps what is typed in it when the page is drawn again.
      await other.page.getByRole('button', { name: 'Refresh' }).click();
      assert.equal(await restore.locator('textarea[name=lendingWords]').inputValue(), words);
      await restore.locator('input[name=lendingPassword]').fill(PASSWORD);
      await restore.getByRole('button', { name: 'Keep the lending secret' }).click();
      const restored = other.page.getByTestId('private-lender');
      for (const loanId of loanIds)
        await until(
          other.page,
          restored.locator(`[data-testid=private-loan][data-loan-id="${loanId}"]`),
        );
      assert.deepEqual(other.errors, []);
    } finally {
      await other.context.close();
    }
    assert.deepEqual(errors, []);
  } catch (error) {
    await shot(page, 'failed-extension-lender');
    const shown = await page
      .getByTestId('private-lender')
      .innerText()
      .catch(() => '');
    error.message += `\nthe lender's page: ${shown}\nconsole errors: ${errors.join(' | ')}`;
    throw error;
  } finally {
    await context.close();
  }
});
