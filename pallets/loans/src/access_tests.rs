//! Tests of disclosure levels, paid access and the escrow behind it.

use crate::{mock::*, *};
// `Loans` is both the pallet (in the mock runtime) and its storage map: name them apart.
use crate::{mock::Loans, pallet::Loans as LoanRecords};
use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, InspectHold},
};
use loanchain_sealing as sealing;
use proptest::prelude::*;

const PLAINTEXT: &[u8] =
	br#"{"amount":"88888.88","currency":"CNY","purpose":"RECOGNIZABLE-PLAINTEXT-7f3a"}"#;
const PRICE: u64 = 100;

fn held(who: u64) -> u64 {
	Balances::balance_on_hold(&RuntimeHoldReason::Loans(HoldReason::AccessPayment), &who)
}

fn free(who: u64) -> u64 {
	Balances::balance(&who)
}

fn deposit_held(who: u64) -> u64 {
	Balances::balance_on_hold(&RuntimeHoldReason::Loans(HoldReason::RequestDeposit), &who)
}

/// The whole inquiry log of loan `id`, oldest first.
fn log_of(id: LoanId) -> Vec<AccessRequestOf<Test>> {
	Loans::access_log(id, 0, u32::MAX).into_iter().map(|(_, entry)| entry).collect()
}

/// `viewer`'s latest entry in the inquiry log of loan `id`.
fn latest(id: LoanId, viewer: u64) -> AccessRequestOf<Test> {
	log_of(id)
		.into_iter()
		.rev()
		.find(|e| e.viewer == viewer)
		.expect("the viewer asked")
}

/// Gives `who` (an account without an identity in the mock) a verified identity.
fn verify(who: u64) {
	let id_hash = [0xE0 + who as u8; 32];
	assert_ok!(CreditIdentity::register(
		signed(who),
		pallet_credit_identity::IdentityKind::Person,
		id_hash,
		sealing::public_key(&secret_of(who))
	));
	assert_ok!(CreditIdentity::verify(
		signed(REGISTRAR),
		who,
		id_hash,
		pallet_credit_identity::IdentityKind::Person
	));
}

/// An active loan from the company to Alice with `PLAINTEXT` as its terms.
fn active_loan() -> (LoanId, ContentKey) {
	active_loan_between(COMPANY, ALICE, 3, PLAINTEXT)
}

#[test]
fn a_price_below_the_existential_deposit_is_refused() {
	run(|| {
		let (id, _) = active_loan();
		// Paid into an account that does not exist yet (a private lender's fresh payee), a
		// price below the existential deposit could never arrive: refused when it is set.
		ExistentialDeposit::set(10);
		assert_noop!(
			Loans::set_disclosure(signed(COMPANY), id, Disclosure::Paid { price: 9 }),
			Error::<Test>::PriceBelowMinimum
		);
		assert_ok!(Loans::set_disclosure(signed(COMPANY), id, Disclosure::Paid { price: 10 }));
		ExistentialDeposit::set(1);
	});
}

#[test]
fn disclosure_only_moves_towards_openness() {
	run(|| {
		let (id, key) = active_loan();
		assert_noop!(
			Loans::set_disclosure(signed(ALICE), id, Disclosure::Paid { price: PRICE }),
			Error::<Test>::NotTheLender
		);
		assert_noop!(
			Loans::set_disclosure(signed(COMPANY), id, Disclosure::Encrypted),
			Error::<Test>::DisclosureNotMoreOpen
		);
		assert_noop!(
			Loans::set_disclosure(signed(COMPANY), id, Disclosure::Paid { price: 0 }),
			Error::<Test>::ZeroPrice
		);
		assert_ok!(Loans::set_disclosure(signed(COMPANY), id, Disclosure::Paid { price: PRICE }));
		assert_noop!(
			Loans::set_disclosure(signed(COMPANY), id, Disclosure::Paid { price: 1 }),
			Error::<Test>::DisclosureNotMoreOpen
		);
		assert_ok!(Loans::set_disclosure(
			signed(COMPANY),
			id,
			Disclosure::Public { content_key: key }
		));
		for back in [
			Disclosure::Encrypted,
			Disclosure::Paid { price: PRICE },
			Disclosure::Public { content_key: key },
		] {
			assert_noop!(
				Loans::set_disclosure(signed(COMPANY), id, back),
				Error::<Test>::DisclosureNotMoreOpen
			);
		}
		assert_eq!(
			LoanRecords::<Test>::get(id).unwrap().disclosure,
			Disclosure::Public { content_key: key }
		);
	});
}

