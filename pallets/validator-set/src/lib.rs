//! # Validator set
//!
//! The accounts that author blocks (Aura) and vote on finality (GRANDPA) on Loanchain. The
//! set belongs to the institutions: a two-thirds vote adds or removes a validator, and the
//! change reaches consensus through `pallet-session` at the next session boundary. No
//! upstream pallet fits a permissioned solochain: `pallet-staking` elects validators by
//! stake, and `pallet-collator-selection` sells candidacy for a bond.
//!
//! A new validator first runs a node, generates its session keys (`author_rotateKeys`) and
//! registers them with `session.setKeys`; only then can it be voted in, so a vote never
//! adds a validator that cannot author. The change is queued at the next session boundary
//! and is active from the session after.
//!
//! ## Interface
//!
//! ### Dispatchable functions
//!
//! - [`add_validator`](Pallet::add_validator): `AddRemoveOrigin` adds an account whose
//!   session keys are registered. Emits [`Event::ValidatorAdded`].
//! - [`remove_validator`](Pallet::remove_validator): `AddRemoveOrigin` removes a validator,
//!   keeping at least `MinValidators` validators with session keys. Emits
//!   [`Event::ValidatorRemoved`].
//! - [`purge_keys`](Pallet::purge_keys): an account that is not a validator removes its
//!   session keys (and gets their deposit back). Emits [`Event::SessionKeysPurged`]. The
//!   runtime's call filter refuses `Session.purge_keys` itself: a validator that dropped its
//!   keys would leave the next session's set without it, and a set whose every validator did
//!   so would be empty — GRANDPA refuses an empty set and no block could follow. A
//!   validator leaves through the institutions first.
//! - [`note_stalled`](Pallet::note_stalled): `AddRemoveOrigin` tells GRANDPA that finality
//!   has stalled, so that it forces the current validators in as the next authority set
//!   (GRANDPA's own `note_stalled` needs Root, which no origin of this runtime is). Emits
//!   [`Event::FinalityStallNoted`].
//!
//! ### Session manager
//!
//! [`Pallet`] implements [`pallet_session::SessionManager`]: at each new session it hands
//! the current set to `pallet-session`, which keeps only the validators whose keys are
//! still registered.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod weights;

pub use pallet::*;
pub use weights::WeightInfo;

use alloc::vec::Vec;
use frame_support::{pallet_prelude::*, traits::ValidatorRegistration};
use frame_system::pallet_prelude::*;

#[frame_support::pallet]
pub mod pallet {
	use super::*;

	/// Version 1: the set as a bounded list.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Who may add and remove validators: on Loanchain, two thirds of the institutions.
		type AddRemoveOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Whether an account has registered session keys (`pallet-session`).
		type KeysRegistered: ValidatorRegistration<Self::AccountId>;
		/// The most validators the set holds.
		#[pallet::constant]
		type MaxValidators: Get<u32>;
		/// The fewest validators with session keys the set keeps: below it, blocks or
		/// finality would stop.
		#[pallet::constant]
		type MinValidators: Get<u32>;
		/// Removes an account's session keys (`pallet-session`'s purge), for `purge_keys`.
		type PurgeKeys: PurgeKeys<Self::AccountId>;
		/// Tells the finality gadget that finality stalled (GRANDPA's `note_stalled`), for
		/// `note_stalled`.
		type FinalityStalled: FinalityStalled<BlockNumberFor<Self>>;
		/// The weights of the calls, measured by `benchmarking.rs`.
		type WeightInfo: WeightInfo;
		/// Registers session keys for an account in benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// The validators, in the order they were added. Read once per session.
	#[pallet::storage]
	pub type Validators<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxValidators>, ValueQuery>;

