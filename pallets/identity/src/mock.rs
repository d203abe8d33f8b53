//! A minimal runtime for the identity pallet's tests and benchmarks.

use crate as pallet_credit_identity;
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, ConstU64},
};
use frame_system::EnsureRoot;
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		CreditIdentity: pallet_credit_identity,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

parameter_types! {
	pub const IdentityDeposit: u64 = DEPOSIT;
	pub const RejectionPenalty: sp_runtime::Perbill = sp_runtime::Perbill::from_percent(20);
}

impl pallet_credit_identity::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type IdentityDeposit = IdentityDeposit;
	type RegistrarOrigin = EnsureRoot<u64>;
	type MaxRegistrars = ConstU32<4>;
	type RejectionPenalty = RejectionPenalty;
	type RebindDelay = ConstU32<REBIND_DELAY_DAYS>;
	type BlocksPerDay = ConstU64<BLOCKS_PER_DAY>;
	type LenderTokenPrice = ConstU64<TOKEN_PRICE>;
	type WeightInfo = ();
}

/// A rejected claim forfeits a fifth of its deposit.
pub const FORFEIT: u64 = DEPOSIT / 5;
/// Two chain days of five blocks.
pub const REBIND_DELAY_DAYS: u32 = 2;
pub const BLOCKS_PER_DAY: u64 = 5;
pub const REBIND_DELAY: u64 = REBIND_DELAY_DAYS as u64 * BLOCKS_PER_DAY;

pub const DEPOSIT: u64 = 100;
/// The price of a lender token: a bundle of ten costs 20.
pub const TOKEN_PRICE: u64 = 2;
/// A registrar at genesis.
pub const REGISTRAR: u64 = 1;
/// A second registrar at genesis.
pub const REGISTRAR_2: u64 = 2;
/// Accounts with money and no identity.
pub const ALICE: u64 = 10;
pub const BOB: u64 = 11;
pub const CAROL: u64 = 12;
/// An account with too little money for the deposit.
pub const PAUPER: u64 = 13;
/// Verified at genesis.
pub const GENESIS_PERSON: u64 = 20;
pub const GENESIS_PERSON_HASH: [u8; 32] = [0x20; 32];

pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![
			(REGISTRAR, 1_000),
			(REGISTRAR_2, 1_000),
			(ALICE, 1_000),
			(BOB, 1_000),
			(CAROL, 1_000),
			(PAUPER, 50),
			(GENESIS_PERSON, 1_000),
		],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_credit_identity::GenesisConfig::<Test> {
		registrars: vec![(REGISTRAR_2, share(2)), (REGISTRAR, share(1))],
		oprf_threshold: 2,
		identities: vec![(
			GENESIS_PERSON,
			crate::IdentityKind::Person,
			GENESIS_PERSON_HASH,
			[7u8; 32],
		)],
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// The public share at `index` (1 to 4) of a real 2-of-4 dealing (`loanchain-oprf`'s test
/// dealing): the mock's registrars hold 1 and 2.
pub fn share(index: u16) -> crate::OprfPublicShare {
	loanchain_oprf::dev_shares(2, 4).unwrap()[usize::from(index) - 1].public()
}
