// What the web app's end-to-end files (web.test.mjs, web-private.test.mjs) share: a dev
// node, the app and Chromium started for a file, the dev accounts' ids and keys, and the
// waits that fail with the app's own words.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startNode } from './node.mjs';
import { connect } from './chain.mjs';
import { launchChromium, serveWebApp } from './web.mjs';

/** Where the pages' screenshots are kept (docs/web.md shows some). */
export const SCREENSHOTS = join(
  process.env.CARGO_TARGET_DIR ?? resolve(import.meta.dirname, '../../target'),
  'web-screenshots',
);
/** The terms of the loans the tests make with @polkadot/api. */
export const TERMS = {
  amount: '12345.67',
  currency: 'CNY',
  rate: '0.1',
  start: '2026-11-21',
  period_days: 30,
};

// The test chains' ids of Bob and Charlie (runtime/src/genesis.rs): only the registrars can
// compute them from the numbers.
export const BOB_ID = '0xcc63b3e5b34a857e13f659fad55643a30305079fa1029b8157d1fbf5cd6dba0c';
export const CHARLIE_ID = '0x1a4c4fb303f0c289e3becf7b404d893aa5c20213b3764121c62c394f716301d5';

// Dave's, Charlie's and Bob's dev identities and registered X25519 keys (docs/dev-accounts.md).
export const DAVE_ID = '0x3a5757041a59d18fffef8bc8a2867a8d0b93df9b65a9215e8745bde0bd286d7e';
export const DAVE_KEY = '0xce3df2061d66b6bf5bc40430c3fdb4319b34f8c09f9a4e9e2b3cdba90d44e631';
export const CHARLIE_KEY = '0x7d34b6e1db10171c485cf05e7e0a8251cff83b21c2b74cecb73bc58eeedb6908';
export const BOB_KEY = '0x93e2351be057c6fc2840f791701080037291c172bd437a4b66a62d61bfefd852';
/** Bob's and Dave's X25519 secret keys (docs/dev-accounts.md: public knowledge, for the test chains). */
export const BOB_SECRET = '0xf6ea654835a4cbedf57485a5acb2248da1cbfc515420199482c5fddec94717fc';
export const DAVE_SECRET = '0xe38916ba0316873e68a6363cb33e963d90a11e22ffe2dd14b1d133564215bcba';

/** The password of every account and key the tests keep in the browser. */
export const PASSWORD = 'correct horse battery';

/**
 * A dev node (`--dev`, `name` in its log folder's name), the app served for it and a
 * Chromium: what each of the web app's test files starts in its `before`.
 * { node, api, keyring, server, browser, openApp(locale, { prepare }), stop() }.
 */
export async function startWebTest(name) {
  const node = await startNode(['--dev', '--tmp'], { name });
  const { api, keyring } = await connect(node.wsUrl);
  const server = await serveWebApp();
  const appUrl = `${server.url}?node=${encodeURIComponent(node.wsUrl)}`;
  const browser = await launchChromium();
  mkdirSync(SCREENSHOTS, { recursive: true });
  /**
   * A page of the app in a fresh browser context, with console errors collected;
   * `prepare(context)` runs before the page opens (e2e/lib/web.mjs's injectExtension).
   */
  async function openApp(locale, { prepare } = {}) {
    const context = await browser.newContext({ locale });
    await prepare?.(context);
    const page = await context.newPage();
    const errors = [];
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(appUrl);
    await page.getByTestId('status').filter({ hasText: 'Loanchain Development' }).waitFor();
    return { page, errors, context };
  }
  async function stop() {
    await browser.close();
    server.stop();
    await api.disconnect();
    await node.stop();
  }
  return { node, api, keyring, server, browser, openApp, stop };
}

/** Looks the borrower `id` up on the start page. */
export async function lookUp(page, id) {
  await page.locator('input[name=idHash]').fill(id);
  await page.locator('form:has(input[name=idHash]) button[type=submit]').click();
}

/** Saves a screenshot of the page as `name`.png. */
export const shot = (page, name) =>
  page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

/**
 * Waits until `locator` shows, failing at once with the app's own words if a transaction
 * failed or the page showed an error meanwhile.
 */
export async function until(page, locator, { state = 'visible', timeout = 120_000 } = {}) {
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
export const included = (page, scope) =>
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
export async function answerDialog(page, button, ...words) {
  const dialog = page.getByTestId('confirm');
  await dialog.waitFor();
  const text = await dialog.innerText();
  for (const pattern of words) assert.match(text, pattern);
  await dialog.getByRole('button', { name: button, exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
}

/**
 * Waits until `check` (of the chain) holds, failing at once with the app's own words if a
 * transaction failed or the page showed an error meanwhile: for acts after which the app
 * draws its section anew, status line and all.
 */
export async function untilOnChain(page, check, timeout = 120_000) {
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

/**
 * What is filled in the conclusion form of a loan's card (`card`, its locator): the outcome,
 * the disclosure, the price and whether the price shows.
 */
export async function conclusionTyped(card) {
  return {
    outcome: await card.locator('select[name=outcome]').inputValue(),
    disclosure: await card.locator('select[name=disclosure]').inputValue(),
    price: await card.locator('input[name=price]').inputValue(),
    priceShown: await card.locator('input[name=price]').isVisible(),
  };
}

/** The count on the Loans tab's badge: what waits for the account there (0 when none shows). */
export async function loansBadge(page) {
  const badge = page.getByTestId('badge-loans');
  return (await badge.count()) ? Number(await badge.innerText()) : 0;
}

/** Waits until the Loans tab's badge counts `count` (the app counts again on new blocks). */
export async function untilLoansBadge(page, count) {
  await page.waitForFunction(
    (n) => Number(document.querySelector('[data-testid=badge-loans]')?.textContent ?? 0) === n,
    count,
    { timeout: 120_000 },
  );
}

/**
 * The borrower's *Sign a consent* form on the Loans page (open on `page`) with the consent
 * request `text` pasted and its terms opened; resolves to the form once they show.
 */
export async function readConsentRequest(page, text) {
  const consentForm = page.getByTestId('consent-form');
  await consentForm.locator('textarea[name=consentRequest]').fill(text);
  await consentForm.getByRole('button', { name: 'Read the terms' }).click();
  await until(page, consentForm.getByTestId('terms'));
  return consentForm;
}

/** Imports the X25519 key `secret` from a key file, as its holder keeps it; checks `publicKey`. */
export async function importKeyFile(page, secret, publicKey) {
  const keyFile = join(mkdtempSync(join(tmpdir(), 'loanchain-key-')), 'x25519.key');
  writeFileSync(keyFile, `${secret}\n`);
  await page.locator('input[name=keyPassword]').fill(PASSWORD);
  await page.locator('input[name=keyFile]').setInputFiles(keyFile);
  await page.getByRole('button', { name: 'Import the key file' }).click();
  assert.equal(await page.getByTestId('public-key').innerText({ timeout: 30_000 }), publicKey);
}
