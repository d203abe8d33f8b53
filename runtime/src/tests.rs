//! Tests of the runtime as a whole: the genesis presets and governance — who can do what,
//! and what nobody can.

use crate::{
	general_transaction, genesis, AccountId, Address, Aura, Balances, CreditIdentity, Executive,
	Grandpa, Header, Institutions, Runtime, RuntimeCall, RuntimeGenesisConfig, RuntimeOrigin,
	SignedPayload, System, UncheckedExtrinsic, Upgrades, ValidatorSet,
};
use codec::Encode;
use frame_support::{dispatch::GetDispatchInfo, instances::Instance1, traits::Get};
use pallet_credit_identity::VerifiedIdentity;
use sp_genesis_builder::{DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};
use sp_keyring::Sr25519Keyring;
use sp_runtime::traits::Header as _;
use sp_runtime::{traits::Dispatchable, BuildStorage};

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

fn account(who: Sr25519Keyring) -> AccountId {
	who.to_account_id()
}

#[test]
fn development_preset_has_alice_as_the_only_validator_institution_and_registrar() {
	storage_of(DEV_RUNTIME_PRESET).execute_with(|| {
		let alice = account(Sr25519Keyring::Alice);
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 1);
		assert_eq!(Grandpa::grandpa_authorities().len(), 1);
		assert_eq!(
			pallet_validator_set::Validators::<Runtime>::get().into_inner(),
			vec![alice.clone()]
		);
		assert_eq!(pallet_collective::Members::<Runtime, Instance1>::get(), vec![alice.clone()]);
		assert!(CreditIdentity::is_registrar(&alice));
		// Alice holds the test network's OPRF key whole; the preset's share is recomputed.
		assert_eq!(pallet_credit_identity::OprfThreshold::<Runtime>::get(), 1);
		let dev_share = loanchain_oprf::dev_shares(1, 1).unwrap()[0].public();
		assert_eq!(genesis::DEV_OPRF_SHARE, dev_share);
		assert_eq!(pallet_credit_identity::OprfShares::<Runtime>::get(&alice), Some(dev_share));
		// The test identities are verified, under ids of the test key (recomputed here).
		for identity in genesis::DEV_IDENTITIES {
			let tag = match identity.kind {
				pallet_credit_identity::IdentityKind::Person => loanchain_oprf::PERSON_TAG,
				pallet_credit_identity::IdentityKind::Enterprise => loanchain_oprf::ENTERPRISE_TAG,
			};
			let id = loanchain_oprf::dev_id_hash(tag, identity.number).unwrap();
			assert_eq!(identity.id_hash, id, "{}", identity.number);
			let verified = CreditIdentity::verified(&account(identity.who));
			assert_eq!(verified.map(|v| v.id_hash), Some(id), "{:?} is verified", identity.who);
		}
		assert!(Balances::free_balance(&alice) > 0);
		assert_eq!(Aura::slot_duration(), crate::SLOT_DURATION);
	});
}

#[test]
fn local_preset_has_four_institutions_each_a_validator_and_a_registrar() {
	storage_of(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		let four: Vec<AccountId> = INSTITUTIONS.into_iter().map(account).collect();
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 4);
		assert_eq!(Grandpa::grandpa_authorities().len(), 4);
		assert_eq!(pallet_validator_set::Validators::<Runtime>::get().into_inner(), four);
		let mut members = pallet_collective::Members::<Runtime, Instance1>::get();
		members.sort();
		let mut sorted = four.clone();
		sorted.sort();
		assert_eq!(members, sorted);
		assert!(four.iter().all(CreditIdentity::is_registrar));
		// Shares 1 to 4 of a 3-of-4 dealing of the same key, recomputed.
		assert_eq!(pallet_credit_identity::OprfThreshold::<Runtime>::get(), 3);
		let dealt = loanchain_oprf::dev_shares(3, 4).unwrap();
		for (who, share) in four.iter().zip(&dealt) {
			assert_eq!(
				pallet_credit_identity::OprfShares::<Runtime>::get(who),
				Some(share.public())
			);
		}
		assert_eq!(
			genesis::LOCAL_OPRF_SHARES.to_vec(),
			dealt.iter().map(|s| s.public()).collect::<Vec<_>>()
		);
	});
}

