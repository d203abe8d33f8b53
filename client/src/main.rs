//! `loanctl`: the offline cryptography Loanchain users need beside polkadot.js apps, and
//! a borrower's public summary from a node.
//!
//! Every value it prints or reads is `0x`-prefixed hex, as polkadot.js apps shows bytes, so
//! output pastes into apps' extrinsic forms. Errors are messages on stderr and a non-zero
//! exit code (2 for bad input, 1 for a failed operation such as a wrong key).

use clap::{Args, Parser, Subcommand, ValueEnum};
use loanchain_client::{
	consent::{self, Scheme},
	details::LoanDetails,
	hexutil::{parse_hex, to_hex},
	identity::{self, Kind},
	keyfile, lender_of,
	loan::{self, KeySource},
	rpc,
};
use loanchain_primitives::{
	rpc::{hex0x, Hash32},
	InquiryPurpose,
};
use loanchain_sealing as sealing;
use rand_core::{OsRng, RngCore};
use sp_core::{crypto::Ss58Codec, Pair};
use std::{path::PathBuf, process::ExitCode};

mod lender_cli;

#[derive(Parser)]
#[command(
	name = "loanctl",
	version,
	about = "Loanchain from the command line: ID hashes, keys, sealing, consents; loans and summaries read from a node"
)]
struct Cli {
	#[command(subcommand)]
	command: Command,
}

#[derive(Subcommand)]
enum Command {
	/// A registrar doing KYC: validate an ID number or credit code and print its id_hash
	/// (`loanchain/id/v2`, SPEC §2), computed with `threshold` registrars' evaluation
	/// services (`--registrar-rpc`). Nobody else can compute an id: a person reads theirs
	/// from the registrar who checked their document.
	IdHash {
		#[command(flatten)]
		number: IdHashArgs,
		#[command(flatten)]
		registrars: RegistrarArgs,
	},
	/// Create an X25519 key pair: the secret goes to a new file readable only by you, the
	/// public key (for `creditIdentity.register` / `setEncryptionKey`) is printed.
	Keygen {
		/// Where to write the secret key.
		#[arg(long, value_name = "FILE")]
		out: PathBuf,
	},
	/// The dealer's ceremony of a new network's id key (docs/identity.md): a random key
	/// split into one share per registrar, any `threshold` of which compute ids together.
	/// Each share goes to a new file readable only by you (`registrar-<index>.share`), to be
	/// handed to its registrar; the public shares and the network's public key are printed.
	/// The key itself is never written and is forgotten when the command ends.
	OprfDeal(Dealing),
	/// Re-deal the network's id key to a new set of registrars when registrars join or leave
	/// (docs/identity.md): the key is rebuilt from the share files of `threshold` or more of
	/// today's registrars, checked against the network's public key (printed by the
	/// ceremony), and split afresh into one share per registrar of the new set, so that every
	/// id stays what it is. Written and printed as `oprf-deal` does; the key itself is never
	/// written and is forgotten when the command ends.
	OprfRedeal {
		/// A share of today's dealing: `INDEX=FILE`, or a file named `registrar-<INDEX>.share`
		/// as the ceremony wrote it. Once per share; at least today's threshold of them.
		#[arg(long = "share", value_name = "INDEX=FILE", required = true)]
		old_shares: Vec<String>,
		/// The network's public key (`networkKey` of the ceremony's output): the rebuilt key
		/// must be its secret, or nothing is written.
		#[arg(long, value_name = "HEX")]
		network_key: String,
		/// The new dealing.
		#[command(flatten)]
		dealing: Dealing,
	},
	/// A private lender's statement of who lent, for its details (docs/privacy.md): derives
	/// the loan's per-loan key (`SURI//loanchain//lender//INDEX`, sr25519) and signs with the
	/// lender identity's account that this identity lends this loan to the borrower
	/// (`loanchain/lender-of/v1`). Prints the details JSON with its `lender` field, for
	/// `loanctl seal --details -`: whoever reads the details checks who lent.
	LenderOf(LenderOfArgs),
	/// A private lender's book, and its maturity prompt: derives the lender's per-loan keys
	/// (`SURI//loanchain//lender//N`, N from `--from`, `--count` of them), finds the loan of
	/// each on chain (`loans.LenderKeys`), opens it with the lender's X25519 secret key, and
	/// prints each loan's id, state, the day it matures and whether that day has come —
	/// what the chain does not keep for a private lender. `--due`: only the loans due.
	LenderLoans(lender_cli::LenderLoansArgs),
	/// A registrar's token key for one token epoch (RSA-2048, docs/identity.md): the key
	/// goes to a new file readable only by you, its modulus (for
	/// `creditIdentity.setTokenKey(epoch, modulus)`) is printed.
	TokenKey(lender_cli::TokenKeyArgs),
	/// A registrar answers a lender's request for tokens: reads the request from the chain,
	/// checks the key is the one published for its epoch, and prints the blind signatures
	/// for `creditIdentity.issueLenderTokens(request, blindSignatures)`.
	IssueTokens(lender_cli::IssueTokensArgs),
	/// A registrar's token service, run beside its node: keeps a token key published for
	/// this epoch and the next, and answers every request for lender tokens made of the
	/// registrar, signed and paid by its account. `--once`: one round, then what was done.
	TokenService(lender_cli::TokenServiceArgs),
	/// A private lender buys tokens: derives per-loan keys `--from` on, blinds each key's
	/// token message for the registrar's key of the epoch, keeps the secrets in `--out`, and
	/// prints the arguments of `creditIdentity.requestLenderTokens(registrar, epoch,
	/// blinded)`.
	LenderTokens(lender_cli::LenderTokensArgs),
	/// A private lender finalizes its tokens: reads the registrar's answer
	/// (`LenderTokensIssued`) from the chain and unblinds it into the tokens file.
	FinalizeTokens(lender_cli::FinalizeTokensArgs),
	/// A private lender's consent request for `loans.record_private`: the sealed details
	/// (with the lender statement), the per-loan key, the borrower, the chain and a
	/// deadline, as JSON for the borrower to sign with `loanctl consent`.
	PrivateConsentRequest(lender_cli::PrivateConsentRequestArgs),
	/// A private lender records loans: builds `loans.record_private` (or
	/// `record_private_batch` for `--loans`) from the borrower's consents, the per-loan keys
	/// and their tokens, submits it as a general transaction (no account signs or pays) and
	/// prints the loan ids once a block includes it.
	RecordPrivate(lender_cli::RecordPrivateArgs),
	/// A private lender acts on its loan by the per-loan key (`loans.act_as_lender`):
	/// conclude, set the disclosure, grant or decline access, offer an extension. Submitted
	/// as a general transaction; prints the events once a block includes it.
	LenderAct(lender_cli::LenderActArgs),
	/// Seal loan details (JSON) for lender and borrower. Prints the `details` argument of
	/// `loans.propose` (with the content key's commitment) and the content key for the
	/// proposer's records.
	Seal(SealArgs),
	/// Open a loan: with --rpc and --loan-id, read it from a node and print its details,
	/// outcome and content key, and while it is proposed the `proposal_hash` to pass to
	/// `loans.accept`; or open sealed details given by hand. Either with your secret key
	/// (and an envelope granted to you, if you are not a party) or with a content key.
	Open(OpenArgs),
	/// Seal the content key to a viewer's public key: the envelope for `loans.grantAccess`.
	Envelope {
		#[arg(long, value_name = "HEX")]
		content_key: String,
		/// The viewer's registered X25519 public key.
		#[arg(long, value_name = "HEX")]
		viewer_key: String,
	},
	/// Seal a loan's outcome: the `sealed_outcome` argument of `loans.conclude`. The loan is
	/// read from a node, and the key must open its details and be the one its key commitment
	/// names: an outcome sealed with another key or for another loan could never be opened
	/// or published, and the chain cannot tell.
	SealOutcome(SealOutcomeArgs),
	/// Open a sealed outcome.
	OpenOutcome {
		#[arg(long, value_name = "HEX")]
		content_key: String,
		#[arg(long)]
		loan_id: u64,
		#[arg(long, value_name = "HEX")]
		nonce: String,
		#[arg(long, value_name = "HEX")]
		ciphertext: String,
	},
	/// Seal a private lender's extension offer: the days, under the loan's content key, for
	/// the act `ProposeExtension`, with the hash the borrower confirms. The loan is read from
	/// a node, and the key must be the loan's (the chain cannot read the offer to check).
	SealExtension(SealExtensionArgs),
	/// Open a private lender's extension offer (`loans.sealedExtensions`) with one's key:
	/// the days offered, and the hash `loans.confirmSealedExtension` takes for exactly it.
	OpenExtension(OpenExtensionArgs),
	/// Make a consent request for `loans.record`: the loan's terms (sealed), its parties, the
	/// submitter, the chain and a deadline, as JSON for the counterparty to sign (with
	/// `loanctl consent` or in the web app). The one format of a consent request.
	ConsentRequest(ConsentRequestArgs),
	/// Sign a counterparty's consent for `loans.record`, from a consent request: the
	/// signature over the consent hash of the loan's terms and the deadline, from the signer's
	/// secret URI or mnemonic. Prints the `consent` argument (deadline and signature, for
	/// apps' form or @polkadot/api), the hash signed and the signer's account.
	Consent(ConsentArgs),
	/// Sign a borrower's consent to be looked up once, for `loans.inquire`: the signature
	/// over the inquiry hash of the chain, the inquirer's id, the borrower's, the purpose and
	/// a deadline. Prints the `consent` argument (give it to the inquirer), the hash signed
	/// and the signer's account.
	InquiryConsent(InquiryConsentArgs),
	/// Ask a node for a borrower's public summary (`loans_borrowerSummary`): when each loan
	/// took effect, the word "borrowed", and how its details can be had. Prints the JSON.
	Summary {
		/// The node's JSON-RPC URL: ws://, wss://, http:// or https:// (one port serves both).
		#[arg(long, value_name = "URL")]
		rpc: String,
		/// The borrower's id_hash (`loanctl id-hash`).
		#[arg(value_name = "ID_HASH")]
		id_hash: String,
		/// A block hash to ask at, instead of the best block.
		#[arg(long, value_name = "HEX")]
		at: Option<String>,
	},
	/// Ask a node for a loan's record as `loans_loan` returns it: its public fields, its
	/// sealed parts, and its details and outcome once the lender has published the key.
	/// Prints the JSON (nothing is opened: `loanctl open` does that with a key).
	Loan {
		/// The node's JSON-RPC URL: ws://, wss://, http:// or https:// (one port serves both).
		#[arg(long, value_name = "URL")]
		rpc: String,
		#[arg(long)]
		loan_id: u64,
	},
}

