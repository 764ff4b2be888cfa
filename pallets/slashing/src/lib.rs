//! # Slashing pallet
//!
//! Penalties on Collateral DAMs, with a dispute window.
//!
//! ## The flow
//!
//! 1. The manager of a live Collateral Network calls `request_penalty` on a DAM installed in
//!    it. The amount is between `min_penalty` and `max_penalty` × the installation's
//!    *slashable exposure* (below). A Network has at most one open penalty on a DAM, so no
//!    Network can fill the room another needs. In the same call the amount leaves the DAM's
//!    books into a dispute vault locked for the Network's `dispute_window` (at most the
//!    protocol's `max_dispute_window`): the DAM's exchange rate falls at once for every share,
//!    active or queued for withdrawal, with nothing iterating over delegators. Rewards are
//!    settled first, and the DAM's other Networks see its lower active stake (restaking).
//! 2. Inside the window, the DAM's manager or the installation's Operator may `dispute` it.
//! 3. A disputed penalty must be resolved by `resolve_by = window_ends + resolution_period`.
//!    Until then the Network's `resolver` account, or the governance origin (every Network's
//!    fallback resolver), may `veto` it, which returns the assets to the DAM and restores its
//!    exchange rate for the holders of the moment, or `uphold` it. Silence upholds: a dispute
//!    nobody resolved by the deadline no longer stops its execution.
//! 4. Anyone may `execute` an upheld penalty, an undisputed one once its window closed, or a
//!    disputed one past its deadline: the assets go to the Network's penalty destination (its
//!    safe or the protocol treasury). They are not burned.
//! 5. Governance may `cancel` any penalty not yet executed; its assets go back to the DAM.
//!
//! ## What a Network can slash
//!
//! Stake must not leave faster than a Network can act on a misbehaviour. The slashable
//! exposure is `min(slashable commitment, slashable stake)`:
//! - the **slashable commitment** is the commitment, or a higher one the DAM lowered less than
//!   `commitment_delay` blocks ago (a checkpoint per installation in the marketplace). A DAM
//!   cannot uninstall while a lowered commitment is slashable, nor while the Network has a
//!   penalty open on it;
//! - the **slashable stake** is the value of every share, queued for withdrawal or not, before
//!   the open penalties lowered it. Queued shares stay slashable until they are claimed, and a
//!   claim waits `withdrawal_delay`, which is at least `commitment_delay`.
//!
//! Rewards use the active exposure instead, which leaves queued shares and lowered
//! commitments out at once.
//!
//! ## No freeze without a bound
//!
//! While a DAM has an open penalty it takes no deposits: a deposit at the lowered rate would
//! gain from a later veto. That lasts at most `max_dispute_window + resolution_period` from
//! the request. Matured withdrawal claims are never frozen: a claim during an open penalty is
//! paid at the lowered rate, the claimer's part of each open penalty is recorded by the DAM,
//! and it is paid to the claimer (`Dam::claim_compensation`) if the penalty is vetoed or
//! cancelled. So a veto leaves the claimer with what a holder who waited gets.
//!
//! ## Invariants
//!
//! Checked by `try_state`, and after every test of `nektar-integration-tests`:
//! - each installation's pending amount is the sum of its open penalties, and there is at
//!   most one open penalty per (Network, DAM);
//! - each DAM counts exactly its open penalties;
//! - every open penalty is listed under its DAM, and its resolution deadline follows its
//!   window.
//!
//! ## Layout
//!
//! This file declares the pallet. The logic lives in [`dispatchables`], [`queries`] (the
//! runtime API) and [`invariants`]. Its tests run it against doubles of the marketplace, the
//! DAM pallet and the vaults.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod dispatchables;
mod invariants;
pub mod migrations;
#[cfg(test)]
mod mock;
pub mod queries;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use nektar_primitives::{DamId, DamProvider, MarketplaceInspect, NetworkId, VaultsInterface};
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

