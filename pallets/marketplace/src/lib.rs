//! # Marketplace pallet
//!
//! The marketplace is where Networks meet DAMs and Operators.
//!
//! - **Networks** register with their full terms ([`NetworkTerms`]) and put a registration
//!   deposit on hold (plus a return bond for Liquidity Networks). Governance whitelists or
//!   rejects them. A live Network can be suspended and resumed by governance, and anyone may end
//!   it once its `duration` has passed. Terms are immutable once live; metadata is not.
//! - **Assets** must be whitelisted by governance before a Network may ask for them or pay
//!   rewards in them. An asset is the native token or a `pallet-assets` asset.
//! - **Operators** register without permission, with a deposit for their record, and may leave
//!   once no DAM has them assigned.
//! - **Installations** pair a Network with a DAM. The DAM pallet asks on behalf of the DAM's
//!   catalyst; the Network manager confirms or refuses. The marketplace keeps the installation
//!   record and enforces the Network's caps: `operators_requested` installations and
//!   `amount_requested` of total exposure. The Network manager reports a performance score per
//!   installation, which scales its rewards.
//! - **Protocol parameters** ([`ProtocolParams`]) live in storage and governance sets them.
//!
//! ## Invariants
//!
//! Checked by `try_state` after every test:
//! - the holds of every account equal the deposits and bonds recorded for it;
//! - each Network's installation and request counters and total exposure equal what its
//!   installation records add up to, and stay within its caps.
//!
//! ## Layout
//!
//! This file declares the pallet. The logic lives in [`dispatchables`] (the calls),
//! [`interface`] (what the other pallets call through [`MarketplaceInspect`],
//! [`InstallationLedger`] and [`ReturnBonds`]) and
//! [`invariants`].

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod dispatchables;
mod interface;
mod invariants;
pub mod migrations;
#[cfg(test)]
mod mock;
pub mod queries;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use nektar_primitives::{
	DamId, DamInterface, InstallationGate, InstallationLedger, InstallationStatus, ManagedNetwork,
	MarketplaceInspect, NetworkId, NetworkKind, NetworkStatus, OnNetworkChange, ProtocolParams,
	ReturnBonds,
};
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

use polkadot_sdk::{frame_support, frame_system, sp_runtime};

