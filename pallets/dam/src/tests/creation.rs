//! Creating a DAM and changing its fee and roles.

use super::*;
use frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold};
use nektar_primitives::{DamInterface, NativeOrWithId};
use polkadot_sdk::sp_runtime::{DispatchError, DispatchResult, Perbill, TokenError};

fn held_deposit(who: AccountId) -> Balance {
	Balances::balance_on_hold(&RuntimeHoldReason::Dam(HoldReason::DamDeposit), &who)
}

#[test]
fn create_dam_holds_the_deposit_opens_the_account_and_assigns_the_operator() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Dam::create_dam(
			RuntimeOrigin::signed(MANAGER),
			config(NetworkKind::Collateral),
			b"Dam".to_vec(),
			b"deUSD".to_vec(),
			b"https://d".to_vec(),
			vec![],
			vec![],
		));
		// 200 plus one per byte of "Dam", "deUSD" and "https://d".
		let deposit = 200 + 3 + 5 + 9;
		let account = Dam::dam_account(0);
		assert_eq!(held_deposit(MANAGER), deposit);
		// The manager also pays the account's existential deposit.
		assert_eq!(native_of(MANAGER), ENDOWMENT - deposit - EXISTENTIAL_DEPOSIT);
		assert_eq!(native_of(account), EXISTENTIAL_DEPOSIT);
		let record = dam(0);
		assert_eq!(
			(record.manager, record.gatekeeper, record.catalyst),
			(MANAGER, MANAGER, MANAGER)
		);
		assert_eq!((record.deposit, record.operators, record.total_shares), (deposit, 1, 0.into()));
		assert_eq!(DamOperators::<Test>::get(0, MANAGER), Some(OperatorRole::Independent));
		assert_eq!(Assignments::<Test>::get(MANAGER), 1);
		assert!(<Dam as DamInterface<AccountId>>::has_assignments(&MANAGER));
		assert_eq!(NextDamId::<Test>::get(), 1);
		assert_eq!(
			events(),
			vec![
				Event::DamCreated {
					dam: 0,
					manager: MANAGER,
					kind: NetworkKind::Collateral,
					deposit_asset: usd(),
					account,
					deposit,
				},
				Event::OperatorAssigned {
					dam: 0,
					operator: MANAGER,
					role: OperatorRole::Independent
				},
			]
		);

		// A DAM without its own Operator needs no registration, and may name its roles.
		let mut c = config(NetworkKind::Growth);
		c.independent_operator = false;
		c.gatekeeper = Some(BOB);
		c.catalyst = Some(CHARLIE);
		assert_ok!(Dam::create_dam(
			RuntimeOrigin::signed(STRANGER),
			c,
			b"Dam".to_vec(),
			b"deUSD".to_vec(),
			vec![],
			vec![],
			vec![],
		));
		let record = dam(1);
		assert_eq!((record.gatekeeper, record.catalyst, record.operators), (BOB, CHARLIE, 0));
		assert!(!<Dam as DamInterface<AccountId>>::has_assignments(&STRANGER));
		assert!(matches!(events().last(), Some(Event::DamCreated { dam: 1, .. })));
		// Each DAM has its own account.
		assert_ne!(Dam::dam_account(0), Dam::dam_account(1));
	});
}

/// A DAM's name, receipt symbol and URL.
type Texts<'a> = (&'a [u8], &'a [u8], &'a [u8]);

/// Creates a DAM by `who` with `config` and the given metadata.
fn try_create(
	who: AccountId,
	config: DamConfigOf<Test>,
	name: &[u8],
	symbol: &[u8],
	url: &[u8],
) -> DispatchResult {
	Dam::create_dam(
		RuntimeOrigin::signed(who),
		config,
		name.to_vec(),
		symbol.to_vec(),
		url.to_vec(),
		vec![],
		vec![],
	)
}

