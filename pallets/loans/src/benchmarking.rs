//! Benchmarks of every call and of the block hook, each in its worst case: the largest
//! details, a published key checked against them and every open request refunded, a full
//! block of maturities, proposals expiring.

use super::*;
use crate::lender_token_fixtures as fixtures;
use crate::pallet::{Agenda, BlocksPerDay, Loans as LoansStorage, NextLoanId, SealedExtensions};
use alloc::boxed::Box;
use frame_benchmarking::v2::*;
use frame_support::pallet_prelude::TransactionSource;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	Get,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use loanchain_primitives::{IdentityKind, LenderToken, LenderTokens, VerifiedIdentity};
use loanchain_sealing as sealing;
use sp_runtime::SaturatedConversion;

const KEY: ContentKey = [0x5A; 32];
const NONCE: Nonce = [0x01; 12];
const OUTCOME_NONCE: Nonce = [0x02; 12];

struct Parties<T: Config> {
	lender: T::AccountId,
	borrower: T::AccountId,
	borrower_id: IdHash,
}

fn parties<T: Config>(seed: u32) -> Parties<T> {
	let lender: T::AccountId = account("lender", seed, 0);
	let borrower: T::AccountId = account("borrower", seed, 0);
	// Enough for any deposit a proposal holds.
	T::Currency::set_balance(&lender, T::Currency::minimum_balance() * 1_000_000u32.into());
	T::Identity::make_verified(&lender, IdentityKind::Enterprise, 2 * seed);
	let borrower_id = T::Identity::make_verified(&borrower, IdentityKind::Person, 2 * seed + 1);
	Parties { lender, borrower, borrower_id }
}

/// Real sealed details of `len` bytes of ciphertext (at least a tag's worth).
fn details(borrower_id: &IdHash, len: u32) -> DetailsInput {
	let plaintext = alloc::vec![b'x'; (len as usize).saturating_sub(sealing::TAG_LEN)];
	DetailsInput {
		nonce: NONCE,
		ciphertext: sealing::seal_details(&KEY, &NONCE, &plaintext, borrower_id),
		key_commitment: sealing::key_commitment(&KEY),
		lender_envelope: [1; ENVELOPE_LEN],
		borrower_envelope: [2; ENVELOPE_LEN],
	}
}

fn proposed<T: Config>(p: &Parties<T>, len: u32) -> (LoanId, DetailsInput) {
	let input = details(&p.borrower_id, len);
	let id = NextLoanId::<T>::get();
	Pallet::<T>::propose(
		RawOrigin::Signed(p.lender.clone()).into(),
		p.borrower.clone(),
		Role::Lender,
		1,
		input.clone(),
	)
	.expect("verified parties propose");
	(id, input)
}

/// The hash the counterparty of proposal `id` accepts.
fn proposal_hash_of<T: Config>(id: LoanId) -> [u8; 32] {
	let loan = LoansStorage::<T>::get(id).expect("a proposal");
	loan.proposal_hash(Pallet::<T>::genesis_hash().as_ref(), id)
		.expect("a public lender's proposal")
}

/// A loan in effect with `len` bytes of sealed details.
fn active_with<T: Config>(p: &Parties<T>, len: u32) -> LoanId {
	let (id, _) = proposed::<T>(p, len);
	Pallet::<T>::accept(
		RawOrigin::Signed(p.borrower.clone()).into(),
		id,
		proposal_hash_of::<T>(id),
	)
	.expect("the counterparty accepts");
	id
}

fn active<T: Config>(p: &Parties<T>) -> LoanId {
	active_with::<T>(p, T::MaxDetailsLen::get())
}

fn sealed_outcome(loan_id: LoanId) -> SealedOutcome {
	SealedOutcome {
		nonce: OUTCOME_NONCE,
		ciphertext: sealing::seal_outcome(&KEY, &OUTCOME_NONCE, 1, loan_id),
	}
}

