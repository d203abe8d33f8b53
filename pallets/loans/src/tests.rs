//! Unit tests of the loans pallet: both flows, every transition, every named error, and
//! the record's immutability.

use crate::{mock::*, *};
// `Loans` is both the pallet (in the mock runtime) and its storage map: name them apart.
use crate::{mock::Loans, pallet::Loans as LoanRecords};
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::{Inspect, Mutate},
		Hooks,
	},
};
use loanchain_sealing as sealing;
use sp_runtime::DispatchError;

const PLAINTEXT: &[u8] =
	br#"{"amount":"5000.00","currency":"CNY","rate":"0.12","purpose":"tuition"}"#;

/// The company proposes in Alice's name (the embedded flow); returns the loan id.
fn company_proposes_to_alice(days: u32) -> (LoanId, DetailsInput, ContentKey) {
	let (details, key) = seal_for(COMPANY, ALICE, PLAINTEXT);
	let id = NextLoanId::<Test>::get();
	assert_ok!(Loans::propose(signed(COMPANY), ALICE, Role::Lender, days, details.clone()));
	(id, details, key)
}

fn active_loan(days: u32) -> (LoanId, ContentKey) {
	active_loan_between(COMPANY, ALICE, days, PLAINTEXT)
}

fn state(id: LoanId) -> LoanState<u64> {
	LoanRecords::<Test>::get(id).expect("the loan exists").state
}

#[test]
fn embedded_flow_company_proposes_borrower_accepts() {
	run(|| {
		let (id, _, _) = company_proposes_to_alice(30);
		let loan = LoanRecords::<Test>::get(id).unwrap();
		assert_eq!((loan.lender_id(), loan.borrower_id), (Some(&id_of(COMPANY)), id_of(ALICE)));
		assert_eq!(loan.state, LoanState::Proposed { expires_at: 1 + PROPOSAL_TTL });
		assert!(
			!BorrowerLoans::<Test>::contains_key(id_of(ALICE), loan_key(id)),
			"not a record yet"
		);

		assert_ok!(Loans::accept(signed(ALICE), id, proposal_hash_of(id)));
		let loan = LoanRecords::<Test>::get(id).unwrap();
		assert_eq!(loan.state, LoanState::Active);
		assert_eq!(loan.maturity, Some(1 + 30 * BLOCKS_PER_DAY as u64));
		assert_eq!(loan.activated, Some(Activation { block: 1, time_ms: 1_700_000_000_000 }));
		assert!(BorrowerLoans::<Test>::contains_key(id_of(ALICE), loan_key(id)));
		assert!(LenderLoans::<Test>::contains_key(id_of(COMPANY), loan_key(id)));
		assert_eq!(
			loan_events(),
			vec![
				Event::LoanProposed {
					loan_id: id,
					lender: COMPANY,
					borrower: ALICE,
					proposer: Role::Lender,
					expires_at: 1 + PROPOSAL_TTL
				},
				Event::LoanActivated { loan_id: id, maturity: 301 },
			]
		);
	});
}

#[test]
fn person_to_person_flow_borrower_proposes_lender_accepts() {
	run(|| {
		let (details, _) = seal_for(BOB, ALICE, PLAINTEXT);
		assert_ok!(Loans::propose(signed(ALICE), BOB, Role::Borrower, 7, details.clone()));
		let loan = LoanRecords::<Test>::get(0).unwrap();
		assert_eq!(
			(*loan.lender_id().unwrap(), loan.borrower_id, loan.proposer),
			(id_of(BOB), id_of(ALICE), Role::Borrower)
		);
		assert_noop!(
			Loans::accept(signed(ALICE), 0, proposal_hash_of(0)),
			Error::<Test>::NotTheCounterparty
		);
		assert_ok!(Loans::accept(signed(BOB), 0, proposal_hash_of(0)));
		assert_eq!(state(0), LoanState::Active);
		assert_eq!(summary_ids(&id_of(ALICE), 0, 10), vec![0]);
	});
}

#[test]
fn both_parties_can_open_what_they_signed() {
	run(|| {
		let (id, _) = active_loan(5);
		let loan = LoanRecords::<Test>::get(id).unwrap();
		for (who, envelope) in
			[(COMPANY, loan.details.lender_envelope), (ALICE, loan.details.borrower_envelope)]
		{
			let key = sealing::open_envelope(&envelope, &secret_of(who)).unwrap();
			let plain = sealing::open_details(
				&key,
				&loan.details.nonce,
				&loan.details.ciphertext,
				&loan.borrower_id,
			)
			.unwrap();
			assert_eq!(plain, PLAINTEXT);
		}
	});
}

