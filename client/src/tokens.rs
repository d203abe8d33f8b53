//! Lender tokens off chain: what a registrar and a lender do with their secrets, by RFC 9474
//! (RSABSSA-SHA384-PSS-Randomized, `blind-rsa-signatures`). The chain only checks
//! (`loanchain-crypto`, docs/identity.md); here the registrar makes its key of an epoch and
//! signs blinded tokens, and the lender blinds the message of each per-loan key and
//! finalizes the registrar's blind signatures into tokens.
//!
//! The chain keeps a registrar's key as its 256-byte modulus (exponent 65 537): a lender's
//! client rebuilds the public key from it ([`public_key`]).

use blind_rsa_signatures::{
	BlindMessage, BlindSignature, BlindingResult, DefaultRng, KeyPairSha384PSSRandomized,
	MessageRandomizer, PublicKeySha384PSSRandomized as PublicKey, Secret,
	SecretKeySha384PSSRandomized as SecretKey,
};

/// The size of the chain's token keys and of every RSA block of a token: 2 048 bits.
pub const MODULUS_BYTES: usize = 256;
/// A modulus, a blinded token, a blind signature or a token's signature.
pub type RsaBlock = [u8; MODULUS_BYTES];
/// The public exponent of every token key.
const EXPONENT: [u8; 3] = [0x01, 0x00, 0x01];

/// Why a token could not be made.
#[derive(Debug, thiserror::Error)]
pub enum TokenError {
	#[error("not the modulus of an RSA key of at least 2 048 bits: {0}")]
	BadModulus(String),
	#[error("not an RSA private key in PEM: {0}")]
	BadKeyFile(String),
	#[error("cannot make an RSA-2048 key: {0}")]
	KeyGeneration(String),
	#[error("cannot blind the token's message: {0}")]
	Blinding(String),
	#[error("cannot sign the blinded token: {0}")]
	Signing(String),
	#[error(
		"the blind signature does not finalize to a valid token: the registrar signed something \
		 else, or with another key"
	)]
	BadBlindSignature,
}

/// A registrar's token key of one epoch (RSA-2048, kept by the registrar alone).
pub struct RegistrarKey(SecretKey);

impl RegistrarKey {
	/// A fresh key.
	pub fn generate() -> Result<Self, TokenError> {
		KeyPairSha384PSSRandomized::generate(&mut DefaultRng, MODULUS_BYTES * 8)
			.map(|pair| RegistrarKey(pair.sk))
			.map_err(|e| TokenError::KeyGeneration(e.to_string()))
	}

	/// The key a file holds (PKCS#8 or PKCS#1 PEM), if it is RSA-2048.
	pub fn from_pem(pem: &str) -> Result<Self, TokenError> {
		let key = RegistrarKey(
			SecretKey::from_pem(pem).map_err(|e| TokenError::BadKeyFile(e.to_string()))?,
		);
		if key.0.components().n().len() != MODULUS_BYTES {
			return Err(TokenError::BadKeyFile("the chain's token keys are RSA-2048".into()));
		}
		Ok(key)
	}

	/// The key as a file holds it (PKCS#8 PEM).
	pub fn to_pem(&self) -> Result<String, TokenError> {
		self.0.to_pem().map_err(|e| TokenError::KeyGeneration(e.to_string()))
	}

	/// Its modulus, as `CreditIdentity.set_token_key` takes it.
	pub fn modulus(&self) -> RsaBlock {
		block(&self.0.components().n()).expect("an RSA-2048 key: checked when made")
	}

	/// RFC 9474's `BlindSign` of a lender's blinded token.
	pub fn blind_sign(&self, blinded: &RsaBlock) -> Result<RsaBlock, TokenError> {
		let signature =
			self.0.blind_sign(blinded).map_err(|e| TokenError::Signing(e.to_string()))?;
		block(&signature).ok_or_else(|| TokenError::Signing("not 256 bytes".into()))
	}
}

fn block(bytes: &[u8]) -> Option<RsaBlock> {
	bytes.try_into().ok()
}

