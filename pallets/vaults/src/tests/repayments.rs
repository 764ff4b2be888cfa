//! Repayments: assets back to the DAM, the loan and the debt shrink, and settling an ended
//! Network's debt releases its return bond.

use super::*;
use frame_support::{assert_noop, assert_ok};
use polkadot_sdk::sp_runtime::{DispatchError, TokenError};

#[test]
fn a_partial_repayment_returns_assets_to_the_dam() {
	ExtBuilder::default().build_and_execute(|| {
		let (network, dams) = loans(&[1_000]);
		let dam = dams[0];
		let (safe_before, dam_before) = (usd_balance(SAFE), usd_balance(MockDams::account(dam)));

		assert_ok!(Vaults::repay(RuntimeOrigin::signed(SAFE), network, dam, 400));

		assert_eq!(usd_balance(SAFE), safe_before - 400);
		assert_eq!(usd_balance(MockDams::account(dam)), dam_before + 400);
		let books = MockDams::books(dam).unwrap();
		assert_eq!((books.idle, books.lent), (DEPOSIT - 600, 600));
		assert_eq!(exposure(network, dam), 600);
		assert_eq!(Loans::<Test>::get(network, dam), Some(600));
		assert_eq!(Debts::<Test>::get(network), Debt { outstanding: 600, locked: 0, creditors: 1 });
		assert_eq!(
			events().last(),
			Some(&Event::Repaid { network, dam, payer: SAFE, amount: 400, remaining: 600 })
		);
	});
}

#[test]
fn anyone_may_repay_a_loan_in_full() {
	ExtBuilder::default().build_and_execute(|| {
		let (network, dams) = loans(&[1_000, 2_000]);
		let before = usd_balance(BOB);

		assert_ok!(Vaults::repay(RuntimeOrigin::signed(BOB), network, dams[0], 1_000));

		assert_eq!(usd_balance(BOB), before - 1_000);
		assert_eq!(Loans::<Test>::get(network, dams[0]), None);
		assert_eq!(
			Debts::<Test>::get(network),
			Debt { outstanding: 2_000, locked: 0, creditors: 1 }
		);
		assert_eq!(MockDams::books(dams[0]).unwrap().lent, 0);
		assert_eq!(
			events().last(),
			Some(&Event::Repaid { network, dam: dams[0], payer: BOB, amount: 1_000, remaining: 0 })
		);
		// A live Network keeps its bond, even owing nothing.
		assert_ok!(Vaults::repay(RuntimeOrigin::signed(BOB), network, dams[1], 2_000));
		assert!(!Debts::<Test>::contains_key(network));
		assert_eq!(view(network).bond, BOND);
	});
}

#[test]
fn settling_an_ended_networks_debt_releases_its_bond() {
	ExtBuilder::default().build_and_execute(|| {
		let (network, dams) = loans(&[1_000, 2_000]);
		end(network);
		let manager_before = native_balance(NET_MANAGER);

		assert_ok!(Vaults::repay(RuntimeOrigin::signed(SAFE), network, dams[0], 1_000));
		assert_eq!(view(network).bond, BOND);
		assert_ok!(Vaults::repay(RuntimeOrigin::signed(SAFE), network, dams[1], 2_000));

		assert_eq!(view(network).bond, 0);
		assert_eq!(native_balance(NET_MANAGER), manager_before + BOND);
		assert!(!Debts::<Test>::contains_key(network));
	});
}

#[test]
fn a_locked_liquidity_vault_keeps_the_bond_on_hold() {
	ExtBuilder::default().build_and_execute(|| {
		let (network, dams) = loans(&[1_000]);
		let ends_at = view(network).ends_at().unwrap();
		run_to_block(ends_at - 1);
		let late = allocate(dams[0], network, 500);
		end(network);

		assert_ok!(Vaults::repay(RuntimeOrigin::signed(SAFE), network, dams[0], 1_000));
		// Nothing is on loan, but the late vault is still owed.
		assert_eq!(Debts::<Test>::get(network), Debt { outstanding: 0, locked: 500, creditors: 0 });
		assert_eq!(view(network).bond, BOND);

		// It opens after the end and goes back to the DAM; the bond waits for `release_bond`.
		run_to_block(ends_at - 1 + LOCK_PERIOD);
		assert_ok!(Vaults::release(RuntimeOrigin::signed(STRANGER), late));
		assert!(!Debts::<Test>::contains_key(network));
		assert_eq!(view(network).bond, BOND);
		assert_ok!(Vaults::release_bond(RuntimeOrigin::signed(STRANGER), network));
		assert_eq!(view(network).bond, 0);
	});
}

#[test]
fn repay_rejects_bad_input() {
	// Bob holds nothing.
	let endowed = [NET_MANAGER, SAFE, DAM_MANAGER, ALICE, STRANGER];
	let balances = endowed.iter().map(|who| (*who, ENDOWMENT)).collect();
	ExtBuilder::default().with_balances(balances).build_and_execute(|| {
		let (network, dams) = loans(&[1_000]);
		let dam = dams[0];
		let idle = installed_dam(NetworkKind::Liquidity, network);
		let repay = |who, network, dam, amount| {
			Vaults::repay(RuntimeOrigin::signed(who), network, dam, amount)
		};

		assert_noop!(repay(SAFE, network, dam, 0), Error::<Test>::ZeroAmount);
		assert_noop!(repay(SAFE, 77, dam, 100), Error::<Test>::NetworkNotFound);
		assert_noop!(repay(SAFE, network, idle, 100), Error::<Test>::NoLoan);
		assert_noop!(repay(SAFE, network, dam, 1_001), Error::<Test>::RepayExceedsDebt);
		assert_noop!(repay(SAFE, network, dam, Balance::MAX), Error::<Test>::RepayExceedsDebt);
		assert_noop!(repay(BOB, network, dam, 100), TokenError::FundsUnavailable);
		assert_noop!(
			Vaults::repay(RuntimeOrigin::none(), network, dam, 100),
			DispatchError::BadOrigin
		);
	});
}
