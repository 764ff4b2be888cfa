//! # Slashing pallet
//!
//! Penalties on Collateral DAMs, with a dispute window.
//!
//! ## The flow
//!
//! 1. The manager of a live Collateral Network calls `request_penalty` on a DAM installed in
//!    it. The amount is capped at the Network's `max_penalty` × the installation's effective
//!    commitment, less what is already pending on that installation. In the same call the
//!    amount leaves the DAM's books into a dispute vault locked for the Network's
//!    `dispute_window`: the DAM's exchange rate falls at once for every share, active or
//!    queued for withdrawal, with nothing iterating over delegators. Rewards are settled
//!    first, and the DAM's other Networks see its lower active stake (restaking).
//! 2. Inside the window, the DAM's manager or the installation's Operator may `dispute` it.
//! 3. The resolver (the Network's `resolver` account, or the governance origin when there is
//!    none) may `veto` a disputed penalty, which returns the assets to the DAM and restores
//!    its exchange rate exactly, or `uphold` it.
//! 4. Anyone may `execute` an upheld penalty, or an undisputed one once its window closed: the
//!    assets go to the Network's penalty destination (its safe or the protocol treasury).
//!    They are not burned.
//! 5. Governance may `cancel` any penalty not yet executed; its assets go back to the DAM.
//!
//! ## Exits while a penalty is pending
//!
//! While a DAM has a penalty that is not resolved, its deposits and withdrawal claims wait
//! (`Dam::PenaltyPending`); requests to withdraw and share transfers still go through. So
//! nobody leaves at the reduced rate and nobody buys in at it: a veto restores exactly the
//! holders of the moment the penalty was requested, whoever holds their shares by then. This
//! is the Symbiotic / EigenLayer rule that queued withdrawals stay slashable, taken to the end
//! of the dispute, and it closes the gap between a penalty request and its execution that an
//! operator could otherwise escape through.
//!
//! ## Invariants
//!
//! Checked by `try_state`, and after every test of the DAM pallet:
//! - each installation's pending amount is the sum of its open penalties;
//! - each DAM counts exactly its open penalties;
//! - every open penalty is listed under its DAM.
//!
//! ## Layout
//!
//! This file declares the pallet. The logic lives in [`dispatchables`], [`queries`] (the
//! runtime API) and [`invariants`].

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod dispatchables;
mod invariants;
pub mod queries;
pub mod types;
pub mod weights;

pub use nektar_primitives::{
	DamId, DamShares, DamSlashing, MarketplaceInterface, NetworkId, VaultsInterface,
};
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

use polkadot_sdk::{frame_support, frame_system};

