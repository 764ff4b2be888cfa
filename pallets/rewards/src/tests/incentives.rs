//! Incentive programs: a Network's manager adds rewards in other assets, each program with its
//! own escrow, token, rates and budget, accruing on the same installations as the primary one.

use super::*;
use frame_support::traits::fungibles::metadata::Inspect as _;

/// 5% of exposure a day to delegators and 3 units a day to each Operator.
fn incentive_rates() -> RatesOf<Test> {
	Rates { delegator_rate: FixedU128::from_rational(5, 100), operator_rate: 3 }
}

/// Adds the incentive program paying [`USD`] at [`incentive_rates`] to `network`.
fn add_incentive(network: NetworkId) -> ProgramId {
	assert_ok!(Rewards::add_incentive_program(
		signed(NET_MANAGER),
		network,
		usd(),
		incentive_rates()
	));
	*NetworkPrograms::<Test>::get(network).last().expect("a program was added")
}

/// What `who` may claim now in `program`'s token from its shares of `dam`.
fn pending_in(dam: DamId, program: ProgramId, who: AccountId) -> Balance {
	Rewards::pending_rewards(dam, &who)
		.into_iter()
		.find(|reward| reward.program == program)
		.map(|reward| reward.amount)
		.unwrap_or_default()
}

/// A live Collateral Network with an incentive program funded with 1,000,000 [`USD`], and a
/// DAM installed after the program was added, with 1,000 from [`ALICE`] and 3,000 from
/// [`BOB`], all committed; the primary program funded with 1,000,000 too.
fn two_programs() -> (DamId, NetworkId, ProgramId) {
	let network = live_network(NetworkKind::Collateral);
	let incentive = add_incentive(network);
	fund(network, 1_000_000);
	assert_ok!(Rewards::fund_rewards(signed(NET_MANAGER), incentive, 1_000_000));
	let dam = new_dam(NetworkKind::Collateral);
	install(dam, network);
	deposit(dam, ALICE, 1_000);
	deposit(dam, BOB, 3_000);
	assert_ok!(MockDams::commit(dam, network, 4_000));
	(dam, network, incentive)
}

#[test]
fn an_incentive_program_has_its_own_escrow_token_and_rates() {
	ExtBuilder::default().build_and_execute(|| {
		let network = live_network(NetworkKind::Collateral);
		let before = native(NET_MANAGER);
		let incentive = add_incentive(network);
		assert_eq!(incentive, FIRST_INCENTIVE_PROGRAM);
		assert_eq!(NetworkPrograms::<Test>::get(network).into_inner(), vec![network, incentive]);
		let p = program(incentive);
		assert_eq!((p.network, p.reward_asset, p.token), (network, usd(), token(incentive)));
		assert_eq!((p.delegator_rate, p.operator_rate), (FixedU128::from_rational(5, 100), 3));
		assert_eq!(p.ends_at, program(network).ends_at, "it ends with the Network");
		assert!(p.accruing);
		let escrow = Rewards::escrow(incentive);
		assert_ne!(escrow, Rewards::escrow(network));
		// Named after the Network and the asset, within the 8-byte limit of the test tokens.
		assert_eq!(Assets::name(token(incentive)), b"Net A7".to_vec());
		assert_eq!(Assets::symbol(token(incentive)), b"rNET-A7".to_vec());
		// Each token has its asset's decimals: 6 for USD, 12 for the native primary.
		assert_eq!(Assets::decimals(token(incentive)), 6);
		assert_eq!(Assets::decimals(token(network)), 12);
		// The manager pays the metadata deposit (1 + 6 + 7 bytes) and the escrow's deposit.
		assert_eq!(native(NET_MANAGER), before - (1 + 13) - 1);
		assert_eq!(
			events().last(),
			Some(&Event::ProgramCreated {
				network,
				program: incentive,
				token: token(incentive),
				escrow,
				reward_asset: usd(),
			})
		);
		let listed: Vec<ProgramId> =
			Rewards::network_programs(network).into_iter().map(|info| info.id).collect();
		assert_eq!(listed, vec![network, incentive]);
		let info = Rewards::program_info(incentive).unwrap();
		assert!(!info.primary && Rewards::program_info(network).unwrap().primary);
	});
}

