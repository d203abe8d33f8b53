// The web app (web/, built into web/dist) served by `vite preview`, as scripts/dev-node.sh
// serves it, and Debian's Chromium to open it.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { freePort } from './node.mjs';

const WEB = resolve(import.meta.dirname, '../../web');

/** Serves web/dist on a free port: { url, stop }. */
export async function serveWebApp() {
  const port = await freePort();
  const child = spawn(
    join(WEB, 'node_modules/.bin/vite'),
    ['preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'],
    { cwd: WEB, stdio: 'ignore' },
  );
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    const up = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { url, stop: () => child.kill() };
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error('vite preview did not serve web/dist (is the app built? npm run build in web/)');
}

/** Headless Chromium: $CHROMIUM, or Debian's. */
export const launchChromium = () =>
  chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox'],
  });

/** Goes to one of the app's pages (#/name) and waits for its heading. */
export async function visit(page, name, heading) {
  await page.locator(`nav a[data-page=${name}]`).click();
  await page.locator('h1', { hasText: heading }).waitFor();
}

/**
 * Types back the words of the generated mnemonic the app asks for, as a person reads them
 * from the paper they wrote them on; `wrong` types a wrong one first. The words.
 */
export async function backUpWords(page) {
  const words = (await page.locator('textarea[name=mnemonic]').inputValue()).split(' ');
  const asked = page.getByTestId('backup').locator('input[name=backupWord]');
  for (const box of await asked.all())
    await box.fill(words[Number(await box.getAttribute('data-position')) - 1]);
  return words;
}

/**
 * Creates an account in the app: from `secret` (a mnemonic or a dev URI) or a new mnemonic,
 * which also gets a new X25519 key (the dev URIs' keys derive from the URI). Its address.
 */
export async function createAccount(page, name, { secret, password }) {
  await visit(page, 'account', 'Your account');
  if (secret) await page.locator('textarea[name=mnemonic]').fill(secret);
  else {
    await page.getByRole('button', { name: 'Generate a new mnemonic' }).click();
    await backUpWords(page);
  }
  await page.locator('input[name=name]').fill(name);
  await page.locator('input[name=password]').fill(password);
  await page.getByRole('button', { name: 'Add the account' }).click();
  const active = page.locator('ul.accounts li.active', { hasText: name });
  await active.waitFor();
  const address = await active.getAttribute('data-address');
  if (!secret) {
    await page.locator('input[name=keyPassword]').fill(password);
    await page.getByRole('button', { name: 'Generate a new key' }).click();
    await page.getByTestId('public-key').waitFor();
  }
  return address;
}
