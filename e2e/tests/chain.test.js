// Basic liveness and accounting of the Nektar chain, against a real
// `nektar-node --dev` started for this file.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
	DispatchError,
	TransactionRejectedError,
	UNIT,
	blockEvents,
	chainHeights,
	devAccounts,
	formatNek,
	freeBalance,
	freshAccount,
	signAndFinalize,
	waitForBlocks,
} from '../lib/chain.js';
import { MAX_TOKENS } from '../lib/nektar.js';
import { useNode } from '../lib/process.js';

const node = useNode({ name: 'chain' });

const EXPECTED_PALLETS = [
	'System',
	'Timestamp',
	'Aura',
	'Grandpa',
	'Balances',
	'TransactionPayment',
	'Sudo',
	'Assets',
	'Nfts',
	'Multisig',
	'Utility',
	'Proxy',
	'Council',
	'CouncilMembership',
	'Preimage',
	'Whitelist',
	'Scheduler',
	'Referenda',
	'ConvictionVoting',
	'Origins',
	'Treasury',
	'Marketplace',
	'Dam',
	'Vaults',
	'Rewards',
	'Slashing',
	'Validators',
	'PoolAssets',
	'AssetConversion',
	'AssetTxPayment',
	'Authorship',
	'Offences',
	'Historical',
	'Session',
];

/** The calls of polkadot-sdk pallets that carry no docs in the metadata. */
const UPSTREAM_UNDOCUMENTED = [
	'Whitelist.whitelist_call',
	'Whitelist.remove_whitelisted_call',
	'Whitelist.dispatch_whitelisted_call',
	'Whitelist.dispatch_whitelisted_call_with_preimage',
	'Whitelist.remove_deferred_dispatch',
];

/** The parent hash of block `hash`. */
async function parentOf(api, hash) {
	return (await api.rpc.chain.getHeader(hash)).parentHash.toHex();
}

/** Every balances/transactionPayment event in a block that mentions `address`, for messages. */
async function balanceEventsFor(api, blockHash, address) {
	const events = await blockEvents(api, blockHash);
	return events
		.filter(({ section }) => ['balances', 'transactionPayment'].includes(section))
		.filter(({ data }) => data.some((field) => field.toString() === address))
		.map(({ section, method, data, phase }) => `${phase.toString()} ${section}.${method} ${data.toString()}`);
}

test('blocks are produced and finalized', { timeout: 120_000 }, async () => {
	const { api } = node;
	const before = await chainHeights(api);

	await waitForBlocks(api, 2, { timeoutMs: 60_000 });
	await waitForBlocks(api, 1, { finalized: true, timeoutMs: 60_000 });

	const after = await chainHeights(api);
	assert.ok(after.best >= before.best + 2, `best block did not advance by 2: #${before.best} -> #${after.best}`);
	assert.ok(
		after.finalized > before.finalized,
		`finalized block did not advance: #${before.finalized} -> #${after.finalized}`,
	);
	assert.ok(after.finalized <= after.best, `finalized #${after.finalized} is ahead of best #${after.best}`);
});

