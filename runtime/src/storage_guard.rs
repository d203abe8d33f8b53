//! Keeps storage out of reach of the calls that would write it directly.
//!
//! `System::set_storage`, `kill_storage` and `kill_prefix` write or delete arbitrary
//! storage keys, loan records included, and take Root. A permanent record cannot allow
//! them, so this runtime refuses them for every origin:
//!
//! - [`StorageOverridesForbidden`] is the `BaseCallFilter`. It stops every origin that FRAME
//!   filters, but FRAME lets Root bypass the base filter, and `Sudo::sudo` dispatches with
//!   the filter bypassed.
//! - [`RejectStorageOverrides`] is a transaction extension: a transaction whose call is, or
//!   wraps (through `Sudo`), one of those calls is invalid. Validity is checked both by the
//!   transaction pool and when a block is imported, so no block author can include one.
//!
//! A pallet added later that dispatches nested calls (utility, multisig, proxy, a
//! collective) must be taught to [`is_storage_override`]; the runtime tests walk every
//! wrapper this runtime has.

use crate::RuntimeCall;
use codec::{Decode, DecodeWithMemTracking, Encode};
use frame_support::{traits::Contains, weights::Weight};
use scale_info::TypeInfo;
use sp_runtime::{
	impl_tx_ext_default,
	traits::{DispatchInfoOf, DispatchOriginOf, Implication, TransactionExtension, ValidateResult},
	transaction_validity::{InvalidTransaction, TransactionSource, ValidTransaction},
};

/// Whether `call` is, or dispatches, a call that writes or deletes raw storage.
pub fn is_storage_override(call: &RuntimeCall) -> bool {
	match call {
		RuntimeCall::System(
			frame_system::Call::set_storage { .. }
			| frame_system::Call::kill_storage { .. }
			| frame_system::Call::kill_prefix { .. },
		) => true,
		RuntimeCall::Sudo(
			pallet_sudo::Call::sudo { call }
			| pallet_sudo::Call::sudo_unchecked_weight { call, .. }
			| pallet_sudo::Call::sudo_as { call, .. },
		) => is_storage_override(call),
		_ => false,
	}
}

/// The runtime's base call filter: everything but raw storage writes.
pub struct StorageOverridesForbidden;

impl Contains<RuntimeCall> for StorageOverridesForbidden {
	fn contains(call: &RuntimeCall) -> bool {
		!is_storage_override(call)
	}
}

/// Makes a transaction that is, or wraps, a raw storage write invalid, whatever its origin.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, Eq, PartialEq, TypeInfo, Default, Debug)]
pub struct RejectStorageOverrides;

impl TransactionExtension<RuntimeCall> for RejectStorageOverrides {
	const IDENTIFIER: &'static str = "RejectStorageOverrides";
	type Implicit = ();
	type Val = ();
	type Pre = ();

	fn weight(&self, _call: &RuntimeCall) -> Weight {
		// A pattern match over the call, nested at most as deep as sudo wrappers go.
		Weight::zero()
	}

	fn validate(
		&self,
		origin: DispatchOriginOf<RuntimeCall>,
		call: &RuntimeCall,
		_info: &DispatchInfoOf<RuntimeCall>,
		_len: usize,
		_self_implicit: (),
		_inherited_implication: &impl Implication,
		_source: TransactionSource,
	) -> ValidateResult<(), RuntimeCall> {
		if is_storage_override(call) {
			return Err(InvalidTransaction::Call.into());
		}
		Ok((ValidTransaction::default(), (), origin))
	}

	impl_tx_ext_default!(RuntimeCall; prepare);
}
