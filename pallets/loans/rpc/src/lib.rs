//! # Loans JSON-RPC
//!
//! - `loans_borrowerSummary(id_hash, at?)` → `[{ "loanId", "time", "event": "borrowed",
//!   "disclosure" (, "price") }]`: what anyone may know of a borrower — when they borrowed
//!   and how the details can be had. Never the lender, the amount or the outcome. An unknown
//!   borrower has an empty list.
//! - `loans_loan(loan_id, at?)` → the loan's public fields (a private lender's extension
//!   offers in `sealedExtensions`), and its details, outcome and offered days in plaintext
//!   when the lender has published the content key; `null` for an unknown loan.
//! - `loans_accessGrant(loan_id, viewer, at?)` → `{ "envelope" }`, the envelope the lender
//!   granted to the account `viewer` (its 32 bytes in hex), which only the viewer opens;
//!   `null` when none was granted.
//!
//! `id_hash` is a 32-byte hash in `0x`-prefixed hex (`0x` and 64 hex digits). Malformed parameters are
//! answered with JSON-RPC error `-32602` ("Invalid params", the reason in `data`); a failure
//! inside the runtime with `-32000`.

use codec::Codec;
use jsonrpsee::{
	core::RpcResult,
	types::{error::INVALID_PARAMS_CODE, ErrorObjectOwned},
};
pub use loanchain_primitives::rpc::{
	AccessGrantRecord, ActivatedAt, DisclosureKind, ExtensionRecord, Hash32, LoanRecord,
	LoanStateKind, LoansApiServer, OutcomeKind, SealedExtensionRecord, SealedOutcomeRecord,
	SealedRecord, SummaryEvent, SummaryItem,
};
use pallet_loans::{Disclosure, DisclosureLevel, LoanState, LoanView, PrivateExtension};
use pallet_loans_runtime_api::LoansApi as LoansRuntimeApi;
use serde_json::Value;
use sp_api::{ApiExt, ProvideRuntimeApi};
use sp_blockchain::HeaderBackend;
use sp_runtime::traits::Block as BlockT;
use std::{fmt::Display, marker::PhantomData, sync::Arc};

/// JSON-RPC error code for a failure inside the runtime call.
pub const RUNTIME_ERROR: i32 = -32000;

/// The most lines one `loans_borrowerSummary` answer holds (and its default `limit`): the
/// most the runtime answers at once, so one request is one bounded runtime call.
pub const PAGE: u32 = pallet_loans::MAX_SUMMARY_PAGE;

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

fn level_kind<B>(level: &DisclosureLevel<B>) -> DisclosureKind {
	match level {
		DisclosureLevel::Encrypted => DisclosureKind::Encrypted,
		DisclosureLevel::Paid { .. } => DisclosureKind::Paid,
		DisclosureLevel::Public => DisclosureKind::Public,
	}
}

fn state_kind<N>(state: &LoanState<N>) -> LoanStateKind {
	match state {
		LoanState::Proposed { .. } => LoanStateKind::Proposed,
		LoanState::Active => LoanStateKind::Active,
		LoanState::AwaitingFeedback => LoanStateKind::AwaitingFeedback,
		LoanState::ExtensionProposed { .. } => LoanStateKind::ExtensionProposed,
		LoanState::Concluded => LoanStateKind::Concluded,
	}
}

