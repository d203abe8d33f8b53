//! Benchmarks of every call, each in its worst case: the registrar list is full, so
//! membership checks and inserts work on the largest list there can be, and every
//! registrar has a public share for `add_registrar`'s index check to read.

use super::*;
use crate::{
	lender_token_fixtures as fixtures,
	lender_tokens::MAX_TOKEN_KEYS,
	pallet::{
		Frozen, Identities, OprfShares, Owners, PendingRebinds, Registrars, TokenKeys,
		TokenRequests,
	},
};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{
		fungible::{Inspect, Mutate},
		ConstU32, EnsureOrigin, Get,
	},
	BoundedVec,
};
use frame_system::RawOrigin;

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	let amount = T::IdentityDeposit::get() * 100u32.into() + T::Currency::minimum_balance();
	T::Currency::set_balance(&who, amount);
	who
}

/// Fills the registrar list to `MaxRegistrars - free` entries, `registrar` among them.
fn registrars_leaving<T: Config>(registrar: Option<&T::AccountId>, free: u32) {
	let mut all: alloc::vec::Vec<T::AccountId> = (0..T::MaxRegistrars::get().saturating_sub(free))
		.map(|i| account("registrar", i, 0))
		.collect();
	if let Some(registrar) = registrar {
		all.pop();
		all.push(registrar.clone());
	}
	all.sort();
	let _ = OprfShares::<T>::clear(u32::MAX, None);
	for (index, registrar) in all.iter().enumerate() {
		OprfShares::<T>::insert(registrar, crate::oprf::benchmark_share(index as u16 + 1));
	}
	Registrars::<T>::put(BoundedVec::truncate_from(all));
}

fn pending<T: Config>(who: &T::AccountId, seed: u8) -> IdHash {
	let id_hash = [seed; 32];
	Pallet::<T>::register(
		RawOrigin::Signed(who.clone()).into(),
		IdentityKind::Person,
		id_hash,
		[seed; 32],
	)
	.expect("a funded account registers");
	id_hash
}

/// A verified identity held by a fresh account, verified by `registrar`.
fn verified<T: Config>(registrar: &T::AccountId) -> (T::AccountId, IdHash) {
	let old = funded::<T>("old", 0);
	let id_hash = pending::<T>(&old, 1);
	Pallet::<T>::verify(
		RawOrigin::Signed(registrar.clone()).into(),
		old.clone(),
		id_hash,
		IdentityKind::Person,
	)
	.expect("a registrar verifies a pending claim");
	(old, id_hash)
}

/// The `RegistrarOrigin`, and a verified identity (with the registrar list full).
fn institutions_and_identity<T: Config>() -> Result<(T::RuntimeOrigin, IdHash), BenchmarkError> {
	let registrar = funded::<T>("registrar", 0);
	registrars_leaving::<T>(Some(&registrar), 0);
	let (_, id_hash) = verified::<T>(&registrar);
	let origin =
		T::RegistrarOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
	Ok((origin, id_hash))
}

/// Moves to token epoch 10, so that there are epochs before it to have keys of.
fn at_epoch_ten<T: Config>() -> TokenEpoch {
	let day = T::BlocksPerDay::get();
	frame_system::Pallet::<T>::set_block_number(day * 10u32.into());
	Pallet::<T>::current_token_epoch()
}

/// A registrar with the most keys it can have (`MAX_TOKEN_KEYS`) — the fixture's key at
/// `epoch` and the epochs before — on a full registrar list; and a verified identity that
/// can pay for the largest bundle.
fn registrar_and_lender<T: Config>(epoch: TokenEpoch) -> (T::AccountId, T::AccountId) {
	let registrar = funded::<T>("registrar", 0);
	registrars_leaving::<T>(Some(&registrar), 0);
	for back in 0..MAX_TOKEN_KEYS {
		TokenKeys::<T>::insert(
			&registrar,
			epoch - back,
			TokenKey { modulus: fixtures::MODULUS, issued: 0, spent: 0 },
		);
	}
	let (lender, _) = verified::<T>(&registrar);
	let price = T::LenderTokenPrice::get() * MAX_LENDER_TOKEN_BUNDLE.into();
	T::Currency::set_balance(
		&lender,
		price * 2u32.into() + T::IdentityDeposit::get() * 2u32.into(),
	);
	(registrar, lender)
}

fn largest_bundle(
	token: TokenRsaBlock,
) -> BoundedVec<TokenRsaBlock, ConstU32<MAX_LENDER_TOKEN_BUNDLE>> {
	BoundedVec::truncate_from(alloc::vec![token; MAX_LENDER_TOKEN_BUNDLE as usize])
}

