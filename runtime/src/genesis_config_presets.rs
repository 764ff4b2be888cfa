//! The genesis presets: `development` (one validator, Alice) and `local_testnet` (Alice, Bob
//! and Charlie as validators).
//!
//! Both presets fund the well-known development accounts, put Alice, Bob and Charlie on the
//! Council, create one example asset, [`EXAMPLE_ASSET_ID`] (nUSD), and give it a NEK pool that
//! Alice provides ([`GENESIS_POOL_LIQUIDITY`] of each side), so that fees can be paid in nUSD
//! from the first block. Only the development preset has a Sudo key (Alice). Referenda run on
//! the tracks' development periods, so that one passes in minutes. The
//! marketplace starts with the native token and the example asset whitelisted, with the short
//! delays of [`testnet_params`], and with Network 0 live ([`nektar_network`]). The genesis
//! validators are the invulnerables of 10-block sessions; an Operator joins them with
//! [`MIN_VALIDATOR_BACKING`] committed to Network 0, and the treasury pays
//! [`VALIDATOR_REWARD_PER_SESSION`] into Network 0's rewards every session.

use crate::{
	configs::nektar::AssetKind, opaque::SessionKeys, AccountId, AssetConversionConfig,
	AssetsConfig, BalancesConfig, CouncilMembershipConfig, MarketplaceConfig, OriginsConfig,
	RuntimeGenesisConfig, SessionConfig, SudoConfig, ValidatorsConfig, DAYS, UNIT,
};
use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use nektar_primitives::ProtocolParams;
use pallet_marketplace::{NetworkTerms, PenaltyDestination, PenaltyTerms};
use polkadot_sdk::sp_runtime::FixedU128;
use polkadot_sdk::sp_runtime::Perbill;
use polkadot_sdk::{sp_consensus_aura, sp_consensus_grandpa, sp_genesis_builder, sp_keyring};
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{self as genesis, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

use crate::{frame_support, Balance};

/// The id of the example `pallet-assets` asset of the presets.
pub const EXAMPLE_ASSET_ID: crate::AssetId = 1;
/// The example asset has 6 decimals, like a typical dollar token.
pub const EXAMPLE_ASSET_DECIMALS: u8 = 6;
/// What each development account holds of the native token: one million NEK.
pub const ENDOWMENT: Balance = 1_000_000 * UNIT;
/// What each development account holds of the example asset: one million units.
pub const EXAMPLE_ASSET_ENDOWMENT: Balance = 1_000_000 * 1_000_000;

/// What each side of the genesis nUSD/NEK pool holds: 10,000 NEK and 10,000 nUSD, a price of
/// 1 nUSD per NEK.
pub const GENESIS_POOL_LIQUIDITY: (Balance, Balance) = (10_000 * UNIT, 10_000 * 1_000_000);

/// The protocol parameters of development and local chains: short delays so that end-to-end
/// tests on 6-second blocks finish in minutes; rates stay per day.
pub fn testnet_params() -> ProtocolParams<crate::BlockNumber> {
	ProtocolParams {
		max_dam_fee: Perbill::from_percent(20),
		max_operator_commission: Perbill::from_percent(50),
		withdrawal_delay: 5,
		commitment_delay: 5,
		min_dispute_window: 3,
		max_dispute_window: 20,
		resolution_period: 5,
		min_penalty: Perbill::from_rational(1u32, 1_000u32),
		fee_increase_delay: 5,
		repay_grace: 5,
		blocks_per_day: DAYS,
	}
}

/// The backing an Operator needs to validate on development and local chains.
pub const MIN_VALIDATOR_BACKING: Balance = 1_000 * UNIT;
/// What the treasury pays into Network 0's rewards every session on development and local
/// chains.
pub const VALIDATOR_REWARD_PER_SESSION: Balance = 100 * UNIT;
/// What the treasury holds at genesis on development and local chains.
pub const TREASURY_ENDOWMENT: Balance = 1_000_000 * UNIT;
/// The session length of development and local chains, in blocks.
pub const SESSION_LENGTH: crate::BlockNumber = 10;

/// The terms of Network 0, "Nektar": a Collateral Network that asks for NEK and pays in NEK,
/// for as long as the chain runs (a century), with governance resolving its penalties, which
/// go to the treasury and may take a whole backing (an equivocation's slash fraction decides).
/// Its delegators earn about 10% a year on their backing and each installation's Operator
/// 1 NEK a day and a 10% commission, within what the treasury funds.
pub fn nektar_network(
	params: &ProtocolParams<crate::BlockNumber>,
) -> NetworkTerms<AccountId, AssetKind, Balance, crate::BlockNumber> {
	NetworkTerms {
		kind: nektar_primitives::NetworkKind::Collateral,
		deposit_asset: AssetKind::Native,
		min_allocation: MIN_VALIDATOR_BACKING,
		amount_requested: 10_000_000 * UNIT,
		operators_requested: crate::configs::nektar::MaxOperatorsPerNetwork::get(),
		duration: 100 * 365 * DAYS,
		lock_period: None,
		safe: None,
		reward_asset: AssetKind::Native,
		delegator_rate: FixedU128::from_rational(1, 3_650),
		operator_rate: UNIT,
		operator_commission: Perbill::from_percent(10),
		penalty: Some(PenaltyTerms {
			max_penalty: Perbill::one(),
			dispute_window: params.max_dispute_window / 2,
			resolver: None,
			destination: PenaltyDestination::Treasury,
		}),
		return_bond: None,
	}
}

fn testnet_genesis(
	authorities: Vec<(AccountId, AuraId, GrandpaId)>,
	endowed: Vec<AccountId>,
	council: Vec<AccountId>,
	root: AccountId,
	sudo: Option<AccountId>,
) -> Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			// The vaults' account holds the existential deposit from genesis, so that any
			// penalty, however small, can be locked and paid. The treasury pays the validator
			// rewards; Network 0's manager pays its reward token's deposit.
			balances: endowed
				.iter()
				.cloned()
				.map(|k| (k, ENDOWMENT))
				.chain([
					(crate::configs::nektar::TreasuryAccount::get(), TREASURY_ENDOWMENT),
					(crate::configs::nektar::VaultsAccount::get(), crate::EXISTENTIAL_DEPOSIT),
					(crate::Validators::account(), 100 * UNIT),
				])
				.collect::<Vec<_>>(),
		},
		session: SessionConfig {
			keys: authorities
				.iter()
				.map(|(who, aura, grandpa)| {
					(
						who.clone(),
						who.clone(),
						SessionKeys { aura: aura.clone(), grandpa: grandpa.clone() },
					)
				})
				.collect::<Vec<_>>(),
		},
		validators: ValidatorsConfig {
			invulnerables: authorities.iter().map(|(who, _, _)| who.clone()).collect::<Vec<_>>(),
			min_validators: Some(1),
			max_validators: Some(32),
			min_validator_backing: MIN_VALIDATOR_BACKING,
			validator_reward_per_session: VALIDATOR_REWARD_PER_SESSION,
			session_length: Some(SESSION_LENGTH),
		},
		sudo: SudoConfig { key: sudo },
		origins: OriginsConfig { development_periods: true },
		asset_conversion: AssetConversionConfig {
			pools: vec![(
				AssetKind::Native,
				AssetKind::WithId(EXAMPLE_ASSET_ID),
				root.clone(),
				GENESIS_POOL_LIQUIDITY.0,
				GENESIS_POOL_LIQUIDITY.1,
			)],
		},
		council_membership: CouncilMembershipConfig {
			members: council.try_into().expect("the presets' council is within MaxMembers"),
		},
		marketplace: MarketplaceConfig {
			params: Some(testnet_params()),
			whitelisted_assets: vec![AssetKind::Native, AssetKind::WithId(EXAMPLE_ASSET_ID)],
			networks: vec![(
				crate::Validators::account(),
				nektar_network(&testnet_params()),
				b"Nektar".to_vec(),
				b"rNEK".to_vec(),
			)],
		},
		assets: AssetsConfig {
			assets: vec![(EXAMPLE_ASSET_ID, root, true, 1)],
			metadata: vec![(
				EXAMPLE_ASSET_ID,
				b"Nektar Example Dollar".to_vec(),
				b"nUSD".to_vec(),
				EXAMPLE_ASSET_DECIMALS
			)],
			accounts: endowed
				.iter()
				.cloned()
				.map(|k| (EXAMPLE_ASSET_ID, k, EXAMPLE_ASSET_ENDOWMENT))
				.collect::<Vec<_>>(),
		},
	})
}

