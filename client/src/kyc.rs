//! A registrar computing the next id (`loanchain/id/v2`, SPEC §2) of the document in its
//! hands, with the other registrars' evaluation services: it blinds the number, asks the
//! registrars' nodes (`oprf_evaluate`, each request signed with its own registrar account),
//! checks every answer's proof against the answering registrar's public share on chain —
//! read from its own node, not from the registrar that answers — and combines `t` answers.
//! The other registrars see a random-looking element, never the number.

use crate::{
	identity::{self, Kind},
	rpc::{storage_prefix, Node, RpcError},
};
use codec::Decode;
use loanchain_oprf::{Blinding, Evaluation, OprfError, PublicShare};
use loanchain_primitives::rpc::{EvaluationRequest, Hash32};
use sp_core::{sr25519, Pair};
use std::time::{SystemTime, UNIX_EPOCH};

/// Why no id came out.
#[derive(Debug, thiserror::Error)]
pub enum KycError {
	#[error("{0}")]
	Number(String),
	#[error("{0}")]
	Node(#[from] RpcError),
	#[error("the chain at {0} has no OPRF threshold: its registrars hold no shares of an id key")]
	NoThreshold(String),
	#[error("{0}")]
	Oprf(#[from] OprfError),
	#[error("{have} of the {need} registrars' answers needed{}", refusals(refused))]
	TooFewAnswers { have: usize, need: usize, refused: Vec<String> },
}

fn refusals(refused: &[String]) -> String {
	if refused.is_empty() {
		"; give more --registrar-rpc".into()
	} else {
		format!("; refused: {}", refused.join("; "))
	}
}

/// The public share of `registrar` on chain (`CreditIdentity.OprfShares`, Twox64Concat).
fn public_share(
	node: &Node,
	at: [u8; 32],
	registrar: &[u8; 32],
) -> Result<Option<PublicShare>, KycError> {
	let key = [
		storage_prefix("CreditIdentity", "OprfShares"),
		sp_crypto_hashing::twox_64(registrar).to_vec(),
		registrar.to_vec(),
	]
	.concat();
	let bytes = node.storage(key, at)?;
	Ok(bytes.and_then(|bytes| PublicShare::decode(&mut &bytes[..]).ok()))
}

/// The number of registrars' answers that compute an id (`CreditIdentity.OprfThreshold`).
pub fn threshold(node: &Node, at: [u8; 32], url: &str) -> Result<u16, KycError> {
	let bytes = node.storage(storage_prefix("CreditIdentity", "OprfThreshold"), at)?;
	match bytes.and_then(|bytes| u16::decode(&mut &bytes[..]).ok()) {
		Some(threshold) if threshold > 0 => Ok(threshold),
		_ => Err(KycError::NoThreshold(url.into())),
	}
}

/// The next id of `number`, computed with the registrars' nodes at `registrar_urls` (asked
/// in order until `t` have answered) by the registrar whose secret URI is `suri`; the
/// chain's state (genesis hash, threshold, public shares) is read from the node at
/// `own_url`.
pub fn id_hash_with_registrars(
	kind: Kind,
	number: &str,
	own_url: &str,
	registrar_urls: &[String],
	suri: &str,
) -> Result<[u8; 32], KycError> {
	let normalized =
		identity::normalize(kind, number).map_err(|e| KycError::Number(e.to_string()))?;
	let tag = kind.tag();
	let pair = sr25519::Pair::from_string(suri, None)
		.map_err(|e| KycError::Number(format!("--suri is not a secret URI: {e:?}")))?;
	let own = Node::connect(own_url)?;
	let genesis = own.block_hash(Some(0))?;
	let best = own.block_hash(None)?;
	let need = threshold(&own, best, own_url)?;

	let blinding = loanchain_oprf::blind(
		&loanchain_oprf::oprf_input(tag, &normalized),
		&mut rand_core::OsRng,
	)?;
	let mut answers = Vec::new();
	let mut refused = Vec::new();
	for url in registrar_urls {
		if answers.len() == usize::from(need) {
			break;
		}
		match ask(url, &own, best, genesis, &pair, &blinding) {
			Ok(answer) => answers.push(answer),
			Err(reason) => refused.push(format!("{url}: {reason}")),
		}
	}
	if answers.len() < usize::from(need) {
		return Err(KycError::TooFewAnswers { have: answers.len(), need: need.into(), refused });
	}
	let output = blinding.finish(&answers, need)?;
	Ok(loanchain_oprf::id_hash(&output))
}

/// One registrar's answer, with the public share (from the chain) it is checked against.
fn ask(
	url: &str,
	own: &Node,
	at: [u8; 32],
	genesis: [u8; 32],
	pair: &sr25519::Pair,
	blinding: &Blinding,
) -> Result<(PublicShare, Evaluation), KycError> {
	let registrar = pair.public().0;
	let requested_at =
		SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default().as_millis() as u64;
	let hash = loanchain_oprf::request_hash(&genesis, &registrar, &blinding.blinded, requested_at);
	let signature = pair.sign(&loanchain_sealing::wrapped_for_signing(&hash)).0;
	let answer = Node::connect(url)?.evaluate(EvaluationRequest {
		registrar: Hash32(registrar),
		blinded: Hash32(blinding.blinded),
		requested_at,
		signature,
	})?;
	let share = public_share(own, at, &answer.registrar.0)?.ok_or_else(|| {
		KycError::Number(format!(
			"it answered as {}, which has no public share on chain",
			loanchain_primitives::rpc::hex0x::encode(&answer.registrar.0)
		))
	})?;
	if share.index != answer.index {
		return Err(KycError::Number(format!(
			"it answered as share {}, but its share on chain is {}",
			answer.index, share.index
		)));
	}
	Ok((share, Evaluation { element: answer.element.0, proof: answer.proof }))
}
