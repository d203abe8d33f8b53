//! A registrar's evaluation service: the `oprf_*` JSON-RPC methods (declared in
//! `loanchain_primitives::rpc`), served only by a node started with the registrar's share of
//! the network's OPRF key (docs/identity.md).
//!
//! - **Who is served.** Only registrars: a request is signed by a registrar's account (on
//!   chain, `CreditIdentity.Registrars`, at the node's best block) over the chain's genesis
//!   hash, the blinded element and the time; a request more than five minutes off the node's
//!   clock, or one answered before, is refused.
//! - **How much.** At most `--oprf-rate-limit` evaluations per registrar per hour (100 by
//!   default): enough for a registrar's day of KYC, far too few to walk the ID space.
//! - **Who sees it.** Every answered request is appended to the node's audit log,
//!   `oprf-audit.jsonl` in the chain's data directory (a JSON line: time, registrar, blinded
//!   element); `oprf_evaluationCounts` sums it per registrar. The log stays off chain — an
//!   evaluation is an off-chain act between two registrars, and writing each one to the chain
//!   would publish when KYC happens — and each institution running a registrar node audits
//!   what its peers asked of it, and shows its log to the others when they ask.
//! - **Which share.** The node looks its share's public part up among the registrars'
//!   public shares on chain at every request, and answers with that registrar's account and
//!   index: a share that is no registrar's (wrong file, removed registrar, re-dealt key)
//!   serves nothing, with an error that says so.

use crate::cli::OprfParams;
use codec::Decode;
use frame_support::storage::StoragePrefixedMap;
use jsonrpsee::{core::RpcResult, types::ErrorObjectOwned};
use loanchain_oprf::{KeyShare, OprfError};
use loanchain_primitives::{
	rpc::{EvaluationAnswer, EvaluationCount, EvaluationRequest, Hash32, OprfApiServer},
	OprfPublicShare,
};
use loanchain_runtime::{opaque::Block, AccountId, Runtime};
use sc_client_api::{Backend, StorageProvider};
use sp_blockchain::HeaderBackend;
use sp_core::{sr25519, storage::StorageKey, Pair};
use std::{
	collections::{BTreeMap, VecDeque},
	io::{BufRead, Write},
	path::{Path, PathBuf},
	sync::{Arc, Mutex},
	time::{Duration, SystemTime, UNIX_EPOCH},
};

/// How far a request's time may be from the node's clock.
const FRESHNESS: Duration = Duration::from_secs(5 * 60);
/// The rate limit's window.
const WINDOW: Duration = Duration::from_secs(60 * 60);

/// The JSON-RPC error codes of `oprf_evaluate` (docs/identity.md lists them).
pub mod codes {
	/// The signer is not a registrar on chain.
	pub const NOT_A_REGISTRAR: i32 = 4001;
	/// The signature does not verify for the request.
	pub const BAD_SIGNATURE: i32 = 4002;
	/// The request's time is more than five minutes off the node's clock.
	pub const STALE_REQUEST: i32 = 4003;
	/// The node answered this very request before.
	pub const REPLAYED_REQUEST: i32 = 4004;
	/// The registrar asked for its hour's worth of evaluations already.
	pub const RATE_LIMITED: i32 = 4005;
	/// The blinded element is not a ristretto255 element.
	pub const MALFORMED_BLINDED_ELEMENT: i32 = 4006;
	/// This node's share is not any registrar's public share on chain.
	pub const SHARE_NOT_ON_CHAIN: i32 = 4007;
	/// The node could not read the chain or write its audit log.
	pub const INTERNAL: i32 = 4008;
}

fn error(code: i32, message: impl Into<String>) -> ErrorObjectOwned {
	ErrorObjectOwned::owned(code, message.into(), None::<()>)
}

/// The share a node serves with, and how.
pub struct ServiceConfig {
	/// The registrar's share (its index is looked up on chain).
	pub share: KeyShare,
	/// Evaluations per registrar per hour.
	pub rate_limit: u32,
	/// The audit log's path.
	pub audit_log: PathBuf,
	/// Where the share came from, for the log.
	pub source: String,
}