#[test]
fn two_programs_in_two_assets_accrue_independently_and_exactly() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network, incentive) = two_programs();
		days(1);
		// The primary pays 1% of 4,000 a day and 10 to the Operator; the incentive 5% and 3.
		assert_eq!([pending_in(dam, network, ALICE), pending_in(dam, network, BOB)], [10, 30]);
		assert_eq!([pending_in(dam, incentive, ALICE), pending_in(dam, incentive, BOB)], [50, 150]);
		assert_eq!(operator_pending(network, dam), 10);
		assert_eq!(operator_pending(incentive, dam), 3);
		assert_ok!(MockMarketplace::report_performance(network, dam, Permill::from_percent(50)));
		days(2);
		assert_eq!(pending_in(dam, network, ALICE), 10 + 10);
		assert_eq!(pending_in(dam, incentive, BOB), 150 + 150);
		assert_eq!(operator_pending(incentive, dam), 3 + 3);

		// One call claims both; each token redeems for its own asset.
		assert_ok!(Rewards::claim_all_rewards(signed(ALICE), vec![dam].try_into().unwrap()));
		assert_eq!(Assets::balance(token(network), ALICE), 20);
		assert_eq!(Assets::balance(token(incentive), ALICE), 100);
		let usd_before = Assets::balance(USD, ALICE);
		assert_ok!(Rewards::redeem(signed(ALICE), incentive, 100));
		assert_eq!(Assets::balance(USD, ALICE), usd_before + 100);
		assert_eq!(Assets::balance(token(incentive), ALICE), 0);
		assert_ok!(Rewards::claim_operator_rewards(signed(OPERATOR), incentive, dam));
		assert_eq!(Assets::balance(token(incentive), OPERATOR), 6);
		let info = Rewards::program_info(incentive).unwrap();
		// 203 the first day, 101.5 a day at half the performance.
		assert_eq!(info.budget, 1_000_000 - 406);
	});
}

#[test]
fn the_commission_applies_to_every_program_of_the_network() {
	ExtBuilder::default().build_and_execute(|| {
		let network = live_network_with(View {
			operator_commission: Perbill::from_percent(10),
			..terms(NetworkKind::Collateral)
		});
		let incentive = add_incentive(network);
		assert_ok!(Rewards::fund_rewards(signed(NET_MANAGER), incentive, 1_000_000));
		let dam = new_dam(NetworkKind::Collateral);
		install(dam, network);
		deposit(dam, ALICE, 4_000);
		assert_ok!(MockDams::commit(dam, network, 4_000));
		days(1);
		assert_eq!(pending_in(dam, incentive, ALICE), 180);
		assert_eq!(operator_pending(incentive, dam), 3 + 20);
	});
}

#[test]
fn an_installation_before_the_program_joins_it_at_its_next_change_or_on_request() {
	ExtBuilder::default().build_and_execute(|| {
		let network = live_network(NetworkKind::Collateral);
		let (first, second) = (new_dam(NetworkKind::Collateral), new_dam(NetworkKind::Collateral));
		for dam in [first, second] {
			install(dam, network);
			deposit(dam, ALICE, 1_000);
			assert_ok!(MockDams::commit(dam, network, 1_000));
		}
		let incentive = add_incentive(network);
		assert_ok!(Rewards::fund_rewards(signed(NET_MANAGER), incentive, 1_000_000));
		days(1);
		assert_eq!(pending_in(first, incentive, ALICE), 0, "not joined yet");
		// A performance report is a change of the installation: it joins.
		assert_ok!(MockMarketplace::report_performance(network, first, Permill::one()));
		assert!(TrackedPrograms::<Test>::get(first).contains(&incentive));
		// Anyone may have the other join.
		assert_ok!(Rewards::join_program(signed(STRANGER), incentive, second));
		assert_eq!(
			events().last(),
			Some(&Event::ProgramJoined { program: incentive, dam: second })
		);
		assert_noop!(
			Rewards::join_program(signed(STRANGER), incentive, second),
			Error::<Test>::AlreadyJoined
		);
		days(1);
		assert_eq!(pending_in(first, incentive, ALICE), 50);
		assert_eq!(pending_in(second, incentive, ALICE), 50);
	});
}

