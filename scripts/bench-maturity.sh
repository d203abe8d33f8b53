#!/usr/bin/env bash
# How the chain works through a backlog of maturities: LOANS loans (default 1 000 000) that
# all mature in the same block, the block hook run block after block until every
# `FeedbackDue` is out. Prints a JSON report: the blocks it took, the prompts per block, and
# the weight the hook charges per block as a share of the block's maximum
# (tools/bench-state/src/bin/loanchain-bench-maturity.rs; docs/performance.md has the
# figures of the reference machine).
#
#   scripts/bench-maturity.sh
#   LOANS=100000 scripts/bench-maturity.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$loanchain_root"
ensure_build_tools
say "building loanchain-bench-maturity (with the node and the clients: one build)"
build_binaries
"$CARGO_TARGET_DIR/release/loanchain-bench-maturity" --loans "${LOANS:-1000000}"
