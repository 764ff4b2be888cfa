//! The test runtime of the five Nektar pallets together, with balances and assets, and the
//! fixtures the flows share.

use crate::*;
use frame_support::{
	assert_ok, derive_impl, parameter_types,
	traits::{
		fungible::{NativeFromLeft, NativeOrWithId, UnionOf},
		AsEnsureOriginWithArg, ConstU128, ConstU32,
	},
	PalletId,
};
use frame_system::{EnsureRoot, EnsureSigned};
use pallet_dam::*;
use pallet_marketplace::{NetworkTerms, PenaltyDestination, PenaltyTerms};
use polkadot_sdk::{
	pallet_assets, pallet_balances, sp_io,
	sp_runtime::{traits::Convert, BuildStorage, FixedU128, Perbill},
};

/// Wide enough that every pallet sub-account (a DAM's, the vaults') is distinct.
pub type AccountId = u128;
pub type Balance = u128;
pub type AssetKind = NativeOrWithId<u32>;
type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Assets: pallet_assets,
		Marketplace: pallet_marketplace,
		Dam: pallet_dam,
		Vaults: pallet_vaults,
		Rewards: pallet_rewards,
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
	type ExistentialDeposit = ExistentialDeposit;
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

impl pallet_marketplace::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type AssetKind = AssetKind;
	type Assets = AllAssets;
	type WhitelistOrigin = EnsureRoot<AccountId>;
	type ParamsOrigin = EnsureRoot<AccountId>;
	type Dams = Dam;
	type InstallationGate = ();
	type EventListeners = Rewards;
	type StringLimit = ConstU32<32>;
	type RewardSymbolLimit = ConstU32<32>;
	type NetworkDepositBase = ConstU128<100>;
	type OperatorDepositBase = ConstU128<50>;
	type DepositPerByte = ConstU128<1>;
	type MaxOperatorsPerNetwork = ConstU32<8>;
	type WeightInfo = pallet_marketplace::weights::SubstrateWeight<Test>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBenchmarkHelper;
}

parameter_types! {
	pub const DamPalletId: PalletId = PalletId(*b"nek/dams");
	pub const VaultsPalletId: PalletId = PalletId(*b"nek/vlts");
	pub const RewardsPalletId: PalletId = PalletId(*b"nek/rwds");
}

/// Where executed penalties go unless a Network names its safe.
pub const TREASURY: AccountId = 98;

parameter_types! {
	/// The native existential deposit; a test may raise it before it creates accounts.
	pub static ExistentialDeposit: Balance = 1;
	pub const Treasury: AccountId = TREASURY;
	pub const NativeAsset: AssetKind = NativeOrWithId::Native;
}

impl pallet_slashing::Config for Test {
	type Balance = Balance;
	type AssetKind = AssetKind;
	type Marketplace = Marketplace;
	type Dams = Dam;
	type Vaults = Vaults;
	type GovernanceOrigin = EnsureRoot<AccountId>;
	type Treasury = Treasury;
	type MaxReasonLength = ConstU32<32>;
	type MaxOpenPenalties = <Test as pallet_dam::Config>::MaxInstallationsPerDam;
	type MaxHistory = ConstU32<3>;
	type WeightInfo = ();
}

/// Synthetic reward tokens take ids from here up, one per Network.
pub const SYNTHETIC_BASE: u32 = 1_000_000;

/// The synthetic token of each Network.
pub struct SyntheticIds;
impl Convert<NetworkId, u32> for SyntheticIds {
	fn convert(network: NetworkId) -> u32 {
		SYNTHETIC_BASE + network
	}
}

/// A license collection of the tests: its owner, its supply, and each minted item's owner.
pub type Collection = (AccountId, u32, Vec<(u32, AccountId)>);

thread_local! {
	/// The license collections, by id.
	pub static NFTS: core::cell::RefCell<Vec<Collection>> =
		const { core::cell::RefCell::new(Vec::new()) };
}

/// License NFTs for the tests: collections in memory, each deposit 10 plus 1 per item.
pub struct MockNfts;
impl pallet_rewards::LicenseNfts<AccountId, Balance> for MockNfts {
	type CollectionId = u32;
	fn deposit(supply: u32) -> Balance {
		10 + supply as Balance
	}
	fn create(
		owner: &AccountId,
		supply: u32,
		_transferable: bool,
	) -> Result<u32, polkadot_sdk::sp_runtime::DispatchError> {
		Ok(NFTS.with(|c| {
			let mut c = c.borrow_mut();
			c.push((*owner, supply, Vec::new()));
			c.len() as u32 - 1
		}))
	}
	fn mint(
		collection: u32,
		item: u32,
		to: &AccountId,
	) -> polkadot_sdk::sp_runtime::DispatchResult {
		NFTS.with(|c| {
			let mut c = c.borrow_mut();
			let (_, supply, items) = c.get_mut(collection as usize).ok_or("no collection")?;
			if items.len() as u32 >= *supply || items.iter().any(|(i, _)| *i == item) {
				return Err("cannot mint".into());
			}
			items.push((item, *to));
			Ok(())
		})
	}
}

