//! The runtime APIs: what the node, Polkadot.js and other clients call into.

use alloc::vec::Vec;
use frame_support::{
	genesis_builder_helper::{build_state, get_preset},
	weights::Weight,
};
use pallet_grandpa::AuthorityId as GrandpaId;
use polkadot_sdk::{
	frame_system_rpc_runtime_api, pallet_transaction_payment_rpc_runtime_api, sp_api,
	sp_block_builder, sp_consensus_aura, sp_consensus_grandpa, sp_genesis_builder, sp_inherents,
	sp_offchain, sp_session, sp_transaction_pool,
};
use sp_api::impl_runtime_apis;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_core::{crypto::KeyTypeId, OpaqueMetadata};
use sp_runtime::{
	traits::{Block as BlockT, NumberFor},
	transaction_validity::{TransactionSource, TransactionValidity},
	ApplyExtrinsicResult, ExtrinsicInclusionMode,
};
use sp_version::RuntimeVersion;

use crate::{
	configs::nektar::AssetKind, genesis_config_presets, opaque::SessionKeys, AccountId,
	AssetConversion, AssetId, Aura, Balance, Block, BlockNumber, Dam, Executive, Grandpa,
	Historical, InherentDataExt, Marketplace, Nonce, Rewards, Runtime, RuntimeCall,
	RuntimeGenesisConfig, Slashing, System, TransactionPayment, Validators, Vaults, VERSION,
};

