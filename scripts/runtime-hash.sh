#!/usr/bin/env bash
# Builds the node from this source tree and prints the blake2-256 hash of the runtime wasm
# it embeds: the code hash the institutions announce with `upgrades.authorizeUpgrade`.
# Build the tagged source of a proposed upgrade and compare (docs/governance.md).
#
# Prints three lines: `wasm <path>` (the code, to submit with `upgrades.applyUpgrade`),
# `code_hash 0x…` and `rustc <version>`. To compare with another build, use the same rustc
# and the same checkout path (docs/governance.md).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$loanchain_root"
ensure_build_tools
ensure_debian_package node nodejs

say "building the node (release) as the tests do"
# The same cargo invocation as the tests', so a built tree is reused as it is.
build_node_and_bench_state >&2
wasm="$CARGO_TARGET_DIR/loanchain-runtime.compact.compressed.wasm"
# The code is what the node puts in a new chain's genesis (`:code`), exactly the wasm
# it was built with.
"$(node_binary)" export-chain-spec --chain dev --raw 2>/dev/null | node -e '
	const spec = JSON.parse(require("fs").readFileSync(0, "utf8"));
	const code = spec.genesis.raw.top["0x3a636f6465"];
	require("fs").writeFileSync(process.argv[1], Buffer.from(code.slice(2), "hex"));
' "$wasm"
echo "wasm $wasm"
echo "code_hash 0x$(b2sum -l 256 "$wasm" | cut -d' ' -f1)"
echo "rustc $(rustc --version)"
