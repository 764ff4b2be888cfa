// Collateral security on a real node: a catalyst that lowers its commitment right after a
// misbehaviour still pays the full penalty; a withdrawal claimed while the penalty is open is
// paid at the lowered rate and compensated after a Council veto; a dispute nobody resolves
// becomes executable at its resolution deadline.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { devAccounts, findEvent, signAndFinalize } from '../lib/chain.js';
import { useNode } from '../lib/process.js';
import { ANY_FEE, MAX_TOKENS, USD, councilMotion, damConfig, damDetails, inBlock, install, liveNetworks, networkTerms, nusd, operatorDam, position, waitUntil } from '../lib/nektar.js';

const node = useNode({ name: 'collateral-security' });

async function value(api, dam, who) {
	return (await position(api, dam, who)).value.toBigInt();
}

async function requestPenalty(api, network, dam, amount, manager) {
	const result = await signAndFinalize(
		api.tx.slashing.requestPenalty(network, dam, amount, 'equivocation'),
		manager,
		inBlock,
	);
	const event = findEvent(result.events, 'slashing', 'PenaltyRequested');
	return {
		id: event.data[0].toNumber(),
		windowEnds: event.data[5].toNumber(),
		resolveBy: event.data[6].toNumber(),
	};
}

test('no escape by decommitting, no freeze of claims, and silence upholds a dispute', { timeout: 900_000 }, async () => {
	const { api } = node;
	const accounts = await devAccounts();
	const { alice, charlie, dave: manager, eve: operator } = accounts;

	// A long window for the veto flow, a short one for the silent dispute.
	const penaltyTerms = (disputeWindow) => ({
		penalty: { maxPenalty: 100_000_000n, disputeWindow, resolver: null, destination: 'Treasury' },
	});
	const [network, quick] = await liveNetworks(api, accounts, manager, [
		networkTerms('Collateral', penaltyTerms(15)),
		networkTerms('Collateral', penaltyTerms(3)),
	]);
	const dam = await operatorDam(api, operator, damConfig('Collateral', { fee: 0 }));
	await install(api, dam, network, operator, manager);
	await install(api, dam, quick, operator, manager);
	await signAndFinalize(api.tx.dam.deposit(dam, 1_000n * USD, ANY_FEE, MAX_TOKENS), alice, inBlock);
	await signAndFinalize(api.tx.dam.deposit(dam, 2_000n * USD, ANY_FEE, MAX_TOKENS), charlie, inBlock);
	await signAndFinalize(api.tx.dam.commit(dam, network, 3_000n * USD), operator, inBlock);
	const charlieBefore = await value(api, dam, charlie);

	// 1. The Operator misbehaves; its catalyst decommits in the next block. The lowered
	// commitment stays slashable for the commitment delay, so the Network takes the full 10%.
	await signAndFinalize(api.tx.dam.commit(dam, network, 0), operator, inBlock);
	const [slashable] = (await damDetails(api, dam)).slashable;
	assert.equal(slashable.amount.toBigInt(), 3_000n * USD, 'the Network may still slash the 3,000');
	assert.ok(slashable.heldUntil.isSome, 'the held commitment shows until when it stays slashable');
	const first = await requestPenalty(api, network, dam, 300n * USD, manager);
	assert.equal((await damDetails(api, dam)).tvl.toBigInt(), 2_700n * USD, 'the full 10% was taken');
	await signAndFinalize(api.tx.slashing.dispute(first.id), operator, inBlock);
	await assert.rejects(
		signAndFinalize(api.tx.dam.uninstall(dam, network), operator, inBlock),
		(e) => e.errorName === 'dam.PenaltyOpen',
	);

	// 2. Alice queues all her shares and claims them while the penalty is open: she is paid
	// at the lowered rate, and her part of the penalty is recorded.
	const aliceShares = (await position(api, dam, alice)).shares.toBigInt();
	await signAndFinalize(api.tx.dam.requestWithdrawal(dam, aliceShares, MAX_TOKENS), alice, inBlock);
	const unlockAt = (await position(api, dam, alice)).pendingWithdrawals[0].unlockAt.toNumber();
	await waitUntil(api, unlockAt);
	const aliceStart = await nusd(api, alice.address);
	await signAndFinalize(api.tx.dam.claimWithdrawal(dam, MAX_TOKENS), alice, inBlock);
	assert.equal((await nusd(api, alice.address)) - aliceStart, 900n * USD);
	const pending = (await position(api, dam, alice)).compensationPending;
	assert.equal(pending.length, 1);
	assert.equal(pending[0].amount.toBigInt(), 100n * USD);
	await assert.rejects(
		signAndFinalize(api.tx.dam.deposit(dam, 10n * USD, ANY_FEE, MAX_TOKENS), charlie, inBlock),
		(e) => e.errorName === 'dam.PenaltyPending',
	);

	// 3. The Council vetoes: Charlie, who waited, is whole (within the unit Alice's claim
	// rounded in the DAM's favour); Alice collects her 100.
	await councilMotion(api, accounts, api.tx.slashing.veto(first.id));
	const charlieAfter = await value(api, dam, charlie);
	assert.ok(charlieAfter <= charlieBefore && charlieBefore - charlieAfter <= 1n, `Charlie has ${charlieAfter}`);
	assert.equal((await position(api, dam, alice)).compensation.toBigInt(), 100n * USD);
	await signAndFinalize(api.tx.dam.claimCompensation(dam), alice, inBlock);
	assert.equal((await nusd(api, alice.address)) - aliceStart, 1_000n * USD, 'Alice ends as if she had waited');

	// 4. A disputed penalty nobody resolves executes at its resolution deadline.
	await signAndFinalize(api.tx.dam.commit(dam, quick, 2_000n * USD), operator, inBlock);
	const second = await requestPenalty(api, quick, dam, 100n * USD, manager);
	assert.equal(second.resolveBy, second.windowEnds + 5, 'the dev resolution period is 5 blocks');
	await signAndFinalize(api.tx.slashing.dispute(second.id), operator, inBlock);
	await waitUntil(api, second.windowEnds);
	await assert.rejects(
		signAndFinalize(api.tx.slashing.execute(second.id), alice, inBlock),
		(e) => e.errorName === 'slashing.UnderDispute',
	);
	await waitUntil(api, second.resolveBy);
	const executed = await signAndFinalize(api.tx.slashing.execute(second.id), alice, inBlock);
	assert.ok(findEvent(executed.events, 'slashing', 'PenaltyExecuted'));
	const penalties = await api.call.slashingApi.penalties(dam);
	assert.deepEqual(
		penalties.map(({ id, penalty }) => [id.toNumber(), penalty.status.toString()]),
		[
			[first.id, 'Vetoed'],
			[second.id, 'Executed'],
		],
	);
	await signAndFinalize(api.tx.dam.deposit(dam, 10n * USD, ANY_FEE, MAX_TOKENS), charlie, inBlock);
});
