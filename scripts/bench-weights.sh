#!/usr/bin/env bash
# Regenerates every weight the runtime uses from the FRAME benchmarks, run in the runtime
# wasm (built with `runtime-benchmarks`) by `loanchain-weights` (tools/weights:
# frame-benchmarking-cli's `benchmark pallet`), on this machine:
#   - our pallets: pallets/identity/src/weights.rs, pallets/loans/src/weights.rs
#     (scripts/frame-weight-template.hbs: the WeightInfo trait, SubstrateWeight and `()`);
#   - the SDK pallets the runtime uses: runtime/src/weights/<pallet>.rs (the CLI's own
#     template: an impl of the pallet's WeightInfo);
#   - `overhead`: the base weights of a block and of an extrinsic (`benchmark overhead`) →
#     runtime/src/weights/block_weights.rs and extrinsic_weights.rs.
# Measuring them all on one machine keeps them comparable: a transfer and a loan are
# priced by the same hardware.
#
#   scripts/bench-weights.sh                 # everything, 50 steps × 20 repeats
#   STEPS=10 REPEAT=5 scripts/bench-weights.sh pallet_loans
#   scripts/bench-weights.sh overhead
#
# Run it on the reference machine (docs/performance.md says which), then rebuild the node.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$loanchain_root"
ensure_build_tools

steps="${STEPS:-50}"
repeat="${REPEAT:-20}"
pallets=("$@")
[ ${#pallets[@]} -gt 0 ] || pallets=(
	pallet_credit_identity pallet_loans pallet_validator_set pallet_upgrade_delay
	frame_system frame_system_extensions pallet_balances pallet_timestamp
	pallet_transaction_payment pallet_collective pallet_membership pallet_utility overhead
)

say "building the runtime wasm with runtime-benchmarks"
# Built here, with the benchmarks in it, by loanchain-runtime-wasm (the node embeds only the
# reproducible wasm of scripts/runtime-hash.sh).
unset LOANCHAIN_RUNTIME_WASM
cargo build --locked --release -p loanchain-runtime-wasm --features runtime-benchmarks
wasm_dir="$CARGO_TARGET_DIR/release/wbuild/loanchain-runtime"
bench_wasm="$CARGO_TARGET_DIR/loanchain-runtime-benchmarks.compact.compressed.wasm"
cp "$wasm_dir/loanchain_runtime.compact.compressed.wasm" "$bench_wasm"

say "building loanchain-weights (tools/weights)"
# SKIP_WASM_BUILD: frame-benchmarking-cli carries a test runtime only `benchmark storage` uses.
SKIP_WASM_BUILD=1 cargo build --locked --release -p loanchain-weights
weights_bin="$CARGO_TARGET_DIR/release/loanchain-weights"

for pallet in "${pallets[@]}"; do
	if [ "$pallet" = overhead ]; then
		say "benchmarking the block and extrinsic overhead → runtime/src/weights/"
		"$weights_bin" overhead \
			--runtime "$bench_wasm" \
			--genesis-builder runtime \
			--genesis-builder-preset development \
			--wasm-execution compiled \
			--weight-path runtime/src/weights/
		continue
	fi
	template=(--template scripts/frame-weight-template.hbs)
	case "$pallet" in
		pallet_credit_identity) out=pallets/identity/src/weights.rs ;;
		pallet_loans) out=pallets/loans/src/weights.rs ;;
		pallet_validator_set) out=pallets/validator-set/src/weights.rs ;;
		pallet_upgrade_delay) out=pallets/upgrades/src/weights.rs ;;
		frame_system | frame_system_extensions | pallet_balances | pallet_timestamp | \
			pallet_transaction_payment | pallet_collective | pallet_membership | pallet_utility)
			out="runtime/src/weights/$pallet.rs"
			template=() ;;
		*) say "unknown pallet $pallet (see runtime/src/benchmarks.rs)"; exit 1 ;;
	esac
	say "benchmarking $pallet ($steps steps × $repeat repeats) → $out"
	"$weights_bin" pallet \
		--runtime "$bench_wasm" \
		--genesis-builder-preset development \
		--pallet "$pallet" --extrinsic '*' \
		--steps "$steps" --repeat "$repeat" \
		--wasm-execution compiled \
		--heap-pages 4096 \
		"${template[@]}" \
		--output "$out"
done
say "done: review the diff of the weights.rs files and rebuild the node"
