//! `NektarApi`: the queries wallets and dashboards call, so that they need no storage decoding.
//!
//! The API is generic over the records it returns; the runtime fills them in with the
//! pallets' own types, and metadata v15 describes them to clients such as Polkadot.js
//! (`api.call.nektarApi.*`).

use crate::types::{DamId, NetworkId, VaultId};
use alloc::vec::Vec;
use codec::Codec;
use polkadot_sdk::sp_runtime::Permill;

polkadot_sdk::sp_api::decl_runtime_apis! {
	/// Queries over Networks, DAMs, delegator positions, vaults, loans, rewards and penalties.
	///
	/// Version 2: DAM details show the fee in force and what each Network may slash;
	/// positions show compensation for claims made during open penalties; penalties carry
	/// their resolution deadline; `max_deposit` tells how much a delegator can deposit.
	#[api_version(2)]
	pub trait NektarApi<AccountId, Balance, Network, DamDetails, Position, Vault, Debt, TokenId, RewardProgram, Penalty>
	where
		AccountId: Codec,
		Balance: Codec,
		Network: Codec,
		DamDetails: Codec,
		Position: Codec,
		Vault: Codec,
		Debt: Codec,
		TokenId: Codec,
		RewardProgram: Codec,
		Penalty: Codec,
	{
		/// A Network with its terms, status and metadata.
		fn network(network: NetworkId) -> Option<Network>;

		/// Every Network, by id.
		fn networks() -> Vec<(NetworkId, Network)>;

		/// A DAM: its record, TVL, exchange rate, active stake and installations.
		fn dam(dam: DamId) -> Option<DamDetails>;

		/// A delegator's position in a DAM: shares, value and queued withdrawals.
		fn position(dam: DamId, delegator: AccountId) -> Option<Position>;

		/// The fee and the shares a deposit of `amount` would get now.
		fn quote_deposit(dam: DamId, amount: Balance) -> Option<(Balance, Balance)>;

		/// The most `delegator` can deposit into a DAM now: its whole balance of an asset, or
		/// of the native token what it can spend and keep its account.
		fn max_deposit(dam: DamId, delegator: AccountId) -> Option<Balance>;

		/// What `shares` would pay out now.
		fn quote_withdrawal(dam: DamId, shares: Balance) -> Option<Balance>;

		/// The vaults of a Network that still hold assets.
		fn vaults(network: NetworkId) -> Vec<(VaultId, Vault)>;

		/// What a Liquidity Network owes each DAM.
		fn loans(network: NetworkId) -> Vec<(DamId, Balance)>;

		/// A Liquidity Network's debt: outstanding loans, locked Liquidity vaults, creditors.
		fn debt(network: NetworkId) -> Debt;

		/// What `delegator` may claim now from its shares of `dam`: per Network, the synthetic
		/// token and the amount.
		fn pending_rewards(dam: DamId, delegator: AccountId) -> Vec<(NetworkId, TokenId, Balance)>;

		/// The Operator of the installation of `network` into `dam`, and what it may claim now.
		fn operator_rewards(network: NetworkId, dam: DamId) -> Option<(AccountId, Balance)>;

		/// A Network's reward program: escrow, budget, synthetic supply, burn rate, days left.
		fn reward_program(network: NetworkId) -> Option<RewardProgram>;

		/// The node licenses a DAM holds: the Network, the license's item, its Operator and its
		/// last reported performance.
		fn licenses(dam: DamId) -> Vec<(NetworkId, u32, AccountId, Permill)>;

		/// A DAM's open penalties, then its most recent resolved ones, by id.
		fn penalties(dam: DamId) -> Vec<(u64, Penalty)>;
	}
}
