//! The shape every Nektar storage migration takes: a body and the checks around it.
//!
//! A pallet implements [`CheckedMigration`] for each step from one storage version to the next
//! and runs it through [`Checked`], inside a `VersionedMigration`. Under `try-runtime`, the
//! checks run around the body on every upgrade; tests call them directly.

use alloc::vec::Vec;
use core::marker::PhantomData;
use polkadot_sdk::frame_support::{traits::UncheckedOnRuntimeUpgrade, weights::Weight};

/// One storage migration's body and its checks.
pub trait CheckedMigration {
	/// Migrates the storage and returns the weight it took.
	fn migrate() -> Weight;

	/// What [`Self::post_checks`] compares with, taken from the storage before the migration.
	fn pre_checks() -> Vec<u8>;

	/// Checks the migrated storage against what [`Self::pre_checks`] saw.
	fn post_checks(state: Vec<u8>) -> Result<(), &'static str>;
}

/// Runs `M` as a runtime upgrade, with its checks as the `try-runtime` hooks.
pub struct Checked<M>(PhantomData<M>);

impl<M: CheckedMigration> UncheckedOnRuntimeUpgrade for Checked<M> {
	fn on_runtime_upgrade() -> Weight {
		M::migrate()
	}

	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<Vec<u8>, polkadot_sdk::sp_runtime::TryRuntimeError> {
		Ok(M::pre_checks())
	}

	#[cfg(feature = "try-runtime")]
	fn post_upgrade(state: Vec<u8>) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
		M::post_checks(state).map_err(Into::into)
	}
}
