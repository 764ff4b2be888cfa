//! The genesis presets build a working chain state: balances, validators, the Council, the
//! sudo key and the example asset.

use nektar_runtime::{
	configs::nektar::AssetKind,
	genesis_config_presets::{
		development_config_genesis, local_config_genesis, preset_names, ENDOWMENT,
		EXAMPLE_ASSET_DECIMALS, EXAMPLE_ASSET_ENDOWMENT, EXAMPLE_ASSET_ID,
	},
	AccountId, Assets, Aura, Balances, Runtime, RuntimeGenesisConfig, System,
};
use polkadot_sdk::{
	frame_support::{
		genesis_builder_helper::build_state, traits::fungibles::metadata::Inspect as _,
	},
	pallet_collective, pallet_grandpa, pallet_sudo, sp_genesis_builder, sp_io,
	sp_keyring::Sr25519Keyring,
};
use serde_json::Value;

/// Applies a preset patch on top of the default genesis, as the node's chain spec does.
fn merge(base: &mut Value, patch: Value) {
	match (base, patch) {
		(Value::Object(base), Value::Object(patch)) => {
			for (key, value) in patch {
				merge(base.entry(key).or_insert(Value::Null), value);
			}
		}
		(base, patch) => *base = patch,
	}
}

fn build(patch: Value) -> sp_io::TestExternalities {
	let mut genesis = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
	merge(&mut genesis, patch);
	let json = serde_json::to_vec(&genesis).unwrap();
	let mut ext = sp_io::TestExternalities::new_empty();
	ext.execute_with(|| build_state::<RuntimeGenesisConfig>(json).expect("the preset builds"));
	ext
}

fn council() -> Vec<AccountId> {
	let mut members: Vec<AccountId> =
		[Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie]
			.into_iter()
			.map(|k| k.to_account_id())
			.collect();
	members.sort();
	members
}

fn check_common_state() {
	let well_known: Vec<AccountId> =
		Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect();
	for who in &well_known {
		assert_eq!(Balances::free_balance(who), ENDOWMENT, "native endowment of {who}");
		assert_eq!(Assets::balance(EXAMPLE_ASSET_ID, who), EXAMPLE_ASSET_ENDOWMENT);
	}
	// The treasury and the vaults' account hold the existential deposit, so that any
	// penalty, however small, can be locked and paid.
	for account in [
		nektar_runtime::configs::nektar::TreasuryAccount::get(),
		nektar_runtime::configs::nektar::VaultsAccount::get(),
	] {
		assert_eq!(Balances::free_balance(&account), nektar_runtime::EXISTENTIAL_DEPOSIT);
	}
	assert_eq!(
		Balances::total_issuance(),
		ENDOWMENT * well_known.len() as u128 + 2 * nektar_runtime::EXISTENTIAL_DEPOSIT,
		"issuance is exactly the endowments"
	);
	assert_eq!(
		Assets::total_supply(EXAMPLE_ASSET_ID),
		EXAMPLE_ASSET_ENDOWMENT * well_known.len() as u128
	);
	assert_eq!(<Assets as polkadot_sdk::frame_support::traits::fungibles::metadata::Inspect<AccountId>>::decimals(EXAMPLE_ASSET_ID), EXAMPLE_ASSET_DECIMALS);
	assert_eq!(Assets::symbol(EXAMPLE_ASSET_ID), b"nUSD".to_vec());
	assert_eq!(pallet_sudo::Key::<Runtime>::get(), Some(Sr25519Keyring::Alice.to_account_id()));
	assert_eq!(
		pallet_collective::Members::<Runtime, pallet_collective::Instance1>::get(),
		council()
	);
	assert_eq!(System::block_number(), 0);
	assert_eq!(
		pallet_marketplace::Params::<Runtime>::get(),
		nektar_runtime::genesis_config_presets::testnet_params()
	);
	for asset in [AssetKind::Native, AssetKind::WithId(EXAMPLE_ASSET_ID)] {
		assert!(pallet_marketplace::WhitelistedAssets::<Runtime>::contains_key(asset));
	}
}

#[test]
fn development_preset_has_alice_as_the_only_validator() {
	build(development_config_genesis()).execute_with(|| {
		check_common_state();
		assert_eq!(Aura::authorities_len(), 1);
		assert_eq!(pallet_grandpa::Pallet::<Runtime>::grandpa_authorities().len(), 1);
	});
}

#[test]
fn local_preset_has_three_validators() {
	build(local_config_genesis()).execute_with(|| {
		check_common_state();
		assert_eq!(Aura::authorities_len(), 3);
		assert_eq!(pallet_grandpa::Pallet::<Runtime>::grandpa_authorities().len(), 3);
	});
}

#[test]
fn presets_are_listed_under_their_standard_names() {
	let names: Vec<String> = preset_names();
	assert_eq!(
		names,
		vec![
			sp_genesis_builder::DEV_RUNTIME_PRESET.to_string(),
			sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET.to_string()
		]
	);
	assert!(
		nektar_runtime::genesis_config_presets::get_preset(&"nonexistent".to_string()).is_none()
	);
}
