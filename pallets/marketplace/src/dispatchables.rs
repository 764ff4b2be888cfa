//! The bodies of the marketplace's calls.

use crate::{pallet::*, types::*, NetworkKind, NetworkStatus};
use alloc::vec::Vec;
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{fungible::MutateHold, fungibles, tokens::Precision},
};
use nektar_primitives::{
	DamId, DamInterface, InstallationLedger, InstallationStatus, NetworkId, OnNetworkChange,
	ProtocolParams,
};
use polkadot_sdk::{frame_support, frame_system, sp_runtime};
use sp_runtime::{
	traits::{CheckedAdd, Saturating, Zero},
	Permill,
};

impl<T: Config> Pallet<T> {
	/// Turns the metadata arguments into bounded fields, naming the field that is too long.
	pub(crate) fn bound_network_metadata(
		name: Vec<u8>,
		description: Vec<u8>,
		url: Vec<u8>,
		reward_symbol: Vec<u8>,
	) -> Result<NetworkMetadataOf<T>, DispatchError> {
		ensure!(!name.is_empty(), Error::<T>::EmptyName);
		ensure!(!reward_symbol.is_empty(), Error::<T>::EmptyRewardSymbol);
		for field in [&name, &description, &url, &reward_symbol] {
			ensure!(nektar_primitives::is_display_text(field), Error::<T>::InvalidText);
		}
		// The symbol becomes the synthetic reward token's: it must fit what the token takes.
		ensure!(
			reward_symbol.len() as u32 <= T::RewardSymbolLimit::get(),
			Error::<T>::SymbolTooLong
		);
		Ok(NetworkMetadata {
			name: name.try_into().map_err(|_| Error::<T>::NameTooLong)?,
			description: description.try_into().map_err(|_| Error::<T>::DescriptionTooLong)?,
			url: url.try_into().map_err(|_| Error::<T>::UrlTooLong)?,
			reward_symbol: reward_symbol.try_into().map_err(|_| Error::<T>::SymbolTooLong)?,
		})
	}

	/// Whether the Network is live now: whitelisted, not suspended, and within its duration.
	pub(crate) fn is_live(network: &NetworkOf<T>) -> bool {
		network.status_at(frame_system::Pallet::<T>::block_number()) == NetworkStatus::Live
	}

	/// The deposit for `bytes` bytes of metadata on top of `base`.
	fn deposit_for(base: BalanceOf<T>, bytes: u32) -> BalanceOf<T> {
		base.saturating_add(T::DepositPerByte::get().saturating_mul(bytes.into()))
	}

	/// Checks the terms against the kind and the protocol parameters.
	pub(crate) fn ensure_valid_terms(terms: &NetworkTermsOf<T>) -> DispatchResult {
		ensure!(
			WhitelistedAssets::<T>::contains_key(&terms.deposit_asset),
			Error::<T>::AssetNotWhitelisted
		);
		ensure!(
			WhitelistedAssets::<T>::contains_key(&terms.reward_asset),
			Error::<T>::AssetNotWhitelisted
		);
		ensure!(!terms.amount_requested.is_zero(), Error::<T>::ZeroAmountRequested);
		ensure!(!terms.min_allocation.is_zero(), Error::<T>::ZeroMinAllocation);
		ensure!(
			terms.min_allocation <= terms.amount_requested,
			Error::<T>::MinAllocationAboveRequested
		);
		ensure!(terms.operators_requested > 0, Error::<T>::ZeroOperatorsRequested);
		ensure!(
			terms.operators_requested <= T::MaxOperatorsPerNetwork::get(),
			Error::<T>::TooManyOperatorsRequested
		);
		ensure!(!terms.duration.is_zero(), Error::<T>::ZeroDuration);
		ensure!(
			!terms.delegator_rate.is_zero() || !terms.operator_rate.is_zero(),
			Error::<T>::ZeroRewardRates
		);
		ensure!(
			terms.operator_commission <= Params::<T>::get().max_operator_commission,
			Error::<T>::OperatorCommissionAboveMax
		);

		match terms.kind {
			NetworkKind::Liquidity | NetworkKind::Growth => {
				let lock = terms.lock_period.ok_or(Error::<T>::MissingLockPeriod)?;
				ensure!(!lock.is_zero(), Error::<T>::ZeroLockPeriod);
				ensure!(terms.penalty.is_none(), Error::<T>::UnexpectedPenaltyTerms);
			}
			NetworkKind::Collateral => {
				ensure!(terms.lock_period.is_none(), Error::<T>::UnexpectedLockPeriod);
				let penalty = terms.penalty.as_ref().ok_or(Error::<T>::MissingPenaltyTerms)?;
				ensure!(!penalty.max_penalty.is_zero(), Error::<T>::ZeroMaxPenalty);
				let params = Params::<T>::get();
				ensure!(
					penalty.dispute_window >= params.min_dispute_window,
					Error::<T>::DisputeWindowTooShort
				);
				ensure!(
					penalty.dispute_window <= params.max_dispute_window,
					Error::<T>::DisputeWindowTooLong
				);
			}
		}

		let needs_safe = match (&terms.kind, &terms.penalty) {
			(NetworkKind::Liquidity, _) => true,
			(NetworkKind::Collateral, Some(p)) => p.destination == PenaltyDestination::Safe,
			_ => false,
		};
		match (needs_safe, terms.safe.is_some()) {
			(true, false) => return Err(Error::<T>::MissingSafe.into()),
			(false, true) => return Err(Error::<T>::UnexpectedSafe.into()),
			_ => {}
		}

		match (terms.kind, terms.return_bond) {
			(NetworkKind::Liquidity, None) => return Err(Error::<T>::MissingReturnBond.into()),
			(NetworkKind::Liquidity, Some(bond)) if bond.is_zero() => {
				return Err(Error::<T>::MissingReturnBond.into())
			}
			(NetworkKind::Growth | NetworkKind::Collateral, Some(_)) => {
				return Err(Error::<T>::UnexpectedReturnBond.into())
			}
			_ => {}
		}
		Ok(())
	}

