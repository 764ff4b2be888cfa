//! Selection: the Operators of Network 0 ranked by their backing, the invulnerables filling the
//! seats they leave, the set planned two sessions ahead, the gate on installing Network 0 and
//! the runtime API's view of it all.

use super::*;
use crate::queries::CandidateStatus::{BelowMinimum, NoKeys, Outranked, Selected};
use nektar_primitives::InstallationGate;

/// Operators are ranked by backing, highest first, whatever the order of their DAMs.
#[test]
fn operators_are_ranked_by_backing_highest_first() {
	ExtBuilder::default().invulnerables(vec![]).build_and_execute(|| {
		operator(1, CAROL, 1_000);
		operator(2, DAVE, 3_000);
		operator(3, EVE, 2_000);

		assert_eq!(Validators::rank().0, vec![(DAVE, 3_000), (EVE, 2_000), (CAROL, 1_000)]);
		assert_eq!(
			ranked(),
			vec![
				(DAVE, 3_000, false, Selected),
				(EVE, 2_000, false, Selected),
				(CAROL, 1_000, false, Selected),
			]
		);
	});
}

/// Equal backing ranks the lower account id first.
#[test]
fn equal_backing_ranks_the_lower_account_first() {
	ExtBuilder::default().invulnerables(vec![]).build_and_execute(|| {
		operator(1, STRANGER, 2_000);
		operator(2, EVE, 2_000);
		operator(3, CAROL, 3_000);
		operator(4, DAVE, 2_000);

		assert_eq!(selected(), vec![CAROL, DAVE, EVE, STRANGER]);
	});
}

/// An Operator without session keys is ranked but not selected.
#[test]
fn an_operator_without_keys_is_not_selected() {
	ExtBuilder::default().build_and_execute(|| {
		MockMarketplace::install(1, CAROL, 2_000);
		operator(2, DAVE, 1_500);

		assert_eq!(
			ranked(),
			vec![
				(CAROL, 2_000, false, NoKeys),
				(DAVE, 1_500, false, Selected),
				(ALICE, 0, true, Selected),
				(BOB, 0, true, Selected),
			]
		);
		rotate();
		assert_eq!(Queued::get(), vec![DAVE, ALICE, BOB]);

		// With keys, it takes the first seat of the next plan.
		Keys::insert(CAROL, ());
		assert_eq!(status_of(CAROL), Some(Selected));
		assert_eq!(selected(), vec![CAROL, DAVE, ALICE, BOB]);
	});
}

/// Backing below `MinValidatorBacking` is not selected; exactly the minimum is.
#[test]
fn backing_below_the_minimum_is_not_selected() {
	ExtBuilder::default().build_and_execute(|| {
		operator(1, CAROL, MIN_BACKING - 1);
		operator(2, DAVE, MIN_BACKING);

		assert_eq!(
			ranked(),
			vec![
				(DAVE, MIN_BACKING, false, Selected),
				(CAROL, MIN_BACKING - 1, false, BelowMinimum),
				(ALICE, 0, true, Selected),
				(BOB, 0, true, Selected),
			]
		);
		assert_eq!(selected(), vec![DAVE, ALICE, BOB]);

		// The minimum is governance's: lowered, it lets Carol in.
		assert_ok!(Validators::set_min_validator_backing(root(), MIN_BACKING - 1));
		assert_eq!(selected(), vec![DAVE, CAROL, ALICE, BOB]);
	});
}

/// An Operator's backing is the sum over every DAM whose installation names it.
#[test]
fn backing_is_the_sum_over_the_operators_dams() {
	ExtBuilder::default().build_and_execute(|| {
		operator(1, CAROL, 600);
		MockMarketplace::install(2, CAROL, 400);
		operator(3, DAVE, MIN_BACKING - 1);

		assert_eq!(
			Validators::backings().into_iter().collect::<Vec<_>>(),
			vec![(CAROL, MIN_BACKING), (DAVE, MIN_BACKING - 1)]
		);
		assert_eq!(
			ranked()[..2],
			[(CAROL, MIN_BACKING, false, Selected), (DAVE, MIN_BACKING - 1, false, BelowMinimum)]
		);

		// Without its second DAM, Carol falls below the minimum.
		MockMarketplace::uninstall(2);
		assert_eq!(status_of(CAROL), Some(BelowMinimum));
		assert_eq!(selected(), vec![ALICE, BOB]);
	});
}

/// At most `MaxValidators` are selected: the rest, invulnerables too, are outranked.
#[test]
fn max_validators_caps_the_set() {
	ExtBuilder::default().validator_count(1, 2).build_and_execute(|| {
		operator(1, CAROL, 3_000);
		operator(2, DAVE, 2_000);
		operator(3, EVE, 1_500);

		assert_eq!(Validators::rank().0, vec![(CAROL, 3_000), (DAVE, 2_000)]);
		assert_eq!(
			ranked(),
			vec![
				(CAROL, 3_000, false, Selected),
				(DAVE, 2_000, false, Selected),
				(EVE, 1_500, false, Outranked),
				(ALICE, 0, true, Outranked),
				(BOB, 0, true, Outranked),
			]
		);

		rotate();
		assert_eq!(Queued::get(), vec![CAROL, DAVE]);
		assert_eq!(
			events().last(),
			Some(&Event::NewValidatorSet { session: 2, validators: vec![CAROL, DAVE] })
		);
	});
}