	/// Whether the set changed since it was last handed to `pallet-session`. Handing over
	/// an unchanged set would make GRANDPA start a new authority set every session.
	#[pallet::storage]
	pub type SetChanged<T: Config> = StorageValue<_, bool, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The validators of the first sessions; their keys are set in `pallet-session`'s
		/// genesis.
		pub validators: Vec<T::AccountId>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			let mut set = BoundedVec::<T::AccountId, T::MaxValidators>::default();
			for validator in &self.validators {
				assert!(!set.contains(validator), "a genesis validator is listed twice");
				set.try_push(validator.clone())
					.expect("more genesis validators than MaxValidators");
			}
			Validators::<T>::put(set);
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `validator` was voted in; it authors from the session after next.
		ValidatorAdded { validator: T::AccountId },
		/// `validator` was voted out; it stops authoring from the session after next.
		ValidatorRemoved { validator: T::AccountId },
		/// `who`, not a validator, removed its session keys.
		SessionKeysPurged { who: T::AccountId },
		/// The institutions noted that finality stalled: at the next session change GRANDPA
		/// forces in the validators then current, `delay` blocks after the change is
		/// signalled, taking block `best_finalized_block_number` as finalized.
		FinalityStallNoted {
			delay: BlockNumberFor<T>,
			best_finalized_block_number: BlockNumberFor<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is in the set already.
		AlreadyAValidator,
		/// The account is not in the set.
		NotAValidator,
		/// The set holds `MaxValidators` already.
		TooManyValidators,
		/// Removing the validator would leave fewer than `MinValidators` validators with
		/// session keys.
		TooFewValidators,
		/// A validator cannot remove its session keys: the institutions remove it from the
		/// set first.
		StillAValidator,
		/// The account has not registered session keys (`session.setKeys`), so it could not
		/// author.
		SessionKeysNotSet,
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Adds `validator` to the set.
		///
		/// Origin: `AddRemoveOrigin`. The account must have registered session keys.
		/// Emits [`Event::ValidatorAdded`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::add_validator())]
		pub fn add_validator(origin: OriginFor<T>, validator: T::AccountId) -> DispatchResult {
			T::AddRemoveOrigin::ensure_origin(origin)?;
			ensure!(T::KeysRegistered::is_registered(&validator), Error::<T>::SessionKeysNotSet);
			Validators::<T>::try_mutate(|set| {
				ensure!(!set.contains(&validator), Error::<T>::AlreadyAValidator);
				set.try_push(validator.clone()).map_err(|_| Error::<T>::TooManyValidators)
			})?;
			SetChanged::<T>::put(true);
			Self::deposit_event(Event::ValidatorAdded { validator });
			Ok(())
		}

		/// Removes `validator` from the set.
		///
		/// Origin: `AddRemoveOrigin`. At least `MinValidators` of the others have session
		/// keys: a validator without keys is left out of the session's set, so only those
		/// with keys keep blocks and finality going. Emits [`Event::ValidatorRemoved`].
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::remove_validator())]
		pub fn remove_validator(origin: OriginFor<T>, validator: T::AccountId) -> DispatchResult {
			T::AddRemoveOrigin::ensure_origin(origin)?;
			Validators::<T>::try_mutate(|set| {
				let position =
					set.iter().position(|v| v == &validator).ok_or(Error::<T>::NotAValidator)?;
				set.remove(position);
				ensure!(
					Self::with_keys(set) >= T::MinValidators::get(),
					Error::<T>::TooFewValidators
				);
				Ok::<_, Error<T>>(())
			})?;
			SetChanged::<T>::put(true);
			Self::deposit_event(Event::ValidatorRemoved { validator });
			Ok(())
		}

		/// Removes the caller's session keys and releases their deposit, as
		/// `Session.purge_keys` does (which the runtime refuses: see the crate docs).
		///
		/// Origin: signed, by an account that is not in the set. Emits
		/// [`Event::SessionKeysPurged`]. Fails with `StillAValidator`, or with the session
		/// pallet's error when the account has no keys.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::purge_keys())]
		pub fn purge_keys(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(!Validators::<T>::get().contains(&who), Error::<T>::StillAValidator);
			T::PurgeKeys::purge_keys(&who)?;
			Self::deposit_event(Event::SessionKeysPurged { who });
			Ok(())
		}

		/// Notes that GRANDPA finality has stalled — no block finalized while blocks are
		/// still authored, as when more than a third of the authority set's nodes are gone —
		/// so that at the next session change GRANDPA forces the validators of the set then
		/// current in as its authorities, `delay` blocks after the change is signalled,
		/// with `best_finalized_block_number` the block they build finality on. Without it a
		/// stalled GRANDPA could not be repaired on chain: its own `note_stalled` needs Root.
		///
		/// Origin: `AddRemoveOrigin`. Emits [`Event::FinalityStallNoted`].
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::note_stalled())]
		pub fn note_stalled(
			origin: OriginFor<T>,
			delay: BlockNumberFor<T>,
			best_finalized_block_number: BlockNumberFor<T>,
		) -> DispatchResult {
			T::AddRemoveOrigin::ensure_origin(origin)?;
			T::FinalityStalled::note_stalled(delay, best_finalized_block_number)?;
			Self::deposit_event(Event::FinalityStallNoted { delay, best_finalized_block_number });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// How many of `set` have session keys.
		pub fn with_keys(set: &[T::AccountId]) -> u32 {
			set.iter().filter(|v| T::KeysRegistered::is_registered(v)).count() as u32
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			let set = Validators::<T>::get();
			ensure!(
				Self::with_keys(&set) >= T::MinValidators::get(),
				"fewer validators with session keys than the minimum"
			);
			let mut sorted = set.into_inner();
			sorted.sort();
			let before = sorted.len();
			sorted.dedup();
			ensure!(sorted.len() == before, "a validator is listed twice");
			Ok(())
		}
	}
}

/// Removing an account's session keys: `pallet-session`'s purge, which the runtime's call
/// filter keeps for this pallet.
pub trait PurgeKeys<AccountId> {
	/// Removes `who`'s session keys and releases their deposit.
	fn purge_keys(who: &AccountId) -> frame_support::dispatch::DispatchResult;
}

/// Telling the finality gadget that finality stalled: GRANDPA's `note_stalled`.
pub trait FinalityStalled<BlockNumber> {
	/// Forces the next authority set in, `delay` blocks after the next session change
	/// signals it, on top of block `best_finalized_block_number`.
	fn note_stalled(
		delay: BlockNumber,
		best_finalized_block_number: BlockNumber,
	) -> frame_support::dispatch::DispatchResult;
}

/// What the benchmarks need from the runtime.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Makes `KeysRegistered` report `who` as having set session keys.
	fn register_keys(who: &AccountId);
}

impl<T: Config> pallet_session::SessionManager<T::AccountId> for Pallet<T> {
	/// If a vote changed the set, the set as it stands now becomes the next session's
	/// queued validators; otherwise `pallet-session` keeps the queued ones.
	fn new_session(_new_index: u32) -> Option<Vec<T::AccountId>> {
		SetChanged::<T>::take().then(|| Validators::<T>::get().into_inner())
	}
	fn end_session(_: u32) {}
	fn start_session(_: u32) {}
}
