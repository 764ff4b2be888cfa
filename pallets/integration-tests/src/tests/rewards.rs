//! Rewards: programs, lazy accrual to shareholders and operators, the budget, claims and
//! redemption. The test Network pays 1% of exposure per day to delegators and 10 units per day
//! to its operator, in the native token; a day is 100 blocks.

use super::bad_input::{check, signed};
use crate::{mock::*, *};
use frame_support::{
	assert_noop, assert_ok,
	traits::fungibles::{metadata::Inspect as _, Inspect as _},
};
use pallet_dam::*;
use pallet_rewards::{
	queries::OperatorReward, Call as RewardsCall, Error as RewardsError, Event as RewardsEvent,
};
use polkadot_sdk::sp_runtime::{DispatchError, Permill};

const DAY: u64 = 100;

fn token(network: NetworkId) -> u32 {
	SYNTHETIC_BASE + network
}

fn fund(network: NetworkId, amount: Balance) {
	assert_ok!(pallet_rewards::Pallet::<Test>::fund_rewards(signed(NET_MANAGER), network, amount));
}

fn days(n: u64) {
	run_to_block(System::block_number() + n * DAY);
}

/// What `who` may claim now in `network`'s token from its shares of `dam`.
pub(super) fn pending(dam: DamId, network: NetworkId, who: AccountId) -> Balance {
	Rewards::pending_rewards(dam, &who)
		.into_iter()
		.find(|reward| reward.network == network)
		.map(|reward| reward.amount)
		.unwrap_or_default()
}

fn operator_pending(network: NetworkId, dam: DamId) -> Balance {
	Rewards::pending_operator_rewards(network, dam).map(|r| r.amount).unwrap_or_default()
}

fn claim(dam: DamId, network: NetworkId, who: AccountId) -> Balance {
	let before = Assets::balance(token(network), who);
	assert_ok!(Rewards::claim_rewards(signed(who), dam, vec![network].try_into().unwrap()));
	Assets::balance(token(network), who) - before
}

fn reward_events() -> Vec<RewardsEvent<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::Rewards(e) = r.event { Some(e) } else { None })
		.collect()
}

/// A Collateral DAM with a Network installed, deposits by ALICE and BOB, a commitment of
/// `commit` and a budget of `budget`.
pub(super) fn earning(
	alice: Balance,
	bob: Balance,
	commit: Balance,
	budget: Balance,
) -> (DamId, NetworkId) {
	let dam = create(config(NetworkKind::Collateral));
	let network = live_network(NetworkKind::Collateral, 1_000_000);
	install(dam, network);
	for (who, amount) in [(ALICE, alice), (BOB, bob)] {
		if amount > 0 {
			assert_ok!(Dam::deposit(signed(who), dam, amount, ANY_FEE, MAX_TOKENS));
		}
	}
	assert_ok!(Dam::commit(signed(MANAGER), dam, network, commit));
	if budget > 0 {
		fund(network, budget);
	}
	(dam, network)
}

#[test]
fn whitelisting_creates_an_escrow_and_a_synthetic_token() {
	ExtBuilder::default().build_and_execute(|| {
		let manager_before = Balances::free_balance(NET_MANAGER);
		let network = live_network(NetworkKind::Growth, 1_000_000);
		let program = pallet_rewards::Programs::<Test>::get(network).expect("a program");
		assert_eq!(program.token, token(network));
		assert!(Assets::asset_exists(token(network)));
		assert_eq!(Assets::symbol(token(network)), b"rNET".to_vec());
		assert_eq!(Assets::name(token(network)), b"Net".to_vec());
		assert_eq!(Assets::decimals(token(network)), 12);
		let escrow = Rewards::escrow(network);
		assert_eq!(Balances::free_balance(escrow), 1, "the escrow keeps its existential deposit");
		assert!(Balances::free_balance(NET_MANAGER) < manager_before);
		assert!(reward_events().contains(&RewardsEvent::ProgramCreated {
			network,
			program: network,
			token: token(network),
			escrow,
			reward_asset: AssetKind::Native,
		}));
	});
}