/// A token of the fixture's, issued under `registrar`'s key of `epoch`, once.
fn issued_token<T: Config>(
	registrar: &T::AccountId,
	epoch: TokenEpoch,
) -> LenderToken<T::AccountId> {
	TokenKeys::<T>::insert(
		registrar,
		epoch,
		TokenKey { modulus: fixtures::MODULUS, issued: 1, spent: 0 },
	);
	LenderToken {
		issuer: registrar.clone(),
		epoch,
		randomizer: fixtures::RANDOMIZER,
		signature: fixtures::SIGNATURE,
	}
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register() {
		let caller = funded::<T>("caller", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), IdentityKind::Person, [1u8; 32], [2u8; 32]);
		assert_eq!(Identities::<T>::get(&caller).unwrap().status, VerificationStatus::Pending);
	}

	#[benchmark]
	fn set_encryption_key() {
		let caller = funded::<T>("caller", 0);
		pending::<T>(&caller, 1);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), [3u8; 32]);
		assert_eq!(Identities::<T>::get(&caller).unwrap().encryption_key, [3u8; 32]);
	}

	// Named apart from the call: the benchmark macro reserves `verify`.
	#[benchmark]
	fn verify_claim() {
		let registrar = funded::<T>("registrar", 0);
		registrars_leaving::<T>(Some(&registrar), 0);
		let who = funded::<T>("who", 0);
		let id_hash = pending::<T>(&who, 1);
		#[extrinsic_call]
		verify(RawOrigin::Signed(registrar), who.clone(), id_hash, IdentityKind::Person);
		assert!(Pallet::<T>::verified(&who).is_some());
		assert_eq!(Owners::<T>::get(id_hash), Some(who));
	}

	#[benchmark]
	fn reject() {
		let registrar = funded::<T>("registrar", 0);
		registrars_leaving::<T>(Some(&registrar), 0);
		let who = funded::<T>("who", 0);
		pending::<T>(&who, 1);
		#[extrinsic_call]
		_(RawOrigin::Signed(registrar), who.clone());
		assert_eq!(Identities::<T>::get(&who).unwrap().status, VerificationStatus::Rejected);
	}

	#[benchmark]
	fn rebind() {
		let registrar = funded::<T>("registrar", 0);
		registrars_leaving::<T>(Some(&registrar), 0);
		let (_, id_hash) = verified::<T>(&registrar);
		let new = funded::<T>("new", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(registrar), id_hash, new.clone());
		assert_eq!(PendingRebinds::<T>::get(id_hash).unwrap().new_account, new);
	}

	// The worst case: a rebind the institutions forced, of a frozen identity, which its
	// completion unfreezes.
	#[benchmark]
	fn complete_rebind() -> Result<(), BenchmarkError> {
		let (origin, id_hash) = institutions_and_identity::<T>()?;
		let new = funded::<T>("new", 0);
		Pallet::<T>::freeze(origin.clone(), id_hash).expect("the institutions freeze it");
		Pallet::<T>::force_rebind(origin, id_hash, new.clone())
			.expect("the institutions start a rebind");
		let applicable_at = PendingRebinds::<T>::get(id_hash).unwrap().applicable_at;
		frame_system::Pallet::<T>::set_block_number(applicable_at);
		#[extrinsic_call]
		_(RawOrigin::Signed(new.clone()), id_hash);
		assert_eq!(Owners::<T>::get(id_hash), Some(new));
		assert!(!Frozen::<T>::contains_key(id_hash));
		Ok(())
	}

	// A registrar cancels: the holder check fails first, then the search of a full list.
	#[benchmark]
	fn cancel_rebind() {
		let registrar = funded::<T>("registrar", 0);
		registrars_leaving::<T>(Some(&registrar), 0);
		let (_, id_hash) = verified::<T>(&registrar);
		let new = funded::<T>("new", 0);
		Pallet::<T>::rebind(RawOrigin::Signed(registrar.clone()).into(), id_hash, new)
			.expect("a registrar starts a rebind");
		#[extrinsic_call]
		_(RawOrigin::Signed(registrar), id_hash);
		assert!(!PendingRebinds::<T>::contains_key(id_hash));
	}

	#[benchmark]
	fn add_registrar() -> Result<(), BenchmarkError> {
		registrars_leaving::<T>(None, 1);
		let origin =
			T::RegistrarOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let new: T::AccountId = account("new-registrar", 0, 0);
		// The index check reads every other registrar's share.
		let share = crate::oprf::benchmark_share(T::MaxRegistrars::get() as u16);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, new.clone(), share);
		assert_eq!(OprfShares::<T>::get(&new), Some(share));
		Ok(())
	}

	#[benchmark]
	fn remove_registrar() -> Result<(), BenchmarkError> {
		let gone: T::AccountId = account("gone", 0, 0);
		registrars_leaving::<T>(Some(&gone), 0);
		// Its keys are voided with it: as many as a registrar can have.
		let epoch = at_epoch_ten::<T>();
		for back in 0..MAX_TOKEN_KEYS {
			TokenKeys::<T>::insert(
				&gone,
				epoch - back,
				TokenKey { modulus: fixtures::MODULUS, issued: 0, spent: 0 },
			);
		}
		let origin =
			T::RegistrarOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, gone.clone());
		assert!(!Pallet::<T>::is_registrar(&gone));
		assert_eq!(TokenKeys::<T>::iter_key_prefix(&gone).count(), 0);
		Ok(())
	}

	#[benchmark]
	fn withdraw_claim() {
		let caller = funded::<T>("caller", 0);
		pending::<T>(&caller, 1);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()));
		assert_eq!(Identities::<T>::get(&caller), None);
	}

	#[benchmark]
	fn freeze() -> Result<(), BenchmarkError> {
		let (origin, id_hash) = institutions_and_identity::<T>()?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id_hash);
		assert!(Frozen::<T>::contains_key(id_hash));
		Ok(())
	}

	#[benchmark]
	fn unfreeze() -> Result<(), BenchmarkError> {
		let (origin, id_hash) = institutions_and_identity::<T>()?;
		Pallet::<T>::freeze(origin.clone(), id_hash).expect("the institutions freeze it");
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id_hash);
		assert!(!Frozen::<T>::contains_key(id_hash));
		Ok(())
	}

	#[benchmark]
	fn force_rebind() -> Result<(), BenchmarkError> {
		let (origin, id_hash) = institutions_and_identity::<T>()?;
		let new = funded::<T>("new", 0);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id_hash, new.clone());
		assert_eq!(PendingRebinds::<T>::get(id_hash).unwrap().new_account, new);
		Ok(())
	}

	// Two keys of the registrar's three are closed and removed.
	#[benchmark]
	fn set_token_key() {
		let epoch = at_epoch_ten::<T>();
		let registrar = funded::<T>("registrar", 0);
		registrars_leaving::<T>(Some(&registrar), 0);
		for back in 1..=MAX_TOKEN_KEYS {
			TokenKeys::<T>::insert(
				&registrar,
				epoch - back,
				TokenKey { modulus: fixtures::MODULUS, issued: 0, spent: 0 },
			);
		}
		#[extrinsic_call]
		_(RawOrigin::Signed(registrar.clone()), epoch + 1, fixtures::MODULUS);
		assert_eq!(TokenKeys::<T>::iter_key_prefix(&registrar).count(), 2);
	}

	#[benchmark]
	fn request_lender_tokens() {
		let epoch = at_epoch_ten::<T>();
		let (registrar, lender) = registrar_and_lender::<T>(epoch);
		let blinded = largest_bundle(fixtures::BLINDED);
		#[extrinsic_call]
		_(RawOrigin::Signed(lender), registrar, epoch, blinded);
		assert!(TokenRequests::<T>::contains_key(0));
	}

	// An answer of `n` blind signatures, every one checked, and passing. Requests come in
	// 10, 100 or 1 000; the request stored is cut to `n` so that the fit sees every size in
	// between (the checks are one per signature).
	#[benchmark]
	fn issue_lender_tokens(n: Linear<10, MAX_LENDER_TOKEN_BUNDLE>) {
		let epoch = at_epoch_ten::<T>();
		let (registrar, lender) = registrar_and_lender::<T>(epoch);
		Pallet::<T>::request_lender_tokens(
			RawOrigin::Signed(lender).into(),
			registrar.clone(),
			epoch,
			largest_bundle(fixtures::BLINDED),
		)
		.expect("a verified identity asks for the largest bundle");
		TokenRequests::<T>::mutate(0, |request| {
			request.as_mut().expect("just requested").blinded.truncate(n as usize)
		});
		let mut answer = largest_bundle(fixtures::BLIND_SIGNATURE);
		answer.truncate(n as usize);
		#[extrinsic_call]
		_(RawOrigin::Signed(registrar.clone()), 0, answer);
		assert_eq!(TokenKeys::<T>::get(&registrar, epoch).unwrap().issued, n);
	}

	// The longest path: the key's epoch is over, and every other condition is read too.
	#[benchmark]
	fn reclaim_lender_tokens() {
		let epoch = at_epoch_ten::<T>();
		let (registrar, lender) = registrar_and_lender::<T>(epoch);
		Pallet::<T>::request_lender_tokens(
			RawOrigin::Signed(lender.clone()).into(),
			registrar,
			epoch,
			largest_bundle(fixtures::BLINDED),
		)
		.expect("a verified identity asks for the largest bundle");
		frame_system::Pallet::<T>::set_block_number(T::BlocksPerDay::get() * 11u32.into());
		#[extrinsic_call]
		_(RawOrigin::Signed(lender), 0);
		assert!(!TokenRequests::<T>::contains_key(0));
	}

	// What the loans pallet adds to the weight of a call that carries a token: the pool's
	// check, then the spending.
	#[benchmark]
	fn check_lender_token() {
		let epoch = at_epoch_ten::<T>();
		let registrar = funded::<T>("registrar", 0);
		let token = issued_token::<T>(&registrar, epoch);
		let result;
		#[block]
		{
			result = Pallet::<T>::check_token(&token, &fixtures::MESSAGE);
		}
		assert_eq!(result, Ok(()));
	}

	#[benchmark]
	fn spend_lender_token() {
		let epoch = at_epoch_ten::<T>();
		let registrar = funded::<T>("registrar", 0);
		let token = issued_token::<T>(&registrar, epoch);
		let result;
		#[block]
		{
			result = Pallet::<T>::spend_token(&token, &fixtures::MESSAGE);
		}
		assert_eq!(result, Ok(()));
		assert_eq!(TokenKeys::<T>::get(&registrar, epoch).unwrap().spent, 1);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
