//! Ten years of accrual against the exact rational result.
//!
//! Five delegators deposit, withdraw and claim at random over ten years of blocks. A sixth
//! holds the stake that backs the commitment, so the exposure stays constant and the exact
//! reward of each holder is `Σ rate × blocks × shares / total shares` over the periods between
//! changes. Each account's total must be within one unit of it and never above it.

use super::bad_input::signed;
use crate::{mock::*, *};
use frame_support::assert_ok;
use pallet_dam::*;

const DAY: u64 = 100;
const YEARS: u64 = 10;
const COMMIT: Balance = 10_000_000;
/// 1% of the commitment a day, per block.
const PER_BLOCK: u128 = COMMIT / 100 / DAY as u128;

/// A deterministic pseudo-random sequence.
struct Lcg(u64);
impl Lcg {
	fn next(&mut self, bound: u64) -> u64 {
		self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
		(self.0 >> 33) % bound
	}
}

#[test]
fn ten_years_of_accrual_match_the_exact_result_within_one_unit() {
	ExtBuilder::default().build_and_execute(|| {
		let holders = [ALICE, BOB, 13, 14, 15];
		let base = CHARLIE;
		let dam = create(config(NetworkKind::Collateral));
		let end = 1 + YEARS * 365 * DAY;
		let network = live_network_for(NetworkKind::Collateral, 1_000_000_000, end);
		install(dam, network);
		assert_ok!(Dam::deposit(signed(base), dam, COMMIT + 1_000, ANY_FEE, MAX_TOKENS));
		assert_ok!(Dam::commit(signed(MANAGER), dam, network, COMMIT));
		assert_ok!(Rewards::fund_rewards(signed(NET_MANAGER), network, 500_000_000));
		let token = SYNTHETIC_BASE + network;

		let everyone: Vec<AccountId> = holders.iter().copied().chain([base]).collect();
		// Exact rewards: whole units plus the sum of the fractional parts.
		let mut whole = vec![0u128; everyone.len()];
		let mut fraction = vec![0f64; everyone.len()];
		let mut rng = Lcg(2026);
		let mut last = System::block_number();
		while last < end {
			let next = (last + 1 + rng.next(30 * DAY)).min(end);
			let total: u128 = everyone.iter().map(|w| Shares::<Test>::get(dam, w).0).sum();
			let accrued = PER_BLOCK * (next - last) as u128;
			for (i, who) in everyone.iter().enumerate() {
				let numerator = accrued * Shares::<Test>::get(dam, who).0;
				whole[i] += numerator / total;
				fraction[i] += (numerator % total) as f64 / total as f64;
			}
			run_to_block(next);
			last = next;

			let who = holders[rng.next(holders.len() as u64) as usize];
			match rng.next(3) {
				0 => {
					let amount = 1 + rng.next(2_000_000) as u128;
					assert_ok!(Dam::deposit(signed(who), dam, amount, ANY_FEE, MAX_TOKENS));
				}
				1 => {
					let held = Shares::<Test>::get(dam, who).0;
					if held > 0 {
						let part = 1 + rng.next(held.min(u64::MAX as u128) as u64) as u128;
						let _ =
							Dam::request_withdrawal(signed(who), dam, part.min(held), MAX_TOKENS);
					}
				}
				_ => {
					let _ =
						Rewards::claim_rewards(signed(who), dam, vec![network].try_into().unwrap());
				}
			}
		}

		let mut paid_total = 0u128;
		for (i, who) in everyone.iter().enumerate() {
			let pending = Rewards::pending_rewards(dam, who)
				.into_iter()
				.map(|reward| reward.amount)
				.sum::<u128>();
			let paid = Assets::balance(token, who) + pending;
			let exact = whole[i] as f64 + fraction[i];
			assert!(paid as f64 <= exact + 1e-6, "account {who} got {paid}, above {exact}");
			assert!(
				paid as f64 >= exact - 1.0 - 1e-6,
				"account {who} got {paid}, below {exact} - 1"
			);
			paid_total += paid;
		}
		// Everything accrued up to now, delegators' and the operator's.
		let accrued_total = 500_000_000 - Rewards::program_info(network).unwrap().budget;
		assert!(paid_total <= accrued_total, "paid {paid_total} of {accrued_total} accrued");
	});
}
