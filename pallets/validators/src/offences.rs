//! Offences: pallet-offences reports an offence proved on-chain, and each DAM that backs the
//! offender gets a penalty from Network 0, through the normal dispute flow.

use crate::{pallet::*, weights::WeightInfo, SessionControl, SessionIndex};
use alloc::{format, vec::Vec};
use frame_support::{pallet_prelude::*, storage::with_storage_layer, traits::Get};
use nektar_primitives::{DamProvider, ManagedNetwork, MarketplaceInspect, PenaltyRequests};
use polkadot_sdk::{
	frame_support,
	sp_runtime::{traits::Zero, Perbill},
	sp_staking::offence::{OffenceDetails, OnOffenceHandler},
};

impl<T: Config> Pallet<T> {
	/// The penalty on a backing of `exposure` for an offence of `fraction`: the fraction of
	/// the exposure, raised to the protocol's minimum penalty and held to Network 0's maximum.
	pub fn offence_penalty(fraction: Perbill, exposure: T::Balance) -> T::Balance {
		if fraction.is_zero() || exposure.is_zero() {
			return Zero::zero();
		}
		let network = T::Network::get();
		let floor = T::Marketplace::params().min_penalty.mul_ceil(exposure);
		let cap = T::Marketplace::penalty_terms(network)
			.map(|terms| terms.max_penalty.mul_floor(exposure))
			.unwrap_or_else(Zero::zero);
		fraction.mul_floor(exposure).max(floor).min(cap)
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
		let manager = Self::account();
		let reason: Vec<u8> = format!("equivocation by a validator in session {session}").into();
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
			// A failed request (a penalty already open on the DAM, say) leaves no trace but
			// its event.
			match with_storage_layer(|| {
				T::Penalties::request_penalty(&manager, network, dam, amount, reason.clone())
			}) {
				Ok(()) => Self::deposit_event(Event::OffencePenaltyRequested {
					validator: validator.clone(),
					dam,
					amount,
				}),
				Err(error) => Self::deposit_event(Event::OffencePenaltyFailed {
					validator: validator.clone(),
					dam,
					amount,
					error,
				}),
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
