//! The types the identity pallet stores and hands to other pallets.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{traits::ConstU32, BoundedVec};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};

pub use loanchain_primitives::{
	EncryptionKey, IdHash, IdentityKind, LenderToken, TokenEpoch, TokenRefusal, TokenRsaBlock,
	VerifiedParty, LENDER_TOKEN_BUNDLES, MAX_LENDER_TOKEN_BUNDLE,
};

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

/// Who acted on a rebind: started it, or cancelled it.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub enum ActedBy<AccountId> {
	/// A registrar (`rebind`, after checking the document of a person who lost their key;
	/// or `cancel_rebind`).
	Registrar(AccountId),
	/// The account that holds the identity now (`cancel_rebind` of a registrar's rebind).
	Holder(AccountId),
	/// Two thirds of the institutions (`force_rebind`, for an identity held by the wrong
	/// account; or `cancel_rebind`): only they can cancel a rebind they started.
	Institutions,
}

/// A started rebind: `new_account` can complete it from `applicable_at`.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct PendingRebind<AccountId, BlockNumber> {
	pub new_account: AccountId,
	/// A registrar (`rebind`) or the institutions (`force_rebind`).
	pub started_by: ActedBy<AccountId>,
	pub applicable_at: BlockNumber,
}

/// A registrar's token key for one epoch, and how many tokens the chain saw it issue and
/// spent (`TokenKeys`).
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct TokenKey {
	/// The RSA-2048 modulus; the exponent is 65 537.
	pub modulus: TokenRsaBlock,
	/// Blind signatures the chain checked and counted (`issue_lender_tokens`).
	pub issued: u32,
	/// Tokens of this key spent on loans: never more than `issued`.
	pub spent: u32,
}

/// A verified identity's request for a bundle of lender tokens, waiting for its registrar
/// (`TokenRequests`).
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct TokenRequest<AccountId, Balance> {
	/// The account that asked, and pays: it held the identity `id_hash` then.
	pub requester: AccountId,
	pub id_hash: IdHash,
	/// The registrar asked, and the epoch of its key.
	pub registrar: AccountId,
	pub epoch: TokenEpoch,
	/// The blinded tokens, one per token of the bundle.
	pub blinded: BoundedVec<TokenRsaBlock, ConstU32<MAX_LENDER_TOKEN_BUNDLE>>,
	/// What is held from the requester: the bundle's price.
	pub held: Balance,
}
