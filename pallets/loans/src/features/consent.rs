//! Checking a counterparty's signature on a consent (see [`crate::Pallet::record`]; a
//! borrower's consent to an inquiry is checked the same way, see [`super::inquiry`]).
//!
//! A consent is signed in the one form wallets sign a dapp's message in: the polkadot.js
//! extension and the wallets that follow it sign `<Bytes>` ++ message ++ `</Bytes>` when a
//! dapp asks them to `signRaw`, and `loanctl consent`, the web app and @polkadot/keyring
//! users wrap the consent hash the same way before they sign it. The bare 32-byte hash is
//! never accepted: a signature over 32 bare bytes could be a transaction's (a transaction's
//! signature covers the blake2-256 hash of its payload when the payload is longer than 256
//! bytes), so the chain never asks anyone to sign them; and the wrapped form can be nothing
//! else — a payload that starts with `<` (0x3c) calls no pallet of this runtime, and no
//! other signed message on Loanchain has that shape.

use crate::*;
use frame_support::pallet_prelude::*;
use frame_system::pallet_prelude::*;
use sp_runtime::{
	traits::{IdentifyAccount, One, Saturating, Verify},
	SaturatedConversion,
};

pub use loanchain_sealing::{wrapped_for_signing as wrapped, WRAP_PREFIX, WRAP_SUFFIX};

/// Whether `signature` is `signer`'s signature over `message` wrapped as wallets wrap it.
pub fn signed_by<S>(
	signature: &S,
	message: &[u8],
	signer: &<S::Signer as IdentifyAccount>::AccountId,
) -> bool
where
	S: Verify,
	S::Signer: IdentifyAccount,
{
	signature.verify(&wrapped(message)[..], signer)
}

impl<T: Config> Pallet<T> {
	/// Checks `consent` to `loan`, submitted by `submitter` at `now`: in time, not used
	/// before, and signed by `counterparty`. Returns the consent hash, to be remembered as
	/// used.
	pub(crate) fn check_consent(
		loan: &LoanOf<T>,
		consent: &ConsentOf<T>,
		counterparty: &T::AccountId,
		submitter: &T::AccountId,
		now: BlockNumberFor<T>,
	) -> Result<[u8; 32], DispatchError> {
		let deadline = Self::check_deadline(consent.deadline, now)?;
		let lender_id = loan.lender_id().ok_or(Error::<T>::NotTheLender)?;
		let hash = consent_hash(
			Self::genesis_hash().as_ref(),
			lender_id,
			&loan.borrower_id,
			loan.proposer,
			loan.period_days,
			&loan.details,
			deadline,
		);
		ensure!(
			!UsedConsents::<T>::contains_key(consent.deadline, hash),
			Error::<T>::ConsentAlreadyUsed
		);
		if consent::signed_by(&consent.signature, &hash, counterparty) {
			return Ok(hash);
		}
		// Say why, when the submitter signed its own consent: the mistake an integration
		// makes first.
		ensure!(
			!consent::signed_by(&consent.signature, &hash, submitter),
			Error::<T>::ConsentSignedBySubmitter
		);
		Err(Error::<T>::ConsentNotSignedByCounterparty.into())
	}

	/// Checks that a consent with `deadline` may be used at `now`: not after its deadline,
	/// and the deadline at most `MaxConsentDays` ahead (how long the chain remembers a used
	/// consent). Returns the deadline as the 32 bits the consent hashes sign.
	pub(crate) fn check_deadline(
		deadline: BlockNumberFor<T>,
		now: BlockNumberFor<T>,
	) -> Result<u32, DispatchError> {
		ensure!(now <= deadline, Error::<T>::ConsentExpired);
		let latest = now.saturating_add(Self::days_in_blocks(T::MaxConsentDays::get()));
		ensure!(deadline <= latest, Error::<T>::ConsentDeadlineTooFar);
		// Block numbers are 32-bit on every chain this runs; a deadline at most
		// `MaxConsentDays` ahead of one fits in 32 bits.
		Ok(deadline.saturated_into())
	}

