//! Disclosure: how far the lender has opened a loan's details (encrypted, paid, public), the
//! check that a published key opens them, and the borrower's public summary line that
//! follows the level.

use crate::*;
use frame_support::{pallet_prelude::*, traits::fungible::Inspect};
use sp_runtime::traits::Zero;

impl<T: Config> Pallet<T> {
	/// See [`Pallet::set_disclosure`].
	pub(crate) fn do_set_disclosure(
		who: T::AccountId,
		loan_id: LoanId,
		disclosure: Disclosure<BalanceOf<T>>,
	) -> DispatchResultWithPostInfo {
		let loan = Self::lenders_loan(loan_id, &who)?;
		Self::disclose(loan_id, loan, disclosure)
	}

	/// Opens `loan`'s details further; its lender's authority was checked.
	pub(crate) fn disclose(
		loan_id: LoanId,
		mut loan: LoanOf<T>,
		disclosure: Disclosure<BalanceOf<T>>,
	) -> DispatchResultWithPostInfo {
		let details_len = loan.details.ciphertext.len() as u32;
		ensure!(loan.took_effect(), Error::<T>::NotInEffect);
		ensure!(
			disclosure.openness() > loan.disclosure.openness(),
			Error::<T>::DisclosureNotMoreOpen
		);
		Self::check_disclosure(loan_id, &loan, &disclosure)?;
		loan.disclosure = disclosure;
		Self::write_history_entry(loan_id, &loan);
		Loans::<T>::insert(loan_id, loan);
		Self::deposit_event(Event::DisclosureChanged { loan_id, disclosure });
		let refunded = Self::refund_if_public(loan_id, &disclosure)?;
		Ok(Some(T::WeightInfo::set_disclosure(details_len, refunded)).into())
	}

	/// Checks that `disclosure` can apply to `loan`: a published key must open the
	/// details and, once there is one, the outcome.
	pub(crate) fn check_disclosure(
		loan_id: LoanId,
		loan: &LoanOf<T>,
		disclosure: &Disclosure<BalanceOf<T>>,
	) -> DispatchResult {
		let content_key = match disclosure {
			Disclosure::Encrypted => return Ok(()),
			Disclosure::Paid { price } => {
				ensure!(!price.is_zero(), Error::<T>::ZeroPrice);
				ensure!(*price >= T::Currency::minimum_balance(), Error::<T>::PriceBelowMinimum);
				return Ok(());
			},
			Disclosure::Public { content_key } => content_key,
		};
		ensure!(
			loanchain_sealing::key_opens_details(
				content_key,
				&loan.details.key_commitment,
				&loan.details.nonce,
				&loan.details.ciphertext,
				&loan.borrower_id,
			),
			Error::<T>::KeyDoesNotOpenDetails
		);
		if let Some(outcome) = &loan.outcome {
			loanchain_sealing::open_outcome(
				content_key,
				&outcome.nonce,
				&outcome.ciphertext,
				loan_id,
			)
			.map_err(|_| Error::<T>::KeyDoesNotOpenOutcome)?;
		}
		Ok(())
	}

	/// Writes `loan`'s summary line into its borrower's history. Every call that
	/// activates a loan or changes its disclosure calls this, so the line never lags
	/// behind the record.
	pub(crate) fn write_history_entry(loan_id: LoanId, loan: &LoanOf<T>) {
		BorrowerLoans::<T>::insert(loan.borrower_id, loan_key(loan_id), Self::history_entry(loan));
	}

	/// The summary line a loan that took effect shows in its borrower's history.
	pub(crate) fn history_entry(loan: &LoanOf<T>) -> HistoryEntry<BalanceOf<T>> {
		HistoryEntry {
			at: loan.activated.as_ref().map_or(0, |activation| activation.time_ms),
			disclosure: (&loan.disclosure).into(),
		}
	}
}
