// scripts/bench-web.sh: the bundle's gzipped size, the time to interactive of a first visit,
// and a registrar's id computation in headless Chromium against a dev node, from the click
// on "Compute the id" to the id on the page (median of N runs): the number checked and blinded in the browser, the request signed
// by the registrar's account, the node's evaluation and DLEQ proof, the proof checked against
// the public share read from the chain, the id computed.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { connect, personId, send } from '../lib/chain.mjs';
import { startNode } from '../lib/node.mjs';
import { epochNow, issueTokens, registrarKey } from '../lib/tokens.mjs';
import { createAccount, launchChromium, serveWebApp, visit } from '../lib/web.mjs';

const runs = Number(process.argv[2] ?? 9);
// Bob's id on the test chains (runtime/src/genesis.rs): a private lender's borrower.
const BOB_ID = '0xcc63b3e5b34a857e13f659fad55643a30305079fa1029b8157d1fbf5cd6dba0c';
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

  // A private lender's work in the browser (Dave, docs/web.md "Lending privately"): a bundle
  // of 100 tokens blinded (from the click on *Buy tokens* to the transaction's status line:
  // 100 per-loan keys derived, checked unused on chain, their messages blinded), the
  // registrar's answer finalized (from the click on *Collect answered tokens* to "Tokens
  // ready: 100": every token unblinded and checked under the key), and each loan's own work
  // (from the click on *Make a private consent request* to the request shown: the lender's
  // statement signed, the terms sealed, the per-loan key derived).
  const { api, keyring } = await connect(node.wsUrl);
  const lender = await browser.newPage();
  await lender.goto(`${server.url}?node=${encodeURIComponent(node.wsUrl)}`);
  await lender.getByTestId('status').filter({ hasText: 'Loanchain Development' }).waitFor();
  await createAccount(lender, 'Dave', { secret: '//Dave', password: 'bench password' });
  const keyFile = join(mkdtempSync(join(tmpdir(), 'loanchain-bench-')), 'dave.key');
  // Dave's X25519 secret key on the test chains (docs/dev-accounts.md).
  writeFileSync(keyFile, '0xe38916ba0316873e68a6363cb33e963d90a11e22ffe2dd14b1d133564215bcba\n');
  await lender.locator('input[name=keyPassword]').fill('bench password');
  await lender.locator('input[name=keyFile]').setInputFiles(keyFile);
  await lender.getByRole('button', { name: 'Import the key file' }).click();
  await lender.getByTestId('public-key').waitFor();
  const key = await registrarKey();
  const epoch = (await epochNow(api)).epoch + 1;
  const alice = keyring.addFromUri('//Alice');
  await send(api, api.tx.creditIdentity.setTokenKey(epoch, key.modulus), alice);
  await visit(lender, 'loans', 'Loans');
  const section = lender.getByTestId('private-lender');
  const form = section.getByTestId('token-form');
  await form.locator('[data-testid=tokens-held]').waitFor();
  await form.locator('select[name=tokenRegistrar]').selectOption(`${alice.address}@${epoch}`);
  await form.locator('select[name=tokenCount]').selectOption('100');
  let start = Date.now();
  await form.getByRole('button', { name: 'Buy tokens' }).click();
  await form.getByTestId('tx-status').waitFor();
  const blinding = Date.now() - start;
  let request;
  while (!request) {
    const open = await api.query.creditIdentity.tokenRequests.entries();
    request = open.find(([, r]) => r.unwrap().registrar.toString() === alice.address);
    if (!request) await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const [storageKey, asked] = request;
  await issueTokens(api, alice, key, storageKey.args[0].toNumber(), asked.unwrap().blinded);

  start = Date.now();
  await section.getByRole('button', { name: 'Collect answered tokens' }).click();
  await section
    .locator('[data-testid=tokens-held][data-count="100"]')
    .waitFor({ timeout: 120_000 });
  const finalizing = Date.now() - start;
  console.log(
    `a private lender's bundle of 100 tokens in headless Chromium: blinded in ${blinding} ms, ` +
      `finalized and checked in ${finalizing} ms`,
  );
  const offers = [];
  for (let i = 0; i < runs; i++) {
    const offerForm = section.getByTestId('private-offer-form');
    await offerForm.locator('input[name=idHash]').fill(BOB_ID);
    await offerForm.locator('input[name=amount]').fill(`${100 + i}.00`);
    await offerForm.locator('input[name=rate]').fill('0.08');
    start = Date.now();
    await offerForm.getByRole('button', { name: 'Make a private consent request' }).click();
    await section.getByTestId('private-offer').nth(i).waitFor();
    offers.push(Date.now() - start);
  }
  console.log(
    `a private lender's own work per loan in headless Chromium (statement signed, terms ` +
      `sealed, per-loan key derived), ${runs} runs: ${median(offers)}`,
  );
  await api.disconnect();
} finally {
  await browser.close();
  server.stop();
  await node.stop();
}
