//! Benchmarks of the rewards pallet's calls, and of the settlement every change of a DAM's
//! shares runs. None depends on the number of delegators: `claim_rewards` is measured against
//! DAMs of up to 10,000 holders to show it.

use super::*;
use crate::Pallet as RewardsPallet;
use alloc::vec::Vec;
use frame_support::traits::fungibles::Inspect;
use frame_support::traits::fungibles::Mutate as _;
use frame_system::RawOrigin;
use nektar_primitives::{
	DamId, DamProvider, LicenseSeller, MarketplaceInspect, NetworkKind, OnSharesChange,
};
use polkadot_sdk::{
	frame_benchmarking::v2::*,
	frame_support::{traits::Get, BoundedVec},
	sp_runtime::traits::{StaticLookup, Zero},
};

fn amount<T: Config>() -> BalanceOf<T> {
	1_000_000_000_000u64.try_into().ok().expect("the balance type holds 10^12")
}

/// The earning shares of `dam`, and those of `first` and `second`.
fn holders_of<T: Config>(
	dam: DamId,
	first: &T::AccountId,
	second: &T::AccountId,
) -> (u128, (u128, u128)) {
	(
		T::Dams::active_shares(dam).0.into(),
		(T::Dams::shares(dam, first).0.into(), T::Dams::shares(dam, second).0.into()),
	)
}

/// Gives `who` `amount` of the reward asset of the benchmarks' Networks.
fn fund<T: Config>(who: &T::AccountId, amount: BalanceOf<T>) {
	T::Assets::mint_into(T::Marketplace::benchmark_asset(), who, amount).expect("asset exists");
}

/// A new DAM of `kind` (Collateral or Growth) earning in `tokens` live Networks of its kind:
/// each installed with exposure (a commitment, or an allocation that the DAM's holders paid
/// for) and its program funded; and one delegator who deposited. Returns the Networks, the
/// DAM, its Operator and the delegator.
fn dam_earning_in<T: Config>(
	kind: NetworkKind,
	tokens: u32,
) -> (Vec<NetworkId>, DamId, T::AccountId, T::AccountId) {
	dam_of_earning_in::<T>(kind, tokens, None)
}

/// As [`dam_earning_in`], with `delegator` (if given) as the DAM's delegator. Each DAM it
/// creates in one block needs its own `tokens`, or a block of its own.
fn dam_of_earning_in<T: Config>(
	kind: NetworkKind,
	tokens: u32,
	delegator: Option<T::AccountId>,
) -> (Vec<NetworkId>, DamId, T::AccountId, T::AccountId) {
	let unit = amount::<T>();
	let seed = frame_system::Pallet::<T>::block_number().try_into().unwrap_or(0u32);
	let operator: T::AccountId = account("dam-operator", tokens, seed);
	let dam = T::Dams::benchmark_dam(kind, &operator);
	fund::<T>(&operator, unit * 10_000u32.into());
	let delegator: T::AccountId = delegator.unwrap_or_else(|| account("delegator", 0, dam));
	T::Dams::benchmark_deposit(dam, &delegator, unit * 100u32.into());
	let exposure = match kind {
		NetworkKind::Growth => unit,
		_ => unit * 100u32.into(),
	};
	let networks = (0..tokens)
		.map(|_| {
			let network = T::Marketplace::benchmark_network(kind, unit);
			T::Dams::benchmark_install(dam, network, exposure);
			RewardsPallet::<T>::do_fund_rewards(operator.clone(), network, unit * 100u32.into())
				.expect("a funded program");
			network
		})
		.collect();
	(networks, dam, operator, delegator)
}

/// A Collateral DAM earning in `tokens` live Networks.
fn earning_dam<T: Config>(tokens: u32) -> (Vec<NetworkId>, DamId, T::AccountId, T::AccountId) {
	dam_earning_in::<T>(NetworkKind::Collateral, tokens)
}

/// A Growth DAM that allocated to each of `tokens` live Growth Networks, so that their
/// rewards are shared by what each holder paid in.
fn spending_dam<T: Config>(tokens: u32) -> (Vec<NetworkId>, DamId, T::AccountId, T::AccountId) {
	dam_earning_in::<T>(NetworkKind::Growth, tokens)
}