test('a transfer moves exactly amount, and the sender pays exactly the fee', { timeout: 180_000 }, async () => {
	const { api } = node;
	// Bob sends: Alice authors the blocks, and the author takes a fifth of every fee.
	const { bob: sender, keyring } = await devAccounts();
	const receiver = await freshAccount(keyring, 'receiver');

	const existentialDeposit = api.consts.balances.existentialDeposit.toBigInt();
	const amount = existentialDeposit * 10n > UNIT ? existentialDeposit * 10n : UNIT;

	const tx = api.tx.balances.transferKeepAlive(receiver.address, amount);
	// blockHash: the finalized block that includes the transfer.
	const { blockHash, events } = await signAndFinalize(tx, sender);

	// Compare the state right before and right after the inclusion block.
	const parentHash = await parentOf(api, blockHash);
	const [senderBefore, senderAfter, receiverBefore, receiverAfter] = await Promise.all([
		freeBalance(api, sender.address, parentHash),
		freeBalance(api, sender.address, blockHash),
		freeBalance(api, receiver.address, parentHash),
		freeBalance(api, receiver.address, blockHash),
	]);

	const feeEvent = events.find(
		({ event }) => event.section === 'transactionPayment' && event.method === 'TransactionFeePaid',
	)?.event;
	assert.ok(
		feeEvent,
		`no transactionPayment.TransactionFeePaid event; events: ${events.map(({ event }) => `${event.section}.${event.method}`).join(', ')}`,
	);
	const [who, actualFee, tip] = feeEvent.data;
	assert.equal(who.toString(), sender.address, 'TransactionFeePaid.who is not the sender');
	assert.equal(tip.toBigInt(), 0n, 'the transfer was sent without a tip');
	const fee = actualFee.toBigInt();
	assert.ok(fee > 0n, 'a signed transfer pays a non-zero fee');

	const transferEvent = events.find(({ event }) => event.section === 'balances' && event.method === 'Transfer')?.event;
	assert.ok(transferEvent, 'no balances.Transfer event');
	assert.equal(transferEvent.data[0].toString(), sender.address);
	assert.equal(transferEvent.data[1].toString(), receiver.address);
	assert.equal(transferEvent.data[2].toBigInt(), amount);

	assert.equal(receiverBefore, 0n, 'the receiver is a fresh account');
	assert.equal(
		receiverAfter - receiverBefore,
		amount,
		`receiver gained ${formatNek(receiverAfter - receiverBefore)}, expected exactly ${formatNek(amount)}`,
	);

	const spent = senderBefore - senderAfter;
	if (spent !== amount + fee) {
		const trail = await balanceEventsFor(api, blockHash, sender.address);
		assert.fail(
			`the sender's free balance fell by ${spent} (${formatNek(spent)}), expected amount ${amount} + fee ${fee} = ${amount + fee}.\n` +
				`Balance events touching the sender in block ${blockHash}:\n  ${trail.join('\n  ')}`,
		);
	}
});

test('a transfer above the sender balance fails and moves nothing', { timeout: 180_000 }, async () => {
	const { api } = node;
	// Bob sends: Alice authors the blocks, and the author takes a fifth of every fee.
	const { bob: sender, keyring } = await devAccounts();
	const receiver = await freshAccount(keyring, 'unpaid');

	const finalizedBefore = (await api.rpc.chain.getFinalizedHead()).toHex();
	const senderFree = await freeBalance(api, sender.address, finalizedBefore);
	const amount = senderFree + 1_000n * UNIT;

	const tx = api.tx.balances.transferKeepAlive(receiver.address, amount);
	let error;
	try {
		await signAndFinalize(tx, sender);
	} catch (e) {
		error = e;
	}
	assert.ok(error, `a transfer of ${formatNek(amount)} out of ${formatNek(senderFree)} succeeded`);

	const CAUSE = /FundsUnavailable|InsufficientBalance|Inability to pay some fees|balance too low/i;

	if (error instanceof DispatchError) {
		// Included, then failed: only the fee left the sender, nothing reached the receiver.
		assert.match(error.errorName, CAUSE, `unexpected dispatch error: ${error.message}`);
		const failed = error.events.find(({ event }) => event.section === 'system' && event.method === 'ExtrinsicFailed');
		assert.ok(failed, 'a failed dispatch emits system.ExtrinsicFailed');

		const feeEvent = error.events.find(
			({ event }) => event.section === 'transactionPayment' && event.method === 'TransactionFeePaid',
		)?.event;
		assert.ok(feeEvent, 'an included, failed transfer still pays its fee (TransactionFeePaid)');
		const fee = feeEvent.data[1].toBigInt();

		assert.equal(feeEvent.data[0].toString(), sender.address, 'TransactionFeePaid.who is not the sender');

		// error.blockHash is the finalized block that includes the failed transfer.
		const inclusion = error.blockHash;
		const parentHash = await parentOf(api, inclusion);
		const [senderBefore, senderAfter, receiverBefore, receiverAfter] = await Promise.all([
			freeBalance(api, sender.address, parentHash),
			freeBalance(api, sender.address, inclusion),
			freeBalance(api, receiver.address, parentHash),
			freeBalance(api, receiver.address, inclusion),
		]);
		assert.equal(senderBefore - senderAfter, fee, `the sender lost ${senderBefore - senderAfter}, expected only the fee ${fee}`);
		assert.equal(receiverBefore, 0n);
		assert.equal(receiverAfter, 0n, 'the receiver got funds from a failed transfer');
	} else if (error instanceof TransactionRejectedError) {
		// Refused by the pool: nothing was included, nothing moved.
		assert.match(error.message, CAUSE, `unexpected rejection: ${error.message}`);
		await waitForBlocks(api, 1, { finalized: true, timeoutMs: 60_000 });
		const finalizedAfter = (await api.rpc.chain.getFinalizedHead()).toHex();
		assert.equal(await freeBalance(api, sender.address, finalizedAfter), senderFree, "the sender's balance changed");
		assert.equal(await freeBalance(api, receiver.address, finalizedAfter), 0n, 'the receiver got funds');
	} else {
		throw error;
	}
});

