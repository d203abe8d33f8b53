//! loanctl's commands for a private lender and for the registrars who issue its tokens
//! (docs/privacy.md, "A private lender, step by step"): a registrar's token key and its
//! answers, a lender's blinded request, finalized tokens, the private consent request, and
//! the general transactions `record_private`, `record_private_batch` and `act_as_lender`,
//! which loanctl submits itself (no wallet can make them).

use crate::{
	connect, parse_account, read_input, read_sealed, read_suri, resolve_validity, Failure,
	SealedDetails, Validity,
};
use clap::{Args, Subcommand, ValueEnum};
use codec::Encode;
use loanchain_client::{
	chain::{Included, SubmitError},
	consent::{self, Scheme},
	details::LoanDetails,
	hexutil::{parse_hex, to_hex},
	keyfile, lender_of, rpc,
	tokens::{self, Blinded, RegistrarKey, RsaBlock},
};
use loanchain_primitives::rpc::{hex0x, Hash32};
use loanchain_runtime::{pallet_credit_identity, pallet_loans, AccountId, Runtime, RuntimeCall};
use loanchain_sealing as sealing;
use sp_core::{crypto::Ss58Codec, Pair};
use std::path::{Path, PathBuf};

/// The bundle sizes a registrar sells (`request_lender_tokens`).
const BUNDLE_SIZES: [u32; 3] = [10, 100, 1_000];

#[derive(Args)]
pub struct TokenKeyArgs {
	/// Where to write the key (PEM, a new file readable by you only).
	#[arg(long, value_name = "FILE")]
	out: PathBuf,
}

#[derive(Args)]
pub struct IssueTokensArgs {
	/// The node's JSON-RPC URL: the request is read from it.
	#[arg(long, value_name = "URL")]
	rpc: String,
	/// Your token key of the request's epoch (`loanctl token-key`).
	#[arg(long, value_name = "FILE")]
	key: PathBuf,
	/// The request's number (`LenderTokensRequested { request }`).
	#[arg(long)]
	request: u64,
}

#[derive(Args)]
pub struct LenderTokensArgs {
	/// The node's JSON-RPC URL: the chain, its day and the registrar's key are read from it.
	#[arg(long, value_name = "URL")]
	rpc: String,
	/// Your secret (the account that holds your identity): a secret URI or mnemonic, or `-`
	/// to read it from standard input. The per-loan keys derive from it.
	#[arg(long, value_name = "SURI")]
	suri: String,
	/// The registrar to buy from (SS58 or 0x hex).
	#[arg(long, value_name = "ACCOUNT")]
	registrar: String,
	/// The token epoch (a chain day): by default the current one if the registrar has a key
	/// for it, else the next.
	#[arg(long)]
	epoch: Option<u32>,
	/// The first per-loan key's number: keys `from` to `from + count - 1` get a token each.
	#[arg(long)]
	from: u32,
	/// How many tokens: 10, 100 or 1 000.
	#[arg(long)]
	count: u32,
	/// Where to write the tokens (a new file readable by you only): `finalize-tokens` adds
	/// the registrar's answers to it, `record-private` spends them.
	#[arg(long, value_name = "FILE")]
	out: PathBuf,
}

#[derive(Args)]
pub struct FinalizeTokensArgs {
	/// The node's JSON-RPC URL: the registrar's answer is read from its events.
	#[arg(long, value_name = "URL")]
	rpc: String,
	/// The tokens file `lender-tokens` wrote; finalized in place.
	#[arg(long, value_name = "FILE")]
	tokens: PathBuf,
	/// The request's number (`LenderTokensRequested { request }`).
	#[arg(long)]
	request: u64,
	/// The block whose events hold the answer (`LenderTokensIssued`), if you know it:
	/// otherwise the blocks since the epoch before the tokens' are searched, newest first.
	#[arg(long, value_name = "HEX")]
	at: Option<String>,
}

#[derive(Args)]
pub struct PrivateConsentRequestArgs {
	/// The sealed details: the JSON `loanctl seal` printed (or its `details` object), of
	/// details that carry your `lender` statement (`loanctl lender-of`).
	#[arg(long, value_name = "FILE")]
	sealed: PathBuf,
	/// The borrower's id_hash.
	#[arg(long, value_name = "HEX")]
	borrower_id: String,
	#[command(flatten)]
	key: PerLoanKey,
	#[command(flatten)]
	validity: Validity,
}

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

