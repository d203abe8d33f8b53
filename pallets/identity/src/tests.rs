//! Unit tests of the identity pallet: every call, its happy path and each named error.

use crate::{
	mock::*, ActedBy, Error, Event, Frozen, HoldReason, Identities, IdentityKind, OprfPublicShare,
	OprfShares, OprfThreshold, Owners, PendingRebinds, Registrars, VerificationStatus,
	VerifiedIdentity, VerifiedParty,
};
use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, InspectHold},
};
use sp_runtime::{DispatchError, TokenError};

const HASH_A: [u8; 32] = [0xAA; 32];
const HASH_B: [u8; 32] = [0xBB; 32];
const KEY_A: [u8; 32] = [1; 32];
const KEY_B: [u8; 32] = [2; 32];
/// An X25519 point of order 8: every shared secret with it is zero.
const ORDER_EIGHT_POINT: [u8; 32] =
	hex_literal::hex!("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800");

fn signed(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn held(who: u64) -> u64 {
	Balances::balance_on_hold(&RuntimeHoldReason::CreditIdentity(HoldReason::IdentityDeposit), &who)
}

fn status(who: u64) -> Option<VerificationStatus> {
	Identities::<Test>::get(who).map(|r| r.status)
}

fn register_alice() {
	assert_ok!(CreditIdentity::register(signed(ALICE), IdentityKind::Person, HASH_A, KEY_A));
}

/// Checks the pallet invariants after every test body.
fn run(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		CreditIdentity::do_try_state().expect("invariants hold");
	});
}

#[test]
fn genesis_sets_sorted_registrars_and_verified_identities() {
	run(|| {
		assert_eq!(Registrars::<Test>::get().into_inner(), vec![REGISTRAR, REGISTRAR_2]);
		assert_eq!(OprfShares::<Test>::get(REGISTRAR), Some(share(1)));
		assert_eq!(OprfShares::<Test>::get(REGISTRAR_2), Some(share(2)));
		assert_eq!(OprfThreshold::<Test>::get(), 2);
		assert_eq!(status(GENESIS_PERSON), Some(VerificationStatus::Verified));
		assert_eq!(Owners::<Test>::get(GENESIS_PERSON_HASH), Some(GENESIS_PERSON));
		assert_eq!(held(GENESIS_PERSON), 0);
	});
}

#[test]
fn register_holds_deposit_and_records_pending_claim() {
	run(|| {
		register_alice();
		let record = Identities::<Test>::get(ALICE).unwrap();
		assert_eq!(record.kind, IdentityKind::Person);
		assert_eq!(record.id_hash, HASH_A);
		assert_eq!(record.status, VerificationStatus::Pending);
		assert_eq!(record.encryption_key, KEY_A);
		assert_eq!(record.deposit, DEPOSIT);
		assert_eq!(Owners::<Test>::get(HASH_A), None, "a claim owns nothing until verified");
		assert_eq!(held(ALICE), DEPOSIT);
		assert_eq!(Balances::free_balance(ALICE), 1_000 - DEPOSIT);
		System::assert_last_event(
			Event::IdentityRegistered {
				who: ALICE,
				kind: IdentityKind::Person,
				id_hash: HASH_A,
				deposit: DEPOSIT,
			}
			.into(),
		);
	});
}

#[test]
fn a_pending_claim_does_not_keep_the_real_owner_out() {
	run(|| {
		// Alice squats on the hash of Bob's ID number; Bob claims it too and shows his
		// document to a registrar, who verifies him while Alice's claim is still pending.
		register_alice();
		assert_ok!(CreditIdentity::register(signed(BOB), IdentityKind::Person, HASH_A, KEY_B));
		assert_ok!(CreditIdentity::verify(signed(REGISTRAR), BOB, HASH_A, IdentityKind::Person));
		assert_eq!(Owners::<Test>::get(HASH_A), Some(BOB));
		// Nobody else can be verified with it, or claim it any more.
		assert_noop!(
			CreditIdentity::verify(signed(REGISTRAR), ALICE, HASH_A, IdentityKind::Person),
			Error::<Test>::IdHashTaken
		);
		assert_noop!(
			CreditIdentity::register(signed(CAROL), IdentityKind::Person, HASH_A, KEY_B),
			Error::<Test>::IdHashTaken
		);
		// The squatter's claim is rejected and costs her part of her deposit.
		assert_ok!(CreditIdentity::reject(signed(REGISTRAR), ALICE));
		assert_eq!(Balances::balance(&ALICE), 1_000 - FORFEIT);
		assert_eq!(Owners::<Test>::get(HASH_A), Some(BOB));
	});
}

