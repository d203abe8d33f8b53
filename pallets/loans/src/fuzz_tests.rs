//! Property-based fuzzing of both pallets (identity and loans, as the mock runtime wires
//! them): random sequences of every dispatchable, from random origins (Root and unsigned
//! included), with random and well-formed arguments, from the states earlier calls left.
//! After every call:
//!
//! - a call that failed changed no storage at all;
//! - no loan that took effect disappeared or changed parties;
//! - money is conserved, and what each pallet holds is exactly what its records say;
//! - both pallets' `try_state` checks pass.

use crate::{mock::Loans, pallet::Loans as LoanRecords};
use crate::{mock::*, *};
use frame_support::traits::fungible::InspectHold;
use loanchain_sealing as sealing;
use pallet_credit_identity::{HoldReason as IdentityHold, Identities, IdentityKind};
use proptest::{prelude::*, test_runner::TestRunner};
use sp_runtime::DispatchResult;
use std::{cell::Cell, collections::BTreeMap};

const ACCOUNTS: [u64; 8] = [REGISTRAR, COMPANY, ALICE, BOB, CAROL, PENDING, STRANGER, 8];
const CASES: u32 = 300;

#[derive(Clone, Debug)]
enum Origin {
	Root,
	None,
	Signed(u64),
	/// The lender, borrower or not-yet-signed party of the loan the call names, so that
	/// sequences reach the paths where the right party acts.
	Lender,
	Borrower,
	Counterparty,
}

#[derive(Clone, Debug)]
enum Call {
	Register(IdentityKind, u8, u8),
	SetKey(u8),
	Verify(u64, u8, IdentityKind),
	Reject(u64),
	Rebind(u8, u64),
	CompleteRebind(u8),
	CancelRebind(u8),
	AddRegistrar(u64),
	RemoveRegistrar(u64),
	WithdrawClaim,
	Propose {
		counterparty: u64,
		lender: bool,
		days: u32,
		well_formed: bool,
		len: u16,
	},
	Accept {
		loan: u64,
		right_hash: bool,
	},
	Withdraw(u64),
	Decline(u64),
	ProposeExtension(u64, u32),
	ConfirmExtension(u64, u32),
	DeclineExtension(u64),
	Conclude {
		loan: u64,
		outcome: u8,
		disclosure: u8,
	},
	SetDisclosure(u64, u8),
	/// A request with the viewer's limit: any price, or none.
	RequestAccess(u64, bool),
	GrantAccess(u64, u64),
	DeclineAccess(u64, u64),
	Reclaim(u64),
	/// An inquiry about `borrower`'s identity, with a consent signed by `signer` (the
	/// borrower, or anyone else), `ahead` blocks from its deadline.
	Inquire {
		borrower: u64,
		signer: u64,
		ahead: u8,
	},
	Wait(u8),
}

fn account() -> impl Strategy<Value = u64> {
	prop::sample::select(ACCOUNTS.to_vec())
}

fn origin() -> impl Strategy<Value = Origin> {
	prop_oneof![
		1 => Just(Origin::Root),
		1 => Just(Origin::None),
		8 => account().prop_map(Origin::Signed),
		2 => Just(Origin::Lender),
		2 => Just(Origin::Borrower),
		5 => Just(Origin::Counterparty),
	]
}

