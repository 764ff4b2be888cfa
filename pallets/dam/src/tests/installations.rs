//! Installations: requests, commitments and leaving a Network.

use super::*;
use frame_support::{assert_noop, assert_ok};
use nektar_primitives::{InstallationStatus, NativeOrWithId};
use polkadot_sdk::sp_runtime::DispatchResult;

fn request(dam: DamId, network: NetworkId, operator: AccountId) -> DispatchResult {
	Dam::request_installation(RuntimeOrigin::signed(MANAGER), dam, network, operator)
}

fn uninstall(dam: DamId, network: NetworkId) -> DispatchResult {
	Dam::uninstall(RuntimeOrigin::signed(MANAGER), dam, network)
}

fn commit(dam: DamId, network: NetworkId, amount: Balance) -> DispatchResult {
	Dam::commit(RuntimeOrigin::signed(MANAGER), dam, network, amount)
}

#[test]
fn a_request_lists_the_network_and_asks_the_marketplace_which_may_refuse() {
	ExtBuilder::default().build_and_execute(|| {
		let id = create(config(NetworkKind::Collateral));
		let network = live_network(NetworkKind::Collateral);
		assert_ok!(request(id, network, MANAGER));
		assert_eq!(
			events().last(),
			Some(&Event::InstallationRequested { dam: id, network, operator: MANAGER })
		);
		assert_eq!(DamInstallations::<Test>::get(id).into_inner(), vec![network]);
		let installation = MockMarketplace::installation(network, id).expect("requested");
		assert_eq!(
			(installation.status, installation.operator),
			(InstallationStatus::Requested, MANAGER)
		);
		assert_eq!(DamTokens::get(id), vec![network], "the listener tracks its reward token");
		assert_ok!(MockMarketplace::confirm(network, id));
		assert_eq!(<Dam as DamProvider>::exposure(network, id), 0);

		// Bad requests change nothing.
		let network = live_network(NetworkKind::Collateral);
		assert_noop!(
			Dam::request_installation(RuntimeOrigin::signed(BOB), id, network, MANAGER),
			Error::<Test>::NotCatalyst
		);
		assert_noop!(request(7, network, MANAGER), Error::<Test>::DamNotFound);
		assert_noop!(request(id, network, AFFILIATE), Error::<Test>::NotAssigned);
		// The marketplace's refusals leave the DAM's list as it was.
		let liquidity = live_network(NetworkKind::Liquidity);
		assert_noop!(request(id, liquidity, MANAGER), market_error::KIND_MISMATCH);
		let native = live_network(NetworkKind::Collateral);
		MockMarketplace::mutate_network(native, |n| n.deposit_asset = NativeOrWithId::Native);
		assert_noop!(request(id, native, MANAGER), market_error::DEPOSIT_ASSET_MISMATCH);
		assert_noop!(request(id, 99, MANAGER), market_error::NETWORK_NOT_FOUND);
		assert_ok!(request(id, network, MANAGER));
		assert_noop!(request(id, network, MANAGER), market_error::INSTALLATION_EXISTS);
		let over = live_network(NetworkKind::Collateral);
		MockMarketplace::mutate_network(over, |n| n.duration = 1);
		run_to_block(2);
		assert_noop!(request(id, over, MANAGER), market_error::NETWORK_NOT_LIVE);
		// `MaxInstallationsPerDam` is 4.
		for _ in 2..4 {
			assert_ok!(request(id, live_network(NetworkKind::Collateral), MANAGER));
		}
		let fifth = live_network(NetworkKind::Collateral);
		assert_noop!(request(id, fifth, MANAGER), Error::<Test>::TooManyInstallations);
	});
}

#[test]
fn an_installation_goes_when_withdrawn_refused_or_evicted() {
	ExtBuilder::default().build_and_execute(|| {
		let id = create(config(NetworkKind::Liquidity));
		let requested = live_network(NetworkKind::Liquidity);
		let active = live_network(NetworkKind::Liquidity);
		assert_ok!(request(id, requested, MANAGER));
		install(id, active);
		assert_noop!(
			Dam::uninstall(RuntimeOrigin::signed(BOB), id, active),
			Error::<Test>::NotCatalyst
		);
		assert_noop!(uninstall(id, 99), Error::<Test>::NotInstalled);

		assert_ok!(uninstall(id, requested));
		assert_eq!(events().last(), Some(&Event::Uninstalled { dam: id, network: requested }));
		assert!(MockMarketplace::installation(requested, id).is_none());
		assert_ok!(uninstall(id, active));
		assert!(MockMarketplace::installation(active, id).is_none());
		assert!(DamInstallations::<Test>::get(id).is_empty());
		assert!(DamTokens::get(id).is_empty());

		// The marketplace drops an installation: refused, or evicted unless a penalty is open.
		let id = create(config(NetworkKind::Collateral));
		let refused = live_network(NetworkKind::Collateral);
		assert_ok!(request(id, refused, MANAGER));
		assert_ok!(MockMarketplace::refuse(refused, id));
		assert_eq!(events().last(), Some(&Event::Uninstalled { dam: id, network: refused }));
		assert!(DamInstallations::<Test>::get(id).is_empty());

		let network = live_network(NetworkKind::Collateral);
		install(id, network);
		deposit(ALICE, id, 1_000);
		let vault = slash(id, network, 100);
		assert_noop!(MockMarketplace::evict(network, id), Error::<Test>::PenaltyOpen);
		assert_ok!(<Dam as DamProvider>::penalty_executed(id, vault));
		assert_ok!(MockMarketplace::evict(network, id));
		assert_eq!(events().last(), Some(&Event::Uninstalled { dam: id, network }));
		assert!(DamInstallations::<Test>::get(id).is_empty());
	});
}

