#!/usr/bin/env bash
# Installs what building and testing Loanchain needs, when it is missing. Sourced by the
# other scripts; safe to run again (every step checks before it installs).
set -euo pipefail

loanchain_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$loanchain_root/target}"
# The runtime's wasm is built in a nested cargo project under the target directory; this
# tells it where the workspace (and its Cargo.lock) is when the target directory is
# elsewhere, so the wasm build uses the locked versions too.
export WASM_BUILD_WORKSPACE_HINT="$loanchain_root"
# Where the source, the crates and the build happen to be on this machine should not enter
# a wasm built here (panic locations carry file paths). The scripts' node embeds the
# reproducible build of scripts/runtime-hash.sh instead, which builds at one fixed path.
export WASM_BUILD_RUSTFLAGS="--remap-path-prefix=$loanchain_root=/loanchain --remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}=/cargo --remap-path-prefix=$CARGO_TARGET_DIR=/target"

# Each line says how long the script has been running (minutes:seconds), so that a log of
# scripts/test.sh is also the per-step timing that docs/build.md records.
say() { printf '\033[1m[loanchain %d:%02d]\033[0m %s\n' $((SECONDS / 60)) $((SECONDS % 60)) "$*" >&2; }

as_root() {
	if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_rust() {
	command -v cargo >/dev/null || { say "cargo not found: install Rust with rustup first (https://rustup.rs)"; exit 1; }
	if ! rustup target list --installed | grep -qx wasm32v1-none; then
		say "adding the rustup target wasm32v1-none (the runtime is built for it)"
		rustup target add wasm32v1-none
	fi
	local component
	for component in rust-src clippy rustfmt; do
		if ! rustup component list --installed | grep -q "^$component"; then
			say "adding the rustup component $component"
			rustup component add "$component"
		fi
	done
}

apt_updated=""
install_debian_package() { # install_debian_package <package>
	command -v apt-get >/dev/null || { say "apt-get is not available: install $1"; exit 1; }
	if [ -z "$apt_updated" ]; then as_root apt-get update -qq; apt_updated=1; fi
	say "installing $1"
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null
}

ensure_debian_package() { # ensure_debian_package <command> <package>
	command -v "$1" >/dev/null || install_debian_package "$2"
}

# For a package without a command of its own (a font).
ensure_debian_package_installed() { # ensure_debian_package_installed <package>
	dpkg -s "$1" >/dev/null 2>&1 || install_debian_package "$1"
}

ensure_build_tools() {
	ensure_rust
	# The networking stack (litep2p) compiles protobuf definitions at build time.
	ensure_debian_package protoc protobuf-compiler
	ensure_debian_package cc build-essential
}

node_binary() {
	echo "$CARGO_TARGET_DIR/release/loanchain-node"
}

# The runtime wasm the node embeds: the reproducible build of scripts/runtime-hash.sh, so a
# node built by these scripts runs exactly the code whose hash anyone can rebuild and
# compare (docs/governance.md). Exported for every later cargo invocation of the script
# that sources this file (runtime/build.rs embeds it instead of building its own wasm), so
# that the tests' builds reuse the node's.
use_reproducible_runtime() {
	LOANCHAIN_RUNTIME_WASM="$("$loanchain_root/scripts/runtime-hash.sh" | sed -n 's/^wasm //p')"
	[ -n "$LOANCHAIN_RUNTIME_WASM" ] || return 1
	export LOANCHAIN_RUNTIME_WASM
}

# Every binary the scripts run — the node, loanchain-bench-state, loanctl and
# loanchain-try-runtime — in one cargo invocation, so that their dependencies are compiled
# once, with one feature set (the union: the runtime natively with `try-runtime` as well,
# jsonrpsee's WebSocket client beside its server), and every later invocation of the
# scripts (the tests, the benchmarks, dev-node.sh after test.sh and the other way round)
# reuses them. The node executes only the reproducible wasm it embeds, never the runtime's
# native code, so the extra features change nothing it runs; and no wasm is built here, so
# a try-runtime wasm is never written anywhere (docs/build.md).
#
# LOANCHAIN_SKIP_BUILD=1 uses the binaries already in $CARGO_TARGET_DIR instead (cargo would
# find them fresh, but first waits for any other cargo holding the target directory):
# scripts/test.sh sets it for the end-to-end tests, whose guides run scripts/build.sh,
# scripts/dev-node.sh and scripts/try-runtime.sh while its Rust tests compile.
build_binaries() {
	if [ "${LOANCHAIN_SKIP_BUILD:-}" = 1 ]; then
		local binary
		for binary in "$(node_binary)" "$(loanctl_binary)" "$(try_runtime_binary)"; do
			[ -x "$binary" ] || { say "LOANCHAIN_SKIP_BUILD=1, but $binary is not built"; return 1; }
		done
		say "the binaries in $CARGO_TARGET_DIR/release, as built (LOANCHAIN_SKIP_BUILD=1)"
		return 0
	fi
	use_reproducible_runtime || return 1
	(cd "$loanchain_root" && cargo build --locked --release -p loanchain-node -p loanchain-bench-state \
		-p loanchain-client -p loanchain-try-runtime)
}

loanctl_binary() {
	echo "$CARGO_TARGET_DIR/release/loanctl"
}

try_runtime_binary() {
	echo "$CARGO_TARGET_DIR/release/loanchain-try-runtime"
}

# The formatting of the Rust (polkadot-sdk's rustfmt.toml) and of the JavaScript (prettier).
check_formatting() {
	say "cargo fmt --check (rustfmt.toml: polkadot-sdk's settings)"
	(cd "$loanchain_root" && cargo fmt --all --check) || return 1
	say "prettier --check (e2e/, js/, web/)"
	(cd "$loanchain_root/e2e" && npm ci --no-audit --no-fund --loglevel=error &&
		npx --no-install prettier --check --ignore-path ../.gitignore . ../js ../web) || return 1
}

# Clippy's lints, warnings as errors, on every crate of the workspace and every target the
# later cargo invocations of the calling script compile: what `cargo clippy -- -D warnings`
# does, but inside the release build and the test build themselves. `cargo clippy` is
# `cargo check` with clippy-driver wrapping rustc for the workspace's crates; a separate
# `cargo check` of every dependency would cost as much again as compiling them (25 minutes
# on a fresh 2-core machine), while clippy-driver compiles as rustc does, with the lints on
# top, so the dependencies are compiled once, for the build. Exported for every later cargo
# invocation of the script that sources this file.
lint_while_building() {
	local driver
	driver="$(rustc --print sysroot)/bin/clippy-driver"
	[ -x "$driver" ] || { say "clippy-driver is missing: rustup component add clippy"; return 1; }
	export RUSTC_WORKSPACE_WRAPPER="$driver"
	export CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__"
}

# Every end-to-end file, the longest first (so that the five lanes end together), except
# those named as arguments.
e2e_files() {
	local longest_first=(e2e/governance-network.test.mjs e2e/web.test.mjs e2e/docs.test.mjs
		e2e/flows.test.mjs e2e/validators-network.test.mjs e2e/web-private.test.mjs
		e2e/deadlines.test.mjs e2e/observer.test.mjs
		e2e/network.test.mjs e2e/lender-tokens.test.mjs e2e/private-lender.test.mjs e2e/record.test.mjs
		e2e/privacy.test.mjs)
	local file
	for file in "${longest_first[@]}" e2e/*.test.mjs; do
		[[ " $* " == *" $file "* ]] || printf '%s\n' "$file"
	done | awk '!seen[$0]++'
}

# The end-to-end tests against real nodes (@polkadot/api from npm, versions locked), the
# given files or all of them, with the binaries the release build made. The files run
# five at a time: most of their time is spent waiting for blocks and chain days, not
# computing, and each starts its own nodes on free ports (no mDNS), so they cannot meet
# (the guides' fixed ports, 9944 and 8080 among them, are used by docs.test.mjs alone).
# The longest files start first, so that the short ones fill the gaps (e2e/run.mjs keeps
# this order; `node --test` would sort the files by name). At five they keep the two cores
# a little under half busy, which `scripts/test.sh` fills with the Rust tests meanwhile
# (docs/build.md has the measurements). `scripts/test.sh` and `npm test` in e2e/
# (scripts/e2e.sh) both run them this way.
run_e2e() {
	local files=("$@")
	[ ${#files[@]} -gt 0 ] || mapfile -t files < <(cd "$loanchain_root" && e2e_files)
	[ -x "$(node_binary)" ] && [ -x "$(loanctl_binary)" ] || {
		say "no release build in $CARGO_TARGET_DIR: run scripts/test.sh (or build the node and loanctl) first"
		return 1
	}
	# Installed again only when the lockfile changed (the formatting check installs them first).
	(cd "$loanchain_root/e2e" && { [ node_modules/.package-lock.json -nt package-lock.json ] ||
		npm ci --no-audit --no-fund --loglevel=error; }) || return 1
	(cd "$loanchain_root" && LOANCHAIN_NODE="$(node_binary)" LOANCTL="$(loanctl_binary)" \
		CHROMIUM="$(command -v chromium)" node e2e/run.mjs --concurrency 5 "${files[@]}")
}

# The web app (web/): its npm packages as its lockfile pins them (installed again only when
# the lockfile changed), type-checked and bundled into web/dist, which `vite preview` serves.
# A bundle built from the same sources is kept (web/dist/.sources holds their digest):
# rebuilding empties web/dist first, and a `vite preview` serving it (a dev node started
# again, or the e2e tests' README run beside the web app's tests) answered 404 meanwhile.
build_web() {
	ensure_debian_package node nodejs
	ensure_debian_package npm npm
	local sources
	sources="$(web_sources_digest)"
	if [ -f "$loanchain_root/web/dist/index.html" ] &&
		[ "$(cat "$loanchain_root/web/dist/.sources" 2>/dev/null)" = "$sources" ]; then
		say "the web app in web/dist was built from these sources already"
		return 0
	fi
	(
		cd "$loanchain_root/web" &&
			{ [ node_modules/.package-lock.json -nt package-lock.json ] ||
				npm ci --no-audit --no-fund --loglevel=error; } &&
			npm run --silent build &&
			printf '%s\n' "$sources" >dist/.sources
	)
}

# A digest of what web/dist is built from: web/ but its packages and its bundle, and the
# RPC client it imports from js/.
web_sources_digest() {
	(
		cd "$loanchain_root" &&
			find web js -path web/node_modules -prune -o -path web/dist -prune -o -type f -print |
			LC_ALL=C sort | xargs -d '\n' sha256sum | sha256sum | cut -d' ' -f1
	)
}

# What the benchmark scripts need before they run: the tools, the release binaries, the
# e2e npm packages, and the node's raw development spec written to "$1/dev-raw.json"
# (loanchain-bench-state builds its chain specs around it).
prepare_bench() {
	ensure_build_tools
	ensure_debian_package node nodejs
	mkdir -p "$1"
	say "building loanchain-node and loanchain-bench-state (release, with the other binaries: one build)"
	build_binaries
	(cd "$loanchain_root/e2e" && npm ci --no-audit --no-fund --loglevel=error)
	"$(node_binary)" build-spec --chain dev --raw 2>/dev/null > "$1/dev-raw.json"
}
