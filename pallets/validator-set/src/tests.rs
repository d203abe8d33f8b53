//! The validator set: who may change it, what it refuses, and what it hands to the session.

use crate::{mock::*, Error, Event, SetChanged, Validators};
use frame_support::{assert_noop, assert_ok};
use pallet_session::SessionManager;
use sp_runtime::DispatchError;

fn set() -> Vec<u64> {
	Validators::<Test>::get().into_inner()
}

#[test]
fn genesis_validators_are_the_set_and_the_first_session_keeps_them() {
	new_test_ext().execute_with(|| {
		assert_eq!(set(), GENESIS.to_vec());
		// pallet-session's genesis already queued them: nothing new to hand over.
		assert_eq!(ValidatorSet::new_session(2), None);
	});
}

#[test]
fn a_vote_adds_a_validator_with_keys_and_the_next_session_gets_it() {
	new_test_ext().execute_with(|| {
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), CANDIDATE));
		System::assert_last_event(Event::ValidatorAdded { validator: CANDIDATE }.into());
		assert_eq!(set(), vec![1, 2, CANDIDATE]);
		assert_eq!(ValidatorSet::new_session(2), Some(vec![1, 2, CANDIDATE]));
		// Handed over once; the sessions after keep what pallet-session queued.
		assert_eq!(ValidatorSet::new_session(3), None);
	});
}

#[test]
fn a_vote_removes_a_validator_and_the_next_session_drops_it() {
	new_test_ext().execute_with(|| {
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), CANDIDATE));
		assert_eq!(ValidatorSet::new_session(2), Some(vec![1, 2, CANDIDATE]));
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 1));
		System::assert_last_event(Event::ValidatorRemoved { validator: 1 }.into());
		assert_eq!(ValidatorSet::new_session(3), Some(vec![2, CANDIDATE]));
	});
}

#[test]
fn only_the_governing_origin_changes_the_set() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::signed(CANDIDATE), CANDIDATE),
			DispatchError::BadOrigin
		);
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::signed(1), 2),
			DispatchError::BadOrigin
		);
		assert!(!SetChanged::<Test>::get());
	});
}

#[test]
fn an_account_without_session_keys_cannot_be_voted_in() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::root(), 99),
			Error::<Test>::SessionKeysNotSet
		);
	});
}

#[test]
fn adding_twice_removing_a_stranger_and_overfilling_are_refused() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::root(), 1),
			Error::<Test>::AlreadyAValidator
		);
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::root(), CANDIDATE),
			Error::<Test>::NotAValidator
		);
		for who in [CANDIDATE, 4] {
			set_keys(who);
			assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), who));
		}
		set_keys(5);
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::root(), 5),
			Error::<Test>::TooManyValidators
		);
	});
}

#[test]
fn the_set_never_shrinks_below_the_minimum() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::root(), 1),
			Error::<Test>::TooFewValidators
		);
		assert_eq!(set(), GENESIS.to_vec());
	});
}

#[test]
fn only_validators_with_session_keys_count_towards_the_minimum() {
	new_test_ext().execute_with(|| {
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), CANDIDATE));
		// Validator 2's keys are gone (as a purge through `Session` would leave it): of the
		// three, two can author.
		drop_keys(2);
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::root(), 1),
			Error::<Test>::TooFewValidators
		);
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::root(), CANDIDATE),
			Error::<Test>::TooFewValidators
		);
		// The keyless one can go: the two that author stay.
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 2));
		assert_eq!(set(), vec![1, CANDIDATE]);
	});
}

#[test]
fn a_validator_cannot_purge_its_keys_and_anyone_else_can() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			ValidatorSet::purge_keys(RuntimeOrigin::signed(1)),
			Error::<Test>::StillAValidator
		);
		assert!(<MockKeys as frame_support::traits::ValidatorRegistration<u64>>::is_registered(&1));

		assert_ok!(ValidatorSet::purge_keys(RuntimeOrigin::signed(CANDIDATE)));
		System::assert_last_event(Event::SessionKeysPurged { who: CANDIDATE }.into());
		assert!(!<MockKeys as frame_support::traits::ValidatorRegistration<u64>>::is_registered(
			&CANDIDATE
		));
		assert_noop!(
			ValidatorSet::purge_keys(RuntimeOrigin::signed(CANDIDATE)),
			DispatchError::Other("NoKeys")
		);

		// Once voted out, a former validator leaves with its keys.
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), {
			set_keys(CANDIDATE);
			CANDIDATE
		}));
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 1));
		assert_ok!(ValidatorSet::purge_keys(RuntimeOrigin::signed(1)));
	});
}

#[test]
fn the_institutions_note_a_stalled_finality_and_nobody_else_can() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			ValidatorSet::note_stalled(RuntimeOrigin::signed(1), 10, 5),
			DispatchError::BadOrigin
		);
		assert_eq!(STALLED.with(|s| *s.borrow()), None);
		assert_ok!(ValidatorSet::note_stalled(RuntimeOrigin::root(), 10, 5));
		assert_eq!(STALLED.with(|s| *s.borrow()), Some((10, 5)));
		System::assert_last_event(
			Event::FinalityStallNoted { delay: 10, best_finalized_block_number: 5 }.into(),
		);
	});
}
