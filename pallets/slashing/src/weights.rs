//! Weights for `pallet_slashing`.
//!
//! PROVISIONAL: estimated from the storage each call touches, until `scripts/benchmarks/run.sh
//! slashing` generates this file.

#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use core::marker::PhantomData;
use polkadot_sdk::frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// The weights of the slashing pallet's calls.
pub trait WeightInfo {
	fn request_penalty() -> Weight;
	fn dispute() -> Weight;
	fn veto() -> Weight;
	fn uphold() -> Weight;
	fn execute() -> Weight;
	fn cancel() -> Weight;
}

/// Provisional upper-bound weights.
pub struct SubstrateWeight<T>(PhantomData<T>);

macro_rules! weight {
	($ref_time:expr, $reads:expr, $writes:expr) => {
		Weight::from_parts($ref_time, 12_000)
			.saturating_add(T::DbWeight::get().reads($reads))
			.saturating_add(T::DbWeight::get().writes($writes))
	};
}

impl<T: polkadot_sdk::frame_system::Config> WeightInfo for SubstrateWeight<T> {
	// Settles the reward tokens of the DAM before and after the slash.
	fn request_penalty() -> Weight {
		weight!(300_000_000, 40, 20)
	}
	fn dispute() -> Weight {
		weight!(40_000_000, 4, 1)
	}
	fn veto() -> Weight {
		weight!(300_000_000, 40, 20)
	}
	fn uphold() -> Weight {
		weight!(40_000_000, 3, 1)
	}
	fn execute() -> Weight {
		weight!(100_000_000, 10, 8)
	}
	fn cancel() -> Weight {
		weight!(300_000_000, 40, 20)
	}
}

impl WeightInfo for () {
	fn request_penalty() -> Weight {
		Weight::from_parts(100_000_000, 16_000)
	}
	fn dispute() -> Weight {
		Weight::from_parts(100_000_000, 16_000)
	}
	fn veto() -> Weight {
		Weight::from_parts(100_000_000, 16_000)
	}
	fn uphold() -> Weight {
		Weight::from_parts(100_000_000, 16_000)
	}
	fn execute() -> Weight {
		Weight::from_parts(100_000_000, 16_000)
	}
	fn cancel() -> Weight {
		Weight::from_parts(100_000_000, 16_000)
	}
}
