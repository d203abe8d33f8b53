//! Tests of `record`: a loan both parties signed, in one transaction, with the
//! counterparty's consent signed off chain.

use crate::{mock::Loans, pallet::Loans as LoanRecords};
use crate::{mock::*, *};
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::{Inspect, InspectHold, Mutate},
		Hooks,
	},
};

const TERMS: &[u8] = br#"{"amount":"800.00","currency":"CNY","rate":"0.08","purpose":"phone"}"#;
const DAYS: u32 = 30;

/// The next block: the shortest deadline a consent can have.
fn soon() -> u64 {
	System::block_number() + 1
}

/// The company records a loan for Alice with her consent, signed by `signer`.
fn company_records_for_alice(signer: u64, deadline: u64) -> (DetailsInput, crate::ConsentOf<Test>) {
	let (details, _) = seal_for(COMPANY, ALICE, TERMS);
	let consent = consent_by(signer, COMPANY, ALICE, Role::Lender, DAYS, &details, deadline);
	(details, consent)
}

fn no_holds(who: u64) -> bool {
	<Balances as InspectHold<u64>>::total_balance_on_hold(&who) == 0
}

#[test]
fn a_company_records_a_loan_for_a_customer_without_funds_in_one_transaction() {
	run(|| {
		// Alice has no account at all: no balance, nothing held.
		Balances::set_balance(&ALICE, 0);
		assert_eq!(Balances::total_balance(&ALICE), 0);
		let company_balance = Balances::total_balance(&COMPANY);
		let (details, consent) = company_records_for_alice(ALICE, soon());
		let id = NextLoanId::<Test>::get();

		assert_ok!(Loans::record(
			signed(COMPANY),
			ALICE,
			Role::Lender,
			DAYS,
			details.clone(),
			consent.clone()
		));

		let maturity = 1 + (DAYS * BLOCKS_PER_DAY) as u64;
		System::assert_last_event(
			Event::LoanRecorded {
				loan_id: id,
				lender: COMPANY,
				borrower: ALICE,
				submitter: Role::Lender,
				maturity,
			}
			.into(),
		);
		let loan = LoanRecords::<Test>::get(id).unwrap();
		assert_eq!(loan.state, LoanState::Active);
		assert_eq!(loan.maturity, Some(maturity));
		assert_eq!(loan.lender_id(), Some(&id_of(COMPANY)));
		assert_eq!(loan.borrower_id, id_of(ALICE));
		assert_eq!(loan.details.ciphertext.to_vec(), details.ciphertext);
		assert!(loan.took_effect());
		// In both histories, and prompted at maturity like any other loan.
		assert_eq!(summary_ids(&id_of(ALICE), 0, 10), vec![id]);
		assert!(LenderLoans::<Test>::contains_key(id_of(COMPANY), loan_key(id)));
		assert!(Agenda::<Test>::contains_key(maturity, id));
		// Nobody paid a deposit, and Alice still has nothing.
		assert_eq!(Balances::total_balance(&ALICE), 0);
		assert_eq!(Balances::total_balance(&COMPANY), company_balance);
		assert!(no_holds(ALICE) && no_holds(COMPANY));
		// The consent is remembered until its deadline has passed.
		assert_eq!(UsedConsents::<Test>::iter_prefix(consent.deadline).count(), 1);

		run_to_block(maturity);
		System::assert_has_event(Event::FeedbackDue { loan_id: id, lender: COMPANY }.into());
	});
}

