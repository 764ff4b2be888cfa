//! What the runtime's integration tests share: building a preset's genesis as the node does,
//! producing blocks as Aura does, and signing transactions as a wallet does.

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

/// A DAM of `kind` taking `deposit_asset`, without a fee, whose manager runs its installations
/// as an independent Operator.
#[allow(dead_code)] // not every test file creates DAMs
pub fn open_dam(
	kind: nektar_primitives::NetworkKind,
	deposit_asset: nektar_runtime::configs::nektar::AssetKind,
) -> pallet_dam::DamConfig<AccountId, nektar_runtime::configs::nektar::AssetKind> {
	pallet_dam::DamConfig {
		kind,
		deposit_asset,
		fee: polkadot_sdk::sp_runtime::Perbill::zero(),
		fee_mutable: false,
		gatekeeper: None,
		gatekeeper_mutable: false,
		catalyst: None,
		catalyst_mutable: false,
		receipt_transferable: true,
		allow_list: false,
		independent_operator: true,
	}
}

/// `call`, signed by `pair` with `nonce`, tipping `tip` and paying its fee in `asset` (in NEK if
/// `None`), with every transaction extension of the runtime.
#[allow(dead_code)] // not every test file signs transactions
pub fn signed_extrinsic(
	pair: &polkadot_sdk::sp_core::sr25519::Pair,
	call: nektar_runtime::RuntimeCall,
	tip: nektar_runtime::Balance,
	asset: Option<nektar_runtime::configs::nektar::AssetKind>,
) -> nektar_runtime::UncheckedExtrinsic {
	use polkadot_sdk::{
		frame_metadata_hash_extension::CheckMetadataHash,
		frame_system, pallet_asset_conversion_tx_payment,
		sp_core::Pair,
		sp_runtime::{generic::Era, MultiSignature},
	};
	let signer: AccountId = pair.public().into();
	let nonce = frame_system::Pallet::<Runtime>::account_nonce(&signer);
	let extension: nektar_runtime::TxExtension = (
		frame_system::CheckNonZeroSender::new(),
		frame_system::CheckSpecVersion::new(),
		frame_system::CheckTxVersion::new(),
		frame_system::CheckGenesis::new(),
		frame_system::CheckEra::from(Era::Immortal),
		frame_system::CheckNonce::from(nonce),
		frame_system::CheckWeight::new(),
		nektar_runtime::configs::priority::FairPriority(
			pallet_asset_conversion_tx_payment::ChargeAssetTxPayment::from(tip, asset),
		),
		CheckMetadataHash::new(false),
		frame_system::WeightReclaim::new(),
	);
	let payload = nektar_runtime::SignedPayload::new(call.clone(), extension.clone())
		.expect("a valid payload");
	let signature = MultiSignature::Sr25519(payload.using_encoded(|bytes| pair.sign(bytes)));
	nektar_runtime::UncheckedExtrinsic::new_signed(call, signer.into(), signature, extension)
}

/// Starts block 1 on top of genesis through `Executive`, as a block author does, so that
/// transactions can be validated and applied.
#[allow(dead_code)] // not every test file applies transactions
pub fn start_first_block() {
	use polkadot_sdk::sp_runtime::traits::Header as _;
	let header = nektar_runtime::Header::new(
		1,
		Default::default(),
		Default::default(),
		System::block_hash(0),
		Default::default(),
	);
	nektar_runtime::Executive::initialize_block(&header);
}
