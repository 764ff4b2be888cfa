//! Property tests of the rules that keep Collateral security: no escape from a penalty in the
//! `commitment_delay` after a misbehaviour, and no freeze of a holder's funds without a bound.

use super::bad_input::signed;
use crate::{mock::*, *};
use frame_support::assert_ok;
use nektar_primitives::DamProvider;
use pallet_dam::*;
use pallet_marketplace::{PenaltyDestination, PenaltyTerms};
use polkadot_sdk::sp_runtime::Perbill;
use proptest::prelude::*;

const HOLDERS: [AccountId; 4] = [10, 11, 12, 13];
/// The mock's `commitment_delay` and `withdrawal_delay`.
const DELAY: u64 = 5;
/// The mock's `max_dispute_window` and `resolution_period`.
const MAX_WINDOW: u64 = 20;
const RESOLUTION: u64 = 5;
const MAX_PENALTY: Perbill = Perbill::from_percent(30);

fn cases() -> u32 {
	std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(64)
}

/// A live Collateral Network with a 30% maximum penalty and dispute window `window`.
fn network(window: u64) -> NetworkId {
	let mut t = terms(NetworkKind::Collateral, 1_000_000_000, 100_000);
	t.penalty = Some(PenaltyTerms {
		max_penalty: MAX_PENALTY,
		dispute_window: window,
		resolver: None,
		destination: PenaltyDestination::Treasury,
	});
	whitelisted(t)
}

/// A Collateral DAM with `deposits` from [`HOLDERS`], installed in `networks`.
fn dam_with(deposits: &[u128], networks: &[NetworkId]) -> DamId {
	let dam = create(config(NetworkKind::Collateral));
	for network in networks {
		install(dam, *network);
	}
	for (who, amount) in HOLDERS.iter().zip(deposits) {
		assert_ok!(Dam::deposit(signed(*who), dam, *amount, ANY_FEE, MAX_TOKENS));
	}
	dam
}

/// What `who` holds in `dam`, queued for withdrawal or not.
fn all_shares(dam: DamId, who: AccountId) -> u128 {
	Shares::<Test>::get(dam, who).0
		+ PendingWithdrawals::<Test>::get(dam, who).iter().map(|w| w.shares.0).sum::<u128>()
}

#[derive(Clone, Debug)]
enum Move {
	/// The catalyst commits this many thousandths of the DAM's stake to the penalising
	/// Network (down or up).
	Commit(u16),
	/// The catalyst commits to the other Network.
	CommitElsewhere(u16),
	/// The catalyst tries to uninstall the penalising Network.
	Uninstall,
	RequestWithdrawal(usize, u16),
	Claim(usize),
	/// Liquidity and Growth withdrawals are atomic; a Collateral DAM refuses them.
	Withdraw(usize, u16),
	Transfer(usize, usize, u16),
	Deposit(usize, u16),
	/// Time passes, within the commitment delay.
	Wait,
}

fn a_move() -> impl Strategy<Value = Move> {
	let holder = 0..HOLDERS.len();
	prop_oneof![
		3 => (0u16..=1_000).prop_map(Move::Commit),
		1 => (0u16..=1_000).prop_map(Move::CommitElsewhere),
		2 => Just(Move::Uninstall),
		3 => (holder.clone(), 1u16..=1_000).prop_map(|(a, p)| Move::RequestWithdrawal(a, p)),
		2 => holder.clone().prop_map(Move::Claim),
		1 => (holder.clone(), 1u16..=1_000).prop_map(|(a, p)| Move::Withdraw(a, p)),
		2 => (holder.clone(), holder.clone(), 1u16..=1_000)
			.prop_map(|(a, b, p)| Move::Transfer(a, b, p)),
		1 => (holder, 1u16..=1_000).prop_map(|(a, p)| Move::Deposit(a, p)),
		2 => Just(Move::Wait),
	]
}

#[derive(Clone, Debug)]
enum Event {
	/// A penalty of this many thousandths of the cap, from one of the Networks.
	Penalty(usize, u16),
	Dispute(usize),
	/// The governance veto of the oldest disputed penalty.
	Veto,
	/// Anyone executes whatever can be executed.
	Execute,
	RequestWithdrawal(usize, u16),
	Claim(usize),
	Wait(u64),
}

