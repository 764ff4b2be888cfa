//! Affiliated Operators: invitation, acceptance and removal.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok};
use pallet_dam::*;

#[test]
fn the_gatekeeper_invites_and_the_operator_accepts() {
	ExtBuilder::default().build_and_execute(|| {
		let id = create(config(NetworkKind::Collateral));
		assert_noop!(
			Dam::invite_operator(RuntimeOrigin::signed(MANAGER), id, AFFILIATE),
			Error::<Test>::NotOperator
		);
		register_operator(AFFILIATE);
		assert_noop!(
			Dam::invite_operator(RuntimeOrigin::signed(BOB), id, AFFILIATE),
			Error::<Test>::NotGatekeeper
		);
		assert_noop!(
			Dam::accept_invite(RuntimeOrigin::signed(AFFILIATE), id),
			Error::<Test>::NoInvitation
		);
		assert_ok!(Dam::invite_operator(RuntimeOrigin::signed(MANAGER), id, AFFILIATE));
		assert_noop!(
			Dam::invite_operator(RuntimeOrigin::signed(MANAGER), id, AFFILIATE),
			Error::<Test>::AlreadyInvited
		);
		assert_ok!(Dam::accept_invite(RuntimeOrigin::signed(AFFILIATE), id));
		assert_eq!(DamOperators::<Test>::get(id, AFFILIATE), Some(OperatorRole::Affiliated));
		assert_eq!(Assignments::<Test>::get(AFFILIATE), 1);
		assert_eq!(Dams::<Test>::get(id).unwrap().operators, 2);
		assert_noop!(
			Dam::invite_operator(RuntimeOrigin::signed(MANAGER), id, AFFILIATE),
			Error::<Test>::AlreadyAssigned
		);
		// An assigned Operator cannot leave the registry.
		assert_noop!(
			Marketplace::deregister_operator(RuntimeOrigin::signed(AFFILIATE)),
			pallet_marketplace::Error::<Test>::OperatorHasAssignments
		);
	});
}

#[test]
fn a_dam_has_at_most_max_operators() {
	ExtBuilder::default().build_and_execute(|| {
		let id = create(config(NetworkKind::Collateral));
		for who in [20, 21, 22] {
			register_operator(who);
		}
		assert_ok!(Dam::invite_operator(RuntimeOrigin::signed(MANAGER), id, 20));
		assert_ok!(Dam::invite_operator(RuntimeOrigin::signed(MANAGER), id, 21));
		assert_ok!(Dam::accept_invite(RuntimeOrigin::signed(20), id));
		assert_ok!(Dam::accept_invite(RuntimeOrigin::signed(21), id));
		assert_noop!(
			Dam::invite_operator(RuntimeOrigin::signed(MANAGER), id, 22),
			Error::<Test>::TooManyOperators
		);
	});
}

#[test]
fn removal_frees_the_operator_unless_it_runs_an_installation() {
	ExtBuilder::default().build_and_execute(|| {
		let id = create(config(NetworkKind::Collateral));
		register_operator(AFFILIATE);
		assert_ok!(Dam::invite_operator(RuntimeOrigin::signed(MANAGER), id, AFFILIATE));
		// Withdrawing an invitation.
		assert_ok!(Dam::remove_operator(RuntimeOrigin::signed(MANAGER), id, AFFILIATE));
		assert!(!Invitations::<Test>::contains_key(id, AFFILIATE));
		assert_noop!(
			Dam::remove_operator(RuntimeOrigin::signed(MANAGER), id, AFFILIATE),
			Error::<Test>::NotAssigned
		);

		assert_ok!(Dam::invite_operator(RuntimeOrigin::signed(MANAGER), id, AFFILIATE));
		assert_ok!(Dam::accept_invite(RuntimeOrigin::signed(AFFILIATE), id));
		let network = live_network(NetworkKind::Collateral, 10_000);
		assert_ok!(Dam::request_installation(
			RuntimeOrigin::signed(MANAGER),
			id,
			network,
			AFFILIATE
		));
		assert_noop!(
			Dam::remove_operator(RuntimeOrigin::signed(MANAGER), id, AFFILIATE),
			Error::<Test>::OperatorRunsInstallation
		);
		assert_ok!(Dam::uninstall(RuntimeOrigin::signed(MANAGER), id, network));
		assert_noop!(
			Dam::remove_operator(RuntimeOrigin::signed(BOB), id, AFFILIATE),
			Error::<Test>::NotGatekeeper
		);
		assert_ok!(Dam::remove_operator(RuntimeOrigin::signed(MANAGER), id, AFFILIATE));
		assert_eq!(Assignments::<Test>::get(AFFILIATE), 0);
		assert_ok!(Marketplace::deregister_operator(RuntimeOrigin::signed(AFFILIATE)));
	});
}
