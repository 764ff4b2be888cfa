//! Benchmarks of the DAM pallet's calls, each in its worst case. None depends on the number of
//! delegators: the share ledger is a map, never iterated.

use super::*;
use alloc::{vec, vec::Vec};
use frame_support::traits::{fungible::Mutate as _, fungibles::Mutate as _, EnsureOrigin, Get};
use frame_system::RawOrigin;
use nektar_primitives::{DamProvider, LicenseSeller, MarketplaceInspect, VaultsInterface};
use polkadot_sdk::sp_runtime::traits::StaticLookup;
use polkadot_sdk::{
	frame_benchmarking::v2::*,
	sp_runtime::{
		traits::{Bounded, Saturating, Zero},
		FixedU128, Perbill,
	},
};

fn big<T: Config>() -> BalanceOf<T> {
	BalanceOf::<T>::max_value() / 1_000_000u32.into()
}

/// An account holding plenty of the native token and of the benchmark asset.
fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	T::Currency::set_balance(&who, big::<T>());
	T::Assets::mint_into(T::Marketplace::benchmark_asset(), &who, big::<T>())
		.expect("asset exists");
	who
}

fn text<T: Config>() -> Vec<u8> {
	vec![b'd'; T::StringLimit::get() as usize]
}

fn unit<T: Config>() -> BalanceOf<T> {
	1_000_000u32.into()
}

/// A live Network of `kind` whose minimum allocation is what one benchmark delegator deposits.
fn live_network<T: Config>(kind: NetworkKind) -> NetworkId {
	T::Marketplace::benchmark_network(kind, unit::<T>() * 1_000_000u32.into())
}

/// The terms of a DAM of `kind` taking the benchmark asset, run by its manager as its
/// independent Operator, with `fee`; its fee and roles may change later only if `mutable`.
fn config<T: Config>(kind: NetworkKind, fee: Perbill, mutable: bool) -> DamConfigOf<T> {
	DamConfig {
		kind,
		deposit_asset: T::Marketplace::benchmark_asset(),
		fee,
		fee_mutable: mutable,
		gatekeeper: None,
		gatekeeper_mutable: mutable,
		catalyst: None,
		catalyst_mutable: mutable,
		receipt_transferable: true,
		allow_list: false,
		independent_operator: true,
	}
}

/// A DAM of `kind` whose manager runs it as its independent Operator, with a 5% fee.
fn dam<T: Config>(kind: NetworkKind) -> (T::AccountId, DamId) {
	let manager = funded::<T>("manager", 0);
	T::Marketplace::benchmark_operator(&manager);
	let id = NextDamId::<T>::get();
	let config = config::<T>(kind, Perbill::from_percent(5), true);
	let metadata = Pallet::<T>::bound_metadata(
		text::<T>(),
		text::<T>(),
		text::<T>(),
		text::<T>(),
		text::<T>(),
	)
	.expect("metadata within StringLimit");
	Pallet::<T>::do_create_dam(manager.clone(), config, metadata).expect("valid DAM");
	(manager, id)
}

/// A delegator with a deposit in `dam`, large enough to open the DAM's account whatever the
/// asset's existential deposit.
fn delegator<T: Config>(dam: DamId, index: u32) -> T::AccountId {
	let who = funded::<T>("delegator", index);
	Pallet::<T>::do_deposit(who.clone(), dam, unit::<T>() * 1_000_000u32.into(), Perbill::one())
		.expect("valid deposit");
	who
}

/// Installs `count` live Networks into `dam`, run by its manager; the last one confirmed.
fn installations<T: Config>(
	manager: &T::AccountId,
	dam: DamId,
	kind: NetworkKind,
	count: u32,
) -> Vec<NetworkId> {
	(0..count)
		.map(|_| {
			let network = live_network::<T>(kind);
			Pallet::<T>::do_request_installation(manager.clone(), dam, network, manager.clone())
				.expect("valid request");
			T::Marketplace::benchmark_confirm(network, dam);
			network
		})
		.collect()
}

