//! Tests of the vaults pallet against doubles of the marketplace and the DAM pallet, one file
//! per flow.

mod bonds;
mod defaults;
mod disputes;
mod growth;
mod liquidity;
mod locks;
mod repayments;

/// The runtime's pallet, not its storage of the same name.
pub use crate::mock::Vaults;
/// Every vault that still holds assets.
pub use crate::pallet::Vaults as StoredVaults;
use crate::{mock::*, *};
use frame_support::assert_ok;
use nektar_primitives::{NetworkKind, NetworkStatus, NetworkView, NetworkViewOf};
use polkadot_sdk::sp_runtime::{FixedU128, Perbill};

/// How long the test Networks lock their vaults.
pub const LOCK_PERIOD: u64 = 10;
/// How long the test Networks run once live.
pub const DURATION: u64 = 100;
/// The return bond of the test Liquidity Networks.
pub const BOND: Balance = 500;
/// What each test DAM's delegator deposits.
pub const DEPOSIT: Balance = 10_000;

/// The terms of a test Network of `kind`, managed by [`NET_MANAGER`]: a Liquidity Network pays
/// [`SAFE`] and holds a return bond of [`BOND`].
pub fn terms(kind: NetworkKind) -> NetworkViewOf<MockMarketplace> {
	let liquidity = kind == NetworkKind::Liquidity;
	NetworkView {
		manager: NET_MANAGER,
		kind,
		status: NetworkStatus::Pending,
		deposit_asset: usd(),
		min_allocation: 1,
		amount_requested: 1_000_000,
		operators_requested: MAX_OPERATORS_PER_NETWORK,
		total_exposure: 0,
		live_since: None,
		duration: DURATION,
		lock_period: (kind != NetworkKind::Collateral).then_some(LOCK_PERIOD),
		safe: liquidity.then_some(SAFE),
		bond: if liquidity { BOND } else { 0 },
		reward_asset: usd(),
		delegator_rate: FixedU128::from_rational(1, 100),
		operator_rate: 10,
		operator_commission: Perbill::zero(),
	}
}

/// A live Network of `kind` with the test terms, from now.
pub fn live_network(kind: NetworkKind) -> NetworkId {
	MockMarketplace::register(terms(kind)).expect("the manager funds the bond")
}

/// A DAM of `kind` run by [`DAM_MANAGER`], holding [`DEPOSIT`] of [`ALICE`]'s, installed into
/// `network`.
pub fn installed_dam(kind: NetworkKind, network: NetworkId) -> DamId {
	let dam = MockDams::create(kind, DAM_MANAGER, usd());
	assert_ok!(MockDams::deposit(dam, &ALICE, DEPOSIT));
	assert_ok!(MockDams::install(dam, network));
	dam
}

/// Allocates `amount` of `dam` to `network`: the vault it was locked in.
pub fn allocate(dam: DamId, network: NetworkId, amount: Balance) -> VaultId {
	MockDams::allocate(dam, network, amount).expect("a valid allocation")
}

/// Moves to the block where the vaults locked now open.
pub fn unlock() {
	run_to_block(System::block_number() + LOCK_PERIOD);
}

/// A live Liquidity Network into which a DAM was installed for each of `amounts`, each
/// lending its amount: the vaults are released, so the Network owes each DAM its amount.
pub fn loans(amounts: &[Balance]) -> (NetworkId, Vec<DamId>) {
	let network = live_network(NetworkKind::Liquidity);
	(network, loans_to(network, amounts))
}

/// Installs a DAM into the Liquidity Network `network` for each of `amounts`, allocates it and
/// releases the vaults: the Network owes each DAM its amount.
pub fn loans_to(network: NetworkId, amounts: &[Balance]) -> Vec<DamId> {
	let vaults: Vec<(DamId, VaultId)> = amounts
		.iter()
		.map(|amount| {
			let dam = installed_dam(NetworkKind::Liquidity, network);
			(dam, allocate(dam, network, *amount))
		})
		.collect();
	unlock();
	for (_, vault) in &vaults {
		assert_ok!(Vaults::release(RuntimeOrigin::signed(STRANGER), *vault));
	}
	vaults.into_iter().map(|(dam, _)| dam).collect()
}

/// Moves past the end of `network`'s duration and ends it.
pub fn end(network: NetworkId) {
	let ends_at = MockMarketplace::network(network).and_then(|n| n.ends_at()).expect("live");
	if System::block_number() < ends_at {
		run_to_block(ends_at);
	}
	assert_ok!(MockMarketplace::end(network));
}

/// The block from which `network`'s default may be declared.
pub fn default_due(network: NetworkId) -> u64 {
	let ends_at = MockMarketplace::network(network).and_then(|n| n.ends_at()).expect("live");
	ends_at + MockMarketplace::params().repay_grace
}

/// The Network as the marketplace shows it now.
pub fn view(id: NetworkId) -> NetworkViewOf<MockMarketplace> {
	MockMarketplace::network(id).expect("the Network exists")
}

/// The exposure of the installation of `network` into `dam`.
pub fn exposure(network: NetworkId, dam: DamId) -> Balance {
	MockMarketplace::installation(network, dam).expect("installed").exposure
}
