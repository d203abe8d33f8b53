//! A new production network, from a short description of the institutions that launch it.
//!
//! ```json
//! {
//!   "name": "Loanchain",
//!   "id": "loanchain",
//!   "bootNodes": ["/dns/node.first-bank.example/tcp/30333/p2p/12D3KooW…"],
//!   "institutions": [
//!     {
//!       "name": "First Bank",
//!       "account": "5F…",
//!       "balance": 1000,
//!       "registrar": true,
//!       "validator": { "aura": "5G…", "grandpa": "5H…" }
//!     }
//!   ]
//! }
//! ```
//!
//! Every institution is a member of `Institutions`; `balance` is in whole LOAN; those with
//! `validator` keys validate from the first block; those with `registrar` verify identities.
//! Keys are SS58 public keys as `loanchain-node key generate` prints them. Days are 14 400
//! blocks. The description is refused if it names a well-known development key (`//Alice`,
//! …) anywhere, or is otherwise inconsistent, so a production spec cannot carry one.

use crate::chain_spec::{properties, ChainSpec};
use loanchain_runtime::governance::MAX_INSTITUTIONS;
use loanchain_runtime::{
	AccountId, BalancesConfig, CreditIdentityConfig, InstitutionsMembershipConfig, LoansConfig,
	RuntimeGenesisConfig, SessionConfig, SessionKeys, ValidatorSetConfig, UNIT, WASM_BINARY,
};
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
	/// Whether it verifies identities from the first block.
	#[serde(default)]
	pub registrar: bool,
	/// Its validator's session keys, if it runs a validator from the first block.
	pub validator: Option<ValidatorKeys>,
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
				registrars: self
					.institutions
					.iter()
					.filter(|i| i.registrar)
					.map(|i| i.account.clone())
					.collect(),
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
	/// first a registrar.
	fn fresh(count: usize) -> serde_json::Value {
		let institutions: Vec<_> = (0..count)
			.map(|n| {
				json!({
					"name": format!("Institution {n}"),
					"account": sr25519::Pair::generate().0.public().to_ss58check(),
					"balance": 1000,
					"registrar": n == 0,
					"validator": {
						"aura": sr25519::Pair::generate().0.public().to_ss58check(),
						"grandpa": ed25519::Pair::generate().0.public().to_ss58check(),
					},
				})
			})
			.collect();
		json!({ "name": "Loanchain Test", "id": "loanchain_test", "institutions": institutions })
	}

	fn parse(value: serde_json::Value) -> NetworkDescription {
		serde_json::from_value(value).expect("a valid description")
	}

	#[test]
	fn a_spec_from_fresh_keys_builds_and_no_development_key_appears_in_it() {
		let spec = parse(fresh(3)).chain_spec().expect("the spec builds");
		let raw = spec.as_json(true).expect("the raw spec (genesis storage) builds");
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
	}
}
