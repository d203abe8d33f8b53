//! Lender tokens: the anonymous credential of a private lender (docs/privacy.md, "How the
//! lender stays private").
//!
//! A registrar publishes an RSA-2048 key per token epoch (a chain day). A verified identity
//! pays for a bundle of blinded tokens; the registrar answers with blind signatures, which
//! the chain checks (RSAVP1, natively: `loanchain-crypto`) and counts under the key before
//! it lets the fee go. The identity's client unblinds them into tokens (RFC 9474) that
//! nobody can link to the request; the loans pallet spends one per private loan
//! ([`LenderTokens`]), and the chain never lets more tokens of a key be spent than it saw
//! the key issue.
//!
//! Keys are few and short-lived: a registrar sets the key of the current epoch or the next
//! one, once; each new key removes the registrar's keys whose window has closed, so a
//! registrar has at most [`MAX_TOKEN_KEYS`] at a time, and removing a registrar removes
//! its keys.

use crate::pallet::*;
use crate::types::*;
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision},
	},
};
use loanchain_crypto::loanchain_rsa;
use loanchain_primitives::LenderTokens;
use sp_runtime::traits::{Saturating, UniqueSaturatedInto, Zero};

/// The most token keys a registrar has at a time: those of the epoch before the current
/// one (its tokens are still good), the current one and the next.
pub const MAX_TOKEN_KEYS: u32 = 3;

/// A request for tokens as this runtime stores it.
pub type TokenRequestOf<T> = TokenRequest<<T as frame_system::Config>::AccountId, BalanceOf<T>>;

impl<T: Config> Pallet<T> {
	/// The current token epoch: the chain day, counted from genesis.
	pub fn current_token_epoch() -> TokenEpoch {
		let day = T::BlocksPerDay::get().max(1u32.into());
		(frame_system::Pallet::<T>::block_number() / day).unique_saturated_into()
	}

	pub(crate) fn do_set_token_key(
		registrar: T::AccountId,
		epoch: TokenEpoch,
		modulus: TokenRsaBlock,
	) -> DispatchResult {
		ensure!(loanchain_crypto::is_well_formed_modulus(&modulus), Error::<T>::MalformedTokenKey);
		let current = Self::current_token_epoch();
		ensure!(
			epoch == current || epoch == current.saturating_add(1),
			Error::<T>::TokenEpochOutOfRange
		);
		ensure!(!TokenKeys::<T>::contains_key(&registrar, epoch), Error::<T>::TokenKeyAlreadySet);
		// Keys whose tokens are no longer good: at most the registrar's `MAX_TOKEN_KEYS`.
		let closed: alloc::vec::Vec<TokenEpoch> = TokenKeys::<T>::iter_key_prefix(&registrar)
			.filter(|old| old.saturating_add(1) < current)
			.collect();
		for old in closed {
			TokenKeys::<T>::remove(&registrar, old);
		}
		TokenKeys::<T>::insert(&registrar, epoch, TokenKey { modulus, issued: 0, spent: 0 });
		Self::deposit_event(Event::TokenKeySet { registrar, epoch });
		Ok(())
	}

	pub(crate) fn do_request_lender_tokens(
		requester: T::AccountId,
		registrar: T::AccountId,
		epoch: TokenEpoch,
		blinded: BoundedVec<TokenRsaBlock, ConstU32<MAX_LENDER_TOKEN_BUNDLE>>,
	) -> DispatchResult {
		let id_hash = Self::eligible_lender(&requester).ok_or(Error::<T>::NotVerified)?;
		ensure!(!Frozen::<T>::contains_key(id_hash), Error::<T>::IdentityFrozen);
		let count = blinded.len() as u32;
		ensure!(LENDER_TOKEN_BUNDLES.contains(&count), Error::<T>::UnsupportedBundleSize);
		ensure!(epoch >= Self::current_token_epoch(), Error::<T>::TokenEpochOutOfRange);
		let key = TokenKeys::<T>::get(&registrar, epoch).ok_or(Error::<T>::NoTokenKey)?;
		ensure!(
			blinded
				.iter()
				.all(|token| loanchain_crypto::is_below_modulus(token, &key.modulus)),
			Error::<T>::MalformedBlindedToken
		);

		let held = T::LenderTokenPrice::get().saturating_mul(count.into());
		T::Currency::hold(&HoldReason::LenderTokens.into(), &requester, held)?;
		let request = NextTokenRequest::<T>::mutate(|next| {
			let this = *next;
			*next = next.saturating_add(1);
			this
		});
		TokenRequests::<T>::insert(
			request,
			TokenRequest {
				requester: requester.clone(),
				id_hash,
				registrar: registrar.clone(),
				epoch,
				blinded,
				held,
			},
		);
		Self::deposit_event(Event::LenderTokensRequested {
			request,
			who: requester,
			id_hash,
			registrar,
			epoch,
			count,
			held,
		});
		Ok(())
	}

