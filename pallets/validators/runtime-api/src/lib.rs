//! `ValidatorsApi`: what clients such as Polkadot.js (`api.call.validatorsApi.*`) ask the
//! validators pallet. The runtime fills in the record with the pallet's own types, which
//! metadata describes to clients.

#![cfg_attr(not(feature = "std"), no_std)]

use codec::Codec;

polkadot_sdk::sp_api::decl_runtime_apis! {
	/// What Operators and dashboards ask about the chain's validators.
	pub trait ValidatorsApi<ValidatorSetInfo>
	where
		ValidatorSetInfo: Codec,
	{
		/// The session and when it ends, the current and next validator sets with each
		/// validator's backing, and every candidate, ranked, with why it is in or out.
		fn validator_set() -> ValidatorSetInfo;
	}
}