#[derive(Args)]
pub struct RecordPrivateArgs {
	/// The node's JSON-RPC URL: the transaction goes to its pool.
	#[arg(long, value_name = "URL")]
	rpc: String,
	/// Your secret URI or mnemonic (the per-loan keys derive from it), or `-`.
	#[arg(long, value_name = "SURI")]
	suri: String,
	/// Your tokens file (`lender-tokens`, finalized): the token of each loan's key is spent.
	#[arg(long, value_name = "FILE")]
	tokens: PathBuf,
	/// One loan: the number of its per-loan key …
	#[arg(long, requires_all = ["request", "consent"], conflicts_with = "loans")]
	index: Option<u32>,
	/// … its private consent request (`loanctl private-consent-request`) …
	#[arg(long, value_name = "FILE")]
	request: Option<PathBuf>,
	/// … and the borrower's consent to it (`loanctl consent`).
	#[arg(long, value_name = "FILE")]
	consent: Option<PathBuf>,
	/// Or many loans: a JSON list of `{ "index", "request", "consent" }`, the request and
	/// consent as the two commands print them; recorded `MaxPrivateBatch` (100) to a
	/// `record_private_batch`, each batch all or nothing.
	#[arg(long, value_name = "FILE", required_unless_present = "index")]
	loans: Option<PathBuf>,
}

#[derive(Args)]
pub struct LenderActArgs {
	/// The node's JSON-RPC URL: the loan is read from it and the act submitted to it.
	#[arg(long, value_name = "URL")]
	rpc: String,
	#[command(flatten)]
	key: PerLoanKey,
	#[command(subcommand)]
	act: Act,
}

/// What a private lender does to its loan (`LenderAct`).
#[derive(Subcommand)]
pub enum Act {
	/// Record how the loan was performed (as `conclude`): the outcome sealed by `loanctl
	/// seal-outcome`, and the disclosure from now on.
	Conclude {
		/// `loanctl seal-outcome`'s JSON.
		#[arg(long, value_name = "FILE")]
		outcome: PathBuf,
		#[command(flatten)]
		disclosure: DisclosureArgs,
	},
	/// Open the details further, or close them again (as `set_disclosure`).
	SetDisclosure {
		#[command(flatten)]
		disclosure: DisclosureArgs,
	},
	/// Grant a viewer access (as `grant_access`): its envelope (`loanctl envelope`), and
	/// the account a paid request's price goes to (a fresh one keeps your loans apart).
	GrantAccess {
		#[arg(long, value_name = "ACCOUNT")]
		viewer: String,
		#[arg(long, value_name = "HEX")]
		envelope: String,
		#[arg(long, value_name = "ACCOUNT")]
		payee: String,
	},
	/// Decline a viewer's request (as `decline_access`; a paid request is refunded).
	DeclineAccess {
		#[arg(long, value_name = "ACCOUNT")]
		viewer: String,
	},
	/// Offer more days (as `propose_extension`, the days sealed): `loanctl seal-extension`'s
	/// JSON. The borrower confirms it with `confirmSealedExtension`.
	ProposeExtension {
		#[arg(long, value_name = "FILE")]
		offer: PathBuf,
	},
}

/// Who may read the details from now on.
#[derive(Args)]
pub struct DisclosureArgs {
	#[arg(long, value_enum)]
	disclosure: DisclosureLevel,
	/// For `paid`: the price of access, in plancks.
	#[arg(long, required_if_eq("disclosure", "paid"))]
	price: Option<u128>,
	/// For `public`: the loan's content key (`loanctl open` prints it).
	#[arg(long, value_name = "HEX", required_if_eq("disclosure", "public"))]
	content_key: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum DisclosureLevel {
	/// Only the parties and whom the lender grants.
	Encrypted,
	/// Anyone may buy access for `--price`.
	Paid,
	/// The content key published: anyone reads the details.
	Public,
}

impl DisclosureArgs {
	fn disclosure(&self) -> Result<pallet_loans::Disclosure<u128>, Failure> {
		Ok(match self.disclosure {
			DisclosureLevel::Encrypted => pallet_loans::Disclosure::Encrypted,
			DisclosureLevel::Paid => pallet_loans::Disclosure::Paid {
				price: self.price.ok_or_else(|| Failure::Input("give --price".into()))?,
			},
			DisclosureLevel::Public => pallet_loans::Disclosure::Public {
				content_key: parse_hex(
					"--content-key",
					self.content_key
						.as_deref()
						.ok_or_else(|| Failure::Input("give --content-key".into()))?,
				)?,
			},
		})
	}
}

/// A lender's tokens file: the bundle asked of one registrar's key of one epoch, each
/// token's blinding secrets, and once finalized its signature.
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct TokensFile {
	genesis_hash: Hash32,
	/// The registrar (SS58).
	registrar: String,
	epoch: u32,
	#[serde(with = "hex0x")]
	modulus: Vec<u8>,
	/// The request's number, once finalized.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	request: Option<u64>,
	tokens: Vec<TokenEntry>,
}

#[derive(serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct TokenEntry {
	/// The per-loan key's number, and the key.
	index: u32,
	lender_key: Hash32,
	#[serde(with = "hex0x")]
	blinded: Vec<u8>,
	/// RFC 9474's `inv`: secret, it links the token to the request.
	#[serde(with = "hex0x")]
	secret: Vec<u8>,
	#[serde(with = "hex0x")]
	randomizer: [u8; 32],
	/// The token's signature, once finalized.
	#[serde(default, skip_serializing_if = "Option::is_none", with = "optional_hex")]
	signature: Option<Vec<u8>>,
}

