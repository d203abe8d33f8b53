//! Command-line interface: `loanchain-node [subcommand] [options]`.

/// The node's command line.
#[derive(Debug, clap::Parser)]
pub struct Cli {
	#[command(subcommand)]
	pub subcommand: Option<Subcommand>,

	/// Options for running the node (when no subcommand is given).
	#[clap(flatten)]
	pub run: sc_cli::RunCmd,

	/// A registrar's evaluation service.
	#[clap(flatten)]
	pub oprf: OprfParams,
}

/// A registrar's evaluation service (`oprf_evaluate`, docs/identity.md): off unless the node
/// has a share of the network's OPRF key — from `--oprf-share-file`, or on `--dev` and
/// `--chain local` the well-known share of the dev registrar it runs as (`--alice` …
/// `--dave`).
#[derive(Debug, Clone, clap::Args)]
pub struct OprfParams {
	/// The registrar's share of the network's OPRF key, as `loanctl oprf-deal` wrote it: one
	/// line of hex, in a file only its owner can read (mode 0600). Never on the command
	/// line itself.
	#[arg(long, value_name = "PATH")]
	pub oprf_share_file: Option<std::path::PathBuf>,

	/// How many evaluations each registrar may ask of this node per hour.
	#[arg(long, value_name = "COUNT", default_value_t = 100)]
	pub oprf_rate_limit: u32,
}

/// Maintenance commands besides running the node.
#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
	/// Key management: generate, inspect, insert keys into the keystore.
	#[command(subcommand)]
	Key(sc_cli::KeySubcommand),

	/// Print the chain spec of a new production network, from a description of the
	/// institutions that launch it (docs/operations.md).
	NewNetwork(crate::network::NewNetworkCmd),

	/// Build a chain specification (use `export-chain-spec` for new scripts).
	BuildSpec(sc_cli::BuildSpecCmd),

	/// Export the chain specification of the chain given by `--chain`.
	ExportChainSpec(sc_cli::ExportChainSpecCmd),

	/// Validate blocks.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Export blocks to a file.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Export the state of a block as a chain spec.
	ExportState(sc_cli::ExportStateCmd),

	/// Import blocks from a file.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Remove the whole chain database.
	PurgeChain(sc_cli::PurgeChainCmd),

	/// Revert the chain to a previous state.
	Revert(sc_cli::RevertCmd),

	/// Print information about the database.
	ChainInfo(sc_cli::ChainInfoCmd),
}
