// The Collateral scenario on a real node: a DAM's assets never leave it. The catalyst commits
// the same stake to two Networks (restaking); each counts min(commitment, active stake), and a
// queued withdrawal lowers what every Network counts until it is claimed.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { DispatchError, devAccounts, signAndFinalize } from '../lib/chain.js';
import { useNode } from '../lib/process.js';
import { ANY_FEE, MAX_TOKENS, USD, damConfig, damDetails, inBlock, install, liveNetworks, networkTerms, nusd, operatorDam, position, waitUntil } from '../lib/nektar.js';

const node = useNode({ name: 'collateral' });

/** Each installation of the DAM as [network, commitment, effective commitment]. */
async function commitments(api, dam) {
	const details = await damDetails(api, dam);
	return details.installations.map((i) => [i.network.toNumber(), i.exposure.toBigInt(), i.effective.toBigInt()]);
}

test('a Collateral DAM restakes one pool across two Networks and withdraws in two steps', { timeout: 900_000 }, async () => {
	const { api } = node;
	const accounts = await devAccounts();
	const { alice, charlie, dave: manager, eve: operator } = accounts;

	const [first, second] = await liveNetworks(api, accounts, manager, [
		networkTerms('Collateral'),
		networkTerms('Collateral'),
	]);
	const dam = await operatorDam(api, operator, damConfig('Collateral', { fee: 0 }));
	await install(api, dam, first, operator, manager);
	await install(api, dam, second, operator, manager);
	await signAndFinalize(api.tx.dam.deposit(dam, 1_000n * USD, ANY_FEE, MAX_TOKENS), alice, inBlock);
	await signAndFinalize(api.tx.dam.deposit(dam, 2_000n * USD, ANY_FEE, MAX_TOKENS), charlie, inBlock);
	const account = (await damDetails(api, dam)).account.toString();

	// The same 3,000 back both Networks.
	await signAndFinalize(api.tx.dam.commit(dam, first, 2_500n * USD), operator, inBlock);
	await signAndFinalize(api.tx.dam.commit(dam, second, 5_000n * USD), operator, inBlock);
	assert.deepEqual(await commitments(api, dam), [
		[first, 2_500n * USD, 2_500n * USD],
		[second, 5_000n * USD, 3_000n * USD],
	]);
	await assert.rejects(
		signAndFinalize(api.tx.dam.allocate(dam, first, 100n * USD), operator, inBlock),
		(e) => e instanceof DispatchError && e.errorName === 'dam.CollateralCommits',
	);
	assert.equal(await nusd(api, account), 3_000n * USD, 'the assets stay in the DAM');
	assert.equal((await api.call.vaultsApi.vaults(first)).length, 0);

	// Charlie queues half his shares: they leave the active stake of every Network at once.
	const shares = (await position(api, dam, charlie)).shares.toBigInt();
	await assert.rejects(
		signAndFinalize(api.tx.dam.withdraw(dam, shares, MAX_TOKENS), charlie, inBlock),
		(e) => e instanceof DispatchError && e.errorName === 'dam.TwoStepWithdrawal',
	);
	await signAndFinalize(api.tx.dam.requestWithdrawal(dam, shares / 2n, MAX_TOKENS), charlie, inBlock);
	assert.deepEqual(await commitments(api, dam), [
		[first, 2_500n * USD, 2_000n * USD],
		[second, 5_000n * USD, 2_000n * USD],
	]);
	const queued = await position(api, dam, charlie);
	assert.equal(queued.pendingWithdrawals[0].value.toBigInt(), 1_000n * USD);

	await waitUntil(api, queued.pendingWithdrawals[0].unlockAt.toNumber());
	const before = await nusd(api, charlie.address);
	await signAndFinalize(api.tx.dam.claimWithdrawal(dam, MAX_TOKENS), charlie, inBlock);
	assert.equal((await nusd(api, charlie.address)) - before, 1_000n * USD);
	assert.equal(await nusd(api, account), 2_000n * USD);
	assert.equal((await damDetails(api, dam)).tvl.toBigInt(), 2_000n * USD);

	// Leaving a Network takes two steps: the commitment goes to zero (it stays slashable for
	// the commitment delay), then the uninstall. The other commitment stays.
	await signAndFinalize(api.tx.dam.commit(dam, second, 0), operator, inBlock);
	await assert.rejects(
		signAndFinalize(api.tx.dam.uninstall(dam, second), operator, inBlock),
		(e) => e instanceof DispatchError && e.errorName === 'dam.CommitmentStillSlashable',
	);
	const [, held] = (await damDetails(api, dam)).slashable.map((s) => s.heldUntil);
	await waitUntil(api, held.unwrap().toNumber());
	await signAndFinalize(api.tx.dam.uninstall(dam, second), operator, inBlock);
	assert.deepEqual(await commitments(api, dam), [[first, 2_500n * USD, 2_000n * USD]]);
});
