//! A test runtime with balances, assets and the rewards pallet. The marketplace, the DAM pallet
//! and the license NFTs are small doubles: each keeps its state in storage, so that it starts
//! afresh in every test and rolls back with a benchmark's storage, and each reports its changes
//! to the rewards pallet once, after the change, as the real pallet does.

use crate as pallet_rewards;
use crate::*;
use codec::{Decode, Encode};
use frame_support::{
	derive_impl,
	pallet_prelude::ValueQuery,
	parameter_types,
	storage::with_storage_layer,
	traits::{
		fungible::{self, NativeFromLeft, NativeOrWithId, UnionOf},
		fungibles,
		tokens::Preservation,
		AsEnsureOriginWithArg, ConstU128, ConstU32, ReservableCurrency,
	},
	weights::Weight,
	Blake2_128Concat, PalletId,
};
use frame_system::{EnsureRoot, EnsureSigned};
use nektar_primitives::{
	InstallationStatus, InstallationView, LicenseSeller, NetworkKind, NetworkStatus, NetworkView,
	OnNetworkChange, OnSharesChange, PenaltyView, ProtocolParams, VaultId,
};
use polkadot_sdk::{
	pallet_assets, pallet_balances, sp_io,
	sp_runtime::{
		traits::{AccountIdConversion, Convert, Saturating, Zero},
		BuildStorage, DispatchError, DispatchResult, Perbill, Permill,
	},
};

/// Wide enough that the escrows' and the DAMs' sub-accounts are distinct.
pub type AccountId = u128;
pub type Balance = u128;
pub type BlockNumber = u64;
pub type AssetKind = NativeOrWithId<u32>;
type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Assets: pallet_assets,
		Rewards: pallet_rewards,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = AccountId;
	type Lookup = polkadot_sdk::sp_runtime::traits::IdentityLookup<AccountId>;
	type AccountData = pallet_balances::AccountData<Balance>;
	/// As in the runtime: each synthetic token an account holds takes one.
	type MaxConsumers = ConstU32<64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type ExistentialDeposit = ConstU128<1>;
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

/// Synthetic reward tokens take ids from here up, one per Network.
pub const SYNTHETIC_BASE: u32 = 1_000_000;

/// The synthetic token of each Network.
pub struct SyntheticIds;
impl Convert<NetworkId, u32> for SyntheticIds {
	fn convert(network: NetworkId) -> u32 {
		SYNTHETIC_BASE + network
	}
}

/// Every test asset has 12 decimals.
/// The decimals of the test assets: 12 for the native token, 6 for the others.
pub struct TestDecimals;
impl Convert<AssetKind, u8> for TestDecimals {
	fn convert(asset: AssetKind) -> u8 {
		match asset {
			AssetKind::Native => 12,
			AssetKind::WithId(_) => 6,
		}
	}
}

/// Every asset's symbol: `NAT` for the native token, `A` and the id for the others.
pub struct AssetSymbols;
impl Convert<AssetKind, Vec<u8>> for AssetSymbols {
	fn convert(asset: AssetKind) -> Vec<u8> {
		match asset {
			AssetKind::Native => b"NAT".to_vec(),
			AssetKind::WithId(id) => {
				let mut symbol = b"A".to_vec();
				symbol.extend_from_slice(id.to_string().as_bytes());
				symbol
			}
		}
	}
}

parameter_types! {
	pub const RewardsPalletId: PalletId = PalletId(*b"nek/rwds");
	pub const DamPalletId: PalletId = PalletId(*b"nek/dams");
}

/// The longest synthetic token name or symbol.
pub const TOKEN_STRING_LIMIT: u32 = 8;
/// The most licenses a sale offers and a DAM holds.
pub const MAX_LICENSES: u32 = 4;
/// The most reward tokens a DAM tracks: as many as the benchmarks claim at once.
pub const MAX_REWARD_TOKENS: u32 = 16;
/// The most holders one `retire_token` books.
pub const MAX_BOOKINGS: u32 = 4;
/// The most installations a Network of the marketplace double takes requests for.
pub const MAX_OPERATORS_PER_NETWORK: u32 = 8;

impl pallet_rewards::Config for Test {
	type Balance = Balance;
	type AssetKind = AssetKind;
	type Assets = AllAssets;
	type Currency = Balances;
	type TokenId = u32;
	type SyntheticAssets = Assets;
	type TokenIdOf = SyntheticIds;
	type Decimals = TestDecimals;
	type Symbol = AssetSymbols;
	type TokenStringLimit = ConstU32<TOKEN_STRING_LIMIT>;
	type Marketplace = MockMarketplace;
	type Dams = MockDams;
	type PalletId = RewardsPalletId;
	type LicenseNfts = MockNfts;
	type MaxLicenses = ConstU32<MAX_LICENSES>;
	type MaxRewardTokens = ConstU32<MAX_REWARD_TOKENS>;
	type MaxProgramsPerNetwork = ConstU32<4>;
	type MaxBookings = ConstU32<MAX_BOOKINGS>;
	type MaxClaimDams = ConstU32<4>;
	type WeightInfo = ();
}

/// A Network as the marketplace double shows it.
pub type View = NetworkView<AccountId, AssetKind, Balance, BlockNumber>;
/// An installation as the marketplace double shows it.
pub type Installation = InstallationView<AccountId, Balance, BlockNumber>;

/// The Networks of the marketplace double, with the status governance last set.
#[frame_support::storage_alias]
pub type MockNetworks = StorageMap<MockMarketplace, Blake2_128Concat, NetworkId, View>;

