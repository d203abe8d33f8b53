//! # Loanchain sealing format
//!
//! How loan details and outcomes are kept private on a public chain. One implementation,
//! `no_std`, serves the runtime (which checks a published key), the node (which opens
//! published details for RPC callers) and `loanctl` (which seals and opens for users).
//!
//! - Every loan has a **content key** `K`: 32 random bytes chosen by the proposer.
//! - **Details** (UTF-8 JSON, opaque to the chain) are sealed with ChaCha20-Poly1305 under
//!   `K`, a random 12-byte nonce stored beside the ciphertext, and the associated data
//!   `"loanchain/details/v1" || borrower id_hash` — a ciphertext cannot be moved to another
//!   borrower's record.
//! - Before sealing, clients **pad** the details JSON with spaces (which JSON ignores after
//!   the value) to the smallest of [`DETAILS_SIZES`] that holds it ([`pad_details`]), so
//!   that a ciphertext's length tells the size class of the terms, not their length.
//! - The details carry the **key commitment** `blake2b-256("loanchain/key/v1" || K)`.
//!   ChaCha20-Poly1305 does not commit to its key: a key crafted to open a given ciphertext
//!   is not proof that it is the parties' key. The commitment is, and it is what the runtime
//!   checks before it publishes a key.
//! - The **outcome** is one byte (0 = performed normally, 1 = breached) sealed the same way
//!   with associated data `"loanchain/outcome/v1" || loan_id` (`loan_id` as 8 bytes
//!   little-endian, its SCALE encoding), under a nonce of its own: the same key and nonce
//!   twice would let anyone xor the two plaintexts together.
//! - A private lender's **extension** offer is its extra days (a `u32`, four bytes
//!   little-endian) sealed the same way with associated data `"loanchain/extension/v1" ||
//!   loan_id || index` (`index` the extension's place in the loan's list, four bytes
//!   little-endian), under a nonce of its own; the borrower confirms the offer's hash
//!   ([`extension_hash`]), so the chain never learns the days.
//! - `K` reaches a reader in an **envelope** for the reader's X25519 public key `R`: with a
//!   fresh ephemeral secret `e`,
//!   `kek = blake2b-256("loanchain/envelope/v1" || X25519(e, R) || e_pub || R)` and the
//!   envelope is `e_pub (32) || ChaCha20-Poly1305(kek, zero nonce, K) (48)`, 80 bytes. The
//!   zero nonce is safe because every `kek` is used once: `e` is fresh per envelope.
//!
//! - What the counterparty co-signs is the **proposal hash** ([`proposal_hash`]): the chain,
//!   the loan id, both identities, the proposer's role, the period and every byte of the
//!   sealed details, so no other proposal can stand in for the one it read.
//! - What a borrower signs to let one inquirer look them up is the **inquiry hash**
//!   ([`inquiry_hash`]): the chain, the inquirer's identity, the borrower's, the purpose
//!   and a deadline.
//!
//! Randomness (content keys, nonces, ephemeral secrets) is the caller's to supply, so the
//! functions are deterministic and the test vectors in `docs/sealing-vectors.json` pin
//! every byte.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use blake2::{digest::consts::U32, Blake2b, Digest};
use chacha20poly1305::{
	aead::{Aead, Payload},
	ChaCha20Poly1305, KeyInit,
};

/// A content key.
pub type ContentKey = [u8; 32];
/// `blake2b-256("loanchain/key/v1" || K)`: binds a loan's details to their content key.
pub type KeyCommitment = [u8; 32];
/// A ChaCha20-Poly1305 nonce.
pub type Nonce = [u8; 12];
/// An X25519 public key.
pub type PublicKey = [u8; 32];
/// An X25519 secret key.
pub type SecretKey = [u8; 32];
/// `e_pub || sealed content key`.
pub type Envelope = [u8; ENVELOPE_LEN];
/// A sealed outcome: one byte of plaintext and the 16-byte tag.
pub type SealedOutcomeBytes = [u8; OUTCOME_CIPHERTEXT_LEN];
/// A sealed extension: four bytes of plaintext (the extra days) and the 16-byte tag.
pub type SealedExtensionBytes = [u8; EXTENSION_CIPHERTEXT_LEN];

