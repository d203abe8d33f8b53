//! What loanctl asks a node: a borrower's public summary (`loans_borrowerSummary`, see
//! docs/api.md), and a loan's record (`loans_loan`) with the chain's genesis hash, so that
//! `loanctl open` can open it and compute the hash `accept` takes; and for a registrar, the
//! other registrars' evaluations (`oprf_evaluate`) and the public shares on chain. The methods and their
//! answers are the ones `loanchain-primitives` declares for the node's server: loanctl calls
//! the client jsonrpsee generates from them.
//!
//! A Substrate node serves JSON-RPC over HTTP and WebSocket on the same port, so the URL may
//! be given either way; loanctl speaks WebSocket (jsonrpsee's client).

use jsonrpsee::{
	core::{client::ClientT, params::ArrayParams, ClientError},
	ws_client::WsClientBuilder,
};
use loanchain_primitives::{
	rpc::{
		AuthorApiClient, ChainApiClient, EvaluationAnswer, EvaluationRequest, Hash32, HexBytes,
		LoanRecord, LoansApiClient, OprfApiClient, StateApiClient, SummaryItem,
	},
	LoanId, MAX_SUMMARY_PAGE,
};
use std::{future::Future, time::Duration};

/// Why a query did not get an answer.
#[derive(Debug, thiserror::Error)]
pub enum RpcError {
	/// The URL is not one a node can be reached at.
	#[error("--rpc must be a ws://, wss://, http:// or https:// URL, found {0:?}")]
	BadUrl(String),
	/// No answer from the node: not running, wrong port, or too slow.
	#[error("no answer from {url}: {reason}")]
	Unreachable { url: String, reason: String },
	/// The node answered with a JSON-RPC error.
	#[error("the node refused the query: {message} (JSON-RPC error {code})")]
	Refused { code: i32, message: String },
	/// The node's pool refused a transaction (`author_submitExtrinsic`): why, and the
	/// error's data (the validity error, e.g. `Custom error: 12`).
	#[error("the node refused the transaction: {message}{}", data.as_deref().map(|d| format!(": {d}")).unwrap_or_default())]
	Rejected { message: String, data: Option<String> },
}

/// `twox128(pallet) ‖ twox128(item)`: where a storage item of the chain lives.
pub(crate) fn storage_prefix(pallet: &str, item: &str) -> Vec<u8> {
	[sp_crypto_hashing::twox_128(pallet.as_bytes()), sp_crypto_hashing::twox_128(item.as_bytes())]
		.concat()
}

/// Where the entry `key` of a `Blake2_128Concat` map lives.
fn blake2_128_concat_key(pallet: &str, item: &str, key: &[u8]) -> Vec<u8> {
	[storage_prefix(pallet, item), sp_crypto_hashing::blake2_128(key).to_vec(), key.to_vec()]
		.concat()
}

/// Parameters that did not serialize: a bug of loanctl's, said as such.
fn bad_params(error: serde_json::Error) -> RpcError {
	RpcError::Refused { code: 0, message: format!("loanctl built bad parameters: {error}") }
}

/// How long to wait for the connection, and then for the answer.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// The WebSocket form of a node's RPC URL (`http` → `ws`, `https` → `wss`).
pub fn websocket_url(url: &str) -> Result<String, RpcError> {
	let url = url.trim();
	let (scheme, rest) = url.split_once("://").ok_or_else(|| RpcError::BadUrl(url.into()))?;
	let scheme = match scheme.to_ascii_lowercase().as_str() {
		"ws" | "http" => "ws",
		"wss" | "https" => "wss",
		_ => return Err(RpcError::BadUrl(url.into())),
	};
	if rest.is_empty() || rest.starts_with('/') {
		return Err(RpcError::BadUrl(url.into()));
	}
	Ok(format!("{scheme}://{rest}"))
}

/// A connection to a node's JSON-RPC server, on a one-thread I/O runtime.
pub struct Node {
	url: String,
	runtime: tokio::runtime::Runtime,
	client: jsonrpsee::ws_client::WsClient,
}

impl Node {
	/// Connects to the node at `url` (ws://, wss://, http:// or https://).
	pub fn connect(url: &str) -> Result<Self, RpcError> {
		let url = websocket_url(url)?;
		let unreachable = |reason: String| RpcError::Unreachable { url: url.clone(), reason };
		let runtime = tokio::runtime::Builder::new_current_thread()
			.enable_all()
			.build()
			.map_err(|e| unreachable(format!("cannot start the I/O runtime: {e}")))?;
		let client = runtime
			.block_on(
				WsClientBuilder::default()
					.connection_timeout(CONNECT_TIMEOUT)
					.request_timeout(REQUEST_TIMEOUT)
					.build(&url),
			)
			.map_err(|e| unreachable(e.to_string()))?;
		Ok(Node { url, runtime, client })
	}

