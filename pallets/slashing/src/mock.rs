//! A test runtime with balances, assets and the slashing pallet. The marketplace, the DAM
//! pallet and the vaults are doubles ([`MockMarketplace`], [`MockDams`], [`MockVaults`]) that
//! keep their state in storage: each test starts from its own, and a benchmark's set-up is
//! rolled back with the rest of its storage.

use crate as pallet_slashing;
use crate::*;
use alloc::vec::Vec;
use codec::{Decode, Encode};
use frame_support::{
	derive_impl, ensure,
	pallet_prelude::ValueQuery,
	parameter_types,
	traits::{
		fungible::{NativeFromLeft, NativeOrWithId, UnionOf},
		fungibles::{self, Inspect as _},
		tokens::Preservation,
		AsEnsureOriginWithArg, ConstU128, ConstU32,
	},
	weights::Weight,
	Twox64Concat,
};
use frame_system::{EnsureRoot, EnsureSigned};
use nektar_primitives::{
	InstallationStatus, InstallationView, NetworkKind, NetworkStatus, NetworkView, PenaltyView,
	ProtocolParams, VaultId, VaultKind,
};
use polkadot_sdk::{
	pallet_assets, pallet_balances, sp_io,
	sp_runtime::{
		traits::{Saturating, Zero},
		BuildStorage, DispatchError, DispatchResult, FixedU128, Perbill, Permill,
	},
};

pub type AccountId = u64;
pub type Balance = u128;
pub type BlockNumber = u64;
pub type AssetKind = NativeOrWithId<u32>;
type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Assets: pallet_assets,
		Slashing: pallet_slashing,
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
	pub const Treasury: AccountId = TREASURY;
}

impl Config for Test {
	type Balance = Balance;
	type AssetKind = AssetKind;
	type Marketplace = MockMarketplace;
	type Dams = MockDams;
	type Vaults = MockVaults;
	type GovernanceOrigin = EnsureRoot<AccountId>;
	type Treasury = Treasury;
	type MaxReasonLength = ConstU32<16>;
	type MaxOpenPenalties = ConstU32<3>;
	type MaxHistory = ConstU32<2>;
	type WeightInfo = ();
}

/// Manages the test Networks.
pub const NET_MANAGER: AccountId = 1;
/// Manages the test DAMs.
pub const DAM_MANAGER: AccountId = 2;
/// Runs the test installations.
pub const OPERATOR: AccountId = 3;
/// The resolver the test Networks name.
pub const RESOLVER: AccountId = 4;
/// A Network's safe.
pub const SAFE: AccountId = 5;
/// Has no role anywhere.
pub const STRANGER: AccountId = 6;
/// Deposits into the test DAMs.
pub const DELEGATOR: AccountId = 7;
/// A safe without a native balance: it cannot take USD, which is not a sufficient asset.
pub const EMPTY_SAFE: AccountId = 8;
/// Where executed penalties go unless a Network names its safe.
pub const TREASURY: AccountId = 98;
/// The account of the vaults.
pub const VAULTS: AccountId = 99;
/// DAM `d` holds its assets in account `DAM_ACCOUNTS + d`.
pub const DAM_ACCOUNTS: AccountId = 1_000;
/// Network `n` of [`MarketplaceInspect::benchmark_network`] is managed by `NETWORK_MANAGERS + n`.
#[cfg(feature = "runtime-benchmarks")]
pub const NETWORK_MANAGERS: AccountId = 2_000;
/// The deposit asset of the tests: a `pallet-assets` asset that is not sufficient.
pub const USD: u32 = 7;
/// What each default account holds of the native token and of USD.
pub const ENDOWMENT: Balance = 1_000_000_000;
/// How long the test Networks run once live.
pub const DURATION: BlockNumber = 1_000;

/// USD as an asset kind.
pub fn usd() -> AssetKind {
	NativeOrWithId::WithId(USD)
}

/// The USD balance of `who`.
pub fn usd_balance(who: AccountId) -> Balance {
	Assets::balance(USD, who)
}

