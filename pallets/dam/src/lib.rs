//! # DAM pallet
//!
//! A DAM (Decentralized Asset Manager) pools one asset from many delegators and routes it to
//! the Networks installed into it.
//!
//! ## Roles
//!
//! - The **manager** creates the DAM, holding a deposit for its storage, and may change the fee,
//!   the gatekeeper and the catalyst if they were created mutable.
//! - The **gatekeeper** invites and removes affiliated Operators and keeps the optional
//!   delegator allow-list.
//! - The **catalyst** moves the DAM's assets: it requests installations, uninstalls, and
//!   commits collateral.
//! - **Operators** run the Networks' nodes. The creator may run its own DAM (an independent
//!   Operator); others join by accepting an invitation (affiliated Operators).
//! - **Delegators** deposit, withdraw and transfer shares.
//!
//! ## Shares
//!
//! Deposits pay the DAM's fee to the manager, then mint shares at the exchange rate. Each
//! deposit names the highest fee it accepts (`max_fee`); a fee increase applies only
//! `fee_increase_delay` blocks after the manager sets it, a decrease at once, and no deposit
//! pays more than the protocol's current `max_dam_fee`. The rate is
//!
//! ```text
//! shares = net × (total_shares + V_s) / (assets + V_a)
//! value  = shares × (assets + V_a) / (total_shares + V_s)
//! ```
//!
//! where `assets` is the DAM's book value and `V_s`, `V_a` are small virtual offsets. Both
//! round down, so rounding always favours the DAM. The book value is kept in storage, not
//! read from the DAM's account, so an asset sent straight to the account changes no rate: a
//! first-depositor donation attack cannot work. The virtual offsets keep the rate defined and
//! cheap to move only by real deposits.
//!
//! ## Withdrawals
//!
//! Liquidity and Growth DAMs withdraw atomically, from idle assets only. Collateral DAMs
//! withdraw in two steps: `request_withdrawal` moves shares into a pending pool, where they
//! stay slashable (a loss lowers the rate for everyone) and earn nothing; `claim_withdrawal`
//! pays them out at the rate of the day, `withdrawal_delay` blocks later.
//!
//! ## Penalties
//!
//! A penalty takes its amount off the books at once (into a dispute vault of the vaults
//! pallet), so every share, queued or not, is worth less from that block. While a penalty is
//! open the DAM takes no deposits. Claims go on: a claim is paid at the lowered rate, and the
//! claimer's part of each open penalty (`held × shares burned / total shares`) moves from the
//! holders' side (`in_dispute`) to the claimer's compensation record. If the penalty is
//! vetoed or cancelled, the holders' part goes back on the books and the claimers' part into a
//! compensation pool, from which each claimer collects with `claim_compensation`; if it is
//! executed, both are gone. Each step costs O(open penalties), at most
//! `MaxInstallationsPerDam`, and never iterates over delegators.
//!
//! ## Allocations (Liquidity, Growth)
//!
//! The catalyst allocates idle assets to an installed live Network; they move to a vault of the
//! vaults pallet, locked for the Network's lock period.
//! - A **Liquidity** allocation is a loan. It stays on the books (`lent`) until it is repaid,
//!   so the exchange rate does not move; only idle assets can be withdrawn meanwhile. If the
//!   Network defaults, the loan leaves the books (the rate falls) and the DAM's share of the
//!   Network's return bond, in the native token, goes to a recovery pool owed to the
//!   shareholders of that moment, claimed with `claim_recovery`. Holders are settled before
//!   every change of their shares, so nothing iterates over them.
//! - A **Growth** allocation is a sale. It leaves the books at once (the rate falls), and the
//!   DAM takes no more deposits from its first allocation on, so that only the shares that paid
//!   for it share its rewards. Each holder earns a Network's rewards on what its shares paid
//!   into that Network's allocations and licenses, so withdrawing idle assets, which burns
//!   shares, never forfeits them. Shares stay transferable if the DAM allows it; a transfer
//!   takes the same fraction of what the sender paid in along with the shares.
//!
//! ## Installations and restaking
//!
//! The catalyst asks to install a Network, naming the Operator that will run it; the Network
//! confirms through the marketplace. A Collateral DAM then commits an amount to each Network.
//! The same assets may back several Networks; each Network's effective commitment, on which
//! rewards accrue, is `min(commitment, active stake)`, where the active stake is the value of
//! the shares not queued for withdrawal. What a Network may slash is wider: `min(slashable
//! commitment, slashable stake)`, where a lowered commitment stays slashable at its former
//! value for `commitment_delay` and the slashable stake counts queued shares too. So a
//! Collateral DAM leaves a Network in two steps: `commit` zero, then `uninstall` once the
//! delay has passed, and never while the Network has a penalty open on it.
//!
//! ## Weights
//!
//! Every change of shares (deposit, withdrawal, withdrawal request and claim, share transfer)
//! settles the DAM's reward tokens first. These calls take a `reward_tokens` witness, at least
//! the number of tokens the DAM tracks, and are charged up front for settling that many; they
//! fail with `TokenWitnessTooLow` if the DAM tracks more, and refund, after they succeed, the
//! part for the tokens it does not track.
//!
//! ## Invariants
//!
//! Checked by `try_state` after every test:
//! - the delegators' shares plus the pending pool add up to the DAM's total shares;
//! - the value of all shares never exceeds the DAM's assets, and the DAM's account holds at
//!   least its idle assets;
//! - the deposits on hold equal the recorded deposits;
//! - what shareholders are owed from the recovery pool, settled or not, is in the pool, and
//!   the DAM's account holds the pool;
//! - Operator assignments and installations match their counters and the marketplace.
//!
//! ## Layout
//!
//! This file declares the pallet. The logic lives in [`dispatchables`], [`shares`] (the
//! exchange-rate maths), [`recovery`] (the recovery pool), [`interface`] (what the other
//! pallets call), [`queries`] (the runtime API) and [`invariants`]. The unit tests run against
//! doubles of the neighbouring pallets (`mock`, `tests`).

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod dispatchables;
mod interface;
mod invariants;
pub mod migrations;
#[cfg(test)]
mod mock;
pub mod queries;
mod recovery;
pub mod shares;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use nektar_primitives::{
	DamId, DamProvider, InstallationLedger, LicenseSeller, MarketplaceInspect, NetworkId,
	NetworkKind, OnSharesChange, VaultId, VaultsInterface,
};
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