mod optional_hex {
	use serde::{Deserialize, Deserializer, Serializer};

	pub fn serialize<S: Serializer>(value: &Option<Vec<u8>>, s: S) -> Result<S::Ok, S::Error> {
		match value {
			Some(bytes) => s.serialize_str(&loanchain_client::hexutil::to_hex(bytes)),
			None => s.serialize_none(),
		}
	}

	pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<u8>>, D::Error> {
		let text = Option::<String>::deserialize(d)?;
		text.map(|text| {
			loanchain_client::hexutil::parse_hex_vec("signature", &text)
				.map_err(serde::de::Error::custom)
		})
		.transpose()
	}
}

fn block(what: &str, bytes: &[u8]) -> Result<RsaBlock, Failure> {
	bytes
		.try_into()
		.map_err(|_| Failure::Input(format!("{what} is not {} bytes", tokens::MODULUS_BYTES)))
}

fn operation(e: impl std::fmt::Display) -> Failure {
	Failure::Operation(e.to_string())
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

/// `loanctl token-key`.
pub fn token_key(args: TokenKeyArgs) -> Result<String, Failure> {
	let key = RegistrarKey::generate().map_err(operation)?;
	keyfile::create_private(&args.out, key.to_pem().map_err(operation)?.as_bytes())?;
	eprintln!("loanctl: token key written to {}, readable by you only", args.out.display());
	Ok(pretty(serde_json::json!({ "modulus": to_hex(&key.modulus()) })))
}

/// `loanctl issue-tokens`: the registrar's blind signatures of a waiting request.
pub fn issue_tokens(args: IssueTokensArgs) -> Result<String, Failure> {
	let pem = String::from_utf8(read_input(&args.key)?)
		.map_err(|_| Failure::Input("--key is not a PEM file".into()))?;
	let key = RegistrarKey::from_pem(&pem)?;
	let node = chain_node(&args.rpc)?;
	let request = node.token_request(args.request).map_err(operation)?.ok_or_else(|| {
		Failure::Operation(format!(
			"no request {} is waiting: it was answered, taken back, or never made",
			args.request
		))
	})?;
	let on_chain = node.token_key(&request.registrar, request.epoch).map_err(operation)?;
	if on_chain.map(|k| k.modulus) != Some(key.modulus()) {
		return Err(Failure::Operation(format!(
			"--key is not the key {} published for epoch {}: tokens signed with it would be \
			 refused",
			request.registrar.to_ss58check(),
			request.epoch
		)));
	}
	let signatures = request
		.blinded
		.iter()
		.map(|blinded| key.blind_sign(blinded).map(|s| to_hex(&s)))
		.collect::<Result<Vec<_>, _>>()
		.map_err(operation)?;
	eprintln!(
		"loanctl: signed {} tokens blind for {} ({}), epoch {}",
		signatures.len(),
		request.requester.to_ss58check(),
		to_hex(&request.id_hash),
		request.epoch
	);
	Ok(pretty(serde_json::json!({ "request": args.request, "blindSignatures": signatures })))
}

/// The chain's day, in blocks (`Loans.BlocksPerDay`): a token epoch.
fn blocks_per_day(node: &rpc::Node) -> Result<u32, Failure> {
	use frame_support::traits::Get;
	let key = pallet_loans::BlocksPerDay::<Runtime>::hashed_key().to_vec();
	let at = node.block_hash(None).map_err(operation)?;
	Ok(match node.storage(key, at).map_err(operation)? {
		Some(bytes) => <u32 as codec::Decode>::decode(&mut &bytes[..]).map_err(operation)?,
		None => pallet_loans::DefaultBlocksPerDay::get(),
	}
	.max(1))
}

/// The current token epoch (the chain day) at the node's best block.
fn current_epoch(node: &rpc::Node) -> Result<u32, Failure> {
	Ok(node.best_number().map_err(operation)? / blocks_per_day(node)?)
}

/// `loanctl lender-tokens`: a bundle's blinded request, its secrets kept in `--out`.
pub fn lender_tokens(args: LenderTokensArgs) -> Result<String, Failure> {
	if !BUNDLE_SIZES.contains(&args.count) {
		return Err(Failure::Input("--count must be 10, 100 or 1000 (a bundle's sizes)".into()));
	}
	let last = args
		.from
		.checked_add(args.count - 1)
		.ok_or_else(|| Failure::Input("--from + --count passes the last key number".into()))?;
	let suri = read_suri(&args.suri)?;
	let registrar = AccountId::from(parse_account("--registrar", &args.registrar)?);
	let node = chain_node(&args.rpc)?;
	let genesis = node.block_hash(Some(0)).map_err(operation)?;
	let best = node.block_hash(None).map_err(operation)?;
	let now = current_epoch(&node)?;
	let candidates = match args.epoch {
		Some(epoch) => vec![epoch],
		None => vec![now, now + 1],
	};
	let mut found = None;
	for epoch in candidates {
		if let Some(key) = node.token_key(&registrar, epoch).map_err(operation)? {
			found = Some((epoch, key.modulus));
			break;
		}
	}
	let (epoch, modulus) = found.ok_or_else(|| {
		Failure::Operation(format!(
			"{} has no token key for {}: ask it to publish one (`setTokenKey`)",
			registrar.to_ss58check(),
			args.epoch
				.map_or(format!("epoch {now} or {}", now + 1), |e| format!("epoch {e}"))
		))
	})?;
	let mut entries = Vec::with_capacity(args.count as usize);
	for index in args.from..=last {
		let key = lender_of::per_loan_pair(&suri, index)?.public().0;
		if let Some(loan) = node.loan_of_lender_key(&key, best).map_err(operation)? {
			return Err(Failure::Input(format!(
				"per-loan key {index} lent loan {loan} already: a key lends once; choose --from \
				 past your used keys"
			)));
		}
		let message = sealing::lender_token_message(&genesis, epoch, &key);
		let Blinded { blinded, secret, randomizer } =
			tokens::blind(&modulus, &message).map_err(operation)?;
		entries.push(TokenEntry {
			index,
			lender_key: Hash32(key),
			blinded: blinded.to_vec(),
			secret: secret.to_vec(),
			randomizer,
			signature: None,
		});
	}
	let blinded: Vec<String> = entries.iter().map(|t| to_hex(&t.blinded)).collect();
	let file = TokensFile {
		genesis_hash: Hash32(genesis),
		registrar: registrar.to_ss58check(),
		epoch,
		modulus: modulus.to_vec(),
		request: None,
		tokens: entries,
	};
	keyfile::create_private(
		&args.out,
		serde_json::to_string_pretty(&file).expect("tokens serialize").as_bytes(),
	)?;
	eprintln!(
		"loanctl: {} tokens blinded for per-loan keys {}..={last}, their secrets in {} (readable \
		 by you only)",
		args.count,
		args.from,
		args.out.display()
	);
	Ok(pretty(serde_json::json!({
		"registrar": registrar.to_ss58check(),
		"epoch": epoch,
		"blinded": blinded,
	})))
}

fn read_tokens(path: &Path) -> Result<TokensFile, Failure> {
	serde_json::from_slice(&read_input(path)?)
		.map_err(|e| Failure::Input(format!("{} is not a tokens file: {e}", path.display())))
}

/// The registrar's answer to `request` in the events of block `at`, if it is there.
fn answer_in(
	node: &rpc::Node,
	at: [u8; 32],
	request: u64,
) -> Result<Option<(AccountId, u32, Vec<RsaBlock>)>, Failure> {
	use pallet_credit_identity::Event::LenderTokensIssued;
	for record in node.events(at).map_err(operation)? {
		if let loanchain_runtime::RuntimeEvent::CreditIdentity(LenderTokensIssued {
			request: answered,
			registrar,
			epoch,
			blind_signatures,
			..
		}) = record.event
		{
			if answered == request {
				return Ok(Some((registrar, epoch, blind_signatures.into_inner())));
			}
		}
	}
	Ok(None)
}

/// `loanctl finalize-tokens`: the registrar's answer, finalized into tokens.
pub fn finalize_tokens(args: FinalizeTokensArgs) -> Result<String, Failure> {
	let mut file = read_tokens(&args.tokens)?;
	let node = chain_node(&args.rpc)?;
	if node.block_hash(Some(0)).map_err(operation)? != file.genesis_hash.0 {
		return Err(Failure::Input("the tokens file is for another chain".into()));
	}
	let answer = match &args.at {
		Some(at) => answer_in(&node, parse_hex("--at", at)?, args.request)?,
		None => {
			if node.token_request(args.request).map_err(operation)?.is_some() {
				return Err(Failure::Operation(format!(
					"request {} is still waiting for the registrar's answer",
					args.request
				)));
			}
			// Requests for epoch `e` are made and answered in epochs `e - 1` and `e`.
			let day = blocks_per_day(&node)?;
			let oldest = file.epoch.saturating_sub(1).saturating_mul(day);
			let newest = file.epoch.saturating_add(1).saturating_mul(day).saturating_sub(1);
			let mut found = None;
			let mut number = node.best_number().map_err(operation)?.min(newest);
			while found.is_none() && number >= oldest {
				let at = node.block_hash(Some(number.into())).map_err(operation)?;
				found = answer_in(&node, at, args.request)?;
				if number == 0 {
					break;
				}
				number -= 1;
			}
			found
		},
	};
	let (registrar, epoch, signatures) = answer.ok_or_else(|| {
		Failure::Operation(format!(
			"no answer to request {} found (LenderTokensIssued): was it answered, or taken back?",
			args.request
		))
	})?;
	if registrar.to_ss58check() != file.registrar
		|| epoch != file.epoch
		|| signatures.len() != file.tokens.len()
	{
		return Err(Failure::Input(format!(
			"request {} is not the one of this tokens file (another registrar, epoch or size)",
			args.request
		)));
	}
	let modulus = block("the tokens file's modulus", &file.modulus)?;
	for (entry, blind_signature) in file.tokens.iter_mut().zip(&signatures) {
		let blinded = Blinded {
			blinded: block("a blinded token", &entry.blinded)?,
			secret: block("a token's secret", &entry.secret)?,
			randomizer: entry.randomizer,
		};
		let message =
			sealing::lender_token_message(&file.genesis_hash.0, epoch, &entry.lender_key.0);
		let signature = tokens::finalize(&modulus, &blinded, blind_signature, &message)
			.map_err(|e| Failure::Operation(format!("the token of key {}: {e}", entry.index)))?;
		entry.signature = Some(signature.to_vec());
	}
	file.request = Some(args.request);
	keyfile::replace_private(
		&args.tokens,
		serde_json::to_string_pretty(&file).expect("tokens serialize").as_bytes(),
	)?;
	let first = file.tokens.first().map_or(0, |t| t.index);
	let last = file.tokens.last().map_or(0, |t| t.index);
	Ok(pretty(serde_json::json!({
		"request": args.request,
		"tokens": file.tokens.len(),
		"keys": format!("{first}..={last}"),
		"epoch": epoch,
		"goodInEpochs": [epoch, epoch + 1],
	})))
}

/// A private consent request (`loanctl private-consent-request`): what the borrower signs
/// for `record_private` — the chain, the per-loan key, the borrower, the sealed details
/// and the deadline. The one format, read by `loanctl consent`.
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PrivateConsentRequest {
	genesis_hash: Hash32,
	lender_key: Hash32,
	borrower_id: Hash32,
	details: SealedDetails,
	deadline: u32,
}

impl PrivateConsentRequest {
	fn hash(&self) -> [u8; 32] {
		let d = &self.details;
		sealing::private_consent_hash(&sealing::PrivateConsent {
			genesis_hash: &self.genesis_hash.0,
			lender_key: &self.lender_key.0,
			borrower_id: &self.borrower_id.0,
			details: sealing::SealedDetails {
				nonce: &d.nonce,
				ciphertext: &d.ciphertext,
				key_commitment: &d.key_commitment,
				lender_envelope: &d.lender_envelope,
				borrower_envelope: &d.borrower_envelope,
			},
			deadline: self.deadline,
		})
	}

	/// Whether a JSON consent request is a private one.
	pub fn is_private(json: &serde_json::Value) -> bool {
		json.get("lenderKey").is_some()
	}
}

/// `loanctl private-consent-request`.
pub fn private_consent_request(args: PrivateConsentRequestArgs) -> Result<String, Failure> {
	let details = read_sealed(&args.sealed)?;
	let borrower_id: [u8; 32] = parse_hex("--borrower-id", &args.borrower_id)?;
	let suri = read_suri(&args.key.suri)?;
	let key = lender_of::per_loan_pair(&suri, args.key.index)?.public().0;
	let (genesis, deadline) = resolve_validity(&args.validity)?;
	let request = PrivateConsentRequest {
		genesis_hash: Hash32(genesis),
		lender_key: Hash32(key),
		borrower_id: Hash32(borrower_id),
		details,
		deadline,
	};
	Ok(serde_json::to_string_pretty(&request).expect("JSON of strings serializes"))
}

/// `loanctl consent` of a private consent request: the borrower reads the terms and who
/// lends (the details' `lender` statement, checked) before it signs.
pub fn private_consent(
	json: serde_json::Value,
	scheme: Scheme,
	suri: &str,
	secret_key: &Path,
) -> Result<String, Failure> {
	let request: PrivateConsentRequest = serde_json::from_value(json)
		.map_err(|e| Failure::Input(format!("--request is not a private consent request: {e}")))?;
	let d = &request.details;
	let secret = keyfile::read(secret_key)?;
	let content_key = sealing::open_envelope(&d.borrower_envelope, &secret).map_err(|_| {
		Failure::Operation(
			"--secret-key does not open the borrower's envelope of these details: they are not \
			 sealed to you, and you would sign terms you cannot read"
				.into(),
		)
	})?;
	if sealing::key_commitment(&content_key) != d.key_commitment {
		return Err(Failure::Operation(
			"the details do not carry their key's commitment: do not sign them".into(),
		));
	}
	let terms =
		sealing::open_details(&content_key, &d.nonce, &d.ciphertext, &request.borrower_id.0)
			.map_err(|_| {
				Failure::Operation("the details do not open for the request's borrowerId".into())
			})?;
	let parsed = LoanDetails::parse(&terms)
		.map_err(|e| Failure::Operation(format!("the terms are not loan details: {e}")))?;
	let statement = parsed.lender.as_ref().ok_or_else(|| {
		Failure::Operation(
			"the details do not say who lends (no `lender` statement): you would consent to a \
			 lender you cannot name; do not sign"
				.into(),
		)
	})?;
	let signer = statement
		.verify(&request.genesis_hash.0, &request.lender_key.0, &request.borrower_id.0)
		.map_err(|e| {
			Failure::Operation(format!("the details' lender statement: {e}; do not sign"))
		})?;
	let terms = String::from_utf8(terms)
		.map_err(|_| Failure::Operation("the terms are not UTF-8 text".into()))?;
	eprintln!(
		"loanctl: signing, as the borrower {}, a loan from the lender {} (its account {} signed \
		 it), per-loan key {}, on these terms, until block {}:\n{}",
		to_hex(&request.borrower_id.0),
		to_hex(&statement.id.0),
		signer.to_ss58check(),
		to_hex(&request.lender_key.0),
		request.deadline,
		terms.trim_end()
	);
	let hash = request.hash();
	let signed = consent::sign(scheme, suri, &hash)?;
	Ok(pretty(serde_json::json!({
		"consent": {
			"deadline": request.deadline,
			"signature": { scheme.variant(): to_hex(&signed.signature) },
		},
		"consentHash": to_hex(&hash),
		"signer": signed.account.to_ss58check(),
	})))
}

/// A borrower's consent as `loanctl consent` prints it.
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct SignedConsent {
	consent: ConsentArgument,
	consent_hash: Hash32,
	signer: String,
}

#[derive(serde::Deserialize)]
struct ConsentArgument {
	deadline: u32,
	signature: lender_of::LenderSignature,
}

fn multi_signature(
	signature: &lender_of::LenderSignature,
) -> Result<sp_runtime::MultiSignature, Failure> {
	use lender_of::LenderSignature::*;
	use sp_core::{ecdsa, ed25519, sr25519};
	let bytes =
		|hex: &str| loanchain_client::hexutil::parse_hex_vec("the consent's signature", hex);
	let bad = || Failure::Input("the consent's signature is not of its scheme's length".into());
	Ok(match signature {
		Sr25519(hex) => sr25519::Signature::try_from(&bytes(hex)?[..]).map_err(|_| bad())?.into(),
		Ed25519(hex) => ed25519::Signature::try_from(&bytes(hex)?[..]).map_err(|_| bad())?.into(),
		Ecdsa(hex) => ecdsa::Signature::try_from(&bytes(hex)?[..]).map_err(|_| bad())?.into(),
	})
}

/// One loan to record: the key's number, the request and the borrower's consent.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct LoanToRecord {
	index: u32,
	request: PrivateConsentRequest,
	consent: SignedConsent,
}

