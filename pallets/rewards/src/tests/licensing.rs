//! Node licensing: a live Growth Network sells licenses as NFTs; a Growth DAM's purchase adds
//! its price to the DAM's exposure, and each license's reported performance scales what its
//! price earns.

use super::*;

/// A live, funded Growth Network selling `supply` licenses at `price`.
fn selling(price: Balance, supply: u32) -> NetworkId {
	let network = live_network(NetworkKind::Growth);
	fund(network, 1_000_000);
	assert_ok!(Rewards::open_license_sale(signed(NET_MANAGER), network, price, supply, true));
	network
}

/// A Growth DAM with a deposit of `amount` by [`ALICE`], installed into `network`.
fn buyer(network: NetworkId, amount: Balance) -> DamId {
	let dam = new_dam(NetworkKind::Growth);
	install(dam, network);
	deposit(dam, ALICE, amount);
	dam
}

#[test]
fn opening_a_sale_creates_a_collection_the_escrow_owns() {
	ExtBuilder::default().build_and_execute(|| {
		let network = live_network(NetworkKind::Growth);
		let escrow = Rewards::escrow(network);
		let (manager, reserved) = (native(NET_MANAGER), Balances::reserved_balance(escrow));
		assert_ok!(Rewards::open_license_sale(signed(NET_MANAGER), network, 500, 3, false));
		assert_eq!(native(NET_MANAGER), manager - (COLLECTION_DEPOSIT + 3 * ITEM_DEPOSIT));
		assert_eq!(Balances::reserved_balance(escrow), reserved + COLLECTION_DEPOSIT);
		assert_eq!(
			MockCollections::get(0),
			Some(Collection { owner: escrow, supply: 3, transferable: false, minted: 0 })
		);
		assert_eq!(
			LicenseSales::<Test>::get(network),
			Some(LicenseSale {
				collection: 0,
				price: 500,
				supply: 3,
				sold: 0,
				transferable: false
			})
		);
		assert_eq!(<Rewards as LicenseSeller>::license_price(network), Some(500));
		assert_eq!(
			events().last(),
			Some(&Event::LicenseSaleOpened {
				network,
				collection: 0,
				price: 500,
				supply: 3,
				transferable: false,
			})
		);
	});
}

#[test]
fn a_license_sold_to_a_dam_adds_its_price_to_the_exposure() {
	ExtBuilder::default().build_and_execute(|| {
		let network = selling(500, 2);
		let dam = buyer(network, 2_000);
		let seller = Assets::balance(USD, NET_MANAGER);
		assert_eq!(MockDams::buy_license(dam, network, OPERATOR), Ok(0));
		assert_eq!(MockItems::get(0, 0), Some(MockDams::dam_account(dam)));
		assert_eq!(
			Licenses::<Test>::get(network, 0),
			Some(License { dam, operator: OPERATOR, price: 500, performance: Permill::one() })
		);
		assert_eq!(
			LicensedExposure::<Test>::get(network, dam),
			Licensed { price: 500, weighted: 500 }
		);
		assert_eq!(
			Rewards::dam_licenses(dam),
			vec![LicenseInfo { network, item: 0, operator: OPERATOR, performance: Permill::one() }]
		);
		assert_eq!(Assets::balance(USD, NET_MANAGER), seller + 500);
		assert_eq!(crate::Pallet::<Test>::stake(network, dam).map(|s| s.weight), Some(500));
		assert_eq!(crate::Pallet::<Test>::spending(dam, network).map(|s| s.total), Some(500));
		assert!(events().contains(&Event::LicenseSold {
			network,
			item: 0,
			dam,
			operator: OPERATOR,
			price: 500
		}));
		days(1);
		assert_eq!(pending(dam, network, ALICE), 5);

		assert_eq!(MockDams::buy_license(dam, network, OPERATOR), Ok(1));
		assert_noop!(MockDams::buy_license(dam, network, OPERATOR), Error::<Test>::SoldOut);
		assert_eq!(LicenseSales::<Test>::get(network).map(|s| s.sold), Some(2));
	});
}

