//! The Nektar marketplace: Networks, Operators and DAMs.

use crate::*;
use frame_support::{
	parameter_types,
	traits::{
		fungible::{NativeFromLeft, NativeOrWithId, UnionOf},
		ConstU32,
	},
	PalletId,
};
use sp_runtime::traits::{AccountIdConversion, Convert};

use super::governance::GovernanceOrigin;

/// An asset of the marketplace: the native token or a `pallet-assets` asset.
pub type AssetKind = NativeOrWithId<AssetId>;

/// Every fungible asset of the chain behind one `fungibles` interface.
pub type NektarAssets = UnionOf<Balances, Assets, NativeFromLeft, AssetKind, AccountId>;

parameter_types! {
	/// Derives each DAM's keyless account.
	pub const DamPalletId: PalletId = PalletId(*b"nek/dams");
	/// Derives the account that holds every vault's assets.
	pub const VaultsPalletId: PalletId = PalletId(*b"nek/vlts");
	/// Derives the protocol treasury, where executed penalties go unless a Network names its
	/// safe; governance spends from it.
	pub const TreasuryPalletId: PalletId = PalletId(*b"nek/trsy");
	pub TreasuryAccount: AccountId = TreasuryPalletId::get().into_account_truncating();
	/// The account that holds every vault's assets.
	pub VaultsAccount: AccountId = VaultsPalletId::get().into_account_truncating();
	/// Derives each Network's reward escrow.
	pub const RewardsPalletId: PalletId = PalletId(*b"nek/rwds");
	/// The deposit for a Network record with its terms.
	pub const NetworkDepositBase: Balance = deposit(2, 400);
	/// The deposit for an Operator record.
	pub const OperatorDepositBase: Balance = deposit(1, 64);
	/// The deposit for a DAM record.
	pub const DamDepositBase: Balance = deposit(2, 256);
	/// The deposit per byte of metadata.
	pub const MetadataDepositPerByte: Balance = deposit(0, 1);
	/// The virtual shares and assets of every DAM's exchange rate: a first deposit mints
	/// 1,000 shares per unit, and a donation cannot move the rate.
	pub const VirtualShares: Balance = 1_000;
	pub const VirtualAssets: Balance = 1;
	/// The native token as a DAM deposit asset.
	pub const NativeAsset: AssetKind = AssetKind::Native;
	/// The most installations one Network may have, and so the most DAMs it may owe.
	pub const MaxOperatorsPerNetwork: u32 = 100;
}

impl pallet_marketplace::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type AssetKind = AssetKind;
	type Assets = NektarAssets;
	type GovernanceOrigin = GovernanceOrigin;
	type Dams = Dam;
	type EventListeners = Rewards;
	type StringLimit = ConstU32<128>;
	type RewardSymbolLimit = super::monetary::AssetsStringLimit;
	type NetworkDepositBase = NetworkDepositBase;
	type OperatorDepositBase = OperatorDepositBase;
	type DepositPerByte = MetadataDepositPerByte;
	type MaxOperatorsPerNetwork = MaxOperatorsPerNetwork;
	type WeightInfo = pallet_marketplace::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkHelper;
}

impl pallet_dam::Config for Runtime {
	type GovernanceOrigin = GovernanceOrigin;
	type Treasury = TreasuryAccount;
	type Balance = Balance;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type AssetKind = AssetKind;
	type NativeAsset = NativeAsset;
	type Assets = NektarAssets;
	type Marketplace = Marketplace;
	type Vaults = Vaults;
	type ShareListeners = Rewards;
	type LicenseSeller = Rewards;
	type PalletId = DamPalletId;
	type VirtualShares = VirtualShares;
	type VirtualAssets = VirtualAssets;
	type MaxInstallationsPerDam = ConstU32<16>;
	type MaxOperatorsPerDam = ConstU32<32>;
	type MaxAllowListLength = ConstU32<10_000>;
	type MinimumShares = VirtualShares;
	type MaxPendingWithdrawals = ConstU32<16>;
	type StringLimit = ConstU32<128>;
	type DamDepositBase = DamDepositBase;
	type DepositPerByte = MetadataDepositPerByte;
	type WeightInfo = pallet_dam::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkHelper;
}

impl pallet_vaults::Config for Runtime {
	type Balance = Balance;
	type AssetKind = AssetKind;
	type Assets = NektarAssets;
	type Marketplace = Marketplace;
	type Dams = Dam;
	type PalletId = VaultsPalletId;
	type MaxCreditors = MaxOperatorsPerNetwork;
	type WeightInfo = pallet_vaults::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkHelper;
}

