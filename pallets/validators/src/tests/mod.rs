//! Tests of the validators pallet against doubles of the marketplace, the DAMs, the rewards and
//! slashing pallets, the session pallet and the Aura slot, one file per flow.

mod calls;
mod offences;
mod selection;
mod sessions;

pub use crate::queries::{CandidateInfo, CandidateStatus, ValidatorSetInfo};
use crate::{mock::*, *};
pub use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok, weights::Weight},
	sp_runtime::{DispatchError, Perbill, Permill},
	sp_staking::offence::{OffenceDetails, OnOffenceHandler},
};

/// Governance: the mock's `GovernanceOrigin` is root.
pub fn root() -> RuntimeOrigin {
	RuntimeOrigin::root()
}

/// A signed origin of `who`.
pub fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

/// The set a plan made now would take, in seat order.
pub fn selected() -> Vec<AccountId> {
	Validators::rank().0.into_iter().map(|(who, _)| who).collect()
}

/// Every candidate a plan made now would see, in rank order: who, backing, whether it is
/// invulnerable, and its status.
pub fn ranked() -> Vec<(AccountId, Balance, bool, CandidateStatus)> {
	Validators::rank().1.into_iter().map(|r| (r.who, r.backing, r.invulnerable, r.status)).collect()
}

/// The status of `who` in the ranking, if it is a candidate.
pub fn status_of(who: AccountId) -> Option<CandidateStatus> {
	Validators::rank().1.into_iter().find(|r| r.who == who).map(|r| r.status)
}

/// Gives `who` session keys and installs Network 0 into `dam`, run by `who`, with `backing`
/// committed.
pub fn operator(dam: DamId, who: AccountId, backing: Balance) {
	Keys::insert(who, ());
	MockMarketplace::install(dam, who, backing);
}

/// Reports an offence of session `session` by each of `offenders`, with its slash fraction, as
/// pallet-offences does; returns the weight the pallet charges.
pub fn report_offence(offenders: &[(AccountId, Perbill)], session: SessionIndex) -> Weight {
	let details: Vec<OffenceDetails<AccountId, (AccountId, ())>> = offenders
		.iter()
		.map(|(who, _)| OffenceDetails { offender: (*who, ()), reporters: vec![] })
		.collect();
	let fractions: Vec<Perbill> = offenders.iter().map(|(_, fraction)| *fraction).collect();
	<Validators as OnOffenceHandler<AccountId, (AccountId, ()), Weight>>::on_offence(
		&details, &fractions, session,
	)
}

/// The weight the pallet charges for an offence whose offender `dams` DAMs back.
pub fn offence_weight(dams: u32) -> Weight {
	<() as WeightInfo>::on_offence(dams)
}
