//! Property test: random interleavings of deposits, withdrawals, allocations, releases and
//! repayments of a Liquidity DAM never create or lose an asset, and never let a delegator take
//! out more than it put in.

use crate::{mock::*, *};
use pallet_dam::*;
use proptest::prelude::*;
use std::collections::BTreeMap;

const DELEGATORS: [AccountId; 4] = [10, 11, 12, 13];
const SAFE: AccountId = STRANGER;

#[derive(Clone, Debug)]
enum Op {
	Deposit(usize, u128),
	/// Withdraw this share of the holder's shares, in parts per thousand.
	Withdraw(usize, u16),
	Allocate(u128),
	Advance(u64),
	/// Release the oldest vault.
	Release,
	/// Repay this share of the loan, in parts per thousand.
	Repay(u16),
}

fn op() -> impl Strategy<Value = Op> {
	prop_oneof![
		3 => (0..DELEGATORS.len(), 1u128..100_000).prop_map(|(a, x)| Op::Deposit(a, x)),
		2 => (0..DELEGATORS.len(), 1u16..=1_000).prop_map(|(a, p)| Op::Withdraw(a, p)),
		2 => (100u128..50_000).prop_map(Op::Allocate),
		1 => (1u64..8).prop_map(Op::Advance),
		2 => Just(Op::Release),
		2 => (1u16..=1_000).prop_map(Op::Repay),
	]
}

/// Every account that can hold the deposit asset in this test.
fn holders(dam: DamId) -> Vec<AccountId> {
	let mut all = DELEGATORS.to_vec();
	all.extend([SAFE, MANAGER, Dam::dam_account(dam), vault_account()]);
	all
}

fn total(dam: DamId) -> u128 {
	holders(dam).into_iter().map(usd_balance).sum()
}

proptest! {
	#[test]
	fn liquidity_flows_conserve_every_asset(ops in prop::collection::vec(op(), 1..60)) {
		ExtBuilder::default().build().execute_with(|| {
			let dam = create(config(NetworkKind::Liquidity));
			let network = live_network(NetworkKind::Liquidity, u128::MAX / 2);
			install(dam, network);
			let supply = total(dam);
			let mut put_in: BTreeMap<AccountId, u128> = BTreeMap::new();
			let mut taken: BTreeMap<AccountId, u128> = BTreeMap::new();
			for op in ops {
				match op {
					Op::Deposit(a, amount) => {
						let who = DELEGATORS[a];
						if Dam::deposit(RuntimeOrigin::signed(who), dam, amount, ANY_FEE, MAX_TOKENS).is_ok() {
							*put_in.entry(who).or_default() += amount;
						}
					},
					Op::Withdraw(a, part) => {
						let who = DELEGATORS[a];
						let shares = Shares::<Test>::get(dam, who).0 * part as u128 / 1_000;
						let before = usd_balance(who);
						if Dam::withdraw(RuntimeOrigin::signed(who), dam, shares, MAX_TOKENS).is_ok() {
							*taken.entry(who).or_default() += usd_balance(who) - before;
						}
					},
					Op::Allocate(amount) => {
						let _ = Dam::allocate(RuntimeOrigin::signed(MANAGER), dam, network, amount);
					},
					Op::Advance(blocks) => run_to_block(System::block_number() + blocks),
					Op::Release => {
						if let Some((id, _)) = pallet_vaults::Vaults::<Test>::iter().min_by_key(|(id, _)| *id) {
							let _ = Vaults::release(RuntimeOrigin::signed(SAFE), id);
						}
					},
					Op::Repay(part) => {
						let owed = pallet_vaults::Loans::<Test>::get(network, dam).unwrap_or_default();
						let _ = Vaults::repay(RuntimeOrigin::signed(SAFE), network, dam, owed * part as u128 / 1_000);
					},
				}
				assert_eq!(total(dam), supply, "an asset was created or lost");
				let info = Dams::<Test>::get(dam).unwrap();
				let loans = pallet_vaults::Loans::<Test>::get(network, dam).unwrap_or_default();
				assert_eq!(usd_balance(vault_account()) + loans, info.lent, "lent assets are lost");
				check_invariants();
			}

			// The Network repays everything and everyone leaves.
			run_to_block(System::block_number() + 20);
			let ids: Vec<_> = pallet_vaults::Vaults::<Test>::iter_keys().collect();
			for id in ids {
				frame_support::assert_ok!(Vaults::release(RuntimeOrigin::signed(SAFE), id));
			}
			if let Some(owed) = pallet_vaults::Loans::<Test>::get(network, dam) {
				frame_support::assert_ok!(Vaults::repay(RuntimeOrigin::signed(SAFE), network, dam, owed));
			}
			for who in DELEGATORS {
				let shares = Shares::<Test>::get(dam, who);
				let before = usd_balance(who);
				if !shares.is_zero() && Dam::withdraw(RuntimeOrigin::signed(who), dam, shares.0, MAX_TOKENS).is_ok() {
					*taken.entry(who).or_default() += usd_balance(who) - before;
				}
			}
			check_invariants();
			let info = Dams::<Test>::get(dam).unwrap();
			assert_eq!(info.lent, 0);
			for who in DELEGATORS {
				let (i, o) = (put_in.get(&who).copied().unwrap_or_default(), taken.get(&who).copied().unwrap_or_default());
				assert!(o <= i, "{who} took {o} for {i} put in");
			}
			let put: u128 = put_in.values().sum();
			let out: u128 = taken.values().sum();
			assert_eq!(put, out + info.idle + info.dust, "the DAM's assets are conserved");
			assert_eq!(total(dam), supply);
		});
	}
}
