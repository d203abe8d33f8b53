fn main() {
	#[cfg(feature = "std")]
	{
		// A wasm built reproducibly elsewhere (scripts/runtime-hash.sh, which the scripts
		// build the node with) is embedded as it is, so that the node runs exactly the code
		// whose hash anyone can rebuild and compare. Without it, the wasm is built here.
		println!("cargo:rerun-if-env-changed=LOANCHAIN_RUNTIME_WASM");
		println!("cargo:rerun-if-env-changed=SKIP_WASM_BUILD");
		let skip = std::env::var_os("SKIP_WASM_BUILD").is_some();
		if let (false, Some(wasm)) = (skip, std::env::var_os("LOANCHAIN_RUNTIME_WASM")) {
			embed_prebuilt_wasm(std::path::Path::new(&wasm));
			return;
		}
	}

	// With `metadata-hash` the wasm carries the hash of its own metadata, for
	// `frame_metadata_hash_extension::CheckMetadataHash`: token symbol and decimals are part of
	// what the hash covers (wallets show amounts with them).
	#[cfg(all(feature = "std", feature = "metadata-hash"))]
	substrate_wasm_builder::WasmBuilder::init_with_defaults()
		.enable_metadata_hash("LOAN", 12)
		.build();

	#[cfg(all(feature = "std", not(feature = "metadata-hash")))]
	substrate_wasm_builder::WasmBuilder::build_using_defaults();
}

/// Writes the `wasm_binary.rs` the wasm builder would write, for a wasm that is already
/// built: `WASM_BINARY` (and `WASM_BINARY_BLOATY`, the same bytes) included from `wasm`.
#[cfg(feature = "std")]
fn embed_prebuilt_wasm(wasm: &std::path::Path) {
	let wasm = wasm
		.canonicalize()
		.unwrap_or_else(|e| panic!("LOANCHAIN_RUNTIME_WASM={}: {e}", wasm.display()));
	println!("cargo:rerun-if-changed={}", wasm.display());
	let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
	let path = format!("{:?}", wasm.display().to_string());
	std::fs::write(
		out.join("wasm_binary.rs"),
		format!(
			"pub const WASM_BINARY_PATH: Option<&str> = Some({path});\n\
			 pub const WASM_BINARY: Option<&[u8]> = Some(include_bytes!({path}));\n\
			 pub const WASM_BINARY_BLOATY: Option<&[u8]> = Some(include_bytes!({path}));\n"
		),
	)
	.expect("OUT_DIR is writable");
}
