//! Benchmarks of the vaults pallet's calls, each in its worst case. Only `declare_default`
//! loops, over the DAMs a Network owes (at most `MaxCreditors`); none depends on delegators.

use super::*;
use crate::Pallet as VaultsPallet;
use frame_system::RawOrigin;
use nektar_primitives::{DamProvider, MarketplaceInspect, NetworkKind};
use polkadot_sdk::{
	frame_benchmarking::v2::*, frame_support::traits::Get, sp_runtime::traits::Zero,
};

fn amount<T: Config>() -> BalanceOf<T> {
	1_000_000_000_000u64.try_into().ok().expect("the balance type holds 10^12")
}

fn caller<T: Config>() -> T::AccountId {
	whitelisted_caller()
}

/// A live Network of `kind` into which `dams` new DAMs each allocated `amount`, and the vault
/// of each allocation.
fn allocations<T: Config>(
	kind: NetworkKind,
	dams: u32,
	amount: BalanceOf<T>,
) -> (NetworkId, alloc::vec::Vec<(DamId, VaultId)>) {
	let network = T::Marketplace::benchmark_network(kind, amount);
	let vaults = (0..dams)
		.map(|index| {
			let operator: T::AccountId = account("dam-operator", index, network);
			let dam = T::Dams::benchmark_dam(kind, &operator);
			T::Dams::benchmark_deposit(dam, &operator, amount);
			let vault = NextVaultId::<T>::get();
			T::Dams::benchmark_install(dam, network, amount);
			(dam, vault)
		})
		.collect();
	(network, vaults)
}

/// Moves to the block where every vault of the benchmarks opens.
fn unlock<T: Config>(network: NetworkId) {
	let view = T::Marketplace::network(network).expect("the Network exists");
	let now = frame_system::Pallet::<T>::block_number();
	frame_system::Pallet::<T>::set_block_number(now + view.lock_period.unwrap_or_default());
}

/// A Liquidity Network owing `dams` DAMs: their vaults were released to its safe.
fn loans<T: Config>(dams: u32) -> (NetworkId, alloc::vec::Vec<(DamId, VaultId)>, T::AccountId) {
	let (network, vaults) = allocations::<T>(NetworkKind::Liquidity, dams, amount::<T>());
	unlock::<T>(network);
	for (_, vault) in &vaults {
		VaultsPallet::<T>::do_release(*vault).expect("an unlocked vault");
	}
	let safe = T::Marketplace::network(network).and_then(|n| n.safe).expect("a safe");
	(network, vaults, safe)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	// Worst case: a Liquidity vault opens a loan.
	#[benchmark]
	fn release() {
		let (network, vaults) = allocations::<T>(NetworkKind::Liquidity, 1, amount::<T>());
		unlock::<T>(network);
		let (dam, vault) = vaults[0];
		#[extrinsic_call]
		_(RawOrigin::Signed(caller::<T>()), vault);
		assert_eq!(Loans::<T>::get(network, dam), Some(amount::<T>()));
	}

	// The other branch: a Liquidity vault that opens after its Network is over goes back to the
	// DAM, which settles its books, its exposure and its rewards.
	#[benchmark]
	fn release_to_dam() {
		let (network, vaults) = allocations::<T>(NetworkKind::Liquidity, 1, amount::<T>());
		let view = T::Marketplace::network(network).expect("the Network exists");
		let end = view
			.ends_at()
			.expect("live")
			.max(frame_system::Pallet::<T>::block_number() + view.lock_period.unwrap_or_default());
		frame_system::Pallet::<T>::set_block_number(end);
		let (dam, vault) = vaults[0];
		#[extrinsic_call]
		release(RawOrigin::Signed(caller::<T>()), vault);
		assert_eq!(Loans::<T>::get(network, dam), None);
		assert!(!Vaults::<T>::contains_key(vault));
	}

	#[benchmark]
	fn withdraw_released() {
		let (network, vaults) = allocations::<T>(NetworkKind::Growth, 1, amount::<T>());
		unlock::<T>(network);
		let vault = vaults[0].1;
		VaultsPallet::<T>::do_release(vault).expect("an unlocked vault");
		let manager = T::Marketplace::network(network).expect("exists").manager;
		#[extrinsic_call]
		_(RawOrigin::Signed(manager), vault);
		assert!(!Vaults::<T>::contains_key(vault));
	}

	// Worst case: the repayment settles the debt of an ended Network and releases its bond.
	#[benchmark]
	fn repay() {
		let (network, vaults, safe) = loans::<T>(1);
		T::Marketplace::benchmark_end(network);
		let dam = vaults[0].0;
		#[extrinsic_call]
		_(RawOrigin::Signed(safe), network, dam, amount::<T>());
		assert!(!Loans::<T>::contains_key(network, dam));
		assert!(T::Marketplace::network(network).expect("exists").bond.is_zero());
	}

	#[benchmark]
	fn declare_default(n: Linear<1, { T::MaxCreditors::get() }>) {
		let (network, _, _) = loans::<T>(n);
		T::Marketplace::benchmark_end(network);
		let view = T::Marketplace::network(network).expect("exists");
		let due = view.ends_at().expect("live") + T::Marketplace::params().repay_grace;
		frame_system::Pallet::<T>::set_block_number(due);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller::<T>()), network);
		assert_eq!(Loans::<T>::iter_prefix(network).count(), 0);
	}

	#[benchmark]
	fn release_bond() {
		let (network, vaults, safe) = loans::<T>(1);
		VaultsPallet::<T>::do_repay(safe, network, vaults[0].0, amount::<T>()).expect("owed");
		T::Marketplace::benchmark_end(network);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller::<T>()), network);
		assert!(T::Marketplace::network(network).expect("exists").bond.is_zero());
	}

	impl_benchmark_test_suite!(
		VaultsPallet,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}
