//! Sweeping what a DAM's account holds off its books.

use super::*;
use frame_support::{
	assert_noop, assert_ok, traits::fungible::Mutate as _, traits::fungibles::Mutate as _,
};
use nektar_primitives::NativeOrWithId;
use polkadot_sdk::sp_runtime::DispatchError;

#[test]
fn a_sweep_sends_donations_and_dust_to_the_treasury_and_keeps_what_the_dam_owes() {
	ExtBuilder::default().build_and_execute(|| {
		let id = create(config(NetworkKind::Collateral));
		let account = Dam::dam_account(id);
		deposit(ALICE, id, 1_000);
		let vault = slash(id, 0, 300);
		assert_ok!(<Dam as DamProvider>::penalty_executed(id, vault));
		// The next deposit leaves a unit of dust.
		deposit(BOB, id, 1_000);
		assert_eq!(dam(id).dust, 1);
		assert_ok!(AllAssets::mint_into(usd(), &account, 500));
		assert_ok!(Balances::mint_into(&account, 50));

		assert_noop!(
			Dam::sweep_unbooked(RuntimeOrigin::signed(MANAGER), id),
			DispatchError::BadOrigin
		);
		assert_ok!(Dam::sweep_unbooked(RuntimeOrigin::root(), id));
		assert_eq!(
			events().last(),
			Some(&Event::UnbookedSwept { dam: id, amount: 501, native: 50 })
		);
		assert_eq!((usd_of(TREASURY), native_of(TREASURY)), (501, 50));
		// The idle assets and the existential deposit stay; the rate does not move.
		assert_eq!((usd_of(account), native_of(account)), (1_699, EXISTENTIAL_DEPOSIT));
		assert_eq!((dam(id).idle, dam(id).dust), (1_699, 0));
		assert_noop!(Dam::sweep_unbooked(RuntimeOrigin::root(), id), Error::<Test>::NothingToSweep);
		assert_noop!(Dam::sweep_unbooked(RuntimeOrigin::root(), 7), Error::<Test>::DamNotFound);

		// A native DAM keeps its idle assets, its recovery pool and its existential deposit.
		let mut c = config(NetworkKind::Liquidity);
		c.deposit_asset = NativeOrWithId::Native;
		let id = create(c);
		let network = live_network(NetworkKind::Liquidity);
		MockMarketplace::mutate_network(network, |n| n.deposit_asset = NativeOrWithId::Native);
		install(id, network);
		let account = Dam::dam_account(id);
		deposit(ALICE, id, 1_000);
		let vault = NextVaultId::get();
		assert_ok!(Dam::allocate(RuntimeOrigin::signed(MANAGER), id, network, 400));
		run_to_block(11);
		assert_ok!(MockVaults::release(vault));
		run_to_block(1_006);
		assert_ok!(MockVaults::write_off(network, id, 100));
		assert_ok!(Balances::mint_into(&account, 70));
		// 1 + 600 idle + 100 owed to the holders + 70 donated.
		assert_eq!(native_of(account), 771);

		assert_ok!(Dam::sweep_unbooked(RuntimeOrigin::root(), id));
		assert_eq!(events().last(), Some(&Event::UnbookedSwept { dam: id, amount: 70, native: 0 }));
		assert_eq!(native_of(account), 701);
		assert_ok!(Dam::claim_recovery(RuntimeOrigin::signed(ALICE), id));
		assert_noop!(Dam::sweep_unbooked(RuntimeOrigin::root(), id), Error::<Test>::NothingToSweep);
	});
}