impl pallet_slashing::Config for Runtime {
	type Balance = Balance;
	type AssetKind = AssetKind;
	type Marketplace = Marketplace;
	type Dams = Dam;
	type Vaults = Vaults;
	type GovernanceOrigin = GovernanceOrigin;
	type Treasury = TreasuryAccount;
	type MaxReasonLength = ConstU32<256>;
	type MaxOpenPenalties = <Runtime as pallet_dam::Config>::MaxInstallationsPerDam;
	type MaxHistory = ConstU32<32>;
	type WeightInfo = pallet_slashing::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkHelper;
}

/// Each Network's synthetic reward token: an id in the range only the rewards pallet creates.
pub struct SyntheticTokenId;
impl Convert<nektar_primitives::NetworkId, AssetId> for SyntheticTokenId {
	fn convert(network: nektar_primitives::NetworkId) -> AssetId {
		super::monetary::SYNTHETIC_TOKEN_BASE.saturating_add(network)
	}
}

/// The decimals of a reward asset: the native token's, or what `Assets` metadata says.
pub struct AssetDecimals;
impl Convert<AssetKind, u8> for AssetDecimals {
	fn convert(asset: AssetKind) -> u8 {
		match asset {
			AssetKind::Native => TOKEN_DECIMALS,
			AssetKind::WithId(id) => {
				<Assets as frame_support::traits::fungibles::metadata::Inspect<AccountId>>::decimals(
					id,
				)
			}
		}
	}
}

/// Node licenses as `pallet-nfts` collections, owned by each Network's reward escrow.
pub struct NftLicenses;
impl pallet_rewards::LicenseNfts<AccountId, Balance> for NftLicenses {
	type CollectionId = u32;

	fn deposit(supply: u32) -> Balance {
		super::monetary::CollectionDeposit::get()
			.saturating_add(super::monetary::ItemDeposit::get().saturating_mul(supply.into()))
	}

	fn create(
		owner: &AccountId,
		supply: u32,
		transferable: bool,
	) -> Result<u32, sp_runtime::DispatchError> {
		use frame_support::traits::tokens::nonfungibles_v2::Create;
		use pallet_nfts::{CollectionConfig, CollectionSetting, CollectionSettings, MintSettings};
		let settings = if transferable {
			CollectionSettings::all_enabled()
		} else {
			CollectionSettings::from_disabled(CollectionSetting::TransferableItems.into())
		};
		let config = CollectionConfig {
			settings,
			max_supply: Some(supply),
			mint_settings: MintSettings::default(),
		};
		<Nfts as Create<AccountId, pallet_nfts::CollectionConfigFor<Runtime>>>::create_collection(
			owner, owner, &config,
		)
	}

	fn mint(collection: u32, item: u32, to: &AccountId) -> sp_runtime::DispatchResult {
		use frame_support::traits::tokens::nonfungibles_v2::Mutate;
		<Nfts as Mutate<AccountId, pallet_nfts::ItemConfig>>::mint_into(
			&collection,
			&item,
			to,
			&pallet_nfts::ItemConfig::default(),
			true,
		)
	}
}

impl pallet_rewards::Config for Runtime {
	type Balance = Balance;
	type AssetKind = AssetKind;
	type Assets = NektarAssets;
	type Currency = Balances;
	type TokenId = AssetId;
	type SyntheticAssets = Assets;
	type TokenIdOf = SyntheticTokenId;
	type Decimals = AssetDecimals;
	type TokenStringLimit = super::monetary::AssetsStringLimit;
	type Marketplace = Marketplace;
	type Dams = Dam;
	type PalletId = RewardsPalletId;
	type LicenseNfts = NftLicenses;
	type MaxLicenses = ConstU32<64>;
	type MaxRewardTokens = ConstU32<32>;
	type MaxBookings = ConstU32<64>;
	type WeightInfo = pallet_rewards::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkHelper;
}

/// Sets up what the marketplace, DAM and vault benchmarks need, through the pallets' own calls.
#[cfg(feature = "runtime-benchmarks")]
pub struct BenchmarkHelper;

#[cfg(feature = "runtime-benchmarks")]
impl nektar_primitives::BenchmarkHelper<AccountId, AssetKind> for BenchmarkHelper {
	fn asset() -> AssetKind {
		AssetKind::Native
	}

