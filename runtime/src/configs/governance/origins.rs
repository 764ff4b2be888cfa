//! The origins of the OpenGov tracks beside Root, and the choice between the tracks' production
//! and development periods.
//!
//! A referendum dispatches its call from the origin it was submitted with; that origin names
//! its track ([`super::tracks`]). Each origin here is what one kind of governance call of the
//! chain accepts besides Root and a 2/3 Council motion.

pub use pallet_origins::*;

use polkadot_sdk::frame_support;

#[frame_support::pallet]
pub mod pallet_origins {
	use super::frame_support;
	use crate::{Balance, UNIT};
	use frame_support::pallet_prelude::*;

	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config {}

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	/// The origin a referendum on one of the tracks below Root dispatches its call from.
	#[derive(
		PartialEq, Eq, Clone, MaxEncodedLen, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug,
	)]
	#[pallet::origin]
	pub enum Origin {
		/// Whitelists, rejects, suspends and resumes Networks, and whitelists and removes
		/// deposit and reward assets.
		NetworkWhitelister,
		/// Resolves disputed penalties of Networks that name no resolver, and cancels
		/// penalties.
		PenaltyResolver,
		/// Spends from the treasury, up to [`TREASURER_MAX_SPEND`] per spend.
		Treasurer,
		/// Sets the protocol and validator-set parameters.
		Parameters,
	}

	/// Whether the tracks run on their development periods (minutes) instead of their
	/// production ones (days). Only a genesis preset sets it.
	#[pallet::storage]
	pub type DevelopmentPeriods<T> = StorageValue<_, bool, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Run the tracks on their development periods.
		pub development_periods: bool,
		#[serde(skip)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			DevelopmentPeriods::<T>::put(self.development_periods);
		}
	}

	/// The most one treasurer-track spend may pay, in NEK or its value in NEK.
	pub const TREASURER_MAX_SPEND: Balance = 1_000_000 * UNIT;

	/// Defines an `EnsureOrigin` that accepts exactly one variant of [`Origin`].
	macro_rules! ensure_track_origin {
		($(#[$doc:meta])* $name:ident, $variant:ident $(, $success:ty = $value:expr)?) => {
			$(#[$doc])*
			pub struct $name;
			impl<O: Into<Result<Origin, O>> + From<Origin>> EnsureOrigin<O> for $name {
				type Success = ensure_track_origin!(@success $($success)?);

				fn try_origin(o: O) -> Result<Self::Success, O> {
					match o.into() {
						Ok(Origin::$variant) => Ok(ensure_track_origin!(@value $($value)?)),
						Ok(other) => Err(O::from(other)),
						Err(o) => Err(o),
					}
				}

				#[cfg(feature = "runtime-benchmarks")]
				fn try_successful_origin() -> Result<O, ()> {
					Ok(O::from(Origin::$variant))
				}
			}
		};
		(@success) => { () };
		(@success $success:ty) => { $success };
		(@value) => { () };
		(@value $value:expr) => { $value };
	}

	ensure_track_origin!(
		/// A passed referendum on the `network_whitelister` track.
		NetworkWhitelister,
		NetworkWhitelister
	);
	ensure_track_origin!(
		/// A passed referendum on the `penalty_resolver` track.
		PenaltyResolver,
		PenaltyResolver
	);
	ensure_track_origin!(
		/// A passed referendum on the `treasurer` track; it may spend up to
		/// [`TREASURER_MAX_SPEND`].
		Treasurer,
		Treasurer,
		Balance = TREASURER_MAX_SPEND
	);
	ensure_track_origin!(
		/// A passed referendum on the `parameters` track.
		Parameters,
		Parameters
	);
}
