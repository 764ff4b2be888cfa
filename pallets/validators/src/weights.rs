
//! Weights for `pallet_validators`.
//!
//! Regenerate with `scripts/benchmarks/run.sh validators`.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use polkadot_sdk::frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// The weight of each call and session hook of `pallet_validators`.
pub trait WeightInfo {
	fn set_invulnerables(n: u32, ) -> Weight;
	fn set_validator_count() -> Weight;
	fn set_min_validator_backing() -> Weight;
	fn set_validator_reward_per_session() -> Weight;
	fn set_session_length() -> Weight;
	fn new_session(c: u32, ) -> Weight;
	fn end_session(c: u32, ) -> Weight;
	fn note_author() -> Weight;
	fn on_offence(d: u32, ) -> Weight;
}

/// Weights for the runtime.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: polkadot_sdk::frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn set_invulnerables(n: u32, ) -> Weight {
		Weight::from_parts(8_000_000, 1_500)
			.saturating_add(Weight::from_parts(60_000, 0).saturating_mul(n.into()))
			.saturating_add(Weight::from_parts(0, 32).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn set_validator_count() -> Weight {
		Weight::from_parts(7_000_000, 0)
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn set_min_validator_backing() -> Weight {
		Weight::from_parts(7_000_000, 0)
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn set_validator_reward_per_session() -> Weight {
		Weight::from_parts(7_000_000, 0)
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn set_session_length() -> Weight {
		Weight::from_parts(7_000_000, 0)
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn new_session(c: u32, ) -> Weight {
		Weight::from_parts(40_000_000, 4_000)
			.saturating_add(Weight::from_parts(30_000_000, 3_000).saturating_mul(c.into()))
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().reads((8_u64).saturating_mul(c.into())))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn end_session(c: u32, ) -> Weight {
		Weight::from_parts(60_000_000, 6_000)
			.saturating_add(Weight::from_parts(500_000_000, 12_000).saturating_mul(c.into()))
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().reads((30_u64).saturating_mul(c.into())))
			.saturating_add(T::DbWeight::get().writes(6_u64))
			.saturating_add(T::DbWeight::get().writes((16_u64).saturating_mul(c.into())))
	}
	fn note_author() -> Weight {
		Weight::from_parts(12_000_000, 3_000)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn on_offence(d: u32, ) -> Weight {
		Weight::from_parts(60_000_000, 6_000)
			.saturating_add(Weight::from_parts(700_000_000, 20_000).saturating_mul(d.into()))
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().reads((40_u64).saturating_mul(d.into())))
			.saturating_add(T::DbWeight::get().writes(5_u64))
			.saturating_add(T::DbWeight::get().writes((25_u64).saturating_mul(d.into())))
	}
}

// For tests.
impl WeightInfo for () {
	fn set_invulnerables(n: u32, ) -> Weight {
		Weight::from_parts(8_000_000, 1_500)
			.saturating_add(Weight::from_parts(60_000, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn set_validator_count() -> Weight {
		Weight::from_parts(7_000_000, 0).saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn set_min_validator_backing() -> Weight {
		Weight::from_parts(7_000_000, 0).saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn set_validator_reward_per_session() -> Weight {
		Weight::from_parts(7_000_000, 0).saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn set_session_length() -> Weight {
		Weight::from_parts(7_000_000, 0).saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn new_session(c: u32, ) -> Weight {
		Weight::from_parts(40_000_000, 4_000)
			.saturating_add(Weight::from_parts(30_000_000, 3_000).saturating_mul(c.into()))
	}
	fn end_session(c: u32, ) -> Weight {
		Weight::from_parts(60_000_000, 6_000)
			.saturating_add(Weight::from_parts(500_000_000, 12_000).saturating_mul(c.into()))
	}
	fn note_author() -> Weight {
		Weight::from_parts(12_000_000, 3_000)
	}
	fn on_offence(d: u32, ) -> Weight {
		Weight::from_parts(60_000_000, 6_000)
			.saturating_add(Weight::from_parts(700_000_000, 20_000).saturating_mul(d.into()))
	}
}
