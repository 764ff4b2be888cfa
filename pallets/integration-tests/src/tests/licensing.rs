//! Node licensing: a Growth Network sells licenses as NFTs and a Growth DAM buys them with
//! pooled funds; the price is a sale and earns rewards as exposure.

use super::bad_input::{check, signed};
use crate::{mock::*, *};
use frame_support::assert_ok;
use pallet_dam::*;
use pallet_rewards::{Call as RewardsCall, Error as RewardsError, Event as RewardsEvent};
use polkadot_sdk::sp_runtime::{DispatchError, Permill};

fn open_sale(network: NetworkId, price: Balance, supply: u32) {
	assert_ok!(Rewards::open_license_sale(signed(NET_MANAGER), network, price, supply, false));
}

#[test]
fn a_growth_network_opens_a_license_sale_and_pays_its_deposits() {
	ExtBuilder::default().build_and_execute(|| {
		let network = live_network(NetworkKind::Growth, 1_000_000);
		let escrow = Rewards::escrow(network);
		let (manager, escrow_before) =
			(Balances::free_balance(NET_MANAGER), Balances::free_balance(escrow));
		open_sale(network, 500, 3);
		assert_eq!(Balances::free_balance(NET_MANAGER), manager - 13);
		assert_eq!(Balances::free_balance(escrow), escrow_before + 13);
		let sale = pallet_rewards::LicenseSales::<Test>::get(network).expect("a sale");
		assert_eq!((sale.price, sale.supply, sale.sold, sale.transferable), (500, 3, 0, false));
		assert!(System::events().iter().any(|r| matches!(
			r.event,
			RuntimeEvent::Rewards(RewardsEvent::LicenseSaleOpened { price: 500, supply: 3, .. })
		)));
	});
}

#[test]
fn a_growth_dam_buys_a_license_with_pooled_funds_and_earns_on_it() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = funded_installation(NetworkKind::Growth);
		assert_ok!(Rewards::fund_rewards(signed(NET_MANAGER), network, 1_000_000));
		open_sale(network, 500, 2);
		let manager_usd = usd_balance(NET_MANAGER);
		let rate_before = Dam::quote_withdrawal(dam, 1_000_000).unwrap();

		assert_ok!(Dam::buy_license(signed(MANAGER), dam, network, MANAGER));
		let account = Dam::dam_account(dam);
		assert_eq!(usd_balance(NET_MANAGER), manager_usd + 500, "the price goes to the Network");
		assert_eq!(usd_balance(account), 1_500);
		let info = Dams::<Test>::get(dam).unwrap();
		assert_eq!(info.idle, 1_500);
		assert!(info.closed, "a sale closes the DAM to deposits");
		assert!(Dam::quote_withdrawal(dam, 1_000_000).unwrap() < rate_before, "the rate falls");
		let sale = pallet_rewards::LicenseSales::<Test>::get(network).unwrap();
		assert_eq!(sale.sold, 1);
		assert_eq!(nft_owner(sale.collection, 0), Some(account), "the NFT is the DAM's");
		assert_eq!(licenses(dam), vec![(network, 0, MANAGER, Permill::one())]);
		assert_eq!(
			pallet_marketplace::Installations::<Test>::get(network, dam).unwrap().exposure,
			500
		);
		assert!(events().contains(&Event::LicenseBought {
			dam,
			network,
			item: 0,
			operator: MANAGER,
			price: 500,
		}));
		assert!(events().contains(&Event::DepositsClosed { dam }));

		// 1% of 500 a day, shared equally.
		run_to_block(System::block_number() + 100);
		let pending = |who| Rewards::pending_rewards(dam, &who)[0].amount;
		assert_eq!((pending(ALICE), pending(BOB)), (2, 2));
	});
}