#[test]
fn delegators_earn_pro_rata_and_the_operator_per_day() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = earning(1_000, 2_000, 3_000, 1_000_000);
		days(1);
		// 1% of 3,000 a day, split 1:2; 10 a day to the operator.
		assert_eq!(pending(dam, network, ALICE), 10);
		assert_eq!(pending(dam, network, BOB), 20);
		assert_eq!(
			Rewards::pending_operator_rewards(network, dam),
			Some(OperatorReward { operator: MANAGER, amount: 10 })
		);

		assert_eq!(claim(dam, network, ALICE), 10);
		assert_eq!(claim(dam, network, BOB), 20);
		assert_ok!(Rewards::claim_operator_rewards(signed(MANAGER), network, dam));
		assert_eq!(Assets::balance(token(network), MANAGER), 10);
		let program = pallet_rewards::Programs::<Test>::get(network).unwrap();
		assert_eq!(program.budget, 1_000_000 - 40);
		assert_eq!(program.accrued, 0);
		assert_eq!(Assets::total_issuance(token(network)), 40);

		// Claims start again from zero.
		assert_eq!(pending(dam, network, ALICE), 0);
		days(2);
		assert_eq!(pending(dam, network, ALICE), 20);
		assert_eq!(pending(dam, network, BOB), 40);
	});
}

#[test]
fn redeeming_burns_synthetic_tokens_for_the_reward_asset() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = earning(1_000, 2_000, 3_000, 1_000_000);
		days(1);
		claim(dam, network, BOB);
		let native = Balances::free_balance(BOB);
		let escrow = Balances::free_balance(Rewards::escrow(network));
		assert_ok!(Rewards::redeem(signed(BOB), network, 15));
		assert_eq!(Assets::balance(token(network), BOB), 5);
		assert_eq!(Balances::free_balance(BOB), native + 15);
		assert_eq!(Balances::free_balance(Rewards::escrow(network)), escrow - 15);
		assert_eq!(Assets::total_issuance(token(network)), 5);
		// Synthetic tokens move like any asset; the receiver redeems them.
		assert_ok!(Assets::transfer(signed(BOB), token(network), CHARLIE, 5));
		assert_ok!(Rewards::redeem(signed(CHARLIE), network, 5));
		assert_eq!(Assets::total_issuance(token(network)), 0);
	});
}

#[test]
fn a_deposit_earns_nothing_of_what_accrued_before_it() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = earning(1_000, 0, 1_000, 1_000_000);
		days(1);
		assert_eq!(pending(dam, network, ALICE), 10);
		assert_ok!(Dam::deposit(signed(BOB), dam, 1_000, ANY_FEE, MAX_TOKENS));
		assert_eq!(pending(dam, network, BOB), 0);
		days(1);
		// The commitment stays 1,000: 10 a day, now shared.
		assert_eq!(pending(dam, network, ALICE), 15);
		assert_eq!(pending(dam, network, BOB), 5);
	});
}

#[test]
fn transferred_shares_earn_for_their_new_holder_from_the_transfer() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = earning(1_000, 0, 1_000, 1_000_000);
		days(1);
		let half = Shares::<Test>::get(dam, ALICE).0 / 2;
		assert_ok!(Dam::transfer_shares(signed(ALICE), dam, BOB, half, MAX_TOKENS));
		days(1);
		assert_eq!(pending(dam, network, ALICE), 15);
		assert_eq!(pending(dam, network, BOB), 5);
	});
}

#[test]
fn shares_queued_for_withdrawal_earn_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = earning(1_000, 1_000, 1_000, 1_000_000);
		let all = Shares::<Test>::get(dam, ALICE);
		assert_ok!(Dam::request_withdrawal(signed(ALICE), dam, all.0, MAX_TOKENS));
		days(1);
		assert_eq!(pending(dam, network, ALICE), 0);
		assert_eq!(pending(dam, network, BOB), 10);
	});
}

#[test]
fn a_collateral_dam_earns_on_its_effective_commitment() {
	ExtBuilder::default().build_and_execute(|| {
		// Committed 2,000 with 1,000 of stake: it earns on 1,000.
		let (dam, network) = earning(1_000, 0, 2_000, 1_000_000);
		days(1);
		assert_eq!(pending(dam, network, ALICE), 10);
		// More stake raises the effective commitment to the full 2,000.
		assert_ok!(Dam::deposit(signed(BOB), dam, 1_000, ANY_FEE, MAX_TOKENS));
		days(1);
		assert_eq!(pending(dam, network, ALICE), 20);
		assert_eq!(pending(dam, network, BOB), 10);
	});
}

