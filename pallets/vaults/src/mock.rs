//! A test runtime with balances, assets and the vaults pallet. The marketplace and the DAM
//! pallet are doubles ([`MockMarketplace`], [`MockDams`]) that keep their records in storage,
//! so that each test starts from nothing and the benchmarks' storage rolls back with them.

use crate as pallet_vaults;
use crate::*;
use codec::{Decode, Encode};
use frame_support::{
	derive_impl, ensure,
	pallet_prelude::ValueQuery,
	parameter_types,
	storage::with_storage_layer,
	traits::{
		fungible::{self, NativeFromLeft, NativeOrWithId, UnionOf},
		fungibles::{self, Mutate as _},
		tokens::Preservation,
		AsEnsureOriginWithArg, ConstU128, ConstU32,
	},
	weights::Weight,
	Blake2_128Concat, PalletId,
};
use frame_system::{EnsureRoot, EnsureSigned};
use nektar_primitives::{
	DamView, InstallationStatus, InstallationView, NetworkKind, NetworkStatus, NetworkView,
	NetworkViewOf, PenaltyView, ProtocolParams, VaultsInterface,
};
use polkadot_sdk::{
	pallet_assets, pallet_balances, sp_io,
	sp_runtime::{BuildStorage, DispatchError, DispatchResult, Perbill, Permill},
};

/// An account: small numbers for the tests' accounts, hashed seeds for the benchmarks'.
pub type AccountId = u64;
/// The balance of the native token and of every asset.
pub type Balance = u128;
/// The native token or a `pallet-assets` asset.
pub type AssetKind = NativeOrWithId<u32>;
type BlockNumber = u64;
type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Assets: pallet_assets,
		Vaults: pallet_vaults,
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
	type ExistentialDeposit = ConstU128<1>;
	type AccountStore = System;
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
	pub const VaultsPalletId: PalletId = PalletId(*b"nek/vlts");
}

/// The most DAMs one Network may owe at once in the tests.
pub const MAX_CREDITORS: u32 = 4;
/// The most Networks one DAM may be owed by at once in the tests.
pub const MAX_LOANS_PER_DAM: u32 = 3;

impl Config for Test {
	type Balance = Balance;
	type AssetKind = AssetKind;
	type Assets = AllAssets;
	type Marketplace = MockMarketplace;
	type Dams = MockDams;
	type PalletId = VaultsPalletId;
	type MaxCreditors = ConstU32<MAX_CREDITORS>;
	type MaxLoansPerDam = ConstU32<MAX_LOANS_PER_DAM>;
	type WeightInfo = ();
}

/// Manages the Networks.
pub const NET_MANAGER: AccountId = 1;
/// The safe of the Liquidity Networks.
pub const SAFE: AccountId = 2;
/// Manages the DAMs.
pub const DAM_MANAGER: AccountId = 3;
/// Deposits into the DAMs.
pub const ALICE: AccountId = 4;
/// Another account that holds assets.
pub const BOB: AccountId = 5;
/// An account with no role.
pub const STRANGER: AccountId = 6;
/// Holds the Liquidity Networks' return bonds, as the marketplace's holds do.
pub const BOND_ESCROW: AccountId = 900;
/// DAM `n`'s account is `DAM_ACCOUNT_BASE + n`.
pub const DAM_ACCOUNT_BASE: AccountId = 1_000;
/// The deposit asset of the tests (a `pallet-assets` asset).
pub const USD: u32 = 7;
/// What each test account holds of the native token and of [`USD`].
pub const ENDOWMENT: Balance = 1_000_000;
/// The most installations one Network takes, whatever it asks for.
pub const MAX_OPERATORS_PER_NETWORK: u32 = 8;

/// The [`USD`] asset as an [`AssetKind`].
pub fn usd() -> AssetKind {
	NativeOrWithId::WithId(USD)
}

/// The Networks, as the marketplace shows them; `status` is the one last set, which
/// [`MockMarketplace::network`] reads as `Ended` once the duration has passed.
#[frame_support::storage_alias]
pub type MarketNetworks =
	StorageMap<MockMarketplace, Blake2_128Concat, NetworkId, NetworkViewOf<MockMarketplace>>;