#[test]
fn a_commitment_sets_the_exposure_and_earns_on_the_active_stake_at_most() {
	ExtBuilder::default().build_and_execute(|| {
		let (id, network) = installed(NetworkKind::Collateral);
		let second = live_network(NetworkKind::Collateral);
		install(id, second);
		deposit(ALICE, id, 1_000);
		assert_ok!(commit(id, network, 800));
		assert_eq!(events().last(), Some(&Event::Committed { dam: id, network, amount: 800 }));
		// The same stake backs both Networks; each earns on min(commitment, active stake).
		assert_ok!(commit(id, second, 5_000));
		assert_eq!((exposure(network, id), exposure(second, id)), (800, 5_000));
		assert_eq!(<Dam as DamProvider>::exposure(network, id), 800);
		assert_eq!(<Dam as DamProvider>::exposure(second, id), 1_000);
		assert_eq!(<Dam as DamProvider>::slashable_exposure(second, id), 1_000);

		// A lower commitment earns less at once, but stays slashable at its former value for
		// `commitment_delay` (5 blocks).
		assert_ok!(commit(id, network, 300));
		assert_eq!(<Dam as DamProvider>::exposure(network, id), 300);
		assert_eq!(<Dam as DamProvider>::slashable_exposure(network, id), 800);
		run_to_block(6);
		assert_eq!(<Dam as DamProvider>::slashable_exposure(network, id), 300);

		let growth = create(config(NetworkKind::Growth));
		assert_noop!(commit(growth, network, 100), Error::<Test>::NotCollateral);
		assert_noop!(commit(id, 99, 100), Error::<Test>::NotInstalled);
		assert_noop!(
			Dam::commit(RuntimeOrigin::signed(BOB), id, network, 100),
			Error::<Test>::NotCatalyst
		);
		assert_noop!(commit(id, network, 50), market_error::EXPOSURE_BELOW_MINIMUM);
		assert_noop!(commit(id, network, 1_000_001), market_error::EXPOSURE_ABOVE_MAXIMUM);
	});
}

#[test]
fn a_collateral_dam_leaves_a_live_network_in_two_steps() {
	ExtBuilder::default().build_and_execute(|| {
		let (id, network) = installed(NetworkKind::Collateral);
		deposit(ALICE, id, 1_000);
		assert_ok!(commit(id, network, 500));
		assert_noop!(uninstall(id, network), Error::<Test>::CommitmentStillSlashable);
		assert_ok!(commit(id, network, 0));
		run_to_block(5);
		assert_noop!(uninstall(id, network), Error::<Test>::CommitmentStillSlashable);
		// Nor may it leave while the Network has a penalty open on it.
		run_to_block(6);
		let vault = slash(id, network, 100);
		assert_noop!(uninstall(id, network), Error::<Test>::PenaltyOpen);
		veto(id, vault);
		assert_ok!(uninstall(id, network));
		assert!(MockMarketplace::installation(network, id).is_none());
	});
}

#[test]
fn once_a_network_is_over_the_dam_leaves_with_what_it_still_holds() {
	ExtBuilder::default().build_and_execute(|| {
		let (collateral, committed) = installed(NetworkKind::Collateral);
		let (growth, sold) = installed(NetworkKind::Growth);
		let (liquidity, lent) = installed(NetworkKind::Liquidity);
		for id in [collateral, growth, liquidity] {
			deposit(ALICE, id, 1_000);
		}
		assert_ok!(commit(collateral, committed, 500));
		assert_ok!(Dam::allocate(RuntimeOrigin::signed(MANAGER), growth, sold, 300));
		assert_ok!(Dam::allocate(RuntimeOrigin::signed(MANAGER), liquidity, lent, 300));
		// A spent Growth allocation ties the DAM to a live Network; a loan, to any.
		assert_noop!(uninstall(growth, sold), Error::<Test>::AllocationOutstanding);
		assert_noop!(uninstall(liquidity, lent), Error::<Test>::AllocationOutstanding);

		// The Networks run to block 1,001.
		run_to_block(1_001);
		assert_ok!(uninstall(collateral, committed));
		assert_ok!(uninstall(growth, sold));
		assert!(MockMarketplace::installation(committed, collateral).is_none());
		assert!(MockMarketplace::installation(sold, growth).is_none());
		assert_eq!(MockMarketplace::network(sold).map(|n| n.total_exposure), Some(0));
		assert_noop!(uninstall(liquidity, lent), Error::<Test>::AllocationOutstanding);
		// Once the loan is back, the Liquidity DAM leaves too.
		assert_ok!(MockVaults::release(1));
		assert_eq!((dam(liquidity).idle, dam(liquidity).lent), (1_000, 0));
		assert_ok!(uninstall(liquidity, lent));
	});
}
