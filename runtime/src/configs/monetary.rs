//! The native token, fees (payable in any asset with a NEK pool), fungible assets, the DEX of
//! NEK pools and NFTs.

use crate::*;
use frame_support::{
	parameter_types,
	traits::{
		fungible, fungibles,
		tokens::{imbalance::ResolveAssetTo, ConversionFromAssetBalance},
		AsEnsureOriginWithArg, ConstU128, ConstU32, Imbalance, OnUnbalanced, VariantCountOf,
	},
	weights::{ConstantMultiplier, IdentityFee},
	PalletId,
};
use frame_system::{EnsureNever, EnsureRoot, EnsureSigned};
use pallet_asset_conversion::{AccountIdConverter, PoolLocator, WithFirstAsset};
use pallet_nfts::PalletFeatures;
use pallet_transaction_payment::{FungibleAdapter, Multiplier, TargetedFeeAdjustment};
use sp_runtime::{traits::Bounded, FixedPointNumber, Permill, Perquintill};

use super::{
	governance::{GovernanceOrigin, ParametersOrigin},
	nektar::{AssetKind, NativeAsset, NektarAssets, TreasuryAccount},
};

impl pallet_balances::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type WeightInfo = weights::pallet_balances::WeightInfo<Runtime>;
	type Balance = Balance;
	type DustRemoval = ();
	type ExistentialDeposit = ConstU128<EXISTENTIAL_DEPOSIT>;
	type AccountStore = System;
	type ReserveIdentifier = [u8; 8];
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxLocks = ConstU32<50>;
	type MaxReserves = ConstU32<50>;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type DoneSlashHandler = ();
}

parameter_types! {
	/// Fees adjust so that blocks stay about a quarter full.
	pub const TargetBlockFullness: Perquintill = Perquintill::from_percent(25);
	pub AdjustmentVariable: Multiplier = Multiplier::saturating_from_rational(75, 1_000_000);
	pub MinimumMultiplier: Multiplier = Multiplier::saturating_from_rational(1, 10u128);
	pub MaximumMultiplier: Multiplier = Bounded::max_value();
}

/// The share of every transaction fee that goes to the treasury; the block author gets the
/// rest, and every tip.
pub const TREASURY_FEE_SHARE: Permill = Permill::from_percent(80);

/// The author of the block being built, if known.
fn block_author() -> Option<AccountId> {
	Authorship::author()
}

/// Splits fees paid in NEK: [`TREASURY_FEE_SHARE`] to the treasury, the rest and the tip to the
/// block's author (burned if there is none, or if it cannot take it).
pub struct DealWithFees;
impl OnUnbalanced<fungible::Credit<AccountId, Balances>> for DealWithFees {
	fn on_unbalanceds(
		mut fees_then_tips: impl Iterator<Item = fungible::Credit<AccountId, Balances>>,
	) {
		use fungible::Balanced;
		let Some(fees) = fees_then_tips.next() else { return };
		let share = TREASURY_FEE_SHARE * fees.peek();
		let (to_treasury, mut to_author) = fees.split(share);
		for tip in fees_then_tips {
			to_author.subsume(tip);
		}
		let _ = Balances::resolve(&TreasuryAccount::get(), to_treasury);
		if let Some(author) = block_author() {
			let _ = Balances::resolve(&author, to_author);
		}
	}
}

