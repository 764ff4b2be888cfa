//! Atomic withdrawals (Liquidity, Growth) and two-step ones (Collateral).

use super::*;
use frame_support::{assert_noop, assert_ok};

#[test]
fn withdraw_burns_shares_for_their_value_from_idle_assets() {
	ExtBuilder::default().build_and_execute(|| {
		let id = create(config(NetworkKind::Liquidity));
		deposit(ALICE, id, 1_000);
		MockRewards::clear_notices();
		assert_ok!(Dam::withdraw(RuntimeOrigin::signed(ALICE), id, 400_000, MAX_TOKENS));
		assert_eq!(
			events().last(),
			Some(&Event::Withdrawn {
				dam: id,
				delegator: ALICE,
				shares: 400_000.into(),
				amount: 400
			})
		);
		assert_eq!(usd_of(ALICE), ENDOWMENT - 600);
		assert_eq!((dam(id).idle, dam(id).total_shares), (600, 600_000.into()));
		assert_eq!(
			MockRewards::notices(),
			vec![Notice::SharesChanged {
				dam: id,
				prev_active: 1_000_000,
				active: 600_000,
				holders: vec![(ALICE, 1_000_000, 600_000)],
			}]
		);
		assert_ok!(Dam::withdraw(RuntimeOrigin::signed(ALICE), id, 600_000, MAX_TOKENS));
		assert!(!Shares::<Test>::contains_key(id, ALICE), "no empty entry is kept");
		assert_eq!(usd_of(ALICE), ENDOWMENT);
	});
}

#[test]
fn a_withdrawal_after_a_loss_rounds_in_the_dams_favour() {
	ExtBuilder::default().build_and_execute(|| {
		let (id, network) = installed(NetworkKind::Liquidity);
		deposit(ALICE, id, 1_000);
		assert_ok!(Dam::allocate(RuntimeOrigin::signed(MANAGER), id, network, 300));
		run_to_block(11);
		assert_ok!(MockVaults::release(0));
		// The Network runs to block 1,001 and has 5 blocks of grace to repay.
		run_to_block(1_006);
		assert_ok!(MockVaults::write_off(network, id, 0));
		assert_eq!((dam(id).idle, dam(id).lent), (700, 0));

		// Half the shares are worth 350.1: 350 is paid and 351 leaves the books.
		assert_ok!(Dam::withdraw(RuntimeOrigin::signed(ALICE), id, 500_000, MAX_TOKENS));
		assert_eq!(usd_of(ALICE), ENDOWMENT - 1_000 + 350);
		assert_eq!((dam(id).idle, dam(id).dust), (349, 1));
		// The other half is worth what is left, 349.3, rounded down.
		assert_ok!(Dam::withdraw(RuntimeOrigin::signed(ALICE), id, 500_000, MAX_TOKENS));
		assert_eq!(usd_of(ALICE), ENDOWMENT - 1_000 + 699);
		assert_eq!((dam(id).idle, dam(id).dust, dam(id).total_shares), (0, 1, 0.into()));
		assert_eq!(usd_of(Dam::dam_account(id)), 1);
	});
}

#[test]
fn bad_withdrawals_and_requests_fail_with_named_errors_and_change_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		let (id, network) = installed(NetworkKind::Liquidity);
		let collateral = create(config(NetworkKind::Collateral));
		deposit(ALICE, id, 1_000);
		deposit(ALICE, collateral, 1_000);
		let withdraw =
			|who, dam, shares| Dam::withdraw(RuntimeOrigin::signed(who), dam, shares, MAX_TOKENS);
		assert_noop!(withdraw(ALICE, 7, 1_000), Error::<Test>::DamNotFound);
		assert_noop!(withdraw(ALICE, id, 0), Error::<Test>::ZeroAmount);
		assert_noop!(withdraw(ALICE, id, 1_000_001), Error::<Test>::InsufficientShares);
		assert_noop!(withdraw(BOB, id, 1), Error::<Test>::InsufficientShares);
		// One share is worth less than a unit.
		assert_noop!(withdraw(ALICE, id, 1), Error::<Test>::WithdrawalTooSmall);
		assert_noop!(withdraw(ALICE, collateral, 1_000), Error::<Test>::TwoStepWithdrawal);
		// What is lent stays on the books but cannot be paid out.
		assert_ok!(Dam::allocate(RuntimeOrigin::signed(MANAGER), id, network, 600));
		assert_noop!(withdraw(ALICE, id, 1_000_000), Error::<Test>::InsufficientIdleAssets);
		assert_ok!(withdraw(ALICE, id, 400_000));

		// Two-step withdrawals.
		let (liquidity, id) = (id, collateral);
		let request = |dam, shares| {
			Dam::request_withdrawal(RuntimeOrigin::signed(ALICE), dam, shares, MAX_TOKENS)
		};
		assert_noop!(request(7, 1_000), Error::<Test>::DamNotFound);
		assert_noop!(request(liquidity, 1_000), Error::<Test>::AtomicWithdrawal);
		assert_noop!(request(id, 0), Error::<Test>::ZeroAmount);
		assert_noop!(request(id, 1), Error::<Test>::WithdrawalTooSmall);
		assert_noop!(request(id, 1_000_001), Error::<Test>::InsufficientShares);
		// `MaxPendingWithdrawals` is 3.
		for _ in 0..3 {
			assert_ok!(request(id, 1_000));
		}
		assert_noop!(request(id, 1_000), Error::<Test>::TooManyPendingWithdrawals);
		assert_noop!(
			Dam::claim_withdrawal(RuntimeOrigin::signed(ALICE), id, MAX_TOKENS),
			Error::<Test>::NothingToClaim
		);
		assert_noop!(
			Dam::claim_withdrawal(RuntimeOrigin::signed(ALICE), 7, MAX_TOKENS),
			Error::<Test>::DamNotFound
		);
	});
}

