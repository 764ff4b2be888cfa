//! `SlashingApi`: what clients such as Polkadot.js (`api.call.slashingApi.*`) ask the slashing
//! pallet, so that they need no storage decoding. The runtime fills in the records with the
//! pallet's own types, which metadata describes to clients.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;
use nektar_primitives::DamId;

polkadot_sdk::sp_api::decl_runtime_apis! {
	/// What wallets and dashboards ask the slashing pallet: penalties.
	pub trait SlashingApi<PenaltyInfo>
	where
		PenaltyInfo: Codec,
	{
		/// A DAM's open penalties, then its most recent resolved ones, each with its id.
		fn penalties(dam: DamId) -> Vec<PenaltyInfo>;
	}
}
