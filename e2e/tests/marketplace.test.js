// The marketplace and DAM flow on a real node: a Network registers and the Council whitelists
// it through a real motion; an Operator creates DAMs; two Delegators deposit; the DAM installs
// the Network and commits collateral; delegators withdraw atomically (Growth) and in two steps
// (Collateral). The runtime API reports every position along the way.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { DispatchError, devAccounts, signAndFinalize, waitForBlocks } from '../lib/chain.js';
import { useNode } from '../lib/process.js';
import { ANY_FEE, MAX_TOKENS, USD, councilMotion, damConfig, damDetails, inBlock, networkTerms, nusd, position } from '../lib/nektar.js';

const node = useNode({ name: 'marketplace' });

test('a Network, a DAM and two Delegators go through the whole flow', { timeout: 900_000 }, async () => {
	const { api } = node;
	const accounts = await devAccounts();
	const { dave: networkManager, eve: operator, ferdie: delegatorA, charlie: delegatorB } = accounts;

	// 1. Dave registers a Collateral Network; the Council whitelists it.
	const networkId = (await api.query.marketplace.nextNetworkId()).toNumber();
	await signAndFinalize(
		api.tx.marketplace.registerNetwork(networkTerms('Collateral'), 'Oracle net', 'Price feeds', 'https://oracle.example', 'rORC'),
		networkManager,
		inBlock,
	);
	let info = (await api.call.marketplaceApi.network(networkId)).unwrap();
	assert.equal(info.network.status.toString(), 'Pending');
	assert.equal(info.metadata.rewardSymbol.toUtf8(), 'rORC');

	await councilMotion(api, accounts, api.tx.marketplace.whitelistNetwork(networkId));
	info = (await api.call.marketplaceApi.network(networkId)).unwrap();
	assert.equal(info.network.status.toString(), 'Live');
	const networks = await api.call.marketplaceApi.networks();
	assert.ok(networks.some((n) => n.id.toNumber() === networkId), 'the Network is listed');

	// 2. Eve registers as an Operator and creates a Collateral DAM and a Growth DAM.
	await signAndFinalize(api.tx.marketplace.registerOperator('Eve nodes', 'https://eve.example'), operator, inBlock);
	const collateralDam = (await api.query.dam.nextDamId()).toNumber();
	await signAndFinalize(
		api.tx.dam.createDam(damConfig('Collateral'), 'Eve restaking', 'deUSD', '', '', ''),
		operator,
		inBlock,
	);
	const growthDam = collateralDam + 1;
	await signAndFinalize(api.tx.dam.createDam(damConfig('Growth'), 'Eve growth', 'gUSD', '', '', ''), operator, inBlock);
	let details = await damDetails(api, collateralDam);
	assert.equal(details.dam.manager.toString(), operator.address);
	assert.equal(details.tvl.toBigInt(), 0n);

	// 3. Two Delegators deposit: B puts in twice what A does. The 1% fee goes to Eve.
	const eveBefore = await nusd(api, operator.address);
	const quote = (await api.call.damApi.quoteDeposit(collateralDam, 1_000n * USD)).unwrap();
	assert.equal(quote.fee.toBigInt(), 10n * USD, 'the quote shows the 1% fee');
	await signAndFinalize(api.tx.dam.deposit(collateralDam, 1_000n * USD, ANY_FEE, MAX_TOKENS), delegatorA, inBlock);
	await signAndFinalize(api.tx.dam.deposit(collateralDam, 2_000n * USD, ANY_FEE, MAX_TOKENS), delegatorB, inBlock);
	assert.equal((await nusd(api, operator.address)) - eveBefore, 30n * USD);
	const posA = await position(api, collateralDam, delegatorA);
	const posB = await position(api, collateralDam, delegatorB);
	assert.equal(posA.shares.toBigInt(), quote.shares.toBigInt(), 'A got the quoted shares');
	assert.equal(posA.value.toBigInt(), 990n * USD);
	assert.equal(posB.value.toBigInt(), 1_980n * USD);
	details = await damDetails(api, collateralDam);
	assert.equal(details.tvl.toBigInt(), 2_970n * USD);
	assert.equal(await nusd(api, details.account.toString()), 2_970n * USD);

	// 4. Eve asks to install the Network; Dave confirms; Eve commits more than the stake.
	await signAndFinalize(api.tx.dam.requestInstallation(collateralDam, networkId, operator.address), operator, inBlock);
	await signAndFinalize(api.tx.marketplace.confirmInstallation(networkId, collateralDam, null), networkManager, inBlock);
	await signAndFinalize(api.tx.dam.commit(collateralDam, networkId, 5_000n * USD), operator, inBlock);
	details = await damDetails(api, collateralDam);
	assert.equal(details.installations.length, 1);
	const { network: installed, exposure: commitment, effective } = details.installations[0];
	assert.equal(installed.toNumber(), networkId);
	assert.equal(commitment.toBigInt(), 5_000n * USD);
	assert.equal(effective.toBigInt(), 2_970n * USD, 'the effective commitment is the active stake');
	info = (await api.call.marketplaceApi.network(networkId)).unwrap();
	assert.equal(info.network.installations.toNumber(), 1);
	assert.equal(info.network.totalExposure.toBigInt(), 5_000n * USD);

	// 5. A Collateral DAM withdraws in two steps.
	await assert.rejects(
		signAndFinalize(api.tx.dam.withdraw(collateralDam, posA.shares, MAX_TOKENS), delegatorA, inBlock),
		(e) => e instanceof DispatchError && e.errorName === 'dam.TwoStepWithdrawal',
	);
	const half = posA.shares.toBigInt() / 2n;
	await signAndFinalize(api.tx.dam.requestWithdrawal(collateralDam, half, MAX_TOKENS), delegatorA, inBlock);
	const queued = await position(api, collateralDam, delegatorA);
	assert.equal(queued.pendingWithdrawals.length, 1);
	assert.equal(queued.pendingWithdrawals[0].value.toBigInt(), 495n * USD);
	details = await damDetails(api, collateralDam);
	assert.equal(details.activeStake.toBigInt(), 2_475n * USD, 'queued shares leave the active stake');
	assert.equal(details.installations[0].effective.toBigInt(), 2_475n * USD);
	await assert.rejects(
		signAndFinalize(api.tx.dam.claimWithdrawal(collateralDam, MAX_TOKENS), delegatorA, inBlock),
		(e) => e instanceof DispatchError && e.errorName === 'dam.NothingToClaim',
	);
	const unlockAt = queued.pendingWithdrawals[0].unlockAt.toNumber();
	while ((await api.query.system.number()).toNumber() < unlockAt) {
		await waitForBlocks(api, 1);
	}
	const aBefore = await nusd(api, delegatorA.address);
	await signAndFinalize(api.tx.dam.claimWithdrawal(collateralDam, MAX_TOKENS), delegatorA, inBlock);
	assert.equal((await nusd(api, delegatorA.address)) - aBefore, 495n * USD);
	const claimed = await position(api, collateralDam, delegatorA);
	assert.equal(claimed.pendingWithdrawals.length, 0);
	assert.equal(claimed.value.toBigInt(), 495n * USD);

	// 6. A Growth DAM withdraws at once.
	await signAndFinalize(api.tx.dam.deposit(growthDam, 500n * USD, ANY_FEE, MAX_TOKENS), delegatorB, inBlock);
	const growthPos = await position(api, growthDam, delegatorB);
	const quoted = (await api.call.damApi.quoteWithdrawal(growthDam, growthPos.shares)).unwrap().toBigInt();
	assert.equal(quoted, 495n * USD);
	const bBefore = await nusd(api, delegatorB.address);
	await signAndFinalize(api.tx.dam.withdraw(growthDam, growthPos.shares, MAX_TOKENS), delegatorB, inBlock);
	assert.equal((await nusd(api, delegatorB.address)) - bBefore, quoted);
	assert.equal((await position(api, growthDam, delegatorB)).shares.toBigInt(), 0n);
	assert.equal((await damDetails(api, growthDam)).tvl.toBigInt(), 0n);
});
