//! Penalties on Collateral DAMs: the amount leaves the books at once into a dispute vault,
//! the DAM disputes, the resolver vetoes or upholds, governance cancels; nobody escapes a
//! penalty between its request and its execution.

use super::bad_input::{check, signed};
use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok};
use nektar_primitives::DamProvider;
use pallet_dam::*;
use pallet_marketplace::{PenaltyDestination, PenaltyTerms};
use pallet_slashing::{Call as SlashCall, Error as SlashError, Penalties, PenaltyStatus, Pending};
use polkadot_sdk::sp_runtime::{DispatchError, Perbill};

/// A live Collateral Network (10% maximum penalty, a 3-block window, `resolver`, paying
/// `destination`) and a DAM with deposits of 1,000 by ALICE and BOB committing 2,000 to it.
pub(super) fn penalisable(
	resolver: Option<AccountId>,
	destination: PenaltyDestination,
) -> (DamId, NetworkId) {
	let mut t = terms(NetworkKind::Collateral, 1_000_000, 1_000);
	t.penalty = Some(PenaltyTerms {
		max_penalty: Perbill::from_percent(10),
		dispute_window: 3,
		resolver,
		destination,
	});
	if destination == PenaltyDestination::Safe {
		t.safe = Some(STRANGER);
	}
	let network = whitelisted(t);
	let dam = create(config(NetworkKind::Collateral));
	install(dam, network);
	assert_ok!(Dam::deposit(signed(ALICE), dam, 1_000, ANY_FEE, MAX_TOKENS));
	assert_ok!(Dam::deposit(signed(BOB), dam, 1_000, ANY_FEE, MAX_TOKENS));
	assert_ok!(Dam::commit(signed(MANAGER), dam, network, 2_000));
	(dam, network)
}

pub(super) fn request(
	network: NetworkId,
	dam: DamId,
	amount: Balance,
) -> pallet_slashing::PenaltyId {
	let id = pallet_slashing::NextPenaltyId::<Test>::get();
	assert_ok!(Slashing::request_penalty(
		signed(NET_MANAGER),
		network,
		dam,
		amount,
		b"downtime".to_vec()
	));
	id
}

pub(super) fn value(dam: DamId, who: AccountId) -> Balance {
	Dam::quote_withdrawal(dam, Shares::<Test>::get(dam, who).0).unwrap_or_default()
}

pub(super) fn status(id: pallet_slashing::PenaltyId) -> Option<PenaltyStatus> {
	Penalties::<Test>::get(id).map(|p| p.status)
}

#[test]
fn a_penalty_leaves_the_books_at_once_into_a_dispute_vault() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = penalisable(None, PenaltyDestination::Treasury);
		let vaults_before = usd_balance(vault_account());
		let id = request(network, dam, 200);
		assert_eq!(usd_balance(vault_account()), vaults_before + 200);
		assert_eq!(usd_balance(Dam::dam_account(dam)), 1_800);
		assert_eq!(Dams::<Test>::get(dam).unwrap().idle, 1_800);
		// Every holder loses in proportion, at once.
		assert_eq!((value(dam, ALICE), value(dam, BOB)), (900, 900));
		assert_eq!(Pending::<Test>::get(network, dam), 200);
		assert_eq!(status(id), Some(PenaltyStatus::Requested));
		assert_eq!(Slashing::dam_penalties(dam).len(), 1);
	});
}

#[test]
fn an_undisputed_penalty_executes_after_its_window_to_the_treasury() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = penalisable(None, PenaltyDestination::Treasury);
		let id = request(network, dam, 200);
		assert_noop!(Slashing::execute(signed(STRANGER), id), SlashError::<Test>::WindowOpen);
		run_to_block(System::block_number() + 3);
		assert_ok!(Slashing::execute(signed(STRANGER), id));
		assert_eq!(usd_balance(TREASURY), 200);
		assert_eq!(status(id), None);
		assert_eq!(Pending::<Test>::get(network, dam), 0);
		let history = Slashing::dam_penalties(dam);
		assert_eq!(history[0].penalty.status, PenaltyStatus::Executed);
		// The DAM takes deposits again.
		assert_ok!(Dam::deposit(signed(CHARLIE), dam, 100, ANY_FEE, MAX_TOKENS));
	});
}

