//! # Loanchain runtime
//!
//! The state transition function of Loanchain: Aura block production, GRANDPA finality,
//! balances and fees in `LOAN` (12 decimals), and the credit pallets — identities
//! verified by registrars (`CreditIdentity`) and, built on them, the loan record.
//!
//! The record is permanent: the credit pallets accept only signed origins, and there is no
//! sudo. The participating institutions govern by two-thirds motions, and what a motion
//! can reach is a closed list (see [`governance`]); a runtime upgrade is public and
//! delayed.
//!
//! Modules: [`configs`] (pallet configuration), [`governance`] (the institutions, the
//! validator set, upgrades), [`apis`] (runtime APIs), [`genesis`] (the presets).

#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime` and `impl_runtime_apis` expand to very deep types.
#![recursion_limit = "256"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

// The runtime macros expect `Vec` in scope in `no_std` builds.
use alloc::vec::Vec;

#[cfg(feature = "runtime-benchmarks")]
#[macro_use]
mod benchmarks;
pub mod apis;
pub mod configs;
pub mod genesis;
pub mod governance;
pub mod origins;
#[cfg(test)]
mod tests;
pub mod time;
pub mod weights;

use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature,
};
use sp_version::{runtime_version, RuntimeVersion};

pub use pallet_credit_identity;
pub use pallet_loans;

/// Declares [`VERSION`] with `spec_version` `$spec_version`. `#[runtime_version]` reads the
/// literal to write the wasm's version section, which `system.setCode` and the node read.
macro_rules! runtime_version_with_spec {
	($spec_version:tt) => {
		/// The version of this runtime. Bump `spec_version` with every change of behaviour,
		/// and `transaction_version` when the encoding of calls or extensions changes.
		#[runtime_version]
		pub const VERSION: RuntimeVersion = RuntimeVersion {
			spec_name: alloc::borrow::Cow::Borrowed("loanchain"),
			impl_name: alloc::borrow::Cow::Borrowed("loanchain"),
			authoring_version: 1,
			spec_version: $spec_version,
			impl_version: 1,
			apis: apis::RUNTIME_API_VERSIONS,
			transaction_version: 3,
			system_version: 1,
		};
	};
}

#[cfg(not(feature = "upgrade-test"))]
runtime_version_with_spec!(101);
// The same runtime one version up: what the end-to-end upgrade test upgrades to
// (`scripts/build-upgrade-runtime.sh`). Never a release.
#[cfg(feature = "upgrade-test")]
runtime_version_with_spec!(102);

/// Target block time. Aura slots are this long; GRANDPA finalizes a few blocks behind.
pub const MILLI_SECS_PER_BLOCK: u64 = 6000;
/// Aura's slot duration: one block per slot.
pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;

/// The token is `LOAN` with 12 decimals: one `UNIT` is 10^12 plancks.
pub const TOKEN_SYMBOL: &str = "LOAN";
/// Decimals of `LOAN`.
pub const TOKEN_DECIMALS: u8 = 12;
/// One LOAN.
pub const UNIT: Balance = 1_000_000_000_000;
/// A thousandth of a LOAN.
pub const MILLI_UNIT: Balance = UNIT / 1_000;
/// A millionth of a LOAN.
pub const MICRO_UNIT: Balance = UNIT / 1_000_000;
/// The least an account may hold.
pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_UNIT;

/// The most bytes a block's extrinsics may take: 8 MiB, three quarters of it for ordinary
/// transactions (`RuntimeBlockLength`). Sized so that the weight, not the length, bounds a
/// block of the largest ordinary records: 6 MiB holds about 5 000 private records of
/// about 1 260 bytes (a 256-byte RSA token, details with the lender's statement), and the
/// 1.5 s of ordinary weight about 6 000 (docs/performance.md). The node builds blocks up to
/// it (its block builder's own default is 4 MiB).
pub const MAX_BLOCK_LENGTH: u32 = 8 * 1024 * 1024;

/// A block number.
pub type BlockNumber = u32;
/// Signatures: sr25519, ed25519 or ecdsa, as polkadot.js apps produces them.
pub type Signature = MultiSignature;
/// An account is identified by the public key of its signing scheme.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
/// A balance, in plancks.
pub type Balance = u128;
/// A transaction counter.
pub type Nonce = u32;
/// The hash of blocks and tries.
pub type Hash = sp_core::H256;
/// How an account is addressed in calls.
pub type Address = MultiAddress<AccountId, ()>;
/// The block header.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// The block.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;