/// The name and reward symbol of each Network.
#[frame_support::storage_alias]
pub type MockNetworkNames =
	StorageMap<MockMarketplace, Blake2_128Concat, NetworkId, (Vec<u8>, Vec<u8>)>;

/// The id the next registered Network takes.
#[frame_support::storage_alias]
pub type MockNextNetwork = StorageValue<MockMarketplace, NetworkId, ValueQuery>;

/// The installation of each (Network, DAM) pair.
#[frame_support::storage_alias]
pub type MockInstallations = StorageDoubleMap<
	MockMarketplace,
	Blake2_128Concat,
	NetworkId,
	Blake2_128Concat,
	DamId,
	Installation,
>;

/// The protocol parameters, written at genesis.
#[frame_support::storage_alias]
pub type MockParams = StorageValue<MockMarketplace, ProtocolParams<BlockNumber>>;

/// The registered Operators.
#[frame_support::storage_alias]
pub type MockOperators = StorageMap<MockMarketplace, Blake2_128Concat, AccountId, ()>;

/// The whitelisted deposit and reward assets.
#[frame_support::storage_alias]
pub type MockWhitelist = StorageMap<MockMarketplace, Blake2_128Concat, AssetKind, ()>;

/// Stands in for the marketplace: Networks, their installations, the Operators, the asset
/// whitelist and the protocol parameters. Like the marketplace, it tells the rewards pallet
/// when a Network goes live or changes status and when an installation is requested, confirmed,
/// changed or removed, each time after the change, and a failed change leaves nothing behind.
pub struct MockMarketplace;

impl MockMarketplace {
	/// Registers a pending Network with `view`'s terms and its name and reward symbol.
	pub fn register(mut view: View, name: &[u8], symbol: &[u8]) -> NetworkId {
		let id = MockNextNetwork::get();
		view.status = NetworkStatus::Pending;
		view.live_since = None;
		view.total_exposure = Zero::zero();
		MockNetworks::insert(id, view);
		MockNetworkNames::insert(id, (name.to_vec(), symbol.to_vec()));
		MockNextNetwork::put(id + 1);
		id
	}

	/// Whitelists the pending Network `network`: it goes live now and gets its reward program.
	pub fn whitelist(network: NetworkId) -> DispatchResult {
		with_storage_layer(|| {
			let mut view = MockNetworks::get(network).ok_or("no such Network")?;
			if view.status != NetworkStatus::Pending {
				return Err("the Network is not pending".into());
			}
			view.status = NetworkStatus::Live;
			view.live_since = Some(System::block_number());
			MockNetworks::insert(network, view);
			<Rewards as OnNetworkChange>::on_network_live(network)
		})
	}

	/// Suspends (`true`) or resumes (`false`) the Network.
	pub fn set_suspended(network: NetworkId, suspend: bool) -> DispatchResult {
		with_storage_layer(|| {
			let mut view = MockNetworks::get(network).ok_or("no such Network")?;
			let now = Self::status_at(&view, System::block_number());
			view.status = match (suspend, now) {
				(true, NetworkStatus::Live) => NetworkStatus::Suspended,
				(false, NetworkStatus::Suspended) => NetworkStatus::Live,
				_ => return Err("the Network cannot change to that status".into()),
			};
			MockNetworks::insert(network, view);
			<Rewards as OnNetworkChange>::on_network_status_changed(network);
			Ok(())
		})
	}

	/// Ends the Network once its duration passed.
	pub fn end(network: NetworkId) -> DispatchResult {
		with_storage_layer(|| {
			let mut view = MockNetworks::get(network).ok_or("no such Network")?;
			let over = view.ends_at().is_some_and(|end| System::block_number() >= end);
			if !over {
				return Err("the Network's duration is not over".into());
			}
			view.status = NetworkStatus::Ended;
			MockNetworks::insert(network, view);
			Ok(())
		})
	}

	/// Registers `who` as an Operator.
	pub fn register_operator(who: AccountId) {
		MockOperators::insert(who, ());
	}

	/// Whether the Network is live now.
	fn is_live(view: &View) -> bool {
		Self::status_at(view, System::block_number()) == NetworkStatus::Live
	}

	/// The status a Network reads at `now`: `Ended` once its duration passed.
	fn status_at(view: &View, now: BlockNumber) -> NetworkStatus {
		match view.status {
			NetworkStatus::Live | NetworkStatus::Suspended
				if view.ends_at().is_some_and(|end| now >= end) =>
			{
				NetworkStatus::Ended
			}
			status => status,
		}
	}

	/// Records the request of `dam`, of `kind` and taking `deposit_asset`, to install `network`,
	/// run by `operator`. Fails unless the Network is live, the kinds and assets match, the
	/// Operator is registered, the Network has room, and the rewards pallet takes one more
	/// installation of the DAM.
	pub fn request_installation(
		network: NetworkId,
		dam: DamId,
		kind: NetworkKind,
		deposit_asset: AssetKind,
		operator: AccountId,
	) -> DispatchResult {
		with_storage_layer(|| {
			let view = MockNetworks::get(network).ok_or("no such Network")?;
			if !Self::is_live(&view) {
				return Err("the Network is not live".into());
			}
			if MockInstallations::contains_key(network, dam) {
				return Err("the installation exists".into());
			}
			if view.kind != kind || view.deposit_asset != deposit_asset {
				return Err("the DAM does not match the Network".into());
			}
			if !MockOperators::contains_key(operator) {
				return Err("not an Operator".into());
			}
			let taken = MockInstallations::iter_prefix_values(network).count() as u32;
			if taken >= view.operators_requested || taken >= MAX_OPERATORS_PER_NETWORK {
				return Err("the Network has no room".into());
			}
			<Rewards as OnNetworkChange>::on_installation_requested(network, dam)?;
			MockInstallations::insert(
				network,
				dam,
				Installation {
					status: InstallationStatus::Requested,
					operator,
					exposure: Zero::zero(),
					slashable_exposure: Zero::zero(),
					held_until: None,
					max_exposure: Zero::zero(),
					performance: Permill::one(),
				},
			);
			Ok(())
		})
	}

