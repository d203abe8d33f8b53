//! The pallet's invariants (`try_state`), checked after every test and by
//! `scripts/try-runtime.sh` over a live chain's state.

use crate::*;
use frame_support::pallet_prelude::*;

impl<T: Config> Pallet<T> {
	/// Checks the pallet's invariants.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let next = NextLoanId::<T>::get();
		let expiry_cursor = ExpiryCursor::<T>::get();
		ensure!(expiry_cursor <= next, "the expiry cursor is beyond NextLoanId");
		for (loan_id, loan) in Loans::<T>::iter() {
			ensure!(loan_id < next, "a loan id at or beyond NextLoanId");
			ensure!(
				loan_id >= expiry_cursor || loan.took_effect(),
				"a pending proposal behind the expiry cursor"
			);
			ensure!(loan.lender_id() != Some(&loan.borrower_id), "a loan lends to its lender");
			match &loan.lender {
				Lender::Identity(_) => {},
				Lender::Private(private) => {
					ensure!(
						LenderKeys::<T>::get(private.key) == Some(loan_id),
						"a private lender's key does not lead to its loan"
					);
					ensure!(loan.took_effect(), "a private lender's loan that did not take effect");
					ensure!(
						loan.maturity.is_none(),
						"a private lender's loan with a public maturity"
					);
					ensure!(
						private.acts <= T::MaxLenderActs::get(),
						"more lender acts than allowed"
					);
					ensure!(
						loan.extensions.is_empty(),
						"a private lender's loan with public extensions"
					);
				},
			}
			let history = BorrowerLoans::<T>::get(loan.borrower_id, loan_key(loan_id));
			ensure!(
				history.is_some() == loan.took_effect(),
				"the credit history and the loan disagree"
			);
			if let Some(entry) = history {
				ensure!(
					entry == Self::history_entry(&loan),
					"a history entry disagrees with its loan"
				);
			}
			if let Some(lender_id) = loan.lender_id() {
				ensure!(
					LenderLoans::<T>::contains_key(lender_id, loan_key(loan_id))
						== loan.took_effect(),
					"the lender index and the loan disagree"
				);
			}
			ensure!(
				matches!(loan.state, LoanState::Proposed { .. }) != loan.took_effect(),
				"a proposal that took effect, or a running loan that did not"
			);
			ensure!(
				(loan.state == LoanState::Concluded) == loan.outcome.is_some(),
				"an outcome without conclusion, or a conclusion without outcome"
			);
			ensure!(
				ProposalDeposits::<T>::contains_key(loan_id) != loan.took_effect(),
				"a pending proposal without its deposit, or a deposit kept after it"
			);
		}
		ensure!(
			PendingProposals::<T>::get() as usize == ProposalDeposits::<T>::iter().count(),
			"the count of pending proposals is wrong"
		);
		let consent_cursor = ConsentCursor::<T>::get();
		ensure!(
			UsedConsents::<T>::iter_keys().all(|(deadline, _)| deadline >= consent_cursor),
			"a used consent behind the consent cursor"
		);
		for (loan_id, _) in ProposalDeposits::<T>::iter() {
			ensure!(Loans::<T>::contains_key(loan_id), "a deposit for a removed proposal");
		}
		for (loan_id, length) in AccessLogLength::<T>::iter() {
			let mut open = 0u32;
			for index in 0..length {
				let entry =
					AccessRequests::<T>::get(loan_id, index).ok_or("the inquiry log has a gap")?;
				if entry.status == RequestStatus::Open {
					open += 1;
					ensure!(
						OpenRequests::<T>::get(loan_id, &entry.viewer)
							.is_some_and(|o| o.index == index),
						"an open entry of the log is not the viewer's open request"
					);
				}
			}
			ensure!(
				open == OpenRequestCount::<T>::get(loan_id)
					&& open == OpenRequests::<T>::iter_prefix(loan_id).count() as u32,
				"the open requests and their count disagree"
			);
			ensure!(open <= T::MaxOpenRequests::get(), "more open requests than allowed");
		}
		for (key, loan_id) in LenderKeys::<T>::iter() {
			ensure!(
				Loans::<T>::get(loan_id).is_some_and(
					|loan| matches!(loan.lender, Lender::Private(ref p) if p.key == key)
				),
				"a per-loan key leads to a loan it is not the key of"
			);
		}
		for (loan_id, extensions) in SealedExtensions::<T>::iter() {
			let loan = Loans::<T>::get(loan_id).ok_or("sealed extensions of a missing loan")?;
			ensure!(
				matches!(loan.lender, Lender::Private(_)),
				"sealed extensions of a public lender's loan"
			);
			ensure!(!extensions.is_empty(), "an empty list of sealed extensions is stored");
			ensure!(
				extensions.iter().rev().skip(1).all(|e| e.confirmed_at.is_some()),
				"a sealed extension waits before the last"
			);
			for (i, extension) in extensions.iter().enumerate() {
				ensure!(
					extension.confirmed_at.is_none_or(|at| at >= extension.offered_at),
					"a sealed extension confirmed before it was offered"
				);
				let nonce = extension.offer.nonce;
				ensure!(
					nonce != loan.details.nonce
						&& loan.outcome.is_none_or(|outcome| outcome.nonce != nonce)
						&& extensions.iter().skip(i + 1).all(|later| later.offer.nonce != nonce),
					"a nonce seals two things of one loan"
				);
			}
		}
		for (lender_id, key, _) in LenderLoans::<T>::iter() {
			let loan = Loans::<T>::get(LoanId::from_be_bytes(key))
				.ok_or("the lender index names a missing loan")?;
			ensure!(loan.lender_id() == Some(&lender_id), "a loan is listed under another lender");
		}
		for (id_hash, key, _) in BorrowerLoans::<T>::iter() {
			let loan = Loans::<T>::get(LoanId::from_be_bytes(key))
				.ok_or("the credit history names a missing loan")?;
			ensure!(loan.borrower_id == id_hash, "a loan is listed under another borrower");
		}
		let now = frame_system::Pallet::<T>::block_number();
		for (borrower_id, count) in InquiryCount::<T>::iter() {
			ensure!(
				Inquiries::<T>::iter_prefix(borrower_id).count() as u32 == count,
				"an inquiry log and its length disagree"
			);
			for index in 0..count {
				let entry =
					Inquiries::<T>::get(borrower_id, index).ok_or("an inquiry log has a gap")?;
				ensure!(entry.inquirer_id != borrower_id, "an identity inquired about itself");
				ensure!(entry.at <= now, "an inquiry in the future");
			}
		}
		ensure!(
			Inquiries::<T>::iter_keys().all(|(id, _)| InquiryCount::<T>::contains_key(id)),
			"an inquiry log without a length"
		);
		Ok(())
	}
}