fn authority(who: Sr25519Keyring, finality: Ed25519Keyring) -> (AccountId, AuraId, GrandpaId) {
	(who.to_account_id(), who.public().into(), finality.public().into())
}

fn council() -> Vec<AccountId> {
	vec![
		Sr25519Keyring::Alice.to_account_id(),
		Sr25519Keyring::Bob.to_account_id(),
		Sr25519Keyring::Charlie.to_account_id(),
	]
}

fn endowed() -> Vec<AccountId> {
	Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect()
}

/// One validator, Alice, who is also the Sudo key.
pub fn development_config_genesis() -> Value {
	testnet_genesis(
		vec![authority(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
		endowed(),
		council(),
		Sr25519Keyring::Alice.to_account_id(),
		Some(Sr25519Keyring::Alice.to_account_id()),
	)
}

/// Three validators: Alice, Bob and Charlie; no Sudo key.
pub fn local_config_genesis() -> Value {
	testnet_genesis(
		vec![
			authority(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
			authority(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
			authority(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
		],
		endowed(),
		council(),
		Sr25519Keyring::Alice.to_account_id(),
		None,
	)
}

/// The JSON of the preset called `id`, if there is one.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_str() {
		genesis::DEV_RUNTIME_PRESET => development_config_genesis(),
		genesis::LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
		_ => return None,
	};
	Some(
		serde_json::to_string(&patch)
			.expect("serialization to json is expected to work. qed.")
			.into_bytes(),
	)
}

/// The names of the presets.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(genesis::DEV_RUNTIME_PRESET),
		PresetId::from(genesis::LOCAL_TESTNET_RUNTIME_PRESET),
	]
}