#[test]
fn a_published_key_must_open_the_details_and_the_outcome() {
	run(|| {
		let (id, key) = active_loan();
		assert_noop!(
			Loans::set_disclosure(signed(COMPANY), id, Disclosure::Public { content_key: [1; 32] }),
			Error::<Test>::KeyDoesNotOpenDetails
		);
		// Concluded with an outcome sealed under another key: the details key is not enough.
		let nonce = [4; 12];
		let foreign =
			SealedOutcome { nonce, ciphertext: sealing::seal_outcome(&[2; 32], &nonce, 0, id) };
		assert_ok!(Loans::conclude(signed(COMPANY), id, foreign, Disclosure::Encrypted));
		assert_noop!(
			Loans::set_disclosure(signed(COMPANY), id, Disclosure::Public { content_key: key }),
			Error::<Test>::KeyDoesNotOpenOutcome
		);
	});
}

#[test]
fn proposals_cannot_be_disclosed_or_requested() {
	run(|| {
		let (id, _) = active_loan();
		let (details, _) = (LoanRecords::<Test>::get(id).unwrap().details, ());
		let input = DetailsInput {
			nonce: details.nonce,
			ciphertext: details.ciphertext.into_inner(),
			key_commitment: details.key_commitment,
			lender_envelope: details.lender_envelope,
			borrower_envelope: details.borrower_envelope,
		};
		assert_ok!(Loans::propose(signed(COMPANY), ALICE, Role::Lender, 3, input));
		let proposal = id + 1;
		assert_noop!(
			Loans::set_disclosure(signed(COMPANY), proposal, Disclosure::Paid { price: PRICE }),
			Error::<Test>::NotInEffect
		);
		assert_noop!(
			Loans::request_access(signed(BOB), proposal, ANY_PRICE),
			Error::<Test>::NotInEffect
		);
		assert_noop!(
			Loans::grant_access(signed(COMPANY), proposal, BOB, [0; ENVELOPE_LEN]),
			Error::<Test>::NotInEffect
		);
	});
}

#[test]
fn a_viewer_pays_at_most_the_price_it_signed() {
	run(|| {
		let (id, _) = active_loan();
		// The viewer saw an encrypted loan and asks for free; the lender puts a price on it
		// first (a front-run from the pool): the request is refused, nothing is taken.
		assert_ok!(Loans::set_disclosure(signed(COMPANY), id, Disclosure::Paid { price: PRICE }));
		let before = free(BOB);
		assert_noop!(Loans::request_access(signed(BOB), id, 0), Error::<Test>::PriceAboveLimit);
		assert_noop!(
			Loans::request_access(signed(BOB), id, PRICE - 1),
			Error::<Test>::PriceAboveLimit
		);
		assert_eq!((free(BOB), held(BOB)), (before, 0));
		assert!(log_of(id).is_empty());
		// At the price it saw, or above, the request holds exactly the price.
		assert_ok!(Loans::request_access(signed(BOB), id, PRICE));
		assert_eq!(held(BOB), PRICE);
		assert_ok!(Loans::request_access(signed(CAROL), id, 10 * PRICE));
		assert_eq!(held(CAROL), PRICE);
	});
}

#[test]
fn concluding_never_reprices_a_paid_loan() {
	run(|| {
		let (id, key) = active_loan();
		assert_ok!(Loans::set_disclosure(signed(COMPANY), id, Disclosure::Paid { price: PRICE }));
		let nonce = [9; 12];
		let sealed = SealedOutcome {
			nonce,
			ciphertext: sealing::seal_outcome(&key, &nonce, sealing::PERFORMED_NORMALLY, id),
		};
		for price in [PRICE + 1, PRICE - 1] {
			assert_noop!(
				Loans::conclude(signed(COMPANY), id, sealed, Disclosure::Paid { price }),
				Error::<Test>::PriceFixed
			);
		}
		assert_ok!(Loans::conclude(signed(COMPANY), id, sealed, Disclosure::Paid { price: PRICE }));
		assert_eq!(
			LoanRecords::<Test>::get(id).unwrap().disclosure,
			Disclosure::Paid { price: PRICE }
		);
	});
}

