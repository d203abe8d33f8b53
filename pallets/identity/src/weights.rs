//! Weights for `pallet-credit-identity`.
//!
//! PLACEHOLDER: the values in [`SubstrateWeight`] are estimates by storage access count
//! (reads/writes of `Identities`, `Owners`, `Registrars`, the account's balance and holds)
//! plus a flat 25 µs of execution. They will be replaced by the output of the FRAME
//! benchmarks in `benchmarking.rs` (run by `scripts/bench-weights.sh`, tracked in the
//! benchmarking issue). This module is the one place where hand-written weights live.

#![allow(unused_parens, unused_imports)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::Weight};

/// The weight of each call of this pallet.
pub trait WeightInfo {
	fn register() -> Weight;
	fn set_encryption_key() -> Weight;
	fn verify_claim() -> Weight;
	fn reject() -> Weight;
	fn rebind() -> Weight;
	fn add_registrar() -> Weight;
	fn remove_registrar() -> Weight;
	fn withdraw_claim() -> Weight;
}

/// Placeholder flat execution cost of one call, in picoseconds (25 µs).
const EXECUTION: u64 = 25_000_000;

/// Weights for a runtime, by its database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);

impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn register() -> Weight {
		Weight::from_parts(EXECUTION, 3_600).saturating_add(T::DbWeight::get().reads_writes(4, 4))
	}
	fn set_encryption_key() -> Weight {
		Weight::from_parts(EXECUTION, 3_600).saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
	fn verify_claim() -> Weight {
		Weight::from_parts(EXECUTION, 4_000).saturating_add(T::DbWeight::get().reads_writes(2, 1))
	}
	fn reject() -> Weight {
		Weight::from_parts(EXECUTION, 4_000).saturating_add(T::DbWeight::get().reads_writes(4, 4))
	}
	fn rebind() -> Weight {
		Weight::from_parts(2 * EXECUTION, 7_000).saturating_add(T::DbWeight::get().reads_writes(7, 7))
	}
	fn add_registrar() -> Weight {
		Weight::from_parts(EXECUTION, 2_000).saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
	fn remove_registrar() -> Weight {
		Weight::from_parts(EXECUTION, 2_000).saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
	fn withdraw_claim() -> Weight {
		Weight::from_parts(EXECUTION, 3_600).saturating_add(T::DbWeight::get().reads_writes(3, 4))
	}
}

/// For tests: every call weighs nothing but one unit, so weight never gets in the way.
impl WeightInfo for () {
	fn register() -> Weight { Weight::from_parts(1, 0) }
	fn set_encryption_key() -> Weight { Weight::from_parts(1, 0) }
	fn verify_claim() -> Weight { Weight::from_parts(1, 0) }
	fn reject() -> Weight { Weight::from_parts(1, 0) }
	fn rebind() -> Weight { Weight::from_parts(1, 0) }
	fn add_registrar() -> Weight { Weight::from_parts(1, 0) }
	fn remove_registrar() -> Weight { Weight::from_parts(1, 0) }
	fn withdraw_claim() -> Weight { Weight::from_parts(1, 0) }
}
