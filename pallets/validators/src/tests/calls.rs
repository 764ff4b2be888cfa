//! Governance's calls: each one's origin, its bad inputs, and what it stores and says.

use super::*;
use polkadot_sdk::frame_support::traits::Get;

/// The genesis stores what the test runtime configures.
#[test]
fn the_genesis_stores_the_configuration() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(Invulnerables::<Test>::get().into_inner(), vec![ALICE, BOB]);
		assert_eq!((MinValidators::<Test>::get(), MaxValidators::<Test>::get()), (1, 4));
		assert_eq!(MinValidatorBacking::<Test>::get(), MIN_BACKING);
		assert_eq!(ValidatorRewardPerSession::<Test>::get(), REWARD);
		assert_eq!(SessionLength::<Test>::get(), SESSION);
		assert_eq!(SessionEndsAt::<Test>::get(), SESSION);
		// Without a configuration: three validators at least, sessions of 600 blocks.
		assert_eq!(DefaultMinValidators::<Test>::get(), 3);
		assert_eq!(DefaultSessionLength::<Test>::get(), 600);
	});
}

/// Every call needs governance: a signed or unsigned origin is refused.
#[test]
fn every_call_needs_governance() {
	ExtBuilder::default().build_and_execute(|| {
		for origin in [signed(ALICE), signed(STRANGER), RuntimeOrigin::none()] {
			assert_noop!(
				Validators::set_invulnerables(origin.clone(), vec![CAROL]),
				DispatchError::BadOrigin
			);
			assert_noop!(
				Validators::set_validator_count(origin.clone(), 1, 2),
				DispatchError::BadOrigin
			);
			assert_noop!(
				Validators::set_min_validator_backing(origin.clone(), 1),
				DispatchError::BadOrigin
			);
			assert_noop!(
				Validators::set_validator_reward_per_session(origin.clone(), 1),
				DispatchError::BadOrigin
			);
			assert_noop!(Validators::set_session_length(origin, 20), DispatchError::BadOrigin);
		}
	});
}

/// `set_invulnerables` refuses more than `MaxAuthorities` accounts and an account twice.
#[test]
fn set_invulnerables_refuses_too_many_and_duplicates() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Validators::set_invulnerables(root(), vec![ALICE, BOB, CAROL, DAVE, EVE]),
			Error::<Test>::TooManyInvulnerables
		);
		assert_noop!(
			Validators::set_invulnerables(root(), vec![CAROL, DAVE, CAROL]),
			Error::<Test>::DuplicateInvulnerable
		);
		assert_noop!(
			Validators::set_invulnerables(root(), vec![ALICE, ALICE]),
			Error::<Test>::DuplicateInvulnerable
		);
		// Too many is found first.
		assert_noop!(
			Validators::set_invulnerables(root(), vec![ALICE, ALICE, BOB, CAROL, DAVE]),
			Error::<Test>::TooManyInvulnerables
		);
	});
}

/// `set_invulnerables` stores the accounts, in their order, and says so.
#[test]
fn set_invulnerables_stores_them() {
	ExtBuilder::default().build_and_execute(|| {
		let invulnerables = vec![STRANGER, CAROL, DAVE, EVE];
		assert_eq!(invulnerables.len() as u32, MAX_AUTHORITIES);
		assert_ok!(Validators::set_invulnerables(root(), invulnerables.clone()));
		assert_eq!(Invulnerables::<Test>::get().into_inner(), invulnerables);
		assert_eq!(events(), vec![Event::InvulnerablesSet { invulnerables }]);

		// Governance may also leave the seats to the Operators alone.
		assert_ok!(Validators::set_invulnerables(root(), vec![]));
		assert!(Invulnerables::<Test>::get().is_empty());
	});
}

/// `set_validator_count` needs `1 <= min <= max <= MaxAuthorities`.
#[test]
fn set_validator_count_refuses_bad_bounds() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Validators::set_validator_count(root(), 0, 2),
			Error::<Test>::ZeroMinValidators
		);
		assert_noop!(
			Validators::set_validator_count(root(), 0, 0),
			Error::<Test>::ZeroMinValidators
		);
		assert_noop!(
			Validators::set_validator_count(root(), 3, 2),
			Error::<Test>::MinValidatorsAboveMax
		);
		assert_noop!(
			Validators::set_validator_count(root(), 5, 4),
			Error::<Test>::MinValidatorsAboveMax
		);
		assert_noop!(
			Validators::set_validator_count(root(), 1, MAX_AUTHORITIES + 1),
			Error::<Test>::MaxValidatorsAboveBound
		);
		assert_noop!(
			Validators::set_validator_count(root(), 5, 5),
			Error::<Test>::MaxValidatorsAboveBound
		);
	});
}

/// `set_validator_count` stores the bounds and says so.
#[test]
fn set_validator_count_stores_the_bounds() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Validators::set_validator_count(root(), 2, 3));
		assert_eq!((MinValidators::<Test>::get(), MaxValidators::<Test>::get()), (2, 3));
		assert_ok!(Validators::set_validator_count(root(), MAX_AUTHORITIES, MAX_AUTHORITIES));
		assert_eq!(
			(MinValidators::<Test>::get(), MaxValidators::<Test>::get()),
			(MAX_AUTHORITIES, MAX_AUTHORITIES)
		);
		assert_ok!(Validators::set_validator_count(root(), 1, 1));
		assert_eq!((MinValidators::<Test>::get(), MaxValidators::<Test>::get()), (1, 1));
		assert_eq!(
			events(),
			vec![
				Event::ValidatorCountSet { min: 2, max: 3 },
				Event::ValidatorCountSet { min: MAX_AUTHORITIES, max: MAX_AUTHORITIES },
				Event::ValidatorCountSet { min: 1, max: 1 },
			]
		);
	});
}

/// `set_session_length` refuses a session shorter than `MIN_SESSION_LENGTH`.
#[test]
fn set_session_length_refuses_a_short_session() {
	ExtBuilder::default().build_and_execute(|| {
		let shortest = BlockNumber::from(MIN_SESSION_LENGTH);
		assert_noop!(Validators::set_session_length(root(), 0), Error::<Test>::SessionTooShort);
		assert_noop!(
			Validators::set_session_length(root(), shortest - 1),
			Error::<Test>::SessionTooShort
		);

		assert_ok!(Validators::set_session_length(root(), shortest));
		assert_eq!(SessionLength::<Test>::get(), shortest);
		assert_eq!(events(), vec![Event::SessionLengthSet { length: shortest }]);
	});
}

/// `set_min_validator_backing` stores the amount and says so.
#[test]
fn set_min_validator_backing_stores_it() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Validators::set_min_validator_backing(root(), 5_000));
		assert_eq!(MinValidatorBacking::<Test>::get(), 5_000);
		assert_ok!(Validators::set_min_validator_backing(root(), 0));
		assert_eq!(MinValidatorBacking::<Test>::get(), 0);
		assert_eq!(
			events(),
			vec![
				Event::MinValidatorBackingSet { amount: 5_000 },
				Event::MinValidatorBackingSet { amount: 0 },
			]
		);
	});
}

/// `set_validator_reward_per_session` stores the amount and says so.
#[test]
fn set_validator_reward_per_session_stores_it() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Validators::set_validator_reward_per_session(root(), 250));
		assert_eq!(ValidatorRewardPerSession::<Test>::get(), 250);
		assert_eq!(events(), vec![Event::ValidatorRewardPerSessionSet { amount: 250 }]);

		// The next session's end pays the new amount.
		rotate();
		assert_eq!(Budget::get(), 250);
	});
}
