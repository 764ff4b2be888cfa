//! The findings of the December security review and of the acceptance run on a live node, one
//! test each, named after the finding it closes. Each one reproduces the review's sequence and
//! shows that it no longer works.

use super::{
	bad_input::{check, signed},
	rewards::pending,
	slashing::{penalisable, request, status, value},
};
use crate::{mock::*, *};
use frame_support::{
	assert_noop, assert_ok,
	traits::{tokens::Preservation, Get},
};
use nektar_primitives::{DamProvider, MarketplaceInspect};
use pallet_dam::*;
use pallet_marketplace::{Error as MarketError, PenaltyDestination};
use pallet_rewards::queries::OperatorReward;
use pallet_slashing::{Error as SlashError, PenaltyStatus};
use polkadot_sdk::sp_runtime::{DispatchError, DispatchResult, Perbill};

fn slashable(dam: DamId, network: NetworkId) -> Balance {
	<Dam as DamProvider>::slashable_exposure(network, dam)
}

fn penalty(network: NetworkId, dam: DamId, amount: Balance) -> DispatchResult {
	Slashing::request_penalty(signed(NET_MANAGER), network, dam, amount, b"offence".to_vec())
}

fn compensation(dam: DamId, who: AccountId) -> (Balance, Balance) {
	let position = Dam::position(dam, &who).expect("the DAM exists");
	(position.compensation, position.compensation_pending.iter().map(|part| part.amount).sum())
}

#[test]
fn c1_lowering_a_commitment_does_not_escape_a_penalty() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = penalisable(None, PenaltyDestination::Treasury);
		// The Operator misbehaves at block B; the catalyst decommits at once.
		assert_ok!(Dam::commit(signed(MANAGER), dam, network, 0));
		run_to_block(System::block_number() + 1);
		// Rewards follow the lower commitment at once; the Network still slashes the old one.
		assert_eq!(<Dam as DamProvider>::exposure(network, dam), 0);
		assert_eq!(slashable(dam, network), 2_000);
		let held_until = Dam::dam_details(dam).unwrap().slashable[0].held_until;
		assert_eq!(held_until, Some(1 + 5));
		assert_ok!(penalty(network, dam, 200));
		assert_eq!((value(dam, ALICE), value(dam, BOB)), (900, 900));
	});
}

#[test]
fn c1_a_lowered_commitment_stops_being_slashable_after_the_commitment_delay() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = penalisable(None, PenaltyDestination::Treasury);
		assert_ok!(Dam::commit(signed(MANAGER), dam, network, 1_000));
		run_to_block(System::block_number() + 4);
		assert_eq!(slashable(dam, network), 2_000);
		run_to_block(System::block_number() + 1);
		assert_eq!(slashable(dam, network), 1_000);
		// A raise counts at once; lowering again holds the highest recent value.
		assert_ok!(Dam::commit(signed(MANAGER), dam, network, 1_500));
		assert_eq!(slashable(dam, network), 1_500);
		assert_ok!(Dam::commit(signed(MANAGER), dam, network, 100));
		assert_eq!(slashable(dam, network), 1_500);
		assert_noop!(penalty(network, dam, 151), SlashError::<Test>::AboveCap);
		assert_ok!(penalty(network, dam, 150));
	});
}

#[test]
fn c1_uninstalling_does_not_escape_a_penalty() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = penalisable(None, PenaltyDestination::Treasury);
		// Uninstalling with a commitment, or right after lowering it, is refused.
		assert_noop!(
			Dam::uninstall(signed(MANAGER), dam, network),
			Error::<Test>::CommitmentStillSlashable
		);
		assert_ok!(Dam::commit(signed(MANAGER), dam, network, 0));
		assert_noop!(
			Dam::uninstall(signed(MANAGER), dam, network),
			Error::<Test>::CommitmentStillSlashable
		);
		// Meanwhile the Network can still take the full amount.
		let id = request(network, dam, 200);
		// And the DAM cannot leave while the penalty is open.
		run_to_block(System::block_number() + 5);
		assert_noop!(Dam::uninstall(signed(MANAGER), dam, network), Error::<Test>::PenaltyOpen);
		assert_ok!(Slashing::execute(signed(STRANGER), id));
		assert_ok!(Dam::uninstall(signed(MANAGER), dam, network));
	});
}

#[test]
fn c1_a_dam_may_leave_a_network_that_is_over_at_once() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = penalisable(None, PenaltyDestination::Treasury);
		run_to_block(1 + 1_000);
		// Nobody called `end_network`: time, not status, says the Network is over.
		assert_ok!(Dam::uninstall(signed(MANAGER), dam, network));
	});
}

