//! Share transfers.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok};
use pallet_dam::*;

#[test]
fn shares_move_between_accounts_when_transferable() {
	ExtBuilder::default().build_and_execute(|| {
		let id = create(config(NetworkKind::Growth));
		assert_ok!(Dam::deposit(RuntimeOrigin::signed(ALICE), id, 1_000, ANY_FEE, MAX_TOKENS));
		assert_ok!(Dam::transfer_shares(
			RuntimeOrigin::signed(ALICE),
			id,
			BOB,
			300_000,
			MAX_TOKENS
		));
		assert_eq!(Shares::<Test>::get(id, ALICE), 700_000.into());
		assert_eq!(Shares::<Test>::get(id, BOB), 300_000.into());
		assert_eq!(
			events().last(),
			Some(&Event::SharesTransferred {
				dam: id,
				from: ALICE,
				to: BOB,
				shares: 300_000.into()
			})
		);
		assert_ok!(Dam::withdraw(RuntimeOrigin::signed(BOB), id, 300_000, MAX_TOKENS));
		assert_eq!(usd_balance(BOB), ENDOWMENT + 300);
	});
}

#[test]
fn bad_transfers_fail_with_named_errors() {
	ExtBuilder::default().build_and_execute(|| {
		let id = create(config(NetworkKind::Growth));
		let mut c = config(NetworkKind::Growth);
		c.receipt_transferable = false;
		let locked = create(c);
		assert_ok!(Dam::deposit(RuntimeOrigin::signed(ALICE), id, 1_000, ANY_FEE, MAX_TOKENS));
		assert_ok!(Dam::deposit(RuntimeOrigin::signed(ALICE), locked, 1_000, ANY_FEE, MAX_TOKENS));
		assert_noop!(
			Dam::transfer_shares(RuntimeOrigin::signed(ALICE), locked, BOB, 1, MAX_TOKENS),
			Error::<Test>::ReceiptNotTransferable
		);
		assert_noop!(
			Dam::transfer_shares(RuntimeOrigin::signed(ALICE), id, ALICE, 1, MAX_TOKENS),
			Error::<Test>::SelfTransfer
		);
		assert_noop!(
			Dam::transfer_shares(RuntimeOrigin::signed(ALICE), id, BOB, 0, MAX_TOKENS),
			Error::<Test>::ZeroAmount
		);
		assert_noop!(
			Dam::transfer_shares(RuntimeOrigin::signed(ALICE), id, BOB, 1_000_001, MAX_TOKENS),
			Error::<Test>::InsufficientShares
		);
		assert_noop!(
			Dam::transfer_shares(RuntimeOrigin::signed(ALICE), 9, BOB, 1, MAX_TOKENS),
			Error::<Test>::DamNotFound
		);
	});
}
