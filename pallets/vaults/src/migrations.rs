//! Storage migrations of the vaults pallet.

use crate::pallet::*;
use codec::{Decode, Encode};
use frame_support::{migrations::VersionedMigration, pallet_prelude::*};
use nektar_primitives::{Checked, CheckedMigration, DamId, MarketplaceInspect, NetworkId};
use polkadot_sdk::{
	frame_support, frame_system::pallet_prelude::BlockNumberFor, sp_runtime::Saturating,
};

/// Version 1 to 2: each DAM lists the Networks that owe it a loan with the block each ends at
/// ([`LoanEnds`]), so that its deposits and withdrawals check for an overdue loan in one read.
pub mod v2 {
	use super::*;

	/// The migration's body; [`MigrateV1ToV2`] runs it once, at storage version 1.
	pub struct InnerMigrateV1ToV2<T>(core::marker::PhantomData<T>);

	impl<T: Config> CheckedMigration for InnerMigrateV1ToV2<T> {
		fn migrate() -> Weight {
			let (mut reads, mut writes) = (0u64, 0u64);
			let mut ends: alloc::collections::btree_map::BTreeMap<
				DamId,
				alloc::vec::Vec<(NetworkId, BlockNumberFor<T>)>,
			> = Default::default();
			for (network, dam) in Loans::<T>::iter_keys() {
				reads.saturating_accrue(2);
				// A loan opens only on a Network that went live; one without an end cannot
				// fall due, and is left off.
				if let Some(end) = T::Marketplace::network(network).and_then(|view| view.ends_at())
				{
					ends.entry(dam).or_default().push((network, end));
				}
			}
			for (dam, list) in ends {
				writes.saturating_inc();
				// At most one loan per installation, and `MaxLoansPerDam` covers them all.
				LoanEnds::<T>::insert(dam, BoundedVec::truncate_from(list));
			}
			T::DbWeight::get().reads_writes(reads, writes)
		}

		/// What the checks after the upgrade compare with: every loan's DAM and Network.
		fn pre_checks() -> alloc::vec::Vec<u8> {
			let loans: alloc::vec::Vec<(DamId, NetworkId)> =
				Loans::<T>::iter_keys().map(|(network, dam)| (dam, network)).collect();
			loans.encode()
		}

		/// Checks the upgraded state against what [`Self::pre_checks`] saw: each loan is
		/// listed under its DAM at its Network's end, and nothing else is.
		fn post_checks(state: alloc::vec::Vec<u8>) -> Result<(), &'static str> {
			let before: alloc::vec::Vec<(DamId, NetworkId)> =
				Decode::decode(&mut &state[..]).map_err(|_| "undecodable state")?;
			ensure!(Loans::<T>::iter_keys().count() == before.len(), "loans changed");
			let listed: usize = LoanEnds::<T>::iter_values().map(|ends| ends.len()).sum();
			ensure!(listed == before.len(), "a DAM's loan ends are not its loans");
			for (dam, network) in before {
				let end = T::Marketplace::network(network)
					.and_then(|view| view.ends_at())
					.ok_or("a Network with a loan has no end")?;
				ensure!(
					LoanEnds::<T>::get(dam).contains(&(network, end)),
					"a loan is missing from its DAM's loan ends"
				);
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