/// Splits fees paid in another asset, once swapped to NEK through its pool, as
/// [`DealWithFees`] does.
pub struct DealWithAssetFees;
impl OnUnbalanced<fungibles::Credit<AccountId, NektarAssets>> for DealWithAssetFees {
	fn on_unbalanceds(
		mut fees_then_tips: impl Iterator<Item = fungibles::Credit<AccountId, NektarAssets>>,
	) {
		use fungibles::Balanced;
		let Some(fees) = fees_then_tips.next() else { return };
		let share = TREASURY_FEE_SHARE * fees.peek();
		let (to_treasury, to_author) = fees.split(share);
		let _ = NektarAssets::resolve(&TreasuryAccount::get(), to_treasury);
		if let Some(author) = block_author() {
			for credit in core::iter::once(to_author).chain(fees_then_tips) {
				let _ = NektarAssets::resolve(&author, credit);
			}
		}
	}
}

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	/// Fees in NEK, split by [`DealWithFees`].
	type OnChargeTransaction = FungibleAdapter<Balances, DealWithFees>;
	/// One planck per picosecond of reference compute.
	type WeightToFee = IdentityFee<Balance>;
	/// A micro-NEK per byte.
	type LengthToFee = ConstantMultiplier<Balance, ConstU128<MICRO_UNIT>>;
	type FeeMultiplierUpdate = TargetedFeeAdjustment<
		Self,
		TargetBlockFullness,
		AdjustmentVariable,
		MinimumMultiplier,
		MaximumMultiplier,
	>;
	type OperationalFeeMultiplier = frame_support::traits::ConstU8<5>;
	type WeightInfo = weights::pallet_transaction_payment::WeightInfo<Runtime>;
}

parameter_types! {
	pub const AssetDeposit: Balance = 10 * UNIT;
	pub const AssetAccountDeposit: Balance = deposit(1, 16);
	pub const AssetsStringLimit: u32 = 50;
	pub const MetadataDepositBase: Balance = deposit(1, 68);
	pub const MetadataDepositPerByte: Balance = deposit(0, 1);
	pub const ApprovalDeposit: Balance = EXISTENTIAL_DEPOSIT;
}

/// Synthetic reward tokens take the asset ids from here up, one per Network; only the rewards
/// pallet creates them.
pub const SYNTHETIC_TOKEN_BASE: AssetId = 1 << 31;

/// A signed origin creating an asset whose id is below [`SYNTHETIC_TOKEN_BASE`].
pub struct EnsureUnreservedId;
impl frame_support::traits::EnsureOriginWithArg<RuntimeOrigin, AssetId> for EnsureUnreservedId {
	type Success = AccountId;

	fn try_origin(origin: RuntimeOrigin, id: &AssetId) -> Result<AccountId, RuntimeOrigin> {
		if *id >= SYNTHETIC_TOKEN_BASE {
			return Err(origin);
		}
		<EnsureSigned<AccountId> as frame_support::traits::EnsureOrigin<_>>::try_origin(origin)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn try_successful_origin(id: &AssetId) -> Result<RuntimeOrigin, ()> {
		if *id >= SYNTHETIC_TOKEN_BASE {
			return Err(());
		}
		<EnsureSigned<AccountId> as frame_support::traits::EnsureOrigin<_>>::try_successful_origin()
	}
}

impl pallet_assets::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type RemoveItemsLimit = ConstU32<1000>;
	type AssetId = AssetId;
	type AssetIdParameter = codec::Compact<AssetId>;
	type ReserveData = ();
	type Currency = Balances;
	/// Anyone may create an asset by paying [`AssetDeposit`], except in the range reserved
	/// for synthetic reward tokens.
	type CreateOrigin = EnsureUnreservedId;
	type ForceOrigin = GovernanceOrigin;
	type AssetDeposit = AssetDeposit;
	type AssetAccountDeposit = AssetAccountDeposit;
	type MetadataDepositBase = MetadataDepositBase;
	type MetadataDepositPerByte = MetadataDepositPerByte;
	type ApprovalDeposit = ApprovalDeposit;
	type StringLimit = AssetsStringLimit;
	type Freezer = ();
	type Holder = ();
	type Extra = ();
	type CallbackHandle = ();
	type AssetIdAllocator = ();
	type WeightInfo = weights::pallet_assets::WeightInfo<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}