#[test]
fn h1_queued_withdrawals_stay_slashable() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = penalisable(None, PenaltyDestination::Treasury);
		let (alice, bob) = (Shares::<Test>::get(dam, ALICE), Shares::<Test>::get(dam, BOB));
		assert_ok!(Dam::request_withdrawal(signed(ALICE), dam, alice.0, MAX_TOKENS));
		assert_ok!(Dam::request_withdrawal(signed(BOB), dam, bob.0, MAX_TOKENS));
		// No active stake is left to earn rewards, but all of it can be slashed.
		assert_eq!(<Dam as DamProvider>::exposure(network, dam), 0);
		assert_eq!(slashable(dam, network), 2_000);
		let id = request(network, dam, 200);
		run_to_block(System::block_number() + 5);
		assert_ok!(Slashing::execute(signed(STRANGER), id));
		let (a, b) = (usd_balance(ALICE), usd_balance(BOB));
		assert_ok!(Dam::claim_withdrawal(signed(ALICE), dam, MAX_TOKENS));
		assert_ok!(Dam::claim_withdrawal(signed(BOB), dam, MAX_TOKENS));
		// The second claim rounds down by less than a unit: rounding favours the DAM.
		assert_eq!(usd_balance(ALICE) - a, 900);
		assert!((usd_balance(BOB) - b).abs_diff(900) <= 1);
	});
}

#[test]
fn h2_dust_penalties_are_refused() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = penalisable(None, PenaltyDestination::Treasury);
		// 0.1% of the slashable 2,000 is 2.
		assert_noop!(penalty(network, dam, 1), SlashError::<Test>::BelowMinPenalty);
		assert_ok!(penalty(network, dam, 2));
	});
}

#[test]
fn h2_matured_claims_are_not_frozen_by_an_open_penalty() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = penalisable(None, PenaltyDestination::Treasury);
		let all = Shares::<Test>::get(dam, ALICE);
		assert_ok!(Dam::request_withdrawal(signed(ALICE), dam, all.0, MAX_TOKENS));
		run_to_block(System::block_number() + 5);
		let id = request(network, dam, 200);
		// Deposits wait: a deposit at the lowered rate would gain from a veto.
		assert_noop!(
			Dam::deposit(signed(CHARLIE), dam, 100, ANY_FEE, MAX_TOKENS),
			Error::<Test>::PenaltyPending
		);
		// Claims go through, at the lowered rate, with Alice's part of the penalty recorded.
		let before = usd_balance(ALICE);
		assert_ok!(Dam::claim_withdrawal(signed(ALICE), dam, MAX_TOKENS));
		assert_eq!(usd_balance(ALICE) - before, 900);
		assert_eq!(compensation(dam, ALICE), (0, 100));
		assert_eq!(status(id), Some(PenaltyStatus::Requested));
	});
}

#[test]
fn h2_a_claimer_is_compensated_when_the_penalty_is_vetoed() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = penalisable(None, PenaltyDestination::Treasury);
		let bob_before = value(dam, BOB);
		let all = Shares::<Test>::get(dam, ALICE);
		assert_ok!(Dam::request_withdrawal(signed(ALICE), dam, all.0, MAX_TOKENS));
		let id = request(network, dam, 200);
		assert_ok!(Slashing::dispute(signed(MANAGER), id));
		run_to_block(System::block_number() + 5);
		let start = usd_balance(ALICE);
		assert_ok!(Dam::claim_withdrawal(signed(ALICE), dam, MAX_TOKENS));
		assert_noop!(Dam::claim_compensation(signed(ALICE), dam), Error::<Test>::NothingToClaim);
		assert_ok!(Slashing::veto(RuntimeOrigin::root(), id));
		// Bob, who waited, is whole again within a unit of rounding (Alice's claim rounded in
		// the DAM's favour); Alice collects her part and ends the same.
		assert!(value(dam, BOB).abs_diff(bob_before) <= 1);
		assert_eq!(compensation(dam, ALICE), (100, 0));
		assert_ok!(Dam::claim_compensation(signed(ALICE), dam));
		assert_eq!(usd_balance(ALICE) - start, bob_before);
		assert!((usd_balance(ALICE) - start).abs_diff(value(dam, BOB)) <= 1);
		assert_eq!(compensation(dam, ALICE), (0, 0));
		assert_noop!(Dam::claim_compensation(signed(ALICE), dam), Error::<Test>::NothingToClaim);
	});
}

#[test]
fn h2_a_claimer_is_owed_nothing_when_the_penalty_executes() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = penalisable(None, PenaltyDestination::Treasury);
		let all = Shares::<Test>::get(dam, ALICE);
		assert_ok!(Dam::request_withdrawal(signed(ALICE), dam, all.0, MAX_TOKENS));
		let id = request(network, dam, 200);
		run_to_block(System::block_number() + 5);
		assert_ok!(Dam::claim_withdrawal(signed(ALICE), dam, MAX_TOKENS));
		assert_ok!(Slashing::execute(signed(STRANGER), id));
		assert_eq!(usd_balance(TREASURY), 200);
		assert_eq!(compensation(dam, ALICE), (0, 0));
		assert_noop!(Dam::claim_compensation(signed(ALICE), dam), Error::<Test>::NothingToClaim);
		// Bob bore his half, within a unit of rounding; deposits reopen.
		assert!(value(dam, BOB).abs_diff(900) <= 1);
		assert_ok!(Dam::deposit(signed(CHARLIE), dam, 100, ANY_FEE, MAX_TOKENS));
	});
}

