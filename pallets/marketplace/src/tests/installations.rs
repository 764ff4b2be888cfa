//! Installations: requested through the DAM pallet, answered by the Network manager, with the
//! Network's caps enforced.

use super::*;
use frame_support::{assert_noop, assert_ok};
use nektar_primitives::DamView;
use polkadot_sdk::sp_runtime::{DispatchError, Permill};

type Api = Marketplace;

fn dam(kind: NetworkKind) -> DamView<AccountId, AssetKind> {
	DamView { kind, deposit_asset: usd(), manager: STRANGER }
}

fn register_operator() {
	assert_ok!(Marketplace::register_operator(
		RuntimeOrigin::signed(OPERATOR),
		b"Op".to_vec(),
		vec![]
	));
}

fn request(network: NetworkId, dam_id: DamId) -> Result<(), DispatchError> {
	<Api as InstallationLedger>::request_installation(
		network,
		dam_id,
		dam(NetworkKind::Collateral),
		OPERATOR,
	)
}

fn active_installation() -> NetworkId {
	register_operator();
	let id = live_network(NetworkKind::Collateral);
	assert_ok!(request(id, 0));
	assert_ok!(Marketplace::confirm_installation(RuntimeOrigin::signed(MANAGER), id, 0, None));
	id
}

#[test]
fn request_then_confirm() {
	ExtBuilder::build_and_execute(|| {
		register_operator();
		let id = live_network(NetworkKind::Collateral);
		assert_ok!(request(id, 0));
		let installation = Installations::<Test>::get(id, 0).unwrap();
		assert_eq!(installation.status, InstallationStatus::Requested);
		assert_eq!(installation.operator, OPERATOR);
		assert_eq!(installation.performance, Permill::one());
		assert_eq!(Networks::<Test>::get(id).unwrap().requests, 1);

		assert_noop!(
			Marketplace::confirm_installation(RuntimeOrigin::signed(STRANGER), id, 0, None),
			Error::<Test>::NotNetworkManager
		);
		assert_noop!(
			Marketplace::confirm_installation(RuntimeOrigin::signed(MANAGER), id, 1, None),
			Error::<Test>::InstallationNotFound
		);
		assert_noop!(
			Marketplace::confirm_installation(RuntimeOrigin::signed(MANAGER), 9, 0, None),
			Error::<Test>::NetworkNotFound
		);
		assert_noop!(
			Marketplace::confirm_installation(RuntimeOrigin::signed(MANAGER), id, 0, Some(99)),
			Error::<Test>::InvalidMaxExposure
		);
		assert_noop!(
			Marketplace::confirm_installation(RuntimeOrigin::signed(MANAGER), id, 0, Some(10_001)),
			Error::<Test>::InvalidMaxExposure
		);
		assert_ok!(Marketplace::confirm_installation(
			RuntimeOrigin::signed(MANAGER),
			id,
			0,
			Some(5_000)
		));
		let installation = Installations::<Test>::get(id, 0).unwrap();
		assert_eq!(installation.status, InstallationStatus::Active);
		assert_eq!(installation.max_exposure, 5_000);
		let network = Networks::<Test>::get(id).unwrap();
		assert_eq!((network.installations, network.requests), (1, 0));
		assert_eq!(
			events().last(),
			Some(&Event::InstallationConfirmed { network: id, dam: 0, max_exposure: 5_000 })
		);
		assert_noop!(
			Marketplace::confirm_installation(RuntimeOrigin::signed(MANAGER), id, 0, None),
			Error::<Test>::InstallationNotRequested
		);
	});
}

