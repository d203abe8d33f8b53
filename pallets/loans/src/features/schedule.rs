//! The chain's clock for loans: chain days in blocks, the maturity agenda worked through by
//! the block hook (the feedback prompts), and the expiry of proposals nobody accepted.

use crate::*;
use frame_support::pallet_prelude::*;
use frame_system::pallet_prelude::*;
use loanchain_primitives::VerifiedIdentity;
use sp_runtime::traits::{CheckedAdd, One, Saturating};

impl<T: Config> Pallet<T> {
	/// `days` chain days in blocks, saturating. Every duration of the chain is counted in
	/// chain days, so that a dev chain with short days walks through all of them.
	pub fn days_in_blocks(days: u32) -> BlockNumberFor<T> {
		days.saturating_mul(BlocksPerDay::<T>::get()).into()
	}

	/// The block `days` days after `from`.
	pub(crate) fn days_from(
		from: BlockNumberFor<T>,
		days: u32,
	) -> Result<BlockNumberFor<T>, Error<T>> {
		let blocks = days.checked_mul(BlocksPerDay::<T>::get()).ok_or(Error::<T>::Overflow)?;
		let blocks: BlockNumberFor<T> = blocks.into();
		from.checked_add(&blocks).ok_or(Error::<T>::Overflow)
	}

	/// Processes what fell due, oldest first, up to `MaxMaturitiesPerBlock` entries.
	/// Returns the blocks looked at and the entries processed, for the weight.
	pub(crate) fn process_agenda(now: BlockNumberFor<T>) -> (u32, u32) {
		let budget = T::MaxMaturitiesPerBlock::get();
		let mut cursor = AgendaCursor::<T>::get().unwrap_or(now);
		let mut processed = 0u32;
		// Each step reads one block's agenda; a cursor that fell behind catches up at
		// most this many blocks at a time, so the hook's weight stays bounded.
		let max_steps = budget.saturating_add(1);
		let mut steps = 0u32;
		while cursor <= now && steps < max_steps {
			steps += 1;
			let due: alloc::vec::Vec<LoanId> = Agenda::<T>::iter_key_prefix(cursor)
				.take((budget - processed) as usize)
				.collect();
			for loan_id in &due {
				Agenda::<T>::remove(cursor, loan_id);
				Self::mature(*loan_id);
			}
			processed += due.len() as u32;
			if processed >= budget {
				// This block's agenda may hold more: the next block carries on here.
				break;
			}
			cursor = cursor.saturating_add(One::one());
		}
		AgendaCursor::<T>::put(cursor);
		(steps, processed)
	}

	pub(crate) fn mature(loan_id: LoanId) {
		Loans::<T>::mutate(loan_id, |loan| {
			let Some(loan) = loan else { return };
			match loan.state {
				LoanState::Active => loan.state = LoanState::AwaitingFeedback,
				// The borrower has an offer to answer; the lender is prompted all the same.
				LoanState::ExtensionProposed { .. } => {},
				_ => return,
			}
			// A lender identity is verified, and a verified identity always has an account.
			// A private lender's loan has no maturity on chain, so it never comes here.
			if let Some(lender) = loan.lender_id().and_then(T::Identity::account_of) {
				Self::deposit_event(Event::FeedbackDue { loan_id, lender });
			}
		});
	}

	/// The weight of an expiry pass that stepped over `stepped_over` ids and removed
	/// `expired` proposals: both benchmarks include the pass's fixed cost (reading and
	/// moving the cursor), which is counted once.
	pub(crate) fn expiry_weight(stepped_over: u32, expired: u32) -> Weight {
		T::WeightInfo::expire_proposals(expired)
			.saturating_add(T::WeightInfo::pass_settled_loans(stepped_over))
			.saturating_sub(T::WeightInfo::pass_settled_loans(0))
	}

	/// Moves the expiry cursor over the loan ids whose proposals are settled: stepping
	/// over loans that were accepted or withdrawn, removing proposals that expired by
	/// `now`, and stopping at the first proposal still open (every later one expires no
	/// earlier) or after `MaxExpiryScanPerBlock` ids. Returns the ids stepped over and
	/// the proposals removed, for the weight.
	pub(crate) fn expire_proposals(now: BlockNumberFor<T>) -> (u32, u32) {
		let next = NextLoanId::<T>::get();
		let mut cursor = ExpiryCursor::<T>::get();
		if PendingProposals::<T>::get() == 0 {
			// Nothing to expire: every id up to `next` is settled.
			if cursor < next {
				ExpiryCursor::<T>::put(next);
			}
			return (0, 0);
		}
		let (mut stepped_over, mut expired) = (0u32, 0u32);
		while cursor < next && stepped_over + expired < T::MaxExpiryScanPerBlock::get() {
			match Loans::<T>::get(cursor).map(|loan| loan.state) {
				Some(LoanState::Proposed { expires_at }) if expires_at > now => break,
				Some(LoanState::Proposed { .. }) => {
					if let Err(error) = Self::release_proposal_deposit(cursor) {
						// A held deposit can always be released; were it not, the proposal
						// goes all the same and the deposit stays held, not lost.
						log::error!(target: "runtime::loans", "proposal {cursor}: {error:?}");
					}
					Loans::<T>::remove(cursor);
					Self::deposit_event(Event::ProposalExpired { loan_id: cursor });
					expired += 1;
				},
				// Accepted (its record stays for good) or withdrawn: nothing to do.
				_ => stepped_over += 1,
			}
			cursor += 1;
		}
		if stepped_over + expired > 0 {
			ExpiryCursor::<T>::put(cursor);
		}
		(stepped_over, expired)
	}
}