	/// Confirms, as the Network's manager would, the requested installation of `network` into
	/// `dam`, accepting up to the Network's `amount_requested` from it.
	pub fn confirm(network: NetworkId, dam: DamId) -> DispatchResult {
		with_storage_layer(|| {
			let view = MockNetworks::get(network).ok_or("no such Network")?;
			if !Self::is_live(&view) {
				return Err("the Network is not live".into());
			}
			let mut installation =
				MockInstallations::get(network, dam).ok_or("no such installation")?;
			if installation.status != InstallationStatus::Requested {
				return Err("the installation is not requested".into());
			}
			installation.status = InstallationStatus::Active;
			installation.max_exposure = view.amount_requested;
			MockInstallations::insert(network, dam, installation);
			<Rewards as OnNetworkChange>::on_installation_changed(network, dam);
			Ok(())
		})
	}

	/// Refuses a requested installation: it is gone.
	pub fn refuse(network: NetworkId, dam: DamId) -> DispatchResult {
		with_storage_layer(|| {
			let installation =
				MockInstallations::get(network, dam).ok_or("no such installation")?;
			if installation.status != InstallationStatus::Requested {
				return Err("the installation is not requested".into());
			}
			MockInstallations::remove(network, dam);
			<Rewards as OnNetworkChange>::on_installation_removed(network, dam);
			Ok(())
		})
	}

	/// Sets the exposure of an active installation, within the Network's caps; it may grow
	/// only while the Network is live.
	pub fn set_exposure(network: NetworkId, dam: DamId, exposure: Balance) -> DispatchResult {
		with_storage_layer(|| {
			let mut view = MockNetworks::get(network).ok_or("no such Network")?;
			let mut installation =
				MockInstallations::get(network, dam).ok_or("no such installation")?;
			if installation.status != InstallationStatus::Active {
				return Err("the installation is not active".into());
			}
			if exposure > installation.exposure && !Self::is_live(&view) {
				return Err("the Network is not live".into());
			}
			if !exposure.is_zero() && exposure < view.min_allocation {
				return Err("below the minimum allocation".into());
			}
			if exposure > installation.max_exposure {
				return Err("above the installation's maximum".into());
			}
			let total = view.total_exposure.saturating_sub(installation.exposure) + exposure;
			if total > view.amount_requested {
				return Err("above the amount requested".into());
			}
			if view.kind == NetworkKind::Collateral {
				installation.slashable_exposure = installation.slashable_exposure.max(exposure);
			}
			view.total_exposure = total;
			installation.exposure = exposure;
			MockInstallations::insert(network, dam, installation);
			MockNetworks::insert(network, view);
			<Rewards as OnNetworkChange>::on_installation_changed(network, dam);
			Ok(())
		})
	}

	/// Lowers the exposure of an installation by `amount`, at most to zero, whatever the
	/// Network's status.
	pub fn reduce_exposure(network: NetworkId, dam: DamId, amount: Balance) -> DispatchResult {
		with_storage_layer(|| {
			let mut view = MockNetworks::get(network).ok_or("no such Network")?;
			let mut installation =
				MockInstallations::get(network, dam).ok_or("no such installation")?;
			let cut = amount.min(installation.exposure);
			installation.exposure.saturating_reduce(cut);
			view.total_exposure.saturating_reduce(cut);
			MockInstallations::insert(network, dam, installation);
			MockNetworks::insert(network, view);
			<Rewards as OnNetworkChange>::on_installation_changed(network, dam);
			Ok(())
		})
	}

	/// Records the performance the Network reports for an active installation.
	pub fn report_performance(network: NetworkId, dam: DamId, score: Permill) -> DispatchResult {
		with_storage_layer(|| {
			let mut installation =
				MockInstallations::get(network, dam).ok_or("no such installation")?;
			if installation.status != InstallationStatus::Active {
				return Err("the installation is not active".into());
			}
			installation.performance = score;
			MockInstallations::insert(network, dam, installation);
			<Rewards as OnNetworkChange>::on_installation_changed(network, dam);
			Ok(())
		})
	}

	/// Removes an installation whose exposure is zero.
	pub fn remove_installation(network: NetworkId, dam: DamId) -> DispatchResult {
		with_storage_layer(|| {
			let installation =
				MockInstallations::get(network, dam).ok_or("no such installation")?;
			if !installation.exposure.is_zero() {
				return Err("the installation has exposure".into());
			}
			MockInstallations::remove(network, dam);
			<Rewards as OnNetworkChange>::on_installation_changed(network, dam);
			<Rewards as OnNetworkChange>::on_installation_removed(network, dam);
			Ok(())
		})
	}
}

impl MarketplaceInspect for MockMarketplace {
	type AccountId = AccountId;
	type AssetKind = AssetKind;
	type Balance = Balance;
	type BlockNumber = BlockNumber;

