//! What a runtime would do to accept a lender's act without learning who the lender is — the
//! verification of an anonymous credential — for the two mechanisms of the private lender's
//! design note (docs/privacy.md), so that their costs are measured, not guessed:
//!
//! - a **ring VRF proof** over Bandersnatch (`ark-vrf`'s ring suite, the construction of
//!   polkadot-sdk's Bandersnatch ring VRF and of JAM's tickets): the lender proves that its key
//!   is one of the ring of verified lenders' keys, with a VRF output that is its per-loan alias;
//! - an **RFC 9474 blind RSA signature** (RSABSSA-SHA384-PSS): a registrar signed a token
//!   without seeing it, and the lender spends it; verifying it is verifying RSASSA-PSS.
//!
//! The same code runs natively and as WebAssembly (`wasm32-unknown-unknown`, the functions at
//! the end), where `scripts/bench-lender-privacy.sh` times it in V8 (Node.js and Chromium) — the
//! cost a runtime pays without host functions, next to the native cost that host functions
//! (`sp-crypto-ec-utils`'s BLS12-381 pairing and multi-scalar multiplication) come close to.
//! Inputs cross as one byte string each, in the layout `ring_blob` and `rsa_blob` write.

use ark_serialize::{CanonicalDeserialize, CanonicalSerialize};
use ark_vrf::{
	ring::Verifier as _,
	suites::bandersnatch::{
		BandersnatchSha512Ell2 as Suite, Input, PcsVerifierParams, Public, RingCommitment,
		RingContext, RingProof,
	},
	VrfIo,
};

/// Why a verification failed.
#[derive(Debug, PartialEq, Eq)]
pub enum Failure {
	/// The bytes are not the layout this crate writes.
	Malformed,
	/// The proof or the signature does not verify.
	Invalid,
}

/// A ring proof's verification input: the ring's size and commitment, the setup's verifier
/// parameters (a few points), the VRF input and output, the additional data the proof signs
/// (a lender's act), and the proof.
pub struct RingCase {
	pub ring_size: u32,
	pub commitment: RingCommitment,
	pub pcs: PcsVerifierParams,
	pub io: VrfIo<Suite>,
	pub ad: Vec<u8>,
	pub proof: RingProof,
}

impl RingCase {
	/// The bytes `verify_ring` reads (arkworks' compressed encoding, in field order).
	pub fn to_bytes(&self) -> Vec<u8> {
		let mut out = Vec::new();
		self.ring_size.serialize_compressed(&mut out).expect("writes to a Vec");
		self.commitment.serialize_compressed(&mut out).expect("writes to a Vec");
		self.pcs.serialize_compressed(&mut out).expect("writes to a Vec");
		self.io.serialize_compressed(&mut out).expect("writes to a Vec");
		self.ad.serialize_compressed(&mut out).expect("writes to a Vec");
		self.proof.serialize_compressed(&mut out).expect("writes to a Vec");
		out
	}

	/// Reads what `to_bytes` wrote, checking every point (subgroup checks included).
	pub fn from_bytes(mut bytes: &[u8]) -> Result<Self, Failure> {
		let r = &mut bytes;
		let bad = |_| Failure::Malformed;
		let case = Self {
			ring_size: u32::deserialize_compressed(&mut *r).map_err(bad)?,
			commitment: RingCommitment::deserialize_compressed(&mut *r).map_err(bad)?,
			pcs: PcsVerifierParams::deserialize_compressed(&mut *r).map_err(bad)?,
			io: VrfIo::deserialize_compressed(&mut *r).map_err(bad)?,
			ad: Vec::<u8>::deserialize_compressed(&mut *r).map_err(bad)?,
			proof: RingProof::deserialize_compressed(&mut *r).map_err(bad)?,
		};
		if !r.is_empty() {
			return Err(Failure::Malformed);
		}
		Ok(case)
	}
}

