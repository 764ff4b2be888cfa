//! What the DAM pallet offers the marketplace and the vaults.

use crate::{pallet::*, types::*};
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{fungible::Mutate as _, tokens::Preservation},
};
use nektar_primitives::{
	DamId, DamInterface, DamLedger, DamShares, MarketplaceInterface, NetworkId, NetworkKind,
	ShareHooks,
};
use polkadot_sdk::{frame_support, sp_runtime};
use sp_runtime::{
	traits::{Saturating, Zero},
	FixedPointNumber, FixedU128,
};

impl<T: Config> DamInterface<T::AccountId> for Pallet<T> {
	fn has_assignments(operator: &T::AccountId) -> bool {
		Assignments::<T>::get(operator) > 0
	}

	fn on_installation_dropped(network: NetworkId, dam: DamId) {
		DamInstallations::<T>::mutate(dam, |list| list.retain(|n| *n != network));
		T::Rewards::on_uninstalled(dam, network);
		Self::deposit_event(Event::Uninstalled { dam, network });
	}
}

impl<T: Config> DamShares<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn account(dam: DamId) -> T::AccountId {
		Self::dam_account(dam)
	}

	fn active_shares(dam: DamId) -> BalanceOf<T> {
		Dams::<T>::get(dam)
			.map(|d| d.total_shares.saturating_sub(d.pending_shares))
			.unwrap_or_default()
	}

	fn shares(dam: DamId, who: &T::AccountId) -> BalanceOf<T> {
		Shares::<T>::get(dam, who)
	}

	fn exposure(network: NetworkId, id: DamId) -> BalanceOf<T> {
		let Some(installation) = T::Marketplace::installation(network, id) else {
			return Zero::zero();
		};
		match Dams::<T>::get(id) {
			Some(dam) if dam.kind == NetworkKind::Collateral => {
				installation.exposure.min(crate::shares::active_stake::<T>(&dam))
			}
			Some(_) => installation.exposure,
			None => Zero::zero(),
		}
	}
}

impl<T: Config> DamLedger<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn account(dam: DamId) -> T::AccountId {
		Self::dam_account(dam)
	}

	fn lent(dam: DamId) -> BalanceOf<T> {
		Dams::<T>::get(dam).map(|d| d.lent).unwrap_or_default()
	}

	fn on_loan_returned(id: DamId, amount: BalanceOf<T>) -> DispatchResult {
		Dams::<T>::try_mutate(id, |maybe| {
			let dam = maybe.as_mut().ok_or(Error::<T>::DamNotFound)?;
			ensure!(amount <= dam.lent, Error::<T>::Overflow);
			dam.lent.saturating_reduce(amount);
			dam.idle = dam.idle.checked_add(&amount).ok_or(Error::<T>::Overflow)?;
			Ok::<_, DispatchError>(())
		})?;
		Self::deposit_event(Event::LoanReturned { dam: id, amount });
		Ok(())
	}

	fn on_loan_written_off(
		id: DamId,
		amount: BalanceOf<T>,
		compensation: BalanceOf<T>,
	) -> DispatchResult {
		let mut dam = Self::dam(id)?;
		ensure!(amount <= dam.lent, Error::<T>::Overflow);
		dam.lent.saturating_reduce(amount);
		let mut to_manager = Zero::zero();
		if !compensation.is_zero() {
			let per_share =
				FixedU128::checked_from_rational(compensation.into(), dam.total_shares.into());
			match per_share {
				Some(per_share) if !dam.total_shares.is_zero() => {
					dam.recovery_per_share = dam.recovery_per_share.saturating_add(per_share);
					dam.recovery =
						dam.recovery.checked_add(&compensation).ok_or(Error::<T>::Overflow)?;
				}
				// No shareholder is left to compensate: the manager, who keeps the DAM, takes it.
				_ => {
					T::Currency::transfer(
						&Self::dam_account(id),
						&dam.manager,
						compensation,
						Preservation::Expendable,
					)?;
					to_manager = compensation;
				}
			}
		}
		Dams::<T>::insert(id, dam);
		Self::deposit_event(Event::LoanWrittenOff { dam: id, amount, compensation, to_manager });
		Ok(())
	}
}