fn an_event() -> impl Strategy<Value = Event> {
	let holder = 0..HOLDERS.len();
	prop_oneof![
		3 => (0..3usize, 1u16..=1_000).prop_map(|(n, p)| Event::Penalty(n, p)),
		2 => (0..16usize).prop_map(Event::Dispute),
		2 => Just(Event::Veto),
		2 => Just(Event::Execute),
		2 => (holder.clone(), 1u16..=1_000).prop_map(|(a, p)| Event::RequestWithdrawal(a, p)),
		2 => holder.prop_map(Event::Claim),
		2 => (1u64..=12).prop_map(Event::Wait),
	]
}

proptest! {
	#![proptest_config(ProptestConfig::with_cases(cases()))]

	/// Whatever the catalyst and the delegators do between a misbehaviour at block B and the
	/// Network's request at any block before B + `commitment_delay`, the Network can take
	/// `max_penalty` × the slashable exposure at B, and every share bears it alike.
	#[test]
	fn no_move_after_a_misbehaviour_escapes_the_penalty(
		deposits in prop::collection::vec(1_000u128..1_000_000, HOLDERS.len()),
		commitment in 1u16..=1_000,
		moves in prop::collection::vec(a_move(), 0..30),
		delay in 0..DELAY,
	) {
		ExtBuilder::default().build().execute_with(|| {
			let penalising = network(3);
			let other = network(3);
			let dam = dam_with(&deposits, &[penalising, other]);
			let stake: u128 = deposits.iter().sum();
			let committed = (stake * commitment as u128 / 1_000).max(100);
			assert_ok!(Dam::commit(signed(MANAGER), dam, penalising, committed));
			assert_ok!(Dam::commit(signed(MANAGER), dam, other, committed));
			run_to_block(10);

			// Block B: the Operator misbehaves.
			let misbehaved_at = System::block_number();
			let exposure = <Dam as DamProvider>::slashable_exposure(penalising, dam);
			assert_eq!(exposure, committed.min(stake));
			let owed = MAX_PENALTY.mul_floor(exposure);
			let request_at = misbehaved_at + delay;

			for m in moves {
				let now = System::block_number();
				match m {
					Move::Commit(part) => {
						let amount = (stake * part as u128 / 1_000).max(100);
						let _ = Dam::commit(signed(MANAGER), dam, penalising, amount);
					}
					Move::CommitElsewhere(part) => {
						let _ = Dam::commit(signed(MANAGER), dam, other, stake * part as u128 / 1_000);
					}
					Move::Uninstall => {
						let _ = Dam::commit(signed(MANAGER), dam, penalising, 0);
						assert!(Dam::uninstall(signed(MANAGER), dam, penalising).is_err());
					}
					Move::RequestWithdrawal(a, part) => {
						let held = Shares::<Test>::get(dam, HOLDERS[a]);
						let _ = Dam::request_withdrawal(signed(HOLDERS[a]), dam, held.0 * part as u128 / 1_000, MAX_TOKENS);
					}
					Move::Claim(a) => {
						// Nothing queued after B matures before B + `withdrawal_delay`.
						assert!(Dam::claim_withdrawal(signed(HOLDERS[a]), dam, MAX_TOKENS).is_err());
					}
					Move::Withdraw(a, part) => {
						let held = Shares::<Test>::get(dam, HOLDERS[a]);
						assert!(Dam::withdraw(signed(HOLDERS[a]), dam, held.0 * part as u128 / 1_000, MAX_TOKENS).is_err());
					}
					Move::Transfer(a, b, part) => {
						let held = Shares::<Test>::get(dam, HOLDERS[a]);
						let _ = Dam::transfer_shares(signed(HOLDERS[a]), dam, HOLDERS[b], held.0 * part as u128 / 1_000, MAX_TOKENS);
					}
					Move::Deposit(a, part) => {
						let _ = Dam::deposit(signed(HOLDERS[a]), dam, 1 + part as u128, ANY_FEE, MAX_TOKENS);
					}
					Move::Wait => {
						if now < request_at {
							run_to_block(now + 1);
						}
					}
				}
				check_invariants();
			}
			run_to_block(request_at);

			// Every share, queued or not, falls by the same rate.
			let unit = 1_000_000_000u128;
			let rate_before = Dam::quote_withdrawal(dam, unit).unwrap();
			let holdings: Vec<u128> = HOLDERS.iter().map(|h| all_shares(dam, *h)).collect();
			let values: Vec<u128> = holdings.iter().map(|s| Dam::quote_withdrawal(dam, *s).unwrap()).collect();
			// The Network takes at least what it was owed at B; `min_penalty` is measured on the
			// exposure now, which deposits or a raised commitment may have grown.
			let now_exposure = <Dam as DamProvider>::slashable_exposure(penalising, dam);
			assert!(now_exposure >= exposure, "the slashable exposure never fell below B's");
			let amount = owed.max(Perbill::from_rational(1u32, 1_000u32).mul_ceil(now_exposure));
			assert_ok!(Slashing::request_penalty(signed(NET_MANAGER), penalising, dam, amount, vec![]));
			check_invariants();
			let rate_after = Dam::quote_withdrawal(dam, unit).unwrap();
			assert!(rate_after < rate_before || amount == 0);
			for (held, before) in holdings.iter().zip(&values) {
				let after = Dam::quote_withdrawal(dam, *held).unwrap();
				// after / before = rate_after / rate_before, within rounding.
				let lhs = after * rate_before;
				let rhs = before * rate_after;
				assert!(lhs.abs_diff(rhs) <= rate_before + before, "a holder bore more or less than its share");
			}
		});
	}

	/// Whatever penalties any number of Networks request, disputed, vetoed, executed or left
	/// silent, every matured withdrawal can be claimed; deposits can reopen within
	/// `max_dispute_window + resolution_period` of the last request; and a holder who claimed
	/// during a penalty, vetoed or not, ends with what a holder who waited gets, within the
	/// rounding of their two claims.
	#[test]
	fn no_penalty_freezes_funds_without_a_bound(
		deposits in prop::collection::vec(1_000u128..1_000_000, HOLDERS.len()),
		windows in prop::collection::vec(3u64..=MAX_WINDOW, 3),
		events in prop::collection::vec(an_event(), 1..40),
		twin in 1_000u128..1_000_000,
	) {
		ExtBuilder::default().build().execute_with(|| {
			let networks: Vec<NetworkId> = windows.iter().map(|w| network(*w)).collect();
			let dam = dam_with(&deposits, &networks);
			// Twins: same deposit, queued at the same block; the first claims as soon as it
			// can, the second after every penalty is over.
			let (early, late): (AccountId, AccountId) = (20, 21);
			assert_ok!(Dam::deposit(signed(early), dam, twin, ANY_FEE, MAX_TOKENS));
			assert_ok!(Dam::deposit(signed(late), dam, twin, ANY_FEE, MAX_TOKENS));
			let stake = Dams::<Test>::get(dam).unwrap().idle;
			for network in &networks {
				assert_ok!(Dam::commit(signed(MANAGER), dam, *network, stake));
			}
			let twin_shares = Shares::<Test>::get(dam, early);
			assert_eq!(twin_shares, Shares::<Test>::get(dam, late));
			let (early_start, late_start) = (usd_balance(early), usd_balance(late));
			let mut early_claimed = false;
			// Exits by others between the twins' claims: each rounds in the DAM's favour by
			// less than a unit, borne by the shares that stay, the late twin's among them.
			let mut exits_between = 0u128;
			// The early twin's part of each penalty open when it claimed rounds down by less
			// than a unit.
			let mut parts = 0u128;
			let mut last_request = None;

			for event in events {
				match event {
					// After the early twin claimed, a new penalty would fall on the late twin
					// alone: the comparison covers the penalties both held shares through.
					Event::Penalty(_, _) if early_claimed => {}
					Event::Penalty(n, part) => {
						let network = networks[n];
						let exposure = <Dam as DamProvider>::slashable_exposure(network, dam);
						let amount = (MAX_PENALTY.mul_floor(exposure) * part as u128 / 1_000).max(1);
						if Slashing::request_penalty(signed(NET_MANAGER), network, dam, amount, vec![]).is_ok() {
							last_request = Some(System::block_number());
							if !early_claimed && Dam::request_withdrawal(signed(early), dam, twin_shares.0, MAX_TOKENS).is_ok() {
								assert_ok!(Dam::request_withdrawal(signed(late), dam, twin_shares.0, MAX_TOKENS));
							}
						}
					}
					Event::Dispute(i) => {
						if let Some(id) = pallet_slashing::DamPenalties::<Test>::get(dam).get(i % 16).copied() {
							let _ = Slashing::dispute(signed(MANAGER), id);
						}
					}
					Event::Veto => {
						let disputed = pallet_slashing::DamPenalties::<Test>::get(dam).into_iter().find(|id| {
							pallet_slashing::Penalties::<Test>::get(id)
								.is_some_and(|p| p.status == pallet_slashing::PenaltyStatus::Disputed)
						});
						if let Some(id) = disputed {
							let _ = Slashing::veto(RuntimeOrigin::root(), id);
						}
					}
					Event::Execute => {
						for id in pallet_slashing::DamPenalties::<Test>::get(dam) {
							let _ = Slashing::execute(signed(STRANGER), id);
						}
					}
					Event::RequestWithdrawal(a, part) => {
						let held = Shares::<Test>::get(dam, HOLDERS[a]);
						let _ = Dam::request_withdrawal(signed(HOLDERS[a]), dam, held.0 * part as u128 / 1_000, MAX_TOKENS);
					}
					Event::Claim(a) => {
						let _ = Dam::claim_compensation(signed(HOLDERS[a]), dam);
					}
					Event::Wait(blocks) => run_to_block(System::block_number() + blocks),
				}
				// Every matured withdrawal can be claimed, penalties open or not.
				let now = System::block_number();
				for who in HOLDERS.iter().chain([&early]) {
					let matured = PendingWithdrawals::<Test>::get(dam, who).iter().any(|w| w.unlock_at <= now);
					if matured {
						if *who == early {
							parts = OpenSlashes::<Test>::get(dam).len() as u128;
						}
						assert_ok!(Dam::claim_withdrawal(signed(*who), dam, MAX_TOKENS));
						if *who == early {
							early_claimed = true;
						} else if early_claimed {
							exits_between += 1;
						}
					}
				}
				check_invariants();
			}

			// Deposits can reopen within the longest window and resolution period of the
			// last request: by then anyone can execute every open penalty.
			if let Some(at) = last_request {
				run_to_block((at + MAX_WINDOW + RESOLUTION).max(System::block_number()));
			}
			for id in pallet_slashing::DamPenalties::<Test>::get(dam) {
				assert_ok!(Slashing::execute(signed(STRANGER), id));
			}

			// The twins end alike, whoever claimed first.
			run_to_block(System::block_number() + DELAY);
			let _ = Dam::claim_withdrawal(signed(early), dam, MAX_TOKENS);
			let _ = Dam::claim_compensation(signed(early), dam);
			let _ = Dam::claim_withdrawal(signed(late), dam, MAX_TOKENS);
			let early_got = usd_balance(early) + Dam::quote_withdrawal(dam, Shares::<Test>::get(dam, early).0).unwrap();
			let late_got = usd_balance(late) + Dam::quote_withdrawal(dam, Shares::<Test>::get(dam, late).0).unwrap();
			let (early_got, late_got) = (early_got - early_start, late_got - late_start);
			// Each payout rounds down by less than a unit, and so does the early twin's part of
			// each penalty open when it claimed; each exit after the early claim, the early
			// claim included, rounds in the DAM's favour (as dust) by less than a unit borne by
			// the shares that stay. The twins differ by at most those roundings.
			assert!(
				late_got <= early_got + 1 + parts &&
					early_got.saturating_sub(late_got) <= 2 + exits_between,
				"the twins differ: {} claimed early, {} waited, {} exits between, {} parts",
				early_got, late_got, exits_between, parts
			);
			assert_ok!(Dam::deposit(signed(HOLDERS[0]), dam, 1_000, ANY_FEE, MAX_TOKENS));
			check_invariants();
		});
	}
}
