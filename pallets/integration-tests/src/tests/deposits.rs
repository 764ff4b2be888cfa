//! Deposits, the fee, the exchange rate and atomic withdrawals.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok, traits::fungibles::Mutate};
use pallet_dam::*;
use polkadot_sdk::sp_runtime::{DispatchError, Perbill};

#[test]
fn deposit_pays_the_fee_and_mints_shares() {
	ExtBuilder::default().build_and_execute(|| {
		let mut c = config(NetworkKind::Growth);
		c.fee = Perbill::from_percent(5);
		let id = create(c);
		let manager_before = usd_balance(MANAGER);
		assert_ok!(Dam::deposit(RuntimeOrigin::signed(ALICE), id, 1_000, ANY_FEE, MAX_TOKENS));
		// 50 to the manager; 950 at 1,000 shares per unit for the first deposit.
		assert_eq!(usd_balance(MANAGER), manager_before + 50);
		assert_eq!(usd_balance(Dam::dam_account(id)), 950);
		assert_eq!(usd_balance(ALICE), ENDOWMENT - 1_000);
		assert_eq!(Shares::<Test>::get(id, ALICE), 950_000.into());
		let dam = Dams::<Test>::get(id).unwrap();
		assert_eq!((dam.total_shares, dam.idle), (950_000.into(), 950));
		assert_eq!(
			events().last(),
			Some(&Event::Deposited {
				dam: id,
				delegator: ALICE,
				amount: 1_000,
				fee: 50,
				shares: 950_000.into()
			})
		);
	});
}

#[test]
fn later_deposits_get_the_same_rate() {
	ExtBuilder::default().build_and_execute(|| {
		let id = create(config(NetworkKind::Growth));
		assert_ok!(Dam::deposit(RuntimeOrigin::signed(ALICE), id, 1_000, ANY_FEE, MAX_TOKENS));
		assert_ok!(Dam::deposit(RuntimeOrigin::signed(BOB), id, 500, ANY_FEE, MAX_TOKENS));
		assert_eq!(Shares::<Test>::get(id, BOB), 500_000.into());
		assert_eq!(Dam::quote_withdrawal(id, 500_000), Some(500));
		assert_eq!(Dam::position(id, &BOB).unwrap().value, 500);
	});
}

#[test]
fn withdraw_burns_shares_for_their_value() {
	ExtBuilder::default().build_and_execute(|| {
		let id = create(config(NetworkKind::Liquidity));
		assert_ok!(Dam::deposit(RuntimeOrigin::signed(ALICE), id, 1_000, ANY_FEE, MAX_TOKENS));
		assert_ok!(Dam::withdraw(RuntimeOrigin::signed(ALICE), id, 400_000, MAX_TOKENS));
		assert_eq!(usd_balance(ALICE), ENDOWMENT - 600);
		assert_eq!(Shares::<Test>::get(id, ALICE), 600_000.into());
		assert_eq!(Dams::<Test>::get(id).unwrap().idle, 600);
		assert_eq!(
			events().last(),
			Some(&Event::Withdrawn {
				dam: id,
				delegator: ALICE,
				shares: 400_000.into(),
				amount: 400
			})
		);
		assert_ok!(Dam::withdraw(RuntimeOrigin::signed(ALICE), id, 600_000, MAX_TOKENS));
		assert!(!Shares::<Test>::contains_key(id, ALICE));
		assert_eq!(usd_balance(ALICE), ENDOWMENT);
	});
}

