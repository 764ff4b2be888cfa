//! The exchange rate between a DAM's shares and its assets.
//!
//! Both conversions round down, so the DAM never pays out more than its shares are worth and
//! never mints more shares than a deposit buys.

use crate::{pallet::Config, types::*};
use polkadot_sdk::frame_support::traits::Get;
use polkadot_sdk::sp_arithmetic::{
	helpers_128bit::multiply_by_rational_with_rounding, traits::Saturating, Rounding,
};

/// `value × numerator / denominator`, rounded down; `None` only if the result overflows.
fn mul_div<T: Config>(
	value: BalanceOf<T>,
	numerator: BalanceOf<T>,
	denominator: BalanceOf<T>,
) -> Option<BalanceOf<T>> {
	let result = multiply_by_rational_with_rounding(
		value.into(),
		numerator.into(),
		denominator.into(),
		Rounding::Down,
	)?;
	BalanceOf::<T>::try_from(result).ok()
}

/// The DAM's book value: what its shares are backed by.
pub fn book_value<T: Config>(dam: &DamOf<T>) -> BalanceOf<T> {
	dam.idle
}

/// The shares `assets` buy now.
pub fn shares_for<T: Config>(dam: &DamOf<T>, assets: BalanceOf<T>) -> Option<BalanceOf<T>>
{
	mul_div::<T>(
		assets,
		dam.total_shares.saturating_add(T::VirtualShares::get()),
		book_value::<T>(dam).saturating_add(T::VirtualAssets::get()),
	)
}

/// What `shares` are worth now.
pub fn assets_for<T: Config>(dam: &DamOf<T>, shares: BalanceOf<T>) -> Option<BalanceOf<T>>
{
	mul_div::<T>(
		shares,
		book_value::<T>(dam).saturating_add(T::VirtualAssets::get()),
		dam.total_shares.saturating_add(T::VirtualShares::get()),
	)
}

/// The value of the shares that are not queued for withdrawal: what a Collateral DAM can
/// commit at most, effectively, to each Network.
pub fn active_stake<T: Config>(dam: &DamOf<T>) -> BalanceOf<T>
{
	assets_for::<T>(dam, dam.total_shares.saturating_sub(dam.pending_shares)).unwrap_or_default()
}
