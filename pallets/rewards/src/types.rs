//! The records the rewards pallet keeps.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use polkadot_sdk::{
	frame_system,
	sp_core::U256,
	sp_runtime::{traits::StaticLookup, FixedU128, Perbill, Permill},
};
use scale_info::TypeInfo;

use crate::Config;

/// An account of this runtime, as a call names it: an address or an index.
pub type AccountIdLookupOf<T> = <<T as frame_system::Config>::Lookup as StaticLookup>::Source;
/// The balance type, shared by the native token and the assets.
pub type BalanceOf<T> = <T as Config>::Balance;
/// The block number type.
pub type BlockNumberOf<T> = frame_system::pallet_prelude::BlockNumberFor<T>;
/// A reward program of this runtime.
pub type ProgramOf<T> =
	Program<<T as Config>::AssetKind, <T as Config>::TokenId, BalanceOf<T>, BlockNumberOf<T>>;
/// A license sale of this runtime.
pub type LicenseSaleOf<T> = LicenseSale<
	<<T as Config>::LicenseNfts as crate::LicenseNfts<
		<T as frame_system::Config>::AccountId,
		BalanceOf<T>,
	>>::CollectionId,
	BalanceOf<T>,
>;
/// A Network as this runtime's marketplace shows it.
pub type NetworkViewOf<T> = nektar_primitives::NetworkView<
	<T as frame_system::Config>::AccountId,
	<T as Config>::AssetKind,
	BalanceOf<T>,
	BlockNumberOf<T>,
>;
/// A license of this runtime.
pub type LicenseOf<T> = License<<T as frame_system::Config>::AccountId, BalanceOf<T>>;
/// The reward record of an installation in this runtime.
pub type StakeOf<T> = Stake<<T as frame_system::Config>::AccountId, BalanceOf<T>>;
/// What a DAM of this runtime keeps for one program's token.
pub type DamRewardOf<T> = DamReward<<T as frame_system::Config>::AccountId, BalanceOf<T>>;

/// The id of a reward program. A Network's primary program, set up from its registration terms
/// when it goes live, takes the Network's id; the incentive programs its manager adds take ids
/// from [`FIRST_INCENTIVE_PROGRAM`] up, which no Network id reaches.
pub use nektar_primitives::ProgramId;

/// The id of the first incentive program. A Network whose id is this or above cannot have a
/// primary program (`ProgramIdsExhausted`), so that the two ranges never meet.
pub const FIRST_INCENTIVE_PROGRAM: ProgramId = 1 << 30;

/// The rates of a reward program, immutable once it is set up.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Rates<Balance> {
	/// Reward units per unit of exposure per day, for delegators.
	pub delegator_rate: FixedU128,
	/// Reward units per installation per day operated, for operators.
	pub operator_rate: Balance,
}

/// The rates of a reward program of this runtime.
pub type RatesOf<T> = Rates<BalanceOf<T>>;

/// A reward program: its Network, escrow budget, synthetic token, and the accumulators that
/// make accrual lazy.
///
/// The accumulators are scaled by 10^36 (see [`crate::accrual::SCALE`]), so that what each
/// account earns is exact to far below one unit; only the final payout rounds, down.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Program<AssetKind, TokenId, Balance, BlockNumber> {
	/// The Network whose installations earn in the program.
	pub network: nektar_primitives::NetworkId,
	/// The synthetic token minted to claimants and burned at redemption.
	pub token: TokenId,
	/// The asset the escrow holds and pays out at redemption.
	pub reward_asset: AssetKind,
	/// Reward units per unit of exposure per day, for delegators.
	pub delegator_rate: FixedU128,
	/// Reward units per installation per day operated, for operators.
	pub operator_rate: Balance,
	/// The share of each installation's delegator rewards that goes to its Operator.
	pub operator_commission: Perbill,
	/// Funded into the escrow and not yet accrued: what accrual may still use.
	pub budget: Balance,
	/// Accrued and not yet minted as synthetic tokens.
	pub accrued: Balance,
	/// The sum over active installations of exposure × performance.
	pub weighted_exposure: Balance,
	/// The sum over active installations of their performance, in parts per million.
	pub performance: u64,
	/// Reward per unit of weighted exposure since the program began, scaled.
	pub per_exposure: U256,
	/// Operator reward per part-per-million of performance since the program began, scaled.
	pub per_performance: U256,
	/// The block up to which the accumulators are brought.
	pub updated_at: BlockNumber,
	/// The block the Network's duration ends; nothing accrues after it.
	pub ends_at: BlockNumber,
	/// Whether the Network is live (not pending or suspended), so that rewards accrue.
	pub accruing: bool,
	/// Whether the budget ran out; funding clears it.
	pub dry: bool,
}