#[test]
fn a_lender_records_a_loan_the_borrower_asked_for() {
	run(|| {
		// Person to person: Bob lends to Alice, who asked for it and signed in her wallet
		// (`<Bytes>`-wrapped, as wallets sign); Bob submits.
		let (details, _) = seal_for(BOB, ALICE, TERMS);
		let hash = consent_hash_for(BOB, ALICE, Role::Lender, 10, &details, soon());
		// The bare 32-byte hash is never a consent: it could be a transaction's signature.
		let bare = Consent { deadline: soon(), signature: test_signature(ALICE, &hash) };
		assert_noop!(
			Loans::record(signed(BOB), ALICE, Role::Lender, 10, details.clone(), bare),
			Error::<Test>::ConsentNotSignedByCounterparty
		);
		let consent = Consent {
			deadline: soon(),
			signature: test_signature(ALICE, &crate::consent::wrapped(&hash)),
		};
		let id = NextLoanId::<Test>::get();
		let len = details.ciphertext.len() as u32;
		let post = Loans::record(signed(BOB), ALICE, Role::Lender, 10, details, consent)
			.expect("a valid consent");
		// One signature check was made: that is what Bob pays for.
		assert_eq!(post.actual_weight, Some(<() as crate::WeightInfo>::record(len)));
		assert_eq!(LoanRecords::<Test>::get(id).unwrap().lender_id(), Some(&id_of(BOB)));
		assert_eq!(summary_ids(&id_of(ALICE), 0, 10), vec![id]);
	});
}

#[test]
fn a_borrower_can_submit_with_the_lenders_consent() {
	run(|| {
		let (details, _) = seal_for(COMPANY, ALICE, TERMS);
		let consent = consent_by(COMPANY, ALICE, COMPANY, Role::Borrower, 7, &details, soon());
		let id = NextLoanId::<Test>::get();
		assert_ok!(Loans::record(signed(ALICE), COMPANY, Role::Borrower, 7, details, consent));
		let loan = LoanRecords::<Test>::get(id).unwrap();
		assert_eq!((loan.lender_id(), loan.proposer), (Some(&id_of(COMPANY)), Role::Borrower));
		assert_eq!(loan.state, LoanState::Active);
	});
}

#[test]
fn every_bad_consent_is_refused_and_changes_nothing() {
	run(|| {
		let (details, _) = seal_for(COMPANY, ALICE, TERMS);
		let record = |consent: crate::ConsentOf<Test>, period: u32| {
			Loans::record(signed(COMPANY), ALICE, Role::Lender, period, details.clone(), consent)
		};
		let by = |signer: u64, period: u32, deadline: u64| {
			consent_by(signer, COMPANY, ALICE, Role::Lender, period, &details, deadline)
		};

		// Another account's signature.
		assert_noop!(
			record(by(CAROL, DAYS, soon()), DAYS),
			Error::<Test>::ConsentNotSignedByCounterparty
		);
		// Alice signed other terms: 31 days, not 30.
		assert_noop!(
			record(by(ALICE, DAYS + 1, soon()), DAYS),
			Error::<Test>::ConsentNotSignedByCounterparty
		);
		// Alice signed for another role: the company as borrower.
		let reversed = consent_by(ALICE, ALICE, COMPANY, Role::Borrower, DAYS, &details, soon());
		assert_noop!(record(reversed, DAYS), Error::<Test>::ConsentNotSignedByCounterparty);
		// A deadline other than the one she signed.
		let mut moved = by(ALICE, DAYS, soon());
		moved.deadline += 1;
		assert_noop!(record(moved, DAYS), Error::<Test>::ConsentNotSignedByCounterparty);
		// The company signed its own consent.
		assert_noop!(
			record(by(COMPANY, DAYS, soon()), DAYS),
			Error::<Test>::ConsentSignedBySubmitter
		);
		// Alice signed the bare hash, not the wrapped form wallets sign.
		let hash = consent_hash_for(COMPANY, ALICE, Role::Lender, DAYS, &details, soon());
		let bare = Consent { deadline: soon(), signature: test_signature(ALICE, &hash) };
		assert_noop!(record(bare, DAYS), Error::<Test>::ConsentNotSignedByCounterparty);
		// Expired: its last block was the previous one.
		run_to_block(3);
		assert_noop!(record(by(ALICE, DAYS, 2), DAYS), Error::<Test>::ConsentExpired);
		// Valid for too long.
		let latest = 3 + (MAX_CONSENT_DAYS * BLOCKS_PER_DAY) as u64;
		assert_noop!(
			record(by(ALICE, DAYS, latest + 1), DAYS),
			Error::<Test>::ConsentDeadlineTooFar
		);
		// The last block it may be used at is fine, and so is the latest deadline.
		assert_ok!(record(by(ALICE, DAYS, 3), DAYS));
		assert_ok!(record(by(ALICE, DAYS, latest), DAYS));
	});
}

