//! Read-only views for the runtime API: vaults, loans and debts.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use nektar_primitives::{DamId, NetworkId, VaultId};

impl<T: Config> Pallet<T> {
	/// The vaults of a Network that still hold assets.
	pub fn network_vaults(network: NetworkId) -> Vec<(VaultId, VaultOf<T>)> {
		NetworkVaults::<T>::iter_key_prefix(network)
			.filter_map(|id| Vaults::<T>::get(id).map(|vault| (id, vault)))
			.collect()
	}

	/// What a Network owes each DAM.
	pub fn network_loans(network: NetworkId) -> Vec<(DamId, BalanceOf<T>)> {
		Loans::<T>::iter_prefix(network).collect()
	}

	/// A Network's debt in total.
	pub fn network_debt(network: NetworkId) -> Debt<BalanceOf<T>> {
		Debts::<T>::get(network)
	}
}
