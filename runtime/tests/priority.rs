//! The transaction pool's order, on the development preset: untipped transactions all get the
//! same priority whatever their weight, so the pool takes them as they arrive; a tip still goes
//! first, by tip per unit of block space.

mod common;

use nektar_runtime::{
	genesis_config_presets::development_config_genesis, Executive, Runtime, RuntimeCall,
	UncheckedExtrinsic, UNIT,
};
use polkadot_sdk::{
	frame_support::dispatch::GetDispatchInfo,
	frame_system, pallet_balances, pallet_transaction_payment, pallet_utility,
	sp_core::{sr25519, Pair},
	sp_keyring::Sr25519Keyring,
	sp_runtime::transaction_validity::{TransactionSource, ValidTransaction},
};

fn transfer() -> RuntimeCall {
	RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
		dest: Sr25519Keyring::Bob.to_account_id().into(),
		value: UNIT,
	})
}

/// Eight transfers in one batch: eight times the weight of one.
fn batch() -> RuntimeCall {
	RuntimeCall::Utility(pallet_utility::Call::batch_all { calls: vec![transfer(); 8] })
}

fn validate(uxt: UncheckedExtrinsic) -> ValidTransaction {
	Executive::validate_transaction(
		TransactionSource::External,
		uxt,
		frame_system::Pallet::<Runtime>::block_hash(0),
	)
	.expect("a valid transaction")
}

/// What the fee extension alone gives `uxt` with `tip`: the tip per unit of block space.
fn tip_per_block_space(uxt: &UncheckedExtrinsic, tip: u128) -> u64 {
	let len = codec::Encode::encoded_size(uxt);
	pallet_transaction_payment::ChargeTransactionPayment::<Runtime>::get_priority(
		&uxt.get_dispatch_info(),
		len,
		tip,
		0,
	)
}

#[test]
fn untipped_transactions_share_one_priority_and_a_tip_goes_first() {
	common::build(development_config_genesis()).execute_with(|| {
		common::start_first_block();
		let alice = sr25519::Pair::from_string("//Alice", None).unwrap();

		// Without a tip, a transfer and a batch eight times its weight are equals.
		let light = common::signed_extrinsic(&alice, transfer(), 0, None);
		let heavy = common::signed_extrinsic(&alice, batch(), 0, None);
		assert!(
			batch().get_dispatch_info().call_weight.ref_time()
				> transfer().get_dispatch_info().call_weight.ref_time() * 7
		);
		assert!(
			tip_per_block_space(&light, 0) > tip_per_block_space(&heavy, 0),
			"by tip per block space alone the lighter one would go first"
		);
		let (light_priority, heavy_priority) = (validate(light).priority, validate(heavy).priority);
		assert_eq!(light_priority, 0);
		assert_eq!(heavy_priority, 0);

		// A tip of one unit goes before every untipped transaction, and among tipped ones the
		// tip per block space orders them, as the fee extension sets it.
		let tipped_light = common::signed_extrinsic(&alice, transfer(), 1, None);
		let tipped_heavy = common::signed_extrinsic(&alice, batch(), 1, None);
		let expected =
			(tip_per_block_space(&tipped_light, 1), tip_per_block_space(&tipped_heavy, 1));
		let (light_tipped, heavy_tipped) =
			(validate(tipped_light).priority, validate(tipped_heavy).priority);
		assert_eq!((light_tipped, heavy_tipped), expected);
		assert!(heavy_tipped > heavy_priority && light_tipped > heavy_tipped);
	});
}
