//! Private lenders: a loan recorded with a lender token and a per-loan key
//! (`record_private`), and the lender's later acts signed by that key (`act_as_lender`).
//!
//! Both calls are authorised general transactions: no account signs them and none pays a
//! fee, so no fee payer names the lender. What decides whether one may enter a block runs
//! in `authorize_*` — in the transaction pool, cheapest checks first (reads, then the
//! signatures, then the RSA token), and again when a block includes it — so an invalid one
//! is rejected before it costs a block anything. The calls then only apply what was
//! checked.

use crate::*;
use codec::Encode;
use frame_support::{pallet_prelude::*, storage::with_storage_layer, traits::UnixTime};
use frame_system::pallet_prelude::*;
use loanchain_primitives::{LenderTokens, TokenRefusal, VerifiedIdentity};
use sp_runtime::{
	traits::{SaturatedConversion, Saturating},
	transaction_validity::{TransactionValidity, TransactionValidityWithRefund},
	ModuleError,
};

/// The tag prefix of the transactions of private lenders in the pool.
const TAG_PREFIX: &str = "LoanchainPrivateLender";

/// The terms of a private record, as checked against the chain's state.
pub(crate) struct PrivateTerms<T: Config> {
	borrower_id: IdHash,
	details: SealedDetails<T::MaxDetailsLen>,
	consent_hash: [u8; 32],
}

impl<T: Config> Pallet<T> {
	/// Whether a `record_private` may enter a block: everything [`Self::private_terms`]
	/// checks, then the per-loan key's signature and the borrower's over the private consent
	/// hash, then the lender token over the key. Valid until the consent's deadline; it
	/// provides its per-loan key, so that of two transactions with one key the pool keeps
	/// one.
	pub fn authorize_record_private(
		_source: TransactionSource,
		borrower: &T::AccountId,
		details: &DetailsInput,
		consent: &ConsentOf<T>,
		lender: &BoxedCredentialOf<T>,
	) -> TransactionValidityWithRefund {
		let validity = Self::admit_private_record(borrower, details, consent, lender)?;
		Ok((validity, Weight::zero()))
	}

	/// What [`Self::authorize_record_private`] checks, for one loan.
	fn admit_private_record(
		borrower: &T::AccountId,
		details: &DetailsInput,
		consent: &ConsentOf<T>,
		lender: &LenderCredentialOf<T>,
	) -> TransactionValidity {
		let now = frame_system::Pallet::<T>::block_number();
		let terms =
			Self::private_terms(borrower, details, consent, &lender.key, now).map_err(refused)?;
		ensure!(
			Self::key_signed(&lender.key, &terms.consent_hash, &lender.signature),
			refused(Error::<T>::BadLenderSignature.into())
		);
		ensure!(
			consent::signed_by(&consent.signature, &terms.consent_hash, borrower),
			refused(Error::<T>::ConsentNotSignedByBorrower.into())
		);
		T::LenderTokens::check_token(&lender.token, &Self::token_message(lender))
			.map_err(|refusal| refused(token_error::<T>(refusal).into()))?;
		let longevity = consent.deadline.saturating_sub(now).saturated_into::<u64>().max(1);
		ValidTransaction::with_tag_prefix(TAG_PREFIX)
			.and_provides(lender.key)
			.longevity(longevity)
			.build()
	}

