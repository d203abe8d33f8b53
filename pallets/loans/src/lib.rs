//! # Loans pallet
//!
//! The permanent record of loan contracts and how they were performed. A loan takes effect
//! only when both parties have signed: in one transaction ([`Pallet::record`]) that carries
//! the counterparty's signature over the terms (its consent, see [`consent_hash`]), or
//! proposed by one party and co-signed by the other over exactly the proposal the proposer
//! stored (its [`proposal_hash`]: chain, loan id, parties, roles, period and sealed terms). At maturity the pallet prompts the lender (`FeedbackDue`); the
//! lender may extend (the borrower confirms again) and finally concludes with a sealed
//! outcome — performed normally or breached. A record that took effect is never deleted and
//! never changed except by these transitions; no call accepts Root.
//!
//! ```text
//!   record (with the consent) ───────┐
//!                                    ▼
//!   propose ──▶ Proposed ──accept──▶ Active ──(maturity)──▶ AwaitingFeedback
//!                  │                  │  ▲                      │      │
//!   withdraw /     │                  │  └─confirm_extension─┐  │      │
//!   decline /      │                  │                         │  │      │
//!   expiry         ▼                  └──propose_extension──▶ ExtensionProposed
//!              (removed)              conclude (from Active, AwaitingFeedback or
//!                                     ExtensionProposed) ──▶ Concluded
//! ```
//!
//! `decline_extension` takes `ExtensionProposed` back to `Active` (or `AwaitingFeedback`, once
//! the maturity was processed) with the maturity it had.
//!
//! The parties of a loan are identities (id_hashes), not accounts. "The lender" and "the
//! borrower" are whichever accounts hold those identities *now* (`VerifiedIdentity::
//! account_of`): after a registrar moves an identity to a new account — the way back for a
//! person whose key was lost or stolen — the new account acts for every loan of that
//! identity and receives its payments, and the old account can do nothing with them.
//!
//! Terms and outcome are sealed (see `loanchain_sealing`); the chain stores ciphertext,
//! nonces and one key envelope per party, and learns nothing of the plaintext unless the
//! lender publishes the content key.
//!
//! ## Interface
//!
//! - [`Pallet::record`]: a verified party records a loan with the counterparty's consent,
//!   signed off chain → `Active` at once; the counterparty pays nothing.
//! - [`Pallet::propose`]: a verified party proposes a loan to a verified counterparty.
//! - [`Pallet::accept`]: the counterparty co-signs → `Active`.
//! - [`Pallet::withdraw`]: the proposer takes back an unaccepted proposal;
//!   [`Pallet::decline`]: the counterparty refuses it.
//! - [`Pallet::propose_extension`], [`Pallet::confirm_extension`],
//!   [`Pallet::decline_extension`]: lender offers more days, borrower confirms or declines.
//! - [`Pallet::conclude`]: the lender records the sealed outcome and the disclosure level.
//! - [`Pallet::set_disclosure`]: the lender opens the details further (encrypted → paid →
//!   public).
//! - [`Pallet::request_access`], [`Pallet::grant_access`], [`Pallet::decline_access`],
//!   [`Pallet::reclaim`]: access to sealed details, free on request or paid through an
//!   escrow held by this pallet.
//! - [`Pallet::record_private`], [`Pallet::record_private_batch`]: a private lender records
//!   loans with a lender token and a per-loan key, in general transactions no account signs
//!   or pays; [`Pallet::act_as_lender`]: its later acts, signed by that key — among them a
//!   sealed extension offer, which the borrower confirms by its hash
//!   ([`Pallet::confirm_sealed_extension`]) or declines ([`Pallet::decline_extension`]).
//!
//! Maturities are kept in an agenda by block number and processed in `on_initialize`, at
//! most `MaxMaturitiesPerBlock` a block; what does not fit rolls over to the next block, in
//! order, and nothing is lost. A running loan past its maturity counts as awaiting feedback
//! at once — `conclude` and extensions take it, and `loan_view` reports it so — whether or
//! not its prompt (`FeedbackDue`) is out yet: no number of loans maturing together delays
//! anyone's record, only the prompts.
//!
//! Proposals need no agenda: every proposal waits the same `ProposalTtl`, so they expire in
//! loan id order. `on_initialize` walks a cursor over loan ids (`ExpiryCursor`), removing
//! the proposals whose time ran out and stepping over loans that were accepted or
//! withdrawn, at most `MaxExpiryScanPerBlock` ids a block. `accept` refuses an expired
//! proposal at once, whether or not the cursor has reached it yet.
//!
//! ## Where the code is
//!
//! This file holds the configuration, storage, events, errors, the block hook and the calls;
//! each call checks its origin and hands over to a `do_*` function in `features/`, one file
//! a concern: `lifecycle` (propose, accept, withdraw, record, extensions, conclude),
//! `consent` (the counterparty's signature and the consents used), `disclosure`, `access`
//! (the paid-access market and the inquiry log), `inquiry` (looking a borrower up with their
//! consent), `private` (private lenders' records and acts), `sealed_extensions` (a private
//! lender's extensions), `schedule` (chain days, maturities, expiry), `queries` (what the
//! runtime API reads) and `invariants` (`try_state`).
//!
//! ## Storage, and the queries it serves
//!
//! - `Loans`: loan by id.
//! - `BorrowerLoans`: a borrower's loans that took effect, by id_hash then loan id — a
//!   borrower's history without scanning all loans, paged by loan id.
//! - `LenderLoans`: the same for public lenders.
//! - `LenderKeys`: the loan each private lender's per-loan key serves (a key serves one);
//!   `SealedExtensions`: a private lender's loan's extensions, their days sealed.
//! - `Agenda`, `AgendaCursor`: the maturities due at each block.
//! - `ExpiryCursor`: the oldest loan id that may still be a pending proposal.
//! - `ProposalDeposits`: who paid each pending proposal's deposit, and its ticket;
//!   `PendingProposals`: how many there are.
//! - `Inquiries`, `InquiryCount`: each borrower's append-only log of the inquiries made
//!   with their consent (`inquire`), paged by entry index.
//! - `UsedConsents`, `ConsentCursor`: the consents `record` and `inquire` used, until their deadline has
//!   passed, so that none is used twice; the hook forgets them at most
//!   `MaxConsentExpiriesPerBlock` a block.
//! - `AccessRequests`, `AccessLogLength`: each loan's append-only inquiry log, paged by
//!   entry index; `OpenRequests`, `OpenRequestCount`: each viewer's open request and its
//!   deposit, at most `MaxOpenRequests` a loan; `AccessGrants`: envelopes for viewers.
//!
//! ## Deposits
//!
//! Whatever a user adds to state is paid for while it is there, through the SDK's
//! `Consideration` (holds): a proposal holds `ProposalConsideration` for the bytes it stores
//! until it is accepted, withdrawn or expires; an access request holds
//! `RequestConsideration` until it is answered or reclaimed. A loan that took effect holds
//! nothing: it is the permanent record. An inquiry's log entry is permanent too; the
//! inquirer burns `InquiryFee` for it.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(test)]
mod access_tests;
#[cfg(test)]
mod authority_tests;
#[cfg(test)]
mod fuzz_tests;
#[cfg(test)]
mod inquiry_tests;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod private_tests;
#[cfg(test)]
mod record_tests;
#[cfg(test)]
mod tests;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod features;
#[cfg(any(feature = "runtime-benchmarks", test))]
mod lender_token_fixtures;
pub mod types;

