//! RFC 9474's Appendix A through both host functions, and a whole issuance with a
//! 2 048-bit registrar key (the size the chain uses) by an independent implementation of
//! the RFC (`blind-rsa-signatures`): what the client and the registrar do off chain is
//! what the chain accepts.

use super::{loanchain_rsa, *};
use blind_rsa_signatures::{
	DefaultRng, PublicKeySha384PSSRandomized as PublicKey,
	SecretKeySha384PSSRandomized as SecretKey,
};

struct Vector {
	name: String,
	n: Vec<u8>,
	input_msg: Vec<u8>,
	is_pss: bool,
	blinded_msg: Vec<u8>,
	blind_sig: Vec<u8>,
	sig: Vec<u8>,
}

/// Big-endian bytes of a hex string with or without `0x`, as the vectors write them.
fn bytes(value: &serde_json::Value) -> Vec<u8> {
	let text = value.as_str().expect("a hex string");
	let text = text.strip_prefix("0x").unwrap_or(text);
	let padded = if text.len() % 2 == 1 { format!("0{text}") } else { text.to_owned() };
	hex::decode(padded).expect("hex")
}

fn rfc9474_vectors() -> Vec<Vector> {
	let json: serde_json::Value =
		serde_json::from_str(include_str!("../vectors/rfc9474.json")).expect("JSON");
	json.as_array()
		.expect("a list of vectors")
		.iter()
		.map(|v| Vector {
			name: v["name"].as_str().unwrap().to_owned(),
			n: bytes(&v["n"]),
			input_msg: bytes(&v["input_msg"]),
			// PSSZERO variants sign with an empty salt; the chain's tokens use 48 bytes.
			is_pss: bytes(&v["sLen"]) == [48],
			blinded_msg: bytes(&v["blinded_msg"]),
			blind_sig: bytes(&v["blind_sig"]),
			sig: bytes(&v["sig"]),
		})
		.collect()
}

fn flip_last_bit(bytes: &[u8]) -> Vec<u8> {
	let mut changed = bytes.to_vec();
	*changed.last_mut().unwrap() ^= 1;
	changed
}

#[test]
fn the_rfc_vectors_are_all_there() {
	let vectors = rfc9474_vectors();
	let names: Vec<_> = vectors.iter().map(|v| v.name.as_str()).collect();
	assert_eq!(
		names,
		[
			"RSABSSA-SHA384-PSS-Randomized",
			"RSABSSA-SHA384-PSSZERO-Randomized",
			"RSABSSA-SHA384-PSS-Deterministic",
			"RSABSSA-SHA384-PSSZERO-Deterministic"
		]
	);
	for v in &vectors {
		assert_eq!(v.n.len(), 512, "{}: a 4 096-bit key", v.name);
		assert!(is_well_formed_modulus(&v.n), "{}", v.name);
	}
}

#[test]
fn every_rfc_blind_signature_matches_its_blinded_message() {
	for v in rfc9474_vectors() {
		assert!(
			loanchain_rsa::blind_signature_matches(&v.n, &v.blinded_msg, &v.blind_sig),
			"{}",
			v.name
		);
		assert!(
			!loanchain_rsa::blind_signature_matches(
				&v.n,
				&flip_last_bit(&v.blinded_msg),
				&v.blind_sig
			),
			"{}: another blinded message",
			v.name
		);
		assert!(
			!loanchain_rsa::blind_signature_matches(
				&v.n,
				&v.blinded_msg,
				&flip_last_bit(&v.blind_sig)
			),
			"{}: another blind signature",
			v.name
		);
		assert!(
			!loanchain_rsa::blind_signature_matches(
				&flip_last_bit(&v.n[..]),
				&v.blinded_msg,
				&v.blind_sig
			),
			"{}: another key (an even modulus)",
			v.name
		);
	}
}

#[test]
fn the_rfc_pss_signatures_verify_over_the_prepared_message() {
	for v in rfc9474_vectors().into_iter().filter(|v| v.is_pss) {
		assert!(loanchain_rsa::pss_sha384_verify(&v.n, &v.input_msg, &v.sig), "{}", v.name);
		assert!(
			!loanchain_rsa::pss_sha384_verify(&v.n, &flip_last_bit(&v.input_msg), &v.sig),
			"{}: another message",
			v.name
		);
		assert!(
			!loanchain_rsa::pss_sha384_verify(&v.n, &v.input_msg, &flip_last_bit(&v.sig)),
			"{}: another signature",
			v.name
		);
	}
	// A randomized signature is over the randomizer and the message, not the message alone.
	let randomized = &rfc9474_vectors()[0];
	assert!(!loanchain_rsa::pss_sha384_verify(
		&randomized.n,
		&randomized.input_msg[32..],
		&randomized.sig
	));
}