/// Length of the Poly1305 tag every ciphertext carries.
pub const TAG_LEN: usize = 16;
/// Length of an envelope.
pub const ENVELOPE_LEN: usize = 32 + 32 + TAG_LEN;
/// Length of a sealed outcome.
pub const OUTCOME_CIPHERTEXT_LEN: usize = 1 + TAG_LEN;
/// Length of a sealed extension.
pub const EXTENSION_CIPHERTEXT_LEN: usize = 4 + TAG_LEN;

const DETAILS_DOMAIN: &[u8] = b"loanchain/details/v1";
const OUTCOME_DOMAIN: &[u8] = b"loanchain/outcome/v1";
const ENVELOPE_DOMAIN: &[u8] = b"loanchain/envelope/v1";
const KEY_COMMITMENT_DOMAIN: &[u8] = b"loanchain/key/v1";
const PROPOSAL_DOMAIN: &[u8] = b"loanchain/proposal/v1";
const CONSENT_DOMAIN: &[u8] = b"loanchain/consent/v1";
const INQUIRY_DOMAIN: &[u8] = b"loanchain/inquiry/v1";
const LENDER_TOKEN_DOMAIN: &[u8] = b"loanchain/lender-token/v1";
const PRIVATE_CONSENT_DOMAIN: &[u8] = b"loanchain/private-consent/v1";
const LENDER_ACT_DOMAIN: &[u8] = b"loanchain/lender-act/v1";
const EXTENSION_DOMAIN: &[u8] = b"loanchain/extension/v1";
const LENDER_OF_DOMAIN: &[u8] = b"loanchain/lender-of/v1";

/// The outcome byte of a loan performed normally.
pub const PERFORMED_NORMALLY: u8 = 0;
/// The outcome byte of a breached loan.
pub const BREACHED: u8 = 1;

/// Why something did not open or seal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SealError {
	/// The key does not open the ciphertext, or the ciphertext (or its associated data) was
	/// altered.
	WrongKeyOrTampered,
	/// The ciphertext is shorter than its authentication tag.
	Truncated,
	/// The public key is a low-order point: the shared secret would be all zeros.
	WeakPublicKey,
	/// The opened outcome is neither 0 nor 1.
	UnknownOutcome,
}

fn aead(key: &[u8; 32]) -> ChaCha20Poly1305 {
	ChaCha20Poly1305::new(key.into())
}

fn seal(key: &[u8; 32], nonce: &Nonce, plaintext: &[u8], aad: &[u8]) -> Vec<u8> {
	aead(key)
		.encrypt(nonce.into(), Payload { msg: plaintext, aad })
		.expect("ChaCha20-Poly1305 encrypts any message shorter than 256 GiB")
}

fn open(
	key: &[u8; 32],
	nonce: &Nonce,
	ciphertext: &[u8],
	aad: &[u8],
) -> Result<Vec<u8>, SealError> {
	if ciphertext.len() < TAG_LEN {
		return Err(SealError::Truncated);
	}
	aead(key)
		.decrypt(nonce.into(), Payload { msg: ciphertext, aad })
		.map_err(|_| SealError::WrongKeyOrTampered)
}

fn details_aad(borrower_id_hash: &[u8; 32]) -> [u8; 52] {
	let mut aad = [0u8; 52];
	aad[..20].copy_from_slice(DETAILS_DOMAIN);
	aad[20..].copy_from_slice(borrower_id_hash);
	aad
}

fn outcome_aad(loan_id: u64) -> [u8; 28] {
	let mut aad = [0u8; 28];
	aad[..20].copy_from_slice(OUTCOME_DOMAIN);
	aad[20..].copy_from_slice(&loan_id.to_le_bytes());
	aad
}

/// Seals loan details for the borrower `borrower_id_hash`.
pub fn seal_details(
	key: &ContentKey,
	nonce: &Nonce,
	details: &[u8],
	borrower_id_hash: &[u8; 32],
) -> Vec<u8> {
	seal(key, nonce, details, &details_aad(borrower_id_hash))
}

