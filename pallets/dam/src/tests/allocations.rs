//! Allocations: Liquidity loans and Growth sales, and what comes back of a loan.

use super::*;
use frame_support::{assert_noop, assert_ok};
use polkadot_sdk::sp_runtime::DispatchResult;

fn allocate(dam: DamId, network: NetworkId, amount: Balance) -> DispatchResult {
	Dam::allocate(RuntimeOrigin::signed(MANAGER), dam, network, amount)
}

#[test]
fn a_liquidity_allocation_is_a_loan_that_keeps_the_rate_until_it_is_repaid() {
	ExtBuilder::default().build_and_execute(|| {
		let (id, network) = installed(NetworkKind::Liquidity);
		deposit(ALICE, id, 1_000);
		MockRewards::clear_notices();
		assert_ok!(allocate(id, network, 400));
		// The Network locks its vaults for 10 blocks.
		assert_eq!(
			events().last(),
			Some(&Event::Allocated { dam: id, network, amount: 400, vault: 0, unlock_at: 11 })
		);
		assert_eq!(MockVaults::held(0), Some(400));
		assert_eq!(usd_of(Dam::dam_account(id)), 600);
		assert_eq!((dam(id).idle, dam(id).lent, dam(id).closed), (600, 400, false));
		assert_eq!(exposure(network, id), 400);
		// Still on the books: the shares are worth what they were.
		assert_eq!(shares::assets_for::<Test>(&dam(id), 1_000_000.into()), Some(1_000.into()));
		assert!(MockRewards::notices().is_empty(), "a loan is no spend");
		// A further allocation adds to the installation's exposure.
		assert_ok!(allocate(id, network, 100));
		assert_eq!((exposure(network, id), <Dam as DamProvider>::lent(id)), (500, 500));
		deposit(BOB, id, 1_000);

		// Another DAM's loan is repaid: it is idle again.
		let (id, network) = installed(NetworkKind::Liquidity);
		deposit(ALICE, id, 1_000);
		let vault = NextVaultId::get();
		assert_ok!(allocate(id, network, 400));
		run_to_block(11);
		assert_ok!(MockVaults::release(vault));
		assert_ok!(MockVaults::repay(network, id));
		assert_eq!(events().last(), Some(&Event::LoanReturned { dam: id, amount: 400 }));
		assert_eq!((dam(id).idle, dam(id).lent), (1_000, 0));
		assert_eq!((usd_of(Dam::dam_account(id)), exposure(network, id)), (1_000, 0));
		// No more can come back than was lent.
		assert_noop!(<Dam as DamProvider>::on_loan_returned(id, 1), Error::<Test>::Overflow);
		assert_noop!(<Dam as DamProvider>::on_loan_returned(7, 1), Error::<Test>::DamNotFound);
	});
}

#[test]
fn a_growth_allocation_is_a_sale_that_closes_deposits() {
	ExtBuilder::default().build_and_execute(|| {
		let (id, network) = installed(NetworkKind::Growth);
		deposit(ALICE, id, 1_000);
		deposit(BOB, id, 1_000);
		MockRewards::clear_notices();
		assert_ok!(allocate(id, network, 500));
		let emitted = events();
		assert_eq!(
			emitted[emitted.len() - 2..],
			[
				Event::Allocated { dam: id, network, amount: 500, vault: 0, unlock_at: 11 },
				Event::DepositsClosed { dam: id },
			]
		);
		assert_eq!((dam(id).idle, dam(id).lent, dam(id).closed), (1_500, 0, true));
		// Off the books: 1,000,000 × (1,500 + 1) / (2,000,000 + 1,000).
		assert_eq!(shares::assets_for::<Test>(&dam(id), 1_000_000.into()), Some(750.into()));
		// The listener hears of the spend after the exposure grew.
		assert_eq!(
			MockRewards::notices(),
			vec![Notice::Spent { dam: id, network, amount: 500, exposure: 500 }]
		);
		assert_noop!(
			Dam::deposit(RuntimeOrigin::signed(CHARLIE), id, 1_000, ANY_FEE, MAX_TOKENS),
			Error::<Test>::DepositsClosed
		);
		assert_ok!(allocate(id, network, 100));
		assert!(matches!(events().last(), Some(Event::Allocated { amount: 100, .. })));
		// Holders may still leave with their share of the idle assets.
		assert_ok!(Dam::withdraw(RuntimeOrigin::signed(ALICE), id, 1_000_000, MAX_TOKENS));
	});
}