#[test]
fn a_verified_id_hash_cannot_be_claimed_again() {
	run(|| {
		assert_noop!(
			CreditIdentity::register(
				signed(BOB),
				IdentityKind::Enterprise,
				GENESIS_PERSON_HASH,
				KEY_B
			),
			Error::<Test>::IdHashTaken
		);
	});
}

#[test]
fn an_account_cannot_hold_two_identities() {
	run(|| {
		register_alice();
		assert_noop!(
			CreditIdentity::register(signed(ALICE), IdentityKind::Enterprise, HASH_B, KEY_A),
			Error::<Test>::AlreadyRegistered
		);
		assert_noop!(
			CreditIdentity::register(signed(GENESIS_PERSON), IdentityKind::Person, HASH_B, KEY_A),
			Error::<Test>::AlreadyRegistered
		);
	});
}

#[test]
fn register_rejects_small_order_keys_and_unaffordable_deposit() {
	run(|| {
		// All-zero, and every other point of small order (here: one of order 8).
		for weak in [[0; 32], ORDER_EIGHT_POINT] {
			assert_noop!(
				CreditIdentity::register(signed(ALICE), IdentityKind::Person, HASH_A, weak),
				Error::<Test>::InvalidEncryptionKey
			);
		}
		assert_noop!(
			CreditIdentity::register(signed(PAUPER), IdentityKind::Person, HASH_A, KEY_A),
			TokenError::FundsUnavailable
		);
		assert_eq!(Identities::<Test>::get(PAUPER), None);
		assert_eq!(Owners::<Test>::get(HASH_A), None);
		assert_eq!(Balances::free_balance(PAUPER), 50);
	});
}

#[test]
fn verify_requires_the_claimed_hash() {
	run(|| {
		register_alice();
		assert_noop!(
			CreditIdentity::verify(signed(REGISTRAR), ALICE, HASH_B, IdentityKind::Person),
			Error::<Test>::IdHashMismatch
		);
		assert_ok!(CreditIdentity::verify(signed(REGISTRAR), ALICE, HASH_A, IdentityKind::Person));
		assert_eq!(status(ALICE), Some(VerificationStatus::Verified));
		System::assert_last_event(
			Event::IdentityVerified { who: ALICE, id_hash: HASH_A, registrar: REGISTRAR }.into(),
		);
		// The deposit stays held while the identity lives.
		assert_eq!(held(ALICE), DEPOSIT);
		assert_noop!(
			CreditIdentity::verify(signed(REGISTRAR), ALICE, HASH_A, IdentityKind::Person),
			Error::<Test>::NotPending
		);
	});
}

#[test]
fn only_registrars_verify_and_never_themselves() {
	run(|| {
		register_alice();
		assert_noop!(
			CreditIdentity::verify(signed(BOB), ALICE, HASH_A, IdentityKind::Person),
			Error::<Test>::NotARegistrar
		);
		assert_noop!(
			CreditIdentity::verify(RuntimeOrigin::root(), ALICE, HASH_A, IdentityKind::Person),
			DispatchError::BadOrigin
		);
		assert_noop!(
			CreditIdentity::verify(signed(REGISTRAR), BOB, HASH_A, IdentityKind::Person),
			Error::<Test>::NotRegistered
		);
		assert_ok!(CreditIdentity::register(
			signed(REGISTRAR),
			IdentityKind::Person,
			HASH_B,
			KEY_B
		));
		assert_noop!(
			CreditIdentity::verify(signed(REGISTRAR), REGISTRAR, HASH_B, IdentityKind::Person),
			Error::<Test>::RegistrarIsParty
		);
		assert_ok!(CreditIdentity::verify(
			signed(REGISTRAR_2),
			REGISTRAR,
			HASH_B,
			IdentityKind::Person
		));
	});
}