/// Opens loan details sealed by [`seal_details`].
pub fn open_details(
	key: &ContentKey,
	nonce: &Nonce,
	ciphertext: &[u8],
	borrower_id_hash: &[u8; 32],
) -> Result<Vec<u8>, SealError> {
	open(key, nonce, ciphertext, &details_aad(borrower_id_hash))
}

/// The sizes, in bytes of plaintext, clients pad sealed details to: every ciphertext of
/// details up to 2 032 bytes is one of four lengths (the sizes and the 16-byte tag), the
/// largest the runtime's `MaxDetailsLen` (2 048 bytes of ciphertext) holds.
pub const DETAILS_SIZES: [usize; 4] = [256, 512, 1024, 2032];

/// `details` (UTF-8 JSON) padded with spaces to the smallest of [`DETAILS_SIZES`] that
/// holds it. JSON ignores white space after the value, so the padded details parse as the
/// details did. Details longer than the largest size are returned as they are (the chain
/// refuses them: `DetailsTooLong`).
pub fn pad_details(details: &[u8]) -> Vec<u8> {
	let mut padded = details.to_vec();
	if let Some(size) = DETAILS_SIZES.iter().find(|size| details.len() <= **size) {
		padded.resize(*size, b' ');
	}
	padded
}

/// Seals the outcome byte of loan `loan_id`.
pub fn seal_outcome(
	key: &ContentKey,
	nonce: &Nonce,
	outcome: u8,
	loan_id: u64,
) -> SealedOutcomeBytes {
	let sealed = seal(key, nonce, &[outcome], &outcome_aad(loan_id));
	sealed.try_into().expect("one byte of plaintext seals to 17 bytes")
}

/// Opens an outcome sealed by [`seal_outcome`]; only 0 and 1 are outcomes.
pub fn open_outcome(
	key: &ContentKey,
	nonce: &Nonce,
	ciphertext: &SealedOutcomeBytes,
	loan_id: u64,
) -> Result<u8, SealError> {
	match open(key, nonce, ciphertext, &outcome_aad(loan_id))?.as_slice() {
		[byte @ (PERFORMED_NORMALLY | BREACHED)] => Ok(*byte),
		_ => Err(SealError::UnknownOutcome),
	}
}

fn extension_aad(loan_id: u64, index: u32) -> [u8; 34] {
	let mut aad = [0u8; 34];
	aad[..22].copy_from_slice(EXTENSION_DOMAIN);
	aad[22..30].copy_from_slice(&loan_id.to_le_bytes());
	aad[30..].copy_from_slice(&index.to_le_bytes());
	aad
}

/// Seals `extra_days`, the offer of extension `index` (its place in the loan's list of
/// extensions, counting from 0) of loan `loan_id`, under the loan's content key and a nonce
/// used for nothing else under that key.
pub fn seal_extension(
	key: &ContentKey,
	nonce: &Nonce,
	extra_days: u32,
	loan_id: u64,
	index: u32,
) -> SealedExtensionBytes {
	let sealed = seal(key, nonce, &extra_days.to_le_bytes(), &extension_aad(loan_id, index));
	sealed.try_into().expect("four bytes of plaintext seal to 20 bytes")
}

/// Opens an extension sealed by [`seal_extension`]: its extra days.
pub fn open_extension(
	key: &ContentKey,
	nonce: &Nonce,
	ciphertext: &SealedExtensionBytes,
	loan_id: u64,
	index: u32,
) -> Result<u32, SealError> {
	let days = open(key, nonce, ciphertext, &extension_aad(loan_id, index))?;
	Ok(u32::from_le_bytes(days.try_into().map_err(|_| SealError::Truncated)?))
}

/// `blake2b-256(SCALE("loanchain/extension/v1", genesis_hash, loan_id, index, nonce,
/// ciphertext))`: what the borrower of a private lender's loan confirms
/// (`loans.confirm_sealed_extension`) — exactly the sealed offer it opened, of this loan, at
/// this place in its list, on this chain. `loan_id` is eight bytes and `index` four,
/// little-endian; nonce and ciphertext are fixed-size, as they are.
pub fn extension_hash(
	genesis_hash: &[u8],
	loan_id: u64,
	index: u32,
	nonce: &Nonce,
	ciphertext: &SealedExtensionBytes,
) -> [u8; 32] {
	let mut hasher = domain_hasher(EXTENSION_DOMAIN, genesis_hash);
	hasher.update(loan_id.to_le_bytes());
	hasher.update(index.to_le_bytes());
	hasher.update(nonce);
	hasher.update(ciphertext);
	hasher.finalize().into()
}