/// A dealing of the network's id key (`oprf-deal`, `oprf-redeal`).
#[derive(Args)]
struct Dealing {
	/// How many registrars must answer to compute an id.
	#[arg(long)]
	threshold: u16,
	/// How many registrars get a share.
	#[arg(long)]
	shares: u16,
	/// A folder for the share files (created if missing; a share file is never overwritten).
	#[arg(long, value_name = "DIR")]
	out_dir: PathBuf,
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

/// A registrar computing the next id with the other registrars (docs/identity.md).
#[derive(Args)]
struct RegistrarArgs {
	/// A registrar node's RPC URL, once per registrar: asked in order until the chain's
	/// threshold of them have answered.
	#[arg(long = "registrar-rpc", value_name = "URL", requires_all = ["rpc", "suri"])]
	registrar_rpc: Vec<String>,
	/// Your own node, which the registrars' public shares and the threshold are read from.
	#[arg(long, value_name = "URL", requires = "registrar_rpc")]
	rpc: Option<String>,
	/// Your registrar account's secret URI (sr25519), or `-` to read it from standard input:
	/// it signs the requests, and only registrars are answered.
	#[arg(long, value_name = "SURI", requires = "registrar_rpc")]
	suri: Option<String>,
}

#[derive(Args)]
struct SealArgs {
	/// The details JSON (see docs/privacy.md), or `-` for standard input.
	#[arg(long, value_name = "FILE")]
	details: PathBuf,
	/// The borrower's id_hash.
	#[arg(long, value_name = "HEX")]
	borrower_id: String,
	/// The lender's registered X25519 public key.
	#[arg(long, value_name = "HEX")]
	lender_key: String,
	/// The borrower's registered X25519 public key.
	#[arg(long, value_name = "HEX")]
	borrower_key: String,
}

#[derive(Args)]
struct OpenArgs {
	/// Read the loan from the node at this JSON-RPC URL …
	#[arg(long, value_name = "URL", requires = "loan_id", conflicts_with_all = ["nonce", "ciphertext", "borrower_id"])]
	rpc: Option<String>,
	/// … the loan with this id.
	#[arg(long, requires = "rpc")]
	loan_id: Option<u64>,
	/// Or the sealed details by hand: their nonce, …
	#[arg(long, value_name = "HEX", required_unless_present = "rpc")]
	nonce: Option<String>,
	/// … ciphertext …
	#[arg(long, value_name = "HEX", required_unless_present = "rpc")]
	ciphertext: Option<String>,
	/// … and the borrower's id_hash (the details are bound to it).
	#[arg(long, value_name = "HEX", required_unless_present = "rpc")]
	borrower_id: Option<String>,
	/// Your envelope (with --rpc, a party's is found on chain, and so is one granted to
	/// --viewer) …
	#[arg(long, value_name = "HEX", requires = "secret_key", conflicts_with = "content_key")]
	envelope: Option<String>,
	/// With --rpc: your account (SS58 or 0x hex), to which the lender granted access; its
	/// envelope is read from the chain.
	#[arg(long, value_name = "ACCOUNT", requires_all = ["rpc", "secret_key"], conflicts_with = "envelope")]
	viewer: Option<String>,
	/// … and the file with your X25519 secret key.
	#[arg(long, value_name = "FILE")]
	secret_key: Option<PathBuf>,
	/// Or the published content key.
	#[arg(long, value_name = "HEX")]
	content_key: Option<String>,
}

/// The loan one seals for or opens, and one's key to it.
#[derive(Args)]
struct LoanKeyArgs {
	/// The node's JSON-RPC URL …
	#[arg(long, value_name = "URL")]
	rpc: String,
	/// … the loan's id …
	#[arg(long)]
	loan_id: u64,
	/// … and one's X25519 secret key file (the content key is found in one's envelope) …
	#[arg(
		long,
		value_name = "FILE",
		required_unless_present = "content_key",
		conflicts_with = "content_key"
	)]
	secret_key: Option<PathBuf>,
	/// … or the loan's content key (`loanctl seal` printed it).
	#[arg(long, value_name = "HEX")]
	content_key: Option<String>,
}

