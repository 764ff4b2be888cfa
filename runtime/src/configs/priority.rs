//! The order in which the transaction pool offers transactions to a block: a transaction's tip
//! buys it a place, not its weight.
//!
//! `ChargeTransactionPayment`'s priority is the tip per unit of block space: `(tip + 1)` times
//! how many such transactions fit in a block. Without a tip, a lighter call therefore always
//! goes before a heavier one, and under a flood of transfers no deposit or claim is included
//! while any transfer waits, although every call already pays for its weight in its fee.
//!
//! [`FairPriority`] keeps the tip per block space for tipped transactions and gives every
//! untipped one of the normal class the same priority, zero, so that the pool takes them in
//! the order they arrived. A tip of any size still goes first, and operational transactions
//! keep their own priority. The wrapper is invisible to wallets: it encodes as, and carries
//! the identifier of, the extension it wraps.

use crate::*;
use codec::{Decode, DecodeWithMemTracking, Encode};
use frame_support::{
	dispatch::{DispatchClass, DispatchInfo, PostDispatchInfo},
	pallet_prelude::{TransactionSource, Weight},
};
use pallet_transaction_payment::ChargeTransactionPayment;
use scale_info::TypeInfo;
use sp_runtime::{
	traits::{
		DispatchInfoOf, DispatchOriginOf, Dispatchable, Implication, PostDispatchInfoOf,
		TransactionExtension, ValidateResult,
	},
	transaction_validity::TransactionValidityError,
	DispatchResult,
};

/// A fee-charging extension `S` whose untipped normal transactions all share one priority.
#[derive(Clone, Eq, PartialEq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct FairPriority<S>(pub S);

impl<S: core::fmt::Debug> core::fmt::Debug for FairPriority<S> {
	fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
		self.0.fmt(f)
	}
}

impl<S> From<S> for FairPriority<S> {
	fn from(inner: S) -> Self {
		Self(inner)
	}
}

/// The priority `ChargeTransactionPayment` gives a transaction of `info` and `len` bytes
/// without a tip.
fn untipped_priority(info: &DispatchInfo, len: usize) -> u64 {
	ChargeTransactionPayment::<Runtime>::get_priority(info, len, 0, 0)
}

impl<C, S> TransactionExtension<C> for FairPriority<S>
where
	C: Dispatchable<Info = DispatchInfo, PostInfo = PostDispatchInfo>,
	S: TransactionExtension<C>,
{
	const IDENTIFIER: &'static str = S::IDENTIFIER;
	type Implicit = S::Implicit;
	type Val = S::Val;
	type Pre = S::Pre;

	fn metadata() -> alloc::vec::Vec<sp_runtime::traits::TransactionExtensionMetadata> {
		S::metadata()
	}

	fn implicit(&self) -> Result<Self::Implicit, TransactionValidityError> {
		self.0.implicit()
	}

	fn weight(&self, call: &C) -> Weight {
		self.0.weight(call)
	}

	fn validate(
		&self,
		origin: DispatchOriginOf<C>,
		call: &C,
		info: &DispatchInfoOf<C>,
		len: usize,
		self_implicit: Self::Implicit,
		inherited_implication: &impl Implication,
		source: TransactionSource,
	) -> ValidateResult<Self::Val, C> {
		let (mut validity, val, origin) = self.0.validate(
			origin,
			call,
			info,
			len,
			self_implicit,
			inherited_implication,
			source,
		)?;
		if info.class == DispatchClass::Normal && validity.priority == untipped_priority(info, len)
		{
			validity.priority = 0;
		}
		Ok((validity, val, origin))
	}

	fn prepare(
		self,
		val: Self::Val,
		origin: &DispatchOriginOf<C>,
		call: &C,
		info: &DispatchInfoOf<C>,
		len: usize,
	) -> Result<Self::Pre, TransactionValidityError> {
		self.0.prepare(val, origin, call, info, len)
	}

	fn post_dispatch_details(
		pre: Self::Pre,
		info: &DispatchInfoOf<C>,
		post_info: &PostDispatchInfoOf<C>,
		len: usize,
		result: &DispatchResult,
	) -> Result<Weight, TransactionValidityError> {
		S::post_dispatch_details(pre, info, post_info, len, result)
	}
}
