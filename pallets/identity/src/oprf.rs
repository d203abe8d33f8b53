//! The registrars' public shares of the network's OPRF key (SPEC §2): which shares the chain
//! accepts, and which share index is free.
//!
//! The chain never evaluates the OPRF: it keeps each registrar's `k_i·G`, so that a client
//! combining the registrars' answers can check each answer's DLEQ proof against it
//! (`loanchain-oprf`), and it refuses a share no proof could be checked against.

use crate::{pallet::*, OprfPublicShare};
use curve25519_dalek::ristretto::CompressedRistretto;
use frame_support::ensure;
use sp_runtime::DispatchResult;

impl<T: Config> Pallet<T> {
	/// Refuses a share with index 0 (that would be the network key itself), or whose
	/// element is not a canonical ristretto255 encoding, or is the identity element (the
	/// public part of a zero share).
	pub(crate) fn ensure_usable_share(share: &OprfPublicShare) -> DispatchResult {
		ensure!(is_usable_share(share), Error::<T>::MalformedPublicShare);
		Ok(())
	}

	/// Refuses a share whose index another registrar's share has: two shares at one index
	/// would not combine.
	pub(crate) fn ensure_share_index_free(index: u16) -> DispatchResult {
		ensure!(
			!OprfShares::<T>::iter_values().any(|share| share.index == index),
			Error::<T>::ShareIndexTaken
		);
		Ok(())
	}
}

/// Whether the chain accepts `share` as a registrar's public share.
pub fn is_usable_share(share: &OprfPublicShare) -> bool {
	const IDENTITY: [u8; 32] = [0; 32];
	share.index != 0
		&& share.element != IDENTITY
		&& CompressedRistretto(share.element).decompress().is_some()
}

/// `index · G`: a valid public share at `index`, for benchmarks (its secret, the scalar
/// `index`, is not secret at all).
#[cfg(feature = "runtime-benchmarks")]
pub fn benchmark_share(index: u16) -> OprfPublicShare {
	use curve25519_dalek::{constants::RISTRETTO_BASEPOINT_POINT, Scalar};
	let point = RISTRETTO_BASEPOINT_POINT * Scalar::from(u64::from(index));
	OprfPublicShare { index, element: point.compress().to_bytes() }
}