#[test]
fn a_vetoed_penalty_restores_every_holder_exactly() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = penalisable(None, PenaltyDestination::Treasury);
		let (alice, bob) = (value(dam, ALICE), value(dam, BOB));
		let rate = Dam::quote_withdrawal(dam, 1_000_000_000).unwrap();
		let id = request(network, dam, 200);
		// Alice passes half her shares to Charlie while the penalty is pending.
		let half = Shares::<Test>::get(dam, ALICE).0 / 2;
		assert_ok!(Dam::transfer_shares(signed(ALICE), dam, CHARLIE, half, MAX_TOKENS));
		assert_ok!(Slashing::dispute(signed(MANAGER), id));
		assert_ok!(Slashing::veto(RuntimeOrigin::root(), id));
		assert_eq!(Dam::quote_withdrawal(dam, 1_000_000_000).unwrap(), rate);
		assert_eq!(value(dam, BOB), bob);
		assert!(value(dam, ALICE) + value(dam, CHARLIE) >= alice - 1);
		assert_eq!(usd_balance(Dam::dam_account(dam)), 2_000);
		assert_eq!(Slashing::dam_penalties(dam)[0].penalty.status, PenaltyStatus::Vetoed);
	});
}

#[test]
fn a_named_resolver_upholds_and_the_penalty_goes_to_the_safe() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = penalisable(Some(CHARLIE), PenaltyDestination::Safe);
		let id = request(network, dam, 150);
		assert_ok!(Slashing::dispute(signed(MANAGER), id));
		assert_noop!(Slashing::execute(signed(STRANGER), id), SlashError::<Test>::UnderDispute);
		assert_noop!(Slashing::uphold(signed(BOB), id), SlashError::<Test>::NotResolver);
		assert_ok!(Slashing::uphold(signed(CHARLIE), id));
		let safe = usd_balance(STRANGER);
		assert_ok!(Slashing::execute(signed(STRANGER), id));
		assert_eq!(usd_balance(STRANGER), safe + 150);
	});
}

#[test]
fn governance_cancels_any_penalty_not_yet_executed() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = penalisable(Some(CHARLIE), PenaltyDestination::Treasury);
		let id = request(network, dam, 100);
		assert_ok!(Slashing::dispute(signed(MANAGER), id));
		assert_ok!(Slashing::uphold(signed(CHARLIE), id));
		assert_ok!(Slashing::cancel(RuntimeOrigin::root(), id));
		assert_eq!(usd_balance(Dam::dam_account(dam)), 2_000);
		assert_eq!(Dams::<Test>::get(dam).unwrap().idle, 2_000);
		assert_eq!(Slashing::dam_penalties(dam)[0].penalty.status, PenaltyStatus::Cancelled);
	});
}

#[test]
fn a_second_penalty_follows_once_the_first_closed() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = penalisable(None, PenaltyDestination::Treasury);
		let first = request(network, dam, 150);
		assert_noop!(
			Slashing::request_penalty(signed(NET_MANAGER), network, dam, 10, vec![]),
			SlashError::<Test>::PenaltyOpen
		);
		run_to_block(System::block_number() + 3);
		assert_ok!(Slashing::execute(signed(STRANGER), first));
		// 10% of the 1,850 left.
		assert_noop!(
			Slashing::request_penalty(signed(NET_MANAGER), network, dam, 186, vec![]),
			SlashError::<Test>::AboveCap
		);
		request(network, dam, 185);
	});
}

#[test]
fn a_penalty_lowers_what_the_dam_backs_on_every_network() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = penalisable(None, PenaltyDestination::Treasury);
		let other = live_network(NetworkKind::Collateral, 1_000_000);
		install(dam, other);
		assert_ok!(Dam::commit(signed(MANAGER), dam, other, 2_000));
		assert_eq!(<Dam as DamProvider>::exposure(other, dam), 2_000);
		request(network, dam, 200);
		assert_eq!(<Dam as DamProvider>::exposure(other, dam), 1_800);
	});
}

