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
use nektar_primitives::{
	DamId, DamProvider, MarketplaceInspect, MulDiv, NetworkId, PerShare, Shares,
};
use polkadot_sdk::frame_support::{ensure, pallet_prelude::DispatchResult};
use polkadot_sdk::{
	frame_support::traits::Defensive,
	frame_system,
	sp_arithmetic::Rounding,
	sp_core::{U256, U512},
	sp_runtime::{
		traits::{One, Saturating, UniqueSaturatedInto, Zero},
		Perbill, Permill, SaturatedConversion,
	},
};

/// The scale of every accumulator and of every amount owed: 10^36 scaled units make one unit.
pub const SCALE: u128 = 1_000_000_000_000_000_000_000_000_000_000_000_000;

/// `a × b / c`, rounded down, saturating at `U256::MAX`; zero when `c` is zero.
pub fn mul_div(a: U256, b: U256, c: U256) -> U256 {
	scaled(a, b, c, Rounding::Down)
}

/// `a × b / c`, rounded up, saturating at `U256::MAX`; zero when `c` is zero.
pub fn mul_div_up(a: U256, b: U256, c: U256) -> U256 {
	scaled(a, b, c, Rounding::Up)
}

fn scaled(a: U256, b: U256, c: U256, rounding: Rounding) -> U256 {
	if c.is_zero() {
		return U256::zero();
	}
	a.mul_div(b, c, rounding).unwrap_or(U256::MAX)
}

/// Shares `earned` (scaled) out among a DAM's holders: per unit of what a Growth DAM spent on
/// the Network when `spent` says it did, otherwise per earning share. Returns the new reward
/// per share (or per unit spent) and spending, or `None` when nothing earns.
pub fn share_out<Balance: Copy + Into<u128>>(
	per_share: U256,
	spent: Option<Spending<Balance>>,
	earned: U256,
	shares: u128,
) -> Option<(U256, Option<Spending<Balance>>)> {
	match spent {
		Some(mut spent) if spent.total.into() > 0 => {
			let increase = earned / U256::from(spent.total.into());
			spent.reward_index =
				spent.reward_index.saturating_add(mul_div(spent.per_share, increase, SCALE.into()));
			Some((per_share.saturating_add(increase), Some(spent)))
		}
		_ => Some((per_share.accrue(earned, shares)?, None)),
	}
}

/// Pays out what an installation's delegators `earned` (scaled): the Operator's `commission`
/// of it goes to the stake, and the rest is shared out among the DAM's holders by
/// [`share_out`]. Returns the new reward per share and spending; or, when nothing earns in the
/// DAM, `None`, and nothing is booked: all of `earned` goes back to the budget.
pub fn pay_out<AccountId, Balance: Copy + Into<u128>>(
	stake: &mut Stake<AccountId, Balance>,
	commission: Perbill,
	per_share: U256,
	spent: Option<Spending<Balance>>,
	earned: U256,
	shares: u128,
) -> Option<(U256, Option<Spending<Balance>>)> {
	let cut = mul_div(earned, commission.deconstruct().into(), Perbill::one().deconstruct().into());
	let shared = share_out(per_share, spent, earned.saturating_sub(cut), shares)?;
	stake.operator_owed = stake.operator_owed.saturating_add(cut);
	Some(shared)
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
			let cost = Balance::try_from(cost).ok().defensive_unwrap_or_else(Zero::zero);
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

impl<AccountId, Balance> Stake<AccountId, Balance>
where
	Balance:
		Copy + Ord + Saturating + Zero + polkadot_sdk::sp_runtime::traits::AtLeast32BitUnsigned,
{
	/// What the installation earns on at `exposure`: licensed nodes on their price at their
	/// own scores, the rest of the exposure at the installation's performance; zero while the
	/// installation is not active.
	pub fn weight_at(&self, exposure: Balance) -> Balance {
		if !self.active {
			return Zero::zero();
		}
		Permill::from_parts(self.performance)
			.mul_floor(exposure.saturating_sub(self.licensed.price))
			.saturating_add(self.licensed.weighted)
			.min(exposure)
	}
}

/// Where a DAM's reward token stands for its holders.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Stage {
	/// On the DAM's list: holders earn on their shares.
	Tracked,
	/// Its program ended and holders are booked once each against the final reward per share.
	Retiring(U256),
	/// Off the DAM's list: every earning share was booked, and shares earn nothing more.
	Retired,
}

