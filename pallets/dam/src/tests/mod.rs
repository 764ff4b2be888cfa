//! Tests of the DAM pallet against doubles of its neighbours, one file per flow. The flows
//! across the real pallets are in `nektar-integration-tests`.

mod allocations;
mod allow_list;
#[cfg(feature = "runtime-benchmarks")]
mod benchmark_setup;
mod creation;
mod deposits;
mod installations;
mod licenses;
mod operators;
mod penalties;
mod recovery;
mod sweep;
mod transfers;
mod withdrawals;

use crate::{mock::*, *};
use frame_support::assert_ok;
use polkadot_sdk::sp_runtime::Perbill;

/// The `max_fee` of deposits that accept whatever fee the DAM charges.
pub const ANY_FEE: Perbill = Perbill::from_percent(100);

/// A DAM configuration taking [`USD`], with no fee, mutable roles, transferable shares, no
/// allow-list, and its creator as independent Operator.
pub fn config(kind: NetworkKind) -> DamConfigOf<Test> {
	DamConfig {
		kind,
		deposit_asset: usd(),
		fee: Perbill::zero(),
		fee_mutable: true,
		gatekeeper: None,
		gatekeeper_mutable: true,
		catalyst: None,
		catalyst_mutable: true,
		receipt_transferable: true,
		allow_list: false,
		independent_operator: true,
	}
}

/// Creates a DAM by [`MANAGER`] with `config`, named `Dam` with receipt `deUSD`.
pub fn create(config: DamConfigOf<Test>) -> DamId {
	let id = NextDamId::<Test>::get();
	assert_ok!(Dam::create_dam(
		RuntimeOrigin::signed(MANAGER),
		config,
		b"Dam".to_vec(),
		b"deUSD".to_vec(),
		vec![],
		vec![],
		vec![],
	));
	id
}

/// A live Network of `kind` asking for at least 100 and up to 1,000,000 of [`USD`].
pub fn live_network(kind: NetworkKind) -> NetworkId {
	MockMarketplace::add_network(kind, 100, 1_000_000)
}

/// Installs `network` into `dam`, run by [`MANAGER`], and has the Network confirm it.
pub fn install(dam: DamId, network: NetworkId) {
	assert_ok!(Dam::request_installation(RuntimeOrigin::signed(MANAGER), dam, network, MANAGER));
	assert_ok!(MockMarketplace::confirm(network, dam));
}

/// A DAM of `kind` created from [`config`], with a live Network of that kind installed.
pub fn installed(kind: NetworkKind) -> (DamId, NetworkId) {
	let dam = create(config(kind));
	let network = live_network(kind);
	install(dam, network);
	(dam, network)
}

/// Deposits `amount` into `dam` for `who`, accepting any fee.
pub fn deposit(who: AccountId, dam: DamId, amount: Balance) {
	assert_ok!(Dam::deposit(RuntimeOrigin::signed(who), dam, amount, ANY_FEE, MAX_TOKENS));
}

/// The DAM record of `id`.
pub fn dam(id: DamId) -> DamOf<Test> {
	Dams::<Test>::get(id).expect("the DAM exists")
}

/// What `who` holds of [`USD`].
pub fn usd_of(who: AccountId) -> Balance {
	Assets::balance(USD, who)
}

/// What `who` holds of the native token, free.
pub fn native_of(who: AccountId) -> Balance {
	Balances::free_balance(who)
}

/// The exposure the marketplace double records for the installation of `network` into `dam`.
pub fn exposure(network: NetworkId, dam: DamId) -> Balance {
	MockMarketplace::installation(network, dam).expect("installed").exposure
}

/// Opens a penalty of `amount` for `network` on `dam`, held until 20 blocks from now, as the
/// slashing pallet does; returns its dispute vault.
pub fn slash(dam: DamId, network: NetworkId, amount: Balance) -> VaultId {
	let until = System::block_number() + 20;
	<Dam as DamProvider>::slash(dam, network, amount, until).expect("a valid penalty")
}

/// Vetoes the penalty held in `vault`: its assets come back to the DAM, which is told.
pub fn veto(dam: DamId, vault: VaultId) {
	let amount = MockVaults::open_dispute_vault(vault, &Dam::dam_account(dam))
		.expect("an open dispute vault");
	assert_ok!(<Dam as DamProvider>::restore(dam, vault, amount));
}