impl LoanKeyArgs {
	/// Reads one's key and the loan (`loans_loan`), and prints what `make` seals or opens
	/// with them.
	fn run(
		&self,
		make: impl FnOnce(
			&rpc::Node,
			&loanchain_primitives::rpc::LoanRecord,
			KeySource,
		) -> Result<serde_json::Value, Failure>,
	) -> Result<String, Failure> {
		let secret = self.secret_key.as_deref().map(keyfile::read).transpose()?;
		let keys = key_source(self.content_key.as_deref(), secret.as_ref(), None)?;
		let node = connect(&self.rpc)?;
		let loan = chain_loan(&node, self.loan_id)?;
		let out = make(&node, &loan, keys)?;
		Ok(serde_json::to_string_pretty(&out).expect("JSON serializes"))
	}
}

#[derive(Args)]
struct SealOutcomeArgs {
	#[command(flatten)]
	loan: LoanKeyArgs,
	#[arg(long, value_enum)]
	outcome: Outcome,
}

/// The loan and the key an extension offer is sealed or opened with.
#[derive(Args)]
struct ExtensionLoan {
	#[command(flatten)]
	loan: LoanKeyArgs,
	/// The offer's place in the loan's `sealedExtensions` (counting from 0: the next offer's
	/// is the number of confirmed ones).
	#[arg(long)]
	index: u32,
}

#[derive(Args)]
struct SealExtensionArgs {
	#[command(flatten)]
	loan: ExtensionLoan,
	/// The days offered.
	#[arg(long)]
	days: u32,
}

#[derive(Args)]
struct OpenExtensionArgs {
	#[command(flatten)]
	loan: ExtensionLoan,
	/// The offer's nonce … (without it and `--ciphertext`, the offer at `--index` is read
	/// from the chain: `loans_loan`'s `sealedExtensions`)
	#[arg(long, value_name = "HEX", requires = "ciphertext")]
	nonce: Option<String>,
	/// … and its ciphertext, as `loans.sealedExtensions` holds them.
	#[arg(long, value_name = "HEX", requires = "nonce")]
	ciphertext: Option<String>,
}

#[derive(Args)]
struct ConsentArgs {
	/// The signer's secret: a secret URI or mnemonic as subkey takes them (`//Alice`,
	/// "<twelve words>//derivation///password", a 0x seed), or `-` to read it from standard
	/// input, which keeps it out of the shell's history.
	#[arg(long, value_name = "SURI")]
	suri: String,
	/// The signer's key type.
	#[arg(long, value_enum, default_value = "sr25519")]
	scheme: Scheme,
	/// The consent request: the JSON `loanctl consent-request` prints and the web app shows,
	/// or a private lender's (`loanctl private-consent-request`)
	/// (`-` reads it from standard input).
	#[arg(long, value_name = "FILE")]
	request: PathBuf,
	/// The signer's X25519 secret key file: the terms are opened with it (from the signer's
	/// own envelope) and shown before anything is signed, and details it cannot open are
	/// not signed.
	#[arg(long, value_name = "FILE")]
	secret_key: PathBuf,
	/// A node's JSON-RPC URL: a private lender's statement of who lends is then also checked
	/// against the chain (the account that signed it must hold the lender's identity now).
	#[arg(long, value_name = "URL")]
	rpc: Option<String>,
}

#[derive(Args)]
struct ConsentRequestArgs {
	/// The sealed details: the JSON `loanctl seal` printed (or its `details` object).
	#[arg(long, value_name = "FILE")]
	sealed: PathBuf,
	/// The lender's id_hash.
	#[arg(long, value_name = "HEX")]
	lender_id: String,
	/// The borrower's id_hash.
	#[arg(long, value_name = "HEX")]
	borrower_id: String,
	/// The role of the party who submits `record` (the other one signs).
	#[arg(long, value_enum)]
	submitter: Party,
	#[arg(long)]
	period_days: u32,
	#[command(flatten)]
	validity: Validity,
}

/// Which chain a consent is for and until when.
#[derive(Args)]
struct Validity {
	/// The last block at which the consent may be used …
	#[arg(long, value_name = "BLOCK", required_unless_present = "valid_for")]
	deadline: Option<u32>,
	/// … or this many blocks after the node's best block (with --rpc).
	#[arg(long, value_name = "BLOCKS", requires = "rpc", conflicts_with = "deadline")]
	valid_for: Option<u32>,
	/// The chain's genesis hash …
	#[arg(long, value_name = "HEX", required_unless_present = "rpc")]
	genesis: Option<String>,
	/// … or the node to read it (and the best block) from: a JSON-RPC URL.
	#[arg(long, value_name = "URL", conflicts_with = "genesis")]
	rpc: Option<String>,
}

#[derive(Args)]
struct LenderOfArgs {
	/// The details JSON (see docs/privacy.md), or `-` for standard input.
	#[arg(long, value_name = "FILE")]
	details: PathBuf,
	/// The borrower's id_hash.
	#[arg(long, value_name = "HEX")]
	borrower_id: String,
	/// The lender's id_hash (the signer's own identity).
	#[arg(long, value_name = "HEX")]
	lender_id: String,
	/// The lender's secret (the account that holds the lender's identity): a secret URI or
	/// mnemonic, or `-` to read it from standard input. The per-loan keys derive from it.
	#[arg(long, value_name = "SURI")]
	suri: String,
	/// The signer's key type.
	#[arg(long, value_enum, default_value = "sr25519")]
	scheme: Scheme,
	/// Which of the lender's per-loan keys: a number the lender's records never use twice
	/// (a key lends once).
	#[arg(long)]
	index: u32,
	/// The chain's genesis hash …
	#[arg(long, value_name = "HEX", required_unless_present = "rpc")]
	genesis: Option<String>,
	/// … or the node to read it from: a JSON-RPC URL.
	#[arg(long, value_name = "URL", conflicts_with = "genesis")]
	rpc: Option<String>,
}

