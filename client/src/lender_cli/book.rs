//! A private lender's book and its maturity prompt: the loans of its per-loan keys
//! (`Loans.LenderKeys`), opened with its X25519 key, each with the day it matures and
//! whether that day has come — what the chain does not keep for a private lender.

use super::*;
use crate::mark_due;
use loanchain_client::loan::{self, KeySource};

#[derive(Args)]
pub struct LenderLoansArgs {
	/// The node's JSON-RPC URL.
	#[arg(long, value_name = "URL")]
	rpc: String,
	/// The lender's secret URI or mnemonic (its per-loan keys derive from it), or `-` to
	/// read it from standard input.
	#[arg(long, value_name = "SURI")]
	suri: String,
	/// The lender's X25519 secret key file (its envelope of each loan opens with it).
	#[arg(long, value_name = "FILE")]
	secret_key: PathBuf,
	/// The first per-loan key's number.
	#[arg(long, default_value_t = 0)]
	from: u32,
	/// How many per-loan keys to look at (at most 10 000).
	#[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u32).range(1..=10_000))]
	count: u32,
	/// Print only the loans whose maturity has come and that are not concluded.
	#[arg(long)]
	due: bool,
}

/// `loanctl lender-loans`: the loans of the lender's per-loan keys, opened, each with the
/// day it matures and whether it is due.
pub fn lender_loans(args: LenderLoansArgs) -> Result<String, Failure> {
	let suri = read_suri(&args.suri)?;
	let secret = keyfile::read(&args.secret_key)?;
	let node = connect(&args.rpc)?;
	let genesis = node.block_hash(Some(0)).map_err(operation)?;
	// One block for the whole book, so that the answers fit together.
	let at = node.block_hash(None).map_err(operation)?;
	let mut book = Vec::new();
	for index in args.from..args.from.saturating_add(args.count) {
		let key = lender_of::per_loan_pair(&suri, index)?.public().0;
		let Some(loan_id) = node.loan_of_lender_key(&key, at).map_err(operation)? else { continue };
		let loan = node
			.loan_at(loan_id, Some(at))
			.map_err(operation)?
			.ok_or_else(|| Failure::Operation(format!("key {index}'s loan {loan_id} is gone")))?;
		let mut opened =
			loan::open(&loan, &genesis, KeySource::Secret { secret: &secret, envelope: None })
				.map_err(|e| Failure::Operation(format!("loan {loan_id}: {e}")))?;
		mark_due(&loan, &mut opened);
		if args.due && opened["due"] != true {
			continue;
		}
		book.push(serde_json::json!({
			"index": index,
			"lenderKey": to_hex(&key),
			"loanId": loan_id,
			"state": opened["state"],
			"maturesOn": opened["maturesOn"],
			"due": opened["due"],
			"warnings": opened["warnings"],
		}));
	}
	Ok(serde_json::to_string_pretty(&book).expect("JSON serializes"))
}