	/// See [`Pallet::record_private`]; [`Self::authorize_record_private`] checked it.
	pub(crate) fn do_record_private(
		borrower: T::AccountId,
		details: DetailsInput,
		consent: ConsentOf<T>,
		lender: LenderCredentialOf<T>,
	) -> DispatchResult {
		let now = frame_system::Pallet::<T>::block_number();
		let PrivateTerms { borrower_id, details, consent_hash } =
			Self::private_terms(&borrower, &details, &consent, &lender.key, now)?;
		T::LenderTokens::spend_token(&lender.token, &Self::token_message(&lender))
			.map_err(token_error::<T>)?;
		let loan_id = Self::next_loan_id()?;
		let loan = Loan {
			lender: Lender::Private(PrivateLender {
				key: lender.key,
				issuer: lender.token.issuer,
				epoch: lender.token.epoch,
				acts: 0,
			}),
			borrower_id,
			proposer: Role::Lender,
			// Sealed in the details; the chain keeps no maturity and no agenda entry.
			period_days: 0,
			details,
			state: LoanState::Active,
			proposed_at: now,
			activated: Some(Activation {
				block: now,
				time_ms: T::UnixTime::now().as_millis() as u64,
			}),
			maturity: None,
			extensions: BoundedVec::new(),
			outcome: None,
			concluded_at: None,
			disclosure: Disclosure::Encrypted,
		};
		UsedConsents::<T>::insert(consent.deadline, consent_hash, ());
		LenderKeys::<T>::insert(lender.key, loan_id);
		Self::write_history_entry(loan_id, &loan);
		Loans::<T>::insert(loan_id, loan);
		Self::deposit_event(Event::PrivateLoanRecorded { loan_id, borrower });
		Ok(())
	}

	/// Whether a `record_private_batch` may enter a block: every loan as
	/// [`Self::authorize_record_private`] admits one; no per-loan key twice in the batch
	/// (a consent names its key, so no consent twice either); and no registrar's key of an epoch asked for more tokens than it has
	/// left, so that the batch cannot fail in a block once admitted. Valid until its
	/// earliest consent's deadline; it provides each of its per-loan keys.
	pub fn authorize_record_private_batch(
		_source: TransactionSource,
		records: &PrivateBatchOf<T>,
	) -> TransactionValidityWithRefund {
		ensure!(!records.is_empty(), refused(Error::<T>::EmptyBatch.into()));
		let mut keys = alloc::collections::BTreeSet::new();
		let mut tokens = alloc::collections::BTreeMap::<_, u32>::new();
		let mut validity = ValidTransaction::default();
		for record in records {
			ensure!(keys.insert(record.lender.key), refused(Error::<T>::LenderKeyUsed.into()));
			let spent = tokens
				.entry((record.lender.token.issuer.clone(), record.lender.token.epoch))
				.or_default();
			spent.saturating_inc();
			let one = Self::admit_private_record(
				&record.borrower,
				&record.details,
				&record.consent,
				&record.lender,
			)?;
			validity = validity.combine_with(one);
		}
		for ((issuer, epoch), spent) in tokens {
			ensure!(
				spent <= T::LenderTokens::tokens_left(&issuer, epoch),
				refused(Error::<T>::TokenKeyExhausted.into())
			);
		}
		Ok((validity, Weight::zero()))
	}

	/// See [`Pallet::record_private_batch`]; [`Self::authorize_record_private_batch`]
	/// checked it. Records the loans in order; the call is one storage transaction, so a
	/// loan that fails leaves none of the batch behind.
	pub(crate) fn do_record_private_batch(records: PrivateBatchOf<T>) -> DispatchResult {
		ensure!(!records.is_empty(), Error::<T>::EmptyBatch);
		for PrivateRecord { borrower, details, consent, lender } in records {
			Self::do_record_private(borrower, details, consent, lender)?;
		}
		Ok(())
	}

	/// What `record_private_batch` is charged: its loans' `record_private`s.
	pub fn batch_weight(records: &PrivateBatchOf<T>) -> Weight {
		records.iter().fold(Weight::zero(), |total, record| {
			total.saturating_add(T::WeightInfo::record_private(
				record.details.ciphertext.len() as u32
			))
		})
	}

	/// What admitting a `record_private_batch` costs: its loans' admissions, and a read of
	/// each of their registrars' keys to count the tokens left.
	pub fn batch_authorize_weight(records: &PrivateBatchOf<T>) -> Weight {
		records.iter().fold(Weight::zero(), |total, record| {
			total
				.saturating_add(T::WeightInfo::authorize_record_private(
					record.details.ciphertext.len() as u32,
				))
				.saturating_add(T::DbWeight::get().reads(1))
		})
	}

