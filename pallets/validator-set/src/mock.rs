//! A minimal runtime for the validator set's tests and benchmarks.

use crate as pallet_validator_set;
use core::cell::RefCell;
use frame_support::{derive_impl, traits::ConstU32};
use frame_system::EnsureRoot;
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		ValidatorSet: pallet_validator_set,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

thread_local! {
	/// The accounts that have set session keys, standing in for `pallet-session`.
	static KEYS_SET: RefCell<Vec<u64>> = const { RefCell::new(Vec::new()) };
}

/// Session keys as `pallet-session` would report them.
pub struct MockKeys;
impl frame_support::traits::ValidatorRegistration<u64> for MockKeys {
	fn is_registered(who: &u64) -> bool {
		KEYS_SET.with(|k| k.borrow().contains(who))
	}
}

/// Registers session keys for `who`, as `session.setKeys` would.
pub fn set_keys(who: u64) {
	KEYS_SET.with(|k| k.borrow_mut().push(who));
}

/// Removes `who`'s keys, as `pallet-session`'s purge would.
impl crate::PurgeKeys<u64> for MockKeys {
	fn purge_keys(who: &u64) -> frame_support::dispatch::DispatchResult {
		KEYS_SET.with(|k| {
			let mut keys = k.borrow_mut();
			let at = keys.iter().position(|k| k == who).ok_or("NoKeys")?;
			keys.remove(at);
			Ok(())
		})
	}
}

/// Removes `who`'s keys behind the pallet's back, as a purge through `Session` would if the
/// runtime let it.
pub fn drop_keys(who: u64) {
	KEYS_SET.with(|k| k.borrow_mut().retain(|k| *k != who));
}

thread_local! {
	/// What `note_stalled` told the finality gadget.
	pub static STALLED: RefCell<Option<(u64, u64)>> = const { RefCell::new(None) };
}

/// Records what GRANDPA's `note_stalled` would store.
pub struct MockFinality;
impl crate::FinalityStalled<u64> for MockFinality {
	fn note_stalled(delay: u64, best_finalized: u64) -> frame_support::dispatch::DispatchResult {
		STALLED.with(|s| *s.borrow_mut() = Some((delay, best_finalized)));
		Ok(())
	}
}

impl pallet_validator_set::Config for Test {
	type AddRemoveOrigin = EnsureRoot<u64>;
	type KeysRegistered = MockKeys;
	type MaxValidators = ConstU32<4>;
	type MinValidators = ConstU32<2>;
	type PurgeKeys = MockKeys;
	type FinalityStalled = MockFinality;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockKeys;
}

/// Validators at genesis.
pub const GENESIS: [u64; 2] = [1, 2];
/// An account that has set its keys and can be voted in.
pub const CANDIDATE: u64 = 3;

pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_validator_set::GenesisConfig::<Test> { validators: GENESIS.to_vec() }
		.assimilate_storage(&mut storage)
		.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		KEYS_SET.with(|k| k.borrow_mut().clear());
		STALLED.with(|s| *s.borrow_mut() = None);
		GENESIS.iter().for_each(|v| set_keys(*v));
		set_keys(CANDIDATE);
		System::set_block_number(1);
	});
	ext
}

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64> for MockKeys {
	fn register_keys(who: &u64) {
		set_keys(*who);
	}
}
