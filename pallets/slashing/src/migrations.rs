//! Storage migrations of the slashing pallet.

use crate::{pallet::*, types::*};
use codec::{Decode, Encode};
use frame_support::{migrations::VersionedMigration, pallet_prelude::*};
use nektar_primitives::{Checked, CheckedMigration, DamId, MarketplaceInspect, NetworkId, VaultId};
use polkadot_sdk::{frame_support, sp_runtime::traits::Saturating};

/// Version 1 to 2: each penalty gains its resolution deadline, `window_ends +
/// resolution_period`. Run it after the marketplace's own version 2, which sets the
/// resolution period.
pub mod v2 {
	use super::*;

	/// A penalty as version 1 stored it.
	#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug)]
	pub struct OldPenalty<Balance, BlockNumber, R: Get<u32>> {
		pub network: NetworkId,
		pub dam: DamId,
		pub amount: Balance,
		pub vault: VaultId,
		pub status: PenaltyStatus,
		pub requested_at: BlockNumber,
		pub window_ends: BlockNumber,
		pub reason: BoundedVec<u8, R>,
	}

	type OldPenaltyOf<T> =
		OldPenalty<BalanceOf<T>, BlockNumberOf<T>, <T as Config>::MaxReasonLength>;

	fn upgrade<T: Config>(old: OldPenaltyOf<T>) -> PenaltyOf<T> {
		let resolution = T::Marketplace::params().resolution_period;
		Penalty {
			network: old.network,
			dam: old.dam,
			amount: old.amount,
			vault: old.vault,
			status: old.status,
			requested_at: old.requested_at,
			window_ends: old.window_ends,
			resolve_by: old.window_ends.saturating_add(resolution),
			reason: old.reason,
		}
	}

	/// The migration's body; [`MigrateV1ToV2`] runs it once, at storage version 1.
	pub struct InnerMigrateV1ToV2<T>(core::marker::PhantomData<T>);

	impl<T: Config> CheckedMigration for InnerMigrateV1ToV2<T> {
		fn migrate() -> Weight {
			let mut writes = 0u64;
			Penalties::<T>::translate::<OldPenaltyOf<T>, _>(|_, old| {
				writes.saturating_inc();
				Some(upgrade::<T>(old))
			});
			History::<T>::translate::<BoundedVec<(PenaltyId, OldPenaltyOf<T>), T::MaxHistory>, _>(
				|_, old| {
					writes.saturating_inc();
					let list: alloc::vec::Vec<_> =
						old.into_iter().map(|(id, p)| (id, upgrade::<T>(p))).collect();
					Some(BoundedVec::truncate_from(list))
				},
			);
			T::DbWeight::get().reads_writes(writes.saturating_add(1), writes)
		}

		/// What the checks after the upgrade compare with: the open penalties and the length
		/// of every history.
		fn pre_checks() -> alloc::vec::Vec<u8> {
			let open = Penalties::<T>::iter_keys().count() as u32;
			let history: u32 = History::<T>::iter_keys().count() as u32;
			(open, history).encode()
		}

		/// Checks the upgraded state against what [`Self::pre_checks`] saw.
		fn post_checks(state: alloc::vec::Vec<u8>) -> Result<(), &'static str> {
			let (open, history) =
				<(u32, u32)>::decode(&mut &state[..]).map_err(|_| "undecodable state")?;
			ensure!(Penalties::<T>::iter_values().count() as u32 == open, "penalties were lost");
			ensure!(History::<T>::iter_values().count() as u32 == history, "history was lost");
			ensure!(
				Penalties::<T>::iter_values().all(|p| p.resolve_by >= p.window_ends),
				"a penalty must be resolved before its window closes"
			);
			Ok(())
		}
	}

	/// Runs [`InnerMigrateV1ToV2`] once, from storage version 1 to 2.
	pub type MigrateV1ToV2<T> = VersionedMigration<
		1,
		2,
		Checked<InnerMigrateV1ToV2<T>>,
		Pallet<T>,
		<T as polkadot_sdk::frame_system::Config>::DbWeight,
	>;
}