use polkadot_sdk::{frame_support, frame_system, sp_runtime};

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{
		pallet_prelude::*,
		traits::{fungible, fungibles},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::{traits::StaticLookup, Perbill};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the DAM pallet.
	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config {
		/// The balance of the native token and of every asset.
		type Balance: frame_support::traits::tokens::Balance + Into<u128> + TryFrom<u128>;

		/// The native token, for the creation deposit.
		type Currency: fungible::MutateHold<
				Self::AccountId,
				Reason = Self::RuntimeHoldReason,
				Balance = Self::Balance,
			> + fungible::Mutate<Self::AccountId>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// An asset: the native token or a `pallet-assets` asset.
		type AssetKind: Parameter + Member + MaxEncodedLen + Ord;

		/// The native token, as an asset. A native deposit keeps the delegator's account alive;
		/// a deposit of any other asset may take its whole balance.
		type NativeAsset: Get<Self::AssetKind>;

		/// All fungible assets; DAMs hold and move their deposit asset through it.
		type Assets: fungibles::Mutate<
			Self::AccountId,
			AssetId = Self::AssetKind,
			Balance = BalanceOf<Self>,
		>;

		/// The marketplace: Networks, Operators, the whitelist, parameters, and the
		/// installations a DAM requests and removes.
		type Marketplace: InstallationLedger<
			AccountId = Self::AccountId,
			AssetKind = Self::AssetKind,
			Balance = BalanceOf<Self>,
			BlockNumber = BlockNumberFor<Self>,
		>;

		/// Told once after every change of a DAM's shares, or of the stake behind them, with
		/// the shares of before: the rewards pallet, so that rewards accrue to the shares that
		/// earned them.
		type ShareListeners: OnSharesChange<Self::AccountId>;

		/// The Networks' license sales.
		type LicenseSeller: LicenseSeller<AccountId = Self::AccountId, Balance = BalanceOf<Self>>;

		/// The vaults that hold allocated assets.
		type Vaults: VaultsInterface<
			AccountId = Self::AccountId,
			AssetKind = Self::AssetKind,
			Balance = BalanceOf<Self>,
			BlockNumber = BlockNumberFor<Self>,
		>;

		/// Root or a 2/3 Council motion: sweeps what was sent to a DAM's account off its books.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The protocol treasury, where swept donations go.
		type Treasury: Get<Self::AccountId>;

		/// Derives each DAM's keyless account.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// The virtual shares of the exchange rate.
		#[pallet::constant]
		type VirtualShares: Get<BalanceOf<Self>>;

		/// The virtual assets of the exchange rate.
		#[pallet::constant]
		type VirtualAssets: Get<BalanceOf<Self>>;

		/// The most installations, requested or active, one DAM may have.
		#[pallet::constant]
		type MaxInstallationsPerDam: Get<u32>;

		/// The most Operators one DAM may have.
		#[pallet::constant]
		type MaxOperatorsPerDam: Get<u32>;

		/// The most delegators one DAM's allow-list may hold.
		#[pallet::constant]
		type MaxAllowListLength: Get<u32>;

		/// The fewest shares a transfer may leave its receiver with, so that dust transfers
		/// cannot fill storage with holders.
		#[pallet::constant]
		type MinimumShares: Get<BalanceOf<Self>>;

		/// The most withdrawals one delegator may have queued in one DAM.
		#[pallet::constant]
		type MaxPendingWithdrawals: Get<u32>;

		/// The longest metadata field, in bytes.
		#[pallet::constant]
		type StringLimit: Get<u32>;

		/// The base deposit for creating a DAM.
		#[pallet::constant]
		type DamDepositBase: Get<BalanceOf<Self>>;

		/// The deposit per byte of metadata.
		#[pallet::constant]
		type DepositPerByte: Get<BalanceOf<Self>>;

		/// The weights of the calls.
		type WeightInfo: WeightInfo;
	}

	/// Why the DAM pallet holds native tokens.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit for a DAM's storage.
		DamDeposit,
	}

	/// The id the next DAM gets.
	#[pallet::storage]
	pub type NextDamId<T: Config> = StorageValue<_, DamId, ValueQuery>;

	/// Every DAM.
	#[pallet::storage]
	pub type Dams<T: Config> = StorageMap<_, Blake2_128Concat, DamId, DamOf<T>>;

	/// The metadata of each DAM.
	#[pallet::storage]
	pub type Metadata<T: Config> = StorageMap<_, Blake2_128Concat, DamId, DamMetadataOf<T>>;

	/// The share ledger: each delegator's shares in each DAM.
	#[pallet::storage]
	pub type Shares<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		DamId,
		Blake2_128Concat,
		T::AccountId,
		SharesOf<T>,
		ValueQuery,
	>;

	/// The withdrawals each delegator has queued in each Collateral DAM.
	#[pallet::storage]
	pub type PendingWithdrawals<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		DamId,
		Blake2_128Concat,
		T::AccountId,
		PendingWithdrawalsOf<T>,
		ValueQuery,
	>;

	/// The Operators assigned to each DAM.
	#[pallet::storage]
	pub type DamOperators<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, DamId, Blake2_128Concat, T::AccountId, OperatorRole>;

	/// Invitations the gatekeepers sent and the Operators have not accepted.
	#[pallet::storage]
	pub type Invitations<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, DamId, Blake2_128Concat, T::AccountId, ()>;

	/// How many DAMs each Operator is assigned to.
	#[pallet::storage]
	pub type Assignments<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// The delegators allowed into each DAM whose allow-list is on.
	#[pallet::storage]
	pub type AllowList<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, DamId, Blake2_128Concat, T::AccountId, ()>;

	/// The Networks installed, or requested, in each DAM.
	#[pallet::storage]
	pub type DamInstallations<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		DamId,
		BoundedVec<NetworkId, T::MaxInstallationsPerDam>,
		ValueQuery,
	>;

	/// What each shareholder is owed from each DAM's recovery pool (compensation from defaulted
	/// Networks' return bonds).
	#[pallet::storage]
	pub type Recovery<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		DamId,
		Blake2_128Concat,
		T::AccountId,
		RecoveryAccount<BalanceOf<T>>,
	>;

	/// The penalties open on each Collateral DAM: at most one per installed Network.
	#[pallet::storage]
	pub type OpenSlashes<T: Config> =
		StorageMap<_, Blake2_128Concat, DamId, OpenSlashesOf<T>, ValueQuery>;

	/// What each vetoed or cancelled penalty, by dispute vault, still owes the holders who
	/// claimed their withdrawals while it was open.
	#[pallet::storage]
	pub type CompensationPools<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		DamId,
		Twox64Concat,
		VaultId,
		BalanceOf<T>,
		ValueQuery,
	>;

	/// The part of each open or vetoed penalty, by dispute vault, owed to a holder who claimed
	/// its withdrawals while the penalty was open.
	#[pallet::storage]
	pub type Compensation<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		DamId,
		Blake2_128Concat,
		T::AccountId,
		ClaimerPartsOf<T>,
		ValueQuery,
	>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A DAM was created; `account` holds its assets.
		DamCreated {
			dam: DamId,
			manager: T::AccountId,
			kind: NetworkKind,
			deposit_asset: T::AssetKind,
			account: T::AccountId,
			deposit: BalanceOf<T>,
		},
		/// The manager changed the fee. A lower fee applies at once; a higher one from
		/// `applies_from`, `fee_increase_delay` blocks later.
		FeeSet { dam: DamId, fee: Perbill, applies_from: BlockNumberFor<T> },
		/// The manager changed the gatekeeper.
		GatekeeperSet { dam: DamId, gatekeeper: T::AccountId },
		/// The manager changed the catalyst.
		CatalystSet { dam: DamId, catalyst: T::AccountId },
		/// The gatekeeper invited an Operator.
		OperatorInvited { dam: DamId, operator: T::AccountId },
		/// An Operator was assigned to a DAM.
		OperatorAssigned { dam: DamId, operator: T::AccountId, role: OperatorRole },
		/// The gatekeeper removed an Operator or withdrew an invitation.
		OperatorRemoved { dam: DamId, operator: T::AccountId },
		/// The gatekeeper turned the delegator allow-list on or off.
		AllowListSet { dam: DamId, enabled: bool },
		/// The gatekeeper allowed a delegator.
		DelegatorAllowed { dam: DamId, delegator: T::AccountId },
		/// The gatekeeper removed a delegator from the allow-list.
		DelegatorDisallowed { dam: DamId, delegator: T::AccountId },
		/// A delegator deposited `amount`: `fee` went to the manager and `shares` were minted
		/// for the rest.
		Deposited {
			dam: DamId,
			delegator: T::AccountId,
			amount: BalanceOf<T>,
			fee: BalanceOf<T>,
			shares: SharesOf<T>,
		},
		/// A delegator burned `shares` for `amount`.
		Withdrawn { dam: DamId, delegator: T::AccountId, shares: SharesOf<T>, amount: BalanceOf<T> },
		/// A delegator queued `shares` for withdrawal; they can be claimed from `unlock_at`.
		WithdrawalRequested {
			dam: DamId,
			delegator: T::AccountId,
			shares: SharesOf<T>,
			unlock_at: BlockNumberFor<T>,
		},
		/// A delegator claimed its matured withdrawals: `shares` burned for `amount`. With
		/// penalties open, the claim is paid at the lowered rate and `owed_if_vetoed` is
		/// recorded: the delegator's part of those penalties, paid if they are vetoed or
		/// cancelled.
		WithdrawalClaimed {
			dam: DamId,
			delegator: T::AccountId,
			shares: SharesOf<T>,
			amount: BalanceOf<T>,
			owed_if_vetoed: BalanceOf<T>,
		},
		/// Governance swept what was sent to the DAM's account off its books to the treasury:
		/// `amount` of the DAM's asset and `native` of the native token.
		UnbookedSwept { dam: DamId, amount: BalanceOf<T>, native: BalanceOf<T> },
		/// A delegator who claimed during a penalty was paid its part of it after a veto or a
		/// cancellation.
		CompensationPaid { dam: DamId, delegator: T::AccountId, amount: BalanceOf<T> },
		/// Shares changed hands.
		SharesTransferred { dam: DamId, from: T::AccountId, to: T::AccountId, shares: SharesOf<T> },
		/// The catalyst asked to install a Network, run by `operator`.
		InstallationRequested { dam: DamId, network: NetworkId, operator: T::AccountId },
		/// A Network was uninstalled, or its request dropped.
		Uninstalled { dam: DamId, network: NetworkId },
		/// The catalyst committed `amount` of collateral to a Network.
		Committed { dam: DamId, network: NetworkId, amount: BalanceOf<T> },
		/// The catalyst allocated `amount` to a Network; it is locked in `vault` until
		/// `unlock_at`. A Liquidity allocation is a loan and stays on the books; a Growth
		/// allocation is a sale and lowers the exchange rate.
		Allocated {
			dam: DamId,
			network: NetworkId,
			amount: BalanceOf<T>,
			vault: VaultId,
			unlock_at: BlockNumberFor<T>,
		},
		/// A Growth DAM made its first allocation or license purchase and takes no more
		/// deposits; its shares can still be transferred if its receipt is transferable.
		DepositsClosed { dam: DamId },
		/// A penalty of `amount` for `network` left the DAM's books into dispute `vault`: the
		/// exchange rate fell for every share.
		Slashed { dam: DamId, network: NetworkId, amount: BalanceOf<T>, vault: VaultId },
		/// A vetoed or cancelled penalty came back: `amount` is back on the DAM's books, and
		/// `owed_to_claimers` waits for the holders who claimed their withdrawals meanwhile.
		SlashRestored { dam: DamId, amount: BalanceOf<T>, owed_to_claimers: BalanceOf<T> },
		/// The catalyst bought license `item` of a Network for `price` from the pooled funds:
		/// a sale, so the exchange rate falls; `operator` runs the licensed node.
		LicenseBought {
			dam: DamId,
			network: NetworkId,
			item: u32,
			operator: T::AccountId,
			price: BalanceOf<T>,
		},
		/// `amount` lent to a Network came back and is idle again.
		LoanReturned { dam: DamId, amount: BalanceOf<T> },
		/// `amount` lent to a defaulted Network left the books, lowering the exchange rate.
		/// `compensation` (native) from its return bond is owed to the shareholders of this
		/// moment, or went to the manager (`to_manager`) if there were none.
		LoanWrittenOff {
			dam: DamId,
			amount: BalanceOf<T>,
			compensation: BalanceOf<T>,
			to_manager: BalanceOf<T>,
		},
		/// A shareholder claimed its compensation from the recovery pool.
		RecoveryClaimed { dam: DamId, delegator: T::AccountId, amount: BalanceOf<T> },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No DAM has this id.
		DamNotFound,
		/// DAM ids are exhausted.
		DamIdOverflow,
		/// Only the DAM's manager may do this.
		NotManager,
		/// Only the DAM's gatekeeper may do this.
		NotGatekeeper,
		/// Only the DAM's catalyst may do this.
		NotCatalyst,
		/// The deposit asset is not whitelisted.
		AssetNotWhitelisted,
		/// The fee is above the protocol's `max_dam_fee`.
		FeeTooHigh,
		/// The DAM's fee is above the `max_fee` the delegator accepts.
		FeeAboveLimit,
		/// The fee was created immutable.
		FeeImmutable,
		/// The gatekeeper was created immutable.
		GatekeeperImmutable,
		/// The catalyst was created immutable.
		CatalystImmutable,
		/// The name is empty.
		EmptyName,
		/// The receipt symbol is empty.
		EmptyReceiptSymbol,
		/// A metadata field is longer than `StringLimit`.
		MetadataTooLong,
		/// The account is not a registered Operator.
		NotOperator,
		/// The Operator is already assigned to this DAM.
		AlreadyAssigned,
		/// The Operator is already invited to this DAM.
		AlreadyInvited,
		/// The Operator has no invitation to this DAM.
		NoInvitation,
		/// The Operator is neither assigned nor invited.
		NotAssigned,
		/// The DAM has `MaxOperatorsPerDam` Operators and open invitations.
		TooManyOperators,
		/// The allow-list holds `MaxAllowListLength` delegators.
		AllowListFull,
		/// The receiver would hold fewer than `MinimumShares` shares.
		BelowMinimumShares,
		/// The Operator still runs one of the DAM's installations.
		OperatorRunsInstallation,
		/// The independent Operator created the DAM and stays with it.
		IndependentOperator,
		/// A metadata field is not UTF-8 text free of control characters.
		InvalidText,
		/// The amount is zero.
		ZeroAmount,
		/// The deposit is too small to mint a single share.
		DepositTooSmall,
		/// The delegator cannot spend that much of the DAM's asset: `max_deposit` in the runtime
		/// API says how much it can (a native deposit keeps the existential deposit).
		InsufficientBalance,
		/// The shares are worth nothing at the current rate.
		WithdrawalTooSmall,
		/// The DAM tracks more reward tokens than the call's `reward_tokens` witness: send it
		/// again with the length of `Rewards.TrackedPrograms(dam)` or more.
		TokenWitnessTooLow,
		/// The delegator holds fewer shares than that.
		InsufficientShares,
		/// The DAM's idle assets cannot cover that withdrawal.
		InsufficientIdleAssets,
		/// The allow-list is on and the account is not on it.
		NotAllowed,
		/// The DAM's shares are not transferable.
		ReceiptNotTransferable,
		/// Shares cannot be sent to their owner.
		SelfTransfer,
		/// A Collateral DAM withdraws with `request_withdrawal` and `claim_withdrawal`.
		TwoStepWithdrawal,
		/// A penalty on the DAM is open: deposits wait until it is executed, vetoed or
		/// cancelled, at most `max_dispute_window + resolution_period` after its request.
		PenaltyPending,
		/// The Network has an open penalty on the DAM: it can be uninstalled once the penalty
		/// is executed, vetoed or cancelled.
		PenaltyOpen,
		/// A lowered commitment to the Network is still slashable: commit zero, then uninstall
		/// `commitment_delay` blocks later, or once the Network is over.
		CommitmentStillSlashable,
		/// Only a Collateral DAM queues withdrawals; withdraw atomically instead.
		AtomicWithdrawal,
		/// The delegator has `MaxPendingWithdrawals` withdrawals queued.
		TooManyPendingWithdrawals,
		/// No queued withdrawal has matured.
		NothingToClaim,
		/// The DAM has `MaxInstallationsPerDam` installations.
		TooManyInstallations,
		/// The Network is not installed, or requested, in this DAM.
		NotInstalled,
		/// Only a Collateral DAM commits collateral.
		NotCollateral,
		/// Only a Growth DAM buys node licenses.
		NotGrowth,
		/// A Collateral DAM commits collateral instead of allocating.
		CollateralCommits,
		/// The Growth DAM closed to deposits at its first allocation.
		DepositsClosed,
		/// The installation still has an allocation: a Liquidity loan must be repaid (or
		/// written off) and a Growth Network must be over.
		AllocationOutstanding,
		/// No open penalty of the DAM is held in this dispute vault.
		UnknownPenalty,
		/// The DAM's account holds nothing off its books.
		NothingToSweep,
		/// A Network this DAM lent to is past its repay grace with the loan unpaid: deposits
		/// and withdrawals wait until someone calls `Vaults.declare_default`, so that nobody
		/// enters or leaves at par on an impaired loan.
		LoanOverdue,
		/// An amount overflowed.
		Overflow,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			use polkadot_sdk::sp_runtime::traits::Zero;
			assert!(
				!T::VirtualShares::get().is_zero() && !T::VirtualAssets::get().is_zero(),
				"the exchange rate needs virtual shares and assets"
			);
			assert!(T::MaxInstallationsPerDam::get() > 0, "a DAM installs at least one Network");
			assert!(T::MaxOperatorsPerDam::get() > 0, "a DAM has room for an Operator");
			assert!(T::MaxPendingWithdrawals::get() > 0, "a delegator may queue a withdrawal");
			assert!(T::StringLimit::get() > 0, "metadata fields need room");
		}
		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Create a DAM. A deposit of `DamDepositBase + DepositPerByte × metadata bytes` in the
		/// native token is put on hold.
		///
		/// Emits `DamCreated`, and `OperatorAssigned` when the manager becomes the DAM's
		/// independent Operator.
		///
		/// origin: signed; the signer becomes the manager (and, with `independent_operator`,
		/// the DAM's Operator: it must then be a registered Operator).
		///
		/// - `config`: kind, deposit asset (whitelisted), fee (at most `max_dam_fee`),
		///   gatekeeper and catalyst (the manager if `None`), which of these may change later,
		///   whether shares are transferable, and whether the allow-list starts on.
		/// - `name`, `receipt_symbol`: not empty; with `url`, `logo` and `description` each at
		///   most `StringLimit` bytes.
		#[pallet::call_index(0)]
		pub fn create_dam(
			origin: OriginFor<T>,
			config: DamConfigOf<T>,
			name: Vec<u8>,
			receipt_symbol: Vec<u8>,
			url: Vec<u8>,
			logo: Vec<u8>,
			description: Vec<u8>,
		) -> DispatchResult {
			let manager = ensure_signed(origin)?;
			let metadata = Self::bound_metadata(name, receipt_symbol, url, logo, description)?;
			Self::do_create_dam(manager, config, metadata)?;
			Ok(())
		}

		/// Change the deposit fee. A lower fee applies at once; a higher one applies
		/// `fee_increase_delay` blocks later, so that no deposit already sent pays it.
		///
		/// Emits `FeeSet`, with the block the new fee applies from.
		///
		/// origin: signed by the manager; the fee must have been created mutable.
		///
		/// - `fee`: at most the protocol's `max_dam_fee`.
		#[pallet::call_index(1)]
		pub fn set_fee(origin: OriginFor<T>, dam: DamId, fee: Perbill) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_fee(who, dam, fee)
		}

		/// Change the gatekeeper.
		///
		/// Emits `GatekeeperSet`.
		///
		/// origin: signed by the manager; the gatekeeper must have been created mutable.
		#[pallet::call_index(2)]
		pub fn set_gatekeeper(
			origin: OriginFor<T>,
			dam: DamId,
			gatekeeper: AccountIdLookupOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let gatekeeper = T::Lookup::lookup(gatekeeper)?;
			Self::do_set_gatekeeper(who, dam, gatekeeper)
		}

		/// Change the catalyst.
		///
		/// Emits `CatalystSet`.
		///
		/// origin: signed by the manager; the catalyst must have been created mutable.
		#[pallet::call_index(3)]
		pub fn set_catalyst(
			origin: OriginFor<T>,
			dam: DamId,
			catalyst: AccountIdLookupOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let catalyst = T::Lookup::lookup(catalyst)?;
			Self::do_set_catalyst(who, dam, catalyst)
		}

		/// Invite a registered Operator to run the DAM's Networks as an affiliated Operator. Open
		/// invitations count against `MaxOperatorsPerDam`.
		///
		/// Emits `OperatorInvited`.
		///
		/// origin: signed by the gatekeeper.
		#[pallet::call_index(4)]
		pub fn invite_operator(
			origin: OriginFor<T>,
			dam: DamId,
			operator: AccountIdLookupOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let operator = T::Lookup::lookup(operator)?;
			Self::do_invite_operator(who, dam, operator)
		}

		/// Accept an invitation and become one of the DAM's Operators.
		///
		/// Emits `OperatorAssigned`.
		///
		/// origin: signed by the invited Operator.
		#[pallet::call_index(5)]
		pub fn accept_invite(origin: OriginFor<T>, dam: DamId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_accept_invite(who, dam)
		}

		/// Remove an affiliated Operator from the DAM, or withdraw its invitation. An Operator
		/// that runs one of the DAM's installations cannot be removed, nor can the independent
		/// Operator that created the DAM.
		///
		/// Emits `OperatorRemoved`, for a removed Operator and a withdrawn invitation alike.
		///
		/// origin: signed by the gatekeeper.
		#[pallet::call_index(6)]
		pub fn remove_operator(
			origin: OriginFor<T>,
			dam: DamId,
			operator: AccountIdLookupOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let operator = T::Lookup::lookup(operator)?;
			Self::do_remove_operator(who, dam, operator)
		}

		/// Deposit `amount` of the DAM's asset. The fee goes to the manager; the rest mints
		/// shares at the current exchange rate, rounded down. Deposits wait while a penalty
		/// on the DAM is open.
		///
		/// Emits `Deposited`.
		///
		/// origin: signed by the delegator (allow-listed, if the allow-list is on).
		///
		/// - `max_fee`: the highest fee the delegator accepts. The deposit fails with
		///   `FeeAboveLimit` if the DAM's fee is higher when it executes. A fee increase
		///   applies only `fee_increase_delay` blocks after the manager sets it.
		/// - `reward_tokens`: at least the number of reward tokens the DAM tracks when the call
		///   executes (the length of `Rewards.TrackedPrograms(dam)`); the call is charged for
		///   settling that many and fails with `TokenWitnessTooLow` if the DAM tracks more.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::deposit().saturating_add(T::ShareListeners::share_change_weight(*reward_tokens)))]
		pub fn deposit(
			origin: OriginFor<T>,
			dam: DamId,
			#[pallet::compact] amount: BalanceOf<T>,
			max_fee: Perbill,
			reward_tokens: u32,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::ensure_token_witness(dam, reward_tokens)?;
			Self::do_deposit(who, dam, amount, max_fee)?;
			Ok(Self::actual_weight(T::WeightInfo::deposit(), dam))
		}

		/// Burn `shares` of a Liquidity or Growth DAM for their value, paid at once from the
		/// DAM's idle assets.
		///
		/// Emits `Withdrawn`.
		///
		/// origin: signed by the delegator.
		///
		/// - `reward_tokens`: at least the number of reward tokens the DAM tracks when the call
		///   executes (the length of `Rewards.TrackedPrograms(dam)`); the call is charged for
		///   settling that many and fails with `TokenWitnessTooLow` if the DAM tracks more.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::withdraw().saturating_add(T::ShareListeners::share_change_weight(*reward_tokens)))]
		pub fn withdraw(
			origin: OriginFor<T>,
			dam: DamId,
			#[pallet::compact] shares: BalanceOf<T>,
			reward_tokens: u32,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::ensure_token_witness(dam, reward_tokens)?;
			Self::do_withdraw(who, dam, SharesOf::<T>::from(shares))?;
			Ok(Self::actual_weight(T::WeightInfo::withdraw(), dam))
		}

		/// Queue `shares` of a Collateral DAM for withdrawal. They stay slashable, earn no
		/// rewards, and can be claimed after the protocol's `withdrawal_delay`.
		///
		/// Emits `WithdrawalRequested`.
		///
		/// origin: signed by the delegator.
		///
		/// - `reward_tokens`: at least the number of reward tokens the DAM tracks when the call
		///   executes (the length of `Rewards.TrackedPrograms(dam)`); the call is charged for
		///   settling that many and fails with `TokenWitnessTooLow` if the DAM tracks more.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::request_withdrawal().saturating_add(T::ShareListeners::share_change_weight(*reward_tokens)))]
		pub fn request_withdrawal(
			origin: OriginFor<T>,
			dam: DamId,
			#[pallet::compact] shares: BalanceOf<T>,
			reward_tokens: u32,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::ensure_token_witness(dam, reward_tokens)?;
			Self::do_request_withdrawal(who, dam, SharesOf::<T>::from(shares))?;
			Ok(Self::actual_weight(T::WeightInfo::request_withdrawal(), dam))
		}

		/// Claim every matured queued withdrawal, at the current exchange rate. Claims are never
		/// frozen: with penalties open, the claim is paid at the lowered rate, and the
		/// delegator's part of those penalties is recorded and paid with
		/// `claim_compensation` if they are vetoed or cancelled.
		///
		/// Emits `WithdrawalClaimed`, and first `CompensationPaid` if, with penalties open, the
		/// delegator is also owed its part of a penalty vetoed or cancelled since an earlier claim.
		///
		/// origin: signed by the delegator.
		///
		/// - `reward_tokens`: at least the number of reward tokens the DAM tracks when the call
		///   executes (the length of `Rewards.TrackedPrograms(dam)`); the call is charged for
		///   settling that many and fails with `TokenWitnessTooLow` if the DAM tracks more.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::claim_withdrawal().saturating_add(T::ShareListeners::share_change_weight(*reward_tokens)))]
		pub fn claim_withdrawal(
			origin: OriginFor<T>,
			dam: DamId,
			reward_tokens: u32,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::ensure_token_witness(dam, reward_tokens)?;
			Self::do_claim_withdrawal(who, dam)?;
			Ok(Self::actual_weight(T::WeightInfo::claim_withdrawal(), dam))
		}

		/// Send `shares` to another account. Only for DAMs whose receipt is transferable; the
		/// receiver must be allow-listed if the allow-list is on, and hold at least
		/// `MinimumShares` afterwards.
		///
		/// Emits `SharesTransferred`.
		///
		/// origin: signed by the holder.
		///
		/// - `reward_tokens`: at least the number of reward tokens the DAM tracks when the call
		///   executes (the length of `Rewards.TrackedPrograms(dam)`); the call is charged for
		///   settling that many and fails with `TokenWitnessTooLow` if the DAM tracks more.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::transfer_shares().saturating_add(T::ShareListeners::share_change_weight(*reward_tokens)))]
		pub fn transfer_shares(
			origin: OriginFor<T>,
			dam: DamId,
			to: AccountIdLookupOf<T>,
			#[pallet::compact] shares: BalanceOf<T>,
			reward_tokens: u32,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::ensure_token_witness(dam, reward_tokens)?;
			let to = T::Lookup::lookup(to)?;
			Self::do_transfer_shares(who, dam, to, SharesOf::<T>::from(shares))?;
			Ok(Self::actual_weight(T::WeightInfo::transfer_shares(), dam))
		}

		/// Ask to install a live Network of the DAM's kind and asset, run by one of the DAM's
		/// Operators. The Network's manager confirms or refuses it in the marketplace.
		///
		/// Emits `InstallationRequested`.
		///
		/// origin: signed by the catalyst.
		#[pallet::call_index(12)]
		pub fn request_installation(
			origin: OriginFor<T>,
			dam: DamId,
			network: NetworkId,
			operator: AccountIdLookupOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let operator = T::Lookup::lookup(operator)?;
			Self::do_request_installation(who, dam, network, operator)
		}

		/// Uninstall a Network, or withdraw the request. A Liquidity or Growth installation must
		/// have no allocation left. A Collateral DAM leaves a live Network in two steps:
		/// `commit` zero, then uninstall `commitment_delay` blocks later, while the lowered
		/// commitment stays slashable; the Network must have no open penalty on the DAM.
		///
		/// Emits `Uninstalled`.
		///
		/// origin: signed by the catalyst.
		#[pallet::call_index(13)]
		pub fn uninstall(origin: OriginFor<T>, dam: DamId, network: NetworkId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_uninstall(who, dam, network)
		}

		/// Commit `amount` of a Collateral DAM's assets to an installed Network (zero ends the
		/// commitment). The same assets may back several Networks; each Network's rewards
		/// count `min(commitment, active stake)`. A higher commitment applies at once; a lower
		/// one applies to rewards at once and to penalties `commitment_delay` blocks later:
		/// until then the Network may still slash the highest recent commitment.
		///
		/// Emits `Committed`.
		///
		/// origin: signed by the catalyst.
		#[pallet::call_index(14)]
		pub fn commit(
			origin: OriginFor<T>,
			dam: DamId,
			network: NetworkId,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_commit(who, dam, network, amount)
		}

		/// Turn the delegator allow-list on or off.
		///
		/// Emits `AllowListSet`.
		///
		/// origin: signed by the gatekeeper.
		#[pallet::call_index(15)]
		pub fn set_allow_list(origin: OriginFor<T>, dam: DamId, enabled: bool) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_allow_list(who, dam, enabled)
		}

		/// Allow a delegator into the DAM; the allow-list holds at most `MaxAllowListLength`.
		///
		/// Emits `DelegatorAllowed`, also when the delegator was already allowed.
		///
		/// origin: signed by the gatekeeper.
		#[pallet::call_index(16)]
		pub fn allow_delegator(
			origin: OriginFor<T>,
			dam: DamId,
			delegator: AccountIdLookupOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let delegator = T::Lookup::lookup(delegator)?;
			Self::do_set_allowed(who, dam, delegator, true)
		}

		/// Remove a delegator from the allow-list. Its shares stay; it can no longer deposit or
		/// receive shares while the allow-list is on.
		///
		/// Emits `DelegatorDisallowed`, also when the delegator was not on the allow-list.
		///
		/// origin: signed by the gatekeeper.
		#[pallet::call_index(17)]
		pub fn disallow_delegator(
			origin: OriginFor<T>,
			dam: DamId,
			delegator: AccountIdLookupOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let delegator = T::Lookup::lookup(delegator)?;
			Self::do_set_allowed(who, dam, delegator, false)
		}

		/// Allocate `amount` of a Liquidity or Growth DAM's idle assets to an installed live
		/// Network. The assets move to a vault locked for the Network's `lock_period`.
		///
		/// - Liquidity: on release the vault pays the Network's safe, and the Network owes the
		///   DAM a loan. The loan stays on the DAM's books at face value, so the exchange rate
		///   does not move; only idle assets can be withdrawn meanwhile.
		/// - Growth: the assets are sold for the Network's rewards and leave the books, so the
		///   exchange rate falls now. The DAM takes no new deposits from its first allocation
		///   on, so that only the shares that paid for it share its rewards.
		///
		/// Emits `Allocated`, and `DepositsClosed` when it is a Growth DAM's first allocation or
		/// license purchase.
		///
		/// origin: signed by the catalyst.
		#[pallet::call_index(18)]
		pub fn allocate(
			origin: OriginFor<T>,
			dam: DamId,
			network: NetworkId,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_allocate(who, dam, network, amount)?;
			Ok(())
		}

		/// Claim the compensation owed from the DAM's recovery pool: the share of defaulted
		/// Networks' return bonds, in the native token, that the caller's shares earned.
		///
		/// Emits `RecoveryClaimed`.
		///
		/// origin: signed by the shareholder (or former shareholder).
		#[pallet::call_index(19)]
		pub fn claim_recovery(origin: OriginFor<T>, dam: DamId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_claim_recovery(who, dam)?;
			Ok(())
		}

		/// Buy the next node license of an installed Growth Network with the DAM's pooled
		/// funds. The price goes to the Network (a sale: the exchange rate falls, and the DAM
		/// takes no more deposits), the license NFT to the DAM's account, and the price adds
		/// to the installation's exposure, on which the DAM earns rewards. `operator`, one of
		/// the DAM's Operators, runs the licensed node.
		///
		/// Emits `LicenseBought`, and `DepositsClosed` when it is the DAM's first license purchase
		/// or allocation.
		///
		/// origin: signed by the catalyst.
		#[pallet::call_index(20)]
		pub fn buy_license(
			origin: OriginFor<T>,
			dam: DamId,
			network: NetworkId,
			operator: AccountIdLookupOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let operator = T::Lookup::lookup(operator)?;
			Self::do_buy_license(who, dam, network, operator)?;
			Ok(())
		}

		/// Collect what the caller is owed of penalties that were vetoed or cancelled after it
		/// claimed a withdrawal while they were open. Parts of executed penalties are dropped;
		/// parts of penalties still open stay recorded.
		///
		/// Emits `CompensationPaid`.
		///
		/// origin: signed by the delegator who claimed.
		#[pallet::call_index(21)]
		pub fn claim_compensation(origin: OriginFor<T>, dam: DamId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_claim_compensation(who, dam)?;
			Ok(())
		}

		/// Send what the DAM's account holds off its books to the treasury: assets donated to
		/// the account, and the rounding dust of past deposits and withdrawals. Donations never
		/// change the exchange rate, so without this they would be recoverable by nobody. What
		/// the DAM owes (its idle assets, its recovery and compensation pools) stays.
		///
		/// Emits `UnbookedSwept`.
		///
		/// origin: the governance origin.
		#[pallet::call_index(22)]
		pub fn sweep_unbooked(origin: OriginFor<T>, dam: DamId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_sweep_unbooked(dam)
		}
	}
}