#[test]
fn accept_covers_exactly_the_stored_details() {
	run(|| {
		let (id, _, _) = company_proposes_to_alice(5);
		let loan = LoanRecords::<Test>::get(id).unwrap();
		let genesis = System::block_hash(0);
		let hash = |genesis: &[u8], id, proposer, period_days| {
			crate::proposal_hash(
				genesis,
				id,
				loan.lender_id().unwrap(),
				&loan.borrower_id,
				proposer,
				period_days,
				&loan.details,
			)
		};
		assert_eq!(hash(genesis.as_ref(), id, Role::Lender, 5), proposal_hash_of(id));
		// The same sealed terms under another chain, another loan id, with the roles the other
		// way round or another period: none is what Alice read, none is accepted.
		for other in [
			hash(&[0xEE; 32], id, Role::Lender, 5),
			hash(genesis.as_ref(), id + 1, Role::Lender, 5),
			hash(genesis.as_ref(), id, Role::Borrower, 5),
			hash(genesis.as_ref(), id, Role::Lender, 6),
			sp_io::hashing::blake2_256(&loan.details.ciphertext),
		] {
			assert_noop!(Loans::accept(signed(ALICE), id, other), Error::<Test>::ProposalMismatch);
		}
		assert_noop!(
			Loans::accept(signed(BOB), id, proposal_hash_of(id)),
			Error::<Test>::NotTheCounterparty
		);
		assert_noop!(
			Loans::accept(signed(COMPANY), id, proposal_hash_of(id)),
			Error::<Test>::NotTheCounterparty
		);
		assert_noop!(
			Loans::accept(signed(ALICE), 99, proposal_hash_of(id)),
			Error::<Test>::UnknownLoan
		);
		assert_ok!(Loans::accept(signed(ALICE), id, proposal_hash_of(id)));
		assert_noop!(
			Loans::accept(signed(ALICE), id, proposal_hash_of(id)),
			Error::<Test>::NotProposed
		);
	});
}

#[test]
fn propose_refuses_bad_input() {
	run(|| {
		let (details, _) = seal_for(COMPANY, ALICE, PLAINTEXT);
		let propose =
			|who, to, days, d: DetailsInput| Loans::propose(signed(who), to, Role::Lender, days, d);
		assert_noop!(propose(STRANGER, ALICE, 5, details.clone()), Error::<Test>::NotVerified);
		assert_noop!(propose(PENDING, ALICE, 5, details.clone()), Error::<Test>::NotVerified);
		assert_noop!(
			propose(COMPANY, PENDING, 5, details.clone()),
			Error::<Test>::CounterpartyNotVerified
		);
		assert_noop!(
			propose(COMPANY, STRANGER, 5, details.clone()),
			Error::<Test>::CounterpartyNotVerified
		);
		assert_noop!(propose(COMPANY, COMPANY, 5, details.clone()), Error::<Test>::SelfDealing);
		assert_noop!(propose(COMPANY, ALICE, 0, details.clone()), Error::<Test>::ZeroPeriod);
		assert_noop!(propose(COMPANY, ALICE, 3651, details.clone()), Error::<Test>::PeriodTooLong);
		let mut long = details.clone();
		long.ciphertext = vec![0; MAX_DETAILS as usize + 1];
		assert_noop!(propose(COMPANY, ALICE, 5, long), Error::<Test>::DetailsTooLong);
		let mut short = details.clone();
		short.ciphertext = vec![0; 15];
		assert_noop!(propose(COMPANY, ALICE, 5, short), Error::<Test>::DetailsTooShort);
		assert_noop!(
			Loans::propose(RuntimeOrigin::root(), ALICE, Role::Lender, 5, details.clone()),
			DispatchError::BadOrigin
		);
		// Exactly at the limit is fine.
		let mut max = details;
		max.ciphertext = vec![0; MAX_DETAILS as usize];
		assert_ok!(propose(COMPANY, ALICE, 5, max));
	});
}

#[test]
fn no_loan_id_is_ever_handed_out_twice() {
	run(|| {
		// The last id but one is still free; after it, there is none left.
		NextLoanId::<Test>::put(LoanId::MAX - 1);
		let (id, _, _) = company_proposes_to_alice(30);
		assert_eq!(id, LoanId::MAX - 1);
		let (details, _) = seal_for(COMPANY, ALICE, PLAINTEXT);
		assert_noop!(
			Loans::propose(signed(COMPANY), ALICE, Role::Lender, 30, details.clone()),
			Error::<Test>::LoanIdsExhausted
		);
		let deadline = System::block_number() + 10;
		let consent = consent_by(ALICE, COMPANY, ALICE, Role::Lender, 30, &details, deadline);
		assert_noop!(
			Loans::record(signed(COMPANY), ALICE, Role::Lender, 30, details, consent),
			Error::<Test>::LoanIdsExhausted
		);
		// The proposal numbered last is intact.
		assert_eq!(LoanRecords::<Test>::get(id).unwrap().lender_id(), Some(&id_of(COMPANY)));
	});
}

#[test]
fn a_rebound_identity_is_still_the_same_person_for_self_dealing() {
	run(|| {
		// Bob's identity moves to a new account: that account cannot lend to Bob's old one
		// (which no longer has an identity) nor borrow from itself.
		rebind_identity(id_of(BOB), STRANGER);
		let (details, _) = seal_for(STRANGER, BOB, PLAINTEXT);
		assert_noop!(
			Loans::propose(signed(STRANGER), BOB, Role::Lender, 5, details),
			Error::<Test>::CounterpartyNotVerified
		);
	});
}

