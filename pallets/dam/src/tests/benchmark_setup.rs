//! The set-up this pallet offers the other pallets' benchmarks, run against the doubles.

use super::*;
use nektar_primitives::InstallationStatus;
use polkadot_sdk::sp_runtime::Perbill;

#[test]
fn the_benchmark_set_up_builds_dams_through_the_pallets_own_calls() {
	ExtBuilder::default().build_and_execute(|| {
		const RUNNER: AccountId = 50;
		let id = <Dam as DamProvider>::benchmark_dam(NetworkKind::Growth, &RUNNER);
		assert!(MockMarketplace::is_operator(&RUNNER), "registered on the way");
		assert_eq!(DamOperators::<Test>::get(id, RUNNER), Some(OperatorRole::Independent));
		let record = dam(id);
		assert_eq!(
			(record.manager, record.fee, record.fee_mutable),
			(RUNNER, Perbill::zero(), false)
		);

		<Dam as DamProvider>::benchmark_deposit(id, &ALICE, 1_000);
		assert_eq!(Shares::<Test>::get(id, ALICE), 1_000_000.into());

		let network = MockMarketplace::benchmark_network(NetworkKind::Growth, 100);
		<Dam as DamProvider>::benchmark_install(id, network, 300);
		let installation = MockMarketplace::installation(network, id).expect("installed");
		assert_eq!((installation.status, installation.exposure), (InstallationStatus::Active, 300));
		assert_eq!((dam(id).idle, dam(id).closed), (700, true));

		MockLicenses::benchmark_license_sale(network);
		<Dam as DamProvider>::benchmark_buy_license(id, network);
		assert_eq!((exposure(network, id), dam(id).idle), (400, 600));

		// Holders written straight into the ledger, at the exchange rate.
		let before = dam(id);
		let usd_before = usd_of(Dam::dam_account(id));
		let holders = <Dam as DamProvider>::benchmark_holders(id, 3);
		assert_eq!(holders.len(), 3);
		let after = dam(id);
		assert!(holders.iter().all(|who| Shares::<Test>::get(id, who) == 1_000_000.into()));
		assert_eq!(after.total_shares.0, before.total_shares.0 + 3_000_000);
		// The assets behind them are in the DAM's account, as deposits would have put them.
		assert_eq!(
			usd_of(Dam::dam_account(id)) - usd_before,
			after.idle - before.idle,
			"the new shares are backed"
		);
		assert_eq!(
			shares::assets_for::<Test>(&after, 1_000_000.into()),
			shares::assets_for::<Test>(&before, 1_000_000.into())
		);
	});
}
