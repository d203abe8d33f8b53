//! `loanchain-weights`: the FRAME benchmark runner for the Loanchain runtime.
//!
//! - `loanchain-weights pallet …` takes the arguments of `benchmark pallet` (see `--help`)
//!   and runs a pallet's benchmarks in a runtime wasm built with the `runtime-benchmarks`
//!   feature, from the runtime's own genesis preset. `scripts/bench-weights.sh` calls it
//!   for every pallet the runtime uses and writes their weights.
//! - `loanchain-weights overhead …` takes the arguments of `benchmark overhead`: it
//!   executes empty blocks and blocks full of `System::remark` in the same wasm and writes
//!   the base weights of a block and of an extrinsic (`block_weights.rs`,
//!   `extrinsic_weights.rs`).
//!
//! - `loanchain-weights storage …` takes the arguments of `benchmark storage`: it measures
//!   the database's read and write prices over a node's populated ParityDB and writes the
//!   runtime's `DbWeight` (see `storage`).
//!
//! The runtime uses only the standard Substrate host functions, so no extra host
//! functions are registered.

use clap::Parser;
// `OpaqueBlock`: u32 block numbers and BlakeTwo256, as Loanchain's blocks.
use frame_benchmarking_cli::{OpaqueBlock, OverheadCmd, PalletCmd, StorageCmd};
use sp_runtime::traits::BlakeTwo256;

/// Benchmark a Loanchain runtime wasm and write weight files.
#[derive(Debug, Parser)]
#[command(name = "loanchain-weights", version)]
enum Cli {
	/// The benchmarks of a pallet's calls and hooks.
	Pallet(PalletCmd),
	/// The execution overhead of a block and of an extrinsic.
	Overhead(OverheadCmd),
	/// The database's read and write prices, over a node's database.
	Storage(StorageCmd),
}

mod storage;

type LoanchainHostFunctions = loanchain_crypto::loanchain_rsa::HostFunctions;

fn main() -> sc_cli::Result<()> {
	sc_cli::LoggerBuilder::new("").init()?;
	match Cli::parse() {
		// The runtime imports Loanchain's host functions besides Substrate's (which the CLI
		// registers itself).
		Cli::Pallet(cmd) => cmd.run_with_spec::<BlakeTwo256, LoanchainHostFunctions>(None),
		Cli::Overhead(cmd) => {
			cmd.run_with_default_builder_and_spec::<OpaqueBlock, LoanchainHostFunctions>(None)
		},
		Cli::Storage(cmd) => storage::run(cmd),
	}
}
