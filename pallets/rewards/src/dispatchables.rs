//! The calls of the rewards pallet.

use crate::{accrual::*, pallet::*, types::*, weights::WeightInfo};
use alloc::vec::Vec;
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{
		fungibles::{self, Inspect as _, Mutate as _},
		tokens::{Fortitude, Precision, Preservation},
	},
};
use nektar_primitives::{DamId, DamProvider, MarketplaceInspect, NetworkId, ProgramId, Shares};
use polkadot_sdk::{
	frame_support, frame_system,
	sp_core::U256,
	sp_runtime::traits::{AccountIdConversion, Bounded, Saturating, Zero},
};

impl<T: Config> Pallet<T> {
	/// The escrow account of `program`'s reward program.
	pub fn escrow(id: ProgramId) -> T::AccountId {
		T::PalletId::get().into_sub_account_truncating(id)
	}

	/// The Network `network`, if `who` is its manager.
	pub(crate) fn ensure_network_manager(
		who: &T::AccountId,
		network: NetworkId,
	) -> Result<NetworkViewOf<T>, DispatchError> {
		let view = T::Marketplace::network(network).ok_or(Error::<T>::NetworkNotFound)?;
		ensure!(view.manager == *who, Error::<T>::NotNetworkManager);
		Ok(view)
	}

	/// Pays `amount` of the program's reward asset from `program`'s escrow to `to`. The
	/// escrow stays alive on its native existential deposit, so every unit of a reward asset
	/// in it can be paid out, the last one included.
	fn pay_from_escrow(
		id: ProgramId,
		program: &ProgramOf<T>,
		to: &T::AccountId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		<T::Assets as fungibles::Mutate<_>>::transfer(
			program.reward_asset.clone(),
			&Self::escrow(id),
			to,
			amount,
			Preservation::Expendable,
		)
		.map(|_| ())
	}

	fn program(id: ProgramId) -> Result<ProgramOf<T>, DispatchError> {
		Programs::<T>::get(id).ok_or_else(|| Error::<T>::NoProgram.into())
	}

	pub(crate) fn do_fund_rewards(
		who: T::AccountId,
		id: ProgramId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let mut program = Self::accrued_program(id).ok_or(Error::<T>::NoProgram)?;
		let now = frame_system::Pallet::<T>::block_number();
		// A program of a Network that is not live yet has no end: it is funded once the
		// Network is live, so that nothing is funded for a Network governance may reject.
		ensure!(
			program.ends_at < frame_system::pallet_prelude::BlockNumberFor::<T>::max_value(),
			Error::<T>::NetworkNotLive
		);
		ensure!(now < program.ends_at, Error::<T>::ProgramEnded);
		program.budget = program.budget.checked_add(&amount).ok_or(Error::<T>::Overflow)?;
		program.dry = false;
		<T::Assets as fungibles::Mutate<_>>::transfer(
			program.reward_asset.clone(),
			&who,
			&Self::escrow(id),
			amount,
			Preservation::Preserve,
		)?;
		let budget = program.budget;
		Programs::<T>::insert(id, program);
		Self::deposit_event(Event::RewardsFunded { program: id, funder: who, amount, budget });
		Ok(())
	}

	/// Mints `amount` of `program`'s synthetic token to `who`, out of what accrued; returns
	/// the token.
	fn mint(
		id: ProgramId,
		who: &T::AccountId,
		amount: BalanceOf<T>,
	) -> Result<T::TokenId, DispatchError> {
		let mut program = Programs::<T>::get(id).ok_or(Error::<T>::NoProgram)?;
		program.accrued = program.accrued.checked_sub(&amount).ok_or(Error::<T>::Overflow)?;
		let token = program.token.clone();
		T::SyntheticAssets::mint_into(token.clone(), who, amount)?;
		Programs::<T>::insert(id, program);
		Ok(token)
	}