/// The public key of the modulus `n` (big-endian) and exponent 65 537: a PKCS#1
/// `RSAPublicKey` (DER), read back by `blind-rsa-signatures`.
pub fn public_key(n: &[u8]) -> Result<PublicKey, TokenError> {
	fn length(len: usize) -> Vec<u8> {
		match len {
			0..=0x7f => vec![len as u8],
			0x80..=0xff => vec![0x81, len as u8],
			_ => vec![0x82, (len >> 8) as u8, len as u8],
		}
	}
	fn tagged(tag: u8, content: &[u8]) -> Vec<u8> {
		[&[tag][..], &length(content.len()), content].concat()
	}
	fn integer(magnitude: &[u8]) -> Vec<u8> {
		let trimmed = &magnitude[magnitude.iter().take_while(|b| **b == 0).count()..];
		// A leading 1 bit would make it negative: DER puts a zero byte before it.
		let content = match trimmed.first() {
			Some(b) if *b >= 0x80 => [&[0][..], trimmed].concat(),
			_ => trimmed.to_vec(),
		};
		tagged(0x02, &content)
	}
	if n.len() > 0xffff {
		return Err(TokenError::BadModulus(format!("{} bytes", n.len())));
	}
	let der = tagged(0x30, &[integer(n), integer(&EXPONENT)].concat());
	PublicKey::from_der(&der).map_err(|e| TokenError::BadModulus(e.to_string()))
}

/// A token's message, blinded: what the lender sends (`blinded`) and what it keeps to
/// finalize the answer (`secret`, RFC 9474's `inv`, and the message's `randomizer`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Blinded {
	pub blinded: RsaBlock,
	pub secret: RsaBlock,
	pub randomizer: [u8; 32],
}

/// RFC 9474's `Prepare` (a fresh randomizer) and `Blind` of `message` for the key of
/// `modulus`.
pub fn blind(modulus: &RsaBlock, message: &[u8]) -> Result<Blinded, TokenError> {
	let result = public_key(modulus)?
		.blind(&mut DefaultRng, message)
		.map_err(|e| TokenError::Blinding(e.to_string()))?;
	Ok(Blinded {
		blinded: block(&result.blind_message)
			.ok_or_else(|| TokenError::Blinding("not 256 bytes".into()))?,
		secret: block(&result.secret)
			.ok_or_else(|| TokenError::Blinding("not 256 bytes".into()))?,
		randomizer: result
			.msg_randomizer
			.ok_or_else(|| TokenError::Blinding("not randomized".into()))?
			.0,
	})
}

/// RFC 9474's `Finalize`: the token's signature from the registrar's blind signature on
/// `blinded`, checked against the key of `modulus` (a signature over anything else, or by
/// another key, is refused).
pub fn finalize(
	modulus: &RsaBlock,
	blinded: &Blinded,
	blind_signature: &RsaBlock,
	message: &[u8],
) -> Result<RsaBlock, TokenError> {
	let signature = finalize_with(
		&public_key(modulus)?,
		&blinded.blinded,
		&blinded.secret,
		&blinded.randomizer,
		blind_signature,
		message,
	)?;
	block(&signature).ok_or(TokenError::BadBlindSignature)
}

fn finalize_with(
	public: &PublicKey,
	blinded: &[u8],
	secret: &[u8],
	randomizer: &[u8; 32],
	blind_signature: &[u8],
	message: &[u8],
) -> Result<Vec<u8>, TokenError> {
	let result = BlindingResult {
		blind_message: BlindMessage(blinded.to_vec()),
		secret: Secret(secret.to_vec()),
		msg_randomizer: Some(MessageRandomizer(*randomizer)),
	};
	public
		.finalize(&BlindSignature(blind_signature.to_vec()), &result, message)
		.map(|signature| signature.0)
		.map_err(|_| TokenError::BadBlindSignature)
}

#[cfg(test)]
mod tests {
	use super::*;

	fn bytes(value: &serde_json::Value) -> Vec<u8> {
		let text = value.as_str().expect("hex");
		let text = text.strip_prefix("0x").unwrap_or(text);
		let padded = if text.len() % 2 == 1 { format!("0{text}") } else { text.to_owned() };
		hex::decode(padded).expect("hex")
	}