/// The X25519 public key of `secret`.
pub fn public_key(secret: &SecretKey) -> PublicKey {
	x25519_dalek::x25519(*secret, x25519_dalek::X25519_BASEPOINT_BYTES)
}

/// Whether envelopes can be sealed to `key`: false for the points of small order (in any of
/// their encodings, all-zero among them), with which every X25519 shared secret is zero, so
/// that an envelope "sealed" to such a key could be opened by anyone.
///
/// X25519 clamps every scalar to a multiple of 8, the curve's cofactor (the twist's is 4):
/// one multiplication by a fixed scalar sends exactly the points of small order to zero,
/// whichever encoding they come in, and any other point elsewhere.
pub fn is_usable_public_key(key: &PublicKey) -> bool {
	const PROBE: SecretKey = [0x5C; 32];
	x25519_dalek::x25519(PROBE, *key) != [0u8; 32]
}

fn key_encryption_key(
	shared: &[u8; 32],
	ephemeral_public: &PublicKey,
	recipient: &PublicKey,
) -> [u8; 32] {
	let mut hasher = Blake2b::<U32>::new();
	hasher.update(ENVELOPE_DOMAIN);
	hasher.update(shared);
	hasher.update(ephemeral_public);
	hasher.update(recipient);
	hasher.finalize().into()
}

fn shared_secret(secret: &SecretKey, public: &PublicKey) -> Result<[u8; 32], SealError> {
	let shared = x25519_dalek::x25519(*secret, *public);
	if shared == [0u8; 32] {
		return Err(SealError::WeakPublicKey);
	}
	Ok(shared)
}

/// Seals `key` to `recipient`, with `ephemeral_secret` fresh from a CSPRNG.
pub fn make_envelope(
	key: &ContentKey,
	recipient: &PublicKey,
	ephemeral_secret: &SecretKey,
) -> Result<Envelope, SealError> {
	let ephemeral_public = public_key(ephemeral_secret);
	let shared = shared_secret(ephemeral_secret, recipient)?;
	let kek = key_encryption_key(&shared, &ephemeral_public, recipient);
	let sealed = seal(&kek, &[0u8; 12], key, &[]);
	let mut envelope = [0u8; ENVELOPE_LEN];
	envelope[..32].copy_from_slice(&ephemeral_public);
	envelope[32..].copy_from_slice(&sealed);
	Ok(envelope)
}

/// Opens an envelope with the recipient's secret key.
pub fn open_envelope(
	envelope: &[u8],
	recipient_secret: &SecretKey,
) -> Result<ContentKey, SealError> {
	if envelope.len() != ENVELOPE_LEN {
		return Err(SealError::Truncated);
	}
	let ephemeral_public: PublicKey = envelope[..32].try_into().expect("length checked");
	let recipient = public_key(recipient_secret);
	let shared = shared_secret(recipient_secret, &ephemeral_public)?;
	let kek = key_encryption_key(&shared, &ephemeral_public, &recipient);
	let key = open(&kek, &[0u8; 12], &envelope[32..], &[])?;
	Ok(key.try_into().expect("a sealed 32-byte key opens to 32 bytes"))
}

/// The commitment to content key `key` that the details carry.
pub fn key_commitment(key: &ContentKey) -> KeyCommitment {
	let mut hasher = Blake2b::<U32>::new();
	hasher.update(KEY_COMMITMENT_DOMAIN);
	hasher.update(key);
	hasher.finalize().into()
}

/// Whether `key` is the loan's content key — it matches the `commitment` stored with the
/// details — and opens `ciphertext` as the details of borrower `borrower_id_hash`: what the
/// runtime checks before it publishes a key.
pub fn key_opens_details(
	key: &ContentKey,
	commitment: &KeyCommitment,
	nonce: &Nonce,
	ciphertext: &[u8],
	borrower_id_hash: &[u8; 32],
) -> bool {
	key_commitment(key) == *commitment
		&& open_details(key, nonce, ciphertext, borrower_id_hash).is_ok()
}

