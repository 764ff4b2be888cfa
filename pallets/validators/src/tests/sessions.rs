//! Sessions: when they end, the performance each installation earns from the blocks its
//! Operator authored, the reward the treasury pays every session, and the history pruned.

use super::*;
use crate::selection::assigned_slots;
use pallet_session::ShouldEndSession;
use polkadot_sdk::frame_support::traits::EstimateNextSessionRotation;

/// Whether the pallet tells pallet-session to end the session at block `now`.
fn should_end(now: BlockNumber) -> bool {
	<Validators as ShouldEndSession<BlockNumber>>::should_end_session(now)
}

/// How far into its session the pallet estimates block `now` is.
fn progress(now: BlockNumber) -> Option<Permill> {
	Validators::estimate_current_session_progress(now).0
}

/// A session ends at `SessionEndsAt`, not before; the rotation sets the next end.
#[test]
fn a_session_ends_at_its_end() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(SessionEndsAt::<Test>::get(), SESSION);
		assert!(!should_end(SESSION - 1));
		assert!(should_end(SESSION));
		assert!(should_end(SESSION + 1));

		run_to_block(SESSION - 1, &[]);
		assert_eq!(CurrentIndex::get(), 0);
		run_to_block(SESSION, &[]);
		assert_eq!(CurrentIndex::get(), 1);
		assert_eq!(SessionEndsAt::<Test>::get(), 2 * SESSION);
		assert!(!should_end(2 * SESSION - 1));
		assert!(should_end(2 * SESSION));
	});
}

/// A rotation at block `n` ends the new session at `n + SessionLength`.
#[test]
fn a_rotation_sets_the_end_a_session_length_away() {
	ExtBuilder::default().build_and_execute(|| {
		rotate();
		assert_eq!(SessionEndsAt::<Test>::get(), 1 + SESSION);

		System::set_block_number(4);
		rotate();
		assert_eq!(CurrentIndex::get(), 2);
		assert_eq!(SessionEndsAt::<Test>::get(), 4 + SESSION);
		assert!(!should_end(3 + SESSION));
		assert!(should_end(4 + SESSION));
	});
}

/// Without an end, no session ends.
#[test]
fn no_end_no_rotation() {
	ExtBuilder::default().build_and_execute(|| {
		SessionEndsAt::<Test>::kill();
		assert!(!should_end(0));
		assert!(!should_end(SESSION));
		assert!(!should_end(BlockNumber::MAX));
		// Back to the genesis state, for the invariants.
		SessionEndsAt::<Test>::put(SESSION);
	});
}

/// A new session length applies from the next session; the current one keeps its end.
#[test]
fn a_new_session_length_applies_to_the_next_session() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Validators::set_session_length(root(), 5));
		assert_eq!(SessionLength::<Test>::get(), 5);
		assert_eq!(SessionEndsAt::<Test>::get(), SESSION);
		assert_eq!(events(), vec![Event::SessionLengthSet { length: 5 }]);

		run_to_block(SESSION - 1, &[]);
		assert_eq!(CurrentIndex::get(), 0);
		run_to_block(SESSION, &[]);
		assert_eq!(CurrentIndex::get(), 1);
		assert_eq!(SessionEndsAt::<Test>::get(), SESSION + 5);

		run_to_block(SESSION + 4, &[]);
		assert_eq!(CurrentIndex::get(), 1);
		run_to_block(SESSION + 5, &[]);
		assert_eq!(CurrentIndex::get(), 2);
		assert_eq!(SessionEndsAt::<Test>::get(), SESSION + 10);
	});
}

/// The pallet estimates the next rotation at the session's end, and the progress towards it.
#[test]
fn the_next_rotation_is_estimated_at_the_sessions_end() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(Validators::average_session_length(), SESSION);
		assert_eq!(Validators::estimate_next_session_rotation(1).0, Some(SESSION));
		assert_eq!(progress(1), Some(Permill::from_percent(10)));
		assert_eq!(progress(5), Some(Permill::from_percent(50)));
		assert_eq!(progress(SESSION), Some(Permill::one()));

		rotate();
		assert_eq!(Validators::estimate_next_session_rotation(1).0, Some(1 + SESSION));
		assert_eq!(progress(1), Some(Permill::zero()));
	});
}