	/// Checks what a private record asks of the chain's state, cheapest first: the details'
	/// size, the per-loan key unused, the consent's deadline, the borrower verified and
	/// unfrozen, the consent unused. Returns the terms both parties sign.
	fn private_terms(
		borrower: &T::AccountId,
		details: &DetailsInput,
		consent: &ConsentOf<T>,
		lender_key: &LenderKey,
		now: BlockNumberFor<T>,
	) -> Result<PrivateTerms<T>, DispatchError> {
		ensure!(
			details.ciphertext.len() >= loanchain_sealing::TAG_LEN,
			Error::<T>::DetailsTooShort
		);
		let details = details.clone().bounded().ok_or(Error::<T>::DetailsTooLong)?;
		ensure!(!LenderKeys::<T>::contains_key(lender_key), Error::<T>::LenderKeyUsed);
		let deadline = Self::check_deadline(consent.deadline, now)?;
		let borrower_id =
			T::Identity::verified(borrower).ok_or(Error::<T>::BorrowerNotVerified)?.id_hash;
		ensure!(!T::Identity::is_frozen(&borrower_id), Error::<T>::IdentityFrozen);
		let consent_hash = private_consent_hash(
			Self::genesis_hash().as_ref(),
			lender_key,
			&borrower_id,
			&details,
			deadline,
		);
		ensure!(
			!UsedConsents::<T>::contains_key(consent.deadline, consent_hash),
			Error::<T>::ConsentAlreadyUsed
		);
		Ok(PrivateTerms { borrower_id, details, consent_hash })
	}

	/// What the credential's token certifies: its per-loan key, on this chain, in the
	/// token's epoch.
	fn token_message(lender: &LenderCredentialOf<T>) -> alloc::vec::Vec<u8> {
		loanchain_sealing::lender_token_message(
			Self::genesis_hash().as_ref(),
			lender.token.epoch,
			&lender.key,
		)
	}

	/// Whether `signature` is the sr25519 signature of the per-loan key `key` over `message`.
	fn key_signed(key: &LenderKey, message: &[u8], signature: &LenderSignature) -> bool {
		sp_io::crypto::sr25519_verify(
			&sp_core::sr25519::Signature::from_raw(*signature),
			message,
			&sp_core::sr25519::Public::from_raw(*key),
		)
	}

	/// Whether an act may enter a block: the loan's lender is private, `act_index` is its
	/// next act, it has acts left, and the per-loan key signed the act. It provides the
	/// loan's act index, so that one act a loan and index reaches a block.
	pub fn authorize_act_as_lender(
		_source: TransactionSource,
		loan_id: &LoanId,
		act_index: &u32,
		act: &LenderActOf<T>,
		signature: &LenderSignature,
	) -> TransactionValidityWithRefund {
		let (_, private) = Self::next_act(*loan_id, *act_index).map_err(refused)?;
		let hash = loanchain_sealing::lender_act_hash(
			Self::genesis_hash().as_ref(),
			*loan_id,
			*act_index,
			&act.encode(),
		);
		ensure!(
			Self::key_signed(&private.key, &hash, signature),
			refused(Error::<T>::BadLenderSignature.into())
		);
		let validity = ValidTransaction::with_tag_prefix(TAG_PREFIX)
			.and_provides((loan_id, act_index))
			.into();
		Ok((validity, Weight::zero()))
	}

