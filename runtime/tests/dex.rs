//! The DEX and fees in other assets, on the development preset: a synthetic reward token gets a
//! NEK pool (liquidity added, swapped both ways at the quoted prices, liquidity removed); pools
//! of assets the marketplace does not trade and impossible swaps are refused; and a Delegator
//! holding no NEK pays a `dam.deposit` fee in nUSD through the genesis pool, 80% of it reaching
//! the treasury.

mod common;

use nektar_runtime::{
	configs::{
		monetary::TREASURY_FEE_SHARE,
		nektar::{AssetKind, TreasuryAccount},
	},
	genesis_config_presets::{development_config_genesis, EXAMPLE_ASSET_ID},
	AccountId, AssetConversion, Assets, Balances, Dam, Executive, Marketplace, PoolAssets, Runtime,
	RuntimeCall, RuntimeEvent, RuntimeOrigin, System, UNIT,
};
use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok, traits::fungibles::Mutate as _},
	pallet_asset_conversion, pallet_asset_conversion_tx_payment,
	sp_core::{sr25519, Pair},
	sp_keyring::Sr25519Keyring,
	sp_runtime::Perbill,
};

const USD: u128 = 1_000_000;
const NUSD: AssetKind = AssetKind::WithId(EXAMPLE_ASSET_ID);

fn alice() -> AccountId {
	Sr25519Keyring::Alice.to_account_id()
}

fn signed(who: &AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who.clone())
}

/// Network 0's synthetic reward token.
fn reward_token() -> u32 {
	pallet_rewards::Programs::<Runtime>::get(0).expect("Network 0's program").token
}

#[test]
fn a_synthetic_reward_token_is_pooled_swapped_both_ways_and_withdrawn() {
	common::build(development_config_genesis()).execute_with(|| {
		System::set_block_number(1);
		let token = reward_token();
		let rnek = AssetKind::WithId(token);
		// Alice holds rewards in Network 0's token, as a claim would give her.
		assert_ok!(Assets::mint_into(token, &alice(), 1_000 * UNIT));
		let treasury = Balances::free_balance(TreasuryAccount::get());

		assert_ok!(AssetConversion::create_pool(
			signed(&alice()),
			Box::new(AssetKind::Native),
			Box::new(rnek.clone())
		));
		// The setup fee went to the treasury.
		assert_eq!(
			Balances::free_balance(TreasuryAccount::get()),
			treasury + nektar_runtime::configs::monetary::PoolSetupFee::get()
		);
		let pool = (AssetKind::Native, rnek.clone());
		let lp_token =
			pallet_asset_conversion::Pools::<Runtime>::get(&pool).expect("pool").lp_token;

		assert_ok!(AssetConversion::add_liquidity(
			signed(&alice()),
			Box::new(AssetKind::Native),
			Box::new(rnek.clone()),
			500 * UNIT,
			500 * UNIT,
			1,
			1,
			alice(),
		));
		assert_eq!(
			AssetConversion::get_reserves(AssetKind::Native, rnek.clone()).ok(),
			Some((500 * UNIT, 500 * UNIT))
		);
		let lp = PoolAssets::balance(lp_token, alice());
		assert!(lp > 0);

		// NEK for the token: exactly the quote.
		let quote = AssetConversion::quote_price_exact_tokens_for_tokens(
			AssetKind::Native,
			rnek.clone(),
			10 * UNIT,
			true,
		)
		.expect("a quote");
		let held = Assets::balance(token, alice());
		assert_ok!(AssetConversion::swap_exact_tokens_for_tokens(
			signed(&alice()),
			vec![Box::new(AssetKind::Native), Box::new(rnek.clone())],
			10 * UNIT,
			quote,
			alice(),
			false,
		));
		assert_eq!(Assets::balance(token, alice()), held + quote);
		// Less than 10 tokens: the 0.3% fee and the price impact.
		assert!(quote < 10 * UNIT && quote > 9 * UNIT);

		// The token for exactly 1 NEK, paying at most the quote.
		let cost = AssetConversion::quote_price_tokens_for_exact_tokens(
			rnek.clone(),
			AssetKind::Native,
			UNIT,
			true,
		)
		.expect("a quote");
		let held = Assets::balance(token, alice());
		let nek = Balances::free_balance(alice());
		assert_ok!(AssetConversion::swap_tokens_for_exact_tokens(
			signed(&alice()),
			vec![Box::new(rnek.clone()), Box::new(AssetKind::Native)],
			UNIT,
			cost,
			alice(),
			false,
		));
		assert_eq!(Assets::balance(token, alice()), held - cost);
		assert_eq!(Balances::free_balance(alice()), nek + UNIT);

		// Withdrawing half the LP tokens returns half of each reserve.
		let (nek_reserve, token_reserve) =
			AssetConversion::get_reserves(AssetKind::Native, rnek.clone()).unwrap();
		let (nek, held) = (Balances::free_balance(alice()), Assets::balance(token, alice()));
		assert_ok!(AssetConversion::remove_liquidity(
			signed(&alice()),
			Box::new(AssetKind::Native),
			Box::new(rnek.clone()),
			lp / 2,
			1,
			1,
			alice(),
		));
		assert_eq!(PoolAssets::balance(lp_token, alice()), lp - lp / 2);
		let (nek_left, token_left) =
			AssetConversion::get_reserves(AssetKind::Native, rnek).expect("the pool stays");
		assert_eq!(Balances::free_balance(alice()) - nek, nek_reserve - nek_left);
		assert_eq!(Assets::balance(token, alice()) - held, token_reserve - token_left);
		assert!(nek_left.abs_diff(nek_reserve / 2) < UNIT / 1_000);
		assert!(token_left.abs_diff(token_reserve / 2) < UNIT / 1_000);
	});
}

