//! Read-only views for the runtime API: DAM details, positions and quotes.

use crate::{pallet::*, shares, types::*};
use alloc::vec::Vec;
use codec::{Decode, Encode};
use frame_support::traits::Get;
use nektar_primitives::{DamId, MarketplaceInterface, NetworkId};
use polkadot_sdk::frame_support;
use polkadot_sdk::sp_runtime::{
	traits::{Saturating, Zero},
	FixedPointNumber, FixedU128,
};
use scale_info::TypeInfo;

/// A DAM as a dashboard shows it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct DamDetails<AccountId, AssetKind, Balance> {
	/// The DAM record.
	pub dam: DamInfo<AccountId, AssetKind, Balance>,
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
}

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
}

impl<T: Config> Pallet<T> {
	/// The details of a DAM.
	pub fn dam_details(id: DamId) -> Option<DamDetails<T::AccountId, T::AssetKind, BalanceOf<T>>> {
		let dam = Dams::<T>::get(id)?;
		let active = shares::active_stake::<T>(&dam);
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
		Some(Position {
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
