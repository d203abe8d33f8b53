//! Tests of private lenders: `record_private` with a lender token bought from a registrar
//! (blind signatures by an independent RFC 9474 implementation and a real RSA-2048 key),
//! and `act_as_lender` by the per-loan key — what the transaction pool admits
//! (`authorize_*`, through FRAME's `Authorize`), what the calls store, and every refusal.

use crate::{mock::Loans, pallet::Loans as LoanRecords};
use crate::{mock::*, *};
use blind_rsa_signatures::{
	BlindSignature, BlindingResult, DefaultRng, PublicKeySha384PSSRandomized as RsaPublic,
	SecretKeySha384PSSRandomized as RsaSecret,
};
use codec::Encode;
use frame_support::{
	assert_noop, assert_ok,
	dispatch::GetDispatchInfo,
	pallet_prelude::{InvalidTransaction, TransactionSource, TransactionValidityError},
	traits::{fungible::Inspect, Authorize},
	BoundedVec,
};
use loanchain_primitives::{LenderToken, TokenEpoch, TokenRsaBlock};
use sp_core::{sr25519, Pair};

const TERMS: &[u8] =
	br#"{"amount":"800.00","currency":"CNY","rate":"0.08","period_days":30,"lender":"company"}"#;

/// The registrar's RSA-2048 key of these tests (a test key: `primitives/crypto/vectors`).
fn registrar_key() -> (RsaSecret, RsaPublic) {
	let secret = RsaSecret::from_pem(include_str!(
		"../../../primitives/crypto/vectors/test-registrar-2048.pem"
	))
	.expect("the test key");
	let public = secret.public_key().expect("its public key");
	(secret, public)
}

fn block(bytes: &[u8]) -> TokenRsaBlock {
	bytes.try_into().expect("256 bytes")
}

fn genesis() -> Vec<u8> {
	System::block_hash(0).as_ref().to_vec()
}

/// A per-loan key of `lender`'s client: the `n`th it derived.
fn per_loan_key(lender: u64, n: u8) -> sr25519::Pair {
	sr25519::Pair::from_string(&format!("//lender{lender}//loanchain//lender//{n}"), None)
		.expect("a derivation")
}

/// `lender` buys a bundle of ten tokens from REGISTRAR in the current epoch, for the
/// per-loan keys `0..10` of its client, as the clients do: blinded, signed blind by the
/// registrar, issued on chain, finalized. Returns each key with its token.
fn buy_tokens(lender: u64) -> Vec<(sr25519::Pair, LenderToken<u64>)> {
	let (secret, public) = registrar_key();
	let epoch = pallet_credit_identity::Pallet::<Test>::current_token_epoch();
	if !pallet_credit_identity::TokenKeys::<Test>::contains_key(REGISTRAR, epoch) {
		assert_ok!(CreditIdentity::set_token_key(
			signed(REGISTRAR),
			epoch,
			block(&public.components().n())
		));
	}
	let keys: Vec<_> = (0..10).map(|n| per_loan_key(lender, n)).collect();
	let messages: Vec<_> = keys
		.iter()
		.map(|key| loanchain_sealing::lender_token_message(&genesis(), epoch, &key.public().0))
		.collect();
	let blindings: Vec<_> = messages
		.iter()
		.map(|message| public.blind(&mut DefaultRng, message).expect("blinding"))
		.collect();
	let request = pallet_credit_identity::NextTokenRequest::<Test>::get();
	assert_ok!(CreditIdentity::request_lender_tokens(
		signed(lender),
		REGISTRAR,
		epoch,
		BoundedVec::truncate_from(blindings.iter().map(|b| block(&b.blind_message)).collect()),
	));
	let blind_signatures: Vec<_> = blindings
		.iter()
		.map(|b| block(&secret.blind_sign(&b.blind_message).expect("signing")))
		.collect();
	assert_ok!(CreditIdentity::issue_lender_tokens(
		signed(REGISTRAR),
		request,
		BoundedVec::truncate_from(blind_signatures.clone()),
	));
	keys.into_iter()
		.zip(messages.iter().zip(blindings.iter().zip(blind_signatures)))
		.map(|(key, (message, (blinding, blind_signature)))| {
			let blind_signature = blind_signature.to_vec().into();
			(key, finalize(&public, epoch, message, blinding, &blind_signature))
		})
		.collect()
}

/// The token the lender's client finalizes from REGISTRAR's blind signature on `message`
/// (its key of `epoch`).
fn finalize(
	public: &RsaPublic,
	epoch: TokenEpoch,
	message: &[u8],
	blinding: &BlindingResult,
	blind_signature: &BlindSignature,
) -> LenderToken<u64> {
	let signature = public
		.finalize(blind_signature, blinding, message)
		.expect("a good blind signature finalizes");
	LenderToken {
		issuer: REGISTRAR,
		epoch,
		randomizer: blinding.msg_randomizer.expect("randomized").0,
		signature: block(&signature),
	}
}