/// A lender (funded, verified, a key the runtime's helper holds) and a verified borrower
/// with no funds and such a key; the lender submits.
fn signing_parties<T: Config>() -> Parties<T> {
	let lender = T::BenchmarkHelper::signer(0);
	let borrower = T::BenchmarkHelper::signer(1);
	T::Currency::set_balance(&lender, T::Currency::minimum_balance() * 1_000_000u32.into());
	T::Identity::make_verified(&lender, IdentityKind::Enterprise, 0);
	let borrower_id = T::Identity::make_verified(&borrower, IdentityKind::Person, 1);
	Parties { lender, borrower, borrower_id }
}

/// `signer`'s consent, signed as wallets sign (wrapped), to the loan of `p` with `input`
/// that the lender records.
fn consent_of<T: Config>(
	p: &Parties<T>,
	signer: &T::AccountId,
	input: &DetailsInput,
) -> ConsentOf<T> {
	let deadline = frame_system::Pallet::<T>::block_number() + 1u32.into();
	let lender_id = T::Identity::verified(&p.lender).expect("verified").id_hash;
	let details = input.clone().bounded::<T::MaxDetailsLen>().expect("within the bound");
	let hash = crate::consent_hash(
		Pallet::<T>::genesis_hash().as_ref(),
		&lender_id,
		&p.borrower_id,
		Role::Lender,
		1,
		&details,
		deadline.saturated_into(),
	);
	let signature = T::BenchmarkHelper::sign(signer, &consent::wrapped(&hash));
	Consent { deadline, signature }
}

/// The benchmarks' per-loan key: the one the fixture's token certifies, in the keystore.
fn lender_key() -> LenderKey {
	sp_io::crypto::sr25519_generate(
		LENDER_KEY_TYPE,
		Some(fixtures::LENDER_KEY_SEED.as_bytes().to_vec()),
	)
	.0
}

const LENDER_KEY_TYPE: sp_core::crypto::KeyTypeId = sp_core::crypto::KeyTypeId(*b"lndr");

/// `message` signed by the benchmarks' per-loan key.
fn signed_by_lender_key(message: &[u8]) -> LenderSignature {
	let public = sp_core::sr25519::Public::from_raw(lender_key());
	sp_io::crypto::sr25519_sign(LENDER_KEY_TYPE, &public, message)
		.expect("the key is in the keystore")
		.0
}

/// A private lender about to record a loan of `d` bytes of details to the borrower of
/// `signing_parties`, with the borrower's consent and the fixture's token (its key of epoch
/// 0 given to a registrar, one token issued): the call's arguments.
fn ready_to_record_privately<T: Config>(
	d: u32,
) -> (T::AccountId, DetailsInput, ConsentOf<T>, LenderCredentialOf<T>) {
	let p = signing_parties::<T>();
	let issuer: T::AccountId = account("registrar", 0, 0);
	T::LenderTokens::make_token_key(&issuer, 0, fixtures::MODULUS, 1);
	let key = lender_key();
	assert_eq!(key, fixtures::LENDER_KEY, "the keystore derives the fixture's key");
	let input = details(&p.borrower_id, d);
	let deadline = frame_system::Pallet::<T>::block_number() + 1u32.into();
	let hash = crate::private_consent_hash(
		Pallet::<T>::genesis_hash().as_ref(),
		&key,
		&p.borrower_id,
		&input.clone().bounded::<T::MaxDetailsLen>().expect("within the bound"),
		deadline.saturated_into(),
	);
	let consent = Consent {
		deadline,
		signature: T::BenchmarkHelper::sign(&p.borrower, &consent::wrapped(&hash)),
	};
	let token = LenderToken {
		issuer,
		epoch: 0,
		randomizer: fixtures::RANDOMIZER,
		signature: fixtures::SIGNATURE,
	};
	let credential = LenderCredential { token, key, signature: signed_by_lender_key(&hash) };
	(p.borrower, input, consent, credential)
}

