//! Read-only views for the runtime API.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use nektar_primitives::DamId;

impl<T: Config> Pallet<T> {
	/// A DAM's open penalties, then its most recent resolved ones, oldest first.
	pub fn dam_penalties(dam: DamId) -> Vec<(PenaltyId, PenaltyOf<T>)> {
		DamPenalties::<T>::get(dam)
			.into_iter()
			.filter_map(|id| Penalties::<T>::get(id).map(|p| (id, p)))
			.chain(History::<T>::get(dam))
			.collect()
	}
}
