//! The types of the loan record.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::BoundedVec;
use scale_info::TypeInfo;

pub use loanchain_primitives::{
	IdHash, IdentityKind, InquiryPurpose, LoanId, RequestIndex, Role, MAX_ACCESS_LOG_PAGE,
	MAX_SUMMARY_PAGE,
};
pub use loanchain_sealing::{ContentKey, Envelope, KeyCommitment, Nonce, ENVELOPE_LEN};

/// A loan id as the second key of the history indexes: big-endian, so that the storage
/// order of the keys (byte order) is the numeric order of the ids and a history can be
/// paged by loan id.
pub type LoanKey = [u8; 8];

/// The history-index key of `loan_id`.
pub fn loan_key(loan_id: LoanId) -> LoanKey {
	loan_id.to_be_bytes()
}

/// The sealed terms of a loan, as the proposer stores them (see the sealing format,
/// `loanchain_sealing`): the ciphertext under the loan's content key, the commitment to that
/// key, and the key in an envelope for each party, so that both can always read what they
/// co-signed.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(MaxLen))]
pub struct SealedDetails<MaxLen: frame_support::traits::Get<u32>> {
	pub nonce: Nonce,
	pub ciphertext: BoundedVec<u8, MaxLen>,
	/// `blake2b-256("loanchain/key/v1" || K)`: only the key it commits to can be published.
	pub key_commitment: KeyCommitment,
	pub lender_envelope: Envelope,
	pub borrower_envelope: Envelope,
}

/// `SealedDetails` as a call receives it and the runtime API returns it: the same fields,
/// the ciphertext unbounded so that an oversized one is refused with a named error
/// (`DetailsTooLong`) instead of failing to decode, and so that the API's type does not
/// depend on the runtime's limits.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct DetailsInput {
	pub nonce: Nonce,
	pub ciphertext: alloc::vec::Vec<u8>,
	pub key_commitment: KeyCommitment,
	pub lender_envelope: Envelope,
	pub borrower_envelope: Envelope,
}

impl DetailsInput {
	/// The details as a loan stores them, or `None` when the ciphertext is longer than
	/// `MaxLen`.
	pub fn bounded<MaxLen: frame_support::traits::Get<u32>>(self) -> Option<SealedDetails<MaxLen>> {
		Some(SealedDetails {
			nonce: self.nonce,
			ciphertext: self.ciphertext.try_into().ok()?,
			key_commitment: self.key_commitment,
			lender_envelope: self.lender_envelope,
			borrower_envelope: self.borrower_envelope,
		})
	}
}

/// The outcome byte sealed under the loan's content key: 1 byte and the 16-byte tag.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct SealedOutcome {
	pub nonce: Nonce,
	pub ciphertext: [u8; loanchain_sealing::OUTCOME_CIPHERTEXT_LEN],
}

/// How the details and outcome of a loan can be had. Only ever moves towards openness.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum Disclosure<Balance> {
	/// Only the parties (and whom the lender grants) can read them.
	Encrypted,
	/// Anyone may buy access for `price`; the lender grants it.
	Paid { price: Balance },
	/// The content key is published: anyone reads the plaintext.
	Public { content_key: ContentKey },
}

impl<Balance> Disclosure<Balance> {
	/// 0 = encrypted, 1 = paid, 2 = public.
	pub fn openness(&self) -> u8 {
		match self {
			Disclosure::Encrypted => 0,
			Disclosure::Paid { .. } => 1,
			Disclosure::Public { .. } => 2,
		}
	}
}

/// Where a loan is in its life.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum LoanState<BlockNumber> {
	/// Signed by the proposer only; removed if not accepted by `expires_at`.
	Proposed { expires_at: BlockNumber },
	/// Signed by both; runs until its maturity.
	Active,
	/// Matured; the lender has been prompted for feedback.
	AwaitingFeedback,
	/// The lender offered `extra_days` more; the borrower has to confirm.
	ExtensionProposed { extra_days: u32 },
	/// The lender recorded the outcome. Final.
	Concluded,
}