fn call() -> impl Strategy<Value = Call> {
	let kind = prop_oneof![Just(IdentityKind::Person), Just(IdentityKind::Enterprise)];
	let loan = 0u64..4;
	prop_oneof![
		1 => (kind.clone(), any::<u8>(), any::<u8>()).prop_map(|(k, h, key)| Call::Register(k, h % 12, key)),
		1 => any::<u8>().prop_map(Call::SetKey),
		1 => (account(), any::<u8>(), kind.clone()).prop_map(|(w, h, k)| Call::Verify(w, h % 12, k)),
		1 => account().prop_map(Call::Reject),
		1 => (any::<u8>(), account()).prop_map(|(h, w)| Call::Rebind(h % 12, w)),
		1 => any::<u8>().prop_map(|h| Call::CompleteRebind(h % 12)),
		1 => any::<u8>().prop_map(|h| Call::CancelRebind(h % 12)),
		1 => account().prop_map(Call::AddRegistrar),
		1 => account().prop_map(Call::RemoveRegistrar),
		1 => Just(Call::WithdrawClaim),
		6 => (prop::sample::select(vec![COMPANY, ALICE, BOB, CAROL, PENDING, STRANGER]), any::<bool>(), 0u32..4, prop::bool::weighted(0.8), 0u16..300).prop_map(
			|(counterparty, lender, days, well_formed, len)| Call::Propose { counterparty, lender, days, well_formed, len }),
		6 => (loan.clone(), prop::bool::weighted(0.8)).prop_map(|(loan, right_hash)| Call::Accept { loan, right_hash }),
		1 => loan.clone().prop_map(Call::Withdraw),
		1 => loan.clone().prop_map(Call::Decline),
		1 => (loan.clone(), 0u32..3).prop_map(|(l, d)| Call::ProposeExtension(l, d)),
		1 => (loan.clone(), 0u32..3).prop_map(|(l, d)| Call::ConfirmExtension(l, d)),
		1 => loan.clone().prop_map(Call::DeclineExtension),
		2 => (loan.clone(), 0u8..3, 0u8..5).prop_map(|(loan, outcome, disclosure)| Call::Conclude { loan, outcome, disclosure }),
		1 => (loan.clone(), 0u8..5).prop_map(|(l, d)| Call::SetDisclosure(l, d)),
		2 => (loan.clone(), any::<bool>()).prop_map(|(l, pays)| Call::RequestAccess(l, pays)),
		1 => (loan.clone(), account()).prop_map(|(l, w)| Call::GrantAccess(l, w)),
		1 => (loan.clone(), account()).prop_map(|(l, w)| Call::DeclineAccess(l, w)),
		1 => loan.prop_map(Call::Reclaim),
		2 => (account(), prop::bool::weighted(0.7), account(), 0u8..30).prop_map(
			|(borrower, by_borrower, other, ahead)| Call::Inquire { borrower, signer: if by_borrower { borrower } else { other }, ahead }),
		2 => (1u8..25).prop_map(Call::Wait),
	]
}

/// The content key every well-formed proposal of loan `id` uses, so later calls can
/// produce outcomes and published keys that do (or, by choice, do not) match.
fn content_key(id: u64) -> ContentKey {
	[0x30 + id as u8; 32]
}

impl Call {
	/// The loan the call names, if any.
	fn loan(&self) -> Option<LoanId> {
		match self {
			Call::Accept { loan, .. } | Call::Conclude { loan, .. } => Some(*loan),
			Call::Withdraw(l)
			| Call::Decline(l)
			| Call::ProposeExtension(l, _)
			| Call::ConfirmExtension(l, _)
			| Call::DeclineExtension(l)
			| Call::SetDisclosure(l, _)
			| Call::RequestAccess(l, _)
			| Call::GrantAccess(l, _)
			| Call::DeclineAccess(l, _)
			| Call::Reclaim(l) => Some(*l),
			_ => None,
		}
	}
}

/// The account behind `origin` for `call` (party origins resolve against the named loan;
/// without one they fall back to the company).
fn signer(origin: &Origin, call: &Call) -> Option<u64> {
	let loan = call.loan().and_then(LoanRecords::<Test>::get);
	match origin {
		Origin::Root | Origin::None => None,
		Origin::Signed(who) => Some(*who),
		Origin::Lender => Some(loan.map_or(COMPANY, |l| holder(l.lender_id().expect("public")))),
		Origin::Borrower => Some(loan.map_or(ALICE, |l| holder(&l.borrower_id))),
		Origin::Counterparty => {
			Some(loan.map_or(BOB, |l| holder(l.counterparty_id().expect("a proposal"))))
		},
	}
}

