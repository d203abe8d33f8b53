//! Weights for `pallet-loans`.
//!
//! PLACEHOLDER: the values in [`SubstrateWeight`] are estimates by storage access count
//! plus a flat execution cost (and, where the details size matters, a per-byte cost). They
//! will be replaced by the output of the FRAME benchmarks in `benchmarking.rs` (run by
//! `scripts/bench-weights.sh`, tracked in the benchmarking issue). This module is the one
//! place where hand-written weights live.

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::Weight};

/// The weight of each call and hook of this pallet.
pub trait WeightInfo {
	/// `d`: bytes of sealed details.
	fn propose(d: u32) -> Weight;
	fn accept() -> Weight;
	fn withdraw() -> Weight;
	fn propose_extension() -> Weight;
	fn confirm_extension() -> Weight;
	/// `d`: bytes of sealed details the published key is checked against.
	fn conclude(d: u32) -> Weight;
	/// `m`: agenda entries processed.
	fn on_initialize(m: u32) -> Weight;
	/// `d`: bytes of sealed details the published key is checked against.
	fn set_disclosure(d: u32) -> Weight;
	fn request_access() -> Weight;
	fn grant_access() -> Weight;
	fn decline_access() -> Weight;
	fn reclaim() -> Weight;
}

/// Placeholder flat execution cost of one call, in picoseconds (30 µs).
const EXECUTION: u64 = 30_000_000;
/// Placeholder cost per byte of details (hashing or decrypting it in wasm), in picoseconds.
const PER_BYTE: u64 = 20_000;
/// Proof size of one loan record at the largest details size, in bytes.
const LOAN_PROOF: u64 = 2_600;

/// Weights for a runtime, by its database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);

impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn propose(d: u32) -> Weight {
		Weight::from_parts(EXECUTION + PER_BYTE * d as u64, LOAN_PROOF)
			.saturating_add(T::DbWeight::get().reads_writes(4, 3))
	}
	fn accept() -> Weight {
		Weight::from_parts(EXECUTION + PER_BYTE * 2048, LOAN_PROOF)
			.saturating_add(T::DbWeight::get().reads_writes(4, 5))
	}
	fn withdraw() -> Weight {
		Weight::from_parts(EXECUTION, LOAN_PROOF).saturating_add(T::DbWeight::get().reads_writes(1, 2))
	}
	fn propose_extension() -> Weight {
		Weight::from_parts(EXECUTION, LOAN_PROOF).saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
	fn confirm_extension() -> Weight {
		Weight::from_parts(EXECUTION, LOAN_PROOF).saturating_add(T::DbWeight::get().reads_writes(2, 3))
	}
	fn conclude(d: u32) -> Weight {
		Weight::from_parts(EXECUTION + PER_BYTE * d as u64, LOAN_PROOF)
			.saturating_add(T::DbWeight::get().reads_writes(2, 2))
	}
	fn on_initialize(m: u32) -> Weight {
		Weight::from_parts(5_000_000 + EXECUTION * m as u64, LOAN_PROOF * m as u64)
			.saturating_add(T::DbWeight::get().reads_writes(1 + 2 * m as u64, 1 + 2 * m as u64))
	}
	fn set_disclosure(d: u32) -> Weight {
		Weight::from_parts(EXECUTION + PER_BYTE * d as u64, LOAN_PROOF)
			.saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
	fn request_access() -> Weight {
		Weight::from_parts(EXECUTION, LOAN_PROOF).saturating_add(T::DbWeight::get().reads_writes(5, 3))
	}
	fn grant_access() -> Weight {
		Weight::from_parts(2 * EXECUTION, LOAN_PROOF).saturating_add(T::DbWeight::get().reads_writes(6, 5))
	}
	fn decline_access() -> Weight {
		Weight::from_parts(EXECUTION, LOAN_PROOF).saturating_add(T::DbWeight::get().reads_writes(3, 3))
	}
	fn reclaim() -> Weight {
		Weight::from_parts(EXECUTION, 1_000).saturating_add(T::DbWeight::get().reads_writes(2, 3))
	}
}

/// For tests: weight never gets in the way.
impl WeightInfo for () {
	fn propose(_: u32) -> Weight { Weight::from_parts(1, 0) }
	fn accept() -> Weight { Weight::from_parts(1, 0) }
	fn withdraw() -> Weight { Weight::from_parts(1, 0) }
	fn propose_extension() -> Weight { Weight::from_parts(1, 0) }
	fn confirm_extension() -> Weight { Weight::from_parts(1, 0) }
	fn conclude(_: u32) -> Weight { Weight::from_parts(1, 0) }
	fn on_initialize(m: u32) -> Weight { Weight::from_parts(1 + m as u64, 0) }
	fn set_disclosure(_: u32) -> Weight { Weight::from_parts(1, 0) }
	fn request_access() -> Weight { Weight::from_parts(1, 0) }
	fn grant_access() -> Weight { Weight::from_parts(1, 0) }
	fn decline_access() -> Weight { Weight::from_parts(1, 0) }
	fn reclaim() -> Weight { Weight::from_parts(1, 0) }
}
