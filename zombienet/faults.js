// The steps of the fault test (faults.zndsl), run by zombienet's js-script as
// `<step>[,<node>[,<count>]]` on the node named in the line. Each step resolves to 1 when its
// condition holds and throws with what it saw otherwise, so a broken network fails at once.
//
// The steps stop and start nodes themselves (SIGKILL, then the same command line on the same
// base path) and keep what later steps compare against in files of the run's directory.

const fs = require('fs');
const path = require('path');
const lib = require('./lib.js');

/** How long a restarted validator may take to reach the finalized head it was started behind. */
const CATCH_UP_BOUND_MS = 60_000;
/** How long finality may take to resume once a third validator of four is back. */
const RESUME_BOUND_MS = 120_000;

function stateFile(networkInfo, name) {
	return path.join(networkInfo.tmpDir, `faults.${name}.json`);
}
function save(networkInfo, name, value) {
	fs.writeFileSync(stateFile(networkInfo, name), JSON.stringify(value));
}
function load(networkInfo, name) {
	return JSON.parse(fs.readFileSync(stateFile(networkInfo, name), 'utf8'));
}

/** A delegator's position in a DAM, as a wallet reads it at `hash`: the runtime API's raw answer. */
async function position(api, { dam, delegator }, hash) {
	const args = api.createType('(u32, AccountId32)', [dam, delegator]).toHex();
	return (await api.rpc.state.call('DamApi_position', args, hash)).toHex();
}