#[test]
fn requests_are_checked_against_the_network() {
	ExtBuilder::build_and_execute(|| {
		let pending = register(terms(NetworkKind::Collateral)).unwrap();
		assert_eq!(request(pending, 0), Err(Error::<Test>::NetworkNotLive.into()));
		let id = live_network(NetworkKind::Collateral);
		assert_eq!(request(id, 0), Err(Error::<Test>::NotOperator.into()));
		register_operator();
		assert_eq!(request(99, 0), Err(Error::<Test>::NetworkNotFound.into()));
		assert_eq!(
			<Api as InstallationLedger>::request_installation(
				id,
				0,
				dam(NetworkKind::Growth),
				OPERATOR
			),
			Err(Error::<Test>::KindMismatch.into())
		);
		assert_eq!(
			<Api as InstallationLedger>::request_installation(
				id,
				0,
				DamView {
					kind: NetworkKind::Collateral,
					deposit_asset: NativeOrWithId::Native,
					manager: STRANGER
				},
				OPERATOR
			),
			Err(Error::<Test>::DepositAssetMismatch.into())
		);
		assert_ok!(request(id, 0));
		assert_eq!(request(id, 0), Err(Error::<Test>::InstallationExists.into()));
		// Requests wait without taking the confirmed installations' room; they are bounded by
		// `MaxOperatorsPerNetwork` (8) on their own.
		for dam in 1..8 {
			assert_ok!(request(id, dam));
		}
		assert_eq!(request(id, 8), Err(Error::<Test>::TooManyRequests.into()));
		// operators_requested is 3: three confirmations fit, and then no more requests.
		for dam in 0..3 {
			assert_ok!(Marketplace::confirm_installation(
				RuntimeOrigin::signed(MANAGER),
				id,
				dam,
				None
			));
		}
		assert_noop!(
			Marketplace::confirm_installation(RuntimeOrigin::signed(MANAGER), id, 3, None),
			Error::<Test>::OperatorCapReached
		);
		assert_ok!(Marketplace::refuse_installation(RuntimeOrigin::signed(MANAGER), id, 3));
		assert_eq!(request(id, 8), Err(Error::<Test>::OperatorCapReached.into()));
		assert_ok!(Marketplace::suspend_network(RuntimeOrigin::root(), id));
		assert_noop!(
			Marketplace::confirm_installation(RuntimeOrigin::signed(MANAGER), id, 0, None),
			Error::<Test>::NetworkNotLive
		);
	});
}

#[test]
fn refusing_drops_the_request_on_both_sides() {
	ExtBuilder::build_and_execute(|| {
		register_operator();
		let id = live_network(NetworkKind::Collateral);
		assert_ok!(request(id, 4));
		assert_noop!(
			Marketplace::refuse_installation(RuntimeOrigin::signed(STRANGER), id, 4),
			Error::<Test>::NotNetworkManager
		);
		assert_ok!(Marketplace::refuse_installation(RuntimeOrigin::signed(MANAGER), id, 4));
		assert!(Installations::<Test>::get(id, 4).is_none());
		assert_eq!(DROPPED.with(|d| d.borrow().clone()), vec![(id, 4)]);
		assert_eq!(Networks::<Test>::get(id).unwrap().requests, 0);
		assert_noop!(
			Marketplace::refuse_installation(RuntimeOrigin::signed(MANAGER), id, 4),
			Error::<Test>::InstallationNotFound
		);
		assert_ok!(request(id, 5));
		assert_ok!(Marketplace::confirm_installation(RuntimeOrigin::signed(MANAGER), id, 5, None));
		assert_noop!(
			Marketplace::refuse_installation(RuntimeOrigin::signed(MANAGER), id, 5),
			Error::<Test>::InstallationNotRequested
		);
	});
}