/// Who holds item `item` of license collection `collection`.
pub fn nft_owner(collection: u32, item: u32) -> Option<AccountId> {
	NFTS.with(|c| {
		c.borrow()
			.get(collection as usize)
			.and_then(|(_, _, items)| items.iter().find(|(i, _)| *i == item).map(|(_, o)| *o))
	})
}

/// Every test asset has 12 decimals.
pub struct TwelveDecimals;
impl Convert<AssetKind, u8> for TwelveDecimals {
	fn convert(_: AssetKind) -> u8 {
		12
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

impl pallet_rewards::Config for Test {
	type Balance = Balance;
	type AssetKind = AssetKind;
	type Assets = AllAssets;
	type Currency = Balances;
	type TokenId = u32;
	type SyntheticAssets = Assets;
	type TokenIdOf = SyntheticIds;
	type Decimals = TwelveDecimals;
	type Symbol = AssetSymbols;
	type TokenStringLimit = ConstU32<50>;
	type Marketplace = Marketplace;
	type Dams = Dam;
	type PalletId = RewardsPalletId;
	type LicenseNfts = MockNfts;
	type MaxLicenses = ConstU32<4>;
	type MaxRewardTokens = ConstU32<MAX_TOKENS>;
	type MaxProgramsPerNetwork = ConstU32<4>;
	type MaxBookings = ConstU32<8>;
	type MaxClaimDams = ConstU32<4>;
	type WeightInfo = ();
}

impl pallet_vaults::Config for Test {
	type Balance = Balance;
	type AssetKind = AssetKind;
	type Assets = AllAssets;
	type Marketplace = Marketplace;
	type Dams = Dam;
	type PalletId = VaultsPalletId;
	type MaxCreditors = ConstU32<4>;
	type MaxLoansPerDam = <Test as pallet_dam::Config>::MaxInstallationsPerDam;
	type WeightInfo = ();
}

impl pallet_dam::Config for Test {
	type GovernanceOrigin = EnsureRoot<AccountId>;
	type Treasury = Treasury;
	type Balance = Balance;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type AssetKind = AssetKind;
	type NativeAsset = NativeAsset;
	type Assets = AllAssets;
	type Marketplace = Marketplace;
	type Vaults = Vaults;
	type ShareListeners = Rewards;
	type LicenseSeller = Rewards;
	type PalletId = DamPalletId;
	type VirtualShares = ConstU128<1_000>;
	type VirtualAssets = ConstU128<1>;
	type MaxInstallationsPerDam = ConstU32<4>;
	type MaxOperatorsPerDam = ConstU32<3>;
	type MaxAllowListLength = ConstU32<8>;
	type MinimumShares = ConstU128<1_000>;
	type MaxPendingWithdrawals = ConstU32<3>;
	type StringLimit = ConstU32<32>;
	type DamDepositBase = ConstU128<200>;
	type DepositPerByte = ConstU128<1>;
	type WeightInfo = pallet_dam::weights::SubstrateWeight<Test>;
}

/// Names the asset of the benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct MockBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_marketplace::BenchmarkHelper<AssetKind> for MockBenchmarkHelper {
	fn asset() -> AssetKind {
		usd()
	}
}

/// Manages the Networks.
pub const NET_MANAGER: AccountId = 1;
/// Manages the DAMs and runs them as an independent Operator.
pub const MANAGER: AccountId = 2;
/// An Operator that joins DAMs by invitation.
pub const AFFILIATE: AccountId = 3;
pub const ALICE: AccountId = 10;
pub const BOB: AccountId = 11;
pub const CHARLIE: AccountId = 12;
pub const STRANGER: AccountId = 99;
/// The most reward tokens a DAM may track, and the `reward_tokens` witness the tests send.
pub const MAX_TOKENS: u32 = 6;
/// The deposit asset of the tests.
pub const USD: u32 = 7;
pub const ENDOWMENT: Balance = 1_000_000_000;

/// The `max_fee` of deposits that accept whatever fee the DAM charges.
pub const ANY_FEE: Perbill = Perbill::from_percent(100);

pub fn usd() -> AssetKind {
	NativeOrWithId::WithId(USD)
}

/// Builds the state every test starts from: accounts 1 to 30 and the stranger endowed with the
/// native token and USD, the test protocol parameters, and block 1.
#[derive(Default)]
pub struct ExtBuilder {
	existential_deposit: Option<Balance>,
}

impl ExtBuilder {
	/// Raises the native existential deposit from 1 once genesis is built, before the test
	/// creates any account.
	pub fn existential_deposit(mut self, deposit: Balance) -> Self {
		self.existential_deposit = Some(deposit);
		self
	}