/// A token the registrar signs outside the chain, for `lender`'s per-loan key `n`, under its
/// key of this epoch: good to the signature check, never counted as issued.
fn unissued_token(lender: u64, n: u8) -> (sr25519::Pair, LenderToken<u64>) {
	let (secret, public) = registrar_key();
	let key = per_loan_key(lender, n);
	let epoch = pallet_credit_identity::Pallet::<Test>::current_token_epoch();
	let message = loanchain_sealing::lender_token_message(&genesis(), epoch, &key.public().0);
	let blinding = public.blind(&mut DefaultRng, &message).expect("blinding");
	let blind_signature = secret.blind_sign(&blinding.blind_message).expect("signing");
	(key, finalize(&public, epoch, &message, &blinding, &blind_signature))
}

/// A private record of a loan from the holder of `key` (with `token`) to `borrower`,
/// consented by `signer`: the call's arguments, as a client builds them.
struct Record {
	borrower: u64,
	details: DetailsInput,
	consent: ConsentOf<Test>,
	lender: LenderCredentialOf<Test>,
}

impl Record {
	fn new(key: &sr25519::Pair, token: &LenderToken<u64>, borrower: u64, signer: u64) -> Self {
		let (details, _) = seal_for(COMPANY, borrower, TERMS);
		let deadline = System::block_number() + 1;
		let bounded = details.clone().bounded::<frame_support::traits::ConstU32<MAX_DETAILS>>();
		let hash = private_consent_hash(
			&genesis(),
			&key.public().0,
			&id_of(borrower),
			&bounded.expect("short enough"),
			deadline as u32,
		);
		Record {
			borrower,
			details,
			consent: Consent {
				deadline,
				signature: test_signature(signer, &consent::wrapped(&hash)),
			},
			lender: LenderCredential {
				token: token.clone(),
				key: key.public().0,
				signature: key.sign(&hash).0,
			},
		}
	}

	fn call(&self) -> crate::Call<Test> {
		crate::Call::record_private {
			borrower: self.borrower,
			details: self.details.clone(),
			consent: self.consent.clone(),
			lender: Box::new(self.lender.clone()),
		}
	}

	fn batched(&self) -> PrivateRecordOf<Test> {
		PrivateRecord {
			borrower: self.borrower,
			details: self.details.clone(),
			consent: self.consent.clone(),
			lender: self.lender.clone(),
		}
	}

	/// What the transaction pool says of it.
	fn authorize(&self) -> Result<(), TransactionValidityError> {
		self.call()
			.authorize(TransactionSource::External)
			.expect("record_private is authorised by its own check")
			.map(|_| ())
	}

	/// Admitted by the pool, then dispatched as the block does.
	fn submit(&self) -> LoanId {
		assert_eq!(self.authorize(), Ok(()));
		let id = NextLoanId::<Test>::get();
		assert_ok!(Loans::record_private(
			authorized(),
			self.borrower,
			self.details.clone(),
			self.consent.clone(),
			Box::new(self.lender.clone()),
		));
		id
	}
}

fn authorized() -> RuntimeOrigin {
	frame_system::RawOrigin::Authorized.into()
}

/// The pool's refusal for the pallet's error `error`.
fn refused(error: Error<Test>) -> Result<(), TransactionValidityError> {
	Err(InvalidTransaction::Custom(error.encode()[0]).into())
}

/// An act signed by `key` on loan `loan_id` at `act_index`.
fn act_call(
	key: &sr25519::Pair,
	loan_id: LoanId,
	act_index: u32,
	act: LenderActOf<Test>,
) -> crate::Call<Test> {
	let hash = loanchain_sealing::lender_act_hash(&genesis(), loan_id, act_index, &act.encode());
	crate::Call::act_as_lender { loan_id, act_index, act, signature: key.sign(&hash).0 }
}

fn authorize(call: &crate::Call<Test>) -> Result<(), TransactionValidityError> {
	call.authorize(TransactionSource::External)
		.expect("an authorised call")
		.map(|_| ())
}

/// Admitted by the pool, then dispatched.
fn act(call: crate::Call<Test>) {
	assert_eq!(authorize(&call), Ok(()));
	let crate::Call::act_as_lender { loan_id, act_index, act, signature } = call else {
		panic!("an act")
	};
	assert_ok!(Loans::act_as_lender(authorized(), loan_id, act_index, act, signature));
}

fn outcome(loan_id: LoanId) -> SealedOutcome {
	let (_, key) = seal_for(COMPANY, ALICE, TERMS);
	let nonce = [0x0E; 12];
	SealedOutcome { nonce, ciphertext: loanchain_sealing::seal_outcome(&key, &nonce, 0, loan_id) }
}

