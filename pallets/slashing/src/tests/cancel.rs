//! Cancellation: governance cancels any penalty not yet executed, and its assets go back to
//! the DAM.

use super::*;

#[test]
fn governance_cancels_a_penalty_in_every_open_state() {
	ExtBuilder::default().build_and_execute(|| {
		let (network, dam) = penalisable();
		let second = another_network(dam);
		let third = another_network(dam);
		let requested = request(network, dam, 10);
		let contested = disputed(second, dam, 20);
		let upheld = disputed(third, dam, 30);
		assert_ok!(Slashing::uphold(signed(RESOLVER), upheld));
		// Each could be executed now; governance still cancels them.
		run_to_block(penalty(contested).resolve_by);
		assert_eq!(usd_balance(MockDams::account(dam)), STAKE - 60);

		assert_ok!(Slashing::cancel(RuntimeOrigin::root(), requested));
		assert_eq!(
			events().last(),
			Some(&Event::PenaltyCancelled { penalty: requested, dam, amount: 10 })
		);
		// The DAM's other penalties stay open.
		assert_eq!(DamPenalties::<Test>::get(dam).into_inner(), vec![contested, upheld]);
		assert!(!Pending::<Test>::contains_key(network, dam));
		assert_eq!(Pending::<Test>::get(second, dam), 20);
		assert_eq!(MockDams::open_penalties(dam), 2);
		assert_eq!(usd_balance(MockDams::account(dam)), STAKE - 50);

		assert_ok!(Slashing::cancel(RuntimeOrigin::root(), contested));
		assert_ok!(Slashing::cancel(RuntimeOrigin::root(), upheld));
		assert_eq!(
			events().last(),
			Some(&Event::PenaltyCancelled { penalty: upheld, dam, amount: 30 })
		);
		assert_eq!(
			history(dam),
			vec![(contested, PenaltyStatus::Cancelled), (upheld, PenaltyStatus::Cancelled)]
		);
		let record = MockDams::record(dam);
		assert_eq!((record.idle, record.in_dispute), (STAKE, 0));
		assert_eq!(MockDams::open_penalties(dam), 0);
		assert!(!DamPenalties::<Test>::contains_key(dam));
	});
}

#[test]
fn only_governance_cancels_an_open_penalty() {
	ExtBuilder::default().build_and_execute(|| {
		let (network, dam) = penalisable();
		let id = request(network, dam, 10);
		for who in [RESOLVER, NET_MANAGER, DAM_MANAGER] {
			assert_noop!(Slashing::cancel(signed(who), id), DispatchError::BadOrigin);
		}
		assert_noop!(Slashing::cancel(RuntimeOrigin::none(), id), DispatchError::BadOrigin);
		assert_noop!(Slashing::cancel(RuntimeOrigin::root(), 77), Error::<Test>::PenaltyNotFound);
		run_to_block(penalty(id).window_ends);
		assert_ok!(Slashing::execute(signed(STRANGER), id));
		assert_noop!(Slashing::cancel(RuntimeOrigin::root(), id), Error::<Test>::PenaltyNotFound);
	});
}
