//! What the runtime's integration tests share: building a preset's genesis as the node does.

use nektar_runtime::RuntimeGenesisConfig;
use polkadot_sdk::{frame_support::genesis_builder_helper::build_state, sp_io};
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
