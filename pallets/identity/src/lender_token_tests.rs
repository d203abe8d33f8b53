//! Lender tokens, end to end in the pallet: a registrar's key, a request, the registrar's
//! blind signatures (made by an independent RFC 9474 implementation with a real RSA-2048
//! key), the lender's unblinding, and spending — with every refusal.

use crate::{
	lender_tokens::MAX_TOKEN_KEYS, mock::*, Error, Event, Frozen, HoldReason, LenderToken,
	LenderTokens, NextTokenRequest, TokenKeys, TokenRefusal, TokenRequests, TokenRsaBlock,
};
use blind_rsa_signatures::{
	BlindingResult, DefaultRng, PublicKeySha384PSSRandomized as PublicKey,
	SecretKeySha384PSSRandomized as SecretKey,
};
use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, InspectHold, Mutate},
	BoundedVec,
};
use sp_runtime::{DispatchError, TokenError};

/// The registrar's RSA-2048 key of these tests (a test key: `primitives/crypto/vectors`).
fn registrar_key() -> (SecretKey, PublicKey) {
	let secret = SecretKey::from_pem(include_str!(
		"../../../primitives/crypto/vectors/test-registrar-2048.pem"
	))
	.expect("the test key");
	let public = secret.public_key().expect("its public key");
	(secret, public)
}

fn modulus(public: &PublicKey) -> TokenRsaBlock {
	public.components().n().try_into().expect("2 048 bits")
}

fn block(bytes: &[u8]) -> TokenRsaBlock {
	bytes.try_into().expect("256 bytes")
}

fn signed(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn held(who: u64) -> u64 {
	Balances::balance_on_hold(&RuntimeHoldReason::CreditIdentity(HoldReason::LenderTokens), &who)
}

/// What a token certifies, in these tests: the per-loan key of loan `n`.
fn message(n: usize) -> Vec<u8> {
	format!("per-loan key {n}").into_bytes()
}

/// A lender's client: `count` tokens blinded for `public`.
fn blind(public: &PublicKey, count: usize) -> Vec<BlindingResult> {
	(0..count)
		.map(|n| public.blind(&mut DefaultRng, message(n)).expect("blinding"))
		.collect()
}

fn blinded_of(
	blindings: &[BlindingResult],
) -> BoundedVec<TokenRsaBlock, frame_support::traits::ConstU32<1_000>> {
	BoundedVec::truncate_from(blindings.iter().map(|b| block(&b.blind_message)).collect())
}

/// The registrar's service: a blind signature for each blinded token.
fn sign_blind(
	secret: &SecretKey,
	blindings: &[BlindingResult],
) -> BoundedVec<TokenRsaBlock, frame_support::traits::ConstU32<1_000>> {
	BoundedVec::truncate_from(
		blindings
			.iter()
			.map(|b| block(&secret.blind_sign(&b.blind_message).expect("signing")))
			.collect(),
	)
}

/// The lender's client again: the tokens, from the blind signatures the chain published.
fn finalize(
	public: &PublicKey,
	blindings: &[BlindingResult],
	blind_signatures: &[TokenRsaBlock],
	epoch: u32,
) -> Vec<LenderToken<u64>> {
	blindings
		.iter()
		.zip(blind_signatures)
		.enumerate()
		.map(|(n, (blinding, blind_signature))| {
			let signature = public
				.finalize(&blind_signature.to_vec().into(), blinding, message(n))
				.expect("a good blind signature finalizes");
			LenderToken {
				issuer: REGISTRAR,
				epoch,
				randomizer: blinding.msg_randomizer.expect("randomized").0,
				signature: block(&signature),
			}
		})
		.collect()
}

fn run(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		CreditIdentity::do_try_state().expect("invariants hold");
	});
}

/// Moves to the first block of chain day (token epoch) `epoch`.
fn go_to_epoch(epoch: u64) {
	System::set_block_number(epoch * BLOCKS_PER_DAY);
	assert_eq!(u64::from(CreditIdentity::current_token_epoch()), epoch);
}

