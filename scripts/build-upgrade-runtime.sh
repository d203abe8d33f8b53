#!/usr/bin/env bash
# For the end-to-end upgrade test: builds this runtime one `spec_version` up (the runtime's
# `upgrade-test` feature), reproducibly as scripts/runtime-hash.sh builds every runtime, and
# prints the path of its wasm. Never a release.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
say() { printf '\033[1m[loanchain]\033[0m %s\n' "$*" >&2; }
say "building the runtime with spec_version + 1 (feature upgrade-test)"
scripts/runtime-hash.sh --features upgrade-test | sed -n 's/^wasm //p'