#[test]
fn a_paid_request_holds_the_price_and_a_grant_pays_the_lender() {
	run(|| {
		let (id, key) = active_loan();
		assert_ok!(Loans::set_disclosure(signed(COMPANY), id, Disclosure::Paid { price: PRICE }));
		let (bob_before, company_before) = (free(BOB), free(COMPANY));
		assert_ok!(Loans::request_access(signed(BOB), id, ANY_PRICE));
		assert_eq!(held(BOB), PRICE);
		assert_eq!(free(BOB), bob_before - PRICE - REQUEST_DEPOSIT);
		let request = latest(id, BOB);
		assert_eq!(
			(request.requested_at, request.held, request.status),
			(1, PRICE, RequestStatus::Open)
		);

		assert_ok!(Loans::grant_access(signed(COMPANY), id, BOB, envelope_for(BOB, &key)));
		assert_eq!(held(BOB), 0);
		assert_eq!(free(BOB), bob_before - PRICE);
		assert_eq!(free(COMPANY), company_before + PRICE);
		assert_eq!(latest(id, BOB).status, RequestStatus::Granted);
		System::assert_has_event(
			Event::AccessGranted { loan_id: id, viewer: BOB, paid: PRICE }.into(),
		);

		// Bob opens the details with his own secret key.
		let loan = LoanRecords::<Test>::get(id).unwrap();
		let envelope = AccessGrants::<Test>::get(id, BOB).unwrap();
		let opened = sealing::open_envelope(&envelope, &secret_of(BOB)).unwrap();
		let plain = sealing::open_details(
			&opened,
			&loan.details.nonce,
			&loan.details.ciphertext,
			&loan.borrower_id,
		);
		assert_eq!(plain.unwrap(), PLAINTEXT);

		assert_noop!(
			Loans::request_access(signed(BOB), id, ANY_PRICE),
			Error::<Test>::AlreadyGranted
		);
		assert_noop!(
			Loans::grant_access(signed(COMPANY), id, BOB, envelope_for(BOB, &key)),
			Error::<Test>::AlreadyGranted
		);
	});
}

#[test]
fn a_declined_request_refunds_the_viewer() {
	run(|| {
		let (id, _) = active_loan();
		assert_ok!(Loans::set_disclosure(signed(COMPANY), id, Disclosure::Paid { price: PRICE }));
		let before = free(BOB);
		assert_ok!(Loans::request_access(signed(BOB), id, ANY_PRICE));
		assert_noop!(
			Loans::request_access(signed(BOB), id, ANY_PRICE),
			Error::<Test>::RequestPending
		);
		assert_noop!(Loans::decline_access(signed(BOB), id, BOB), Error::<Test>::NotTheLender);
		assert_ok!(Loans::decline_access(signed(COMPANY), id, BOB));
		assert_eq!((held(BOB), free(BOB)), (0, before));
		assert_eq!(latest(id, BOB).status, RequestStatus::Declined);
		assert_noop!(Loans::decline_access(signed(COMPANY), id, BOB), Error::<Test>::NoOpenRequest);
		// Bob may ask again: a new entry in the log, the first one stays as it was.
		run_to_block(3);
		assert_ok!(Loans::request_access(signed(BOB), id, ANY_PRICE));
		let log = log_of(id);
		assert_eq!(log.len(), 2);
		assert_eq!((log[0].status, log[0].requested_at), (RequestStatus::Declined, 1));
		assert_eq!((log[1].status, log[1].requested_at), (RequestStatus::Open, 3));
		System::assert_last_event(
			Event::AccessRequested { loan_id: id, index: 1, viewer: BOB, held: PRICE }.into(),
		);
	});
}