#[test]
fn bad_creations_fail_with_named_errors_and_change_nothing() {
	const POOR: AccountId = 20;
	ExtBuilder::default()
		.with_balances(vec![(MANAGER, ENDOWMENT), (POOR, 100)])
		.with_operators(vec![])
		.build_and_execute(|| {
			let own = config(NetworkKind::Liquidity);
			let mut other_asset = own.clone();
			other_asset.deposit_asset = NativeOrWithId::WithId(OTHER);
			assert_noop!(
				try_create(MANAGER, other_asset, b"Dam", b"deUSD", b""),
				Error::<Test>::AssetNotWhitelisted
			);
			let mut greedy = own.clone();
			greedy.fee = Perbill::from_percent(21);
			assert_noop!(
				try_create(MANAGER, greedy, b"Dam", b"deUSD", b""),
				Error::<Test>::FeeTooHigh
			);
			// Running its own DAM takes a registered Operator.
			assert_noop!(
				try_create(MANAGER, own.clone(), b"Dam", b"deUSD", b""),
				Error::<Test>::NotOperator
			);
			let mut not_own = own.clone();
			not_own.independent_operator = false;
			let bad_metadata: [(Texts, Error<Test>); 5] = [
				((b"", b"deUSD", b""), Error::<Test>::EmptyName),
				((b"Dam", b"", b""), Error::<Test>::EmptyReceiptSymbol),
				((b"Dam\n", b"deUSD", b""), Error::<Test>::InvalidText),
				((b"Dam", b"de\xff", b""), Error::<Test>::InvalidText),
				((b"Dam", b"deUSD", &[b'u'; 33]), Error::<Test>::MetadataTooLong),
			];
			for ((name, symbol, url), error) in bad_metadata {
				assert_noop!(try_create(MANAGER, not_own.clone(), name, symbol, url), error);
			}
			assert_noop!(
				try_create(POOR, not_own.clone(), b"Dam", b"deUSD", b""),
				TokenError::FundsUnavailable
			);
			assert_noop!(
				Dam::create_dam(
					RuntimeOrigin::none(),
					not_own.clone(),
					b"Dam".to_vec(),
					b"deUSD".to_vec(),
					vec![],
					vec![],
					vec![]
				),
				DispatchError::BadOrigin
			);
			// At the limit, the metadata fits.
			assert_ok!(try_create(MANAGER, not_own, b"Dam", b"deUSD", &[b'u'; 32]));
		});
}

#[test]
fn a_fee_increase_waits_for_its_delay_and_no_deposit_pays_above_the_current_maximum() {
	let mut params = default_params();
	params.fee_increase_delay = 10;
	ExtBuilder::default().with_params(params).build_and_execute(|| {
		let mut c = config(NetworkKind::Growth);
		c.fee = Perbill::from_percent(5);
		let id = create(c);
		assert_ok!(Dam::set_fee(RuntimeOrigin::signed(MANAGER), id, Perbill::from_percent(10)));
		assert_eq!(
			events().last(),
			Some(&Event::FeeSet { dam: id, fee: Perbill::from_percent(10), applies_from: 11 })
		);
		assert_eq!(dam(id).pending_fee, Some((Perbill::from_percent(10), 11)));
		assert_eq!(Dam::fee_now(&dam(id)), Perbill::from_percent(5));
		// A deposit sent before the increase applies pays the old fee.
		assert_ok!(Dam::deposit(
			RuntimeOrigin::signed(ALICE),
			id,
			1_000,
			Perbill::from_percent(5),
			MAX_TOKENS
		));
		assert_eq!(usd_of(Dam::dam_account(id)), 950);

		run_to_block(11);
		assert_eq!(Dam::fee_now(&dam(id)), Perbill::from_percent(10));
		assert_noop!(
			Dam::deposit(
				RuntimeOrigin::signed(BOB),
				id,
				1_000,
				Perbill::from_percent(5),
				MAX_TOKENS
			),
			Error::<Test>::FeeAboveLimit
		);
		assert_ok!(Dam::deposit(
			RuntimeOrigin::signed(BOB),
			id,
			1_000,
			Perbill::from_percent(10),
			MAX_TOKENS
		));
		assert_eq!(usd_of(MANAGER), ENDOWMENT + 50 + 100);
		// The deposit made the increase the DAM's fee.
		assert_eq!((dam(id).fee, dam(id).pending_fee), (Perbill::from_percent(10), None));

		// A decrease applies at once, and drops an increase still waiting.
		assert_ok!(Dam::set_fee(RuntimeOrigin::signed(MANAGER), id, Perbill::from_percent(15)));
		assert_ok!(Dam::set_fee(RuntimeOrigin::signed(MANAGER), id, Perbill::from_percent(2)));
		assert_eq!(
			events().last(),
			Some(&Event::FeeSet { dam: id, fee: Perbill::from_percent(2), applies_from: 11 })
		);
		assert_eq!((dam(id).fee, dam(id).pending_fee), (Perbill::from_percent(2), None));

		// Governance lowers the maximum below the DAM's fee: deposits pay the maximum.
		params.max_dam_fee = Perbill::from_percent(1);
		MockMarketplace::set_params(params);
		assert_eq!(Dam::fee_now(&dam(id)), Perbill::from_percent(1));
		assert_ok!(Dam::deposit(
			RuntimeOrigin::signed(CHARLIE),
			id,
			1_000,
			Perbill::from_percent(1),
			MAX_TOKENS
		));
		assert_eq!(
			events().last(),
			Some(&Event::Deposited {
				dam: id,
				delegator: CHARLIE,
				amount: 1_000,
				fee: 10,
				shares: 990_000.into()
			})
		);
		assert_noop!(
			Dam::set_fee(RuntimeOrigin::signed(MANAGER), id, Perbill::from_percent(2)),
			Error::<Test>::FeeTooHigh
		);
	});
}

