//! Registering Networks and moving them through their statuses.

use super::*;
use frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold};
use polkadot_sdk::sp_runtime::{DispatchError, Perbill, TokenError};

/// The metadata of `register` takes 3 + 9 + 9 + 4 bytes.
const REGISTRATION_DEPOSIT: Balance = 100 + 25;

#[test]
fn register_holds_deposit_and_bond_and_waits_for_governance() {
	ExtBuilder::build_and_execute(|| {
		let id = register(terms(NetworkKind::Liquidity)).unwrap();
		let network = Networks::<Test>::get(id).unwrap();
		assert_eq!(network.status, NetworkStatus::Pending);
		assert_eq!(network.deposit, REGISTRATION_DEPOSIT);
		assert_eq!(network.bond, 500);
		assert_eq!(
			Balances::balance_on_hold(&HoldReason::NetworkDeposit.into(), &MANAGER),
			REGISTRATION_DEPOSIT
		);
		assert_eq!(Balances::balance_on_hold(&HoldReason::ReturnBond.into(), &MANAGER), 500);
		assert_eq!(
			events(),
			vec![Event::NetworkRegistered {
				network: id,
				manager: MANAGER,
				kind: NetworkKind::Liquidity,
				deposit: REGISTRATION_DEPOSIT,
				bond: 500
			}]
		);
		assert_eq!(NextNetworkId::<Test>::get(), id + 1);
	});
}

#[test]
fn every_kind_registers_with_its_own_fields() {
	ExtBuilder::build_and_execute(|| {
		for kind in [NetworkKind::Liquidity, NetworkKind::Growth, NetworkKind::Collateral] {
			let id = register(terms(kind)).unwrap();
			assert_eq!(Networks::<Test>::get(id).unwrap().terms.kind, kind);
		}
	});
}