/// REGISTRAR's key of epoch 0, a request of ten tokens by GENESIS_PERSON, and the blindings.
fn requested() -> (SecretKey, PublicKey, Vec<BlindingResult>) {
	let (secret, public) = registrar_key();
	assert_ok!(CreditIdentity::set_token_key(signed(REGISTRAR), 0, modulus(&public)));
	let blindings = blind(&public, 10);
	assert_ok!(CreditIdentity::request_lender_tokens(
		signed(GENESIS_PERSON),
		REGISTRAR,
		0,
		blinded_of(&blindings)
	));
	(secret, public, blindings)
}

/// Ten tokens of epoch 0 issued to GENESIS_PERSON and finalized by its client.
fn issued() -> Vec<LenderToken<u64>> {
	let (secret, public, blindings) = requested();
	let answer = sign_blind(&secret, &blindings);
	assert_ok!(CreditIdentity::issue_lender_tokens(signed(REGISTRAR), 0, answer.clone()));
	finalize(&public, &blindings, &answer, 0)
}

#[test]
fn a_registrar_sets_one_key_per_epoch_for_now_or_the_next_day() {
	run(|| {
		let (_, public) = registrar_key();
		let key = modulus(&public);
		assert_noop!(
			CreditIdentity::set_token_key(signed(ALICE), 0, key),
			Error::<Test>::NotARegistrar
		);
		assert_noop!(
			CreditIdentity::set_token_key(signed(REGISTRAR), 2, key),
			Error::<Test>::TokenEpochOutOfRange
		);
		assert_ok!(CreditIdentity::set_token_key(signed(REGISTRAR), 0, key));
		System::assert_last_event(Event::TokenKeySet { registrar: REGISTRAR, epoch: 0 }.into());
		assert_ok!(CreditIdentity::set_token_key(signed(REGISTRAR), 1, key));
		assert_noop!(
			CreditIdentity::set_token_key(signed(REGISTRAR), 1, key),
			Error::<Test>::TokenKeyAlreadySet
		);
		let mut even = key;
		even[255] &= 0xFE;
		let mut short = key;
		short[0] = 0;
		for malformed in [even, short] {
			assert_noop!(
				CreditIdentity::set_token_key(signed(REGISTRAR_2), 0, malformed),
				Error::<Test>::MalformedTokenKey
			);
		}
		go_to_epoch(1);
		assert_noop!(
			CreditIdentity::set_token_key(signed(REGISTRAR), 0, key),
			Error::<Test>::TokenEpochOutOfRange
		);
	});
}

#[test]
fn a_new_key_removes_the_keys_whose_tokens_are_no_longer_good() {
	run(|| {
		let (_, public) = registrar_key();
		let key = modulus(&public);
		for epoch in 0..6u32 {
			go_to_epoch(epoch.into());
			assert_ok!(CreditIdentity::set_token_key(signed(REGISTRAR), epoch + 1, key));
			let epochs: Vec<u32> = TokenKeys::<Test>::iter_key_prefix(REGISTRAR).collect();
			assert!(epochs.len() as u32 <= MAX_TOKEN_KEYS, "{epochs:?}");
			// The key of the day before is kept: its tokens are good today.
			assert!(epochs.iter().all(|e| e + 1 >= epoch), "{epochs:?} in epoch {epoch}");
			CreditIdentity::do_try_state().expect("invariants hold");
		}
		assert!(TokenKeys::<Test>::contains_key(REGISTRAR, 4));
		assert!(!TokenKeys::<Test>::contains_key(REGISTRAR, 3));
	});
}

