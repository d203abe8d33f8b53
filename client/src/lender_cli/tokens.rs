//! Lender tokens: a registrar's key of an epoch and its blind signatures, a lender's
//! blinded request and its finalized tokens (RFC 9474, `loanchain_client::tokens`).

use super::*;

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
	/// The token epoch (a chain day): by default the current one, or the next when the
	/// current one is nearly over or the registrar has no key of it.
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
	/// Submit the request too (`creditIdentity.requestLenderTokens`), signed by the
	/// account of `--suri` (sr25519), which pays the bundle's price: prints the request's
	/// number instead of the blinded tokens, and keeps it in the tokens file.
	#[arg(long)]
	submit: bool,
}

#[derive(Args)]
pub struct FinalizeTokensArgs {
	/// The node's JSON-RPC URL: the registrar's answer is read from its events.
	#[arg(long, value_name = "URL")]
	rpc: String,
	/// The tokens file `lender-tokens` wrote; finalized in place.
	#[arg(long, value_name = "FILE")]
	tokens: PathBuf,
	/// The request's number (`LenderTokensRequested { request }`); by default the one
	/// `lender-tokens --submit` kept in the tokens file.
	#[arg(long)]
	request: Option<u64>,
	/// Wait for the registrar's answer while the request is still open (until the epoch of
	/// its key ends), instead of failing at once.
	#[arg(long)]
	wait: bool,
	/// The block whose events hold the answer (`LenderTokensIssued`), if you know it:
	/// otherwise the blocks since the epoch before the tokens' are searched, newest first.
	#[arg(long, value_name = "HEX")]
	at: Option<String>,
}

/// A lender's tokens file: the bundle asked of one registrar's key of one epoch, each
/// token's blinding secrets, and once finalized its signature.
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct TokensFile {
	pub(super) genesis_hash: Hash32,
	/// The registrar (SS58).
	pub(super) registrar: String,
	pub(super) epoch: u32,
	#[serde(with = "hex0x")]
	pub(super) modulus: Vec<u8>,
	/// The request's number, once submitted (`--submit`) or finalized.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub(super) request: Option<u64>,
	pub(super) tokens: Vec<TokenEntry>,
}

#[derive(serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct TokenEntry {
	/// The per-loan key's number, and the key.
	pub(super) index: u32,
	pub(super) lender_key: Hash32,
	#[serde(with = "hex0x")]
	pub(super) blinded: Vec<u8>,
	/// RFC 9474's `inv`: secret, it links the token to the request.
	#[serde(with = "hex0x")]
	pub(super) secret: Vec<u8>,
	#[serde(with = "hex0x")]
	pub(super) randomizer: [u8; 32],
	/// The token's signature, once finalized.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub(super) signature: Option<HexBytes>,
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

/// The current token epoch (the chain day) at the node's best block.
fn current_epoch(node: &rpc::Node) -> Result<u32, Failure> {
	Ok(node.best_number().map_err(operation)? / node.blocks_per_day().map_err(operation)?)
}

