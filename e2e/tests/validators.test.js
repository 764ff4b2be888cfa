// The chain's own validator set on a real `--dev` node: Alice, the genesis validator, is an
// invulnerable of 10-block sessions; every session the treasury funds Network 0's rewards;
// an Operator without session keys cannot install Network 0, and one with keys is confirmed
// at once and ranks first by backing. (Joining the set with a running node is the zombienet
// join test.)

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { DispatchError, UNIT, blockEvents, devAccounts, freeBalance, signAndFinalize } from '../lib/chain.js';
import { useNode } from '../lib/process.js';
import { MAX_TOKENS, damConfig, inBlock, operatorDam, waitUntil } from '../lib/nektar.js';

const node = useNode({ name: 'validators' });

/** The treasury: the keyless account of `nek/trsy`. */
const TREASURY_SEED = 'modlnek/trsy';

test('Alice validates 10-block sessions and the treasury funds Network 0 every session', { timeout: 300_000 }, async () => {
	const { api } = node;
	const set = await api.call.validatorsApi.validatorSet();
	const { alice } = await devAccounts();
	assert.deepEqual(set.current.map(([who]) => who.toString()), [alice.address]);
	assert.equal(set.sessionLength.toNumber(), 10);
	assert.equal(set.minValidatorBacking.toBigInt(), 1_000n * UNIT);
	const candidate = set.candidates.find((c) => c.who.toString() === alice.address);
	assert.ok(candidate.invulnerable.isTrue && candidate.hasKeys.isTrue);
	assert.equal(candidate.status.toString(), 'Selected');

	// Network 0 is live, Collateral, in NEK.
	const info = (await api.call.marketplaceApi.network(0)).unwrap();
	assert.equal(info.network.status.toString(), 'Live');
	assert.equal(info.network.terms.kind.toString(), 'Collateral');
	assert.equal(info.metadata.name.toUtf8(), 'Nektar');

	// Across a session end, the treasury pays the session's reward into Network 0's program.
	const reward = set.rewardPerSession.toBigInt();
	// Funded and not yet claimed: accrual moves the budget into what accrued.
	const funded = async (at) => {
		const program = (await (await api.at(at)).query.rewards.programs(0)).unwrap();
		return program.budget.toBigInt() + program.accrued.toBigInt();
	};
	const endsAt = set.sessionEndsAt.toNumber();
	await waitUntil(api, endsAt + 1);
	const before = await api.rpc.chain.getBlockHash(endsAt - 1);
	const after = await api.rpc.chain.getBlockHash(endsAt);
	assert.equal((await funded(after)) - (await funded(before)), reward);
	const seed = new TextEncoder().encode(TREASURY_SEED);
	const treasury = api.registry.createType('AccountId', new Uint8Array([...seed, ...new Uint8Array(32 - seed.length)])).toString();
	// What the treasury took in the same block (its share of the block's fees) comes on top.
	const income = (await blockEvents(api, after))
		.filter(({ section, method, data }) => section === 'balances' && method === 'Deposit' && data[0].toString() === treasury)
		.reduce((sum, { data }) => sum + data[1].toBigInt(), 0n);
	assert.equal((await freeBalance(api, treasury, before)) - (await freeBalance(api, treasury, after)) + income, reward);
	const next = await api.call.validatorsApi.validatorSet();
	assert.equal(next.session.toNumber(), set.session.toNumber() + 1);
});

test('Network 0 confirms an Operator with session keys at once, and refuses one without', { timeout: 300_000 }, async () => {
	const { api } = node;
	const { ferdie: operator } = await devAccounts();
	const dam = await operatorDam(api, operator, damConfig('Collateral', { depositAsset: 'Native', fee: 0 }));
	await signAndFinalize(api.tx.dam.deposit(dam, 3_000n * UNIT, 0, MAX_TOKENS), operator, inBlock);

	await assert.rejects(
		signAndFinalize(api.tx.dam.requestInstallation(dam, 0, operator.address), operator, inBlock),
		(e) => e instanceof DispatchError && e.errorName === 'validators.NoSessionKeys',
	);

	// `author_rotateKeysWithOwner` is newer than Polkadot.js's RPC definitions: send it raw.
	const owner = `0x${Buffer.from(operator.publicKey).toString('hex')}`;
	const response = await fetch(node.rpcUrl, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ id: 1, jsonrpc: '2.0', method: 'author_rotateKeysWithOwner', params: [owner] }),
	});
	const { keys, proof } = (await response.json()).result;
	await signAndFinalize(api.tx.session.setKeys(keys, proof), operator, inBlock);
	await signAndFinalize(api.tx.dam.requestInstallation(dam, 0, operator.address), operator, inBlock);
	const installation = (await api.query.marketplace.installations(0, dam)).unwrap();
	assert.equal(installation.status.toString(), 'Active');

	// Below the minimum backing the marketplace refuses the commitment.
	await assert.rejects(
		signAndFinalize(api.tx.dam.commit(dam, 0, 999n * UNIT), operator, inBlock),
		(e) => e instanceof DispatchError && e.errorName === 'marketplace.ExposureBelowMinimum',
	);
	await signAndFinalize(api.tx.dam.commit(dam, 0, 2_000n * UNIT), operator, inBlock);
	const set = await api.call.validatorsApi.validatorSet();
	const candidate = set.candidates.find((c) => c.who.toString() === operator.address);
	assert.equal(candidate.rank.toNumber(), 1, 'the best-backed Operator ranks first');
	assert.equal(candidate.backing.toBigInt(), 2_000n * UNIT);
	assert.equal(candidate.status.toString(), 'Selected');
});
