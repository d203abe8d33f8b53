//! # Loans JSON-RPC
//!
//! - `loans_borrowerSummary(id_hash, at?)` → `[{ "loanId", "time", "event": "borrowed",
//!   "disclosure" (, "price") }]`: what anyone may know of a borrower — when they borrowed
//!   and how the details can be had. Never the lender, the amount or the outcome. An unknown
//!   borrower has an empty list.
//! - `loans_loan(loan_id, at?)` → the loan's public fields, and its details and outcome in
//!   plaintext when the lender has published the content key; `null` for an unknown loan.
//!
//! `id_hash` is a 32-byte hash in `0x`-prefixed hex (`H256`). Malformed parameters are
//! answered with JSON-RPC error `-32602` ("Invalid params", the reason in `data`); a failure
//! inside the runtime with `-32000`.

use codec::Codec;
use jsonrpsee::{core::RpcResult, proc_macros::rpc, types::ErrorObjectOwned};
use pallet_loans::{Disclosure, DisclosureLevel, LoanState, LoanView, Role};
use pallet_loans_runtime_api::LoansApi as LoansRuntimeApi;
use serde::Serialize;
use serde_json::{json, Value};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_core::H256;
use sp_runtime::traits::Block as BlockT;
use std::{fmt::Display, marker::PhantomData, sync::Arc};

/// JSON-RPC error code for a failure inside the runtime call.
pub const RUNTIME_ERROR: i32 = -32000;

/// The most lines one `loans_borrowerSummary` answer holds (and its default `limit`): the
/// most the runtime answers at once, so one request is one bounded runtime call.
pub const PAGE: u32 = pallet_loans::MAX_SUMMARY_PAGE;

/// One line of `loans_borrowerSummary`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SummaryItem {
	pub loan_id: u64,
	/// When the loan took effect, RFC 3339 in UTC.
	pub time: String,
	/// Always "borrowed".
	pub event: &'static str,
	/// "encrypted", "paid" or "public".
	pub disclosure: &'static str,
	/// The price of access, in plancks, when `disclosure` is "paid".
	#[serde(skip_serializing_if = "Option::is_none")]
	pub price: Option<String>,
}

#[rpc(server)]
pub trait LoansApi<BlockHash> {
	/// A borrower's summary: when they borrowed, and how each loan's details can be had,
	/// in loan id order from loan id `from` (default 0) on, at most `limit` lines (default
	/// and most [`PAGE`]). A full page may have more after it: ask again with `from` one
	/// past the last `loanId` and the same `at`.
	#[method(name = "loans_borrowerSummary")]
	fn borrower_summary(
		&self,
		id_hash: H256,
		at: Option<BlockHash>,
		from: Option<u64>,
		limit: Option<u32>,
	) -> RpcResult<Vec<SummaryItem>>;

	/// A loan, with its details and outcome in plaintext once they are public.
	#[method(name = "loans_loan")]
	fn loan(&self, loan_id: u64, at: Option<BlockHash>) -> RpcResult<Option<Value>>;
}

/// The handler of the `loans_*` methods.
pub struct Loans<C, Block, AccountId, Balance, BlockNumber> {
	client: Arc<C>,
	_marker: PhantomData<(Block, AccountId, Balance, BlockNumber)>,
}

impl<C, Block, AccountId, Balance, BlockNumber> Loans<C, Block, AccountId, Balance, BlockNumber> {
	pub fn new(client: Arc<C>) -> Self {
		Self { client, _marker: PhantomData }
	}
}

fn runtime_error(e: impl Display) -> ErrorObjectOwned {
	ErrorObjectOwned::owned(RUNTIME_ERROR, format!("runtime call failed: {e}"), None::<()>)
}

/// Unix milliseconds as RFC 3339 in UTC.
pub fn rfc3339(ms: u64) -> String {
	chrono::DateTime::from_timestamp_millis(ms as i64)
		.map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
		.unwrap_or_default()
}