/// After a length change, the current session's progress is measured against its own length.
#[test]
fn the_progress_uses_the_current_sessions_length_after_a_change() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Validators::set_session_length(root(), 100));
		// Session 0 still ends at block 10: at block 5 it is half done, not 95% done.
		assert_eq!(progress(5), Some(Permill::from_percent(50)));
	});
}

/// A validator that authors none of its slots earns its installations zero; one that authors
/// all of them, full performance.
#[test]
fn missed_slots_lower_the_performance_of_the_operators_installations() {
	ExtBuilder::default().build_and_execute(|| {
		MockMarketplace::install(1, ALICE, MIN_BACKING);
		MockMarketplace::install(2, BOB, MIN_BACKING);

		// Block n is at slot 999 + n: of session 0, Alice has the even slots, Bob the odd ones.
		run_to_block(SESSION - 1, &[BOB]);
		assert_eq!(Slot::get(), 1_008);
		let stats = SessionBlocks::<Test>::get();
		// Bob missed block 2's slot 1_001: the count starts at Alice's first block.
		assert_eq!(stats.first_slot, 1_002);
		assert_eq!(stats.authored.into_inner(), vec![4]);
		// Nothing is reported before the session ends.
		assert_eq!(MockMarketplace::performance(2), Permill::one());

		run_to_block(SESSION, &[BOB]);
		assert_eq!(CurrentIndex::get(), 1);
		assert_eq!(MockMarketplace::performance(1), Permill::one());
		assert_eq!(MockMarketplace::performance(2), Permill::zero());
		// The new session counts afresh, from the slot after the rotation's.
		let stats = SessionBlocks::<Test>::get();
		assert_eq!(stats.first_slot, 1_010);
		assert!(stats.authored.is_empty());

		// A full session restores it.
		run_to_block(2 * SESSION, &[]);
		assert_eq!(CurrentIndex::get(), 2);
		assert_eq!(MockMarketplace::performance(2), Permill::one());
	});
}

/// The performance is the share of its assigned slots the Operator authored.
#[test]
fn the_performance_is_the_share_of_assigned_slots_authored() {
	ExtBuilder::default().build_and_execute(|| {
		MockMarketplace::install(1, ALICE, MIN_BACKING);
		MockMarketplace::install(2, BOB, MIN_BACKING);
		run_to_block(SESSION, &[]);
		assert_eq!(Slot::get(), 1_009);
		assert_eq!(Current::get(), vec![ALICE, BOB]);

		// Session 1 is blocks 11 to 20, slots 1_010 to 1_019; Bob misses 1_011 and 1_013.
		run_to_block(15, &[BOB]);
		run_to_block(19, &[]);
		let stats = SessionBlocks::<Test>::get();
		assert_eq!(stats.first_slot, 1_010);
		assert_eq!(stats.authored.into_inner(), vec![5, 2]);
		// Up to slot 1_018 Bob had 4 slots and authored 2 of them.
		assert_eq!(assigned_slots(1_010, 1_018, 1, 2), 4);
		assert_eq!(assigned_slots(1_010, 1_018, 0, 2), 5);
		assert_eq!(
			Validators::session_scores(),
			vec![(ALICE, Permill::one()), (BOB, Permill::from_percent(50))]
		);

		// Bob authors 1_019 too: 3 of his 5 slots.
		run_to_block(2 * SESSION, &[]);
		assert_eq!(CurrentIndex::get(), 2);
		assert_eq!(assigned_slots(1_010, 1_019, 1, 2), 5);
		assert_eq!(MockMarketplace::performance(2), Permill::from_rational(3u64, 5u64));
		assert_eq!(MockMarketplace::performance(2), Permill::from_percent(60));
		assert_eq!(MockMarketplace::performance(1), Permill::one());
	});
}