#[test]
fn an_incentive_program_of_a_pending_network_starts_when_it_goes_live() {
	ExtBuilder::default().build_and_execute(|| {
		let network = MockMarketplace::register(terms(NetworkKind::Collateral), b"Net", b"rNET");
		let incentive = add_incentive(network);
		assert!(!program(incentive).accruing);
		// Nothing is funded before governance admits the Network: it might reject it.
		assert_noop!(
			Rewards::fund_rewards(signed(NET_MANAGER), incentive, 1_000),
			Error::<Test>::NetworkNotLive
		);
		days(1);
		assert_ok!(MockMarketplace::whitelist(network));
		assert_ok!(Rewards::fund_rewards(signed(NET_MANAGER), incentive, 1_000));
		assert_eq!(NetworkPrograms::<Test>::get(network).into_inner(), vec![network, incentive]);
		let p = program(incentive);
		assert!(p.accruing);
		assert_eq!(p.ends_at, program(network).ends_at);
		assert_eq!(p.updated_at, System::block_number());
		assert_eq!(p.budget, 1_000);
	});
}

#[test]
fn adding_and_joining_programs_refuse_bad_input() {
	ExtBuilder::default().build_and_execute(|| {
		let network = live_network(NetworkKind::Collateral);
		let add = |who, network, asset, rates| {
			Rewards::add_incentive_program(signed(who), network, asset, rates)
		};
		assert_noop!(
			add(STRANGER, network, usd(), incentive_rates()),
			Error::<Test>::NotNetworkManager
		);
		assert_noop!(
			add(NET_MANAGER, 42, usd(), incentive_rates()),
			Error::<Test>::NetworkNotFound
		);
		assert_noop!(
			add(NET_MANAGER, network, NativeOrWithId::WithId(99), incentive_rates()),
			Error::<Test>::AssetNotWhitelisted
		);
		assert_noop!(
			add(
				NET_MANAGER,
				network,
				usd(),
				Rates { delegator_rate: FixedU128::from_rational(0, 1), operator_rate: 0 }
			),
			Error::<Test>::ZeroRewardRates
		);
		// Four programs in all, the primary one included.
		for _ in 0..3 {
			add_incentive(network);
		}
		assert_noop!(
			add(NET_MANAGER, network, usd(), incentive_rates()),
			Error::<Test>::TooManyPrograms
		);
		let dam = new_dam(NetworkKind::Collateral);
		assert_noop!(
			Rewards::join_program(signed(STRANGER), FIRST_INCENTIVE_PROGRAM, dam),
			Error::<Test>::NotInstalled
		);
		assert_noop!(
			Rewards::join_program(signed(STRANGER), FIRST_INCENTIVE_PROGRAM + 9, dam),
			Error::<Test>::NoProgram
		);
		// Once the Network is over, no program is added.
		let other = live_network(NetworkKind::Collateral);
		run_to_block(System::block_number() + 1_000);
		assert_noop!(
			add(NET_MANAGER, other, usd(), incentive_rates()),
			Error::<Test>::NetworkClosed
		);
	});
}

#[test]
fn a_retired_token_is_never_joined_again() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network, incentive) = two_programs();
		days(1);
		run_to_block(program(network).ends_at);
		for id in [network, incentive] {
			assert_ok!(Rewards::retire_token(
				signed(STRANGER),
				dam,
				id,
				vec![ALICE, BOB].try_into().unwrap()
			));
		}
		assert!(TrackedPrograms::<Test>::get(dam).is_empty());
		// A change of the installation after the end joins nothing.
		assert_ok!(MockMarketplace::report_performance(network, dam, Permill::from_percent(50)));
		assert!(TrackedPrograms::<Test>::get(dam).is_empty());
		assert_noop!(
			Rewards::join_program(signed(STRANGER), incentive, dam),
			Error::<Test>::ProgramEnded
		);
		// What the holders earned stays theirs.
		assert_eq!(pending_in(dam, incentive, BOB), 150 * 10);
	});
}
