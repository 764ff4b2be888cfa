//! Every call, fed bad input: an unknown DAM, a wrong origin, a wrong kind, a zero amount, an
//! overflowing amount. Each gets its named error and leaves storage unchanged.

use crate::{mock::*, *};
use frame_support::traits::UnfilteredDispatchable;
use pallet_dam::*;
use polkadot_sdk::sp_runtime::{DispatchError, Perbill};

const UNKNOWN: DamId = 77;

pub(super) fn check<C: UnfilteredDispatchable<RuntimeOrigin = RuntimeOrigin>>(
	cases: Vec<(&str, RuntimeOrigin, C, DispatchError)>,
) {
	for (name, origin, call, expected) in cases {
		let before = state_root();
		let result = call.dispatch_bypass_filter(origin);
		assert_eq!(result.map_err(|e| e.error), Err(expected), "case: {name}");
		assert_eq!(before, state_root(), "case {name} changed storage");
	}
}

pub(super) fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

#[test]
fn calls_on_an_unknown_dam() {
	ExtBuilder::default().build_and_execute(|| {
		let not_found: DispatchError = Error::<Test>::DamNotFound.into();
		check::<Call<Test>>(vec![
			(
				"set_fee",
				signed(MANAGER),
				Call::set_fee { dam: UNKNOWN, fee: Perbill::zero() },
				not_found,
			),
			(
				"set_gatekeeper",
				signed(MANAGER),
				Call::set_gatekeeper { dam: UNKNOWN, gatekeeper: BOB },
				not_found,
			),
			(
				"set_catalyst",
				signed(MANAGER),
				Call::set_catalyst { dam: UNKNOWN, catalyst: BOB },
				not_found,
			),
			(
				"invite_operator",
				signed(MANAGER),
				Call::invite_operator { dam: UNKNOWN, operator: BOB },
				not_found,
			),
			("accept_invite", signed(BOB), Call::accept_invite { dam: UNKNOWN }, not_found),
			(
				"remove_operator",
				signed(MANAGER),
				Call::remove_operator { dam: UNKNOWN, operator: BOB },
				not_found,
			),
			(
				"deposit",
				signed(ALICE),
				Call::deposit {
					dam: UNKNOWN,
					amount: 1,
					max_fee: ANY_FEE,
					reward_tokens: MAX_TOKENS,
				},
				not_found,
			),
			(
				"withdraw",
				signed(ALICE),
				Call::withdraw { dam: UNKNOWN, shares: 1, reward_tokens: MAX_TOKENS },
				not_found,
			),
			(
				"request_withdrawal",
				signed(ALICE),
				Call::request_withdrawal { dam: UNKNOWN, shares: 1, reward_tokens: MAX_TOKENS },
				not_found,
			),
			(
				"claim_withdrawal",
				signed(ALICE),
				Call::claim_withdrawal { dam: UNKNOWN, reward_tokens: MAX_TOKENS },
				not_found,
			),
			(
				"transfer_shares",
				signed(ALICE),
				Call::transfer_shares {
					dam: UNKNOWN,
					to: BOB,
					shares: 1,
					reward_tokens: MAX_TOKENS,
				},
				not_found,
			),
			(
				"request_installation",
				signed(MANAGER),
				Call::request_installation { dam: UNKNOWN, network: 0, operator: MANAGER },
				not_found,
			),
			("uninstall", signed(MANAGER), Call::uninstall { dam: UNKNOWN, network: 0 }, not_found),
			(
				"commit",
				signed(MANAGER),
				Call::commit { dam: UNKNOWN, network: 0, amount: 1 },
				not_found,
			),
			(
				"set_allow_list",
				signed(MANAGER),
				Call::set_allow_list { dam: UNKNOWN, enabled: true },
				not_found,
			),
			(
				"allow_delegator",
				signed(MANAGER),
				Call::allow_delegator { dam: UNKNOWN, delegator: BOB },
				not_found,
			),
			(
				"disallow_delegator",
				signed(MANAGER),
				Call::disallow_delegator { dam: UNKNOWN, delegator: BOB },
				not_found,
			),
		]);
	});
}