#[test]
fn a_growth_allocation_earns_on_what_was_allocated() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = funded_installation(NetworkKind::Growth);
		fund(network, 1_000_000);
		assert_ok!(Dam::allocate(signed(MANAGER), dam, network, 1_000));
		days(1);
		assert_eq!(pending(dam, network, ALICE), 5);
		assert_eq!(pending(dam, network, BOB), 5);
	});
}

#[test]
fn performance_scales_accrual_from_the_report() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = earning(1_000, 0, 1_000, 1_000_000);
		days(1);
		assert_ok!(Marketplace::report_performance(
			signed(NET_MANAGER),
			network,
			dam,
			Permill::from_percent(50)
		));
		days(1);
		assert_eq!(pending(dam, network, ALICE), 15);
		assert_eq!(operator_pending(network, dam), 15);
	});
}

#[test]
fn the_escrow_running_dry_stops_accrual_until_it_is_funded() {
	ExtBuilder::default().build_and_execute(|| {
		// 20 a day accrues in all; 15 pays for three quarters of a day.
		let (dam, network) = earning(1_000, 0, 1_000, 15);
		days(1);
		assert_eq!(pending(dam, network, ALICE), 7);
		assert_eq!(operator_pending(network, dam), 7);
		claim(dam, network, ALICE);
		assert!(reward_events().iter().any(|e| matches!(e, RewardsEvent::EscrowDry { .. })));
		days(1);
		assert_eq!(pending(dam, network, ALICE), 0, "nothing accrues while dry");
		let program = pallet_rewards::Programs::<Test>::get(network).unwrap();
		assert_eq!(program.budget, 0);

		fund(network, 40);
		days(1);
		// 7.5 + 10 to the operator; ALICE claimed 7 and keeps the half unit.
		assert_eq!(operator_pending(network, dam), 17);
		assert_eq!(pending(dam, network, ALICE), 10);
	});
}

#[test]
fn suspension_pauses_accrual_and_the_end_stops_it() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = earning(1_000, 0, 1_000, 1_000_000);
		days(1);
		assert_ok!(Marketplace::suspend_network(RuntimeOrigin::root(), network));
		days(1);
		assert_eq!(pending(dam, network, ALICE), 10);
		assert_ok!(Marketplace::resume_network(RuntimeOrigin::root(), network));
		days(1);
		assert_eq!(pending(dam, network, ALICE), 20);
		// The Network runs 1,000 blocks from block 1: nine days accrue, one was suspended.
		run_to_block(5_000);
		assert_eq!(pending(dam, network, ALICE), 90);
		assert_eq!(operator_pending(network, dam), 90);
		end_network(network);
		assert_eq!(pending(dam, network, ALICE), 90);
	});
}

#[test]
fn the_manager_reclaims_the_budget_that_never_accrued() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = earning(1_000, 0, 1_000, 1_000_000);
		days(1);
		assert_noop!(
			Rewards::reclaim_budget(signed(NET_MANAGER), network),
			RewardsError::<Test>::ProgramRunning
		);
		// The Network runs 1,000 blocks from block 1: ten days of 10 + 10 accrue.
		run_to_block(5_000);
		assert_noop!(
			Rewards::reclaim_budget(signed(ALICE), network),
			RewardsError::<Test>::NotNetworkManager
		);
		let manager = Balances::free_balance(NET_MANAGER);
		let escrow = Balances::free_balance(Rewards::escrow(network));
		assert_ok!(Rewards::reclaim_budget(signed(NET_MANAGER), network));
		assert_eq!(Balances::free_balance(NET_MANAGER), manager + 1_000_000 - 200);
		assert_eq!(Balances::free_balance(Rewards::escrow(network)), escrow - 999_800);
		assert!(reward_events().contains(&RewardsEvent::BudgetReclaimed {
			program: network,
			manager: NET_MANAGER,
			amount: 999_800
		}));
		let program = pallet_rewards::Programs::<Test>::get(network).unwrap();
		assert_eq!((program.budget, program.accrued), (0, 200));
		assert_noop!(
			Rewards::reclaim_budget(signed(NET_MANAGER), network),
			RewardsError::<Test>::NothingToReclaim
		);

		// What accrued is still paid in full.
		assert_eq!(claim(dam, network, ALICE), 100);
		assert_ok!(Rewards::claim_operator_rewards(signed(MANAGER), network, dam));
		assert_ok!(Rewards::redeem(signed(ALICE), network, 100));
		assert_ok!(Rewards::redeem(signed(MANAGER), network, 100));
		assert_eq!(Balances::free_balance(Rewards::escrow(network)), escrow - 1_000_000);
	});
}