#[test]
fn tokens_are_paid_for_checked_counted_and_spent() {
	run(|| {
		let issuance = Balances::total_issuance();
		let (secret, public, blindings) = requested();
		assert_eq!(held(GENESIS_PERSON), 10 * TOKEN_PRICE);
		System::assert_last_event(
			Event::LenderTokensRequested {
				request: 0,
				who: GENESIS_PERSON,
				id_hash: GENESIS_PERSON_HASH,
				registrar: REGISTRAR,
				epoch: 0,
				count: 10,
				held: 10 * TOKEN_PRICE,
			}
			.into(),
		);
		assert_eq!(NextTokenRequest::<Test>::get(), 1);

		let answer = sign_blind(&secret, &blindings);
		assert_ok!(CreditIdentity::issue_lender_tokens(signed(REGISTRAR), 0, answer.clone()));
		System::assert_last_event(
			Event::LenderTokensIssued {
				request: 0,
				registrar: REGISTRAR,
				epoch: 0,
				count: 10,
				fee: 10 * TOKEN_PRICE,
				blind_signatures: answer.clone(),
			}
			.into(),
		);
		assert_eq!(held(GENESIS_PERSON), 0);
		assert_eq!(Balances::total_issuance(), issuance - 10 * TOKEN_PRICE, "the fee is burnt");
		assert!(TokenRequests::<Test>::get(0).is_none());
		let key = TokenKeys::<Test>::get(REGISTRAR, 0).unwrap();
		assert_eq!((key.issued, key.spent), (10, 0));

		let tokens = finalize(&public, &blindings, &answer, 0);
		for (n, token) in tokens.iter().enumerate() {
			assert_eq!(CreditIdentity::check_token(token, &message(n)), Ok(()));
			// A token certifies its own message and no other.
			assert_eq!(
				CreditIdentity::check_token(token, &message(n + 1)),
				Err(TokenRefusal::BadSignature)
			);
		}
		assert_ok!(CreditIdentity::spend_token(&tokens[0], &message(0)));
		assert_eq!(TokenKeys::<Test>::get(REGISTRAR, 0).unwrap().spent, 1);
		// Good in the next epoch too, and not after.
		go_to_epoch(1);
		assert_ok!(CreditIdentity::spend_token(&tokens[1], &message(1)));
		go_to_epoch(2);
		assert_eq!(
			CreditIdentity::check_token(&tokens[2], &message(2)),
			Err(TokenRefusal::NotCurrent)
		);
	});
}

#[test]
fn a_token_names_its_issuer_and_epoch_truly() {
	run(|| {
		let tokens = issued();
		let mut other_issuer = tokens[0].clone();
		other_issuer.issuer = REGISTRAR_2;
		assert_eq!(
			CreditIdentity::check_token(&other_issuer, &message(0)),
			Err(TokenRefusal::UnknownKey)
		);
		let (_, public) = registrar_key();
		assert_ok!(CreditIdentity::set_token_key(signed(REGISTRAR), 1, modulus(&public)));
		let mut other_epoch = tokens[0].clone();
		other_epoch.epoch = 1;
		assert_eq!(
			CreditIdentity::check_token(&other_epoch, &message(0)),
			Err(TokenRefusal::NotCurrent)
		);
		go_to_epoch(1);
		// The same key, but no token was issued under epoch 1's entry.
		assert_eq!(
			CreditIdentity::check_token(&other_epoch, &message(0)),
			Err(TokenRefusal::Exhausted)
		);
		let mut other_randomizer = tokens[0].clone();
		other_randomizer.randomizer[0] ^= 1;
		assert_eq!(
			CreditIdentity::check_token(&other_randomizer, &message(0)),
			Err(TokenRefusal::BadSignature)
		);
	});
}

#[test]
fn a_registrar_cannot_mint_tokens_nobody_paid_for() {
	run(|| {
		let mut tokens = issued();
		// The registrar signs ten more off chain, for itself: perfectly good signatures.
		let (secret, public) = registrar_key();
		let extra = blind(&public, 10);
		let extra_answer = sign_blind(&secret, &extra);
		tokens.extend(finalize(&public, &extra, &extra_answer, 0));
		for (n, token) in tokens.iter().enumerate().take(10) {
			assert_ok!(CreditIdentity::spend_token(token, &message(n)));
		}
		// The chain saw ten issued: the eleventh is refused, whoever holds it.
		assert_eq!(
			CreditIdentity::spend_token(&tokens[10], &message(0)),
			Err(TokenRefusal::Exhausted)
		);
		let key = TokenKeys::<Test>::get(REGISTRAR, 0).unwrap();
		assert_eq!((key.issued, key.spent), (10, 10));
	});
}

