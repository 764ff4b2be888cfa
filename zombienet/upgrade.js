// The steps of the upgrade test (upgrade.zndsl), run by zombienet's js-script with the step's
// name: live state on a running network, a runtime upgrade through a Council motion, and the
// checks that the state reads the same on the new runtime. Each step resolves to 1 when its
// condition holds and throws with what it saw otherwise.
//
// The next runtime is the wasm `scripts/build-upgrade.sh` builds (NEKTAR_NEXT_RUNTIME) and the
// in-process check of its migrations is the test binary it builds (NEKTAR_UPGRADE_CHECK).
// What later steps compare against is kept in files of the run's directory.

const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const lib = require('./lib.js');

const { account, send } = lib;
/** The example asset of the presets, nUSD, with 6 decimals. */
const NUSD = 1;
const USD = 1_000_000n;
const PERBILL = 1_000_000_000n;

function stateFile(info, name) {
	return path.join(info.tmpDir, `upgrade.${name}.json`);
}
function save(info, name, value) {
	fs.writeFileSync(stateFile(info, name), JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? v.toString() : v)));
}
function load(info, name) {
	return JSON.parse(fs.readFileSync(stateFile(info, name), 'utf8'));
}

function required(variable) {
	const value = process.env[variable];
	if (!value || !fs.existsSync(value)) {
		throw new Error(`${variable} must name a file scripts/build-upgrade.sh built (it is '${value ?? ''}')`);
	}
	return value;
}

/** What the runtime answers at `hash` about the live state: raw bytes, to compare exactly. */
async function readings(api, live, hash) {
	const call = async (method, type, args) => (await api.rpc.state.call(method, api.createType(type, args).toHex(), hash)).toHex();
	const positions = {};
	for (const who of live.delegators) {
		positions[who] = await call('DamApi_position', '(u32, AccountId32)', [live.dam, who]);
	}
	// `RewardsApi_pending_rewards` answers a Vec<PendingReward { program, network, token, amount }>.
	const pending = {};
	for (const who of live.delegators) {
		const raw = await call('RewardsApi_pending_rewards', '(u32, AccountId32)', [live.dam, who]);
		const list = api.createType('Vec<(u32, u32, u32, u128)>', raw);
		const entry = list.find(([program]) => program.toNumber() === live.network);
		pending[who] = entry ? entry[3].toBigInt() : 0n;
	}
	return {
		number: (await api.rpc.chain.getHeader(hash)).number.toNumber(),
		positions,
		pending,
		penalties: await call('SlashingApi_penalties', 'u32', live.dam),
		dam: await call('DamApi_dam', 'u32', live.dam),
		network: await call('MarketplaceApi_network', 'u32', live.network),
	};
}

/** Passes `call` through a Council motion: Alice proposes, Alice and Bob (two of three) vote
 * aye, Charlie closes it. Resolves to the events of the closing block. */
async function councilMotion(api, call, label) {
	const length = call.method.encodedLength;
	const proposal = call.method.hash.toHex();
	const index = (await api.query.council.proposalCount()).toNumber();
	await send(api, api.tx.council.propose(2, call, length), account('alice'), `council.propose(${label})`);
	await send(api, api.tx.council.vote(proposal, index, true), account('alice'), 'council.vote (Alice)');
	await send(api, api.tx.council.vote(proposal, index, true), account('bob'), 'council.vote (Bob)');
	const { weight } = await call.paymentInfo(account('alice'));
	const block = await send(api, api.tx.council.close(proposal, index, weight, length), account('charlie'), 'council.close');
	const events = await (await api.at(block)).query.system.events();
	const executed = events.find(({ event }) => api.events.council.Executed.is(event));
	if (!executed) throw new Error(`the motion ${label} was not executed`);
	if (executed.event.data[1].isErr) throw new Error(`the motion ${label} failed: ${executed.event.data[1].toString()}`);
	return events;
}

