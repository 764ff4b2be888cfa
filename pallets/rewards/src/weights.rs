//! Weights for `pallet_rewards`.
//!
//! PROVISIONAL: estimated from the storage each call touches, until `scripts/benchmarks/run.sh
//! rewards` generates this file.

#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use core::marker::PhantomData;
use polkadot_sdk::frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// The weights of the rewards pallet's calls.
pub trait WeightInfo {
	fn fund_rewards() -> Weight;
	fn claim_rewards(n: u32, d: u32) -> Weight;
	fn claim_operator_rewards() -> Weight;
	fn redeem() -> Weight;
	fn share_change(t: u32) -> Weight;
	fn open_license_sale() -> Weight;
}

/// Weights for `pallet_rewards` on a runtime.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: polkadot_sdk::frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn fund_rewards() -> Weight {
		Weight::from_parts(60_000_000, 6_000)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn claim_rewards(n: u32, _d: u32) -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(Weight::from_parts(70_000_000, 12_000).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().reads((9_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes((6_u64).saturating_mul(n.into())))
	}
	fn claim_operator_rewards() -> Weight {
		Weight::from_parts(80_000_000, 12_000)
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	fn redeem() -> Weight {
		Weight::from_parts(70_000_000, 8_000)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	fn share_change(t: u32) -> Weight {
		Weight::from_parts(10_000_000, 2_000)
			.saturating_add(Weight::from_parts(60_000_000, 12_000).saturating_mul(t.into()))
			.saturating_add(T::DbWeight::get().reads((16_u64).saturating_mul(t.into())))
			.saturating_add(T::DbWeight::get().writes((8_u64).saturating_mul(t.into())))
	}
	fn open_license_sale() -> Weight {
		Weight::from_parts(80_000_000, 8_000)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
}

impl WeightInfo for () {
	fn fund_rewards() -> Weight {
		Weight::from_parts(100_000_000, 16_000)
	}
	fn claim_rewards(n: u32, _d: u32) -> Weight {
		Weight::from_parts(100_000_000, 16_000).saturating_mul(n.max(1).into())
	}
	fn claim_operator_rewards() -> Weight {
		Weight::from_parts(100_000_000, 16_000)
	}
	fn redeem() -> Weight {
		Weight::from_parts(100_000_000, 16_000)
	}
	fn share_change(t: u32) -> Weight {
		Weight::from_parts(100_000_000, 16_000).saturating_mul(t.max(1).into())
	}
	fn open_license_sale() -> Weight {
		Weight::from_parts(100_000_000, 16_000)
	}
}
