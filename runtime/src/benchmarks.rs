//! The pallets whose FRAME benchmarks this runtime exposes, through the
//! `frame_benchmarking::Benchmark` runtime API (only with the `runtime-benchmarks` feature).
//!
//! `scripts/bench-weights.sh` runs them against the runtime wasm and writes each pallet's
//! `weights.rs`.

frame_benchmarking::define_benchmarks!(
	[frame_system, SystemBench::<Runtime>]
	[pallet_balances, Balances]
	[pallet_timestamp, Timestamp]
	[pallet_credit_identity, CreditIdentity]
	[pallet_loans, Loans]
);
