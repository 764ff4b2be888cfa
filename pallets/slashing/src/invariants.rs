//! The slashing pallet's invariants, checked by `try_state`.

use crate::{pallet::*, types::*};
use alloc::collections::btree_map::BTreeMap;
use frame_support::ensure;
use nektar_primitives::{DamId, DamProvider, NetworkId};
use polkadot_sdk::{frame_support, sp_runtime};
use sp_runtime::TryRuntimeError;

impl<T: Config> Pallet<T> {
	/// Checks every invariant of the slashing pallet.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let next = NextPenaltyId::<T>::get();
		let mut pending: BTreeMap<(NetworkId, DamId), BalanceOf<T>> = BTreeMap::new();
		let mut count: BTreeMap<DamId, u32> = BTreeMap::new();
		for (id, penalty) in Penalties::<T>::iter() {
			ensure!(id < next, "a penalty id is at or above NextPenaltyId");
			ensure!(
				matches!(
					penalty.status,
					PenaltyStatus::Requested | PenaltyStatus::Disputed | PenaltyStatus::Upheld
				),
				"a resolved penalty is kept open"
			);
			ensure!(
				DamPenalties::<T>::get(penalty.dam).contains(&id),
				"an open penalty is missing from its DAM's list"
			);
			ensure!(
				penalty.resolve_by >= penalty.window_ends,
				"a penalty's resolution deadline comes before its window closes"
			);
			ensure!(
				!pending.contains_key(&(penalty.network, penalty.dam)),
				"a Network has two open penalties on one DAM"
			);
			pending.insert((penalty.network, penalty.dam), penalty.amount);
			*count.entry(penalty.dam).or_default() += 1;
		}
		for (network, dam, amount) in Pending::<T>::iter() {
			ensure!(
				pending.remove(&(network, dam)) == Some(amount),
				"an installation's pending amount is not the sum of its open penalties"
			);
		}
		ensure!(pending.is_empty(), "open penalties are missing from the pending amounts");
		for (dam, open) in DamPenalties::<T>::iter() {
			ensure!(
				open.len() as u32 == count.remove(&dam).unwrap_or_default(),
				"a DAM lists penalties that are not open"
			);
			ensure!(
				T::Dams::open_penalties(dam) == open.len() as u32,
				"a DAM counts other penalties than it has open"
			);
		}
		ensure!(count.is_empty(), "open penalties are missing from their DAM's list");
		Ok(())
	}
}
