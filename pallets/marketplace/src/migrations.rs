//! Storage migrations of the marketplace.

use crate::{pallet::*, types::*};
use codec::{Decode, Encode};
use frame_support::{migrations::VersionedMigration, pallet_prelude::*};
use nektar_primitives::{
	Checked, CheckedMigration, InstallationStatus, NetworkId, NetworkStatus, ProtocolParams,
};
use polkadot_sdk::{frame_support, frame_system, sp_runtime};
use sp_runtime::{
	traits::{Saturating, Zero},
	Perbill, Permill,
};

/// Version 1 to 2: the protocol parameters gain the commitment delay, the longest dispute
/// window, the resolution period, the smallest penalty and the fee-increase delay; each
/// installation gains the checkpoint that keeps a lowered commitment slashable.
pub mod v2 {
	use super::*;

	/// The protocol parameters as version 1 stored them.
	#[derive(Encode, Decode, Clone, Copy, PartialEq, Eq, Debug)]
	pub struct OldParams<BlockNumber> {
		pub max_dam_fee: Perbill,
		pub withdrawal_delay: BlockNumber,
		pub min_dispute_window: BlockNumber,
		pub repay_grace: BlockNumber,
		pub blocks_per_day: BlockNumber,
	}

	/// An installation as version 1 stored it.
	#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug)]
	pub struct OldInstallation<AccountId, Balance, BlockNumber> {
		pub status: InstallationStatus,
		pub operator: AccountId,
		pub exposure: Balance,
		pub max_exposure: Balance,
		pub performance: Permill,
		pub requested_at: BlockNumber,
		pub confirmed_at: Option<BlockNumber>,
	}

	/// The new parameters of a chain that had `old`, in the version-2 layout: each new delay
	/// is the withdrawal delay (the longest delay a holder already accepted), the longest
	/// dispute window is seven times the shortest, and the smallest penalty is 0.1%.
	pub fn upgraded_params<N: Copy + polkadot_sdk::sp_runtime::traits::Saturating + From<u32>>(
		old: OldParams<N>,
	) -> super::v3::OldParams<N> {
		super::v3::OldParams {
			max_dam_fee: old.max_dam_fee,
			withdrawal_delay: old.withdrawal_delay,
			commitment_delay: old.withdrawal_delay,
			min_dispute_window: old.min_dispute_window,
			max_dispute_window: old.min_dispute_window.saturating_mul(7u32.into()),
			resolution_period: old.withdrawal_delay,
			min_penalty: Perbill::from_rational(1u32, 1_000u32),
			fee_increase_delay: old.withdrawal_delay,
			repay_grace: old.repay_grace,
			blocks_per_day: old.blocks_per_day,
		}
	}

	/// The migration's body; [`MigrateV1ToV2`] runs it once, at storage version 1.
	pub struct InnerMigrateV1ToV2<T>(core::marker::PhantomData<T>);

	impl<T: Config> CheckedMigration for InnerMigrateV1ToV2<T> {
		fn migrate() -> Weight {
			let mut writes = 0u64;
			let old: Option<OldParams<BlockNumberOf<T>>> =
				frame_support::storage::unhashed::get(&Params::<T>::hashed_key());
			if let Some(old) = old {
				frame_support::storage::unhashed::put(
					&Params::<T>::hashed_key(),
					&upgraded_params(old),
				);
				writes.saturating_inc();
			}
			Installations::<T>::translate::<
				OldInstallation<T::AccountId, BalanceOf<T>, BlockNumberOf<T>>,
				_,
			>(|_, _, old| {
				writes.saturating_inc();
				Some(Installation {
					status: old.status,
					operator: old.operator,
					exposure: old.exposure,
					held_exposure: Zero::zero(),
					held_until: Zero::zero(),
					max_exposure: old.max_exposure,
					performance: old.performance,
					requested_at: old.requested_at,
					confirmed_at: old.confirmed_at,
				})
			});
			T::DbWeight::get().reads_writes(writes.saturating_add(1), writes)
		}

		/// What the checks after the upgrade compare with: the number of installations.
		fn pre_checks() -> alloc::vec::Vec<u8> {
			(Installations::<T>::iter_keys().count() as u32).encode()
		}

