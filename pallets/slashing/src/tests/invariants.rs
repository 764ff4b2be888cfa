//! The invariants every test ends on: `try_state` finds what breaks them.

use super::*;

#[test]
fn try_state_finds_a_dam_that_counts_other_penalties() {
	ExtBuilder::default().build().execute_with(|| {
		let (network, dam) = penalisable();
		request(network, dam, 10);
		assert_ok!(Slashing::do_try_state());
		DamRecords::mutate(dam, |record| record.as_mut().unwrap().open.clear());
		assert_eq!(
			Slashing::do_try_state(),
			Err("a DAM counts other penalties than it has open".into())
		);
	});
}

#[test]
fn try_state_finds_a_pending_amount_that_is_not_the_open_penalties() {
	ExtBuilder::default().build().execute_with(|| {
		let (network, dam) = penalisable();
		request(network, dam, 10);
		Pending::<Test>::insert(network, dam, 11);
		assert_eq!(
			Slashing::do_try_state(),
			Err("an installation's pending amount is not the sum of its open penalties".into())
		);
	});
}
