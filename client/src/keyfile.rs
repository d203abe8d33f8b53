//! X25519 secret keys in files: one line of `0x` hex, created readable and writable by the
//! owner only (mode 0600), never overwritten.

use crate::hexutil::{parse_hex, to_hex};
use std::{fs::OpenOptions, io::Write, path::Path};

/// Why a key file could not be written or read.
#[derive(Debug, thiserror::Error)]
pub enum KeyFileError {
	#[error("{0} exists already: loanctl never overwrites a key file")]
	Exists(String),
	#[error("cannot write {0}: {1}")]
	Write(String, std::io::Error),
	#[error("cannot read {0}: {1}")]
	Read(String, std::io::Error),
	#[error("{0} does not hold a secret key: {1}")]
	Malformed(String, crate::hexutil::BadHex),
}

/// Creates `path` with `secret`, mode 0600. Fails if the file exists.
pub fn write_new(path: &Path, secret: &[u8; 32]) -> Result<(), KeyFileError> {
	let name = path.display().to_string();
	let mut options = OpenOptions::new();
	options.write(true).create_new(true);
	#[cfg(unix)]
	std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
	let mut file = options.open(path).map_err(|e| match e.kind() {
		std::io::ErrorKind::AlreadyExists => KeyFileError::Exists(name.clone()),
		_ => KeyFileError::Write(name.clone(), e),
	})?;
	writeln!(file, "{}", to_hex(secret)).map_err(|e| KeyFileError::Write(name, e))
}

/// Reads a secret key written by [`write_new`].
pub fn read(path: &Path) -> Result<[u8; 32], KeyFileError> {
	let name = path.display().to_string();
	let text = std::fs::read_to_string(path).map_err(|e| KeyFileError::Read(name.clone(), e))?;
	parse_hex("the secret key", &text).map_err(|e| KeyFileError::Malformed(name, e))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_key_file_is_private_and_never_overwritten() {
		let dir = tempfile::tempdir().unwrap();
		let path = dir.path().join("me.key");
		write_new(&path, &[7; 32]).unwrap();
		#[cfg(unix)]
		{
			use std::os::unix::fs::PermissionsExt;
			assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
		}
		assert_eq!(read(&path).unwrap(), [7; 32]);
		assert!(matches!(write_new(&path, &[8; 32]), Err(KeyFileError::Exists(_))));
		assert_eq!(read(&path).unwrap(), [7; 32]);
	}

	#[test]
	fn malformed_files_are_refused() {
		let dir = tempfile::tempdir().unwrap();
		let path = dir.path().join("bad.key");
		std::fs::write(&path, "0x1234\n").unwrap();
		assert!(matches!(read(&path), Err(KeyFileError::Malformed(..))));
		assert!(matches!(read(&dir.path().join("missing")), Err(KeyFileError::Read(..))));
	}
}
