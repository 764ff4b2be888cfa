//! Disputes: the DAM's manager or the installation's Operator disputes a requested penalty
//! inside its window.

use super::*;

#[test]
fn the_dam_manager_or_the_operator_disputes_inside_the_window() {
	ExtBuilder::default().build_and_execute(|| {
		let (network, dam) = penalisable();
		let other = network_with(terms());
		install(other, dam, SECOND_OPERATOR, COMMITMENT);
		let by_manager = request(network, dam, 10);
		let by_operator = request(other, dam, 20);
		run_to_block(3);

		assert_ok!(Slashing::dispute(signed(DAM_MANAGER), by_manager));
		assert_ok!(Slashing::dispute(signed(SECOND_OPERATOR), by_operator));
		assert_eq!(status(by_manager), Some(PenaltyStatus::Disputed));
		assert_eq!(status(by_operator), Some(PenaltyStatus::Disputed));
		assert_eq!(
			events()[2..],
			[
				Event::PenaltyDisputed { penalty: by_manager, by: DAM_MANAGER },
				Event::PenaltyDisputed { penalty: by_operator, by: SECOND_OPERATOR },
			]
		);
		// A dispute moves nothing: the assets wait in their vaults.
		assert_eq!(usd_balance(VAULTS), 30);
		assert_eq!(Pending::<Test>::get(other, dam), 20);
	});
}

#[test]
fn only_the_dam_manager_or_the_installation_operator_disputes() {
	ExtBuilder::default().build_and_execute(|| {
		let (network, dam) = penalisable();
		// The Operator of the DAM's other installation is no party to this penalty.
		let other = network_with(terms());
		install(other, dam, SECOND_OPERATOR, COMMITMENT);
		let id = request(network, dam, 10);
		for who in [NET_MANAGER, RESOLVER, STRANGER, SECOND_OPERATOR] {
			assert_noop!(Slashing::dispute(signed(who), id), Error::<Test>::NotDisputant);
		}
		assert_noop!(Slashing::dispute(RuntimeOrigin::root(), id), DispatchError::BadOrigin);
		assert_noop!(Slashing::dispute(RuntimeOrigin::none(), id), DispatchError::BadOrigin);
		assert_noop!(Slashing::dispute(signed(DAM_MANAGER), 77), Error::<Test>::PenaltyNotFound);
		assert_ok!(Slashing::dispute(signed(OPERATOR), id));
	});
}

#[test]
fn the_window_closes_disputes_when_it_ends() {
	ExtBuilder::default().build_and_execute(|| {
		let (network, dam) = penalisable();
		let other = another_network(dam);
		let early = request(network, dam, 10);
		let late = request(other, dam, 10);
		let ends = penalty(early).window_ends;

		run_to_block(ends - 1);
		assert_ok!(Slashing::dispute(signed(DAM_MANAGER), early));
		run_to_block(ends);
		assert_noop!(Slashing::dispute(signed(OPERATOR), late), Error::<Test>::WindowClosed);
		assert_eq!(status(late), Some(PenaltyStatus::Requested));
	});
}

#[test]
fn a_penalty_is_disputed_only_while_requested() {
	ExtBuilder::default().build_and_execute(|| {
		let (network, dam) = penalisable();
		let id = disputed(network, dam, 10);
		assert_noop!(Slashing::dispute(signed(DAM_MANAGER), id), Error::<Test>::NotRequested);
		assert_noop!(Slashing::dispute(signed(OPERATOR), id), Error::<Test>::NotRequested);
		assert_ok!(Slashing::uphold(signed(RESOLVER), id));
		assert_noop!(Slashing::dispute(signed(DAM_MANAGER), id), Error::<Test>::NotRequested);
	});
}
