//! Installing Networks into DAMs, from the DAM's side.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok};
use nektar_primitives::InstallationStatus;
use pallet_dam::*;

#[test]
fn the_catalyst_requests_and_the_network_confirms() {
	ExtBuilder::default().build_and_execute(|| {
		let id = create(config(NetworkKind::Liquidity));
		let network = live_network(NetworkKind::Liquidity, 10_000);
		assert_noop!(
			Dam::request_installation(RuntimeOrigin::signed(BOB), id, network, MANAGER),
			Error::<Test>::NotCatalyst
		);
		assert_noop!(
			Dam::request_installation(RuntimeOrigin::signed(MANAGER), id, network, AFFILIATE),
			Error::<Test>::NotAssigned
		);
		assert_ok!(Dam::request_installation(RuntimeOrigin::signed(MANAGER), id, network, MANAGER));
		assert_eq!(DamInstallations::<Test>::get(id).to_vec(), vec![network]);
		assert_eq!(
			events().last(),
			Some(&Event::InstallationRequested { dam: id, network, operator: MANAGER })
		);
		assert_ok!(Marketplace::confirm_installation(
			RuntimeOrigin::signed(NET_MANAGER),
			network,
			id,
			None
		));
		assert_eq!(
			pallet_marketplace::Installations::<Test>::get(network, id).unwrap().status,
			InstallationStatus::Active
		);
	});
}

#[test]
fn kinds_must_match() {
	ExtBuilder::default().build_and_execute(|| {
		let id = create(config(NetworkKind::Growth));
		let network = live_network(NetworkKind::Collateral, 10_000);
		assert_noop!(
			Dam::request_installation(RuntimeOrigin::signed(MANAGER), id, network, MANAGER),
			pallet_marketplace::Error::<Test>::KindMismatch
		);
	});
}

#[test]
fn a_dam_has_at_most_max_installations() {
	ExtBuilder::default().build_and_execute(|| {
		let id = create(config(NetworkKind::Collateral));
		for _ in 0..4 {
			let network = live_network(NetworkKind::Collateral, 10_000);
			assert_ok!(Dam::request_installation(
				RuntimeOrigin::signed(MANAGER),
				id,
				network,
				MANAGER
			));
		}
		let fifth = live_network(NetworkKind::Collateral, 10_000);
		assert_noop!(
			Dam::request_installation(RuntimeOrigin::signed(MANAGER), id, fifth, MANAGER),
			Error::<Test>::TooManyInstallations
		);
	});
}

#[test]
fn a_refused_request_leaves_the_dam_too() {
	ExtBuilder::default().build_and_execute(|| {
		let id = create(config(NetworkKind::Collateral));
		let network = live_network(NetworkKind::Collateral, 10_000);
		assert_ok!(Dam::request_installation(RuntimeOrigin::signed(MANAGER), id, network, MANAGER));
		assert_ok!(Marketplace::refuse_installation(
			RuntimeOrigin::signed(NET_MANAGER),
			network,
			id
		));
		assert!(DamInstallations::<Test>::get(id).is_empty());
		assert_eq!(events().last(), Some(&Event::Uninstalled { dam: id, network }));
	});
}

#[test]
fn uninstall_follows_a_commitment_lowered_to_zero() {
	ExtBuilder::default().build_and_execute(|| {
		let id = create(config(NetworkKind::Collateral));
		let network = live_network(NetworkKind::Collateral, 10_000);
		install(id, network);
		assert_ok!(Dam::deposit(RuntimeOrigin::signed(ALICE), id, 1_000, ANY_FEE, MAX_TOKENS));
		assert_ok!(Dam::commit(RuntimeOrigin::signed(MANAGER), id, network, 1_000));
		assert_noop!(
			Dam::uninstall(RuntimeOrigin::signed(BOB), id, network),
			Error::<Test>::NotCatalyst
		);
		// The commitment stays slashable for the commitment delay after it reaches zero.
		assert_ok!(Dam::commit(RuntimeOrigin::signed(MANAGER), id, network, 0));
		run_to_block(System::block_number() + 5);
		assert_ok!(Dam::uninstall(RuntimeOrigin::signed(MANAGER), id, network));
		assert!(DamInstallations::<Test>::get(id).is_empty());
		assert!(pallet_marketplace::Installations::<Test>::get(network, id).is_none());
		assert_eq!(pallet_marketplace::Networks::<Test>::get(network).unwrap().total_exposure, 0);
		assert_noop!(
			Dam::uninstall(RuntimeOrigin::signed(MANAGER), id, network),
			Error::<Test>::NotInstalled
		);
	});
}