/// The terms both parties sign, whether by `accept` (a [`Proposal`]) or off chain for
/// `record` (a [`Consent`]): the parties, the proposer's role, the period and every byte of
/// the sealed details.
#[derive(Clone, Copy, Debug)]
pub struct Terms<'a> {
	pub lender_id: &'a [u8; 32],
	pub borrower_id: &'a [u8; 32],
	/// Who proposed (or submits): 0 the lender, 1 the borrower (the index of the runtime's
	/// `Role`).
	pub proposer_role: u8,
	pub period_days: u32,
	pub nonce: &'a Nonce,
	pub ciphertext: &'a [u8],
	pub key_commitment: &'a KeyCommitment,
	pub lender_envelope: &'a Envelope,
	pub borrower_envelope: &'a Envelope,
}

impl Terms<'_> {
	/// Feeds the SCALE encoding of `(lender_id, borrower_id, proposer_role, period_days,
	/// details)` to `hasher`: the ids and the fixed-size parts of the details as they are,
	/// `period_days` little-endian, the role as one byte, and the ciphertext with its
	/// compact length before it.
	fn hash_into(&self, hasher: &mut Blake2b<U32>) {
		hasher.update(self.lender_id);
		hasher.update(self.borrower_id);
		hasher.update([self.proposer_role]);
		hasher.update(self.period_days.to_le_bytes());
		self.details().hash_into(hasher);
	}

	fn details(&self) -> SealedDetails<'_> {
		SealedDetails {
			nonce: self.nonce,
			ciphertext: self.ciphertext,
			key_commitment: self.key_commitment,
			lender_envelope: self.lender_envelope,
			borrower_envelope: self.borrower_envelope,
		}
	}
}

/// A loan's sealed details as the chain stores them: nonce, ciphertext, the content key's
/// commitment and the parties' envelopes.
#[derive(Clone, Copy, Debug)]
pub struct SealedDetails<'a> {
	pub nonce: &'a Nonce,
	pub ciphertext: &'a [u8],
	pub key_commitment: &'a KeyCommitment,
	pub lender_envelope: &'a Envelope,
	pub borrower_envelope: &'a Envelope,
}

impl SealedDetails<'_> {
	/// Feeds their SCALE encoding to `hasher`: the fixed-size parts as they are, the
	/// ciphertext with its compact length before it.
	fn hash_into(&self, hasher: &mut Blake2b<U32>) {
		hasher.update(self.nonce);
		hasher.update(compact_len(self.ciphertext.len()));
		hasher.update(self.ciphertext);
		hasher.update(self.key_commitment);
		hasher.update(self.lender_envelope);
		hasher.update(self.borrower_envelope);
	}
}

/// A proposal as the counterparty reads it from the chain: what `accept` co-signs.
#[derive(Clone, Copy, Debug)]
pub struct Proposal<'a> {
	/// The chain's genesis block hash (32 bytes).
	pub genesis_hash: &'a [u8],
	pub loan_id: u64,
	pub terms: Terms<'a>,
}

/// `blake2b-256(SCALE("loanchain/proposal/v1", genesis_hash, loan_id, lender_id,
/// borrower_id, proposer_role, period_days, details))`: the hash `loans.accept` takes.
///
/// The bytes hashed are the SCALE encoding of that tuple: the domain tag as a string (its
/// compact length, then its 21 bytes), the genesis hash, `loan_id` little-endian, then the
/// terms (see [`Terms`]).
pub fn proposal_hash(proposal: &Proposal) -> [u8; 32] {
	let mut hasher = domain_hasher(PROPOSAL_DOMAIN, proposal.genesis_hash);
	hasher.update(proposal.loan_id.to_le_bytes());
	proposal.terms.hash_into(&mut hasher);
	hasher.finalize().into()
}

/// A counterparty's consent to a loan, signed off chain: what `loans.record` takes with the
/// signature. The counterparty signs [`consent_hash`] of it.
#[derive(Clone, Copy, Debug)]
pub struct Consent<'a> {
	/// The chain's genesis block hash (32 bytes).
	pub genesis_hash: &'a [u8],
	pub terms: Terms<'a>,
	/// The last block at which the consent may be used (the runtime's 32-bit block number).
	pub deadline: u32,
}