/// When a proposal took effect: block and Unix time in milliseconds.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct Activation<BlockNumber> {
	pub block: BlockNumber,
	pub time_ms: u64,
}

/// One confirmed extension.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct Extension<BlockNumber> {
	pub extra_days: u32,
	pub confirmed_at: BlockNumber,
	pub new_maturity: BlockNumber,
}

/// A loan record.
///
/// The parties are identities, not accounts: "the lender" and "the borrower" are whichever
/// accounts hold `lender_id` and `borrower_id` now (the identity pallet's `Owners`), so that
/// after a rebind the new account acts for the loan and the old one can do nothing with it.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(MaxLen, MaxExtensions))]
pub struct Loan<AccountId, BlockNumber, Balance, MaxLen, MaxExtensions>
where
	MaxLen: frame_support::traits::Get<u32>,
	MaxExtensions: frame_support::traits::Get<u32>,
{
	/// The lender: its identity, or for a private lender only the loan's per-loan key.
	pub lender: Lender<AccountId>,
	/// The borrower's identity: the key of the credit history.
	pub borrower_id: IdHash,
	/// Who proposed (the other party co-signed by accepting).
	pub proposer: Role,
	pub period_days: u32,
	pub details: SealedDetails<MaxLen>,
	pub state: LoanState<BlockNumber>,
	pub proposed_at: BlockNumber,
	pub activated: Option<Activation<BlockNumber>>,
	/// When the loan matures (matured), once active.
	pub maturity: Option<BlockNumber>,
	pub extensions: BoundedVec<Extension<BlockNumber>, MaxExtensions>,
	pub outcome: Option<SealedOutcome>,
	pub concluded_at: Option<BlockNumber>,
	pub disclosure: Disclosure<Balance>,
}

impl<AccountId, BlockNumber, Balance, MaxLen, MaxExtensions>
	Loan<AccountId, BlockNumber, Balance, MaxLen, MaxExtensions>
where
	MaxLen: frame_support::traits::Get<u32>,
	MaxExtensions: frame_support::traits::Get<u32>,
{
	/// The lender's identity, if the lender is public.
	pub fn lender_id(&self) -> Option<&IdHash> {
		match &self.lender {
			Lender::Identity(id_hash) => Some(id_hash),
			Lender::Private(_) => None,
		}
	}

	/// The identity that has to accept: the party who did not propose (a proposal's lender
	/// is always public).
	pub fn counterparty_id(&self) -> Option<&IdHash> {
		match self.proposer {
			Role::Lender => Some(&self.borrower_id),
			Role::Borrower => self.lender_id(),
		}
	}

	/// The identity that proposed.
	pub fn proposer_id(&self) -> Option<&IdHash> {
		match self.proposer {
			Role::Lender => self.lender_id(),
			Role::Borrower => Some(&self.borrower_id),
		}
	}

	/// Whether `id_hash` is the lender's or the borrower's identity, as far as the chain
	/// knows: a private lender's identity is known to whoever reads the details only.
	pub fn is_party(&self, id_hash: &IdHash) -> bool {
		self.lender_id() == Some(id_hash) || self.borrower_id == *id_hash
	}

	/// Whether the loan took effect (and so belongs to the credit record for good).
	pub fn took_effect(&self) -> bool {
		self.activated.is_some()
	}

	/// The state as of block `now`: a running loan past its maturity awaits feedback, even
	/// before the chain has emitted its prompt.
	pub fn state_at(&self, now: BlockNumber) -> LoanState<BlockNumber>
	where
		BlockNumber: PartialOrd + Copy,
	{
		match (self.state, self.maturity) {
			(LoanState::Active, Some(maturity)) if maturity <= now => LoanState::AwaitingFeedback,
			(state, _) => state,
		}
	}

	/// The proposal hash the counterparty signs by accepting (see [`proposal_hash`]); `None`
	/// for a private lender's loan, which is never proposed.
	pub fn proposal_hash(&self, genesis_hash: &[u8], loan_id: LoanId) -> Option<[u8; 32]> {
		Some(proposal_hash(
			genesis_hash,
			loan_id,
			self.lender_id()?,
			&self.borrower_id,
			self.proposer,
			self.period_days,
			&self.details,
		))
	}
}

