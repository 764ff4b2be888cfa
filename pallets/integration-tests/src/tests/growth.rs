//! Growth: an allocation is a sale. The exchange rate falls at once, the DAM closes to
//! deposits, and the Network's manager takes the assets when the vault opens.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok};
use pallet_dam::*;
use pallet_vaults::{Error as VaultError, VaultState, Vaults as VaultStore};

#[test]
fn an_allocation_lowers_the_rate_and_closes_deposits() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = funded_installation(NetworkKind::Growth);
		assert_eq!(Dam::quote_withdrawal(dam, 1_000_000), Some(1_000));
		assert_ok!(Dam::allocate(RuntimeOrigin::signed(MANAGER), dam, network, 1_200));
		let info = Dams::<Test>::get(dam).unwrap();
		assert_eq!((info.idle, info.lent, info.closed), (800, 0, true));
		// Each share is worth 40% of what it was.
		assert_eq!(Dam::quote_withdrawal(dam, 1_000_000), Some(400));
		assert!(events().contains(&Event::DepositsClosed { dam }));
		assert_noop!(
			Dam::deposit(RuntimeOrigin::signed(CHARLIE), dam, 100, ANY_FEE, MAX_TOKENS),
			Error::<Test>::DepositsClosed
		);
		// Shares still change hands, and what is idle can leave.
		assert_ok!(Dam::transfer_shares(
			RuntimeOrigin::signed(BOB),
			dam,
			CHARLIE,
			500_000,
			MAX_TOKENS
		));
		assert_ok!(Dam::withdraw(RuntimeOrigin::signed(ALICE), dam, 1_000_000, MAX_TOKENS));
		assert_eq!(usd_balance(ALICE), ENDOWMENT - 600);
		// A second allocation, from what is left.
		assert_ok!(Dam::allocate(RuntimeOrigin::signed(MANAGER), dam, network, 300));
		assert_eq!(
			pallet_marketplace::Installations::<Test>::get(network, dam).unwrap().exposure,
			1_500
		);
	});
}

#[test]
fn the_manager_takes_a_released_vault_and_it_never_returns() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = funded_installation(NetworkKind::Growth);
		assert_ok!(Dam::allocate(RuntimeOrigin::signed(MANAGER), dam, network, 1_200));
		assert_noop!(
			Vaults::withdraw_released(RuntimeOrigin::signed(NET_MANAGER), 0),
			VaultError::<Test>::NotReleased
		);
		assert_noop!(
			Vaults::release(RuntimeOrigin::signed(CHARLIE), 0),
			VaultError::<Test>::VaultLocked
		);
		run_to_block(11);
		assert_ok!(Vaults::release(RuntimeOrigin::signed(CHARLIE), 0));
		assert_eq!(VaultStore::<Test>::get(0).unwrap().state, VaultState::Released);
		assert_noop!(
			Vaults::release(RuntimeOrigin::signed(CHARLIE), 0),
			VaultError::<Test>::AlreadyReleased
		);
		assert_noop!(
			Vaults::withdraw_released(RuntimeOrigin::signed(CHARLIE), 0),
			VaultError::<Test>::NotNetworkManager
		);
		let before = usd_balance(NET_MANAGER);
		assert_ok!(Vaults::withdraw_released(RuntimeOrigin::signed(NET_MANAGER), 0));
		assert_eq!(usd_balance(NET_MANAGER), before + 1_200);
		assert_eq!(usd_balance(vault_account()), 0);
		assert!(!VaultStore::<Test>::contains_key(0));
		assert_noop!(
			Vaults::withdraw_released(RuntimeOrigin::signed(NET_MANAGER), 0),
			VaultError::<Test>::VaultNotFound
		);

		// The installation stays until the Network is over.
		assert_noop!(
			Dam::uninstall(RuntimeOrigin::signed(MANAGER), dam, network),
			Error::<Test>::AllocationOutstanding
		);
		end_network(network);
		assert_ok!(Dam::uninstall(RuntimeOrigin::signed(MANAGER), dam, network));
		// Delegators leave with what was never allocated.
		assert_ok!(Dam::withdraw(RuntimeOrigin::signed(ALICE), dam, 1_000_000, MAX_TOKENS));
		assert_ok!(Dam::withdraw(RuntimeOrigin::signed(BOB), dam, 1_000_000, MAX_TOKENS));
		// Rounding keeps at most one unit in the DAM.
		let left = usd_balance(ALICE) + usd_balance(BOB);
		assert!((2 * ENDOWMENT - 1_201..=2 * ENDOWMENT - 1_200).contains(&left));
	});
}
