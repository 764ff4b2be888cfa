//! Lazy accrual: per unit of exposure to the delegators, per installation to the Operator,
//! scaled by performance, while the Network is live and before its end.

use super::*;

#[test]
fn delegators_earn_pro_rata_on_exposure_and_the_operator_per_day() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = collateral(1_000, 3_000, 4_000, 1_000_000);
		days(1);
		// 1% of 4,000 a day, split 1:3; 10 a day to the Operator.
		assert_eq!(pending(dam, network, ALICE), 10);
		assert_eq!(pending(dam, network, BOB), 30);
		assert_eq!(Rewards::pending_operator_rewards(network, dam), operator_reward(OPERATOR, 10));
		days(1);
		assert_eq!(pending(dam, network, ALICE), 20);
		assert_eq!(pending(dam, network, BOB), 60);
		assert_eq!(operator_pending(network, dam), 20);

		let info = Rewards::program_info(network).expect("a program");
		assert_eq!(info.burn_per_day, 50);
		assert_eq!((info.budget, info.accrued), (1_000_000 - 100, 100));
		assert_eq!(info.days_left, Some((1_000_000 - 100) / 50));
		assert!(info.accruing);
		assert_eq!(info.escrow_balance, 1 + 1_000_000);
		assert_eq!(info.token_supply, 0);
	});
}

#[test]
fn each_installation_pays_its_delegators_and_its_operator_their_own_part() {
	ExtBuilder::default().build_and_execute(|| {
		let network = live_network(NetworkKind::Collateral);
		fund(network, 1_000_000);
		let first = new_dam(NetworkKind::Collateral);
		install(first, network);
		deposit(first, ALICE, 1_000);
		assert_ok!(MockDams::commit(first, network, 1_000));
		let second = MockDams::create(NetworkKind::Collateral, usd(), OTHER_OPERATOR);
		assert_ok!(MockDams::request_installation(second, network, OTHER_OPERATOR));
		assert_ok!(MockMarketplace::confirm(network, second));
		deposit(second, BOB, 3_000);
		assert_ok!(MockDams::commit(second, network, 3_000));
		assert_ok!(MockMarketplace::report_performance(network, second, Permill::from_percent(50)));

		let program = program(network);
		assert_eq!(program.weighted_exposure, 1_000 + 1_500);
		assert_eq!(program.performance, 1_000_000 + 500_000);
		days(1);
		assert_eq!(pending(first, network, ALICE), 10);
		assert_eq!(pending(second, network, BOB), 15);
		assert_eq!(
			Rewards::pending_operator_rewards(network, first),
			operator_reward(OPERATOR, 10)
		);
		assert_eq!(
			Rewards::pending_operator_rewards(network, second),
			operator_reward(OTHER_OPERATOR, 5)
		);
		assert_ok!(Rewards::claim_operator_rewards(signed(OTHER_OPERATOR), network, second));
		assert_eq!(Assets::balance(token(network), OTHER_OPERATOR), 5);
		assert_eq!(Rewards::program_info(network).map(|i| i.accrued), Some(40 - 5));
	});
}

#[test]
fn performance_scales_accrual_from_the_report_on() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = collateral(1_000, 3_000, 4_000, 1_000_000);
		days(1);
		assert_ok!(MockMarketplace::report_performance(network, dam, Permill::from_percent(50)));
		assert_eq!(
			crate::Pallet::<Test>::stake(network, dam).map(|s| (s.weight, s.performance)),
			Some((2_000, 500_000))
		);
		days(1);
		assert_eq!(pending(dam, network, ALICE), 10 + 5);
		assert_eq!(pending(dam, network, BOB), 30 + 15);
		assert_eq!(operator_pending(network, dam), 10 + 5);
	});
}

#[test]
fn suspension_pauses_accrual_until_the_network_resumes() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = collateral(1_000, 3_000, 4_000, 1_000_000);
		days(1);
		assert_ok!(MockMarketplace::set_suspended(network, true));
		assert!(!program(network).accruing);
		days(2);
		assert_eq!(pending(dam, network, ALICE), 10);
		assert_eq!(operator_pending(network, dam), 10);
		assert_ok!(MockMarketplace::set_suspended(network, false));
		days(1);
		assert_eq!(pending(dam, network, ALICE), 20);
		assert_eq!(pending(dam, network, BOB), 60);
		assert_eq!(operator_pending(network, dam), 20);
	});
}

#[test]
fn nothing_accrues_after_the_program_ends() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = collateral(1_000, 3_000, 4_000, 1_000_000);
		let ends_at = program(network).ends_at;
		run_to_block(ends_at);
		assert_eq!(pending(dam, network, ALICE), 100);
		assert_eq!(operator_pending(network, dam), 100);
		run_to_block(ends_at + 10 * DAY);
		assert_eq!(pending(dam, network, ALICE), 100);
		assert_eq!(pending(dam, network, BOB), 300);
		assert_eq!(operator_pending(network, dam), 100);
		assert_eq!(Rewards::program_info(network).map(|i| i.budget), Some(1_000_000 - 500));
	});
}

#[test]
fn a_requested_installation_earns_nothing_until_it_is_confirmed() {
	ExtBuilder::default().build_and_execute(|| {
		let network = live_network(NetworkKind::Collateral);
		fund(network, 1_000_000);
		let dam = new_dam(NetworkKind::Collateral);
		deposit(dam, ALICE, 1_000);
		assert_ok!(MockDams::request_installation(dam, network, OPERATOR));
		assert_eq!(TrackedPrograms::<Test>::get(dam).into_inner(), vec![network]);
		days(1);
		assert!(crate::Pallet::<Test>::stake(network, dam).is_none());
		assert_eq!(pending(dam, network, ALICE), 0);
		assert_eq!(Rewards::pending_operator_rewards(network, dam), None);

		assert_ok!(MockMarketplace::confirm(network, dam));
		assert_ok!(MockDams::commit(dam, network, 1_000));
		days(1);
		assert_eq!(pending(dam, network, ALICE), 10);
		assert_eq!(operator_pending(network, dam), 10);
	});
}

#[test]
fn a_higher_day_length_slows_accrual_per_block() {
	ExtBuilder::default().with_blocks_per_day(400).build_and_execute(|| {
		let (dam, network) = collateral(1_000, 3_000, 4_000, 1_000_000);
		run_to_block(1 + 400);
		assert_eq!(pending(dam, network, ALICE), 10);
		assert_eq!(operator_pending(network, dam), 10);
		run_to_block(1 + 600);
		assert_eq!(pending(dam, network, BOB), 45);
		assert_eq!(operator_pending(network, dam), 15);
	});
}
