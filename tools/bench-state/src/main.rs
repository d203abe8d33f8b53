//! `loanchain-bench-state`: builds the chain specs the benchmarks start their nodes from.
//!
//! Given the node's raw development spec, it adds `--accounts` verified, funded accounts
//! (`//bench//0`, `//bench//1`, … on the development phrase) and `--loans` loans in effect,
//! made by the real `propose` and `accept` calls (see `fill`), and writes a raw spec the
//! node starts from with `--chain`. It prints a JSON report: where the loans went and what
//! they cost in state.
//!
//! `scripts/bench-query.sh` and `scripts/bench-throughput.sh` call it.

mod accounts;
mod fill;
mod report;
mod spec;

use clap::Parser;
use serde_json::json;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(name = "loanchain-bench-state", version)]
struct Cli {
	/// The node's raw development spec: `loanchain-node build-spec --chain dev --raw`.
	#[arg(long)]
	template: PathBuf,
	/// Where to write the filled raw spec.
	#[arg(long)]
	out: PathBuf,
	/// Benchmark accounts: the first half are borrowers (people), the rest lenders (companies).
	#[arg(long, default_value_t = 2_000)]
	accounts: u32,
	/// Loans in effect at genesis.
	#[arg(long, default_value_t = 0)]
	loans: u32,
	/// Bytes of plaintext terms in each loan's sealed details.
	#[arg(long, default_value_t = 256)]
	details_len: usize,
	/// Loans of borrower `//bench//0`.
	#[arg(long, default_value_t = 5)]
	small: u32,
	/// Loans of borrower `//bench//1`.
	#[arg(long, default_value_t = 500)]
	large: u32,
	/// Blocks per chain day, instead of the development chain's few: 14 400 gives the
	/// production chains' durations (a consent may then be valid for 2 × 14 400 blocks).
	#[arg(long)]
	blocks_per_day: Option<u32>,
	/// A token key of Alice (the development registrar) for token epoch 0: the RSA-2048
	/// modulus, hex. With `--lender-tokens`: the tokens a benchmark signs with the key's
	/// secret half count as issued, as if bought blind (`scripts/bench-throughput.sh`).
	#[arg(long, value_name = "HEX", requires = "lender_tokens")]
	token_key: Option<String>,
	/// How many tokens of `--token-key` count as issued.
	#[arg(long, requires = "token_key")]
	lender_tokens: Option<u32>,
}

fn main() {
	let cli = Cli::parse();
	if let Err(e) = run(cli) {
		eprintln!("loanchain-bench-state: {e}");
		std::process::exit(1);
	}
}

fn run(cli: Cli) -> Result<(), String> {
	let token_key = match (&cli.token_key, cli.lender_tokens) {
		(Some(modulus), Some(issued)) => Some(fill::TokenKeyPlan {
			modulus: hex::decode(modulus.trim_start_matches("0x"))
				.map_err(|e| format!("--token-key: {e}"))?
				.try_into()
				.map_err(|_| "--token-key: an RSA-2048 modulus is 256 bytes".to_string())?,
			issued,
		}),
		_ => None,
	};
	let plan = fill::Plan {
		accounts: cli.accounts,
		loans: cli.loans,
		details_len: cli.details_len,
		small: cli.small.min(cli.loans),
		large: cli.large.min(cli.loans.saturating_sub(cli.small)),
		blocks_per_day: cli.blocks_per_day,
		token_key,
	};
	let filled = fill::fill(&plan)?;
	spec::write_raw_spec(&cli.template, &filled.storage, &cli.out)?;
	let borrower = |index: u32| {
		let account = accounts::bench_account(index);
		json!({
			"uri": accounts::uri(index),
			"id_hash": format!("0x{}", hex::encode(account.id_hash)),
			"loans": filled.loans_of.get(&index).copied().unwrap_or(0),
		})
	};
	let report = json!({
		"loans": plan.loans,
		"accounts": plan.accounts,
		"details_plaintext_len": plan.details_len,
		"details_ciphertext_len": filled.ciphertext_len,
		"small_borrower": borrower(0),
		"large_borrower": borrower(1),
		"storage": report::storage_cost(&filled.storage, plan.loans),
		"genesis_keys": filled.storage.len(),
	});
	println!("{report}");
	Ok(())
}
