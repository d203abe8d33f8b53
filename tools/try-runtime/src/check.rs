//! The checks: the runtime built here, with `try-runtime`, runs its upgrade over a state.

use frame_support::traits::{PalletsInfoAccess, TryState, TryStateSelect};
use frame_try_runtime::UpgradeCheckSelect;
use loanchain_runtime::{AllPalletsWithSystem, Executive, Runtime};
use sp_runtime::{StateVersion, Weight};
use sp_storage::Storage;

/// Runs this runtime's upgrade over `storage`, as if it had just been enacted on that
/// chain, with `checks`: every migration (with its `pre_upgrade`/`post_upgrade`), the
/// storage-version check of every pallet, the decoding of every storage item, and every
/// pallet's `try_state` invariants. Returns the weight the upgrade would take, or what
/// failed. The state itself is a copy: nothing reaches the chain.
pub fn run_upgrade_checks(storage: Storage, checks: UpgradeCheckSelect) -> Result<Weight, String> {
	let mut ext = sp_io::TestExternalities::new_with_state_version(storage, StateVersion::V1);
	ext.execute_with(|| {
		Executive::try_runtime_upgrade(checks).map_err(|error| {
			// FRAME reports failed invariants as one "see the logs" error: name each pallet
			// whose invariants fail, with its own error, instead.
			let failed = if checks.try_state() { failing_invariants() } else { Vec::new() };
			if failed.is_empty() {
				format!("{error:?}")
			} else {
				failed.join("; ")
			}
		})
	})
}

/// Each pallet whose `try_state` invariants fail on the current state, with its error.
fn failing_invariants() -> Vec<String> {
	let now = frame_system::Pallet::<Runtime>::block_number();
	AllPalletsWithSystem::infos()
		.into_iter()
		.filter_map(|pallet| {
			let only = TryStateSelect::Only(vec![pallet.name.as_bytes().to_vec()]);
			AllPalletsWithSystem::try_state(now, only)
				.err()
				.map(|error| format!("{}: {error:?}", pallet.name))
		})
		.collect()
}

#[cfg(test)]
mod tests {
	use super::*;
	use codec::Encode;
	use frame_support::traits::StorageVersion;
	use loanchain_runtime::{genesis, Loans, Runtime, RuntimeGenesisConfig};
	use sp_core::crypto::AccountId32;
	use sp_genesis_builder::DEV_RUNTIME_PRESET;
	use sp_runtime::BuildStorage;

	fn dev_genesis() -> Storage {
		let json = genesis::preset(&DEV_RUNTIME_PRESET.into()).expect("the dev preset exists");
		let config: RuntimeGenesisConfig = serde_json::from_slice(&json).expect("valid preset");
		config.build_storage().expect("the dev preset builds")
	}

	#[test]
	fn the_dev_chains_state_passes_every_check() {
		assert!(run_upgrade_checks(dev_genesis(), UpgradeCheckSelect::All).is_ok());
	}

	#[test]
	fn a_broken_invariant_fails_the_checks() {
		// An id_hash owned by an account that has no identity record.
		let mut broken = dev_genesis();
		broken.top.insert(
			pallet_credit_identity::Owners::<Runtime>::hashed_key_for([0xEE; 32]),
			AccountId32::new([0xEE; 32]).encode(),
		);
		let error = run_upgrade_checks(broken.clone(), UpgradeCheckSelect::All).unwrap_err();
		assert_eq!(error, r#"CreditIdentity: Other("an owner has no identity record")"#);
		// The migrations alone do not look at invariants: without try_state it passes.
		assert!(run_upgrade_checks(broken, UpgradeCheckSelect::PreAndPost).is_ok());
	}

	#[test]
	fn a_storage_layout_older_than_the_code_fails_the_checks() {
		// A chain whose loans storage is at an older layout than this code, and no
		// migration to bring it forward.
		let mut behind = dev_genesis();
		behind
			.top
			.insert(StorageVersion::storage_key::<Loans>().to_vec(), 0u16.encode());
		let error = run_upgrade_checks(behind, UpgradeCheckSelect::PreAndPost).unwrap_err();
		assert!(error.contains("storage version"), "{error}");
	}
}
