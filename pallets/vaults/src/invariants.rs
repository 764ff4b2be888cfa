//! The vaults pallet's invariants, checked by `try_state`.

use crate::{pallet::*, types::*};
use alloc::collections::btree_map::BTreeMap;
use frame_support::{
	ensure,
	traits::{fungibles::Inspect, Get},
};
use nektar_primitives::{DamId, DamProvider, MarketplaceInspect, NetworkId, VaultKind};
use polkadot_sdk::{frame_support, sp_runtime};
use sp_runtime::{traits::Zero, Saturating, TryRuntimeError};

impl<T: Config> Pallet<T> {
	/// Checks every invariant of the vaults pallet.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let next = NextVaultId::<T>::get();
		let mut held: BTreeMap<T::AssetKind, BalanceOf<T>> = BTreeMap::new();
		let mut locked: BTreeMap<NetworkId, BalanceOf<T>> = BTreeMap::new();
		let mut lent: BTreeMap<DamId, BalanceOf<T>> = BTreeMap::new();

		for (id, vault) in Vaults::<T>::iter() {
			ensure!(id < next, "a vault id is at or above NextVaultId");
			ensure!(!vault.amount.is_zero(), "an empty vault is kept");
			ensure!(
				NetworkVaults::<T>::contains_key(vault.network, id),
				"a vault is missing from its Network's index"
			);
			held.entry(vault.asset.clone()).or_default().saturating_accrue(vault.amount);
			if vault.kind == VaultKind::Liquidity {
				ensure!(vault.state == VaultState::Locked, "a released Liquidity vault is kept");
				locked.entry(vault.network).or_default().saturating_accrue(vault.amount);
				lent.entry(vault.dam).or_default().saturating_accrue(vault.amount);
			}
		}
		ensure!(
			NetworkVaults::<T>::iter_keys().all(|(_, id)| Vaults::<T>::contains_key(id)),
			"the Network index lists a vault that is gone"
		);
		for (asset, amount) in held {
			ensure!(
				T::Assets::balance(asset, &Self::account()) >= amount,
				"the vaults' account holds less than its vaults"
			);
		}

		let mut outstanding: BTreeMap<NetworkId, (BalanceOf<T>, u32)> = BTreeMap::new();
		let mut loans = 0usize;
		for (network, dam, owed) in Loans::<T>::iter() {
			ensure!(!owed.is_zero(), "a repaid loan is kept");
			let end = T::Marketplace::network(network).and_then(|view| view.ends_at());
			ensure!(
				end.is_some_and(|end| LoanEnds::<T>::get(dam).contains(&(network, end))),
				"a loan is missing from its DAM's loan ends, or at another end"
			);
			loans.saturating_inc();
			let entry = outstanding.entry(network).or_default();
			entry.0.saturating_accrue(owed);
			entry.1.saturating_inc();
			lent.entry(dam).or_default().saturating_accrue(owed);
		}
		for (network, debt) in Debts::<T>::iter() {
			ensure!(debt != Debt::default(), "an empty debt is kept");
			let (owed, creditors) = outstanding.remove(&network).unwrap_or_default();
			ensure!(debt.outstanding == owed, "a Network's debt differs from its loans");
			ensure!(debt.creditors == creditors, "a Network's creditor count is off");
			ensure!(creditors <= T::MaxCreditors::get(), "a Network owes too many DAMs");
			ensure!(
				debt.locked == locked.remove(&network).unwrap_or_default(),
				"a Network's locked debt differs from its Liquidity vaults"
			);
		}
		ensure!(outstanding.is_empty(), "a loan is missing from its Network's debt");
		let mut ends = 0usize;
		for (_, list) in LoanEnds::<T>::iter() {
			ensure!(!list.is_empty(), "an empty list of loan ends is kept");
			ends.saturating_accrue(list.len());
		}
		ensure!(ends == loans, "a DAM's loan ends list a Network that owes it nothing");
		ensure!(
			locked.values().all(|l| l.is_zero()),
			"a Liquidity vault is missing from its Network's debt"
		);
		for (dam, amount) in lent {
			ensure!(
				T::Dams::lent(dam) == amount,
				"a DAM's lent assets differ from its vaults and loans"
			);
		}
		Ok(())
	}
}
