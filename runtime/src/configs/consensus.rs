//! Block production (Aura), finality (GRANDPA), the on-chain clock (Timestamp), and the
//! sessions that rotate the validator set ([`Session`] with its [`Historical`] proofs,
//! [`Authorship`] and [`Offences`]). The [`Validators`] pallet chooses each set from the
//! Operators that Network 0's DAMs back.

use crate::*;
use frame_support::{
	parameter_types,
	traits::{ConstBool, ConstU32, ConstU64, KeyOwnerProofSystem},
	weights::Weight,
	PalletId,
};
use polkadot_sdk::{
	pallet_authorship, pallet_offences, pallet_session, sp_consensus_aura, sp_staking,
};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_core::crypto::KeyTypeId;
use sp_runtime::traits::{ConvertInto, OpaqueKeys};

/// The largest validator set that Aura and GRANDPA accept.
pub type MaxAuthorities = ConstU32<32>;

/// How many sessions an equivocation stays provable, and so punishable: a lowered commitment
/// to Network 0 stays slashable for the production `commitment_delay` of 7 days, which is 168
/// one-hour sessions.
pub const BONDING_SESSIONS: u32 = 168;

impl pallet_timestamp::Config for Runtime {
	/// Milliseconds since the Unix epoch.
	type Moment = u64;
	type OnTimestampSet = Aura;
	type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;
	type WeightInfo = weights::pallet_timestamp::WeightInfo<Runtime>;
}

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type MaxAuthorities = MaxAuthorities;
	/// A validator disabled for an offence authors no more blocks this session.
	type DisabledValidators = Session;
	type AllowMultipleBlocksPerSlot = ConstBool<false>;
	type SlotDuration = pallet_aura::MinimumPeriodTimesTwo<Runtime>;
}

parameter_types! {
	/// How long an equivocation report waits in the pool: one session of production length.
	pub const ReportLongevity: u64 = 600;
}

/// GRANDPA's weights: upstream's estimate for checking an equivocation proof and reporting
/// it, with the cost of Nektar's offence handler in place of staking's. The handler reads
/// every installation of Network 0 and requests a penalty on each DAM that backs the
/// offender: at most `MaxOperatorsPerNetwork` of both.
pub struct GrandpaWeights;
impl pallet_grandpa::WeightInfo for GrandpaWeights {
	fn report_equivocation(validator_count: u32, _: u32) -> Weight {
		use pallet_validators::WeightInfo;
		let installations = super::nektar::MaxOperatorsPerNetwork::get();
		<() as pallet_grandpa::WeightInfo>::report_equivocation(validator_count, 0)
			.saturating_add(<Runtime as pallet_validators::Config>::WeightInfo::on_offence(
				installations,
			))
			.saturating_add(
				<Runtime as frame_system::Config>::DbWeight::get().reads(installations.into()),
			)
	}

	fn note_stalled() -> Weight {
		<() as pallet_grandpa::WeightInfo>::note_stalled()
	}
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = GrandpaWeights;
	type MaxAuthorities = MaxAuthorities;
	type MaxNominators = ConstU32<0>;
	/// At most one set id per session: proofs reach back [`BONDING_SESSIONS`] sessions.
	type MaxSetIdSessionEntries = ConstU64<{ BONDING_SESSIONS as u64 }>;
	type KeyOwnerProof = <Historical as KeyOwnerProofSystem<(KeyTypeId, GrandpaId)>>::Proof;
	type EquivocationReportSystem =
		pallet_grandpa::EquivocationReportSystem<Self, Offences, Historical, ReportLongevity>;
}

/// The block author: the session validator at Aura's author index.
impl pallet_authorship::Config for Runtime {
	type FindAuthor = pallet_session::FindAccountFromAuthorIndex<Self, Aura>;
	type EventHandler = Validators;
}

parameter_types! {
	/// Held from an account that registers session keys, until it purges them.
	pub const KeyDeposit: Balance = deposit(1, 96);
}

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	/// Any account may register keys; the validators pallet decides who validates.
	type ValidatorIdOf = ConvertInto;
	type ShouldEndSession = Validators;
	type NextSessionRotation = Validators;
	type SessionManager = pallet_session::historical::NoteHistoricalRoot<Self, Validators>;
	type SessionHandler = <opaque::SessionKeys as OpaqueKeys>::KeyTypeIdProviders;
	type Keys = opaque::SessionKeys;
	/// At most a third of the set is disabled at once, and a worse offender replaces a milder
	/// one; the set resets when it changes.
	type DisablingStrategy = pallet_session::disabling::UpToLimitWithReEnablingDisablingStrategy;
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	type KeyDeposit = KeyDeposit;
}

