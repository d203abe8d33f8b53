// scripts/bench-lender-privacy.sh, the WebAssembly half: the cases the native tool wrote
// (tools/lender-privacy-bench), verified by its WebAssembly build in V8 — in Node.js and in
// headless Chromium — as a runtime without host functions would verify them; and a lender's
// proof made in Chromium, as the web app would make it. Median of runs; one line each.
//
//   node e2e/bench/lender-privacy.mjs <wasm> <cases-dir> <prove sizes, comma-separated>
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../lib/web.mjs';

const [wasmPath, casesDir, proveSizes = '1024'] = process.argv.slice(2);
const wasm = readFileSync(wasmPath);
const cases = readdirSync(casesDir)
  .filter((name) => name.endsWith('.bin'))
  .sort()
  .map((name) => ({ name, bytes: [...readFileSync(join(casesDir, name))] }));

/**
 * Runs in Node.js and, as a string, in the browser: instantiates the module, verifies each
 * case `runs` times, and proves for each size; returns the lines to print.
 */
async function measure(wasmBytes, cases, proveSizes, runs) {
  let memory;
  const { instance } = await WebAssembly.instantiate(new Uint8Array(wasmBytes), {
    env: {
      now: () => performance.now(),
      fill_random: (ptr, len) => crypto.getRandomValues(new Uint8Array(memory.buffer, ptr, len)),
    },
  });
  memory = instance.exports.memory;
  const x = instance.exports;
  const lines = [];
  const median = (times) => {
    times.sort((a, b) => a - b);
    const at = (t) => t.toFixed(1);
    return `median ${at(times[times.length >> 1])} ms (min ${at(times[0])}, max ${at(times.at(-1))}, ${times.length} runs)`;
  };
  for (const { name, bytes } of cases) {
    const times = [];
    // Three runs first, untimed: the engine's optimizing tier compiles the hot functions.
    for (let i = -3; i < runs; i++) {
      const ptr = x.input(bytes.length);
      new Uint8Array(x.memory.buffer, ptr, bytes.length).set(bytes);
      const verify = name.startsWith('ring') ? x.ring_verify : x.rsa_verify;
      const start = performance.now();
      const code = verify(ptr, bytes.length);
      if (i >= 0) times.push(performance.now() - start);
      if (code !== 0) throw new Error(`${name}: verification returned ${code}`);
    }
    lines.push(`${name.replace('.bin', '')}: verification ${median(times)}`);
  }
  for (const size of proveSizes) {
    const ptr = x.ring_prove_timed(size);
    const [setup, key, prove, bytes, verified] = new Float64Array(x.memory.buffer, ptr, 5);
    if (verified !== 0) throw new Error(`ring ${size}: the proof made here does not verify`);
    lines.push(
      `ring ${size}: setup ${setup.toFixed(0)} ms, prover key ${key.toFixed(0)} ms, ` +
        `proof ${prove.toFixed(0)} ms (${bytes} bytes), verified here`,
    );
  }
  return lines;
}

const sizes = proveSizes.split(',').filter(Boolean).map(Number);
for (const line of await measure([...wasm], cases, sizes, 7))
  console.log(`wasm in Node.js (V8), ${line}`);

const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.goto('about:blank');
  const lines = await page.evaluate(
    async ([source, wasmBytes, cases, sizes]) => {
      const measure = new Function(`return (${source})`)();
      return measure(wasmBytes, cases, sizes, 7);
    },
    [measure.toString(), [...wasm], cases, sizes],
  );
  for (const line of lines) console.log(`wasm in Chromium, ${line}`);
} finally {
  await browser.close();
}