#[test]
fn a_queued_withdrawal_stays_slashable_and_stops_earning() {
	ExtBuilder::default().build_and_execute(|| {
		let (id, network) = installed(NetworkKind::Collateral);
		deposit(ALICE, id, 1_000);
		assert_ok!(Dam::commit(RuntimeOrigin::signed(MANAGER), id, network, 800));
		MockRewards::clear_notices();
		assert_ok!(Dam::request_withdrawal(RuntimeOrigin::signed(ALICE), id, 400_000, MAX_TOKENS));
		// `withdrawal_delay` is 5 blocks.
		assert_eq!(
			events().last(),
			Some(&Event::WithdrawalRequested {
				dam: id,
				delegator: ALICE,
				shares: 400_000.into(),
				unlock_at: 6
			})
		);
		assert_eq!(Shares::<Test>::get(id, ALICE), 600_000.into());
		assert_eq!(
			(dam(id).total_shares, dam(id).pending_shares),
			(1_000_000.into(), 400_000.into())
		);
		assert_eq!(
			PendingWithdrawals::<Test>::get(id, ALICE).into_inner(),
			vec![PendingWithdrawal { shares: 400_000.into(), unlock_at: 6 }]
		);
		assert_eq!(
			MockRewards::notices(),
			vec![Notice::SharesChanged {
				dam: id,
				prev_active: 1_000_000,
				active: 600_000,
				holders: vec![(ALICE, 1_000_000, 600_000)],
			}]
		);
		// Rewards count min(commitment, active stake); penalties the whole stake.
		assert_eq!(<Dam as DamProvider>::active_shares(id), 600_000.into());
		assert_eq!(<Dam as DamProvider>::exposure(network, id), 600);
		assert_eq!(<Dam as DamProvider>::slashable_exposure(network, id), 800);
	});
}

#[test]
fn a_claim_pays_the_matured_shares_at_the_rate_of_the_day() {
	ExtBuilder::default().build_and_execute(|| {
		let id = create(config(NetworkKind::Collateral));
		deposit(ALICE, id, 1_000);
		assert_ok!(Dam::request_withdrawal(RuntimeOrigin::signed(ALICE), id, 400_000, MAX_TOKENS));
		run_to_block(3);
		assert_ok!(Dam::request_withdrawal(RuntimeOrigin::signed(ALICE), id, 100_000, MAX_TOKENS));
		run_to_block(5);
		assert_noop!(
			Dam::claim_withdrawal(RuntimeOrigin::signed(ALICE), id, MAX_TOKENS),
			Error::<Test>::NothingToClaim
		);

		run_to_block(6);
		MockRewards::clear_notices();
		assert_ok!(Dam::claim_withdrawal(RuntimeOrigin::signed(ALICE), id, MAX_TOKENS));
		assert_eq!(
			events().last(),
			Some(&Event::WithdrawalClaimed {
				dam: id,
				delegator: ALICE,
				shares: 400_000.into(),
				amount: 400,
				owed_if_vetoed: 0
			})
		);
		assert_eq!(usd_of(ALICE), ENDOWMENT - 600);
		assert_eq!(PendingWithdrawals::<Test>::get(id, ALICE).len(), 1, "the later one waits");
		// Claimed shares had stopped earning already: the earning shares do not move.
		assert_eq!(
			MockRewards::notices(),
			vec![Notice::SharesChanged {
				dam: id,
				prev_active: 500_000,
				active: 500_000,
				holders: vec![]
			}]
		);

		// A loss meanwhile lowers what the queued shares are paid.
		let vault = slash(id, 0, 300);
		assert_ok!(<Dam as DamProvider>::penalty_executed(id, vault));
		run_to_block(8);
		assert_ok!(Dam::claim_withdrawal(RuntimeOrigin::signed(ALICE), id, MAX_TOKENS));
		// 100,000 × (300 + 1) / (600,000 + 1,000).
		assert_eq!(usd_of(ALICE), ENDOWMENT - 600 + 50);
		assert!(!PendingWithdrawals::<Test>::contains_key(id, ALICE));
		assert_eq!(dam(id).pending_shares, 0.into());
	});
}
