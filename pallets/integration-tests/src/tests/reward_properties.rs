//! Property tests of reward accrual across 3 Networks with different reward assets, 4 DAMs
//! and 20 delegators: the order in which accounts claim never changes what any account
//! receives, nor does retiring the ended tokens from the DAMs' lists, and no account gets more
//! than its exact pro-rata share of what accrued while it held shares.
//!
//! Each DAM commits a fixed amount to every Network and a base holder keeps its stake above
//! that, so each (Network, DAM) pair accrues at a constant rate, and an account's exact reward
//! is `Σ rate × blocks × shares / earning shares` over the periods between changes.

use super::bad_input::signed;
use crate::{mock::*, *};
use frame_support::{assert_ok, traits::fungibles::Inspect as _};
use pallet_dam::*;
use polkadot_sdk::sp_runtime::FixedU128;
use proptest::prelude::*;
use std::collections::BTreeMap;

const DAY: u64 = 100;
const DAMS: usize = 4;
const DELEGATORS: u128 = 20;
const COMMIT: Balance = 1_000_000;
/// The base holders, one per DAM, whose stake backs the commitments.
const BASE: AccountId = 40;
/// A third reward asset, next to the native token and USD.
const EUR: u32 = 8;

#[derive(Clone, Debug)]
enum Op {
	Deposit(usize, u128, u128),
	/// Queue this share of the holder's shares, in parts per thousand.
	Withdraw(usize, u128, u16),
	Transfer(usize, u128, u128, u16),
	/// Claim these tokens (a bit mask over the three Networks).
	Claim(usize, u128, u8),
	Advance(u64),
}

fn op() -> impl Strategy<Value = Op> {
	let who = 0..DELEGATORS;
	prop_oneof![
		3 => (0..DAMS, who.clone(), 1u128..500_000).prop_map(|(d, a, x)| Op::Deposit(d, a, x)),
		1 => (0..DAMS, who.clone(), 1u16..=1_000).prop_map(|(d, a, p)| Op::Withdraw(d, a, p)),
		1 => (0..DAMS, who.clone(), who.clone(), 1u16..=1_000)
			.prop_map(|(d, a, b, p)| Op::Transfer(d, a, b, p)),
		2 => (0..DAMS, who, 1u8..8).prop_map(|(d, a, m)| Op::Claim(d, a, m)),
		3 => (1u64..3 * DAY).prop_map(Op::Advance),
	]
}

fn delegator(index: u128) -> AccountId {
	100 + index
}

/// What one run gave each (DAM, account, Network): minted plus still claimable; and the exact
/// reward each earned, as whole units and the sum of fractions.
#[derive(Default, Debug, PartialEq)]
struct Outcome {
	received: BTreeMap<(usize, AccountId, NetworkId), u128>,
}

fn setup() -> (Vec<NetworkId>, Vec<DamId>) {
	assert_ok!(Assets::force_create(RuntimeOrigin::root(), EUR, NET_MANAGER, true, 1));
	assert_ok!(Assets::mint(signed(NET_MANAGER), EUR, NET_MANAGER, 1_000_000_000));
	assert_ok!(Marketplace::whitelist_asset(RuntimeOrigin::root(), AssetKind::WithId(EUR)));
	let assets = [AssetKind::Native, usd(), AssetKind::WithId(EUR)];
	let networks: Vec<NetworkId> = assets
		.iter()
		.enumerate()
		.map(|(i, asset)| {
			let mut terms = terms(NetworkKind::Collateral, 1_000_000_000, 100_000);
			terms.reward_asset = asset.clone();
			terms.delegator_rate = FixedU128::from_rational(i as u128 + 1, 100);
			whitelisted(terms)
		})
		.collect();
	for network in &networks {
		assert_ok!(Rewards::fund_rewards(signed(NET_MANAGER), *network, 100_000_000));
	}
	let dams = (0..DAMS)
		.map(|i| {
			let dam = create(config(NetworkKind::Collateral));
			for network in &networks {
				install(dam, *network);
			}
			let base = BASE + i as AccountId;
			assert_ok!(Assets::mint(signed(NET_MANAGER), USD, base, 10 * COMMIT));
			assert_ok!(Dam::deposit(signed(base), dam, COMMIT + 1_000, ANY_FEE, MAX_TOKENS));
			for network in &networks {
				assert_ok!(Dam::commit(signed(MANAGER), dam, *network, COMMIT));
			}
			dam
		})
		.collect();
	(networks, dams)
}

fn holders(dam: usize) -> Vec<AccountId> {
	(0..DELEGATORS).map(delegator).chain([BASE + dam as AccountId]).collect()
}

/// What happens once the operations ran.
#[derive(Clone, Copy, PartialEq)]
enum Finish {
	/// Only the claims.
	Claims,
	/// Time moves to the Networks' end first.
	End,
	/// As `End`, then each DAM's tokens start retiring with every other holder booked, the
	/// others top up their deposits after the end, and every token has left the lists once
	/// everyone claimed.
	Retire,
}

