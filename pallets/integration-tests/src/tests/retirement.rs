//! Ended programs' tokens leave a DAM's list once every earning share is booked against the
//! final reward per share, and every holder keeps what it earned (finding L-1 of the security
//! review).

use super::{bad_input::signed, rewards::pending};
use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok};
use pallet_dam::*;
use pallet_rewards::{
	Error as RewardsError, Event as RewardsEvent, Holdings, Programs, TrackedPrograms,
};

fn ends_at(network: NetworkId) -> u64 {
	Programs::<Test>::get(network).expect("a program").ends_at
}

fn retire(dam: DamId, network: NetworkId, holders: Vec<AccountId>) {
	assert_ok!(Rewards::retire_token(signed(STRANGER), dam, network, holders.try_into().unwrap()));
}

fn tracks(dam: DamId, network: NetworkId) -> bool {
	TrackedPrograms::<Test>::get(dam).contains(&network)
}

/// Claims every token of `networks` for `who` and returns what each paid.
fn claim_all(dam: DamId, networks: &[NetworkId], who: AccountId) -> Vec<Balance> {
	let before: Vec<Balance> =
		networks.iter().map(|n| Assets::balance(SYNTHETIC_BASE + n, who)).collect();
	assert_ok!(Rewards::claim_rewards(signed(who), dam, networks.to_vec().try_into().unwrap()));
	networks
		.iter()
		.zip(before)
		.map(|(n, before)| Assets::balance(SYNTHETIC_BASE + n, who) - before)
		.collect()
}

/// A Collateral DAM with ALICE's and BOB's deposits (1:3), committed in full to a funded
/// Network.
fn earning_dam() -> (DamId, NetworkId) {
	let dam = create(config(NetworkKind::Collateral));
	let network = live_network(NetworkKind::Collateral, 1_000_000);
	install(dam, network);
	assert_ok!(Dam::deposit(signed(ALICE), dam, 1_000, ANY_FEE, MAX_TOKENS));
	assert_ok!(Dam::deposit(signed(BOB), dam, 3_000, ANY_FEE, MAX_TOKENS));
	assert_ok!(Dam::commit(signed(MANAGER), dam, network, 4_000));
	assert_ok!(Rewards::fund_rewards(signed(NET_MANAGER), network, 1_000_000));
	(dam, network)
}

#[test]
fn an_ended_token_leaves_the_list_once_every_earning_share_is_booked() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = earning_dam();
		run_to_block(ends_at(network) - 100);
		assert_noop!(
			Rewards::retire_token(signed(STRANGER), dam, network, vec![ALICE].try_into().unwrap()),
			RewardsError::<Test>::ProgramRunning
		);
		run_to_block(ends_at(network) + 500);
		let owed = (pending(dam, network, ALICE), pending(dam, network, BOB));
		assert!(owed.0 > 0);
		assert_eq!(owed.1, 3 * owed.0);

		// Alice is booked once, however often she is named; Charlie holds nothing to book.
		retire(dam, network, vec![ALICE, ALICE, CHARLIE]);
		let bob_shares = Shares::<Test>::get(dam, BOB).0;
		assert_eq!(
			pallet_rewards::Pallet::<Test>::retirement(dam, network).map(|r| r.unbooked),
			Some(bob_shares)
		);
		assert!(System::events().iter().any(|r| r.event
			== RuntimeEvent::Rewards(RewardsEvent::TokenRetiring {
				dam,
				program: network,
				unbooked: Shares::<Test>::get(dam, ALICE).0 + bob_shares,
			})));
		retire(dam, network, vec![ALICE]);
		assert_eq!(
			pallet_rewards::Pallet::<Test>::retirement(dam, network).map(|r| r.unbooked),
			Some(bob_shares)
		);
		assert!(tracks(dam, network));
		assert_eq!((pending(dam, network, ALICE), pending(dam, network, BOB)), owed);

		// Bob's own deposit books him, the last earning shares: the token leaves the list.
		assert_ok!(Dam::deposit(signed(BOB), dam, 500, ANY_FEE, MAX_TOKENS));
		assert!(!tracks(dam, network));
		assert!(pallet_rewards::Pallet::<Test>::retirement(dam, network).is_none());
		System::assert_has_event(RewardsEvent::TokenRetired { dam, program: network }.into());
		assert_eq!((pending(dam, network, ALICE), pending(dam, network, BOB)), owed);

		// A later holder earns nothing in it, and nothing of it is stored for him.
		assert_ok!(Dam::deposit(signed(CHARLIE), dam, 1_000, ANY_FEE, MAX_TOKENS));
		assert_eq!(pending(dam, network, CHARLIE), 0);
		assert!(!Holdings::<Test>::contains_key((dam, network, CHARLIE)));
		assert_noop!(
			Rewards::claim_rewards(signed(CHARLIE), dam, vec![network].try_into().unwrap()),
			RewardsError::<Test>::NotRewardToken
		);

		// The booked holders claim exactly what they were owed, once.
		assert_eq!(claim_all(dam, &[network], ALICE), vec![owed.0]);
		assert_eq!(claim_all(dam, &[network], BOB), vec![owed.1]);
		assert!(!Holdings::<Test>::contains_key((dam, network, ALICE)));
		assert_noop!(
			Rewards::claim_rewards(signed(BOB), dam, vec![network].try_into().unwrap()),
			RewardsError::<Test>::NotRewardToken
		);
	});
}