#[test]
fn a_private_lender_records_a_loan_that_names_no_lender() {
	run(|| {
		let tokens = buy_tokens(COMPANY);
		let (key, token) = &tokens[0];
		let record = Record::new(key, token, ALICE, ALICE);
		System::reset_events();
		let company_balance = Balances::total_balance(&COMPANY);

		let id = record.submit();

		let loan = LoanRecords::<Test>::get(id).expect("stored");
		assert_eq!(
			loan.lender,
			Lender::Private(PrivateLender {
				key: key.public().0,
				issuer: REGISTRAR,
				epoch: token.epoch,
				acts: 0
			})
		);
		assert_eq!(loan.lender_id(), None);
		assert_eq!((loan.borrower_id, loan.period_days, loan.maturity), (id_of(ALICE), 0, None));
		assert_eq!(loan.state, LoanState::Active);
		assert!(loan.took_effect());
		assert_eq!(LenderKeys::<Test>::get(key.public().0), Some(id));
		assert!(BorrowerLoans::<Test>::contains_key(id_of(ALICE), loan_key(id)));
		// Nothing public names the lender: no lender index, no agenda entry, and the one
		// event names the loan and the borrower.
		assert_eq!(LenderLoans::<Test>::iter().count(), 0);
		assert_eq!(Agenda::<Test>::iter().count(), 0);
		assert_eq!(
			System::events().into_iter().map(|r| r.event).collect::<Vec<_>>(),
			vec![RuntimeEvent::Loans(Event::PrivateLoanRecorded { loan_id: id, borrower: ALICE })]
		);
		assert!(!loan.encode().windows(32).any(|w| w == id_of(COMPANY)));
		assert_eq!(Balances::total_balance(&COMPANY), company_balance);
		// The token was spent under its key; the view has no lender account or id.
		let spent = pallet_credit_identity::TokenKeys::<Test>::get(REGISTRAR, token.epoch)
			.expect("the key")
			.spent;
		assert_eq!(spent, 1);
		let view = Loans::loan_view(id).expect("a view");
		assert_eq!(
			(view.lender, view.lender_id, view.lender_key),
			(None, None, Some(key.public().0))
		);
		// The same key, token and consent again: refused in the pool.
		assert_eq!(record.authorize(), refused(Error::<Test>::LenderKeyUsed));
	});
}

#[test]
fn the_pool_refuses_what_a_private_record_cannot_stand_on() {
	run(|| {
		let tokens = buy_tokens(COMPANY);
		let (key, token) = &tokens[0];
		let (other_key, other_token) = &tokens[1];

		// The borrower did not sign: the company signed its customer's consent itself.
		let record = Record::new(key, token, ALICE, COMPANY);
		assert_eq!(record.authorize(), refused(Error::<Test>::ConsentNotSignedByBorrower));
		// The key did not sign these terms: a token seen in the pool, put on other terms.
		let mut record = Record::new(key, token, ALICE, ALICE);
		record.lender.signature = other_key.sign(b"other terms").0;
		assert_eq!(record.authorize(), refused(Error::<Test>::BadLenderSignature));
		// A token of another key: a borrower cannot invent a lender with a made-up key.
		let mut record = Record::new(key, other_token, ALICE, ALICE);
		assert_eq!(record.authorize(), refused(Error::<Test>::BadLenderToken));
		// A token nobody issued, under a registrar's key.
		record.lender.token = token.clone();
		record.lender.token.signature[7] ^= 1;
		assert_eq!(record.authorize(), refused(Error::<Test>::BadLenderToken));
		// A token under a key the issuer never had.
		record.lender.token = LenderToken { issuer: STRANGER, ..token.clone() };
		assert_eq!(record.authorize(), refused(Error::<Test>::UnknownTokenKey));
		// A borrower who is not verified.
		let record = Record::new(key, token, PENDING, PENDING);
		assert_eq!(record.authorize(), refused(Error::<Test>::BorrowerNotVerified));
		// A consent past its deadline.
		let record = Record::new(key, token, ALICE, ALICE);
		run_to_block(System::block_number() + 2);
		assert_eq!(record.authorize(), refused(Error::<Test>::ConsentExpired));
		// Details longer than the chain stores.
		let mut record = Record::new(key, token, ALICE, ALICE);
		record.details.ciphertext = vec![0; MAX_DETAILS as usize + 1];
		assert_eq!(record.authorize(), refused(Error::<Test>::DetailsTooLong));
		// None of it reached the chain; the good one still goes through, once.
		assert_eq!(NextLoanId::<Test>::get(), 0);
		Record::new(key, token, ALICE, ALICE).submit();
		let again = Record::new(key, token, BOB, BOB);
		assert_eq!(again.authorize(), refused(Error::<Test>::LenderKeyUsed));
		assert_noop!(
			Loans::record_private(
				authorized(),
				again.borrower,
				again.details,
				again.consent,
				Box::new(again.lender)
			),
			Error::<Test>::LenderKeyUsed
		);
		// A signed origin is no authorisation.
		let record = Record::new(other_key, other_token, ALICE, ALICE);
		assert_noop!(
			Loans::record_private(
				signed(COMPANY),
				record.borrower,
				record.details,
				record.consent,
				Box::new(record.lender)
			),
			sp_runtime::DispatchError::BadOrigin
		);
	});
}

