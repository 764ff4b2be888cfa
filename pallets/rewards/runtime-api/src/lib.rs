//! `RewardsApi`: what clients such as Polkadot.js (`api.call.rewardsApi.*`) ask the rewards pallet,
//! so that they need no storage decoding. The runtime fills in the records with the pallet's own
//! types, which metadata describes to clients.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;
use nektar_primitives::{DamId, NetworkId, ProgramId};

polkadot_sdk::sp_api::decl_runtime_apis! {
	/// What wallets and dashboards ask the rewards pallet: pending rewards, programs and
	/// licenses.
	///
	/// Version 2: a Network may have several reward programs. Rewards are per program (a
	/// Network's primary program has the Network's id), and `network_programs` lists a
	/// Network's programs.
	#[api_version(2)]
	pub trait RewardsApi<AccountId, PendingReward, OperatorReward, RewardProgram, License>
	where
		AccountId: Codec,
		PendingReward: Codec,
		OperatorReward: Codec,
		RewardProgram: Codec,
		License: Codec,
	{
		/// What `delegator` may claim now from its shares of `dam`: per program, its Network,
		/// the synthetic token and the amount.
		fn pending_rewards(dam: DamId, delegator: AccountId) -> Vec<PendingReward>;

		/// The Operator of the installation of `program`'s Network into `dam`, and what it may
		/// claim now in `program`.
		fn operator_rewards(program: ProgramId, dam: DamId) -> Option<OperatorReward>;

		/// A reward program: its Network, rates, escrow, budget, synthetic supply, burn rate and
		/// days left.
		fn reward_program(program: ProgramId) -> Option<RewardProgram>;

		/// Every reward program of a Network, its primary program first.
		#[api_version(2)]
		fn network_programs(network: NetworkId) -> Vec<RewardProgram>;

		/// The node licenses a DAM holds: the Network, the license's item, its Operator and
		/// its last reported performance.
		fn licenses(dam: DamId) -> Vec<License>;
	}
}
