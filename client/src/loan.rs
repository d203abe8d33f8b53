//! Opening a loan as a node returns it (`loans_loan`): its details and outcome with one's
//! secret key (through one's envelope) or a published content key, and the proposal hash
//! `loans.accept` takes — what `loanctl open --rpc` prints.

use crate::{details::LoanDetails, lender_of::LenderOf};
use loanchain_primitives::{
	rpc::{Hash32, LoanRecord, LoanStateKind},
	Role,
};
use loanchain_sealing as sealing;
use serde_json::{json, Value};

/// How to get at a loan's content key.
pub enum KeySource<'a> {
	/// One's X25519 secret key: tried on the given envelope (one granted to a viewer), or on
	/// the lender's and the borrower's envelopes.
	Secret { secret: &'a sealing::SecretKey, envelope: Option<&'a [u8]> },
	/// A content key one has (the proposer's records, or a published key).
	ContentKey(sealing::ContentKey),
}

/// Why a loan could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
	#[error("none of the envelopes tried opens with this secret key: it is neither party's key, nor the key of an envelope granted to the --viewer given (a viewer gives --viewer <its account>)")]
	NoEnvelopeOpens,
	#[error("the details do not open with this content key")]
	WrongContentKey,
	#[error("the key opens the details but is not the one their key commitment names: an outcome sealed with it could never be published")]
	NotTheCommittedKey,
	#[error("the offer does not open with the loan's key at this place: it was sealed for another loan or place, or altered")]
	OfferDoesNotOpen,
	#[error("the loan has no extension offer at place {0} (declined offers are removed)")]
	NoOfferAt(u32),
}

/// What opening a loan needs of the record `loans_loan` returned.
struct SealedLoan<'a> {
	loan: &'a LoanRecord,
}

impl SealedLoan<'_> {
	/// The content key that opens the details, and the details it opens.
	fn unlock(&self, keys: KeySource) -> Result<(sealing::ContentKey, Vec<u8>), OpenError> {
		let sealed = &self.loan.sealed;
		let opens = |key: &sealing::ContentKey| {
			sealing::open_details(key, &sealed.nonce, &sealed.ciphertext, &self.loan.borrower_id)
				.ok()
				.map(|d| (*key, d))
		};
		match keys {
			KeySource::ContentKey(key) => opens(&key).ok_or(OpenError::WrongContentKey),
			KeySource::Secret { secret, envelope } => {
				let envelopes: Vec<&[u8]> = match envelope {
					Some(envelope) => vec![envelope],
					None => vec![&sealed.lender_envelope, &sealed.borrower_envelope],
				};
				envelopes
					.into_iter()
					.filter_map(|envelope| sealing::open_envelope(envelope, secret).ok())
					.find_map(|key| opens(&key))
					.ok_or(OpenError::NoEnvelopeOpens)
			},
		}
	}

	/// The loan's own content key: it opens the details and matches their key commitment.
	/// What the lender seals for the chain (an outcome, an extension) must be under it,
	/// since the chain cannot read it to check.
	fn committed_key(&self, keys: KeySource) -> Result<sealing::ContentKey, OpenError> {
		let (content_key, _) = self.unlock(keys)?;
		if sealing::key_commitment(&content_key) != self.loan.sealed.key_commitment {
			return Err(OpenError::NotTheCommittedKey);
		}
		Ok(content_key)
	}
}

/// Seals `outcome` (`sealing::PERFORMED_NORMALLY` or `sealing::BREACHED`) under `nonce` for
/// `loan` (as `loans_loan` returns it): the `sealed_outcome` argument of `loans.conclude`, as
/// `loanctl seal-outcome` prints it. The chain cannot read an outcome, so this is where a
/// wrong key or a wrong loan id is caught: the key must open this loan's details and match
/// its key commitment, and the outcome is bound to this loan's own id. An outcome sealed
/// otherwise could never be opened, nor the loan published.
pub fn seal_outcome(
	loan: &LoanRecord,
	keys: KeySource,
	outcome: u8,
	nonce: &sealing::Nonce,
) -> Result<Value, OpenError> {
	let content_key = SealedLoan { loan }.committed_key(keys)?;
	let ciphertext = sealing::seal_outcome(&content_key, nonce, outcome, loan.loan_id);
	Ok(json!({
		"loanId": loan.loan_id,
		"nonce": crate::hexutil::to_hex(nonce),
		"ciphertext": crate::hexutil::to_hex(&ciphertext),
	}))
}

