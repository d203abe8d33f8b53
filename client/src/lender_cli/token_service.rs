//! A registrar's token service, `loanctl token-service`: what a registrar runs beside its
//! node so that lenders get their tokens without anyone at the registrar lifting a finger.
//! Every block it
//! - keeps a token key published for the current epoch and the next
//!   (`CreditIdentity.set_token_key`), each a fresh RSA-2048 key kept in `--key-dir`
//!   (mode 0600) and deleted once no token of it is good any more;
//! - answers every request for lender tokens made of the registrar for an epoch not over,
//!   by the key it published for it (`CreditIdentity.issue_lender_tokens`), with one blind
//!   signature per blinded token — it cannot see the per-loan keys they certify (RFC 9474).
//!   A waiting request that is not its to answer is read once, not every block.
//!
//! Its transactions are signed by the registrar's account, which pays their fees. With
//! `--once` it does one round, waits until the blocks include what it submitted, and prints
//! what was done (docs/identity.md runs it so).

use super::*;
use loanchain_client::chain::{signed_transaction, OpenTokenRequest};
use pallet_credit_identity::Call as IdentityCall;
use sp_core::{sr25519, H256};
use std::{
	collections::{BTreeMap, BTreeSet},
	time::Duration,
};

#[derive(Args)]
pub struct TokenServiceArgs {
	/// The node's JSON-RPC URL.
	#[arg(long, value_name = "URL")]
	rpc: String,
	/// The registrar's account (sr25519): a secret URI or mnemonic, or `-` to read it from
	/// standard input. It signs `setTokenKey` and `issueLenderTokens`, and pays their fees.
	#[arg(long, value_name = "SURI")]
	suri: String,
	/// Where the token keys are kept, one file an epoch (`epoch-<N>.pem`, readable by you
	/// only): made if missing. A key is deleted once its tokens are no longer good.
	#[arg(long, value_name = "DIR")]
	key_dir: PathBuf,
	/// One round, then exit: publish the keys missing for this epoch and the next, answer
	/// the requests waiting, wait until blocks include them, and print what was done.
	#[arg(long)]
	once: bool,
}

/// How many blocks a transaction the service submitted may take before it submits it again.
const RESUBMIT_AFTER: u32 = 10;
/// How often the service looks at the chain, and how long it waits after losing the node.
const POLL: Duration = Duration::from_secs(2);
const RECONNECT: Duration = Duration::from_secs(5);

/// What the service does: a key published, or a request answered.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Task {
	PublishKey { epoch: u32 },
	Answer { request: u64, count: u32 },
}

impl Task {
	fn describe(&self) -> String {
		match self {
			Task::PublishKey { epoch } => format!("the token key of epoch {epoch}"),
			Task::Answer { request, count } => format!("request {request} ({count} tokens)"),
		}
	}

	fn json(&self) -> serde_json::Value {
		match self {
			Task::PublishKey { epoch } => serde_json::json!({ "publishedKey": epoch }),
			Task::Answer { request, count } => {
				serde_json::json!({ "answeredRequest": request, "tokens": count })
			},
		}
	}
}

/// A registrar's service on one node.
struct Service {
	node: rpc::Node,
	signer: sr25519::Pair,
	registrar: AccountId,
	genesis: H256,
	key_dir: PathBuf,
}

impl Service {
	fn connect(args: &TokenServiceArgs, suri: &str) -> Result<Self, Failure> {
		let signer = sr25519::Pair::from_string(suri, None)
			.map_err(|e| Failure::Input(format!("--suri is not a secret URI: {e:?}")))?;
		let registrar = AccountId::from(signer.public());
		let node = chain_node(&args.rpc)?;
		let genesis = H256(node.block_hash(Some(0)).map_err(operation)?);
		let service = Service { node, signer, registrar, genesis, key_dir: args.key_dir.clone() };
		if !service.is_registrar()? {
			return Err(Failure::Input(format!(
				"{} is not a registrar of this chain (CreditIdentity.Registrars)",
				service.registrar.to_ss58check()
			)));
		}
		Ok(service)
	}

	fn is_registrar(&self) -> Result<bool, Failure> {
		let key = pallet_credit_identity::Registrars::<Runtime>::hashed_key().to_vec();
		let at = self.node.block_hash(None).map_err(operation)?;
		let stored = self.node.storage(key, at).map_err(operation)?.unwrap_or_default();
		let registrars =
			<Vec<AccountId> as codec::Decode>::decode(&mut &stored[..]).unwrap_or_default();
		Ok(registrars.contains(&self.registrar))
	}