#[test]
fn withdraw_removes_a_proposal_without_a_trace_in_the_record() {
	run(|| {
		let (id, _, _) = company_proposes_to_alice(5);
		assert_noop!(Loans::withdraw(signed(ALICE), id), Error::<Test>::NotTheProposer);
		assert_noop!(Loans::withdraw(RuntimeOrigin::root(), id), DispatchError::BadOrigin);
		assert_ok!(Loans::withdraw(signed(COMPANY), id));
		assert!(LoanRecords::<Test>::get(id).is_none());
		assert_eq!(Agenda::<Test>::iter().count(), 0);
		System::assert_last_event(Event::ProposalWithdrawn { loan_id: id }.into());
		assert_noop!(
			Loans::accept(signed(ALICE), id, proposal_hash_of(id)),
			Error::<Test>::UnknownLoan
		);
		assert_noop!(Loans::withdraw(signed(COMPANY), id), Error::<Test>::UnknownLoan);
		// A loan in effect cannot be withdrawn.
		let (active, _) = active_loan(5);
		assert_noop!(Loans::withdraw(signed(COMPANY), active), Error::<Test>::NotProposed);
	});
}

#[test]
fn the_counterparty_declines_a_proposal_and_the_proposer_gets_its_deposit_back() {
	run(|| {
		let (id, _, _) = company_proposes_to_alice(5);
		assert!(proposal_deposit_of(COMPANY) > 0);
		// Only the party the proposal was made to declines it; the proposer withdraws.
		assert_noop!(Loans::decline(signed(COMPANY), id), Error::<Test>::NotTheCounterparty);
		assert_noop!(Loans::decline(signed(STRANGER), id), Error::<Test>::NotTheCounterparty);
		assert_noop!(Loans::decline(RuntimeOrigin::root(), id), DispatchError::BadOrigin);
		assert_ok!(Loans::decline(signed(ALICE), id));
		System::assert_last_event(Event::ProposalDeclined { loan_id: id }.into());
		assert!(LoanRecords::<Test>::get(id).is_none());
		assert_eq!(proposal_deposit_of(COMPANY), 0);
		assert_eq!(Balances::balance(&COMPANY), INITIAL_BALANCE);
		assert!(summary_ids(&id_of(ALICE), 0, 10).is_empty(), "nothing in the credit record");
		assert_noop!(Loans::decline(signed(ALICE), id), Error::<Test>::UnknownLoan);
		// A loan in effect cannot be declined.
		let (active, _) = active_loan(5);
		assert_noop!(Loans::decline(signed(ALICE), active), Error::<Test>::NotProposed);
	});
}

#[test]
fn proposals_expire_after_the_ttl_and_are_removed() {
	run(|| {
		let (id, _, _) = company_proposes_to_alice(5);
		run_to_block(PROPOSAL_TTL);
		assert!(LoanRecords::<Test>::get(id).is_some(), "still open one block before expiry");
		run_to_block(1 + PROPOSAL_TTL);
		assert!(LoanRecords::<Test>::get(id).is_none());
		System::assert_has_event(Event::ProposalExpired { loan_id: id }.into());
		assert_noop!(
			Loans::accept(signed(ALICE), id, proposal_hash_of(id)),
			Error::<Test>::UnknownLoan
		);
	});
}

#[test]
fn the_expiry_cursor_steps_over_settled_loans_and_stops_at_an_open_proposal() {
	run(|| {
		let (accepted, _) = active_loan(5);
		let (withdrawn, _, _) = company_proposes_to_alice(5);
		assert_ok!(Loans::withdraw(signed(COMPANY), withdrawn));
		let (early, _, _) = company_proposes_to_alice(5);
		run_to_block(5);
		let (late, _, _) = company_proposes_to_alice(5);
		assert_eq!(
			ExpiryCursor::<Test>::get(),
			early,
			"stepped over the accepted and the withdrawn loan"
		);

		run_to_block(1 + PROPOSAL_TTL);
		assert!(LoanRecords::<Test>::get(early).is_none());
		assert!(LoanRecords::<Test>::get(late).is_some(), "a later proposal waits its own time");
		assert_eq!(ExpiryCursor::<Test>::get(), late);

		run_to_block(5 + PROPOSAL_TTL);
		assert!(LoanRecords::<Test>::get(late).is_none());
		assert_eq!(ExpiryCursor::<Test>::get(), late + 1);
		assert_eq!(state(accepted), LoanState::Active, "a loan in effect is never touched");
		let expired: Vec<LoanId> = loan_events()
			.iter()
			.filter_map(|e| {
				if let Event::ProposalExpired { loan_id } = e {
					Some(*loan_id)
				} else {
					None
				}
			})
			.collect();
		assert_eq!(expired, vec![early, late]);
	});
}

#[test]
fn more_expiries_than_the_bound_roll_over_without_loss() {
	run(|| {
		MaxExpiryScan::set(3);
		let ids: Vec<LoanId> = (0..7).map(|_| company_proposes_to_alice(5).0).collect();
		let left = || ids.iter().filter(|id| LoanRecords::<Test>::get(**id).is_some()).count();
		run_to_block(1 + PROPOSAL_TTL);
		assert_eq!(left(), 4);
		run_to_block(2 + PROPOSAL_TTL);
		assert_eq!(left(), 1);
		run_to_block(3 + PROPOSAL_TTL);
		assert_eq!(left(), 0);
		let expired = loan_events()
			.iter()
			.filter(|e| matches!(e, Event::ProposalExpired { .. }))
			.count();
		assert_eq!(expired, 7, "each proposal expired exactly once");
		assert_eq!(ExpiryCursor::<Test>::get(), 7);
	});
}