/// The invulnerables fill the seats the Operators leave, in their order, after them.
#[test]
fn invulnerables_fill_the_seats_left_in_their_order() {
	ExtBuilder::default().invulnerables(vec![BOB, ALICE]).validator_count(1, 2).build_and_execute(
		|| {
			operator(1, CAROL, MIN_BACKING);

			assert_eq!(
				ranked(),
				vec![
					(CAROL, MIN_BACKING, false, Selected),
					(BOB, 0, true, Selected),
					(ALICE, 0, true, Outranked),
				]
			);

			// Without Operators, the invulnerables take every seat, in their order.
			MockMarketplace::uninstall(1);
			assert_eq!(selected(), vec![BOB, ALICE]);
		},
	);
}

/// An invulnerable without session keys is not selected.
#[test]
fn an_invulnerable_without_keys_is_not_selected() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Validators::set_invulnerables(root(), vec![EVE, ALICE, BOB]));

		assert_eq!(
			ranked(),
			vec![(EVE, 0, true, NoKeys), (ALICE, 0, true, Selected), (BOB, 0, true, Selected)]
		);
		assert_eq!(selected(), vec![ALICE, BOB]);
	});
}

/// An invulnerable that is also an Operator below the minimum keeps its seat, with its backing.
#[test]
fn an_invulnerable_operator_below_the_minimum_is_still_seated() {
	ExtBuilder::default().build_and_execute(|| {
		MockMarketplace::install(1, ALICE, 500);
		operator(2, CAROL, 2_000);
		operator(3, DAVE, 500);

		assert_eq!(
			ranked(),
			vec![
				(CAROL, 2_000, false, Selected),
				(ALICE, 500, true, Selected),
				(DAVE, 500, false, BelowMinimum),
				(BOB, 0, true, Selected),
			]
		);
		assert_eq!(Validators::rank().0, vec![(CAROL, 2_000), (ALICE, 500), (BOB, 0)]);
	});
}

/// Fewer eligible than `MinValidators`: the plan keeps the current set, even an empty one.
#[test]
fn too_few_eligible_keeps_the_current_set() {
	ExtBuilder::default().invulnerables(vec![]).validator_count(2, 4).build_and_execute(|| {
		operator(1, DAVE, MIN_BACKING);

		rotate();
		assert_eq!(CurrentIndex::get(), 1);
		assert!(Queued::get().is_empty());
		assert_eq!(
			events(),
			vec![
				Event::SessionRewardFunded { session: 0, amount: REWARD },
				Event::ValidatorSetKept { session: 2, eligible: 1 },
			]
		);

		// A second Operator makes the set big enough.
		operator(2, EVE, MIN_BACKING);
		rotate();
		assert_eq!(Queued::get(), vec![DAVE, EVE]);
		assert_eq!(
			events().last(),
			Some(&Event::NewValidatorSet { session: 3, validators: vec![DAVE, EVE] })
		);
	});
}

/// A set below `MinValidators` leaves the queued set as it was.
#[test]
fn too_few_eligible_leaves_the_queued_set_unchanged() {
	ExtBuilder::default().validator_count(3, 4).build_and_execute(|| {
		rotate();
		assert_eq!(Queued::get(), vec![ALICE, BOB]);
		assert_eq!(Current::get(), vec![ALICE, BOB]);
		assert_eq!(events().last(), Some(&Event::ValidatorSetKept { session: 2, eligible: 2 }));

		operator(1, CAROL, MIN_BACKING);
		rotate();
		assert_eq!(Queued::get(), vec![CAROL, ALICE, BOB]);
		assert_eq!(
			events().last(),
			Some(&Event::NewValidatorSet { session: 3, validators: vec![CAROL, ALICE, BOB] })
		);
	});
}

/// A new Operator is queued by the next rotation and validates from the one after.
#[test]
fn a_new_operator_validates_two_sessions_later() {
	ExtBuilder::default().build_and_execute(|| {
		operator(1, DAVE, MIN_BACKING);
		assert_eq!(Current::get(), vec![ALICE, BOB]);
		assert_eq!(Queued::get(), vec![ALICE, BOB]);

		rotate();
		assert_eq!(CurrentIndex::get(), 1);
		assert_eq!(Current::get(), vec![ALICE, BOB]);
		assert_eq!(Queued::get(), vec![DAVE, ALICE, BOB]);
		assert_eq!(
			events(),
			vec![
				Event::SessionRewardFunded { session: 0, amount: REWARD },
				Event::NewValidatorSet { session: 2, validators: vec![DAVE, ALICE, BOB] },
			]
		);

		rotate();
		assert_eq!(CurrentIndex::get(), 2);
		assert_eq!(Current::get(), vec![DAVE, ALICE, BOB]);
	});
}

