//! Benchmarks of the slashing pallet's calls. None depends on delegators: a penalty changes
//! the DAM's books, never its holders' records.

use super::*;
use crate::Pallet as SlashingPallet;
use alloc::vec;
use frame_support::traits::{EnsureOrigin, Get};
use frame_system::RawOrigin;
use nektar_primitives::NetworkKind;
use polkadot_sdk::{frame_benchmarking::v2::*, sp_runtime::traits::Zero};

/// A live Collateral Network with no resolver, and a DAM installed in it with a commitment
/// backed by a deposit; returns the Network, its manager, the DAM and its manager.
fn committed_dam<T: Config>() -> (NetworkId, T::AccountId, DamId, T::AccountId) {
	let unit: BalanceOf<T> = 1_000_000_000_000u64.try_into().ok().expect("the balance holds 10^12");
	let network = T::Marketplace::benchmark_network(NetworkKind::Collateral, unit);
	let manager = T::Marketplace::network(network).expect("the Network exists").manager;
	let dam_manager: T::AccountId = account("dam-operator", network, 0);
	let dam = T::Dams::benchmark_dam(NetworkKind::Collateral, &dam_manager);
	T::Dams::benchmark_deposit(dam, &account("delegator", 0, dam), unit * 100u32.into());
	T::Dams::benchmark_install(dam, network, unit * 100u32.into());
	(network, manager, dam, dam_manager)
}

/// A penalty of a twentieth of the installation's effective commitment, requested with the
/// longest reason; returns it with the DAM's manager.
fn requested<T: Config>() -> (PenaltyId, T::AccountId, NetworkId) {
	let (network, manager, dam, dam_manager) = committed_dam::<T>();
	let amount = T::Dams::exposure(network, dam) / 20u32.into();
	let reason = vec![b'r'; T::MaxReasonLength::get() as usize];
	let id = SlashingPallet::<T>::do_request_penalty(manager, network, dam, amount, reason)
		.expect("a valid penalty");
	(id, dam_manager, network)
}

fn disputed<T: Config>() -> PenaltyId {
	let (id, dam_manager, _) = requested::<T>();
	SlashingPallet::<T>::do_dispute(dam_manager, id).expect("inside the window");
	id
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn request_penalty() {
		let (network, manager, dam, _) = committed_dam::<T>();
		let amount = T::Dams::exposure(network, dam) / 20u32.into();
		let reason = vec![b'r'; T::MaxReasonLength::get() as usize];
		#[extrinsic_call]
		_(RawOrigin::Signed(manager), network, dam, amount, reason);
		assert!(!Pending::<T>::get(network, dam).is_zero());
	}

	#[benchmark]
	fn dispute() {
		let (id, dam_manager, _) = requested::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(dam_manager), id);
		assert_eq!(Penalties::<T>::get(id).map(|p| p.status), Some(PenaltyStatus::Disputed));
	}

	#[benchmark]
	fn veto() -> Result<(), BenchmarkError> {
		let id = disputed::<T>();
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id);
		assert!(Penalties::<T>::get(id).is_none());
		Ok(())
	}

	#[benchmark]
	fn uphold() -> Result<(), BenchmarkError> {
		let id = disputed::<T>();
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id);
		assert_eq!(Penalties::<T>::get(id).map(|p| p.status), Some(PenaltyStatus::Upheld));
		Ok(())
	}

	#[benchmark]
	fn execute() {
		let (id, _, _) = requested::<T>();
		let ends = Penalties::<T>::get(id).expect("open").window_ends;
		frame_system::Pallet::<T>::set_block_number(ends);
		let caller: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id);
		assert!(Penalties::<T>::get(id).is_none());
	}

	#[benchmark]
	fn cancel() -> Result<(), BenchmarkError> {
		let id = disputed::<T>();
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id);
		assert!(Penalties::<T>::get(id).is_none());
		Ok(())
	}

	impl_benchmark_test_suite!(
		SlashingPallet,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}
