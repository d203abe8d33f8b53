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
//!      withdraw /  │                  │  └─confirm_extension─┐  │      │
//!      expiry      ▼                  └──propose_extension──▶ ExtensionProposed
//!              (removed)              conclude (from Active, AwaitingFeedback or
//!                                     ExtensionProposed) ──▶ Concluded
//! ```
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
//! - [`Pallet::withdraw`]: the proposer takes back an unaccepted proposal.
//! - [`Pallet::propose_extension`], [`Pallet::confirm_extension`]: lender offers more days,
//!   borrower confirms.
//! - [`Pallet::conclude`]: the lender records the sealed outcome and the disclosure level.
//! - [`Pallet::set_disclosure`]: the lender opens the details further (encrypted → paid →
//!   public).
//! - [`Pallet::request_access`], [`Pallet::grant_access`], [`Pallet::decline_access`],
//!   [`Pallet::reclaim`]: access to sealed details, free on request or paid through an
//!   escrow held by this pallet.
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
//! ## Storage, and the queries it serves
//!
//! - `Loans`: loan by id.
//! - `BorrowerLoans`: a borrower's loans that took effect, by id_hash then loan id — a
//!   borrower's history without scanning all loans, paged by loan id.
//! - `LenderLoans`: the same for lenders.
//! - `Agenda`, `AgendaCursor`: the maturities due at each block.
//! - `ExpiryCursor`: the oldest loan id that may still be a pending proposal.
//! - `ProposalDeposits`: who paid each pending proposal's deposit, and its ticket;
//!   `PendingProposals`: how many there are.
//! - `UsedConsents`, `ConsentCursor`: the consents `record` used, until their deadline has
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
//! nothing: it is the permanent record.

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
mod mock;
#[cfg(test)]
mod record_tests;
#[cfg(test)]
mod tests;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod consent;
pub mod types;
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
			tokens::{Fortitude, Precision, Restriction},
			Consideration, Footprint, UnixTime,
		},
	};
	use frame_system::pallet_prelude::*;
	use pallet_credit_identity::VerifiedIdentity;
	use sp_runtime::{
		traits::{CheckedAdd, IdentifyAccount, One, Saturating, Verify, Zero},
		SaturatedConversion,
	};

	pub type BalanceOf<T> =
		<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

	/// A loan record as this runtime stores it.
	pub type LoanOf<T> = Loan<
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

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The price of paid access, in escrow until the lender answers.
		AccessPayment,
		/// The deposit of a proposal, until it is accepted, withdrawn or expires.
		ProposalDeposit,
		/// The deposit of an access request, until it is answered or reclaimed.
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

	/// The loans that took effect, by lender id_hash (hashers as for `BorrowerLoans`).
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
		/// The proposer withdrew the proposal; it was removed.
		ProposalWithdrawn { loan_id: LoanId },
		/// Nobody accepted the proposal in time; it was removed.
		ProposalExpired { loan_id: LoanId },
		/// The loan matured: the lender is asked for feedback.
		FeedbackDue { loan_id: LoanId, lender: T::AccountId },
		/// The lender offered an extension; the borrower has to confirm it.
		ExtensionProposed { loan_id: LoanId, extra_days: u32 },
		/// The borrower confirmed the extension; the loan runs until `new_maturity`.
		ExtensionConfirmed { loan_id: LoanId, extra_days: u32, new_maturity: BlockNumberFor<T> },
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
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No loan has this id.
		UnknownLoan,
		/// The caller has no verified identity.
		NotVerified,
		/// The counterparty has no verified identity.
		CounterpartyNotVerified,
		/// Lender and borrower would be the same account or the same identity.
		SelfDealing,
		/// A loan must run for at least one day.
		ZeroPeriod,
		/// The period, or the extension, is longer than `MaxPeriodDays`.
		PeriodTooLong,
		/// The sealed details are longer than `MaxDetailsLen`.
		DetailsTooLong,
		/// The sealed details are shorter than an authentication tag.
		DetailsTooShort,
		/// Only the party who did not propose can accept: the account that holds the
		/// counterparty's identity now.
		NotTheCounterparty,
		/// Only the proposer can withdraw: the account that holds the proposer's identity now.
		NotTheProposer,
		/// Only the lender can do this: the account that holds the lender's identity now.
		NotTheLender,
		/// Only the borrower can do this: the account that holds the borrower's identity now.
		NotTheBorrower,
		/// The loan is not a pending proposal.
		NotProposed,
		/// The proposal expired.
		ProposalExpired,
		/// The proposal hash is not the hash of the proposal stored under this loan id (see
		/// `proposal_hash`): the counterparty read another proposal.
		ProposalMismatch,
		/// The loan is not running (active, awaiting feedback, or with an extension offered).
		NotRunning,
		/// No extension is waiting for confirmation.
		NoExtensionProposed,
		/// The loan has `MaxExtensions` extensions already.
		TooManyExtensions,
		/// Disclosure only moves towards openness: encrypted, paid, public.
		DisclosureNotMoreOpen,
		/// The published key is not the loan's content key: it does not match the key
		/// commitment stored with the details, or does not open them.
		KeyDoesNotOpenDetails,
		/// The published key does not open the loan's outcome.
		KeyDoesNotOpenOutcome,
		/// The loan has no outcome yet.
		NotConcluded,
		/// Block numbers would overflow.
		Overflow,
		/// The loan has not taken effect.
		NotInEffect,
		/// A paid disclosure needs a price above zero.
		ZeroPrice,
		/// The details are public already: anyone can read them.
		AlreadyPublic,
		/// Lender and borrower have their own envelopes (whichever account holds their
		/// identity).
		PartyHasAccess,
		/// The viewer has an open request for this loan already.
		RequestPending,
		/// The viewer was granted access already.
		AlreadyGranted,
		/// The viewer has no open request for this loan.
		NoOpenRequest,
		/// The lender still has time to answer.
		DeadlineNotReached,
		/// The viewer has no verified identity (and so no registered key to seal to).
		ViewerNotVerified,
		/// The outcome is sealed under the details' nonce: with the same key and nonce twice,
		/// anyone could xor the two plaintexts together.
		OutcomeNonceReused,
		/// The loan has `MaxOpenRequests` open requests already; the lender has to answer
		/// some first.
		TooManyOpenRequests,
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
		/// `SelfDealing`, `ZeroPeriod`, `PeriodTooLong`, `DetailsTooShort`,
		/// `DetailsTooLong`, or the currency's error when the deposit cannot be held.
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
			let now = frame_system::Pallet::<T>::block_number();
			let expires_at = now.saturating_add(Self::days_in_blocks(T::ProposalTtl::get()));
			let (loan, lender, borrower) = Self::new_loan(
				&who,
				counterparty,
				role,
				period_days,
				details,
				LoanState::Proposed { expires_at },
				now,
			)?;
			let deposit = T::ProposalConsideration::new(&who, Footprint::from_encodable(&loan))?;
			let loan_id = Self::next_loan_id();
			ProposalDeposits::<T>::insert(loan_id, (who, deposit));
			PendingProposals::<T>::mutate(|pending| *pending = pending.saturating_add(1));
			Loans::<T>::insert(loan_id, loan);
			Self::deposit_event(Event::LoanProposed {
				loan_id,
				lender,
				borrower,
				proposer: role,
				expires_at,
			});
			Ok(())
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
		/// `NotTheCounterparty`, `ProposalExpired`, `ProposalMismatch` or `Overflow`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::accept(T::MaxDetailsLen::get()))]
		pub fn accept(
			origin: OriginFor<T>,
			loan_id: LoanId,
			proposal_hash: [u8; 32],
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let mut loan = Loans::<T>::get(loan_id).ok_or(Error::<T>::UnknownLoan)?;
			let LoanState::Proposed { expires_at } = loan.state else {
				return Err(Error::<T>::NotProposed.into());
			};
			// The signer must hold the counterparty's identity now: after a rebind that is
			// the new account, never the old one. Both identities were verified at proposal,
			// and a verified identity stays verified wherever it moves (the identity pallet's
			// invariant), so neither needs checking again.
			ensure!(Self::holds(loan.counterparty_id(), &who), Error::<T>::NotTheCounterparty);
			let now = frame_system::Pallet::<T>::block_number();
			ensure!(now < expires_at, Error::<T>::ProposalExpired);
			ensure!(
				loan.proposal_hash(Self::genesis_hash().as_ref(), loan_id) == proposal_hash,
				Error::<T>::ProposalMismatch
			);
			let details_len = loan.details.ciphertext.len() as u32;

			let maturity = Self::activate(&mut loan, now)?;
			Self::release_proposal_deposit(loan_id)?;
			Self::store_in_effect(loan_id, loan, maturity);
			Self::deposit_event(Event::LoanActivated { loan_id, maturity });
			Ok(Some(T::WeightInfo::accept(details_len)).into())
		}

		/// Take back a proposal nobody accepted yet. It is removed: it never became part
		/// of anyone's credit record, and its deposit returns.
		///
		/// - Origin: signed, by the proposer (the account that now holds its identity).
		///
		/// Emits `ProposalWithdrawn`. Fails with `UnknownLoan`, `NotProposed` or
		/// `NotTheProposer`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::withdraw())]
		pub fn withdraw(origin: OriginFor<T>, loan_id: LoanId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let loan = Loans::<T>::get(loan_id).ok_or(Error::<T>::UnknownLoan)?;
			ensure!(matches!(loan.state, LoanState::Proposed { .. }), Error::<T>::NotProposed);
			ensure!(Self::holds(loan.proposer_id(), &who), Error::<T>::NotTheProposer);
			Self::release_proposal_deposit(loan_id)?;
			Loans::<T>::remove(loan_id);
			Self::deposit_event(Event::ProposalWithdrawn { loan_id });
			Ok(())
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
		///   and `consent.deadline`, the last block it may be used at (at most
		///   `MaxConsentDays` ahead). A consent records one loan: the chain remembers it until
		///   its deadline has passed.
		///
		/// Nothing is held: a loan that took effect is the permanent record, and the used
		/// consent is forgotten after its deadline. Charged for the submitter's own signature
		/// being checked too (the case that takes longest); what a valid consent does not
		/// need is refunded: a consent signed raw costs one signature check, a wrapped one two.
		///
		/// Emits `LoanRecorded`. Fails with `NotVerified`, `CounterpartyNotVerified`,
		/// `SelfDealing`, `ZeroPeriod`, `PeriodTooLong`, `DetailsTooShort`,
		/// `DetailsTooLong`, `ConsentExpired`, `ConsentDeadlineTooFar`,
		/// `ConsentAlreadyUsed`, `ConsentNotSignedByCounterparty`,
		/// `ConsentSignedBySubmitter` or `Overflow`.
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
			let now = frame_system::Pallet::<T>::block_number();
			let (mut loan, lender, borrower) = Self::new_loan(
				&who,
				counterparty.clone(),
				role,
				period_days,
				details,
				LoanState::Active,
				now,
			)?;
			let details_len = loan.details.ciphertext.len() as u32;
			let (consent_hash, form) =
				Self::check_consent(&loan, &consent, &counterparty, &who, now)?;
			let maturity = Self::activate(&mut loan, now)?;
			let loan_id = Self::next_loan_id();
			UsedConsents::<T>::insert(consent.deadline, consent_hash, ());
			Self::store_in_effect(loan_id, loan, maturity);
			Self::deposit_event(Event::LoanRecorded {
				loan_id,
				lender,
				borrower,
				submitter: role,
				maturity,
			});
			Ok(Some(Self::recorded_weight(details_len, form)).into())
		}

		/// Offer the borrower `extra_days` more. Offering again replaces the offer.
		///
		/// - Origin: signed, by the lender, while the loan is running.
		///
		/// Emits `ExtensionProposed`. Fails with `UnknownLoan`, `NotTheLender`,
		/// `NotRunning`, `ZeroPeriod`, `PeriodTooLong` or `TooManyExtensions`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::propose_extension())]
		pub fn propose_extension(
			origin: OriginFor<T>,
			loan_id: LoanId,
			extra_days: u32,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut loan = Self::lenders_loan(loan_id, &who)?;
			ensure!(Self::is_running(&loan.state), Error::<T>::NotRunning);
			ensure!(extra_days > 0, Error::<T>::ZeroPeriod);
			ensure!(extra_days <= T::MaxPeriodDays::get(), Error::<T>::PeriodTooLong);
			ensure!(
				(loan.extensions.len() as u32) < T::MaxExtensions::get(),
				Error::<T>::TooManyExtensions
			);
			loan.state = LoanState::ExtensionProposed { extra_days };
			Loans::<T>::insert(loan_id, loan);
			Self::deposit_event(Event::ExtensionProposed { loan_id, extra_days });
			Ok(())
		}

		/// Accept the lender's offered extension: the loan runs again until its maturity
		/// moves `extra_days` on (from the old maturity, or from now if that has passed).
		/// The extension is kept in the record.
		///
		/// - Origin: signed, by the borrower (the account that now holds its identity).
		///
		/// Emits `ExtensionConfirmed`. Fails with `UnknownLoan`, `NotTheBorrower`,
		/// `NoExtensionProposed` or `Overflow`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::confirm_extension())]
		pub fn confirm_extension(origin: OriginFor<T>, loan_id: LoanId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut loan = Loans::<T>::get(loan_id).ok_or(Error::<T>::UnknownLoan)?;
			ensure!(Self::holds(&loan.borrower_id, &who), Error::<T>::NotTheBorrower);
			let LoanState::ExtensionProposed { extra_days } = loan.state else {
				return Err(Error::<T>::NoExtensionProposed.into());
			};
			let now = frame_system::Pallet::<T>::block_number();
			let old_maturity = loan.maturity.ok_or(Error::<T>::NotRunning)?;
			let new_maturity = Self::days_from(old_maturity.max(now), extra_days)?;
			loan.extensions
				.try_push(Extension { extra_days, confirmed_at: now, new_maturity })
				.map_err(|_| Error::<T>::TooManyExtensions)?;
			loan.state = LoanState::Active;
			loan.maturity = Some(new_maturity);
			// If the old maturity has not been processed yet, it no longer applies.
			Agenda::<T>::remove(old_maturity, loan_id);
			Agenda::<T>::insert(new_maturity, loan_id, ());
			Loans::<T>::insert(loan_id, loan);
			Self::deposit_event(Event::ExtensionConfirmed { loan_id, extra_days, new_maturity });
			Ok(())
		}

		/// Record how the loan was performed: the outcome byte sealed under the loan's
		/// content key (`loanchain_sealing::seal_outcome`) with a nonce of its own, and the
		/// disclosure level the lender chooses. Also before maturity: early repayment, or the
		/// corporate flow where an approved extension is recorded as performed normally plus
		/// a new loan.
		///
		/// - Origin: signed, by the lender, while the loan is running.
		/// - `sealed_outcome`: nonce (not the details' nonce) and 17-byte ciphertext.
		/// - `disclosure`: at least as open as the current one. `Public` must carry the
		///   content key, which the runtime checks against the key commitment, the details
		///   and the outcome; publishing refunds every open request at once.
		///
		/// Charged for the longest details (`MaxDetailsLen`) and `MaxOpenRequests` refunds;
		/// what the loan does not need is refunded.
		///
		/// Emits `LoanConcluded` (and `DisclosureChanged` when the level changes, and
		/// `AccessRefunded` for each refunded request). Fails with `UnknownLoan`,
		/// `NotTheLender`, `NotRunning`, `OutcomeNonceReused`, `DisclosureNotMoreOpen`,
		/// `ZeroPrice`, `KeyDoesNotOpenDetails` or `KeyDoesNotOpenOutcome`.
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
			let mut loan = Self::lenders_loan(loan_id, &who)?;
			let details_len = loan.details.ciphertext.len() as u32;
			ensure!(Self::is_running(&loan.state), Error::<T>::NotRunning);
			ensure!(sealed_outcome.nonce != loan.details.nonce, Error::<T>::OutcomeNonceReused);
			ensure!(
				disclosure.openness() >= loan.disclosure.openness(),
				Error::<T>::DisclosureNotMoreOpen
			);
			loan.outcome = Some(sealed_outcome);
			Self::check_disclosure(loan_id, &loan, &disclosure)?;

			let now = frame_system::Pallet::<T>::block_number();
			if let Some(maturity) = loan.maturity {
				Agenda::<T>::remove(maturity, loan_id);
			}
			loan.state = LoanState::Concluded;
			loan.concluded_at = Some(now);
			let changed = loan.disclosure != disclosure;
			loan.disclosure = disclosure;
			if changed {
				Self::write_history_entry(loan_id, &loan);
			}
			Loans::<T>::insert(loan_id, loan);
			Self::deposit_event(Event::LoanConcluded { loan_id });
			let mut refunded = 0;
			if changed {
				Self::deposit_event(Event::DisclosureChanged { loan_id, disclosure });
				refunded = Self::refund_if_public(loan_id, &disclosure)?;
			}
			Ok(Some(T::WeightInfo::conclude(details_len, refunded)).into())
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
		/// with `UnknownLoan`, `NotTheLender`, `NotInEffect`, `DisclosureNotMoreOpen`,
		/// `ZeroPrice`, `KeyDoesNotOpenDetails` or `KeyDoesNotOpenOutcome`.
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
			let mut loan = Self::lenders_loan(loan_id, &who)?;
			let details_len = loan.details.ciphertext.len() as u32;
			ensure!(loan.took_effect(), Error::<T>::NotInEffect);
			ensure!(
				disclosure.openness() > loan.disclosure.openness(),
				Error::<T>::DisclosureNotMoreOpen
			);
			Self::check_disclosure(loan_id, &loan, &disclosure)?;
			loan.disclosure = disclosure;
			Self::write_history_entry(loan_id, &loan);
			Loans::<T>::insert(loan_id, loan);
			Self::deposit_event(Event::DisclosureChanged { loan_id, disclosure });
			let refunded = Self::refund_if_public(loan_id, &disclosure)?;
			Ok(Some(T::WeightInfo::set_disclosure(details_len, refunded)).into())
		}

		/// Ask the lender for a loan's details. For a `Paid` loan the price is held from the
		/// caller until the lender answers; for an `Encrypted` loan the price is nothing and
		/// the lender may answer or not. Either way the request adds an entry to the loan's
		/// inquiry log, which the borrower (and anyone) can read, and holds a deposit
		/// (`RequestConsideration`) until it is answered or reclaimed.
		///
		/// - Origin: signed, by a verified identity other than the parties.
		///
		/// Emits `AccessRequested`. Fails with `UnknownLoan`, `ViewerNotVerified`,
		/// `NotInEffect`, `PartyHasAccess`, `AlreadyGranted`, `RequestPending`,
		/// `AlreadyPublic`, `TooManyOpenRequests`, `Overflow`, or the currency's error when
		/// the price or the deposit cannot be held.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::request_access())]
		pub fn request_access(origin: OriginFor<T>, loan_id: LoanId) -> DispatchResult {
			let viewer = ensure_signed(origin)?;
			let loan = Loans::<T>::get(loan_id).ok_or(Error::<T>::UnknownLoan)?;
			let identity = T::Identity::verified(&viewer).ok_or(Error::<T>::ViewerNotVerified)?;
			ensure!(loan.took_effect(), Error::<T>::NotInEffect);
			ensure!(!loan.is_party(&identity.id_hash), Error::<T>::PartyHasAccess);
			ensure!(!AccessGrants::<T>::contains_key(loan_id, &viewer), Error::<T>::AlreadyGranted);
			ensure!(!OpenRequests::<T>::contains_key(loan_id, &viewer), Error::<T>::RequestPending);
			let held = match loan.disclosure {
				Disclosure::Public { .. } => return Err(Error::<T>::AlreadyPublic.into()),
				Disclosure::Paid { price } => price,
				Disclosure::Encrypted => Zero::zero(),
			};
			let open = OpenRequestCount::<T>::get(loan_id);
			ensure!(open < T::MaxOpenRequests::get(), Error::<T>::TooManyOpenRequests);
			let index = AccessLogLength::<T>::get(loan_id);
			let next_index = index.checked_add(1).ok_or(Error::<T>::Overflow)?;

			let entry = AccessRequest {
				viewer: viewer.clone(),
				requested_at: frame_system::Pallet::<T>::block_number(),
				held,
				status: RequestStatus::Open,
				closed_at: None,
			};
			let deposit = T::RequestConsideration::new(&viewer, Footprint::from_encodable(&entry))?;
			if !held.is_zero() {
				T::Currency::hold(&HoldReason::AccessPayment.into(), &viewer, held)?;
			}
			AccessRequests::<T>::insert(loan_id, index, entry);
			AccessLogLength::<T>::insert(loan_id, next_index);
			OpenRequests::<T>::insert(loan_id, &viewer, OpenRequest { index, deposit });
			OpenRequestCount::<T>::insert(loan_id, open + 1);
			Self::deposit_event(Event::AccessRequested { loan_id, index, viewer, held });
			Ok(())
		}

		/// Give `viewer` the content key, sealed to the viewer's registered X25519 key
		/// (`loanctl envelope`). An open request's held payment goes to the lender and its
		/// deposit returns to the viewer. The lender may also grant without a request.
		///
		/// - Origin: signed, by the lender.
		/// - `envelope`: 80 bytes, the content key sealed to the viewer.
		///
		/// Emits `AccessGranted`. Fails with `UnknownLoan`, `NotTheLender`, `NotInEffect`,
		/// `ViewerNotVerified`, `PartyHasAccess` or `AlreadyGranted`.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::grant_access())]
		pub fn grant_access(
			origin: OriginFor<T>,
			loan_id: LoanId,
			viewer: T::AccountId,
			envelope: Envelope,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let loan = Self::lenders_loan(loan_id, &who)?;
			ensure!(loan.took_effect(), Error::<T>::NotInEffect);
			let identity = T::Identity::verified(&viewer).ok_or(Error::<T>::ViewerNotVerified)?;
			ensure!(!loan.is_party(&identity.id_hash), Error::<T>::PartyHasAccess);
			ensure!(!AccessGrants::<T>::contains_key(loan_id, &viewer), Error::<T>::AlreadyGranted);

			let paid = match Self::take_open_request(loan_id, &viewer) {
				// The caller is the account that holds the lender's identity now: it is paid.
				Ok(open) => {
					Self::close_request(loan_id, &viewer, open, RequestStatus::Granted, Some(&who))?
				},
				Err(_) => Zero::zero(),
			};
			AccessGrants::<T>::insert(loan_id, &viewer, envelope);
			Self::deposit_event(Event::AccessGranted { loan_id, viewer, paid });
			Ok(())
		}

		/// Refuse `viewer`'s open request; a held payment and the deposit return to the
		/// viewer.
		///
		/// - Origin: signed, by the lender.
		///
		/// Emits `AccessDeclined`. Fails with `UnknownLoan`, `NotTheLender` or
		/// `NoOpenRequest`.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::decline_access())]
		pub fn decline_access(
			origin: OriginFor<T>,
			loan_id: LoanId,
			viewer: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::lenders_loan(loan_id, &who)?;
			let open = Self::take_open_request(loan_id, &viewer)?;
			let refunded =
				Self::close_request(loan_id, &viewer, open, RequestStatus::Declined, None)?;
			Self::deposit_event(Event::AccessDeclined { loan_id, viewer, refunded });
			Ok(())
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
			let open = Self::take_open_request(loan_id, &viewer)?;
			let requested_at = AccessRequests::<T>::get(loan_id, open.index)
				.ok_or(Error::<T>::NoOpenRequest)?
				.requested_at;
			let now = frame_system::Pallet::<T>::block_number();
			ensure!(
				now >= requested_at.saturating_add(Self::days_in_blocks(T::AccessDeadline::get())),
				Error::<T>::DeadlineNotReached
			);
			let refunded =
				Self::close_request(loan_id, &viewer, open, RequestStatus::Reclaimed, None)?;
			Self::deposit_event(Event::AccessReclaimed { loan_id, viewer, refunded });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// Loan `loan_id`, if `who` is its lender: the account that holds the lender's
		/// identity now.
		fn lenders_loan(loan_id: LoanId, who: &T::AccountId) -> Result<LoanOf<T>, DispatchError> {
			let loan = Loans::<T>::get(loan_id).ok_or(Error::<T>::UnknownLoan)?;
			ensure!(Self::holds(&loan.lender_id, who), Error::<T>::NotTheLender);
			Ok(loan)
		}

		/// Whether `who` is the account that holds the identity `id_hash` now. Every check of
		/// "the lender", "the borrower" or "the proposer" asks this, so that authority over a
		/// loan follows its parties' identities through a rebind.
		fn holds(id_hash: &IdHash, who: &T::AccountId) -> bool {
			T::Identity::account_of(id_hash).as_ref() == Some(who)
		}

		/// Checks a new loan's parties and terms and builds it in `state`. Returns it with
		/// the lender's and the borrower's accounts.
		#[allow(clippy::type_complexity)]
		fn new_loan(
			who: &T::AccountId,
			counterparty: T::AccountId,
			role: Role,
			period_days: u32,
			details: DetailsInput,
			state: LoanState<BlockNumberFor<T>>,
			now: BlockNumberFor<T>,
		) -> Result<(LoanOf<T>, T::AccountId, T::AccountId), DispatchError> {
			let me = T::Identity::verified(who).ok_or(Error::<T>::NotVerified)?;
			let them =
				T::Identity::verified(&counterparty).ok_or(Error::<T>::CounterpartyNotVerified)?;
			ensure!(*who != counterparty && me.id_hash != them.id_hash, Error::<T>::SelfDealing);
			ensure!(period_days > 0, Error::<T>::ZeroPeriod);
			ensure!(period_days <= T::MaxPeriodDays::get(), Error::<T>::PeriodTooLong);
			ensure!(
				details.ciphertext.len() >= loanchain_sealing::TAG_LEN,
				Error::<T>::DetailsTooShort
			);
			let details = details.bounded().ok_or(Error::<T>::DetailsTooLong)?;
			let ((lender, lender_id), (borrower, borrower_id)) = match role {
				Role::Lender => ((who.clone(), me.id_hash), (counterparty, them.id_hash)),
				Role::Borrower => ((counterparty, them.id_hash), (who.clone(), me.id_hash)),
			};
			let loan = Loan {
				lender_id,
				borrower_id,
				proposer: role,
				period_days,
				details,
				state,
				proposed_at: now,
				activated: None,
				maturity: None,
				extensions: BoundedVec::new(),
				outcome: None,
				concluded_at: None,
				disclosure: Disclosure::Encrypted,
			};
			Ok((loan, lender, borrower))
		}

		/// Takes the next loan id.
		fn next_loan_id() -> LoanId {
			NextLoanId::<T>::mutate(|next| {
				let id = *next;
				*next = next.saturating_add(1);
				id
			})
		}

		/// Makes `loan` take effect at `now`. Returns its maturity.
		fn activate(
			loan: &mut LoanOf<T>,
			now: BlockNumberFor<T>,
		) -> Result<BlockNumberFor<T>, DispatchError> {
			let maturity = Self::days_from(now, loan.period_days)?;
			loan.state = LoanState::Active;
			loan.activated =
				Some(Activation { block: now, time_ms: T::UnixTime::now().as_millis() as u64 });
			loan.maturity = Some(maturity);
			Ok(maturity)
		}

		/// Stores a loan that took effect, with its place in both parties' histories and in
		/// the agenda at `maturity`.
		fn store_in_effect(loan_id: LoanId, loan: LoanOf<T>, maturity: BlockNumberFor<T>) {
			Agenda::<T>::insert(maturity, loan_id, ());
			Self::write_history_entry(loan_id, &loan);
			LenderLoans::<T>::insert(loan.lender_id, loan_key(loan_id), ());
			Loans::<T>::insert(loan_id, loan);
		}

		/// Checks `consent` to `loan`, submitted by `submitter` at `now`: in time, not used
		/// before, and signed by `counterparty`. Returns the consent hash, to be remembered as
		/// used.
		fn check_consent(
			loan: &LoanOf<T>,
			consent: &ConsentOf<T>,
			counterparty: &T::AccountId,
			submitter: &T::AccountId,
			now: BlockNumberFor<T>,
		) -> Result<([u8; 32], consent::Form), DispatchError> {
			ensure!(now <= consent.deadline, Error::<T>::ConsentExpired);
			let latest = now.saturating_add(Self::days_in_blocks(T::MaxConsentDays::get()));
			ensure!(consent.deadline <= latest, Error::<T>::ConsentDeadlineTooFar);
			// Block numbers are 32-bit on every chain this runs; a deadline at most
			// `MaxConsentDays` ahead of one fits in 32 bits.
			let deadline: u32 = consent.deadline.saturated_into();
			let hash = consent_hash(
				Self::genesis_hash().as_ref(),
				&loan.lender_id,
				&loan.borrower_id,
				loan.proposer,
				loan.period_days,
				&loan.details,
				deadline,
			);
			ensure!(
				!UsedConsents::<T>::contains_key(consent.deadline, hash),
				Error::<T>::ConsentAlreadyUsed
			);
			match consent::signed_by(&consent.signature, &hash, counterparty) {
				Some(form) => Ok((hash, form)),
				None => {
					// Say why, when the submitter signed its own consent: the mistake an
					// integration makes first.
					ensure!(
						consent::signed_by(&consent.signature, &hash, submitter).is_none(),
						Error::<T>::ConsentSignedBySubmitter
					);
					Err(Error::<T>::ConsentNotSignedByCounterparty.into())
				},
			}
		}

		/// What `record` is charged before it runs: a consent signed wrapped (two checks), or
		/// a refused one whose signature was checked against the submitter too, whichever
		/// takes longer.
		pub fn record_weight(details_len: u32) -> Weight {
			T::WeightInfo::record_wrapped(details_len)
				.max(T::WeightInfo::record_refused(details_len))
		}

		/// What recording a loan with a consent signed in `form` cost.
		fn recorded_weight(details_len: u32, form: consent::Form) -> Weight {
			match form {
				consent::Form::Raw => T::WeightInfo::record(details_len),
				consent::Form::Wrapped => T::WeightInfo::record_wrapped(details_len),
			}
		}

		/// The weight of forgetting `forgotten` consents over `steps` deadlines: the benchmark
		/// covers one deadline and moving the cursor; each further deadline is one more read.
		pub(crate) fn consents_weight(steps: u32, forgotten: u32) -> Weight {
			T::WeightInfo::forget_consents(forgotten)
				.saturating_add(T::DbWeight::get().reads(steps.saturating_sub(1).into()))
		}

		/// Forgets the used consents whose deadline is before `now`, oldest deadline first, at
		/// most `MaxConsentExpiriesPerBlock`. Returns the deadlines looked at and the consents
		/// forgotten, for the weight.
		pub(crate) fn forget_consents(now: BlockNumberFor<T>) -> (u32, u32) {
			let budget = T::MaxConsentExpiriesPerBlock::get();
			let mut cursor = ConsentCursor::<T>::get();
			let (mut steps, mut forgotten) = (0u32, 0u32);
			// The cursor moves one deadline a block; when it fell behind (a deadline with
			// more consents than the budget held it back), it catches up a bounded number of
			// deadlines a block.
			while cursor < now && steps < MAX_CONSENT_STEPS && forgotten < budget {
				steps += 1;
				// One more than the budget left, to learn whether this deadline is done.
				let left = (budget - forgotten) as usize;
				let used: alloc::vec::Vec<[u8; 32]> =
					UsedConsents::<T>::iter_key_prefix(cursor).take(left + 1).collect();
				for hash in used.iter().take(left) {
					UsedConsents::<T>::remove(cursor, hash);
				}
				forgotten += used.len().min(left) as u32;
				if used.len() > left {
					// More consents share this deadline: the next block carries on here.
					break;
				}
				cursor = cursor.saturating_add(One::one());
			}
			ConsentCursor::<T>::put(cursor);
			(steps, forgotten)
		}

		/// The hash of this chain's genesis block, which every proposal hash names.
		pub fn genesis_hash() -> T::Hash {
			frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero())
		}

		/// Returns a pending proposal's deposit to the account that paid it.
		fn release_proposal_deposit(loan_id: LoanId) -> DispatchResult {
			if let Some((depositor, deposit)) = ProposalDeposits::<T>::take(loan_id) {
				PendingProposals::<T>::mutate(|pending| *pending = pending.saturating_sub(1));
				deposit.drop(&depositor)?;
			}
			Ok(())
		}

		/// Removes `viewer`'s open request on `loan_id` from the open ones, to be closed by
		/// [`Self::close_request`] in the same call.
		fn take_open_request(
			loan_id: LoanId,
			viewer: &T::AccountId,
		) -> Result<OpenRequestOf<T>, DispatchError> {
			let open = OpenRequests::<T>::take(loan_id, viewer).ok_or(Error::<T>::NoOpenRequest)?;
			OpenRequestCount::<T>::mutate_exists(loan_id, |count| {
				*count = count.map(|n| n.saturating_sub(1)).filter(|n| *n > 0);
			});
			Ok(open)
		}

		/// Closes `viewer`'s request `open` as `status`: its log entry records the answer,
		/// the deposit returns to the viewer, and the held price is released to the viewer —
		/// or, for a grant, paid to `lender`. Returns the price moved.
		fn close_request(
			loan_id: LoanId,
			viewer: &T::AccountId,
			open: OpenRequestOf<T>,
			status: RequestStatus,
			lender: Option<&T::AccountId>,
		) -> Result<BalanceOf<T>, DispatchError> {
			let mut entry =
				AccessRequests::<T>::get(loan_id, open.index).ok_or(Error::<T>::NoOpenRequest)?;
			let reason = HoldReason::AccessPayment.into();
			let moved = match lender {
				_ if entry.held.is_zero() => Zero::zero(),
				Some(lender) => T::Currency::transfer_on_hold(
					&reason,
					viewer,
					lender,
					entry.held,
					Precision::Exact,
					Restriction::Free,
					Fortitude::Polite,
				)?,
				None => T::Currency::release(&reason, viewer, entry.held, Precision::Exact)?,
			};
			open.deposit.drop(viewer)?;
			entry.status = status;
			entry.closed_at = Some(frame_system::Pallet::<T>::block_number());
			AccessRequests::<T>::insert(loan_id, open.index, entry);
			Ok(moved)
		}

		/// When `disclosure` is public, closes every open request on the loan as `Published`
		/// and refunds it: anyone can read the details now. At most `MaxOpenRequests`.
		/// Returns how many were refunded, for the weight.
		fn refund_if_public(
			loan_id: LoanId,
			disclosure: &Disclosure<BalanceOf<T>>,
		) -> Result<u32, DispatchError> {
			if !matches!(disclosure, Disclosure::Public { .. }) {
				return Ok(0);
			}
			// `OpenRequestCount` keeps this at most `MaxOpenRequests`.
			let open: alloc::vec::Vec<_> = OpenRequests::<T>::drain_prefix(loan_id).collect();
			OpenRequestCount::<T>::remove(loan_id);
			let count = open.len() as u32;
			for (viewer, request) in open {
				let refunded =
					Self::close_request(loan_id, &viewer, request, RequestStatus::Published, None)?;
				Self::deposit_event(Event::AccessRefunded { loan_id, viewer, refunded });
			}
			Ok(count)
		}
		/// `days` chain days in blocks, saturating. Every duration of the chain is counted in
		/// chain days, so that a dev chain with short days walks through all of them.
		pub fn days_in_blocks(days: u32) -> BlockNumberFor<T> {
			days.saturating_mul(BlocksPerDay::<T>::get()).into()
		}

		/// The block `days` days after `from`.
		fn days_from(from: BlockNumberFor<T>, days: u32) -> Result<BlockNumberFor<T>, Error<T>> {
			let blocks = days.checked_mul(BlocksPerDay::<T>::get()).ok_or(Error::<T>::Overflow)?;
			let blocks: BlockNumberFor<T> = blocks.into();
			from.checked_add(&blocks).ok_or(Error::<T>::Overflow)
		}

		fn is_running(state: &LoanState<BlockNumberFor<T>>) -> bool {
			matches!(
				state,
				LoanState::Active
					| LoanState::AwaitingFeedback
					| LoanState::ExtensionProposed { .. }
			)
		}

		/// Checks that `disclosure` can apply to `loan`: a published key must open the
		/// details and, once there is one, the outcome.
		pub(crate) fn check_disclosure(
			loan_id: LoanId,
			loan: &LoanOf<T>,
			disclosure: &Disclosure<BalanceOf<T>>,
		) -> DispatchResult {
			let content_key = match disclosure {
				Disclosure::Encrypted => return Ok(()),
				Disclosure::Paid { price } => {
					ensure!(!price.is_zero(), Error::<T>::ZeroPrice);
					return Ok(());
				},
				Disclosure::Public { content_key } => content_key,
			};
			ensure!(
				loanchain_sealing::key_opens_details(
					content_key,
					&loan.details.key_commitment,
					&loan.details.nonce,
					&loan.details.ciphertext,
					&loan.borrower_id,
				),
				Error::<T>::KeyDoesNotOpenDetails
			);
			if let Some(outcome) = &loan.outcome {
				loanchain_sealing::open_outcome(
					content_key,
					&outcome.nonce,
					&outcome.ciphertext,
					loan_id,
				)
				.map_err(|_| Error::<T>::KeyDoesNotOpenOutcome)?;
			}
			Ok(())
		}

		/// Processes what fell due, oldest first, up to `MaxMaturitiesPerBlock` entries.
		/// Returns the blocks looked at and the entries processed, for the weight.
		pub(crate) fn process_agenda(now: BlockNumberFor<T>) -> (u32, u32) {
			let budget = T::MaxMaturitiesPerBlock::get();
			let mut cursor = AgendaCursor::<T>::get().unwrap_or(now);
			let mut processed = 0u32;
			// Each step reads one block's agenda; a cursor that fell behind catches up at
			// most this many blocks at a time, so the hook's weight stays bounded.
			let max_steps = budget.saturating_add(1);
			let mut steps = 0u32;
			while cursor <= now && steps < max_steps {
				steps += 1;
				let due: alloc::vec::Vec<LoanId> = Agenda::<T>::iter_key_prefix(cursor)
					.take((budget - processed) as usize)
					.collect();
				for loan_id in &due {
					Agenda::<T>::remove(cursor, loan_id);
					Self::mature(*loan_id);
				}
				processed += due.len() as u32;
				if processed >= budget {
					// This block's agenda may hold more: the next block carries on here.
					break;
				}
				cursor = cursor.saturating_add(One::one());
			}
			AgendaCursor::<T>::put(cursor);
			(steps, processed)
		}

		fn mature(loan_id: LoanId) {
			Loans::<T>::mutate(loan_id, |loan| {
				let Some(loan) = loan else { return };
				match loan.state {
					LoanState::Active => loan.state = LoanState::AwaitingFeedback,
					// The borrower has an offer to answer; the lender is prompted all the same.
					LoanState::ExtensionProposed { .. } => {},
					_ => return,
				}
				// A lender identity is verified, and a verified identity always has an account.
				if let Some(lender) = T::Identity::account_of(&loan.lender_id) {
					Self::deposit_event(Event::FeedbackDue { loan_id, lender });
				}
			});
		}

		/// The weight of an expiry pass that stepped over `stepped_over` ids and removed
		/// `expired` proposals: both benchmarks include the pass's fixed cost (reading and
		/// moving the cursor), which is counted once.
		pub(crate) fn expiry_weight(stepped_over: u32, expired: u32) -> Weight {
			T::WeightInfo::expire_proposals(expired)
				.saturating_add(T::WeightInfo::pass_settled_loans(stepped_over))
				.saturating_sub(T::WeightInfo::pass_settled_loans(0))
		}

		/// Moves the expiry cursor over the loan ids whose proposals are settled: stepping
		/// over loans that were accepted or withdrawn, removing proposals that expired by
		/// `now`, and stopping at the first proposal still open (every later one expires no
		/// earlier) or after `MaxExpiryScanPerBlock` ids. Returns the ids stepped over and
		/// the proposals removed, for the weight.
		pub(crate) fn expire_proposals(now: BlockNumberFor<T>) -> (u32, u32) {
			let next = NextLoanId::<T>::get();
			let mut cursor = ExpiryCursor::<T>::get();
			if PendingProposals::<T>::get() == 0 {
				// Nothing to expire: every id up to `next` is settled.
				if cursor < next {
					ExpiryCursor::<T>::put(next);
				}
				return (0, 0);
			}
			let (mut stepped_over, mut expired) = (0u32, 0u32);
			while cursor < next && stepped_over + expired < T::MaxExpiryScanPerBlock::get() {
				match Loans::<T>::get(cursor).map(|loan| loan.state) {
					Some(LoanState::Proposed { expires_at }) if expires_at > now => break,
					Some(LoanState::Proposed { .. }) => {
						if let Err(error) = Self::release_proposal_deposit(cursor) {
							// A held deposit can always be released; were it not, the proposal
							// goes all the same and the deposit stays held, not lost.
							log::error!(target: "runtime::loans", "proposal {cursor}: {error:?}");
						}
						Loans::<T>::remove(cursor);
						Self::deposit_event(Event::ProposalExpired { loan_id: cursor });
						expired += 1;
					},
					// Accepted (its record stays for good) or withdrawn: nothing to do.
					_ => stepped_over += 1,
				}
				cursor += 1;
			}
			if stepped_over + expired > 0 {
				ExpiryCursor::<T>::put(cursor);
			}
			(stepped_over, expired)
		}

		/// The loans of borrower `id_hash` that took effect, from `start` on, at most
		/// `limit`, in loan id order.
		pub fn borrower_loans(
			id_hash: &IdHash,
			start: LoanId,
			limit: u32,
		) -> alloc::vec::Vec<LoanId> {
			Self::borrower_summary(id_hash, start, limit)
				.into_iter()
				.map(|entry| entry.loan_id)
				.collect()
		}

		/// Borrower `id_hash`'s summary: the loans that took effect, from loan id `start` on,
		/// at most `limit`, in loan id order — time and disclosure level only. Reads the
		/// history index alone, never the loan records.
		pub fn borrower_summary(
			id_hash: &IdHash,
			start: LoanId,
			limit: u32,
		) -> alloc::vec::Vec<SummaryEntry<BalanceOf<T>>> {
			let mut entries = alloc::vec::Vec::new();
			if limit == 0 {
				return entries;
			}
			let line = |loan_id: LoanId, entry: HistoryEntry<BalanceOf<T>>| SummaryEntry {
				loan_id,
				at: entry.at,
				disclosure: entry.disclosure,
			};
			if let Some(entry) = BorrowerLoans::<T>::get(id_hash, loan_key(start)) {
				entries.push(line(start, entry));
			}
			// Keys iterate in loan id order (see `BorrowerLoans`): continue after `start`.
			let after = BorrowerLoans::<T>::hashed_key_for(id_hash, loan_key(start));
			entries.extend(
				BorrowerLoans::<T>::iter_prefix_from(id_hash, after)
					.map(|(key, entry)| line(LoanId::from_be_bytes(key), entry))
					.take(limit as usize - entries.len()),
			);
			entries
		}

		/// Writes `loan`'s summary line into its borrower's history. Every call that
		/// activates a loan or changes its disclosure calls this, so the line never lags
		/// behind the record.
		fn write_history_entry(loan_id: LoanId, loan: &LoanOf<T>) {
			BorrowerLoans::<T>::insert(
				loan.borrower_id,
				loan_key(loan_id),
				Self::history_entry(loan),
			);
		}

		/// The summary line a loan that took effect shows in its borrower's history.
		fn history_entry(loan: &LoanOf<T>) -> HistoryEntry<BalanceOf<T>> {
			HistoryEntry {
				at: loan.activated.as_ref().map_or(0, |activation| activation.time_ms),
				disclosure: (&loan.disclosure).into(),
			}
		}

		/// A loan as clients see it.
		pub fn loan_view(
			loan_id: LoanId,
		) -> Option<LoanView<T::AccountId, BlockNumberFor<T>, BalanceOf<T>>> {
			let mut loan = Loans::<T>::get(loan_id)?;
			let lender = T::Identity::account_of(&loan.lender_id)?;
			let borrower = T::Identity::account_of(&loan.borrower_id)?;
			// Past its maturity a loan awaits feedback, whether or not its prompt is out yet.
			loan.state = loan.state_at(frame_system::Pallet::<T>::block_number());
			Some(loan.into_view(loan_id, lender, borrower))
		}

		/// A loan's inquiry log from entry `start` on, at most `limit` entries (capped at
		/// [`MAX_ACCESS_LOG_PAGE`]), oldest first: at most that many storage reads.
		pub fn access_log(
			loan_id: LoanId,
			start: RequestIndex,
			limit: u32,
		) -> alloc::vec::Vec<(RequestIndex, AccessRequestOf<T>)> {
			let end = AccessLogLength::<T>::get(loan_id)
				.min(start.saturating_add(limit.min(MAX_ACCESS_LOG_PAGE)));
			(start..end)
				.filter_map(|index| AccessRequests::<T>::get(loan_id, index).map(|e| (index, e)))
				.collect()
		}

		/// Checks the pallet's invariants.
		#[cfg(any(feature = "try-runtime", test))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			let next = NextLoanId::<T>::get();
			let expiry_cursor = ExpiryCursor::<T>::get();
			ensure!(expiry_cursor <= next, "the expiry cursor is beyond NextLoanId");
			for (loan_id, loan) in Loans::<T>::iter() {
				ensure!(loan_id < next, "a loan id at or beyond NextLoanId");
				ensure!(
					loan_id >= expiry_cursor || loan.took_effect(),
					"a pending proposal behind the expiry cursor"
				);
				ensure!(loan.lender_id != loan.borrower_id, "a loan lends to its lender");
				let history = BorrowerLoans::<T>::get(loan.borrower_id, loan_key(loan_id));
				ensure!(
					history.is_some() == loan.took_effect(),
					"the credit history and the loan disagree"
				);
				if let Some(entry) = history {
					ensure!(
						entry == Self::history_entry(&loan),
						"a history entry disagrees with its loan"
					);
				}
				ensure!(
					LenderLoans::<T>::contains_key(loan.lender_id, loan_key(loan_id))
						== loan.took_effect(),
					"the lender index and the loan disagree"
				);
				ensure!(
					matches!(loan.state, LoanState::Proposed { .. }) != loan.took_effect(),
					"a proposal that took effect, or a running loan that did not"
				);
				ensure!(
					(loan.state == LoanState::Concluded) == loan.outcome.is_some(),
					"an outcome without conclusion, or a conclusion without outcome"
				);
				ensure!(
					ProposalDeposits::<T>::contains_key(loan_id) != loan.took_effect(),
					"a pending proposal without its deposit, or a deposit kept after it"
				);
			}
			ensure!(
				PendingProposals::<T>::get() as usize == ProposalDeposits::<T>::iter().count(),
				"the count of pending proposals is wrong"
			);
			let consent_cursor = ConsentCursor::<T>::get();
			ensure!(
				UsedConsents::<T>::iter_keys().all(|(deadline, _)| deadline >= consent_cursor),
				"a used consent behind the consent cursor"
			);
			for (loan_id, _) in ProposalDeposits::<T>::iter() {
				ensure!(Loans::<T>::contains_key(loan_id), "a deposit for a removed proposal");
			}
			for (loan_id, length) in AccessLogLength::<T>::iter() {
				let mut open = 0u32;
				for index in 0..length {
					let entry = AccessRequests::<T>::get(loan_id, index)
						.ok_or("the inquiry log has a gap")?;
					if entry.status == RequestStatus::Open {
						open += 1;
						ensure!(
							OpenRequests::<T>::get(loan_id, &entry.viewer)
								.is_some_and(|o| o.index == index),
							"an open entry of the log is not the viewer's open request"
						);
					}
				}
				ensure!(
					open == OpenRequestCount::<T>::get(loan_id)
						&& open == OpenRequests::<T>::iter_prefix(loan_id).count() as u32,
					"the open requests and their count disagree"
				);
				ensure!(open <= T::MaxOpenRequests::get(), "more open requests than allowed");
			}
			for (id_hash, key, _) in BorrowerLoans::<T>::iter() {
				let loan = Loans::<T>::get(LoanId::from_be_bytes(key))
					.ok_or("the credit history names a missing loan")?;
				ensure!(loan.borrower_id == id_hash, "a loan is listed under another borrower");
			}
			Ok(())
		}
	}
}
