//! # Ids only the registrars can compute, together
//!
//! An identity's `id_hash` (SPEC §2) is
//!
//! ```text
//! id_hash = blake2-256("loanchain/id/v2" || OPRF_k(kind_tag || normalized_number))
//! ```
//!
//! where `OPRF_k` is the RFC 9497 VOPRF of the ristretto255-SHA512 suite under a network key
//! `k` that nobody holds: it is split t-of-n among the registrars (Shamir shares over the
//! ristretto255 scalar field, [`deal`]). A registrar doing KYC:
//!
//! 1. [`blind`]s the input (`kind_tag || number`) with a random scalar `r`: the blinded
//!    element `r·H(input)` says nothing of the number;
//! 2. sends it to t registrars, each of which [`evaluate`]s it with its share `k_i` and
//!    proves, with the RFC's DLEQ proof, that it used the share whose public part
//!    `k_i·G` is on chain;
//! 3. checks every proof and combines the answers ([`Blinding::finish`]): `Σ λ_i·(k_i·r·H)
//!    = k·r·H` (Lagrange in the exponent), unblinds it to `k·H(input)` and hashes it as the
//!    RFC's `Finalize` does.
//!
//! Fewer than t shares determine nothing about `k`, so fewer than t registrars cannot compute
//! any id; a registrar who answers sees only a random-looking group element.
//!
//! Everything cryptographic is the `voprf` crate's (RFC 9497: hash-to-group, evaluation,
//! proofs, finalization) or curve25519-dalek's (the scalar and group arithmetic of the
//! sharing and of the combination); this crate puts them together. The RFC's test vectors
//! (appendix A.1.2) and the equality of the threshold result with the single-key result are
//! in its tests.

pub use curve25519_dalek::Scalar;
use curve25519_dalek::{ristretto::CompressedRistretto, RistrettoPoint};
use rand_core::{CryptoRng, RngCore};
use voprf::{
	BlindedElement, EvaluationElement, OprfClient, Proof, Ristretto255, VoprfClient, VoprfServer,
};
use zeroize::Zeroize;

/// The domain of `id_hash` over the OPRF's output.
pub const ID_DOMAIN: &[u8] = b"loanchain/id/v2";
/// Before a person's normalized resident ID number.
pub const PERSON_TAG: &[u8] = b"P:";
/// Before a company's normalized unified social credit code.
pub const ENTERPRISE_TAG: &[u8] = b"E:";

/// A serialized ristretto255 element: a blinded element, an evaluation, a public share.
pub type Element = [u8; 32];
/// A serialized DLEQ proof (two scalars).
pub type ProofBytes = [u8; 64];
/// The OPRF's output: SHA-512.
pub type Output = [u8; 64];

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum OprfError {
	#[error("the input is empty or longer than 65 535 bytes")]
	BadInput,
	#[error("the blinded element is not a ristretto255 element (or is the identity)")]
	MalformedBlindedElement,
	#[error("registrar {0}'s answer is not a ristretto255 element and proof")]
	MalformedAnswer(u16),
	#[error("registrar {0}'s proof does not verify against its public share")]
	ProofDoesNotVerify(u16),
	#[error("{have} answers, and {need} registrars are needed")]
	NotEnoughAnswers { have: usize, need: usize },
	#[error("two answers come from registrar {0}")]
	DuplicateShare(u16),
	#[error("a share's index is 0 or its secret is 0 or not a canonical scalar")]
	BadShare,
	#[error("the threshold must be at least 1 and at most the number of shares")]
	BadThreshold,
	#[error("the public share is not a ristretto255 element")]
	BadPublicShare,
	#[error(
		"the shares given do not rebuild the network's key: a share is of another dealing, its \
		 index is wrong, or fewer than the threshold were given"
	)]
	NotTheNetworkKey,
}

/// The OPRF's input for an identity: its kind's tag and the normalized number (trimmed,
/// upper-case, checksum validated by the caller).
pub fn oprf_input(kind_tag: &[u8], normalized_number: &str) -> Vec<u8> {
	[kind_tag, normalized_number.as_bytes()].concat()
}

