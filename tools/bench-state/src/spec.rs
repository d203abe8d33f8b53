//! Writes a raw chain spec: the node's own development spec with the genesis state
//! replaced.

use std::{collections::BTreeMap, path::Path};

/// Reads `template` (from `loanchain-node build-spec --chain dev --raw`), keeps its
/// runtime code and metadata fields, puts `storage` as its genesis state, writes `out`.
pub fn write_raw_spec(
	template: &Path,
	storage: &BTreeMap<Vec<u8>, Vec<u8>>,
	out: &Path,
) -> Result<(), String> {
	let text =
		std::fs::read_to_string(template).map_err(|e| format!("{}: {e}", template.display()))?;
	let mut spec: serde_json::Value =
		serde_json::from_str(&text).map_err(|e| format!("{}: {e}", template.display()))?;
	let code_key = format!("0x{}", hex::encode(sp_core::storage::well_known_keys::CODE));
	let code = spec
		.pointer(&format!("/genesis/raw/top/{code_key}"))
		.cloned()
		.ok_or("the template is not a raw chain spec with runtime code (use build-spec --raw)")?;
	let mut top = serde_json::Map::new();
	for (key, value) in storage {
		top.insert(format!("0x{}", hex::encode(key)), format!("0x{}", hex::encode(value)).into());
	}
	top.insert(code_key, code);
	spec["genesis"]["raw"] = serde_json::json!({ "top": top, "childrenDefault": {} });
	spec["name"] = "Loanchain benchmark".into();
	let file = std::fs::File::create(out).map_err(|e| format!("{}: {e}", out.display()))?;
	serde_json::to_writer(std::io::BufWriter::new(file), &spec)
		.map_err(|e| format!("{}: {e}", out.display()))
}