	pub(crate) fn do_claim_rewards(
		who: T::AccountId,
		dam: DamId,
		programs: Vec<ProgramId>,
	) -> Result<BalanceOf<T>, DispatchError> {
		let tracked = TrackedPrograms::<T>::get(dam);
		let shares = T::Dams::shares(dam, &who).0.into();
		let total = Self::claim_in(&who, dam, programs, &tracked, shares)?;
		ensure!(!total.is_zero(), Error::<T>::NothingToClaim);
		Ok(total)
	}

	pub(crate) fn do_set_claim_permission(
		who: T::AccountId,
		permission: ClaimPermission,
	) -> DispatchResult {
		ensure!(
			ClaimPermissions::<T>::get(&who) != permission,
			Error::<T>::ClaimPermissionUnchanged
		);
		if permission == ClaimPermission::default() {
			ClaimPermissions::<T>::remove(&who);
		} else {
			ClaimPermissions::<T>::insert(&who, permission);
		}
		Self::deposit_event(Event::ClaimPermissionSet { delegator: who, permission });
		Ok(())
	}

	/// Fails unless `caller` may claim `delegator`'s rewards: it is the delegator, or the
	/// delegator lets anyone claim.
	pub(crate) fn ensure_may_claim_for(
		caller: &T::AccountId,
		delegator: &T::AccountId,
	) -> DispatchResult {
		ensure!(
			caller == delegator
				|| ClaimPermissions::<T>::get(delegator) == ClaimPermission::PermissionlessClaim,
			Error::<T>::ClaimNotPermitted
		);
		Ok(())
	}

	/// Claims every token each of `dams` tracks for `who`. Returns the DAMs and the tokens
	/// claimed, the basis of the call's weight.
	pub(crate) fn do_claim_all_rewards(
		who: T::AccountId,
		mut dams: Vec<DamId>,
	) -> Result<(u32, u32), DispatchError> {
		dams.sort_unstable();
		dams.dedup();
		let mut total = BalanceOf::<T>::zero();
		let mut tokens = 0u32;
		let mut claimed = 0u32;
		for &dam in &dams {
			let shares: u128 = T::Dams::shares(dam, &who).0.into();
			let tracked = TrackedPrograms::<T>::get(dam);
			// A token in which `who` holds nothing and has no record owes it nothing: it is
			// not settled, so that no empty record is left behind.
			let programs: Vec<ProgramId> = tracked
				.iter()
				.copied()
				.filter(|&id| {
					shares > 0
						|| Holdings::<T>::contains_key((dam, id, &who))
						|| Contributions::<T>::contains_key((dam, id, &who))
				})
				.collect();
			if programs.is_empty() {
				continue;
			}
			claimed.saturating_inc();
			tokens.saturating_accrue(programs.len() as u32);
			total.saturating_accrue(Self::claim_in(&who, dam, programs, &tracked, shares)?);
		}
		ensure!(!total.is_zero(), Error::<T>::NothingToClaim);
		Ok((claimed, tokens))
	}

	/// The weight of `claim_all_rewards` over `dams` DAMs that track `tokens` tokens in all:
	/// each DAM with its first token, then each further token, in DAMs as large as
	/// `claim_rewards` is charged for.
	pub(crate) fn claim_all_weight(dams: u32, tokens: u32) -> Weight {
		T::WeightInfo::claim_all_rewards(dams, tokens.saturating_sub(dams))
			.saturating_add(Self::large_dam_surcharge(dams))
	}

	/// What claiming from `dams` DAMs of `MEASURED_DELEGATORS` holders costs more than from
	/// DAMs of one, as the `claim_rewards` benchmark measures it: the benchmarks of the other
	/// claims set up small DAMs, and claims are charged at the large end all the same.
	pub(crate) fn large_dam_surcharge(dams: u32) -> Weight {
		T::WeightInfo::claim_rewards(1, crate::MEASURED_DELEGATORS)
			.saturating_sub(T::WeightInfo::claim_rewards(1, 1))
			.saturating_mul(dams.into())
	}

