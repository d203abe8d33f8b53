//! The benchmark accounts: sr25519 keys any client can derive again, each with a verified
//! identity and an X25519 key.
//!
//! Account `i` is the secret URI `//bench//{i}` on the development phrase, so
//! `keyring.addFromUri('//bench//7')` in @polkadot/keyring signs as account 7.

use loanchain_runtime::AccountId;
use loanchain_sealing::{PublicKey, SecretKey};
use pallet_credit_identity::IdHash;
use sp_core::{crypto::Pair as _, sr25519};

/// One benchmark account.
#[derive(Clone)]
pub struct BenchAccount {
	pub account: AccountId,
	/// Stands in for the id of a made-up ID number: the chain treats it as opaque.
	pub id_hash: IdHash,
	pub x25519_public: PublicKey,
}

/// The secret URI of account `index`.
pub fn uri(index: u32) -> String {
	format!("//bench//{index}")
}

/// Derives account `index`.
pub fn bench_account(index: u32) -> BenchAccount {
	let pair = sr25519::Pair::from_string(&uri(index), None).expect("a valid derivation path");
	let account = AccountId::from(pair.public());
	let id_hash = sp_io::hashing::blake2_256(
		&[b"loanchain-bench-id".as_slice(), &index.to_le_bytes()].concat(),
	);
	let x25519_public = loanchain_sealing::public_key(&x25519_secret(index));
	BenchAccount { account, id_hash, x25519_public }
}

/// The X25519 secret key of account `index` (its envelopes open with it).
pub fn x25519_secret(index: u32) -> SecretKey {
	sp_io::hashing::blake2_256(
		&[b"loanchain-bench-x25519".as_slice(), &index.to_le_bytes()].concat(),
	)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn accounts_are_distinct_and_reproducible() {
		let a = bench_account(1);
		let b = bench_account(2);
		assert_ne!(a.account, b.account);
		assert_ne!(a.id_hash, b.id_hash);
		assert_eq!(bench_account(1).account, a.account);
		// The dev phrase derivation @polkadot/keyring uses for `//bench//0`.
		assert_eq!(
			sp_core::crypto::Ss58Codec::to_ss58check(&bench_account(0).account),
			sp_core::crypto::Ss58Codec::to_ss58check(&AccountId::from(
				sr25519::Pair::from_string("bottom drive obey lake curtain smoke basket hold race lonely fit walk//bench//0", None)
					.unwrap()
					.public()
			))
		);
	}
}
