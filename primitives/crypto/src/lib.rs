//! # Loanchain's host cryptography
//!
//! The checks the runtime asks the node to run natively, because in WebAssembly they would
//! cost a private loan more than the chain's throughput allows (docs/privacy.md, "The
//! budget"). Today: the RSA checks of the registrars' **lender tokens**, RFC 9474 blind
//! signatures (RSABSSA-SHA384-PSS-Randomized).
//!
//! - [`loanchain_rsa::pss_sha384_verify`]: is `signature` an RSASSA-PSS signature
//!   (SHA-384, MGF1-SHA-384, a 48-byte salt) of `message` under the key of `modulus`? A
//!   finalized RFC 9474 token is exactly that, over the randomizer and the token's message
//!   (`randomizer || message`). Natively by `ring` (BoringSSL's RSA).
//! - [`loanchain_rsa::blind_signature_matches`]: is `blind_signature` the registrar's answer
//!   to `blinded_message`, that is `blind_signature^e mod n == blinded_message` (RFC 8017's
//!   RSAVP1, which RFC 9474's `BlindSign` undoes)? The chain checks every answer before it
//!   counts the tokens as issued. Natively by `num-bigint`.
//!
//! The public exponent is always [`PUBLIC_EXPONENT`] (65 537, RFC 9474 §5's choice), a
//! modulus has [`MIN_MODULUS_BYTES`] to [`MAX_MODULUS_BYTES`] bytes with its top byte
//! non-zero, and every other operand is exactly as long as the modulus: anything else is
//! "no", never an error or a panic.
//!
//! ## For node operators
//!
//! A runtime that calls these imports them from the node (`ext_loanchain_rsa_*_version_1`):
//! a node that does not provide them cannot run it. Every executor that runs Loanchain's
//! runtime — the node's, the weights tool's — registers [`HostFunctions`], and a runtime
//! upgrade that starts using a new one must follow the node release that brings it.
//!
//! ## Test vectors
//!
//! `vectors/rfc9474.json` is RFC 9474's Appendix A (4 096-bit keys): every blinded message,
//! blind signature and final signature in it is checked by both functions, and altered
//! copies are refused.

#![cfg_attr(not(feature = "std"), no_std)]

use sp_runtime_interface::{pass_by::PassFatPointerAndRead, runtime_interface};

/// The public exponent of every key: 65 537.
pub const PUBLIC_EXPONENT: u32 = 65_537;
/// The shortest modulus accepted: 2 048 bits.
pub const MIN_MODULUS_BYTES: usize = 256;
/// The longest modulus accepted: 4 096 bits (RFC 9474's vectors; a longer key would cost
/// more than the chain's weights allow for).
pub const MAX_MODULUS_BYTES: usize = 512;

/// The host functions a node provides to Loanchain's runtime: Substrate's own and these.
#[cfg(feature = "std")]
pub type HostFunctions = (sp_io::SubstrateHostFunctions, loanchain_rsa::HostFunctions);

/// RSA checks of lender tokens, run by the node.
#[runtime_interface]
pub trait LoanchainRsa {
	/// Whether `signature` is an RSASSA-PSS signature with SHA-384, MGF1-SHA-384 and a
	/// 48-byte salt of `message`, under the key with modulus `modulus` (big-endian, top byte
	/// non-zero) and exponent 65 537. `signature` is as long as the modulus.
	fn pss_sha384_verify(
		modulus: PassFatPointerAndRead<&[u8]>,
		message: PassFatPointerAndRead<&[u8]>,
		signature: PassFatPointerAndRead<&[u8]>,
	) -> bool {
		native::pss_sha384_verify(modulus, message, signature)
	}

	/// Whether `blind_signature^65537 mod modulus == blinded_message`: the registrar holding
	/// the key signed exactly this blinded message. Both operands are as long as the modulus
	/// and less than it.
	fn blind_signature_matches(
		modulus: PassFatPointerAndRead<&[u8]>,
		blinded_message: PassFatPointerAndRead<&[u8]>,
		blind_signature: PassFatPointerAndRead<&[u8]>,
	) -> bool {
		native::blind_signature_matches(modulus, blinded_message, blind_signature)
	}
}

/// Whether `modulus` has an accepted length, a non-zero top byte and is odd (an RSA
/// modulus is a product of two odd primes). Pure: the runtime checks keys with it before it
/// stores them.
pub fn is_well_formed_modulus(modulus: &[u8]) -> bool {
	(MIN_MODULUS_BYTES..=MAX_MODULUS_BYTES).contains(&modulus.len())
		&& modulus.first().is_some_and(|top| *top != 0)
		&& modulus.last().is_some_and(|low| low & 1 == 1)
}

/// Whether `value`, big-endian and exactly as long as `modulus`, is less than it: the range
/// of RSA's messages and signatures.
pub fn is_below_modulus(value: &[u8], modulus: &[u8]) -> bool {
	value.len() == modulus.len() && value < modulus
}

#[cfg(feature = "std")]
mod native {
	use super::*;
	use num_bigint::BigUint;

	pub fn pss_sha384_verify(modulus: &[u8], message: &[u8], signature: &[u8]) -> bool {
		if !is_well_formed_modulus(modulus) || signature.len() != modulus.len() {
			return false;
		}
		let exponent = PUBLIC_EXPONENT.to_be_bytes();
		let key = ring::signature::RsaPublicKeyComponents {
			n: modulus,
			e: &exponent[1..], // 0x01 0x00 0x01: ring wants no leading zero
		};
		key.verify(&ring::signature::RSA_PSS_2048_8192_SHA384, message, signature)
			.is_ok()
	}

	pub fn blind_signature_matches(
		modulus: &[u8],
		blinded_message: &[u8],
		blind_signature: &[u8],
	) -> bool {
		if !is_well_formed_modulus(modulus)
			|| !is_below_modulus(blinded_message, modulus)
			|| !is_below_modulus(blind_signature, modulus)
		{
			return false;
		}
		let n = BigUint::from_bytes_be(modulus);
		let s = BigUint::from_bytes_be(blind_signature);
		let m = BigUint::from_bytes_be(blinded_message);
		s.modpow(&BigUint::from(PUBLIC_EXPONENT), &n) == m
	}
}

#[cfg(test)]
mod tests;
