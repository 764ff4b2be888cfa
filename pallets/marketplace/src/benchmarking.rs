//! Benchmarks of the marketplace's calls, each in its worst case: metadata at `StringLimit`,
//! a Liquidity Network with both holds.

use super::*;
use crate::Pallet as Marketplace;
use alloc::{vec, vec::Vec};
use frame_support::traits::{fungible::Mutate, EnsureOrigin, Get};
use frame_system::RawOrigin;
use nektar_primitives::DamView;
use polkadot_sdk::{
	frame_benchmarking::v2::*,
	sp_runtime::{traits::Bounded, FixedU128, Perbill, Permill},
};

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	T::Currency::set_balance(&who, BalanceOf::<T>::max_value() / 1_000_000u32.into());
	who
}

fn text<T: Config>() -> Vec<u8> {
	vec![b'n'; T::StringLimit::get() as usize]
}

fn terms<T: Config>(kind: NetworkKind) -> NetworkTermsOf<T> {
	let unit: BalanceOf<T> = 1_000u32.into();
	network_terms::<T>(kind, unit, unit * 1_000u32.into(), 10u32.into(), account("safe", 0, 0))
}

/// Terms of a Network of `kind` asking for the benchmark asset, which is whitelisted: at least
/// `min_allocation` each and `amount_requested` in all, from the most Operators, for
/// `duration` blocks.
fn network_terms<T: Config>(
	kind: NetworkKind,
	min_allocation: BalanceOf<T>,
	amount_requested: BalanceOf<T>,
	duration: BlockNumberOf<T>,
	safe: T::AccountId,
) -> NetworkTermsOf<T> {
	let asset = T::BenchmarkHelper::asset();
	WhitelistedAssets::<T>::insert(&asset, ());
	let unit = min_allocation;
	let (lock_period, safe, penalty, return_bond) = match kind {
		NetworkKind::Liquidity => (Some(10u32.into()), Some(safe), None, Some(unit)),
		NetworkKind::Growth => (Some(10u32.into()), None, None, None),
		NetworkKind::Collateral => (
			None,
			None,
			Some(PenaltyTerms {
				max_penalty: Perbill::from_percent(10),
				dispute_window: Params::<T>::get().min_dispute_window,
				resolver: None,
				destination: PenaltyDestination::Treasury,
			}),
			None,
		),
	};
	NetworkTerms {
		kind,
		deposit_asset: asset.clone(),
		min_allocation: unit,
		amount_requested,
		operators_requested: T::MaxOperatorsPerNetwork::get(),
		duration,
		lock_period,
		safe,
		reward_asset: asset,
		delegator_rate: FixedU128::from_rational(1, 100),
		operator_rate: unit,
		operator_commission: Perbill::zero(),
		penalty,
		return_bond,
	}
}

/// The longest reward symbol the synthetic token takes.
fn symbol<T: Config>() -> Vec<u8> {
	vec![b'r'; T::RewardSymbolLimit::get() as usize]
}

fn register<T: Config>(kind: NetworkKind) -> (T::AccountId, NetworkId) {
	let manager = funded::<T>("manager", 0);
	let id = NextNetworkId::<T>::get();
	Marketplace::<T>::register_network(
		RawOrigin::Signed(manager.clone()).into(),
		terms::<T>(kind),
		text::<T>(),
		text::<T>(),
		text::<T>(),
		symbol::<T>(),
	)
	.expect("valid registration");
	(manager, id)
}

fn live<T: Config>(kind: NetworkKind) -> (T::AccountId, NetworkId) {
	let (manager, id) = register::<T>(kind);
	Marketplace::<T>::do_whitelist_network(id).expect("pending network");
	(manager, id)
}

/// A live Network of `kind` for another pallet's benchmarks: its own funded manager, who is
/// also a Liquidity Network's safe, `min_allocation` and a million times that requested, for
/// 1,000 blocks.
pub(crate) fn live_network<T: Config>(
	kind: NetworkKind,
	min_allocation: BalanceOf<T>,
) -> NetworkId {
	let id = NextNetworkId::<T>::get();
	let manager: T::AccountId = account("network-manager", id, 0);
	T::Currency::mint_into(&manager, BalanceOf::<T>::max_value() / 1_000_000u32.into())
		.expect("the native token can be minted");
	let terms = network_terms::<T>(
		kind,
		min_allocation,
		min_allocation * 1_000_000u32.into(),
		1_000u32.into(),
		manager.clone(),
	);
	Marketplace::<T>::register_network(
		RawOrigin::Signed(manager).into(),
		terms,
		b"network".to_vec(),
		Vec::new(),
		Vec::new(),
		b"rNET".to_vec(),
	)
	.expect("valid terms");
	Marketplace::<T>::do_whitelist_network(id).expect("a pending Network");
	id
}