	/// Claims `who`'s rewards from its `shares` of `dam` in each of `programs`, minted to
	/// `who`; `tracked` is the DAM's list of tokens. Returns the total minted, which may be
	/// zero.
	fn claim_in(
		who: &T::AccountId,
		dam: DamId,
		mut programs: Vec<ProgramId>,
		tracked: &[ProgramId],
		shares: u128,
	) -> Result<BalanceOf<T>, DispatchError> {
		let now = frame_system::Pallet::<T>::block_number();
		let blocks_per_day = T::Marketplace::params().blocks_per_day;
		programs.sort_unstable();
		programs.dedup();
		let mut total = BalanceOf::<T>::zero();
		for id in programs {
			// A token that retired from the DAM's list still pays what its holders are owed.
			let retired = !tracked.contains(&id);
			if retired {
				let ended = Programs::<T>::get(id).is_some_and(|p| now >= p.ends_at);
				let owed = Holdings::<T>::contains_key((dam, id, who))
					|| Contributions::<T>::contains_key((dam, id, who));
				ensure!(ended && owed, Error::<T>::NotRewardToken);
			}
			let growth = Self::settle_claimant(dam, id, who, shares, retired, blocks_per_day);
			let Some(mut holding) = Holdings::<T>::get((dam, id, who)) else { continue };
			let amount = units(holding.owed);
			if amount.is_zero() {
				continue;
			}
			let amount = BalanceOf::<T>::try_from(amount).map_err(|_| Error::<T>::Overflow)?;
			holding.owed = holding
				.owed
				.saturating_sub(U256::from(amount.into()).saturating_mul(U256::from(SCALE)));
			let token = Self::mint(id, who, amount)?;
			let contributes = growth
				&& Contributions::<T>::get((dam, id, who))
					.is_some_and(|part| !part.weight.is_zero());
			let done = shares.is_zero() && holding.owed.is_zero() && !contributes;
			if retired || done {
				// Nothing more to earn here; a fraction of a unit left stays in the escrow.
				Holdings::<T>::remove((dam, id, who));
				Contributions::<T>::remove((dam, id, who));
			} else {
				Holdings::<T>::insert((dam, id, who), holding);
			}
			total.saturating_accrue(amount);
			Self::deposit_event(Event::RewardsClaimed {
				dam,
				program: id,
				delegator: who.clone(),
				token,
				amount,
			});
		}
		Ok(total)
	}

	/// Books `holders` of `dam` against the final reward per share of `program`'s ended
	/// program, starting the token's retirement if it has not started; the token leaves the
	/// DAM's list once every earning share is booked. Holders without earning shares are
	/// skipped: nothing of theirs is left to book.
	pub(crate) fn do_retire_token(
		dam: DamId,
		id: ProgramId,
		holders: Vec<T::AccountId>,
	) -> DispatchResult {
		ensure!(TrackedPrograms::<T>::get(dam).contains(&id), Error::<T>::NotTracked);
		let booking = if Self::retirement(dam, id).is_some() {
			true
		} else {
			let program = Self::program(id)?;
			let now = frame_system::Pallet::<T>::block_number();
			ensure!(now >= program.ends_at, Error::<T>::ProgramRunning);
			Self::start_retiring(dam, id)
		};
		if booking {
			let earning: Vec<(&T::AccountId, Shares<u128>)> = holders
				.iter()
				.map(|who| (who, T::Dams::shares(dam, who).convert()))
				.filter(|(_, shares)| !shares.is_zero())
				.collect();
			let mut record = DamRewards::<T>::get(dam, id);
			Self::settle_holders(dam, id, &mut record, &earning, None, false);
			Self::put_dam_reward(dam, id, record);
		}
		Ok(())
	}