#[test]
fn a_consent_records_one_loan_whatever_id_it_would_get() {
	run(|| {
		let (details, consent) = company_records_for_alice(ALICE, soon() + 5);
		let first = NextLoanId::<Test>::get();
		let submit = || {
			Loans::record(
				signed(COMPANY),
				ALICE,
				Role::Lender,
				DAYS,
				details.clone(),
				consent.clone(),
			)
		};
		assert_ok!(submit());
		// Ids move on: another loan in between.
		active_loan_between(COMPANY, BOB, 3, TERMS);
		assert_noop!(submit(), Error::<Test>::ConsentAlreadyUsed);
		run_to_block(3);
		assert_noop!(submit(), Error::<Test>::ConsentAlreadyUsed);
		assert_eq!(summary_ids(&id_of(ALICE), 0, 10), vec![first]);
	});
}

#[test]
fn parties_must_be_verified_and_distinct() {
	run(|| {
		let (details, _) = seal_for(COMPANY, ALICE, TERMS);
		let consent = |counterparty| {
			consent_by(counterparty, COMPANY, counterparty, Role::Lender, DAYS, &details, soon())
		};
		let record = |submitter, counterparty| {
			Loans::record(
				signed(submitter),
				counterparty,
				Role::Lender,
				DAYS,
				details.clone(),
				consent(counterparty),
			)
		};
		assert_noop!(record(COMPANY, PENDING), Error::<Test>::CounterpartyNotVerified);
		assert_noop!(record(COMPANY, STRANGER), Error::<Test>::CounterpartyNotVerified);
		assert_noop!(record(STRANGER, ALICE), Error::<Test>::NotVerified);
		assert_noop!(record(COMPANY, COMPANY), Error::<Test>::SelfDealing);
		assert_noop!(
			Loans::record(signed(COMPANY), ALICE, Role::Lender, 0, details.clone(), consent(ALICE)),
			Error::<Test>::ZeroPeriod
		);
	});
}

#[test]
fn the_signer_is_whoever_holds_the_counterpartys_identity_now() {
	run(|| {
		rebind_identity(id_of(ALICE), NEW_ALICE);
		let (details, _) = seal_for(COMPANY, ALICE, TERMS);
		let by_old = consent_by(ALICE, COMPANY, NEW_ALICE, Role::Lender, DAYS, &details, soon());
		assert_noop!(
			Loans::record(signed(COMPANY), NEW_ALICE, Role::Lender, DAYS, details.clone(), by_old),
			Error::<Test>::ConsentNotSignedByCounterparty
		);
		let by_new =
			consent_by(NEW_ALICE, COMPANY, NEW_ALICE, Role::Lender, DAYS, &details, soon());
		assert_ok!(Loans::record(signed(COMPANY), NEW_ALICE, Role::Lender, DAYS, details, by_new));
		assert_eq!(summary_ids(&id_of(ALICE), 0, 10).len(), 1);
	});
}

