//! The chain in its own types (`loanchain-runtime`): what loanctl reads of storage and
//! events in SCALE, and the general transactions (extrinsic v5, no signer) a private lender
//! submits — `Loans.record_private`, `record_private_batch`, `act_as_lender` — which no
//! wallet or polkadot.js apps can make. They are built with the runtime's own
//! [`loanchain_runtime::general_transaction`], so loanctl and the chain agree on every byte;
//! a loanctl of another runtime version than the node's is refused
//! ([`Node::check_runtime`]). A registrar's token service signs its own transactions
//! ([`signed_transaction`]): `set_token_key` and `issue_lender_tokens` from the registrar's
//! account, which pays their fees.

use crate::rpc::{Node, RpcError};
use codec::{Decode, Encode};
use frame_support::storage::{generator::StorageDoubleMap as _, StoragePrefixedMap as _};
use loanchain_runtime::{
	pallet_credit_identity, pallet_loans, AccountId, CreditIdentity, Loans, Nonce, Runtime,
	RuntimeCall, RuntimeEvent, SignedPayload, UncheckedExtrinsic, VERSION,
};
use scale_info::{TypeDef, TypeInfo};
use sp_core::{sr25519, Pair, H256};
use sp_runtime::{MultiAddress, MultiSignature};
use std::time::{Duration, Instant};

/// A record of the runtime's events, as `System.Events` keeps them.
type EventRecord = frame_system::EventRecord<RuntimeEvent, sp_core::H256>;

/// Why a transaction did not make it into a block.
#[derive(Debug, thiserror::Error)]
pub enum SubmitError {
	#[error(transparent)]
	Rpc(#[from] RpcError),
	/// The node's pool refused it: the reason, with the pallet's error named when the
	/// call's own check (`#[pallet::authorize]`) refused it.
	#[error("the node refused the transaction: {0}")]
	Refused(String),
	/// It was included and failed: the error, named.
	#[error("the transaction failed in block {block}: {error}")]
	Failed { block: u32, error: String },
	#[error("the transaction was not in a block after {0} s: the pool may have dropped it")]
	NotIncluded(u64),
	#[error(
		"this loanctl is for the runtime {ours}, the node runs {theirs}: use the loanctl of the \
		 node's release"
	)]
	OtherRuntime { ours: String, theirs: String },
	#[error("the chain's storage does not decode as this loanctl's runtime has it: {0}")]
	Undecodable(String),
}

/// A transaction in a block: where, and the events it emitted.
#[derive(Debug)]
pub struct Included {
	pub block: u32,
	pub block_hash: [u8; 32],
	pub index: u32,
	pub events: Vec<RuntimeEvent>,
}

impl Included {
	/// The events' names, `Pallet.Event`, in order; the system's own left out.
	pub fn event_names(&self) -> Vec<String> {
		self.events
			.iter()
			.filter(|event| !matches!(event, RuntimeEvent::System(_)))
			.map(event_name)
			.collect()
	}
}

/// The name of a variant of the enum `T` by its index (its first encoded byte), from its
/// type information: the name the metadata gives it.
pub fn variant_name<T: TypeInfo + 'static>(index: u8) -> Option<&'static str> {
	match T::type_info().type_def {
		TypeDef::Variant(def) => def.variants.iter().find(|v| v.index == index).map(|v| v.name),
		_ => None,
	}
}

/// `Pallet.Event` of a runtime event.
pub fn event_name(event: &RuntimeEvent) -> String {
	let encoded = event.encode();
	let pallet = variant_name::<RuntimeEvent>(encoded[0]).unwrap_or("?");
	let inner = match event {
		RuntimeEvent::Loans(e) => variant_name::<pallet_loans::Event<Runtime>>(e.encode()[0]),
		RuntimeEvent::CreditIdentity(e) => {
			variant_name::<pallet_credit_identity::Event<Runtime>>(e.encode()[0])
		},
		_ => None,
	};
	format!("{pallet}.{}", inner.unwrap_or("?"))
}

/// The name of a dispatch error: `Pallet.Error` for the loans' and identities' errors.
pub fn error_name(error: &sp_runtime::DispatchError) -> String {
	let named = match error {
		sp_runtime::DispatchError::Module(m) if Some(m.index) == index_of::<Loans>() => {
			loans_error(m.error[0])
		},
		sp_runtime::DispatchError::Module(m) if Some(m.index) == index_of::<CreditIdentity>() => {
			variant_name::<pallet_credit_identity::Error<Runtime>>(m.error[0])
				.map(|name| format!("CreditIdentity.{name}"))
		},
		_ => None,
	};
	named.unwrap_or_else(|| format!("{error:?}"))
}

