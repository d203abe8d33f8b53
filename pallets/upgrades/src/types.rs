//! What the pallet stores.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// An announced runtime upgrade.
#[derive(
	Clone, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct PendingUpgrade<Hash, BlockNumber> {
	/// blake2-256 of the runtime's wasm, as `system.authorizeUpgrade` takes it.
	pub code_hash: Hash,
	/// The first block in which the code can be applied.
	pub applicable_at: BlockNumber,
}
