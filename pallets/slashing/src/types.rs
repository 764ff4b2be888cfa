//! The records the slashing pallet keeps.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use nektar_primitives::{DamId, NetworkId, VaultId};
use polkadot_sdk::{frame_support::pallet_prelude::*, frame_system};
use scale_info::TypeInfo;

use crate::Config;

/// The balance type, shared by the native token and the assets.
pub type BalanceOf<T> = <T as Config>::Balance;
/// The block number type.
pub type BlockNumberOf<T> = frame_system::pallet_prelude::BlockNumberFor<T>;
/// The id of a penalty.
pub type PenaltyId = u64;
/// A penalty of this runtime.
pub type PenaltyOf<T> = Penalty<BalanceOf<T>, BlockNumberOf<T>, <T as Config>::MaxReasonLength>;

/// Where a penalty is in its life.
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
pub enum PenaltyStatus {
	/// Requested: its assets wait in a dispute vault until the window closes.
	Requested,
	/// The DAM disputed it: the resolver decides.
	Disputed,
	/// The resolver upheld it: it can be executed at once.
	Upheld,
	/// Executed: its assets went to the Network's penalty destination.
	Executed,
	/// The resolver vetoed it: its assets went back to the DAM.
	Vetoed,
	/// Governance cancelled it: its assets went back to the DAM.
	Cancelled,
}

/// A penalty a Collateral Network requested from a DAM.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, Encode, Decode, MaxEncodedLen, TypeInfo, DebugNoBound,
)]
#[scale_info(skip_type_params(R))]
pub struct Penalty<Balance, BlockNumber, R: Get<u32>>
where
	Balance: Clone + PartialEq + Eq + core::fmt::Debug,
	BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug,
{
	/// The Network that requested it.
	pub network: NetworkId,
	/// The DAM it falls on.
	pub dam: DamId,
	/// The amount, in the DAM's asset.
	pub amount: Balance,
	/// The dispute vault that holds it.
	pub vault: VaultId,
	/// Where it is.
	pub status: PenaltyStatus,
	/// When it was requested.
	pub requested_at: BlockNumber,
	/// When its dispute window closes.
	pub window_ends: BlockNumber,
	/// When a dispute of it must be resolved by: `window_ends + resolution_period`. A dispute
	/// nobody resolved by then no longer stops its execution.
	pub resolve_by: BlockNumber,
	/// Why, in the Network's words.
	pub reason: BoundedVec<u8, R>,
}
