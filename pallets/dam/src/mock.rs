//! A test runtime with balances, assets and the DAM pallet. Its neighbours are trait doubles
//! that keep their state in storage, so that it starts empty in every test and a failed call
//! rolls it back with the pallet's own:
//! - [`MockMarketplace`]: Networks, Operators, the asset whitelist, the protocol parameters and
//!   the installation ledger, with the marketplace's checks;
//! - [`MockVaults`]: vaults that hold what a DAM locks, and the loans of released Liquidity
//!   vaults;
//! - [`MockLicenses`]: license sales of Growth Networks;
//! - [`MockRewards`]: the share listener, which logs what it is told and tracks each DAM's
//!   reward tokens for the weight refunds.

use crate as pallet_dam;
use crate::*;
use codec::{Decode, Encode};
use frame_support::{
	derive_impl,
	pallet_prelude::{Blake2_128Concat, Twox64Concat, ValueQuery},
	parameter_types,
	traits::{
		fungible::{Mutate as _, NativeFromLeft, NativeOrWithId, UnionOf},
		fungibles::Mutate as _,
		tokens::Preservation,
		AsEnsureOriginWithArg, ConstU128, ConstU32,
	},
	weights::Weight,
	PalletId,
};
use frame_system::{EnsureRoot, EnsureSigned};
use nektar_primitives::{
	DamInterface, DamView, InstallationStatus, InstallationView, NetworkStatus, NetworkView,
	OnNetworkChange, PenaltyView, ProtocolParams, VaultKind,
};
use polkadot_sdk::{
	pallet_assets, pallet_balances, sp_io,
	sp_runtime::{BuildStorage, DispatchError, DispatchResult, Perbill},
};

/// Wide enough that every DAM's sub-account is distinct.
pub type AccountId = u128;
/// The balance of the native token, of every asset and of the shares.
pub type Balance = u128;
/// The block number of the test runtime.
pub type BlockNumber = u64;
/// The native token or a `pallet-assets` asset.
pub type AssetKind = NativeOrWithId<u32>;
type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Assets: pallet_assets,
		Dam: pallet_dam,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = AccountId;
	type Lookup = polkadot_sdk::sp_runtime::traits::IdentityLookup<AccountId>;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type ExistentialDeposit = ConstU128<EXISTENTIAL_DEPOSIT>;
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

#[derive_impl(pallet_assets::config_preludes::TestDefaultConfig)]
impl pallet_assets::Config for Test {
	type Balance = Balance;
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<EnsureSigned<AccountId>>;
	type ForceOrigin = EnsureRoot<AccountId>;
	type AssetDeposit = ConstU128<1>;
	type AssetAccountDeposit = ConstU128<1>;
	type MetadataDepositBase = ConstU128<1>;
	type MetadataDepositPerByte = ConstU128<1>;
	type ApprovalDeposit = ConstU128<1>;
	type Freezer = ();
	type Holder = ();
}

/// Every fungible asset: the native token and `pallet-assets`.
pub type AllAssets = UnionOf<Balances, Assets, NativeFromLeft, AssetKind, AccountId>;

parameter_types! {
	pub const DamPalletId: PalletId = PalletId(*b"nek/dams");
	pub const Treasury: AccountId = TREASURY;
	pub const NativeAsset: AssetKind = NativeOrWithId::Native;
}

impl Config for Test {
	type Balance = Balance;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type AssetKind = AssetKind;
	type NativeAsset = NativeAsset;
	type Assets = AllAssets;
	type Marketplace = MockMarketplace;
	type ShareListeners = MockRewards;
	type LicenseSeller = MockLicenses;
	type Vaults = MockVaults;
	type GovernanceOrigin = EnsureRoot<AccountId>;
	type Treasury = Treasury;
	type PalletId = DamPalletId;
	type VirtualShares = ConstU128<1_000>;
	type VirtualAssets = ConstU128<1>;
	type MaxInstallationsPerDam = ConstU32<4>;
	type MaxOperatorsPerDam = ConstU32<3>;
	type MaxAllowListLength = ConstU32<3>;
	type MinimumShares = ConstU128<1_000>;
	type MaxPendingWithdrawals = ConstU32<3>;
	type StringLimit = ConstU32<32>;
	type DamDepositBase = ConstU128<200>;
	type DepositPerByte = ConstU128<1>;
	type WeightInfo = crate::weights::SubstrateWeight<Test>;
}

/// The native existential deposit.
pub const EXISTENTIAL_DEPOSIT: Balance = 1;
/// Manages the test Networks.
pub const NET_MANAGER: AccountId = 1;
/// Manages the test DAMs and runs them as an independent Operator.
pub const MANAGER: AccountId = 2;
/// A registered Operator that joins DAMs by invitation.
pub const AFFILIATE: AccountId = 3;
/// Another registered Operator.
pub const OPERATOR: AccountId = 4;
/// Delegators.
pub const ALICE: AccountId = 10;
pub const BOB: AccountId = 11;
pub const CHARLIE: AccountId = 12;
/// The account of [`MockVaults`], which holds every vault.
pub const VAULTS: AccountId = 96;
/// The safe of the test Liquidity Networks, which receives their released loans.
pub const SAFE: AccountId = 97;
/// Where swept donations go.
pub const TREASURY: AccountId = 98;
/// An endowed account with no role.
pub const STRANGER: AccountId = 99;
/// The `pallet-assets` asset the test DAMs and Networks take; it exists and is whitelisted.
pub const USD: u32 = 7;
/// A `pallet-assets` asset that exists and is not whitelisted.
pub const OTHER: u32 = 8;
/// What every endowed account holds of the native token and of [`USD`].
pub const ENDOWMENT: Balance = 1_000_000_000;
/// The most licenses one sale of `MockLicenses::benchmark_license_sale` offers.
#[cfg(feature = "runtime-benchmarks")]
pub const MAX_LICENSES: u32 = 4;
/// The most reward tokens [`MockRewards`] tracks for one DAM.
pub const MAX_REWARD_TOKENS: u32 = 6;
/// The `reward_tokens` witness the tests send: the most a DAM may track.
pub const MAX_TOKENS: u32 = MAX_REWARD_TOKENS;

