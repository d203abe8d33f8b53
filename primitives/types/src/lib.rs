//! # Loanchain primitives
//!
//! The types that cross Loanchain's crates, each in one shape: the ids of identities and
//! loans, a party's role, a registrar's public share of the id key, what the loans pallet
//! asks of identities ([`VerifiedIdentity`]) and of lender tokens ([`LenderTokens`]), both
//! implemented by `pallet-credit-identity`, and the page limits of the queries.
//!
//! With the feature `rpc` (serde and jsonrpsee only), [`rpc`] declares the node's `loans_*`
//! JSON-RPC methods once, with `#[rpc(client, server)]`, and the answers they return: the
//! node's RPC implements the server, and `loanctl` calls the generated client.

#![cfg_attr(not(feature = "std"), no_std)]

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};

#[cfg(feature = "rpc")]
pub mod rpc;

/// An identity's id: derived by the registrars from a national ID number or a unified
/// social credit code (docs/identity.md). The only trace of the number that reaches the
/// chain.
pub type IdHash = [u8; 32];

/// An X25519 public key. Loan details are sealed to it (see the sealing format in the
/// specification), so it is the key a party receives envelopes under.
pub type EncryptionKey = [u8; 32];

/// Loans are numbered from 0 in the order they were proposed.
pub type LoanId = u64;

/// An entry's position in a loan's inquiry log: 0 for the first request, and so on.
pub type RequestIndex = u32;

/// The most lines of a borrower's summary one query returns: the runtime API
/// `LoansApi::borrower_summary` caps its `limit` here, and the node's `loans_*` RPC pages
/// by it. A page of this many lines is at most 33 KB of SCALE.
pub const MAX_SUMMARY_PAGE: u32 = 1_000;

/// The most entries of a loan's inquiry log one query returns (`LoansApi::access_requests`
/// caps its `limit` here).
pub const MAX_ACCESS_LOG_PAGE: u32 = 1_000;

/// Which side of a loan a party is on. In JSON (the RPC's answers): `"lender"`,
/// `"borrower"`.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Role {
	Lender,
	Borrower,
}

/// What an identity stands for.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub enum IdentityKind {
	/// A natural person, identified by an 18-character PRC resident ID number.
	Person,
	/// A company, identified by its 18-character unified social credit code.
	Enterprise,
}

/// Why an inquirer looks a borrower up with their consent (`Loans.inquire`): the purposes
/// credit-reporting law accepts for asking about a person's credit. In the chain's SCALE
/// it is one byte, the variant's index (pinned); in JSON `"loanApplication"`,
/// `"loanManagement"`, `"guarantee"`.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub enum InquiryPurpose {
	/// Deciding on the borrower's application for a loan.
	#[codec(index = 0)]
	LoanApplication,
	/// Managing a loan already made to the borrower.
	#[codec(index = 1)]
	LoanManagement,
	/// Deciding whether to accept the borrower as a guarantor.
	#[codec(index = 2)]
	Guarantee,
}

/// A registrar's public share of the network's OPRF key (`CreditIdentity.add_registrar`),
/// against which the DLEQ proof of each of its evaluations is checked. In SCALE: `index`
/// as two little-endian bytes, then the 32 bytes of `element` (34 bytes in all); in JSON
/// `{"index": 1, "element": [..32 numbers..]}`.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub struct OprfPublicShare {
	/// The share's index in the dealing (its x-coordinate in Shamir's scheme), from 1:
	/// index 0 would be the network key itself.
	pub index: u16,
	/// `k_i · G`: the share's secret scalar times the ristretto255 generator, compressed
	/// (RFC 9496 encoding).
	pub element: [u8; 32],
}

/// What other pallets learn about a verified party through [`VerifiedIdentity`].
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct VerifiedParty {
	pub kind: IdentityKind,
	pub id_hash: IdHash,
	pub encryption_key: EncryptionKey,
}

/// What other pallets may ask about identities: "is this account verified, with which id
/// and key", and "who holds this identity now". Every authority check of the loans pallet
/// asks the second question.
pub trait VerifiedIdentity<AccountId> {
	/// The verified identity of `who`, or `None` when `who` has none or it is not verified.
	fn verified(who: &AccountId) -> Option<VerifiedParty>;