/// The arguments of one `record_private`: the lender's credential for the loan, from its
/// token and per-loan key.
fn private_record(
	suri: &str,
	file: &TokensFile,
	loan: LoanToRecord,
) -> Result<pallet_loans::PrivateRecordOf<Runtime>, Failure> {
	let LoanToRecord { index, request, consent } = loan;
	let pair = lender_of::per_loan_pair(suri, index)?;
	let key = pair.public().0;
	if request.lender_key.0 != key {
		return Err(Failure::Input(format!(
			"the consent request of key {index} is for another per-loan key ({})",
			to_hex(&request.lender_key.0)
		)));
	}
	if request.genesis_hash.0 != file.genesis_hash.0 {
		return Err(Failure::Input("the consent request is for another chain".into()));
	}
	let hash = request.hash();
	if consent.consent_hash.0 != hash || consent.consent.deadline != request.deadline {
		return Err(Failure::Input(format!(
			"the consent of key {index} is not the borrower's consent to this request"
		)));
	}
	let entry = file.tokens.iter().find(|t| t.index == index).ok_or_else(|| {
		Failure::Input(format!("the tokens file has no token for per-loan key {index}"))
	})?;
	let signature = entry.signature.as_deref().ok_or_else(|| {
		Failure::Input("the tokens are not finalized yet: run `loanctl finalize-tokens`".into())
	})?;
	let borrower = AccountId::from(parse_account("the consent's signer", &consent.signer)?);
	let d = request.details;
	Ok(pallet_loans::PrivateRecord {
		borrower,
		details: pallet_loans::DetailsInput {
			nonce: d.nonce,
			ciphertext: d.ciphertext,
			key_commitment: d.key_commitment,
			lender_envelope: d.lender_envelope,
			borrower_envelope: d.borrower_envelope,
		},
		consent: pallet_loans::Consent {
			deadline: consent.consent.deadline,
			signature: multi_signature(&consent.consent.signature)?,
		},
		lender: pallet_loans::LenderCredential {
			token: loanchain_primitives::LenderToken {
				issuer: AccountId::from(parse_account("the tokens' registrar", &file.registrar)?),
				epoch: file.epoch,
				randomizer: entry.randomizer,
				signature: block("a token's signature", signature)?,
			},
			key,
			signature: pair.sign(&hash).0,
		},
	})
}