#[test]
fn retiring_ended_tokens_frees_slots_for_new_networks() {
	ExtBuilder::default().build_and_execute(|| {
		let dam = create(config(NetworkKind::Collateral));
		assert_ok!(Dam::deposit(signed(ALICE), dam, 1_000, ANY_FEE, MAX_TOKENS));
		assert_ok!(Dam::deposit(signed(BOB), dam, 1_000, ANY_FEE, MAX_TOKENS));
		// Six tokens (the mock's limit), each earning for a while before it is uninstalled.
		let networks: Vec<NetworkId> = (0..6)
			.map(|_| {
				let network = live_network_for(NetworkKind::Collateral, 1_000_000, 300);
				install(dam, network);
				assert_ok!(Dam::commit(signed(MANAGER), dam, network, 2_000));
				assert_ok!(Rewards::fund_rewards(signed(NET_MANAGER), network, 1_000));
				run_to_block(System::block_number() + 100);
				assert_ok!(Dam::commit(signed(MANAGER), dam, network, 0));
				run_to_block(System::block_number() + 5);
				assert_ok!(Dam::uninstall(signed(MANAGER), dam, network));
				network
			})
			.collect();
		let next = live_network(NetworkKind::Collateral, 1_000_000);
		assert_noop!(
			Dam::request_installation(signed(MANAGER), dam, next, MANAGER),
			RewardsError::<Test>::TooManyRewardTokens
		);
		run_to_block(System::block_number() + 300);
		let owed: Vec<Balance> = networks.iter().map(|n| pending(dam, *n, ALICE)).collect();
		assert!(owed.iter().all(|amount| *amount > 0));

		// Each ended token is retired in one call naming both holders.
		for network in &networks {
			retire(dam, *network, vec![ALICE, BOB]);
			assert!(!tracks(dam, *network));
		}
		install(dam, next);
		assert_eq!(networks.iter().map(|n| pending(dam, *n, ALICE)).collect::<Vec<_>>(), owed);
		assert_eq!(claim_all(dam, &networks, ALICE), owed);
		assert_eq!(claim_all(dam, &networks, BOB), owed);
	});
}

#[test]
fn a_growth_holder_who_took_everything_back_keeps_its_rewards_through_retirement() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = funded_growth_dam();
		assert_ok!(Dam::allocate(signed(MANAGER), dam, network, 100_000));
		run_to_block(System::block_number() + 100);
		// Alice takes back her idle half: she holds no share, and earns on what she paid in.
		let alice = Shares::<Test>::get(dam, ALICE);
		assert_ok!(Dam::withdraw(signed(ALICE), dam, alice.0, MAX_TOKENS));
		run_to_block(ends_at(network) + 1);
		let owed = (pending(dam, network, ALICE), pending(dam, network, BOB));
		assert_eq!(owed.0, owed.1);
		assert!(owed.0 > 0);

		// Bob holds the only earning shares: booking him retires the token at once.
		retire(dam, network, vec![BOB]);
		assert!(!tracks(dam, network));
		assert_eq!((pending(dam, network, ALICE), pending(dam, network, BOB)), owed);
		assert_eq!(claim_all(dam, &[network], ALICE), vec![owed.0]);
		assert_eq!(claim_all(dam, &[network], BOB), vec![owed.1]);
	});
}

