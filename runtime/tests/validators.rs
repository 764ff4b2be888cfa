//! Operators validate the chain, on the real runtime and the `local` preset: an Operator joins
//! the set through Network 0, authors its slots and earns the session rewards; a GRANDPA
//! equivocation, proved with a historical session proof, becomes a penalty on the DAM that
//! backs it, which goes through the dispute flow to execution.

mod common;
use common::next_block;

use codec::Encode;
use nektar_runtime::{
	configs::nektar::{AssetKind, TreasuryAccount, MAX_REWARD_TOKENS as MAX_TOKENS},
	genesis_config_presets::{local_config_genesis, MIN_VALIDATOR_BACKING, SESSION_LENGTH},
	opaque::SessionKeys,
	AccountId, Aura, Balances, Dam, Grandpa, Historical, Marketplace, Rewards, Runtime,
	RuntimeOrigin, Session, Slashing, System, Validators,
};
use polkadot_sdk::{
	frame_support::traits::KeyOwnerProofSystem,
	pallet_session, sp_consensus_grandpa,
	sp_core::{proof_of_possession::ProofOfPossessionGenerator, Pair},
	sp_keyring::{Ed25519Keyring, Sr25519Keyring},
	sp_runtime::{Perbill, Permill},
};

/// The Operator who joins: Dave, whose node runs with Dave's dev keys.
fn dave() -> AccountId {
	Sr25519Keyring::Dave.to_account_id()
}

/// Produces blocks until the session index reaches `index`.
fn run_to_session(index: u32, skip: &[AccountId]) {
	while pallet_session::CurrentIndex::<Runtime>::get() < index {
		next_block(skip);
	}
}

/// Dave's session keys and the proof that he holds them.
fn dave_keys() -> (SessionKeys, Vec<u8>) {
	let mut aura = Sr25519Keyring::Dave.pair();
	let mut grandpa = Ed25519Keyring::Dave.pair();
	let owner = dave().encode();
	let proof =
		(aura.generate_proof_of_possession(&owner), grandpa.generate_proof_of_possession(&owner))
			.encode();
	let keys = SessionKeys { aura: aura.public().into(), grandpa: grandpa.public().into() };
	(keys, proof)
}

/// A Collateral DAM in NEK without a fee, whose manager runs its validator.
fn validator_dam() -> pallet_dam::DamConfig<AccountId, AssetKind> {
	common::open_dam(nektar_primitives::NetworkKind::Collateral, AssetKind::Native)
}

/// Dave's path of the README's Operator guide: keys, Operator, a DAM with a deposit, the
/// installation into Network 0 and the commitment. Returns the DAM.
fn dave_joins(commitment: u128) -> u32 {
	let origin = || RuntimeOrigin::signed(dave());
	let (keys, proof) = dave_keys();
	Session::set_keys(origin(), keys, proof).expect("valid keys and proof");
	Marketplace::register_operator(origin(), b"Dave".to_vec(), Vec::new()).expect("registers");
	let dam = pallet_dam::NextDamId::<Runtime>::get();
	Dam::create_dam(
		origin(),
		validator_dam(),
		b"Dave validates".to_vec(),
		b"dvNEK".to_vec(),
		Vec::new(),
		Vec::new(),
		Vec::new(),
	)
	.expect("creates the DAM");
	Dam::deposit(origin(), dam, commitment * 2, Perbill::zero(), MAX_TOKENS).expect("deposits");
	Dam::request_installation(origin(), dam, 0, dave().into()).expect("requests Network 0");
	let installation = pallet_marketplace::Installations::<Runtime>::get(0, dam).expect("there");
	assert_eq!(installation.status, nektar_primitives::InstallationStatus::Active);
	Dam::commit(origin(), dam, 0, commitment).expect("commits");
	dam
}

