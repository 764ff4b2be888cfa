//! What the marketplace offers the other pallets: reads for all, installation writes for the
//! DAM pallet, and return bonds for the vaults.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision, Restriction},
	},
};
use nektar_primitives::{
	DamId, DamView, InstallationGate, InstallationLedger, InstallationStatus, InstallationView,
	ManagedNetwork, MarketplaceInspect, NetworkId, NetworkStatus, NetworkView, OnNetworkChange,
	PenaltyView, ProtocolParams, ReturnBonds,
};
use polkadot_sdk::{frame_support, frame_system, sp_runtime};
use sp_runtime::{
	traits::{Saturating, Zero},
	Permill,
};

impl<T: Config> MarketplaceInspect for Pallet<T> {
	type AccountId = T::AccountId;
	type AssetKind = T::AssetKind;
	type Balance = BalanceOf<T>;
	type BlockNumber = BlockNumberOf<T>;

	fn network(
		id: NetworkId,
	) -> Option<NetworkView<T::AccountId, T::AssetKind, BalanceOf<T>, BlockNumberOf<T>>> {
		let now = frame_system::Pallet::<T>::block_number();
		Networks::<T>::get(id).map(|n| NetworkView {
			status: n.status_at(now),
			manager: n.manager,
			kind: n.terms.kind,
			deposit_asset: n.terms.deposit_asset,
			min_allocation: n.terms.min_allocation,
			amount_requested: n.terms.amount_requested,
			operators_requested: n.terms.operators_requested,
			total_exposure: n.total_exposure,
			live_since: n.live_since,
			duration: n.terms.duration,
			lock_period: n.terms.lock_period,
			safe: n.terms.safe,
			bond: n.bond,
			reward_asset: n.terms.reward_asset,
			delegator_rate: n.terms.delegator_rate,
			operator_rate: n.terms.operator_rate,
			operator_commission: n.terms.operator_commission,
		})
	}

	fn penalty_terms(id: NetworkId) -> Option<PenaltyView<T::AccountId, BlockNumberOf<T>>> {
		let network = Networks::<T>::get(id)?;
		let penalty = network.terms.penalty?;
		Some(PenaltyView {
			max_penalty: penalty.max_penalty,
			dispute_window: penalty.dispute_window,
			resolver: penalty.resolver,
			safe: match penalty.destination {
				PenaltyDestination::Safe => network.terms.safe,
				PenaltyDestination::Treasury => None,
			},
		})
	}

	fn reward_token_metadata(id: NetworkId) -> Option<(Vec<u8>, Vec<u8>)> {
		Metadata::<T>::get(id).map(|m| (m.name.into_inner(), m.reward_symbol.into_inner()))
	}

	fn params() -> ProtocolParams<BlockNumberOf<T>> {
		Params::<T>::get()
	}

	fn is_operator(who: &T::AccountId) -> bool {
		Operators::<T>::contains_key(who)
	}

	fn is_asset_whitelisted(asset: &T::AssetKind) -> bool {
		WhitelistedAssets::<T>::contains_key(asset)
	}