/// The proof's size in bytes, as it would travel in a transaction.
pub fn proof_size(proof: &RingProof) -> usize {
	proof.compressed_size()
}

/// A runtime's whole check of a lender's act: decode, build the ring's verifier from its
/// commitment (the context for its size included), and verify the proof over the act.
pub fn verify_ring(bytes: &[u8]) -> Result<(), Failure> {
	let case = RingCase::from_bytes(bytes)?;
	let context = RingContext::new(case.ring_size as usize);
	let key = ark_vrf::ring::verifier_key_from_commitment::<Suite>(case.commitment, case.pcs);
	let verifier = context.ring_verifier(key);
	Public::verify(case.io, &case.ad, &case.proof, &verifier).map_err(|_| Failure::Invalid)
}

/// The ring of `ring_size` lenders' keys (the keys of secrets from seeds `0..ring_size`; the
/// prover's is at `index`), set up from `seed` (a test setup: a chain would use a ceremony's
/// SRS), and a proof by the lender at `index` over `ad` for the alias of `context`. Each phase
/// is timed by `clock` (milliseconds): the setup, the prover's key from the ring (once per
/// ring, on the lender's device), the proof (once per act).
pub fn ring_prove(
	ring_size: u32,
	index: u32,
	context: &[u8],
	ad: &[u8],
	clock: impl Fn() -> f64,
) -> (RingCase, [f64; 3]) {
	use ark_vrf::{
		ring::Prover as _,
		suites::bandersnatch::{RingSetup, Secret},
	};
	let secret_of = |i: u32| {
		let mut seed = [0u8; 32];
		seed[..4].copy_from_slice(&i.to_le_bytes());
		Secret::from_seed(seed)
	};
	let t0 = clock();
	let setup = RingSetup::from_seed(ring_size as usize, [0x4c; 32]);
	let ring: Vec<_> = (0..ring_size).map(|i| secret_of(i).public().0).collect();
	let t1 = clock();
	let prover_key = setup.prover_key(&ring).expect("the ring fits the setup");
	let prover = setup.ring_context().ring_prover(prover_key, index as usize);
	let t2 = clock();
	let secret = secret_of(index);
	let io = secret.vrf_io(alias_input(context));
	let proof = secret.prove(io, ad, &prover);
	let t3 = clock();
	let commitment = setup.verifier_key(&ring).expect("the ring fits the setup").commitment();
	let case = RingCase {
		ring_size,
		commitment,
		pcs: setup.pcs_verifier_params(),
		io,
		ad: ad.to_vec(),
		proof,
	};
	(case, [t1 - t0, t2 - t1, t3 - t2])
}

/// The VRF input of a lender's per-loan alias: the loan's context, hashed to the curve.
pub fn alias_input(context: &[u8]) -> Input {
	Input::new(context).expect("hash-to-curve of Elligator 2 always succeeds")
}

/// An RFC 9474 signature's verification input: the signer's modulus and exponent (big-endian),
/// the message as signed (`msg_prefix || msg` for the randomized variant), and the signature.
pub struct RsaCase {
	pub n: Vec<u8>,
	pub e: Vec<u8>,
	pub message: Vec<u8>,
	pub signature: Vec<u8>,
}

impl RsaCase {
	/// Four length-prefixed (u32, little-endian) byte strings.
	pub fn to_bytes(&self) -> Vec<u8> {
		let mut out = Vec::new();
		for part in [&self.n, &self.e, &self.message, &self.signature] {
			out.extend_from_slice(&(part.len() as u32).to_le_bytes());
			out.extend_from_slice(part);
		}
		out
	}

	pub fn from_bytes(mut bytes: &[u8]) -> Result<Self, Failure> {
		let mut next = || -> Result<Vec<u8>, Failure> {
			let len = bytes.get(..4).ok_or(Failure::Malformed)?;
			let len = u32::from_le_bytes(len.try_into().expect("four bytes")) as usize;
			let part = bytes.get(4..4 + len).ok_or(Failure::Malformed)?.to_vec();
			bytes = &bytes[4 + len..];
			Ok(part)
		};
		let case = Self { n: next()?, e: next()?, message: next()?, signature: next()? };
		if !bytes.is_empty() {
			return Err(Failure::Malformed);
		}
		Ok(case)
	}
}

