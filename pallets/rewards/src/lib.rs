//! # Rewards pallet
//!
//! Reward programs for live Networks, paid as synthetic tokens.
//!
//! ## Programs
//!
//! When governance whitelists a Network, the Network gets its **primary** reward program, under
//! the Network's id, from its registration terms. Its manager may add **incentive programs** in
//! other whitelisted assets with `add_incentive_program`, while the Network is pending or live,
//! up to `MaxProgramsPerNetwork` programs in all; their ids start at
//! [`FIRST_INCENTIVE_PROGRAM`], which no Network id reaches. Programs are never removed, and
//! their rates never change. Each program has:
//! - an **escrow**, a keyless account that holds the program's reward asset;
//! - a **synthetic reward token**, a `pallet-assets` asset this pallet creates, named after the
//!   Network (and the asset, for an incentive program). The Network's manager pays its
//!   metadata deposit and the escrow's existential deposit;
//! - its own rates, budget and accumulators, and the Network's `operator_commission`.
//!
//! Anyone may `fund_rewards` a program once its Network is live. What is funded is the
//! program's budget. The Network never issues tokens or holds custody of rewards. Once the
//! Network's duration ends, nothing more accrues: its manager may `reclaim_budget`, the part of
//! a budget that never accrued. Funding is a contribution to the Network's program, so what it
//! leaves over goes to the Network.
//!
//! A DAM earns in every program of the Networks it installed: an installation request tracks
//! them all, and a program added later is joined at the installation's next change, or by
//! anyone with `join_program`.
//!
//! ## Accrual
//!
//! Rewards accrue from the Network's terms while it is live and before its duration ends:
//! - delegators: `delegator_rate` per unit of exposure per day, to the DAM's shareholders, less
//!   the Network's `operator_commission`, which goes to the installation's Operator;
//! - operators: `operator_rate` per installation per day, to the installation's Operator;
//! - both scaled by the installation's reported performance. A day is `blocks_per_day`.
//!
//! Accrual is lazy and O(1) in the number of delegators (see [`accrual`]): a program
//! accumulator, an installation checkpoint, a per-DAM reward per share for each token, and a
//! holder checkpoint. Deposits, withdrawals, share transfers, commitments, allocations and
//! performance reports settle what they touch before they change it. Shares queued for
//! withdrawal earn nothing. Accrual never exceeds the budget: when the budget runs out,
//! accrual stops (`EscrowDry`) and resumes when the program is funded again.
//!
//! A Growth DAM spends what it allocates or pays for licenses, and its holders may take back
//! the idle rest at any time, burning shares. So a Growth Network's rewards are shared by
//! what each holder paid into the DAM's spends on that Network ([`Spent`],
//! [`Contributions`]), not by shares held: at each spend, a holder's weight grows by the
//! spend times its part of the shares. Two more accumulators keep that O(1) in holders (see
//! [`Spending`]). A share transfer moves the same fraction of the sender's weight.
//!
//! ## Claims
//!
//! - `claim_rewards` mints a delegator's synthetic tokens, for any subset of a DAM's tokens.
//! - `claim_operator_rewards` mints an installation's Operator rewards.
//! - `redeem` burns synthetic tokens and pays the same amount of the reward asset from the
//!   escrow.
//!
//! The synthetic tokens are ordinary `pallet-assets` tokens: holders may transfer them or
//! pool them before they redeem.
//!
//! ## Node licensing
//!
//! The manager of a live Growth Network may `open_license_sale`: a supply of licenses at a
//! price in the deposit asset, minted as NFTs of a `pallet-nfts` collection that the Network's
//! escrow owns, so that only this pallet mints. A Growth DAM's catalyst buys one with
//! `Dam::buy_license`: the price goes from the DAM's pooled funds to the Network (a Growth
//! sale), the NFT goes to the DAM's account, and the license names the DAM Operator that runs
//! the node. The price adds to the installation's exposure, so the DAM earns on it.
//!
//! The Network reports each licensed node's performance with `report_license_performance`:
//! the score scales what that license's price earns from then on. The installation's own
//! score (`Marketplace::report_performance`) scales the rest of its exposure and its
//! Operator's rewards.
//!
//! ## Limits
//!
//! A DAM tracks at most `MaxRewardTokens` tokens, one per program; a DAM whose list has no room
//! for all of a Network's programs cannot install it. A token stays tracked after its Network is uninstalled once it
//! earned the DAM anything, because every change of shares must settle it while it may still
//! earn. Once its program ends, nothing more accrues and the DAM's reward per share in it is
//! final ([`Retirement`]): `retire_token`, open to anyone, syncs the installation one last
//! time, then each holder with earning shares is booked once against that final value, by
//! `retire_token` (at most `MaxBookings` holders a call), by its own share changes or by its
//! claims. When every earning share is booked, the token leaves the list (`TokenRetired`) and
//! frees its slot. Its holders keep what they are owed: `claim_rewards` still pays it, and the
//! runtime API still shows it.
//!
//! ## Invariants
//!
//! Checked by `try_state`, and after every test of `nektar-integration-tests`, whose test runtime
//! includes this pallet:
//! - each escrow holds at least its token's supply, plus what accrued and is not minted, plus
//!   the budget;
//! - what is owed in a token, as settled, is at most what accrued;
//! - each program's weighted exposure and performance are the sums of its stakes';
//! - each installation's licensed exposure is the sum of its licenses' prices, and of each
//!   price scaled by its license's performance;
//! - a retiring token is tracked, and its shares left to book are exactly the earning shares
//!   of the holders not yet booked.
//!
//! ## Layout
//!
//! This file declares the pallet. The logic lives in [`accrual`], [`dispatchables`],
//! [`listeners`] (what the marketplace and the DAM pallet report, after each change),
//! [`licensing`], [`queries`] (the runtime API) and [`invariants`]. Its unit tests run it
//! against doubles of the marketplace, the DAM pallet and the license NFTs.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod accrual;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod dispatchables;
mod invariants;
mod licensing;
mod listeners;
pub mod migrations;
#[cfg(test)]
mod mock;
pub mod queries;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use licensing::LicenseNfts;
pub use nektar_primitives::{DamId, DamProvider, MarketplaceInspect, NetworkId};
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