#[test]
fn a_revoked_or_expired_credential_is_refused() {
	run(|| {
		let tokens = buy_tokens(COMPANY);
		let (key, token) = &tokens[0];
		// Two token epochs on (chain days of the identity pallet): the window closed.
		run_to_block(System::block_number() + 2 * REBIND_DELAY);
		let record = Record::new(key, token, ALICE, ALICE);
		assert_eq!(record.authorize(), refused(Error::<Test>::TokenNotCurrent));
	});
	run(|| {
		let tokens = buy_tokens(COMPANY);
		let (key, token) = &tokens[0];
		// The registrar is dismissed: its keys are void at once.
		assert_ok!(CreditIdentity::remove_registrar(RuntimeOrigin::root(), REGISTRAR));
		let record = Record::new(key, token, ALICE, ALICE);
		assert_eq!(record.authorize(), refused(Error::<Test>::UnknownTokenKey));
	});
}

#[test]
fn the_per_loan_key_acts_on_its_own_loan_only_once_per_index() {
	run(|| {
		let tokens = buy_tokens(COMPANY);
		let (key, token) = &tokens[0];
		let (other_key, other_token) = &tokens[1];
		let id = Record::new(key, token, ALICE, ALICE).submit();
		let other = Record::new(other_key, other_token, BOB, BOB).submit();

		// Another loan's key cannot act on this one, nor can an act be out of order.
		let by_other = act_call(
			other_key,
			id,
			0,
			LenderAct::SetDisclosure { disclosure: Disclosure::Paid { price: 50 } },
		);
		assert_eq!(authorize(&by_other), refused(Error::<Test>::BadLenderSignature));
		let skipping = act_call(
			key,
			id,
			1,
			LenderAct::SetDisclosure { disclosure: Disclosure::Paid { price: 50 } },
		);
		assert_eq!(authorize(&skipping), refused(Error::<Test>::WrongActIndex));
		// The account that bought the token has no authority over the loan.
		assert_noop!(
			Loans::set_disclosure(signed(COMPANY), id, Disclosure::Paid { price: 50 }),
			Error::<Test>::NotTheLender
		);

		let opening = act_call(
			key,
			id,
			0,
			LenderAct::SetDisclosure { disclosure: Disclosure::Paid { price: 50 } },
		);
		act(opening.clone());
		assert_eq!(
			LoanRecords::<Test>::get(id).unwrap().disclosure,
			Disclosure::Paid { price: 50 }
		);
		// The same signed act again: its index is used.
		assert_eq!(authorize(&opening), refused(Error::<Test>::WrongActIndex));
		// The other loan did not move.
		assert_eq!(LoanRecords::<Test>::get(other).unwrap().disclosure, Disclosure::Encrypted);

		// A viewer pays; the lender grants and names the account to be paid.
		assert_ok!(Loans::request_access(signed(CAROL), id, 50));
		let payee = 77;
		act(act_call(
			key,
			id,
			1,
			LenderAct::GrantAccess { viewer: CAROL, envelope: [3; ENVELOPE_LEN], payee },
		));
		assert_eq!(Balances::total_balance(&payee), 50);
		assert_eq!(AccessGrants::<Test>::get(id, CAROL), Some([3; ENVELOPE_LEN]));

		// The lender concludes: the outcome sealed, no lender named in the event.
		System::reset_events();
		act(act_call(
			key,
			id,
			2,
			LenderAct::Conclude {
				sealed_outcome: outcome(id),
				disclosure: Disclosure::Paid { price: 50 },
			},
		));
		System::assert_last_event(Event::LoanConcluded { loan_id: id }.into());
		assert_eq!(LoanRecords::<Test>::get(id).unwrap().state, LoanState::Concluded);

		// A public lender's loan takes no key's act.
		let (details, _) = seal_for(COMPANY, ALICE, TERMS);
		assert_ok!(Loans::propose(signed(COMPANY), ALICE, Role::Lender, 30, details));
		let public = NextLoanId::<Test>::get() - 1;
		let on_public = act_call(key, public, 0, LenderAct::DeclineAccess { viewer: CAROL });
		assert_eq!(authorize(&on_public), refused(Error::<Test>::NotPrivateLender));
	});
}

