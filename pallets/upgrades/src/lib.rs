//! # Delayed upgrades
//!
//! A runtime upgrade is the one act that could, in principle, change anything on Loanchain.
//! This pallet makes it public and slow: the institutions authorize the blake2-256 hash of
//! the new runtime's wasm by a two-thirds vote, the chain announces the hash, and only
//! `UpgradeDelay` chain days later does `frame_system` accept the code. During the delay
//! anyone can rebuild the runtime from source, compare the hash, and raise the alarm; the
//! institutions can cancel.
//!
//! Nothing here needs Root, and `frame_system`'s own `authorize_upgrade` stays out of
//! everyone's reach (no origin of this runtime is Root). When the delay is over, anyone
//! applies the code with [`apply_upgrade`](Pallet::apply_upgrade), which checks it against
//! the announced hash and hands it to `frame_system`: the spec name must stay and the
//! `spec_version` must increase, exactly as for `system.applyAuthorizedUpgrade`.
//!
//! ## Interface
//!
//! ### Dispatchable functions
//!
//! - [`authorize_upgrade`](Pallet::authorize_upgrade): `AuthorizeOrigin` announces a code
//!   hash. Emits [`Event::UpgradeAuthorized`] with the block from which it can be applied.
//! - [`cancel_upgrade`](Pallet::cancel_upgrade): `CancelOrigin` withdraws the announced
//!   upgrade. Emits [`Event::UpgradeCancelled`].
//! - [`apply_upgrade`](Pallet::apply_upgrade): any signed account supplies the code once the
//!   delay is over; free when it succeeds. Emits [`Event::UpgradeApplied`] (and
//!   `frame_system` emits `CodeUpdated`).

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
mod types;
pub mod weights;

pub use pallet::*;
pub use types::PendingUpgrade;
pub use weights::WeightInfo;

use alloc::vec::Vec;
use frame_support::{dispatch::PostDispatchInfo, pallet_prelude::*};
use frame_system::{pallet_prelude::*, CanSetCodeResult, SetCode};
use sp_runtime::traits::{Hash, Saturating};

#[frame_support::pallet]
pub mod pallet {
	use super::*;

