//! Property tests: random sequences of deposits, withdrawals and share transfers by many
//! accounts never let anyone take out more than it put in.

use crate::mock::*;
use pallet_dam::*;
use polkadot_sdk::sp_runtime::Perbill;
use proptest::prelude::*;
use std::collections::BTreeMap;

const ACCOUNTS: [AccountId; 5] = [10, 11, 12, 13, 14];

#[derive(Clone, Debug)]
enum Op {
	Deposit(usize, u128),
	/// Withdraw this share of the holder's shares, in parts per thousand.
	Withdraw(usize, u16),
	/// Send this share of the holder's shares, in parts per thousand.
	Transfer(usize, usize, u16),
}

fn op(with_transfers: bool) -> impl Strategy<Value = Op> {
	let deposit = (0..ACCOUNTS.len(), 1u128..5_000_000).prop_map(|(a, x)| Op::Deposit(a, x));
	let withdraw = (0..ACCOUNTS.len(), 1u16..=1_000).prop_map(|(a, p)| Op::Withdraw(a, p));
	let transfer = (0..ACCOUNTS.len(), 0..ACCOUNTS.len(), 1u16..=1_000)
		.prop_map(|(a, b, p)| Op::Transfer(a, b, p));
	if with_transfers {
		prop_oneof![3 => deposit, 2 => withdraw, 2 => transfer].boxed()
	} else {
		prop_oneof![3 => deposit, 2 => withdraw].boxed()
	}
}

/// What one run paid in and out, per account.
#[derive(Default)]
struct Ledger {
	net_in: BTreeMap<AccountId, u128>,
	out: BTreeMap<AccountId, u128>,
	/// What the shares an account received were worth when it received them, rounded up.
	received_value: BTreeMap<AccountId, u128>,
	/// The exchange rate after the last operation, as (assets, shares).
	rate: (u128, u128),
}

/// The exchange rate of a DAM, as (assets, shares), virtual offsets included.
fn rate_of(id: DamId) -> (u128, u128) {
	let dam = Dams::<Test>::get(id).unwrap();
	(dam.idle + 1, dam.total_shares.0 + 1_000)
}

fn run(ops: Vec<Op>, fee: Perbill) -> Ledger {
	let mut ledger = Ledger { rate: (1, 1_000), ..Default::default() };
	ExtBuilder::default().build().execute_with(|| {
		let mut c = config(NetworkKind::Growth);
		c.fee = fee;
		let id = create(c);
		for op in ops {
			match op {
				Op::Deposit(a, amount) => {
					let who = ACCOUNTS[a];
					let before = usd_balance(who);
					if Dam::deposit(RuntimeOrigin::signed(who), id, amount, ANY_FEE, MAX_TOKENS)
						.is_ok()
					{
						let paid = before - usd_balance(who);
						assert_eq!(paid, amount);
						*ledger.net_in.entry(who).or_default() += amount - fee.mul_floor(amount);
					}
				}
				Op::Withdraw(a, part) => {
					let who = ACCOUNTS[a];
					let shares = Shares::<Test>::get(id, who).0 * part as u128 / 1_000;
					let before = usd_balance(who);
					if Dam::withdraw(RuntimeOrigin::signed(who), id, shares, MAX_TOKENS).is_ok() {
						*ledger.out.entry(who).or_default() += usd_balance(who) - before;
					}
				}
				Op::Transfer(a, b, part) => {
					let (from, to) = (ACCOUNTS[a], ACCOUNTS[b]);
					let shares = Shares::<Test>::get(id, from).0 * part as u128 / 1_000;
					let (assets, total) = rate_of(id);
					if Dam::transfer_shares(RuntimeOrigin::signed(from), id, to, shares, MAX_TOKENS)
						.is_ok()
					{
						*ledger.received_value.entry(to).or_default() +=
							(shares * assets).div_ceil(total);
					}
				}
			}
			let rate = rate_of(id);
			// Rounding never raises the rate: a / b <= c / d  <=>  a d <= c b.
			assert!(
				rate.0 * ledger.rate.1 <= ledger.rate.0 * rate.1,
				"the exchange rate rose from {:?} to {:?}",
				ledger.rate,
				rate
			);
			ledger.rate = rate;
			check_invariants();
		}
		// Everyone leaves: the DAM can pay every share it issued.
		for who in ACCOUNTS {
			let shares = Shares::<Test>::get(id, who);
			let before = usd_balance(who);
			if !shares.is_zero()
				&& Dam::withdraw(RuntimeOrigin::signed(who), id, shares.0, MAX_TOKENS).is_ok()
			{
				*ledger.out.entry(who).or_default() += usd_balance(who) - before;
			}
		}
		check_invariants();
		let dam = Dams::<Test>::get(id).unwrap();
		let total_in: u128 = ledger.net_in.values().sum();
		let total_out: u128 = ledger.out.values().sum();
		assert_eq!(total_in, total_out + dam.idle + dam.dust, "assets are conserved");
		assert_eq!(usd_balance(Dam::dam_account(id)), dam.idle + dam.dust);
	});
	ledger
}

proptest! {
	#[test]
	fn nobody_takes_out_more_than_it_put_in(
		ops in prop::collection::vec(op(false), 1..40),
		fee in 0u32..=200_000_000,
	) {
		let ledger = run(ops, Perbill::from_parts(fee));
		for who in ACCOUNTS {
			let put_in = ledger.net_in.get(&who).copied().unwrap_or_default();
			let taken = ledger.out.get(&who).copied().unwrap_or_default();
			prop_assert!(taken <= put_in, "account {} took {} for {} put in", who, taken, put_in);
		}
	}

	#[test]
	fn transfers_never_create_value(
		ops in prop::collection::vec(op(true), 1..40),
		fee in 0u32..=200_000_000,
	) {
		let ledger = run(ops, Perbill::from_parts(fee));
		for who in ACCOUNTS {
			let put_in = ledger.net_in.get(&who).copied().unwrap_or_default();
			// The rate never rises, so received shares never become worth more than they were
			// worth on arrival.
			let received_value = ledger.received_value.get(&who).copied().unwrap_or_default();
			let taken = ledger.out.get(&who).copied().unwrap_or_default();
			prop_assert!(
				taken <= put_in + received_value,
				"account {} took {} for {} put in and {} received", who, taken, put_in, received_value
			);
		}
	}
}
