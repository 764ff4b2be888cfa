//! The records a DAM keeps.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{pallet_prelude::*, DefaultNoBound};
use nektar_primitives::{Assets, NetworkKind, Shares};
use polkadot_sdk::{
	frame_support, frame_system,
	sp_runtime::{traits::StaticLookup, FixedU128, Perbill},
};
use scale_info::TypeInfo;

use crate::Config;

/// The balance type, shared by the native token and the assets.
pub type BalanceOf<T> = <T as Config>::Balance;
/// A quantity of a DAM's shares.
pub type SharesOf<T> = Shares<BalanceOf<T>>;
/// A quantity of a DAM's deposit asset.
pub type AssetsOf<T> = Assets<BalanceOf<T>>;
/// The block number type.
pub type BlockNumberOf<T> = frame_system::pallet_prelude::BlockNumberFor<T>;

/// An account as a call names it: an address, or any other form the runtime's lookup takes.
pub type AccountIdLookupOf<T> = <<T as frame_system::Config>::Lookup as StaticLookup>::Source;
/// A DAM record of this runtime.
pub type DamOf<T> = DamInfo<
	<T as frame_system::Config>::AccountId,
	<T as Config>::AssetKind,
	BalanceOf<T>,
	BlockNumberOf<T>,
>;
/// The penalties open on a DAM of this runtime.
pub type OpenSlashesOf<T> =
	BoundedVec<OpenSlash<BalanceOf<T>>, <T as Config>::MaxInstallationsPerDam>;
/// What one claimer is owed of a DAM's open or vetoed penalties, by dispute vault.
pub type ClaimerPartsOf<T> =
	BoundedVec<(nektar_primitives::VaultId, BalanceOf<T>), <T as Config>::MaxInstallationsPerDam>;
/// The creation parameters of a DAM of this runtime.
pub type DamConfigOf<T> =
	DamConfig<<T as frame_system::Config>::AccountId, <T as Config>::AssetKind>;
/// DAM metadata of this runtime.
pub type DamMetadataOf<T> = DamMetadata<<T as Config>::StringLimit>;
/// The pending withdrawals of one delegator in one DAM.
pub type PendingWithdrawalsOf<T> = BoundedVec<
	PendingWithdrawal<BalanceOf<T>, BlockNumberOf<T>>,
	<T as Config>::MaxPendingWithdrawals,
>;

/// What the creator of a DAM chooses once and for all (the mutability flags) or until changed.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct DamConfig<AccountId, AssetKind> {
	/// Liquidity, Growth or Collateral; every Network installed must be of this kind.
	pub kind: NetworkKind,
	/// The one asset the DAM takes. Must be whitelisted.
	pub deposit_asset: AssetKind,
	/// The share of each deposit paid to the manager; at most `max_dam_fee`.
	pub fee: Perbill,
	/// Whether the manager may change the fee later.
	pub fee_mutable: bool,
	/// Who keeps the Operators and the delegator allow-list; the manager if `None`.
	pub gatekeeper: Option<AccountId>,
	/// Whether the manager may change the gatekeeper later.
	pub gatekeeper_mutable: bool,
	/// Who moves the DAM's assets (installations, allocations, commitments); the manager if
	/// `None`.
	pub catalyst: Option<AccountId>,
	/// Whether the manager may change the catalyst later.
	pub catalyst_mutable: bool,
	/// Whether delegators may transfer their shares.
	pub receipt_transferable: bool,
	/// Whether only allow-listed delegators may deposit or receive shares.
	pub allow_list: bool,
	/// Whether the creator, a registered Operator, runs the DAM's Networks itself (an
	/// independent Operator). Affiliated Operators join by invitation instead.
	pub independent_operator: bool,
}

/// Descriptive data of a DAM.
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
pub struct DamMetadata<S: Get<u32>> {
	/// The DAM's name.
	pub name: BoundedVec<u8, S>,
	/// The symbol of its receipt (its shares), e.g. `deTKN`.
	pub receipt_symbol: BoundedVec<u8, S>,
	/// Its website.
	pub url: BoundedVec<u8, S>,
	/// A link to its logo.
	pub logo: BoundedVec<u8, S>,
	/// What it does.
	pub description: BoundedVec<u8, S>,
}

impl<S: Get<u32>> DamMetadata<S> {
	/// The bytes this metadata stores.
	pub fn byte_len(&self) -> u32 {
		(self.name.len()
			+ self.receipt_symbol.len()
			+ self.url.len()
			+ self.logo.len()
			+ self.description.len()) as u32
	}
}

