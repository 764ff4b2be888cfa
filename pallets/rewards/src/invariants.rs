//! The rewards pallet's invariants, checked by `try_state`.

use crate::types::ProgramId;
use crate::{
	accrual::{units, SCALE},
	pallet::*,
};
use alloc::collections::btree_map::BTreeMap;
use frame_support::{ensure, traits::fungibles::Inspect};
use nektar_primitives::{DamId, DamProvider, MarketplaceInspect, NetworkId};
use polkadot_sdk::{frame_support, sp_core::U256, sp_runtime};
use sp_runtime::{traits::Zero, Saturating, TryRuntimeError};

impl<T: Config> Pallet<T> {
	/// Checks every invariant of the rewards pallet.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let mut weights: BTreeMap<ProgramId, (u128, u64)> = BTreeMap::new();
		let mut owed: BTreeMap<ProgramId, u128> = BTreeMap::new();
		let mut spent: BTreeMap<(DamId, ProgramId), u128> = BTreeMap::new();
		for (dam, id, record) in DamRewards::<T>::iter() {
			ensure!(!record.is_empty(), "an empty DAM reward record is kept");
			if let Some(spending) = record.spent.as_ref() {
				spent.insert((dam, id), spending.total.into());
			}
			// A token is retiring only while tracked, its reward per share one unit above the
			// final value, with exactly the shares of the holders not yet booked left to book.
			if let Some(retirement) = record.retiring.as_ref() {
				ensure!(
					TrackedPrograms::<T>::get(dam).contains(&id),
					"a retiring token is not tracked"
				);
				ensure!(
					record.per_share == retirement.final_per_share.saturating_add(U256::one()),
					"a retiring token's reward per share is not its booking mark"
				);
				let unbooked: u128 = T::Dams::holders(dam)
					.into_iter()
					.filter(|who| {
						Holdings::<T>::get((dam, id, who))
							.is_none_or(|h| h.checkpoint <= retirement.final_per_share)
					})
					.map(|who| T::Dams::shares(dam, &who).0.into())
					.sum();
				ensure!(
					retirement.unbooked == unbooked,
					"a retiring token's shares left to book are not its unbooked holders'"
				);
			}
			let Some(stake) = record.stake else { continue };
			let network = Programs::<T>::get(id).ok_or("a stake belongs to no program")?.network;
			let entry = weights.entry(id).or_default();
			entry.0.saturating_accrue(stake.weight.into());
			entry.1.saturating_accrue(stake.performance.into());
			owed.entry(id).or_default().saturating_accrue(units(stake.operator_owed));
			if !TrackedPrograms::<T>::get(dam).contains(&id) {
				// A retired token's program ended: its stake earns nothing more.
				continue;
			}
			// The stake keeps what the marketplace says of its installation, as of its last
			// change, and earns on the installation's exposure of now.
			let installation = T::Marketplace::installation(network, dam)
				.filter(|i| i.status == nektar_primitives::InstallationStatus::Active);
			match installation {
				Some(installation) => {
					ensure!(stake.active, "an active installation's stake is inactive");
					ensure!(
						stake.operator == installation.operator
							&& stake.performance == installation.performance.deconstruct()
							&& stake.cap == installation.exposure
							&& stake.licensed == LicensedExposure::<T>::get(network, dam),
						"a stake's copy of its installation is stale"
					);
					ensure!(
						stake.weight == stake.weight_at(T::Dams::exposure(network, dam)),
						"a stake's weight is not its installation's of now"
					);
				}
				None => ensure!(
					!stake.active && stake.weight.is_zero() && stake.performance == 0,
					"a stake of a gone installation still earns"
				),
			}
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
		for (key, weight) in contributed {
			let total = spent.get(&key).ok_or("a contribution to no spending")?;
			ensure!(
				weight <= U256::from(*total).saturating_mul(U256::from(SCALE)),
				"holders paid more into a Growth DAM's spends than it spent"
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
