// Several reward programs on a real node: a Collateral Network pays in nUSD (its primary
// program) and in its own token (an incentive program it adds). A delegator sees both
// pending, claims both in one call and redeems both; the Operator is paid its commission in
// each; a service claims for a delegator who allowed it.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { devAccounts, findEvent, signAndFinalize, waitForBlocks } from '../lib/chain.js';
import { useNode } from '../lib/process.js';
import { ANY_FEE, MAX_TOKENS, NUSD, USD, councilMotion, damConfig, inBlock, install, liveNetworks, networkTerms, nusd, operatorDam, pending, tokenBalance } from '../lib/nektar.js';

const node = useNode({ name: 'programs' });

/** The Network's own token, a `pallet-assets` asset with 6 decimals. */
const NET = 4_242;

test('a Network pays in nUSD and in its own token: both accrue, are claimed in one call and redeemed, with the commission paid in each', { timeout: 900_000 }, async () => {
	const { api } = node;
	const accounts = await devAccounts();
	const { alice, bob: service, charlie, dave: manager, eve: operator } = accounts;

	// The Network's own token, which governance whitelists.
	await signAndFinalize(api.tx.assets.create(NET, manager.address, 1), manager, inBlock);
	await signAndFinalize(api.tx.assets.setMetadata(NET, 'Net token', 'NET', 6), manager, inBlock);
	await signAndFinalize(api.tx.assets.mint(NET, manager.address, 1_000_000n * USD), manager, inBlock);
	await councilMotion(api, accounts, api.tx.marketplace.whitelistAsset({ WithId: NET }));

	// The primary program pays 1 nUSD per nUSD of exposure a day; the Operator takes 20%.
	const [network] = await liveNetworks(api, accounts, manager, [
		networkTerms('Collateral', {
			rewardAsset: { WithId: NUSD },
			delegatorRate: 10n ** 18n,
			operatorRate: 0n,
			operatorCommission: 200_000_000,
		}),
	]);
	// The incentive pays 2 NET per nUSD a day.
	const added = await signAndFinalize(
		api.tx.rewards.addIncentiveProgram(network, { WithId: NET }, { delegatorRate: 2n * 10n ** 18n, operatorRate: 0n }),
		manager,
		inBlock,
	);
	const created = findEvent(added.events, 'rewards', 'ProgramCreated');
	const incentive = created.data[1].toNumber();
	assert.equal(incentive, 2 ** 30, 'the first incentive program');
	const programs = await api.call.rewardsApi.networkPrograms(network);
	assert.deepEqual(programs.map((p) => [p.id.toNumber(), p.primary.isTrue]), [[network, true], [incentive, false]]);
	const [primaryInfo, incentiveInfo] = programs;
	const tokens = [primaryInfo.token.toNumber(), incentiveInfo.token.toNumber()];
	assert.equal(tokens[1], 2 ** 31 + incentive);
	const metadata = await api.query.assets.metadata(tokens[1]);
	assert.equal(metadata.symbol.toUtf8(), 'rNET-NET');
	assert.equal(metadata.decimals.toNumber(), 6);
	await signAndFinalize(api.tx.rewards.fundRewards(network, 10_000n * USD), manager, inBlock);
	await signAndFinalize(api.tx.rewards.fundRewards(incentive, 20_000n * USD), manager, inBlock);
	assert.equal(await tokenBalance(api, NET, incentiveInfo.escrow.toString()), 20_000n * USD);

	const dam = await operatorDam(api, operator, damConfig('Collateral', { fee: 0 }));
	await install(api, dam, network, operator, manager);
	assert.deepEqual((await api.query.rewards.trackedPrograms(dam)).map((p) => p.toNumber()), [network, incentive]);
	await signAndFinalize(api.tx.dam.deposit(dam, 1_000n * USD, ANY_FEE, MAX_TOKENS), alice, inBlock);
	await signAndFinalize(api.tx.dam.deposit(dam, 1_000n * USD, ANY_FEE, MAX_TOKENS), charlie, inBlock);
	await signAndFinalize(api.tx.dam.commit(dam, network, 2_000n * USD), operator, inBlock);
	await waitForBlocks(api, 2);

	// Both accrue, the incentive at twice the primary's rate.
	const head = await api.rpc.chain.getBlockHash();
	const [inNusd, inNet] = [await pending(api, dam, network, charlie, head), await pending(api, dam, incentive, charlie, head)];
	assert.ok(inNusd > 0n, 'the primary program accrues');
	const ratio = Number(inNet) / Number(inNusd);
	assert.ok(ratio > 1.99 && ratio < 2.01, `twice the rate: ${inNet} vs ${inNusd}`);

	// The Operator's commission is paid in each program.
	for (const program of [network, incentive]) {
		const reward = (await api.call.rewardsApi.operatorRewards(program, dam)).unwrap();
		assert.equal(reward.operator.toString(), operator.address);
		assert.ok(reward.amount.toBigInt() > 0n, `a commission in program ${program}`);
		const claimed = await signAndFinalize(api.tx.rewards.claimOperatorRewards(program, dam), operator, inBlock);
		assert.ok(findEvent(claimed.events, 'rewards', 'OperatorRewardsClaimed'));
	}

	// Charlie claims both in one call and redeems both.
	const all = await signAndFinalize(api.tx.rewards.claimAllRewards([dam]), charlie, inBlock);
	const claims = all.events.filter(({ event }) => event.section === 'rewards' && event.method === 'RewardsClaimed');
	assert.deepEqual(claims.map(({ event }) => event.data[1].toNumber()), [network, incentive]);
	const minted = [await tokenBalance(api, tokens[0], charlie.address), await tokenBalance(api, tokens[1], charlie.address)];
	assert.ok(minted.every((amount) => amount > 0n));
	const [nusdBefore, netBefore] = [await nusd(api, charlie.address), await tokenBalance(api, NET, charlie.address)];
	await signAndFinalize(api.tx.rewards.redeem(network, minted[0]), charlie, inBlock);
	await signAndFinalize(api.tx.rewards.redeem(incentive, minted[1]), charlie, inBlock);
	assert.equal((await nusd(api, charlie.address)) - nusdBefore, minted[0]);
	assert.equal((await tokenBalance(api, NET, charlie.address)) - netBefore, minted[1]);

	// A service claims the incentive for Alice, who allowed it; the tokens are hers.
	await signAndFinalize(api.tx.rewards.setClaimPermission('PermissionlessClaim'), alice, inBlock);
	const forAlice = await signAndFinalize(api.tx.rewards.claimRewardsFor(dam, alice.address, [incentive]), service, inBlock);
	const claimed = findEvent(forAlice.events, 'rewards', 'RewardsClaimed');
	assert.equal(claimed.data[1].toNumber(), incentive);
	assert.equal(claimed.data[2].toString(), alice.address);
	assert.equal(await tokenBalance(api, tokens[1], alice.address), claimed.data[4].toBigInt());
	assert.equal(await tokenBalance(api, tokens[1], service.address), 0n);
});
