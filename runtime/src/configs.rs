//! How each pallet of the runtime is configured.

use crate::weights::{block_weights::BlockExecutionWeight, extrinsic_weights::ExtrinsicBaseWeight};
use crate::{
	AccountId, Aura, Balance, Balances, Block, BlockNumber, Hash, Nonce, PalletInfo, Runtime,
	RuntimeCall, RuntimeEvent, RuntimeFreezeReason, RuntimeHoldReason, RuntimeOrigin, RuntimeTask,
	EXISTENTIAL_DEPOSIT, MAX_BLOCK_LENGTH, MICRO_UNIT, MILLI_UNIT, SLOT_DURATION, UNIT, VERSION,
};
use codec::MaxEncodedLen;
use frame_support::{
	derive_impl,
	dispatch::DispatchClass,
	parameter_types,
	traits::{
		fungible::HoldConsideration, ConstBool, ConstU128, ConstU32, ConstU64, ConstU8,
		LinearStoragePrice, VariantCountOf,
	},
	weights::{constants::WEIGHT_REF_TIME_PER_SECOND, IdentityFee, Weight},
};
use frame_system::limits::{BlockLength, BlockWeights};
use pallet_transaction_payment::{ConstFeeMultiplier, FungibleAdapter, Multiplier};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_runtime::{traits::One, Perbill};
use sp_version::RuntimeVersion;

/// Three quarters of a block are for ordinary transactions; the rest is kept for
/// operational ones.
const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

parameter_types! {
	pub const BlockHashCount: BlockNumber = 2400;
	pub const Version: RuntimeVersion = VERSION;
	/// Two seconds of compute in a six-second block, three quarters of it for ordinary
	/// transactions (FRAME's sensible defaults), with the base weights of a block and of an
	/// extrinsic measured on the reference machine (`benchmark overhead`) instead of
	/// Parity's.
	pub RuntimeBlockWeights: BlockWeights = {
		let max_block = Weight::from_parts(2u64 * WEIGHT_REF_TIME_PER_SECOND, u64::MAX);
		let normal = NORMAL_DISPATCH_RATIO * max_block;
		BlockWeights::builder()
			.base_block(BlockExecutionWeight::get())
			.for_class(DispatchClass::all(), |class| class.base_extrinsic = ExtrinsicBaseWeight::get())
			.for_class(DispatchClass::Normal, |class| class.max_total = Some(normal))
			.for_class(DispatchClass::Operational, |class| {
				class.max_total = Some(max_block);
				class.reserved = Some(max_block - normal);
			})
			.avg_block_initialization(Perbill::from_percent(10))
			.build_or_panic()
	};
	/// Blocks of up to `MAX_BLOCK_LENGTH` (8 MiB); ordinary transactions fill at most three
	/// quarters.
	pub RuntimeBlockLength: BlockLength = BlockLength::builder()
		.max_length(MAX_BLOCK_LENGTH)
		.modify_max_length_for_class(DispatchClass::Normal, |max| *max = NORMAL_DISPATCH_RATIO * *max)
		.build();
	/// The generic Substrate address format.
	pub const SS58Prefix: u16 = 42;
}

#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type BlockHashCount = BlockHashCount;
	/// The node stores state in ParityDB: its read and write prices measured on the
	/// reference machine over a populated database (`scripts/bench-db-weights.sh`).
	type DbWeight = crate::weights::paritydb_weights::constants::ParityDbWeight;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	type SS58Prefix = SS58Prefix;
	type MaxConsumers = ConstU32<16>;
	/// Every call is available but the two that could stop governance or the chain
	/// (`governance::KeepsGoverning`): what could rewrite storage behind the pallets' backs
	/// needs Root, and no origin of this runtime is Root (see `crate::governance`).
	type BaseCallFilter = crate::governance::KeepsGoverning;
	/// System's calls and transaction checks, benchmarked on the reference machine and
	/// priced with this runtime's `DbWeight` (ParityDB), like every weight here (see
	/// `crate::weights`).
	type SystemWeightInfo = crate::weights::frame_system::WeightInfo<Runtime>;
	type ExtensionsWeightInfo = crate::weights::frame_system_extensions::WeightInfo<Runtime>;
}

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = ();
	type MaxAuthorities = ConstU32<32>;
	type AllowMultipleBlocksPerSlot = ConstBool<false>;
	type SlotDuration = pallet_aura::MinimumPeriodTimesTwo<Runtime>;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = ConstU32<32>;
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = ConstU64<0>;
	/// No equivocation reports: the validators are known institutions, chosen by vote.
	type KeyOwnerProof = sp_core::Void;
	type EquivocationReportSystem = ();
}

