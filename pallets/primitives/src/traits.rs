//! The traits through which the Nektar pallets talk to each other. The runtime implements each
//! one by pointing at the pallet that owns the data.

use crate::{amounts::Shares, types::*};
use alloc::vec::Vec;
use polkadot_sdk::{
	frame_support::weights::Weight,
	sp_runtime::{DispatchError, DispatchResult},
};

/// What every pallet may read of the marketplace: Networks, Operators, the asset whitelist, the
/// protocol parameters, and the installation record of each (Network, DAM) pair.
pub trait MarketplaceInspect {
	/// An account.
	type AccountId;
	/// An asset: the native token or a `pallet-assets` asset.
	type AssetKind;
	/// The balance of every asset.
	type Balance;
	/// A block number.
	type BlockNumber;

	/// The Network `network`, if it exists.
	fn network(network: NetworkId) -> Option<NetworkViewOf<Self>>;

	/// The name of the Network and the symbol of its synthetic reward token.
	fn reward_token_metadata(network: NetworkId) -> Option<(Vec<u8>, Vec<u8>)>;

	/// The penalty terms of a Collateral Network.
	fn penalty_terms(network: NetworkId)
		-> Option<PenaltyView<Self::AccountId, Self::BlockNumber>>;

	/// The protocol parameters in force.
	fn params() -> ProtocolParams<Self::BlockNumber>;

	/// Whether `who` is a registered Operator.
	fn is_operator(who: &Self::AccountId) -> bool;

	/// Whether governance whitelisted `asset` as a deposit or reward asset.
	fn is_asset_whitelisted(asset: &Self::AssetKind) -> bool;

	/// The installation of `network` into `dam`, if there is one.
	fn installation(
		network: NetworkId,
		dam: DamId,
	) -> Option<InstallationView<Self::AccountId, Self::Balance, Self::BlockNumber>>;

	/// An asset that exists and that accounts can be funded with: what the Networks of
	/// [`Self::benchmark_network`] ask for and reward in.
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_asset() -> Self::AssetKind;

	/// Registers `who` as an Operator, unless it is one, funding its deposit.
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_operator(who: &Self::AccountId);

	/// Registers and whitelists a Network of `kind` asking for the benchmark asset, with its
	/// manager funded and room for every installation a benchmark makes: `min_allocation`,
	/// and a million times that requested. Returns its id.
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_network(kind: NetworkKind, min_allocation: Self::Balance) -> NetworkId;

	/// Confirms, as the Network's manager, the requested installation of `network` into `dam`.
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_confirm(network: NetworkId, dam: DamId);

	/// Moves to the end of `network`'s duration and ends it.
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_end(network: NetworkId);
}

/// What [`MarketplaceInspect::network`] shows of a Network.
pub type NetworkViewOf<M> = NetworkView<
	<M as MarketplaceInspect>::AccountId,
	<M as MarketplaceInspect>::AssetKind,
	<M as MarketplaceInspect>::Balance,
	<M as MarketplaceInspect>::BlockNumber,
>;

/// What the DAM pallet writes in the marketplace: the installations a DAM requests and removes,
/// and the exposure each one carries.
pub trait InstallationLedger: MarketplaceInspect {
	/// Records a request to install `network` into `dam`, run by `operator`. Fails unless the
	/// Network is live, the kinds and deposit assets match, and the Network still has room for
	/// another operator.
	fn request_installation(
		network: NetworkId,
		dam: DamId,
		details: DamView<Self::AccountId, Self::AssetKind>,
		operator: Self::AccountId,
	) -> DispatchResult;

	/// Removes the installation of `network` from `dam`. Its exposure must already be zero,
	/// and for a live Collateral Network no lowered commitment may still be slashable.
	fn remove_installation(network: NetworkId, dam: DamId) -> DispatchResult;

	/// Sets the exposure (allocation or commitment) of an active installation, within the
	/// Network's caps: at least `min_allocation` unless zero, at most the installation's
	/// `max_exposure`, and the Network's total within `amount_requested`. A lowered
	/// Collateral commitment stays slashable at its former value for `commitment_delay`.
	fn set_exposure(network: NetworkId, dam: DamId, exposure: Self::Balance) -> DispatchResult;

