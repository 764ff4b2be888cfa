// OpenGov on a real development node, whose tracks run on their development periods: a Network
// is whitelisted by a referendum on the `network_whitelister` track (submitted, decision
// deposit placed, voted with conviction, confirmed, enacted), while the same call submitted on
// the `treasurer` track passes its vote but is refused at dispatch (BadOrigin), leaving its
// Network pending; and an origin with no track cannot be submitted at all.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { DispatchError, UNIT, blockEvents, devAccounts, findEvent, signAndFinalize, waitForBlocks } from '../lib/chain.js';
import { useNode } from '../lib/process.js';
import { inBlock, networkTerms } from '../lib/nektar.js';

const node = useNode({ name: 'governance' });

/** Aye at 2× conviction (locked for 2 vote-locking periods after the referendum). */
const AYE_LOCKED_2X = { aye: true, conviction: 'Locked2x' };

async function register(api, manager) {
	const id = (await api.query.marketplace.nextNetworkId()).toNumber();
	await signAndFinalize(api.tx.marketplace.registerNetwork(networkTerms('Collateral'), 'Net', '', '', 'rNET'), manager, inBlock);
	return id;
}

async function status(api, network) {
	return (await api.call.marketplaceApi.network(network)).unwrap().network.status.toString();
}

/** Submits `call` to be dispatched from `origin`, places the decision deposit and votes aye
 * with 900,000 NEK from each of `voters`; returns the referendum's index. */
async function referendum(api, origin, call, proposer, voters) {
	const submitted = await signAndFinalize(
		api.tx.referenda.submit(origin, { Inline: call.method.toHex() }, { After: 0 }),
		proposer,
		inBlock,
	);
	const event = findEvent(submitted.events, 'referenda', 'Submitted');
	const index = event.data[0].toNumber();
	const track = event.data[1].toNumber();
	await signAndFinalize(api.tx.referenda.placeDecisionDeposit(index), proposer, inBlock);
	for (const voter of voters) {
		const vote = { Standard: { vote: AYE_LOCKED_2X, balance: 900_000n * UNIT } };
		await signAndFinalize(api.tx.convictionVoting.vote(index, vote), voter, inBlock);
	}
	// Each vote counts its NEK twice (2x conviction).
	const voting = await api.query.convictionVoting.votingFor(voters[0].address, track);
	const [, cast] = voting.asCasting.votes.find(([poll]) => poll.toNumber() === index);
	assert.ok(cast.asStandard.vote.isAye, 'an aye');
	assert.equal(cast.asStandard.vote.conviction.toString(), 'Locked2x');
	return { index, track };
}

test('a referendum on the network_whitelister track whitelists a Network; the treasurer track cannot', { timeout: 600_000 }, async () => {
	const { api } = node;
	const { alice, bob, charlie, dave } = await devAccounts();

	const tracks = api.consts.referenda.tracks.map(([id, info]) => [id.toNumber(), info.name.toString().replace(/\0+$/, '')]);
	assert.deepEqual(tracks, [
		[0, 'root'],
		[1, 'network_whitelister'],
		[2, 'penalty_resolver'],
		[3, 'treasurer'],
		[4, 'parameters'],
	]);

	const network = await register(api, dave);
	const other = await register(api, dave);
	const voters = [alice, bob, charlie];
	// The first may pass while the second is voted on: watch every block from here.
	let next = (await api.query.system.number()).toNumber() + 1;
	const { index: right, track: rightTrack } = await referendum(api, { Origins: 'NetworkWhitelister' }, api.tx.marketplace.whitelistNetwork(network), alice, voters);
	const { index: wrong, track: wrongTrack } = await referendum(api, { Origins: 'Treasurer' }, api.tx.marketplace.whitelistNetwork(other), bob, voters);
	assert.equal(rightTrack, 1, 'network_whitelister');
	assert.equal(wrongTrack, 3, 'treasurer');

	// Both pass in about ten blocks; watch each block's enactments (the scheduler's named
	// tasks; the referenda's own alarms are anonymous).
	const dispatched = [];
	for (let i = 0; i < 40 && dispatched.length < 2; i++) {
		await waitForBlocks(api, 1);
		const best = (await api.query.system.number()).toNumber();
		for (; next <= best; next++) {
			const hash = await api.rpc.chain.getBlockHash(next);
			for (const { section, method, data } of await blockEvents(api, hash)) {
				if (section === 'scheduler' && method === 'Dispatched' && data.id.isSome) dispatched.push(data.result);
			}
		}
	}
	const states = await Promise.all([right, wrong].map(async (index) => (await api.query.referenda.referendumInfoFor(index)).toString()));
	assert.equal(dispatched.length, 2, `both referenda were enacted: ${states.join(' | ')}`);
	for (const index of [right, wrong]) {
		assert.ok((await api.query.referenda.referendumInfoFor(index)).unwrap().isApproved, `referendum ${index} approved`);
	}
	assert.equal(await status(api, network), 'Live', 'whitelisted by its track');
	assert.equal(await status(api, other), 'Pending', 'the treasurer track may not whitelist');
	const failed = dispatched.filter((result) => result.isErr);
	assert.equal(failed.length, 1);
	assert.ok(failed[0].asErr.isBadOrigin, `refused for its origin: ${failed[0].toString()}`);

	// The votes lock the voters' NEK.
	const locks = await api.query.balances.locks(alice.address);
	assert.ok(locks.some((lock) => lock.amount.toBigInt() === 900_000n * UNIT), 'conviction lock');

	// An origin without a track is refused at submission.
	await assert.rejects(
		signAndFinalize(api.tx.referenda.submit({ system: { Signed: alice.address } }, { Inline: api.tx.marketplace.whitelistNetwork(other).method.toHex() }, { After: 0 }), alice, inBlock),
		(e) => e instanceof DispatchError && e.errorName === 'referenda.NoTrack',
	);
});
