#!/usr/bin/env bash
# Checks, before a runtime upgrade, that the runtime in this source tree can take over a
# running chain: reads the chain's state from a node and runs this runtime's migrations,
# storage-version checks and every pallet's try_state invariants over a copy of it
# (loanchain-try-runtime; nothing is written to the chain). See docs/operations.md.
#
#   scripts/try-runtime.sh                               # the node at ws://127.0.0.1:9944
#   scripts/try-runtime.sh --rpc ws://10.0.0.5:9944 --at 0x…
#   scripts/try-runtime.sh --checks try-state           # invariants only
#
# Exits 0 when every check passed, 1 when one failed, 2 when the node could not be read.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

ensure_build_tools
say "building loanchain-try-runtime (release; with the node and loanctl: one build)"
build_binaries
exec "$(try_runtime_binary)" "$@"