#[test]
fn reject_forfeits_part_of_the_deposit_and_allows_a_new_claim() {
	run(|| {
		register_alice();
		let issuance = Balances::total_issuance();
		assert_ok!(CreditIdentity::reject(signed(REGISTRAR), ALICE));
		assert_eq!(status(ALICE), Some(VerificationStatus::Rejected));
		assert_eq!(held(ALICE), 0);
		assert_eq!(Balances::free_balance(ALICE), 1_000 - FORFEIT);
		assert_eq!(Balances::total_issuance(), issuance - FORFEIT, "the forfeit is burnt");
		System::assert_last_event(
			Event::IdentityRejected {
				who: ALICE,
				id_hash: HASH_A,
				registrar: REGISTRAR,
				refunded: DEPOSIT - FORFEIT,
				forfeited: FORFEIT,
			}
			.into(),
		);
		// The real owner of the hash can now claim it, and Alice can claim her own.
		assert_ok!(CreditIdentity::register(signed(BOB), IdentityKind::Person, HASH_A, KEY_B));
		assert_ok!(CreditIdentity::register(signed(ALICE), IdentityKind::Person, HASH_B, KEY_A));
		assert_eq!(status(ALICE), Some(VerificationStatus::Pending));
		assert_eq!(held(ALICE), DEPOSIT);
	});
}

#[test]
fn reject_only_pending_claims() {
	run(|| {
		assert_noop!(
			CreditIdentity::reject(signed(REGISTRAR), ALICE),
			Error::<Test>::NotRegistered
		);
		assert_noop!(
			CreditIdentity::reject(signed(REGISTRAR), GENESIS_PERSON),
			Error::<Test>::NotPending
		);
		register_alice();
		assert_noop!(CreditIdentity::reject(signed(BOB), ALICE), Error::<Test>::NotARegistrar);
	});
}

#[test]
fn withdraw_claim_removes_a_pending_claim() {
	run(|| {
		register_alice();
		assert_ok!(CreditIdentity::withdraw_claim(signed(ALICE)));
		assert_eq!(Identities::<Test>::get(ALICE), None);
		assert_eq!(Owners::<Test>::get(HASH_A), None);
		assert_eq!(held(ALICE), 0);
		assert_eq!(Balances::free_balance(ALICE), 1_000);
		System::assert_last_event(
			Event::ClaimWithdrawn { who: ALICE, id_hash: HASH_A, deposit: DEPOSIT }.into(),
		);
		assert_noop!(CreditIdentity::withdraw_claim(signed(ALICE)), Error::<Test>::NotRegistered);
		assert_noop!(
			CreditIdentity::withdraw_claim(signed(GENESIS_PERSON)),
			Error::<Test>::NotPending
		);
	});
}

#[test]
fn set_encryption_key_replaces_the_key() {
	run(|| {
		assert_noop!(
			CreditIdentity::set_encryption_key(signed(ALICE), KEY_B),
			Error::<Test>::NotRegistered
		);
		register_alice();
		for weak in [[0; 32], ORDER_EIGHT_POINT] {
			assert_noop!(
				CreditIdentity::set_encryption_key(signed(ALICE), weak),
				Error::<Test>::InvalidEncryptionKey
			);
		}
		assert_ok!(CreditIdentity::set_encryption_key(signed(ALICE), KEY_B));
		assert_eq!(Identities::<Test>::get(ALICE).unwrap().encryption_key, KEY_B);
		System::assert_last_event(
			Event::EncryptionKeyChanged { who: ALICE, encryption_key: KEY_B }.into(),
		);
		assert_ok!(CreditIdentity::reject(signed(REGISTRAR), ALICE));
		assert_noop!(
			CreditIdentity::set_encryption_key(signed(ALICE), KEY_A),
			Error::<Test>::NotRegistered
		);
	});
}

