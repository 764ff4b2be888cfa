//! What the runtime API returns: the validator sets, the ranked candidates and the session.

use crate::{pallet::*, SessionControl, SessionIndex};
use alloc::vec::Vec;
use codec::{Decode, Encode};
use frame_system::pallet_prelude::BlockNumberFor;
use polkadot_sdk::{frame_system, sp_runtime::traits::Zero};
use scale_info::TypeInfo;

/// Whether a candidate is in the next set, and why not if it is not.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub enum CandidateStatus {
	/// In the next set.
	Selected,
	/// It has no session keys.
	NoKeys,
	/// Its backing is below `MinValidatorBacking`.
	BelowMinimum,
	/// Qualified, but `MaxValidators` others ranked higher.
	Outranked,
	/// It offended since the last set was planned.
	Offended,
}

/// A candidate for the next set.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct CandidateInfo<AccountId, Balance> {
	/// The Operator or invulnerable.
	pub who: AccountId,
	/// The slashable exposure to Network 0 of the installations it runs.
	pub backing: Balance,
	/// Its place in the ranking, from 1.
	pub rank: u32,
	/// Whether governance made it invulnerable.
	pub invulnerable: bool,
	/// Whether it has session keys.
	pub has_keys: bool,
	/// Whether it is in the next set planned now, and why not.
	pub status: CandidateStatus,
}

/// The validators and the session, as `ValidatorsApi::validator_set` returns them.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct ValidatorSetInfo<AccountId, Balance, BlockNumber> {
	/// The current session.
	pub session: SessionIndex,
	/// The block at which it ends.
	pub session_ends_at: BlockNumber,
	/// The length of the sessions after it.
	pub session_length: BlockNumber,
	/// The current validators, in authority order, with their backing now.
	pub current: Vec<(AccountId, Balance)>,
	/// The validators of the next session, already queued, with their backing now.
	pub next: Vec<(AccountId, Balance)>,
	/// Every candidate, ranked, as a set planned now would take them.
	pub candidates: Vec<CandidateInfo<AccountId, Balance>>,
	/// `MinValidators`.
	pub min_validators: u32,
	/// `MaxValidators`.
	pub max_validators: u32,
	/// `MinValidatorBacking`.
	pub min_validator_backing: Balance,
	/// `ValidatorRewardPerSession`.
	pub reward_per_session: Balance,
}

/// [`ValidatorSetInfo`] of this runtime.
pub type ValidatorSetInfoOf<T> = ValidatorSetInfo<
	<T as frame_system::Config>::AccountId,
	<T as Config>::Balance,
	BlockNumberFor<T>,
>;

impl<T: Config> Pallet<T> {
	/// The validator sets, the ranked candidates and the session, for the runtime API.
	pub fn validator_set() -> ValidatorSetInfoOf<T> {
		let (_, ranked) = Self::rank();
		// Every Operator with a backing is ranked: the ranking holds each one's backing.
		let backings: alloc::collections::BTreeMap<_, _> =
			ranked.iter().map(|r| (r.who.clone(), r.backing)).collect();
		let with_backing = |set: Vec<T::AccountId>| -> Vec<(T::AccountId, T::Balance)> {
			set.into_iter()
				.map(|who| {
					let backing = backings.get(&who).copied().unwrap_or_else(Zero::zero);
					(who, backing)
				})
				.collect()
		};
		let candidates = ranked
			.into_iter()
			.enumerate()
			.map(|(i, r)| CandidateInfo {
				has_keys: T::Session::has_keys(&r.who),
				who: r.who,
				backing: r.backing,
				rank: i as u32 + 1,
				invulnerable: r.invulnerable,
				status: r.status,
			})
			.collect();
		ValidatorSetInfo {
			session: T::Session::current_index(),
			session_ends_at: SessionEndsAt::<T>::get(),
			session_length: SessionLength::<T>::get(),
			current: with_backing(T::Session::validators()),
			next: with_backing(T::Session::queued_validators()),
			candidates,
			min_validators: MinValidators::<T>::get(),
			max_validators: MaxValidators::<T>::get(),
			min_validator_backing: MinValidatorBacking::<T>::get(),
			reward_per_session: ValidatorRewardPerSession::<T>::get(),
		}
	}
}
