//! # loanchain-try-runtime
//!
//! Checks, before a runtime upgrade, that the runtime in this source tree can take over a
//! live chain: it reads the chain's whole state from a node (`--rpc`), runs this runtime's
//! upgrade over a copy of it — every migration with its `pre_upgrade`/`post_upgrade`
//! checks, the storage version of every pallet, the decoding of every storage item — and
//! then every pallet's `try_state` invariants (for the credit pallets: the identity and
//! owner maps agree, every loan is in its indexes, the expiry cursor is behind every open
//! proposal, …). Nothing is written to the chain.
//!
//! It is what `try-runtime-cli on-runtime-upgrade live` does, with the runtime compiled
//! natively (with the `try-runtime` feature) instead of loaded as wasm: the same source,
//! without building a second SDK release for the CLI. `scripts/try-runtime.sh` builds and
//! runs it; docs/operations.md shows when and how.
//!
//! Exit status: 0 when every check passed, 1 when one failed, 2 when the state could not
//! be read.

mod check;
mod remote;

use clap::Parser;
use frame_try_runtime::UpgradeCheckSelect;
use sp_core::H256;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "loanchain-try-runtime", version, about)]
struct Cli {
	/// The node to read the state from (its JSON-RPC WebSocket endpoint).
	#[arg(long, default_value = "ws://127.0.0.1:9944")]
	rpc: String,

	/// The block whose state is checked (0x-prefixed hash); the node's best block if absent.
	#[arg(long)]
	at: Option<H256>,

	/// Which checks run: `all` (migrations' pre/post checks and every pallet's try_state),
	/// `pre-and-post`, `try-state` or `none` (decoding and storage versions only).
	#[arg(long, default_value = "all", value_parser = parse_checks)]
	checks: UpgradeCheckSelect,
}

fn parse_checks(s: &str) -> Result<UpgradeCheckSelect, String> {
	s.parse()
		.map_err(|_| format!("{s:?}: expected all, pre-and-post, try-state or none"))
}

fn main() -> ExitCode {
	let cli = Cli::parse();
	let state = match remote::fetch(&cli.rpc, cli.at) {
		Ok(state) => state,
		Err(e) => {
			eprintln!("error: {e}");
			return ExitCode::from(2);
		},
	};
	let here = loanchain_runtime::VERSION;
	println!(
		"state of block {:?}: {} keys; the chain runs {} spec {}, checking {} spec {} (this tree)",
		state.block,
		state.storage.top.len(),
		state.version.spec_name,
		state.version.spec_version,
		here.spec_name,
		here.spec_version,
	);
	match check::run_upgrade_checks(state.storage, cli.checks) {
		Ok(weight) => {
			println!("all checks passed; the upgrade would take {weight}");
			ExitCode::SUCCESS
		},
		Err(e) => {
			eprintln!("a check failed: {e}");
			ExitCode::from(1)
		},
	}
}