impl Holding {
	/// Settles the holder in a token at `stage`, with `shares` and, for a Growth DAM that
	/// spent on the Network, its `part` of the `spent`. Returns the earning shares booked
	/// against a retiring token's final value: `shares` the first time, then zero.
	pub fn settle_at<Balance>(
		&mut self,
		part: Option<&mut Contribution>,
		shares: u128,
		per_share: U256,
		spent: Option<&Spending<Balance>>,
		stage: Stage,
	) -> u128 {
		let (shares, per_share, booked) = match stage {
			Stage::Tracked => (shares, per_share, 0),
			Stage::Retiring(_) if self.is_booked(stage) => return 0,
			Stage::Retiring(final_per_share) => (shares, final_per_share, shares),
			Stage::Retired => (0, per_share, 0),
		};
		match (part, spent) {
			(Some(part), Some(spent)) => self.settle_contribution(part, shares, per_share, spent),
			_ => self.settle(shares, per_share),
		}
		if let Stage::Retiring(final_per_share) = stage {
			self.checkpoint = final_per_share.saturating_add(U256::one());
		}
		booked
	}

	/// Whether the holder was booked against a retiring token's final value already.
	pub fn is_booked(&self, stage: Stage) -> bool {
		matches!(stage, Stage::Retiring(final_per_share) if self.checkpoint > final_per_share)
	}

	/// Books what `shares` earned since the checkpoint, up to `per_share`.
	pub fn settle(&mut self, shares: u128, per_share: U256) {
		self.owed = self.owed.saturating_add(per_share.settle(&mut self.checkpoint, shares));
	}

	/// Books what a holder of a Growth DAM earned since the checkpoint, up to the reward per
	/// unit spent `per_share`: on the weight it had then, and on what its `shares` (unchanged
	/// since) paid into the spends made since. Brings its weight up to now.
	pub fn settle_contribution<Balance>(
		&mut self,
		part: &mut Contribution,
		shares: u128,
		per_share: U256,
		spent: &Spending<Balance>,
	) {
		let increase = per_share.saturating_sub(self.checkpoint);
		let shares = U256::from(shares);
		let on_weight = mul_div(part.weight, increase, SCALE.into());
		// shares × Σ (spend per share at the time − at the checkpoint) × each increase: the
		// index since the checkpoint, less the checkpoint's part, which rounds up.
		let on_spends = shares
			.saturating_mul(spent.reward_index.saturating_sub(part.index_checkpoint))
			.saturating_sub(mul_div_up(
				shares.saturating_mul(part.per_share_checkpoint),
				increase,
				SCALE.into(),
			));
		self.owed = self.owed.saturating_add(on_weight).saturating_add(on_spends);
		self.checkpoint = per_share;
		part.weight = part.weight.saturating_add(
			shares.saturating_mul(spent.per_share.saturating_sub(part.per_share_checkpoint)),
		);
		part.per_share_checkpoint = spent.per_share;
		part.index_checkpoint = spent.reward_index;
	}
}

impl<T: Config> Pallet<T> {
	/// The program of `program` brought up to now, emitting `EscrowDry` if its budget ran out.
	pub(crate) fn accrued_program(id: ProgramId) -> Option<ProgramOf<T>> {
		Self::accrued_program_at(id, T::Marketplace::params().blocks_per_day)
	}

	/// As `accrued_program`, with the protocol's day length already read.
	fn accrued_program_at(id: ProgramId, blocks_per_day: BlockNumberOf<T>) -> Option<ProgramOf<T>> {
		let mut program = Programs::<T>::get(id)?;
		let now = frame_system::Pallet::<T>::block_number();
		if program.accrue(now, blocks_per_day) {
			Self::deposit_event(Event::EscrowDry { program: id, at: now });
		}
		Some(program)
	}

