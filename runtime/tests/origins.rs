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