#[test]
fn a_request_needs_a_verified_unfrozen_identity_a_bundle_size_and_a_key() {
	run(|| {
		let (_, public) = registrar_key();
		let ten = blinded_of(&blind(&public, 10));
		assert_noop!(
			CreditIdentity::request_lender_tokens(
				signed(GENESIS_PERSON),
				REGISTRAR,
				0,
				ten.clone()
			),
			Error::<Test>::NoTokenKey
		);
		assert_ok!(CreditIdentity::set_token_key(signed(REGISTRAR), 0, modulus(&public)));
		assert_noop!(
			CreditIdentity::request_lender_tokens(signed(ALICE), REGISTRAR, 0, ten.clone()),
			Error::<Test>::NotVerified
		);
		let seven = BoundedVec::truncate_from(ten[..7].to_vec());
		assert_noop!(
			CreditIdentity::request_lender_tokens(signed(GENESIS_PERSON), REGISTRAR, 0, seven),
			Error::<Test>::UnsupportedBundleSize
		);
		let mut too_big = ten.clone();
		too_big[3] = [0xFF; 256];
		assert_noop!(
			CreditIdentity::request_lender_tokens(signed(GENESIS_PERSON), REGISTRAR, 0, too_big),
			Error::<Test>::MalformedBlindedToken
		);
		assert_ok!(CreditIdentity::freeze(RuntimeOrigin::root(), GENESIS_PERSON_HASH));
		assert_noop!(
			CreditIdentity::request_lender_tokens(
				signed(GENESIS_PERSON),
				REGISTRAR,
				0,
				ten.clone()
			),
			Error::<Test>::IdentityFrozen
		);
		assert_ok!(CreditIdentity::unfreeze(RuntimeOrigin::root(), GENESIS_PERSON_HASH));
		go_to_epoch(1);
		assert_noop!(
			CreditIdentity::request_lender_tokens(signed(GENESIS_PERSON), REGISTRAR, 0, ten),
			Error::<Test>::TokenEpochOutOfRange
		);
	});
}

#[test]
fn a_request_the_requester_cannot_pay_for_is_refused() {
	run(|| {
		let (_, public) = registrar_key();
		assert_ok!(CreditIdentity::set_token_key(signed(REGISTRAR), 0, modulus(&public)));
		let hundred = blinded_of(&blind(&public, 100));
		Balances::set_balance(&GENESIS_PERSON, 100 * TOKEN_PRICE - 1);
		assert_noop!(
			CreditIdentity::request_lender_tokens(signed(GENESIS_PERSON), REGISTRAR, 0, hundred),
			DispatchError::Token(TokenError::FundsUnavailable)
		);
	});
}

#[test]
fn only_the_asked_registrar_answers_with_every_signature_good() {
	run(|| {
		let (secret, _, blindings) = requested();
		let answer = sign_blind(&secret, &blindings);
		assert_noop!(
			CreditIdentity::issue_lender_tokens(signed(REGISTRAR_2), 0, answer.clone()),
			Error::<Test>::NotTheRequestedRegistrar
		);
		assert_noop!(
			CreditIdentity::issue_lender_tokens(signed(REGISTRAR), 1, answer.clone()),
			Error::<Test>::UnknownTokenRequest
		);
		let nine = BoundedVec::truncate_from(answer[..9].to_vec());
		assert_noop!(
			CreditIdentity::issue_lender_tokens(signed(REGISTRAR), 0, nine),
			Error::<Test>::WrongNumberOfBlindSignatures
		);
		let mut swapped = answer.to_vec();
		swapped.swap(0, 1);
		let swapped = BoundedVec::truncate_from(swapped);
		assert_noop!(
			CreditIdentity::issue_lender_tokens(signed(REGISTRAR), 0, swapped),
			Error::<Test>::InvalidBlindSignature
		);
		go_to_epoch(1);
		assert_noop!(
			CreditIdentity::issue_lender_tokens(signed(REGISTRAR), 0, answer),
			Error::<Test>::TokenEpochOutOfRange
		);
	});
}

