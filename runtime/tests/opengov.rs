//! OpenGov on the development preset: a Network whitelisted by a referendum on the
//! `network_whitelister` track (submitted, decision deposit placed, voted with conviction,
//! confirmed, enacted); the same call refused when it comes from another track; a treasury
//! spend approved on the `treasurer` track and paid out; and the origins each track gives.

mod common;

use nektar_runtime::{
	configs::{
		governance::{origins, tracks, GovernanceOrigin, NetworkWhitelisterOrigin},
		nektar::{AssetKind, TreasuryAccount},
	},
	genesis_config_presets::{development_config_genesis, nektar_network, testnet_params},
	AccountId, Balances, ConvictionVoting, Marketplace, OriginCaller, Preimage, Referenda, Runtime,
	RuntimeCall, RuntimeEvent, RuntimeOrigin, System, Treasury, UNIT,
};
use polkadot_sdk::{
	frame_support::{
		assert_noop, assert_ok,
		traits::{schedule::DispatchTime, EnsureOrigin, StorePreimage},
	},
	frame_system::RawOrigin,
	pallet_collective,
	pallet_conviction_voting::{AccountVote, Conviction, Vote},
	pallet_referenda, pallet_scheduler, pallet_treasury,
	sp_keyring::Sr25519Keyring,
	sp_runtime::DispatchError,
};

fn alice() -> AccountId {
	Sr25519Keyring::Alice.to_account_id()
}

fn signed(who: Sr25519Keyring) -> RuntimeOrigin {
	RuntimeOrigin::signed(who.to_account_id())
}

/// Produces the next block and returns its events.
fn next_block() -> Vec<RuntimeEvent> {
	common::next_block(&[]);
	System::events().into_iter().map(|record| record.event).collect()
}

/// Submits `call` as a referendum to be dispatched from `origin`, places its decision deposit
/// and votes aye with 2.7M NEK at 2× conviction (over 20% of the issuance). Returns its index.
fn propose_and_back(origin: OriginCaller, call: RuntimeCall) -> u32 {
	let index = pallet_referenda::ReferendumCount::<Runtime>::get();
	let proposal = <Preimage as StorePreimage>::bound(call).expect("a small call is inlined");
	assert_ok!(Referenda::submit(
		signed(Sr25519Keyring::Alice),
		Box::new(origin),
		proposal,
		DispatchTime::After(0)
	));
	assert_ok!(Referenda::place_decision_deposit(signed(Sr25519Keyring::Bob), index));
	for voter in [Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie] {
		assert_ok!(ConvictionVoting::vote(
			signed(voter),
			index,
			AccountVote::Standard {
				vote: Vote { aye: true, conviction: Conviction::Locked2x },
				balance: 900_000 * UNIT,
			}
		));
	}
	index
}

/// Runs blocks until the referendum `index` has been enacted, at most `limit` of them, and
/// returns the result of its dispatch.
fn run_until_enacted(index: u32, limit: u32) -> Result<(), DispatchError> {
	let mut approved = false;
	for _ in 0..limit {
		for event in next_block() {
			match event {
				RuntimeEvent::Referenda(pallet_referenda::Event::Confirmed {
					index: i, ..
				}) if i == index => {
					approved = true;
				}
				// The enactment is a named task; the referenda's alarms are anonymous.
				RuntimeEvent::Scheduler(pallet_scheduler::Event::Dispatched {
					id: Some(_),
					result,
					..
				}) if approved => {
					return result;
				}
				_ => {}
			}
		}
	}
	panic!("referendum {index} was not enacted within {limit} blocks");
}

/// Dave registers a Network with Network 0's terms; it waits for whitelisting.
fn pending_network() -> u32 {
	let network = pallet_marketplace::NextNetworkId::<Runtime>::get();
	assert_ok!(Marketplace::register_network(
		signed(Sr25519Keyring::Dave),
		nektar_network(&testnet_params()),
		b"Dave's network".to_vec(),
		Vec::new(),
		Vec::new(),
		b"rDAVE".to_vec(),
	));
	assert_eq!(status(network), nektar_primitives::NetworkStatus::Pending);
	network
}

fn status(network: u32) -> nektar_primitives::NetworkStatus {
	pallet_marketplace::Networks::<Runtime>::get(network).expect("the Network exists").status
}