/// The account that holds `id_hash` now (a loan's parties are always verified identities,
/// which always have one).
fn holder(id_hash: &IdHash) -> u64 {
	pallet_credit_identity::Owners::<Test>::get(id_hash).expect("a party's identity has an account")
}

fn runtime_origin(origin: &Origin, call: &Call) -> RuntimeOrigin {
	match (origin, signer(origin, call)) {
		(Origin::Root, _) => RuntimeOrigin::root(),
		(_, Some(who)) => RuntimeOrigin::signed(who),
		_ => RuntimeOrigin::none(),
	}
}

fn disclosure(choice: u8, id: u64) -> Disclosure<u64> {
	match choice {
		0 => Disclosure::Encrypted,
		1 => Disclosure::Paid { price: 40 },
		2 => Disclosure::Paid { price: 0 },
		3 => Disclosure::Public { content_key: content_key(id) },
		_ => Disclosure::Public { content_key: [0xEE; 32] },
	}
}

fn dispatch(origin: &Origin, call: &Call) -> DispatchResult {
	let o = runtime_origin(origin, call);
	let caller = signer(origin, call).unwrap_or(0);
	let next = NextLoanId::<Test>::get();
	match call.clone() {
		Call::Register(kind, h, key) => CreditIdentity::register(o, kind, [h; 32], [key; 32]),
		Call::SetKey(key) => CreditIdentity::set_encryption_key(o, [key; 32]),
		Call::Verify(who, h, kind) => CreditIdentity::verify(o, who, [h; 32], kind),
		Call::Reject(who) => CreditIdentity::reject(o, who),
		Call::Rebind(h, who) => CreditIdentity::rebind(o, [h; 32], who),
		Call::CompleteRebind(h) => CreditIdentity::complete_rebind(o, [h; 32]),
		Call::CancelRebind(h) => CreditIdentity::cancel_rebind(o, [h; 32]),
		Call::AddRegistrar(who) => {
			CreditIdentity::add_registrar(o, who, registrar_share(who as u16 % 8 + 1))
		},
		Call::RemoveRegistrar(who) => CreditIdentity::remove_registrar(o, who),
		Call::WithdrawClaim => CreditIdentity::withdraw_claim(o),
		Call::Propose { counterparty, lender, days, well_formed, len } => {
			let role = if lender { Role::Lender } else { Role::Borrower };
			let borrower = if lender { counterparty } else { caller };
			let details = if well_formed {
				let borrower_id = pallet_credit_identity::Identities::<Test>::get(borrower)
					.map(|r| r.id_hash)
					.unwrap_or_default();
				DetailsInput {
					nonce: [1; 12],
					ciphertext: sealing::seal_details(
						&content_key(next),
						&[1; 12],
						&vec![b'x'; len as usize],
						&borrower_id,
					),
					key_commitment: sealing::key_commitment(&content_key(next)),
					lender_envelope: [2; ENVELOPE_LEN],
					borrower_envelope: [3; ENVELOPE_LEN],
				}
			} else {
				DetailsInput {
					nonce: [0; 12],
					ciphertext: vec![0xAB; len as usize],
					key_commitment: [0; 32],
					lender_envelope: [0; ENVELOPE_LEN],
					borrower_envelope: [0; ENVELOPE_LEN],
				}
			};
			Loans::propose(o, counterparty, role, days, details)
		},
		Call::Accept { loan, right_hash } => {
			let hash = if right_hash && LoanRecords::<Test>::contains_key(loan) {
				proposal_hash_of(loan)
			} else {
				[0x77; 32]
			};
			Loans::accept(o, loan, hash).map(drop).map_err(|e| e.error)
		},
		Call::Withdraw(loan) => Loans::withdraw(o, loan),
		Call::Decline(loan) => Loans::decline(o, loan),
		Call::ProposeExtension(loan, days) => Loans::propose_extension(o, loan, days),
		Call::ConfirmExtension(loan, days) => Loans::confirm_extension(o, loan, days),
		Call::DeclineExtension(loan) => Loans::decline_extension(o, loan),
		Call::Conclude { loan, outcome, disclosure: d } => {
			let nonce = [4; 12];
			let key = if outcome == 2 { [0xEE; 32] } else { content_key(loan) };
			let sealed = SealedOutcome {
				nonce,
				ciphertext: sealing::seal_outcome(&key, &nonce, outcome % 2, loan),
			};
			Loans::conclude(o, loan, sealed, disclosure(d, loan))
				.map(drop)
				.map_err(|e| e.error)
		},
		Call::SetDisclosure(loan, d) => Loans::set_disclosure(o, loan, disclosure(d, loan))
			.map(drop)
			.map_err(|e| e.error),
		Call::RequestAccess(loan, pays) => {
			Loans::request_access(o, loan, if pays { u64::MAX } else { 0 })
		},
		Call::GrantAccess(loan, who) => Loans::grant_access(o, loan, who, [5; ENVELOPE_LEN]),
		Call::DeclineAccess(loan, who) => Loans::decline_access(o, loan, who),
		Call::Reclaim(loan) => Loans::reclaim(o, loan),
		Call::Inquire { borrower, signer, ahead } => {
			use pallet_credit_identity::VerifiedIdentity;
			let inquirer = CreditIdentity::verified(&caller).map_or([0; 32], |p| p.id_hash);
			let borrower_id =
				CreditIdentity::verified(&borrower).map_or(id_of(borrower), |p| p.id_hash);
			let deadline = System::block_number() + ahead as u64;
			let purpose = InquiryPurpose::LoanApplication;
			let hash = crate::inquiry_hash(
				System::block_hash(0).as_ref(),
				&inquirer,
				&borrower_id,
				purpose,
				deadline as u32,
			);
			let signature = test_signature(signer, &crate::consent::wrapped(&hash));
			Loans::inquire(o, InquiryConsent { borrower_id, purpose, deadline, signature })
		},
		Call::Wait(blocks) => {
			run_to_block(System::block_number() + blocks as u64);
			Ok(())
		},
	}
}

