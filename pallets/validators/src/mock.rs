//! A test runtime with the validators pallet. The marketplace (Network 0 and its
//! installations), the DAMs (their slashable exposure), the rewards and slashing pallets, the
//! session pallet and the Aura slot are doubles that keep their state in storage: each test
//! starts from its own.

use crate as pallet_validators;
use crate::*;
use alloc::vec::Vec;
use frame_support::{
	derive_impl,
	pallet_prelude::ValueQuery,
	parameter_types,
	traits::{ConstU32, Hooks},
	weights::Weight,
	PalletId, Twox64Concat,
};
use frame_system::EnsureRoot;
use nektar_primitives::{
	DamProvider, InstallationStatus, InstallationView, ManagedNetwork, MarketplaceInspect,
	NetworkKind, NetworkStatus, NetworkView, PenaltyRequests, PenaltyView, ProtocolParams,
	RewardFunding, Shares, VaultId,
};
use polkadot_sdk::{
	sp_io,
	sp_runtime::{BuildStorage, DispatchError, DispatchResult, FixedU128, Perbill, Permill},
};

pub type AccountId = u64;
pub type Balance = u128;
pub type BlockNumber = u64;
type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Validators: pallet_validators,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = AccountId;
	type Lookup = polkadot_sdk::sp_runtime::traits::IdentityLookup<AccountId>;
}

/// The treasury, which pays the session rewards.
pub const TREASURY: AccountId = 98;
/// The genesis validators.
pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
/// Operators who want to validate.
pub const CAROL: AccountId = 3;
pub const DAVE: AccountId = 4;
pub const EVE: AccountId = 5;
/// Has no role anywhere.
pub const STRANGER: AccountId = 9;
/// The chain's Network.
pub const NETWORK: NetworkId = 0;
/// The backing an Operator needs in the tests.
pub const MIN_BACKING: Balance = 1_000;
/// The session length of the tests.
pub const SESSION: BlockNumber = 10;
/// The most validators consensus takes in the tests.
pub const MAX_AUTHORITIES: u32 = 4;
/// What the treasury pays every session in the tests.
pub const REWARD: Balance = 100;

parameter_types! {
	pub const ValidatorsPalletId: PalletId = PalletId(*b"nek/vals");
	pub const Treasury: AccountId = TREASURY;
}

impl Config for Test {
	type Balance = Balance;
	type Marketplace = MockMarketplace;
	type Dams = MockDams;
	type Rewards = MockRewards;
	type Penalties = MockPenalties;
	type Session = MockSession;
	type CurrentSlot = MockSlot;
	type Network = ConstU32<NETWORK>;
	type PalletId = ValidatorsPalletId;
	type Treasury = Treasury;
	type GovernanceOrigin = EnsureRoot<AccountId>;
	type MaxAuthorities = ConstU32<MAX_AUTHORITIES>;
	type HistoryDepth = ConstU32<3>;
	type WeightInfo = ();
}

/// An installation of Network 0 as the marketplace shows it.
pub type TestInstallation = InstallationView<AccountId, Balance, BlockNumber>;

/// The active installations of Network 0, by DAM.
#[frame_support::storage_alias]
pub type Installations = StorageMap<MockMarketplace, Twox64Concat, DamId, TestInstallation>;

/// Each DAM's slashable exposure to Network 0.
#[frame_support::storage_alias]
pub type Exposures = StorageMap<MockDams, Twox64Concat, DamId, Balance>;

/// The Operator of each DAM the benchmarks create.
#[frame_support::storage_alias]
pub type DamOperators = StorageMap<MockDams, Twox64Concat, DamId, AccountId>;

/// What the treasury holds; funding takes from it.
#[frame_support::storage_alias]
pub type TreasuryBalance = StorageValue<MockRewards, Balance, ValueQuery>;

/// Network 0's reward budget.
#[frame_support::storage_alias]
pub type Budget = StorageValue<MockRewards, Balance, ValueQuery>;

