//! Funding a program's budget, the budget running dry, and reclaiming what never accrued.

use super::*;

#[test]
fn funding_moves_the_reward_asset_into_the_escrow_and_grows_the_budget() {
	ExtBuilder::default().build_and_execute(|| {
		let network = live_network(NetworkKind::Collateral);
		let escrow = Rewards::escrow(network);
		let before = native(STRANGER);
		assert_ok!(Rewards::fund_rewards(signed(STRANGER), network, 1_000));
		assert_ok!(Rewards::fund_rewards(signed(ALICE), network, 500));
		assert_eq!(program(network).budget, 1_500);
		assert_eq!(native(escrow), 1 + 1_500);
		assert_eq!(native(STRANGER), before - 1_000);
		let funded: Vec<_> =
			events().into_iter().filter(|e| matches!(e, Event::RewardsFunded { .. })).collect();
		assert_eq!(
			funded,
			vec![
				Event::RewardsFunded {
					program: network,
					funder: STRANGER,
					amount: 1_000,
					budget: 1_000
				},
				Event::RewardsFunded {
					program: network,
					funder: ALICE,
					amount: 500,
					budget: 1_500
				},
			]
		);
	});
}

#[test]
fn a_program_whose_duration_ended_takes_no_funding() {
	ExtBuilder::default().build_and_execute(|| {
		let network = live_network(NetworkKind::Collateral);
		run_to_block(program(network).ends_at - 1);
		fund(network, 10);
		run_to_block(program(network).ends_at);
		assert_noop!(
			Rewards::fund_rewards(signed(NET_MANAGER), network, 10),
			Error::<Test>::ProgramEnded
		);
	});
}

#[test]
fn the_budget_running_dry_stops_accrual_until_it_is_funded() {
	ExtBuilder::default().build_and_execute(|| {
		// 40 a day to the delegators and 10 to the Operator: 75 pays for a day and a half.
		let (dam, network) = collateral(1_000, 3_000, 4_000, 75);
		days(2);
		assert_eq!(pending(dam, network, ALICE), 15);
		assert_eq!(pending(dam, network, BOB), 45);
		assert_eq!(operator_pending(network, dam), 15);
		let info = Rewards::program_info(network).expect("a program");
		assert_eq!((info.budget, info.accrued, info.accruing), (0, 75, false));
		assert_eq!(info.days_left, None);

		days(1);
		assert_eq!(pending(dam, network, ALICE), 15, "nothing accrues on an empty budget");
		fund(network, 1_000);
		let now = System::block_number();
		let tail = events().into_iter().rev().take(2).collect::<Vec<_>>();
		assert_eq!(
			tail,
			vec![
				Event::RewardsFunded {
					program: network,
					funder: NET_MANAGER,
					amount: 1_000,
					budget: 1_000
				},
				Event::EscrowDry { program: network, at: now },
			]
		);
		assert!(!program(network).dry);

		days(1);
		assert_eq!(pending(dam, network, ALICE), 25);
		assert_eq!(pending(dam, network, BOB), 75);
		assert_eq!(operator_pending(network, dam), 25);
	});
}

#[test]
fn the_manager_reclaims_the_budget_that_never_accrued() {
	ExtBuilder::default().build_and_execute(|| {
		// 50 a day for the 10 days the Network runs.
		let (dam, network) = collateral(1_000, 3_000, 4_000, 10_000);
		let escrow = Rewards::escrow(network);
		run_to_block(program(network).ends_at + DAY);
		assert_noop!(
			Rewards::reclaim_budget(signed(STRANGER), network),
			Error::<Test>::NotNetworkManager
		);
		let before = native(NET_MANAGER);
		assert_ok!(Rewards::reclaim_budget(signed(NET_MANAGER), network));
		assert_eq!(native(NET_MANAGER), before + 9_500);
		assert_eq!(
			events().last(),
			Some(&Event::BudgetReclaimed { program: network, manager: NET_MANAGER, amount: 9_500 })
		);
		assert_eq!((program(network).budget, program(network).accrued), (0, 500));
		assert_eq!(native(escrow), 1 + 500);
		assert_noop!(
			Rewards::reclaim_budget(signed(NET_MANAGER), network),
			Error::<Test>::NothingToReclaim
		);

		// What accrued is still paid in full.
		assert_eq!(claim(dam, network, ALICE), 100);
		assert_eq!(claim(dam, network, BOB), 300);
		assert_ok!(Rewards::claim_operator_rewards(signed(OPERATOR), network, dam));
		assert_ok!(Rewards::redeem(signed(BOB), network, 300));
		assert_eq!(native(escrow), 1 + 200);
	});
}
