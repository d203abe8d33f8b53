//! Placeholder until `scripts/bench-weights.sh pallet_utility` measures it.
#![allow(missing_docs)]
use core::marker::PhantomData;
use frame_support::weights::Weight;
use pallet_utility::weights::SubstrateWeight as S;
pub struct WeightInfo<T>(PhantomData<T>);
impl<T: frame_system::Config> pallet_utility::WeightInfo for WeightInfo<T> {
	fn batch(c: u32) -> Weight {
		S::<T>::batch(c)
	}
	fn as_derivative() -> Weight {
		S::<T>::as_derivative()
	}
	fn batch_all(c: u32) -> Weight {
		S::<T>::batch_all(c)
	}
	fn dispatch_as() -> Weight {
		S::<T>::dispatch_as()
	}
	fn force_batch(c: u32) -> Weight {
		S::<T>::force_batch(c)
	}
	fn dispatch_as_fallible() -> Weight {
		S::<T>::dispatch_as_fallible()
	}
	fn if_else() -> Weight {
		S::<T>::if_else()
	}
}