/// Seals `extra_days`, a private lender's offer at place `index` of `loan`'s extensions
/// (`loans.sealedExtensions`; the next place is the count of confirmed ones), under `nonce`:
/// the `offer` of the act `ProposeExtension`, and the hash the borrower confirms
/// (`loans.confirmSealedExtension`), as `loanctl seal-extension` prints them. As for an
/// outcome, the key must be the loan's (it opens the details and matches their commitment):
/// the chain cannot check an offer it cannot read.
pub fn seal_extension(
	loan: &LoanRecord,
	genesis_hash: &[u8; 32],
	keys: KeySource,
	extra_days: u32,
	index: u32,
	nonce: &sealing::Nonce,
) -> Result<Value, OpenError> {
	let content_key = SealedLoan { loan }.committed_key(keys)?;
	let ciphertext = sealing::seal_extension(&content_key, nonce, extra_days, loan.loan_id, index);
	Ok(offer_json(loan.loan_id, genesis_hash, index, nonce, &ciphertext, extra_days))
}

/// Opens a sealed extension offer at place `index` of `loan` with one's key: the days
/// offered and the hash that confirms exactly this offer, as `loanctl open-extension`
/// prints them.
pub fn open_extension(
	loan: &LoanRecord,
	genesis_hash: &[u8; 32],
	keys: KeySource,
	index: u32,
	nonce: &sealing::Nonce,
	ciphertext: &sealing::SealedExtensionBytes,
) -> Result<Value, OpenError> {
	let (content_key, _) = SealedLoan { loan }.unlock(keys)?;
	let extra_days = sealing::open_extension(&content_key, nonce, ciphertext, loan.loan_id, index)
		.map_err(|_| OpenError::OfferDoesNotOpen)?;
	Ok(offer_json(loan.loan_id, genesis_hash, index, nonce, ciphertext, extra_days))
}

fn offer_json(
	loan_id: u64,
	genesis_hash: &[u8; 32],
	index: u32,
	nonce: &sealing::Nonce,
	ciphertext: &sealing::SealedExtensionBytes,
	extra_days: u32,
) -> Value {
	let hash = sealing::extension_hash(genesis_hash, loan_id, index, nonce, ciphertext);
	json!({
		"loanId": loan_id,
		"index": index,
		"extraDays": extra_days,
		"offer": {
			"nonce": crate::hexutil::to_hex(nonce),
			"ciphertext": crate::hexutil::to_hex(ciphertext),
		},
		"offerHash": crate::hexutil::to_hex(&hash),
	})
}