/// RFC 9474 §4.5 (Finalize) ends in RSASSA-PSS-VERIFY (RFC 8017 §8.1.2) with SHA-384,
/// MGF1-SHA-384 and a 48-byte salt: what a runtime checks when a token is spent.
pub fn verify_rsa(bytes: &[u8]) -> Result<(), Failure> {
	use rsa::{pss::Pss, BigUint, RsaPublicKey};
	use sha2::{Digest, Sha384};
	let case = RsaCase::from_bytes(bytes)?;
	let key = RsaPublicKey::new(BigUint::from_bytes_be(&case.n), BigUint::from_bytes_be(&case.e))
		.map_err(|_| Failure::Malformed)?;
	let digest = Sha384::digest(&case.message);
	key.verify(Pss::new_with_salt::<Sha384>(48), &digest, &case.signature)
		.map_err(|_| Failure::Invalid)
}

/// The functions a WebAssembly host calls: memory for the input, then a verification
/// (0 valid, 1 invalid, 2 malformed).
#[cfg(target_arch = "wasm32")]
mod wasm {
	use super::*;

	/// `len` bytes the host writes its input into (leaked: one per call, a benchmark's few).
	#[no_mangle]
	pub extern "C" fn input(len: u32) -> *mut u8 {
		let mut buffer = vec![0u8; len as usize];
		let ptr = buffer.as_mut_ptr();
		core::mem::forget(buffer);
		ptr
	}

	fn code(result: Result<(), Failure>) -> u32 {
		match result {
			Ok(()) => 0,
			Err(Failure::Invalid) => 1,
			Err(Failure::Malformed) => 2,
		}
	}

	/// # Safety
	/// `ptr` and `len` are what `input` returned and was given.
	#[no_mangle]
	pub unsafe extern "C" fn ring_verify(ptr: *const u8, len: u32) -> u32 {
		code(verify_ring(core::slice::from_raw_parts(ptr, len as usize)))
	}

	/// # Safety
	/// As `ring_verify`.
	#[no_mangle]
	pub unsafe extern "C" fn rsa_verify(ptr: *const u8, len: u32) -> u32 {
		code(verify_rsa(core::slice::from_raw_parts(ptr, len as usize)))
	}

	#[link(wasm_import_module = "env")]
	extern "C" {
		/// The host's clock, in milliseconds (`performance.now()`).
		fn now() -> f64;
		/// The host's randomness (`crypto.getRandomValues`) into `len` bytes at `ptr`.
		fn fill_random(ptr: *mut u8, len: u32);
	}

	fn host_random(buffer: &mut [u8]) -> Result<(), getrandom::Error> {
		// SAFETY: the host writes exactly `len` bytes at `ptr`, inside this memory.
		unsafe { fill_random(buffer.as_mut_ptr(), buffer.len() as u32) };
		Ok(())
	}
	getrandom::register_custom_getrandom!(host_random);

	/// The phases' times of `ring_prove` in this engine, then the proof's size and whether it
	/// verifies here (0): five numbers at the returned address.
	#[no_mangle]
	pub extern "C" fn ring_prove_timed(ring_size: u32) -> *const f64 {
		let (case, times) =
			ring_prove(ring_size, ring_size / 2, b"loan 42", b"act", || unsafe { now() });
		let verified = verify_ring(&case.to_bytes());
		let out = vec![
			times[0],
			times[1],
			times[2],
			proof_size(&case.proof) as f64,
			code(verified) as f64,
		];
		let ptr = out.as_ptr();
		core::mem::forget(out);
		ptr
	}
}
