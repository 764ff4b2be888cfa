//! Governance: referenda on OpenGov tracks with conviction voting, a Council whose 2/3
//! motions are the fast path, the treasury, and Sudo on development chains.
//!
//! Every governance call of the chain takes Root, a 2/3 Council motion, or the origin of the
//! referendum track made for it ([`origins`], [`tracks`]). Calls only Root may make (a runtime
//! upgrade's `system.authorize_upgrade`, for one) reach the Council through `pallet-whitelist`:
//! a 2/3 motion whitelists the call's hash and dispatches it as Root, with the call in the
//! motion itself or noted in `pallet-preimage`; otherwise they go through the `root` track.

pub mod origins;
pub mod tracks;

use crate::*;
use frame_support::{
	parameter_types,
	traits::{
		fungible::HoldConsideration, tokens::pay::PayAssetFromAccount, ConstU32, EitherOf,
		EitherOfDiverse, EqualPrivilegeOnly, LinearStoragePrice,
	},
	weights::Weight,
};
use frame_system::{EnsureRoot, EnsureRootWithSuccess, EnsureSigned};
use sp_runtime::{traits::AccountIdLookup, Perbill, Permill};

use super::{
	monetary::NativeValue,
	nektar::{AssetKind, NektarAssets, TreasuryAccount},
	system::RuntimeBlockWeights,
};

/// The Council's collective instance.
pub type CouncilCollective = pallet_collective::Instance1;

/// The origin of every governance call of the chain: Root, or a motion that at least two
/// thirds of the Council approved.
pub type GovernanceOrigin = EitherOfDiverse<
	EnsureRoot<AccountId>,
	pallet_collective::EnsureProportionAtLeast<AccountId, CouncilCollective, 2, 3>,
>;

/// Whitelisting, rejecting, suspending and resuming Networks, and whitelisting and removing
/// assets: governance, or a referendum on the `network_whitelister` track.
pub type NetworkWhitelisterOrigin = EitherOfDiverse<GovernanceOrigin, origins::NetworkWhitelister>;

/// Resolving disputed penalties and cancelling penalties: governance, or a referendum on the
/// `penalty_resolver` track.
pub type PenaltyResolverOrigin = EitherOfDiverse<GovernanceOrigin, origins::PenaltyResolver>;

/// Moving funds to or within the treasury (rejecting a spend, sweeping what a DAM holds off its
/// books): governance, or a referendum on the `treasurer` track.
pub type TreasurerOrigin = EitherOfDiverse<GovernanceOrigin, origins::Treasurer>;

/// The protocol and validator-set parameters: governance, or a referendum on the `parameters`
/// track.
pub type ParametersOrigin = EitherOfDiverse<GovernanceOrigin, origins::Parameters>;

impl origins::Config for Runtime {}

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

parameter_types! {
	/// Scheduled calls (enacted referenda among them) may use at most 80% of a block.
	pub MaximumSchedulerWeight: Weight =
		Perbill::from_percent(80) * RuntimeBlockWeights::get().max_block;
}

/// Runs what passed referenda enact, at their enactment block.
impl pallet_scheduler::Config for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type RuntimeEvent = RuntimeEvent;
	type PalletsOrigin = OriginCaller;
	type RuntimeCall = RuntimeCall;
	type MaximumWeight = MaximumSchedulerWeight;
	type ScheduleOrigin = EnsureRoot<AccountId>;
	type OriginPrivilegeCmp = EqualPrivilegeOnly;
	type MaxScheduledPerBlock = ConstU32<50>;
	type WeightInfo = pallet_scheduler::weights::SubstrateWeight<Runtime>;
	type Preimages = Preimage;
	type BlockNumberProvider = System;
}

parameter_types! {
	/// What submitting a referendum holds until it is decided.
	pub const ReferendumSubmissionDeposit: Balance = 10 * UNIT;
	/// A referendum that never gets its decision deposit times out after this.
	pub const ReferendumUndecidingTimeout: BlockNumber = 14 * DAYS;
}