#[test]
fn no_runtime_pallet_is_sudo() {
	use frame_support::traits::PalletsInfoAccess;
	let names: Vec<_> = crate::AllPalletsWithSystem::infos().into_iter().map(|p| p.name).collect();
	assert!(names.contains(&"Institutions"), "{names:?}");
	assert!(!names.iter().any(|n| n.to_lowercase().contains("sudo")), "{names:?}");
}

#[test]
fn the_default_genesis_config_builds() {
	// `get_preset(None)` serves the default config; it must at least build.
	RuntimeGenesisConfig::default()
		.build_storage()
		.expect("the default genesis builds");
}

/// The institutions of the local preset.
const INSTITUTIONS: [Sr25519Keyring; 4] =
	[Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie, Sr25519Keyring::Dave];

/// The origin of a motion that all of `seats` institutions passed.
fn unanimous(seats: u32) -> RuntimeOrigin {
	pallet_collective::RawOrigin::<AccountId, Instance1>::Members(seats, seats).into()
}

/// Calls that would reach a loan record or the funds behind it, or act for someone else.
fn out_of_reach() -> Vec<RuntimeCall> {
	let bob = account(Sr25519Keyring::Bob);
	let direct = vec![
		RuntimeCall::System(frame_system::Call::set_storage {
			items: vec![(b"key".to_vec(), b"value".to_vec())],
		}),
		RuntimeCall::System(frame_system::Call::kill_storage { keys: vec![b"key".to_vec()] }),
		RuntimeCall::System(frame_system::Call::kill_prefix { prefix: b"".to_vec(), subkeys: 1 }),
		RuntimeCall::System(frame_system::Call::set_code { code: vec![] }),
		RuntimeCall::System(frame_system::Call::authorize_upgrade {
			code_hash: Default::default(),
		}),
		RuntimeCall::Balances(pallet_balances::Call::force_unreserve {
			who: bob.clone().into(),
			amount: 1,
		}),
		RuntimeCall::Balances(pallet_balances::Call::force_transfer {
			source: bob.clone().into(),
			dest: account(Sr25519Keyring::Alice).into(),
			value: 1,
		}),
		RuntimeCall::Balances(pallet_balances::Call::force_set_balance {
			who: bob.clone().into(),
			new_free: 0,
		}),
		RuntimeCall::Loans(pallet_loans::Call::withdraw { loan_id: 0 }),
		RuntimeCall::CreditIdentity(pallet_credit_identity::Call::set_encryption_key {
			encryption_key: [9u8; 32],
		}),
		RuntimeCall::Institutions(pallet_collective::Call::set_members {
			new_members: vec![],
			prime: None,
			old_count: 4,
		}),
	];
	// Utility dispatches a batch with the caller's own origin, and nothing else: it opens no
	// way around the list above.
	let withdraw = Box::new(RuntimeCall::Loans(pallet_loans::Call::withdraw { loan_id: 0 }));
	let as_bob =
		Box::new(crate::OriginCaller::system(frame_system::RawOrigin::Signed(bob.clone())));
	let utility = [
		pallet_utility::Call::dispatch_as { as_origin: as_bob.clone(), call: withdraw.clone() },
		pallet_utility::Call::dispatch_as_fallible { as_origin: as_bob, call: withdraw.clone() },
		pallet_utility::Call::as_derivative { index: 0, call: withdraw.clone() },
		pallet_utility::Call::with_weight { call: withdraw, weight: Default::default() },
		pallet_utility::Call::batch_all { calls: direct.clone() },
	];
	direct.into_iter().chain(utility.map(RuntimeCall::Utility)).collect()
}

#[test]
fn a_unanimous_motion_reaches_none_of_the_closed_list() {
	storage_of(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		for call in out_of_reach() {
			let root = sp_io::storage::root(sp_runtime::StateVersion::V1);
			let err = call.clone().dispatch(unanimous(4)).unwrap_err();
			assert_eq!(err.error, sp_runtime::DispatchError::BadOrigin, "{call:?}");
			assert_eq!(sp_io::storage::root(sp_runtime::StateVersion::V1), root, "{call:?}");
		}
	});
}

