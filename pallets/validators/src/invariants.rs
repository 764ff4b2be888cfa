//! The pallet's invariants, checked by `try_state`.

use crate::{pallet::*, SessionControl, MIN_SESSION_LENGTH};
use frame_support::{ensure, traits::Get};
use polkadot_sdk::{
	frame_support, frame_system,
	sp_runtime::{traits::Zero, TryRuntimeError},
};

impl<T: Config> Pallet<T> {
	/// Checks every invariant of the pallet.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let invulnerables = Invulnerables::<T>::get();
		for (i, who) in invulnerables.iter().enumerate() {
			ensure!(!invulnerables[..i].contains(who), "an invulnerable is listed twice");
		}
		let (min, max) = (MinValidators::<T>::get(), MaxValidators::<T>::get());
		ensure!(min >= 1, "the set must have a validator");
		ensure!(min <= max, "MinValidators is above MaxValidators");
		ensure!(max <= T::MaxAuthorities::get(), "MaxValidators is above MaxAuthorities");

		let length = SessionLength::<T>::get();
		ensure!(length >= MIN_SESSION_LENGTH.into(), "the session length is too short");
		let ends_at = SessionEndsAt::<T>::get();
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(!ends_at.is_zero(), "the current session has no end");
		ensure!(ends_at >= now, "the current session ended without a rotation");

		let validators = T::Session::validators();
		ensure!(
			SessionBlocks::<T>::get().authored.len() <= validators.len(),
			"blocks are counted for more validators than the session has"
		);
		ensure!(
			DeferredPenalties::<T>::iter_values().all(|owed| !owed.amount.is_zero()),
			"a deferred penalty owes nothing"
		);
		Ok(())
	}
}
