//! A runtime for the loans pallet's tests: the real identity pallet supplies identities.

use crate as pallet_loans;
use crate::{ContentKey, DetailsInput, Envelope, LoanId, NextLoanId, Role, SealedOutcome};
use frame_support::{
	assert_ok, derive_impl, parameter_types,
	traits::{fungible::HoldConsideration, ConstU32, ConstU64, Footprint, LinearStoragePrice},
};
use frame_system::EnsureRoot;
use loanchain_sealing as sealing;
use pallet_credit_identity::IdentityKind;
use sp_runtime::{testing::TestSignature, traits::Convert, BuildStorage};

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Timestamp: pallet_timestamp,
		Balances: pallet_balances,
		CreditIdentity: pallet_credit_identity,
		Loans: pallet_loans,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u64>;
}

parameter_types! {
	/// The existential deposit: 1, unless a test raises it (`ExistentialDeposit::set`).
	pub static ExistentialDeposit: u64 = 1;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
	type ExistentialDeposit = ExistentialDeposit;
}

#[derive_impl(pallet_timestamp::config_preludes::TestDefaultConfig)]
impl pallet_timestamp::Config for Test {}

parameter_types! {
	pub const IdentityDeposit: u64 = 10;
	pub const RejectionPenalty: sp_runtime::Perbill = sp_runtime::Perbill::from_percent(20);
}

impl pallet_credit_identity::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type IdentityDeposit = IdentityDeposit;
	type RegistrarOrigin = EnsureRoot<u64>;
	type MaxRegistrars = ConstU32<4>;
	type RejectionPenalty = RejectionPenalty;
	/// One chain day of `REBIND_DELAY` blocks.
	type RebindDelay = ConstU32<1>;
	type BlocksPerDay = ConstU64<REBIND_DELAY>;
	type LenderTokenPrice = frame_support::traits::ConstU64<2>;
	type WeightInfo = ();
}

pub const REBIND_DELAY: u64 = 4;

/// A registrar starts moving the identity `id_hash` to the account `to`, and `to` completes
/// the move after `REBIND_DELAY` blocks (the chain's hooks run meanwhile).
pub fn rebind_identity(id_hash: [u8; 32], to: u64) {
	assert_ok!(CreditIdentity::rebind(signed(REGISTRAR), id_hash, to));
	run_to_block(System::block_number() + REBIND_DELAY);
	assert_ok!(CreditIdentity::complete_rebind(signed(to), id_hash));
}

parameter_types! {
	pub const ProposalTtl: u32 = PROPOSAL_TTL_DAYS;
	pub const AccessDeadline: u32 = ACCESS_DEADLINE_DAYS;
	/// A test may lower it (`MaxExpiryScan::set`) to see the cursor roll over.
	pub static MaxExpiryScan: u32 = 1_024;
}

parameter_types! {
	pub const ProposalHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Loans(pallet_loans::HoldReason::ProposalDeposit);
	pub const RequestHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Loans(pallet_loans::HoldReason::RequestDeposit);
}

/// A deposit of `DEPOSIT_BASE` and `DEPOSIT_PER_BYTE` per byte stored, as the runtime's.
pub type StoragePrice = LinearStoragePrice<ConstU64<DEPOSIT_BASE>, ConstU64<DEPOSIT_PER_BYTE>, u64>;
pub const DEPOSIT_BASE: u64 = 3;
pub const DEPOSIT_PER_BYTE: u64 = 1;
/// What every test account has at genesis.
pub const INITIAL_BALANCE: u64 = 100_000;

/// The deposit the proposal `loan` holds.
pub fn proposal_deposit(loan: &crate::LoanOf<Test>) -> u64 {
	StoragePrice::convert(Footprint::from_encodable(loan))
}

