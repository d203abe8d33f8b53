#!/usr/bin/env bash
# Runs every Loanchain test, from a fresh machine: installs what is missing, builds the
# release node, runs the Rust tests (pallets, runtime, client, benchmark tests), the web
# app's unit tests, and the end-to-end tests against real nodes started on loopback (the
# guides in README.md and docs/ and the web app in Chromium among them). Exits non-zero on
# any failure.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$loanchain_root"

fail() { say "FAILED: $*"; exit 1; }
# This script builds everything itself (the end-to-end step below sets it for the guides).
unset LOANCHAIN_SKIP_BUILD

ensure_build_tools
ensure_debian_package node nodejs
ensure_debian_package npm npm
# The guides' shell commands (e2e/docs.test.mjs) use curl and jq, as their readers do.
ensure_debian_package curl curl
ensure_debian_package jq jq
# The web app's end-to-end test drives Debian's Chromium; a CJK font shows its Chinese.
ensure_debian_package chromium chromium
ensure_debian_package_installed fonts-wqy-microhei

check_formatting || fail "formatting (see above; cargo fmt --all and, in e2e/, npx prettier --write --ignore-path ../.gitignore . ../js ../web fix it)"

# From here on every cargo invocation runs clippy's lints on the workspace's crates, warnings
# as errors: the release build lints the libraries and binaries, the test builds the tests.
lint_while_building || fail "clippy"

say "building loanchain-node, loanctl and the tools (release; one build for all of them, with clippy's lints)"
build_binaries || fail "the node, loanctl, loanchain-bench-state or loanchain-try-runtime does not build, or clippy found something (above)"

say "the web app: unit tests (sealing vectors, ID numbers), type check and bundle"
(cd web && npm ci --no-audit --no-fund --loglevel=error && npm test --silent) || fail "web app unit tests"
build_web || fail "the web app does not build"

say "the runtime one spec_version up, for the end-to-end upgrade test"
scripts/build-upgrade-runtime.sh >/dev/null || fail "the upgrade test's runtime does not build"

# The end-to-end tests wait on six-second blocks most of the time (they keep the two cores
# about 45 % busy); the Rust tests, mostly compiling, fill the rest meanwhile, at the lowest
# priority so that the nodes under test never wait for them (docs/build.md). Their output
# follows the end-to-end tests'. The guides' scripts/build.sh, scripts/dev-node.sh and
# scripts/try-runtime.sh use the binaries built above (LOANCHAIN_SKIP_BUILD=1): their cargo
# would wait for the tests' hold on the target directory, minutes on a fresh machine. Only
# e2e/dev-node.test.mjs runs the README's scripts/dev-node.sh with its build, after them.
rust_log="$(mktemp)"
trap 'rm -f "$rust_log"' EXIT
(
	# The feature set of the build above (build_binaries: every binary in one invocation), so
	# the tests compile only their harnesses and dev-dependencies. loanchain-weights
	# (frame-benchmarking-cli) is only built by scripts/bench-weights.sh,
	# loanchain-runtime-wasm (the wasm builder) only by scripts/runtime-hash.sh.
	say "Rust tests: pallets, runtime, node, client, the tools (their test code linted as they build)"
	nice -n 19 cargo test --locked --release --workspace --no-fail-fast \
		--exclude loanchain-weights --exclude loanchain-runtime-wasm ||
		{ say "FAILED: cargo test --workspace"; exit 1; }
	say "benchmarks, run as tests (runtime-benchmarks)"
	nice -n 19 cargo test --locked --release -p pallet-credit-identity -p pallet-loans \
		-p pallet-validator-set -p pallet-upgrade-delay --features runtime-benchmarks ||
		{ say "FAILED: benchmark tests"; exit 1; }
) >"$rust_log" 2>&1 &
rust_tests=$!

say "end-to-end tests against real nodes (@polkadot/api from npm, versions locked), the Rust tests beside them"
e2e_passed=true
mapfile -t e2e_now < <(e2e_files e2e/dev-node.test.mjs)
LOANCHAIN_SKIP_BUILD=1 run_e2e "${e2e_now[@]}" || e2e_passed=false
rust_passed=true
wait "$rust_tests" || rust_passed=false
say "the Rust tests' and the benchmark tests' output:"
cat "$rust_log"
$rust_passed || fail "Rust tests (above)"
say "the README's scripts/dev-node.sh, end to end"
run_e2e e2e/dev-node.test.mjs || e2e_passed=false
$e2e_passed || fail "end-to-end tests"

say "all tests passed"
