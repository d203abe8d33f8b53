//! The node's `loans_*` JSON-RPC methods, declared once: the node implements
//! [`LoansApiServer`], `loanctl` calls [`LoansApiClient`], and both exchange the answer types
//! below. docs/api.md describes each field. Likewise the `oprf_*` methods a registrar's node
//! serves to other registrars ([`OprfApiServer`], [`OprfApiClient`]; docs/identity.md).
//!
//! Bytes are `0x`-prefixed hex ([`hex0x`]); block numbers are numbers; times are RFC 3339
//! in UTC; amounts are strings of plancks (they exceed JavaScript's safe integers).

use crate::{LoanId, Role};
use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use serde::{Deserialize, Serialize};

/// Bytes as `0x` and two hex digits a byte, for `#[serde(with = "hex0x")]` on `[u8; N]`
/// and `Vec<u8>` fields. A fixed-length field refuses any other length, and a bad digit is
/// named, so that a malformed parameter gets a reason a person can act on.
pub mod hex0x {
	use serde::{de::Error, Deserialize, Deserializer, Serializer};

	/// What can be read from hex: a fixed number of bytes, or any.
	pub trait FromHexBytes: Sized {
		/// The number of bytes, when it is fixed.
		const LEN: Option<usize>;
		/// `bytes`, whose length was checked against [`Self::LEN`].
		fn from_bytes(bytes: Vec<u8>) -> Self;
	}

	impl<const N: usize> FromHexBytes for [u8; N] {
		const LEN: Option<usize> = Some(N);
		fn from_bytes(bytes: Vec<u8>) -> Self {
			let mut out = [0u8; N];
			out.copy_from_slice(&bytes);
			out
		}
	}

	impl FromHexBytes for Vec<u8> {
		const LEN: Option<usize> = None;
		fn from_bytes(bytes: Vec<u8>) -> Self {
			bytes
		}
	}

	/// `bytes` as `0x…`.
	pub fn encode(bytes: &[u8]) -> String {
		const DIGITS: &[u8; 16] = b"0123456789abcdef";
		let mut out = String::with_capacity(2 + 2 * bytes.len());
		out.push_str("0x");
		for byte in bytes {
			out.push(DIGITS[(byte >> 4) as usize] as char);
			out.push(DIGITS[(byte & 15) as usize] as char);
		}
		out
	}

	/// The bytes of `text` (`0x` optional), `len` of them when given.
	pub fn decode(text: &str, len: Option<usize>) -> Result<Vec<u8>, String> {
		let digits = text.strip_prefix("0x").unwrap_or(text);
		if let Some((position, c)) = digits.char_indices().find(|(_, c)| !c.is_ascii_hexdigit()) {
			return Err(format!("invalid hex character {c:?} at position {position}"));
		}
		match len {
			Some(len) if digits.len() != 2 * len => {
				return Err(format!(
					"invalid length {}, expected 0x and {} hex digits ({len} bytes)",
					digits.len(),
					2 * len
				))
			},
			None if digits.len() % 2 == 1 => {
				return Err(format!(
					"invalid length {}, expected an even number of hex digits",
					digits.len()
				))
			},
			_ => {},
		}
		let nibble = |c: u8| (c as char).to_digit(16).unwrap_or(0) as u8;
		Ok(digits
			.as_bytes()
			.chunks(2)
			.map(|pair| nibble(pair[0]) << 4 | nibble(pair[1]))
			.collect())
	}

	pub fn serialize<S: Serializer, T: AsRef<[u8]>>(
		bytes: &T,
		serializer: S,
	) -> Result<S::Ok, S::Error> {
		serializer.serialize_str(&encode(bytes.as_ref()))
	}

	pub fn deserialize<'de, D: Deserializer<'de>, T: FromHexBytes>(
		deserializer: D,
	) -> Result<T, D::Error> {
		let text = String::deserialize(deserializer)?;
		decode(&text, T::LEN).map(T::from_bytes).map_err(D::Error::custom)
	}
}

/// 32 bytes in hex: an id_hash, or a block hash on the client's side.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Hash32(#[serde(with = "hex0x")] pub [u8; 32]);

/// How a loan's details can be had.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DisclosureKind {
	/// Sealed; a viewer may ask the lender, who may answer or not.
	Encrypted,
	/// Sealed; access is sold at `price`.
	Paid,
	/// The content key is published: anyone reads the details and the outcome.
	Public,
}

/// What a summary line says happened: always "borrowed".
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SummaryEvent {
	Borrowed,
}

