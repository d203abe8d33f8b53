//! Tests of the runtime as a whole: the genesis presets and the storage guard.

use crate::{
	genesis, storage_guard::RejectStorageOverrides, Address, Aura, Balances, CreditIdentity,
	Executive, Grandpa, Header, Runtime, RuntimeCall, RuntimeGenesisConfig, RuntimeOrigin,
	SignedPayload, System, TxExtension, UncheckedExtrinsic,
};
use codec::Encode;
use frame_support::{dispatch::GetDispatchInfo, traits::Contains};
use pallet_credit_identity::VerifiedIdentity;
use sp_genesis_builder::{DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};
use sp_keyring::Sr25519Keyring;
use sp_runtime::traits::Header as _;
use sp_runtime::{
	generic::Era,
	traits::{Dispatchable, TransactionExtension, TxBaseImplication},
	transaction_validity::{InvalidTransaction, TransactionSource, TransactionValidityError},
	BuildStorage,
};

/// Turns a preset, through its JSON as the node receives it, into genesis storage.
fn storage_of(preset: &str) -> sp_io::TestExternalities {
	let json = genesis::preset(&preset.into()).expect("the preset exists");
	let config: RuntimeGenesisConfig =
		serde_json::from_slice(&json).expect("the preset is a valid genesis config");
	let storage = config.build_storage().expect("the preset builds storage");
	sp_io::TestExternalities::new(storage)
}

#[test]
fn both_presets_are_listed() {
	let names = genesis::preset_names();
	assert!(names.contains(&DEV_RUNTIME_PRESET.into()));
	assert!(names.contains(&LOCAL_TESTNET_RUNTIME_PRESET.into()));
	assert!(genesis::preset(&"mainnet".into()).is_none());
}

#[test]
fn development_preset_has_one_validator_a_sudo_key_and_verified_test_identities() {
	storage_of(DEV_RUNTIME_PRESET).execute_with(|| {
		let alice = Sr25519Keyring::Alice.to_account_id();
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 1);
		assert_eq!(Grandpa::grandpa_authorities().len(), 1);
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), Some(alice.clone()));
		assert!(CreditIdentity::is_registrar(&alice));
		for who in [Sr25519Keyring::Bob, Sr25519Keyring::Charlie, Sr25519Keyring::Dave] {
			assert!(
				CreditIdentity::verified(&who.to_account_id()).is_some(),
				"{who:?} is verified"
			);
		}
		assert!(Balances::free_balance(&alice) > 0);
		assert_eq!(Aura::slot_duration(), crate::SLOT_DURATION);
	});
}

#[test]
fn local_preset_has_four_validators_and_no_sudo_key() {
	storage_of(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 4);
		assert_eq!(Grandpa::grandpa_authorities().len(), 4);
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), None);
		assert!(CreditIdentity::is_registrar(&Sr25519Keyring::Alice.to_account_id()));
	});
}

#[test]
fn the_default_genesis_config_builds() {
	// `get_preset(None)` serves the default config; it must at least build.
	RuntimeGenesisConfig::default()
		.build_storage()
		.expect("the default genesis builds");
}

fn storage_overrides() -> Vec<RuntimeCall> {
	vec![
		RuntimeCall::System(frame_system::Call::set_storage {
			items: vec![(b"key".to_vec(), b"value".to_vec())],
		}),
		RuntimeCall::System(frame_system::Call::kill_storage { keys: vec![b"key".to_vec()] }),
		RuntimeCall::System(frame_system::Call::kill_prefix { prefix: b"".to_vec(), subkeys: 1 }),
	]
}

/// Every way this runtime has to wrap a call, around `call`.
fn wrapped(call: RuntimeCall) -> Vec<RuntimeCall> {
	let alice = Sr25519Keyring::Alice.to_account_id();
	let boxed = Box::new(call.clone());
	vec![
		call,
		RuntimeCall::Sudo(pallet_sudo::Call::sudo { call: boxed.clone() }),
		RuntimeCall::Sudo(pallet_sudo::Call::sudo_unchecked_weight {
			call: boxed.clone(),
			weight: Default::default(),
		}),
		RuntimeCall::Sudo(pallet_sudo::Call::sudo_as { who: alice.into(), call: boxed.clone() }),
		RuntimeCall::Sudo(pallet_sudo::Call::sudo {
			call: Box::new(RuntimeCall::Sudo(pallet_sudo::Call::sudo { call: boxed })),
		}),
	]
}

#[test]
fn base_filter_refuses_storage_overrides_and_allows_the_rest() {
	for call in storage_overrides().into_iter().flat_map(wrapped) {
		assert!(!crate::storage_guard::StorageOverridesForbidden::contains(&call), "{call:?}");
	}
	let remark = RuntimeCall::System(frame_system::Call::remark { remark: vec![1] });
	for call in wrapped(remark) {
		assert!(crate::storage_guard::StorageOverridesForbidden::contains(&call), "{call:?}");
	}
}

