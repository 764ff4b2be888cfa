//! The traits through which the Nektar pallets talk to each other. The runtime implements each
//! one by pointing at the pallet that owns the data.

use crate::types::*;
use polkadot_sdk::sp_runtime::DispatchResult;

/// What the marketplace offers the DAM pallet: Networks, Operators, the asset whitelist, the
/// protocol parameters, and the installation records it keeps for each (Network, DAM) pair.
pub trait MarketplaceInterface<AccountId, AssetKind, Balance, BlockNumber> {
	/// The Network `network`, if it exists.
	fn network(
		network: NetworkId,
	) -> Option<NetworkView<AccountId, AssetKind, Balance, BlockNumber>>;

	/// The protocol parameters in force.
	fn params() -> ProtocolParams<BlockNumber>;

	/// Whether `who` is a registered Operator.
	fn is_operator(who: &AccountId) -> bool;

	/// Whether governance whitelisted `asset` as a deposit or reward asset.
	fn is_asset_whitelisted(asset: &AssetKind) -> bool;

	/// The installation of `network` into `dam`, if there is one.
	fn installation(network: NetworkId, dam: DamId)
		-> Option<InstallationView<AccountId, Balance>>;

	/// Records a request to install `network` into `dam`, run by `operator`. Fails unless the
	/// Network is live, the kinds and deposit assets match, and the Network still has room for
	/// another operator.
	fn request_installation(
		network: NetworkId,
		dam: DamId,
		details: DamView<AccountId, AssetKind>,
		operator: AccountId,
	) -> DispatchResult;

	/// Removes the installation of `network` from `dam`. Its exposure must already be zero.
	fn remove_installation(network: NetworkId, dam: DamId) -> DispatchResult;

	/// Sets the exposure (allocation or commitment) of an active installation, within the
	/// Network's caps: at least `min_allocation` unless zero, at most the installation's
	/// `max_exposure`, and the Network's total within `amount_requested`.
	fn set_exposure(network: NetworkId, dam: DamId, exposure: Balance) -> DispatchResult;
}

/// What the DAM pallet offers the marketplace.
pub trait DamInterface<AccountId> {
	/// Whether `operator` is assigned to any DAM.
	fn has_assignments(operator: &AccountId) -> bool;

	/// The marketplace dropped the installation of `network` into `dam` (the Network refused
	/// it); the DAM forgets it too.
	fn on_installation_dropped(network: NetworkId, dam: DamId);
}

/// Called when governance whitelists a Network, so that other pallets can set up what a live
/// Network needs (its reward program, for instance).
pub trait OnNetworkLive {
	/// `network` just went live.
	fn on_network_live(network: NetworkId) -> DispatchResult;
}

impl OnNetworkLive for () {
	fn on_network_live(_: NetworkId) -> DispatchResult {
		Ok(())
	}
}

/// What the benchmarks of the Nektar pallets need from the runtime: an asset that exists, and a
/// live Network to install.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId, AssetKind> {
	/// An asset that exists, whitelisted or not; accounts can be funded with it.
	fn asset() -> AssetKind;

	/// Registers `who` as an Operator.
	fn register_operator(who: &AccountId);

	/// Registers and whitelists a Network of `kind` asking for `asset`, with room for every
	/// installation a benchmark makes; returns its id.
	fn live_network(kind: NetworkKind, asset: AssetKind) -> NetworkId;

	/// Confirms the requested installation of `network` into `dam`.
	fn confirm_installation(network: NetworkId, dam: DamId);
}
