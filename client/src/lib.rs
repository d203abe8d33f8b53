//! Client-side helpers for Loanchain users: what polkadot.js apps cannot do.
//!
//! - [`identity`]: validate a PRC resident ID number or unified social credit code and
//!   compute the `id_hash` the chain stores instead of it.

pub mod identity;
