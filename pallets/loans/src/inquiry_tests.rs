//! Tests of `inquire`: looking a borrower up takes the borrower's consent, signed off chain
//! by the account that holds their identity now, used once, and logged where they see it.

use crate::{
	mock::{Loans, *},
	*,
};
use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, Mutate},
};

/// The next block: the shortest deadline a consent can have.
fn soon() -> u64 {
	System::block_number() + 1
}

/// The hash `signer` signs to let `inquirer`'s identity look `borrower_id` up.
fn hash_for(
	inquirer: u64,
	borrower_id: IdHash,
	purpose: InquiryPurpose,
	deadline: u64,
) -> [u8; 32] {
	crate::inquiry_hash(
		System::block_hash(0).as_ref(),
		&id_of(inquirer),
		&borrower_id,
		purpose,
		deadline as u32,
	)
}

/// `signer`'s consent, wrapped as wallets sign, to `inquirer` looking `borrower_id` up.
fn consent(
	signer: u64,
	inquirer: u64,
	borrower_id: IdHash,
	purpose: InquiryPurpose,
	deadline: u64,
) -> InquiryConsentOf<Test> {
	let hash = hash_for(inquirer, borrower_id, purpose, deadline);
	InquiryConsent {
		borrower_id,
		purpose,
		deadline,
		signature: test_signature(signer, &consent::wrapped(&hash)),
	}
}

/// Alice's consent to the company's loan application check, until the next block.
fn alice_lets_company() -> InquiryConsentOf<Test> {
	consent(ALICE, COMPANY, id_of(ALICE), InquiryPurpose::LoanApplication, soon())
}

fn log_of(who: u64) -> Vec<InquiryOf<Test>> {
	(0..InquiryCount::<Test>::get(id_of(who)))
		.map(|i| Inquiries::<Test>::get(id_of(who), i).expect("no gaps"))
		.collect()
}

#[test]
fn a_lender_looks_a_borrower_up_with_consent_and_the_borrower_sees_it_in_their_log() {
	run(|| {
		let issuance = Balances::total_issuance();
		let company_balance = Balances::total_balance(&COMPANY);
		let alice_balance = Balances::total_balance(&ALICE);
		assert_ok!(Loans::inquire(signed(COMPANY), alice_lets_company()));

		assert_eq!(
			log_of(ALICE),
			vec![Inquiry {
				inquirer_id: id_of(COMPANY),
				at: 1,
				purpose: InquiryPurpose::LoanApplication
			}]
		);
		System::assert_last_event(
			Event::<Test>::Inquired {
				borrower_id: id_of(ALICE),
				index: 0,
				inquirer_id: id_of(COMPANY),
				purpose: InquiryPurpose::LoanApplication,
				fee: INQUIRY_FEE,
			}
			.into(),
		);
		// The inquirer paid the fee, burned: the entry is permanent, so nothing is held.
		assert_eq!(Balances::total_balance(&COMPANY), company_balance - INQUIRY_FEE);
		assert_eq!(Balances::total_issuance(), issuance - INQUIRY_FEE);
		// The borrower paid nothing.
		assert_eq!(Balances::total_balance(&ALICE), alice_balance);
		// Nobody else's log changed.
		assert!(log_of(BOB).is_empty());
	});
}

#[test]
fn every_inquiry_adds_an_entry_in_order_and_none_is_ever_changed() {
	run(|| {
		assert_ok!(Loans::inquire(signed(COMPANY), alice_lets_company()));
		run_to_block(5);
		let again = consent(ALICE, COMPANY, id_of(ALICE), InquiryPurpose::LoanManagement, soon());
		assert_ok!(Loans::inquire(signed(COMPANY), again));
		let by_bob = consent(ALICE, BOB, id_of(ALICE), InquiryPurpose::Guarantee, soon());
		assert_ok!(Loans::inquire(signed(BOB), by_bob));
		let log: Vec<_> =
			log_of(ALICE).into_iter().map(|e| (e.inquirer_id, e.at, e.purpose)).collect();
		assert_eq!(
			log,
			vec![
				(id_of(COMPANY), 1, InquiryPurpose::LoanApplication),
				(id_of(COMPANY), 5, InquiryPurpose::LoanManagement),
				(id_of(BOB), 5, InquiryPurpose::Guarantee),
			]
		);
	});
}

#[test]
fn a_consent_serves_one_inquiry() {
	run(|| {
		let consent = alice_lets_company();
		assert_ok!(Loans::inquire(signed(COMPANY), consent.clone()));
		assert_noop!(Loans::inquire(signed(COMPANY), consent), Error::<Test>::ConsentAlreadyUsed);
	});
}

#[test]
fn a_consent_is_refused_after_its_deadline_or_with_a_deadline_too_far_ahead() {
	run(|| {
		let consent = alice_lets_company();
		run_to_block(soon() + 1);
		assert_noop!(Loans::inquire(signed(COMPANY), consent), Error::<Test>::ConsentExpired);
		let far = System::block_number() + (MAX_CONSENT_DAYS * BLOCKS_PER_DAY) as u64 + 1;
		let too_far = consent_far(far);
		assert_noop!(
			Loans::inquire(signed(COMPANY), too_far),
			Error::<Test>::ConsentDeadlineTooFar
		);
		// The furthest deadline allowed is accepted.
		assert_ok!(Loans::inquire(signed(COMPANY), consent_far(far - 1)));
	});
}

fn consent_far(deadline: u64) -> InquiryConsentOf<Test> {
	consent(ALICE, COMPANY, id_of(ALICE), InquiryPurpose::LoanApplication, deadline)
}