/// `blake2-256("loanchain/id/v2" || output)`: the id_hash of an OPRF output.
pub fn id_hash(output: &Output) -> [u8; 32] {
	use blake2::{digest::consts::U32, Blake2b, Digest};
	let mut hasher = Blake2b::<U32>::new();
	hasher.update(ID_DOMAIN);
	hasher.update(output);
	hasher.finalize().into()
}

/// The domain of a registrar's signed evaluation request.
pub const REQUEST_DOMAIN: &[u8] = b"loanchain/oprf-request/v1";

/// `blake2-256("loanchain/oprf-request/v1" ‖ genesis_hash ‖ registrar ‖ blinded ‖
/// requested_at as 8 little-endian bytes)`: what a registrar signs (wrapped in `<Bytes>` …
/// `</Bytes>`, as wallets' `signRaw` does) to ask another registrar's node for an evaluation
/// (`oprf_evaluate`). The genesis hash binds it to one chain, the time to a five-minute
/// window; the answering node refuses it a second time.
pub fn request_hash(
	genesis_hash: &[u8; 32],
	registrar: &[u8; 32],
	blinded: &Element,
	requested_at: u64,
) -> [u8; 32] {
	use blake2::{digest::consts::U32, Blake2b, Digest};
	let mut hasher = Blake2b::<U32>::new();
	hasher.update(REQUEST_DOMAIN);
	hasher.update(genesis_hash);
	hasher.update(registrar);
	hasher.update(blinded);
	hasher.update(requested_at.to_le_bytes());
	hasher.finalize().into()
}

/// A registrar's share of the network key: the value at `index` of the dealer's polynomial.
/// Kept in the registrar's keystore or a 0600 file; never on chain, never on a command line.
#[derive(Clone)]
pub struct KeyShare {
	/// The share's x-coordinate, 1 to n.
	pub index: u16,
	secret: Scalar,
}

impl Drop for KeyShare {
	fn drop(&mut self) {
		self.secret.zeroize();
	}
}

impl core::fmt::Debug for KeyShare {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		write!(f, "KeyShare {{ index: {}, secret: <hidden> }}", self.index)
	}
}

impl KeyShare {
	/// A share from its index and its 32-byte secret (a canonical, non-zero scalar).
	pub fn from_bytes(index: u16, secret: &[u8; 32]) -> Result<Self, OprfError> {
		let secret = Option::<Scalar>::from(Scalar::from_canonical_bytes(*secret))
			.ok_or(OprfError::BadShare)?;
		if index == 0 || secret == Scalar::ZERO {
			return Err(OprfError::BadShare);
		}
		Ok(Self { index, secret })
	}

	/// The share's secret, for the registrar's key file.
	pub fn secret_bytes(&self) -> [u8; 32] {
		self.secret.to_bytes()
	}

	/// The public share `k_i·G` that goes on chain with the registrar.
	pub fn public(&self) -> PublicShare {
		PublicShare { index: self.index, element: public_key_of(&self.secret) }
	}

	/// Whether this share is the secret of `public`: a registrar checks the share it was
	/// handed against its public share on chain before serving.
	pub fn matches(&self, public: &PublicShare) -> bool {
		self.public() == *public
	}
}

/// What the chain stores for a registrar (`CreditIdentity.add_registrar`): its share's
/// index and `k_i·G`, in the one shape every crate uses.
pub use loanchain_primitives::OprfPublicShare as PublicShare;

fn point_of(share: &PublicShare) -> Result<RistrettoPoint, OprfError> {
	CompressedRistretto(share.element).decompress().ok_or(OprfError::BadPublicShare)
}

fn random_nonzero_scalar<R: RngCore + CryptoRng>(rng: &mut R) -> Scalar {
	loop {
		let scalar = Scalar::random(rng);
		if scalar != Scalar::ZERO {
			return scalar;
		}
	}
}

