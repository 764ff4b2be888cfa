//! Storage migrations of the rewards pallet.

use crate::{pallet::*, types::*};
use alloc::{collections::btree_map::BTreeMap, vec::Vec};
use codec::{Decode, Encode};
use frame_support::{migrations::VersionedMigration, pallet_prelude::*};
use nektar_primitives::{Checked, CheckedMigration, DamId, InstallationStatus, MarketplaceInspect};
use polkadot_sdk::{frame_support, sp_core::U256, sp_runtime::traits::Saturating};

/// Version 4 to 5: what a DAM keeps for each program's token is one record, [`DamRewards`],
/// instead of four maps, so that a change of shares reads and writes one record per token.
///
/// Each installation's stake, the DAM's reward per share, a Growth DAM's spending and a
/// retiring token's booking move into the record of their (DAM, program), unchanged. Each
/// stake also takes a copy of what the marketplace says of its installation of now: whether it
/// is active, its exposure and its licensed part. Nothing any account may claim changes.
pub mod v5 {
	use super::*;

	/// The storage items of version 4, under their names.
	pub mod old {
		use super::*;

		/// An installation's reward record as version 4 stored it: without the copy of its
		/// installation.
		#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug)]
		pub struct OldStake<AccountId, Balance> {
			pub operator: AccountId,
			pub weight: Balance,
			pub performance: u32,
			pub exposure_checkpoint: U256,
			pub performance_checkpoint: U256,
			pub operator_owed: U256,
		}

		/// An installation's reward record of this runtime, as version 4 stored it.
		pub type OldStakeOf<T> = OldStake<<T as frame_system::Config>::AccountId, BalanceOf<T>>;

		/// Each installation's reward record: (program, DAM).
		#[frame_support::storage_alias]
		pub type InstallationRewards<T: Config> = StorageDoubleMap<
			Pallet<T>,
			Blake2_128Concat,
			ProgramId,
			Blake2_128Concat,
			DamId,
			OldStakeOf<T>,
		>;

		/// Each DAM's reward per share in each token: (DAM, program).
		#[frame_support::storage_alias]
		pub type RewardPerShare<T: Config> =
			StorageDoubleMap<Pallet<T>, Blake2_128Concat, DamId, Blake2_128Concat, ProgramId, U256>;

		/// What each Growth DAM spent on each program's Network: (DAM, program).
		#[frame_support::storage_alias]
		pub type Spent<T: Config> = StorageDoubleMap<
			Pallet<T>,
			Blake2_128Concat,
			DamId,
			Blake2_128Concat,
			ProgramId,
			Spending<BalanceOf<T>>,
		>;

		/// Each retiring token's booking: (DAM, program).
		#[frame_support::storage_alias]
		pub type Retiring<T: Config> = StorageDoubleMap<
			Pallet<T>,
			Blake2_128Concat,
			DamId,
			Blake2_128Concat,
			ProgramId,
			Retirement,
		>;
	}

	use old::*;
	use polkadot_sdk::frame_system;

	/// One (DAM, program)'s state as version 4 stored it, in its four maps.
	#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug)]
	pub struct OldRecord<AccountId, Balance> {
		pub stake: Option<OldStake<AccountId, Balance>>,
		pub per_share: Option<U256>,
		pub spent: Option<Spending<Balance>>,
		pub retiring: Option<Retirement>,
	}

	/// One (DAM, program)'s state of this runtime, as version 4 stored it.
	pub type OldRecordOf<T> = OldRecord<<T as frame_system::Config>::AccountId, BalanceOf<T>>;

	/// Every (DAM, program) with a record in any of the four maps of version 4.
	pub fn old_records<T: Config>() -> BTreeMap<(DamId, ProgramId), OldRecordOf<T>> {
		let mut records: BTreeMap<(DamId, ProgramId), OldRecordOf<T>> = BTreeMap::new();
		let blank = || OldRecord { stake: None, per_share: None, spent: None, retiring: None };
		for (id, dam, stake) in InstallationRewards::<T>::iter() {
			records.entry((dam, id)).or_insert_with(blank).stake = Some(stake);
		}
		for (dam, id, per_share) in RewardPerShare::<T>::iter() {
			records.entry((dam, id)).or_insert_with(blank).per_share = Some(per_share);
		}
		for (dam, id, spent) in Spent::<T>::iter() {
			records.entry((dam, id)).or_insert_with(blank).spent = Some(spent);
		}
		for (dam, id, retiring) in Retiring::<T>::iter() {
			records.entry((dam, id)).or_insert_with(blank).retiring = Some(retiring);
		}
		records
	}