	/// Lowers the exposure of an installation by `amount` (at most to zero), whatever the
	/// Network's status and minimum: a loan came back or was written off, or a spent Growth
	/// allocation no longer ties the DAM to an ended Network.
	fn reduce_exposure(network: NetworkId, dam: DamId, amount: Self::Balance) -> DispatchResult;
}

/// What the vaults pallet settles in the marketplace when a Liquidity Network's loans end: its
/// default and its return bond.
pub trait ReturnBonds: MarketplaceInspect {
	/// Marks an ended Liquidity Network as defaulted.
	fn set_defaulted(network: NetworkId) -> DispatchResult;

	/// Pays `amount` of the Network's held return bond to `to`.
	fn pay_bond(network: NetworkId, to: &Self::AccountId, amount: Self::Balance) -> DispatchResult;

	/// Releases what is left of the Network's return bond to its manager.
	fn release_bond(network: NetworkId) -> DispatchResult;
}

/// What the vaults pallet offers the DAM pallet.
pub trait VaultsInterface {
	/// An account.
	type AccountId;
	/// An asset: the native token or a `pallet-assets` asset.
	type AssetKind;
	/// The balance of every asset.
	type Balance;
	/// A block number.
	type BlockNumber;

	/// Moves `amount` of `asset` from `from` (the DAM's account) into a new vault of `kind`
	/// for `network`, locked until `unlock_at`; returns the vault's id.
	fn lock(
		kind: VaultKind,
		network: NetworkId,
		dam: DamId,
		asset: Self::AssetKind,
		amount: Self::Balance,
		from: &Self::AccountId,
		unlock_at: Self::BlockNumber,
	) -> Result<VaultId, DispatchError>;

	/// Empties the dispute vault `vault` into `to`, whatever its lock; returns the amount.
	fn open_dispute_vault(
		vault: VaultId,
		to: &Self::AccountId,
	) -> Result<Self::Balance, DispatchError>;

	/// The earliest end among the Networks that owe `dam` a loan (Liquidity released to
	/// their safe and not repaid), if any does: that loan falls due `repay_grace` blocks
	/// after it. One storage read, whatever the number of loans.
	fn earliest_loan_end(dam: DamId) -> Option<Self::BlockNumber>;

	/// The dispute vaults holding penalties on `dam`: each vault, its Network and amount. It
	/// reads every vault, so it is for storage migrations, not for calls.
	fn dispute_vaults_of(dam: DamId) -> Vec<(VaultId, NetworkId, Self::Balance)>;
}

/// What the rewards pallet sells the DAM pallet: node licenses.
pub trait LicenseSeller {
	/// An account.
	type AccountId;
	/// The balance of every asset.
	type Balance;

	/// The price of a license of `network`, if it sells them.
	fn license_price(network: NetworkId) -> Option<Self::Balance>;

	/// Sells the next license of `network`'s sale to `dam`: mints it to `buyer` (the DAM's
	/// account) and records `operator` as the one running the node. Returns the price, the
	/// license's item id and the account to pay (the Network's manager).
	fn sell_license(
		network: NetworkId,
		dam: DamId,
		buyer: &Self::AccountId,
		operator: &Self::AccountId,
	) -> Result<(Self::Balance, u32, Self::AccountId), DispatchError>;

	/// Opens, as its manager, a sale of licenses of the live Growth Network `network`, priced
	/// at its minimum allocation.
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_license_sale(network: NetworkId);
}

/// What the DAM pallet offers the other pallets: who holds a DAM's shares, the exposure each
/// installation earns on, and the DAM's books, which follow its assets when they come back
/// from a vault or a loan, are lost, or are slashed.
pub trait DamProvider {
	/// An account.
	type AccountId;
	/// The balance of every asset; a DAM's shares are counted in it too, as [`Shares`].
	type Balance;
	/// A block number.
	type BlockNumber;

	/// The keyless account that holds the DAM's assets.
	fn account(dam: DamId) -> Self::AccountId;

	/// The DAM's manager, if the DAM exists.
	fn manager(dam: DamId) -> Option<Self::AccountId>;

	/// The shares that earn rewards: all but those queued for withdrawal.
	fn active_shares(dam: DamId) -> Shares<Self::Balance>;

	/// The earning shares of `who`.
	fn shares(dam: DamId, who: &Self::AccountId) -> Shares<Self::Balance>;

