//! Looking a borrower up with their consent (`inquire`): the signature of the account that
//! holds the borrower's identity now, checked and used once; the inquiry appended to the
//! borrower's inquiry log; its fee burned, since the entry is permanent.

use crate::*;
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungible::Mutate,
		tokens::{Fortitude, Precision, Preservation},
	},
};
use loanchain_primitives::VerifiedIdentity;

impl<T: Config> Pallet<T> {
	/// See [`Pallet::inquire`].
	pub(crate) fn do_inquire(who: T::AccountId, consent: InquiryConsentOf<T>) -> DispatchResult {
		let inquirer = T::Identity::verified(&who).ok_or(Error::<T>::NotVerified)?.id_hash;
		let borrower_id = consent.borrower_id;
		ensure!(inquirer != borrower_id, Error::<T>::SelfInquiry);
		// Whoever holds the borrower's identity now consents for it: after a rebind, the new
		// account; the old account's signatures no longer count.
		let borrower =
			T::Identity::account_of(&borrower_id).ok_or(Error::<T>::BorrowerNotVerified)?;
		ensure!(
			!T::Identity::is_frozen(&inquirer) && !T::Identity::is_frozen(&borrower_id),
			Error::<T>::IdentityFrozen
		);
		let now = frame_system::Pallet::<T>::block_number();
		let deadline = Self::check_deadline(consent.deadline, now)?;
		let hash = inquiry_hash(
			Self::genesis_hash().as_ref(),
			&inquirer,
			&borrower_id,
			consent.purpose,
			deadline,
		);
		ensure!(
			!UsedConsents::<T>::contains_key(consent.deadline, hash),
			Error::<T>::ConsentAlreadyUsed
		);
		ensure!(
			consent::signed_by(&consent.signature, &hash, &borrower),
			Error::<T>::ConsentNotSignedByBorrower
		);
		let index = InquiryCount::<T>::get(borrower_id);
		let next = index.checked_add(1).ok_or(Error::<T>::Overflow)?;

		let fee = T::InquiryFee::get();
		T::Currency::burn_from(
			&who,
			fee,
			Preservation::Preserve,
			Precision::Exact,
			Fortitude::Polite,
		)?;
		UsedConsents::<T>::insert(consent.deadline, hash, ());
		let purpose = consent.purpose;
		Inquiries::<T>::insert(
			borrower_id,
			index,
			Inquiry { inquirer_id: inquirer, at: now, purpose },
		);
		InquiryCount::<T>::insert(borrower_id, next);
		Self::deposit_event(Event::Inquired {
			borrower_id,
			index,
			inquirer_id: inquirer,
			purpose,
			fee,
		});
		Ok(())
	}
}
