//! Operator commission: a share of each installation's delegator rewards goes to its Operator.

use super::*;

/// A Collateral DAM with a live Network whose terms give its Operator `commission`, deposits
/// of 1,000 by [`ALICE`] and 3,000 by [`BOB`], all committed, and a budget of 1,000,000.
fn with_commission(commission: Perbill) -> (DamId, NetworkId) {
	let dam = new_dam(NetworkKind::Collateral);
	let network = live_network_with(View {
		operator_commission: commission,
		..terms(NetworkKind::Collateral)
	});
	install(dam, network);
	deposit(dam, ALICE, 1_000);
	deposit(dam, BOB, 3_000);
	assert_ok!(MockDams::commit(dam, network, 4_000));
	fund(network, 1_000_000);
	(dam, network)
}

#[test]
fn the_operator_takes_its_commission_of_the_delegator_rewards() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = with_commission(Perbill::from_percent(20));
		assert_eq!(program(network).operator_commission, Perbill::from_percent(20));
		days(1);
		// Delegators earn 40 a day: 8 of it goes to the Operator, on top of its own 10.
		assert_eq!(pending(dam, network, ALICE), 8);
		assert_eq!(pending(dam, network, BOB), 24);
		assert_eq!(operator_pending(network, dam), 10 + 8);
		assert_eq!(claim(dam, network, BOB), 24);
		assert_ok!(Rewards::claim_operator_rewards(signed(OPERATOR), network, dam));
		assert_eq!(Assets::balance(token(network), OPERATOR), 18);
		// The commission comes out of what accrued, not on top of it.
		assert_eq!(Rewards::program_info(network).map(|i| i.accrued), Some(50 - 24 - 18));
	});
}

#[test]
fn a_commission_splits_every_accrual_exactly_within_one_unit() {
	for percent in [1u32, 7, 33, 50] {
		ExtBuilder::default().build_and_execute(|| {
			let commission = Perbill::from_percent(percent);
			let (dam, network) = with_commission(commission);
			let days_run = 7;
			days(days_run);
			let delegators = 40 * days_run as Balance;
			let to_operator = operator_pending(network, dam) - 10 * days_run as Balance;
			let to_holders = pending(dam, network, ALICE) + pending(dam, network, BOB);
			let expected = commission.mul_floor(delegators);
			assert!(to_operator.abs_diff(expected) <= 1, "{percent}%: {to_operator} vs {expected}");
			assert!(
				to_holders.abs_diff(delegators - expected) <= 2,
				"{percent}%: {to_holders} vs {}",
				delegators - expected
			);
			assert!(to_operator + to_holders <= delegators);
		});
	}
}

#[test]
fn a_dam_without_earning_shares_pays_no_commission() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = with_commission(Perbill::from_percent(50));
		days(1);
		let owed = operator_pending(network, dam);
		assert_eq!(owed, 10 + 20);
		// Every share queued for withdrawal: what the delegators would have earned goes back to
		// the budget, commission included.
		assert_ok!(MockDams::request_withdrawal(dam, ALICE, 1_000));
		assert_ok!(MockDams::request_withdrawal(dam, BOB, 3_000));
		let budget = Rewards::program_info(network).map(|i| i.budget).unwrap();
		days(1);
		assert_eq!(operator_pending(network, dam), owed + 10);
		let info = Rewards::program_info(network).unwrap();
		assert_eq!(info.budget, budget - 10);
	});
}