use polkadot_sdk::{frame_support, frame_system};

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{pallet_prelude::*, traits::tokens::Balance as BalanceT};
	use frame_system::pallet_prelude::*;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

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
		type Marketplace: MarketplaceInspect<
			AccountId = Self::AccountId,
			AssetKind = Self::AssetKind,
			Balance = BalanceOf<Self>,
			BlockNumber = BlockNumberFor<Self>,
		>;

		/// The DAMs: their books and effective commitments.
		type Dams: DamProvider<
			AccountId = Self::AccountId,
			Balance = BalanceOf<Self>,
			BlockNumber = BlockNumberFor<Self>,
		>;

		/// The vaults, where penalties wait.
		type Vaults: VaultsInterface<
			AccountId = Self::AccountId,
			AssetKind = Self::AssetKind,
			Balance = BalanceOf<Self>,
			BlockNumber = BlockNumberFor<Self>,
		>;

		/// Root or a 2/3 Council motion: resolves penalties of Networks without a resolver,
		/// and cancels any penalty.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The protocol treasury, where executed penalties go unless a Network names its safe.
		type Treasury: Get<Self::AccountId>;

		/// The longest reason a Network may give, in bytes.
		#[pallet::constant]
		type MaxReasonLength: Get<u32>;

		/// The most open penalties one DAM may have. Each Network has at most one open on a
		/// DAM, and a DAM cannot uninstall a Network with an open penalty, so this is the most
		/// installations a DAM may have.
		#[pallet::constant]
		type MaxOpenPenalties: Get<u32>;

		/// How many resolved penalties each DAM's history keeps.
		#[pallet::constant]
		type MaxHistory: Get<u32>;

		/// The weights of the calls.
		type WeightInfo: WeightInfo;
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
		/// `window_ends`. A dispute of it must be resolved by `resolve_by`.
		PenaltyRequested {
			penalty: PenaltyId,
			network: NetworkId,
			dam: DamId,
			amount: BalanceOf<T>,
			vault: nektar_primitives::VaultId,
			window_ends: BlockNumberFor<T>,
			resolve_by: BlockNumberFor<T>,
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
		/// The amount is above `max_penalty` × the slashable exposure.
		AboveCap,
		/// The amount is below `min_penalty` × the slashable exposure.
		BelowMinPenalty,
		/// The Network already has an open penalty on this DAM: a second offence waits for it
		/// to close, or goes into one larger request.
		PenaltyOpen,
		/// The resolution deadline (`resolve_by`) has passed: silence upheld the penalty.
		ResolutionClosed,
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
		/// Only the Network's resolver or the governance origin may do this.
		NotResolver,
		/// The dispute window is still open.
		WindowOpen,
		/// The penalty is disputed: the resolver decides first, until `resolve_by`.
		UnderDispute,
		/// Penalty ids are exhausted.
		PenaltyIdOverflow,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxReasonLength::get() > 0, "a penalty's reason needs room");
			assert!(T::MaxOpenPenalties::get() > 0, "a DAM may face at least one open penalty");
			assert!(T::MaxHistory::get() > 0, "a resolved penalty goes to the DAM's history");
		}
		#[cfg(feature = "try-runtime")]
		fn try_state(
			_: BlockNumberFor<T>,
		) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Request a penalty of `amount` from a DAM installed in a live Collateral Network.
		/// The amount leaves the DAM's books at once into a dispute vault, locked for the
		/// Network's dispute window.
		///
		/// The amount is between `min_penalty` and `max_penalty` × the slashable exposure:
		/// `min(slashable commitment, slashable stake)`. The slashable commitment is the
		/// highest commitment of the last `commitment_delay` blocks; the slashable stake is
		/// the value of every share, queued for withdrawal or not, before open penalties. A
		/// Network has at most one open penalty on a DAM.
		///
		/// Emits `PenaltyRequested`.
		///
		/// origin: signed by the Network's manager.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::request_penalty().saturating_add(T::Dams::settlement_weight()))]
		pub fn request_penalty(
			origin: OriginFor<T>,
			network: NetworkId,
			dam: DamId,
			#[pallet::compact] amount: BalanceOf<T>,
			reason: alloc::vec::Vec<u8>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_request_penalty(who, network, dam, amount, reason).map(|_| ())
		}

		/// Dispute a penalty inside its window; the resolver then vetoes or upholds it.
		///
		/// Emits `PenaltyDisputed`.
		///
		/// origin: signed by the DAM's manager or the installation's Operator.
		#[pallet::call_index(1)]
		pub fn dispute(origin: OriginFor<T>, penalty: PenaltyId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_dispute(who, penalty)
		}

		/// Veto a disputed penalty before its `resolve_by` deadline: its assets go back to the
		/// DAM and the exchange rate is restored for the holders of the moment of the request;
		/// those who claimed their withdrawals meanwhile are owed their part.
		///
		/// Emits `PenaltyVetoed`.
		///
		/// origin: the Network's resolver, or the governance origin (every Network's fallback
		/// resolver).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::veto().saturating_add(T::Dams::settlement_weight()))]
		pub fn veto(origin: OriginFor<T>, penalty: PenaltyId) -> DispatchResult {
			Self::do_veto(origin, penalty)
		}

		/// Uphold a disputed penalty before its `resolve_by` deadline: it can be executed at
		/// once.
		///
		/// Emits `PenaltyUpheld`.
		///
		/// origin: the Network's resolver, or the governance origin (every Network's fallback
		/// resolver).
		#[pallet::call_index(3)]
		pub fn uphold(origin: OriginFor<T>, penalty: PenaltyId) -> DispatchResult {
			Self::do_uphold(origin, penalty)
		}

		/// Execute an upheld penalty, an undisputed one whose window closed, or a disputed one
		/// nobody resolved by its `resolve_by` deadline (silence upholds): its assets go to the
		/// Network's safe or the protocol treasury.
		///
		/// Emits `PenaltyExecuted`, naming who received the assets: the Network's safe, or the
		/// treasury.
		///
		/// origin: signed by anyone.
		#[pallet::call_index(4)]
		// The benchmark pays the penalty to the treasury. A safe that cannot take it costs one
		// more read, of the safe's account, before the treasury takes it instead.
		#[pallet::weight(T::WeightInfo::execute().saturating_add(T::DbWeight::get().reads(1)))]
		pub fn execute(origin: OriginFor<T>, penalty: PenaltyId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_execute(penalty)
		}

		/// Cancel a penalty not yet executed: its assets go back to the DAM.
		///
		/// Emits `PenaltyCancelled`.
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
