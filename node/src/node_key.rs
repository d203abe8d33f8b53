//! `key generate-node-key` with the care an operator's secrets need. The SDK's command writes
//! the network secret with the process's file mode mask (usually leaving it readable by
//! everyone, 0644) and fails when `--file` names a folder that does not exist yet. Before it
//! runs, the node narrows the mask so the key is readable by its owner only (0600, as
//! `loanctl` writes keys) and creates the folder (0700).

use std::{ffi::OsString, path::PathBuf};

/// Readies the process for `key generate-node-key`, given its command line.
pub fn prepare(args: impl IntoIterator<Item = OsString>) -> std::io::Result<()> {
	// SAFETY: `umask` only sets the mode mask of files and folders this process creates
	// from now on; it has no failure case.
	unsafe { libc::umask(0o077) };
	if let Some(parent) = file_argument(args).as_deref().and_then(std::path::Path::parent) {
		if !parent.as_os_str().is_empty() {
			std::fs::create_dir_all(parent)?;
		}
	}
	Ok(())
}

/// The value of `--file` on the command line (`--file PATH` or `--file=PATH`).
fn file_argument(args: impl IntoIterator<Item = OsString>) -> Option<PathBuf> {
	let mut args = args.into_iter();
	while let Some(arg) = args.next() {
		if arg == "--file" {
			return args.next().map(PathBuf::from);
		}
		if let Some(path) = arg.to_str().and_then(|a| a.strip_prefix("--file=")) {
			return Some(PathBuf::from(path));
		}
	}
	None
}

#[cfg(test)]
mod tests {
	use super::*;

	fn args(line: &str) -> Vec<OsString> {
		line.split(' ').map(OsString::from).collect()
	}

	#[test]
	fn the_file_is_found_in_either_spelling() {
		let file = Some(PathBuf::from("/var/lib/loanchain/node-key"));
		let line = "loanchain-node key generate-node-key --file /var/lib/loanchain/node-key";
		assert_eq!(file_argument(args(line)), file);
		let line = "loanchain-node key generate-node-key --file=/var/lib/loanchain/node-key";
		assert_eq!(file_argument(args(line)), file);
		assert_eq!(file_argument(args("loanchain-node key generate-node-key --bin")), None);
	}

	#[test]
	fn the_folder_is_created_and_the_key_is_the_owners_alone() {
		use std::os::unix::fs::PermissionsExt;
		let dir = std::env::temp_dir().join(format!("loanchain-node-key-{}", std::process::id()));
		let file = dir.join("new/folder/node-key");
		let line = OsString::from(format!("--file={}", file.display()));
		prepare([OsString::from("key"), line]).unwrap();
		std::fs::write(&file, b"secret").unwrap();
		let mode = |path: &std::path::Path| std::fs::metadata(path).unwrap().permissions().mode();
		assert_eq!(mode(&file) & 0o777, 0o600);
		assert_eq!(mode(file.parent().unwrap()) & 0o777, 0o700);
		std::fs::remove_dir_all(dir).unwrap();
	}
}
