//! Genesis presets, served through the `GenesisBuilder` runtime API.
//!
//! - `development` (`--dev`, `--chain dev`): Alice alone validates, is the only institution
//!   (so her motions pass at once) and the registrar, holding the test network's OPRF key
//!   whole; the dev accounts are endowed; Bob, Charlie, Eve (people) and Dave (a lending
//!   company) have verified identities from the first block.
//! - `local_testnet` (`--chain local`): Alice, Bob, Charlie and Dave are four institutions;
//!   each runs a validator (GRANDPA finalizes with three of the four) and is a registrar,
//!   with its share of a 3-of-4 dealing of the test network's OPRF key. The same test
//!   identities are verified.
//!
//! Neither has sudo: no runtime of Loanchain does.
//!
//! The test identities are ids of well-formed but made-up ID numbers, and their X25519 secret
//! keys are `blake2b-256("loanchain/dev/x25519/" || name)`: both are public (see
//! `docs/dev-accounts.md`), so these identities are for testing only.

use crate::{
	AccountId, BalancesConfig, CreditIdentityConfig, InstitutionsMembershipConfig, LoansConfig,
	RuntimeGenesisConfig, SessionConfig, SessionKeys, ValidatorSetConfig, UNIT,
};
use alloc::{vec, vec::Vec};
use hex_literal::hex;
use pallet_credit_identity::{EncryptionKey, IdHash, IdentityKind, OprfPublicShare};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{PresetId, DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// What each endowed dev account starts with.
const ENDOWMENT: u128 = 1_000_000 * UNIT;

/// A test identity: who, what kind, the ID number its id is of, the id_hash and the X25519
/// public key.
pub(crate) struct DevIdentity {
	pub(crate) who: Sr25519Keyring,
	pub(crate) kind: IdentityKind,
	/// Read by the runtime's tests, which recompute the id from it.
	#[cfg_attr(not(test), allow(dead_code))]
	pub(crate) number: &'static str,
	pub(crate) id_hash: IdHash,
	encryption_key: EncryptionKey,
}

/// Ids under the test chains' OPRF key (`loanchain_oprf::dev_id_hash`: the key is public,
/// so these ids are computable by anyone, unlike a real network's) and keys by the dev-key
/// rule above; the runtime's tests recompute them.
pub(crate) const DEV_IDENTITIES: [DevIdentity; 4] = [
	DevIdentity {
		who: Sr25519Keyring::Bob,
		kind: IdentityKind::Person,
		number: "11010519491231002X",
		id_hash: hex!("cc63b3e5b34a857e13f659fad55643a30305079fa1029b8157d1fbf5cd6dba0c"),
		encryption_key: hex!("93e2351be057c6fc2840f791701080037291c172bd437a4b66a62d61bfefd852"),
	},
	DevIdentity {
		who: Sr25519Keyring::Charlie,
		kind: IdentityKind::Person,
		number: "440304199001011233",
		id_hash: hex!("1a4c4fb303f0c289e3becf7b404d893aa5c20213b3764121c62c394f716301d5"),
		encryption_key: hex!("7d34b6e1db10171c485cf05e7e0a8251cff83b21c2b74cecb73bc58eeedb6908"),
	},
	DevIdentity {
		who: Sr25519Keyring::Dave,
		kind: IdentityKind::Enterprise,
		number: "91350100M000100Y43",
		id_hash: hex!("3a5757041a59d18fffef8bc8a2867a8d0b93df9b65a9215e8745bde0bd286d7e"),
		encryption_key: hex!("ce3df2061d66b6bf5bc40430c3fdb4319b34f8c09f9a4e9e2b3cdba90d44e631"),
	},
	DevIdentity {
		who: Sr25519Keyring::Eve,
		kind: IdentityKind::Person,
		number: "310115198511204566",
		id_hash: hex!("06b31bcf27d62e194ed7defeabac5deca6805af207858816c3cb4ec8b95e4c03"),
		encryption_key: hex!("1f83fc47d061ced2d81eba33757390b9a049c9a45f15d07a6e3d489c46f44319"),
	},
];

/// The public shares of the test chains' network OPRF key (`loanchain_oprf::dev_shares`:
/// its coefficients are public, so everyone can compute every id on these chains). The key
/// is the same on both chains: `--dev`'s one registrar holds it whole (1 of 1);
/// `--chain local`'s four registrars hold shares 1–4 of a 3-of-4 dealing of it. The
/// runtime's tests recompute them.
pub const DEV_OPRF_SHARE: OprfPublicShare = OprfPublicShare {
	index: 1,
	element: hex!("a612ec9542e6aad9bcfb35fad783549fd43b5ad66f15df355605eefeb7efe469"),
};
/// See [`DEV_OPRF_SHARE`]: Alice's, Bob's, Charlie's and Dave's shares on `--chain local`.
pub const LOCAL_OPRF_SHARES: [OprfPublicShare; 4] = [
	OprfPublicShare {
		index: 1,
		element: hex!("1e09b1cb191f821218b32df6449c4163e8d7a97b8fbfdc0b45d3840076b47677"),
	},
	OprfPublicShare {
		index: 2,
		element: hex!("0a68bbfc8129f4bdd4fcf8116724537f02ab6a711c7c908c623c12c03e878f56"),
	},
	OprfPublicShare {
		index: 3,
		element: hex!("e27079d07d0bfc5af65ccc9ff33cd9e9f97e6a2ea2796911ff092f786bacaf08"),
	},
	OprfPublicShare {
		index: 4,
		element: hex!("2a3fcab60454b2c35a1f7e428c92c2409f0de46334a28cb71702b538f7dfc46f"),
	},
];
/// How many of `--chain local`'s four registrars compute an id together.
pub const LOCAL_OPRF_THRESHOLD: u16 = 3;

/// A dev validator: its account (sr25519, also its Aura key) and its GRANDPA key.
type DevValidator = (Sr25519Keyring, Ed25519Keyring);

fn session_keys((account, grandpa): DevValidator) -> (AccountId, AccountId, SessionKeys) {
	let keys = SessionKeys {
		aura: AuraId::from(account.public()),
		grandpa: GrandpaId::from(grandpa.public()),
	};
	(account.to_account_id(), account.to_account_id(), keys)
}

/// Blocks per "day" on the test chains: 5 six-second blocks, so a one-day loan matures in
/// half a minute and the whole lifecycle can be walked through by hand or in tests.
pub const TEST_BLOCKS_PER_DAY: u32 = 5;

fn testnet_genesis(
	validators: &[DevValidator],
	institutions: Vec<AccountId>,
	registrars: Vec<(AccountId, OprfPublicShare)>,
	oprf_threshold: u16,
) -> RuntimeGenesisConfig {
	let endowed = Sr25519Keyring::iter().map(|k| (k.to_account_id(), ENDOWMENT)).collect();
	let identities = DEV_IDENTITIES
		.iter()
		.map(|d| (d.who.to_account_id(), d.kind, d.id_hash, d.encryption_key))
		.collect();
	RuntimeGenesisConfig {
		// Aura's and GRANDPA's first authorities come from the session keys.
		session: SessionConfig {
			keys: validators.iter().copied().map(session_keys).collect(),
			..Default::default()
		},
		validator_set: ValidatorSetConfig {
			validators: validators.iter().map(|(v, _)| v.to_account_id()).collect(),
		},
		institutions_membership: InstitutionsMembershipConfig {
			members: institutions.try_into().expect("at most MAX_INSTITUTIONS"),
			..Default::default()
		},
		balances: BalancesConfig { balances: endowed, ..Default::default() },
		credit_identity: CreditIdentityConfig { registrars, oprf_threshold, identities },
		loans: LoansConfig { blocks_per_day: TEST_BLOCKS_PER_DAY, ..Default::default() },
		..Default::default()
	}
}

/// The `development` preset.
pub fn development() -> RuntimeGenesisConfig {
	let alice = Sr25519Keyring::Alice.to_account_id();
	testnet_genesis(
		&[(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
		vec![alice.clone()],
		vec![(alice, DEV_OPRF_SHARE)],
		1,
	)
}

/// The `local_testnet` preset.
pub fn local_testnet() -> RuntimeGenesisConfig {
	let validators = [
		(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
		(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
		(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
		(Sr25519Keyring::Dave, Ed25519Keyring::Dave),
	];
	let institutions: Vec<AccountId> = validators.iter().map(|(v, _)| v.to_account_id()).collect();
	let registrars = institutions.iter().cloned().zip(LOCAL_OPRF_SHARES).collect();
	testnet_genesis(&validators, institutions, registrars, LOCAL_OPRF_THRESHOLD)
}

/// The JSON of the preset `id`, if there is one by that name.
pub fn preset(id: &PresetId) -> Option<Vec<u8>> {
	let config = match id.as_ref() {
		DEV_RUNTIME_PRESET => development(),
		LOCAL_TESTNET_RUNTIME_PRESET => local_testnet(),
		_ => return None,
	};
	Some(serde_json::to_vec(&config).expect("a genesis config serializes to JSON"))
}

/// The presets this runtime offers.
pub fn preset_names() -> Vec<PresetId> {
	vec![PresetId::from(DEV_RUNTIME_PRESET), PresetId::from(LOCAL_TESTNET_RUNTIME_PRESET)]
}
