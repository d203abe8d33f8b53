#!/usr/bin/env bash
# How `loans_borrowerSummary` scales with the size of the chain.
#
#   scripts/bench-query.sh                          # 1 000, 10 000 and 100 000 loans
#   BENCH_QUERY_SIZES="1000 10000" BENCH_QUERY_CALLS=500 scripts/bench-query.sh
#
# For each size, `loanchain-bench-state` builds a development chain spec whose genesis holds
# that many loans in effect (made by the real propose/accept calls, natively; see
# tools/bench-state), spread over 1 000 borrowers of 1 000 lenders: borrower //bench//0 has
# 5 loans, //bench//1 has 500, the rest share the others. A release node starts from it and
# e2e/bench/query.mjs times the summary of both borrowers (p50/p99 over many calls).
# Results: $CARGO_TARGET_DIR/bench/query/ and a table on stdout.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$loanchain_root"
sizes=(${BENCH_QUERY_SIZES:-1000 10000 100000})
calls="${BENCH_QUERY_CALLS:-1000}"
out="$CARGO_TARGET_DIR/bench/query"
prepare_bench "$out"

for n in "${sizes[@]}"; do
	say "chain with $n loans: building its genesis"
	"$CARGO_TARGET_DIR/release/loanchain-bench-state" --template "$out/dev-raw.json" --out "$out/spec-$n.json" \
		--accounts 2000 --loans "$n" --small 5 --large 500 > "$out/state-$n.json"
	say "chain with $n loans: timing $calls summaries per borrower"
	LOANCHAIN_NODE="$(node_binary)" node e2e/bench/query.mjs "$out/spec-$n.json" "$out/state-$n.json" "$calls" \
		> "$out/result-$n.json"
	rm -f "$out/spec-$n.json"
done

node e2e/bench/query-table.mjs "$out" "${sizes[@]}" | tee "$out/table.md"
