//! Builds the state of a chain that already holds `loans` loans in effect.
//!
//! The accounts and their verified identities go in through the runtime's genesis config,
//! as the development preset's own test identities do. The loans are made by dispatching
//! the real `Loans::propose` and `Loans::accept` calls, natively, on top of that genesis
//! state: each loan's record, indexes and agenda entry are exactly what the chain writes
//! for a loan proposed and accepted by its parties. Only fees and signatures are skipped.

use crate::accounts::{bench_account, BenchAccount};
use frame_support::storage::StoragePrefixedMap;
use frame_support::traits::StorageInfoTrait;
use loanchain_runtime::{genesis, Runtime, RuntimeOrigin, UNIT};
use loanchain_sealing::{make_envelope, seal_details, ContentKey, Nonce};
use pallet_credit_identity::{IdentityKind, TokenKey, TokenKeys};
use pallet_loans::{DetailsInput, LoanId, Role};
use sp_runtime::BuildStorage;
use std::collections::BTreeMap;

/// A raw storage key and its value.
type KeyValue = (Vec<u8>, Vec<u8>);

/// Balance each benchmark account starts with: enough fees for any benchmark run.
const ENDOWMENT: u128 = 10_000 * UNIT;
/// 2026-01-01T00:00:00Z: the loans' activation times start here, one second apart.
const FIRST_ACTIVATION_MS: u64 = 1_767_225_600_000;

/// What to put in the chain.
pub struct Plan {
	/// Benchmark accounts: the first half borrow (people), the second half lend (companies).
	pub accounts: u32,
	/// Loans in effect.
	pub loans: u32,
	/// Bytes of plaintext terms sealed into each loan's details.
	pub details_len: usize,
	/// Loans of borrower 0 and of borrower 1, spread evenly over the whole id range.
	pub small: u32,
	pub large: u32,
	/// Blocks per chain day, if not the development chain's.
	pub blocks_per_day: Option<u32>,
	/// A token key of the development registrar's, with tokens counted as issued.
	pub token_key: Option<TokenKeyPlan>,
}

/// Alice's token key of epoch 0, and how many tokens count as issued under it: the
/// benchmark signs them with the key's secret half (an RSA-PSS signature is what a
/// finalized blind signature is), so the chain checks real tokens without the blind
/// issuance having run through it.
pub struct TokenKeyPlan {
	pub modulus: [u8; 256],
	pub issued: u32,
}

/// The state, as raw key/value pairs, and where the loans went.
pub struct Filled {
	pub storage: BTreeMap<Vec<u8>, Vec<u8>>,
	/// Loans per borrower account index.
	pub loans_of: BTreeMap<u32, u32>,
	pub ciphertext_len: usize,
}

impl Plan {
	fn borrowers(&self) -> u32 {
		self.accounts / 2
	}

	/// Borrower account index of each loan: borrowers 0 and 1 get `small` and `large`
	/// loans spread over the id range, the others share the rest in turn.
	fn borrower_of_each_loan(&self) -> Vec<u32> {
		let n = self.loans as usize;
		let mut assigned: Vec<Option<u32>> = vec![None; n];
		for (borrower, count) in [(0u32, self.small), (1u32, self.large)] {
			let count = (count as usize).min(n);
			for k in 0..count {
				// The k-th loan of this borrower, at an even spacing; the next free slot on a clash.
				let mut at = k * n / count.max(1);
				while assigned[at].is_some() {
					at = (at + 1) % n;
				}
				assigned[at] = Some(borrower);
			}
		}
		let others = self.borrowers().saturating_sub(2).max(1);
		let mut next = 0u32;
		assigned
			.into_iter()
			.map(|slot| {
				slot.unwrap_or_else(|| {
					next += 1;
					2 + (next - 1) % others
				})
			})
			.collect()
	}
}