#[test]
fn h2_deposits_reopen_once_a_silent_dispute_times_out() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = penalisable(Some(CHARLIE), PenaltyDestination::Treasury);
		let requested = System::block_number();
		let id = request(network, dam, 200);
		assert_ok!(Slashing::dispute(signed(MANAGER), id));
		// The window (3) and the resolution period (5) pass with no word from the resolver.
		run_to_block(requested + 3 + 5 - 1);
		assert_noop!(Slashing::execute(signed(STRANGER), id), SlashError::<Test>::UnderDispute);
		run_to_block(requested + 3 + 5);
		assert_ok!(Slashing::execute(signed(STRANGER), id));
		assert_ok!(Dam::deposit(signed(CHARLIE), dam, 100, ANY_FEE, MAX_TOKENS));
	});
}

#[test]
fn m1_one_network_cannot_fill_the_room_another_network_needs() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, a) = penalisable(None, PenaltyDestination::Treasury);
		let b = live_network(NetworkKind::Collateral, 1_000_000);
		install(dam, b);
		assert_ok!(Dam::commit(signed(MANAGER), dam, b, 2_000));
		request(a, dam, 2);
		// A second offence waits for the first to close, or goes into one larger request.
		assert_noop!(penalty(a, dam, 2), SlashError::<Test>::PenaltyOpen);
		// Network B is not locked out.
		assert_ok!(penalty(b, dam, 200));
	});
}

#[test]
fn m2_a_dispute_nobody_resolves_executes_after_the_resolution_deadline() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = penalisable(Some(CHARLIE), PenaltyDestination::Treasury);
		let id = request(network, dam, 200);
		let resolve_by = pallet_slashing::Penalties::<Test>::get(id).unwrap().resolve_by;
		assert_eq!(resolve_by, System::block_number() + 3 + 5);
		assert_ok!(Slashing::dispute(signed(MANAGER), id));
		run_to_block(resolve_by);
		// Silence upheld it: the resolver is too late, and anyone may execute.
		assert_noop!(Slashing::veto(signed(CHARLIE), id), SlashError::<Test>::ResolutionClosed);
		assert_noop!(
			Slashing::uphold(RuntimeOrigin::root(), id),
			SlashError::<Test>::ResolutionClosed
		);
		assert_ok!(Slashing::execute(signed(STRANGER), id));
		assert_eq!(usd_balance(TREASURY), 200);
	});
}

#[test]
fn m2_governance_resolves_when_the_named_resolver_is_silent() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = penalisable(Some(CHARLIE), PenaltyDestination::Treasury);
		let id = request(network, dam, 200);
		assert_ok!(Slashing::dispute(signed(MANAGER), id));
		assert_noop!(Slashing::veto(signed(BOB), id), SlashError::<Test>::NotResolver);
		assert_ok!(Slashing::veto(RuntimeOrigin::root(), id));
		assert_eq!((value(dam, ALICE), value(dam, BOB)), (1_000, 1_000));
	});
}

#[test]
fn m3_a_network_past_its_duration_acts_as_over() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = penalisable(None, PenaltyDestination::Treasury);
		let other = create(config(NetworkKind::Collateral));
		assert_ok!(Dam::request_installation(signed(MANAGER), other, network, MANAGER));
		run_to_block(1 + 1_000);
		// Nobody ended it, yet it takes no penalty, installation or higher commitment.
		assert_eq!(
			<Marketplace as MarketplaceInspect>::network(network).unwrap().status,
			nektar_primitives::NetworkStatus::Ended
		);
		assert_noop!(penalty(network, dam, 100), SlashError::<Test>::NetworkNotLive);
		assert_noop!(
			Marketplace::confirm_installation(signed(NET_MANAGER), network, other, None),
			MarketError::<Test>::NetworkNotLive
		);
		let third = create(config(NetworkKind::Collateral));
		assert_noop!(
			Dam::request_installation(signed(MANAGER), third, network, MANAGER),
			MarketError::<Test>::NetworkNotLive
		);
		assert_ok!(Dam::commit(signed(MANAGER), dam, network, 1_000));
		assert_noop!(
			Dam::commit(signed(MANAGER), dam, network, 2_000),
			MarketError::<Test>::NetworkNotLive
		);
	});
}

