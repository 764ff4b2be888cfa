//! Default: after the repay grace, every loan is written off and the return bond is paid to
//! the DAMs owed, pro rata.

use super::*;
use frame_support::{assert_noop, assert_ok};
use polkadot_sdk::sp_runtime::DispatchError;

/// Ends `network` and moves to the first block its default may be declared.
fn overdue(network: NetworkId) {
	end(network);
	run_to_block(default_due(network));
}

fn declare(network: NetworkId) -> frame_support::dispatch::DispatchResultWithPostInfo {
	Vaults::declare_default(RuntimeOrigin::signed(STRANGER), network)
}

#[test]
fn default_writes_every_loan_off_and_pays_the_bond_pro_rata() {
	ExtBuilder::default().build_and_execute(|| {
		// 500 of bond over 5,000 owed: 10% of each loan.
		let (network, dams) = loans(&[1_000, 1_500, 2_500]);
		overdue(network);
		let before: Vec<Balance> =
			dams.iter().map(|dam| native_balance(MockDams::account(*dam))).collect();
		let escrow_before = native_balance(BOND_ESCROW);

		let info = declare(network).expect("an overdue Network");

		assert_eq!(info.actual_weight, Some(<() as WeightInfo>::declare_default(3)));
		for ((dam, owed), before) in dams.iter().zip([1_000, 1_500, 2_500]).zip(before) {
			let share = owed / 10;
			assert_eq!(native_balance(MockDams::account(*dam)), before + share);
			let books = MockDams::books(*dam).unwrap();
			assert_eq!((books.idle, books.lent, books.recovery), (DEPOSIT - owed, 0, share));
			assert_eq!(exposure(network, *dam), 0);
			assert!(events().contains(&Event::LoanWrittenOff {
				network,
				dam: *dam,
				amount: owed,
				compensation: share
			}));
		}
		assert_eq!(native_balance(BOND_ESCROW), escrow_before - BOND);
		assert_eq!(view(network).bond, 0);
		assert_eq!(view(network).status, NetworkStatus::Defaulted);
		assert_eq!(Loans::<Test>::iter_prefix(network).count(), 0);
		assert!(!Debts::<Test>::contains_key(network));
		assert_eq!(
			events().last(),
			Some(&Event::NetworkDefaulted { network, written_off: 5_000, bond_paid: BOND })
		);
	});
}

#[test]
fn the_bond_shares_add_up_to_the_whole_bond() {
	ExtBuilder::default().build_and_execute(|| {
		// 500 does not divide evenly over these loans; the smallest one's exact share is under one
		// unit.
		let owed = [1_000, 2_000, 3_000, 5];
		let (network, dams) = loans(&owed);
		let total: Balance = owed.iter().sum();
		overdue(network);
		assert_ok!(declare(network));

		let shares: Vec<Balance> =
			dams.iter().map(|dam| MockDams::books(*dam).unwrap().recovery).collect();
		assert_eq!(shares.iter().sum::<Balance>(), BOND);
		for (share, owed) in shares.iter().zip(owed) {
			// Each share is its exact pro-rata part, rounded one way or the other.
			let exact_down = BOND * owed / total;
			assert!(
				*share == exact_down || *share == exact_down + 1,
				"{share} for {owed} owed of {total}"
			);
		}
		assert_eq!(
			events().last(),
			Some(&Event::NetworkDefaulted { network, written_off: total, bond_paid: BOND })
		);
	});
}

#[test]
fn a_network_without_a_bond_defaults_with_no_compensation() {
	ExtBuilder::default().build_and_execute(|| {
		let network =
			MockMarketplace::register(NetworkView { bond: 0, ..terms(NetworkKind::Liquidity) })
				.unwrap();
		let dams = loans_to(network, &[1_000]);
		overdue(network);
		assert_ok!(declare(network));

		assert_eq!(MockDams::books(dams[0]).unwrap().lent, 0);
		assert!(events().contains(&Event::LoanWrittenOff {
			network,
			dam: dams[0],
			amount: 1_000,
			compensation: 0
		}));
		assert_eq!(
			events().last(),
			Some(&Event::NetworkDefaulted { network, written_off: 1_000, bond_paid: 0 })
		);
	});
}

#[test]
fn default_waits_for_the_end_and_the_repay_grace() {
	ExtBuilder::default().with_repay_grace(20).build_and_execute(|| {
		let (network, _) = loans(&[1_000]);
		let ends_at = view(network).ends_at().unwrap();

		run_to_block(ends_at - 1);
		assert_noop!(declare(network), Error::<Test>::NetworkNotEnded);
		// The duration alone ends the Network; the grace still runs.
		run_to_block(ends_at);
		assert_noop!(declare(network), Error::<Test>::DefaultTooEarly);
		run_to_block(ends_at + 19);
		assert_noop!(declare(network), Error::<Test>::DefaultTooEarly);
		run_to_block(ends_at + 20);
		assert_ok!(declare(network));
		assert_noop!(declare(network), Error::<Test>::AlreadyDefaulted);
	});
}

#[test]
fn default_rejects_networks_that_cannot_default() {
	ExtBuilder::default().build_and_execute(|| {
		let (network, dams) = loans(&[1_000]);
		let growth = live_network(NetworkKind::Growth);
		let repaid = live_network(NetworkKind::Liquidity);
		let repaid_dams = loans_to(repaid, &[500]);
		assert_ok!(Vaults::repay(RuntimeOrigin::signed(SAFE), repaid, repaid_dams[0], 500));
		overdue(network);
		overdue(repaid);
		run_to_block(default_due(growth));

		assert_noop!(declare(77), Error::<Test>::NetworkNotFound);
		assert_noop!(declare(growth), Error::<Test>::NotLiquidity);
		assert_noop!(declare(repaid), Error::<Test>::NothingOwed);
		assert_noop!(
			Vaults::declare_default(RuntimeOrigin::none(), network),
			DispatchError::BadOrigin
		);
		assert_ok!(declare(network));
		assert_noop!(declare(network), Error::<Test>::AlreadyDefaulted);
		// A written-off loan takes no repayment.
		assert_noop!(
			Vaults::repay(RuntimeOrigin::signed(SAFE), network, dams[0], 1),
			Error::<Test>::NetworkDefaulted
		);
	});
}

#[test]
fn a_vault_locked_at_the_default_goes_back_to_the_dam() {
	ExtBuilder::default().build_and_execute(|| {
		let (network, dams) = loans(&[1_000]);
		let dam = dams[0];
		let ends_at = view(network).ends_at().unwrap();
		run_to_block(ends_at - 1);
		let late = allocate(dam, network, 500);
		overdue(network);
		assert!(default_due(network) < ends_at - 1 + LOCK_PERIOD);

		assert_ok!(declare(network));
		// Only the loan was written off; the locked vault is still owed.
		assert_eq!(
			events().last(),
			Some(&Event::NetworkDefaulted { network, written_off: 1_000, bond_paid: BOND })
		);
		assert_eq!(Debts::<Test>::get(network), Debt { outstanding: 0, locked: 500, creditors: 0 });
		assert_eq!(MockDams::books(dam).unwrap().lent, 500);

		run_to_block(ends_at - 1 + LOCK_PERIOD);
		assert_ok!(Vaults::release(RuntimeOrigin::signed(STRANGER), late));
		assert_eq!(
			events().last(),
			Some(&Event::VaultReturned { vault: late, network, dam, amount: 500 })
		);
		assert!(!Debts::<Test>::contains_key(network));
		let books = MockDams::books(dam).unwrap();
		assert_eq!((books.idle, books.lent), (DEPOSIT - 1_000, 0));
	});
}