/// Runs `ops`, claiming as they say if `claim_along`, else only at the end, in reverse order.
/// Also checks, per account, that it got no more than its exact share.
fn run(ops: &[Op], claim_along: bool, finish: Finish) -> Outcome {
	let mut outcome = Outcome::default();
	ExtBuilder::default().build().execute_with(|| {
		for i in 0..DELEGATORS {
			assert_ok!(Assets::mint(signed(NET_MANAGER), USD, delegator(i), 10_000_000));
		}
		let (networks, dams) = setup();
		// Exact rewards per (DAM index, account, Network): whole units and fractions.
		let mut exact: BTreeMap<(usize, AccountId, NetworkId), (u128, f64)> = BTreeMap::new();
		let per_block = |n: usize| COMMIT * (n as u128 + 1) / 100 / DAY as u128; // rate × commitment / day
		let mut ops = ops.to_vec();
		if finish != Finish::Claims {
			let ends_at = pallet_rewards::Programs::<Test>::get(networks[0]).unwrap().ends_at;
			let mut now = System::block_number();
			for op in &ops {
				if let Op::Advance(blocks) = op {
					now += blocks;
				}
			}
			ops.push(Op::Advance(ends_at.saturating_sub(now)));
		}
		for op in &ops {
			match op.clone() {
				Op::Advance(blocks) => {
					for (d, dam) in dams.iter().enumerate() {
						let members = holders(d);
						let total: u128 =
							members.iter().map(|w| Shares::<Test>::get(dam, w).0).sum();
						for (n, network) in networks.iter().enumerate() {
							let accrued = per_block(n) * blocks as u128;
							for who in &members {
								let numerator = accrued * Shares::<Test>::get(dam, who).0;
								let entry = exact.entry((d, *who, *network)).or_default();
								entry.0 += numerator / total;
								entry.1 += (numerator % total) as f64 / total as f64;
							}
						}
					}
					run_to_block(System::block_number() + blocks);
				}
				Op::Deposit(d, a, amount) => {
					let _ =
						Dam::deposit(signed(delegator(a)), dams[d], amount, ANY_FEE, MAX_TOKENS);
				}
				Op::Withdraw(d, a, part) => {
					let held = Shares::<Test>::get(dams[d], delegator(a));
					let shares = held.0 * part as u128 / 1_000;
					let _ =
						Dam::request_withdrawal(signed(delegator(a)), dams[d], shares, MAX_TOKENS);
				}
				Op::Transfer(d, a, b, part) => {
					let held = Shares::<Test>::get(dams[d], delegator(a));
					let shares = held.0 * part as u128 / 1_000;
					let _ = Dam::transfer_shares(
						signed(delegator(a)),
						dams[d],
						delegator(b),
						shares,
						MAX_TOKENS,
					);
				}
				Op::Claim(d, a, mask) => {
					if claim_along {
						let list: Vec<NetworkId> =
							(0..3).filter(|n| mask & (1 << n) != 0).map(|n| networks[n]).collect();
						let _ = Rewards::claim_rewards(
							signed(delegator(a)),
							dams[d],
							list.try_into().unwrap(),
						);
					}
				}
			}
		}
		if finish == Finish::Retire {
			for (d, dam) in dams.iter().enumerate() {
				let members = holders(d);
				for network in &networks {
					let booked: Vec<AccountId> = members.iter().step_by(2).copied().collect();
					for batch in booked.chunks(8) {
						assert_ok!(Rewards::retire_token(
							signed(STRANGER),
							*dam,
							*network,
							batch.to_vec().try_into().unwrap()
						));
					}
				}
				for who in members.iter().skip(1).step_by(2) {
					let _ = Dam::deposit(signed(*who), *dam, 1_000, ANY_FEE, MAX_TOKENS);
				}
			}
		}
		if !claim_along {
			for (d, dam) in dams.iter().enumerate().rev() {
				for who in holders(d).into_iter().rev() {
					let _ = Rewards::claim_rewards(
						signed(who),
						*dam,
						networks.clone().try_into().unwrap(),
					);
				}
			}
		}
		// Tokens are per Network, claimed across DAMs: attribute what is minted per DAM from
		// the claim events.
		for record in System::events() {
			if let RuntimeEvent::Rewards(pallet_rewards::Event::RewardsClaimed {
				dam,
				program: network,
				delegator,
				amount,
				..
			}) = record.event
			{
				let d = dams.iter().position(|x| *x == dam).unwrap();
				*outcome.received.entry((d, delegator, network)).or_default() += amount;
			}
		}
		for (d, dam) in dams.iter().enumerate() {
			for who in holders(d) {
				for reward in Rewards::pending_rewards(*dam, &who) {
					*outcome.received.entry((d, who, reward.network)).or_default() += reward.amount;
				}
			}
		}
		outcome.received.retain(|_, v| *v > 0);
		for (key, got) in &outcome.received {
			let (whole, fraction) = exact.get(key).copied().unwrap_or_default();
			assert!(
				(*got as f64) <= whole as f64 + fraction + 1e-6,
				"{key:?} got {got}, more than its exact share {}",
				whole as f64 + fraction
			);
		}
		// Every synthetic token minted is backed.
		for network in &networks {
			let token = SYNTHETIC_BASE + network;
			assert!(Assets::total_issuance(token) <= 300_000_000);
		}
		if finish == Finish::Retire {
			for dam in &dams {
				assert!(pallet_rewards::TrackedPrograms::<Test>::get(dam).is_empty());
			}
		}
		check_invariants();
	});
	outcome
}

proptest! {
	#![proptest_config(ProptestConfig::with_cases(
		std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(32)
	))]

	#[test]
	fn claim_order_never_changes_what_anyone_receives(ops in prop::collection::vec(op(), 1..60)) {
		let along = run(&ops, true, Finish::Claims);
		let at_the_end = run(&ops, false, Finish::Claims);
		prop_assert_eq!(along, at_the_end);
	}

	#[test]
	fn retiring_ended_tokens_never_changes_what_anyone_receives(
		ops in prop::collection::vec(op(), 1..60)
	) {
		let kept = run(&ops, false, Finish::End);
		let retired = run(&ops, false, Finish::Retire);
		prop_assert_eq!(kept, retired);
	}
}