/// A DAM.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct DamInfo<AccountId, AssetKind, Balance, BlockNumber> {
	/// The account that created it.
	pub manager: AccountId,
	/// The choices made at creation, with the current fee, gatekeeper and catalyst.
	pub kind: NetworkKind,
	/// The one asset it takes.
	pub deposit_asset: AssetKind,
	/// The deposit fee.
	pub fee: Perbill,
	/// A fee increase and the block it applies from (`fee_increase_delay` after it was set).
	pub pending_fee: Option<(Perbill, BlockNumber)>,
	/// Whether the fee may change.
	pub fee_mutable: bool,
	/// Keeps the Operators and the allow-list.
	pub gatekeeper: AccountId,
	/// Whether the gatekeeper may change.
	pub gatekeeper_mutable: bool,
	/// Moves the assets.
	pub catalyst: AccountId,
	/// Whether the catalyst may change.
	pub catalyst_mutable: bool,
	/// Whether shares are transferable.
	pub receipt_transferable: bool,
	/// Whether the delegator allow-list is on.
	pub allow_list: bool,
	/// The native-token deposit on hold for this record.
	pub deposit: Balance,
	/// All shares, including those queued for withdrawal.
	pub total_shares: Shares<Balance>,
	/// Shares queued for withdrawal (Collateral): still slashable, earning nothing.
	pub pending_shares: Shares<Balance>,
	/// The assets on the DAM's books that sit in its account.
	pub idle: Balance,
	/// Rounding remainders kept in the DAM's account but off its books, so that rounding
	/// never raises the exchange rate.
	pub dust: Balance,
	/// Liquidity lent to Networks, in vaults or on loan: still on the books, not withdrawable.
	pub lent: Balance,
	/// A Growth DAM closes to deposits at its first allocation, so that only the shares that
	/// paid for an allocation earn its rewards.
	pub closed: bool,
	/// Compensation from defaulted Networks' return bonds, in the native token, that the
	/// shareholders have not claimed yet. It sits in the DAM's account, off the books.
	pub recovery: Balance,
	/// The compensation each share has been owed since the DAM's creation, in native units.
	pub recovery_per_share: FixedU128,
	/// Penalties in dispute vaults, not yet executed, vetoed or cancelled. While there are
	/// any, deposits wait, so that nobody buys in at a rate a veto would raise.
	pub penalties: u32,
	/// The part of the open penalties that a veto would put back on the books: what they took
	/// from the holders still in the DAM. Those who claimed their withdrawals meanwhile took
	/// their part with them, as a claim on the compensation pool.
	pub in_dispute: Balance,
	/// Vetoed or cancelled penalties owed to those who claimed their withdrawals while the
	/// penalties were open. It sits in the DAM's account, off the books.
	pub compensation: Balance,
	/// How many Operators are assigned.
	pub operators: u32,
	/// How many invitations are open; with the Operators, at most `MaxOperatorsPerDam`.
	pub invited: u32,
	/// How many delegators are on the allow-list; at most `MaxAllowListLength`.
	pub allowed: u32,
}

/// What one shareholder is owed from the DAM's recovery pool.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug, Default)]
pub struct RecoveryAccount<Balance> {
	/// `recovery_per_share` when the holder's share was last settled.
	pub checkpoint: FixedU128,
	/// What the holder is owed and has not claimed.
	pub owed: Balance,
}

/// How an Operator is tied to a DAM.
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
pub enum OperatorRole {
	/// It created the DAM and runs it.
	Independent,
	/// It accepted the gatekeeper's invitation.
	Affiliated,
}

/// Shares queued for withdrawal from a Collateral DAM.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct PendingWithdrawal<Balance, BlockNumber> {
	/// The shares; they are worth what the exchange rate says when claimed.
	pub shares: Shares<Balance>,
	/// From when they can be claimed.
	pub unlock_at: BlockNumber,
}

/// A penalty open on a DAM, as the DAM keeps it.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct OpenSlash<Balance> {
	/// The dispute vault that holds it.
	pub vault: nektar_primitives::VaultId,
	/// The Network that requested it.
	pub network: nektar_primitives::NetworkId,
	/// The amount in the vault.
	pub amount: Balance,
	/// The part of it owed to holders who claimed their withdrawals after the request, should
	/// it be vetoed or cancelled.
	pub claimed: Balance,
}
