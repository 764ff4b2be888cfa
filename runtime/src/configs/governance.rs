//! Governance: Sudo on development chains, and a Council whose 2/3 motions act for the chain.

use crate::*;
use frame_support::{
	parameter_types,
	traits::{ConstU32, EitherOfDiverse},
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
	type WeightInfo = pallet_sudo::weights::SubstrateWeight<Runtime>;
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
	type WeightInfo = pallet_collective::weights::SubstrateWeight<Runtime>;
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
	type WeightInfo = pallet_membership::weights::SubstrateWeight<Runtime>;
}