#[derive(Args)]
struct InquiryConsentArgs {
	/// The borrower's secret (the account that holds the borrower's identity): a secret URI
	/// or mnemonic, or `-` to read it from standard input.
	#[arg(long, value_name = "SURI")]
	suri: String,
	/// The signer's key type.
	#[arg(long, value_enum, default_value = "sr25519")]
	scheme: Scheme,
	/// The borrower's id_hash (the signer's own identity).
	#[arg(long, value_name = "HEX")]
	borrower_id: String,
	/// The id_hash of the one identity allowed to look the borrower up.
	#[arg(long, value_name = "HEX")]
	inquirer_id: String,
	/// Why it may look.
	#[arg(long, value_enum)]
	purpose: Purpose,
	#[command(flatten)]
	validity: Validity,
}

/// `InquiryPurpose`, as the command line names it.
#[derive(Clone, Copy, ValueEnum)]
enum Purpose {
	/// Deciding on the borrower's application for a loan.
	LoanApplication,
	/// Managing a loan already made to the borrower.
	LoanManagement,
	/// Deciding whether to accept the borrower as a guarantor.
	Guarantee,
}

impl From<Purpose> for InquiryPurpose {
	fn from(purpose: Purpose) -> Self {
		match purpose {
			Purpose::LoanApplication => InquiryPurpose::LoanApplication,
			Purpose::LoanManagement => InquiryPurpose::LoanManagement,
			Purpose::Guarantee => InquiryPurpose::Guarantee,
		}
	}
}

/// A party to a loan: `lender` or `borrower` on the command line, `"Lender"` or
/// `"Borrower"` in JSON (the runtime's `Role`, as @polkadot/api takes it).
#[derive(Clone, Copy, PartialEq, Eq, Debug, ValueEnum, serde::Serialize, serde::Deserialize)]
enum Party {
	Lender,
	Borrower,
}

#[derive(Clone, Copy, ValueEnum)]
enum Outcome {
	/// Performed normally.
	Performed,
	/// Breached.
	Breached,
}

/// A failure, and whether it was the user's input (exit 2) or the operation (exit 1).
enum Failure {
	Input(String),
	Operation(String),
}

impl<E: std::fmt::Display> From<E> for Failure {
	fn from(e: E) -> Self {
		Failure::Input(e.to_string())
	}
}

/// A failed operation (exit 1), for what went wrong on the way: a node's answer, a key
/// that does not open.
fn operation(e: impl std::fmt::Display) -> Failure {
	Failure::Operation(e.to_string())
}

fn random<const N: usize>() -> [u8; N] {
	let mut bytes = [0u8; N];
	OsRng.fill_bytes(&mut bytes);
	bytes
}

/// Why `id-hash` without registrars computes nothing.
const ONLY_REGISTRARS: &str = "only the registrars, together, can compute an id (SPEC §2): \
an id is an OPRF of the number under a key shared among them, so that nobody can find a \
person's record from their ID number. A registrar gives --rpc, --suri and one \
--registrar-rpc per registrar to ask; everyone else reads their id from the registrar who \
checked their document (docs/identity.md)";

fn run(command: Command) -> Result<String, Failure> {
	match command {
		Command::IdHash { number: args, registrars } => {
			let (kind, number, what) = match (args.person, args.enterprise) {
				(Some(id), _) => (Kind::Person, id, "resident ID number"),
				(_, Some(code)) => (Kind::Enterprise, code, "unified social credit code"),
				(None, None) => return Err(Failure::Input("give --person or --enterprise".into())),
			};
			// A typo is named before anything is asked of anyone.
			identity::normalize(kind, &number)
				.map_err(|e| Failure::Input(format!("invalid {what}: {e}")))?;
			if let (Some(rpc), Some(suri)) = (&registrars.rpc, &registrars.suri) {
				let suri = read_suri(suri)?;
				let hash = loanchain_client::kyc::id_hash_with_registrars(
					kind,
					&number,
					rpc,
					&registrars.registrar_rpc,
					&suri,
				)
				.map_err(|e| match e {
					loanchain_client::kyc::KycError::Node(rpc::RpcError::BadUrl(_)) => {
						Failure::Input(e.to_string())
					},
					other => Failure::Operation(other.to_string()),
				})?;
				return Ok(to_hex(&hash));
			}
			Err(Failure::Input(ONLY_REGISTRARS.into()))
		},
		Command::Keygen { out } => {
			let secret: [u8; 32] = random();
			keyfile::write_new(&out, &secret)?;
			// The public key alone on standard output, so that `$(loanctl keygen …)` is it.
			eprintln!("loanctl: secret key written to {}, readable by you only", out.display());
			Ok(to_hex(&sealing::public_key(&secret)))
		},
		Command::OprfDeal(Dealing { threshold, shares, out_dir }) => {
			let (dealt, network_key) = loanchain_oprf::deal(threshold, shares, &mut OsRng)?;
			write_shares(threshold, &dealt, network_key, &out_dir)
		},
		Command::OprfRedeal {
			old_shares,
			network_key,
			dealing: Dealing { threshold, shares, out_dir },
		} => {
			let network_key: [u8; 32] = parse_hex("--network-key", &network_key)?;
			let old = old_shares
				.iter()
				.map(|arg| read_old_share(arg))
				.collect::<Result<Vec<_>, _>>()?;
			let dealt = loanchain_oprf::redeal(&old, &network_key, threshold, shares, &mut OsRng)
				.map_err(|e| Failure::Operation(format!("{e}; nothing was written")))?;
			write_shares(threshold, &dealt, network_key, &out_dir)
		},
		Command::LenderOf(args) => lender_of(args),
		Command::LenderLoans(args) => lender_cli::lender_loans(args),
		Command::TokenKey(args) => lender_cli::token_key(args),
		Command::IssueTokens(args) => lender_cli::issue_tokens(args),
		Command::TokenService(args) => lender_cli::token_service(args),
		Command::LenderTokens(args) => lender_cli::lender_tokens(args),
		Command::FinalizeTokens(args) => lender_cli::finalize_tokens(args),
		Command::PrivateConsentRequest(args) => lender_cli::private_consent_request(args),
		Command::RecordPrivate(args) => lender_cli::record_private(args),
		Command::LenderAct(args) => lender_cli::lender_act(args),
		Command::Seal(args) => seal(args),
		Command::Open(args) => open(args),
		Command::Envelope { content_key, viewer_key } => {
			let key = parse_hex("--content-key", &content_key)?;
			let viewer = parse_hex("--viewer-key", &viewer_key)?;
			let envelope = sealing::make_envelope(&key, &viewer, &random()).map_err(|_| {
				Failure::Input("--viewer-key is not a usable X25519 public key".into())
			})?;
			Ok(to_hex(&envelope))
		},
		Command::SealOutcome(args) => seal_outcome(args),
		Command::SealExtension(args) => {
			let (days, index) = (args.days, args.loan.index);
			extension(args.loan, |loan, genesis, keys| {
				loan::seal_extension(loan, genesis, keys, days, index, &random())
			})
		},
		Command::OpenExtension(args) => {
			let given = match (&args.nonce, &args.ciphertext) {
				(Some(nonce), Some(ciphertext)) => {
					Some((parse_hex("--nonce", nonce)?, parse_hex("--ciphertext", ciphertext)?))
				},
				_ => None,
			};
			let index = args.loan.index;
			extension(args.loan, |loan, genesis, keys| {
				let (nonce, ciphertext) = match given {
					Some(offer) => offer,
					None => loan
						.sealed_extensions
						.iter()
						.find(|offer| offer.index == index)
						.map(|offer| (offer.nonce, offer.ciphertext))
						.ok_or(loan::OpenError::NoOfferAt(index))?,
				};
				loan::open_extension(loan, genesis, keys, index, &nonce, &ciphertext)
			})
		},
		Command::OpenOutcome { content_key, loan_id, nonce, ciphertext } => {
			let key = parse_hex("--content-key", &content_key)?;
			let nonce = parse_hex("--nonce", &nonce)?;
			let ciphertext = parse_hex("--ciphertext", &ciphertext)?;
			match sealing::open_outcome(&key, &nonce, &ciphertext, loan_id) {
				Ok(sealing::PERFORMED_NORMALLY) => Ok("performed normally".into()),
				Ok(_) => Ok("breached".into()),
				Err(e) => Err(Failure::Operation(format!(
					"the outcome does not open with this key ({e:?})"
				))),
			}
		},
		Command::ConsentRequest(args) => consent_request(args),
		Command::Consent(args) => consent(args),
		Command::InquiryConsent(args) => inquiry_consent(args),
		Command::Summary { rpc: url, id_hash, at } => {
			let id_hash: [u8; 32] = parse_hex("ID_HASH", &id_hash)?;
			let at: Option<[u8; 32]> = at.map(|block| parse_hex("--at", &block)).transpose()?;
			let summary = connect(&url)?.borrower_summary(&id_hash, at).map_err(operation)?;
			// Through a JSON value, whose keys print in alphabetical order (as the guides show).
			let summary = serde_json::to_value(&summary).expect("a summary serializes");
			Ok(serde_json::to_string_pretty(&summary).expect("a summary serializes"))
		},
		Command::Loan { rpc: url, loan_id } => {
			let loan = chain_loan(&connect(&url)?, loan_id)?;
			Ok(serde_json::to_string_pretty(&loan).expect("a loan serializes"))
		},
	}
}

