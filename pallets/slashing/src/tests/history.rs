//! History: each DAM keeps its most recent resolved penalties, with their outcome.

use super::*;

#[test]
fn resolved_penalties_join_the_dams_history_with_their_outcome() {
	ExtBuilder::default().build_and_execute(|| {
		let (network, dam) = penalisable();
		let other = another_network(dam);
		let vetoed = disputed(network, dam, 10);
		assert_ok!(Slashing::veto(signed(RESOLVER), vetoed));
		let executed = request(other, dam, 20);
		let open = request(network, dam, 30);
		run_to_block(penalty(executed).window_ends);
		assert_ok!(Slashing::execute(signed(STRANGER), executed));

		assert_eq!(
			history(dam),
			vec![(vetoed, PenaltyStatus::Vetoed), (executed, PenaltyStatus::Executed)]
		);
		let (_, record) = History::<Test>::get(dam)[1].clone();
		assert_eq!((record.network, record.amount, record.requested_at), (other, 20, 1));
		// The DAM's penalties as the runtime API lists them: open ones, then resolved ones.
		let listed: Vec<(PenaltyId, PenaltyStatus)> = Slashing::dam_penalties(dam)
			.into_iter()
			.map(|info| (info.id, info.penalty.status))
			.collect();
		assert_eq!(
			listed,
			vec![
				(open, PenaltyStatus::Requested),
				(vetoed, PenaltyStatus::Vetoed),
				(executed, PenaltyStatus::Executed),
			]
		);
		assert!(Slashing::dam_penalties(dam + 1).is_empty());
	});
}

#[test]
fn the_history_keeps_the_most_recent_max_history_penalties() {
	ExtBuilder::default().build_and_execute(|| {
		let (network, dam) = penalisable();
		let ids: Vec<PenaltyId> = (0..3)
			.map(|_| {
				let id = request(network, dam, 10);
				assert_ok!(Slashing::cancel(RuntimeOrigin::root(), id));
				id
			})
			.collect();
		assert_eq!(
			history(dam),
			vec![(ids[1], PenaltyStatus::Cancelled), (ids[2], PenaltyStatus::Cancelled)]
		);
	});
}
