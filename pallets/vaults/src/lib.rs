//! # Vaults pallet
//!
//! Time locks on the assets DAMs allocate to Networks, and what happens when they open.
//!
//! ## Vaults
//!
//! `Dam::allocate` moves assets from a DAM's account into a vault locked for the Network's
//! `lock_period`. From `unlock_at`, anyone may `release` it:
//!
//! - **Liquidity.** The assets go to the Network's `safe` (normally a `pallet-multisig`
//!   account), and the Network owes the DAM a loan of that amount. The loan stays on the DAM's
//!   books, so its exchange rate does not move. The safe `repay`s, in part or in full, and the
//!   assets are idle in the DAM again. A vault that opens after its Network ended or defaulted
//!   goes back to the DAM instead: lending to a Network that is over would only open a loan
//!   already due.
//! - **Growth.** The vault opens for the Network's manager, who takes the assets with
//!   `withdraw_released`. They never return: the DAM's delegators are paid in rewards.
//! - **Dispute.** Holds a penalty under dispute; the slashing pallet decides where it goes.
//!
//! ## Default protection
//!
//! A Liquidity Network puts a return bond on hold when it registers. Once it has ended and
//! `repay_grace` blocks have passed, anyone may `declare_default` while part of a loan is
//! unpaid. Each loan is then written off the DAM's books (its exchange rate falls), the whole
//! bond is paid to the DAMs owed in proportion to what each is owed, and the Network is marked
//! Defaulted. Each DAM's share of the bond is owed to its shareholders of that moment, who
//! claim it with `Dam::claim_recovery`. A Network that owes nothing once it has ended gets
//! its bond back with `release_bond` (or with the repayment that settles its debt).
//!
//! ## Invariants
//!
//! Checked by `try_state`, after every unit test of this pallet (which runs against doubles of
//! the marketplace and the DAM pallet), and after every test of `nektar-integration-tests`,
//! whose test runtime includes this pallet and exercises every vault flow through
//! `Dam::allocate`:
//! - the vaults' account holds, for every asset, at least what the vaults hold;
//! - each Network's debt adds up its loans and its locked Liquidity vaults;
//! - each DAM's `lent` equals its locked Liquidity vaults plus its loans;
//! - each DAM's loan ends list exactly the Networks that owe it, at their ends.
//!
//! ## Layout
//!
//! This file declares the pallet. The logic lives in [`dispatchables`], [`interface`] (what
//! the DAM pallet calls), [`queries`] (the runtime API) and [`invariants`].

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
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use nektar_primitives::{
	DamId, DamProvider, InstallationLedger, MarketplaceInspect, NetworkId, ReturnBonds, VaultId,
	VaultKind,
};
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