#[test]
fn a_failing_act_uses_its_index_and_the_acts_are_bounded() {
	run(|| {
		let tokens = buy_tokens(COMPANY);
		let (key, token) = &tokens[0];
		let id = Record::new(key, token, ALICE, ALICE).submit();
		// Declining a request nobody made fails, is recorded as failed, and uses index 0.
		System::reset_events();
		act(act_call(key, id, 0, LenderAct::DeclineAccess { viewer: CAROL }));
		System::assert_last_event(
			Event::LenderActFailed {
				loan_id: id,
				act_index: 0,
				error: Error::<Test>::NoOpenRequest.into(),
			}
			.into(),
		);
		let acts = |id| match LoanRecords::<Test>::get(id).unwrap().lender {
			Lender::Private(private) => private.acts,
			Lender::Identity(_) => panic!("private"),
		};
		assert_eq!(acts(id), 1);
		for index in 1..MAX_LENDER_ACTS {
			act(act_call(key, id, index, LenderAct::DeclineAccess { viewer: CAROL }));
		}
		assert_eq!(acts(id), MAX_LENDER_ACTS);
		let one_more =
			act_call(key, id, MAX_LENDER_ACTS, LenderAct::DeclineAccess { viewer: CAROL });
		assert_eq!(authorize(&one_more), refused(Error::<Test>::TooManyLenderActs));
	});
}

#[test]
fn a_key_holder_cannot_spend_more_tokens_than_were_issued() {
	run(|| {
		let tokens = buy_tokens(COMPANY);
		for (n, (key, token)) in tokens.iter().enumerate() {
			let borrower = [ALICE, BOB, CAROL][n % 3];
			Record::new(key, token, borrower, borrower).submit();
		}
		let key = pallet_credit_identity::TokenKeys::<Test>::get(REGISTRAR, tokens[0].1.epoch)
			.expect("the key");
		assert_eq!((key.issued, key.spent), (10, 10));
		// The registrar signs an eleventh token outside the chain: it cannot be spent.
		let (extra, token) = unissued_token(COMPANY, 99);
		let record = Record::new(&extra, &token, ALICE, ALICE);
		assert_eq!(record.authorize(), refused(Error::<Test>::TokenKeyExhausted));
	});
}

fn batch_of(records: &[&Record]) -> PrivateBatchOf<Test> {
	BoundedVec::truncate_from(records.iter().map(|r| r.batched()).collect())
}

/// What the pool says of a batch, and the tags it provides.
fn authorize_batch(
	records: &PrivateBatchOf<Test>,
) -> Result<Vec<Vec<u8>>, TransactionValidityError> {
	crate::Call::<Test>::record_private_batch { records: records.clone() }
		.authorize(TransactionSource::External)
		.expect("an authorised call")
		.map(|(validity, _)| validity.provides)
}

#[test]
fn a_batch_records_every_loan_with_its_own_token() {
	run(|| {
		let tokens = buy_tokens(COMPANY);
		let records: Vec<_> = [ALICE, BOB, CAROL]
			.iter()
			.zip(&tokens)
			.map(|(&borrower, (key, token))| Record::new(key, token, borrower, borrower))
			.collect();
		let batch = batch_of(&records.iter().collect::<Vec<_>>());
		let single_tags = records
			.iter()
			.map(|r| {
				r.call()
					.authorize(TransactionSource::External)
					.expect("authorised")
					.expect("valid")
					.0
					.provides
			})
			.collect::<Vec<_>>()
			.concat();
		// The batch provides each loan's key, as the single records would.
		assert_eq!(authorize_batch(&batch), Ok(single_tags));
		System::reset_events();
		let first = NextLoanId::<Test>::get();

		assert_ok!(Loans::record_private_batch(authorized(), batch.clone()));

		for (n, record) in records.iter().enumerate() {
			let id = first + n as LoanId;
			assert_eq!(LenderKeys::<Test>::get(record.lender.key), Some(id));
			let loan = LoanRecords::<Test>::get(id).expect("recorded");
			assert_eq!(loan.borrower_id, id_of(record.borrower));
			System::assert_has_event(
				Event::PrivateLoanRecorded { loan_id: id, borrower: record.borrower }.into(),
			);
		}
		assert_eq!(System::events().len(), 3);
		let key = pallet_credit_identity::TokenKeys::<Test>::get(REGISTRAR, tokens[0].1.epoch)
			.expect("the key");
		assert_eq!(key.spent, 3);
		// Charged as its loans' records.
		let call = crate::Call::<Test>::record_private_batch { records: batch.clone() };
		let one = records[0].call().get_dispatch_info().call_weight;
		assert_eq!(call.get_dispatch_info().call_weight, one * 3);
		// Again: every key is used now.
		assert_eq!(
			authorize_batch(&batch),
			Err(refused(Error::<Test>::LenderKeyUsed).unwrap_err())
		);
	});
}

