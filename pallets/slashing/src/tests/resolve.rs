//! Resolution: before a disputed penalty's deadline, the Network's resolver or governance
//! vetoes it, which returns its assets to the DAM, or upholds it.

use super::*;

fn unresolved_network(dam: DamId) -> NetworkId {
	let network = network_with(TestTerms { resolver: None, ..terms() });
	install(network, dam, OPERATOR, COMMITMENT);
	network
}

#[test]
fn a_veto_returns_the_assets_to_the_dam() {
	ExtBuilder::default().build_and_execute(|| {
		let (network, dam) = penalisable();
		let id = disputed(network, dam, 60);
		let vault = penalty(id).vault;
		// Past the window, before the deadline.
		run_to_block(penalty(id).window_ends + 1);
		assert_ok!(Slashing::veto(signed(RESOLVER), id));

		assert_eq!(status(id), None);
		assert!(!Pending::<Test>::contains_key(network, dam));
		assert!(!DamPenalties::<Test>::contains_key(dam));
		assert_eq!(history(dam), vec![(id, PenaltyStatus::Vetoed)]);
		assert_eq!(events().last(), Some(&Event::PenaltyVetoed { penalty: id, dam, amount: 60 }));

		// Back in the DAM's account and on its books.
		let record = MockDams::record(dam);
		assert_eq!((record.idle, record.in_dispute), (STAKE, 0));
		assert_eq!(MockDams::open_penalties(dam), 0);
		assert_eq!(usd_balance(MockDams::account(dam)), STAKE);
		assert_eq!(usd_balance(VAULTS), 0);
		assert!(VaultRecords::get(vault).is_none());
		assert_eq!(usd_balance(TREASURY), ENDOWMENT);
	});
}

#[test]
fn an_upheld_penalty_executes_at_once() {
	ExtBuilder::default().build_and_execute(|| {
		let (network, dam) = penalisable();
		let id = disputed(network, dam, 60);
		assert_ok!(Slashing::uphold(signed(RESOLVER), id));
		assert_eq!(status(id), Some(PenaltyStatus::Upheld));
		assert_eq!(events().last(), Some(&Event::PenaltyUpheld { penalty: id }));
		assert_eq!(usd_balance(VAULTS), 60);

		assert!(System::block_number() < penalty(id).window_ends);
		assert_ok!(Slashing::execute(signed(STRANGER), id));
		assert_eq!(usd_balance(TREASURY), ENDOWMENT + 60);
		assert_eq!(history(dam), vec![(id, PenaltyStatus::Executed)]);
	});
}

#[test]
fn governance_resolves_the_penalties_of_every_network() {
	ExtBuilder::default().build_and_execute(|| {
		let (named, dam) = penalisable();
		let unnamed = unresolved_network(dam);
		let vetoed = disputed(named, dam, 10);
		let upheld = disputed(unnamed, dam, 20);
		assert_ok!(Slashing::veto(RuntimeOrigin::root(), vetoed));
		assert_ok!(Slashing::uphold(RuntimeOrigin::root(), upheld));
		assert_eq!(history(dam), vec![(vetoed, PenaltyStatus::Vetoed)]);
		assert_eq!(status(upheld), Some(PenaltyStatus::Upheld));
	});
}

#[test]
fn only_the_named_resolver_or_governance_resolves() {
	ExtBuilder::default().build_and_execute(|| {
		let (named, dam) = penalisable();
		let unnamed = unresolved_network(dam);
		let id = disputed(named, dam, 10);
		let fallback = disputed(unnamed, dam, 10);
		for who in [NET_MANAGER, DAM_MANAGER, OPERATOR, STRANGER] {
			assert_noop!(Slashing::veto(signed(who), id), Error::<Test>::NotResolver);
			assert_noop!(Slashing::uphold(signed(who), id), Error::<Test>::NotResolver);
		}
		// Without a resolver of its own, a Network's penalties are governance's alone.
		for who in [RESOLVER, NET_MANAGER] {
			assert_noop!(Slashing::veto(signed(who), fallback), Error::<Test>::NotResolver);
			assert_noop!(Slashing::uphold(signed(who), fallback), Error::<Test>::NotResolver);
		}
		assert_noop!(Slashing::veto(RuntimeOrigin::none(), id), DispatchError::BadOrigin);
		assert_noop!(Slashing::uphold(RuntimeOrigin::none(), id), DispatchError::BadOrigin);
	});
}

#[test]
fn only_a_disputed_penalty_is_vetoed_or_upheld() {
	ExtBuilder::default().build_and_execute(|| {
		let (network, dam) = penalisable();
		let id = request(network, dam, 10);
		assert_noop!(Slashing::veto(signed(RESOLVER), id), Error::<Test>::NotDisputed);
		assert_noop!(Slashing::uphold(RuntimeOrigin::root(), id), Error::<Test>::NotDisputed);
		assert_ok!(Slashing::dispute(signed(DAM_MANAGER), id));
		assert_ok!(Slashing::uphold(signed(RESOLVER), id));
		// Upheld is final for the resolver; only governance may still cancel it.
		assert_noop!(Slashing::veto(signed(RESOLVER), id), Error::<Test>::NotDisputed);
		assert_noop!(Slashing::uphold(signed(RESOLVER), id), Error::<Test>::NotDisputed);
		assert_noop!(Slashing::veto(RuntimeOrigin::root(), 77), Error::<Test>::PenaltyNotFound);
		assert_noop!(Slashing::uphold(RuntimeOrigin::root(), 77), Error::<Test>::PenaltyNotFound);
	});
}

#[test]
fn the_resolution_deadline_ends_veto_and_uphold() {
	ExtBuilder::default().build_and_execute(|| {
		let (network, dam) = penalisable();
		let other = another_network(dam);
		let first = disputed(network, dam, 10);
		let second = disputed(other, dam, 10);
		let deadline = penalty(first).resolve_by;
		assert_eq!(deadline, penalty(first).window_ends + default_params().resolution_period);

		run_to_block(deadline - 1);
		assert_ok!(Slashing::veto(signed(RESOLVER), first));
		run_to_block(deadline);
		assert_noop!(Slashing::veto(signed(RESOLVER), second), Error::<Test>::ResolutionClosed);
		assert_noop!(Slashing::uphold(signed(RESOLVER), second), Error::<Test>::ResolutionClosed);
		assert_noop!(
			Slashing::veto(RuntimeOrigin::root(), second),
			Error::<Test>::ResolutionClosed
		);
		assert_noop!(
			Slashing::uphold(RuntimeOrigin::root(), second),
			Error::<Test>::ResolutionClosed
		);
	});
}
