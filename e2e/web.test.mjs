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
// A screenshot of every page visited is kept under $CARGO_TARGET_DIR/web-screenshots/
// (docs/web.md shows some), and any console error fails the test.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import jsQR from 'jsqr';
import { startNode } from './lib/node.mjs';
import {
  backUpWords,
  createAccount,
  injectExtension,
  launchChromium,
  serveWebApp,
  visit,
} from './lib/web.mjs';
import {
  UNIT,
  activeLoan,
  connect,
  findEvent,
  generalTransaction,
  lenderOf,
  loanctl,
  personId,
  privateConsentHash,
  seal,
  send,
  signConsent,
  waitForEvent,
} from './lib/chain.mjs';
import {
  boughtTokens,
  epochNow,
  registrarKey,
  registrarSign,
  startOfADay,
  untilEpoch,
} from './lib/tokens.mjs';
import { u8aToHex } from '@polkadot/util';

const SCREENSHOTS = join(
  process.env.CARGO_TARGET_DIR ?? resolve(import.meta.dirname, '../target'),
  'web-screenshots',
);
const TERMS = {
  amount: '12345.67',
  currency: 'CNY',
  rate: '0.1',
  start: '2026-11-21',
  period_days: 30,
};

let node;
let api;
let server;
let browser;
let appUrl;
let keyring;
let sealedLoanId; // Dave's first loan to Bob: sealed (Encrypted) until the price test

