//! Read-only views for the runtime API (`DamApi`): DAM details, positions and quotes.

use crate::{pallet::*, shares, types::*};
use alloc::vec::Vec;
use codec::{Decode, Encode};
use frame_support::traits::Get;
use nektar_primitives::{DamId, MarketplaceInspect, NetworkId};
use polkadot_sdk::sp_runtime::{
	traits::{Saturating, Zero},
	FixedPointNumber, FixedU128,
};
use polkadot_sdk::{frame_support, frame_system};
use scale_info::TypeInfo;

/// A DAM as a dashboard shows it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct DamDetails<AccountId, AssetKind, Balance, BlockNumber> {
	/// The DAM record.
	pub dam: DamInfo<AccountId, AssetKind, Balance, BlockNumber>,
	/// The fee a deposit pays now: a pending increase once its delay has passed, never above
	/// the protocol's `max_dam_fee`.
	pub fee_now: polkadot_sdk::sp_runtime::Perbill,
	/// The account that holds its assets.
	pub account: AccountId,
	/// Total value locked: its book value.
	pub tvl: Balance,
	/// The assets one share is worth.
	pub exchange_rate: FixedU128,
	/// The value of the shares not queued for withdrawal.
	pub active_stake: Balance,
	/// Each installation with its exposure.
	pub installations: Vec<InstallationExposure<Balance>>,
	/// For each Collateral installation, what its Network may slash now.
	pub slashable: Vec<SlashableExposure<Balance, BlockNumber>>,
	/// The value of every share, queued or not, before open penalties: the slashable stake.
	pub slashable_stake: Balance,
}

/// What one installation of a DAM carries.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct InstallationExposure<Balance> {
	/// The Network.
	pub network: NetworkId,
	/// The exposure: allocation or commitment.
	pub exposure: Balance,
	/// What it earns on: for Collateral, `min(commitment, active stake)`; else the exposure.
	pub effective: Balance,
}

/// What a Collateral Network may slash of a DAM now.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct SlashableExposure<Balance, BlockNumber> {
	/// The Network.
	pub network: NetworkId,
	/// `min(slashable commitment, slashable stake)`.
	pub amount: Balance,
	/// Until when a lowered commitment stays slashable at its former value, if one does.
	pub held_until: Option<BlockNumber>,
}

/// A queued withdrawal as a wallet shows it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct QueuedWithdrawal<Balance, BlockNumber> {
	/// The shares queued.
	pub shares: Balance,
	/// What they are worth now.
	pub value: Balance,
	/// When they can be claimed.
	pub unlock_at: BlockNumber,
}

/// A delegator's part of a penalty still open when it claimed a withdrawal.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct PendingCompensation<Balance> {
	/// The dispute vault that holds the penalty.
	pub vault: nektar_primitives::VaultId,
	/// What is paid if the penalty is vetoed or cancelled.
	pub amount: Balance,
}

/// What a deposit would get now.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct DepositQuote<Balance> {
	/// The fee the DAM's manager takes.
	pub fee: Balance,
	/// The shares minted for the rest.
	pub shares: Balance,
}

/// The [`DamDetails`] of this runtime.
pub type DamDetailsOf<T> = DamDetails<
	<T as frame_system::Config>::AccountId,
	<T as Config>::AssetKind,
	BalanceOf<T>,
	BlockNumberOf<T>,
>;

/// A delegator's position in a DAM.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct Position<Balance, BlockNumber> {
	/// The shares it holds.
	pub shares: Balance,
	/// What they are worth now.
	pub value: Balance,
	/// Its queued withdrawals.
	pub pending_withdrawals: Vec<QueuedWithdrawal<Balance, BlockNumber>>,
	/// The compensation from defaulted Networks it can claim, in the native token.
	pub recovery: Balance,
	/// What it can collect now with `claim_compensation`: its part of penalties vetoed or
	/// cancelled after it claimed a withdrawal while they were open.
	pub compensation: Balance,
	/// Its part of penalties still open when it claimed: paid if they are vetoed or
	/// cancelled.
	pub compensation_pending: Vec<PendingCompensation<Balance>>,
}

