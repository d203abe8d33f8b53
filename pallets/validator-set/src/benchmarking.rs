//! Benchmarks of the validator set's calls, each at its worst case: a set one short of
//! `MaxValidators` for `add_validator`, a full set whose every validator's keys are looked
//! up for `remove_validator`, a full set searched for `purge_keys`.

use super::*;
use frame_benchmarking::v2::*;
use frame_system::RawOrigin;

fn fill<T: Config>(count: u32) {
	let set: Vec<T::AccountId> = (0..count).map(|i| account("validator", i, 0)).collect();
	set.iter().for_each(T::BenchmarkHelper::register_keys);
	Validators::<T>::put(BoundedVec::truncate_from(set));
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn add_validator() -> Result<(), BenchmarkError> {
		fill::<T>(T::MaxValidators::get() - 1);
		let origin =
			T::AddRemoveOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let candidate: T::AccountId = account("candidate", 0, 0);
		T::BenchmarkHelper::register_keys(&candidate);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, candidate.clone());

		assert!(Validators::<T>::get().contains(&candidate));
		Ok(())
	}

	#[benchmark]
	fn remove_validator() -> Result<(), BenchmarkError> {
		fill::<T>(T::MaxValidators::get());
		let origin =
			T::AddRemoveOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		// The last one: the whole list is searched.
		let leaving: T::AccountId = account("validator", T::MaxValidators::get() - 1, 0);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, leaving.clone());

		assert!(!Validators::<T>::get().contains(&leaving));
		Ok(())
	}

	#[benchmark]
	fn purge_keys() {
		fill::<T>(T::MaxValidators::get());
		let leaver: T::AccountId = whitelisted_caller();
		T::BenchmarkHelper::register_keys(&leaver);

		#[extrinsic_call]
		_(RawOrigin::Signed(leaver.clone()));

		assert!(!T::KeysRegistered::is_registered(&leaver));
	}

	#[benchmark]
	fn note_stalled() -> Result<(), BenchmarkError> {
		let origin =
			T::AddRemoveOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, 10u32.into(), 1u32.into());

		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
