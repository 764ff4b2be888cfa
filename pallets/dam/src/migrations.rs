//! Storage migrations of the DAM pallet.

use crate::{pallet::*, types::*};
use codec::{Decode, Encode};
use frame_support::{migrations::VersionedMigration, pallet_prelude::*};
use nektar_primitives::{Checked, CheckedMigration, NetworkKind, VaultsInterface};
use polkadot_sdk::{
	frame_support,
	sp_runtime::{traits::Zero, FixedU128, Perbill, Saturating},
};

/// Version 1 to 2: each DAM gains a pending fee increase, the part of its open penalties
/// still on its holders (`in_dispute`), its compensation pool and the counts of its open
/// invitations and allow-list; each open penalty is listed under its DAM with its dispute
/// vault, so that withdrawal claims no longer wait for it.
pub mod v2 {
	use super::*;

	/// A DAM as version 1 stored it.
	#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug)]
	pub struct OldDamInfo<AccountId, AssetKind, Balance> {
		pub manager: AccountId,
		pub kind: NetworkKind,
		pub deposit_asset: AssetKind,
		pub fee: Perbill,
		pub fee_mutable: bool,
		pub gatekeeper: AccountId,
		pub gatekeeper_mutable: bool,
		pub catalyst: AccountId,
		pub catalyst_mutable: bool,
		pub receipt_transferable: bool,
		pub allow_list: bool,
		pub deposit: Balance,
		pub total_shares: Balance,
		pub pending_shares: Balance,
		pub idle: Balance,
		pub dust: Balance,
		pub lent: Balance,
		pub closed: bool,
		pub recovery: Balance,
		pub recovery_per_share: FixedU128,
		pub penalties: u32,
		pub operators: u32,
	}

	/// The migration's body; [`MigrateV1ToV2`] runs it once, at storage version 1.
	pub struct InnerMigrateV1ToV2<T>(core::marker::PhantomData<T>);

	impl<T: Config> CheckedMigration for InnerMigrateV1ToV2<T> {
		fn migrate() -> Weight {
			let (mut reads, mut writes) = (1u64, 0u64);
			Dams::<T>::translate::<OldDamInfo<T::AccountId, T::AssetKind, BalanceOf<T>>, _>(
				|id, old| {
					reads.saturating_inc();
					writes.saturating_inc();
					let mut in_dispute = BalanceOf::<T>::zero();
					if old.penalties > 0 {
						// Only penalties opened before this version exist: nobody claimed
						// during them, since claims waited.
						let open: alloc::vec::Vec<_> = T::Vaults::dispute_vaults_of(id)
							.into_iter()
							.map(|(vault, network, amount)| {
								in_dispute.saturating_accrue(amount);
								OpenSlash { vault, network, amount, claimed: Zero::zero() }
							})
							.collect();
						reads.saturating_accrue(open.len() as u64);
						writes.saturating_inc();
						OpenSlashes::<T>::insert(id, BoundedVec::truncate_from(open));
					}
					Some(DamInfo {
						manager: old.manager,
						kind: old.kind,
						deposit_asset: old.deposit_asset,
						fee: old.fee,
						pending_fee: None,
						fee_mutable: old.fee_mutable,
						gatekeeper: old.gatekeeper,
						gatekeeper_mutable: old.gatekeeper_mutable,
						catalyst: old.catalyst,
						catalyst_mutable: old.catalyst_mutable,
						receipt_transferable: old.receipt_transferable,
						allow_list: old.allow_list,
						deposit: old.deposit,
						total_shares: SharesOf::<T>::from(old.total_shares),
						pending_shares: SharesOf::<T>::from(old.pending_shares),
						idle: old.idle,
						dust: old.dust,
						lent: old.lent,
						closed: old.closed,
						recovery: old.recovery,
						recovery_per_share: old.recovery_per_share,
						penalties: old.penalties,
						in_dispute,
						compensation: Zero::zero(),
						operators: old.operators,
						invited: Invitations::<T>::iter_prefix(id).count() as u32,
						allowed: AllowList::<T>::iter_prefix(id).count() as u32,
					})
				},
			);
			T::DbWeight::get().reads_writes(reads, writes)
		}

		/// What the checks after the upgrade compare with: every DAM's id, total shares, idle
		/// assets and open penalties.
		fn pre_checks() -> alloc::vec::Vec<u8> {
			let dams: alloc::vec::Vec<(u32, BalanceOf<T>, BalanceOf<T>, u32)> =
				Dams::<T>::iter_keys()
					.filter_map(|id| {
						let old: OldDamInfo<T::AccountId, T::AssetKind, BalanceOf<T>> =
							frame_support::storage::unhashed::get(&Dams::<T>::hashed_key_for(id))?;
						Some((id, old.total_shares, old.idle, old.penalties))
					})
					.collect();
			dams.encode()
		}

		/// Checks the upgraded state against what [`Self::pre_checks`] saw.
		fn post_checks(state: alloc::vec::Vec<u8>) -> Result<(), &'static str> {
			let before: alloc::vec::Vec<(u32, BalanceOf<T>, BalanceOf<T>, u32)> =
				Decode::decode(&mut &state[..]).map_err(|_| "undecodable state")?;
			ensure!(Dams::<T>::iter_keys().count() == before.len(), "DAMs were lost");
			for (id, total_shares, idle, penalties) in before {
				let dam = Dams::<T>::get(id).ok_or("a DAM was lost")?;
				ensure!(
					dam.total_shares.0 == total_shares && dam.idle == idle,
					"a DAM's books changed"
				);
				ensure!(dam.penalties == penalties, "a DAM's open penalties changed");
				let open = OpenSlashes::<T>::get(id);
				ensure!(open.len() as u32 == penalties, "a DAM's open penalties are not listed");
				let held = open
					.iter()
					.fold(BalanceOf::<T>::zero(), |sum, slash| sum.saturating_add(slash.amount));
				ensure!(held == dam.in_dispute, "a DAM's amount in dispute is not its penalties");
			}
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
