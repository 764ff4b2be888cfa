//! Share transfers.

use super::*;
use frame_support::{assert_noop, assert_ok};
use polkadot_sdk::sp_runtime::DispatchResult;

fn transfer(from: AccountId, dam: DamId, to: AccountId, shares: Balance) -> DispatchResult {
	Dam::transfer_shares(RuntimeOrigin::signed(from), dam, to, shares, MAX_TOKENS)
		.map(|_| ())
		.map_err(|e| e.error)
}

#[test]
fn shares_change_hands_and_bad_transfers_change_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		let id = create(config(NetworkKind::Growth));
		deposit(ALICE, id, 1_000);
		MockRewards::clear_notices();
		assert_ok!(transfer(ALICE, id, BOB, 400_000));
		assert_eq!(
			events().last(),
			Some(&Event::SharesTransferred {
				dam: id,
				from: ALICE,
				to: BOB,
				shares: 400_000.into()
			})
		);
		assert_eq!(
			(Shares::<Test>::get(id, ALICE), Shares::<Test>::get(id, BOB)),
			(600_000.into(), 400_000.into())
		);
		assert_eq!(dam(id).total_shares, 1_000_000.into());
		assert_ok!(transfer(ALICE, id, BOB, 600_000));
		assert!(!Shares::<Test>::contains_key(id, ALICE), "no empty entry is kept");
		assert_eq!(
			MockRewards::notices(),
			vec![
				Notice::SharesTransferred {
					dam: id,
					from: ALICE,
					to: BOB,
					moved: 400_000,
					prev_from: 1_000_000,
					prev_to: 0
				},
				Notice::SharesTransferred {
					dam: id,
					from: ALICE,
					to: BOB,
					moved: 600_000,
					prev_from: 600_000,
					prev_to: 400_000
				},
			]
		);

		// Bad transfers fail with named errors.
		let id = create(config(NetworkKind::Growth));
		let mut c = config(NetworkKind::Growth);
		c.receipt_transferable = false;
		let fixed = create(c);
		deposit(ALICE, id, 1_000);
		deposit(ALICE, fixed, 1_000);
		assert_noop!(transfer(ALICE, 7, BOB, 1_000), Error::<Test>::DamNotFound);
		assert_noop!(transfer(ALICE, fixed, BOB, 1_000), Error::<Test>::ReceiptNotTransferable);
		assert_noop!(transfer(ALICE, id, ALICE, 1_000), Error::<Test>::SelfTransfer);
		assert_noop!(transfer(ALICE, id, BOB, 0), Error::<Test>::ZeroAmount);
		assert_noop!(transfer(ALICE, id, BOB, 1_000_001), Error::<Test>::InsufficientShares);
		// `MinimumShares` is 1,000: no receiver is left with dust.
		assert_noop!(transfer(ALICE, id, BOB, 999), Error::<Test>::BelowMinimumShares);
		assert_ok!(transfer(ALICE, id, BOB, 1_000));
		assert_ok!(transfer(ALICE, id, BOB, 1));
		assert_ok!(Dam::set_allow_list(RuntimeOrigin::signed(MANAGER), id, true));
		assert_noop!(transfer(ALICE, id, CHARLIE, 1_000), Error::<Test>::NotAllowed);
	});
}