#[test]
fn verify_checks_the_claimed_kind() {
	run(|| {
		// Alice claimed her hash as a company: a registrar holding her resident ID card
		// signs off on a person, which is not what she claimed.
		assert_ok!(CreditIdentity::register(
			signed(ALICE),
			IdentityKind::Enterprise,
			HASH_A,
			KEY_A
		));
		assert_noop!(
			CreditIdentity::verify(signed(REGISTRAR), ALICE, HASH_A, IdentityKind::Person),
			Error::<Test>::KindMismatch
		);
		assert_ok!(CreditIdentity::verify(
			signed(REGISTRAR),
			ALICE,
			HASH_A,
			IdentityKind::Enterprise
		));
	});
}

/// Alice, verified with `HASH_A`; a registrar starts moving her identity to Bob.
fn alice_verified_and_rebind_to_bob_started() {
	register_alice();
	assert_ok!(CreditIdentity::verify(signed(REGISTRAR), ALICE, HASH_A, IdentityKind::Person));
	assert_ok!(CreditIdentity::rebind(signed(REGISTRAR), HASH_A, BOB));
	System::assert_last_event(
		Event::RebindStarted {
			id_hash: HASH_A,
			from: ALICE,
			to: BOB,
			started_by: ActedBy::Registrar(REGISTRAR),
			applicable_at: 1 + REBIND_DELAY,
		}
		.into(),
	);
}

#[test]
fn a_rebind_is_not_one_registrars_act_alone() {
	run(|| {
		alice_verified_and_rebind_to_bob_started();
		// Nothing moved: Alice still holds the identity, and the new account has to
		// complete the move itself, after the delay.
		assert_eq!(Owners::<Test>::get(HASH_A), Some(ALICE));
		assert_noop!(
			CreditIdentity::complete_rebind(signed(BOB), HASH_A),
			Error::<Test>::RebindDelayNotOver
		);
		System::set_block_number(1 + REBIND_DELAY);
		for not_bob in [REGISTRAR, ALICE, CAROL] {
			assert_noop!(
				CreditIdentity::complete_rebind(signed(not_bob), HASH_A),
				Error::<Test>::NotTheNewAccount
			);
		}
		assert_noop!(
			CreditIdentity::complete_rebind(signed(BOB), HASH_B),
			Error::<Test>::NoRebindPending
		);
		assert_ok!(CreditIdentity::complete_rebind(signed(BOB), HASH_A));
		assert!(!PendingRebinds::<Test>::contains_key(HASH_A));

		assert_eq!(Identities::<Test>::get(ALICE), None);
		assert_eq!(Owners::<Test>::get(HASH_A), Some(BOB));
		let record = Identities::<Test>::get(BOB).unwrap();
		assert_eq!(record.status, VerificationStatus::Verified);
		assert_eq!(record.encryption_key, KEY_A);
		assert_eq!(held(ALICE), 0);
		assert_eq!(held(BOB), DEPOSIT);
		System::assert_last_event(
			Event::IdentityRebound {
				id_hash: HASH_A,
				from: ALICE,
				to: BOB,
				started_by: ActedBy::Registrar(REGISTRAR),
				deposit: DEPOSIT,
			}
			.into(),
		);
		assert_eq!(CreditIdentity::verified(&ALICE), None);
		assert_eq!(CreditIdentity::verified(&BOB).map(|p| p.id_hash), Some(HASH_A));
	});
}

#[test]
fn the_current_account_or_any_registrar_cancels_a_rebind() {
	run(|| {
		alice_verified_and_rebind_to_bob_started();
		for neither in [BOB, CAROL] {
			assert_noop!(
				CreditIdentity::cancel_rebind(signed(neither), HASH_A),
				Error::<Test>::NotTheHolderOrARegistrar
			);
		}
		assert_ok!(CreditIdentity::cancel_rebind(signed(ALICE), HASH_A));
		System::assert_last_event(
			Event::RebindCancelled { id_hash: HASH_A, to: BOB, by: ActedBy::Holder(ALICE) }.into(),
		);
		System::set_block_number(1 + REBIND_DELAY);
		assert_noop!(
			CreditIdentity::complete_rebind(signed(BOB), HASH_A),
			Error::<Test>::NoRebindPending
		);
		// Another registrar than the one who started it may cancel too.
		assert_ok!(CreditIdentity::rebind(signed(REGISTRAR), HASH_A, BOB));
		assert_noop!(
			CreditIdentity::rebind(signed(REGISTRAR), HASH_A, CAROL),
			Error::<Test>::RebindPending
		);
		assert_ok!(CreditIdentity::cancel_rebind(signed(REGISTRAR_2), HASH_A));
		assert_noop!(
			CreditIdentity::cancel_rebind(signed(REGISTRAR_2), HASH_A),
			Error::<Test>::NoRebindPending
		);
		assert_eq!(Owners::<Test>::get(HASH_A), Some(ALICE));
	});
}