/// `blake2b-256(SCALE("loanchain/consent/v1", genesis_hash, lender_id, borrower_id,
/// proposer_role, period_days, details, deadline))`: the 32 bytes the counterparty signs for
/// `loans.record`, wrapped ([`wrapped_for_signing`]) as wallets' `signRaw` does. Unlike a proposal hash it names no loan id: the id is assigned when the loan is
/// recorded, and the chain refuses a consent it has seen before, whatever id it would get.
pub fn consent_hash(consent: &Consent) -> [u8; 32] {
	let mut hasher = domain_hasher(CONSENT_DOMAIN, consent.genesis_hash);
	consent.terms.hash_into(&mut hasher);
	hasher.update(consent.deadline.to_le_bytes());
	hasher.finalize().into()
}

/// A borrower's consent to one inquiry, signed off chain: what `loans.inquire` takes with
/// the signature. The borrower signs [`inquiry_hash`] of it.
#[derive(Clone, Copy, Debug)]
pub struct Inquiry<'a> {
	/// The chain's genesis block hash (32 bytes).
	pub genesis_hash: &'a [u8],
	/// The identity allowed to look the borrower up.
	pub inquirer_id: &'a [u8; 32],
	/// The borrower's identity.
	pub borrower_id: &'a [u8; 32],
	/// Why: the index of the runtime's `InquiryPurpose` (0 a loan application, 1 managing a
	/// loan, 2 a guarantee).
	pub purpose: u8,
	/// The last block at which the consent may be used (the runtime's 32-bit block number).
	pub deadline: u32,
}

/// `blake2b-256(SCALE("loanchain/inquiry/v1", genesis_hash, inquirer_id, borrower_id,
/// purpose, deadline))`: the 32 bytes a borrower signs, wrapped ([`wrapped_for_signing`]),
/// to let `inquirer_id` look them up once (`loans.inquire`). The purpose is one byte,
/// `deadline` four, little-endian.
pub fn inquiry_hash(inquiry: &Inquiry) -> [u8; 32] {
	let mut hasher = domain_hasher(INQUIRY_DOMAIN, inquiry.genesis_hash);
	hasher.update(inquiry.inquirer_id);
	hasher.update(inquiry.borrower_id);
	hasher.update([inquiry.purpose]);
	hasher.update(inquiry.deadline.to_le_bytes());
	hasher.finalize().into()
}

/// `SCALE("loanchain/lender-token/v1", genesis_hash, epoch, lender_key)`: what a lender
/// token certifies — the per-loan key `lender_key` (an sr25519 public key), for this chain,
/// under the registrar's key of `epoch` (four bytes, little-endian). The lender's client
/// blinds these bytes; the registrar signs them blind (RFC 9474,
/// RSABSSA-SHA384-PSS-Randomized), and the chain checks the token against them when the
/// key first acts.
pub fn lender_token_message(genesis_hash: &[u8], epoch: u32, lender_key: &[u8; 32]) -> Vec<u8> {
	[
		&compact_len(LENDER_TOKEN_DOMAIN.len())[..],
		LENDER_TOKEN_DOMAIN,
		genesis_hash,
		&epoch.to_le_bytes(),
		lender_key,
	]
	.concat()
}

/// A borrower's consent to a loan from a private lender, signed off chain: what
/// `loans.record_private` takes. It names the lender by the loan's per-loan key only; who
/// the lender is, the borrower reads in the sealed details it consents to.
#[derive(Clone, Copy, Debug)]
pub struct PrivateConsent<'a> {
	/// The chain's genesis block hash (32 bytes).
	pub genesis_hash: &'a [u8],
	/// The per-loan key of the lender (sr25519 public key).
	pub lender_key: &'a [u8; 32],
	pub borrower_id: &'a [u8; 32],
	pub details: SealedDetails<'a>,
	/// The last block at which the consent may be used (the runtime's 32-bit block number).
	pub deadline: u32,
}

