// Helpers shared by the marketplace, DAM and vault scenarios: nUSD balances, Council motions,
// Network terms, DAM configurations and the runtime API's views.

import assert from 'node:assert/strict';

import { findEvent, signAndFinalize, waitForBlocks } from './chain.js';

/** The example asset of the dev preset: nUSD, 6 decimals. */
export const NUSD = 1;
export const USD = 1_000_000n;
export const PERBILL = 1_000_000_000n;
/** The `max_fee` of a deposit that accepts whatever fee the DAM charges: 100%. */
export const ANY_FEE = PERBILL;

/** The `reward_tokens` witness of the DAM calls that change shares that covers any DAM: the most
 * reward tokens a DAM may track. `rewardTokens` gives a DAM's own count, which is charged less. */
export const MAX_TOKENS = 32;

/** How many reward tokens `dam` tracks now: the least `reward_tokens` witness its calls take. */
export async function rewardTokens(api, dam) {
	return (await api.query.rewards.trackedPrograms(dam)).length;
}

/** Wait only for inclusion: the scenarios check state block by block. */
export const inBlock = { waitFor: 'inBlock' };

/** The nUSD balance of `address`. */
export async function nusd(api, address) {
	const account = await api.query.assets.account(NUSD, address);
	return account.isSome ? account.unwrap().balance.toBigInt() : 0n;
}

/** Network terms of `kind` asking for nUSD; `overrides` replace any field. */
export function networkTerms(kind, overrides = {}) {
	const base = {
		kind,
		depositAsset: { WithId: NUSD },
		minAllocation: 100n * USD,
		amountRequested: 100_000n * USD,
		operatorsRequested: 4,
		duration: 10_000,
		lockPeriod: null,
		safe: null,
		rewardAsset: 'Native',
		delegatorRate: 10n ** 16n, // 0.01 reward units per unit per day
		operatorRate: 10n ** 12n,
		operatorCommission: 0,
		penalty: null,
		returnBond: null,
	};
	if (kind === 'Collateral') {
		base.penalty = { maxPenalty: PERBILL / 10n, disputeWindow: 3, resolver: null, destination: 'Treasury' };
	}
	return { ...base, ...overrides };
}

/** A DAM of `kind` taking nUSD, run by its creator as an independent Operator. */
export function damConfig(kind, overrides = {}) {
	return {
		kind,
		depositAsset: { WithId: NUSD },
		fee: PERBILL / 100n, // 1%
		feeMutable: true,
		gatekeeper: null,
		gatekeeperMutable: true,
		catalyst: null,
		catalystMutable: true,
		receiptTransferable: true,
		allowList: false,
		independentOperator: true,
		...overrides,
	};
}

/** Passes `call` through a Council motion: Alice proposes, Alice and Bob vote aye (two of the
 * three members), Charlie closes it. */
export async function councilMotion(api, accounts, call) {
	const length = call.method.encodedLength;
	const proposed = await signAndFinalize(api.tx.council.propose(2, call, length), accounts.alice, inBlock);
	const event = findEvent(proposed.events, 'council', 'Proposed');
	assert.ok(event, 'the motion was proposed');
	const [, index, hash] = event.data;
	await signAndFinalize(api.tx.council.vote(hash, index, true), accounts.alice, inBlock);
	await signAndFinalize(api.tx.council.vote(hash, index, true), accounts.bob, inBlock);
	// The weight bound is what the chain charges for the call itself.
	const { weight } = await call.paymentInfo(accounts.alice);
	const closed = await signAndFinalize(
		api.tx.council.close(hash, index, weight, length),
		accounts.charlie,
		inBlock,
	);
	const executed = findEvent(closed.events, 'council', 'Executed');
	assert.ok(executed, 'the motion was executed');
	assert.ok(executed.data[1].isOk, `the motion's call succeeded: ${executed.data[1].toString()}`);
}

/** Registers Networks with `terms` by `manager` and has the Council whitelist them all in one
 * motion; returns their ids. */
export async function liveNetworks(api, accounts, manager, termsList) {
	const ids = [];
	for (const terms of termsList) {
		ids.push((await api.query.marketplace.nextNetworkId()).toNumber());
		await signAndFinalize(api.tx.marketplace.registerNetwork(terms, 'Net', '', '', 'rNET'), manager, inBlock);
	}
	const calls = ids.map((id) => api.tx.marketplace.whitelistNetwork(id));
	await councilMotion(api, accounts, calls.length === 1 ? calls[0] : api.tx.utility.batchAll(calls));
	for (const id of ids) {
		const info = (await api.call.marketplaceApi.network(id)).unwrap();
		assert.equal(info.network.status.toString(), 'Live');
	}
	return ids;
}

/** Registers `operator` and creates a DAM with `config`; returns its id. */
export async function operatorDam(api, operator, config) {
	const registered = await api.query.marketplace.operators(operator.address);
	if (registered.isNone) {
		await signAndFinalize(api.tx.marketplace.registerOperator('Operator', ''), operator, inBlock);
	}
	const id = (await api.query.dam.nextDamId()).toNumber();
	await signAndFinalize(api.tx.dam.createDam(config, 'DAM', 'deUSD', '', '', ''), operator, inBlock);
	return id;
}

/** The DAM's catalyst asks to install `network`, run by itself, and `manager` confirms. */
export async function install(api, dam, network, operator, manager) {
	await signAndFinalize(api.tx.dam.requestInstallation(dam, network, operator.address), operator, inBlock);
	await signAndFinalize(api.tx.marketplace.confirmInstallation(network, dam, null), manager, inBlock);
}

/** The runtime API's details of a DAM. */
export async function damDetails(api, dam) {
	const details = await api.call.damApi.dam(dam);
	assert.ok(details.isSome, `DAM ${dam} exists in the runtime API`);
	return details.unwrap();
}

/** The runtime API's position of `who` in a DAM. */
export async function position(api, dam, who) {
	const p = await api.call.damApi.position(dam, who.address);
	assert.ok(p.isSome, `a position in DAM ${dam}`);
	return p.unwrap();
}

/** Waits until the best block is at least `height`. */
export async function waitUntil(api, height) {
	while ((await api.query.system.number()).toNumber() < height) {
		await waitForBlocks(api, 1);
	}
}

/** The block at which a live Network's duration ends. */
export async function endsAt(api, network) {
	const info = (await api.call.marketplaceApi.network(network)).unwrap();
	return info.network.liveSince.unwrap().toNumber() + info.network.terms.duration.toNumber();
}

/** What the runtime API says `who` may claim from `dam` in `program`'s token, at `at`. A
 * Network's primary program has the Network's id. */
export async function pending(api, dam, program, who, at) {
	const view = at ? await api.at(at) : api;
	const list = await view.call.rewardsApi.pendingRewards(dam, who.address);
	const entry = list.find((reward) => reward.program.toNumber() === program);
	return entry ? entry.amount.toBigInt() : 0n;
}

/** The balance of `address` in the `pallet-assets` asset `token`. */
export async function tokenBalance(api, token, address) {
	const account = await api.query.assets.account(token, address);
	return account.isSome ? account.unwrap().balance.toBigInt() : 0n;
}
