// Retiring an ended program's token on a real node: once a Network's duration ends, anyone
// books a DAM's holders against the final reward per share; the last holder's own deposit
// books it, and the token leaves the DAM's list. The holders still see what they earned in
// the runtime API and claim exactly that.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { DispatchError, devAccounts, findEvent, signAndFinalize } from '../lib/chain.js';
import { useNode } from '../lib/process.js';
import { ANY_FEE, MAX_TOKENS, NUSD, USD, damConfig, endsAt, inBlock, install, liveNetworks, networkTerms, operatorDam, pending, tokenBalance, waitUntil } from '../lib/nektar.js';

const node = useNode({ name: 'retirement' });

async function tracked(api, dam) {
	return (await api.query.rewards.trackedPrograms(dam)).map((n) => n.toNumber());
}

test('an ended token leaves the DAM list once every earning share is booked, and its rewards stay claimable', { timeout: 900_000 }, async () => {
	const { api } = node;
	const accounts = await devAccounts();
	const { alice, bob: stranger, charlie, dave: manager, eve: operator } = accounts;

	const [network] = await liveNetworks(api, accounts, manager, [
		networkTerms('Collateral', {
			rewardAsset: { WithId: NUSD },
			delegatorRate: 10n ** 18n,
			operatorRate: USD,
			duration: 40,
		}),
	]);
	const token = (await api.call.rewardsApi.rewardProgram(network)).unwrap().token.toNumber();
	await signAndFinalize(api.tx.rewards.fundRewards(network, 1_000n * USD), manager, inBlock);
	const dam = await operatorDam(api, operator, damConfig('Collateral', { fee: 0 }));
	await install(api, dam, network, operator, manager);
	await signAndFinalize(api.tx.dam.deposit(dam, 1_000n * USD, ANY_FEE, MAX_TOKENS), alice, inBlock);
	await signAndFinalize(api.tx.dam.deposit(dam, 2_000n * USD, ANY_FEE, MAX_TOKENS), charlie, inBlock);
	await signAndFinalize(api.tx.dam.commit(dam, network, 3_000n * USD), operator, inBlock);
	assert.deepEqual(await tracked(api, dam), [network]);
	assert.ok((await api.query.system.number()).toNumber() < (await endsAt(api, network)) - 5, 'the Network runs a while');

	// Not before the end: the program may still accrue.
	await assert.rejects(
		signAndFinalize(api.tx.rewards.retireToken(dam, network, [alice.address]), stranger, inBlock),
		(e) => e instanceof DispatchError && e.errorName === 'rewards.ProgramRunning',
	);
	await waitUntil(api, await endsAt(api, network));
	const owed = [await pending(api, dam, network, alice), await pending(api, dam, network, charlie)];
	assert.ok(owed[0] > 0n, 'Alice earned before the end');
	assert.ok(owed[1] > owed[0], 'Charlie, with double the deposit, earned more');

	// A stranger starts the retirement and books Alice: Charlie's shares are left to book.
	const started = await signAndFinalize(api.tx.rewards.retireToken(dam, network, [alice.address]), stranger, inBlock);
	const retiring = findEvent(started.events, 'rewards', 'TokenRetiring');
	assert.ok(retiring, 'the retirement started');
	const charlieShares = (await api.query.dam.shares(dam, charlie.address)).toBigInt();
	const left = (await api.query.rewards.damRewards(dam, network)).retiring.unwrap().unbooked.toBigInt();
	assert.equal(left, charlieShares);
	assert.deepEqual(await tracked(api, dam), [network], 'still tracked while Charlie is unbooked');

	// Charlie's own deposit books him: the token leaves the list.
	const topUp = await signAndFinalize(api.tx.dam.deposit(dam, 10n * USD, ANY_FEE, MAX_TOKENS), charlie, inBlock);
	assert.ok(findEvent(topUp.events, 'rewards', 'TokenRetired'), 'the token retired');
	assert.deepEqual(await tracked(api, dam), []);
	assert.deepEqual(
		[await pending(api, dam, network, alice), await pending(api, dam, network, charlie)],
		owed,
		'the runtime API still shows what each earned',
	);
	await assert.rejects(
		signAndFinalize(api.tx.rewards.retireToken(dam, network, []), stranger, inBlock),
		(e) => e instanceof DispatchError && e.errorName === 'rewards.NotTracked',
	);

	// Both claim exactly what they were owed.
	for (const [who, amount] of [[alice, owed[0]], [charlie, owed[1]]]) {
		await signAndFinalize(api.tx.rewards.claimRewards(dam, [network]), who, inBlock);
		assert.equal(await tokenBalance(api, token, who.address), amount);
		assert.equal(await pending(api, dam, network, who), 0n);
	}
});