	pub(crate) fn do_claim_operator_rewards(
		who: T::AccountId,
		id: ProgramId,
		dam: DamId,
	) -> Result<BalanceOf<T>, DispatchError> {
		let current = Self::stake(id, dam);
		let runs_it = current.as_ref().is_some_and(|stake| stake.operator == who);
		let former = FormerOperatorRewards::<T>::contains_key((id, dam, &who));
		ensure!(current.is_some() || former, Error::<T>::NoStake);
		ensure!(runs_it || former, Error::<T>::NotStakeOperator);
		let mut owed = FormerOperatorRewards::<T>::get((id, dam, &who));
		let mut stake = None;
		if runs_it {
			Self::sync(id, dam, false);
			let mut current = Self::stake(id, dam).ok_or(Error::<T>::NoStake)?;
			owed = owed.saturating_add(core::mem::take(&mut current.operator_owed));
			stake = Some(current);
		}
		let amount = units(owed);
		ensure!(!amount.is_zero(), Error::<T>::NothingToClaim);
		let amount = BalanceOf::<T>::try_from(amount).map_err(|_| Error::<T>::Overflow)?;
		// The fraction below a unit stays with the installation's record.
		let left = owed.saturating_sub(U256::from(amount.into()).saturating_mul(U256::from(SCALE)));
		FormerOperatorRewards::<T>::remove((id, dam, &who));
		let token = Self::mint(id, &who, amount)?;
		// A former Operator's fraction below a unit stays in the escrow.
		if let Some(mut stake) = stake {
			stake.operator_owed = left;
			let mut record = DamRewards::<T>::get(dam, id);
			// Once the installation is gone and its Operator is paid, the stake goes.
			record.stake = (stake.active || !units(left).is_zero()).then_some(stake);
			Self::put_dam_reward(dam, id, record);
		}
		Self::deposit_event(Event::OperatorRewardsClaimed {
			program: id,
			dam,
			operator: who,
			token,
			amount,
		});
		Ok(amount)
	}

	pub(crate) fn do_redeem(
		who: T::AccountId,
		id: ProgramId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let program = Self::program(id)?;
		ensure!(
			T::SyntheticAssets::reducible_balance(
				program.token.clone(),
				&who,
				Preservation::Expendable,
				Fortitude::Polite,
			) >= amount,
			Error::<T>::InsufficientTokens
		);
		T::SyntheticAssets::burn_from(
			program.token.clone(),
			&who,
			amount,
			Preservation::Expendable,
			Precision::Exact,
			Fortitude::Polite,
		)?;
		Self::pay_from_escrow(id, &program, &who, amount)?;
		Self::deposit_event(Event::Redeemed {
			program: id,
			who,
			token: program.token,
			amount,
			asset: program.reward_asset,
		});
		Ok(())
	}

	pub(crate) fn do_reclaim_budget(
		who: T::AccountId,
		id: ProgramId,
	) -> Result<BalanceOf<T>, DispatchError> {
		let mut program = Self::accrued_program(id).ok_or(Error::<T>::NoProgram)?;
		Self::ensure_network_manager(&who, program.network)?;
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now >= program.ends_at, Error::<T>::ProgramRunning);
		// What accrued stays for its claimants; only the budget leaves, and never the
		// escrow's last minimum balance.
		let free = <T::Assets as fungibles::Inspect<_>>::reducible_balance(
			program.reward_asset.clone(),
			&Self::escrow(id),
			Preservation::Preserve,
			Fortitude::Polite,
		);
		let amount = program.budget.min(free);
		ensure!(!amount.is_zero(), Error::<T>::NothingToReclaim);
		program.budget.saturating_reduce(amount);
		Self::pay_from_escrow(id, &program, &who, amount)?;
		Programs::<T>::insert(id, program);
		Self::deposit_event(Event::BudgetReclaimed { program: id, manager: who, amount });
		Ok(amount)
	}

	pub(crate) fn do_join_program(id: ProgramId, dam: DamId) -> DispatchResult {
		let program = Self::program(id)?;
		ensure!(
			T::Marketplace::installation(program.network, dam).is_some(),
			Error::<T>::NotInstalled
		);
		Self::join(id, &program, dam)?;
		Self::deposit_event(Event::ProgramJoined { program: id, dam });
		Ok(())
	}
}
