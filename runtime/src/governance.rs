//! Who governs the chain, and what they can reach.
//!
//! The participating institutions are the members of [`Institutions`](crate::Institutions)
//! (pallet-collective), whose membership [`InstitutionsMembership`](crate::InstitutionsMembership)
//! (pallet-membership) keeps. A motion passed by two thirds of them dispatches with the
//! collective's `Members(ayes, seats)` origin, and [`TwoThirdsOfInstitutions`] is accepted by
//! exactly these calls:
//!
//! - `CreditIdentity.add_registrar` / `remove_registrar`, `freeze` / `unfreeze`,
//!   `force_rebind` and `cancel_rebind` (`RegistrarOrigin`);
//! - `ValidatorSet.add_validator` / `remove_validator` / `note_stalled`;
//! - `InstitutionsMembership`'s calls that change the membership (never its prime: there
//!   is none, and silence counts as a nay — [`SilenceIsNay`]; never below
//!   [`MIN_INSTITUTIONS`] — [`KeepsGoverning`]);
//! - `Institutions.disapprove_proposal` / `kill`;
//! - `Upgrades.authorize_upgrade` / `cancel_upgrade`.
//!
//! No origin of this runtime is Root: there is no sudo, and no pallet turns a motion into
//! Root. So every Root-only call of the SDK's pallets — `System.set_storage`,
//! `kill_storage`, `kill_prefix`, `set_code`, `authorize_upgrade`, `Balances.force_*` — is
//! out of everyone's reach by construction, and no pallet dispatches as another account.
//! The credit pallets accept only signed origins. A runtime upgrade is the one act that
//! could change anything: [`pallet_upgrade_delay`] makes it public and delayed.

use crate::{
	AccountId, Balance, Balances, Institutions, Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin,
	SessionKeys, ValidatorSet, UNIT,
};
use frame_support::{parameter_types, traits::ConstU32, weights::Weight};
use sp_runtime::{traits::ConvertInto, Perbill};

use crate::{
	origins::{InstitutionsCollective, TwoThirdsOfInstitutions},
	time::{ChainDays, SessionPeriod},
};

/// The most institutions the chain has.
pub const MAX_INSTITUTIONS: u32 = 32;

parameter_types! {
	/// A motion may use at most half a block.
	pub MaxMotionWeight: Weight = Perbill::from_percent(50) * crate::configs::RuntimeBlockWeights::get().max_block;
}

impl pallet_collective::Config<InstitutionsCollective> for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	/// A week of chain days to vote; a motion with enough ayes can be closed at once.
	type MotionDuration = ChainDays<7>;
	type MaxProposals = ConstU32<100>;
	type MaxMembers = ConstU32<MAX_INSTITUTIONS>;
	/// An institution that did not vote counts as a nay, for every motion: there is no
	/// prime member whose vote silence could follow.
	type DefaultVote = SilenceIsNay;
	type WeightInfo = crate::weights::pallet_collective::WeightInfo<Runtime>;
	/// The membership pallet sets the members; nothing else can.
	#[cfg(not(feature = "runtime-benchmarks"))]
	type SetMembersOrigin = frame_system::EnsureNever<()>;
	/// The collective's benchmarks set up their members with `set_members`: a benchmark
	/// build (never run as a chain) lets Root do that, so that the collective's calls are
	/// measured here like every other pallet's.
	#[cfg(feature = "runtime-benchmarks")]
	type SetMembersOrigin = frame_system::EnsureRoot<AccountId>;
	type MaxProposalWeight = MaxMotionWeight;
	type DisapproveOrigin = TwoThirdsOfInstitutions;
	type KillOrigin = TwoThirdsOfInstitutions;
	/// Only members propose, at most `MaxProposals` motions at a time: the state they add
	/// is bounded without a deposit.
	type Consideration = ();
}

impl pallet_membership::Config<pallet_membership::Instance1> for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type AddOrigin = TwoThirdsOfInstitutions;
	type RemoveOrigin = TwoThirdsOfInstitutions;
	type SwapOrigin = TwoThirdsOfInstitutions;
	type ResetOrigin = TwoThirdsOfInstitutions;
	/// Nobody: a prime member would turn the silence of the others into its own vote.
	type PrimeOrigin = frame_system::EnsureNever<AccountId>;
	type MembershipInitialized = Institutions;
	type MembershipChanged = Institutions;
	type MaxMembers = ConstU32<MAX_INSTITUTIONS>;
	type WeightInfo = crate::weights::pallet_membership::WeightInfo<Runtime>;
}

/// Silence is a nay. When a motion's voting time is over, the institutions that did not vote
/// count against it, whoever they are and whatever anyone else voted: nobody's vote stands
/// for theirs.
pub struct SilenceIsNay;
impl pallet_collective::DefaultVote for SilenceIsNay {
	fn default_vote(_prime: Option<bool>, _ayes: u32, _nays: u32, _seats: u32) -> bool {
		false
	}
}

