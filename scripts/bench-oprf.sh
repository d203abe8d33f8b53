#!/usr/bin/env bash
# A registrar's id computation round trip (SPEC §2, docs/identity.md): `loanctl id-hash`
# asking three registrars' evaluation services on a `--chain local` network of four
# registrar nodes on loopback (t = 3), as KYC does: blinding, three signed requests, three
# evaluations with DLEQ proofs, each checked against the share on chain, the combination.
#
#   scripts/bench-oprf.sh                 # 21 computations
#   BENCH_OPRF_RUNS=51 scripts/bench-oprf.sh
#
# Builds the release binaries first (a no-op when they are up to date). Results on stdout.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$loanchain_root"
ensure_build_tools
ensure_debian_package node nodejs
say "building loanchain-node and loanctl (release, with the other binaries: one build)"
build_binaries
(cd e2e && npm ci --no-audit --no-fund --loglevel=error)
LOANCHAIN_NODE="$(node_binary)" LOANCTL="$(loanctl_binary)" node e2e/bench/oprf.mjs "${BENCH_OPRF_RUNS:-21}"
