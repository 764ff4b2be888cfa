//! Property test of Growth rewards: whatever the holders withdraw or transfer between
//! allocations, each one earns a Network's rewards on what it paid into that Network's
//! allocations, no more and no less than one unit per step of rounding.
//!
//! The reference keeps each holder's weight directly: at an allocation of `x`, every holder's
//! weight grows by `x × its shares / all shares`; a transfer moves the same fraction of the
//! giver's weight as of its shares; a withdrawal leaves it alone. The Network pays 1% of the
//! exposure a day, so a holder earns `weight × blocks / 10,000`.

use super::bad_input::signed;
use crate::{mock::*, *};
use frame_support::assert_ok;
use pallet_dam::*;
use proptest::prelude::*;
use std::collections::BTreeMap;

const HOLDERS: [AccountId; 4] = [10, 11, 12, 13];

fn cases() -> u32 {
	std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(64)
}

#[derive(Clone, Debug)]
enum Step {
	/// Allocate this part of the idle assets, in parts per thousand.
	Allocate(u16),
	/// Withdraw this part of the holder's shares, in parts per thousand.
	Withdraw(usize, u16),
	/// Transfer this part of the first holder's shares to the second.
	Transfer(usize, usize, u16),
	Claim(usize),
	Advance(u64),
}

fn a_step() -> impl Strategy<Value = Step> {
	let who = 0..HOLDERS.len();
	prop_oneof![
		2 => (1u16..=1_000).prop_map(Step::Allocate),
		2 => (who.clone(), 1u16..=1_000).prop_map(|(a, p)| Step::Withdraw(a, p)),
		2 => (who.clone(), who.clone(), 1u16..=1_000).prop_map(|(a, b, p)| Step::Transfer(a, b, p)),
		1 => who.prop_map(Step::Claim),
		3 => (1u64..300).prop_map(Step::Advance),
	]
}

fn claimed(who: AccountId, dam: DamId) -> u128 {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::Rewards(pallet_rewards::Event::RewardsClaimed {
				dam: d,
				delegator,
				amount,
				..
			}) if d == dam && delegator == who => Some(amount),
			_ => None,
		})
		.sum()
}

proptest! {
	#![proptest_config(ProptestConfig::with_cases(cases()))]

	#[test]
	fn growth_holders_earn_on_what_they_paid_in(
		deposits in proptest::collection::vec(1_000u128..1_000_000, HOLDERS.len()),
		steps in proptest::collection::vec(a_step(), 1..40),
	) {
		ExtBuilder::default().build_and_execute(|| {
			let dam = create(config(NetworkKind::Growth));
			let network = live_network_for(NetworkKind::Growth, 1_000_000_000, 100_000);
			install(dam, network);
			assert_ok!(Rewards::fund_rewards(signed(NET_MANAGER), network, 100_000_000));
			for (who, amount) in HOLDERS.iter().zip(&deposits) {
				assert_ok!(Dam::deposit(signed(*who), dam, *amount, ANY_FEE, MAX_TOKENS));
			}
			let shares = |who: AccountId| Shares::<Test>::get(dam, who).0 as f64;
			let mut weight: BTreeMap<AccountId, f64> = BTreeMap::new();
			let mut exact: BTreeMap<AccountId, f64> = BTreeMap::new();
			let mut steps_taken = 0u32;
			for step in &steps {
				match *step {
					Step::Allocate(part) => {
						let amount = Dams::<Test>::get(dam).unwrap().idle * part as u128 / 1_000;
						let all: f64 = HOLDERS.iter().map(|w| shares(*w)).sum();
						if Dam::allocate(signed(MANAGER), dam, network, amount).is_ok() {
							for who in HOLDERS {
								*weight.entry(who).or_default() += amount as f64 * shares(who) / all;
							}
						}
					},
					Step::Withdraw(a, part) => {
						let amount = Shares::<Test>::get(dam, HOLDERS[a]).0 * part as u128 / 1_000;
						let _ = Dam::withdraw(signed(HOLDERS[a]), dam, amount, MAX_TOKENS);
					},
					Step::Transfer(a, b, part) => {
						let (from, to) = (HOLDERS[a], HOLDERS[b]);
						let held = shares(from);
						let amount = Shares::<Test>::get(dam, from).0 * part as u128 / 1_000;
						if Dam::transfer_shares(signed(from), dam, to, amount, MAX_TOKENS).is_ok() {
							let moved = weight.get(&from).copied().unwrap_or_default() * amount as f64 / held;
							*weight.entry(from).or_default() -= moved;
							*weight.entry(to).or_default() += moved;
						}
					},
					Step::Claim(a) => {
						let _ = Rewards::claim_rewards(
							signed(HOLDERS[a]),
							dam,
							vec![network].try_into().unwrap(),
						);
					},
					Step::Advance(blocks) => {
						for who in HOLDERS {
							*exact.entry(who).or_default() +=
								weight.get(&who).copied().unwrap_or_default() * blocks as f64 / 10_000.0;
						}
						run_to_block(System::block_number() + blocks);
					},
				}
				steps_taken += 1;
			}
			for who in HOLDERS {
				let pending: u128 = Rewards::pending_rewards(dam, &who)
					.into_iter()
					.map(|reward| reward.amount)
					.sum();
				let got = (claimed(who, dam) + pending) as f64;
				let exact = exact.get(&who).copied().unwrap_or_default();
				assert!(got <= exact + 1e-6, "{who} got {got}, more than its exact {exact}");
				assert!(
					got + (steps_taken + 1) as f64 >= exact,
					"{who} got {got}, less than its exact {exact} by more than rounding"
				);
			}
		});
	}
}
