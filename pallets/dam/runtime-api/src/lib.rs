//! `DamApi`: what clients such as Polkadot.js (`api.call.damApi.*`) ask the DAM pallet, so that
//! they need no storage decoding. The runtime fills in the records with the pallet's own types,
//! which metadata describes to clients.

#![cfg_attr(not(feature = "std"), no_std)]

use codec::Codec;
use nektar_primitives::DamId;

polkadot_sdk::sp_api::decl_runtime_apis! {
	/// What wallets and dashboards ask the DAM pallet: DAMs, delegator positions and quotes.
	pub trait DamApi<AccountId, Balance, DamDetails, Position, DepositQuote>
	where
		AccountId: Codec,
		Balance: Codec,
		DamDetails: Codec,
		Position: Codec,
		DepositQuote: Codec,
	{
		/// A DAM: its record, TVL, exchange rate, active stake, installations and what each
		/// Network may slash.
		fn dam(dam: DamId) -> Option<DamDetails>;

		/// A delegator's position in a DAM: shares, value, queued withdrawals and
		/// compensation.
		fn position(dam: DamId, delegator: AccountId) -> Option<Position>;

		/// The fee and the shares a deposit of `amount` would get now.
		fn quote_deposit(dam: DamId, amount: Balance) -> Option<DepositQuote>;

		/// The most `delegator` can deposit into a DAM now: its whole balance of an asset, or
		/// of the native token what it can spend and keep its account.
		fn max_deposit(dam: DamId, delegator: AccountId) -> Option<Balance>;

		/// What `shares` would pay out now.
		fn quote_withdrawal(dam: DamId, shares: Balance) -> Option<Balance>;
	}
}
