//! Lazy, exact reward accrual.
//!
//! Three accumulators, each only ever growing, carry rewards from a Network down to an account
//! without iterating over delegators:
//!
//! 1. A program's `per_exposure` (and `per_performance` for operators) grows with time at the
//!    Network's rates, as long as the escrow budget covers what the whole Network earns.
//! 2. An installation's checkpoint marks how much of that it was paid: it earns
//!    `weight × (per_exposure − checkpoint)`. Its delegator part goes to the DAM's reward per
//!    share for the Network's token; its operator part is owed to its Operator.
//! 3. A shareholder's checkpoint marks how much of the DAM's reward per share it was paid.
//!
//! Every value is scaled by [`SCALE`] and every division rounds down, so each account gets
//! its exact pro-rata reward less a fraction of a unit, and the budget is charged the exact
//! total rounded up: rounding always favours the escrow.

use crate::{pallet::*, types::*};
use nektar_primitives::{DamId, DamShares, MarketplaceInterface, NetworkId};
use polkadot_sdk::{
	frame_system,
	sp_core::{U256, U512},
	sp_runtime::{
		traits::{One, Saturating, UniqueSaturatedInto, Zero},
		SaturatedConversion,
	},
};

/// The scale of every accumulator and of every amount owed: 10^36 scaled units make one unit.
pub const SCALE: u128 = 1_000_000_000_000_000_000_000_000_000_000_000_000;

/// `a × b / c`, rounded down, saturating at `U256::MAX`; zero when `c` is zero.
pub fn mul_div(a: U256, b: U256, c: U256) -> U256 {
	if c.is_zero() {
		return U256::zero();
	}
	U256::try_from(a.full_mul(b) / U512::from(c)).unwrap_or(U256::MAX)
}

/// Whole units in a scaled amount, rounded down.
pub fn units(scaled: U256) -> u128 {
	(scaled / U256::from(SCALE)).saturated_into()
}

/// `scaled`, rounded up to whole units.
fn units_up(scaled: U512) -> U512 {
	let scale = U512::from(SCALE);
	(scaled + scale - 1) / scale
}

impl<AssetKind, TokenId, Balance, BlockNumber> Program<AssetKind, TokenId, Balance, BlockNumber>
where
	Balance: Copy + Into<u128> + TryFrom<u128> + Saturating + Zero + One,
	BlockNumber: Copy + Ord + Saturating + Zero + UniqueSaturatedInto<u128>,
{
	/// Brings the accumulators up to `now`: what accrues in the elapsed blocks at the
	/// Network's rates, within the budget. Returns whether the budget just ran out.
	pub fn accrue(&mut self, now: BlockNumber, blocks_per_day: BlockNumber) -> bool {
		let end = now.min(self.ends_at);
		let mut dried = false;
		if self.accruing && end > self.updated_at && !blocks_per_day.is_zero() {
			let elapsed = U256::from(end.saturating_sub(self.updated_at).unique_saturated_into());
			let day = U256::from(blocks_per_day.unique_saturated_into());
			// Per unit of exposure: rate (18 decimals) × elapsed / day, scaled to 36 decimals.
			let mut per_exposure = mul_div(
				U256::from(self.delegator_rate.into_inner()).saturating_mul(elapsed),
				U256::from(10u128.pow(18)),
				day,
			);
			// Per part-per-million of performance: rate × elapsed / day / 10^6, scaled.
			let mut per_performance = mul_div(
				U256::from(self.operator_rate.into()).saturating_mul(elapsed),
				U256::from(10u128.pow(30)),
				day,
			);
			let budget = U512::from(self.budget.into());
			let mut cost = units_up(self.exact_cost(per_exposure, per_performance));
			if cost > budget {
				// Only the share of the elapsed time the budget pays for accrues.
				let scale_down = |x: U256| {
					U256::try_from(x.full_mul(U256::try_from(budget).unwrap_or_default()) / cost)
						.unwrap_or_default()
				};
				per_exposure = scale_down(per_exposure);
				per_performance = scale_down(per_performance);
				cost = units_up(self.exact_cost(per_exposure, per_performance)).min(budget);
				dried = !self.dry;
				self.dry = true;
			}
			let cost: u128 = U256::try_from(cost).unwrap_or_default().saturated_into();
			let cost = Balance::try_from(cost).unwrap_or_else(|_| Zero::zero());
			self.budget.saturating_reduce(cost);
			self.accrued.saturating_accrue(cost);
			self.per_exposure = self.per_exposure.saturating_add(per_exposure);
			self.per_performance = self.per_performance.saturating_add(per_performance);
		}
		if now > self.updated_at {
			self.updated_at = now;
		}
		dried
	}

	/// What the whole Network earns, scaled, for the given accumulator increases.
	fn exact_cost(&self, per_exposure: U256, per_performance: U256) -> U512 {
		U256::from(self.weighted_exposure.into())
			.full_mul(per_exposure)
			.saturating_add(U256::from(self.performance).full_mul(per_performance))
	}

	/// What accrues per day at the current weights, rounded up.
	pub fn burn_per_day(&self) -> u128 {
		let per_exposure = mul_div(
			U256::from(self.delegator_rate.into_inner()),
			U256::from(10u128.pow(18)),
			1.into(),
		);
		let per_performance =
			U256::from(self.operator_rate.into()).saturating_mul(10u128.pow(30).into());
		U256::try_from(units_up(self.exact_cost(per_exposure, per_performance)))
			.unwrap_or(U256::MAX)
			.saturated_into()
	}
}

