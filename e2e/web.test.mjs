// The web app (web/) in a real headless Chromium (Debian's chromium, driven by
// playwright-core) against a real dev node.
//
// - A whole loan through the app alone, in four browser contexts (a borrower, a lender,
//   Alice the registrar, and a viewer): accounts created in the browser, identities
//   registered and verified on the registrar page, a loan proposed and accepted, the
//   lender prompted at maturity and concluding "breached" with a price, the viewer looking
//   the borrower up, paying, being granted and reading the terms and the outcome, and the
//   borrower's inquiry log. No call of @polkadot/api from the test for any of it. Then a
//   company's system (with @polkadot/api) records a loan with a consent the borrower signed
//   in the app.
// - Looking a borrower up shows when they borrowed and how the details can be had, and
//   nothing else; a mistyped number is refused in words; the app speaks English and Chinese
//   (the loans of these tests are made with @polkadot/api beforehand).
//
// The private lender's pages are e2e/web-private.test.mjs's, which runs beside this file.
//
// A screenshot of every page visited is kept under $CARGO_TARGET_DIR/web-screenshots/
// (docs/web.md shows some), and any console error fails the test.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { startNode } from './lib/node.mjs';
import { backUpWords, createAccount, visit } from './lib/web.mjs';
import {
  BOB_ID,
  BOB_KEY,
  CHARLIE_ID,
  DAVE_ID,
  DAVE_KEY,
  DAVE_SECRET,
  PASSWORD,
  SCREENSHOTS,
  TERMS,
  answerDialog,
  conclusionTyped,
  importKeyFile,
  included,
  lookUp,
  readConsentRequest,
  shot,
  startWebTest,
  until,
} from './lib/web-test.mjs';
import {
  UNIT,
  activeLoan,
  consentHash,
  findEvent,
  loanctl,
  personId,
  proposeLoan,
  seal,
  send,
  signConsent,
  waitForEvent,
} from './lib/chain.mjs';

let api;
let keyring;
let server;
let browser;
let openApp;
let stop;
let sealedLoanId; // Dave's first loan to Bob: sealed (Encrypted) until the price test

before(async () => {
  ({ api, keyring, server, browser, openApp, stop } = await startWebTest('web'));
  const bob = keyring.addFromUri('//Bob');
  const dave = keyring.addFromUri('//Dave');
  ({ loanId: sealedLoanId } = await activeLoan(api, { lender: dave, borrower: bob, terms: TERMS }));
  const { loanId } = await activeLoan(api, { lender: dave, borrower: bob, terms: TERMS });
  await send(api, api.tx.loans.setDisclosure(loanId, { Paid: { price: 3n * UNIT } }), dave);
});

after(() => stop?.());

