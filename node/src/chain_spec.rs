//! The built-in chain specifications. Their genesis comes from the runtime's presets, so the
//! node needs no files to start a development or local chain.

use nektar_runtime::WASM_BINARY;
use polkadot_sdk::{sc_service, sp_genesis_builder};
use sc_service::{ChainType, Properties};

/// A chain specification of the Nektar chain.
pub type ChainSpec = sc_service::GenericChainSpec;

fn properties() -> Properties {
	let mut properties = Properties::new();
	properties.insert("tokenSymbol".into(), "NEK".into());
	properties.insert("tokenDecimals".into(), 12.into());
	properties.insert("ss58Format".into(), 42.into());
	properties
}

fn wasm() -> Result<&'static [u8], String> {
	WASM_BINARY.ok_or_else(|| {
		"The runtime wasm is not available: this node was built with SKIP_WASM_BUILD. \
		 Rebuild it without that variable."
			.to_string()
	})
}

/// `--dev`: one validator, Alice, with the `development` preset.
pub fn development_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm()?, None)
		.with_name("Nektar Development")
		.with_id("nektar_dev")
		.with_chain_type(ChainType::Development)
		.with_genesis_config_preset_name(sp_genesis_builder::DEV_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}

/// `--chain local`: Alice, Bob and Charlie as validators, with the `local_testnet` preset.
pub fn local_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm()?, None)
		.with_name("Nektar Local Testnet")
		.with_id("nektar_local")
		.with_chain_type(ChainType::Local)
		.with_genesis_config_preset_name(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}
