//! Authority over a loan follows its parties' identities: after a registrar moves an
//! identity to a new account (a person who lost their key, or had it stolen), the new account
//! acts for every loan of that identity, in every state, and receives its payments; the old
//! account gets a named error and changes nothing.

use crate::{mock::*, *};
// `Loans` is both the pallet (in the mock runtime) and its storage map: name them apart.
use crate::{mock::Loans, pallet::Loans as LoanRecords};
use frame_support::{assert_noop, assert_ok, traits::fungible::Inspect};
use loanchain_sealing as sealing;

const PLAINTEXT: &[u8] = br#"{"amount":"300.00","currency":"CNY","purpose":"rebind"}"#;
const PRICE: u64 = 100;

/// A registrar starts moving `who`'s identity to the account `to`, and `to` completes the
/// move after the delay (mid-loan: the chain's hooks run meanwhile).
fn rebind(who: u64, to: u64) {
	rebind_identity(id_of(who), to);
}

fn performed(key: &ContentKey, id: LoanId) -> SealedOutcome {
	outcome(key, id, sealing::PERFORMED_NORMALLY)
}

fn proposal_to_alice() -> (LoanId, DetailsInput) {
	let (details, _) = seal_for(COMPANY, ALICE, PLAINTEXT);
	let id = NextLoanId::<Test>::get();
	assert_ok!(Loans::propose(signed(COMPANY), ALICE, Role::Lender, 5, details.clone()));
	(id, details)
}

#[test]
fn a_proposal_is_accepted_by_the_account_that_holds_the_counterparty_now() {
	run(|| {
		let (id, _) = proposal_to_alice();
		rebind(ALICE, NEW_ALICE);
		assert_noop!(
			Loans::accept(signed(ALICE), id, proposal_hash_of(id)),
			Error::<Test>::NotTheCounterparty
		);
		assert_ok!(Loans::accept(signed(NEW_ALICE), id, proposal_hash_of(id)));
		assert_eq!(LoanRecords::<Test>::get(id).unwrap().state, LoanState::Active);
		assert_eq!(summary_ids(&id_of(ALICE), 0, 10), vec![id]);
	});
}

#[test]
fn a_proposal_is_withdrawn_by_the_account_that_holds_the_proposer_now() {
	run(|| {
		let (id, _) = proposal_to_alice();
		rebind(COMPANY, NEW_COMPANY);
		assert_noop!(Loans::withdraw(signed(COMPANY), id), Error::<Test>::NotTheProposer);
		// The proposer's new account is still the proposer, not the counterparty.
		assert_noop!(
			Loans::accept(signed(NEW_COMPANY), id, proposal_hash_of(id)),
			Error::<Test>::NotTheCounterparty
		);
		assert_ok!(Loans::withdraw(signed(NEW_COMPANY), id));
		assert!(LoanRecords::<Test>::get(id).is_none());
	});
}

#[test]
fn an_active_loan_answers_to_the_lenders_new_account_only() {
	run(|| {
		let (id, key) = active_loan_between(COMPANY, ALICE, 5, PLAINTEXT);
		rebind(COMPANY, NEW_COMPANY);
		assert_noop!(Loans::propose_extension(signed(COMPANY), id, 2), Error::<Test>::NotTheLender);
		assert_noop!(
			Loans::conclude(signed(COMPANY), id, performed(&key, id), Disclosure::Encrypted),
			Error::<Test>::NotTheLender
		);
		assert_noop!(
			Loans::set_disclosure(signed(COMPANY), id, Disclosure::Paid { price: PRICE }),
			Error::<Test>::NotTheLender
		);
		assert_ok!(Loans::set_disclosure(
			signed(NEW_COMPANY),
			id,
			Disclosure::Paid { price: PRICE }
		));
		assert_ok!(Loans::conclude(
			signed(NEW_COMPANY),
			id,
			performed(&key, id),
			Disclosure::Paid { price: PRICE }
		));
		assert_eq!(LoanRecords::<Test>::get(id).unwrap().state, LoanState::Concluded);
	});
}

