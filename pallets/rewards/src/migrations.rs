//! Storage migrations of the rewards pallet.

use crate::{accrual::*, pallet::*, types::*};
use alloc::{collections::btree_map::BTreeMap, vec::Vec};
use codec::{Decode, Encode};
use frame_support::{migrations::VersionedMigration, pallet_prelude::*};
use nektar_primitives::{
	Checked, CheckedMigration, DamId, DamProvider, MarketplaceInspect, NetworkId, NetworkKind,
};
use polkadot_sdk::{frame_support, frame_system, sp_core::U256, sp_runtime::traits::Saturating};

/// Version 1 to 2: a Growth Network's rewards in a DAM that spent on it are shared by what
/// each holder paid into the spends ([`Spent`], [`Contributions`]) instead of by shares held.
///
/// For each Growth installation with exposure, every holder is first paid what it earned by
/// shares up to now. The spending then starts as if each holder paid in by its shares of
/// this moment, and the DAM's reward per share and each holder's checkpoint restart at zero,
/// now per unit spent. What each holder may claim does not change.
pub mod v2 {
	use super::*;

	/// What each holder of each Growth installation may claim: (Network, DAM, claims).
	type Claims<T> = Vec<(NetworkId, DamId, ClaimsOf<T>)>;

	/// What each holder of one installation may claim.
	type ClaimsOf<T> = BTreeMap<<T as frame_system::Config>::AccountId, BalanceOf<T>>;

	/// The Growth installations to convert: (Network, DAM).
	fn growth_installations<T: Config>() -> Vec<(NetworkId, DamId)> {
		InstallationRewards::<T>::iter_keys()
			.filter(|(network, dam)| {
				T::Marketplace::network(*network).is_some_and(|n| n.kind == NetworkKind::Growth)
					&& !Spent::<T>::contains_key(dam, network)
			})
			.collect()
	}

	/// What every holder of the DAM may claim in the Network's token now.
	fn claimable<T: Config>(network: NetworkId, dam: DamId) -> ClaimsOf<T> {
		T::Dams::holders(dam)
			.into_iter()
			.chain(Holdings::<T>::iter_key_prefix((dam, network)))
			.map(|who| {
				let amount = Pallet::<T>::pending_rewards(dam, &who)
					.into_iter()
					.find_map(|r| (r.network == network).then_some(r.amount))
					.unwrap_or_default();
				(who, amount)
			})
			.collect()
	}

	/// The migration's body; [`MigrateV1ToV2`] runs it once, at storage version 1.
	pub struct InnerMigrateV1ToV2<T>(core::marker::PhantomData<T>);

	impl<T: Config> CheckedMigration for InnerMigrateV1ToV2<T> {
		fn migrate() -> Weight {
			let (mut reads, mut writes) = (1u64, 0u64);
			for (network, dam) in growth_installations::<T>() {
				reads.saturating_accrue(4);
				let exposure: u128 = T::Dams::exposure(network, dam).into();
				let shares: u128 = T::Dams::active_shares(dam).0.into();
				if exposure == 0 || shares == 0 {
					continue;
				}
				// Everything up to now is paid by shares, as before.
				Pallet::<T>::sync(network, dam, false);
				writes.saturating_accrue(2);
				for who in T::Dams::holders(dam) {
					let shares = T::Dams::shares(dam, &who).0.into();
					Pallet::<T>::settle_holder(dam, network, &who, shares, false);
					reads.saturating_accrue(3);
					writes.saturating_inc();
				}
				// From now on, per unit spent, as if each holder paid in by its shares now.
				let holders: Vec<T::AccountId> =
					Holdings::<T>::iter_key_prefix((dam, network)).collect();
				for who in holders {
					Holdings::<T>::mutate((dam, network, &who), |holding| {
						if let Some(holding) = holding {
							holding.checkpoint = U256::zero();
						}
					});
					reads.saturating_inc();
					writes.saturating_inc();
				}
				RewardPerShare::<T>::remove(dam, network);
				Spent::<T>::insert(
					dam,
					network,
					Spending {
						per_share: mul_div(exposure.into(), SCALE.into(), shares.into()),
						reward_index: U256::zero(),
						total: BalanceOf::<T>::try_from(exposure).unwrap_or_default(),
					},
				);
				writes.saturating_accrue(2);
			}
			T::DbWeight::get().reads_writes(reads, writes)
		}

		/// What the checks after the upgrade compare with: what each holder of each Growth
		/// installation may claim.
		fn pre_checks() -> Vec<u8> {
			let claims: Claims<T> = growth_installations::<T>()
				.into_iter()
				.map(|(network, dam)| (network, dam, claimable::<T>(network, dam)))
				.collect();
			claims.encode()
		}