#[test]
fn calls_from_a_wrong_origin() {
	ExtBuilder::default().build_and_execute(|| {
		let id = create(config(NetworkKind::Collateral));
		let bad = DispatchError::BadOrigin;
		let none = RuntimeOrigin::none;
		check::<Call<Test>>(vec![
			(
				"create_dam",
				none(),
				Call::create_dam {
					config: config(NetworkKind::Growth),
					name: b"D".to_vec(),
					receipt_symbol: b"d".to_vec(),
					url: vec![],
					logo: vec![],
					description: vec![],
				},
				bad,
			),
			(
				"deposit",
				none(),
				Call::deposit { dam: id, amount: 1, max_fee: ANY_FEE, reward_tokens: MAX_TOKENS },
				bad,
			),
			(
				"withdraw",
				RuntimeOrigin::root(),
				Call::withdraw { dam: id, shares: 1, reward_tokens: MAX_TOKENS },
				bad,
			),
			(
				"set_fee by a stranger",
				signed(STRANGER),
				Call::set_fee { dam: id, fee: Perbill::zero() },
				Error::<Test>::NotManager.into(),
			),
			(
				"set_gatekeeper by a stranger",
				signed(STRANGER),
				Call::set_gatekeeper { dam: id, gatekeeper: BOB },
				Error::<Test>::NotManager.into(),
			),
			(
				"set_catalyst by a stranger",
				signed(STRANGER),
				Call::set_catalyst { dam: id, catalyst: BOB },
				Error::<Test>::NotManager.into(),
			),
			(
				"invite_operator by a stranger",
				signed(STRANGER),
				Call::invite_operator { dam: id, operator: BOB },
				Error::<Test>::NotGatekeeper.into(),
			),
			(
				"remove_operator by a stranger",
				signed(STRANGER),
				Call::remove_operator { dam: id, operator: MANAGER },
				Error::<Test>::NotGatekeeper.into(),
			),
			(
				"request_installation by a stranger",
				signed(STRANGER),
				Call::request_installation { dam: id, network: 0, operator: MANAGER },
				Error::<Test>::NotCatalyst.into(),
			),
			(
				"uninstall by a stranger",
				signed(STRANGER),
				Call::uninstall { dam: id, network: 0 },
				Error::<Test>::NotCatalyst.into(),
			),
			(
				"commit by a stranger",
				signed(STRANGER),
				Call::commit { dam: id, network: 0, amount: 1 },
				Error::<Test>::NotCatalyst.into(),
			),
			(
				"set_allow_list by a stranger",
				signed(STRANGER),
				Call::set_allow_list { dam: id, enabled: true },
				Error::<Test>::NotGatekeeper.into(),
			),
			(
				"allow_delegator by a stranger",
				signed(STRANGER),
				Call::allow_delegator { dam: id, delegator: BOB },
				Error::<Test>::NotGatekeeper.into(),
			),
			(
				"disallow_delegator by a stranger",
				signed(STRANGER),
				Call::disallow_delegator { dam: id, delegator: BOB },
				Error::<Test>::NotGatekeeper.into(),
			),
		]);
	});
}

#[test]
fn calls_with_a_wrong_kind_or_amount() {
	ExtBuilder::default().build_and_execute(|| {
		let collateral = create(config(NetworkKind::Collateral));
		let growth = create(config(NetworkKind::Growth));
		let network = live_network(NetworkKind::Collateral, 10_000);
		frame_support::assert_ok!(Dam::deposit(
			signed(ALICE),
			collateral,
			1_000,
			ANY_FEE,
			MAX_TOKENS
		));
		frame_support::assert_ok!(Dam::deposit(signed(ALICE), growth, 1_000, ANY_FEE, MAX_TOKENS));
		check::<Call<Test>>(vec![
			(
				"zero deposit",
				signed(ALICE),
				Call::deposit {
					dam: growth,
					amount: 0,
					max_fee: ANY_FEE,
					reward_tokens: MAX_TOKENS,
				},
				Error::<Test>::ZeroAmount.into(),
			),
			(
				"overflowing deposit",
				signed(ALICE),
				Call::deposit {
					dam: growth,
					amount: u128::MAX,
					max_fee: ANY_FEE,
					reward_tokens: MAX_TOKENS,
				},
				Error::<Test>::Overflow.into(),
			),
			(
				"zero withdrawal",
				signed(ALICE),
				Call::withdraw { dam: growth, shares: 0, reward_tokens: MAX_TOKENS },
				Error::<Test>::ZeroAmount.into(),
			),
			(
				"overflowing withdrawal",
				signed(ALICE),
				Call::withdraw { dam: growth, shares: u128::MAX, reward_tokens: MAX_TOKENS },
				Error::<Test>::InsufficientShares.into(),
			),
			(
				"zero transfer",
				signed(ALICE),
				Call::transfer_shares {
					dam: growth,
					to: BOB,
					shares: 0,
					reward_tokens: MAX_TOKENS,
				},
				Error::<Test>::ZeroAmount.into(),
			),
			(
				"zero withdrawal request",
				signed(ALICE),
				Call::request_withdrawal { dam: collateral, shares: 0, reward_tokens: MAX_TOKENS },
				Error::<Test>::ZeroAmount.into(),
			),
			(
				"overflowing withdrawal request",
				signed(ALICE),
				Call::request_withdrawal {
					dam: collateral,
					shares: u128::MAX,
					reward_tokens: MAX_TOKENS,
				},
				Error::<Test>::InsufficientShares.into(),
			),
			(
				"atomic withdrawal from Collateral",
				signed(ALICE),
				Call::withdraw { dam: collateral, shares: 1, reward_tokens: MAX_TOKENS },
				Error::<Test>::TwoStepWithdrawal.into(),
			),
			(
				"queued withdrawal from Growth",
				signed(ALICE),
				Call::request_withdrawal { dam: growth, shares: 1, reward_tokens: MAX_TOKENS },
				Error::<Test>::AtomicWithdrawal.into(),
			),
			(
				"kind mismatch",
				signed(MANAGER),
				Call::request_installation { dam: growth, network, operator: MANAGER },
				pallet_marketplace::Error::<Test>::KindMismatch.into(),
			),
			(
				"commit from Growth",
				signed(MANAGER),
				Call::commit { dam: growth, network, amount: 1 },
				Error::<Test>::NotCollateral.into(),
			),
			(
				"commit without installation",
				signed(MANAGER),
				Call::commit { dam: collateral, network, amount: 100 },
				Error::<Test>::NotInstalled.into(),
			),
			(
				"fee above the maximum",
				signed(MANAGER),
				Call::set_fee { dam: growth, fee: Perbill::from_percent(50) },
				Error::<Test>::FeeTooHigh.into(),
			),
			(
				"name above the bound",
				signed(MANAGER),
				Call::create_dam {
					config: config(NetworkKind::Growth),
					name: vec![b'x'; 33],
					receipt_symbol: b"d".to_vec(),
					url: vec![],
					logo: vec![],
					description: vec![],
				},
				Error::<Test>::MetadataTooLong.into(),
			),
		]);
	});
}