impl ServiceConfig {
	/// The service's configuration from the command line: the share in `--oprf-share-file`,
	/// or on the test chains the well-known share of the dev account the node runs as
	/// (`--alice` … `--dave`; `--dev` is Alice). `None` when the node serves no evaluation.
	pub fn from_params(
		params: &OprfParams,
		chain_id: &str,
		keyring: Option<sp_keyring::Sr25519Keyring>,
		data_path: &Path,
	) -> Result<Option<Self>, String> {
		use sp_keyring::Sr25519Keyring::*;
		let (share, source) = if let Some(file) = &params.oprf_share_file {
			(read_share_file(file)?, file.display().to_string())
		} else {
			let index = match (chain_id, keyring) {
				("loanchain_dev", None | Some(Alice)) => (1, 1, 1),
				("loanchain_local", Some(who @ (Alice | Bob | Charlie | Dave))) => {
					let index = [Alice, Bob, Charlie, Dave].iter().position(|k| *k == who);
					(3, 4, index.expect("one of the four") as u16 + 1)
				},
				_ => return Ok(None),
			};
			let (threshold, count, index) = index;
			let share = loanchain_oprf::dev_shares(threshold, count)
				.map_err(|e| e.to_string())?
				.swap_remove(usize::from(index) - 1);
			(share, format!("the test chains' well-known share {index}"))
		};
		Ok(Some(ServiceConfig {
			share,
			rate_limit: params.oprf_rate_limit,
			audit_log: data_path.join("oprf-audit.jsonl"),
			source,
		}))
	}
}

/// Reads a share file as `loanctl oprf-deal` writes it: one line of hex, the share's
/// secret, readable by its owner only.
fn read_share_file(path: &Path) -> Result<KeyShare, String> {
	use std::os::unix::fs::PermissionsExt;
	let name = path.display();
	let metadata = std::fs::metadata(path).map_err(|e| format!("--oprf-share-file {name}: {e}"))?;
	if metadata.permissions().mode() & 0o077 != 0 {
		return Err(format!(
			"--oprf-share-file {name} is readable by others: `chmod 600 {name}` (it is the \
			 registrar's share of the network key)"
		));
	}
	let text =
		std::fs::read_to_string(path).map_err(|e| format!("--oprf-share-file {name}: {e}"))?;
	let bytes = sp_core::bytes::from_hex(text.trim())
		.ok()
		.and_then(|bytes| <[u8; 32]>::try_from(bytes).ok())
		.ok_or_else(|| format!("--oprf-share-file {name} is not 32 bytes of hex"))?;
	// The index is looked up on chain; 1 stands in, the evaluation does not use it.
	KeyShare::from_bytes(1, &bytes)
		.map_err(|_| format!("--oprf-share-file {name} is not a share (a non-zero scalar)"))
}

/// What the node remembers between requests.
#[derive(Default)]
struct Ledger {
	/// Per registrar: evaluations ever (from the audit log), and the times of those in the
	/// last hour.
	counts: BTreeMap<[u8; 32], (u64, VecDeque<SystemTime>)>,
	/// Signatures answered in the freshness window, with their request time.
	seen: VecDeque<([u8; 64], u64)>,
}

/// The `oprf_*` RPC server of a registrar's node.
pub struct OprfService<C, B> {
	client: Arc<C>,
	share: KeyShare,
	rate_limit: u32,
	audit_log: PathBuf,
	ledger: Arc<Mutex<Ledger>>,
	_backend: core::marker::PhantomData<B>,
}

// One service for every RPC module the node builds: they share the ledger.
impl<C, B> Clone for OprfService<C, B> {
	fn clone(&self) -> Self {
		Self {
			client: self.client.clone(),
			share: self.share.clone(),
			rate_limit: self.rate_limit,
			audit_log: self.audit_log.clone(),
			ledger: self.ledger.clone(),
			_backend: Default::default(),
		}
	}
}

