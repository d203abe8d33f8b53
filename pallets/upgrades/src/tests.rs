//! Announce, wait, apply: and every way to get it wrong.

use crate::{mock::*, Error, Event, Pending};
use frame_support::{assert_noop, assert_ok, dispatch::Pays};
use sp_core::{storage::well_known_keys, H256};
use sp_runtime::{traits::Hash, DispatchError};

fn hash(code: &[u8]) -> H256 {
	<Test as frame_system::Config>::Hashing::hash(code)
}

fn current_code() -> Option<Vec<u8>> {
	sp_io::storage::get(well_known_keys::CODE).map(|c| c.to_vec())
}

fn announce(spec_version: u32) -> H256 {
	let code_hash = hash(&code(spec_version));
	assert_ok!(Upgrades::authorize_upgrade(RuntimeOrigin::root(), code_hash));
	code_hash
}

#[test]
fn an_announced_upgrade_is_public_and_applies_only_after_the_delay() {
	new_test_ext().execute_with(|| {
		let code_hash = announce(101);
		let applicable_at = 1 + DELAY;
		System::assert_last_event(Event::UpgradeAuthorized { code_hash, applicable_at }.into());

		System::set_block_number(applicable_at - 1);
		assert_noop!(
			Upgrades::apply_upgrade(RuntimeOrigin::signed(7), code(101)),
			Error::<Test>::UpgradeDelayNotOver
		);

		System::set_block_number(applicable_at);
		let post = Upgrades::apply_upgrade(RuntimeOrigin::signed(7), code(101)).unwrap();
		assert_eq!(post.pays_fee, Pays::No);
		// Charged the benchmarked weight: no actual weight above it, which would be cut back.
		assert_eq!(post.actual_weight, None);
		assert_eq!(current_code(), Some(code(101)));
		System::assert_has_event(frame_system::Event::CodeUpdated { hash: code_hash }.into());
		System::assert_last_event(Event::UpgradeApplied { code_hash }.into());
		assert_eq!(Pending::<Test>::get(), None);
	});
}

#[test]
fn only_the_announced_code_is_accepted() {
	new_test_ext().execute_with(|| {
		announce(101);
		System::set_block_number(1 + DELAY);
		assert_noop!(
			Upgrades::apply_upgrade(RuntimeOrigin::signed(7), code(102)),
			Error::<Test>::CodeHashMismatch
		);
		assert_eq!(current_code(), Some(code(100)));
	});
}

// With `runtime-benchmarks`, frame_system skips the version checks (so that benchmarks can
// apply any code); the chain is built without it.
#[cfg(not(feature = "runtime-benchmarks"))]
#[test]
fn a_runtime_that_does_not_raise_the_spec_version_is_refused_and_stays_pending() {
	new_test_ext().execute_with(|| {
		let code_hash = announce(100);
		System::set_block_number(1 + DELAY);
		assert_noop!(
			Upgrades::apply_upgrade(RuntimeOrigin::signed(7), code(100)),
			frame_system::Error::<Test>::SpecVersionNeedsToIncrease
		);
		assert_eq!(
			Pending::<Test>::get(),
			Some(crate::PendingUpgrade { code_hash, applicable_at: 1 + DELAY })
		);
	});
}

#[test]
fn nothing_announced_nothing_applied() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			Upgrades::apply_upgrade(RuntimeOrigin::signed(7), code(101)),
			Error::<Test>::NoUpgradePending
		);
		assert_noop!(
			Upgrades::cancel_upgrade(RuntimeOrigin::root()),
			Error::<Test>::NoUpgradePending
		);
		// frame_system's own path holds no authorization either.
		assert_noop!(
			System::apply_authorized_upgrade(RuntimeOrigin::signed(7), code(101)),
			frame_system::Error::<Test>::NothingAuthorized
		);
	});
}

#[test]
fn one_announcement_at_a_time_and_a_cancelled_one_cannot_be_applied() {
	new_test_ext().execute_with(|| {
		let code_hash = announce(101);
		assert_noop!(
			Upgrades::authorize_upgrade(RuntimeOrigin::root(), hash(&code(102))),
			Error::<Test>::UpgradeAlreadyPending
		);
		assert_ok!(Upgrades::cancel_upgrade(RuntimeOrigin::root()));
		System::assert_last_event(Event::UpgradeCancelled { code_hash }.into());
		System::set_block_number(1 + DELAY);
		assert_noop!(
			Upgrades::apply_upgrade(RuntimeOrigin::signed(7), code(101)),
			Error::<Test>::NoUpgradePending
		);
		// A new announcement starts its own delay.
		announce(102);
		assert_eq!(Pending::<Test>::get().unwrap().applicable_at, 1 + 2 * DELAY);
	});
}

#[test]
fn only_the_governing_origin_announces_or_cancels_and_only_signed_accounts_apply() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			Upgrades::authorize_upgrade(RuntimeOrigin::signed(7), hash(&code(101))),
			DispatchError::BadOrigin
		);
		announce(101);
		assert_noop!(Upgrades::cancel_upgrade(RuntimeOrigin::signed(7)), DispatchError::BadOrigin);
		System::set_block_number(1 + DELAY);
		assert_noop!(
			Upgrades::apply_upgrade(RuntimeOrigin::none(), code(101)),
			DispatchError::BadOrigin
		);
	});
}
