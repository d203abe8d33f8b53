//! `record_private` and `record_private_batch`: the lender's credential for each loan (its
//! token and per-loan key) with the borrower's consent, submitted as a general transaction.

use frame_support::traits::Get;

use super::{
	tokens::{read_tokens, TokensFile},
	*,
};

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
	let signature = entry.signature.as_ref().map(|s| &s.0[..]).ok_or_else(|| {
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
			signature: consent.consent.signature.to_multi().ok_or_else(|| {
				Failure::Input("the consent's signature is not of its scheme's length".into())
			})?,
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
	// One loan a `record_private`; many, `MaxPrivateBatch` to a `record_private_batch`.
	let calls: Vec<RuntimeCall> = match <[_; 1]>::try_from(records) {
		Ok([record]) => vec![RuntimeCall::Loans(pallet_loans::Call::record_private {
			borrower: record.borrower,
			details: record.details,
			consent: record.consent,
			lender: Box::new(record.lender),
		})],
		Err(records) => {
			let batch: u32 = <Runtime as pallet_loans::Config>::MaxPrivateBatch::get();
			records
				.chunks(batch as usize)
				.map(|chunk| {
					RuntimeCall::Loans(pallet_loans::Call::record_private_batch {
						records: chunk.to_vec().try_into().expect("chunks of MaxPrivateBatch"),
					})
				})
				.collect()
		},
	};
	let out = calls
		.into_iter()
		.map(|call| {
			let included = submitted(&node, call)?;
			Ok(serde_json::json!({ "loanIds": recorded(&included), "block": included.block }))
		})
		.collect::<Result<Vec<_>, Failure>>()?;
	Ok(pretty(serde_json::Value::Array(out)))
}
