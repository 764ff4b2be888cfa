//! Claims on another's behalf and claims of every token of several DAMs at once.

use super::*;
use frame_support::dispatch::{GetDispatchInfo, Pays, PostDispatchInfo};

fn claim_for(
	caller: AccountId,
	dam: DamId,
	who: AccountId,
	networks: Vec<NetworkId>,
) -> DispatchResult {
	Rewards::claim_rewards_for(signed(caller), dam, who, networks.try_into().unwrap())
}

fn allow_anyone(who: AccountId) {
	assert_ok!(Rewards::set_claim_permission(signed(who), ClaimPermission::PermissionlessClaim));
}

#[test]
fn a_permissionless_claim_mints_to_the_delegator_and_never_to_the_caller() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = collateral(1_000, 3_000, 4_000, 1_000_000);
		allow_anyone(ALICE);
		assert_eq!(
			events().last(),
			Some(&Event::ClaimPermissionSet {
				delegator: ALICE,
				permission: ClaimPermission::PermissionlessClaim
			})
		);
		assert_eq!(ClaimPermissions::<Test>::get(ALICE), ClaimPermission::PermissionlessClaim);
		days(1);
		assert_ok!(claim_for(CHARLIE, dam, ALICE, vec![network]));
		assert_eq!(Assets::balance(token(network), ALICE), 10);
		assert_eq!(Assets::balance(token(network), CHARLIE), 0);
		assert_eq!(
			events().last(),
			Some(&Event::RewardsClaimed {
				dam,
				program: network,
				delegator: ALICE,
				token: token(network),
				amount: 10,
			})
		);
		// Claimed: a second claim, by anyone, finds nothing.
		assert_noop!(claim_for(BOB, dam, ALICE, vec![network]), Error::<Test>::NothingToClaim);
		// A claim for one delegator settles no other.
		assert_eq!(pending(dam, network, BOB), 30);
	});
}

#[test]
fn a_permissioned_delegator_is_claimed_for_by_itself_alone() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = collateral(1_000, 3_000, 4_000, 1_000_000);
		days(1);
		assert_eq!(ClaimPermissions::<Test>::get(BOB), ClaimPermission::Permissioned);
		assert_noop!(claim_for(ALICE, dam, BOB, vec![network]), Error::<Test>::ClaimNotPermitted);
		assert_ok!(claim_for(BOB, dam, BOB, vec![network]));
		assert_eq!(Assets::balance(token(network), BOB), 30);
		// Allowing others and taking it back: the record goes, and others are refused again.
		allow_anyone(ALICE);
		assert_ok!(Rewards::set_claim_permission(signed(ALICE), ClaimPermission::Permissioned));
		assert!(!ClaimPermissions::<Test>::contains_key(ALICE));
		assert_noop!(claim_for(BOB, dam, ALICE, vec![network]), Error::<Test>::ClaimNotPermitted);
		assert_eq!(pending(dam, network, ALICE), 10);
	});
}

#[test]
fn claim_permissions_and_claims_for_others_reject_bad_input() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = collateral(1_000, 3_000, 4_000, 1_000_000);
		let untracked = live_network(NetworkKind::Collateral);
		assert_noop!(
			Rewards::set_claim_permission(signed(ALICE), ClaimPermission::Permissioned),
			Error::<Test>::ClaimPermissionUnchanged
		);
		allow_anyone(ALICE);
		assert_noop!(
			Rewards::set_claim_permission(signed(ALICE), ClaimPermission::PermissionlessClaim),
			Error::<Test>::ClaimPermissionUnchanged
		);
		assert_noop!(
			Rewards::set_claim_permission(RuntimeOrigin::none(), ClaimPermission::Permissioned),
			DispatchError::BadOrigin
		);
		assert_noop!(claim_for(BOB, dam, ALICE, vec![network]), Error::<Test>::NothingToClaim);
		days(1);
		assert_noop!(
			claim_for(BOB, dam, ALICE, vec![network, untracked]),
			Error::<Test>::NotRewardToken
		);
		assert_noop!(claim_for(BOB, dam + 1, ALICE, vec![network]), Error::<Test>::NotRewardToken);
		assert_noop!(claim_for(BOB, dam, CHARLIE, vec![network]), Error::<Test>::ClaimNotPermitted);
		assert_noop!(
			Rewards::claim_rewards_for(
				RuntimeOrigin::none(),
				dam,
				ALICE,
				vec![network].try_into().unwrap()
			),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn claim_all_rewards_claims_every_tracked_token_of_each_dam_once() {
	ExtBuilder::default().build_and_execute(|| {
		let (first_dam, first) = collateral(1_000, 3_000, 4_000, 1_000_000);
		let second = live_network(NetworkKind::Collateral);
		install(first_dam, second);
		assert_ok!(MockDams::commit(first_dam, second, 4_000));
		fund(second, 1_000_000);
		let other_dam = new_dam(NetworkKind::Collateral);
		let third = live_network(NetworkKind::Collateral);
		install(other_dam, third);
		deposit(other_dam, ALICE, 2_000);
		assert_ok!(MockDams::commit(other_dam, third, 2_000));
		fund(third, 1_000_000);
		days(1);
		let dams = vec![other_dam, first_dam, other_dam];
		let call =
			crate::Call::<Test>::claim_all_rewards { dams: dams.clone().try_into().unwrap() };
		let charged = call.get_dispatch_info().call_weight;
		let result = Rewards::claim_all_rewards(signed(ALICE), dams.try_into().unwrap());
		assert_ok!(result);
		// Three tokens in two DAMs, charged for `MaxRewardTokens` in each of the three listed.
		assert_eq!(
			result.unwrap(),
			PostDispatchInfo {
				actual_weight: Some(Rewards::claim_all_weight(2, 3)),
				pays_fee: Pays::Yes
			}
		);
		assert!(Rewards::claim_all_weight(2, 3).all_lt(charged));
		assert_eq!(Assets::balance(token(first), ALICE), 10);
		assert_eq!(Assets::balance(token(second), ALICE), 10);
		assert_eq!(Assets::balance(token(third), ALICE), 20);
		let claimed: Vec<_> = events()
			.into_iter()
			.filter_map(|e| match e {
				Event::RewardsClaimed { dam, program: network, delegator, amount, .. } => {
					Some((dam, network, delegator, amount))
				}
				_ => None,
			})
			.collect();
		assert_eq!(
			claimed,
			vec![
				(first_dam, first, ALICE, 10),
				(first_dam, second, ALICE, 10),
				(other_dam, third, ALICE, 20)
			]
		);
		// Bob earns in the first DAM alone; the other DAM pays him nothing, is no error, and
		// keeps no record of him.
		let result =
			Rewards::claim_all_rewards(signed(BOB), vec![first_dam, other_dam].try_into().unwrap());
		assert_eq!(result.unwrap().actual_weight, Some(Rewards::claim_all_weight(1, 2)));
		assert_eq!(Assets::balance(token(first), BOB), 30);
		assert!(!Holdings::<Test>::contains_key((other_dam, third, BOB)));
		assert_noop!(
			Rewards::claim_all_rewards(
				signed(ALICE),
				vec![first_dam, other_dam].try_into().unwrap()
			),
			Error::<Test>::NothingToClaim
		);
		assert_noop!(
			Rewards::claim_all_rewards(signed(ALICE), Vec::new().try_into().unwrap()),
			Error::<Test>::NothingToClaim
		);
		assert_noop!(
			Rewards::claim_all_rewards(RuntimeOrigin::none(), vec![first_dam].try_into().unwrap()),
			DispatchError::BadOrigin
		);
	});
}