fn hex0x(bytes: &[u8]) -> String {
	format!("0x{}", hex::encode(bytes))
}

fn level_name<B>(level: &DisclosureLevel<B>) -> &'static str {
	match level {
		DisclosureLevel::Encrypted => "encrypted",
		DisclosureLevel::Paid { .. } => "paid",
		DisclosureLevel::Public => "public",
	}
}

fn state_name<N>(state: &LoanState<N>) -> &'static str {
	match state {
		LoanState::Proposed { .. } => "proposed",
		LoanState::Active => "active",
		LoanState::AwaitingFeedback => "awaitingFeedback",
		LoanState::ExtensionProposed { .. } => "extensionProposed",
		LoanState::Concluded => "concluded",
	}
}

/// The JSON of a loan: its public fields, and plaintext once the content key is public.
pub fn loan_json<AccountId: Display, BlockNumber: Copy + Into<u64>, Balance: Display + Copy>(
	loan: &LoanView<AccountId, BlockNumber, Balance>,
) -> Value {
	let level = DisclosureLevel::from(&loan.disclosure);
	let price = match level {
		DisclosureLevel::Paid { price } => Some(price.to_string()),
		_ => None,
	};
	let (details, outcome) = match &loan.disclosure {
		Disclosure::Public { content_key } => {
			let details = loanchain_sealing::open_details(
				content_key,
				&loan.details_nonce,
				&loan.details_ciphertext,
				&loan.borrower_id,
			)
			.ok()
			.map(|plain| {
				serde_json::from_slice(&plain)
					.unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&plain).into()))
			});
			let outcome = loan.outcome.as_ref().and_then(|o| {
				loanchain_sealing::open_outcome(content_key, &o.nonce, &o.ciphertext, loan.loan_id)
					.ok()
			});
			(
				details,
				outcome.map(|b| {
					if b == loanchain_sealing::BREACHED {
						"breached"
					} else {
						"performedNormally"
					}
				}),
			)
		},
		_ => (None, None),
	};
	let block = |n: BlockNumber| -> u64 { n.into() };
	json!({
		"loanId": loan.loan_id,
		"lender": loan.lender.to_string(),
		"borrower": loan.borrower.to_string(),
		"lenderId": hex0x(&loan.lender_id),
		"borrowerId": hex0x(&loan.borrower_id),
		"proposer": match loan.proposer { Role::Lender => "lender", Role::Borrower => "borrower" },
		"periodDays": loan.period_days,
		"state": state_name(&loan.state),
		"proposedAt": block(loan.proposed_at),
		"activatedAt": loan.activated.map(|a| json!({ "block": block(a.block), "time": rfc3339(a.time_ms) })),
		"maturity": loan.maturity.map(block),
		"extensions": loan.extensions.iter().map(|e| json!({
			"extraDays": e.extra_days,
			"confirmedAt": block(e.confirmed_at),
			"newMaturity": block(e.new_maturity),
		})).collect::<Vec<_>>(),
		"concludedAt": loan.concluded_at.map(block),
		"disclosure": level_name(&level),
		"price": price,
		"sealed": {
			"nonce": hex0x(&loan.details_nonce),
			"ciphertext": hex0x(&loan.details_ciphertext),
			"keyCommitment": hex0x(&loan.key_commitment),
			"lenderEnvelope": hex0x(&loan.lender_envelope),
			"borrowerEnvelope": hex0x(&loan.borrower_envelope),
			"outcome": loan.outcome.map(|o| json!({ "nonce": hex0x(&o.nonce), "ciphertext": hex0x(&o.ciphertext) })),
		},
		"details": details,
		"outcome": outcome,
	})
}

impl<C, Block, AccountId, Balance, BlockNumber> LoansApiServer<<Block as BlockT>::Hash>
	for Loans<C, Block, AccountId, Balance, BlockNumber>
