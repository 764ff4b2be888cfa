//! The calls of the slashing pallet.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use frame_support::{ensure, pallet_prelude::*};
use frame_system::pallet_prelude::OriginFor;
use nektar_primitives::{
	DamId, DamProvider, InstallationStatus, MarketplaceInspect, NetworkId, NetworkKind,
	NetworkStatus, VaultsInterface,
};
use polkadot_sdk::{
	frame_support, frame_system,
	sp_runtime::traits::{Saturating, Zero},
};

impl<T: Config> Pallet<T> {
	/// The penalty `id`, if it exists.
	fn penalty(id: PenaltyId) -> Result<PenaltyOf<T>, DispatchError> {
		Penalties::<T>::get(id).ok_or_else(|| Error::<T>::PenaltyNotFound.into())
	}

	pub(crate) fn do_request_penalty(
		who: T::AccountId,
		network: NetworkId,
		dam: DamId,
		amount: BalanceOf<T>,
		reason: Vec<u8>,
	) -> Result<PenaltyId, DispatchError> {
		let view = T::Marketplace::network(network).ok_or(Error::<T>::NetworkNotFound)?;
		ensure!(view.manager == who, Error::<T>::NotNetworkManager);
		ensure!(view.kind == NetworkKind::Collateral, Error::<T>::NotCollateral);
		// The view reads `Ended` once the duration has passed: time, not status.
		ensure!(view.status == NetworkStatus::Live, Error::<T>::NetworkNotLive);
		let terms = T::Marketplace::penalty_terms(network).ok_or(Error::<T>::NotCollateral)?;
		ensure!(
			T::Marketplace::installation(network, dam)
				.is_some_and(|i| i.status == InstallationStatus::Active),
			Error::<T>::NotInstalled
		);
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let reason: BoundedVec<u8, T::MaxReasonLength> =
			reason.try_into().map_err(|_| Error::<T>::ReasonTooLong)?;
		// One open penalty per Network and DAM: no Network fills the room another needs.
		let pending = Pending::<T>::get(network, dam);
		ensure!(pending.is_zero(), Error::<T>::PenaltyOpen);
		let params = T::Marketplace::params();
		let exposure = T::Dams::slashable_exposure(network, dam);
		let cap = terms.max_penalty.mul_floor(exposure).saturating_sub(pending);
		ensure!(amount <= cap, Error::<T>::AboveCap);
		ensure!(amount >= params.min_penalty.mul_ceil(exposure), Error::<T>::BelowMinPenalty);

		let id = NextPenaltyId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::PenaltyIdOverflow)?;
		DamPenalties::<T>::try_mutate(dam, |open| {
			open.try_push(id).map_err(|_| Error::<T>::TooManyPenalties)
		})?;
		let now = frame_system::Pallet::<T>::block_number();
		// Terms registered before a lower `max_dispute_window` are held to it too, so that no
		// penalty keeps a DAM's deposits closed longer than the protocol allows.
		let window_ends = now.saturating_add(terms.dispute_window.min(params.max_dispute_window));
		let resolve_by = window_ends.saturating_add(params.resolution_period);
		let vault = T::Dams::slash(dam, network, amount, window_ends)?;
		Pending::<T>::insert(network, dam, pending.saturating_add(amount));
		Penalties::<T>::insert(
			id,
			Penalty {
				network,
				dam,
				amount,
				vault,
				status: PenaltyStatus::Requested,
				requested_at: now,
				window_ends,
				resolve_by,
				reason,
			},
		);
		NextPenaltyId::<T>::put(next);
		Self::deposit_event(Event::PenaltyRequested {
			penalty: id,
			network,
			dam,
			amount,
			vault,
			window_ends,
			resolve_by,
		});
		Ok(id)
	}

	pub(crate) fn do_dispute(who: T::AccountId, id: PenaltyId) -> DispatchResult {
		let mut penalty = Self::penalty(id)?;
		let manager = T::Dams::manager(penalty.dam);
		let operator =
			T::Marketplace::installation(penalty.network, penalty.dam).map(|i| i.operator);
		ensure!(
			manager.as_ref() == Some(&who) || operator.as_ref() == Some(&who),
			Error::<T>::NotDisputant
		);
		ensure!(penalty.status == PenaltyStatus::Requested, Error::<T>::NotRequested);
		ensure!(
			frame_system::Pallet::<T>::block_number() < penalty.window_ends,
			Error::<T>::WindowClosed
		);
		penalty.status = PenaltyStatus::Disputed;
		Penalties::<T>::insert(id, penalty);
		Self::deposit_event(Event::PenaltyDisputed { penalty: id, by: who });
		Ok(())
	}

	/// Checks that `origin` may resolve the penalties of `network`: the governance origin,
	/// which is every Network's fallback resolver, or the Network's named resolver.
	fn ensure_resolver(origin: OriginFor<T>, network: NetworkId) -> DispatchResult {
		let Err(origin) = T::GovernanceOrigin::try_origin(origin) else {
			return Ok(());
		};
		let who = frame_system::ensure_signed(origin)?;
		let resolver = T::Marketplace::penalty_terms(network).and_then(|terms| terms.resolver);
		ensure!(resolver.as_ref() == Some(&who), Error::<T>::NotResolver);
		Ok(())
	}

	/// The disputed penalty `id`, if its resolution deadline has not passed.
	fn resolvable(origin: OriginFor<T>, id: PenaltyId) -> Result<PenaltyOf<T>, DispatchError> {
		let penalty = Self::penalty(id)?;
		Self::ensure_resolver(origin, penalty.network)?;
		ensure!(penalty.status == PenaltyStatus::Disputed, Error::<T>::NotDisputed);
		ensure!(
			frame_system::Pallet::<T>::block_number() < penalty.resolve_by,
			Error::<T>::ResolutionClosed
		);
		Ok(penalty)
	}

	pub(crate) fn do_veto(origin: OriginFor<T>, id: PenaltyId) -> DispatchResult {
		let penalty = Self::resolvable(origin, id)?;
		let dam = penalty.dam;
		let amount = Self::give_back(&penalty)?;
		Self::close(id, penalty, PenaltyStatus::Vetoed);
		Self::deposit_event(Event::PenaltyVetoed { penalty: id, dam, amount });
		Ok(())
	}

	pub(crate) fn do_uphold(origin: OriginFor<T>, id: PenaltyId) -> DispatchResult {
		let mut penalty = Self::resolvable(origin, id)?;
		penalty.status = PenaltyStatus::Upheld;
		Penalties::<T>::insert(id, penalty);
		Self::deposit_event(Event::PenaltyUpheld { penalty: id });
		Ok(())
	}

	pub(crate) fn do_execute(id: PenaltyId) -> DispatchResult {
		let penalty = Self::penalty(id)?;
		let now = frame_system::Pallet::<T>::block_number();
		match penalty.status {
			PenaltyStatus::Upheld => {}
			PenaltyStatus::Requested => {
				ensure!(now >= penalty.window_ends, Error::<T>::WindowOpen)
			}
			// Silence upholds: a dispute nobody resolved by the deadline executes.
			PenaltyStatus::Disputed => ensure!(now >= penalty.resolve_by, Error::<T>::UnderDispute),
			_ => return Err(Error::<T>::PenaltyNotFound.into()),
		}
		let treasury = T::Treasury::get();
		let to = T::Marketplace::penalty_terms(penalty.network)
			.and_then(|terms| terms.safe)
			.unwrap_or_else(|| treasury.clone());
		// A safe that cannot take the amount (it would stay below the existential deposit)
		// does not stop the execution: the treasury takes it instead.
		let (to, amount) = match T::Vaults::open_dispute_vault(penalty.vault, &to) {
			Ok(amount) => (to, amount),
			Err(_) if to != treasury => {
				let amount = T::Vaults::open_dispute_vault(penalty.vault, &treasury)?;
				(treasury, amount)
			}
			Err(e) => return Err(e),
		};
		T::Dams::penalty_executed(penalty.dam, penalty.vault)?;
		Self::close(id, penalty, PenaltyStatus::Executed);
		Self::deposit_event(Event::PenaltyExecuted { penalty: id, to, amount });
		Ok(())
	}

	pub(crate) fn do_cancel(id: PenaltyId) -> DispatchResult {
		let penalty = Self::penalty(id)?;
		let dam = penalty.dam;
		let amount = Self::give_back(&penalty)?;
		Self::close(id, penalty, PenaltyStatus::Cancelled);
		Self::deposit_event(Event::PenaltyCancelled { penalty: id, dam, amount });
		Ok(())
	}

	/// Returns a penalty's assets to its DAM, back on the books.
	fn give_back(penalty: &PenaltyOf<T>) -> Result<BalanceOf<T>, DispatchError> {
		let account = T::Dams::account(penalty.dam);
		let amount = T::Vaults::open_dispute_vault(penalty.vault, &account)?;
		T::Dams::restore(penalty.dam, penalty.vault, amount)?;
		Ok(amount)
	}

	/// Moves a resolved penalty from the open ones to its DAM's history.
	fn close(id: PenaltyId, mut penalty: PenaltyOf<T>, status: PenaltyStatus) {
		Pending::<T>::mutate_exists(penalty.network, penalty.dam, |pending| {
			let left = pending.unwrap_or_default().saturating_sub(penalty.amount);
			*pending = (!left.is_zero()).then_some(left);
		});
		DamPenalties::<T>::mutate_exists(penalty.dam, |open| {
			let mut list = open.take().unwrap_or_default();
			list.retain(|p| *p != id);
			*open = (!list.is_empty()).then_some(list);
		});
		Penalties::<T>::remove(id);
		penalty.status = status;
		History::<T>::mutate(penalty.dam, |history| {
			if history.is_full() {
				history.remove(0);
			}
			let _ = history.try_push((id, penalty));
		});
	}
}

impl<T: Config> nektar_primitives::PenaltyRequests<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn request_penalty(
		manager: &T::AccountId,
		network: NetworkId,
		dam: DamId,
		amount: BalanceOf<T>,
		reason: Vec<u8>,
	) -> DispatchResult {
		Self::do_request_penalty(manager.clone(), network, dam, amount, reason).map(|_| ())
	}

	fn penalty_open(network: NetworkId, dam: DamId) -> bool {
		!Pending::<T>::get(network, dam).is_zero()
	}
}