parameter_types! {
	pub const CollectionDeposit: Balance = 10 * UNIT;
	pub const ItemDeposit: Balance = UNIT / 100;
	pub const NftsMetadataDepositBase: Balance = deposit(1, 129);
	pub const NftsAttributeDepositBase: Balance = deposit(1, 0);
	pub const NftsDepositPerByte: Balance = deposit(0, 1);
	pub NftsFeatures: PalletFeatures = PalletFeatures::all_enabled();
	pub const MaxDeadlineDuration: BlockNumber = 12 * 30 * DAYS;
}

impl pallet_nfts::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type CollectionId = u32;
	type ItemId = u32;
	type Currency = Balances;
	type ForceOrigin = EnsureRoot<AccountId>;
	type CreateOrigin = AsEnsureOriginWithArg<EnsureSigned<AccountId>>;
	type Locker = ();
	type CollectionDeposit = CollectionDeposit;
	type ItemDeposit = ItemDeposit;
	type MetadataDepositBase = NftsMetadataDepositBase;
	type AttributeDepositBase = NftsAttributeDepositBase;
	type DepositPerByte = NftsDepositPerByte;
	type StringLimit = ConstU32<256>;
	type KeyLimit = ConstU32<64>;
	type ValueLimit = ConstU32<256>;
	type ApprovalsLimit = ConstU32<20>;
	type ItemAttributesApprovalsLimit = ConstU32<30>;
	type MaxTips = ConstU32<10>;
	type MaxDeadlineDuration = MaxDeadlineDuration;
	type MaxAttributesPerCall = ConstU32<10>;
	type Features = NftsFeatures;
	type OffchainSignature = Signature;
	type OffchainPublic = <Signature as Verify>::Signer;
	#[cfg(feature = "runtime-benchmarks")]
	type Helper = ();
	type WeightInfo = weights::pallet_nfts::WeightInfo<Runtime>;
	type BlockNumberProvider = System;
}

/// Fees in any asset that has a NEK pool: the signer names the asset in the transaction's
/// `ChargeAssetTxPayment` extension; the fee in NEK is bought from the pool with it (the
/// signer pays the swap), and what is refunded after dispatch is swapped back.
impl pallet_asset_conversion_tx_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type AssetId = AssetKind;
	type OnChargeAssetTransaction = pallet_asset_conversion_tx_payment::SwapAssetAdapter<
		NativeAsset,
		NektarAssets,
		AssetConversion,
		DealWithAssetFees,
	>;
	type WeightInfo = AssetTxPaymentWeights;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmark_helpers::AssetTxPaymentHelper;
}

/// The fee extension's weights: polkadot-sdk's measurement of `ChargeAssetTxPayment` (its
/// database accesses priced with this chain's database weights), plus what the fee split adds to
/// every paying transaction: reading and writing the treasury's and the author's accounts.
pub struct AssetTxPaymentWeights;

type MeasuredAssetTxPayment = pallet_asset_conversion_tx_payment::weights::SubstrateWeight<Runtime>;

impl AssetTxPaymentWeights {
	fn fee_split() -> frame_support::weights::Weight {
		<Runtime as frame_system::Config>::DbWeight::get().reads_writes(2, 2)
	}
}

impl pallet_asset_conversion_tx_payment::WeightInfo for AssetTxPaymentWeights {
	fn charge_asset_tx_payment_zero() -> frame_support::weights::Weight {
		<MeasuredAssetTxPayment as pallet_asset_conversion_tx_payment::WeightInfo>::charge_asset_tx_payment_zero()
	}

	fn charge_asset_tx_payment_native() -> frame_support::weights::Weight {
		<MeasuredAssetTxPayment as pallet_asset_conversion_tx_payment::WeightInfo>::charge_asset_tx_payment_native()
			.saturating_add(Self::fee_split())
	}

	fn charge_asset_tx_payment_asset() -> frame_support::weights::Weight {
		<MeasuredAssetTxPayment as pallet_asset_conversion_tx_payment::WeightInfo>::charge_asset_tx_payment_asset()
			.saturating_add(Self::fee_split())
	}
}