#[test]
fn bad_allocations_fail_with_named_errors_and_change_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		let (id, network) = installed(NetworkKind::Liquidity);
		let (collateral, committed) = installed(NetworkKind::Collateral);
		deposit(ALICE, id, 1_000);
		assert_noop!(allocate(collateral, committed, 100), Error::<Test>::CollateralCommits);
		assert_noop!(allocate(7, network, 100), Error::<Test>::DamNotFound);
		assert_noop!(
			Dam::allocate(RuntimeOrigin::signed(BOB), id, network, 100),
			Error::<Test>::NotCatalyst
		);
		assert_noop!(allocate(id, network, 0), Error::<Test>::ZeroAmount);
		assert_noop!(allocate(id, 99, 100), Error::<Test>::NotInstalled);
		assert_noop!(allocate(id, network, 1_001), Error::<Test>::InsufficientIdleAssets);
		// The marketplace's caps, and its confirmation, come first.
		assert_noop!(allocate(id, network, 50), market_error::EXPOSURE_BELOW_MINIMUM);
		let small = MockMarketplace::add_network(NetworkKind::Liquidity, 100, 500);
		install(id, small);
		assert_noop!(allocate(id, small, 600), market_error::EXPOSURE_ABOVE_MAXIMUM);
		let unconfirmed = live_network(NetworkKind::Liquidity);
		assert_ok!(Dam::request_installation(
			RuntimeOrigin::signed(MANAGER),
			id,
			unconfirmed,
			MANAGER
		));
		assert_noop!(allocate(id, unconfirmed, 100), market_error::INSTALLATION_NOT_ACTIVE);
		run_to_block(1_001);
		assert_noop!(allocate(id, network, 100), market_error::NETWORK_NOT_LIVE);
	});
}

#[test]
fn an_overdue_loan_holds_deposits_and_withdrawals_until_it_is_written_off() {
	ExtBuilder::default().build_and_execute(|| {
		let (id, network) = installed(NetworkKind::Liquidity);
		deposit(ALICE, id, 1_000);
		assert_ok!(allocate(id, network, 400));
		run_to_block(11);
		assert_ok!(MockVaults::release(0));
		assert_eq!(usd_of(SAFE), 400);
		// The Network ends at block 1,001 and has `repay_grace` (5 blocks) to repay.
		run_to_block(1_005);
		deposit(BOB, id, 100);
		run_to_block(1_006);
		assert_noop!(
			Dam::deposit(RuntimeOrigin::signed(BOB), id, 100, ANY_FEE, MAX_TOKENS),
			Error::<Test>::LoanOverdue
		);
		assert_noop!(
			Dam::withdraw(RuntimeOrigin::signed(ALICE), id, 100_000, MAX_TOKENS),
			Error::<Test>::LoanOverdue
		);
		assert_ok!(MockVaults::write_off(network, id, 0));
		assert_eq!(
			events().last(),
			Some(&Event::LoanWrittenOff { dam: id, amount: 400, compensation: 0, to_manager: 0 })
		);
		assert_eq!((dam(id).idle, dam(id).lent), (700, 0));
		deposit(BOB, id, 100);
		assert_ok!(Dam::withdraw(RuntimeOrigin::signed(ALICE), id, 100_000, MAX_TOKENS));
	});
}