#[test]
fn a_rebind_to_an_account_that_claimed_an_identity_meanwhile_fails() {
	run(|| {
		alice_verified_and_rebind_to_bob_started();
		assert_ok!(CreditIdentity::register(signed(BOB), IdentityKind::Person, HASH_B, KEY_B));
		System::set_block_number(1 + REBIND_DELAY);
		assert_noop!(
			CreditIdentity::complete_rebind(signed(BOB), HASH_A),
			Error::<Test>::TargetHasIdentity
		);
	});
}

#[test]
fn rebind_refuses_bad_requests() {
	run(|| {
		assert_noop!(
			CreditIdentity::rebind(signed(REGISTRAR), HASH_A, BOB),
			Error::<Test>::UnknownIdHash
		);
		register_alice();
		// A pending claim is not an identity yet: there is nothing to move.
		assert_noop!(
			CreditIdentity::rebind(signed(REGISTRAR), HASH_A, BOB),
			Error::<Test>::UnknownIdHash
		);
		assert_ok!(CreditIdentity::verify(signed(REGISTRAR), ALICE, HASH_A, IdentityKind::Person));
		assert_noop!(
			CreditIdentity::rebind(signed(BOB), HASH_A, BOB),
			Error::<Test>::NotARegistrar
		);
		assert_noop!(
			CreditIdentity::rebind(signed(REGISTRAR), HASH_A, ALICE),
			Error::<Test>::RebindToSameAccount
		);
		assert_noop!(
			CreditIdentity::rebind(signed(REGISTRAR), HASH_A, REGISTRAR),
			Error::<Test>::RegistrarIsParty
		);
		assert_noop!(
			CreditIdentity::rebind(signed(REGISTRAR), HASH_A, GENESIS_PERSON),
			Error::<Test>::TargetHasIdentity
		);
		// The new account cannot pay the deposit: nothing moves.
		assert_ok!(CreditIdentity::rebind(signed(REGISTRAR), HASH_A, PAUPER));
		System::set_block_number(1 + REBIND_DELAY);
		assert_noop!(
			CreditIdentity::complete_rebind(signed(PAUPER), HASH_A),
			TokenError::FundsUnavailable
		);
		assert_eq!(Owners::<Test>::get(HASH_A), Some(ALICE));
		assert_eq!(held(ALICE), DEPOSIT);
		assert_eq!(Identities::<Test>::get(PAUPER), None);
	});
}

