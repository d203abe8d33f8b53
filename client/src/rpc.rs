//! The one question loanctl asks a node: a borrower's public summary
//! (`loans_borrowerSummary`, see docs/api.md).
//!
//! A Substrate node serves JSON-RPC over HTTP and WebSocket on the same port, so the URL may
//! be given either way; loanctl speaks WebSocket (jsonrpsee's client).

use jsonrpsee::{
	core::{client::ClientT, ClientError},
	rpc_params,
	ws_client::WsClientBuilder,
};
use std::time::Duration;

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

/// `loans_borrowerSummary(id_hash, at?)` at the node `url`: the JSON the node returns,
/// `[{ "loanId", "time", "event": "borrowed", "disclosure" }]`.
pub fn borrower_summary(
	url: &str,
	id_hash: &[u8; 32],
	at: Option<&str>,
) -> Result<serde_json::Value, RpcError> {
	let url = websocket_url(url)?;
	let unreachable = |reason: String| RpcError::Unreachable { url: url.clone(), reason };
	let runtime = tokio::runtime::Builder::new_current_thread()
		.enable_all()
		.build()
		.map_err(|e| unreachable(format!("cannot start the I/O runtime: {e}")))?;
	let id_hash = crate::hexutil::to_hex(id_hash);
	runtime.block_on(async {
		let client = WsClientBuilder::default()
			.connection_timeout(CONNECT_TIMEOUT)
			.request_timeout(REQUEST_TIMEOUT)
			.build(&url)
			.await
			.map_err(|e| unreachable(e.to_string()))?;
		let params = match at {
			Some(block) => rpc_params![id_hash, block],
			None => rpc_params![id_hash],
		};
		client.request("loans_borrowerSummary", params).await.map_err(|e| match e {
			ClientError::Call(error) => {
				RpcError::Refused { code: error.code(), message: error.message().into() }
			},
			other => unreachable(other.to_string()),
		})
	})
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
