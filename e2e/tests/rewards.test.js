// Rewards on a real node: a Network funds its escrow, two Delegators (one with double the
// deposit) earn synthetic tokens block by block, claim and redeem them; the escrow runs dry
// and accrual stops until it is funded again; a performance report halves the accrual; the
// Operator takes its commission of what the delegators earn. A
// service claims for a Delegator who lets anyone claim, and a Delegator claims every token of
// its DAM in one call.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { DispatchError, devAccounts, findEvent, signAndFinalize, waitForBlocks } from '../lib/chain.js';
import { useNode } from '../lib/process.js';
import { ANY_FEE, MAX_TOKENS, NUSD, USD, damConfig, inBlock, install, liveNetworks, networkTerms, nusd, operatorDam, pending, tokenBalance } from '../lib/nektar.js';

const node = useNode({ name: 'rewards' });

async function program(api, network, at) {
	const view = at ? await api.at(at) : api;
	return (await view.call.rewardsApi.rewardProgram(network)).unwrap();
}

/** What the Operator of the installation of `network` into `dam` may claim at block `at`. */
async function operatorPending(api, network, dam, at) {
	const view = await api.at(at);
	const reward = await view.call.rewardsApi.operatorRewards(network, dam);
	return reward.isSome ? reward.unwrap().amount.toBigInt() : 0n;
}

/** The hashes of the next two blocks. */
async function twoBlocks(api) {
	await waitForBlocks(api, 1);
	const first = await api.rpc.chain.getBlockHash();
	await waitForBlocks(api, 1);
	return [first, await api.rpc.chain.getBlockHash()];
}

test('delegators earn pro rata, claim and redeem; accrual stops when the escrow is dry and follows performance; the Operator takes its commission', { timeout: 900_000 }, async () => {
	const { api } = node;
	const accounts = await devAccounts();
	const { alice, charlie, dave: manager, eve: operator } = accounts;

	// 1 reward unit per unit of exposure per day, 1,000 nUSD a day to the operator: with 3,000
	// nUSD committed, 4,000 nUSD a day, 0.28 nUSD a block. The Operator takes 25% of what the
	// delegators earn.
	const [network] = await liveNetworks(api, accounts, manager, [
		networkTerms('Collateral', {
			rewardAsset: { WithId: NUSD },
			delegatorRate: 10n ** 18n,
			operatorRate: 1_000n * USD,
			operatorCommission: 250_000_000,
		}),
	]);
	const info = await program(api, network);
	const token = info.token.toNumber();
	assert.equal(token, 2 ** 31 + network, 'the synthetic token takes the reserved id');
	const metadata = await api.query.assets.metadata(token);
	assert.equal(metadata.symbol.toUtf8(), 'rNET');
	assert.equal(metadata.decimals.toNumber(), 6, 'the same decimals as nUSD');

	const escrow = info.escrow.toString();
	await signAndFinalize(api.tx.rewards.fundRewards(network, 3n * USD), manager, inBlock);
	assert.equal(await nusd(api, escrow), 3n * USD);

	const dam = await operatorDam(api, operator, damConfig('Collateral', { fee: 0 }));
	await install(api, dam, network, operator, manager);
	await signAndFinalize(api.tx.dam.deposit(dam, 1_000n * USD, ANY_FEE, MAX_TOKENS), alice, inBlock);
	await signAndFinalize(api.tx.dam.deposit(dam, 2_000n * USD, ANY_FEE, MAX_TOKENS), charlie, inBlock);
	await signAndFinalize(api.tx.dam.commit(dam, network, 3_000n * USD), operator, inBlock);

	// Block by block, Charlie earns twice what Alice earns.
	const [from, to] = await twoBlocks(api);
	const aliceStep = (await pending(api, dam, network, alice, to)) - (await pending(api, dam, network, alice, from));
	const charlieStep = (await pending(api, dam, network, charlie, to)) - (await pending(api, dam, network, charlie, from));
	assert.ok(aliceStep > 50_000n && aliceStep < 54_000n, `1,000 nUSD earn 3/4 of 1/14,400 a block: ${aliceStep}`);
	const diff = charlieStep - 2n * aliceStep;
	assert.ok(diff >= -1n && diff <= 1n, `double the deposit, double the reward: ${charlieStep} vs ${aliceStep}`);
	// The Operator earns its 1,000 nUSD a day and a third of what the delegators keep.
	const operatorStep = (await operatorPending(api, network, dam, to)) - (await operatorPending(api, network, dam, from));
	const flat = (1_000n * USD) / 14_400n;
	const commission = operatorStep - flat;
	const third = (aliceStep + charlieStep) / 3n;
	assert.ok(commission >= third - 3n && commission <= third + 3n, `a 25% commission: ${commission} vs ${third}`);

	// Claim mints the synthetic token; redeem burns it for nUSD from the escrow.
	const claimed = await signAndFinalize(api.tx.rewards.claimRewards(dam, [network]), alice, inBlock);
	const event = findEvent(claimed.events, 'rewards', 'RewardsClaimed');
	const amount = event.data[4].toBigInt();
	assert.ok(amount > 0n);
	assert.equal(await tokenBalance(api, token, alice.address), amount);
	const beforeRedeem = await nusd(api, alice.address);
	await signAndFinalize(api.tx.rewards.redeem(network, amount / 2n), alice, inBlock);
	assert.equal(await tokenBalance(api, token, alice.address), amount - amount / 2n);
	assert.equal((await nusd(api, alice.address)) - beforeRedeem, amount / 2n);
	const supply = (await api.query.assets.asset(token)).unwrap().supply.toBigInt();
	assert.ok((await nusd(api, escrow)) >= supply, 'the escrow backs every synthetic token');

	// 3 nUSD last about eleven blocks: then accrual stops.
	for (let i = 0; i < 40 && (await program(api, network)).accruing.isTrue; i++) {
		await waitForBlocks(api, 1);
	}
	const dry = await program(api, network);
	assert.equal(dry.accruing.isTrue, false, 'the escrow ran dry');
	assert.equal(dry.budget.toBigInt(), 0n);
	const [a, b] = await twoBlocks(api);
	assert.equal(await pending(api, dam, network, charlie, b), await pending(api, dam, network, charlie, a), 'nothing accrues while dry');

	// Funding resumes accrual.
	await signAndFinalize(api.tx.rewards.fundRewards(network, 1_000n * USD), manager, inBlock);
	const [c, d] = await twoBlocks(api);
	const resumed = (await pending(api, dam, network, alice, d)) - (await pending(api, dam, network, alice, c));
	assert.ok(resumed > 50_000n, `accrual resumed: ${resumed}`);

	// A performance report of 50% halves the installation's accrual from then on.
	await signAndFinalize(api.tx.marketplace.reportPerformance(network, dam, 500_000), manager, inBlock);
	const [e, f] = await twoBlocks(api);
	const halved = (await pending(api, dam, network, alice, f)) - (await pending(api, dam, network, alice, e));
	const half = resumed / 2n;
	assert.ok(halved >= half - 1n && halved <= half + 1n, `half the accrual: ${halved} vs ${resumed}`);

	// The operator claims its own rewards.
	const operatorClaim = await signAndFinalize(api.tx.rewards.claimOperatorRewards(network, dam), operator, inBlock);
	assert.ok(findEvent(operatorClaim.events, 'rewards', 'OperatorRewardsClaimed'));
	assert.ok((await tokenBalance(api, token, operator.address)) > 0n);
});