#[test]
fn registrars_are_managed_by_the_registrar_origin() {
	run(|| {
		assert_noop!(
			CreditIdentity::add_registrar(signed(REGISTRAR), CAROL, share(3)),
			DispatchError::BadOrigin
		);
		assert_ok!(CreditIdentity::add_registrar(RuntimeOrigin::root(), CAROL, share(3)));
		System::assert_last_event(
			Event::RegistrarAdded { registrar: CAROL, oprf_public_share: share(3) }.into(),
		);
		assert!(CreditIdentity::is_registrar(&CAROL));
		assert_eq!(OprfShares::<Test>::get(CAROL), Some(share(3)));
		assert_noop!(
			CreditIdentity::add_registrar(RuntimeOrigin::root(), CAROL, share(4)),
			Error::<Test>::AlreadyRegistrar
		);
		assert_ok!(CreditIdentity::add_registrar(RuntimeOrigin::root(), BOB, share(4)));
		// MaxRegistrars is 4 in the mock.
		let fifth = loanchain_oprf::dev_shares(2, 5).unwrap()[4].public();
		assert_noop!(
			CreditIdentity::add_registrar(RuntimeOrigin::root(), ALICE, fifth),
			Error::<Test>::TooManyRegistrars
		);
		assert_noop!(
			CreditIdentity::remove_registrar(signed(REGISTRAR), CAROL),
			DispatchError::BadOrigin
		);
		assert_ok!(CreditIdentity::remove_registrar(RuntimeOrigin::root(), CAROL));
		System::assert_last_event(Event::RegistrarRemoved { registrar: CAROL }.into());
		assert!(!CreditIdentity::is_registrar(&CAROL));
		assert_eq!(OprfShares::<Test>::get(CAROL), None, "the share leaves with the registrar");
		assert_noop!(
			CreditIdentity::remove_registrar(RuntimeOrigin::root(), CAROL),
			Error::<Test>::NotARegistrar
		);
		assert_eq!(Registrars::<Test>::get().into_inner(), vec![REGISTRAR, REGISTRAR_2, BOB]);
		// Its index is free again.
		assert_ok!(CreditIdentity::add_registrar(RuntimeOrigin::root(), ALICE, share(3)));
	});
}

#[test]
fn a_public_share_no_proof_could_be_checked_against_is_refused() {
	run(|| {
		let good = share(3);
		let malformed = [
			// Index 0 would be the network key itself.
			OprfPublicShare { index: 0, element: good.element },
			// The identity element: the public part of a zero share.
			OprfPublicShare { index: 3, element: [0; 32] },
			// Not a canonical ristretto255 encoding.
			OprfPublicShare { index: 3, element: [0xff; 32] },
			OprfPublicShare {
				index: 3,
				element: {
					let mut e = good.element;
					e[0] ^= 1;
					e
				},
			},
		];
		for share in malformed {
			assert_noop!(
				CreditIdentity::add_registrar(RuntimeOrigin::root(), CAROL, share),
				Error::<Test>::MalformedPublicShare
			);
		}
		// A registrar's index is taken, whatever the element.
		assert_noop!(
			CreditIdentity::add_registrar(
				RuntimeOrigin::root(),
				CAROL,
				OprfPublicShare { index: 2, element: good.element }
			),
			Error::<Test>::ShareIndexTaken
		);
		assert!(!CreditIdentity::is_registrar(&CAROL));
		assert_eq!(OprfShares::<Test>::iter().count(), 2);
	});
}

#[test]
fn a_removed_registrar_can_no_longer_verify_but_its_work_stands() {
	run(|| {
		register_alice();
		assert_ok!(CreditIdentity::verify(signed(REGISTRAR), ALICE, HASH_A, IdentityKind::Person));
		assert_ok!(CreditIdentity::remove_registrar(RuntimeOrigin::root(), REGISTRAR));
		assert_ok!(CreditIdentity::register(signed(BOB), IdentityKind::Person, HASH_B, KEY_B));
		assert_noop!(
			CreditIdentity::verify(signed(REGISTRAR), BOB, HASH_B, IdentityKind::Person),
			Error::<Test>::NotARegistrar
		);
		assert_eq!(status(ALICE), Some(VerificationStatus::Verified));
	});
}

#[test]
fn verified_identity_trait_reports_only_verified_accounts() {
	run(|| {
		assert_eq!(
			CreditIdentity::verified(&GENESIS_PERSON),
			Some(VerifiedParty {
				kind: IdentityKind::Person,
				id_hash: GENESIS_PERSON_HASH,
				encryption_key: [7; 32],
			})
		);
		register_alice();
		assert_eq!(CreditIdentity::verified(&ALICE), None);
		assert_eq!(CreditIdentity::account_of(&HASH_A), None, "a pending claim holds nothing");
		assert_ok!(CreditIdentity::verify(signed(REGISTRAR), ALICE, HASH_A, IdentityKind::Person));
		assert!(CreditIdentity::verified(&ALICE).is_some());
		assert_eq!(CreditIdentity::account_of(&HASH_A), Some(ALICE));
		assert_eq!(CreditIdentity::account_of(&HASH_B), None);
	});
}

