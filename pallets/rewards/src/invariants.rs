//! The rewards pallet's invariants, checked by `try_state`.

use crate::types::ProgramId;
use crate::{
	accrual::{units, SCALE},
	pallet::*,
};
use alloc::collections::btree_map::BTreeMap;
use frame_support::{ensure, traits::fungibles::Inspect};
use nektar_primitives::{DamId, DamProvider, NetworkId};
use polkadot_sdk::{frame_support, sp_core::U256, sp_runtime};
use sp_runtime::{Saturating, TryRuntimeError};

impl<T: Config> Pallet<T> {
	/// Checks every invariant of the rewards pallet.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let mut weights: BTreeMap<ProgramId, (u128, u64)> = BTreeMap::new();
		let mut owed: BTreeMap<ProgramId, u128> = BTreeMap::new();
		for (network, _, stake) in InstallationRewards::<T>::iter() {
			let entry = weights.entry(network).or_default();
			entry.0.saturating_accrue(stake.weight.into());
			entry.1.saturating_accrue(stake.performance.into());
			owed.entry(network).or_default().saturating_accrue(units(stake.operator_owed));
		}
		for ((network, _, _), parked) in FormerOperatorRewards::<T>::iter() {
			ensure!(!parked.is_zero(), "a former Operator's empty balance is kept");
			owed.entry(network).or_default().saturating_accrue(units(parked));
		}
		for ((_, network, _), holding) in Holdings::<T>::iter() {
			owed.entry(network).or_default().saturating_accrue(units(holding.owed));
		}
		// What holders paid into a Growth DAM's spends never exceeds what it spent.
		let mut contributed: BTreeMap<(DamId, ProgramId), U256> = BTreeMap::new();
		for ((dam, network, _), part) in Contributions::<T>::iter() {
			let entry = contributed.entry((dam, network)).or_default();
			*entry = entry.saturating_add(part.weight);
		}
		for ((dam, network), weight) in contributed {
			let spent = Spent::<T>::get(dam, network).ok_or("a contribution to no spending")?;
			ensure!(
				weight <= U256::from(spent.total.into()).saturating_mul(U256::from(SCALE)),
				"holders paid more into a Growth DAM's spends than it spent"
			);
		}
		// A retiring token is still tracked, its reward per share sits one unit above the final
		// value, and the shares left to book are exactly those of the holders not yet booked.
		for (dam, network, retirement) in Retiring::<T>::iter() {
			ensure!(
				TrackedPrograms::<T>::get(dam).contains(&network),
				"a retiring token is not tracked"
			);
			ensure!(
				RewardPerShare::<T>::get(dam, network)
					== retirement.final_per_share.saturating_add(U256::one()),
				"a retiring token's reward per share is not its booking mark"
			);
			let unbooked: u128 = T::Dams::holders(dam)
				.into_iter()
				.filter(|who| {
					Holdings::<T>::get((dam, network, who))
						.is_none_or(|h| h.checkpoint <= retirement.final_per_share)
				})
				.map(|who| T::Dams::shares(dam, &who).0.into())
				.sum();
			ensure!(
				retirement.unbooked == unbooked,
				"a retiring token's shares left to book are not its unbooked holders'"
			);
		}
		for tokens in TrackedPrograms::<T>::iter_values() {
			for network in tokens {
				ensure!(
					Programs::<T>::contains_key(network),
					"a DAM tracks a token with no program"
				);
			}
		}

		// Each program is listed once among its Network's programs, the primary one first.
		let mut listed: BTreeMap<ProgramId, NetworkId> = BTreeMap::new();
		for (network, programs) in NetworkPrograms::<T>::iter() {
			for (i, id) in programs.iter().enumerate() {
				ensure!(listed.insert(*id, network).is_none(), "a program is listed twice");
				ensure!(
					(*id == network) == (i == 0 && Programs::<T>::contains_key(network)),
					"a Network's primary program is not listed first"
				);
			}
		}
		for (network, program) in Programs::<T>::iter() {
			ensure!(
				listed.remove(&network) == Some(program.network),
				"a program is not listed among its Network's"
			);
			let (weight, performance) = weights.remove(&network).unwrap_or_default();
			ensure!(
				program.weighted_exposure.into() == weight,
				"a program's weighted exposure is not the sum of its stakes'"
			);
			ensure!(
				program.performance == performance,
				"a program's performance is not the sum of its stakes'"
			);
			// Synthetic supply and every claim are backed by the escrow.
			let supply: u128 = T::SyntheticAssets::total_issuance(program.token.clone()).into();
			let escrow: u128 =
				T::Assets::balance(program.reward_asset.clone(), &Self::escrow(network)).into();
			let accrued: u128 = program.accrued.into();
			ensure!(
				escrow >= supply.saturating_add(accrued).saturating_add(program.budget.into()),
				"an escrow holds less than its synthetic supply, accrued rewards and budget"
			);
			ensure!(
				owed.remove(&network).unwrap_or_default() <= accrued,
				"more is owed in a token than accrued"
			);
		}
		ensure!(weights.is_empty(), "a stake belongs to no program");
		ensure!(listed.is_empty(), "a Network lists a program that does not exist");

		// Each installation's licensed exposure is the sum over its licenses.
		let mut licensed: BTreeMap<(NetworkId, DamId), (u128, u128)> = BTreeMap::new();
		for (network, _, license) in Licenses::<T>::iter() {
			let entry = licensed.entry((network, license.dam)).or_default();
			entry.0.saturating_accrue(license.price.into());
			entry.1.saturating_accrue(license.performance.mul_floor(license.price).into());
		}
		for (network, dam, recorded) in LicensedExposure::<T>::iter() {
			ensure!(
				licensed.remove(&(network, dam))
					== Some((recorded.price.into(), recorded.weighted.into())),
				"an installation's licensed exposure is not the sum of its licenses'"
			);
		}
		ensure!(licensed.is_empty(), "a license is missing from its installation's exposure");
		ensure!(owed.is_empty(), "rewards are owed in a token with no program");
		Ok(())
	}
}