/// The genesis state of the development chain with the plan's accounts and loans.
pub fn fill(plan: &Plan) -> Result<Filled, String> {
	if plan.accounts < 4 {
		return Err("at least 4 accounts: two special borrowers, another borrower, a lender".into());
	}
	let accounts: Vec<BenchAccount> = (0..plan.accounts).map(bench_account).collect();
	let mut config = genesis::development();
	if let Some(blocks) = plan.blocks_per_day {
		config.loans.blocks_per_day = blocks;
	}
	for (index, a) in accounts.iter().enumerate() {
		let kind = if (index as u32) < plan.borrowers() {
			IdentityKind::Person
		} else {
			IdentityKind::Enterprise
		};
		config.balances.balances.push((a.account.clone(), ENDOWMENT));
		config.credit_identity.identities.push((
			a.account.clone(),
			kind,
			a.id_hash,
			a.x25519_public,
		));
	}
	let genesis_storage = config.build_storage()?;
	let mut storage: BTreeMap<Vec<u8>, Vec<u8>> = genesis_storage.top.clone().into_iter().collect();

	let borrower_of = plan.borrower_of_each_loan();
	let lenders = plan.accounts - plan.borrowers();
	let plaintext = vec![b'T'; plan.details_len];
	let mut loans_of = BTreeMap::new();
	let mut ciphertext_len = 0;

	let mut ext = sp_io::TestExternalities::new(genesis_storage);
	let loans_prefix = ext.execute_with(|| -> Result<Vec<KeyValue>, String> {
		frame_system::Pallet::<Runtime>::set_block_number(1);
		for (i, &borrower_index) in borrower_of.iter().enumerate() {
			let i = i as u32;
			let lender_index = plan.borrowers() + i % lenders;
			let (lender, borrower) =
				(&accounts[lender_index as usize], &accounts[borrower_index as usize]);
			let details = sealed_details(i, &plaintext, lender, borrower)?;
			ciphertext_len = details.ciphertext.len();
			let loan_id: LoanId = pallet_loans::NextLoanId::<Runtime>::get();
			// Maturities between ~8 and ~30 years out: the agenda stays spread and no
			// maturity falls due while a benchmark runs.
			let period_days = 3_000 + i % 7_000;
			pallet_loans::Pallet::<Runtime>::propose(
				RuntimeOrigin::signed(lender.account.clone()),
				borrower.account.clone(),
				Role::Lender,
				period_days,
				details,
			)
			.map_err(|e| format!("propose of loan {i}: {e:?}"))?;
			pallet_timestamp::Now::<Runtime>::put(FIRST_ACTIVATION_MS + i as u64 * 1_000);
			let proposal_hash = pallet_loans::Loans::<Runtime>::get(loan_id)
				.ok_or_else(|| format!("proposal of loan {i} missing"))?
				.proposal_hash(pallet_loans::Pallet::<Runtime>::genesis_hash().as_ref(), loan_id)
				.ok_or_else(|| format!("loan {i} has no public lender"))?;
			pallet_loans::Pallet::<Runtime>::accept(
				RuntimeOrigin::signed(borrower.account.clone()),
				loan_id,
				proposal_hash,
			)
			.map_err(|e| format!("accept of loan {i}: {e:?}"))?;
			*loans_of.entry(borrower_index).or_insert(0) += 1;
			if i.is_multiple_of(1_000) {
				frame_system::Pallet::<Runtime>::reset_events();
			}
		}
		// Only the loans pallet's storage (and the token key) is kept: the block number,
		// timestamp and events above are scaffolding of this native run, not genesis state.
		let mut kept = pairs_under(&pallet_prefix());
		if let Some(token_key) = &plan.token_key {
			let registrar = sp_keyring::Sr25519Keyring::Alice.to_account_id();
			TokenKeys::<Runtime>::insert(
				&registrar,
				0,
				TokenKey { modulus: token_key.modulus, issued: token_key.issued, spent: 0 },
			);
			kept.extend(pairs_under(&TokenKeys::<Runtime>::final_prefix()));
		}
		Ok(kept)
	})?;
	storage.extend(loans_prefix);
	Ok(Filled { storage, loans_of, ciphertext_len })
}

/// Real sealed details: a fresh content key and nonce per loan, sealed to both parties.
fn sealed_details(
	i: u32,
	plaintext: &[u8],
	lender: &BenchAccount,
	borrower: &BenchAccount,
) -> Result<DetailsInput, String> {
	let seed = |domain: &[u8]| sp_io::hashing::blake2_256(&[domain, &i.to_le_bytes()].concat());
	let key: ContentKey = seed(b"content-key");
	let nonce: Nonce = seed(b"nonce")[..12].try_into().expect("12 of 32 bytes");
	let envelope = |to: &BenchAccount, domain: &[u8]| {
		make_envelope(&key, &to.x25519_public, &seed(domain))
			.map_err(|e| format!("envelope: {e:?}"))
	};
	Ok(DetailsInput {
		nonce,
		ciphertext: seal_details(&key, &nonce, plaintext, &borrower.id_hash),
		key_commitment: loanchain_sealing::key_commitment(&key),
		lender_envelope: envelope(lender, b"lender-ephemeral")?,
		borrower_envelope: envelope(borrower, b"borrower-ephemeral")?,
	})
}