/// The liquidity pools' tokens.
pub type PoolAssetsInstance = pallet_assets::Instance2;

/// The LP tokens of the DEX: created, minted and burned only by `AssetConversion`; holders may
/// transfer them.
impl pallet_assets::Config<PoolAssetsInstance> for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type RemoveItemsLimit = ConstU32<1000>;
	type AssetId = u32;
	type AssetIdParameter = u32;
	type ReserveData = ();
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<EnsureNever<AccountId>>;
	type ForceOrigin = GovernanceOrigin;
	type AssetDeposit = ConstU128<0>;
	type AssetAccountDeposit = AssetAccountDeposit;
	type MetadataDepositBase = ConstU128<0>;
	type MetadataDepositPerByte = ConstU128<0>;
	type ApprovalDeposit = ApprovalDeposit;
	type StringLimit = AssetsStringLimit;
	type Freezer = ();
	type Holder = ();
	type Extra = ();
	type CallbackHandle = ();
	type AssetIdAllocator = ();
	type WeightInfo = weights::pallet_assets::WeightInfo<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}

parameter_types! {
	/// Derives each pool's account.
	pub const AssetConversionPalletId: PalletId = PalletId(*b"nek/pool");
	/// What creating a pool costs, in NEK, paid to the treasury.
	pub const PoolSetupFee: Balance = 10 * UNIT;
	/// What liquidity providers take of every swap: 0.3%.
	pub const LiquidityProviderFee: Permill = Permill::from_parts(3_000);
	/// The highest swap fee governance may set for one pool.
	pub const MaxPoolSwapFee: Permill = Permill::from_percent(5);
	/// Withdrawing liquidity is free.
	pub const LiquidityWithdrawalFee: Permill = Permill::zero();
	/// The LP tokens a first deposit locks in the pool for good.
	pub const MintMinLiquidity: Balance = 100;
}

/// The pool of a pair: every pool holds NEK and one other asset, at the account derived from
/// the pair.
pub type NativePools = WithFirstAsset<
	NativeAsset,
	AccountId,
	AssetKind,
	AccountIdConverter<AssetConversionPalletId, PoolId>,
>;

/// A pool's id: NEK, then the other asset.
pub type PoolId = (AssetKind, AssetKind);

/// Whether `asset` may get a new NEK pool: a whitelisted deposit or reward asset, or an
/// existing synthetic reward token.
pub fn is_tradable(asset: &AssetKind) -> bool {
	match asset {
		AssetKind::Native => false,
		AssetKind::WithId(id) => {
			pallet_marketplace::WhitelistedAssets::<Runtime>::contains_key(asset)
				|| (*id >= SYNTHETIC_TOKEN_BASE
					&& <Assets as fungibles::Inspect<AccountId>>::asset_exists(*id))
		}
	}
}

/// [`NativePools`], refusing a pair whose other asset is not [`is_tradable`] unless its pool
/// already exists, so that a pool's providers and traders keep it after its asset leaves the
/// whitelist. A refused pair fails with `assetConversion.InvalidAssetPair`.
pub struct MarketPools;
impl PoolLocator<AccountId, AssetKind, PoolId> for MarketPools {
	fn address(id: &PoolId) -> Result<AccountId, ()> {
		NativePools::address(id)
	}

	fn pool_id(asset1: &AssetKind, asset2: &AssetKind) -> Result<PoolId, ()> {
		let id = NativePools::pool_id(asset1, asset2)?;
		if is_tradable(&id.1) || pallet_asset_conversion::Pools::<Runtime>::contains_key(&id) {
			Ok(id)
		} else {
			Err(())
		}
	}
}

