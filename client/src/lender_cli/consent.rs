//! A private lender's consent request, and the borrower's consent to it: the borrower reads
//! the terms and who lends (the details' `lender` statement, checked) before it signs.

use super::*;

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

/// A private consent request (`loanctl private-consent-request`): what the borrower signs
/// for `record_private` — the chain, the per-loan key, the borrower, the sealed details
/// and the deadline. The one format, read by `loanctl consent`.
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PrivateConsentRequest {
	pub(super) genesis_hash: Hash32,
	pub(super) lender_key: Hash32,
	pub(super) borrower_id: Hash32,
	pub(super) details: SealedDetails,
	pub(super) deadline: u32,
}

impl PrivateConsentRequest {
	pub(super) fn hash(&self) -> [u8; 32] {
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
	rpc: Option<&str>,
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
	if let Some(url) = rpc {
		let node = connect(url)?;
		let best = node.block_hash(None).map_err(operation)?;
		let holder = node.identity_owner(&statement.id.0, best).map_err(operation)?;
		if holder != Some(signer.clone().into()) {
			return Err(Failure::Operation(format!(
				"the account that signed the lender statement, {}, does not hold the identity {} \
				 on chain: who lends is not proven; do not sign",
				signer.to_ss58check(),
				to_hex(&statement.id.0)
			)));
		}
	}
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
	let signed = signing::sign(scheme, suri, &hash)?;
	Ok(pretty(serde_json::json!({
		"consent": {
			"deadline": request.deadline,
			"signature": { scheme.variant(): to_hex(&signed.signature) },
		},
		"consentHash": to_hex(&hash),
		"signer": signed.account.to_ss58check(),
	})))
}

#[cfg(test)]
mod tests {
	use super::*;

	/// The request's JSON is the one format (camelCase, hex), and its hash is the private
	/// consent hash of docs/sealing-vectors.json: what the chain checks both signatures
	/// against.
	#[test]
	fn a_private_request_reads_back_and_hashes_as_the_vectors_say() {
		let vectors: serde_json::Value =
			serde_json::from_str(include_str!("../../../docs/sealing-vectors.json")).unwrap();
		for v in vectors["vectors"].as_array().unwrap() {
			let hex = |name: &str| v[name].as_str().expect(name).to_owned();
			let json = serde_json::json!({
				"genesisHash": hex("genesis_hash"),
				"lenderKey": hex("lender_key"),
				"borrowerId": hex("borrower_id_hash"),
				"details": {
					"borrowerEnvelope": hex("envelope"),
					"ciphertext": hex("details_ciphertext"),
					"keyCommitment": hex("key_commitment"),
					"lenderEnvelope": hex("envelope"),
					"nonce": hex("details_nonce"),
				},
				"deadline": v["private_consent_deadline"],
			});
			assert!(PrivateConsentRequest::is_private(&json));
			let request: PrivateConsentRequest = serde_json::from_value(json.clone()).unwrap();
			assert_eq!(to_hex(&request.hash()), hex("private_consent_hash"), "{}", v["name"]);
			assert_eq!(serde_json::to_value(&request).unwrap(), json);
			// A public lender's request is not taken for one.
			let mut public = json.clone();
			public.as_object_mut().unwrap().remove("lenderKey");
			assert!(!PrivateConsentRequest::is_private(&public));
			assert!(serde_json::from_value::<PrivateConsentRequest>(public).is_err());
		}
	}
}
