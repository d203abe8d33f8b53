//! # Credit identity pallet
//!
//! Who is who on Loanchain. A person is known by an 18-character PRC resident ID number, a
//! company by its 18-character unified social credit code, and neither number ever reaches
//! the chain: the client computes a memory-hard hash of it (`id_hash`, see
//! [`types::IdHash`]) and an account claims that hash. A registrar (a KYC authority)
//! recomputes the hash from the real document and signs off on exactly that hash. Only
//! verified identities may take part in a loan, and a borrower's credit history is keyed by
//! the hash, so it follows the person when a registrar moves the identity to a new account.
//!
//! Each account also publishes an X25519 public key, the key that sealed loan details are
//! enveloped to.
//!
//! ## Interface
//!
//! ### Dispatchables
//!
//! - [`Pallet::register`]: claim an identity for the calling account (holds a deposit).
//! - [`Pallet::withdraw_claim`]: give up a claim that is still pending (releases it).
//! - [`Pallet::set_encryption_key`]: replace the account's X25519 public key.
//! - [`Pallet::verify`]: a registrar signs off on a pending claim of a given hash and kind.
//! - [`Pallet::reject`]: a registrar refuses a pending claim (part of the deposit is
//!   forfeited, the rest released).
//! - [`Pallet::rebind`]: a registrar starts moving a verified identity to a new account;
//!   [`Pallet::complete_rebind`]: the new account completes it after `RebindDelay`;
//!   [`Pallet::cancel_rebind`]: the current account or any registrar cancels it meanwhile.
//! - [`Pallet::add_registrar`], [`Pallet::remove_registrar`]: the `RegistrarOrigin`
//!   manages the registrars, each with its public share of the network's OPRF key
//!   (`OprfShares`; the threshold of the dealing is `OprfThreshold`), against which the
//!   proofs of its evaluations are checked (module [`oprf`], crate `loanchain-oprf`).
//! - [`Pallet::freeze`], [`Pallet::unfreeze`]: the `RegistrarOrigin` stops a verified
//!   identity from acting (in any loan, or on its own key) while a dispute over who holds
//!   it is settled, and lets it act again.
//! - [`Pallet::force_rebind`]: the `RegistrarOrigin` starts a rebind that only it can
//!   cancel — for an identity held by the wrong account (a stolen key, a registrar's
//!   mistaken `verify`), whose holder would cancel any registrar's rebind.
//! - Lender tokens, the anonymous credential of a private lender (module [`lender_tokens`]):
//!   [`Pallet::set_token_key`]: a registrar publishes its RSA key of a token epoch;
//!   [`Pallet::request_lender_tokens`]: a verified identity pays for a bundle of blinded
//!   tokens; [`Pallet::issue_lender_tokens`]: the registrar answers with blind signatures,
//!   which the chain checks and counts; [`Pallet::reclaim_lender_tokens`]: the requester
//!   takes back a request its registrar can no longer answer.
//!
//! ### For other pallets
//!
//! [`VerifiedIdentity`] answers "is this account verified, with which hash and key" without
//! reaching into this pallet's storage, and [`LenderTokens`] checks and spends a lender
//! token. The loans pallet takes them through its `Config`.
//!
//! ## Invariants
//!
//! - One account has at most one identity and one `id_hash` belongs to at most one account:
//!   `Owners[id_hash] == account` exactly when `Identities[account]` holds that hash,
//!   verified.
//! - A pending claim owns nothing: several accounts may claim the same hash, and a
//!   registrar verifies the one whose holder showed the document. A squatter's claim cannot
//!   keep the real person out, and rejecting it forfeits part of its deposit.
//! - A verified identity is never deleted; it can only move to another account, and never
//!   by one registrar's act alone: the new account completes the move itself after
//!   `RebindDelay`, and the current account or any registrar can cancel it until then
//!   (a rebind the institutions forced, only they).
//! - Only a verified identity is frozen (`Frozen` ⊆ `Owners`).
//! - Every public share belongs to a registrar, each at its own non-zero index, and is a
//!   ristretto255 element other than the identity (`OprfShares`).
//! - Every token key belongs to a registrar, which has at most three, is a well-formed
//!   RSA-2048 modulus, and has had no more tokens spent than the chain saw it issue.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(test)]
mod lender_token_tests;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(any(feature = "runtime-benchmarks", test))]
mod lender_token_fixtures;
pub mod lender_tokens;
pub mod migrations;
pub mod oprf;
pub mod types;
pub mod weights;

pub use types::*;
pub use weights::WeightInfo;