#[test]
fn a_token_that_never_paid_the_dam_leaves_at_once() {
	ExtBuilder::default().build_and_execute(|| {
		let dam = create(config(NetworkKind::Collateral));
		let network = live_network(NetworkKind::Collateral, 1_000_000);
		install(dam, network);
		assert_ok!(Dam::deposit(signed(ALICE), dam, 1_000, ANY_FEE, MAX_TOKENS));
		run_to_block(ends_at(network));
		retire(dam, network, vec![]);
		assert!(!tracks(dam, network));
		assert!(pallet_rewards::Pallet::<Test>::retirement(dam, network).is_none());
	});
}

#[test]
fn retire_token_with_bad_input() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = earning_dam();
		let other = create(config(NetworkKind::Collateral));
		let none = || vec![].try_into().unwrap();
		assert_noop!(
			Rewards::retire_token(signed(STRANGER), other, network, none()),
			RewardsError::<Test>::NotTracked
		);
		assert_noop!(
			Rewards::retire_token(signed(STRANGER), 99, network, none()),
			RewardsError::<Test>::NotTracked
		);
		assert_noop!(
			Rewards::retire_token(signed(STRANGER), dam, 99, none()),
			RewardsError::<Test>::NotTracked
		);
		assert_noop!(
			Rewards::retire_token(signed(STRANGER), dam, network, none()),
			RewardsError::<Test>::ProgramRunning
		);
		assert_noop!(
			Rewards::retire_token(RuntimeOrigin::none(), dam, network, none()),
			polkadot_sdk::sp_runtime::DispatchError::BadOrigin
		);
		// Once retired, the token is no longer tracked.
		run_to_block(ends_at(network));
		retire(dam, network, vec![ALICE, BOB]);
		assert_noop!(
			Rewards::retire_token(signed(STRANGER), dam, network, none()),
			RewardsError::<Test>::NotTracked
		);
	});
}

#[test]
fn naming_a_holder_or_a_token_twice_books_and_pays_once() {
	// A Growth DAM spends again after Alice's last settlement, then its Network ends; Alice is
	// booked by a call naming her once or twice.
	let booked = |names: Vec<AccountId>| {
		let mut records = None;
		ExtBuilder::default().build_and_execute(|| {
			let (dam, network) = funded_growth_dam();
			assert_ok!(Dam::allocate(signed(MANAGER), dam, network, 50_000));
			run_to_block(System::block_number() + 100);
			assert_ok!(Dam::allocate(signed(MANAGER), dam, network, 50_000));
			run_to_block(ends_at(network) + 1);
			let owed = pending(dam, network, ALICE);
			retire(dam, network, names.clone());
			assert_eq!(pending(dam, network, ALICE), owed);
			records = Some((
				Holdings::<Test>::get((dam, network, ALICE)),
				pallet_rewards::Contributions::<Test>::get((dam, network, ALICE)),
				pallet_rewards::Pallet::<Test>::retirement(dam, network),
			));
			// Bob's withdrawal books him and retires the token; a claim naming it twice pays
			// once (both entries read the same token balance).
			let bob = Shares::<Test>::get(dam, BOB);
			assert_ok!(Dam::withdraw(signed(BOB), dam, bob.0 / 2, MAX_TOKENS));
			assert!(!tracks(dam, network));
			assert_eq!(claim_all(dam, &[network, network], ALICE), vec![owed, owed]);
		});
		records.expect("the scenario ran")
	};
	assert_eq!(booked(vec![ALICE, ALICE]), booked(vec![ALICE]));
}
