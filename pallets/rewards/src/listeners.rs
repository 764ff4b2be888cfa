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
	DamId, DamProvider, MarketplaceInspect, NetworkId, NetworkStatus, OnNetworkChange,
	OnSharesChange, Shares,
};
use polkadot_sdk::{
	frame_support::{self, weights::Weight},
	frame_system,
	sp_core::U256,
	sp_runtime::traits::{Bounded, Convert, Saturating, Zero},
};

impl<T: Config> nektar_primitives::RewardFunding<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn fund(program: ProgramId, from: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		Self::do_fund_rewards(from.clone(), program, amount)
	}
}

impl<T: Config> OnNetworkChange for Pallet<T> {
	fn on_network_live(network: NetworkId) -> DispatchResult {
		Self::create_primary_program(network)
	}

	fn on_network_status_changed(network: NetworkId) {
		let live =
			T::Marketplace::network(network).is_some_and(|n| n.status == NetworkStatus::Live);
		for id in NetworkPrograms::<T>::get(network) {
			let Some(mut program) = Self::accrued_program(id) else { continue };
			program.accruing = live;
			Programs::<T>::insert(id, program);
		}
	}

	fn on_installation_requested(network: NetworkId, dam: DamId) -> DispatchResult {
		let programs = NetworkPrograms::<T>::get(network);
		TrackedPrograms::<T>::try_mutate(dam, |tracked| {
			for id in programs {
				if !tracked.contains(&id) {
					tracked.try_push(id).map_err(|_| Error::<T>::TooManyRewardTokens)?;
				}
			}
			Ok(())
		})
	}

	fn on_installation_changed(network: NetworkId, dam: DamId) {
		Self::sync_network(network, dam);
	}

	fn on_installation_removed(network: NetworkId, dam: DamId) {
		// Once a token earned this DAM anything, its holders may be owed: the token stays on
		// the DAM's list so that every later change of shares settles it.
		let programs = NetworkPrograms::<T>::get(network);
		TrackedPrograms::<T>::mutate(dam, |tracked| {
			tracked
				.retain(|id| !programs.contains(id) || !Self::reward_per_share(dam, *id).is_zero())
		});
	}

	fn hook_weight() -> Weight {
		// Each program of the installation's Network synced, or joined if it was added after
		// the installation; whitelisting's program set-up is in its own benchmark.
		let programs = T::MaxProgramsPerNetwork::get();
		T::WeightInfo::share_change(programs)
			.max(T::WeightInfo::join_program().saturating_mul(programs.into()))
	}
}