impl pallet_loans::Config for Test {
	type Identity = CreditIdentity;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type AccessDeadline = AccessDeadline;
	type UnixTime = Timestamp;
	type MaxDetailsLen = ConstU32<MAX_DETAILS>;
	type ProposalTtl = ProposalTtl;
	type MaxMaturitiesPerBlock = ConstU32<MAX_MATURITIES>;
	type MaxExpiryScanPerBlock = MaxExpiryScan;
	type MaxExtensions = ConstU32<3>;
	type MaxPeriodDays = ConstU32<3650>;
	type ProposalConsideration = HoldConsideration<u64, Balances, ProposalHoldReason, StoragePrice>;
	type RequestConsideration = HoldConsideration<u64, Balances, RequestHoldReason, StoragePrice>;
	type DepositBase = ConstU64<DEPOSIT_BASE>;
	type DepositPerByte = ConstU64<DEPOSIT_PER_BYTE>;
	type MaxOpenRequests = ConstU32<MAX_OPEN_REQUESTS>;
	type ConsentSignature = TestSignature;
	type MaxConsentDays = ConstU32<MAX_CONSENT_DAYS>;
	type MaxConsentExpiriesPerBlock = MaxConsentExpiries;
	type InquiryFee = ConstU64<INQUIRY_FEE>;
	type LenderTokens = CreditIdentity;
	type MaxLenderActs = ConstU32<MAX_LENDER_ACTS>;
	type MaxPrivateBatch = ConstU32<MAX_PRIVATE_BATCH>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = TestSigner;
	type WeightInfo = ();
}

pub const MAX_CONSENT_DAYS: u32 = 2;
/// What an inquiry burns from the inquirer.
pub const INQUIRY_FEE: u64 = 7;

parameter_types! {
	/// A test may lower it (`MaxConsentExpiries::set`) to see forgetting roll over.
	pub static MaxConsentExpiries: u32 = 1_024;
}

/// Test signatures name their signer and the message they sign (`TestSignature`): a
/// consent signed by `who` over `message`.
pub fn test_signature(who: u64, message: &[u8]) -> TestSignature {
	TestSignature(who, message.to_vec())
}

#[cfg(feature = "runtime-benchmarks")]
pub struct TestSigner;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_loans::BenchmarkHelper<u64, TestSignature> for TestSigner {
	fn signer(seed: u32) -> u64 {
		10_000 + seed as u64
	}
	fn sign(signer: &u64, message: &[u8]) -> TestSignature {
		test_signature(*signer, message)
	}
}

pub const MAX_OPEN_REQUESTS: u32 = 3;
pub const MAX_LENDER_ACTS: u32 = 4;
/// The most loans of a `record_private_batch` (`MaxPrivateBatch`).
pub const MAX_PRIVATE_BATCH: u32 = 3;
/// What every access request holds besides its price: its log entry is 26 bytes here (the
/// viewer, the block and the amount held, 8 bytes each; the status; no closing block yet).
pub const REQUEST_DEPOSIT: u64 = DEPOSIT_BASE + 26 * DEPOSIT_PER_BYTE;

pub const MAX_DETAILS: u32 = 256;
pub const MAX_MATURITIES: u32 = 3;
pub const PROPOSAL_TTL_DAYS: u32 = 2;
/// `PROPOSAL_TTL_DAYS` in blocks.
pub const PROPOSAL_TTL: u64 = (PROPOSAL_TTL_DAYS * BLOCKS_PER_DAY) as u64;
pub const BLOCKS_PER_DAY: u32 = 10;
pub const ACCESS_DEADLINE_DAYS: u32 = 3;
/// `ACCESS_DEADLINE_DAYS` in blocks.
pub const ACCESS_DEADLINE: u64 = (ACCESS_DEADLINE_DAYS * BLOCKS_PER_DAY) as u64;

pub const REGISTRAR: u64 = 1;
/// A lending company.
pub const COMPANY: u64 = 2;
/// People.
pub const ALICE: u64 = 3;
pub const BOB: u64 = 4;
pub const CAROL: u64 = 5;
/// Registered but not verified.
pub const PENDING: u64 = 6;
/// No identity at all.
pub const STRANGER: u64 = 7;
/// New accounts (no identity at genesis) that a registrar may move Alice's and the
/// company's identities to.
pub const NEW_ALICE: u64 = 8;
pub const NEW_COMPANY: u64 = 9;

