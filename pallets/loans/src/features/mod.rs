//! The pallet's logic, one file a concern (as pallet-nfts' `features/`): `lib.rs` keeps the
//! configuration, storage, events, errors, hooks and the calls, which check their origin and
//! hand over to the `do_*` function of their concern here.

pub mod access;
pub mod consent;
pub mod disclosure;
pub mod inquiry;
#[cfg(any(feature = "try-runtime", test))]
pub mod invariants;
pub mod lifecycle;
pub mod private;
pub mod queries;
pub mod schedule;
pub mod sealed_extensions;