/// Opens `count` penalties on the Collateral DAM `dam`, each for its own Network, and returns
/// their dispute vaults and amounts.
fn open_penalties<T: Config>(dam: DamId, count: u32) -> Vec<(VaultId, BalanceOf<T>)> {
	let until = frame_system::Pallet::<T>::block_number() + 1_000u32.into();
	(0..count)
		.map(|network| {
			let amount = unit::<T>();
			let vault = <Pallet<T> as DamProvider>::slash(dam, 1_000 + network, amount, until)
				.expect("idle assets cover the penalty");
			(vault, amount)
		})
		.collect()
}

/// Vetoes the penalties held in `vaults`: their assets come back to `dam`.
fn veto<T: Config>(dam: DamId, vaults: Vec<(VaultId, BalanceOf<T>)>) {
	for (vault, _) in vaults {
		let amount = T::Vaults::open_dispute_vault(vault, &Pallet::<T>::dam_account(dam))
			.expect("an open dispute vault");
		<Pallet<T> as DamProvider>::restore(dam, vault, amount).expect("an open penalty");
	}
}

/// Queues `count` withdrawals of `who`, together a quarter of its shares, and lets them
/// mature: large enough that the claimer's part of every open penalty is not zero.
fn matured_withdrawals<T: Config>(who: &T::AccountId, dam: DamId, count: u32) {
	let each =
		SharesOf::<T>::from(Shares::<T>::get(dam, who).0 / 4u32.into() / count.max(1).into());
	for _ in 0..count {
		Pallet::<T>::do_request_withdrawal(who.clone(), dam, each).expect("held shares");
	}
	let later =
		frame_system::Pallet::<T>::block_number() + T::Marketplace::params().withdrawal_delay;
	frame_system::Pallet::<T>::set_block_number(later);
}

/// A Liquidity DAM with a delegator and something lent: deposits and withdrawals then read
/// the ends of its loans to look for an overdue one (one read, however many loans).
fn lending_dam<T: Config>() -> DamId {
	let (_, id) = dam::<T>(NetworkKind::Liquidity);
	delegator::<T>(id, 0);
	Dams::<T>::mutate(id, |maybe| {
		if let Some(dam) = maybe {
			dam.lent = 1u32.into();
		}
	});
	id
}

/// Gives the DAM a recovery pool, so that every share change also settles compensation: the
/// worst case of deposits, withdrawals and transfers.
fn with_recovery<T: Config>(dam: DamId) {
	Dams::<T>::mutate(dam, |maybe| {
		if let Some(dam) = maybe {
			dam.recovery_per_share = FixedU128::from_rational(1, 1_000_000);
		}
	});
}

/// `count` more holders of `dam`, written straight into the share ledger at the current
/// exchange rate with the assets behind them: a DAM with many delegators, as a call that must
/// not depend on them sees it.
pub(crate) fn holders<T: Config>(dam: DamId, count: u32) -> Vec<T::AccountId> {
	let each = unit::<T>();
	let holders: Vec<T::AccountId> =
		(0..count).map(|index| account::<T::AccountId>("holder", index, dam)).collect();
	for holder in &holders {
		Shares::<T>::insert(dam, holder, SharesOf::<T>::from(each));
	}
	let Some(mut info) = Dams::<T>::get(dam) else { return holders };
	let added = each.saturating_mul(count.into());
	let added = SharesOf::<T>::from(added);
	let value = shares::assets_for::<T>(&info, added).unwrap_or_default();
	info.total_shares.saturating_accrue(added);
	info.idle.saturating_accrue(value.0);
	// The assets behind the new shares, so that the DAM's books still hold.
	T::Assets::mint_into(info.deposit_asset.clone(), &Pallet::<T>::dam_account(dam), value.0)
		.expect("the DAM's asset exists");
	Dams::<T>::insert(dam, info);
	holders
}

