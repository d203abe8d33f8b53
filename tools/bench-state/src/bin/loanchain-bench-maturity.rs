//! `loanchain-bench-maturity`: how the chain works through a backlog of maturities.
//!
//! Puts `--loans` loans in effect that all mature in the same block into the development
//! chain's state — one made by the real `propose` and `accept` calls, the others copies of
//! its record under new ids, each with its agenda entry, which is all the block hook reads
//! — then runs the runtime's block hook natively, block after block, until every loan's
//! `FeedbackDue` is out. It prints a JSON report: how many blocks that took, the prompts and
//! the weight the hook charged in each block (the benchmarked weights, as a share of the
//! block's maximum), and what that means in time on a production chain (6-second blocks).
//!
//! `scripts/bench-maturity.sh` builds and runs it.

use clap::Parser;
use frame_support::{
	traits::{Get, Hooks},
	weights::Weight,
};
use loanchain_runtime::{genesis, AccountId, Runtime, RuntimeEvent, RuntimeOrigin, UNIT};
use pallet_credit_identity::IdentityKind;
use pallet_loans::{DetailsInput, LoanId, Role};
use serde_json::json;
use sp_runtime::BuildStorage;
use std::time::Instant;

#[derive(Debug, Parser)]
#[command(name = "loanchain-bench-maturity", version)]
struct Cli {
	/// Loans that mature in the same block.
	#[arg(long, default_value_t = 1_000_000)]
	loans: u32,
}

type Loans = pallet_loans::Pallet<Runtime>;
type System = frame_system::Pallet<Runtime>;

fn main() {
	let cli = Cli::parse();
	match run(cli.loans) {
		Ok(report) => println!("{}", serde_json::to_string_pretty(&report).expect("JSON")),
		Err(e) => {
			eprintln!("loanchain-bench-maturity: {e}");
			std::process::exit(1);
		},
	}
}

fn party(seed: u8) -> (AccountId, [u8; 32], [u8; 32]) {
	let secret = [seed; 32];
	(
		AccountId::from([seed; 32]),
		[seed.wrapping_add(100); 32],
		loanchain_sealing::public_key(&secret),
	)
}

fn run(loans: u32) -> Result<serde_json::Value, String> {
	if loans == 0 {
		return Err("--loans must be at least 1".into());
	}
	let (lender, lender_id, lender_key) = party(1);
	let (borrower, borrower_id, borrower_key) = party(2);
	let mut config = genesis::development();
	for (who, kind, id_hash, key) in [
		(&lender, IdentityKind::Enterprise, lender_id, lender_key),
		(&borrower, IdentityKind::Person, borrower_id, borrower_key),
	] {
		config.balances.balances.push((who.clone(), 1_000 * UNIT));
		config.credit_identity.identities.push((who.clone(), kind, id_hash, key));
	}
	let mut ext = sp_io::TestExternalities::new(config.build_storage()?);
	let setup = Instant::now();
	let maturity = ext.execute_with(|| -> Result<_, String> {
		System::set_block_number(1);
		let key = [7u8; 32];
		let nonce = [3u8; 12];
		let envelope =
			|to| loanchain_sealing::make_envelope(&key, to, &[9; 32]).map_err(|e| format!("{e:?}"));
		let details = DetailsInput {
			nonce,
			ciphertext: loanchain_sealing::seal_details(&key, &nonce, &[b'T'; 256], &borrower_id),
			key_commitment: loanchain_sealing::key_commitment(&key),
			lender_envelope: envelope(&lender_key)?,
			borrower_envelope: envelope(&borrower_key)?,
		};
		Loans::propose(
			RuntimeOrigin::signed(lender.clone()),
			borrower.clone(),
			Role::Lender,
			1,
			details,
		)
		.map_err(|e| format!("propose: {e:?}"))?;
		let hash = pallet_loans::Loans::<Runtime>::get(0)
			.ok_or("the proposal is stored")?
			.proposal_hash(Loans::genesis_hash().as_ref(), 0)
			.ok_or("the proposal has a public lender")?;
		Loans::accept(RuntimeOrigin::signed(borrower.clone()), 0, hash)
			.map_err(|e| format!("accept: {e:?}"))?;
		let record = pallet_loans::Loans::<Runtime>::get(0).ok_or("the loan is stored")?;
		let maturity = record.maturity.ok_or("the loan has a maturity")?;
		for id in 1..LoanId::from(loans) {
			pallet_loans::Loans::<Runtime>::insert(id, &record);
			pallet_loans::Agenda::<Runtime>::insert(maturity, id, ());
		}
		pallet_loans::NextLoanId::<Runtime>::put(LoanId::from(loans));
		// Every loan was accepted long ago: the proposal-expiry cursor is past them all.
		pallet_loans::ExpiryCursor::<Runtime>::put(LoanId::from(loans));
		Ok(maturity)
	})?;
	// Into the backend, as a node's database holds it: iterating an agenda of a million
	// entries is then a walk of the trie, not of uncommitted changes.
	ext.commit_all().map_err(|e| format!("commit: {e}"))?;
	let setup = setup.elapsed();

	let max_block = <Runtime as frame_system::Config>::BlockWeights::get().max_block;
	let budget: u32 = <Runtime as pallet_loans::Config>::MaxMaturitiesPerBlock::get();
	let (mut prompted, mut blocks) = (0u32, Vec::new());
	let mut block = maturity;
	let started = Instant::now();
	while prompted < loans {
		let (prompts, weight, native) = ext.execute_with(|| {
			System::reset_events();
			System::set_block_number(block);
			let tick = Instant::now();
			let weight: Weight = Loans::on_initialize(block);
			let native = tick.elapsed();
			let prompts = System::events()
				.iter()
				.filter(|r| {
					matches!(r.event, RuntimeEvent::Loans(pallet_loans::Event::FeedbackDue { .. }))
				})
				.count() as u32;
			(prompts, weight, native)
		});
		ext.commit_all().map_err(|e| format!("commit: {e}"))?;
		if prompts == 0 {
			return Err(format!("block {block} emitted no prompt with {} to go", loans - prompted));
		}
		prompted += prompts;
		blocks.push((prompts, weight, native));
		block += 1;
	}
	let total = started.elapsed();
	let heaviest = blocks.iter().map(|(_, w, _)| w.ref_time()).max().unwrap_or(0);
	let share = |ref_time: u64| ref_time as f64 / max_block.ref_time() as f64;
	let per_block: Vec<u32> = blocks.iter().map(|(p, _, _)| *p).collect();
	let native_ms: Vec<f64> = blocks.iter().map(|(_, _, t)| t.as_secs_f64() * 1e3).collect();
	Ok(json!({
		"loans_maturing_in_one_block": loans,
		"max_maturities_per_block": budget,
		"blocks_until_every_prompt_is_out": blocks.len(),
		"production_time_seconds": blocks.len() as u64 * 6,
		"prompts_in_the_first_blocks": per_block.iter().take(3).collect::<Vec<_>>(),
		"prompts_in_the_last_block": per_block.last(),
		"hook_weight_per_full_block": {
			"ref_time_ms": heaviest as f64 / 1e9,
			"share_of_max_block": share(heaviest),
		},
		"native_ms_per_block": {
			"max": native_ms.iter().copied().fold(0.0, f64::max),
			"mean": native_ms.iter().sum::<f64>() / native_ms.len() as f64,
		},
		"native_ms_total": total.as_secs_f64() * 1e3,
		"setup_seconds": setup.as_secs_f64(),
	}))
}
