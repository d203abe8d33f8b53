//! `loanchain-weights storage`: the SDK's `benchmark storage` over a Loanchain database.
//!
//! It opens the database a stopped node left under `--base-path` (the chain spec given by
//! `--chain`, ParityDB as the node uses), reads and writes every key of the best block's
//! state and writes the measured read and write prices as a `DbWeight` constant
//! (`--weight-path`). `scripts/bench-db-weights.sh` fills a chain with loans first, so that
//! the prices are those of a populated database.

use frame_benchmarking_cli::StorageCmd;
use loanchain_runtime::{apis::RuntimeApi, opaque::Block};
use sc_cli::{CliConfiguration, SubstrateCli};
use std::sync::Arc;

/// Loads the chain spec the database belongs to.
struct SpecLoader;

impl SubstrateCli for SpecLoader {
	fn impl_name() -> String {
		"loanchain-weights".into()
	}
	fn impl_version() -> String {
		env!("CARGO_PKG_VERSION").into()
	}
	fn description() -> String {
		env!("CARGO_PKG_DESCRIPTION").into()
	}
	fn author() -> String {
		env!("CARGO_PKG_AUTHORS").into()
	}
	fn support_url() -> String {
		"https://example.invalid/loanchain/issues".into()
	}
	fn copyright_start_year() -> i32 {
		2026
	}
	fn load_spec(&self, path: &str) -> Result<Box<dyn sc_service::ChainSpec>, String> {
		let spec =
			sc_service::GenericChainSpec::<sc_service::NoExtension>::from_json_file(path.into())?;
		Ok(Box::new(spec))
	}
}

pub fn run(cmd: StorageCmd) -> sc_cli::Result<()> {
	let tokio = sc_cli::build_runtime()?;
	let config = cmd.create_configuration(&SpecLoader, tokio.handle().clone())?;
	let executor =
		sc_service::new_wasm_executor::<loanchain_crypto::HostFunctions>(&config.executor);
	let (client, backend, _keystore, _tasks) =
		sc_service::new_full_parts::<Block, RuntimeApi, _>(&config, None, executor, Vec::new())?;
	let db = backend.expose_db();
	let storage = backend.expose_storage();
	let shared_trie_cache = backend.expose_shared_trie_cache();
	cmd.run(config, Arc::new(client), db, storage, shared_trie_cache)
}