#[test]
fn a_licenses_performance_scales_what_its_price_earns() {
	ExtBuilder::default().build_and_execute(|| {
		let network = selling(1_000, 2);
		let dam = buyer(network, 2_000);
		assert_ok!(MockDams::buy_license(dam, network, OPERATOR));
		assert_ok!(MockDams::allocate(dam, network, 1_000));
		days(1);
		assert_eq!(pending(dam, network, ALICE), 20);
		assert_ok!(Rewards::report_license_performance(
			signed(NET_MANAGER),
			network,
			0,
			Permill::from_percent(50)
		));
		assert_eq!(
			events().last(),
			Some(&Event::LicensePerformanceReported {
				network,
				item: 0,
				dam,
				score: Permill::from_percent(50),
			})
		);
		// The license earns on half its price; the allocation on all of it.
		assert_eq!(crate::Pallet::<Test>::stake(network, dam).map(|s| s.weight), Some(1_500));
		days(1);
		assert_eq!(pending(dam, network, ALICE), 20 + 15);
		// The installation's own score scales the rest of the exposure, and the Operator.
		assert_ok!(MockMarketplace::report_performance(network, dam, Permill::from_percent(50)));
		assert_eq!(crate::Pallet::<Test>::stake(network, dam).map(|s| s.weight), Some(1_000));
		days(1);
		assert_eq!(pending(dam, network, ALICE), 20 + 15 + 10);
		assert_eq!(operator_pending(network, dam), 10 + 10 + 5);
	});
}

#[test]
fn a_dam_holds_at_most_max_licenses() {
	ExtBuilder::default().build_and_execute(|| {
		let first = selling(100, MAX_LICENSES);
		let second = selling(100, MAX_LICENSES);
		let dam = buyer(first, 1_000);
		install(dam, second);
		for _ in 0..MAX_LICENSES {
			assert_ok!(MockDams::buy_license(dam, first, OPERATOR));
		}
		assert_noop!(MockDams::buy_license(dam, second, OPERATOR), Error::<Test>::TooManyLicenses);
		assert_eq!(DamLicenses::<Test>::decode_len(dam), Some(MAX_LICENSES as usize));
	});
}

#[test]
fn license_calls_with_bad_input_fail_with_their_errors() {
	ExtBuilder::default().build_and_execute(|| {
		let growth = live_network(NetworkKind::Growth);
		let collateral = live_network(NetworkKind::Collateral);
		let open = |who, network, price, supply| {
			Rewards::open_license_sale(signed(who), network, price, supply, true)
		};
		assert_noop!(open(NET_MANAGER, 77, 100, 1), Error::<Test>::NetworkNotFound);
		assert_noop!(open(STRANGER, growth, 100, 1), Error::<Test>::NotNetworkManager);
		assert_noop!(open(NET_MANAGER, collateral, 100, 1), Error::<Test>::NotGrowth);
		assert_noop!(open(NET_MANAGER, growth, 0, 1), Error::<Test>::ZeroAmount);
		assert_noop!(open(NET_MANAGER, growth, 100, 0), Error::<Test>::InvalidSupply);
		assert_noop!(
			open(NET_MANAGER, growth, 100, MAX_LICENSES + 1),
			Error::<Test>::InvalidSupply
		);
		let dam = buyer(growth, 1_000);
		assert_noop!(MockDams::buy_license(dam, growth, OPERATOR), Error::<Test>::NoLicenseSale);
		assert_ok!(open(NET_MANAGER, growth, 100, 1));
		assert_noop!(open(NET_MANAGER, growth, 100, 1), Error::<Test>::SaleExists);

		let report = |who, network, item| {
			Rewards::report_license_performance(signed(who), network, item, Permill::zero())
		};
		assert_noop!(report(NET_MANAGER, 77, 0), Error::<Test>::NetworkNotFound);
		assert_noop!(report(STRANGER, growth, 0), Error::<Test>::NotNetworkManager);
		assert_noop!(report(NET_MANAGER, growth, 0), Error::<Test>::LicenseNotFound);

		assert_ok!(MockMarketplace::set_suspended(growth, true));
		assert_noop!(
			<Rewards as LicenseSeller>::sell_license(growth, dam, &ALICE, &OPERATOR),
			Error::<Test>::NetworkNotLive
		);
		let other = live_network(NetworkKind::Growth);
		assert_ok!(MockMarketplace::set_suspended(other, true));
		assert_noop!(open(NET_MANAGER, other, 100, 1), Error::<Test>::NetworkNotLive);
	});
}

#[test]
fn a_manager_who_cannot_pay_the_collection_deposits_opens_no_sale() {
	// The program's deposits take 9, which leaves 6; the collection and two items need 12.
	ExtBuilder::default().with_balances(vec![(NET_MANAGER, 15)]).build_and_execute(|| {
		let network = live_network(NetworkKind::Growth);
		assert_noop!(
			Rewards::open_license_sale(signed(NET_MANAGER), network, 100, 2, true),
			Error::<Test>::CannotPayTokenDeposit
		);
	});
}
