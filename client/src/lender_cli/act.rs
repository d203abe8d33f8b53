//! `act_as_lender`: a private lender's act on its loan, signed by the loan's per-loan key
//! for its next act index, submitted as a general transaction.

use super::*;

#[derive(Args)]
pub struct LenderActArgs {
	/// The node's JSON-RPC URL: the loan is read from it and the act submitted to it.
	#[arg(long, value_name = "URL")]
	rpc: String,
	#[command(flatten)]
	key: PerLoanKey,
	#[command(subcommand)]
	act: Act,
}

/// What a private lender does to its loan (`LenderAct`).
#[derive(Subcommand)]
pub enum Act {
	/// Record how the loan was performed (as `conclude`): the outcome sealed by `loanctl
	/// seal-outcome`, and the disclosure from now on.
	Conclude {
		/// `loanctl seal-outcome`'s JSON.
		#[arg(long, value_name = "FILE")]
		outcome: PathBuf,
		#[command(flatten)]
		disclosure: DisclosureArgs,
	},
	/// Open the details further, or close them again (as `set_disclosure`).
	SetDisclosure {
		#[command(flatten)]
		disclosure: DisclosureArgs,
	},
	/// Grant a viewer access (as `grant_access`): its envelope (`loanctl envelope`), and
	/// the account a paid request's price goes to (a fresh one keeps your loans apart).
	GrantAccess {
		#[arg(long, value_name = "ACCOUNT")]
		viewer: String,
		#[arg(long, value_name = "HEX")]
		envelope: String,
		#[arg(long, value_name = "ACCOUNT")]
		payee: String,
	},
	/// Decline a viewer's request (as `decline_access`; a paid request is refunded).
	DeclineAccess {
		#[arg(long, value_name = "ACCOUNT")]
		viewer: String,
	},
	/// Offer more days (as `propose_extension`, the days sealed): `loanctl seal-extension`'s
	/// JSON. The borrower confirms it with `confirmSealedExtension`.
	ProposeExtension {
		#[arg(long, value_name = "FILE")]
		offer: PathBuf,
	},
}