/// `Loans.<error>` of the loans pallet's error `index`.
fn loans_error(index: u8) -> Option<String> {
	variant_name::<pallet_loans::Error<Runtime>>(index).map(|name| format!("Loans.{name}"))
}

fn index_of<P: frame_support::traits::PalletInfoAccess>() -> Option<u8> {
	u8::try_from(P::index()).ok()
}

/// The reason in a pool's refusal, its `Custom(n)` named as the loans pallet's error `n`
/// (how `#[pallet::authorize]` refuses: docs/loans.md).
fn refusal(data: &str) -> String {
	let custom = data
		.split("Custom error: ")
		.nth(1)
		.and_then(|rest| rest.trim_matches(|c: char| !c.is_ascii_digit()).parse::<u8>().ok());
	match custom.and_then(loans_error) {
		Some(name) => format!("{name} ({data})"),
		None => data.to_owned(),
	}
}

/// Decodes a storage value.
fn decoded<T: Decode>(bytes: Option<Vec<u8>>) -> Result<Option<T>, SubmitError> {
	bytes
		.map(|bytes| {
			T::decode(&mut &bytes[..]).map_err(|e| SubmitError::Undecodable(e.to_string()))
		})
		.transpose()
}

/// `call` as a transaction of `signer`'s account (extrinsic v4, sr25519): immortal, no tip,
/// nonce `nonce`, for the chain of genesis `genesis` and this loanctl's runtime (which
/// [`Node::check_runtime`] holds to be the node's). The account pays its fee.
pub fn signed_transaction(
	call: RuntimeCall,
	signer: &sr25519::Pair,
	nonce: Nonce,
	genesis: H256,
) -> UncheckedExtrinsic {
	let extension = loanchain_runtime::transaction_extension(nonce);
	// What the extensions add to the signed payload without putting it in the transaction:
	// the runtime's versions, the genesis hash (twice: `CheckGenesis`, and `CheckEra`'s
	// block for an immortal transaction) and no metadata hash.
	let implicit = (
		(),
		(),
		VERSION.spec_version,
		VERSION.transaction_version,
		genesis,
		genesis,
		(),
		(),
		(),
		None,
		(),
	);
	let payload = SignedPayload::from_raw(call, extension, implicit);
	let signature = payload.using_encoded(|bytes| signer.sign(bytes));
	let (call, extension, _) = payload.deconstruct();
	let account: AccountId = signer.public().into();
	UncheckedExtrinsic::new_signed(
		call,
		MultiAddress::Id(account),
		MultiSignature::Sr25519(signature),
		extension,
	)
}

/// A request for lender tokens, as the chain keeps it.
pub type OpenTokenRequest = pallet_credit_identity::TokenRequest<AccountId, u128>;

/// How many storage keys one `state_getKeysPaged` asks for.
const KEYS_PAGE: u32 = 256;

/// How long a transaction may take to be included.
const INCLUSION_TIMEOUT: Duration = Duration::from_secs(120);

impl Node {
	/// Refuses a node whose runtime is not the one this loanctl was built with: the bytes
	/// it would build, and the storage it would read, could mean something else there.
	pub fn check_runtime(&self) -> Result<(), SubmitError> {
		let (name, spec_version) = self.runtime_version()?;
		if name != *VERSION.spec_name || spec_version != VERSION.spec_version {
			return Err(SubmitError::OtherRuntime {
				ours: format!("{} {}", VERSION.spec_name, VERSION.spec_version),
				theirs: format!("{name} {spec_version}"),
			});
		}
		Ok(())
	}

	/// A registrar's token key of `epoch` (`CreditIdentity.TokenKeys`) at the best block.
	pub fn token_key(
		&self,
		registrar: &loanchain_runtime::AccountId,
		epoch: u32,
	) -> Result<Option<pallet_credit_identity::TokenKey>, SubmitError> {
		let key = pallet_credit_identity::TokenKeys::<Runtime>::storage_double_map_final_key(
			registrar, epoch,
		);
		decoded(self.storage(key, self.block_hash(None)?)?)
	}