/// Alice, verified with `HASH_A`.
fn alice_verified() {
	register_alice();
	assert_ok!(CreditIdentity::verify(signed(REGISTRAR), ALICE, HASH_A, IdentityKind::Person));
}

#[test]
fn the_institutions_freeze_a_verified_identity_and_unfreeze_it() {
	run(|| {
		assert_noop!(
			CreditIdentity::freeze(RuntimeOrigin::root(), HASH_A),
			Error::<Test>::UnknownIdHash
		);
		register_alice();
		// A pending claim is no identity yet.
		assert_noop!(
			CreditIdentity::freeze(RuntimeOrigin::root(), HASH_A),
			Error::<Test>::UnknownIdHash
		);
		assert_ok!(CreditIdentity::verify(signed(REGISTRAR), ALICE, HASH_A, IdentityKind::Person));
		for not_them in [signed(REGISTRAR), signed(ALICE)] {
			assert_noop!(CreditIdentity::freeze(not_them, HASH_A), DispatchError::BadOrigin);
		}
		assert_ok!(CreditIdentity::freeze(RuntimeOrigin::root(), HASH_A));
		System::assert_last_event(Event::IdentityFrozen { id_hash: HASH_A }.into());
		assert!(CreditIdentity::is_frozen(&HASH_A));
		assert_noop!(
			CreditIdentity::freeze(RuntimeOrigin::root(), HASH_A),
			Error::<Test>::AlreadyFrozen
		);
		// Frozen: the holder cannot change its key; it is still verified and still holds it.
		assert_noop!(
			CreditIdentity::set_encryption_key(signed(ALICE), KEY_B),
			Error::<Test>::IdentityFrozen
		);
		assert_eq!(CreditIdentity::account_of(&HASH_A), Some(ALICE));

		assert_noop!(CreditIdentity::unfreeze(signed(REGISTRAR), HASH_A), DispatchError::BadOrigin);
		assert_ok!(CreditIdentity::unfreeze(RuntimeOrigin::root(), HASH_A));
		System::assert_last_event(Event::IdentityUnfrozen { id_hash: HASH_A }.into());
		assert!(!CreditIdentity::is_frozen(&HASH_A));
		assert_noop!(
			CreditIdentity::unfreeze(RuntimeOrigin::root(), HASH_A),
			Error::<Test>::NotFrozen
		);
		assert_ok!(CreditIdentity::set_encryption_key(signed(ALICE), KEY_B));
	});
}

#[test]
fn a_thief_holding_the_key_cannot_cancel_a_forced_rebind() {
	run(|| {
		// ALICE's key is in a thief's hands: it cancels a registrar's rebind at once.
		alice_verified();
		assert_ok!(CreditIdentity::rebind(signed(REGISTRAR), HASH_A, BOB));
		assert_ok!(CreditIdentity::cancel_rebind(signed(ALICE), HASH_A));

		// The institutions freeze the identity and force the rebind to the rightful
		// person's new account.
		assert_ok!(CreditIdentity::freeze(RuntimeOrigin::root(), HASH_A));
		assert_noop!(
			CreditIdentity::force_rebind(signed(REGISTRAR), HASH_A, BOB),
			DispatchError::BadOrigin
		);
		assert_ok!(CreditIdentity::force_rebind(RuntimeOrigin::root(), HASH_A, BOB));
		System::assert_last_event(
			Event::RebindStarted {
				id_hash: HASH_A,
				from: ALICE,
				to: BOB,
				started_by: ActedBy::Institutions,
				applicable_at: 1 + REBIND_DELAY,
			}
			.into(),
		);
		for who in [ALICE, REGISTRAR, REGISTRAR_2] {
			assert_noop!(
				CreditIdentity::cancel_rebind(signed(who), HASH_A),
				Error::<Test>::RebindForced
			);
		}
		System::set_block_number(1 + REBIND_DELAY);
		assert_ok!(CreditIdentity::complete_rebind(signed(BOB), HASH_A));
		assert_eq!(Owners::<Test>::get(HASH_A), Some(BOB));
		// The institutions named the holder: the identity acts again.
		System::assert_has_event(
			Event::IdentityRebound {
				id_hash: HASH_A,
				from: ALICE,
				to: BOB,
				started_by: ActedBy::Institutions,
				deposit: DEPOSIT,
			}
			.into(),
		);
		System::assert_last_event(Event::IdentityUnfrozen { id_hash: HASH_A }.into());
		assert!(!Frozen::<Test>::contains_key(HASH_A));
		assert_ok!(CreditIdentity::set_encryption_key(signed(BOB), KEY_B));
	});
}