/// A per-loan key: the sr25519 public key a private lender made for one loan. The lender
/// token certified it; it signs the lender's acts on that loan and on no other.
pub type LenderKey = [u8; 32];

/// An sr25519 signature by a per-loan key.
pub type LenderSignature = [u8; 64];

/// Who lent, as the chain keeps it.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub enum Lender<AccountId> {
	/// A public lender: its identity. Loans of `propose`/`accept` and `record`.
	Identity(IdHash),
	/// A private lender (`record_private`): only the loan's per-loan key. Who lent is in
	/// the sealed details, signed by the lender's identity account.
	Private(PrivateLender<AccountId>),
}

/// What the chain keeps of a private lender: nothing that names it or links two of its
/// loans.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct PrivateLender<AccountId> {
	/// The loan's per-loan key: the lender acts by its signature (`act_as_lender`).
	pub key: LenderKey,
	/// The registrar whose lender token certified the key, and the token's epoch: the
	/// lenders this one hides among are those that registrar served in that epoch.
	pub issuer: AccountId,
	pub epoch: loanchain_primitives::TokenEpoch,
	/// How many acts the lender made on the loan: the index its next act signs.
	pub acts: u32,
}

/// A private lender's credential for one loan, as `record_private` takes it: the lender
/// token that certifies the per-loan key, the key, and the key's signature over the
/// private consent hash (the same terms the borrower signed).
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct LenderCredential<AccountId> {
	pub token: loanchain_primitives::LenderToken<AccountId>,
	pub key: LenderKey,
	pub signature: LenderSignature,
}

/// One loan of a `record_private_batch`: the arguments of a `record_private`.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct PrivateRecord<AccountId, Consent> {
	pub borrower: AccountId,
	pub details: DetailsInput,
	pub consent: Consent,
	pub lender: LenderCredential<AccountId>,
}

/// An act of a private lender on its loan (`act_as_lender`): what the public lender does
/// with the call of the same name, from the per-loan key.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub enum LenderAct<AccountId, Balance> {
	/// As `conclude`.
	Conclude { sealed_outcome: SealedOutcome, disclosure: Disclosure<Balance> },
	/// As `set_disclosure`.
	SetDisclosure { disclosure: Disclosure<Balance> },
	/// As `grant_access`; an open paid request's payment goes to `payee`, an account the
	/// lender names (a fresh one keeps its loans apart).
	GrantAccess { viewer: AccountId, envelope: Envelope, payee: AccountId },
	/// As `decline_access`.
	DeclineAccess { viewer: AccountId },
	/// As `propose_extension`, with the extra days sealed under the loan's content key:
	/// the borrower confirms the offer's hash (`confirm_sealed_extension`). Offering again
	/// replaces an offer the borrower has not confirmed.
	ProposeExtension { offer: SealedExtension },
}

/// A private lender's extension offer: the extra days sealed under the loan's content key
/// (`loanchain_sealing::seal_extension`, bound to the loan and the offer's place in its
/// list) with a nonce the loan uses for nothing else.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct SealedExtension {
	pub nonce: Nonce,
	pub ciphertext: loanchain_sealing::SealedExtensionBytes,
}

/// An extension of a private lender's loan, as the chain keeps it: the sealed offer, when
/// it was offered, and when the borrower confirmed it (`None` while it waits: only the last
/// of a loan's extensions may wait).
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct PrivateExtension<BlockNumber> {
	pub offer: SealedExtension,
	pub offered_at: BlockNumber,
	pub confirmed_at: Option<BlockNumber>,
}