/// Registers `who` as an Operator for another pallet's benchmarks, unless it is one.
pub(crate) fn operator<T: Config>(who: &T::AccountId) {
	if Operators::<T>::contains_key(who) {
		return;
	}
	T::Currency::mint_into(who, BalanceOf::<T>::max_value() / 1_000_000u32.into())
		.expect("the native token can be minted");
	Marketplace::<T>::do_register_operator(who.clone(), b"operator".to_vec(), Vec::new())
		.expect("a funded account registers as Operator");
}

/// Confirms the requested installation of `network` into `dam` as the Network's manager.
pub(crate) fn confirm<T: Config>(network: NetworkId, dam: DamId) {
	// A Network the runtime answers for confirmed the request already.
	if Installations::<T>::get(network, dam).is_some_and(|i| i.status == InstallationStatus::Active)
	{
		return;
	}
	let manager = Networks::<T>::get(network).expect("the Network exists").manager;
	Marketplace::<T>::do_confirm_installation(manager, network, dam, None)
		.expect("a requested installation");
}

/// Moves to the end of `network`'s duration and ends it.
pub(crate) fn end<T: Config>(network: NetworkId) {
	let info = Networks::<T>::get(network).expect("the Network exists");
	let ends_at = info.live_since.expect("a live Network") + info.terms.duration;
	if frame_system::Pallet::<T>::block_number() < ends_at {
		frame_system::Pallet::<T>::set_block_number(ends_at);
	}
	Marketplace::<T>::do_end_network(network).expect("a Network whose duration passed");
}

fn governance<T: Config>() -> Result<T::RuntimeOrigin, BenchmarkError> {
	T::WhitelistOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)
}