		/// Checks the upgraded state against what [`Self::pre_checks`] saw.
		fn post_checks(state: Vec<u8>) -> Result<(), &'static str> {
			let claims = Vec::<(NetworkId, DamId, Vec<(T::AccountId, BalanceOf<T>)>)>::decode(
				&mut &state[..],
			)
			.map_err(|_| "undecodable state")?;
			for (network, dam, before) in claims {
				let exposure: u128 = T::Dams::exposure(network, dam).into();
				let shares: u128 = T::Dams::active_shares(dam).0.into();
				ensure!(
					exposure == 0 || shares == 0 || Spent::<T>::contains_key(dam, network),
					"a Growth installation that spent was not converted"
				);
				let after = claimable::<T>(network, dam);
				for (who, amount) in before {
					ensure!(
						after.get(&who).copied().unwrap_or_default() == amount,
						"what a holder may claim changed"
					);
				}
			}
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

/// Version 2 to 3: each program keeps its Network's `operator_commission`, the share of each
/// installation's delegator rewards that goes to its Operator. Programs of Networks registered
/// before take none, as their terms say after the marketplace's own migration to version 3.
pub mod v3 {
	use super::*;
	use polkadot_sdk::sp_runtime::{FixedU128, Perbill};

	/// A program as version 2 stored it.
	#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug)]
	pub struct OldProgram<AssetKind, TokenId, Balance, BlockNumber> {
		pub token: TokenId,
		pub reward_asset: AssetKind,
		pub delegator_rate: FixedU128,
		pub operator_rate: Balance,
		pub budget: Balance,
		pub accrued: Balance,
		pub weighted_exposure: Balance,
		pub performance: u64,
		pub per_exposure: U256,
		pub per_performance: U256,
		pub updated_at: BlockNumber,
		pub ends_at: BlockNumber,
		pub accruing: bool,
		pub dry: bool,
	}

	/// A program of this runtime as version 2 stored it.
	pub type OldProgramOf<T> = OldProgram<
		<T as Config>::AssetKind,
		<T as Config>::TokenId,
		BalanceOf<T>,
		BlockNumberOf<T>,
	>;

	/// A program of version 2 in version 3, with the commission its Network's terms set.
	pub fn upgraded_program<AssetKind, TokenId, Balance, BlockNumber>(
		old: OldProgram<AssetKind, TokenId, Balance, BlockNumber>,
		operator_commission: Perbill,
	) -> super::v4::OldProgram<AssetKind, TokenId, Balance, BlockNumber> {
		super::v4::OldProgram {
			token: old.token,
			reward_asset: old.reward_asset,
			delegator_rate: old.delegator_rate,
			operator_rate: old.operator_rate,
			operator_commission,
			budget: old.budget,
			accrued: old.accrued,
			weighted_exposure: old.weighted_exposure,
			performance: old.performance,
			per_exposure: old.per_exposure,
			per_performance: old.per_performance,
			updated_at: old.updated_at,
			ends_at: old.ends_at,
			accruing: old.accruing,
			dry: old.dry,
		}
	}

	/// The commission of `network`'s terms, none if the marketplace does not know it.
	fn commission_of<T: Config>(network: NetworkId) -> Perbill {
		T::Marketplace::network(network).map(|n| n.operator_commission).unwrap_or_default()
	}

	/// The migration's body; [`MigrateV2ToV3`] runs it once, at storage version 2.
	pub struct InnerMigrateV2ToV3<T>(core::marker::PhantomData<T>);

	impl<T: Config> CheckedMigration for InnerMigrateV2ToV3<T> {
		fn migrate() -> Weight {
			let mut count = 0u64;
			let networks: Vec<NetworkId> = Programs::<T>::iter_keys().collect();
			for network in networks {
				let key = Programs::<T>::hashed_key_for(network);
				let Some(old) = frame_support::storage::unhashed::get::<OldProgramOf<T>>(&key)
				else {
					continue;
				};
				count.saturating_inc();
				let new = upgraded_program(old, commission_of::<T>(network));
				frame_support::storage::unhashed::put(&key, &new);
			}
			// Each program and its Network are read, and the program is written.
			T::DbWeight::get().reads_writes(count.saturating_mul(2).saturating_add(1), count)
		}

		/// What the checks after the upgrade compare with: every program as version 2 stored
		/// it.
		fn pre_checks() -> Vec<u8> {
			let programs: Vec<(NetworkId, OldProgramOf<T>)> = Programs::<T>::iter_keys()
				.filter_map(|network| {
					let key = Programs::<T>::hashed_key_for(network);
					frame_support::storage::unhashed::get::<OldProgramOf<T>>(&key)
						.map(|p| (network, p))
				})
				.collect();
			programs.encode()
		}