/// Opens `loan` (as `loans_loan` returns it) on the chain whose genesis hash is
/// `genesis_hash`. Returns what `loanctl open --rpc` prints: the loan id, state, period,
/// details and outcome in plaintext, the content key, the proposal hash to accept while the
/// loan is proposed, and warnings about anything a party should not sign.
pub fn open(
	loan: &LoanRecord,
	genesis_hash: &[u8; 32],
	keys: KeySource,
) -> Result<Value, OpenError> {
	let (content_key, plaintext) = SealedLoan { loan }.unlock(keys)?;
	let LoanRecord { loan_id, period_days, lender_id, borrower_id, .. } = *loan;
	// A private lender's loan has no period on chain: it is sealed in the details.
	let private = loan.lender_key.is_some();
	let sealed = &loan.sealed;

	let mut warnings = Vec::new();
	let mut lender = Value::Null;
	let mut term = None;
	if sealing::key_commitment(&content_key) != sealed.key_commitment {
		warnings.push(
			"the details do not carry this content key's commitment: the loan could never be \
			 published (do not accept it)"
				.to_string(),
		);
	}
	let details = match LoanDetails::parse(&plaintext) {
		Ok(terms) => {
			if !private && terms.period_days != period_days {
				warnings.push(format!(
					"the sealed terms say {} days, the chain's period_days is {period_days}: \
					 the maturity the chain prompts at is not the one in the terms",
					terms.period_days
				));
			}
			lender = lender_statement(loan, genesis_hash, terms.lender.as_ref(), &mut warnings);
			term = Some((terms.start.clone(), terms.period_days));
			serde_json::to_value(terms).expect("details serialize")
		},
		Err(e) => {
			warnings.push(format!("the details are not the documented JSON ({e})"));
			Value::String(String::from_utf8_lossy(&plaintext).into_owned())
		},
	};
	let outcome = match &sealed.outcome {
		Some(outcome) => {
			let opened = <sealing::SealedOutcomeBytes>::try_from(&outcome.ciphertext[..])
				.ok()
				.and_then(|ciphertext| {
					sealing::open_outcome(&content_key, &outcome.nonce, &ciphertext, loan_id).ok()
				});
			match opened {
				Some(sealing::BREACHED) => json!("breached"),
				Some(_) => json!("performedNormally"),
				None => {
					warnings
						.push("the outcome does not open with the loan's content key".to_string());
					Value::Null
				},
			}
		},
		None => Value::Null,
	};

	// A private lender's loan keeps its extensions' days and its maturity sealed: the
	// parties' clients compute them.
	let schedule =
		private.then(|| private_schedule(loan, &content_key, term.as_ref(), &mut warnings));

	let state = serde_json::to_value(loan.state).expect("a state serializes");
	let mut opened = json!({
		"loanId": loan_id,
		"state": state,
		"periodDays": period_days,
		"details": details,
		"outcome": outcome,
		"contentKey": crate::hexutil::to_hex(&content_key),
		"warnings": warnings,
	});
	// Only a private lender's loan says who lent in its details.
	if !lender.is_null() {
		opened["lender"] = lender;
	}
	if let Some((extensions, matures_on)) = schedule {
		opened["sealedExtensions"] = extensions;
		opened["maturesOn"] = json!(matures_on);
	}
	if let (LoanStateKind::Proposed, Some(Hash32(lender_id))) = (loan.state, lender_id) {
		let hash = sealing::proposal_hash(&sealing::Proposal {
			genesis_hash,
			loan_id,
			terms: sealing::Terms {
				lender_id: &lender_id,
				borrower_id: &borrower_id,
				proposer_role: match loan.proposer {
					Role::Lender => 0,
					Role::Borrower => 1,
				},
				period_days,
				nonce: &sealed.nonce,
				ciphertext: &sealed.ciphertext,
				key_commitment: &sealed.key_commitment,
				lender_envelope: &sealed.lender_envelope,
				borrower_envelope: &sealed.borrower_envelope,
			},
		});
		opened["proposalHash"] = json!(crate::hexutil::to_hex(&hash));
	}
	Ok(opened)
}

/// A private lender's loan's extension offers opened with its content key, and the day it
/// matures: the terms' `start`, plus their `period_days`, plus the days of every extension
/// the borrower confirmed (`None` when the terms do not say). The chain keeps neither, so
/// that nobody else learns the period: this is where the lender's client finds its maturity
/// prompt (docs/privacy.md).
fn private_schedule(
	loan: &LoanRecord,
	content_key: &sealing::ContentKey,
	term: Option<&(String, u32)>,
	warnings: &mut Vec<String>,
) -> (Value, Option<String>) {
	let mut confirmed_days = 0u32;
	let offers: Vec<Value> = loan
		.sealed_extensions
		.iter()
		.map(|e| {
			let days = sealing::open_extension(
				content_key,
				&e.nonce,
				&e.ciphertext,
				loan.loan_id,
				e.index,
			)
			.ok();
			match days {
				Some(days) if e.confirmed_at.is_some() => {
					confirmed_days = confirmed_days.saturating_add(days)
				},
				Some(_) => {},
				None => warnings.push(format!(
					"extension offer {} does not open with the loan's key: its days are unknown",
					e.index
				)),
			}
			json!({
				"index": e.index,
				"extraDays": days,
				"offeredAt": e.offered_at,
				"confirmedAt": e.confirmed_at,
			})
		})
		.collect();
	let matures_on = term.and_then(|(start, period_days)| {
		let start = chrono::NaiveDate::parse_from_str(start, "%Y-%m-%d").ok()?;
		let days = u64::from(*period_days) + u64::from(confirmed_days);
		start.checked_add_days(chrono::Days::new(days)).map(|d| d.to_string())
	});
	(Value::Array(offers), matures_on)
}