		/// Checks the upgraded state against what [`Self::pre_checks`] saw.
		fn post_checks(state: alloc::vec::Vec<u8>) -> Result<(), &'static str> {
			let before = u32::decode(&mut &state[..]).map_err(|_| "undecodable state")?;
			let after = Installations::<T>::iter_values().count() as u32;
			ensure!(before == after, "installations were lost");
			ensure!(
				Installations::<T>::iter_values().all(|i| i.held_until.is_zero()),
				"an installation holds a commitment it never lowered"
			);
			let params: super::v3::OldParams<BlockNumberOf<T>> =
				frame_support::storage::unhashed::get(&Params::<T>::hashed_key())
					.ok_or("the upgraded parameters are missing")?;
			Pallet::<T>::ensure_valid_params(&super::v3::upgraded_params(params))
				.map_err(|_| "the upgraded parameters are not valid")?;
			Ok(())
		}
	}

	/// Runs [`InnerMigrateV1ToV2`] once, from storage version 1 to 2.
	pub type MigrateV1ToV2<T> = VersionedMigration<
		1,
		2,
		Checked<InnerMigrateV1ToV2<T>>,
		Pallet<T>,
		<T as polkadot_sdk::frame_system::Config>::DbWeight,
	>;
}

/// Version 2 to 3: Operators may take a commission on their installations' delegator rewards.
/// The protocol parameters gain `max_operator_commission`, 50%; the terms of every Network
/// registered before gain `operator_commission`, zero, so that what they pay does not change.
pub mod v3 {
	use super::*;
	use nektar_primitives::NetworkKind;
	use polkadot_sdk::sp_runtime::FixedU128;

	/// The protocol parameters as version 2 stored them.
	#[derive(Encode, Decode, Clone, Copy, PartialEq, Eq, Debug)]
	pub struct OldParams<BlockNumber> {
		pub max_dam_fee: Perbill,
		pub withdrawal_delay: BlockNumber,
		pub commitment_delay: BlockNumber,
		pub min_dispute_window: BlockNumber,
		pub max_dispute_window: BlockNumber,
		pub resolution_period: BlockNumber,
		pub min_penalty: Perbill,
		pub fee_increase_delay: BlockNumber,
		pub repay_grace: BlockNumber,
		pub blocks_per_day: BlockNumber,
	}

	/// A Network's terms as version 2 stored them.
	#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug)]
	pub struct OldTerms<AccountId, AssetKind, Balance, BlockNumber> {
		pub kind: NetworkKind,
		pub deposit_asset: AssetKind,
		pub min_allocation: Balance,
		pub amount_requested: Balance,
		pub operators_requested: u32,
		pub duration: BlockNumber,
		pub lock_period: Option<BlockNumber>,
		pub safe: Option<AccountId>,
		pub reward_asset: AssetKind,
		pub delegator_rate: FixedU128,
		pub operator_rate: Balance,
		pub penalty: Option<PenaltyTerms<AccountId, BlockNumber>>,
		pub return_bond: Option<Balance>,
	}

	/// A Network as version 2 stored it.
	#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug)]
	pub struct OldNetwork<AccountId, AssetKind, Balance, BlockNumber> {
		pub manager: AccountId,
		pub terms: OldTerms<AccountId, AssetKind, Balance, BlockNumber>,
		pub status: NetworkStatus,
		pub deposit: Balance,
		pub bond: Balance,
		pub registered_at: BlockNumber,
		pub live_since: Option<BlockNumber>,
		pub installations: u32,
		pub requests: u32,
		pub total_exposure: Balance,
	}

	/// A Network of this runtime as version 2 stored it.
	pub type OldNetworkOf<T> = OldNetwork<
		<T as frame_system::Config>::AccountId,
		AssetKindOf<T>,
		BalanceOf<T>,
		BlockNumberOf<T>,
	>;

