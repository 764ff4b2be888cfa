//! What the DAM pallet and the marketplace report, once after each change: a change of shares
//! comes with the earning shares of before, so that what accrued before it goes to the shares
//! that earned it.

use super::*;

#[test]
fn a_deposit_earns_nothing_of_what_accrued_before_it() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = collateral(1_000, 0, 1_000, 1_000_000);
		days(1);
		deposit(dam, BOB, 1_000);
		assert_eq!(pending(dam, network, ALICE), 10);
		assert_eq!(pending(dam, network, BOB), 0);
		days(1);
		// The commitment stays 1,000: 10 a day, now shared.
		assert_eq!(pending(dam, network, ALICE), 15);
		assert_eq!(pending(dam, network, BOB), 5);
	});
}

#[test]
fn a_withdrawal_request_settles_the_holder_on_the_shares_it_held() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = collateral(1_000, 1_000, 2_000, 1_000_000);
		days(1);
		assert_ok!(MockDams::request_withdrawal(dam, ALICE, 500));
		let holding = Holdings::<Test>::get((dam, network, ALICE)).expect("settled");
		assert_eq!(units(holding.owed), 10);
		// Queued shares earn nothing, and no longer back the commitment: 15 a day on the
		// 1,500 of stake left.
		assert_eq!(crate::Pallet::<Test>::stake(network, dam).map(|s| s.weight), Some(1_500));
		days(1);
		assert_eq!(pending(dam, network, ALICE), 10 + 5);
		assert_eq!(pending(dam, network, BOB), 10 + 10);
	});
}

#[test]
fn the_listener_shares_what_accrued_by_the_earning_shares_it_is_told_of() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = collateral(1_000, 0, 1_000, 1_000_000);
		days(1);
		// 1,000 more shares appear on the ledger; the report says there were 1,000 before.
		MockShares::insert(dam, BOB, 1_000);
		MockDamRecords::mutate(dam, |r| {
			let r = r.as_mut().unwrap();
			r.total_shares += 1_000;
			r.idle += 1_000;
		});
		<Rewards as OnSharesChange<AccountId>>::on_shares_changed(
			dam,
			1_000.into(),
			&[(&BOB, 0.into())],
		);
		assert_eq!(
			crate::Pallet::<Test>::reward_per_share(dam, network),
			(10 * SCALE / 1_000).into()
		);
		assert_eq!(pending(dam, network, ALICE), 10);
		assert_eq!(pending(dam, network, BOB), 0);
		assert_eq!(
			Holdings::<Test>::get((dam, network, BOB)).map(|h| h.checkpoint),
			Some(crate::Pallet::<Test>::reward_per_share(dam, network)),
			"the newcomer starts from the DAM's reward per share"
		);
	});
}

#[test]
fn transferred_shares_earn_for_their_new_holder_from_the_transfer() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = collateral(1_000, 0, 1_000, 1_000_000);
		days(1);
		assert_ok!(MockDams::transfer_shares(dam, ALICE, CHARLIE, 500));
		days(1);
		assert_eq!(pending(dam, network, ALICE), 10 + 5);
		assert_eq!(pending(dam, network, CHARLIE), 5);
	});
}

#[test]
fn a_slash_lowers_the_effective_commitment_until_it_is_restored() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = collateral(1_000, 0, 1_000, 1_000_000);
		days(1);
		let vault = <MockDams as DamProvider>::slash(dam, network, 400, 1_000).expect("idle stake");
		assert_eq!(crate::Pallet::<Test>::stake(network, dam).map(|s| s.weight), Some(600));
		days(1);
		assert_eq!(pending(dam, network, ALICE), 10 + 6);
		assert_ok!(<MockDams as DamProvider>::restore(dam, vault, 400));
		assert_eq!(crate::Pallet::<Test>::stake(network, dam).map(|s| s.weight), Some(1_000));
		days(1);
		assert_eq!(pending(dam, network, ALICE), 10 + 6 + 10);
		assert_eq!(operator_pending(network, dam), 30, "the Operator earns per installation");
	});
}

#[test]
fn a_removed_installation_keeps_its_token_only_once_it_earned() {
	ExtBuilder::default().build_and_execute(|| {
		let dam = new_dam(NetworkKind::Collateral);
		deposit(dam, ALICE, 1_000);
		let refused = live_network(NetworkKind::Collateral);
		let earned = live_network(NetworkKind::Collateral);
		assert_ok!(MockDams::request_installation(dam, refused, OPERATOR));
		install(dam, earned);
		assert_eq!(TrackedPrograms::<Test>::get(dam).into_inner(), vec![refused, earned]);
		assert_ok!(MockMarketplace::refuse(refused, dam));
		assert_eq!(TrackedPrograms::<Test>::get(dam).into_inner(), vec![earned]);

		fund(earned, 1_000_000);
		assert_ok!(MockDams::commit(dam, earned, 1_000));
		days(1);
		assert_ok!(MockDams::commit(dam, earned, 0));
		assert_ok!(MockMarketplace::remove_installation(earned, dam));
		assert_eq!(
			TrackedPrograms::<Test>::get(dam).into_inner(),
			vec![earned],
			"its holders are owed"
		);
		assert_eq!(claim(dam, earned, ALICE), 10);
	});
}

#[test]
fn a_dam_tracking_the_most_tokens_cannot_request_a_new_one() {
	ExtBuilder::default().build_and_execute(|| {
		let dam = new_dam(NetworkKind::Growth);
		for _ in 0..MAX_REWARD_TOKENS {
			let network = live_network(NetworkKind::Growth);
			assert_ok!(MockDams::request_installation(dam, network, OPERATOR));
		}
		let one_more = live_network(NetworkKind::Growth);
		assert_noop!(
			MockDams::request_installation(dam, one_more, OPERATOR),
			Error::<Test>::TooManyRewardTokens
		);
		assert_eq!(TrackedPrograms::<Test>::decode_len(dam), Some(MAX_REWARD_TOKENS as usize));
	});
}