	pub fn build(self) -> sp_io::TestExternalities {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		let accounts: Vec<AccountId> = (1..=30).chain([STRANGER]).collect();
		pallet_balances::GenesisConfig::<Test> {
			balances: accounts.iter().map(|who| (*who, ENDOWMENT)).collect(),
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		pallet_assets::GenesisConfig::<Test> {
			assets: vec![(USD, NET_MANAGER, true, 1)],
			accounts: accounts.iter().map(|who| (USD, *who, ENDOWMENT)).collect(),
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		pallet_marketplace::GenesisConfig::<Test> {
			params: Some(nektar_primitives::ProtocolParams {
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
			}),
			whitelisted_assets: vec![NativeOrWithId::Native, usd()],
			networks: vec![],
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| {
			System::set_block_number(1);
			ExistentialDeposit::set(self.existential_deposit.unwrap_or(1));
		});
		ext
	}

	/// Runs `test`, then checks the invariants of all five pallets.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			check_invariants();
			ExistentialDeposit::set(1);
		});
	}
}

pub fn check_invariants() {
	Dam::do_try_state().expect("the DAM invariants hold");
	Vaults::do_try_state().expect("the vault invariants hold");
	Marketplace::do_try_state().expect("the marketplace invariants hold");
	Rewards::do_try_state().expect("the reward invariants hold");
	Slashing::do_try_state().expect("the slashing invariants hold");
}

/// The events the DAM pallet emitted, oldest first.
pub fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::Dam(e) = r.event { Some(e) } else { None })
		.collect()
}

/// A DAM configuration with no fee, mutable roles and transferable shares.
pub fn config(kind: NetworkKind) -> DamConfigOf<Test> {
	DamConfig {
		kind,
		deposit_asset: usd(),
		fee: Perbill::zero(),
		fee_mutable: true,
		gatekeeper: None,
		gatekeeper_mutable: true,
		catalyst: None,
		catalyst_mutable: true,
		receipt_transferable: true,
		allow_list: false,
		independent_operator: true,
	}
}

pub fn register_operator(who: AccountId) {
	assert_ok!(Marketplace::register_operator(RuntimeOrigin::signed(who), b"Op".to_vec(), vec![]));
}

/// Creates a DAM by [`MANAGER`], a registered Operator, with `config`.
pub fn create(config: DamConfigOf<Test>) -> DamId {
	if config.independent_operator && !pallet_marketplace::Operators::<Test>::contains_key(MANAGER)
	{
		register_operator(MANAGER);
	}
	let id = NextDamId::<Test>::get();
	assert_ok!(Dam::create_dam(
		RuntimeOrigin::signed(MANAGER),
		config,
		b"Dam".to_vec(),
		b"deUSD".to_vec(),
		vec![],
		vec![],
		vec![],
	));
	id
}

/// Registers and whitelists a Network of `kind` asking for up to `amount_requested`, running
/// 1,000 blocks.
pub fn live_network(kind: NetworkKind, amount_requested: Balance) -> NetworkId {
	live_network_for(kind, amount_requested, 1_000)
}

/// Registers and whitelists a Network of `kind` asking for up to `amount_requested`, running
/// `duration` blocks.
pub fn live_network_for(kind: NetworkKind, amount_requested: Balance, duration: u64) -> NetworkId {
	whitelisted(terms(kind, amount_requested, duration))
}