/// [`USD`] as an asset.
pub fn usd() -> AssetKind {
	NativeOrWithId::WithId(USD)
}

/// The protocol parameters of the tests.
pub fn default_params() -> ProtocolParams<BlockNumber> {
	ProtocolParams {
		max_dam_fee: Perbill::from_percent(20),
		max_operator_commission: Perbill::from_percent(50),
		withdrawal_delay: 5,
		commitment_delay: 5,
		min_dispute_window: 3,
		max_dispute_window: 20,
		resolution_period: 5,
		min_penalty: Perbill::from_rational(1u32, 1_000u32),
		fee_increase_delay: 5,
		repay_grace: 5,
		blocks_per_day: 100,
	}
}

fn now() -> BlockNumber {
	System::block_number()
}

/// A Network as [`MockMarketplace`] keeps it: the view it shows, with the status last set.
/// Time, not status, decides whether it is over, as in the marketplace.
pub type MockNetwork = NetworkView<AccountId, AssetKind, Balance, BlockNumber>;

/// An installation as [`MockMarketplace`] keeps it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, Debug)]
pub struct MockInstallation {
	/// Requested or Active.
	pub status: InstallationStatus,
	/// The DAM's Operator that runs the Network's node.
	pub operator: AccountId,
	/// The allocation or commitment.
	pub exposure: Balance,
	/// A lowered commitment that stays slashable until `held_until`.
	pub held_exposure: Balance,
	/// Until when `held_exposure` stays slashable.
	pub held_until: BlockNumber,
	/// The most the Network accepts from this installation, set at confirmation.
	pub max_exposure: Balance,
}

impl MockInstallation {
	/// What may be slashed of the commitment now.
	fn slashable(&self) -> Balance {
		if now() < self.held_until {
			self.exposure.max(self.held_exposure)
		} else {
			self.exposure
		}
	}
}

/// The protocol parameters [`MockMarketplace`] reports.
#[frame_support::storage_alias]
pub type MarketParams = StorageValue<MockMarketplace, ProtocolParams<BlockNumber>>;

/// The registered Operators.
#[frame_support::storage_alias]
pub type MarketOperators = StorageMap<MockMarketplace, Blake2_128Concat, AccountId, ()>;

/// The whitelisted assets.
#[frame_support::storage_alias]
pub type MarketAssets = StorageMap<MockMarketplace, Blake2_128Concat, AssetKind, ()>;

/// The id the next Network gets.
#[frame_support::storage_alias]
pub type NextNetworkId = StorageValue<MockMarketplace, NetworkId, ValueQuery>;

/// Every Network.
#[frame_support::storage_alias]
pub type MarketNetworks = StorageMap<MockMarketplace, Twox64Concat, NetworkId, MockNetwork>;

/// The installation of each (Network, DAM) pair.
#[frame_support::storage_alias]
pub type MarketInstallations = StorageDoubleMap<
	MockMarketplace,
	Twox64Concat,
	NetworkId,
	Twox64Concat,
	DamId,
	MockInstallation,
>;

/// Marketplace errors the double returns, named after the marketplace's own.
pub mod market_error {
	use super::DispatchError;
	pub const NETWORK_NOT_FOUND: DispatchError = DispatchError::Other("NetworkNotFound");
	pub const NETWORK_NOT_LIVE: DispatchError = DispatchError::Other("NetworkNotLive");
	pub const INSTALLATION_EXISTS: DispatchError = DispatchError::Other("InstallationExists");
	pub const KIND_MISMATCH: DispatchError = DispatchError::Other("KindMismatch");
	pub const DEPOSIT_ASSET_MISMATCH: DispatchError = DispatchError::Other("DepositAssetMismatch");
	pub const NOT_OPERATOR: DispatchError = DispatchError::Other("NotOperator");
	pub const OPERATOR_CAP_REACHED: DispatchError = DispatchError::Other("OperatorCapReached");
	pub const INSTALLATION_NOT_FOUND: DispatchError = DispatchError::Other("InstallationNotFound");
	pub const INSTALLATION_NOT_ACTIVE: DispatchError =
		DispatchError::Other("InstallationNotActive");
	pub const INSTALLATION_NOT_REQUESTED: DispatchError =
		DispatchError::Other("InstallationNotRequested");
	pub const EXPOSURE_BELOW_MINIMUM: DispatchError = DispatchError::Other("ExposureBelowMinimum");
	pub const EXPOSURE_ABOVE_MAXIMUM: DispatchError = DispatchError::Other("ExposureAboveMaximum");
	pub const AMOUNT_REQUESTED_EXCEEDED: DispatchError =
		DispatchError::Other("AmountRequestedExceeded");
	pub const EXPOSURE_OUTSTANDING: DispatchError = DispatchError::Other("ExposureOutstanding");
	pub const COMMITMENT_STILL_SLASHABLE: DispatchError =
		DispatchError::Other("CommitmentStillSlashable");
}