	/// Every holder of the DAM's shares. It reads every holder, so it is for storage
	/// migrations and `try_state` checks, not for calls.
	fn holders(dam: DamId) -> Vec<Self::AccountId>;

	/// The exposure the installation of `network` into `dam` earns on: its allocation, or for
	/// Collateral its effective commitment, `min(commitment, active stake)`.
	fn exposure(network: NetworkId, dam: DamId) -> Self::Balance;

	/// A Collateral DAM's active stake: the value of its earning shares, which caps its
	/// exposure in every Network. `None` for the other kinds, whose exposure does not follow
	/// their shares, and for a DAM that does not exist.
	fn active_stake(dam: DamId) -> Option<Self::Balance>;

	/// What the DAM has lent, on its books: in Liquidity vaults or on loan.
	fn lent(dam: DamId) -> Self::Balance;

	/// `amount` lent to a Network is back in the DAM's account: it is idle again.
	fn on_loan_returned(dam: DamId, amount: Self::Balance) -> DispatchResult;

	/// `amount` lent to a Network is lost and leaves the DAM's books, so its exchange rate
	/// falls; `compensation` in the native token, from the Network's return bond, is already in
	/// the DAM's account and belongs to the DAM's shareholders of this moment.
	fn on_loan_written_off(
		dam: DamId,
		amount: Self::Balance,
		compensation: Self::Balance,
	) -> DispatchResult;

	/// Takes `amount` off the DAM's books at once, so that its exchange rate falls for every
	/// share, queued for withdrawal or not, and locks it in a dispute vault for `network`
	/// until `unlock_at`. Rewards are settled first. Deposits and withdrawal claims wait until
	/// the penalty is resolved.
	fn slash(
		dam: DamId,
		network: NetworkId,
		amount: Self::Balance,
		unlock_at: Self::BlockNumber,
	) -> Result<VaultId, DispatchError>;

	/// The penalty held in dispute `vault` was vetoed or cancelled and its `amount` is back in
	/// the DAM's account. The part owed to the holders of the moment of the request goes back
	/// on the books, restoring the exchange rate; the part of those who claimed their
	/// withdrawals meanwhile waits for them in the DAM's compensation pool.
	fn restore(dam: DamId, vault: VaultId, amount: Self::Balance) -> DispatchResult;

	/// The penalty held in dispute `vault` was executed: its assets are gone for good.
	fn penalty_executed(dam: DamId, vault: VaultId) -> DispatchResult;

	/// What `network` may slash of `dam` now: `min(slashable commitment, slashable stake)`.
	/// The slashable commitment is the commitment, or a higher one lowered less than
	/// `commitment_delay` blocks ago; the slashable stake is the value of every share, queued
	/// for withdrawal or not, before any open penalty lowered it.
	fn slashable_exposure(network: NetworkId, dam: DamId) -> Self::Balance;

	/// How many penalties on the DAM are not resolved yet, as the DAM counts them.
	fn open_penalties(dam: DamId) -> u32;

	/// The most weight `slash` or `restore` spends settling the rewards of a DAM that tracks
	/// the most reward tokens; callers add it to their own weight.
	fn settlement_weight() -> Weight;

	/// Creates a DAM of `kind` taking the benchmark asset, with no fee and fixed roles, run by
	/// `operator` (registered as an Operator if it is not one) as its manager and independent
	/// Operator. Returns its id.
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_dam(kind: NetworkKind, operator: &Self::AccountId) -> DamId;

	/// Funds `who` and deposits `amount` of the DAM's asset for it.
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_deposit(dam: DamId, who: &Self::AccountId, amount: Self::Balance);

	/// Installs the live Network `network` into `dam`, run by the DAM's manager, has the
	/// Network confirm it, and then commits or allocates `exposure` unless it is zero.
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_install(dam: DamId, network: NetworkId, exposure: Self::Balance);

	/// Buys a license of `network`, whose sale is open, for `dam`, run by its manager.
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_buy_license(dam: DamId, network: NetworkId);

	/// Writes `count` more holders of one share unit each straight into the DAM's share
	/// ledger at its exchange rate, with the assets behind them, and returns them: a DAM with
	/// many delegators, as a call that must not depend on them sees it.
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_holders(dam: DamId, count: u32) -> Vec<Self::AccountId>;
}

