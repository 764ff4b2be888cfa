//! The upgrade rehearsal, in process: the runtime's migrations, as its next version runs them
//! (features `try-runtime` and `upgrade-rehearsal`), on a live network's state or, without
//! one, on the development genesis.
//!
//! `NEKTAR_UPGRADE_STATE` names a snapshot of a chain's whole state: a JSON array of
//! `["0x<key>", "0x<value>"]` pairs, as the zombienet upgrade suite saves it from a running
//! network just before its upgrade. `Executive::try_runtime_upgrade` runs every migration with
//! its `pre_upgrade` and `post_upgrade` checks, decodes the entire state and runs every pallet's
//! `try_state`. The test then checks that the validators pallet is at storage version 2, that
//! the marketplace's pallets store exactly what they stored before, and that a second run
//! migrates nothing.
#![cfg(all(feature = "try-runtime", feature = "upgrade-rehearsal"))]

use nektar_runtime::{Executive, Runtime, Validators};
use polkadot_sdk::{
	frame_support::traits::{GetStorageVersion, StorageVersion, UpgradeCheckSelect},
	frame_system::LastRuntimeUpgrade,
	sp_core::bytes::from_hex,
	sp_io::{self, hashing::twox_128},
	sp_runtime::StateVersion,
};

mod common;

/// The pallets whose storage an upgrade of the validators pallet must leave byte for byte as
/// it was: every position, reward, penalty and vault lives here.
const UNTOUCHED: [&str; 7] =
	["Marketplace", "Dam", "Vaults", "Rewards", "Slashing", "Assets", "Balances"];

/// The state to upgrade: the snapshot `NEKTAR_UPGRADE_STATE` names, or the development genesis.
fn state() -> (sp_io::TestExternalities, String) {
	let Ok(path) = std::env::var("NEKTAR_UPGRADE_STATE") else {
		let genesis = nektar_runtime::genesis_config_presets::development_config_genesis();
		let mut ext = common::build(genesis);
		// As the running runtime builds it: the next one's genesis writes version 2 itself.
		ext.execute_with(|| StorageVersion::new(1).put::<Validators>());
		return (ext, "the development genesis".into());
	};
	let json = std::fs::read(&path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
	let pairs: Vec<(String, String)> =
		serde_json::from_slice(&json).unwrap_or_else(|e| panic!("{path} is not a snapshot: {e}"));
	assert!(!pairs.is_empty(), "{path} holds no state");
	let mut ext = sp_io::TestExternalities::new_empty();
	for (key, value) in &pairs {
		let key = from_hex(key).unwrap_or_else(|e| panic!("key {key}: {e:?}"));
		let value = from_hex(value).unwrap_or_else(|e| panic!("value of {key:?}: {e:?}"));
		ext.insert(key, value);
	}
	(ext, format!("{} keys of {path}", pairs.len()))
}

/// Every key and value under `pallet`'s prefix.
fn pallet_storage(pallet: &str) -> Vec<(Vec<u8>, Vec<u8>)> {
	let prefix = twox_128(pallet.as_bytes()).to_vec();
	let mut pairs = Vec::new();
	let mut key = prefix.clone();
	while let Some(next) = sp_io::storage::next_key(&key) {
		if !next.starts_with(&prefix) {
			break;
		}
		let value = sp_io::storage::get(&next).expect("a key next_key returns has a value");
		pairs.push((next.clone(), value.to_vec()));
		key = next;
	}
	pairs
}

#[test]
fn the_next_runtime_migrates_the_state_and_keeps_every_position() {
	let (mut ext, what) = state();
	ext.execute_with(|| {
		assert_eq!(
			Validators::on_chain_storage_version(),
			StorageVersion::new(1),
			"{what}: the validators pallet starts at version 1"
		);
		let before: Vec<_> = UNTOUCHED.iter().map(|pallet| pallet_storage(pallet)).collect();
		assert!(!pallet_storage("Marketplace").is_empty(), "{what}: the marketplace holds state");

		let weight = Executive::try_runtime_upgrade(UpgradeCheckSelect::All)
			.unwrap_or_else(|e| panic!("{what}: the upgrade's checks failed: {e:?}"));
		println!("{what}: migrated, weight {weight:?}");

		assert_eq!(Validators::on_chain_storage_version(), StorageVersion::new(2));
		assert_eq!(Validators::in_code_storage_version(), StorageVersion::new(2));
		for (pallet, before) in UNTOUCHED.iter().zip(&before) {
			assert!(pallet_storage(pallet) == *before, "{what}: the upgrade changed {pallet}");
		}

		// Run again: the migration finds version 2 and leaves the whole state as it is.
		let root = sp_io::storage::root(StateVersion::V1);
		Executive::try_runtime_upgrade(UpgradeCheckSelect::PreAndPost)
			.expect("the second run's checks hold");
		assert_eq!(sp_io::storage::root(StateVersion::V1), root, "{what}: the second run migrated");
		let upgraded_to = LastRuntimeUpgrade::<Runtime>::get().map(|info| info.spec_version.0);
		assert_eq!(upgraded_to, Some(nektar_runtime::VERSION.spec_version));
	});
}
