//! Programs: what a Network going live sets up, and what stops it.

use super::*;
use frame_support::traits::fungibles::{metadata::Inspect as _, Create};

#[test]
fn going_live_creates_an_escrow_and_a_synthetic_token() {
	ExtBuilder::default().build_and_execute(|| {
		let before = native(NET_MANAGER);
		let network = live_network(NetworkKind::Growth);
		let escrow = Rewards::escrow(network);
		let program = program(network);
		assert_eq!(program.token, token(network));
		assert_eq!(program.reward_asset, NativeOrWithId::Native);
		assert_eq!(program.delegator_rate, FixedU128::from_rational(1, 100));
		assert_eq!(program.operator_rate, 10);
		assert_eq!((program.budget, program.accrued), (0, 0));
		assert_eq!(program.ends_at, 1 + 1_000, "live at block 1 for 1,000 blocks");
		assert!(program.accruing);

		assert_eq!(Assets::name(token(network)), b"Net".to_vec());
		assert_eq!(Assets::symbol(token(network)), b"rNET".to_vec());
		assert_eq!(Assets::decimals(token(network)), 12);
		assert_eq!(
			pallet_assets::Asset::<Test>::get(token(network)).map(|a| a.owner),
			Some(escrow),
			"only the escrow may mint"
		);
		// The metadata deposit (1 + 7 bytes) is reserved in the escrow, which keeps the
		// existential deposit: the manager pays both.
		assert_eq!(Balances::reserved_balance(escrow), 8);
		assert_eq!(native(escrow), 1);
		assert_eq!(native(NET_MANAGER), before - 9);
		assert_eq!(
			events(),
			vec![Event::ProgramCreated {
				network,
				program: network,
				token: token(network),
				escrow,
				reward_asset: NativeOrWithId::Native,
			}]
		);
	});
}

#[test]
fn the_token_name_and_symbol_are_cut_to_the_token_string_limit() {
	ExtBuilder::default().build_and_execute(|| {
		let network = MockMarketplace::register(
			terms(NetworkKind::Collateral),
			b"A long network name",
			b"rLONGSYMBOL",
		);
		assert_ok!(MockMarketplace::whitelist(network));
		assert_eq!(Assets::name(token(network)), b"A long n".to_vec());
		assert_eq!(Assets::symbol(token(network)), b"rLONGSYM".to_vec());
		assert_eq!(Balances::reserved_balance(Rewards::escrow(network)), 1 + 16);
	});
}

#[test]
fn a_network_whose_token_id_is_taken_cannot_go_live() {
	ExtBuilder::default().build_and_execute(|| {
		let network = MockMarketplace::register(terms(NetworkKind::Growth), b"Net", b"rNET");
		assert_ok!(<Assets as Create<_>>::create(token(network), STRANGER, true, 1));
		assert_noop!(MockMarketplace::whitelist(network), Error::<Test>::TokenIdTaken);
		assert!(!Programs::<Test>::contains_key(network));
	});
}

#[test]
fn a_manager_who_cannot_pay_the_deposits_gets_no_program() {
	// The token's metadata deposit and the escrow's existential deposit come to 9.
	ExtBuilder::default().with_balances(vec![(NET_MANAGER, 9)]).build_and_execute(|| {
		let network = MockMarketplace::register(terms(NetworkKind::Growth), b"Net", b"rNET");
		assert_noop!(MockMarketplace::whitelist(network), Error::<Test>::CannotPayTokenDeposit);
		assert!(!Assets::asset_exists(token(network)));
	});
}

#[test]
fn a_network_gets_one_program_and_only_if_it_exists() {
	ExtBuilder::default().build_and_execute(|| {
		let network = live_network(NetworkKind::Liquidity);
		assert_noop!(
			<Rewards as OnNetworkChange>::on_network_live(network),
			Error::<Test>::ProgramExists
		);
		assert_noop!(
			<Rewards as OnNetworkChange>::on_network_live(network + 1),
			Error::<Test>::NetworkNotFound
		);
		assert_eq!(Programs::<Test>::iter_keys().collect::<Vec<_>>(), vec![network]);
	});
}
