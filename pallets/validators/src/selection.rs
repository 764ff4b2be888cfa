//! Choosing the set, and the session hooks: pallet-session asks this pallet when a session
//! ends and who validates next; pallet-authorship tells it who authored each block.

use crate::{pallet::*, queries::CandidateStatus, SessionControl, SessionIndex};
use alloc::{collections::BTreeMap, vec::Vec};
use codec::{Decode, Encode, MaxEncodedLen};
use frame_support::{
	pallet_prelude::*,
	storage::with_storage_layer,
	traits::{EstimateNextSessionRotation, Get},
};
use frame_system::pallet_prelude::BlockNumberFor;
use nektar_primitives::{
	DamId, DamProvider, InstallationGate, ManagedNetwork, MarketplaceInspect, NetworkId,
	RewardFunding,
};
use polkadot_sdk::{
	frame_support, frame_system, pallet_authorship,
	sp_runtime::{
		traits::{Saturating, Zero},
		Permill,
	},
};
use scale_info::TypeInfo;

/// What the pallet counts during a session: the blocks each validator authored, in authority
/// order, and the slot of the first block it saw.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, Encode, Decode, MaxEncodedLen, TypeInfo, DebugNoBound,
)]
#[scale_info(skip_type_params(S))]
pub struct SessionStats<S: Get<u32>> {
	/// The session's first slot; zero until the first block of the genesis session.
	pub first_slot: u64,
	/// The blocks each validator authored.
	pub authored: BoundedVec<u32, S>,
}

impl<S: Get<u32>> Default for SessionStats<S> {
	fn default() -> Self {
		Self { first_slot: 0, authored: BoundedVec::new() }
	}
}

/// A candidate as the ranking sees it.
pub struct Ranked<AccountId, Balance> {
	/// The Operator, or an invulnerable.
	pub who: AccountId,
	/// Its backing from Network 0.
	pub backing: Balance,
	/// Whether governance made it invulnerable.
	pub invulnerable: bool,
	/// Whether it is in the set, and why not if it is not.
	pub status: CandidateStatus,
}

/// The set a plan makes, each validator with its backing, and every candidate ranked.
pub type RankingOf<T> = (
	Vec<(<T as frame_system::Config>::AccountId, <T as Config>::Balance)>,
	Vec<Ranked<<T as frame_system::Config>::AccountId, <T as Config>::Balance>>,
);

/// The slots in `first..=last` that Aura assigns to the validator at `index` of `count`:
/// slot `s` goes to validator `s % count`.
pub fn assigned_slots(first: u64, last: u64, index: u64, count: u64) -> u64 {
	if count == 0 || index >= count || last < first {
		return 0;
	}
	// Slots `s <= x` with `s % count == index`.
	let up_to = |x: u64| if x < index { 0 } else { ((x - index) / count).saturating_add(1) };
	up_to(last).saturating_sub(if first == 0 { 0 } else { up_to(first - 1) })
}

impl<T: Config> Pallet<T> {
	/// The backing of every Operator of an active installation of Network 0, by Operator.
	pub fn backings() -> BTreeMap<T::AccountId, T::Balance> {
		let network = T::Network::get();
		let mut backing = BTreeMap::<T::AccountId, T::Balance>::new();
		for (dam, installation) in T::Marketplace::active_installations(network) {
			let exposure = T::Dams::slashable_exposure(network, dam);
			let entry = backing.entry(installation.operator).or_insert_with(Zero::zero);
			*entry = entry.saturating_add(exposure);
		}
		backing
	}

	/// Every candidate, ranked, and the set they make. Operators come first, by backing
	/// (highest first, then the lower account id), then the invulnerables that are not
	/// Operators. Operators that qualify take the seats in rank order; the invulnerables fill
	/// the seats left, in their order.
	pub fn rank() -> RankingOf<T> {
		let offenders = Offenders::<T>::get();
		let min_backing = MinValidatorBacking::<T>::get();
		let max = MaxValidators::<T>::get() as usize;
		let invulnerables = Invulnerables::<T>::get();

		let mut set = Vec::new();
		let mut seat = |who: &T::AccountId, backing: T::Balance| {
			if offenders.contains(who) {
				CandidateStatus::Offended
			} else if !T::Session::has_keys(who) {
				CandidateStatus::NoKeys
			} else if set.len() < max {
				set.push((who.clone(), backing));
				CandidateStatus::Selected
			} else {
				CandidateStatus::Outranked
			}
		};

		let mut operators: Vec<_> = Self::backings().into_iter().collect();
		operators.sort_by(|(a, a_backing), (b, b_backing)| {
			b_backing.cmp(a_backing).then_with(|| a.cmp(b))
		});
		let mut ranked: Vec<Ranked<T::AccountId, T::Balance>> = Vec::new();
		for (who, backing) in operators {
			let status = if backing < min_backing {
				CandidateStatus::BelowMinimum
			} else {
				seat(&who, backing)
			};
			ranked.push(Ranked {
				invulnerable: invulnerables.contains(&who),
				who,
				backing,
				status,
			});
		}
		for who in invulnerables {
			match ranked.iter_mut().find(|r| r.who == who) {
				Some(r)
					if matches!(
						r.status,
						CandidateStatus::BelowMinimum | CandidateStatus::Outranked
					) =>
				{
					r.status = seat(&r.who, r.backing)
				}
				Some(_) => {}
				None => {
					let status = seat(&who, Zero::zero());
					ranked.push(Ranked { who, backing: Zero::zero(), invulnerable: true, status });
				}
			}
		}
		(set, ranked)
	}

