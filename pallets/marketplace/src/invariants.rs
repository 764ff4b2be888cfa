//! The marketplace's invariants, checked by `try_state`.

use crate::{pallet::*, types::*};
use alloc::collections::btree_map::BTreeMap;
use frame_support::{ensure, pallet_prelude::Get, traits::fungible::InspectHold};
use nektar_primitives::InstallationStatus;
use polkadot_sdk::{frame_support, sp_runtime};
use sp_runtime::{traits::Zero, Saturating, TryRuntimeError};

impl<T: Config> Pallet<T> {
	/// Checks every invariant of the marketplace.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		Self::check_holds()?;
		Self::check_installations()
	}

	/// The holds of every account equal the deposits and bonds recorded for it.
	fn check_holds() -> Result<(), TryRuntimeError> {
		let mut deposits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut bonds: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let next = NextNetworkId::<T>::get();
		for (id, network) in Networks::<T>::iter() {
			ensure!(id < next, "a Network id is at or above NextNetworkId");
			ensure!(Metadata::<T>::contains_key(id), "a Network has no metadata");
			deposits.entry(network.manager.clone()).or_default().saturating_accrue(network.deposit);
			bonds.entry(network.manager).or_default().saturating_accrue(network.bond);
		}
		ensure!(
			Metadata::<T>::iter_keys().all(Networks::<T>::contains_key),
			"metadata without a Network"
		);
		for (who, expected) in deposits {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::NetworkDeposit.into(), &who) == expected,
				"Network deposits on hold differ from the recorded deposits"
			);
		}
		for (who, expected) in bonds {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::ReturnBond.into(), &who) == expected,
				"return bonds on hold differ from the recorded bonds"
			);
		}
		for (who, operator) in Operators::<T>::iter() {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::OperatorDeposit.into(), &who)
					== operator.deposit,
				"an Operator's deposit on hold differs from the recorded deposit"
			);
		}
		Ok(())
	}

	/// Each Network's counters and total exposure match its installations and stay in its caps.
	fn check_installations() -> Result<(), TryRuntimeError> {
		for (id, network) in Networks::<T>::iter() {
			let mut active = 0u32;
			let mut requested = 0u32;
			let mut total = BalanceOf::<T>::zero();
			for (_, installation) in Installations::<T>::iter_prefix(id) {
				match installation.status {
					InstallationStatus::Active => active += 1,
					InstallationStatus::Requested => {
						requested += 1;
						ensure!(
							installation.exposure.is_zero(),
							"a requested installation has exposure"
						);
					}
				}
				ensure!(
					installation.exposure <= installation.max_exposure
						|| installation.status == InstallationStatus::Requested,
					"an installation's exposure is above its maximum"
				);
				total.saturating_accrue(installation.exposure);
			}
			ensure!(network.installations == active, "the installation counter is off");
			ensure!(network.requests == requested, "the request counter is off");
			ensure!(network.total_exposure == total, "the total exposure is off");
			ensure!(
				total <= network.terms.amount_requested,
				"the total exposure is above amount_requested"
			);
			ensure!(
				active <= network.terms.operators_requested,
				"more installations than operators_requested"
			);
			ensure!(
				requested <= T::MaxOperatorsPerNetwork::get(),
				"more requests waiting than MaxOperatorsPerNetwork"
			);
		}
		ensure!(
			Installations::<T>::iter_keys().all(|(id, _)| Networks::<T>::contains_key(id)),
			"an installation of a removed Network"
		);
		Ok(())
	}
}