	pub(crate) fn do_issue_lender_tokens(
		registrar: T::AccountId,
		request: u64,
		blind_signatures: BoundedVec<TokenRsaBlock, ConstU32<MAX_LENDER_TOKEN_BUNDLE>>,
	) -> DispatchResult {
		let pending = TokenRequests::<T>::get(request).ok_or(Error::<T>::UnknownTokenRequest)?;
		ensure!(pending.registrar == registrar, Error::<T>::NotTheRequestedRegistrar);
		ensure!(Self::current_token_epoch() <= pending.epoch, Error::<T>::TokenEpochOutOfRange);
		// The identity may have moved, been frozen or its registrar removed since it asked.
		ensure!(
			Self::eligible_lender(&pending.requester) == Some(pending.id_hash)
				&& !Frozen::<T>::contains_key(pending.id_hash),
			Error::<T>::RequesterNoLongerEligible
		);
		let mut key =
			TokenKeys::<T>::get(&registrar, pending.epoch).ok_or(Error::<T>::NoTokenKey)?;
		ensure!(
			blind_signatures.len() == pending.blinded.len(),
			Error::<T>::WrongNumberOfBlindSignatures
		);
		for (blinded, blind_signature) in pending.blinded.iter().zip(blind_signatures.iter()) {
			ensure!(
				loanchain_rsa::blind_signature_matches(&key.modulus, blinded, blind_signature),
				Error::<T>::InvalidBlindSignature
			);
		}

		let count = pending.blinded.len() as u32;
		let fee = T::Currency::burn_held(
			&HoldReason::LenderTokens.into(),
			&pending.requester,
			pending.held,
			Precision::BestEffort,
			Fortitude::Force,
		)?;
		key.issued = key.issued.saturating_add(count);
		TokenKeys::<T>::insert(&registrar, pending.epoch, key);
		TokenRequests::<T>::remove(request);
		Self::deposit_event(Event::LenderTokensIssued {
			request,
			registrar,
			epoch: pending.epoch,
			count,
			fee,
			blind_signatures,
		});
		Ok(())
	}

	pub(crate) fn do_reclaim_lender_tokens(who: T::AccountId, request: u64) -> DispatchResult {
		let pending = TokenRequests::<T>::get(request).ok_or(Error::<T>::UnknownTokenRequest)?;
		ensure!(pending.requester == who, Error::<T>::NotTheRequester);
		let answerable = Self::current_token_epoch() <= pending.epoch
			&& TokenKeys::<T>::contains_key(&pending.registrar, pending.epoch)
			&& Self::eligible_lender(&who) == Some(pending.id_hash)
			&& !Frozen::<T>::contains_key(pending.id_hash);
		ensure!(!answerable, Error::<T>::TokenRequestStillOpen);
		let amount = T::Currency::release(
			&HoldReason::LenderTokens.into(),
			&who,
			pending.held,
			Precision::BestEffort,
		)?;
		TokenRequests::<T>::remove(request);
		Self::deposit_event(Event::LenderTokensReclaimed { request, who, amount });
		Ok(())
	}

	/// Removes the token keys of a registrar that is removed: the tokens they issued are
	/// refused from now on, and requests to it can be reclaimed.
	pub(crate) fn void_token_keys(registrar: &T::AccountId) {
		let _ = TokenKeys::<T>::clear_prefix(registrar, MAX_TOKEN_KEYS, None);
	}

