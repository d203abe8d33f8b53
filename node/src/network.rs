//! A new production network, from a short description of the institutions that launch it.
//!
//! ```json
//! {
//!   "name": "Loanchain",
//!   "id": "loanchain",
//!   "bootNodes": ["/dns/node.first-bank.example/tcp/30333/p2p/12D3KooW…"],
//!   "oprfThreshold": 3,
//!   "institutions": [
//!     {
//!       "name": "First Bank",
//!       "account": "5F…",
//!       "balance": 1000,
//!       "registrar": { "index": 1, "publicShare": "0x…" },
//!       "validator": { "aura": "5G…", "grandpa": "5H…" }
//!     }
//!   ]
//! }
//! ```
//!
//! Every institution is a member of `Institutions`; `balance` is in whole LOAN; those with
//! `validator` keys validate from the first block; those with `registrar` verify identities,
//! with the public share of the network's OPRF key the dealer ceremony gave them
//! (`loanctl oprf-deal`, whose output has these `index` and `publicShare` fields), and
//! `oprfThreshold` of them compute an id together.
//! Keys are SS58 public keys as `loanchain-node key generate` prints them. Days are 14 400
//! blocks. The description is refused if it names a well-known development key (`//Alice`,
//! …, or a share of the test chains' OPRF key) anywhere, or is otherwise inconsistent, so a
//! production spec cannot carry one.

use crate::chain_spec::{properties, ChainSpec};
use loanchain_runtime::genesis::{DEV_OPRF_SHARE, LOCAL_OPRF_SHARES};
use loanchain_runtime::governance::MAX_INSTITUTIONS;
use loanchain_runtime::{
	AccountId, BalancesConfig, CreditIdentityConfig, InstitutionsMembershipConfig, LoansConfig,
	RuntimeGenesisConfig, SessionConfig, SessionKeys, ValidatorSetConfig, UNIT, WASM_BINARY,
};
use pallet_credit_identity::OprfPublicShare;
use sc_service::ChainType;
use serde::Deserialize;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_core::ByteArray;
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};
use std::collections::BTreeSet;

/// Blocks in a chain day on a production network: 24 hours of 6-second blocks.
pub const PRODUCTION_BLOCKS_PER_DAY: u32 = 14_400;

/// What `loanchain-node new-network` reads.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NetworkDescription {
	/// The chain's name, as wallets show it.
	pub name: String,
	/// The chain's id (also the directory name under a node's base path).
	pub id: String,
	/// Addresses of the first nodes, for the others to find the network.
	#[serde(default)]
	pub boot_nodes: Vec<String>,
	/// How many registrars' answers compute an id: the threshold the dealer ceremony used.
	/// Needed when an institution is a registrar.
	#[serde(default)]
	pub oprf_threshold: u16,
	/// The participating institutions.
	pub institutions: Vec<Institution>,
}

/// One participating institution.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Institution {
	/// Who it is, for people reading the description.
	pub name: String,
	/// Its account: votes in `Institutions`, pays fees, signs as registrar.
	pub account: AccountId,
	/// What the account holds at genesis, in whole LOAN.
	#[serde(default)]
	pub balance: u64,
	/// If it verifies identities from the first block: its public share of the network's
	/// OPRF key.
	pub registrar: Option<RegistrarShare>,
	/// Its validator's session keys, if it runs a validator from the first block.
	pub validator: Option<ValidatorKeys>,
}

/// A registrar's public share, as `loanctl oprf-deal` prints it.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RegistrarShare {
	/// The share's index in the dealing.
	pub index: u16,
	/// `k_i·G`, 32 bytes in `0x`-prefixed hex.
	pub public_share: String,
}

impl RegistrarShare {
	/// The share as the chain stores it, if it is one the chain accepts.
	pub fn to_share(&self) -> Result<OprfPublicShare, String> {
		let element = sp_core::bytes::from_hex(&self.public_share)
			.ok()
			.and_then(|bytes| <[u8; 32]>::try_from(bytes).ok())
			.ok_or_else(|| format!("publicShare {} is not 32 bytes of hex", self.public_share))?;
		let share = OprfPublicShare { index: self.index, element };
		if !pallet_credit_identity::oprf::is_usable_share(&share) {
			return Err(format!(
				"share {} is not a public share (index 0, or not a ristretto255 element)",
				self.index
			));
		}
		Ok(share)
	}
}

