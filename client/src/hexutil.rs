//! `0x`-prefixed hex, as polkadot.js apps shows and accepts bytes.

/// Lower-case hex with a `0x` prefix.
pub fn to_hex(bytes: &[u8]) -> String {
	format!("0x{}", hex::encode(bytes))
}

/// Why a hex argument was refused.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum BadHex {
	#[error("{what} is not hex: {reason}")]
	NotHex { what: String, reason: String },
	#[error("{what} must be {expected} bytes, found {found}")]
	WrongLength { what: String, expected: usize, found: usize },
}

/// Hex (with or without `0x`) of any length.
pub fn parse_hex_vec(what: &str, s: &str) -> Result<Vec<u8>, BadHex> {
	let digits = s.trim();
	let digits = digits.strip_prefix("0x").unwrap_or(digits);
	hex::decode(digits).map_err(|e| BadHex::NotHex { what: what.into(), reason: e.to_string() })
}

/// Hex of exactly `N` bytes.
pub fn parse_hex<const N: usize>(what: &str, s: &str) -> Result<[u8; N], BadHex> {
	let bytes = parse_hex_vec(what, s)?;
	let found = bytes.len();
	bytes
		.try_into()
		.map_err(|_| BadHex::WrongLength { what: what.into(), expected: N, found })
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn round_trips_with_and_without_prefix() {
		assert_eq!(to_hex(&[0xde, 0xad]), "0xdead");
		assert_eq!(parse_hex::<2>("k", "0xdead").unwrap(), [0xde, 0xad]);
		assert_eq!(parse_hex::<2>("k", " DEAD\n").unwrap(), [0xde, 0xad]);
	}

	#[test]
	fn names_the_argument_in_errors() {
		assert_eq!(
			parse_hex::<32>("--content-key", "0x00").unwrap_err().to_string(),
			"--content-key must be 32 bytes, found 1"
		);
		assert!(parse_hex_vec("--nonce", "0xzz")
			.unwrap_err()
			.to_string()
			.starts_with("--nonce is not hex"));
	}
}
