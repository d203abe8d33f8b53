// scripts/bench-web.sh: the bundle's gzipped size, and the look-up's Argon2id in headless
// Chromium, from the click on "Look up" to the ID hash on the page (median of N runs).
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { freePort } from '../lib/node.mjs';

const runs = Number(process.argv[2] ?? 9);
const web = resolve(import.meta.dirname, '../../web');
const assets = join(web, 'dist/assets');
for (const file of readdirSync(assets)) {
  const bytes = readFileSync(join(assets, file));
  const kB = (n) => (n / 1000).toFixed(1);
  console.log(
    `${file}: ${kB(bytes.length)} kB, ${kB(gzipSync(bytes, { level: 9 }).length)} kB gzipped`,
  );
}

const port = await freePort();
const server = spawn(
  join(web, 'node_modules/.bin/vite'),
  ['preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'],
  { cwd: web, stdio: 'ignore' },
);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
try {
  const page = await browser.newPage();
  for (let i = 0; ; i++) {
    try {
      // No node behind it: the page only computes hashes.
      await page.goto(`http://127.0.0.1:${port}/?node=ws://127.0.0.1:1`);
      break;
    } catch (e) {
      if (i > 50) throw e;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const times = [];
  for (let i = 0; i < runs; i++) {
    await page.locator('input[name=number]').fill('11010519491231002X');
    const start = Date.now();
    await page.locator('form button[type=submit]').click();
    await page.locator('.hash').waitFor();
    times.push(Date.now() - start);
    await page.reload();
  }
  times.sort((a, b) => a - b);
  console.log(
    `Argon2id look-up in headless Chromium, ${runs} runs: median ${times[runs >> 1]} ms, ` +
      `min ${times[0]} ms, max ${times.at(-1)} ms`,
  );
} finally {
  await browser.close();
  server.kill();
}