/// A DEX of NEK pools (`pallet-asset-conversion`): one pool per asset, paired with NEK; swaps
/// route through at most two pools.
impl pallet_asset_conversion::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type HigherPrecisionBalance = sp_core::U256;
	type AssetKind = AssetKind;
	type Assets = NektarAssets;
	type PoolId = PoolId;
	type PoolLocator = MarketPools;
	type PoolAssetId = u32;
	type PoolAssets = PoolAssets;
	type LPFee = LiquidityProviderFee;
	type AdminOrigin = ParametersOrigin;
	type MaxSwapFee = MaxPoolSwapFee;
	type PoolSetupFee = PoolSetupFee;
	type PoolSetupFeeAsset = NativeAsset;
	type PoolSetupFeeTarget = ResolveAssetTo<TreasuryAccount, NektarAssets>;
	type LiquidityWithdrawalFee = LiquidityWithdrawalFee;
	type MintMinLiquidity = MintMinLiquidity;
	/// Three assets: two hops.
	type MaxSwapPathLength = ConstU32<3>;
	type PalletId = AssetConversionPalletId;
	type WeightInfo = pallet_asset_conversion::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = pallet_asset_conversion::NativeOrWithIdFactory<AssetId>;
}

/// The NEK value of an amount of an asset: itself for NEK, what its pool would pay for it
/// otherwise. The treasury values its spends with it.
pub struct NativeValue;
impl ConversionFromAssetBalance<Balance, AssetKind, Balance> for NativeValue {
	type Error = ();

	fn from_asset_balance(balance: Balance, asset: AssetKind) -> Result<Balance, ()> {
		match asset {
			AssetKind::Native => Ok(balance),
			asset => AssetConversion::quote_price_exact_tokens_for_tokens(
				asset,
				AssetKind::Native,
				balance,
				true,
			)
			.ok_or(()),
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn ensure_successful(_: AssetKind) {}
}

/// What the benchmarks of the fee and DEX pallets need set up.
#[cfg(feature = "runtime-benchmarks")]
pub mod benchmark_helpers {
	use super::*;
	use frame_support::traits::fungible::Mutate as _;

	/// Creates an asset, whitelists it and gives it a NEK pool with liquidity.
	pub struct AssetTxPaymentHelper;
	impl pallet_asset_conversion_tx_payment::BenchmarkHelperTrait<AccountId, AssetKind, AssetKind>
		for AssetTxPaymentHelper
	{
		fn create_asset_id_parameter(id: u32) -> (AssetKind, AssetKind) {
			(AssetKind::WithId(id), AssetKind::WithId(id))
		}

		fn setup_balances_and_pool(asset: AssetKind, account: AccountId) {
			use alloc::boxed::Box;
			let AssetKind::WithId(id) = asset else { return };
			let provider: AccountId = AccountId::from([7u8; 32]);
			let amount = 1_000_000 * UNIT;
			Balances::set_balance(&provider, amount * 4);
			Balances::set_balance(&account, amount);
			Assets::force_create(
				RuntimeOrigin::root(),
				id.into(),
				provider.clone().into(),
				true,
				1,
			)
			.expect("a new asset");
			pallet_marketplace::WhitelistedAssets::<Runtime>::insert(&asset, ());
			for (to, minted) in [(provider.clone(), amount * 2), (account, amount)] {
				Assets::mint(RuntimeOrigin::signed(provider.clone()), id.into(), to.into(), minted)
					.expect("the asset's issuer mints");
			}
			AssetConversion::create_pool(
				RuntimeOrigin::signed(provider.clone()),
				Box::new(AssetKind::Native),
				Box::new(asset.clone()),
			)
			.expect("a pool of a whitelisted asset");
			AssetConversion::add_liquidity(
				RuntimeOrigin::signed(provider.clone()),
				Box::new(AssetKind::Native),
				Box::new(asset),
				amount,
				amount,
				1,
				1,
				provider,
			)
			.expect("the provider holds both assets");
		}
	}
}