/// What `accept` co-signs: `blake2-256(SCALE("loanchain/proposal/v1", genesis_hash,
/// loan_id, lender_id, borrower_id, proposer_role, period_days, details))`, `details` the
/// stored [`SealedDetails`] (see `loanchain_sealing::proposal_hash`, which clients share).
/// It names the chain and the loan id, both parties and their roles, the period and every
/// byte of the sealed terms, so no other proposal — on another chain, under another id, or
/// put under this id by a reorganisation — can take the place of the one the counterparty
/// read.
pub fn proposal_hash<MaxLen: frame_support::traits::Get<u32>>(
	genesis_hash: &[u8],
	loan_id: LoanId,
	lender_id: &IdHash,
	borrower_id: &IdHash,
	proposer: Role,
	period_days: u32,
	details: &SealedDetails<MaxLen>,
) -> [u8; 32] {
	loanchain_sealing::proposal_hash(&loanchain_sealing::Proposal {
		genesis_hash,
		loan_id,
		terms: sealing_terms(lender_id, borrower_id, proposer, period_days, details),
	})
}

/// What the counterparty signs off chain for `record`: `blake2-256(SCALE(
/// "loanchain/consent/v1", genesis_hash, lender_id, borrower_id, proposer_role,
/// period_days, details, deadline))` (see `loanchain_sealing::consent_hash`, which clients
/// share). It names the chain, both parties and their roles, the period, every byte of the
/// sealed terms and the last block the consent may be used at.
pub fn consent_hash<MaxLen: frame_support::traits::Get<u32>>(
	genesis_hash: &[u8],
	lender_id: &IdHash,
	borrower_id: &IdHash,
	proposer: Role,
	period_days: u32,
	details: &SealedDetails<MaxLen>,
	deadline: u32,
) -> [u8; 32] {
	loanchain_sealing::consent_hash(&loanchain_sealing::Consent {
		genesis_hash,
		terms: sealing_terms(lender_id, borrower_id, proposer, period_days, details),
		deadline,
	})
}

fn sealing_terms<'a, MaxLen: frame_support::traits::Get<u32>>(
	lender_id: &'a IdHash,
	borrower_id: &'a IdHash,
	proposer: Role,
	period_days: u32,
	details: &'a SealedDetails<MaxLen>,
) -> loanchain_sealing::Terms<'a> {
	loanchain_sealing::Terms {
		lender_id,
		borrower_id,
		proposer_role: proposer as u8,
		period_days,
		nonce: &details.nonce,
		ciphertext: &details.ciphertext,
		key_commitment: &details.key_commitment,
		lender_envelope: &details.lender_envelope,
		borrower_envelope: &details.borrower_envelope,
	}
}

/// What both parties of a private lender's loan sign, the borrower off chain (wrapped, as
/// wallets sign) and the lender with the per-loan key: `blake2-256(SCALE(
/// "loanchain/private-consent/v1", genesis_hash, lender_key, borrower_id, details,
/// deadline))` (see `loanchain_sealing::private_consent_hash`, which clients share). No
/// period: it is sealed in the details.
pub fn private_consent_hash<MaxLen: frame_support::traits::Get<u32>>(
	genesis_hash: &[u8],
	lender_key: &LenderKey,
	borrower_id: &IdHash,
	details: &SealedDetails<MaxLen>,
	deadline: u32,
) -> [u8; 32] {
	loanchain_sealing::private_consent_hash(&loanchain_sealing::PrivateConsent {
		genesis_hash,
		lender_key,
		borrower_id,
		details: loanchain_sealing::SealedDetails {
			nonce: &details.nonce,
			ciphertext: &details.ciphertext,
			key_commitment: &details.key_commitment,
			lender_envelope: &details.lender_envelope,
			borrower_envelope: &details.borrower_envelope,
		},
		deadline,
	})
}

