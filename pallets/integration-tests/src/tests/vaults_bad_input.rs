//! Every vault call and `allocate`, fed bad input: each gets its named error and leaves
//! storage unchanged.

use super::bad_input::{check, signed};
use crate::{mock::*, *};
use frame_support::assert_ok;
use pallet_dam::*;
use pallet_vaults::{Call as VaultCall, Error as VaultError};
use polkadot_sdk::sp_runtime::DispatchError;

fn vault_error(e: VaultError<Test>) -> DispatchError {
	e.into()
}

#[test]
fn allocate_with_bad_input() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = funded_installation(NetworkKind::Liquidity);
		let collateral = create(config(NetworkKind::Collateral));
		let call = |dam, network, amount| Call::<Test>::allocate { dam, network, amount };
		check(vec![
			(
				"unknown DAM",
				signed(MANAGER),
				call(77, network, 500),
				Error::<Test>::DamNotFound.into(),
			),
			(
				"not the catalyst",
				signed(ALICE),
				call(dam, network, 500),
				Error::<Test>::NotCatalyst.into(),
			),
			("unsigned", RuntimeOrigin::none(), call(dam, network, 500), DispatchError::BadOrigin),
			("zero", signed(MANAGER), call(dam, network, 0), Error::<Test>::ZeroAmount.into()),
			(
				"not installed",
				signed(MANAGER),
				call(dam, 77, 500),
				Error::<Test>::NotInstalled.into(),
			),
			(
				"above idle",
				signed(MANAGER),
				call(dam, network, u128::MAX),
				Error::<Test>::InsufficientIdleAssets.into(),
			),
			(
				"collateral",
				signed(MANAGER),
				call(collateral, network, 500),
				Error::<Test>::CollateralCommits.into(),
			),
		]);
	});
}

#[test]
fn vault_calls_with_bad_input() {
	ExtBuilder::default().build_and_execute(|| {
		let (dam, network) = funded_installation(NetworkKind::Liquidity);
		assert_ok!(Dam::allocate(RuntimeOrigin::signed(MANAGER), dam, network, 1_000));
		let (growth_dam, growth) = funded_installation(NetworkKind::Growth);
		assert_ok!(Dam::allocate(RuntimeOrigin::signed(MANAGER), growth_dam, growth, 1_000));
		check(vec![
			(
				"release an unknown vault",
				signed(ALICE),
				VaultCall::<Test>::release { vault: 77 },
				vault_error(VaultError::VaultNotFound),
			),
			(
				"release early",
				signed(ALICE),
				VaultCall::release { vault: 0 },
				vault_error(VaultError::VaultLocked),
			),
			(
				"release unsigned",
				RuntimeOrigin::none(),
				VaultCall::release { vault: 0 },
				DispatchError::BadOrigin,
			),
			(
				"withdraw a Liquidity vault",
				signed(NET_MANAGER),
				VaultCall::withdraw_released { vault: 0 },
				vault_error(VaultError::NotGrowthVault),
			),
			(
				"withdraw a locked Growth vault",
				signed(NET_MANAGER),
				VaultCall::withdraw_released { vault: 1 },
				vault_error(VaultError::NotReleased),
			),
			(
				"withdraw by a stranger",
				signed(ALICE),
				VaultCall::withdraw_released { vault: 1 },
				vault_error(VaultError::NotNetworkManager),
			),
			(
				"repay nothing",
				signed(STRANGER),
				VaultCall::repay { network, dam, amount: 0 },
				vault_error(VaultError::ZeroAmount),
			),
			(
				"repay an unknown Network",
				signed(STRANGER),
				VaultCall::repay { network: 77, dam, amount: 1 },
				vault_error(VaultError::NetworkNotFound),
			),
			(
				"repay before the loan",
				signed(STRANGER),
				VaultCall::repay { network, dam, amount: 1 },
				vault_error(VaultError::NoLoan),
			),
			(
				"default a Growth Network",
				signed(ALICE),
				VaultCall::declare_default { network: growth },
				vault_error(VaultError::NotLiquidity),
			),
			(
				"default a live Network",
				signed(ALICE),
				VaultCall::declare_default { network },
				vault_error(VaultError::NetworkNotEnded),
			),
			(
				"default an unknown Network",
				signed(ALICE),
				VaultCall::declare_default { network: 77 },
				vault_error(VaultError::NetworkNotFound),
			),
			(
				"release the bond of a live Network",
				signed(ALICE),
				VaultCall::release_bond { network },
				vault_error(VaultError::NetworkNotEnded),
			),
			(
				"release the bond of a Growth Network",
				signed(ALICE),
				VaultCall::release_bond { network: growth },
				vault_error(VaultError::NotLiquidity),
			),
		]);

		run_to_block(11);
		assert_ok!(Vaults::release(RuntimeOrigin::signed(ALICE), 0));
		check(vec![
			(
				"repay beyond the debt",
				signed(STRANGER),
				VaultCall::<Test>::repay { network, dam, amount: 1_001 },
				vault_error(VaultError::RepayExceedsDebt),
			),
			(
				"repay an overflowing amount",
				signed(STRANGER),
				VaultCall::repay { network, dam, amount: u128::MAX },
				vault_error(VaultError::RepayExceedsDebt),
			),
			(
				"release twice",
				signed(ALICE),
				VaultCall::release { vault: 0 },
				vault_error(VaultError::VaultNotFound),
			),
		]);
		end_network(network);
		check(vec![
			(
				"default early",
				signed(ALICE),
				VaultCall::<Test>::declare_default { network },
				vault_error(VaultError::DefaultTooEarly),
			),
			(
				"release the bond with debt",
				signed(ALICE),
				VaultCall::release_bond { network },
				vault_error(VaultError::DebtOutstanding),
			),
		]);
	});
}