impl<C, B> OprfService<C, B>
where
	C: StorageProvider<Block, B> + HeaderBackend<Block> + Send + Sync + 'static,
	B: Backend<Block> + Send + Sync + 'static,
{
	/// The service, with the totals of its audit log so far.
	pub fn new(client: Arc<C>, config: ServiceConfig) -> Result<Self, String> {
		let mut ledger = Ledger::default();
		if let Ok(file) = std::fs::File::open(&config.audit_log) {
			for line in std::io::BufReader::new(file).lines().map_while(Result::ok) {
				let entry: serde_json::Value = serde_json::from_str(&line).map_err(|e| {
					format!("{} is not an audit log: {e}", config.audit_log.display())
				})?;
				let registrar = entry["registrar"]
					.as_str()
					.and_then(|hex| sp_core::bytes::from_hex(hex).ok())
					.and_then(|bytes| <[u8; 32]>::try_from(bytes).ok())
					.ok_or_else(|| {
						format!("{}: a line without a registrar", config.audit_log.display())
					})?;
				ledger.counts.entry(registrar).or_default().0 += 1;
			}
		}
		log::info!(
			target: "oprf",
			"serving oprf_evaluate to registrars with {}, at most {} per registrar per hour; \
			 audit log {}",
			config.source,
			config.rate_limit,
			config.audit_log.display()
		);
		Ok(Self {
			client,
			share: config.share,
			rate_limit: config.rate_limit,
			audit_log: config.audit_log,
			ledger: Arc::new(Mutex::new(ledger)),
			_backend: Default::default(),
		})
	}

	fn storage<T: Decode>(&self, key: Vec<u8>) -> Result<Option<T>, ErrorObjectOwned> {
		let best = self.client.info().best_hash;
		let data = self
			.client
			.storage(best, &StorageKey(key))
			.map_err(|e| error(codes::INTERNAL, format!("cannot read the chain: {e}")))?;
		data.map(|data| T::decode(&mut &data.0[..]))
			.transpose()
			.map_err(|e| error(codes::INTERNAL, format!("cannot decode the chain's state: {e}")))
	}

	fn is_registrar(&self, who: &AccountId) -> Result<bool, ErrorObjectOwned> {
		let key = pallet_credit_identity::Registrars::<Runtime>::hashed_key().to_vec();
		let registrars: Vec<AccountId> = self.storage(key)?.unwrap_or_default();
		Ok(registrars.contains(who))
	}

	/// The registrar whose public share is this node's share, and that share.
	fn own_share(&self) -> Result<(AccountId, OprfPublicShare), ErrorObjectOwned> {
		let element = self.share.public().element;
		let best = self.client.info().best_hash;
		let prefix = StorageKey(
			<pallet_credit_identity::OprfShares<Runtime> as StoragePrefixedMap<_>>::final_prefix()
				.to_vec(),
		);
		let pairs = self
			.client
			.storage_pairs(best, Some(&prefix), None)
			.map_err(|e| error(codes::INTERNAL, format!("cannot read the chain: {e}")))?;
		// At most MaxRegistrars entries.
		for (key, data) in pairs {
			let Ok(share) = OprfPublicShare::decode(&mut &data.0[..]) else { continue };
			if share.element != element {
				continue;
			}
			// Twox64Concat: the account is the key's last 32 bytes.
			let account = key.0.len().checked_sub(32).map(|at| &key.0[at..]);
			if let Some(account) = account.and_then(|a| <[u8; 32]>::try_from(a).ok()) {
				return Ok((AccountId::from(account), share));
			}
		}
		Err(error(
			codes::SHARE_NOT_ON_CHAIN,
			"this node's OPRF share is no registrar's public share on chain: it serves no \
			 evaluation until the institutions add its registrar with this share",
		))
	}

	/// Counts an evaluation for `registrar` if its hour's limit allows it.
	fn admit(&self, registrar: [u8; 32], signature: [u8; 64], requested_at: u64) -> RpcResult<()> {
		let now = SystemTime::now();
		let mut ledger = self.ledger.lock().expect("not poisoned");
		let window_start_ms = now
			.checked_sub(FRESHNESS * 2)
			.and_then(|t| t.duration_since(UNIX_EPOCH).ok())
			.map_or(0, |d| d.as_millis() as u64);
		while ledger.seen.front().is_some_and(|(_, at)| *at < window_start_ms) {
			ledger.seen.pop_front();
		}
		if ledger.seen.iter().any(|(seen, _)| *seen == signature) {
			return Err(error(codes::REPLAYED_REQUEST, "this request was answered before"));
		}
		let (_, recent) = ledger.counts.entry(registrar).or_default();
		while recent
			.front()
			.is_some_and(|t| now.duration_since(*t).unwrap_or_default() > WINDOW)
		{
			recent.pop_front();
		}
		if recent.len() >= self.rate_limit as usize {
			return Err(error(
				codes::RATE_LIMITED,
				format!(
					"rate limit: {} evaluations in the last hour, at most {} per registrar",
					recent.len(),
					self.rate_limit
				),
			));
		}
		recent.push_back(now);
		ledger.seen.push_back((signature, requested_at));
		Ok(())
	}

	fn audit(&self, registrar: &[u8; 32], blinded: &[u8; 32]) -> RpcResult<()> {
		let line = serde_json::json!({
			"at": SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default().as_millis() as u64,
			"registrar": Hash32(*registrar),
			"blinded": Hash32(*blinded),
		});
		let mut file = std::fs::OpenOptions::new()
			.create(true)
			.append(true)
			.open(&self.audit_log)
			.and_then(|mut file| writeln!(file, "{line}").map(|()| file))
			.map_err(|e| error(codes::INTERNAL, format!("cannot write the audit log: {e}")))?;
		file.flush().map_err(|e| error(codes::INTERNAL, format!("audit log: {e}")))?;
		let mut ledger = self.ledger.lock().expect("not poisoned");
		ledger.counts.entry(*registrar).or_default().0 += 1;
		Ok(())
	}
}