#[test]
fn m3_a_liquidity_vault_opening_after_the_duration_goes_back_to_the_dam() {
	ExtBuilder::default().build_and_execute(|| {
		let dam = create(config(NetworkKind::Liquidity));
		let mut t = terms(NetworkKind::Liquidity, 1_000_000, 100);
		t.lock_period = Some(150);
		let network = whitelisted(t);
		install(dam, network);
		assert_ok!(Dam::deposit(signed(ALICE), dam, 1_000, ANY_FEE, MAX_TOKENS));
		run_to_block(10);
		assert_ok!(Dam::allocate(signed(MANAGER), dam, network, 500));
		run_to_block(160);
		let vault = pallet_vaults::NextVaultId::<Test>::get() - 1;
		assert_ok!(Vaults::release(signed(NET_MANAGER), vault));
		assert!(matches!(
			vault_events().last(),
			Some(pallet_vaults::Event::VaultReturned { amount: 500, .. })
		));
		assert_eq!(usd_balance(STRANGER), ENDOWMENT, "the safe got nothing");
		assert_eq!(Dams::<Test>::get(dam).unwrap().idle, 1_000);
	});
}

#[test]
fn m6_a_deposit_names_the_highest_fee_it_accepts() {
	ExtBuilder::default().build_and_execute(|| {
		let dam = create(config(NetworkKind::Collateral));
		assert_ok!(Dam::deposit(signed(ALICE), dam, 1_000, Perbill::zero(), MAX_TOKENS));
		// The manager raises the fee in front of Bob's deposit: it applies only later.
		assert_ok!(Dam::set_fee(signed(MANAGER), dam, Perbill::from_percent(20)));
		assert_eq!(
			events().last(),
			Some(&Event::FeeSet { dam, fee: Perbill::from_percent(20), applies_from: 1 + 5 })
		);
		assert_ok!(Dam::deposit(signed(BOB), dam, 1_000, Perbill::zero(), MAX_TOKENS));
		assert_eq!(usd_balance(MANAGER), ENDOWMENT, "no fee was charged");
		run_to_block(1 + 5);
		assert_noop!(
			Dam::deposit(signed(BOB), dam, 1_000, Perbill::from_percent(19), MAX_TOKENS),
			Error::<Test>::FeeAboveLimit
		);
		assert_ok!(Dam::deposit(signed(BOB), dam, 1_000, Perbill::from_percent(20), MAX_TOKENS));
		assert_eq!(usd_balance(MANAGER), ENDOWMENT + 200);
		// A decrease applies at once.
		assert_ok!(Dam::set_fee(signed(MANAGER), dam, Perbill::from_percent(1)));
		assert_ok!(Dam::deposit(signed(BOB), dam, 1_000, Perbill::from_percent(1), MAX_TOKENS));
	});
}

#[test]
fn m6_the_fee_charged_never_exceeds_the_current_max_dam_fee() {
	ExtBuilder::default().build_and_execute(|| {
		let mut c = config(NetworkKind::Collateral);
		c.fee = Perbill::from_percent(20);
		let dam = create(c);
		let mut params = pallet_marketplace::Params::<Test>::get();
		params.max_dam_fee = Perbill::from_percent(5);
		assert_ok!(Marketplace::set_params(RuntimeOrigin::root(), params));
		assert_eq!(Dam::quote_deposit(dam, 1_000).map(|quote| quote.fee), Some(50));
		assert_ok!(Dam::deposit(signed(ALICE), dam, 1_000, Perbill::from_percent(5), MAX_TOKENS));
		assert_eq!(usd_balance(MANAGER), ENDOWMENT + 50);
	});
}

#[test]
fn m4_a_creditor_share_below_the_existential_deposit_does_not_stop_a_default() {
	ExtBuilder::default().existential_deposit(300).build_and_execute(|| {
		let network = live_network(NetworkKind::Liquidity, 1_000_000);
		let small = create(config(NetworkKind::Liquidity));
		let large = create(config(NetworkKind::Liquidity));
		for (dam, who, amount) in [(small, ALICE, 1_000), (large, BOB, 3_000)] {
			install(dam, network);
			assert_ok!(Dam::deposit(signed(who), dam, amount, ANY_FEE, MAX_TOKENS));
			assert_ok!(Dam::allocate(signed(MANAGER), dam, network, amount));
		}
		run_to_block(11);
		assert_ok!(Vaults::release(signed(CHARLIE), 0));
		assert_ok!(Vaults::release(signed(CHARLIE), 1));
		run_to_block(1 + 1_000 + 5);
		// The small DAM's share of the 500 bond is 125, below the existential deposit of 300.
		let before = Balances::free_balance(Dam::dam_account(small));
		assert_ok!(Vaults::declare_default(signed(CHARLIE), network));
		assert_eq!(Balances::free_balance(Dam::dam_account(small)), before + 125);
		assert_eq!(Dams::<Test>::get(small).unwrap().recovery, 125);
		// The sweep leaves the existential deposit and the recovery pool.
		assert_noop!(
			Dam::sweep_unbooked(RuntimeOrigin::root(), small),
			Error::<Test>::NothingToSweep
		);
	});
}

