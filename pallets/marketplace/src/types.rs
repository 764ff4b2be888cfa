//! The records the marketplace keeps.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{pallet_prelude::*, traits::fungible, DefaultNoBound};
use nektar_primitives::{InstallationStatus, NetworkKind, NetworkStatus};
use polkadot_sdk::{
	frame_support,
	sp_runtime::{FixedU128, Perbill, Permill},
};
use scale_info::TypeInfo;

use crate::Config;

/// The balance type of the native token.
pub type BalanceOf<T> =
	<<T as Config>::Currency as fungible::Inspect<<T as frame_system::Config>::AccountId>>::Balance;
/// The block number type.
pub type BlockNumberOf<T> = frame_system::pallet_prelude::BlockNumberFor<T>;
/// The asset identifier: the native token or a `pallet-assets` id.
pub type AssetKindOf<T> = <T as Config>::AssetKind;
/// A Network record of this runtime.
pub type NetworkOf<T> =
	Network<<T as frame_system::Config>::AccountId, AssetKindOf<T>, BalanceOf<T>, BlockNumberOf<T>>;
/// The terms of a Network of this runtime.
pub type NetworkTermsOf<T> = NetworkTerms<
	<T as frame_system::Config>::AccountId,
	AssetKindOf<T>,
	BalanceOf<T>,
	BlockNumberOf<T>,
>;
/// A Network of the genesis: its manager, terms, name and reward symbol.
pub type GenesisNetworkOf<T> = (
	<T as frame_system::Config>::AccountId,
	NetworkTermsOf<T>,
	alloc::vec::Vec<u8>,
	alloc::vec::Vec<u8>,
);
/// An installation record of this runtime.
pub type InstallationOf<T> =
	Installation<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberOf<T>>;
/// Network metadata of this runtime.
pub type NetworkMetadataOf<T> = NetworkMetadata<<T as Config>::StringLimit>;
/// Operator metadata of this runtime.
pub type OperatorOf<T> = Operator<BalanceOf<T>, BlockNumberOf<T>, <T as Config>::StringLimit>;
use polkadot_sdk::frame_system;

/// Where penalised collateral goes.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum PenaltyDestination {
	/// The Network's safe.
	Safe,
	/// The protocol treasury, a keyless account that governance spends from.
	Treasury,
}

/// The penalty terms of a Collateral Network.
#[derive(
	Clone,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct PenaltyTerms<AccountId, BlockNumber> {
	/// The largest penalty, as a share of an installation's effective commitment.
	pub max_penalty: Perbill,
	/// How long a penalty waits in its dispute vault; between `min_dispute_window` and
	/// `max_dispute_window`.
	pub dispute_window: BlockNumber,
	/// Who may veto or uphold a disputed penalty. `None` leaves it to governance.
	pub resolver: Option<AccountId>,
	/// Where executed penalties go.
	pub destination: PenaltyDestination,
}

/// What a Network asks for and offers. Immutable once the Network is live.
#[derive(
	Clone,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct NetworkTerms<AccountId, AssetKind, Balance, BlockNumber> {
	/// Liquidity, Growth or Collateral.
	pub kind: NetworkKind,
	/// The asset DAMs provide. Must be whitelisted.
	pub deposit_asset: AssetKind,
	/// The smallest allocation or commitment of one installation (the "minimum deposit").
	pub min_allocation: Balance,
	/// The cap on the total exposure across all installations.
	pub amount_requested: Balance,
	/// The cap on the number of installations.
	pub operators_requested: u32,
	/// How long the Network runs once live, in blocks.
	pub duration: BlockNumber,
	/// How long vaults stay locked. Required for Liquidity and Growth; not allowed for
	/// Collateral.
	pub lock_period: Option<BlockNumber>,
	/// The account that receives Liquidity funds (normally a multisig), or Collateral penalties
	/// when their destination is `Safe`. Not allowed otherwise.
	pub safe: Option<AccountId>,
	/// The asset rewards are paid in. Must be whitelisted.
	pub reward_asset: AssetKind,
	/// Reward units per unit of exposure per day, for delegators.
	pub delegator_rate: FixedU128,
	/// Reward units per installation per day operated, for operators.
	pub operator_rate: Balance,
	/// The share of each installation's delegator rewards that goes to the installation's
	/// Operator, in every reward program of the Network; at most `max_operator_commission`.
	pub operator_commission: Perbill,
	/// The penalty terms. Required for Collateral; not allowed otherwise.
	pub penalty: Option<PenaltyTerms<AccountId, BlockNumber>>,
	/// The native-token bond a Liquidity Network puts on hold; paid to the DAMs it owes if it
	/// defaults. Required (non-zero) for Liquidity; not allowed otherwise.
	pub return_bond: Option<Balance>,
}

