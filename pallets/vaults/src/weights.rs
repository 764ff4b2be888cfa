//! Weights of the vaults pallet's calls.

#![allow(unused_parens)]
#![allow(unused_imports)]

use core::marker::PhantomData;
use polkadot_sdk::frame_support::{traits::Get, weights::Weight};

/// The weight of each call.
pub trait WeightInfo {
	fn release() -> Weight;
	fn withdraw_released() -> Weight;
	fn repay() -> Weight;
	fn declare_default(n: u32) -> Weight;
	fn release_bond() -> Weight;
}

/// Provisional upper-bound weights, until `scripts/benchmarks/run.sh` replaces this file with
/// weights measured on the reference machine.
pub struct SubstrateWeight<T>(PhantomData<T>);

macro_rules! weight {
	($ref_time:expr, $reads:expr, $writes:expr) => {
		Weight::from_parts($ref_time, 8_000)
			.saturating_add(T::DbWeight::get().reads($reads))
			.saturating_add(T::DbWeight::get().writes($writes))
	};
}

impl<T: polkadot_sdk::frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn release() -> Weight {
		weight!(120_000_000, 10, 10)
	}
	fn withdraw_released() -> Weight {
		weight!(80_000_000, 6, 6)
	}
	fn repay() -> Weight {
		weight!(120_000_000, 12, 10)
	}
	fn declare_default(n: u32) -> Weight {
		weight!(80_000_000, 6, 4)
			.saturating_add(Weight::from_parts(100_000_000, 8_000).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads_writes(8, 8).saturating_mul(n.into()))
	}
	fn release_bond() -> Weight {
		weight!(60_000_000, 4, 3)
	}
}

impl WeightInfo for () {
	fn release() -> Weight {
		Weight::zero()
	}
	fn withdraw_released() -> Weight {
		Weight::zero()
	}
	fn repay() -> Weight {
		Weight::zero()
	}
	fn declare_default(_: u32) -> Weight {
		Weight::zero()
	}
	fn release_bond() -> Weight {
		Weight::zero()
	}
}
