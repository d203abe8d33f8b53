//! Builds `loanchain-runtime` (the crate one folder up) for wasm32 with the features this
//! crate was built with, and writes `WASM_BINARY` for [`crate`] — and the wasm itself where
//! `WASM_TARGET_DIRECTORY` says (scripts/runtime-hash.sh).

fn main() {
	let runtime = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
		.join("../Cargo.toml")
		.canonicalize()
		.expect("the runtime's Cargo.toml is one folder up");
	let builder = substrate_wasm_builder::WasmBuilder::new()
		.with_project(runtime)
		.expect("a Cargo.toml")
		.import_memory()
		.export_heap_base();
	// With `metadata-hash` the wasm carries the hash of its own metadata, for
	// `frame_metadata_hash_extension::CheckMetadataHash`: token symbol and decimals are part of
	// what the hash covers (wallets show amounts with them).
	#[cfg(feature = "metadata-hash")]
	let builder = builder.enable_metadata_hash("LOAN", 12);
	builder.build();
}