/// Referenda on the tracks of [`tracks`]: anyone may submit one with the submission deposit;
/// anyone may place its track's decision deposit; governance may cancel or kill one (a killed
/// referendum's deposits go to the treasury).
impl pallet_referenda::Config for Runtime {
	type WeightInfo = pallet_referenda::weights::SubstrateWeight<Runtime>;
	type RuntimeCall = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type Scheduler = Scheduler;
	type Currency = Balances;
	type SubmitOrigin = frame_support::traits::AsEnsureOriginWithArg<EnsureSigned<AccountId>>;
	type CancelOrigin = GovernanceOrigin;
	type KillOrigin = GovernanceOrigin;
	type Slash = Treasury;
	type Votes = pallet_conviction_voting::VotesOf<Runtime>;
	type Tally = pallet_conviction_voting::TallyOf<Runtime>;
	type SubmissionDeposit = ReferendumSubmissionDeposit;
	type MaxQueued = ConstU32<100>;
	type UndecidingTimeout = ReferendumUndecidingTimeout;
	type AlarmInterval = ConstU32<1>;
	type Tracks = tracks::TracksInfoImpl;
	type Preimages = Preimage;
	type BlockNumberProvider = System;
}

parameter_types! {
	/// One conviction period: a vote at conviction `n` (1 to 6) locks its NEK for
	/// `2^(n-1)` periods after the referendum ends (7 to 224 days).
	pub const VoteLockingPeriod: BlockNumber = 7 * DAYS;
}

/// Votes on referenda, weighted by conviction: 0.1× for no lock, then 1× to 6× for locks of 1
/// to 32 [`VoteLockingPeriod`]s.
impl pallet_conviction_voting::Config for Runtime {
	type WeightInfo = pallet_conviction_voting::weights::SubstrateWeight<Runtime>;
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type VoteLockingPeriod = VoteLockingPeriod;
	type MaxVotes = ConstU32<512>;
	type MaxTurnout =
		frame_support::traits::tokens::currency::ActiveIssuanceOf<Balances, Self::AccountId>;
	type Polls = Referenda;
	type BlockNumberProvider = System;
	type VotingHooks = ();
}

parameter_types! {
	/// How often approved proposals of the deprecated local spend path are paid.
	pub const SpendPeriod: BlockNumber = 6 * DAYS;
	/// The treasury burns nothing.
	pub const TreasuryBurn: Permill = Permill::zero();
	/// How long an approved spend may be claimed.
	pub const SpendPayoutPeriod: BlockNumber = 30 * DAYS;
	/// Root may approve a spend of any size.
	pub const MaxSpend: Balance = Balance::MAX;
}

/// The protocol treasury, at the account of `nek/trsy`: it receives penalties sent to the
/// treasury, 80% of transaction fees, pool setup fees and slashed referendum deposits, and pays
/// the validator rewards. Spends of NEK or of any `pallet-assets` asset are approved by Root or
/// by the `treasurer` track (up to [`origins::TREASURER_MAX_SPEND`] of NEK value, an asset
/// valued at its NEK pool's price) and claimed by their beneficiary through `payout`.
impl pallet_treasury::Config for Runtime {
	type PalletId = super::nektar::TreasuryPalletId;
	type Currency = Balances;
	type RejectOrigin = TreasurerOrigin;
	type RuntimeEvent = RuntimeEvent;
	type SpendPeriod = SpendPeriod;
	type Burn = TreasuryBurn;
	type BurnDestination = ();
	type SpendFunds = ();
	type WeightInfo = pallet_treasury::weights::SubstrateWeight<Runtime>;
	type MaxApprovals = ConstU32<100>;
	type SpendOrigin = EitherOf<EnsureRootWithSuccess<AccountId, MaxSpend>, origins::Treasurer>;
	type AssetKind = AssetKind;
	type Beneficiary = AccountId;
	type BeneficiaryLookup = AccountIdLookup<AccountId, ()>;
	type Paymaster = PayAssetFromAccount<NektarAssets, TreasuryAccount>;
	type BalanceConverter = NativeValue;
	type PayoutPeriod = SpendPayoutPeriod;
	type BlockNumberProvider = System;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = TreasuryArguments;
}

/// Spends of NEK to accounts derived from the seed, for the treasury's benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct TreasuryArguments;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_treasury::ArgumentsFactory<AssetKind, AccountId> for TreasuryArguments {
	fn create_asset_kind(_seed: u32) -> AssetKind {
		AssetKind::Native
	}

	fn create_beneficiary(seed: [u8; 32]) -> AccountId {
		AccountId::from(seed)
	}
}