/// Who may read the details from now on.
#[derive(Args)]
pub struct DisclosureArgs {
	#[arg(long, value_enum)]
	disclosure: DisclosureLevel,
	/// For `paid`: the price of access, in plancks.
	#[arg(long, required_if_eq("disclosure", "paid"))]
	price: Option<u128>,
	/// For `public`: the loan's content key (`loanctl open` prints it).
	#[arg(long, value_name = "HEX", required_if_eq("disclosure", "public"))]
	content_key: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum DisclosureLevel {
	/// Only the parties and whom the lender grants.
	Encrypted,
	/// Anyone may buy access for `--price`.
	Paid,
	/// The content key published: anyone reads the details.
	Public,
}

impl DisclosureArgs {
	fn disclosure(&self) -> Result<pallet_loans::Disclosure<u128>, Failure> {
		Ok(match self.disclosure {
			DisclosureLevel::Encrypted => pallet_loans::Disclosure::Encrypted,
			DisclosureLevel::Paid => pallet_loans::Disclosure::Paid {
				price: self.price.ok_or_else(|| Failure::Input("give --price".into()))?,
			},
			DisclosureLevel::Public => pallet_loans::Disclosure::Public {
				content_key: parse_hex(
					"--content-key",
					self.content_key
						.as_deref()
						.ok_or_else(|| Failure::Input("give --content-key".into()))?,
				)?,
			},
		})
	}
}

/// The `{ nonce, ciphertext }` that `loanctl <command>` sealed for `loan_id` and wrote to
/// `path` (given as `flag`): at the top of its JSON, or under `within`.
fn sealed_part(
	path: &Path,
	flag: &str,
	command: &str,
	loan_id: u64,
	within: Option<&str>,
) -> Result<(sealing::Nonce, Vec<u8>), Failure> {
	let sealed: serde_json::Value = serde_json::from_slice(&read_input(path)?)?;
	if sealed["loanId"].as_u64() != Some(loan_id) {
		return Err(Failure::Input(format!("{flag} is sealed for another loan than {loan_id}")));
	}
	let part = within.map_or(&sealed, |name| &sealed[name]);
	let field = |name: &str| {
		part[name]
			.as_str()
			.ok_or_else(|| Failure::Input(format!("{flag} has no {name}: use `loanctl {command}`")))
	};
	Ok((
		parse_hex(&format!("{flag}'s nonce"), field("nonce")?)?,
		loanchain_client::hexutil::parse_hex_vec(
			&format!("{flag}'s ciphertext"),
			field("ciphertext")?,
		)?,
	))
}

/// A sealed part's ciphertext at the length the chain keeps.
fn fixed<const N: usize>(flag: &str, ciphertext: Vec<u8>) -> Result<[u8; N], Failure> {
	ciphertext
		.try_into()
		.map_err(|_| Failure::Input(format!("{flag}'s ciphertext has the wrong length")))
}

/// `loanctl lender-act`: the act, signed by the loan's per-loan key, submitted.
pub fn lender_act(args: LenderActArgs) -> Result<String, Failure> {
	let suri = read_suri(&args.key.suri)?;
	let pair = lender_of::per_loan_pair(&suri, args.key.index)?;
	let key = pair.public().0;
	let node = chain_node(&args.rpc)?;
	let best = node.block_hash(None).map_err(operation)?;
	let loan_id = node.loan_of_lender_key(&key, best).map_err(operation)?.ok_or_else(|| {
		Failure::Operation(format!("per-loan key {} has lent no loan", args.key.index))
	})?;
	let stored = node
		.stored_loan(loan_id)
		.map_err(operation)?
		.ok_or_else(|| Failure::Operation(format!("loan {loan_id} is not on chain")))?;
	let acts = match stored.lender {
		pallet_loans::Lender::Private(lender) if lender.key == key => lender.acts,
		_ => return Err(Failure::Operation(format!("loan {loan_id} is not this key's"))),
	};
	let act = match args.act {
		Act::Conclude { outcome, disclosure } => {
			let (nonce, ciphertext) =
				sealed_part(&outcome, "--outcome", "seal-outcome", loan_id, None)?;
			pallet_loans::LenderAct::Conclude {
				sealed_outcome: pallet_loans::SealedOutcome {
					nonce,
					ciphertext: fixed("--outcome", ciphertext)?,
				},
				disclosure: disclosure.disclosure()?,
			}
		},
		Act::SetDisclosure { disclosure } => {
			pallet_loans::LenderAct::SetDisclosure { disclosure: disclosure.disclosure()? }
		},
		Act::GrantAccess { viewer, envelope, payee } => pallet_loans::LenderAct::GrantAccess {
			viewer: parse_account("--viewer", &viewer)?.into(),
			envelope: parse_hex("--envelope", &envelope)?,
			payee: parse_account("--payee", &payee)?.into(),
		},
		Act::DeclineAccess { viewer } => pallet_loans::LenderAct::DeclineAccess {
			viewer: parse_account("--viewer", &viewer)?.into(),
		},
		Act::ProposeExtension { offer } => {
			let (nonce, ciphertext) =
				sealed_part(&offer, "--offer", "seal-extension", loan_id, Some("offer"))?;
			pallet_loans::LenderAct::ProposeExtension {
				offer: pallet_loans::SealedExtension {
					nonce,
					ciphertext: fixed("--offer", ciphertext)?,
				},
			}
		},
	};
	let name = loanchain_client::chain::variant_name::<pallet_loans::LenderActOf<Runtime>>(
		act.encode()[0],
	);
	let genesis = node.block_hash(Some(0)).map_err(operation)?;
	let hash = sealing::lender_act_hash(&genesis, loan_id, acts, &act.encode());
	let included = submitted(
		&node,
		RuntimeCall::Loans(pallet_loans::Call::act_as_lender {
			loan_id,
			act_index: acts,
			act,
			signature: pair.sign(&hash).0,
		}),
	)?;
	Ok(pretty(serde_json::json!({
		"loanId": loan_id,
		"act": name,
		"actIndex": acts,
		"block": included.block,
		"events": included.event_names(),
	})))
}
