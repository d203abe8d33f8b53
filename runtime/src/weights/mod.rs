//! Weights of the SDK pallets this runtime uses, and the base weights of a block and of an
//! extrinsic, benchmarked on Loanchain's reference machine by `scripts/bench-weights.sh`
//! (never edited by hand).
//!
//! Parity's `SubstrateWeight`s were measured on other hardware. Loanchain's own pallets are
//! benchmarked here, so the SDK pallets are too: a transfer, the transaction checks and a
//! loan call are then priced by the same machine, and a block's weight limit means the
//! same thing for all of them.

pub mod block_weights;
pub mod extrinsic_weights;
pub mod frame_system;
pub mod frame_system_extensions;
pub mod pallet_balances;
pub mod pallet_collective;
pub mod pallet_membership;
pub mod pallet_timestamp;
pub mod pallet_transaction_payment;
pub mod pallet_utility;
