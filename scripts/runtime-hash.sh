#!/usr/bin/env bash
# Builds the runtime's wasm from this source tree reproducibly and prints its blake2-256
# hash: the code hash the institutions announce with `upgrades.authorizeUpgrade`. Anyone
# with the same source and the same rustc gets the same bytes, wherever their checkout is
# (docs/governance.md).
#
#   scripts/runtime-hash.sh                          # the runtime as released
#   scripts/runtime-hash.sh --features upgrade-test  # the end-to-end upgrade test's build
#
# The scripts build the node with this wasm (runtime/build.rs, LOANCHAIN_RUNTIME_WASM), so a
# node built by them runs exactly this code.
#
# Prints four lines: `wasm <path>` (the code, to submit with `upgrades.applyUpgrade`),
# `code_hash 0x…`, `rustc <version>` and `source <commit>` (`+changes` when the checkout
# differs from its commit).
#
# Why a fixed folder: cargo derives the symbol names and type ids it compiles into the wasm
# from each local crate's absolute path, so the same source built in two folders gives two
# different wasms. Like srtool's container for Polkadot's runtimes, the build happens at
# one path on every machine: the checkout's tracked files are copied to $build_root/source
# and built there, with the cargo home seen through $build_root/cargo, the toolchain linked
# at $build_root/rust, and every path (source, crates, target, toolchain) remapped out of
# the panic locations.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$loanchain_root"
ensure_build_tools

# The hash depends on the exact compiler: refuse any rustc but the one rust-toolchain.toml pins.
pinned="$(sed -n 's/^channel = "\(.*\)"$/\1/p' rust-toolchain.toml)"
case "$(rustc --version)" in
"rustc $pinned "*) ;;
*)
	say "rust-toolchain.toml pins Rust $pinned, but rustc is $(rustc --version): the hash would differ"
	exit 1
	;;
esac

features="metadata-hash"
while [ $# -gt 0 ]; do
	case "$1" in
	--features) features="$features,$2"; shift 2 ;;
	*) say "unknown argument $1 (usage: scripts/runtime-hash.sh [--features F])"; exit 2 ;;
	esac
done

build_root=/var/tmp/loanchain-runtime-build # the same on every machine, on purpose
source_dir="$build_root/source"
mkdir -p "$build_root" "$source_dir" "$build_root/cargo"
# One build at a time in the shared folder.
exec 9>"$build_root/lock"
flock 9

# The cargo home at a fixed path: its registry and git checkouts are this machine's own
# (nothing is downloaded again), seen through links.
real_cargo_home="$(mkdir -p "${CARGO_HOME:-$HOME/.cargo}" && cd "${CARGO_HOME:-$HOME/.cargo}" && pwd -P)"
mkdir -p "$real_cargo_home/registry" "$real_cargo_home/git"
for entry in registry git; do
	ln -sfn "$real_cargo_home/$entry" "$build_root/cargo/$entry"
done

# The Rust toolchain at a fixed path too: the wasm's panic locations name the standard
# library's sources (rust-src) under the toolchain's folder, which rustup puts in each
# user's home. Hard links to this machine's toolchain, so nothing is copied (a real copy
# where /var/tmp is another file system); made again when rustc or its targets change.
toolchain="$build_root/rust"
sysroot="$(rustc --print sysroot)"
if [ "$("$toolchain/bin/rustc" --version 2>/dev/null)" != "$(rustc --version)" ] ||
	[ ! -d "$toolchain/lib/rustlib/wasm32v1-none" ] || [ ! -d "$toolchain/lib/rustlib/src" ]; then
	say "linking the Rust toolchain ($(rustc --version)) to $toolchain"
	rm -rf "$toolchain"
	cp -al "$sysroot" "$toolchain" 2>/dev/null || { rm -rf "$toolchain"; cp -a "$sysroot" "$toolchain"; }
fi

