//! The node's own JSON-RPC methods, on top of the standard ones `sc-service` provides
//! (`system_*`, `chain_*`, `state_*`, `author_*`, `rpc_methods` and the new-style
//! `chainHead_v1_*`, `chainSpec_v1_*`, `transactionWatch_v1_*` API): fee queries, nonces,
//! `loans_borrowerSummary` / `loans_loan`, and on a registrar's node `oprf_evaluate` /
//! `oprf_evaluationCounts`.

use jsonrpsee::RpcModule;
use loanchain_runtime::{opaque::Block, AccountId, Balance, BlockNumber, Nonce};
use sc_transaction_pool_api::TransactionPool;
use sp_api::ProvideRuntimeApi;
use sp_block_builder::BlockBuilder;
use sp_blockchain::{Error as BlockChainError, HeaderBackend, HeaderMetadata};
use std::sync::Arc;

/// What the RPC handlers need.
pub struct FullDeps<C, P> {
	pub client: Arc<C>,
	pub pool: Arc<P>,
	/// A registrar's evaluation service, when the node was started with a share.
	pub oprf:
		Option<crate::oprf::OprfService<crate::service::FullClient, crate::service::FullBackend>>,
}

/// Builds the RPC extensions: `system_accountNextIndex`, the `payment_*` fee queries and
/// the `loans_*` queries of the loan record.
pub fn create_full<C, P>(
	deps: FullDeps<C, P>,
) -> Result<RpcModule<()>, Box<dyn std::error::Error + Send + Sync>>
where
	C: ProvideRuntimeApi<Block>
		+ HeaderBackend<Block>
		+ HeaderMetadata<Block, Error = BlockChainError>
		+ Send
		+ Sync
		+ 'static,
	C::Api: substrate_frame_rpc_system::AccountNonceApi<Block, AccountId, Nonce>
		+ pallet_transaction_payment_rpc::TransactionPaymentRuntimeApi<Block, Balance>
		+ pallet_loans_runtime_api::LoansApi<Block, AccountId, Balance, BlockNumber>
		+ BlockBuilder<Block>,
	P: TransactionPool + 'static,
{
	use pallet_loans_rpc::{Loans, LoansApiServer};
	use pallet_transaction_payment_rpc::{TransactionPayment, TransactionPaymentApiServer};
	use substrate_frame_rpc_system::{System, SystemApiServer};

	let mut module = RpcModule::new(());
	use loanchain_primitives::rpc::OprfApiServer;
	let FullDeps { client, pool, oprf } = deps;
	module.merge(System::new(client.clone(), pool).into_rpc())?;
	module.merge(TransactionPayment::new(client.clone()).into_rpc())?;
	module.merge(Loans::<_, Block, AccountId, Balance, BlockNumber>::new(client).into_rpc())?;
	if let Some(oprf) = oprf {
		module.merge(oprf.into_rpc())?;
	}
	Ok(module)
}