	/// Plans the set of session `index`: `None` keeps the current one.
	pub(crate) fn plan(index: SessionIndex) -> Option<Vec<T::AccountId>> {
		let validators: Vec<T::AccountId> =
			Self::rank().0.into_iter().map(|(who, _)| who).collect();
		if (validators.len() as u32) < MinValidators::<T>::get() {
			Self::deposit_event(Event::ValidatorSetKept {
				session: index,
				eligible: validators.len() as u32,
			});
			return None;
		}
		// The offenders sat this set out; the next plan takes them again if they qualify.
		Offenders::<T>::kill();
		if validators == T::Session::validators() {
			// The set carries on unchanged: pallet-session keeps it, and with it the
			// validators disabled this session.
			return None;
		}
		Self::deposit_event(Event::NewValidatorSet {
			session: index,
			validators: validators.clone(),
		});
		Some(validators)
	}

	/// Starts session `index`: sets its end and its counters, and forgets what is too old to
	/// prove.
	pub(crate) fn start(index: SessionIndex) {
		let now = frame_system::Pallet::<T>::block_number();
		SessionStartedAt::<T>::put(now);
		SessionEndsAt::<T>::put(now.saturating_add(SessionLength::<T>::get()));
		// The new set's first slot follows this block's. At genesis there is no slot yet: the
		// first block of the session sets it.
		let slot = T::CurrentSlot::get();
		SessionBlocks::<T>::put(SessionStats {
			first_slot: if slot == 0 { 0 } else { slot.saturating_add(1) },
			authored: Default::default(),
		});
		let depth = T::HistoryDepth::get();
		if index > depth {
			let oldest = index - depth;
			T::Session::prune_history(oldest);
			let _ = HandledOffences::<T>::clear_prefix(oldest - 1, T::MaxAuthorities::get(), None);
		}
	}

	/// Ends session `index`: reports every installation's performance and pays the session's
	/// validator reward.
	pub(crate) fn end(index: SessionIndex) {
		Self::request_deferred_penalties();
		Self::report_performance();
		Self::evict_idle(index);
		Self::fund_session_reward(index);
	}

	/// Evicts the installations of Network 0 that backed nothing at the end of an earlier
	/// session and still back nothing, and notes the ones idle for the first time.
	fn evict_idle(index: SessionIndex) {
		let network = T::Network::get();
		let idle_before: BTreeMap<DamId, SessionIndex> = IdleSince::<T>::drain().collect();
		for (dam, installation) in T::Marketplace::active_installations(network) {
			if !installation.exposure.is_zero() || !installation.slashable_exposure.is_zero() {
				continue;
			}
			match idle_before.get(&dam) {
				Some(since) if *since < index => {
					// It backs nothing and nothing of it is slashable: the removal cannot fail
					// but in a broken state, which must not stop the session from ending.
					if with_storage_layer(|| T::Marketplace::evict(network, dam)).is_err() {
						IdleSince::<T>::insert(dam, since);
					}
				}
				Some(since) => IdleSince::<T>::insert(dam, since),
				None => IdleSince::<T>::insert(dam, index),
			}
		}
	}

	/// The score of each validator of the session: blocks authored against slots assigned.
	pub fn session_scores() -> Vec<(T::AccountId, Permill)> {
		let validators = T::Session::validators();
		let stats = SessionBlocks::<T>::get();
		let last = T::CurrentSlot::get();
		let count = validators.len() as u64;
		validators
			.into_iter()
			.enumerate()
			.map(|(i, who)| {
				let assigned = if stats.first_slot == 0 {
					0
				} else {
					assigned_slots(stats.first_slot, last, i as u64, count)
				};
				let authored = stats.authored.get(i).copied().unwrap_or(0) as u64;
				let score = if assigned == 0 {
					// No slot was its own: nothing to hold against it.
					Permill::one()
				} else {
					Permill::from_rational(authored.min(assigned), assigned)
				};
				(who, score)
			})
			.collect()
	}

