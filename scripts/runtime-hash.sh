#!/usr/bin/env bash
# Builds the runtime wasm exactly as the node embeds it and prints its blake2-256 hash: the
# code hash the institutions announce with `upgrades.authorizeUpgrade`. Build the tagged
# source of a proposed upgrade and compare (docs/governance.md).
#
# Prints three lines: `wasm <path>`, `code_hash 0x…`, `rustc <version>`.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$loanchain_root"
ensure_build_tools

say "building the runtime as the node embeds it (release, metadata-hash)"
# The same cargo invocation as the tests', so a built tree is reused as it is.
build_node_and_bench_state >&2
wasm="$CARGO_TARGET_DIR/release/wbuild/loanchain-runtime/loanchain_runtime.compact.compressed.wasm"
[ -f "$wasm" ] || { say "no runtime wasm at $wasm"; exit 1; }
echo "wasm $wasm"
echo "code_hash 0x$(b2sum -l 256 "$wasm" | cut -d' ' -f1)"
echo "rustc $(rustc --version)"