/// A private lender's loan of the longest details, recorded; and its borrower.
fn recorded_privately<T: Config>() -> (LoanId, T::AccountId) {
	let (borrower, details, consent, lender) =
		ready_to_record_privately::<T>(T::MaxDetailsLen::get());
	let loan_id = NextLoanId::<T>::get();
	Pallet::<T>::record_private(
		RawOrigin::Authorized.into(),
		borrower.clone(),
		details,
		consent,
		Box::new(lender),
	)
	.expect("a good record");
	(loan_id, borrower)
}

/// The sealed offer of `days` more days at `index` of loan `loan_id`, its nonce `n`-th of
/// the loan's offers.
fn sealed_offer(loan_id: LoanId, index: u32, n: u8, days: u32) -> SealedExtension {
	let nonce = [0x80 | n; 12];
	SealedExtension {
		nonce,
		ciphertext: sealing::seal_extension(&KEY, &nonce, days, loan_id, index),
	}
}

/// Loan `loan_id`'s sealed extensions at their longest: all but the last confirmed, the last
/// waiting. Returns the hash the borrower confirms the waiting one by.
fn sealed_extensions_full<T: Config>(loan_id: LoanId) -> [u8; 32] {
	let now = frame_system::Pallet::<T>::block_number();
	let last = T::MaxExtensions::get() - 1;
	let list: alloc::vec::Vec<_> = (0..=last)
		.map(|index| PrivateExtension {
			offer: sealed_offer(loan_id, index, index as u8, 30),
			offered_at: now,
			confirmed_at: (index < last).then_some(now),
		})
		.collect();
	let offer = list[last as usize].offer;
	SealedExtensions::<T>::insert(loan_id, SealedExtensionsOf::<T>::truncate_from(list));
	sealing::extension_hash(
		Pallet::<T>::genesis_hash().as_ref(),
		loan_id,
		last,
		&offer.nonce,
		&offer.ciphertext,
	)
}

/// A lender about to record a loan of `d` bytes of details with the borrower's consent;
/// and the id the loan will get.
fn ready_to_record<T: Config>(d: u32) -> (Parties<T>, DetailsInput, ConsentOf<T>, LoanId) {
	let p = signing_parties::<T>();
	let input = details(&p.borrower_id, d);
	let consent = consent_of::<T>(&p, &p.borrower, &input);
	(p, input, consent, NextLoanId::<T>::get())
}

/// A verified, funded viewer.
fn viewer<T: Config>(seed: u32) -> T::AccountId {
	let who: T::AccountId = account("viewer", seed, 0);
	T::Identity::make_verified(&who, IdentityKind::Person, 1_000 + seed);
	let funds = T::Currency::minimum_balance() * 1_000u32.into() + price::<T>() * 10u32.into();
	T::Currency::set_balance(&who, funds);
	who
}

fn price<T: Config>() -> BalanceOf<T> {
	T::Currency::minimum_balance() * 10u32.into()
}

/// Offers loan `id` for a price and opens a paid request from each of `viewers` viewers;
/// returns the last viewer.
fn paid_requests<T: Config>(p: &Parties<T>, id: LoanId, viewers: u32) -> Option<T::AccountId> {
	Pallet::<T>::set_disclosure(
		RawOrigin::Signed(p.lender.clone()).into(),
		id,
		Disclosure::Paid { price: price::<T>() },
	)
	.expect("the lender sets a price");
	let mut last = None;
	for seed in 0..viewers {
		let v = viewer::<T>(seed);
		Pallet::<T>::request_access(RawOrigin::Signed(v.clone()).into(), id, price::<T>())
			.expect("a funded viewer requests");
		last = Some(v);
	}
	last
}

/// An active loan offered for a price, with an open paid request from a viewer.
fn paid_request<T: Config>() -> (Parties<T>, LoanId, T::AccountId) {
	let p = parties::<T>(0);
	let id = active::<T>(&p);
	let v = paid_requests::<T>(&p, id, 1).expect("one viewer");
	(p, id, v)
}

