//! A minimal runtime for the upgrade pallet's tests and benchmarks.
//!
//! The "wasm" of a test runtime is its SCALE-encoded `RuntimeVersion`: the version reader
//! registered in the externalities decodes it, as the node's executor would read the
//! version section of a real wasm.

use crate as pallet_upgrade_delay;
use codec::Encode;
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, ConstU64},
};
use frame_system::EnsureRoot;
use sp_core::traits::{Externalities, ReadRuntimeVersion, ReadRuntimeVersionExt};
use sp_runtime::BuildStorage;
use sp_version::RuntimeVersion;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Upgrades: pallet_upgrade_delay,
	}
);

parameter_types! {
	pub Version: RuntimeVersion = version(100);
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type Version = Version;
}

/// Blocks between an announcement and the first block the code can be applied in: two
/// chain days of five blocks.
pub const DELAY: u64 = 10;

impl pallet_upgrade_delay::Config for Test {
	type AuthorizeOrigin = EnsureRoot<u64>;
	type CancelOrigin = EnsureRoot<u64>;
	type UpgradeDelay = ConstU32<2>;
	type BlocksPerDay = ConstU64<5>;
	type WeightInfo = ();
}

/// The version of a test runtime with `spec_version`.
pub fn version(spec_version: u32) -> RuntimeVersion {
	RuntimeVersion {
		spec_name: "loanchain".into(),
		spec_version,
		system_version: 1,
		..Default::default()
	}
}

/// The code of a test runtime with `spec_version`.
pub fn code(spec_version: u32) -> Vec<u8> {
	version(spec_version).encode()
}

/// Reads a test runtime's version: its code is the encoded version.
struct EncodedVersionReader;
impl ReadRuntimeVersion for EncodedVersionReader {
	fn read_runtime_version(
		&self,
		wasm_code: &[u8],
		_: &mut dyn Externalities,
	) -> Result<Vec<u8>, String> {
		Ok(wasm_code.to_vec())
	}
}

pub fn new_test_ext() -> sp_io::TestExternalities {
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new_with_code(&code(100), storage);
	ext.register_extension(ReadRuntimeVersionExt::new(EncodedVersionReader));
	ext.execute_with(|| System::set_block_number(1));
	ext
}