use polkadot_sdk::{frame_support, frame_system};

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{pallet_prelude::*, traits::fungibles, PalletId};
	use frame_system::pallet_prelude::*;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the vaults pallet.
	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config {
		/// The balance of the native token and of every asset.
		type Balance: frame_support::traits::tokens::Balance + Into<u128> + TryFrom<u128>;

		/// An asset: the native token or a `pallet-assets` asset.
		type AssetKind: Parameter + Member + MaxEncodedLen + Ord;

		/// All fungible assets; vaults hold and move them through it.
		type Assets: fungibles::Mutate<
			Self::AccountId,
			AssetId = Self::AssetKind,
			Balance = BalanceOf<Self>,
		>;

		/// The marketplace: Networks and their terms, the exposures that loans carry, and
		/// return bonds.
		type Marketplace: InstallationLedger<
				AccountId = Self::AccountId,
				AssetKind = Self::AssetKind,
				Balance = BalanceOf<Self>,
				BlockNumber = BlockNumberFor<Self>,
			> + ReturnBonds;

		/// The DAMs' books.
		type Dams: DamProvider<AccountId = Self::AccountId, Balance = BalanceOf<Self>>;

		/// Derives the account that holds every vault's assets.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// The most DAMs one Network may owe at once: at least the most installations a
		/// Network may have.
		#[pallet::constant]
		type MaxCreditors: Get<u32>;

		/// The most Networks one DAM may lend to at once: at least the most installations a
		/// DAM may have.
		#[pallet::constant]
		type MaxLoansPerDam: Get<u32>;

		/// The weights of the calls.
		type WeightInfo: WeightInfo;
	}

	/// The id the next vault gets.
	#[pallet::storage]
	pub type NextVaultId<T: Config> = StorageValue<_, VaultId, ValueQuery>;

	/// Every vault that still holds assets.
	#[pallet::storage]
	pub type Vaults<T: Config> = StorageMap<_, Blake2_128Concat, VaultId, VaultOf<T>>;

	/// The vaults of each Network.
	#[pallet::storage]
	pub type NetworkVaults<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, NetworkId, Blake2_128Concat, VaultId, ()>;

	/// What each Liquidity Network owes each DAM: released to its safe and not yet repaid.
	#[pallet::storage]
	pub type Loans<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, NetworkId, Blake2_128Concat, DamId, BalanceOf<T>>;

	/// The Networks that owe each DAM a loan, each with the block it ends at (the loan falls
	/// due `repay_grace` blocks later), so that a DAM checks for an overdue loan in one read.
	/// Exactly the DAMs and Networks of [`Loans`].
	#[pallet::storage]
	pub type LoanEnds<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		DamId,
		BoundedVec<(NetworkId, BlockNumberFor<T>), T::MaxLoansPerDam>,
		ValueQuery,
	>;

	/// Each Liquidity Network's debt, in total.
	#[pallet::storage]
	pub type Debts<T: Config> =
		StorageMap<_, Blake2_128Concat, NetworkId, Debt<BalanceOf<T>>, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A DAM's `amount` was locked in `vault` for a Network until `unlock_at`.
		VaultLocked {
			vault: VaultId,
			kind: VaultKind,
			dam: DamId,
			network: NetworkId,
			asset: T::AssetKind,
			amount: BalanceOf<T>,
			unlock_at: BlockNumberFor<T>,
		},
		/// A Liquidity vault paid the Network's safe: the Network now owes the DAM `amount`
		/// more, `loan` in all.
		LoanOpened {
			vault: VaultId,
			network: NetworkId,
			dam: DamId,
			safe: T::AccountId,
			amount: BalanceOf<T>,
			loan: BalanceOf<T>,
		},
		/// A Liquidity vault opened after its Network was over and went back to the DAM.
		VaultReturned { vault: VaultId, network: NetworkId, dam: DamId, amount: BalanceOf<T> },
		/// A Growth vault opened; the Network's manager may withdraw it.
		VaultReleased { vault: VaultId, network: NetworkId, dam: DamId, amount: BalanceOf<T> },
		/// The Network's manager took a released Growth vault.
		ReleasedWithdrawn {
			vault: VaultId,
			network: NetworkId,
			manager: T::AccountId,
			amount: BalanceOf<T>,
		},
		/// `payer` repaid `amount` of a Network's loan from a DAM; `remaining` is still owed.
		Repaid {
			network: NetworkId,
			dam: DamId,
			payer: T::AccountId,
			amount: BalanceOf<T>,
			remaining: BalanceOf<T>,
		},
		/// A defaulted Network's loan from a DAM was written off; `compensation` of the return
		/// bond went to the DAM.
		LoanWrittenOff {
			network: NetworkId,
			dam: DamId,
			amount: BalanceOf<T>,
			compensation: BalanceOf<T>,
		},
		/// The slashing pallet resolved the penalty in a dispute vault: `amount` went to `to`,
		/// the DAM (veto, cancellation) or the penalty's destination (execution).
		DisputeVaultOpened {
			vault: VaultId,
			network: NetworkId,
			dam: DamId,
			to: T::AccountId,
			amount: BalanceOf<T>,
		},
		/// A Liquidity Network defaulted: `written_off` in all was lost and `bond_paid` of its
		/// return bond went to the DAMs it owed.
		NetworkDefaulted { network: NetworkId, written_off: BalanceOf<T>, bond_paid: BalanceOf<T> },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No vault has this id (or it has been emptied).
		VaultNotFound,
		/// Vault ids are exhausted.
		VaultIdOverflow,
		/// The vault is locked until its `unlock_at`.
		VaultLocked,
		/// The vault was already released.
		AlreadyReleased,
		/// The Growth vault has not been released yet.
		NotReleased,
		/// Only Growth vaults are withdrawn by the Network's manager.
		NotGrowthVault,
		/// A dispute vault opens through the slashing pallet.
		DisputeVault,
		/// Only the Network's manager may do this.
		NotNetworkManager,
		/// No Network has this id.
		NetworkNotFound,
		/// Only a Liquidity Network borrows.
		NotLiquidity,
		/// The amount is zero.
		ZeroAmount,
		/// The Network owes this DAM nothing.
		NoLoan,
		/// The repayment is larger than what the Network owes the DAM.
		RepayExceedsDebt,
		/// The Network defaulted: its loans were written off.
		NetworkDefaulted,
		/// The Network was already declared in default.
		AlreadyDefaulted,
		/// The Network has not ended (call `Marketplace::end_network` once its duration has
		/// passed).
		NetworkNotEnded,
		/// `repay_grace` blocks have not passed since the Network's duration ended.
		DefaultTooEarly,
		/// The Network owes nothing.
		NothingOwed,
		/// The Network still owes, or has Liquidity vaults locked.
		DebtOutstanding,
		/// The Network has no bond on hold.
		NoBond,
		/// The Network owes `MaxCreditors` DAMs already.
		TooManyCreditors,
		/// The DAM is owed by `MaxLoansPerDam` Networks already.
		TooManyLoans,
		/// The Network has not gone live.
		NetworkNotLive,
		/// Only a dispute vault holds a penalty.
		NotDisputeVault,
		/// An amount overflowed.
		Overflow,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxCreditors::get() > 0, "a Network may owe at least one DAM");
		}
		#[cfg(feature = "try-runtime")]
		fn try_state(
			_: BlockNumberFor<T>,
		) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Open a vault whose lock has passed. A Liquidity vault pays the Network's safe and
		/// opens a loan (or goes back to the DAM if the Network is over); a Growth vault becomes
		/// withdrawable by the Network's manager.
		///
		/// Emits `LoanOpened` when a Liquidity vault pays the Network's safe, `VaultReturned` when
		/// it goes back to the DAM, or `VaultReleased` for a Growth vault.
		///
		/// origin: signed by anyone.
		#[pallet::call_index(0)]
		// Charged the heavier of its two branches: opening a loan, or returning to the DAM.
		#[pallet::weight(T::WeightInfo::release().max(T::WeightInfo::release_to_dam()))]
		pub fn release(origin: OriginFor<T>, vault: VaultId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_release(vault)
		}

		/// Take the assets of a released Growth vault.
		///
		/// Emits `ReleasedWithdrawn`.
		///
		/// origin: signed by the Network's manager.
		#[pallet::call_index(1)]
		pub fn withdraw_released(origin: OriginFor<T>, vault: VaultId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw_released(who, vault)
		}

		/// Repay `amount` of what a Liquidity Network owes a DAM, from the caller's account
		/// (normally the Network's safe, through `Multisig::as_multi`). The assets are idle in
		/// the DAM again. A repayment that clears the debt of an ended Network also releases
		/// its return bond.
		///
		/// Emits `Repaid`, and the marketplace's `BondReleased` when the repayment releases the
		/// return bond.
		///
		/// origin: signed by the payer.
		#[pallet::call_index(2)]
		pub fn repay(
			origin: OriginFor<T>,
			network: NetworkId,
			dam: DamId,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_repay(who, network, dam, amount)
		}

		/// Declare that an ended Liquidity Network defaulted: `repay_grace` blocks after its
		/// duration, part of a loan is unpaid. Every loan is written off its DAM's books, and
		/// the return bond is paid to the DAMs in proportion to what each was owed.
		///
		/// Emits `LoanWrittenOff` for each DAM the Network owed, then `NetworkDefaulted`.
		///
		/// origin: signed by anyone.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::declare_default(T::MaxCreditors::get()))]
		pub fn declare_default(
			origin: OriginFor<T>,
			network: NetworkId,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			let creditors = Self::do_declare_default(network)?;
			Ok(Some(T::WeightInfo::declare_default(creditors)).into())
		}

		/// Release the return bond of an ended Liquidity Network that owes nothing and has no
		/// Liquidity vault locked.
		///
		/// Emits no event of its own; the marketplace emits `BondReleased`.
		///
		/// origin: signed by anyone.
		#[pallet::call_index(4)]
		pub fn release_bond(origin: OriginFor<T>, network: NetworkId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_release_bond(network)
		}
	}
}
