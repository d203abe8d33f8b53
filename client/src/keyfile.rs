//! Secrets in files: X25519 secret keys (one line of `0x` hex), registrars' token keys and
//! lenders' tokens, readable and writable by their owner only (mode 0600). A new file never
//! overwrites one; a lender's tokens are replaced whole when finalized.

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
	create_private(path, format!("{}\n", to_hex(secret)).as_bytes())
}

/// Creates `path` with `contents`, readable and writable by the owner only (mode 0600): a
/// registrar's token key, a lender's tokens. Fails if the file exists.
pub fn create_private(path: &Path, contents: &[u8]) -> Result<(), KeyFileError> {
	let name = path.display().to_string();
	let mut options = OpenOptions::new();
	options.write(true).create_new(true);
	#[cfg(unix)]
	std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
	let mut file = options.open(path).map_err(|e| match e.kind() {
		std::io::ErrorKind::AlreadyExists => KeyFileError::Exists(name.clone()),
		_ => KeyFileError::Write(name.clone(), e),
	})?;
	file.write_all(contents).map_err(|e| KeyFileError::Write(name, e))
}

/// Replaces the private file `path` with `contents` at once (a new private file renamed
/// over it): a reader sees the old contents or the new, never half of them.
pub fn replace_private(path: &Path, contents: &[u8]) -> Result<(), KeyFileError> {
	let mut staged = path.as_os_str().to_owned();
	staged.push(".new");
	let staged = std::path::PathBuf::from(staged);
	let _ = std::fs::remove_file(&staged);
	create_private(&staged, contents)?;
	std::fs::rename(&staged, path).map_err(|e| KeyFileError::Write(path.display().to_string(), e))
}

/// Makes the folder `path` for key files if it is missing, readable by the owner only
/// (mode 0700); an existing folder is left as it is.
pub fn private_dir(path: &Path) -> Result<(), KeyFileError> {
	let name = path.display().to_string();
	if path.is_dir() {
		return Ok(());
	}
	let mut builder = std::fs::DirBuilder::new();
	builder.recursive(true);
	#[cfg(unix)]
	std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
	builder.create(path).map_err(|e| KeyFileError::Write(name, e))
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
	fn a_private_file_is_replaced_whole_and_stays_private() {
		let dir = tempfile::tempdir().unwrap();
		let path = dir.path().join("tokens.json");
		create_private(&path, b"old").unwrap();
		assert!(matches!(create_private(&path, b"other"), Err(KeyFileError::Exists(_))));
		replace_private(&path, b"new").unwrap();
		assert_eq!(std::fs::read(&path).unwrap(), b"new");
		#[cfg(unix)]
		{
			use std::os::unix::fs::PermissionsExt;
			assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
		}
		assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "nothing staged is left");
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
