//! Benchmarks of the upgrade pallet's calls. `apply_upgrade` applies the runtime's own code:
//! the call's weight adds `frame_system`'s measured `apply_authorized_upgrade` to this.

use super::*;
use frame_benchmarking::v2::*;
use sp_core::storage::well_known_keys;

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn authorize_upgrade() -> Result<(), BenchmarkError> {
		let origin =
			T::AuthorizeOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let code_hash = T::Hashing::hash(b"runtime");

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, code_hash);

		assert!(Pending::<T>::exists());
		Ok(())
	}

	#[benchmark]
	fn cancel_upgrade() -> Result<(), BenchmarkError> {
		let origin =
			T::CancelOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let code_hash = T::Hashing::hash(b"runtime");
		Pending::<T>::put(PendingUpgrade { code_hash, applicable_at: 0u32.into() });

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin);

		assert!(!Pending::<T>::exists());
		Ok(())
	}

	#[benchmark]
	fn apply_upgrade() -> Result<(), BenchmarkError> {
		let caller: T::AccountId = whitelisted_caller();
		// The runtime's own code: its version can be read, and with `runtime-benchmarks`
		// frame_system does not ask for a higher `spec_version`.
		let code = frame_support::storage::unhashed::get_raw(well_known_keys::CODE)
			.ok_or(BenchmarkError::Weightless)?;
		let code_hash = T::Hashing::hash(&code);
		Pending::<T>::put(PendingUpgrade { code_hash, applicable_at: 0u32.into() });

		#[extrinsic_call]
		_(frame_system::RawOrigin::Signed(caller), code);

		assert!(!Pending::<T>::exists());
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