	fn report_performance() {
		if SessionBlocks::<T>::get().authored.is_empty() {
			// No block was seen this session: nothing to score.
			return;
		}
		let network = T::Network::get();
		let scores = Self::session_scores();
		for (dam, installation) in T::Marketplace::active_installations(network) {
			let score = scores
				.iter()
				.find(|(who, _)| who == &installation.operator)
				.map(|(_, score)| *score)
				.unwrap_or_else(Permill::zero);
			if score != installation.performance {
				// The installation is active: the report cannot fail but in a broken state,
				// which must not stop the session from ending.
				let _ = with_storage_layer(|| T::Marketplace::set_performance(network, dam, score));
			}
		}
	}

	fn fund_session_reward(session: SessionIndex) {
		let amount = ValidatorRewardPerSession::<T>::get();
		if amount.is_zero() {
			return;
		}
		let program = T::Network::get();
		match with_storage_layer(|| T::Rewards::fund(program, &T::Treasury::get(), amount)) {
			Ok(()) => Self::deposit_event(Event::SessionRewardFunded { session, amount }),
			Err(error) => {
				Self::deposit_event(Event::SessionRewardNotFunded { session, amount, error })
			}
		}
	}

	/// Counts a block authored by `author`, a validator of the current session.
	pub(crate) fn note_block(author: T::AccountId) {
		let validators = T::Session::validators();
		let Some(index) = validators.iter().position(|v| v == &author) else { return };
		SessionBlocks::<T>::mutate(|stats| {
			if stats.first_slot == 0 {
				stats.first_slot = T::CurrentSlot::get();
			}
			while stats.authored.len() <= index {
				if stats.authored.try_push(0).is_err() {
					return;
				}
			}
			stats.authored[index].saturating_inc();
		});
	}
}

impl<T: Config> pallet_session::SessionManager<T::AccountId> for Pallet<T> {
	fn new_session(index: SessionIndex) -> Option<Vec<T::AccountId>> {
		Self::plan(index)
	}
	fn end_session(index: SessionIndex) {
		Self::end(index)
	}
	fn start_session(index: SessionIndex) {
		Self::start(index)
	}
}

impl<T: Config, FullIdentification: Default>
	pallet_session::historical::SessionManager<T::AccountId, FullIdentification> for Pallet<T>
{
	fn new_session(index: SessionIndex) -> Option<Vec<(T::AccountId, FullIdentification)>> {
		Self::plan(index)
			.map(|set| set.into_iter().map(|v| (v, FullIdentification::default())).collect())
	}
	fn start_session(index: SessionIndex) {
		Self::start(index)
	}
	fn end_session(index: SessionIndex) {
		Self::end(index)
	}
}

impl<T: Config> pallet_session::ShouldEndSession<BlockNumberFor<T>> for Pallet<T> {
	fn should_end_session(now: BlockNumberFor<T>) -> bool {
		let ends_at = SessionEndsAt::<T>::get();
		!ends_at.is_zero() && now >= ends_at
	}
}

impl<T: Config> EstimateNextSessionRotation<BlockNumberFor<T>> for Pallet<T> {
	fn average_session_length() -> BlockNumberFor<T> {
		SessionLength::<T>::get()
	}

	fn estimate_current_session_progress(now: BlockNumberFor<T>) -> (Option<Permill>, Weight) {
		// The current session's own length: a new length applies from the next session.
		let started = SessionStartedAt::<T>::get();
		let length = SessionEndsAt::<T>::get().saturating_sub(started);
		let done = now.saturating_sub(started).min(length);
		(Some(Permill::from_rational(done, length.max(1u32.into()))), T::DbWeight::get().reads(2))
	}

	fn estimate_next_session_rotation(
		_now: BlockNumberFor<T>,
	) -> (Option<BlockNumberFor<T>>, Weight) {
		(Some(SessionEndsAt::<T>::get()), T::DbWeight::get().reads(1))
	}
}

impl<T: Config> pallet_authorship::EventHandler<T::AccountId, BlockNumberFor<T>> for Pallet<T> {
	fn note_author(author: T::AccountId) {
		Self::note_block(author)
	}
}

impl<T: Config> InstallationGate<T::AccountId> for Pallet<T> {
	fn on_request(network: NetworkId, operator: &T::AccountId) -> Option<DispatchResult> {
		// Only the chain's own Network, run by this pallet.
		if network != T::Network::get()
			|| T::Marketplace::network(network).is_none_or(|n| n.manager != Self::account())
		{
			return None;
		}
		Some(if T::Session::has_keys(operator) {
			Ok(())
		} else {
			Err(Error::<T>::NoSessionKeys.into())
		})
	}
}
