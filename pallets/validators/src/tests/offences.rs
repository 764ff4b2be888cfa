//! Offences: pallet-offences reports a validator's offence, which disables it, keeps it out of
//! the next set planned, and becomes a penalty requested by Network 0 on each DAM backing it.

use super::*;
use crate::{
	offences::DeferredPenalty,
	queries::CandidateStatus::{Offended, Selected},
};

/// The slash fraction of the tests: 10%.
fn ten() -> Perbill {
	Perbill::from_percent(10)
}

/// An offence disables the offender and requests its fraction of each backing DAM's exposure.
#[test]
fn an_offence_penalises_each_dam_backing_the_offender() {
	ExtBuilder::default().build_and_execute(|| {
		MockMarketplace::install(1, ALICE, 2_000);
		MockMarketplace::install(2, ALICE, 1_000);
		MockMarketplace::install(3, BOB, 3_000);

		let weight = report_offence(&[(ALICE, ten())], 0);
		assert_eq!(weight, offence_weight(2));

		assert_eq!(Disabled::get(), vec![(ALICE, ten())]);
		let manager = Validators::account();
		assert_eq!(Requested::get(), vec![(manager, NETWORK, 1, 200), (manager, NETWORK, 2, 100)]);
		// Bob's DAM is untouched.
		assert!(OpenPenalty::contains_key(1));
		assert!(OpenPenalty::contains_key(2));
		assert!(!OpenPenalty::contains_key(3));
		assert_eq!(Offenders::<Test>::get().into_inner(), vec![ALICE]);
		assert!(HandledOffences::<Test>::contains_key(0, ALICE));
		assert_eq!(
			events(),
			vec![
				Event::ValidatorOffence { validator: ALICE, session: 0, fraction: ten() },
				Event::OffencePenaltyRequested { validator: ALICE, dam: 1, amount: 200 },
				Event::OffencePenaltyRequested { validator: ALICE, dam: 2, amount: 100 },
			]
		);
	});
}

/// Each offender of a report gets its own fraction.
#[test]
fn each_offender_of_a_report_is_penalised_its_fraction() {
	ExtBuilder::default().build_and_execute(|| {
		MockMarketplace::install(1, ALICE, 2_000);
		MockMarketplace::install(2, BOB, 3_000);

		let weight = report_offence(&[(ALICE, ten()), (BOB, Perbill::from_percent(20))], 0);
		assert_eq!(weight, offence_weight(1).saturating_add(offence_weight(1)));

		assert_eq!(Disabled::get(), vec![(ALICE, ten()), (BOB, Perbill::from_percent(20))]);
		let manager = Validators::account();
		assert_eq!(Requested::get(), vec![(manager, NETWORK, 1, 200), (manager, NETWORK, 2, 600)]);
		assert_eq!(Offenders::<Test>::get().into_inner(), vec![ALICE, BOB]);
	});
}

/// An offender no DAM backs, an invulnerable, is disabled and penalised nothing.
#[test]
fn an_offender_without_backing_is_only_disabled() {
	ExtBuilder::default().build_and_execute(|| {
		MockMarketplace::install(1, ALICE, 2_000);

		let weight = report_offence(&[(BOB, ten())], 0);
		assert_eq!(weight, offence_weight(0));
		assert_eq!(Disabled::get(), vec![(BOB, ten())]);
		assert!(Requested::get().is_empty());
		assert_eq!(
			events(),
			vec![Event::ValidatorOffence { validator: BOB, session: 0, fraction: ten() }]
		);
	});
}

/// A fraction below the protocol's minimum penalty is raised to it, rounded up; one above
/// Network 0's maximum penalty is held to it.
#[test]
fn the_penalty_is_held_between_the_minimum_and_the_maximum() {
	ExtBuilder::default().build_and_execute(|| {
		MockMarketplace::install(1, ALICE, 1_050);
		MockMarketplace::install(2, BOB, 1_000);

		report_offence(
			&[(ALICE, Perbill::from_parts(5_000_000)), (BOB, Perbill::from_percent(80))],
			0,
		);
		// 0.5% of 1,050 is 5: the 1% minimum is 10.5, so 11. 80% of 1,000 is held to 50%.
		let manager = Validators::account();
		assert_eq!(Requested::get(), vec![(manager, NETWORK, 1, 11), (manager, NETWORK, 2, 500)]);
		// The offender is disabled with the offence's own fraction.
		assert_eq!(
			Disabled::get(),
			vec![(ALICE, Perbill::from_parts(5_000_000)), (BOB, Perbill::from_percent(80))]
		);
	});
}