#[test]
fn an_operator_joins_through_network_0_validates_earns_and_leaves() {
	common::build(local_config_genesis()).execute_with(|| {
		next_block(&[]);
		let commitment = 2 * MIN_VALIDATOR_BACKING;
		let dam = dave_joins(commitment);
		let start = pallet_session::CurrentIndex::<Runtime>::get();
		assert_eq!(start, 0);
		assert!(!pallet_session::Validators::<Runtime>::get().contains(&dave()));

		// Planned at the end of session 0, Dave validates from session 2.
		run_to_session(1, &[]);
		assert!(!pallet_session::Validators::<Runtime>::get().contains(&dave()));
		let next = Validators::validator_set().next;
		assert_eq!(next.first(), Some(&(dave(), commitment)), "the best-backed first");
		run_to_session(2, &[]);
		let set = pallet_session::Validators::<Runtime>::get();
		assert_eq!(set.len(), 4);
		assert!(set.contains(&dave()));
		assert_eq!(Aura::authorities_len(), 4);
		assert_eq!(Grandpa::grandpa_authorities().len(), 4);

		// Dave authors his slots in session 2, and his installation scores fully.
		let treasury_before = Balances::free_balance(TreasuryAccount::get());
		// Funded and not yet claimed: accrual moves the budget into what accrued.
		let funded = || {
			let program = pallet_rewards::Programs::<Runtime>::get(0).unwrap();
			program.budget + program.accrued
		};
		let funded_before = funded();
		let mut authored_by_dave = 0;
		while pallet_session::CurrentIndex::<Runtime>::get() < 3 {
			if next_block(&[]) == dave() {
				authored_by_dave += 1;
			}
		}
		assert!(authored_by_dave > 0, "Dave authored blocks");
		let installation = pallet_marketplace::Installations::<Runtime>::get(0, dam).unwrap();
		assert_eq!(installation.performance, Permill::one());
		// The treasury paid the session's reward into Network 0's program.
		let reward = pallet_validators::ValidatorRewardPerSession::<Runtime>::get();
		assert_eq!(Balances::free_balance(TreasuryAccount::get()), treasury_before - reward);
		assert_eq!(funded(), funded_before + reward);

		// In session 3 Dave's node is down: he misses every slot and earns nothing.
		run_to_session(4, &[dave()]);
		let installation = pallet_marketplace::Installations::<Runtime>::get(0, dam).unwrap();
		assert_eq!(installation.performance, Permill::zero());

		// His delegators earned Network 0's token; he claims his operator rewards.
		let owed = Rewards::pending_operator_rewards(0, dam).expect("installed").amount;
		assert!(owed > 0, "Dave's operator rewards accrued");

		// Dave leaves: commitment to zero, then uninstall once it is no longer slashable.
		Dam::commit(RuntimeOrigin::signed(dave()), dam, 0, 0).expect("lowers the commitment");
		let delay = pallet_marketplace::Params::<Runtime>::get().commitment_delay;
		let until = System::block_number() + delay;
		while System::block_number() < until {
			next_block(&[]);
		}
		// A Network 0 installation that backs nothing is evicted at a session's end: if that
		// came first, Dave has left already.
		if pallet_marketplace::Installations::<Runtime>::contains_key(0, dam) {
			Dam::uninstall(RuntimeOrigin::signed(dave()), dam, 0).expect("leaves Network 0");
		}
		assert!(!pallet_marketplace::Installations::<Runtime>::contains_key(0, dam));
		let left_at = pallet_session::CurrentIndex::<Runtime>::get();
		run_to_session(left_at + 2, &[]);
		let set = pallet_session::Validators::<Runtime>::get();
		assert_eq!(set.len(), 3);
		assert!(!set.contains(&dave()));
		assert_eq!(System::block_number() % SESSION_LENGTH, 0, "sessions are 10 blocks");
	});
}

#[test]
fn an_installation_into_network_0_needs_session_keys() {
	common::build(local_config_genesis()).execute_with(|| {
		next_block(&[]);
		let origin = || RuntimeOrigin::signed(dave());
		Marketplace::register_operator(origin(), b"Dave".to_vec(), Vec::new()).unwrap();
		let dam = pallet_dam::NextDamId::<Runtime>::get();
		Dam::create_dam(
			origin(),
			validator_dam(),
			b"Dave".to_vec(),
			b"dNEK".to_vec(),
			Vec::new(),
			Vec::new(),
			Vec::new(),
		)
		.unwrap();
		assert_eq!(
			Dam::request_installation(origin(), dam, 0, dave().into()),
			Err(pallet_validators::Error::<Runtime>::NoSessionKeys.into())
		);
		assert!(pallet_marketplace::Installations::<Runtime>::get(0, dam).is_none());
	});
}