pub fn id_of(who: u64) -> [u8; 32] {
	[who as u8; 32]
}

/// Each verified party's X25519 secret key (the public key is registered at genesis).
pub fn secret_of(who: u64) -> [u8; 32] {
	[0x40 + who as u8; 32]
}

pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: [
			REGISTRAR,
			COMPANY,
			ALICE,
			BOB,
			CAROL,
			PENDING,
			STRANGER,
			NEW_ALICE,
			NEW_COMPANY,
		]
		.into_iter()
		.map(|who| (who, INITIAL_BALANCE))
		.collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let verified = [
		(COMPANY, IdentityKind::Enterprise),
		(ALICE, IdentityKind::Person),
		(BOB, IdentityKind::Person),
		(CAROL, IdentityKind::Person),
	];
	pallet_credit_identity::GenesisConfig::<Test> {
		registrars: vec![(REGISTRAR, registrar_share(1))],
		oprf_threshold: 1,
		identities: verified
			.into_iter()
			.map(|(who, kind)| {
				(who, kind, id_of(who), loanchain_sealing::public_key(&secret_of(who)))
			})
			.collect(),
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_loans::GenesisConfig::<Test> { blocks_per_day: BLOCKS_PER_DAY, ..Default::default() }
		.assimilate_storage(&mut storage)
		.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	// A keystore, as the benchmark CLI has: the benchmarks' per-loan key signs from it.
	ext.register_extension(sp_keystore::KeystoreExt::new(
		sp_keystore::testing::MemoryKeystore::new(),
	));
	ext.execute_with(|| {
		System::set_block_number(1);
		Timestamp::set_timestamp(1_700_000_000_000);
		CreditIdentity::register(
			RuntimeOrigin::signed(PENDING),
			IdentityKind::Person,
			id_of(PENDING),
			[9; 32],
		)
		.unwrap();
	});
	ext
}

/// Moves to block `n`, running every pallet's hooks of each block on the way, with a
/// timestamp six seconds on per block.
pub fn run_to_block(n: u64) {
	System::run_to_block_with::<AllPalletsWithSystem>(
		n,
		frame_system::RunToBlockHooks::default()
			.before_initialize(|block| Timestamp::set_timestamp(1_700_000_000_000 + block * 6_000)),
	);
}

/// Runs `test` on a fresh chain and checks both pallets' invariants afterwards.
pub fn run(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Loans::do_try_state().expect("loans invariants hold");
		CreditIdentity::do_try_state().expect("identity invariants hold");
	});
}