#[test]
fn pools_of_untraded_assets_and_impossible_swaps_are_refused() {
	common::build(development_config_genesis()).execute_with(|| {
		System::set_block_number(1);
		let bob = Sr25519Keyring::Bob.to_account_id();
		// Bob creates an asset of his own; the marketplace does not trade it.
		assert_ok!(Assets::create(signed(&bob), 42u32.into(), bob.clone().into(), 1));
		assert_ok!(Assets::mint(signed(&bob), 42u32.into(), bob.clone().into(), 1_000 * UNIT));
		for asset in [AssetKind::WithId(42), AssetKind::WithId(7_777)] {
			assert_noop!(
				AssetConversion::create_pool(
					signed(&bob),
					Box::new(AssetKind::Native),
					Box::new(asset)
				),
				pallet_asset_conversion::Error::<Runtime>::InvalidAssetPair
			);
		}
		// Every pool pairs with NEK.
		assert_noop!(
			AssetConversion::create_pool(
				signed(&bob),
				Box::new(NUSD),
				Box::new(AssetKind::WithId(reward_token()))
			),
			pallet_asset_conversion::Error::<Runtime>::InvalidAssetPair
		);
		// nUSD has its genesis pool already.
		assert_noop!(
			AssetConversion::create_pool(signed(&bob), Box::new(AssetKind::Native), Box::new(NUSD)),
			pallet_asset_conversion::Error::<Runtime>::PoolExists
		);
		// A swap asking more than the pool gives.
		let quote = AssetConversion::quote_price_exact_tokens_for_tokens(
			NUSD,
			AssetKind::Native,
			USD,
			true,
		)
		.expect("a quote");
		assert_noop!(
			AssetConversion::swap_exact_tokens_for_tokens(
				signed(&bob),
				vec![Box::new(NUSD), Box::new(AssetKind::Native)],
				USD,
				quote + 1,
				bob.clone(),
				false,
			),
			pallet_asset_conversion::Error::<Runtime>::ProvidedMinimumNotSufficientForSwap
		);
		// Once an asset leaves the whitelist, its pool still trades.
		assert_ok!(Marketplace::remove_asset(RuntimeOrigin::root(), NUSD));
		assert_ok!(AssetConversion::swap_exact_tokens_for_tokens(
			signed(&bob),
			vec![Box::new(NUSD), Box::new(AssetKind::Native)],
			USD,
			quote,
			bob,
			false,
		));
	});
}