#[test]
fn exposure_respects_minimum_maximum_and_network_cap() {
	ExtBuilder::build_and_execute(|| {
		let id = active_installation();
		let set =
			|dam_id, exposure| <Api as InstallationLedger>::set_exposure(id, dam_id, exposure);
		assert_eq!(set(0, 99), Err(Error::<Test>::ExposureBelowMinimum.into()));
		assert_eq!(set(0, 10_001), Err(Error::<Test>::ExposureAboveMaximum.into()));
		assert_ok!(set(0, 6_000));
		assert_eq!(Networks::<Test>::get(id).unwrap().total_exposure, 6_000);
		assert_eq!(
			events().last(),
			Some(&Event::ExposureSet {
				network: id,
				dam: 0,
				exposure: 6_000,
				network_total: 6_000
			})
		);

		assert_ok!(request(id, 1));
		assert_eq!(set(1, 100), Err(Error::<Test>::InstallationNotActive.into()));
		assert_ok!(Marketplace::confirm_installation(RuntimeOrigin::signed(MANAGER), id, 1, None));
		assert_eq!(set(1, 4_001), Err(Error::<Test>::AmountRequestedExceeded.into()));
		assert_ok!(set(1, 4_000));
		assert_ok!(set(0, 1_000));
		assert_eq!(Networks::<Test>::get(id).unwrap().total_exposure, 5_000);
		assert_ok!(set(0, 0));
		assert_eq!(set(7, 100), Err(Error::<Test>::InstallationNotFound.into()));
	});
}

#[test]
fn exposure_only_shrinks_once_the_network_is_not_live() {
	ExtBuilder::build_and_execute(|| {
		let id = active_installation();
		let set = |exposure| <Api as InstallationLedger>::set_exposure(id, 0, exposure);
		assert_ok!(set(1_000));
		assert_ok!(Marketplace::suspend_network(RuntimeOrigin::root(), id));
		assert_eq!(set(2_000), Err(Error::<Test>::NetworkNotLive.into()));
		assert_ok!(set(500));
	});
}

#[test]
fn an_installation_is_removed_only_without_exposure() {
	ExtBuilder::build_and_execute(|| {
		let id = active_installation();
		let api_set = |exposure| <Api as InstallationLedger>::set_exposure(id, 0, exposure);
		let remove = || <Api as InstallationLedger>::remove_installation(id, 0);
		assert_ok!(api_set(1_000));
		assert_eq!(remove(), Err(Error::<Test>::ExposureOutstanding.into()));
		assert_ok!(api_set(0));
		// A lowered Collateral commitment stays slashable for `commitment_delay` (5 here).
		let lowered_at = System::block_number();
		assert_eq!(
			Installations::<Test>::get(id, 0).map(|i| (i.held_exposure, i.held_until)),
			Some((1_000, lowered_at + 5))
		);
		assert_eq!(remove(), Err(Error::<Test>::CommitmentStillSlashable.into()));
		System::set_block_number(lowered_at + 5);
		assert_ok!(remove());
		assert!(Installations::<Test>::get(id, 0).is_none());
		assert_eq!(Networks::<Test>::get(id).unwrap().installations, 0);
		assert_eq!(remove(), Err(Error::<Test>::InstallationNotFound.into()));
	});
}

#[test]
fn the_manager_reports_performance_of_active_installations() {
	ExtBuilder::build_and_execute(|| {
		let id = active_installation();
		let half = Permill::from_percent(50);
		assert_noop!(
			Marketplace::report_performance(RuntimeOrigin::signed(STRANGER), id, 0, half),
			Error::<Test>::NotNetworkManager
		);
		assert_noop!(
			Marketplace::report_performance(RuntimeOrigin::signed(MANAGER), id, 3, half),
			Error::<Test>::InstallationNotFound
		);
		assert_ok!(Marketplace::report_performance(RuntimeOrigin::signed(MANAGER), id, 0, half));
		assert_eq!(Installations::<Test>::get(id, 0).unwrap().performance, half);
		assert_eq!(
			events().last(),
			Some(&Event::PerformanceReported { network: id, dam: 0, score: half })
		);
		assert_ok!(request(id, 1));
		assert_noop!(
			Marketplace::report_performance(RuntimeOrigin::signed(MANAGER), id, 1, half),
			Error::<Test>::InstallationNotActive
		);
	});
}
