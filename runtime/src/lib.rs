//! # The Nektar runtime
//!
//! Nektar is a decentralized infrastructure marketplace. Networks ask for liquidity, growth
//! capital or collateral; Operators run the infrastructure; Delegators deposit assets into
//! Decentralized Asset Managers (DAMs), which route them into time-locked vaults and Networks.
//!
//! This crate composes the FRAME pallets of the chain:
//! - consensus: [`Aura`] block production and [`Grandpa`] finality, 6-second blocks, with
//!   [`Session`]s (and their [`Historical`] proofs) rotating the validator set that
//!   [`Validators`] chooses from the Operators Network 0 backs; [`Authorship`] counts each
//!   validator's blocks and [`Offences`] turns proved equivocations into penalties;
//! - money: [`Balances`] (the native token, NEK), [`Assets`] (deposit and reward tokens),
//!   [`Nfts`] (node licenses), [`TransactionPayment`] with [`AssetTxPayment`] (fees in any
//!   asset with a NEK pool), and the DEX: [`AssetConversion`] pools of NEK and one other asset,
//!   whose LP tokens are [`PoolAssets`];
//! - accounts: [`Multisig`] (Network safes), [`Proxy`] and [`Utility`];
//! - governance: [`Referenda`] on the tracks of [`configs::governance::tracks`], dispatched
//!   from their track's [`Origins`] and voted with [`ConvictionVoting`], enacted by the
//!   [`Scheduler`]; the [`Council`] (members managed by [`CouncilMembership`]), whose 2/3
//!   motions are the fast path; the [`Treasury`]; [`Sudo`] on development chains only. Each
//!   governance call of the marketplace takes Root, a 2/3 Council motion or its track's origin;
//!   calls only Root may make (a runtime upgrade) reach the Council through [`Whitelist`], with
//!   their [`Preimage`]s;
//! - the marketplace: [`Marketplace`] (Networks, Operators, the asset whitelist, installations
//!   and the protocol parameters), [`Dam`] (DAMs, shares, withdrawals and allocations) and
//!   [`Vaults`] (time locks, Liquidity loans and default protection) and [`Rewards`] (reward
//!   escrows, synthetic reward tokens, their lazy accrual and node licensing) and [`Slashing`]
//!   (penalties on Collateral DAMs through dispute vaults).
//!
//! The layout follows the table of contents below:
//! - [`configs`]: the configuration of every pallet;
//! - [`apis`]: the runtime APIs that the node and the wallets call;
//! - [`genesis_config_presets`]: the `development` and `local_testnet` genesis presets.

#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime!` does a lot of recursion and requires us to increase the limit.
#![recursion_limit = "256"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;
use alloc::vec::Vec;

pub mod apis;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
pub mod configs;
pub mod genesis_config_presets;
pub mod weights;

use polkadot_sdk::{frame_executive, frame_metadata_hash_extension};
use polkadot_sdk::{
	frame_support, frame_system, pallet_asset_conversion, pallet_asset_conversion_tx_payment,
	pallet_assets, pallet_aura, pallet_authorship, pallet_balances, pallet_collective,
	pallet_conviction_voting, pallet_grandpa, pallet_membership, pallet_multisig, pallet_nfts,
	pallet_offences, pallet_preimage, pallet_proxy, pallet_referenda, pallet_scheduler,
	pallet_session, pallet_sudo, pallet_timestamp, pallet_transaction_payment, pallet_treasury,
	pallet_utility, pallet_whitelist, sp_core, sp_runtime, sp_version,
};

use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature,
};
use sp_version::{runtime_version, RuntimeVersion};

pub use frame_system::Call as SystemCall;
pub use pallet_balances::Call as BalancesCall;
pub use pallet_timestamp::Call as TimestampCall;
#[cfg(any(feature = "std", test))]
pub use sp_runtime::BuildStorage;

/// An index to a block.
pub type BlockNumber = u32;

/// The signature of a transaction. Accounts sign with sr25519, ed25519 or ECDSA keys.
pub type Signature = MultiSignature;

