//! A counterparty's consent to `loans.record`: its signature over the consent hash (see
//! `loanchain_sealing::consent_hash`), made from its secret as `subkey` takes it.
//!
//! The signature is over the hash wrapped in `<Bytes>…</Bytes>`, the form browser wallets'
//! `signRaw` produces and the only one the chain accepts: a signature over 32 bare bytes
//! could be a transaction's.

use sp_core::{crypto::AccountId32, ecdsa, ed25519, sr25519, Blake2Hasher, Hasher, Pair};

fn blake2_256(bytes: &[u8]) -> [u8; 32] {
	Blake2Hasher::hash(bytes).0
}

/// The signature schemes of polkadot.js apps and browser wallets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Scheme {
	Sr25519,
	Ed25519,
	Ecdsa,
}

impl Scheme {
	/// The variant of the runtime's `MultiSignature` a signature of this scheme goes in.
	pub fn variant(self) -> &'static str {
		match self {
			Scheme::Sr25519 => "Sr25519",
			Scheme::Ed25519 => "Ed25519",
			Scheme::Ecdsa => "Ecdsa",
		}
	}
}

/// A consent signature and the account that made it.
#[derive(Debug)]
pub struct Signed {
	/// The signer's account: its public key, or for ecdsa the blake2-256 of its
	/// compressed public key, as the chain derives it.
	pub account: AccountId32,
	pub signature: Vec<u8>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConsentError {
	#[error("the secret is not a secret URI or mnemonic this scheme can use: {0}")]
	BadSecret(String),
}

/// What is signed for `consent_hash`: the hash wrapped as wallets' `signRaw` wraps a message.
pub use loanchain_sealing::wrapped_for_signing as signed_message;

/// Signs `consent_hash`, wrapped (see [`signed_message`]), with the key of `scheme` that the
/// secret URI or mnemonic `suri` derives (`//Alice`, a mnemonic with a `//derivation` and
/// `///password`, or a 0x seed).
pub fn sign(scheme: Scheme, suri: &str, consent_hash: &[u8; 32]) -> Result<Signed, ConsentError> {
	fn pair<P: Pair>(suri: &str) -> Result<P, ConsentError> {
		P::from_string(suri, None).map_err(|e| ConsentError::BadSecret(format!("{e:?}")))
	}
	let message = signed_message(consent_hash);
	Ok(match scheme {
		Scheme::Sr25519 => {
			let pair = pair::<sr25519::Pair>(suri)?;
			Signed { account: pair.public().into(), signature: pair.sign(&message).0.to_vec() }
		},
		Scheme::Ed25519 => {
			let pair = pair::<ed25519::Pair>(suri)?;
			Signed { account: pair.public().into(), signature: pair.sign(&message).0.to_vec() }
		},
		Scheme::Ecdsa => {
			let pair = pair::<ecdsa::Pair>(suri)?;
			let account = blake2_256(pair.public().as_ref()).into();
			Signed { account, signature: pair.sign(&message).0.to_vec() }
		},
	})
}

#[cfg(test)]
mod tests {
	use super::*;
	use sp_core::crypto::Ss58Codec;

	const HASH: [u8; 32] = [0x42; 32];

	#[test]
	fn every_scheme_signs_the_wrapped_hash_and_names_the_chains_account() {
		let sr = sign(Scheme::Sr25519, "//Alice", &HASH).unwrap();
		// Alice's well-known sr25519 account.
		assert_eq!(sr.account.to_ss58check(), "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY");
		let public = sr25519::Public::from_raw(sr.account.clone().into());
		let signature = sr25519::Signature::from_raw(sr.signature.clone().try_into().unwrap());
		let wrapped = signed_message(&HASH);
		assert_eq!(&wrapped[..7], b"<Bytes>");
		assert!(sr25519::Pair::verify(&signature, &wrapped, &public));
		// Never the bare hash: the chain refuses it.
		assert!(!sr25519::Pair::verify(&signature, HASH, &public));
		assert!(!sr25519::Pair::verify(&signature, signed_message(&[0u8; 32]), &public));

		let ed = sign(Scheme::Ed25519, "//Alice", &HASH).unwrap();
		let public = ed25519::Public::from_raw(ed.account.clone().into());
		let signature = ed25519::Signature::from_raw(ed.signature.clone().try_into().unwrap());
		assert!(ed25519::Pair::verify(&signature, &wrapped, &public));
		assert_ne!(ed.account, sr.account);

		let ec = sign(Scheme::Ecdsa, "//Alice", &HASH).unwrap();
		let pair = ecdsa::Pair::from_string("//Alice", None).unwrap();
		let signature = ecdsa::Signature::from_raw(ec.signature.clone().try_into().unwrap());
		assert!(ecdsa::Pair::verify(&signature, &wrapped, &pair.public()));
		assert_eq!(ec.account, blake2_256(pair.public().as_ref()).into());
	}

	#[test]
	fn mnemonics_and_derivations_are_secrets_too() {
		let phrase = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";
		let from_phrase = sign(Scheme::Sr25519, &format!("{phrase}//Alice"), &HASH).unwrap();
		let from_uri = sign(Scheme::Sr25519, "//Alice", &HASH).unwrap();
		assert_eq!(from_phrase.account, from_uri.account);
		assert!(matches!(
			sign(Scheme::Sr25519, "not a secret", &HASH),
			Err(ConsentError::BadSecret(_))
		));
	}
}
