//! Execution: an upheld penalty, an undisputed one past its window or a disputed one past its
//! deadline goes to the Network's safe, or to the treasury.

use super::*;

#[test]
fn an_undisputed_penalty_executes_once_its_window_closed() {
	ExtBuilder::default().build_and_execute(|| {
		let (network, dam) = penalisable();
		let id = request(network, dam, 60);
		let vault = penalty(id).vault;
		let ends = penalty(id).window_ends;
		run_to_block(ends - 1);
		assert_noop!(Slashing::execute(signed(STRANGER), id), Error::<Test>::WindowOpen);
		run_to_block(ends);
		assert_ok!(Slashing::execute(signed(STRANGER), id));

		assert_eq!(usd_balance(TREASURY), ENDOWMENT + 60);
		assert_eq!(usd_balance(VAULTS), 0);
		assert!(VaultRecords::get(vault).is_none());
		assert_eq!(
			events().last(),
			Some(&Event::PenaltyExecuted { penalty: id, to: TREASURY, amount: 60 })
		);
		// The books stay lowered, and nothing of the DAM is in dispute any more.
		let record = MockDams::record(dam);
		assert_eq!((record.idle, record.in_dispute), (STAKE - 60, 0));
		assert_eq!(MockDams::open_penalties(dam), 0);
		assert!(!Pending::<Test>::contains_key(network, dam));
		assert_eq!(history(dam), vec![(id, PenaltyStatus::Executed)]);
	});
}

#[test]
fn an_executed_penalty_goes_to_the_networks_safe() {
	ExtBuilder::default().build_and_execute(|| {
		let network = network_with(TestTerms { safe: Some(SAFE), ..terms() });
		let dam = dam_with(STAKE);
		install(network, dam, OPERATOR, COMMITMENT);
		let id = request(network, dam, 60);
		run_to_block(penalty(id).window_ends);
		assert_ok!(Slashing::execute(signed(STRANGER), id));
		assert_eq!(usd_balance(SAFE), ENDOWMENT + 60);
		assert_eq!(usd_balance(TREASURY), ENDOWMENT);
		assert_eq!(
			events().last(),
			Some(&Event::PenaltyExecuted { penalty: id, to: SAFE, amount: 60 })
		);
	});
}

#[test]
fn a_safe_that_cannot_take_the_penalty_leaves_it_to_the_treasury() {
	ExtBuilder::default().build_and_execute(|| {
		let network = network_with(TestTerms { safe: Some(EMPTY_SAFE), ..terms() });
		let dam = dam_with(STAKE);
		install(network, dam, OPERATOR, COMMITMENT);
		let id = request(network, dam, 60);
		run_to_block(penalty(id).window_ends);
		assert_ok!(Slashing::execute(signed(STRANGER), id));
		assert_eq!(usd_balance(EMPTY_SAFE), 0);
		assert_eq!(usd_balance(TREASURY), ENDOWMENT + 60);
		assert_eq!(
			events().last(),
			Some(&Event::PenaltyExecuted { penalty: id, to: TREASURY, amount: 60 })
		);
	});
}

#[test]
fn a_penalty_nobody_can_take_stays_open() {
	// Neither the safe nor the treasury has a native balance, so neither can hold USD.
	ExtBuilder::default()
		.with_balances(vec![(NET_MANAGER, ENDOWMENT, 0), (DELEGATOR, ENDOWMENT, ENDOWMENT)])
		.build_and_execute(|| {
			let network = network_with(TestTerms { safe: Some(EMPTY_SAFE), ..terms() });
			let dam = dam_with(STAKE);
			install(network, dam, OPERATOR, COMMITMENT);
			let id = request(network, dam, 60);
			run_to_block(penalty(id).window_ends);
			assert_noop!(
				Slashing::execute(signed(STRANGER), id),
				DispatchError::Token(TokenError::CannotCreate)
			);
			assert_eq!(status(id), Some(PenaltyStatus::Requested));
			assert_ok!(Slashing::cancel(RuntimeOrigin::root(), id));
			assert_eq!(usd_balance(MockDams::account(dam)), STAKE);
		});
}

#[test]
fn silence_upholds_a_dispute_nobody_resolved_by_its_deadline() {
	ExtBuilder::default().build_and_execute(|| {
		let (network, dam) = penalisable();
		let id = disputed(network, dam, 60);
		let deadline = penalty(id).resolve_by;
		run_to_block(penalty(id).window_ends);
		assert_noop!(Slashing::execute(signed(STRANGER), id), Error::<Test>::UnderDispute);
		run_to_block(deadline - 1);
		assert_noop!(Slashing::execute(signed(STRANGER), id), Error::<Test>::UnderDispute);
		run_to_block(deadline);
		assert_ok!(Slashing::execute(signed(STRANGER), id));
		assert_eq!(usd_balance(TREASURY), ENDOWMENT + 60);
		assert_eq!(history(dam), vec![(id, PenaltyStatus::Executed)]);
	});
}

#[test]
fn execute_needs_an_open_penalty_and_a_signed_origin() {
	ExtBuilder::default().build_and_execute(|| {
		let (network, dam) = penalisable();
		let id = request(network, dam, 60);
		run_to_block(penalty(id).window_ends);
		assert_noop!(Slashing::execute(RuntimeOrigin::root(), id), DispatchError::BadOrigin);
		assert_noop!(Slashing::execute(RuntimeOrigin::none(), id), DispatchError::BadOrigin);
		assert_noop!(Slashing::execute(signed(STRANGER), 77), Error::<Test>::PenaltyNotFound);
		assert_ok!(Slashing::execute(signed(STRANGER), id));
		assert_noop!(Slashing::execute(signed(STRANGER), id), Error::<Test>::PenaltyNotFound);
	});
}
