//! Types shared by the Nektar pallets.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use polkadot_sdk::sp_runtime::{FixedU128, Perbill, Permill};
use scale_info::TypeInfo;

pub use polkadot_sdk::frame_support::traits::tokens::fungible::NativeOrWithId;

/// The id of a Network.
pub type NetworkId = u32;
/// The id of a reward program. A Network's primary program has the Network's id.
pub type ProgramId = u32;
/// The id of a DAM.
pub type DamId = u32;
/// The id of a vault.
pub type VaultId = u64;

/// What a vault holds assets for.
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
)]
pub enum VaultKind {
	/// A Liquidity allocation: released to the Network's safe as a loan.
	Liquidity,
	/// A Growth allocation: released to the Network's manager for good.
	Growth,
	/// A penalty under dispute (Collateral).
	Dispute,
}

/// What a Network asks for, and so what a DAM that serves it does with its assets.
///
/// A DAM and every Network installed into it have the same kind.
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
pub enum NetworkKind {
	/// Assets go to the Network's safe for a while and must be repaid.
	Liquidity,
	/// Assets go to the Network for good; delegators earn rewards in exchange.
	Growth,
	/// Assets stay in the DAM as slashable collateral (shared security, restaking). The public
	/// docs also call this kind "Security".
	Collateral,
}

/// Where a Network is in its life.
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
)]
pub enum NetworkStatus {
	/// Registered, waiting for governance.
	Pending,
	/// Whitelisted by governance: DAMs may install it.
	Live,
	/// Paused by governance: no new installations or exposure.
	Suspended,
	/// Its duration has passed.
	Ended,
	/// A Liquidity Network that did not repay in time.
	Defaulted,
}

/// Where an installation of a Network into a DAM is.
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
)]
pub enum InstallationStatus {
	/// The DAM's catalyst asked; the Network manager has not answered.
	Requested,
	/// The Network manager confirmed it.
	Active,
}

/// A Network as the other pallets see it: the terms they act on.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct NetworkView<AccountId, AssetKind, Balance, BlockNumber> {
	/// The account that registered the Network.
	pub manager: AccountId,
	/// Liquidity, Growth or Collateral.
	pub kind: NetworkKind,
	/// Pending, Live, Suspended, Ended or Defaulted. A Network whose duration has passed
	/// reads `Ended` here, whether or not anyone called `end_network`: time, not status,
	/// decides whether a Network is over.
	pub status: NetworkStatus,
	/// The asset the Network asks for.
	pub deposit_asset: AssetKind,
	/// The smallest allocation or commitment one installation may have.
	pub min_allocation: Balance,
	/// The cap on the total exposure across all installations.
	pub amount_requested: Balance,
	/// The cap on the number of installations.
	pub operators_requested: u32,
	/// The Network's total exposure across its installations.
	pub total_exposure: Balance,
	/// The block it went live, if it did.
	pub live_since: Option<BlockNumber>,
	/// How long it runs once live.
	pub duration: BlockNumber,
	/// How long its vaults stay locked (Liquidity, Growth).
	pub lock_period: Option<BlockNumber>,
	/// The account that receives Liquidity funds.
	pub safe: Option<AccountId>,
	/// The return bond still on hold (Liquidity).
	pub bond: Balance,
	/// The asset rewards are paid in.
	pub reward_asset: AssetKind,
	/// Reward units per unit of exposure per day, for delegators.
	pub delegator_rate: FixedU128,
	/// Reward units per installation per day operated, for operators.
	pub operator_rate: Balance,
	/// The share of each installation's delegator rewards that goes to its Operator, in every
	/// reward program of the Network.
	pub operator_commission: Perbill,
}

impl<AccountId, AssetKind, Balance, BlockNumber>
	NetworkView<AccountId, AssetKind, Balance, BlockNumber>
where
	BlockNumber: polkadot_sdk::sp_runtime::traits::Saturating + Copy,
{
	/// The block its duration ends, if it went live.
	pub fn ends_at(&self) -> Option<BlockNumber> {
		self.live_since.map(|since| since.saturating_add(self.duration))
	}
}

/// An installation as the other pallets see it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct InstallationView<AccountId, Balance, BlockNumber> {
	/// Requested or Active.
	pub status: InstallationStatus,
	/// The Operator of the DAM that runs the Network's node.
	pub operator: AccountId,
	/// The allocation (Liquidity, Growth) or the commitment (Collateral).
	pub exposure: Balance,
	/// What a Collateral Network may slash of the commitment now: the commitment, or a
	/// higher one it was lowered from less than `commitment_delay` blocks ago.
	pub slashable_exposure: Balance,
	/// Until when a lowered commitment stays slashable at its former value; `None` if no
	/// decrease is waiting.
	pub held_until: Option<BlockNumber>,
	/// The most the Network accepts from this installation.
	pub max_exposure: Balance,
	/// The performance score the Network last reported.
	pub performance: Permill,
}

/// What the DAM pallet tells the marketplace about a DAM when it asks to install a Network.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct DamView<AccountId, AssetKind> {
	/// The DAM's kind.
	pub kind: NetworkKind,
	/// The one asset the DAM takes.
	pub deposit_asset: AssetKind,
	/// The DAM's manager.
	pub manager: AccountId,
}

/// The protocol parameters that governance sets.
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
pub struct ProtocolParams<BlockNumber> {
	/// The highest deposit fee a DAM may charge.
	pub max_dam_fee: Perbill,
	/// The highest commission a Network's terms may give Operators on their installations'
	/// delegator rewards.
	pub max_operator_commission: Perbill,
	/// How long a Collateral withdrawal waits between request and claim. At least
	/// `commitment_delay`, so that queued stake stays slashable as long as a lowered
	/// commitment does.
	pub withdrawal_delay: BlockNumber,
	/// How long a lowered Collateral commitment, or an uninstalled one, stays slashable at its
	/// former value.
	pub commitment_delay: BlockNumber,
	/// The shortest dispute window a Collateral Network may set.
	pub min_dispute_window: BlockNumber,
	/// The longest dispute window a Collateral Network may set.
	pub max_dispute_window: BlockNumber,
	/// How long after its dispute window a disputed penalty may still be vetoed or upheld;
	/// after that, silence upholds it.
	pub resolution_period: BlockNumber,
	/// The smallest penalty, as a share of the slashable exposure.
	pub min_penalty: Perbill,
	/// How long a DAM's fee increase waits before it applies.
	pub fee_increase_delay: BlockNumber,
	/// How long a Liquidity Network has to repay after it ends.
	pub repay_grace: BlockNumber,
	/// How many blocks make a day for the reward rates.
	pub blocks_per_day: BlockNumber,
}

/// The penalty terms of a Collateral Network, as the slashing pallet sees them.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct PenaltyView<AccountId, BlockNumber> {
	/// The largest penalty, as a share of an installation's effective commitment.
	pub max_penalty: Perbill,
	/// How long a penalty waits in its dispute vault.
	pub dispute_window: BlockNumber,
	/// Who vetoes or upholds disputed penalties; governance if `None`.
	pub resolver: Option<AccountId>,
	/// Where executed penalties go: the Network's safe, or the protocol treasury if `None`.
	pub safe: Option<AccountId>,
}

/// Whether `bytes` are UTF-8 text with no control characters: what every metadata field
/// (names, descriptions, URLs, symbols) must be, so that wallets show what the owner wrote.
pub fn is_display_text(bytes: &[u8]) -> bool {
	core::str::from_utf8(bytes).is_ok_and(|text| !text.chars().any(char::is_control))
}
