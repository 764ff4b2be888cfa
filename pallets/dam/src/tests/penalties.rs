//! Penalties on a Collateral DAM: slashing, vetoes, executions and the claimers' compensation.

use super::*;
use frame_support::{assert_noop, assert_ok};

/// A Collateral DAM where [`ALICE`] and [`BOB`] deposited 1,000 each, and [`ALICE`] claimed
/// half her shares while a penalty of 200 was open. Returns the DAM and the penalty's vault.
fn claimed_during_a_penalty() -> (DamId, VaultId) {
	let id = create(config(NetworkKind::Collateral));
	deposit(ALICE, id, 1_000);
	deposit(BOB, id, 1_000);
	assert_ok!(Dam::request_withdrawal(RuntimeOrigin::signed(ALICE), id, 500_000, MAX_TOKENS));
	run_to_block(6);
	let vault = slash(id, 0, 200);
	assert_ok!(Dam::claim_withdrawal(RuntimeOrigin::signed(ALICE), id, MAX_TOKENS));
	(id, vault)
}

#[test]
fn a_penalty_leaves_the_books_at_once_into_a_dispute_vault() {
	ExtBuilder::default().build_and_execute(|| {
		let (id, network) = installed(NetworkKind::Collateral);
		deposit(ALICE, id, 1_000);
		deposit(BOB, id, 1_000);
		MockRewards::clear_notices();
		let vault = slash(id, network, 200);
		assert_eq!(MockVaults::held(vault), Some(200));
		assert_eq!(usd_of(Dam::dam_account(id)), 1_800);
		let record = dam(id);
		assert_eq!((record.idle, record.in_dispute, record.penalties), (1_800, 200, 1));
		assert_eq!(
			OpenSlashes::<Test>::get(id).into_inner(),
			vec![OpenSlash { vault, network, amount: 200, claimed: 0 }]
		);
		assert_eq!(events().last(), Some(&Event::Slashed { dam: id, network, amount: 200, vault }));
		// The stake behind the exposures moved, not the shares.
		assert_eq!(
			MockRewards::notices(),
			vec![Notice::SharesChanged {
				dam: id,
				prev_active: 2_000_000,
				active: 2_000_000,
				holders: vec![]
			}]
		);
		assert_eq!(<Dam as DamProvider>::open_penalties(id), 1);
		// Every share is worth less now; what may be slashed counts the stake before it.
		assert_eq!(shares::assets_for::<Test>(&record, 1_000_000.into()), Some(900.into()));
		assert_eq!(shares::slashable_stake::<Test>(&record), 2_000.into());
	});
}

#[test]
fn bad_penalties_fail_with_named_errors_and_change_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		let id = create(config(NetworkKind::Collateral));
		let growth = create(config(NetworkKind::Growth));
		deposit(ALICE, id, 1_000);
		deposit(ALICE, growth, 1_000);
		let slash = |dam, amount| <Dam as DamProvider>::slash(dam, 0, amount, 20);
		assert_noop!(slash(7, 100), Error::<Test>::DamNotFound);
		assert_noop!(slash(growth, 100), Error::<Test>::NotCollateral);
		assert_noop!(slash(id, 0), Error::<Test>::ZeroAmount);
		assert_noop!(slash(id, 1_001), Error::<Test>::InsufficientIdleAssets);
		assert_noop!(<Dam as DamProvider>::restore(id, 9, 100), Error::<Test>::UnknownPenalty);
		assert_noop!(<Dam as DamProvider>::penalty_executed(id, 9), Error::<Test>::UnknownPenalty);
		// A penalty closes once.
		let vault = slash(id, 100).unwrap();
		assert_ok!(<Dam as DamProvider>::penalty_executed(id, vault));
		assert_noop!(
			<Dam as DamProvider>::penalty_executed(id, vault),
			Error::<Test>::UnknownPenalty
		);
	});
}

#[test]
fn a_claim_during_a_penalty_takes_its_part_which_a_veto_pays_back() {
	ExtBuilder::default().build_and_execute(|| {
		let (id, vault) = claimed_during_a_penalty();
		// 500,000 × (1,800 + 1) / (2,000,000 + 1,000), and a quarter of the shares bear a
		// quarter of the penalty.
		assert_eq!(
			events().last(),
			Some(&Event::WithdrawalClaimed {
				dam: id,
				delegator: ALICE,
				shares: 500_000.into(),
				amount: 450,
				owed_if_vetoed: 50
			})
		);
		assert_eq!(Compensation::<Test>::get(id, ALICE).into_inner(), vec![(vault, 50)]);
		assert_eq!(OpenSlashes::<Test>::get(id)[0].claimed, 50);
		let record = dam(id);
		assert_eq!((record.in_dispute, record.idle, record.dust), (150, 1_349, 1));

		veto(id, vault);
		assert_eq!(
			events().last(),
			Some(&Event::SlashRestored { dam: id, amount: 150, owed_to_claimers: 50 })
		);
		let record = dam(id);
		assert_eq!((record.idle, record.in_dispute, record.penalties), (1_499, 0, 0));
		assert_eq!((record.compensation, CompensationPools::<Test>::get(id, vault)), (50, 50));
		assert!(OpenSlashes::<Test>::get(id).is_empty());
		// The holders' rate is back, but for rounding.
		assert_eq!(shares::assets_for::<Test>(&record, 1_000_000.into()), Some(999.into()));
		assert_eq!(Dam::position(id, &ALICE).map(|p| p.compensation), Some(50));

		let before = usd_of(ALICE);
		assert_ok!(Dam::claim_compensation(RuntimeOrigin::signed(ALICE), id));
		assert_eq!(
			events().last(),
			Some(&Event::CompensationPaid { dam: id, delegator: ALICE, amount: 50 })
		);
		assert_eq!(usd_of(ALICE), before + 50);
		assert!(!Compensation::<Test>::contains_key(id, ALICE));
		assert!(!CompensationPools::<Test>::contains_key(id, vault));
		assert_eq!(dam(id).compensation, 0);
		assert_noop!(
			Dam::claim_compensation(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::NothingToClaim
		);
		assert_noop!(
			Dam::claim_compensation(RuntimeOrigin::signed(BOB), id),
			Error::<Test>::NothingToClaim
		);
	});
}

#[test]
fn an_executed_penalty_owes_its_claimers_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		let (id, vault) = claimed_during_a_penalty();
		assert_ok!(<Dam as DamProvider>::penalty_executed(id, vault));
		let record = dam(id);
		assert_eq!((record.idle, record.in_dispute, record.penalties), (1_349, 0, 0));
		assert_noop!(
			Dam::claim_compensation(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::NothingToClaim
		);

		// A later claim, during another penalty, drops the part of the executed one and
		// takes its part of the new one: 100 × 100,000 / 1,500,000.
		assert_ok!(Dam::request_withdrawal(RuntimeOrigin::signed(ALICE), id, 100_000, MAX_TOKENS));
		run_to_block(11);
		let next = slash(id, 1, 100);
		assert_ok!(Dam::claim_withdrawal(RuntimeOrigin::signed(ALICE), id, MAX_TOKENS));
		assert_eq!(Compensation::<Test>::get(id, ALICE).into_inner(), vec![(next, 6)]);
	});
}
