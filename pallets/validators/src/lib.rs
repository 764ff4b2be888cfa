//! # Validators pallet
//!
//! The chain's validators are Operators of its own marketplace. The chain is Network 0: a
//! Collateral Network, live from genesis, whose manager is this pallet's account and whose
//! resolver is governance. A DAM installs Network 0 naming the Operator who runs the
//! validator, and commits stake to it; that commitment is the Operator's backing, and it is
//! slashable like any other.
//!
//! ## Selection
//!
//! At every session the pallet plans the set of the session after next (pallet-session's
//! delay of one session):
//! 1. every Operator of an active installation of Network 0 is a candidate. Its *backing* is
//!    the sum of the slashable exposure to Network 0 of the installations it runs;
//! 2. candidates are ranked by backing, highest first, ties broken by the lower account id;
//! 3. a candidate is selected if it has session keys, its backing is at least
//!    [`MinValidatorBacking`], it did not just offend, and there is room: at most
//!    [`MaxValidators`];
//! 4. governance's [`Invulnerables`] with session keys fill the seats left;
//! 5. a set smaller than [`MinValidators`] is not used: the current set carries on.
//!
//! The pallet implements `pallet_session::SessionManager` (and its `historical` variant), and
//! ends sessions itself every [`SessionLength`] blocks.
//!
//! ## Joining
//!
//! An installation request into Network 0 is confirmed at once, without a manager's call,
//! when the Operator has session keys; it fails with [`Error::NoSessionKeys`] otherwise.
//! Network 0's `min_allocation` is the backing a validator needs at genesis, so a smaller
//! non-zero commitment is refused by the marketplace. An installation that still backs
//! nothing at the end of the session after the one that first found it idle is evicted
//! ([`IdleSince`]): Network 0's places are not held without a commitment.
//!
//! ## Rewards and performance
//!
//! At the end of every session the pallet:
//! - reports each installation's performance: the blocks its Operator authored in the
//!   session against the Aura slots assigned to it (zero if it did not validate);
//! - funds Network 0's reward program with [`ValidatorRewardPerSession`] from the treasury.
//!
//! Delegators earn Network 0's synthetic token and redeem it for NEK; Operators claim operator
//! rewards and their commission as for any Network.
//!
//! ## Offences
//!
//! An offence proved on-chain (a GRANDPA equivocation, through pallet-offences and historical
//! session proofs) disables the offender at once, keeps it out of the next set planned, and
//! becomes a penalty requested by Network 0 on each DAM that backs the offender: the
//! offence's slash fraction of its slashable exposure, at least the protocol's minimum
//! penalty. The penalty goes through the normal dispute flow, with governance as resolver.
//! A Network has one open penalty per DAM at a time: an offence that finds Network 0's
//! penalty on a DAM still open is owed in [`DeferredPenalties`], summed with any other owed,
//! and requested at the end of the first session after that penalty closes.
//! Aura block equivocations cannot be proved on-chain (a limit of upstream Aura): an Operator
//! that authors twice in a slot is not slashed, and a missed slot earns nothing.
//!
//! ## Invariants
//!
//! Checked by `try_state` after every test:
//! - the invulnerables are distinct and at most `Config::MaxAuthorities`;
//! - `1 <= MinValidators <= MaxValidators <= Config::MaxAuthorities`, and the session length
//!   is at least [`MIN_SESSION_LENGTH`];
//! - the current session has an end in the future, at most a session length away;
//! - the session's authored-block counts cover at most the current validators;
//! - every deferred penalty owes a non-zero amount.
//!
//! ## Layout
//!
//! This file declares the pallet. The logic lives in [`selection`] (ranking and the session
//! hooks), [`offences`], [`queries`] (the runtime API) and [`invariants`].

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod invariants;
pub mod migrations;
#[cfg(test)]
mod mock;
pub mod offences;
pub mod queries;
pub mod selection;
#[cfg(test)]
mod tests;
pub mod weights;

pub use nektar_primitives::{DamId, NetworkId};
pub use pallet::*;
pub use polkadot_sdk::sp_staking::SessionIndex;
pub use weights::WeightInfo;

