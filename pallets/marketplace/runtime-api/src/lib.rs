//! `MarketplaceApi`: what clients such as Polkadot.js (`api.call.marketplaceApi.*`) ask the
//! marketplace pallet, so that they need no storage decoding. The runtime fills in the records with
//! the pallet's own types, which metadata describes to clients.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;
use nektar_primitives::NetworkId;

polkadot_sdk::sp_api::decl_runtime_apis! {
	/// What wallets and dashboards ask the marketplace: Networks with their terms, status and
	/// metadata.
	///
	/// Version 2: the terms carry the Operator's commission (`operator_commission`).
	#[api_version(2)]
	pub trait MarketplaceApi<NetworkInfo>
	where
		NetworkInfo: Codec,
	{
		/// A Network with its terms, status and metadata.
		fn network(network: NetworkId) -> Option<NetworkInfo>;

		/// Every Network, by id.
		fn networks() -> Vec<NetworkInfo>;
	}
}