	pub(crate) fn ensure_valid_params(params: &ProtocolParams<BlockNumberOf<T>>) -> DispatchResult {
		ensure!(!params.blocks_per_day.is_zero(), Error::<T>::ZeroBlocksPerDay);
		ensure!(!params.withdrawal_delay.is_zero(), Error::<T>::ZeroWithdrawalDelay);
		ensure!(!params.min_dispute_window.is_zero(), Error::<T>::ZeroMinDisputeWindow);
		ensure!(
			params.min_dispute_window <= params.max_dispute_window,
			Error::<T>::MinDisputeWindowAboveMax
		);
		ensure!(!params.commitment_delay.is_zero(), Error::<T>::ZeroCommitmentDelay);
		ensure!(
			params.commitment_delay <= params.withdrawal_delay,
			Error::<T>::CommitmentDelayAboveWithdrawalDelay
		);
		ensure!(!params.resolution_period.is_zero(), Error::<T>::ZeroResolutionPeriod);
		ensure!(!params.min_penalty.is_zero(), Error::<T>::ZeroMinPenalty);
		Ok(())
	}

	pub(crate) fn do_register_network(
		manager: T::AccountId,
		terms: NetworkTermsOf<T>,
		metadata: NetworkMetadataOf<T>,
	) -> Result<NetworkId, DispatchError> {
		Self::ensure_valid_terms(&terms)?;
		let id = NextNetworkId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::NetworkIdOverflow)?;

		let deposit = Self::deposit_for(T::NetworkDepositBase::get(), metadata.byte_len());
		let bond = terms.return_bond.unwrap_or_else(Zero::zero);
		T::Currency::hold(&HoldReason::NetworkDeposit.into(), &manager, deposit)?;
		if !bond.is_zero() {
			T::Currency::hold(&HoldReason::ReturnBond.into(), &manager, bond)?;
		}