fn parse_hex_vec(what: &str, s: &str) -> Result<Vec<u8>, Failure> {
	loanchain_client::hexutil::parse_hex_vec(what, s).map_err(Failure::from)
}

/// An account given as SS58 (any network prefix) or as its 32 bytes in 0x hex.
fn parse_account(what: &str, s: &str) -> Result<[u8; 32], Failure> {
	if s.starts_with("0x") {
		return Ok(parse_hex(what, s)?);
	}
	sp_core::crypto::AccountId32::from_ss58check(s)
		.map(Into::into)
		.map_err(|e| Failure::Input(format!("{what} is not an SS58 address or 0x hex: {e:?}")))
}

fn connect(url: &str) -> Result<rpc::Node, Failure> {
	rpc::Node::connect(url).map_err(|e| match e {
		rpc::RpcError::BadUrl(_) => Failure::Input(e.to_string()),
		_ => Failure::Operation(e.to_string()),
	})
}

/// The key a command was given: a content key, or a secret key (with an envelope granted
/// to it, if any).
fn key_source<'a>(
	content_key: Option<&str>,
	secret: Option<&'a sealing::SecretKey>,
	envelope: Option<&'a [u8]>,
) -> Result<KeySource<'a>, Failure> {
	match (content_key, secret) {
		(Some(key), _) => Ok(KeySource::ContentKey(parse_hex("--content-key", key)?)),
		(None, Some(secret)) => Ok(KeySource::Secret { secret, envelope }),
		(None, None) => Err(Failure::Input("give --secret-key or --content-key".into())),
	}
}

/// Loan `loan_id` as `node` returns it (`loans_loan`).
fn chain_loan(
	node: &rpc::Node,
	loan_id: u64,
) -> Result<loanchain_primitives::rpc::LoanRecord, Failure> {
	node.loan(loan_id)
		.map_err(operation)?
		.ok_or_else(|| Failure::Operation(format!("there is no loan {loan_id}")))
}

fn open(args: OpenArgs) -> Result<String, Failure> {
	let secret = args.secret_key.as_deref().map(keyfile::read).transpose()?;
	let mut envelope =
		args.envelope.as_deref().map(|e| parse_hex_vec("--envelope", e)).transpose()?;
	let node = args.rpc.as_deref().map(connect).transpose()?;
	if let (Some(node), Some(loan_id), Some(viewer)) = (&node, args.loan_id, &args.viewer) {
		let account = parse_account("--viewer", viewer)?;
		let granted =
			node.access_grant(loan_id, &account).map_err(operation)?.ok_or_else(|| {
				Failure::Operation(format!(
					"the lender of loan {loan_id} has granted no access to {viewer}"
				))
			})?;
		envelope = Some(granted.to_vec());
	}
	let keys = key_source(args.content_key.as_deref(), secret.as_ref(), envelope.as_deref())?;
	if let (Some(node), Some(loan_id)) = (&node, args.loan_id) {
		let loan = chain_loan(node, loan_id)?;
		let genesis = node.block_hash(Some(0)).map_err(operation)?;
		let mut opened = loan::open(&loan, &genesis, keys).map_err(operation)?;
		if opened["lender"]["signature"] == "valid" {
			check_lender_held(node, &loan, &mut opened)?;
		}
		mark_due(&loan, &mut opened);
		return Ok(serde_json::to_string_pretty(&opened).expect("JSON serializes"));
	}
	// By hand: clap requires all three when --rpc is absent.
	let (Some(nonce), Some(ciphertext), Some(borrower_id)) =
		(&args.nonce, &args.ciphertext, &args.borrower_id)
	else {
		return Err(Failure::Input(
			"give --rpc and --loan-id, or --nonce, --ciphertext and --borrower-id".into(),
		));
	};
	let nonce: sealing::Nonce = parse_hex("--nonce", nonce)?;
	let ciphertext: Vec<u8> = parse_hex_vec("--ciphertext", ciphertext)?;
	let borrower_id: [u8; 32] = parse_hex("--borrower-id", borrower_id)?;
	let key = match keys {
		KeySource::ContentKey(key) => key,
		KeySource::Secret { secret, envelope: Some(envelope) } => {
			sealing::open_envelope(envelope, secret).map_err(|e| {
				Failure::Operation(format!(
					"the envelope does not open with this secret key ({e:?})"
				))
			})?
		},
		KeySource::Secret { envelope: None, .. } => {
			return Err(Failure::Input("give --envelope with --secret-key".into()))
		},
	};
	let plain = sealing::open_details(&key, &nonce, &ciphertext, &borrower_id).map_err(|e| {
		Failure::Operation(format!("the details do not open with this key ({e:?})"))
	})?;
	// Without the padding (spaces after the JSON value).
	String::from_utf8(plain)
		.map(|details| details.trim_end().to_string())
		.map_err(|_| Failure::Operation("the details are not UTF-8".into()))
}