#[test]
fn an_expired_proposal_cannot_be_accepted_even_before_cleanup() {
	run(|| {
		let (id, _, _) = company_proposes_to_alice(5);
		// Jump past the expiry without running the hooks.
		System::set_block_number(1 + PROPOSAL_TTL);
		assert_noop!(
			Loans::accept(signed(ALICE), id, proposal_hash_of(id)),
			Error::<Test>::ProposalExpired
		);
	});
}

#[test]
fn maturity_prompts_the_lender() {
	run(|| {
		let (id, _) = active_loan(2);
		let maturity = 1 + 2 * BLOCKS_PER_DAY as u64;
		run_to_block(maturity - 1);
		assert_eq!(state(id), LoanState::Active);
		run_to_block(maturity);
		assert_eq!(state(id), LoanState::AwaitingFeedback);
		System::assert_has_event(Event::FeedbackDue { loan_id: id, lender: COMPANY }.into());
	});
}

#[test]
fn more_maturities_than_the_bound_roll_over_without_loss() {
	run(|| {
		// Seven loans mature in the same block; three are processed a block.
		let ids: Vec<LoanId> = (0..7).map(|_| active_loan(1).0).collect();
		let maturity = 1 + BLOCKS_PER_DAY as u64;
		let due = |ids: &[LoanId]| {
			ids.iter().filter(|id| state(**id) == LoanState::AwaitingFeedback).count()
		};
		run_to_block(maturity);
		assert_eq!(due(&ids), 3);
		run_to_block(maturity + 1);
		assert_eq!(due(&ids), 6);
		run_to_block(maturity + 2);
		assert_eq!(due(&ids), 7);
		let prompted =
			loan_events().iter().filter(|e| matches!(e, Event::FeedbackDue { .. })).count();
		assert_eq!(prompted, 7, "each loan prompted exactly once");
		assert_eq!(Agenda::<Test>::iter().count(), 0);
		assert_eq!(AgendaCursor::<Test>::get(), Some(maturity + 3));
	});
}

#[test]
fn on_initialize_reports_the_work_it_did() {
	run(|| {
		for _ in 0..5 {
			active_loan(1);
		}
		let maturity = 1 + BLOCKS_PER_DAY as u64;
		run_to_block(maturity - 1);
		System::set_block_number(maturity);
		let weight = Loans::on_initialize(maturity);
		// A full budget of entries was processed, and the hook says so: the benchmarked weight
		// of that many (the test runtime's database weighs nothing). No consent expired: one
		// deadline was looked at.
		let nothing_expired = Loans::expiry_weight(0, 0) + Loans::consents_weight(1, 0);
		assert_eq!(
			weight,
			<() as crate::WeightInfo>::process_agenda(MAX_MATURITIES) + nothing_expired
		);
		assert!(weight.ref_time() > <() as crate::WeightInfo>::process_agenda(0).ref_time());
	});
}

#[test]
fn on_initialize_pays_for_the_proposals_it_expires() {
	run(|| {
		let (accepted, _) = active_loan(5);
		let pending: Vec<LoanId> = (0..2).map(|_| company_proposes_to_alice(5).0).collect();
		System::set_block_number(1 + PROPOSAL_TTL);
		let consent_cursor = ConsentCursor::<Test>::get();
		let weight = Loans::on_initialize(1 + PROPOSAL_TTL);
		assert_eq!(ExpiryCursor::<Test>::get(), accepted + 3);
		assert!(pending.iter().all(|id| LoanRecords::<Test>::get(id).is_none()));
		// The consent cursor caught up over every block skipped.
		let consent_steps = (1 + PROPOSAL_TTL - consent_cursor) as u32;
		assert_eq!(ConsentCursor::<Test>::get(), 1 + PROPOSAL_TTL);
		let expected = <() as crate::WeightInfo>::process_agenda(0)
			+ Loans::expiry_weight(1, 2)
			+ Loans::consents_weight(consent_steps, 0);
		assert_eq!(weight, expected);
		assert!(
			weight.ref_time()
				> (<() as crate::WeightInfo>::process_agenda(0) + Loans::expiry_weight(0, 0))
					.ref_time()
		);
	});
}

#[test]
fn the_borrower_declines_an_extension_and_the_loan_keeps_its_maturity() {
	run(|| {
		let (id, _) = active_loan(2);
		let maturity = 1 + 2 * BLOCKS_PER_DAY as u64;
		assert_noop!(
			Loans::decline_extension(signed(ALICE), id),
			Error::<Test>::NoExtensionProposed
		);
		// Before maturity: the loan runs again, and its maturity still prompts the lender.
		assert_ok!(Loans::propose_extension(signed(COMPANY), id, 3));
		assert_noop!(Loans::decline_extension(signed(COMPANY), id), Error::<Test>::NotTheBorrower);
		assert_ok!(Loans::decline_extension(signed(ALICE), id));
		System::assert_last_event(Event::ExtensionDeclined { loan_id: id, extra_days: 3 }.into());
		let loan = LoanRecords::<Test>::get(id).unwrap();
		assert_eq!((loan.state, loan.maturity), (LoanState::Active, Some(maturity)));
		assert!(loan.extensions.is_empty(), "a declined offer is not part of the record");
		run_to_block(maturity);
		assert_eq!(state(id), LoanState::AwaitingFeedback);
		System::assert_has_event(Event::FeedbackDue { loan_id: id, lender: COMPANY }.into());

		// After the prompt: declined, the loan awaits the lender's feedback again.
		assert_ok!(Loans::propose_extension(signed(COMPANY), id, 3));
		run_to_block(maturity + 2);
		assert_ok!(Loans::decline_extension(signed(ALICE), id));
		assert_eq!(state(id), LoanState::AwaitingFeedback);
		assert_noop!(
			Loans::confirm_extension(signed(ALICE), id, 3),
			Error::<Test>::NoExtensionProposed
		);
	});
}