/// `AccessDeadline` and `ProposalTtl` are chain days: a chain with other days has other
/// deadlines in blocks.
#[test]
fn deadlines_are_counted_in_chain_days() {
	run(|| {
		crate::pallet::BlocksPerDay::<Test>::put(3);
		let (id, _) = active_loan();
		let (details, _) = seal_for(COMPANY, BOB, PLAINTEXT);
		let proposal = NextLoanId::<Test>::get();
		assert_ok!(Loans::propose(signed(COMPANY), BOB, Role::Lender, 5, details));
		let expires_at = 1 + (PROPOSAL_TTL_DAYS * 3) as u64;
		assert_eq!(
			LoanRecords::<Test>::get(proposal).unwrap().state,
			LoanState::Proposed { expires_at }
		);

		assert_ok!(Loans::set_disclosure(signed(COMPANY), id, Disclosure::Paid { price: PRICE }));
		assert_ok!(Loans::request_access(signed(CAROL), id, ANY_PRICE));
		let deadline = 1 + (ACCESS_DEADLINE_DAYS * 3) as u64;
		run_to_block(deadline - 1);
		assert_noop!(Loans::reclaim(signed(CAROL), id), Error::<Test>::DeadlineNotReached);
		run_to_block(deadline);
		assert_ok!(Loans::reclaim(signed(CAROL), id));
		assert!(LoanRecords::<Test>::get(proposal).is_none(), "the proposal expired too");
	});
}

#[test]
fn an_unanswered_request_can_be_reclaimed_after_the_deadline() {
	run(|| {
		let (id, _) = active_loan();
		assert_ok!(Loans::set_disclosure(signed(COMPANY), id, Disclosure::Paid { price: PRICE }));
		let before = free(CAROL);
		assert_ok!(Loans::request_access(signed(CAROL), id, ANY_PRICE));
		run_to_block(ACCESS_DEADLINE);
		assert_noop!(Loans::reclaim(signed(CAROL), id), Error::<Test>::DeadlineNotReached);
		run_to_block(1 + ACCESS_DEADLINE);
		assert_noop!(Loans::reclaim(signed(BOB), id), Error::<Test>::NoOpenRequest);
		assert_ok!(Loans::reclaim(signed(CAROL), id));
		assert_eq!((held(CAROL), free(CAROL)), (0, before));
		assert_eq!(latest(id, CAROL).status, RequestStatus::Reclaimed);
		assert_noop!(Loans::reclaim(signed(CAROL), id), Error::<Test>::NoOpenRequest);
	});
}

#[test]
fn requests_are_refused_when_they_make_no_sense() {
	run(|| {
		let (id, key) = active_loan();
		assert_noop!(
			Loans::request_access(signed(COMPANY), id, ANY_PRICE),
			Error::<Test>::PartyHasAccess
		);
		assert_noop!(
			Loans::request_access(signed(ALICE), id, ANY_PRICE),
			Error::<Test>::PartyHasAccess
		);
		assert_noop!(
			Loans::request_access(signed(STRANGER), id, ANY_PRICE),
			Error::<Test>::ViewerNotVerified
		);
		assert_noop!(
			Loans::request_access(signed(PENDING), id, ANY_PRICE),
			Error::<Test>::ViewerNotVerified
		);
		assert_noop!(Loans::request_access(signed(BOB), 77, ANY_PRICE), Error::<Test>::UnknownLoan);
		assert_noop!(
			Loans::grant_access(signed(COMPANY), id, STRANGER, [0; ENVELOPE_LEN]),
			Error::<Test>::ViewerNotVerified
		);
		assert_noop!(
			Loans::grant_access(signed(COMPANY), id, ALICE, [0; ENVELOPE_LEN]),
			Error::<Test>::PartyHasAccess
		);
		assert_noop!(
			Loans::grant_access(signed(ALICE), id, BOB, [0; ENVELOPE_LEN]),
			Error::<Test>::NotTheLender
		);
		// A price the viewer cannot pay: nothing is held, nothing logged.
		let price = INITIAL_BALANCE + 1;
		assert_ok!(Loans::set_disclosure(signed(COMPANY), id, Disclosure::Paid { price }));
		assert_noop!(
			Loans::request_access(signed(BOB), id, ANY_PRICE),
			sp_runtime::TokenError::FundsUnavailable
		);
		assert_ok!(Loans::set_disclosure(
			signed(COMPANY),
			id,
			Disclosure::Public { content_key: key }
		));
		assert_noop!(
			Loans::request_access(signed(BOB), id, ANY_PRICE),
			Error::<Test>::AlreadyPublic
		);
	});
}