/// The loan ids a transaction's `PrivateLoanRecorded` events name, in order.
fn recorded(included: &Included) -> Vec<u64> {
	included
		.events
		.iter()
		.filter_map(|event| match event {
			loanchain_runtime::RuntimeEvent::Loans(pallet_loans::Event::PrivateLoanRecorded {
				loan_id,
				..
			}) => Some(*loan_id),
			_ => None,
		})
		.collect()
}

fn submitted(node: &rpc::Node, call: RuntimeCall) -> Result<Included, Failure> {
	node.submit_general(call).map_err(|e| match e {
		SubmitError::Refused(_) => Failure::Operation(e.to_string()),
		other => Failure::Operation(other.to_string()),
	})
}

/// `loanctl record-private`: one loan, or many in batches.
pub fn record_private(args: RecordPrivateArgs) -> Result<String, Failure> {
	let suri = read_suri(&args.suri)?;
	let file = read_tokens(&args.tokens)?;
	let loans: Vec<LoanToRecord> = match (&args.loans, args.index, &args.request, &args.consent) {
		(Some(path), ..) => serde_json::from_slice(&read_input(path)?).map_err(|e| {
			Failure::Input(format!("--loans is not a list of {{ index, request, consent }}: {e}"))
		})?,
		(None, Some(index), Some(request), Some(consent)) => vec![LoanToRecord {
			index,
			request: serde_json::from_slice(&read_input(request)?).map_err(|e| {
				Failure::Input(format!("--request is not a private consent request: {e}"))
			})?,
			consent: serde_json::from_slice(&read_input(consent)?).map_err(|e| {
				Failure::Input(format!("--consent is not `loanctl consent`'s JSON: {e}"))
			})?,
		}],
		_ => {
			return Err(Failure::Input("give --index, --request and --consent, or --loans".into()))
		},
	};
	if loans.is_empty() {
		return Err(Failure::Input("--loans lists no loan".into()));
	}
	let records = loans
		.into_iter()
		.map(|loan| private_record(&suri, &file, loan))
		.collect::<Result<Vec<_>, _>>()?;
	let node = chain_node(&args.rpc)?;
	let mut out = Vec::new();
	let batch = <<Runtime as pallet_loans::Config>::MaxPrivateBatch as frame_support::traits::Get<
		u32,
	>>::get() as usize;
	if let [record] = &records[..] {
		let record = record.clone();
		let included = submitted(
			&node,
			RuntimeCall::Loans(pallet_loans::Call::record_private {
				borrower: record.borrower,
				details: record.details,
				consent: record.consent,
				lender: Box::new(record.lender),
			}),
		)?;
		out.push(serde_json::json!({ "loanIds": recorded(&included), "block": included.block }));
	} else {
		for chunk in records.chunks(batch) {
			let included = submitted(
				&node,
				RuntimeCall::Loans(pallet_loans::Call::record_private_batch {
					records: chunk.to_vec().try_into().expect("chunks of MaxPrivateBatch"),
				}),
			)?;
			out.push(
				serde_json::json!({ "loanIds": recorded(&included), "block": included.block }),
			);
		}
	}
	Ok(pretty(serde_json::Value::Array(out)))
}

