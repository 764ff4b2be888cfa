//! Node licensing: a Growth Network sells licenses as NFTs, and Growth DAMs buy them with
//! their delegators' pooled funds.

use crate::{pallet::*, types::*};
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{fungible::Mutate as _, tokens::Preservation},
};
use nektar_primitives::{
	DamId, LicenseSeller, MarketplaceInspect, NetworkId, NetworkKind, NetworkStatus,
};
use polkadot_sdk::{
	frame_support,
	sp_runtime::{
		traits::{Saturating, Zero},
		Permill,
	},
};

/// Where the license NFTs live: the runtime puts `pallet-nfts` behind it.
pub trait LicenseNfts<AccountId, Balance> {
	/// The id of a collection.
	type CollectionId: Parameter + Member + MaxEncodedLen + Copy;

	/// The deposit a collection of `supply` items takes once every item is minted.
	fn deposit(supply: u32) -> Balance;

	/// Creates a collection of at most `supply` items owned by `owner`, which pays its
	/// deposits; its items can be transferred only if `transferable`.
	fn create(
		owner: &AccountId,
		supply: u32,
		transferable: bool,
	) -> Result<Self::CollectionId, DispatchError>;

	/// Mints item `item` of `collection` to `to`.
	fn mint(collection: Self::CollectionId, item: u32, to: &AccountId) -> DispatchResult;
}

impl<T: Config> Pallet<T> {
	pub(crate) fn do_open_license_sale(
		who: T::AccountId,
		network: NetworkId,
		price: BalanceOf<T>,
		supply: u32,
		transferable: bool,
	) -> DispatchResult {
		let view = Self::ensure_network_manager(&who, network)?;
		ensure!(view.kind == NetworkKind::Growth, Error::<T>::NotGrowth);
		ensure!(view.status == NetworkStatus::Live, Error::<T>::NetworkNotLive);
		ensure!(!LicenseSales::<T>::contains_key(network), Error::<T>::SaleExists);
		ensure!(!price.is_zero(), Error::<T>::ZeroAmount);
		ensure!(supply > 0 && supply <= T::MaxLicenses::get(), Error::<T>::InvalidSupply);

		// The escrow owns the collection, so that only this pallet mints; the manager pays
		// its deposits.
		let escrow = Self::escrow(network);
		T::Currency::transfer(
			&who,
			&escrow,
			T::LicenseNfts::deposit(supply),
			Preservation::Preserve,
		)
		.map_err(|_| Error::<T>::CannotPayTokenDeposit)?;
		let collection = T::LicenseNfts::create(&escrow, supply, transferable)?;
		LicenseSales::<T>::insert(
			network,
			LicenseSale { collection, price, supply, sold: 0, transferable },
		);
		Self::deposit_event(Event::LicenseSaleOpened {
			network,
			collection,
			price,
			supply,
			transferable,
		});
		Ok(())
	}

	pub(crate) fn do_report_license_performance(
		who: T::AccountId,
		network: NetworkId,
		item: u32,
		score: Permill,
	) -> DispatchResult {
		Self::ensure_network_manager(&who, network)?;
		let mut license = Licenses::<T>::get(network, item).ok_or(Error::<T>::LicenseNotFound)?;
		let dam = license.dam;
		LicensedExposure::<T>::mutate(network, dam, |licensed| {
			licensed.weighted = licensed
				.weighted
				.saturating_sub(license.performance.mul_floor(license.price))
				.saturating_add(score.mul_floor(license.price));
		});
		license.performance = score;
		Licenses::<T>::insert(network, item, license);
		// Settles what accrued at the old score, then takes the new one.
		Self::sync_network(network, dam);
		Self::deposit_event(Event::LicensePerformanceReported { network, item, dam, score });
		Ok(())
	}
}

impl<T: Config> LicenseSeller for Pallet<T> {
	type AccountId = T::AccountId;
	type Balance = BalanceOf<T>;

	fn license_price(network: NetworkId) -> Option<BalanceOf<T>> {
		LicenseSales::<T>::get(network).map(|sale| sale.price)
	}

	fn sell_license(
		network: NetworkId,
		dam: DamId,
		buyer: &T::AccountId,
		operator: &T::AccountId,
	) -> Result<(BalanceOf<T>, u32, T::AccountId), DispatchError> {
		let view = T::Marketplace::network(network).ok_or(Error::<T>::NetworkNotFound)?;
		ensure!(view.status == NetworkStatus::Live, Error::<T>::NetworkNotLive);
		let mut sale = LicenseSales::<T>::get(network).ok_or(Error::<T>::NoLicenseSale)?;
		ensure!(sale.sold < sale.supply, Error::<T>::SoldOut);
		let item = sale.sold;
		DamLicenses::<T>::try_mutate(dam, |held| {
			held.try_push((network, item)).map_err(|_| Error::<T>::TooManyLicenses)
		})?;
		T::LicenseNfts::mint(sale.collection, item, buyer)?;
		let price = sale.price;
		Licenses::<T>::insert(
			network,
			item,
			License { dam, operator: operator.clone(), price, performance: Permill::one() },
		);
		LicensedExposure::<T>::try_mutate(network, dam, |licensed| {
			licensed.price = licensed.price.checked_add(&price).ok_or(Error::<T>::Overflow)?;
			licensed.weighted =
				licensed.weighted.checked_add(&price).ok_or(Error::<T>::Overflow)?;
			Ok::<_, DispatchError>(())
		})?;
		sale.sold += 1;
		LicenseSales::<T>::insert(network, sale);
		Self::deposit_event(Event::LicenseSold {
			network,
			item,
			dam,
			operator: operator.clone(),
			price,
		});
		Ok((price, item, view.manager))
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_license_sale(network: NetworkId) {
		let view = T::Marketplace::network(network).expect("the Network exists");
		Self::do_open_license_sale(
			view.manager,
			network,
			view.min_allocation,
			T::MaxLicenses::get(),
			true,
		)
		.expect("a live Growth Network");
	}
}