/// The checks every transaction passes, in this order.
pub type TxExtension = (
	// First, so that the rest see its origin: admits a general transaction (extrinsic v5,
	// no signer) whose call authorises itself — a private lender's `Loans.record_private`
	// and `Loans.act_as_lender` — and dispatches it with the `Authorized` origin. No fee
	// is charged and no nonce kept for it: no account signs it.
	frame_system::AuthorizeCall<Runtime>,
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
	// Lets a wallet sign against the metadata hash (RFC 78), so that Ledger's generic app
	// and the polkadot.js extension can show the call they sign. Mode `Disabled` (what
	// clients send by default) signs as before.
	frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);

/// An extrinsic as it arrives from clients.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
/// What a transaction's signature covers.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// The extensions at the values a client sends with no tip, no metadata hash and an
/// immortal era, with nonce `nonce`: what [`general_transaction`] sends (nonce 0, nobody's
/// account) and what `loanctl` signs for an account's own transactions. One definition, so
/// that the tuple's order and values are written once for the runtime and its clients.
pub fn transaction_extension(nonce: Nonce) -> TxExtension {
	(
		frame_system::AuthorizeCall::new(),
		frame_system::CheckNonZeroSender::new(),
		frame_system::CheckSpecVersion::new(),
		frame_system::CheckTxVersion::new(),
		frame_system::CheckGenesis::new(),
		frame_system::CheckEra::from(sp_runtime::generic::Era::Immortal),
		frame_system::CheckNonce::from(nonce),
		frame_system::CheckWeight::new(),
		pallet_transaction_payment::ChargeTransactionPayment::from(0),
		frame_metadata_hash_extension::CheckMetadataHash::new(false),
		frame_system::WeightReclaim::new(),
	)
}

/// `call` as a general transaction (extrinsic v5, no signer): how a private lender's
/// `Loans.record_private`, `record_private_batch` and `act_as_lender` reach the chain. The
/// extensions are [`transaction_extension`]`(0)` — immortal, nonce 0, no tip, no metadata
/// hash — and only `AuthorizeCall` acts on it: the call authorises itself. `loanctl` builds
/// its general transactions with this.
pub fn general_transaction(call: RuntimeCall) -> UncheckedExtrinsic {
	UncheckedExtrinsic::new_transaction(call, transaction_extension(0))
}

/// Migrations to run on the next runtime upgrade, beyond the pallets' own.
type Migrations = (pallet_credit_identity::migrations::v2::MigrateV1ToV2<Runtime>,);

/// Dispatches extrinsics to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

/// Types the node uses without knowing the runtime's concrete extrinsic format.
pub mod opaque {
	use super::*;
	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Opaque block header.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// Opaque block hash.
	pub type Hash = <BlakeTwo256 as sp_runtime::traits::Hash>::Output;
}

impl_opaque_keys! {
	/// The keys a validator holds: Aura for producing blocks, GRANDPA for finalizing them.
	pub struct SessionKeys {
		pub aura: Aura,
		pub grandpa: Grandpa,
	}
}

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;

	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;

	#[runtime::pallet_index(2)]
	pub type Aura = pallet_aura;

	#[runtime::pallet_index(3)]
	pub type Grandpa = pallet_grandpa;

	#[runtime::pallet_index(4)]
	pub type Balances = pallet_balances;

	#[runtime::pallet_index(5)]
	pub type TransactionPayment = pallet_transaction_payment;

	#[runtime::pallet_index(6)]
	pub type Session = pallet_session;

	#[runtime::pallet_index(7)]
	pub type ValidatorSet = pallet_validator_set;

	#[runtime::pallet_index(8)]
	pub type Institutions = pallet_collective<Instance1>;

	#[runtime::pallet_index(9)]
	pub type InstitutionsMembership = pallet_membership<Instance1>;

	#[runtime::pallet_index(10)]
	pub type CreditIdentity = pallet_credit_identity;

	#[runtime::pallet_index(11)]
	pub type Loans = pallet_loans;

	#[runtime::pallet_index(12)]
	pub type Upgrades = pallet_upgrade_delay;

	#[runtime::pallet_index(13)]
	pub type Utility = pallet_utility;
}