	/// The id_hash of `who` when it holds a verified identity.
	fn eligible_lender(who: &T::AccountId) -> Option<IdHash> {
		Identities::<T>::get(who)
			.filter(|record| record.status == VerificationStatus::Verified)
			.map(|record| record.id_hash)
	}

	fn live_key(token: &LenderToken<T::AccountId>) -> Result<TokenKey, TokenRefusal> {
		let current = Self::current_token_epoch();
		ensure!(
			token.epoch == current || token.epoch.saturating_add(1) == current,
			TokenRefusal::NotCurrent
		);
		TokenKeys::<T>::get(&token.issuer, token.epoch).ok_or(TokenRefusal::UnknownKey)
	}

	fn check_with(
		token: &LenderToken<T::AccountId>,
		message: &[u8],
	) -> Result<TokenKey, TokenRefusal> {
		let key = Self::live_key(token)?;
		ensure!(key.spent < key.issued, TokenRefusal::Exhausted);
		let prepared = [&token.randomizer[..], message].concat();
		ensure!(
			loanchain_rsa::pss_sha384_verify(&key.modulus, &prepared, &token.signature),
			TokenRefusal::BadSignature
		);
		Ok(key)
	}

	/// The lender tokens' part of the invariants: keys are well formed, at most
	/// `MAX_TOKEN_KEYS` a registrar, each of a registrar, none spent beyond what it issued;
	/// every open request is held for, by an allowed bundle, to a key's epoch.
	#[cfg(any(feature = "try-runtime", feature = "std", test))]
	pub(crate) fn try_state_lender_tokens() -> Result<(), sp_runtime::TryRuntimeError> {
		let registrars = Registrars::<T>::get();
		let mut per_registrar: alloc::collections::BTreeMap<T::AccountId, u32> = Default::default();
		for (registrar, _epoch, key) in TokenKeys::<T>::iter() {
			ensure!(registrars.binary_search(&registrar).is_ok(), "a token key of no registrar");
			ensure!(
				loanchain_crypto::is_well_formed_modulus(&key.modulus),
				"a malformed token key"
			);
			ensure!(key.spent <= key.issued, "more tokens spent than issued");
			let count = per_registrar.entry(registrar).or_default();
			*count += 1;
			ensure!(*count <= MAX_TOKEN_KEYS, "a registrar has too many token keys");
		}
		let next = NextTokenRequest::<T>::get();
		for (request, pending) in TokenRequests::<T>::iter() {
			ensure!(request < next, "a token request beyond the counter");
			ensure!(
				LENDER_TOKEN_BUNDLES.contains(&(pending.blinded.len() as u32)),
				"a token request of an unsupported size"
			);
			ensure!(
				!pending.held.is_zero() || T::LenderTokenPrice::get().is_zero(),
				"an unpaid request"
			);
		}
		Ok(())
	}
}

impl<T: Config> LenderTokens<T::AccountId> for Pallet<T> {
	fn check_token(token: &LenderToken<T::AccountId>, message: &[u8]) -> Result<(), TokenRefusal> {
		Self::check_with(token, message).map(|_| ())
	}

	fn tokens_left(issuer: &T::AccountId, epoch: TokenEpoch) -> u32 {
		TokenKeys::<T>::get(issuer, epoch).map_or(0, |key| key.issued.saturating_sub(key.spent))
	}

	fn spend_token(token: &LenderToken<T::AccountId>, message: &[u8]) -> Result<(), TokenRefusal> {
		let mut key = Self::check_with(token, message)?;
		key.spent.saturating_inc();
		TokenKeys::<T>::insert(&token.issuer, token.epoch, key);
		Ok(())
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn make_token_key(
		issuer: &T::AccountId,
		epoch: TokenEpoch,
		modulus: TokenRsaBlock,
		issued: u32,
	) {
		TokenKeys::<T>::insert(issuer, epoch, TokenKey { modulus, issued, spent: 0 });
	}
}
