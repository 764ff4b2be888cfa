//! What the marketplace and the DAM pallet tell the rewards pallet, once after each change:
//! Networks and installations through [`OnNetworkChange`], shares through [`OnSharesChange`].

use crate::{pallet::*, types::*, weights::WeightInfo};
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{
		fungible::{Inspect as _, Mutate as _},
		fungibles::{metadata::MetadataDeposit, metadata::Mutate as _, Create, Inspect},
		tokens::Preservation,
	},
};
use nektar_primitives::{
	DamId, MarketplaceInspect, NetworkId, NetworkStatus, OnNetworkChange, OnSharesChange, Shares,
};
use polkadot_sdk::{
	frame_support::{self, weights::Weight},
	frame_system,
	sp_core::U256,
	sp_runtime::traits::{Convert, Saturating, Zero},
};

impl<T: Config> OnNetworkChange for Pallet<T> {
	fn on_network_live(network: NetworkId) -> DispatchResult {
		Self::create_program(network)
	}

	fn on_network_status_changed(network: NetworkId) {
		let Some(mut program) = Self::accrued_program(network) else { return };
		program.accruing =
			T::Marketplace::network(network).is_some_and(|n| n.status == NetworkStatus::Live);
		Programs::<T>::insert(network, program);
	}

	fn on_installation_requested(network: NetworkId, dam: DamId) -> DispatchResult {
		if !Programs::<T>::contains_key(network) {
			return Ok(());
		}
		DamTokens::<T>::try_mutate(dam, |tokens| {
			if tokens.contains(&network) {
				return Ok(());
			}
			tokens.try_push(network).map_err(|_| Error::<T>::TooManyRewardTokens.into())
		})
	}

	fn on_installation_changed(network: NetworkId, dam: DamId) {
		Self::sync(network, dam, true);
	}

	fn on_installation_removed(network: NetworkId, dam: DamId) {
		// Once the token earned this DAM anything, its holders may be owed: the token stays
		// on the DAM's list so that every later change of shares settles it.
		if RewardPerShare::<T>::get(dam, network).is_zero() {
			DamTokens::<T>::mutate(dam, |tokens| tokens.retain(|n| *n != network));
		}
	}

	fn hook_weight() -> Weight {
		// One installation synced; whitelisting's program set-up is in its own benchmark.
		T::WeightInfo::share_change(1)
	}
}

impl<T: Config> OnSharesChange<T::AccountId> for Pallet<T> {
	fn on_shares_changed(
		dam: DamId,
		prev_active: Shares<u128>,
		holders: &[(&T::AccountId, Shares<u128>)],
	) {
		Self::settle_dam(dam, Some(prev_active), holders, true, None);
	}

	fn on_shares_transferred(
		dam: DamId,
		from: &T::AccountId,
		to: &T::AccountId,
		moved: Shares<u128>,
		prev_from: Shares<u128>,
		prev_to: Shares<u128>,
	) {
		// A transfer moves no earning shares in or out of the DAM, nor any stake.
		Self::settle_dam(
			dam,
			None,
			&[(from, prev_from), (to, prev_to)],
			false,
			Some((moved, prev_from)),
		);
	}

	fn on_spent(dam: DamId, network: NetworkId, amount: u128) {
		Self::record_spend(dam, network, amount);
	}

	fn share_change_weight() -> Weight {
		let tokens = T::MaxRewardTokens::get();
		T::WeightInfo::share_change(tokens).max(T::WeightInfo::share_change_growth(tokens))
	}

	fn share_change_weight_of(dam: DamId) -> Weight {
		let tokens = DamTokens::<T>::decode_len(dam).unwrap_or_default() as u32;
		T::WeightInfo::share_change(tokens)
			.max(T::WeightInfo::share_change_growth(tokens))
			.saturating_add(T::DbWeight::get().reads(1))
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_untrack(dam: DamId) {
		DamTokens::<T>::remove(dam);
	}
}

impl<T: Config> Pallet<T> {
	/// Sets up the reward program of a Network that just went live: its escrow, and its
	/// synthetic token, created by this pallet with the Network's name and reward symbol. The
	/// manager pays the token's metadata deposit and the escrow's existential deposit.
	fn create_program(network: NetworkId) -> DispatchResult {
		ensure!(!Programs::<T>::contains_key(network), Error::<T>::ProgramExists);
		let view = T::Marketplace::network(network).ok_or(Error::<T>::NetworkNotFound)?;
		let token = T::TokenIdOf::convert(network);
		ensure!(!T::SyntheticAssets::asset_exists(token.clone()), Error::<T>::TokenIdTaken);

		let limit = T::TokenStringLimit::get() as usize;
		let (mut name, mut symbol) =
			T::Marketplace::reward_token_metadata(network).unwrap_or_default();
		name.truncate(limit);
		symbol.truncate(limit);
		let escrow = Self::escrow(network);
		let deposit = T::SyntheticAssets::calc_metadata_deposit(&name, &symbol)
			.saturating_add(T::Currency::minimum_balance());
		T::Currency::transfer(&view.manager, &escrow, deposit, Preservation::Preserve)
			.map_err(|_| Error::<T>::CannotPayTokenDeposit)?;
		T::SyntheticAssets::create(token.clone(), escrow.clone(), false, 1u32.into())?;
		T::SyntheticAssets::set(
			token.clone(),
			&escrow,
			name,
			symbol,
			T::Decimals::convert(view.reward_asset.clone()),
		)?;

		let now = frame_system::Pallet::<T>::block_number();
		Programs::<T>::insert(
			network,
			Program {
				token: token.clone(),
				reward_asset: view.reward_asset.clone(),
				delegator_rate: view.delegator_rate,
				operator_rate: view.operator_rate,
				operator_commission: view.operator_commission,
				budget: Zero::zero(),
				accrued: Zero::zero(),
				weighted_exposure: Zero::zero(),
				performance: 0,
				per_exposure: U256::zero(),
				per_performance: U256::zero(),
				updated_at: now,
				ends_at: view.ends_at().unwrap_or(now),
				accruing: true,
				dry: false,
			},
		);
		Self::deposit_event(Event::ProgramCreated {
			network,
			token,
			escrow,
			reward_asset: view.reward_asset,
		});
		Ok(())
	}
}
