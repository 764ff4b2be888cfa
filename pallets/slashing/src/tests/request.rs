//! Requests: a live Collateral Network's manager takes an amount between the minimum penalty
//! and `max_penalty` of the slashable exposure off a DAM at once, into a dispute vault; one
//! open penalty per Network and DAM.

use super::*;

fn request_of(network: NetworkId, dam: DamId, amount: Balance) -> DispatchResult {
	Slashing::request_penalty(signed(NET_MANAGER), network, dam, amount, b"downtime".to_vec())
}

#[test]
fn a_request_moves_the_amount_into_a_dispute_vault_at_once() {
	ExtBuilder::default().build_and_execute(|| {
		let (network, dam) = penalisable();
		// Vault ids are the vaults' own: the penalty keeps the one its amount went to.
		NextVaultId::put(5);
		let id = request(network, dam, 60);
		assert_eq!(id, 0);
		assert_eq!(
			penalty(id),
			Penalty {
				network,
				dam,
				amount: 60,
				vault: 5,
				status: PenaltyStatus::Requested,
				requested_at: 1,
				window_ends: 4,
				resolve_by: 9,
				reason: b"downtime".to_vec().try_into().unwrap(),
			}
		);
		assert_eq!(Pending::<Test>::get(network, dam), 60);
		assert_eq!(DamPenalties::<Test>::get(dam).into_inner(), vec![id]);
		assert_eq!(NextPenaltyId::<Test>::get(), 1);

		// Off the DAM's books and out of its account, locked until the window closes.
		let record = MockDams::record(dam);
		assert_eq!((record.idle, record.in_dispute), (STAKE - 60, 60));
		assert_eq!(MockDams::open_penalties(dam), 1);
		assert_eq!(usd_balance(MockDams::account(dam)), STAKE - 60);
		assert_eq!(usd_balance(VAULTS), 60);
		let vault = VaultRecords::get(5).expect("the dispute vault");
		assert_eq!(
			(vault.kind, vault.network, vault.dam, vault.amount, vault.unlock_at),
			(VaultKind::Dispute, network, dam, 60, 4)
		);
		assert_eq!(
			events(),
			vec![Event::PenaltyRequested {
				penalty: id,
				network,
				dam,
				amount: 60,
				vault: 5,
				window_ends: 4,
				resolve_by: 9,
			}]
		);
	});
}

#[test]
fn the_cap_is_max_penalty_of_the_slashable_exposure() {
	ExtBuilder::default().build_and_execute(|| {
		let (network, dam) = penalisable();
		assert_noop!(request_of(network, dam, 101), Error::<Test>::AboveCap);
		assert_noop!(request_of(network, dam, Balance::MAX), Error::<Test>::AboveCap);

		let quarter = network_with(TestTerms { max_penalty: Perbill::from_percent(25), ..terms() });
		install(quarter, dam, OPERATOR, COMMITMENT);
		assert_noop!(request_of(quarter, dam, 251), Error::<Test>::AboveCap);
		request(quarter, dam, 250);
		request(network, dam, 100);

		// Nothing committed, nothing slashable.
		let uncommitted = network_with(terms());
		install(uncommitted, dam, OPERATOR, 0);
		assert_noop!(request_of(uncommitted, dam, 1), Error::<Test>::AboveCap);
	});
}

#[test]
fn a_lowered_commitment_stays_slashable_for_the_commitment_delay() {
	ExtBuilder::default().build_and_execute(|| {
		let (network, dam) = penalisable();
		MockMarketplace::set_commitment(network, dam, 400);
		// 10% of the former 1,000, not of 400.
		let id = request(network, dam, 100);
		assert_ok!(Slashing::cancel(RuntimeOrigin::root(), id));

		run_to_block(1 + default_params().commitment_delay);
		assert_noop!(request_of(network, dam, 41), Error::<Test>::AboveCap);
		request(network, dam, 40);
	});
}