#[test]
fn invalid_terms_get_their_named_error_and_change_nothing() {
	type Case = (&'static str, NetworkKind, fn(&mut NetworkTermsOf<Test>), Error<Test>);
	let cases: Vec<Case> = vec![
		(
			"deposit asset not whitelisted",
			NetworkKind::Growth,
			|t| t.deposit_asset = NativeOrWithId::WithId(OTHER),
			Error::AssetNotWhitelisted,
		),
		(
			"reward asset not whitelisted",
			NetworkKind::Growth,
			|t| t.reward_asset = NativeOrWithId::WithId(OTHER),
			Error::AssetNotWhitelisted,
		),
		(
			"zero amount requested",
			NetworkKind::Growth,
			|t| {
				t.amount_requested = 0;
				t.min_allocation = 0
			},
			Error::ZeroAmountRequested,
		),
		(
			"zero min allocation",
			NetworkKind::Growth,
			|t| t.min_allocation = 0,
			Error::ZeroMinAllocation,
		),
		(
			"min above requested",
			NetworkKind::Growth,
			|t| t.min_allocation = t.amount_requested + 1,
			Error::MinAllocationAboveRequested,
		),
		(
			"zero operators",
			NetworkKind::Growth,
			|t| t.operators_requested = 0,
			Error::ZeroOperatorsRequested,
		),
		(
			"too many operators",
			NetworkKind::Growth,
			|t| t.operators_requested = 9,
			Error::TooManyOperatorsRequested,
		),
		("zero duration", NetworkKind::Growth, |t| t.duration = 0, Error::ZeroDuration),
		(
			"zero rates",
			NetworkKind::Growth,
			|t| {
				t.delegator_rate = FixedU128::zero();
				t.operator_rate = 0
			},
			Error::ZeroRewardRates,
		),
		(
			"commission above the protocol's",
			NetworkKind::Collateral,
			|t| t.operator_commission = Perbill::from_percent(51),
			Error::OperatorCommissionAboveMax,
		),
		(
			"growth without lock",
			NetworkKind::Growth,
			|t| t.lock_period = None,
			Error::MissingLockPeriod,
		),
		(
			"liquidity without lock",
			NetworkKind::Liquidity,
			|t| t.lock_period = None,
			Error::MissingLockPeriod,
		),
		("zero lock", NetworkKind::Growth, |t| t.lock_period = Some(0), Error::ZeroLockPeriod),
		(
			"collateral with lock",
			NetworkKind::Collateral,
			|t| t.lock_period = Some(5),
			Error::UnexpectedLockPeriod,
		),
		(
			"collateral without penalty",
			NetworkKind::Collateral,
			|t| t.penalty = None,
			Error::MissingPenaltyTerms,
		),
		(
			"growth with penalty",
			NetworkKind::Growth,
			|t| t.penalty = terms(NetworkKind::Collateral).penalty,
			Error::UnexpectedPenaltyTerms,
		),
		(
			"zero max penalty",
			NetworkKind::Collateral,
			|t| t.penalty.as_mut().unwrap().max_penalty = Perbill::zero(),
			Error::ZeroMaxPenalty,
		),
		(
			"short dispute window",
			NetworkKind::Collateral,
			|t| t.penalty.as_mut().unwrap().dispute_window = 2,
			Error::DisputeWindowTooShort,
		),
		("liquidity without safe", NetworkKind::Liquidity, |t| t.safe = None, Error::MissingSafe),
		("growth with safe", NetworkKind::Growth, |t| t.safe = Some(SAFE), Error::UnexpectedSafe),
		(
			"collateral to safe without safe",
			NetworkKind::Collateral,
			|t| t.penalty.as_mut().unwrap().destination = PenaltyDestination::Safe,
			Error::MissingSafe,
		),
		(
			"collateral to treasury with safe",
			NetworkKind::Collateral,
			|t| t.safe = Some(SAFE),
			Error::UnexpectedSafe,
		),
		(
			"liquidity without bond",
			NetworkKind::Liquidity,
			|t| t.return_bond = None,
			Error::MissingReturnBond,
		),
		(
			"liquidity with zero bond",
			NetworkKind::Liquidity,
			|t| t.return_bond = Some(0),
			Error::MissingReturnBond,
		),
		(
			"growth with bond",
			NetworkKind::Growth,
			|t| t.return_bond = Some(1),
			Error::UnexpectedReturnBond,
		),
		(
			"collateral with bond",
			NetworkKind::Collateral,
			|t| t.return_bond = Some(1),
			Error::UnexpectedReturnBond,
		),
	];
	ExtBuilder::build_and_execute(|| {
		for (name, kind, change, error) in cases {
			let mut t = terms(kind);
			change(&mut t);
			let before = state_root();
			assert_eq!(register(t), Err(error.into()), "case: {name}");
			assert_eq!(before, state_root(), "case {name} changed storage");
		}
	});
}

#[test]
fn bad_metadata_gets_its_named_error() {
	ExtBuilder::build_and_execute(|| {
		let long = vec![b'x'; 33];
		let call = |name: Vec<u8>, description: Vec<u8>, url: Vec<u8>, symbol: Vec<u8>| {
			Marketplace::register_network(
				RuntimeOrigin::signed(MANAGER),
				terms(NetworkKind::Growth),
				name,
				description,
				url,
				symbol,
			)
		};
		assert_noop!(call(long.clone(), vec![], vec![], b"r".to_vec()), Error::<Test>::NameTooLong);
		assert_noop!(
			call(b"n".to_vec(), long.clone(), vec![], b"r".to_vec()),
			Error::<Test>::DescriptionTooLong
		);
		assert_noop!(
			call(b"n".to_vec(), vec![], long.clone(), b"r".to_vec()),
			Error::<Test>::UrlTooLong
		);
		assert_noop!(
			call(b"n".to_vec(), vec![], vec![], long.clone()),
			Error::<Test>::SymbolTooLong
		);
		assert_noop!(call(vec![], vec![], vec![], b"r".to_vec()), Error::<Test>::EmptyName);
		assert_noop!(call(b"n".to_vec(), vec![], vec![], vec![]), Error::<Test>::EmptyRewardSymbol);
		assert_noop!(
			Marketplace::register_network(
				RuntimeOrigin::none(),
				terms(NetworkKind::Growth),
				b"n".to_vec(),
				vec![],
				vec![],
				b"r".to_vec()
			),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn register_without_funds_for_the_deposit_fails_cleanly() {
	ExtBuilder::build_and_execute(|| {
		let poor: AccountId = 42;
		assert_noop!(
			Marketplace::register_network(
				RuntimeOrigin::signed(poor),
				terms(NetworkKind::Growth),
				b"n".to_vec(),
				vec![],
				vec![],
				b"r".to_vec()
			),
			TokenError::FundsUnavailable
		);
	});
}

#[test]
fn governance_whitelists_or_rejects_a_pending_network() {
	ExtBuilder::build_and_execute(|| {
		let a = register(terms(NetworkKind::Liquidity)).unwrap();
		let b = register(terms(NetworkKind::Liquidity)).unwrap();
		assert_noop!(
			Marketplace::whitelist_network(RuntimeOrigin::signed(MANAGER), a),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Marketplace::reject_network(RuntimeOrigin::signed(MANAGER), a),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Marketplace::whitelist_network(RuntimeOrigin::root(), 99),
			Error::<Test>::NetworkNotFound
		);

		run_to_block(7);
		assert_ok!(Marketplace::whitelist_network(RuntimeOrigin::root(), a));
		let network = Networks::<Test>::get(a).unwrap();
		assert_eq!(network.status, NetworkStatus::Live);
		assert_eq!(network.live_since, Some(7));
		assert_noop!(
			Marketplace::whitelist_network(RuntimeOrigin::root(), a),
			Error::<Test>::NetworkNotPending
		);
		assert_noop!(
			Marketplace::reject_network(RuntimeOrigin::root(), a),
			Error::<Test>::NetworkNotPending
		);

		let held = Balances::balance_on_hold(&HoldReason::NetworkDeposit.into(), &MANAGER);
		assert_ok!(Marketplace::reject_network(RuntimeOrigin::root(), b));
		assert!(Networks::<Test>::get(b).is_none());
		assert!(Metadata::<Test>::get(b).is_none());
		assert_eq!(
			Balances::balance_on_hold(&HoldReason::NetworkDeposit.into(), &MANAGER),
			held - REGISTRATION_DEPOSIT
		);
		assert_eq!(Balances::balance_on_hold(&HoldReason::ReturnBond.into(), &MANAGER), 500);
		assert_eq!(
			events().last(),
			Some(&Event::NetworkRejected {
				network: b,
				deposit_released: REGISTRATION_DEPOSIT,
				bond_released: 500
			})
		);
	});
}

#[test]
fn suspend_resume_and_end() {
	ExtBuilder::build_and_execute(|| {
		let id = register(terms(NetworkKind::Growth)).unwrap();
		assert_noop!(
			Marketplace::suspend_network(RuntimeOrigin::root(), id),
			Error::<Test>::NetworkNotLive
		);
		assert_noop!(
			Marketplace::end_network(RuntimeOrigin::signed(STRANGER), id),
			Error::<Test>::NetworkNotLive
		);
		assert_ok!(Marketplace::whitelist_network(RuntimeOrigin::root(), id));
		assert_noop!(
			Marketplace::resume_network(RuntimeOrigin::root(), id),
			Error::<Test>::NetworkNotSuspended
		);
		assert_noop!(
			Marketplace::suspend_network(RuntimeOrigin::signed(MANAGER), id),
			DispatchError::BadOrigin
		);
		assert_ok!(Marketplace::suspend_network(RuntimeOrigin::root(), id));
		assert_eq!(Networks::<Test>::get(id).unwrap().status, NetworkStatus::Suspended);
		assert_ok!(Marketplace::resume_network(RuntimeOrigin::root(), id));
		assert_eq!(Networks::<Test>::get(id).unwrap().status, NetworkStatus::Live);

		// Live since block 1 with a duration of 50: it may end from block 51.
		run_to_block(50);
		assert_noop!(
			Marketplace::end_network(RuntimeOrigin::signed(STRANGER), id),
			Error::<Test>::DurationNotOver
		);
		run_to_block(51);
		assert_noop!(Marketplace::end_network(RuntimeOrigin::none(), id), DispatchError::BadOrigin);
		assert_ok!(Marketplace::end_network(RuntimeOrigin::signed(STRANGER), id));
		assert_eq!(Networks::<Test>::get(id).unwrap().status, NetworkStatus::Ended);
		assert_eq!(events().last(), Some(&Event::NetworkEnded { network: id, at: 51 }));
		assert_noop!(
			Marketplace::end_network(RuntimeOrigin::signed(STRANGER), id),
			Error::<Test>::NetworkNotLive
		);
		assert_noop!(
			Marketplace::suspend_network(RuntimeOrigin::root(), id),
			Error::<Test>::NetworkNotLive
		);
	});
}

#[test]
fn a_suspended_network_can_still_end() {
	ExtBuilder::build_and_execute(|| {
		let id = live_network(NetworkKind::Collateral);
		assert_ok!(Marketplace::suspend_network(RuntimeOrigin::root(), id));
		run_to_block(100);
		assert_ok!(Marketplace::end_network(RuntimeOrigin::signed(STRANGER), id));
	});
}

#[test]
fn metadata_changes_and_the_deposit_follows() {
	ExtBuilder::build_and_execute(|| {
		let id = live_network(NetworkKind::Growth);
		assert_noop!(
			Marketplace::set_network_metadata(
				RuntimeOrigin::signed(STRANGER),
				id,
				b"x".to_vec(),
				vec![],
				vec![],
				b"r".to_vec()
			),
			Error::<Test>::NotNetworkManager
		);
		assert_ok!(Marketplace::set_network_metadata(
			RuntimeOrigin::signed(MANAGER),
			id,
			b"A longer name".to_vec(),
			b"A much longer description".to_vec(),
			vec![],
			b"rNET".to_vec()
		));
		let deposit = 100 + 13 + 25 + 4;
		assert_eq!(Networks::<Test>::get(id).unwrap().deposit, deposit);
		assert_eq!(
			Balances::balance_on_hold(&HoldReason::NetworkDeposit.into(), &MANAGER),
			deposit
		);
		assert_ok!(Marketplace::set_network_metadata(
			RuntimeOrigin::signed(MANAGER),
			id,
			b"N".to_vec(),
			vec![],
			vec![],
			b"r".to_vec()
		));
		assert_eq!(Balances::balance_on_hold(&HoldReason::NetworkDeposit.into(), &MANAGER), 102);
		assert_eq!(Metadata::<Test>::get(id).unwrap().name.to_vec(), b"N".to_vec());
	});
}

#[test]
fn a_commission_up_to_the_protocols_highest_is_part_of_the_terms() {
	ExtBuilder::build_and_execute(|| {
		let mut t = terms(NetworkKind::Collateral);
		t.operator_commission = Perbill::from_percent(50);
		let id = register(t).unwrap();
		let network = Networks::<Test>::get(id).unwrap();
		assert_eq!(network.terms.operator_commission, Perbill::from_percent(50));
		assert_eq!(
			<Marketplace as MarketplaceInspect>::network(id).map(|n| n.operator_commission),
			Some(Perbill::from_percent(50))
		);
	});
}
