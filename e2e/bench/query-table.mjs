// Prints the markdown table of scripts/bench-query.sh from its result files.
//   node bench/query-table.mjs <dir> <size>...
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, ...sizes] = process.argv.slice(2);
const read = (name) => JSON.parse(readFileSync(join(dir, name), 'utf8'));
const rows = sizes.map((n) => ({
  state: read(`state-${n}.json`),
  result: read(`result-${n}.json`),
}));
const mib = (b) => (b / 2 ** 20).toFixed(1);

console.log(
  '| loans in chain | 5-loan summary p50 / p99 | 500-loan summary p50 / p99 | `system_health` p50 / p99 | node start | database on disk |',
);
console.log('| ---: | ---: | ---: | ---: | ---: | ---: |');
for (const { state, result } of rows) {
  const pair = (s) => `${s.p50_ms} / ${s.p99_ms} ms`;
  console.log(
    `| ${state.loans.toLocaleString('en')} | ${pair(result.small)} | ${pair(result.large)} | ${pair(result.floor)} ` +
      `| ${result.startup_s} s | ${mib(result.db_bytes)} MiB |`,
  );
}
const last = rows[rows.length - 1].state;
console.log();
console.log(
  `Storage per loan in effect (${last.details_plaintext_len}-byte terms, ${last.details_ciphertext_len}-byte ciphertext), chain of ${last.loans.toLocaleString('en')} loans:`,
);
console.log();
console.log('| storage item | entries | key bytes | value bytes | bytes per loan |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const item of last.storage.items) {
  console.log(
    `| ${item.item} | ${item.entries} | ${item.key_bytes} | ${item.value_bytes} | ${item.bytes_per_loan} |`,
  );
}
console.log(`| **total** | | | | **${last.storage.bytes_per_loan}** |`);
