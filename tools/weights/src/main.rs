//! `loanchain-weights`: the FRAME benchmark runner for the Loanchain runtime.
//!
//! It takes the arguments of `benchmark pallet` (see `--help`) and runs the benchmarks
//! in a runtime wasm built with the `runtime-benchmarks` feature, using the runtime's own
//! genesis preset for the starting state. `scripts/bench-weights.sh` calls it for each
//! pallet with `scripts/frame-weight-template.hbs` to write `pallets/*/src/weights.rs`.
//!
//! The runtime uses only the standard Substrate host functions, so no extra host
//! functions are registered.

use clap::Parser;
use frame_benchmarking_cli::PalletCmd;
use sp_runtime::traits::BlakeTwo256;

/// Benchmark the extrinsics of a Loanchain runtime wasm and write weight files.
#[derive(Debug, Parser)]
#[command(name = "loanchain-weights", version)]
struct Cli {
	#[command(flatten)]
	pallet: PalletCmd,
}

fn main() -> sc_cli::Result<()> {
	sc_cli::LoggerBuilder::new("").init()?;
	Cli::parse().pallet.run_with_spec::<BlakeTwo256, ()>(None)
}
