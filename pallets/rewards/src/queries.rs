//! Read-only views for the runtime API (`RewardsApi`): pending rewards, programs and licenses,
//! as of now.

use crate::{accrual::*, pallet::*, types::*};
use alloc::vec::Vec;
use codec::{Decode, Encode};
use frame_support::traits::fungibles::Inspect;
use nektar_primitives::{DamId, DamProvider, MarketplaceInspect, NetworkId};
use polkadot_sdk::{
	frame_support, frame_system,
	sp_runtime::{traits::Zero, Permill, SaturatedConversion},
};
use scale_info::TypeInfo;

/// What a delegator may claim now in one program's synthetic token.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct PendingReward<TokenId, Balance> {
	/// The program.
	pub program: ProgramId,
	/// Its Network.
	pub network: NetworkId,
	/// Its synthetic token.
	pub token: TokenId,
	/// The amount.
	pub amount: Balance,
}

/// What the Operator of an installation may claim now.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct OperatorReward<AccountId, Balance> {
	/// The Operator running the installation.
	pub operator: AccountId,
	/// The amount, in the program's synthetic token.
	pub amount: Balance,
}

/// A node license a DAM holds.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct LicenseInfo<AccountId> {
	/// The Network that sold it.
	pub network: NetworkId,
	/// The license's item in the Network's collection.
	pub item: u32,
	/// The Operator running the node.
	pub operator: AccountId,
	/// Its last reported performance.
	pub performance: Permill,
}

impl<T: Config> Pallet<T> {
	/// The program of `program` and what `dam` keeps for it, brought up to now without
	/// writing anything: the installation's stake paid into the DAM's reward per share.
	fn projected(id: ProgramId, dam: DamId) -> Option<(ProgramOf<T>, DamRewardOf<T>)> {
		let mut program = Programs::<T>::get(id)?;
		program.accrue(
			frame_system::Pallet::<T>::block_number(),
			T::Marketplace::params().blocks_per_day,
		);
		let mut record = DamRewards::<T>::get(dam, id);
		Self::sync_record(&mut program, &mut record, || T::Dams::active_shares(dam).0.into());
		Some((program, record))
	}

	/// What `who` may claim now from its shares of `dam`, per program: the program, its
	/// Network, its synthetic token and the amount. Tokens of ended programs that left the
	/// DAM's list are included while `who` is owed in them.
	pub fn pending_rewards(
		dam: DamId,
		who: &T::AccountId,
	) -> Vec<PendingReward<T::TokenId, BalanceOf<T>>> {
		let shares: u128 = T::Dams::shares(dam, who).0.into();
		let tracked = TrackedPrograms::<T>::get(dam);
		let now = frame_system::Pallet::<T>::block_number();
		let retired = Programs::<T>::iter().filter_map(|(id, program)| {
			let owed = now >= program.ends_at
				&& !tracked.contains(&id)
				&& (Holdings::<T>::contains_key((dam, id, who))
					|| Contributions::<T>::contains_key((dam, id, who)));
			owed.then_some((id, Stage::Retired))
		});
		tracked
			.iter()
			.map(|id| {
				let stage = Self::retirement(dam, *id)
					.map_or(Stage::Tracked, |r| Stage::Retiring(r.final_per_share));
				(*id, stage)
			})
			.chain(retired)
			.filter_map(|(id, stage)| {
				let (program, DamReward { per_share, spent, .. }) = Self::projected(id, dam)?;
				let mut holding = Holdings::<T>::get((dam, id, who)).unwrap_or_default();
				let mut part = Contributions::<T>::get((dam, id, who)).unwrap_or_default();
				holding.settle_at(Some(&mut part), shares, per_share, spent.as_ref(), stage);
				let amount = BalanceOf::<T>::try_from(units(holding.owed)).ok()?;
				Some(PendingReward {
					program: id,
					network: program.network,
					token: program.token,
					amount,
				})
			})
			.collect()
	}

	/// What the Operator of the installation of `program` into `dam` may claim now.
	pub fn pending_operator_rewards(
		id: ProgramId,
		dam: DamId,
	) -> Option<OperatorReward<T::AccountId, BalanceOf<T>>> {
		let (_, DamReward { stake, .. }) = Self::projected(id, dam)?;
		let stake = stake?;
		let amount = BalanceOf::<T>::try_from(units(stake.operator_owed)).ok()?;
		Some(OperatorReward { operator: stake.operator, amount })
	}

	/// Every reward program of `network` as of now, its primary program first.
	pub fn network_programs(network: NetworkId) -> Vec<ProgramInfoOf<T>> {
		NetworkPrograms::<T>::get(network).into_iter().filter_map(Self::program_info).collect()
	}

	/// A reward program as of now.
	pub fn program_info(id: ProgramId) -> Option<ProgramInfoOf<T>> {
		let mut program = Programs::<T>::get(id)?;
		let now = frame_system::Pallet::<T>::block_number();
		program.accrue(now, T::Marketplace::params().blocks_per_day);
		let escrow = Self::escrow(id);
		let accruing = program.accruing && now < program.ends_at && !program.budget.is_zero();
		let burn = program.burn_per_day();
		let budget: u128 = program.budget.into();
		Some(ProgramInfo {
			id,
			network: program.network,
			primary: id == program.network,
			delegator_rate: program.delegator_rate,
			operator_rate: program.operator_rate,
			operator_commission: program.operator_commission,
			escrow_balance: T::Assets::balance(program.reward_asset.clone(), &escrow),
			escrow,
			token: program.token.clone(),
			token_supply: T::SyntheticAssets::total_issuance(program.token.clone()),
			reward_asset: program.reward_asset,
			budget: program.budget,
			accrued: program.accrued,
			burn_per_day: BalanceOf::<T>::try_from(burn).unwrap_or_else(|_| Zero::zero()),
			days_left: (accruing && burn > 0).then(|| (budget / burn).saturated_into()),
			accruing,
		})
	}

	/// The licenses `dam` holds, with their Operators and performance.
	pub fn dam_licenses(dam: DamId) -> Vec<LicenseInfo<T::AccountId>> {
		DamLicenses::<T>::get(dam)
			.into_iter()
			.filter_map(|(network, item)| {
				Licenses::<T>::get(network, item).map(|l| LicenseInfo {
					network,
					item,
					operator: l.operator,
					performance: l.performance,
				})
			})
			.collect()
	}
}