#[test]
fn the_maturity_prompt_goes_to_the_lenders_new_account_which_alone_concludes() {
	run(|| {
		let (id, key) = active_loan_between(COMPANY, ALICE, 1, PLAINTEXT);
		rebind(COMPANY, NEW_COMPANY);
		run_to_block(LoanRecords::<Test>::get(id).unwrap().maturity.unwrap());
		assert_eq!(LoanRecords::<Test>::get(id).unwrap().state, LoanState::AwaitingFeedback);
		System::assert_has_event(Event::FeedbackDue { loan_id: id, lender: NEW_COMPANY }.into());
		assert_noop!(
			Loans::conclude(signed(COMPANY), id, performed(&key, id), Disclosure::Encrypted),
			Error::<Test>::NotTheLender
		);
		assert_ok!(Loans::conclude(
			signed(NEW_COMPANY),
			id,
			performed(&key, id),
			Disclosure::Encrypted
		));
	});
}

#[test]
fn an_extension_is_confirmed_by_the_borrowers_new_account_and_offered_by_the_lenders() {
	run(|| {
		let (id, key) = active_loan_between(COMPANY, ALICE, 1, PLAINTEXT);
		run_to_block(LoanRecords::<Test>::get(id).unwrap().maturity.unwrap());
		assert_ok!(Loans::propose_extension(signed(COMPANY), id, 3));
		// Both parties move while the extension waits for the borrower.
		rebind(ALICE, NEW_ALICE);
		rebind(COMPANY, NEW_COMPANY);
		assert_noop!(Loans::confirm_extension(signed(ALICE), id, 3), Error::<Test>::NotTheBorrower);
		assert_noop!(Loans::propose_extension(signed(COMPANY), id, 4), Error::<Test>::NotTheLender);
		assert_noop!(
			Loans::conclude(signed(COMPANY), id, performed(&key, id), Disclosure::Encrypted),
			Error::<Test>::NotTheLender
		);
		assert_ok!(Loans::confirm_extension(signed(NEW_ALICE), id, 3));
		let loan = LoanRecords::<Test>::get(id).unwrap();
		assert_eq!((loan.state, loan.extensions.len()), (LoanState::Active, 1));
		assert_ok!(Loans::propose_extension(signed(NEW_COMPANY), id, 2));
	});
}

#[test]
fn an_open_paid_request_is_answered_by_and_paid_to_the_lenders_new_account() {
	run(|| {
		let (id, key) = active_loan_between(COMPANY, ALICE, 5, PLAINTEXT);
		assert_ok!(Loans::set_disclosure(signed(COMPANY), id, Disclosure::Paid { price: PRICE }));
		assert_ok!(Loans::request_access(signed(BOB), id, ANY_PRICE));
		assert_ok!(Loans::request_access(signed(CAROL), id, ANY_PRICE));
		rebind(COMPANY, NEW_COMPANY);
		assert_noop!(
			Loans::grant_access(signed(COMPANY), id, BOB, envelope_for(BOB, &key)),
			Error::<Test>::NotTheLender
		);
		assert_noop!(Loans::decline_access(signed(COMPANY), id, BOB), Error::<Test>::NotTheLender);

		let (old_before, new_before) =
			(Balances::balance(&COMPANY), Balances::balance(&NEW_COMPANY));
		assert_ok!(Loans::grant_access(signed(NEW_COMPANY), id, BOB, envelope_for(BOB, &key)));
		System::assert_last_event(
			Event::AccessGranted { loan_id: id, viewer: BOB, paid: PRICE }.into(),
		);
		assert_eq!(Balances::balance(&NEW_COMPANY), new_before + PRICE);
		assert_eq!(Balances::balance(&COMPANY), old_before);
		assert_ok!(Loans::decline_access(signed(NEW_COMPANY), id, CAROL));
	});
}

