// The web app (web/) in a real headless Chromium (Debian's chromium, driven by
// playwright-core) against a real dev node: looking a borrower up by ID number shows when
// they borrowed and how the details can be had, and nothing else; a mistyped number is
// refused in words; the app speaks English and Chinese. The page's screenshots are kept
// under $CARGO_TARGET_DIR/web-screenshots/, and any console error fails the test.
//
// The loans the page shows are made with @polkadot/api beforehand; the app's own pages for
// proposing and accepting are issue 16's next steps.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startNode } from './lib/node.mjs';
import { launchChromium, serveWebApp } from './lib/web.mjs';
import { UNIT, activeLoan, connect, send } from './lib/chain.mjs';

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

before(async () => {
  node = await startNode(['--dev', '--tmp'], { name: 'web' });
  let keyring;
  ({ api, keyring } = await connect(node.wsUrl));
  const bob = keyring.addFromUri('//Bob');
  const dave = keyring.addFromUri('//Dave');
  await activeLoan(api, { lender: dave, borrower: bob, terms: TERMS });
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

async function lookUp(page, kind, number) {
  await page.locator('select[name=kind]').selectOption(kind);
  await page.locator('input[name=number]').fill(number);
  await page.locator('form button[type=submit]').click();
}

test('a borrower looked up by ID number shows only when and "borrowed", and how to get the details', async () => {
  const { page, errors, context } = await openApp('en-US');
  try {
    await page.screenshot({ path: join(SCREENSHOTS, 'lookup.png'), fullPage: true });
    await lookUp(page, 'Person', '11010519491231002x');
    const summary = page.getByTestId('summary');
    await summary.locator('tbody tr').nth(1).waitFor();
    const rows = await summary.locator('tbody tr').allInnerTexts();
    assert.equal(rows.length, 2);
    assert.match(rows[0], /\tborrowed\tsealed: only the parties can read them$/);
    assert.match(rows[1], /\tborrowed\tfor sale: 3 LOAN$/);
    const text = await page.locator('main').innerText();
    assert.ok(!text.includes('12345.67') && !text.includes('Dave'), 'no terms, no lender');
    assert.match(
      text,
      /ID hash 0xaeb843a398995fc633785a2b2f972d09cfa71c9faeefa0163ace656e86da34a8/,
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'lookup-summary.png'), fullPage: true });

    // A borrower without loans, and a mistyped number: refused before any hash is made.
    await lookUp(page, 'Person', '440304199001011233');
    await page.getByTestId('summary').filter({ hasText: 'No loan on record' }).waitFor();
    await lookUp(page, 'Person', '110105194912310021');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.equal(
      await alert.innerText(),
      'The last character is "1", but the number requires "X": please check it for a typo.',
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'lookup-typo.png'), fullPage: true });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('the app speaks Chinese to a Chinese browser, and switches to English', async () => {
  const { page, errors, context } = await openApp('zh-CN');
  try {
    assert.equal(await page.locator('h1').innerText(), '查询借款人');
    await lookUp(page, 'Enterprise', '91350100M000100Y44');
    assert.equal(
      await page.getByRole('alert').innerText(),
      '最后一位是“4”，但按号码应为“3”：请检查是否输入有误。',
    );
    await lookUp(page, 'Person', '11010519491231002X');
    await page.getByTestId('summary').locator('tbody tr').nth(1).waitFor();
    assert.match(await page.getByTestId('summary').innerText(), /共 2 笔借款记录[\s\S]*借款/);
    await page.screenshot({ path: join(SCREENSHOTS, 'lookup-zh-CN.png'), fullPage: true });
    await page.getByRole('button', { name: 'English' }).click();
    assert.equal(await page.locator('h1').innerText(), 'Look up a borrower');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