/// Stands in for the marketplace: what the DAM pallet reads of Networks, Operators, assets and
/// parameters, and the installation ledger it writes, with the marketplace's checks. Like the
/// marketplace, it tells [`MockRewards`] about Networks going live and installations changing,
/// and the DAM pallet about installations it drops.
pub struct MockMarketplace;

impl MockMarketplace {
	/// Registers `who` as an Operator, unless it is one.
	pub fn register_operator(who: AccountId) {
		MarketOperators::insert(who, ());
	}

	/// Removes `who` from the Operators.
	pub fn deregister_operator(who: AccountId) {
		MarketOperators::remove(who);
	}

	/// Sets the protocol parameters.
	pub fn set_params(params: ProtocolParams<BlockNumber>) {
		MarketParams::put(params);
	}

	/// Registers a Network of `kind`, managed by [`NET_MANAGER`], asking for [`USD`]: at least
	/// `min_allocation` per installation and `amount_requested` in all, from up to four
	/// installations, for 1,000 blocks; Liquidity and Growth vaults lock for 10 blocks and a
	/// Liquidity loan goes to [`SAFE`]. It goes live now. Returns its id.
	pub fn add_network(
		kind: NetworkKind,
		min_allocation: Balance,
		amount_requested: Balance,
	) -> NetworkId {
		let id = NextNetworkId::get();
		let moves_assets = matches!(kind, NetworkKind::Liquidity | NetworkKind::Growth);
		MarketNetworks::insert(
			id,
			NetworkView {
				manager: NET_MANAGER,
				kind,
				status: NetworkStatus::Live,
				deposit_asset: usd(),
				min_allocation,
				amount_requested,
				operators_requested: 4,
				total_exposure: 0,
				live_since: Some(now()),
				duration: 1_000,
				lock_period: moves_assets.then_some(10),
				safe: (kind == NetworkKind::Liquidity).then_some(SAFE),
				bond: 0,
				reward_asset: NativeOrWithId::Native,
				delegator_rate: Default::default(),
				operator_rate: 10,
				operator_commission: Perbill::zero(),
			},
		);
		NextNetworkId::put(id + 1);
		<MockRewards as OnNetworkChange>::on_network_live(id).expect("a new program");
		id
	}

	/// Changes the stored record of `network`.
	pub fn mutate_network(network: NetworkId, f: impl FnOnce(&mut MockNetwork)) {
		MarketNetworks::mutate(network, |n| f(n.as_mut().expect("the Network exists")));
	}

	/// Confirms, as the Network's manager, the requested installation of `network` into `dam`,
	/// accepting up to the Network's `amount_requested` from it.
	pub fn confirm(network: NetworkId, dam: DamId) -> DispatchResult {
		let view = Self::network(network).ok_or(market_error::NETWORK_NOT_FOUND)?;
		frame_support::ensure!(view.status == NetworkStatus::Live, market_error::NETWORK_NOT_LIVE);
		MarketInstallations::try_mutate(network, dam, |maybe| {
			let installation = maybe.as_mut().ok_or(market_error::INSTALLATION_NOT_FOUND)?;
			frame_support::ensure!(
				installation.status == InstallationStatus::Requested,
				market_error::INSTALLATION_NOT_REQUESTED
			);
			installation.status = InstallationStatus::Active;
			installation.max_exposure = view.amount_requested;
			Ok::<_, DispatchError>(())
		})?;
		<MockRewards as OnNetworkChange>::on_installation_changed(network, dam);
		Ok(())
	}

	/// Refuses, as the Network's manager, the requested installation of `network` into `dam`:
	/// the marketplace forgets it and tells the DAM pallet to. All or nothing, like a call.
	pub fn refuse(network: NetworkId, dam: DamId) -> DispatchResult {
		frame_support::storage::with_storage_layer(|| {
			let installation = MarketInstallations::get(network, dam)
				.ok_or(market_error::INSTALLATION_NOT_FOUND)?;
			frame_support::ensure!(
				installation.status == InstallationStatus::Requested,
				market_error::INSTALLATION_NOT_REQUESTED
			);
			MarketInstallations::remove(network, dam);
			<Dam as DamInterface<AccountId>>::on_installation_dropped(network, dam)?;
			<MockRewards as OnNetworkChange>::on_installation_removed(network, dam);
			Ok(())
		})
	}

	/// Evicts, as the Network's manager, the active installation of `network` from `dam`
	/// under the rules of a DAM leaving, and tells the DAM pallet. All or nothing, like a call.
	pub fn evict(network: NetworkId, dam: DamId) -> DispatchResult {
		frame_support::storage::with_storage_layer(|| {
			let installation = MarketInstallations::get(network, dam)
				.ok_or(market_error::INSTALLATION_NOT_FOUND)?;
			frame_support::ensure!(
				installation.status == InstallationStatus::Active,
				market_error::INSTALLATION_NOT_ACTIVE
			);
			<Self as InstallationLedger>::remove_installation(network, dam)?;
			<Dam as DamInterface<AccountId>>::on_installation_dropped(network, dam)
		})
	}