/// A loan's parties: the lender's and the borrower's identities (their accounts may change
/// through a rebind; the identities never do).
type Parties = (IdHash, IdHash);

/// The parties of every loan that took effect.
fn effective_loans() -> BTreeMap<LoanId, Parties> {
	LoanRecords::<Test>::iter()
		.filter(|(_, l)| l.took_effect())
		.map(|(id, l)| (id, (*l.lender_id().expect("public"), l.borrower_id)))
		.collect()
}

/// What the identity pallet burnt in the events from the `since`-th of this block on:
/// the forfeits of rejected claims.
fn forfeited_since(since: usize) -> u64 {
	System::events()
		.get(since..)
		.unwrap_or_default()
		.iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::CreditIdentity(pallet_credit_identity::Event::IdentityRejected {
				forfeited,
				..
			}) => Some(forfeited),
			_ => None,
		})
		.sum()
}

/// What inquiries burnt in the events from the `since`-th of this block on.
fn inquiry_fees_since(since: usize) -> u64 {
	System::events()
		.get(since..)
		.unwrap_or_default()
		.iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::Loans(crate::Event::Inquired { fee, .. }) => Some(fee),
			_ => None,
		})
		.sum()
}

fn held_for(reason: RuntimeHoldReason) -> u64 {
	ACCOUNTS.iter().map(|who| Balances::balance_on_hold(&reason, who)).sum()
}

