//! Every call fed bad input: each fails with its named error and changes nothing. The license
//! calls' are in `licensing.rs`, retirement's in `retirement.rs`.

use super::*;

const UNKNOWN: NetworkId = 77;

#[test]
fn funding_with_bad_input_fails_with_its_errors() {
	ExtBuilder::default().build_and_execute(|| {
		let network = live_network(NetworkKind::Collateral);
		let pending = MockMarketplace::register(terms(NetworkKind::Collateral), b"Net", b"rNET");
		assert_noop!(Rewards::fund_rewards(signed(ALICE), network, 0), Error::<Test>::ZeroAmount);
		assert_noop!(Rewards::fund_rewards(signed(ALICE), UNKNOWN, 10), Error::<Test>::NoProgram);
		assert_noop!(Rewards::fund_rewards(signed(ALICE), pending, 10), Error::<Test>::NoProgram);
		assert_noop!(
			Rewards::fund_rewards(signed(ALICE), network, ENDOWMENT + 1),
			TokenError::FundsUnavailable
		);
		assert_noop!(
			Rewards::fund_rewards(RuntimeOrigin::none(), network, 10),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn claims_with_bad_input_fail_with_their_errors() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = collateral(1_000, 3_000, 4_000, 1_000_000);
		let untracked = live_network(NetworkKind::Collateral);
		let claim = |who, dam, networks: Vec<NetworkId>| {
			Rewards::claim_rewards(signed(who), dam, networks.try_into().unwrap())
		};
		assert_noop!(claim(ALICE, dam, vec![network]), Error::<Test>::NothingToClaim);
		assert_noop!(claim(ALICE, dam, vec![]), Error::<Test>::NothingToClaim);
		days(1);
		assert_noop!(claim(ALICE, dam, vec![network, untracked]), Error::<Test>::NotRewardToken);
		assert_noop!(claim(ALICE, dam, vec![UNKNOWN]), Error::<Test>::NotRewardToken);
		assert_noop!(claim(ALICE, dam + 1, vec![network]), Error::<Test>::NotRewardToken);
		assert_noop!(claim(CHARLIE, dam, vec![network]), Error::<Test>::NothingToClaim);
		assert_noop!(
			Rewards::claim_rewards(RuntimeOrigin::none(), dam, vec![network].try_into().unwrap()),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Rewards::claim_operator_rewards(signed(OPERATOR), network, dam + 1),
			Error::<Test>::NoStake
		);
		assert_noop!(
			Rewards::claim_operator_rewards(signed(OPERATOR), untracked, dam),
			Error::<Test>::NoStake
		);
	});
}

#[test]
fn redemptions_and_reclaims_with_bad_input_fail_with_their_errors() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = collateral(1_000, 3_000, 4_000, 1_000_000);
		let pending = MockMarketplace::register(terms(NetworkKind::Collateral), b"Net", b"rNET");
		days(1);
		claim(dam, network, ALICE);
		assert_noop!(Rewards::redeem(signed(ALICE), network, 0), Error::<Test>::ZeroAmount);
		assert_noop!(Rewards::redeem(signed(ALICE), UNKNOWN, 1), Error::<Test>::NoProgram);
		assert_noop!(
			Rewards::redeem(signed(ALICE), network, 11),
			Error::<Test>::InsufficientTokens
		);
		assert_noop!(Rewards::redeem(signed(BOB), network, 1), Error::<Test>::InsufficientTokens);

		let reclaim = |who, network| Rewards::reclaim_budget(signed(who), network);
		assert_noop!(reclaim(NET_MANAGER, UNKNOWN), Error::<Test>::NoProgram);
		assert_noop!(reclaim(NET_MANAGER, pending), Error::<Test>::NoProgram);
		assert_noop!(reclaim(STRANGER, network), Error::<Test>::NotNetworkManager);
		assert_noop!(reclaim(NET_MANAGER, network), Error::<Test>::ProgramRunning);
		assert_noop!(
			Rewards::retire_token(RuntimeOrigin::none(), dam, network, Default::default()),
			DispatchError::BadOrigin
		);
	});
}
