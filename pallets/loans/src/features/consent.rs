//! Checking a counterparty's signature on a consent (see [`crate::Pallet::record`]).
//!
//! Wallets do not sign arbitrary bytes: the polkadot.js extension and the wallets that follow
//! it sign `<Bytes>` ++ message ++ `</Bytes>` when a dapp asks them to `signRaw`, so that a
//! raw signature can never be a valid transaction. Keys used directly (polkadot.js apps'
//! "Sign message" without an extension, `subkey`, `loanctl consent`) sign the message as it
//! is. A consent is accepted in either form.

use sp_runtime::traits::{IdentifyAccount, Verify};

/// What wallets put before the message they sign with `signRaw`.
pub const WRAP_PREFIX: &[u8] = b"<Bytes>";
/// What wallets put after it.
pub const WRAP_SUFFIX: &[u8] = b"</Bytes>";

/// `message` wrapped as wallets' `signRaw` wraps it.
pub fn wrapped(message: &[u8]) -> alloc::vec::Vec<u8> {
	[WRAP_PREFIX, message, WRAP_SUFFIX].concat()
}

/// The form a consent was signed in. It decides what checking it cost: the raw form is
/// checked first, so a wrapped signature costs two checks.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Form {
	/// The message as it is.
	Raw,
	/// The message wrapped as wallets' `signRaw` wraps it.
	Wrapped,
}

/// The form in which `signature` is `signer`'s signature over `message`, if it is.
pub fn signed_by<S>(
	signature: &S,
	message: &[u8],
	signer: &<S::Signer as IdentifyAccount>::AccountId,
) -> Option<Form>
where
	S: Verify,
	S::Signer: IdentifyAccount,
{
	if signature.verify(message, signer) {
		Some(Form::Raw)
	} else if signature.verify(&wrapped(message)[..], signer) {
		Some(Form::Wrapped)
	} else {
		None
	}
}

mod checks {
	use crate::*;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;
	use sp_runtime::{
		traits::{One, Saturating},
		SaturatedConversion,
	};

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
		) -> Result<([u8; 32], consent::Form), DispatchError> {
			ensure!(now <= consent.deadline, Error::<T>::ConsentExpired);
			let latest = now.saturating_add(Self::days_in_blocks(T::MaxConsentDays::get()));
			ensure!(consent.deadline <= latest, Error::<T>::ConsentDeadlineTooFar);
			// Block numbers are 32-bit on every chain this runs; a deadline at most
			// `MaxConsentDays` ahead of one fits in 32 bits.
			let deadline: u32 = consent.deadline.saturated_into();
			let hash = consent_hash(
				Self::genesis_hash().as_ref(),
				&loan.lender_id,
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
			match consent::signed_by(&consent.signature, &hash, counterparty) {
				Some(form) => Ok((hash, form)),
				None => {
					// Say why, when the submitter signed its own consent: the mistake an
					// integration makes first.
					ensure!(
						consent::signed_by(&consent.signature, &hash, submitter).is_none(),
						Error::<T>::ConsentSignedBySubmitter
					);
					Err(Error::<T>::ConsentNotSignedByCounterparty.into())
				},
			}
		}

		/// What `record` is charged before it runs: a consent signed wrapped (two checks), or
		/// a refused one whose signature was checked against the submitter too, whichever
		/// takes longer.
		pub fn record_weight(details_len: u32) -> Weight {
			T::WeightInfo::record_wrapped(details_len)
				.max(T::WeightInfo::record_refused(details_len))
		}

		/// What recording a loan with a consent signed in `form` cost.
		pub(crate) fn recorded_weight(details_len: u32, form: consent::Form) -> Weight {
			match form {
				consent::Form::Raw => T::WeightInfo::record(details_len),
				consent::Form::Wrapped => T::WeightInfo::record_wrapped(details_len),
			}
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

	/// Every scheme wallets use, over the raw message and over the wrapped one, is
	/// accepted for its own account and refused for another account and another message.
	fn check<P: Pair>(seed: &str)
	where
		MultiSigner: From<P::Public>,
		MultiSignature: From<P::Signature>,
	{
		let pair = P::from_string(seed, None).unwrap();
		let other = P::from_string("//Stranger", None).unwrap();
		for (signed, form) in [(MESSAGE.to_vec(), Form::Raw), (wrapped(&MESSAGE), Form::Wrapped)] {
			let signature = MultiSignature::from(pair.sign(&signed));
			assert_eq!(signed_by(&signature, &MESSAGE, &account(&pair)), Some(form));
			assert_eq!(signed_by(&signature, &MESSAGE, &account(&other)), None);
			assert_eq!(signed_by(&signature, &[8; 32], &account(&pair)), None);
		}
		// A signature over something else than the message or its wrapping is refused.
		let signature = MultiSignature::from(pair.sign(&[WRAP_PREFIX, &MESSAGE[..]].concat()));
		assert_eq!(signed_by(&signature, &MESSAGE, &account(&pair)), None);
	}

	#[test]
	fn sr25519_raw_and_wrapped() {
		sp_io::TestExternalities::default().execute_with(|| check::<sr25519::Pair>("//Alice"));
	}

	#[test]
	fn ed25519_raw_and_wrapped() {
		sp_io::TestExternalities::default().execute_with(|| check::<ed25519::Pair>("//Alice"));
	}

	#[test]
	fn ecdsa_raw_and_wrapped() {
		sp_io::TestExternalities::default().execute_with(|| check::<ecdsa::Pair>("//Alice"));
	}
}