	/// Stores what `dam` keeps for program `id`, removing the record once it holds nothing.
	pub(crate) fn put_dam_reward(dam: DamId, id: ProgramId, record: DamRewardOf<T>) {
		if record.is_empty() {
			DamRewards::<T>::remove(dam, id);
		} else {
			DamRewards::<T>::insert(dam, id, record);
		}
	}

	/// The reward record of the installation of program `id`'s Network into `dam`.
	pub fn stake(id: ProgramId, dam: DamId) -> Option<StakeOf<T>> {
		DamRewards::<T>::get(dam, id).stake
	}

	/// `dam`'s reward per earning share (or per unit spent) in program `id`'s token, scaled.
	pub fn reward_per_share(dam: DamId, id: ProgramId) -> U256 {
		DamRewards::<T>::get(dam, id).per_share
	}

	/// What Growth DAM `dam` spent on the Network of program `id`, if it spent on it.
	pub fn spending(dam: DamId, id: ProgramId) -> Option<Spending<BalanceOf<T>>> {
		DamRewards::<T>::get(dam, id).spent
	}

	/// The retirement of program `id`'s token from `dam`'s list, while it is retiring.
	pub fn retirement(dam: DamId, id: ProgramId) -> Option<Retirement> {
		DamRewards::<T>::get(dam, id).retiring
	}

	/// Brings the installation of `program` into `dam` up to now. Its delegators' part goes
	/// into the DAM's reward per share (back into the budget if the DAM has no earning
	/// shares). With `refresh`, it then takes the installation's current exposure,
	/// performance and status from the marketplace and the DAM.
	pub(crate) fn sync(id: ProgramId, dam: DamId, refresh: bool) {
		let Some(mut program) = Self::accrued_program(id) else { return };
		let mut record = DamRewards::<T>::get(dam, id);
		Self::sync_record(&mut program, &mut record, || T::Dams::active_shares(dam).0.into());
		if refresh {
			Self::refresh(&mut program, id, dam, &mut record.stake);
		}
		Self::put_dam_reward(dam, id, record);
		Programs::<T>::insert(id, program);
	}

	/// Pays the installation in `record` what it earned up to the `program`'s accumulators,
	/// sharing its delegators' part by the DAM's `shares` earning shares, or giving it back to
	/// the budget if none earn.
	pub(crate) fn sync_record(
		program: &mut ProgramOf<T>,
		record: &mut DamRewardOf<T>,
		shares: impl FnOnce() -> u128,
	) {
		let Some(stake) = record.stake.as_mut() else { return };
		let earned = stake.settle(program.per_exposure, program.per_performance);
		if earned.is_zero() {
			return;
		}
		let shared = pay_out(
			stake,
			program.operator_commission,
			record.per_share,
			record.spent.clone(),
			earned,
			shares(),
		);
		match shared {
			Some((per_share, spent)) => {
				record.per_share = per_share;
				if spent.is_some() {
					record.spent = spent;
				}
			}
			None => {
				let back =
					BalanceOf::<T>::try_from(units(earned)).ok().defensive_unwrap_or_default();
				program.accrued.saturating_reduce(back);
				program.budget.saturating_accrue(back);
			}
		}
	}

