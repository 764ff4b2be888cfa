//! `frame_system`: block limits, account data and the chain's address format.

use crate::*;
use frame_support::{
	derive_impl,
	dispatch::DispatchClass,
	parameter_types,
	traits::{ConstU32, Everything},
	weights::{constants::WEIGHT_REF_TIME_PER_SECOND, Weight},
};
use sp_runtime::Perbill;

/// The most compute a block may take: two seconds of a 6-second slot.
const MAXIMUM_BLOCK_WEIGHT: Weight =
	Weight::from_parts(2u64 * WEIGHT_REF_TIME_PER_SECOND, u64::MAX);

/// Share of a block that ordinary (not operational) extrinsics may fill.
const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

parameter_types! {
	pub const Version: RuntimeVersion = VERSION;
	/// Two seconds of compute per 6-second block; proof size is unbounded on a solochain. A
	/// block's and an extrinsic's base costs are measured on this chain (`benchmark overhead`);
	/// operational extrinsics may use the whole block, and a quarter of it is kept for them.
	pub RuntimeBlockWeights: frame_system::limits::BlockWeights =
		frame_system::limits::BlockWeights::builder()
			.base_block(weights::block_weights::BlockExecutionWeight::get())
			.for_class(DispatchClass::all(), |class| {
				class.base_extrinsic = weights::extrinsic_weights::ExtrinsicBaseWeight::get();
			})
			.for_class(DispatchClass::Normal, |class| {
				class.max_total = Some(NORMAL_DISPATCH_RATIO * MAXIMUM_BLOCK_WEIGHT);
			})
			.for_class(DispatchClass::Operational, |class| {
				class.max_total = Some(MAXIMUM_BLOCK_WEIGHT);
				class.reserved = Some(MAXIMUM_BLOCK_WEIGHT - NORMAL_DISPATCH_RATIO * MAXIMUM_BLOCK_WEIGHT);
			})
			.avg_block_initialization(Perbill::from_percent(10))
			.build_or_panic();
	/// At most 5 MiB per block.
	pub RuntimeBlockLength: frame_system::limits::BlockLength =
		frame_system::limits::BlockLength::builder()
			.max_length(5 * 1024 * 1024)
			.modify_max_length_for_class(DispatchClass::Normal, |max| *max = NORMAL_DISPATCH_RATIO * *max)
			.build();
	/// The generic Substrate address prefix.
	pub const SS58Prefix: u16 = 42;
}

#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type BaseCallFilter = Everything;
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	/// Reads and writes as measured on this chain's ParityDB (`benchmark storage`).
	type DbWeight = weights::paritydb_weights::constants::ParityDbWeight;
	type SystemWeightInfo = weights::frame_system::WeightInfo<Runtime>;
	type ExtensionsWeightInfo = weights::frame_system_extensions::WeightInfo<Runtime>;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	type SS58Prefix = SS58Prefix;
	/// Every synthetic reward token an account holds takes a consumer reference: a delegator
	/// may hold one token per Network it earns from.
	type MaxConsumers = ConstU32<64>;
}