/// Two GRANDPA prevotes of `keyring` for different blocks in one round of set `set_id`.
fn equivocation(
	set_id: sp_consensus_grandpa::SetId,
	keyring: Ed25519Keyring,
) -> sp_consensus_grandpa::EquivocationProof<nektar_runtime::Hash, nektar_runtime::BlockNumber> {
	let round = 1;
	let vote = |target: u8| {
		let prevote = finality_grandpa::Prevote {
			target_hash: nektar_runtime::Hash::repeat_byte(target),
			target_number: System::block_number(),
		};
		let payload = sp_consensus_grandpa::localized_payload(
			round,
			set_id,
			&finality_grandpa::Message::Prevote(prevote.clone()),
		);
		(prevote, keyring.pair().sign(&payload).into())
	};
	sp_consensus_grandpa::EquivocationProof::new(
		set_id,
		sp_consensus_grandpa::Equivocation::Prevote(finality_grandpa::Equivocation {
			round_number: round,
			identity: keyring.public().into(),
			first: vote(1),
			second: vote(2),
		}),
	)
}

#[test]
fn a_grandpa_equivocation_becomes_a_penalty_on_the_backing_dam() {
	common::build(local_config_genesis()).execute_with(|| {
		next_block(&[]);
		let commitment = 2 * MIN_VALIDATOR_BACKING;
		let dam = dave_joins(commitment);
		run_to_session(2, &[]);
		next_block(&[]);
		assert!(pallet_session::Validators::<Runtime>::get().contains(&dave()));

		// Dave's GRANDPA key votes twice in a round; anyone can prove it with a historical
		// proof that the key was Dave's in this session.
		let set_id = Grandpa::current_set_id();
		let proof = equivocation(set_id, Ed25519Keyring::Dave);
		let grandpa_key: sp_consensus_grandpa::AuthorityId = Ed25519Keyring::Dave.public().into();
		let key_owner_proof =
			Historical::prove((sp_consensus_grandpa::KEY_TYPE, grandpa_key)).expect("a member");
		Grandpa::report_equivocation_unsigned(
			RuntimeOrigin::none(),
			Box::new(proof),
			key_owner_proof,
		)
		.expect("a valid report");

		// Dave is disabled at once, and his DAM has a penalty from Network 0 for the
		// offence's slash fraction of its backing.
		let index = Session::validators().iter().position(|v| v == &dave()).unwrap() as u32;
		assert!(Session::disabled_validators().contains(&index));
		let penalties = Slashing::dam_penalties(dam);
		assert_eq!(penalties.len(), 1);
		let penalty = &penalties[0];
		assert_eq!(penalty.penalty.network, 0);
		// One offender of four: GRANDPA's fraction is (3 × 1 / 4)² = 56.25%.
		let fraction = Perbill::from_rational(9u32, 16u32);
		assert_eq!(penalty.penalty.amount, fraction.mul_floor(commitment));

		// Dave disputes; governance, the resolver, upholds.
		let id = penalty.id;
		Slashing::dispute(RuntimeOrigin::signed(dave()), id).expect("inside the window");
		Slashing::uphold(RuntimeOrigin::root(), id).expect("governance resolves");

		// He is out of the next set planned.
		let in_session = pallet_session::CurrentIndex::<Runtime>::get();
		run_to_session(in_session + 2, &[dave()]);
		assert!(!pallet_session::Validators::<Runtime>::get().contains(&dave()));

		// The upheld penalty executes to the treasury.
		let treasury = Balances::free_balance(TreasuryAccount::get());
		Slashing::execute(RuntimeOrigin::signed(Sr25519Keyring::Eve.to_account_id()), id)
			.expect("an upheld penalty executes");
		assert_eq!(
			Balances::free_balance(TreasuryAccount::get()),
			treasury + fraction.mul_floor(commitment)
		);
	});
}
