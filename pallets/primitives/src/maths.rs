//! The arithmetic the pallets share: `a × b / c` without an intermediate overflow, and the
//! per-share accumulator behind every pool that pays holders by their shares.

use polkadot_sdk::{
	sp_arithmetic::{
		helpers_128bit::multiply_by_rational_with_rounding,
		traits::{CheckedAdd, Saturating, Zero},
		FixedPointNumber, FixedU128, Rounding,
	},
	sp_core::{U256, U512},
};

/// `self × numerator / denominator`, computed without an intermediate overflow.
pub trait MulDiv: Sized {
	/// The result, rounded as asked; `None` if `denominator` is zero or the result does not
	/// fit.
	fn mul_div(self, numerator: Self, denominator: Self, rounding: Rounding) -> Option<Self>;
}

impl MulDiv for u128 {
	fn mul_div(self, numerator: u128, denominator: u128, rounding: Rounding) -> Option<u128> {
		if denominator == 0 {
			return None;
		}
		multiply_by_rational_with_rounding(self, numerator, denominator, rounding)
	}
}

impl MulDiv for U256 {
	fn mul_div(self, numerator: U256, denominator: U256, rounding: Rounding) -> Option<U256> {
		if denominator.is_zero() {
			return None;
		}
		let denominator = U512::from(denominator);
		let (quotient, remainder) = self.full_mul(numerator).div_mod(denominator);
		let twice = remainder.saturating_mul(U512::from(2u8));
		let up = match rounding {
			Rounding::Down => false,
			Rounding::Up => !remainder.is_zero(),
			Rounding::NearestPrefUp => twice >= denominator,
			Rounding::NearestPrefDown => twice > denominator,
		};
		let quotient = if up { quotient.checked_add(U512::one())? } else { quotient };
		U256::try_from(quotient).ok()
	}
}

/// A value per share that only grows: a pool pays each holder what its shares earned since
/// its checkpoint, without ever iterating over holders.
pub trait PerShare: Copy + PartialOrd {
	/// What an amount paid in, and what a holder earned, are counted in.
	type Amount: Copy + Zero;

	/// The value after `amount` was shared out by `shares`; `None` if there are no shares to
	/// share it or the value would overflow.
	fn accrue(self, amount: Self::Amount, shares: u128) -> Option<Self>;

	/// What `shares` earned as the value grew from `checkpoint` to `self`, rounded down.
	fn earned_since(self, checkpoint: Self, shares: u128) -> Self::Amount;

	/// What `shares` earned since `checkpoint`, which then moves up to `self`.
	fn settle(self, checkpoint: &mut Self, shares: u128) -> Self::Amount {
		let earned = self.earned_since(*checkpoint, shares);
		*checkpoint = self;
		earned
	}
}

/// Per share in whole units, to 18 decimals: the DAM's recovery pool.
impl PerShare for FixedU128 {
	type Amount = u128;

	fn accrue(self, amount: u128, shares: u128) -> Option<Self> {
		FixedU128::checked_from_rational(amount, shares)?.checked_add(&self)
	}

	fn earned_since(self, checkpoint: Self, shares: u128) -> u128 {
		self.saturating_sub(checkpoint).saturating_mul_int(shares)
	}
}

/// Per share in scaled units: the reward pools, whose amounts carry their own scale.
impl PerShare for U256 {
	type Amount = U256;

	fn accrue(self, amount: U256, shares: u128) -> Option<Self> {
		(shares != 0).then(|| self.saturating_add(amount / U256::from(shares)))
	}

	fn earned_since(self, checkpoint: Self, shares: u128) -> U256 {
		U256::from(shares).saturating_mul(self.saturating_sub(checkpoint))
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn mul_div_rounds_as_asked_and_never_overflows_in_between() {
		assert_eq!(7u128.mul_div(3, 2, Rounding::Down), Some(10));
		assert_eq!(7u128.mul_div(3, 2, Rounding::Up), Some(11));
		assert_eq!(u128::MAX.mul_div(u128::MAX, u128::MAX, Rounding::Down), Some(u128::MAX));
		assert_eq!(u128::MAX.mul_div(2, 1, Rounding::Down), None);
		assert_eq!(1u128.mul_div(1, 0, Rounding::Down), None);

		let u = U256::from;
		assert_eq!(u(7).mul_div(u(3), u(2), Rounding::Down), Some(u(10)));
		assert_eq!(u(7).mul_div(u(3), u(2), Rounding::Up), Some(u(11)));
		assert_eq!(u(5).mul_div(u(1), u(2), Rounding::NearestPrefDown), Some(u(2)));
		assert_eq!(u(5).mul_div(u(1), u(2), Rounding::NearestPrefUp), Some(u(3)));
		assert_eq!(u(7).mul_div(u(1), u(3), Rounding::NearestPrefUp), Some(u(2)));
		assert_eq!(U256::MAX.mul_div(U256::MAX, U256::MAX, Rounding::Up), Some(U256::MAX));
		assert_eq!(U256::MAX.mul_div(u(2), u(1), Rounding::Down), None);
		assert_eq!(u(1).mul_div(u(1), u(0), Rounding::Down), None);
	}

	#[test]
	fn holders_earn_by_their_shares_since_their_checkpoints() {
		// 300 paid in over 3 shares, then 100 over 4.
		let start = FixedU128::zero();
		let mut early = start;
		let later = start.accrue(300, 3).unwrap();
		let mut late = later;
		let now = later.accrue(100, 4).unwrap();
		assert_eq!(now.settle(&mut early, 3), 375);
		assert_eq!(early, now);
		assert_eq!(now.settle(&mut early, 3), 0, "settling twice pays nothing more");
		assert_eq!(now.earned_since(late, 1), 25);
		assert_eq!(now.settle(&mut late, 1), 25);
		assert_eq!(start.accrue(1, 0), None, "nothing is shared without shares");

		let mut checkpoint = U256::zero();
		let value = U256::zero().accrue(U256::from(1_000), 3).unwrap();
		assert_eq!(value.settle(&mut checkpoint, 3), U256::from(999), "rounded down");
		assert_eq!(U256::zero().accrue(U256::from(1), 0), None);
	}
}