#[test]
fn extension_needs_the_borrowers_confirmation_and_stays_in_the_record() {
	run(|| {
		let (id, _) = active_loan(2);
		let maturity = 1 + 2 * BLOCKS_PER_DAY as u64;
		run_to_block(maturity);
		assert_eq!(state(id), LoanState::AwaitingFeedback);

		assert_noop!(Loans::propose_extension(signed(ALICE), id, 3), Error::<Test>::NotTheLender);
		assert_noop!(Loans::propose_extension(signed(COMPANY), id, 0), Error::<Test>::ZeroPeriod);
		assert_noop!(
			Loans::confirm_extension(signed(ALICE), id, 3),
			Error::<Test>::NoExtensionProposed
		);
		assert_ok!(Loans::propose_extension(signed(COMPANY), id, 3));
		assert_eq!(state(id), LoanState::ExtensionProposed { extra_days: 3 });
		assert_noop!(
			Loans::confirm_extension(signed(COMPANY), id, 3),
			Error::<Test>::NotTheBorrower
		);

		run_to_block(maturity + 2);
		assert_ok!(Loans::confirm_extension(signed(ALICE), id, 3));
		// The old maturity has passed: the extension runs from now.
		let new_maturity = maturity + 2 + 3 * BLOCKS_PER_DAY as u64;
		let loan = LoanRecords::<Test>::get(id).unwrap();
		assert_eq!(loan.state, LoanState::Active);
		assert_eq!(loan.maturity, Some(new_maturity));
		assert_eq!(
			loan.extensions.into_inner(),
			vec![Extension { extra_days: 3, confirmed_at: maturity + 2, new_maturity }]
		);
		System::assert_has_event(
			Event::ExtensionConfirmed { loan_id: id, extra_days: 3, new_maturity }.into(),
		);

		run_to_block(new_maturity);
		assert_eq!(state(id), LoanState::AwaitingFeedback);
		let prompts =
			loan_events().iter().filter(|e| matches!(e, Event::FeedbackDue { .. })).count();
		assert_eq!(prompts, 2);
	});
}

#[test]
fn the_borrower_confirms_only_the_days_it_read() {
	run(|| {
		let (id, _) = active_loan(2);
		// The borrower reads an offer of 3 days; the lender swaps it for 300 before the
		// confirmation is in a block.
		assert_ok!(Loans::propose_extension(signed(COMPANY), id, 3));
		assert_ok!(Loans::propose_extension(signed(COMPANY), id, 300));
		assert_noop!(
			Loans::confirm_extension(signed(ALICE), id, 3),
			Error::<Test>::ExtensionNotOffered
		);
		assert_eq!(state(id), LoanState::ExtensionProposed { extra_days: 300 });
		assert!(LoanRecords::<Test>::get(id).unwrap().extensions.is_empty());
		// What the borrower does confirm is what it read.
		assert_ok!(Loans::confirm_extension(signed(ALICE), id, 300));
		assert_eq!(LoanRecords::<Test>::get(id).unwrap().extensions[0].extra_days, 300);
	});
}

#[test]
fn an_extension_agreed_before_maturity_moves_the_maturity() {
	run(|| {
		let (id, _) = active_loan(2);
		let maturity = 1 + 2 * BLOCKS_PER_DAY as u64;
		assert_ok!(Loans::propose_extension(signed(COMPANY), id, 1));
		assert_ok!(Loans::confirm_extension(signed(ALICE), id, 1));
		let new_maturity = maturity + BLOCKS_PER_DAY as u64;
		run_to_block(maturity);
		assert_eq!(state(id), LoanState::Active, "the old maturity no longer applies");
		run_to_block(new_maturity);
		assert_eq!(state(id), LoanState::AwaitingFeedback);
	});
}

#[test]
fn extensions_are_bounded() {
	run(|| {
		let (id, _) = active_loan(1);
		for _ in 0..3 {
			assert_ok!(Loans::propose_extension(signed(COMPANY), id, 1));
			assert_ok!(Loans::confirm_extension(signed(ALICE), id, 1));
		}
		assert_noop!(
			Loans::propose_extension(signed(COMPANY), id, 1),
			Error::<Test>::TooManyExtensions
		);
	});
}

