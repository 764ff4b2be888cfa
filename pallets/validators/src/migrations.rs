//! Storage migrations of the validators pallet.

/// Version 1 to 2, as the upgrade rehearsal ships it (feature `upgrade-rehearsal`): the layout
/// does not change, only the version does. It is the smallest real migration a runtime
/// upgrade can carry, and its checks prove that the validator set's terms, the session clock
/// and the deferred penalties come through an upgrade untouched.
#[cfg(feature = "upgrade-rehearsal")]
pub mod v2 {
	use crate::pallet::*;
	use frame_support::{
		migrations::VersionedMigration, traits::UncheckedOnRuntimeUpgrade, weights::Weight,
	};
	use polkadot_sdk::{frame_support, frame_system};

	/// Leaves every item as it is.
	pub struct KeepLayout<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for KeepLayout<T> {
		fn on_runtime_upgrade() -> Weight {
			Weight::zero()
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, polkadot_sdk::sp_runtime::TryRuntimeError> {
			use codec::Encode;
			Ok(snapshot::<T>().encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(
			state: alloc::vec::Vec<u8>,
		) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
			use codec::Encode;
			frame_support::ensure!(
				snapshot::<T>().encode() == state,
				"the validators pallet's storage changed in the upgrade"
			);
			Ok(())
		}
	}

	/// Everything the pallet stores that an upgrade must carry over.
	#[cfg(feature = "try-runtime")]
	fn snapshot<T: Config>() -> impl codec::Encode {
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
	}

	/// Version 1 to 2, run once: the versioned wrapper checks the version on-chain first.
	pub type MigrateV1ToV2<T> =
		VersionedMigration<1, 2, KeepLayout<T>, Pallet<T>, <T as frame_system::Config>::DbWeight>;
}