pub use loanchain_primitives::{LenderTokens, OprfPublicShare, VerifiedIdentity};

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Inspect, Mutate, MutateHold},
			tokens::{Fortitude, Precision},
			BuildGenesisConfig,
		},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::{traits::Saturating, Perbill};

	pub(crate) type BalanceOf<T> =
		<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

	pub(crate) type RecordOf<T> = IdentityRecord<BalanceOf<T>>;

	/// A started rebind as this runtime stores it.
	pub type PendingRebindOf<T> =
		PendingRebind<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;

	/// The layout of this pallet's storage: 2 since a pending rebind records who started it
	/// (`migrations::v2`). The runtime's `try-runtime` checks (`scripts/try-runtime.sh`)
	/// compare it with the chain's.
	pub(crate) const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The currency the identity deposit is held in.
		type Currency: Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The overarching hold reason, so that this pallet's deposits are told apart.
		type RuntimeHoldReason: From<HoldReason>;

		/// Held from an account while it has an identity record. It pays for the storage
		/// and makes squatting on somebody else's id_hash cost something.
		#[pallet::constant]
		type IdentityDeposit: Get<BalanceOf<Self>>;

		/// Who may add and remove registrars, freeze an identity and force its rebind: the
		/// governing body of the participating institutions.
		type RegistrarOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The most registrars there can be at once.
		#[pallet::constant]
		type MaxRegistrars: Get<u32>;

		/// The share of the deposit a rejected claim forfeits (burnt); the rest is released.
		#[pallet::constant]
		type RejectionPenalty: Get<Perbill>;

		/// How long a rebind waits, after a registrar starts it, before the new account can
		/// complete it — the time the current account has to object (`cancel_rebind`) — in
		/// chain days of `BlocksPerDay` blocks.
		#[pallet::constant]
		type RebindDelay: Get<u32>;

		/// The length of a chain day, in blocks. Not a metadata constant: on Loanchain it is
		/// genesis state (`Loans::BlocksPerDay`: 14 400 on production networks, 5 on the
		/// test chains), which wallets read from storage beside the constants in days.
		type BlocksPerDay: Get<BlockNumberFor<Self>>;

		/// The price of one lender token, held when a bundle is requested and burnt when the
		/// registrar issues it. It pays for what a private loan stores, which is never
		/// deleted, and for the lender's later acts on it, which carry no fee.
		#[pallet::constant]
		type LenderTokenPrice: Get<BalanceOf<Self>>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit for an identity record.
		IdentityDeposit,
		/// The price of a bundle of lender tokens, until the registrar issues it (then it is
		/// burnt) or the request is reclaimed.
		LenderTokens,
	}

	/// The identity of each account that has claimed one.
	///
	/// Blake2_128Concat: accounts are chosen by their users, so the key is hashed with a
	/// cryptographic hasher to keep the trie balanced; the concatenated account keeps the
	/// map enumerable.
	#[pallet::storage]
	pub type Identities<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, RecordOf<T>, OptionQuery>;

	/// Which account holds each verified id_hash. Pending claims are not here: claiming a
	/// hash does not keep its real owner from being verified.
	///
	/// Blake2_128Concat: anyone can submit any 32 bytes as an id_hash (the chain cannot
	/// check that the registrars computed it), so the key is user-controlled like an account.
	#[pallet::storage]
	pub type Owners<T: Config> = StorageMap<_, Blake2_128Concat, IdHash, T::AccountId, OptionQuery>;

	/// The rebinds registrars started, by id_hash, waiting for the new account.
	///
	/// Blake2_128Concat, as for `Owners`.
	#[pallet::storage]
	pub type PendingRebinds<T: Config> =
		StorageMap<_, Blake2_128Concat, IdHash, PendingRebindOf<T>, OptionQuery>;

	/// The verified identities the institutions froze: they cannot act in any loan, nor
	/// change their key or cancel a rebind, until unfrozen. Only the `RegistrarOrigin` adds
	/// to it, one entry per verified identity at most, so it needs no deposit.
	///
	/// Blake2_128Concat, as for `Owners`.
	#[pallet::storage]
	pub type Frozen<T: Config> = StorageMap<_, Blake2_128Concat, IdHash, (), OptionQuery>;

	/// The registrars, sorted, so membership is a binary search.
	#[pallet::storage]
	pub type Registrars<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxRegistrars>, ValueQuery>;

	/// Each registrar's public share of the network's OPRF key, given with the registrar
	/// (`add_registrar`): the DLEQ proof of each of its evaluations is checked against it.
	/// At most one per registrar (so at most `MaxRegistrars`), each at its own index.
	///
	/// Twox64Concat: only the `RegistrarOrigin` adds keys — accounts it chose — so nobody
	/// can grind keys to unbalance the trie; the concatenated account keeps it enumerable.
	#[pallet::storage]
	pub type OprfShares<T: Config> =
		StorageMap<_, Twox64Concat, T::AccountId, OprfPublicShare, OptionQuery>;

	/// How many registrars' answers compute an id: the threshold t of the network key's
	/// dealing, set at genesis. A re-dealing keeps it (docs/identity.md).
	#[pallet::storage]
	pub type OprfThreshold<T: Config> = StorageValue<_, u16, ValueQuery>;

	/// Each registrar's lender-token keys, by token epoch, with how many tokens the chain saw
	/// each issue and spend. At most `lender_tokens::MAX_TOKEN_KEYS` a registrar: setting a
	/// key removes the registrar's keys whose tokens are no longer good, and removing the
	/// registrar removes them all. No deposit: only registrars add keys, and they are few.
	///
	/// Twox64Concat twice: registrars are accounts the `RegistrarOrigin` chose, and epochs
	/// are the chain's days; nobody can grind either to unbalance the trie.
	#[pallet::storage]
	pub type TokenKeys<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		T::AccountId,
		Twox64Concat,
		TokenEpoch,
		TokenKey,
		OptionQuery,
	>;

	/// Requests for lender tokens waiting for their registrar, by number. Each is paid for by
	/// what is held from its requester, and goes when it is issued or reclaimed.
	///
	/// Twox64Concat: the chain numbers requests itself, in order.
	#[pallet::storage]
	pub type TokenRequests<T: Config> =
		StorageMap<_, Twox64Concat, u64, lender_tokens::TokenRequestOf<T>, OptionQuery>;

	/// The number the next request for lender tokens gets.
	#[pallet::storage]
	pub type NextTokenRequest<T: Config> = StorageValue<_, u64, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The registrars at genesis, each with its public share of the network's OPRF key;
		/// later ones are added by the `RegistrarOrigin`.
		pub registrars: Vec<(T::AccountId, OprfPublicShare)>,
		/// How many registrars' answers compute an id (at least 1, at most the number of
		/// registrars, when there are registrars).
		pub oprf_threshold: u16,
		/// Identities that are verified from the first block (dev and test chains): account,
		/// kind, id_hash, X25519 public key. No deposit is held for them.
		pub identities: Vec<(T::AccountId, IdentityKind, IdHash, EncryptionKey)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			let mut registrars: Vec<T::AccountId> =
				self.registrars.iter().map(|(who, _)| who.clone()).collect();
			registrars.sort();
			registrars.dedup();
			assert_eq!(registrars.len(), self.registrars.len(), "genesis repeats a registrar");
			let registrars: BoundedVec<_, T::MaxRegistrars> =
				registrars.try_into().expect("genesis lists more registrars than MaxRegistrars");
			for (who, share) in &self.registrars {
				assert!(
					crate::oprf::is_usable_share(share),
					"a genesis registrar's share is malformed"
				);
				assert!(
					!OprfShares::<T>::iter_values().any(|other| other.index == share.index),
					"two genesis registrars share an index"
				);
				OprfShares::<T>::insert(who, share);
			}
			assert!(
				registrars.is_empty()
					|| (1..=registrars.len()).contains(&usize::from(self.oprf_threshold)),
				"the genesis OPRF threshold is not between 1 and the number of registrars"
			);
			Registrars::<T>::put(registrars);
			OprfThreshold::<T>::put(self.oprf_threshold);

			for (who, kind, id_hash, encryption_key) in &self.identities {
				assert!(
					!Identities::<T>::contains_key(who),
					"genesis gives an account two identities"
				);
				assert!(!Owners::<T>::contains_key(id_hash), "genesis gives an id_hash two owners");
				Identities::<T>::insert(
					who,
					IdentityRecord {
						kind: *kind,
						id_hash: *id_hash,
						status: VerificationStatus::Verified,
						encryption_key: *encryption_key,
						deposit: Default::default(),
					},
				);
				Owners::<T>::insert(id_hash, who);
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `who` claimed the identity `id_hash`, with `deposit` held; it awaits a registrar.
		IdentityRegistered {
			who: T::AccountId,
			kind: IdentityKind,
			id_hash: IdHash,
			deposit: BalanceOf<T>,
		},
		/// `who` gave up its pending claim; its `deposit` was released.
		ClaimWithdrawn { who: T::AccountId, id_hash: IdHash, deposit: BalanceOf<T> },
		/// `who` published a new X25519 public key.
		EncryptionKeyChanged { who: T::AccountId, encryption_key: EncryptionKey },
		/// `registrar` verified that `who` holds `id_hash`.
		IdentityVerified { who: T::AccountId, id_hash: IdHash, registrar: T::AccountId },
		/// `registrar` rejected the claim of `who`: `forfeited` of its deposit was burnt and
		/// `refunded` released.
		IdentityRejected {
			who: T::AccountId,
			id_hash: IdHash,
			registrar: T::AccountId,
			refunded: BalanceOf<T>,
			forfeited: BalanceOf<T>,
		},
		/// A registrar or the institutions (`started_by`) started moving the identity
		/// `id_hash` from `from` to `to`; `to` can complete it from block `applicable_at`.
		RebindStarted {
			id_hash: IdHash,
			from: T::AccountId,
			to: T::AccountId,
			started_by: ActedBy<T::AccountId>,
			applicable_at: BlockNumberFor<T>,
		},
		/// `by` cancelled the rebind of `id_hash` to `to`.
		RebindCancelled { id_hash: IdHash, to: T::AccountId, by: ActedBy<T::AccountId> },
		/// The identity `id_hash` moved from `from` to `to`, which completed the rebind
		/// `started_by` started: `deposit` was released to `from` and held from `to`.
		IdentityRebound {
			id_hash: IdHash,
			from: T::AccountId,
			to: T::AccountId,
			started_by: ActedBy<T::AccountId>,
			deposit: BalanceOf<T>,
		},
		/// The institutions froze the identity `id_hash`: it cannot act until unfrozen.
		IdentityFrozen { id_hash: IdHash },
		/// The identity `id_hash` may act again: the institutions unfroze it, or a rebind
		/// they forced moved it to the account they named.
		IdentityUnfrozen { id_hash: IdHash },
		/// `registrar` may verify identities from now on; its evaluations are proven against
		/// `oprf_public_share`.
		RegistrarAdded { registrar: T::AccountId, oprf_public_share: OprfPublicShare },
		/// `registrar` may no longer verify identities.
		RegistrarRemoved { registrar: T::AccountId },
		/// `registrar` published its lender-token key of `epoch` (in `TokenKeys`: 256 bytes
		/// that would make every event of this pallet as large, were they here).
		TokenKeySet { registrar: T::AccountId, epoch: TokenEpoch },
		/// `who`, holding `id_hash`, asked `registrar` for `count` lender tokens under its key
		/// of `epoch` (request number `request`); `held` is held until they are issued.
		LenderTokensRequested {
			request: u64,
			who: T::AccountId,
			id_hash: IdHash,
			registrar: T::AccountId,
			epoch: TokenEpoch,
			count: u32,
			held: BalanceOf<T>,
		},
		/// `registrar` answered request `request` with `count` blind signatures, which the
		/// chain checked against its key of `epoch`; the requester's `fee` was burnt. The
		/// requester's client unblinds `blind_signatures` into its tokens.
		LenderTokensIssued {
			request: u64,
			registrar: T::AccountId,
			epoch: TokenEpoch,
			count: u32,
			fee: BalanceOf<T>,
			blind_signatures: BoundedVec<TokenRsaBlock, ConstU32<MAX_LENDER_TOKEN_BUNDLE>>,
		},
		/// `who` took back request `request`, unanswered: `amount` was released.
		LenderTokensReclaimed { request: u64, who: T::AccountId, amount: BalanceOf<T> },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account already has a pending or verified identity.
		AlreadyRegistered,
		/// Another account has already claimed this id_hash.
		IdHashTaken,
		/// The account has no identity.
		NotRegistered,
		/// The identity is not pending, so it cannot be verified, rejected or withdrawn.
		NotPending,
		/// The identity is not verified.
		NotVerified,
		/// The id_hash the registrar signed off on is not the one the account claimed.
		IdHashMismatch,
		/// No account holds this id_hash.
		UnknownIdHash,
		/// The caller is not a registrar.
		NotARegistrar,
		/// A registrar cannot verify, reject or rebind its own identity.
		RegistrarIsParty,
		/// The account is a registrar already.
		AlreadyRegistrar,
		/// There are `MaxRegistrars` registrars already.
		TooManyRegistrars,
		/// The identity would move to the account that already holds it.
		RebindToSameAccount,
		/// The account the identity would move to has a pending or verified identity.
		TargetHasIdentity,
		/// The key is not a usable X25519 public key: a point of small order (all-zero is
		/// one), to which envelopes could be opened by anyone.
		InvalidEncryptionKey,
		/// The kind the registrar signed off on is not the kind the account claimed.
		KindMismatch,
		/// A rebind of this identity has been started already.
		RebindPending,
		/// No rebind of this identity has been started.
		NoRebindPending,
		/// Only the account the rebind moves the identity to can complete it.
		NotTheNewAccount,
		/// The rebind waits `RebindDelay` chain days after it was started.
		RebindDelayNotOver,
		/// Only the account that holds the identity now, or a registrar, can cancel a rebind.
		NotTheHolderOrARegistrar,
		/// The institutions froze this identity: it cannot act until they unfreeze it.
		IdentityFrozen,
		/// The identity is frozen already.
		AlreadyFrozen,
		/// The identity is not frozen.
		NotFrozen,
		/// The institutions started this rebind: only they can cancel it.
		RebindForced,
		/// The public share has index 0, or its element is not a ristretto255 element (or is
		/// the identity): no evaluation could be proven against it.
		MalformedPublicShare,
		/// Another registrar's public share has this index already.
		ShareIndexTaken,
		/// The token key is not an RSA modulus of 2 048 bits: its top byte is zero, or it is
		/// even.
		MalformedTokenKey,
		/// A token key is set for the current epoch or the next one, and tokens are
		/// requested and issued until their key's epoch ends.
		TokenEpochOutOfRange,
		/// The registrar's key of this epoch is set already; keys are never replaced.
		TokenKeyAlreadySet,
		/// Lender tokens come in bundles of 10, 100 or 1 000.
		UnsupportedBundleSize,
		/// The registrar has no token key of this epoch.
		NoTokenKey,
		/// A blinded token is not less than the key's modulus.
		MalformedBlindedToken,
		/// There is no request for lender tokens with this number.
		UnknownTokenRequest,
		/// Only the registrar the request asked can answer it.
		NotTheRequestedRegistrar,
		/// The requester no longer holds a verified, unfrozen identity: the request can only
		/// be reclaimed.
		RequesterNoLongerEligible,
		/// An answer has one blind signature per blinded token of the request.
		WrongNumberOfBlindSignatures,
		/// A blind signature is not the registrar's, under its key, of its blinded token.
		InvalidBlindSignature,
		/// Only the account that made the request can reclaim it.
		NotTheRequester,
		/// The registrar can still answer the request: it can be reclaimed once the key's
		/// epoch is over, the key or the registrar is gone, or the requester's identity has
		/// moved or is frozen.
		TokenRequestStillOpen,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Claim the identity `id_hash` for the calling account.
		///
		/// - Origin: signed, by an account without a pending or verified identity (a
		///   rejected one may register again).
		/// - `kind`: person or enterprise; it must match the kind tag the hash was made with.
		/// - `id_hash`: the id of the number, as the registrars computed it (the specification §2).
		/// - `encryption_key`: the account's X25519 public key, for sealed loan details.
		///
		/// A claim owns nothing until a registrar verifies it: others may claim the same hash,
		/// and the registrar verifies the claim of whoever showed the document.
		///
		/// Holds `IdentityDeposit`. Emits `IdentityRegistered`. Fails with
		/// `AlreadyRegistered`, `IdHashTaken` (a verified identity has this hash),
		/// `InvalidEncryptionKey`, or the currency's error when the deposit cannot be held.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register())]
		pub fn register(
			origin: OriginFor<T>,
			kind: IdentityKind,
			id_hash: IdHash,
			encryption_key: EncryptionKey,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure_usable_key::<T>(&encryption_key)?;
			if let Some(existing) = Identities::<T>::get(&who) {
				ensure!(
					existing.status == VerificationStatus::Rejected,
					Error::<T>::AlreadyRegistered
				);
			}
			ensure!(!Owners::<T>::contains_key(id_hash), Error::<T>::IdHashTaken);

			let deposit = T::IdentityDeposit::get();
			T::Currency::hold(&HoldReason::IdentityDeposit.into(), &who, deposit)?;
			Identities::<T>::insert(
				&who,
				IdentityRecord {
					kind,
					id_hash,
					status: VerificationStatus::Pending,
					encryption_key,
					deposit,
				},
			);
			Self::deposit_event(Event::IdentityRegistered { who, kind, id_hash, deposit });
			Ok(())
		}

		/// Replace the calling account's X25519 public key. Envelopes already stored stay
		/// sealed to the old key; new ones use this one.
		///
		/// - Origin: signed, by an account with an identity that is not rejected, nor frozen.
		///
		/// Emits `EncryptionKeyChanged`. Fails with `NotRegistered`, `IdentityFrozen` or
		/// `InvalidEncryptionKey`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::set_encryption_key())]
		pub fn set_encryption_key(
			origin: OriginFor<T>,
			encryption_key: EncryptionKey,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure_usable_key::<T>(&encryption_key)?;
			Identities::<T>::try_mutate(&who, |record| -> DispatchResult {
				let record = record
					.as_mut()
					.filter(|r| r.status != VerificationStatus::Rejected)
					.ok_or(Error::<T>::NotRegistered)?;
				ensure!(!Frozen::<T>::contains_key(record.id_hash), Error::<T>::IdentityFrozen);
				record.encryption_key = encryption_key;
				Ok(())
			})?;
			Self::deposit_event(Event::EncryptionKeyChanged { who, encryption_key });
			Ok(())
		}

		/// Sign off on the pending claim of `who`. The registrar names the hash it recomputed
		/// from the real document and the document's kind, so it approves exactly that and
		/// never "whatever is there now". Other pending claims of the same hash (a squatter's)
		/// do not stand in the way; they can be rejected afterwards.
		///
		/// - Origin: signed, by a registrar other than `who`.
		/// - `kind`: person (resident ID) or enterprise (credit code), as on the document.
		///
		/// Emits `IdentityVerified`. Fails with `NotARegistrar`, `RegistrarIsParty`,
		/// `NotRegistered`, `NotPending`, `IdHashMismatch`, `KindMismatch` or `IdHashTaken`
		/// (another account was verified with this hash).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::verify_claim())]
		pub fn verify(
			origin: OriginFor<T>,
			who: T::AccountId,
			id_hash: IdHash,
			kind: IdentityKind,
		) -> DispatchResult {
			let registrar = Self::ensure_registrar(origin)?;
			ensure!(registrar != who, Error::<T>::RegistrarIsParty);
			Identities::<T>::try_mutate(&who, |record| -> DispatchResult {
				let record = record.as_mut().ok_or(Error::<T>::NotRegistered)?;
				ensure!(record.status == VerificationStatus::Pending, Error::<T>::NotPending);
				ensure!(record.id_hash == id_hash, Error::<T>::IdHashMismatch);
				ensure!(record.kind == kind, Error::<T>::KindMismatch);
				ensure!(!Owners::<T>::contains_key(id_hash), Error::<T>::IdHashTaken);
				record.status = VerificationStatus::Verified;
				Ok(())
			})?;
			Owners::<T>::insert(id_hash, &who);
			Self::deposit_event(Event::IdentityVerified { who, id_hash, registrar });
			Ok(())
		}

		/// Refuse the pending claim of `who`: `RejectionPenalty` of its deposit is forfeited
		/// (burnt) and the rest released, so that claiming what is not one's own costs
		/// something every time; `who` may register again.
		///
		/// - Origin: signed, by a registrar other than `who`.
		///
		/// Emits `IdentityRejected`. Fails with `NotARegistrar`, `RegistrarIsParty`,
		/// `NotRegistered` or `NotPending`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::reject())]
		pub fn reject(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			let registrar = Self::ensure_registrar(origin)?;
			ensure!(registrar != who, Error::<T>::RegistrarIsParty);
			let mut record = Self::pending_record(&who)?;
			let reason = HoldReason::IdentityDeposit.into();
			let forfeited = T::Currency::burn_held(
				&reason,
				&who,
				T::RejectionPenalty::get() * record.deposit,
				Precision::BestEffort,
				Fortitude::Force,
			)?;
			let refunded = T::Currency::release(
				&reason,
				&who,
				record.deposit.saturating_sub(forfeited),
				Precision::BestEffort,
			)?;
			record.status = VerificationStatus::Rejected;
			record.deposit = Default::default();
			let id_hash = record.id_hash;
			Identities::<T>::insert(&who, record);
			Self::deposit_event(Event::IdentityRejected {
				who,
				id_hash,
				registrar,
				refunded,
				forfeited,
			});
			Ok(())
		}

		/// Start moving the verified identity `id_hash` to `new_account`, after the
		/// registrar has checked (off chain) that the person or company behind it controls
		/// the new account — the way back for someone who lost their key. Nothing moves yet:
		/// `new_account` completes the move itself (`complete_rebind`) once `RebindDelay` has
		/// passed, and until then the current account or any registrar can cancel it.
		///
		/// - Origin: signed, by a registrar who is neither account.
		///
		/// Emits `RebindStarted`. Fails with `NotARegistrar`, `UnknownIdHash`,
		/// `RebindToSameAccount`, `RegistrarIsParty`, `TargetHasIdentity` or
		/// `RebindPending`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::rebind())]
		pub fn rebind(
			origin: OriginFor<T>,
			id_hash: IdHash,
			new_account: T::AccountId,
		) -> DispatchResult {
			let registrar = Self::ensure_registrar(origin)?;
			// Only verified identities are in `Owners`.
			let old_account = Owners::<T>::get(id_hash).ok_or(Error::<T>::UnknownIdHash)?;
			ensure!(
				registrar != old_account && registrar != new_account,
				Error::<T>::RegistrarIsParty
			);
			Self::start_rebind(id_hash, old_account, new_account, ActedBy::Registrar(registrar))
		}

		/// Complete the rebind of `id_hash` to the calling account: the identity, its credit
		/// history and its authority over every loan move here. The deposit held from the
		/// old account is released there and held anew from this one; the X25519 key moves
		/// with the identity until this account sets its own.
		///
		/// - Origin: signed, by the new account the registrar named: its signature is its
		///   consent.
		///
		/// A rebind the institutions forced also unfreezes the identity: they named the
		/// account that holds it now.
		///
		/// Emits `IdentityRebound` (and `IdentityUnfrozen`). Fails with `NoRebindPending`,
		/// `NotTheNewAccount`, `RebindDelayNotOver`, `TargetHasIdentity`, or the currency's
		/// error when the deposit cannot be held.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::complete_rebind())]
		pub fn complete_rebind(origin: OriginFor<T>, id_hash: IdHash) -> DispatchResult {
			let new_account = ensure_signed(origin)?;
			let pending = PendingRebinds::<T>::get(id_hash).ok_or(Error::<T>::NoRebindPending)?;
			ensure!(pending.new_account == new_account, Error::<T>::NotTheNewAccount);
			ensure!(
				frame_system::Pallet::<T>::block_number() >= pending.applicable_at,
				Error::<T>::RebindDelayNotOver
			);
			// The account may have claimed an identity of its own since the rebind started.
			Self::ensure_free_target(&new_account)?;
			// A pending rebind exists only for a verified identity, and verified identities
			// are never removed: these hold while the rebind waits.
			let old_account = Owners::<T>::get(id_hash).ok_or(Error::<T>::UnknownIdHash)?;
			let mut record = Identities::<T>::get(&old_account).ok_or(Error::<T>::UnknownIdHash)?;

			// Hold from the new account first: if it cannot pay, nothing has moved yet.
			let deposit = T::IdentityDeposit::get();
			T::Currency::hold(&HoldReason::IdentityDeposit.into(), &new_account, deposit)?;
			Self::release_deposit(&old_account, &record)?;
			record.deposit = deposit;

			PendingRebinds::<T>::remove(id_hash);
			Identities::<T>::remove(&old_account);
			Identities::<T>::insert(&new_account, record);
			Owners::<T>::insert(id_hash, &new_account);
			let forced = pending.started_by == ActedBy::Institutions;
			Self::deposit_event(Event::IdentityRebound {
				id_hash,
				from: old_account,
				to: new_account,
				started_by: pending.started_by,
				deposit,
			});
			if forced && Frozen::<T>::take(id_hash).is_some() {
				Self::deposit_event(Event::IdentityUnfrozen { id_hash });
			}
			Ok(())
		}

		/// Cancel the rebind of `id_hash` before it is completed.
		///
		/// - Origin: the `RegistrarOrigin`, for any rebind; or signed, for a rebind a
		///   registrar started, by any registrar or by the account that holds the identity
		///   now (unless the identity is frozen: the holder may be the one it was frozen
		///   against).
		///
		/// Emits `RebindCancelled`. Fails with `NoRebindPending`, `RebindForced`,
		/// `IdentityFrozen` or `NotTheHolderOrARegistrar`.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::cancel_rebind())]
		pub fn cancel_rebind(origin: OriginFor<T>, id_hash: IdHash) -> DispatchResult {
			let pending = PendingRebinds::<T>::get(id_hash).ok_or(Error::<T>::NoRebindPending)?;
			let by = match T::RegistrarOrigin::try_origin(origin) {
				Ok(_) => ActedBy::Institutions,
				Err(origin) => {
					let who = ensure_signed(origin)?;
					ensure!(pending.started_by != ActedBy::Institutions, Error::<T>::RebindForced);
					if Self::is_registrar(&who) {
						ActedBy::Registrar(who)
					} else {
						ensure!(
							Owners::<T>::get(id_hash).as_ref() == Some(&who),
							Error::<T>::NotTheHolderOrARegistrar
						);
						ensure!(!Frozen::<T>::contains_key(id_hash), Error::<T>::IdentityFrozen);
						ActedBy::Holder(who)
					}
				},
			};
			PendingRebinds::<T>::remove(id_hash);
			Self::deposit_event(Event::RebindCancelled { id_hash, to: pending.new_account, by });
			Ok(())
		}

		/// Freeze the verified identity `id_hash` while a dispute over who holds it is
		/// settled: it cannot act in any loan — every call of the loans pallet that needs it,
		/// as a party or as a viewer, fails with `IdentityFrozen`, and so does a consent it
		/// signed that has not been used yet — nor change its key or cancel a registrar's
		/// rebind. What it did before stays as it is.
		///
		/// - Origin: `RegistrarOrigin`.
		///
		/// Emits `IdentityFrozen`. Fails with `UnknownIdHash` or `AlreadyFrozen`.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::freeze())]
		pub fn freeze(origin: OriginFor<T>, id_hash: IdHash) -> DispatchResult {
			T::RegistrarOrigin::ensure_origin(origin)?;
			ensure!(Owners::<T>::contains_key(id_hash), Error::<T>::UnknownIdHash);
			ensure!(!Frozen::<T>::contains_key(id_hash), Error::<T>::AlreadyFrozen);
			Frozen::<T>::insert(id_hash, ());
			Self::deposit_event(Event::IdentityFrozen { id_hash });
			Ok(())
		}

		/// Let the frozen identity `id_hash` act again.
		///
		/// - Origin: `RegistrarOrigin`.
		///
		/// Emits `IdentityUnfrozen`. Fails with `NotFrozen`.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::unfreeze())]
		pub fn unfreeze(origin: OriginFor<T>, id_hash: IdHash) -> DispatchResult {
			T::RegistrarOrigin::ensure_origin(origin)?;
			Frozen::<T>::take(id_hash).ok_or(Error::<T>::NotFrozen)?;
			Self::deposit_event(Event::IdentityUnfrozen { id_hash });
			Ok(())
		}

		/// Start moving the verified identity `id_hash` to `new_account`, as `rebind` does,
		/// but by the institutions and beyond the holder's reach: only the `RegistrarOrigin`
		/// can cancel it. For an identity the wrong account holds — a stolen key, whose thief
		/// would cancel every registrar's rebind, or a registrar's mistaken `verify`.
		/// `new_account` completes it after `RebindDelay`, which also unfreezes the identity.
		/// A registrar's rebind pending for the same identity is cancelled first (in the
		/// same motion, with `Utility.batch_all`).
		///
		/// - Origin: `RegistrarOrigin`.
		///
		/// Emits `RebindStarted`. Fails with `UnknownIdHash`, `RebindToSameAccount`,
		/// `TargetHasIdentity` or `RebindPending`.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::force_rebind())]
		pub fn force_rebind(
			origin: OriginFor<T>,
			id_hash: IdHash,
			new_account: T::AccountId,
		) -> DispatchResult {
			T::RegistrarOrigin::ensure_origin(origin)?;
			let old_account = Owners::<T>::get(id_hash).ok_or(Error::<T>::UnknownIdHash)?;
			Self::start_rebind(id_hash, old_account, new_account, ActedBy::Institutions)
		}

		/// Let `registrar` verify identities, and take part in computing ids with its share
		/// of the network's OPRF key.
		///
		/// - Origin: `RegistrarOrigin`.
		/// - `oprf_public_share`: the share's index in the dealing and `k_i·G`, as the dealer
		///   ceremony printed it (`loanctl oprf-deal`; the encoding is in docs/identity.md).
		///
		/// Emits `RegistrarAdded`. Fails with `MalformedPublicShare`, `AlreadyRegistrar`,
		/// `ShareIndexTaken` or `TooManyRegistrars`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::add_registrar())]
		pub fn add_registrar(
			origin: OriginFor<T>,
			registrar: T::AccountId,
			oprf_public_share: OprfPublicShare,
		) -> DispatchResult {
			T::RegistrarOrigin::ensure_origin(origin)?;
			Self::ensure_usable_share(&oprf_public_share)?;
			Registrars::<T>::try_mutate(|registrars| -> DispatchResult {
				let at = registrars
					.binary_search(&registrar)
					.err()
					.ok_or(Error::<T>::AlreadyRegistrar)?;
				Self::ensure_share_index_free(oprf_public_share.index)?;
				registrars
					.try_insert(at, registrar.clone())
					.map_err(|_| Error::<T>::TooManyRegistrars)?;
				Ok(())
			})?;
			OprfShares::<T>::insert(&registrar, oprf_public_share);
			Self::deposit_event(Event::RegistrarAdded { registrar, oprf_public_share });
			Ok(())
		}

		/// Stop `registrar` from verifying identities; its public share and its lender-token keys
		/// go with it (the tokens they issued are refused from now on). What
		/// it verified stays verified, and every id stays what it is: the key is unchanged,
		/// and the remaining registrars still compute it while at least the threshold of
		/// them remain (docs/identity.md on re-dealing).
		///
		/// - Origin: `RegistrarOrigin`.
		///
		/// Emits `RegistrarRemoved`. Fails with `NotARegistrar`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::remove_registrar())]
		pub fn remove_registrar(origin: OriginFor<T>, registrar: T::AccountId) -> DispatchResult {
			T::RegistrarOrigin::ensure_origin(origin)?;
			Registrars::<T>::try_mutate(|registrars| -> DispatchResult {
				let at =
					registrars.binary_search(&registrar).map_err(|_| Error::<T>::NotARegistrar)?;
				registrars.remove(at);
				Ok(())
			})?;
			OprfShares::<T>::remove(&registrar);
			Self::void_token_keys(&registrar);
			Self::deposit_event(Event::RegistrarRemoved { registrar });
			Ok(())
		}

		/// Give up the calling account's pending claim: the id_hash becomes free, the record
		/// is removed and the deposit released. A verified identity cannot be withdrawn: the
		/// credit history hangs on it.
		///
		/// - Origin: signed, by an account with a pending claim.
		///
		/// Emits `ClaimWithdrawn`. Fails with `NotRegistered` or `NotPending`.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::withdraw_claim())]
		pub fn withdraw_claim(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let record = Self::pending_record(&who)?;
			let deposit = Self::release_deposit(&who, &record)?;
			Identities::<T>::remove(&who);
			Self::deposit_event(Event::ClaimWithdrawn { who, id_hash: record.id_hash, deposit });
			Ok(())
		}

		/// Publish the registrar's lender-token key of `epoch`: the modulus of an RSA-2048
		/// key (exponent 65 537) whose secret only the registrar holds. Tokens it signs under
		/// it are good in `epoch` and the epoch after. Removes the registrar's keys whose
		/// tokens are no longer good.
		///
		/// - Origin: signed, by a registrar.
		/// - `epoch`: the current token epoch (`block / BlocksPerDay`) or the next one.
		///
		/// Emits `TokenKeySet`. Fails with `NotARegistrar`, `MalformedTokenKey`,
		/// `TokenEpochOutOfRange` or `TokenKeyAlreadySet`.
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::set_token_key())]
		pub fn set_token_key(
			origin: OriginFor<T>,
			epoch: TokenEpoch,
			modulus: TokenRsaBlock,
		) -> DispatchResult {
			let registrar = Self::ensure_registrar(origin)?;
			Self::do_set_token_key(registrar, epoch, modulus)
		}

		/// Ask `registrar` to sign a bundle of blinded lender tokens under its key of `epoch`.
		/// The registrar sees only the blinded tokens; what they certify (the lender's
		/// per-loan keys) stays with the caller's client.
		///
		/// - Origin: signed, by an account holding a verified, unfrozen identity.
		/// - `blinded`: 10, 100 or 1 000 blinded tokens (RFC 9474 `Blind`), each less than
		///   the key's modulus.
		///
		/// Weighs as a bundle of 1 000, whatever its size: bundles come in three sizes only,
		/// which a benchmark's linear fit cannot follow, and the largest is the one to
		/// reserve block space for.
		///
		/// Holds `LenderTokenPrice` per token. Emits `LenderTokensRequested`. Fails with
		/// `NotVerified`, `IdentityFrozen`, `UnsupportedBundleSize`, `TokenEpochOutOfRange`
		/// (the epoch is over), `NoTokenKey`, `MalformedBlindedToken`, or the currency's
		/// error when the price cannot be held.
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::request_lender_tokens())]
		pub fn request_lender_tokens(
			origin: OriginFor<T>,
			registrar: T::AccountId,
			epoch: TokenEpoch,
			blinded: BoundedVec<TokenRsaBlock, ConstU32<MAX_LENDER_TOKEN_BUNDLE>>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_request_lender_tokens(who, registrar, epoch, blinded)
		}

		/// Answer request `request` with the blind signatures of its blinded tokens, in order.
		/// The chain checks each against the registrar's key and counts them as issued under
		/// it; the requester's price is burnt.
		///
		/// - Origin: signed, by the registrar the request asked.
		///
		/// Weighs as many blind signatures as it carries: one RSA check each.
		///
		/// Emits `LenderTokensIssued`. Fails with `UnknownTokenRequest`,
		/// `NotTheRequestedRegistrar`, `TokenEpochOutOfRange` (the key's epoch is over),
		/// `RequesterNoLongerEligible`, `NoTokenKey` (the registrar was removed meanwhile),
		/// `WrongNumberOfBlindSignatures` or `InvalidBlindSignature`.
		#[pallet::call_index(15)]
		#[pallet::weight(T::WeightInfo::issue_lender_tokens(blind_signatures.len() as u32))]
		pub fn issue_lender_tokens(
			origin: OriginFor<T>,
			request: u64,
			blind_signatures: BoundedVec<TokenRsaBlock, ConstU32<MAX_LENDER_TOKEN_BUNDLE>>,
		) -> DispatchResult {
			let registrar = ensure_signed(origin)?;
			Self::do_issue_lender_tokens(registrar, request, blind_signatures)
		}

		/// Take back request `request`, which its registrar can no longer answer: its key's
		/// epoch is over, the key or the registrar is gone, or the caller's identity has moved
		/// or been frozen. Releases what was held.
		///
		/// - Origin: signed, by the account that made the request.
		///
		/// Emits `LenderTokensReclaimed`. Fails with `UnknownTokenRequest`, `NotTheRequester`
		/// or `TokenRequestStillOpen`.
		#[pallet::call_index(16)]
		#[pallet::weight(T::WeightInfo::reclaim_lender_tokens())]
		pub fn reclaim_lender_tokens(origin: OriginFor<T>, request: u64) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_reclaim_lender_tokens(who, request)
		}
	}

	impl<T: Config> Pallet<T> {
		/// Whether `who` is a registrar now.
		pub fn is_registrar(who: &T::AccountId) -> bool {
			Registrars::<T>::get().binary_search(who).is_ok()
		}

		fn ensure_registrar(origin: OriginFor<T>) -> Result<T::AccountId, DispatchError> {
			let who = ensure_signed(origin)?;
			ensure!(Self::is_registrar(&who), Error::<T>::NotARegistrar);
			Ok(who)
		}

		/// Starts the rebind of `id_hash` from `old_account` (which holds it) to
		/// `new_account`, applicable after `RebindDelay`.
		fn start_rebind(
			id_hash: IdHash,
			old_account: T::AccountId,
			new_account: T::AccountId,
			started_by: ActedBy<T::AccountId>,
		) -> DispatchResult {
			ensure!(old_account != new_account, Error::<T>::RebindToSameAccount);
			Self::ensure_free_target(&new_account)?;
			ensure!(!PendingRebinds::<T>::contains_key(id_hash), Error::<T>::RebindPending);
			let delay = T::BlocksPerDay::get().saturating_mul(T::RebindDelay::get().into());
			let applicable_at = frame_system::Pallet::<T>::block_number().saturating_add(delay);
			let pending = PendingRebind {
				new_account: new_account.clone(),
				started_by: started_by.clone(),
				applicable_at,
			};
			PendingRebinds::<T>::insert(id_hash, pending);
			Self::deposit_event(Event::RebindStarted {
				id_hash,
				from: old_account,
				to: new_account,
				started_by,
				applicable_at,
			});
			Ok(())
		}

		/// Refuses to move an identity to an account that has a pending or verified one.
		fn ensure_free_target(who: &T::AccountId) -> DispatchResult {
			if let Some(target) = Identities::<T>::get(who) {
				ensure!(
					target.status == VerificationStatus::Rejected,
					Error::<T>::TargetHasIdentity
				);
			}
			Ok(())
		}

		fn pending_record(who: &T::AccountId) -> Result<RecordOf<T>, DispatchError> {
			let record = Identities::<T>::get(who).ok_or(Error::<T>::NotRegistered)?;
			ensure!(record.status == VerificationStatus::Pending, Error::<T>::NotPending);
			Ok(record)
		}

		/// Releases the deposit held for `record` from `who`; returns the amount released.
		fn release_deposit(
			who: &T::AccountId,
			record: &RecordOf<T>,
		) -> Result<BalanceOf<T>, DispatchError> {
			T::Currency::release(
				&HoldReason::IdentityDeposit.into(),
				who,
				record.deposit,
				Precision::BestEffort,
			)
		}

		/// Checks the invariants stated in the crate documentation. (Also in `std` builds, so
		/// that other pallets' tests can check this pallet too.)
		#[cfg(any(feature = "try-runtime", feature = "std", test))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			for (id_hash, owner) in Owners::<T>::iter() {
				let record =
					Identities::<T>::get(&owner).ok_or("an owner has no identity record")?;
				ensure!(record.id_hash == id_hash, "an owner's record holds another id_hash");
				ensure!(
					record.status == VerificationStatus::Verified,
					"an id_hash is owned by an identity that is not verified"
				);
			}
			for (who, record) in Identities::<T>::iter() {
				if record.status == VerificationStatus::Verified {
					ensure!(
						Owners::<T>::get(record.id_hash).as_ref() == Some(&who),
						"a verified identity is missing from Owners"
					);
				}
			}
			for (id_hash, pending) in PendingRebinds::<T>::iter() {
				let owner = Owners::<T>::get(id_hash).ok_or("a rebind of an unverified id_hash")?;
				ensure!(owner != pending.new_account, "a rebind to the account that holds it");
			}
			for (id_hash, ()) in Frozen::<T>::iter() {
				ensure!(Owners::<T>::contains_key(id_hash), "a frozen id_hash is not verified");
			}
			let registrars = Registrars::<T>::get();
			ensure!(
				registrars.windows(2).all(|w| w[0] < w[1]),
				"registrars are not sorted and unique"
			);
			let mut indexes = Vec::new();
			for (who, share) in OprfShares::<T>::iter() {
				ensure!(registrars.binary_search(&who).is_ok(), "a share of no registrar");
				ensure!(crate::oprf::is_usable_share(&share), "a malformed public share");
				ensure!(!indexes.contains(&share.index), "two shares at one index");
				indexes.push(share.index);
			}
			Self::try_state_lender_tokens()
		}
	}

	/// Refuses the X25519 keys of small order (all-zero among them): an envelope sealed to
	/// one would be readable by anyone.
	fn ensure_usable_key<T: Config>(key: &EncryptionKey) -> DispatchResult {
		ensure!(loanchain_sealing::is_usable_public_key(key), Error::<T>::InvalidEncryptionKey);
		Ok(())
	}
}

