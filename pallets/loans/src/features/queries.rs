//! What clients read through the runtime API: a borrower's summary, a loan as the parties
//! see it, and a loan's inquiry log, each bounded by its page size.

use crate::*;
use frame_system::pallet_prelude::*;
use loanchain_primitives::VerifiedIdentity;

impl<T: Config> Pallet<T> {
	/// Borrower `id_hash`'s summary: the loans that took effect, from loan id `start` on,
	/// at most `limit`, in loan id order — time and disclosure level only. Reads the
	/// history index alone, never the loan records.
	pub fn borrower_summary(
		id_hash: &IdHash,
		start: LoanId,
		limit: u32,
	) -> alloc::vec::Vec<SummaryEntry<BalanceOf<T>>> {
		let mut entries = alloc::vec::Vec::new();
		if limit == 0 {
			return entries;
		}
		let line = |loan_id: LoanId, entry: HistoryEntry<BalanceOf<T>>| SummaryEntry {
			loan_id,
			at: entry.at,
			disclosure: entry.disclosure,
		};
		if let Some(entry) = BorrowerLoans::<T>::get(id_hash, loan_key(start)) {
			entries.push(line(start, entry));
		}
		// Keys iterate in loan id order (see `BorrowerLoans`): continue after `start`.
		let after = BorrowerLoans::<T>::hashed_key_for(id_hash, loan_key(start));
		entries.extend(
			BorrowerLoans::<T>::iter_prefix_from(id_hash, after)
				.map(|(key, entry)| line(LoanId::from_be_bytes(key), entry))
				.take(limit as usize - entries.len()),
		);
		entries
	}

	/// A loan as clients see it.
	pub fn loan_view(
		loan_id: LoanId,
	) -> Option<LoanView<T::AccountId, BlockNumberFor<T>, BalanceOf<T>>> {
		let mut loan = Loans::<T>::get(loan_id)?;
		// A public lender's identity always has an account; a private lender has none here.
		let lender = match loan.lender_id() {
			Some(lender_id) => Some(T::Identity::account_of(lender_id)?),
			None => None,
		};
		let borrower = T::Identity::account_of(&loan.borrower_id)?;
		// Past its maturity a loan awaits feedback, whether or not its prompt is out yet.
		loan.state = loan.state_at(frame_system::Pallet::<T>::block_number());
		Some(loan.into_view(loan_id, lender, borrower))
	}

	/// A loan's inquiry log from entry `start` on, at most `limit` entries (capped at
	/// [`MAX_ACCESS_LOG_PAGE`]), oldest first: at most that many storage reads.
	pub fn access_log(
		loan_id: LoanId,
		start: RequestIndex,
		limit: u32,
	) -> alloc::vec::Vec<(RequestIndex, AccessRequestOf<T>)> {
		let end = AccessLogLength::<T>::get(loan_id)
			.min(start.saturating_add(limit.min(MAX_ACCESS_LOG_PAGE)));
		(start..end)
			.filter_map(|index| AccessRequests::<T>::get(loan_id, index).map(|e| (index, e)))
			.collect()
	}
}