#[test]
fn a_dry_program_has_nothing_to_reclaim() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, network) = earning(1_000, 0, 1_000, 15);
		run_to_block(5_000);
		assert_noop!(
			Rewards::reclaim_budget(signed(NET_MANAGER), network),
			RewardsError::<Test>::NothingToReclaim
		);
		assert_noop!(
			Rewards::reclaim_budget(signed(NET_MANAGER), 77),
			RewardsError::<Test>::NoProgram
		);
	});
}

#[test]
fn share_changes_are_charged_for_the_tokens_the_dam_tracks() {
	use frame_support::{dispatch::GetDispatchInfo, traits::UnfilteredDispatchable};
	ExtBuilder::default().build_and_execute(|| {
		let (dam, _) = earning(1_000, 0, 1_000, 1_000_000);
		assert_eq!(pallet_rewards::TrackedPrograms::<Test>::get(dam).len(), 1);
		// The heavier of the two settlements (by shares, or by what a Growth DAM's holders paid
		// in) of `tokens` tokens.
		let settle = |tokens| {
			use pallet_rewards::WeightInfo;
			<() as WeightInfo>::share_change(tokens)
				.max(<() as WeightInfo>::share_change_growth(tokens))
		};
		let deposit = |reward_tokens| Call::<Test>::deposit {
			dam,
			amount: 100,
			max_fee: ANY_FEE,
			reward_tokens,
		};
		// Charged for the tokens the witness names, at most the most a DAM tracks (6 here).
		let exact = deposit(1).get_dispatch_info().call_weight;
		assert_eq!(
			deposit(MAX_TOKENS).get_dispatch_info().call_weight - exact,
			settle(6) - settle(1)
		);
		assert_eq!(
			deposit(u32::MAX).get_dispatch_info().call_weight,
			deposit(6).get_dispatch_info().call_weight
		);
		// A higher witness is refunded down to the one token the DAM tracks, settled as a
		// Collateral DAM's, which never shares by what its holders paid in.
		let used = deposit(MAX_TOKENS)
			.dispatch_bypass_filter(signed(BOB))
			.expect("a valid deposit")
			.actual_weight
			.expect("the unused settlement is refunded");
		let by_shares = {
			use pallet_rewards::WeightInfo;
			<() as WeightInfo>::share_change(1)
		};
		assert_eq!(used, exact - settle(1) + by_shares);
		assert_noop!(
			deposit(0).dispatch_bypass_filter(signed(BOB)).map_err(|e| e.error),
			pallet_dam::Error::<Test>::TokenWitnessTooLow
		);
	});
}

#[test]
fn rewards_stay_claimable_after_uninstalling() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = earning(1_000, 0, 1_000, 1_000_000);
		days(1);
		// A Collateral DAM leaves in two steps: commit zero, uninstall after the delay.
		assert_ok!(Dam::commit(signed(MANAGER), dam, network, 0));
		run_to_block(System::block_number() + 5);
		assert_ok!(Dam::uninstall(signed(MANAGER), dam, network));
		days(1);
		assert_eq!(pending(dam, network, ALICE), 10);
		assert_eq!(operator_pending(network, dam), 10);
		// Later share changes still settle the token.
		assert_ok!(Dam::deposit(signed(BOB), dam, 1_000, ANY_FEE, MAX_TOKENS));
		assert_eq!(claim(dam, network, ALICE), 10);
		assert_eq!(pending(dam, network, BOB), 0);
		assert_ok!(Rewards::claim_operator_rewards(signed(MANAGER), network, dam));
		assert!(pallet_rewards::Pallet::<Test>::stake(network, dam).is_none());
	});
}

