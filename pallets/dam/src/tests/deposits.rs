//! Deposits: the fee, the exchange rate, rounding and the weight refund.

use super::*;
use frame_support::{assert_noop, assert_ok, dispatch::GetDispatchInfo};
use nektar_primitives::NativeOrWithId;
use polkadot_sdk::sp_runtime::{DispatchError, Perbill};

#[test]
fn a_deposit_pays_the_fee_and_mints_shares_at_the_exchange_rate() {
	ExtBuilder::default().build_and_execute(|| {
		let mut c = config(NetworkKind::Growth);
		c.fee = Perbill::from_percent(5);
		let id = create(c);
		let account = Dam::dam_account(id);
		assert_ok!(Dam::deposit(RuntimeOrigin::signed(ALICE), id, 1_000, ANY_FEE, MAX_TOKENS));
		// 50 to the manager; 950 at 1,000 shares per unit (the virtual offsets) for the first.
		assert_eq!(usd_of(MANAGER), ENDOWMENT + 50);
		assert_eq!(usd_of(ALICE), ENDOWMENT - 1_000);
		assert_eq!(usd_of(account), 950);
		assert_eq!(Shares::<Test>::get(id, ALICE), 950_000.into());
		assert_eq!((dam(id).total_shares, dam(id).idle, dam(id).dust), (950_000.into(), 950, 0));
		assert_eq!(
			events().last(),
			Some(&Event::Deposited {
				dam: id,
				delegator: ALICE,
				amount: 1_000,
				fee: 50,
				shares: 950_000.into()
			})
		);
		// A later deposit gets the same rate: 1,900 × (950,000 + 1,000) / (950 + 1).
		assert_ok!(Dam::deposit(RuntimeOrigin::signed(BOB), id, 2_000, ANY_FEE, MAX_TOKENS));
		assert_eq!(Shares::<Test>::get(id, BOB), 1_900_000.into());
		assert_eq!(shares::assets_for::<Test>(&dam(id), 1_900_000.into()), Some(1_900.into()));
		// The listener heard of each change once, after it, with the shares of before.
		assert_eq!(
			MockRewards::notices(),
			vec![
				Notice::SharesChanged {
					dam: id,
					prev_active: 0,
					active: 950_000,
					holders: vec![(ALICE, 0, 950_000)],
				},
				Notice::SharesChanged {
					dam: id,
					prev_active: 950_000,
					active: 2_850_000,
					holders: vec![(BOB, 0, 1_900_000)],
				},
			]
		);
	});
}

#[test]
fn a_deposit_after_a_loss_buys_more_shares_and_keeps_its_remainder_off_the_books() {
	ExtBuilder::default().build_and_execute(|| {
		let id = create(config(NetworkKind::Collateral));
		deposit(ALICE, id, 1_000);
		let vault = slash(id, 0, 300);
		assert_ok!(<Dam as DamProvider>::penalty_executed(id, vault));
		assert_eq!(dam(id).idle, 700);

		deposit(BOB, id, 1_000);
		// 1,000 × (1,000,000 + 1,000) / (700 + 1) shares, worth 999 rounded down: the unit
		// left over is dust, off the books, so that it raises no holder's value.
		assert_eq!(Shares::<Test>::get(id, BOB), 1_427_960.into());
		let record = dam(id);
		assert_eq!((record.idle, record.dust, record.total_shares), (1_699, 1, 2_427_960.into()));
		assert_eq!(usd_of(Dam::dam_account(id)), 1_700);
		assert_eq!(shares::assets_for::<Test>(&record, 1_427_960.into()), Some(999.into()));
		assert_eq!(shares::assets_for::<Test>(&record, 1_000_000.into()), Some(699.into()));
	});
}