pub fn signed(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

/// What a client sends to `propose` for a loan from `lender` to `borrower` with the terms
/// `plaintext`, and the content key it keeps.
pub fn seal_for(lender: u64, borrower: u64, plaintext: &[u8]) -> (DetailsInput, ContentKey) {
	let key = [0x5A; 32];
	let nonce = [0x01; 12];
	let envelope = |who: u64, ephemeral: u8| {
		sealing::make_envelope(&key, &sealing::public_key(&secret_of(who)), &[ephemeral; 32])
			.unwrap()
	};
	let details = DetailsInput {
		nonce,
		ciphertext: sealing::seal_details(&key, &nonce, plaintext, &id_of(borrower)),
		key_commitment: sealing::key_commitment(&key),
		lender_envelope: envelope(lender, 0x71),
		borrower_envelope: envelope(borrower, 0x72),
	};
	(details, key)
}

/// The hash `accept` takes for proposal `id`, computed as a client does: from the record
/// it reads and the chain's genesis hash (zeros when there is no such loan).
pub fn proposal_hash_of(id: LoanId) -> [u8; 32] {
	let Some(loan) = crate::Loans::<Test>::get(id) else { return [0; 32] };
	loan.proposal_hash(System::block_hash(0).as_ref(), id).unwrap_or_default()
}

/// The consent hash `counterparty` signs for a loan `submitter` records in `role` (see
/// `consent_hash`), computed as a client does.
pub fn consent_hash_for(
	submitter: u64,
	counterparty: u64,
	role: Role,
	period_days: u32,
	details: &DetailsInput,
	deadline: u64,
) -> [u8; 32] {
	let (lender, borrower) = match role {
		Role::Lender => (submitter, counterparty),
		Role::Borrower => (counterparty, submitter),
	};
	// The identity each account holds now (it may have moved to it by a rebind).
	let id = |who: u64| {
		use pallet_credit_identity::VerifiedIdentity;
		CreditIdentity::verified(&who).map_or(id_of(who), |party| party.id_hash)
	};
	// Details too long to store have no consent hash; `record` refuses them before it
	// looks at the signature.
	let Some(details) = details.clone().bounded::<ConstU32<MAX_DETAILS>>() else { return [0; 32] };
	crate::consent_hash(
		System::block_hash(0).as_ref(),
		&id(lender),
		&id(borrower),
		role,
		period_days,
		&details,
		deadline as u32,
	)
}

/// `signer`'s consent, over the consent hash wrapped as wallets sign it, to the loan
/// `submitter` records in `role` with `counterparty`.
pub fn consent_by(
	signer: u64,
	submitter: u64,
	counterparty: u64,
	role: Role,
	period_days: u32,
	details: &DetailsInput,
	deadline: u64,
) -> crate::ConsentOf<Test> {
	let hash = consent_hash_for(submitter, counterparty, role, period_days, details, deadline);
	crate::Consent { deadline, signature: test_signature(signer, &crate::consent::wrapped(&hash)) }
}

/// An active loan between two verified parties: `lender` proposes, `borrower` accepts.
/// Returns the loan id and the content key.
pub fn active_loan_between(
	lender: u64,
	borrower: u64,
	days: u32,
	plaintext: &[u8],
) -> (LoanId, ContentKey) {
	let (details, key) = seal_for(lender, borrower, plaintext);
	let id = NextLoanId::<Test>::get();
	assert_ok!(Loans::propose(signed(lender), borrower, Role::Lender, days, details.clone()));
	assert_ok!(Loans::accept(signed(borrower), id, proposal_hash_of(id)));
	(id, key)
}

/// The outcome `byte` of loan `id`, sealed under its content key `key`.
pub fn outcome(key: &ContentKey, id: LoanId, byte: u8) -> SealedOutcome {
	let nonce = [0x09; 12];
	SealedOutcome { nonce, ciphertext: sealing::seal_outcome(key, &nonce, byte, id) }
}

/// The content key `key` sealed to `viewer`'s registered X25519 key.
pub fn envelope_for(viewer: u64, key: &ContentKey) -> Envelope {
	sealing::make_envelope(key, &sealing::public_key(&secret_of(viewer)), &[0x99; 32]).unwrap()
}

/// The loans pallet's events so far, oldest first.
pub fn loan_events() -> Vec<pallet_loans::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::Loans(e) = r.event { Some(e) } else { None })
		.collect()
}

/// The ids of borrower `id_hash`'s loans in its summary page (`borrower_summary`).
pub fn summary_ids(id_hash: &[u8; 32], start: LoanId, limit: u32) -> Vec<LoanId> {
	Loans::borrower_summary(id_hash, start, limit)
		.into_iter()
		.map(|e| e.loan_id)
		.collect()
}

/// A viewer's `max_price` that any price is within, for tests about other things than the
/// limit.
pub const ANY_PRICE: u64 = u64::MAX;

/// A usable public share at `index` for the mock's registrars: the ristretto255 generator
/// (these tests evaluate no OPRF; the identity pallet's tests use real dealings).
pub fn registrar_share(index: u16) -> pallet_credit_identity::OprfPublicShare {
	pallet_credit_identity::OprfPublicShare {
		index,
		element: [
			0xe2, 0xf2, 0xae, 0x0a, 0x6a, 0xbc, 0x4e, 0x71, 0xa8, 0x84, 0xa9, 0x61, 0xc5, 0x00,
			0x51, 0x5f, 0x58, 0xe3, 0x0b, 0x6a, 0xa5, 0x82, 0xdd, 0x8d, 0xb6, 0xa6, 0x59, 0x45,
			0xe0, 0x8d, 0x2d, 0x76,
		],
	}
}
