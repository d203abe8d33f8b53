//! The pallets whose FRAME benchmarks this runtime exposes, through the
//! `frame_benchmarking::Benchmark` runtime API (only with the `runtime-benchmarks` feature).
//!
//! `scripts/bench-weights.sh` runs them against the runtime wasm and writes our pallets'
//! `weights.rs` and, for the SDK's pallets, `runtime/src/weights/`.

frame_benchmarking::define_benchmarks!(
	[frame_system, SystemBench::<Runtime>]
	[frame_system_extensions, SystemExtensionsBench::<Runtime>]
	[pallet_balances, Balances]
	[pallet_timestamp, Timestamp]
	[pallet_transaction_payment, TransactionPayment]
	[pallet_collective, Institutions]
	[pallet_membership, InstitutionsMembership]
	[pallet_utility, Utility]
	[pallet_credit_identity, CreditIdentity]
	[pallet_loans, Loans]
	[pallet_validator_set, ValidatorSet]
	[pallet_upgrade_delay, Upgrades]
);