	fn register_operator(who: &AccountId) {
		use frame_support::traits::fungible::Mutate;
		if pallet_marketplace::Operators::<Runtime>::contains_key(who) {
			return;
		}
		let _ = Balances::mint_into(who, 1_000 * UNIT);
		Marketplace::register_operator(
			RuntimeOrigin::signed(who.clone()),
			b"operator".to_vec(),
			alloc::vec::Vec::new(),
		)
		.expect("a funded account registers as Operator");
	}

	fn live_network(
		kind: nektar_primitives::NetworkKind,
		asset: AssetKind,
	) -> nektar_primitives::NetworkId {
		use frame_support::traits::fungible::Mutate;
		use nektar_primitives::NetworkKind;
		use pallet_marketplace::{NetworkTerms, PenaltyDestination, PenaltyTerms};

		let id = pallet_marketplace::NextNetworkId::<Runtime>::get();
		let manager: AccountId =
			polkadot_sdk::frame_benchmarking::account("network-manager", id, 0);
		let _ = Balances::mint_into(&manager, 1_000_000 * UNIT);
		pallet_marketplace::WhitelistedAssets::<Runtime>::insert(&asset, ());
		let (lock_period, safe, penalty, return_bond) = match kind {
			NetworkKind::Liquidity => (Some(10), Some(manager.clone()), None, Some(UNIT)),
			NetworkKind::Growth => (Some(10), None, None, None),
			NetworkKind::Collateral => (
				None,
				None,
				Some(PenaltyTerms {
					max_penalty: sp_runtime::Perbill::from_percent(10),
					dispute_window: pallet_marketplace::Params::<Runtime>::get().min_dispute_window,
					resolver: None,
					destination: PenaltyDestination::Treasury,
				}),
				None,
			),
		};
		let terms = NetworkTerms {
			kind,
			deposit_asset: asset.clone(),
			min_allocation: UNIT,
			amount_requested: 1_000_000 * UNIT,
			operators_requested: 100,
			duration: 1_000,
			lock_period,
			safe,
			reward_asset: asset,
			delegator_rate: sp_runtime::FixedU128::from_rational(1, 100),
			operator_rate: UNIT,
			penalty,
			return_bond,
		};
		Marketplace::register_network(
			RuntimeOrigin::signed(manager),
			terms,
			b"network".to_vec(),
			alloc::vec::Vec::new(),
			alloc::vec::Vec::new(),
			b"rNET".to_vec(),
		)
		.expect("valid terms");
		Marketplace::whitelist_network(RuntimeOrigin::root(), id).expect("a pending Network");
		id
	}

	fn confirm_installation(network: nektar_primitives::NetworkId, dam: nektar_primitives::DamId) {
		let manager = pallet_marketplace::Networks::<Runtime>::get(network)
			.expect("the Network exists")
			.manager;
		Marketplace::confirm_installation(RuntimeOrigin::signed(manager), network, dam, None)
			.expect("a requested installation");
	}

	fn untrack_reward_tokens(dam: nektar_primitives::DamId) {
		pallet_rewards::DamTokens::<Runtime>::remove(dam);
	}

	fn license_sale(network: nektar_primitives::NetworkId) {
		let manager = pallet_marketplace::Networks::<Runtime>::get(network)
			.expect("the Network exists")
			.manager;
		Rewards::open_license_sale(RuntimeOrigin::signed(manager), network, UNIT, 64, true)
			.expect("a live Growth Network");
	}
}