#[test]
fn m7_nobody_enters_or_leaves_at_par_on_an_overdue_loan() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = funded_installation(NetworkKind::Liquidity);
		assert_ok!(Dam::allocate(signed(MANAGER), dam, network, 1_000));
		run_to_block(11);
		assert_ok!(Vaults::release(signed(CHARLIE), 0));
		// Within the repay grace the loan is still at par.
		run_to_block(1 + 1_000 + 4);
		assert_ok!(Dam::deposit(signed(CHARLIE), dam, 100, ANY_FEE, MAX_TOKENS));
		run_to_block(1 + 1_000 + 5);
		let alice = Shares::<Test>::get(dam, ALICE);
		assert_noop!(
			Dam::withdraw(signed(ALICE), dam, alice.0 / 2, MAX_TOKENS),
			Error::<Test>::LoanOverdue
		);
		assert_noop!(
			Dam::deposit(signed(CHARLIE), dam, 100, ANY_FEE, MAX_TOKENS),
			Error::<Test>::LoanOverdue
		);
		// Anyone writes it off; the DAM reopens at the written-down rate.
		assert_ok!(Vaults::declare_default(signed(STRANGER), network));
		assert_ok!(Dam::withdraw(signed(ALICE), dam, alice.0 / 2, MAX_TOKENS));
		assert_ok!(Dam::deposit(signed(CHARLIE), dam, 100, ANY_FEE, MAX_TOKENS));
	});
}

#[test]
fn m5_a_new_operator_does_not_inherit_the_previous_operators_rewards() {
	ExtBuilder::default().build_and_execute(|| {
		let dam = create(config(NetworkKind::Liquidity));
		let network = live_network(NetworkKind::Liquidity, 1_000_000);
		install(dam, network);
		assert_ok!(Rewards::fund_rewards(signed(NET_MANAGER), network, 1_000_000));
		register_operator(AFFILIATE);
		assert_ok!(Dam::invite_operator(signed(MANAGER), dam, AFFILIATE));
		assert_ok!(Dam::accept_invite(signed(AFFILIATE), dam));
		run_to_block(System::block_number() + 100);
		// A day of the operator rate: 10.
		assert_eq!(
			Rewards::pending_operator_rewards(network, dam),
			Some(OperatorReward { operator: MANAGER, amount: 10 })
		);
		// The DAM hands the installation to another Operator before the first one claims.
		assert_ok!(Dam::uninstall(signed(MANAGER), dam, network));
		assert_ok!(Dam::request_installation(signed(MANAGER), dam, network, AFFILIATE));
		assert_ok!(Marketplace::confirm_installation(signed(NET_MANAGER), network, dam, None));
		assert_noop!(
			Rewards::claim_operator_rewards(signed(AFFILIATE), network, dam),
			pallet_rewards::Error::<Test>::NothingToClaim
		);
		assert_ok!(Rewards::claim_operator_rewards(signed(MANAGER), network, dam));
		assert!(matches!(
			System::events().last().map(|r| r.event.clone()),
			Some(RuntimeEvent::Rewards(pallet_rewards::Event::OperatorRewardsClaimed {
				operator: MANAGER,
				amount: 10,
				..
			}))
		));
		assert_noop!(
			Rewards::claim_operator_rewards(signed(MANAGER), network, dam),
			pallet_rewards::Error::<Test>::NotStakeOperator
		);
		// The new Operator earns from its own start.
		run_to_block(System::block_number() + 100);
		assert_ok!(Rewards::claim_operator_rewards(signed(AFFILIATE), network, dam));
	});
}

#[test]
fn l2_the_cap_is_measured_before_pending_penalties() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, a) = penalisable(None, PenaltyDestination::Treasury);
		let b = live_network(NetworkKind::Collateral, 1_000_000);
		install(dam, b);
		assert_ok!(Dam::commit(signed(MANAGER), dam, b, 2_000));
		request(a, dam, 200);
		// B's 10% is of the 2,000 before A's penalty, not of the 1,800 after it.
		assert_eq!(slashable(dam, b), 2_000);
		assert_noop!(penalty(b, dam, 201), SlashError::<Test>::AboveCap);
		assert_ok!(penalty(b, dam, 200));
	});
}

#[test]
fn l3_a_network_evicts_an_installation_that_backs_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = penalisable(None, PenaltyDestination::Treasury);
		let evict = || Marketplace::evict_installation(signed(NET_MANAGER), network, dam);
		assert_noop!(
			Marketplace::evict_installation(signed(ALICE), network, dam),
			MarketError::<Test>::NotNetworkManager
		);
		assert_noop!(evict(), MarketError::<Test>::ExposureOutstanding);
		let id = request(network, dam, 200);
		assert_ok!(Dam::commit(signed(MANAGER), dam, network, 0));
		assert_noop!(evict(), MarketError::<Test>::CommitmentStillSlashable);
		run_to_block(System::block_number() + 5);
		// A penalty is still open: the installation stays until it is resolved.
		assert_noop!(evict(), Error::<Test>::PenaltyOpen);
		assert_ok!(Slashing::execute(signed(STRANGER), id));
		assert_ok!(evict());
		assert!(DamInstallations::<Test>::get(dam).is_empty());
		assert_eq!(pallet_marketplace::Networks::<Test>::get(network).unwrap().installations, 0);
		// The slot is free for another DAM.
		let other = create(config(NetworkKind::Collateral));
		install(other, network);
	});
}

