//! The exchange rate between a DAM's shares and its assets.
//!
//! Both conversions round down, so the DAM never pays out more than its shares are worth and
//! never mints more shares than a deposit buys. The remainders are kept off the books (as
//! `dust`): a deposit adds to the book value only what its shares are worth, rounded down, and
//! a withdrawal takes from it what its shares were worth, rounded up. So rounding can only
//! lower the exchange rate, never raise it, and no holder gains from another's remainder.

use crate::{pallet::Config, types::*};
use nektar_primitives::{Assets, MulDiv, Shares};
use polkadot_sdk::frame_support::traits::{Defensive, Get};
use polkadot_sdk::sp_arithmetic::{
	traits::{CheckedAdd, CheckedSub, Saturating},
	Rounding,
};

/// `value × numerator / denominator`, rounded down; `None` only if the result overflows.
fn mul_div<T: Config>(
	value: BalanceOf<T>,
	numerator: BalanceOf<T>,
	denominator: BalanceOf<T>,
	rounding: Rounding,
) -> Option<BalanceOf<T>> {
	let result =
		Into::<u128>::into(value).mul_div(numerator.into(), denominator.into(), rounding)?;
	BalanceOf::<T>::try_from(result).ok()
}

/// The DAM's book value: what its shares are backed by. Liquidity lent to Networks stays on
/// the books at face value until it is repaid or written off.
pub fn book_value<T: Config>(dam: &DamOf<T>) -> AssetsOf<T> {
	Assets(dam.idle.saturating_add(dam.lent))
}

/// The shares `assets` buy now.
pub fn shares_for<T: Config>(dam: &DamOf<T>, assets: AssetsOf<T>) -> Option<SharesOf<T>> {
	mul_div::<T>(
		assets.0,
		dam.total_shares.0.saturating_add(T::VirtualShares::get()),
		book_value::<T>(dam).0.saturating_add(T::VirtualAssets::get()),
		Rounding::Down,
	)
	.map(Shares)
}

/// What `shares` are worth now, rounded down: what they pay out.
pub fn assets_for<T: Config>(dam: &DamOf<T>, shares: SharesOf<T>) -> Option<AssetsOf<T>> {
	value_of::<T>(dam, shares, Rounding::Down)
}

/// What `shares` are worth now, rounded as asked.
fn value_of<T: Config>(
	dam: &DamOf<T>,
	shares: SharesOf<T>,
	rounding: Rounding,
) -> Option<AssetsOf<T>> {
	mul_div::<T>(
		shares.0,
		book_value::<T>(dam).0.saturating_add(T::VirtualAssets::get()),
		dam.total_shares.0.saturating_add(T::VirtualShares::get()),
		rounding,
	)
	.map(Assets)
}

/// Adds a deposit of `net` assets for `minted` shares to the books: the shares' value, rounded
/// down, joins the book value and the remainder becomes dust.
pub fn book_deposit<T: Config>(
	dam: &mut DamOf<T>,
	net: AssetsOf<T>,
	minted: SharesOf<T>,
) -> Option<()> {
	let value = value_of::<T>(dam, minted, Rounding::Down)?.min(net);
	dam.idle = dam.idle.checked_add(&value.0)?;
	dam.dust = dam.dust.checked_add(&net.saturating_sub(value).0)?;
	dam.total_shares = dam.total_shares.checked_add(minted)?;
	Some(())
}

/// Takes `burned` shares paying out `paid` off the books: the shares' value, rounded up, leaves
/// the book value and what is not paid out becomes dust. Returns `None` on overflow.
pub fn book_withdrawal<T: Config>(
	dam: &mut DamOf<T>,
	burned: SharesOf<T>,
	paid: AssetsOf<T>,
) -> Option<()> {
	let value = value_of::<T>(dam, burned, Rounding::Up)?.min(Assets(dam.idle)).max(paid);
	dam.idle = dam.idle.checked_sub(&value.0)?;
	dam.dust = dam.dust.checked_add(&value.saturating_sub(paid).0)?;
	dam.total_shares = dam.total_shares.checked_sub(burned)?;
	Some(())
}

/// The value of the shares that are not queued for withdrawal: what a Collateral DAM can
/// commit at most, effectively, to each Network.
pub fn active_stake<T: Config>(dam: &DamOf<T>) -> AssetsOf<T> {
	assets_for::<T>(dam, dam.total_shares.saturating_sub(dam.pending_shares))
		.defensive_unwrap_or_default()
}

/// The value of every share, queued for withdrawal or not, before the open penalties lowered
/// it: what a Collateral DAM can be slashed at most. Queued shares stay slashable until they
/// are claimed.
pub fn slashable_stake<T: Config>(dam: &DamOf<T>) -> AssetsOf<T> {
	mul_div::<T>(
		dam.total_shares.0,
		book_value::<T>(dam)
			.0
			.saturating_add(dam.in_dispute)
			.saturating_add(T::VirtualAssets::get()),
		dam.total_shares.0.saturating_add(T::VirtualShares::get()),
		Rounding::Down,
	)
	.map(Assets)
	.defensive_unwrap_or_default()
}
