//! A Growth DAM's rewards are shared by what each holder paid into its spends, not by the
//! shares it holds.

use super::*;

/// A Growth DAM installed into a live Growth Network with a budget of 1,000,000, and deposits
/// of `alice` by [`ALICE`] and `bob` by [`BOB`].
fn growth_dam(alice: Balance, bob: Balance) -> (DamId, NetworkId) {
	let dam = new_dam(NetworkKind::Growth);
	let network = live_network(NetworkKind::Growth);
	install(dam, network);
	fund(network, 1_000_000);
	deposit(dam, ALICE, alice);
	deposit(dam, BOB, bob);
	(dam, network)
}

#[test]
fn a_holder_who_takes_back_its_idle_assets_still_earns_on_what_it_paid_in() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = growth_dam(2_000, 2_000);
		assert_ok!(MockDams::allocate(dam, network, 2_000));
		let spent = crate::Pallet::<Test>::spending(dam, network).expect("a spend");
		assert_eq!(spent.total, 2_000);
		// BOB burns every share for its half of the idle rest.
		assert_eq!(MockDams::withdraw(dam, BOB, 2_000), Ok(1_000));
		assert_eq!(
			Contributions::<Test>::get((dam, network, BOB)).map(|c| units(c.weight)),
			Some(1_000)
		);
		days(1);
		// 1% of 2,000 a day, shared by what each paid in: 1,000 each.
		assert_eq!(pending(dam, network, ALICE), 10);
		assert_eq!(pending(dam, network, BOB), 10);

		// A share transfer takes the same fraction of what the sender paid in.
		assert_ok!(MockDams::transfer_shares(dam, ALICE, CHARLIE, 1_000));
		days(1);
		assert_eq!(pending(dam, network, ALICE), 10 + 5);
		assert_eq!(pending(dam, network, CHARLIE), 5);
		assert_eq!(pending(dam, network, BOB), 20);
		assert_eq!(claim(dam, network, BOB), 20);
		assert!(
			Contributions::<Test>::contains_key((dam, network, BOB)),
			"a holder without shares keeps earning on what it paid in"
		);
	});
}

#[test]
fn each_spend_is_shared_by_the_holders_of_its_moment() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = growth_dam(2_000, 6_000);
		// Paid in 1:3.
		assert_ok!(MockDams::allocate(dam, network, 2_000));
		assert_eq!(MockDams::withdraw(dam, BOB, 4_000), Ok(3_000));
		days(1);
		assert_eq!(pending(dam, network, ALICE), 5);
		assert_eq!(pending(dam, network, BOB), 15);
		// Now the shares are 1:1, and so is the second spend.
		assert_ok!(MockDams::allocate(dam, network, 2_000));
		assert_eq!(crate::Pallet::<Test>::spending(dam, network).map(|s| s.total), Some(4_000));
		days(1);
		// 40 a day on 1,500 paid in by ALICE and 2,500 by BOB.
		assert_eq!(pending(dam, network, ALICE), 5 + 15);
		assert_eq!(pending(dam, network, BOB), 15 + 25);
	});
}