	/// Version 1: one pending upgrade.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Who may announce an upgrade: on Loanchain, two thirds of the institutions.
		type AuthorizeOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Who may withdraw an announced upgrade.
		type CancelOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Chain days (of `BlocksPerDay` blocks) between the announcement and the first block
		/// the code can be applied in.
		#[pallet::constant]
		type UpgradeDelay: Get<u32>;
		/// The length of a chain day, in blocks. Not a metadata constant: on Loanchain it is
		/// genesis state (`Loans::BlocksPerDay`), which wallets read from storage.
		type BlocksPerDay: Get<BlockNumberFor<Self>>;
		/// The weights of the calls, measured by `benchmarking.rs`.
		type WeightInfo: WeightInfo;
	}

	/// The announced upgrade, until it is applied or cancelled. One at a time: a second
	/// announcement while one is pending would let a late vote swap the code.
	#[pallet::storage]
	pub type Pending<T: Config> = StorageValue<_, PendingUpgrade<T::Hash, BlockNumberFor<T>>>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// The institutions announced a runtime whose wasm hashes (blake2-256) to
		/// `code_hash`; it can be applied from block `applicable_at`.
		UpgradeAuthorized { code_hash: T::Hash, applicable_at: BlockNumberFor<T> },
		/// The institutions withdrew the upgrade.
		UpgradeCancelled { code_hash: T::Hash },
		/// The announced code replaced the runtime; it runs from the next block.
		UpgradeApplied { code_hash: T::Hash },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// An upgrade is announced already; cancel it first.
		UpgradeAlreadyPending,
		/// No upgrade is announced.
		NoUpgradePending,
		/// The announced upgrade cannot be applied before its `applicable_at` block.
		UpgradeDelayNotOver,
		/// The code does not hash to the announced code hash.
		CodeHashMismatch,
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Announces the runtime whose wasm hashes to `code_hash`.
		///
		/// Origin: `AuthorizeOrigin`. Emits [`Event::UpgradeAuthorized`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::authorize_upgrade())]
		pub fn authorize_upgrade(origin: OriginFor<T>, code_hash: T::Hash) -> DispatchResult {
			T::AuthorizeOrigin::ensure_origin(origin)?;
			ensure!(!Pending::<T>::exists(), Error::<T>::UpgradeAlreadyPending);
			let applicable_at =
				frame_system::Pallet::<T>::block_number().saturating_add(Self::delay_in_blocks());
			Pending::<T>::put(PendingUpgrade { code_hash, applicable_at });
			Self::deposit_event(Event::UpgradeAuthorized { code_hash, applicable_at });
			Ok(())
		}

		/// Withdraws the announced upgrade, whether or not its delay is over.
		///
		/// Origin: `CancelOrigin`. Emits [`Event::UpgradeCancelled`].
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::cancel_upgrade())]
		pub fn cancel_upgrade(origin: OriginFor<T>) -> DispatchResult {
			T::CancelOrigin::ensure_origin(origin)?;
			let code_hash = Pending::<T>::take().ok_or(Error::<T>::NoUpgradePending)?.code_hash;
			Self::deposit_event(Event::UpgradeCancelled { code_hash });
			Ok(())
		}

		/// Replaces the runtime with `code`, the announced upgrade, once its delay is over.
		///
		/// Origin: any signed account; the call is free when it succeeds. The code is hashed
		/// once (it must be the announced hash), its version read once (`frame_system`'s
		/// check: the same spec name, a higher `spec_version`), and it is set the way
		/// `frame_system` sets code (`OnSetCode`). Nothing is ever authorized in
		/// `frame_system`, so its own `apply_authorized_upgrade` has nothing to apply.
		/// Emits [`Event::UpgradeApplied`].
		#[pallet::call_index(2)]
		// The benchmark runs the whole call, hashing the code, reading its version and setting
		// it: frame_system's own upgrade weights would count those a second time.
		#[pallet::weight((T::WeightInfo::apply_upgrade(), DispatchClass::Operational))]
		pub fn apply_upgrade(origin: OriginFor<T>, code: Vec<u8>) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			let pending = Pending::<T>::get().ok_or(Error::<T>::NoUpgradePending)?;
			ensure!(
				frame_system::Pallet::<T>::block_number() >= pending.applicable_at,
				Error::<T>::UpgradeDelayNotOver
			);
			ensure!(T::Hashing::hash(&code) == pending.code_hash, Error::<T>::CodeHashMismatch);
			// A version frame_system refuses is an error here, and the upgrade stays pending
			// until cancelled.
			match frame_system::Pallet::<T>::can_set_code(&code, true) {
				CanSetCodeResult::Ok => {},
				CanSetCodeResult::MultiBlockMigrationsOngoing => {
					return Err(frame_system::Error::<T>::MultiBlockMigrationsOngoing.into())
				},
				CanSetCodeResult::InvalidVersion(error) => return Err(error.into()),
			}
			<T as frame_system::Config>::OnSetCode::set_code(code)?;
			Pending::<T>::kill();
			Self::deposit_event(Event::UpgradeApplied { code_hash: pending.code_hash });
			// Free, and charged what the benchmark measured: an actual weight above the
			// declared one would be cut back to it, so none is given.
			Ok(PostDispatchInfo { actual_weight: None, pays_fee: Pays::No })
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			if let Some(pending) = Pending::<T>::get() {
				let announced_at = pending.applicable_at.saturating_sub(Self::delay_in_blocks());
				ensure!(
					announced_at <= frame_system::Pallet::<T>::block_number(),
					"an upgrade is announced in the future"
				);
			}
			Ok(())
		}
	}
}

impl<T: Config> Pallet<T> {
	/// `UpgradeDelay`, in blocks.
	pub fn delay_in_blocks() -> BlockNumberFor<T> {
		T::BlocksPerDay::get().saturating_mul(T::UpgradeDelay::get().into())
	}
}