/// What the DAM pallet offers the marketplace.
pub trait DamInterface<AccountId> {
	/// Whether `operator` is assigned to any DAM.
	fn has_assignments(operator: &AccountId) -> bool;

	/// The marketplace dropped the installation of `network` into `dam` (the Network refused
	/// it, or removed an installation that backs nothing); the DAM forgets it too. Fails if
	/// the Network still has a penalty open on the DAM.
	fn on_installation_dropped(network: NetworkId, dam: DamId) -> DispatchResult;
}

/// What the marketplace tells its listeners (the rewards pallet, whose accrual follows every
/// change) about Networks and installations. Each call comes after the change it reports, and
/// every installation's lifecycle is reported here alone.
pub trait OnNetworkChange {
	/// `network` just went live: set up what a live Network needs (its reward program).
	fn on_network_live(network: NetworkId) -> DispatchResult;

	/// `network` was suspended or resumed.
	fn on_network_status_changed(network: NetworkId);

	/// `dam` asks to install `network`, and the marketplace accepts the request: fails if a
	/// listener cannot take one more installation of the DAM (it tracks too many reward
	/// tokens).
	fn on_installation_requested(network: NetworkId, dam: DamId) -> DispatchResult;

	/// The installation of `network` into `dam` was confirmed or removed, or its exposure or
	/// performance changed.
	fn on_installation_changed(network: NetworkId, dam: DamId);

	/// The installation of `network` into `dam` is gone: removed, or refused as a request.
	/// Comes after `on_installation_changed` for a removed installation.
	fn on_installation_removed(network: NetworkId, dam: DamId);

	/// The most weight any one of these calls takes.
	fn hook_weight() -> Weight;
}

impl OnNetworkChange for () {
	fn on_network_live(_: NetworkId) -> DispatchResult {
		Ok(())
	}
	fn on_network_status_changed(_: NetworkId) {}
	fn on_installation_requested(_: NetworkId, _: DamId) -> DispatchResult {
		Ok(())
	}
	fn on_installation_changed(_: NetworkId, _: DamId) {}
	fn on_installation_removed(_: NetworkId, _: DamId) {}
	fn hook_weight() -> Weight {
		Weight::zero()
	}
}

/// What the DAM pallet tells its listeners (the rewards pallet) after every change of a DAM's
/// shares, or of the stake behind its exposures, so that rewards accrue to the shares that
/// earned them. Each call comes once, after the change, with what there was before it: a
/// listener never needs to read the DAM's old state back.
pub trait OnSharesChange<AccountId> {
	/// The shares of `dam`, or the stake behind them, changed. `prev_active` is the DAM's
	/// earning shares before the change, and each of `holders` comes with the earning shares it
	/// held before. A Collateral DAM's effective commitments may have moved with its stake.
	fn on_shares_changed(
		dam: DamId,
		prev_active: Shares<u128>,
		holders: &[(&AccountId, Shares<u128>)],
	);

	/// `moved` shares went from `from`, which held `prev_from`, to `to`, which held
	/// `prev_to`. As `on_shares_changed` for both, and in a Growth DAM the same fraction of
	/// what `from` paid into the DAM's allocations and licenses went to `to`, with the rewards
	/// it earns from then on.
	fn on_shares_transferred(
		dam: DamId,
		from: &AccountId,
		to: &AccountId,
		moved: Shares<u128>,
		prev_from: Shares<u128>,
		prev_to: Shares<u128>,
	);

	/// A Growth DAM spent `amount` on `network`, in an allocation or a license, after the
	/// Network's exposure was updated. The Network's rewards on it go to the holders of this
	/// moment, by their shares now, whatever they withdraw later.
	fn on_spent(dam: DamId, network: NetworkId, amount: u128);

	/// The most weight `on_shares_changed` with two holders takes for a DAM that tracks at
	/// most `tokens` reward tokens (capped at the most a DAM may track).
	fn share_change_weight(tokens: u32) -> Weight;

	/// How many reward tokens `dam` tracks now: what the `reward_tokens` witness of a call that
	/// changes its shares must be at least.
	fn tracked_tokens(dam: DamId) -> u32;