#[test]
fn a_forced_batch_of_the_closed_list_fails_item_by_item() {
	storage_of(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		frame_system::Pallet::<Runtime>::set_block_number(1);
		let calls: Vec<RuntimeCall> = out_of_reach()
			.into_iter()
			.filter(|c| !matches!(c, RuntimeCall::Utility(_)))
			.collect();
		let count = calls.len();
		let batch = RuntimeCall::Utility(pallet_utility::Call::force_batch { calls });
		assert!(batch.dispatch(unanimous(4)).is_ok());
		let failures: Vec<_> = frame_system::Pallet::<Runtime>::events()
			.into_iter()
			.filter_map(|record| match record.event {
				crate::RuntimeEvent::Utility(pallet_utility::Event::ItemFailed { error }) => {
					Some(error)
				},
				_ => None,
			})
			.collect();
		assert_eq!(failures, vec![sp_runtime::DispatchError::BadOrigin; count]);
	});
}

#[test]
fn two_thirds_is_the_threshold_of_every_governing_call() {
	storage_of(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		let ferdie = account(Sr25519Keyring::Ferdie);
		let add = add_registrar(&ferdie);
		let two_of_four = pallet_collective::RawOrigin::<AccountId, Instance1>::Members(2, 4);
		assert_eq!(
			add.clone().dispatch(two_of_four.into()).unwrap_err().error,
			sp_runtime::DispatchError::BadOrigin
		);
		let one_member = pallet_collective::RawOrigin::<AccountId, Instance1>::Member(account(
			Sr25519Keyring::Alice,
		));
		assert_eq!(
			add.clone().dispatch(one_member.into()).unwrap_err().error,
			sp_runtime::DispatchError::BadOrigin
		);
		let three_of_four = pallet_collective::RawOrigin::<AccountId, Instance1>::Members(3, 4);
		assert!(add.dispatch(three_of_four.into()).is_ok());
		assert!(CreditIdentity::is_registrar(&ferdie));
	});
}

/// The motion that makes `who` a registrar, with the fifth share of the test chains' dealing
/// (index 5: free on both chains).
fn add_registrar(who: &AccountId) -> RuntimeCall {
	RuntimeCall::CreditIdentity(pallet_credit_identity::Call::add_registrar {
		registrar: who.clone(),
		oprf_public_share: loanchain_oprf::dev_shares(3, 5).unwrap()[4].public(),
	})
}

fn length_of(call: &RuntimeCall) -> u32 {
	call.encoded_size() as u32
}

fn proposal_hash(call: &RuntimeCall) -> crate::Hash {
	use sp_runtime::traits::Hash;
	sp_runtime::traits::BlakeTwo256::hash_of(call)
}

#[test]
fn a_motion_of_three_of_four_institutions_adds_a_registrar_and_bad_input_changes_nothing() {
	use frame_support::{assert_noop, assert_ok};
	storage_of(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		System::set_block_number(1);
		let [alice, bob, charlie, _dave] = INSTITUTIONS.map(account);
		let ferdie = account(Sr25519Keyring::Ferdie);
		let add = add_registrar(&ferdie);
		let (hash, len) = (proposal_hash(&add), length_of(&add));
		let signed = RuntimeOrigin::signed;

		assert_noop!(
			Institutions::propose(signed(ferdie.clone()), 3, Box::new(add.clone()), len),
			pallet_collective::Error::<Runtime, Instance1>::NotMember
		);
		assert_ok!(Institutions::propose(signed(alice.clone()), 3, Box::new(add.clone()), len));
		assert_ok!(Institutions::vote(signed(alice.clone()), hash, 0, true));
		assert_noop!(
			Institutions::vote(signed(alice.clone()), hash, 0, true),
			pallet_collective::Error::<Runtime, Instance1>::DuplicateVote
		);
		assert_ok!(Institutions::vote(signed(bob.clone()), hash, 0, true));
		assert_noop!(
			Institutions::close(signed(bob), hash, 0, add.get_dispatch_info().call_weight, len),
			pallet_collective::Error::<Runtime, Instance1>::TooEarly
		);
		assert!(!CreditIdentity::is_registrar(&ferdie));

		assert_ok!(Institutions::vote(signed(charlie.clone()), hash, 0, true));
		assert_ok!(Institutions::close(
			signed(charlie),
			hash,
			0,
			add.get_dispatch_info().call_weight,
			len
		));
		System::assert_has_event(
			pallet_collective::Event::<Runtime, Instance1>::Executed {
				proposal_hash: hash,
				result: Ok(()),
			}
			.into(),
		);
		assert!(CreditIdentity::is_registrar(&ferdie));
	});
}