#[test]
fn bad_deposits_fail_with_named_errors_and_change_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		let mut c = config(NetworkKind::Growth);
		c.fee = Perbill::from_percent(5);
		let id = create(c);
		let collateral = create(config(NetworkKind::Collateral));
		let deposit_of = |dam, amount, max_fee| {
			Dam::deposit(RuntimeOrigin::signed(ALICE), dam, amount, max_fee, MAX_TOKENS).map(|_| ())
		};
		assert_noop!(
			Dam::deposit(RuntimeOrigin::none(), id, 1, ANY_FEE, MAX_TOKENS),
			DispatchError::BadOrigin
		);
		assert_noop!(deposit_of(7, 1_000, ANY_FEE), Error::<Test>::DamNotFound);
		assert_noop!(deposit_of(id, 0, ANY_FEE), Error::<Test>::ZeroAmount);
		assert_noop!(deposit_of(id, 1_000, Perbill::from_percent(4)), Error::<Test>::FeeAboveLimit);
		assert_noop!(deposit_of(id, ENDOWMENT + 1, ANY_FEE), Error::<Test>::InsufficientBalance);
		// So many shares would not fit a balance.
		assert_noop!(deposit_of(id, u128::MAX, ANY_FEE), Error::<Test>::Overflow);
		// An open penalty holds deposits until it is resolved.
		deposit(BOB, collateral, 1_000);
		let vault = slash(collateral, 0, 100);
		assert_noop!(deposit_of(collateral, 1_000, ANY_FEE), Error::<Test>::PenaltyPending);
		veto(collateral, vault);
		assert_ok!(deposit_of(collateral, 1_000, ANY_FEE));

		// A native deposit keeps the delegator's account alive.
		let mut c = config(NetworkKind::Growth);
		c.deposit_asset = NativeOrWithId::Native;
		let native = create(c);
		let asset = create(config(NetworkKind::Growth));
		assert_eq!(Dam::max_deposit(native, &ALICE), Some(ENDOWMENT - EXISTENTIAL_DEPOSIT));
		assert_noop!(
			Dam::deposit(RuntimeOrigin::signed(ALICE), native, ENDOWMENT, ANY_FEE, MAX_TOKENS),
			Error::<Test>::InsufficientBalance
		);
		deposit(ALICE, native, ENDOWMENT - EXISTENTIAL_DEPOSIT);
		assert_eq!(native_of(ALICE), EXISTENTIAL_DEPOSIT);
		// Any other asset may go to its last unit.
		assert_eq!(Dam::max_deposit(asset, &CHARLIE), Some(ENDOWMENT));
		deposit(CHARLIE, asset, ENDOWMENT);
		assert_eq!(usd_of(CHARLIE), 0);
		assert_eq!(Dam::max_deposit(7, &CHARLIE), None);
	});
}

#[test]
fn share_changes_are_charged_for_the_reward_tokens_their_witness_names() {
	ExtBuilder::default().build_and_execute(|| {
		let tracking = create(config(NetworkKind::Growth));
		install(tracking, live_network(NetworkKind::Growth));
		install(tracking, live_network(NetworkKind::Growth));
		let idle = create(config(NetworkKind::Growth));
		let base = <Test as Config>::WeightInfo::deposit();
		// Charged up front for the tokens the witness names, and never for more than a DAM
		// may track.
		let charged = |reward_tokens| {
			Call::<Test>::deposit { dam: idle, amount: 1_000, max_fee: ANY_FEE, reward_tokens }
				.get_dispatch_info()
				.call_weight
		};
		assert_eq!(charged(0), base + MockRewards::settlement(0));
		assert_eq!(charged(2), base + MockRewards::settlement(2));
		assert_eq!(charged(u32::MAX), base + MockRewards::settlement(MAX_REWARD_TOKENS));
		// Refunded down to the tokens each DAM tracks.
		let used = |dam| {
			Dam::deposit(RuntimeOrigin::signed(ALICE), dam, 1_000, ANY_FEE, MAX_TOKENS)
				.expect("a valid deposit")
				.actual_weight
		};
		assert_eq!(used(tracking), Some(base + MockRewards::settlement(2)));
		assert_eq!(used(idle), Some(base + MockRewards::settlement(0)));
		let transferred =
			Dam::transfer_shares(RuntimeOrigin::signed(ALICE), tracking, BOB, 1_000, 2)
				.expect("a valid transfer")
				.actual_weight;
		assert_eq!(
			transferred,
			Some(<Test as Config>::WeightInfo::transfer_shares() + MockRewards::settlement(2))
		);
	});
}

#[test]
fn a_witness_below_the_tracked_tokens_changes_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		let id = create(config(NetworkKind::Collateral));
		install(id, live_network(NetworkKind::Collateral));
		install(id, live_network(NetworkKind::Collateral));
		deposit(ALICE, id, 10_000);
		assert_ok!(Dam::request_withdrawal(RuntimeOrigin::signed(ALICE), id, 1_000, 2));
		let low = || Error::<Test>::TokenWitnessTooLow;
		assert_noop!(Dam::deposit(RuntimeOrigin::signed(ALICE), id, 1_000, ANY_FEE, 1), low());
		assert_noop!(Dam::request_withdrawal(RuntimeOrigin::signed(ALICE), id, 1_000, 0), low());
		assert_noop!(Dam::claim_withdrawal(RuntimeOrigin::signed(ALICE), id, 1), low());
		assert_noop!(Dam::transfer_shares(RuntimeOrigin::signed(ALICE), id, BOB, 1, 1), low());
		let growth = create(config(NetworkKind::Growth));
		install(growth, live_network(NetworkKind::Growth));
		deposit(ALICE, growth, 10_000);
		assert_noop!(Dam::withdraw(RuntimeOrigin::signed(ALICE), growth, 1_000, 0), low());
		// The exact count is enough.
		assert_ok!(Dam::deposit(RuntimeOrigin::signed(ALICE), id, 1_000, ANY_FEE, 2));
	});
}