	/// The record of version 5 for the state `old` of the installation of program `id` into
	/// `dam`: its stake takes a copy of the installation of now.
	pub fn upgraded<T: Config>(dam: DamId, id: ProgramId, old: OldRecordOf<T>) -> DamRewardOf<T> {
		let network = Programs::<T>::get(id).map(|program| program.network);
		let installation = network
			.and_then(|network| T::Marketplace::installation(network, dam))
			.filter(|i| i.status == InstallationStatus::Active);
		let stake = old.stake.map(|s| Stake {
			operator: s.operator,
			weight: s.weight,
			performance: s.performance,
			exposure_checkpoint: s.exposure_checkpoint,
			performance_checkpoint: s.performance_checkpoint,
			operator_owed: s.operator_owed,
			active: installation.is_some(),
			cap: installation.as_ref().map(|i| i.exposure).unwrap_or_default(),
			licensed: network
				.filter(|_| installation.is_some())
				.map(|network| LicensedExposure::<T>::get(network, dam))
				.unwrap_or_default(),
		});
		DamReward {
			stake,
			per_share: old.per_share.unwrap_or_default(),
			spent: old.spent,
			retiring: old.retiring,
		}
	}

	/// The migration's body; [`MigrateV4ToV5`] runs it once, at storage version 4.
	pub struct InnerMigrateV4ToV5<T>(core::marker::PhantomData<T>);

	impl<T: Config> CheckedMigration for InnerMigrateV4ToV5<T> {
		fn migrate() -> Weight {
			let records = old_records::<T>();
			let (mut reads, mut writes) = (0u64, 0u64);
			for ((dam, id), old) in records {
				// Its old entries, the program, the installation and its licenses are read; the
				// new record is written and each old entry removed.
				let entries = [
					old.stake.is_some(),
					old.per_share.is_some(),
					old.spent.is_some(),
					old.retiring.is_some(),
				]
				.into_iter()
				.filter(|present| *present)
				.count() as u64;
				reads.saturating_accrue(entries.saturating_add(3));
				writes.saturating_accrue(entries.saturating_add(1));
				let record = upgraded::<T>(dam, id, old);
				if !record.is_empty() {
					DamRewards::<T>::insert(dam, id, record);
				}
			}
			// Every old entry was counted above; each map goes whole.
			for removed in [
				InstallationRewards::<T>::clear(u32::MAX, None),
				RewardPerShare::<T>::clear(u32::MAX, None),
				Spent::<T>::clear(u32::MAX, None),
				Retiring::<T>::clear(u32::MAX, None),
			] {
				debug_assert!(removed.maybe_cursor.is_none(), "an old map was not cleared whole");
			}
			T::DbWeight::get().reads_writes(reads, writes)
		}

		/// What the checks after the upgrade compare with: every record of the four maps of
		/// version 4.
		fn pre_checks() -> Vec<u8> {
			old_records::<T>().into_iter().collect::<Vec<_>>().encode()
		}

		/// Checks the upgraded state against what [`Self::pre_checks`] saw: each (DAM,
		/// program) has one record holding what the four maps held, each stake its
		/// installation's copy, and the four maps are gone.
		fn post_checks(state: Vec<u8>) -> Result<(), &'static str> {
			let before = Vec::<((DamId, ProgramId), OldRecordOf<T>)>::decode(&mut &state[..])
				.map_err(|_| "undecodable state")?;
			let mut expected = 0usize;
			for ((dam, id), old) in before {
				let record = upgraded::<T>(dam, id, old);
				if !record.is_empty() {
					expected.saturating_inc();
				}
				ensure!(DamRewards::<T>::get(dam, id) == record, "a DAM's token record changed");
			}
			ensure!(
				DamRewards::<T>::iter_keys().count() == expected,
				"the number of DAM token records changed"
			);
			ensure!(
				InstallationRewards::<T>::iter_keys().next().is_none()
					&& RewardPerShare::<T>::iter_keys().next().is_none()
					&& Spent::<T>::iter_keys().next().is_none()
					&& Retiring::<T>::iter_keys().next().is_none(),
				"a map of version 4 is left"
			);
			Ok(())
		}
	}

	/// Runs [`InnerMigrateV4ToV5`] once, from storage version 4 to 5.
	pub type MigrateV4ToV5<T> = VersionedMigration<
		4,
		5,
		Checked<InnerMigrateV4ToV5<T>>,
		Pallet<T>,
		<T as polkadot_sdk::frame_system::Config>::DbWeight,
	>;
}