/// Splits a new random network key into `shares` shares, any `threshold` of which compute
/// the OPRF. Returns the shares (indexes 1 to `shares`) and the network's public key
/// `k·G`. The dealer forgets the key when this returns.
pub fn deal<R: RngCore + CryptoRng>(
	threshold: u16,
	shares: u16,
	rng: &mut R,
) -> Result<(Vec<KeyShare>, Element), OprfError> {
	let mut key = random_nonzero_scalar(rng);
	let dealt = deal_key(&key, threshold, shares, rng);
	key.zeroize();
	dealt
}

/// Splits `key` into `shares` shares with threshold `threshold` (Shamir: a random
/// polynomial of degree `threshold − 1` whose value at 0 is `key`). Used to re-deal the
/// same key when registrars join or leave ([`reconstruct`] from t old shares first), so
/// that every id stays what it is.
pub fn deal_key<R: RngCore + CryptoRng>(
	key: &Scalar,
	threshold: u16,
	shares: u16,
	rng: &mut R,
) -> Result<(Vec<KeyShare>, Element), OprfError> {
	if threshold == 0 || threshold > shares {
		return Err(OprfError::BadThreshold);
	}
	let mut coefficients: Vec<Scalar> = core::iter::once(*key)
		.chain((1..threshold).map(|_| random_nonzero_scalar(rng)))
		.collect();
	let dealt = shares_of(&coefficients, shares);
	coefficients.zeroize();
	Ok((dealt, public_key_of(key)))
}

/// The dealing of the test chains (`--dev`: `dev_shares(1, 1)`, Alice's; `--chain local`:
/// `dev_shares(3, 4)`, Alice's, Bob's, Charlie's and Dave's): the polynomial's coefficients
/// are `blake2b-512("loanchain/dev/oprf/" || j)` reduced mod ℓ, so everyone can recompute
/// every share and the key. Both chains have the same key (coefficient 0), hence the same
/// ids. For testing only, like the dev accounts' keys: a real network's key comes from
/// [`deal`] in a ceremony.
pub fn dev_shares(threshold: u16, shares: u16) -> Result<Vec<KeyShare>, OprfError> {
	use blake2::{Blake2b512, Digest};
	if threshold == 0 || threshold > shares {
		return Err(OprfError::BadThreshold);
	}
	let coefficient = |j: u16| {
		let mut hasher = Blake2b512::new();
		hasher.update(b"loanchain/dev/oprf/");
		hasher.update(j.to_le_bytes());
		Scalar::from_bytes_mod_order_wide(&hasher.finalize().into())
	};
	let coefficients: Vec<Scalar> = (0..threshold).map(coefficient).collect();
	Ok(shares_of(&coefficients, shares))
}

/// The shares 1 to `shares` of the polynomial with `coefficients` (lowest first).
fn shares_of(coefficients: &[Scalar], shares: u16) -> Vec<KeyShare> {
	(1..=shares)
		.map(|index| {
			let x = Scalar::from(index as u64);
			// Horner's rule, from the highest coefficient down.
			let secret = coefficients.iter().rev().fold(Scalar::ZERO, |acc, c| acc * x + c);
			KeyShare { index, secret }
		})
		.collect()
}

/// Re-deals the network's key to a new set of registrars (when registrars join or leave):
/// the key is rebuilt from `old` shares (at least the old threshold of them), checked
/// against the network's public key, and split into `shares` new shares, any `threshold` of
/// which compute ids. Every id stays what it is; the key is forgotten before this returns.
pub fn redeal<R: RngCore + CryptoRng>(
	old: &[KeyShare],
	network_key: &Element,
	threshold: u16,
	shares: u16,
	rng: &mut R,
) -> Result<Vec<KeyShare>, OprfError> {
	let mut key = reconstruct(old)?;
	if public_key_of(&key) != *network_key {
		key.zeroize();
		return Err(OprfError::NotTheNetworkKey);
	}
	let dealt = deal_key(&key, threshold, shares, rng);
	key.zeroize();
	Ok(dealt?.0)
}

/// `key·G`: the public part of a key or of a share.
pub fn public_key_of(key: &Scalar) -> Element {
	RistrettoPoint::mul_base(key).compress().to_bytes()
}

