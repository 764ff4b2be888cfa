//! The recovery pool: what a DAM's shareholders are owed in the native token when a Liquidity
//! Network it lent to defaults and the Network's return bond pays them. What the bond paid is
//! shared by the shares of that moment through a [`PerShare`] accumulator, and each holder is
//! settled against it before its shares change.

use crate::{pallet::*, types::*};
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{fungible, tokens::Preservation, Defensive},
};
use nektar_primitives::{DamId, PerShare};
use polkadot_sdk::{
	frame_support,
	sp_runtime::traits::{Saturating, Zero},
};

impl<T: Config> Pallet<T> {
	/// What `who`'s `held` shares earned from the recovery pool and are not settled yet.
	pub(crate) fn unsettled_recovery(
		dam: &DamOf<T>,
		entry: &RecoveryAccount<BalanceOf<T>>,
		held: SharesOf<T>,
	) -> BalanceOf<T> {
		let earned = dam.recovery_per_share.earned_since(entry.checkpoint, held.0.into());
		BalanceOf::<T>::try_from(earned).ok().defensive_unwrap_or_default()
	}

	/// Books what `who`'s shares earned from the recovery pool since they were last settled.
	/// Call it before `who`'s shares change. Costs one read unless the DAM ever received
	/// compensation.
	pub(crate) fn settle_recovery(id: DamId, dam: &DamOf<T>, who: &T::AccountId) {
		if dam.recovery_per_share.is_zero() {
			return;
		}
		let held: u128 = Shares::<T>::get(id, who).0.into();
		let mut entry = Recovery::<T>::get(id, who).unwrap_or_default();
		let earned = dam.recovery_per_share.settle(&mut entry.checkpoint, held);
		entry
			.owed
			.saturating_accrue(BalanceOf::<T>::try_from(earned).ok().defensive_unwrap_or_default());
		Recovery::<T>::insert(id, who, entry);
	}

	/// Forgets the recovery entry of a holder with no shares and nothing owed.
	pub(crate) fn tidy_recovery(id: DamId, who: &T::AccountId) {
		if Shares::<T>::get(id, who).is_zero()
			&& Recovery::<T>::get(id, who).is_some_and(|r| r.owed.is_zero())
		{
			Recovery::<T>::remove(id, who);
		}
	}

	pub(crate) fn do_claim_recovery(
		who: T::AccountId,
		id: DamId,
	) -> Result<BalanceOf<T>, DispatchError> {
		let mut dam = Self::dam(id)?;
		Self::settle_recovery(id, &dam, &who);
		let owed = Recovery::<T>::get(id, &who).map(|r| r.owed).unwrap_or_default();
		ensure!(!owed.is_zero(), Error::<T>::NothingToClaim);
		<T::Currency as fungible::Mutate<_>>::transfer(
			&Self::dam_account(id),
			&who,
			owed,
			Preservation::Expendable,
		)?;
		dam.recovery.saturating_reduce(owed);
		Recovery::<T>::mutate_exists(id, &who, |entry| {
			if let Some(entry) = entry {
				entry.owed = Zero::zero();
			}
		});
		Self::tidy_recovery(id, &who);
		Dams::<T>::insert(id, dam);
		Self::deposit_event(Event::RecoveryClaimed { dam: id, delegator: who, amount: owed });
		Ok(owed)
	}
}
