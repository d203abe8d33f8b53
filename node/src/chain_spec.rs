//! The chains this node knows by name. Their genesis state comes from the runtime's presets
//! (`loanchain_runtime::genesis`); this file only names them and sets client-facing
//! properties such as the token.

use loanchain_runtime::{TOKEN_DECIMALS, TOKEN_SYMBOL, WASM_BINARY};
use sc_service::{ChainType, Properties};
use sp_genesis_builder::{DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};

/// A chain spec without extensions.
pub type ChainSpec = sc_service::GenericChainSpec;

/// What polkadot.js apps reads to display balances: `LOAN`, 12 decimals, SS58 prefix 42.
pub(crate) fn properties() -> Properties {
	let mut properties = Properties::new();
	properties.insert("tokenSymbol".into(), TOKEN_SYMBOL.into());
	properties.insert("tokenDecimals".into(), TOKEN_DECIMALS.into());
	properties.insert("ss58Format".into(), 42.into());
	properties
}

fn from_preset(
	name: &str,
	id: &str,
	chain_type: ChainType,
	preset: &str,
) -> Result<ChainSpec, String> {
	let wasm = WASM_BINARY
		.ok_or_else(|| "the runtime wasm was not built (SKIP_WASM_BUILD?)".to_string())?;
	Ok(ChainSpec::builder(wasm, None)
		.with_name(name)
		.with_id(id)
		.with_protocol_id("loan")
		.with_chain_type(chain_type)
		.with_genesis_config_preset_name(preset)
		.with_properties(properties())
		.build())
}

/// `--dev`: one validator (Alice), short days, Alice the only institution and the registrar.
pub fn development() -> Result<ChainSpec, String> {
	from_preset(
		"Loanchain Development",
		"loanchain_dev",
		ChainType::Development,
		DEV_RUNTIME_PRESET,
	)
}

/// `--chain local`: four institutions (Alice, Bob, Charlie, Dave), each a validator and a
/// registrar.
pub fn local_testnet() -> Result<ChainSpec, String> {
	from_preset(
		"Loanchain Local Testnet",
		"loanchain_local",
		ChainType::Local,
		LOCAL_TESTNET_RUNTIME_PRESET,
	)
}

/// Resolves `--chain <id>`: a known name, or a path to a chain spec JSON file.
pub fn load(id: &str) -> Result<Box<dyn sc_service::ChainSpec>, String> {
	Ok(match id {
		"dev" | "" => Box::new(development()?),
		"local" => Box::new(local_testnet()?),
		path => Box::new(ChainSpec::from_json_file(std::path::PathBuf::from(path))?),
	})
}
