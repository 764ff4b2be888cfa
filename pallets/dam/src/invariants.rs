//! The DAM pallet's invariants, checked by `try_state`.

use crate::{pallet::*, shares, types::*};
use alloc::collections::btree_map::BTreeMap;
use frame_support::{
	ensure,
	pallet_prelude::Get,
	traits::{
		fungible::{Inspect as _, InspectHold},
		fungibles::Inspect,
	},
};
use nektar_primitives::MarketplaceInspect;
use polkadot_sdk::{frame_support, sp_runtime};
use sp_runtime::{traits::Zero, Saturating, TryRuntimeError};

impl<T: Config> Pallet<T> {
	/// Checks every invariant of the DAM pallet.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let mut deposits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut assignments: BTreeMap<T::AccountId, u32> = BTreeMap::new();
		let next = NextDamId::<T>::get();

		for (id, dam) in Dams::<T>::iter() {
			ensure!(id < next, "a DAM id is at or above NextDamId");
			ensure!(Metadata::<T>::contains_key(id), "a DAM has no metadata");
			deposits.entry(dam.manager.clone()).or_default().saturating_accrue(dam.deposit);

			// Shares: the ledger plus the pending pool make the total.
			let held = Shares::<T>::iter_prefix(id)
				.fold(SharesOf::<T>::zero(), |sum, (_, s)| sum.saturating_add(s));
			ensure!(
				Shares::<T>::iter_prefix(id).all(|(_, s)| !s.is_zero()),
				"a zero entry in the share ledger"
			);
			let pending = PendingWithdrawals::<T>::iter_prefix(id)
				.fold(SharesOf::<T>::zero(), |sum, (_, queue)| {
					queue.iter().fold(sum, |sum, w| sum.saturating_add(w.shares))
				});
			ensure!(
				pending == dam.pending_shares,
				"queued withdrawals differ from the pending pool"
			);
			ensure!(
				held.saturating_add(pending) == dam.total_shares,
				"delegator shares and the pending pool differ from the total"
			);

			// Assets: every share is covered, and the account holds the idle assets.
			let value = shares::assets_for::<T>(&dam, dam.total_shares)
				.ok_or("the value of the shares overflows")?;
			ensure!(
				value <= shares::book_value::<T>(&dam),
				"the shares are worth more than the assets"
			);
			ensure!(
				T::Assets::balance(dam.deposit_asset.clone(), &Self::dam_account(id))
					>= dam.idle.saturating_add(dam.dust).saturating_add(dam.compensation),
				"the DAM's account holds less than its idle assets, dust and compensation pool"
			);

			// Penalties: the open ones, what of them the holders bear, and what claimers are
			// owed of them or of vetoed ones.
			let open = OpenSlashes::<T>::get(id);
			ensure!(open.len() as u32 == dam.penalties, "the open penalty counter is off");
			let held = open.iter().fold(BalanceOf::<T>::zero(), |sum, slash| {
				sum.saturating_add(slash.amount.saturating_sub(slash.claimed))
			});
			ensure!(held == dam.in_dispute, "the amount in dispute is not the open penalties'");
			ensure!(
				open.iter().all(|slash| slash.claimed <= slash.amount),
				"claimers took more of a penalty than it holds"
			);
			let pools = CompensationPools::<T>::iter_prefix(id)
				.fold(BalanceOf::<T>::zero(), |sum, (_, owed)| sum.saturating_add(owed));
			ensure!(pools == dam.compensation, "the compensation pools differ from the total");
			let mut claims: BTreeMap<nektar_primitives::VaultId, BalanceOf<T>> = BTreeMap::new();
			for (_, parts) in Compensation::<T>::iter_prefix(id) {
				for (vault, owed) in parts {
					claims.entry(vault).or_default().saturating_accrue(owed);
				}
			}
			for slash in open.iter() {
				ensure!(
					claims.get(&slash.vault).copied().unwrap_or_default() == slash.claimed,
					"claimers' parts of an open penalty differ from what it set aside"
				);
			}
			for (vault, pool) in CompensationPools::<T>::iter_prefix(id) {
				ensure!(
					claims.get(&vault).copied().unwrap_or_default() == pool,
					"claimers' parts of a vetoed penalty differ from its pool"
				);
			}

			// Recovery: what holders are owed, settled or not, is in the pool and the account.
			let mut owed = BalanceOf::<T>::zero();
			for (who, held) in Shares::<T>::iter_prefix(id) {
				let entry = Recovery::<T>::get(id, &who).unwrap_or_default();
				owed.saturating_accrue(entry.owed);
				owed.saturating_accrue(Pallet::<T>::unsettled_recovery(&dam, &entry, held));
			}
			for (who, entry) in Recovery::<T>::iter_prefix(id) {
				if Shares::<T>::get(id, &who).is_zero() {
					ensure!(!entry.owed.is_zero(), "an empty recovery entry is kept");
					owed.saturating_accrue(entry.owed);
				}
			}
			ensure!(owed <= dam.recovery, "holders are owed more than the recovery pool");
			ensure!(
				T::Currency::balance(&Self::dam_account(id)) >= dam.recovery,
				"the DAM's account holds less than its recovery pool"
			);

			// Operators and installations.
			let operators = DamOperators::<T>::iter_prefix(id).count() as u32;
			ensure!(operators == dam.operators, "the operator counter is off");
			let invited = Invitations::<T>::iter_prefix(id).count() as u32;
			ensure!(invited == dam.invited, "the invitation counter is off");
			ensure!(
				operators.saturating_add(invited) <= T::MaxOperatorsPerDam::get(),
				"more Operators and invitations than the cap"
			);
			let allowed = AllowList::<T>::iter_prefix(id).count() as u32;
			ensure!(allowed == dam.allowed, "the allow-list counter is off");
			ensure!(allowed <= T::MaxAllowListLength::get(), "the allow-list is over its cap");
			for (operator, _) in DamOperators::<T>::iter_prefix(id) {
				*assignments.entry(operator).or_default() += 1;
			}
			for network in DamInstallations::<T>::get(id) {
				ensure!(
					T::Marketplace::installation(network, id).is_some(),
					"the DAM lists an installation the marketplace does not have"
				);
			}
		}

		for (who, expected) in deposits {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::DamDeposit.into(), &who) == expected,
				"DAM deposits on hold differ from the recorded deposits"
			);
		}
		for (who, count) in Assignments::<T>::iter() {
			ensure!(
				assignments.get(&who).copied().unwrap_or_default() == count,
				"an Operator's assignment counter is off"
			);
		}
		ensure!(
			assignments.iter().all(|(who, count)| Assignments::<T>::get(who) == *count),
			"an assignment is not counted"
		);
		Ok(())
	}
}