impl_runtime_apis! {
	impl sp_api::Core<Block> for Runtime {
		fn version() -> RuntimeVersion {
			VERSION
		}

		fn execute_block(block: <Block as BlockT>::LazyBlock) {
			Executive::execute_block(block);
		}

		fn initialize_block(header: &<Block as BlockT>::Header) -> ExtrinsicInclusionMode {
			Executive::initialize_block(header)
		}
	}

	impl sp_api::Metadata<Block> for Runtime {
		fn metadata() -> OpaqueMetadata {
			OpaqueMetadata::new(Runtime::metadata().into())
		}

		fn metadata_at_version(version: u32) -> Option<OpaqueMetadata> {
			Runtime::metadata_at_version(version)
		}

		fn metadata_versions() -> Vec<u32> {
			Runtime::metadata_versions()
		}
	}

	impl frame_support::view_functions::runtime_api::RuntimeViewFunction<Block> for Runtime {
		fn execute_view_function(
			id: frame_support::view_functions::ViewFunctionId,
			input: Vec<u8>,
		) -> Result<Vec<u8>, frame_support::view_functions::ViewFunctionDispatchError> {
			Runtime::execute_view_function(id, input)
		}
	}

	impl sp_block_builder::BlockBuilder<Block> for Runtime {
		fn apply_extrinsic(extrinsic: <Block as BlockT>::Extrinsic) -> ApplyExtrinsicResult {
			Executive::apply_extrinsic(extrinsic)
		}

		fn finalize_block() -> <Block as BlockT>::Header {
			Executive::finalize_block()
		}

		fn inherent_extrinsics(data: sp_inherents::InherentData) -> Vec<<Block as BlockT>::Extrinsic> {
			data.create_extrinsics()
		}

		fn check_inherents(
			block: <Block as BlockT>::LazyBlock,
			data: sp_inherents::InherentData,
		) -> sp_inherents::CheckInherentsResult {
			data.check_extrinsics(&block)
		}
	}

	impl sp_transaction_pool::runtime_api::TaggedTransactionQueue<Block> for Runtime {
		fn validate_transaction(
			source: TransactionSource,
			tx: <Block as BlockT>::Extrinsic,
			block_hash: <Block as BlockT>::Hash,
		) -> TransactionValidity {
			Executive::validate_transaction(source, tx, block_hash)
		}
	}

	impl sp_offchain::OffchainWorkerApi<Block> for Runtime {
		fn offchain_worker(header: &<Block as BlockT>::Header) {
			Executive::offchain_worker(header)
		}
	}

	impl sp_consensus_aura::AuraApi<Block, AuraId> for Runtime {
		fn slot_duration() -> sp_consensus_aura::SlotDuration {
			sp_consensus_aura::SlotDuration::from_millis(Aura::slot_duration())
		}

		fn authorities() -> Vec<AuraId> {
			pallet_aura::Authorities::<Runtime>::get().into_inner()
		}
	}

	impl sp_session::SessionKeys<Block> for Runtime {
		fn generate_session_keys(
			owner: Vec<u8>,
			seed: Option<Vec<u8>>,
		) -> sp_session::OpaqueGeneratedSessionKeys {
			SessionKeys::generate(&owner, seed).into()
		}

		fn decode_session_keys(encoded: Vec<u8>) -> Option<Vec<(Vec<u8>, KeyTypeId)>> {
			SessionKeys::decode_into_raw_public_keys(&encoded)
		}
	}

	impl sp_consensus_grandpa::GrandpaApi<Block> for Runtime {
		fn grandpa_authorities() -> sp_consensus_grandpa::AuthorityList {
			Grandpa::grandpa_authorities()
		}

		fn current_set_id() -> sp_consensus_grandpa::SetId {
			Grandpa::current_set_id()
		}

		fn submit_report_equivocation_unsigned_extrinsic(
			equivocation_proof: sp_consensus_grandpa::EquivocationProof<
				<Block as BlockT>::Hash,
				NumberFor<Block>,
			>,
			key_owner_proof: sp_consensus_grandpa::OpaqueKeyOwnershipProof,
		) -> Option<()> {
			let key_owner_proof = key_owner_proof.decode()?;
			Grandpa::submit_unsigned_equivocation_report(equivocation_proof, key_owner_proof)
		}

		fn generate_key_ownership_proof(
			_set_id: sp_consensus_grandpa::SetId,
			authority_id: GrandpaId,
		) -> Option<sp_consensus_grandpa::OpaqueKeyOwnershipProof> {
			use codec::Encode;
			use frame_support::traits::KeyOwnerProofSystem;
			Historical::prove((sp_consensus_grandpa::KEY_TYPE, authority_id))
				.map(|proof| proof.encode())
				.map(sp_consensus_grandpa::OpaqueKeyOwnershipProof::new)
		}
	}

	impl frame_system_rpc_runtime_api::AccountNonceApi<Block, AccountId, Nonce> for Runtime {
		fn account_nonce(account: AccountId) -> Nonce {
			System::account_nonce(account)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentApi<Block, Balance> for Runtime {
		fn query_info(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment_rpc_runtime_api::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_info(uxt, len)
		}

		fn query_fee_details(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_fee_details(uxt, len)
		}

		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}

		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl pallet_asset_conversion::AssetConversionApi<Block, Balance, AssetKind> for Runtime {
		fn quote_price_exact_tokens_for_tokens(
			asset1: AssetKind,
			asset2: AssetKind,
			amount: Balance,
			include_fee: bool,
		) -> Option<Balance> {
			AssetConversion::quote_price_exact_tokens_for_tokens(asset1, asset2, amount, include_fee)
		}

		fn quote_price_tokens_for_exact_tokens(
			asset1: AssetKind,
			asset2: AssetKind,
			amount: Balance,
			include_fee: bool,
		) -> Option<Balance> {
			AssetConversion::quote_price_tokens_for_exact_tokens(asset1, asset2, amount, include_fee)
		}

		fn get_reserves(asset1: AssetKind, asset2: AssetKind) -> Option<(Balance, Balance)> {
			AssetConversion::get_reserves(asset1, asset2).ok()
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentCallApi<Block, Balance, RuntimeCall>
		for Runtime
	{
		fn query_call_info(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_call_info(call, len)
		}

		fn query_call_fee_details(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_call_fee_details(call, len)
		}

		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}

		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	#[api_version(2)]
	impl pallet_marketplace_runtime_api::MarketplaceApi<
		Block,
		pallet_marketplace::queries::NetworkInfoOf<Runtime>,
	> for Runtime {
		fn network(
			network: nektar_primitives::NetworkId,
		) -> Option<pallet_marketplace::queries::NetworkInfoOf<Runtime>> {
			Marketplace::network_info(network)
		}

		fn networks() -> Vec<pallet_marketplace::queries::NetworkInfoOf<Runtime>> {
			Marketplace::all_networks()
		}
	}

	impl pallet_dam_runtime_api::DamApi<
		Block,
		AccountId,
		Balance,
		pallet_dam::queries::DamDetailsOf<Runtime>,
		pallet_dam::queries::Position<Balance, BlockNumber>,
		pallet_dam::queries::DepositQuote<Balance>,
	> for Runtime {
		fn dam(dam: nektar_primitives::DamId) -> Option<pallet_dam::queries::DamDetailsOf<Runtime>> {
			Dam::dam_details(dam)
		}

		fn position(
			dam: nektar_primitives::DamId,
			delegator: AccountId,
		) -> Option<pallet_dam::queries::Position<Balance, BlockNumber>> {
			Dam::position(dam, &delegator)
		}

		fn quote_deposit(
			dam: nektar_primitives::DamId,
			amount: Balance,
		) -> Option<pallet_dam::queries::DepositQuote<Balance>> {
			Dam::quote_deposit(dam, amount)
		}

		fn max_deposit(dam: nektar_primitives::DamId, delegator: AccountId) -> Option<Balance> {
			Dam::max_deposit(dam, &delegator)
		}

		fn quote_withdrawal(dam: nektar_primitives::DamId, shares: Balance) -> Option<Balance> {
			Dam::quote_withdrawal(dam, shares)
		}
	}

	impl pallet_vaults_runtime_api::VaultsApi<
		Block,
		pallet_vaults::queries::VaultInfo<pallet_vaults::VaultOf<Runtime>>,
		pallet_vaults::queries::Loan<Balance>,
		pallet_vaults::Debt<Balance>,
	> for Runtime {
		fn vaults(
			network: nektar_primitives::NetworkId,
		) -> Vec<pallet_vaults::queries::VaultInfo<pallet_vaults::VaultOf<Runtime>>> {
			Vaults::network_vaults(network)
		}

		fn loans(network: nektar_primitives::NetworkId) -> Vec<pallet_vaults::queries::Loan<Balance>> {
			Vaults::network_loans(network)
		}

		fn debt(network: nektar_primitives::NetworkId) -> pallet_vaults::Debt<Balance> {
			Vaults::network_debt(network)
		}
	}

	#[api_version(2)]
	impl pallet_rewards_runtime_api::RewardsApi<
		Block,
		AccountId,
		pallet_rewards::queries::PendingReward<AssetId, Balance>,
		pallet_rewards::queries::OperatorReward<AccountId, Balance>,
		pallet_rewards::ProgramInfo<AccountId, AssetKind, AssetId, Balance>,
		pallet_rewards::queries::LicenseInfo<AccountId>,
	> for Runtime {
		fn pending_rewards(
			dam: nektar_primitives::DamId,
			delegator: AccountId,
		) -> Vec<pallet_rewards::queries::PendingReward<AssetId, Balance>> {
			Rewards::pending_rewards(dam, &delegator)
		}

		fn operator_rewards(
			program: pallet_rewards::ProgramId,
			dam: nektar_primitives::DamId,
		) -> Option<pallet_rewards::queries::OperatorReward<AccountId, Balance>> {
			Rewards::pending_operator_rewards(program, dam)
		}

		fn reward_program(
			program: pallet_rewards::ProgramId,
		) -> Option<pallet_rewards::ProgramInfo<AccountId, AssetKind, AssetId, Balance>> {
			Rewards::program_info(program)
		}

		fn network_programs(
			network: nektar_primitives::NetworkId,
		) -> Vec<pallet_rewards::ProgramInfo<AccountId, AssetKind, AssetId, Balance>> {
			Rewards::network_programs(network)
		}

		fn licenses(dam: nektar_primitives::DamId) -> Vec<pallet_rewards::queries::LicenseInfo<AccountId>> {
			Rewards::dam_licenses(dam)
		}
	}

	impl pallet_slashing_runtime_api::SlashingApi<
		Block,
		pallet_slashing::queries::PenaltyInfo<pallet_slashing::PenaltyOf<Runtime>>,
	> for Runtime {
		fn penalties(
			dam: nektar_primitives::DamId,
		) -> Vec<pallet_slashing::queries::PenaltyInfo<pallet_slashing::PenaltyOf<Runtime>>> {
			Slashing::dam_penalties(dam)
		}
	}

	impl pallet_validators_runtime_api::ValidatorsApi<
		Block,
		pallet_validators::queries::ValidatorSetInfoOf<Runtime>,
	> for Runtime {
		fn validator_set() -> pallet_validators::queries::ValidatorSetInfoOf<Runtime> {
			Validators::validator_set()
		}
	}

	impl sp_genesis_builder::GenesisBuilder<Block> for Runtime {
		fn build_state(config: Vec<u8>) -> sp_genesis_builder::Result {
			build_state::<RuntimeGenesisConfig>(config)
		}

		fn get_preset(id: &Option<sp_genesis_builder::PresetId>) -> Option<Vec<u8>> {
			get_preset::<RuntimeGenesisConfig>(id, genesis_config_presets::get_preset)
		}

		fn preset_names() -> Vec<sp_genesis_builder::PresetId> {
			genesis_config_presets::preset_names()
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	impl frame_benchmarking::Benchmark<Block> for Runtime {
		fn benchmark_metadata(extra: bool) -> (
			Vec<frame_benchmarking::BenchmarkList>,
			Vec<frame_support::traits::StorageInfo>,
		) {
			use frame_benchmarking::BenchmarkList;
			use frame_support::traits::StorageInfoTrait;
			use crate::benchmarks::*;

			let mut list = Vec::<BenchmarkList>::new();
			list_benchmarks!(list, extra);

			let storage_info = crate::AllPalletsWithSystem::storage_info();
			(list, storage_info)
		}

		#[allow(non_local_definitions)]
		fn dispatch_benchmark(
			config: frame_benchmarking::BenchmarkConfig,
		) -> Result<Vec<frame_benchmarking::BenchmarkBatch>, alloc::string::String> {
			use frame_benchmarking::BenchmarkBatch;
			use frame_support::traits::WhitelistedStorageKeys;
			use polkadot_sdk::sp_storage::TrackedStorageKey;
			use crate::benchmarks::*;

			impl frame_system_benchmarking::Config for Runtime {}
			impl frame_benchmarking::baseline::Config for Runtime {}

			let whitelist: Vec<TrackedStorageKey> =
				crate::AllPalletsWithSystem::whitelisted_storage_keys();

			let mut batches = Vec::<BenchmarkBatch>::new();
			let params = (&config, &whitelist);
			add_benchmarks!(params, batches);

			Ok(batches)
		}
	}

	#[cfg(feature = "try-runtime")]
	impl frame_try_runtime::TryRuntime<Block> for Runtime {
		fn on_runtime_upgrade(checks: frame_try_runtime::UpgradeCheckSelect) -> (Weight, Weight) {
			// A failing pre- or post-upgrade check must stop the dry run with a backtrace.
			let weight = Executive::try_runtime_upgrade(checks).unwrap();
			(weight, crate::configs::system::RuntimeBlockWeights::get().max_block)
		}

		fn execute_block(
			block: <Block as BlockT>::LazyBlock,
			state_root_check: bool,
			signature_check: bool,
			select: frame_try_runtime::TryStateSelect,
		) -> Weight {
			Executive::try_execute_block(block, state_root_check, signature_check, select)
				.expect("execute-block failed")
		}
	}
}

use crate::{
	frame_support, pallet_asset_conversion, pallet_aura, pallet_grandpa,
	pallet_transaction_payment, sp_core, sp_runtime, sp_version,
};
#[cfg(feature = "try-runtime")]
use polkadot_sdk::frame_try_runtime;
#[cfg(feature = "runtime-benchmarks")]
use polkadot_sdk::{frame_benchmarking, frame_system_benchmarking};
