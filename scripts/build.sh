#!/usr/bin/env bash
# Builds loanchain-node and loanctl (release), with the same cargo invocations as
# scripts/test.sh and scripts/dev-node.sh, so that none of them rebuilds what another built,
# and prints where the two binaries are.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

ensure_build_tools
say "building loanchain-node (release; a first build takes about an hour on a fresh 2-core machine)"
build_node_and_bench_state
say "building loanctl (release), the command-line tool of the guides"
build_loanctl
say "loanchain-node is $(node_binary)"
say "loanctl is $(loanctl_binary)"
