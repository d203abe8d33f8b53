//! `loanctl`: the offline cryptography Loanchain users need beside polkadot.js apps.

use clap::{Args, Parser, Subcommand};
use loanchain_client::identity::{self, Kind};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "loanctl", version, about = "Offline helpers for Loanchain users")]
struct Cli {
	#[command(subcommand)]
	command: Command,
}

#[derive(Subcommand)]
enum Command {
	/// Validate an ID number or credit code and print its id_hash (0x-prefixed hex),
	/// ready to paste into CreditIdentity.register in polkadot.js apps.
	IdHash(IdHashArgs),
}

#[derive(Args)]
#[group(required = true, multiple = false)]
struct IdHashArgs {
	/// An 18-character PRC resident ID number.
	#[arg(long, value_name = "ID")]
	person: Option<String>,
	/// An 18-character unified social credit code.
	#[arg(long, value_name = "CODE")]
	enterprise: Option<String>,
}

fn main() -> ExitCode {
	match Cli::parse().command {
		Command::IdHash(args) => {
			let (kind, number) = match (args.person, args.enterprise) {
				(Some(id), _) => (Kind::Person, id),
				(_, Some(code)) => (Kind::Enterprise, code),
				(None, None) => unreachable!("clap requires one of --person and --enterprise"),
			};
			match identity::id_hash(kind, &number) {
				Ok(hash) => {
					println!("{}", identity::to_hex(&hash));
					ExitCode::SUCCESS
				},
				Err(reason) => {
					let what = match kind {
						Kind::Person => "resident ID number",
						Kind::Enterprise => "unified social credit code",
					};
					eprintln!("loanctl: invalid {what}: {reason}");
					ExitCode::from(2)
				},
			}
		},
	}
}
