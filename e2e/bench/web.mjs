// scripts/bench-web.sh: the bundle's gzipped size, the time to interactive of a first visit,
// and a registrar's id computation in headless Chromium against a dev node, from the click
// on "Compute the id" to the id on the page (median of N runs): the number checked and blinded in the browser, the request signed
// by the registrar's account, the node's evaluation and DLEQ proof, the proof checked against
// the public share read from the chain, the id computed.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { personId } from '../lib/chain.mjs';
import { startNode } from '../lib/node.mjs';
import { createAccount, launchChromium, serveWebApp, visit } from '../lib/web.mjs';

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

const node = await startNode(['--dev', '--tmp'], { name: 'bench-web' });
const server = await serveWebApp();
const browser = await launchChromium();
const median = (times) => {
  const sorted = [...times].sort((a, b) => a - b);
  return `median ${sorted[sorted.length >> 1]} ms, min ${sorted[0]} ms, max ${sorted.at(-1)} ms`;
};
try {
  // Time to interactive: from the navigation to the first page usable — its heading drawn
  // and the header saying which chain it is connected to — in a new browser context each
  // time (nothing cached), as a first visit.
  const loads = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    const fresh = await context.newPage();
    const start = Date.now();
    await fresh.goto(`${server.url}?node=${encodeURIComponent(node.wsUrl)}`);
    await fresh.locator('main h1').waitFor();
    await fresh.getByTestId('status').filter({ hasText: 'Loanchain Development' }).waitFor();
    loads.push(Date.now() - start);
    await context.close();
  }
  console.log(
    `time to interactive (a first visit: heading drawn and connected), ${runs} runs: ${median(loads)}`,
  );

  const page = await browser.newPage();
  await page.goto(`${server.url}?node=${encodeURIComponent(node.wsUrl)}`);
  await page.getByTestId('status').filter({ hasText: 'Loanchain Development' }).waitFor();
  // Alice, the dev chain's registrar (she holds the test key whole: one answer is enough).
  await createAccount(page, 'Alice', { secret: '//Alice', password: 'bench password' });
  await visit(page, 'registrar', 'Registrar');
  const kyc = page.getByTestId('kyc-form');
  await kyc.waitFor();
  const times = [];
  let previous = '';
  for (let i = 0; i < runs; i++) {
    // A different number each run.
    const body = `1101051949123${String(1000 + i)}`;
    await kyc.locator('input[name=number]').fill(personId(body));
    const start = Date.now();
    await kyc.getByRole('button', { name: 'Compute the id' }).click();
    const shown = kyc.getByTestId('kyc-id').filter({ hasNotText: previous || 'none' });
    await shown.waitFor();
    times.push(Date.now() - start);
    previous = await shown.innerText();
  }
  console.log(
    `a registrar's id computation (1 registrar, dev node) in headless Chromium, ${runs} runs: ` +
      median(times),
  );
} finally {
  await browser.close();
  server.stop();
  await node.stop();
}