/// The reward record of one installation: what it earns on, and up to where it was paid.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Stake<AccountId, Balance> {
	/// The Operator that runs the installation and earns its operator rewards.
	pub operator: AccountId,
	/// Exposure × performance; zero once the installation is gone.
	pub weight: Balance,
	/// Performance in parts per million; zero once the installation is gone.
	pub performance: u32,
	/// The program's `per_exposure` when this installation was last settled.
	pub exposure_checkpoint: U256,
	/// The program's `per_performance` when this installation was last settled.
	pub performance_checkpoint: U256,
	/// Operator rewards earned and not claimed, scaled.
	pub operator_owed: U256,
	/// Whether the installation is active, as of its last change.
	pub active: bool,
	/// The exposure the installation was given, as of its last change. A Collateral DAM's
	/// exposure is this, or its active stake if lower, so that a change of shares reweighs the
	/// stake without reading the installation.
	pub cap: Balance,
	/// The licensed part of the installation's exposure, as of its last change.
	pub licensed: Licensed<Balance>,
}

/// What a DAM keeps for one program's token: its installation's stake in the program, and
/// how what the installation earns is shared out among the DAM's holders.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct DamReward<AccountId, Balance> {
	/// The installation's reward record, while it has one.
	pub stake: Option<Stake<AccountId, Balance>>,
	/// The DAM's reward per earning share in the token since it joined the program, scaled;
	/// for a Growth DAM that spent on the program's Network, per unit of what it spent.
	pub per_share: U256,
	/// What a Growth DAM spent on the program's Network, in allocations and licenses. While it
	/// is set, the token is shared by what each holder paid in, not by shares held, and
	/// `per_share` is per unit of that weight.
	pub spent: Option<Spending<Balance>>,
	/// Set while the program ended and its token is being taken off the DAM's list.
	pub retiring: Option<Retirement>,
}

impl<AccountId, Balance> Default for DamReward<AccountId, Balance> {
	fn default() -> Self {
		Self { stake: None, per_share: U256::zero(), spent: None, retiring: None }
	}
}

impl<AccountId, Balance> DamReward<AccountId, Balance> {
	/// Whether the record holds nothing: no stake, no reward shared out, no spending.
	pub fn is_empty(&self) -> bool {
		self.stake.is_none()
			&& self.per_share.is_zero()
			&& self.spent.is_none()
			&& self.retiring.is_none()
	}
}

/// What one shareholder of a DAM earned in one reward token.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug, Default)]
pub struct Holding {
	/// The DAM's reward per share when this holder was last settled, scaled.
	pub checkpoint: U256,
	/// Earned and not claimed, scaled.
	pub owed: U256,
}

/// An ended program's token on its way off a DAM's list of tracked tokens.
///
/// Nothing accrues after a program ends, so the DAM's reward per share in its token is final.
/// Each holder with earning shares is booked once against that final value: what it earned
/// goes to its [`Holding`], and its checkpoint moves past the final value so that it is never
/// booked twice. Share changes and claims book the holders they touch, and anyone may book
/// the others with `retire_token`. Once every earning share is booked, the token leaves the
/// list. A holder booked or holding no shares then claims what it is owed as before.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug, Default)]
pub struct Retirement {
	/// The DAM's final reward per share (or per unit spent) in the token, scaled.
	pub final_per_share: U256,
	/// The earning shares of the holders not yet booked.
	pub unbooked: u128,
}

