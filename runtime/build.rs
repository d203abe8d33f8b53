fn main() {
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
