//! Releasing Liquidity vaults: a loan to the Network's safe, or back to the DAM once the
//! Network is over; the cap on the DAMs one Network owes, and on the Networks one DAM is owed
//! by, each listed with its end.

use super::*;
use frame_support::{assert_noop, assert_ok};
use nektar_primitives::VaultsInterface;
use polkadot_sdk::sp_runtime::DispatchError;

#[test]
fn release_pays_the_safe_and_opens_a_loan() {
	ExtBuilder::default().build_and_execute(|| {
		let network = live_network(NetworkKind::Liquidity);
		let dam = installed_dam(NetworkKind::Liquidity, network);
		let vault = allocate(dam, network, 1_000);
		let safe_before = usd_balance(SAFE);

		run_to_block(LOCK_PERIOD);
		assert_noop!(
			Vaults::release(RuntimeOrigin::signed(STRANGER), vault),
			Error::<Test>::VaultLocked
		);
		run_to_block(1 + LOCK_PERIOD);
		assert_ok!(Vaults::release(RuntimeOrigin::signed(STRANGER), vault));

		assert_eq!(usd_balance(SAFE), safe_before + 1_000);
		assert_eq!(usd_balance(Vaults::account()), 0);
		assert!(!StoredVaults::<Test>::contains_key(vault));
		assert!(!NetworkVaults::<Test>::contains_key(network, vault));
		assert_eq!(Loans::<Test>::get(network, dam), Some(1_000));
		assert_eq!(
			LoanEnds::<Test>::get(dam).into_inner(),
			vec![(network, network_ends_at(network))]
		);
		assert_eq!(
			<Vaults as VaultsInterface>::earliest_loan_end(dam),
			Some(network_ends_at(network))
		);
		assert_eq!(
			Debts::<Test>::get(network),
			Debt { outstanding: 1_000, locked: 0, creditors: 1 }
		);
		// The loan stays on the DAM's books and keeps its exposure.
		assert_eq!(MockDams::books(dam).unwrap().lent, 1_000);
		assert_eq!(exposure(network, dam), 1_000);
		assert_eq!(
			events().last(),
			Some(&Event::LoanOpened {
				vault,
				network,
				dam,
				safe: SAFE,
				amount: 1_000,
				loan: 1_000
			})
		);
	});
}

#[test]
fn a_dams_later_vault_adds_to_its_loan() {
	ExtBuilder::default().build_and_execute(|| {
		let network = live_network(NetworkKind::Liquidity);
		let dam = installed_dam(NetworkKind::Liquidity, network);
		let first = allocate(dam, network, 1_000);
		run_to_block(5);
		let second = allocate(dam, network, 500);
		assert_eq!(Debts::<Test>::get(network).locked, 1_500);

		run_to_block(1 + LOCK_PERIOD);
		assert_ok!(Vaults::release(RuntimeOrigin::signed(STRANGER), first));
		assert_eq!(
			Debts::<Test>::get(network),
			Debt { outstanding: 1_000, locked: 500, creditors: 1 }
		);
		run_to_block(5 + LOCK_PERIOD);
		assert_ok!(Vaults::release(RuntimeOrigin::signed(STRANGER), second));

		assert_eq!(Loans::<Test>::get(network, dam), Some(1_500));
		assert_eq!(
			Debts::<Test>::get(network),
			Debt { outstanding: 1_500, locked: 0, creditors: 1 }
		);
		assert_eq!(
			events().last(),
			Some(&Event::LoanOpened {
				vault: second,
				network,
				dam,
				safe: SAFE,
				amount: 500,
				loan: 1_500
			})
		);
	});
}

#[test]
fn release_rejects_unknown_vaults_and_unsigned_origins() {
	ExtBuilder::default().build_and_execute(|| {
		let network = live_network(NetworkKind::Liquidity);
		let dam = installed_dam(NetworkKind::Liquidity, network);
		let vault = allocate(dam, network, 1_000);
		unlock();

		assert_noop!(
			Vaults::release(RuntimeOrigin::signed(STRANGER), 77),
			Error::<Test>::VaultNotFound
		);
		assert_noop!(Vaults::release(RuntimeOrigin::none(), vault), DispatchError::BadOrigin);
		assert_ok!(Vaults::release(RuntimeOrigin::signed(STRANGER), vault));
		// An opened Liquidity vault is gone.
		assert_noop!(
			Vaults::release(RuntimeOrigin::signed(STRANGER), vault),
			Error::<Test>::VaultNotFound
		);
	});
}

#[test]
fn a_vault_that_opens_after_the_network_is_over_goes_back_to_the_dam() {
	ExtBuilder::default().build_and_execute(|| {
		let network = live_network(NetworkKind::Liquidity);
		let dam = installed_dam(NetworkKind::Liquidity, network);
		let ends_at = network_ends_at(network);
		// Locked five blocks before the end, it opens five blocks after it.
		run_to_block(ends_at - 5);
		let vault = allocate(dam, network, 1_000);
		let safe_before = usd_balance(SAFE);

		// Nobody called `end_network`: the duration alone makes the Network over.
		run_to_block(ends_at + 5);
		assert_eq!(view(network).status, NetworkStatus::Ended);
		assert_ok!(Vaults::release(RuntimeOrigin::signed(STRANGER), vault));

		assert_eq!(usd_balance(SAFE), safe_before);
		assert_eq!(usd_balance(MockDams::account(dam)), DEPOSIT);
		let books = MockDams::books(dam).unwrap();
		assert_eq!((books.idle, books.lent), (DEPOSIT, 0));
		assert_eq!(exposure(network, dam), 0);
		assert_eq!(Loans::<Test>::get(network, dam), None);
		assert!(!Debts::<Test>::contains_key(network));
		assert!(!StoredVaults::<Test>::contains_key(vault));
		assert_eq!(
			events().last(),
			Some(&Event::VaultReturned { vault, network, dam, amount: 1_000 })
		);
	});
}

