//! A private lender's extensions: the lender offers extra days sealed under the loan's
//! content key (`LenderAct::ProposeExtension`), and the borrower confirms exactly that
//! offer by its hash (`confirm_sealed_extension`) or declines it (`decline_extension`).
//! The chain keeps each offer, when it was made and when it was confirmed — never the
//! days, which would tell the period, nor a maturity: the lender's client computes the
//! new maturity from the sealed days, as it computes the first from the sealed period.

use crate::*;
use frame_support::pallet_prelude::*;

impl<T: Config> Pallet<T> {
	/// Stores `offer` as loan `loan_id`'s next extension offer, in place of an offer the
	/// borrower has not confirmed. The lender's authority (its per-loan key) was checked.
	pub(crate) fn offer_sealed_extension(
		loan_id: LoanId,
		loan: &LoanOf<T>,
		offer: SealedExtension,
	) -> DispatchResult {
		ensure!(Self::is_running(&loan.state), Error::<T>::NotRunning);
		ensure!(offer.nonce != loan.details.nonce, Error::<T>::ExtensionNonceReused);
		let now = frame_system::Pallet::<T>::block_number();
		let index = SealedExtensions::<T>::try_mutate(loan_id, |list| -> Result<u32, Error<T>> {
			ensure!(
				list.iter().all(|extension| extension.offer.nonce != offer.nonce),
				Error::<T>::ExtensionNonceReused
			);
			let extension = PrivateExtension { offer, offered_at: now, confirmed_at: None };
			match list.last_mut() {
				Some(open) if open.confirmed_at.is_none() => *open = extension,
				_ => list.try_push(extension).map_err(|_| Error::<T>::TooManyExtensions)?,
			}
			Ok(list.len().saturating_sub(1) as u32)
		})?;
		Self::deposit_event(Event::SealedExtensionProposed { loan_id, index });
		Ok(())
	}

	/// See [`Pallet::confirm_sealed_extension`].
	pub(crate) fn do_confirm_sealed_extension(
		who: T::AccountId,
		loan_id: LoanId,
		offer_hash: [u8; 32],
	) -> DispatchResult {
		let loan = Loans::<T>::get(loan_id).ok_or(Error::<T>::UnknownLoan)?;
		Self::ensure_holds(&loan.borrower_id, &who, Error::<T>::NotTheBorrower)?;
		ensure!(matches!(loan.lender, Lender::Private(_)), Error::<T>::NotPrivateLender);
		ensure!(Self::is_running(&loan.state), Error::<T>::NotRunning);
		let now = frame_system::Pallet::<T>::block_number();
		let genesis_hash = Self::genesis_hash();
		let index = SealedExtensions::<T>::try_mutate(loan_id, |list| -> Result<u32, Error<T>> {
			let index = list.len().saturating_sub(1) as u32;
			let open = list
				.last_mut()
				.filter(|open| open.confirmed_at.is_none())
				.ok_or(Error::<T>::NoExtensionProposed)?;
			let offered = loanchain_sealing::extension_hash(
				genesis_hash.as_ref(),
				loan_id,
				index,
				&open.offer.nonce,
				&open.offer.ciphertext,
			);
			ensure!(offered == offer_hash, Error::<T>::ExtensionNotOffered);
			open.confirmed_at = Some(now);
			Ok(index)
		})?;
		Self::deposit_event(Event::SealedExtensionConfirmed { loan_id, index });
		Ok(())
	}

	/// Removes loan `loan_id`'s unconfirmed sealed offer; the borrower's authority was
	/// checked. Declined offers are not part of the record, as a public lender's are not.
	pub(crate) fn decline_sealed_extension(loan_id: LoanId) -> DispatchResult {
		let index = SealedExtensions::<T>::try_mutate_exists(loan_id, |stored| {
			let list = stored.as_mut().ok_or(Error::<T>::NoExtensionProposed)?;
			ensure!(
				list.last().is_some_and(|open| open.confirmed_at.is_none()),
				Error::<T>::NoExtensionProposed
			);
			list.pop();
			let index = list.len() as u32;
			if list.is_empty() {
				*stored = None;
			}
			Ok::<_, Error<T>>(index)
		})?;
		Self::deposit_event(Event::SealedExtensionDeclined { loan_id, index });
		Ok(())
	}

	/// Whether `nonce` seals one of loan `loan_id`'s extension offers: an outcome must not
	/// be sealed under it.
	pub(crate) fn seals_an_extension(loan_id: LoanId, nonce: &Nonce) -> bool {
		SealedExtensions::<T>::get(loan_id)
			.iter()
			.any(|extension| extension.offer.nonce == *nonce)
	}
}