/// Who lent a private lender's loan, as its details' `lender` statement says, with whether
/// the statement's signature holds for this loan. Whether the signing account held the
/// identity, the chain tells (`loanctl open --rpc` asks it). `Null` for a loan whose
/// lender the chain names.
fn lender_statement(
	loan: &LoanRecord,
	genesis_hash: &[u8; 32],
	statement: Option<&LenderOf>,
	warnings: &mut Vec<String>,
) -> Value {
	let Some(Hash32(lender_key)) = loan.lender_key else { return Value::Null };
	let Some(statement) = statement else {
		warnings.push(
			"the details carry no `lender` statement: nobody can check who lent this loan"
				.to_string(),
		);
		return Value::Null;
	};
	let signature = match statement.verify(genesis_hash, &lender_key, &loan.borrower_id) {
		Ok(_) => "valid",
		Err(e) => {
			warnings.push(format!("the details' `lender` statement proves nothing: {e}"));
			"invalid"
		},
	};
	json!({
		"id": crate::hexutil::to_hex(&statement.id.0),
		"account": statement.account,
		"signature": signature,
	})
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::hexutil::{parse_hex, to_hex};
	use loanchain_primitives::rpc::{DisclosureKind, SealedOutcomeRecord, SealedRecord};

	const TERMS: &str = r#"{"amount":"500.00","currency":"CNY","rate":"0.10","start":"2026-11-01","period_days":30}"#;

	/// A loan as `loans_loan` returns it, sealed to the lender secret `[1; 32]` and the
	/// borrower secret `[2; 32]`, with the outcome `outcome` if concluded.
	fn loan_json(period_days: u32, commitment_of: [u8; 32], outcome: Option<u8>) -> LoanRecord {
		let key = [9u8; 32];
		let nonce = [3u8; 12];
		let borrower_id = [4u8; 32];
		let envelope = |secret: [u8; 32], eph: u8| {
			sealing::make_envelope(&key, &sealing::public_key(&secret), &[eph; 32]).unwrap()
		};
		let outcome_nonce = [5u8; 12];
		LoanRecord {
			loan_id: 7,
			lender: Some("lender".into()),
			borrower: "borrower".into(),
			lender_id: Some(Hash32([8u8; 32])),
			lender_key: None,
			borrower_id,
			proposer: Role::Lender,
			period_days,
			state: if outcome.is_some() {
				LoanStateKind::Concluded
			} else {
				LoanStateKind::Proposed
			},
			proposed_at: 1,
			activated_at: None,
			maturity: None,
			extensions: vec![],
			sealed_extensions: vec![],
			concluded_at: None,
			disclosure: DisclosureKind::Encrypted,
			price: None,
			sealed: SealedRecord {
				nonce,
				ciphertext: sealing::seal_details(&key, &nonce, TERMS.as_bytes(), &borrower_id),
				key_commitment: sealing::key_commitment(&commitment_of),
				lender_envelope: envelope([1; 32], 0x11),
				borrower_envelope: envelope([2; 32], 0x12),
				outcome: outcome.map(|byte| SealedOutcomeRecord {
					nonce: outcome_nonce,
					ciphertext: sealing::seal_outcome(&key, &outcome_nonce, byte, 7).to_vec(),
				}),
			},
			details: None,
			outcome: None,
		}
	}

	#[test]
	fn the_lender_seals_an_extension_the_borrower_opens_with_its_hash() {
		let loan = loan_json(30, [9; 32], None);
		let genesis = [6u8; 32];
		let lender = [1u8; 32];
		let offer = seal_extension(
			&loan,
			&genesis,
			KeySource::Secret { secret: &lender, envelope: None },
			45,
			2,
			&[0x21; 12],
		)
		.unwrap();
		let ciphertext: sealing::SealedExtensionBytes =
			parse_hex("ciphertext", offer["offer"]["ciphertext"].as_str().unwrap()).unwrap();
		let borrower = [2u8; 32];
		let opened = open_extension(
			&loan,
			&genesis,
			KeySource::Secret { secret: &borrower, envelope: None },
			2,
			&[0x21; 12],
			&ciphertext,
		)
		.unwrap();
		assert_eq!(opened["extraDays"], 45);
		let hash = sealing::extension_hash(&genesis, 7, 2, &[0x21; 12], &ciphertext);
		assert_eq!(opened["offerHash"], to_hex(&hash));
		assert_eq!(opened, offer);
		// At another place it does not open; nor is an uncommitted key let seal one.
		assert!(matches!(
			open_extension(
				&loan,
				&genesis,
				KeySource::Secret { secret: &borrower, envelope: None },
				3,
				&[0x21; 12],
				&ciphertext
			),
			Err(OpenError::OfferDoesNotOpen)
		));
		let uncommitted = loan_json(30, [8; 32], None);
		assert!(matches!(
			seal_extension(
				&uncommitted,
				&genesis,
				KeySource::Secret { secret: &lender, envelope: None },
				45,
				2,
				&[0x21; 12]
			),
			Err(OpenError::NotTheCommittedKey)
		));
	}

	#[test]
	fn either_party_opens_details_and_outcome_with_their_secret_key() {
		let loan = loan_json(30, [9; 32], Some(sealing::BREACHED));
		for secret in [[1u8; 32], [2u8; 32]] {
			let opened =
				open(&loan, &[0; 32], KeySource::Secret { secret: &secret, envelope: None })
					.unwrap();
			assert_eq!(opened["details"]["amount"], "500.00");
			assert_eq!(opened["outcome"], "breached");
			assert_eq!(opened["contentKey"], to_hex(&[9u8; 32]), "a lender recovers the key");
			assert_eq!(opened["warnings"], json!([]));
			assert!(opened.get("proposalHash").is_none(), "only a proposal is accepted");
			assert!(opened.get("lender").is_none(), "the chain names a public lender");
		}
		let stranger = [3u8; 32];
		assert!(matches!(
			open(&loan, &[0; 32], KeySource::Secret { secret: &stranger, envelope: None }),
			Err(OpenError::NoEnvelopeOpens)
		));
		assert!(matches!(
			open(&loan, &[0; 32], KeySource::ContentKey([7; 32])),
			Err(OpenError::WrongContentKey)
		));
	}

	#[test]
	fn an_outcome_is_sealed_for_the_loans_own_id_with_its_committed_key() {
		let loan = loan_json(30, [9; 32], None);
		let nonce = [6u8; 12];
		let lender = [1u8; 32];
		let sealed = seal_outcome(
			&loan,
			KeySource::Secret { secret: &lender, envelope: None },
			sealing::BREACHED,
			&nonce,
		)
		.unwrap();
		assert_eq!(sealed["loanId"], 7);
		let ciphertext: sealing::SealedOutcomeBytes =
			parse_hex("ciphertext", sealed["ciphertext"].as_str().unwrap()).unwrap();
		// It opens for loan 7 with the loan's content key, and for no other id.
		assert_eq!(sealing::open_outcome(&[9; 32], &nonce, &ciphertext, 7), Ok(sealing::BREACHED));
		assert!(sealing::open_outcome(&[9; 32], &nonce, &ciphertext, 6).is_err());
		// A key that does not open this loan's details is refused, …
		assert!(matches!(
			seal_outcome(&loan, KeySource::ContentKey([7; 32]), sealing::BREACHED, &nonce),
			Err(OpenError::WrongContentKey)
		));
		let stranger = [3u8; 32];
		assert!(matches!(
			seal_outcome(
				&loan,
				KeySource::Secret { secret: &stranger, envelope: None },
				sealing::BREACHED,
				&nonce
			),
			Err(OpenError::NoEnvelopeOpens)
		));
		// … and so is one that opens them but is not the committed key.
		let uncommitted = loan_json(30, [0xEE; 32], None);
		assert!(matches!(
			seal_outcome(&uncommitted, KeySource::ContentKey([9; 32]), sealing::BREACHED, &nonce),
			Err(OpenError::NotTheCommittedKey)
		));
	}

	/// `loan_json`'s loan as a private lender's: no lender on chain, the per-loan key
	/// `lender_key`, and `details` sealed.
	fn private_loan(details: &str, lender_key: [u8; 32]) -> LoanRecord {
		let mut loan = loan_json(30, [9; 32], None);
		loan.lender = None;
		loan.lender_id = None;
		loan.lender_key = Some(Hash32(lender_key));
		loan.state = LoanStateKind::Active;
		loan.sealed.ciphertext = sealing::seal_details(
			&[9; 32],
			&loan.sealed.nonce,
			details.as_bytes(),
			&loan.borrower_id,
		);
		loan
	}

	#[test]
	fn a_private_loans_details_prove_who_lent() {
		use crate::{consent::Scheme, lender_of};
		use sp_core::Pair;
		let genesis = [6u8; 32];
		let key = lender_of::per_loan_pair("//Alice", 0).unwrap().public().0;
		let statement =
			lender_of::attest(Scheme::Sr25519, "//Alice", &genesis, &key, &[4; 32], &[8; 32])
				.unwrap();
		let mut terms: Value = serde_json::from_str(TERMS).unwrap();
		terms["lender"] = serde_json::to_value(&statement).unwrap();
		let details = terms.to_string();
		let open_with = |loan: &LoanRecord| {
			open(loan, &genesis, KeySource::Secret { secret: &[2; 32], envelope: None }).unwrap()
		};

		let opened = open_with(&private_loan(&details, key));
		assert_eq!(opened["maturesOn"], "2026-12-01", "the start and the sealed period");
		assert_eq!(opened["sealedExtensions"], json!([]));
		assert_eq!(opened["lender"]["signature"], "valid");
		assert_eq!(opened["lender"]["id"], to_hex(&[8; 32]));
		assert_eq!(opened["lender"]["account"], statement.account);
		assert_eq!(opened["details"]["lender"], terms["lender"]);
		assert_eq!(opened["warnings"], json!([]));

		// The statement of another loan's key proves nothing here ...
		let another = lender_of::per_loan_pair("//Alice", 1).unwrap().public().0;
		let opened = open_with(&private_loan(&details, another));
		assert_eq!(opened["lender"]["signature"], "invalid");
		assert!(opened["warnings"][0].as_str().unwrap().contains("per-loan key"));
		// ... and details without one say so.
		let opened = open_with(&private_loan(TERMS, key));
		assert!(opened.get("lender").is_none());
		assert!(opened["warnings"][0].as_str().unwrap().contains("no `lender` statement"));
	}

	#[test]
	fn a_private_loans_client_opens_its_extensions_and_computes_its_maturity() {
		use loanchain_primitives::rpc::SealedExtensionRecord;
		let mut loan = private_loan(TERMS, [1; 32]);
		let offer = |index: u32, days: u32, confirmed_at: Option<u64>| SealedExtensionRecord {
			index,
			nonce: [0x30 + index as u8; 12],
			ciphertext: sealing::seal_extension(
				&[9; 32],
				&[0x30 + index as u8; 12],
				days,
				7,
				index,
			),
			offered_at: 100 + u64::from(index),
			confirmed_at,
			extra_days: None,
		};
		// Two confirmed (45 and 15 days), the third waiting (10 days).
		loan.sealed_extensions =
			vec![offer(0, 45, Some(101)), offer(1, 15, Some(120)), offer(2, 10, None)];
		let opened =
			open(&loan, &[6; 32], KeySource::Secret { secret: &[1; 32], envelope: None }).unwrap();
		let days: Vec<_> = opened["sealedExtensions"]
			.as_array()
			.unwrap()
			.iter()
			.map(|e| e["extraDays"].clone())
			.collect();
		assert_eq!(days, [json!(45), json!(15), json!(10)]);
		assert_eq!(opened["sealedExtensions"][2]["confirmedAt"], Value::Null);
		// 2026-11-01 + 30 + 45 + 15 days; the waiting offer does not count.
		assert_eq!(opened["maturesOn"], "2027-01-30");

		// An offer sealed for another place does not open, and says so.
		loan.sealed_extensions[1].index = 5;
		let opened =
			open(&loan, &[6; 32], KeySource::Secret { secret: &[1; 32], envelope: None }).unwrap();
		assert_eq!(opened["sealedExtensions"][1]["extraDays"], Value::Null);
		assert_eq!(opened["maturesOn"], "2027-01-15");
		assert!(opened["warnings"].to_string().contains("offer 5 does not open"));
	}

	#[test]
	fn a_proposal_shows_its_hash_and_what_not_to_sign() {
		let loan = loan_json(60, [0xEE; 32], None);
		let opened = open(&loan, &[0xAB; 32], KeySource::ContentKey([9; 32])).unwrap();
		let warnings = opened["warnings"].as_array().unwrap();
		assert_eq!(warnings.len(), 2, "{warnings:?}");
		assert!(warnings[0].as_str().unwrap().contains("commitment"));
		assert!(warnings[1].as_str().unwrap().contains("30 days"));
		let hash = opened["proposalHash"].as_str().unwrap().to_string();
		// The hash names the chain: another genesis, another hash.
		let elsewhere = open(&loan, &[0xAC; 32], KeySource::ContentKey([9; 32])).unwrap();
		assert_ne!(elsewhere["proposalHash"].as_str().unwrap(), hash);
	}
}