#[test]
fn an_encrypted_loan_takes_free_requests_into_the_inquiry_log() {
	run(|| {
		let (id, key) = active_loan();
		assert_ok!(Loans::request_access(signed(BOB), id, ANY_PRICE));
		run_to_block(2);
		assert_ok!(Loans::request_access(signed(CAROL), id, ANY_PRICE));
		assert_eq!(held(BOB), 0);
		let log: Vec<(u64, u64)> = log_of(id).iter().map(|e| (e.viewer, e.requested_at)).collect();
		assert_eq!(log, vec![(BOB, 1), (CAROL, 2)]);
		assert_ok!(Loans::grant_access(signed(COMPANY), id, BOB, envelope_for(BOB, &key)));
		System::assert_has_event(Event::AccessGranted { loan_id: id, viewer: BOB, paid: 0 }.into());
		// The lender may also grant to someone who did not ask.
		verify(STRANGER);
		assert_ok!(Loans::grant_access(
			signed(COMPANY),
			id,
			STRANGER,
			envelope_for(STRANGER, &key)
		));
		assert!(log_of(id).iter().all(|e| e.viewer != STRANGER), "no request, no entry");
	});
}

#[test]
fn a_key_that_is_not_the_committed_one_is_never_published() {
	run(|| {
		// The details commit to another key than the one that sealed them: whatever key the
		// lender later publishes, it is not the parties' committed key.
		let (mut details, key) = seal_for(COMPANY, ALICE, PLAINTEXT);
		details.key_commitment = sealing::key_commitment(&[0x77; 32]);
		let id = NextLoanId::<Test>::get();
		assert_ok!(Loans::propose(signed(COMPANY), ALICE, Role::Lender, 3, details));
		assert_ok!(Loans::accept(signed(ALICE), id, proposal_hash_of(id)));
		assert_noop!(
			Loans::set_disclosure(signed(COMPANY), id, Disclosure::Public { content_key: key }),
			Error::<Test>::KeyDoesNotOpenDetails
		);
		assert_noop!(
			Loans::set_disclosure(
				signed(COMPANY),
				id,
				Disclosure::Public { content_key: [0x77; 32] }
			),
			Error::<Test>::KeyDoesNotOpenDetails
		);
	});
}

#[test]
fn an_outcome_under_the_details_nonce_is_refused() {
	run(|| {
		let (id, key) = active_loan();
		let nonce = LoanRecords::<Test>::get(id).unwrap().details.nonce;
		let reused =
			SealedOutcome { nonce, ciphertext: sealing::seal_outcome(&key, &nonce, 0, id) };
		assert_noop!(
			Loans::conclude(signed(COMPANY), id, reused, Disclosure::Encrypted),
			Error::<Test>::OutcomeNonceReused
		);
	});
}

#[test]
fn every_request_holds_a_deposit_until_it_is_answered() {
	run(|| {
		let (id, key) = active_loan();
		let before = free(BOB);
		assert_ok!(Loans::request_access(signed(BOB), id, ANY_PRICE));
		assert_eq!(deposit_held(BOB), REQUEST_DEPOSIT);
		assert_eq!(free(BOB), before - REQUEST_DEPOSIT);
		assert_ok!(Loans::grant_access(signed(COMPANY), id, BOB, envelope_for(BOB, &key)));
		assert_eq!((deposit_held(BOB), free(BOB)), (0, before));

		assert_ok!(Loans::request_access(signed(CAROL), id, ANY_PRICE));
		assert_ok!(Loans::decline_access(signed(COMPANY), id, CAROL));
		assert_eq!(deposit_held(CAROL), 0);
		assert_ok!(Loans::request_access(signed(CAROL), id, ANY_PRICE));
		run_to_block(1 + ACCESS_DEADLINE);
		assert_ok!(Loans::reclaim(signed(CAROL), id));
		assert_eq!(deposit_held(CAROL), 0);
		// Three entries, each answered: the log keeps them all.
		let statuses: Vec<_> = log_of(id).iter().map(|e| (e.viewer, e.status)).collect();
		assert_eq!(
			statuses,
			vec![
				(BOB, RequestStatus::Granted),
				(CAROL, RequestStatus::Declined),
				(CAROL, RequestStatus::Reclaimed)
			]
		);
	});
}

