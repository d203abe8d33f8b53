//! # Loans runtime API
//!
//! What clients ask of the loan record. Declared with `decl_runtime_apis!`, so that
//! metadata v15+ describes it and polkadot.js (apps' *Developer → Runtime calls*, or
//! `api.call.loansApi.*`) calls it without custom types. The node's `loans_*` JSON-RPC
//! methods are built on it.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;
pub use pallet_loans::{
	AccessRequest, Envelope, IdHash, LoanId, LoanView, PrivateExtension, RequestIndex, SummaryEntry,
};

sp_api::decl_runtime_apis! {
	/// Queries of the loan record. Version 2 added `access_grant`, version 3
	/// `sealed_extensions`.
	#[api_version(3)]
	pub trait LoansApi<AccountId, Balance, BlockNumber>
	where
		AccountId: Codec,
		Balance: Codec,
		BlockNumber: Codec,
	{
		/// The loans of borrower `id_hash` that took effect, from loan id `start` on, at most
		/// `limit` (capped at [`pallet_loans::MAX_SUMMARY_PAGE`]), in loan id order: the time
		/// each took effect and how its details can be had. Never the lender, the amount or
		/// the outcome.
		fn borrower_summary(id_hash: IdHash, start: LoanId, limit: u32) -> Vec<SummaryEntry<Balance>>;

		/// A loan, proposed or in effect.
		fn loan(loan_id: LoanId) -> Option<LoanView<AccountId, BlockNumber, Balance>>;

		/// A loan's inquiry log — who asked for its details, when, and the answer — from
		/// entry `start` on, at most `limit` entries (capped at
		/// [`pallet_loans::MAX_ACCESS_LOG_PAGE`]), oldest first, each with its index. The
		/// next page starts after the last index returned.
		fn access_requests(loan_id: LoanId, start: RequestIndex, limit: u32) -> Vec<(RequestIndex, AccessRequest<AccountId, BlockNumber, Balance>)>;

		/// The envelope the lender of `loan_id` granted to `viewer`: the loan's content key
		/// sealed to the viewer's registered X25519 key, which only the viewer opens.
		/// Since version 2.
		fn access_grant(loan_id: LoanId, viewer: AccountId) -> Option<Envelope>;

		/// A private lender's loan's extensions (`Loans.SealedExtensions`), oldest first:
		/// each offer sealed under the loan's content key, when it was offered and when the
		/// borrower confirmed it. At most `MaxExtensions`; empty for a public lender's loan,
		/// whose extensions are in `loan`.
		#[api_version(3)]
		fn sealed_extensions(loan_id: LoanId) -> Vec<PrivateExtension<BlockNumber>>;
	}
}
