//! Property test: random penalties, vetoes, executions, withdrawals and transfers conserve
//! every asset, and every holder's loss is in proportion to its shares.

use super::bad_input::signed;
use crate::{mock::*, *};
use frame_support::assert_ok;
use pallet_dam::*;
use pallet_marketplace::{PenaltyDestination, PenaltyTerms};
use polkadot_sdk::sp_runtime::Perbill;
use proptest::prelude::*;

const HOLDERS: [AccountId; 4] = [10, 11, 12, 13];

#[derive(Clone, Debug)]
enum Op {
	/// A penalty of this many thousandths of the cap left.
	Penalty(u16),
	/// Dispute and veto the oldest open penalty.
	Veto,
	/// Let the windows close and execute every open penalty.
	Execute,
	Withdraw(usize, u16),
	Claim(usize),
	Transfer(usize, usize, u16),
}

fn op() -> impl Strategy<Value = Op> {
	prop_oneof![
		3 => (1u16..=1_000).prop_map(Op::Penalty),
		2 => Just(Op::Veto),
		2 => Just(Op::Execute),
		2 => (0..HOLDERS.len(), 1u16..=1_000).prop_map(|(a, p)| Op::Withdraw(a, p)),
		1 => (0..HOLDERS.len()).prop_map(Op::Claim),
		1 => (0..HOLDERS.len(), 0..HOLDERS.len(), 1u16..=1_000)
			.prop_map(|(a, b, p)| Op::Transfer(a, b, p)),
	]
}

/// Every USD on the accounts a penalty can touch.
fn usd_total(dam: DamId) -> u128 {
	HOLDERS.iter().map(|h| usd_balance(*h)).sum::<u128>()
		+ usd_balance(Dam::dam_account(dam))
		+ usd_balance(vault_account())
		+ usd_balance(TREASURY)
}

proptest! {
	#![proptest_config(ProptestConfig::with_cases(
		std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(64)
	))]

	#[test]
	fn penalties_conserve_assets_and_fall_on_every_share_alike(
		deposits in prop::collection::vec(1_000u128..1_000_000, HOLDERS.len()),
		ops in prop::collection::vec(op(), 1..40),
	) {
		ExtBuilder::default().build().execute_with(|| {
			let mut t = terms(NetworkKind::Collateral, 1_000_000_000, 100_000);
			t.penalty = Some(PenaltyTerms {
				max_penalty: Perbill::from_percent(30),
				dispute_window: 3,
				resolver: None,
				destination: PenaltyDestination::Treasury,
			});
			let network = whitelisted(t);
			let dam = create(config(NetworkKind::Collateral));
			install(dam, network);
			for (who, amount) in HOLDERS.iter().zip(&deposits) {
				assert_ok!(Dam::deposit(signed(*who), dam, *amount, ANY_FEE, MAX_TOKENS));
			}
			let committed: u128 = deposits.iter().sum();
			assert_ok!(Dam::commit(signed(MANAGER), dam, network, committed));
			let total = usd_total(dam);
			let start: Vec<u128> = HOLDERS
				.iter()
				.map(|who| Dam::quote_withdrawal(dam, Shares::<Test>::get(dam, who).0).unwrap())
				.collect();
			let mut touched = std::collections::BTreeSet::new();

			for op in ops {
				match op {
					Op::Penalty(part) => {
						let exposure = <Dam as DamProvider>::slashable_exposure(network, dam);
						let cap = Perbill::from_percent(30).mul_floor(exposure)
							.saturating_sub(pallet_slashing::Pending::<Test>::get(network, dam));
						let amount = cap * part as u128 / 1_000;
						let _ = Slashing::request_penalty(signed(NET_MANAGER), network, dam, amount, vec![]);
					}
					Op::Veto => {
						if let Some(id) = pallet_slashing::DamPenalties::<Test>::get(dam).first().copied() {
							let _ = Slashing::dispute(signed(MANAGER), id);
							let _ = Slashing::veto(RuntimeOrigin::root(), id);
						}
					}
					Op::Execute => {
						run_to_block(System::block_number() + 3);
						for id in pallet_slashing::DamPenalties::<Test>::get(dam) {
							assert_ok!(Slashing::execute(signed(STRANGER), id));
						}
					}
					Op::Withdraw(a, part) => {
						touched.insert(a);
						let held = Shares::<Test>::get(dam, HOLDERS[a]);
						let _ = Dam::request_withdrawal(signed(HOLDERS[a]), dam, held.0 * part as u128 / 1_000, MAX_TOKENS);
					}
					Op::Claim(a) => {
						run_to_block(System::block_number() + 5);
						let _ = Dam::claim_withdrawal(signed(HOLDERS[a]), dam, MAX_TOKENS);
						let _ = Dam::claim_compensation(signed(HOLDERS[a]), dam);
					}
					Op::Transfer(a, b, part) => {
						touched.insert(a);
						touched.insert(b);
						let held = Shares::<Test>::get(dam, HOLDERS[a]);
						let _ = Dam::transfer_shares(signed(HOLDERS[a]), dam, HOLDERS[b], held.0 * part as u128 / 1_000, MAX_TOKENS);
					}
				}
				assert_eq!(usd_total(dam), total, "USD is conserved");
				check_invariants();
			}

			// Holders who neither moved nor queued shares lost in proportion to what they
			// held: value now / value at the start is the same for each, within rounding.
			let untouched: Vec<usize> = (0..HOLDERS.len()).filter(|i| !touched.contains(i)).collect();
			let now: Vec<u128> = HOLDERS
				.iter()
				.map(|who| Dam::quote_withdrawal(dam, Shares::<Test>::get(dam, who).0).unwrap_or_default())
				.collect();
			for &i in &untouched {
				for &j in &untouched {
					let (a, b) = (now[i] * start[j], now[j] * start[i]);
					assert!(a.abs_diff(b) <= start[i] + start[j], "holders {i} and {j} lost unevenly");
				}
			}
		});
	}
}
