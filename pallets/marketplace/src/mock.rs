//! A test runtime with balances, assets and the marketplace.

use crate as pallet_marketplace;
use crate::*;
use core::cell::RefCell;
use frame_support::{
	derive_impl, parameter_types,
	traits::{
		fungible::{NativeFromLeft, NativeOrWithId, UnionOf},
		AsEnsureOriginWithArg, ConstU128, ConstU32,
	},
};
use frame_system::{EnsureRoot, EnsureSigned};
use polkadot_sdk::{
	pallet_assets, pallet_balances, sp_io,
	sp_runtime::{BuildStorage, DispatchResult},
};
use std::collections::BTreeSet;

pub type AccountId = u64;
pub type Balance = u128;
pub type AssetKind = NativeOrWithId<u32>;
type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Assets: pallet_assets,
		Marketplace: pallet_marketplace,
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

thread_local! {
	/// Operators the mock DAM pallet reports as assigned.
	pub static ASSIGNED: RefCell<BTreeSet<AccountId>> = const { RefCell::new(BTreeSet::new()) };
	/// Installations the marketplace told the DAM pallet to drop.
	pub static DROPPED: RefCell<Vec<(NetworkId, DamId)>> = const { RefCell::new(Vec::new()) };
}

/// Stands in for the DAM pallet.
pub struct MockDams;
impl DamInterface<AccountId> for MockDams {
	fn has_assignments(operator: &AccountId) -> bool {
		ASSIGNED.with(|a| a.borrow().contains(operator))
	}
	fn on_installation_dropped(network: NetworkId, dam: DamId) -> DispatchResult {
		DROPPED.with(|d| d.borrow_mut().push((network, dam)));
		Ok(())
	}
}

parameter_types! {
	pub const NetworkDepositBase: Balance = 100;
	pub const OperatorDepositBase: Balance = 50;
	pub const DepositPerByte: Balance = 1;
}

impl Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type AssetKind = AssetKind;
	type Assets = UnionOf<Balances, Assets, NativeFromLeft, AssetKind, AccountId>;
	type WhitelistOrigin = EnsureRoot<AccountId>;
	type ParamsOrigin = EnsureRoot<AccountId>;
	type Dams = MockDams;
	type InstallationGate = ();
	type EventListeners = ();
	type StringLimit = ConstU32<32>;
	type RewardSymbolLimit = ConstU32<16>;
	type NetworkDepositBase = NetworkDepositBase;
	type OperatorDepositBase = OperatorDepositBase;
	type DepositPerByte = DepositPerByte;
	type MaxOperatorsPerNetwork = ConstU32<8>;
	type WeightInfo = crate::weights::SubstrateWeight<Test>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBenchmarkHelper;
}

/// Gives the benchmarks' test suite an existing asset.
#[cfg(feature = "runtime-benchmarks")]
pub struct MockBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AssetKind> for MockBenchmarkHelper {
	fn asset() -> AssetKind {
		usd()
	}
}

pub const MANAGER: AccountId = 1;
pub const OPERATOR: AccountId = 2;
pub const SAFE: AccountId = 3;
pub const STRANGER: AccountId = 4;
pub const RESOLVER: AccountId = 5;
/// A `pallet-assets` asset that exists and is whitelisted.
pub const USD: u32 = 7;
/// A `pallet-assets` asset that exists and is not whitelisted.
pub const OTHER: u32 = 8;
pub const ENDOWMENT: Balance = 1_000_000;

pub fn usd() -> AssetKind {
	NativeOrWithId::WithId(USD)
}

pub struct ExtBuilder;

impl ExtBuilder {
	pub fn build() -> sp_io::TestExternalities {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> {
			balances: (1..=10).map(|who| (who, ENDOWMENT)).collect(),
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		pallet_assets::GenesisConfig::<Test> {
			assets: vec![(USD, MANAGER, true, 1), (OTHER, MANAGER, true, 1)],
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		pallet_marketplace::GenesisConfig::<Test> {
			params: Some(ProtocolParams {
				max_dam_fee: polkadot_sdk::sp_runtime::Perbill::from_percent(20),
				max_operator_commission: polkadot_sdk::sp_runtime::Perbill::from_percent(50),
				withdrawal_delay: 5,
				commitment_delay: 5,
				min_dispute_window: 3,
				max_dispute_window: 20,
				resolution_period: 5,
				min_penalty: polkadot_sdk::sp_runtime::Perbill::from_rational(1u32, 1_000u32),
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
			ASSIGNED.with(|a| a.borrow_mut().clear());
			DROPPED.with(|d| d.borrow_mut().clear());
		});
		ext
	}

	/// Runs `test`, then checks every invariant of the marketplace.
	pub fn build_and_execute(test: impl FnOnce()) {
		Self::build().execute_with(|| {
			test();
			Marketplace::do_try_state().expect("the marketplace invariants hold");
		});
	}
}

/// The events the marketplace emitted, oldest first.
pub fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::Marketplace(e) = r.event { Some(e) } else { None })
		.collect()
}

pub fn run_to_block(n: u64) {
	System::set_block_number(n);
}