#[test]
fn the_slashable_stake_caps_a_commitment_the_dam_does_not_back() {
	ExtBuilder::default().build_and_execute(|| {
		let network = network_with(terms());
		let dam = dam_with(500);
		install(network, dam, OPERATOR, COMMITMENT);
		assert_noop!(request_of(network, dam, 51), Error::<Test>::AboveCap);
		request(network, dam, 50);

		// Another Network may slash the stake as it was before the open penalty.
		let other = another_network(dam);
		assert_noop!(request_of(other, dam, 51), Error::<Test>::AboveCap);
		request(other, dam, 50);
	});
}

#[test]
fn the_minimum_penalty_rounds_its_share_of_the_exposure_up() {
	let params = ProtocolParams { min_penalty: Perbill::from_percent(1), ..default_params() };
	ExtBuilder::default().with_params(params).build_and_execute(|| {
		let network = network_with(terms());
		let dam = dam_with(STAKE);
		install(network, dam, OPERATOR, 1_050);
		// 1% of 1,050 is 10.5.
		assert_noop!(request_of(network, dam, 10), Error::<Test>::BelowMinPenalty);
		request(network, dam, 11);
	});
}

#[test]
fn a_network_has_one_open_penalty_per_dam() {
	ExtBuilder::default().build_and_execute(|| {
		let (network, dam) = penalisable();
		let first = request(network, dam, 10);
		assert_noop!(request_of(network, dam, 10), Error::<Test>::PenaltyOpen);

		// Neither the DAM's other Networks nor the Network's other DAMs wait for it.
		let other = another_network(dam);
		request(other, dam, 10);
		let second_dam = dam_with(STAKE);
		install(network, second_dam, OPERATOR, COMMITMENT);
		request(network, second_dam, 10);

		// Once it closed, the Network may penalise the DAM again.
		run_to_block(penalty(first).window_ends);
		assert_ok!(Slashing::execute(signed(STRANGER), first));
		request(network, dam, 10);
	});
}

#[test]
fn a_dam_faces_at_most_max_open_penalties() {
	ExtBuilder::default().build_and_execute(|| {
		let (network, dam) = penalisable();
		let others: Vec<NetworkId> = (0..3).map(|_| another_network(dam)).collect();
		let first = request(network, dam, 10);
		request(others[0], dam, 10);
		request(others[1], dam, 10);
		assert_noop!(request_of(others[2], dam, 10), Error::<Test>::TooManyPenalties);

		assert_ok!(Slashing::cancel(RuntimeOrigin::root(), first));
		request(others[2], dam, 10);
	});
}

#[test]
fn the_dispute_window_is_held_to_the_protocol_maximum() {
	let params =
		ProtocolParams { max_dispute_window: 10, resolution_period: 7, ..default_params() };
	ExtBuilder::default().with_params(params).build_and_execute(|| {
		let (short, dam) = penalisable();
		let long = network_with(TestTerms { dispute_window: 50, ..terms() });
		install(long, dam, OPERATOR, COMMITMENT);
		run_to_block(2);

		let kept = request(short, dam, 10);
		let held = request(long, dam, 10);
		assert_eq!((penalty(kept).window_ends, penalty(kept).resolve_by), (5, 12));
		assert_eq!((penalty(held).window_ends, penalty(held).resolve_by), (12, 19));
		assert_eq!(penalty(held).requested_at, 2);
		assert_eq!(VaultRecords::get(penalty(held).vault).map(|v| v.unlock_at), Some(12));
		assert!(matches!(
			events().last(),
			Some(Event::PenaltyRequested { window_ends: 12, resolve_by: 19, .. })
		));
	});
}

