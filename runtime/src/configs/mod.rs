//! The configuration of every pallet in the runtime, grouped by concern.

pub mod accounts;
pub mod consensus;
pub mod governance;
pub mod monetary;
pub mod nektar;
pub mod priority;
pub mod system;
