//! Storage migrations of the marketplace.

use crate::{pallet::*, types::*};
use codec::{Decode, Encode};
use frame_support::{
	migrations::VersionedMigration, pallet_prelude::*, traits::UncheckedOnRuntimeUpgrade,
};
use nektar_primitives::{InstallationStatus, ProtocolParams};
use polkadot_sdk::{frame_support, sp_runtime};
use sp_runtime::{
	traits::{Saturating, Zero},
	Perbill, Permill,
};

/// Version 1 to 2: the protocol parameters gain the commitment delay, the longest dispute
/// window, the resolution period, the smallest penalty and the fee-increase delay; each
/// installation gains the checkpoint that keeps a lowered commitment slashable.
pub mod v2 {
	use super::*;

	/// The protocol parameters as version 1 stored them.
	#[derive(Encode, Decode, Clone, Copy, PartialEq, Eq, Debug)]
	pub struct OldParams<BlockNumber> {
		pub max_dam_fee: Perbill,
		pub withdrawal_delay: BlockNumber,
		pub min_dispute_window: BlockNumber,
		pub repay_grace: BlockNumber,
		pub blocks_per_day: BlockNumber,
	}

	/// An installation as version 1 stored it.
	#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug)]
	pub struct OldInstallation<AccountId, Balance, BlockNumber> {
		pub status: InstallationStatus,
		pub operator: AccountId,
		pub exposure: Balance,
		pub max_exposure: Balance,
		pub performance: Permill,
		pub requested_at: BlockNumber,
		pub confirmed_at: Option<BlockNumber>,
	}

	/// The new parameters of a chain that had `old`: each new delay is the withdrawal delay
	/// (the longest delay a holder already accepted), the longest dispute window is seven
	/// times the shortest, and the smallest penalty is 0.1%.
	pub fn upgraded_params<N: Copy + polkadot_sdk::sp_runtime::traits::Saturating + From<u32>>(
		old: OldParams<N>,
	) -> ProtocolParams<N> {
		ProtocolParams {
			max_dam_fee: old.max_dam_fee,
			withdrawal_delay: old.withdrawal_delay,
			commitment_delay: old.withdrawal_delay,
			min_dispute_window: old.min_dispute_window,
			max_dispute_window: old.min_dispute_window.saturating_mul(7u32.into()),
			resolution_period: old.withdrawal_delay,
			min_penalty: Perbill::from_rational(1u32, 1_000u32),
			fee_increase_delay: old.withdrawal_delay,
			repay_grace: old.repay_grace,
			blocks_per_day: old.blocks_per_day,
		}
	}

	/// The migration's body; [`MigrateV1ToV2`] runs it once, at storage version 1.
	pub struct InnerMigrateV1ToV2<T>(core::marker::PhantomData<T>);

	impl<T: Config> InnerMigrateV1ToV2<T> {
		/// What the checks after the upgrade compare with: the number of installations.
		pub fn pre_checks() -> alloc::vec::Vec<u8> {
			(Installations::<T>::iter_keys().count() as u32).encode()
		}

		/// Checks the upgraded state against what [`Self::pre_checks`] saw.
		pub fn post_checks(state: alloc::vec::Vec<u8>) -> Result<(), &'static str> {
			let before = u32::decode(&mut &state[..]).map_err(|_| "undecodable state")?;
			let after = Installations::<T>::iter_values().count() as u32;
			ensure!(before == after, "installations were lost");
			ensure!(
				Installations::<T>::iter_values().all(|i| i.held_until.is_zero()),
				"an installation holds a commitment it never lowered"
			);
			Pallet::<T>::ensure_valid_params(&Params::<T>::get())
				.map_err(|_| "the upgraded parameters are not valid")?;
			Ok(())
		}
	}

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV1ToV2<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut writes = 0u64;
			let old: Option<OldParams<BlockNumberOf<T>>> =
				frame_support::storage::unhashed::get(&Params::<T>::hashed_key());
			if let Some(old) = old {
				Params::<T>::put(upgraded_params(old));
				writes.saturating_inc();
			}
			Installations::<T>::translate::<
				OldInstallation<T::AccountId, BalanceOf<T>, BlockNumberOf<T>>,
				_,
			>(|_, _, old| {
				writes.saturating_inc();
				Some(Installation {
					status: old.status,
					operator: old.operator,
					exposure: old.exposure,
					held_exposure: Zero::zero(),
					held_until: Zero::zero(),
					max_exposure: old.max_exposure,
					performance: old.performance,
					requested_at: old.requested_at,
					confirmed_at: old.confirmed_at,
				})
			});
			T::DbWeight::get().reads_writes(writes.saturating_add(1), writes)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
			Ok(Self::pre_checks())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::post_checks(state).map_err(Into::into)
		}
	}

	/// Runs [`InnerMigrateV1ToV2`] once, from storage version 1 to 2.
	pub type MigrateV1ToV2<T> = VersionedMigration<
		1,
		2,
		InnerMigrateV1ToV2<T>,
		Pallet<T>,
		<T as polkadot_sdk::frame_system::Config>::DbWeight,
	>;
}