/// The id the next Network gets.
#[frame_support::storage_alias]
pub type NextMarketNetworkId = StorageValue<MockMarketplace, NetworkId, ValueQuery>;

/// The installations of each Network into each DAM.
#[frame_support::storage_alias]
pub type MarketInstallations = StorageDoubleMap<
	MockMarketplace,
	Blake2_128Concat,
	NetworkId,
	Blake2_128Concat,
	DamId,
	InstallationView<AccountId, Balance, BlockNumber>,
>;

/// The protocol parameters in force.
#[frame_support::storage_alias]
pub type MarketParams = StorageValue<MockMarketplace, ProtocolParams<BlockNumber>>;

/// The registered Operators.
#[frame_support::storage_alias]
pub type MarketOperators = StorageMap<MockMarketplace, Blake2_128Concat, AccountId, ()>;

/// The whitelisted assets.
#[frame_support::storage_alias]
pub type MarketWhitelist = StorageMap<MockMarketplace, Blake2_128Concat, AssetKind, ()>;

/// Stands in for the marketplace: Networks with their terms and status, their installations
/// and exposures, and return bonds moved out of the manager's account into [`BOND_ESCROW`] at
/// registration.
pub struct MockMarketplace;

impl MockMarketplace {
	/// Registers `terms` (status, `live_since` and `total_exposure` are ignored) and makes the
	/// Network live now. A non-zero `bond` moves from the manager into the escrow.
	pub fn register(terms: NetworkViewOf<MockMarketplace>) -> Result<NetworkId, DispatchError> {
		let id = NextMarketNetworkId::get();
		if terms.bond > 0 {
			<Balances as fungible::Mutate<_>>::transfer(
				&terms.manager,
				&BOND_ESCROW,
				terms.bond,
				Preservation::Preserve,
			)?;
		}
		let view = NetworkView {
			status: NetworkStatus::Live,
			live_since: Some(System::block_number()),
			total_exposure: 0,
			..terms
		};
		MarketNetworks::insert(id, view);
		NextMarketNetworkId::put(id + 1);
		Ok(id)
	}

	/// Confirms a requested installation, accepting up to the Network's `amount_requested`.
	pub fn confirm(network: NetworkId, dam: DamId) -> DispatchResult {
		let view = Self::network(network).ok_or("unknown Network")?;
		ensure!(view.status == NetworkStatus::Live, "the Network is not live");
		let active = Self::active_installations(network);
		ensure!(active < view.operators_requested, "the Network has all its operators");
		MarketInstallations::try_mutate(network, dam, |maybe| {
			let installation = maybe.as_mut().ok_or("no installation requested")?;
			ensure!(installation.status == InstallationStatus::Requested, "not a request");
			installation.status = InstallationStatus::Active;
			installation.max_exposure = view.amount_requested;
			Ok::<_, DispatchError>(())
		})
	}

	/// Ends a live or suspended Network whose duration has passed, as `end_network` does.
	pub fn end(network: NetworkId) -> DispatchResult {
		MarketNetworks::try_mutate(network, |maybe| {
			let view = maybe.as_mut().ok_or("unknown Network")?;
			ensure!(
				matches!(view.status, NetworkStatus::Live | NetworkStatus::Suspended),
				"the Network is not live"
			);
			let ends_at = view.ends_at().ok_or("the Network never went live")?;
			ensure!(System::block_number() >= ends_at, "the duration has not passed");
			view.status = NetworkStatus::Ended;
			Ok::<_, DispatchError>(())
		})
	}

	/// The confirmed installations of `network`.
	fn active_installations(network: NetworkId) -> u32 {
		MarketInstallations::iter_prefix_values(network)
			.filter(|i| i.status == InstallationStatus::Active)
			.count() as u32
	}

	fn params_in_force() -> ProtocolParams<BlockNumber> {
		MarketParams::get().expect("the test externalities set the protocol parameters")
	}
}