	/// The answer to the call `request` makes.
	fn call<R>(
		&self,
		request: impl Future<Output = Result<R, ClientError>>,
	) -> Result<R, RpcError> {
		self.runtime.block_on(request).map_err(|e| match e {
			ClientError::Call(error) => {
				RpcError::Refused { code: error.code(), message: error.message().into() }
			},
			other => RpcError::Unreachable { url: self.url.clone(), reason: other.to_string() },
		})
	}

	/// The value at the storage `key` at block `at`, SCALE-encoded.
	pub fn storage(&self, key: Vec<u8>, at: [u8; 32]) -> Result<Option<Vec<u8>>, RpcError> {
		let value = self.call(StateApiClient::<Hash32>::storage(
			&self.client,
			HexBytes(key),
			Some(Hash32(at)),
		))?;
		Ok(value.map(|value| value.0))
	}

	/// The account that held the verified identity `id_hash` at block `at`
	/// (`CreditIdentity.Owners`, Blake2_128Concat).
	pub fn identity_owner(
		&self,
		id_hash: &[u8; 32],
		at: [u8; 32],
	) -> Result<Option<[u8; 32]>, RpcError> {
		let key = blake2_128_concat_key("CreditIdentity", "Owners", id_hash);
		Ok(self.storage(key, at)?.and_then(|bytes| bytes.try_into().ok()))
	}

	/// The loan of a private lender's per-loan key `key` at block `at` (`Loans.LenderKeys`,
	/// Blake2_128Concat), if the key has lent.
	pub fn loan_of_lender_key(
		&self,
		key: &[u8; 32],
		at: [u8; 32],
	) -> Result<Option<LoanId>, RpcError> {
		let storage_key = blake2_128_concat_key("Loans", "LenderKeys", key);
		Ok(self
			.storage(storage_key, at)?
			.and_then(|bytes| <[u8; 8]>::try_from(bytes.as_slice()).ok())
			.map(LoanId::from_le_bytes))
	}

	/// The runtime the node runs at its best block: its name and spec version.
	pub fn runtime_version(&self) -> Result<(String, u32), RpcError> {
		let version = self.call(StateApiClient::<Hash32>::runtime_version(&self.client, None))?;
		Ok((version.spec_name, version.spec_version))
	}

	/// The extrinsics of block `at`, SCALE-encoded, in order.
	pub fn block_body(&self, at: [u8; 32]) -> Result<Vec<Vec<u8>>, RpcError> {
		let block = self.call(ChainApiClient::<Hash32>::block(&self.client, Some(Hash32(at))))?;
		let block =
			block.ok_or_else(|| RpcError::Refused { code: 0, message: "no such block".into() })?;
		Ok(block.block.extrinsics.into_iter().map(|xt| xt.0).collect())
	}

	/// Puts the SCALE-encoded `extrinsic` in the node's pool. A refusal of the pool is
	/// [`RpcError::Rejected`], with the validity error.
	pub fn submit_extrinsic(&self, extrinsic: Vec<u8>) -> Result<[u8; 32], RpcError> {
		let request =
			AuthorApiClient::<Hash32>::submit_extrinsic(&self.client, HexBytes(extrinsic));
		match self.runtime.block_on(request) {
			Ok(hash) => Ok(hash.0),
			Err(ClientError::Call(error)) => Err(RpcError::Rejected {
				message: error.message().into(),
				data: error.data().map(|data| {
					serde_json::from_str::<String>(data.get()).unwrap_or_else(|_| data.get().into())
				}),
			}),
			Err(other) => {
				Err(RpcError::Unreachable { url: self.url.clone(), reason: other.to_string() })
			},
		}
	}

	/// A registrar node's evaluation of a blinded element (`oprf_evaluate`).
	pub fn evaluate(&self, request: EvaluationRequest) -> Result<EvaluationAnswer, RpcError> {
		self.call(OprfApiClient::evaluate(&self.client, request))
	}

	/// The number of the node's best block.
	pub fn best_number(&self) -> Result<u32, RpcError> {
		let header = self.call(ChainApiClient::<Hash32>::header(&self.client, None))?;
		header
			.and_then(|header| header.value())
			.and_then(|number| u32::try_from(number).ok())
			.ok_or_else(|| RpcError::Refused {
				code: 0,
				message: "a header without a number".into(),
			})
	}

