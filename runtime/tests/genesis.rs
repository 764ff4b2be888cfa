//! The genesis presets build a working chain state: balances, validators with session keys,
//! Network 0 live with its reward program, the Council, the example asset and its NEK pool, the
//! tracks' development periods, and the sudo key on the development chain only.

use nektar_runtime::{
	configs::nektar::AssetKind,
	genesis_config_presets::{
		development_config_genesis, local_config_genesis, preset_names, ENDOWMENT,
		EXAMPLE_ASSET_DECIMALS, EXAMPLE_ASSET_ENDOWMENT, EXAMPLE_ASSET_ID, GENESIS_POOL_LIQUIDITY,
		MIN_VALIDATOR_BACKING, SESSION_LENGTH, TREASURY_ENDOWMENT, VALIDATOR_REWARD_PER_SESSION,
	},
	AccountId, AssetConversion, Assets, Aura, Balances, Runtime, System,
};
use polkadot_sdk::{
	frame_support::traits::fungibles::metadata::Inspect as _, pallet_collective, pallet_grandpa,
	pallet_sudo, sp_genesis_builder, sp_keyring::Sr25519Keyring,
};

mod common;
use common::build;

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
	// Alice provided the nUSD/NEK pool's liquidity (and holds the deposits of its accounts).
	let alice = Sr25519Keyring::Alice.to_account_id();
	let (pool_nek, pool_nusd) = GENESIS_POOL_LIQUIDITY;
	for who in &well_known {
		let (nek, nusd) = if *who == alice { (pool_nek, pool_nusd) } else { (0, 0) };
		assert_eq!(<Balances as polkadot_sdk::frame_support::traits::fungible::Inspect<AccountId>>::total_balance(who), ENDOWMENT - nek, "native endowment of {who}");
		assert_eq!(Assets::balance(EXAMPLE_ASSET_ID, who), EXAMPLE_ASSET_ENDOWMENT - nusd);
	}
	assert_eq!(
		AssetConversion::get_reserves(AssetKind::Native, AssetKind::WithId(EXAMPLE_ASSET_ID)).ok(),
		Some((pool_nek, pool_nusd))
	);
	assert!(nektar_runtime::configs::governance::origins::DevelopmentPeriods::<Runtime>::get());
	// The vaults' account holds the existential deposit, so that any penalty, however small,
	// can be locked and paid; the treasury holds what pays the validator rewards.
	let vaults = nektar_runtime::configs::nektar::VaultsAccount::get();
	assert_eq!(Balances::free_balance(&vaults), nektar_runtime::EXISTENTIAL_DEPOSIT);
	let treasury = nektar_runtime::configs::nektar::TreasuryAccount::get();
	assert_eq!(Balances::free_balance(&treasury), TREASURY_ENDOWMENT);
	// Network 0's manager paid its reward token's deposit and the escrow's existential
	// deposit out of its endowment: issuance is exactly the endowments.
	let manager = nektar_runtime::Validators::account();
	assert_eq!(
		Balances::total_issuance(),
		ENDOWMENT * well_known.len() as u128
			+ nektar_runtime::EXISTENTIAL_DEPOSIT
			+ TREASURY_ENDOWMENT
			+ 100 * nektar_runtime::UNIT,
		"issuance is exactly the endowments"
	);
	assert!(Balances::free_balance(&manager) < 100 * nektar_runtime::UNIT);

	// Network 0 is live, Collateral, in NEK, managed by the validators pallet, with its
	// primary reward program.
	let network = pallet_marketplace::Networks::<Runtime>::get(0).expect("Network 0 exists");
	assert_eq!(network.status, nektar_primitives::NetworkStatus::Live);
	assert_eq!(network.manager, manager);
	assert_eq!(network.terms.kind, nektar_primitives::NetworkKind::Collateral);
	assert_eq!(network.terms.deposit_asset, AssetKind::Native);
	assert_eq!(network.terms.min_allocation, MIN_VALIDATOR_BACKING);
	assert_eq!(network.deposit, 0);
	assert_eq!(pallet_marketplace::NextNetworkId::<Runtime>::get(), 1);
	assert!(pallet_rewards::Programs::<Runtime>::contains_key(0));
	assert_eq!(pallet_validators::MinValidatorBacking::<Runtime>::get(), MIN_VALIDATOR_BACKING);
	assert_eq!(
		pallet_validators::ValidatorRewardPerSession::<Runtime>::get(),
		VALIDATOR_REWARD_PER_SESSION
	);
	assert_eq!(pallet_validators::SessionLength::<Runtime>::get(), SESSION_LENGTH);
	assert_eq!(pallet_validators::SessionEndsAt::<Runtime>::get(), SESSION_LENGTH);
	assert_eq!(
		Assets::total_supply(EXAMPLE_ASSET_ID),
		EXAMPLE_ASSET_ENDOWMENT * well_known.len() as u128
	);
	assert_eq!(<Assets as polkadot_sdk::frame_support::traits::fungibles::metadata::Inspect<AccountId>>::decimals(EXAMPLE_ASSET_ID), EXAMPLE_ASSET_DECIMALS);
	assert_eq!(Assets::symbol(EXAMPLE_ASSET_ID), b"nUSD".to_vec());
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

/// The genesis validators are the invulnerables, with session keys, and validate sessions 0
/// and 1.
fn check_validators(expected: &[Sr25519Keyring]) {
	let accounts: Vec<AccountId> = expected.iter().map(|k| k.to_account_id()).collect();
	assert_eq!(polkadot_sdk::pallet_session::Validators::<Runtime>::get(), accounts);
	assert_eq!(pallet_validators::Invulnerables::<Runtime>::get().into_inner(), accounts);
	for who in &accounts {
		assert!(polkadot_sdk::pallet_session::NextKeys::<Runtime>::contains_key(who));
	}
	let queued: Vec<AccountId> = polkadot_sdk::pallet_session::QueuedKeys::<Runtime>::get()
		.into_iter()
		.map(|(who, _)| who)
		.collect();
	assert_eq!(queued, accounts);
}

#[test]
fn development_preset_has_alice_as_the_only_validator() {
	build(development_config_genesis()).execute_with(|| {
		check_common_state();
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), Some(Sr25519Keyring::Alice.to_account_id()));
		assert_eq!(Aura::authorities_len(), 1);
		assert_eq!(pallet_grandpa::Pallet::<Runtime>::grandpa_authorities().len(), 1);
		check_validators(&[Sr25519Keyring::Alice]);
	});
}

#[test]
fn local_preset_has_three_validators() {
	build(local_config_genesis()).execute_with(|| {
		check_common_state();
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), None, "no Sudo outside development");
		assert_eq!(Aura::authorities_len(), 3);
		assert_eq!(pallet_grandpa::Pallet::<Runtime>::grandpa_authorities().len(), 3);
		check_validators(&[Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie]);
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