		/// Checks the upgraded state against what [`Self::pre_checks`] saw: every program is
		/// there, unchanged but for its Network's commission.
		fn post_checks(state: Vec<u8>) -> Result<(), &'static str> {
			let before = Vec::<(NetworkId, OldProgramOf<T>)>::decode(&mut &state[..])
				.map_err(|_| "undecodable state")?;
			ensure!(
				before.len() == Programs::<T>::iter_keys().count(),
				"the number of programs changed"
			);
			for (network, old) in before {
				let key = Programs::<T>::hashed_key_for(network);
				let now = frame_support::storage::unhashed::get::<super::v4::OldProgramOf<T>>(&key)
					.ok_or("a program was lost")?;
				ensure!(
					now == upgraded_program(old, commission_of::<T>(network)),
					"a program changed"
				);
			}
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

/// Version 3 to 4: a Network may have several reward programs. Each program names its Network,
/// and each Network lists its programs ([`NetworkPrograms`]); every program of version 3 is its
/// Network's primary program and keeps its id, the Network's, so that every record keyed by it
/// stays as it is. Two maps take clearer names: `Stakes` becomes [`InstallationRewards`] and
/// `DamTokens` becomes [`TrackedPrograms`].
pub mod v4 {
	use super::*;
	use frame_support::storage::{migration::move_prefix, storage_prefix};

	/// A program as version 3 stored it: the program of version 4 without its Network.
	#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug)]
	pub struct OldProgram<AssetKind, TokenId, Balance, BlockNumber> {
		pub token: TokenId,
		pub reward_asset: AssetKind,
		pub delegator_rate: polkadot_sdk::sp_runtime::FixedU128,
		pub operator_rate: Balance,
		pub operator_commission: polkadot_sdk::sp_runtime::Perbill,
		pub budget: Balance,
		pub accrued: Balance,
		pub weighted_exposure: Balance,
		pub performance: u64,
		pub per_exposure: U256,
		pub per_performance: U256,
		pub updated_at: BlockNumber,
		pub ends_at: BlockNumber,
		pub accruing: bool,
		pub dry: bool,
	}

	/// A program of this runtime as version 3 stored it.
	pub type OldProgramOf<T> = OldProgram<
		<T as Config>::AssetKind,
		<T as Config>::TokenId,
		BalanceOf<T>,
		BlockNumberOf<T>,
	>;

	/// The program of version 3 stored under `network`, in version 4.
	pub fn upgraded_program<AssetKind, TokenId, Balance, BlockNumber>(
		network: NetworkId,
		old: OldProgram<AssetKind, TokenId, Balance, BlockNumber>,
	) -> Program<AssetKind, TokenId, Balance, BlockNumber> {
		Program {
			network,
			token: old.token,
			reward_asset: old.reward_asset,
			delegator_rate: old.delegator_rate,
			operator_rate: old.operator_rate,
			operator_commission: old.operator_commission,
			budget: old.budget,
			accrued: old.accrued,
			weighted_exposure: old.weighted_exposure,
			performance: old.performance,
			per_exposure: old.per_exposure,
			per_performance: old.per_performance,
			updated_at: old.updated_at,
			ends_at: old.ends_at,
			accruing: old.accruing,
			dry: old.dry,
		}
	}

	/// The prefix of a map of this pallet, by the name of the storage item.
	fn prefix<T: Config>(item: &[u8]) -> [u8; 32] {
		storage_prefix(<Pallet<T> as PalletInfoAccess>::name().as_bytes(), item)
	}

	/// What the checks after the upgrade compare with.
	#[derive(Encode, Decode)]
	struct State<Program, Stake> {
		programs: Vec<(NetworkId, Program)>,
		stakes: Vec<(NetworkId, DamId, Stake)>,
		tracked: Vec<(DamId, Vec<NetworkId>)>,
	}

	/// The migration's body; [`MigrateV3ToV4`] runs it once, at storage version 3.
	pub struct InnerMigrateV3ToV4<T>(core::marker::PhantomData<T>);

