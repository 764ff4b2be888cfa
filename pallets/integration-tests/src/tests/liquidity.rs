//! Liquidity: allocations are loans. The vault pays the Network's safe, the loan stays on the
//! DAM's books, and the safe repays.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold};
use pallet_dam::*;
use pallet_vaults::{Debt, Debts, Loans, Vaults as VaultStore};

const SAFE: AccountId = STRANGER;

#[test]
fn a_loan_leaves_the_exchange_rate_alone_and_only_idle_assets_can_leave() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = funded_installation(NetworkKind::Liquidity);
		let rate_before = Dam::quote_withdrawal(dam, 1_000_000);
		assert_ok!(Dam::allocate(RuntimeOrigin::signed(MANAGER), dam, network, 1_500));
		let info = Dams::<Test>::get(dam).unwrap();
		assert_eq!((info.idle, info.lent), (500, 1_500));
		assert_eq!(Dam::quote_withdrawal(dam, 1_000_000), rate_before);
		assert_eq!(usd_balance(Dam::dam_account(dam)), 500);
		assert_eq!(usd_balance(vault_account()), 1_500);
		assert_eq!(
			Debts::<Test>::get(network),
			Debt { outstanding: 0, locked: 1_500, creditors: 0 }
		);
		assert_eq!(
			events().last(),
			Some(&Event::Allocated { dam, network, amount: 1_500, vault: 0, unlock_at: 11 })
		);
		assert_eq!(
			pallet_marketplace::Installations::<Test>::get(network, dam).unwrap().exposure,
			1_500
		);

		// Alice's 1,000 are on the books, but only 500 are idle.
		assert_noop!(
			Dam::withdraw(RuntimeOrigin::signed(ALICE), dam, 1_000_000, MAX_TOKENS),
			Error::<Test>::InsufficientIdleAssets
		);
		assert_ok!(Dam::withdraw(RuntimeOrigin::signed(ALICE), dam, 400_000, MAX_TOKENS));
		assert_eq!(usd_balance(ALICE), ENDOWMENT - 600);
		// Deposits stay open.
		assert_ok!(Dam::deposit(RuntimeOrigin::signed(CHARLIE), dam, 100, ANY_FEE, MAX_TOKENS));
		assert_eq!(Shares::<Test>::get(dam, CHARLIE), 100_000.into());
	});
}

#[test]
fn release_pays_the_safe_and_repayment_comes_back_to_the_dam() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = funded_installation(NetworkKind::Liquidity);
		assert_ok!(Dam::allocate(RuntimeOrigin::signed(MANAGER), dam, network, 1_500));
		let safe_before = usd_balance(SAFE);

		run_to_block(10);
		assert_noop!(
			Vaults::release(RuntimeOrigin::signed(CHARLIE), 0),
			pallet_vaults::Error::<Test>::VaultLocked
		);
		run_to_block(11);
		assert_ok!(Vaults::release(RuntimeOrigin::signed(CHARLIE), 0));
		assert_eq!(usd_balance(SAFE), safe_before + 1_500);
		assert_eq!(usd_balance(vault_account()), 0);
		assert!(!VaultStore::<Test>::contains_key(0));
		assert_eq!(Loans::<Test>::get(network, dam), Some(1_500));
		assert_eq!(
			Debts::<Test>::get(network),
			Debt { outstanding: 1_500, locked: 0, creditors: 1 }
		);
		assert_eq!(
			vault_events().last(),
			Some(&pallet_vaults::Event::LoanOpened {
				vault: 0,
				network,
				dam,
				safe: SAFE,
				amount: 1_500,
				loan: 1_500
			})
		);
		assert_noop!(
			Vaults::release(RuntimeOrigin::signed(CHARLIE), 0),
			pallet_vaults::Error::<Test>::VaultNotFound
		);

		// A partial repayment, while the Network runs.
		assert_noop!(
			Vaults::repay(RuntimeOrigin::signed(SAFE), network, dam, 1_501),
			pallet_vaults::Error::<Test>::RepayExceedsDebt
		);
		assert_ok!(Vaults::repay(RuntimeOrigin::signed(SAFE), network, dam, 500));
		assert_eq!(usd_balance(SAFE), safe_before + 1_000);
		let info = Dams::<Test>::get(dam).unwrap();
		assert_eq!((info.idle, info.lent), (1_000, 1_000));
		assert_eq!(
			pallet_marketplace::Installations::<Test>::get(network, dam).unwrap().exposure,
			1_000
		);
		// The bond stays on hold until the debt is settled after the end.
		assert_eq!(
			Balances::balance_on_hold(
				&pallet_marketplace::HoldReason::ReturnBond.into(),
				&NET_MANAGER
			),
			500
		);

		end_network(network);
		assert_noop!(
			Vaults::release_bond(RuntimeOrigin::signed(CHARLIE), network),
			pallet_vaults::Error::<Test>::DebtOutstanding
		);
		assert_ok!(Vaults::repay(RuntimeOrigin::signed(SAFE), network, dam, 1_000));
		assert_eq!(usd_balance(SAFE), safe_before);
		assert_eq!(Loans::<Test>::get(network, dam), None);
		assert!(!Debts::<Test>::contains_key(network));
		let info = Dams::<Test>::get(dam).unwrap();
		assert_eq!((info.idle, info.lent), (2_000, 0));
		assert_eq!(usd_balance(Dam::dam_account(dam)), 2_000);
		assert_eq!(
			Balances::balance_on_hold(
				&pallet_marketplace::HoldReason::ReturnBond.into(),
				&NET_MANAGER
			),
			0
		);
		assert_noop!(
			Vaults::repay(RuntimeOrigin::signed(SAFE), network, dam, 1),
			pallet_vaults::Error::<Test>::NoLoan
		);

		// Everything is back: the DAM can uninstall and everyone leaves whole.
		assert_ok!(Dam::uninstall(RuntimeOrigin::signed(MANAGER), dam, network));
		assert_ok!(Dam::withdraw(RuntimeOrigin::signed(ALICE), dam, 1_000_000, MAX_TOKENS));
		assert_ok!(Dam::withdraw(RuntimeOrigin::signed(BOB), dam, 1_000_000, MAX_TOKENS));
		assert_eq!(usd_balance(ALICE), ENDOWMENT);
		assert_eq!(usd_balance(BOB), ENDOWMENT);
	});
}