impl MarketplaceInspect for MockMarketplace {
	type AccountId = AccountId;
	type AssetKind = AssetKind;
	type Balance = Balance;
	type BlockNumber = BlockNumber;

	fn network(network: NetworkId) -> Option<NetworkViewOf<Self>> {
		let now = System::block_number();
		MarketNetworks::get(network).map(|mut view| {
			let over = view.ends_at().is_some_and(|end| now >= end);
			if over && matches!(view.status, NetworkStatus::Live | NetworkStatus::Suspended) {
				view.status = NetworkStatus::Ended;
			}
			view
		})
	}

	fn reward_token_metadata(network: NetworkId) -> Option<(Vec<u8>, Vec<u8>)> {
		MarketNetworks::contains_key(network).then(|| (b"network".to_vec(), b"rNET".to_vec()))
	}

	/// The double keeps no penalty terms: the vaults never read them.
	fn penalty_terms(_: NetworkId) -> Option<PenaltyView<AccountId, BlockNumber>> {
		None
	}

	fn params() -> ProtocolParams<BlockNumber> {
		Self::params_in_force()
	}

	fn is_operator(who: &AccountId) -> bool {
		MarketOperators::contains_key(who)
	}

	fn is_asset_whitelisted(asset: &AssetKind) -> bool {
		MarketWhitelist::contains_key(asset)
	}