/// `offence_penalty`: the fraction of the exposure, at least 1% of it rounded up, at most 50%
/// of it rounded down, and nothing for nothing.
#[test]
fn the_offence_penalty_of_a_fraction_and_an_exposure() {
	ExtBuilder::default().build_and_execute(|| {
		let penalty = Validators::offence_penalty;
		assert_eq!(penalty(ten(), 1_000), 100);
		assert_eq!(penalty(ten(), 1_005), 100);
		assert_eq!(penalty(Perbill::from_parts(5_000_000), 1_050), 11);
		assert_eq!(penalty(Perbill::from_percent(1), 1_050), 11);
		assert_eq!(penalty(Perbill::from_percent(1), 1_000), 10);
		assert_eq!(penalty(Perbill::from_percent(50), 1_000), 500);
		assert_eq!(penalty(Perbill::from_percent(80), 1_000), 500);
		assert_eq!(penalty(Perbill::one(), 1_001), 500);

		assert_eq!(penalty(Perbill::zero(), 1_000), 0);
		assert_eq!(penalty(ten(), 0), 0);
		// 1% rounded up is 1, but 50% of 1 rounded down is nothing.
		assert_eq!(penalty(ten(), 1), 0);
	});
}

/// An offence reported again for the same session is not penalised twice.
#[test]
fn an_offence_is_penalised_once_per_session() {
	ExtBuilder::default().build_and_execute(|| {
		MockMarketplace::install(1, ALICE, 2_000);
		report_offence(&[(ALICE, ten())], 0);
		// The penalty closed: a second request would be taken.
		OpenPenalty::remove(1);
		System::reset_events();

		let weight = report_offence(&[(ALICE, Perbill::from_percent(20))], 0);
		assert_eq!(weight, offence_weight(0));
		let manager = Validators::account();
		assert_eq!(Requested::get(), vec![(manager, NETWORK, 1, 200)]);
		assert_eq!(Disabled::get(), vec![(ALICE, ten())]);
		assert!(events().is_empty());

		// An offence of another session is penalised again.
		report_offence(&[(ALICE, Perbill::from_percent(20))], 1);
		assert_eq!(Requested::get(), vec![(manager, NETWORK, 1, 200), (manager, NETWORK, 1, 400)]);
		assert_eq!(Disabled::get(), vec![(ALICE, ten()), (ALICE, Perbill::from_percent(20))]);
		assert_eq!(
			events(),
			vec![
				Event::ValidatorOffence {
					validator: ALICE,
					session: 1,
					fraction: Perbill::from_percent(20)
				},
				Event::OffencePenaltyRequested { validator: ALICE, dam: 1, amount: 400 },
			]
		);
	});
}

/// The offence penalties in `events`.
fn penalty_events(events: Vec<Event<Test>>) -> Vec<Event<Test>> {
	events
		.into_iter()
		.filter(|e| {
			matches!(
				e,
				Event::OffencePenaltyRequested { .. }
					| Event::OffencePenaltyDeferred { .. }
					| Event::OffencePenaltyFailed { .. }
			)
		})
		.collect()
}

/// An offence that finds Network 0's penalty on a DAM still open is owed, summed with what is
/// owed already, and requested at the end of the first session after that penalty closes,
/// held to the terms on the backing left then.
#[test]
fn an_offence_on_a_dam_with_an_open_penalty_is_owed_until_it_closes() {
	ExtBuilder::default().build_and_execute(|| {
		MockMarketplace::install(1, ALICE, 2_000);
		MockMarketplace::install(2, ALICE, 1_000);
		report_offence(&[(ALICE, ten())], 0);
		let requested = Requested::get();
		System::reset_events();

		let weight = report_offence(&[(ALICE, Perbill::from_percent(20))], 1);
		assert_eq!(weight, offence_weight(2));
		assert_eq!(Requested::get(), requested);
		assert!(HandledOffences::<Test>::contains_key(1, ALICE));
		assert_eq!(
			events(),
			vec![
				Event::ValidatorOffence {
					validator: ALICE,
					session: 1,
					fraction: Perbill::from_percent(20)
				},
				Event::OffencePenaltyDeferred { validator: ALICE, dam: 1, amount: 400 },
				Event::OffencePenaltyDeferred { validator: ALICE, dam: 2, amount: 200 },
			]
		);
		// A third offence adds to what is owed.
		report_offence(&[(ALICE, Perbill::from_percent(30))], 2);
		assert_eq!(
			DeferredPenalties::<Test>::get(1),
			Some(DeferredPenalty { validator: ALICE, amount: 1_000, session: 2 })
		);
		assert_eq!(DeferredPenalties::<Test>::get(2).map(|owed| owed.amount), Some(500));

		// Both penalties are still open at the end of the session: nothing is requested.
		System::reset_events();
		rotate();
		assert_eq!(Requested::get(), requested);
		assert!(penalty_events(events()).is_empty());
		assert_eq!(DeferredPenalties::<Test>::iter().count(), 2);

		// The first DAM's penalty closed and took a quarter of its backing: what it owes is
		// held to half of what is left.
		OpenPenalty::remove(1);
		MockMarketplace::install(1, ALICE, 1_500);
		System::reset_events();
		rotate();
		let manager = Validators::account();
		assert_eq!(Requested::get().last(), Some(&(manager, NETWORK, 1, 750)));
		assert_eq!(
			penalty_events(events()),
			vec![Event::OffencePenaltyRequested { validator: ALICE, dam: 1, amount: 750 }]
		);
		assert!(!DeferredPenalties::<Test>::contains_key(1));

		// The second DAM's penalty closed and took all of its backing: nothing is left.
		OpenPenalty::remove(2);
		MockMarketplace::install(2, ALICE, 0);
		System::reset_events();
		rotate();
		assert_eq!(
			penalty_events(events()),
			vec![Event::OffencePenaltyFailed {
				validator: ALICE,
				dam: 2,
				amount: 0,
				error: Error::<Test>::NothingToSlash.into(),
			}]
		);
		assert_eq!(DeferredPenalties::<Test>::iter().count(), 0);
	});
}

