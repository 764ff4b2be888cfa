//! The bodies of the vaults pallet's calls.

use crate::{pallet::*, types::*};
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{fungibles::Mutate as _, tokens::Preservation},
};
use nektar_primitives::{
	DamId, DamProvider, InstallationLedger, MarketplaceInspect, MulDiv, NetworkId, NetworkKind,
	NetworkStatus, ReturnBonds, VaultId, VaultKind,
};
use polkadot_sdk::{frame_support, frame_system, sp_arithmetic, sp_runtime};
use sp_arithmetic::Rounding;
use sp_runtime::traits::{AccountIdConversion, CheckedAdd, Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// The keyless account that holds every vault's assets.
	pub fn account() -> T::AccountId {
		T::PalletId::get().into_account_truncating()
	}

	fn vault(id: VaultId) -> Result<VaultOf<T>, DispatchError> {
		Vaults::<T>::get(id).ok_or_else(|| Error::<T>::VaultNotFound.into())
	}

	/// Pays `amount` of `asset` out of the vaults' account.
	fn pay(asset: T::AssetKind, to: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		T::Assets::transfer(asset, &Self::account(), to, amount, Preservation::Expendable)?;
		Ok(())
	}

	/// Stores a Network's debt, dropping it once it is all zero.
	pub(crate) fn put_debt(id: NetworkId, debt: Debt<BalanceOf<T>>) {
		if debt == Debt::default() {
			Debts::<T>::remove(id);
		} else {
			Debts::<T>::insert(id, debt);
		}
	}

	/// `network` no longer owes `dam` a loan.
	fn forget_loan_end(dam: DamId, network: NetworkId) {
		LoanEnds::<T>::mutate_exists(dam, |ends| {
			if let Some(list) = ends {
				list.retain(|(owing, _)| *owing != network);
				if list.is_empty() {
					*ends = None;
				}
			}
		});
	}

	fn forget(id: VaultId, vault: &VaultOf<T>) {
		Vaults::<T>::remove(id);
		NetworkVaults::<T>::remove(vault.network, id);
	}

	pub(crate) fn do_release(id: VaultId) -> DispatchResult {
		let mut vault = Self::vault(id)?;
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now >= vault.unlock_at, Error::<T>::VaultLocked);
		ensure!(vault.state == VaultState::Locked, Error::<T>::AlreadyReleased);
		match vault.kind {
			VaultKind::Liquidity => Self::release_liquidity(id, &vault),
			VaultKind::Growth => {
				vault.state = VaultState::Released;
				Vaults::<T>::insert(id, &vault);
				Self::deposit_event(Event::VaultReleased {
					vault: id,
					network: vault.network,
					dam: vault.dam,
					amount: vault.amount,
				});
				Ok(())
			}
			VaultKind::Dispute => Err(Error::<T>::DisputeVault.into()),
		}
	}

	fn release_liquidity(id: VaultId, vault: &VaultOf<T>) -> DispatchResult {
		let network = T::Marketplace::network(vault.network).ok_or(Error::<T>::NetworkNotFound)?;
		let mut debt = Debts::<T>::get(vault.network);
		debt.locked.saturating_reduce(vault.amount);
		let over = matches!(network.status, NetworkStatus::Ended | NetworkStatus::Defaulted);
		match network.safe.clone() {
			Some(safe) if !over => {
				let existing = Loans::<T>::get(vault.network, vault.dam);
				let mut ends = None;
				if existing.is_none() {
					ensure!(debt.creditors < T::MaxCreditors::get(), Error::<T>::TooManyCreditors);
					debt.creditors.saturating_inc();
					// A vault only exists for a Network that went live, so its end is known.
					let end = network.ends_at().ok_or(Error::<T>::NetworkNotLive)?;
					let mut list = LoanEnds::<T>::get(vault.dam);
					list.try_push((vault.network, end)).map_err(|_| Error::<T>::TooManyLoans)?;
					ends = Some(list);
				}
				let loan = existing
					.unwrap_or_default()
					.checked_add(&vault.amount)
					.ok_or(Error::<T>::Overflow)?;
				debt.outstanding =
					debt.outstanding.checked_add(&vault.amount).ok_or(Error::<T>::Overflow)?;
				Self::pay(vault.asset.clone(), &safe, vault.amount)?;
				Loans::<T>::insert(vault.network, vault.dam, loan);
				if let Some(ends) = ends {
					LoanEnds::<T>::insert(vault.dam, ends);
				}
				Self::deposit_event(Event::LoanOpened {
					vault: id,
					network: vault.network,
					dam: vault.dam,
					safe,
					amount: vault.amount,
					loan,
				});
			}
			_ => {
				Self::pay(vault.asset.clone(), &T::Dams::account(vault.dam), vault.amount)?;
				T::Dams::on_loan_returned(vault.dam, vault.amount)?;
				T::Marketplace::reduce_exposure(vault.network, vault.dam, vault.amount)?;
				Self::deposit_event(Event::VaultReturned {
					vault: id,
					network: vault.network,
					dam: vault.dam,
					amount: vault.amount,
				});
			}
		}
		Self::put_debt(vault.network, debt);
		Self::forget(id, vault);
		Ok(())
	}

	pub(crate) fn do_withdraw_released(who: T::AccountId, id: VaultId) -> DispatchResult {
		let vault = Self::vault(id)?;
		ensure!(vault.kind == VaultKind::Growth, Error::<T>::NotGrowthVault);
		let network = T::Marketplace::network(vault.network).ok_or(Error::<T>::NetworkNotFound)?;
		ensure!(network.manager == who, Error::<T>::NotNetworkManager);
		ensure!(vault.state == VaultState::Released, Error::<T>::NotReleased);
		Self::pay(vault.asset.clone(), &who, vault.amount)?;
		Self::forget(id, &vault);
		Self::deposit_event(Event::ReleasedWithdrawn {
			vault: id,
			network: vault.network,
			manager: who,
			amount: vault.amount,
		});
		Ok(())
	}

	pub(crate) fn do_repay(
		who: T::AccountId,
		id: NetworkId,
		dam: DamId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let network = T::Marketplace::network(id).ok_or(Error::<T>::NetworkNotFound)?;
		ensure!(network.status != NetworkStatus::Defaulted, Error::<T>::NetworkDefaulted);
		let owed = Loans::<T>::get(id, dam).ok_or(Error::<T>::NoLoan)?;
		ensure!(amount <= owed, Error::<T>::RepayExceedsDebt);
		T::Assets::transfer(
			network.deposit_asset,
			&who,
			&T::Dams::account(dam),
			amount,
			Preservation::Expendable,
		)?;
		T::Dams::on_loan_returned(dam, amount)?;
		T::Marketplace::reduce_exposure(id, dam, amount)?;

		let remaining = owed.saturating_sub(amount);
		let mut debt = Debts::<T>::get(id);
		debt.outstanding.saturating_reduce(amount);
		if remaining.is_zero() {
			Loans::<T>::remove(id, dam);
			Self::forget_loan_end(dam, id);
			debt.creditors.saturating_dec();
		} else {
			Loans::<T>::insert(id, dam, remaining);
		}
		let settled = debt.outstanding.is_zero() && debt.locked.is_zero();
		Self::put_debt(id, debt);
		Self::deposit_event(Event::Repaid { network: id, dam, payer: who, amount, remaining });
		if settled && network.status == NetworkStatus::Ended {
			T::Marketplace::release_bond(id)?;
		}
		Ok(())
	}

	/// Returns how many loans were written off.
	pub(crate) fn do_declare_default(id: NetworkId) -> Result<u32, DispatchError> {
		let network = T::Marketplace::network(id).ok_or(Error::<T>::NetworkNotFound)?;
		ensure!(network.kind == NetworkKind::Liquidity, Error::<T>::NotLiquidity);
		ensure!(network.status != NetworkStatus::Defaulted, Error::<T>::AlreadyDefaulted);
		ensure!(network.status == NetworkStatus::Ended, Error::<T>::NetworkNotEnded);
		let ends_at = network.ends_at().ok_or(Error::<T>::NetworkNotEnded)?;
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(
			now >= ends_at.saturating_add(T::Marketplace::params().repay_grace),
			Error::<T>::DefaultTooEarly
		);
		let mut debt = Debts::<T>::get(id);
		let total = debt.outstanding;
		ensure!(!total.is_zero(), Error::<T>::NothingOwed);

		// Pro-rata by cumulative rounding: the shares add up to the whole bond exactly.
		let bond: u128 = network.bond.into();
		let (mut cumulative, mut paid, mut creditors) = (0u128, 0u128, 0u32);
		for (dam, owed) in Loans::<T>::drain_prefix(id) {
			Self::forget_loan_end(dam, id);
			cumulative = cumulative.saturating_add(owed.into());
			let due = bond
				.mul_div(cumulative, total.into(), Rounding::Down)
				.ok_or(Error::<T>::Overflow)?;
			let share = BalanceOf::<T>::try_from(due.saturating_sub(paid))
				.map_err(|_| Error::<T>::Overflow)?;
			paid = due;
			creditors.saturating_inc();
			T::Marketplace::pay_bond(id, &T::Dams::account(dam), share)?;
			T::Dams::on_loan_written_off(dam, owed, share)?;
			T::Marketplace::reduce_exposure(id, dam, owed)?;
			Self::deposit_event(Event::LoanWrittenOff {
				network: id,
				dam,
				amount: owed,
				compensation: share,
			});
		}
		debt.outstanding = Zero::zero();
		debt.creditors = 0;
		Self::put_debt(id, debt);
		T::Marketplace::set_defaulted(id)?;
		let bond_paid = BalanceOf::<T>::try_from(paid).map_err(|_| Error::<T>::Overflow)?;
		Self::deposit_event(Event::NetworkDefaulted { network: id, written_off: total, bond_paid });
		Ok(creditors)
	}

	pub(crate) fn do_release_bond(id: NetworkId) -> DispatchResult {
		let network = T::Marketplace::network(id).ok_or(Error::<T>::NetworkNotFound)?;
		ensure!(network.kind == NetworkKind::Liquidity, Error::<T>::NotLiquidity);
		ensure!(network.status == NetworkStatus::Ended, Error::<T>::NetworkNotEnded);
		let debt = Debts::<T>::get(id);
		ensure!(debt.outstanding.is_zero() && debt.locked.is_zero(), Error::<T>::DebtOutstanding);
		ensure!(!network.bond.is_zero(), Error::<T>::NoBond);
		T::Marketplace::release_bond(id)
	}
}