	/// What `on_shares_changed` with two holders takes for `dam` as it is now, including
	/// finding that out: the refund basis of calls charged `share_change_weight` up front.
	fn share_change_weight_of(dam: DamId) -> Weight;

	/// Stops tracking the reward tokens of `dam`, so that a benchmark of a DAM call measures
	/// the call alone: what settling each token adds is measured by the listener's own
	/// benchmark and charged on top.
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_untrack(_dam: DamId) {}
}

impl<AccountId> OnSharesChange<AccountId> for () {
	fn on_shares_changed(_: DamId, _: Shares<u128>, _: &[(&AccountId, Shares<u128>)]) {}
	fn on_shares_transferred(
		_: DamId,
		_: &AccountId,
		_: &AccountId,
		_: Shares<u128>,
		_: Shares<u128>,
		_: Shares<u128>,
	) {
	}
	fn on_spent(_: DamId, _: NetworkId, _: u128) {}
	fn share_change_weight(_: u32) -> Weight {
		Weight::zero()
	}
	fn tracked_tokens(_: DamId) -> u32 {
		0
	}
	fn share_change_weight_of(_: DamId) -> Weight {
		Weight::zero()
	}
}

/// What the pallet that runs a Network on the chain's behalf does in the marketplace, as the
/// Network's manager: Network 0's installations are the chain's validators, and the
/// validators pallet reports their performance.
pub trait ManagedNetwork {
	/// An account.
	type AccountId;
	/// The balance of every asset.
	type Balance;
	/// A block number.
	type BlockNumber;

	/// Every active installation of `network`, by DAM. There are at most the Network's
	/// `operators_requested`.
	fn active_installations(network: NetworkId) -> Vec<(DamId, ManagedInstallationOf<Self>)>;

	/// Sets the performance score of the active installation of `network` into `dam`, as
	/// the Network's manager would.
	fn set_performance(
		network: NetworkId,
		dam: DamId,
		score: polkadot_sdk::sp_runtime::Permill,
	) -> DispatchResult;

	/// Removes the installation of `network` from `dam`, as the Network's manager would
	/// evict it: only one that backs nothing, with no lowered commitment still slashable.
	fn evict(network: NetworkId, dam: DamId) -> DispatchResult;
}

/// An installation as [`ManagedNetwork::active_installations`] shows it.
pub type ManagedInstallationOf<M> = InstallationView<
	<M as ManagedNetwork>::AccountId,
	<M as ManagedNetwork>::Balance,
	<M as ManagedNetwork>::BlockNumber,
>;

/// Networks whose installation requests the runtime answers at once, without a manager's
/// call: Network 0 confirms the Operators who can validate.
pub trait InstallationGate<AccountId> {
	/// The answer to `operator`'s request to install `network`: `None` leaves it to the
	/// Network's manager, `Some(Ok(()))` confirms it now, and `Some(Err(_))` refuses it with
	/// that error, so the request fails.
	fn on_request(network: NetworkId, operator: &AccountId) -> Option<DispatchResult>;
}

impl<AccountId> InstallationGate<AccountId> for () {
	fn on_request(_: NetworkId, _: &AccountId) -> Option<DispatchResult> {
		None
	}
}

/// What the rewards pallet offers a pallet that pays a Network's rewards: funding a program's
/// escrow, as `fund_rewards` does.
pub trait RewardFunding<AccountId, Balance> {
	/// Moves `amount` of the program's reward asset from `from` into its escrow, keeping
	/// `from` alive, and adds it to the program's budget.
	fn fund(program: ProgramId, from: &AccountId, amount: Balance) -> DispatchResult;
}

/// What the slashing pallet offers a pallet that manages a Collateral Network: penalties
/// requested as the Network's manager, through the normal dispute flow.
pub trait PenaltyRequests<AccountId, Balance> {
	/// Requests a penalty of `amount` on `dam`, as `manager` of `network`, with `reason`.
	fn request_penalty(
		manager: &AccountId,
		network: NetworkId,
		dam: DamId,
		amount: Balance,
		reason: Vec<u8>,
	) -> DispatchResult;

	/// Whether `network` has a penalty open on `dam`: a Network has at most one at a time, so
	/// a new request waits until it closes.
	fn penalty_open(network: NetworkId, dam: DamId) -> bool;
}
