// What the zombienet js-script steps share: connecting to a node, sending a transaction,
// polling with a deadline, reading heads and block authors, and stopping and starting a node
// process the way an Operator's machine loses and regains one.

const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');

const UNIT = 1_000_000_000_000n;
// The `reward_tokens` witness of the DAM calls that change shares that covers any DAM: the most
// reward tokens a DAM may track.
const MAX_TOKENS = 32;

async function connect(networkInfo, nodeName) {
	const { wsUri } = networkInfo.nodesByName[nodeName];
	const provider = new zombie.WsProvider(wsUri);
	const api = await zombie.ApiPromise.create({ provider, noInitWarn: true });
	await api.isReady;
	return { api, provider };
}

/** The dev account of `name` (`//Alice`, …). */
function account(name) {
	const uri = `//${name.charAt(0).toUpperCase()}${name.slice(1)}`;
	return new zombie.Keyring({ type: 'sr25519' }).addFromUri(uri);
}

/**
 * The configuration of a DAM of `kind` taking `depositAsset`, run by its creator as an
 * independent Operator: no fee, no gatekeeper or catalyst, open to anyone, none of it mutable.
 */
function damConfig(kind, depositAsset) {
	return {
		kind,
		depositAsset,
		fee: 0,
		feeMutable: false,
		gatekeeper: null,
		gatekeeperMutable: false,
		catalyst: null,
		catalystMutable: false,
		receiptTransferable: true,
		allowList: false,
		independentOperator: true,
	};
}

/** Signs `tx` with `signer` and resolves once it is in a block; rejects with the module error. */
function send(api, tx, signer, label) {
	return new Promise((resolve, reject) => {
		tx.signAndSend(signer, ({ status, dispatchError }) => {
			if (dispatchError) {
				let message = dispatchError.toString();
				if (dispatchError.isModule) {
					const { section, name, docs } = api.registry.findMetaError(dispatchError.asModule);
					message = `${section}.${name}: ${docs.join(' ')}`;
				}
				reject(new Error(`${label} failed: ${message}`));
			} else if (status.isInvalid || status.isDropped || status.isUsurped) {
				reject(new Error(`${label} was not included: ${status.type}`));
			} else if (status.isInBlock) {
				console.log(`${label} in block ${status.asInBlock.toHex()}`);
				resolve(status.asInBlock);
			}
		}).catch(reject);
	});
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` every `everyMs` until it returns a truthy value, for at most `timeoutMs`. */
async function waitFor(what, check, timeoutMs = 600_000, everyMs = 2_000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const result = await check();
		if (result) return result;
		await sleep(everyMs);
	}
	throw new Error(`gave up waiting for ${what}`);
}

async function header(api) {
	return api.rpc.chain.getHeader();
}

async function bestNumber(api) {
	return (await header(api)).number.toNumber();
}

async function finalizedNumber(api) {
	return (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
}

/** The Aura slot of `head`, from its pre-runtime digest. */
function auraSlot(api, head) {
	const preRuntime = head.digest.logs.find((log) => log.isPreRuntime && log.asPreRuntime[0].toString() === 'aura');
	if (!preRuntime) return null;
	return api.registry.createType('u64', preRuntime.asPreRuntime[1]).toBigInt();
}

/** The slot of `head` and its author: the session validator Aura assigns the slot to. */
async function author(api, head) {
	const slot = auraSlot(api, head);
	if (slot === null) return null;
	const validators = await (await api.at(head.parentHash)).query.session.validators();
	return { slot, author: validators[Number(slot % BigInt(validators.length))].toString(), validators: validators.length };
}

// --- node processes ---------------------------------------------------------------------
// zombienet's native provider starts each node as `nektar-node --name <name> … --base-path
// <run>/<name>/data …`, logging to <run>/<name>.log. A step that stops a node saves its
// command line next to that log, and a later step starts it again from there, on the same
// base path and ports.

function commandFile(networkInfo, name) {
	return path.join(networkInfo.tmpDir, `${name}.cmdline.json`);
}

/** Whether process `pid` still runs: not gone, and not a zombie whose files are closed. */
function alive(pid) {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
		return state !== 'Z' && state !== 'X';
	} catch {
		return false;
	}
}

/** The pids of the node process called `name` in this run. */
function nodePids(networkInfo, name) {
	const pids = [];
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		let argv;
		try {
			argv = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean);
		} catch {
			continue;
		}
		const named = argv.findIndex((arg, i) => arg === '--name' && argv[i + 1] === name) >= 0;
		const here = argv.some((arg) => arg.startsWith(networkInfo.tmpDir));
		if (named && here && path.basename(argv[0]) === 'nektar-node') pids.push({ pid: Number(entry), argv });
	}
	return pids;
}

/**
 * Stops node `name` with SIGKILL, as a power cut would, and waits until its parent has reaped
 * it: until every thread has exited, the process may still hold its database lock.
 */
async function killNode(networkInfo, name) {
	const running = nodePids(networkInfo, name);
	if (running.length === 0) throw new Error(`${name} is not running`);
	fs.writeFileSync(commandFile(networkInfo, name), JSON.stringify(running[0].argv));
	for (const { pid } of running) process.kill(pid, 'SIGKILL');
	await waitFor(`${name} to exit`, async () => running.every(({ pid }) => !fs.existsSync(`/proc/${pid}`)), 30_000, 50);
	console.log(`${name} killed (SIGKILL, pid ${running.map((r) => r.pid).join(', ')})`);
}

/** Starts node `name` again with the command line it last ran with; resolves at once. */
function startNode(networkInfo, name) {
	if (nodePids(networkInfo, name).length > 0) throw new Error(`${name} is already running`);
	const [command, ...args] = JSON.parse(fs.readFileSync(commandFile(networkInfo, name), 'utf8'));
	const log = fs.openSync(path.join(networkInfo.tmpDir, `${name}.log`), 'a');
	const child = spawn(command, args, { stdio: ['ignore', log, log] });
	child.unref();
	fs.closeSync(log);
	console.log(`${name} started again (pid ${child.pid})`);
	return child.pid;
}

/** Connects to node `name`, retrying while it starts, for at most `timeoutMs`. */
async function connectWhenUp(networkInfo, name, timeoutMs = 120_000) {
	const { wsUri } = networkInfo.nodesByName[name];
	return waitFor(`${name}'s RPC`, async () => {
		const provider = new zombie.WsProvider(wsUri, false);
		try {
			await provider.connect();
			await waitFor(`${name}'s socket`, async () => provider.isConnected, 2_000, 100);
			const api = await zombie.ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true });
			await api.isReady;
			return { api, provider };
		} catch {
			await provider.disconnect().catch(() => {});
			return null;
		}
	}, timeoutMs, 500);
}

module.exports = {
	MAX_TOKENS,
	UNIT,
	account,
	alive,
	author,
	auraSlot,
	bestNumber,
	connect,
	connectWhenUp,
	damConfig,
	finalizedNumber,
	header,
	killNode,
	nodePids,
	send,
	sleep,
	startNode,
	waitFor,
};