#[test]
fn conclude_records_the_sealed_outcome() {
	run(|| {
		let (id, key) = active_loan(2);
		run_to_block(1 + 2 * BLOCKS_PER_DAY as u64);
		let sealed = outcome(&key, id, sealing::BREACHED);
		assert_noop!(
			Loans::conclude(signed(ALICE), id, sealed, Disclosure::Encrypted),
			Error::<Test>::NotTheLender
		);
		assert_ok!(Loans::conclude(signed(COMPANY), id, sealed, Disclosure::Encrypted));
		let loan = LoanRecords::<Test>::get(id).unwrap();
		assert_eq!(loan.state, LoanState::Concluded);
		assert_eq!(loan.outcome, Some(sealed));
		assert_eq!(loan.concluded_at, Some(System::block_number()));
		System::assert_has_event(Event::LoanConcluded { loan_id: id }.into());
		assert_noop!(
			Loans::conclude(signed(COMPANY), id, sealed, Disclosure::Encrypted),
			Error::<Test>::NotRunning
		);
		assert_noop!(Loans::propose_extension(signed(COMPANY), id, 1), Error::<Test>::NotRunning);
	});
}

#[test]
fn early_conclusion_cancels_the_maturity_prompt() {
	run(|| {
		let (id, key) = active_loan(2);
		assert_ok!(Loans::conclude(
			signed(COMPANY),
			id,
			outcome(&key, id, sealing::PERFORMED_NORMALLY),
			Disclosure::Paid { price: 50 }
		));
		System::assert_has_event(
			Event::DisclosureChanged { loan_id: id, disclosure: Disclosure::Paid { price: 50 } }
				.into(),
		);
		run_to_block(1 + 2 * BLOCKS_PER_DAY as u64);
		assert_eq!(state(id), LoanState::Concluded);
		assert!(!loan_events().iter().any(|e| matches!(e, Event::FeedbackDue { .. })));
	});
}

#[test]
fn publishing_the_key_at_conclusion_is_checked_against_details_and_outcome() {
	run(|| {
		let (id, key) = active_loan(2);
		let sealed = outcome(&key, id, sealing::BREACHED);
		let mut wrong = key;
		wrong[3] ^= 1;
		assert_noop!(
			Loans::conclude(signed(COMPANY), id, sealed, Disclosure::Public { content_key: wrong }),
			Error::<Test>::KeyDoesNotOpenDetails
		);
		// An outcome sealed under another key (or for another loan) is caught too.
		let foreign = outcome(&wrong, id, sealing::BREACHED);
		assert_noop!(
			Loans::conclude(signed(COMPANY), id, foreign, Disclosure::Public { content_key: key }),
			Error::<Test>::KeyDoesNotOpenOutcome
		);
		let other_loan = outcome(&key, id + 1, sealing::BREACHED);
		assert_noop!(
			Loans::conclude(
				signed(COMPANY),
				id,
				other_loan,
				Disclosure::Public { content_key: key }
			),
			Error::<Test>::KeyDoesNotOpenOutcome
		);
		assert_ok!(Loans::conclude(
			signed(COMPANY),
			id,
			sealed,
			Disclosure::Public { content_key: key }
		));
		let loan = LoanRecords::<Test>::get(id).unwrap();
		assert_eq!(loan.disclosure, Disclosure::Public { content_key: key });
		// Anyone now reads both.
		assert_eq!(
			sealing::open_details(
				&key,
				&loan.details.nonce,
				&loan.details.ciphertext,
				&loan.borrower_id
			)
			.unwrap(),
			PLAINTEXT
		);
		let o = loan.outcome.unwrap();
		assert_eq!(sealing::open_outcome(&key, &o.nonce, &o.ciphertext, id), Ok(sealing::BREACHED));
	});
}

#[test]
fn borrower_history_is_paged_by_loan_id() {
	run(|| {
		let ids: Vec<LoanId> = (0..5).map(|_| active_loan(3).0).collect();
		// A proposal that never took effect is not part of the history.
		company_proposes_to_alice(3);
		assert_eq!(summary_ids(&id_of(ALICE), 0, 10), ids);
		assert_eq!(summary_ids(&id_of(ALICE), 0, 2), ids[..2].to_vec());
		assert_eq!(summary_ids(&id_of(ALICE), ids[2], 2), ids[2..4].to_vec());
		assert_eq!(summary_ids(&id_of(ALICE), ids[4] + 1, 2), Vec::<LoanId>::new());
		assert_eq!(summary_ids(&id_of(BOB), 0, 10), Vec::<LoanId>::new());
	});
}

#[test]
fn history_pages_in_numeric_order_past_one_byte_ids() {
	new_test_ext().execute_with(|| {
		// Little-endian keys would put 256 before 2; the index keys are big-endian.
		let who = [0xCD; 32];
		for id in [65_536u64, 2, 256, 1] {
			BorrowerLoans::<Test>::insert(
				who,
				loan_key(id),
				HistoryEntry { at: id, disclosure: DisclosureLevel::Encrypted },
			);
		}
		assert_eq!(summary_ids(&who, 0, 10), vec![1, 2, 256, 65_536]);
		assert_eq!(summary_ids(&who, 3, 2), vec![256, 65_536]);
		assert_eq!(summary_ids(&who, 256, 1), vec![256]);
		assert_eq!(summary_ids(&who, 0, 0), Vec::<LoanId>::new());
	});
}

#[test]
fn history_follows_the_id_hash_when_an_identity_is_rebound() {
	run(|| {
		let (id, _) = active_loan(3);
		rebind_identity(id_of(ALICE), STRANGER);
		assert_eq!(summary_ids(&id_of(ALICE), 0, 10), vec![id]);
		// The new account now borrows under the same identity.
		let (details, _) = seal_for(COMPANY, ALICE, PLAINTEXT);
		assert_ok!(Loans::propose(signed(COMPANY), STRANGER, Role::Lender, 3, details.clone()));
		assert_ok!(Loans::accept(signed(STRANGER), id + 1, proposal_hash_of(id + 1)));
		assert_eq!(summary_ids(&id_of(ALICE), 0, 10), vec![id, id + 1]);
	});
}