/// A DAM of Bob's taking nUSD deposits.
fn nusd_dam() -> u32 {
	let bob = Sr25519Keyring::Bob.to_account_id();
	assert_ok!(Marketplace::register_operator(signed(&bob), b"Bob".to_vec(), Vec::new()));
	let dam = pallet_dam::NextDamId::<Runtime>::get();
	assert_ok!(Dam::create_dam(
		signed(&bob),
		common::open_dam(nektar_primitives::NetworkKind::Liquidity, NUSD),
		b"Bob's dollars".to_vec(),
		b"bUSD".to_vec(),
		Vec::new(),
		Vec::new(),
		Vec::new(),
	));
	dam
}

#[test]
fn a_delegator_without_nek_pays_a_deposit_fee_in_nusd() {
	common::build(development_config_genesis()).execute_with(|| {
		common::start_first_block();
		let dam = nusd_dam();
		let pair = sr25519::Pair::from_string("//Delegator without NEK", None).unwrap();
		let delegator: AccountId = pair.public().into();
		// nUSD is a sufficient asset: holding it is enough for the account to exist.
		assert_ok!(Assets::transfer(
			signed(&alice()),
			EXAMPLE_ASSET_ID.into(),
			delegator.clone().into(),
			1_000 * USD
		));
		assert_eq!(<Balances as polkadot_sdk::frame_support::traits::fungible::Inspect<AccountId>>::total_balance(&delegator), 0);

		let (pool_nek, _) =
			AssetConversion::get_reserves(AssetKind::Native, NUSD).expect("the genesis pool");
		let treasury = Balances::free_balance(TreasuryAccount::get());
		let amount = 100 * USD;
		let call = RuntimeCall::Dam(pallet_dam::Call::deposit {
			dam,
			amount,
			max_fee: Perbill::zero(),
			reward_tokens: 0,
		});
		let applied = Executive::apply_extrinsic(common::signed_extrinsic(&pair, call, 0, Some(NUSD)));
		assert_eq!(applied, Ok(Ok(())));

		// The deposit went in and the fee came out of nUSD; the delegator still holds no NEK.
		assert!(pallet_dam::Shares::<Runtime>::get(dam, &delegator) > nektar_primitives::Shares(0));
		assert_eq!(<Balances as polkadot_sdk::frame_support::traits::fungible::Inspect<AccountId>>::total_balance(&delegator), 0);
		let fee_paid = System::events()
			.into_iter()
			.find_map(|record| match record.event {
				RuntimeEvent::AssetTxPayment(
					pallet_asset_conversion_tx_payment::Event::AssetTxFeePaid {
						who,
						actual_fee,
						asset_id,
						..
					},
				) if who == delegator && asset_id == NUSD => Some(actual_fee),
				_ => None,
			})
			.expect("the fee was paid in nUSD");
		assert!(fee_paid > 0);
		assert_eq!(Assets::balance(EXAMPLE_ASSET_ID, &delegator), 1_000 * USD - amount - fee_paid);

		// The pool sold the fee's NEK; 80% of it reached the treasury (no author in this block:
		// the rest is burned).
		let (pool_nek_after, _) = AssetConversion::get_reserves(AssetKind::Native, NUSD).unwrap();
		let fee_in_nek = pool_nek - pool_nek_after;
		assert!(fee_in_nek > 0);
		assert_eq!(
			Balances::free_balance(TreasuryAccount::get()),
			treasury + TREASURY_FEE_SHARE * fee_in_nek
		);
	});
}
