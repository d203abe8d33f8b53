//! The runtime's wasm, for the node to embed (`WASM_BINARY`): the file
//! `LOANCHAIN_RUNTIME_WASM` names, built reproducibly by `scripts/runtime-hash.sh` with
//! `loanchain-runtime-wasm` (wasm/), which every script that builds the node sets. The
//! runtime itself never builds a wasm: that keeps the wasm builder and binaryen out of every
//! native build. Without the variable (or with `SKIP_WASM_BUILD`) there is no wasm, and a
//! node built so says it has none when asked to start a chain from its own runtime.

fn main() {
	println!("cargo:rerun-if-env-changed=LOANCHAIN_RUNTIME_WASM");
	println!("cargo:rerun-if-env-changed=SKIP_WASM_BUILD");
	#[cfg(feature = "std")]
	{
		let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
		let skip = std::env::var_os("SKIP_WASM_BUILD").is_some();
		let contents = match std::env::var_os("LOANCHAIN_RUNTIME_WASM") {
			Some(wasm) if !skip => embedded(std::path::Path::new(&wasm)),
			_ => {
				if !skip {
					println!(
						"cargo:warning=no runtime wasm embedded: set LOANCHAIN_RUNTIME_WASM to the \
						 file scripts/runtime-hash.sh builds (scripts/build.sh does)"
					);
				}
				"pub const WASM_BINARY_PATH: Option<&str> = None;\n\
				 pub const WASM_BINARY: Option<&[u8]> = None;\n\
				 pub const WASM_BINARY_BLOATY: Option<&[u8]> = None;\n"
					.to_string()
			},
		};
		std::fs::write(out.join("wasm_binary.rs"), contents).expect("OUT_DIR is writable");
	}
}

/// The `wasm_binary.rs` the wasm builder would write, for a wasm that is already built:
/// `WASM_BINARY` (and `WASM_BINARY_BLOATY`, the same bytes) included from `wasm`.
#[cfg(feature = "std")]
fn embedded(wasm: &std::path::Path) -> String {
	let wasm = wasm
		.canonicalize()
		.unwrap_or_else(|e| panic!("LOANCHAIN_RUNTIME_WASM={}: {e}", wasm.display()));
	println!("cargo:rerun-if-changed={}", wasm.display());
	let path = format!("{:?}", wasm.display().to_string());
	format!(
		"pub const WASM_BINARY_PATH: Option<&str> = Some({path});\n\
		 pub const WASM_BINARY: Option<&[u8]> = Some(include_bytes!({path}));\n\
		 pub const WASM_BINARY_BLOATY: Option<&[u8]> = Some(include_bytes!({path}));\n"
	)
}
