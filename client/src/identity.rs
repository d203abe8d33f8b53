//! From an ID number to the `id_hash` that represents it on chain.
//!
//! ```text
//! id_hash = Argon2id(password = kind_tag || normalized_number,
//!                    salt = "loanchain/id/v1", m = 64 MiB, t = 3, p = 1, 32 bytes)
//! ```
//!
//! `kind_tag` is `P:` for a person (18-character PRC resident ID number, GB 11643, check
//! character by ISO 7064 MOD 11-2) and `E:` for an enterprise (18-character unified social
//! credit code, GB 32100, check character mod 31). A number is normalized (surrounding
//! white space trimmed, letters upper-cased) and its check character validated before it
//! is hashed: a typo must fail here, not produce a hash nobody can match.
//!
//! The hash is memory-hard on purpose: an ID number has little entropy (a region code, a
//! birth date, a sequence number), so a fast hash could be reversed by enumeration.

use argon2::{Algorithm, Argon2, Params, Version};

/// The salt every Loanchain client uses; changing it changes every id_hash.
pub const SALT: &[u8] = b"loanchain/id/v1";
/// Argon2 memory cost, in KiB (64 MiB).
pub const MEMORY_KIB: u32 = 64 * 1024;
/// Argon2 passes.
pub const ITERATIONS: u32 = 3;
/// Argon2 lanes.
pub const PARALLELISM: u32 = 1;

/// Person or enterprise, with the tag that goes in front of the number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
	Person,
	Enterprise,
}

impl Kind {
	fn tag(self) -> &'static str {
		match self {
			Kind::Person => "P:",
			Kind::Enterprise => "E:",
		}
	}
}

/// Why a number was refused.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum InvalidNumber {
	#[error("must be 18 characters, found {0}")]
	WrongLength(usize),
	#[error("character {position} ('{found}') is not allowed here")]
	BadCharacter { position: usize, found: char },
	#[error("check character is '{found}' but the number requires '{expected}'")]
	CheckMismatch { expected: char, found: char },
}