/// `loanctl lender-act`: the act, signed by the loan's per-loan key, submitted.
pub fn lender_act(args: LenderActArgs) -> Result<String, Failure> {
	let suri = read_suri(&args.key.suri)?;
	let pair = lender_of::per_loan_pair(&suri, args.key.index)?;
	let key = pair.public().0;
	let node = chain_node(&args.rpc)?;
	let best = node.block_hash(None).map_err(operation)?;
	let loan_id = node.loan_of_lender_key(&key, best).map_err(operation)?.ok_or_else(|| {
		Failure::Operation(format!("per-loan key {} has lent no loan", args.key.index))
	})?;
	let stored = node
		.stored_loan(loan_id)
		.map_err(operation)?
		.ok_or_else(|| Failure::Operation(format!("loan {loan_id} is not on chain")))?;
	let acts = match stored.lender {
		pallet_loans::Lender::Private(lender) if lender.key == key => lender.acts,
		_ => return Err(Failure::Operation(format!("loan {loan_id} is not this key's"))),
	};
	let (name, act) = match args.act {
		Act::Conclude { outcome, disclosure } => {
			let sealed: serde_json::Value = serde_json::from_slice(&read_input(&outcome)?)?;
			if sealed["loanId"].as_u64() != Some(loan_id) {
				return Err(Failure::Input(format!(
					"--outcome is sealed for another loan than {loan_id}"
				)));
			}
			let field = |name: &str| {
				sealed[name].as_str().map(str::to_owned).ok_or_else(|| {
					Failure::Input(format!("--outcome has no {name}: use `loanctl seal-outcome`"))
				})
			};
			let ciphertext: Vec<u8> = loanchain_client::hexutil::parse_hex_vec(
				"the outcome's ciphertext",
				&field("ciphertext")?,
			)?;
			(
				"Conclude",
				pallet_loans::LenderAct::Conclude {
					sealed_outcome: pallet_loans::SealedOutcome {
						nonce: parse_hex("the outcome's nonce", &field("nonce")?)?,
						ciphertext: ciphertext.try_into().map_err(|_| {
							Failure::Input("the outcome's ciphertext has the wrong length".into())
						})?,
					},
					disclosure: disclosure.disclosure()?,
				},
			)
		},
		Act::SetDisclosure { disclosure } => (
			"SetDisclosure",
			pallet_loans::LenderAct::SetDisclosure { disclosure: disclosure.disclosure()? },
		),
		Act::GrantAccess { viewer, envelope, payee } => (
			"GrantAccess",
			pallet_loans::LenderAct::GrantAccess {
				viewer: parse_account("--viewer", &viewer)?.into(),
				envelope: parse_hex("--envelope", &envelope)?,
				payee: parse_account("--payee", &payee)?.into(),
			},
		),
		Act::DeclineAccess { viewer } => (
			"DeclineAccess",
			pallet_loans::LenderAct::DeclineAccess {
				viewer: parse_account("--viewer", &viewer)?.into(),
			},
		),
		Act::ProposeExtension { offer } => {
			let sealed: serde_json::Value = serde_json::from_slice(&read_input(&offer)?)?;
			if sealed["loanId"].as_u64() != Some(loan_id) {
				return Err(Failure::Input(format!(
					"--offer is sealed for another loan than {loan_id}"
				)));
			}
			let field = |name: &str| {
				sealed["offer"][name].as_str().map(str::to_owned).ok_or_else(|| {
					Failure::Input(format!(
						"--offer has no offer.{name}: use `loanctl seal-extension`"
					))
				})
			};
			(
				"ProposeExtension",
				pallet_loans::LenderAct::ProposeExtension {
					offer: pallet_loans::SealedExtension {
						nonce: parse_hex("the offer's nonce", &field("nonce")?)?,
						ciphertext: parse_hex("the offer's ciphertext", &field("ciphertext")?)?,
					},
				},
			)
		},
	};
	let genesis = node.block_hash(Some(0)).map_err(operation)?;
	let hash = sealing::lender_act_hash(&genesis, loan_id, acts, &act.encode());
	let included = submitted(
		&node,
		RuntimeCall::Loans(pallet_loans::Call::act_as_lender {
			loan_id,
			act_index: acts,
			act,
			signature: pair.sign(&hash).0,
		}),
	)?;
	Ok(pretty(serde_json::json!({
		"loanId": loan_id,
		"act": name,
		"actIndex": acts,
		"block": included.block,
		"events": included.event_names(),
	})))
}