	/// A request for lender tokens still waiting for its registrar
	/// (`CreditIdentity.TokenRequests`).
	pub fn token_request(&self, request: u64) -> Result<Option<OpenTokenRequest>, SubmitError> {
		let key = pallet_credit_identity::TokenRequests::<Runtime>::hashed_key_for(request);
		decoded(self.storage(key, self.block_hash(None)?)?)
	}

	/// Loan `loan_id` as the chain stores it (`Loans.Loans`), at the best block.
	pub fn stored_loan(
		&self,
		loan_id: u64,
	) -> Result<Option<pallet_loans::LoanOf<Runtime>>, SubmitError> {
		let key = pallet_loans::Loans::<Runtime>::hashed_key_for(loan_id);
		decoded(self.storage(key, self.block_hash(None)?)?)
	}

	/// The chain's day in blocks (`Loans.BlocksPerDay`), at the best block: a token epoch.
	pub fn blocks_per_day(&self) -> Result<u32, SubmitError> {
		use frame_support::traits::Get;
		let key = pallet_loans::BlocksPerDay::<Runtime>::hashed_key().to_vec();
		let stored = decoded::<u32>(self.storage(key, self.block_hash(None)?)?)?;
		Ok(stored.unwrap_or_else(pallet_loans::DefaultBlocksPerDay::get).max(1))
	}

	/// The events of block `at`.
	pub fn events(&self, at: [u8; 32]) -> Result<Vec<EventRecord>, SubmitError> {
		let key = crate::rpc::storage_prefix("System", "Events");
		Ok(decoded::<Vec<EventRecord>>(self.storage(key, at)?)?.unwrap_or_default())
	}

	/// Submits `call` as a general transaction and waits until a block includes it (the
	/// best chain; finality follows a block or two later). A call that fails in the block
	/// is an error, named; so is an act of a private lender that failed
	/// (`LenderActFailed`).
	pub fn submit_general(&self, call: RuntimeCall) -> Result<Included, SubmitError> {
		self.check_runtime()?;
		let extrinsic = loanchain_runtime::general_transaction(call).encode();
		let from = self.best_number()?;
		self.submit(extrinsic.clone())?;
		self.included(from, &extrinsic)
	}

	/// Submits `call` as a transaction of `signer`'s account (which pays its fee) and waits
	/// until a block includes it, as [`Self::submit_general`] does.
	pub fn submit_signed(
		&self,
		call: RuntimeCall,
		signer: &sr25519::Pair,
	) -> Result<Included, SubmitError> {
		self.check_runtime()?;
		let account: AccountId = signer.public().into();
		let nonce = self.account_next_index(&sp_core::crypto::Ss58Codec::to_ss58check(&account))?;
		let genesis = H256(self.block_hash(Some(0))?);
		let extrinsic = signed_transaction(call, signer, nonce, genesis).encode();
		let from = self.best_number()?;
		self.submit(extrinsic.clone())?;
		self.included(from, &extrinsic)
	}

	/// Puts the encoded `extrinsic` in the node's pool; a refusal is named.
	pub fn submit(&self, extrinsic: Vec<u8>) -> Result<(), SubmitError> {
		self.submit_extrinsic(extrinsic).map(drop).map_err(|e| match e {
			RpcError::Rejected { message, data } => {
				SubmitError::Refused(refusal(&data.unwrap_or(message)))
			},
			other => SubmitError::Rpc(other),
		})
	}

	/// Waits until a block after `from` includes `extrinsic` (the best chain): its events,
	/// or its failure, named.
	pub fn included(&self, from: u32, extrinsic: &[u8]) -> Result<Included, SubmitError> {
		let started = Instant::now();
		let mut next = from.saturating_add(1);
		while started.elapsed() < INCLUSION_TIMEOUT {
			let best = self.best_number()?;
			while next <= best {
				let hash = self.block_hash(Some(next.into()))?;
				if let Some(index) = self.extrinsic_index(hash, extrinsic)? {
					return self.outcome(next, hash, index);
				}
				next += 1;
			}
			std::thread::sleep(Duration::from_millis(500));
		}
		Err(SubmitError::NotIncluded(INCLUSION_TIMEOUT.as_secs()))
	}

