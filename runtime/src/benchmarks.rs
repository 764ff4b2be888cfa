//! The pallets whose weights the runtime benchmarks.

pub use crate::*;
pub use polkadot_sdk::{
	frame_benchmarking,
	frame_benchmarking::baseline::Pallet as BaselineBench,
	frame_system_benchmarking::{
		extensions::Pallet as SystemExtensionsBench, Pallet as SystemBench,
	},
};

frame_benchmarking::define_benchmarks!(
	[frame_benchmarking, BaselineBench::<Runtime>]
	[frame_system, SystemBench::<Runtime>]
	[frame_system_extensions, SystemExtensionsBench::<Runtime>]
	[pallet_transaction_payment, TransactionPayment]
	[pallet_balances, Balances]
	[pallet_timestamp, Timestamp]
	[pallet_sudo, Sudo]
	[pallet_assets, Assets]
	[pallet_nfts, Nfts]
	[pallet_multisig, Multisig]
	[pallet_utility, Utility]
	[pallet_proxy, Proxy]
	[pallet_collective, Council]
	[pallet_membership, CouncilMembership]
	[pallet_preimage, Preimage]
	[pallet_whitelist, Whitelist]
	[pallet_marketplace, Marketplace]
	[pallet_dam, Dam]
	[pallet_vaults, Vaults]
	[pallet_rewards, Rewards]
	[pallet_slashing, Slashing]
	[pallet_validators, Validators]
);

/// The fee payment benchmark needs no set-up beyond funding its caller.
impl pallet_transaction_payment::BenchmarkConfig for Runtime {}