/// What the benchmarks need from the runtime: an asset that exists. Every other pallet's
/// benchmarks set up Networks and Operators through [`MarketplaceInspect`].
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AssetKind> {
	/// An asset that exists, whitelisted or not; accounts can be funded with it.
	fn asset() -> AssetKind;
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{
		pallet_prelude::*,
		traits::{fungible, fungibles},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::{Perbill, Permill, Saturating};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(3);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the marketplace.
	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config {
		/// The native token, for registration deposits and return bonds.
		type Currency: fungible::MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ fungible::Mutate<Self::AccountId>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// An asset: the native token or a `pallet-assets` asset.
		type AssetKind: Parameter + Member + MaxEncodedLen + Ord + MaybeSerializeDeserialize;

		/// All fungible assets, to check that a whitelisted asset exists.
		type Assets: fungibles::Inspect<Self::AccountId, AssetId = Self::AssetKind>;

		/// Whitelists, rejects, suspends and resumes Networks, and whitelists and removes
		/// assets.
		type WhitelistOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Sets the protocol parameters.
		type ParamsOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The DAM pallet.
		type Dams: DamInterface<Self::AccountId>;

		/// Answers at once the installation requests of the Networks the runtime runs (the
		/// validators pallet, for Network 0); `()` leaves every request to its manager.
		type InstallationGate: InstallationGate<Self::AccountId>;

		/// Told after a Network goes live, is suspended or resumed, and after an installation
		/// changes: the rewards pallet, whose accrual follows each change.
		type EventListeners: OnNetworkChange;

		/// The longest metadata field, in bytes.
		#[pallet::constant]
		type StringLimit: Get<u32>;

		/// The longest reward token symbol, in bytes: what the synthetic reward token takes,
		/// and at most `StringLimit`.
		#[pallet::constant]
		type RewardSymbolLimit: Get<u32>;

		/// The base deposit for registering a Network.
		#[pallet::constant]
		type NetworkDepositBase: Get<BalanceOf<Self>>;

		/// The base deposit for registering an Operator.
		#[pallet::constant]
		type OperatorDepositBase: Get<BalanceOf<Self>>;

		/// The deposit per byte of metadata.
		#[pallet::constant]
		type DepositPerByte: Get<BalanceOf<Self>>;

		/// The largest `operators_requested` a Network may ask for.
		#[pallet::constant]
		type MaxOperatorsPerNetwork: Get<u32>;

		/// The weights of the calls.
		type WeightInfo: WeightInfo;

		/// Names the asset the benchmarks use.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AssetKind>;
	}

	/// Why the marketplace holds native tokens.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit for a registered Network's storage.
		NetworkDeposit,
		/// A Liquidity Network's return bond.
		ReturnBond,
		/// The deposit for a registered Operator's storage.
		OperatorDeposit,
	}

	/// The id the next registered Network gets.
	#[pallet::storage]
	pub type NextNetworkId<T: Config> = StorageValue<_, NetworkId, ValueQuery>;

	/// Every registered Network.
	#[pallet::storage]
	pub type Networks<T: Config> = StorageMap<_, Blake2_128Concat, NetworkId, NetworkOf<T>>;

	/// The metadata of each Network.
	#[pallet::storage]
	pub type Metadata<T: Config> = StorageMap<_, Blake2_128Concat, NetworkId, NetworkMetadataOf<T>>;

	/// The assets governance whitelisted as deposit or reward assets.
	#[pallet::storage]
	pub type WhitelistedAssets<T: Config> = StorageMap<_, Blake2_128Concat, T::AssetKind, ()>;

	/// Every registered Operator.
	#[pallet::storage]
	pub type Operators<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, OperatorOf<T>>;

	/// The installations, by Network and DAM.
	#[pallet::storage]
	pub type Installations<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		NetworkId,
		Blake2_128Concat,
		DamId,
		InstallationOf<T>,
	>;

	/// The protocol parameters in force.
	#[pallet::storage]
	pub type Params<T: Config> =
		StorageValue<_, ProtocolParams<BlockNumberFor<T>>, ValueQuery, DefaultParams<T>>;

	/// The production defaults of the protocol parameters.
	pub struct DefaultParams<T>(core::marker::PhantomData<T>);
	impl<T: Config> Get<ProtocolParams<BlockNumberFor<T>>> for DefaultParams<T> {
		fn get() -> ProtocolParams<BlockNumberFor<T>> {
			let day: BlockNumberFor<T> = 14_400u32.into();
			let week = day.saturating_mul(7u32.into());
			ProtocolParams {
				max_dam_fee: Perbill::from_percent(20),
				max_operator_commission: Perbill::from_percent(50),
				withdrawal_delay: week,
				commitment_delay: week,
				min_dispute_window: day.saturating_mul(2u32.into()),
				max_dispute_window: day.saturating_mul(14u32.into()),
				resolution_period: week,
				min_penalty: Perbill::from_rational(1u32, 1_000u32),
				fee_increase_delay: week,
				repay_grace: week,
				blocks_per_day: day,
			}
		}
	}

	/// The genesis state of the marketplace.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The protocol parameters; the production defaults if `None`.
		pub params: Option<ProtocolParams<BlockNumberFor<T>>>,
		/// The assets whitelisted from the start.
		pub whitelisted_assets: Vec<T::AssetKind>,
		/// Networks live from the start, with ids from 0 in this order: each one's manager,
		/// terms, name and reward symbol. They hold no registration deposit. Network 0 is the
		/// chain's own, whose installations back its validators.
		pub networks: Vec<GenesisNetworkOf<T>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			if let Some(params) = self.params {
				Pallet::<T>::ensure_valid_params(&params)
					.expect("the genesis parameters are valid");
				Params::<T>::put(params);
			}
			for asset in &self.whitelisted_assets {
				WhitelistedAssets::<T>::insert(asset, ());
			}
			for (manager, terms, name, reward_symbol) in &self.networks {
				Pallet::<T>::create_live_network(
					manager.clone(),
					terms.clone(),
					name.clone(),
					reward_symbol.clone(),
				)
				.expect("the genesis Networks are valid");
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A Network registered and waits for governance.
		NetworkRegistered {
			network: NetworkId,
			manager: T::AccountId,
			kind: NetworkKind,
			deposit: BalanceOf<T>,
			bond: BalanceOf<T>,
		},
		/// Governance whitelisted a Network; it is live from `live_since`.
		NetworkWhitelisted { network: NetworkId, live_since: BlockNumberFor<T> },
		/// Governance rejected a Network; its deposit and bond are released and it is removed.
		NetworkRejected {
			network: NetworkId,
			deposit_released: BalanceOf<T>,
			bond_released: BalanceOf<T>,
		},
		/// Governance suspended a Network.
		NetworkSuspended { network: NetworkId },
		/// Governance resumed a suspended Network.
		NetworkResumed { network: NetworkId },
		/// A Network's duration passed and it ended.
		NetworkEnded { network: NetworkId, at: BlockNumberFor<T> },
		/// A Network's manager changed its metadata; the deposit follows its size.
		NetworkMetadataSet { network: NetworkId, deposit: BalanceOf<T> },
		/// Governance whitelisted an asset.
		AssetWhitelisted { asset: T::AssetKind },
		/// Governance removed an asset from the whitelist.
		AssetRemoved { asset: T::AssetKind },
		/// An Operator registered.
		OperatorRegistered { operator: T::AccountId, deposit: BalanceOf<T> },
		/// An Operator left; its deposit is released.
		OperatorDeregistered { operator: T::AccountId, deposit_released: BalanceOf<T> },
		/// A DAM asked to install a Network, run by `operator`.
		InstallationRequested { network: NetworkId, dam: DamId, operator: T::AccountId },
		/// The Network confirmed an installation; it accepts up to `max_exposure` from it.
		InstallationConfirmed { network: NetworkId, dam: DamId, max_exposure: BalanceOf<T> },
		/// The Network refused a requested installation.
		InstallationRefused { network: NetworkId, dam: DamId },
		/// An installation was removed.
		InstallationRemoved { network: NetworkId, dam: DamId },
		/// The exposure of an installation changed; `network_total` is the Network's new total.
		ExposureSet {
			network: NetworkId,
			dam: DamId,
			exposure: BalanceOf<T>,
			network_total: BalanceOf<T>,
		},
		/// The Network reported the performance of an installation.
		PerformanceReported { network: NetworkId, dam: DamId, score: Permill },
		/// Governance set the protocol parameters.
		ParamsSet { params: ProtocolParams<BlockNumberFor<T>> },
		/// An ended Liquidity Network did not repay in time and defaulted.
		NetworkDefaulted { network: NetworkId },
		/// Part of a defaulted Network's return bond went to `to`, a DAM it owed.
		BondPaid { network: NetworkId, to: T::AccountId, amount: BalanceOf<T> },
		/// What was left of a Network's return bond went back to its manager.
		BondReleased { network: NetworkId, amount: BalanceOf<T> },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No Network has this id.
		NetworkNotFound,
		/// Only the Network's manager may do this.
		NotNetworkManager,
		/// The Network is not `Pending`.
		NetworkNotPending,
		/// The Network is not `Live`.
		NetworkNotLive,
		/// The Network is not `Suspended`.
		NetworkNotSuspended,
		/// The Network's duration has not passed yet.
		DurationNotOver,
		/// Network ids are exhausted.
		NetworkIdOverflow,
		/// The asset is not whitelisted.
		AssetNotWhitelisted,
		/// The asset is already whitelisted.
		AssetAlreadyWhitelisted,
		/// No such asset exists.
		UnknownAsset,
		/// `amount_requested` is zero.
		ZeroAmountRequested,
		/// `min_allocation` is zero.
		ZeroMinAllocation,
		/// `min_allocation` is above `amount_requested`.
		MinAllocationAboveRequested,
		/// `operators_requested` is zero.
		ZeroOperatorsRequested,
		/// `operators_requested` is above `MaxOperatorsPerNetwork`.
		TooManyOperatorsRequested,
		/// `duration` is zero.
		ZeroDuration,
		/// A Liquidity or Growth Network needs a `lock_period`.
		MissingLockPeriod,
		/// A Collateral Network takes no `lock_period`.
		UnexpectedLockPeriod,
		/// `lock_period` is zero.
		ZeroLockPeriod,
		/// A Liquidity Network, or a Collateral Network whose penalties go to its safe, needs a
		/// `safe`.
		MissingSafe,
		/// Only a Liquidity Network, or a Collateral Network whose penalties go to its safe,
		/// takes a `safe`.
		UnexpectedSafe,
		/// A Collateral Network needs penalty terms.
		MissingPenaltyTerms,
		/// Only a Collateral Network takes penalty terms.
		UnexpectedPenaltyTerms,
		/// `max_penalty` is zero.
		ZeroMaxPenalty,
		/// `dispute_window` is shorter than the protocol's `min_dispute_window`.
		DisputeWindowTooShort,
		/// `dispute_window` is longer than the protocol's `max_dispute_window`.
		DisputeWindowTooLong,
		/// A Liquidity Network needs a non-zero `return_bond`.
		MissingReturnBond,
		/// Only a Liquidity Network takes a `return_bond`.
		UnexpectedReturnBond,
		/// Neither reward rate is above zero.
		ZeroRewardRates,
		/// The name is longer than `StringLimit`.
		NameTooLong,
		/// The description is longer than `StringLimit`.
		DescriptionTooLong,
		/// The url is longer than `StringLimit`.
		UrlTooLong,
		/// The reward token symbol is longer than `RewardSymbolLimit`, the most its synthetic
		/// token takes.
		SymbolTooLong,
		/// A metadata field is not UTF-8 text free of control characters.
		InvalidText,
		/// The name is empty.
		EmptyName,
		/// The reward token symbol is empty.
		EmptyRewardSymbol,
		/// The account is already a registered Operator.
		AlreadyOperator,
		/// The account is not a registered Operator.
		NotOperator,
		/// The Operator is still assigned to a DAM.
		OperatorHasAssignments,
		/// The DAM already has an installation of this Network, requested or active.
		InstallationExists,
		/// There is no installation of this Network in this DAM.
		InstallationNotFound,
		/// The installation is not waiting for an answer.
		InstallationNotRequested,
		/// The installation is not active.
		InstallationNotActive,
		/// The DAM's kind differs from the Network's.
		KindMismatch,
		/// The DAM's deposit asset differs from the Network's.
		DepositAssetMismatch,
		/// The Network has as many confirmed installations as it asked for.
		OperatorCapReached,
		/// The Network has `MaxOperatorsPerNetwork` requests waiting for an answer.
		TooManyRequests,
		/// A non-zero exposure below the Network's `min_allocation`.
		ExposureBelowMinimum,
		/// An exposure above the installation's `max_exposure`.
		ExposureAboveMaximum,
		/// The Network's total exposure would exceed its `amount_requested`.
		AmountRequestedExceeded,
		/// The installation still has exposure; bring it to zero first.
		ExposureOutstanding,
		/// `max_exposure` is below the Network's `min_allocation` or above its
		/// `amount_requested`.
		InvalidMaxExposure,
		/// `blocks_per_day` is zero.
		ZeroBlocksPerDay,
		/// `withdrawal_delay` is zero.
		ZeroWithdrawalDelay,
		/// `min_dispute_window` is zero.
		ZeroMinDisputeWindow,
		/// `min_dispute_window` is above `max_dispute_window`.
		MinDisputeWindowAboveMax,
		/// `commitment_delay` is zero.
		ZeroCommitmentDelay,
		/// `commitment_delay` is above `withdrawal_delay`: queued stake would leave before a
		/// lowered commitment stops being slashable.
		CommitmentDelayAboveWithdrawalDelay,
		/// `resolution_period` is zero.
		ZeroResolutionPeriod,
		/// `min_penalty` is zero.
		ZeroMinPenalty,
		/// A lowered commitment of the installation is still slashable: it can be removed
		/// `commitment_delay` blocks after the commitment reached zero, or once the Network is
		/// over.
		CommitmentStillSlashable,
		/// Only an ended Network can default.
		NetworkNotEnded,
		/// The bond holds less than that.
		InsufficientBond,
		/// The terms' `operator_commission` is above the protocol's `max_operator_commission`.
		OperatorCommissionAboveMax,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::StringLimit::get() > 0, "metadata fields need room");
			assert!(
				T::RewardSymbolLimit::get() > 0
					&& T::RewardSymbolLimit::get() <= T::StringLimit::get(),
				"a reward symbol needs room, and is a metadata field"
			);
			assert!(
				T::MaxOperatorsPerNetwork::get() > 0,
				"a Network asks for at least one Operator"
			);
		}
		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Register a Network with its terms and metadata. It stays `Pending` until governance
		/// whitelists or rejects it.
		///
		/// Emits `NetworkRegistered`.
		///
		/// origin: signed; the signer becomes the Network's manager.
		///
		/// - `terms`: what the Network asks for and offers (see `NetworkTerms`). Both assets
		///   must be whitelisted; the fields a kind needs must be there and the fields of other
		///   kinds must be absent.
		/// - `name`, `description`, `url`, `reward_symbol`: metadata, each at most
		///   `StringLimit` bytes; `reward_symbol` names the synthetic reward token.
		///
		/// Puts `NetworkDepositBase + DepositPerByte × metadata bytes` on hold, plus the return
		/// bond of a Liquidity Network.
		#[pallet::call_index(0)]
		pub fn register_network(
			origin: OriginFor<T>,
			terms: NetworkTermsOf<T>,
			name: Vec<u8>,
			description: Vec<u8>,
			url: Vec<u8>,
			reward_symbol: Vec<u8>,
		) -> DispatchResult {
			let manager = ensure_signed(origin)?;
			let metadata = Self::bound_network_metadata(name, description, url, reward_symbol)?;
			Self::do_register_network(manager, terms, metadata)?;
			Ok(())
		}

		/// Whitelist a pending Network: it goes live now and its duration starts.
		///
		/// Emits `NetworkWhitelisted`.
		///
		/// origin: must pass `WhitelistOrigin`.
		///
		/// - `network`: the pending Network.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::whitelist_network().saturating_add(T::EventListeners::hook_weight()))]
		pub fn whitelist_network(origin: OriginFor<T>, network: NetworkId) -> DispatchResult {
			T::WhitelistOrigin::ensure_origin(origin)?;
			Self::do_whitelist_network(network)
		}

		/// Reject a pending Network: its deposit and bond are released and it is removed.
		///
		/// Emits `NetworkRejected`.
		///
		/// origin: must pass `WhitelistOrigin`.
		///
		/// - `network`: the pending Network.
		#[pallet::call_index(2)]
		pub fn reject_network(origin: OriginFor<T>, network: NetworkId) -> DispatchResult {
			T::WhitelistOrigin::ensure_origin(origin)?;
			Self::do_reject_network(network)
		}

		/// Suspend a live Network: no new installations or exposure until it is resumed.
		///
		/// Emits `NetworkSuspended`.
		///
		/// origin: must pass `WhitelistOrigin`.
		///
		/// - `network`: the live Network.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::suspend_network().saturating_add(T::EventListeners::hook_weight()))]
		pub fn suspend_network(origin: OriginFor<T>, network: NetworkId) -> DispatchResult {
			T::WhitelistOrigin::ensure_origin(origin)?;
			Self::do_set_suspended(network, true)
		}

		/// Resume a suspended Network.
		///
		/// Emits `NetworkResumed`.
		///
		/// origin: must pass `WhitelistOrigin`.
		///
		/// - `network`: the suspended Network.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::resume_network().saturating_add(T::EventListeners::hook_weight()))]
		pub fn resume_network(origin: OriginFor<T>, network: NetworkId) -> DispatchResult {
			T::WhitelistOrigin::ensure_origin(origin)?;
			Self::do_set_suspended(network, false)
		}

		/// End a live or suspended Network whose duration has passed.
		///
		/// Emits `NetworkEnded`.
		///
		/// origin: signed; anyone may call it.
		///
		/// - `network`: the Network to end.
		#[pallet::call_index(5)]
		pub fn end_network(origin: OriginFor<T>, network: NetworkId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_end_network(network)
		}

		/// Whitelist an asset as a deposit or reward asset.
		///
		/// Emits `AssetWhitelisted`.
		///
		/// origin: must pass `WhitelistOrigin`.
		///
		/// - `asset`: `Native`, or `WithId(id)` of an existing `pallet-assets` asset.
		#[pallet::call_index(6)]
		pub fn whitelist_asset(origin: OriginFor<T>, asset: T::AssetKind) -> DispatchResult {
			T::WhitelistOrigin::ensure_origin(origin)?;
			Self::do_whitelist_asset(asset)
		}

		/// Remove an asset from the whitelist. Networks already registered keep their terms;
		/// new Networks can no longer use it.
		///
		/// Emits `AssetRemoved`.
		///
		/// origin: must pass `WhitelistOrigin`.
		///
		/// - `asset`: a whitelisted asset.
		#[pallet::call_index(7)]
		pub fn remove_asset(origin: OriginFor<T>, asset: T::AssetKind) -> DispatchResult {
			T::WhitelistOrigin::ensure_origin(origin)?;
			Self::do_remove_asset(asset)
		}

		/// Register as an Operator. No permission is needed; a deposit of
		/// `OperatorDepositBase + DepositPerByte × metadata bytes` is put on hold.
		///
		/// Emits `OperatorRegistered`.
		///
		/// origin: signed; the signer becomes an Operator.
		///
		/// - `name`: the Operator's name, at most `StringLimit` bytes, not empty.
		/// - `url`: a website or contact, at most `StringLimit` bytes.
		#[pallet::call_index(8)]
		pub fn register_operator(
			origin: OriginFor<T>,
			name: Vec<u8>,
			url: Vec<u8>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_register_operator(who, name, url)
		}

		/// Stop being an Operator and release the deposit. Only possible once no DAM has the
		/// Operator assigned.
		///
		/// Emits `OperatorDeregistered`.
		///
		/// origin: signed by a registered Operator.
		#[pallet::call_index(9)]
		pub fn deregister_operator(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_deregister_operator(who)
		}

		/// Confirm a requested installation of the Network into a DAM.
		///
		/// Emits `InstallationConfirmed`.
		///
		/// origin: signed by the Network's manager.
		///
		/// - `network`, `dam`: the requested installation.
		/// - `max_exposure`: the most this installation may allocate or commit; `None` means
		///   the Network's whole `amount_requested`.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::confirm_installation().saturating_add(T::EventListeners::hook_weight()))]
		pub fn confirm_installation(
			origin: OriginFor<T>,
			network: NetworkId,
			dam: DamId,
			max_exposure: Option<BalanceOf<T>>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_confirm_installation(who, network, dam, max_exposure)
		}

		/// Remove an active installation that backs nothing: no allocation, loan, license or
		/// commitment, and no lowered commitment still slashable. It frees the slot for
		/// another Operator and stops the installation's operator rewards. The DAM's holders
		/// keep what they earned. Not while the Network has a penalty open on the DAM.
		///
		/// Emits `InstallationRemoved`.
		///
		/// origin: signed by the Network's manager.
		///
		/// - `network`, `dam`: the installation.
		#[pallet::call_index(15)]
		pub fn evict_installation(
			origin: OriginFor<T>,
			network: NetworkId,
			dam: DamId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_evict_installation(who, network, dam)
		}

		/// Refuse a requested installation of the Network into a DAM; the request is dropped.
		///
		/// Emits `InstallationRefused`.
		///
		/// origin: signed by the Network's manager.
		///
		/// - `network`, `dam`: the requested installation.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::refuse_installation().saturating_add(T::EventListeners::hook_weight()))]
		pub fn refuse_installation(
			origin: OriginFor<T>,
			network: NetworkId,
			dam: DamId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_refuse_installation(who, network, dam)
		}

		/// Report how well an installation performs. The score scales the installation's
		/// reward accrual from now on.
		///
		/// Emits `PerformanceReported`.
		///
		/// origin: signed by the Network's manager.
		///
		/// - `network`, `dam`: an active installation.
		/// - `score`: 100% for full service, 0% for none.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::report_performance().saturating_add(T::EventListeners::hook_weight()))]
		pub fn report_performance(
			origin: OriginFor<T>,
			network: NetworkId,
			dam: DamId,
			score: Permill,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_report_performance(who, network, dam, score)
		}

		/// Change a Network's metadata. The terms cannot change; the deposit follows the new
		/// metadata size.
		///
		/// Emits `NetworkMetadataSet`.
		///
		/// origin: signed by the Network's manager.
		///
		/// - `network`: the Network.
		/// - `name`, `description`, `url`, `reward_symbol`: as in `register_network`.
		#[pallet::call_index(13)]
		pub fn set_network_metadata(
			origin: OriginFor<T>,
			network: NetworkId,
			name: Vec<u8>,
			description: Vec<u8>,
			url: Vec<u8>,
			reward_symbol: Vec<u8>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let metadata = Self::bound_network_metadata(name, description, url, reward_symbol)?;
			Self::do_set_network_metadata(who, network, metadata)
		}

		/// Set the protocol parameters.
		///
		/// Emits `ParamsSet`.
		///
		/// origin: must pass `ParamsOrigin`.
		///
		/// - `params`: the new parameters; `blocks_per_day`, `withdrawal_delay` and
		///   `min_dispute_window` must be above zero.
		#[pallet::call_index(14)]
		pub fn set_params(
			origin: OriginFor<T>,
			params: ProtocolParams<BlockNumberFor<T>>,
		) -> DispatchResult {
			T::ParamsOrigin::ensure_origin(origin)?;
			Self::ensure_valid_params(&params)?;
			Params::<T>::put(params);
			Self::deposit_event(Event::ParamsSet { params });
			Ok(())
		}
	}
}