	/// The account that holds the verified identity `id_hash` now.
	fn account_of(id_hash: &IdHash) -> Option<AccountId>;

	/// Whether the institutions froze the identity `id_hash`: a frozen identity cannot act
	/// in any loan until they unfreeze it.
	fn is_frozen(id_hash: &IdHash) -> bool;

	/// Give `who` a verified identity of `kind`, for setting up benchmarks of other pallets.
	/// Returns its id_hash.
	#[cfg(feature = "runtime-benchmarks")]
	fn make_verified(who: &AccountId, kind: IdentityKind, seed: u32) -> IdHash;
}

/// A token epoch: a chain day (`BlocksPerDay` blocks) counted from genesis. A registrar
/// publishes one token key per epoch; a token of epoch `e` is good in epochs `e` and
/// `e + 1` (docs/privacy.md, "How the lender stays private").
pub type TokenEpoch = u32;

/// The length in bytes of a registrar's token key (RSA-2048), and so of everything the
/// key signs or verifies: a blinded token, a blind signature, a token's signature.
pub const TOKEN_RSA_BYTES: usize = 256;

/// An RSA-2048 number, big-endian: a token key's modulus (its exponent is always 65 537),
/// a blinded token, a blind signature or a token's signature.
pub type TokenRsaBlock = [u8; TOKEN_RSA_BYTES];

/// The sizes a bundle of lender tokens comes in: a purchase tells little beyond which of
/// these it was.
pub const LENDER_TOKEN_BUNDLES: [u32; 3] = [10, 100, 1_000];

/// The largest bundle of lender tokens.
pub const MAX_LENDER_TOKEN_BUNDLE: u32 = 1_000;

/// A lender token: a registrar's RFC 9474 blind signature (RSABSSA-SHA384-PSS-Randomized)
/// over a message only its holder knows until it spends it. The registrar signed it
/// blind, so nobody — the registrar neither — can tell which identity it was issued to;
/// that it was issued to a verified identity that paid for it, the chain counted.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct LenderToken<AccountId> {
	/// The registrar whose key of `epoch` signed it.
	pub issuer: AccountId,
	/// The epoch of that key.
	pub epoch: TokenEpoch,
	/// RFC 9474's message randomizer: the signature is over `randomizer || message`.
	pub randomizer: [u8; 32],
	/// The finalized signature.
	pub signature: TokenRsaBlock,
}

/// Why a lender token was refused ([`LenderTokens`]).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum TokenRefusal {
	/// The issuer has no token key of the token's epoch: it never had one, it is no longer
	/// a registrar, or the key's window closed and it was removed.
	UnknownKey,
	/// The token's epoch is neither the current one nor the one before: its window is over,
	/// or has not begun.
	NotCurrent,
	/// As many tokens of this key were spent as the chain saw it issue.
	Exhausted,
	/// The signature is not the issuer's over `randomizer || message`.
	BadSignature,
}

/// What the loans pallet asks of lender tokens: is this one good, and spend it. Spending a
/// token twice is the caller's to prevent (a token certifies a message, and the loans
/// pallet never accepts one message twice); the issuer's count only keeps a registrar from
/// spending tokens it issued to nobody.
pub trait LenderTokens<AccountId> {
	/// Whether `token` is good now for `message`. Reads only: the transaction pool asks it.
	fn check_token(token: &LenderToken<AccountId>, message: &[u8]) -> Result<(), TokenRefusal>;

	/// How many tokens of `issuer`'s key of `epoch` are issued and not spent yet (none if
	/// there is no such key). Reads only.
	fn tokens_left(issuer: &AccountId, epoch: TokenEpoch) -> u32;

	/// [`Self::check_token`], then counts the token as spent under its key.
	fn spend_token(token: &LenderToken<AccountId>, message: &[u8]) -> Result<(), TokenRefusal>;

	/// Give `issuer` the token key `modulus` of `epoch`, with `issued` tokens counted as
	/// issued and none spent, for setting up benchmarks of other pallets.
	#[cfg(feature = "runtime-benchmarks")]
	fn make_token_key(issuer: &AccountId, epoch: TokenEpoch, modulus: TokenRsaBlock, issued: u32);
}
