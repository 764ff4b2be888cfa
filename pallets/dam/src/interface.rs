//! What the DAM pallet offers the other pallets: the marketplace, the vaults, rewards and
//! slashing.

use crate::{pallet::*, types::*};
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{fungible::Mutate as _, tokens::Preservation},
};
use nektar_primitives::{
	DamId, DamInterface, DamProvider, MarketplaceInspect, NetworkId, NetworkKind, OnSharesChange,
	PerShare, VaultId, VaultKind, VaultsInterface,
};
use polkadot_sdk::{frame_support, sp_runtime};
use sp_runtime::traits::{Saturating, Zero};

impl<T: Config> DamInterface<T::AccountId> for Pallet<T> {
	fn has_assignments(operator: &T::AccountId) -> bool {
		Assignments::<T>::get(operator) > 0
	}

	fn on_installation_dropped(network: NetworkId, dam: DamId) -> DispatchResult {
		ensure!(
			!OpenSlashes::<T>::get(dam).iter().any(|slash| slash.network == network),
			Error::<T>::PenaltyOpen
		);
		DamInstallations::<T>::mutate(dam, |list| list.retain(|n| *n != network));
		Self::deposit_event(Event::Uninstalled { dam, network });
		Ok(())
	}
}

impl<T: Config> DamProvider for Pallet<T> {
	type AccountId = T::AccountId;
	type Balance = BalanceOf<T>;
	type BlockNumber = BlockNumberOf<T>;

	fn account(dam: DamId) -> T::AccountId {
		Self::dam_account(dam)
	}

	fn manager(dam: DamId) -> Option<T::AccountId> {
		Dams::<T>::get(dam).map(|d| d.manager)
	}

	fn active_shares(dam: DamId) -> SharesOf<T> {
		Dams::<T>::get(dam)
			.map(|d| d.total_shares.saturating_sub(d.pending_shares))
			.unwrap_or_default()
	}

	fn shares(dam: DamId, who: &T::AccountId) -> SharesOf<T> {
		Shares::<T>::get(dam, who)
	}

	fn holders(dam: DamId) -> alloc::vec::Vec<T::AccountId> {
		Shares::<T>::iter_key_prefix(dam).collect()
	}

	fn exposure(network: NetworkId, id: DamId) -> BalanceOf<T> {
		let Some(installation) = T::Marketplace::installation(network, id) else {
			return Zero::zero();
		};
		match Dams::<T>::get(id) {
			Some(dam) if dam.kind == NetworkKind::Collateral => {
				installation.exposure.min(crate::shares::active_stake::<T>(&dam).0)
			}
			Some(_) => installation.exposure,
			None => Zero::zero(),
		}
	}