#[test]
fn a_batch_is_admitted_whole_or_not_at_all() {
	run(|| {
		let tokens = buy_tokens(COMPANY);
		let record =
			|n: usize, borrower| Record::new(&tokens[n].0, &tokens[n].1, borrower, borrower);
		let (a, b) = (record(0, ALICE), record(1, BOB));
		let err = |e: Error<Test>| Err(refused(e).unwrap_err());

		assert_eq!(authorize_batch(&batch_of(&[])), err(Error::<Test>::EmptyBatch));
		// One key twice (so one consent twice).
		assert_eq!(authorize_batch(&batch_of(&[&a, &a])), err(Error::<Test>::LenderKeyUsed));
		// One bad loan refuses the batch: a key signature over other terms.
		let mut forged = record(2, CAROL);
		forged.lender.signature = tokens[3].0.sign(b"other terms").0;
		assert_eq!(
			authorize_batch(&batch_of(&[&a, &forged, &b])),
			err(Error::<Test>::BadLenderSignature)
		);
		// Dispatched anyway, a loan that fails leaves none of the batch behind.
		let used = record(4, ALICE);
		used.submit();
		assert_noop!(
			Loans::record_private_batch(authorized(), batch_of(&[&a, &used])),
			Error::<Test>::LenderKeyUsed
		);
		assert_noop!(
			Loans::record_private_batch(authorized(), batch_of(&[])),
			Error::<Test>::EmptyBatch
		);
		assert_eq!(LenderKeys::<Test>::get(a.lender.key), None);
		// Signed, it is no transaction of a private lender's.
		assert_noop!(
			Loans::record_private_batch(signed(COMPANY), batch_of(&[&a])),
			sp_runtime::DispatchError::BadOrigin
		);
	});
}

#[test]
fn a_batch_asks_no_key_for_more_tokens_than_it_has_left() {
	run(|| {
		let tokens = buy_tokens(COMPANY);
		for (n, (key, token)) in tokens.iter().enumerate().take(8) {
			let borrower = [ALICE, BOB, CAROL][n % 3];
			Record::new(key, token, borrower, borrower).submit();
		}
		// Two tokens left; a third the registrar signed outside the chain passes its own
		// checks (8 of 10 spent) but not the batch's count.
		let (extra, unissued) = unissued_token(COMPANY, 99);
		let records = [
			Record::new(&tokens[8].0, &tokens[8].1, ALICE, ALICE),
			Record::new(&tokens[9].0, &tokens[9].1, BOB, BOB),
			Record::new(&extra, &unissued, CAROL, CAROL),
		];
		assert_eq!(records[2].authorize(), Ok(()));
		assert_eq!(
			authorize_batch(&batch_of(&records.iter().collect::<Vec<_>>())),
			Err(refused(Error::<Test>::TokenKeyExhausted).unwrap_err())
		);
		assert_ok!(authorize_batch(&batch_of(&[&records[0], &records[1]])));
	});
}

/// The benchmarks' token is good: under the fixture's key of epoch 0 it certifies the
/// benchmarks' per-loan key on a chain of FRAME's test genesis hash.
#[test]
fn the_benchmarks_token_is_good() {
	use crate::lender_token_fixtures as fixtures;
	use loanchain_primitives::LenderTokens;
	run(|| {
		let key = sr25519::Pair::from_string(fixtures::LENDER_KEY_SEED, None).unwrap();
		assert_eq!(key.public().0, fixtures::LENDER_KEY);
		assert_eq!(genesis(), vec![69; 32]);
		pallet_credit_identity::TokenKeys::<Test>::insert(
			REGISTRAR,
			0,
			pallet_credit_identity::TokenKey { modulus: fixtures::MODULUS, issued: 1, spent: 0 },
		);
		let token = LenderToken {
			issuer: REGISTRAR,
			epoch: 0,
			randomizer: fixtures::RANDOMIZER,
			signature: fixtures::SIGNATURE,
		};
		let message = loanchain_sealing::lender_token_message(&genesis(), 0, &fixtures::LENDER_KEY);
		assert_eq!(CreditIdentity::check_token(&token, &message), Ok(()));
		let mut forged = token.clone();
		forged.randomizer[0] ^= 1;
		assert!(CreditIdentity::check_token(&forged, &message).is_err());
	});
}