#[test]
fn license_calls_with_bad_input() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = funded_installation(NetworkKind::Growth);
		let collateral = live_network(NetworkKind::Collateral, 1_000_000);
		let unsold = live_network(NetworkKind::Growth, 1_000_000);
		let err = |e: RewardsError<Test>| -> DispatchError { e.into() };
		let open = |network, price, supply| RewardsCall::<Test>::open_license_sale {
			network,
			price,
			supply,
			transferable: true,
		};
		check(vec![
			(
				"unknown Network",
				signed(NET_MANAGER),
				open(77, 500, 2),
				err(RewardsError::NetworkNotFound),
			),
			(
				"not the manager",
				signed(ALICE),
				open(network, 500, 2),
				err(RewardsError::NotNetworkManager),
			),
			(
				"not Growth",
				signed(NET_MANAGER),
				open(collateral, 500, 2),
				err(RewardsError::NotGrowth),
			),
			("zero price", signed(NET_MANAGER), open(network, 0, 2), err(RewardsError::ZeroAmount)),
			(
				"zero supply",
				signed(NET_MANAGER),
				open(network, 500, 0),
				err(RewardsError::InvalidSupply),
			),
			(
				"supply above the limit",
				signed(NET_MANAGER),
				open(network, 500, 5),
				err(RewardsError::InvalidSupply),
			),
			("unsigned", RuntimeOrigin::none(), open(network, 500, 2), DispatchError::BadOrigin),
		]);

		open_sale(network, 2_500, 1);
		let collateral_dam = create(config(NetworkKind::Collateral));
		install(collateral_dam, collateral);
		let buy = |dam, network, operator| Call::<Test>::buy_license { dam, network, operator };
		check(vec![
			(
				"unknown DAM",
				signed(MANAGER),
				buy(77, network, MANAGER),
				Error::<Test>::DamNotFound.into(),
			),
			(
				"not the catalyst",
				signed(ALICE),
				buy(dam, network, MANAGER),
				Error::<Test>::NotCatalyst.into(),
			),
			(
				"not a Growth DAM",
				signed(MANAGER),
				buy(collateral_dam, collateral, MANAGER),
				Error::<Test>::NotGrowth.into(),
			),
			(
				"operator not assigned",
				signed(MANAGER),
				buy(dam, network, AFFILIATE),
				Error::<Test>::NotAssigned.into(),
			),
			(
				"not installed",
				signed(MANAGER),
				buy(dam, unsold, MANAGER),
				Error::<Test>::NotInstalled.into(),
			),
		]);
		check(vec![(
			"a second sale",
			signed(NET_MANAGER),
			open(network, 500, 2),
			err(RewardsError::SaleExists),
		)]);
		install(dam, unsold);
		check(vec![
			(
				"no sale",
				signed(MANAGER),
				buy(dam, unsold, MANAGER),
				err(RewardsError::NoLicenseSale),
			),
			(
				"above idle",
				signed(MANAGER),
				buy(dam, network, MANAGER),
				Error::<Test>::InsufficientIdleAssets.into(),
			),
		]);
		assert_ok!(Dam::deposit(signed(CHARLIE), dam, 3_000, ANY_FEE, MAX_TOKENS));
		assert_ok!(Dam::buy_license(signed(MANAGER), dam, network, MANAGER));
		check(vec![(
			"sold out",
			signed(MANAGER),
			buy(dam, network, MANAGER),
			err(RewardsError::SoldOut),
		)]);
	});
}

/// A Growth DAM of ALICE and BOB (1,000 each) with `allocated` allocated to its Network, then
/// `licenses` licenses of 500 bought; the program is funded.
fn licensed(allocated: Balance, licenses: u32) -> (DamId, NetworkId) {
	let (dam, network) = funded_installation(NetworkKind::Growth);
	assert_ok!(Rewards::fund_rewards(signed(NET_MANAGER), network, 1_000_000));
	if allocated > 0 {
		assert_ok!(Dam::allocate(signed(MANAGER), dam, network, allocated));
	}
	open_sale(network, 500, 2);
	for _ in 0..licenses {
		assert_ok!(Dam::buy_license(signed(MANAGER), dam, network, MANAGER));
	}
	(dam, network)
}