	fn active_stake(id: DamId) -> Option<BalanceOf<T>> {
		Dams::<T>::get(id)
			.filter(|dam| dam.kind == NetworkKind::Collateral)
			.map(|dam| crate::shares::active_stake::<T>(&dam).0)
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
			match dam.recovery_per_share.accrue(compensation.into(), dam.total_shares.0.into()) {
				Some(per_share) => {
					dam.recovery_per_share = per_share;
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

	fn slash(
		id: DamId,
		network: NetworkId,
		amount: BalanceOf<T>,
		unlock_at: BlockNumberOf<T>,
	) -> Result<VaultId, DispatchError> {
		let mut dam = Self::dam(id)?;
		ensure!(dam.kind == NetworkKind::Collateral, Error::<T>::NotCollateral);
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		ensure!(amount <= dam.idle, Error::<T>::InsufficientIdleAssets);
		let active = Self::active_of(&dam);
		// Off the books at once: every share, queued or not, is worth less from now on.
		dam.idle.saturating_reduce(amount);
		dam.in_dispute = dam.in_dispute.checked_add(&amount).ok_or(Error::<T>::Overflow)?;
		dam.penalties.saturating_inc();
		let vault = T::Vaults::lock(
			VaultKind::Dispute,
			network,
			id,
			dam.deposit_asset.clone(),
			amount,
			&Self::dam_account(id),
			unlock_at,
		)?;
		OpenSlashes::<T>::try_mutate(id, |open| {
			open.try_push(OpenSlash { vault, network, amount, claimed: Zero::zero() })
				.map_err(|_| Error::<T>::TooManyInstallations)
		})?;
		Dams::<T>::insert(id, dam);
		T::ShareListeners::on_shares_changed(id, active, &[]);
		Self::deposit_event(Event::Slashed { dam: id, network, amount, vault });
		Ok(vault)
	}

	fn restore(id: DamId, vault: VaultId, amount: BalanceOf<T>) -> DispatchResult {
		let slash = Self::close_slash(id, vault)?;
		let owed_to_claimers = slash.claimed.min(amount);
		let back = amount.saturating_sub(owed_to_claimers);
		let active = Dams::<T>::try_mutate(id, |maybe| {
			let dam = maybe.as_mut().ok_or(Error::<T>::DamNotFound)?;
			dam.idle = dam.idle.checked_add(&back).ok_or(Error::<T>::Overflow)?;
			dam.in_dispute.saturating_reduce(slash.amount.saturating_sub(slash.claimed));
			dam.compensation =
				dam.compensation.checked_add(&owed_to_claimers).ok_or(Error::<T>::Overflow)?;
			dam.penalties.saturating_dec();
			Ok::<_, DispatchError>(Self::active_of(dam))
		})?;
		if !owed_to_claimers.is_zero() {
			CompensationPools::<T>::insert(id, vault, owed_to_claimers);
		}
		T::ShareListeners::on_shares_changed(id, active, &[]);
		Self::deposit_event(Event::SlashRestored { dam: id, amount: back, owed_to_claimers });
		Ok(())
	}

	fn penalty_executed(id: DamId, vault: VaultId) -> DispatchResult {
		let slash = Self::close_slash(id, vault)?;
		Dams::<T>::try_mutate(id, |maybe| {
			let dam = maybe.as_mut().ok_or(Error::<T>::DamNotFound)?;
			dam.in_dispute.saturating_reduce(slash.amount.saturating_sub(slash.claimed));
			dam.penalties.saturating_dec();
			Ok(())
		})
	}

	fn slashable_exposure(network: NetworkId, id: DamId) -> BalanceOf<T> {
		let Some(installation) = T::Marketplace::installation(network, id) else {
			return Zero::zero();
		};
		match Dams::<T>::get(id) {
			Some(dam) if dam.kind == NetworkKind::Collateral => {
				installation.slashable_exposure.min(crate::shares::slashable_stake::<T>(&dam).0)
			}
			_ => Zero::zero(),
		}
	}

	fn open_penalties(dam: DamId) -> u32 {
		Dams::<T>::get(dam).map(|d| d.penalties).unwrap_or_default()
	}

	fn settlement_weight() -> Weight {
		T::ShareListeners::share_change_weight(u32::MAX)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_dam(kind: NetworkKind, operator: &T::AccountId) -> DamId {
		crate::benchmarking::independent_dam::<T>(kind, operator)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_deposit(dam: DamId, who: &T::AccountId, amount: BalanceOf<T>) {
		crate::benchmarking::deposit::<T>(dam, who, amount)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_install(dam: DamId, network: NetworkId, exposure: BalanceOf<T>) {
		crate::benchmarking::install::<T>(dam, network, exposure)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_buy_license(dam: DamId, network: NetworkId) {
		crate::benchmarking::buy_license::<T>(dam, network)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_holders(dam: DamId, count: u32) -> alloc::vec::Vec<T::AccountId> {
		crate::benchmarking::holders::<T>(dam, count)
	}
}

impl<T: Config> Pallet<T> {
	/// Takes the open penalty held in `vault` off the DAM's list.
	fn close_slash(id: DamId, vault: VaultId) -> Result<OpenSlash<BalanceOf<T>>, DispatchError> {
		OpenSlashes::<T>::try_mutate_exists(id, |maybe| {
			let mut open = maybe.take().unwrap_or_default();
			let at = open
				.iter()
				.position(|slash| slash.vault == vault)
				.ok_or(Error::<T>::UnknownPenalty)?;
			let slash = open.remove(at);
			*maybe = (!open.is_empty()).then_some(open);
			Ok(slash)
		})
	}
}