impl<AccountId, Balance: Copy + Into<u128>> Stake<AccountId, Balance> {
	/// Pays the installation what it earned since its checkpoints, up to the program's
	/// accumulators: returns the delegators' part (scaled) and books the operator's part.
	pub fn settle(&mut self, per_exposure: U256, per_performance: U256) -> U256 {
		let delegators = mul_div(
			U256::from(self.weight.into()),
			per_exposure.saturating_sub(self.exposure_checkpoint),
			1.into(),
		);
		let operator = mul_div(
			U256::from(self.performance),
			per_performance.saturating_sub(self.performance_checkpoint),
			1.into(),
		);
		self.operator_owed = self.operator_owed.saturating_add(operator);
		self.exposure_checkpoint = per_exposure;
		self.performance_checkpoint = per_performance;
		delegators
	}
}

impl Holding {
	/// Books what `shares` earned since the checkpoint, up to `per_share`.
	pub fn settle(&mut self, shares: u128, per_share: U256) {
		let earned =
			mul_div(U256::from(shares), per_share.saturating_sub(self.checkpoint), 1.into());
		self.owed = self.owed.saturating_add(earned);
		self.checkpoint = per_share;
	}
}

impl<T: Config> Pallet<T> {
	/// The program of `network` brought up to now, emitting `EscrowDry` if its budget ran out.
	pub(crate) fn accrued_program(network: NetworkId) -> Option<ProgramOf<T>> {
		let mut program = Programs::<T>::get(network)?;
		let now = frame_system::Pallet::<T>::block_number();
		if program.accrue(now, T::Marketplace::params().blocks_per_day) {
			Self::deposit_event(Event::EscrowDry { network, at: now });
		}
		Some(program)
	}