#[test]
fn a_vault_that_opens_after_the_network_ended_goes_back_to_the_dam() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = funded_installation(NetworkKind::Liquidity);
		assert_ok!(Dam::allocate(RuntimeOrigin::signed(MANAGER), dam, network, 1_500));
		end_network(network);
		let safe_before = usd_balance(SAFE);
		assert_ok!(Vaults::release(RuntimeOrigin::signed(CHARLIE), 0));
		assert_eq!(usd_balance(SAFE), safe_before);
		assert_eq!(usd_balance(Dam::dam_account(dam)), 2_000);
		let info = Dams::<Test>::get(dam).unwrap();
		assert_eq!((info.idle, info.lent), (2_000, 0));
		assert_eq!(
			vault_events().last(),
			Some(&pallet_vaults::Event::VaultReturned { vault: 0, network, dam, amount: 1_500 })
		);
		// Nothing is owed: the bond can go back.
		assert_ok!(Vaults::release_bond(RuntimeOrigin::signed(CHARLIE), network));
		assert_noop!(
			Vaults::release_bond(RuntimeOrigin::signed(CHARLIE), network),
			pallet_vaults::Error::<Test>::NoBond
		);
	});
}

#[test]
fn allocations_follow_the_networks_caps_and_status() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = funded_installation(NetworkKind::Liquidity);
		assert_noop!(
			Dam::allocate(RuntimeOrigin::signed(MANAGER), dam, network, 2_001),
			Error::<Test>::InsufficientIdleAssets
		);
		assert_noop!(
			Dam::allocate(RuntimeOrigin::signed(MANAGER), dam, network, 99),
			pallet_marketplace::Error::<Test>::ExposureBelowMinimum
		);
		assert_ok!(Marketplace::suspend_network(RuntimeOrigin::root(), network));
		assert_noop!(
			Dam::allocate(RuntimeOrigin::signed(MANAGER), dam, network, 500),
			pallet_marketplace::Error::<Test>::NetworkNotLive
		);
		assert_ok!(Marketplace::resume_network(RuntimeOrigin::root(), network));
		assert_ok!(Dam::allocate(RuntimeOrigin::signed(MANAGER), dam, network, 500));
		// A loan outstanding keeps the installation.
		assert_noop!(
			Dam::uninstall(RuntimeOrigin::signed(MANAGER), dam, network),
			Error::<Test>::AllocationOutstanding
		);
		end_network(network);
		assert_noop!(
			Dam::allocate(RuntimeOrigin::signed(MANAGER), dam, network, 500),
			pallet_marketplace::Error::<Test>::NetworkNotLive
		);
	});
}