/// Whether the account that signed a private loan's `lender` statement held the lender's
/// identity when the loan took effect: asked of the node at that block, or at the best
/// block if the node no longer keeps that block's state (not an archive node), which the
/// output says. Sets `opened.lender.verified`.
fn check_lender_held(
	node: &rpc::Node,
	loan: &loanchain_primitives::rpc::LoanRecord,
	opened: &mut serde_json::Value,
) -> Result<(), Failure> {
	let id: [u8; 32] = parse_hex("lender.id", opened["lender"]["id"].as_str().unwrap_or(""))?;
	let signer =
		parse_account("lender.account", opened["lender"]["account"].as_str().unwrap_or(""))?;
	let at_effect = match &loan.activated_at {
		Some(activated) => {
			let hash = node.block_hash(Some(activated.block)).map_err(operation)?;
			node.identity_owner(&id, hash).ok().map(|owner| (activated.block, owner))
		},
		None => None,
	};
	let (block, owner) = match at_effect {
		Some(found) => found,
		None => {
			let best = u64::from(node.best_number().map_err(operation)?);
			let hash = node.block_hash(Some(best)).map_err(operation)?;
			(best, node.identity_owner(&id, hash).map_err(operation)?)
		},
	};
	let held = owner == Some(signer);
	opened["lender"]["checkedAt"] = block.into();
	opened["lender"]["verified"] = held.into();
	if !held {
		let warning = format!(
			"the account that signed the `lender` statement did not hold the identity {} at \
			 block {block}: who lent is not proven",
			to_hex(&id)
		);
		if let Some(warnings) = opened["warnings"].as_array_mut() {
			warnings.push(warning.into());
		}
	}
	Ok(())
}

/// A private lender's maturity prompt, its client's: `opened.due` when the loan opened has a
/// `maturesOn` (from its sealed schedule), that day has come (in UTC) and it is not concluded.
pub(crate) fn mark_due(
	loan: &loanchain_primitives::rpc::LoanRecord,
	opened: &mut serde_json::Value,
) {
	let Some(matures_on) = opened["maturesOn"].as_str() else { return };
	let today = std::time::SystemTime::now()
		.duration_since(std::time::UNIX_EPOCH)
		.ok()
		.and_then(|now| chrono::DateTime::from_timestamp(now.as_secs() as i64, 0))
		.map(|now| now.date_naive().to_string());
	let running = !matches!(loan.state, loanchain_primitives::rpc::LoanStateKind::Concluded);
	// ISO dates compare as strings.
	let due = running && today.is_some_and(|today| today.as_str() >= matures_on);
	opened["due"] = due.into();
}

fn lender_of(args: LenderOfArgs) -> Result<String, Failure> {
	let suri = read_suri(&args.suri)?;
	let json = read_input(&args.details)?;
	let mut details = LoanDetails::parse(&json)?;
	let borrower_id: [u8; 32] = parse_hex("--borrower-id", &args.borrower_id)?;
	let lender_id: [u8; 32] = parse_hex("--lender-id", &args.lender_id)?;
	if borrower_id == lender_id {
		return Err(Failure::Input("--lender-id is the borrower's: nobody lends to itself".into()));
	}
	let genesis = resolve_genesis(args.rpc.as_deref(), args.genesis.as_deref())?.0;
	let key = lender_of::per_loan_pair(&suri, args.index)?.public().0;
	let statement =
		lender_of::attest(args.scheme, &suri, &genesis, &key, &borrower_id, &lender_id)?;
	eprintln!(
		"loanctl: signing, as the lender {} ({}), that you lend the loan of per-loan key {} to \
		 {}",
		args.lender_id,
		statement.account,
		to_hex(&key),
		args.borrower_id
	);
	details.lender = Some(statement);
	Ok(serde_json::to_string(&details).expect("details serialize"))
}

fn seal_outcome(args: SealOutcomeArgs) -> Result<String, Failure> {
	let byte = match args.outcome {
		Outcome::Performed => sealing::PERFORMED_NORMALLY,
		Outcome::Breached => sealing::BREACHED,
	};
	args.loan
		.run(|_, loan, keys| loan::seal_outcome(loan, keys, byte, &random()).map_err(operation))
}

/// Reads the loan and the chain's genesis hash from the node, finds the key, and prints
/// what `make` seals or opens.
fn extension(
	args: ExtensionLoan,
	make: impl FnOnce(
		&loanchain_primitives::rpc::LoanRecord,
		&[u8; 32],
		KeySource,
	) -> Result<serde_json::Value, loan::OpenError>,
) -> Result<String, Failure> {
	args.loan.run(|node, loan, keys| {
		let genesis: [u8; 32] = node.block_hash(Some(0)).map_err(operation)?;
		make(loan, &genesis, keys).map_err(operation)
	})
}

/// The bytes of `path`, or of standard input for `-`.
fn read_input(path: &std::path::Path) -> Result<Vec<u8>, Failure> {
	if path.as_os_str() == "-" {
		let mut buf = Vec::new();
		std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf)?;
		Ok(buf)
	} else {
		std::fs::read(path)
			.map_err(|e| Failure::Input(format!("cannot read {}: {e}", path.display())))
	}
}

/// A secret URI given on the command line, or read from standard input for `-`.
fn read_suri(suri: &str) -> Result<String, Failure> {
	if suri != "-" {
		return Ok(suri.to_string());
	}
	let mut line = String::new();
	std::io::stdin().read_line(&mut line)?;
	Ok(line.trim().to_string())
}

/// The chain's genesis hash: given (`--genesis`), or read from the node at `--rpc`, which
/// is returned too.
fn resolve_genesis(
	rpc: Option<&str>,
	genesis: Option<&str>,
) -> Result<([u8; 32], Option<rpc::Node>), Failure> {
	match (rpc, genesis) {
		(Some(url), _) => {
			let node = connect(url)?;
			let genesis = node.block_hash(Some(0)).map_err(operation)?;
			Ok((genesis, Some(node)))
		},
		(None, Some(genesis)) => Ok((parse_hex("--genesis", genesis)?, None)),
		(None, None) => Err(Failure::Input("give --genesis or --rpc".into())),
	}
}