#[test]
fn on_the_dev_chain_alice_alone_passes_a_motion_at_once() {
	use frame_support::assert_ok;
	storage_of(DEV_RUNTIME_PRESET).execute_with(|| {
		System::set_block_number(1);
		let ferdie = account(Sr25519Keyring::Ferdie);
		let add = add_registrar(&ferdie);
		let len = length_of(&add);
		assert_ok!(Institutions::propose(
			RuntimeOrigin::signed(account(Sr25519Keyring::Alice)),
			1,
			Box::new(add),
			len
		));
		assert!(CreditIdentity::is_registrar(&ferdie));
	});
}

#[test]
fn a_validator_is_voted_in_only_after_setting_keys_and_joins_at_the_session_after_next() {
	use frame_support::{assert_noop, assert_ok};
	let mut ext = storage_of(LOCAL_TESTNET_RUNTIME_PRESET);
	ext.register_extension(sp_keystore::KeystoreExt::new(
		sp_keystore::testing::MemoryKeystore::new(),
	));
	ext.execute_with(|| {
		let eve = account(Sr25519Keyring::Eve);
		assert_noop!(
			ValidatorSet::add_validator(unanimous(4), eve.clone()),
			pallet_validator_set::Error::<Runtime>::SessionKeysNotSet
		);
		// What `author_rotateKeysWithOwner` does on the validator's node: new keys in its
		// keystore, and a proof that Eve's account owns them.
		let generated = crate::SessionKeys::generate(&eve.encode(), None);
		let proof = generated.proof.encode();
		assert_noop!(
			crate::Session::set_keys(
				RuntimeOrigin::signed(eve.clone()),
				generated.keys.clone(),
				vec![]
			),
			pallet_session::Error::<Runtime>::InvalidProof
		);
		assert_ok!(crate::Session::set_keys(
			RuntimeOrigin::signed(eve.clone()),
			generated.keys.clone(),
			proof
		));
		assert_ok!(ValidatorSet::add_validator(unanimous(4), eve.clone()));
		let period = crate::time::SessionPeriod::get();
		let aura_has_eve =
			|| pallet_aura::Authorities::<Runtime>::get().contains(&generated.keys.aura);
		// Only the session's hooks: the others want inherents (the timestamp) in each block.
		type Hooks = (System, crate::Session);
		System::run_to_block_with::<Hooks>(period, Default::default());
		assert!(!aura_has_eve(), "queued at the first boundary, not active");
		System::run_to_block_with::<Hooks>(2 * period, Default::default());
		assert!(aura_has_eve());
		assert_eq!(Grandpa::grandpa_authorities().len(), 4, "GRANDPA's change is scheduled");
	});
}

#[test]
fn an_upgrade_is_announced_by_vote_and_cannot_be_applied_early() {
	use frame_support::{assert_noop, assert_ok};
	storage_of(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		System::set_block_number(1);
		let code_hash = sp_core::H256::repeat_byte(7);
		assert_ok!(Upgrades::authorize_upgrade(unanimous(4), code_hash));
		let delay = crate::time::ChainDays::<7>::get();
		System::assert_last_event(
			pallet_upgrade_delay::Event::<Runtime>::UpgradeAuthorized {
				code_hash,
				applicable_at: 1 + delay,
			}
			.into(),
		);
		assert_eq!(delay, 7 * genesis::TEST_BLOCKS_PER_DAY);
		assert_noop!(
			Upgrades::apply_upgrade(
				RuntimeOrigin::signed(account(Sr25519Keyring::Ferdie)),
				vec![1]
			),
			pallet_upgrade_delay::Error::<Runtime>::UpgradeDelayNotOver
		);
		assert_noop!(
			Upgrades::authorize_upgrade(
				pallet_collective::RawOrigin::<AccountId, Instance1>::Members(2, 4).into(),
				code_hash
			),
			sp_runtime::DispatchError::BadOrigin
		);
	});
}

