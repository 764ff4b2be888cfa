//! What the vaults pallet offers the DAM pallet.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{fungibles::Mutate as _, tokens::Preservation},
};
use nektar_primitives::{DamId, NetworkId, VaultId, VaultKind, VaultsInterface};
use polkadot_sdk::{frame_support, frame_system, sp_runtime};
use sp_runtime::traits::{CheckedAdd, Zero};

impl<T: Config> VaultsInterface for Pallet<T> {
	type AccountId = T::AccountId;
	type AssetKind = T::AssetKind;
	type Balance = BalanceOf<T>;
	type BlockNumber = BlockNumberOf<T>;

	fn lock(
		kind: VaultKind,
		network: NetworkId,
		dam: DamId,
		asset: T::AssetKind,
		amount: BalanceOf<T>,
		from: &T::AccountId,
		unlock_at: BlockNumberOf<T>,
	) -> Result<VaultId, DispatchError> {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let id = NextVaultId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::VaultIdOverflow)?;
		let account = Self::account();
		// The vaults' account must exist whatever its balances, like any pallet account.
		if frame_system::Pallet::<T>::providers(&account) == 0 {
			frame_system::Pallet::<T>::inc_providers(&account);
		}
		if kind == VaultKind::Liquidity {
			let mut debt = Debts::<T>::get(network);
			debt.locked = debt.locked.checked_add(&amount).ok_or(Error::<T>::Overflow)?;
			Self::put_debt(network, debt);
		}
		T::Assets::transfer(asset.clone(), from, &account, amount, Preservation::Expendable)?;
		Vaults::<T>::insert(
			id,
			Vault {
				kind,
				asset: asset.clone(),
				amount,
				dam,
				network,
				locked_at: frame_system::Pallet::<T>::block_number(),
				unlock_at,
				state: VaultState::Locked,
			},
		);
		NetworkVaults::<T>::insert(network, id, ());
		NextVaultId::<T>::put(next);
		Self::deposit_event(Event::VaultLocked {
			vault: id,
			kind,
			dam,
			network,
			asset,
			amount,
			unlock_at,
		});
		Ok(id)
	}

	fn open_dispute_vault(id: VaultId, to: &T::AccountId) -> Result<BalanceOf<T>, DispatchError> {
		let vault = Vaults::<T>::get(id).ok_or(Error::<T>::VaultNotFound)?;
		ensure!(vault.kind == VaultKind::Dispute, Error::<T>::NotDisputeVault);
		T::Assets::transfer(
			vault.asset.clone(),
			&Self::account(),
			to,
			vault.amount,
			Preservation::Expendable,
		)?;
		Vaults::<T>::remove(id);
		NetworkVaults::<T>::remove(vault.network, id);
		Self::deposit_event(Event::DisputeVaultOpened {
			vault: id,
			network: vault.network,
			dam: vault.dam,
			to: to.clone(),
			amount: vault.amount,
		});
		Ok(vault.amount)
	}

	fn earliest_loan_end(dam: DamId) -> Option<BlockNumberOf<T>> {
		LoanEnds::<T>::get(dam).iter().map(|(_, end)| *end).min()
	}

	fn dispute_vaults_of(dam: DamId) -> Vec<(VaultId, NetworkId, BalanceOf<T>)> {
		Vaults::<T>::iter()
			.filter(|(_, vault)| vault.dam == dam && vault.kind == VaultKind::Dispute)
			.map(|(id, vault)| (id, vault.network, vault.amount))
			.collect()
	}
}
