//! What the loans cost in state: entries and bytes of each storage item of the loans
//! pallet, per loan in effect.

use frame_support::traits::StorageInfoTrait;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// Entries, key bytes and value bytes of each storage item of the loans pallet in `storage`,
/// and their sum divided by `loans`.
pub fn storage_cost(storage: &BTreeMap<Vec<u8>, Vec<u8>>, loans: u32) -> Value {
	let mut items = Vec::new();
	let mut per_loan_total = 0f64;
	for info in loanchain_runtime::Loans::storage_info() {
		let name = String::from_utf8_lossy(&info.storage_name).into_owned();
		let (mut entries, mut key_bytes, mut value_bytes) = (0u64, 0u64, 0u64);
		for (key, value) in storage
			.range(info.prefix.clone()..)
			.take_while(|(k, _)| k.starts_with(&info.prefix))
		{
			entries += 1;
			key_bytes += key.len() as u64;
			value_bytes += value.len() as u64;
		}
		let per_loan =
			if loans == 0 { 0.0 } else { (key_bytes + value_bytes) as f64 / loans as f64 };
		per_loan_total += per_loan;
		items.push(json!({
			"item": name,
			"entries": entries,
			"key_bytes": key_bytes,
			"value_bytes": value_bytes,
			"bytes_per_loan": round1(per_loan),
		}));
	}
	json!({ "items": items, "bytes_per_loan": round1(per_loan_total) })
}

fn round1(x: f64) -> f64 {
	(x * 10.0).round() / 10.0
}