#[test]
fn publishing_refunds_every_open_request_at_once() {
	run(|| {
		let (id, key) = active_loan();
		assert_ok!(Loans::set_disclosure(signed(COMPANY), id, Disclosure::Paid { price: PRICE }));
		verify(STRANGER);
		let before: Vec<u64> = [BOB, CAROL, STRANGER].map(free).to_vec();
		for viewer in [BOB, CAROL, STRANGER] {
			assert_ok!(Loans::request_access(signed(viewer), id, ANY_PRICE));
		}
		assert_ok!(Loans::decline_access(signed(COMPANY), id, STRANGER));
		assert_ok!(Loans::set_disclosure(
			signed(COMPANY),
			id,
			Disclosure::Public { content_key: key }
		));
		for viewer in [BOB, CAROL] {
			System::assert_has_event(
				Event::AccessRefunded { loan_id: id, viewer, refunded: PRICE }.into(),
			);
			assert_eq!(latest(id, viewer).status, RequestStatus::Published);
		}
		assert_eq!(latest(id, STRANGER).status, RequestStatus::Declined);
		assert_eq!([BOB, CAROL, STRANGER].map(free).to_vec(), before);
		assert_eq!([BOB, CAROL].map(|v| held(v) + deposit_held(v)), [0, 0]);
		assert_eq!(OpenRequestCount::<Test>::get(id), 0);
	});
}

#[test]
fn concluding_as_public_refunds_open_requests_too() {
	run(|| {
		let (id, key) = active_loan();
		assert_ok!(Loans::set_disclosure(signed(COMPANY), id, Disclosure::Paid { price: PRICE }));
		let before = free(BOB);
		assert_ok!(Loans::request_access(signed(BOB), id, ANY_PRICE));
		assert_ok!(Loans::conclude(
			signed(COMPANY),
			id,
			outcome(&key, id, 0),
			Disclosure::Public { content_key: key }
		));
		assert_eq!(free(BOB), before);
		assert_eq!(latest(id, BOB).status, RequestStatus::Published);
	});
}

#[test]
fn a_loan_has_at_most_max_open_requests() {
	run(|| {
		let (id, _) = active_loan();
		for who in [STRANGER, NEW_ALICE] {
			verify(who);
		}
		for viewer in [BOB, CAROL, STRANGER] {
			assert_ok!(Loans::request_access(signed(viewer), id, ANY_PRICE));
		}
		assert_eq!(MAX_OPEN_REQUESTS, 3);
		assert_noop!(
			Loans::request_access(signed(NEW_ALICE), id, ANY_PRICE),
			Error::<Test>::TooManyOpenRequests
		);
		assert_ok!(Loans::decline_access(signed(COMPANY), id, BOB));
		assert_ok!(Loans::request_access(signed(NEW_ALICE), id, ANY_PRICE));
	});
}

#[test]
fn the_inquiry_log_pages() {
	run(|| {
		let (id, _) = active_loan();
		for _ in 0..3 {
			assert_ok!(Loans::request_access(signed(BOB), id, ANY_PRICE));
			assert_ok!(Loans::decline_access(signed(COMPANY), id, BOB));
		}
		let page = |start, limit| -> Vec<RequestIndex> {
			Loans::access_log(id, start, limit).into_iter().map(|(i, _)| i).collect()
		};
		assert_eq!(page(0, 2), vec![0, 1]);
		assert_eq!(page(2, 2), vec![2]);
		assert_eq!(page(3, 2), Vec::<RequestIndex>::new());
		assert_eq!(page(0, 0), Vec::<RequestIndex>::new());
		assert_eq!(page(1, u32::MAX), vec![1, 2]);
	});
}

