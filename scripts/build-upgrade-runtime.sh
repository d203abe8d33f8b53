#!/usr/bin/env bash
# For the end-to-end upgrade test: builds this runtime one `spec_version` up (the runtime's
# `upgrade-test` feature) and prints the path of its wasm. Never a release.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$loanchain_root"
ensure_build_tools

out="$CARGO_TARGET_DIR/upgrade-test-runtime"
# Both this build and the node's write the runtime's wasm project under $wbuild, and the
# node's runtime build watches the wasm files there: put the node's back afterwards, with
# their times, so that neither build takes the other's output for a change and rebuilds.
wbuild="$CARGO_TARGET_DIR/release/wbuild/loanchain-runtime"
kept="$(mktemp -d)"
cp -p "$wbuild"/*.wasm "$kept"/ 2>/dev/null || true
trap 'cp -p "$kept"/*.wasm "$wbuild"/ 2>/dev/null || true; rm -rf "$kept"' EXIT
say "building the runtime with spec_version + 1 (feature upgrade-test) → $out"
# The wasm builder copies the wasm to WASM_TARGET_DIRECTORY whenever it builds it; a build
# that is up to date leaves the earlier copy in place, unless that copy is gone.
wasm="$out/loanchain_runtime.wasm"
[ -f "$wasm" ] || export FORCE_WASM_BUILD="$(date +%s)"
WASM_TARGET_DIRECTORY="$out" cargo build --locked --release -p loanchain-runtime \
	--features upgrade-test >&2
[ -f "$wasm" ] || { say "no wasm at $wasm"; exit 1; }
echo "$wasm"
