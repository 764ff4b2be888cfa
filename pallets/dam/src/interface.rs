//! What the DAM pallet offers the marketplace.

use crate::pallet::*;
use nektar_primitives::{DamId, DamInterface, NetworkId};

impl<T: Config> DamInterface<T::AccountId> for Pallet<T> {
	fn has_assignments(operator: &T::AccountId) -> bool {
		Assignments::<T>::get(operator) > 0
	}

	fn on_installation_dropped(network: NetworkId, dam: DamId) {
		DamInstallations::<T>::mutate(dam, |list| list.retain(|n| *n != network));
		Self::deposit_event(Event::Uninstalled { dam, network });
	}
}
