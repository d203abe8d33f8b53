// scripts/bench-web.sh: the bundle's gzipped size, and the look-up's Argon2id in headless
// Chromium, from the click on "Look up" to the ID hash on the page (median of N runs).
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium, serveWebApp } from '../lib/web.mjs';

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

const server = await serveWebApp();
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  // No node behind it: the page only computes hashes.
  await page.goto(`${server.url}?node=ws://127.0.0.1:1`);
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
  server.stop();
}
