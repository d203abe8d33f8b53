//! An ID number's checks before it becomes an id: which kind it is, and whether it is
//! well-formed.
//!
//! `kind_tag` is `P:` for a person (18-character PRC resident ID number, GB 11643, check
//! character by ISO 7064 MOD 11-2) and `E:` for an enterprise (18-character unified social
//! credit code, GB 32100, check character mod 31). A number is normalized (surrounding
//! white space trimmed, letters upper-cased) and its check character validated before a
//! registrar computes its id (`crate::kyc`, SPEC §2): a typo must fail here, not produce an
//! id nobody can match.

/// Person or enterprise, with the tag that goes in front of the number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
	Person,
	Enterprise,
}

impl Kind {
	/// The tag in front of the number in the OPRF's input (`loanchain_oprf`'s, the one
	/// the registrars' nodes and the web app use).
	pub fn tag(self) -> &'static [u8] {
		match self {
			Kind::Person => loanchain_oprf::PERSON_TAG,
			Kind::Enterprise => loanchain_oprf::ENTERPRISE_TAG,
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

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn normalization_trims_and_upper_cases() {
		assert_eq!(normalize_person(" 11010519491231002x\n").unwrap(), "11010519491231002X");
		assert_eq!(normalize_enterprise("91350100m000100y43").unwrap(), "91350100M000100Y43");
	}

	#[test]
	fn the_kind_tag_separates_people_from_companies() {
		// The same number under the two kinds is two inputs, so two ids.
		assert_ne!(Kind::Person.tag(), Kind::Enterprise.tag());
		assert!(!Kind::Person.tag().starts_with(Kind::Enterprise.tag()));
		assert!(!Kind::Enterprise.tag().starts_with(Kind::Person.tag()));
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