/// The protocol parameters of the tests: a 3 to 20 block dispute window, 5 blocks to resolve a
/// dispute after it, and a minimum penalty of 0.1% of the slashable exposure.
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

/// A Network as the marketplace shows it.
pub type TestNetwork = NetworkView<AccountId, AssetKind, Balance, BlockNumber>;
/// An installation as the marketplace shows it.
pub type TestInstallation = InstallationView<AccountId, Balance, BlockNumber>;
/// The penalty terms of a Collateral Network as the marketplace shows them.
pub type TestTerms = PenaltyView<AccountId, BlockNumber>;

/// The Networks of the marketplace, with the status they were given: [`MockMarketplace`] reads
/// `Ended` once their duration has passed, as the marketplace does.
#[frame_support::storage_alias]
pub type MarketNetworks = StorageMap<MockMarketplace, Twox64Concat, NetworkId, TestNetwork>;

/// The id the next Network of the marketplace gets.
#[frame_support::storage_alias]
pub type NextNetworkId = StorageValue<MockMarketplace, NetworkId, ValueQuery>;

/// The penalty terms of the Collateral Networks.
#[frame_support::storage_alias]
pub type MarketPenaltyTerms = StorageMap<MockMarketplace, Twox64Concat, NetworkId, TestTerms>;

/// The installations of the marketplace, by Network and DAM. A lowered commitment stays
/// slashable at its former value until `held_until`; [`MockMarketplace`] drops the hold once
/// it has passed, as the marketplace does.
#[frame_support::storage_alias]
pub type MarketInstallations = StorageDoubleMap<
	MockMarketplace,
	Twox64Concat,
	NetworkId,
	Twox64Concat,
	DamId,
	TestInstallation,
>;

/// The protocol parameters in force.
#[frame_support::storage_alias]
pub type MarketParams = StorageValue<MockMarketplace, ProtocolParams<BlockNumber>>;

/// The registered Operators.
#[frame_support::storage_alias]
pub type MarketOperators = StorageMap<MockMarketplace, Twox64Concat, AccountId, ()>;

/// The whitelisted assets.
#[frame_support::storage_alias]
pub type MarketAssets = StorageMap<MockMarketplace, Twox64Concat, AssetKind, ()>;

/// Stands in for the marketplace: Networks, their penalty terms, installations with their
/// slashable exposure, the protocol parameters and Operators, all in storage.
pub struct MockMarketplace;

impl MockMarketplace {
	/// A live Network of `kind` managed by `manager`, asking for USD: live since now for
	/// [`DURATION`] blocks, at least 100 and at most 1,000,000 from up to 8 installations.
	pub fn view(manager: AccountId, kind: NetworkKind) -> TestNetwork {
		NetworkView {
			manager,
			kind,
			status: NetworkStatus::Live,
			deposit_asset: usd(),
			min_allocation: 100,
			amount_requested: 1_000_000,
			operators_requested: 8,
			total_exposure: 0,
			live_since: Some(System::block_number()),
			duration: DURATION,
			lock_period: None,
			safe: None,
			bond: 0,
			reward_asset: NativeOrWithId::Native,
			delegator_rate: FixedU128::from_rational(1, 100),
			operator_rate: 10,
			operator_commission: Perbill::zero(),
		}
	}

	/// Adds a Network shown as `view`, with penalty terms `terms`; returns its id.
	pub fn add_network(view: TestNetwork, terms: Option<TestTerms>) -> NetworkId {
		let id = NextNetworkId::get();
		NextNetworkId::put(id + 1);
		MarketNetworks::insert(id, view);
		if let Some(terms) = terms {
			MarketPenaltyTerms::insert(id, terms);
		}
		id
	}

	/// Gives a Network another status.
	pub fn set_status(network: NetworkId, status: NetworkStatus) {
		MarketNetworks::mutate(network, |view| {
			view.as_mut().expect("the Network exists").status = status
		});
	}

