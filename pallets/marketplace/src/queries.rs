//! Read-only views for the runtime API (`MarketplaceApi`).

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use codec::{Decode, Encode};
use nektar_primitives::NetworkId;
use scale_info::TypeInfo;

/// A Network with its metadata, as a wallet shows it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct NetworkInfo<Network, Metadata> {
	/// The Network's id.
	pub id: NetworkId,
	/// The record: manager, terms, status, counters.
	pub network: Network,
	/// Name, description, url and reward token symbol.
	pub metadata: Metadata,
}

/// The [`NetworkInfo`] of this runtime.
pub type NetworkInfoOf<T> = NetworkInfo<NetworkOf<T>, NetworkMetadataOf<T>>;

impl<T: Config> Pallet<T> {
	/// The Network as a wallet should see it: `Ended` once its duration has passed, whether
	/// or not anyone called `end_network`.
	fn as_of_now(mut network: NetworkOf<T>) -> NetworkOf<T> {
		network.status = network.status_at(polkadot_sdk::frame_system::Pallet::<T>::block_number());
		network
	}

	/// A Network with its metadata.
	pub fn network_info(id: NetworkId) -> Option<NetworkInfoOf<T>> {
		Some(NetworkInfo {
			id,
			network: Self::as_of_now(Networks::<T>::get(id)?),
			metadata: Metadata::<T>::get(id).unwrap_or_default(),
		})
	}

	/// Every Network with its metadata, by id.
	pub fn all_networks() -> Vec<NetworkInfoOf<T>> {
		Networks::<T>::iter()
			.map(|(id, network)| {
				let metadata = Metadata::<T>::get(id).unwrap_or_default();
				NetworkInfo { id, network: Self::as_of_now(network), metadata }
			})
			.collect()
	}
}
