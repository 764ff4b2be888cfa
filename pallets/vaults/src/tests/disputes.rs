//! Dispute vaults: a penalty locked by the DAM pallet's `slash`, opened only through
//! `open_dispute_vault`.

use super::*;
use frame_support::{assert_noop, assert_ok};
use nektar_primitives::VaultsInterface;

/// A Collateral DAM installed into a live Collateral Network, slashed `amount` until block 50:
/// the Network, the DAM and the dispute vault.
fn penalty(amount: Balance) -> (NetworkId, DamId, VaultId) {
	let network = live_network(NetworkKind::Collateral);
	let dam = installed_dam(NetworkKind::Collateral, network);
	let vault = MockDams::slash(dam, network, amount, 50).expect("idle assets cover it");
	(network, dam, vault)
}

#[test]
fn a_dispute_vault_does_not_open_by_release() {
	ExtBuilder::default().build_and_execute(|| {
		let (network, dam, vault) = penalty(300);
		assert_eq!(
			events().last(),
			Some(&Event::VaultLocked {
				vault,
				kind: VaultKind::Dispute,
				dam,
				network,
				asset: usd(),
				amount: 300,
				unlock_at: 50,
			})
		);
		// A dispute vault is no debt.
		assert!(!Debts::<Test>::contains_key(network));

		run_to_block(50);
		assert_noop!(
			Vaults::release(RuntimeOrigin::signed(STRANGER), vault),
			Error::<Test>::DisputeVault
		);
		assert_noop!(
			Vaults::withdraw_released(RuntimeOrigin::signed(NET_MANAGER), vault),
			Error::<Test>::NotGrowthVault
		);
	});
}

#[test]
fn open_dispute_vault_pays_the_whole_penalty_whatever_its_lock() {
	ExtBuilder::default().build_and_execute(|| {
		let (network, dam, vault) = penalty(300);
		let before = usd_balance(STRANGER);

		assert_eq!(<Vaults as VaultsInterface>::open_dispute_vault(vault, &STRANGER), Ok(300));

		assert_eq!(usd_balance(STRANGER), before + 300);
		assert_eq!(usd_balance(Vaults::account()), 0);
		assert!(!StoredVaults::<Test>::contains_key(vault));
		assert!(!NetworkVaults::<Test>::contains_key(network, vault));
		assert_eq!(
			events().last(),
			Some(&Event::DisputeVaultOpened { vault, network, dam, to: STRANGER, amount: 300 })
		);
		assert_ok!(MockDams::penalty_executed(dam, vault));
		assert_noop!(
			<Vaults as VaultsInterface>::open_dispute_vault(vault, &STRANGER),
			Error::<Test>::VaultNotFound
		);
	});
}

#[test]
fn only_a_dispute_vault_holds_a_penalty() {
	ExtBuilder::default().build_and_execute(|| {
		let (network, dam, first) = penalty(300);
		let second = MockDams::slash(dam, network, 200, 60).expect("idle assets cover it");
		let (other_network, other_dam, other) = penalty(100);
		let liquidity = live_network(NetworkKind::Liquidity);
		let lender = installed_dam(NetworkKind::Liquidity, liquidity);
		let loan_vault = allocate(lender, liquidity, 1_000);

		assert_noop!(
			<Vaults as VaultsInterface>::open_dispute_vault(loan_vault, &STRANGER),
			Error::<Test>::NotDisputeVault
		);
		let mut listed = <Vaults as VaultsInterface>::dispute_vaults_of(dam);
		listed.sort();
		assert_eq!(listed, vec![(first, network, 300), (second, network, 200)]);
		assert_eq!(
			<Vaults as VaultsInterface>::dispute_vaults_of(other_dam),
			vec![(other, other_network, 100)]
		);
		assert_eq!(<Vaults as VaultsInterface>::dispute_vaults_of(lender), vec![]);
	});
}
