//! Collateral DAMs: two-step withdrawals, commitments and restaking.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok};
use pallet_dam::{
	queries::{DamDetailsOf, QueuedWithdrawal},
	*,
};

#[test]
fn withdrawals_wait_for_the_delay_and_pay_at_the_rate_of_the_day() {
	ExtBuilder::default().build_and_execute(|| {
		let id = create(config(NetworkKind::Collateral));
		assert_ok!(Dam::deposit(RuntimeOrigin::signed(ALICE), id, 1_000, ANY_FEE, MAX_TOKENS));
		assert_ok!(Dam::deposit(RuntimeOrigin::signed(BOB), id, 1_000, ANY_FEE, MAX_TOKENS));
		assert_ok!(Dam::request_withdrawal(RuntimeOrigin::signed(ALICE), id, 400_000, MAX_TOKENS));
		assert_eq!(Shares::<Test>::get(id, ALICE), 600_000.into());
		let dam = Dams::<Test>::get(id).unwrap();
		assert_eq!((dam.total_shares, dam.pending_shares), (2_000_000.into(), 400_000.into()));
		assert_eq!(
			events().last(),
			Some(&Event::WithdrawalRequested {
				dam: id,
				delegator: ALICE,
				shares: 400_000.into(),
				unlock_at: 6
			})
		);
		assert_eq!(
			Dam::position(id, &ALICE).unwrap().pending_withdrawals,
			vec![QueuedWithdrawal { shares: 400_000, value: 400, unlock_at: 6 }]
		);
		assert_eq!(pallet_dam::shares::active_stake::<Test>(&dam), 1_600.into());

		run_to_block(5);
		assert_noop!(
			Dam::claim_withdrawal(RuntimeOrigin::signed(ALICE), id, MAX_TOKENS),
			Error::<Test>::NothingToClaim
		);
		run_to_block(6);
		assert_ok!(Dam::claim_withdrawal(RuntimeOrigin::signed(ALICE), id, MAX_TOKENS));
		assert_eq!(usd_balance(ALICE), ENDOWMENT - 600);
		assert!(!PendingWithdrawals::<Test>::contains_key(id, ALICE));
		let dam = Dams::<Test>::get(id).unwrap();
		assert_eq!(
			(dam.total_shares, dam.pending_shares, dam.idle),
			(1_600_000.into(), 0.into(), 1_600)
		);
		assert_eq!(
			events().last(),
			Some(&Event::WithdrawalClaimed {
				dam: id,
				delegator: ALICE,
				shares: 400_000.into(),
				amount: 400,
				owed_if_vetoed: 0,
			})
		);
	});
}

#[test]
fn only_matured_withdrawals_are_claimed() {
	ExtBuilder::default().build_and_execute(|| {
		let id = create(config(NetworkKind::Collateral));
		assert_ok!(Dam::deposit(RuntimeOrigin::signed(ALICE), id, 1_000, ANY_FEE, MAX_TOKENS));
		assert_ok!(Dam::request_withdrawal(RuntimeOrigin::signed(ALICE), id, 100_000, MAX_TOKENS));
		run_to_block(3);
		assert_ok!(Dam::request_withdrawal(RuntimeOrigin::signed(ALICE), id, 200_000, MAX_TOKENS));
		assert_ok!(Dam::request_withdrawal(RuntimeOrigin::signed(ALICE), id, 1_000, MAX_TOKENS));
		assert_noop!(
			Dam::request_withdrawal(RuntimeOrigin::signed(ALICE), id, 1_000, MAX_TOKENS),
			Error::<Test>::TooManyPendingWithdrawals
		);
		run_to_block(6);
		assert_ok!(Dam::claim_withdrawal(RuntimeOrigin::signed(ALICE), id, MAX_TOKENS));
		assert_eq!(usd_balance(ALICE), ENDOWMENT - 1_000 + 100);
		assert_eq!(PendingWithdrawals::<Test>::get(id, ALICE).len(), 2);
		run_to_block(8);
		assert_ok!(Dam::claim_withdrawal(RuntimeOrigin::signed(ALICE), id, MAX_TOKENS));
		assert_eq!(usd_balance(ALICE), ENDOWMENT - 1_000 + 301);
	});
}