#[test]
fn a_zero_salt_signature_is_not_a_token() {
	for v in rfc9474_vectors().into_iter().filter(|v| !v.is_pss) {
		assert!(!loanchain_rsa::pss_sha384_verify(&v.n, &v.input_msg, &v.sig), "{}", v.name);
	}
}

#[test]
fn malformed_operands_are_refused_without_panicking() {
	let v = &rfc9474_vectors()[0];
	let short = &v.sig[1..];
	assert!(!loanchain_rsa::pss_sha384_verify(&v.n, &v.input_msg, short));
	assert!(!loanchain_rsa::blind_signature_matches(&v.n, &v.blinded_msg, short));
	assert!(!loanchain_rsa::blind_signature_matches(&v.n, short, &v.blind_sig));
	// A modulus with a leading zero byte, too short, too long, or empty.
	let mut leading_zero = vec![0u8];
	leading_zero.extend_from_slice(&v.n[1..]);
	for modulus in [leading_zero, v.n[..255].to_vec(), [v.n.clone(), v.n.clone()].concat(), vec![]]
	{
		assert!(!is_well_formed_modulus(&modulus));
		assert!(!loanchain_rsa::pss_sha384_verify(&modulus, &v.input_msg, &v.sig));
		assert!(!loanchain_rsa::blind_signature_matches(&modulus, &v.blinded_msg, &v.blind_sig));
	}
	// An operand equal to the modulus is out of range, though `n^e mod n == 0 mod n`.
	assert!(!is_below_modulus(&v.n, &v.n));
	assert!(!loanchain_rsa::blind_signature_matches(&v.n, &[0u8; 512], &v.n));
}

/// The registrar's key of the tests (a test key, made for them: `vectors/`), 2 048 bits.
fn test_registrar() -> (SecretKey, PublicKey) {
	let secret = SecretKey::from_pem(include_str!("../vectors/test-registrar-2048.pem"))
		.expect("the test key");
	let public = secret.public_key().expect("its public key");
	(secret, public)
}

fn modulus_of(public: &PublicKey) -> Vec<u8> {
	public.components().n()
}

/// What a lender's client and a registrar do: blind, sign blind, finalize. Returns the
/// blinded message, the blind signature, the randomizer and the token's signature.
fn issue(
	secret: &SecretKey,
	public: &PublicKey,
	message: &[u8],
) -> (Vec<u8>, Vec<u8>, [u8; 32], Vec<u8>) {
	let blinding = public.blind(&mut DefaultRng, message).expect("blinding");
	let blind_signature = secret.blind_sign(&blinding.blind_message).expect("signing");
	let signature = public.finalize(&blind_signature, &blinding, message).expect("finalizing");
	let randomizer = blinding.msg_randomizer.expect("the randomized variant").0;
	(blinding.blind_message.0, blind_signature.0, randomizer, signature.0)
}

#[test]
fn a_token_issued_blind_with_a_2048_bit_key_is_accepted() {
	let (secret, public) = test_registrar();
	let modulus = modulus_of(&public);
	assert_eq!(modulus.len(), MIN_MODULUS_BYTES);
	let exponent = public.components().e();
	let significant = exponent.iter().position(|b| *b != 0).unwrap();
	assert_eq!(exponent[significant..], PUBLIC_EXPONENT.to_be_bytes()[1..]);

	let message = b"loanchain/lender-token/v1 and a per-loan key";
	let (blinded, blind_signature, randomizer, signature) = issue(&secret, &public, message);
	assert!(loanchain_rsa::blind_signature_matches(&modulus, &blinded, &blind_signature));

	let prepared = [&randomizer[..], message].concat();
	assert!(loanchain_rsa::pss_sha384_verify(&modulus, &prepared, &signature));
	// What the registrar saw and the token share no bytes it could match.
	assert_ne!(blinded, signature);
	assert_ne!(blind_signature, signature);
	// The token is bound to its message and its randomizer.
	assert!(!loanchain_rsa::pss_sha384_verify(&modulus, &prepared[1..], &signature));
	let other = [&[0u8; 32][..], message].concat();
	assert!(!loanchain_rsa::pss_sha384_verify(&modulus, &other, &signature));
}

#[test]
fn another_registrars_key_neither_issues_nor_accepts() {
	let (secret, public) = test_registrar();
	let other_modulus = rfc9474_vectors()[0].n.clone();
	let message = b"a per-loan key";
	let (blinded, blind_signature, randomizer, signature) = issue(&secret, &public, message);
	let prepared = [&randomizer[..], message].concat();
	assert!(!loanchain_rsa::blind_signature_matches(&other_modulus, &blinded, &blind_signature));
	assert!(!loanchain_rsa::pss_sha384_verify(&other_modulus, &prepared, &signature));
}
