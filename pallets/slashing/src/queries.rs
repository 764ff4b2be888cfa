//! Read-only views for the runtime API (`SlashingApi`).

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use codec::{Decode, Encode};
use nektar_primitives::DamId;
use scale_info::TypeInfo;

/// A penalty and its id.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct PenaltyInfo<Penalty> {
	/// The penalty's id.
	pub id: PenaltyId,
	/// Its Network, DAM, amount, status and deadlines.
	pub penalty: Penalty,
}

impl<T: Config> Pallet<T> {
	/// A DAM's open penalties, then its most recent resolved ones, oldest first.
	pub fn dam_penalties(dam: DamId) -> Vec<PenaltyInfo<PenaltyOf<T>>> {
		DamPenalties::<T>::get(dam)
			.into_iter()
			.filter_map(|id| Penalties::<T>::get(id).map(|p| (id, p)))
			.chain(History::<T>::get(dam))
			.map(|(id, penalty)| PenaltyInfo { id, penalty })
			.collect()
	}
}