	/// Replaces the installation's weight and performance with the current ones, in the stake
	/// and in the program's totals. A stake whose installation is gone is kept only while
	/// its Operator is owed a whole unit.
	fn refresh(
		program: &mut ProgramOf<T>,
		id: ProgramId,
		dam: DamId,
		stake: &mut Option<StakeOf<T>>,
	) {
		if let Some(old) = stake.as_ref() {
			program.weighted_exposure.saturating_reduce(old.weight);
			program.performance.saturating_reduce(old.performance.into());
		}
		let active = T::Marketplace::installation(program.network, dam)
			.filter(|i| i.status == nektar_primitives::InstallationStatus::Active);
		match active {
			Some(installation) => {
				let exposure = T::Dams::exposure(program.network, dam);
				let licensed = LicensedExposure::<T>::get(program.network, dam);
				let performance = installation.performance.deconstruct();
				let entry = stake.get_or_insert_with(|| Stake {
					operator: installation.operator.clone(),
					weight: Zero::zero(),
					performance: 0,
					exposure_checkpoint: program.per_exposure,
					performance_checkpoint: program.per_performance,
					operator_owed: U256::zero(),
					active: false,
					cap: Zero::zero(),
					licensed: Default::default(),
				});
				if entry.operator != installation.operator && units(entry.operator_owed) > 0 {
					// What the former Operator earned stays its own, to claim at any time.
					let owed = core::mem::take(&mut entry.operator_owed);
					FormerOperatorRewards::<T>::mutate(
						(id, dam, entry.operator.clone()),
						|parked| *parked = parked.saturating_add(owed),
					);
				}
				entry.operator = installation.operator;
				entry.performance = performance;
				entry.active = true;
				entry.cap = installation.exposure;
				entry.licensed = licensed;
				entry.weight = entry.weight_at(exposure);
				program.weighted_exposure.saturating_accrue(entry.weight);
				program.performance.saturating_accrue(performance.into());
			}
			None => {
				if let Some(entry) = stake.as_mut() {
					entry.weight = Zero::zero();
					entry.performance = 0;
					entry.active = false;
				}
				if stake.as_ref().is_some_and(|s| units(s.operator_owed).is_zero()) {
					*stake = None;
				}
			}
		}
	}

	/// Brings the installation of a tracked `program` into `dam` up to now and books what
	/// `who` earned from its `shares`, reading and writing the DAM's record once; with
	/// `retired`, the token is off the DAM's list and only `who` is settled. Returns whether
	/// the DAM shares the token by what each holder paid in (a Growth DAM that spent).
	pub(crate) fn settle_claimant(
		dam: DamId,
		id: ProgramId,
		who: &T::AccountId,
		shares: u128,
		retired: bool,
		blocks_per_day: BlockNumberOf<T>,
	) -> bool {
		let mut record = DamRewards::<T>::get(dam, id);
		if !retired {
			if let Some(mut program) = Self::accrued_program_at(id, blocks_per_day) {
				Self::sync_record(&mut program, &mut record, || {
					T::Dams::active_shares(dam).0.into()
				});
				Programs::<T>::insert(id, program);
			}
		}
		Self::settle_holders(dam, id, &mut record, &[(who, Shares(shares))], None, retired);
		let growth = record.spent.is_some();
		Self::put_dam_reward(dam, id, record);
		growth
	}

	/// Settles each of `holders`, with the earning shares it held, in `program`'s token of
	/// `dam`, whose `record` the caller stores. With `transfer`, `(moved, held)`: the first
	/// holder gave `moved` of its `held` shares to the second, and the same fraction of what it
	/// paid into a Growth DAM's spends goes with them. While the token is retiring, each holder
	/// not yet booked is booked against the final value, and the token leaves the DAM's list
	/// once every earning share is booked.
	pub(crate) fn settle_holders(
		dam: DamId,
		id: ProgramId,
		record: &mut DamRewardOf<T>,
		holders: &[(&T::AccountId, Shares<u128>)],
		transfer: Option<(Shares<u128>, Shares<u128>)>,
		retired: bool,
	) {
		let per_share = record.per_share;
		let spent = record.spent.as_ref();
		let stage = match (&record.retiring, retired) {
			(_, true) => Stage::Retired,
			(Some(retirement), _) => Stage::Retiring(retirement.final_per_share),
			(None, _) => Stage::Tracked,
		};
		let mut booked = 0u128;
		let mut parts: alloc::vec::Vec<Option<Contribution>> = alloc::vec::Vec::new();
		for (who, shares) in holders {
			let existing = Holdings::<T>::get((dam, id, *who));
			let already_booked = existing.as_ref().is_some_and(|h| h.is_booked(stage));
			if already_booked || (spent.is_none() && existing.is_none() && per_share.is_zero()) {
				// Nothing to settle: a booked holder has nothing more to earn in the token.
				parts.push(None);
				continue;
			}
			let mut holding = existing.unwrap_or_default();
			let mut part =
				spent.map(|_| Contributions::<T>::get((dam, id, *who)).unwrap_or_default());
			booked.saturating_accrue(holding.settle_at(
				part.as_mut(),
				shares.0,
				per_share,
				spent,
				stage,
			));
			Holdings::<T>::insert((dam, id, *who), holding);
			parts.push(part);
		}
		if let (Some((moved, held)), [Some(giver), Some(taker)]) = (transfer, parts.as_mut_slice())
		{
			let part = mul_div(giver.weight, moved.0.into(), held.0.into());
			giver.weight = giver.weight.saturating_sub(part);
			taker.weight = taker.weight.saturating_add(part);
		}
		for ((who, _), part) in holders.iter().zip(parts) {
			if let Some(part) = part {
				Contributions::<T>::insert((dam, id, *who), part);
			}
		}
		if booked > 0 {
			if let Some(retirement) = record.retiring.as_mut() {
				retirement.unbooked.saturating_reduce(booked);
				if retirement.unbooked == 0 {
					let final_per_share = retirement.final_per_share;
					Self::retired(dam, id, record, final_per_share);
				}
			}
		}
	}