/// The status of the last entry of loan `id`'s inquiry log.
fn last_request_status<T: Config>(id: LoanId) -> RequestStatus {
	let length = crate::pallet::AccessLogLength::<T>::get(id);
	Pallet::<T>::access_log(id, length - 1, 1)[0].1.status
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn propose(d: Linear<16, { T::MaxDetailsLen::get() }>) {
		let p = parties::<T>(0);
		let input = details(&p.borrower_id, d);
		#[extrinsic_call]
		_(RawOrigin::Signed(p.lender), p.borrower, Role::Lender, 30, input);
		assert!(LoansStorage::<T>::contains_key(0));
	}

	/// The proposal hash covers details of `d` bytes.
	#[benchmark]
	fn accept(d: Linear<16, { T::MaxDetailsLen::get() }>) {
		let p = parties::<T>(0);
		let (id, _) = proposed::<T>(&p, d);
		let hash = proposal_hash_of::<T>(id);
		#[extrinsic_call]
		_(RawOrigin::Signed(p.borrower), id, hash);
		assert_eq!(LoansStorage::<T>::get(id).unwrap().state, LoanState::Active);
	}

	#[benchmark]
	fn withdraw() {
		let p = parties::<T>(0);
		let (id, _) = proposed::<T>(&p, T::MaxDetailsLen::get());
		#[extrinsic_call]
		_(RawOrigin::Signed(p.lender), id);
		assert!(!LoansStorage::<T>::contains_key(id));
	}

	#[benchmark]
	fn decline() {
		let p = parties::<T>(0);
		let (id, _) = proposed::<T>(&p, T::MaxDetailsLen::get());
		#[extrinsic_call]
		_(RawOrigin::Signed(p.borrower), id);
		assert!(!LoansStorage::<T>::contains_key(id));
	}

	#[benchmark]
	fn propose_extension() {
		let p = parties::<T>(0);
		let id = active::<T>(&p);
		#[extrinsic_call]
		_(RawOrigin::Signed(p.lender), id, 30);
		assert_eq!(
			LoansStorage::<T>::get(id).unwrap().state,
			LoanState::ExtensionProposed { extra_days: 30 }
		);
	}

	#[benchmark]
	fn confirm_extension() {
		let p = parties::<T>(0);
		let id = active::<T>(&p);
		Pallet::<T>::propose_extension(RawOrigin::Signed(p.lender.clone()).into(), id, 30)
			.expect("the lender offers an extension");
		#[extrinsic_call]
		_(RawOrigin::Signed(p.borrower), id, 30);
		assert_eq!(LoansStorage::<T>::get(id).unwrap().extensions.len(), 1);
	}

	#[benchmark]
	fn decline_extension() {
		let p = parties::<T>(0);
		let id = active::<T>(&p);
		Pallet::<T>::propose_extension(RawOrigin::Signed(p.lender.clone()).into(), id, 30)
			.expect("the lender offers an extension");
		#[extrinsic_call]
		_(RawOrigin::Signed(p.borrower), id);
		assert_eq!(LoansStorage::<T>::get(id).unwrap().state, LoanState::Active);
	}

	/// The worst case publishes the key: the runtime opens details of `d` bytes and the
	/// outcome with it, and refunds `r` open paid requests.
	#[benchmark]
	fn conclude(
		d: Linear<16, { T::MaxDetailsLen::get() }>,
		r: Linear<0, { T::MaxOpenRequests::get() }>,
	) {
		let p = parties::<T>(0);
		let id = active_with::<T>(&p, d);
		paid_requests::<T>(&p, id, r);
		#[extrinsic_call]
		_(
			RawOrigin::Signed(p.lender),
			id,
			sealed_outcome(id),
			Disclosure::Public { content_key: KEY },
		);
		assert_eq!(LoansStorage::<T>::get(id).unwrap().state, LoanState::Concluded);
		assert_eq!(crate::pallet::OpenRequestCount::<T>::get(id), 0);
	}

	/// `m` loans mature in the block being initialized: the agenda's part of the block hook
	/// (expiring proposals and forgetting consents are benchmarked on their own).
	#[benchmark]
	fn process_agenda(m: Linear<0, { T::MaxMaturitiesPerBlock::get() }>) {
		let ids: alloc::vec::Vec<LoanId> = (0..m).map(|i| active::<T>(&parties::<T>(i))).collect();
		let now = frame_system::Pallet::<T>::block_number();
		let due: BlockNumberFor<T> = now + BlocksPerDay::<T>::get().into();
		crate::pallet::AgendaCursor::<T>::put(due);
		let processed;
		#[block]
		{
			processed = Pallet::<T>::process_agenda(due);
		}
		assert_eq!(processed, (1, m));
		for id in ids {
			assert_eq!(LoansStorage::<T>::get(id).unwrap().state, LoanState::AwaitingFeedback);
			assert!(!Agenda::<T>::contains_key(due, id));
		}
	}

	/// The expiry cursor removes `e` proposals that ran out of time. (The runtime may look
	/// at more ids a block than benchmarked here: the cost is linear.)
	#[benchmark]
	fn expire_proposals(e: Linear<0, 256>) {
		let p = parties::<T>(0);
		let pending: alloc::vec::Vec<LoanId> =
			(0..e).map(|_| proposed::<T>(&p, T::MaxDetailsLen::get()).0).collect();
		let now = frame_system::Pallet::<T>::block_number()
			+ Pallet::<T>::days_in_blocks(T::ProposalTtl::get());
		let scanned;
		#[block]
		{
			scanned = Pallet::<T>::expire_proposals(now);
		}
		assert_eq!(scanned, (0, e));
		assert_eq!(crate::pallet::ExpiryCursor::<T>::get(), e as LoanId);
		assert!(pending.iter().all(|id| !LoansStorage::<T>::contains_key(id)));
	}

	/// A loan with details of `d` bytes recorded with the borrower's consent: one signature
	/// check.
	#[benchmark]
	fn record(d: Linear<16, { T::MaxDetailsLen::get() }>) {
		let (p, input, consent, id) = ready_to_record::<T>(d);
		#[extrinsic_call]
		record(RawOrigin::Signed(p.lender), p.borrower, Role::Lender, 1, input, consent);
		assert_eq!(LoansStorage::<T>::get(id).map(|loan| loan.state), Some(LoanState::Active));
	}

	/// A consent the submitter signed itself: its signature is checked against the
	/// counterparty and then the submitter, and refused.
	#[benchmark]
	fn record_refused(d: Linear<16, { T::MaxDetailsLen::get() }>) {
		let p = signing_parties::<T>();
		let input = details(&p.borrower_id, d);
		let consent = consent_of::<T>(&p, &p.lender, &input);
		let result;
		#[block]
		{
			result = Pallet::<T>::record(
				RawOrigin::Signed(p.lender.clone()).into(),
				p.borrower.clone(),
				Role::Lender,
				1,
				input,
				consent,
			);
		}
		assert_eq!(result.map_err(|e| e.error), Err(Error::<T>::ConsentSignedBySubmitter.into()));
	}

	/// A lender looks a borrower up with the borrower's consent: one signature check, the
	/// log entry and the fee burned.
	#[benchmark]
	fn inquire() {
		let p = signing_parties::<T>();
		let inquirer_id = T::Identity::verified(&p.lender).expect("verified").id_hash;
		let deadline = frame_system::Pallet::<T>::block_number() + 1u32.into();
		let purpose = InquiryPurpose::LoanApplication;
		let hash = crate::inquiry_hash(
			Pallet::<T>::genesis_hash().as_ref(),
			&inquirer_id,
			&p.borrower_id,
			purpose,
			deadline.saturated_into(),
		);
		let signature = T::BenchmarkHelper::sign(&p.borrower, &consent::wrapped(&hash));
		let consent = InquiryConsent { borrower_id: p.borrower_id, purpose, deadline, signature };
		#[extrinsic_call]
		inquire(RawOrigin::Signed(p.lender), consent);
		assert_eq!(InquiryCount::<T>::get(p.borrower_id), 1);
	}

	/// `n` used consents whose deadline has passed are forgotten.
	#[benchmark]
	fn forget_consents(n: Linear<0, 1_024>) {
		let now = frame_system::Pallet::<T>::block_number() + 2u32.into();
		let deadline = now - 1u32.into();
		crate::pallet::ConsentCursor::<T>::put(deadline);
		for i in 0..n {
			let hash = sp_io::hashing::blake2_256(&i.to_le_bytes());
			crate::pallet::UsedConsents::<T>::insert(deadline, hash, ());
		}
		let forgotten;
		#[block]
		{
			forgotten = Pallet::<T>::forget_consents(now);
		}
		assert_eq!(forgotten, (1, n));
		assert_eq!(crate::pallet::UsedConsents::<T>::iter_prefix(deadline).count(), 0);
	}

	/// The expiry cursor steps over `s` loans that were accepted, up to a proposal still
	/// open.
	#[benchmark]
	fn pass_settled_loans(s: Linear<0, 256>) {
		let p = parties::<T>(0);
		for _ in 0..s {
			active_with::<T>(&p, T::MaxDetailsLen::get());
		}
		let (open, _) = proposed::<T>(&p, T::MaxDetailsLen::get());
		let now = frame_system::Pallet::<T>::block_number();
		let scanned;
		#[block]
		{
			scanned = Pallet::<T>::expire_proposals(now);
		}
		assert_eq!(scanned, (s, 0));
		assert_eq!(crate::pallet::ExpiryCursor::<T>::get(), open);
	}

	/// The worst case publishes the key on a concluded loan: details of `d` bytes and the
	/// outcome are opened, and `r` open paid requests refunded.
	#[benchmark]
	fn set_disclosure(
		d: Linear<16, { T::MaxDetailsLen::get() }>,
		r: Linear<0, { T::MaxOpenRequests::get() }>,
	) {
		let p = parties::<T>(0);
		let id = active_with::<T>(&p, d);
		Pallet::<T>::conclude(
			RawOrigin::Signed(p.lender.clone()).into(),
			id,
			sealed_outcome(id),
			Disclosure::Encrypted,
		)
		.expect("the lender concludes");
		paid_requests::<T>(&p, id, r);
		#[extrinsic_call]
		_(RawOrigin::Signed(p.lender), id, Disclosure::Public { content_key: KEY });
		assert_eq!(
			LoansStorage::<T>::get(id).unwrap().disclosure,
			Disclosure::Public { content_key: KEY }
		);
		assert_eq!(crate::pallet::OpenRequestCount::<T>::get(id), 0);
	}

	#[benchmark]
	fn request_access() {
		let p = parties::<T>(0);
		let id = active::<T>(&p);
		Pallet::<T>::set_disclosure(
			RawOrigin::Signed(p.lender.clone()).into(),
			id,
			Disclosure::Paid { price: price::<T>() },
		)
		.expect("the lender sets a price");
		let v = viewer::<T>(0);
		#[extrinsic_call]
		_(RawOrigin::Signed(v.clone()), id, price::<T>());
		assert!(crate::pallet::OpenRequests::<T>::contains_key(id, &v));
	}

	#[benchmark]
	fn grant_access() {
		let (p, id, v) = paid_request::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(p.lender), id, v.clone(), [7u8; ENVELOPE_LEN]);
		assert!(crate::pallet::AccessGrants::<T>::contains_key(id, &v));
	}

	#[benchmark]
	fn decline_access() {
		let (p, id, v) = paid_request::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(p.lender), id, v.clone());
		assert_eq!(last_request_status::<T>(id), RequestStatus::Declined);
	}

	#[benchmark]
	fn reclaim() {
		let (_, id, v) = paid_request::<T>();
		let later = frame_system::Pallet::<T>::block_number()
			+ Pallet::<T>::days_in_blocks(T::AccessDeadline::get());
		frame_system::Pallet::<T>::set_block_number(later);
		#[extrinsic_call]
		_(RawOrigin::Signed(v.clone()), id);
		assert_eq!(last_request_status::<T>(id), RequestStatus::Reclaimed);
	}

	/// A private record of `d` bytes of details: the token spent (its RSA check again, under
	/// the node's host function), the key and the consent remembered, the loan stored.
	#[benchmark]
	fn record_private(d: Linear<16, { T::MaxDetailsLen::get() }>) {
		let (borrower, input, consent, credential) = ready_to_record_privately::<T>(d);
		let key = credential.key;
		#[extrinsic_call]
		_(RawOrigin::Authorized, borrower, input, consent, Box::new(credential));
		assert!(LenderKeys::<T>::contains_key(key));
	}

	/// What the pool checks of a private record, all of it passing: the key unused, the
	/// borrower, the consent unused, both signatures over `d` bytes of details, the token.
	#[benchmark]
	fn authorize_record_private(
		d: Linear<16, { T::MaxDetailsLen::get() }>,
	) -> Result<(), BenchmarkError> {
		let (borrower, details, consent, lender) = ready_to_record_privately::<T>(d);
		let call =
			Call::<T>::record_private { borrower, details, consent, lender: Box::new(lender) };
		#[block]
		{
			use frame_support::traits::Authorize;
			call.authorize(TransactionSource::External)
				.ok_or("record_private authorises itself")?
				.map_err(|_| "a good record is admitted")?;
		}
		Ok(())
	}

	/// What the pool checks of a private lender's act: the loan, the index, the key's
	/// signature over the longest act (a published key).
	#[benchmark]
	fn authorize_act_as_lender() -> Result<(), BenchmarkError> {
		let (loan_id, _) = recorded_privately::<T>();
		let act = LenderAct::SetDisclosure { disclosure: Disclosure::Public { content_key: KEY } };
		let hash = sealing::lender_act_hash(
			Pallet::<T>::genesis_hash().as_ref(),
			loan_id,
			0,
			&codec::Encode::encode(&act),
		);
		let call = Call::<T>::act_as_lender {
			loan_id,
			act_index: 0,
			act,
			signature: signed_by_lender_key(&hash),
		};
		#[block]
		{
			use frame_support::traits::Authorize;
			call.authorize(TransactionSource::External)
				.ok_or("act_as_lender authorises itself")?
				.map_err(|_| "a good act is admitted")?;
		}
		Ok(())
	}

	/// A private lender's sealed extension offer (`act_as_lender`), in place of a waiting one
	/// at the end of a full list: every earlier offer's nonce compared.
	#[benchmark]
	fn offer_sealed_extension() {
		let (loan_id, _) = recorded_privately::<T>();
		sealed_extensions_full::<T>(loan_id);
		let last = T::MaxExtensions::get() - 1;
		let offer = sealed_offer(loan_id, last, 0x7F, 60);
		let act = LenderAct::ProposeExtension { offer };
		let hash = sealing::lender_act_hash(
			Pallet::<T>::genesis_hash().as_ref(),
			loan_id,
			0,
			&codec::Encode::encode(&act),
		);
		#[extrinsic_call]
		act_as_lender(RawOrigin::Authorized, loan_id, 0, act, signed_by_lender_key(&hash));
		assert_eq!(SealedExtensions::<T>::get(loan_id)[last as usize].offer, offer);
	}

	/// The borrower confirms the waiting sealed offer at the end of a full list.
	#[benchmark]
	fn confirm_sealed_extension() {
		let (loan_id, borrower) = recorded_privately::<T>();
		let hash = sealed_extensions_full::<T>(loan_id);
		#[extrinsic_call]
		_(RawOrigin::Signed(borrower), loan_id, hash);
		assert!(SealedExtensions::<T>::get(loan_id).iter().all(|e| e.confirmed_at.is_some()));
	}

	/// The borrower declines the waiting sealed offer at the end of a full list.
	#[benchmark]
	fn decline_sealed_extension() {
		let (loan_id, borrower) = recorded_privately::<T>();
		sealed_extensions_full::<T>(loan_id);
		#[extrinsic_call]
		decline_extension(RawOrigin::Signed(borrower), loan_id);
		assert_eq!(SealedExtensions::<T>::get(loan_id).len() as u32, T::MaxExtensions::get() - 1);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