#[test]
fn a_partys_new_account_is_still_a_party() {
	run(|| {
		let (id, key) = active_loan_between(COMPANY, ALICE, 5, PLAINTEXT);
		rebind(ALICE, NEW_ALICE);
		assert_noop!(
			Loans::request_access(signed(NEW_ALICE), id, ANY_PRICE),
			Error::<Test>::PartyHasAccess
		);
		assert_noop!(
			Loans::grant_access(signed(COMPANY), id, NEW_ALICE, envelope_for(ALICE, &key)),
			Error::<Test>::PartyHasAccess
		);
	});
}

#[test]
fn the_loan_view_names_the_accounts_that_hold_the_identities_now() {
	run(|| {
		let (id, _) = active_loan_between(COMPANY, ALICE, 5, PLAINTEXT);
		rebind(ALICE, NEW_ALICE);
		let view = Loans::loan_view(id).unwrap();
		assert_eq!((view.lender, view.borrower), (Some(COMPANY), NEW_ALICE));
		assert_eq!((view.lender_id, view.borrower_id), (Some(id_of(COMPANY)), id_of(ALICE)));
	});
}

/// The institutions freeze `who`'s identity (the mock's `RegistrarOrigin` is Root).
fn freeze(who: u64) {
	assert_ok!(CreditIdentity::freeze(RuntimeOrigin::root(), id_of(who)));
}

#[test]
fn a_frozen_identity_cannot_act_in_any_loan_and_its_pending_consents_fail() {
	run(|| {
		// A running loan, a proposal and a consent, all made before the freeze.
		let (running, key) = active_loan_between(COMPANY, ALICE, 5, PLAINTEXT);
		let (proposed, _) = proposal_to_alice();
		let (details, _) = seal_for(COMPANY, BOB, PLAINTEXT);
		let consent = consent_by(BOB, COMPANY, BOB, Role::Lender, 5, &details, 10);
		freeze(COMPANY);
		freeze(BOB);

		// As the lender of a running loan.
		assert_noop!(
			Loans::propose_extension(signed(COMPANY), running, 5),
			Error::<Test>::IdentityFrozen
		);
		assert_noop!(
			Loans::conclude(
				signed(COMPANY),
				running,
				performed(&key, running),
				Disclosure::Encrypted
			),
			Error::<Test>::IdentityFrozen
		);
		assert_noop!(
			Loans::set_disclosure(signed(COMPANY), running, Disclosure::Paid { price: PRICE }),
			Error::<Test>::IdentityFrozen
		);
		// Its proposal cannot take effect, nor can it withdraw it.
		assert_noop!(
			Loans::accept(signed(ALICE), proposed, proposal_hash_of(proposed)),
			Error::<Test>::IdentityFrozen
		);
		assert_noop!(Loans::withdraw(signed(COMPANY), proposed), Error::<Test>::IdentityFrozen);
		// A consent BOB signed before the freeze cannot be used, and COMPANY cannot record.
		assert_noop!(
			Loans::record(signed(COMPANY), BOB, Role::Lender, 5, details.clone(), consent.clone()),
			Error::<Test>::IdentityFrozen
		);
		assert_noop!(
			Loans::propose(
				signed(ALICE),
				BOB,
				Role::Borrower,
				5,
				seal_for(BOB, ALICE, PLAINTEXT).0
			),
			Error::<Test>::IdentityFrozen
		);
		// Nor can a frozen identity ask to see a loan.
		assert_noop!(
			Loans::request_access(signed(BOB), running, PRICE),
			Error::<Test>::IdentityFrozen
		);

		// The other party and the record are untouched; once unfrozen, everyone acts again.
		assert_eq!(LoanRecords::<Test>::get(running).unwrap().state, LoanState::Active);
		assert_ok!(CreditIdentity::unfreeze(RuntimeOrigin::root(), id_of(COMPANY)));
		assert_ok!(CreditIdentity::unfreeze(RuntimeOrigin::root(), id_of(BOB)));
		assert_ok!(Loans::accept(signed(ALICE), proposed, proposal_hash_of(proposed)));
		assert_ok!(Loans::record(signed(COMPANY), BOB, Role::Lender, 5, details, consent));
		assert_ok!(Loans::conclude(
			signed(COMPANY),
			running,
			performed(&key, running),
			Disclosure::Encrypted
		));
	});
}
