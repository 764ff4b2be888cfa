//! The five Nektar pallets: the marketplace, DAMs, vaults, rewards and slashing, and the
//! adapters that give them their token ids, decimals and license NFTs.

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

use super::governance::{
	NetworkWhitelisterOrigin, ParametersOrigin, PenaltyResolverOrigin, TreasurerOrigin,
};

/// Network 0, "Nektar": the chain's own Collateral Network, live from genesis, whose
/// installations back the validators.
pub const NEKTAR_NETWORK: nektar_primitives::NetworkId = 0;

/// An asset of the marketplace: the native token or a `pallet-assets` asset.
pub type AssetKind = NativeOrWithId<AssetId>;

/// Every fungible asset of the chain behind one `fungibles` interface.
pub type NektarAssets = UnionOf<Balances, Assets, NativeFromLeft, AssetKind, AccountId>;

parameter_types! {
	/// Derives each DAM's keyless account.
	pub const DamPalletId: PalletId = PalletId(*b"nek/dams");
	/// Derives the account that holds every vault's assets.
	pub const VaultsPalletId: PalletId = PalletId(*b"nek/vlts");
	/// Derives the protocol treasury (`pallet-treasury`'s account), where executed penalties
	/// go unless a Network names its safe.
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
	type WhitelistOrigin = NetworkWhitelisterOrigin;
	type ParamsOrigin = ParametersOrigin;
	type Dams = Dam;
	type InstallationGate = Validators;
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
	type GovernanceOrigin = TreasurerOrigin;
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
}

impl pallet_vaults::Config for Runtime {
	type Balance = Balance;
	type AssetKind = AssetKind;
	type Assets = NektarAssets;
	type Marketplace = Marketplace;
	type Dams = Dam;
	type PalletId = VaultsPalletId;
	type MaxCreditors = MaxOperatorsPerNetwork;
	type MaxLoansPerDam = <Runtime as pallet_dam::Config>::MaxInstallationsPerDam;
	type WeightInfo = pallet_vaults::weights::SubstrateWeight<Runtime>;
}

impl pallet_slashing::Config for Runtime {
	type Balance = Balance;
	type AssetKind = AssetKind;
	type Marketplace = Marketplace;
	type Dams = Dam;
	type Vaults = Vaults;
	type GovernanceOrigin = PenaltyResolverOrigin;
	type Treasury = TreasuryAccount;
	type MaxReasonLength = ConstU32<256>;
	type MaxOpenPenalties = <Runtime as pallet_dam::Config>::MaxInstallationsPerDam;
	type MaxHistory = ConstU32<32>;
	type WeightInfo = pallet_slashing::weights::SubstrateWeight<Runtime>;
}

/// Each reward program's synthetic token: an id in the range only the rewards pallet creates.
/// Program ids stay below `2^31`, so each program has its own.
pub struct SyntheticTokenId;
impl Convert<pallet_rewards::ProgramId, AssetId> for SyntheticTokenId {
	fn convert(program: pallet_rewards::ProgramId) -> AssetId {
		super::monetary::SYNTHETIC_TOKEN_BASE.saturating_add(program)
	}
}

/// The symbol of an asset: the native token's, or what `Assets` metadata says.
pub struct AssetSymbol;
impl Convert<AssetKind, alloc::vec::Vec<u8>> for AssetSymbol {
	fn convert(asset: AssetKind) -> alloc::vec::Vec<u8> {
		match asset {
			AssetKind::Native => TOKEN_SYMBOL.as_bytes().to_vec(),
			AssetKind::WithId(id) => {
				<Assets as frame_support::traits::fungibles::metadata::Inspect<AccountId>>::symbol(
					id,
				)
			}
		}
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

/// The most reward tokens a DAM may track: the bound of the `reward_tokens` witness of the
/// DAM calls that change shares.
pub const MAX_REWARD_TOKENS: u32 = 32;

impl pallet_rewards::Config for Runtime {
	type Balance = Balance;
	type AssetKind = AssetKind;
	type Assets = NektarAssets;
	type Currency = Balances;
	type TokenId = AssetId;
	type SyntheticAssets = Assets;
	type TokenIdOf = SyntheticTokenId;
	type Decimals = AssetDecimals;
	type Symbol = AssetSymbol;
	type TokenStringLimit = super::monetary::AssetsStringLimit;
	type Marketplace = Marketplace;
	type Dams = Dam;
	type PalletId = RewardsPalletId;
	type LicenseNfts = NftLicenses;
	type MaxLicenses = ConstU32<64>;
	type MaxRewardTokens = ConstU32<MAX_REWARD_TOKENS>;
	type MaxProgramsPerNetwork = ConstU32<4>;
	type MaxBookings = ConstU32<64>;
	type MaxClaimDams = ConstU32<8>;
	type WeightInfo = pallet_rewards::weights::SubstrateWeight<Runtime>;
}

/// Names the native token as the asset of the benchmarks; each pallet sets up the rest through
/// the others' benchmark methods.
#[cfg(feature = "runtime-benchmarks")]
pub struct BenchmarkHelper;

#[cfg(feature = "runtime-benchmarks")]
impl pallet_marketplace::BenchmarkHelper<AssetKind> for BenchmarkHelper {
	fn asset() -> AssetKind {
		AssetKind::Native
	}
}