/// A new DAM of `kind` (Collateral or Growth) earning in `tokens` live Networks of its kind:
/// each installed with exposure (a commitment, or an allocation that the DAM's holders paid
/// for) and its program funded; and one delegator who deposited. Returns the Networks, the
/// DAM, its Operator and the delegator.
#[cfg(feature = "runtime-benchmarks")]
fn dam_earning_in(
	kind: nektar_primitives::NetworkKind,
	tokens: u32,
) -> (alloc::vec::Vec<nektar_primitives::NetworkId>, nektar_primitives::DamId, AccountId, AccountId)
{
	use nektar_primitives::{BenchmarkHelper as _, NetworkKind};
	use pallet_rewards::BenchmarkHelper as _;

	let operator: AccountId = polkadot_sdk::frame_benchmarking::account(
		"dam-operator",
		pallet_dam::NextDamId::<Runtime>::get(),
		0,
	);
	BenchmarkHelper::register_operator(&operator);
	BenchmarkHelper::fund(&operator, 10_000 * UNIT);
	let dam = pallet_dam::NextDamId::<Runtime>::get();
	let origin = RuntimeOrigin::signed(operator.clone());
	independent_dam(kind, &operator);
	let delegator: AccountId = polkadot_sdk::frame_benchmarking::account("delegator", 0, dam);
	BenchmarkHelper::fund(&delegator, 1_000 * UNIT);
	Dam::deposit(
		RuntimeOrigin::signed(delegator.clone()),
		dam,
		100 * UNIT,
		sp_runtime::Perbill::one(),
	)
	.expect("a funded deposit");
	let networks = (0..tokens)
		.map(|_| {
			let network = BenchmarkHelper::live_network(kind, AssetKind::Native);
			Dam::request_installation(origin.clone(), dam, network, operator.clone())
				.expect("a valid request");
			BenchmarkHelper::confirm_installation(network, dam);
			match kind {
				NetworkKind::Growth => {
					Dam::allocate(origin.clone(), dam, network, UNIT).expect("a valid allocation")
				}
				_ => Dam::commit(origin.clone(), dam, network, 100 * UNIT)
					.expect("a valid commitment"),
			}
			Rewards::fund_rewards(origin.clone(), network, 100 * UNIT).expect("a funded program");
			network
		})
		.collect();
	(networks, dam, operator, delegator)
}

/// Creates a DAM of `kind` taking the native token, run by `operator` as its independent
/// Operator, with no fee and fixed roles.
#[cfg(feature = "runtime-benchmarks")]
fn independent_dam(kind: nektar_primitives::NetworkKind, operator: &AccountId) {
	let config = pallet_dam::DamConfig {
		kind,
		deposit_asset: AssetKind::Native,
		fee: sp_runtime::Perbill::zero(),
		fee_mutable: false,
		gatekeeper: None,
		gatekeeper_mutable: false,
		catalyst: None,
		catalyst_mutable: false,
		receipt_transferable: true,
		allow_list: false,
		independent_operator: true,
	};
	Dam::create_dam(
		RuntimeOrigin::signed(operator.clone()),
		config,
		b"dam".to_vec(),
		b"deN".to_vec(),
		alloc::vec::Vec::new(),
		alloc::vec::Vec::new(),
		alloc::vec::Vec::new(),
	)
	.expect("a valid DAM");
}

#[cfg(feature = "runtime-benchmarks")]
impl pallet_vaults::BenchmarkHelper<AccountId, Balance> for BenchmarkHelper {
	fn allocations(
		kind: nektar_primitives::NetworkKind,
		dams: u32,
		amount: Balance,
	) -> (
		nektar_primitives::NetworkId,
		alloc::vec::Vec<(nektar_primitives::DamId, nektar_primitives::VaultId)>,
	) {
		use nektar_primitives::BenchmarkHelper as _;

		let network = Self::live_network(kind, AssetKind::Native);
		let vaults = (0..dams)
			.map(|index| {
				let operator: AccountId =
					polkadot_sdk::frame_benchmarking::account("dam-operator", index, network);
				Self::register_operator(&operator);
				let dam = pallet_dam::NextDamId::<Runtime>::get();
				let origin = RuntimeOrigin::signed(operator.clone());
				independent_dam(kind, &operator);
				Dam::request_installation(origin.clone(), dam, network, operator.clone())
					.expect("a valid request");
				Self::confirm_installation(network, dam);
				Self::fund(&operator, amount);
				Dam::deposit(origin.clone(), dam, amount, sp_runtime::Perbill::one())
					.expect("a funded deposit");
				let vault = pallet_vaults::NextVaultId::<Runtime>::get();
				Dam::allocate(origin, dam, network, amount).expect("a valid allocation");
				(dam, vault)
			})
			.collect();
		(network, vaults)
	}

	fn end_network(network: nektar_primitives::NetworkId) {
		let info =
			pallet_marketplace::Networks::<Runtime>::get(network).expect("the Network exists");
		let ends_at = info.live_since.expect("live") + info.terms.duration;
		if System::block_number() < ends_at {
			System::set_block_number(ends_at);
		}
		Marketplace::end_network(RuntimeOrigin::signed(info.manager), network).expect("over");
	}

