//! The Operator registry.

use super::*;
use frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold};
use polkadot_sdk::sp_runtime::DispatchError;

#[test]
fn anyone_registers_as_operator_with_a_deposit() {
	ExtBuilder::build_and_execute(|| {
		assert_ok!(Marketplace::register_operator(
			RuntimeOrigin::signed(OPERATOR),
			b"Op".to_vec(),
			b"https://op".to_vec()
		));
		let deposit = 50 + 2 + 10;
		assert_eq!(Operators::<Test>::get(OPERATOR).unwrap().deposit, deposit);
		assert_eq!(
			Balances::balance_on_hold(&HoldReason::OperatorDeposit.into(), &OPERATOR),
			deposit
		);
		assert_eq!(events(), vec![Event::OperatorRegistered { operator: OPERATOR, deposit }]);
		assert!(<Marketplace as MarketplaceInspect>::is_operator(&OPERATOR));
	});
}

#[test]
fn bad_operator_registrations_fail_with_named_errors() {
	ExtBuilder::build_and_execute(|| {
		assert_noop!(
			Marketplace::register_operator(RuntimeOrigin::none(), b"Op".to_vec(), vec![]),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Marketplace::register_operator(RuntimeOrigin::signed(OPERATOR), vec![], vec![]),
			Error::<Test>::EmptyName
		);
		assert_noop!(
			Marketplace::register_operator(RuntimeOrigin::signed(OPERATOR), vec![b'x'; 33], vec![]),
			Error::<Test>::NameTooLong
		);
		assert_noop!(
			Marketplace::register_operator(
				RuntimeOrigin::signed(OPERATOR),
				b"Op".to_vec(),
				vec![b'x'; 33]
			),
			Error::<Test>::UrlTooLong
		);
		assert_ok!(Marketplace::register_operator(
			RuntimeOrigin::signed(OPERATOR),
			b"Op".to_vec(),
			vec![]
		));
		assert_noop!(
			Marketplace::register_operator(RuntimeOrigin::signed(OPERATOR), b"Op".to_vec(), vec![]),
			Error::<Test>::AlreadyOperator
		);
	});
}

#[test]
fn an_operator_leaves_only_without_assignments() {
	ExtBuilder::build_and_execute(|| {
		assert_noop!(
			Marketplace::deregister_operator(RuntimeOrigin::signed(OPERATOR)),
			Error::<Test>::NotOperator
		);
		assert_ok!(Marketplace::register_operator(
			RuntimeOrigin::signed(OPERATOR),
			b"Op".to_vec(),
			vec![]
		));
		ASSIGNED.with(|a| a.borrow_mut().insert(OPERATOR));
		assert_noop!(
			Marketplace::deregister_operator(RuntimeOrigin::signed(OPERATOR)),
			Error::<Test>::OperatorHasAssignments
		);
		ASSIGNED.with(|a| a.borrow_mut().clear());
		assert_ok!(Marketplace::deregister_operator(RuntimeOrigin::signed(OPERATOR)));
		assert!(Operators::<Test>::get(OPERATOR).is_none());
		assert_eq!(Balances::balance_on_hold(&HoldReason::OperatorDeposit.into(), &OPERATOR), 0);
		assert_eq!(
			events().last(),
			Some(&Event::OperatorDeregistered { operator: OPERATOR, deposit_released: 52 })
		);
	});
}
