//! `release_bond`: the return bond of an ended Liquidity Network that owes nothing.

use super::*;
use frame_support::{assert_noop, assert_ok};
use polkadot_sdk::sp_runtime::{DispatchError, DispatchResult};

fn release_bond(network: NetworkId) -> DispatchResult {
	Vaults::release_bond(RuntimeOrigin::signed(STRANGER), network)
}

#[test]
fn release_bond_returns_the_bond_of_a_network_that_owes_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		// One Network repaid while live, one that never borrowed.
		let (repaid, dams) = loans(&[1_000]);
		assert_ok!(Vaults::repay(RuntimeOrigin::signed(SAFE), repaid, dams[0], 1_000));
		let idle = live_network(NetworkKind::Liquidity);
		end(repaid);
		end(idle);
		let before = native_balance(NET_MANAGER);

		assert_ok!(release_bond(repaid));
		assert_eq!(native_balance(NET_MANAGER), before + BOND);
		assert_eq!(view(repaid).bond, 0);
		assert_ok!(release_bond(idle));
		assert_eq!(native_balance(NET_MANAGER), before + 2 * BOND);
		assert_eq!(view(idle).bond, 0);
		assert_eq!(native_balance(BOND_ESCROW), 0);
	});
}

#[test]
fn release_bond_rejects_networks_that_still_owe_or_hold_no_bond() {
	ExtBuilder::default().build_and_execute(|| {
		let bondless =
			MockMarketplace::register(NetworkView { bond: 0, ..terms(NetworkKind::Liquidity) })
				.unwrap();
		let (owing, _) = loans(&[1_000]);
		let locked = live_network(NetworkKind::Liquidity);
		let dam = installed_dam(NetworkKind::Liquidity, locked);
		let ends_at = view(locked).ends_at().unwrap();
		run_to_block(ends_at - 1);
		allocate(dam, locked, 500);
		let growth = live_network(NetworkKind::Growth);

		assert_noop!(release_bond(77), Error::<Test>::NetworkNotFound);
		assert_noop!(release_bond(growth), Error::<Test>::NotLiquidity);
		assert_noop!(release_bond(locked), Error::<Test>::NetworkNotEnded);
		assert_noop!(Vaults::release_bond(RuntimeOrigin::none(), owing), DispatchError::BadOrigin);
		end(owing);
		end(locked);
		end(bondless);
		// A loan, or a Liquidity vault still locked, is debt.
		assert_noop!(release_bond(owing), Error::<Test>::DebtOutstanding);
		assert_noop!(release_bond(locked), Error::<Test>::DebtOutstanding);
		assert_noop!(release_bond(bondless), Error::<Test>::NoBond);

		// A defaulted Network's bond went to its creditors.
		assert!(System::block_number() >= default_due(owing));
		assert_ok!(Vaults::declare_default(RuntimeOrigin::signed(STRANGER), owing));
		assert_noop!(release_bond(owing), Error::<Test>::NetworkNotEnded);
	});
}
