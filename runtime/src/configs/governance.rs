//! Governance: Sudo on development chains, and a Council whose 2/3 motions act for the chain.
//!
//! Calls only Root may make (a runtime upgrade's `system.authorize_upgrade`, for one) reach the
//! Council through `pallet-whitelist`: a 2/3 motion whitelists the call's hash and dispatches
//! it as Root, with the call in the motion itself or noted in `pallet-preimage`.

use crate::*;
use frame_support::{
	parameter_types,
	traits::{fungible::HoldConsideration, ConstU32, EitherOfDiverse, LinearStoragePrice},
	weights::Weight,
};
use frame_system::EnsureRoot;
use sp_runtime::Perbill;

use super::system::RuntimeBlockWeights;

/// The Council's collective instance.
pub type CouncilCollective = pallet_collective::Instance1;

/// The origin of every governance call of the chain: Root, or a motion that at least two
/// thirds of the Council approved.
pub type GovernanceOrigin = EitherOfDiverse<
	EnsureRoot<AccountId>,
	pallet_collective::EnsureProportionAtLeast<AccountId, CouncilCollective, 2, 3>,
>;

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = weights::pallet_sudo::WeightInfo<Runtime>;
}

parameter_types! {
	/// How long a Council motion stays open for votes.
	pub const CouncilMotionDuration: BlockNumber = 3 * DAYS;
	/// A Council motion may use at most half a block.
	pub MaxProposalWeight: Weight = Perbill::from_percent(50) * RuntimeBlockWeights::get().max_block;
}

/// The largest Council.
pub const COUNCIL_MAX_MEMBERS: u32 = 100;

impl pallet_collective::Config<CouncilCollective> for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = CouncilMotionDuration;
	type MaxProposals = ConstU32<100>;
	type MaxMembers = ConstU32<COUNCIL_MAX_MEMBERS>;
	type DefaultVote = pallet_collective::PrimeDefaultVote;
	type WeightInfo = weights::pallet_collective::WeightInfo<Runtime>;
	/// Membership changes go through `CouncilMembership`; Root may still reset the set.
	type SetMembersOrigin = EnsureRoot<AccountId>;
	type MaxProposalWeight = MaxProposalWeight;
	type DisapproveOrigin = GovernanceOrigin;
	type KillOrigin = GovernanceOrigin;
	type Consideration = ();
}

impl pallet_membership::Config<pallet_membership::Instance1> for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type AddOrigin = GovernanceOrigin;
	type RemoveOrigin = GovernanceOrigin;
	type SwapOrigin = GovernanceOrigin;
	type ResetOrigin = GovernanceOrigin;
	type PrimeOrigin = GovernanceOrigin;
	type MembershipInitialized = Council;
	type MembershipChanged = Council;
	type MaxMembers = ConstU32<COUNCIL_MAX_MEMBERS>;
	type WeightInfo = weights::pallet_membership::WeightInfo<Runtime>;
}

parameter_types! {
	/// What noting a preimage holds, for its entry.
	pub const PreimageBaseDeposit: Balance = deposit(2, 64);
	/// What noting a preimage holds, per byte of it.
	pub const PreimageByteDeposit: Balance = deposit(0, 1);
	/// The hold reason of preimage deposits.
	pub const PreimageHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Preimage(pallet_preimage::HoldReason::Preimage);
}

/// Preimages of calls that governance dispatches by hash. Whoever notes one holds its deposit
/// until it is cleared; a preimage governance requested is stored free.
impl pallet_preimage::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = weights::pallet_preimage::WeightInfo<Runtime>;
	type Currency = Balances;
	type ManagerOrigin = GovernanceOrigin;
	type Consideration = HoldConsideration<
		AccountId,
		Balances,
		PreimageHoldReason,
		LinearStoragePrice<PreimageBaseDeposit, PreimageByteDeposit, Balance>,
	>;
}

parameter_types! {
	/// How long a dispatch that passed before its call was whitelisted may still be relayed.
	pub const WhitelistDeferredDispatchExpiration: BlockNumber = 7 * DAYS;
}

/// Root-only calls for the Council: a 2/3 motion whitelists a call's hash, and a 2/3 motion (or
/// Root) dispatches the whitelisted call as Root.
impl pallet_whitelist::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WhitelistOrigin = GovernanceOrigin;
	type DispatchWhitelistedOrigin = GovernanceOrigin;
	type Preimages = Preimage;
	type DeferredDispatchExpiration = WhitelistDeferredDispatchExpiration;
	type BlockNumberProvider = System;
	type WeightInfo = weights::pallet_whitelist::WeightInfo<Runtime>;
}