/// The terms of a test Network of `kind`: it pays 1% of exposure a day to delegators and 10 a
/// day to its operator, in the native token.
pub fn terms(
	kind: NetworkKind,
	amount_requested: Balance,
	duration: u64,
) -> NetworkTerms<AccountId, AssetKind, Balance, u64> {
	let (lock_period, safe, penalty, return_bond) = match kind {
		NetworkKind::Liquidity => (Some(10), Some(STRANGER), None, Some(500)),
		NetworkKind::Growth => (Some(10), None, None, None),
		NetworkKind::Collateral => (
			None,
			None,
			Some(PenaltyTerms {
				max_penalty: Perbill::from_percent(10),
				dispute_window: 3,
				resolver: None,
				destination: PenaltyDestination::Treasury,
			}),
			None,
		),
	};
	NetworkTerms {
		kind,
		deposit_asset: usd(),
		min_allocation: 100,
		amount_requested,
		operators_requested: 4,
		duration,
		lock_period,
		safe,
		reward_asset: NativeOrWithId::Native,
		delegator_rate: FixedU128::from_rational(1, 100),
		operator_rate: 10,
		operator_commission: Perbill::zero(),
		penalty,
		return_bond,
	}
}

/// Registers a Network with `terms` and whitelists it.
pub fn whitelisted(terms: NetworkTerms<AccountId, AssetKind, Balance, u64>) -> NetworkId {
	let id = pallet_marketplace::NextNetworkId::<Test>::get();
	assert_ok!(Marketplace::register_network(
		RuntimeOrigin::signed(NET_MANAGER),
		terms,
		b"Net".to_vec(),
		vec![],
		vec![],
		b"rNET".to_vec(),
	));
	assert_ok!(Marketplace::whitelist_network(RuntimeOrigin::root(), id));
	id
}

/// A Growth DAM installed into a live Growth Network whose program holds 1,000,000, with
/// deposits of 100,000 by [`ALICE`] and by [`BOB`] and nothing allocated yet.
pub fn funded_growth_dam() -> (DamId, NetworkId) {
	let dam = create(config(NetworkKind::Growth));
	let network = live_network(NetworkKind::Growth, 1_000_000);
	install(dam, network);
	assert_ok!(Rewards::fund_rewards(RuntimeOrigin::signed(NET_MANAGER), network, 1_000_000));
	assert_ok!(Dam::deposit(RuntimeOrigin::signed(ALICE), dam, 100_000, ANY_FEE, MAX_TOKENS));
	assert_ok!(Dam::deposit(RuntimeOrigin::signed(BOB), dam, 100_000, ANY_FEE, MAX_TOKENS));
	(dam, network)
}

/// Installs `network` into `dam`, run by [`MANAGER`], and confirms it.
pub fn install(dam: DamId, network: NetworkId) {
	assert_ok!(Dam::request_installation(RuntimeOrigin::signed(MANAGER), dam, network, MANAGER));
	assert_ok!(Marketplace::confirm_installation(
		RuntimeOrigin::signed(NET_MANAGER),
		network,
		dam,
		None
	));
}

/// Moves past the end of `network`'s duration and ends it.
pub fn end_network(network: NetworkId) {
	let ends_at = pallet_marketplace::Networks::<Test>::get(network)
		.and_then(|n| n.live_since.map(|since| since + n.terms.duration))
		.expect("the Network is live");
	if System::block_number() < ends_at {
		run_to_block(ends_at);
	}
	assert_ok!(Marketplace::end_network(RuntimeOrigin::signed(STRANGER), network));
}

pub fn run_to_block(n: u64) {
	System::set_block_number(n);
}

pub fn usd_balance(who: AccountId) -> Balance {
	Assets::balance(USD, who)
}

/// The storage root now, to show that a failed call changed nothing.
pub fn state_root() -> Vec<u8> {
	sp_io::storage::root(polkadot_sdk::sp_runtime::StateVersion::V1)
}

/// The vaults' account.
pub fn vault_account() -> AccountId {
	pallet_vaults::Pallet::<Test>::account()
}

/// A DAM of `kind` with a live Network of the same kind installed, and deposits of 1,000 by
/// [`ALICE`] and [`BOB`]. The Network locks vaults for 10 blocks, runs 1,000 blocks from block
/// 1, and (Liquidity) pays [`STRANGER`], its safe, with a return bond of 500.
pub fn funded_installation(kind: NetworkKind) -> (DamId, NetworkId) {
	let dam = create(config(kind));
	let network = live_network(kind, 1_000_000);
	install(dam, network);
	assert_ok!(Dam::deposit(RuntimeOrigin::signed(ALICE), dam, 1_000, ANY_FEE, MAX_TOKENS));
	assert_ok!(Dam::deposit(RuntimeOrigin::signed(BOB), dam, 1_000, ANY_FEE, MAX_TOKENS));
	(dam, network)
}

/// The events the vaults pallet emitted, oldest first.
pub fn vault_events() -> Vec<pallet_vaults::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::Vaults(e) = r.event { Some(e) } else { None })
		.collect()
}
