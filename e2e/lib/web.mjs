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
