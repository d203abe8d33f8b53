#!/usr/bin/env bash
# The measurements behind the private lender's design (docs/privacy.md, "How the lender stays
# private"): for a ring VRF proof over Bandersnatch (ark-vrf) and an RFC 9474 blind RSA
# signature, what verifying one costs natively (about what a runtime pays with host
# functions for BLS12-381) and as WebAssembly in V8 (what a runtime pays without them), what
# proving costs natively and in Chromium, and how many bytes a proof is.
#
#   scripts/bench-lender-privacy.sh                    # rings of 1 024 and 16 384; proofs in
#                                                      # Chromium for 1 024
#   BENCH_RING_SIZES=1024 BENCH_PROVE_SIZES=1024,16384 scripts/bench-lender-privacy.sh
#
# tools/lender-privacy-bench is its own cargo workspace (the chain's build never compiles it),
# built natively and for wasm32-unknown-unknown under $CARGO_TARGET_DIR/lender-privacy.
# Results on stdout.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$loanchain_root"
ensure_rust
ensure_debian_package node nodejs
ensure_debian_package chromium chromium
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
	say "adding the rustup target wasm32-unknown-unknown (the benchmark's WebAssembly)"
	rustup target add wasm32-unknown-unknown
fi
crate="$loanchain_root/tools/lender-privacy-bench"
target="$CARGO_TARGET_DIR/lender-privacy"
out="$target/cases"
say "building the benchmark natively and as WebAssembly"
# The workspace's lints and path remapping are not this tool's: plain cargo.
unset RUSTC_WORKSPACE_WRAPPER CLIPPY_ARGS
(cd "$crate" && cargo build --locked --release --features native --target-dir "$target")
(cd "$crate" && cargo build --locked --release --lib --target wasm32-unknown-unknown --target-dir "$target")
say "native: proofs, verifications, RFC 9474 vectors"
# shellcheck disable=SC2086
"$target/release/lender-privacy-bench" "$out" ${BENCH_RING_SIZES:-1024 16384}
(cd e2e && npm ci --no-audit --no-fund --loglevel=error)
say "WebAssembly: verifications in Node.js and Chromium, proofs in both"
CHROMIUM="$(command -v chromium)" node e2e/bench/lender-privacy.mjs \
	"$target/wasm32-unknown-unknown/release/loanchain_lender_privacy_bench.wasm" "$out" \
	"${BENCH_PROVE_SIZES:-1024}"
