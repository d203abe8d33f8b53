//! loanctl's commands for a private lender and for the registrars who issue its tokens
//! (docs/api.md, "Lending privately"), by concern:
//! - [`tokens`] — a registrar's token key and its answers, a lender's blinded request and
//!   its finalized tokens;
//! - [`consent`] — the private consent request, and the borrower's check of who lends before
//!   signing it;
//! - [`record`] — `record_private` and `record_private_batch`;
//! - [`act`] — `act_as_lender`;
//! - [`book`] — the lender's book and its maturity prompt;
//! - [`token_service`] — a registrar's service: its token keys published and every request
//!   answered, as they come.
//!
//! `record` and `act` submit general transactions, which loanctl builds itself (no wallet
//! can make them).

mod act;
mod book;
mod consent;
mod record;
mod token_service;
mod tokens;

pub use act::{lender_act, LenderActArgs};
pub use book::{lender_loans, LenderLoansArgs};
pub use consent::{
	private_consent, private_consent_request, PrivateConsentRequest, PrivateConsentRequestArgs,
};
pub use record::{record_private, RecordPrivateArgs};
pub use token_service::{token_service, TokenServiceArgs};
pub use tokens::{
	finalize_tokens, issue_tokens, lender_tokens, token_key, FinalizeTokensArgs, IssueTokensArgs,
	LenderTokensArgs, TokenKeyArgs,
};

use crate::{
	connect, operation, parse_account, read_input, read_sealed, read_suri, resolve_validity,
	Failure, SealedDetails, Validity,
};
use clap::{Args, Subcommand, ValueEnum};
use codec::Encode;
use loanchain_client::{
	chain::Included,
	consent::{self as signing, Scheme},
	details::LoanDetails,
	hexutil::{parse_hex, to_hex},
	keyfile, lender_of, rpc,
	tokens::{self as rsa, Blinded, RegistrarKey, RsaBlock},
};
use loanchain_primitives::rpc::{hex0x, Hash32, HexBytes};
use loanchain_runtime::{pallet_credit_identity, pallet_loans, AccountId, Runtime, RuntimeCall};
use loanchain_sealing as sealing;
use sp_core::{crypto::Ss58Codec, Pair};
use std::path::{Path, PathBuf};

/// A private lender's per-loan key: its secret and the key's number.
#[derive(Args)]
pub struct PerLoanKey {
	/// Your secret (the account that holds your identity): a secret URI or mnemonic, or `-`
	/// to read it from standard input. The per-loan keys derive from it.
	#[arg(long, value_name = "SURI")]
	suri: String,
	/// Which per-loan key (`SURI//loanchain//lender//INDEX`): the one the details' `lender`
	/// statement names.
	#[arg(long)]
	index: u32,
}

fn block(what: &str, bytes: &[u8]) -> Result<RsaBlock, Failure> {
	bytes
		.try_into()
		.map_err(|_| Failure::Input(format!("{what} is not {} bytes", rsa::MODULUS_BYTES)))
}

/// A node to submit to, checked to run this loanctl's runtime.
fn chain_node(url: &str) -> Result<rpc::Node, Failure> {
	let node = connect(url)?;
	node.check_runtime().map_err(operation)?;
	Ok(node)
}

fn pretty(value: serde_json::Value) -> String {
	serde_json::to_string_pretty(&value).expect("JSON values serialize")
}

/// `call` submitted as a general transaction, once a block includes it; a refusal of the
/// pool or a failure in the block is the operation's failure (exit 1), named.
fn submitted(node: &rpc::Node, call: RuntimeCall) -> Result<Included, Failure> {
	node.submit_general(call).map_err(operation)
}