pub use features::consent;
pub mod weights;

pub use types::*;
pub use weights::WeightInfo;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Inspect, Mutate, MutateHold},
			Consideration, Footprint, UnixTime,
		},
	};
	use frame_system::pallet_prelude::*;
	use loanchain_primitives::{LenderTokens, VerifiedIdentity};
	use sp_runtime::traits::{IdentifyAccount, Verify};

	pub type BalanceOf<T> =
		<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

	/// A loan record as this runtime stores it.
	pub type LoanOf<T> = Loan<
		<T as frame_system::Config>::AccountId,
		BlockNumberFor<T>,
		BalanceOf<T>,
		<T as Config>::MaxDetailsLen,
		<T as Config>::MaxExtensions,
	>;

	/// An entry of the inquiry log as this runtime stores it.
	pub type AccessRequestOf<T> =
		AccessRequest<<T as frame_system::Config>::AccountId, BlockNumberFor<T>, BalanceOf<T>>;

	/// A counterparty's consent as `record` takes it.
	pub type ConsentOf<T> = Consent<BlockNumberFor<T>, <T as Config>::ConsentSignature>;

	/// A borrower's consent to one inquiry as `inquire` takes it.
	pub type InquiryConsentOf<T> =
		InquiryConsent<BlockNumberFor<T>, <T as Config>::ConsentSignature>;

	/// An entry of a borrower's inquiry log as this runtime stores it.
	pub type InquiryOf<T> = Inquiry<BlockNumberFor<T>>;

	/// A private lender's credential as `record_private` takes it.
	pub type LenderCredentialOf<T> = LenderCredential<<T as frame_system::Config>::AccountId>;

	/// A private lender's credential as `record_private` takes it: boxed, so that the call
	/// enum stays the size of its common calls.
	pub type BoxedCredentialOf<T> = alloc::boxed::Box<LenderCredentialOf<T>>;

	/// One loan of a `record_private_batch` as this runtime takes it.
	pub type PrivateRecordOf<T> =
		PrivateRecord<<T as frame_system::Config>::AccountId, ConsentOf<T>>;

	/// The loans of a `record_private_batch`.
	pub type PrivateBatchOf<T> = BoundedVec<PrivateRecordOf<T>, <T as Config>::MaxPrivateBatch>;

	/// The extensions of a private lender's loan, as `SealedExtensions` keeps them.
	pub type SealedExtensionsOf<T> =
		BoundedVec<PrivateExtension<BlockNumberFor<T>>, <T as Config>::MaxExtensions>;

	/// A private lender's act as `act_as_lender` takes it.
	pub type LenderActOf<T> = LenderAct<<T as frame_system::Config>::AccountId, BalanceOf<T>>;

	/// A viewer's open request as this runtime stores it.
	pub type OpenRequestOf<T> = OpenRequest<<T as Config>::RequestConsideration>;

	/// The most deadlines the hook looks at in one block for used consents to forget.
	pub const MAX_CONSENT_STEPS: u32 = 64;

	/// The blocks in a day of the production chains (6-second blocks).
	pub const DEFAULT_BLOCKS_PER_DAY: u32 = 14_400;

	/// The layout of this pallet's storage. No chain has run an earlier layout, so there is
	/// no migration yet; the next change of layout bumps it and ships one, and the
	/// runtime's `try-runtime` checks (`scripts/try-runtime.sh`) compare it with the chain's.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Who is verified, with which id_hash: the identity pallet.
		type Identity: VerifiedIdentity<Self::AccountId>;

		/// The currency of paid access; the price is held from the viewer until the lender
		/// answers.
		type Currency: Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// How long the lender has to answer a paid request before the viewer may take the
		/// payment back, in chain days (`BlocksPerDay` blocks each).
		#[pallet::constant]
		type AccessDeadline: Get<u32>;

		/// Wall-clock time, for the time a loan took effect.
		type UnixTime: UnixTime;

		/// The longest sealed details, in bytes of ciphertext (tag included).
		#[pallet::constant]
		type MaxDetailsLen: Get<u32>;

		/// How long a proposal waits for the counterparty, in chain days (`BlocksPerDay`
		/// blocks each).
		#[pallet::constant]
		type ProposalTtl: Get<u32>;

		/// The most maturities processed (prompts emitted) in one block: it bounds the share
		/// of each block the prompts take. A loan past its maturity counts as awaiting
		/// feedback at once, so a backlog of prompts delays only the prompts.
		#[pallet::constant]
		type MaxMaturitiesPerBlock: Get<u32>;

		/// The most loan ids the proposal-expiry cursor looks at in one block (each one is
		/// stepped over or, if its proposal ran out of time, removed). It must exceed the
		/// most proposals a block can hold, so that the cursor keeps up with any load.
		#[pallet::constant]
		type MaxExpiryScanPerBlock: Get<u32>;

		/// The most extensions one loan can have.
		#[pallet::constant]
		type MaxExtensions: Get<u32>;

		/// The longest period, and the longest extension, in days.
		#[pallet::constant]
		type MaxPeriodDays: Get<u32>;

		/// The deposit a proposal holds from its proposer, priced by the bytes it stores,
		/// until it is accepted, withdrawn or expires: live proposals cost their proposer,
		/// not the chain.
		type ProposalConsideration: Consideration<Self::AccountId, Footprint>;

		/// The deposit an access request holds from the viewer until the lender answers it,
		/// the viewer reclaims it or the loan becomes public.
		type RequestConsideration: Consideration<Self::AccountId, Footprint>;

		/// What every proposal and access request holds besides its bytes: the
		/// `ProposalDeposit` and the `RequestDeposit` are `DepositBase + DepositPerByte ×` the
		/// bytes the item stores (its SCALE encoding), so that a wallet can show a call's
		/// hold before it is signed. The two considerations above must price with these
		/// (the runtime's tests check that they do).
		#[pallet::constant]
		type DepositBase: Get<BalanceOf<Self>>;

		/// What a proposal or request holds per byte it stores; see `DepositBase`.
		#[pallet::constant]
		type DepositPerByte: Get<BalanceOf<Self>>;

		/// The most requests one loan can have open at once. Publishing a loan refunds every
		/// open request in the same call, so this bounds its weight.
		#[pallet::constant]
		type MaxOpenRequests: Get<u32>;

		/// The signatures a consent to `record` may carry, and how they name their signer:
		/// `MultiSignature` in the runtime (sr25519, ed25519 or ecdsa).
		type ConsentSignature: Verify<Signer: IdentifyAccount<AccountId = Self::AccountId>>
			+ Parameter;

		/// How far ahead a consent's deadline may be, in chain days: it bounds how long the
		/// chain remembers a used consent (`UsedConsents`).
		#[pallet::constant]
		type MaxConsentDays: Get<u32>;

		/// The most used consents forgotten in one block once their deadline has passed. It
		/// must exceed the most loans a block can record, so that forgetting keeps up.
		#[pallet::constant]
		type MaxConsentExpiriesPerBlock: Get<u32>;

		/// What an inquiry burns from the inquirer (`inquire`): its log entry is permanent, so
		/// no deposit could ever return. The runtime prices it as a deposit for the entry's
		/// bytes (`DepositBase + DepositPerByte ×` its size).
		#[pallet::constant]
		type InquiryFee: Get<BalanceOf<Self>>;

		/// The lender tokens of the registrars (the identity pallet): the credential a
		/// private lender's per-loan key carries (`record_private`).
		type LenderTokens: LenderTokens<Self::AccountId>;

		/// The most acts a private lender can make on one loan (`act_as_lender`). Its acts
		/// pay no fee — the lender token paid for them — so this bounds what one token buys.
		#[pallet::constant]
		type MaxLenderActs: Get<u32>;

		/// The most loans one `record_private_batch` records.
		#[pallet::constant]
		type MaxPrivateBatch: Get<u32>;

		/// Signs consents for the benchmarks of `record`.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId, Self::ConsentSignature>;

		/// Weights of this pallet's calls and hooks.
		type WeightInfo: WeightInfo;
	}

	/// What the benchmarks of `record` need from the runtime: accounts that can sign.
	#[cfg(feature = "runtime-benchmarks")]
	pub trait BenchmarkHelper<AccountId, Signature> {
		/// A new account, numbered `seed`, whose key the helper holds.
		fn signer(seed: u32) -> AccountId;
		/// `signer`'s signature over `message`, as it is.
		fn sign(signer: &AccountId, message: &[u8]) -> Signature;
	}

	/// Why this pallet holds funds. The indexes are pinned: a hold on chain is stored with its
	/// reason's index, so reordering the variants must not relabel existing holds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The price of paid access, in escrow until the lender answers.
		#[codec(index = 0)]
		AccessPayment,
		/// The deposit of a proposal, until it is accepted, withdrawn or expires.
		#[codec(index = 1)]
		ProposalDeposit,
		/// The deposit of an access request, until it is answered or reclaimed.
		#[codec(index = 2)]
		RequestDeposit,
	}

	/// The id the next proposal gets.
	///
	/// Whitelisted for benchmarks: every proposal in a block writes this one key, yet the
	/// database reads it and commits it once per block. `on_initialize` reads it anyway (the
	/// expiry cursor stops there) and pays that one read and one write for the whole block,
	/// so a proposal pays only its in-memory work.
	#[pallet::storage]
	#[pallet::whitelist_storage]
	pub type NextLoanId<T> = StorageValue<_, LoanId, ValueQuery>;

	/// Every loan, proposed or in effect.
	///
	/// Twox64Concat: loan ids are assigned by the pallet in sequence, not chosen by users.
	#[pallet::storage]
	pub type Loans<T: Config> = StorageMap<_, Twox64Concat, LoanId, LoanOf<T>, OptionQuery>;

	/// The loans that took effect, by borrower id_hash: a borrower's credit history.
	///
	/// Blake2_128Concat on the id_hash: any 32 bytes can be registered as one, so it is
	/// user-controlled. Identity on the loan key (the loan id, big-endian): ids are assigned
	/// by the pallet in sequence, so no user can unbalance the trie with them, and unhashed
	/// big-endian keys iterate in loan id order, which is what makes paging by id work.
	///
	/// The value is the loan's public summary line (when, and how its details can be had),
	/// so that `borrower_summary` reads this map alone (see [`HistoryEntry`]).
	#[pallet::storage]
	pub type BorrowerLoans<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		IdHash,
		Identity,
		LoanKey,
		HistoryEntry<BalanceOf<T>>,
		OptionQuery,
	>;

	/// The loan of each per-loan key of a private lender: a key serves one loan, once (so a
	/// lender token, which certifies one key, is spent once), and a lender's client finds
	/// its loans by the keys it derived.
	///
	/// Blake2_128Concat: the key is chosen by the lender.
	#[pallet::storage]
	pub type LenderKeys<T> = StorageMap<_, Blake2_128Concat, LenderKey, LoanId, OptionQuery>;

	/// The loans that took effect, by lender id_hash (hashers as for `BorrowerLoans`).
	/// The extensions of private lenders' loans: each offer sealed under its loan's content
	/// key, with when it was offered and confirmed; the last may wait for the borrower. A
	/// public lender's extensions are in its loan (`Loan::extensions`). Paid for by the
	/// lender token, as the loan's other acts; at most `MaxExtensions` a loan.
	///
	/// Twox64Concat: loan ids come from the chain.
	#[pallet::storage]
	pub type SealedExtensions<T: Config> =
		StorageMap<_, Twox64Concat, LoanId, SealedExtensionsOf<T>, ValueQuery>;

	#[pallet::storage]
	pub type LenderLoans<T> =
		StorageDoubleMap<_, Blake2_128Concat, IdHash, Identity, LoanKey, (), OptionQuery>;

	/// The loans that mature at each block.
	///
	/// Twox64Concat on both keys: block numbers and loan ids come from the chain.
	#[pallet::storage]
	pub type Agenda<T: Config> =
		StorageDoubleMap<_, Twox64Concat, BlockNumberFor<T>, Twox64Concat, LoanId, (), OptionQuery>;

	/// The earliest block whose agenda may still hold entries. `None` until the first block
	/// is processed.
	#[pallet::storage]
	pub type AgendaCursor<T: Config> = StorageValue<_, BlockNumberFor<T>, OptionQuery>;

	/// The oldest loan id that may still be a pending proposal: every id below it was
	/// accepted, withdrawn or expired. Proposals expire in id order because they all wait
	/// `ProposalTtl`, so the cursor stops at the first proposal whose time has not run out.
	#[pallet::storage]
	pub type ExpiryCursor<T> = StorageValue<_, LoanId, ValueQuery>;

	/// How many proposals are pending. While there are none, the expiry cursor jumps to
	/// `NextLoanId` instead of stepping over every loan recorded in one transaction.
	///
	/// Whitelisted for benchmarks, as `NextLoanId`: one hot key that `on_initialize` reads
	/// each block and pays one commit of for the whole block.
	#[pallet::storage]
	#[pallet::whitelist_storage]
	pub type PendingProposals<T> = StorageValue<_, u32, ValueQuery>;

	/// The consents `record` has used, by deadline, so that none is used twice. An entry
	/// is forgotten once its deadline has passed (an expired consent is refused anyway), at
	/// most `MaxConsentExpiriesPerBlock` a block, so the map holds at most the consents
	/// of the last `MaxConsentDays`.
	///
	/// Twox64Concat on the deadline: a block number, bounded by the chain. Identity on the
	/// consent hash: a blake2-256 digest, which no user can steer to unbalance the trie.
	#[pallet::storage]
	pub type UsedConsents<T: Config> =
		StorageDoubleMap<_, Twox64Concat, BlockNumberFor<T>, Identity, [u8; 32], (), OptionQuery>;

	/// The earliest deadline whose used consents may still be remembered: every consent in
	/// `UsedConsents` has a deadline at or after it.
	#[pallet::storage]
	pub type ConsentCursor<T: Config> = StorageValue<_, BlockNumberFor<T>, ValueQuery>;

	/// Who holds the deposit of each pending proposal, and its ticket. Removed when the
	/// proposal is accepted, withdrawn or expires, and the deposit released to the account
	/// that paid it (which, after a rebind, may no longer be the proposer).
	///
	/// Twox64Concat: loan ids come from the chain.
	#[pallet::storage]
	pub type ProposalDeposits<T: Config> =
		StorageMap<_, Twox64Concat, LoanId, (T::AccountId, T::ProposalConsideration), OptionQuery>;

	/// Each loan's inquiry log: who asked for access, when, and the answer. Append-only:
	/// asking again adds an entry, and an answer only closes its entry.
	///
	/// Twox64Concat on both keys: loan ids and entry indexes come from the chain.
	#[pallet::storage]
	pub type AccessRequests<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		LoanId,
		Twox64Concat,
		RequestIndex,
		AccessRequestOf<T>,
		OptionQuery,
	>;

	/// How many entries each loan's inquiry log has: the index of the next one.
	#[pallet::storage]
	pub type AccessLogLength<T> = StorageMap<_, Twox64Concat, LoanId, RequestIndex, ValueQuery>;

	/// Each viewer's open request on a loan: its entry in the log and its deposit.
	///
	/// Twox64Concat on the loan id (from the chain); Blake2_128Concat on the viewer's
	/// account (user-chosen).
	#[pallet::storage]
	pub type OpenRequests<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		LoanId,
		Blake2_128Concat,
		T::AccountId,
		OpenRequestOf<T>,
		OptionQuery,
	>;

	/// How many requests each loan has open, at most `MaxOpenRequests`.
	#[pallet::storage]
	pub type OpenRequestCount<T> = StorageMap<_, Twox64Concat, LoanId, u32, ValueQuery>;

	/// The content key of a loan sealed to a viewer's registered X25519 key, stored by the
	/// lender (hashers as for `AccessRequests`).
	#[pallet::storage]
	pub type AccessGrants<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		LoanId,
		Blake2_128Concat,
		T::AccountId,
		Envelope,
		OptionQuery,
	>;

	/// Each borrower's inquiry log: who looked them up with their consent (`inquire`), when
	/// and why. Append-only: nothing removes or changes an entry.
	///
	/// Blake2_128Concat on the borrower's id_hash (user-controlled, as for `BorrowerLoans`);
	/// Twox64Concat on the entry's index (from the chain).
	#[pallet::storage]
	pub type Inquiries<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, IdHash, Twox64Concat, u32, InquiryOf<T>, OptionQuery>;

	/// How many entries each borrower's inquiry log has: the index of the next one.
	#[pallet::storage]
	pub type InquiryCount<T> = StorageMap<_, Blake2_128Concat, IdHash, u32, ValueQuery>;

	/// How many blocks make a day. From the genesis config: a few on dev chains, so that a
	/// loan matures within a minute; 14 400 on production chains.
	///
	/// Whitelisted for benchmarks: every loan call of a block reads it, the database once;
	/// the hook pays that read for the whole block.
	#[pallet::storage]
	#[pallet::whitelist_storage]
	pub type BlocksPerDay<T> = StorageValue<_, u32, ValueQuery, DefaultBlocksPerDay>;

	#[pallet::type_value]
	pub fn DefaultBlocksPerDay() -> u32 {
		DEFAULT_BLOCKS_PER_DAY
	}

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Blocks per day; 0 means the production default (14 400).
		pub blocks_per_day: u32,
		#[serde(skip)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			if self.blocks_per_day > 0 {
				BlocksPerDay::<T>::put(self.blocks_per_day);
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A loan was proposed; the other party has until `expires_at` to accept.
		LoanProposed {
			loan_id: LoanId,
			lender: T::AccountId,
			borrower: T::AccountId,
			proposer: Role,
			expires_at: BlockNumberFor<T>,
		},
		/// Both parties have signed: the loan took effect.
		LoanActivated { loan_id: LoanId, maturity: BlockNumberFor<T> },
		/// A loan both parties signed was recorded in one transaction and took effect;
		/// `submitter` is the role of the party who submitted it.
		LoanRecorded {
			loan_id: LoanId,
			lender: T::AccountId,
			borrower: T::AccountId,
			submitter: Role,
			maturity: BlockNumberFor<T>,
		},
		/// A private lender recorded a loan with the borrower's consent; it took effect. Who
		/// lent is in the sealed details only.
		PrivateLoanRecorded { loan_id: LoanId, borrower: T::AccountId },
		/// A private lender's act (`act_as_lender`) failed with `error`; it used its index
		/// all the same, and changed nothing else.
		LenderActFailed { loan_id: LoanId, act_index: u32, error: DispatchError },
		/// The proposer withdrew the proposal; it was removed.
		ProposalWithdrawn { loan_id: LoanId },
		/// The counterparty declined the proposal; it was removed.
		ProposalDeclined { loan_id: LoanId },
		/// Nobody accepted the proposal in time; it was removed.
		ProposalExpired { loan_id: LoanId },
		/// The loan matured: the lender is asked for feedback.
		FeedbackDue { loan_id: LoanId, lender: T::AccountId },
		/// The lender offered an extension; the borrower has to confirm it.
		ExtensionProposed { loan_id: LoanId, extra_days: u32 },
		/// The borrower confirmed the extension; the loan runs until `new_maturity`.
		ExtensionConfirmed { loan_id: LoanId, extra_days: u32, new_maturity: BlockNumberFor<T> },
		/// The borrower declined the offered extension; the loan keeps its maturity.
		ExtensionDeclined { loan_id: LoanId, extra_days: u32 },
		/// A private lender offered an extension, its days sealed (`index`: its place in the
		/// loan's `SealedExtensions`); the borrower has to confirm it.
		SealedExtensionProposed { loan_id: LoanId, index: u32 },
		/// The borrower confirmed the sealed extension at `index`; the loan runs on.
		SealedExtensionConfirmed { loan_id: LoanId, index: u32 },
		/// The borrower declined the sealed extension at `index`; it was removed.
		SealedExtensionDeclined { loan_id: LoanId, index: u32 },
		/// The lender recorded the (sealed) outcome.
		LoanConcluded { loan_id: LoanId },
		/// The lender opened the loan's details further.
		DisclosureChanged { loan_id: LoanId, disclosure: Disclosure<BalanceOf<T>> },
		/// `viewer` asked for the details (entry `index` of the loan's inquiry log); `held` is
		/// in escrow until the lender answers.
		AccessRequested {
			loan_id: LoanId,
			index: RequestIndex,
			viewer: T::AccountId,
			held: BalanceOf<T>,
		},
		/// The lender sealed the content key to `viewer`; `paid` went to the lender.
		AccessGranted { loan_id: LoanId, viewer: T::AccountId, paid: BalanceOf<T> },
		/// The lender declined; `refunded` returned to the viewer.
		AccessDeclined { loan_id: LoanId, viewer: T::AccountId, refunded: BalanceOf<T> },
		/// The lender did not answer in time; the viewer took `refunded` back.
		AccessReclaimed { loan_id: LoanId, viewer: T::AccountId, refunded: BalanceOf<T> },
		/// The loan became public while `viewer`'s request was open: `refunded` returned to
		/// the viewer.
		AccessRefunded { loan_id: LoanId, viewer: T::AccountId, refunded: BalanceOf<T> },
		/// `inquirer_id` looked `borrower_id` up with their consent (entry `index` of the
		/// borrower's inquiry log); `fee` was burned from the inquirer.
		Inquired {
			borrower_id: IdHash,
			index: u32,
			inquirer_id: IdHash,
			purpose: InquiryPurpose,
			fee: BalanceOf<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		// Loans and who may act on them.
		/// No loan has this id.
		UnknownLoan,
		/// The caller has no verified identity.
		NotVerified,
		/// The counterparty has no verified identity.
		CounterpartyNotVerified,
		/// Lender and borrower would be the same account or the same identity.
		SelfDealing,
		/// Only the party who did not propose can accept or decline: the account that holds
		/// the counterparty's identity now.
		NotTheCounterparty,
		/// Only the proposer can withdraw: the account that holds the proposer's identity now.
		NotTheProposer,
		/// Only the lender can do this: the account that holds the lender's identity now.
		NotTheLender,
		/// Only the borrower can do this: the account that holds the borrower's identity now.
		NotTheBorrower,
		/// An identity this call needs — the caller's, the counterparty's, the proposer's —
		/// is frozen by the institutions while a dispute over who holds it is settled.
		IdentityFrozen,
		// Terms.
		/// A loan must run for at least one day.
		ZeroPeriod,
		/// The period, or the extension, is longer than `MaxPeriodDays`.
		PeriodTooLong,
		/// The sealed details are shorter than an authentication tag.
		DetailsTooShort,
		/// The sealed details are longer than `MaxDetailsLen`.
		DetailsTooLong,
		/// Block numbers would overflow.
		Overflow,
		// Lifecycle: proposals, extensions, conclusion.
		/// The loan is not a pending proposal.
		NotProposed,
		/// The proposal expired.
		ProposalExpired,
		/// The proposal hash is not the hash of the proposal stored under this loan id (see
		/// `proposal_hash`): the counterparty read another proposal.
		ProposalMismatch,
		/// The loan is not running (active, awaiting feedback, or with an extension offered).
		NotRunning,
		/// The loan has not taken effect.
		NotInEffect,
		/// No extension is waiting for confirmation.
		NoExtensionProposed,
		/// The days confirmed are not the days the lender offers now: the offer was replaced
		/// after the borrower read it.
		ExtensionNotOffered,
		/// The loan has `MaxExtensions` extensions already.
		TooManyExtensions,
		/// Every loan id has been used: no new loan can be numbered.
		LoanIdsExhausted,
		/// The outcome is sealed under the details' nonce (or, for a private lender's loan, an
		/// extension offer's): with the same key and nonce twice, anyone could xor the two
		/// plaintexts together.
		OutcomeNonceReused,
		// Consent (`record`).
		/// The consent's deadline has passed.
		ConsentExpired,
		/// The consent's deadline is more than `MaxConsentDays` chain days ahead.
		ConsentDeadlineTooFar,
		/// This consent was used already: a consent records one loan.
		ConsentAlreadyUsed,
		/// The consent is not the counterparty's signature over these terms: another
		/// account signed it, or it was signed over other terms, another chain or another
		/// deadline.
		ConsentNotSignedByCounterparty,
		/// The consent is the submitter's own signature: the counterparty has to sign it.
		ConsentSignedBySubmitter,
		// Disclosure.
		/// Disclosure only moves towards openness: encrypted, paid, public.
		DisclosureNotMoreOpen,
		/// A paid loan's price is fixed: `conclude` may open it further, not reprice it.
		PriceFixed,
		/// A paid disclosure needs a price above zero.
		ZeroPrice,
		/// The published key is not the loan's content key: it does not match the key
		/// commitment stored with the details, or does not open them.
		KeyDoesNotOpenDetails,
		/// The published key does not open the loan's outcome.
		KeyDoesNotOpenOutcome,
		// Access.
		/// The viewer has no verified identity (and so no registered key to seal to).
		ViewerNotVerified,
		/// Lender and borrower have their own envelopes (whichever account holds their
		/// identity).
		PartyHasAccess,
		/// The details are public already: anyone can read them.
		AlreadyPublic,
		/// The loan's price is above the most the viewer said it pays (`max_price`).
		PriceAboveLimit,
		/// The viewer was granted access already.
		AlreadyGranted,
		/// The viewer has an open request for this loan already.
		RequestPending,
		/// The loan has `MaxOpenRequests` open requests already; the lender has to answer
		/// some first.
		TooManyOpenRequests,
		/// The viewer has no open request for this loan.
		NoOpenRequest,
		/// The lender still has time to answer.
		DeadlineNotReached,
		// Inquiries (`inquire`; the consent's deadline fails as for `record`).
		/// No account holds the borrower's identity, or it is not verified.
		BorrowerNotVerified,
		/// An identity does not need consent to look itself up.
		SelfInquiry,
		/// The consent is not the signature of the account that now holds the borrower's
		/// identity over these terms (an inquiry's inquirer and purpose, or a private loan's
		/// terms), this chain and deadline.
		ConsentNotSignedByBorrower,
		// Private lenders (`record_private`, `act_as_lender`).
		/// The lender token's issuer has no token key of the token's epoch.
		UnknownTokenKey,
		/// The lender token's epoch is neither the current one nor the one before.
		TokenNotCurrent,
		/// As many tokens of this key were spent as its registrar issued.
		TokenKeyExhausted,
		/// The lender token is not its issuer's signature over this per-loan key, chain and
		/// epoch.
		BadLenderToken,
		/// This per-loan key serves a loan already: a key (and its token) serves one.
		LenderKeyUsed,
		/// The signature is not the per-loan key's over these terms, or over this act.
		BadLenderSignature,
		/// The loan's lender is public: it acts with its identity's account, not a key.
		NotPrivateLender,
		/// The act's index is not the loan's next one: it was used, or another comes first.
		WrongActIndex,
		/// The lender made `MaxLenderActs` acts on this loan already.
		TooManyLenderActs,
		/// A `record_private_batch` without loans.
		EmptyBatch,
		/// The extension offer is sealed under a nonce the loan used already (its details',
		/// or another offer's): with the same key and nonce twice, anyone could xor the two
		/// plaintexts together.
		ExtensionNonceReused,
		/// A paid disclosure's price is below the existential deposit: paid into an account
		/// that does not exist yet — a private lender's fresh payee — it could never arrive.
		PriceBelowMinimum,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			let (steps, matured) = Self::process_agenda(now);
			let (stepped_over, expired) = Self::expire_proposals(now);
			let (consent_steps, forgotten) = Self::forget_consents(now);
			T::WeightInfo::process_agenda(matured)
				.saturating_add(Self::consents_weight(consent_steps, forgotten))
				.saturating_add(T::DbWeight::get().reads_writes(steps.into(), 1))
				.saturating_add(Self::expiry_weight(stepped_over, expired))
				// Whitelisted in the benchmarks, paid here once for every call of the block:
				// `NextLoanId` and `PendingProposals` (a read and a commit each), and the
				// reads of `BlocksPerDay` and of the genesis hash.
				.saturating_add(T::DbWeight::get().reads_writes(4, 2))
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Propose a loan to `counterparty`.
		///
		/// - Origin: signed, by a verified identity.
		/// - `counterparty`: the other party, a verified identity.
		/// - `role`: the caller's role. In the embedded corporate flow a company proposes in
		///   the borrower's name as `Lender`; person to person, the borrower proposes as
		///   `Borrower`.
		/// - `period_days`: 1 to `MaxPeriodDays`.
		/// - `details`: the sealed terms, the content key's commitment and an envelope of the
		///   key for each party.
		///
		/// Holds a deposit for the bytes the proposal stores (`ProposalConsideration`) until
		/// it is accepted, withdrawn or expires.
		///
		/// Emits `LoanProposed`. Fails with `NotVerified`, `CounterpartyNotVerified`,
		/// `SelfDealing`, `IdentityFrozen`, `ZeroPeriod`, `PeriodTooLong`, `DetailsTooShort`,
		/// `DetailsTooLong`, `LoanIdsExhausted`, or the currency's error when the deposit
		/// cannot be held.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::propose(details.ciphertext.len() as u32))]
		pub fn propose(
			origin: OriginFor<T>,
			counterparty: T::AccountId,
			role: Role,
			period_days: u32,
			details: DetailsInput,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_propose(who, counterparty, role, period_days, details)
		}

		/// Co-sign a proposal: the loan takes effect and its maturity is scheduled
		/// `period_days × BlocksPerDay` blocks from now.
		///
		/// - Origin: signed, by the account that now holds the identity of the party who did
		///   not propose.
		/// - `proposal_hash`: [`proposal_hash`] of the proposal as the counterparty read it —
		///   chain, loan id, both identities, the proposer's role, period and sealed details —
		///   so the signature covers exactly that proposal and no other.
		///
		/// The proposal's deposit returns to the proposer. Charged for the longest details
		/// (`MaxDetailsLen`, which the hash covers); what the loan's own details do not need
		/// is refunded.
		///
		/// Emits `LoanActivated`. Fails with `UnknownLoan`, `NotProposed`,
		/// `NotTheCounterparty`, `IdentityFrozen` (either party's), `ProposalExpired`,
		/// `ProposalMismatch` or `Overflow`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::accept(T::MaxDetailsLen::get()))]
		pub fn accept(
			origin: OriginFor<T>,
			loan_id: LoanId,
			proposal_hash: [u8; 32],
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::do_accept(who, loan_id, proposal_hash)
		}

		/// Take back a proposal nobody accepted yet. It is removed: it never became part
		/// of anyone's credit record, and its deposit returns.
		///
		/// - Origin: signed, by the proposer (the account that now holds its identity).
		///
		/// Emits `ProposalWithdrawn`. Fails with `UnknownLoan`, `NotProposed`,
		/// `NotTheProposer` or `IdentityFrozen`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::withdraw())]
		pub fn withdraw(origin: OriginFor<T>, loan_id: LoanId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw(who, loan_id)
		}

		/// Refuse a proposal made to you. It is removed, as if withdrawn: it never became part
		/// of anyone's credit record, and the proposer's deposit returns to the proposer.
		///
		/// - Origin: signed, by the counterparty (the account that now holds the identity the
		///   proposal was made to).
		///
		/// Emits `ProposalDeclined`. Fails with `UnknownLoan`, `NotProposed`,
		/// `NotTheCounterparty` or `IdentityFrozen`.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::decline())]
		pub fn decline(origin: OriginFor<T>, loan_id: LoanId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_decline(who, loan_id)
		}

		/// Record a loan both parties signed, in one transaction: the loan takes effect at once
		/// and its maturity is scheduled `period_days × BlocksPerDay` blocks from now.
		///
		/// - Origin: signed, by a verified identity: the submitter, who pays the fee.
		/// - `counterparty`: the other party, a verified identity. It needs no funds and pays
		///   nothing: this is how a company records a loan for a customer who signed in the
		///   company's own app.
		/// - `role`, `period_days`, `details`: as for `propose`, `role` being the submitter's.
		/// - `consent`: the counterparty's signature over [`consent_hash`] of the loan's terms
		///   and `consent.deadline`, wrapped in `<Bytes>…</Bytes>` as wallets sign, the last block it may be used at (at most
		///   `MaxConsentDays` ahead). A consent records one loan: the chain remembers it until
		///   its deadline has passed.
		///
		/// Nothing is held: a loan that took effect is the permanent record, and the used
		/// consent is forgotten after its deadline. Charged for the submitter's own signature
		/// being checked too (the case that takes longest); what a valid consent does not
		/// need (the second check) is refunded.
		///
		/// Emits `LoanRecorded`. Fails with `NotVerified`, `CounterpartyNotVerified`,
		/// `SelfDealing`, `IdentityFrozen`, `ZeroPeriod`, `PeriodTooLong`, `DetailsTooShort`,
		/// `DetailsTooLong`, `ConsentExpired`, `ConsentDeadlineTooFar`,
		/// `ConsentAlreadyUsed`, `ConsentNotSignedByCounterparty`,
		/// `ConsentSignedBySubmitter`, `LoanIdsExhausted` or `Overflow`.
		#[pallet::call_index(11)]
		#[pallet::weight(Pallet::<T>::record_weight(details.ciphertext.len() as u32))]
		pub fn record(
			origin: OriginFor<T>,
			counterparty: T::AccountId,
			role: Role,
			period_days: u32,
			details: DetailsInput,
			consent: ConsentOf<T>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::do_record(who, counterparty, role, period_days, details, consent)
		}

		/// Offer the borrower `extra_days` more. Offering again replaces the offer.
		///
		/// - Origin: signed, by the lender, while the loan is running.
		///
		/// Emits `ExtensionProposed`. Fails with `UnknownLoan`, `NotTheLender`,
		/// `IdentityFrozen`, `NotRunning`, `ZeroPeriod`, `PeriodTooLong` or
		/// `TooManyExtensions`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::propose_extension())]
		pub fn propose_extension(
			origin: OriginFor<T>,
			loan_id: LoanId,
			extra_days: u32,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_propose_extension(who, loan_id, extra_days)
		}

		/// Accept the lender's offered extension: the loan runs again until its maturity
		/// moves `extra_days` on (from the old maturity, or from now if that has passed).
		/// The extension is kept in the record.
		///
		/// - Origin: signed, by the borrower (the account that now holds its identity).
		/// - `extra_days`: the days the borrower read in the offer. The lender may replace an
		///   offer until it is confirmed, so the borrower's signature names the days: a
		///   replaced offer is refused, never confirmed in the borrower's name.
		///
		/// Emits `ExtensionConfirmed`. Fails with `UnknownLoan`, `NotTheBorrower`,
		/// `IdentityFrozen`, `NoExtensionProposed`, `ExtensionNotOffered` or `Overflow`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::confirm_extension())]
		pub fn confirm_extension(
			origin: OriginFor<T>,
			loan_id: LoanId,
			extra_days: u32,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_confirm_extension(who, loan_id, extra_days)
		}

		/// Refuse the lender's offered extension: the loan keeps its maturity (and awaits the
		/// lender's feedback if that has passed). The lender may offer again; declined offers
		/// are not part of the record. Also a private lender's sealed offer, which is removed.
		///
		/// - Origin: signed, by the borrower (the account that now holds its identity).
		///
		/// Charged for the longer of the two: a public offer's decline, or a sealed one's.
		///
		/// Emits `ExtensionDeclined` (`SealedExtensionDeclined` for a sealed offer). Fails
		/// with `UnknownLoan`, `NotTheBorrower`, `IdentityFrozen` or `NoExtensionProposed`.
		#[pallet::call_index(13)]
		#[pallet::weight(
			T::WeightInfo::decline_extension().max(T::WeightInfo::decline_sealed_extension())
		)]
		pub fn decline_extension(origin: OriginFor<T>, loan_id: LoanId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_decline_extension(who, loan_id)
		}

		/// Accept a private lender's sealed extension offer: exactly the offer the borrower
		/// opened, named by its hash. The chain learns that the loan was extended, never by
		/// how much (the lender's client computes the new maturity from the sealed days).
		///
		/// - Origin: signed, by the borrower (the account that now holds its identity).
		/// - `offer_hash`: [`loanchain_sealing::extension_hash`] of the chain, the loan, the
		///   offer's place in `SealedExtensions` and its nonce and ciphertext. The lender may
		///   replace an offer until it is confirmed: a replaced offer's hash is refused.
		///
		/// Emits `SealedExtensionConfirmed`. Fails with `UnknownLoan`, `NotTheBorrower`,
		/// `IdentityFrozen`, `NotPrivateLender`, `NotRunning`, `NoExtensionProposed` or
		/// `ExtensionNotOffered`.
		#[pallet::call_index(18)]
		#[pallet::weight(T::WeightInfo::confirm_sealed_extension())]
		pub fn confirm_sealed_extension(
			origin: OriginFor<T>,
			loan_id: LoanId,
			offer_hash: [u8; 32],
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_confirm_sealed_extension(who, loan_id, offer_hash)
		}

		/// Record how the loan was performed: the outcome byte sealed under the loan's
		/// content key (`loanchain_sealing::seal_outcome`) with a nonce of its own, and the
		/// disclosure level the lender chooses. Also before maturity: early repayment, or the
		/// corporate flow where an approved extension is recorded as performed normally plus
		/// a new loan.
		///
		/// - Origin: signed, by the lender, while the loan is running.
		/// - `sealed_outcome`: nonce (not the details' nonce) and 17-byte ciphertext.
		/// - `disclosure`: at least as open as the current one; a `Paid` loan keeps its price. `Public` must carry the
		///   content key, which the runtime checks against the key commitment, the details
		///   and the outcome; publishing refunds every open request at once.
		///
		/// Charged for the longest details (`MaxDetailsLen`) and `MaxOpenRequests` refunds;
		/// what the loan does not need is refunded.
		///
		/// Emits `LoanConcluded` (and `DisclosureChanged` when the level changes, and
		/// `AccessRefunded` for each refunded request). Fails with `UnknownLoan`,
		/// `NotTheLender`, `IdentityFrozen`, `NotRunning`, `OutcomeNonceReused`,
		/// `DisclosureNotMoreOpen`, `PriceFixed`, `ZeroPrice`, `PriceBelowMinimum`,
		/// `KeyDoesNotOpenDetails` or `KeyDoesNotOpenOutcome`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::conclude(
			T::MaxDetailsLen::get(),
			T::MaxOpenRequests::get(),
		))]
		pub fn conclude(
			origin: OriginFor<T>,
			loan_id: LoanId,
			sealed_outcome: SealedOutcome,
			disclosure: Disclosure<BalanceOf<T>>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::do_conclude(who, loan_id, sealed_outcome, disclosure)
		}

		/// Open a loan's details further: `Encrypted → Paid { price } → Public { content_key }`,
		/// never back. For `Public` the runtime checks that the key is the one the details
		/// commit to and opens them and, once concluded, the outcome; from then on anyone
		/// reads the plaintext, for good, and every open request is refunded at once.
		///
		/// - Origin: signed, by the lender of a loan that took effect.
		///
		/// Charged for the longest details (`MaxDetailsLen`) and `MaxOpenRequests` refunds;
		/// what the loan does not need is refunded.
		///
		/// Emits `DisclosureChanged` (and `AccessRefunded` for each refunded request). Fails
		/// with `UnknownLoan`, `NotTheLender`, `IdentityFrozen`, `NotInEffect`,
		/// `DisclosureNotMoreOpen`, `ZeroPrice`, `PriceBelowMinimum`, `KeyDoesNotOpenDetails`
		/// or `KeyDoesNotOpenOutcome`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::set_disclosure(
			T::MaxDetailsLen::get(),
			T::MaxOpenRequests::get(),
		))]
		pub fn set_disclosure(
			origin: OriginFor<T>,
			loan_id: LoanId,
			disclosure: Disclosure<BalanceOf<T>>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::do_set_disclosure(who, loan_id, disclosure)
		}

		/// Ask the lender for a loan's details. For a `Paid` loan the price is held from the
		/// caller until the lender answers; for an `Encrypted` loan the price is nothing and
		/// the lender may answer or not. Either way the request adds an entry to the loan's
		/// inquiry log, which the borrower (and anyone) can read, and holds a deposit
		/// (`RequestConsideration`) until it is answered or reclaimed.
		///
		/// - Origin: signed, by a verified identity other than the parties.
		/// - `max_price`: the most the caller pays, normally the price it was shown. A price
		///   above it — set by the lender after the caller looked, even in the same block — is
		///   refused with `PriceAboveLimit`, so no request is ever repriced under its viewer.
		///
		/// Emits `AccessRequested`. Fails with `UnknownLoan`, `ViewerNotVerified`,
		/// `IdentityFrozen`, `NotInEffect`, `PartyHasAccess`, `AlreadyGranted`, `RequestPending`,
		/// `AlreadyPublic`, `PriceAboveLimit`, `TooManyOpenRequests`, `Overflow`, or the
		/// currency's error when the price or the deposit cannot be held.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::request_access())]
		pub fn request_access(
			origin: OriginFor<T>,
			loan_id: LoanId,
			max_price: BalanceOf<T>,
		) -> DispatchResult {
			let viewer = ensure_signed(origin)?;
			Self::do_request_access(viewer, loan_id, max_price)
		}

		/// Give `viewer` the content key, sealed to the viewer's registered X25519 key
		/// (`loanctl envelope`). An open request's held payment goes to the lender and its
		/// deposit returns to the viewer. The lender may also grant without a request.
		///
		/// - Origin: signed, by the lender.
		/// - `envelope`: 80 bytes, the content key sealed to the viewer.
		///
		/// Emits `AccessGranted`. Fails with `UnknownLoan`, `NotTheLender`,
		/// `IdentityFrozen`, `NotInEffect`, `ViewerNotVerified`, `PartyHasAccess` or
		/// `AlreadyGranted`.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::grant_access())]
		pub fn grant_access(
			origin: OriginFor<T>,
			loan_id: LoanId,
			viewer: T::AccountId,
			envelope: Envelope,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_grant_access(who, loan_id, viewer, envelope)
		}

		/// Refuse `viewer`'s open request; a held payment and the deposit return to the
		/// viewer.
		///
		/// - Origin: signed, by the lender.
		///
		/// Emits `AccessDeclined`. Fails with `UnknownLoan`, `NotTheLender`,
		/// `IdentityFrozen` or `NoOpenRequest`.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::decline_access())]
		pub fn decline_access(
			origin: OriginFor<T>,
			loan_id: LoanId,
			viewer: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_decline_access(who, loan_id, viewer)
		}

		/// Take back the payment and the deposit of a request the lender left unanswered for
		/// `AccessDeadline` chain days.
		///
		/// - Origin: signed, by the viewer who made the request.
		///
		/// Emits `AccessReclaimed`. Fails with `NoOpenRequest` or `DeadlineNotReached`.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::reclaim())]
		pub fn reclaim(origin: OriginFor<T>, loan_id: LoanId) -> DispatchResult {
			let viewer = ensure_signed(origin)?;
			Self::do_reclaim(viewer, loan_id)
		}

		/// Look a borrower up with their consent: the inquiry is added to the borrower's
		/// inquiry log, which they (and anyone) can read, as a credit bureau's subject sees
		/// who asked about them. The summary itself is read by id as before
		/// (`loans_borrowerSummary`): what the consent stands for is the borrower letting
		/// this inquirer connect them with their id, for this purpose.
		///
		/// - Origin: signed, by a verified identity: the inquirer, who pays the fee and
		///   burns `InquiryFee` (the log entry is permanent).
		/// - `consent`: the borrower's id, the purpose, a deadline at most `MaxConsentDays`
		///   ahead, and the signature of the account that now holds the borrower's identity
		///   over [`inquiry_hash`] of the chain, the inquirer's identity, the borrower's, the
		///   purpose and the deadline, wrapped in `<Bytes>…</Bytes>` as wallets sign. A
		///   consent serves one inquiry: the chain remembers it until its deadline.
		///
		/// Emits `Inquired`. Fails with `NotVerified`, `BorrowerNotVerified`, `SelfInquiry`,
		/// `IdentityFrozen`, `ConsentExpired`, `ConsentDeadlineTooFar`, `ConsentAlreadyUsed`,
		/// `ConsentNotSignedByBorrower` or `Overflow`, or when the inquirer cannot pay the
		/// fee.
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::inquire())]
		pub fn inquire(origin: OriginFor<T>, consent: InquiryConsentOf<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_inquire(who, consent)
		}

		/// Record a loan from a private lender, with the borrower's consent: the loan takes
		/// effect at once, and nothing public names the lender, links it to its other loans,
		/// or shows the period (sealed in the details with the lender's identity and its
		/// signature, see docs/privacy.md).
		///
		/// - Origin: an authorised general transaction (extrinsic v5, no signer, no fee):
		///   the runtime's `AuthorizeCall` extension admits it when [`Self::authorize_record_private`]
		///   does — the lender token is good, the per-loan key unused, both signatures right.
		/// - `borrower`: the account that holds the borrower's identity, verified, unfrozen.
		/// - `details`: as for `record`; the plaintext also carries the period and who lent.
		/// - `consent`: the borrower's signature over [`private_consent_hash`] (the chain, the
		///   per-loan key, the borrower's identity, the details and `consent.deadline`),
		///   wrapped as wallets sign, the deadline at most `MaxConsentDays` ahead.
		/// - `lender`: the lender token certifying the per-loan key (its registrar's key of
		///   the current or the previous epoch), the key, and the key's signature over the
		///   same hash. The token is spent; the key serves this loan alone (`LenderKeys`).
		///
		/// The loan has no maturity on chain: the lender's client prompts it from the sealed
		/// period. Nothing is held: the lender token paid for what the loan stores.
		///
		/// Emits `PrivateLoanRecorded`. Refused in the pool, or failing here, with
		/// `BorrowerNotVerified`, `IdentityFrozen`, `DetailsTooShort`, `DetailsTooLong`,
		/// `ConsentExpired`, `ConsentDeadlineTooFar`, `ConsentAlreadyUsed`,
		/// `ConsentNotSignedByBorrower`, `LenderKeyUsed`, `BadLenderSignature`,
		/// `UnknownTokenKey`, `TokenNotCurrent`, `TokenKeyExhausted`, `BadLenderToken` or
		/// `LoanIdsExhausted` (in the pool as `Custom` with the error's index).
		#[pallet::call_index(15)]
		#[pallet::weight(T::WeightInfo::record_private(details.ciphertext.len() as u32))]
		#[pallet::authorize(Self::authorize_record_private)]
		#[pallet::weight_of_authorize(T::WeightInfo::authorize_record_private(
			T::MaxDetailsLen::get()
		))]
		pub fn record_private(
			origin: OriginFor<T>,
			borrower: T::AccountId,
			details: DetailsInput,
			consent: ConsentOf<T>,
			lender: BoxedCredentialOf<T>,
		) -> DispatchResult {
			frame_system::ensure_authorized(origin)?;
			Self::do_record_private(borrower, details, consent, *lender)
		}

		/// Record several private loans in one general transaction: each as `record_private`
		/// would, with a token, per-loan key and borrower's consent of its own. All or none:
		/// the batch is admitted only when every loan is, so that it cannot fail in a block.
		/// Anyone may submit a batch, also of many lenders' loans: a batch of one lender's
		/// loans lets an observer guess they share a lender (never who).
		///
		/// - Origin: an authorised general transaction, admitted when
		///   [`Self::authorize_record_private_batch`] does: every loan as
		///   [`Self::authorize_record_private`] admits one, no per-loan key twice, and no more
		///   tokens of a registrar's key than it has left.
		/// - `records`: 1 to `MaxPrivateBatch` loans.
		///
		/// Charged what its loans' `record_private`s are charged.
		///
		/// Emits `PrivateLoanRecorded` for each loan. Refused in the pool, or failing here,
		/// with `EmptyBatch` or what `record_private` fails with (in the pool as `Custom` with
		/// the error's index).
		#[pallet::call_index(17)]
		#[pallet::weight(Pallet::<T>::batch_weight(records))]
		#[pallet::authorize(Self::authorize_record_private_batch)]
		#[pallet::weight_of_authorize(Pallet::<T>::batch_authorize_weight(records))]
		pub fn record_private_batch(
			origin: OriginFor<T>,
			records: PrivateBatchOf<T>,
		) -> DispatchResult {
			frame_system::ensure_authorized(origin)?;
			Self::do_record_private_batch(records)
		}

		/// Act as the private lender of a loan: conclude it, open its details further, grant
		/// or decline access, offer an extension — what a public lender does with `conclude`,
		/// `set_disclosure`, `grant_access`, `decline_access` and `propose_extension` (its days
		/// sealed), here signed by the loan's per-loan key and paid by nobody.
		///
		/// - Origin: an authorised general transaction, admitted when
		///   [`Self::authorize_act_as_lender`] does: the loan's lender is private,
		///   `act_index` is its next act, and `signature` is the per-loan key's over
		///   [`loanchain_sealing::lender_act_hash`] of the chain, the loan, the index and the
		///   act.
		/// - `act`: the act, with the arguments of the call it stands for; a paid request's
		///   payment goes to the `payee` the act names.
		///
		/// Emits what the act's call emits. Fails with `UnknownLoan`, `NotPrivateLender`,
		/// `WrongActIndex`, `TooManyLenderActs`, `BadLenderSignature`, or what the act's
		/// call fails with.
		#[pallet::call_index(16)]
		#[pallet::weight(Pallet::<T>::act_weight(act))]
		#[pallet::authorize(Self::authorize_act_as_lender)]
		#[pallet::weight_of_authorize(T::WeightInfo::authorize_act_as_lender())]
		pub fn act_as_lender(
			origin: OriginFor<T>,
			loan_id: LoanId,
			act_index: u32,
			act: LenderActOf<T>,
			signature: LenderSignature,
		) -> DispatchResultWithPostInfo {
			frame_system::ensure_authorized(origin)?;
			Self::do_act_as_lender(loan_id, act_index, act, signature)
		}
	}
}