/// Prints a fresh fixture for `lender_token_fixtures.rs` (`cargo test -p pallet-loans
/// print_the_benchmarks_token -- --ignored --nocapture`).
#[test]
#[ignore]
fn print_the_benchmarks_token() {
	run(|| {
		let (secret, public) = registrar_key();
		let key = sr25519::Pair::from_string(crate::lender_token_fixtures::LENDER_KEY_SEED, None)
			.unwrap();
		let message = loanchain_sealing::lender_token_message(&genesis(), 0, &key.public().0);
		let blinding = public.blind(&mut DefaultRng, &message).expect("blinding");
		let blind_signature = secret.blind_sign(&blinding.blind_message).expect("signing");
		let signature = public.finalize(&blind_signature, &blinding, &message).expect("good");
		println!("genesis {}", hex::encode(genesis()));
		println!("key {}", hex::encode(key.public().0));
		println!("modulus {}", hex::encode(public.components().n()));
		println!("randomizer {}", hex::encode(blinding.msg_randomizer.unwrap().0));
		println!("signature {}", hex::encode(&signature[..]));
	});
}

/// The lender's offer of `days` more days at `index` of loan `loan_id`, sealed under the
/// test details' content key with nonce `[n; 12]`, and the hash the borrower confirms.
fn sealed_offer(loan_id: LoanId, index: u32, n: u8, days: u32) -> (SealedExtension, [u8; 32]) {
	let (_, key) = seal_for(COMPANY, ALICE, TERMS);
	let nonce = [n; 12];
	let ciphertext = loanchain_sealing::seal_extension(&key, &nonce, days, loan_id, index);
	let hash = loanchain_sealing::extension_hash(&genesis(), loan_id, index, &nonce, &ciphertext);
	(SealedExtension { nonce, ciphertext }, hash)
}

fn offering(key: &sr25519::Pair, loan_id: LoanId, act_index: u32, offer: SealedExtension) {
	act(act_call(key, loan_id, act_index, LenderAct::ProposeExtension { offer }));
}

fn act_failed(loan_id: LoanId, act_index: u32, error: Error<Test>) {
	System::assert_last_event(
		Event::LenderActFailed { loan_id, act_index, error: error.into() }.into(),
	);
}

#[test]
fn a_sealed_extension_is_confirmed_by_its_hash_and_never_shows_its_days() {
	run(|| {
		let tokens = buy_tokens(COMPANY);
		let (key, token) = &tokens[0];
		let id = Record::new(key, token, ALICE, ALICE).submit();
		let before = LoanRecords::<Test>::get(id).unwrap();

		// The lender offers 30 days, then replaces the offer with 45 before Alice confirms.
		let (thirty, thirty_hash) = sealed_offer(id, 0, 0x21, 30);
		System::reset_events();
		offering(key, id, 0, thirty);
		System::assert_last_event(Event::SealedExtensionProposed { loan_id: id, index: 0 }.into());
		let (forty_five, forty_five_hash) = sealed_offer(id, 0, 0x22, 45);
		offering(key, id, 1, forty_five);
		let waiting = SealedExtensions::<Test>::get(id);
		assert_eq!(waiting.len(), 1);
		assert_eq!((waiting[0].offer, waiting[0].confirmed_at), (forty_five, None));
		// Alice reads the days with the content key her envelope holds; the chain cannot.
		let (_, content_key) = seal_for(COMPANY, ALICE, TERMS);
		assert_eq!(
			loanchain_sealing::open_extension(
				&content_key,
				&[0x22; 12],
				&forty_five.ciphertext,
				id,
				0
			),
			Ok(45)
		);
		assert!(!waiting.encode().windows(4).any(|w| w == 45u32.to_le_bytes()));

		// The replaced offer's hash is refused; only Alice's account confirms.
		assert_noop!(
			Loans::confirm_sealed_extension(signed(ALICE), id, thirty_hash),
			Error::<Test>::ExtensionNotOffered
		);
		for other in [BOB, COMPANY] {
			assert_noop!(
				Loans::confirm_sealed_extension(signed(other), id, forty_five_hash),
				Error::<Test>::NotTheBorrower
			);
		}
		assert_noop!(
			Loans::confirm_extension(signed(ALICE), id, 45),
			Error::<Test>::NoExtensionProposed
		);
		assert_ok!(Loans::confirm_sealed_extension(signed(ALICE), id, forty_five_hash));
		System::assert_last_event(Event::SealedExtensionConfirmed { loan_id: id, index: 0 }.into());
		assert_eq!(SealedExtensions::<Test>::get(id)[0].confirmed_at, Some(System::block_number()));
		assert_noop!(
			Loans::confirm_sealed_extension(signed(ALICE), id, forty_five_hash),
			Error::<Test>::NoExtensionProposed
		);
		// The loan itself shows nothing of it: no maturity, no period, no public extension.
		let mut after = before.clone();
		after.lender = Lender::Private(PrivateLender {
			key: key.public().0,
			issuer: REGISTRAR,
			epoch: token.epoch,
			acts: 2,
		});
		assert_eq!(LoanRecords::<Test>::get(id).unwrap().encode(), after.encode());

		// A second offer, declined: removed, as a public lender's declined offers are.
		let (second, second_hash) = sealed_offer(id, 1, 0x23, 10);
		offering(key, id, 2, second);
		assert_ok!(Loans::decline_extension(signed(ALICE), id));
		System::assert_last_event(Event::SealedExtensionDeclined { loan_id: id, index: 1 }.into());
		assert_eq!(SealedExtensions::<Test>::get(id).len(), 1);
		assert_noop!(
			Loans::confirm_sealed_extension(signed(ALICE), id, second_hash),
			Error::<Test>::NoExtensionProposed
		);
		assert_noop!(
			Loans::decline_extension(signed(ALICE), id),
			Error::<Test>::NoExtensionProposed
		);

		// An outcome sealed under an offer's nonce is refused.
		let (_, content_key) = seal_for(COMPANY, ALICE, TERMS);
		let reused = SealedOutcome {
			nonce: [0x22; 12],
			ciphertext: loanchain_sealing::seal_outcome(&content_key, &[0x22; 12], 0, id),
		};
		act(act_call(
			key,
			id,
			3,
			LenderAct::Conclude { sealed_outcome: reused, disclosure: Disclosure::Encrypted },
		));
		act_failed(id, 3, Error::<Test>::OutcomeNonceReused);
	});
}