/// An installation whose Operator is not in the current set earns zero, until it validates.
#[test]
fn an_installation_earns_performance_only_while_its_operator_validates() {
	ExtBuilder::default().build_and_execute(|| {
		operator(1, DAVE, MIN_BACKING);
		MockMarketplace::install(2, ALICE, MIN_BACKING);

		// Session 0: Dave is not a validator yet.
		run_to_block(SESSION, &[]);
		assert_eq!(MockMarketplace::performance(1), Permill::zero());
		assert_eq!(MockMarketplace::performance(2), Permill::one());

		// Session 1: queued, still not validating.
		run_to_block(2 * SESSION, &[]);
		assert_eq!(MockMarketplace::performance(1), Permill::zero());
		// Alice's own installation ranks her first.
		assert_eq!(Current::get(), vec![ALICE, DAVE, BOB]);

		// Session 2: Dave authors each of his slots.
		run_to_block(3 * SESSION, &[]);
		assert_eq!(CurrentIndex::get(), 3);
		assert_eq!(MockMarketplace::performance(1), Permill::one());
		assert_eq!(MockMarketplace::performance(2), Permill::one());
	});
}

/// A session without a block seen reports no performance.
#[test]
fn a_session_without_blocks_reports_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		MockMarketplace::install(1, CAROL, MIN_BACKING);

		rotate();
		assert_eq!(MockMarketplace::performance(1), Permill::one());

		// The next session sees blocks: Carol, not a validator, earns zero.
		run_to_block(1 + SESSION, &[]);
		assert_eq!(CurrentIndex::get(), 2);
		assert_eq!(MockMarketplace::performance(1), Permill::zero());
	});
}

/// `assigned_slots` is zero without validators, for an index out of the set and for an empty
/// range of slots.
#[test]
fn assigned_slots_edge_cases() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(assigned_slots(0, 100, 0, 0), 0);
		assert_eq!(assigned_slots(10, 20, 3, 3), 0);
		assert_eq!(assigned_slots(10, 20, 7, 3), 0);
		assert_eq!(assigned_slots(20, 19, 0, 1), 0);
		assert_eq!(assigned_slots(u64::MAX, 0, 0, 1), 0);

		assert_eq!(assigned_slots(0, 0, 0, 3), 1);
		assert_eq!(assigned_slots(5, 5, 1, 2), 1);
		assert_eq!(assigned_slots(5, 5, 0, 2), 0);
		assert_eq!(assigned_slots(0, 9, 0, 2), 5);
		assert_eq!(assigned_slots(0, 9, 1, 2), 5);
		assert_eq!(assigned_slots(1, 10, 0, 1), 10);
		assert_eq!(assigned_slots(1_000, 1_009, 1, 3), 4);
		assert_eq!(assigned_slots(u64::MAX - 9, u64::MAX, 0, 2), 5);
	});
}

/// `assigned_slots` counts what a walk over the slots counts.
#[test]
fn assigned_slots_matches_a_walk_over_the_slots() {
	ExtBuilder::default().build_and_execute(|| {
		let walk = |first: u64, last: u64, index: u64, count: u64| {
			(first..=last).filter(|slot| slot % count == index).count() as u64
		};
		for count in 1..=5 {
			for index in 0..=count {
				for first in 0..=24 {
					for last in 0..=24 {
						assert_eq!(
							assigned_slots(first, last, index, count),
							walk(first, last, index, count),
							"slots {first}..={last}, validator {index} of {count}"
						);
					}
				}
				// Near the end of the slots too.
				for first in u64::MAX - 12..=u64::MAX - 1 {
					for last in first..=u64::MAX - 1 {
						assert_eq!(
							assigned_slots(first, last, index, count),
							walk(first, last, index, count),
							"slots {first}..={last}, validator {index} of {count}"
						);
					}
				}
			}
		}
	});
}

