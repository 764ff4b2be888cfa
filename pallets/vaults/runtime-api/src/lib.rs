//! `VaultsApi`: what clients such as Polkadot.js (`api.call.vaultsApi.*`) ask the vaults pallet, so
//! that they need no storage decoding. The runtime fills in the records with the pallet's own
//! types, which metadata describes to clients.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;
use nektar_primitives::NetworkId;

polkadot_sdk::sp_api::decl_runtime_apis! {
	/// What wallets and dashboards ask the vaults pallet: vaults, loans and debts.
	pub trait VaultsApi<Vault, Loan, Debt>
	where
		Vault: Codec,
		Loan: Codec,
		Debt: Codec,
	{
		/// The vaults of a Network that still hold assets, by id.
		fn vaults(network: NetworkId) -> Vec<Vault>;

		/// What a Liquidity Network owes each DAM.
		fn loans(network: NetworkId) -> Vec<Loan>;

		/// A Liquidity Network's debt: outstanding loans, locked Liquidity vaults, creditors.
		fn debt(network: NetworkId) -> Debt;
	}
}