/// An account on the chain: the public key of the key that signs for it.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;

/// A balance of the native token or of any `pallet-assets` asset.
pub type Balance = u128;

/// The number of transactions an account has sent.
pub type Nonce = u32;

/// A hash of some data used by the chain.
pub type Hash = sp_core::H256;

/// The id of a `pallet-assets` asset.
pub type AssetId = u32;

/// One NEK, the native token, which has 12 decimals.
pub const UNIT: Balance = 1_000_000_000_000;
/// The decimals of NEK.
pub const TOKEN_DECIMALS: u8 = 12;
/// The symbol of the native token.
pub const TOKEN_SYMBOL: &str = "NEK";
/// A thousandth of a NEK.
pub const MILLI_UNIT: Balance = UNIT / 1_000;
/// A millionth of a NEK.
pub const MICRO_UNIT: Balance = MILLI_UNIT / 1_000;

/// The smallest balance an account may hold; below it the account is removed.
pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_UNIT;

/// The deposit for storing `items` entries that take `bytes` bytes in all.
pub const fn deposit(items: u32, bytes: u32) -> Balance {
	items as Balance * UNIT / 10 + (bytes as Balance) * 100 * MICRO_UNIT
}

/// The time between blocks, and the Aura slot duration.
///
/// It cannot change once the chain has started without a coordinated upgrade.
pub const MILLI_SECS_PER_BLOCK: u64 = 6000;
/// The Aura slot duration, equal to the block time.
pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;

/// Blocks per minute.
pub const MINUTES: BlockNumber = 60_000 / (MILLI_SECS_PER_BLOCK as BlockNumber);
/// Blocks per hour.
pub const HOURS: BlockNumber = MINUTES * 60;
/// Blocks per day: 14,400 with 6-second blocks.
pub const DAYS: BlockNumber = HOURS * 24;

/// Types that the node uses without knowing the runtime's concrete extrinsic format.
pub mod opaque {
	use super::*;
	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// The block header.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// A block with opaque extrinsics.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;

	impl_opaque_keys! {
		/// The keys a validator registers: Aura for authoring, GRANDPA for finality.
		pub struct SessionKeys {
			/// Signs authored blocks.
			pub aura: Aura,
			/// Signs finality votes.
			pub grandpa: Grandpa,
		}
	}
}

/// The runtime version. Bump `spec_version` with every runtime change that reaches a live
/// chain, and `transaction_version` whenever call indices or arguments change.
#[cfg(not(feature = "upgrade-rehearsal"))]
#[runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("nektar"),
	impl_name: alloc::borrow::Cow::Borrowed("nektar-node"),
	authoring_version: 1,
	spec_version: 114,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 7,
	system_version: 1,
};

/// The version of the upgrade rehearsal: the same runtime as its own next version, one
/// `spec_version` up. (The version attribute takes literals only, hence a second constant.)
#[cfg(feature = "upgrade-rehearsal")]
#[runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("nektar"),
	impl_name: alloc::borrow::Cow::Borrowed("nektar-node"),
	authoring_version: 1,
	spec_version: 115,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 7,
	system_version: 1,
};

/// The address format of calls: an account id or an index.
pub type Address = MultiAddress<AccountId, ()>;
/// The block header.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// The block.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;

/// The transaction extensions, checked in this order on every signed transaction.
///
/// `ChargeAssetTxPayment` takes the fee in NEK, or in the asset the signer names if it has a
/// NEK pool; wrapped in `FairPriority`, untipped transactions are taken in the order they
/// arrived, whatever their weight. `CheckMetadataHash` lets offline signers prove which
/// metadata they displayed.
pub type TxExtension = (
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	configs::priority::FairPriority<
		pallet_asset_conversion_tx_payment::ChargeAssetTxPayment<Runtime>,
	>,
	frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);