/// Descriptive data of a Network. The manager may change it at any time.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	Encode,
	Decode,
	MaxEncodedLen,
	TypeInfo,
	DebugNoBound,
	DefaultNoBound,
)]
#[scale_info(skip_type_params(S))]
pub struct NetworkMetadata<S: Get<u32>> {
	/// The Network's name.
	pub name: BoundedVec<u8, S>,
	/// What the Network does.
	pub description: BoundedVec<u8, S>,
	/// Its website.
	pub url: BoundedVec<u8, S>,
	/// The symbol of its synthetic reward token, e.g. `rNET`.
	pub reward_symbol: BoundedVec<u8, S>,
}

impl<S: Get<u32>> NetworkMetadata<S> {
	/// The bytes this metadata stores.
	pub fn byte_len(&self) -> u32 {
		(self.name.len() + self.description.len() + self.url.len() + self.reward_symbol.len())
			as u32
	}
}

/// A registered Network.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Network<AccountId, AssetKind, Balance, BlockNumber> {
	/// The account that registered it; it manages the Network.
	pub manager: AccountId,
	/// The terms.
	pub terms: NetworkTerms<AccountId, AssetKind, Balance, BlockNumber>,
	/// Where it is in its life.
	pub status: NetworkStatus,
	/// The registration deposit on hold.
	pub deposit: Balance,
	/// The return bond on hold (Liquidity).
	pub bond: Balance,
	/// When it was registered.
	pub registered_at: BlockNumber,
	/// When it went live.
	pub live_since: Option<BlockNumber>,
	/// Confirmed installations.
	pub installations: u32,
	/// Installations requested and not yet answered.
	pub requests: u32,
	/// The sum of the exposure of its installations.
	pub total_exposure: Balance,
}

impl<AccountId, AssetKind, Balance, BlockNumber> Network<AccountId, AssetKind, Balance, BlockNumber>
where
	BlockNumber: polkadot_sdk::sp_runtime::traits::Saturating + Copy + PartialOrd,
{
	/// The block its duration ends, if it went live.
	pub fn ends_at(&self) -> Option<BlockNumber> {
		self.live_since.map(|since| since.saturating_add(self.terms.duration))
	}

	/// Where the Network is at block `now`. Time, not status, decides whether it is over: a
	/// live or suspended Network whose duration has passed is `Ended`, whether or not anyone
	/// called `end_network`.
	pub fn status_at(&self, now: BlockNumber) -> NetworkStatus {
		match self.status {
			NetworkStatus::Live | NetworkStatus::Suspended
				if self.ends_at().is_some_and(|end| now >= end) =>
			{
				NetworkStatus::Ended
			}
			status => status,
		}
	}
}

/// The installation of a Network into a DAM.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Installation<AccountId, Balance, BlockNumber> {
	/// Requested or Active.
	pub status: InstallationStatus,
	/// The DAM's Operator that runs the Network's node.
	pub operator: AccountId,
	/// The allocation (Liquidity, Growth) or the commitment (Collateral).
	pub exposure: Balance,
	/// The highest Collateral commitment lowered since `held_until − commitment_delay`: it
	/// stays slashable until `held_until`.
	pub held_exposure: Balance,
	/// Until when `held_exposure` stays slashable; zero when no lowered commitment is held.
	pub held_until: BlockNumber,
	/// The most the Network accepts from this installation, set at confirmation.
	pub max_exposure: Balance,
	/// The last performance score the Network reported; 100% until it reports.
	pub performance: Permill,
	/// When the DAM asked.
	pub requested_at: BlockNumber,
	/// When the Network confirmed.
	pub confirmed_at: Option<BlockNumber>,
}

impl<AccountId, Balance, BlockNumber> Installation<AccountId, Balance, BlockNumber>
where
	Balance: Copy + Ord,
	BlockNumber: Copy + PartialOrd,
{
	/// What may be slashed of the commitment at block `now`: the commitment, or a higher one
	/// lowered less than `commitment_delay` blocks ago.
	pub fn slashable_at(&self, now: BlockNumber) -> Balance {
		if now < self.held_until {
			self.exposure.max(self.held_exposure)
		} else {
			self.exposure
		}
	}

	/// Until when a lowered commitment stays slashable at its former value, if one does.
	pub fn held_until_at(&self, now: BlockNumber) -> Option<BlockNumber> {
		(now < self.held_until).then_some(self.held_until)
	}
}

/// A registered Operator.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, Encode, Decode, MaxEncodedLen, TypeInfo, DebugNoBound,
)]
#[scale_info(skip_type_params(S))]
pub struct Operator<
	Balance: Clone + PartialEq + Eq + core::fmt::Debug,
	BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug,
	S: Get<u32>,
> {
	/// The Operator's name.
	pub name: BoundedVec<u8, S>,
	/// Its website or contact.
	pub url: BoundedVec<u8, S>,
	/// The deposit on hold for this record.
	pub deposit: Balance,
	/// When it registered.
	pub registered_at: BlockNumber,
}
