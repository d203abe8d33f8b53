//! The types the identity pallet stores and hands to other pallets.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};

/// `Argon2id(kind_tag || normalized_number, "loanchain/id/v1", 64 MiB, t = 3, p = 1)`:
/// the only trace of a national ID number or credit code that reaches the chain.
pub type IdHash = [u8; 32];

/// An X25519 public key. Loan details are sealed to it (see the sealing format in the
/// specification), so it is the key a party receives envelopes under.
pub type EncryptionKey = [u8; 32];

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

/// Where an identity stands in the registrars' review.
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
pub enum VerificationStatus {
	/// Claimed by the account; no registrar has looked at it yet.
	Pending,
	/// A registrar recomputed the hash from the real document and signed off on it.
	Verified,
	/// A registrar refused the claim. The id_hash is free again and the account may
	/// register anew.
	Rejected,
}

/// One account's identity, as stored in `Identities`.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct IdentityRecord<Balance> {
	pub kind: IdentityKind,
	pub id_hash: IdHash,
	pub status: VerificationStatus,
	pub encryption_key: EncryptionKey,
	/// What is held from the account for this record, so that exactly that amount is
	/// released later even if the configured deposit has changed in between.
	pub deposit: Balance,
}

/// A rebind a registrar started: `new_account` can complete it from `applicable_at`.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct PendingRebind<AccountId, BlockNumber> {
	pub new_account: AccountId,
	pub registrar: AccountId,
	pub applicable_at: BlockNumber,
}

/// What other pallets learn about a verified party through [`crate::VerifiedIdentity`].
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct VerifiedParty {
	pub kind: IdentityKind,
	pub id_hash: IdHash,
	pub encryption_key: EncryptionKey,
}