	fn key_path(&self, epoch: u32) -> PathBuf {
		self.key_dir.join(format!("epoch-{epoch}.pem"))
	}

	/// The key of `epoch` from its file, if there is one.
	fn stored_key(&self, epoch: u32) -> Result<Option<RegistrarKey>, Failure> {
		let path = self.key_path(epoch);
		if !path.exists() {
			return Ok(None);
		}
		let pem = String::from_utf8(read_input(&path)?)
			.map_err(|_| Failure::Input(format!("{} is not a PEM file", path.display())))?;
		Ok(Some(RegistrarKey::from_pem(&pem)?))
	}

	/// The key of `epoch`: the file's, or a new one written to it.
	fn key_for(&self, epoch: u32) -> Result<RegistrarKey, Failure> {
		if let Some(key) = self.stored_key(epoch)? {
			return Ok(key);
		}
		let key = RegistrarKey::generate().map_err(operation)?;
		let pem = key.to_pem().map_err(operation)?;
		keyfile::create_private(&self.key_path(epoch), pem.as_bytes())?;
		Ok(key)
	}

	/// Deletes the keys of epochs before `oldest_good`: none of their tokens is good now.
	fn forget_old_keys(&self, oldest_good: u32) {
		let Ok(entries) = std::fs::read_dir(&self.key_dir) else { return };
		for entry in entries.flatten() {
			let name = entry.file_name();
			let epoch = name
				.to_str()
				.and_then(|n| n.strip_prefix("epoch-")?.strip_suffix(".pem")?.parse::<u32>().ok());
			if epoch.is_some_and(|epoch| epoch < oldest_good) {
				let _ = std::fs::remove_file(entry.path());
			}
		}
	}

	/// What needs doing at the best block: the keys missing for this epoch and the next,
	/// and the registrar's requests open for an epoch not over. `others` are the waiting
	/// requests seen before that are not for the service to answer (another registrar's,
	/// or of an epoch over): they are not read again, and those no longer waiting are
	/// forgotten.
	fn due(&self, others: &mut BTreeSet<u64>) -> Result<Vec<Task>, Failure> {
		let node = &self.node;
		let at = node.block_hash(None).map_err(operation)?;
		let day = node.blocks_per_day().map_err(operation)?;
		let now = node.best_number().map_err(operation)? / day;
		self.forget_old_keys(now.saturating_sub(1));
		let mut due = Vec::new();
		for epoch in [now, now + 1] {
			if node.token_key(&self.registrar, epoch).map_err(operation)?.is_none() {
				due.push(Task::PublishKey { epoch });
			}
		}
		let waiting = node.open_token_requests(at).map_err(operation)?;
		others.retain(|request| waiting.binary_search(request).is_ok());
		for request in waiting {
			if others.contains(&request) {
				continue;
			}
			match node.token_request(request).map_err(operation)? {
				Some(open) if open.registrar == self.registrar && open.epoch >= now => {
					due.push(Task::Answer { request, count: open.blinded.len() as u32 })
				},
				// Another registrar's, or of an epoch over (only its requester can take it
				// back); or answered since.
				_ => {
					others.insert(request);
				},
			}
		}
		Ok(due)
	}

	/// The call that does `task`.
	fn call(&self, task: Task) -> Result<RuntimeCall, String> {
		let call = match task {
			Task::PublishKey { epoch } => {
				let modulus = self.key_for(epoch).map_err(said)?.modulus();
				IdentityCall::set_token_key { epoch, modulus }
			},
			Task::Answer { request, .. } => {
				let open = self
					.node
					.token_request(request)
					.map_err(|e| e.to_string())?
					.ok_or("it is no longer waiting")?;
				self.answer(request, &open)?
			},
		};
		Ok(RuntimeCall::CreditIdentity(call))
	}

	/// The answer to `request`: a blind signature per blinded token, by the key published
	/// for its epoch.
	fn answer(
		&self,
		request: u64,
		open: &OpenTokenRequest,
	) -> Result<IdentityCall<Runtime>, String> {
		let published = self
			.node
			.token_key(&self.registrar, open.epoch)
			.map_err(|e| e.to_string())?
			.ok_or_else(|| format!("the registrar has no key of epoch {}", open.epoch))?;
		let key = self
			.stored_key(open.epoch)
			.map_err(said)?
			.filter(|key| key.modulus() == published.modulus)
			.ok_or_else(|| {
				format!(
					"the key published for epoch {} is not in {}",
					open.epoch,
					self.key_dir.display()
				)
			})?;
		let signatures = open
			.blinded
			.iter()
			.map(|blinded| key.blind_sign(blinded))
			.collect::<Result<Vec<_>, _>>()
			.map_err(|e| e.to_string())?;
		let blind_signatures = signatures.try_into().map_err(|_| "too many tokens".to_string())?;
		Ok(IdentityCall::issue_lender_tokens { request, blind_signatures })
	}