/// The Lagrange coefficients at 0 for the share indexes `indexes` (all distinct, non-zero).
fn lagrange_at_zero(indexes: &[u16]) -> Vec<Scalar> {
	indexes
		.iter()
		.map(|&i| {
			let xi = Scalar::from(i as u64);
			let (num, den) = indexes.iter().filter(|&&j| j != i).fold(
				(Scalar::ONE, Scalar::ONE),
				|(num, den), &j| {
					let xj = Scalar::from(j as u64);
					(num * xj, den * (xj - xi))
				},
			);
			num * den.invert()
		})
		.collect()
}

fn check_distinct(indexes: &[u16]) -> Result<(), OprfError> {
	for (n, i) in indexes.iter().enumerate() {
		if *i == 0 {
			return Err(OprfError::BadShare);
		}
		if indexes[..n].contains(i) {
			return Err(OprfError::DuplicateShare(*i));
		}
	}
	Ok(())
}

/// The network key from `threshold` or more shares: only for re-dealing it to a new set of
/// registrars ([`deal_key`]), in a ceremony that forgets it afterwards.
pub fn reconstruct(shares: &[KeyShare]) -> Result<Scalar, OprfError> {
	let indexes: Vec<u16> = shares.iter().map(|s| s.index).collect();
	check_distinct(&indexes)?;
	Ok(lagrange_at_zero(&indexes)
		.iter()
		.zip(shares)
		.fold(Scalar::ZERO, |acc, (lambda, share)| acc + lambda * share.secret))
}

/// `OPRF_key(input)` computed by whoever holds the whole key: RFC 9497's `Evaluate`, the
/// same output as [`Blinding::finish`] over the answers of `t` shares of it. A real
/// network's key exists whole only inside the dealer's ceremony; the test chains' key is
/// public ([`dev_shares`]), which is what [`dev_id_hash`] uses this for.
pub fn evaluate_with_key(key: &Scalar, input: &[u8]) -> Result<Output, OprfError> {
	let mut secret = key.to_bytes();
	let server = VoprfServer::<Ristretto255>::new_with_key(&secret);
	secret.zeroize();
	let output = server
		.map_err(|_| OprfError::BadShare)?
		.evaluate(input)
		.map_err(|_| OprfError::BadInput)?;
	Ok(fixed(&output))
}

/// The id_hash of a normalized number on the test chains (`--dev`, `--chain local`), whose
/// key everyone can compute ([`dev_shares`]): their test identities' ids, and anyone's.
/// Never an id of a real network.
pub fn dev_id_hash(kind_tag: &[u8], normalized_number: &str) -> Result<[u8; 32], OprfError> {
	let key = reconstruct(&dev_shares(1, 1)?)?;
	Ok(id_hash(&evaluate_with_key(&key, &oprf_input(kind_tag, normalized_number))?))
}

/// A registrar's answer: its evaluation of a blinded element and the DLEQ proof that it used
/// the share whose public part is on chain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Evaluation {
	pub element: Element,
	pub proof: ProofBytes,
}

fn fixed<const N: usize>(bytes: &[u8]) -> [u8; N] {
	bytes.try_into().expect("the suite's sizes are fixed")
}

/// What a registrar's service does with a blinded element another registrar sent it:
/// evaluates it with its share and proves it (RFC 9497 `BlindEvaluate`, VOPRF mode). It
/// learns nothing of the input.
pub fn evaluate<R: RngCore + CryptoRng>(
	share: &KeyShare,
	blinded: &Element,
	rng: &mut R,
) -> Result<Evaluation, OprfError> {
	let blinded = BlindedElement::<Ristretto255>::deserialize(blinded)
		.map_err(|_| OprfError::MalformedBlindedElement)?;
	let mut secret = share.secret.to_bytes();
	let server = VoprfServer::<Ristretto255>::new_with_key(&secret);
	secret.zeroize();
	let server = server.map_err(|_| OprfError::BadShare)?;
	let result = server.blind_evaluate(rng, &blinded);
	Ok(Evaluation {
		element: fixed(&result.message.serialize()),
		proof: fixed(&result.proof.serialize()),
	})
}