/// A validator's full identification in historical proofs: its account alone. Its backing is
/// read when an offence is reported, and stays slashable for `commitment_delay`.
pub struct ValidatorIdentity;
impl sp_runtime::traits::Convert<AccountId, Option<()>> for ValidatorIdentity {
	fn convert(_: AccountId) -> Option<()> {
		Some(())
	}
}

impl pallet_session::historical::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type FullIdentification = ();
	type FullIdentificationOf = ValidatorIdentity;
}

impl pallet_offences::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type IdentificationTuple = pallet_session::historical::IdentificationTuple<Self>;
	type OnOffenceHandler = Validators;
}

impl<C> frame_system::offchain::CreateTransactionBase<C> for Runtime
where
	RuntimeCall: From<C>,
{
	type Extrinsic = UncheckedExtrinsic;
	type RuntimeCall = RuntimeCall;
}

/// Equivocation reports are unsigned transactions.
impl<C> frame_system::offchain::CreateBare<C> for Runtime
where
	RuntimeCall: From<C>,
{
	fn create_bare(call: RuntimeCall) -> UncheckedExtrinsic {
		UncheckedExtrinsic::new_bare(call)
	}
}

parameter_types! {
	/// Derives the account that manages Network 0.
	pub const ValidatorsPalletId: PalletId = PalletId(*b"nek/vals");
}

/// The session pallet, as the validators pallet sees it.
pub struct SessionControl;
impl pallet_validators::SessionControl<AccountId> for SessionControl {
	fn validators() -> alloc::vec::Vec<AccountId> {
		pallet_session::Validators::<Runtime>::get()
	}

	fn queued_validators() -> alloc::vec::Vec<AccountId> {
		pallet_session::QueuedKeys::<Runtime>::get().into_iter().map(|(who, _)| who).collect()
	}

	fn current_index() -> sp_staking::SessionIndex {
		pallet_session::CurrentIndex::<Runtime>::get()
	}

	fn has_keys(who: &AccountId) -> bool {
		<Session as frame_support::traits::ValidatorRegistration<AccountId>>::is_registered(who)
	}

	fn disable(who: &AccountId, severity: sp_runtime::Perbill) {
		<Session as pallet_session::SessionInterface>::report_offence(
			who.clone(),
			sp_staking::offence::OffenceSeverity(severity),
		)
	}

	fn prune_history(up_to: sp_staking::SessionIndex) {
		Historical::prune_up_to(up_to)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_set_keys(who: &AccountId) {
		use codec::Decode;
		// Keys derived from the account, distinct for every account.
		let seed = codec::Encode::encode(who);
		let mut raw = alloc::vec::Vec::new();
		for key in [b"aura", b"gran"] {
			raw.extend(polkadot_sdk::sp_io::hashing::blake2_256(&[&seed[..], &key[..]].concat()));
		}
		let keys = opaque::SessionKeys::decode(&mut &raw[..]).expect("two 32-byte keys");
		<Session as pallet_session::SessionInterface>::set_keys(who, keys)
			.expect("fresh keys for a fresh account");
	}
}

/// Aura's slot of the current block.
pub struct CurrentSlot;
impl frame_support::traits::Get<u64> for CurrentSlot {
	fn get() -> u64 {
		*pallet_aura::CurrentSlot::<Runtime>::get()
	}
}

impl pallet_validators::Config for Runtime {
	type Balance = Balance;
	type Marketplace = Marketplace;
	type Dams = Dam;
	type Rewards = Rewards;
	type Penalties = Slashing;
	type Session = SessionControl;
	type CurrentSlot = CurrentSlot;
	type Network = ConstU32<{ nektar::NEKTAR_NETWORK }>;
	type PalletId = ValidatorsPalletId;
	type Treasury = nektar::TreasuryAccount;
	type GovernanceOrigin = super::governance::ParametersOrigin;
	type MaxAuthorities = MaxAuthorities;
	type HistoryDepth = ConstU32<BONDING_SESSIONS>;
	type WeightInfo = pallet_validators::weights::SubstrateWeight<Runtime>;
}

use super::nektar;
use pallet_grandpa::AuthorityId as GrandpaId;