const steps = {
	/** Eve registers as an Operator and opens a DAM; Ferdie deposits 100 NEK into it. */
	async position({ info, api }) {
		const eve = lib.account('eve');
		const ferdie = lib.account('ferdie');
		await lib.send(api, api.tx.marketplace.registerOperator('Eve', ''), eve, 'marketplace.registerOperator');
		const dam = (await api.query.dam.nextDamId()).toNumber();
		const config = lib.damConfig('Liquidity', 'Native');
		await lib.send(api, api.tx.dam.createDam(config, 'Eve liquidity', 'elNEK', '', '', ''), eve, 'dam.createDam');
		await lib.send(api, api.tx.dam.deposit(dam, 100n * lib.UNIT, 0, lib.MAX_TOKENS), ferdie, 'dam.deposit');
		const shares = (await api.query.dam.shares(dam, ferdie.address)).toString();
		console.log(`Ferdie holds ${shares} shares of DAM ${dam}`);
		save(info, 'position', { dam, delegator: ferdie.address });
		return shares !== '0' ? 1 : 0;
	},

	async kill({ info, api, node }) {
		await lib.killNode(info, node);
		save(info, `down-${node}`, { at: Date.now(), best: await lib.bestNumber(api) });
		return 1;
	},

	async start({ info, api, node }) {
		save(info, `started-${node}`, { at: Date.now(), finalized: await lib.finalizedNumber(api) });
		lib.startNode(info, node);
		return 1;
	},

	/**
	 * With `node` down, finality advances and blocks keep coming; every slot between two
	 * consecutive blocks that has no block is the down validator's.
	 */
	async 'finalizes-without'({ api, node }) {
		const down = lib.account(node).address;
		const [best0, final0] = [await lib.bestNumber(api), await lib.finalizedNumber(api)];
		// Three blocks authored after the kill, finalized without the down validator.
		await lib.waitFor('finality without a validator', async () => (await lib.finalizedNumber(api)) >= best0 + 3, 120_000);
		const best1 = await lib.bestNumber(api);
		let missed = 0;
		let previous = null;
		for (let n = best0 + 1; n <= best1; n++) {
			const head = await api.rpc.chain.getHeader(await api.rpc.chain.getBlockHash(n));
			const { slot, author, validators } = await lib.author(api, head);
			if (author === down) throw new Error(`block #${n} is authored by ${node}, who is down`);
			if (previous !== null) {
				const order = await (await api.at(head.parentHash)).query.session.validators();
				const index = order.findIndex((v) => v.toString() === down);
				for (let s = previous + 1n; s < slot; s++) {
					if (Number(s % BigInt(validators)) !== index) throw new Error(`slot ${s} (no block) is not ${node}'s`);
					missed++;
				}
			}
			previous = slot;
		}
		const final1 = await lib.finalizedNumber(api);
		console.log(`${node} down: blocks #${best0} -> #${best1}, finalized #${final0} -> #${final1}, ${missed} of ${node}'s slots missed`);
		return missed > 0 ? 1 : 0;
	},

	/** The restarted `node` imports what it missed and reaches the finalized head it started behind. */
	async 'catches-up'({ info, node }) {
		const { at, finalized } = load(info, `started-${node}`);
		const { api } = await lib.connectWhenUp(info, node);
		try {
			await lib.waitFor(`${node} to reach #${finalized}`, async () => (await lib.finalizedNumber(api)) >= finalized, CATCH_UP_BOUND_MS, 250);
			const took = Date.now() - at;
			const downFor = at - load(info, `down-${node}`).at;
			console.log(`${node} was down ${(downFor / 1000).toFixed(1)} s and reached the finalized head #${finalized} ${(took / 1000).toFixed(1)} s after its restart (bound ${CATCH_UP_BOUND_MS / 1000} s)`);
			return took <= CATCH_UP_BOUND_MS ? 1 : 0;
		} finally {
			await api.disconnect();
		}
	},

	/** The position made before the kill reads the same on `node` as here, at the same block. */
	async 'same-position'({ info, api, node }) {
		const which = load(info, 'position');
		const hash = await api.rpc.chain.getFinalizedHead();
		const number = (await api.rpc.chain.getHeader(hash)).number.toNumber();
		const { api: other } = await lib.connectWhenUp(info, node);
		try {
			await lib.waitFor(`${node} to have #${number}`, async () => (await lib.finalizedNumber(other)) >= number, 60_000, 500);
			const theirHash = await other.rpc.chain.getBlockHash(number);
			if (theirHash.toHex() !== hash.toHex()) throw new Error(`#${number} is ${hash.toHex()} here and ${theirHash.toHex()} on ${node}`);
			const [here, there] = [await position(api, which, hash), await position(other, which, hash)];
			const [sharesHere, sharesThere] = [
				(await (await api.at(hash)).query.dam.shares(which.dam, which.delegator)).toString(),
				(await (await other.at(hash)).query.dam.shares(which.dam, which.delegator)).toString(),
			];
			console.log(`at #${number}: position ${here} (${sharesHere} shares) here, ${there} (${sharesThere} shares) on ${node}`);
			// `Some(position)`: a one-byte option tag and the position itself.
			return here === there && sharesHere === sharesThere && here.length > 4 && sharesHere !== '0' ? 1 : 0;
		} finally {
			await other.disconnect();
		}
	},

	/** With two of four validators down, blocks keep coming and finality stops. */
	async stalls({ info, api }) {
		// A round that had its votes before the kill may still conclude: let it.
		await lib.sleep(12_000);
		const [best0, final0] = [await lib.bestNumber(api), await lib.finalizedNumber(api)];
		await lib.sleep(36_000);
		const [best1, final1] = [await lib.bestNumber(api), await lib.finalizedNumber(api)];
		console.log(`two of four down for 36 s: blocks #${best0} -> #${best1}, finalized #${final0} -> #${final1}`);
		save(info, 'stalled', { finalized: final1, at: Date.now() });
		return best1 >= best0 + 2 && final1 === final0 ? 1 : 0;
	},

	/** A third validator is back: finality resumes and catches up with the head. */
	async resumes({ info, api }) {
		const { finalized } = load(info, 'stalled');
		const from = Date.now();
		let best = 0;
		let final = 0;
		await lib.waitFor('finality to catch up with the head', async () => {
			[best, final] = [await lib.bestNumber(api), await lib.finalizedNumber(api)];
			return final > finalized && final >= best - 2;
		}, RESUME_BOUND_MS, 500);
		console.log(`finality resumed: #${finalized} -> #${final} (head #${best}) ${((Date.now() - from) / 1000).toFixed(1)} s after the restart step`);
		return 1;
	},

	/**
	 * `node`, down and behind, is killed with SIGKILL `count` times while it imports the blocks
	 * it missed, then started once more: it opens the same database, no purge needed, and
	 * follows the head.
	 */
	async 'crash-loop'({ info, api, node, count }) {
		const rpc = info.nodesByName[node].wsUri.replace(/^ws/, 'http');
		const best = async () => {
			const response = await fetch(rpc, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ id: 1, jsonrpc: '2.0', method: 'chain_getHeader', params: [] }),
				signal: AbortSignal.timeout(500),
			});
			return parseInt((await response.json()).result.number, 16);
		};
		// Let the others get well ahead, so that every restart has blocks to import.
		const { best: left } = load(info, `down-${node}`);
		await lib.waitFor(`the head to pass #${left + 8}`, async () => (await lib.bestNumber(api)) >= left + 8, 120_000);
		for (let i = 1; i <= count; i++) {
			const head = await lib.bestNumber(api);
			const pid = lib.startNode(info, node);
			const up = async () => {
				if (!lib.alive(pid)) throw new Error(`${node} exited on its own: see ${node}.log`);
				return best().catch(() => null);
			};
			const base = await lib.waitFor(`${node}'s RPC`, async () => ((await up()) ?? false), 60_000, 50);
			// Killed as soon as it reports a block it did not have when its RPC came up; at the
			// head already, a little later each time.
			const seen = base < head
				? await lib.waitFor(`${node} importing`, async () => { const n = await up(); return n !== null && n > base ? n : null; }, 60_000, 20)
				: (await lib.sleep(300 * i), base);
			await lib.killNode(info, node);
			console.log(`crash ${i}/${count}: killed at #${seen} (#${base} when its RPC came up, head #${head})`);
		}
		const started = Date.now();
		const target = await lib.finalizedNumber(api);
		const pid = lib.startNode(info, node);
		const { api: other } = await lib.connectWhenUp(info, node);
		try {
			await lib.waitFor(`${node} to finalize #${target}`, async () => {
				if (!lib.alive(pid)) throw new Error(`${node} exited on its own: see ${node}.log`);
				return (await lib.finalizedNumber(other)) >= target;
			}, CATCH_UP_BOUND_MS, 250);
			const hash = await api.rpc.chain.getBlockHash(target);
			const theirs = await other.rpc.chain.getBlockHash(target);
			console.log(`after ${count} crashes ${node} reached the finalized #${target} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
			return hash.toHex() === theirs.toHex() ? 1 : 0;
		} finally {
			await other.disconnect();
		}
	},
};

async function run(nodeName, info, args) {
	const [name, node, count] = args;
	const step = steps[name];
	if (!step) throw new Error(`unknown step ${name}`);
	const { api } = await lib.connect(info, nodeName);
	try {
		return await step({ info, api, node, count: Number(count || 1) });
	} finally {
		await api.disconnect();
	}
}

module.exports = { run };