	/// What `record` is charged before it runs: a loan recorded (one signature check),
	/// or a refused consent whose signature was checked against the submitter too,
	/// whichever takes longer.
	pub fn record_weight(details_len: u32) -> Weight {
		T::WeightInfo::record(details_len).max(T::WeightInfo::record_refused(details_len))
	}

	/// The weight of forgetting `forgotten` consents over `steps` deadlines: the benchmark
	/// covers one deadline and moving the cursor; each further deadline is one more read.
	pub(crate) fn consents_weight(steps: u32, forgotten: u32) -> Weight {
		T::WeightInfo::forget_consents(forgotten)
			.saturating_add(T::DbWeight::get().reads(steps.saturating_sub(1).into()))
	}

	/// Forgets the used consents whose deadline is before `now`, oldest deadline first, at
	/// most `MaxConsentExpiriesPerBlock`. Returns the deadlines looked at and the consents
	/// forgotten, for the weight.
	pub(crate) fn forget_consents(now: BlockNumberFor<T>) -> (u32, u32) {
		let budget = T::MaxConsentExpiriesPerBlock::get();
		let mut cursor = ConsentCursor::<T>::get();
		let (mut steps, mut forgotten) = (0u32, 0u32);
		// The cursor moves one deadline a block; when it fell behind (a deadline with
		// more consents than the budget held it back), it catches up a bounded number of
		// deadlines a block.
		while cursor < now && steps < MAX_CONSENT_STEPS && forgotten < budget {
			steps += 1;
			// One more than the budget left, to learn whether this deadline is done.
			let left = (budget - forgotten) as usize;
			let used: alloc::vec::Vec<[u8; 32]> =
				UsedConsents::<T>::iter_key_prefix(cursor).take(left + 1).collect();
			for hash in used.iter().take(left) {
				UsedConsents::<T>::remove(cursor, hash);
			}
			forgotten += used.len().min(left) as u32;
			if used.len() > left {
				// More consents share this deadline: the next block carries on here.
				break;
			}
			cursor = cursor.saturating_add(One::one());
		}
		ConsentCursor::<T>::put(cursor);
		(steps, forgotten)
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use sp_core::{ecdsa, ed25519, sr25519, Pair};
	use sp_runtime::{AccountId32, MultiSignature, MultiSigner};

	const MESSAGE: [u8; 32] = [7; 32];

	fn account<P: Pair>(pair: &P) -> AccountId32
	where
		MultiSigner: From<P::Public>,
	{
		MultiSigner::from(pair.public()).into_account()
	}

	/// Every scheme wallets use, over the wrapped message, is accepted for its own account
	/// and refused for another account and another message; a signature over the bare
	/// message, or over anything else than its wrapping, is refused.
	fn check<P: Pair>(seed: &str)
	where
		MultiSigner: From<P::Public>,
		MultiSignature: From<P::Signature>,
	{
		let pair = P::from_string(seed, None).unwrap();
		let other = P::from_string("//Stranger", None).unwrap();
		let signature = MultiSignature::from(pair.sign(&wrapped(&MESSAGE)));
		assert!(signed_by(&signature, &MESSAGE, &account(&pair)));
		assert!(!signed_by(&signature, &MESSAGE, &account(&other)));
		assert!(!signed_by(&signature, &[8; 32], &account(&pair)));
		for not_wrapped in [MESSAGE.to_vec(), [WRAP_PREFIX, &MESSAGE[..]].concat()] {
			let signature = MultiSignature::from(pair.sign(&not_wrapped));
			assert!(!signed_by(&signature, &MESSAGE, &account(&pair)));
		}
	}

	#[test]
	fn sr25519_only_wrapped() {
		sp_io::TestExternalities::default().execute_with(|| check::<sr25519::Pair>("//Alice"));
	}

	#[test]
	fn ed25519_only_wrapped() {
		sp_io::TestExternalities::default().execute_with(|| check::<ed25519::Pair>("//Alice"));
	}

	#[test]
	fn ecdsa_only_wrapped() {
		sp_io::TestExternalities::default().execute_with(|| check::<ecdsa::Pair>("//Alice"));
	}
}