fn check_invariants(
	issuance: u64,
	effective: &mut BTreeMap<LoanId, Parties>,
) -> Result<(), TestCaseError> {
	prop_assert_eq!(
		Balances::total_issuance(),
		issuance,
		"money was created, or destroyed other than by a forfeit or an inquiry's fee"
	);
	let now = effective_loans();
	for (id, parties) in effective.iter() {
		prop_assert_eq!(now.get(id), Some(parties), "loan {} disappeared or changed parties", id);
	}
	*effective = now;

	let open: Vec<_> = crate::pallet::AccessRequests::<Test>::iter()
		.filter(|(_, _, r)| r.status == RequestStatus::Open)
		.map(|(_, _, r)| r.held)
		.collect();
	prop_assert_eq!(
		held_for(RuntimeHoldReason::Loans(HoldReason::AccessPayment)),
		open.iter().sum::<u64>(),
		"escrow does not match the open requests"
	);
	prop_assert_eq!(
		held_for(RuntimeHoldReason::Loans(HoldReason::RequestDeposit)),
		REQUEST_DEPOSIT * open.len() as u64,
		"request deposits do not match the open requests"
	);
	let proposals: u64 = LoanRecords::<Test>::iter()
		.filter(|(_, l)| !l.took_effect())
		.map(|(_, l)| proposal_deposit(&l))
		.sum();
	prop_assert_eq!(
		held_for(RuntimeHoldReason::Loans(HoldReason::ProposalDeposit)),
		proposals,
		"proposal deposits do not match the pending proposals"
	);

	let identity_held: u64 = ACCOUNTS
		.iter()
		.map(|who| {
			Balances::balance_on_hold(
				&RuntimeHoldReason::CreditIdentity(IdentityHold::IdentityDeposit),
				who,
			)
		})
		.sum();
	let deposits: u64 = Identities::<Test>::iter().map(|(_, r)| r.deposit).sum();
	prop_assert_eq!(identity_held, deposits, "identity deposits do not match the records");

	prop_assert!(Loans::do_try_state().is_ok(), "loans try_state: {:?}", Loans::do_try_state());
	prop_assert!(
		CreditIdentity::do_try_state().is_ok(),
		"identity try_state: {:?}",
		CreditIdentity::do_try_state()
	);
	Ok(())
}

#[test]
fn every_dispatchable_of_both_pallets_keeps_the_invariants() {
	let mut runner = TestRunner::new(ProptestConfig { cases: CASES, ..ProptestConfig::default() });
	// `run` takes an `Fn`: count through cells.
	let (cases, calls, failed_calls, activated) =
		(Cell::new(0u32), Cell::new(0u64), Cell::new(0u64), Cell::new(0u64));
	runner
		.run(&proptest::collection::vec((origin(), call()), 1..60), |sequence| {
			cases.set(cases.get() + 1);
			new_test_ext().execute_with(|| {
				let mut issuance = Balances::total_issuance();
				let mut effective = effective_loans();
				for (origin, call) in &sequence {
					let before = sp_io::storage::root(sp_runtime::StateVersion::V1);
					let events_before = System::events().len();
					calls.set(calls.get() + 1);
					let result = dispatch(origin, call);
					issuance -= forfeited_since(events_before) + inquiry_fees_since(events_before);
					if result.is_err() {
						failed_calls.set(failed_calls.get() + 1);
						prop_assert_eq!(
							sp_io::storage::root(sp_runtime::StateVersion::V1),
							before,
							"{:?} by {:?} failed but changed storage",
							call,
							origin
						);
					}
					check_invariants(issuance, &mut effective)?;
				}
				activated.set(activated.get() + effective.len() as u64);
				Ok(())
			})
		})
		.expect("the invariants hold for every sequence");
	let (cases, calls, failed_calls, activated) =
		(cases.get(), calls.get(), failed_calls.get(), activated.get());
	println!(
		"fuzz: {cases} cases, {calls} calls ({failed_calls} refused), {activated} loans in effect at the ends"
	);
	assert_eq!(cases, CASES, "every generated case ran");
	assert!(activated > 0, "the generator reaches loans that take effect");
	assert!(failed_calls < calls, "the generator reaches calls that succeed");
}