/// The fewest institutions there can be: with none, no motion could ever be proposed again,
/// and nothing — not even adding an institution — could be decided. A motion that would
/// leave fewer is refused by the runtime's call filter ([`KeepsGoverning`]).
pub const MIN_INSTITUTIONS: u32 = 1;

/// The runtime's call filter, which keeps the chain governed and running. Every call passes
/// except:
///
/// - a change of the membership that would leave fewer than [`MIN_INSTITUTIONS`]
///   institutions (its motion's `Executed` event then carries `system.CallFiltered`);
/// - `Session.purge_keys`: accounts remove their keys with `ValidatorSet.purge_keys`, which
///   refuses a validator in the set, so that no validator can drop out of the next session
///   on its own and no set can empty itself (GRANDPA refuses an empty set, and no block
///   could follow).
pub struct KeepsGoverning;
impl frame_support::traits::Contains<RuntimeCall> for KeepsGoverning {
	fn contains(call: &RuntimeCall) -> bool {
		use pallet_membership::Call as Membership;
		let seats = || pallet_collective::Members::<Runtime, InstitutionsCollective>::decode_len();
		match call {
			RuntimeCall::InstitutionsMembership(Membership::remove_member { .. }) => {
				seats().unwrap_or(0) as u32 > MIN_INSTITUTIONS
			},
			RuntimeCall::InstitutionsMembership(Membership::reset_members { members }) => {
				members.len() as u32 >= MIN_INSTITUTIONS
			},
			RuntimeCall::Session(pallet_session::Call::purge_keys {}) => false,
			_ => true,
		}
	}
}

impl pallet_upgrade_delay::Config for Runtime {
	type AuthorizeOrigin = TwoThirdsOfInstitutions;
	type CancelOrigin = TwoThirdsOfInstitutions;
	/// Seven chain days: a week on production networks, 35 blocks (3.5 minutes) on the
	/// test chains.
	type UpgradeDelay = ConstU32<7>;
	type BlocksPerDay = crate::time::BlocksPerDay;
	type WeightInfo = pallet_upgrade_delay::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	/// Held while an account has session keys registered.
	pub const SessionKeyDeposit: Balance = UNIT;
}

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = ConvertInto;
	type ShouldEndSession = pallet_session::PeriodicSessions<SessionPeriod, ConstU32<0>>;
	type NextSessionRotation = pallet_session::PeriodicSessions<SessionPeriod, ConstU32<0>>;
	type SessionManager = ValidatorSet;
	type SessionHandler = <SessionKeys as sp_runtime::traits::OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	/// No slashing, so nobody is disabled.
	type DisablingStrategy = ();
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	type KeyDeposit = SessionKeyDeposit;
}

impl pallet_validator_set::Config for Runtime {
	type AddRemoveOrigin = TwoThirdsOfInstitutions;
	type KeysRegistered = crate::Session;
	type MaxValidators = ConstU32<MAX_INSTITUTIONS>;
	/// One validator keeps blocks coming; the institutions decide how many more they need.
	type MinValidators = ConstU32<1>;
	type PurgeKeys = SessionPurge;
	type FinalityStalled = GrandpaStalled;
	type WeightInfo = pallet_validator_set::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkKeys;
}

/// `Session.purge_keys` for `ValidatorSet.purge_keys`, called directly: the call filter
/// refuses it only as a call.
pub struct SessionPurge;
impl pallet_validator_set::PurgeKeys<AccountId> for SessionPurge {
	fn purge_keys(who: &AccountId) -> frame_support::dispatch::DispatchResult {
		crate::Session::purge_keys(RuntimeOrigin::signed(who.clone()))
	}
}

/// GRANDPA's `note_stalled`, for `ValidatorSet.note_stalled`: what GRANDPA's own call does
/// behind its Root check (which no origin of this runtime passes), the stall stored for the
/// next session change to force the authority set in.
pub struct GrandpaStalled;
impl pallet_validator_set::FinalityStalled<crate::BlockNumber> for GrandpaStalled {
	fn note_stalled(
		delay: crate::BlockNumber,
		best_finalized_block_number: crate::BlockNumber,
	) -> frame_support::dispatch::DispatchResult {
		pallet_grandpa::Stalled::<Runtime>::put((delay, best_finalized_block_number));
		Ok(())
	}
}

/// Registers made-up session keys for benchmark accounts.
#[cfg(feature = "runtime-benchmarks")]
pub struct BenchmarkKeys;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_validator_set::BenchmarkHelper<AccountId> for BenchmarkKeys {
	fn register_keys(who: &AccountId) {
		use codec::Decode;
		let bytes: &[u8; 32] = who.as_ref();
		let raw = [bytes.as_slice(), bytes.as_slice()].concat();
		let keys = SessionKeys::decode(&mut &raw[..]).expect("two 32-byte keys decode");
		pallet_session::NextKeys::<Runtime>::insert(who, keys);
	}
}