/// A loan as `loans_loan` answers: its public fields and sealed parts — with a private
/// lender's extension offers `offers` — and its details, outcome and offered days in
/// plaintext once the content key is public.
pub fn loan_record<AccountId: Display, BlockNumber: Copy + Into<u64>, Balance: Display + Copy>(
	loan: &LoanView<AccountId, BlockNumber, Balance>,
	offers: &[PrivateExtension<BlockNumber>],
) -> LoanRecord {
	let level = DisclosureLevel::from(&loan.disclosure);
	let price = match level {
		DisclosureLevel::Paid { price } => Some(price.to_string()),
		_ => None,
	};
	let sealed = &loan.details;
	let (details, outcome) = match &loan.disclosure {
		Disclosure::Public { content_key } => {
			let details = loanchain_sealing::open_details(
				content_key,
				&sealed.nonce,
				&sealed.ciphertext,
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
			let outcome = outcome.map(|byte| match byte {
				loanchain_sealing::BREACHED => OutcomeKind::Breached,
				_ => OutcomeKind::PerformedNormally,
			});
			(details, outcome)
		},
		_ => (None, None),
	};
	let block = |n: BlockNumber| -> u64 { n.into() };
	let public_key = match &loan.disclosure {
		Disclosure::Public { content_key } => Some(content_key),
		_ => None,
	};
	let sealed_extensions = (0u32..)
		.zip(offers)
		.map(|(index, e)| SealedExtensionRecord {
			index,
			nonce: e.offer.nonce,
			ciphertext: e.offer.ciphertext,
			offered_at: block(e.offered_at),
			confirmed_at: e.confirmed_at.map(block),
			extra_days: public_key.and_then(|key| {
				loanchain_sealing::open_extension(
					key,
					&e.offer.nonce,
					&e.offer.ciphertext,
					loan.loan_id,
					index,
				)
				.ok()
			}),
		})
		.collect();
	LoanRecord {
		loan_id: loan.loan_id,
		lender: loan.lender.as_ref().map(ToString::to_string),
		borrower: loan.borrower.to_string(),
		lender_id: loan.lender_id.map(Hash32),
		lender_key: loan.lender_key.map(Hash32),
		borrower_id: loan.borrower_id,
		proposer: loan.proposer,
		period_days: loan.period_days,
		state: state_kind(&loan.state),
		proposed_at: block(loan.proposed_at),
		activated_at: loan
			.activated
			.map(|a| ActivatedAt { block: block(a.block), time: rfc3339(a.time_ms) }),
		maturity: loan.maturity.map(block),
		extensions: loan
			.extensions
			.iter()
			.map(|e| ExtensionRecord {
				extra_days: e.extra_days,
				confirmed_at: block(e.confirmed_at),
				new_maturity: block(e.new_maturity),
			})
			.collect(),
		sealed_extensions,
		concluded_at: loan.concluded_at.map(block),
		disclosure: level_kind(&level),
		price,
		sealed: SealedRecord {
			nonce: sealed.nonce,
			ciphertext: sealed.ciphertext.clone(),
			key_commitment: sealed.key_commitment,
			lender_envelope: sealed.lender_envelope,
			borrower_envelope: sealed.borrower_envelope,
			outcome: loan
				.outcome
				.map(|o| SealedOutcomeRecord { nonce: o.nonce, ciphertext: o.ciphertext.to_vec() }),
		},
		details,
		outcome,
	}
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
		id_hash: Hash32,
		at: Option<Block::Hash>,
		from: Option<u64>,
		limit: Option<u32>,
	) -> RpcResult<Vec<SummaryItem>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let limit = limit.unwrap_or(PAGE).min(PAGE);
		let page = self
			.client
			.runtime_api()
			.borrower_summary(at, id_hash.0, from.unwrap_or(0), limit)
			.map_err(runtime_error)?;
		Ok(page
			.iter()
			.map(|entry| SummaryItem {
				loan_id: entry.loan_id,
				time: rfc3339(entry.at),
				event: SummaryEvent::Borrowed,
				disclosure: level_kind(&entry.disclosure),
				price: match entry.disclosure {
					DisclosureLevel::Paid { price } => Some(price.to_string()),
					_ => None,
				},
			})
			.collect())
	}

	fn loan(&self, loan_id: u64, at: Option<Block::Hash>) -> RpcResult<Option<LoanRecord>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let api = self.client.runtime_api();
		let Some(loan) = api.loan(at, loan_id).map_err(runtime_error)? else { return Ok(None) };
		// A runtime before version 3 of the API keeps no sealed extensions to show.
		let version = api
			.api_version::<dyn LoansRuntimeApi<Block, AccountId, Balance, BlockNumber>>(at)
			.map_err(runtime_error)?;
		let offers = if loan.lender_key.is_some() && version.is_some_and(|v| v >= 3) {
			api.sealed_extensions(at, loan_id).map_err(runtime_error)?
		} else {
			Vec::new()
		};
		Ok(Some(loan_record(&loan, &offers)))
	}

	fn access_grant(
		&self,
		loan_id: u64,
		viewer: Hash32,
		at: Option<Block::Hash>,
	) -> RpcResult<Option<AccessGrantRecord>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let viewer = AccountId::decode(&mut &viewer.0[..]).map_err(|e| {
			ErrorObjectOwned::owned(INVALID_PARAMS_CODE, format!("viewer: {e}"), None::<()>)
		})?;
		let envelope = self
			.client
			.runtime_api()
			.access_grant(at, loan_id, viewer)
			.map_err(runtime_error)?;
		Ok(envelope.map(|envelope| AccessGrantRecord { envelope }))
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
			lender: Some(1),
			borrower: 2,
			lender_id: Some([1; 32]),
			lender_key: None,
			borrower_id,
			proposer: pallet_loans::Role::Lender,
			period_days: 30,
			details: pallet_loans::DetailsInput {
				nonce,
				ciphertext: loanchain_sealing::seal_details(
					&key,
					&nonce,
					br#"{"amount":"10.00"}"#,
					&borrower_id,
				),
				key_commitment: loanchain_sealing::key_commitment(&key),
				lender_envelope: [6; 80],
				borrower_envelope: [7; 80],
			},
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

	/// The JSON a loan is sent as, read back as the client reads it.
	fn loan_json(view: &LoanView<u64, u32, u128>) -> Value {
		let record = loan_record(view, &[]);
		let json = serde_json::to_value(&record).unwrap();
		assert_eq!(serde_json::from_value::<LoanRecord>(json.clone()).unwrap(), record);
		json
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
		assert_eq!(json["proposer"], "lender");
		assert_eq!(json["sealed"]["lenderEnvelope"], format!("0x{}", "06".repeat(80)));
		assert_eq!(json["sealed"]["outcome"]["nonce"], format!("0x{}", "05".repeat(12)));
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
	fn a_private_lenders_offers_show_their_days_once_public() {
		let key = [8; 32];
		let nonce = [0x21; 12];
		let offers = [
			PrivateExtension {
				offer: pallet_loans::SealedExtension {
					nonce,
					ciphertext: loanchain_sealing::seal_extension(&key, &nonce, 45, 9, 0),
				},
				offered_at: 170,
				confirmed_at: Some(171),
			},
			PrivateExtension {
				offer: pallet_loans::SealedExtension {
					nonce: [0x22; 12],
					ciphertext: loanchain_sealing::seal_extension(&key, &[0x22; 12], 10, 9, 1),
				},
				offered_at: 180,
				confirmed_at: None,
			},
		];
		let json_of = |disclosure| {
			let record = loan_record(&view(disclosure, key), &offers);
			let json = serde_json::to_value(&record).unwrap();
			assert_eq!(serde_json::from_value::<LoanRecord>(json.clone()).unwrap(), record);
			json
		};
		let public = json_of(Disclosure::Public { content_key: key });
		let offered = &public["sealedExtensions"];
		assert_eq!(offered[0]["index"], 0);
		assert_eq!(offered[0]["extraDays"], 45);
		assert_eq!(offered[0]["confirmedAt"], 171);
		assert_eq!(offered[1]["extraDays"], 10);
		assert!(offered[1]["confirmedAt"].is_null());
		assert_eq!(offered[1]["nonce"], format!("0x{}", "22".repeat(12)));
		let sealed = json_of(Disclosure::Paid { price: 5 });
		assert!(sealed["sealedExtensions"][0]["extraDays"].is_null());
		assert_eq!(sealed["sealedExtensions"][1]["offeredAt"], 180);
		// A loan without offers says nothing of them.
		assert!(loan_json(&view(Disclosure::Encrypted, key)).get("sealedExtensions").is_none());
	}

	#[test]
	fn times_are_rfc3339_utc() {
		assert_eq!(rfc3339(0), "1970-01-01T00:00:00.000Z");
		assert_eq!(rfc3339(1_763_700_000_123), "2025-11-21T04:40:00.123Z");
	}
}
