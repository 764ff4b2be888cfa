//! Liquidity default: after the grace period, the loans are written off and the return bond
//! compensates the DAMs owed, pro rata.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold};
use nektar_primitives::NetworkStatus;
use pallet_dam::*;
use pallet_vaults::{Debts, Error as VaultError, Loans};

fn native(who: AccountId) -> Balance {
	Balances::free_balance(who)
}

/// Two DAMs lend 1,000 and 3,000 to one Network; both vaults are released.
fn two_loans() -> (DamId, DamId, NetworkId) {
	let network = live_network(NetworkKind::Liquidity, 1_000_000);
	let first = create(config(NetworkKind::Liquidity));
	let second = create(config(NetworkKind::Liquidity));
	for (dam, who, amount) in [(first, ALICE, 1_000), (second, BOB, 3_000)] {
		install(dam, network);
		assert_ok!(Dam::deposit(RuntimeOrigin::signed(who), dam, amount, ANY_FEE, MAX_TOKENS));
		assert_ok!(Dam::allocate(RuntimeOrigin::signed(MANAGER), dam, network, amount));
	}
	run_to_block(11);
	assert_ok!(Vaults::release(RuntimeOrigin::signed(CHARLIE), 0));
	assert_ok!(Vaults::release(RuntimeOrigin::signed(CHARLIE), 1));
	(first, second, network)
}

#[test]
fn default_writes_the_loans_off_and_pays_the_bond_pro_rata() {
	ExtBuilder::default().build_and_execute(|| {
		let (first, second, network) = two_loans();
		assert_ok!(Vaults::repay(RuntimeOrigin::signed(STRANGER), network, second, 1_000));
		// Owed: 1,000 to the first DAM and 2,000 to the second.

		assert_noop!(
			Vaults::declare_default(RuntimeOrigin::signed(CHARLIE), network),
			VaultError::<Test>::NetworkNotEnded
		);
		end_network(network);
		// The duration ended at block 1,001; the grace is 5 blocks.
		run_to_block(1_005);
		assert_noop!(
			Vaults::declare_default(RuntimeOrigin::signed(CHARLIE), network),
			VaultError::<Test>::DefaultTooEarly
		);
		run_to_block(1_006);
		let (first_native, second_native) =
			(native(Dam::dam_account(first)), native(Dam::dam_account(second)));
		assert_ok!(Vaults::declare_default(RuntimeOrigin::signed(CHARLIE), network));

		// 500 of bond: a third to the first DAM, two thirds to the second, all of it paid.
		assert_eq!(native(Dam::dam_account(first)), first_native + 166);
		assert_eq!(native(Dam::dam_account(second)), second_native + 334);
		assert_eq!(
			Balances::balance_on_hold(
				&pallet_marketplace::HoldReason::ReturnBond.into(),
				&NET_MANAGER
			),
			0
		);
		assert_eq!(
			pallet_marketplace::Networks::<Test>::get(network).unwrap().status,
			NetworkStatus::Defaulted
		);
		assert_eq!(Loans::<Test>::iter_prefix(network).count(), 0);
		assert!(!Debts::<Test>::contains_key(network));
		assert_eq!(
			vault_events().last(),
			Some(&pallet_vaults::Event::NetworkDefaulted {
				network,
				written_off: 3_000,
				bond_paid: 500
			})
		);

		// The loss leaves the books: the first DAM is worth nothing, the second 1,000.
		let info = Dams::<Test>::get(first).unwrap();
		assert_eq!((info.idle, info.lent, info.recovery), (0, 0, 166));
		let info = Dams::<Test>::get(second).unwrap();
		assert_eq!((info.idle, info.lent, info.recovery), (1_000, 0, 334));
		assert_eq!(Dam::quote_withdrawal(second, 3_000_000), Some(1_000));

		// The shareholders of the moment claim the compensation.
		let before = native(ALICE);
		assert_ok!(Dam::claim_recovery(RuntimeOrigin::signed(ALICE), first));
		assert_eq!(native(ALICE), before + 166);
		assert_noop!(
			Dam::claim_recovery(RuntimeOrigin::signed(ALICE), first),
			Error::<Test>::NothingToClaim
		);
		assert_noop!(
			Dam::claim_recovery(RuntimeOrigin::signed(CHARLIE), second),
			Error::<Test>::NothingToClaim
		);

		// A later holder of the second DAM's shares gets nothing of it: Bob's claim is his.
		assert_ok!(Dam::transfer_shares(
			RuntimeOrigin::signed(BOB),
			second,
			CHARLIE,
			1_500_000,
			MAX_TOKENS
		));
		assert_noop!(
			Dam::claim_recovery(RuntimeOrigin::signed(CHARLIE), second),
			Error::<Test>::NothingToClaim
		);
		let before = native(BOB);
		assert_ok!(Dam::claim_recovery(RuntimeOrigin::signed(BOB), second));
		assert_eq!(native(BOB), before + 333);

		// Defaulting twice, or repaying a written-off loan, fails.
		assert_noop!(
			Vaults::declare_default(RuntimeOrigin::signed(CHARLIE), network),
			VaultError::<Test>::AlreadyDefaulted
		);
		assert_noop!(
			Vaults::repay(RuntimeOrigin::signed(STRANGER), network, first, 1),
			VaultError::<Test>::NetworkDefaulted
		);
		// With the loans gone, the DAMs can uninstall.
		assert_ok!(Dam::uninstall(RuntimeOrigin::signed(MANAGER), first, network));
	});
}

#[test]
fn nothing_owed_means_no_default() {
	ExtBuilder::default().build_and_execute(|| {
		let (first, second, network) = two_loans();
		assert_ok!(Vaults::repay(RuntimeOrigin::signed(STRANGER), network, first, 1_000));
		assert_ok!(Vaults::repay(RuntimeOrigin::signed(STRANGER), network, second, 3_000));
		end_network(network);
		run_to_block(1_006);
		assert_noop!(
			Vaults::declare_default(RuntimeOrigin::signed(CHARLIE), network),
			VaultError::<Test>::NothingOwed
		);
	});
}

#[test]
fn a_vault_that_opens_after_the_default_goes_back_to_the_dam() {
	ExtBuilder::default().build_and_execute(|| {
		let (first, _, network) = two_loans();
		// A third allocation, locked when the Network defaults.
		run_to_block(995);
		assert_ok!(Dam::deposit(RuntimeOrigin::signed(CHARLIE), first, 500, ANY_FEE, MAX_TOKENS));
		assert_ok!(Dam::allocate(RuntimeOrigin::signed(MANAGER), first, network, 500));
		end_network(network);
		run_to_block(1_006);
		assert_ok!(Vaults::declare_default(RuntimeOrigin::signed(CHARLIE), network));
		assert_eq!(Dams::<Test>::get(first).unwrap().lent, 500);
		assert_ok!(Vaults::release(RuntimeOrigin::signed(CHARLIE), 2));
		let info = Dams::<Test>::get(first).unwrap();
		assert_eq!((info.idle, info.lent), (500, 0));
		assert_ok!(Dam::withdraw(
			RuntimeOrigin::signed(CHARLIE),
			first,
			Shares::<Test>::get(first, CHARLIE).0,
			MAX_TOKENS
		));
	});
}
