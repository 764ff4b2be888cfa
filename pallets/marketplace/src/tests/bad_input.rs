//! Every call, fed bad input: an unknown Network, a wrong origin, a wrong status. Each gets its
//! named error and leaves storage unchanged. Invalid terms and metadata are in `networks.rs`.

use super::*;
use frame_support::traits::UnfilteredDispatchable;
use polkadot_sdk::sp_runtime::{DispatchError, Permill};

const UNKNOWN: NetworkId = 77;

fn check(cases: Vec<(&str, RuntimeOrigin, Call<Test>, DispatchError)>) {
	for (name, origin, call, expected) in cases {
		let before = state_root();
		let result = call.dispatch_bypass_filter(origin);
		assert_eq!(result.map_err(|e| e.error), Err(expected), "case: {name}");
		assert_eq!(before, state_root(), "case {name} changed storage");
	}
}

fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

#[test]
fn calls_on_an_unknown_network() {
	ExtBuilder::build_and_execute(|| {
		let not_found: DispatchError = Error::<Test>::NetworkNotFound.into();
		let root = RuntimeOrigin::root;
		check(vec![
			("whitelist_network", root(), Call::whitelist_network { network: UNKNOWN }, not_found),
			("reject_network", root(), Call::reject_network { network: UNKNOWN }, not_found),
			("suspend_network", root(), Call::suspend_network { network: UNKNOWN }, not_found),
			("resume_network", root(), Call::resume_network { network: UNKNOWN }, not_found),
			("end_network", signed(STRANGER), Call::end_network { network: UNKNOWN }, not_found),
			(
				"confirm_installation",
				signed(MANAGER),
				Call::confirm_installation { network: UNKNOWN, dam: 0, max_exposure: None },
				not_found,
			),
			(
				"refuse_installation",
				signed(MANAGER),
				Call::refuse_installation { network: UNKNOWN, dam: 0 },
				not_found,
			),
			(
				"report_performance",
				signed(MANAGER),
				Call::report_performance { network: UNKNOWN, dam: 0, score: Permill::one() },
				not_found,
			),
			(
				"set_network_metadata",
				signed(MANAGER),
				Call::set_network_metadata {
					network: UNKNOWN,
					name: b"n".to_vec(),
					description: vec![],
					url: vec![],
					reward_symbol: b"r".to_vec(),
				},
				not_found,
			),
		]);
	});
}

#[test]
fn calls_from_a_wrong_origin() {
	ExtBuilder::build_and_execute(|| {
		let id = live_network(NetworkKind::Growth);
		let bad = DispatchError::BadOrigin;
		check(vec![
			(
				"register_network unsigned",
				RuntimeOrigin::none(),
				Call::register_network {
					terms: terms(NetworkKind::Growth),
					name: b"n".to_vec(),
					description: vec![],
					url: vec![],
					reward_symbol: b"r".to_vec(),
				},
				bad,
			),
			(
				"whitelist_network signed",
				signed(MANAGER),
				Call::whitelist_network { network: id },
				bad,
			),
			("reject_network signed", signed(MANAGER), Call::reject_network { network: id }, bad),
			("suspend_network signed", signed(MANAGER), Call::suspend_network { network: id }, bad),
			("resume_network signed", signed(MANAGER), Call::resume_network { network: id }, bad),
			("end_network unsigned", RuntimeOrigin::none(), Call::end_network { network: id }, bad),
			(
				"whitelist_asset signed",
				signed(MANAGER),
				Call::whitelist_asset { asset: NativeOrWithId::WithId(OTHER) },
				bad,
			),
			("remove_asset signed", signed(MANAGER), Call::remove_asset { asset: usd() }, bad),
			(
				"register_operator unsigned",
				RuntimeOrigin::none(),
				Call::register_operator { name: b"o".to_vec(), url: vec![] },
				bad,
			),
			(
				"deregister_operator unsigned",
				RuntimeOrigin::none(),
				Call::deregister_operator {},
				bad,
			),
			(
				"set_params signed",
				signed(MANAGER),
				Call::set_params { params: Params::<Test>::get() },
				bad,
			),
			(
				"confirm_installation by a stranger",
				signed(STRANGER),
				Call::confirm_installation { network: id, dam: 0, max_exposure: None },
				Error::<Test>::NotNetworkManager.into(),
			),
			(
				"refuse_installation by a stranger",
				signed(STRANGER),
				Call::refuse_installation { network: id, dam: 0 },
				Error::<Test>::NotNetworkManager.into(),
			),
			(
				"report_performance by a stranger",
				signed(STRANGER),
				Call::report_performance { network: id, dam: 0, score: Permill::one() },
				Error::<Test>::NotNetworkManager.into(),
			),
			(
				"set_network_metadata by a stranger",
				signed(STRANGER),
				Call::set_network_metadata {
					network: id,
					name: b"n".to_vec(),
					description: vec![],
					url: vec![],
					reward_symbol: b"r".to_vec(),
				},
				Error::<Test>::NotNetworkManager.into(),
			),
		]);
	});
}

#[test]
fn calls_in_a_wrong_status() {
	ExtBuilder::build_and_execute(|| {
		let pending = register(terms(NetworkKind::Growth)).unwrap();
		let live = live_network(NetworkKind::Growth);
		let root = RuntimeOrigin::root;
		check(vec![
			(
				"whitelist a live Network",
				root(),
				Call::whitelist_network { network: live },
				Error::<Test>::NetworkNotPending.into(),
			),
			(
				"reject a live Network",
				root(),
				Call::reject_network { network: live },
				Error::<Test>::NetworkNotPending.into(),
			),
			(
				"suspend a pending Network",
				root(),
				Call::suspend_network { network: pending },
				Error::<Test>::NetworkNotLive.into(),
			),
			(
				"resume a live Network",
				root(),
				Call::resume_network { network: live },
				Error::<Test>::NetworkNotSuspended.into(),
			),
			(
				"end a pending Network",
				signed(STRANGER),
				Call::end_network { network: pending },
				Error::<Test>::NetworkNotLive.into(),
			),
			(
				"end a Network too early",
				signed(STRANGER),
				Call::end_network { network: live },
				Error::<Test>::DurationNotOver.into(),
			),
			(
				"confirm on a pending Network",
				signed(MANAGER),
				Call::confirm_installation { network: pending, dam: 0, max_exposure: None },
				Error::<Test>::NetworkNotLive.into(),
			),
			(
				"refuse nothing",
				signed(MANAGER),
				Call::refuse_installation { network: live, dam: 0 },
				Error::<Test>::InstallationNotFound.into(),
			),
			(
				"report on nothing",
				signed(MANAGER),
				Call::report_performance { network: live, dam: 0, score: Permill::one() },
				Error::<Test>::InstallationNotFound.into(),
			),
			(
				"deregister a non-operator",
				signed(STRANGER),
				Call::deregister_operator {},
				Error::<Test>::NotOperator.into(),
			),
		]);
	});
}