/// A validator's session keys, as SS58 public keys.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ValidatorKeys {
	/// Produces blocks (sr25519).
	pub aura: AuraId,
	/// Votes on finality (ed25519).
	pub grandpa: GrandpaId,
}

impl NetworkDescription {
	/// Refuses a description a network could not start from, or that names a development
	/// key.
	pub fn check(&self) -> Result<(), String> {
		if self.institutions.is_empty() {
			return Err("no institutions".into());
		}
		if self.institutions.len() > MAX_INSTITUTIONS as usize {
			return Err(format!("more than {MAX_INSTITUTIONS} institutions"));
		}
		if !self.institutions.iter().any(|i| i.validator.is_some()) {
			return Err("no institution runs a validator: no block could be produced".into());
		}
		self.check_registrars()?;
		let mut seen = BTreeSet::new();
		for institution in &self.institutions {
			let mut keys = vec![institution.account.as_slice().to_vec()];
			if let Some(validator) = &institution.validator {
				keys.push(validator.aura.as_slice().to_vec());
				keys.push(validator.grandpa.as_slice().to_vec());
			}
			for key in keys {
				if let Some(name) = development_key_name(&key) {
					return Err(format!(
						"{} uses the well-known development key {name}: generate keys with \
						 `loanchain-node key generate`",
						institution.name
					));
				}
				if !seen.insert(key) {
					return Err(format!("{} repeats a key used above", institution.name));
				}
			}
		}
		Ok(())
	}

	/// The registrars' shares: usable, at distinct indexes, none of the test chains', and
	/// at least `oprfThreshold` of them.
	fn check_registrars(&self) -> Result<Vec<(AccountId, OprfPublicShare)>, String> {
		let mut registrars = Vec::new();
		for institution in &self.institutions {
			let Some(registrar) = &institution.registrar else { continue };
			let share = registrar.to_share().map_err(|e| format!("{}: {e}", institution.name))?;
			let dev = core::iter::once(&DEV_OPRF_SHARE).chain(&LOCAL_OPRF_SHARES);
			if dev.into_iter().any(|d| d.element == share.element) {
				return Err(format!(
					"{} uses a share of the test chains' well-known OPRF key: deal the network's 					 key with `loanctl oprf-deal`",
					institution.name
				));
			}
			if registrars.iter().any(|(_, s): &(_, OprfPublicShare)| s.index == share.index) {
				return Err(format!(
					"{} repeats the share index {}",
					institution.name, share.index
				));
			}
			registrars.push((institution.account.clone(), share));
		}
		let threshold = usize::from(self.oprf_threshold);
		if !registrars.is_empty() && !(1..=registrars.len()).contains(&threshold) {
			return Err(format!(
				"oprfThreshold {threshold} is not between 1 and the {} registrars",
				registrars.len()
			));
		}
		Ok(registrars)
	}

	/// The genesis config of the network, typed: every field is checked by the compiler
	/// against the runtime's own configuration types.
	pub fn genesis_config(&self) -> RuntimeGenesisConfig {
		let validators: Vec<_> =
			self.institutions.iter().filter(|i| i.validator.is_some()).collect();
		RuntimeGenesisConfig {
			balances: BalancesConfig {
				balances: self
					.institutions
					.iter()
					.filter(|i| i.balance > 0)
					.map(|i| (i.account.clone(), u128::from(i.balance) * UNIT))
					.collect(),
				..Default::default()
			},
			// Aura's and GRANDPA's first authorities come from the session keys.
			session: SessionConfig {
				keys: validators
					.iter()
					.map(|i| {
						let keys = i.validator.as_ref().expect("filtered above");
						let keys =
							SessionKeys { aura: keys.aura.clone(), grandpa: keys.grandpa.clone() };
						(i.account.clone(), i.account.clone(), keys)
					})
					.collect(),
				..Default::default()
			},
			validator_set: ValidatorSetConfig {
				validators: validators.iter().map(|i| i.account.clone()).collect(),
			},
			institutions_membership: InstitutionsMembershipConfig {
				members: self
					.institutions
					.iter()
					.map(|i| i.account.clone())
					.collect::<Vec<_>>()
					.try_into()
					.expect("check() allows at most MAX_INSTITUTIONS"),
				..Default::default()
			},
			credit_identity: CreditIdentityConfig {
				registrars: self.check_registrars().expect("check() passed"),
				oprf_threshold: self.oprf_threshold,
				identities: Vec::new(),
			},
			loans: LoansConfig { blocks_per_day: PRODUCTION_BLOCKS_PER_DAY, ..Default::default() },
			..Default::default()
		}
	}

