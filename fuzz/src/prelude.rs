//! The marketplace every campaign starts from, made in the first block with ordinary calls:
//! without it, random calls almost never line up the registrations, whitelisting,
//! installations and confirmations that the deep paths (rewards, penalties, vaults) need.
//!
//! Charlie runs a Collateral Network, Dave a Liquidity Network and Eve a Growth Network, all in
//! NEK and all whitelisted. Alice and Bob are Operators; each kind has a DAM of Alice's,
//! installed, confirmed, committed or allocated, and funded with rewards; Eve and Ferdie hold
//! positions in each. Charlie's Network has a penalty open on its DAM.

use nektar_primitives::NetworkKind;
use nektar_runtime::{
	configs::nektar::{AssetKind, MAX_REWARD_TOKENS as MAX_TOKENS},
	genesis_config_presets::nektar_network,
	AccountId, Dam, Marketplace, Rewards, RuntimeOrigin, Slashing, UNIT,
};
use polkadot_sdk::{
	sp_keyring::Sr25519Keyring,
	sp_runtime::{DispatchError, DispatchResult, Perbill},
};

fn signed(who: &AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who.clone())
}

fn step(what: &str, result: DispatchResult) -> Result<(), String> {
	result.map_err(|e: DispatchError| format!("prelude: {what} failed: {e:?}"))
}

/// Makes the marketplace; fails with the step that did not go through.
pub fn build() -> Result<(), String> {
	let [alice, bob, charlie, dave, eve, ferdie] = [
		Sr25519Keyring::Alice,
		Sr25519Keyring::Bob,
		Sr25519Keyring::Charlie,
		Sr25519Keyring::Dave,
		Sr25519Keyring::Eve,
		Sr25519Keyring::Ferdie,
	]
	.map(|k| k.to_account_id());
	for who in [&alice, &bob] {
		step(
			"registerOperator",
			Marketplace::register_operator(signed(who), b"op".to_vec(), vec![]),
		)?;
	}
	let params = pallet_marketplace::Params::<nektar_runtime::Runtime>::get();
	for (manager, kind) in [
		(&charlie, NetworkKind::Collateral),
		(&dave, NetworkKind::Liquidity),
		(&eve, NetworkKind::Growth),
	] {
		let mut terms = nektar_network(&params);
		terms.kind = kind;
		terms.min_allocation = UNIT;
		terms.amount_requested = 100_000 * UNIT;
		terms.operators_requested = 8;
		// Campaigns of 50,000 calls pass about 30,000 blocks: they see Networks end.
		terms.duration = 20_000;
		terms.operator_commission = Perbill::from_percent(5);
		if kind != NetworkKind::Collateral {
			terms.penalty = None;
			terms.lock_period = Some(50);
		}
		if kind == NetworkKind::Liquidity {
			terms.safe = Some(manager.clone());
			terms.return_bond = Some(10 * UNIT);
		}
		let network = pallet_marketplace::NextNetworkId::<nektar_runtime::Runtime>::get();
		step(
			"registerNetwork",
			Marketplace::register_network(
				signed(manager),
				terms,
				b"net".to_vec(),
				vec![],
				vec![],
				b"rX".to_vec(),
			),
		)?;
		step("whitelistNetwork", Marketplace::whitelist_network(RuntimeOrigin::root(), network))?;

		let dam = pallet_dam::NextDamId::<nektar_runtime::Runtime>::get();
		let config = pallet_dam::DamConfig {
			kind,
			deposit_asset: AssetKind::Native,
			fee: Perbill::from_percent(1),
			fee_mutable: true,
			gatekeeper: None,
			gatekeeper_mutable: true,
			catalyst: None,
			catalyst_mutable: true,
			receipt_transferable: true,
			allow_list: false,
			independent_operator: true,
		};
		step(
			"createDam",
			Dam::create_dam(
				signed(&alice),
				config,
				b"dam".to_vec(),
				b"dX".to_vec(),
				vec![],
				vec![],
				vec![],
			),
		)?;
		for who in [&eve, &ferdie, &alice] {
			step(
				"deposit",
				Dam::deposit(signed(who), dam, 1_000 * UNIT, Perbill::one(), MAX_TOKENS)
					.map(|_| ())
					.map_err(|e| e.error),
			)?;
		}
		step(
			"requestInstallation",
			Dam::request_installation(signed(&alice), dam, network, alice.clone().into()),
		)?;
		step(
			"confirmInstallation",
			Marketplace::confirm_installation(signed(manager), network, dam, None),
		)?;
		let placed = match kind {
			NetworkKind::Collateral => Dam::commit(signed(&alice), dam, network, 2_000 * UNIT),
			_ => Dam::allocate(signed(&alice), dam, network, 1_000 * UNIT),
		};
		step("commit or allocate", placed)?;
		step("fundRewards", Rewards::fund_rewards(signed(manager), network, 10_000 * UNIT))?;
		if kind == NetworkKind::Collateral {
			step(
				"requestPenalty",
				Slashing::request_penalty(signed(manager), network, dam, 100 * UNIT, b"p".to_vec()),
			)?;
		}
	}
	Ok(())
}

/// A move the campaign makes now and then, as a Network would: each Collateral Network's
/// manager requests a penalty on one of its installed DAMs, 5% of the DAM's backing there.
/// A request the slashing pallet refuses (one already open, say) changes nothing.
pub fn penalise(rng: &mut crate::rng::Rng) {
	use nektar_primitives::DamProvider;
	for (network, details) in pallet_marketplace::Networks::<nektar_runtime::Runtime>::iter() {
		if details.terms.kind != NetworkKind::Collateral {
			continue;
		}
		let installed: Vec<_> =
			pallet_marketplace::Installations::<nektar_runtime::Runtime>::iter_key_prefix(network)
				.collect();
		if installed.is_empty() {
			continue;
		}
		let dam = installed[rng.below(installed.len() as u64) as usize];
		let backing = <Dam as DamProvider>::slashable_exposure(network, dam);
		let _ = polkadot_sdk::frame_support::storage::with_storage_layer(|| {
			Slashing::request_penalty(
				signed(&details.manager),
				network,
				dam,
				backing / 20,
				b"m".to_vec(),
			)
		});
	}
}
