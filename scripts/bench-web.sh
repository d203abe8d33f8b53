#!/usr/bin/env bash
# The web app's performance on this machine: the size of its JavaScript (gzipped, as a
# browser downloads it) and the time a registrar's id computation takes in headless
# Chromium against a dev node (the registrars' evaluation service, SPEC §2).
#
#   scripts/bench-web.sh            # 9 computations
#   BENCH_WEB_RUNS=21 scripts/bench-web.sh
#
# Builds the release node first (a no-op when it is up to date). Results on stdout.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$loanchain_root"
ensure_debian_package chromium chromium
ensure_build_tools
say "building loanchain-node (release, with the other binaries: one build)"
build_binaries
build_web
(cd e2e && npm ci --no-audit --no-fund --loglevel=error)
LOANCHAIN_NODE="$(node_binary)" CHROMIUM="$(command -v chromium)" node e2e/bench/web.mjs "${BENCH_WEB_RUNS:-9}"