/// Fails unless `call` is refused and leaves every byte of state as it was.
fn assert_refused(what: &str, call: impl FnOnce() -> sp_runtime::DispatchResult) {
	let before = sp_io::storage::root(sp_runtime::StateVersion::V1);
	assert!(call().is_err(), "{what} was allowed");
	assert_eq!(sp_io::storage::root(sp_runtime::StateVersion::V1), before, "{what} changed state");
}

/// Every call, from every origin that must not succeed, on a loan in each state: nothing
/// changes. Root and unsigned origins are refused everywhere.
#[test]
fn no_wrong_origin_changes_anything() {
	run(|| {
		let (proposed, details, _) = company_proposes_to_alice(2);
		let (active, key) = active_loan(2);
		let (matured, key_m) = active_loan(1);
		let (offered, _) = active_loan(2);
		assert_ok!(Loans::propose_extension(signed(COMPANY), offered, 1));
		let (concluded, key_c) = active_loan(2);
		assert_ok!(Loans::conclude(
			signed(COMPANY),
			concluded,
			outcome(&key_c, concluded, 0),
			Disclosure::Encrypted
		));
		run_to_block(1 + BLOCKS_PER_DAY as u64);
		assert_eq!(state(matured), LoanState::AwaitingFeedback);

		let everyone = [COMPANY, ALICE, BOB, CAROL, PENDING, STRANGER, REGISTRAR];
		let wrong = |allowed: u64| {
			let mut origins = vec![RuntimeOrigin::root(), RuntimeOrigin::none()];
			origins.extend(everyone.into_iter().filter(|w| *w != allowed).map(signed));
			origins
		};
		let keys =
			[(proposed, key), (active, key), (matured, key_m), (offered, key), (concluded, key_c)];
		for (loan, key) in keys {
			let hash = proposal_hash_of(loan);
			let sealed = outcome(&key, loan, 0);
			for origin in wrong(ALICE) {
				assert_refused("accept", || {
					Loans::accept(origin, loan, hash).map(drop).map_err(|e| e.error)
				});
			}
			for origin in wrong(COMPANY) {
				assert_refused("withdraw", || Loans::withdraw(origin.clone(), loan));
				assert_refused("propose_extension", || {
					Loans::propose_extension(origin.clone(), loan, 1)
				});
				assert_refused("conclude", || {
					Loans::conclude(origin, loan, sealed, Disclosure::Encrypted)
						.map(drop)
						.map_err(|e| e.error)
				});
			}
			for origin in wrong(ALICE) {
				assert_refused("decline", || Loans::decline(origin.clone(), loan));
				assert_refused("decline_extension", || {
					Loans::decline_extension(origin.clone(), loan)
				});
				assert_refused("confirm_extension", || Loans::confirm_extension(origin, loan, 1));
			}
		}
		// Even the rightful parties cannot take a loan that took effect out of the record.
		for loan in [active, matured, offered, concluded] {
			assert_refused("withdraw by proposer", || Loans::withdraw(signed(COMPANY), loan));
			assert_refused("decline by the counterparty", || Loans::decline(signed(ALICE), loan));
		}
		for origin in [RuntimeOrigin::root(), RuntimeOrigin::none()] {
			assert_refused("propose", || {
				Loans::propose(origin, ALICE, Role::Lender, 2, details.clone())
			});
		}
	});
}

#[test]
fn accept_conclude_and_set_disclosure_charge_what_the_loan_needs() {
	run(|| {
		let (details, key) = seal_for(COMPANY, ALICE, PLAINTEXT);
		let len = details.ciphertext.len() as u32;
		assert!(len < MAX_DETAILS);
		let id = NextLoanId::<Test>::get();
		assert_ok!(Loans::propose(signed(COMPANY), ALICE, Role::Lender, 5, details));
		// Charged up front for the longest details and every open request refunded; the
		// rest is refunded.
		let post = Loans::accept(signed(ALICE), id, proposal_hash_of(id)).unwrap();
		assert_eq!(post.actual_weight, Some(<() as WeightInfo>::accept(len)));
		assert!(
			<() as WeightInfo>::accept(len).ref_time()
				< <() as WeightInfo>::accept(MAX_DETAILS).ref_time()
		);
		let charged = <() as WeightInfo>::conclude(MAX_DETAILS, MAX_OPEN_REQUESTS);
		assert!(<() as WeightInfo>::conclude(len, 0).ref_time() < charged.ref_time());

		let paid = Disclosure::Paid { price: 5 };
		let post = Loans::set_disclosure(signed(COMPANY), id, paid).unwrap();
		assert_eq!(post.actual_weight, Some(<() as WeightInfo>::set_disclosure(len, 0)));
		assert_ok!(Loans::request_access(signed(BOB), id, ANY_PRICE));
		let public = Disclosure::Public { content_key: key };
		let post = Loans::conclude(signed(COMPANY), id, outcome(&key, id, 0), public).unwrap();
		// Publishing refunded Bob's open request.
		assert_eq!(post.actual_weight, Some(<() as WeightInfo>::conclude(len, 1)));
	});
}