/// A live Growth Network and its manager.
fn growth_network<T: Config>() -> (NetworkId, T::AccountId) {
	let network = T::Marketplace::benchmark_network(NetworkKind::Growth, amount::<T>());
	let manager = T::Marketplace::network(network).expect("the Network exists").manager;
	(network, manager)
}

/// A live Growth Network whose funded program pays a DAM that bought one of its licenses: the
/// Network, the license's item and the Network's manager.
fn licensed_dam<T: Config>() -> (NetworkId, u32, T::AccountId) {
	let unit = amount::<T>();
	let (network, manager) = growth_network::<T>();
	fund::<T>(&manager, unit * 1_000u32.into());
	RewardsPallet::<T>::do_fund_rewards(manager.clone(), network, unit * 100u32.into())
		.expect("a funded program");
	RewardsPallet::<T>::benchmark_license_sale(network);
	let operator: T::AccountId = account("license-operator", network, 0);
	let dam = T::Dams::benchmark_dam(NetworkKind::Growth, &operator);
	fund::<T>(&operator, unit * 10_000u32.into());
	let delegator: T::AccountId = account("license-delegator", dam, 0);
	T::Dams::benchmark_deposit(dam, &delegator, unit * 100u32.into());
	T::Dams::benchmark_install(dam, network, Zero::zero());
	T::Dams::benchmark_buy_license(dam, network);
	(network, 0, manager)
}

/// Moves 100 blocks on, so that every program accrues.
fn advance<T: Config>() {
	let now = frame_system::Pallet::<T>::block_number();
	frame_system::Pallet::<T>::set_block_number(now + 100u32.into());
}

#[benchmarks]
mod benchmarks {
	use super::*;

