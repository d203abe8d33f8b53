//! A chain's state, read from a node over JSON-RPC: every top-level key and value at one
//! block (`state_getKeysPaged`, then `state_queryStorageAt`), a page at a time.

use jsonrpsee::{
	core::{client::ClientT, ClientError},
	rpc_params,
	ws_client::{WsClient, WsClientBuilder},
};
use serde::Deserialize;
use sp_core::{Bytes, H256};
use sp_storage::Storage;
use std::time::Duration;

/// Keys asked for in one request. The node answers `state_getKeysPaged` with at most 1 000.
const PAGE: u32 = 1_000;

/// The runtime's code alone is a few MiB of hex; a page of values can be as large.
const MAX_RESPONSE_BYTES: u32 = 256 * 1024 * 1024;

/// Why the state could not be read.
#[derive(Debug, thiserror::Error)]
pub enum RemoteError {
	#[error("no answer from {url}: {reason}")]
	Unreachable { url: String, reason: String },
	#[error("{method} failed: {reason}")]
	Call { method: &'static str, reason: String },
}

/// What `state_queryStorageAt` answers: the values of the keys asked for, at one block.
#[derive(Deserialize)]
struct ChangeSet {
	changes: Vec<(Bytes, Option<Bytes>)>,
}

/// The runtime a node runs at a block, as `state_getRuntimeVersion` reports it.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChainVersion {
	pub spec_name: String,
	pub spec_version: u32,
}

/// The state a node holds at one block.
pub struct RemoteState {
	pub block: H256,
	pub version: ChainVersion,
	pub storage: Storage,
}

/// Reads the whole top-level state of the node at `url` at block `at` (its best block if
/// `None`). Loanchain's pallets keep no child tries.
pub fn fetch(url: &str, at: Option<H256>) -> Result<RemoteState, RemoteError> {
	let unreachable = |reason: String| RemoteError::Unreachable { url: url.into(), reason };
	let runtime = tokio::runtime::Builder::new_current_thread()
		.enable_all()
		.build()
		.map_err(|e| unreachable(format!("cannot start the I/O runtime: {e}")))?;
	runtime.block_on(async {
		let client = WsClientBuilder::default()
			.connection_timeout(Duration::from_secs(10))
			.request_timeout(Duration::from_secs(120))
			.max_response_size(MAX_RESPONSE_BYTES)
			.build(url)
			.await
			.map_err(|e| unreachable(e.to_string()))?;
		let block = match at {
			Some(block) => block,
			None => call(&client, "chain_getBlockHash", rpc_params![]).await?,
		};
		let version = call(&client, "state_getRuntimeVersion", rpc_params![block]).await?;
		let mut storage = Storage::default();
		let mut start: Option<Bytes> = None;
		loop {
			let keys: Vec<Bytes> = call(
				&client,
				"state_getKeysPaged",
				rpc_params![Bytes(Vec::new()), PAGE, start.clone(), block],
			)
			.await?;
			if keys.is_empty() {
				break;
			}
			let sets: Vec<ChangeSet> =
				call(&client, "state_queryStorageAt", rpc_params![keys.clone(), block]).await?;
			for (key, value) in sets.into_iter().flat_map(|set| set.changes) {
				if let Some(value) = value {
					storage.top.insert(key.0, value.0);
				}
			}
			let full = keys.len() as u32 == PAGE;
			start = keys.last().cloned();
			if !full {
				break;
			}
		}
		Ok(RemoteState { block, version, storage })
	})
}

async fn call<R: serde::de::DeserializeOwned>(
	client: &WsClient,
	method: &'static str,
	params: jsonrpsee::core::params::ArrayParams,
) -> Result<R, RemoteError> {
	client.request(method, params).await.map_err(|e| RemoteError::Call {
		method,
		reason: match e {
			ClientError::Call(error) => error.message().to_string(),
			other => other.to_string(),
		},
	})
}