#[test]
fn l4_invitations_count_against_the_operator_cap() {
	ExtBuilder::default().build_and_execute(|| {
		let dam = create(config(NetworkKind::Collateral));
		let cap: u32 = <Test as Config>::MaxOperatorsPerDam::get();
		// The creator is one Operator; invitations fill the rest.
		let candidates: Vec<AccountId> = (20..20 + cap as AccountId).collect();
		for who in &candidates {
			register_operator(*who);
		}
		for who in &candidates[..cap as usize - 1] {
			assert_ok!(Dam::invite_operator(signed(MANAGER), dam, *who));
		}
		assert_noop!(
			Dam::invite_operator(signed(MANAGER), dam, candidates[cap as usize - 1]),
			Error::<Test>::TooManyOperators
		);
		// Withdrawing an invitation frees its place.
		assert_ok!(Dam::remove_operator(signed(MANAGER), dam, candidates[0]));
		assert_ok!(Dam::invite_operator(signed(MANAGER), dam, candidates[cap as usize - 1]));
		assert_eq!(Dams::<Test>::get(dam).unwrap().invited, cap - 1);
	});
}

#[test]
fn l4_the_allow_list_is_bounded() {
	ExtBuilder::default().build_and_execute(|| {
		let dam = create(config(NetworkKind::Collateral));
		let cap: u32 = <Test as Config>::MaxAllowListLength::get();
		let cap = cap as AccountId;
		for who in 100..100 + cap {
			assert_ok!(Dam::allow_delegator(signed(MANAGER), dam, who));
		}
		// Allowing someone already listed takes no room.
		assert_ok!(Dam::allow_delegator(signed(MANAGER), dam, 100));
		assert_noop!(
			Dam::allow_delegator(signed(MANAGER), dam, 100 + cap),
			Error::<Test>::AllowListFull
		);
		assert_ok!(Dam::disallow_delegator(signed(MANAGER), dam, 100));
		assert_ok!(Dam::allow_delegator(signed(MANAGER), dam, 100 + cap));
	});
}

#[test]
fn l4_dust_transfers_cannot_fill_storage_with_holders() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, _) = funded_installation(NetworkKind::Collateral);
		let minimum: Balance = <Test as Config>::MinimumShares::get();
		assert_noop!(
			Dam::transfer_shares(signed(ALICE), dam, 500, minimum - 1, MAX_TOKENS),
			Error::<Test>::BelowMinimumShares
		);
		assert_ok!(Dam::transfer_shares(signed(ALICE), dam, 500, minimum, MAX_TOKENS));
		// Topping up an existing holder has no minimum.
		assert_ok!(Dam::transfer_shares(signed(ALICE), dam, 500, 1, MAX_TOKENS));
	});
}

#[test]
fn l5_the_last_unit_of_a_reward_asset_is_redeemable() {
	ExtBuilder::default().build_and_execute(|| {
		let mut t = terms(NetworkKind::Collateral, 1_000_000, 1_000);
		t.reward_asset = usd();
		t.operator_rate = 0;
		let network = whitelisted(t);
		let dam = create(config(NetworkKind::Collateral));
		install(dam, network);
		assert_ok!(Dam::deposit(signed(ALICE), dam, 1_000, ANY_FEE, MAX_TOKENS));
		assert_ok!(Dam::commit(signed(MANAGER), dam, network, 1_000));
		assert_ok!(Rewards::fund_rewards(signed(NET_MANAGER), network, 10));
		// 1% of 1,000 a day: the whole budget in a day.
		run_to_block(System::block_number() + 100);
		assert_ok!(Rewards::claim_rewards(signed(ALICE), dam, vec![network].try_into().unwrap()));
		let token = pallet_rewards::Programs::<Test>::get(network).unwrap().token;
		assert_eq!(Assets::balance(token, ALICE), 10);
		let before = usd_balance(ALICE);
		assert_ok!(Rewards::redeem(signed(ALICE), network, 10));
		assert_eq!(usd_balance(ALICE), before + 10);
		assert_eq!(usd_balance(Rewards::escrow(network)), 0);
	});
}