/// The penalties requested, in order: (manager, Network, DAM, amount).
#[frame_support::storage_alias]
pub type Requested =
	StorageValue<MockPenalties, Vec<(AccountId, NetworkId, DamId, Balance)>, ValueQuery>;

/// The DAMs that have a penalty open: a second request on them fails.
#[frame_support::storage_alias]
pub type OpenPenalty = StorageMap<MockPenalties, Twox64Concat, DamId, ()>;

/// Whether the slashing pallet refuses every request, as for a DAM it no longer knows.
#[frame_support::storage_alias]
pub type RefuseRequests = StorageValue<MockPenalties, bool, ValueQuery>;

/// The accounts with session keys.
#[frame_support::storage_alias]
pub type Keys = StorageMap<MockSession, Twox64Concat, AccountId, ()>;

/// The current session, its validators and the queued ones.
#[frame_support::storage_alias]
pub type CurrentIndex = StorageValue<MockSession, SessionIndex, ValueQuery>;
#[frame_support::storage_alias]
pub type Current = StorageValue<MockSession, Vec<AccountId>, ValueQuery>;
#[frame_support::storage_alias]
pub type Queued = StorageValue<MockSession, Vec<AccountId>, ValueQuery>;

/// The validators disabled in the current session, with the severity.
#[frame_support::storage_alias]
pub type Disabled = StorageValue<MockSession, Vec<(AccountId, Perbill)>, ValueQuery>;

/// The first session whose historical root is kept.
#[frame_support::storage_alias]
pub type KeptFrom = StorageValue<MockSession, SessionIndex, ValueQuery>;

/// The Aura slot of the current block.
#[frame_support::storage_alias]
pub type Slot = StorageValue<MockSlot, u64, ValueQuery>;

/// Stands in for the marketplace: Network 0 is a live Collateral Network that penalises up to
/// half of a backing, and its active installations are in storage.
pub struct MockMarketplace;

impl MockMarketplace {
	/// Installs Network 0 into `dam`, run by `operator`, with `backing` committed.
	pub fn install(dam: DamId, operator: AccountId, backing: Balance) {
		Installations::insert(
			dam,
			InstallationView {
				status: InstallationStatus::Active,
				operator,
				exposure: backing,
				slashable_exposure: backing,
				held_until: None,
				max_exposure: Balance::MAX,
				performance: Permill::one(),
			},
		);
		Exposures::insert(dam, backing);
	}

	/// Removes the installation of Network 0 from `dam`.
	pub fn uninstall(dam: DamId) {
		Installations::remove(dam);
		Exposures::remove(dam);
	}

	/// The performance score of the installation of `dam`.
	pub fn performance(dam: DamId) -> Permill {
		Installations::get(dam).expect("installed").performance
	}
}

impl MarketplaceInspect for MockMarketplace {
	type AccountId = AccountId;
	type AssetKind = u32;
	type Balance = Balance;
	type BlockNumber = BlockNumber;

	fn network(network: NetworkId) -> Option<NetworkView<AccountId, u32, Balance, BlockNumber>> {
		(network == NETWORK).then(|| NetworkView {
			manager: Validators::account(),
			kind: NetworkKind::Collateral,
			status: NetworkStatus::Live,
			deposit_asset: 0,
			min_allocation: MIN_BACKING,
			amount_requested: Balance::MAX,
			operators_requested: 100,
			total_exposure: Exposures::iter_values().sum(),
			live_since: Some(0),
			duration: BlockNumber::MAX,
			lock_period: None,
			safe: None,
			bond: 0,
			reward_asset: 0,
			delegator_rate: FixedU128::from_rational(1, 100),
			operator_rate: 10,
			operator_commission: Perbill::zero(),
		})
	}

	fn reward_token_metadata(_: NetworkId) -> Option<(Vec<u8>, Vec<u8>)> {
		None
	}

	fn penalty_terms(network: NetworkId) -> Option<PenaltyView<AccountId, BlockNumber>> {
		(network == NETWORK).then(|| PenaltyView {
			max_penalty: Perbill::from_percent(50),
			dispute_window: 3,
			resolver: None,
			safe: None,
		})
	}

