//! A loan's life: proposed and accepted, or recorded at once with the counterparty's
//! consent; extended by the lender's offer and the borrower's confirmation; concluded with
//! its sealed outcome. Every act checks who holds the party's identity *now*.

use crate::*;
use frame_support::{
	pallet_prelude::*,
	traits::{Consideration, Footprint, UnixTime},
};
use frame_system::pallet_prelude::*;
use loanchain_primitives::VerifiedIdentity;
use sp_runtime::traits::{Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// See [`Pallet::propose`].
	pub(crate) fn do_propose(
		who: T::AccountId,
		counterparty: T::AccountId,
		role: Role,
		period_days: u32,
		details: DetailsInput,
	) -> DispatchResult {
		let now = frame_system::Pallet::<T>::block_number();
		let expires_at = now.saturating_add(Self::days_in_blocks(T::ProposalTtl::get()));
		let (loan, lender, borrower) = Self::new_loan(
			&who,
			counterparty,
			role,
			period_days,
			details,
			LoanState::Proposed { expires_at },
			now,
		)?;
		let loan_id = Self::next_loan_id()?;
		let deposit = T::ProposalConsideration::new(&who, Footprint::from_encodable(&loan))?;
		ProposalDeposits::<T>::insert(loan_id, (who, deposit));
		PendingProposals::<T>::mutate(|pending| *pending = pending.saturating_add(1));
		Loans::<T>::insert(loan_id, loan);
		Self::deposit_event(Event::LoanProposed {
			loan_id,
			lender,
			borrower,
			proposer: role,
			expires_at,
		});
		Ok(())
	}

	/// See [`Pallet::accept`].
	pub(crate) fn do_accept(
		who: T::AccountId,
		loan_id: LoanId,
		proposal_hash: [u8; 32],
	) -> DispatchResultWithPostInfo {
		let mut loan = Loans::<T>::get(loan_id).ok_or(Error::<T>::UnknownLoan)?;
		let LoanState::Proposed { expires_at } = loan.state else {
			return Err(Error::<T>::NotProposed.into());
		};
		// The signer must hold the counterparty's identity now: after a rebind that is
		// the new account, never the old one. Both identities were verified at proposal,
		// and a verified identity stays verified wherever it moves (the identity pallet's
		// invariant), so neither needs checking again.
		let counterparty = loan.counterparty_id().ok_or(Error::<T>::NotTheCounterparty)?;
		Self::ensure_holds(counterparty, &who, Error::<T>::NotTheCounterparty)?;
		// A proposal its proposer can no longer stand behind does not take effect.
		let proposer = loan.proposer_id().ok_or(Error::<T>::NotProposed)?;
		ensure!(!T::Identity::is_frozen(proposer), Error::<T>::IdentityFrozen);
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now < expires_at, Error::<T>::ProposalExpired);
		ensure!(
			loan.proposal_hash(Self::genesis_hash().as_ref(), loan_id) == Some(proposal_hash),
			Error::<T>::ProposalMismatch
		);
		let details_len = loan.details.ciphertext.len() as u32;

		let maturity = Self::activate(&mut loan, now)?;
		Self::release_proposal_deposit(loan_id)?;
		Self::store_in_effect(loan_id, loan, maturity);
		Self::deposit_event(Event::LoanActivated { loan_id, maturity });
		Ok(Some(T::WeightInfo::accept(details_len)).into())
	}

	/// See [`Pallet::withdraw`].
	pub(crate) fn do_withdraw(who: T::AccountId, loan_id: LoanId) -> DispatchResult {
		let loan = Loans::<T>::get(loan_id).ok_or(Error::<T>::UnknownLoan)?;
		ensure!(matches!(loan.state, LoanState::Proposed { .. }), Error::<T>::NotProposed);
		let proposer = loan.proposer_id().ok_or(Error::<T>::NotTheProposer)?;
		Self::ensure_holds(proposer, &who, Error::<T>::NotTheProposer)?;
		Self::release_proposal_deposit(loan_id)?;
		Loans::<T>::remove(loan_id);
		Self::deposit_event(Event::ProposalWithdrawn { loan_id });
		Ok(())
	}

	/// See [`Pallet::decline`].
	pub(crate) fn do_decline(who: T::AccountId, loan_id: LoanId) -> DispatchResult {
		let loan = Loans::<T>::get(loan_id).ok_or(Error::<T>::UnknownLoan)?;
		ensure!(matches!(loan.state, LoanState::Proposed { .. }), Error::<T>::NotProposed);
		let counterparty = loan.counterparty_id().ok_or(Error::<T>::NotTheCounterparty)?;
		Self::ensure_holds(counterparty, &who, Error::<T>::NotTheCounterparty)?;
		// The proposer's deposit returns to the proposer: declining costs the proposer
		// nothing but the fee it paid, and the counterparty nothing but its own fee.
		Self::release_proposal_deposit(loan_id)?;
		Loans::<T>::remove(loan_id);
		Self::deposit_event(Event::ProposalDeclined { loan_id });
		Ok(())
	}

	/// See [`Pallet::record`].
	pub(crate) fn do_record(
		who: T::AccountId,
		counterparty: T::AccountId,
		role: Role,
		period_days: u32,
		details: DetailsInput,
		consent: ConsentOf<T>,
	) -> DispatchResultWithPostInfo {
		let now = frame_system::Pallet::<T>::block_number();
		let (mut loan, lender, borrower) = Self::new_loan(
			&who,
			counterparty.clone(),
			role,
			period_days,
			details,
			LoanState::Active,
			now,
		)?;
		let details_len = loan.details.ciphertext.len() as u32;
		let consent_hash = Self::check_consent(&loan, &consent, &counterparty, &who, now)?;
		let maturity = Self::activate(&mut loan, now)?;
		let loan_id = Self::next_loan_id()?;
		UsedConsents::<T>::insert(consent.deadline, consent_hash, ());
		Self::store_in_effect(loan_id, loan, maturity);
		Self::deposit_event(Event::LoanRecorded {
			loan_id,
			lender,
			borrower,
			submitter: role,
			maturity,
		});
		Ok(Some(T::WeightInfo::record(details_len)).into())
	}

	/// See [`Pallet::propose_extension`].
	pub(crate) fn do_propose_extension(
		who: T::AccountId,
		loan_id: LoanId,
		extra_days: u32,
	) -> DispatchResult {
		let mut loan = Self::lenders_loan(loan_id, &who)?;
		ensure!(Self::is_running(&loan.state), Error::<T>::NotRunning);
		ensure!(extra_days > 0, Error::<T>::ZeroPeriod);
		ensure!(extra_days <= T::MaxPeriodDays::get(), Error::<T>::PeriodTooLong);
		ensure!(
			(loan.extensions.len() as u32) < T::MaxExtensions::get(),
			Error::<T>::TooManyExtensions
		);
		loan.state = LoanState::ExtensionProposed { extra_days };
		Loans::<T>::insert(loan_id, loan);
		Self::deposit_event(Event::ExtensionProposed { loan_id, extra_days });
		Ok(())
	}

	/// See [`Pallet::confirm_extension`].
	pub(crate) fn do_confirm_extension(
		who: T::AccountId,
		loan_id: LoanId,
		confirmed_days: u32,
	) -> DispatchResult {
		let mut loan = Loans::<T>::get(loan_id).ok_or(Error::<T>::UnknownLoan)?;
		Self::ensure_holds(&loan.borrower_id, &who, Error::<T>::NotTheBorrower)?;
		let LoanState::ExtensionProposed { extra_days } = loan.state else {
			return Err(Error::<T>::NoExtensionProposed.into());
		};
		// The borrower confirms the days it read: an offer replaced in the meantime is not
		// the one it agreed to.
		ensure!(extra_days == confirmed_days, Error::<T>::ExtensionNotOffered);
		let now = frame_system::Pallet::<T>::block_number();
		let old_maturity = loan.maturity.ok_or(Error::<T>::NotRunning)?;
		let new_maturity = Self::days_from(old_maturity.max(now), extra_days)?;
		loan.extensions
			.try_push(Extension { extra_days, confirmed_at: now, new_maturity })
			.map_err(|_| Error::<T>::TooManyExtensions)?;
		loan.state = LoanState::Active;
		loan.maturity = Some(new_maturity);
		// If the old maturity has not been processed yet, it no longer applies.
		Agenda::<T>::remove(old_maturity, loan_id);
		Agenda::<T>::insert(new_maturity, loan_id, ());
		Loans::<T>::insert(loan_id, loan);
		Self::deposit_event(Event::ExtensionConfirmed { loan_id, extra_days, new_maturity });
		Ok(())
	}

	/// See [`Pallet::decline_extension`].
	pub(crate) fn do_decline_extension(who: T::AccountId, loan_id: LoanId) -> DispatchResult {
		let mut loan = Loans::<T>::get(loan_id).ok_or(Error::<T>::UnknownLoan)?;
		Self::ensure_holds(&loan.borrower_id, &who, Error::<T>::NotTheBorrower)?;
		if matches!(loan.lender, Lender::Private(_)) {
			// An offer left waiting when the loan was concluded stays as it was.
			ensure!(Self::is_running(&loan.state), Error::<T>::NoExtensionProposed);
			return Self::decline_sealed_extension(loan_id);
		}
		let LoanState::ExtensionProposed { extra_days } = loan.state else {
			return Err(Error::<T>::NoExtensionProposed.into());
		};
		let maturity = loan.maturity.ok_or(Error::<T>::NotRunning)?;
		// The loan keeps its maturity. While the agenda still holds it, the block hook
		// prompts the lender then; once it was processed the prompt is out already, and
		// the loan awaits the lender's feedback.
		loan.state = if Agenda::<T>::contains_key(maturity, loan_id) {
			LoanState::Active
		} else {
			LoanState::AwaitingFeedback
		};
		Loans::<T>::insert(loan_id, loan);
		Self::deposit_event(Event::ExtensionDeclined { loan_id, extra_days });
		Ok(())
	}

	/// See [`Pallet::conclude`].
	pub(crate) fn do_conclude(
		who: T::AccountId,
		loan_id: LoanId,
		sealed_outcome: SealedOutcome,
		disclosure: Disclosure<BalanceOf<T>>,
	) -> DispatchResultWithPostInfo {
		let loan = Self::lenders_loan(loan_id, &who)?;
		Self::conclude_loan(loan_id, loan, sealed_outcome, disclosure)
	}

	/// Concludes `loan`, whose lender's authority was checked.
	pub(crate) fn conclude_loan(
		loan_id: LoanId,
		mut loan: LoanOf<T>,
		sealed_outcome: SealedOutcome,
		disclosure: Disclosure<BalanceOf<T>>,
	) -> DispatchResultWithPostInfo {
		let details_len = loan.details.ciphertext.len() as u32;
		ensure!(Self::is_running(&loan.state), Error::<T>::NotRunning);
		ensure!(sealed_outcome.nonce != loan.details.nonce, Error::<T>::OutcomeNonceReused);
		ensure!(
			!Self::seals_an_extension(loan_id, &sealed_outcome.nonce),
			Error::<T>::OutcomeNonceReused
		);
		ensure!(
			disclosure.openness() >= loan.disclosure.openness(),
			Error::<T>::DisclosureNotMoreOpen
		);
		// A price, once set, is what viewers saw and signed their limits against: concluding
		// may open a paid loan further, never reprice it.
		if let (Disclosure::Paid { price: now }, Disclosure::Paid { price: then }) =
			(&disclosure, &loan.disclosure)
		{
			ensure!(now == then, Error::<T>::PriceFixed);
		}
		loan.outcome = Some(sealed_outcome);
		Self::check_disclosure(loan_id, &loan, &disclosure)?;

		let now = frame_system::Pallet::<T>::block_number();
		if let Some(maturity) = loan.maturity {
			Agenda::<T>::remove(maturity, loan_id);
		}
		loan.state = LoanState::Concluded;
		loan.concluded_at = Some(now);
		let changed = loan.disclosure != disclosure;
		loan.disclosure = disclosure;
		if changed {
			Self::write_history_entry(loan_id, &loan);
		}
		Loans::<T>::insert(loan_id, loan);
		Self::deposit_event(Event::LoanConcluded { loan_id });
		let mut refunded = 0;
		if changed {
			Self::deposit_event(Event::DisclosureChanged { loan_id, disclosure });
			refunded = Self::refund_if_public(loan_id, &disclosure)?;
		}
		Ok(Some(T::WeightInfo::conclude(details_len, refunded)).into())
	}

	/// Loan `loan_id`, if `who` is its lender: the account that holds the lender's
	/// identity now. A private lender has no account: it acts by its per-loan key
	/// (`act_as_lender`).
	pub(crate) fn lenders_loan(
		loan_id: LoanId,
		who: &T::AccountId,
	) -> Result<LoanOf<T>, DispatchError> {
		let loan = Loans::<T>::get(loan_id).ok_or(Error::<T>::UnknownLoan)?;
		let lender_id = loan.lender_id().ok_or(Error::<T>::NotTheLender)?;
		Self::ensure_holds(lender_id, who, Error::<T>::NotTheLender)?;
		Ok(loan)
	}

	/// Whether `who` is the account that holds the identity `id_hash` now.
	pub(crate) fn holds(id_hash: &IdHash, who: &T::AccountId) -> bool {
		T::Identity::account_of(id_hash).as_ref() == Some(who)
	}

	/// Fails with `not_held` unless `who` is the account that holds the identity `id_hash`
	/// now, and with `IdentityFrozen` if the institutions froze it. Every check of "the
	/// lender", "the borrower" or "the proposer" asks this, so that authority over a loan
	/// follows its parties' identities through a rebind, and stops while one is disputed.
	pub(crate) fn ensure_holds(
		id_hash: &IdHash,
		who: &T::AccountId,
		not_held: Error<T>,
	) -> DispatchResult {
		ensure!(Self::holds(id_hash, who), not_held);
		ensure!(!T::Identity::is_frozen(id_hash), Error::<T>::IdentityFrozen);
		Ok(())
	}

	pub(crate) fn is_running(state: &LoanState<BlockNumberFor<T>>) -> bool {
		matches!(
			state,
			LoanState::Active | LoanState::AwaitingFeedback | LoanState::ExtensionProposed { .. }
		)
	}

	/// Checks a new loan's parties and terms and builds it in `state`. Returns it with
	/// the lender's and the borrower's accounts.
	#[allow(clippy::type_complexity)]
	pub(crate) fn new_loan(
		who: &T::AccountId,
		counterparty: T::AccountId,
		role: Role,
		period_days: u32,
		details: DetailsInput,
		state: LoanState<BlockNumberFor<T>>,
		now: BlockNumberFor<T>,
	) -> Result<(LoanOf<T>, T::AccountId, T::AccountId), DispatchError> {
		let me = T::Identity::verified(who).ok_or(Error::<T>::NotVerified)?;
		let them =
			T::Identity::verified(&counterparty).ok_or(Error::<T>::CounterpartyNotVerified)?;
		ensure!(*who != counterparty && me.id_hash != them.id_hash, Error::<T>::SelfDealing);
		ensure!(
			!T::Identity::is_frozen(&me.id_hash) && !T::Identity::is_frozen(&them.id_hash),
			Error::<T>::IdentityFrozen
		);
		ensure!(period_days > 0, Error::<T>::ZeroPeriod);
		ensure!(period_days <= T::MaxPeriodDays::get(), Error::<T>::PeriodTooLong);
		ensure!(
			details.ciphertext.len() >= loanchain_sealing::TAG_LEN,
			Error::<T>::DetailsTooShort
		);
		let details = details.bounded().ok_or(Error::<T>::DetailsTooLong)?;
		let ((lender, lender_id), (borrower, borrower_id)) = match role {
			Role::Lender => ((who.clone(), me.id_hash), (counterparty, them.id_hash)),
			Role::Borrower => ((counterparty, them.id_hash), (who.clone(), me.id_hash)),
		};
		let loan = Loan {
			lender: Lender::Identity(lender_id),
			borrower_id,
			proposer: role,
			period_days,
			details,
			state,
			proposed_at: now,
			activated: None,
			maturity: None,
			extensions: BoundedVec::new(),
			outcome: None,
			concluded_at: None,
			disclosure: Disclosure::Encrypted,
		};
		Ok((loan, lender, borrower))
	}

	/// Takes the next loan id.
	/// Takes the next loan id. The last id there is (`u64::MAX`) is never handed out, so
	/// that no id is ever given twice: when the ids run out, new loans are refused.
	pub(crate) fn next_loan_id() -> Result<LoanId, Error<T>> {
		NextLoanId::<T>::try_mutate(|next| {
			let id = *next;
			*next = next.checked_add(1).ok_or(Error::<T>::LoanIdsExhausted)?;
			Ok(id)
		})
	}

	/// Makes `loan` take effect at `now`. Returns its maturity.
	pub(crate) fn activate(
		loan: &mut LoanOf<T>,
		now: BlockNumberFor<T>,
	) -> Result<BlockNumberFor<T>, DispatchError> {
		let maturity = Self::days_from(now, loan.period_days)?;
		loan.state = LoanState::Active;
		loan.activated =
			Some(Activation { block: now, time_ms: T::UnixTime::now().as_millis() as u64 });
		loan.maturity = Some(maturity);
		Ok(maturity)
	}

	/// Stores a loan that took effect, with its place in both parties' histories and in
	/// the agenda at `maturity`.
	pub(crate) fn store_in_effect(loan_id: LoanId, loan: LoanOf<T>, maturity: BlockNumberFor<T>) {
		Agenda::<T>::insert(maturity, loan_id, ());
		Self::write_history_entry(loan_id, &loan);
		if let Some(lender_id) = loan.lender_id() {
			LenderLoans::<T>::insert(lender_id, loan_key(loan_id), ());
		}
		Loans::<T>::insert(loan_id, loan);
	}

	/// Returns a pending proposal's deposit to the account that paid it.
	pub(crate) fn release_proposal_deposit(loan_id: LoanId) -> DispatchResult {
		if let Some((depositor, deposit)) = ProposalDeposits::<T>::take(loan_id) {
			PendingProposals::<T>::mutate(|pending| *pending = pending.saturating_sub(1));
			deposit.drop(&depositor)?;
		}
		Ok(())
	}

	/// The hash of this chain's genesis block, which every proposal hash names.
	pub fn genesis_hash() -> T::Hash {
		frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero())
	}
}