test('runtime metadata: v15+, runtime APIs decorated, every call documented', { timeout: 60_000 }, async () => {
	const { api } = node;

	const version = api.runtimeMetadata.version;
	assert.ok(version >= 15, `metadata version is ${version}, expected 15 or later`);

	assert.ok(api.call.metadata, 'runtime API Metadata is not decorated (api.call.metadata)');
	assert.equal(typeof api.call.metadata.metadataAtVersion, 'function');
	assert.ok(api.call.accountNonceApi, 'runtime API AccountNonceApi is not decorated (api.call.accountNonceApi)');
	assert.equal(typeof api.call.accountNonceApi.accountNonce, 'function');

	const latest = api.runtimeMetadata.asLatest;
	const pallets = latest.pallets.map((p) => p.name.toString());
	const missing = EXPECTED_PALLETS.filter((name) => !pallets.includes(name));
	assert.deepEqual(missing, [], `pallets missing from the runtime: ${missing.join(', ')} (present: ${pallets.join(', ')})`);

	const undocumented = [];
	let calls = 0;
	for (const pallet of latest.pallets) {
		if (pallet.calls.isNone) continue;
		const callType = api.registry.lookup.getSiType(pallet.calls.unwrap().type);
		assert.ok(callType.def.isVariant, `${pallet.name} calls are not an enum`);
		for (const variant of callType.def.asVariant.variants) {
			calls += 1;
			const docs = variant.docs.map((d) => d.toString().trim()).filter(Boolean);
			if (docs.length === 0) undocumented.push(`${pallet.name}.${variant.name}`);
		}
	}
	assert.ok(calls > 0, 'the metadata lists no calls at all');
	// polkadot-sdk's pallet-whitelist ships its calls without docs; the README's governance
	// section documents them. Any other call without docs fails, and so does this list once
	// upstream documents them.
	const upstream = UPSTREAM_UNDOCUMENTED.filter((call) => undocumented.includes(call));
	assert.deepEqual(upstream, UPSTREAM_UNDOCUMENTED, 'pallet-whitelist documents its calls now: empty the list');
	const ours = undocumented.filter((call) => !UPSTREAM_UNDOCUMENTED.includes(call));
	assert.deepEqual(ours, [], `${ours.length} of ${calls} calls have no docs:\n  ${ours.join('\n  ')}`);
});

test('the reward-token witness of share changes covers every DAM, and a low one is refused', { timeout: 60_000 }, async () => {
	const { api } = node;
	assert.equal(api.consts.rewards.maxRewardTokens.toNumber(), MAX_TOKENS, 'MAX_TOKENS is the most a DAM may track');
	for (const call of ['deposit', 'withdraw', 'requestWithdrawal', 'claimWithdrawal', 'transferShares']) {
		const args = api.tx.dam[call].meta.args;
		assert.equal(args.at(-1).name.toString(), 'rewardTokens', `dam.${call} ends with the witness`);
	}
	// Charged for what the witness names: a higher witness costs more up front.
	const { alice } = await devAccounts();
	const low = await api.tx.dam.deposit(0, UNIT, 0, 0).paymentInfo(alice);
	const high = await api.tx.dam.deposit(0, UNIT, 0, MAX_TOKENS).paymentInfo(alice);
	assert.ok(high.weight.refTime.toBigInt() > low.weight.refTime.toBigInt(), 'the charge grows with the witness');
});