	/// Does `task` with `nonce`: the transaction's bytes once in the node's pool, or why it
	/// could not be made or the pool refused it.
	fn submit(&self, task: Task, nonce: u32) -> Result<Vec<u8>, String> {
		let call = self.call(task)?;
		let extrinsic = signed_transaction(call, &self.signer, nonce, self.genesis).encode();
		self.node.submit(extrinsic.clone()).map_err(|e| e.to_string())?;
		Ok(extrinsic)
	}

	fn next_nonce(&self) -> Result<u32, Failure> {
		self.node.account_next_index(&self.registrar.to_ss58check()).map_err(operation)
	}

	/// `--once`: one round, every transaction waited for.
	fn once(&self) -> Result<String, Failure> {
		let from = self.node.best_number().map_err(operation)?;
		let mut nonce = self.next_nonce()?;
		let mut submitted = Vec::new();
		let mut report = Vec::new();
		for task in self.due(&mut BTreeSet::new())? {
			match self.submit(task, nonce) {
				Ok(extrinsic) => {
					nonce += 1;
					submitted.push((task, extrinsic));
				},
				Err(why) => report.push(with_error(task, why)),
			}
		}
		for (task, extrinsic) in submitted {
			report.push(match self.node.included(from, &extrinsic) {
				Ok(included) => {
					let mut line = task.json();
					line["block"] = included.block.into();
					line
				},
				Err(why) => with_error(task, why.to_string()),
			});
		}
		Ok(pretty(serde_json::Value::Array(report)))
	}

	/// Rounds, a block each, until the node goes away: each task submitted once, and again
	/// if no block did it within [`RESUBMIT_AFTER`] blocks.
	fn serve(&self) -> Result<(), Failure> {
		let mut submitted: BTreeMap<Task, u32> = BTreeMap::new();
		let mut others = BTreeSet::new();
		let mut last = None;
		loop {
			let best = self.node.best_number().map_err(operation)?;
			if last == Some(best) {
				std::thread::sleep(POLL);
				continue;
			}
			last = Some(best);
			let due = self.due(&mut others)?;
			submitted.retain(|task, _| due.contains(task));
			let mut nonce = None;
			for task in due {
				if submitted.get(&task).is_some_and(|at| best < at + RESUBMIT_AFTER) {
					continue;
				}
				let n = match nonce {
					Some(n) => n,
					None => self.next_nonce()?,
				};
				match self.submit(task, n) {
					Ok(_) => {
						nonce = Some(n + 1);
						submitted.insert(task, best);
						eprintln!(
							"loanctl token-service: submitted {} at block {best}",
							task.describe()
						);
					},
					Err(why) => {
						eprintln!("loanctl token-service: {}: {why}", task.describe())
					},
				}
			}
		}
	}
}

/// What a failure says.
fn said(failure: Failure) -> String {
	match failure {
		Failure::Input(why) | Failure::Operation(why) => why,
	}
}

fn with_error(task: Task, error: String) -> serde_json::Value {
	let mut line = task.json();
	line["error"] = error.into();
	line
}

/// `loanctl token-service`.
pub fn token_service(args: TokenServiceArgs) -> Result<String, Failure> {
	let suri = read_suri(&args.suri)?;
	keyfile::private_dir(&args.key_dir)?;
	if args.once {
		return Service::connect(&args, &suri)?.once();
	}
	loop {
		match Service::connect(&args, &suri) {
			Ok(service) => {
				eprintln!(
					"loanctl token-service: serving as registrar {}, keys in {}",
					service.registrar.to_ss58check(),
					args.key_dir.display()
				);
				// Only losing the node ends a round of serving: the service waits for it
				// (restarted, upgraded) and carries on.
				if let Err(why) = service.serve() {
					eprintln!("loanctl token-service: {}", said(why));
				}
			},
			// Not reachable yet, or running another runtime than this loanctl's: said,
			// and tried again.
			Err(Failure::Operation(why)) => {
				eprintln!("loanctl token-service: {why}; trying again")
			},
			Err(other) => return Err(other),
		}
		std::thread::sleep(RECONNECT);
	}
}