impl<C, B> OprfApiServer for OprfService<C, B>
where
	C: StorageProvider<Block, B> + HeaderBackend<Block> + Send + Sync + 'static,
	B: Backend<Block> + Send + Sync + 'static,
{
	fn evaluate(&self, request: EvaluationRequest) -> RpcResult<EvaluationAnswer> {
		let EvaluationRequest { registrar, blinded, requested_at, signature } = request;
		let now_ms = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default().as_millis();
		if (now_ms as i128 - requested_at as i128).unsigned_abs() > FRESHNESS.as_millis() {
			return Err(error(
				codes::STALE_REQUEST,
				"the request's time is more than five minutes off this node's clock",
			));
		}
		let genesis = self.client.info().genesis_hash;
		let hash = loanchain_oprf::request_hash(
			genesis.as_fixed_bytes(),
			&registrar.0,
			&blinded.0,
			requested_at,
		);
		let signed = loanchain_sealing::wrapped_for_signing(&hash);
		let public = sr25519::Public::from_raw(registrar.0);
		if !sr25519::Pair::verify(&sr25519::Signature::from_raw(signature), &signed, &public) {
			return Err(error(
				codes::BAD_SIGNATURE,
				"the signature is not the registrar's over this request on this chain",
			));
		}
		if !self.is_registrar(&AccountId::from(registrar.0))? {
			return Err(error(codes::NOT_A_REGISTRAR, "the signer is not a registrar on chain"));
		}
		let (own_account, own_share) = self.own_share()?;
		let answer = loanchain_oprf::evaluate(&self.share, &blinded.0, &mut rand_core::OsRng)
			.map_err(|e| match e {
				OprfError::MalformedBlindedElement => {
					error(codes::MALFORMED_BLINDED_ELEMENT, e.to_string())
				},
				other => error(codes::INTERNAL, other.to_string()),
			})?;
		self.admit(registrar.0, signature, requested_at)?;
		self.audit(&registrar.0, &blinded.0)?;
		Ok(EvaluationAnswer {
			registrar: Hash32(own_account.into()),
			index: own_share.index,
			element: Hash32(answer.element),
			proof: answer.proof,
		})
	}

	fn evaluation_counts(&self) -> RpcResult<Vec<EvaluationCount>> {
		let now = SystemTime::now();
		let ledger = self.ledger.lock().expect("not poisoned");
		Ok(ledger
			.counts
			.iter()
			.map(|(registrar, (total, recent))| EvaluationCount {
				registrar: Hash32(*registrar),
				total: *total,
				last_hour: recent
					.iter()
					.filter(|t| now.duration_since(**t).unwrap_or_default() <= WINDOW)
					.count() as u32,
			})
			.collect())
	}
}