/// `blake2b-256(SCALE("loanchain/private-consent/v1", genesis_hash, lender_key, borrower_id,
/// details, deadline))`: the 32 bytes both parties of a private loan sign — the borrower
/// with its account, wrapped ([`wrapped_for_signing`]) as wallets' `signRaw` does, and the
/// lender with the per-loan key, as they are. The period is not in it: it is sealed in
/// the details.
pub fn private_consent_hash(consent: &PrivateConsent) -> [u8; 32] {
	let mut hasher = domain_hasher(PRIVATE_CONSENT_DOMAIN, consent.genesis_hash);
	hasher.update(consent.lender_key);
	hasher.update(consent.borrower_id);
	consent.details.hash_into(&mut hasher);
	hasher.update(consent.deadline.to_le_bytes());
	hasher.finalize().into()
}

/// `blake2b-256(SCALE("loanchain/lender-act/v1", genesis_hash, loan_id, act_index) ++ act)`:
/// what a private lender's per-loan key signs, as it is, to act on its loan
/// (`loans.act_as_lender`). `act` is the SCALE encoding of the runtime's `LenderAct`;
/// `loan_id` is eight bytes and `act_index` (the loan's count of lender acts so far) four,
/// little-endian, so that each signed act is used once, on that loan, in order.
pub fn lender_act_hash(genesis_hash: &[u8], loan_id: u64, act_index: u32, act: &[u8]) -> [u8; 32] {
	let mut hasher = domain_hasher(LENDER_ACT_DOMAIN, genesis_hash);
	hasher.update(loan_id.to_le_bytes());
	hasher.update(act_index.to_le_bytes());
	hasher.update(act);
	hasher.finalize().into()
}

/// `blake2b-256(SCALE("loanchain/lender-of/v1", genesis_hash, lender_key, borrower_id,
/// lender_id))`: the 32 bytes a private lender's identity account signs, wrapped
/// ([`wrapped_for_signing`]), to say "the identity `lender_id` lent to `borrower_id` the
/// loan of the per-loan key `lender_key`". The signature travels inside the sealed details
/// (their `lender` field, docs/privacy.md): whoever reads them checks who lent. A per-loan
/// key acts on one loan only, and that loan's details were approved by it, so the
/// statement names exactly one loan and cannot be moved to another.
pub fn lender_of_hash(
	genesis_hash: &[u8],
	lender_key: &[u8; 32],
	borrower_id: &[u8; 32],
	lender_id: &[u8; 32],
) -> [u8; 32] {
	let mut hasher = domain_hasher(LENDER_OF_DOMAIN, genesis_hash);
	hasher.update(lender_key);
	hasher.update(borrower_id);
	hasher.update(lender_id);
	hasher.finalize().into()
}

/// What wallets put before the message they sign with `signRaw`.
pub const WRAP_PREFIX: &[u8] = b"<Bytes>";
/// What wallets put after it.
pub const WRAP_SUFFIX: &[u8] = b"</Bytes>";

/// `message` wrapped as wallets' `signRaw` wraps it: what a consent's signature covers
/// (never the bare hash, which could be a transaction's signing payload).
pub fn wrapped_for_signing(message: &[u8]) -> Vec<u8> {
	[WRAP_PREFIX, message, WRAP_SUFFIX].concat()
}

/// A hasher fed with the SCALE encoding of the domain tag (as a string) and the genesis
/// hash.
fn domain_hasher(domain: &[u8], genesis_hash: &[u8]) -> Blake2b<U32> {
	let mut hasher = Blake2b::<U32>::new();
	hasher.update(compact_len(domain.len()));
	hasher.update(domain);
	hasher.update(genesis_hash);
	hasher
}

/// The SCALE compact encoding of a length.
fn compact_len(len: usize) -> Vec<u8> {
	let n = u32::try_from(len).expect("lengths here fit in 32 bits");
	match n {
		0..=0x3F => alloc::vec![(n as u8) << 2],
		0x40..=0x3FFF => ((n << 2) as u16 | 0b01).to_le_bytes().to_vec(),
		0x4000..=0x3FFF_FFFF => ((n << 2) | 0b10).to_le_bytes().to_vec(),
		_ => [&[0b11u8][..], &n.to_le_bytes()].concat(),
	}
}

#[cfg(test)]
mod tests;