/// The storage key prefix of the loans pallet: twox128 of its name in the runtime.
pub fn pallet_prefix() -> Vec<u8> {
	let info = loanchain_runtime::Loans::storage_info();
	let name = &info.first().expect("the loans pallet has storage").pallet_name;
	sp_io::hashing::twox_128(name).to_vec()
}

/// Every key/value pair under `prefix` in the current externalities.
fn pairs_under(prefix: &[u8]) -> Vec<(Vec<u8>, Vec<u8>)> {
	let mut pairs = Vec::new();
	let mut key = prefix.to_vec();
	if let Some(value) = sp_io::storage::get(&key) {
		pairs.push((key.clone(), value.to_vec()));
	}
	while let Some(next) = sp_io::storage::next_key(&key) {
		if !next.starts_with(prefix) {
			break;
		}
		let value = sp_io::storage::get(&next).expect("next_key returns present keys");
		pairs.push((next.clone(), value.to_vec()));
		key = next;
	}
	pairs
}

#[cfg(test)]
mod tests {
	use super::*;

	fn small_plan() -> Plan {
		Plan {
			accounts: 8,
			loans: 40,
			details_len: 64,
			small: 5,
			large: 20,
			blocks_per_day: None,
			token_key: None,
		}
	}

	#[test]
	fn special_borrowers_get_their_counts_spread_over_the_ids() {
		let plan = small_plan();
		let of = plan.borrower_of_each_loan();
		assert_eq!(of.len(), 40);
		assert_eq!(of.iter().filter(|b| **b == 0).count(), 5);
		assert_eq!(of.iter().filter(|b| **b == 1).count(), 20);
		assert!(of.iter().all(|b| *b < plan.borrowers()));
		// Borrower 0's loans are not bunched at the start.
		assert!(of.iter().rposition(|b| *b == 0).unwrap() >= 30);
	}

	#[test]
	fn filled_state_serves_the_summaries() {
		let plan = small_plan();
		let filled = fill(&plan).unwrap();
		assert_eq!(filled.loans_of.get(&0), Some(&5));
		assert_eq!(filled.loans_of.get(&1), Some(&20));
		assert_eq!(filled.loans_of.values().sum::<u32>(), 40);
		// The state alone, loaded fresh, answers the borrower summary as a node would.
		let storage = sp_runtime::Storage {
			top: filled.storage.into_iter().collect(),
			children_default: Default::default(),
		};
		sp_io::TestExternalities::new(storage).execute_with(|| {
			assert_eq!(pallet_loans::NextLoanId::<Runtime>::get(), 40);
			let large = pallet_loans::Pallet::<Runtime>::borrower_summary(
				&bench_account(1).id_hash,
				0,
				1_000,
			);
			assert_eq!(large.len(), 20);
			assert!(large.windows(2).all(|w| w[0].loan_id < w[1].loan_id && w[0].at < w[1].at));
			// The details are really sealed: the borrower's envelope opens them.
			let loan_id = large[0].loan_id;
			let loan = pallet_loans::Loans::<Runtime>::get(loan_id).unwrap();
			let key = loanchain_sealing::open_envelope(
				&loan.details.borrower_envelope,
				&crate::accounts::x25519_secret(1),
			)
			.unwrap();
			let terms = loanchain_sealing::open_details(
				&key,
				&loan.details.nonce,
				&loan.details.ciphertext,
				&bench_account(1).id_hash,
			)
			.unwrap();
			assert_eq!(terms, vec![b'T'; 64]);
			// No scaffolding leaked into the genesis state.
			assert_eq!(frame_system::Pallet::<Runtime>::block_number(), 0);
			assert_eq!(frame_system::Pallet::<Runtime>::event_count(), 0);
		});
	}

	#[test]
	fn a_token_key_counts_its_tokens_as_issued_and_spends_none() {
		let mut modulus = [0xc3; 256];
		modulus[255] = 0xc5;
		let plan = Plan {
			loans: 0,
			small: 0,
			large: 0,
			token_key: Some(TokenKeyPlan { modulus, issued: 7 }),
			..small_plan()
		};
		let filled = fill(&plan).unwrap();
		let storage = sp_runtime::Storage {
			top: filled.storage.into_iter().collect(),
			children_default: Default::default(),
		};
		sp_io::TestExternalities::new(storage).execute_with(|| {
			let alice = sp_keyring::Sr25519Keyring::Alice.to_account_id();
			assert_eq!(
				TokenKeys::<Runtime>::get(&alice, 0),
				Some(TokenKey { modulus, issued: 7, spent: 0 })
			);
			assert_eq!(TokenKeys::<Runtime>::iter().count(), 1);
			assert_eq!(pallet_loans::NextLoanId::<Runtime>::get(), 0);
		});
	}
}