	fn installation(
		network: NetworkId,
		dam: DamId,
	) -> Option<InstallationView<T::AccountId, BalanceOf<T>, BlockNumberOf<T>>> {
		let now = frame_system::Pallet::<T>::block_number();
		Installations::<T>::get(network, dam).map(|i| Self::installation_view(i, now))
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_asset() -> T::AssetKind {
		<T::BenchmarkHelper as crate::BenchmarkHelper<_>>::asset()
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_operator(who: &T::AccountId) {
		crate::benchmarking::operator::<T>(who)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_network(
		kind: nektar_primitives::NetworkKind,
		min_allocation: BalanceOf<T>,
	) -> NetworkId {
		crate::benchmarking::live_network::<T>(kind, min_allocation)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_confirm(network: NetworkId, dam: DamId) {
		crate::benchmarking::confirm::<T>(network, dam)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_end(network: NetworkId) {
		crate::benchmarking::end::<T>(network)
	}
}

impl<T: Config> Pallet<T> {
	/// What the other pallets see of an installation at block `now`.
	fn installation_view(
		i: InstallationOf<T>,
		now: BlockNumberOf<T>,
	) -> InstallationView<T::AccountId, BalanceOf<T>, BlockNumberOf<T>> {
		InstallationView {
			slashable_exposure: i.slashable_at(now),
			held_until: i.held_until_at(now),
			status: i.status,
			operator: i.operator,
			exposure: i.exposure,
			max_exposure: i.max_exposure,
			performance: i.performance,
		}
	}
}

impl<T: Config> ManagedNetwork for Pallet<T> {
	type AccountId = T::AccountId;
	type Balance = BalanceOf<T>;
	type BlockNumber = BlockNumberOf<T>;

	fn active_installations(
		network: NetworkId,
	) -> Vec<(DamId, InstallationView<T::AccountId, BalanceOf<T>, BlockNumberOf<T>>)> {
		let now = frame_system::Pallet::<T>::block_number();
		// A Network has at most `MaxOperatorsPerNetwork` installations and as many requests.
		Installations::<T>::iter_prefix(network)
			.filter(|(_, i)| i.status == InstallationStatus::Active)
			.map(|(dam, i)| (dam, Self::installation_view(i, now)))
			.collect()
	}

	fn set_performance(network: NetworkId, dam: DamId, score: Permill) -> DispatchResult {
		Self::apply_performance(network, dam, score)
	}

	fn evict(network: NetworkId, dam: DamId) -> DispatchResult {
		Self::evict(network, dam)
	}
}

impl<T: Config> InstallationLedger for Pallet<T> {
	fn request_installation(
		id: NetworkId,
		dam: DamId,
		details: DamView<T::AccountId, T::AssetKind>,
		operator: T::AccountId,
	) -> DispatchResult {
		let mut network = Networks::<T>::get(id).ok_or(Error::<T>::NetworkNotFound)?;
		ensure!(Self::is_live(&network), Error::<T>::NetworkNotLive);
		ensure!(!Installations::<T>::contains_key(id, dam), Error::<T>::InstallationExists);
		ensure!(details.kind == network.terms.kind, Error::<T>::KindMismatch);
		ensure!(
			details.deposit_asset == network.terms.deposit_asset,
			Error::<T>::DepositAssetMismatch
		);
		ensure!(Operators::<T>::contains_key(&operator), Error::<T>::NotOperator);
		// Requests do not take the confirmed installations' room: throw-away DAMs cannot fill
		// a Network's slots with requests. They are bounded on their own.
		ensure!(
			network.installations < network.terms.operators_requested,
			Error::<T>::OperatorCapReached
		);
		ensure!(network.requests < T::MaxOperatorsPerNetwork::get(), Error::<T>::TooManyRequests);
		// A Network the runtime answers for confirms or refuses the request at once.
		let answer = T::InstallationGate::on_request(id, &operator);
		if let Some(Err(refusal)) = answer {
			return Err(refusal);
		}
		T::EventListeners::on_installation_requested(id, dam)?;
		network.requests.saturating_inc();
		Installations::<T>::insert(
			id,
			dam,
			Installation {
				status: InstallationStatus::Requested,
				operator: operator.clone(),
				exposure: Zero::zero(),
				held_exposure: Zero::zero(),
				held_until: Zero::zero(),
				max_exposure: Zero::zero(),
				performance: Permill::one(),
				requested_at: frame_system::Pallet::<T>::block_number(),
				confirmed_at: None,
			},
		);
		Networks::<T>::insert(id, network);
		Self::deposit_event(Event::InstallationRequested { network: id, dam, operator });
		if answer.is_some() {
			Self::confirm(id, dam, None)?;
		}
		Ok(())
	}

	fn remove_installation(id: NetworkId, dam: DamId) -> DispatchResult {
		let installation =
			Installations::<T>::get(id, dam).ok_or(Error::<T>::InstallationNotFound)?;
		ensure!(installation.exposure.is_zero(), Error::<T>::ExposureOutstanding);
		let now = frame_system::Pallet::<T>::block_number();
		// A lowered commitment stays slashable while the Network can still penalise: leaving
		// is no way out of a penalty.
		if let Some(network) = Networks::<T>::get(id) {
			ensure!(
				installation.slashable_at(now).is_zero()
					|| network.status_at(now) == NetworkStatus::Ended,
				Error::<T>::CommitmentStillSlashable
			);
		}
		Networks::<T>::try_mutate(id, |maybe| {
			let network = maybe.as_mut().ok_or(Error::<T>::NetworkNotFound)?;
			match installation.status {
				InstallationStatus::Requested => network.requests.saturating_dec(),
				InstallationStatus::Active => network.installations.saturating_dec(),
			}
			Ok::<_, DispatchError>(())
		})?;
		Installations::<T>::remove(id, dam);
		T::EventListeners::on_installation_changed(id, dam);
		T::EventListeners::on_installation_removed(id, dam);
		Self::deposit_event(Event::InstallationRemoved { network: id, dam });
		Ok(())
	}

	fn set_exposure(id: NetworkId, dam: DamId, exposure: BalanceOf<T>) -> DispatchResult {
		let mut network = Networks::<T>::get(id).ok_or(Error::<T>::NetworkNotFound)?;
		let mut installation =
			Installations::<T>::get(id, dam).ok_or(Error::<T>::InstallationNotFound)?;
		ensure!(
			installation.status == InstallationStatus::Active,
			Error::<T>::InstallationNotActive
		);
		// Exposure may always shrink; it may grow only while the Network is live.
		let now = frame_system::Pallet::<T>::block_number();
		if exposure > installation.exposure {
			ensure!(Self::is_live(&network), Error::<T>::NetworkNotLive);
		} else if exposure < installation.exposure
			&& network.terms.kind == nektar_primitives::NetworkKind::Collateral
		{
			// A lowered commitment stays slashable at its highest recent value for
			// `commitment_delay`, so that a DAM cannot shrink its exposure ahead of a penalty.
			installation.held_exposure = installation.slashable_at(now);
			installation.held_until = now.saturating_add(Params::<T>::get().commitment_delay);
		}
		ensure!(
			exposure.is_zero() || exposure >= network.terms.min_allocation,
			Error::<T>::ExposureBelowMinimum
		);
		ensure!(exposure <= installation.max_exposure, Error::<T>::ExposureAboveMaximum);
		let total = Self::replaced_total(&network, installation.exposure, exposure)?;
		network.total_exposure = total;
		installation.exposure = exposure;
		Installations::<T>::insert(id, dam, installation);
		Networks::<T>::insert(id, network);
		T::EventListeners::on_installation_changed(id, dam);
		Self::deposit_event(Event::ExposureSet {
			network: id,
			dam,
			exposure,
			network_total: total,
		});
		Ok(())
	}

	fn reduce_exposure(id: NetworkId, dam: DamId, amount: BalanceOf<T>) -> DispatchResult {
		let mut network = Networks::<T>::get(id).ok_or(Error::<T>::NetworkNotFound)?;
		let mut installation =
			Installations::<T>::get(id, dam).ok_or(Error::<T>::InstallationNotFound)?;
		let cut = amount.min(installation.exposure);
		installation.exposure.saturating_reduce(cut);
		network.total_exposure.saturating_reduce(cut);
		let (exposure, total) = (installation.exposure, network.total_exposure);
		Installations::<T>::insert(id, dam, installation);
		Networks::<T>::insert(id, network);
		T::EventListeners::on_installation_changed(id, dam);
		Self::deposit_event(Event::ExposureSet {
			network: id,
			dam,
			exposure,
			network_total: total,
		});
		Ok(())
	}
}

impl<T: Config> ReturnBonds for Pallet<T> {
	fn set_defaulted(id: NetworkId) -> DispatchResult {
		Networks::<T>::try_mutate(id, |maybe| {
			let network = maybe.as_mut().ok_or(Error::<T>::NetworkNotFound)?;
			let now = frame_system::Pallet::<T>::block_number();
			ensure!(network.status_at(now) == NetworkStatus::Ended, Error::<T>::NetworkNotEnded);
			network.status = NetworkStatus::Defaulted;
			Ok::<_, DispatchError>(())
		})?;
		Self::deposit_event(Event::NetworkDefaulted { network: id });
		Ok(())
	}

	fn pay_bond(id: NetworkId, to: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		let mut network = Networks::<T>::get(id).ok_or(Error::<T>::NetworkNotFound)?;
		ensure!(amount <= network.bond, Error::<T>::InsufficientBond);
		if amount.is_zero() {
			return Ok(());
		}
		T::Currency::transfer_on_hold(
			&HoldReason::ReturnBond.into(),
			&network.manager,
			to,
			amount,
			Precision::Exact,
			Restriction::Free,
			Fortitude::Polite,
		)?;
		network.bond.saturating_reduce(amount);
		Networks::<T>::insert(id, network);
		Self::deposit_event(Event::BondPaid { network: id, to: to.clone(), amount });
		Ok(())
	}

	fn release_bond(id: NetworkId) -> DispatchResult {
		let mut network = Networks::<T>::get(id).ok_or(Error::<T>::NetworkNotFound)?;
		let amount = network.bond;
		if amount.is_zero() {
			return Ok(());
		}
		T::Currency::release(
			&HoldReason::ReturnBond.into(),
			&network.manager,
			amount,
			Precision::Exact,
		)?;
		network.bond = Zero::zero();
		Networks::<T>::insert(id, network);
		Self::deposit_event(Event::BondReleased { network: id, amount });
		Ok(())
	}
}