/// Weights of the first 17 digits of a resident ID number: 2^(17-i) mod 11.
const PERSON_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/// The check character for each remainder of the weighted sum mod 11.
const PERSON_CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// The 31 characters of a unified social credit code (no I, O, S, V, Z), by value.
const CREDIT_CODE_ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
/// Weights of the first 17 characters of a credit code: 3^i mod 31.
const ENTERPRISE_WEIGHTS: [u32; 17] =
	[1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

fn eighteen_chars(number: &str) -> Result<Vec<char>, InvalidNumber> {
	let chars: Vec<char> = number.trim().to_uppercase().chars().collect();
	if chars.len() != 18 {
		return Err(InvalidNumber::WrongLength(chars.len()));
	}
	Ok(chars)
}

fn check(expected: char, found: char) -> Result<(), InvalidNumber> {
	if expected == found {
		Ok(())
	} else {
		Err(InvalidNumber::CheckMismatch { expected, found })
	}
}

/// Normalizes and validates a PRC resident ID number.
pub fn normalize_person(number: &str) -> Result<String, InvalidNumber> {
	let chars = eighteen_chars(number)?;
	let mut sum = 0;
	for (position, (c, weight)) in chars.iter().zip(PERSON_WEIGHTS).enumerate() {
		let digit = c
			.to_digit(10)
			.ok_or(InvalidNumber::BadCharacter { position: position + 1, found: *c })?;
		sum += digit * weight;
	}
	let last = chars[17];
	if !(last.is_ascii_digit() || last == 'X') {
		return Err(InvalidNumber::BadCharacter { position: 18, found: last });
	}
	check(PERSON_CHECK[(sum % 11) as usize], last)?;
	Ok(chars.into_iter().collect())
}

/// Normalizes and validates a unified social credit code.
pub fn normalize_enterprise(code: &str) -> Result<String, InvalidNumber> {
	let chars = eighteen_chars(code)?;
	let value = |position: usize, c: char| {
		CREDIT_CODE_ALPHABET
			.find(c)
			.map(|v| v as u32)
			.ok_or(InvalidNumber::BadCharacter { position: position + 1, found: c })
	};
	let mut sum = 0;
	for (position, (c, weight)) in chars.iter().zip(ENTERPRISE_WEIGHTS).enumerate() {
		sum += value(position, *c)? * weight;
	}
	value(17, chars[17])?;
	let check_value = (31 - sum % 31) % 31;
	let expected = CREDIT_CODE_ALPHABET.as_bytes()[check_value as usize] as char;
	check(expected, chars[17])?;
	Ok(chars.into_iter().collect())
}

/// Normalizes and validates `number` as `kind`.
pub fn normalize(kind: Kind, number: &str) -> Result<String, InvalidNumber> {
	match kind {
		Kind::Person => normalize_person(number),
		Kind::Enterprise => normalize_enterprise(number),
	}
}

/// The id_hash of an already normalized number.
pub fn hash_normalized(kind: Kind, normalized: &str) -> [u8; 32] {
	let params = Params::new(MEMORY_KIB, ITERATIONS, PARALLELISM, Some(32))
		.expect("the specified Argon2 parameters are valid");
	let argon2 = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
	let password = format!("{}{}", kind.tag(), normalized);
	let mut out = [0u8; 32];
	argon2
		.hash_password_into(password.as_bytes(), SALT, &mut out)
		.expect("a 32-byte output with a 15-byte salt is within Argon2's limits");
	out
}

/// Validates `number` as `kind` and computes its id_hash.
pub fn id_hash(kind: Kind, number: &str) -> Result<[u8; 32], InvalidNumber> {
	Ok(hash_normalized(kind, &normalize(kind, number)?))
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::hexutil::to_hex;

	/// Computed independently with libargon2 (argon2-cffi) from the same parameters; the dev
	/// chain's genesis identities use the same values (runtime/src/genesis.rs).
	const VECTORS: [(Kind, &str, &str); 4] = [
		(
			Kind::Person,
			"11010519491231002X",
			"0xaeb843a398995fc633785a2b2f972d09cfa71c9faeefa0163ace656e86da34a8",
		),
		(
			Kind::Person,
			"440304199001011233",
			"0x56c2901497886b600fa84ea97fcffe44af1fc5480beed542d693a26e28fd7c15",
		),
		(
			Kind::Enterprise,
			"91350100M000100Y43",
			"0x0e415a41881559673c6fceb9dd7c936aa90f4c220609d0de0b01aad0121ffc93",
		),
		(
			Kind::Person,
			"310115198511204566",
			"0xf797dfa7ef33addfcf3edb530b2ff8d60219811c6c4e53a66cd060bc959aea9d",
		),
	];

	#[test]
	fn hashes_match_the_reference_vectors() {
		for (kind, number, expected) in VECTORS {
			assert_eq!(to_hex(&id_hash(kind, number).unwrap()), expected, "{number}");
		}
	}

	#[test]
	fn normalization_trims_and_upper_cases() {
		assert_eq!(normalize_person(" 11010519491231002x\n").unwrap(), "11010519491231002X");
		assert_eq!(normalize_enterprise("91350100m000100y43").unwrap(), "91350100M000100Y43");
		assert_eq!(
			id_hash(Kind::Person, " 11010519491231002x ").unwrap(),
			id_hash(Kind::Person, "11010519491231002X").unwrap()
		);
	}

	#[test]
	fn the_kind_tag_separates_people_from_companies() {
		// The same normalized string must never hash alike for both kinds.
		assert_ne!(hash_normalized(Kind::Person, "123"), hash_normalized(Kind::Enterprise, "123"));
	}

	#[test]
	fn invalid_person_numbers_are_refused_with_a_reason() {
		assert_eq!(normalize_person("1101051949123100"), Err(InvalidNumber::WrongLength(16)));
		assert_eq!(
			normalize_person("110105194912310021"),
			Err(InvalidNumber::CheckMismatch { expected: 'X', found: '1' })
		);
		assert_eq!(
			normalize_person("11010519491231A02X"),
			Err(InvalidNumber::BadCharacter { position: 15, found: 'A' })
		);
		assert_eq!(
			normalize_person("11010519491231002Y"),
			Err(InvalidNumber::BadCharacter { position: 18, found: 'Y' })
		);
	}

	#[test]
	fn invalid_credit_codes_are_refused_with_a_reason() {
		assert_eq!(
			normalize_enterprise("91350100M000100Y44"),
			Err(InvalidNumber::CheckMismatch { expected: '3', found: '4' })
		);
		// I, O, S, V and Z are not in the alphabet.
		assert_eq!(
			normalize_enterprise("91350100I000100Y43"),
			Err(InvalidNumber::BadCharacter { position: 9, found: 'I' })
		);
		assert_eq!(normalize_enterprise(""), Err(InvalidNumber::WrongLength(0)));
	}

	#[test]
	fn well_formed_numbers_pass() {
		// Valid codes from the standard's examples and well-known registrations.
		for code in ["91110000600037341L", "91440300MA5DC0QX05", "91350100M000100Y43"] {
			assert!(normalize_enterprise(code).is_ok(), "{code}");
		}
		for number in ["110101198003070017", "310115198511204566", "11010519491231002X"] {
			assert!(normalize_person(number).is_ok(), "{number}");
		}
	}
}
