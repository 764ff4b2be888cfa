//! Growth vaults: released for the Network's manager, who takes the assets for good.

use super::*;
use frame_support::{assert_noop, assert_ok};
use polkadot_sdk::sp_runtime::DispatchError;

/// A live Growth Network with one DAM that allocated 1,000 to it: the Network, the DAM and
/// the vault.
fn growth_vault() -> (NetworkId, DamId, VaultId) {
	let network = live_network(NetworkKind::Growth);
	let dam = installed_dam(NetworkKind::Growth, network);
	let vault = allocate(dam, network, 1_000);
	(network, dam, vault)
}

#[test]
fn release_opens_a_growth_vault_for_the_manager() {
	ExtBuilder::default().build_and_execute(|| {
		let (network, dam, vault) = growth_vault();
		assert_noop!(
			Vaults::release(RuntimeOrigin::signed(STRANGER), vault),
			Error::<Test>::VaultLocked
		);
		unlock();
		assert_ok!(Vaults::release(RuntimeOrigin::signed(STRANGER), vault));

		assert_eq!(StoredVaults::<Test>::get(vault).map(|v| v.state), Some(VaultState::Released));
		// The assets wait in the vault; nobody owes anything.
		assert_eq!(usd_balance(Vaults::account()), 1_000);
		assert!(!Debts::<Test>::contains_key(network));
		assert!(!Loans::<Test>::contains_key(network, dam));
		assert_eq!(
			events().last(),
			Some(&Event::VaultReleased { vault, network, dam, amount: 1_000 })
		);
		assert_noop!(
			Vaults::release(RuntimeOrigin::signed(STRANGER), vault),
			Error::<Test>::AlreadyReleased
		);
	});
}

#[test]
fn the_manager_withdraws_a_released_growth_vault() {
	ExtBuilder::default().build_and_execute(|| {
		let (network, dam, vault) = growth_vault();
		unlock();
		assert_ok!(Vaults::release(RuntimeOrigin::signed(STRANGER), vault));
		let before = usd_balance(NET_MANAGER);

		assert_ok!(Vaults::withdraw_released(RuntimeOrigin::signed(NET_MANAGER), vault));

		assert_eq!(usd_balance(NET_MANAGER), before + 1_000);
		assert_eq!(usd_balance(Vaults::account()), 0);
		assert!(!StoredVaults::<Test>::contains_key(vault));
		assert!(!NetworkVaults::<Test>::contains_key(network, vault));
		// Spent for good: nothing comes back to the DAM's books.
		let books = MockDams::books(dam).unwrap();
		assert_eq!((books.idle, books.lent), (DEPOSIT - 1_000, 0));
		assert_eq!(
			events().last(),
			Some(&Event::ReleasedWithdrawn { vault, network, manager: NET_MANAGER, amount: 1_000 })
		);
		assert_noop!(
			Vaults::withdraw_released(RuntimeOrigin::signed(NET_MANAGER), vault),
			Error::<Test>::VaultNotFound
		);
	});
}

#[test]
fn withdraw_released_rejects_the_wrong_caller_or_vault() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, _, vault) = growth_vault();
		let liquidity = live_network(NetworkKind::Liquidity);
		let lender = installed_dam(NetworkKind::Liquidity, liquidity);
		let liquidity_vault = allocate(lender, liquidity, 1_000);
		let withdraw = |who, vault| Vaults::withdraw_released(RuntimeOrigin::signed(who), vault);

		assert_noop!(withdraw(NET_MANAGER, 77), Error::<Test>::VaultNotFound);
		assert_noop!(withdraw(NET_MANAGER, liquidity_vault), Error::<Test>::NotGrowthVault);
		assert_noop!(withdraw(STRANGER, vault), Error::<Test>::NotNetworkManager);
		assert_noop!(withdraw(NET_MANAGER, vault), Error::<Test>::NotReleased);
		assert_noop!(
			Vaults::withdraw_released(RuntimeOrigin::none(), vault),
			DispatchError::BadOrigin
		);
		unlock();
		assert_noop!(withdraw(NET_MANAGER, vault), Error::<Test>::NotReleased);
		assert_ok!(Vaults::release(RuntimeOrigin::signed(STRANGER), vault));
		assert_noop!(withdraw(STRANGER, vault), Error::<Test>::NotNetworkManager);
		assert_ok!(withdraw(NET_MANAGER, vault));
	});
}