# The tracked files of the checkout, as they are on disk. A file whose content is
# unchanged keeps its time, so cargo rebuilds only what changed since the last build.
say "copying the checkout's tracked files to $source_dir"
listed="$(mktemp)"
trap 'rm -f "$listed"' EXIT
git ls-files -z --cached --others --exclude-standard |
	while IFS= read -r -d '' file; do [ -f "$file" ] && printf '%s\0' "$file"; done >"$listed"
while IFS= read -r -d '' file; do
	if ! cmp -s "$file" "$source_dir/$file"; then
		mkdir -p "$(dirname "$source_dir/$file")"
		cp "$file" "$source_dir/$file"
	fi
done <"$listed"
# Files that were copied once and are no longer in the checkout go.
(cd "$source_dir" && find . -type f -printf '%P\0') | while IFS= read -r -d '' file; do
	grep -qzxF -- "$file" "$listed" || rm -f "$source_dir/$file"
done

target_dir="$build_root/target"
out="$build_root/out/${features//,/+}"
mkdir -p "$out"
# The wasm builder copies the wasm here (as loanchain_runtime.wasm) whenever it builds it;
# a build with nothing to do leaves the copy of the last one, unless that copy is gone.
wasm="$out/loanchain_runtime.wasm"
[ -f "$wasm" ] || export FORCE_WASM_BUILD="$(date +%s)"
# What the wasm is a function of: the source (every file, by name and content), the features
# and the compiler. When a build of exactly these wrote the wasm there, it is that wasm: no
# cargo at all. Without this, building another feature set in between (the upgrade test's,
# the released one's) made the wasm builder rebuild the runtime and rewrite the file, and
# every node build that embeds it relinked.
stamp="$out/built-from"
built_from="$(
	printf 'features %s\nrustc %s\n' "$features" "$(rustc --version)"
	cd "$source_dir" && sort -z "$listed" | xargs -0 sha256sum
)"
if [ -f "$wasm" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$built_from" ]; then
	say "the runtime's wasm (features $features) was built from this source already: $wasm"
else
	rm -f "$stamp"
	say "building the runtime's wasm (release, features $features) in $source_dir"
	# `loanchain-runtime-wasm` (runtime/wasm) is the crate whose build script builds the
	# runtime's wasm (the runtime never does: runtime/build.rs); `cargo check` is enough, as
	# the build script builds the wasm in full either way.
	(
		# Nor through a wrapper (scripts/test.sh lints its builds with clippy-driver; sccache…).
		unset LOANCHAIN_RUNTIME_WASM SKIP_WASM_BUILD RUSTC CARGO RUSTUP_TOOLCHAIN \
			RUSTC_WRAPPER RUSTC_WORKSPACE_WRAPPER CLIPPY_ARGS
		# This toolchain's cargo and rustc, not rustup's proxies (which run the one in $HOME).
		export PATH="$toolchain/bin:$PATH"
		cd "$source_dir" &&
			CARGO_HOME="$build_root/cargo" CARGO_TARGET_DIR="$target_dir" \
				WASM_BUILD_WORKSPACE_HINT="$source_dir" WASM_TARGET_DIRECTORY="$out" \
				WASM_BUILD_RUSTFLAGS="--remap-path-prefix=$source_dir=/loanchain --remap-path-prefix=$build_root/cargo=/cargo --remap-path-prefix=$target_dir=/target --remap-path-prefix=$toolchain=/rust" \
				cargo check --locked --release -p loanchain-runtime-wasm --features "$features" >&2
	)
	[ -f "$wasm" ] || { say "the build wrote no $wasm"; exit 1; }
	printf '%s\n' "$built_from" >"$stamp"
fi

commit="$(git rev-parse HEAD)"
[ -z "$(git status --porcelain --untracked-files=no)" ] || commit="$commit+changes"
echo "wasm $wasm"
echo "code_hash 0x$(b2sum -l 256 "$wasm" | cut -d' ' -f1)"
echo "rustc $(rustc --version)"
echo "source $commit"