/// A DAM of `kind` taking the benchmark asset, with no fee and fixed roles, run by `operator`
/// as its manager and independent Operator: what other pallets' benchmarks build on.
pub(crate) fn independent_dam<T: Config>(kind: NetworkKind, operator: &T::AccountId) -> DamId {
	T::Marketplace::benchmark_operator(operator);
	T::Currency::mint_into(operator, big::<T>()).expect("the native token can be minted");
	let id = NextDamId::<T>::get();
	let config = config::<T>(kind, Perbill::zero(), false);
	let metadata =
		Pallet::<T>::bound_metadata(b"dam".to_vec(), b"deN".to_vec(), vec![], vec![], vec![])
			.expect("metadata within StringLimit");
	Pallet::<T>::do_create_dam(operator.clone(), config, metadata).expect("a valid DAM");
	id
}

/// Funds `who` with the DAM's asset and deposits `amount` for it.
pub(crate) fn deposit<T: Config>(dam: DamId, who: &T::AccountId, amount: BalanceOf<T>) {
	let asset = Pallet::<T>::dam(dam).expect("the DAM exists").deposit_asset;
	T::Assets::mint_into(asset, who, amount.saturating_mul(2u32.into())).expect("asset exists");
	Pallet::<T>::do_deposit(who.clone(), dam, amount, Perbill::one()).expect("a funded deposit");
}

/// Installs `network` into `dam` as its manager, has the Network confirm it, and commits or
/// allocates `exposure` unless it is zero.
pub(crate) fn install<T: Config>(dam: DamId, network: NetworkId, exposure: BalanceOf<T>) {
	let info = Pallet::<T>::dam(dam).expect("the DAM exists");
	let manager = info.manager;
	Pallet::<T>::do_request_installation(manager.clone(), dam, network, manager.clone())
		.expect("a valid request");
	T::Marketplace::benchmark_confirm(network, dam);
	if exposure.is_zero() {
		return;
	}
	match info.kind {
		NetworkKind::Collateral => {
			Pallet::<T>::do_commit(manager, dam, network, exposure).expect("a valid commitment")
		}
		_ => Pallet::<T>::do_allocate(manager, dam, network, exposure)
			.map(|_| ())
			.expect("a valid allocation"),
	}
}