/// Sessions end at blocks `SESSION`, `2 * SESSION`, ...: a new Operator validates from the
/// second.
#[test]
fn a_new_operator_validates_two_sessions_later_by_blocks() {
	ExtBuilder::default().build_and_execute(|| {
		operator(1, DAVE, MIN_BACKING);

		run_to_block(SESSION - 1, &[]);
		assert_eq!(CurrentIndex::get(), 0);
		assert_eq!(Queued::get(), vec![ALICE, BOB]);
		assert!(events().is_empty());

		run_to_block(SESSION, &[]);
		assert_eq!(CurrentIndex::get(), 1);
		assert_eq!(SessionEndsAt::<Test>::get(), 2 * SESSION);
		assert_eq!(Current::get(), vec![ALICE, BOB]);
		assert_eq!(Queued::get(), vec![DAVE, ALICE, BOB]);
		assert_eq!(
			events(),
			vec![
				Event::SessionRewardFunded { session: 0, amount: REWARD },
				Event::NewValidatorSet { session: 2, validators: vec![DAVE, ALICE, BOB] },
			]
		);

		run_to_block(2 * SESSION - 1, &[]);
		assert_eq!(Current::get(), vec![ALICE, BOB]);
		run_to_block(2 * SESSION, &[]);
		assert_eq!(CurrentIndex::get(), 2);
		assert_eq!(Current::get(), vec![DAVE, ALICE, BOB]);
	});
}

/// An Operator whose installation ends leaves the set two rotations later.
#[test]
fn an_uninstalled_operator_leaves_two_rotations_later() {
	ExtBuilder::default().build_and_execute(|| {
		operator(1, DAVE, MIN_BACKING);
		rotate();
		rotate();
		assert_eq!(Current::get(), vec![DAVE, ALICE, BOB]);

		MockMarketplace::uninstall(1);
		assert_eq!(status_of(DAVE), None);
		assert_eq!(selected(), vec![ALICE, BOB]);
		System::reset_events();

		rotate();
		assert_eq!(Current::get(), vec![DAVE, ALICE, BOB]);
		assert_eq!(Queued::get(), vec![ALICE, BOB]);
		assert_eq!(
			events().last(),
			Some(&Event::NewValidatorSet { session: 4, validators: vec![ALICE, BOB] })
		);

		rotate();
		assert_eq!(CurrentIndex::get(), 4);
		assert_eq!(Current::get(), vec![ALICE, BOB]);
	});
}

/// Installing Network 0 is confirmed at once with session keys, refused without, and other
/// Networks are left to their manager.
#[test]
fn the_installation_gate_asks_for_session_keys() {
	ExtBuilder::default().build_and_execute(|| {
		let gate = <Validators as InstallationGate<AccountId>>::on_request;

		assert_eq!(gate(NETWORK, &ALICE), Some(Ok(())));
		assert_eq!(
			gate(NETWORK, &CAROL),
			Some(Err(DispatchError::from(Error::<Test>::NoSessionKeys)))
		);
		Keys::insert(CAROL, ());
		assert_eq!(gate(NETWORK, &CAROL), Some(Ok(())));

		assert_eq!(gate(7, &ALICE), None);
		assert_eq!(gate(7, &STRANGER), None);
	});
}

/// A candidate as the runtime API lists it.
fn candidate(
	who: AccountId,
	backing: Balance,
	rank: u32,
	invulnerable: bool,
	has_keys: bool,
	status: CandidateStatus,
) -> CandidateInfo<AccountId, Balance> {
	CandidateInfo { who, backing, rank, invulnerable, has_keys, status }
}

/// The runtime API shows the session, both sets with their backing and every candidate.
#[test]
fn the_runtime_api_shows_the_sets_and_the_candidates() {
	ExtBuilder::default().build_and_execute(|| {
		operator(1, CAROL, 2_000);
		MockMarketplace::install(2, EVE, 1_500);
		operator(3, DAVE, 500);
		rotate();

		assert_eq!(
			Validators::validator_set(),
			ValidatorSetInfo {
				session: 1,
				session_ends_at: 1 + SESSION,
				session_length: SESSION,
				current: vec![(ALICE, 0), (BOB, 0)],
				next: vec![(CAROL, 2_000), (ALICE, 0), (BOB, 0)],
				candidates: vec![
					candidate(CAROL, 2_000, 1, false, true, Selected),
					candidate(EVE, 1_500, 2, false, false, NoKeys),
					candidate(DAVE, 500, 3, false, true, BelowMinimum),
					candidate(ALICE, 0, 4, true, true, Selected),
					candidate(BOB, 0, 5, true, true, Selected),
				],
				min_validators: 1,
				max_validators: MAX_AUTHORITIES,
				min_validator_backing: MIN_BACKING,
				reward_per_session: REWARD,
			}
		);
	});
}

/// A set that would not change is not planned again: pallet-session keeps the current one,
/// with the validators it disabled.
#[test]
fn an_unchanged_set_is_kept_as_it_is() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(Current::get(), vec![ALICE, BOB]);
		use pallet_session::SessionManager;
		assert_eq!(<Validators as SessionManager<AccountId>>::new_session(2), None);
		assert!(!events().iter().any(|e| matches!(e, crate::Event::NewValidatorSet { .. })));
	});
}