fn whitelist(network: u32) -> RuntimeCall {
	RuntimeCall::Marketplace(pallet_marketplace::Call::whitelist_network { network })
}

#[test]
fn a_referendum_on_the_network_whitelister_track_whitelists_a_network() {
	common::build(development_config_genesis()).execute_with(|| {
		next_block();
		let network = pending_network();
		let origin = OriginCaller::Origins(origins::Origin::NetworkWhitelister);
		let index = propose_and_back(origin, whitelist(network));
		let info = pallet_referenda::ReferendumInfoFor::<Runtime>::get(index).expect("submitted");
		let pallet_referenda::ReferendumInfo::Ongoing(ongoing) = info else {
			panic!("the referendum is ongoing")
		};
		assert_eq!(ongoing.track, tracks::NETWORK_WHITELISTER);

		// Prepare 2 blocks, decide, confirm 2 blocks, enact 1 block later: about 10 blocks.
		assert_eq!(run_until_enacted(index, 30), Ok(()));
		assert_eq!(status(network), nektar_primitives::NetworkStatus::Live);
		assert!(matches!(
			pallet_referenda::ReferendumInfoFor::<Runtime>::get(index),
			Some(pallet_referenda::ReferendumInfo::Approved(..))
		));
		// The votes lock their NEK with their conviction.
		assert!(polkadot_sdk::pallet_balances::Locks::<Runtime>::get(alice())
			.iter()
			.any(|lock| lock.amount == 900_000 * UNIT));
	});
}

#[test]
fn a_whitelisting_from_another_track_is_refused_and_changes_nothing() {
	common::build(development_config_genesis()).execute_with(|| {
		next_block();
		let network = pending_network();
		// The treasurer track passes it, but its origin may not whitelist Networks.
		let index =
			propose_and_back(OriginCaller::Origins(origins::Origin::Treasurer), whitelist(network));
		assert_eq!(run_until_enacted(index, 30), Err(DispatchError::BadOrigin));
		assert_eq!(status(network), nektar_primitives::NetworkStatus::Pending);

		// An origin with no track cannot be proposed at all.
		let proposal = <Preimage as StorePreimage>::bound(whitelist(network)).unwrap();
		let count = pallet_referenda::ReferendumCount::<Runtime>::get();
		assert_noop!(
			Referenda::submit(
				signed(Sr25519Keyring::Alice),
				Box::new(OriginCaller::system(RawOrigin::Signed(alice()))),
				proposal,
				DispatchTime::After(0)
			),
			pallet_referenda::Error::<Runtime>::NoTrack
		);
		assert_eq!(pallet_referenda::ReferendumCount::<Runtime>::get(), count);
	});
}

#[test]
fn the_treasurer_track_spends_from_the_treasury() {
	common::build(development_config_genesis()).execute_with(|| {
		next_block();
		let dave = Sr25519Keyring::Dave.to_account_id();
		let amount = 5_000 * UNIT;
		let spend = RuntimeCall::Treasury(pallet_treasury::Call::spend {
			asset_kind: Box::new(AssetKind::Native),
			amount,
			beneficiary: Box::new(dave.clone().into()),
			valid_from: None,
		});
		let index = propose_and_back(OriginCaller::Origins(origins::Origin::Treasurer), spend);
		assert_eq!(run_until_enacted(index, 30), Ok(()));

		let spend_index = pallet_treasury::SpendCount::<Runtime>::get() - 1;
		let treasury = Balances::free_balance(TreasuryAccount::get());
		let before = Balances::free_balance(&dave);
		assert_ok!(Treasury::payout(signed(Sr25519Keyring::Dave), spend_index));
		assert_eq!(Balances::free_balance(&dave), before + amount);
		assert_eq!(Balances::free_balance(TreasuryAccount::get()), treasury - amount);

		// The track may not spend more than its cap; Root may.
		let treasurer = || RuntimeOrigin::from(origins::Origin::Treasurer);
		let too_much = origins::TREASURER_MAX_SPEND + 1;
		assert_noop!(
			Treasury::spend(
				treasurer(),
				Box::new(AssetKind::Native),
				too_much,
				Box::new(dave.clone().into()),
				None
			),
			pallet_treasury::Error::<Runtime>::InsufficientPermission
		);
		assert_ok!(Treasury::spend(
			RuntimeOrigin::root(),
			Box::new(AssetKind::Native),
			too_much,
			Box::new(dave.clone().into()),
			None
		));
		// Signed accounts and other tracks may not spend at all.
		for origin in
			[signed(Sr25519Keyring::Dave), RuntimeOrigin::from(origins::Origin::Parameters)]
		{
			assert_noop!(
				Treasury::spend(
					origin,
					Box::new(AssetKind::Native),
					amount,
					Box::new(dave.clone().into()),
					None
				),
				DispatchError::BadOrigin
			);
		}
	});
}