	/// Starts taking `program`'s token off `dam`'s list once its program ended: the
	/// installation is synced one last time, and each holder with earning shares is then
	/// booked against the final reward per share. Without earning shares or any reward, the
	/// token leaves at once. Returns whether holders are left to book.
	pub(crate) fn start_retiring(dam: DamId, id: ProgramId) -> bool {
		Self::sync(id, dam, true);
		let mut record = DamRewards::<T>::get(dam, id);
		let final_per_share = record.per_share;
		let unbooked: u128 = T::Dams::active_shares(dam).0.into();
		if final_per_share.is_zero() || unbooked == 0 {
			Self::retired(dam, id, &mut record, final_per_share);
			Self::put_dam_reward(dam, id, record);
			return false;
		}
		record.retiring = Some(Retirement { final_per_share, unbooked });
		record.per_share = final_per_share.saturating_add(U256::one());
		Self::put_dam_reward(dam, id, record);
		Self::deposit_event(Event::TokenRetiring { dam, program: id, unbooked });
		true
	}

	/// Every earning share of `dam` is booked in `program`'s token: the token leaves the
	/// DAM's list, and the reward per share goes back to its final value, below the
	/// checkpoint of every booked holder. The caller stores `record`.
	fn retired(dam: DamId, id: ProgramId, record: &mut DamRewardOf<T>, final_per_share: U256) {
		record.retiring = None;
		record.per_share = final_per_share;
		TrackedPrograms::<T>::mutate(dam, |tokens| tokens.retain(|n| *n != id));
		Self::deposit_event(Event::TokenRetired { dam, program: id });
	}

	/// Brings every reward token of `dam` up to now, sharing what accrued by the DAM's
	/// `active` earning shares (if `None`, those it has now), and settles each of `holders`
	/// with the shares it held, moving contributions along with a `transfer` between the two
	/// of them. With `stake`, the active stake of a Collateral DAM after the change, each
	/// installation is then reweighed by it.
	///
	/// Each token costs one read and one write of its program and of the DAM's record, and
	/// one of each holder's holding: the installation's exposure cap, performance and licenses
	/// are kept in its stake, so nothing of the marketplace is read.
	pub(crate) fn settle_dam(
		dam: DamId,
		active: Option<Shares<u128>>,
		holders: &[(&T::AccountId, Shares<u128>)],
		stake: Option<BalanceOf<T>>,
		transfer: Option<(Shares<u128>, Shares<u128>)>,
	) {
		let tracked = TrackedPrograms::<T>::get(dam);
		if tracked.is_empty() {
			return;
		}
		let blocks_per_day = T::Marketplace::params().blocks_per_day;
		let shares: u128 = match active {
			Some(shares) => shares.0,
			None => T::Dams::active_shares(dam).0.into(),
		};
		for id in tracked {
			let Some(mut program) = Self::accrued_program_at(id, blocks_per_day) else { continue };
			let mut record = DamRewards::<T>::get(dam, id);
			Self::sync_record(&mut program, &mut record, || shares);
			if let (Some(stake), Some(entry)) = (stake, record.stake.as_mut()) {
				program.weighted_exposure.saturating_reduce(entry.weight);
				entry.weight = entry.weight_at(entry.cap.min(stake));
				program.weighted_exposure.saturating_accrue(entry.weight);
			}
			if !holders.is_empty() {
				Self::settle_holders(dam, id, &mut record, holders, transfer, false);
			}
			Self::put_dam_reward(dam, id, record);
			Programs::<T>::insert(id, program);
		}
	}