#[test]
fn bad_two_step_withdrawals_fail_with_named_errors() {
	ExtBuilder::default().build_and_execute(|| {
		let growth = create(config(NetworkKind::Growth));
		let id = create(config(NetworkKind::Collateral));
		assert_ok!(Dam::deposit(RuntimeOrigin::signed(ALICE), growth, 1_000, ANY_FEE, MAX_TOKENS));
		assert_noop!(
			Dam::request_withdrawal(RuntimeOrigin::signed(ALICE), growth, 1_000, MAX_TOKENS),
			Error::<Test>::AtomicWithdrawal
		);
		assert_ok!(Dam::deposit(RuntimeOrigin::signed(ALICE), id, 1_000, ANY_FEE, MAX_TOKENS));
		assert_noop!(
			Dam::request_withdrawal(RuntimeOrigin::signed(ALICE), id, 0, MAX_TOKENS),
			Error::<Test>::ZeroAmount
		);
		assert_noop!(
			Dam::request_withdrawal(RuntimeOrigin::signed(ALICE), id, 1_000_001, MAX_TOKENS),
			Error::<Test>::InsufficientShares
		);
		assert_noop!(
			Dam::request_withdrawal(RuntimeOrigin::signed(ALICE), 9, 1, MAX_TOKENS),
			Error::<Test>::DamNotFound
		);
		assert_noop!(
			Dam::claim_withdrawal(RuntimeOrigin::signed(ALICE), id, MAX_TOKENS),
			Error::<Test>::NothingToClaim
		);
		assert_noop!(
			Dam::claim_withdrawal(RuntimeOrigin::signed(ALICE), 9, MAX_TOKENS),
			Error::<Test>::DamNotFound
		);
	});
}

#[test]
fn the_same_stake_backs_several_networks() {
	ExtBuilder::default().build_and_execute(|| {
		let id = create(config(NetworkKind::Collateral));
		let a = live_network(NetworkKind::Collateral, 10_000);
		let b = live_network(NetworkKind::Collateral, 10_000);
		install(id, a);
		install(id, b);
		assert_ok!(Dam::deposit(RuntimeOrigin::signed(ALICE), id, 1_000, ANY_FEE, MAX_TOKENS));
		assert_ok!(Dam::commit(RuntimeOrigin::signed(MANAGER), id, a, 800));
		assert_ok!(Dam::commit(RuntimeOrigin::signed(MANAGER), id, b, 5_000));
		assert_eq!(events().last(), Some(&Event::Committed { dam: id, network: b, amount: 5_000 }));
		let details = Dam::dam_details(id).unwrap();
		assert_eq!(details.tvl, 1_000);
		// Each Network counts min(commitment, active stake).
		assert_eq!(exposures(&details), vec![(a, 800, 800), (b, 5_000, 1_000)]);

		// Queued withdrawals leave the active stake at once.
		assert_ok!(Dam::request_withdrawal(RuntimeOrigin::signed(ALICE), id, 500_000, MAX_TOKENS));
		let details = Dam::dam_details(id).unwrap();
		assert_eq!(details.active_stake, 500);
		assert_eq!(exposures(&details), vec![(a, 800, 500), (b, 5_000, 500)]);

		assert_ok!(Dam::commit(RuntimeOrigin::signed(MANAGER), id, a, 0));
		assert_eq!(exposures(&Dam::dam_details(id).unwrap())[0], (a, 0, 0));
	});
}

#[test]
fn bad_commitments_fail_with_named_errors() {
	ExtBuilder::default().build_and_execute(|| {
		let id = create(config(NetworkKind::Collateral));
		let growth = create(config(NetworkKind::Growth));
		let a = live_network(NetworkKind::Collateral, 10_000);
		assert_noop!(
			Dam::commit(RuntimeOrigin::signed(MANAGER), id, a, 500),
			Error::<Test>::NotInstalled
		);
		assert_noop!(
			Dam::commit(RuntimeOrigin::signed(MANAGER), growth, a, 500),
			Error::<Test>::NotCollateral
		);
		assert_ok!(Dam::request_installation(RuntimeOrigin::signed(MANAGER), id, a, MANAGER));
		assert_noop!(
			Dam::commit(RuntimeOrigin::signed(MANAGER), id, a, 500),
			pallet_marketplace::Error::<Test>::InstallationNotActive
		);
		assert_ok!(Marketplace::confirm_installation(
			RuntimeOrigin::signed(NET_MANAGER),
			a,
			id,
			Some(2_000)
		));
		assert_noop!(
			Dam::commit(RuntimeOrigin::signed(BOB), id, a, 500),
			Error::<Test>::NotCatalyst
		);
		assert_noop!(
			Dam::commit(RuntimeOrigin::signed(MANAGER), id, a, 50),
			pallet_marketplace::Error::<Test>::ExposureBelowMinimum
		);
		assert_noop!(
			Dam::commit(RuntimeOrigin::signed(MANAGER), id, a, 2_001),
			pallet_marketplace::Error::<Test>::ExposureAboveMaximum
		);
	});
}

/// Each installation of a DAM: the Network, its exposure and its effective exposure.
fn exposures(details: &DamDetailsOf<Test>) -> Vec<(NetworkId, Balance, Balance)> {
	details.installations.iter().map(|i| (i.network, i.exposure, i.effective)).collect()
}