before(async () => {
  node = await startNode(['--dev', '--tmp'], { name: 'web' });
  ({ api, keyring } = await connect(node.wsUrl));
  const bob = keyring.addFromUri('//Bob');
  const dave = keyring.addFromUri('//Dave');
  ({ loanId: sealedLoanId } = await activeLoan(api, { lender: dave, borrower: bob, terms: TERMS }));
  const { loanId } = await activeLoan(api, { lender: dave, borrower: bob, terms: TERMS });
  await send(api, api.tx.loans.setDisclosure(loanId, { Paid: { price: 3n * UNIT } }), dave);
  server = await serveWebApp();
  appUrl = `${server.url}?node=${encodeURIComponent(node.wsUrl)}`;
  browser = await launchChromium();
  mkdirSync(SCREENSHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  server?.stop();
  await api?.disconnect();
  await node?.stop();
});

/** A page in a fresh browser context, with console errors collected. */
async function openApp(locale) {
  const context = await browser.newContext({ locale });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(appUrl);
  await page.getByTestId('status').filter({ hasText: 'Loanchain Development' }).waitFor();
  return { page, errors, context };
}

// The test chains' ids of Bob and Charlie (runtime/src/genesis.rs): only the registrars can
// compute them from the numbers.
const BOB_ID = '0xcc63b3e5b34a857e13f659fad55643a30305079fa1029b8157d1fbf5cd6dba0c';
const CHARLIE_ID = '0x1a4c4fb303f0c289e3becf7b404d893aa5c20213b3764121c62c394f716301d5';

async function lookUp(page, id) {
  await page.locator('input[name=idHash]').fill(id);
  await page.locator('form:has(input[name=idHash]) button[type=submit]').click();
}

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

const PASSWORD = 'correct horse battery';

/** Saves a screenshot of the page as `name`.png. */
const shot = (page, name) =>
  page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

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

/**
 * Waits until `locator` shows, failing at once with the app's own words if a transaction
 * failed or the page showed an error meanwhile.
 */
async function until(page, locator, { state = 'visible', timeout = 120_000 } = {}) {
  const failed = page
    .locator('[data-testid=tx-status][data-stage=failed], [role=alert].error')
    .first();
  await Promise.race([
    locator.first().waitFor({ state, timeout }),
    failed.waitFor({ timeout }).then(async () => {
      throw new Error(`the page says: ${await failed.innerText()}`);
    }),
  ]);
}

/** Waits for the transaction whose status line is in `scope` to be in a block. */
const included = (page, scope) =>
  until(
    page,
    scope.locator(
      '[data-testid=tx-status][data-stage=inBlock], [data-testid=tx-status][data-stage=finalized]',
    ),
  );

/**
 * Waits for the app's confirmation dialog, checks it says `words` (each a RegExp), and
 * presses `button` in it (the act's name, or 'Cancel').
 */
async function answerDialog(page, button, ...words) {
  const dialog = page.getByTestId('confirm');
  await dialog.waitFor();
  const text = await dialog.innerText();
  for (const pattern of words) assert.match(text, pattern);
  await dialog.getByRole('button', { name: button, exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
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
    const dave = keyring.addFromUri('//Dave');
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
    const consentForm = borrower.page.getByTestId('consent-form');
    await consentForm.locator('textarea[name=consentRequest]').fill(JSON.stringify(consentRequest));
    await consentForm.getByRole('button', { name: 'Read the terms' }).click();
    await until(borrower.page, consentForm.getByTestId('terms'));
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
      const text = await request.getByTestId('consent-request').innerText();
      await consentForm.locator('textarea[name=consentRequest]').fill(text);
      await consentForm.getByRole('button', { name: 'Read the terms' }).click();
      await until(borrower.page, consentForm.getByTestId('terms'));
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

// Dave's and Bob's dev identities and registered X25519 keys (docs/dev-accounts.md).
const DAVE_ID = '0x3a5757041a59d18fffef8bc8a2867a8d0b93df9b65a9215e8745bde0bd286d7e';
const DAVE_KEY = '0xce3df2061d66b6bf5bc40430c3fdb4319b34f8c09f9a4e9e2b3cdba90d44e631';
const BOB_KEY = '0x93e2351be057c6fc2840f791701080037291c172bd437a4b66a62d61bfefd852';
/** Bob's and Dave's X25519 secret keys (docs/dev-accounts.md: public knowledge, for the test chains). */
const BOB_SECRET = '0xf6ea654835a4cbedf57485a5acb2248da1cbfc515420199482c5fddec94717fc';
const DAVE_SECRET = '0xe38916ba0316873e68a6363cb33e963d90a11e22ffe2dd14b1d133564215bcba';

/**
 * Waits until `check` (of the chain) holds, failing at once with the app's own words if a
 * transaction failed or the page showed an error meanwhile: for acts after which the app
 * draws its section anew, status line and all.
 */
async function untilOnChain(page, check, timeout = 120_000) {
  const failed = page
    .locator('[data-testid=tx-status][data-stage=failed], [role=alert].error')
    .first();
  for (const end = Date.now() + timeout; Date.now() < end;) {
    if (await failed.count()) throw new Error(`the page says: ${await failed.innerText()}`);
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the chain did not change as the page said it would');
}

/** Imports the X25519 key `secret` from a key file, as its holder keeps it; checks `publicKey`. */
async function importKeyFile(page, secret, publicKey) {
  const keyFile = join(mkdtempSync(join(tmpdir(), 'loanchain-key-')), 'x25519.key');
  writeFileSync(keyFile, `${secret}\n`);
  await page.locator('input[name=keyPassword]').fill(PASSWORD);
  await page.locator('input[name=keyFile]').setInputFiles(keyFile);
  await page.getByRole('button', { name: 'Import the key file' }).click();
  assert.equal(await page.getByTestId('public-key').innerText({ timeout: 30_000 }), publicKey);
}

test("a private lender's loan, once published, names its lender as far as the chain proves it", async () => {
  const alice = keyring.addFromUri('//Alice');
  const dave = keyring.addFromUri('//Dave');
  const bob = keyring.addFromUri('//Bob');
  // Dave lends privately: a token for its first per-loan key, the terms with its signed
  // statement of who lent, Bob's consent, and a general transaction no account signs.
  const keys = Array.from({ length: 10 }, (_, n) =>
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
    const consentForm = borrower.page.getByTestId('consent-form');
    await consentForm.locator('textarea[name=consentRequest]').fill(requestJson);
    await consentForm.getByRole('button', { name: 'Read the terms' }).click();
    await until(borrower.page, consentForm.getByTestId('terms'));
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
    const requestId = storageKey.args[0].toNumber();
    await send(
      api,
      api.tx.creditIdentity.issueLenderTokens(
        requestId,
        blinded.map((b) => registrarSign(key, b.toU8a())),
      ),
      alice,
    );
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
    const consentForm = borrower.page.getByTestId('consent-form');
    await consentForm.locator('textarea[name=consentRequest]').fill(requestJson);
    await consentForm.getByRole('button', { name: 'Read the terms' }).click();
    await until(borrower.page, consentForm.getByTestId('terms'));
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
    await card.locator('select[name=outcome]').selectOption('performed');
    await card.locator('select[name=disclosure]').selectOption('public');
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
    assert.ok(concluded.disclosure.isPublic);
    assert.equal(concluded.lender.asPrivate.acts.toNumber(), 3);
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
  const context = await browser.newContext({ locale: 'en-US' });
  await injectExtension(context, api, [dave]);
  const page = await context.newPage();
  const errors = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  page.on('pageerror', (error) => errors.push(error.message));
  const useExtension = async () => {
    await visit(page, 'account', 'Your account');
    await page.getByRole('button', { name: 'Use the polkadot.js extension' }).click();
    const listed = page.locator(`ul.accounts li[data-address="${dave.address}"]`);
    await until(page, listed);
    await listed.locator('input[name=active]').check();
  };
  try {
    await page.goto(appUrl);
    await page.getByTestId('status').filter({ hasText: 'Loanchain Development' }).waitFor();
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
    await tokens
      .locator('select[name=tokenRegistrar]')
      .selectOption(`${alice.address}@${tomorrow}`);
    await tokens.getByRole('button', { name: 'Buy tokens' }).click();
    const asked = async () =>
      (await api.query.creditIdentity.tokenRequests.entries()).filter(([, request]) => {
        const { requester, epoch } = request.unwrap();
        return requester.toString() === dave.address && epoch.toNumber() === tomorrow;
      });
    await untilOnChain(page, async () => (await asked()).length > 0);
    const [[storageKey, request]] = await asked();
    await send(
      api,
      api.tx.creditIdentity.issueLenderTokens(
        storageKey.args[0].toNumber(),
        request.unwrap().blinded.map((b) => registrarSign(key, b.toU8a())),
      ),
      alice,
    );
    await tokens.getByRole('button', { name: 'Collect answered tokens' }).click();
    await until(page, section.locator('[data-testid=tokens-held][data-count="10"]'));

    // A consent request under the lending secret's first key, with Dave's statement of who
    // lends signed by the extension; Bob reads it, checked, and signs with loanctl.
    const offerForm = section.getByTestId('private-offer-form');
    await offerForm.locator('input[name=idHash]').fill(BOB_ID);
    await offerForm.locator('input[name=amount]').fill('500.00');
    await offerForm.locator('input[name=rate]').fill('0.05');
    await offerForm.locator('input[name=periodDays]').fill('30');
    await offerForm.getByRole('button', { name: 'Make a private consent request' }).click();
    const shown = section.getByTestId('private-consent-request');
    await until(page, shown);
    const requestJson = await shown.innerText();
    assert.equal(JSON.parse(requestJson).lenderKey, u8aToHex(lenderKey(0)));
    const dir = mkdtempSync(join(tmpdir(), 'loanchain-extension-lender-'));
    const requestFile = join(dir, 'request.json');
    writeFileSync(requestFile, requestJson);
    const bobKeyFile = join(dir, 'bob.key');
    writeFileSync(bobKeyFile, `${BOB_SECRET}\n`);
    const consent = loanctl(
      'consent',
      '--request',
      requestFile,
      '--suri',
      '//Bob',
      '--secret-key',
      bobKeyFile,
      '--rpc',
      node.wsUrl,
    );

    // Dave records the loan once the tokens' day has come, loanctl's output pasted whole.
    await untilEpoch(api, tomorrow);
    const before = (await api.query.system.account(dave.address)).data;
    const offer = section.getByTestId('private-offer');
    await offer.locator('textarea[name=signedConsent]').fill(consent);
    await offer.getByRole('button', { name: 'Record the loan privately' }).click();
    await untilOnChain(page, async () => (await api.query.loans.lenderKeys(lenderKey(0))).isSome);
    const loanId = (await api.query.loans.lenderKeys(lenderKey(0))).unwrap().toNumber();
    assert.ok((await api.query.loans.loans(loanId)).unwrap().lender.isPrivate);
    assert.deepEqual((await api.query.system.account(dave.address)).data.toJSON(), before.toJSON());

    // loanctl finds the loan from the lending secret's words.
    const daveKeyFile = join(dir, 'dave.key');
    writeFileSync(daveKeyFile, `${DAVE_SECRET}\n`);
    const book = JSON.parse(
      loanctl('lender-loans', '--rpc', node.wsUrl, '--suri', words, '--secret-key', daveKeyFile),
    );
    assert.deepEqual(
      book.map((l) => [l.loanId, l.index]),
      [[loanId, 0]],
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
    await until(page, section.locator(`[data-testid=private-loan][data-loan-id="${loanId}"]`));
    assert.equal(await section.getByTestId('lending-secret-words').textContent(), words);
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
