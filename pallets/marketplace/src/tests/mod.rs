//! Tests of the marketplace, one file per flow.

mod assets;
mod bad_input;
mod installations;
mod networks;
mod operators;
mod params;

use crate::{mock::*, *};
use frame_support::traits::fungible::NativeOrWithId;
pub use frame_support::traits::Get;
pub use polkadot_sdk::sp_runtime::{traits::Zero, FixedU128, Perbill};

/// Valid terms of each kind.
pub fn terms(kind: NetworkKind) -> NetworkTermsOf<Test> {
	let (lock_period, safe, penalty, return_bond) = match kind {
		NetworkKind::Liquidity => (Some(10), Some(SAFE), None, Some(500)),
		NetworkKind::Growth => (Some(10), None, None, None),
		NetworkKind::Collateral => (
			None,
			None,
			Some(PenaltyTerms {
				max_penalty: Perbill::from_percent(10),
				dispute_window: 3,
				resolver: Some(RESOLVER),
				destination: PenaltyDestination::Treasury,
			}),
			None,
		),
	};
	NetworkTerms {
		kind,
		deposit_asset: usd(),
		min_allocation: 100,
		amount_requested: 10_000,
		operators_requested: 3,
		duration: 50,
		lock_period,
		safe,
		reward_asset: NativeOrWithId::Native,
		delegator_rate: FixedU128::from_rational(1, 100),
		operator_rate: 10,
		operator_commission: Perbill::zero(),
		penalty,
		return_bond,
	}
}

/// Registers a Network of `kind` by [`MANAGER`] with the given terms and short metadata.
pub fn register(
	terms: NetworkTermsOf<Test>,
) -> Result<NetworkId, polkadot_sdk::sp_runtime::DispatchError> {
	let id = NextNetworkId::<Test>::get();
	Marketplace::register_network(
		RuntimeOrigin::signed(MANAGER),
		terms,
		b"Net".to_vec(),
		b"A network".to_vec(),
		b"https://n".to_vec(),
		b"rNET".to_vec(),
	)?;
	Ok(id)
}

/// Registers and whitelists a Network of `kind`.
pub fn live_network(kind: NetworkKind) -> NetworkId {
	let id = register(terms(kind)).unwrap();
	Marketplace::whitelist_network(RuntimeOrigin::root(), id).unwrap();
	id
}

/// The storage root now, to show that a failed call changed nothing.
pub fn state_root() -> Vec<u8> {
	polkadot_sdk::sp_io::storage::root(polkadot_sdk::sp_runtime::StateVersion::V1)
}