#[test]
fn a_consent_names_its_inquirer_purpose_and_borrower_and_is_the_borrowers_signature() {
	run(|| {
		use InquiryPurpose::*;
		// Given to the company: Bob cannot use it.
		assert_noop!(
			Loans::inquire(signed(BOB), alice_lets_company()),
			Error::<Test>::ConsentNotSignedByBorrower
		);
		// Signed for a loan application: not valid for another purpose.
		let mut other_purpose = alice_lets_company();
		other_purpose.purpose = Guarantee;
		assert_noop!(
			Loans::inquire(signed(COMPANY), other_purpose),
			Error::<Test>::ConsentNotSignedByBorrower
		);
		// Alice's signature does not let anyone look Bob up.
		let mut other_borrower = alice_lets_company();
		other_borrower.borrower_id = id_of(BOB);
		assert_noop!(
			Loans::inquire(signed(COMPANY), other_borrower),
			Error::<Test>::ConsentNotSignedByBorrower
		);
		// Carol signing "for Alice", and the company signing its own consent, are refused.
		for signer in [CAROL, COMPANY] {
			let forged = consent(signer, COMPANY, id_of(ALICE), LoanApplication, soon());
			assert_noop!(
				Loans::inquire(signed(COMPANY), forged),
				Error::<Test>::ConsentNotSignedByBorrower
			);
		}
		// A deadline other than the one signed.
		let mut later = alice_lets_company();
		later.deadline += 1;
		assert_noop!(
			Loans::inquire(signed(COMPANY), later),
			Error::<Test>::ConsentNotSignedByBorrower
		);
	});
}

#[test]
fn a_signature_over_the_bare_hash_is_refused() {
	run(|| {
		let deadline = soon();
		let hash = hash_for(COMPANY, id_of(ALICE), InquiryPurpose::LoanApplication, deadline);
		let bare = InquiryConsent {
			borrower_id: id_of(ALICE),
			purpose: InquiryPurpose::LoanApplication,
			deadline,
			signature: test_signature(ALICE, &hash),
		};
		assert_noop!(
			Loans::inquire(signed(COMPANY), bare),
			Error::<Test>::ConsentNotSignedByBorrower
		);
	});
}

#[test]
fn only_a_verified_identity_inquires_and_only_about_a_verified_other() {
	run(|| {
		// No identity, or one not verified yet.
		for inquirer in [STRANGER, PENDING] {
			let c = consent(ALICE, inquirer, id_of(ALICE), InquiryPurpose::LoanApplication, soon());
			assert_noop!(Loans::inquire(signed(inquirer), c), Error::<Test>::NotVerified);
		}
		// About an id no one holds, or one whose claim is not verified.
		for borrower in [STRANGER, PENDING] {
			let c = consent(
				borrower,
				COMPANY,
				id_of(borrower),
				InquiryPurpose::LoanApplication,
				soon(),
			);
			assert_noop!(Loans::inquire(signed(COMPANY), c), Error::<Test>::BorrowerNotVerified);
		}
		// About oneself: no consent is needed, and none is logged.
		let own = consent(ALICE, ALICE, id_of(ALICE), InquiryPurpose::LoanApplication, soon());
		assert_noop!(Loans::inquire(signed(ALICE), own), Error::<Test>::SelfInquiry);
	});
}

#[test]
fn after_a_rebind_only_the_new_account_consents_for_the_identity() {
	run(|| {
		let old = alice_lets_company();
		rebind_identity(id_of(ALICE), NEW_ALICE);
		let deadline = soon();
		let stale =
			consent(ALICE, COMPANY, id_of(ALICE), InquiryPurpose::LoanApplication, deadline);
		assert_noop!(
			Loans::inquire(signed(COMPANY), stale),
			Error::<Test>::ConsentNotSignedByBorrower
		);
		// The consent given before the move has expired meanwhile anyway.
		assert_noop!(Loans::inquire(signed(COMPANY), old), Error::<Test>::ConsentExpired);
		let fresh =
			consent(NEW_ALICE, COMPANY, id_of(ALICE), InquiryPurpose::LoanApplication, deadline);
		assert_ok!(Loans::inquire(signed(COMPANY), fresh));
		assert_eq!(log_of(ALICE).len(), 1);
	});
}

#[test]
fn a_frozen_identity_neither_inquires_nor_is_inquired_about() {
	run(|| {
		let consent_to_company = alice_lets_company();
		assert_ok!(CreditIdentity::freeze(RuntimeOrigin::root(), id_of(ALICE)));
		assert_noop!(
			Loans::inquire(signed(COMPANY), consent_to_company),
			Error::<Test>::IdentityFrozen
		);
		let c = consent(BOB, ALICE, id_of(BOB), InquiryPurpose::Guarantee, soon());
		assert_noop!(Loans::inquire(signed(ALICE), c), Error::<Test>::IdentityFrozen);
	});
}

#[test]
fn an_inquirer_who_cannot_pay_the_fee_is_refused_and_nothing_is_logged() {
	run(|| {
		Balances::set_balance(&COMPANY, Balances::minimum_balance() + INQUIRY_FEE - 1);
		assert_noop!(
			Loans::inquire(signed(COMPANY), alice_lets_company()),
			sp_runtime::TokenError::FundsUnavailable
		);
	});
}

#[test]
fn a_used_consent_is_forgotten_once_its_deadline_has_passed() {
	run(|| {
		let consent = alice_lets_company();
		let deadline = consent.deadline;
		assert_ok!(Loans::inquire(signed(COMPANY), consent));
		assert_eq!(UsedConsents::<Test>::iter_prefix(deadline).count(), 1);
		run_to_block(deadline + 2);
		assert_eq!(UsedConsents::<Test>::iter_prefix(deadline).count(), 0);
		// The log keeps the inquiry.
		assert_eq!(log_of(ALICE).len(), 1);
	});
}