	/// The hash of block `number`, or of the best block.
	pub fn block_hash(&self, number: Option<u64>) -> Result<[u8; 32], RpcError> {
		let hash = self.call(ChainApiClient::<Hash32>::block_hash(&self.client, number))?;
		hash.map(|hash| hash.0)
			.ok_or_else(|| RpcError::Refused { code: 0, message: "no such block".into() })
	}

	/// A borrower's whole summary: `loans_borrowerSummary(id_hash, at, from)` page after
	/// page, every page at the same block (`at`, or the node's best block when the first
	/// page is asked), so that the pages fit together.
	pub fn borrower_summary(
		&self,
		id_hash: &[u8; 32],
		at: Option<[u8; 32]>,
	) -> Result<Vec<SummaryItem>, RpcError> {
		let at = Hash32(match at {
			Some(block) => block,
			None => self.block_hash(None)?,
		});
		let mut lines = Vec::new();
		let mut from: LoanId = 0;
		loop {
			let page = self.call(LoansApiClient::<Hash32>::borrower_summary(
				&self.client,
				Hash32(*id_hash),
				Some(at),
				Some(from),
				None,
			))?;
			let next = page.last().map(|line| line.loan_id + 1);
			let full = page.len() == MAX_SUMMARY_PAGE as usize;
			lines.extend(page);
			match next {
				Some(next) if full => from = next,
				_ => break,
			}
		}
		Ok(lines)
	}

	/// Up to `count` storage keys under `prefix` after `start` (`state_getKeysPaged`), at
	/// block `at`: how a map's entries are listed.
	pub fn keys_paged(
		&self,
		prefix: &[u8],
		count: u32,
		start: Option<&[u8]>,
		at: [u8; 32],
	) -> Result<Vec<Vec<u8>>, RpcError> {
		let hex = |bytes: &[u8]| crate::hexutil::to_hex(bytes);
		let mut params = ArrayParams::new();
		params.insert(hex(prefix)).map_err(bad_params)?;
		params.insert(count).map_err(bad_params)?;
		params.insert(start.map(hex)).map_err(bad_params)?;
		params.insert(hex(&at)).map_err(bad_params)?;
		let keys: Vec<HexBytes> = self.call(self.client.request("state_getKeysPaged", params))?;
		Ok(keys.into_iter().map(|key| key.0).collect())
	}

	/// The nonce the next transaction of `account` (SS58) takes, counting those in the node's
	/// pool (`system_accountNextIndex`).
	pub fn account_next_index(&self, account: &str) -> Result<u32, RpcError> {
		let mut params = ArrayParams::new();
		params.insert(account).map_err(bad_params)?;
		self.call(self.client.request("system_accountNextIndex", params))
	}

	/// Loan `loan_id` as `loans_loan` returns it, if there is one.
	pub fn loan(&self, loan_id: LoanId) -> Result<Option<LoanRecord>, RpcError> {
		self.loan_at(loan_id, None)
	}

	/// Loan `loan_id` as `loans_loan` returns it at block `at` (the best block if `None`).
	pub fn loan_at(
		&self,
		loan_id: LoanId,
		at: Option<[u8; 32]>,
	) -> Result<Option<LoanRecord>, RpcError> {
		self.call(LoansApiClient::<Hash32>::loan(&self.client, loan_id, at.map(Hash32)))
	}

	/// The envelope the lender of `loan_id` granted to the account `viewer`
	/// (`loans_accessGrant`), if any.
	pub fn access_grant(
		&self,
		loan_id: LoanId,
		viewer: &[u8; 32],
	) -> Result<Option<[u8; 80]>, RpcError> {
		let grant = self.call(LoansApiClient::<Hash32>::access_grant(
			&self.client,
			loan_id,
			Hash32(*viewer),
			None,
		))?;
		Ok(grant.map(|grant| grant.envelope))
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn http_urls_become_websocket_urls() {
		assert_eq!(websocket_url("http://127.0.0.1:9944").unwrap(), "ws://127.0.0.1:9944");
		assert_eq!(websocket_url("HTTPS://rpc.example.org/").unwrap(), "wss://rpc.example.org/");
		assert_eq!(websocket_url("ws://node:9944").unwrap(), "ws://node:9944");
		assert_eq!(websocket_url(" wss://node ").unwrap(), "wss://node");
	}

	#[test]
	fn urls_a_node_cannot_have_are_refused() {
		for url in ["127.0.0.1:9944", "ftp://node", "http://", "ws:///path", ""] {
			assert!(matches!(websocket_url(url), Err(RpcError::BadUrl(_))), "{url}");
		}
	}
}
