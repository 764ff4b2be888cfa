//! Creating DAMs and changing their fee, gatekeeper and catalyst.

use crate::{mock::*, *};
use frame_support::traits::fungible::NativeOrWithId;
use frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold};
use pallet_dam::*;
use polkadot_sdk::sp_runtime::{DispatchError, Perbill};

#[test]
fn create_holds_a_deposit_and_assigns_the_independent_operator() {
	ExtBuilder::default().build_and_execute(|| {
		let id = create(config(NetworkKind::Collateral));
		let dam = Dams::<Test>::get(id).unwrap();
		// 200 base + "Dam" + "deUSD".
		assert_eq!(dam.deposit, 208);
		assert_eq!(Balances::balance_on_hold(&HoldReason::DamDeposit.into(), &MANAGER), 208);
		assert_eq!((dam.gatekeeper, dam.catalyst), (MANAGER, MANAGER));
		assert_eq!(DamOperators::<Test>::get(id, MANAGER), Some(OperatorRole::Independent));
		assert_eq!(Assignments::<Test>::get(MANAGER), 1);
		assert_eq!(dam.operators, 1);
		assert!(System::account_exists(&Dam::dam_account(id)));
		assert_eq!(
			events(),
			vec![
				Event::DamCreated {
					dam: id,
					manager: MANAGER,
					kind: NetworkKind::Collateral,
					deposit_asset: usd(),
					account: Dam::dam_account(id),
					deposit: 208
				},
				Event::OperatorAssigned {
					dam: id,
					operator: MANAGER,
					role: OperatorRole::Independent
				},
			]
		);
	});
}

#[test]
fn a_dam_without_its_own_operator_needs_no_registration() {
	ExtBuilder::default().build_and_execute(|| {
		let mut c = config(NetworkKind::Growth);
		c.independent_operator = false;
		c.gatekeeper = Some(BOB);
		c.catalyst = Some(CHARLIE);
		let id = create(c);
		let dam = Dams::<Test>::get(id).unwrap();
		assert_eq!((dam.gatekeeper, dam.catalyst, dam.operators), (BOB, CHARLIE, 0));
		assert_eq!(Assignments::<Test>::get(MANAGER), 0);
	});
}

#[test]
fn bad_creations_fail_with_named_errors_and_change_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		let call = |who, c: DamConfigOf<Test>, name: Vec<u8>, symbol: Vec<u8>, url: Vec<u8>| {
			Dam::create_dam(RuntimeOrigin::signed(who), c, name, symbol, url, vec![], vec![])
		};
		let ok = || config(NetworkKind::Growth);
		let with = |f: fn(&mut DamConfigOf<Test>)| {
			let mut c = ok();
			f(&mut c);
			c
		};
		assert_noop!(
			Dam::create_dam(
				RuntimeOrigin::none(),
				ok(),
				b"D".to_vec(),
				b"d".to_vec(),
				vec![],
				vec![],
				vec![]
			),
			DispatchError::BadOrigin
		);
		// MANAGER is not a registered Operator yet.
		assert_noop!(
			call(MANAGER, ok(), b"D".to_vec(), b"d".to_vec(), vec![]),
			Error::<Test>::NotOperator
		);
		register_operator(MANAGER);
		assert_noop!(
			call(
				MANAGER,
				with(|c| c.deposit_asset = NativeOrWithId::WithId(42)),
				b"D".to_vec(),
				b"d".to_vec(),
				vec![]
			),
			Error::<Test>::AssetNotWhitelisted
		);
		assert_noop!(
			call(
				MANAGER,
				with(|c| c.fee = Perbill::from_percent(21)),
				b"D".to_vec(),
				b"d".to_vec(),
				vec![]
			),
			Error::<Test>::FeeTooHigh
		);
		assert_noop!(call(MANAGER, ok(), vec![], b"d".to_vec(), vec![]), Error::<Test>::EmptyName);
		assert_noop!(
			call(MANAGER, ok(), b"D".to_vec(), vec![], vec![]),
			Error::<Test>::EmptyReceiptSymbol
		);
		assert_noop!(
			call(MANAGER, ok(), b"D".to_vec(), b"d".to_vec(), vec![b'x'; 33]),
			Error::<Test>::MetadataTooLong
		);
		assert_noop!(
			call(
				1_000,
				with(|c| c.independent_operator = false),
				b"D".to_vec(),
				b"d".to_vec(),
				vec![]
			),
			polkadot_sdk::sp_runtime::TokenError::FundsUnavailable
		);
	});
}

#[test]
fn mutable_settings_change_and_immutable_ones_do_not() {
	ExtBuilder::default().build_and_execute(|| {
		let id = create(config(NetworkKind::Growth));
		assert_noop!(
			Dam::set_fee(RuntimeOrigin::signed(BOB), id, Perbill::from_percent(1)),
			Error::<Test>::NotManager
		);
		assert_noop!(
			Dam::set_fee(RuntimeOrigin::signed(MANAGER), 9, Perbill::from_percent(1)),
			Error::<Test>::DamNotFound
		);
		assert_noop!(
			Dam::set_fee(RuntimeOrigin::signed(MANAGER), id, Perbill::from_percent(25)),
			Error::<Test>::FeeTooHigh
		);
		assert_ok!(Dam::set_fee(RuntimeOrigin::signed(MANAGER), id, Perbill::from_percent(5)));
		assert_ok!(Dam::set_gatekeeper(RuntimeOrigin::signed(MANAGER), id, BOB));
		assert_ok!(Dam::set_catalyst(RuntimeOrigin::signed(MANAGER), id, CHARLIE));
		let dam = Dams::<Test>::get(id).unwrap();
		// A raise waits `fee_increase_delay`.
		assert_eq!(
			(dam.fee, dam.pending_fee, dam.gatekeeper, dam.catalyst),
			(Perbill::zero(), Some((Perbill::from_percent(5), 1 + 5)), BOB, CHARLIE)
		);
		assert_eq!(Dam::dam_details(id).unwrap().fee_now, Perbill::zero());
		run_to_block(1 + 5);
		assert_eq!(Dam::dam_details(id).unwrap().fee_now, Perbill::from_percent(5));

		let mut c = config(NetworkKind::Growth);
		c.fee_mutable = false;
		c.gatekeeper_mutable = false;
		c.catalyst_mutable = false;
		let fixed = create(c);
		assert_noop!(
			Dam::set_fee(RuntimeOrigin::signed(MANAGER), fixed, Perbill::zero()),
			Error::<Test>::FeeImmutable
		);
		assert_noop!(
			Dam::set_gatekeeper(RuntimeOrigin::signed(MANAGER), fixed, BOB),
			Error::<Test>::GatekeeperImmutable
		);
		assert_noop!(
			Dam::set_catalyst(RuntimeOrigin::signed(MANAGER), fixed, BOB),
			Error::<Test>::CatalystImmutable
		);
	});
}
