//! # Nektar primitives
//!
//! The types that more than one Nektar pallet uses, and the traits through which the pallets
//! talk to each other. No pallet reads another's storage: the runtime wires the pallets
//! together by implementing these traits.
//!
//! - [`types`]: ids, kinds, statuses and the views that cross pallet boundaries;
//! - [`traits`]: what the marketplace offers the DAM pallet, and the other way round;
//! - [`runtime_api`]: `NektarApi`, the queries wallets and dashboards call.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod runtime_api;
pub mod traits;
pub mod types;

pub use traits::*;
pub use types::*;