/// The genesis hash and the deadline a consent names: given, or read from a node.
fn resolve_validity(validity: &Validity) -> Result<([u8; 32], u32), Failure> {
	let (genesis, node) = resolve_genesis(validity.rpc.as_deref(), validity.genesis.as_deref())?;
	let deadline = match (validity.deadline, validity.valid_for, node) {
		(Some(deadline), ..) => deadline,
		(None, Some(blocks), Some(node)) => {
			let best = node.best_number().map_err(operation)?;
			best.saturating_add(blocks)
		},
		(None, Some(_), None) => {
			return Err(Failure::Input("give --deadline (--valid-for needs --rpc)".into()))
		},
		(None, None, _) => return Err(Failure::Input("give --deadline or --valid-for".into())),
	};
	Ok((genesis, deadline))
}

/// A borrower's consent to one inquiry (`loans.inquire`), signed over the wrapped inquiry
/// hash.
fn inquiry_consent(args: InquiryConsentArgs) -> Result<String, Failure> {
	let suri = read_suri(&args.suri)?;
	let borrower_id: [u8; 32] = parse_hex("--borrower-id", &args.borrower_id)?;
	let inquirer_id: [u8; 32] = parse_hex("--inquirer-id", &args.inquirer_id)?;
	if borrower_id == inquirer_id {
		return Err(Failure::Input(
			"--inquirer-id is the borrower's own id: looking oneself up needs no consent".into(),
		));
	}
	let purpose = InquiryPurpose::from(args.purpose);
	let (genesis, deadline) = resolve_validity(&args.validity)?;
	let hash = sealing::inquiry_hash(&sealing::Inquiry {
		genesis_hash: &genesis,
		inquirer_id: &inquirer_id,
		borrower_id: &borrower_id,
		purpose: purpose as u8,
		deadline,
	});
	eprintln!(
		"loanctl: signing, as the borrower {}, that {} may look you up once, for {}, until \
		 block {deadline}",
		args.borrower_id,
		args.inquirer_id,
		serde_json::to_value(purpose)
			.expect("a purpose serializes")
			.as_str()
			.unwrap_or("?"),
	);
	let signed = consent::sign(args.scheme, &suri, &hash)?;
	Ok(serde_json::to_string_pretty(&serde_json::json!({
		"consent": {
			"borrowerId": to_hex(&borrower_id),
			"purpose": purpose,
			"deadline": deadline,
			"signature": { args.scheme.variant(): to_hex(&signed.signature) },
		},
		"inquiryHash": to_hex(&hash),
		"signer": signed.account.to_ss58check(),
	}))
	.expect("JSON of strings serializes"))
}

/// One `--share` of `oprf-redeal`: `INDEX=FILE`, or a ceremony's `registrar-<INDEX>.share`.
fn read_old_share(arg: &str) -> Result<loanchain_oprf::KeyShare, Failure> {
	let (index, file) = match arg.split_once('=') {
		Some((index, file)) => (index.parse::<u16>().ok(), file),
		None => (
			std::path::Path::new(arg)
				.file_name()
				.and_then(|name| name.to_str())
				.and_then(|name| name.strip_prefix("registrar-")?.strip_suffix(".share"))
				.and_then(|index| index.parse::<u16>().ok()),
			arg,
		),
	};
	let index = index.ok_or_else(|| {
		Failure::Input(format!(
			"--share {arg}: say which share it is, as INDEX=FILE (or keep the ceremony's name, \
			 registrar-<INDEX>.share)"
		))
	})?;
	let secret = keyfile::read(std::path::Path::new(file))?;
	loanchain_oprf::KeyShare::from_bytes(index, &secret)
		.map_err(|e| Failure::Input(format!("--share {arg}: {e}")))
}

/// The ceremony's output: each share in a new file readable only by its owner, the public
/// shares and the network's public key printed.
fn write_shares(
	threshold: u16,
	dealt: &[loanchain_oprf::KeyShare],
	network_key: [u8; 32],
	out_dir: &std::path::Path,
) -> Result<String, Failure> {
	let shares = dealt.len();
	std::fs::create_dir_all(out_dir)?;
	let mut public = Vec::new();
	for share in dealt {
		let file = out_dir.join(format!("registrar-{}.share", share.index));
		keyfile::write_new(&file, &share.secret_bytes())?;
		public.push(serde_json::json!({
			"index": share.index,
			"publicShare": to_hex(&share.public().element),
			"file": file.display().to_string(),
		}));
	}
	eprintln!(
		"loanctl: {shares} shares written to {}, readable by you only: hand each to its \
		 registrar, then delete them here",
		out_dir.display()
	);
	Ok(serde_json::to_string_pretty(&serde_json::json!({
		"threshold": threshold,
		"networkKey": to_hex(&network_key),
		"shares": public,
	}))
	.expect("JSON of strings serializes"))
}

/// The sealed details of `--sealed`: `loanctl seal`'s JSON, or its `details` alone.
fn read_sealed(path: &std::path::Path) -> Result<SealedDetails, Failure> {
	let sealed: SealedInput = serde_json::from_slice(&read_input(path)?)
		.map_err(|e| Failure::Input(format!("--sealed is not `loanctl seal`'s JSON: {e}")))?;
	Ok(match sealed {
		SealedInput::Wrapped { details } | SealedInput::Details(details) => details,
	})
}

fn consent_request(args: ConsentRequestArgs) -> Result<String, Failure> {
	let details = read_sealed(&args.sealed)?;
	let lender_id: [u8; 32] = parse_hex("--lender-id", &args.lender_id)?;
	let borrower_id: [u8; 32] = parse_hex("--borrower-id", &args.borrower_id)?;
	if args.period_days == 0 {
		return Err(Failure::Input("--period-days must be at least 1".into()));
	}
	let (genesis, deadline) = resolve_validity(&args.validity)?;
	let request = ConsentRequest {
		genesis_hash: Some(Hash32(genesis)),
		lender_id,
		borrower_id,
		submitter: args.submitter,
		period_days: args.period_days,
		details,
		deadline,
	};
	Ok(serde_json::to_string_pretty(&request).expect("JSON of strings serializes"))
}