#[test]
fn the_manager_changes_mutable_roles_and_nothing_else() {
	ExtBuilder::default().build_and_execute(|| {
		let id = create(config(NetworkKind::Collateral));
		assert_ok!(Dam::set_gatekeeper(RuntimeOrigin::signed(MANAGER), id, BOB));
		assert_eq!(events().last(), Some(&Event::GatekeeperSet { dam: id, gatekeeper: BOB }));
		assert_ok!(Dam::set_catalyst(RuntimeOrigin::signed(MANAGER), id, CHARLIE));
		assert_eq!(events().last(), Some(&Event::CatalystSet { dam: id, catalyst: CHARLIE }));
		// The new roles act, the manager no longer does.
		assert_noop!(
			Dam::set_allow_list(RuntimeOrigin::signed(MANAGER), id, true),
			Error::<Test>::NotGatekeeper
		);
		assert_ok!(Dam::set_allow_list(RuntimeOrigin::signed(BOB), id, true));
		let network = live_network(NetworkKind::Collateral);
		assert_noop!(
			Dam::request_installation(RuntimeOrigin::signed(MANAGER), id, network, MANAGER),
			Error::<Test>::NotCatalyst
		);
		assert_ok!(Dam::request_installation(RuntimeOrigin::signed(CHARLIE), id, network, MANAGER));
		// Only the manager changes them.
		assert_noop!(
			Dam::set_gatekeeper(RuntimeOrigin::signed(BOB), id, BOB),
			Error::<Test>::NotManager
		);
		assert_noop!(
			Dam::set_fee(RuntimeOrigin::signed(BOB), id, Perbill::zero()),
			Error::<Test>::NotManager
		);
		assert_noop!(
			Dam::set_catalyst(RuntimeOrigin::signed(MANAGER), 7, BOB),
			Error::<Test>::DamNotFound
		);

		let mut fixed = config(NetworkKind::Collateral);
		fixed.fee_mutable = false;
		fixed.gatekeeper_mutable = false;
		fixed.catalyst_mutable = false;
		let fixed = create(fixed);
		assert_noop!(
			Dam::set_fee(RuntimeOrigin::signed(MANAGER), fixed, Perbill::zero()),
			Error::<Test>::FeeImmutable
		);
		assert_noop!(
			Dam::set_gatekeeper(RuntimeOrigin::signed(MANAGER), fixed, BOB),
			Error::<Test>::GatekeeperImmutable
		);
		assert_noop!(
			Dam::set_catalyst(RuntimeOrigin::signed(MANAGER), fixed, BOB),
			Error::<Test>::CatalystImmutable
		);
	});
}