/// What a Growth DAM spent on one Network, in allocations and licenses: the weight that
/// Network's rewards are shared by among the DAM's holders.
///
/// Each holder's weight is what it paid into those spends: at each spend, its shares of that
/// moment times the spend per share. Withdrawing idle assets burns shares but never this
/// weight. Two accumulators keep it O(1) in holders: `per_share` sums the spend per share,
/// and `reward_index` sums `per_share` times each increase of the DAM's reward per unit of
/// weight, so that a holder's rewards follow a weight that grew at every spend without
/// visiting the holder.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug, Default)]
pub struct Spending<Balance> {
	/// The sum over spends of the amount spent per share outstanding, scaled.
	pub per_share: U256,
	/// The sum of `per_share` × each increase of the reward per unit of weight, unscaled once
	/// (reward per share, scaled).
	pub reward_index: U256,
	/// What was spent in all: the sum of every holder's weight.
	pub total: Balance,
}

/// One holder's part of what a Growth DAM spent on one Network.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug, Default)]
pub struct Contribution {
	/// What the holder paid into the spends up to its last settlement: its reward weight,
	/// scaled.
	pub weight: U256,
	/// The spending's `per_share` at the last settlement.
	pub per_share_checkpoint: U256,
	/// The spending's `reward_index` at the last settlement.
	pub index_checkpoint: U256,
}

/// A reward program of this runtime as the runtime API returns it.
pub type ProgramInfoOf<T> = ProgramInfo<
	<T as frame_system::Config>::AccountId,
	<T as Config>::AssetKind,
	<T as Config>::TokenId,
	BalanceOf<T>,
>;

/// A reward program as wallets and dashboards see it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct ProgramInfo<AccountId, AssetKind, TokenId, Balance> {
	/// The program.
	pub id: ProgramId,
	/// Its Network.
	pub network: nektar_primitives::NetworkId,
	/// Whether it is the Network's primary program, from its registration terms, rather than
	/// an incentive program its manager added.
	pub primary: bool,
	/// Reward units per unit of exposure per day, for delegators.
	pub delegator_rate: FixedU128,
	/// Reward units per installation per day operated, for operators.
	pub operator_rate: Balance,
	/// The share of each installation's delegator rewards that goes to its Operator.
	pub operator_commission: Perbill,
	/// The escrow account.
	pub escrow: AccountId,
	/// What the escrow holds of the reward asset.
	pub escrow_balance: Balance,
	/// The synthetic token.
	pub token: TokenId,
	/// The synthetic tokens in circulation.
	pub token_supply: Balance,
	/// The reward asset.
	pub reward_asset: AssetKind,
	/// Funded and not yet accrued, as of now.
	pub budget: Balance,
	/// Accrued and not yet claimed, as of now.
	pub accrued: Balance,
	/// What accrues per day at the current exposures and performances.
	pub burn_per_day: Balance,
	/// Whole days the budget lasts at that rate; `None` when nothing accrues.
	pub days_left: Option<u64>,
	/// Whether rewards accrue now (live, before the end, budget left).
	pub accruing: bool,
}

/// A Network's license sale.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct LicenseSale<CollectionId, Balance> {
	/// The NFT collection of the licenses.
	pub collection: CollectionId,
	/// The price of one license, in the Network's deposit asset.
	pub price: Balance,
	/// How many licenses the Network sells.
	pub supply: u32,
	/// How many are sold; the next one is item `sold`.
	pub sold: u32,
	/// Whether a license NFT can be transferred.
	pub transferable: bool,
}

/// A license sold to a DAM.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct License<AccountId, Balance> {
	/// The DAM that bought it.
	pub dam: nektar_primitives::DamId,
	/// The Operator of the DAM that runs the licensed node.
	pub operator: AccountId,
	/// What the DAM paid for it: the part of the installation's exposure it stands for.
	pub price: Balance,
	/// The licensed node's last reported performance; it scales the accrual on `price`.
	pub performance: Permill,
}

/// The licensed part of an installation's exposure.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug, Default)]
pub struct Licensed<Balance> {
	/// What the installation's licenses cost in all.
	pub price: Balance,
	/// The sum of each license's price × its performance.
	pub weighted: Balance,
}

/// Who may claim a delegator's rewards. Whoever claims, the synthetic tokens are minted to the
/// delegator.
#[derive(
	Clone,
	Copy,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum ClaimPermission {
	/// Only the delegator claims.
	#[default]
	Permissioned,
	/// Anyone may claim for the delegator, with `claim_rewards_for`: a service can claim on a
	/// schedule without holding the delegator's keys.
	PermissionlessClaim,
}