#[test]
fn signed_origins_cannot_dispatch_storage_overrides() {
	storage_of(DEV_RUNTIME_PRESET).execute_with(|| {
		let alice = Sr25519Keyring::Alice.to_account_id();
		for call in storage_overrides() {
			let err = call.dispatch(RuntimeOrigin::signed(alice.clone())).unwrap_err();
			assert_eq!(err.error, frame_system::Error::<Runtime>::CallFiltered.into());
		}
	});
}

#[test]
fn the_extension_rejects_storage_overrides_for_every_origin_root_included() {
	storage_of(DEV_RUNTIME_PRESET).execute_with(|| {
		let origins = [
			RuntimeOrigin::root(),
			RuntimeOrigin::signed(Sr25519Keyring::Alice.to_account_id()),
			RuntimeOrigin::none(),
		];
		for call in storage_overrides().into_iter().flat_map(wrapped) {
			for origin in origins.clone() {
				let result = RejectStorageOverrides.validate(
					origin,
					&call,
					&call.get_dispatch_info(),
					0,
					(),
					&TxBaseImplication(()),
					TransactionSource::External,
				);
				assert!(
					matches!(
						result,
						Err(TransactionValidityError::Invalid(InvalidTransaction::Call))
					),
					"{call:?} passed"
				);
			}
		}
	});
}

fn tx_extension(nonce: u32) -> TxExtension {
	(
		frame_system::CheckNonZeroSender::new(),
		frame_system::CheckSpecVersion::new(),
		frame_system::CheckTxVersion::new(),
		frame_system::CheckGenesis::new(),
		frame_system::CheckEra::from(Era::Immortal),
		frame_system::CheckNonce::from(nonce),
		frame_system::CheckWeight::new(),
		pallet_transaction_payment::ChargeTransactionPayment::from(0),
		RejectStorageOverrides,
		frame_metadata_hash_extension::CheckMetadataHash::new(false),
		frame_system::WeightReclaim::new(),
	)
}

/// A transaction signed by `signer`, as a wallet would build it.
fn signed_transaction(signer: Sr25519Keyring, call: RuntimeCall, nonce: u32) -> UncheckedExtrinsic {
	let extension = tx_extension(nonce);
	let payload = SignedPayload::new(call.clone(), extension.clone()).expect("payload builds");
	let signature = payload.using_encoded(|bytes| signer.sign(bytes));
	UncheckedExtrinsic::new_signed(
		call,
		Address::Id(signer.to_account_id()),
		signature.into(),
		extension,
	)
}

fn start_block() {
	let header = Header::new(
		1,
		Default::default(),
		Default::default(),
		System::block_hash(0),
		Default::default(),
	);
	Executive::initialize_block(&header);
}

#[test]
fn sudo_cannot_smuggle_a_storage_override_into_a_block() {
	storage_of(DEV_RUNTIME_PRESET).execute_with(|| {
		start_block();
		for (nonce, call) in storage_overrides().into_iter().enumerate() {
			let sudo = RuntimeCall::Sudo(pallet_sudo::Call::sudo { call: Box::new(call) });
			let xt = signed_transaction(Sr25519Keyring::Alice, sudo, nonce as u32);
			let pool_verdict = Executive::validate_transaction(
				TransactionSource::External,
				xt.clone(),
				System::block_hash(0),
			);
			assert_eq!(pool_verdict, Err(InvalidTransaction::Call.into()));
			assert_eq!(Executive::apply_extrinsic(xt), Err(InvalidTransaction::Call.into()));
		}
	});
}

#[test]
fn sudo_still_works_for_ordinary_root_calls() {
	storage_of(DEV_RUNTIME_PRESET).execute_with(|| {
		start_block();
		let ferdie = Sr25519Keyring::Ferdie.to_account_id();
		let add = RuntimeCall::CreditIdentity(pallet_credit_identity::Call::add_registrar {
			registrar: ferdie.clone(),
		});
		let sudo = RuntimeCall::Sudo(pallet_sudo::Call::sudo { call: Box::new(add) });
		let xt = signed_transaction(Sr25519Keyring::Alice, sudo, 0);
		assert_eq!(Executive::apply_extrinsic(xt), Ok(Ok(())));
		assert!(CreditIdentity::is_registrar(&ferdie));
	});
}

#[test]
fn metadata_is_offered_at_version_15_or_later() {
	let versions = Runtime::metadata_versions();
	assert!(versions.iter().any(|v| *v >= 15), "{versions:?}");
	assert!(Runtime::metadata_at_version(15).is_some());
}
