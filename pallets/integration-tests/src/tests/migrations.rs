//! The storage migrations of the Nektar pallets, each run on state written in the layout of the
//! version before, with their `try-runtime` checks.

use super::{
	bad_input::signed,
	rewards::{earning, pending},
	slashing::{penalisable, request},
};
use crate::{mock::*, *};
use frame_support::{
	assert_ok,
	storage::unhashed,
	traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
};
use nektar_primitives::CheckedMigration;
use pallet_dam::{migrations::v2 as dam_v2, *};
use pallet_marketplace::{
	migrations::{v2 as market_v2, v3 as market_v3},
	PenaltyDestination,
};
use pallet_rewards::migrations::v5 as rewards_v5;
use pallet_slashing::migrations::v2 as slash_v2;
use pallet_vaults::migrations::v2 as vaults_v2;
use polkadot_sdk::sp_runtime::Perbill;

/// Rewrites the state in the version-1 layout: the old parameters, installations, DAMs and
/// penalties, at storage version 1.
fn downgrade() {
	let params = pallet_marketplace::Params::<Test>::get();
	unhashed::put(
		&pallet_marketplace::Params::<Test>::hashed_key(),
		&market_v2::OldParams {
			max_dam_fee: params.max_dam_fee,
			withdrawal_delay: params.withdrawal_delay,
			min_dispute_window: params.min_dispute_window,
			repay_grace: params.repay_grace,
			blocks_per_day: params.blocks_per_day,
		},
	);
	for (network, dam, i) in pallet_marketplace::Installations::<Test>::iter() {
		unhashed::put(
			&pallet_marketplace::Installations::<Test>::hashed_key_for(network, dam),
			&market_v2::OldInstallation {
				status: i.status,
				operator: i.operator,
				exposure: i.exposure,
				max_exposure: i.max_exposure,
				performance: i.performance,
				requested_at: i.requested_at,
				confirmed_at: i.confirmed_at,
			},
		);
	}
	for (id, d) in Dams::<Test>::iter() {
		unhashed::put(
			&Dams::<Test>::hashed_key_for(id),
			&dam_v2::OldDamInfo {
				manager: d.manager,
				kind: d.kind,
				deposit_asset: d.deposit_asset,
				fee: d.fee,
				fee_mutable: d.fee_mutable,
				gatekeeper: d.gatekeeper,
				gatekeeper_mutable: d.gatekeeper_mutable,
				catalyst: d.catalyst,
				catalyst_mutable: d.catalyst_mutable,
				receipt_transferable: d.receipt_transferable,
				allow_list: d.allow_list,
				deposit: d.deposit,
				total_shares: d.total_shares.0,
				pending_shares: d.pending_shares.0,
				idle: d.idle,
				dust: d.dust,
				lent: d.lent,
				closed: d.closed,
				recovery: d.recovery,
				recovery_per_share: d.recovery_per_share,
				penalties: d.penalties,
				operators: d.operators,
			},
		);
		OpenSlashes::<Test>::remove(id);
	}
	let old_penalty = |p: pallet_slashing::PenaltyOf<Test>| slash_v2::OldPenalty {
		network: p.network,
		dam: p.dam,
		amount: p.amount,
		vault: p.vault,
		status: p.status,
		requested_at: p.requested_at,
		window_ends: p.window_ends,
		reason: p.reason,
	};
	for (id, p) in pallet_slashing::Penalties::<Test>::iter() {
		unhashed::put(&pallet_slashing::Penalties::<Test>::hashed_key_for(id), &old_penalty(p));
	}
	for (dam, history) in pallet_slashing::History::<Test>::iter() {
		let old: Vec<_> = history.into_iter().map(|(id, p)| (id, old_penalty(p))).collect();
		unhashed::put(&pallet_slashing::History::<Test>::hashed_key_for(dam), &old);
	}
	StorageVersion::new(1).put::<pallet_marketplace::Pallet<Test>>();
	StorageVersion::new(1).put::<Pallet<Test>>();
	StorageVersion::new(1).put::<pallet_slashing::Pallet<Test>>();
}

