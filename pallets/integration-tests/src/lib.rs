//! Tests of the five Nektar pallets working together, on one test runtime with balances and
//! assets: the marketplace, DAMs, vaults, rewards and slashing.
//!
//! Each pallet's own tests run against trait doubles of its neighbours. The tests here run the
//! real pallets: whole flows from a Network's registration to its last reward claim, the
//! property tests, the bad-input tables that cross pallets, the storage migrations, and the
//! benchmarks of every pallet. After every test, [`mock::check_invariants`] runs the
//! `try_state` checks of all five pallets.

#![cfg(test)]

mod mock;
mod tests;

use polkadot_sdk::{frame_support, frame_system};
