//! Locking: what the DAM pallet's allocations and penalties put into vaults.

use super::*;
use frame_support::assert_noop;
use nektar_primitives::VaultsInterface;

#[test]
fn lock_moves_the_assets_into_a_new_vault() {
	ExtBuilder::default().build_and_execute(|| {
		let network = live_network(NetworkKind::Liquidity);
		let dam = installed_dam(NetworkKind::Liquidity, network);
		let dam_account = MockDams::account(dam);
		run_to_block(3);

		let vault = allocate(dam, network, 1_000);

		assert_eq!(vault, 0);
		assert_eq!(NextVaultId::<Test>::get(), 1);
		assert_eq!(
			StoredVaults::<Test>::get(vault),
			Some(Vault {
				kind: VaultKind::Liquidity,
				asset: usd(),
				amount: 1_000,
				dam,
				network,
				locked_at: 3,
				unlock_at: 3 + LOCK_PERIOD,
				state: VaultState::Locked,
			})
		);
		assert!(NetworkVaults::<Test>::contains_key(network, vault));
		assert_eq!(usd_balance(dam_account), DEPOSIT - 1_000);
		assert_eq!(usd_balance(Vaults::account()), 1_000);
		// A locked Liquidity vault is owed once released.
		assert_eq!(
			Debts::<Test>::get(network),
			Debt { outstanding: 0, locked: 1_000, creditors: 0 }
		);
		assert_eq!(
			events().last(),
			Some(&Event::VaultLocked {
				vault,
				kind: VaultKind::Liquidity,
				dam,
				network,
				asset: usd(),
				amount: 1_000,
				unlock_at: 3 + LOCK_PERIOD,
			})
		);
	});
}

#[test]
fn a_growth_lock_is_no_debt() {
	ExtBuilder::default().build_and_execute(|| {
		let network = live_network(NetworkKind::Growth);
		let dam = installed_dam(NetworkKind::Growth, network);
		let first = allocate(dam, network, 600);
		let second = allocate(dam, network, 400);

		assert_eq!((first, second), (0, 1));
		assert_eq!(StoredVaults::<Test>::get(second).map(|v| v.kind), Some(VaultKind::Growth));
		assert_eq!(usd_balance(Vaults::account()), 1_000);
		assert!(!Debts::<Test>::contains_key(network));
	});
}

#[test]
fn lock_rejects_a_zero_amount_and_exhausted_ids() {
	ExtBuilder::default().build_and_execute(|| {
		let network = live_network(NetworkKind::Growth);
		let dam = installed_dam(NetworkKind::Growth, network);
		let from = MockDams::account(dam);
		let lock = |amount| Vaults::lock(VaultKind::Growth, network, dam, usd(), amount, &from, 20);

		assert_noop!(lock(0), Error::<Test>::ZeroAmount);
		NextVaultId::<Test>::put(VaultId::MAX);
		assert_noop!(lock(100), Error::<Test>::VaultIdOverflow);
		// The last id is still given out.
		NextVaultId::<Test>::put(VaultId::MAX - 1);
		assert_eq!(lock(100), Ok(VaultId::MAX - 1));
		assert_eq!(NextVaultId::<Test>::get(), VaultId::MAX);
	});
}