/// A transaction signed by `signer`, as a wallet would build it.
fn signed_transaction(signer: Sr25519Keyring, call: RuntimeCall, nonce: u32) -> UncheckedExtrinsic {
	let extension = crate::transaction_extension(nonce);
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
fn a_signed_motion_in_a_block_adds_a_registrar_on_the_dev_chain() {
	storage_of(DEV_RUNTIME_PRESET).execute_with(|| {
		start_block();
		let ferdie = account(Sr25519Keyring::Ferdie);
		let add = add_registrar(&ferdie);
		let length_bound = length_of(&add);
		let propose = RuntimeCall::Institutions(pallet_collective::Call::propose {
			threshold: 1,
			proposal: Box::new(add),
			length_bound,
		});
		let xt = signed_transaction(Sr25519Keyring::Alice, propose, 0);
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

#[test]
fn what_a_call_holds_and_waits_is_read_from_the_metadata_constants() {
	use frame_support::{assert_ok, traits::fungible::InspectHold};
	storage_of(DEV_RUNTIME_PRESET).execute_with(|| {
		System::set_block_number(1);
		let bob = account(Sr25519Keyring::Bob);
		let charlie = account(Sr25519Keyring::Charlie);
		let details = pallet_loans::DetailsInput {
			nonce: [1; 12],
			ciphertext: vec![2; 300],
			key_commitment: [3; 32],
			lender_envelope: [4; pallet_loans::ENVELOPE_LEN],
			borrower_envelope: [5; pallet_loans::ENVELOPE_LEN],
		};
		assert_ok!(crate::Loans::propose(
			RuntimeOrigin::signed(bob.clone()),
			charlie,
			pallet_loans::Role::Lender,
			30,
			details,
		));
		// What a wallet computes before signing: the constants and the record's size.
		let loan_id = pallet_loans::NextLoanId::<Runtime>::get() - 1;
		let stored = pallet_loans::Loans::<Runtime>::get(loan_id).expect("proposed").encoded_size();
		let base = <Runtime as pallet_loans::Config>::DepositBase::get();
		let per_byte = <Runtime as pallet_loans::Config>::DepositPerByte::get();
		let reason = crate::RuntimeHoldReason::Loans(pallet_loans::HoldReason::ProposalDeposit);
		assert_eq!(Balances::balance_on_hold(&reason, &bob), base + per_byte * stored as u128);
		// An inquiry burns a deposit's worth for its permanent log entry's bytes.
		let entry = pallet_loans::Inquiry {
			inquirer_id: [0; 32],
			at: 1u32,
			purpose: pallet_loans::InquiryPurpose::Guarantee,
		};
		let fee = <Runtime as pallet_loans::Config>::InquiryFee::get();
		assert_eq!(fee, base + per_byte * entry.encoded_size() as u128);

		// The delays in days, and the day's length from genesis state.
		let day = crate::Loans::days_in_blocks(1);
		assert_eq!(day, genesis::TEST_BLOCKS_PER_DAY);
		let rebind_days = <Runtime as pallet_credit_identity::Config>::RebindDelay::get();
		let upgrade_days = <Runtime as pallet_upgrade_delay::Config>::UpgradeDelay::get();
		assert_eq!((rebind_days, upgrade_days), (3, 7));
		assert_eq!(Upgrades::delay_in_blocks(), upgrade_days * day);
	});
}

#[test]
fn the_prices_and_delays_are_listed_in_the_metadata() {
	use codec::Decode;
	use frame_metadata::{RuntimeMetadata, RuntimeMetadataPrefixed};
	let bytes = Runtime::metadata_at_version(15).expect("v15");
	let prefixed = RuntimeMetadataPrefixed::decode(&mut &bytes[..]).expect("metadata decodes");
	let RuntimeMetadata::V15(metadata) = prefixed.1 else { panic!("asked for v15") };
	let constants = |pallet: &str| -> Vec<String> {
		let pallet = metadata.pallets.iter().find(|p| p.name == pallet).expect(pallet);
		pallet.constants.iter().map(|c| c.name.clone()).collect()
	};
	for (pallet, name) in [
		("Loans", "DepositBase"),
		("Loans", "DepositPerByte"),
		("Loans", "ProposalTtl"),
		("Loans", "AccessDeadline"),
		("Loans", "InquiryFee"),
		("CreditIdentity", "IdentityDeposit"),
		("CreditIdentity", "RebindDelay"),
		("CreditIdentity", "LenderTokenPrice"),
		("Upgrades", "UpgradeDelay"),
		("Session", "KeyDeposit"),
	] {
		assert!(constants(pallet).iter().any(|c| c == name), "{pallet}.{name} is not a constant");
	}
}

#[test]
fn silence_counts_as_a_nay_and_no_institution_can_be_made_prime() {
	use crate::governance::SilenceIsNay;
	use frame_support::assert_ok;
	use pallet_collective::DefaultVote;
	// Whatever a prime would have voted and however the others voted.
	for prime in [None, Some(true), Some(false)] {
		assert!(!SilenceIsNay::default_vote(prime, 3, 0, 4));
	}
	storage_of(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		System::set_block_number(1);
		let [alice, bob, _charlie, _dave] = INSTITUTIONS.map(account);
		let set_prime = RuntimeCall::InstitutionsMembership(pallet_membership::Call::set_prime {
			who: alice.clone().into(),
		});
		assert_eq!(
			set_prime.dispatch(unanimous(4)).unwrap_err().error,
			sp_runtime::DispatchError::BadOrigin
		);
		assert_eq!(pallet_collective::Prime::<Runtime, Instance1>::get(), None);

		// Two ayes of four, two institutions silent until the vote is over: refused.
		let ferdie = account(Sr25519Keyring::Ferdie);
		let add = add_registrar(&ferdie);
		let (hash, len) = (proposal_hash(&add), length_of(&add));
		let signed = RuntimeOrigin::signed;
		assert_ok!(Institutions::propose(signed(alice.clone()), 3, Box::new(add.clone()), len));
		assert_ok!(Institutions::vote(signed(alice), hash, 0, true));
		assert_ok!(Institutions::vote(signed(bob.clone()), hash, 0, true));
		System::set_block_number(2 + crate::time::ChainDays::<7>::get());
		assert_ok!(Institutions::close(
			signed(bob),
			hash,
			0,
			add.get_dispatch_info().call_weight,
			len
		));
		System::assert_has_event(
			pallet_collective::Event::<Runtime, Instance1>::Closed {
				proposal_hash: hash,
				yes: 2,
				no: 2,
			}
			.into(),
		);
		System::assert_has_event(
			pallet_collective::Event::<Runtime, Instance1>::Disapproved { proposal_hash: hash }
				.into(),
		);
		assert!(!CreditIdentity::is_registrar(&ferdie));
	});
}

#[test]
fn the_institutions_cannot_vote_themselves_away() {
	let filtered: sp_runtime::DispatchError = frame_system::Error::<Runtime>::CallFiltered.into();
	storage_of(DEV_RUNTIME_PRESET).execute_with(|| {
		let alice = account(Sr25519Keyring::Alice);
		let remove = RuntimeCall::InstitutionsMembership(pallet_membership::Call::remove_member {
			who: alice.clone().into(),
		});
		assert_eq!(remove.dispatch(unanimous(1)).unwrap_err().error, filtered);
		let reset = RuntimeCall::InstitutionsMembership(pallet_membership::Call::reset_members {
			members: vec![],
		});
		assert_eq!(reset.dispatch(unanimous(1)).unwrap_err().error, filtered);
		assert_eq!(pallet_collective::Members::<Runtime, Instance1>::get(), vec![alice]);
	});
	storage_of(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		// Above the minimum, the membership changes as voted.
		let dave = account(Sr25519Keyring::Dave);
		let remove = RuntimeCall::InstitutionsMembership(pallet_membership::Call::remove_member {
			who: dave.clone().into(),
		});
		assert!(remove.dispatch(unanimous(4)).is_ok());
		assert!(!pallet_collective::Members::<Runtime, Instance1>::get().contains(&dave));
	});
}

#[test]
fn a_validator_cannot_drop_its_session_keys_and_a_former_one_can() {
	use frame_support::{assert_noop, assert_ok};
	storage_of(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		System::set_block_number(1);
		let [alice, _bob, _charlie, dave] = INSTITUTIONS.map(account);
		let purge = RuntimeCall::Session(pallet_session::Call::purge_keys {});
		assert_eq!(
			purge.clone().dispatch(RuntimeOrigin::signed(alice.clone())).unwrap_err().error,
			frame_system::Error::<Runtime>::CallFiltered.into()
		);
		assert_noop!(
			ValidatorSet::purge_keys(RuntimeOrigin::signed(alice.clone())),
			pallet_validator_set::Error::<Runtime>::StillAValidator
		);
		assert!(pallet_session::NextKeys::<Runtime>::contains_key(&alice));

		assert_ok!(ValidatorSet::remove_validator(unanimous(4), dave.clone()));
		assert_ok!(ValidatorSet::purge_keys(RuntimeOrigin::signed(dave.clone())));
		assert!(!pallet_session::NextKeys::<Runtime>::contains_key(&dave));
		System::assert_last_event(
			pallet_validator_set::Event::<Runtime>::SessionKeysPurged { who: dave }.into(),
		);
	});
}

#[test]
fn the_institutions_repair_a_stalled_grandpa_and_nobody_else_can() {
	use frame_support::{assert_noop, assert_ok};
	storage_of(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		System::set_block_number(1);
		let two_of_four = pallet_collective::RawOrigin::<AccountId, Instance1>::Members(2, 4);
		assert_noop!(
			ValidatorSet::note_stalled(two_of_four.into(), 10, 0),
			sp_runtime::DispatchError::BadOrigin
		);
		// GRANDPA's own call needs Root: out of everyone's reach.
		let grandpa = RuntimeCall::Grandpa(pallet_grandpa::Call::note_stalled {
			delay: 10,
			best_finalized_block_number: 0,
		});
		assert_eq!(
			grandpa.dispatch(unanimous(4)).unwrap_err().error,
			sp_runtime::DispatchError::BadOrigin
		);
		assert_eq!(pallet_grandpa::Stalled::<Runtime>::get(), None);
		assert_ok!(ValidatorSet::note_stalled(unanimous(4), 10, 0));
		assert_eq!(pallet_grandpa::Stalled::<Runtime>::get(), Some((10, 0)));
	});
}