/// A deferred request the slashing pallet refuses, on a DAM no longer installed, is dropped
/// with its event.
#[test]
fn a_deferred_penalty_refused_is_dropped_with_its_event() {
	ExtBuilder::default().build_and_execute(|| {
		MockMarketplace::install(1, ALICE, 2_000);
		report_offence(&[(ALICE, ten())], 0);
		report_offence(&[(ALICE, ten())], 1);
		assert!(DeferredPenalties::<Test>::contains_key(1));

		// The penalty closed, and a request for the DAM fails.
		OpenPenalty::remove(1);
		RefuseRequests::put(true);
		System::reset_events();
		rotate();
		assert!(matches!(
			penalty_events(events())[..],
			[Event::OffencePenaltyFailed { validator: ALICE, dam: 1, amount: 200, .. }]
		));
		assert!(!DeferredPenalties::<Test>::contains_key(1));
	});
}

/// The offender is left out of the next set planned, then may return.
#[test]
fn the_offender_sits_out_the_next_plan_then_returns() {
	ExtBuilder::default().build_and_execute(|| {
		operator(1, CAROL, 2_000);
		rotate();
		rotate();
		assert_eq!(Current::get(), vec![CAROL, ALICE, BOB]);

		report_offence(&[(CAROL, ten())], 2);
		assert_eq!(status_of(CAROL), Some(Offended));
		assert_eq!(selected(), vec![ALICE, BOB]);
		System::reset_events();

		rotate();
		assert!(Offenders::<Test>::get().is_empty());
		assert_eq!(
			events(),
			vec![
				Event::SessionRewardFunded { session: 2, amount: REWARD },
				Event::NewValidatorSet { session: 4, validators: vec![ALICE, BOB] },
			]
		);
		// Session 3 was planned before the offence.
		assert_eq!(Current::get(), vec![CAROL, ALICE, BOB]);
		assert_eq!(Queued::get(), vec![ALICE, BOB]);
		assert_eq!(status_of(CAROL), Some(Selected));

		rotate();
		assert_eq!(Current::get(), vec![ALICE, BOB]);
		assert_eq!(Queued::get(), vec![CAROL, ALICE, BOB]);
		rotate();
		assert_eq!(Current::get(), vec![CAROL, ALICE, BOB]);
	});
}

/// An invulnerable that offends is left out of the next plan too.
#[test]
fn an_offending_invulnerable_sits_out_the_next_plan() {
	ExtBuilder::default().build_and_execute(|| {
		report_offence(&[(ALICE, ten())], 0);
		assert_eq!(ranked(), vec![(ALICE, 0, true, Offended), (BOB, 0, true, Selected)]);

		rotate();
		assert_eq!(Queued::get(), vec![BOB]);
		assert_eq!(selected(), vec![ALICE, BOB]);
	});
}

/// The offences handled are forgotten once their session is too old to prove.
#[test]
fn handled_offences_are_forgotten_past_the_history_depth() {
	ExtBuilder::default().build_and_execute(|| {
		report_offence(&[(ALICE, ten())], 0);
		rotate();
		report_offence(&[(BOB, ten())], 1);
		rotate();
		rotate();
		assert_eq!(CurrentIndex::get(), 3);
		assert!(HandledOffences::<Test>::contains_key(0, ALICE));
		assert!(HandledOffences::<Test>::contains_key(1, BOB));

		rotate();
		assert_eq!(KeptFrom::get(), 1);
		assert!(!HandledOffences::<Test>::contains_key(0, ALICE));
		assert!(HandledOffences::<Test>::contains_key(1, BOB));

		rotate();
		assert_eq!(KeptFrom::get(), 2);
		assert!(!HandledOffences::<Test>::contains_key(1, BOB));
	});
}