/// The token epochs to buy from at block `best` (`day` blocks an epoch), in order of
/// preference: this epoch's key, whose tokens are good at once — unless the epoch is nearly
/// over (fewer than half a day's blocks or 10 left, whichever is less), when the registrar's
/// answer could come after it ended; then the next epoch's. The web app chooses the same way
/// (`epochToBuy`).
fn epochs_to_buy(best: u32, day: u32) -> [u32; 2] {
	let day = day.max(1);
	let now = best / day;
	let left = day - best % day;
	if left < day.div_ceil(2).min(10) {
		[now + 1, now]
	} else {
		[now, now + 1]
	}
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
	let best_number = node.best_number().map_err(operation)?;
	let day = node.blocks_per_day().map_err(operation)?.max(1);
	let now = best_number / day;
	let candidates = match args.epoch {
		Some(epoch) => vec![epoch],
		None => epochs_to_buy(best_number, day).to_vec(),
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
			rsa::blind(&modulus, &message).map_err(operation)?;
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
	let mut file = TokensFile {
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
	if args.submit {
		let (request, block) = submit_request(&node, &suri, &file)?;
		file.request = Some(request);
		keyfile::replace_private(
			&args.out,
			serde_json::to_string_pretty(&file).expect("tokens serialize").as_bytes(),
		)?;
		eprintln!(
			"loanctl: {} tokens asked of {} (request {request}), for per-loan keys {}..={last}",
			args.count,
			registrar.to_ss58check(),
			args.from
		);
		return Ok(pretty(serde_json::json!({
			"registrar": registrar.to_ss58check(),
			"epoch": epoch,
			"request": request,
			"block": block,
		})));
	}
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

/// Submits the tokens file's request, signed and paid by the account of `suri`: its
/// number and block.
fn submit_request(node: &rpc::Node, suri: &str, file: &TokensFile) -> Result<(u64, u32), Failure> {
	use pallet_credit_identity::{Call, Event::LenderTokensRequested};
	let signer = sp_core::sr25519::Pair::from_string(suri, None)
		.map_err(|e| Failure::Input(format!("--suri is not a secret URI: {e:?}")))?;
	let registrar = AccountId::from(parse_account("the registrar", &file.registrar)?);
	let blinded = file
		.tokens
		.iter()
		.map(|t| block("a blinded token", &t.blinded))
		.collect::<Result<Vec<_>, _>>()?;
	let call = Call::request_lender_tokens {
		registrar,
		epoch: file.epoch,
		blinded: blinded.try_into().map_err(|_| Failure::Input("too many tokens".into()))?,
	};
	let included = node
		.submit_signed(RuntimeCall::CreditIdentity(call), &signer)
		.map_err(operation)?;
	included
		.events
		.iter()
		.find_map(|event| match event {
			loanchain_runtime::RuntimeEvent::CreditIdentity(LenderTokensRequested {
				request,
				..
			}) => Some((*request, included.block)),
			_ => None,
		})
		.ok_or_else(|| Failure::Operation("the request was included without its event".into()))
}

pub(super) fn read_tokens(path: &Path) -> Result<TokensFile, Failure> {
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
	let request = args.request.or(file.request).ok_or_else(|| {
		Failure::Input("--request: the tokens file names no request (it was not submitted)".into())
	})?;
	let node = chain_node(&args.rpc)?;
	if node.block_hash(Some(0)).map_err(operation)? != file.genesis_hash.0 {
		return Err(Failure::Input("the tokens file is for another chain".into()));
	}
	let answer = match &args.at {
		Some(at) => answer_in(&node, parse_hex("--at", at)?, request)?,
		None => {
			while node.token_request(request).map_err(operation)?.is_some() {
				if !args.wait || current_epoch(&node)? > file.epoch {
					return Err(Failure::Operation(format!(
						"request {request} is still waiting for the registrar's answer"
					)));
				}
				std::thread::sleep(std::time::Duration::from_secs(2));
			}
			// Requests for epoch `e` are made and answered in epochs `e - 1` and `e`.
			let day = node.blocks_per_day().map_err(operation)?;
			let oldest = file.epoch.saturating_sub(1).saturating_mul(day);
			let newest = file.epoch.saturating_add(1).saturating_mul(day).saturating_sub(1);
			let mut found = None;
			for number in (oldest..=node.best_number().map_err(operation)?.min(newest)).rev() {
				let at = node.block_hash(Some(number.into())).map_err(operation)?;
				found = answer_in(&node, at, request)?;
				if found.is_some() {
					break;
				}
			}
			found
		},
	};
	let (registrar, epoch, signatures) = answer.ok_or_else(|| {
		Failure::Operation(format!(
			"no answer to request {request} found (LenderTokensIssued): was it answered, or \
			 taken back?"
		))
	})?;
	if registrar.to_ss58check() != file.registrar
		|| epoch != file.epoch
		|| signatures.len() != file.tokens.len()
	{
		return Err(Failure::Input(format!(
			"request {request} is not the one of this tokens file (another registrar, epoch or \
			 size)"
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
		let signature = rsa::finalize(&modulus, &blinded, blind_signature, &message)
			.map_err(|e| Failure::Operation(format!("the token of key {}: {e}", entry.index)))?;
		entry.signature = Some(HexBytes(signature.to_vec()));
	}
	file.request = Some(request);
	keyfile::replace_private(
		&args.tokens,
		serde_json::to_string_pretty(&file).expect("tokens serialize").as_bytes(),
	)?;
	let first = file.tokens.first().map_or(0, |t| t.index);
	let last = file.tokens.last().map_or(0, |t| t.index);
	Ok(pretty(serde_json::json!({
		"request": request,
		"tokens": file.tokens.len(),
		"keys": format!("{first}..={last}"),
		"epoch": epoch,
		"goodInEpochs": [epoch, epoch + 1],
	})))
}

#[cfg(test)]
mod tests {
	use super::epochs_to_buy;

	#[test]
	fn this_epochs_key_while_the_epoch_has_time_left_the_next_near_its_end() {
		// Five blocks a day (the dev chain): blocks 10-12 leave 5-3 blocks of epoch 2.
		assert_eq!(epochs_to_buy(10, 5), [2, 3]);
		assert_eq!(epochs_to_buy(12, 5), [2, 3]);
		assert_eq!(epochs_to_buy(13, 5), [3, 2]);
		assert_eq!(epochs_to_buy(14, 5), [3, 2]);
		// A day of 14 400 blocks: its last ten blocks only.
		assert_eq!(epochs_to_buy(14_389, 14_400), [0, 1]);
		assert_eq!(epochs_to_buy(14_391, 14_400), [1, 0]);
	}
}
