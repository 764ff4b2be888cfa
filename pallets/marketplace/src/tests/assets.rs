//! The asset whitelist.

use super::*;
use frame_support::{assert_noop, assert_ok};
use polkadot_sdk::sp_runtime::DispatchError;

#[test]
fn governance_whitelists_and_removes_assets() {
	ExtBuilder::build_and_execute(|| {
		let other = NativeOrWithId::WithId(OTHER);
		assert_noop!(
			Marketplace::whitelist_asset(RuntimeOrigin::signed(MANAGER), other.clone()),
			DispatchError::BadOrigin
		);
		assert_ok!(Marketplace::whitelist_asset(RuntimeOrigin::root(), other.clone()));
		assert!(WhitelistedAssets::<Test>::contains_key(&other));
		assert_eq!(events().last(), Some(&Event::AssetWhitelisted { asset: other.clone() }));
		assert_noop!(
			Marketplace::whitelist_asset(RuntimeOrigin::root(), other.clone()),
			Error::<Test>::AssetAlreadyWhitelisted
		);

		assert_noop!(
			Marketplace::remove_asset(RuntimeOrigin::signed(MANAGER), other.clone()),
			DispatchError::BadOrigin
		);
		assert_ok!(Marketplace::remove_asset(RuntimeOrigin::root(), other.clone()));
		assert!(!WhitelistedAssets::<Test>::contains_key(&other));
		assert_noop!(
			Marketplace::remove_asset(RuntimeOrigin::root(), other),
			Error::<Test>::AssetNotWhitelisted
		);
	});
}

#[test]
fn an_asset_that_does_not_exist_cannot_be_whitelisted() {
	ExtBuilder::build_and_execute(|| {
		assert_noop!(
			Marketplace::whitelist_asset(RuntimeOrigin::root(), NativeOrWithId::WithId(999)),
			Error::<Test>::UnknownAsset
		);
	});
}

#[test]
fn removing_an_asset_stops_new_networks_but_keeps_existing_ones() {
	ExtBuilder::build_and_execute(|| {
		let id = live_network(NetworkKind::Growth);
		assert_ok!(Marketplace::remove_asset(RuntimeOrigin::root(), usd()));
		assert_eq!(
			register(terms(NetworkKind::Growth)),
			Err(Error::<Test>::AssetNotWhitelisted.into())
		);
		assert_eq!(Networks::<Test>::get(id).unwrap().status, NetworkStatus::Live);
	});
}
