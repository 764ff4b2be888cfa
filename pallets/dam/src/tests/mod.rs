//! Tests of the DAM pallet, one file per flow.

mod allow_list;
mod bad_input;
mod collateral;
mod creation;
mod deposits;
mod installations;
mod operators;
mod properties;
mod transfers;