#[test]
fn rewards_accrue_on_the_commitment_before_and_after_a_penalty() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = penalisable(None, PenaltyDestination::Treasury);
		assert_ok!(Rewards::fund_rewards(signed(NET_MANAGER), network, 1_000_000));
		run_to_block(System::block_number() + 100);
		request(network, dam, 200);
		run_to_block(System::block_number() + 100);
		// 1% of 2,000, then of 1,800, shared equally.
		let pending = |who| Rewards::pending_rewards(dam, &who)[0].amount;
		assert_eq!(pending(ALICE), 10 + 9);
		assert_eq!(pending(BOB), 10 + 9);
	});
}

#[test]
fn no_exit_escapes_a_pending_penalty() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = penalisable(None, PenaltyDestination::Treasury);
		let other = live_network(NetworkKind::Collateral, 1_000_000);
		install(dam, other);
		let id = request(network, dam, 200);
		// Queued shares bear the penalty: a claim during it is paid at the reduced rate.
		let all = Shares::<Test>::get(dam, ALICE);
		assert_ok!(Dam::request_withdrawal(signed(ALICE), dam, all.0, MAX_TOKENS));
		run_to_block(System::block_number() + 5);
		let before = usd_balance(ALICE);
		assert_ok!(Dam::claim_withdrawal(signed(ALICE), dam, MAX_TOKENS));
		assert_eq!(usd_balance(ALICE) - before, 900, "Alice leaves at the reduced rate");
		// Nobody buys in at the reduced rate.
		assert_noop!(
			Dam::deposit(signed(CHARLIE), dam, 100, ANY_FEE, MAX_TOKENS),
			Error::<Test>::PenaltyPending
		);
		// Moving shares or committing elsewhere changes nothing; the penalised Network stays.
		let half = Shares::<Test>::get(dam, BOB).0 / 2;
		assert_ok!(Dam::transfer_shares(signed(BOB), dam, CHARLIE, half, MAX_TOKENS));
		assert_ok!(Dam::commit(signed(MANAGER), dam, other, 1_000));
		assert_noop!(Dam::uninstall(signed(MANAGER), dam, network), Error::<Test>::PenaltyOpen);
		assert_ok!(Slashing::execute(signed(STRANGER), id));
		assert_eq!(usd_balance(TREASURY), 200);
		// Each holder's value rounds down, by less than a unit.
		let rest = value(dam, BOB) + value(dam, CHARLIE);
		assert!((898..=900).contains(&rest), "Bob's half bore the penalty: {rest}");
	});
}