impl<T: Config> Pallet<T> {
	/// The details of a DAM.
	pub fn dam_details(id: DamId) -> Option<DamDetailsOf<T>> {
		let dam = Dams::<T>::get(id)?;
		let active = shares::active_stake::<T>(&dam);
		let slashable_stake = shares::slashable_stake::<T>(&dam);
		let slashable = match dam.kind {
			crate::NetworkKind::Collateral => DamInstallations::<T>::get(id)
				.into_iter()
				.filter_map(|network| {
					let installation = T::Marketplace::installation(network, id)?;
					Some(SlashableExposure {
						network,
						amount: installation.slashable_exposure.min(slashable_stake.0),
						held_until: installation.held_until,
					})
				})
				.collect(),
			_ => Vec::new(),
		};
		let installations = DamInstallations::<T>::get(id)
			.into_iter()
			.filter_map(|network| {
				let installation = T::Marketplace::installation(network, id)?;
				let effective = match dam.kind {
					crate::NetworkKind::Collateral => installation.exposure.min(active.0),
					_ => installation.exposure,
				};
				Some(InstallationExposure { network, exposure: installation.exposure, effective })
			})
			.collect();
		let tvl = shares::book_value::<T>(&dam).0;
		let rate_numerator: u128 = tvl.saturating_add(T::VirtualAssets::get()).into();
		let rate_denominator: u128 =
			dam.total_shares.0.saturating_add(T::VirtualShares::get()).into();
		Some(DamDetails {
			account: Self::dam_account(id),
			tvl,
			exchange_rate: FixedU128::checked_from_rational(rate_numerator, rate_denominator)
				.unwrap_or_default(),
			active_stake: active.0,
			installations,
			slashable,
			slashable_stake: slashable_stake.0,
			fee_now: Self::fee_now(&dam),
			dam,
		})
	}

	/// A delegator's position in a DAM.
	pub fn position(
		id: DamId,
		who: &T::AccountId,
	) -> Option<Position<BalanceOf<T>, BlockNumberOf<T>>> {
		let dam = Dams::<T>::get(id)?;
		let held = Shares::<T>::get(id, who);
		let value_of = |s| shares::assets_for::<T>(&dam, s).map_or_else(Zero::zero, |a| a.0);
		let entry = Recovery::<T>::get(id, who).unwrap_or_default();
		let recovery = entry.owed.saturating_add(Self::unsettled_recovery(&dam, &entry, held));
		let open = OpenSlashes::<T>::get(id);
		let (mut compensation, mut compensation_pending) = (BalanceOf::<T>::zero(), Vec::new());
		for (vault, owed) in Compensation::<T>::get(id, who) {
			if open.iter().any(|slash| slash.vault == vault) {
				compensation_pending.push(PendingCompensation { vault, amount: owed });
			} else {
				compensation.saturating_accrue(owed.min(CompensationPools::<T>::get(id, vault)));
			}
		}
		Some(Position {
			compensation,
			compensation_pending,
			recovery,
			shares: held.0,
			value: value_of(held),
			pending_withdrawals: PendingWithdrawals::<T>::get(id, who)
				.into_iter()
				.map(|w| QueuedWithdrawal {
					shares: w.shares.0,
					value: value_of(w.shares),
					unlock_at: w.unlock_at,
				})
				.collect(),
		})
	}

	/// The fee and shares a deposit of `amount` would get now, if it would succeed on the
	/// amounts alone.
	pub fn quote_deposit(id: DamId, amount: BalanceOf<T>) -> Option<DepositQuote<BalanceOf<T>>> {
		let (fee, shares) = Self::deposit_quote(&Dams::<T>::get(id)?, amount).ok()?;
		Some(DepositQuote { fee, shares: shares.0 })
	}

	/// What `shares` would pay out now.
	pub fn quote_withdrawal(id: DamId, shares: BalanceOf<T>) -> Option<BalanceOf<T>> {
		shares::assets_for::<T>(&Dams::<T>::get(id)?, SharesOf::<T>::from(shares))
			.map(|assets| assets.0)
	}
}