test('a Growth DAM buys a node license with pooled funds, earns on it, and its license performance report halves the accrual', { timeout: 900_000 }, async () => {
	const { api } = node;
	const accounts = await devAccounts();
	const { bob, dave: manager, ferdie: operator } = accounts;

	const [network] = await liveNetworks(api, accounts, manager, [
		networkTerms('Growth', {
			lockPeriod: 10,
			rewardAsset: { WithId: NUSD },
			delegatorRate: 10n ** 18n,
			operatorRate: 1_000n * USD,
		}),
	]);
	await signAndFinalize(api.tx.rewards.fundRewards(network, 1_000n * USD), manager, inBlock);
	const opened = await signAndFinalize(api.tx.rewards.openLicenseSale(network, 500n * USD, 3, false), manager, inBlock);
	const collection = findEvent(opened.events, 'rewards', 'LicenseSaleOpened').data[1].toNumber();

	const dam = await operatorDam(api, operator, damConfig('Growth', { fee: 0 }));
	await install(api, dam, network, operator, manager);
	await signAndFinalize(api.tx.dam.deposit(dam, 1_000n * USD, ANY_FEE, MAX_TOKENS), bob, inBlock);
	const account = (await api.call.damApi.dam(dam)).unwrap().account.toString();
	const managerBefore = await nusd(api, manager.address);

	const bought = await signAndFinalize(api.tx.dam.buyLicense(dam, network, operator.address), operator, inBlock);
	assert.ok(findEvent(bought.events, 'dam', 'LicenseBought'));
	assert.ok(findEvent(bought.events, 'dam', 'DepositsClosed'), 'a license is a Growth sale');
	assert.equal((await nusd(api, manager.address)) - managerBefore, 500n * USD, 'the price goes to the Network');
	assert.equal(await nusd(api, account), 500n * USD);
	const item = (await api.query.nfts.item(collection, 0)).unwrap();
	assert.equal(item.owner.toString(), account, 'the license NFT is held by the DAM');
	const licenses = await api.call.rewardsApi.licenses(dam);
	assert.deepEqual(
		licenses.map((l) => [l.network.toNumber(), l.item.toNumber(), l.operator.toString(), l.performance.toNumber()]),
		[[network, 0, operator.address, 1_000_000]],
	);
	await assert.rejects(
		signAndFinalize(api.tx.nfts.transfer(collection, 0, bob.address), operator, inBlock),
		'a non-transferable license stays with the DAM',
	);

	// The 500 nUSD price is the installation's exposure: 500/14,400 nUSD a block.
	const [a, b] = await twoBlocks(api);
	const full = (await pending(api, dam, network, bob, b)) - (await pending(api, dam, network, bob, a));
	assert.ok(full >= 34_721n && full <= 34_723n, `the license earns: ${full}`);
	const reported = await signAndFinalize(api.tx.rewards.reportLicensePerformance(network, 0, 500_000), manager, inBlock);
	assert.ok(findEvent(reported.events, 'rewards', 'LicensePerformanceReported'));
	assert.equal((await api.call.rewardsApi.licenses(dam))[0].performance.toNumber(), 500_000);
	const [c, d] = await twoBlocks(api);
	const halved = (await pending(api, dam, network, bob, d)) - (await pending(api, dam, network, bob, c));
	assert.ok(halved >= full / 2n - 1n && halved <= full / 2n + 1n, `half: ${halved} vs ${full}`);
});