	/// Ends `network`, moving to the end of its duration if it is not there yet.
	pub fn end(network: NetworkId) -> DispatchResult {
		let stored = MarketNetworks::get(network).ok_or(market_error::NETWORK_NOT_FOUND)?;
		let ends_at = stored.ends_at().ok_or(market_error::NETWORK_NOT_LIVE)?;
		if now() < ends_at {
			System::set_block_number(ends_at);
		}
		Self::mutate_network(network, |n| n.status = NetworkStatus::Ended);
		Ok(())
	}
}

impl MarketplaceInspect for MockMarketplace {
	type AccountId = AccountId;
	type AssetKind = AssetKind;
	type Balance = Balance;
	type BlockNumber = BlockNumber;

	fn network(network: NetworkId) -> Option<MockNetwork> {
		MarketNetworks::get(network).map(|mut view| {
			let over = view.ends_at().is_some_and(|end| now() >= end);
			if over && matches!(view.status, NetworkStatus::Live | NetworkStatus::Suspended) {
				view.status = NetworkStatus::Ended;
			}
			view
		})
	}

	fn reward_token_metadata(network: NetworkId) -> Option<(Vec<u8>, Vec<u8>)> {
		MarketNetworks::contains_key(network).then(|| (b"Net".to_vec(), b"rNET".to_vec()))
	}

	fn penalty_terms(network: NetworkId) -> Option<PenaltyView<AccountId, BlockNumber>> {
		let view = MarketNetworks::get(network)?;
		(view.kind == NetworkKind::Collateral).then(|| PenaltyView {
			max_penalty: Perbill::from_percent(10),
			dispute_window: Self::params().min_dispute_window,
			resolver: None,
			safe: None,
		})
	}

	fn params() -> ProtocolParams<BlockNumber> {
		MarketParams::get().unwrap_or_else(default_params)
	}

	fn is_operator(who: &AccountId) -> bool {
		MarketOperators::contains_key(who)
	}

	fn is_asset_whitelisted(asset: &AssetKind) -> bool {
		MarketAssets::contains_key(asset)
	}

