// The web app (web/, built into web/dist) served by `vite preview`, as scripts/dev-node.sh
// serves it, and Debian's Chromium to open it.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { hexToU8a, u8aToHex, u8aWrapBytes } from '@polkadot/util';
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
 * from the paper they wrote them on: those of the account's mnemonic, or of the textarea
 * named `from` (a lending secret's: `lendingWords`). The words.
 */
export async function backUpWords(page, from = 'mnemonic') {
  const words = (await page.locator(`textarea[name=${from}]`).inputValue()).split(' ');
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

/**
 * Gives the pages of `context` the accounts of `pairs` through a browser extension's
 * interface, as the polkadot.js extension injects it (`window.injectedWeb3['polkadot-js']`:
 * accounts, and a signer of payloads and raw messages). Headless Chromium cannot run the
 * extension itself; what it would do is done here, in the test's process, with the pair: a
 * payload signed as the extension signs it (an `ExtrinsicPayload` of `api`'s registry, the
 * chain's), a message as `<Bytes>…</Bytes>`. The app's side — @polkadot/extension-dapp
 * finding the extension, its accounts and its signer — is the app's own code.
 */
export async function injectExtension(context, api, pairs) {
  const byAddress = new Map(pairs.map((pair) => [pair.address, pair]));
  await context.exposeFunction('loanchainExtensionSigns', (kind, request) => {
    const pair = byAddress.get(request.address);
    if (!pair) throw new Error(`the extension has no account ${request.address}`);
    if (kind === 'raw') return u8aToHex(pair.sign(u8aWrapBytes(hexToU8a(request.data))));
    const payload = api.registry.createType('ExtrinsicPayload', request, {
      version: request.version,
    });
    return payload.sign(pair).signature;
  });
  const accounts = pairs.map((pair) => ({
    address: pair.address,
    name: pair.meta.name,
    type: pair.type,
  }));
  await context.addInitScript((accounts) => {
    let id = 0;
    const signed = async (kind, request) => ({
      id: ++id,
      signature: await window.loanchainExtensionSigns(kind, request),
    });
    window.injectedWeb3 = {
      'polkadot-js': {
        version: '0.62.6',
        enable: async () => ({
          accounts: {
            get: async () => accounts,
            subscribe: (callback) => {
              callback(accounts);
              return () => undefined;
            },
          },
          metadata: { get: async () => [], provide: async () => false },
          signer: {
            signPayload: (payload) => signed('payload', payload),
            signRaw: (raw) => signed('raw', raw),
          },
        }),
      },
    };
  }, accounts);
}