	fn fund(who: &AccountId, amount: Balance) {
		use frame_support::traits::fungible::Mutate;
		let _ = Balances::mint_into(who, amount);
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl pallet_rewards::BenchmarkHelper<AccountId, Balance> for BenchmarkHelper {
	fn earning_dam(
		tokens: u32,
	) -> (
		alloc::vec::Vec<nektar_primitives::NetworkId>,
		nektar_primitives::DamId,
		AccountId,
		AccountId,
	) {
		dam_earning_in(nektar_primitives::NetworkKind::Collateral, tokens)
	}

	fn spending_dam(
		tokens: u32,
	) -> (
		alloc::vec::Vec<nektar_primitives::NetworkId>,
		nektar_primitives::DamId,
		AccountId,
		AccountId,
	) {
		dam_earning_in(nektar_primitives::NetworkKind::Growth, tokens)
	}

	fn growth_network() -> (nektar_primitives::NetworkId, AccountId) {
		use nektar_primitives::BenchmarkHelper as _;
		let network = Self::live_network(nektar_primitives::NetworkKind::Growth, AssetKind::Native);
		let manager = pallet_marketplace::Networks::<Runtime>::get(network)
			.expect("the Network exists")
			.manager;
		(network, manager)
	}

	fn licensed_dam() -> (nektar_primitives::NetworkId, u32, AccountId) {
		use nektar_primitives::{BenchmarkHelper as _, NetworkKind};

		let fund = |who: &AccountId, amount: Balance| {
			<Self as pallet_rewards::BenchmarkHelper<AccountId, Balance>>::fund(who, amount)
		};
		let (network, manager) =
			<Self as pallet_rewards::BenchmarkHelper<AccountId, Balance>>::growth_network();
		fund(&manager, 1_000 * UNIT);
		Rewards::fund_rewards(RuntimeOrigin::signed(manager.clone()), network, 100 * UNIT)
			.expect("a funded program");
		Self::license_sale(network);

		let dam = pallet_dam::NextDamId::<Runtime>::get();
		let operator: AccountId =
			polkadot_sdk::frame_benchmarking::account("license-operator", dam, 0);
		Self::register_operator(&operator);
		fund(&operator, 10_000 * UNIT);
		independent_dam(NetworkKind::Growth, &operator);
		let delegator: AccountId =
			polkadot_sdk::frame_benchmarking::account("license-delegator", dam, 0);
		fund(&delegator, 1_000 * UNIT);
		Dam::deposit(RuntimeOrigin::signed(delegator), dam, 100 * UNIT, sp_runtime::Perbill::one())
			.expect("a funded deposit");
		let origin = RuntimeOrigin::signed(operator.clone());
		Dam::request_installation(origin.clone(), dam, network, operator.clone())
			.expect("a valid request");
		Self::confirm_installation(network, dam);
		Dam::buy_license(origin, dam, network, operator).expect("a license for sale");
		(network, 0, manager)
	}

	fn holders(dam: nektar_primitives::DamId, count: u32) -> alloc::vec::Vec<AccountId> {
		let each = UNIT;
		let holders: alloc::vec::Vec<AccountId> = (0..count)
			.map(|index| polkadot_sdk::frame_benchmarking::account("holder", index, dam))
			.collect();
		for holder in &holders {
			pallet_dam::Shares::<Runtime>::insert(dam, holder, each);
		}
		pallet_dam::Dams::<Runtime>::mutate(dam, |maybe| {
			if let Some(info) = maybe {
				let added = each.saturating_mul(count.into());
				let value =
					pallet_dam::shares::assets_for::<Runtime>(info, added).unwrap_or_default();
				info.total_shares = info.total_shares.saturating_add(added);
				info.idle = info.idle.saturating_add(value);
			}
		});
		holders
	}

	fn fund(who: &AccountId, amount: Balance) {
		<Self as pallet_vaults::BenchmarkHelper<AccountId, Balance>>::fund(who, amount)
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl pallet_slashing::BenchmarkHelper<AccountId> for BenchmarkHelper {
	fn committed_dam(
	) -> (nektar_primitives::NetworkId, AccountId, nektar_primitives::DamId, AccountId) {
		let (networks, dam, operator, _) =
			<Self as pallet_rewards::BenchmarkHelper<AccountId, Balance>>::earning_dam(1);
		let network = networks[0];
		let manager = pallet_marketplace::Networks::<Runtime>::get(network)
			.expect("the Network exists")
			.manager;
		(network, manager, dam, operator)
	}
}
