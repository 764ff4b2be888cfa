//! # Nektar primitives
//!
//! The types that more than one Nektar pallet uses, and the traits through which the pallets
//! talk to each other. No pallet reads another's storage: the runtime wires the pallets
//! together by implementing these traits.
//!
//! - [`types`]: ids, kinds, statuses and the views that cross pallet boundaries;
//! - [`amounts`]: [`Shares`] and [`Assets`], so that a DAM's shares and the assets they are
//!   worth cannot be mixed up;
//! - [`maths`]: [`MulDiv`] and the per-share accumulator [`PerShare`];
//! - [`migrations`]: [`CheckedMigration`], the shape of every storage migration, run through
//!   [`Checked`];
//! - [`traits`]: what each pallet offers the others (`MarketplaceInspect`, `DamProvider`, …)
//!   and the listeners it tells after each change (`OnNetworkChange`, `OnSharesChange`).
//!
//! Each pallet's runtime API lives in its own crate (`pallet-dam-runtime-api`, …).

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod amounts;
pub mod maths;
pub mod migrations;
pub mod traits;
pub mod types;

pub use amounts::{Assets, Shares};
pub use maths::{MulDiv, PerShare};
pub use migrations::{Checked, CheckedMigration};
pub use traits::*;
pub use types::*;
