//! Who lent a private lender's loan: the lender identity account's signed statement inside
//! the sealed details (their `lender` field, docs/privacy.md), and its check by whoever
//! reads them — the borrower before consenting, a granted or paying viewer, anyone once
//! the loan is public.
//!
//! The statement is a signature over `loanchain_sealing::lender_of_hash(genesis_hash,
//! lender_key, borrower_id, lender_id)`, wrapped as wallets' `signRaw` wraps a message, by
//! the account that holds `lender_id`. The per-loan key `lender_key` acts on one loan only
//! and approved that loan's details, so the statement names exactly one loan.

use crate::consent::{self, ConsentError, Scheme};
use loanchain_primitives::rpc::Hash32;
use serde::{Deserialize, Serialize};
use sp_core::{
	crypto::{AccountId32, Ss58Codec},
	ecdsa, ed25519, sr25519, Pair,
};

/// The hard derivation, below the lender's own secret URI, of its `index`th per-loan key
/// (sr25519): `SURI//loanchain//lender//<index>`. A backup of the secret restores every
/// per-loan key (docs/privacy.md, "Key loss").
pub fn per_loan_suri(suri: &str, index: u32) -> String {
	// A password (`///…`) ends a secret URI: the junctions go before it.
	let (phrase, password) = match suri.find("///") {
		Some(at) => suri.split_at(at),
		None => (suri, ""),
	};
	format!("{phrase}//loanchain//lender//{index}{password}")
}

/// The lender's `index`th per-loan key pair.
pub fn per_loan_pair(suri: &str, index: u32) -> Result<sr25519::Pair, ConsentError> {
	sr25519::Pair::from_string(&per_loan_suri(suri, index), None)
		.map_err(|e| ConsentError::BadSecret(format!("{e:?}")))
}

/// A signature by the lender's identity account, in the shape of the runtime's
/// `MultiSignature` as polkadot.js writes it (`{"Sr25519": "0x…"}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum LenderSignature {
	Sr25519(String),
	Ed25519(String),
	Ecdsa(String),
}

impl LenderSignature {
	/// The signature as the runtime's `MultiSignature`, if its hex is of its scheme's length.
	pub fn to_multi(&self) -> Option<sp_runtime::MultiSignature> {
		let raw = |hex: &str| crate::hexutil::parse_hex_vec("signature", hex).ok();
		Some(match self {
			LenderSignature::Sr25519(hex) => {
				sr25519::Signature::try_from(&raw(hex)?[..]).ok()?.into()
			},
			LenderSignature::Ed25519(hex) => {
				ed25519::Signature::try_from(&raw(hex)?[..]).ok()?.into()
			},
			LenderSignature::Ecdsa(hex) => ecdsa::Signature::try_from(&raw(hex)?[..]).ok()?.into(),
		})
	}
}

/// The `lender` field of a private lender's details.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LenderOf {
	/// The lender's id_hash.
	pub id: Hash32,
	/// The account that held the lender's identity and signed (SS58).
	pub account: String,
	/// The loan's per-loan key (`loans.LenderKeys`).
	pub key: Hash32,
	/// The account's signature over the wrapped `lender_of_hash`.
	pub signature: LenderSignature,
}

/// Why a `lender` statement does not prove who lent.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum LenderOfError {
	#[error("it is for the per-loan key {0}, and this loan's is another")]
	AnotherLoansKey(String),
	#[error("its account is not an SS58 address")]
	BadAccount,
	#[error("its signature is not hex of the scheme's length")]
	MalformedSignature,
	#[error("its signature is not the account's over this loan's lender, borrower and chain")]
	BadSignature,
}

/// The statement, signed with the key of `scheme` that `suri` derives, that `lender_id`
/// lent the loan of the per-loan key `lender_key` to `borrower_id` on the chain of
/// `genesis_hash`.
pub fn attest(
	scheme: Scheme,
	suri: &str,
	genesis_hash: &[u8; 32],
	lender_key: &[u8; 32],
	borrower_id: &[u8; 32],
	lender_id: &[u8; 32],
) -> Result<LenderOf, ConsentError> {
	let hash = loanchain_sealing::lender_of_hash(genesis_hash, lender_key, borrower_id, lender_id);
	let signed = consent::sign(scheme, suri, &hash)?;
	let hex = crate::hexutil::to_hex(&signed.signature);
	Ok(LenderOf {
		id: Hash32(*lender_id),
		account: signed.account.to_ss58check(),
		key: Hash32(*lender_key),
		signature: match scheme {
			Scheme::Sr25519 => LenderSignature::Sr25519(hex),
			Scheme::Ed25519 => LenderSignature::Ed25519(hex),
			Scheme::Ecdsa => LenderSignature::Ecdsa(hex),
		},
	})
}