		let kind = terms.kind;
		Networks::<T>::insert(
			id,
			Network {
				manager: manager.clone(),
				terms,
				status: NetworkStatus::Pending,
				deposit,
				bond,
				registered_at: frame_system::Pallet::<T>::block_number(),
				live_since: None,
				installations: 0,
				requests: 0,
				total_exposure: Zero::zero(),
			},
		);
		Metadata::<T>::insert(id, metadata);
		NextNetworkId::<T>::put(next);
		Self::deposit_event(Event::NetworkRegistered { network: id, manager, kind, deposit, bond });
		Ok(id)
	}

	/// Creates a Network that is live at once and holds no deposit: a Network of the genesis.
	pub(crate) fn create_live_network(
		manager: T::AccountId,
		terms: NetworkTermsOf<T>,
		name: Vec<u8>,
		reward_symbol: Vec<u8>,
	) -> Result<NetworkId, DispatchError> {
		Self::ensure_valid_terms(&terms)?;
		let metadata = Self::bound_network_metadata(name, Vec::new(), Vec::new(), reward_symbol)?;
		let id = NextNetworkId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::NetworkIdOverflow)?;
		Networks::<T>::insert(
			id,
			Network {
				manager,
				terms,
				status: NetworkStatus::Pending,
				deposit: Zero::zero(),
				bond: Zero::zero(),
				registered_at: frame_system::Pallet::<T>::block_number(),
				live_since: None,
				installations: 0,
				requests: 0,
				total_exposure: Zero::zero(),
			},
		);
		Metadata::<T>::insert(id, metadata);
		NextNetworkId::<T>::put(next);
		Self::do_whitelist_network(id)?;
		Ok(id)
	}

	pub(crate) fn do_whitelist_network(id: NetworkId) -> DispatchResult {
		let mut network = Networks::<T>::get(id).ok_or(Error::<T>::NetworkNotFound)?;
		ensure!(network.status == NetworkStatus::Pending, Error::<T>::NetworkNotPending);
		let now = frame_system::Pallet::<T>::block_number();
		network.status = NetworkStatus::Live;
		network.live_since = Some(now);
		Networks::<T>::insert(id, network);
		T::EventListeners::on_network_live(id)?;
		Self::deposit_event(Event::NetworkWhitelisted { network: id, live_since: now });
		Ok(())
	}

	pub(crate) fn do_reject_network(id: NetworkId) -> DispatchResult {
		let network = Networks::<T>::get(id).ok_or(Error::<T>::NetworkNotFound)?;
		ensure!(network.status == NetworkStatus::Pending, Error::<T>::NetworkNotPending);
		// A pending Network has no installations: requests need a live Network.
		T::Currency::release(
			&HoldReason::NetworkDeposit.into(),
			&network.manager,
			network.deposit,
			Precision::Exact,
		)?;
		if !network.bond.is_zero() {
			T::Currency::release(
				&HoldReason::ReturnBond.into(),
				&network.manager,
				network.bond,
				Precision::Exact,
			)?;
		}
		Networks::<T>::remove(id);
		Metadata::<T>::remove(id);
		Self::deposit_event(Event::NetworkRejected {
			network: id,
			deposit_released: network.deposit,
			bond_released: network.bond,
		});
		Ok(())
	}

	pub(crate) fn do_set_suspended(id: NetworkId, suspend: bool) -> DispatchResult {
		Networks::<T>::try_mutate(id, |maybe| {
			let network = maybe.as_mut().ok_or(Error::<T>::NetworkNotFound)?;
			if suspend {
				ensure!(Self::is_live(network), Error::<T>::NetworkNotLive);
				network.status = NetworkStatus::Suspended;
			} else {
				ensure!(
					network.status == NetworkStatus::Suspended,
					Error::<T>::NetworkNotSuspended
				);
				network.status = NetworkStatus::Live;
			}
			Ok::<_, DispatchError>(())
		})?;
		T::EventListeners::on_network_status_changed(id);
		Self::deposit_event(if suspend {
			Event::NetworkSuspended { network: id }
		} else {
			Event::NetworkResumed { network: id }
		});
		Ok(())
	}

	pub(crate) fn do_end_network(id: NetworkId) -> DispatchResult {
		let now = frame_system::Pallet::<T>::block_number();
		Networks::<T>::try_mutate(id, |maybe| {
			let network = maybe.as_mut().ok_or(Error::<T>::NetworkNotFound)?;
			ensure!(
				matches!(network.status, NetworkStatus::Live | NetworkStatus::Suspended),
				Error::<T>::NetworkNotLive
			);
			let live_since = network.live_since.ok_or(Error::<T>::NetworkNotLive)?;
			ensure!(
				now >= live_since.saturating_add(network.terms.duration),
				Error::<T>::DurationNotOver
			);
			network.status = NetworkStatus::Ended;
			Ok::<_, DispatchError>(())
		})?;
		Self::deposit_event(Event::NetworkEnded { network: id, at: now });
		Ok(())
	}

	pub(crate) fn do_whitelist_asset(asset: T::AssetKind) -> DispatchResult {
		ensure!(!WhitelistedAssets::<T>::contains_key(&asset), Error::<T>::AssetAlreadyWhitelisted);
		ensure!(
			<T::Assets as fungibles::Inspect<T::AccountId>>::asset_exists(asset.clone()),
			Error::<T>::UnknownAsset
		);
		WhitelistedAssets::<T>::insert(&asset, ());
		Self::deposit_event(Event::AssetWhitelisted { asset });
		Ok(())
	}

	pub(crate) fn do_remove_asset(asset: T::AssetKind) -> DispatchResult {
		ensure!(WhitelistedAssets::<T>::contains_key(&asset), Error::<T>::AssetNotWhitelisted);
		WhitelistedAssets::<T>::remove(&asset);
		Self::deposit_event(Event::AssetRemoved { asset });
		Ok(())
	}

	pub(crate) fn do_register_operator(
		who: T::AccountId,
		name: Vec<u8>,
		url: Vec<u8>,
	) -> DispatchResult {
		ensure!(!Operators::<T>::contains_key(&who), Error::<T>::AlreadyOperator);
		ensure!(!name.is_empty(), Error::<T>::EmptyName);
		ensure!(
			nektar_primitives::is_display_text(&name) && nektar_primitives::is_display_text(&url),
			Error::<T>::InvalidText
		);
		let name: BoundedVec<u8, T::StringLimit> =
			name.try_into().map_err(|_| Error::<T>::NameTooLong)?;
		let url: BoundedVec<u8, T::StringLimit> =
			url.try_into().map_err(|_| Error::<T>::UrlTooLong)?;
		let deposit =
			Self::deposit_for(T::OperatorDepositBase::get(), (name.len() + url.len()) as u32);
		T::Currency::hold(&HoldReason::OperatorDeposit.into(), &who, deposit)?;
		Operators::<T>::insert(
			&who,
			Operator {
				name,
				url,
				deposit,
				registered_at: frame_system::Pallet::<T>::block_number(),
			},
		);
		Self::deposit_event(Event::OperatorRegistered { operator: who, deposit });
		Ok(())
	}

	pub(crate) fn do_deregister_operator(who: T::AccountId) -> DispatchResult {
		let operator = Operators::<T>::get(&who).ok_or(Error::<T>::NotOperator)?;
		ensure!(!T::Dams::has_assignments(&who), Error::<T>::OperatorHasAssignments);
		T::Currency::release(
			&HoldReason::OperatorDeposit.into(),
			&who,
			operator.deposit,
			Precision::Exact,
		)?;
		Operators::<T>::remove(&who);
		Self::deposit_event(Event::OperatorDeregistered {
			operator: who,
			deposit_released: operator.deposit,
		});
		Ok(())
	}

	/// The Network, if `who` manages it.
	fn ensure_manager(who: &T::AccountId, id: NetworkId) -> Result<NetworkOf<T>, DispatchError> {
		let network = Networks::<T>::get(id).ok_or(Error::<T>::NetworkNotFound)?;
		ensure!(&network.manager == who, Error::<T>::NotNetworkManager);
		Ok(network)
	}

	pub(crate) fn do_confirm_installation(
		who: T::AccountId,
		id: NetworkId,
		dam: DamId,
		max_exposure: Option<BalanceOf<T>>,
	) -> DispatchResult {
		Self::ensure_manager(&who, id)?;
		Self::confirm(id, dam, max_exposure)
	}

	/// Confirms the requested installation of `id` into `dam`, accepting up to
	/// `max_exposure` (the Network's `amount_requested` if `None`).
	pub(crate) fn confirm(
		id: NetworkId,
		dam: DamId,
		max_exposure: Option<BalanceOf<T>>,
	) -> DispatchResult {
		let mut network = Networks::<T>::get(id).ok_or(Error::<T>::NetworkNotFound)?;
		ensure!(Self::is_live(&network), Error::<T>::NetworkNotLive);
		let mut installation =
			Installations::<T>::get(id, dam).ok_or(Error::<T>::InstallationNotFound)?;
		ensure!(
			installation.status == InstallationStatus::Requested,
			Error::<T>::InstallationNotRequested
		);
		ensure!(
			network.installations < network.terms.operators_requested,
			Error::<T>::OperatorCapReached
		);
		let max_exposure = max_exposure.unwrap_or(network.terms.amount_requested);
		ensure!(
			max_exposure >= network.terms.min_allocation
				&& max_exposure <= network.terms.amount_requested,
			Error::<T>::InvalidMaxExposure
		);

		installation.status = InstallationStatus::Active;
		installation.max_exposure = max_exposure;
		installation.confirmed_at = Some(frame_system::Pallet::<T>::block_number());
		network.installations.saturating_inc();
		network.requests.saturating_dec();
		Installations::<T>::insert(id, dam, installation);
		Networks::<T>::insert(id, network);
		T::EventListeners::on_installation_changed(id, dam);
		Self::deposit_event(Event::InstallationConfirmed { network: id, dam, max_exposure });
		Ok(())
	}

	pub(crate) fn do_refuse_installation(
		who: T::AccountId,
		id: NetworkId,
		dam: DamId,
	) -> DispatchResult {
		let mut network = Self::ensure_manager(&who, id)?;
		let installation =
			Installations::<T>::get(id, dam).ok_or(Error::<T>::InstallationNotFound)?;
		ensure!(
			installation.status == InstallationStatus::Requested,
			Error::<T>::InstallationNotRequested
		);
		network.requests.saturating_dec();
		Installations::<T>::remove(id, dam);
		Networks::<T>::insert(id, network);
		T::Dams::on_installation_dropped(id, dam)?;
		T::EventListeners::on_installation_removed(id, dam);
		Self::deposit_event(Event::InstallationRefused { network: id, dam });
		Ok(())
	}

	pub(crate) fn do_evict_installation(
		who: T::AccountId,
		id: NetworkId,
		dam: DamId,
	) -> DispatchResult {
		Self::ensure_manager(&who, id)?;
		Self::evict(id, dam)
	}

	/// Removes the active installation of `id` from `dam`, which must back nothing.
	pub(crate) fn evict(id: NetworkId, dam: DamId) -> DispatchResult {
		let installation =
			Installations::<T>::get(id, dam).ok_or(Error::<T>::InstallationNotFound)?;
		ensure!(
			installation.status == InstallationStatus::Active,
			Error::<T>::InstallationNotActive
		);
		// The same rule as a DAM leaving: only an installation that backs nothing, with no
		// lowered commitment still slashable.
		<Self as InstallationLedger>::remove_installation(id, dam)?;
		T::Dams::on_installation_dropped(id, dam)
	}

	pub(crate) fn do_report_performance(
		who: T::AccountId,
		id: NetworkId,
		dam: DamId,
		score: Permill,
	) -> DispatchResult {
		Self::ensure_manager(&who, id)?;
		Self::apply_performance(id, dam, score)
	}

	/// Sets the performance score of the active installation of `id` into `dam`.
	pub(crate) fn apply_performance(id: NetworkId, dam: DamId, score: Permill) -> DispatchResult {
		Installations::<T>::try_mutate(id, dam, |maybe| {
			let installation = maybe.as_mut().ok_or(Error::<T>::InstallationNotFound)?;
			ensure!(
				installation.status == InstallationStatus::Active,
				Error::<T>::InstallationNotActive
			);
			installation.performance = score;
			Ok::<_, DispatchError>(())
		})?;
		T::EventListeners::on_installation_changed(id, dam);
		Self::deposit_event(Event::PerformanceReported { network: id, dam, score });
		Ok(())
	}

	pub(crate) fn do_set_network_metadata(
		who: T::AccountId,
		id: NetworkId,
		metadata: NetworkMetadataOf<T>,
	) -> DispatchResult {
		let mut network = Self::ensure_manager(&who, id)?;
		let deposit = Self::deposit_for(T::NetworkDepositBase::get(), metadata.byte_len());
		if deposit > network.deposit {
			T::Currency::hold(
				&HoldReason::NetworkDeposit.into(),
				&who,
				deposit.saturating_sub(network.deposit),
			)?;
		} else if deposit < network.deposit {
			T::Currency::release(
				&HoldReason::NetworkDeposit.into(),
				&who,
				network.deposit.saturating_sub(deposit),
				Precision::Exact,
			)?;
		}
		network.deposit = deposit;
		Networks::<T>::insert(id, network);
		Metadata::<T>::insert(id, metadata);
		Self::deposit_event(Event::NetworkMetadataSet { network: id, deposit });
		Ok(())
	}

	/// The Network's total exposure with `old` replaced by `new`, within its cap.
	pub(crate) fn replaced_total(
		network: &NetworkOf<T>,
		old: BalanceOf<T>,
		new: BalanceOf<T>,
	) -> Result<BalanceOf<T>, DispatchError> {
		let total = network
			.total_exposure
			.saturating_sub(old)
			.checked_add(&new)
			.ok_or(Error::<T>::AmountRequestedExceeded)?;
		ensure!(total <= network.terms.amount_requested, Error::<T>::AmountRequestedExceeded);
		Ok(total)
	}
}
