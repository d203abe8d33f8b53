//! Weights for `pallet_validator_set`. Until `scripts/bench-weights.sh` measures them on the
//! reference machine, these are the storage accesses of each call (from `benchmarking.rs`)
//! priced with the runtime's database weights, plus a compute allowance of the size the
//! credit pallets' comparable calls measured.

#![allow(missing_docs)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::Weight};

/// The weight of each call of `pallet_validator_set`.
pub trait WeightInfo {
	fn add_validator() -> Weight;
	fn remove_validator() -> Weight;
}

/// Weights for a runtime, priced with the runtime's own database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Session::NextKeys` (r:1 w:0)
	/// Storage: `ValidatorSet::Validators` (r:1 w:1)
	/// Storage: `ValidatorSet::SetChanged` (r:0 w:1)
	fn add_validator() -> Weight {
		Weight::from_parts(20_000_000, 3_000)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `ValidatorSet::Validators` (r:1 w:1)
	/// Storage: `ValidatorSet::SetChanged` (r:0 w:1)
	fn remove_validator() -> Weight {
		Weight::from_parts(18_000_000, 2_000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
}

/// For tests: the same accesses, priced with `()`'s database weights.
impl WeightInfo for () {
	fn add_validator() -> Weight {
		Weight::from_parts(20_000_000, 3_000)
	}
	fn remove_validator() -> Weight {
		Weight::from_parts(18_000_000, 2_000)
	}
}
