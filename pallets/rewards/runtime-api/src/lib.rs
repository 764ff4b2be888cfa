//! `RewardsApi`: what clients such as Polkadot.js (`api.call.rewardsApi.*`) ask the rewards pallet,
//! so that they need no storage decoding. The runtime fills in the records with the pallet's own
//! types, which metadata describes to clients.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;
use nektar_primitives::{DamId, NetworkId};

polkadot_sdk::sp_api::decl_runtime_apis! {
	/// What wallets and dashboards ask the rewards pallet: pending rewards, programs and
	/// licenses.
	pub trait RewardsApi<AccountId, PendingReward, OperatorReward, RewardProgram, License>
	where
		AccountId: Codec,
		PendingReward: Codec,
		OperatorReward: Codec,
		RewardProgram: Codec,
		License: Codec,
	{
		/// What `delegator` may claim now from its shares of `dam`: per Network, the
		/// synthetic token and the amount.
		fn pending_rewards(dam: DamId, delegator: AccountId) -> Vec<PendingReward>;

		/// The Operator of the installation of `network` into `dam`, and what it may claim
		/// now.
		fn operator_rewards(network: NetworkId, dam: DamId) -> Option<OperatorReward>;

		/// A Network's reward program: escrow, budget, synthetic supply, burn rate, days left.
		fn reward_program(network: NetworkId) -> Option<RewardProgram>;

		/// The node licenses a DAM holds: the Network, the license's item, its Operator and
		/// its last reported performance.
		fn licenses(dam: DamId) -> Vec<License>;
	}
}
