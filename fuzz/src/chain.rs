//! The chain the campaign runs: the development genesis, blocks produced as the node does
//! (Aura's slot in the digest, every pallet's hooks, the timestamp inherent), and the checks
//! made after every block.

use codec::Encode;
use nektar_runtime::{
	AccountId, AllPalletsWithSystem, Balance, Dam, Marketplace, Rewards, Runtime,
	RuntimeGenesisConfig, RuntimeOrigin, Slashing, System, Timestamp, Validators, Vaults,
};
use polkadot_sdk::{
	frame_support::{
		genesis_builder_helper::build_state,
		traits::{OnFinalize, OnIdle, OnInitialize},
		weights::Weight,
	},
	pallet_assets, pallet_balances, sp_consensus_aura,
	sp_core::H256,
	sp_io,
	sp_runtime::{generic::DigestItem, Digest},
};
use serde_json::Value;
use std::collections::BTreeMap;

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

/// The state of the `development` preset, which `nektar-node --dev` starts from.
pub fn development() -> sp_io::TestExternalities {
	let mut genesis = serde_json::to_value(RuntimeGenesisConfig::default()).expect("json");
	merge(&mut genesis, nektar_runtime::genesis_config_presets::development_config_genesis());
	let json = serde_json::to_vec(&genesis).expect("json");
	let mut ext = sp_io::TestExternalities::new_empty();
	ext.execute_with(|| build_state::<RuntimeGenesisConfig>(json).expect("the preset builds"));
	ext
}

/// Opens block `n` on `parent` at Aura slot `slot`, running every `on_initialize` and the
/// timestamp inherent. The blocks between the last one and `n`, if any, are skipped: the
/// chain moves on as if no one had sent anything for that long.
pub fn open_block(n: u32, parent: H256, slot: u64) {
	let digest = Digest {
		logs: vec![DigestItem::PreRuntime(
			sp_consensus_aura::AURA_ENGINE_ID,
			sp_consensus_aura::Slot::from(slot).encode(),
		)],
	};
	System::reset_events();
	System::set_block_number(n - 1);
	System::initialize(&n, &parent, &digest);
	AllPalletsWithSystem::on_initialize(n);
	Timestamp::set(RuntimeOrigin::none(), slot * nektar_runtime::SLOT_DURATION)
		.expect("the slot's time is later than the last block's");
}

/// Closes the open block: `on_idle` with what is left of it, `on_finalize`; returns the
/// block's hash.
pub fn close_block() -> H256 {
	let n = System::block_number();
	AllPalletsWithSystem::on_idle(n, Weight::from_parts(500_000_000_000, 5 * 1024 * 1024));
	AllPalletsWithSystem::on_finalize(n);
	System::finalize().hash()
}

/// Every Nektar pallet's invariants, and conservation of every asset.
pub fn check() -> Result<(), String> {
	let pallet = |name: &str, result: Result<(), _>| {
		result.map_err(|e: polkadot_sdk::sp_runtime::TryRuntimeError| format!("{name}: {e:?}"))
	};
	pallet("marketplace", Marketplace::do_try_state())?;
	pallet("dam", Dam::do_try_state())?;
	pallet("vaults", Vaults::do_try_state())?;
	pallet("rewards", Rewards::do_try_state())?;
	pallet("slashing", Slashing::do_try_state())?;
	pallet("validators", Validators::do_try_state())?;
	native_conserved()?;
	assets_conserved()
}

/// The native token's issuance is what the accounts hold, free and on hold.
fn native_conserved() -> Result<(), String> {
	let held: Balance = polkadot_sdk::frame_system::Account::<Runtime>::iter_values()
		.map(|info| info.data.free.saturating_add(info.data.reserved))
		.fold(0, Balance::saturating_add);
	let issuance = pallet_balances::TotalIssuance::<Runtime>::get();
	if held != issuance {
		return Err(format!("native: issuance {issuance}, accounts hold {held}"));
	}
	Ok(())
}

/// Every asset's supply is what its accounts hold.
fn assets_conserved() -> Result<(), String> {
	let mut held: BTreeMap<u32, Balance> = BTreeMap::new();
	for (asset, _, account) in pallet_assets::Account::<Runtime>::iter() {
		let sum = held.entry(asset).or_default();
		*sum = sum.saturating_add(account.balance);
	}
	for (asset, details) in pallet_assets::Asset::<Runtime>::iter() {
		let sum = held.remove(&asset).unwrap_or_default();
		if sum != details.supply {
			return Err(format!("asset {asset}: supply {}, accounts hold {sum}", details.supply));
		}
	}
	if let Some((asset, sum)) = held.into_iter().next() {
		return Err(format!("asset {asset}: accounts hold {sum} of an asset that does not exist"));
	}
	Ok(())
}

/// The free balance of `who`, in the native token.
pub fn free(who: &AccountId) -> Balance {
	polkadot_sdk::frame_system::Account::<Runtime>::get(who).data.free
}

/// The ids that name something at this block: Networks, DAMs, vaults, penalties, reward
/// programs and assets.
pub fn live_ids() -> Vec<u64> {
	let mut ids: Vec<u64> = Vec::new();
	ids.extend(pallet_marketplace::Networks::<Runtime>::iter_keys().take(16).map(u64::from));
	ids.extend(pallet_dam::Dams::<Runtime>::iter_keys().take(16).map(u64::from));
	ids.extend(pallet_vaults::Vaults::<Runtime>::iter_keys().take(16));
	ids.extend(pallet_slashing::Penalties::<Runtime>::iter_keys().take(16));
	ids.extend(pallet_rewards::Programs::<Runtime>::iter_keys().take(16).map(u64::from));
	ids.extend(pallet_assets::Asset::<Runtime>::iter_keys().take(16).map(u64::from));
	ids
}