#[test]
fn a_sealed_offer_needs_a_nonce_of_its_own_and_a_free_place() {
	run(|| {
		let tokens = buy_tokens(COMPANY);
		let (key, token) = &tokens[0];
		let id = Record::new(key, token, ALICE, ALICE).submit();
		// Under the details' nonce: refused, the act used.
		let details_nonce = LoanRecords::<Test>::get(id).unwrap().details.nonce;
		let (offer, _) = sealed_offer(id, 0, details_nonce[0], 30);
		assert_eq!(offer.nonce, details_nonce);
		offering(key, id, 0, offer);
		act_failed(id, 0, Error::<Test>::ExtensionNonceReused);
		assert!(!SealedExtensions::<Test>::contains_key(id));

		let (offer, hash) = sealed_offer(id, 0, 0x31, 30);
		offering(key, id, 1, offer);
		assert_ok!(Loans::confirm_sealed_extension(signed(ALICE), id, hash));
		// The next offer under the first one's nonce: refused.
		let (again, _) = sealed_offer(id, 1, 0x31, 60);
		offering(key, id, 2, again);
		act_failed(id, 2, Error::<Test>::ExtensionNonceReused);

		// With MaxExtensions confirmed, no further offer has a place.
		let now = System::block_number();
		SealedExtensions::<Test>::mutate(id, |list| {
			for (index, n) in [(1, 0x32), (2, 0x33)] {
				let (offer, _) = sealed_offer(id, index, n, 5);
				list.try_push(PrivateExtension { offer, offered_at: now, confirmed_at: Some(now) })
					.expect("room for three");
			}
		});
		let (fourth, _) = sealed_offer(id, 3, 0x34, 5);
		offering(key, id, 3, fourth);
		act_failed(id, 3, Error::<Test>::TooManyExtensions);
		assert_eq!(SealedExtensions::<Test>::get(id).len(), 3);
	});
}

#[test]
fn a_sealed_offer_waits_on_a_running_private_loan_only() {
	run(|| {
		let tokens = buy_tokens(COMPANY);
		let (key, token) = &tokens[0];
		let id = Record::new(key, token, ALICE, ALICE).submit();
		let (offer, hash) = sealed_offer(id, 0, 0x41, 30);
		offering(key, id, 0, offer);
		act(act_call(
			key,
			id,
			1,
			LenderAct::Conclude { sealed_outcome: outcome(id), disclosure: Disclosure::Encrypted },
		));
		assert_eq!(LoanRecords::<Test>::get(id).unwrap().state, LoanState::Concluded);
		// Concluded: the waiting offer can be neither confirmed nor taken away.
		assert_noop!(
			Loans::confirm_sealed_extension(signed(ALICE), id, hash),
			Error::<Test>::NotRunning
		);
		assert_noop!(
			Loans::decline_extension(signed(ALICE), id),
			Error::<Test>::NoExtensionProposed
		);
		// And an offer on a concluded loan is refused.
		let (late, _) = sealed_offer(id, 0, 0x42, 30);
		offering(key, id, 2, late);
		act_failed(id, 2, Error::<Test>::NotRunning);

		// A public lender's loan has no sealed offers to confirm.
		let (public, _) = active_loan_between(COMPANY, ALICE, 30, TERMS);
		assert_noop!(
			Loans::confirm_sealed_extension(signed(ALICE), public, hash),
			Error::<Test>::NotPrivateLender
		);
		assert_noop!(
			Loans::confirm_sealed_extension(signed(ALICE), 99, hash),
			Error::<Test>::UnknownLoan
		);
	});
}