	/// The chain spec of the network.
	pub fn chain_spec(&self) -> Result<ChainSpec, String> {
		self.check()?;
		let wasm = WASM_BINARY
			.ok_or_else(|| "the runtime wasm was not built (SKIP_WASM_BUILD?)".to_string())?;
		let boot_nodes = self
			.boot_nodes
			.iter()
			.map(|a| a.parse().map_err(|e| format!("boot node {a}: {e}")))
			.collect::<Result<Vec<_>, String>>()?;
		Ok(ChainSpec::builder(wasm, None)
			.with_name(&self.name)
			.with_id(&self.id)
			.with_protocol_id("loan")
			.with_chain_type(ChainType::Live)
			.with_boot_nodes(boot_nodes)
			.with_genesis_config(
				serde_json::to_value(self.genesis_config())
					.map_err(|e| format!("the genesis config: {e}"))?,
			)
			.with_properties(properties())
			.build())
	}
}

/// The name of the well-known development key `key` is (`//Alice`, …), if it is one.
fn development_key_name(key: &[u8]) -> Option<String> {
	let sr = Sr25519Keyring::iter().find(|k| k.public().as_slice() == key);
	let ed = Ed25519Keyring::iter().find(|k| k.public().as_slice() == key);
	sr.map(|k| format!("//{k:?} (sr25519)"))
		.or(ed.map(|k| format!("//{k:?} (ed25519)")))
}

/// `loanchain-node new-network <description.json>`: prints the chain spec.
#[derive(Debug, clap::Parser)]
pub struct NewNetworkCmd {
	/// The description of the institutions (see docs/operations.md).
	pub description: std::path::PathBuf,
	/// Print the raw chain spec (storage instead of the genesis config): the form every
	/// node of the network should be given.
	#[arg(long)]
	pub raw: bool,
}