#[test]
fn slashing_calls_with_bad_input() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = penalisable(Some(CHARLIE), PenaltyDestination::Treasury);
		let growth = live_network(NetworkKind::Growth, 1_000_000);
		let uninstalled = live_network(NetworkKind::Collateral, 1_000_000);
		let err = |e: SlashError<Test>| -> DispatchError { e.into() };
		let req = |network, dam, amount, reason: Vec<u8>| SlashCall::<Test>::request_penalty {
			network,
			dam,
			amount,
			reason,
		};
		check(vec![
			(
				"unknown Network",
				signed(NET_MANAGER),
				req(77, dam, 10, vec![]),
				err(SlashError::NetworkNotFound),
			),
			(
				"not the manager",
				signed(ALICE),
				req(network, dam, 10, vec![]),
				err(SlashError::NotNetworkManager),
			),
			(
				"not Collateral",
				signed(NET_MANAGER),
				req(growth, dam, 10, vec![]),
				err(SlashError::NotCollateral),
			),
			(
				"not installed",
				signed(NET_MANAGER),
				req(uninstalled, dam, 10, vec![]),
				err(SlashError::NotInstalled),
			),
			(
				"unknown DAM",
				signed(NET_MANAGER),
				req(network, 77, 10, vec![]),
				err(SlashError::NotInstalled),
			),
			(
				"zero",
				signed(NET_MANAGER),
				req(network, dam, 0, vec![]),
				err(SlashError::ZeroAmount),
			),
			(
				"above the cap",
				signed(NET_MANAGER),
				req(network, dam, 201, vec![]),
				err(SlashError::AboveCap),
			),
			(
				"overflowing",
				signed(NET_MANAGER),
				req(network, dam, Balance::MAX, vec![]),
				err(SlashError::AboveCap),
			),
			(
				"reason too long",
				signed(NET_MANAGER),
				req(network, dam, 10, vec![b'x'; 33]),
				err(SlashError::ReasonTooLong),
			),
			(
				"unsigned",
				RuntimeOrigin::none(),
				req(network, dam, 10, vec![]),
				DispatchError::BadOrigin,
			),
		]);
		check(vec![(
			"below the minimum penalty",
			signed(NET_MANAGER),
			req(network, dam, 1, vec![]),
			err(SlashError::BelowMinPenalty),
		)]);
		let first = request(network, dam, 10);
		check(vec![(
			"a second open penalty",
			signed(NET_MANAGER),
			req(network, dam, 10, vec![]),
			err(SlashError::PenaltyOpen),
		)]);
		check(vec![
			(
				"dispute an unknown penalty",
				signed(MANAGER),
				SlashCall::<Test>::dispute { penalty: 77 },
				err(SlashError::PenaltyNotFound),
			),
			(
				"dispute as a stranger",
				signed(STRANGER),
				SlashCall::<Test>::dispute { penalty: first },
				err(SlashError::NotDisputant),
			),
			(
				"veto undisputed",
				signed(CHARLIE),
				SlashCall::<Test>::veto { penalty: first },
				err(SlashError::NotDisputed),
			),
			(
				"uphold undisputed",
				signed(CHARLIE),
				SlashCall::<Test>::uphold { penalty: first },
				err(SlashError::NotDisputed),
			),
			(
				"execute inside the window",
				signed(STRANGER),
				SlashCall::<Test>::execute { penalty: first },
				err(SlashError::WindowOpen),
			),
			(
				"cancel without governance",
				signed(CHARLIE),
				SlashCall::<Test>::cancel { penalty: first },
				DispatchError::BadOrigin,
			),
			(
				"cancel an unknown penalty",
				RuntimeOrigin::root(),
				SlashCall::<Test>::cancel { penalty: 77 },
				err(SlashError::PenaltyNotFound),
			),
		]);
		assert_ok!(Slashing::dispute(signed(MANAGER), first));
		check(vec![
			(
				"dispute twice",
				signed(MANAGER),
				SlashCall::<Test>::dispute { penalty: first },
				err(SlashError::NotRequested),
			),
			(
				"veto by another",
				signed(BOB),
				SlashCall::<Test>::veto { penalty: first },
				err(SlashError::NotResolver),
			),
			(
				"execute under dispute",
				signed(STRANGER),
				SlashCall::<Test>::execute { penalty: first },
				err(SlashError::UnderDispute),
			),
		]);
		let other = live_network(NetworkKind::Collateral, 1_000_000);
		install(dam, other);
		assert_ok!(Dam::commit(signed(MANAGER), dam, other, 2_000));
		let second = pallet_slashing::NextPenaltyId::<Test>::get();
		assert_ok!(Slashing::request_penalty(signed(NET_MANAGER), other, dam, 10, vec![]));
		run_to_block(System::block_number() + 3);
		check(vec![(
			"dispute after the window",
			signed(MANAGER),
			SlashCall::<Test>::dispute { penalty: second },
			err(SlashError::WindowClosed),
		)]);
		run_to_block(System::block_number() + 5);
		check(vec![
			(
				"veto after the resolution deadline",
				signed(CHARLIE),
				SlashCall::<Test>::veto { penalty: first },
				err(SlashError::ResolutionClosed),
			),
			(
				"uphold after the resolution deadline",
				RuntimeOrigin::root(),
				SlashCall::<Test>::uphold { penalty: first },
				err(SlashError::ResolutionClosed),
			),
		]);
	});
}