	/// The numbers of the requests for lender tokens waiting for an answer
	/// (`CreditIdentity.TokenRequests`) at block `at`, in order.
	pub fn open_token_requests(&self, at: [u8; 32]) -> Result<Vec<u64>, SubmitError> {
		let prefix = pallet_credit_identity::TokenRequests::<Runtime>::final_prefix();
		let mut numbers = Vec::new();
		let mut start: Option<Vec<u8>> = None;
		loop {
			let keys = self.keys_paged(&prefix, KEYS_PAGE, start.as_deref(), at)?;
			// Twox64Concat: a request's number is its key's last eight bytes.
			numbers.extend(keys.iter().filter_map(|key| {
				let tail = key.get(key.len().checked_sub(8)?..)?;
				Some(u64::from_le_bytes(tail.try_into().ok()?))
			}));
			if (keys.len() as u32) < KEYS_PAGE {
				break;
			}
			start = keys.last().cloned();
		}
		numbers.sort_unstable();
		Ok(numbers)
	}

	/// Where the block `at` has `extrinsic`, if it has it.
	fn extrinsic_index(&self, at: [u8; 32], extrinsic: &[u8]) -> Result<Option<u32>, RpcError> {
		let body = self.block_body(at)?;
		Ok(body.iter().position(|xt| xt == extrinsic).map(|i| i as u32))
	}

	/// The events of the extrinsic at `index` of block `number`, or why it failed.
	fn outcome(&self, number: u32, at: [u8; 32], index: u32) -> Result<Included, SubmitError> {
		use frame_system::{Event as System, Phase};
		let events: Vec<RuntimeEvent> = self
			.events(at)?
			.into_iter()
			.filter(|record| record.phase == Phase::ApplyExtrinsic(index))
			.map(|record| record.event)
			.collect();
		for event in &events {
			let error = match event {
				RuntimeEvent::System(System::ExtrinsicFailed { dispatch_error, .. }) => {
					error_name(dispatch_error)
				},
				RuntimeEvent::Loans(pallet_loans::Event::LenderActFailed { error, .. }) => {
					error_name(error)
				},
				_ => continue,
			};
			return Err(SubmitError::Failed { block: number, error });
		}
		Ok(Included { block: number, block_hash: at, index, events })
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn errors_and_events_are_named_as_the_metadata_names_them() {
		let error: sp_runtime::DispatchError = pallet_loans::Error::<Runtime>::LenderKeyUsed.into();
		assert_eq!(error_name(&error), "Loans.LenderKeyUsed");
		let error: sp_runtime::DispatchError =
			pallet_credit_identity::Error::<Runtime>::UnknownTokenRequest.into();
		assert_eq!(error_name(&error), "CreditIdentity.UnknownTokenRequest");
		let event = RuntimeEvent::Loans(pallet_loans::Event::PrivateLoanRecorded {
			loan_id: 7,
			borrower: [1; 32].into(),
		});
		assert_eq!(event_name(&event), "Loans.PrivateLoanRecorded");
	}

	#[test]
	fn a_signed_transaction_passes_the_runtimes_own_check_on_its_chain_only() {
		use sp_runtime::{generic::ExtrinsicFormat, traits::Checkable};
		let genesis = H256::repeat_byte(7);
		let signer = sr25519::Pair::from_string("//Alice", None).unwrap();
		let call = RuntimeCall::System(frame_system::Call::remark { remark: b"hi".to_vec() });
		let bytes = signed_transaction(call.clone(), &signer, 5, genesis).encode();
		let on_chain = |genesis: H256| {
			let extrinsic = UncheckedExtrinsic::decode(&mut &bytes[..]).unwrap();
			sp_io::TestExternalities::new_empty().execute_with(|| {
				frame_system::BlockHash::<Runtime>::insert(0, genesis);
				extrinsic.check(&frame_system::ChainContext::<Runtime>::default())
			})
		};
		let checked = on_chain(genesis).expect("the runtime verifies the signature");
		let ExtrinsicFormat::Signed(who, extension) = checked.format else {
			panic!("a signed transaction")
		};
		assert_eq!(who, AccountId::from(signer.public()));
		assert_eq!(extension.6, frame_system::CheckNonce::from(5));
		assert_eq!(checked.function, call);
		assert!(on_chain(H256::repeat_byte(8)).is_err(), "signed for another chain");
	}

	#[test]
	fn a_pools_custom_refusal_is_named_as_the_pallets_error() {
		let index = pallet_loans::Error::<Runtime>::LenderKeyUsed.encode()[0];
		assert_eq!(
			refusal(&format!("Custom error: {index}")),
			format!("Loans.LenderKeyUsed (Custom error: {index})")
		);
		assert_eq!(refusal("Transaction is outdated"), "Transaction is outdated");
	}
}