fn stake_weight(network: NetworkId, dam: DamId) -> Balance {
	pallet_rewards::Pallet::<Test>::stake(network, dam).map(|s| s.weight).unwrap_or_default()
}

#[test]
fn each_license_earns_at_its_own_performance() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = licensed(0, 2);
		assert_eq!(stake_weight(network, dam), 1_000);
		assert_eq!(
			licenses(dam),
			vec![(network, 0, MANAGER, Permill::one()), (network, 1, MANAGER, Permill::one())]
		);

		assert_ok!(Rewards::report_license_performance(
			signed(NET_MANAGER),
			network,
			0,
			Permill::from_percent(50)
		));
		assert!(System::events().iter().any(|r| r.event
			== RuntimeEvent::Rewards(RewardsEvent::LicensePerformanceReported {
				network,
				item: 0,
				dam,
				score: Permill::from_percent(50),
			})));
		assert_eq!(stake_weight(network, dam), 750, "250 + 500");
		assert_eq!(Rewards::dam_licenses(dam)[0].performance, Permill::from_percent(50));
		// The installation's own score covers none of this exposure: it is all licensed.
		assert_ok!(Marketplace::report_performance(
			signed(NET_MANAGER),
			network,
			dam,
			Permill::from_percent(10)
		));
		assert_eq!(stake_weight(network, dam), 750);

		// 1% a day of 750 for ten days, shared equally.
		run_to_block(System::block_number() + 1_000);
		let pending = |who| Rewards::pending_rewards(dam, &who)[0].amount;
		assert_eq!((pending(ALICE), pending(BOB)), (37, 37));

		// A report settles what accrued at the old score first.
		assert_ok!(Rewards::report_license_performance(
			signed(NET_MANAGER),
			network,
			1,
			Permill::zero()
		));
		assert_eq!(stake_weight(network, dam), 250);
		assert_eq!((pending(ALICE), pending(BOB)), (37, 37));
	});
}

#[test]
fn the_installation_score_covers_the_unlicensed_exposure() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = licensed(1_000, 1);
		assert_eq!(stake_weight(network, dam), 1_500);
		assert_ok!(Marketplace::report_performance(
			signed(NET_MANAGER),
			network,
			dam,
			Permill::from_percent(50)
		));
		assert_eq!(stake_weight(network, dam), 1_000, "500 allocated at 50% + the license");
		assert_ok!(Rewards::report_license_performance(
			signed(NET_MANAGER),
			network,
			0,
			Permill::zero()
		));
		assert_eq!(stake_weight(network, dam), 500);
		let program = pallet_rewards::Programs::<Test>::get(network).unwrap();
		assert_eq!(program.weighted_exposure, 500);
	});
}

#[test]
fn license_performance_with_bad_input() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, network) = licensed(0, 1);
		let unsold = live_network(NetworkKind::Growth, 1_000_000);
		let report = |network, item| RewardsCall::<Test>::report_license_performance {
			network,
			item,
			score: Permill::from_percent(50),
		};
		let err = |e: RewardsError<Test>| -> DispatchError { e.into() };
		check(vec![
			(
				"unknown Network",
				signed(NET_MANAGER),
				report(77, 0),
				err(RewardsError::NetworkNotFound),
			),
			(
				"not the manager",
				signed(ALICE),
				report(network, 0),
				err(RewardsError::NotNetworkManager),
			),
			(
				"unsold item",
				signed(NET_MANAGER),
				report(network, 1),
				err(RewardsError::LicenseNotFound),
			),
			("no sale", signed(NET_MANAGER), report(unsold, 0), err(RewardsError::LicenseNotFound)),
			("unsigned", RuntimeOrigin::none(), report(network, 0), DispatchError::BadOrigin),
		]);
	});
}

/// The licenses `dam` holds: the Network, the item, its Operator and its performance.
fn licenses(dam: DamId) -> Vec<(NetworkId, u32, AccountId, Permill)> {
	Rewards::dam_licenses(dam)
		.into_iter()
		.map(|l| (l.network, l.item, l.operator, l.performance))
		.collect()
}