fn proposal_deposit_of(who: u64) -> u64 {
	use frame_support::traits::fungible::InspectHold;
	Balances::balance_on_hold(&RuntimeHoldReason::Loans(HoldReason::ProposalDeposit), &who)
}

#[test]
fn a_proposal_holds_its_deposit_until_accepted_withdrawn_or_expired() {
	run(|| {
		let (accepted, _, _) = company_proposes_to_alice(5);
		let deposit = proposal_deposit(&LoanRecords::<Test>::get(accepted).unwrap());
		assert!(deposit > DEPOSIT_BASE, "priced by the bytes the proposal stores");
		assert_eq!(proposal_deposit_of(COMPANY), deposit);
		let (withdrawn, _, _) = company_proposes_to_alice(5);
		let (expiring, _, _) = company_proposes_to_alice(5);
		assert_eq!(proposal_deposit_of(COMPANY), 3 * deposit);

		assert_ok!(Loans::accept(signed(ALICE), accepted, proposal_hash_of(accepted)));
		assert_eq!(proposal_deposit_of(COMPANY), 2 * deposit);
		assert_ok!(Loans::withdraw(signed(COMPANY), withdrawn));
		assert_eq!(proposal_deposit_of(COMPANY), deposit);
		run_to_block(1 + PROPOSAL_TTL);
		assert!(LoanRecords::<Test>::get(expiring).is_none());
		assert_eq!(proposal_deposit_of(COMPANY), 0);
		assert_eq!(Balances::balance(&COMPANY), INITIAL_BALANCE);
	});
}

#[test]
fn a_proposer_who_cannot_pay_the_deposit_stores_nothing() {
	run(|| {
		Balances::set_balance(&COMPANY, DEPOSIT_BASE);
		let (details, _) = seal_for(COMPANY, ALICE, PLAINTEXT);
		assert_noop!(
			Loans::propose(signed(COMPANY), ALICE, Role::Lender, 5, details),
			sp_runtime::TokenError::FundsUnavailable
		);
	});
}

#[test]
fn a_rebound_proposers_deposit_returns_to_the_account_that_paid_it() {
	run(|| {
		let (id, _, _) = company_proposes_to_alice(5);
		let deposit = proposal_deposit_of(COMPANY);
		rebind_identity(id_of(COMPANY), NEW_COMPANY);
		assert_ok!(Loans::withdraw(signed(NEW_COMPANY), id));
		assert_eq!((proposal_deposit_of(COMPANY), proposal_deposit_of(NEW_COMPANY)), (0, 0));
		assert!(deposit > 0);
	});
}

#[test]
fn a_loan_past_its_maturity_awaits_feedback_before_its_prompt_is_out() {
	run(|| {
		// More loans mature in one block than a block processes (MAX_MATURITIES): the
		// prompts of the last ones come a block later, but every loan counts as awaiting
		// feedback from its maturity on.
		let ids: Vec<LoanId> = (0..MAX_MATURITIES + 2).map(|_| active_loan(1).0).collect();
		let maturity = 1 + BLOCKS_PER_DAY as u64;
		run_to_block(maturity);
		let late: Vec<LoanId> =
			ids.iter().copied().filter(|id| state(*id) == LoanState::Active).collect();
		assert_eq!(late.len(), 2, "two prompts are not out yet");
		for id in &ids {
			assert_eq!(Loans::loan_view(*id).unwrap().state, LoanState::AwaitingFeedback);
		}
		let late = late[0];
		// The lender can conclude it at once.
		let key = [0x5A; 32];
		assert_ok!(Loans::conclude(
			signed(COMPANY),
			late,
			outcome(&key, late, sealing::PERFORMED_NORMALLY),
			Disclosure::Encrypted
		));
		run_to_block(maturity + 1);
		assert!(
			!loan_events().contains(&Event::FeedbackDue { loan_id: late, lender: COMPANY }),
			"no prompt for a loan concluded meanwhile"
		);
		for id in ids.iter().filter(|id| **id != late) {
			assert_eq!(state(*id), LoanState::AwaitingFeedback);
		}
	});
}

#[test]
fn the_proposal_hash_is_blake2_of_the_scale_encoded_proposal() {
	use codec::Encode;
	type Long = frame_support::traits::ConstU32<20_000>;
	// Ciphertexts whose lengths take each of SCALE's compact-length forms.
	for len in [16usize, 63, 64, 300, 16_383, 16_384] {
		let details = SealedDetails::<Long> {
			nonce: [3; 12],
			ciphertext: vec![0xC7; len].try_into().unwrap(),
			key_commitment: [4; 32],
			lender_envelope: [5; ENVELOPE_LEN],
			borrower_envelope: [6; ENVELOPE_LEN],
		};
		let genesis = [7u8; 32];
		let scale = ("loanchain/proposal/v1", genesis, 9u64, [1u8; 32], [2u8; 32])
			.encode()
			.into_iter()
			.chain((Role::Borrower, 30u32, &details).encode())
			.collect::<Vec<u8>>();
		assert_eq!(
			proposal_hash(&genesis, 9, &[1; 32], &[2; 32], Role::Borrower, 30, &details),
			sp_io::hashing::blake2_256(&scale),
			"ciphertext of {len} bytes"
		);
	}
}