#[test]
fn bad_deposits_and_withdrawals_fail_with_named_errors() {
	ExtBuilder::default().build_and_execute(|| {
		let id = create(config(NetworkKind::Growth));
		let collateral = create(config(NetworkKind::Collateral));
		assert_noop!(
			Dam::deposit(RuntimeOrigin::none(), id, 1, ANY_FEE, MAX_TOKENS),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Dam::deposit(RuntimeOrigin::signed(ALICE), 9, 1, ANY_FEE, MAX_TOKENS),
			Error::<Test>::DamNotFound
		);
		assert_noop!(
			Dam::deposit(RuntimeOrigin::signed(ALICE), id, 0, ANY_FEE, MAX_TOKENS),
			Error::<Test>::ZeroAmount
		);
		assert_noop!(
			Dam::deposit(RuntimeOrigin::signed(ALICE), id, u128::MAX, ANY_FEE, MAX_TOKENS),
			Error::<Test>::Overflow
		);
		assert_noop!(
			Dam::deposit(RuntimeOrigin::signed(ALICE), id, ENDOWMENT + 1, ANY_FEE, MAX_TOKENS),
			Error::<Test>::InsufficientBalance
		);
		assert_noop!(
			Dam::deposit(RuntimeOrigin::signed(ALICE), id, ENDOWMENT * 2, ANY_FEE, MAX_TOKENS),
			Error::<Test>::InsufficientBalance
		);
		assert_ok!(Dam::deposit(RuntimeOrigin::signed(ALICE), id, 1_000, ANY_FEE, MAX_TOKENS));
		assert_noop!(
			Dam::withdraw(RuntimeOrigin::signed(ALICE), id, 0, MAX_TOKENS),
			Error::<Test>::ZeroAmount
		);
		assert_noop!(
			Dam::withdraw(RuntimeOrigin::signed(ALICE), id, 1_000_001, MAX_TOKENS),
			Error::<Test>::InsufficientShares
		);
		assert_noop!(
			Dam::withdraw(RuntimeOrigin::signed(BOB), id, 1, MAX_TOKENS),
			Error::<Test>::InsufficientShares
		);
		assert_noop!(
			Dam::withdraw(RuntimeOrigin::signed(ALICE), id, 1, MAX_TOKENS),
			Error::<Test>::WithdrawalTooSmall
		);
		assert_noop!(
			Dam::withdraw(RuntimeOrigin::signed(ALICE), 9, 1, MAX_TOKENS),
			Error::<Test>::DamNotFound
		);
		assert_ok!(Dam::deposit(
			RuntimeOrigin::signed(ALICE),
			collateral,
			1_000,
			ANY_FEE,
			MAX_TOKENS
		));
		assert_noop!(
			Dam::withdraw(RuntimeOrigin::signed(ALICE), collateral, 1_000, MAX_TOKENS),
			Error::<Test>::TwoStepWithdrawal
		);
	});
}

#[test]
fn a_deposit_worth_no_share_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		let mut c = config(NetworkKind::Growth);
		c.fee = Perbill::from_percent(20);
		let id = create(c);
		// 20% of 1 rounds down to 0, so the whole unit mints 1,000 shares: no refusal.
		assert_ok!(Dam::deposit(RuntimeOrigin::signed(ALICE), id, 1, ANY_FEE, MAX_TOKENS));
		assert_eq!(Shares::<Test>::get(id, ALICE), 1_000.into());
		assert_eq!(Dam::quote_deposit(id, 0), None);
	});
}

#[test]
fn a_donation_to_an_empty_dam_steals_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		let id = create(config(NetworkKind::Growth));
		let attacker = CHARLIE;
		assert_ok!(Dam::deposit(RuntimeOrigin::signed(attacker), id, 1, ANY_FEE, MAX_TOKENS));
		// The attacker sends a large amount straight to the DAM's account.
		assert_ok!(<Assets as Mutate<_>>::transfer(
			USD,
			&attacker,
			&Dam::dam_account(id),
			1_000_000,
			frame_support::traits::tokens::Preservation::Preserve
		));
		assert_ok!(Dam::deposit(RuntimeOrigin::signed(ALICE), id, 1_000, ANY_FEE, MAX_TOKENS));
		let alice_shares = Shares::<Test>::get(id, ALICE);
		assert_eq!(alice_shares, 1_000_000.into());
		assert_ok!(Dam::withdraw(RuntimeOrigin::signed(ALICE), id, alice_shares.0, MAX_TOKENS));
		assert_eq!(usd_balance(ALICE), ENDOWMENT, "the victim gets back all it put in");
		// The attacker gets back its own unit only; the donation stays in the DAM's account,
		// off the books.
		let attacker_shares = Shares::<Test>::get(id, attacker);
		assert_ok!(Dam::withdraw(
			RuntimeOrigin::signed(attacker),
			id,
			attacker_shares.0,
			MAX_TOKENS
		));
		assert_eq!(usd_balance(attacker), ENDOWMENT - 1_000_000);
		assert_eq!(usd_balance(Dam::dam_account(id)), 1_000_000);
		assert_eq!(Dams::<Test>::get(id).unwrap().idle, 0);
	});
}