/// Rewrites every Network in the version-2 layout, without a commission in its terms.
fn downgrade_networks() {
	for (id, n) in pallet_marketplace::Networks::<Test>::iter() {
		let t = n.terms;
		let old = market_v3::OldNetwork {
			manager: n.manager,
			terms: market_v3::OldTerms {
				kind: t.kind,
				deposit_asset: t.deposit_asset,
				min_allocation: t.min_allocation,
				amount_requested: t.amount_requested,
				operators_requested: t.operators_requested,
				duration: t.duration,
				lock_period: t.lock_period,
				safe: t.safe,
				reward_asset: t.reward_asset,
				delegator_rate: t.delegator_rate,
				operator_rate: t.operator_rate,
				penalty: t.penalty,
				return_bond: t.return_bond,
			},
			status: n.status,
			deposit: n.deposit,
			bond: n.bond,
			registered_at: n.registered_at,
			live_since: n.live_since,
			installations: n.installations,
			requests: n.requests,
			total_exposure: n.total_exposure,
		};
		unhashed::put(&pallet_marketplace::Networks::<Test>::hashed_key_for(id), &old);
	}
}

/// Rewrites the marketplace's state in the version-2 layout: the parameters and the Networks,
/// at storage version 2.
fn downgrade_to_v2() {
	let p = pallet_marketplace::Params::<Test>::get();
	unhashed::put(
		&pallet_marketplace::Params::<Test>::hashed_key(),
		&market_v3::OldParams {
			max_dam_fee: p.max_dam_fee,
			withdrawal_delay: p.withdrawal_delay,
			commitment_delay: p.commitment_delay,
			min_dispute_window: p.min_dispute_window,
			max_dispute_window: p.max_dispute_window,
			resolution_period: p.resolution_period,
			min_penalty: p.min_penalty,
			fee_increase_delay: p.fee_increase_delay,
			repay_grace: p.repay_grace,
			blocks_per_day: p.blocks_per_day,
		},
	);
	downgrade_networks();
	StorageVersion::new(2).put::<pallet_marketplace::Pallet<Test>>();
}

#[test]
fn the_version_3_marketplace_migration_gives_every_network_before_it_no_commission() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = funded_growth_dam();
		assert_ok!(Dam::allocate(signed(MANAGER), dam, network, 100_000));
		let day = |days: u64| run_to_block(System::block_number() + 100 * days);
		day(2);
		let earned = || [ALICE, BOB].map(|who| pending(dam, network, who));
		let before = earned();
		let operator = pallet_rewards::Pallet::<Test>::pending_operator_rewards(network, dam);
		assert!(before.iter().all(|amount| *amount > 0));
		let (terms, program) = (
			pallet_marketplace::Networks::<Test>::get(network).unwrap().terms,
			pallet_rewards::Programs::<Test>::get(network).unwrap(),
		);

		downgrade_to_v2();
		let state = market_v3::InnerMigrateV2ToV3::<Test>::pre_checks();
		market_v3::MigrateV2ToV3::<Test>::on_runtime_upgrade();
		assert_ok!(market_v3::InnerMigrateV2ToV3::<Test>::post_checks(state));
		assert_eq!(
			pallet_marketplace::Pallet::<Test>::on_chain_storage_version(),
			StorageVersion::new(3)
		);

		// Nothing changes but the new fields: no commission, and at most half allowed.
		assert_eq!(pallet_marketplace::Networks::<Test>::get(network).unwrap().terms, terms);
		assert_eq!(pallet_rewards::Programs::<Test>::get(network).unwrap(), program);
		assert_eq!(
			pallet_marketplace::Params::<Test>::get().max_operator_commission,
			Perbill::from_percent(50)
		);
		assert_eq!(earned(), before);
		assert_eq!(
			pallet_rewards::Pallet::<Test>::pending_operator_rewards(network, dam),
			operator
		);

		// Running again does nothing, and rewards go on accruing as before.
		let root = state_root();
		market_v3::MigrateV2ToV3::<Test>::on_runtime_upgrade();
		assert_eq!(root, state_root());
		day(2);
		assert_eq!(earned(), before.map(|amount| amount * 2));
	});
}