	/// See [`Pallet::act_as_lender`]; [`Self::authorize_act_as_lender`] checked the key's
	/// signature. The act uses its index whether it succeeds or fails (`LenderActFailed`):
	/// a key cannot have a failing act included again and again for free.
	pub(crate) fn do_act_as_lender(
		loan_id: LoanId,
		act_index: u32,
		act: LenderActOf<T>,
		_signature: LenderSignature,
	) -> DispatchResultWithPostInfo {
		let (mut loan, mut private) = Self::next_act(loan_id, act_index)?;
		private.acts = act_index.saturating_add(1);
		loan.lender = Lender::Private(private);
		Loans::<T>::insert(loan_id, &loan);
		let declared = Self::act_weight(&act);
		let result = with_storage_layer(|| -> DispatchResultWithPostInfo {
			match act {
				LenderAct::Conclude { sealed_outcome, disclosure } => {
					Self::conclude_loan(loan_id, loan, sealed_outcome, disclosure)
				},
				LenderAct::SetDisclosure { disclosure } => {
					Self::disclose(loan_id, loan, disclosure)
				},
				LenderAct::GrantAccess { viewer, envelope, payee } => {
					Self::grant(loan_id, &loan, &payee, viewer, envelope)
						.map(Into::into)
						.map_err(Into::into)
				},
				LenderAct::DeclineAccess { viewer } => {
					Self::decline_request(loan_id, viewer).map(Into::into).map_err(Into::into)
				},
				LenderAct::ProposeExtension { offer } => {
					Self::offer_sealed_extension(loan_id, &loan, offer)
						.map(Into::into)
						.map_err(Into::into)
				},
			}
		});
		match result {
			Ok(post) => Ok(Some(
				post.actual_weight
					.map_or(declared, |actual| actual.saturating_add(Self::act_overhead())),
			)
			.into()),
			Err(failed) => {
				Self::deposit_event(Event::LenderActFailed {
					loan_id,
					act_index,
					error: failed.error,
				});
				Ok(Some(declared).into())
			},
		}
	}

	/// Loan `loan_id` and its private lender, if `act_index` is the lender's next act and it
	/// has acts left.
	fn next_act(
		loan_id: LoanId,
		act_index: u32,
	) -> Result<(LoanOf<T>, PrivateLender<T::AccountId>), DispatchError> {
		let loan = Loans::<T>::get(loan_id).ok_or(Error::<T>::UnknownLoan)?;
		let Lender::Private(private) = &loan.lender else {
			return Err(Error::<T>::NotPrivateLender.into());
		};
		let private = private.clone();
		ensure!(private.acts < T::MaxLenderActs::get(), Error::<T>::TooManyLenderActs);
		ensure!(act_index == private.acts, Error::<T>::WrongActIndex);
		Ok((loan, private))
	}

	/// What `act_as_lender` is charged before it runs: the act's call, in its longest case,
	/// and the act's count (a sealed offer's benchmark is the whole act, its count included).
	pub fn act_weight(act: &LenderActOf<T>) -> Weight {
		let call = match act {
			LenderAct::Conclude { .. } => {
				T::WeightInfo::conclude(T::MaxDetailsLen::get(), T::MaxOpenRequests::get())
			},
			LenderAct::SetDisclosure { .. } => {
				T::WeightInfo::set_disclosure(T::MaxDetailsLen::get(), T::MaxOpenRequests::get())
			},
			LenderAct::GrantAccess { .. } => T::WeightInfo::grant_access(),
			LenderAct::DeclineAccess { .. } => T::WeightInfo::decline_access(),
			// Benchmarked as the whole act.
			LenderAct::ProposeExtension { .. } => return T::WeightInfo::offer_sealed_extension(),
		};
		call.saturating_add(Self::act_overhead())
	}

	/// Counting the act: the loan read and written once more than the act's call does.
	fn act_overhead() -> Weight {
		T::DbWeight::get().reads_writes(1, 1)
	}
}

/// The pallet's error `error` as the pool's refusal: `Custom` with the error's index in
/// this pallet's `Error`, so that a client names it as it names a failed call's error.
fn refused(error: DispatchError) -> TransactionValidityError {
	match error {
		DispatchError::Module(ModuleError { error, .. }) => {
			InvalidTransaction::Custom(error[0]).into()
		},
		_ => InvalidTransaction::Call.into(),
	}
}

/// Why the identity pallet refused a token, as this pallet's error.
fn token_error<T: Config>(refusal: TokenRefusal) -> Error<T> {
	match refusal {
		TokenRefusal::UnknownKey => Error::<T>::UnknownTokenKey,
		TokenRefusal::NotCurrent => Error::<T>::TokenNotCurrent,
		TokenRefusal::Exhausted => Error::<T>::TokenKeyExhausted,
		TokenRefusal::BadSignature => Error::<T>::BadLenderToken,
	}
}