	/// Brings the installation of `network` into `dam` up to now. Its delegators' part goes
	/// into the DAM's reward per share (back into the budget if the DAM has no earning
	/// shares). With `refresh`, it then takes the installation's current exposure,
	/// performance and status from the marketplace and the DAM.
	pub(crate) fn sync(network: NetworkId, dam: DamId, refresh: bool) {
		let Some(mut program) = Self::accrued_program(network) else { return };
		let mut stake = Stakes::<T>::get(network, dam);
		if let Some(stake) = stake.as_mut() {
			let earned = stake.settle(program.per_exposure, program.per_performance);
			if !earned.is_zero() {
				let shares: u128 = T::Dams::active_shares(dam).into();
				if shares.is_zero() {
					let back = BalanceOf::<T>::try_from(units(earned)).unwrap_or_default();
					program.accrued.saturating_reduce(back);
					program.budget.saturating_accrue(back);
				} else {
					RewardPerShare::<T>::mutate(dam, network, |per_share| {
						*per_share = per_share.saturating_add(earned / U256::from(shares))
					});
				}
			}
		}
		if refresh {
			Self::refresh(&mut program, network, dam, &mut stake);
		}
		match stake {
			Some(stake) => Stakes::<T>::insert(network, dam, stake),
			None => Stakes::<T>::remove(network, dam),
		}
		Programs::<T>::insert(network, program);
	}

	/// Replaces the installation's weight and performance with the current ones, in the stake
	/// and in the program's totals. A stake whose installation is gone is kept only while
	/// its Operator is owed a whole unit.
	fn refresh(
		program: &mut ProgramOf<T>,
		network: NetworkId,
		dam: DamId,
		stake: &mut Option<StakeOf<T>>,
	) {
		if let Some(old) = stake.as_ref() {
			program.weighted_exposure.saturating_reduce(old.weight);
			program.performance.saturating_reduce(old.performance.into());
		}
		let active = T::Marketplace::installation(network, dam)
			.filter(|i| i.status == nektar_primitives::InstallationStatus::Active);
		match active {
			Some(installation) => {
				// Licensed nodes earn on their price at their own scores; the rest of the
				// exposure at the installation's.
				let exposure = T::Dams::exposure(network, dam);
				let licensed = LicensedExposure::<T>::get(network, dam);
				let weight = installation
					.performance
					.mul_floor(exposure.saturating_sub(licensed.price))
					.saturating_add(licensed.weighted)
					.min(exposure);
				let performance = installation.performance.deconstruct();
				let entry = stake.get_or_insert_with(|| Stake {
					operator: installation.operator.clone(),
					weight: Zero::zero(),
					performance: 0,
					exposure_checkpoint: program.per_exposure,
					performance_checkpoint: program.per_performance,
					operator_owed: U256::zero(),
				});
				if entry.operator != installation.operator && units(entry.operator_owed) > 0 {
					// What the former Operator earned stays its own, to claim at any time.
					let owed = core::mem::take(&mut entry.operator_owed);
					FormerOperatorRewards::<T>::mutate(
						(network, dam, entry.operator.clone()),
						|parked| *parked = parked.saturating_add(owed),
					);
				}
				entry.operator = installation.operator;
				entry.weight = weight;
				entry.performance = performance;
				program.weighted_exposure.saturating_accrue(weight);
				program.performance.saturating_accrue(performance.into());
			}
			None => {
				if let Some(entry) = stake.as_mut() {
					entry.weight = Zero::zero();
					entry.performance = 0;
				}
				if stake.as_ref().is_some_and(|s| units(s.operator_owed).is_zero()) {
					*stake = None;
				}
			}
		}
	}

	/// Books what `who` earned in `network`'s token from its shares of `dam`, up to the DAM's
	/// reward per share. The installation must be synced first.
	pub(crate) fn settle_holder(dam: DamId, network: NetworkId, who: &T::AccountId) {
		let per_share = RewardPerShare::<T>::get(dam, network);
		let existing = Holdings::<T>::get((dam, network, who));
		if existing.is_none() && per_share.is_zero() {
			return;
		}
		let mut holding = existing.unwrap_or_default();
		holding.settle(T::Dams::shares(dam, who).into(), per_share);
		Holdings::<T>::insert((dam, network, who), holding);
	}

	/// Brings every reward token of `dam` up to now and settles each of `holders`.
	pub(crate) fn settle_dam(dam: DamId, holders: &[&T::AccountId], refresh: bool) {
		for network in DamTokens::<T>::get(dam) {
			Self::sync(network, dam, refresh);
			for who in holders {
				Self::settle_holder(dam, network, who);
			}
		}
	}
}