/// One line of `loans_borrowerSummary`: when a loan took effect, and how its details can
/// be had. Never the lender, the amount or the outcome.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SummaryItem {
	pub loan_id: LoanId,
	/// When the loan took effect, RFC 3339 in UTC.
	pub time: String,
	pub event: SummaryEvent,
	pub disclosure: DisclosureKind,
	/// The price of access, in plancks, when `disclosure` is `paid`.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub price: Option<String>,
}

/// Where a loan is in its life.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum LoanStateKind {
	Proposed,
	Active,
	AwaitingFeedback,
	ExtensionProposed,
	Concluded,
}

/// A published outcome.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum OutcomeKind {
	PerformedNormally,
	Breached,
}

/// When a loan took effect.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActivatedAt {
	pub block: u64,
	/// RFC 3339 in UTC.
	pub time: String,
}

/// A private lender's extension offer (`Loans.SealedExtensions`): the days sealed under the
/// loan's content key (`loanchain_sealing::seal_extension`, at place `index`).
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SealedExtensionRecord {
	/// The offer's place in the loan's list, counting from 0.
	pub index: u32,
	#[serde(with = "hex0x")]
	pub nonce: [u8; 12],
	#[serde(with = "hex0x")]
	pub ciphertext: [u8; 20],
	pub offered_at: u64,
	/// When the borrower confirmed it; `null` while it waits.
	pub confirmed_at: Option<u64>,
	/// The days offered, in plaintext once the loan is public.
	pub extra_days: Option<u32>,
}

/// An extension the borrower confirmed.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExtensionRecord {
	pub extra_days: u32,
	pub confirmed_at: u64,
	pub new_maturity: u64,
}

/// The sealed outcome: its nonce and the outcome byte's ciphertext.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SealedOutcomeRecord {
	#[serde(with = "hex0x")]
	pub nonce: [u8; 12],
	#[serde(with = "hex0x")]
	pub ciphertext: Vec<u8>,
}

/// A loan's sealed details, as the chain stores them (the sealing format).
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SealedRecord {
	#[serde(with = "hex0x")]
	pub nonce: [u8; 12],
	#[serde(with = "hex0x")]
	pub ciphertext: Vec<u8>,
	#[serde(with = "hex0x")]
	pub key_commitment: [u8; 32],
	#[serde(with = "hex0x")]
	pub lender_envelope: [u8; 80],
	#[serde(with = "hex0x")]
	pub borrower_envelope: [u8; 80],
	pub outcome: Option<SealedOutcomeRecord>,
}

/// A loan as `loans_loan` returns it: its public fields, its sealed parts, and its details
/// and outcome in plaintext once the lender has published the content key.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LoanRecord {
	pub loan_id: LoanId,
	/// The account that holds the lender's identity at the block asked about (SS58);
	/// `null` for a private lender.
	pub lender: Option<String>,
	/// The account that holds the borrower's identity (SS58).
	pub borrower: String,
	/// The lender's id_hash; `null` for a private lender.
	pub lender_id: Option<Hash32>,
	/// A private lender's per-loan key (sr25519); `null` for a public lender.
	pub lender_key: Option<Hash32>,
	#[serde(with = "hex0x")]
	pub borrower_id: [u8; 32],
	pub proposer: Role,
	pub period_days: u32,
	pub state: LoanStateKind,
	pub proposed_at: u64,
	pub activated_at: Option<ActivatedAt>,
	pub maturity: Option<u64>,
	pub extensions: Vec<ExtensionRecord>,
	/// A private lender's extension offers, their days sealed (absent for a public lender,
	/// whose extensions are `extensions`).
	#[serde(default, skip_serializing_if = "Vec::is_empty")]
	pub sealed_extensions: Vec<SealedExtensionRecord>,
	pub concluded_at: Option<u64>,
	pub disclosure: DisclosureKind,
	/// The price of access, in plancks, when `disclosure` is `paid`.
	pub price: Option<String>,
	pub sealed: SealedRecord,
	/// The details in plaintext (their JSON) once public.
	pub details: Option<serde_json::Value>,
	/// The outcome in plaintext once public and concluded.
	pub outcome: Option<OutcomeKind>,
}

/// The `loans_*` methods of a Loanchain node.
#[rpc(client, server)]
pub trait LoansApi<BlockHash> {
	/// A borrower's summary: when they borrowed, and how each loan's details can be had,
	/// in loan id order from loan id `from` (default 0) on, at most `limit` lines (default
	/// and most [`crate::MAX_SUMMARY_PAGE`]). A full page may have more after it: ask again
	/// with `from` one past the last `loanId` and the same `at`.
	#[method(name = "loans_borrowerSummary")]
	fn borrower_summary(
		&self,
		id_hash: Hash32,
		at: Option<BlockHash>,
		from: Option<LoanId>,
		limit: Option<u32>,
	) -> RpcResult<Vec<SummaryItem>>;