	/// RFC 9474's Appendix A, its RSABSSA-SHA384-PSS-Randomized vector (a 4 096-bit key):
	/// the public key rebuilt from the modulus alone finalizes the RFC's blind signature with
	/// the RFC's `inv` and randomizer into the RFC's signature.
	#[test]
	fn the_rfcs_vector_finalizes_from_the_modulus_alone() {
		let vectors: serde_json::Value =
			serde_json::from_str(include_str!("../../primitives/crypto/vectors/rfc9474.json"))
				.unwrap();
		let v = vectors
			.as_array()
			.unwrap()
			.iter()
			.find(|v| v["name"] == "RSABSSA-SHA384-PSS-Randomized")
			.expect("the chain's variant");
		let public = public_key(&bytes(&v["n"])).expect("the RFC's key");
		assert_eq!(public.components().n(), bytes(&v["n"]));
		let exponent = public.components().e();
		let exponent = &exponent[exponent.iter().take_while(|b| **b == 0).count()..];
		assert_eq!(exponent, bytes(&v["e"]));
		let randomizer: [u8; 32] = bytes(&v["msg_prefix"]).try_into().unwrap();
		let signature = finalize_with(
			&public,
			&bytes(&v["blinded_msg"]),
			&bytes(&v["inv"]),
			&randomizer,
			&bytes(&v["blind_sig"]),
			&bytes(&v["msg"]),
		)
		.expect("the RFC's signature");
		assert_eq!(signature, bytes(&v["sig"]));

		// Another message, or another blind signature, does not finalize.
		let mut other = bytes(&v["blind_sig"]);
		other[10] ^= 1;
		assert!(matches!(
			finalize_with(
				&public,
				&bytes(&v["blinded_msg"]),
				&bytes(&v["inv"]),
				&randomizer,
				&other,
				&bytes(&v["msg"])
			),
			Err(TokenError::BadBlindSignature)
		));
		assert!(finalize_with(
			&public,
			&bytes(&v["blinded_msg"]),
			&bytes(&v["inv"]),
			&randomizer,
			&bytes(&v["blind_sig"]),
			b"another message"
		)
		.is_err());
	}

	/// A whole issuance with the chain's key size: the registrar's key (to PEM and back),
	/// the lender's blinding, the blind signature, the finalized token — valid under the
	/// modulus the chain keeps, by the independent check of the node's host function.
	#[test]
	fn a_registrar_key_issues_tokens_its_modulus_verifies() {
		let key = RegistrarKey::from_pem(
			&RegistrarKey::from_pem(include_str!(
				"../../primitives/crypto/vectors/test-registrar-2048.pem"
			))
			.unwrap()
			.to_pem()
			.unwrap(),
		)
		.expect("PEM round trip");
		let modulus = key.modulus();
		let message = b"loanchain/lender-token/v1 test message";
		let blinded = blind(&modulus, message).unwrap();
		assert_ne!(blinded.blinded.to_vec(), message.to_vec());
		let blind_signature = key.blind_sign(&blinded.blinded).unwrap();
		let token = finalize(&modulus, &blinded, &blind_signature, message).unwrap();
		let mut signed = blinded.randomizer.to_vec();
		signed.extend_from_slice(message);
		assert!(loanchain_crypto::loanchain_rsa::pss_sha384_verify(&modulus, &signed, &token));

		// A token of another registrar's key is no token of this one.
		let other = RegistrarKey::generate().unwrap();
		assert_ne!(other.modulus(), modulus);
		let theirs = blind(&other.modulus(), message).unwrap();
		let their_signature = other.blind_sign(&theirs.blinded).unwrap();
		assert!(finalize(&other.modulus(), &theirs, &their_signature, message).is_ok());
		assert!(matches!(
			finalize(&modulus, &theirs, &their_signature, message),
			Err(TokenError::BadBlindSignature)
		));
		// Nor is a key file of another kind taken.
		assert!(matches!(RegistrarKey::from_pem("not a key"), Err(TokenError::BadKeyFile(_))));
	}
}