/// What the benchmarks need from the runtime.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// A live Collateral Network with no resolver, and a DAM installed in it with a
	/// commitment backed by deposits; returns the Network, its manager, the DAM and its
	/// manager.
	fn committed_dam() -> (NetworkId, AccountId, DamId, AccountId);
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{pallet_prelude::*, traits::tokens::Balance as BalanceT};
	use frame_system::pallet_prelude::*;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the slashing pallet.
	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config {
		/// The balance of the native token and of every asset.
		type Balance: BalanceT + Into<u128> + TryFrom<u128>;

		/// An asset: the native token or a `pallet-assets` asset.
		type AssetKind: Parameter + Member + MaxEncodedLen + Ord;

		/// The marketplace: Networks, their penalty terms and installations.
		type Marketplace: MarketplaceInterface<
			Self::AccountId,
			Self::AssetKind,
			BalanceOf<Self>,
			BlockNumberFor<Self>,
		>;

		/// The DAMs: their books and effective commitments.
		type Dams: DamSlashing<Self::AccountId, BalanceOf<Self>, BlockNumberFor<Self>>
			+ DamShares<Self::AccountId, BalanceOf<Self>>;

		/// The vaults, where penalties wait.
		type Vaults: VaultsInterface<
			Self::AccountId,
			Self::AssetKind,
			BalanceOf<Self>,
			BlockNumberFor<Self>,
		>;

		/// Root or a 2/3 Council motion: resolves penalties of Networks without a resolver,
		/// and cancels any penalty.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The protocol treasury, where executed penalties go unless a Network names its safe.
		type Treasury: Get<Self::AccountId>;

		/// The longest reason a Network may give, in bytes.
		#[pallet::constant]
		type MaxReasonLength: Get<u32>;

		/// The most open penalties one DAM may have.
		#[pallet::constant]
		type MaxOpenPenalties: Get<u32>;

		/// How many resolved penalties each DAM's history keeps.
		#[pallet::constant]
		type MaxHistory: Get<u32>;

		/// The weights of the calls.
		type WeightInfo: WeightInfo;

		/// Sets up penalised DAMs for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// The id the next penalty gets.
	#[pallet::storage]
	pub type NextPenaltyId<T: Config> = StorageValue<_, PenaltyId, ValueQuery>;

	/// Every penalty not yet executed, vetoed or cancelled.
	#[pallet::storage]
	pub type Penalties<T: Config> = StorageMap<_, Blake2_128Concat, PenaltyId, PenaltyOf<T>>;

	/// What is pending on each installation, (Network, DAM): the sum of its open penalties.
	#[pallet::storage]
	pub type Pending<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		NetworkId,
		Blake2_128Concat,
		DamId,
		BalanceOf<T>,
		ValueQuery,
	>;

	/// The open penalties of each DAM.
	#[pallet::storage]
	pub type DamPenalties<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		DamId,
		BoundedVec<PenaltyId, T::MaxOpenPenalties>,
		ValueQuery,
	>;

	/// The most recent resolved penalties of each DAM, oldest first.
	#[pallet::storage]
	pub type History<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		DamId,
		BoundedVec<(PenaltyId, PenaltyOf<T>), T::MaxHistory>,
		ValueQuery,
	>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A Network requested `amount` from a DAM; it waits in dispute `vault` until
		/// `window_ends`.
		PenaltyRequested {
			penalty: PenaltyId,
			network: NetworkId,
			dam: DamId,
			amount: BalanceOf<T>,
			vault: nektar_primitives::VaultId,
			window_ends: BlockNumberFor<T>,
		},
		/// The DAM's manager or Operator disputed a penalty.
		PenaltyDisputed { penalty: PenaltyId, by: T::AccountId },
		/// The resolver upheld a disputed penalty: it can be executed.
		PenaltyUpheld { penalty: PenaltyId },
		/// A penalty was executed: `amount` went to `to`.
		PenaltyExecuted { penalty: PenaltyId, to: T::AccountId, amount: BalanceOf<T> },
		/// The resolver vetoed a penalty: `amount` went back to the DAM.
		PenaltyVetoed { penalty: PenaltyId, dam: DamId, amount: BalanceOf<T> },
		/// Governance cancelled a penalty: `amount` went back to the DAM.
		PenaltyCancelled { penalty: PenaltyId, dam: DamId, amount: BalanceOf<T> },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No Network has this id.
		NetworkNotFound,
		/// Only the Network's manager may request penalties.
		NotNetworkManager,
		/// Only a Collateral Network penalises.
		NotCollateral,
		/// The Network is not live.
		NetworkNotLive,
		/// The DAM has no active installation of the Network.
		NotInstalled,
		/// The amount is zero.
		ZeroAmount,
		/// The amount is above `max_penalty` × the effective commitment, less what is pending.
		AboveCap,
		/// The reason is longer than `MaxReasonLength`.
		ReasonTooLong,
		/// The DAM has `MaxOpenPenalties` open penalties already.
		TooManyPenalties,
		/// No open penalty has this id.
		PenaltyNotFound,
		/// Only the DAM's manager or the installation's Operator may dispute.
		NotDisputant,
		/// Only a requested penalty may be disputed.
		NotRequested,
		/// The dispute window has closed.
		WindowClosed,
		/// Only a disputed penalty may be vetoed or upheld.
		NotDisputed,
		/// Only the Network's resolver may do this.
		NotResolver,
		/// The dispute window is still open.
		WindowOpen,
		/// The penalty is disputed: the resolver decides first.
		UnderDispute,
		/// Penalty ids are exhausted.
		PenaltyIdOverflow,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(
			_: BlockNumberFor<T>,
		) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Request a penalty of `amount` from a DAM installed in a live Collateral Network.
		/// The amount leaves the DAM's books at once into a dispute vault, locked for the
		/// Network's dispute window; it is at most `max_penalty` × the installation's
		/// effective commitment, less what is already pending on it.
		///
		/// origin: signed by the Network's manager.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::request_penalty().saturating_add(T::Dams::settlement_weight()))]
		pub fn request_penalty(
			origin: OriginFor<T>,
			network: NetworkId,
			dam: DamId,
			amount: BalanceOf<T>,
			reason: alloc::vec::Vec<u8>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_request_penalty(who, network, dam, amount, reason).map(|_| ())
		}

		/// Dispute a penalty inside its window; the resolver then vetoes or upholds it.
		///
		/// origin: signed by the DAM's manager or the installation's Operator.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::dispute())]
		pub fn dispute(origin: OriginFor<T>, penalty: PenaltyId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_dispute(who, penalty)
		}

		/// Veto a disputed penalty: its assets go back to the DAM and the exchange rate is
		/// restored.
		///
		/// origin: the Network's resolver, or the governance origin if it has none.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::veto().saturating_add(T::Dams::settlement_weight()))]
		pub fn veto(origin: OriginFor<T>, penalty: PenaltyId) -> DispatchResult {
			Self::do_veto(origin, penalty)
		}

		/// Uphold a disputed penalty: it can be executed at once.
		///
		/// origin: the Network's resolver, or the governance origin if it has none.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::uphold())]
		pub fn uphold(origin: OriginFor<T>, penalty: PenaltyId) -> DispatchResult {
			Self::do_uphold(origin, penalty)
		}

		/// Execute an upheld penalty, or an undisputed one whose window closed: its assets go
		/// to the Network's safe or the protocol treasury.
		///
		/// origin: signed by anyone.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::execute())]
		pub fn execute(origin: OriginFor<T>, penalty: PenaltyId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_execute(penalty)
		}

		/// Cancel a penalty not yet executed: its assets go back to the DAM.
		///
		/// origin: the governance origin.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::cancel().saturating_add(T::Dams::settlement_weight()))]
		pub fn cancel(origin: OriginFor<T>, penalty: PenaltyId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_cancel(penalty)
		}
	}
}