#[test]
fn used_consents_are_forgotten_after_their_deadline_a_bounded_number_a_block() {
	run(|| {
		MaxConsentExpiries::set(2);
		let deadline = soon();
		for _ in 0..5 {
			// Five loans, each with its own consent (new details each time: a new nonce).
			let (mut details, _) = seal_for(COMPANY, ALICE, TERMS);
			details.nonce[0] = NextLoanId::<Test>::get() as u8;
			details.ciphertext =
				loanchain_sealing::seal_details(&[0x5A; 32], &details.nonce, TERMS, &id_of(ALICE));
			let consent = consent_by(ALICE, COMPANY, ALICE, Role::Lender, DAYS, &details, deadline);
			assert_ok!(Loans::record(signed(COMPANY), ALICE, Role::Lender, DAYS, details, consent));
		}
		assert_eq!(UsedConsents::<Test>::iter().count(), 5);
		// Still usable at the deadline: remembered.
		run_to_block(deadline);
		assert_eq!(UsedConsents::<Test>::iter().count(), 5);
		// Past it: two a block are forgotten, in order, and nothing else is touched.
		run_to_block(deadline + 1);
		assert_eq!(UsedConsents::<Test>::iter().count(), 3);
		assert_eq!(ConsentCursor::<Test>::get(), deadline);
		run_to_block(deadline + 3);
		assert_eq!(UsedConsents::<Test>::iter().count(), 0);
		run_to_block(deadline + 4);
		assert_eq!(ConsentCursor::<Test>::get(), deadline + 4);
		assert_eq!(summary_ids(&id_of(ALICE), 0, 10).len(), 5);
	});
}

#[test]
fn record_is_charged_for_the_longest_check_and_refunds_a_raw_consent_to_one_check() {
	run(|| {
		let (details, consent) = company_records_for_alice(ALICE, soon());
		let len = details.ciphertext.len() as u32;
		let call = crate::Call::<Test>::record {
			counterparty: ALICE,
			role: Role::Lender,
			period_days: DAYS,
			details: details.clone(),
			consent: consent.clone(),
		};
		use frame_support::dispatch::GetDispatchInfo;
		assert_eq!(call.get_dispatch_info().call_weight, Loans::record_weight(len));
		let post = Loans::record(signed(COMPANY), ALICE, Role::Lender, DAYS, details, consent)
			.expect("a valid consent");
		assert_eq!(post.actual_weight, Some(<() as crate::WeightInfo>::record(len)));
	});
}

#[test]
fn the_hook_pays_for_the_consents_it_forgets() {
	run(|| {
		let (details, consent) = company_records_for_alice(ALICE, soon());
		assert_ok!(Loans::record(signed(COMPANY), ALICE, Role::Lender, DAYS, details, consent));
		let deadline = soon();
		run_to_block(deadline);
		assert_eq!(ConsentCursor::<Test>::get(), deadline);
		System::set_block_number(deadline + 1);
		let without = <() as crate::WeightInfo>::process_agenda(0) + Loans::expiry_weight(0, 0);
		let weight = Loans::on_initialize(deadline + 1);
		assert_eq!(weight, without + Loans::consents_weight(1, 1));
		assert_eq!(UsedConsents::<Test>::iter().count(), 0);
	});
}

#[test]
fn a_recorded_loan_stores_no_more_than_an_accepted_one() {
	run(|| {
		let (details, consent) = company_records_for_alice(ALICE, soon());
		let recorded = NextLoanId::<Test>::get();
		assert_ok!(Loans::record(
			signed(COMPANY),
			ALICE,
			Role::Lender,
			DAYS,
			details.clone(),
			consent
		));
		let accepted = NextLoanId::<Test>::get();
		assert_ok!(Loans::propose(signed(COMPANY), ALICE, Role::Lender, DAYS, details));
		assert_ok!(Loans::accept(signed(ALICE), accepted, proposal_hash_of(accepted)));

		// The same items, of the same sizes: the loan, both history entries, the agenda entry.
		let size = |id: LoanId| {
			let loan = LoanRecords::<Test>::get(id).unwrap();
			let maturity = loan.maturity.unwrap();
			(
				codec::Encode::encoded_size(&loan),
				BorrowerLoans::<Test>::get(id_of(ALICE), loan_key(id))
					.map(|e| codec::Encode::encoded_size(&e)),
				LenderLoans::<Test>::contains_key(id_of(COMPANY), loan_key(id)),
				Agenda::<Test>::contains_key(maturity, id),
			)
		};
		assert_eq!(size(recorded), size(accepted));
		// Besides, only the used consent, until its deadline has passed.
		assert_eq!(UsedConsents::<Test>::iter().count(), 1);
		run_to_block(soon() + 1);
		assert_eq!(UsedConsents::<Test>::iter().count(), 0);
	});
}
