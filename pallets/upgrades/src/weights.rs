//! Weights for `pallet_upgrade_delay`. Until `scripts/bench-weights.sh` measures them on the
//! reference machine, these are the storage accesses of each call (from `benchmarking.rs`)
//! priced with the runtime's database weights, plus a compute allowance of the size the
//! credit pallets' comparable calls measured. `apply_upgrade` is this pallet's part only:
//! the call adds `frame_system`'s measured `apply_authorized_upgrade`.

#![allow(missing_docs)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::Weight};

/// The weight of each call of `pallet_upgrade_delay`.
pub trait WeightInfo {
	fn authorize_upgrade() -> Weight;
	fn cancel_upgrade() -> Weight;
	fn apply_upgrade() -> Weight;
}

/// Weights for a runtime, priced with the runtime's own database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Upgrades::Pending` (r:1 w:1)
	fn authorize_upgrade() -> Weight {
		Weight::from_parts(12_000_000, 1_600)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Upgrades::Pending` (r:1 w:1)
	fn cancel_upgrade() -> Weight {
		Weight::from_parts(12_000_000, 1_600)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Upgrades::Pending` (r:1 w:1)
	/// Storage: `System::AuthorizedUpgrade` (r:0 w:1)
	fn apply_upgrade() -> Weight {
		Weight::from_parts(15_000_000, 1_600)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
}

/// For tests: the same compute, priced with `()`'s database weights.
impl WeightInfo for () {
	fn authorize_upgrade() -> Weight {
		Weight::from_parts(12_000_000, 1_600)
	}
	fn cancel_upgrade() -> Weight {
		Weight::from_parts(12_000_000, 1_600)
	}
	fn apply_upgrade() -> Weight {
		Weight::from_parts(15_000_000, 1_600)
	}
}
