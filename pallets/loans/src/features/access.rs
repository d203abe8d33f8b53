//! The access market: a viewer's request (free or paid, held in escrow), the lender's grant
//! or refusal, the viewer's reclaim after the deadline, and the refunds when a loan becomes
//! public. Every request stays in the loan's append-only inquiry log.

use crate::*;
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision, Restriction},
		Consideration, Footprint,
	},
};
use loanchain_primitives::VerifiedIdentity;
use sp_runtime::traits::{Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// See [`Pallet::request_access`].
	pub(crate) fn do_request_access(
		viewer: T::AccountId,
		loan_id: LoanId,
		max_price: BalanceOf<T>,
	) -> DispatchResult {
		let loan = Loans::<T>::get(loan_id).ok_or(Error::<T>::UnknownLoan)?;
		let identity = T::Identity::verified(&viewer).ok_or(Error::<T>::ViewerNotVerified)?;
		ensure!(!T::Identity::is_frozen(&identity.id_hash), Error::<T>::IdentityFrozen);
		ensure!(loan.took_effect(), Error::<T>::NotInEffect);
		ensure!(!loan.is_party(&identity.id_hash), Error::<T>::PartyHasAccess);
		ensure!(!AccessGrants::<T>::contains_key(loan_id, &viewer), Error::<T>::AlreadyGranted);
		ensure!(!OpenRequests::<T>::contains_key(loan_id, &viewer), Error::<T>::RequestPending);
		let held = match loan.disclosure {
			Disclosure::Public { .. } => return Err(Error::<T>::AlreadyPublic.into()),
			Disclosure::Paid { price } => price,
			Disclosure::Encrypted => Zero::zero(),
		};
		// The viewer signed the most it pays: a price raised after it looked is refused,
		// never taken.
		ensure!(held <= max_price, Error::<T>::PriceAboveLimit);
		let open = OpenRequestCount::<T>::get(loan_id);
		ensure!(open < T::MaxOpenRequests::get(), Error::<T>::TooManyOpenRequests);
		let index = AccessLogLength::<T>::get(loan_id);
		let next_index = index.checked_add(1).ok_or(Error::<T>::Overflow)?;

		let entry = AccessRequest {
			viewer: viewer.clone(),
			requested_at: frame_system::Pallet::<T>::block_number(),
			held,
			status: RequestStatus::Open,
			closed_at: None,
		};
		let deposit = T::RequestConsideration::new(&viewer, Footprint::from_encodable(&entry))?;
		if !held.is_zero() {
			T::Currency::hold(&HoldReason::AccessPayment.into(), &viewer, held)?;
		}
		AccessRequests::<T>::insert(loan_id, index, entry);
		AccessLogLength::<T>::insert(loan_id, next_index);
		OpenRequests::<T>::insert(loan_id, &viewer, OpenRequest { index, deposit });
		OpenRequestCount::<T>::insert(loan_id, open + 1);
		Self::deposit_event(Event::AccessRequested { loan_id, index, viewer, held });
		Ok(())
	}

	/// See [`Pallet::grant_access`].
	pub(crate) fn do_grant_access(
		who: T::AccountId,
		loan_id: LoanId,
		viewer: T::AccountId,
		envelope: Envelope,
	) -> DispatchResult {
		let loan = Self::lenders_loan(loan_id, &who)?;
		// The caller is the account that holds the lender's identity now: it is paid.
		Self::grant(loan_id, &loan, &who, viewer, envelope)
	}

	/// Stores `envelope` for `viewer` on `loan`, whose lender's authority was checked; an
	/// open request's payment goes to `payee`.
	pub(crate) fn grant(
		loan_id: LoanId,
		loan: &LoanOf<T>,
		payee: &T::AccountId,
		viewer: T::AccountId,
		envelope: Envelope,
	) -> DispatchResult {
		ensure!(loan.took_effect(), Error::<T>::NotInEffect);
		let identity = T::Identity::verified(&viewer).ok_or(Error::<T>::ViewerNotVerified)?;
		ensure!(!loan.is_party(&identity.id_hash), Error::<T>::PartyHasAccess);
		ensure!(!AccessGrants::<T>::contains_key(loan_id, &viewer), Error::<T>::AlreadyGranted);

		let paid = match Self::take_open_request(loan_id, &viewer) {
			Ok(open) => {
				Self::close_request(loan_id, &viewer, open, RequestStatus::Granted, Some(payee))?
			},
			Err(_) => Zero::zero(),
		};
		AccessGrants::<T>::insert(loan_id, &viewer, envelope);
		Self::deposit_event(Event::AccessGranted { loan_id, viewer, paid });
		Ok(())
	}

	/// See [`Pallet::decline_access`].
	pub(crate) fn do_decline_access(
		who: T::AccountId,
		loan_id: LoanId,
		viewer: T::AccountId,
	) -> DispatchResult {
		Self::lenders_loan(loan_id, &who)?;
		Self::decline_request(loan_id, viewer)
	}

	/// Closes `viewer`'s open request on loan `loan_id`, refunded; the lender's authority
	/// was checked.
	pub(crate) fn decline_request(loan_id: LoanId, viewer: T::AccountId) -> DispatchResult {
		let open = Self::take_open_request(loan_id, &viewer)?;
		let refunded = Self::close_request(loan_id, &viewer, open, RequestStatus::Declined, None)?;
		Self::deposit_event(Event::AccessDeclined { loan_id, viewer, refunded });
		Ok(())
	}

	/// See [`Pallet::reclaim`].
	pub(crate) fn do_reclaim(viewer: T::AccountId, loan_id: LoanId) -> DispatchResult {
		let open = Self::take_open_request(loan_id, &viewer)?;
		let requested_at = AccessRequests::<T>::get(loan_id, open.index)
			.ok_or(Error::<T>::NoOpenRequest)?
			.requested_at;
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(
			now >= requested_at.saturating_add(Self::days_in_blocks(T::AccessDeadline::get())),
			Error::<T>::DeadlineNotReached
		);
		let refunded = Self::close_request(loan_id, &viewer, open, RequestStatus::Reclaimed, None)?;
		Self::deposit_event(Event::AccessReclaimed { loan_id, viewer, refunded });
		Ok(())
	}

	/// Removes `viewer`'s open request on `loan_id` from the open ones, to be closed by
	/// [`Self::close_request`] in the same call.
	pub(crate) fn take_open_request(
		loan_id: LoanId,
		viewer: &T::AccountId,
	) -> Result<OpenRequestOf<T>, DispatchError> {
		let open = OpenRequests::<T>::take(loan_id, viewer).ok_or(Error::<T>::NoOpenRequest)?;
		OpenRequestCount::<T>::mutate_exists(loan_id, |count| {
			*count = count.map(|n| n.saturating_sub(1)).filter(|n| *n > 0);
		});
		Ok(open)
	}

	/// Closes `viewer`'s request `open` as `status`: its log entry records the answer,
	/// the deposit returns to the viewer, and the held price is released to the viewer —
	/// or, for a grant, paid to `lender`. Returns the price moved.
	pub(crate) fn close_request(
		loan_id: LoanId,
		viewer: &T::AccountId,
		open: OpenRequestOf<T>,
		status: RequestStatus,
		lender: Option<&T::AccountId>,
	) -> Result<BalanceOf<T>, DispatchError> {
		let mut entry =
			AccessRequests::<T>::get(loan_id, open.index).ok_or(Error::<T>::NoOpenRequest)?;
		let reason = HoldReason::AccessPayment.into();
		let moved = match lender {
			_ if entry.held.is_zero() => Zero::zero(),
			Some(lender) => T::Currency::transfer_on_hold(
				&reason,
				viewer,
				lender,
				entry.held,
				Precision::Exact,
				Restriction::Free,
				Fortitude::Polite,
			)?,
			None => T::Currency::release(&reason, viewer, entry.held, Precision::Exact)?,
		};
		open.deposit.drop(viewer)?;
		entry.status = status;
		entry.closed_at = Some(frame_system::Pallet::<T>::block_number());
		AccessRequests::<T>::insert(loan_id, open.index, entry);
		Ok(moved)
	}

	/// When `disclosure` is public, closes every open request on the loan as `Published`
	/// and refunds it: anyone can read the details now. At most `MaxOpenRequests`.
	/// Returns how many were refunded, for the weight.
	pub(crate) fn refund_if_public(
		loan_id: LoanId,
		disclosure: &Disclosure<BalanceOf<T>>,
	) -> Result<u32, DispatchError> {
		if !matches!(disclosure, Disclosure::Public { .. }) {
			return Ok(0);
		}
		// `OpenRequestCount` keeps this at most `MaxOpenRequests`.
		let open: alloc::vec::Vec<_> = OpenRequests::<T>::drain_prefix(loan_id).collect();
		OpenRequestCount::<T>::remove(loan_id);
		let count = open.len() as u32;
		for (viewer, request) in open {
			let refunded =
				Self::close_request(loan_id, &viewer, request, RequestStatus::Published, None)?;
			Self::deposit_event(Event::AccessRefunded { loan_id, viewer, refunded });
		}
		Ok(count)
	}
}