/// An extrinsic as the runtime sees it.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
/// The payload that a transaction's signer signs.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Storage migrations run on the next runtime upgrade, beyond those of the pallets. Each runs
/// once, at the storage version it upgrades from, and does nothing on a chain past it. The
/// rewards pallet's migrations before version 5 are gone with the maps they read: a chain
/// upgrades to this release from the one before, where the rewards storage is at version 4.
type Migrations = (
	pallet_marketplace::migrations::v3::MigrateV2ToV3<Runtime>,
	pallet_vaults::migrations::v2::MigrateV1ToV2<Runtime>,
	pallet_rewards::migrations::v5::MigrateV4ToV5<Runtime>,
	RehearsalMigrations,
);

/// The upgrade rehearsal's own migration.
#[cfg(not(feature = "upgrade-rehearsal"))]
type RehearsalMigrations = ();
#[cfg(feature = "upgrade-rehearsal")]
type RehearsalMigrations = pallet_validators::migrations::v2::MigrateV1ToV2<Runtime>;

/// Dispatches blocks and extrinsics to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;
	#[runtime::pallet_index(2)]
	pub type Aura = pallet_aura;
	#[runtime::pallet_index(3)]
	pub type Grandpa = pallet_grandpa;
	#[runtime::pallet_index(4)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(5)]
	pub type TransactionPayment = pallet_transaction_payment;
	#[runtime::pallet_index(6)]
	pub type Sudo = pallet_sudo;

	#[runtime::pallet_index(10)]
	pub type Assets = pallet_assets;
	#[runtime::pallet_index(11)]
	pub type Nfts = pallet_nfts;

	#[runtime::pallet_index(20)]
	pub type Multisig = pallet_multisig;
	#[runtime::pallet_index(21)]
	pub type Utility = pallet_utility;
	#[runtime::pallet_index(22)]
	pub type Proxy = pallet_proxy;

	#[runtime::pallet_index(30)]
	pub type Council = pallet_collective<Instance1>;
	#[runtime::pallet_index(31)]
	pub type CouncilMembership = pallet_membership<Instance1>;
	#[runtime::pallet_index(32)]
	pub type Preimage = pallet_preimage;
	#[runtime::pallet_index(33)]
	pub type Whitelist = pallet_whitelist;
	#[runtime::pallet_index(34)]
	pub type Scheduler = pallet_scheduler;
	#[runtime::pallet_index(35)]
	pub type Referenda = pallet_referenda;
	#[runtime::pallet_index(36)]
	pub type ConvictionVoting = pallet_conviction_voting;
	#[runtime::pallet_index(37)]
	pub type Origins = configs::governance::origins::pallet_origins;
	#[runtime::pallet_index(38)]
	pub type Treasury = pallet_treasury;

	#[runtime::pallet_index(40)]
	pub type Marketplace = pallet_marketplace;
	#[runtime::pallet_index(41)]
	pub type Dam = pallet_dam;

	#[runtime::pallet_index(42)]
	pub type Vaults = pallet_vaults;

	#[runtime::pallet_index(43)]
	pub type Rewards = pallet_rewards;

	#[runtime::pallet_index(44)]
	pub type Slashing = pallet_slashing;

	#[runtime::pallet_index(45)]
	pub type Validators = pallet_validators;

	// The DEX comes after the marketplace, whose whitelist decides which genesis pools may
	// exist.
	#[runtime::pallet_index(50)]
	pub type PoolAssets = pallet_assets<Instance2>;
	#[runtime::pallet_index(51)]
	pub type AssetConversion = pallet_asset_conversion;
	#[runtime::pallet_index(52)]
	pub type AssetTxPayment = pallet_asset_conversion_tx_payment;

	// Their hooks run after Aura's, in this order: each block's author is noted before the
	// session that ends in the block is rotated.
	#[runtime::pallet_index(7)]
	pub type Authorship = pallet_authorship;
	#[runtime::pallet_index(8)]
	pub type Offences = pallet_offences;
	#[runtime::pallet_index(9)]
	pub type Historical = pallet_session::historical;
	#[runtime::pallet_index(12)]
	pub type Session = pallet_session;
}
