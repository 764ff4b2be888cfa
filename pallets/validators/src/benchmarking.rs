//! Benchmarks of the validators pallet: its governance calls, and the session hooks, whose
//! cost grows with the installations of Network 0 (at most its `operators_requested`).

use super::*;
use crate::Pallet as ValidatorsPallet;
use alloc::vec::Vec;
use frame_support::{
	traits::{EnsureOrigin, Get},
	weights::Weight,
};
use nektar_primitives::{DamProvider, ManagedNetwork, MarketplaceInspect, NetworkKind};
use polkadot_sdk::{
	frame_benchmarking::v2::*,
	sp_runtime::{traits::Saturating, Perbill},
	sp_staking::offence::{OffenceDetails, OnOffenceHandler},
};

/// The most installations Network 0 takes in these benchmarks.
const MAX_CANDIDATES: u32 = 100;

/// A DAM backing `operator` in Network 0 with twice the minimum backing committed.
fn backing_dam<T: Config>(operator: &T::AccountId, seed: u32) -> DamId {
	let network = T::Network::get();
	let view = T::Marketplace::network(network).expect("Network 0 exists");
	let commitment = view.min_allocation.saturating_mul(2u32.into());
	T::Session::benchmark_set_keys(operator);
	let dam = T::Dams::benchmark_dam(NetworkKind::Collateral, operator);
	T::Dams::benchmark_deposit(dam, &account("delegator", seed, 0), commitment);
	T::Dams::benchmark_install(dam, network, commitment);
	dam
}

/// `count` Operators, each backed by its own DAM.
fn operators<T: Config>(count: u32) -> Vec<(T::AccountId, DamId)> {
	(0..count)
		.map(|i| {
			let who: T::AccountId = account("operator", i, 0);
			let dam = backing_dam::<T>(&who, i);
			(who, dam)
		})
		.collect()
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn set_invulnerables(n: Linear<0, { T::MaxAuthorities::get() }>) -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let invulnerables: Vec<T::AccountId> =
			(0..n).map(|i| account("invulnerable", i, 0)).collect();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, invulnerables);
		assert_eq!(Invulnerables::<T>::get().len() as u32, n);
		Ok(())
	}

	#[benchmark]
	fn set_validator_count() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, 1, T::MaxAuthorities::get());
		assert_eq!(MinValidators::<T>::get(), 1);
		Ok(())
	}

	#[benchmark]
	fn set_min_validator_backing() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, 7u32.into());
		assert_eq!(MinValidatorBacking::<T>::get(), 7u32.into());
		Ok(())
	}

	#[benchmark]
	fn set_validator_reward_per_session() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, 7u32.into());
		assert_eq!(ValidatorRewardPerSession::<T>::get(), 7u32.into());
		Ok(())
	}

	#[benchmark]
	fn set_session_length() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, 100u32.into());
		assert_eq!(SessionLength::<T>::get(), 100u32.into());
		Ok(())
	}

	/// Planning a set from `c` Operators with keys, each backed by one DAM.
	#[benchmark]
	fn new_session(c: Linear<1, MAX_CANDIDATES>) {
		operators::<T>(c);
		MinValidatorBacking::<T>::put(T::Balance::from(1u32));
		let index = T::Session::current_index() + 2;
		let planned;
		#[block]
		{
			planned = ValidatorsPallet::<T>::plan(index);
		}
		let expected = c.min(MaxValidators::<T>::get()) as usize;
		assert!(planned.is_some_and(|set| set.len() >= expected));
	}

	/// Ending a session with `c` installations whose performance changes, each owing a
	/// deferred offence penalty now due, and funding the session's reward.
	#[benchmark]
	fn end_session(c: Linear<1, MAX_CANDIDATES>) {
		let index = T::Session::current_index();
		for (validator, dam) in operators::<T>(c) {
			let amount = T::Dams::slashable_exposure(T::Network::get(), dam);
			let owed = crate::offences::DeferredPenalty { validator, amount, session: index };
			DeferredPenalties::<T>::insert(dam, owed);
		}
		// The session saw a block: its first validator authored it.
		SessionBlocks::<T>::mutate(|stats| {
			stats.first_slot = T::CurrentSlot::get().max(1);
			stats.authored = alloc::vec![1].try_into().expect("one validator fits");
		});
		#[block]
		{
			ValidatorsPallet::<T>::end(index);
		}
		let network = T::Network::get();
		// None of the Operators validated: every installation earns nothing.
		assert!(T::Marketplace::active_installations(network)
			.iter()
			.filter(|(_, i)| !T::Session::validators().contains(&i.operator))
			.all(|(_, i)| i.performance.is_zero()));
		assert_eq!(DeferredPenalties::<T>::iter().count(), 0);
	}

	/// Counting a block of the first validator of the session.
	#[benchmark]
	fn note_author() {
		let author = T::Session::validators().into_iter().next().expect("a validator");
		#[block]
		{
			ValidatorsPallet::<T>::note_block(author);
		}
		assert_eq!(SessionBlocks::<T>::get().authored.first().copied(), Some(1));
	}

	/// An offence of a validator backed by `d` DAMs, each penalised.
	#[benchmark]
	fn on_offence(d: Linear<1, { MAX_CANDIDATES / 4 }>) {
		let offender: T::AccountId = account("offender", 0, 0);
		for i in 0..d {
			backing_dam::<T>(&offender, i);
		}
		let details = OffenceDetails { offender: (offender.clone(), ()), reporters: Vec::new() };
		let session = T::Session::current_index();
		#[block]
		{
			<ValidatorsPallet<T> as OnOffenceHandler<_, _, Weight>>::on_offence(
				&[details],
				&[Perbill::from_percent(10)],
				session,
			);
		}
		assert!(HandledOffences::<T>::contains_key(session, &offender));
	}

	impl_benchmark_test_suite!(
		ValidatorsPallet,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}