impl<T: Config> OnSharesChange<T::AccountId> for Pallet<T> {
	fn on_shares_changed(
		dam: DamId,
		prev_active: Shares<u128>,
		holders: &[(&T::AccountId, Shares<u128>)],
	) {
		// Only a Collateral DAM's exposure follows its shares.
		Self::settle_dam(dam, Some(prev_active), holders, T::Dams::active_stake(dam), None);
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
			None,
			Some((moved, prev_from)),
		);
	}

	fn on_spent(dam: DamId, network: NetworkId, amount: u128) {
		for id in Self::joined(dam, network) {
			Self::record_spend(dam, id, amount);
		}
	}

	fn share_change_weight(tokens: u32) -> Weight {
		let tokens = tokens.min(T::MaxRewardTokens::get());
		T::WeightInfo::share_change(tokens).max(T::WeightInfo::share_change_growth(tokens))
	}

	fn tracked_tokens(dam: DamId) -> u32 {
		TrackedPrograms::<T>::decode_len(dam).unwrap_or_default() as u32
	}

	fn share_change_weight_of(dam: DamId) -> Weight {
		let tokens = Self::tracked_tokens(dam);
		// A Collateral DAM never shares by what its holders paid in.
		match T::Dams::active_stake(dam) {
			Some(_) => T::WeightInfo::share_change(tokens.min(T::MaxRewardTokens::get())),
			None => Self::share_change_weight(tokens),
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_untrack(dam: DamId) {
		TrackedPrograms::<T>::remove(dam);
	}
}

impl<T: Config> Pallet<T> {
	/// What syncing or joining the further programs of a Network adds to a change of one of its
	/// installations benchmarked with the primary program alone.
	pub(crate) fn further_programs_weight() -> Weight {
		T::WeightInfo::join_program()
			.max(T::WeightInfo::share_change(1))
			.saturating_mul(T::MaxProgramsPerNetwork::get().saturating_sub(1).into())
	}

	/// Sets up the primary reward program of a Network that just went live, under the
	/// Network's id: its escrow, and its synthetic token, created by this pallet with the
	/// Network's name and reward symbol. The manager pays the token's metadata deposit and the
	/// escrow's existential deposit. The incentive programs added while the Network was
	/// pending start accruing now.
	fn create_primary_program(network: NetworkId) -> DispatchResult {
		ensure!(network < FIRST_INCENTIVE_PROGRAM, Error::<T>::ProgramIdsExhausted);
		let view = T::Marketplace::network(network).ok_or(Error::<T>::NetworkNotFound)?;
		let (name, symbol) = T::Marketplace::reward_token_metadata(network).unwrap_or_default();
		let rates =
			Rates { delegator_rate: view.delegator_rate, operator_rate: view.operator_rate };
		let pending = NetworkPrograms::<T>::get(network);
		Self::open_program(
			network,
			network,
			&view,
			view.reward_asset.clone(),
			rates,
			name,
			symbol,
		)?;
		let now = frame_system::Pallet::<T>::block_number();
		for id in pending {
			Programs::<T>::mutate(id, |program| {
				if let Some(program) = program {
					program.updated_at = now;
					program.ends_at = view.ends_at().unwrap_or(now);
					program.accruing = true;
				}
			});
		}
		Ok(())
	}

	/// Adds an incentive program to `network`, paying in `reward_asset` at `rates`, with its
	/// own escrow and a synthetic token named after the Network and the asset. Returns its id.
	pub(crate) fn do_add_incentive_program(
		who: T::AccountId,
		network: NetworkId,
		reward_asset: T::AssetKind,
		rates: RatesOf<T>,
	) -> Result<ProgramId, DispatchError> {
		let view = Self::ensure_network_manager(&who, network)?;
		ensure!(
			matches!(view.status, NetworkStatus::Pending | NetworkStatus::Live),
			Error::<T>::NetworkClosed
		);
		ensure!(
			T::Marketplace::is_asset_whitelisted(&reward_asset),
			Error::<T>::AssetNotWhitelisted
		);
		ensure!(
			!rates.delegator_rate.is_zero() || !rates.operator_rate.is_zero(),
			Error::<T>::ZeroRewardRates
		);
		// The primary program of a Network that is not live yet takes its slot when it does.
		let primary = if Programs::<T>::contains_key(network) { 0 } else { 1 };
		ensure!(
			NetworkPrograms::<T>::decode_len(network).unwrap_or_default() + primary
				< T::MaxProgramsPerNetwork::get() as usize,
			Error::<T>::TooManyPrograms
		);
		let count = NextIncentiveProgram::<T>::get();
		let id = FIRST_INCENTIVE_PROGRAM
			.checked_add(count)
			.filter(|id| *id < FIRST_INCENTIVE_PROGRAM.saturating_mul(2))
			.ok_or(Error::<T>::ProgramIdsExhausted)?;
		let (name, symbol) = T::Marketplace::reward_token_metadata(network).unwrap_or_default();
		let asset_symbol = T::Symbol::convert(reward_asset.clone());
		let joined = |a: alloc::vec::Vec<u8>, sep: u8| {
			let mut out = a;
			out.push(sep);
			out.extend_from_slice(&asset_symbol);
			out
		};
		Self::open_program(
			id,
			network,
			&view,
			reward_asset,
			rates,
			joined(name, b' '),
			joined(symbol, b'-'),
		)?;
		NextIncentiveProgram::<T>::put(count.saturating_add(1));
		Ok(id)
	}

	/// Opens program `id` of the Network `view`: its escrow, funded by the manager with the
	/// existential deposit and the token's metadata deposit, and its synthetic token, named
	/// `name` and `symbol` within the token's limits. It accrues from now if the Network is
	/// live, and from when it goes live otherwise.
	fn open_program(
		id: ProgramId,
		network: NetworkId,
		view: &NetworkViewOf<T>,
		reward_asset: T::AssetKind,
		rates: RatesOf<T>,
		mut name: alloc::vec::Vec<u8>,
		mut symbol: alloc::vec::Vec<u8>,
	) -> DispatchResult {
		ensure!(!Programs::<T>::contains_key(id), Error::<T>::ProgramExists);
		let token = T::TokenIdOf::convert(id);
		ensure!(!T::SyntheticAssets::asset_exists(token.clone()), Error::<T>::TokenIdTaken);
		let limit = T::TokenStringLimit::get() as usize;
		name.truncate(limit);
		symbol.truncate(limit);
		let escrow = Self::escrow(id);
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
			T::Decimals::convert(reward_asset.clone()),
		)?;
		NetworkPrograms::<T>::try_mutate(network, |programs| {
			// The primary program comes first.
			let at = if id == network { 0 } else { programs.len() };
			programs.try_insert(at, id).map_err(|_| Error::<T>::TooManyPrograms)
		})?;

		let now = frame_system::Pallet::<T>::block_number();
		let live = view.status == NetworkStatus::Live;
		Programs::<T>::insert(
			id,
			Program {
				network,
				token: token.clone(),
				reward_asset: reward_asset.clone(),
				delegator_rate: rates.delegator_rate,
				operator_rate: rates.operator_rate,
				operator_commission: view.operator_commission,
				budget: Zero::zero(),
				accrued: Zero::zero(),
				weighted_exposure: Zero::zero(),
				performance: 0,
				per_exposure: U256::zero(),
				per_performance: U256::zero(),
				updated_at: now,
				// A program of a pending Network ends once the Network has run its duration.
				ends_at: view
					.ends_at()
					.unwrap_or_else(frame_system::pallet_prelude::BlockNumberFor::<T>::max_value),
				accruing: live || id == network,
				dry: false,
			},
		);
		Self::deposit_event(Event::ProgramCreated {
			network,
			program: id,
			token,
			escrow,
			reward_asset,
		});
		Ok(())
	}
}