	fn installation(
		network: NetworkId,
		dam: DamId,
	) -> Option<InstallationView<AccountId, Balance, BlockNumber>> {
		MarketInstallations::get(network, dam)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_asset() -> AssetKind {
		usd()
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_operator(who: &AccountId) {
		MarketOperators::insert(who, ());
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_network(kind: NetworkKind, min_allocation: Balance) -> NetworkId {
		use polkadot_sdk::frame_benchmarking::account;
		let id = NextMarketNetworkId::get();
		let manager: AccountId = account("network-manager", id, 0);
		<Balances as fungible::Mutate<_>>::mint_into(&manager, Balance::MAX / 1_000_000)
			.expect("the native token can be minted");
		let asset = Self::benchmark_asset();
		MarketWhitelist::insert(&asset, ());
		let liquidity = kind == NetworkKind::Liquidity;
		let locks = kind != NetworkKind::Collateral;
		Self::register(NetworkView {
			manager,
			kind,
			status: NetworkStatus::Pending,
			deposit_asset: asset.clone(),
			min_allocation,
			amount_requested: min_allocation * 1_000_000,
			operators_requested: MAX_OPERATORS_PER_NETWORK,
			total_exposure: 0,
			live_since: None,
			duration: 1_000,
			lock_period: locks.then_some(10),
			safe: liquidity.then_some(manager),
			bond: if liquidity { min_allocation } else { 0 },
			reward_asset: asset,
			delegator_rate: polkadot_sdk::sp_runtime::FixedU128::from_rational(1, 100),
			operator_rate: min_allocation,
			operator_commission: Perbill::zero(),
		})
		.expect("a funded manager registers")
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_confirm(network: NetworkId, dam: DamId) {
		Self::confirm(network, dam).expect("a requested installation");
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_end(network: NetworkId) {
		let ends_at =
			MarketNetworks::get(network).and_then(|view| view.ends_at()).expect("a live Network");
		if System::block_number() < ends_at {
			System::set_block_number(ends_at);
		}
		Self::end(network).expect("a Network whose duration passed");
	}
}

impl InstallationLedger for MockMarketplace {
	fn request_installation(
		network: NetworkId,
		dam: DamId,
		details: DamView<AccountId, AssetKind>,
		operator: AccountId,
	) -> DispatchResult {
		let view = Self::network(network).ok_or("unknown Network")?;
		ensure!(view.status == NetworkStatus::Live, "the Network is not live");
		ensure!(!MarketInstallations::contains_key(network, dam), "already installed");
		ensure!(details.kind == view.kind, "the kinds differ");
		ensure!(details.deposit_asset == view.deposit_asset, "the deposit assets differ");
		ensure!(MarketOperators::contains_key(operator), "not an Operator");
		ensure!(
			Self::active_installations(network) < view.operators_requested,
			"the Network has all its operators"
		);
		MarketInstallations::insert(
			network,
			dam,
			InstallationView {
				status: InstallationStatus::Requested,
				operator,
				exposure: 0,
				slashable_exposure: 0,
				held_until: None,
				max_exposure: 0,
				performance: Permill::one(),
			},
		);
		Ok(())
	}

	fn remove_installation(network: NetworkId, dam: DamId) -> DispatchResult {
		let installation = MarketInstallations::get(network, dam).ok_or("not installed")?;
		ensure!(installation.exposure == 0, "the installation still has exposure");
		MarketInstallations::remove(network, dam);
		Ok(())
	}

	fn set_exposure(network: NetworkId, dam: DamId, exposure: Balance) -> DispatchResult {
		let view = Self::network(network).ok_or("unknown Network")?;
		let mut installation = MarketInstallations::get(network, dam).ok_or("not installed")?;
		ensure!(installation.status == InstallationStatus::Active, "not confirmed");
		if exposure > installation.exposure {
			ensure!(view.status == NetworkStatus::Live, "the Network is not live");
		}
		ensure!(exposure == 0 || exposure >= view.min_allocation, "below the minimum");
		ensure!(exposure <= installation.max_exposure, "above the installation's maximum");
		let total = view
			.total_exposure
			.checked_sub(installation.exposure)
			.and_then(|rest| rest.checked_add(exposure))
			.ok_or("the total exposure overflows")?;
		ensure!(total <= view.amount_requested, "above what the Network asked for");
		installation.exposure = exposure;
		if view.kind == NetworkKind::Collateral {
			installation.slashable_exposure = exposure;
		}
		MarketInstallations::insert(network, dam, installation);
		MarketNetworks::mutate(network, |maybe| {
			if let Some(stored) = maybe {
				stored.total_exposure = total;
			}
		});
		Ok(())
	}

	fn reduce_exposure(network: NetworkId, dam: DamId, amount: Balance) -> DispatchResult {
		ensure!(MarketNetworks::contains_key(network), "unknown Network");
		let mut installation = MarketInstallations::get(network, dam).ok_or("not installed")?;
		let cut = amount.min(installation.exposure);
		installation.exposure -= cut;
		MarketInstallations::insert(network, dam, installation);
		MarketNetworks::mutate(network, |maybe| {
			if let Some(view) = maybe {
				view.total_exposure = view.total_exposure.saturating_sub(cut);
			}
		});
		Ok(())
	}
}

impl ReturnBonds for MockMarketplace {
	fn set_defaulted(network: NetworkId) -> DispatchResult {
		let view = Self::network(network).ok_or("unknown Network")?;
		ensure!(view.status == NetworkStatus::Ended, "the Network has not ended");
		MarketNetworks::mutate(network, |maybe| {
			if let Some(stored) = maybe {
				stored.status = NetworkStatus::Defaulted;
			}
		});
		Ok(())
	}

	fn pay_bond(network: NetworkId, to: &AccountId, amount: Balance) -> DispatchResult {
		let mut view = MarketNetworks::get(network).ok_or("unknown Network")?;
		ensure!(amount <= view.bond, "more than the bond on hold");
		if amount == 0 {
			return Ok(());
		}
		<Balances as fungible::Mutate<_>>::transfer(
			&BOND_ESCROW,
			to,
			amount,
			Preservation::Expendable,
		)?;
		view.bond -= amount;
		MarketNetworks::insert(network, view);
		Ok(())
	}

	fn release_bond(network: NetworkId) -> DispatchResult {
		let mut view = MarketNetworks::get(network).ok_or("unknown Network")?;
		if view.bond == 0 {
			return Ok(());
		}
		<Balances as fungible::Mutate<_>>::transfer(
			&BOND_ESCROW,
			&view.manager,
			view.bond,
			Preservation::Expendable,
		)?;
		view.bond = 0;
		MarketNetworks::insert(network, view);
		Ok(())
	}
}

/// A DAM's books as the DAM double keeps them. One share is issued per unit deposited.
#[derive(Clone, PartialEq, Eq, Encode, Decode, Debug)]
pub struct DamBooks {
	/// Liquidity, Growth or Collateral.
	pub kind: NetworkKind,
	/// Who runs the DAM and its installations.
	pub manager: AccountId,
	/// The one asset the DAM takes.
	pub asset: AssetKind,
	/// Assets in the DAM's account that it may allocate.
	pub idle: Balance,
	/// Assets in Liquidity vaults or on loan.
	pub lent: Balance,
	/// Assets held in dispute vaults.
	pub in_dispute: Balance,
	/// Compensation from written-off loans, owed to the shareholders.
	pub recovery: Balance,
	/// Every share.
	pub total_shares: Balance,
	/// Whether a Growth allocation or a license purchase closed deposits.
	pub closed: bool,
}

/// The DAMs' books.
#[frame_support::storage_alias]
pub type DamLedger = StorageMap<MockDams, Blake2_128Concat, DamId, DamBooks>;

/// The id the next DAM gets.
#[frame_support::storage_alias]
pub type NextMockDamId = StorageValue<MockDams, DamId, ValueQuery>;

/// Each holder's shares of each DAM.
#[frame_support::storage_alias]
pub type DamShares = StorageDoubleMap<
	MockDams,
	Blake2_128Concat,
	DamId,
	Blake2_128Concat,
	AccountId,
	Balance,
	ValueQuery,
>;

/// The open penalties of each DAM: the dispute vault and its amount.
#[frame_support::storage_alias]
pub type DamPenalties =
	StorageDoubleMap<MockDams, Blake2_128Concat, DamId, Blake2_128Concat, VaultId, Balance>;

/// Stands in for the DAM pallet: DAMs with their books (idle, lent, in dispute, recovery),
/// shares, and the allocations that lock assets through this pallet's `VaultsInterface`.
pub struct MockDams;

impl MockDams {
	/// Creates a DAM of `kind` taking `asset`, run by `manager`.
	pub fn create(kind: NetworkKind, manager: AccountId, asset: AssetKind) -> DamId {
		let id = NextMockDamId::get();
		DamLedger::insert(
			id,
			DamBooks {
				kind,
				manager,
				asset,
				idle: 0,
				lent: 0,
				in_dispute: 0,
				recovery: 0,
				total_shares: 0,
				closed: false,
			},
		);
		NextMockDamId::put(id + 1);
		id
	}

	/// Moves `amount` of the DAM's asset from `who` into the DAM's account, as idle assets.
	pub fn deposit(dam: DamId, who: &AccountId, amount: Balance) -> DispatchResult {
		with_storage_layer(|| {
			let mut books = Self::books(dam)?;
			ensure!(!books.closed, "deposits are closed");
			AllAssets::transfer(
				books.asset.clone(),
				who,
				&Self::account(dam),
				amount,
				Preservation::Expendable,
			)?;
			books.idle = books.idle.checked_add(amount).ok_or("idle overflows")?;
			books.total_shares += amount;
			DamShares::mutate(dam, who, |shares| *shares += amount);
			DamLedger::insert(dam, books);
			Ok(())
		})
	}

	/// Requests the installation of `network`, run by the DAM's manager (registered as an
	/// Operator if it is not one), and has the Network confirm it.
	pub fn install(dam: DamId, network: NetworkId) -> DispatchResult {
		with_storage_layer(|| {
			let books = Self::books(dam)?;
			MarketOperators::insert(books.manager, ());
			let details =
				DamView { kind: books.kind, deposit_asset: books.asset, manager: books.manager };
			MockMarketplace::request_installation(network, dam, details, books.manager)?;
			MockMarketplace::confirm(network, dam)
		})
	}

	/// Allocates `amount` of the DAM's idle assets to `network`, as `Dam::allocate` does: the
	/// installation's exposure grows, and the assets are locked in a vault for the Network's
	/// `lock_period`, lent (Liquidity) or spent (Growth). All or nothing.
	pub fn allocate(
		dam: DamId,
		network: NetworkId,
		amount: Balance,
	) -> Result<VaultId, DispatchError> {
		with_storage_layer(|| {
			let mut books = Self::books(dam)?;
			let kind = match books.kind {
				NetworkKind::Liquidity => VaultKind::Liquidity,
				NetworkKind::Growth => VaultKind::Growth,
				NetworkKind::Collateral => return Err("a Collateral DAM commits".into()),
			};
			ensure!(amount > 0, "nothing to allocate");
			let installation =
				MockMarketplace::installation(network, dam).ok_or("not installed")?;
			let view = MockMarketplace::network(network).ok_or("not installed")?;
			let lock_period = view.lock_period.ok_or("the Network locks nothing")?;
			ensure!(amount <= books.idle, "not enough idle assets");
			let exposure = installation.exposure.checked_add(amount).ok_or("overflow")?;
			MockMarketplace::set_exposure(network, dam, exposure)?;
			books.idle -= amount;
			match kind {
				VaultKind::Liquidity => {
					books.lent = books.lent.checked_add(amount).ok_or("lent overflows")?
				}
				_ => books.closed = true,
			}
			let vault = Vaults::lock(
				kind,
				network,
				dam,
				books.asset.clone(),
				amount,
				&Self::account(dam),
				System::block_number() + lock_period,
			)?;
			DamLedger::insert(dam, books);
			Ok(vault)
		})
	}

	/// The DAM's books.
	pub fn books(dam: DamId) -> Result<DamBooks, DispatchError> {
		DamLedger::get(dam).ok_or_else(|| "unknown DAM".into())
	}
}

impl DamProvider for MockDams {
	type AccountId = AccountId;
	type Balance = Balance;
	type BlockNumber = BlockNumber;

	fn account(dam: DamId) -> AccountId {
		DAM_ACCOUNT_BASE + AccountId::from(dam)
	}

	fn manager(dam: DamId) -> Option<AccountId> {
		DamLedger::get(dam).map(|books| books.manager)
	}

	fn active_shares(dam: DamId) -> nektar_primitives::Shares<Balance> {
		nektar_primitives::Shares(
			DamLedger::get(dam).map(|books| books.total_shares).unwrap_or_default(),
		)
	}

	fn shares(dam: DamId, who: &AccountId) -> nektar_primitives::Shares<Balance> {
		nektar_primitives::Shares(DamShares::get(dam, who))
	}

	fn holders(dam: DamId) -> Vec<AccountId> {
		DamShares::iter_key_prefix(dam).collect()
	}

	fn exposure(network: NetworkId, dam: DamId) -> Balance {
		let Some(installation) = MockMarketplace::installation(network, dam) else {
			return 0;
		};
		match DamLedger::get(dam) {
			Some(books) if books.kind == NetworkKind::Collateral => {
				installation.exposure.min(books.idle)
			}
			Some(_) => installation.exposure,
			None => 0,
		}
	}

	fn active_stake(dam: DamId) -> Option<Balance> {
		DamLedger::get(dam)
			.filter(|books| books.kind == NetworkKind::Collateral)
			.map(|books| books.idle)
	}

	fn lent(dam: DamId) -> Balance {
		DamLedger::get(dam).map(|books| books.lent).unwrap_or_default()
	}

	fn on_loan_returned(dam: DamId, amount: Balance) -> DispatchResult {
		let mut books = Self::books(dam)?;
		ensure!(amount <= books.lent, "more than the DAM lent");
		books.lent -= amount;
		books.idle = books.idle.checked_add(amount).ok_or("idle overflows")?;
		DamLedger::insert(dam, books);
		Ok(())
	}

	fn on_loan_written_off(dam: DamId, amount: Balance, compensation: Balance) -> DispatchResult {
		let mut books = Self::books(dam)?;
		ensure!(amount <= books.lent, "more than the DAM lent");
		books.lent -= amount;
		books.recovery = books.recovery.checked_add(compensation).ok_or("recovery overflows")?;
		DamLedger::insert(dam, books);
		Ok(())
	}

	fn slash(
		dam: DamId,
		network: NetworkId,
		amount: Balance,
		unlock_at: BlockNumber,
	) -> Result<VaultId, DispatchError> {
		let mut books = Self::books(dam)?;
		ensure!(books.kind == NetworkKind::Collateral, "not a Collateral DAM");
		ensure!(amount > 0, "nothing to slash");
		ensure!(amount <= books.idle, "not enough idle assets");
		books.idle -= amount;
		books.in_dispute = books.in_dispute.checked_add(amount).ok_or("overflow")?;
		let vault = Vaults::lock(
			VaultKind::Dispute,
			network,
			dam,
			books.asset.clone(),
			amount,
			&Self::account(dam),
			unlock_at,
		)?;
		DamLedger::insert(dam, books);
		DamPenalties::insert(dam, vault, amount);
		Ok(vault)
	}

	fn restore(dam: DamId, vault: VaultId, amount: Balance) -> DispatchResult {
		let held = DamPenalties::take(dam, vault).ok_or("no such penalty")?;
		let mut books = Self::books(dam)?;
		books.in_dispute = books.in_dispute.saturating_sub(held);
		books.idle = books.idle.checked_add(amount).ok_or("idle overflows")?;
		DamLedger::insert(dam, books);
		Ok(())
	}

	fn penalty_executed(dam: DamId, vault: VaultId) -> DispatchResult {
		let held = DamPenalties::take(dam, vault).ok_or("no such penalty")?;
		let mut books = Self::books(dam)?;
		books.in_dispute = books.in_dispute.saturating_sub(held);
		DamLedger::insert(dam, books);
		Ok(())
	}

	fn slashable_exposure(network: NetworkId, dam: DamId) -> Balance {
		let Some(installation) = MockMarketplace::installation(network, dam) else {
			return 0;
		};
		match DamLedger::get(dam) {
			Some(books) if books.kind == NetworkKind::Collateral => {
				installation.slashable_exposure.min(books.idle)
			}
			_ => 0,
		}
	}

	fn open_penalties(dam: DamId) -> u32 {
		DamPenalties::iter_prefix(dam).count() as u32
	}

	fn settlement_weight() -> Weight {
		Weight::zero()
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_dam(kind: NetworkKind, operator: &AccountId) -> DamId {
		MockMarketplace::benchmark_operator(operator);
		<Balances as fungible::Mutate<_>>::mint_into(operator, Balance::MAX / 1_000_000)
			.expect("the native token can be minted");
		Self::create(kind, *operator, MockMarketplace::benchmark_asset())
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_deposit(dam: DamId, who: &AccountId, amount: Balance) {
		let asset = Self::books(dam).expect("the DAM exists").asset;
		AllAssets::mint_into(asset, who, amount.saturating_mul(2)).expect("the asset exists");
		Self::deposit(dam, who, amount).expect("a funded deposit");
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_install(dam: DamId, network: NetworkId, exposure: Balance) {
		Self::install(dam, network).expect("a valid installation");
		if exposure == 0 {
			return;
		}
		match Self::books(dam).expect("the DAM exists").kind {
			NetworkKind::Collateral => {
				MockMarketplace::set_exposure(network, dam, exposure).expect("a valid commitment")
			}
			_ => {
				Self::allocate(dam, network, exposure).expect("a valid allocation");
			}
		}
	}

	/// Pays a license priced at the Network's `min_allocation` (the price the licensing
	/// pallet's benchmark sale asks) to the Network's manager, as a spent allocation.
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_buy_license(dam: DamId, network: NetworkId) {
		let mut books = Self::books(dam).expect("the DAM exists");
		let view = MockMarketplace::network(network).expect("the Network exists");
		let price = view.min_allocation;
		let exposure = MockMarketplace::installation(network, dam).expect("installed").exposure;
		MockMarketplace::set_exposure(network, dam, exposure + price).expect("within the caps");
		AllAssets::transfer(
			books.asset.clone(),
			&Self::account(dam),
			&view.manager,
			price,
			Preservation::Expendable,
		)
		.expect("the DAM holds the price");
		books.idle = books.idle.checked_sub(price).expect("idle assets cover the price");
		books.closed = true;
		DamLedger::insert(dam, books);
	}

	/// Writes `count` holders of one million shares each into the share ledger, with the
	/// assets behind them on the books only.
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_holders(dam: DamId, count: u32) -> Vec<AccountId> {
		use polkadot_sdk::frame_benchmarking::account;
		let each: Balance = 1_000_000;
		let holders: Vec<AccountId> =
			(0..count).map(|index| account("holder", index, dam)).collect();
		for holder in &holders {
			DamShares::insert(dam, holder, each);
		}
		DamLedger::mutate(dam, |maybe| {
			if let Some(books) = maybe {
				let added = each * Balance::from(count);
				books.total_shares += added;
				books.idle += added;
			}
		});
		holders
	}
}

/// Builds the test externalities: balances, the [`USD`] asset, the protocol parameters.
pub struct ExtBuilder {
	balances: Vec<(AccountId, Balance)>,
	repay_grace: BlockNumber,
}

impl Default for ExtBuilder {
	/// Accounts 1 to 10 hold [`ENDOWMENT`] of the native token and of [`USD`]; Liquidity
	/// Networks have 5 blocks to repay once ended.
	fn default() -> Self {
		Self { balances: (1..=10).map(|who| (who, ENDOWMENT)).collect(), repay_grace: 5 }
	}
}

impl ExtBuilder {
	/// Endows these accounts, each with the amount of the native token and of [`USD`], instead
	/// of the default ones.
	pub fn with_balances(mut self, balances: Vec<(AccountId, Balance)>) -> Self {
		self.balances = balances;
		self
	}

	/// Sets how long a Liquidity Network has to repay after it ends.
	pub fn with_repay_grace(mut self, repay_grace: BlockNumber) -> Self {
		self.repay_grace = repay_grace;
		self
	}

	/// The test externalities at block 1.
	pub fn build(self) -> sp_io::TestExternalities {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> {
			balances: self.balances.clone(),
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		pallet_assets::GenesisConfig::<Test> {
			assets: vec![(USD, NET_MANAGER, true, 1)],
			accounts: self.balances.iter().map(|(who, amount)| (USD, *who, *amount)).collect(),
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		let repay_grace = self.repay_grace;
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| {
			System::set_block_number(1);
			MarketParams::put(ProtocolParams {
				max_dam_fee: Perbill::from_percent(20),
				max_operator_commission: Perbill::from_percent(50),
				withdrawal_delay: 5,
				commitment_delay: 5,
				min_dispute_window: 3,
				max_dispute_window: 20,
				resolution_period: 5,
				min_penalty: Perbill::from_rational(1u32, 1_000u32),
				fee_increase_delay: 5,
				repay_grace,
				blocks_per_day: 100,
			});
			MarketWhitelist::insert(NativeOrWithId::Native, ());
			MarketWhitelist::insert(usd(), ());
		});
		// Part of the genesis state: the benchmarks' storage rolls back to it.
		ext.commit_all().expect("the set-up commits");
		ext
	}

	/// Runs `test`, then checks every invariant of the vaults pallet.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			Vaults::do_try_state().expect("the vault invariants hold");
		});
	}
}

/// The events the vaults pallet emitted, oldest first.
pub fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::Vaults(e) = r.event { Some(e) } else { None })
		.collect()
}

/// Moves to block `n`.
pub fn run_to_block(n: BlockNumber) {
	System::set_block_number(n);
}

/// What `who` holds of [`USD`].
pub fn usd_balance(who: AccountId) -> Balance {
	<AllAssets as fungibles::Inspect<_>>::balance(usd(), &who)
}

/// What `who` holds of the native token.
pub fn native_balance(who: AccountId) -> Balance {
	<Balances as fungible::Inspect<_>>::balance(&who)
}