#[test]
fn each_track_origin_passes_only_its_own_calls() {
	let council = |ayes, total| -> RuntimeOrigin {
		pallet_collective::RawOrigin::<AccountId, pallet_collective::Instance1>::Members(
			ayes, total,
		)
		.into()
	};
	let track = |origin: origins::Origin| RuntimeOrigin::from(origin);
	assert!(
		NetworkWhitelisterOrigin::try_origin(track(origins::Origin::NetworkWhitelister)).is_ok()
	);
	assert!(NetworkWhitelisterOrigin::try_origin(RuntimeOrigin::root()).is_ok());
	assert!(NetworkWhitelisterOrigin::try_origin(council(2, 3)).is_ok());
	assert!(NetworkWhitelisterOrigin::try_origin(council(1, 3)).is_err());
	for other in
		[origins::Origin::PenaltyResolver, origins::Origin::Treasurer, origins::Origin::Parameters]
	{
		assert!(NetworkWhitelisterOrigin::try_origin(track(other.clone())).is_err());
		assert!(GovernanceOrigin::try_origin(track(other)).is_err());
	}
	use nektar_runtime::configs::governance::{
		ParametersOrigin, PenaltyResolverOrigin, TreasurerOrigin,
	};
	assert!(PenaltyResolverOrigin::try_origin(track(origins::Origin::PenaltyResolver)).is_ok());
	assert!(PenaltyResolverOrigin::try_origin(track(origins::Origin::Parameters)).is_err());
	assert!(TreasurerOrigin::try_origin(track(origins::Origin::Treasurer)).is_ok());
	assert!(TreasurerOrigin::try_origin(track(origins::Origin::NetworkWhitelister)).is_err());
	assert!(ParametersOrigin::try_origin(track(origins::Origin::Parameters)).is_ok());
	assert!(ParametersOrigin::try_origin(track(origins::Origin::Treasurer)).is_err());
	assert!(ParametersOrigin::try_origin(RuntimeOrigin::signed(alice())).is_err());
}

#[test]
fn tracks_are_sorted_and_every_origin_has_one() {
	use polkadot_sdk::pallet_referenda::TracksInfo;
	type Tracks = tracks::TracksInfoImpl;
	assert_eq!(Tracks::check_integrity(), Ok(()));
	let expected = [
		(OriginCaller::system(RawOrigin::Root), tracks::ROOT),
		(OriginCaller::Origins(origins::Origin::NetworkWhitelister), tracks::NETWORK_WHITELISTER),
		(OriginCaller::Origins(origins::Origin::PenaltyResolver), tracks::PENALTY_RESOLVER),
		(OriginCaller::Origins(origins::Origin::Treasurer), tracks::TREASURER),
		(OriginCaller::Origins(origins::Origin::Parameters), tracks::PARAMETERS),
	];
	for (origin, id) in expected {
		assert_eq!(Tracks::track_for(&origin), Ok(id));
	}
	assert_eq!(Tracks::track_for(&OriginCaller::system(RawOrigin::None)), Err(()));
	// Production periods by default, development periods on the development preset.
	polkadot_sdk::sp_io::TestExternalities::default().execute_with(|| {
		let info = Tracks::info(tracks::ROOT).expect("root track");
		assert_eq!(info.decision_period, 28 * nektar_runtime::DAYS);
	});
	common::build(development_config_genesis()).execute_with(|| {
		let info = Tracks::info(tracks::NETWORK_WHITELISTER).expect("whitelister track");
		assert_eq!(info.decision_period, 20);
		assert_eq!(&info.name[..19], b"network_whitelister");
	});
}
