//! Claims mint synthetic tokens out of what accrued; redemptions burn them for the reward asset.

use super::*;

#[test]
fn a_claim_mints_the_synthetic_token_out_of_what_accrued() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = collateral(1_000, 3_000, 4_000, 1_000_000);
		days(1);
		assert_eq!(claim(dam, network, ALICE), 10);
		assert_eq!(
			events().last(),
			Some(&Event::RewardsClaimed {
				dam,
				program: network,
				delegator: ALICE,
				token: token(network),
				amount: 10,
			})
		);
		let program = program(network);
		assert_eq!((program.budget, program.accrued), (1_000_000 - 50, 40));
		assert_eq!(Assets::total_issuance(token(network)), 10);
		assert_eq!(pending(dam, network, ALICE), 0);
		assert_noop!(
			Rewards::claim_rewards(signed(ALICE), dam, vec![network].try_into().unwrap()),
			Error::<Test>::NothingToClaim
		);
		days(1);
		assert_eq!(claim(dam, network, ALICE), 10);
		assert_eq!(claim(dam, network, BOB), 60);
	});
}

#[test]
fn a_claim_pays_each_listed_token_once() {
	ExtBuilder::default().build_and_execute(|| {
		let dam = new_dam(NetworkKind::Collateral);
		let first = live_network(NetworkKind::Collateral);
		let second = live_network(NetworkKind::Collateral);
		deposit(dam, ALICE, 1_000);
		deposit(dam, BOB, 3_000);
		for network in [first, second] {
			install(dam, network);
			assert_ok!(MockDams::commit(dam, network, 4_000));
			fund(network, 1_000_000);
		}
		days(1);
		assert_ok!(Rewards::claim_rewards(
			signed(ALICE),
			dam,
			vec![second, first, first].try_into().unwrap()
		));
		assert_eq!(Assets::balance(token(first), ALICE), 10);
		assert_eq!(Assets::balance(token(second), ALICE), 10);
		let claimed: Vec<_> = events()
			.into_iter()
			.filter_map(|e| match e {
				Event::RewardsClaimed { program: network, amount, .. } => Some((network, amount)),
				_ => None,
			})
			.collect();
		assert_eq!(claimed, vec![(first, 10), (second, 10)]);
	});
}

#[test]
fn the_operator_claims_the_operator_rewards_and_no_one_else() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = collateral(1_000, 3_000, 4_000, 1_000_000);
		assert_noop!(
			Rewards::claim_operator_rewards(signed(OPERATOR), network, dam),
			Error::<Test>::NothingToClaim
		);
		days(1);
		assert_noop!(
			Rewards::claim_operator_rewards(signed(ALICE), network, dam),
			Error::<Test>::NotStakeOperator
		);
		assert_ok!(Rewards::claim_operator_rewards(signed(OPERATOR), network, dam));
		assert_eq!(Assets::balance(token(network), OPERATOR), 10);
		assert_eq!(
			events().last(),
			Some(&Event::OperatorRewardsClaimed {
				program: network,
				dam,
				operator: OPERATOR,
				token: token(network),
				amount: 10,
			})
		);
		assert_eq!(program(network).accrued, 40, "the delegators' part is left");
		assert_noop!(
			Rewards::claim_operator_rewards(signed(OPERATOR), network, dam),
			Error::<Test>::NothingToClaim
		);
	});
}

#[test]
fn a_former_operator_keeps_what_it_earned() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = collateral(1_000, 0, 1_000, 1_000_000);
		days(1);
		// The DAM leaves the Network, and comes back run by another Operator.
		assert_ok!(MockDams::commit(dam, network, 0));
		assert_ok!(MockMarketplace::remove_installation(network, dam));
		let stake =
			crate::Pallet::<Test>::stake(network, dam).expect("kept while its Operator is owed");
		assert_eq!((stake.weight, stake.performance), (0, 0));
		assert_eq!(TrackedPrograms::<Test>::get(dam).into_inner(), vec![network]);
		MockMarketplace::register_operator(OTHER_OPERATOR);
		assert_ok!(MockDams::request_installation(dam, network, OTHER_OPERATOR));
		assert_ok!(MockMarketplace::confirm(network, dam));
		assert_ok!(MockDams::commit(dam, network, 1_000));
		assert!(FormerOperatorRewards::<Test>::contains_key((network, dam, OPERATOR)));

		days(1);
		assert_eq!(
			Rewards::pending_operator_rewards(network, dam),
			operator_reward(OTHER_OPERATOR, 10)
		);
		assert_ok!(Rewards::claim_operator_rewards(signed(OPERATOR), network, dam));
		assert_eq!(Assets::balance(token(network), OPERATOR), 10);
		assert!(!FormerOperatorRewards::<Test>::contains_key((network, dam, OPERATOR)));
		assert_noop!(
			Rewards::claim_operator_rewards(signed(OPERATOR), network, dam),
			Error::<Test>::NotStakeOperator
		);
		assert_ok!(Rewards::claim_operator_rewards(signed(OTHER_OPERATOR), network, dam));
		assert_eq!(Assets::balance(token(network), OTHER_OPERATOR), 10);
		assert_eq!(pending(dam, network, ALICE), 20, "the delegators earned all along");
	});
}

#[test]
fn redeeming_burns_synthetic_tokens_for_the_reward_asset() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = collateral(1_000, 3_000, 4_000, 1_000_000);
		days(1);
		claim(dam, network, BOB);
		let escrow = Rewards::escrow(network);
		let (bob, held) = (native(BOB), native(escrow));
		assert_ok!(Rewards::redeem(signed(BOB), network, 20));
		assert_eq!(Assets::balance(token(network), BOB), 10);
		assert_eq!(native(BOB), bob + 20);
		assert_eq!(native(escrow), held - 20);
		assert_eq!(
			events().last(),
			Some(&Event::Redeemed {
				program: network,
				who: BOB,
				token: token(network),
				amount: 20,
				asset: NativeOrWithId::Native,
			})
		);
		// The tokens are ordinary assets: whoever holds them redeems them.
		assert_ok!(Assets::transfer(signed(BOB), token(network), CHARLIE, 10));
		assert_noop!(Rewards::redeem(signed(BOB), network, 1), Error::<Test>::InsufficientTokens);
		assert_ok!(Rewards::redeem(signed(CHARLIE), network, 10));
		assert_eq!(Assets::total_issuance(token(network)), 0);
	});
}

#[test]
fn a_program_in_an_asset_pays_that_asset() {
	ExtBuilder::default().build_and_execute(|| {
		let network =
			live_network_with(View { reward_asset: usd(), ..terms(NetworkKind::Collateral) });
		let dam = new_dam(NetworkKind::Collateral);
		install(dam, network);
		deposit(dam, ALICE, 1_000);
		assert_ok!(MockDams::commit(dam, network, 1_000));
		let escrow = Rewards::escrow(network);
		fund(network, 500);
		assert_eq!(Assets::balance(USD, escrow), 500);
		days(1);
		assert_eq!(claim(dam, network, ALICE), 10);
		let before = Assets::balance(USD, ALICE);
		assert_ok!(Rewards::redeem(signed(ALICE), network, 10));
		assert_eq!(Assets::balance(USD, ALICE), before + 10);
		assert_eq!(Assets::balance(USD, escrow), 490);
		assert_eq!(native(escrow), 1, "the native existential deposit stays");
	});
}