#[test]
fn l5_a_penalty_below_the_existential_deposit_still_executes() {
	ExtBuilder::default().existential_deposit(300).build_and_execute(|| {
		use frame_support::traits::fungible::Mutate as _;
		// A native Collateral DAM whose penalties go to an empty safe.
		let mut t = terms(NetworkKind::Collateral, 1_000_000, 1_000);
		t.deposit_asset = nektar_primitives::NativeOrWithId::Native;
		t.safe = Some(77);
		if let Some(p) = t.penalty.as_mut() {
			p.destination = PenaltyDestination::Safe;
		}
		let network = whitelisted(t);
		let mut c = config(NetworkKind::Collateral);
		c.deposit_asset = nektar_primitives::NativeOrWithId::Native;
		let dam = create(c);
		install(dam, network);
		assert_ok!(Dam::deposit(signed(ALICE), dam, 2_000, ANY_FEE, MAX_TOKENS));
		assert_ok!(Dam::commit(signed(MANAGER), dam, network, 2_000));
		// Genesis gives the treasury and the vaults' account the existential deposit.
		assert_ok!(Balances::mint_into(&TREASURY, 300));
		assert_ok!(Balances::mint_into(&vault_account(), 300));
		let id = request(network, dam, 100);
		run_to_block(System::block_number() + 3);
		// The safe cannot hold 100 alone: the treasury takes it.
		assert_ok!(Slashing::execute(signed(STRANGER), id));
		assert_eq!(Balances::free_balance(77), 0);
		assert_eq!(Balances::free_balance(TREASURY), 400);
	});
}

#[test]
fn l7_the_gatekeeper_cannot_remove_the_independent_operator() {
	ExtBuilder::default().build_and_execute(|| {
		let mut c = config(NetworkKind::Collateral);
		c.gatekeeper = Some(CHARLIE);
		let dam = create(c);
		assert_noop!(
			Dam::remove_operator(signed(CHARLIE), dam, MANAGER),
			Error::<Test>::IndependentOperator
		);
		register_operator(AFFILIATE);
		assert_ok!(Dam::invite_operator(signed(CHARLIE), dam, AFFILIATE));
		assert_ok!(Dam::accept_invite(signed(AFFILIATE), dam));
		assert_ok!(Dam::remove_operator(signed(CHARLIE), dam, AFFILIATE));
	});
}

#[test]
fn a_max_deposit_of_an_asset_takes_the_whole_balance() {
	ExtBuilder::default().build_and_execute(|| {
		let dam = create(config(NetworkKind::Collateral));
		assert_eq!(Dam::max_deposit(dam, &CHARLIE), Some(ENDOWMENT));
		assert_ok!(Dam::deposit(signed(CHARLIE), dam, ENDOWMENT, ANY_FEE, MAX_TOKENS));
		assert_eq!(usd_balance(CHARLIE), 0);
		// The native token keeps the account alive, and says so with a named error.
		let mut c = config(NetworkKind::Collateral);
		c.deposit_asset = nektar_primitives::NativeOrWithId::Native;
		let native = create(c);
		let spendable = Dam::max_deposit(native, &BOB).unwrap();
		assert_eq!(spendable, Balances::free_balance(BOB) - 1);
		assert_noop!(
			Dam::deposit(signed(BOB), native, spendable + 1, ANY_FEE, MAX_TOKENS),
			Error::<Test>::InsufficientBalance
		);
		assert_ok!(Dam::deposit(signed(BOB), native, spendable, ANY_FEE, MAX_TOKENS));
	});
}

#[test]
fn donations_to_a_dam_account_are_swept_to_the_treasury_by_governance() {
	ExtBuilder::default().build_and_execute(|| {
		use frame_support::traits::fungible::Mutate as _;
		let (dam, _) = funded_installation(NetworkKind::Collateral);
		let account = Dam::dam_account(dam);
		let rate = Dam::quote_withdrawal(dam, 1_000_000).unwrap();
		assert_ok!(Assets::transfer(signed(STRANGER), USD, account, 500));
		assert_ok!(Balances::transfer(&STRANGER, &account, 70, Preservation::Expendable));
		// Off the books: the rate does not move.
		assert_eq!(Dam::quote_withdrawal(dam, 1_000_000).unwrap(), rate);
		assert_noop!(Dam::sweep_unbooked(signed(MANAGER), dam), DispatchError::BadOrigin);
		let dust = Dams::<Test>::get(dam).unwrap().dust;
		assert_ok!(Dam::sweep_unbooked(RuntimeOrigin::root(), dam));
		assert_eq!(usd_balance(TREASURY), 500 + dust);
		assert_eq!(Balances::free_balance(TREASURY), 70);
		assert_eq!(
			events().last(),
			Some(&Event::UnbookedSwept { dam, amount: 500 + dust, native: 70 })
		);
		assert_eq!(Dam::quote_withdrawal(dam, 1_000_000).unwrap(), rate);
		assert_eq!(usd_balance(account), Dams::<Test>::get(dam).unwrap().idle);
		assert_noop!(
			Dam::sweep_unbooked(RuntimeOrigin::root(), dam),
			Error::<Test>::NothingToSweep
		);
	});
}