where
	Block: BlockT,
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: LoansRuntimeApi<Block, AccountId, Balance, BlockNumber>,
	AccountId: Codec + Display + Send + Sync + 'static,
	Balance: Codec + Display + Copy + Send + Sync + 'static,
	BlockNumber: Codec + Copy + Into<u64> + Send + Sync + 'static,
{
	fn borrower_summary(
		&self,
		id_hash: H256,
		at: Option<Block::Hash>,
		from: Option<u64>,
		limit: Option<u32>,
	) -> RpcResult<Vec<SummaryItem>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let limit = limit.unwrap_or(PAGE).min(PAGE);
		let page = self
			.client
			.runtime_api()
			.borrower_summary(at, id_hash.to_fixed_bytes(), from.unwrap_or(0), limit)
			.map_err(runtime_error)?;
		Ok(page
			.iter()
			.map(|entry| SummaryItem {
				loan_id: entry.loan_id,
				time: rfc3339(entry.at),
				event: "borrowed",
				disclosure: level_name(&entry.disclosure),
				price: match entry.disclosure {
					DisclosureLevel::Paid { price } => Some(price.to_string()),
					_ => None,
				},
			})
			.collect())
	}

	fn loan(&self, loan_id: u64, at: Option<Block::Hash>) -> RpcResult<Option<Value>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let loan = self.client.runtime_api().loan(at, loan_id).map_err(runtime_error)?;
		Ok(loan.as_ref().map(loan_json))
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn view(disclosure: Disclosure<u128>, key: [u8; 32]) -> LoanView<u64, u32, u128> {
		let nonce = [3; 12];
		let borrower_id = [4; 32];
		let outcome_nonce = [5; 12];
		LoanView {
			loan_id: 9,
			lender: 1,
			borrower: 2,
			lender_id: [1; 32],
			borrower_id,
			proposer: Role::Lender,
			period_days: 30,
			details_nonce: nonce,
			details_ciphertext: loanchain_sealing::seal_details(
				&key,
				&nonce,
				br#"{"amount":"10.00"}"#,
				&borrower_id,
			),
			key_commitment: loanchain_sealing::key_commitment(&key),
			lender_envelope: [6; 80],
			borrower_envelope: [7; 80],
			state: LoanState::Concluded,
			proposed_at: 1,
			activated: Some(pallet_loans::Activation { block: 2, time_ms: 0 }),
			maturity: Some(152),
			extensions: vec![],
			outcome: Some(pallet_loans::SealedOutcome {
				nonce: outcome_nonce,
				ciphertext: loanchain_sealing::seal_outcome(
					&key,
					&outcome_nonce,
					loanchain_sealing::BREACHED,
					9,
				),
			}),
			concluded_at: Some(160),
			disclosure,
		}
	}

	#[test]
	fn a_public_loan_shows_its_plaintext_and_outcome() {
		let key = [8; 32];
		let json = loan_json(&view(Disclosure::Public { content_key: key }, key));
		assert_eq!(json["disclosure"], "public");
		assert_eq!(json["details"]["amount"], "10.00");
		assert_eq!(json["outcome"], "breached");
		assert_eq!(json["state"], "concluded");
		assert_eq!(json["activatedAt"]["time"], "1970-01-01T00:00:00.000Z");
	}

	#[test]
	fn a_sealed_loan_shows_only_public_fields() {
		let key = [8; 32];
		for disclosure in [Disclosure::Encrypted, Disclosure::Paid { price: 5 }] {
			let json = loan_json(&view(disclosure, key));
			assert!(json["details"].is_null());
			assert!(json["outcome"].is_null());
			assert!(!json.to_string().contains("10.00"));
		}
		assert_eq!(loan_json(&view(Disclosure::Paid { price: 5 }, key))["price"], "5");
	}

	#[test]
	fn times_are_rfc3339_utc() {
		assert_eq!(rfc3339(0), "1970-01-01T00:00:00.000Z");
		assert_eq!(rfc3339(1_763_700_000_123), "2025-11-21T04:40:00.123Z");
	}
}