/// Buys a license of `network` for `dam`, run by its manager.
pub(crate) fn buy_license<T: Config>(dam: DamId, network: NetworkId) {
	let manager = Pallet::<T>::dam(dam).expect("the DAM exists").manager;
	Pallet::<T>::do_buy_license(manager.clone(), dam, network, manager)
		.expect("a license for sale");
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn create_dam() {
		let manager = funded::<T>("manager", 0);
		T::Marketplace::benchmark_operator(&manager);
		let config = config::<T>(NetworkKind::Collateral, Perbill::from_percent(5), true);
		#[extrinsic_call]
		_(
			RawOrigin::Signed(manager),
			config,
			text::<T>(),
			text::<T>(),
			text::<T>(),
			text::<T>(),
			text::<T>(),
		);
		assert!(Pallet::<T>::dam(0).is_ok());
	}

	// Worst case: an increase, which waits `fee_increase_delay`.
	#[benchmark]
	fn set_fee() {
		let (manager, id) = dam::<T>(NetworkKind::Growth);
		let fee = T::Marketplace::params().max_dam_fee;
		#[extrinsic_call]
		_(RawOrigin::Signed(manager), id, fee);
		assert_eq!(Pallet::<T>::dam(id).map(|d| d.pending_fee.map(|(f, _)| f)), Ok(Some(fee)));
	}

	#[benchmark]
	fn set_gatekeeper() {
		let (manager, id) = dam::<T>(NetworkKind::Growth);
		let gatekeeper: T::AccountId = account("gatekeeper", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(manager), id, T::Lookup::unlookup(gatekeeper.clone()));
		assert_eq!(Pallet::<T>::dam(id).map(|d| d.gatekeeper), Ok(gatekeeper));
	}

	#[benchmark]
	fn set_catalyst() {
		let (manager, id) = dam::<T>(NetworkKind::Growth);
		let catalyst: T::AccountId = account("catalyst", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(manager), id, T::Lookup::unlookup(catalyst.clone()));
		assert_eq!(Pallet::<T>::dam(id).map(|d| d.catalyst), Ok(catalyst));
	}

	#[benchmark]
	fn invite_operator() {
		let (manager, id) = dam::<T>(NetworkKind::Collateral);
		let operator = funded::<T>("operator", 0);
		T::Marketplace::benchmark_operator(&operator);
		#[extrinsic_call]
		_(RawOrigin::Signed(manager), id, T::Lookup::unlookup(operator.clone()));
		assert!(Invitations::<T>::contains_key(id, operator));
	}

	#[benchmark]
	fn accept_invite() {
		let (manager, id) = dam::<T>(NetworkKind::Collateral);
		let operator = funded::<T>("operator", 0);
		T::Marketplace::benchmark_operator(&operator);
		Pallet::<T>::do_invite_operator(manager, id, operator.clone())
			.expect("registered operator");
		#[extrinsic_call]
		_(RawOrigin::Signed(operator.clone()), id);
		assert!(DamOperators::<T>::contains_key(id, operator));
	}

	// Worst case: the DAM has every installation it may have, none run by this Operator.
	#[benchmark]
	fn remove_operator() {
		let (manager, id) = dam::<T>(NetworkKind::Collateral);
		installations::<T>(&manager, id, NetworkKind::Collateral, T::MaxInstallationsPerDam::get());
		let operator = funded::<T>("operator", 0);
		T::Marketplace::benchmark_operator(&operator);
		Pallet::<T>::do_invite_operator(manager.clone(), id, operator.clone())
			.expect("registered operator");
		Pallet::<T>::do_accept_invite(operator.clone(), id).expect("invited operator");
		#[extrinsic_call]
		_(RawOrigin::Signed(manager), id, T::Lookup::unlookup(operator.clone()));
		assert!(!DamOperators::<T>::contains_key(id, operator));
	}

	// No path reads another delegator: the weight does not grow with them.
	#[benchmark]
	fn deposit() {
		let id = lending_dam::<T>();
		holders::<T>(id, 1);
		let who = funded::<T>("delegator", 1);
		with_recovery::<T>(id);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), id, unit::<T>(), Perbill::one(), 0);
		assert!(!Shares::<T>::get(id, who).is_zero());
	}

	#[benchmark]
	fn withdraw() {
		let id = lending_dam::<T>();
		holders::<T>(id, 1);
		let who = delegator::<T>(id, 1);
		let shares = Shares::<T>::get(id, &who);
		with_recovery::<T>(id);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), id, shares.0, 0);
		assert!(Shares::<T>::get(id, who).is_zero());
	}

	// Worst case: the queue is one short of full.
	#[benchmark]
	fn request_withdrawal() {
		let (_, id) = dam::<T>(NetworkKind::Collateral);
		let who = delegator::<T>(id, 0);
		for _ in 1..T::MaxPendingWithdrawals::get() {
			Pallet::<T>::do_request_withdrawal(
				who.clone(),
				id,
				SharesOf::<T>::from(BalanceOf::<T>::from(1_000u32)),
			)
			.expect("held shares");
		}
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), id, 1_000u32.into(), 0);
		assert_eq!(
			PendingWithdrawals::<T>::get(id, who).len() as u32,
			T::MaxPendingWithdrawals::get()
		);
	}

	// Worst case: a full queue, all matured, claimed while the most penalties a DAM can have
	// are open, by a claimer owed its part of as many vetoed ones.
	#[benchmark]
	fn claim_withdrawal() {
		let (_, id) = dam::<T>(NetworkKind::Collateral);
		let who = delegator::<T>(id, 0);
		delegator::<T>(id, 1);
		let most = T::MaxInstallationsPerDam::get();
		matured_withdrawals::<T>(&who, id, 1);
		let vetoed = open_penalties::<T>(id, most);
		Pallet::<T>::do_claim_withdrawal(who.clone(), id).expect("a matured withdrawal");
		veto::<T>(id, vetoed);
		matured_withdrawals::<T>(&who, id, T::MaxPendingWithdrawals::get());
		open_penalties::<T>(id, most);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), id, 0);
		assert!(PendingWithdrawals::<T>::get(id, &who).is_empty());
		assert_eq!(Compensation::<T>::get(id, &who).len() as u32, most);
	}

	// Worst case: owed from the most vetoed penalties a DAM can have had open at once.
	#[benchmark]
	fn claim_compensation() {
		let (_, id) = dam::<T>(NetworkKind::Collateral);
		let who = delegator::<T>(id, 0);
		delegator::<T>(id, 1);
		matured_withdrawals::<T>(&who, id, 1);
		let vetoed = open_penalties::<T>(id, T::MaxInstallationsPerDam::get());
		Pallet::<T>::do_claim_withdrawal(who.clone(), id).expect("a matured withdrawal");
		veto::<T>(id, vetoed);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), id);
		assert!(Compensation::<T>::get(id, &who).is_empty());
	}

	// Worst case: donations in both the DAM's asset and the native token.
	#[benchmark]
	fn sweep_unbooked() -> Result<(), BenchmarkError> {
		let (_, id) = dam::<T>(NetworkKind::Collateral);
		delegator::<T>(id, 0);
		let account = Pallet::<T>::dam_account(id);
		T::Assets::mint_into(T::Marketplace::benchmark_asset(), &account, unit::<T>())
			.expect("asset exists");
		T::Currency::mint_into(&account, unit::<T>()).expect("native mints");
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id);
		assert!(Pallet::<T>::dam(id).is_ok_and(|d| d.dust.is_zero()));
		Ok(())
	}

	#[benchmark]
	fn transfer_shares() {
		let (_, id) = dam::<T>(NetworkKind::Growth);
		let who = delegator::<T>(id, 0);
		let to: T::AccountId = account("receiver", 0, 0);
		with_recovery::<T>(id);
		#[extrinsic_call]
		_(RawOrigin::Signed(who), id, T::Lookup::unlookup(to.clone()), 1_000u32.into(), 0);
		assert_eq!(Shares::<T>::get(id, to).0, 1_000u32.into());
	}

	// Worst case: the DAM's list is one short of full.
	#[benchmark]
	fn request_installation() {
		let (manager, id) = dam::<T>(NetworkKind::Collateral);
		installations::<T>(
			&manager,
			id,
			NetworkKind::Collateral,
			T::MaxInstallationsPerDam::get() - 1,
		);
		let network = live_network::<T>(NetworkKind::Collateral);
		#[extrinsic_call]
		_(RawOrigin::Signed(manager.clone()), id, network, T::Lookup::unlookup(manager.clone()));
		assert_eq!(DamInstallations::<T>::get(id).len() as u32, T::MaxInstallationsPerDam::get());
	}

	// Worst case: a Collateral installation with a commitment to drop, its Network over.
	#[benchmark]
	fn uninstall() {
		let (manager, id) = dam::<T>(NetworkKind::Collateral);
		let network = installations::<T>(&manager, id, NetworkKind::Collateral, 1)[0];
		delegator::<T>(id, 0);
		let view = T::Marketplace::network(network).expect("live network");
		Pallet::<T>::do_commit(manager.clone(), id, network, view.min_allocation)
			.expect("active installation");
		frame_system::Pallet::<T>::set_block_number(view.ends_at().expect("live"));
		#[extrinsic_call]
		_(RawOrigin::Signed(manager), id, network);
		assert!(DamInstallations::<T>::get(id).is_empty());
	}

	// Worst case: a decrease, which holds the former commitment for `commitment_delay`.
	#[benchmark]
	fn commit() {
		let (manager, id) = dam::<T>(NetworkKind::Collateral);
		let network = installations::<T>(&manager, id, NetworkKind::Collateral, 1)[0];
		let amount = T::Marketplace::network(network).expect("live network").min_allocation;
		Pallet::<T>::do_commit(manager.clone(), id, network, amount).expect("active installation");
		#[extrinsic_call]
		_(RawOrigin::Signed(manager), id, network, Zero::zero());
		let installation = T::Marketplace::installation(network, id);
		assert_eq!(installation.map(|i| i.slashable_exposure), Some(amount));
	}

	#[benchmark]
	fn set_allow_list() {
		let (manager, id) = dam::<T>(NetworkKind::Growth);
		#[extrinsic_call]
		_(RawOrigin::Signed(manager), id, true);
		assert_eq!(Pallet::<T>::dam(id).map(|d| d.allow_list), Ok(true));
	}

	#[benchmark]
	fn allow_delegator() {
		let (manager, id) = dam::<T>(NetworkKind::Growth);
		let who: T::AccountId = account("delegator", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(manager), id, T::Lookup::unlookup(who.clone()));
		assert!(AllowList::<T>::contains_key(id, who));
	}

	#[benchmark]
	fn disallow_delegator() {
		let (manager, id) = dam::<T>(NetworkKind::Growth);
		let who: T::AccountId = account("delegator", 0, 0);
		Pallet::<T>::do_set_allowed(manager.clone(), id, who.clone(), true).expect("gatekeeper");
		#[extrinsic_call]
		_(RawOrigin::Signed(manager), id, T::Lookup::unlookup(who.clone()));
		assert!(!AllowList::<T>::contains_key(id, who));
	}

	// Worst case: a Liquidity allocation, which also records the Network's locked debt.
	#[benchmark]
	fn allocate() {
		let (manager, id) = dam::<T>(NetworkKind::Liquidity);
		let network = installations::<T>(&manager, id, NetworkKind::Liquidity, 1)[0];
		let who = funded::<T>("delegator", 0);
		Pallet::<T>::do_deposit(who, id, big::<T>() / 1_000u32.into(), Perbill::one())
			.expect("valid deposit");
		let amount = T::Marketplace::network(network).expect("live").min_allocation;
		#[extrinsic_call]
		_(RawOrigin::Signed(manager), id, network, amount);
		assert_eq!(Dams::<T>::get(id).expect("exists").lent, amount);
	}

	#[benchmark]
	fn claim_recovery() {
		let (_, id) = dam::<T>(NetworkKind::Liquidity);
		let who = delegator::<T>(id, 0);
		let lost = unit::<T>();
		let compensation = unit::<T>();
		Dams::<T>::mutate(id, |maybe| {
			if let Some(dam) = maybe {
				dam.idle.saturating_reduce(lost);
				dam.lent.saturating_accrue(lost);
			}
		});
		T::Currency::mint_into(&Pallet::<T>::dam_account(id), compensation).expect("mintable");
		<Pallet<T> as DamProvider>::on_loan_written_off(id, lost, compensation)
			.expect("lent covers the loss");
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), id);
		assert!(Recovery::<T>::get(id, who).is_some_and(|r| r.owed.is_zero()));
	}

	#[benchmark]
	fn buy_license() {
		let (manager, id) = dam::<T>(NetworkKind::Growth);
		let network = installations::<T>(&manager, id, NetworkKind::Growth, 1)[0];
		T::LicenseSeller::benchmark_license_sale(network);
		delegator::<T>(id, 0);
		delegator::<T>(id, 1);
		#[extrinsic_call]
		_(RawOrigin::Signed(manager.clone()), id, network, T::Lookup::unlookup(manager.clone()));
		assert!(Dams::<T>::get(id).expect("the DAM exists").closed);
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}