#[test]
fn metadata_must_be_text_without_control_characters() {
	ExtBuilder::default().build_and_execute(|| {
		let create_with = |name: Vec<u8>, symbol: Vec<u8>| {
			Dam::create_dam(
				signed(MANAGER),
				config(NetworkKind::Collateral),
				name,
				symbol,
				vec![],
				vec![],
				vec![],
			)
		};
		register_operator(MANAGER);
		assert_noop!(create_with(vec![0xff, 0xfe], b"deUSD".to_vec()), Error::<Test>::InvalidText);
		assert_noop!(create_with(b"Dam".to_vec(), b"de\0USD".to_vec()), Error::<Test>::InvalidText);
		assert_ok!(create_with("Dâm ünicode".as_bytes().to_vec(), b"deUSD".to_vec()));
		let register = |symbol: Vec<u8>, url: Vec<u8>| {
			Marketplace::register_network(
				signed(NET_MANAGER),
				terms(NetworkKind::Collateral, 1_000, 100),
				b"Net".to_vec(),
				vec![],
				url,
				symbol,
			)
		};
		assert_noop!(
			register(b"rNET".to_vec(), b"\x07bell".to_vec()),
			MarketError::<Test>::InvalidText
		);
		// The symbol must fit the synthetic token: no silent cut.
		assert_noop!(register(vec![b'R'; 33], vec![]), MarketError::<Test>::SymbolTooLong);
		assert_ok!(register(vec![b'R'; 32], vec![]));
	});
}

#[test]
fn new_calls_with_bad_input() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, _) = penalisable(None, PenaltyDestination::Treasury);
		let mut c = config(NetworkKind::Collateral);
		c.fee = Perbill::from_percent(5);
		let charging = create(c);
		let err = |e: Error<Test>| -> DispatchError { e.into() };
		check::<Call<Test>>(vec![
			(
				"claim_compensation on an unknown DAM",
				signed(ALICE),
				Call::claim_compensation { dam: 77 },
				err(Error::DamNotFound),
			),
			(
				"claim_compensation with nothing owed",
				signed(ALICE),
				Call::claim_compensation { dam },
				err(Error::NothingToClaim),
			),
			(
				"claim_compensation unsigned",
				RuntimeOrigin::none(),
				Call::claim_compensation { dam },
				DispatchError::BadOrigin,
			),
			(
				"deposit above the accepted fee",
				signed(CHARLIE),
				Call::deposit {
					dam: charging,
					amount: 100,
					max_fee: Perbill::from_percent(4),
					reward_tokens: MAX_TOKENS,
				},
				err(Error::FeeAboveLimit),
			),
		]);
	});
}

#[test]
fn growth_taking_back_idle_assets_keeps_the_rewards_of_what_was_allocated() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = funded_growth_dam();
		// Half of what each paid in is allocated: 1,000 a day for the two of them.
		assert_ok!(Dam::allocate(signed(MANAGER), dam, network, 100_000));
		let day = |blocks: u64| run_to_block(System::block_number() + blocks);
		let earned = || {
			(
				pending(dam, network, ALICE),
				pending(dam, network, BOB),
				pending(dam, network, CHARLIE),
			)
		};
		day(100);
		assert_eq!(earned(), (500, 500, 0));

		// Alice takes back her idle half, which burns all her shares. She keeps earning on the
		// half she paid into the allocation, and Bob earns on his own half only.
		let alice = Shares::<Test>::get(dam, ALICE);
		assert_ok!(Dam::withdraw(signed(ALICE), dam, alice.0, MAX_TOKENS));
		assert_eq!(Shares::<Test>::get(dam, ALICE), 0.into());
		day(100);
		assert_eq!(earned(), (1_000, 1_000, 0));

		// A second allocation comes out of Bob's idle assets alone, and so do its rewards.
		assert_ok!(Dam::allocate(signed(MANAGER), dam, network, 40_000));
		day(100);
		assert_eq!(earned(), (1_500, 1_900, 0));

		// Half of Bob's shares go to Charlie with half of what Bob paid in.
		let bob = Shares::<Test>::get(dam, BOB);
		assert_ok!(Dam::transfer_shares(signed(BOB), dam, CHARLIE, bob.0 / 2, MAX_TOKENS));
		day(100);
		assert_eq!(earned(), (2_000, 2_350, 450));

		// Claims pay exactly that, and Alice, who holds no share, may claim again later.
		assert_ok!(Rewards::claim_rewards(signed(ALICE), dam, vec![network].try_into().unwrap()));
		day(100);
		assert_eq!(earned(), (500, 2_800, 900));
		assert_ok!(Rewards::claim_rewards(signed(ALICE), dam, vec![network].try_into().unwrap()));
		assert_ok!(Rewards::claim_rewards(signed(BOB), dam, vec![network].try_into().unwrap()));
		assert_ok!(Rewards::claim_rewards(signed(CHARLIE), dam, vec![network].try_into().unwrap()));
		assert_eq!(earned(), (0, 0, 0));
	});
}
