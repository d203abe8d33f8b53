#!/usr/bin/env bash
# The database's read and write prices, measured on this machine over a populated
# ParityDB, with the SDK's `benchmark storage` (run by `loanchain-weights storage`).
#
#   scripts/bench-db-weights.sh                  # a chain holding 100 000 loans
#   BENCH_DB_LOANS=10000 scripts/bench-db-weights.sh
#
# `loanchain-bench-state` builds a development chain spec whose genesis holds the loans
# (real propose/accept calls, natively), a release node starts from it and writes its
# ParityDB, and `loanchain-weights storage` reads and writes every key of that state and
# writes runtime/src/weights/paritydb_weights.rs: the `DbWeight` every weight of the runtime
# is priced with. Writes are committed in batches of 10 000, about what a full block of
# loans writes (a write's price falls with the batch: ~8 µs in batches of 100 000). Run it
# on the reference machine, then rebuild the node.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$loanchain_root"
loans="${BENCH_DB_LOANS:-100000}"
out="$CARGO_TARGET_DIR/bench/db"
prepare_bench "$out"

say "chain with $loans loans: building its genesis"
"$CARGO_TARGET_DIR/release/loanchain-bench-state" --template "$out/dev-raw.json" --out "$out/spec.json" \
	--accounts 2000 --loans "$loans" > "$out/state.json"

say "writing its database (a release node imports a few blocks)"
base="$out/base"
rm -rf "$base"
LOANCHAIN_NODE="$(node_binary)" node e2e/bench/write-db.mjs "$out/spec.json" "$base"

say "building loanchain-weights"
SKIP_WASM_BUILD=1 cargo build --locked --release -p loanchain-weights
say "benchmark storage over $base"
"$CARGO_TARGET_DIR/release/loanchain-weights" storage --chain "$out/spec.json" --base-path "$base" \
	--database paritydb --state-version 1 --warmups 1 --batch-size 10000 --weight-path runtime/src/weights/
rm -rf "$base" "$out/spec.json"
say "wrote runtime/src/weights/paritydb_weights.rs"
