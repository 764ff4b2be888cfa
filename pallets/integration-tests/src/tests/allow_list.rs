//! The delegator allow-list.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok};
use pallet_dam::*;

#[test]
fn only_allowed_delegators_deposit_or_receive_shares() {
	ExtBuilder::default().build_and_execute(|| {
		let mut c = config(NetworkKind::Growth);
		c.allow_list = true;
		let id = create(c);
		assert_noop!(
			Dam::deposit(RuntimeOrigin::signed(ALICE), id, 1_000, ANY_FEE, MAX_TOKENS),
			Error::<Test>::NotAllowed
		);
		assert_noop!(
			Dam::allow_delegator(RuntimeOrigin::signed(BOB), id, ALICE),
			Error::<Test>::NotGatekeeper
		);
		assert_ok!(Dam::allow_delegator(RuntimeOrigin::signed(MANAGER), id, ALICE));
		assert_ok!(Dam::deposit(RuntimeOrigin::signed(ALICE), id, 1_000, ANY_FEE, MAX_TOKENS));
		assert_noop!(
			Dam::transfer_shares(RuntimeOrigin::signed(ALICE), id, BOB, 1, MAX_TOKENS),
			Error::<Test>::NotAllowed
		);
		assert_ok!(Dam::disallow_delegator(RuntimeOrigin::signed(MANAGER), id, ALICE));
		assert_noop!(
			Dam::deposit(RuntimeOrigin::signed(ALICE), id, 1_000, ANY_FEE, MAX_TOKENS),
			Error::<Test>::NotAllowed
		);
		// A removed delegator keeps its shares and may still leave.
		assert_ok!(Dam::withdraw(RuntimeOrigin::signed(ALICE), id, 1_000_000, MAX_TOKENS));
		assert_noop!(
			Dam::set_allow_list(RuntimeOrigin::signed(ALICE), id, false),
			Error::<Test>::NotGatekeeper
		);
		assert_ok!(Dam::set_allow_list(RuntimeOrigin::signed(MANAGER), id, false));
		assert_ok!(Dam::deposit(RuntimeOrigin::signed(BOB), id, 1_000, ANY_FEE, MAX_TOKENS));
		assert_eq!(
			events().last().cloned().map(|e| matches!(e, Event::Deposited { .. })),
			Some(true)
		);
	});
}
