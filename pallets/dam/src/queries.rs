//! Read-only views for the runtime API: DAM details, positions and quotes.

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
	/// Each installation: the Network, its exposure (allocation or commitment) and its
	/// effective exposure (for Collateral, `min(commitment, active stake)`).
	pub installations: Vec<(NetworkId, Balance, Balance)>,
	/// For each Collateral installation, what its Network may slash now: the Network, the
	/// slashable exposure (`min(slashable commitment, slashable stake)`), and until when a
	/// lowered commitment stays slashable at its former value, if one does.
	pub slashable: Vec<(NetworkId, Balance, Option<BlockNumber>)>,
	/// The value of every share, queued or not, before open penalties: the slashable stake.
	pub slashable_stake: Balance,
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
	/// Its queued withdrawals: shares, their value now, and when they can be claimed.
	pub pending_withdrawals: Vec<(Balance, Balance, BlockNumber)>,
	/// The compensation from defaulted Networks it can claim, in the native token.
	pub recovery: Balance,
	/// What it can collect now with `claim_compensation`: its part of penalties vetoed or
	/// cancelled after it claimed a withdrawal while they were open.
	pub compensation: Balance,
	/// Its part of penalties still open when it claimed: paid if they are vetoed or
	/// cancelled, each with its dispute vault.
	pub compensation_pending: Vec<(nektar_primitives::VaultId, Balance)>,
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
					Some((
						network,
						installation.slashable_exposure.min(slashable_stake),
						installation.held_until,
					))
				})
				.collect(),
			_ => Vec::new(),
		};
		let installations = DamInstallations::<T>::get(id)
			.into_iter()
			.filter_map(|network| {
				let installation = T::Marketplace::installation(network, id)?;
				let effective = match dam.kind {
					crate::NetworkKind::Collateral => installation.exposure.min(active),
					_ => installation.exposure,
				};
				Some((network, installation.exposure, effective))
			})
			.collect();
		let tvl = shares::book_value::<T>(&dam);
		let rate_numerator: u128 = tvl.saturating_add(T::VirtualAssets::get()).into();
		let rate_denominator: u128 =
			dam.total_shares.saturating_add(T::VirtualShares::get()).into();
		Some(DamDetails {
			account: Self::dam_account(id),
			tvl,
			exchange_rate: FixedU128::checked_from_rational(rate_numerator, rate_denominator)
				.unwrap_or_default(),
			active_stake: active,
			installations,
			slashable,
			slashable_stake,
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
		let value_of = |s| shares::assets_for::<T>(&dam, s).unwrap_or_else(Zero::zero);
		let entry = Recovery::<T>::get(id, who).unwrap_or_default();
		let unsettled = dam
			.recovery_per_share
			.saturating_sub(entry.checkpoint)
			.saturating_mul_int(Into::<u128>::into(held));
		let recovery = entry
			.owed
			.saturating_add(BalanceOf::<T>::try_from(unsettled).unwrap_or_else(|_| Zero::zero()));
		let open = OpenSlashes::<T>::get(id);
		let (mut compensation, mut compensation_pending) = (BalanceOf::<T>::zero(), Vec::new());
		for (vault, owed) in Compensation::<T>::get(id, who) {
			if open.iter().any(|slash| slash.vault == vault) {
				compensation_pending.push((vault, owed));
			} else {
				compensation.saturating_accrue(owed.min(CompensationPools::<T>::get(id, vault)));
			}
		}
		Some(Position {
			compensation,
			compensation_pending,
			recovery,
			shares: held,
			value: value_of(held),
			pending_withdrawals: PendingWithdrawals::<T>::get(id, who)
				.into_iter()
				.map(|w| (w.shares, value_of(w.shares), w.unlock_at))
				.collect(),
		})
	}

	/// The fee and shares a deposit of `amount` would get now, if it would succeed on the
	/// amounts alone.
	pub fn quote_deposit(id: DamId, amount: BalanceOf<T>) -> Option<(BalanceOf<T>, BalanceOf<T>)> {
		Self::deposit_quote(&Dams::<T>::get(id)?, amount).ok()
	}

	/// What `shares` would pay out now.
	pub fn quote_withdrawal(id: DamId, amount: BalanceOf<T>) -> Option<BalanceOf<T>> {
		shares::assets_for::<T>(&Dams::<T>::get(id)?, amount)
	}
}