test('a service claims for a delegator who lets anyone claim, and a delegator claims every token of its DAM in one call', { timeout: 900_000 }, async () => {
	const { api } = node;
	const accounts = await devAccounts();
	const { alice, bob: service, charlie, dave: manager, eve: operator } = accounts;

	const rewardTerms = networkTerms('Collateral', {
		rewardAsset: { WithId: NUSD },
		delegatorRate: 10n ** 18n,
		operatorRate: 0n,
	});
	const networks = await liveNetworks(api, accounts, manager, [rewardTerms, rewardTerms]);
	const tokens = [];
	for (const network of networks) {
		await signAndFinalize(api.tx.rewards.fundRewards(network, 1_000n * USD), manager, inBlock);
		tokens.push((await program(api, network)).token.toNumber());
	}
	const dam = await operatorDam(api, operator, damConfig('Collateral', { fee: 0 }));
	for (const network of networks) {
		await install(api, dam, network, operator, manager);
	}
	await signAndFinalize(api.tx.dam.deposit(dam, 1_000n * USD, ANY_FEE, MAX_TOKENS), alice, inBlock);
	await signAndFinalize(api.tx.dam.deposit(dam, 1_000n * USD, ANY_FEE, MAX_TOKENS), charlie, inBlock);
	for (const network of networks) {
		await signAndFinalize(api.tx.dam.commit(dam, network, 2_000n * USD), operator, inBlock);
	}
	await waitForBlocks(api, 2);

	// Alice lets anyone claim: the service's claim mints to her, nothing to the service.
	const allowed = await signAndFinalize(api.tx.rewards.setClaimPermission('PermissionlessClaim'), alice, inBlock);
	assert.ok(findEvent(allowed.events, 'rewards', 'ClaimPermissionSet'));
	assert.equal((await api.query.rewards.claimPermissions(alice.address)).toString(), 'PermissionlessClaim');
	const serviceBefore = await tokenBalance(api, tokens[0], service.address);
	const forAlice = await signAndFinalize(api.tx.rewards.claimRewardsFor(dam, alice.address, [networks[0]]), service, inBlock);
	const claimedFor = findEvent(forAlice.events, 'rewards', 'RewardsClaimed');
	assert.equal(claimedFor.data[2].toString(), alice.address, 'minted to the delegator');
	assert.ok(claimedFor.data[4].toBigInt() > 0n);
	assert.equal(await tokenBalance(api, tokens[0], alice.address), claimedFor.data[4].toBigInt());
	assert.equal(await tokenBalance(api, tokens[0], service.address), serviceBefore, 'nothing to the caller');

	// Charlie did not allow it: the same claim for him is refused by name.
	await assert.rejects(
		signAndFinalize(api.tx.rewards.claimRewardsFor(dam, charlie.address, [networks[0]]), service, inBlock),
		(e) => e instanceof DispatchError && e.errorName === 'rewards.ClaimNotPermitted',
	);

	// Charlie claims both tokens of the DAM in one call.
	const all = await signAndFinalize(api.tx.rewards.claimAllRewards([dam]), charlie, inBlock);
	const claims = all.events.filter(({ event }) => event.section === 'rewards' && event.method === 'RewardsClaimed');
	assert.deepEqual(
		claims.map(({ event }) => event.data[1].toNumber()).sort(),
		[...networks].sort(),
		'one claim per token of the DAM',
	);
	for (const token of tokens) {
		assert.ok((await tokenBalance(api, token, charlie.address)) > 0n);
	}
});
