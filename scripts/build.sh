#!/usr/bin/env bash
# Builds loanchain-node, loanctl and the tools (release), with the same cargo invocation as
# scripts/test.sh and scripts/dev-node.sh, so that none of them rebuilds what another built,
# and prints where the node and loanctl are.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

ensure_build_tools
say "building loanchain-node, loanctl and the tools (release; a first build takes about half an hour on a fresh 2-core machine)"
build_binaries
say "loanchain-node is $(node_binary)"
say "loanctl is $(loanctl_binary)"