#[test]
fn only_the_institutions_cancel_their_rebind_and_a_frozen_holder_cancels_none() {
	run(|| {
		alice_verified();
		assert_ok!(CreditIdentity::force_rebind(RuntimeOrigin::root(), HASH_A, BOB));
		assert_noop!(
			CreditIdentity::force_rebind(RuntimeOrigin::root(), HASH_A, CAROL),
			Error::<Test>::RebindPending
		);
		assert_ok!(CreditIdentity::cancel_rebind(RuntimeOrigin::root(), HASH_A));
		System::assert_last_event(
			Event::RebindCancelled { id_hash: HASH_A, to: BOB, by: ActedBy::Institutions }.into(),
		);

		// A registrar's rebind of a frozen identity: the holder cannot cancel it, a
		// registrar can, and completing it leaves the identity frozen.
		assert_ok!(CreditIdentity::freeze(RuntimeOrigin::root(), HASH_A));
		assert_ok!(CreditIdentity::rebind(signed(REGISTRAR), HASH_A, BOB));
		assert_noop!(
			CreditIdentity::cancel_rebind(signed(ALICE), HASH_A),
			Error::<Test>::IdentityFrozen
		);
		System::set_block_number(1 + REBIND_DELAY);
		assert_ok!(CreditIdentity::complete_rebind(signed(BOB), HASH_A));
		assert!(CreditIdentity::is_frozen(&HASH_A));

		// Bad requests change nothing.
		assert_noop!(
			CreditIdentity::force_rebind(RuntimeOrigin::root(), HASH_B, CAROL),
			Error::<Test>::UnknownIdHash
		);
		assert_noop!(
			CreditIdentity::force_rebind(RuntimeOrigin::root(), HASH_A, BOB),
			Error::<Test>::RebindToSameAccount
		);
		assert_noop!(
			CreditIdentity::force_rebind(RuntimeOrigin::root(), HASH_A, GENESIS_PERSON),
			Error::<Test>::TargetHasIdentity
		);
		assert_noop!(
			CreditIdentity::cancel_rebind(RuntimeOrigin::root(), HASH_A),
			Error::<Test>::NoRebindPending
		);
	});
}

fn migrated_again_is(new_account: u64) -> crate::PendingRebindOf<Test> {
	crate::PendingRebind {
		new_account,
		started_by: ActedBy::Registrar(REGISTRAR),
		applicable_at: 7,
	}
}

#[test]
fn version_1_pending_rebinds_migrate_to_version_2() {
	use crate::migrations::v2::{MigrateV1ToV2, PendingRebindV1};
	use codec::Encode;
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
	run(|| {
		alice_verified();
		let old = PendingRebindV1::<u64, u64> {
			new_account: BOB,
			registrar: REGISTRAR,
			applicable_at: 7,
		};
		frame_support::storage::unhashed::put_raw(
			&PendingRebinds::<Test>::hashed_key_for(HASH_A),
			&old.encode(),
		);
		StorageVersion::new(1).put::<CreditIdentity>();
		MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_eq!(CreditIdentity::on_chain_storage_version(), 2);
		let migrated = PendingRebinds::<Test>::get(HASH_A).expect("decodes as version 2");
		assert_eq!(migrated.started_by, ActedBy::Registrar(REGISTRAR));
		assert_eq!((migrated.new_account, migrated.applicable_at), (BOB, 7));
		// Run again, it does nothing: the version is 2, and the entry would not decode as
		// version 1.
		MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_eq!(PendingRebinds::<Test>::get(HASH_A), Some(migrated_again_is(BOB)));
	});
}