	/// A loan, with its details and outcome in plaintext once they are public; `null` for
	/// an unknown loan.
	#[method(name = "loans_loan")]
	fn loan(&self, loan_id: LoanId, at: Option<BlockHash>) -> RpcResult<Option<LoanRecord>>;

	/// The envelope the lender of `loan_id` granted to the account `viewer` (its 32 bytes,
	/// hex): the content key sealed to the viewer's registered X25519 key. `null` when none
	/// was granted to it.
	#[method(name = "loans_accessGrant")]
	fn access_grant(
		&self,
		loan_id: LoanId,
		viewer: Hash32,
		at: Option<BlockHash>,
	) -> RpcResult<Option<AccessGrantRecord>>;
}

/// An envelope a lender granted to a viewer, as `loans_accessGrant` returns it.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccessGrantRecord {
	#[serde(with = "hex0x")]
	pub envelope: [u8; 80],
}

/// A registrar's request to another registrar's node for an evaluation of the network's
/// OPRF (`oprf_evaluate`), signed by the requesting registrar's account, so that the
/// answering node serves only registrars and counts what each asked.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EvaluationRequest {
	/// The requesting registrar's account: its 32-byte sr25519 public key.
	pub registrar: Hash32,
	/// The blinded element: a ristretto255 element, 32 bytes.
	pub blinded: Hash32,
	/// When the request was signed, in milliseconds since the Unix epoch. A node refuses a
	/// request more than five minutes off its clock, and a request it answered before.
	pub requested_at: u64,
	/// The registrar's sr25519 signature over `<Bytes>` ‖ the request hash ‖ `</Bytes>`
	/// (`loanchain_oprf::request_hash`: the chain's genesis hash, the registrar, the blinded
	/// element and the time).
	#[serde(with = "hex0x")]
	pub signature: [u8; 64],
}

/// A registrar node's answer to `oprf_evaluate`: its evaluation of the blinded element with
/// its share, and the DLEQ proof that it used the share whose public part is on chain as
/// `CreditIdentity.OprfShares(registrar)`.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EvaluationAnswer {
	/// The answering registrar's account, whose public share the proof is checked against.
	pub registrar: Hash32,
	/// Its share's index in the dealing.
	pub index: u16,
	/// The evaluated element, 32 bytes.
	pub element: Hash32,
	/// The DLEQ proof, 64 bytes.
	#[serde(with = "hex0x")]
	pub proof: [u8; 64],
}

/// How many evaluations one registrar asked of a node (`oprf_evaluationCounts`).
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EvaluationCount {
	/// The requesting registrar's account.
	pub registrar: Hash32,
	/// Evaluations answered to it, ever (the node's audit log).
	pub total: u64,
	/// Evaluations answered to it in the last hour (the rate limit's window).
	pub last_hour: u32,
}

/// The `oprf_*` methods a registrar's node serves when it is started with its share of the
/// network's OPRF key (docs/identity.md): off otherwise.
#[rpc(client, server)]
pub trait OprfApi {
	/// Evaluates a registrar's blinded element with this node's share, with its proof.
	#[method(name = "oprf_evaluate")]
	fn evaluate(&self, request: EvaluationRequest) -> RpcResult<EvaluationAnswer>;

	/// What each registrar asked of this node, from its audit log: the institutions' check
	/// that no registrar enumerates ID numbers through its peers.
	#[method(name = "oprf_evaluationCounts")]
	fn evaluation_counts(&self) -> RpcResult<Vec<EvaluationCount>>;
}

/// The header fields a client of the loans methods needs.
#[derive(Clone, PartialEq, Eq, Debug, Deserialize)]
pub struct HeaderNumber {
	/// The block number, as Substrate writes it: `0x` and hex digits.
	pub number: String,
}

impl HeaderNumber {
	/// The block number.
	pub fn value(&self) -> Option<u64> {
		u64::from_str_radix(self.number.trim_start_matches("0x"), 16).ok()
	}
}

/// The methods of Substrate's `chain_*` API (served by every node, `sc-rpc`) a client of
/// the loans methods uses: which block to read at, how far the chain is, and what a block holds.
#[rpc(client)]
pub trait ChainApi<Hash> {
	/// The hash of block `number`, or of the best block.
	#[method(name = "chain_getBlockHash")]
	fn block_hash(&self, number: Option<u64>) -> RpcResult<Option<Hash>>;