#[test]
fn reward_calls_with_bad_input() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = earning(1_000, 0, 1_000, 1_000);
		let other = live_network(NetworkKind::Growth, 1_000_000);
		days(1);
		claim(dam, network, ALICE);
		let err = |e: RewardsError<Test>| -> DispatchError { e.into() };
		let tokens = |list: Vec<NetworkId>| list.try_into().unwrap();
		check::<RewardsCall<Test>>(vec![
			(
				"fund zero",
				signed(ALICE),
				RewardsCall::fund_rewards { program: network, amount: 0 },
				err(RewardsError::ZeroAmount),
			),
			(
				"fund an unknown Network",
				signed(ALICE),
				RewardsCall::fund_rewards { program: 77, amount: 10 },
				err(RewardsError::NoProgram),
			),
			(
				"fund unsigned",
				RuntimeOrigin::none(),
				RewardsCall::fund_rewards { program: network, amount: 10 },
				DispatchError::BadOrigin,
			),
			(
				"claim a token the DAM does not earn",
				signed(ALICE),
				RewardsCall::claim_rewards { dam, programs: tokens(vec![other]) },
				err(RewardsError::NotRewardToken),
			),
			(
				"claim with nothing owed",
				signed(CHARLIE),
				RewardsCall::claim_rewards { dam, programs: tokens(vec![network]) },
				err(RewardsError::NothingToClaim),
			),
			(
				"claim no token",
				signed(ALICE),
				RewardsCall::claim_rewards { dam, programs: tokens(vec![]) },
				err(RewardsError::NothingToClaim),
			),
			(
				"claim operator rewards as someone else",
				signed(ALICE),
				RewardsCall::claim_operator_rewards { program: network, dam },
				err(RewardsError::NotStakeOperator),
			),
			(
				"claim operator rewards of no installation",
				signed(MANAGER),
				RewardsCall::claim_operator_rewards { program: other, dam },
				err(RewardsError::NoStake),
			),
			(
				"redeem zero",
				signed(ALICE),
				RewardsCall::redeem { program: network, amount: 0 },
				err(RewardsError::ZeroAmount),
			),
			(
				"redeem more than held",
				signed(ALICE),
				RewardsCall::redeem { program: network, amount: 11 },
				err(RewardsError::InsufficientTokens),
			),
			(
				"redeem an unknown Network's token",
				signed(ALICE),
				RewardsCall::redeem { program: 77, amount: 1 },
				err(RewardsError::NoProgram),
			),
			(
				"reclaim unsigned",
				RuntimeOrigin::none(),
				RewardsCall::reclaim_budget { program: network },
				DispatchError::BadOrigin,
			),
			(
				"reclaim before the end",
				signed(NET_MANAGER),
				RewardsCall::reclaim_budget { program: network },
				err(RewardsError::ProgramRunning),
			),
		]);
		run_to_block(5_000);
		assert_noop!(
			Rewards::fund_rewards(signed(ALICE), network, 10),
			RewardsError::<Test>::ProgramEnded
		);
	});
}

#[test]
fn a_full_dam_cannot_install_a_network_with_a_new_token() {
	ExtBuilder::default().build_and_execute(|| {
		let dam = create(config(NetworkKind::Collateral));
		assert_ok!(Dam::deposit(signed(ALICE), dam, 1_000, ANY_FEE, MAX_TOKENS));
		// Six tokens (the mock's limit), each earning something before it is uninstalled.
		for _ in 0..6 {
			let network = live_network(NetworkKind::Collateral, 1_000_000);
			install(dam, network);
			assert_ok!(Dam::commit(signed(MANAGER), dam, network, 1_000));
			fund(network, 1_000);
			days(1);
			assert_ok!(Dam::commit(signed(MANAGER), dam, network, 0));
			run_to_block(System::block_number() + 5);
			assert_ok!(Dam::uninstall(signed(MANAGER), dam, network));
		}
		let network = live_network(NetworkKind::Collateral, 1_000_000);
		assert_noop!(
			Dam::request_installation(signed(MANAGER), dam, network, MANAGER),
			RewardsError::<Test>::TooManyRewardTokens
		);
	});
}