#[test]
fn two_thirds_of_the_institutions_freeze_an_identity_and_force_its_rebind() {
	use frame_support::{assert_noop, assert_ok};
	storage_of(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		System::set_block_number(1);
		// Eve's identity is in the wrong hands; the rightful person's new account holds none.
		let holder = account(Sr25519Keyring::Eve);
		let id_hash = CreditIdentity::verified(&holder).expect("Eve is verified").id_hash;
		let new_account = account(Sr25519Keyring::One);
		let two_of_four = || pallet_collective::RawOrigin::<AccountId, Instance1>::Members(2, 4);
		assert_noop!(
			CreditIdentity::freeze(two_of_four().into(), id_hash),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_noop!(
			CreditIdentity::force_rebind(two_of_four().into(), id_hash, new_account.clone()),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_ok!(CreditIdentity::freeze(unanimous(4), id_hash));
		assert!(CreditIdentity::is_frozen(&id_hash));
		assert_ok!(CreditIdentity::force_rebind(unanimous(4), id_hash, new_account.clone()));
		// The holder cannot cancel it; the institutions can.
		assert_noop!(
			CreditIdentity::cancel_rebind(RuntimeOrigin::signed(holder), id_hash),
			pallet_credit_identity::Error::<Runtime>::RebindForced
		);
		assert_ok!(CreditIdentity::cancel_rebind(unanimous(4), id_hash));
	});
}

/// Dave (a verified lending company on the dev chain) records a loan to Bob as a private
/// lender: a lender token of Alice's (the dev registrar) certifies a per-loan key, and the
/// transaction is a general one — no account signs it, none pays for it, none is named.
#[test]
fn a_private_lender_records_through_a_general_transaction_that_no_account_signs() {
	use blind_rsa_signatures::{DefaultRng, SecretKeySha384PSSRandomized as RsaSecret};
	use sp_core::{sr25519, Pair};
	use sp_runtime::transaction_validity::{InvalidTransaction, TransactionSource};

	storage_of(DEV_RUNTIME_PRESET).execute_with(|| {
		start_block();
		let genesis_hash = System::block_hash(0);
		let secret = RsaSecret::from_pem(include_str!(
			"../../primitives/crypto/vectors/test-registrar-2048.pem"
		))
		.expect("the test key");
		let public = secret.public_key().expect("its public key");
		let alice = account(Sr25519Keyring::Alice);
		let epoch = CreditIdentity::current_token_epoch();
		// Alice's key of this epoch, with one token counted as issued (the pallet's tests
		// issue them through the calls).
		pallet_credit_identity::TokenKeys::<Runtime>::insert(
			&alice,
			epoch,
			pallet_credit_identity::TokenKey {
				modulus: public.components().n().try_into().expect("2 048 bits"),
				issued: 1,
				spent: 0,
			},
		);
		// Dave's client: a per-loan key and its token, blinded, signed blind, finalized.
		let key = sr25519::Pair::from_string("//Dave//loanchain//lender//0", None).unwrap();
		let message =
			loanchain_sealing::lender_token_message(genesis_hash.as_ref(), epoch, &key.public().0);
		let blinding = public.blind(&mut DefaultRng, &message).expect("blinding");
		let blind_signature = secret.blind_sign(&blinding.blind_message).expect("signing");
		let signature = public.finalize(&blind_signature, &blinding, &message).expect("finalizes");
		let token = pallet_credit_identity::LenderToken {
			issuer: alice.clone(),
			epoch,
			randomizer: blinding.msg_randomizer.expect("randomized").0,
			signature: signature.as_slice().try_into().expect("256 bytes"),
		};
		// Bob's consent and the key's signature, over the same terms.
		let bob = account(Sr25519Keyring::Bob);
		let bob_id = CreditIdentity::verified(&bob).expect("Bob is verified").id_hash;
		let details = pallet_loans::DetailsInput {
			nonce: [1; 12],
			ciphertext: vec![7; 272],
			key_commitment: [2; 32],
			lender_envelope: [3; 80],
			borrower_envelope: [4; 80],
		};
		let deadline = System::block_number() + 10;
		let hash = pallet_loans::private_consent_hash(
			genesis_hash.as_ref(),
			&key.public().0,
			&bob_id,
			&details.clone().bounded::<frame_support::traits::ConstU32<2048>>().unwrap(),
			deadline,
		);
		let record = RuntimeCall::Loans(pallet_loans::Call::record_private {
			borrower: bob.clone(),
			details,
			consent: pallet_loans::Consent {
				deadline,
				signature: Sr25519Keyring::Bob.sign(&pallet_loans::consent::wrapped(&hash)).into(),
			},
			lender: Box::new(pallet_loans::LenderCredential {
				token,
				key: key.public().0,
				signature: key.sign(&hash).0,
			}),
		});
		let xt = general_transaction(record);
		let issuance = Balances::total_issuance();
		let dave_balance = Balances::free_balance(account(Sr25519Keyring::Dave));

		let validity = Executive::validate_transaction(
			TransactionSource::External,
			xt.clone(),
			System::parent_hash(),
		);
		assert!(validity.is_ok(), "{validity:?}");
		assert_eq!(Executive::apply_extrinsic(xt.clone()), Ok(Ok(())));

		let loan_id = pallet_loans::LenderKeys::<Runtime>::get(key.public().0).expect("recorded");
		let view = crate::Loans::loan_view(loan_id).expect("the loan");
		assert_eq!((view.lender, view.lender_id, view.borrower), (None, None, bob));
		// Nobody paid a fee, and no account's nonce moved.
		assert_eq!(Balances::total_issuance(), issuance);
		assert_eq!(Balances::free_balance(account(Sr25519Keyring::Dave)), dave_balance);
		assert_eq!(System::account_nonce(account(Sr25519Keyring::Dave)), 0);
		// The same transaction again is refused by the pool, by name: the key is used.
		let used = pallet_loans::Error::<Runtime>::LenderKeyUsed.encode()[0];
		assert_eq!(
			Executive::validate_transaction(TransactionSource::External, xt, System::parent_hash()),
			Err(InvalidTransaction::Custom(used).into())
		);
		// A general transaction of a call that does not authorise itself is refused.
		let remark = general_transaction(RuntimeCall::System(frame_system::Call::remark {
			remark: vec![1],
		}));
		assert!(Executive::validate_transaction(
			TransactionSource::External,
			remark,
			System::parent_hash()
		)
		.is_err());
	});
}
