//! The records the vaults pallet keeps.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use nektar_primitives::{DamId, NetworkId, VaultKind};
use polkadot_sdk::frame_system;
use scale_info::TypeInfo;

use crate::Config;

/// The balance type, shared by the native token and the assets.
pub type BalanceOf<T> = <T as Config>::Balance;
/// The block number type.
pub type BlockNumberOf<T> = frame_system::pallet_prelude::BlockNumberFor<T>;
/// A vault of this runtime.
pub type VaultOf<T> = Vault<<T as Config>::AssetKind, BalanceOf<T>, BlockNumberOf<T>>;

/// Where a vault is in its life. A vault whose assets have all left is removed; its history is
/// in the events.
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
pub enum VaultState {
	/// Holding its assets until `unlock_at`.
	Locked,
	/// A Growth vault past its lock: the Network's manager may withdraw it.
	Released,
}

/// A time lock on assets that a DAM allocated to a Network (or, for a dispute, that a penalty
/// took from it).
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Vault<AssetKind, Balance, BlockNumber> {
	/// Liquidity, Growth or Dispute.
	pub kind: VaultKind,
	/// The asset it holds.
	pub asset: AssetKind,
	/// How much it holds.
	pub amount: Balance,
	/// The DAM the assets came from.
	pub dam: DamId,
	/// The Network they are for.
	pub network: NetworkId,
	/// When it was locked.
	pub locked_at: BlockNumber,
	/// From when anyone may release it.
	pub unlock_at: BlockNumber,
	/// Locked or Released.
	pub state: VaultState,
}

/// What a Liquidity Network owes, in total.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug, Default)]
pub struct Debt<Balance> {
	/// Released to the safe and not yet repaid.
	pub outstanding: Balance,
	/// Still in locked Liquidity vaults: owed once released.
	pub locked: Balance,
	/// How many DAMs it owes (loans, not vaults).
	pub creditors: u32,
}