	/// Records a request of `dam` to install `network`, run by `operator`.
	pub fn request_installation(network: NetworkId, dam: DamId, operator: AccountId) {
		assert!(MarketNetworks::contains_key(network), "the Network exists");
		assert!(!MarketInstallations::contains_key(network, dam), "not installed yet");
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
	}

	/// Confirms a requested installation, accepting up to the Network's `amount_requested`.
	pub fn confirm(network: NetworkId, dam: DamId) {
		let cap = MarketNetworks::get(network).expect("the Network exists").amount_requested;
		MarketInstallations::mutate(network, dam, |maybe| {
			let installation = maybe.as_mut().expect("a requested installation");
			assert_eq!(installation.status, InstallationStatus::Requested, "a requested one");
			installation.status = InstallationStatus::Active;
			installation.max_exposure = cap;
		});
	}

	/// Sets the commitment of an active installation. A lowered commitment stays slashable at
	/// its highest recent value for `commitment_delay` blocks.
	pub fn set_commitment(network: NetworkId, dam: DamId, commitment: Balance) {
		let mut installation = Self::installation(network, dam).expect("the installation exists");
		assert_eq!(installation.status, InstallationStatus::Active, "an active installation");
		assert!(commitment <= installation.max_exposure, "within the installation's maximum");
		if commitment < installation.exposure {
			// The slashable exposure, at least the former commitment, is held.
			let now = System::block_number();
			installation.held_until = Some(now + Self::params().commitment_delay);
		} else if installation.held_until.is_some() {
			installation.slashable_exposure = installation.slashable_exposure.max(commitment);
		} else {
			installation.slashable_exposure = commitment;
		}
		installation.exposure = commitment;
		MarketInstallations::insert(network, dam, installation);
		MarketNetworks::mutate(network, |view| {
			let view = view.as_mut().expect("the Network exists");
			view.total_exposure =
				MarketInstallations::iter_prefix_values(network).map(|i| i.exposure).sum();
		});
	}
}

impl MarketplaceInspect for MockMarketplace {
	type AccountId = AccountId;
	type AssetKind = AssetKind;
	type Balance = Balance;
	type BlockNumber = BlockNumber;

	fn network(network: NetworkId) -> Option<TestNetwork> {
		let now = System::block_number();
		MarketNetworks::get(network).map(|mut view| {
			// Time, not status, decides whether a Network is over.
			if matches!(view.status, NetworkStatus::Live | NetworkStatus::Suspended)
				&& view.ends_at().is_some_and(|end| now >= end)
			{
				view.status = NetworkStatus::Ended;
			}
			view
		})
	}

	/// The double keeps no metadata: no Network has a reward token here.
	fn reward_token_metadata(_: NetworkId) -> Option<(Vec<u8>, Vec<u8>)> {
		None
	}

	fn penalty_terms(network: NetworkId) -> Option<TestTerms> {
		MarketPenaltyTerms::get(network)
	}

	fn params() -> ProtocolParams<BlockNumber> {
		MarketParams::get().expect("the test externalities set the protocol parameters")
	}

	fn is_operator(who: &AccountId) -> bool {
		MarketOperators::contains_key(who)
	}

	fn is_asset_whitelisted(asset: &AssetKind) -> bool {
		MarketAssets::contains_key(asset)
	}