/// Reads every key and value of the state.
fn whole_state() -> Vec<u8> {
	let mut all = Vec::new();
	let mut key = Vec::new();
	while let Some(next) = sp_io::storage::next_key(&key) {
		all.extend_from_slice(&next);
		all.extend_from_slice(&sp_io::storage::get(&next).unwrap_or_default());
		key = next;
	}
	all
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
	haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn the_plaintext_never_reaches_state_before_the_key_is_published() {
	run(|| {
		let marker = b"RECOGNIZABLE-PLAINTEXT-7f3a";
		let (id, key) = active_loan();
		let check = |stage: &str| {
			assert!(!contains(&whole_state(), marker), "plaintext in state when {stage}")
		};
		check("active");
		assert_ok!(Loans::propose_extension(signed(COMPANY), id, 1));
		check("extension proposed");
		assert_ok!(Loans::confirm_extension(signed(ALICE), id, 1));
		run_to_block(1 + 4 * BLOCKS_PER_DAY as u64);
		check("awaiting feedback");
		assert_ok!(Loans::set_disclosure(signed(COMPANY), id, Disclosure::Paid { price: PRICE }));
		assert_ok!(Loans::request_access(signed(BOB), id, ANY_PRICE));
		assert_ok!(Loans::grant_access(signed(COMPANY), id, BOB, envelope_for(BOB, &key)));
		check("paid and granted");
		let nonce = [5; 12];
		let outcome =
			SealedOutcome { nonce, ciphertext: sealing::seal_outcome(&key, &nonce, 1, id) };
		assert_ok!(Loans::conclude(
			signed(COMPANY),
			id,
			outcome,
			Disclosure::Paid { price: PRICE }
		));
		check("concluded");
		assert!(!contains(&whole_state(), &key), "the content key itself is not in state");
		assert_ok!(Loans::set_disclosure(
			signed(COMPANY),
			id,
			Disclosure::Public { content_key: key }
		));
		assert!(contains(&whole_state(), &key), "published: the key is in state");
	});
}

/// One step of the escrow property test.
#[derive(Clone, Debug)]
enum Step {
	Request(u64),
	Grant(u64),
	Decline(u64),
	Reclaim(u64),
	Price(u64),
	Publish,
	Wait(u64),
}

fn step() -> impl Strategy<Value = Step> {
	let viewer = prop_oneof![Just(BOB), Just(CAROL), Just(PENDING), Just(STRANGER), Just(ALICE)];
	prop_oneof![
		4 => viewer.clone().prop_map(Step::Request),
		2 => viewer.clone().prop_map(Step::Grant),
		2 => viewer.clone().prop_map(Step::Decline),
		2 => viewer.prop_map(Step::Reclaim),
		1 => (0u64..400).prop_map(Step::Price),
		1 => Just(Step::Publish),
		2 => (1u64..20).prop_map(Step::Wait),
	]
}

proptest! {
	#![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

	/// Whatever the sequence of escrow calls, from whichever accounts: money is neither
	/// created nor destroyed, and what the pallet holds is exactly what open paid requests
	/// hold. A failing call changes nothing.
	#[test]
	fn escrow_never_loses_money(steps in proptest::collection::vec(step(), 1..40)) {
		new_test_ext().execute_with(|| {
			let (id, key) = active_loan();
			let issuance = Balances::total_issuance();
			for step in steps {
				let before = sp_io::storage::root(sp_runtime::StateVersion::V1);
				let result = match step.clone() {
					Step::Request(who) => Loans::request_access(signed(who), id, ANY_PRICE),
					Step::Grant(who) => Loans::grant_access(signed(COMPANY), id, who, envelope_for(who, &key)),
					Step::Decline(who) => Loans::decline_access(signed(COMPANY), id, who),
					Step::Reclaim(who) => Loans::reclaim(signed(who), id),
					Step::Price(price) => Loans::set_disclosure(signed(COMPANY), id, Disclosure::Paid { price }).map(drop).map_err(|e| e.error),
					Step::Publish => Loans::set_disclosure(signed(COMPANY), id, Disclosure::Public { content_key: key }).map(drop).map_err(|e| e.error),
					Step::Wait(blocks) => { run_to_block(System::block_number() + blocks); Ok(()) },
				};
				if result.is_err() {
					prop_assert_eq!(sp_io::storage::root(sp_runtime::StateVersion::V1), before, "{:?} failed but changed state", step);
				}
				prop_assert_eq!(Balances::total_issuance(), issuance);
				let open: Vec<_> = log_of(id).into_iter().filter(|e| e.status == RequestStatus::Open).collect();
				let open_paid: u64 = open.iter().map(|e| e.held).sum();
				let everyone = [COMPANY, ALICE, BOB, CAROL, PENDING, STRANGER, REGISTRAR];
				let pallet_holds: u64 = everyone.into_iter().map(held).sum();
				prop_assert_eq!(pallet_holds, open_paid);
				let deposits: u64 = everyone.into_iter().map(deposit_held).sum();
				prop_assert_eq!(deposits, REQUEST_DEPOSIT * open.len() as u64);
				prop_assert!(Loans::do_try_state().is_ok());
			}
			Ok(())
		})?;
	}
}