	fn params() -> ProtocolParams<BlockNumber> {
		ProtocolParams {
			max_dam_fee: Perbill::from_percent(20),
			max_operator_commission: Perbill::from_percent(50),
			withdrawal_delay: 5,
			commitment_delay: 5,
			min_dispute_window: 3,
			max_dispute_window: 20,
			resolution_period: 5,
			min_penalty: Perbill::from_percent(1),
			fee_increase_delay: 5,
			repay_grace: 5,
			blocks_per_day: 100,
		}
	}

	fn is_operator(_: &AccountId) -> bool {
		true
	}

	fn is_asset_whitelisted(_: &u32) -> bool {
		true
	}

	fn installation(network: NetworkId, dam: DamId) -> Option<TestInstallation> {
		(network == NETWORK).then(|| Installations::get(dam)).flatten()
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_asset() -> u32 {
		0
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_operator(_: &AccountId) {}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_network(_: NetworkKind, _: Balance) -> NetworkId {
		NETWORK
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_confirm(_: NetworkId, _: DamId) {}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_end(_: NetworkId) {}
}

impl ManagedNetwork for MockMarketplace {
	type AccountId = AccountId;
	type Balance = Balance;
	type BlockNumber = BlockNumber;

	fn active_installations(network: NetworkId) -> Vec<(DamId, TestInstallation)> {
		if network != NETWORK {
			return Vec::new();
		}
		let mut all: Vec<_> = Installations::iter().collect();
		all.sort_by_key(|(dam, _)| *dam);
		all
	}

	fn evict(network: NetworkId, dam: DamId) -> DispatchResult {
		frame_support::ensure!(network == NETWORK, DispatchError::Other("not Network 0"));
		let installation = Installations::get(dam).ok_or(DispatchError::Other("not installed"))?;
		frame_support::ensure!(
			installation.exposure == 0 && installation.slashable_exposure == 0,
			DispatchError::Other("backs something")
		);
		Self::uninstall(dam);
		Ok(())
	}

	fn set_performance(network: NetworkId, dam: DamId, score: Permill) -> DispatchResult {
		frame_support::ensure!(network == NETWORK, DispatchError::Other("not Network 0"));
		Installations::try_mutate(dam, |maybe| {
			let installation = maybe.as_mut().ok_or(DispatchError::Other("not installed"))?;
			installation.performance = score;
			Ok(())
		})
	}
}

/// Stands in for the DAM pallet: only the slashable exposure to Network 0 is read.
pub struct MockDams;

impl DamProvider for MockDams {
	type AccountId = AccountId;
	type Balance = Balance;
	type BlockNumber = BlockNumber;

	fn account(dam: DamId) -> AccountId {
		1_000 + AccountId::from(dam)
	}
	fn manager(_: DamId) -> Option<AccountId> {
		None
	}
	fn active_shares(_: DamId) -> Shares<Balance> {
		Shares(0)
	}
	fn shares(_: DamId, _: &AccountId) -> Shares<Balance> {
		Shares(0)
	}
	fn holders(_: DamId) -> Vec<AccountId> {
		Vec::new()
	}
	fn exposure(network: NetworkId, dam: DamId) -> Balance {
		Self::slashable_exposure(network, dam)
	}
	fn active_stake(dam: DamId) -> Option<Balance> {
		Exposures::get(dam)
	}
	fn lent(_: DamId) -> Balance {
		0
	}
	fn on_loan_returned(_: DamId, _: Balance) -> DispatchResult {
		Err(DispatchError::Other("Collateral DAMs lend nothing"))
	}
	fn on_loan_written_off(_: DamId, _: Balance, _: Balance) -> DispatchResult {
		Err(DispatchError::Other("Collateral DAMs lend nothing"))
	}
	fn slash(_: DamId, _: NetworkId, _: Balance, _: BlockNumber) -> Result<VaultId, DispatchError> {
		Err(DispatchError::Other("penalties go through MockPenalties"))
	}
	fn restore(_: DamId, _: VaultId, _: Balance) -> DispatchResult {
		Err(DispatchError::Other("penalties go through MockPenalties"))
	}
	fn penalty_executed(_: DamId, _: VaultId) -> DispatchResult {
		Err(DispatchError::Other("penalties go through MockPenalties"))
	}
	fn slashable_exposure(network: NetworkId, dam: DamId) -> Balance {
		if network == NETWORK {
			Exposures::get(dam).unwrap_or(0)
		} else {
			0
		}
	}
	fn open_penalties(dam: DamId) -> u32 {
		OpenPenalty::contains_key(dam) as u32
	}
	fn settlement_weight() -> Weight {
		Weight::zero()
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_dam(_: NetworkKind, operator: &AccountId) -> DamId {
		let dam = DamOperators::iter_keys().max().map_or(0, |d| d + 1);
		DamOperators::insert(dam, operator);
		dam
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_deposit(_: DamId, _: &AccountId, _: Balance) {}
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_install(dam: DamId, _: NetworkId, exposure: Balance) {
		MockMarketplace::install(dam, DamOperators::get(dam).expect("a benchmark DAM"), exposure)
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_buy_license(_: DamId, _: NetworkId) {}
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_holders(_: DamId, _: u32) -> Vec<AccountId> {
		Vec::new()
	}
}

/// Stands in for the rewards pallet: funding moves the treasury's balance into the budget.
pub struct MockRewards;

impl RewardFunding<AccountId, Balance> for MockRewards {
	fn fund(program: NetworkId, from: &AccountId, amount: Balance) -> DispatchResult {
		frame_support::ensure!(program == NETWORK, DispatchError::Other("no such program"));
		frame_support::ensure!(*from == TREASURY, DispatchError::Other("not the treasury"));
		let left = TreasuryBalance::get()
			.checked_sub(amount)
			.ok_or(DispatchError::Other("the treasury cannot pay"))?;
		TreasuryBalance::put(left);
		Budget::mutate(|b| *b += amount);
		Ok(())
	}
}

/// Stands in for the slashing pallet: records each request, and refuses a second one on a DAM
/// whose penalty is open, as the slashing pallet does.
pub struct MockPenalties;

impl PenaltyRequests<AccountId, Balance> for MockPenalties {
	fn request_penalty(
		manager: &AccountId,
		network: NetworkId,
		dam: DamId,
		amount: Balance,
		_: Vec<u8>,
	) -> DispatchResult {
		frame_support::ensure!(
			*manager == Validators::account(),
			DispatchError::Other("not the manager")
		);
		frame_support::ensure!(!OpenPenalty::contains_key(dam), DispatchError::Other("open"));
		frame_support::ensure!(!RefuseRequests::get(), DispatchError::Other("refused"));
		OpenPenalty::insert(dam, ());
		Requested::mutate(|r| r.push((*manager, network, dam, amount)));
		Ok(())
	}

	fn penalty_open(_: NetworkId, dam: DamId) -> bool {
		OpenPenalty::contains_key(dam)
	}
}

/// Stands in for pallet-session: keys, the current and queued sets, and disabling, in
/// storage. [`rotate`] runs a session change as pallet-session does.
pub struct MockSession;

impl SessionControl<AccountId> for MockSession {
	fn validators() -> Vec<AccountId> {
		Current::get()
	}
	fn queued_validators() -> Vec<AccountId> {
		Queued::get()
	}
	fn current_index() -> SessionIndex {
		CurrentIndex::get()
	}
	fn has_keys(who: &AccountId) -> bool {
		Keys::contains_key(who)
	}
	fn disable(who: &AccountId, severity: Perbill) {
		Disabled::mutate(|d| d.push((*who, severity)));
	}
	fn prune_history(up_to: SessionIndex) {
		KeptFrom::put(up_to);
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_set_keys(who: &AccountId) {
		Keys::insert(who, ());
	}
}

/// Stands in for Aura's current slot.
pub struct MockSlot;
impl frame_support::traits::Get<u64> for MockSlot {
	fn get() -> u64 {
		Slot::get()
	}
}

/// Ends the current session and starts the next, as pallet-session's `rotate_session` does:
/// the queued set becomes current (keeping only those with keys), and the set after is
/// planned.
pub fn rotate() {
	use pallet_session::SessionManager;
	let index = CurrentIndex::get();
	<Validators as SessionManager<AccountId>>::end_session(index);
	Current::put(Queued::get());
	Disabled::kill();
	CurrentIndex::put(index + 1);
	<Validators as SessionManager<AccountId>>::start_session(index + 1);
	let next = <Validators as SessionManager<AccountId>>::new_session(index + 2)
		.unwrap_or_else(Current::get);
	Queued::put(next.into_iter().filter(|v| Keys::contains_key(v)).collect::<Vec<_>>());
}

/// Produces one block at the next slot, authored by the validator Aura assigns to the slot,
/// unless `skip` says that validator misses it; rotates the session when it ends.
pub fn next_block(skip: &[AccountId]) {
	use pallet_session::ShouldEndSession;
	let n = System::block_number() + 1;
	System::set_block_number(n);
	let slot = Slot::get() + 1;
	Slot::put(slot);
	let validators = Current::get();
	if !validators.is_empty() {
		let author = validators[(slot % validators.len() as u64) as usize];
		if !skip.contains(&author) {
			<Validators as pallet_authorship::EventHandler<AccountId, BlockNumber>>::note_author(
				author,
			);
		}
	}
	if Validators::should_end_session(n) {
		rotate();
	}
	Validators::on_initialize(n);
}

/// Produces blocks until block `n`; see [`next_block`].
pub fn run_to_block(n: BlockNumber, skip: &[AccountId]) {
	while System::block_number() < n {
		next_block(skip);
	}
}

use polkadot_sdk::pallet_authorship;

/// Builds the test externalities: Alice and Bob are the genesis validators with keys, the
/// treasury holds `treasury`.
pub struct ExtBuilder {
	invulnerables: Vec<AccountId>,
	min_validators: u32,
	max_validators: u32,
	treasury: Balance,
}

impl Default for ExtBuilder {
	fn default() -> Self {
		Self {
			invulnerables: vec![ALICE, BOB],
			min_validators: 1,
			max_validators: MAX_AUTHORITIES,
			treasury: 1_000,
		}
	}
}

impl ExtBuilder {
	/// Other invulnerables.
	pub fn invulnerables(mut self, invulnerables: Vec<AccountId>) -> Self {
		self.invulnerables = invulnerables;
		self
	}

	/// Other bounds of the set.
	pub fn validator_count(mut self, min: u32, max: u32) -> Self {
		self.min_validators = min;
		self.max_validators = max;
		self
	}

	/// What the treasury holds.
	pub fn treasury(mut self, treasury: Balance) -> Self {
		self.treasury = treasury;
		self
	}

	pub fn build(self) -> sp_io::TestExternalities {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_validators::GenesisConfig::<Test> {
			invulnerables: self.invulnerables.clone(),
			min_validators: Some(self.min_validators),
			max_validators: Some(self.max_validators),
			min_validator_backing: MIN_BACKING,
			validator_reward_per_session: REWARD,
			session_length: Some(SESSION),
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		let invulnerables = self.invulnerables;
		let treasury = self.treasury;
		ext.execute_with(|| {
			// The session pallet's genesis: the invulnerables have keys and validate sessions
			// 0 and 1.
			for who in &invulnerables {
				Keys::insert(who, ());
			}
			Current::put(invulnerables.clone());
			Queued::put(invulnerables);
			<Validators as pallet_session::SessionManager<AccountId>>::start_session(0);
			TreasuryBalance::put(treasury);
			Slot::put(1_000);
			System::set_block_number(1);
		});
		ext
	}

	/// Runs `test`, then checks the pallet's invariants.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			Validators::do_try_state().expect("the validators invariants hold");
		});
	}
}

/// The events the validators pallet emitted, oldest first.
pub fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::Validators(e) = r.event { Some(e) } else { None })
		.collect()
}