impl LenderOf {
	/// Checks the statement for the loan of `lender_key` to `borrower_id` on the chain of
	/// `genesis_hash`: the account that signed. Whether it held the identity `id` when the
	/// loan took effect, the chain tells (`CreditIdentity.Owners`).
	pub fn verify(
		&self,
		genesis_hash: &[u8; 32],
		lender_key: &[u8; 32],
		borrower_id: &[u8; 32],
	) -> Result<AccountId32, LenderOfError> {
		if self.key.0 != *lender_key {
			return Err(LenderOfError::AnotherLoansKey(crate::hexutil::to_hex(&self.key.0)));
		}
		let account =
			AccountId32::from_ss58check(&self.account).map_err(|_| LenderOfError::BadAccount)?;
		let hash =
			loanchain_sealing::lender_of_hash(genesis_hash, lender_key, borrower_id, &self.id.0);
		let message = consent::signed_message(&hash);
		let signature = self.signature.to_multi().ok_or(LenderOfError::MalformedSignature)?;
		// An ecdsa account is the blake2-256 of the compressed public key: the runtime's
		// `MultiSignature` checks it so.
		let valid = sp_runtime::traits::Verify::verify(&signature, &message[..], &account);
		if valid {
			Ok(account)
		} else {
			Err(LenderOfError::BadSignature)
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	const GENESIS: [u8; 32] = [6; 32];
	const BORROWER: [u8; 32] = [4; 32];
	const LENDER: [u8; 32] = [8; 32];

	fn key(index: u32) -> [u8; 32] {
		per_loan_pair("//Alice", index).unwrap().public().0
	}

	#[test]
	fn every_scheme_attests_and_the_statement_binds_its_loan() {
		for scheme in [Scheme::Sr25519, Scheme::Ed25519, Scheme::Ecdsa] {
			let statement = attest(scheme, "//Alice", &GENESIS, &key(0), &BORROWER, &LENDER)
				.expect("//Alice signs");
			let signer = consent::sign(scheme, "//Alice", &[0; 32]).unwrap().account;
			assert_eq!(statement.verify(&GENESIS, &key(0), &BORROWER), Ok(signer), "{scheme:?}");
			// Not for another loan, borrower, chain or lender.
			assert!(matches!(
				statement.verify(&GENESIS, &key(1), &BORROWER),
				Err(LenderOfError::AnotherLoansKey(_))
			));
			assert_eq!(
				statement.verify(&GENESIS, &key(0), &[5; 32]),
				Err(LenderOfError::BadSignature)
			);
			assert_eq!(
				statement.verify(&[7; 32], &key(0), &BORROWER),
				Err(LenderOfError::BadSignature)
			);
			let other_lender = LenderOf { id: Hash32([9; 32]), ..statement.clone() };
			assert_eq!(
				other_lender.verify(&GENESIS, &key(0), &BORROWER),
				Err(LenderOfError::BadSignature)
			);
			// Nor in another account's name.
			let bob = consent::sign(scheme, "//Bob", &[0; 32]).unwrap().account;
			let claimed = LenderOf { account: bob.to_ss58check(), ..statement };
			assert_eq!(
				claimed.verify(&GENESIS, &key(0), &BORROWER),
				Err(LenderOfError::BadSignature)
			);
		}
	}

	#[test]
	fn malformed_statements_are_refused_by_name() {
		let statement =
			attest(Scheme::Sr25519, "//Alice", &GENESIS, &key(0), &BORROWER, &LENDER).unwrap();
		let short =
			LenderOf { signature: LenderSignature::Sr25519("0x1234".into()), ..statement.clone() };
		assert_eq!(
			short.verify(&GENESIS, &key(0), &BORROWER),
			Err(LenderOfError::MalformedSignature)
		);
		let nobody = LenderOf { account: "not an address".into(), ..statement };
		assert_eq!(nobody.verify(&GENESIS, &key(0), &BORROWER), Err(LenderOfError::BadAccount));
	}

	#[test]
	fn per_loan_keys_are_hard_derivations_below_the_secret() {
		assert_eq!(per_loan_suri("//Alice", 3), "//Alice//loanchain//lender//3");
		let phrase = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";
		assert_eq!(
			per_loan_suri(&format!("{phrase}///secret"), 0),
			format!("{phrase}//loanchain//lender//0///secret")
		);
		let direct = sr25519::Pair::from_string("//Alice//loanchain//lender//3", None).unwrap();
		assert_eq!(per_loan_pair("//Alice", 3).unwrap().public(), direct.public());
		assert_ne!(key(0), key(1));
	}
}