impl NewNetworkCmd {
	/// Reads the description and prints the spec on standard output.
	pub fn run(&self) -> Result<(), String> {
		let text = std::fs::read_to_string(&self.description)
			.map_err(|e| format!("{}: {e}", self.description.display()))?;
		let description: NetworkDescription = serde_json::from_str(&text)
			.map_err(|e| format!("{}: {e}", self.description.display()))?;
		let spec = description.chain_spec()?;
		println!("{}", sc_service::ChainSpec::as_json(&spec, self.raw)?);
		Ok(())
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use sc_service::ChainSpec as _;
	use serde_json::json;
	use sp_core::crypto::Ss58Codec;
	use sp_core::{ed25519, sr25519, Pair};

	/// A description of `count` institutions with fresh random keys, all validators, the
	/// first a registrar holding the network's OPRF key whole (1 of 1, freshly dealt).
	fn fresh(count: usize) -> serde_json::Value {
		let key = loanchain_oprf::Scalar::from_bytes_mod_order(sr25519::Pair::generate().1);
		let share = json!({ "index": 1, "publicShare": hex(&loanchain_oprf::public_key_of(&key)) });
		let institutions: Vec<_> = (0..count)
			.map(|n| {
				json!({
					"name": format!("Institution {n}"),
					"account": sr25519::Pair::generate().0.public().to_ss58check(),
					"balance": 1000,
					"registrar": if n == 0 { share.clone() } else { serde_json::Value::Null },
					"validator": {
						"aura": sr25519::Pair::generate().0.public().to_ss58check(),
						"grandpa": ed25519::Pair::generate().0.public().to_ss58check(),
					},
				})
			})
			.collect();
		json!({
			"name": "Loanchain Test",
			"id": "loanchain_test",
			"oprfThreshold": 1,
			"institutions": institutions,
		})
	}

	fn hex(bytes: &[u8]) -> String {
		format!("0x{}", sp_core::hexdisplay::HexDisplay::from(&bytes))
	}

	fn parse(value: serde_json::Value) -> NetworkDescription {
		serde_json::from_value(value).expect("a valid description")
	}

	#[test]
	fn a_spec_from_fresh_keys_builds_and_no_development_key_appears_in_it() {
		let spec = parse(fresh(3)).chain_spec().expect("the spec builds");
		let raw = spec.as_json(true).expect("the raw spec (genesis storage) builds");
		// The storage without the runtime's code: the code carries the test chains' presets,
		// which name the development keys by design.
		let mut raw: serde_json::Value = serde_json::from_str(&raw).unwrap();
		let top = raw["genesis"]["raw"]["top"].as_object_mut().expect("raw storage");
		assert!(top.remove("0x3a636f6465").is_some(), "the code is in the genesis storage");
		let raw = raw.to_string();
		let plain = spec.as_json(false).unwrap();
		for key in Sr25519Keyring::iter()
			.map(|k| k.public().0)
			.chain(Ed25519Keyring::iter().map(|k| k.public().0))
		{
			let hex = sp_core::hexdisplay::HexDisplay::from(&key).to_string();
			assert!(!raw.contains(&hex), "a development key is in the genesis storage");
			assert!(!plain.contains(&sr25519::Public::from_raw(key).to_ss58check()));
		}
		assert_eq!(spec.chain_type(), ChainType::Live);
		let config = &serde_json::from_str::<serde_json::Value>(&plain).unwrap()["genesis"]
			["runtimeGenesis"]["config"];
		assert_eq!(config["loans"]["blocksPerDay"], 14_400);
		assert_eq!(config["institutionsMembership"]["members"].as_array().unwrap().len(), 3);
		assert_eq!(config["creditIdentity"]["registrars"].as_array().unwrap().len(), 1);
		assert_eq!(config["creditIdentity"]["oprfThreshold"], 1);
		assert_eq!(config["validatorSet"]["validators"].as_array().unwrap().len(), 3);
		assert_eq!(config["creditIdentity"]["identities"], serde_json::json!([]));
	}

	#[test]
	fn a_description_naming_a_development_key_is_refused() {
		for (field, key) in [
			("account", Sr25519Keyring::Alice.to_account_id().to_ss58check()),
			("aura", Sr25519Keyring::Bob.public().to_ss58check()),
			("grandpa", Ed25519Keyring::Charlie.public().to_ss58check()),
		] {
			let mut description = fresh(2);
			let institution = &mut description["institutions"][1];
			match field {
				"account" => institution["account"] = key.into(),
				other => institution["validator"][other] = key.into(),
			}
			let error = parse(description).chain_spec().err().expect("the description is refused");
			assert!(error.contains("well-known development key"), "{error}");
		}
	}

	#[test]
	fn inconsistent_descriptions_are_refused() {
		let mut no_validator = fresh(1);
		no_validator["institutions"][0]["validator"] = serde_json::Value::Null;
		assert!(parse(no_validator)
			.check()
			.unwrap_err()
			.contains("no institution runs a validator"));

		let mut repeated = fresh(2);
		repeated["institutions"][1]["account"] = repeated["institutions"][0]["account"].clone();
		assert!(parse(repeated).check().unwrap_err().contains("repeats a key"));

		let mut typo = fresh(1);
		typo["institutions"][0]["registar"] = true.into();
		assert!(serde_json::from_value::<NetworkDescription>(typo).is_err());

		// Shares: the test chains' key, a malformed one, a repeated index, a threshold above
		// the number of registrars.
		let refused = |edit: &dyn Fn(&mut serde_json::Value)| {
			let mut description = fresh(2);
			edit(&mut description);
			parse(description).check().unwrap_err()
		};
		let dev = hex(&DEV_OPRF_SHARE.element);
		let error =
			refused(&|d| d["institutions"][0]["registrar"]["publicShare"] = dev.clone().into());
		assert!(error.contains("well-known OPRF key"), "{error}");
		let error = refused(&|d| d["institutions"][0]["registrar"]["publicShare"] = "0x00".into());
		assert!(error.contains("not 32 bytes"), "{error}");
		let error = refused(&|d| {
			d["institutions"][0]["registrar"]["publicShare"] = hex(&[0xff; 32]).into()
		});
		assert!(error.contains("not a public share"), "{error}");
		let error = refused(&|d| {
			d["institutions"][1]["registrar"] = d["institutions"][0]["registrar"].clone()
		});
		assert!(error.contains("repeats the share index 1"), "{error}");
		let error = refused(&|d| d["oprfThreshold"] = 2.into());
		assert!(error.contains("oprfThreshold 2"), "{error}");
		let error = refused(&|d| d["oprfThreshold"] = 0.into());
		assert!(error.contains("oprfThreshold 0"), "{error}");
	}
}
