#!/usr/bin/env bash
# Loan operations vs balance transfers, on one release development node.
#
#   scripts/bench-throughput.sh                     # 8 000 propose+accept pairs, 16 000 transfers
#   BENCH_PAIRS=1000 scripts/bench-throughput.sh
#
# `loanchain-bench-state` writes a development chain spec with 2 000 funded, verified accounts
# (//bench//0…, half borrowers, half lenders). e2e/bench/throughput.mjs starts a release node
# from it and submits, in turn, the proposals, their acceptances and as many transfers as
# loan extrinsics, then the single and batched `record`s and the private lender's
# `record_private`s (general transactions with lender tokens of a key made here, counted as
# issued in the spec); it reports extrinsics per second included in blocks, and their ratios.
# Results: $CARGO_TARGET_DIR/bench/throughput.json.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$loanchain_root"
pairs="${BENCH_PAIRS:-8000}"
accounts="${BENCH_ACCOUNTS:-2000}"
out="$CARGO_TARGET_DIR/bench"
prepare_bench "$out"
token_modulus="$(node e2e/bench/token-key.mjs "$out/token-key.pem")"
"$CARGO_TARGET_DIR/release/loanchain-bench-state" --template "$out/dev-raw.json" --out "$out/throughput-spec.json" \
	--accounts "$accounts" --loans 0 --blocks-per-day 14400 \
	--token-key "$token_modulus" --lender-tokens "$((3 * pairs))" > /dev/null

say "submitting $pairs propose+accept pairs, $((2 * pairs)) transfers, $pairs records singly and batched, $pairs private records singly and $((2 * pairs)) batched"
LOANCHAIN_NODE="$(node_binary)" node e2e/bench/throughput.mjs "$out/throughput-spec.json" "$accounts" "$pairs" "$out/token-key.pem" \
	| tee "$out/throughput.json"
