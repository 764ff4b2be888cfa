//! Read-only views for the runtime API (`VaultsApi`): vaults, loans and debts.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use codec::{Decode, Encode};
use nektar_primitives::{DamId, NetworkId, VaultId};
use scale_info::TypeInfo;

/// A vault and its id.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct VaultInfo<Vault> {
	/// The vault's id.
	pub id: VaultId,
	/// What it holds, for whom, and until when.
	pub vault: Vault,
}

/// What a Liquidity Network owes one DAM.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct Loan<Balance> {
	/// The DAM that lent.
	pub dam: DamId,
	/// What the Network owes it.
	pub amount: Balance,
}

impl<T: Config> Pallet<T> {
	/// The vaults of a Network that still hold assets, by id.
	pub fn network_vaults(network: NetworkId) -> Vec<VaultInfo<VaultOf<T>>> {
		NetworkVaults::<T>::iter_key_prefix(network)
			.filter_map(|id| Vaults::<T>::get(id).map(|vault| VaultInfo { id, vault }))
			.collect()
	}

	/// What a Network owes each DAM.
	pub fn network_loans(network: NetworkId) -> Vec<Loan<BalanceOf<T>>> {
		Loans::<T>::iter_prefix(network).map(|(dam, amount)| Loan { dam, amount }).collect()
	}

	/// A Network's debt in total.
	pub fn network_debt(network: NetworkId) -> Debt<BalanceOf<T>> {
		Debts::<T>::get(network)
	}
}