	/// The parameters of version 3 for a chain that had `old`: Operators may take at most half
	/// of the delegator rewards.
	pub fn upgraded_params<N>(old: OldParams<N>) -> ProtocolParams<N> {
		ProtocolParams {
			max_dam_fee: old.max_dam_fee,
			max_operator_commission: Perbill::from_percent(50),
			withdrawal_delay: old.withdrawal_delay,
			commitment_delay: old.commitment_delay,
			min_dispute_window: old.min_dispute_window,
			max_dispute_window: old.max_dispute_window,
			resolution_period: old.resolution_period,
			min_penalty: old.min_penalty,
			fee_increase_delay: old.fee_increase_delay,
			repay_grace: old.repay_grace,
			blocks_per_day: old.blocks_per_day,
		}
	}

	/// A Network of version 2 in version 3: its terms take no commission.
	pub fn upgraded_network<AccountId, AssetKind, Balance, BlockNumber>(
		old: OldNetwork<AccountId, AssetKind, Balance, BlockNumber>,
	) -> Network<AccountId, AssetKind, Balance, BlockNumber> {
		let t = old.terms;
		Network {
			manager: old.manager,
			terms: NetworkTerms {
				kind: t.kind,
				deposit_asset: t.deposit_asset,
				min_allocation: t.min_allocation,
				amount_requested: t.amount_requested,
				operators_requested: t.operators_requested,
				duration: t.duration,
				lock_period: t.lock_period,
				safe: t.safe,
				reward_asset: t.reward_asset,
				delegator_rate: t.delegator_rate,
				operator_rate: t.operator_rate,
				operator_commission: Perbill::zero(),
				penalty: t.penalty,
				return_bond: t.return_bond,
			},
			status: old.status,
			deposit: old.deposit,
			bond: old.bond,
			registered_at: old.registered_at,
			live_since: old.live_since,
			installations: old.installations,
			requests: old.requests,
			total_exposure: old.total_exposure,
		}
	}

	/// The migration's body; [`MigrateV2ToV3`] runs it once, at storage version 2.
	pub struct InnerMigrateV2ToV3<T>(core::marker::PhantomData<T>);

	impl<T: Config> CheckedMigration for InnerMigrateV2ToV3<T> {
		fn migrate() -> Weight {
			let mut writes = 0u64;
			let old: Option<OldParams<BlockNumberOf<T>>> =
				frame_support::storage::unhashed::get(&Params::<T>::hashed_key());
			if let Some(old) = old {
				Params::<T>::put(upgraded_params(old));
				writes.saturating_inc();
			}
			Networks::<T>::translate::<OldNetworkOf<T>, _>(|_, old| {
				writes.saturating_inc();
				Some(upgraded_network(old))
			});
			T::DbWeight::get().reads_writes(writes.saturating_add(1), writes)
		}

		/// What the checks after the upgrade compare with: every Network as version 2 stored
		/// it.
		fn pre_checks() -> alloc::vec::Vec<u8> {
			let networks: alloc::vec::Vec<(NetworkId, OldNetworkOf<T>)> =
				Networks::<T>::iter_keys()
					.filter_map(|id| {
						let key = Networks::<T>::hashed_key_for(id);
						frame_support::storage::unhashed::get::<OldNetworkOf<T>>(&key)
							.map(|n| (id, n))
					})
					.collect();
			networks.encode()
		}

		/// Checks the upgraded state against what [`Self::pre_checks`] saw: every Network is
		/// there with the same record and no commission, and the parameters are valid.
		fn post_checks(state: alloc::vec::Vec<u8>) -> Result<(), &'static str> {
			let before = alloc::vec::Vec::<(NetworkId, OldNetworkOf<T>)>::decode(&mut &state[..])
				.map_err(|_| "undecodable state")?;
			ensure!(
				before.len() == Networks::<T>::iter_keys().count(),
				"the number of Networks changed"
			);
			for (id, old) in before {
				let now = Networks::<T>::get(id).ok_or("a Network was lost")?;
				ensure!(now == upgraded_network(old), "a Network's record changed");
			}
			Pallet::<T>::ensure_valid_params(&Params::<T>::get())
				.map_err(|_| "the upgraded parameters are not valid")?;
			Ok(())
		}
	}

	/// Runs [`InnerMigrateV2ToV3`] once, from storage version 2 to 3.
	pub type MigrateV2ToV3<T> = VersionedMigration<
		2,
		3,
		Checked<InnerMigrateV2ToV3<T>>,
		Pallet<T>,
		<T as polkadot_sdk::frame_system::Config>::DbWeight,
	>;
}