	fn installation(
		network: NetworkId,
		dam: DamId,
	) -> Option<InstallationView<AccountId, Balance, BlockNumber>> {
		MarketInstallations::get(network, dam).map(|i| InstallationView {
			status: i.status,
			operator: i.operator,
			exposure: i.exposure,
			slashable_exposure: i.slashable(),
			held_until: (now() < i.held_until).then_some(i.held_until),
			max_exposure: i.max_exposure,
			performance: polkadot_sdk::sp_runtime::Permill::one(),
		})
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_asset() -> AssetKind {
		usd()
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_operator(who: &AccountId) {
		Self::register_operator(*who);
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_network(kind: NetworkKind, min_allocation: Balance) -> NetworkId {
		MarketAssets::insert(Self::benchmark_asset(), ());
		let id = Self::add_network(kind, min_allocation, min_allocation * 1_000_000);
		Self::mutate_network(id, |n| n.operators_requested = 8);
		id
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_confirm(network: NetworkId, dam: DamId) {
		Self::confirm(network, dam).expect("a requested installation");
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_end(network: NetworkId) {
		Self::end(network).expect("a live Network");
	}
}

impl InstallationLedger for MockMarketplace {
	fn request_installation(
		network: NetworkId,
		dam: DamId,
		details: DamView<AccountId, AssetKind>,
		operator: AccountId,
	) -> DispatchResult {
		let view = Self::network(network).ok_or(market_error::NETWORK_NOT_FOUND)?;
		frame_support::ensure!(view.status == NetworkStatus::Live, market_error::NETWORK_NOT_LIVE);
		frame_support::ensure!(
			!MarketInstallations::contains_key(network, dam),
			market_error::INSTALLATION_EXISTS
		);
		frame_support::ensure!(details.kind == view.kind, market_error::KIND_MISMATCH);
		frame_support::ensure!(
			details.deposit_asset == view.deposit_asset,
			market_error::DEPOSIT_ASSET_MISMATCH
		);
		frame_support::ensure!(Self::is_operator(&operator), market_error::NOT_OPERATOR);
		let active = MarketInstallations::iter_prefix_values(network)
			.filter(|i| i.status == InstallationStatus::Active)
			.count() as u32;
		frame_support::ensure!(
			active < view.operators_requested,
			market_error::OPERATOR_CAP_REACHED
		);
		<MockRewards as OnNetworkChange>::on_installation_requested(network, dam)?;
		MarketInstallations::insert(
			network,
			dam,
			MockInstallation {
				status: InstallationStatus::Requested,
				operator,
				exposure: 0,
				held_exposure: 0,
				held_until: 0,
				max_exposure: 0,
			},
		);
		Ok(())
	}

	fn remove_installation(network: NetworkId, dam: DamId) -> DispatchResult {
		let installation =
			MarketInstallations::get(network, dam).ok_or(market_error::INSTALLATION_NOT_FOUND)?;
		frame_support::ensure!(installation.exposure == 0, market_error::EXPOSURE_OUTSTANDING);
		if let Some(view) = Self::network(network) {
			frame_support::ensure!(
				installation.slashable() == 0 || view.status == NetworkStatus::Ended,
				market_error::COMMITMENT_STILL_SLASHABLE
			);
		}
		MarketInstallations::remove(network, dam);
		<MockRewards as OnNetworkChange>::on_installation_changed(network, dam);
		<MockRewards as OnNetworkChange>::on_installation_removed(network, dam);
		Ok(())
	}

	fn set_exposure(network: NetworkId, dam: DamId, exposure: Balance) -> DispatchResult {
		let mut view = MarketNetworks::get(network).ok_or(market_error::NETWORK_NOT_FOUND)?;
		let status = Self::network(network).map(|n| n.status);
		let mut installation =
			MarketInstallations::get(network, dam).ok_or(market_error::INSTALLATION_NOT_FOUND)?;
		frame_support::ensure!(
			installation.status == InstallationStatus::Active,
			market_error::INSTALLATION_NOT_ACTIVE
		);
		if exposure > installation.exposure {
			frame_support::ensure!(
				status == Some(NetworkStatus::Live),
				market_error::NETWORK_NOT_LIVE
			);
		} else if exposure < installation.exposure && view.kind == NetworkKind::Collateral {
			installation.held_exposure = installation.slashable();
			installation.held_until = now() + Self::params().commitment_delay;
		}
		frame_support::ensure!(
			exposure == 0 || exposure >= view.min_allocation,
			market_error::EXPOSURE_BELOW_MINIMUM
		);
		frame_support::ensure!(
			exposure <= installation.max_exposure,
			market_error::EXPOSURE_ABOVE_MAXIMUM
		);
		let total = view
			.total_exposure
			.saturating_sub(installation.exposure)
			.checked_add(exposure)
			.filter(|total| *total <= view.amount_requested)
			.ok_or(market_error::AMOUNT_REQUESTED_EXCEEDED)?;
		view.total_exposure = total;
		installation.exposure = exposure;
		MarketInstallations::insert(network, dam, installation);
		MarketNetworks::insert(network, view);
		<MockRewards as OnNetworkChange>::on_installation_changed(network, dam);
		Ok(())
	}

	fn reduce_exposure(network: NetworkId, dam: DamId, amount: Balance) -> DispatchResult {
		let mut view = MarketNetworks::get(network).ok_or(market_error::NETWORK_NOT_FOUND)?;
		let mut installation =
			MarketInstallations::get(network, dam).ok_or(market_error::INSTALLATION_NOT_FOUND)?;
		let cut = amount.min(installation.exposure);
		installation.exposure -= cut;
		view.total_exposure = view.total_exposure.saturating_sub(cut);
		MarketInstallations::insert(network, dam, installation);
		MarketNetworks::insert(network, view);
		<MockRewards as OnNetworkChange>::on_installation_changed(network, dam);
		Ok(())
	}
}

/// A vault as [`MockVaults`] keeps it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, Debug)]
pub struct MockVault {
	/// Liquidity, Growth or Dispute.
	pub kind: VaultKind,
	/// The Network it holds assets for.
	pub network: NetworkId,
	/// The DAM the assets came from.
	pub dam: DamId,
	/// The asset and the amount it holds.
	pub asset: AssetKind,
	pub amount: Balance,
	/// From when it can be released.
	pub unlock_at: BlockNumber,
}

/// The vaults, locked and not yet released or opened.
#[frame_support::storage_alias]
pub type VaultRecords = StorageMap<MockVaults, Twox64Concat, VaultId, MockVault>;

/// The id the next vault gets.
#[frame_support::storage_alias]
pub type NextVaultId = StorageValue<MockVaults, VaultId, ValueQuery>;

/// What each Network owes each DAM on loan: released Liquidity not repaid.
#[frame_support::storage_alias]
pub type Loans =
	StorageDoubleMap<MockVaults, Twox64Concat, NetworkId, Twox64Concat, DamId, Balance>;

/// Vault errors the double returns, named after the vaults pallet's own.
pub mod vault_error {
	use super::DispatchError;
	pub const ZERO_AMOUNT: DispatchError = DispatchError::Other("ZeroAmount");
	pub const VAULT_NOT_FOUND: DispatchError = DispatchError::Other("VaultNotFound");
	pub const NOT_DISPUTE_VAULT: DispatchError = DispatchError::Other("NotDisputeVault");
	pub const STILL_LOCKED: DispatchError = DispatchError::Other("StillLocked");
	pub const NO_LOAN: DispatchError = DispatchError::Other("NoLoan");
	pub const DEFAULT_TOO_EARLY: DispatchError = DispatchError::Other("DefaultTooEarly");
}

/// Stands in for the vaults pallet: every vault's assets sit in [`VAULTS`]; a released
/// Liquidity vault pays the Network's safe and becomes a loan, which the safe repays or the
/// Network's default writes off, each reported to the DAM pallet and the marketplace as the
/// vaults pallet does.
pub struct MockVaults;

impl MockVaults {
	/// Releases a matured Liquidity or Growth vault. A Liquidity one pays the safe of a
	/// Network that is not over and becomes its loan, or else comes back to the DAM; a Growth
	/// one goes to the Network's manager.
	pub fn release(vault: VaultId) -> DispatchResult {
		let record = VaultRecords::get(vault).ok_or(vault_error::VAULT_NOT_FOUND)?;
		frame_support::ensure!(now() >= record.unlock_at, vault_error::STILL_LOCKED);
		let view = MockMarketplace::network(record.network).ok_or(vault_error::VAULT_NOT_FOUND)?;
		let over = matches!(view.status, NetworkStatus::Ended | NetworkStatus::Defaulted);
		VaultRecords::remove(vault);
		let pay = |to: &AccountId| {
			AllAssets::transfer(
				record.asset.clone(),
				&VAULTS,
				to,
				record.amount,
				Preservation::Expendable,
			)
			.map(|_| ())
		};
		match (record.kind, view.safe) {
			(VaultKind::Liquidity, Some(safe)) if !over => {
				pay(&safe)?;
				Loans::mutate(record.network, record.dam, |loan| {
					*loan = Some(loan.unwrap_or_default() + record.amount)
				});
				Ok(())
			}
			(VaultKind::Liquidity, _) => {
				pay(&Dam::dam_account(record.dam))?;
				<Dam as DamProvider>::on_loan_returned(record.dam, record.amount)?;
				MockMarketplace::reduce_exposure(record.network, record.dam, record.amount)
			}
			(VaultKind::Growth, _) => pay(&view.manager),
			(VaultKind::Dispute, _) => Err(vault_error::NOT_DISPUTE_VAULT),
		}
	}

	/// The Network's safe repays its whole loan from `dam` into the DAM's account, which
	/// the DAM pallet and the marketplace are told.
	pub fn repay(network: NetworkId, dam: DamId) -> DispatchResult {
		let loan = Loans::take(network, dam).ok_or(vault_error::NO_LOAN)?;
		let asset = Dams::<Test>::get(dam).ok_or(vault_error::NO_LOAN)?.deposit_asset;
		AllAssets::transfer(asset, &SAFE, &Dam::dam_account(dam), loan, Preservation::Expendable)?;
		<Dam as DamProvider>::on_loan_returned(dam, loan)?;
		MockMarketplace::reduce_exposure(network, dam, loan)
	}

	/// The ended Network, past its repay grace, defaults on its loan from `dam`: the loan is
	/// written off and `compensation` of the native token, the DAM's part of the return bond,
	/// reaches the DAM's account, which the DAM pallet and the marketplace are told.
	pub fn write_off(network: NetworkId, dam: DamId, compensation: Balance) -> DispatchResult {
		let view = MockMarketplace::network(network).ok_or(vault_error::VAULT_NOT_FOUND)?;
		let due = view.ends_at().map(|end| end + MockMarketplace::params().repay_grace);
		frame_support::ensure!(
			view.status == NetworkStatus::Ended && due.is_some_and(|due| now() >= due),
			vault_error::DEFAULT_TOO_EARLY
		);
		let loan = Loans::take(network, dam).ok_or(vault_error::NO_LOAN)?;
		if compensation > 0 {
			Balances::mint_into(&Dam::dam_account(dam), compensation)?;
		}
		<Dam as DamProvider>::on_loan_written_off(dam, loan, compensation)?;
		MockMarketplace::reduce_exposure(network, dam, loan)?;
		MockMarketplace::mutate_network(network, |n| n.status = NetworkStatus::Defaulted);
		Ok(())
	}

	/// What the vault `vault` holds, if it is locked.
	pub fn held(vault: VaultId) -> Option<Balance> {
		VaultRecords::get(vault).map(|v| v.amount)
	}
}

impl VaultsInterface for MockVaults {
	type AccountId = AccountId;
	type AssetKind = AssetKind;
	type Balance = Balance;
	type BlockNumber = BlockNumber;

	fn lock(
		kind: VaultKind,
		network: NetworkId,
		dam: DamId,
		asset: AssetKind,
		amount: Balance,
		from: &AccountId,
		unlock_at: BlockNumber,
	) -> Result<VaultId, DispatchError> {
		frame_support::ensure!(amount > 0, vault_error::ZERO_AMOUNT);
		let id = NextVaultId::get();
		if System::providers(&VAULTS) == 0 {
			System::inc_providers(&VAULTS);
		}
		AllAssets::transfer(asset.clone(), from, &VAULTS, amount, Preservation::Expendable)?;
		VaultRecords::insert(id, MockVault { kind, network, dam, asset, amount, unlock_at });
		NextVaultId::put(id + 1);
		Ok(id)
	}

	fn open_dispute_vault(vault: VaultId, to: &AccountId) -> Result<Balance, DispatchError> {
		let record = VaultRecords::get(vault).ok_or(vault_error::VAULT_NOT_FOUND)?;
		frame_support::ensure!(record.kind == VaultKind::Dispute, vault_error::NOT_DISPUTE_VAULT);
		AllAssets::transfer(record.asset, &VAULTS, to, record.amount, Preservation::Expendable)?;
		VaultRecords::remove(vault);
		Ok(record.amount)
	}

	fn earliest_loan_end(dam: DamId) -> Option<BlockNumber> {
		Loans::iter()
			.filter(|(_, lender, _)| *lender == dam)
			.filter_map(|(network, _, _)| MockMarketplace::network(network)?.ends_at())
			.min()
	}

	fn dispute_vaults_of(dam: DamId) -> Vec<(VaultId, NetworkId, Balance)> {
		VaultRecords::iter()
			.filter(|(_, v)| v.dam == dam && v.kind == VaultKind::Dispute)
			.map(|(id, v)| (id, v.network, v.amount))
			.collect()
	}
}

/// A license sale as [`MockLicenses`] keeps it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, Debug)]
pub struct MockSale {
	/// What each license costs.
	pub price: Balance,
	/// How many licenses it offers, and how many it sold.
	pub supply: u32,
	pub sold: u32,
}

/// A sold license: the DAM that bought it, the account it was minted to, and its Operator.
#[derive(Clone, PartialEq, Eq, Encode, Decode, Debug)]
pub struct MockLicense {
	pub dam: DamId,
	pub owner: AccountId,
	pub operator: AccountId,
	pub price: Balance,
}

/// The open license sales.
#[frame_support::storage_alias]
pub type LicenseSales = StorageMap<MockLicenses, Twox64Concat, NetworkId, MockSale>;

/// The sold licenses, by Network and item.
#[frame_support::storage_alias]
pub type SoldLicenses =
	StorageDoubleMap<MockLicenses, Twox64Concat, NetworkId, Twox64Concat, u32, MockLicense>;

/// License errors the double returns, named after the rewards pallet's own.
pub mod license_error {
	use super::DispatchError;
	pub const NETWORK_NOT_FOUND: DispatchError = DispatchError::Other("NetworkNotFound");
	pub const NETWORK_NOT_LIVE: DispatchError = DispatchError::Other("NetworkNotLive");
	pub const NO_LICENSE_SALE: DispatchError = DispatchError::Other("NoLicenseSale");
	pub const SOLD_OUT: DispatchError = DispatchError::Other("SoldOut");
}

/// Stands in for the rewards pallet's license sales: a live Network's sale sells its items in
/// order, each at the sale's price, paid to the Network's manager.
pub struct MockLicenses;

impl MockLicenses {
	/// Opens a sale of `supply` licenses of `network` at `price`.
	pub fn open_sale(network: NetworkId, price: Balance, supply: u32) {
		LicenseSales::insert(network, MockSale { price, supply, sold: 0 });
	}
}

impl LicenseSeller for MockLicenses {
	type AccountId = AccountId;
	type Balance = Balance;

	fn license_price(network: NetworkId) -> Option<Balance> {
		LicenseSales::get(network).map(|sale| sale.price)
	}

	fn sell_license(
		network: NetworkId,
		dam: DamId,
		buyer: &AccountId,
		operator: &AccountId,
	) -> Result<(Balance, u32, AccountId), DispatchError> {
		let view = MockMarketplace::network(network).ok_or(license_error::NETWORK_NOT_FOUND)?;
		frame_support::ensure!(view.status == NetworkStatus::Live, license_error::NETWORK_NOT_LIVE);
		let mut sale = LicenseSales::get(network).ok_or(license_error::NO_LICENSE_SALE)?;
		frame_support::ensure!(sale.sold < sale.supply, license_error::SOLD_OUT);
		let item = sale.sold;
		SoldLicenses::insert(
			network,
			item,
			MockLicense { dam, owner: *buyer, operator: *operator, price: sale.price },
		);
		sale.sold += 1;
		LicenseSales::insert(network, sale.clone());
		Ok((sale.price, item, view.manager))
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_license_sale(network: NetworkId) {
		let view = MockMarketplace::network(network).expect("the Network exists");
		assert!(
			view.kind == NetworkKind::Growth && view.status == NetworkStatus::Live,
			"a live Growth Network"
		);
		Self::open_sale(network, view.min_allocation, MAX_LICENSES);
	}
}

/// What [`MockRewards`] was told, with what it read of the DAM pallet when it was.
#[derive(Clone, PartialEq, Eq, Encode, Decode, Debug)]
pub enum Notice {
	/// `on_shares_changed`: the earning shares before, and when told; each holder with its
	/// earning shares before, and when told.
	SharesChanged {
		dam: DamId,
		prev_active: u128,
		active: u128,
		holders: Vec<(AccountId, u128, u128)>,
	},
	/// `on_shares_transferred`, as told.
	SharesTransferred {
		dam: DamId,
		from: AccountId,
		to: AccountId,
		moved: u128,
		prev_from: u128,
		prev_to: u128,
	},
	/// `on_spent`, with the installation's exposure when told.
	Spent { dam: DamId, network: NetworkId, amount: u128, exposure: Balance },
}

/// What [`MockRewards`] was told, oldest first.
#[frame_support::storage_alias]
pub type Notices = StorageValue<MockRewards, Vec<Notice>, ValueQuery>;

/// The Networks that went live: each has a reward program.
#[frame_support::storage_alias]
pub type Programs = StorageMap<MockRewards, Twox64Concat, NetworkId, ()>;

/// The reward tokens each DAM tracks: the Networks with a program it asked to install.
#[frame_support::storage_alias]
pub type DamTokens = StorageMap<MockRewards, Twox64Concat, DamId, Vec<NetworkId>, ValueQuery>;

/// The error of a DAM that would track more than [`MAX_REWARD_TOKENS`].
pub const TOO_MANY_REWARD_TOKENS: DispatchError = DispatchError::Other("TooManyRewardTokens");

/// Stands in for the rewards pallet as a listener: it logs every notice from the DAM pallet
/// with what it reads back of the DAM then, and, told by [`MockMarketplace`] as the rewards
/// pallet is, tracks each DAM's reward tokens, whose number sets the weight of settling them.
pub struct MockRewards;

impl MockRewards {
	/// What the listener was told, oldest first.
	pub fn notices() -> Vec<Notice> {
		Notices::get()
	}

	/// Forgets what the listener was told so far.
	pub fn clear_notices() {
		Notices::kill();
	}

	/// The weight of settling `tokens` reward tokens for two holders.
	pub fn settlement(tokens: u32) -> Weight {
		Weight::from_parts(20_000_000 + 5_000_000 * tokens as u64, 1_000 * tokens as u64)
	}

	fn note(notice: Notice) {
		Notices::append(notice);
	}
}

impl OnNetworkChange for MockRewards {
	fn on_network_live(network: NetworkId) -> DispatchResult {
		Programs::insert(network, ());
		Ok(())
	}

	fn on_network_status_changed(_: NetworkId) {}

	fn on_installation_requested(network: NetworkId, dam: DamId) -> DispatchResult {
		if !Programs::contains_key(network) {
			return Ok(());
		}
		DamTokens::try_mutate(dam, |tokens| {
			if !tokens.contains(&network) {
				frame_support::ensure!(
					(tokens.len() as u32) < MAX_REWARD_TOKENS,
					TOO_MANY_REWARD_TOKENS
				);
				tokens.push(network);
			}
			Ok(())
		})
	}

	fn on_installation_changed(_: NetworkId, _: DamId) {}

	fn on_installation_removed(network: NetworkId, dam: DamId) {
		DamTokens::mutate(dam, |tokens| tokens.retain(|n| *n != network));
	}

	fn hook_weight() -> Weight {
		Self::settlement(1)
	}
}

impl OnSharesChange<AccountId> for MockRewards {
	fn on_shares_changed(
		dam: DamId,
		prev_active: nektar_primitives::Shares<u128>,
		holders: &[(&AccountId, nektar_primitives::Shares<u128>)],
	) {
		Self::note(Notice::SharesChanged {
			dam,
			prev_active: prev_active.0,
			active: <Dam as DamProvider>::active_shares(dam).0,
			holders: holders
				.iter()
				.map(|(who, prev)| (**who, prev.0, <Dam as DamProvider>::shares(dam, who).0))
				.collect(),
		});
	}

	fn on_shares_transferred(
		dam: DamId,
		from: &AccountId,
		to: &AccountId,
		moved: nektar_primitives::Shares<u128>,
		prev_from: nektar_primitives::Shares<u128>,
		prev_to: nektar_primitives::Shares<u128>,
	) {
		Self::note(Notice::SharesTransferred {
			dam,
			from: *from,
			to: *to,
			moved: moved.0,
			prev_from: prev_from.0,
			prev_to: prev_to.0,
		});
	}

	fn on_spent(dam: DamId, network: NetworkId, amount: u128) {
		let exposure = MockMarketplace::installation(network, dam).map_or(0, |i| i.exposure);
		Self::note(Notice::Spent { dam, network, amount, exposure });
	}

	fn share_change_weight(tokens: u32) -> Weight {
		Self::settlement(tokens.min(MAX_REWARD_TOKENS))
	}

	fn tracked_tokens(dam: DamId) -> u32 {
		DamTokens::get(dam).len() as u32
	}

	fn share_change_weight_of(dam: DamId) -> Weight {
		Self::settlement(DamTokens::get(dam).len() as u32)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_untrack(dam: DamId) {
		DamTokens::remove(dam);
	}
}

/// Builds the test externalities: endowed accounts, registered Operators and the protocol
/// parameters.
pub struct ExtBuilder {
	balances: Vec<(AccountId, Balance)>,
	operators: Vec<AccountId>,
	params: ProtocolParams<BlockNumber>,
}

impl Default for ExtBuilder {
	/// Accounts 1 to 30 and [`STRANGER`] hold [`ENDOWMENT`] of the native token and of [`USD`];
	/// [`MANAGER`], [`AFFILIATE`] and [`OPERATOR`] are Operators; the parameters are
	/// [`default_params`].
	fn default() -> Self {
		Self {
			balances: (1..=30).chain([STRANGER]).map(|who| (who, ENDOWMENT)).collect(),
			operators: vec![MANAGER, AFFILIATE, OPERATOR],
			params: default_params(),
		}
	}
}

impl ExtBuilder {
	/// Endows these accounts, each with the amount of the native token and of [`USD`], instead
	/// of the default ones.
	pub fn with_balances(mut self, balances: Vec<(AccountId, Balance)>) -> Self {
		self.balances = balances;
		self
	}

	/// Registers these Operators instead of the default ones.
	pub fn with_operators(mut self, operators: Vec<AccountId>) -> Self {
		self.operators = operators;
		self
	}

	/// Starts with these protocol parameters.
	pub fn with_params(mut self, params: ProtocolParams<BlockNumber>) -> Self {
		self.params = params;
		self
	}

	/// The externalities, at block 1.
	pub fn build(self) -> sp_io::TestExternalities {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> {
			balances: self.balances.clone(),
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		pallet_assets::GenesisConfig::<Test> {
			assets: vec![(USD, NET_MANAGER, true, 1), (OTHER, NET_MANAGER, true, 1)],
			accounts: self.balances.iter().map(|(who, amount)| (USD, *who, *amount)).collect(),
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| {
			System::set_block_number(1);
			MockMarketplace::set_params(self.params);
			MarketAssets::insert(NativeOrWithId::Native, ());
			MarketAssets::insert(usd(), ());
			for operator in self.operators {
				MockMarketplace::register_operator(operator);
			}
		});
		// Into the backend, like genesis: a benchmark's runs start from it again.
		ext.commit_all().expect("the doubles' initial state commits");
		ext
	}

	/// Runs `test`, then checks every invariant of the DAM pallet.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			Dam::do_try_state().expect("the DAM invariants hold");
		});
	}
}

/// The events the DAM pallet emitted, oldest first.
pub fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::Dam(e) = r.event { Some(e) } else { None })
		.collect()
}

/// Moves to block `n`.
pub fn run_to_block(n: BlockNumber) {
	System::set_block_number(n);
}
