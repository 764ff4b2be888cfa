//! Tests of the rewards pallet against the marketplace, DAM and NFT doubles, one file per flow.
//!
//! The test Networks pay 1% of exposure a day to delegators and 10 units a day to each
//! installation's Operator, in the native token; a day is [`DAY`] blocks.

mod accrual;
mod bad_input;
mod claim_permissions;
mod claims;
mod commission;
mod funding;
mod growth;
mod incentives;
mod licensing;
mod listeners;
mod programs;
mod retirement;

pub use crate::accrual::{units, SCALE};
use crate::{mock::*, *};
pub use frame_support::traits::fungible::NativeOrWithId;
pub use frame_support::{assert_noop, assert_ok, traits::fungibles::Inspect as _};
pub use nektar_primitives::{
	LicenseSeller, NetworkKind, NetworkStatus, OnNetworkChange, OnSharesChange,
};
pub use polkadot_sdk::{
	pallet_assets,
	sp_runtime::{DispatchError, DispatchResult, FixedU128, Perbill, Permill, TokenError},
};
pub use queries::{LicenseInfo, OperatorReward};

/// The terms of a test Network of `kind`, managed by [`NET_MANAGER`]: it asks for [`USD`], at
/// least 100 per installation and 1,000,000 in all, from up to 4 installations, for 1,000
/// blocks, and rewards in the native token.
pub fn terms(kind: NetworkKind) -> View {
	View {
		manager: NET_MANAGER,
		kind,
		status: NetworkStatus::Pending,
		deposit_asset: usd(),
		min_allocation: 100,
		amount_requested: 1_000_000,
		operators_requested: 4,
		total_exposure: 0,
		live_since: None,
		duration: 1_000,
		lock_period: (kind != NetworkKind::Collateral).then_some(10),
		safe: None,
		bond: 0,
		reward_asset: NativeOrWithId::Native,
		delegator_rate: FixedU128::from_rational(1, 100),
		operator_rate: 10,
		operator_commission: Perbill::zero(),
	}
}

/// Registers a Network with `terms`, named "Net" with the reward symbol "rNET", and
/// whitelists it.
pub fn live_network_with(terms: View) -> NetworkId {
	let network = MockMarketplace::register(terms, b"Net", b"rNET");
	assert_ok!(MockMarketplace::whitelist(network));
	network
}

/// A live Network of `kind` with the test terms.
pub fn live_network(kind: NetworkKind) -> NetworkId {
	live_network_with(terms(kind))
}

/// A DAM of `kind` taking [`USD`], managed and run by [`OPERATOR`].
pub fn new_dam(kind: NetworkKind) -> DamId {
	MockDams::create(kind, usd(), OPERATOR)
}

/// Installs `network` into `dam`, run by [`OPERATOR`], and confirms it.
pub fn install(dam: DamId, network: NetworkId) {
	assert_ok!(MockDams::request_installation(dam, network, OPERATOR));
	assert_ok!(MockMarketplace::confirm(network, dam));
}

pub fn deposit(dam: DamId, who: AccountId, amount: Balance) {
	assert_ok!(MockDams::deposit(dam, who, amount));
}

/// Funds `network`'s program with `amount`, by [`NET_MANAGER`].
pub fn fund(network: NetworkId, amount: Balance) {
	assert_ok!(Rewards::fund_rewards(RuntimeOrigin::signed(NET_MANAGER), network, amount));
}

/// A Collateral DAM with a live Collateral Network installed, deposits of `alice` by
/// [`ALICE`] and `bob` by [`BOB`], a commitment of `commit`, and a budget of `budget`.
pub fn collateral(
	alice: Balance,
	bob: Balance,
	commit: Balance,
	budget: Balance,
) -> (DamId, NetworkId) {
	let dam = new_dam(NetworkKind::Collateral);
	let network = live_network(NetworkKind::Collateral);
	install(dam, network);
	for (who, amount) in [(ALICE, alice), (BOB, bob)] {
		if amount > 0 {
			deposit(dam, who, amount);
		}
	}
	if commit > 0 {
		assert_ok!(MockDams::commit(dam, network, commit));
	}
	if budget > 0 {
		fund(network, budget);
	}
	(dam, network)
}

/// Moves `n` days on.
pub fn days(n: BlockNumber) {
	run_to_block(System::block_number() + n * DAY);
}

/// What `who` may claim now in `network`'s token from its shares of `dam`.
pub fn pending(dam: DamId, network: NetworkId, who: AccountId) -> Balance {
	Rewards::pending_rewards(dam, &who)
		.into_iter()
		.find(|reward| reward.network == network)
		.map(|reward| reward.amount)
		.unwrap_or_default()
}

/// What the Operator of the installation of `network` into `dam` may claim now.
pub fn operator_pending(network: NetworkId, dam: DamId) -> Balance {
	Rewards::pending_operator_rewards(network, dam).map(|reward| reward.amount).unwrap_or_default()
}

/// Claims `who`'s rewards in `network`'s token from `dam`; returns what it was minted.
pub fn claim(dam: DamId, network: NetworkId, who: AccountId) -> Balance {
	let before = Assets::balance(token(network), who);
	assert_ok!(Rewards::claim_rewards(
		RuntimeOrigin::signed(who),
		dam,
		vec![network].try_into().unwrap()
	));
	Assets::balance(token(network), who) - before
}

pub fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

/// The program of `network`.
pub fn program(network: NetworkId) -> ProgramOf<Test> {
	Programs::<Test>::get(network).expect("a program")
}

/// `amount` for `operator`, as `pending_operator_rewards` shows it.
pub fn operator_reward(
	operator: AccountId,
	amount: Balance,
) -> Option<OperatorReward<AccountId, Balance>> {
	Some(OperatorReward { operator, amount })
}

/// The native balance of `who`.
pub fn native(who: AccountId) -> Balance {
	Balances::free_balance(who)
}