impl<T: Config> VerifiedIdentity<T::AccountId> for Pallet<T> {
	fn verified(who: &T::AccountId) -> Option<VerifiedParty> {
		Identities::<T>::get(who)
			.filter(|record| record.status == VerificationStatus::Verified)
			.map(|record| VerifiedParty {
				kind: record.kind,
				id_hash: record.id_hash,
				encryption_key: record.encryption_key,
			})
	}

	fn account_of(id_hash: &IdHash) -> Option<T::AccountId> {
		Owners::<T>::get(id_hash)
	}

	fn is_frozen(id_hash: &IdHash) -> bool {
		Frozen::<T>::contains_key(id_hash)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn make_verified(who: &T::AccountId, kind: IdentityKind, seed: u32) -> IdHash {
		let id_hash = benchmark_id_hash(seed);
		Identities::<T>::insert(
			who,
			IdentityRecord {
				kind,
				id_hash,
				status: VerificationStatus::Verified,
				encryption_key: [9u8; 32],
				deposit: Default::default(),
			},
		);
		Owners::<T>::insert(id_hash, who);
		id_hash
	}
}

/// A distinct stand-in id_hash per seed, for benchmarks.
#[cfg(feature = "runtime-benchmarks")]
fn benchmark_id_hash(seed: u32) -> IdHash {
	let mut hash = [0xA5u8; 32];
	hash[..4].copy_from_slice(&seed.to_le_bytes());
	hash
}