/// Each session's end pays `REWARD` from the treasury into Network 0's reward budget.
#[test]
fn each_session_funds_the_reward() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!((Budget::get(), TreasuryBalance::get()), (0, 1_000));

		rotate();
		assert_eq!((Budget::get(), TreasuryBalance::get()), (REWARD, 1_000 - REWARD));
		rotate();
		assert_eq!((Budget::get(), TreasuryBalance::get()), (2 * REWARD, 1_000 - 2 * REWARD));
		assert_eq!(
			events(),
			vec![
				Event::SessionRewardFunded { session: 0, amount: REWARD },
				Event::SessionRewardFunded { session: 1, amount: REWARD },
			]
		);
	});
}

/// A treasury that cannot pay the whole reward pays nothing, and the session still ends.
#[test]
fn a_treasury_short_of_the_reward_pays_nothing() {
	ExtBuilder::default().treasury(150).build_and_execute(|| {
		rotate();
		assert_eq!((Budget::get(), TreasuryBalance::get()), (REWARD, 50));
		System::reset_events();

		rotate();
		assert_eq!(CurrentIndex::get(), 2);
		assert_eq!((Budget::get(), TreasuryBalance::get()), (REWARD, 50));
		let events = events();
		// The set is unchanged: it is not planned again.
		assert_eq!(events.len(), 1);
		// The error's message is not encoded in events: only its kind is left.
		assert!(matches!(
			events[0],
			Event::SessionRewardNotFunded {
				session: 1,
				amount: REWARD,
				error: DispatchError::Other(_)
			}
		));
	});
}

/// A reward of zero funds nothing and says nothing.
#[test]
fn a_zero_reward_funds_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Validators::set_validator_reward_per_session(root(), 0));
		System::reset_events();

		rotate();
		assert_eq!((Budget::get(), TreasuryBalance::get()), (0, 1_000));
		assert_eq!(events(), vec![]);
	});
}

/// The historical roots kept go back `HistoryDepth` sessions.
#[test]
fn history_is_pruned_to_the_history_depth() {
	ExtBuilder::default().build_and_execute(|| {
		for index in 1..=3 {
			rotate();
			assert_eq!(CurrentIndex::get(), index);
			assert_eq!(KeptFrom::get(), 0);
		}
		for index in 4..=10 {
			rotate();
			assert_eq!(CurrentIndex::get(), index);
			assert_eq!(KeptFrom::get(), index - 3);
		}
	});
}

/// An installation of Network 0 that still backs nothing at the end of the session after the
/// one that first found it idle is evicted; one that commits in time stays.
#[test]
fn an_installation_that_backs_nothing_is_evicted_after_a_session() {
	ExtBuilder::default().build_and_execute(|| {
		Keys::insert(CAROL, ());
		Keys::insert(DAVE, ());
		MockMarketplace::install(1, CAROL, 0);
		MockMarketplace::install(2, DAVE, 0);
		rotate();
		assert_eq!(crate::IdleSince::<Test>::get(1), Some(0));
		assert!(Installations::contains_key(1));

		// Dave commits before the next end; Carol does not.
		MockMarketplace::install(2, DAVE, MIN_BACKING);
		rotate();
		assert!(!Installations::contains_key(1), "the idle installation is evicted");
		assert!(Installations::contains_key(2), "the committed one stays");
		assert_eq!(crate::IdleSince::<Test>::iter().count(), 0);
	});
}

/// A lowered commitment still slashable is not evicted: it waits until nothing of it is.
#[test]
fn a_slashable_installation_is_not_evicted() {
	ExtBuilder::default().build_and_execute(|| {
		MockMarketplace::install(1, CAROL, MIN_BACKING);
		Installations::mutate(1, |i| {
			let i = i.as_mut().unwrap();
			i.exposure = 0;
		});
		rotate();
		rotate();
		rotate();
		assert!(Installations::contains_key(1));
		assert_eq!(crate::IdleSince::<Test>::iter().count(), 0);
	});
}
