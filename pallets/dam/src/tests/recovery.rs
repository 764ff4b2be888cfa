//! The recovery pool: a defaulted Network's return bond, owed to the shareholders of the day.

use super::*;
use frame_support::{assert_noop, assert_ok, traits::fungible::Mutate as _};

/// A Liquidity DAM where [`ALICE`] deposited 1,000 and [`BOB`] 3,000, whose loan of 400 to its
/// Network was written off with 100 of the native token in compensation.
fn written_off() -> DamId {
	let (id, network) = installed(NetworkKind::Liquidity);
	deposit(ALICE, id, 1_000);
	deposit(BOB, id, 3_000);
	assert_ok!(Dam::allocate(RuntimeOrigin::signed(MANAGER), id, network, 400));
	run_to_block(11);
	assert_ok!(MockVaults::release(0));
	run_to_block(1_006);
	assert_ok!(MockVaults::write_off(network, id, 100));
	id
}

#[test]
fn a_written_off_loan_lowers_the_rate_and_its_compensation_is_shared_by_shares() {
	ExtBuilder::default().build_and_execute(|| {
		let id = written_off();
		assert_eq!(
			events().last(),
			Some(&Event::LoanWrittenOff { dam: id, amount: 400, compensation: 100, to_manager: 0 })
		);
		let record = dam(id);
		assert_eq!((record.idle, record.lent, record.recovery), (3_600, 0, 100));
		assert_eq!(shares::assets_for::<Test>(&record, 1_000_000.into()), Some(900.into()));
		assert_eq!(Dam::position(id, &ALICE).map(|p| p.recovery), Some(25));

		let before = native_of(ALICE);
		assert_ok!(Dam::claim_recovery(RuntimeOrigin::signed(ALICE), id));
		assert_eq!(
			events().last(),
			Some(&Event::RecoveryClaimed { dam: id, delegator: ALICE, amount: 25 })
		);
		assert_eq!(native_of(ALICE), before + 25);
		assert_noop!(
			Dam::claim_recovery(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::NothingToClaim
		);

		// Shares that change hands later carry none of it: the sender is settled first.
		assert_ok!(Dam::transfer_shares(
			RuntimeOrigin::signed(BOB),
			id,
			CHARLIE,
			1_500_000,
			MAX_TOKENS
		));
		assert_noop!(
			Dam::claim_recovery(RuntimeOrigin::signed(CHARLIE), id),
			Error::<Test>::NothingToClaim
		);
		// Nor do shares bought later.
		deposit(CHARLIE, id, 1_000);
		assert_noop!(
			Dam::claim_recovery(RuntimeOrigin::signed(CHARLIE), id),
			Error::<Test>::NothingToClaim
		);
		// A holder who left keeps what it was owed.
		assert_ok!(Dam::withdraw(RuntimeOrigin::signed(BOB), id, 1_500_000, MAX_TOKENS));
		assert_ok!(Dam::claim_recovery(RuntimeOrigin::signed(BOB), id));
		assert_eq!(
			events().last(),
			Some(&Event::RecoveryClaimed { dam: id, delegator: BOB, amount: 75 })
		);
		assert_eq!(dam(id).recovery, 0);
		assert!(!Recovery::<Test>::contains_key(id, BOB), "no empty entry is kept");

		// With no shareholder left, compensation goes to the manager, who keeps the DAM.
		let id = create(config(NetworkKind::Liquidity));
		assert_ok!(Balances::mint_into(&Dam::dam_account(id), 100));
		let before = native_of(MANAGER);
		assert_ok!(<Dam as DamProvider>::on_loan_written_off(id, 0, 100));
		assert_eq!(
			events().last(),
			Some(&Event::LoanWrittenOff { dam: id, amount: 0, compensation: 100, to_manager: 100 })
		);
		assert_eq!(native_of(MANAGER), before + 100);
		assert_eq!(dam(id).recovery, 0);
		// No more can be written off than was lent.
		assert_noop!(<Dam as DamProvider>::on_loan_written_off(id, 1, 0), Error::<Test>::Overflow);
		assert_noop!(
			<Dam as DamProvider>::on_loan_written_off(7, 0, 0),
			Error::<Test>::DamNotFound
		);
		assert_noop!(
			Dam::claim_recovery(RuntimeOrigin::signed(ALICE), 7),
			Error::<Test>::DamNotFound
		);
	});
}
