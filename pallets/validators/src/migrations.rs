//! Storage migrations of the validators pallet.

/// Version 1 to 2, as the upgrade rehearsal ships it (feature `upgrade-rehearsal`): the layout
/// does not change, only the version does. It is the smallest real migration a runtime
/// upgrade can carry, and its checks prove that the validator set's terms, the session clock
/// and the deferred penalties come through an upgrade untouched.
#[cfg(feature = "upgrade-rehearsal")]
pub mod v2 {
	use crate::pallet::*;
	use frame_support::{migrations::VersionedMigration, weights::Weight};
	use nektar_primitives::{Checked, CheckedMigration};
	use polkadot_sdk::{frame_support, frame_system};

	/// Leaves every item as it is.
	pub struct KeepLayout<T>(core::marker::PhantomData<T>);

	impl<T: Config> CheckedMigration for KeepLayout<T> {
		fn migrate() -> Weight {
			Weight::zero()
		}

		/// Every item of the pallet, encoded.
		fn pre_checks() -> alloc::vec::Vec<u8> {
			snapshot::<T>()
		}

		/// Every item of the pallet reads as it did before the upgrade.
		fn post_checks(state: alloc::vec::Vec<u8>) -> Result<(), &'static str> {
			frame_support::ensure!(
				snapshot::<T>() == state,
				"the validators pallet's storage changed in the upgrade"
			);
			Ok(())
		}
	}

	/// Everything the pallet stores that an upgrade must carry over.
	fn snapshot<T: Config>() -> alloc::vec::Vec<u8> {
		use codec::Encode;
		(
			(
				Invulnerables::<T>::get(),
				MinValidators::<T>::get(),
				MaxValidators::<T>::get(),
				MinValidatorBacking::<T>::get(),
				ValidatorRewardPerSession::<T>::get(),
				SessionLength::<T>::get(),
			),
			(SessionStartedAt::<T>::get(), SessionEndsAt::<T>::get(), SessionBlocks::<T>::get()),
			(
				Offenders::<T>::get(),
				IdleSince::<T>::iter().collect::<alloc::vec::Vec<_>>(),
				DeferredPenalties::<T>::iter().collect::<alloc::vec::Vec<_>>(),
			),
		)
			.encode()
	}

	/// Version 1 to 2, run once: the versioned wrapper checks the version on-chain first.
	pub type MigrateV1ToV2<T> = VersionedMigration<
		1,
		2,
		Checked<KeepLayout<T>>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