#[test]
fn a_network_owes_at_most_max_creditors_dams() {
	ExtBuilder::default().build_and_execute(|| {
		let network = live_network(NetworkKind::Liquidity);
		let dams: Vec<DamId> =
			(0..=MAX_CREDITORS).map(|_| installed_dam(NetworkKind::Liquidity, network)).collect();
		let vaults: Vec<VaultId> = dams.iter().map(|dam| allocate(*dam, network, 100)).collect();
		// A second vault of a DAM that is owed already.
		let again = allocate(dams[0], network, 100);
		unlock();
		for vault in &vaults[..MAX_CREDITORS as usize] {
			assert_ok!(Vaults::release(RuntimeOrigin::signed(STRANGER), *vault));
		}
		let last = vaults[MAX_CREDITORS as usize];

		assert_noop!(
			Vaults::release(RuntimeOrigin::signed(STRANGER), last),
			Error::<Test>::TooManyCreditors
		);
		// An existing creditor's loan grows without taking a new place.
		assert_ok!(Vaults::release(RuntimeOrigin::signed(STRANGER), again));
		assert_eq!(Loans::<Test>::get(network, dams[0]), Some(200));
		assert_eq!(Debts::<Test>::get(network).creditors, MAX_CREDITORS);

		// A creditor repaid in full makes room.
		assert_ok!(Vaults::repay(RuntimeOrigin::signed(SAFE), network, dams[1], 100));
		assert_eq!(Debts::<Test>::get(network).creditors, MAX_CREDITORS - 1);
		assert_ok!(Vaults::release(RuntimeOrigin::signed(STRANGER), last));
		assert_eq!(Debts::<Test>::get(network).creditors, MAX_CREDITORS);
	});
}

fn network_ends_at(id: NetworkId) -> u64 {
	view(id).ends_at().expect("live")
}

#[test]
fn a_dam_lists_the_end_of_each_network_that_owes_it() {
	ExtBuilder::default().build_and_execute(|| {
		let early = live_network(NetworkKind::Liquidity);
		let dam = installed_dam(NetworkKind::Liquidity, early);
		run_to_block(5);
		let late = live_network(NetworkKind::Liquidity);
		assert_ok!(MockDams::install(dam, late));
		let vaults = [allocate(dam, late, 300), allocate(dam, early, 200)];
		assert_eq!(<Vaults as VaultsInterface>::earliest_loan_end(dam), None);
		unlock();
		for vault in vaults {
			assert_ok!(Vaults::release(RuntimeOrigin::signed(STRANGER), vault));
		}
		let (early_end, late_end) = (network_ends_at(early), network_ends_at(late));
		assert!(early_end < late_end);
		assert_eq!(
			LoanEnds::<Test>::get(dam).into_inner(),
			vec![(late, late_end), (early, early_end)]
		);
		assert_eq!(<Vaults as VaultsInterface>::earliest_loan_end(dam), Some(early_end));

		// A part repaid leaves the loan listed; the rest repaid takes it off.
		assert_ok!(Vaults::repay(RuntimeOrigin::signed(SAFE), early, dam, 150));
		assert_eq!(<Vaults as VaultsInterface>::earliest_loan_end(dam), Some(early_end));
		assert_ok!(Vaults::repay(RuntimeOrigin::signed(SAFE), early, dam, 50));
		assert_eq!(LoanEnds::<Test>::get(dam).into_inner(), vec![(late, late_end)]);
		assert_eq!(<Vaults as VaultsInterface>::earliest_loan_end(dam), Some(late_end));

		// A default writes the last loan off, and the DAM's list goes with it.
		end(late);
		run_to_block(default_due(late));
		assert_ok!(Vaults::declare_default(RuntimeOrigin::signed(STRANGER), late));
		assert!(!LoanEnds::<Test>::contains_key(dam));
		assert_eq!(<Vaults as VaultsInterface>::earliest_loan_end(dam), None);
	});
}

#[test]
fn a_dam_is_owed_by_at_most_max_loans_per_dam_networks() {
	ExtBuilder::default().build_and_execute(|| {
		let first = live_network(NetworkKind::Liquidity);
		let dam = installed_dam(NetworkKind::Liquidity, first);
		let mut networks = vec![first];
		for _ in 0..MAX_LOANS_PER_DAM {
			let network = live_network(NetworkKind::Liquidity);
			assert_ok!(MockDams::install(dam, network));
			networks.push(network);
		}
		let vaults: Vec<VaultId> = networks.iter().map(|n| allocate(dam, *n, 100)).collect();
		let again = allocate(dam, first, 100);
		unlock();
		for vault in &vaults[..MAX_LOANS_PER_DAM as usize] {
			assert_ok!(Vaults::release(RuntimeOrigin::signed(STRANGER), *vault));
		}
		let last = vaults[MAX_LOANS_PER_DAM as usize];
		assert_noop!(
			Vaults::release(RuntimeOrigin::signed(STRANGER), last),
			Error::<Test>::TooManyLoans
		);
		// A loan that grows takes no new place.
		assert_ok!(Vaults::release(RuntimeOrigin::signed(STRANGER), again));
		assert_eq!(LoanEnds::<Test>::get(dam).len() as u32, MAX_LOANS_PER_DAM);
		// One repaid in full makes room.
		assert_ok!(Vaults::repay(RuntimeOrigin::signed(SAFE), networks[1], dam, 100));
		assert_ok!(Vaults::release(RuntimeOrigin::signed(STRANGER), last));
		assert_eq!(LoanEnds::<Test>::get(dam).len() as u32, MAX_LOANS_PER_DAM);
	});
}