use polkadot_sdk::{frame_support, frame_system};

/// The most delegators the `claim_rewards` benchmark measures a DAM with. Its weight does not
/// grow with delegators; claims are charged at this end of the range all the same.
pub const MEASURED_DELEGATORS: u32 = 10_000;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{fungible, fungibles, tokens::Balance as BalanceT},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use polkadot_sdk::{
		sp_core::U256,
		sp_runtime::{
			traits::{Convert, StaticLookup},
			Permill,
		},
	};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(5);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the rewards pallet.
	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config {
		/// The balance of the native token and of every asset.
		type Balance: BalanceT + Into<u128> + TryFrom<u128>;

		/// An asset: the native token or a `pallet-assets` asset.
		type AssetKind: Parameter + Member + MaxEncodedLen + Ord;

		/// All fungible assets; escrows hold reward assets through it.
		type Assets: fungibles::Mutate<
			Self::AccountId,
			AssetId = Self::AssetKind,
			Balance = BalanceOf<Self>,
		>;

		/// The native token: pays the synthetic tokens' deposits.
		type Currency: fungible::Mutate<Self::AccountId, Balance = BalanceOf<Self>>;

		/// The id of a synthetic token.
		type TokenId: Parameter + Member + MaxEncodedLen + Clone;

		/// Where synthetic tokens live (`pallet-assets`).
		type SyntheticAssets: fungibles::Create<Self::AccountId, AssetId = Self::TokenId, Balance = BalanceOf<Self>>
			+ fungibles::Mutate<Self::AccountId>
			+ fungibles::metadata::Mutate<Self::AccountId>
			+ fungibles::metadata::MetadataDeposit<BalanceOf<Self>>;

		/// The synthetic token id of each program. The runtime reserves these ids, so that no
		/// one else can create them first.
		type TokenIdOf: Convert<ProgramId, Self::TokenId>;

		/// The symbol of an asset's metadata: an incentive program's token is named after it.
		type Symbol: Convert<Self::AssetKind, alloc::vec::Vec<u8>>;

		/// The decimals of a reward asset; its synthetic token has the same.
		type Decimals: Convert<Self::AssetKind, u8>;

		/// The longest synthetic token name or symbol `SyntheticAssets` accepts, in bytes.
		#[pallet::constant]
		type TokenStringLimit: Get<u32>;

		/// The marketplace: Networks, their terms and installations.
		type Marketplace: MarketplaceInspect<
			AccountId = Self::AccountId,
			AssetKind = Self::AssetKind,
			Balance = BalanceOf<Self>,
			BlockNumber = BlockNumberFor<Self>,
		>;

		/// The DAMs' shares and exposures.
		type Dams: DamProvider<AccountId = Self::AccountId, Balance = BalanceOf<Self>>;

		/// Derives each Network's escrow account.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// Where license NFTs live.
		type LicenseNfts: LicenseNfts<Self::AccountId, BalanceOf<Self>>;

		/// The largest license supply one Network may sell, and the most licenses one DAM
		/// may hold.
		#[pallet::constant]
		type MaxLicenses: Get<u32>;

		/// The most reward tokens one DAM tracks.
		#[pallet::constant]
		type MaxRewardTokens: Get<u32>;

		/// The most reward programs one Network has, its primary program included.
		#[pallet::constant]
		type MaxProgramsPerNetwork: Get<u32>;

		/// The most holders one `retire_token` books.
		#[pallet::constant]
		type MaxBookings: Get<u32>;

		/// The most DAMs one `claim_all_rewards` claims from.
		#[pallet::constant]
		type MaxClaimDams: Get<u32>;

		/// The weights of the calls.
		type WeightInfo: WeightInfo;
	}

	/// Every reward program: each Network's primary program, under the Network's id, and the
	/// incentive programs its manager added, from [`FIRST_INCENTIVE_PROGRAM`] up.
	#[pallet::storage]
	pub type Programs<T: Config> = StorageMap<_, Blake2_128Concat, ProgramId, ProgramOf<T>>;

	/// The reward programs of each Network, its primary program first.
	#[pallet::storage]
	pub type NetworkPrograms<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		NetworkId,
		BoundedVec<ProgramId, T::MaxProgramsPerNetwork>,
		ValueQuery,
	>;

	/// How many incentive programs were added: the next one takes
	/// `FIRST_INCENTIVE_PROGRAM + NextIncentiveProgram`.
	#[pallet::storage]
	pub type NextIncentiveProgram<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// What each DAM keeps for each program's token: its installation's stake in the program,
	/// its reward per share, a Growth DAM's spending on the Network, and the token's retirement
	/// once the program ended: (DAM, program). A change of shares reads and writes one record
	/// per token.
	#[pallet::storage]
	pub type DamRewards<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		DamId,
		Blake2_128Concat,
		ProgramId,
		DamRewardOf<T>,
		ValueQuery,
	>;

	/// Operator rewards an installation's former Operator earned and had not claimed when the
	/// DAM gave the installation to another Operator: (program, DAM, former Operator), scaled.
	#[pallet::storage]
	pub type FormerOperatorRewards<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Blake2_128Concat, ProgramId>,
			NMapKey<Blake2_128Concat, DamId>,
			NMapKey<Blake2_128Concat, T::AccountId>,
		),
		U256,
		ValueQuery,
	>;

	/// The programs whose tokens each DAM's holders earn or may be owed.
	#[pallet::storage]
	pub type TrackedPrograms<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		DamId,
		BoundedVec<ProgramId, T::MaxRewardTokens>,
		ValueQuery,
	>;

	/// What each holder of a DAM's shares earned in each token: (DAM, program, holder).
	#[pallet::storage]
	pub type Holdings<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Blake2_128Concat, DamId>,
			NMapKey<Blake2_128Concat, ProgramId>,
			NMapKey<Blake2_128Concat, T::AccountId>,
		),
		Holding,
	>;

	/// What each holder of a Growth DAM paid into its spends, for each program: (DAM, program,
	/// holder).
	#[pallet::storage]
	pub type Contributions<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Blake2_128Concat, DamId>,
			NMapKey<Blake2_128Concat, ProgramId>,
			NMapKey<Blake2_128Concat, T::AccountId>,
		),
		Contribution,
	>;

	/// Each Growth Network's license sale.
	#[pallet::storage]
	pub type LicenseSales<T: Config> = StorageMap<_, Blake2_128Concat, NetworkId, LicenseSaleOf<T>>;

	/// Each license sold: (Network, item).
	#[pallet::storage]
	pub type Licenses<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, NetworkId, Blake2_128Concat, u32, LicenseOf<T>>;

	/// The licensed part of each installation's exposure: (Network, DAM).
	#[pallet::storage]
	pub type LicensedExposure<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		NetworkId,
		Blake2_128Concat,
		DamId,
		Licensed<BalanceOf<T>>,
		ValueQuery,
	>;

	/// The licenses each DAM holds: (Network, item).
	#[pallet::storage]
	pub type DamLicenses<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		DamId,
		BoundedVec<(NetworkId, u32), T::MaxLicenses>,
		ValueQuery,
	>;

	/// Who may claim each delegator's rewards. Only delegators who let others claim are
	/// listed; the rest are `Permissioned`.
	#[pallet::storage]
	pub type ClaimPermissions<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, ClaimPermission, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A reward program of `network` was set up, with its escrow and synthetic token: its
		/// primary program when it went live, or an incentive program its manager added.
		ProgramCreated {
			network: NetworkId,
			program: ProgramId,
			token: T::TokenId,
			escrow: T::AccountId,
			reward_asset: T::AssetKind,
		},
		/// `funder` added `amount` to a program's budget, now `budget`.
		RewardsFunded {
			program: ProgramId,
			funder: T::AccountId,
			amount: BalanceOf<T>,
			budget: BalanceOf<T>,
		},
		/// A program's budget ran out at block `at`: accrual stops until it is funded again.
		EscrowDry { program: ProgramId, at: BlockNumberFor<T> },
		/// A delegator claimed `amount` of a program's synthetic token from its shares of a DAM.
		RewardsClaimed {
			dam: DamId,
			program: ProgramId,
			delegator: T::AccountId,
			token: T::TokenId,
			amount: BalanceOf<T>,
		},
		/// An Operator claimed `amount` of a program's synthetic token for an installation.
		OperatorRewardsClaimed {
			program: ProgramId,
			dam: DamId,
			operator: T::AccountId,
			token: T::TokenId,
			amount: BalanceOf<T>,
		},
		/// A Growth Network opened a sale of `supply` licenses at `price` each, as items of
		/// `collection`.
		LicenseSaleOpened {
			network: NetworkId,
			collection: <T::LicenseNfts as LicenseNfts<T::AccountId, BalanceOf<T>>>::CollectionId,
			price: BalanceOf<T>,
			supply: u32,
			transferable: bool,
		},
		/// A DAM bought license `item` of a Network for `price`, run by `operator`.
		LicenseSold {
			network: NetworkId,
			item: u32,
			dam: DamId,
			operator: T::AccountId,
			price: BalanceOf<T>,
		},
		/// The Network's duration ended and its manager took back `amount` of a program's budget
		/// that no longer accrues.
		BudgetReclaimed { program: ProgramId, manager: T::AccountId, amount: BalanceOf<T> },
		/// The Network reported the performance of license `item`, held by `dam`.
		LicensePerformanceReported { network: NetworkId, item: u32, dam: DamId, score: Permill },
		/// `program` ended and the DAM's holders are being booked against its final reward per
		/// share: `unbooked` earning shares are left.
		TokenRetiring { dam: DamId, program: ProgramId, unbooked: u128 },
		/// Every earning share of the DAM is booked in the token of `program`: the token left
		/// the DAM's list. Its holders claim what they are owed as before.
		TokenRetired { dam: DamId, program: ProgramId },
		/// `who` burned `amount` of a synthetic token and received as much of the reward asset.
		Redeemed {
			program: ProgramId,
			who: T::AccountId,
			token: T::TokenId,
			amount: BalanceOf<T>,
			asset: T::AssetKind,
		},
		/// `delegator` chose who may claim its rewards.
		ClaimPermissionSet { delegator: T::AccountId, permission: ClaimPermission },
		/// `dam`, installed in the Network of `program` before the program was added, earns in
		/// it from now on.
		ProgramJoined { program: ProgramId, dam: DamId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No Network has this id.
		NetworkNotFound,
		/// No reward program has this id (a Network's primary program exists once it is live).
		NoProgram,
		/// The Network already has a reward program.
		ProgramExists,
		/// The Network's synthetic token id is already taken.
		TokenIdTaken,
		/// The Network's manager cannot pay the synthetic token's deposit.
		CannotPayTokenDeposit,
		/// The Network's duration is over: nothing more accrues.
		ProgramEnded,
		/// The Network's duration is not over: its budget may still accrue.
		ProgramRunning,
		/// The program has no budget left that the escrow can pay back.
		NothingToReclaim,
		/// The amount is zero.
		ZeroAmount,
		/// The DAM does not earn this Network's token.
		NotRewardToken,
		/// The DAM already tracks `MaxRewardTokens` tokens.
		TooManyRewardTokens,
		/// The DAM does not track this Network's token.
		NotTracked,
		/// There is nothing to claim.
		NothingToClaim,
		/// The installation has no reward record.
		NoStake,
		/// Only the installation's Operator, or a former one with rewards left to claim, may
		/// claim its operator rewards.
		NotStakeOperator,
		/// The caller holds fewer synthetic tokens than it asked to redeem.
		InsufficientTokens,
		/// Only the Network's manager may do this.
		NotNetworkManager,
		/// Only a Growth Network sells licenses.
		NotGrowth,
		/// The Network is not live.
		NetworkNotLive,
		/// The Network already has a license sale.
		SaleExists,
		/// The supply is zero or above `MaxLicenses`.
		InvalidSupply,
		/// The Network sells no licenses.
		NoLicenseSale,
		/// Every license of the sale is sold.
		SoldOut,
		/// The DAM holds `MaxLicenses` licenses already.
		TooManyLicenses,
		/// The Network sold no license with this item.
		LicenseNotFound,
		/// The delegator does not let others claim its rewards (its claim permission is
		/// `Permissioned`).
		ClaimNotPermitted,
		/// The claim permission is already the one asked for.
		ClaimPermissionUnchanged,
		/// An amount overflowed.
		Overflow,
		/// The Network has `MaxProgramsPerNetwork` programs already.
		TooManyPrograms,
		/// Program ids are exhausted, or the Network's id is too high for a primary program.
		ProgramIdsExhausted,
		/// Programs are added only while the Network is pending or live.
		NetworkClosed,
		/// The asset is not whitelisted.
		AssetNotWhitelisted,
		/// Neither reward rate is above zero.
		ZeroRewardRates,
		/// The DAM tracks this program already.
		AlreadyJoined,
		/// The DAM has no installation of the program's Network.
		NotInstalled,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxRewardTokens::get() > 0, "a DAM tracks at least one reward token");
			assert!(
				T::MaxProgramsPerNetwork::get() > 0
					&& T::MaxProgramsPerNetwork::get() <= T::MaxRewardTokens::get(),
				"a Network has a primary program, and a DAM has room for all of a Network's"
			);
			assert!(T::MaxBookings::get() > 0, "retire_token books at least one holder");
			assert!(T::MaxClaimDams::get() > 0, "claim_all_rewards claims at least one DAM");
			assert!(T::MaxLicenses::get() > 0, "a license sale offers at least one license");
			assert!(T::TokenStringLimit::get() > 0, "synthetic token names need room");
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
		/// Add `amount` of a program's reward asset to its budget, from the caller's account
		/// into the program's escrow. Accrual resumes if the budget had run out.
		///
		/// Emits `RewardsFunded`, and first `EscrowDry` if bringing accrual up to now shows that
		/// the budget ran out before this funding.
		///
		/// origin: signed by anyone.
		#[pallet::call_index(0)]
		pub fn fund_rewards(
			origin: OriginFor<T>,
			program: ProgramId,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_fund_rewards(who, program, amount)
		}

		/// Mint the synthetic tokens the caller earned from its shares of `dam`, in each of
		/// `programs` (any subset of the DAM's reward tokens; a Network's primary program has
		/// the Network's id).
		///
		/// Emits `RewardsClaimed` for each program whose token paid the delegator something.
		/// Bringing accrual up to now emits `EscrowDry` for a program whose budget runs out, and
		/// booking the delegator emits `TokenRetired` if it was the last earning share of a
		/// retiring token.
		///
		/// origin: signed by the delegator.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::claim_rewards(programs.len() as u32, MEASURED_DELEGATORS)
			.max(T::WeightInfo::claim_rewards_growth(programs.len() as u32)))]
		pub fn claim_rewards(
			origin: OriginFor<T>,
			dam: DamId,
			programs: BoundedVec<ProgramId, T::MaxRewardTokens>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_claim_rewards(who, dam, programs.into_inner()).map(|_| ())
		}

		/// Mint the Operator rewards the installation of `program`'s Network into `dam` earned
		/// in `program`.
		///
		/// Emits `OperatorRewardsClaimed`, and `EscrowDry` if the program's budget runs out as
		/// accrual is brought up to now.
		///
		/// origin: signed by the installation's Operator.
		#[pallet::call_index(2)]
		pub fn claim_operator_rewards(
			origin: OriginFor<T>,
			program: ProgramId,
			dam: DamId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_claim_operator_rewards(who, program, dam).map(|_| ())
		}

		/// Burn `amount` of a program's synthetic token and receive as much of its reward asset
		/// from the program's escrow.
		///
		/// Emits `Redeemed`.
		///
		/// origin: signed by the holder.
		#[pallet::call_index(3)]
		pub fn redeem(
			origin: OriginFor<T>,
			program: ProgramId,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_redeem(who, program, amount)
		}

		/// Open a sale of node licenses for a live Growth Network: `supply` licenses at `price`
		/// each in the Network's deposit asset, minted as NFTs of a new collection that this
		/// pallet controls. `transferable` says whether a license NFT may change hands. The
		/// manager pays the collection's deposits. Growth DAMs buy with `Dam::buy_license`.
		///
		/// Emits `LicenseSaleOpened`.
		///
		/// origin: signed by the Network's manager.
		#[pallet::call_index(4)]
		pub fn open_license_sale(
			origin: OriginFor<T>,
			network: NetworkId,
			#[pallet::compact] price: BalanceOf<T>,
			supply: u32,
			transferable: bool,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_open_license_sale(who, network, price, supply, transferable)
		}

		/// Take back the budget of a program whose Network's duration has ended: what was
		/// funded and never accrued goes from the escrow to the Network's manager. What accrued stays in
		/// the escrow, so every claim and redemption is still paid in full.
		///
		/// Emits `BudgetReclaimed`.
		///
		/// origin: signed by the Network's manager.
		#[pallet::call_index(5)]
		pub fn reclaim_budget(origin: OriginFor<T>, program: ProgramId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_reclaim_budget(who, program).map(|_| ())
		}

		/// Report the performance of one licensed node. The score scales what the license's
		/// price earns the DAM's delegators from now on; the rest of the installation's
		/// exposure follows the installation's own score (`Marketplace::report_performance`),
		/// which also scales its Operator's rewards.
		///
		/// Emits `LicensePerformanceReported`, and `EscrowDry` if the program's budget runs out as
		/// accrual is brought up to now.
		///
		/// origin: signed by the Network's manager.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::report_license_performance()
			.saturating_add(Pallet::<T>::further_programs_weight()))]
		pub fn report_license_performance(
			origin: OriginFor<T>,
			network: NetworkId,
			item: u32,
			score: Permill,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_report_license_performance(who, network, item, score)
		}

		/// Take the token of `program`, which ended, off `dam`'s list of tracked tokens, so
		/// that the DAM may earn in new programs' tokens.
		///
		/// The first call syncs the installation one last time: nothing accrues after the
		/// program's end, so the DAM's reward per share is final. Each of `holders` with
		/// earning shares is then booked against it; share changes and claims book the
		/// holders they touch. Once every earning share is booked, the token leaves the list
		/// (`TokenRetired`). Nothing is paid to the caller, and every holder keeps what it is
		/// owed, to claim with `claim_rewards` as before.
		///
		/// Emits `TokenRetiring` when the retirement starts, and `TokenRetired` once every earning
		/// share is booked: at once if no holder has anything to book. The last sync emits
		/// `EscrowDry` if the budget ran out before the program's end.
		///
		/// origin: signed by anyone.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::retire_token(holders.len() as u32))]
		pub fn retire_token(
			origin: OriginFor<T>,
			dam: DamId,
			program: ProgramId,
			holders: BoundedVec<T::AccountId, T::MaxBookings>,
		) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_retire_token(dam, program, holders.into_inner())
		}

		/// Choose who may claim the caller's rewards: only the caller (`Permissioned`, the
		/// default) or anyone (`PermissionlessClaim`), with `claim_rewards_for`. Whoever
		/// claims, the tokens are minted to the caller of this call, the delegator.
		///
		/// Emits `ClaimPermissionSet`.
		///
		/// origin: signed by the delegator.
		#[pallet::call_index(8)]
		pub fn set_claim_permission(
			origin: OriginFor<T>,
			permission: ClaimPermission,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_claim_permission(who, permission)
		}

		/// Mint the synthetic tokens `delegator` earned from its shares of `dam`, in each of
		/// `programs`, to `delegator`: as `claim_rewards`, but the caller need not be the
		/// delegator. Nothing is paid to the caller.
		///
		/// Emits `RewardsClaimed` for each program whose token paid the delegator something,
		/// with the same `EscrowDry` and `TokenRetired` as `claim_rewards`.
		///
		/// origin: signed by the delegator, or by anyone if the delegator's claim permission
		/// is `PermissionlessClaim`.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::claim_rewards_for(programs.len() as u32)
			.max(T::WeightInfo::claim_rewards_growth(programs.len() as u32)
				.saturating_add(T::DbWeight::get().reads(1)))
			.saturating_add(Pallet::<T>::large_dam_surcharge(1)))]
		pub fn claim_rewards_for(
			origin: OriginFor<T>,
			dam: DamId,
			delegator: AccountIdLookupOf<T>,
			programs: BoundedVec<ProgramId, T::MaxRewardTokens>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let delegator = T::Lookup::lookup(delegator)?;
			Self::ensure_may_claim_for(&who, &delegator)?;
			Self::do_claim_rewards(delegator, dam, programs.into_inner()).map(|_| ())
		}

		/// Mint everything the caller earned from its shares of each of `dams`, in every token
		/// the DAM tracks. A token already retired from a DAM's list is claimed with
		/// `claim_rewards`. Charged for `MaxRewardTokens` tokens in each DAM, and refunded to
		/// the tokens the DAMs track.
		///
		/// Emits `RewardsClaimed` for each DAM and program whose token paid the delegator
		/// something, with the same `EscrowDry` and `TokenRetired` as `claim_rewards`.
		///
		/// origin: signed by the delegator.
		#[pallet::call_index(10)]
		#[pallet::weight(Pallet::<T>::claim_all_weight(
			dams.len() as u32,
			(dams.len() as u32).saturating_mul(T::MaxRewardTokens::get()),
		))]
		pub fn claim_all_rewards(
			origin: OriginFor<T>,
			dams: BoundedVec<DamId, T::MaxClaimDams>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let (claimed, tokens) = Self::do_claim_all_rewards(who, dams.into_inner())?;
			Ok(Some(Self::claim_all_weight(claimed, tokens)).into())
		}

		/// Add an incentive program to a pending or live Network: rewards in `reward_asset` (a
		/// whitelisted asset) at `rates`, on top of the primary program and alongside the
		/// others, up to `MaxProgramsPerNetwork` in all. It has its own escrow, budget and
		/// synthetic token, named after the Network and the asset; the manager pays the token's
		/// metadata deposit and the escrow's existential deposit. Its rates never change, and
		/// the Network's `operator_commission` applies to it. It accrues from now, or from when
		/// the Network goes live, and ends with the Network. Fund it with `fund_rewards`.
		///
		/// Installations requested from now on earn in it at once; those before join it at
		/// their next change, or with `join_program`.
		///
		/// Emits `ProgramCreated`.
		///
		/// origin: signed by the Network's manager.
		#[pallet::call_index(11)]
		pub fn add_incentive_program(
			origin: OriginFor<T>,
			network: NetworkId,
			reward_asset: T::AssetKind,
			rates: RatesOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_add_incentive_program(who, network, reward_asset, rates).map(|_| ())
		}

		/// Let `dam`, installed in the Network of `program` before the program was added, earn
		/// in it from now on: its token goes on the DAM's list.
		///
		/// Emits `ProgramJoined`.
		///
		/// origin: signed by anyone.
		#[pallet::call_index(12)]
		pub fn join_program(
			origin: OriginFor<T>,
			program: ProgramId,
			dam: DamId,
		) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_join_program(program, dam)
		}
	}
}