#[test]
fn the_version_2_migrations_upgrade_version_1_state() {
	ExtBuilder::default().build_and_execute(|| {
		// A DAM with an open penalty and a resolved one, and a second DAM with a commitment.
		let (dam, network) = penalisable(None, PenaltyDestination::Treasury);
		let done = request(network, dam, 100);
		run_to_block(System::block_number() + 3);
		assert_ok!(Slashing::execute(signed(STRANGER), done));
		let open = request(network, dam, 150);
		let window_ends = pallet_slashing::Penalties::<Test>::get(open).unwrap().window_ends;
		let (other, _) = funded_installation(NetworkKind::Collateral);
		let books = Dams::<Test>::get(dam).unwrap();
		let params = pallet_marketplace::Params::<Test>::get();

		downgrade();
		// The marketplace goes through version 2 to 3 before the others read its parameters.
		let market = market_v2::InnerMigrateV1ToV2::<Test>::pre_checks();
		market_v2::MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_ok!(market_v2::InnerMigrateV1ToV2::<Test>::post_checks(market));
		downgrade_networks();
		let market = market_v3::InnerMigrateV2ToV3::<Test>::pre_checks();
		market_v3::MigrateV2ToV3::<Test>::on_runtime_upgrade();
		assert_ok!(market_v3::InnerMigrateV2ToV3::<Test>::post_checks(market));
		let state = (
			dam_v2::InnerMigrateV1ToV2::<Test>::pre_checks(),
			slash_v2::InnerMigrateV1ToV2::<Test>::pre_checks(),
		);
		dam_v2::MigrateV1ToV2::<Test>::on_runtime_upgrade();
		slash_v2::MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_ok!(dam_v2::InnerMigrateV1ToV2::<Test>::post_checks(state.0));
		assert_ok!(slash_v2::InnerMigrateV1ToV2::<Test>::post_checks(state.1));

		assert_eq!(
			pallet_marketplace::Pallet::<Test>::on_chain_storage_version(),
			StorageVersion::new(3)
		);
		for version in [
			Pallet::<Test>::on_chain_storage_version(),
			pallet_slashing::Pallet::<Test>::on_chain_storage_version(),
		] {
			assert_eq!(version, StorageVersion::new(2));
		}
		// The parameters gain their new fields from the old delays.
		let upgraded = pallet_marketplace::Params::<Test>::get();
		assert_eq!(upgraded.withdrawal_delay, params.withdrawal_delay);
		assert_eq!(upgraded.commitment_delay, params.withdrawal_delay);
		assert_eq!(upgraded.max_dispute_window, params.min_dispute_window * 7);
		// The DAM's open penalty is listed with its vault, in dispute on the holders.
		let migrated = Dams::<Test>::get(dam).unwrap();
		assert_eq!((migrated.idle, migrated.in_dispute, migrated.penalties), (books.idle, 150, 1));
		assert_eq!(OpenSlashes::<Test>::get(dam).len(), 1);
		assert_eq!(Dams::<Test>::get(other).unwrap().in_dispute, 0);
		// The open penalty has its resolution deadline; the history is intact.
		let penalty = pallet_slashing::Penalties::<Test>::get(open).unwrap();
		assert_eq!(penalty.resolve_by, window_ends + upgraded.resolution_period);
		assert_eq!(pallet_slashing::History::<Test>::get(dam).len(), 1);

		// Running again does nothing: the versions say it is done.
		let root = state_root();
		market_v2::MigrateV1ToV2::<Test>::on_runtime_upgrade();
		market_v3::MigrateV2ToV3::<Test>::on_runtime_upgrade();
		dam_v2::MigrateV1ToV2::<Test>::on_runtime_upgrade();
		slash_v2::MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_eq!(root, state_root());

		// The penalty still resolves after the upgrade.
		run_to_block(window_ends);
		assert_ok!(Slashing::execute(signed(STRANGER), open));
	});
}

#[test]
fn the_version_2_vaults_migration_lists_each_dams_loans_with_their_ends() {
	ExtBuilder::default().build_and_execute(|| {
		// One DAM lent to two Networks that end at different blocks, another to one of them.
		let (dam, early) = funded_installation(NetworkKind::Liquidity);
		let (other, _) = funded_installation(NetworkKind::Liquidity);
		run_to_block(System::block_number() + 3);
		let late = live_network(NetworkKind::Liquidity, 1_000_000);
		install(dam, late);
		install(other, early);
		for (lender, network) in [(dam, early), (dam, late), (other, early)] {
			assert_ok!(Dam::allocate(signed(MANAGER), lender, network, 1_000));
		}
		run_to_block(System::block_number() + 11);
		for vault in 0..3 {
			assert_ok!(Vaults::release(signed(CHARLIE), vault));
		}
		let ends = |dam| pallet_vaults::LoanEnds::<Test>::get(dam).into_inner();
		let before = (ends(dam), ends(other));
		assert_eq!(before.0.len(), 2);
		let earliest = <Vaults as nektar_primitives::VaultsInterface>::earliest_loan_end(dam);

		let _ = pallet_vaults::LoanEnds::<Test>::clear(u32::MAX, None);
		StorageVersion::new(1).put::<pallet_vaults::Pallet<Test>>();
		let state = vaults_v2::InnerMigrateV1ToV2::<Test>::pre_checks();
		vaults_v2::MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_ok!(vaults_v2::InnerMigrateV1ToV2::<Test>::post_checks(state));
		assert_eq!(
			pallet_vaults::Pallet::<Test>::on_chain_storage_version(),
			StorageVersion::new(2)
		);

		let mut after = (ends(dam), ends(other));
		after.0.sort();
		let mut expected = before.clone();
		expected.0.sort();
		assert_eq!(after, expected);
		assert_eq!(
			<Vaults as nektar_primitives::VaultsInterface>::earliest_loan_end(dam),
			earliest
		);

		// Running again does nothing.
		let root = state_root();
		vaults_v2::MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_eq!(root, state_root());
	});
}