	impl<T: Config> CheckedMigration for InnerMigrateV3ToV4<T> {
		fn migrate() -> Weight {
			let mut count = 0u64;
			Programs::<T>::translate::<OldProgramOf<T>, _>(|network, old| {
				count.saturating_inc();
				NetworkPrograms::<T>::insert(
					network,
					BoundedVec::truncate_from(alloc::vec![network]),
				);
				Some(upgraded_program(network, old))
			});
			let mut moved = 0u64;
			for (from, to) in [
				(prefix::<T>(b"Stakes"), prefix::<T>(b"InstallationRewards")),
				(prefix::<T>(b"DamTokens"), prefix::<T>(b"TrackedPrograms")),
			] {
				moved.saturating_accrue(
					frame_support::storage::KeyPrefixIterator::new(
						from.to_vec(),
						from.to_vec(),
						|_| Ok(()),
					)
					.count() as u64,
				);
				move_prefix(&from, &to);
			}
			// Each program is read and written with its Network's list; each moved record is
			// read, written under its new name and removed under its old one.
			T::DbWeight::get().reads_writes(
				count.saturating_add(moved.saturating_mul(2)),
				count.saturating_mul(2).saturating_add(moved.saturating_mul(2)),
			)
		}

		/// What the checks after the upgrade compare with: every program, installation record
		/// and list of tracked tokens as version 3 stored them.
		fn pre_checks() -> Vec<u8> {
			let programs: Vec<(NetworkId, OldProgramOf<T>)> = Programs::<T>::iter_keys()
				.filter_map(|network| {
					let key = Programs::<T>::hashed_key_for(network);
					frame_support::storage::unhashed::get::<OldProgramOf<T>>(&key)
						.map(|p| (network, p))
				})
				.collect();
			State { programs, stakes: old_stakes::<T>(), tracked: old_tracked::<T>() }.encode()
		}

		/// Checks the upgraded state against what [`Self::pre_checks`] saw: every program is
		/// its Network's primary program, the only one listed, and the installation records and
		/// tracked tokens are where their new names say, unchanged.
		fn post_checks(state: Vec<u8>) -> Result<(), &'static str> {
			let before = State::<OldProgramOf<T>, StakeOf<T>>::decode(&mut &state[..])
				.map_err(|_| "undecodable state")?;
			ensure!(
				before.programs.len() == Programs::<T>::iter_keys().count(),
				"the number of programs changed"
			);
			for (network, old) in before.programs {
				let now = Programs::<T>::get(network).ok_or("a program was lost")?;
				ensure!(now == upgraded_program(network, old), "a program changed");
				ensure!(
					NetworkPrograms::<T>::get(network).into_inner() == alloc::vec![network],
					"a Network does not list its primary program alone"
				);
			}
			ensure!(
				before.stakes.len() == InstallationRewards::<T>::iter_keys().count(),
				"the number of installation records changed"
			);
			for (network, dam, stake) in before.stakes {
				ensure!(
					InstallationRewards::<T>::get(network, dam) == Some(stake),
					"an installation record changed"
				);
			}
			for (dam, tokens) in before.tracked {
				ensure!(
					TrackedPrograms::<T>::get(dam).into_inner() == tokens,
					"a DAM's tracked tokens changed"
				);
			}
			ensure!(NextIncentiveProgram::<T>::get() == 0, "an incentive program exists");
			Ok(())
		}
	}

	/// The installation records under their version-3 name.
	fn old_stakes<T: Config>() -> Vec<(NetworkId, DamId, StakeOf<T>)> {
		frame_support::storage::PrefixIterator::<(Vec<u8>, StakeOf<T>)>::new(
			prefix::<T>(b"Stakes").to_vec(),
			prefix::<T>(b"Stakes").to_vec(),
			|key, mut value| Ok((key.to_vec(), StakeOf::<T>::decode(&mut value)?)),
		)
		.filter_map(|(key, stake)| {
			let mut rest = key.get(16..)?;
			let network = NetworkId::decode(&mut rest).ok()?;
			let dam = DamId::decode(&mut rest.get(16..)?).ok()?;
			Some((network, dam, stake))
		})
		.collect()
	}

	/// The DAMs' lists of tracked tokens under their version-3 name.
	fn old_tracked<T: Config>() -> Vec<(DamId, Vec<NetworkId>)> {
		frame_support::storage::PrefixIterator::<(Vec<u8>, Vec<NetworkId>)>::new(
			prefix::<T>(b"DamTokens").to_vec(),
			prefix::<T>(b"DamTokens").to_vec(),
			|key, mut value| Ok((key.to_vec(), Vec::<NetworkId>::decode(&mut value)?)),
		)
		.filter_map(|(key, tokens)| Some((DamId::decode(&mut key.get(16..)?).ok()?, tokens)))
		.collect()
	}

	/// Runs [`InnerMigrateV3ToV4`] once, from storage version 3 to 4.
	pub type MigrateV3ToV4<T> = VersionedMigration<
		3,
		4,
		Checked<InnerMigrateV3ToV4<T>>,
		Pallet<T>,
		<T as polkadot_sdk::frame_system::Config>::DbWeight,
	>;
}
