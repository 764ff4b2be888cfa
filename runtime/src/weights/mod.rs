//! The weights the runtime charges, measured on this chain by `scripts/benchmarks/run.sh`: the
//! transaction extensions and every benchmarked pallet that is not one of Nektar's (whose
//! weights live in each pallet's `weights.rs`), the database's read and write costs, and the
//! base costs of a block and of an extrinsic. Every file here is written by the node's
//! `benchmark` subcommands.

pub mod block_weights;
pub mod extrinsic_weights;
pub mod frame_system;
pub mod frame_system_extensions;
pub mod pallet_assets;
pub mod pallet_balances;
pub mod pallet_collective;
pub mod pallet_membership;
pub mod pallet_multisig;
pub mod pallet_nfts;
pub mod pallet_preimage;
pub mod pallet_proxy;
pub mod pallet_sudo;
pub mod pallet_timestamp;
pub mod pallet_transaction_payment;
pub mod pallet_utility;
pub mod pallet_whitelist;
pub mod paritydb_weights;
