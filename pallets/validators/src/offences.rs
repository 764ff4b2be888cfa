//! Offences: pallet-offences reports an offence proved on-chain, and each DAM that backs the
//! offender gets a penalty from Network 0, through the normal dispute flow. A DAM whose
//! Network 0 penalty is still open owes the new one until it closes.

use crate::{pallet::*, weights::WeightInfo, DamId, SessionControl, SessionIndex};
use alloc::{format, vec::Vec};
use frame_support::{pallet_prelude::*, storage::with_storage_layer, traits::Get};
use nektar_primitives::{DamProvider, ManagedNetwork, MarketplaceInspect, PenaltyRequests};
use polkadot_sdk::{
	frame_support,
	sp_runtime::{
		traits::{Saturating, Zero},
		Perbill,
	},
	sp_staking::offence::{OffenceDetails, OnOffenceHandler},
};

/// A penalty owed by a DAM for offences of the validator it backs, while Network 0's penalty
/// on it is still open.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct DeferredPenalty<AccountId, Balance> {
	/// The offender.
	pub validator: AccountId,
	/// The sum of the penalties owed, before they are held to Network 0's terms.
	pub amount: Balance,
	/// The session of the latest offence owed.
	pub session: SessionIndex,
}

impl<T: Config> Pallet<T> {
	/// The penalty on a backing of `exposure` for an offence of `fraction`: the fraction of
	/// the exposure, raised to the protocol's minimum penalty and held to Network 0's maximum.
	pub fn offence_penalty(fraction: Perbill, exposure: T::Balance) -> T::Balance {
		if fraction.is_zero() {
			return Zero::zero();
		}
		Self::held_to_terms(fraction.mul_floor(exposure), exposure)
	}

	/// `amount`, raised to the protocol's minimum penalty on a backing of `exposure` and held
	/// to Network 0's maximum on it; zero if nothing is exposed.
	pub fn held_to_terms(amount: T::Balance, exposure: T::Balance) -> T::Balance {
		if exposure.is_zero() {
			return Zero::zero();
		}
		let network = T::Network::get();
		let floor = T::Marketplace::params().min_penalty.mul_ceil(exposure);
		let cap = T::Marketplace::penalty_terms(network)
			.map(|terms| terms.max_penalty.mul_floor(exposure))
			.unwrap_or_else(Zero::zero);
		amount.max(floor).min(cap)
	}

	/// Requests `amount` on `dam` for `validator`'s offence of `session`, in a storage layer of
	/// its own: a refused request leaves no trace but its event.
	fn request_offence_penalty(
		validator: &T::AccountId,
		dam: DamId,
		amount: T::Balance,
		session: SessionIndex,
	) {
		let reason: Vec<u8> = format!("equivocation by a validator in session {session}").into();
		let result = if amount.is_zero() {
			Err(Error::<T>::NothingToSlash.into())
		} else {
			with_storage_layer(|| {
				T::Penalties::request_penalty(
					&Self::account(),
					T::Network::get(),
					dam,
					amount,
					reason,
				)
			})
		};
		let validator = validator.clone();
		Self::deposit_event(match result {
			Ok(()) => Event::OffencePenaltyRequested { validator, dam, amount },
			Err(error) => Event::OffencePenaltyFailed { validator, dam, amount, error },
		});
	}

	/// Requests the deferred penalties whose DAM has no Network 0 penalty open any more, held
	/// to Network 0's terms on the DAM's backing now.
	pub(crate) fn request_deferred_penalties() {
		let network = T::Network::get();
		let due: Vec<_> = DeferredPenalties::<T>::iter()
			.filter(|(dam, _)| !T::Penalties::penalty_open(network, *dam))
			.collect();
		for (dam, owed) in due {
			DeferredPenalties::<T>::remove(dam);
			let amount =
				Self::held_to_terms(owed.amount, T::Dams::slashable_exposure(network, dam));
			Self::request_offence_penalty(&owed.validator, dam, amount, owed.session);
		}
	}

	/// Owes `amount` more on `dam`, whose Network 0 penalty is still open.
	fn defer_penalty(
		validator: &T::AccountId,
		dam: DamId,
		amount: T::Balance,
		session: SessionIndex,
	) {
		DeferredPenalties::<T>::mutate(dam, |owed| {
			let total = owed.as_ref().map_or(amount, |owed| owed.amount.saturating_add(amount));
			*owed = Some(DeferredPenalty { validator: validator.clone(), amount: total, session });
		});
		Self::deposit_event(Event::OffencePenaltyDeferred {
			validator: validator.clone(),
			dam,
			amount,
		});
	}

	/// Handles `validator`'s offence of session `session`, of `fraction`, once per session;
	/// returns how many DAMs back the offender, and how many installations it read to find
	/// them.
	pub(crate) fn punish(
		validator: &T::AccountId,
		fraction: Perbill,
		session: SessionIndex,
	) -> (u32, u32) {
		if HandledOffences::<T>::contains_key(session, validator) {
			return (0, 0);
		}
		HandledOffences::<T>::insert(session, validator, ());
		T::Session::disable(validator, fraction);
		Offenders::<T>::mutate(|offenders| {
			if !offenders.contains(validator) {
				// At most `MaxAuthorities` validators offend between two plans; one more is
				// still disabled and penalised.
				let _ = offenders.try_push(validator.clone());
			}
		});
		Self::deposit_event(Event::ValidatorOffence {
			validator: validator.clone(),
			session,
			fraction,
		});

		let network = T::Network::get();
		let mut backing_dams = 0;
		let installations = T::Marketplace::active_installations(network);
		let scanned = installations.len() as u32;
		for (dam, installation) in installations {
			if &installation.operator != validator {
				continue;
			}
			backing_dams += 1;
			let amount = Self::offence_penalty(fraction, T::Dams::slashable_exposure(network, dam));
			if amount.is_zero() {
				continue;
			}
			if T::Penalties::penalty_open(network, dam) {
				Self::defer_penalty(validator, dam, amount, session);
			} else {
				Self::request_offence_penalty(validator, dam, amount, session);
			}
		}
		(backing_dams, scanned)
	}
}

impl<T: Config, FullIdentification>
	OnOffenceHandler<T::AccountId, (T::AccountId, FullIdentification), Weight> for Pallet<T>
{
	fn on_offence(
		offenders: &[OffenceDetails<T::AccountId, (T::AccountId, FullIdentification)>],
		slash_fraction: &[Perbill],
		session: SessionIndex,
	) -> Weight {
		let mut weight = Weight::zero();
		for (details, fraction) in offenders.iter().zip(slash_fraction) {
			let (dams, scanned) = Self::punish(&details.offender.0, *fraction, session);
			weight.saturating_accrue(T::WeightInfo::on_offence(dams));
			// Finding the offender's DAMs reads every installation of Network 0.
			weight.saturating_accrue(T::DbWeight::get().reads(scanned.into()));
		}
		weight
	}
}