#[test]
fn request_rejects_networks_that_cannot_penalise() {
	ExtBuilder::default().build_and_execute(|| {
		let (network, dam) = penalisable();
		let by = |who: AccountId, network| {
			Slashing::request_penalty(signed(who), network, dam, 10, Vec::new())
		};
		assert_noop!(by(NET_MANAGER, 77), Error::<Test>::NetworkNotFound);
		assert_noop!(by(STRANGER, network), Error::<Test>::NotNetworkManager);
		assert_noop!(by(DAM_MANAGER, network), Error::<Test>::NotNetworkManager);
		assert_noop!(
			Slashing::request_penalty(RuntimeOrigin::none(), network, dam, 10, Vec::new()),
			DispatchError::BadOrigin
		);

		// A Growth Network, even one with penalty terms, and a Collateral one without.
		let growth_view = MockMarketplace::view(NET_MANAGER, NetworkKind::Growth);
		let growth = MockMarketplace::add_network(growth_view, Some(terms()));
		install(growth, dam, OPERATOR, COMMITMENT);
		assert_noop!(by(NET_MANAGER, growth), Error::<Test>::NotCollateral);
		let collateral_view = MockMarketplace::view(NET_MANAGER, NetworkKind::Collateral);
		let termless = MockMarketplace::add_network(collateral_view, None);
		install(termless, dam, OPERATOR, COMMITMENT);
		assert_noop!(by(NET_MANAGER, termless), Error::<Test>::NotCollateral);

		let other = another_network(dam);
		for status in [
			NetworkStatus::Pending,
			NetworkStatus::Suspended,
			NetworkStatus::Ended,
			NetworkStatus::Defaulted,
		] {
			MockMarketplace::set_status(other, status);
			assert_noop!(by(NET_MANAGER, other), Error::<Test>::NetworkNotLive);
		}
		MockMarketplace::set_status(other, NetworkStatus::Live);

		// The last block of the Networks' duration, then the first after it.
		run_to_block(DURATION);
		request(network, dam, 10);
		run_to_block(DURATION + 1);
		assert_noop!(by(NET_MANAGER, other), Error::<Test>::NetworkNotLive);
	});
}

#[test]
fn request_needs_an_active_installation() {
	ExtBuilder::default().build_and_execute(|| {
		let (network, _) = penalisable();
		let uninstalled = dam_with(STAKE);
		assert_noop!(request_of(network, uninstalled, 10), Error::<Test>::NotInstalled);
		let unconfirmed = dam_with(STAKE);
		MockMarketplace::request_installation(network, unconfirmed, OPERATOR);
		assert_noop!(request_of(network, unconfirmed, 10), Error::<Test>::NotInstalled);
		assert_noop!(request_of(network, 77, 10), Error::<Test>::NotInstalled);
	});
}

#[test]
fn request_rejects_a_zero_amount_and_a_reason_too_long() {
	ExtBuilder::default().build_and_execute(|| {
		let (network, dam) = penalisable();
		assert_noop!(request_of(network, dam, 0), Error::<Test>::ZeroAmount);
		let longest = vec![b'r'; 16];
		let mut too_long = longest.clone();
		too_long.push(b'r');
		assert_noop!(
			Slashing::request_penalty(signed(NET_MANAGER), network, dam, 10, too_long),
			Error::<Test>::ReasonTooLong
		);
		assert_ok!(Slashing::request_penalty(
			signed(NET_MANAGER),
			network,
			dam,
			10,
			longest.clone()
		));
		assert_eq!(penalty(0).reason.into_inner(), longest);
	});
}

#[test]
fn a_request_the_dam_cannot_cover_changes_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		let all = TestTerms { max_penalty: Perbill::one(), ..terms() };
		let first = network_with(all.clone());
		let second = network_with(all);
		let dam = dam_with(1_000);
		install(first, dam, OPERATOR, 1_000);
		install(second, dam, OPERATOR, 1_000);
		request(first, dam, 600);
		// The second Network may slash the whole stake as it was before the first penalty:
		// more than the DAM has left, which the DAM refuses.
		assert_noop!(request_of(second, dam, 500), DispatchError::Other(INSUFFICIENT_IDLE));
		request(second, dam, 400);
	});
}

#[test]
fn request_fails_once_penalty_ids_are_exhausted() {
	ExtBuilder::default().build_and_execute(|| {
		let (network, dam) = penalisable();
		NextPenaltyId::<Test>::put(PenaltyId::MAX);
		assert_noop!(request_of(network, dam, 10), Error::<Test>::PenaltyIdOverflow);
		NextPenaltyId::<Test>::put(PenaltyId::MAX - 1);
		assert_eq!(request(network, dam, 10), PenaltyId::MAX - 1);
	});
}
