//! Retiring an ended program's token from a DAM's list: each earning share is booked once
//! against the final reward per share, then the token frees its slot, and its holders keep
//! what they are owed.

use super::*;

/// A Collateral DAM earning 10 a day for [`ALICE`] and 30 for [`BOB`] until its Network ends,
/// at the end of the Network's duration.
fn ended() -> (DamId, NetworkId) {
	let (dam, network) = collateral(1_000, 3_000, 4_000, 1_000_000);
	run_to_block(program(network).ends_at);
	(dam, network)
}

fn retire(dam: DamId, network: NetworkId, holders: Vec<AccountId>) -> DispatchResult {
	Rewards::retire_token(signed(STRANGER), dam, network, holders.try_into().unwrap())
}

#[test]
fn retiring_books_every_earning_share_then_frees_the_slot() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = ended();
		// Booking the same holder twice books it once.
		assert_ok!(retire(dam, network, vec![ALICE, ALICE, CHARLIE]));
		let retirement = crate::Pallet::<Test>::retirement(dam, network).expect("retiring");
		assert_eq!(retirement.unbooked, 3_000);
		// 400 to the delegators over 4,000 shares.
		assert_eq!(retirement.final_per_share, (SCALE / 10).into());
		assert!(events().contains(&Event::TokenRetiring {
			dam,
			program: network,
			unbooked: 4_000
		}));
		assert!(TrackedPrograms::<Test>::get(dam).contains(&network));

		assert_ok!(retire(dam, network, vec![BOB]));
		assert!(crate::Pallet::<Test>::retirement(dam, network).is_none());
		assert!(TrackedPrograms::<Test>::get(dam).is_empty());
		assert_eq!(events().last(), Some(&Event::TokenRetired { dam, program: network }));

		// Every holder keeps what it is owed.
		assert_eq!(pending(dam, network, ALICE), 100);
		assert_eq!(claim(dam, network, ALICE), 100);
		assert_eq!(claim(dam, network, BOB), 300);
		assert!(!Holdings::<Test>::contains_key((dam, network, BOB)));
		assert_noop!(
			Rewards::claim_rewards(signed(BOB), dam, vec![network].try_into().unwrap()),
			Error::<Test>::NotRewardToken
		);
		assert_noop!(retire(dam, network, vec![]), Error::<Test>::NotTracked);
	});
}

#[test]
fn a_holders_own_share_change_or_claim_books_it() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = ended();
		assert_ok!(retire(dam, network, vec![]));
		assert_eq!(
			crate::Pallet::<Test>::retirement(dam, network).map(|r| r.unbooked),
			Some(4_000)
		);
		assert_eq!(claim(dam, network, ALICE), 100);
		assert_eq!(
			crate::Pallet::<Test>::retirement(dam, network).map(|r| r.unbooked),
			Some(3_000)
		);
		assert_ok!(MockDams::request_withdrawal(dam, BOB, 3_000));
		assert!(TrackedPrograms::<Test>::get(dam).is_empty(), "every earning share is booked");
		assert_eq!(claim(dam, network, BOB), 300);
		assert_eq!(pending(dam, network, ALICE), 0);
	});
}

#[test]
fn a_token_that_earned_the_dam_nothing_retires_at_once() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = collateral(1_000, 0, 0, 1_000_000);
		run_to_block(program(network).ends_at);
		assert_ok!(retire(dam, network, vec![]));
		assert!(TrackedPrograms::<Test>::get(dam).is_empty());
		assert!(crate::Pallet::<Test>::retirement(dam, network).is_none());
		let retiring = events().iter().any(|e| matches!(e, Event::TokenRetiring { .. }));
		assert!(!retiring);
		assert_eq!(events().last(), Some(&Event::TokenRetired { dam, program: network }));
	});
}

#[test]
fn only_an_ended_tracked_token_retires() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = collateral(1_000, 3_000, 4_000, 1_000_000);
		run_to_block(program(network).ends_at - 1);
		assert_noop!(retire(dam, network, vec![ALICE]), Error::<Test>::ProgramRunning);
		assert_noop!(retire(dam + 1, network, vec![ALICE]), Error::<Test>::NotTracked);
		let other = live_network(NetworkKind::Collateral);
		assert_noop!(retire(dam, other, vec![ALICE]), Error::<Test>::NotTracked);
	});
}