const steps = {
	/**
	 * Dave's Collateral Network, live by a Council motion, pays nUSD rewards from its escrow;
	 * Eve's DAM installs it; Ferdie and Charlie deposit 1,000 and 2,000 nUSD and Eve commits it
	 * all. Resolves once both delegators have rewards accrued.
	 */
	async state({ info, api }) {
		const [manager, operator] = [account('dave'), account('eve')];
		const delegators = [account('ferdie'), account('charlie')];
		const network = (await api.query.marketplace.nextNetworkId()).toNumber();
		const terms = {
			kind: 'Collateral',
			depositAsset: { WithId: NUSD },
			minAllocation: 100n * USD,
			amountRequested: 100_000n * USD,
			operatorsRequested: 4,
			duration: 10_000,
			lockPeriod: null,
			safe: null,
			rewardAsset: { WithId: NUSD },
			delegatorRate: 10n ** 18n,
			operatorRate: 1_000n * USD,
			operatorCommission: 0,
			penalty: { maxPenalty: PERBILL / 10n, disputeWindow: 20, resolver: null, destination: 'Treasury' },
			returnBond: null,
		};
		await send(api, api.tx.marketplace.registerNetwork(terms, 'Upgrade net', '', '', 'rUPG'), manager, 'marketplace.registerNetwork');
		await councilMotion(api, api.tx.marketplace.whitelistNetwork(network), 'marketplace.whitelistNetwork');
		await send(api, api.tx.rewards.fundRewards(network, 10_000n * USD), manager, 'rewards.fundRewards');

		await send(api, api.tx.marketplace.registerOperator('Eve', ''), operator, 'marketplace.registerOperator');
		const dam = (await api.query.dam.nextDamId()).toNumber();
		const config = lib.damConfig('Collateral', { WithId: NUSD });
		await send(api, api.tx.dam.createDam(config, 'Eve collateral', 'ecUSD', '', '', ''), operator, 'dam.createDam');
		await send(api, api.tx.dam.requestInstallation(dam, network, operator.address), operator, 'dam.requestInstallation');
		await send(api, api.tx.marketplace.confirmInstallation(network, dam, null), manager, 'marketplace.confirmInstallation');
		await send(api, api.tx.dam.deposit(dam, 1_000n * USD, 0, lib.MAX_TOKENS), delegators[0], 'dam.deposit (Ferdie)');
		await send(api, api.tx.dam.deposit(dam, 2_000n * USD, 0, lib.MAX_TOKENS), delegators[1], 'dam.deposit (Charlie)');
		await send(api, api.tx.dam.commit(dam, network, 3_000n * USD), operator, 'dam.commit');

		const live = { network, dam, delegators: delegators.map((d) => d.address) };
		save(info, 'live', live);
		return lib.waitFor('rewards to accrue', async () => {
			const now = await readings(api, live, await api.rpc.chain.getBlockHash());
			const amounts = Object.values(now.pending);
			console.log(`pending rewards at #${now.number}: ${amounts.join(', ')}`);
			return amounts.every((amount) => amount > 0n) ? 1 : null;
		}, 60_000, 3_000);
	},

	/** Dave requests a penalty of 300 nUSD on Eve's DAM: it stays open across the upgrade. */
	async penalty({ info, api }) {
		const live = load(info, 'live');
		const id = (await api.query.slashing.nextPenaltyId()).toNumber();
		await send(api, api.tx.slashing.requestPenalty(live.network, live.dam, 300n * USD, 'upgrade rehearsal'), account('dave'), 'slashing.requestPenalty');
		const penalty = (await api.query.slashing.penalties(id)).unwrap();
		console.log(`penalty ${id}: ${penalty.toString()}`);
		save(info, 'live', { ...live, penalty: id });
		return penalty.status.toString() === 'Requested' ? 1 : 0;
	},

	/**
	 * The whole state of the best block, saved to a file, and the next runtime's migrations run
	 * on it in process (`Executive::try_runtime_upgrade`, every check on).
	 */
	async rehearse({ info, api }) {
		const check = required('NEKTAR_UPGRADE_CHECK');
		const hash = (await api.rpc.chain.getBlockHash()).toHex();
		const provider = api._rpcCore.provider;
		const keys = [];
		for (let start = null; ;) {
			const page = await provider.send('state_getKeysPaged', ['0x', 1000, start, hash]);
			keys.push(...page);
			if (page.length < 1000) break;
			start = page[page.length - 1];
		}
		const pairs = [];
		for (let i = 0; i < keys.length; i += 500) {
			const [{ changes }] = await provider.send('state_queryStorageAt', [keys.slice(i, i + 500), hash]);
			for (const [key, value] of changes) if (value !== null) pairs.push([key, value]);
		}
		const file = stateFile(info, 'snapshot');
		fs.writeFileSync(file, JSON.stringify(pairs));
		console.log(`saved ${pairs.length} keys of block ${hash} to ${file}`);
		const output = execFileSync(check, ['--exact', 'the_next_runtime_migrates_the_state_and_keeps_every_position', '--nocapture'], {
			env: { ...process.env, NEKTAR_UPGRADE_STATE: file, RUST_LOG: 'runtime::frame-support=info,try-runtime=info' },
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		console.log(output.trim());
		return /test result: ok\. 1 passed/.test(output) ? 1 : 0;
	},

	/**
	 * A Council motion whitelists `system.authorizeUpgrade(hash of the next runtime)` and
	 * dispatches it as Root; Ferdie then sends `system.applyAuthorizedUpgrade(code)`.
	 * Resolves once the best block runs the next spec version.
	 */
	async upgrade({ info, api }) {
		const live = load(info, 'live');
		const code = fs.readFileSync(required('NEKTAR_NEXT_RUNTIME'));
		const codeHash = zombie.util.blake2AsHex(code, 256);
		const { specVersion } = await api.rpc.state.getRuntimeVersion();
		const from = specVersion.toNumber();

		const authorize = api.tx.system.authorizeUpgrade(codeHash);
		const motion = api.tx.utility.batchAll([
			api.tx.whitelist.whitelistCall(authorize.method.hash),
			api.tx.whitelist.dispatchWhitelistedCallWithPreimage(authorize.method),
		]);
		const events = await councilMotion(api, motion, 'system.authorizeUpgrade');
		const dispatched = events.find(({ event }) => api.events.whitelist.WhitelistedCallDispatched.is(event));
		if (!dispatched) throw new Error('the whitelisted call was not dispatched');
		const result = dispatched.event.data[1];
		if (result.isErr) throw new Error(`system.authorizeUpgrade failed as Root: ${result.toString()}`);
		const authorized = await api.query.system.authorizedUpgrade();
		if (authorized.isNone || authorized.unwrap().codeHash.toHex() !== codeHash) {
			throw new Error(`the chain authorized ${authorized.toString()}, not ${codeHash}`);
		}
		console.log(`the Council authorized the upgrade to ${codeHash} (${code.length} bytes)`);

		// What every position, reward and penalty reads just before the upgrade, and one block
		// before that: the rate rewards accrue at.
		const head = await api.rpc.chain.getHeader();
		const before = await readings(api, live, head.hash);
		const earlier = await readings(api, live, head.parentHash);
		save(info, 'before', { before, earlier, from });

		const applied = await send(api, api.tx.system.applyAuthorizedUpgrade(`0x${code.toString('hex')}`), account('ferdie'), 'system.applyAuthorizedUpgrade');
		const appliedAt = (await api.rpc.chain.getHeader(applied)).number.toNumber();
		const updated = (await (await api.at(applied)).query.system.events()).some(({ event }) => api.events.system.CodeUpdated.is(event));
		if (!updated) throw new Error(`no system.CodeUpdated in #${appliedAt}`);
		save(info, 'applied', { at: appliedAt, hash: applied.toHex() });
		return lib.waitFor(`spec version ${from + 1}`, async () => {
			const version = (await api.rpc.state.getRuntimeVersion()).specVersion.toNumber();
			if (version === from) return null;
			if (version !== from + 1) throw new Error(`spec version ${version} after the upgrade from ${from}`);
			console.log(`spec version ${version} live from #${appliedAt + 1}; the code was set in #${appliedAt}`);
			return 1;
		}, 60_000, 1_000);
	},

	/**
	 * On the new runtime: the validators pallet is at storage version 2, blocks are produced
	 * and finalized past the upgrade, every position, the penalty, the DAM and the Network read
	 * byte for byte as before, and pending rewards went on accruing at the same rate.
	 */
	async same({ info, api }) {
		const live = load(info, 'live');
		const { before, earlier, from } = load(info, 'before');
		const applied = load(info, 'applied');

		const key = zombie.util.xxhashAsHex('Validators', 128) + zombie.util.xxhashAsHex(':__STORAGE_VERSION__:', 128).slice(2);
		const version = api.createType('u16', (await api.rpc.state.getStorage(key)).unwrap()).toNumber();
		if (version !== 2) throw new Error(`the validators pallet is at storage version ${version}, not 2`);

		// Finality passes the upgrade: the finalized head runs the new runtime.
		const finalized = await lib.waitFor('finality past the upgrade', async () => {
			const hash = await api.rpc.chain.getFinalizedHead();
			const number = (await api.rpc.chain.getHeader(hash)).number.toNumber();
			return number >= applied.at + 3 ? { hash, number } : null;
		}, 120_000, 2_000);
		const finalizedSpec = (await api.rpc.state.getRuntimeVersion(finalized.hash)).specVersion.toNumber();
		if (finalizedSpec !== from + 1) throw new Error(`the finalized #${finalized.number} runs spec ${finalizedSpec}`);

		const after = await readings(api, live, finalized.hash);
		for (const field of ['penalties', 'dam', 'network']) {
			if (after[field] !== before[field]) throw new Error(`${field} changed across the upgrade: ${before[field]} -> ${after[field]}`);
		}
		for (const who of live.delegators) {
			if (after.positions[who] !== before.positions[who]) {
				throw new Error(`${who}'s position changed: ${before.positions[who]} -> ${after.positions[who]}`);
			}
			// Rewards accrue linearly per block: what accrued between the two readings is the
			// per-block rate before the upgrade times the blocks between, up to one unit of
			// rounding per block.
			const [b, e, a] = [BigInt(before.pending[who]), BigInt(earlier.pending[who]), after.pending[who]];
			const rate = b - BigInt(e);
			const blocks = BigInt(after.number - before.number);
			const expected = b + rate * blocks;
			const slack = 2n * blocks + 1n;
			const gap = a > expected ? a - expected : expected - a;
			console.log(`${who}: pending ${b} at #${before.number}, ${a} at #${after.number}; ${rate} a block, expected ${expected} ± ${slack}`);
			if (rate <= 0n || gap > slack) throw new Error(`${who}'s rewards did not accrue across the upgrade as before`);
		}
		console.log(`finalized #${finalized.number} on spec ${finalizedSpec}; every position, the penalty, the DAM and the Network read as before`);
		return 1;
	},

	/**
	 * The penalty opened before the upgrade executes once its window closed, on the new
	 * runtime: its 300 nUSD go to the treasury.
	 */
	async execute({ info, api }) {
		const live = load(info, 'live');
		const penalty = (await api.query.slashing.penalties(live.penalty)).unwrap();
		const windowEnds = penalty.windowEnds.toNumber();
		await lib.waitFor(`the penalty's window to close at #${windowEnds}`, async () => (await lib.bestNumber(api)) >= windowEnds, 180_000, 2_000);
		const block = await send(api, api.tx.slashing.execute(live.penalty), account('ferdie'), 'slashing.execute');
		const events = await (await api.at(block)).query.system.events();
		const executed = events.find(({ event }) => api.events.slashing.PenaltyExecuted.is(event));
		if (!executed) throw new Error('no slashing.PenaltyExecuted');
		const history = await api.query.slashing.history(live.dam);
		const entry = history.find(([id]) => id.toNumber() === live.penalty);
		const status = entry ? entry[1].status.toString() : 'missing';
		console.log(`penalty ${live.penalty} executed on the new runtime: ${executed.event.data.toString()}; status ${status}`);
		return status === 'Executed' ? 1 : 0;
	},
};

async function run(nodeName, info, args) {
	const step = steps[args[0]];
	if (!step) throw new Error(`unknown step ${args[0]}`);
	const { api } = await lib.connect(info, nodeName);
	try {
		return await step({ info, api });
	} finally {
		await api.disconnect();
	}
}

module.exports = { run };