	/// A Growth DAM spent `amount` on the Network of program `id`: its holders of this moment
	/// share the program's rewards on it, each by the part its shares paid. The installation
	/// was synced when the marketplace took its new exposure, so what accrued before is
	/// already shared by the weights of before the spend.
	pub(crate) fn record_spend(dam: DamId, id: ProgramId, amount: u128) {
		let shares: u128 = T::Dams::active_shares(dam).0.into();
		if amount == 0 || shares == 0 || !Programs::<T>::contains_key(id) {
			return;
		}
		DamRewards::<T>::mutate(dam, id, |record| {
			let spent = record.spent.get_or_insert_with(Default::default);
			spent.per_share =
				spent.per_share.saturating_add(mul_div(amount.into(), SCALE.into(), shares.into()));
			spent.total.saturating_accrue(
				BalanceOf::<T>::try_from(amount).ok().defensive_unwrap_or_default(),
			);
		});
	}

	/// The programs of `network` that `dam` tracks.
	pub(crate) fn joined(dam: DamId, network: NetworkId) -> alloc::vec::Vec<ProgramId> {
		let tracked = TrackedPrograms::<T>::get(dam);
		NetworkPrograms::<T>::get(network).into_iter().filter(|id| tracked.contains(id)).collect()
	}

	/// Brings every program of `network` that `dam` tracks up to now, with the installation's
	/// current exposure and performance. A program the DAM does not track yet, added after
	/// the installation, is joined if the installation is active and the DAM has room.
	pub(crate) fn sync_network(network: NetworkId, dam: DamId) {
		let tracked = TrackedPrograms::<T>::get(dam);
		let active = T::Marketplace::installation(network, dam)
			.is_some_and(|i| i.status == nektar_primitives::InstallationStatus::Active);
		for id in NetworkPrograms::<T>::get(network) {
			if tracked.contains(&id) {
				Self::sync(id, dam, true);
			} else if active {
				// A full list leaves the program to `join_program` once a slot frees.
				if let Some(program) = Programs::<T>::get(id) {
					let _ = Self::join(id, &program, dam);
				}
			}
		}
	}

	/// `dam` starts earning in program `id`: its token goes on the DAM's list, and the
	/// installation earns from now on. A Growth DAM that spent on the Network shares the new
	/// program by what each holder paid in, as its other programs, counting what the DAM spent
	/// so far as paid in by each holder's shares of now.
	pub(crate) fn join(id: ProgramId, program: &ProgramOf<T>, dam: DamId) -> DispatchResult {
		// An ended program is never joined again, so that a token retired from the DAM's list
		// stays retired.
		ensure!(
			frame_system::Pallet::<T>::block_number() < program.ends_at,
			Error::<T>::ProgramEnded
		);
		TrackedPrograms::<T>::try_mutate(dam, |tracked| {
			ensure!(!tracked.contains(&id), Error::<T>::AlreadyJoined);
			tracked.try_push(id).map_err(|_| Error::<T>::TooManyRewardTokens)
		})?;
		let primary = Self::spending(dam, program.network)
			.filter(|_| id != program.network && Self::spending(dam, id).is_none());
		if let Some(spent) = primary {
			let shares: u128 = T::Dams::active_shares(dam).0.into();
			if shares > 0 && !spent.total.is_zero() {
				let total: u128 = spent.total.into();
				DamRewards::<T>::mutate(dam, id, |record| {
					record.spent = Some(Spending {
						per_share: mul_div(total.into(), SCALE.into(), shares.into()),
						reward_index: U256::zero(),
						total: spent.total,
					})
				});
			}
		}
		Self::sync(id, dam, true);
		Ok(())
	}
}
