//! Storage migrations of the identity pallet.

/// Version 2: a pending rebind records who started it — a registrar or, since
/// `force_rebind`, the institutions — where version 1 stored the registrar's account.
pub mod v2 {
	use crate::{pallet::PendingRebinds, ActedBy, Config, Pallet, PendingRebind};
	use codec::{Decode, Encode};
	use frame_support::{
		migrations::VersionedMigration, pallet_prelude::*, traits::UncheckedOnRuntimeUpgrade,
	};
	use frame_system::pallet_prelude::BlockNumberFor;

	/// A pending rebind as version 1 stored it.
	#[derive(Encode, Decode)]
	pub struct PendingRebindV1<AccountId, BlockNumber> {
		pub new_account: AccountId,
		pub registrar: AccountId,
		pub applicable_at: BlockNumber,
	}

	/// Rewrites every pending rebind: its registrar becomes `ActedBy::Registrar`. The map
	/// holds at most one entry per verified identity, and in practice a handful, so one block
	/// does it.
	pub struct InnerMigrateV1ToV2<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV1ToV2<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut count = 0u64;
			PendingRebinds::<T>::translate::<PendingRebindV1<T::AccountId, BlockNumberFor<T>>, _>(
				|_, old| {
					count += 1;
					Some(PendingRebind {
						new_account: old.new_account,
						started_by: ActedBy::Registrar(old.registrar),
						applicable_at: old.applicable_at,
					})
				},
			);
			T::DbWeight::get().reads_writes(count, count)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
			Ok((PendingRebinds::<T>::iter_keys().count() as u32).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let before = u32::decode(&mut &state[..]).map_err(|_| "the count before decodes")?;
			let mut after = 0u32;
			for (_, pending) in PendingRebinds::<T>::iter() {
				ensure!(
					matches!(pending.started_by, ActedBy::Registrar(_)),
					"a migrated rebind was started by a registrar"
				);
				after += 1;
			}
			ensure!(before == after, "every pending rebind decodes after the migration");
			Ok(())
		}
	}

	/// [`InnerMigrateV1ToV2`], run once: only while the pallet's storage version is 1, which
	/// it then sets to 2.
	pub type MigrateV1ToV2<T> = VersionedMigration<
		1,
		2,
		InnerMigrateV1ToV2<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
