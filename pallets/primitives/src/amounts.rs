//! Quantities that must not be mixed up: a DAM's shares and the assets they are worth.
//!
//! A share is not a unit of the asset. What it is worth is the DAM's exchange rate, which
//! rises with rewards and falls with penalties. Both are wrapped, so that passing one where
//! the other is meant does not compile, and converting between them goes through the
//! exchange rate. Each encodes exactly as the number it wraps, so clients see a plain
//! balance.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use polkadot_sdk::sp_arithmetic::traits::{CheckedAdd, CheckedSub, Saturating, Zero};
use scale_info::TypeInfo;

macro_rules! amount {
	($(#[$doc:meta])* $name:ident) => {
		$(#[$doc])*
		#[derive(
			Clone,
			Copy,
			Default,
			PartialEq,
			Eq,
			PartialOrd,
			Ord,
			Encode,
			Decode,
			DecodeWithMemTracking,
			MaxEncodedLen,
			TypeInfo,
			Debug,
		)]
		pub struct $name<B>(pub B);

		impl<B: Zero> $name<B> {
			/// None at all.
			pub fn zero() -> Self {
				Self(B::zero())
			}

			/// Whether this is none at all.
			pub fn is_zero(&self) -> bool {
				self.0.is_zero()
			}
		}

		impl<B: CheckedAdd + CheckedSub + Saturating + Copy> $name<B> {
			/// The sum, or `None` on overflow.
			pub fn checked_add(self, other: Self) -> Option<Self> {
				self.0.checked_add(&other.0).map(Self)
			}

			/// The difference, or `None` if `other` is larger.
			pub fn checked_sub(self, other: Self) -> Option<Self> {
				self.0.checked_sub(&other.0).map(Self)
			}

			/// The sum, at most the largest value.
			pub fn saturating_add(self, other: Self) -> Self {
				Self(self.0.saturating_add(other.0))
			}

			/// The difference, at least zero.
			pub fn saturating_sub(self, other: Self) -> Self {
				Self(self.0.saturating_sub(other.0))
			}

			/// Adds `other`, at most up to the largest value.
			pub fn saturating_accrue(&mut self, other: Self) {
				*self = self.saturating_add(other);
			}

			/// Takes `other` away, down to zero at least.
			pub fn saturating_reduce(&mut self, other: Self) {
				*self = self.saturating_sub(other);
			}
		}

		impl<B> $name<B> {
			/// The same quantity, in a wider number type.
			pub fn convert<C>(self) -> $name<C>
			where
				B: Into<C>,
			{
				$name(self.0.into())
			}
		}

		impl<B> From<B> for $name<B> {
			fn from(value: B) -> Self {
				Self(value)
			}
		}
	};
}

amount!(
	/// A quantity of one DAM's shares.
	Shares
);

amount!(
	/// A quantity of one DAM's deposit asset.
	Assets
);

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn amounts_encode_as_the_number_they_wrap() {
		assert_eq!(Shares(7u128).encode(), 7u128.encode());
		assert_eq!(Assets(7u128).encode(), 7u128.encode());
		assert_eq!(Shares::<u128>::decode(&mut &9u128.encode()[..]), Ok(Shares(9)));
		assert_eq!(Shares::<u128>::max_encoded_len(), u128::max_encoded_len());
	}

	#[test]
	fn amount_arithmetic_is_checked_or_saturating() {
		assert_eq!(Shares(2u128).checked_add(Shares(3)), Some(Shares(5)));
		assert_eq!(Shares(u128::MAX).checked_add(Shares(1)), None);
		assert_eq!(Shares(2u128).checked_sub(Shares(3)), None);
		assert_eq!(Shares(2u128).saturating_sub(Shares(3)), Shares::zero());
		assert_eq!(Assets(u128::MAX).saturating_add(Assets(1)), Assets(u128::MAX));
		assert!(Assets::<u128>::zero().is_zero());
	}
}
