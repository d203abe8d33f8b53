//! Client-side helpers for Loanchain users: what polkadot.js apps cannot do.
//!
//! - [`identity`]: validate a PRC resident ID number or unified social credit code and
//!   compute the `id_hash` the chain stores instead of it.
//! - [`details`]: the documented JSON shape of loan details.
//! - [`keyfile`]: X25519 secret keys in files only their owner can read.
//! - [`hexutil`]: `0x` hex as polkadot.js apps reads and writes it.
//! - [`rpc`]: a borrower's public summary and a loan's record, asked of a node over
//!   JSON-RPC.
//! - [`loan`]: open a loan's details and outcome, and the proposal hash `accept` takes.
//! - [`consent`]: a counterparty's signature for `record`.
//! - [`lender_of`]: a private lender's signed statement of who lent, inside the details,
//!   and its check; the lender's per-loan keys.
//! - [`tokens`]: lender tokens (RFC 9474): a registrar's key and blind signatures, a
//!   lender's blinding and finalizing.
//! - [`chain`]: the chain in the runtime's own types: storage and events read in SCALE, and
//!   a private lender's general transactions, submitted.
//! - [`kyc`]: a registrar computing the next id with the other registrars' evaluation
//!   services.
//!
//! The sealing itself is `loanchain_sealing`, the same code the runtime runs.

pub mod chain;
pub mod consent;
pub mod details;
pub mod hexutil;
pub mod identity;
pub mod keyfile;
pub mod kyc;
pub mod lender_of;
pub mod loan;
pub mod rpc;
pub mod tokens;
