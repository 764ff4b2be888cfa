//! Node licenses bought by a Growth DAM.

use super::*;
use frame_support::{assert_noop, assert_ok};
use polkadot_sdk::sp_runtime::DispatchResult;

fn buy(dam: DamId, network: NetworkId, operator: AccountId) -> DispatchResult {
	Dam::buy_license(RuntimeOrigin::signed(MANAGER), dam, network, operator)
}

#[test]
fn a_license_is_paid_to_the_network_and_adds_its_price_to_the_exposure() {
	ExtBuilder::default().build_and_execute(|| {
		let (id, network) = installed(NetworkKind::Growth);
		MockLicenses::open_sale(network, 300, 2);
		deposit(ALICE, id, 1_000);
		MockRewards::clear_notices();
		assert_ok!(buy(id, network, MANAGER));
		let emitted = events();
		assert_eq!(
			emitted[emitted.len() - 2..],
			[
				Event::LicenseBought { dam: id, network, item: 0, operator: MANAGER, price: 300 },
				Event::DepositsClosed { dam: id },
			]
		);
		assert_eq!(usd_of(NET_MANAGER), ENDOWMENT + 300);
		assert_eq!((dam(id).idle, dam(id).closed), (700, true));
		assert_eq!(exposure(network, id), 300);
		assert_eq!(
			SoldLicenses::get(network, 0),
			Some(MockLicense {
				dam: id,
				owner: Dam::dam_account(id),
				operator: MANAGER,
				price: 300
			})
		);
		assert_eq!(
			MockRewards::notices(),
			vec![Notice::Spent { dam: id, network, amount: 300, exposure: 300 }]
		);

		// An affiliated Operator may run the next one; the DAM is already closed.
		assert_ok!(Dam::invite_operator(RuntimeOrigin::signed(MANAGER), id, AFFILIATE));
		assert_ok!(Dam::accept_invite(RuntimeOrigin::signed(AFFILIATE), id));
		assert_ok!(buy(id, network, AFFILIATE));
		assert!(matches!(events().last(), Some(Event::LicenseBought { item: 1, .. })));
		assert_eq!((dam(id).idle, exposure(network, id)), (400, 600));
		assert_noop!(buy(id, network, MANAGER), license_error::SOLD_OUT);
	});
}

#[test]
fn bad_license_purchases_fail_with_named_errors_and_change_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		let (id, network) = installed(NetworkKind::Growth);
		let (liquidity, lent) = installed(NetworkKind::Liquidity);
		MockLicenses::open_sale(network, 300, 4);
		deposit(ALICE, id, 1_000);
		assert_noop!(buy(liquidity, lent, MANAGER), Error::<Test>::NotGrowth);
		assert_noop!(buy(7, network, MANAGER), Error::<Test>::DamNotFound);
		assert_noop!(
			Dam::buy_license(RuntimeOrigin::signed(BOB), id, network, MANAGER),
			Error::<Test>::NotCatalyst
		);
		assert_noop!(buy(id, network, BOB), Error::<Test>::NotAssigned);
		assert_noop!(buy(id, 99, MANAGER), Error::<Test>::NotInstalled);
		let unsold = live_network(NetworkKind::Growth);
		install(id, unsold);
		assert_noop!(buy(id, unsold, MANAGER), license_error::NO_LICENSE_SALE);
		// The price must be in the idle assets, and within the Network's cap.
		let dear = live_network(NetworkKind::Growth);
		install(id, dear);
		MockLicenses::open_sale(dear, 1_001, 1);
		assert_noop!(buy(id, dear, MANAGER), Error::<Test>::InsufficientIdleAssets);
		let small = MockMarketplace::add_network(NetworkKind::Growth, 100, 500);
		install(id, small);
		MockLicenses::open_sale(small, 300, 4);
		assert_ok!(buy(id, small, MANAGER));
		assert_noop!(buy(id, small, MANAGER), market_error::EXPOSURE_ABOVE_MAXIMUM);
		run_to_block(1_001);
		assert_noop!(buy(id, network, MANAGER), license_error::NETWORK_NOT_LIVE);
	});
}
