//! The protocol parameters.

use super::*;
use frame_support::{assert_noop, assert_ok};
use polkadot_sdk::sp_runtime::DispatchError;

fn params() -> ProtocolParams<u64> {
	ProtocolParams {
		max_dam_fee: Perbill::from_percent(10),
		max_operator_commission: Perbill::from_percent(50),
		withdrawal_delay: 7,
		commitment_delay: 6,
		min_dispute_window: 4,
		max_dispute_window: 30,
		resolution_period: 8,
		min_penalty: Perbill::from_percent(1),
		fee_increase_delay: 3,
		repay_grace: 9,
		blocks_per_day: 14_400,
	}
}

#[test]
fn governance_sets_the_parameters() {
	ExtBuilder::build_and_execute(|| {
		assert_noop!(
			Marketplace::set_params(RuntimeOrigin::signed(MANAGER), params()),
			DispatchError::BadOrigin
		);
		assert_ok!(Marketplace::set_params(RuntimeOrigin::root(), params()));
		assert_eq!(Params::<Test>::get(), params());
		assert_eq!(events().last(), Some(&Event::ParamsSet { params: params() }));
		// The new minimum dispute window applies to new registrations.
		assert_eq!(
			register(terms(NetworkKind::Collateral)),
			Err(Error::<Test>::DisputeWindowTooShort.into())
		);
	});
}

#[test]
fn zero_parameters_are_rejected() {
	ExtBuilder::build_and_execute(|| {
		let with = |f: fn(&mut ProtocolParams<u64>)| {
			let mut p = params();
			f(&mut p);
			p
		};
		assert_noop!(
			Marketplace::set_params(RuntimeOrigin::root(), with(|p| p.blocks_per_day = 0)),
			Error::<Test>::ZeroBlocksPerDay
		);
		assert_noop!(
			Marketplace::set_params(RuntimeOrigin::root(), with(|p| p.withdrawal_delay = 0)),
			Error::<Test>::ZeroWithdrawalDelay
		);
		assert_noop!(
			Marketplace::set_params(RuntimeOrigin::root(), with(|p| p.min_dispute_window = 0)),
			Error::<Test>::ZeroMinDisputeWindow
		);
		assert_noop!(
			Marketplace::set_params(RuntimeOrigin::root(), with(|p| p.commitment_delay = 0)),
			Error::<Test>::ZeroCommitmentDelay
		);
		assert_noop!(
			Marketplace::set_params(RuntimeOrigin::root(), with(|p| p.resolution_period = 0)),
			Error::<Test>::ZeroResolutionPeriod
		);
		assert_noop!(
			Marketplace::set_params(
				RuntimeOrigin::root(),
				with(|p| p.min_penalty = Perbill::zero())
			),
			Error::<Test>::ZeroMinPenalty
		);
	});
}

#[test]
fn inconsistent_parameters_are_rejected() {
	ExtBuilder::build_and_execute(|| {
		let with = |f: fn(&mut ProtocolParams<u64>)| {
			let mut p = params();
			f(&mut p);
			p
		};
		// Queued stake must stay slashable at least as long as a lowered commitment.
		assert_noop!(
			Marketplace::set_params(RuntimeOrigin::root(), with(|p| p.commitment_delay = 8)),
			Error::<Test>::CommitmentDelayAboveWithdrawalDelay
		);
		assert_noop!(
			Marketplace::set_params(RuntimeOrigin::root(), with(|p| p.max_dispute_window = 3)),
			Error::<Test>::MinDisputeWindowAboveMax
		);
	});
}

#[test]
fn a_dispute_window_above_the_maximum_is_rejected() {
	ExtBuilder::build_and_execute(|| {
		let mut t = terms(NetworkKind::Collateral);
		if let Some(penalty) = t.penalty.as_mut() {
			penalty.dispute_window = 21;
		}
		assert_eq!(register(t), Err(Error::<Test>::DisputeWindowTooLong.into()));
	});
}

#[test]
fn the_production_defaults_apply_without_genesis_parameters() {
	let defaults = DefaultParams::<Test>::get();
	assert_eq!(defaults.max_dam_fee, Perbill::from_percent(20));
	assert_eq!(defaults.blocks_per_day, 14_400);
	assert_eq!(defaults.withdrawal_delay, 7 * 14_400);
	assert_eq!(defaults.min_dispute_window, 2 * 14_400);
	assert_eq!(defaults.repay_grace, 7 * 14_400);
	assert_eq!(defaults.commitment_delay, 7 * 14_400);
	assert_eq!(defaults.max_dispute_window, 14 * 14_400);
	assert_eq!(defaults.resolution_period, 7 * 14_400);
	assert_eq!(defaults.min_penalty, Perbill::from_rational(1u32, 1_000u32));
	assert_eq!(defaults.fee_increase_delay, 7 * 14_400);
}