	fn network(network: NetworkId) -> Option<View> {
		MockNetworks::get(network).map(|mut view| {
			view.status = Self::status_at(&view, System::block_number());
			view
		})
	}

	fn reward_token_metadata(network: NetworkId) -> Option<(Vec<u8>, Vec<u8>)> {
		MockNetworkNames::get(network)
	}

	/// The double keeps no penalty terms: the rewards pallet never reads them.
	fn penalty_terms(_: NetworkId) -> Option<PenaltyView<AccountId, BlockNumber>> {
		None
	}

	fn params() -> ProtocolParams<BlockNumber> {
		MockParams::get().expect("the parameters are set at genesis")
	}

	fn is_operator(who: &AccountId) -> bool {
		MockOperators::contains_key(who)
	}

	fn is_asset_whitelisted(asset: &AssetKind) -> bool {
		MockWhitelist::contains_key(asset)
	}

	fn installation(network: NetworkId, dam: DamId) -> Option<Installation> {
		MockInstallations::get(network, dam)
	}

	/// The native token, as in the runtime: every account it funds exists.
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_asset() -> AssetKind {
		NativeOrWithId::Native
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_operator(who: &AccountId) {
		if MockOperators::contains_key(who) {
			return;
		}
		<Balances as fungible::Mutate<_>>::mint_into(who, BIG).expect("the native token mints");
		Self::register_operator(*who);
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_network(kind: NetworkKind, min_allocation: Balance) -> NetworkId {
		let asset = Self::benchmark_asset();
		MockWhitelist::insert(&asset, ());
		let id = MockNextNetwork::get();
		let manager: AccountId =
			polkadot_sdk::frame_benchmarking::account("network-manager", id, 0);
		<Balances as fungible::Mutate<_>>::mint_into(&manager, BIG)
			.expect("the native token mints");
		let view = View {
			manager,
			kind,
			status: NetworkStatus::Pending,
			deposit_asset: asset.clone(),
			min_allocation,
			amount_requested: min_allocation.saturating_mul(1_000_000),
			operators_requested: MAX_OPERATORS_PER_NETWORK,
			total_exposure: Zero::zero(),
			live_since: None,
			duration: 1_000,
			lock_period: (kind != NetworkKind::Collateral).then_some(10),
			safe: (kind == NetworkKind::Liquidity).then_some(manager),
			bond: Zero::zero(),
			reward_asset: asset,
			delegator_rate: polkadot_sdk::sp_runtime::FixedU128::from_rational(1, 100),
			operator_rate: min_allocation,
			operator_commission: Perbill::zero(),
		};
		let id = Self::register(view, b"network", b"rNET");
		Self::whitelist(id).expect("a pending Network goes live");
		id
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_confirm(network: NetworkId, dam: DamId) {
		Self::confirm(network, dam).expect("a requested installation");
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_end(network: NetworkId) {
		let ends_at =
			MockNetworks::get(network).and_then(|view| view.ends_at()).expect("a live Network");
		if System::block_number() < ends_at {
			System::set_block_number(ends_at);
		}
		Self::end(network).expect("a Network whose duration passed");
	}
}

/// What the benchmark set-up mints an account of the native token.
#[cfg(feature = "runtime-benchmarks")]
const BIG: Balance = Balance::MAX / 1_000_000;

/// A DAM of the DAM double: its books, without fees or roles.
#[derive(Clone, PartialEq, Eq, Encode, Decode, Debug)]
pub struct DamRecord {
	/// Creates the DAM, requests its installations and runs them as its Operator.
	pub manager: AccountId,
	/// The kind of Networks it serves.
	pub kind: NetworkKind,
	/// The one asset it takes.
	pub deposit_asset: AssetKind,
	/// Every share, earning or queued for withdrawal.
	pub total_shares: Balance,
	/// The shares queued for withdrawal (Collateral), which earn nothing.
	pub pending_shares: Balance,
	/// The assets on the DAM's books, in its account: what every share is worth together.
	pub idle: Balance,
	/// Set by the first Growth spend: no more deposits.
	pub closed: bool,
}

/// The DAMs of the DAM double.
#[frame_support::storage_alias]
pub type MockDamRecords = StorageMap<MockDams, Blake2_128Concat, DamId, DamRecord>;

/// The id the next DAM takes.
#[frame_support::storage_alias]
pub type MockNextDam = StorageValue<MockDams, DamId, ValueQuery>;

/// Each holder's shares of each DAM, earning ones only: (DAM, holder). Empty entries go.
#[frame_support::storage_alias]
pub type MockShares = StorageDoubleMap<
	MockDams,
	Blake2_128Concat,
	DamId,
	Blake2_128Concat,
	AccountId,
	Balance,
	ValueQuery,
>;

/// The open penalties on each DAM: (DAM, dispute vault) to the amount taken off its books.
#[frame_support::storage_alias]
pub type MockPenalties =
	StorageDoubleMap<MockDams, Blake2_128Concat, DamId, Blake2_128Concat, VaultId, Balance>;

/// The id the next dispute vault takes.
#[frame_support::storage_alias]
pub type MockNextVault = StorageValue<MockDams, VaultId, ValueQuery>;

/// Stands in for the DAM pallet: DAMs with a share ledger and books, which deposit, withdraw,
/// transfer shares, commit, allocate, buy licenses and get slashed. Like the DAM pallet, every
/// change of shares or stake tells the rewards pallet once, after the change, with the DAM's
/// earning shares and each holder's of before; a Growth spend reports what it spent. Shares
/// are minted one for one with assets into an empty DAM, and at the DAM's exchange rate after.
/// Penalties stay in the DAM's account, off its books, until they are restored or executed.
pub struct MockDams;

impl MockDams {
	/// Creates a DAM of `kind` taking `deposit_asset`, run by `manager`, which becomes an
	/// Operator. The DAM's account holds the native existential deposit, paid by `manager`.
	pub fn create(kind: NetworkKind, deposit_asset: AssetKind, manager: AccountId) -> DamId {
		MockMarketplace::register_operator(manager);
		let id = MockNextDam::get();
		let account = Self::dam_account(id);
		System::inc_providers(&account);
		<Balances as fungible::Mutate<_>>::transfer(
			&manager,
			&account,
			<Balances as fungible::Inspect<_>>::minimum_balance(),
			Preservation::Preserve,
		)
		.expect("the manager pays the DAM's existential deposit");
		MockDamRecords::insert(
			id,
			DamRecord {
				manager,
				kind,
				deposit_asset,
				total_shares: 0,
				pending_shares: 0,
				idle: 0,
				closed: false,
			},
		);
		MockNextDam::put(id + 1);
		id
	}

	/// The keyless account of `dam`.
	pub fn dam_account(dam: DamId) -> AccountId {
		DamPalletId::get().into_sub_account_truncating(dam)
	}

	/// The DAM `dam`'s record.
	pub fn record(dam: DamId) -> Result<DamRecord, DispatchError> {
		MockDamRecords::get(dam).ok_or_else(|| "no such DAM".into())
	}

	fn active_of(record: &DamRecord) -> u128 {
		record.total_shares.saturating_sub(record.pending_shares)
	}

	/// What `shares` are worth now, rounded down.
	fn value_of(record: &DamRecord, shares: Balance) -> Balance {
		if record.total_shares.is_zero() {
			return shares;
		}
		shares.saturating_mul(record.idle) / record.total_shares
	}

	/// Deposits `amount` of the DAM's asset for `who`, minting shares at the exchange rate.
	pub fn deposit(dam: DamId, who: AccountId, amount: Balance) -> Result<Balance, DispatchError> {
		with_storage_layer(|| {
			let mut record = Self::record(dam)?;
			if record.closed {
				return Err("deposits are closed".into());
			}
			let minted = if record.total_shares.is_zero() {
				amount
			} else {
				amount.saturating_mul(record.total_shares) / record.idle.max(1)
			};
			if minted.is_zero() {
				return Err("the deposit is too small".into());
			}
			<AllAssets as fungibles::Mutate<_>>::transfer(
				record.deposit_asset.clone(),
				&who,
				&Self::dam_account(dam),
				amount,
				Preservation::Preserve,
			)?;
			let prev_active = Self::active_of(&record);
			let held = MockShares::get(dam, who);
			record.total_shares += minted;
			record.idle += amount;
			MockShares::insert(dam, who, held + minted);
			MockDamRecords::insert(dam, record);
			<Rewards as OnSharesChange<AccountId>>::on_shares_changed(
				dam,
				prev_active.into(),
				&[(&who, held.into())],
			);
			Ok(minted)
		})
	}

	/// Burns `shares` of `who` and pays what they are worth from the idle assets, at once
	/// (Liquidity, Growth).
	pub fn withdraw(dam: DamId, who: AccountId, shares: Balance) -> Result<Balance, DispatchError> {
		with_storage_layer(|| {
			let mut record = Self::record(dam)?;
			if record.kind == NetworkKind::Collateral {
				return Err("a Collateral DAM withdraws in two steps".into());
			}
			let held = MockShares::get(dam, who);
			if shares.is_zero() || shares > held {
				return Err("not enough shares".into());
			}
			let value = Self::value_of(&record, shares);
			let prev_active = Self::active_of(&record);
			record.total_shares -= shares;
			record.idle -= value;
			Self::set_shares(dam, who, held - shares);
			<AllAssets as fungibles::Mutate<_>>::transfer(
				record.deposit_asset.clone(),
				&Self::dam_account(dam),
				&who,
				value,
				Preservation::Expendable,
			)?;
			MockDamRecords::insert(dam, record);
			<Rewards as OnSharesChange<AccountId>>::on_shares_changed(
				dam,
				prev_active.into(),
				&[(&who, held.into())],
			);
			Ok(value)
		})
	}

	/// Queues `shares` of `who` for withdrawal (Collateral): they stop earning at once.
	pub fn request_withdrawal(dam: DamId, who: AccountId, shares: Balance) -> DispatchResult {
		with_storage_layer(|| {
			let mut record = Self::record(dam)?;
			if record.kind != NetworkKind::Collateral {
				return Err("only a Collateral DAM queues withdrawals".into());
			}
			let held = MockShares::get(dam, who);
			if shares.is_zero() || shares > held {
				return Err("not enough shares".into());
			}
			let prev_active = Self::active_of(&record);
			record.pending_shares += shares;
			Self::set_shares(dam, who, held - shares);
			MockDamRecords::insert(dam, record);
			<Rewards as OnSharesChange<AccountId>>::on_shares_changed(
				dam,
				prev_active.into(),
				&[(&who, held.into())],
			);
			Ok(())
		})
	}

	/// Moves `shares` from `from` to `to`.
	pub fn transfer_shares(
		dam: DamId,
		from: AccountId,
		to: AccountId,
		shares: Balance,
	) -> DispatchResult {
		with_storage_layer(|| {
			Self::record(dam)?;
			let held = MockShares::get(dam, from);
			if from == to || shares.is_zero() || shares > held {
				return Err("not a valid share transfer".into());
			}
			let receiver_held = MockShares::get(dam, to);
			Self::set_shares(dam, from, held - shares);
			MockShares::insert(dam, to, receiver_held + shares);
			<Rewards as OnSharesChange<AccountId>>::on_shares_transferred(
				dam,
				&from,
				&to,
				shares.into(),
				held.into(),
				receiver_held.into(),
			);
			Ok(())
		})
	}

	fn set_shares(dam: DamId, who: AccountId, shares: Balance) {
		if shares.is_zero() {
			MockShares::remove(dam, who);
		} else {
			MockShares::insert(dam, who, shares);
		}
	}

	/// Asks to install `network`, run by `operator`.
	pub fn request_installation(
		dam: DamId,
		network: NetworkId,
		operator: AccountId,
	) -> DispatchResult {
		let record = Self::record(dam)?;
		MockMarketplace::request_installation(
			network,
			dam,
			record.kind,
			record.deposit_asset,
			operator,
		)
	}

	/// Commits `amount` of a Collateral DAM's stake to `network`.
	pub fn commit(dam: DamId, network: NetworkId, amount: Balance) -> DispatchResult {
		let record = Self::record(dam)?;
		if record.kind != NetworkKind::Collateral {
			return Err("only a Collateral DAM commits".into());
		}
		MockMarketplace::set_exposure(network, dam, amount)
	}

	/// Allocates `amount` of a Growth DAM's idle assets to `network`: its exposure grows, the
	/// assets leave the books for the Network's manager, and deposits close.
	pub fn allocate(dam: DamId, network: NetworkId, amount: Balance) -> DispatchResult {
		with_storage_layer(|| {
			let mut record = Self::record(dam)?;
			if record.kind != NetworkKind::Growth {
				return Err("only a Growth DAM spends".into());
			}
			if amount.is_zero() || amount > record.idle {
				return Err("not enough idle assets".into());
			}
			let installation =
				MockMarketplace::installation(network, dam).ok_or("not installed")?;
			let manager = MockMarketplace::network(network).ok_or("no such Network")?.manager;
			MockMarketplace::set_exposure(network, dam, installation.exposure + amount)?;
			<AllAssets as fungibles::Mutate<_>>::transfer(
				record.deposit_asset.clone(),
				&Self::dam_account(dam),
				&manager,
				amount,
				Preservation::Expendable,
			)?;
			record.idle -= amount;
			record.closed = true;
			MockDamRecords::insert(dam, record);
			<Rewards as OnSharesChange<AccountId>>::on_spent(dam, network, amount);
			Ok(())
		})
	}

	/// Buys the next license of `network` with a Growth DAM's idle assets, for its node run by
	/// `operator`: the price goes to the Network's manager and adds to the DAM's exposure, and
	/// deposits close. Returns the license's item.
	pub fn buy_license(
		dam: DamId,
		network: NetworkId,
		operator: AccountId,
	) -> Result<u32, DispatchError> {
		with_storage_layer(|| {
			let mut record = Self::record(dam)?;
			if record.kind != NetworkKind::Growth {
				return Err("only a Growth DAM buys licenses".into());
			}
			let installation =
				MockMarketplace::installation(network, dam).ok_or("not installed")?;
			if let Some(price) = <Rewards as LicenseSeller>::license_price(network) {
				if price > record.idle {
					return Err("not enough idle assets".into());
				}
			}
			let account = Self::dam_account(dam);
			let (price, item, seller) =
				<Rewards as LicenseSeller>::sell_license(network, dam, &account, &operator)?;
			MockMarketplace::set_exposure(network, dam, installation.exposure + price)?;
			<AllAssets as fungibles::Mutate<_>>::transfer(
				record.deposit_asset.clone(),
				&account,
				&seller,
				price,
				Preservation::Expendable,
			)?;
			record.idle -= price;
			record.closed = true;
			MockDamRecords::insert(dam, record);
			<Rewards as OnSharesChange<AccountId>>::on_spent(dam, network, price);
			Ok(item)
		})
	}
}

impl DamProvider for MockDams {
	type AccountId = AccountId;
	type Balance = Balance;
	type BlockNumber = BlockNumber;

	fn account(dam: DamId) -> AccountId {
		Self::dam_account(dam)
	}

	fn manager(dam: DamId) -> Option<AccountId> {
		MockDamRecords::get(dam).map(|record| record.manager)
	}

	fn active_shares(dam: DamId) -> nektar_primitives::Shares<Balance> {
		nektar_primitives::Shares(
			MockDamRecords::get(dam).map(|record| Self::active_of(&record)).unwrap_or_default(),
		)
	}

	fn shares(dam: DamId, who: &AccountId) -> nektar_primitives::Shares<Balance> {
		nektar_primitives::Shares(MockShares::get(dam, who))
	}

	fn holders(dam: DamId) -> Vec<AccountId> {
		MockShares::iter_key_prefix(dam).collect()
	}

	fn exposure(network: NetworkId, dam: DamId) -> Balance {
		let Some(installation) = MockMarketplace::installation(network, dam) else {
			return Zero::zero();
		};
		match MockDamRecords::get(dam) {
			Some(record) if record.kind == NetworkKind::Collateral => {
				installation.exposure.min(Self::value_of(&record, Self::active_of(&record)))
			}
			Some(_) => installation.exposure,
			None => Zero::zero(),
		}
	}

	fn active_stake(dam: DamId) -> Option<Balance> {
		MockDamRecords::get(dam)
			.filter(|record| record.kind == NetworkKind::Collateral)
			.map(|record| Self::value_of(&record, Self::active_of(&record)))
	}

	/// The double lends nothing.
	fn lent(_: DamId) -> Balance {
		Zero::zero()
	}

	fn on_loan_returned(_: DamId, _: Balance) -> DispatchResult {
		Err("the DAM double lends nothing".into())
	}

	fn on_loan_written_off(_: DamId, _: Balance, _: Balance) -> DispatchResult {
		Err("the DAM double lends nothing".into())
	}

	fn slash(
		dam: DamId,
		_network: NetworkId,
		amount: Balance,
		_unlock_at: BlockNumber,
	) -> Result<VaultId, DispatchError> {
		with_storage_layer(|| {
			let mut record = Self::record(dam)?;
			if record.kind != NetworkKind::Collateral {
				return Err("only a Collateral DAM is slashed".into());
			}
			if amount.is_zero() || amount > record.idle {
				return Err("not enough idle assets".into());
			}
			let active = Self::active_of(&record);
			record.idle -= amount;
			MockDamRecords::insert(dam, record);
			let vault = MockNextVault::get();
			MockNextVault::put(vault + 1);
			MockPenalties::insert(dam, vault, amount);
			<Rewards as OnSharesChange<AccountId>>::on_shares_changed(dam, active.into(), &[]);
			Ok(vault)
		})
	}

	fn restore(dam: DamId, vault: VaultId, amount: Balance) -> DispatchResult {
		with_storage_layer(|| {
			let mut record = Self::record(dam)?;
			MockPenalties::take(dam, vault).ok_or("no such penalty")?;
			let active = Self::active_of(&record);
			record.idle += amount;
			MockDamRecords::insert(dam, record);
			<Rewards as OnSharesChange<AccountId>>::on_shares_changed(dam, active.into(), &[]);
			Ok(())
		})
	}

	fn penalty_executed(dam: DamId, vault: VaultId) -> DispatchResult {
		MockPenalties::take(dam, vault).map(|_| ()).ok_or_else(|| "no such penalty".into())
	}

	fn slashable_exposure(network: NetworkId, dam: DamId) -> Balance {
		let (Some(installation), Some(record)) =
			(MockMarketplace::installation(network, dam), MockDamRecords::get(dam))
		else {
			return Zero::zero();
		};
		if record.kind != NetworkKind::Collateral {
			return Zero::zero();
		}
		let in_dispute: Balance = MockPenalties::iter_prefix_values(dam).sum();
		installation.slashable_exposure.min(record.idle + in_dispute)
	}

	fn open_penalties(dam: DamId) -> u32 {
		MockPenalties::iter_prefix_values(dam).count() as u32
	}

	fn settlement_weight() -> Weight {
		<Rewards as OnSharesChange<AccountId>>::share_change_weight(u32::MAX)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_dam(kind: NetworkKind, operator: &AccountId) -> DamId {
		MockMarketplace::benchmark_operator(operator);
		<Balances as fungible::Mutate<_>>::mint_into(operator, BIG)
			.expect("the native token mints");
		Self::create(kind, MockMarketplace::benchmark_asset(), *operator)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_deposit(dam: DamId, who: &AccountId, amount: Balance) {
		let asset = Self::record(dam).expect("the DAM exists").deposit_asset;
		<AllAssets as fungibles::Mutate<_>>::mint_into(asset, who, amount.saturating_mul(2))
			.expect("the asset mints");
		Self::deposit(dam, *who, amount).expect("a funded deposit");
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_install(dam: DamId, network: NetworkId, exposure: Balance) {
		let record = Self::record(dam).expect("the DAM exists");
		Self::request_installation(dam, network, record.manager).expect("a valid request");
		MockMarketplace::benchmark_confirm(network, dam);
		if exposure.is_zero() {
			return;
		}
		match record.kind {
			NetworkKind::Collateral => {
				Self::commit(dam, network, exposure).expect("a valid commitment")
			}
			_ => Self::allocate(dam, network, exposure).expect("a valid allocation"),
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_buy_license(dam: DamId, network: NetworkId) {
		let manager = Self::record(dam).expect("the DAM exists").manager;
		Self::buy_license(dam, network, manager).expect("a license for sale");
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_holders(dam: DamId, count: u32) -> Vec<AccountId> {
		let each: Balance = 1_000_000;
		let holders: Vec<AccountId> = (0..count)
			.map(|index| polkadot_sdk::frame_benchmarking::account("holder", index, dam))
			.collect();
		for holder in &holders {
			MockShares::insert(dam, holder, each);
		}
		MockDamRecords::mutate(dam, |maybe| {
			if let Some(record) = maybe {
				let added = each.saturating_mul(count.into());
				let value = Self::value_of(record, added);
				record.total_shares += added;
				record.idle += value;
			}
		});
		holders
	}
}

/// A license collection of the NFT double.
#[derive(Clone, PartialEq, Eq, Encode, Decode, Debug)]
pub struct Collection {
	/// Pays the deposits; for a license sale, the Network's escrow.
	pub owner: AccountId,
	/// The most items it takes.
	pub supply: u32,
	/// Whether its items may change hands.
	pub transferable: bool,
	/// How many items are minted.
	pub minted: u32,
}

/// The license collections, by id.
#[frame_support::storage_alias]
pub type MockCollections = StorageMap<MockNfts, Blake2_128Concat, u32, Collection>;

/// The id the next collection takes.
#[frame_support::storage_alias]
pub type MockNextCollection = StorageValue<MockNfts, u32, ValueQuery>;

/// The owner of each minted item: (collection, item).
#[frame_support::storage_alias]
pub type MockItems =
	StorageDoubleMap<MockNfts, Blake2_128Concat, u32, Blake2_128Concat, u32, AccountId>;

/// The deposit a collection reserves from its owner.
pub const COLLECTION_DEPOSIT: Balance = 10;
/// The deposit each minted item reserves from the collection's owner.
pub const ITEM_DEPOSIT: Balance = 1;

/// Stands in for `pallet-nfts`: collections of at most `supply` items, each minted once. The
/// owner pays a collection deposit when it creates one and an item deposit for each item.
pub struct MockNfts;
impl LicenseNfts<AccountId, Balance> for MockNfts {
	type CollectionId = u32;

	fn deposit(supply: u32) -> Balance {
		COLLECTION_DEPOSIT + ITEM_DEPOSIT * Balance::from(supply)
	}

	fn create(owner: &AccountId, supply: u32, transferable: bool) -> Result<u32, DispatchError> {
		Balances::reserve(owner, COLLECTION_DEPOSIT)?;
		let id = MockNextCollection::get();
		MockCollections::insert(id, Collection { owner: *owner, supply, transferable, minted: 0 });
		MockNextCollection::put(id + 1);
		Ok(id)
	}

	fn mint(collection: u32, item: u32, to: &AccountId) -> DispatchResult {
		let mut info = MockCollections::get(collection).ok_or("no such collection")?;
		if info.minted >= info.supply || MockItems::contains_key(collection, item) {
			return Err("the item cannot be minted".into());
		}
		Balances::reserve(&info.owner, ITEM_DEPOSIT)?;
		info.minted += 1;
		MockCollections::insert(collection, info);
		MockItems::insert(collection, item, to);
		Ok(())
	}
}

/// Manages the test Networks.
pub const NET_MANAGER: AccountId = 1;
/// Manages the test DAMs and runs their installations.
pub const OPERATOR: AccountId = 2;
/// Another Operator.
pub const OTHER_OPERATOR: AccountId = 3;
pub const ALICE: AccountId = 10;
pub const BOB: AccountId = 11;
pub const CHARLIE: AccountId = 12;
pub const STRANGER: AccountId = 99;
/// A `pallet-assets` asset, whitelisted: what the test DAMs take.
pub const USD: u32 = 7;
/// What every test account holds of the native token and of [`USD`].
pub const ENDOWMENT: Balance = 1_000_000_000;
/// Blocks in a day of the reward rates.
pub const DAY: BlockNumber = 100;

pub fn usd() -> AssetKind {
	NativeOrWithId::WithId(USD)
}

/// The synthetic token of `network`.
pub fn token(network: NetworkId) -> u32 {
	SYNTHETIC_BASE + network
}

/// Builds the test externalities: every test account endowed with the native token and
/// [`USD`], the protocol parameters, and the native token and [`USD`] whitelisted.
pub struct ExtBuilder {
	balances: Vec<(AccountId, Balance)>,
	blocks_per_day: BlockNumber,
}

impl Default for ExtBuilder {
	fn default() -> Self {
		Self {
			balances: (1..=30).chain([STRANGER]).map(|who| (who, ENDOWMENT)).collect(),
			blocks_per_day: DAY,
		}
	}
}

impl ExtBuilder {
	/// Sets the native balance of each of `balances`' accounts.
	pub fn with_balances(mut self, balances: Vec<(AccountId, Balance)>) -> Self {
		for (who, amount) in balances {
			match self.balances.iter_mut().find(|(account, _)| *account == who) {
				Some(entry) => entry.1 = amount,
				None => self.balances.push((who, amount)),
			}
		}
		self
	}

	/// Sets how many blocks make a day of the reward rates.
	pub fn with_blocks_per_day(mut self, blocks_per_day: BlockNumber) -> Self {
		self.blocks_per_day = blocks_per_day;
		self
	}

	pub fn build(self) -> sp_io::TestExternalities {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> {
			balances: self.balances.iter().filter(|(_, b)| *b > 0).cloned().collect(),
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		pallet_assets::GenesisConfig::<Test> {
			assets: vec![(USD, NET_MANAGER, true, 1)],
			accounts: self.balances.iter().map(|(who, _)| (USD, *who, ENDOWMENT)).collect(),
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| {
			MockParams::put(ProtocolParams {
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
				blocks_per_day: self.blocks_per_day,
			});
			MockWhitelist::insert(NativeOrWithId::Native, ());
			MockWhitelist::insert(usd(), ());
			System::set_block_number(1);
		});
		// What genesis holds survives the benchmarks, which wipe what each of them wrote.
		ext.commit_all().unwrap();
		ext
	}

	/// Runs `test`, then checks every invariant of the rewards pallet.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			check_invariants();
		});
	}
}

pub fn check_invariants() {
	Rewards::do_try_state().expect("the reward invariants hold");
}

/// The events the rewards pallet emitted, oldest first.
pub fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::Rewards(e) = r.event { Some(e) } else { None })
		.collect()
}

pub fn run_to_block(n: BlockNumber) {
	System::set_block_number(n);
}