/// Where an access request stands.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum RequestStatus {
	/// Waiting for the lender; a paid request's price is held from the viewer.
	Open,
	/// The lender stored an envelope for the viewer; the price went to the lender.
	Granted,
	/// The lender declined; the price returned to the viewer.
	Declined,
	/// Nobody answered within the deadline; the viewer took the price back.
	Reclaimed,
	/// The lender published the details, so anyone can read them: the price returned to the
	/// viewer at once.
	Published,
}

/// One entry of a loan's inquiry log: who asked for the details, when, and what became of
/// it. Kept after the request is answered, as a credit bureau keeps its inquiry log; asking
/// again adds another entry.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct AccessRequest<AccountId, BlockNumber, Balance> {
	pub viewer: AccountId,
	pub requested_at: BlockNumber,
	/// What is held from the viewer while the request is open (zero for a free request).
	pub held: Balance,
	pub status: RequestStatus,
	pub closed_at: Option<BlockNumber>,
}

/// A viewer's open request on a loan: its entry in the inquiry log and the deposit it holds
/// (a `Consideration` ticket) until it is answered.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct OpenRequest<Ticket> {
	pub index: RequestIndex,
	pub deposit: Ticket,
}

/// How the details of a loan can be had, without the published key itself: what the
/// borrower summary shows.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum DisclosureLevel<Balance> {
	Encrypted,
	Paid { price: Balance },
	Public,
}

impl<Balance: Copy> From<&Disclosure<Balance>> for DisclosureLevel<Balance> {
	fn from(disclosure: &Disclosure<Balance>) -> Self {
		match disclosure {
			Disclosure::Encrypted => DisclosureLevel::Encrypted,
			Disclosure::Paid { price } => DisclosureLevel::Paid { price: *price },
			Disclosure::Public { .. } => DisclosureLevel::Public,
		}
	}
}

/// What a borrower's history keeps beside each loan id: the two public facts of the loan,
/// so that a summary reads one map and never the loan records.
///
/// The loan record stays the source of truth: `accept` writes this entry, and `conclude`
/// and `set_disclosure` rewrite it in the same call as they change the record's
/// disclosure; `try_state` checks that the two agree.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct HistoryEntry<Balance> {
	/// When the loan took effect, Unix time in milliseconds.
	pub at: u64,
	pub disclosure: DisclosureLevel<Balance>,
}

/// One line of a borrower's summary: that they borrowed, when, and how the details can be
/// had. Never the lender, the amount or the outcome.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct SummaryEntry<Balance> {
	pub loan_id: LoanId,
	/// When the loan took effect, Unix time in milliseconds.
	pub at: u64,
	pub disclosure: DisclosureLevel<Balance>,
}

/// A loan record as clients receive it through the runtime API (unbounded collections, so
/// that the type does not depend on the runtime's limits). `lender` and `borrower` are the
/// accounts that hold the parties' identities at the block asked about; a private lender
/// has neither account nor id here, only its per-loan key (`lender_key`).
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct LoanView<AccountId, BlockNumber, Balance> {
	pub loan_id: LoanId,
	pub lender: Option<AccountId>,
	pub borrower: AccountId,
	pub lender_id: Option<IdHash>,
	/// A private lender's per-loan key.
	pub lender_key: Option<LenderKey>,
	pub borrower_id: IdHash,
	pub proposer: Role,
	pub period_days: u32,
	/// The sealed details, nested as the loan stores them.
	pub details: DetailsInput,
	pub state: LoanState<BlockNumber>,
	pub proposed_at: BlockNumber,
	pub activated: Option<Activation<BlockNumber>>,
	pub maturity: Option<BlockNumber>,
	pub extensions: alloc::vec::Vec<Extension<BlockNumber>>,
	pub outcome: Option<SealedOutcome>,
	pub concluded_at: Option<BlockNumber>,
	pub disclosure: Disclosure<Balance>,
}

impl<AccountId, BlockNumber, Balance, MaxLen, MaxExtensions>
	Loan<AccountId, BlockNumber, Balance, MaxLen, MaxExtensions>