#[test]
fn a_frozen_requester_gets_no_tokens_and_takes_its_money_back() {
	run(|| {
		let (secret, _, blindings) = requested();
		assert_noop!(
			CreditIdentity::reclaim_lender_tokens(signed(GENESIS_PERSON), 0),
			Error::<Test>::TokenRequestStillOpen
		);
		assert_noop!(
			CreditIdentity::reclaim_lender_tokens(signed(ALICE), 0),
			Error::<Test>::NotTheRequester
		);
		assert_ok!(CreditIdentity::freeze(RuntimeOrigin::root(), GENESIS_PERSON_HASH));
		assert!(Frozen::<Test>::contains_key(GENESIS_PERSON_HASH));
		assert_noop!(
			CreditIdentity::issue_lender_tokens(
				signed(REGISTRAR),
				0,
				sign_blind(&secret, &blindings)
			),
			Error::<Test>::RequesterNoLongerEligible
		);
		let before = Balances::balance(&GENESIS_PERSON);
		assert_ok!(CreditIdentity::reclaim_lender_tokens(signed(GENESIS_PERSON), 0));
		System::assert_last_event(
			Event::LenderTokensReclaimed {
				request: 0,
				who: GENESIS_PERSON,
				amount: 10 * TOKEN_PRICE,
			}
			.into(),
		);
		assert_eq!(Balances::balance(&GENESIS_PERSON), before + 10 * TOKEN_PRICE);
		assert_eq!(held(GENESIS_PERSON), 0);
		assert!(TokenRequests::<Test>::get(0).is_none());
	});
}

#[test]
fn an_unanswered_request_is_reclaimed_when_its_epoch_is_over() {
	run(|| {
		requested();
		assert_noop!(
			CreditIdentity::reclaim_lender_tokens(signed(GENESIS_PERSON), 0),
			Error::<Test>::TokenRequestStillOpen
		);
		go_to_epoch(1);
		assert_ok!(CreditIdentity::reclaim_lender_tokens(signed(GENESIS_PERSON), 0));
		assert_eq!(held(GENESIS_PERSON), 0);
	});
}

#[test]
fn removing_a_registrar_voids_its_keys_and_frees_its_requests() {
	run(|| {
		let tokens = issued();
		let (_, public) = registrar_key();
		let blindings = blind(&public, 10);
		assert_ok!(CreditIdentity::request_lender_tokens(
			signed(GENESIS_PERSON),
			REGISTRAR,
			0,
			blinded_of(&blindings)
		));
		assert_ok!(CreditIdentity::set_token_key(signed(REGISTRAR), 1, modulus(&public)));
		assert_ok!(CreditIdentity::remove_registrar(RuntimeOrigin::root(), REGISTRAR));
		assert_eq!(TokenKeys::<Test>::iter_key_prefix(REGISTRAR).count(), 0);
		assert_eq!(
			CreditIdentity::check_token(&tokens[0], &message(0)),
			Err(TokenRefusal::UnknownKey)
		);
		assert_ok!(CreditIdentity::reclaim_lender_tokens(signed(GENESIS_PERSON), 1));
	});
}

#[test]
fn the_benchmark_fixtures_are_a_good_issuance_and_token() {
	use crate::lender_token_fixtures::*;
	use loanchain_crypto::loanchain_rsa;
	let (_, public) = registrar_key();
	assert_eq!(MODULUS, modulus(&public));
	assert!(loanchain_rsa::blind_signature_matches(&MODULUS, &BLINDED, &BLIND_SIGNATURE));
	let prepared = [&RANDOMIZER[..], &MESSAGE[..]].concat();
	assert!(loanchain_rsa::pss_sha384_verify(&MODULUS, &prepared, &SIGNATURE));
}

#[test]
fn an_answer_is_charged_for_the_signatures_it_carries() {
	use frame_support::dispatch::GetDispatchInfo;
	let answer = |n: usize| {
		crate::Call::<Test>::issue_lender_tokens {
			request: 0,
			blind_signatures: BoundedVec::truncate_from(vec![[0u8; 256]; n]),
		}
		.get_dispatch_info()
		.call_weight
	};
	// One RSA check a signature: ten cost about a hundredth of a thousand, not all of it.
	assert!(answer(10).ref_time() * 50 < answer(1000).ref_time());
	assert!(answer(100).ref_time() * 5 < answer(1000).ref_time());
}