	fn installation(network: NetworkId, dam: DamId) -> Option<TestInstallation> {
		let now = System::block_number();
		MarketInstallations::get(network, dam).map(|mut installation| {
			if installation.held_until.is_some_and(|until| now >= until) {
				installation.held_until = None;
				installation.slashable_exposure = installation.exposure;
			}
			installation
		})
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_asset() -> AssetKind {
		usd()
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_operator(who: &AccountId) {
		MarketOperators::insert(who, ());
	}

	/// A Network like the marketplace's: managed by `NETWORK_MANAGERS + id`; a Collateral one
	/// penalises up to 10% in the shortest dispute window, with governance resolving and the
	/// treasury taking executed penalties.
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_network(kind: NetworkKind, min_allocation: Balance) -> NetworkId {
		MarketAssets::insert(usd(), ());
		let manager = NETWORK_MANAGERS + AccountId::from(NextNetworkId::get());
		let mut view = Self::view(manager, kind);
		view.min_allocation = min_allocation;
		view.amount_requested = min_allocation.saturating_mul(1_000_000);
		view.reward_asset = usd();
		let terms = (kind == NetworkKind::Collateral).then(|| PenaltyView {
			max_penalty: Perbill::from_percent(10),
			dispute_window: Self::params().min_dispute_window,
			resolver: None,
			safe: None,
		});
		Self::add_network(view, terms)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_confirm(network: NetworkId, dam: DamId) {
		Self::confirm(network, dam)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_end(network: NetworkId) {
		let ends_at = Self::network(network).and_then(|n| n.ends_at()).expect("a live Network");
		if System::block_number() < ends_at {
			System::set_block_number(ends_at);
		}
		Self::set_status(network, NetworkStatus::Ended);
	}
}

/// A DAM as [`MockDams`] keeps it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, Debug)]
pub struct DamRecord {
	/// Liquidity, Growth or Collateral.
	pub kind: NetworkKind,
	/// Its manager.
	pub manager: AccountId,
	/// The one asset it takes.
	pub asset: AssetKind,
	/// The assets on its books, all in its account.
	pub idle: Balance,
	/// What its open penalties took off the books: in dispute vaults.
	pub in_dispute: Balance,
	/// Every share.
	pub total_shares: Balance,
	/// Its open penalties: the dispute vault, the Network and the amount of each.
	pub open: Vec<(VaultId, NetworkId, Balance)>,
}

/// The DAMs.
#[frame_support::storage_alias]
pub type DamRecords = StorageMap<MockDams, Twox64Concat, DamId, DamRecord>;

/// The id the next DAM gets.
#[frame_support::storage_alias]
pub type NextDamId = StorageValue<MockDams, DamId, ValueQuery>;

/// The shares each holder holds of each DAM.
#[frame_support::storage_alias]
pub type DamShares =
	StorageDoubleMap<MockDams, Twox64Concat, DamId, Twox64Concat, AccountId, Balance, ValueQuery>;

/// What [`MockDams::deposit`] fails with while a penalty is open.
pub const DEPOSITS_FROZEN: &str = "deposits wait until the DAM's penalties are resolved";
/// What [`MockDams`] fails with when a penalty is above what its books hold.
pub const INSUFFICIENT_IDLE: &str = "the DAM holds less than the penalty";
/// What [`MockDams`] fails with for a DAM that does not exist.
pub const DAM_NOT_FOUND: &str = "no DAM has this id";
/// What [`MockDams`] fails with for a vault that holds none of its penalties.
pub const UNKNOWN_PENALTY: &str = "the DAM has no open penalty in this vault";

/// Stands in for the DAM pallet: DAMs with their books, shares and open penalties, in storage.
/// A penalty takes its amount off the books at once, through [`MockVaults`], and counts as
/// open until it is restored or executed. Nothing is ever queued for withdrawal or lent, so
/// the books are the value of every share.
pub struct MockDams;

impl MockDams {
	/// Creates a DAM of `kind` managed by `manager` taking `asset`; returns its id.
	pub fn create(kind: NetworkKind, manager: AccountId, asset: AssetKind) -> DamId {
		let id = NextDamId::get();
		NextDamId::put(id + 1);
		// A keyless account exists whatever it holds, as a pallet's account does.
		frame_system::Pallet::<Test>::inc_providers(&Self::account(id));
		DamRecords::insert(
			id,
			DamRecord {
				kind,
				manager,
				asset,
				idle: 0,
				in_dispute: 0,
				total_shares: 0,
				open: Vec::new(),
			},
		);
		id
	}

	/// Deposits `amount` from `who` at the DAM's exchange rate. Deposits wait while a penalty
	/// is open: a deposit at the lowered rate would gain from a later veto.
	pub fn deposit(dam: DamId, who: AccountId, amount: Balance) -> DispatchResult {
		let mut record = DamRecords::get(dam).ok_or(DAM_NOT_FOUND)?;
		ensure!(record.open.is_empty(), DEPOSITS_FROZEN);
		let shares = if record.total_shares.is_zero() || record.idle.is_zero() {
			amount
		} else {
			amount.saturating_mul(record.total_shares) / record.idle
		};
		<AllAssets as fungibles::Mutate<_>>::transfer(
			record.asset.clone(),
			&who,
			&Self::account(dam),
			amount,
			Preservation::Expendable,
		)?;
		record.idle.saturating_accrue(amount);
		record.total_shares.saturating_accrue(shares);
		DamRecords::insert(dam, record);
		DamShares::mutate(dam, who, |held| held.saturating_accrue(shares));
		Ok(())
	}

	/// The DAM, which exists.
	pub fn record(dam: DamId) -> DamRecord {
		DamRecords::get(dam).expect("the DAM exists")
	}

	/// Takes the open penalty held in `vault` off the DAM's list; returns its amount.
	fn close(record: &mut DamRecord, vault: VaultId) -> Result<Balance, DispatchError> {
		let at = record.open.iter().position(|(v, _, _)| *v == vault).ok_or(UNKNOWN_PENALTY)?;
		let (_, _, amount) = record.open.remove(at);
		record.in_dispute.saturating_reduce(amount);
		Ok(amount)
	}

	/// Checks that every DAM's account holds exactly its books, and that what it counts in
	/// dispute is what its open penalties took, each waiting in its dispute vault.
	pub fn check_books() {
		for (id, record) in DamRecords::iter() {
			assert_eq!(
				AllAssets::balance(record.asset.clone(), &Self::account(id)),
				record.idle,
				"DAM {id}'s account holds its books"
			);
			assert_eq!(
				record.open.iter().map(|(_, _, amount)| amount).sum::<Balance>(),
				record.in_dispute,
				"DAM {id} counts in dispute what its open penalties took"
			);
			for (vault, network, amount) in &record.open {
				let held = VaultRecords::get(vault).expect("an open penalty's vault exists");
				assert_eq!(
					(held.kind, held.dam, held.network, held.amount),
					(VaultKind::Dispute, id, *network, *amount),
					"vault {vault} holds DAM {id}'s penalty"
				);
			}
		}
	}
}

impl DamProvider for MockDams {
	type AccountId = AccountId;
	type Balance = Balance;
	type BlockNumber = BlockNumber;

	fn account(dam: DamId) -> AccountId {
		DAM_ACCOUNTS + AccountId::from(dam)
	}

	fn manager(dam: DamId) -> Option<AccountId> {
		DamRecords::get(dam).map(|record| record.manager)
	}

	fn active_shares(dam: DamId) -> nektar_primitives::Shares<Balance> {
		nektar_primitives::Shares(
			DamRecords::get(dam).map(|record| record.total_shares).unwrap_or_default(),
		)
	}

	fn shares(dam: DamId, who: &AccountId) -> nektar_primitives::Shares<Balance> {
		nektar_primitives::Shares(DamShares::get(dam, who))
	}

	fn holders(dam: DamId) -> Vec<AccountId> {
		DamShares::iter_key_prefix(dam).collect()
	}

	/// For Collateral, `min(commitment, active stake)`; with nothing queued for withdrawal the
	/// active stake is the books.
	fn exposure(network: NetworkId, dam: DamId) -> Balance {
		let Some(installation) = MockMarketplace::installation(network, dam) else {
			return 0;
		};
		match DamRecords::get(dam) {
			Some(record) if record.kind == NetworkKind::Collateral => {
				installation.exposure.min(record.idle)
			}
			Some(_) => installation.exposure,
			None => 0,
		}
	}

	fn active_stake(dam: DamId) -> Option<Balance> {
		DamRecords::get(dam)
			.filter(|record| record.kind == NetworkKind::Collateral)
			.map(|record| record.idle)
	}

	/// The double lends nothing.
	fn lent(_: DamId) -> Balance {
		0
	}

	/// Nothing is on loan, so no amount but zero comes back.
	fn on_loan_returned(_: DamId, amount: Balance) -> DispatchResult {
		ensure!(amount.is_zero(), "the DAM lent nothing");
		Ok(())
	}

	/// Nothing is on loan, so no amount but zero is lost.
	fn on_loan_written_off(_: DamId, amount: Balance, _: Balance) -> DispatchResult {
		ensure!(amount.is_zero(), "the DAM lent nothing");
		Ok(())
	}

	fn slash(
		dam: DamId,
		network: NetworkId,
		amount: Balance,
		unlock_at: BlockNumber,
	) -> Result<VaultId, DispatchError> {
		let mut record = DamRecords::get(dam).ok_or(DAM_NOT_FOUND)?;
		ensure!(record.kind == NetworkKind::Collateral, "only a Collateral DAM is slashed");
		ensure!(!amount.is_zero(), "a penalty is not zero");
		ensure!(amount <= record.idle, INSUFFICIENT_IDLE);
		record.idle.saturating_reduce(amount);
		record.in_dispute.saturating_accrue(amount);
		let vault = MockVaults::lock(
			VaultKind::Dispute,
			network,
			dam,
			record.asset.clone(),
			amount,
			&Self::account(dam),
			unlock_at,
		)?;
		record.open.push((vault, network, amount));
		DamRecords::insert(dam, record);
		Ok(vault)
	}

	fn restore(dam: DamId, vault: VaultId, amount: Balance) -> DispatchResult {
		let mut record = DamRecords::get(dam).ok_or(DAM_NOT_FOUND)?;
		Self::close(&mut record, vault)?;
		record.idle.saturating_accrue(amount);
		DamRecords::insert(dam, record);
		Ok(())
	}

	fn penalty_executed(dam: DamId, vault: VaultId) -> DispatchResult {
		let mut record = DamRecords::get(dam).ok_or(DAM_NOT_FOUND)?;
		Self::close(&mut record, vault)?;
		DamRecords::insert(dam, record);
		Ok(())
	}

	/// `min(slashable commitment, slashable stake)`, the stake being the books and what the
	/// open penalties took off them.
	fn slashable_exposure(network: NetworkId, dam: DamId) -> Balance {
		let Some(installation) = MockMarketplace::installation(network, dam) else {
			return 0;
		};
		match DamRecords::get(dam) {
			Some(record) if record.kind == NetworkKind::Collateral => {
				installation.slashable_exposure.min(record.idle.saturating_add(record.in_dispute))
			}
			_ => 0,
		}
	}

	fn open_penalties(dam: DamId) -> u32 {
		DamRecords::get(dam).map(|record| record.open.len() as u32).unwrap_or_default()
	}

	/// No rewards are settled here.
	fn settlement_weight() -> Weight {
		Weight::zero()
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_dam(kind: NetworkKind, operator: &AccountId) -> DamId {
		MockMarketplace::benchmark_operator(operator);
		Self::create(kind, *operator, MockMarketplace::benchmark_asset())
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_deposit(dam: DamId, who: &AccountId, amount: Balance) {
		let asset = Self::record(dam).asset;
		<Balances as frame_support::traits::fungible::Mutate<_>>::mint_into(who, ENDOWMENT)
			.expect("the native token is minted");
		<AllAssets as fungibles::Mutate<_>>::mint_into(asset, who, amount.saturating_mul(2))
			.expect("the asset exists");
		Self::deposit(dam, *who, amount).expect("a funded deposit");
	}

	/// Installs `network`, run by the DAM's manager, has the Network confirm it, and commits
	/// `exposure`: the double installs Collateral DAMs only.
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_install(dam: DamId, network: NetworkId, exposure: Balance) {
		let record = Self::record(dam);
		assert_eq!(record.kind, NetworkKind::Collateral, "the double commits Collateral only");
		MockMarketplace::request_installation(network, dam, record.manager);
		MockMarketplace::benchmark_confirm(network, dam);
		if !exposure.is_zero() {
			MockMarketplace::set_commitment(network, dam, exposure);
		}
	}

	/// Licenses are for Growth DAMs, which the double does not run.
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_buy_license(_: DamId, _: NetworkId) {
		panic!("the DAM double sells no licenses");
	}

	/// Adds `count` holders of one share each, backed by assets minted into the DAM's account
	/// at its exchange rate.
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_holders(dam: DamId, count: u32) -> Vec<AccountId> {
		let mut record = Self::record(dam);
		let holders: Vec<AccountId> = (0..count)
			.map(|index| polkadot_sdk::frame_benchmarking::account("holder", index, dam))
			.collect();
		let value = if record.total_shares.is_zero() {
			Balance::from(count)
		} else {
			Balance::from(count).saturating_mul(record.idle) / record.total_shares
		};
		<AllAssets as fungibles::Mutate<_>>::mint_into(
			record.asset.clone(),
			&Self::account(dam),
			value,
		)
		.expect("the asset exists");
		for holder in &holders {
			DamShares::mutate(dam, holder, |held| held.saturating_inc());
		}
		record.total_shares.saturating_accrue(count.into());
		record.idle.saturating_accrue(value);
		DamRecords::insert(dam, record);
		holders
	}
}

/// A vault as [`MockVaults`] keeps it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, Debug)]
pub struct VaultRecord {
	/// What it holds assets for.
	pub kind: VaultKind,
	/// The Network it is for.
	pub network: NetworkId,
	/// The DAM the assets came from.
	pub dam: DamId,
	/// The asset it holds.
	pub asset: AssetKind,
	/// How much, in the vaults' account.
	pub amount: Balance,
	/// Until when it is locked.
	pub unlock_at: BlockNumber,
}

/// The vaults.
#[frame_support::storage_alias]
pub type VaultRecords = StorageMap<MockVaults, Twox64Concat, VaultId, VaultRecord>;

/// The id the next vault gets.
#[frame_support::storage_alias]
pub type NextVaultId = StorageValue<MockVaults, VaultId, ValueQuery>;

/// What [`MockVaults`] fails with for a vault that does not exist.
pub const VAULT_NOT_FOUND: &str = "no vault has this id";

/// Stands in for the vaults pallet: vaults in storage, their assets in the [`VAULTS`] account.
pub struct MockVaults;

impl MockVaults {
	/// Checks that the vaults' account holds exactly what the vaults hold, in each asset.
	pub fn check_holdings() {
		let mut held: Vec<(AssetKind, Balance)> = Vec::new();
		for vault in VaultRecords::iter_values() {
			match held.iter_mut().find(|(asset, _)| *asset == vault.asset) {
				Some((_, amount)) => amount.saturating_accrue(vault.amount),
				None => held.push((vault.asset, vault.amount)),
			}
		}
		for asset in [NativeOrWithId::Native, usd()] {
			let expected = held.iter().find(|(a, _)| *a == asset).map(|(_, amount)| *amount);
			let expected = expected.unwrap_or_default();
			assert_eq!(
				AllAssets::balance(asset.clone(), &VAULTS),
				expected,
				"the vaults' account holds what the vaults hold of {asset:?}"
			);
		}
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
		ensure!(!amount.is_zero(), "a vault holds something");
		let id = NextVaultId::get();
		// The vaults' account exists whatever it holds, as a pallet's account does.
		if frame_system::Pallet::<Test>::providers(&VAULTS) == 0 {
			frame_system::Pallet::<Test>::inc_providers(&VAULTS);
		}
		<AllAssets as fungibles::Mutate<_>>::transfer(
			asset.clone(),
			from,
			&VAULTS,
			amount,
			Preservation::Expendable,
		)?;
		VaultRecords::insert(id, VaultRecord { kind, network, dam, asset, amount, unlock_at });
		NextVaultId::put(id + 1);
		Ok(id)
	}

	fn open_dispute_vault(vault: VaultId, to: &AccountId) -> Result<Balance, DispatchError> {
		let record = VaultRecords::get(vault).ok_or(VAULT_NOT_FOUND)?;
		ensure!(record.kind == VaultKind::Dispute, "not a dispute vault");
		<AllAssets as fungibles::Mutate<_>>::transfer(
			record.asset,
			&VAULTS,
			to,
			record.amount,
			Preservation::Expendable,
		)?;
		VaultRecords::remove(vault);
		Ok(record.amount)
	}

	/// The double lends nothing.
	fn earliest_loan_end(_: DamId) -> Option<BlockNumber> {
		None
	}

	fn dispute_vaults_of(dam: DamId) -> Vec<(VaultId, NetworkId, Balance)> {
		VaultRecords::iter()
			.filter(|(_, vault)| vault.dam == dam && vault.kind == VaultKind::Dispute)
			.map(|(id, vault)| (id, vault.network, vault.amount))
			.collect()
	}
}

/// Builds the test externalities: endowed accounts, USD, and the protocol parameters.
pub struct ExtBuilder {
	balances: Vec<(AccountId, Balance, Balance)>,
	params: ProtocolParams<BlockNumber>,
}

impl Default for ExtBuilder {
	/// Every named account but [`EMPTY_SAFE`] holds [`ENDOWMENT`] of the native token and of
	/// USD; the protocol parameters are [`default_params`].
	fn default() -> Self {
		let accounts =
			[NET_MANAGER, DAM_MANAGER, OPERATOR, RESOLVER, SAFE, STRANGER, DELEGATOR, TREASURY];
		Self {
			balances: accounts.into_iter().map(|who| (who, ENDOWMENT, ENDOWMENT)).collect(),
			params: default_params(),
		}
	}
}

impl ExtBuilder {
	/// Endows each `(account, native, usd)` instead of the default accounts. USD is not a
	/// sufficient asset: an account holding some needs a native balance too.
	pub fn with_balances(mut self, balances: Vec<(AccountId, Balance, Balance)>) -> Self {
		self.balances = balances;
		self
	}

	/// Puts `params` in force instead of [`default_params`].
	pub fn with_params(mut self, params: ProtocolParams<BlockNumber>) -> Self {
		self.params = params;
		self
	}

	/// The externalities at block 1, with the parameters in force and the native token and
	/// USD whitelisted.
	pub fn build(self) -> sp_io::TestExternalities {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> {
			balances: self
				.balances
				.iter()
				.filter(|(_, native, _)| !native.is_zero())
				.map(|(who, native, _)| (*who, *native))
				.collect(),
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		pallet_assets::GenesisConfig::<Test> {
			assets: vec![(USD, NET_MANAGER, false, 1)],
			accounts: self
				.balances
				.iter()
				.filter(|(_, _, usd)| !usd.is_zero())
				.map(|(who, _, usd)| (USD, *who, *usd))
				.collect(),
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| {
			System::set_block_number(1);
			MarketParams::put(self.params);
			MarketAssets::insert(NativeOrWithId::Native, ());
			MarketAssets::insert(usd(), ());
		});
		ext
	}

	/// Runs `test`, then checks every invariant of the slashing pallet, and that the DAMs'
	/// books and the vaults hold what they account for.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			Slashing::do_try_state().expect("the slashing invariants hold");
			MockDams::check_books();
			MockVaults::check_holdings();
		});
	}
}

/// The events the slashing pallet emitted, oldest first.
pub fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::Slashing(e) = r.event { Some(e) } else { None })
		.collect()
}

/// Moves to block `n`.
pub fn run_to_block(n: BlockNumber) {
	System::set_block_number(n);
}
