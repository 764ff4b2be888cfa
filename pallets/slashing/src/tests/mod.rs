//! Tests of the slashing pallet against doubles of the marketplace, the DAM pallet and the
//! vaults, one file per flow.

mod cancel;
mod dispute;
mod execute;
mod history;
mod invariants;
mod request;
mod resolve;

use crate::{mock::*, *};
pub use frame_support::{assert_noop, assert_ok};
pub use nektar_primitives::{NetworkKind, NetworkStatus, ProtocolParams, VaultKind};
pub use polkadot_sdk::sp_runtime::{DispatchError, DispatchResult, Perbill, TokenError};

/// The Operator of a second installation of the DAM.
pub const SECOND_OPERATOR: AccountId = 9;
/// What the DAM of [`penalisable`] holds.
pub const STAKE: Balance = 2_000;
/// What the DAM of [`penalisable`] commits to its Network.
pub const COMMITMENT: Balance = 1_000;

pub fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

/// The penalty terms of the test Networks: at most 10% of the slashable exposure, a 3-block
/// dispute window, [`RESOLVER`] resolving, the treasury taking executed penalties.
pub fn terms() -> TestTerms {
	TestTerms {
		max_penalty: Perbill::from_percent(10),
		dispute_window: 3,
		resolver: Some(RESOLVER),
		safe: None,
	}
}

/// A live Collateral Network of [`NET_MANAGER`] with penalty terms `terms`.
pub fn network_with(terms: TestTerms) -> NetworkId {
	MockMarketplace::add_network(
		MockMarketplace::view(NET_MANAGER, NetworkKind::Collateral),
		Some(terms),
	)
}

/// A Collateral DAM of [`DAM_MANAGER`] taking USD, with a deposit of `stake` by
/// [`DELEGATOR`].
pub fn dam_with(stake: Balance) -> DamId {
	let dam = MockDams::create(NetworkKind::Collateral, DAM_MANAGER, usd());
	assert_ok!(MockDams::deposit(dam, DELEGATOR, stake));
	dam
}

/// Installs `network` into `dam`, run by `operator`, and commits `commitment` to it.
pub fn install(network: NetworkId, dam: DamId, operator: AccountId, commitment: Balance) {
	MockMarketplace::request_installation(network, dam, operator);
	MockMarketplace::confirm(network, dam);
	MockMarketplace::set_commitment(network, dam, commitment);
}

/// A live Collateral Network with [`terms`], and a DAM holding [`STAKE`] that commits
/// [`COMMITMENT`] to it, run by [`OPERATOR`]: penalties of 1 to 100 are in bounds.
pub fn penalisable() -> (NetworkId, DamId) {
	let network = network_with(terms());
	let dam = dam_with(STAKE);
	install(network, dam, OPERATOR, COMMITMENT);
	(network, dam)
}

/// Another live Collateral Network with [`terms`], installed into `dam` with [`COMMITMENT`].
pub fn another_network(dam: DamId) -> NetworkId {
	let network = network_with(terms());
	install(network, dam, OPERATOR, COMMITMENT);
	network
}

/// Requests a penalty of `amount` from `dam` as [`NET_MANAGER`]; returns its id.
pub fn request(network: NetworkId, dam: DamId, amount: Balance) -> PenaltyId {
	let id = NextPenaltyId::<Test>::get();
	assert_ok!(Slashing::request_penalty(
		signed(NET_MANAGER),
		network,
		dam,
		amount,
		b"downtime".to_vec()
	));
	id
}

/// Requests a penalty of `amount` from `dam` and has its manager dispute it.
pub fn disputed(network: NetworkId, dam: DamId, amount: Balance) -> PenaltyId {
	let id = request(network, dam, amount);
	assert_ok!(Slashing::dispute(signed(DAM_MANAGER), id));
	id
}

/// The open penalty `id`.
pub fn penalty(id: PenaltyId) -> PenaltyOf<Test> {
	Penalties::<Test>::get(id).expect("the penalty is open")
}

/// Where the open penalty `id` is, if it is open.
pub fn status(id: PenaltyId) -> Option<PenaltyStatus> {
	Penalties::<Test>::get(id).map(|p| p.status)
}

/// The ids and outcomes of `dam`'s resolved penalties, oldest first.
pub fn history(dam: DamId) -> Vec<(PenaltyId, PenaltyStatus)> {
	History::<Test>::get(dam).into_iter().map(|(id, p)| (id, p.status)).collect()
}