/// Rewrites the rewards pallet's records of each DAM's tokens in the four maps of version 4, at
/// storage version 4.
fn downgrade_rewards_to_v4() {
	use rewards_v5::old;
	for (dam, id, record) in pallet_rewards::DamRewards::<Test>::iter() {
		if let Some(s) = record.stake {
			old::InstallationRewards::<Test>::insert(
				id,
				dam,
				old::OldStake {
					operator: s.operator,
					weight: s.weight,
					performance: s.performance,
					exposure_checkpoint: s.exposure_checkpoint,
					performance_checkpoint: s.performance_checkpoint,
					operator_owed: s.operator_owed,
				},
			);
		}
		if !record.per_share.is_zero() {
			old::RewardPerShare::<Test>::insert(dam, id, record.per_share);
		}
		if let Some(spent) = record.spent {
			old::Spent::<Test>::insert(dam, id, spent);
		}
		if let Some(retiring) = record.retiring {
			old::Retiring::<Test>::insert(dam, id, retiring);
		}
	}
	let _ = pallet_rewards::DamRewards::<Test>::clear(u32::MAX, None);
	StorageVersion::new(4).put::<pallet_rewards::Pallet<Test>>();
}

#[test]
fn the_version_5_rewards_migration_keeps_each_dams_token_in_one_record() {
	ExtBuilder::default().build_and_execute(|| {
		// A Growth DAM that spent on its Network, and a Collateral DAM earning by its stake.
		let (dam, network) = funded_growth_dam();
		assert_ok!(Dam::allocate(signed(MANAGER), dam, network, 100_000));
		let (collateral, other) = earning(1_000, 1_000, 2_000, 1_000_000);
		let day = |days: u64| run_to_block(System::block_number() + 100 * days);
		day(2);
		let earned = || {
			[ALICE, BOB].map(|who| (pending(dam, network, who), pending(collateral, other, who)))
		};
		let before = earned();
		assert!(before.iter().any(|(growth, _)| *growth > 0));
		assert!(before.iter().any(|(_, staked)| *staked > 0));
		let operator = [(network, dam), (other, collateral)]
			.map(|(id, dam)| pallet_rewards::Pallet::<Test>::pending_operator_rewards(id, dam));
		let records: Vec<_> = pallet_rewards::DamRewards::<Test>::iter().collect();
		assert!(records.iter().any(|(d, _, r)| *d == dam && r.spent.is_some()));
		assert!(records.iter().any(|(d, _, r)| *d == collateral && r.stake.is_some()));

		downgrade_rewards_to_v4();
		assert!(pallet_rewards::Pallet::<Test>::stake(network, dam).is_none());
		let state = rewards_v5::InnerMigrateV4ToV5::<Test>::pre_checks();
		rewards_v5::MigrateV4ToV5::<Test>::on_runtime_upgrade();
		assert_ok!(rewards_v5::InnerMigrateV4ToV5::<Test>::post_checks(state));
		assert_eq!(
			pallet_rewards::Pallet::<Test>::on_chain_storage_version(),
			StorageVersion::new(5)
		);

		// Every record is back as it was, with its installation's copy; nothing owed changed.
		let mut after: Vec<_> = pallet_rewards::DamRewards::<Test>::iter().collect();
		let mut expected = records;
		after.sort_by_key(|(dam, id, _)| (*dam, *id));
		expected.sort_by_key(|(dam, id, _)| (*dam, *id));
		assert_eq!(after, expected);
		assert_eq!(earned(), before);
		assert_eq!(
			[(network, dam), (other, collateral)]
				.map(|(id, dam)| pallet_rewards::Pallet::<Test>::pending_operator_rewards(id, dam)),
			operator
		);

		// Running again does nothing, and rewards go on accruing as before.
		let root = state_root();
		rewards_v5::MigrateV4ToV5::<Test>::on_runtime_upgrade();
		assert_eq!(root, state_root());
		day(2);
		assert_eq!(earned(), before.map(|(growth, staked)| (growth * 2, staked * 2)));
	});
}
