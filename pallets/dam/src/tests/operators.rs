//! The gatekeeper's Operators: invitations, assignments and removals.

use super::*;
use frame_support::{assert_noop, assert_ok};
use nektar_primitives::DamInterface;
use polkadot_sdk::sp_runtime::DispatchResult;

fn invite(dam: DamId, operator: AccountId) -> DispatchResult {
	Dam::invite_operator(RuntimeOrigin::signed(MANAGER), dam, operator)
}

fn remove(dam: DamId, operator: AccountId) -> DispatchResult {
	Dam::remove_operator(RuntimeOrigin::signed(MANAGER), dam, operator)
}

#[test]
fn the_gatekeeper_invites_and_the_operator_accepts() {
	ExtBuilder::default().build_and_execute(|| {
		let id = create(config(NetworkKind::Collateral));
		assert_ok!(invite(id, AFFILIATE));
		assert_eq!(events().last(), Some(&Event::OperatorInvited { dam: id, operator: AFFILIATE }));
		assert!(Invitations::<Test>::contains_key(id, AFFILIATE));
		assert_eq!((dam(id).operators, dam(id).invited), (1, 1));
		// An invitation is no assignment yet.
		assert!(!<Dam as DamInterface<AccountId>>::has_assignments(&AFFILIATE));

		assert_ok!(Dam::accept_invite(RuntimeOrigin::signed(AFFILIATE), id));
		assert_eq!(
			events().last(),
			Some(&Event::OperatorAssigned {
				dam: id,
				operator: AFFILIATE,
				role: OperatorRole::Affiliated
			})
		);
		assert!(!Invitations::<Test>::contains_key(id, AFFILIATE));
		assert_eq!(DamOperators::<Test>::get(id, AFFILIATE), Some(OperatorRole::Affiliated));
		assert_eq!((dam(id).operators, dam(id).invited), (2, 0));
		assert_eq!(Assignments::<Test>::get(AFFILIATE), 1);
		assert!(<Dam as DamInterface<AccountId>>::has_assignments(&AFFILIATE));
	});
}

#[test]
fn invitations_fail_with_named_errors_and_count_against_the_cap() {
	ExtBuilder::default().build_and_execute(|| {
		let id = create(config(NetworkKind::Collateral));
		assert_noop!(
			Dam::invite_operator(RuntimeOrigin::signed(BOB), id, AFFILIATE),
			Error::<Test>::NotGatekeeper
		);
		assert_noop!(invite(7, AFFILIATE), Error::<Test>::DamNotFound);
		assert_noop!(invite(id, STRANGER), Error::<Test>::NotOperator);
		assert_noop!(invite(id, MANAGER), Error::<Test>::AlreadyAssigned);
		assert_ok!(invite(id, AFFILIATE));
		assert_noop!(invite(id, AFFILIATE), Error::<Test>::AlreadyInvited);
		// The independent Operator and two open invitations fill `MaxOperatorsPerDam` (3).
		assert_ok!(invite(id, OPERATOR));
		MockMarketplace::register_operator(CHARLIE);
		assert_noop!(invite(id, CHARLIE), Error::<Test>::TooManyOperators);
		// Withdrawing an invitation makes room.
		assert_ok!(remove(id, OPERATOR));
		assert_ok!(invite(id, CHARLIE));

		assert_noop!(
			Dam::accept_invite(RuntimeOrigin::signed(BOB), id),
			Error::<Test>::NoInvitation
		);
		assert_noop!(
			Dam::accept_invite(RuntimeOrigin::signed(AFFILIATE), 7),
			Error::<Test>::DamNotFound
		);
		// An Operator that left the marketplace cannot take its invitation up.
		MockMarketplace::deregister_operator(CHARLIE);
		assert_noop!(
			Dam::accept_invite(RuntimeOrigin::signed(CHARLIE), id),
			Error::<Test>::NotOperator
		);
	});
}

#[test]
fn removal_withdraws_an_invitation_or_frees_an_assignment_unless_it_runs_an_installation() {
	ExtBuilder::default().build_and_execute(|| {
		let first = create(config(NetworkKind::Collateral));
		let second = create(config(NetworkKind::Growth));
		for id in [first, second] {
			assert_ok!(invite(id, AFFILIATE));
			assert_ok!(Dam::accept_invite(RuntimeOrigin::signed(AFFILIATE), id));
		}
		assert_eq!(Assignments::<Test>::get(AFFILIATE), 2);
		assert_ok!(invite(first, OPERATOR));

		// A withdrawn invitation.
		assert_ok!(remove(first, OPERATOR));
		assert_eq!(
			events().last(),
			Some(&Event::OperatorRemoved { dam: first, operator: OPERATOR })
		);
		assert!(!Invitations::<Test>::contains_key(first, OPERATOR));
		assert_eq!(dam(first).invited, 0);

		// A removed Operator, counted down in every DAM it leaves.
		assert_ok!(remove(first, AFFILIATE));
		assert_eq!(
			events().last(),
			Some(&Event::OperatorRemoved { dam: first, operator: AFFILIATE })
		);
		assert!(!DamOperators::<Test>::contains_key(first, AFFILIATE));
		assert_eq!((dam(first).operators, Assignments::<Test>::get(AFFILIATE)), (1, 1));
		assert_ok!(remove(second, AFFILIATE));
		assert!(!Assignments::<Test>::contains_key(AFFILIATE), "no empty counter is kept");
		assert!(!<Dam as DamInterface<AccountId>>::has_assignments(&AFFILIATE));

		assert_noop!(remove(first, MANAGER), Error::<Test>::IndependentOperator);
		assert_noop!(remove(first, AFFILIATE), Error::<Test>::NotAssigned);
		assert_noop!(
			Dam::remove_operator(RuntimeOrigin::signed(AFFILIATE), first, MANAGER),
			Error::<Test>::NotGatekeeper
		);

		// An Operator that runs one of the DAM's installations stays until it is gone.
		let id = first;
		assert_ok!(invite(id, AFFILIATE));
		assert_ok!(Dam::accept_invite(RuntimeOrigin::signed(AFFILIATE), id));
		let runs = live_network(NetworkKind::Collateral);
		let other = live_network(NetworkKind::Collateral);
		assert_ok!(Dam::request_installation(RuntimeOrigin::signed(MANAGER), id, other, MANAGER));
		assert_ok!(Dam::request_installation(RuntimeOrigin::signed(MANAGER), id, runs, AFFILIATE));
		assert_noop!(remove(id, AFFILIATE), Error::<Test>::OperatorRunsInstallation);
		// Once the installation it runs is gone, it may go.
		assert_ok!(Dam::uninstall(RuntimeOrigin::signed(MANAGER), id, runs));
		assert_ok!(remove(id, AFFILIATE));
	});
}
