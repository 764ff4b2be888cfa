// Slashing on a real node: a Collateral Network requests a penalty, which leaves the DAM's
// books at once into a dispute vault; the DAM disputes and the Council vetoes it through a
// real motion, restoring every position; a second penalty executes after its window and
// goes to the treasury.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { devAccounts, findEvent, signAndFinalize } from '../lib/chain.js';
import { useNode } from '../lib/process.js';
import { ANY_FEE, MAX_TOKENS, USD, councilMotion, damConfig, damDetails, inBlock, install, liveNetworks, networkTerms, nusd, operatorDam, position, waitUntil } from '../lib/nektar.js';

const node = useNode({ name: 'slashing' });

async function values(api, dam, accounts) {
	const result = [];
	for (const who of accounts) {
		result.push((await position(api, dam, who)).value.toBigInt());
	}
	return result;
}

async function statuses(api, dam) {
	const list = await api.call.slashingApi.penalties(dam);
	return list.map(({ id, penalty }) => [id.toNumber(), penalty.status.toString()]);
}

test('a penalty is disputed and vetoed by the Council; a second one executes after its window', { timeout: 900_000 }, async () => {
	const { api } = node;
	const accounts = await devAccounts();
	const { alice, charlie, dave: manager, eve: operator } = accounts;

	const [network] = await liveNetworks(api, accounts, manager, [
		networkTerms('Collateral', {
			penalty: { maxPenalty: 100_000_000n, disputeWindow: 5, resolver: null, destination: 'Treasury' },
		}),
	]);
	const dam = await operatorDam(api, operator, damConfig('Collateral', { fee: 0 }));
	await install(api, dam, network, operator, manager);
	await signAndFinalize(api.tx.dam.deposit(dam, 1_000n * USD, ANY_FEE, MAX_TOKENS), alice, inBlock);
	await signAndFinalize(api.tx.dam.deposit(dam, 2_000n * USD, ANY_FEE, MAX_TOKENS), charlie, inBlock);
	await signAndFinalize(api.tx.dam.commit(dam, network, 3_000n * USD), operator, inBlock);
	const account = (await damDetails(api, dam)).account.toString();
	const before = await values(api, dam, [alice, charlie]);

	// 1. A penalty of 300 nUSD (the 10% cap): out of the DAM at once, for everyone.
	const requested = await signAndFinalize(
		api.tx.slashing.requestPenalty(network, dam, 300n * USD, 'missed blocks'),
		manager,
		inBlock,
	);
	const first = findEvent(requested.events, 'slashing', 'PenaltyRequested').data[0].toNumber();
	assert.equal(await nusd(api, account), 2_700n * USD);
	const slashed = await values(api, dam, [alice, charlie]);
	assert.ok(slashed[0] < before[0] && slashed[1] < before[1]);
	assert.ok(slashed[1] - 2n * slashed[0] <= 1n, 'each loses in proportion to its shares');
	assert.equal((await damDetails(api, dam)).tvl.toBigInt(), 2_700n * USD);
	await assert.rejects(
		signAndFinalize(api.tx.slashing.requestPenalty(network, dam, 1n * USD, ''), manager, inBlock),
		(e) => e.errorName === 'slashing.PenaltyOpen',
		'a Network has one open penalty per DAM',
	);
	await assert.rejects(
		signAndFinalize(api.tx.dam.deposit(dam, 10n * USD, ANY_FEE, MAX_TOKENS), alice, inBlock),
		(e) => e.errorName === 'dam.PenaltyPending',
	);

	// 2. The DAM disputes; 3. the Council vetoes through a motion: positions come back exactly.
	await signAndFinalize(api.tx.slashing.dispute(first), operator, inBlock);
	await councilMotion(api, accounts, api.tx.slashing.veto(first));
	assert.deepEqual(await values(api, dam, [alice, charlie]), before);
	assert.equal(await nusd(api, account), 3_000n * USD);

	// 4. A second penalty nobody disputes executes after its window, to the treasury.
	const second = await signAndFinalize(
		api.tx.slashing.requestPenalty(network, dam, 100n * USD, 'late report'),
		manager,
		inBlock,
	);
	const event = findEvent(second.events, 'slashing', 'PenaltyRequested');
	const id = event.data[0].toNumber();
	await assert.rejects(
		signAndFinalize(api.tx.slashing.execute(id), alice, inBlock),
		(e) => e.errorName === 'slashing.WindowOpen',
	);
	await waitUntil(api, event.data[5].toNumber());
	const executed = await signAndFinalize(api.tx.slashing.execute(id), alice, inBlock);
	const paid = findEvent(executed.events, 'slashing', 'PenaltyExecuted');
	const treasury = paid.data[1].toString();
	assert.equal(await nusd(api, treasury), 100n * USD);
	assert.equal(await nusd(api, account), 2_900n * USD);

	// 5. The positions and the penalty history, through the runtime API.
	const after = await values(api, dam, [alice, charlie]);
	assert.ok(after[0] < before[0] && after[1] < before[1]);
	assert.deepEqual(await statuses(api, dam), [
		[first, 'Vetoed'],
		[id, 'Executed'],
	]);
	await signAndFinalize(api.tx.dam.deposit(dam, 10n * USD, ANY_FEE, MAX_TOKENS), alice, inBlock);
});