where
	MaxLen: frame_support::traits::Get<u32>,
	MaxExtensions: frame_support::traits::Get<u32>,
{
	/// The record as the runtime API hands it out, with the accounts that now hold the
	/// parties' identities (`lender`: `None` for a private lender).
	pub fn into_view(
		self,
		loan_id: LoanId,
		lender: Option<AccountId>,
		borrower: AccountId,
	) -> LoanView<AccountId, BlockNumber, Balance> {
		let (lender_id, lender_key) = match &self.lender {
			Lender::Identity(id_hash) => (Some(*id_hash), None),
			Lender::Private(private) => (None, Some(private.key)),
		};
		LoanView {
			loan_id,
			lender,
			borrower,
			lender_id,
			lender_key,
			borrower_id: self.borrower_id,
			proposer: self.proposer,
			period_days: self.period_days,
			details: DetailsInput {
				nonce: self.details.nonce,
				ciphertext: self.details.ciphertext.into_inner(),
				key_commitment: self.details.key_commitment,
				lender_envelope: self.details.lender_envelope,
				borrower_envelope: self.details.borrower_envelope,
			},
			state: self.state,
			proposed_at: self.proposed_at,
			activated: self.activated,
			maturity: self.maturity,
			extensions: self.extensions.into_inner(),
			outcome: self.outcome,
			concluded_at: self.concluded_at,
			disclosure: self.disclosure,
		}
	}
}

/// A counterparty's consent to a loan that `record` takes: its signature over
/// [`consent_hash`] of the loan's terms and `deadline`.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct Consent<BlockNumber, Signature> {
	/// The last block at which the consent may be used. At most `MaxConsentDays` chain days
	/// ahead of the block that records the loan.
	pub deadline: BlockNumber,
	/// The counterparty account's signature over the consent hash: sr25519, ed25519 or
	/// ecdsa, over the 32 bytes wrapped in `<Bytes>…</Bytes>` (what wallets' `signRaw`
	/// signs); never over the bare 32 bytes (see [`crate::consent`]).
	pub signature: Signature,
}

/// A borrower's consent to be looked up once, that `inquire` takes: the signature of the
/// account holding `borrower_id` over [`inquiry_hash`] of it and the inquirer's identity.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct InquiryConsent<BlockNumber, Signature> {
	/// The borrower who consents.
	pub borrower_id: IdHash,
	/// Why the inquirer may look: stored in the borrower's inquiry log.
	pub purpose: InquiryPurpose,
	/// The last block at which the consent may be used. At most `MaxConsentDays` chain days
	/// ahead of the block that uses it.
	pub deadline: BlockNumber,
	/// The borrower account's signature over the inquiry hash, wrapped in
	/// `<Bytes>…</Bytes>` as wallets' `signRaw` signs (see [`crate::consent`]).
	pub signature: Signature,
}

/// An entry of a borrower's inquiry log: who looked them up with their consent, when and
/// why. Append-only.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Inquiry<BlockNumber> {
	/// The inquirer's identity.
	pub inquirer_id: IdHash,
	/// The block of the inquiry.
	pub at: BlockNumber,
	/// Why, as the borrower's consent says.
	pub purpose: InquiryPurpose,
}

/// What a borrower signs off chain to let `inquirer_id` look them up once:
/// `blake2-256(SCALE("loanchain/inquiry/v1", genesis_hash, inquirer_id, borrower_id,
/// purpose, deadline))` (see `loanchain_sealing::inquiry_hash`, which clients share).
pub fn inquiry_hash(
	genesis_hash: &[u8],
	inquirer_id: &IdHash,
	borrower_id: &IdHash,
	purpose: InquiryPurpose,
	deadline: u32,
) -> [u8; 32] {
	loanchain_sealing::inquiry_hash(&loanchain_sealing::Inquiry {
		genesis_hash,
		inquirer_id,
		borrower_id,
		purpose: purpose as u8,
		deadline,
	})
}
