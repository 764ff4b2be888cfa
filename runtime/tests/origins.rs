//! Who may act for the chain (the governance origin) and what each proxy type may do.

use nektar_runtime::{
	configs::{accounts::ProxyType, governance::GovernanceOrigin},
	AccountId, BalancesCall, Runtime, RuntimeCall, RuntimeOrigin,
};
use polkadot_sdk::{
	frame_support::traits::{EnsureOrigin, InstanceFilter},
	pallet_collective, pallet_proxy,
	sp_keyring::Sr25519Keyring,
};

mod common;

fn council_origin(ayes: u32, total: u32) -> RuntimeOrigin {
	pallet_collective::RawOrigin::<AccountId, pallet_collective::Instance1>::Members(ayes, total)
		.into()
}

#[test]
fn governance_is_root_or_two_thirds_of_the_council() {
	assert!(GovernanceOrigin::try_origin(RuntimeOrigin::root()).is_ok());
	assert!(GovernanceOrigin::try_origin(council_origin(2, 3)).is_ok());
	assert!(GovernanceOrigin::try_origin(council_origin(3, 3)).is_ok());
	assert!(GovernanceOrigin::try_origin(council_origin(1, 3)).is_err());
	assert!(GovernanceOrigin::try_origin(council_origin(5, 8)).is_err());
	assert!(GovernanceOrigin::try_origin(RuntimeOrigin::signed(
		Sr25519Keyring::Alice.to_account_id()
	))
	.is_err());
	assert!(GovernanceOrigin::try_origin(RuntimeOrigin::none()).is_err());
}

#[test]
fn proxy_types_filter_calls() {
	let transfer = RuntimeCall::Balances(BalancesCall::transfer_keep_alive {
		dest: Sr25519Keyring::Bob.to_account_id().into(),
		value: 1,
	});
	let remark = RuntimeCall::System(polkadot_sdk::frame_system::Call::remark { remark: vec![] });
	let vote = RuntimeCall::Council(pallet_collective::Call::vote {
		proposal: Default::default(),
		index: 0,
		approve: true,
	});
	let reject = RuntimeCall::Proxy(pallet_proxy::Call::reject_announcement {
		delegate: Sr25519Keyring::Bob.to_account_id().into(),
		call_hash: Default::default(),
	});

	assert!(ProxyType::Any.filter(&transfer));
	assert!(!ProxyType::NonTransfer.filter(&transfer));
	assert!(ProxyType::NonTransfer.filter(&remark));
	assert!(ProxyType::Governance.filter(&vote));
	assert!(!ProxyType::Governance.filter(&transfer));
	assert!(!ProxyType::Governance.filter(&remark));
	assert!(ProxyType::CancelProxy.filter(&reject));
	assert!(!ProxyType::CancelProxy.filter(&transfer));

	assert!(ProxyType::Any.is_superset(&ProxyType::NonTransfer));
	assert!(ProxyType::NonTransfer.is_superset(&ProxyType::Governance));
	assert!(!ProxyType::Governance.is_superset(&ProxyType::Any));
	assert!(!ProxyType::CancelProxy.is_superset(&ProxyType::Governance));
	let _ = Runtime;
}

/// A runtime upgrade needs Root: the Council reaches it through the whitelist, with two thirds.
#[test]
fn two_thirds_of_the_council_authorize_an_upgrade_through_the_whitelist() {
	use nektar_runtime::{System, Whitelist};
	use polkadot_sdk::{
		frame_support::{assert_noop, assert_ok},
		sp_runtime::{
			traits::{BlakeTwo256, Hash as _},
			DispatchError,
		},
	};

	let mut ext =
		common::build(nektar_runtime::genesis_config_presets::development_config_genesis());
	ext.execute_with(|| {
		System::set_block_number(1);
		let code_hash = BlakeTwo256::hash(b"the next runtime");
		let authorize =
			RuntimeCall::System(polkadot_sdk::frame_system::Call::authorize_upgrade { code_hash });
		let call_hash = BlakeTwo256::hash_of(&authorize);

		// A motion without two thirds neither whitelists nor dispatches.
		assert_noop!(
			Whitelist::whitelist_call(council_origin(1, 3), call_hash),
			DispatchError::BadOrigin
		);
		// Signed accounts cannot authorize an upgrade, even with the call whitelisted.
		assert_ok!(Whitelist::whitelist_call(council_origin(2, 3), call_hash));
		let alice = RuntimeOrigin::signed(Sr25519Keyring::Alice.to_account_id());
		assert_noop!(
			Whitelist::dispatch_whitelisted_call_with_preimage(alice, Box::new(authorize.clone())),
			polkadot_sdk::pallet_whitelist::Error::<Runtime>::DeferredDispatchNotFound
		);
		assert!(System::authorized_upgrade().is_none());

		assert_ok!(Whitelist::dispatch_whitelisted_call_with_preimage(
			council_origin(2, 3),
			Box::new(authorize.clone())
		));
		assert_eq!(System::authorized_upgrade().map(|a| *a.code_hash()), Some(code_hash));
		// The whitelisting is spent: the same call cannot be dispatched twice as Root.
		assert!(!polkadot_sdk::pallet_whitelist::WhitelistedCall::<Runtime>::contains_key(
			call_hash
		));
	});
}