impl pallet_timestamp::Config for Runtime {
	/// Milliseconds since the Unix epoch.
	type Moment = u64;
	type OnTimestampSet = Aura;
	type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;
	type WeightInfo = crate::weights::pallet_timestamp::WeightInfo<Runtime>;
}

impl pallet_balances::Config for Runtime {
	type MaxLocks = ConstU32<50>;
	type MaxReserves = ();
	type ReserveIdentifier = [u8; 8];
	type Balance = Balance;
	type RuntimeEvent = RuntimeEvent;
	type DustRemoval = ();
	type ExistentialDeposit = ConstU128<EXISTENTIAL_DEPOSIT>;
	type AccountStore = frame_system::Pallet<Runtime>;
	type WeightInfo = crate::weights::pallet_balances::WeightInfo<Runtime>;
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type DoneSlashHandler = ();
}

parameter_types! {
	pub FeeMultiplier: Multiplier = Multiplier::one();
}

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type OnChargeTransaction = FungibleAdapter<Balances, ()>;
	type OperationalFeeMultiplier = ConstU8<5>;
	/// One planck per unit of weight: a typical call costs a few hundred micro-LOAN.
	type WeightToFee = IdentityFee<Balance>;
	/// One micro-LOAN per byte.
	type LengthToFee = frame_support::weights::ConstantMultiplier<Balance, ConstU128<MICRO_UNIT>>;
	type FeeMultiplierUpdate = ConstFeeMultiplier<FeeMultiplier>;
	type WeightInfo = crate::weights::pallet_transaction_payment::WeightInfo<Runtime>;
}

parameter_types! {
	/// One LOAN is held while an account has an identity record.
	pub const IdentityDeposit: Balance = UNIT;
	/// A rejected claim forfeits half its deposit: squatting on someone's hash costs half a
	/// LOAN every time a registrar turns it down.
	pub const RejectionPenalty: Perbill = Perbill::from_percent(50);
}

impl pallet_credit_identity::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type IdentityDeposit = IdentityDeposit;
	/// Two thirds of the institutions; the first registrars come from genesis.
	type RegistrarOrigin = crate::origins::TwoThirdsOfInstitutions;
	type MaxRegistrars = ConstU32<32>;
	type RejectionPenalty = RejectionPenalty;
	/// Three chain days for the account that holds an identity to object to its rebind
	/// (on the test chains, 90 seconds).
	type RebindDelay = ConstU32<3>;
	type BlocksPerDay = crate::time::BlocksPerDay;
	type LenderTokenPrice = LenderTokenPrice;
	type WeightInfo = pallet_credit_identity::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	/// A lender token pays for the private loan it will be spent on, priced as storage: the
	/// base and 4 KiB, what a loan at its largest stores (its record, details sealed in the
	/// largest size class, its envelopes and the lender's acts, which carry no fee) —
	/// 0.4196 LOAN.
	pub LenderTokenPrice: Balance = DepositBase::get() + DepositPerByte::get() * 4_096;
}

parameter_types! {
	/// A proposal waits three chain days for the counterparty (on the test chains' 5-block
	/// days, 90 seconds).
	pub const ProposalTtl: u32 = 3;
	/// A lender has a week of chain days to answer a paid request (on the test chains,
	/// three and a half minutes).
	pub const AccessDeadline: u32 = 7;
	pub const ProposalHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Loans(pallet_loans::HoldReason::ProposalDeposit);
	pub const RequestHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Loans(pallet_loans::HoldReason::RequestDeposit);
	/// What every stored item holds besides its bytes.
	pub const DepositBase: Balance = 10 * MILLI_UNIT;
	/// A tenth of a LOAN per kilobyte: a proposal with the documented details (about 600
	/// bytes stored) holds about 0.07 LOAN, the largest 0.25 LOAN, and a gigabyte of live
	/// proposals would hold 100 000 LOAN.
	pub const DepositPerByte: Balance = 100 * MICRO_UNIT;
}

/// A deposit of `DepositBase` plus `DepositPerByte` for every byte an item stores.
pub type StorageDeposit = LinearStoragePrice<DepositBase, DepositPerByte, Balance>;

parameter_types! {
	/// An inquiry burns what a deposit for its log entry's bytes would hold (37 bytes:
	/// 0.0137 LOAN): the entry is permanent, so nothing could be returned.
	pub InquiryFee: Balance = DepositBase::get()
		+ DepositPerByte::get() * pallet_loans::InquiryOf::<Runtime>::max_encoded_len() as Balance;
}