	/// The header of block `hash`, or of the best block.
	#[method(name = "chain_getHeader")]
	fn header(&self, hash: Option<Hash>) -> RpcResult<Option<HeaderNumber>>;

	/// Block `hash`, or the best block: its extrinsics.
	#[method(name = "chain_getBlock")]
	fn block(&self, hash: Option<Hash>) -> RpcResult<Option<SignedBlockBody>>;
}

/// What a client reads of `chain_getBlock`'s answer: the block's extrinsics, SCALE-encoded.
#[derive(Clone, PartialEq, Eq, Debug, Deserialize)]
pub struct SignedBlockBody {
	pub block: BlockBody,
}

/// The extrinsics of a block, in order.
#[derive(Clone, PartialEq, Eq, Debug, Deserialize)]
pub struct BlockBody {
	pub extrinsics: Vec<HexBytes>,
}

/// The one method of Substrate's `author_*` API (`sc-rpc`) loanctl uses: a transaction the
/// client built, into the node's pool. The pool checks it first; a refusal is the method's
/// error (code 1010, the reason in its data).
#[rpc(client)]
pub trait AuthorApi<Hash> {
	/// Submits the SCALE-encoded extrinsic; answers its hash.
	#[method(name = "author_submitExtrinsic")]
	fn submit_extrinsic(&self, extrinsic: HexBytes) -> RpcResult<Hash>;
}

/// Bytes of any length, in hex: a storage key or value.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(transparent)]
pub struct HexBytes(#[serde(with = "hex0x")] pub Vec<u8>);

/// The methods of Substrate's `state_*` API (`sc-rpc`) loanctl uses: storage (the
/// registrars' public shares and threshold, token keys, a private lender's loans) and which
/// runtime the node runs.
#[rpc(client)]
pub trait StateApi<Hash> {
	/// The SCALE-encoded value at `key`, at block `at` (default: the best block).
	#[method(name = "state_getStorage")]
	fn storage(&self, key: HexBytes, at: Option<Hash>) -> RpcResult<Option<HexBytes>>;

	/// The runtime's name and version at block `at` (default: the best block).
	#[method(name = "state_getRuntimeVersion")]
	fn runtime_version(&self, at: Option<Hash>) -> RpcResult<RuntimeVersionName>;
}

/// What a client reads of `state_getRuntimeVersion`'s answer: which runtime it is.
#[derive(Clone, PartialEq, Eq, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RuntimeVersionName {
	pub spec_name: String,
	pub spec_version: u32,
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn hex_round_trips_and_names_what_is_wrong() {
		assert_eq!(hex0x::encode(&[0, 0xab, 0xff]), "0x00abff");
		assert_eq!(hex0x::decode("0x00abff", None).unwrap(), vec![0, 0xab, 0xff]);
		assert_eq!(hex0x::decode("00abff", Some(3)).unwrap(), vec![0, 0xab, 0xff]);
		let wrong_len = hex0x::decode("0x1234", Some(32)).unwrap_err();
		assert!(wrong_len.contains("length 4") && wrong_len.contains("32 bytes"), "{wrong_len}");
		assert!(hex0x::decode("0xzz", None).unwrap_err().contains("invalid hex character 'z'"));
		assert!(hex0x::decode("0x123", None).is_err());
	}

	#[test]
	fn a_summary_line_has_the_documented_json() {
		let line = SummaryItem {
			loan_id: 7,
			time: "2026-12-03T00:00:00.000Z".into(),
			event: SummaryEvent::Borrowed,
			disclosure: DisclosureKind::Paid,
			price: Some("5".into()),
		};
		let json = serde_json::to_value(&line).unwrap();
		assert_eq!(
			json,
			serde_json::json!({"loanId": 7, "time": "2026-12-03T00:00:00.000Z", "event": "borrowed", "disclosure": "paid", "price": "5"})
		);
		assert_eq!(serde_json::from_value::<SummaryItem>(json).unwrap(), line);
		let encrypted = SummaryItem { disclosure: DisclosureKind::Encrypted, price: None, ..line };
		assert!(serde_json::to_value(&encrypted).unwrap().get("price").is_none());
	}

	#[test]
	fn a_hash_parameter_refuses_other_lengths() {
		let error = serde_json::from_str::<Hash32>("\"0x1234\"").unwrap_err().to_string();
		assert!(error.contains("length 4") && error.contains("32 bytes"), "{error}");
		let hash: Hash32 = serde_json::from_str(&format!("\"0x{}\"", "ab".repeat(32))).unwrap();
		assert_eq!(hash.0, [0xab; 32]);
	}
}