fn consent(args: ConsentArgs) -> Result<String, Failure> {
	let suri = read_suri(&args.suri)?;
	let json: serde_json::Value = serde_json::from_slice(&read_input(&args.request)?)
		.map_err(|e| Failure::Input(format!("--request is not a consent request: {e}")))?;
	if lender_cli::PrivateConsentRequest::is_private(&json) {
		return lender_cli::private_consent(
			json,
			args.scheme,
			&suri,
			&args.secret_key,
			args.rpc.as_deref(),
		);
	}
	let request: ConsentRequest = serde_json::from_value(json)
		.map_err(|e| Failure::Input(format!("--request is not a consent request: {e}")))?;
	let Hash32(genesis) = request.genesis_hash.ok_or_else(|| {
		Failure::Input(
			"the consent request names no chain (its genesisHash is missing): ask for one that \
			 does"
				.into(),
		)
	})?;
	let ConsentRequest { lender_id, borrower_id, submitter, period_days, deadline, .. } = request;
	let SealedDetails { nonce, ciphertext, key_commitment, lender_envelope, borrower_envelope } =
		request.details;

	// What is signed is read first: the terms, from the signer's own envelope.
	let (signer_role, envelope) = match submitter {
		Party::Lender => ("borrower", &borrower_envelope),
		Party::Borrower => ("lender", &lender_envelope),
	};
	let secret = keyfile::read(&args.secret_key)?;
	let content_key = sealing::open_envelope(envelope, &secret).map_err(|_| {
		Failure::Operation(format!(
			"--secret-key does not open the {signer_role}'s envelope of these details: they are \
			 not sealed to you, and you would sign terms you cannot read"
		))
	})?;
	if sealing::key_commitment(&content_key) != key_commitment {
		return Err(Failure::Operation(
			"the details do not carry their key's commitment: they could never be published; \
			 do not sign them"
				.into(),
		));
	}
	let terms =
		sealing::open_details(&content_key, &nonce, &ciphertext, &borrower_id).map_err(|_| {
			Failure::Operation(
				"the details do not open for the request's borrowerId: do not sign them".into(),
			)
		})?;
	let parsed = LoanDetails::parse(&terms)
		.map_err(|e| Failure::Operation(format!("the terms are not loan details: {e}")))?;
	if parsed.period_days != period_days {
		return Err(Failure::Operation(format!(
			"the terms say {} days and the request's periodDays {}: the chain would record {}; \
			 do not sign terms that contradict the record",
			parsed.period_days, period_days, period_days
		)));
	}
	let terms = String::from_utf8(terms)
		.map_err(|_| Failure::Operation("the terms are not UTF-8 text".into()))?;
	eprintln!(
		"loanctl: signing, as the {signer_role}, a loan of {} days from {} to {} on these terms, \
		 until block {deadline}:\n{}",
		period_days,
		to_hex(&lender_id),
		to_hex(&borrower_id),
		terms.trim_end()
	);

	let hash = sealing::consent_hash(&sealing::Consent {
		genesis_hash: &genesis,
		terms: sealing::Terms {
			lender_id: &lender_id,
			borrower_id: &borrower_id,
			proposer_role: submitter as u8,
			period_days,
			nonce: &nonce,
			ciphertext: &ciphertext,
			key_commitment: &key_commitment,
			lender_envelope: &lender_envelope,
			borrower_envelope: &borrower_envelope,
		},
		deadline,
	});
	let signed = consent::sign(args.scheme, &suri, &hash)?;
	Ok(serde_json::to_string_pretty(&serde_json::json!({
		"consent": {
			"deadline": deadline,
			"signature": { args.scheme.variant(): to_hex(&signed.signature) },
		},
		"consentHash": to_hex(&hash),
		"signer": signed.account.to_ss58check(),
	}))
	.expect("JSON of strings serializes"))
}

fn seal(args: SealArgs) -> Result<String, Failure> {
	let json = read_input(&args.details)?;
	LoanDetails::parse(&json)?;
	let borrower_id: [u8; 32] = parse_hex("--borrower-id", &args.borrower_id)?;
	let lender_key = parse_hex("--lender-key", &args.lender_key)?;
	let borrower_key = parse_hex("--borrower-key", &args.borrower_key)?;

	let content_key: sealing::ContentKey = random();
	let nonce: sealing::Nonce = random();
	// Padded to its size class: the ciphertext's length tells nothing finer.
	let ciphertext =
		sealing::seal_details(&content_key, &nonce, &sealing::pad_details(&json), &borrower_id);
	let envelope = |key, what| {
		sealing::make_envelope(&content_key, &key, &random())
			.map_err(|_| Failure::Input(format!("{what} is not a usable X25519 public key")))
	};
	let lender_envelope = envelope(lender_key, "--lender-key")?;
	let borrower_envelope = envelope(borrower_key, "--borrower-key")?;
	let sealed = Sealed {
		content_key,
		details: SealedDetails {
			borrower_envelope,
			ciphertext,
			key_commitment: sealing::key_commitment(&content_key),
			lender_envelope,
			nonce,
		},
	};
	Ok(serde_json::to_string_pretty(&sealed).expect("JSON of strings serializes"))
}

/// The sealed details as `loanctl seal` prints them and `loanctl consent-request --sealed`
/// reads them: the `details` argument of `propose` and `record`, in hex and camelCase, as
/// @polkadot/api takes it (one shape, from `loanctl` to the chain).
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct SealedDetails {
	// In alphabetical order, as the guides show them.
	#[serde(with = "hex0x")]
	borrower_envelope: sealing::Envelope,
	#[serde(with = "hex0x")]
	ciphertext: Vec<u8>,
	#[serde(with = "hex0x")]
	key_commitment: sealing::KeyCommitment,
	#[serde(with = "hex0x")]
	lender_envelope: sealing::Envelope,
	#[serde(with = "hex0x")]
	nonce: sealing::Nonce,
}

/// What `loanctl seal` prints: the details and the content key (kept by the proposer).
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Sealed {
	#[serde(with = "hex0x")]
	content_key: sealing::ContentKey,
	details: SealedDetails,
}

/// `--sealed`: the details under `details` (as `loanctl seal` prints them, whose
/// `content_key` is not needed here), or the details alone.
/// A consent request (`loanctl consent-request`, the web app's *Record a loan with a
/// customer's consent*, docs/web.md): the arguments of `record` the counterparty signs, the
/// chain and the deadline — camelCase, hex for bytes, as @polkadot/api takes them.
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ConsentRequest {
	#[serde(default, skip_serializing_if = "Option::is_none")]
	genesis_hash: Option<Hash32>,
	#[serde(with = "hex0x")]
	lender_id: [u8; 32],
	#[serde(with = "hex0x")]
	borrower_id: [u8; 32],
	submitter: Party,
	period_days: u32,
	details: SealedDetails,
	deadline: u32,
}

#[derive(serde::Deserialize)]
#[serde(untagged)]
enum SealedInput {
	Wrapped { details: SealedDetails },
	Details(SealedDetails),
}

fn main() -> ExitCode {
	match run(Cli::parse().command) {
		Ok(output) => {
			println!("{output}");
			ExitCode::SUCCESS
		},
		Err(Failure::Input(message)) => {
			eprintln!("loanctl: {message}");
			ExitCode::from(2)
		},
		Err(Failure::Operation(message)) => {
			eprintln!("loanctl: {message}");
			ExitCode::from(1)
		},
	}
}
