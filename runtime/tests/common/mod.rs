//! What the runtime's integration tests share: building a preset's genesis as the node does,
//! and producing blocks as Aura does.

use codec::Encode;
use nektar_runtime::{
	AccountId, AllPalletsWithSystem, Runtime, RuntimeGenesisConfig, RuntimeOrigin, System,
	Timestamp,
};
use polkadot_sdk::{
	frame_support::{
		genesis_builder_helper::build_state,
		traits::{OnFinalize, OnInitialize},
	},
	pallet_aura, pallet_session, sp_consensus_aura, sp_io,
	sp_runtime::{generic::DigestItem, Digest},
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

/// The chain state of the preset patch `patch`.
pub fn build(patch: Value) -> sp_io::TestExternalities {
	let mut genesis = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
	merge(&mut genesis, patch);
	let json = serde_json::to_vec(&genesis).unwrap();
	let mut ext = sp_io::TestExternalities::new_empty();
	ext.execute_with(|| build_state::<RuntimeGenesisConfig>(json).expect("the preset builds"));
	ext
}

/// Produces the next block at the next slot, authored by the validator Aura assigns to it,
/// unless `skip` holds it: then the slot passes without a block, as when that validator is
/// down. Returns the author of the block.
#[allow(dead_code)] // not every test file produces blocks
pub fn next_block(skip: &[AccountId]) -> AccountId {
	let validators = pallet_session::Validators::<Runtime>::get();
	let mut slot = *pallet_aura::CurrentSlot::<Runtime>::get();
	if slot == 0 {
		slot = 1_000_000;
	}
	loop {
		slot += 1;
		let author = &validators[(slot % validators.len() as u64) as usize];
		if !skip.contains(author) {
			break;
		}
	}
	let n = System::block_number() + 1;
	let digest = Digest {
		logs: vec![DigestItem::PreRuntime(
			sp_consensus_aura::AURA_ENGINE_ID,
			sp_consensus_aura::Slot::from(slot).encode(),
		)],
	};
	System::reset_events();
	System::initialize(&n, &System::block_hash(n - 1), &digest);
	AllPalletsWithSystem::on_initialize(n);
	Timestamp::set(RuntimeOrigin::none(), slot * nektar_runtime::SLOT_DURATION)
		.expect("the slot's time");
	AllPalletsWithSystem::on_finalize(n);
	System::finalize();
	validators[(slot % validators.len() as u64) as usize].clone()
}
