#!/usr/bin/env bash
# The web app's performance on this machine: the size of its JavaScript (gzipped, as a
# browser downloads it) and the time the look-up's Argon2id takes in headless Chromium.
#
#   scripts/bench-web.sh            # 9 look-ups
#   BENCH_WEB_RUNS=21 scripts/bench-web.sh
#
# No node is needed: the ID hash is computed before the node is asked. Results on stdout.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$loanchain_root"
ensure_debian_package chromium chromium
build_web
(cd e2e && npm ci --no-audit --no-fund --loglevel=error)
CHROMIUM="$(command -v chromium)" node e2e/bench/web.mjs "${BENCH_WEB_RUNS:-9}"