/// A client's blinded input, waiting for the registrars' answers.
pub struct Blinding {
	input: Vec<u8>,
	blind: Scalar,
	client: VoprfClient<Ristretto255>,
	/// What is sent to the registrars.
	pub blinded: Element,
}

impl Drop for Blinding {
	fn drop(&mut self) {
		self.blind.zeroize();
		self.input.zeroize();
	}
}

/// Blinds `input` with a fresh random scalar (RFC 9497 `Blind`, VOPRF mode).
pub fn blind<R: RngCore + CryptoRng>(input: &[u8], rng: &mut R) -> Result<Blinding, OprfError> {
	blind_with(input, random_nonzero_scalar(rng))
}

/// Blinds `input` with `blind` (non-zero): for the RFC's test vectors.
pub fn blind_with(input: &[u8], blind: Scalar) -> Result<Blinding, OprfError> {
	if input.is_empty() || input.len() > u16::MAX as usize || blind == Scalar::ZERO {
		return Err(OprfError::BadInput);
	}
	let result = VoprfClient::<Ristretto255>::deterministic_blind_unchecked(input, blind)
		.map_err(|_| OprfError::BadInput)?;
	Ok(Blinding {
		input: input.to_vec(),
		blind,
		client: result.state,
		blinded: fixed(&result.message.serialize()),
	})
}

impl Blinding {
	/// Checks each answer's proof against its registrar's public share, combines `threshold`
	/// of them (Lagrange in the exponent), unblinds the result and finalizes it as RFC 9497
	/// does: the OPRF output under the network key. Any answer whose proof fails is an
	/// error, naming the registrar (a registrar that answers wrongly is caught, not
	/// skipped).
	pub fn finish(
		&self,
		answers: &[(PublicShare, Evaluation)],
		threshold: u16,
	) -> Result<Output, OprfError> {
		let need = threshold as usize;
		if threshold == 0 {
			return Err(OprfError::BadThreshold);
		}
		if answers.len() < need {
			return Err(OprfError::NotEnoughAnswers { have: answers.len(), need });
		}
		let indexes: Vec<u16> = answers.iter().map(|(share, _)| share.index).collect();
		check_distinct(&indexes)?;
		let mut points = Vec::with_capacity(answers.len());
		for (share, answer) in answers {
			let malformed = || OprfError::MalformedAnswer(share.index);
			let element = EvaluationElement::<Ristretto255>::deserialize(&answer.element)
				.map_err(|_| malformed())?;
			let proof =
				Proof::<Ristretto255>::deserialize(&answer.proof).map_err(|_| malformed())?;
			// The RFC's verifiable finalization checks the proof against the registrar's public
			// share; its output (under the share alone) is of no use and dropped.
			self.client
				.finalize(&self.input, &element, &proof, point_of(share)?)
				.map_err(|_| OprfError::ProofDoesNotVerify(share.index))?;
			points.push(CompressedRistretto(answer.element).decompress().ok_or_else(malformed)?);
		}
		let used = &indexes[..need];
		let combined: RistrettoPoint = lagrange_at_zero(used)
			.iter()
			.zip(&points[..need])
			.map(|(lambda, point)| lambda * point)
			.sum();
		// `k·r·H(input)`, unblinded and hashed by the RFC's `Finalize` (the same in the OPRF
		// and VOPRF modes), with the blind used above.
		let evaluated =
			EvaluationElement::<Ristretto255>::deserialize(combined.compress().as_bytes())
				.map_err(|_| OprfError::MalformedAnswer(used[0]))?;
		let unblinder =
			OprfClient::<Ristretto255>::deterministic_blind_unchecked(&self.input, self.blind)
				.map_err(|_| OprfError::BadInput)?;
		let output = unblinder
			.state
			.finalize(&self.input, &evaluated)
			.map_err(|_| OprfError::BadInput)?;
		Ok(fixed(&output))
	}
}

#[cfg(test)]
mod tests;
