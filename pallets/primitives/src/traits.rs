//! The traits through which the Nektar pallets talk to each other. The runtime implements each
//! one by pointing at the pallet that owns the data.

use crate::types::*;
use polkadot_sdk::sp_runtime::{DispatchError, DispatchResult};

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

	/// Lowers the exposure of an installation by `amount` (at most to zero), whatever the
	/// Network's status and minimum: a loan came back or was written off.
	fn reduce_exposure(network: NetworkId, dam: DamId, amount: Balance) -> DispatchResult;

	/// Marks an ended Liquidity Network as defaulted.
	fn set_defaulted(network: NetworkId) -> DispatchResult;

	/// Pays `amount` of the Network's held return bond to `to`.
	fn pay_bond(network: NetworkId, to: &AccountId, amount: Balance) -> DispatchResult;

	/// Releases what is left of the Network's return bond to its manager.
	fn release_bond(network: NetworkId) -> DispatchResult;
}

/// What the vaults pallet offers the DAM pallet.
pub trait VaultsInterface<AccountId, AssetKind, Balance, BlockNumber> {
	/// Moves `amount` of `asset` from `from` (the DAM's account) into a new vault of `kind`
	/// for `network`, locked until `unlock_at`; returns the vault's id.
	fn lock(
		kind: VaultKind,
		network: NetworkId,
		dam: DamId,
		asset: AssetKind,
		amount: Balance,
		from: &AccountId,
		unlock_at: BlockNumber,
	) -> Result<VaultId, DispatchError>;
}

/// What the DAM pallet offers the vaults pallet: the DAM's books follow its assets when they
/// come back from a vault or a loan, or are lost.
pub trait DamLedger<AccountId, Balance> {
	/// The keyless account that holds the DAM's assets.
	fn account(dam: DamId) -> AccountId;

	/// What the DAM has lent, on its books: in Liquidity vaults or on loan.
	fn lent(dam: DamId) -> Balance;

	/// `amount` lent to a Network is back in the DAM's account: it is idle again.
	fn on_loan_returned(dam: DamId, amount: Balance) -> DispatchResult;

	/// `amount` lent to a Network is lost and leaves the DAM's books, so its exchange rate
	/// falls; `compensation` in the native token, from the Network's return bond, is already in
	/// the DAM's account and belongs to the DAM's shareholders of this moment.
	fn on_loan_written_off(dam: DamId, amount: Balance, compensation: Balance) -> DispatchResult;
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
