//! `loanchain-node`: a Loanchain validator or full node.

// The node returns sc-cli's and sc-service's own error types, as every Substrate node does;
// their size is theirs, and boxing them would only add noise to each `?`.
#![allow(clippy::result_large_err)]

mod chain_spec;
mod cli;
mod command;
mod network;
mod node_key;
mod oprf;
mod rpc;
mod service;

fn main() -> sc_cli::Result<()> {
	command::run()
}