	// Worst case: the program accrues before the budget grows.
	#[benchmark]
	fn fund_rewards() {
		let (networks, ..) = earning_dam::<T>(1);
		let funder: T::AccountId = whitelisted_caller();
		fund::<T>(&funder, amount::<T>() * 10u32.into());
		advance::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(funder), networks[0], amount::<T>());
	}

	// `n`: the tokens claimed, each earning; `d`: the DAM's other delegators.
	#[benchmark]
	fn claim_rewards(n: Linear<1, 16>, d: Linear<1, 10_000>) {
		let (networks, dam, _, delegator) = earning_dam::<T>(n);
		T::Dams::benchmark_holders(dam, d);
		advance::<T>();
		let list: BoundedVec<NetworkId, T::MaxRewardTokens> =
			networks.clone().try_into().expect("within MaxRewardTokens");
		#[extrinsic_call]
		_(RawOrigin::Signed(delegator.clone()), dam, list);
		let token = Programs::<T>::get(networks[0]).expect("a program").token;
		assert!(!T::SyntheticAssets::balance(token, &delegator).is_zero());
	}

	// `n`: the tokens claimed, each earning on what a Growth DAM spent.
	#[benchmark]
	fn claim_rewards_growth(n: Linear<1, 16>) {
		let (networks, dam, _, delegator) = spending_dam::<T>(n);
		advance::<T>();
		let list: BoundedVec<NetworkId, T::MaxRewardTokens> =
			networks.clone().try_into().expect("within MaxRewardTokens");
		#[block]
		{
			RewardsPallet::<T>::claim_rewards(
				RawOrigin::Signed(delegator.clone()).into(),
				dam,
				list,
			)
			.expect("rewards accrued");
		}
		let token = Programs::<T>::get(networks[0]).expect("a program").token;
		assert!(!T::SyntheticAssets::balance(token, &delegator).is_zero());
		assert!(Contributions::<T>::contains_key((dam, networks[0], &delegator)));
	}

	#[benchmark]
	fn set_claim_permission() {
		let delegator: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		_(RawOrigin::Signed(delegator.clone()), ClaimPermission::PermissionlessClaim);
		assert_eq!(ClaimPermissions::<T>::get(&delegator), ClaimPermission::PermissionlessClaim);
	}

	// `n`: the tokens claimed, each earning, by a service for a delegator who lets anyone
	// claim.
	#[benchmark]
	fn claim_rewards_for(n: Linear<1, 16>) {
		let (networks, dam, _, delegator) = earning_dam::<T>(n);
		ClaimPermissions::<T>::insert(&delegator, ClaimPermission::PermissionlessClaim);
		advance::<T>();
		let list: BoundedVec<NetworkId, T::MaxRewardTokens> =
			networks.clone().try_into().expect("within MaxRewardTokens");
		let service: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		_(RawOrigin::Signed(service.clone()), dam, T::Lookup::unlookup(delegator.clone()), list);
		let token = Programs::<T>::get(networks[0]).expect("a program").token;
		assert!(!T::SyntheticAssets::balance(token.clone(), &delegator).is_zero());
		assert!(T::SyntheticAssets::balance(token, &service).is_zero());
	}

	// `d`: the DAMs claimed from, each a Growth DAM earning in one token on what it spent;
	// `n`: the further tokens the first of them earns in.
	#[benchmark]
	fn claim_all_rewards(d: Linear<1, { T::MaxClaimDams::get() }>, n: Linear<0, 15>) {
		let delegator: T::AccountId = account("claimer", 0, 0);
		let mut dams = Vec::new();
		let mut first = Vec::new();
		for index in 0..d {
			let tokens = if index == 0 { 1 + n } else { 1 };
			let (networks, dam, ..) =
				dam_of_earning_in::<T>(NetworkKind::Growth, tokens, Some(delegator.clone()));
			if index == 0 {
				first = networks;
			}
			dams.push(dam);
			let now = frame_system::Pallet::<T>::block_number();
			frame_system::Pallet::<T>::set_block_number(now + 1u32.into());
		}
		advance::<T>();
		let list: BoundedVec<DamId, T::MaxClaimDams> =
			dams.clone().try_into().expect("within MaxClaimDams");
		#[extrinsic_call]
		_(RawOrigin::Signed(delegator.clone()), list);
		for network in first {
			let token = Programs::<T>::get(network).expect("a program").token;
			assert!(!T::SyntheticAssets::balance(token, &delegator).is_zero());
		}
	}

	#[benchmark]
	fn claim_operator_rewards() {
		let (networks, dam, operator, _) = earning_dam::<T>(1);
		advance::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(operator.clone()), networks[0], dam);
		let token = Programs::<T>::get(networks[0]).expect("a program").token;
		assert!(!T::SyntheticAssets::balance(token, &operator).is_zero());
	}

	#[benchmark]
	fn redeem() {
		let (networks, dam, _, delegator) = earning_dam::<T>(1);
		advance::<T>();
		let claimed =
			RewardsPallet::<T>::do_claim_rewards(delegator.clone(), dam, networks.clone())
				.expect("rewards accrued");
		#[extrinsic_call]
		_(RawOrigin::Signed(delegator.clone()), networks[0], claimed);
		let token = Programs::<T>::get(networks[0]).expect("a program").token;
		assert!(T::SyntheticAssets::balance(token, &delegator).is_zero());
	}

	// What a deposit or withdrawal adds: each of `t` tokens synced and refreshed, and two
	// holders settled in it. A share transfer does less: it refreshes nothing.
	#[benchmark]
	fn share_change(t: Linear<1, 16>) {
		let (_, dam, operator, delegator) = earning_dam::<T>(t);
		advance::<T>();
		let (active, holders) = holders_of::<T>(dam, &delegator, &operator);
		#[block]
		{
			<RewardsPallet<T> as OnSharesChange<T::AccountId>>::on_shares_changed(
				dam,
				active.into(),
				&[(&delegator, holders.0.into()), (&operator, holders.1.into())],
			);
		}
	}

	// As `share_change`, in a Growth DAM that spent on each of the `t` Networks: each holder's
	// contribution is settled too.
	#[benchmark]
	fn share_change_growth(t: Linear<1, 16>) {
		let (networks, dam, operator, delegator) = spending_dam::<T>(t);
		advance::<T>();
		let (active, holders) = holders_of::<T>(dam, &delegator, &operator);
		#[block]
		{
			<RewardsPallet<T> as OnSharesChange<T::AccountId>>::on_shares_changed(
				dam,
				active.into(),
				&[(&delegator, holders.0.into()), (&operator, holders.1.into())],
			);
		}
		assert!(Contributions::<T>::contains_key((dam, networks[0], &operator)));
	}

	// Worst case: the first call, on a Growth DAM that spent on the Network: the installation
	// is synced one last time, each of `n` earning holders is booked, and the last one takes
	// the token off the DAM's list.
	#[benchmark]
	fn retire_token(n: Linear<1, { T::MaxBookings::get() }>) {
		let (networks, dam, _, delegator) = spending_dam::<T>(1);
		let network = networks[0];
		let mut holders = T::Dams::benchmark_holders(dam, n - 1);
		holders.push(delegator);
		let ends_at = Programs::<T>::get(network).expect("a program").ends_at;
		frame_system::Pallet::<T>::set_block_number(ends_at);
		let holders: BoundedVec<T::AccountId, T::MaxBookings> =
			holders.try_into().expect("within MaxBookings");
		let caller: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), dam, network, holders);
		assert!(!TrackedPrograms::<T>::get(dam).contains(&network));
	}

	#[benchmark]
	fn open_license_sale() {
		let (network, manager) = growth_network::<T>();
		fund::<T>(&manager, amount::<T>() * 1_000u32.into());
		#[extrinsic_call]
		_(RawOrigin::Signed(manager), network, amount::<T>(), T::MaxLicenses::get(), true);
		assert!(LicenseSales::<T>::contains_key(network));
	}

	// The program accrues over the whole duration before the budget leaves.
	#[benchmark]
	fn reclaim_budget() {
		let (networks, ..) = earning_dam::<T>(1);
		let network = networks[0];
		let funder: T::AccountId = whitelisted_caller();
		fund::<T>(&funder, amount::<T>() * 10u32.into());
		RewardsPallet::<T>::do_fund_rewards(funder, network, amount::<T>())
			.expect("a running program");
		let manager = T::Marketplace::network(network).expect("a live Network").manager;
		let ends_at = Programs::<T>::get(network).expect("a program").ends_at;
		frame_system::Pallet::<T>::set_block_number(ends_at);
		#[extrinsic_call]
		_(RawOrigin::Signed(manager), network);
		assert!(Programs::<T>::get(network).expect("a program").budget.is_zero());
	}

	// The installation is synced at the old score and refreshed at the new one.
	#[benchmark]
	fn report_license_performance() {
		let (network, item, manager) = licensed_dam::<T>();
		advance::<T>();
		let score = polkadot_sdk::sp_runtime::Permill::from_percent(50);
		#[extrinsic_call]
		_(RawOrigin::Signed(manager), network, item, score);
		assert_eq!(Licenses::<T>::get(network, item).map(|l| l.performance), Some(score));
	}

	// Worst case: the Network has every program but one, so the new one takes the last slot.
	#[benchmark]
	fn add_incentive_program() {
		let (network, manager) = growth_network::<T>();
		let asset = T::Marketplace::benchmark_asset();
		let rates = Rates {
			delegator_rate: polkadot_sdk::sp_runtime::FixedU128::from_rational(1, 100),
			operator_rate: amount::<T>(),
		};
		for _ in 2..T::MaxProgramsPerNetwork::get() {
			RewardsPallet::<T>::do_add_incentive_program(
				manager.clone(),
				network,
				asset.clone(),
				rates.clone(),
			)
			.expect("room for a program");
		}
		#[extrinsic_call]
		_(RawOrigin::Signed(manager), network, asset, rates);
		assert_eq!(
			NetworkPrograms::<T>::decode_len(network),
			Some(T::MaxProgramsPerNetwork::get() as usize)
		);
	}

	// Worst case: a Growth DAM that spent on the Network joins, and shares the new program by
	// what its holders paid in.
	#[benchmark]
	fn join_program() {
		let (networks, dam, ..) = spending_dam::<T>(1);
		let network = networks[0];
		let manager = T::Marketplace::network(network).expect("a live Network").manager;
		let program = RewardsPallet::<T>::do_add_incentive_program(
			manager,
			network,
			T::Marketplace::benchmark_asset(),
			Rates {
				delegator_rate: polkadot_sdk::sp_runtime::FixedU128::from_rational(1, 100),
				operator_rate: amount::<T>(),
			},
		)
		.expect("room for a program");
		advance::<T>();
		let caller: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), program, dam);
		assert!(TrackedPrograms::<T>::get(dam).contains(&program));
		assert!(RewardsPallet::<T>::spending(dam, program).is_some());
	}

	impl_benchmark_test_suite!(
		RewardsPallet,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}