/// A live Collateral Network with a requested installation from DAM 0.
fn requested<T: Config>() -> (T::AccountId, NetworkId) {
	let (manager, id) = live::<T>(NetworkKind::Collateral);
	let operator = funded::<T>("operator", 0);
	Marketplace::<T>::do_register_operator(operator.clone(), text::<T>(), text::<T>())
		.expect("new operator");
	<Marketplace<T> as InstallationLedger>::request_installation(
		id,
		0,
		DamView {
			kind: NetworkKind::Collateral,
			deposit_asset: T::BenchmarkHelper::asset(),
			manager: manager.clone(),
		},
		operator,
	)
	.expect("valid request");
	(manager, id)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_network() {
		let manager = funded::<T>("manager", 0);
		let terms = terms::<T>(NetworkKind::Liquidity);
		#[extrinsic_call]
		_(RawOrigin::Signed(manager), terms, text::<T>(), text::<T>(), text::<T>(), symbol::<T>());
		assert!(Networks::<T>::contains_key(0));
	}

	#[benchmark]
	fn whitelist_network() -> Result<(), BenchmarkError> {
		let (_, id) = register::<T>(NetworkKind::Liquidity);
		let origin = governance::<T>()?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id);
		assert_eq!(Networks::<T>::get(id).map(|n| n.status), Some(NetworkStatus::Live));
		Ok(())
	}

	#[benchmark]
	fn reject_network() -> Result<(), BenchmarkError> {
		let (_, id) = register::<T>(NetworkKind::Liquidity);
		let origin = governance::<T>()?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id);
		assert!(!Networks::<T>::contains_key(id));
		Ok(())
	}

	#[benchmark]
	fn suspend_network() -> Result<(), BenchmarkError> {
		let (_, id) = live::<T>(NetworkKind::Liquidity);
		let origin = governance::<T>()?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id);
		assert_eq!(Networks::<T>::get(id).map(|n| n.status), Some(NetworkStatus::Suspended));
		Ok(())
	}

	#[benchmark]
	fn resume_network() -> Result<(), BenchmarkError> {
		let (_, id) = live::<T>(NetworkKind::Liquidity);
		Marketplace::<T>::do_set_suspended(id, true).expect("live network");
		let origin = governance::<T>()?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id);
		assert_eq!(Networks::<T>::get(id).map(|n| n.status), Some(NetworkStatus::Live));
		Ok(())
	}

	#[benchmark]
	fn end_network() {
		let (manager, id) = live::<T>(NetworkKind::Liquidity);
		frame_system::Pallet::<T>::set_block_number(1_000u32.into());
		#[extrinsic_call]
		_(RawOrigin::Signed(manager), id);
		assert_eq!(Networks::<T>::get(id).map(|n| n.status), Some(NetworkStatus::Ended));
	}

	#[benchmark]
	fn whitelist_asset() -> Result<(), BenchmarkError> {
		let asset = T::BenchmarkHelper::asset();
		WhitelistedAssets::<T>::remove(&asset);
		let origin = governance::<T>()?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, asset.clone());
		assert!(WhitelistedAssets::<T>::contains_key(asset));
		Ok(())
	}

	#[benchmark]
	fn remove_asset() -> Result<(), BenchmarkError> {
		let asset = T::BenchmarkHelper::asset();
		WhitelistedAssets::<T>::insert(&asset, ());
		let origin = governance::<T>()?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, asset.clone());
		assert!(!WhitelistedAssets::<T>::contains_key(asset));
		Ok(())
	}

	#[benchmark]
	fn register_operator() {
		let who = funded::<T>("operator", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), text::<T>(), text::<T>());
		assert!(Operators::<T>::contains_key(who));
	}

	#[benchmark]
	fn deregister_operator() {
		let who = funded::<T>("operator", 0);
		Marketplace::<T>::do_register_operator(who.clone(), text::<T>(), text::<T>())
			.expect("new operator");
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));
		assert!(!Operators::<T>::contains_key(who));
	}

	#[benchmark]
	fn confirm_installation() {
		let (manager, id) = requested::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(manager), id, 0, None);
		assert_eq!(Networks::<T>::get(id).map(|n| n.installations), Some(1));
	}

	#[benchmark]
	fn refuse_installation() {
		let (manager, id) = requested::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(manager), id, 0);
		assert!(!Installations::<T>::contains_key(id, 0));
	}

	// Worst case: a Collateral installation whose commitment went to zero and whose delay has
	// passed.
	#[benchmark]
	fn evict_installation() {
		let (manager, id) = requested::<T>();
		Marketplace::<T>::do_confirm_installation(manager.clone(), id, 0, None)
			.expect("requested installation");
		#[extrinsic_call]
		_(RawOrigin::Signed(manager), id, 0);
		assert!(!Installations::<T>::contains_key(id, 0));
	}

	#[benchmark]
	fn report_performance() {
		let (manager, id) = requested::<T>();
		Marketplace::<T>::do_confirm_installation(manager.clone(), id, 0, None)
			.expect("requested installation");
		#[extrinsic_call]
		_(RawOrigin::Signed(manager), id, 0, Permill::from_percent(50));
		assert_eq!(
			Installations::<T>::get(id, 0).map(|i| i.performance),
			Some(Permill::from_percent(50))
		);
	}

	#[benchmark]
	fn set_network_metadata() {
		let manager = funded::<T>("manager", 0);
		let id = NextNetworkId::<T>::get();
		Marketplace::<T>::register_network(
			RawOrigin::Signed(manager.clone()).into(),
			terms::<T>(NetworkKind::Liquidity),
			b"n".to_vec(),
			Vec::new(),
			Vec::new(),
			b"r".to_vec(),
		)
		.expect("valid registration");
		#[extrinsic_call]
		_(RawOrigin::Signed(manager), id, text::<T>(), text::<T>(), text::<T>(), symbol::<T>());
		assert_eq!(
			Metadata::<T>::get(id).map(|m| m.byte_len()),
			Some(3 * T::StringLimit::get() + T::RewardSymbolLimit::get())
		);
	}

	#[benchmark]
	fn set_params() -> Result<(), BenchmarkError> {
		let mut params = Params::<T>::get();
		params.max_dam_fee = Perbill::from_percent(5);
		let origin =
			T::ParamsOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, params);
		assert_eq!(Params::<T>::get().max_dam_fee, Perbill::from_percent(5));
		Ok(())
	}

	impl_benchmark_test_suite!(Marketplace, crate::mock::ExtBuilder::build(), crate::mock::Test);
}