test('a borrower looked up by id shows only when and "borrowed", and how to get the details', async () => {
  const { page, errors, context } = await openApp('en-US');
  try {
    await page.screenshot({ path: join(SCREENSHOTS, 'lookup.png'), fullPage: true });
    // The look-up takes an id, never an ID number: nobody can find an id from a number.
    assert.equal(await page.locator('input[name=number]').count(), 0);
    await lookUp(page, ` ${BOB_ID} `);
    const summary = page.getByTestId('summary');
    await summary.locator('tbody tr').nth(1).waitFor();
    const rows = await summary
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.cells].slice(1).map((cell) => cell.innerText)));
    assert.deepEqual(rows, [
      [
        'borrowed',
        'sealed: only the parties can read them',
        'Choose and unlock an account (Account) to ask for the details.',
      ],
      [
        'borrowed',
        'for sale: 3 LOAN',
        'Choose and unlock an account (Account) to ask for the details.',
      ],
    ]);
    const text = await page.locator('main').innerText();
    assert.ok(!text.includes('12345.67') && !text.includes('Dave'), 'no terms, no lender');
    await page.screenshot({ path: join(SCREENSHOTS, 'lookup-summary.png'), fullPage: true });

    // A registered borrower without loans (Charlie), an id nobody holds, and something
    // that is not an id: refused in words before the node is asked.
    await lookUp(page, CHARLIE_ID);
    await page.getByTestId('summary').filter({ hasText: 'No loan on record' }).waitFor();
    await lookUp(page, `0x${'5a'.repeat(32)}`);
    await page.getByTestId('summary').filter({ hasText: 'No identity holds this id' }).waitFor();
    await lookUp(page, '11010519491231002X');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.equal(await alert.innerText(), 'An id is 0x followed by 64 hexadecimal digits.');
    await page.screenshot({ path: join(SCREENSHOTS, 'lookup-typo.png'), fullPage: true });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('the app speaks Chinese to a Chinese browser, and switches to English', async () => {
  const { page, errors, context } = await openApp('zh-CN');
  try {
    assert.equal(await page.locator('h1').innerText(), '经借款人同意查询借款人');
    await lookUp(page, '91350100M000100Y44');
    assert.equal(await page.getByRole('alert').innerText(), '身份标识是 0x 加 64 位十六进制数字。');
    await lookUp(page, BOB_ID);
    await page.getByTestId('summary').locator('tbody tr').nth(1).waitFor();
    assert.match(await page.getByTestId('summary').innerText(), /共 2 笔借款记录[\s\S]*借款/);
    await page.screenshot({ path: join(SCREENSHOTS, 'lookup-zh-CN.png'), fullPage: true });
    await page.getByRole('button', { name: 'English' }).click();
    assert.equal(await page.locator('h1').innerText(), 'Check a borrower, with their consent');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

// ---- A whole loan through the app ----

/**
 * Reads the QR code shown in `scope` as a phone's camera would: the pixels of a screenshot
 * of it, decoded by jsQR (a decoder independent of the app's encoder, @paulmillr/qr; its own
 * decoder failed on about one random code in thirty, perfect pixels or not).
 */
async function readQr(page, scope) {
  const png = await scope.getByTestId('qr').screenshot();
  const image = await page.evaluate(async (base64) => {
    const picture = new Image();
    picture.src = `data:image/png;base64,${base64}`;
    await picture.decode();
    const canvas = document.createElement('canvas');
    canvas.width = picture.width;
    canvas.height = picture.height;
    const context = canvas.getContext('2d');
    context.drawImage(picture, 0, 0);
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    return { width: canvas.width, height: canvas.height, data: [...data] };
  }, png.toString('base64'));
  const code = jsQR(Uint8ClampedArray.from(image.data), image.width, image.height);
  assert.ok(code, 'the QR code on the screen can be read');
  return code.data;
}

/** Registers the active account's identity with the id its registrar gave it. */
async function register(page, id) {
  await visit(page, 'identity', 'Your identity');
  await page.locator('select[name=kind]').selectOption('Person');
  await page.locator('input[name=idHash]').fill(id);
  await page.getByRole('button', { name: 'Register' }).click();
  await until(page, page.locator('[data-testid=identity] [data-status=Pending]'));
}

test('a first visit: the guide, an account whose 12 words are backed up, LOAN from the faucet', async () => {
  const { page, errors, context } = await openApp('en-US');
  try {
    // The guide says what Loanchain is and the steps to a first loan, above every page.
    const guide = page.getByTestId('guide');
    await guide.waitFor();
    assert.match(await guide.innerText(), /Welcome to Loanchain/);
    assert.equal(await guide.locator('ol li').count(), 4);
    await shot(page, 'first-run-guide');
    await guide.locator('ol li').first().getByRole('link', { name: 'Go' }).click();
    await page.locator('h1', { hasText: 'Your account' }).waitFor();

    // A new mnemonic: the app shows its 12 words and adds the account only when three of
    // them, asked at random, are typed back right.
    await page.getByRole('button', { name: 'Generate a new mnemonic' }).click();
    const backup = page.getByTestId('backup');
    assert.equal(await backup.locator('ol.words li').count(), 12);
    const asked = backup.locator('input[name=backupWord]');
    assert.equal(await asked.count(), 3);
    await page.locator('input[name=name]').fill('newcomer');
    await page.locator('input[name=password]').fill(PASSWORD);
    const words = await backUpWords(page);
    const last = asked.last();
    const right = await last.inputValue();
    await last.fill(words.find((word) => word !== right));
    await shot(page, 'account-backup');
    await page.getByRole('button', { name: 'Add the account' }).click();
    assert.equal(
      await page.getByRole('alert').innerText(),
      'A word typed back is not the one in the list: check what you wrote down.',
    );
    assert.equal(await page.locator('ul.accounts li').count(), 0, 'no account was added');
    await last.fill(right);
    await page.getByRole('button', { name: 'Add the account' }).click();
    const account = page.locator('ul.accounts li.active', { hasText: 'newcomer' });
    await account.waitFor();
    const address = await account.getAttribute('data-address');
    // With an account, the guide has done its work.
    assert.equal(await page.getByTestId('guide').count(), 0);

    // On the dev chain the faucet sends 100 LOAN from Alice's development account; the
    // balance shows it as soon as it is in a block.
    await page.getByTestId('faucet').click();
    await until(page, account.getByTestId('balance').filter({ hasText: '100' }));
    assert.equal((await api.query.system.account(address)).data.free.toBigInt(), 100n * UNIT);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a loan from start to end through the app alone: register, verify, propose, accept, feedback, sell, grant, read', async () => {
  const people = {};
  for (const [name, locale] of [
    ['borrower', 'en-US'],
    ['lender', 'en-US'],
    ['alice', 'en-US'],
    ['viewer', 'en-US'],
  ]) {
    people[name] = await openApp(locale);
  }
  const { borrower, lender, alice, viewer } = people;
  const numbers = {
    borrower: personId('11010119900307001'),
    lender: personId('31010119751120002'),
    viewer: personId('44030419880808003'),
  };
  try {
    // Accounts: new mnemonics in three browsers; Alice's development key in the fourth.
    const address = {};
    for (const name of ['borrower', 'lender', 'viewer']) {
      address[name] = await createAccount(people[name].page, name, { password: PASSWORD });
    }
    await shot(borrower.page, 'account');
    await createAccount(alice.page, 'Alice', { secret: '//Alice', password: PASSWORD });

    // Alice sends each of them LOAN for the deposits and fees: three clicks within a block,
    // each transaction with its own status line and nonce (none takes another's place).
    const transfers = alice.page.locator('form', { has: alice.page.locator('input[name=to]') });
    for (const name of ['borrower', 'lender', 'viewer']) {
      await transfers.locator('input[name=to]').fill(address[name]);
      await transfers.locator('input[name=amount]').fill('100');
      await transfers.getByRole('button', { name: 'Send' }).click();
    }
    const failedTransfer = transfers.locator('[data-testid=tx-status][data-stage=failed]');
    for (const name of ['borrower', 'lender', 'viewer']) {
      for (let tries = 0; ; tries++) {
        assert.equal(await failedTransfer.count(), 0, 'no transfer failed');
        const free = (await api.query.system.account(address[name])).data.free.toBigInt();
        if (free === 100n * UNIT) break;
        assert.ok(tries < 120, `${name} received 100 LOAN`);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }

    // Identities: Alice, the registrar, computes each person's id from their document with
    // the registrars' service (on --dev, her own node's: she holds the test key whole) and
    // gives it to them; they register with it, and she verifies each claim against the
    // document.
    await visit(alice.page, 'registrar', 'Registrar');
    const kyc = alice.page.getByTestId('kyc-form');
    await until(alice.page, kyc);
    // A mistyped number is refused for the typo.
    await kyc.locator('input[name=number]').fill('110105194912310021');
    await kyc.getByRole('button', { name: 'Compute the id' }).click();
    assert.equal(
      await kyc.getByRole('alert').innerText(),
      'The last character is "1", but the number requires "X": please check it for a typo.',
    );
    // Bob's number gives Bob's id on chain, as loanctl computes it.
    await kyc.locator('input[name=number]').fill('11010519491231002X');
    await kyc.getByRole('button', { name: 'Compute the id' }).click();
    await until(alice.page, kyc.getByTestId('kyc-id').filter({ hasText: BOB_ID }));
    const ids = {};
    let previous = BOB_ID;
    for (const name of ['borrower', 'lender', 'viewer']) {
      await kyc.locator('input[name=number]').fill(numbers[name]);
      await kyc.getByRole('button', { name: 'Compute the id' }).click();
      const shown = kyc.getByTestId('kyc-id').filter({ hasNotText: previous });
      await until(alice.page, shown);
      // The person takes the id with their phone: the QR code next to it is the id.
      previous = ids[name] = await readQr(alice.page, kyc);
      assert.equal(ids[name], await shown.innerText());
      assert.match(ids[name], /^0x[0-9a-f]{64}$/);
    }
    assert.equal(new Set(Object.values(ids)).size, 3);
    await shot(alice.page, 'registrar-kyc');
    for (const name of ['borrower', 'lender', 'viewer']) {
      await register(people[name].page, ids[name]);
    }
    await shot(borrower.page, 'identity-pending');
    await visit(alice.page, 'account', 'Your account');
    await visit(alice.page, 'registrar', 'Registrar');
    for (const name of ['borrower', 'lender', 'viewer']) {
      const row = alice.page.locator(`tr[data-account="${address[name]}"]`);
      await until(alice.page, row);
      // A number that is not the one claimed does not match.
      await row
        .locator('input[name=documentNumber]')
        .fill(numbers[name === 'viewer' ? 'lender' : 'viewer']);
      await row.getByRole('button', { name: 'Check' }).click();
      await row.locator('.check[data-match=false]').waitFor();
      assert.ok(await row.getByRole('button', { name: 'Verify' }).isDisabled());
      await row.locator('input[name=documentNumber]').fill(numbers[name]);
      await row.getByRole('button', { name: 'Check' }).click();
      await row.locator('.check[data-match=true]').waitFor();
      if (name === 'borrower') await shot(alice.page, 'registrar');
      await row.getByRole('button', { name: 'Verify' }).click();
      // Verified, the claim leaves the list.
      await until(alice.page, row, { state: 'detached' });
    }
    await visit(borrower.page, 'identity', 'Your identity');
    await borrower.page.locator('[data-testid=identity] [data-status=Verified]').waitFor();
    // Her id, to give to lenders, is on her Identity page.
    assert.equal(await borrower.page.getByTestId('my-id').innerText(), ids.borrower);
    await shot(borrower.page, 'identity-verified');

    // Terms that are not terms are refused in words before anything is hashed or signed.
    await visit(lender.page, 'loans', 'Loans');
    const propose = lender.page.getByTestId('propose');
    await propose.locator('select[name=role]').selectOption('Lender');
    await propose.locator('select[name=counterpartyBy]').selectOption('address');
    await propose.locator('input[name=counterpartyAddress]').fill(address.borrower);
    const typeTerms = async (terms) => {
      for (const [name, value] of Object.entries(terms))
        await propose.locator(`input[name=${name}]`).fill(value);
    };
    const goodTerms = { amount: '500', rate: '0', periodDays: '10', purpose: 'rent' };
    for (const [bad, words] of [
      [{ amount: 'abc' }, /The amount must be a number above zero/],
      [{ amount: '-5000' }, /The amount must be a number above zero/],
      [{ rate: 'NaN' }, /The annual rate is a fraction from 0 to 1/],
      [{ rate: '12' }, /The annual rate is a fraction from 0 to 1/],
      [{ periodDays: '0' }, /The period is a whole number of days, from 1 to \d+/],
    ]) {
      await typeTerms({ ...goodTerms, ...bad });
      await propose.getByRole('button', { name: 'Propose' }).click();
      const refusal = propose.getByRole('alert');
      await refusal.waitFor();
      assert.match(await refusal.innerText(), words);
    }
    assert.equal(await propose.locator('[data-testid=tx-status]').count(), 0, 'nothing was sent');
    await shot(lender.page, 'loans-propose-refused');

    // Proposed to an account address (the id's field is hidden and not required),
    // the proposal is declined by the borrower: it leaves both pages.
    await typeTerms(goodTerms);
    await propose.getByRole('button', { name: 'Propose' }).click();
    await included(lender.page, propose);
    // The borrower's Loans tab shows a badge: one proposal waits for an answer.
    await until(borrower.page, borrower.page.getByTestId('badge-loans').filter({ hasText: '1' }));
    assert.equal(await borrower.page.title(), '(1) Loanchain');
    await visit(borrower.page, 'loans', 'Loans');
    const offered = borrower.page.getByTestId('proposal');
    await until(borrower.page, offered);
    assert.match(await offered.getByTestId('terms').innerText(), /500 CNY/);
    await offered.getByRole('button', { name: 'Decline' }).click();
    await until(borrower.page, offered, { state: 'detached' });
    await until(lender.page, lender.page.getByTestId('proposal'), { state: 'detached' });

    // The lender proposes, finding the borrower by the id the borrower gave; the terms are
    // sealed in the browser.
    await propose.locator('select[name=counterpartyBy]').selectOption('id');
    await propose.locator('input[name=idHash]').fill(ids.borrower);
    await propose.locator('input[name=amount]').fill('8000.00');
    await propose.locator('input[name=rate]').fill('0.09');
    await propose.locator('input[name=periodDays]').fill('1');
    await propose.locator('input[name=purpose]').fill('tuition');
    await shot(lender.page, 'loans-propose');
    await propose.getByRole('button', { name: 'Propose' }).click();
    await included(lender.page, propose);

    // The borrower reads the terms, decrypted in the browser, and accepts.
    await visit(borrower.page, 'loans', 'Loans');
    const proposal = borrower.page.getByTestId('proposal');
    await until(borrower.page, proposal);
    const terms = await proposal.getByTestId('terms').innerText();
    assert.match(terms, /8000\.00 CNY/);
    assert.match(terms, /9\.00 %/);
    assert.match(terms, /tuition/);
    await shot(borrower.page, 'loans-proposal');
    await proposal.getByRole('button', { name: 'Accept and sign' }).click();
    const borrowed = borrower.page.getByTestId('loan');
    await until(borrower.page, borrowed.locator('[data-state=Active]'));
    // When it is due, as a date, and what is due by the terms: 8000 at 9 % for one day.
    assert.match(
      await borrowed.first().locator('[data-state]').innerText(),
      /^in effect · due .+ \(in .+\)$/,
    );
    assert.equal(
      await borrowed.first().getByTestId('amount-due').innerText(),
      'Due at maturity: 8001.97 CNY (8000.00 + 1.97 simple interest over 1 day(s) of a 365-day year)',
    );

    // At maturity the chain prompts the lender: the loan stands out on the Loans page.
    const due = lender.page.getByTestId('feedback-due');
    await until(lender.page, due);
    await until(lender.page, lender.page.getByTestId('badge-loans'));
    assert.match(await lender.page.title(), /^\(\d+\) Loanchain$/);
    assert.match(
      await lender.page.getByTestId('feedback-count').innerText(),
      /1 loan\(s\) await your feedback/,
    );
    await shot(lender.page, 'loans-feedback-due');
    await due.locator('select[name=outcome]').selectOption('breached');
    await due.locator('select[name=disclosure]').selectOption('paid');
    await due.locator('input[name=price]').fill('2');
    // News from the chain does not wipe what the lender is typing: Dave proposes a loan to
    // the lender's account and withdraws it, and the page, drawn anew with the proposal and
    // again without it, keeps the outcome, disclosure and price, and the field typed in.
    const filledIn = { outcome: 'breached', disclosure: 'paid', price: '2', priceShown: true };
    const dave = keyring.addFromUri('//Dave');
    const toLender = await proposeLoan(api, {
      lender: dave,
      borrower: { address: address.lender },
      terms: TERMS,
    });
    const daves = lender.page.locator(`[data-testid=proposal][data-loan-id="${toLender.loanId}"]`);
    await until(lender.page, daves);
    assert.deepEqual(await conclusionTyped(due), filledIn);
    assert.equal(
      await lender.page.evaluate(() => document.activeElement?.getAttribute('name')),
      'price',
    );
    await send(api, api.tx.loans.withdraw(toLender.loanId), dave);
    await until(lender.page, daves, { state: 'detached' });
    assert.deepEqual(await conclusionTyped(due), filledIn);
    // Recording the outcome is permanent: the app asks first, and a Cancel sends nothing.
    await due.getByRole('button', { name: 'Record the outcome' }).click();
    await answerDialog(lender.page, 'Cancel', /breached/, /permanent record/);
    assert.equal(await due.locator('[data-testid=tx-status]').count(), 0, 'nothing was sent');
    await due.getByRole('button', { name: 'Record the outcome' }).click();
    await shot(lender.page, 'loans-confirm-outcome');
    await answerDialog(
      lender.page,
      'Record the outcome',
      /Record the outcome of loan #\d+\?/,
      /Anyone may buy access for 2 LOAN/,
    );
    const concluded = lender.page.locator('[data-testid=loan] [data-state=Concluded]');
    await until(lender.page, concluded);
    assert.match(await lender.page.getByTestId('loan').first().innerText(), /Outcome: breached/);

    // A third person looks the borrower up: when, "borrowed", and the price; nothing else.
    await visit(viewer.page, 'lookup', 'Check a borrower');
    await lookUp(viewer.page, ids.borrower);
    const row = viewer.page.getByTestId('summary').locator('tbody tr');
    await row.first().waitFor();
    assert.equal(await row.count(), 1);
    const cells = await row.locator('td').allInnerTexts();
    assert.deepEqual(cells.slice(1), ['borrowed', 'for sale: 2 LOAN', 'Pay 2 LOAN for access']);
    assert.ok(!(await viewer.page.locator('main').innerText()).includes('8000'));
    await shot(viewer.page, 'lookup-for-sale');
    await row.getByRole('button', { name: 'Pay 2 LOAN for access' }).click();
    await answerDialog(
      viewer.page,
      'Pay 2 LOAN for access',
      /Pay 2 LOAN for access to loan #\d+\?/,
      /at most this/,
    );
    await included(viewer.page, row);
    // Asking again while the request is open fails, in the words of the chain's metadata.
    await row.getByRole('button', { name: 'Pay 2 LOAN for access' }).click();
    await answerDialog(viewer.page, 'Pay 2 LOAN for access');
    const refused = row.locator('[data-testid=tx-status][data-stage=failed]');
    await refused.waitFor({ timeout: 60_000 });
    assert.equal(
      await refused.innerText(),
      'Failed: The viewer has an open request for this loan already. (loans.RequestPending)',
    );

    // A lender who puts a price on a loan after the viewer looked (here Dave, between the
    // page showing Bob's sealed loan and the click) gets a refusal, not the money: the app
    // passes the price it showed as the most the viewer pays.
    await lookUp(viewer.page, BOB_ID);
    const sealedRow = viewer.page.getByTestId('summary').locator('tbody tr').first();
    const ask = sealedRow.getByRole('button', { name: 'Request access' });
    await ask.waitFor();
    const sealedLender = keyring.addFromUri('//Dave');
    await send(
      api,
      api.tx.loans.setDisclosure(sealedLoanId, { Paid: { price: UNIT } }),
      sealedLender,
    );
    const heldBefore = (await api.query.system.account(address.viewer)).data.reserved.toBigInt();
    await ask.click();
    await answerDialog(viewer.page, 'Request access', /Ask for access to loan #\d+\?/);
    const overLimit = sealedRow.locator('[data-testid=tx-status][data-stage=failed]');
    await overLimit.waitFor({ timeout: 60_000 });
    assert.equal(
      await overLimit.innerText(),
      "Failed: The loan's price is above the most the viewer said it pays (`max_price`). (loans.PriceAboveLimit)",
    );
    const heldAfter = (await api.query.system.account(address.viewer)).data.reserved.toBigInt();
    assert.equal(heldAfter, heldBefore, 'nothing was held');
    // Looked up again, the loan shows its price.
    await lookUp(viewer.page, BOB_ID);
    await viewer.page
      .getByTestId('summary')
      .getByRole('button', { name: 'Pay 1 LOAN for access' })
      .first()
      .waitFor();

    // The lender grants: the content key is sealed to the viewer's key in the browser. A
    // badge on the Access tab told of the request.
    await until(lender.page, lender.page.getByTestId('badge-access'));
    await visit(lender.page, 'access', 'Access to details');
    const request = lender.page.locator(`article.request[data-viewer="${address.viewer}"]`);
    await until(lender.page, request);
    assert.match(await request.innerText(), /2 LOAN held\): waiting for the lender/);
    await shot(lender.page, 'access-queue');
    await request.getByRole('button', { name: 'Grant' }).click();
    await until(lender.page, request, { state: 'detached' });

    // The viewer reads the terms and the outcome.
    await visit(viewer.page, 'access', 'Access to details');
    const mine = viewer.page.getByTestId('my-request');
    await until(viewer.page, mine.getByTestId('terms'));
    assert.match(await mine.getByTestId('terms').innerText(), /8000\.00 CNY/);
    assert.equal(await mine.getByTestId('outcome').innerText(), 'Outcome: breached');
    await shot(viewer.page, 'access-granted');

    // The borrower sees who asked.
    await visit(borrower.page, 'access', 'Access to details');
    const log = borrower.page.getByTestId('inquiry-log');
    await until(borrower.page, log);
    assert.match(
      await log.innerText(),
      new RegExp(`${address.viewer} asked .+ \\(2 LOAN held\\): granted`),
    );
    await shot(borrower.page, 'access-inquiry-log');

    // Looking the borrower up with her consent: she signs it for the lender's identity in the
    // app, the lender pastes it on the look-up page and checks her, and she sees who looked.
    const lenderId = (await api.query.creditIdentity.identities(address.lender))
      .unwrap()
      .idHash.toHex();
    const letLook = borrower.page.getByTestId('inquiry-consent-form');
    await letLook.locator('input[name=inquirerId]').fill(lenderId);
    await letLook.locator('select[name=purpose]').selectOption('loanApplication');
    await letLook.getByRole('button', { name: 'Sign the consent' }).click();
    await until(borrower.page, letLook.getByTestId('inquiry-consent'));
    assert.match(
      await letLook.innerText(),
      new RegExp(
        `You let ${lenderId} \\(account ${address.lender}\\) look you up once, for a loan application, until .+`,
      ),
    );
    // The lender scans the consent's QR code off the borrower's screen: it is the text shown.
    const inquiryConsent = await readQr(borrower.page, letLook);
    assert.equal(inquiryConsent, await letLook.getByTestId('inquiry-consent').innerText());
    await shot(borrower.page, 'access-inquiry-consent');
    await visit(lender.page, 'lookup', 'Check a borrower');
    const check = lender.page.getByTestId('check-form');
    // A consent with a wrong field is named before anything is sent.
    await check
      .locator('textarea[name=inquiryConsent]')
      .fill(JSON.stringify({ ...JSON.parse(inquiryConsent), purpose: 'curiosity' }));
    await check.getByRole('button', { name: 'Check the borrower' }).click();
    assert.equal(
      await check.locator('[role=alert]').innerText(),
      'The consent’s field “purpose” is missing or wrong.',
    );
    await check.locator('textarea[name=inquiryConsent]').fill(inquiryConsent);
    await check.getByRole('button', { name: 'Check the borrower' }).click();
    await until(lender.page, check.getByTestId('summary').locator('tbody tr'));
    await shot(lender.page, 'lookup-with-consent');
    // Used once: the same consent again is refused in words.
    await check.getByRole('button', { name: 'Check the borrower' }).click();
    const reused = check.locator('[data-testid=tx-status][data-stage=failed]');
    await reused.waitFor({ timeout: 60_000 });
    assert.match(await reused.innerText(), /\(loans\.ConsentAlreadyUsed\)$/);
    await visit(borrower.page, 'access', 'Access to details');
    const looked = borrower.page.getByTestId('inquiry').first();
    await until(borrower.page, looked);
    assert.match(
      await looked.innerText(),
      new RegExp(
        `^.+: ${lenderId} \\(account ${address.lender}\\) looked you up with your consent, for a loan application$`,
      ),
    );

    // The corporate flow: a company's system (Dave's: @polkadot/api and loanctl) records a
    // loan in one transaction, with the borrower's consent signed in the app.
    const identityOf = async (who) => (await api.query.creditIdentity.identities(who)).unwrap();
    const [company, customer] = await Promise.all([
      identityOf(dave.address),
      identityOf(address.borrower),
    ]);
    const { details } = seal(
      { ...TERMS, amount: '3000.00', period_days: 30 },
      customer.idHash.toHex(),
      company.encryptionKey.toHex(),
      customer.encryptionKey.toHex(),
    );
    const deadline = (await api.rpc.chain.getHeader()).number.toNumber() + 8;
    const consentRequest = {
      genesisHash: api.genesisHash.toHex(),
      lenderId: company.idHash.toHex(),
      borrowerId: customer.idHash.toHex(),
      submitter: 'Lender',
      periodDays: 30,
      details,
      deadline,
    };
    await visit(borrower.page, 'loans', 'Loans');
    const consentForm = await readConsentRequest(borrower.page, JSON.stringify(consentRequest));
    assert.match(await consentForm.getByTestId('terms').innerText(), /3000\.00 CNY/);
    // Whom the customer signs for: the company's id and the account that holds it.
    assert.equal(
      await consentForm.getByTestId('consent-party').innerText(),
      `The lender: ${company.idHash.toHex()} (account ${dave.address}).`,
    );
    await consentForm.getByRole('button', { name: 'Sign the consent' }).click();
    await until(borrower.page, consentForm.getByTestId('consent').filter({ hasText: 'Sr25519' }));
    await shot(borrower.page, 'loans-consent');
    // The company's app scans the signed consent off the customer's screen.
    const consent = JSON.parse(await readQr(borrower.page, consentForm));
    assert.deepEqual(consent, JSON.parse(await consentForm.getByTestId('consent').innerText()));
    const recorded = await send(
      api,
      api.tx.loans.record(address.borrower, 'Lender', 30, details, consent),
      dave,
    );
    const { loanId } = findEvent(recorded.events, 'loans', 'LoanRecorded');
    await visit(borrower.page, 'loans', 'Loans');
    // The loans table: a row per loan; the row opens the loan's card.
    const newRow = borrower.page.locator(`[data-testid=loan-row][data-loan-id="${loanId}"]`);
    await until(borrower.page, newRow);
    assert.match(
      await newRow.innerText(),
      /you borrow\s+0x[0-9a-f]{6}…[0-9a-f]{6}.*in effect\s+3000\.00 CNY/s,
    );
    await newRow.getByRole('button', { name: 'Open' }).click();
    const newLoan = borrower.page.locator(`[data-testid=loan][data-loan-id="${loanId}"]`);
    assert.equal(
      await newLoan.getByTestId('other-party').locator('code').innerText(),
      company.idHash.toHex(),
    );
    await until(borrower.page, newLoan.locator('[data-state=Active]'));
    assert.match(await newLoan.getByTestId('terms').innerText(), /3000\.00 CNY/);

    // The company offers an extension; the borrower declines it in the app, and the loan
    // runs on to its old maturity.
    await send(api, api.tx.loans.proposeExtension(loanId, 5), dave);
    await until(borrower.page, newLoan.locator('[data-state=ExtensionProposed]'));
    assert.match(await newLoan.innerText(), /The lender offers 5 more days/);
    await newLoan.getByRole('button', { name: 'Decline the extension' }).click();
    await until(borrower.page, newLoan.locator('[data-state=Active]'));
    assert.ok((await api.query.loans.loans(loanId)).unwrap().state.isActive);

    // The table finds a loan by what its terms say and by state, and exports what it shows.
    // (The page draws the table anew when the loan's state changes: its count is read once
    // the table shows both loans again.)
    const table = borrower.page.getByTestId('loan-table');
    const rows = table.getByTestId('loan-row');
    await until(
      borrower.page,
      table.getByTestId('loan-count').filter({ hasText: 'Loans 1–2 of 2' }),
    );
    assert.equal(await rows.count(), 2);
    await table.locator('input[name=search]').fill('3000');
    await until(
      borrower.page,
      table.getByTestId('loan-count').filter({ hasText: 'Loans 1–1 of 1' }),
    );
    assert.equal(await rows.first().getAttribute('data-loan-id'), String(loanId));
    await table.locator('input[name=search]').fill('');
    await table.locator('select[name=state]').selectOption('Concluded');
    await until(
      borrower.page,
      table.getByTestId('loan-count').filter({ hasText: 'Loans 1–1 of 1' }),
    );
    assert.match(await rows.first().innerText(), /concluded\s+8000\.00 CNY/);
    await table.locator('select[name=state]').selectOption('all');
    const [download] = await Promise.all([
      borrower.page.waitForEvent('download'),
      table.getByTestId('export-csv').click(),
    ]);
    assert.equal(download.suggestedFilename(), 'loanchain-loans.csv');
    const csv = readFileSync(await download.path(), 'utf8').split('\r\n');
    assert.match(csv[0], /^loan_id,role,other_party_id,state,start_block,/);
    assert.equal(csv.length, 4, 'a header, two loans, and the last line end');
    assert.match(csv[1], new RegExp(`^${loanId},borrower,${company.idHash.toHex()},Active,\\d+,`));
    assert.match(csv[2], /,borrower,0x[0-9a-f]{64},Concluded,.*,8000\.00,CNY,0\.09,1,tuition,$/);

    // The borrower's credit report: the public summary of their id with a timeline, and the
    // inquiry log; printed to a PDF by Chromium as a person's "Save as PDF" does.
    await visit(borrower.page, 'report', 'Credit report');
    const report = borrower.page.getByTestId('report');
    await until(borrower.page, report.getByTestId('report-loans'));
    assert.equal(await report.getByTestId('report-id').innerText(), ids.borrower);
    const reported = report.getByTestId('report-loans').locator('tbody tr');
    assert.equal(await reported.count(), 2);
    const texts = (await reported.allInnerTexts()).join('\n');
    assert.match(texts, /borrowed\s+for sale: anyone may buy access for 2 LOAN \(loan #\d+\)/);
    assert.match(texts, /borrowed\s+sealed: the lender may grant access on request/);
    assert.equal(await report.getByTestId('timeline').locator('circle.loan').count(), 2);
    await until(borrower.page, report.getByTestId('inquiry'));
    assert.ok(!(await report.innerText()).includes('8000'), 'no terms in the report');
    await borrower.page.emulateMedia({ media: 'print' });
    await shot(borrower.page, 'report-print');
    const pdf = await borrower.page.pdf({ format: 'A4' });
    await borrower.page.emulateMedia({ media: 'screen' });
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    assert.ok(pdf.length > 10_000, `the PDF has ${pdf.length} bytes`);
    writeFileSync(join(SCREENSHOTS, 'credit-report.pdf'), pdf);

    // The lender as a loan officer: a consent request made in the app, signed in the
    // borrower's app, and recorded — one loan alone, then two in one batch_all.
    await visit(lender.page, 'loans', 'Loans');
    const office = lender.page.getByTestId('record-form');
    const pendingRecords = office.getByTestId('pending-record');
    const makeRequest = async (amount) => {
      const before = await pendingRecords.count();
      await office.locator('select[name=counterpartyBy]').selectOption('id');
      await office.locator('input[name=idHash]').fill(ids.borrower);
      await office.locator('input[name=amount]').fill(amount);
      await office.locator('input[name=rate]').fill('0.1');
      await office.locator('input[name=periodDays]').fill('90');
      await office.getByRole('button', { name: 'Make the consent request' }).click();
      await until(lender.page, pendingRecords.nth(before));
      return pendingRecords.nth(before);
    };
    /** The borrower signs `request` in their app; the signed consent, read off their screen. */
    const signRequest = async (request) => {
      await readConsentRequest(
        borrower.page,
        await request.getByTestId('consent-request').innerText(),
      );
      await consentForm.getByRole('button', { name: 'Sign the consent' }).click();
      const signed = consentForm.getByTestId('consent').filter({ hasText: 'Sr25519' });
      await until(borrower.page, signed);
      const scanned = await readQr(borrower.page, consentForm);
      assert.equal(scanned, await signed.innerText());
      return scanned;
    };
    await visit(borrower.page, 'loans', 'Loans');
    const first = await makeRequest('700.00');
    await shot(lender.page, 'loans-consent-request');
    // A consent request in the other format, or with a wrong field, is named before anything.
    await consentForm
      .locator('textarea[name=consentRequest]')
      .fill(
        (await first.getByTestId('consent-request').innerText()).replace(
          '"lenderId"',
          '"lender_id"',
        ),
      );
    await consentForm.getByRole('button', { name: 'Read the terms' }).click();
    assert.match(
      await consentForm.getByRole('alert').innerText(),
      /^The field "lender_id" is not part of the format/,
    );
    const loansBefore = (await api.query.loans.borrowerLoans.keys(ids.borrower)).length;
    await first.locator('textarea[name=signedConsent]').fill(await signRequest(first));
    await first.getByRole('button', { name: 'Record the loan' }).click();
    await until(lender.page, pendingRecords, { state: 'detached' });
    const [second, third] = [await makeRequest('800.00'), await makeRequest('900.00')];
    for (const request of [second, third])
      await request.locator('textarea[name=signedConsent]').fill(await signRequest(request));
    await shot(lender.page, 'loans-record-batch');
    await office.getByTestId('record-batch').click();
    await until(lender.page, pendingRecords, { state: 'detached' });
    const recordedLoans = (await api.query.loans.borrowerLoans.keys(ids.borrower))
      // The second key is the loan id big-endian (`LoanKey`), so that keys sort by id.
      .map((key) => Number(Buffer.from(key.args[1].toU8a(true)).readBigUInt64BE()))
      .sort((a, b) => a - b);
    assert.equal(recordedLoans.length, loansBefore + 3);
    // The batch was one transaction: its two loans took effect in one block.
    const activated = await Promise.all(
      recordedLoans
        .slice(-2)
        .map(async (id) =>
          (await api.query.loans.loans(id)).unwrap().activated.unwrap().block.toNumber(),
        ),
    );
    assert.equal(activated[0], activated[1]);
    // The loan officer's table has them: the 8000 loan and the three recorded.
    const officeTable = lender.page.getByTestId('loan-table');
    await until(
      lender.page,
      officeTable.getByTestId('loan-count').filter({ hasText: 'Loans 1–4 of 4' }),
    );
    assert.match(await officeTable.innerText(), /900\.00 CNY/);

    // Every page at a phone's width and at a desktop's, in both languages, as the borrower
    // sees it: nothing is wider than the screen.
    const { page } = borrower;
    for (const [width, height] of [
      [375, 812],
      [1280, 900],
    ]) {
      await page.setViewportSize({ width, height });
      for (const language of ['en', 'zh-CN']) {
        if ((await page.locator('html').getAttribute('lang')) !== language)
          await page.locator('header button.language').click();
        for (const name of [
          'lookup',
          'account',
          'identity',
          'loans',
          'access',
          'report',
          'registrar',
        ]) {
          await page.locator(`nav a[data-page=${name}]`).click();
          await page.waitForFunction(
            () =>
              document.querySelector('main h1') &&
              ![...document.querySelectorAll('.list')].some((list) =>
                ['Loading…', '加载中…'].includes(list.textContent),
              ),
          );
          const wide = await page.evaluate(() => document.documentElement.scrollWidth);
          assert.ok(wide <= width, `${name} in ${language} is ${wide} px wide at ${width} px`);
          await shot(page, `${width}-${language}-${name}`);
        }
      }
    }
    await page.locator('header button.language').click();

    for (const [name, { errors }] of Object.entries(people)) assert.deepEqual(errors, [], name);
  } catch (error) {
    // What each browser showed when the test failed, for the CI artifacts.
    for (const [name, { page }] of Object.entries(people)) await shot(page, `failed-${name}`);
    const logged = Object.entries(people).map(
      ([name, { errors }]) => `${name}: ${errors.join('; ')}`,
    );
    error.message += `\nconsole errors: ${logged.join(' | ')}`;
    throw error;
  } finally {
    for (const { context } of Object.values(people)) await context.close();
  }
});

test('the header tells the truth about the connection, and a page that gets no answer says so', async () => {
  // A node of its own, with its chain on disk, so that it can be stopped and started again
  // where the app expects it.
  const basePath = mkdtempSync(join(tmpdir(), 'loanchain-web-restart-'));
  const args = ['--dev', '--base-path', basePath];
  let own = await startNode(args, { name: 'web-restart' });
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  page.on('pageerror', (error) => errors.push(error.message));
  const status = page.getByTestId('status');
  try {
    await page.goto(`${server.url}?node=${encodeURIComponent(own.wsUrl)}`);
    await status.filter({ hasText: 'Connected to Loanchain Development' }).waitFor();

    await own.stop();
    await page.locator('[data-testid=status][data-state=reconnecting]').waitFor();
    assert.match(await status.innerText(), /Lost the connection to .*: reconnecting/);
    await page.locator('[data-testid=status][data-state=unreachable]').waitFor({ timeout: 30_000 });
    assert.match(await status.innerText(), /Not connected to .*: is the node running\?/);
    await shot(page, 'status-unreachable');

    // A look-up while the node is down: the page says it got no answer, in words.
    await lookUp(page, BOB_ID);
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 60_000 });
    assert.match(await alert.innerText(), /The node did not answer/);

    // The node comes back where it was: the app reconnects by itself and answers again.
    own = await startNode(args, { name: 'web-restart', ports: own.ports });
    await status
      .filter({ hasText: 'Connected to Loanchain Development' })
      .waitFor({ timeout: 60_000 });
    await lookUp(page, BOB_ID);
    await page.getByTestId('summary').waitFor({ timeout: 60_000 });

    // Only the provider's own reports of the dropped connection were logged.
    assert.deepEqual(
      errors.filter((error) => !/API-WS|WebSocket|ERR_CONNECTION_REFUSED/.test(error)),
      [],
    );
  } finally {
    await context.close();
    await own.stop();
  }
});

test("a company's table keeps its page and search while the chain's news arrives", async () => {
  const dave = keyring.addFromUri('//Dave');
  const bob = keyring.addFromUri('//Bob');
  // Dave's company records loans to Bob with his consent (loans.record), 26 in one batch
  // and then one more: more than a page of the table (25 rows).
  const recordLoans = async (count, note) => {
    const deadline = (await api.rpc.chain.getHeader()).number.toNumber() + 8;
    const calls = Array.from({ length: count }, (_, n) => {
      const { details } = seal({ ...TERMS, note: `${note} ${n}` }, BOB_ID, DAVE_KEY, BOB_KEY);
      const hash = consentHash(api, {
        lenderId: DAVE_ID,
        borrowerId: BOB_ID,
        submitter: 'Lender',
        periodDays: 30,
        details,
        deadline,
      });
      return api.tx.loans.record(
        bob.address,
        'Lender',
        30,
        details,
        signConsent(bob, hash, deadline),
      );
    });
    await send(api, api.tx.utility.batchAll(calls), dave);
  };
  await recordLoans(26, 'batch');
  const { page, errors, context } = await openApp('en-US');
  try {
    await createAccount(page, 'Dave', { secret: '//Dave', password: PASSWORD });
    await importKeyFile(page, DAVE_SECRET, DAVE_KEY);
    await visit(page, 'loans', 'Loans');
    const table = page.getByTestId('loan-table');
    const count = table.getByTestId('loan-count');
    await until(page, count.filter({ hasText: /^Loans 1–25 of \d+$/ }));
    const total = Number((await count.innerText()).match(/of (\d+)$/)[1]);
    assert.ok(total > 26, `Dave's loans: ${total}`);
    await table.getByRole('button', { name: 'Next' }).click();
    await until(page, count.filter({ hasText: `Loans 26–${total} of ${total}` }));
    // Searched for the batch's loans, on their second page.
    await table.locator('input[name=search]').fill('batch');
    await until(page, count.filter({ hasText: 'Loans 1–25 of 26' }));
    await table.getByRole('button', { name: 'Next' }).click();
    await until(page, count.filter({ hasText: 'Loans 26–26 of 26' }));
    // One more loan of the batch's kind names Dave's account: the page reads its lists
    // again, and the table shows it — on the page Dave was reading, searched as he left it.
    await recordLoans(1, 'batch, one more');
    await until(page, count.filter({ hasText: 'Loans 26–27 of 27' }));
    assert.equal(await table.locator('input[name=search]').inputValue(), 'batch');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
