//! The delegator allow-list.

use super::*;
use frame_support::{assert_noop, assert_ok};
use polkadot_sdk::sp_runtime::DispatchResult;

fn allow(dam: DamId, who: AccountId) -> DispatchResult {
	Dam::allow_delegator(RuntimeOrigin::signed(MANAGER), dam, who)
}

#[test]
fn the_allow_list_admits_only_listed_delegators_up_to_its_cap() {
	ExtBuilder::default().build_and_execute(|| {
		let id = create(config(NetworkKind::Growth));
		assert_ok!(Dam::set_allow_list(RuntimeOrigin::signed(MANAGER), id, true));
		assert_eq!(events().last(), Some(&Event::AllowListSet { dam: id, enabled: true }));
		assert_noop!(
			Dam::deposit(RuntimeOrigin::signed(ALICE), id, 1_000, ANY_FEE, MAX_TOKENS),
			Error::<Test>::NotAllowed
		);

		assert_ok!(allow(id, ALICE));
		assert_eq!(events().last(), Some(&Event::DelegatorAllowed { dam: id, delegator: ALICE }));
		// Allowing twice lists once.
		assert_ok!(allow(id, ALICE));
		assert_eq!(dam(id).allowed, 1);
		deposit(ALICE, id, 1_000);
		// Shares reach only listed accounts.
		assert_noop!(
			Dam::transfer_shares(RuntimeOrigin::signed(ALICE), id, BOB, 1_000, MAX_TOKENS),
			Error::<Test>::NotAllowed
		);

		assert_ok!(Dam::disallow_delegator(RuntimeOrigin::signed(MANAGER), id, ALICE));
		assert_eq!(
			events().last(),
			Some(&Event::DelegatorDisallowed { dam: id, delegator: ALICE })
		);
		assert_eq!(dam(id).allowed, 0);
		assert_noop!(
			Dam::deposit(RuntimeOrigin::signed(ALICE), id, 1_000, ANY_FEE, MAX_TOKENS),
			Error::<Test>::NotAllowed
		);
		// Its shares stay, and it can still leave.
		assert_ok!(Dam::withdraw(RuntimeOrigin::signed(ALICE), id, 500_000, MAX_TOKENS));

		// With the list off, anyone may join.
		assert_ok!(Dam::set_allow_list(RuntimeOrigin::signed(MANAGER), id, false));
		deposit(BOB, id, 1_000);

		// Another DAM's list holds at most `MaxAllowListLength` (3).
		let id = create(config(NetworkKind::Growth));
		for who in [ALICE, BOB, CHARLIE] {
			assert_ok!(allow(id, who));
		}
		assert_noop!(allow(id, STRANGER), Error::<Test>::AllowListFull);
		// Listed delegators may be allowed again at the cap.
		assert_ok!(allow(id, BOB));
		// Disallowing an unlisted account changes no count.
		assert_ok!(Dam::disallow_delegator(RuntimeOrigin::signed(MANAGER), id, STRANGER));
		assert_eq!(dam(id).allowed, 3);
		assert_ok!(Dam::disallow_delegator(RuntimeOrigin::signed(MANAGER), id, BOB));
		assert_ok!(allow(id, STRANGER));

		assert_noop!(
			Dam::allow_delegator(RuntimeOrigin::signed(ALICE), id, ALICE),
			Error::<Test>::NotGatekeeper
		);
		assert_noop!(
			Dam::disallow_delegator(RuntimeOrigin::signed(ALICE), id, ALICE),
			Error::<Test>::NotGatekeeper
		);
		assert_noop!(
			Dam::set_allow_list(RuntimeOrigin::signed(ALICE), id, true),
			Error::<Test>::NotGatekeeper
		);
		assert_noop!(allow(7, ALICE), Error::<Test>::DamNotFound);
	});
}