impl pallet_loans::Config for Runtime {
	type Identity = crate::CreditIdentity;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type AccessDeadline = AccessDeadline;
	type UnixTime = crate::Timestamp;
	/// 2 KiB of sealed terms: the documented details JSON takes a few hundred bytes.
	type MaxDetailsLen = ConstU32<2048>;
	type ProposalTtl = ProposalTtl;
	/// 1 024 prompts a block take at most ~0.15 s of the block hook (the `on_initialize`
	/// weight: ~8 % of a block): a million loans maturing in one block are all prompted
	/// within 977 blocks (scripts/bench-maturity.sh), and each counts as awaiting feedback
	/// from its maturity on whatever the backlog.
	type MaxMaturitiesPerBlock = ConstU32<1024>;
	/// A full block holds about 3 100 proposals (1.5 s of normal weight at ~0.49 ms
	/// each), so the expiry cursor keeps up with any load. Looking at 4 096 ids costs at
	/// most ~0.3 s of the block hook, when every one of them expired (the
	/// `expire_proposals` weight), and ~0.06 s when they were accepted.
	type MaxExpiryScanPerBlock = ConstU32<4096>;
	type MaxExtensions = ConstU32<16>;
	/// Thirty years.
	type MaxPeriodDays = ConstU32<10_950>;
	type ProposalConsideration =
		HoldConsideration<AccountId, Balances, ProposalHoldReason, StorageDeposit>;
	type RequestConsideration =
		HoldConsideration<AccountId, Balances, RequestHoldReason, StorageDeposit>;
	type DepositBase = DepositBase;
	type DepositPerByte = DepositPerByte;
	/// Publishing a loan refunds at most this many open requests in one call.
	type MaxOpenRequests = ConstU32<32>;
	/// Signatures of every scheme polkadot.js apps and browser wallets produce.
	type ConsentSignature = crate::Signature;
	/// Two chain days: a company collects its customer's signature and submits within
	/// minutes; the chain remembers a used consent at most this long.
	type MaxConsentDays = ConstU32<2>;
	/// More than a full block of `record`s or `inquire`s (about 4 000 in batches):
	/// forgetting keeps up with any load.
	type MaxConsentExpiriesPerBlock = ConstU32<8192>;
	type InquiryFee = InquiryFee;
	type LenderTokens = crate::CreditIdentity;
	/// A private lender's acts on one loan: a conclusion, disclosures and a few dozen
	/// grants; what the lender token's price pays for (`LenderTokenPrice`).
	type MaxLenderActs = ConstU32<32>;
	// A company's hundred loans in one general transaction: about 30 ms of weight and, with
	// typical details, 110 kB of a block's 3.75 MB for ordinary transactions.
	type MaxPrivateBatch = ConstU32<100>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ConsentSigner;
	type WeightInfo = pallet_loans::weights::SubstrateWeight<Runtime>;
}

/// Signs consents for the benchmarks of `Loans::record` with sr25519 keys from the
/// benchmark's keystore.
#[cfg(feature = "runtime-benchmarks")]
pub struct ConsentSigner;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_loans::BenchmarkHelper<AccountId, crate::Signature> for ConsentSigner {
	fn signer(seed: u32) -> AccountId {
		let seed = alloc::format!("//Consent{seed}").into_bytes();
		let public = sp_io::crypto::sr25519_generate(CONSENT_KEY_TYPE, Some(seed));
		sp_runtime::traits::IdentifyAccount::into_account(sp_runtime::MultiSigner::from(public))
	}
	fn sign(signer: &AccountId, message: &[u8]) -> crate::Signature {
		let public = sp_core::sr25519::Public::from_raw(*signer.as_ref());
		sp_io::crypto::sr25519_sign(CONSENT_KEY_TYPE, &public, message)
			.expect("the key was generated in this keystore")
			.into()
	}
}

#[cfg(feature = "runtime-benchmarks")]
const CONSENT_KEY_TYPE: sp_core::crypto::KeyTypeId = sp_core::crypto::KeyTypeId(*b"cnst");

/// Batches of calls, each dispatched with the caller's own origin: a company records many
/// loans in one `batch_all`. Its Root-only calls (`dispatch_as`, `with_weight`, …) are out of
/// everyone's reach, as every Root-only call here (see [`crate::governance`]).
impl pallet_utility::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type PalletsOrigin = crate::OriginCaller;
	type WeightInfo = crate::weights::pallet_utility::WeightInfo<Runtime>;
}