use alloc::vec::Vec;
use polkadot_sdk::{frame_support, frame_system, sp_runtime::Perbill};

/// The shortest session, in blocks.
pub const MIN_SESSION_LENGTH: u32 = 2;

/// What the validators pallet asks of the session pallet.
pub trait SessionControl<AccountId> {
	/// The validators of the current session, in authority order.
	fn validators() -> Vec<AccountId>;

	/// The validators queued for the next session.
	fn queued_validators() -> Vec<AccountId>;

	/// The current session.
	fn current_index() -> SessionIndex;

	/// Whether `who` registered session keys.
	fn has_keys(who: &AccountId) -> bool;

	/// Disables `who` in the current session, for an offence of `severity`.
	fn disable(who: &AccountId, severity: Perbill);

	/// Forgets the historical session roots before session `up_to`.
	fn prune_history(up_to: SessionIndex);

	/// Registers session keys for `who`.
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_set_keys(who: &AccountId);
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{tokens::Balance as BalanceT, EnsureOrigin},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use nektar_primitives::{
		DamProvider, ManagedNetwork, MarketplaceInspect, PenaltyRequests, RewardFunding,
	};
	use polkadot_sdk::sp_runtime::traits::{AccountIdConversion, Zero};

	/// The in-code storage version.
	#[cfg(not(feature = "upgrade-rehearsal"))]
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);
	/// The in-code storage version of the upgrade rehearsal: one more
	/// ([`crate::migrations::v2`]).
	#[cfg(feature = "upgrade-rehearsal")]
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the validators pallet.
	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config {
		/// The balance of the native token, in which backing is counted.
		type Balance: BalanceT + MaybeSerializeDeserialize;

		/// The marketplace: Network 0 and its installations.
		type Marketplace: MarketplaceInspect<
				AccountId = Self::AccountId,
				Balance = Self::Balance,
				BlockNumber = BlockNumberFor<Self>,
			> + ManagedNetwork<
				AccountId = Self::AccountId,
				Balance = Self::Balance,
				BlockNumber = BlockNumberFor<Self>,
			>;

		/// The DAMs: the slashable exposure behind each installation.
		type Dams: DamProvider<
			AccountId = Self::AccountId,
			Balance = Self::Balance,
			BlockNumber = BlockNumberFor<Self>,
		>;

		/// The rewards pallet, which funds Network 0's program.
		type Rewards: RewardFunding<Self::AccountId, Self::Balance>;

		/// The slashing pallet, which turns offences into penalties.
		type Penalties: PenaltyRequests<Self::AccountId, Self::Balance>;

		/// The session pallet: keys, the current set, disabling and historical proofs.
		type Session: SessionControl<Self::AccountId>;

		/// The current Aura slot.
		type CurrentSlot: Get<u64>;

		/// The chain's own Network, whose installations back the validators.
		#[pallet::constant]
		type Network: Get<NetworkId>;

		/// Derives the account that manages the chain's Network.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// The treasury, which pays the validator reward of every session.
		type Treasury: Get<Self::AccountId>;

		/// Governance: sets the invulnerables, the set's bounds, the minimum backing, the
		/// session reward and the session length.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The largest validator set consensus accepts.
		#[pallet::constant]
		type MaxAuthorities: Get<u32>;

		/// How many sessions an offence stays provable: historical session roots and handled
		/// offences older than this are pruned.
		#[pallet::constant]
		type HistoryDepth: Get<SessionIndex>;

		/// The weights of the calls and the session hooks.
		type WeightInfo: WeightInfo;
	}

	/// The validators governance keeps in the set while too few Operators qualify: the
	/// genesis validators.
	#[pallet::storage]
	pub type Invulnerables<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxAuthorities>, ValueQuery>;

	/// The smallest set the pallet plans; with fewer eligible validators the current set
	/// carries on.
	#[pallet::storage]
	pub type MinValidators<T: Config> = StorageValue<_, u32, ValueQuery, DefaultMinValidators<T>>;

	/// The largest set the pallet plans.
	#[pallet::storage]
	pub type MaxValidators<T: Config> = StorageValue<_, u32, ValueQuery, T::MaxAuthorities>;

	/// The backing an Operator needs to be selected.
	#[pallet::storage]
	pub type MinValidatorBacking<T: Config> = StorageValue<_, T::Balance, ValueQuery>;

	/// What the treasury pays into Network 0's reward program at the end of every session.
	#[pallet::storage]
	pub type ValidatorRewardPerSession<T: Config> = StorageValue<_, T::Balance, ValueQuery>;

	/// The length of a session, in blocks; a change applies from the next session.
	#[pallet::storage]
	pub type SessionLength<T: Config> =
		StorageValue<_, BlockNumberFor<T>, ValueQuery, DefaultSessionLength<T>>;

	/// The block at which the current session started.
	#[pallet::storage]
	pub type SessionStartedAt<T: Config> = StorageValue<_, BlockNumberFor<T>, ValueQuery>;

	/// The block at which the current session ends.
	#[pallet::storage]
	pub type SessionEndsAt<T: Config> = StorageValue<_, BlockNumberFor<T>, ValueQuery>;

	/// The blocks each validator of the current session authored, in authority order, and the
	/// slot of the session's first block.
	#[pallet::storage]
	pub type SessionBlocks<T: Config> =
		StorageValue<_, crate::selection::SessionStats<T::MaxAuthorities>, ValueQuery>;

	/// The validators that offended since the last set was planned: the next set planned
	/// leaves them out.
	#[pallet::storage]
	pub type Offenders<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxAuthorities>, ValueQuery>;

	/// The Network 0 installations that back nothing, by DAM, with the session whose end first
	/// found them so: one still idle at the end of a later session is evicted, so that no one
	/// holds Network 0's places without a commitment.
	#[pallet::storage]
	pub type IdleSince<T: Config> = StorageMap<_, Twox64Concat, DamId, SessionIndex, OptionQuery>;

	/// The offences already turned into penalties, by session and offender: an offence
	/// reported again, as pallet-offences does when more offenders join it, is not penalised
	/// twice.
	#[pallet::storage]
	pub type HandledOffences<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		SessionIndex,
		Blake2_128Concat,
		T::AccountId,
		(),
		OptionQuery,
	>;

	/// The penalties of offences that found Network 0's penalty on the DAM still open, by DAM.
	/// A Network has one open penalty per DAM at a time, so each is requested at the end of
	/// the first session after that penalty closes, then held to Network 0's terms on the
	/// DAM's backing at that time.
	#[pallet::storage]
	pub type DeferredPenalties<T: Config> = StorageMap<
		_,
		Twox64Concat,
		DamId,
		crate::offences::DeferredPenalty<T::AccountId, T::Balance>,
		OptionQuery,
	>;

	/// Three validators, or fewer if consensus takes fewer.
	pub struct DefaultMinValidators<T>(core::marker::PhantomData<T>);
	impl<T: Config> Get<u32> for DefaultMinValidators<T> {
		fn get() -> u32 {
			3u32.min(T::MaxAuthorities::get()).max(1)
		}
	}

	/// One hour of 6-second blocks.
	pub struct DefaultSessionLength<T>(core::marker::PhantomData<T>);
	impl<T: Config> Get<BlockNumberFor<T>> for DefaultSessionLength<T> {
		fn get() -> BlockNumberFor<T> {
			600u32.into()
		}
	}

	/// The genesis state of the validators pallet.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The invulnerables: the genesis validators, who need session keys in the session
		/// pallet's genesis.
		pub invulnerables: Vec<T::AccountId>,
		/// The smallest set; the default if `None`.
		pub min_validators: Option<u32>,
		/// The largest set; `MaxAuthorities` if `None`.
		pub max_validators: Option<u32>,
		/// The backing an Operator needs.
		pub min_validator_backing: T::Balance,
		/// What the treasury pays Network 0's program every session.
		pub validator_reward_per_session: T::Balance,
		/// The session length; the default if `None`.
		pub session_length: Option<BlockNumberFor<T>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			Pallet::<T>::do_set_invulnerables(self.invulnerables.clone())
				.expect("the genesis invulnerables are distinct and within MaxAuthorities");
			let min = self.min_validators.unwrap_or_else(DefaultMinValidators::<T>::get);
			let max = self.max_validators.unwrap_or_else(T::MaxAuthorities::get);
			Pallet::<T>::do_set_validator_count(min, max).expect("the genesis bounds are valid");
			let length = self.session_length.unwrap_or_else(DefaultSessionLength::<T>::get);
			Pallet::<T>::ensure_session_length(length).expect("the genesis session is long enough");
			SessionLength::<T>::put(length);
			MinValidatorBacking::<T>::put(self.min_validator_backing);
			ValidatorRewardPerSession::<T>::put(self.validator_reward_per_session);
			// Session 0 starts at genesis and lasts one session, whichever of this pallet's
			// genesis and the session pallet's (which starts it) runs first.
			SessionStartedAt::<T>::put(BlockNumberFor::<T>::zero());
			SessionEndsAt::<T>::put(length);
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// The set of session `session` is planned: it takes over when that session starts.
		NewValidatorSet { session: SessionIndex, validators: Vec<T::AccountId> },
		/// Too few validators were eligible for session `session`, fewer than
		/// `MinValidators`; the current set carries on.
		ValidatorSetKept { session: SessionIndex, eligible: u32 },
		/// The treasury paid the session's validator reward into Network 0's program.
		SessionRewardFunded { session: SessionIndex, amount: T::Balance },
		/// The treasury could not pay the session's validator reward.
		SessionRewardNotFunded { session: SessionIndex, amount: T::Balance, error: DispatchError },
		/// A validator offended in session `session`: it is disabled and left out of the
		/// next set, and the DAMs backing it are penalised `fraction` of their backing.
		ValidatorOffence { validator: T::AccountId, session: SessionIndex, fraction: Perbill },
		/// Network 0 requested a penalty of `amount` on `dam`, which backs `validator`.
		OffencePenaltyRequested { validator: T::AccountId, dam: DamId, amount: T::Balance },
		/// Network 0's penalty on `dam` is still open: `amount` more, for `validator`'s
		/// offence, is requested at the end of the first session after it closes.
		OffencePenaltyDeferred { validator: T::AccountId, dam: DamId, amount: T::Balance },
		/// The penalty for `validator`'s offence on `dam` could not be requested.
		OffencePenaltyFailed {
			validator: T::AccountId,
			dam: DamId,
			amount: T::Balance,
			error: DispatchError,
		},
		/// Governance set the invulnerables.
		InvulnerablesSet { invulnerables: Vec<T::AccountId> },
		/// Governance set the bounds of the validator set.
		ValidatorCountSet { min: u32, max: u32 },
		/// Governance set the backing a validator needs.
		MinValidatorBackingSet { amount: T::Balance },
		/// Governance set the validator reward of every session.
		ValidatorRewardPerSessionSet { amount: T::Balance },
		/// Governance set the session length; it applies from the next session.
		SessionLengthSet { length: BlockNumberFor<T> },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// More invulnerables than `MaxAuthorities`.
		TooManyInvulnerables,
		/// An account is twice in the invulnerables.
		DuplicateInvulnerable,
		/// `min` is zero: the chain needs a validator.
		ZeroMinValidators,
		/// `min` is above `max`.
		MinValidatorsAboveMax,
		/// `max` is above what consensus accepts, `MaxAuthorities`.
		MaxValidatorsAboveBound,
		/// The session length is below `MIN_SESSION_LENGTH`.
		SessionTooShort,
		/// The Operator has no session keys: it must `session.setKeys` before installing
		/// Network 0.
		NoSessionKeys,
		/// A deferred offence penalty found nothing of the DAM's backing left to slash.
		NothingToSlash,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(_: BlockNumberFor<T>) -> Weight {
			// pallet-authorship tells this pallet the block's author in its own hook, which it
			// does not charge.
			T::WeightInfo::note_author()
		}

		fn integrity_test() {
			assert!(T::MaxAuthorities::get() > 0, "the chain needs a validator");
			assert!(T::HistoryDepth::get() > 0, "offences must be provable for a session");
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
		/// Set the invulnerables: the validators that fill the seats Operators leave. They
		/// need session keys to be selected.
		///
		/// Emits `InvulnerablesSet`. origin: governance.
		///
		/// - `invulnerables`: distinct accounts, at most `MaxAuthorities`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::set_invulnerables(invulnerables.len() as u32))]
		pub fn set_invulnerables(
			origin: OriginFor<T>,
			invulnerables: Vec<T::AccountId>,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_invulnerables(invulnerables.clone())?;
			Self::deposit_event(Event::InvulnerablesSet { invulnerables });
			Ok(())
		}

		/// Set the bounds of the validator set, from the next set planned.
		///
		/// Emits `ValidatorCountSet`. origin: governance.
		///
		/// - `min`: at least 1; a set smaller than this is not used.
		/// - `max`: at least `min`, at most `MaxAuthorities`.
		#[pallet::call_index(1)]
		pub fn set_validator_count(origin: OriginFor<T>, min: u32, max: u32) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_validator_count(min, max)?;
			Self::deposit_event(Event::ValidatorCountSet { min, max });
			Ok(())
		}

		/// Set the backing an Operator needs to be selected, from the next set planned.
		///
		/// Emits `MinValidatorBackingSet`. origin: governance.
		#[pallet::call_index(2)]
		pub fn set_min_validator_backing(
			origin: OriginFor<T>,
			#[pallet::compact] amount: T::Balance,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			MinValidatorBacking::<T>::put(amount);
			Self::deposit_event(Event::MinValidatorBackingSet { amount });
			Ok(())
		}

		/// Set what the treasury pays into Network 0's reward program at the end of every
		/// session; zero pays nothing.
		///
		/// Emits `ValidatorRewardPerSessionSet`. origin: governance.
		#[pallet::call_index(3)]
		pub fn set_validator_reward_per_session(
			origin: OriginFor<T>,
			#[pallet::compact] amount: T::Balance,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			ValidatorRewardPerSession::<T>::put(amount);
			Self::deposit_event(Event::ValidatorRewardPerSessionSet { amount });
			Ok(())
		}

		/// Set the session length, in blocks. The current session keeps its end; the next
		/// ones take the new length.
		///
		/// Emits `SessionLengthSet`. origin: governance.
		///
		/// - `length`: at least `MIN_SESSION_LENGTH` blocks.
		#[pallet::call_index(4)]
		pub fn set_session_length(
			origin: OriginFor<T>,
			length: BlockNumberFor<T>,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::ensure_session_length(length)?;
			SessionLength::<T>::put(length);
			Self::deposit_event(Event::SessionLengthSet { length });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// The account that manages Network 0: keyless, so only the runtime acts for it.
		pub fn account() -> T::AccountId {
			T::PalletId::get().into_account_truncating()
		}

		pub(crate) fn do_set_invulnerables(invulnerables: Vec<T::AccountId>) -> DispatchResult {
			let bounded: BoundedVec<T::AccountId, T::MaxAuthorities> =
				invulnerables.try_into().map_err(|_| Error::<T>::TooManyInvulnerables)?;
			for (i, who) in bounded.iter().enumerate() {
				ensure!(!bounded[..i].contains(who), Error::<T>::DuplicateInvulnerable);
			}
			Invulnerables::<T>::put(bounded);
			Ok(())
		}

		pub(crate) fn do_set_validator_count(min: u32, max: u32) -> DispatchResult {
			ensure!(min > 0, Error::<T>::ZeroMinValidators);
			ensure!(min <= max, Error::<T>::MinValidatorsAboveMax);
			ensure!(max <= T::MaxAuthorities::get(), Error::<T>::MaxValidatorsAboveBound);
			MinValidators::<T>::put(min);
			MaxValidators::<T>::put(max);
			Ok(())
		}

		pub(crate) fn ensure_session_length(length: BlockNumberFor<T>) -> DispatchResult {
			ensure!(length >= MIN_SESSION_LENGTH.into(), Error::<T>::SessionTooShort);
			Ok(())
		}
	}
}
