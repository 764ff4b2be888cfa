//! Weights of the DAM pallet's calls.

#![allow(unused_parens)]
#![allow(unused_imports)]

use core::marker::PhantomData;
use polkadot_sdk::frame_support::{traits::Get, weights::Weight};

/// The weight of each call.
pub trait WeightInfo {
	fn create_dam() -> Weight;
	fn set_fee() -> Weight;
	fn set_gatekeeper() -> Weight;
	fn set_catalyst() -> Weight;
	fn invite_operator() -> Weight;
	fn accept_invite() -> Weight;
	fn remove_operator() -> Weight;
	fn deposit(d: u32) -> Weight;
	fn withdraw(d: u32) -> Weight;
	fn request_withdrawal() -> Weight;
	fn claim_withdrawal() -> Weight;
	fn transfer_shares() -> Weight;
	fn request_installation() -> Weight;
	fn uninstall() -> Weight;
	fn commit() -> Weight;
	fn set_allow_list() -> Weight;
	fn allow_delegator() -> Weight;
	fn disallow_delegator() -> Weight;
	fn allocate() -> Weight;
	fn claim_recovery() -> Weight;
	fn buy_license() -> Weight;
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
	fn create_dam() -> Weight {
		weight!(70_000_000, 6, 7)
	}
	fn set_fee() -> Weight {
		weight!(20_000_000, 2, 1)
	}
	fn set_gatekeeper() -> Weight {
		weight!(20_000_000, 1, 1)
	}
	fn set_catalyst() -> Weight {
		weight!(20_000_000, 1, 1)
	}
	fn invite_operator() -> Weight {
		weight!(25_000_000, 4, 1)
	}
	fn accept_invite() -> Weight {
		weight!(30_000_000, 4, 4)
	}
	// Reads every installation of the DAM, at most `MaxInstallationsPerDam`.
	fn remove_operator() -> Weight {
		weight!(60_000_000, 20, 4)
	}
	fn deposit(_d: u32) -> Weight {
		weight!(90_000_000, 8, 6)
	}
	fn withdraw(_d: u32) -> Weight {
		weight!(80_000_000, 6, 5)
	}
	fn request_withdrawal() -> Weight {
		weight!(40_000_000, 4, 3)
	}
	fn claim_withdrawal() -> Weight {
		weight!(80_000_000, 6, 5)
	}
	fn transfer_shares() -> Weight {
		weight!(35_000_000, 4, 2)
	}
	fn request_installation() -> Weight {
		weight!(50_000_000, 6, 3)
	}
	fn uninstall() -> Weight {
		weight!(50_000_000, 6, 4)
	}
	fn commit() -> Weight {
		weight!(40_000_000, 5, 2)
	}
	fn set_allow_list() -> Weight {
		weight!(20_000_000, 1, 1)
	}
	fn allow_delegator() -> Weight {
		weight!(20_000_000, 1, 1)
	}
	fn disallow_delegator() -> Weight {
		weight!(20_000_000, 1, 1)
	}
	fn allocate() -> Weight {
		weight!(120_000_000, 10, 8)
	}
	fn claim_recovery() -> Weight {
		weight!(60_000_000, 4, 4)
	}
	fn buy_license() -> Weight {
		weight!(120_000_000, 12, 8)
	}
}
