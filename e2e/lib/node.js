// Test harness for the Nektar chain: runs a real nektar-node and talks to it
// with @polkadot/api.
//
// Typical use, one development node shared by all tests of a file:
//
//   import { test } from 'node:test';
//   import { useNode, signAndFinalize, devAccounts } from '../lib/node.js';
//
//   const node = useNode({ name: 'marketplace' });
//
//   test('something', async () => {
//     const { alice } = await devAccounts();
//     const { events } = await signAndFinalize(node.api.tx.system.remark('0x00'), alice);
//   });
//
// Node output goes to e2e/logs/<name>-<time>-<pid>.log (RUST_LOG and the
// rest of the environment are passed through; extra flags via `args`).
//
// Every node started here is stopped (its whole process group is killed) by
// stop(), by the after() hook of useNode(), when the test process exits, on
// SIGINT/SIGTERM/SIGHUP, and, through a small watchdog that runs beside the
// node, even if the test process itself is killed with SIGKILL.

import { spawn } from 'node:child_process';
import { accessSync, constants as fsConstants, mkdirSync, openSync, closeSync, readFileSync, writeSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';

import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady, randomAsHex } from '@polkadot/util-crypto';

const E2E_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Where node logs go (git-ignored). */
export const LOG_DIR = join(E2E_DIR, 'logs');

/** NEK has 12 decimals. */
export const DECIMALS = 12;
/** One NEK in planck. */
export const UNIT = 10n ** BigInt(DECIMALS);
/** Token symbol. */
export const SYMBOL = 'NEK';
/** Default SS58 prefix of the development chain. */
export const SS58_PREFIX = 42;

const DEV_NAMES = ['alice', 'bob', 'charlie', 'dave', 'eve', 'ferdie'];

// ---------------------------------------------------------------------------
// The node binary
// ---------------------------------------------------------------------------

/**
 * Absolute path of the node binary: $NEKTAR_NODE, or
 * ${CARGO_TARGET_DIR:-$HOME/.cache/nektar/target}/release/nektar-node.
 */
export function nodeBinaryPath() {
	if (process.env.NEKTAR_NODE) return resolve(process.env.NEKTAR_NODE);
	const targetDir = process.env.CARGO_TARGET_DIR || join(homedir(), '.cache', 'nektar', 'target');
	return resolve(targetDir, 'release', 'nektar-node');
}

/** Like nodeBinaryPath(), but throws a clear error when there is no binary. */
export function requireNodeBinary() {
	const bin = nodeBinaryPath();
	try {
		accessSync(bin, fsConstants.X_OK);
	} catch {
		const how = process.env.NEKTAR_NODE
			? `NEKTAR_NODE is set to "${process.env.NEKTAR_NODE}", which is not an executable file`
			: 'NEKTAR_NODE is not set and the default build output does not exist';
		throw new Error(
			`nektar-node binary not found at ${bin} (${how}). ` +
				'Build it with `cargo build --release -p nektar-node`, ' +
				'or set NEKTAR_NODE to the absolute path of the binary.',
		);
	}
	return bin;
}

// ---------------------------------------------------------------------------
// Ports
// ---------------------------------------------------------------------------

function listenOnFreePort() {
	return new Promise((resolvePort, reject) => {
		const server = createServer();
		server.unref();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolvePort(server));
	});
}

/**
 * `count` distinct TCP ports that are free right now, found by binding port 0.
 * All sockets are held open until every port is known, so the ports differ.
 */
export async function freePorts(count) {
	const servers = [];
	try {
		for (let i = 0; i < count; i++) servers.push(await listenOnFreePort());
		return servers.map((s) => s.address().port);
	} finally {
		await Promise.all(servers.map((s) => new Promise((r) => s.close(() => r()))));
	}
}

// ---------------------------------------------------------------------------
// Process bookkeeping: nothing outlives the tests
// ---------------------------------------------------------------------------

/** Process-group ids of nodes that are running. */
const running = new Set();
let exitHooksInstalled = false;

function killGroup(pgid, signal) {
	try {
		process.kill(-pgid, signal);
		return true;
	} catch {
		return false; // already gone
	}
}

function groupAlive(pgid) {
	try {
		process.kill(-pgid, 0);
		return true;
	} catch {
		return false;
	}
}

function installExitHooks() {
	if (exitHooksInstalled) return;
	exitHooksInstalled = true;
	// Last resort, synchronous: runs on normal exit, process.exit() and after
	// an uncaught exception.
	process.on('exit', () => {
		for (const pgid of running) killGroup(pgid, 'SIGKILL');
		running.clear();
	});
	const onSignal = (signal, code) => () => {
		for (const pgid of running) killGroup(pgid, 'SIGKILL');
		running.clear();
		process.exit(code);
	};
	process.once('SIGINT', onSignal('SIGINT', 130));
	process.once('SIGTERM', onSignal('SIGTERM', 143));
	process.once('SIGHUP', onSignal('SIGHUP', 129));
}

// The node runs under a small bash supervisor that leads the process group:
// it forwards SIGTERM to the node, and kills the group if the test process
// (its "owner") disappears without cleaning up. Killing the group (-pgid)
// stops supervisor, node and watchdog together.
const SUPERVISOR = `
owner="$1"; shift
"$@" &
node=$!
trap 'kill -TERM "$node" 2>/dev/null' TERM INT HUP
while kill -0 "$node" 2>/dev/null; do
	if ! kill -0 "$owner" 2>/dev/null; then
		kill -KILL 0 # the whole process group, this supervisor included
	fi
	sleep 1 &
	wait $!
done
wait "$node"
`;

// ---------------------------------------------------------------------------
// Starting and stopping a node
// ---------------------------------------------------------------------------

function sleep(ms) {
	return new Promise((r) => setTimeout(r, ms));
}

function timestamp() {
	return new Date().toISOString().replace(/[:.]/g, '-');
}

function safeName(name) {
	return String(name).replace(/[^A-Za-z0-9_.-]+/g, '_');
}

/** The last `lines` lines of a log file, for error messages. */
export function logTail(file, lines = 40) {
	try {
		const text = readFileSync(file, 'utf8').trimEnd().split('\n');
		return text.slice(-lines).join('\n');
	} catch {
		return '(no log)';
	}
}

async function rpcAnswers(url) {
	try {
		const res = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'system_health', params: [] }),
			signal: AbortSignal.timeout(2000),
		});
		if (!res.ok) return false;
		const body = await res.json();
		return body && body.result !== undefined;
	} catch {
		return false;
	}
}

/**
 * Starts `nektar-node --dev --tmp` on free ports and connects an ApiPromise.
 *
 * @param {object} [options]
 * @param {string} [options.name]            label for the log file (e.g. the test file)
 * @param {string[]} [options.args]          extra node arguments (appended)
 * @param {string[]} [options.baseArgs]      replaces the default `--dev --tmp ...` arguments
 *                                           (the port flags are always added)
 * @param {number} [options.readyTimeoutMs]  how long to wait for the RPC (default 120 s)
 * @param {number} [options.waitForBlocks]   also wait until this many blocks exist (default 1)
 * @param {object} [options.env]             extra environment for the node
 * @returns {Promise<{api: ApiPromise, stop: () => Promise<void>, rpcUrl: string, wsUrl: string,
 *   rpcPort: number, p2pPort: number, logFile: string, pid: number, binary: string, args: string[]}>}
 */
export async function startNode(options = {}) {
	const {
		name = 'node',
		args: extraArgs = [],
		baseArgs = ['--dev', '--tmp', '--no-telemetry', '--no-prometheus', '--no-mdns'],
		readyTimeoutMs = 120_000,
		waitForBlocks: blocksToWaitFor = 1,
		env = {},
	} = options;

	const binary = requireNodeBinary();
	installExitHooks();

	const [rpcPort, p2pPort] = await freePorts(2);
	const args = [...baseArgs, '--rpc-port', String(rpcPort), '--port', String(p2pPort), ...extraArgs];

	mkdirSync(LOG_DIR, { recursive: true });
	const logFile = join(LOG_DIR, `${safeName(name)}-${timestamp()}-${process.pid}.log`);
	const logFd = openSync(logFile, 'a');
	writeSync(logFd, `# ${binary} ${args.join(' ')}\n`);

	const child = spawn('bash', ['-c', SUPERVISOR, 'nektar-node-supervisor', String(process.pid), binary, ...args], {
		detached: true, // own process group, led by the supervisor
		stdio: ['ignore', logFd, logFd],
		env: {
			...process.env,
			PATH: `${dirname(binary)}:${process.env.PATH ?? ''}`,
			...env,
		},
	});
	closeSync(logFd);
	const pgid = child.pid;
	running.add(pgid);

	let exited = null;
	const exitPromise = new Promise((r) => {
		child.once('exit', (code, signal) => {
			exited = { code, signal };
			r(exited);
		});
	});

	let api = null;
	let stopped = false;
	const stop = async () => {
		if (stopped) return;
		stopped = true;
		if (api) {
			try {
				await Promise.race([api.disconnect(), sleep(5000)]);
			} catch {
				// the node may already be gone
			}
		}
		if (!exited && groupAlive(pgid)) {
			killGroup(pgid, 'SIGTERM');
			const done = await Promise.race([exitPromise.then(() => true), sleep(10_000).then(() => false)]);
			if (!done) killGroup(pgid, 'SIGKILL');
		}
		// The supervisor may be gone while a child lingers: make sure of the group.
		for (let i = 0; i < 20 && groupAlive(pgid); i++) {
			killGroup(pgid, 'SIGKILL');
			await sleep(100);
		}
		running.delete(pgid);
	};

	const rpcUrl = `http://127.0.0.1:${rpcPort}`;
	const wsUrl = `ws://127.0.0.1:${rpcPort}`;
	const fail = async (message) => {
		await stop();
		const err = new Error(`${message}\nnode log: ${logFile}\n--- last log lines ---\n${logTail(logFile)}`);
		err.logFile = logFile;
		throw err;
	};

	try {
		// 1. the RPC server answers
		const deadline = Date.now() + readyTimeoutMs;
		for (;;) {
			if (exited) {
				return await fail(
					`nektar-node exited before its RPC came up (code ${exited.code}, signal ${exited.signal})`,
				);
			}
			if (await rpcAnswers(rpcUrl)) break;
			if (Date.now() > deadline) {
				return await fail(`nektar-node RPC did not answer on ${rpcUrl} within ${readyTimeoutMs} ms`);
			}
			await sleep(250);
		}

		// 2. the API connects and decorates itself from the runtime metadata
		const provider = new WsProvider(wsUrl, 1000);
		api = await Promise.race([
			ApiPromise.create({ provider, throwOnConnect: true, noInitWarn: true }),
			sleep(Math.max(30_000, deadline - Date.now())).then(() => {
				throw new Error(`the API did not connect to ${wsUrl} in time`);
			}),
		]);
		api.on('error', () => {}); // connection loss after stop() is expected

		// 3. the chain is moving
		if (blocksToWaitFor > 0) {
			const best = (await api.rpc.chain.getHeader()).number.toNumber();
			if (best < blocksToWaitFor) {
				await waitForBlocks(api, blocksToWaitFor - best, {
					timeoutMs: Math.max(60_000, deadline - Date.now()),
				});
			}
		}
	} catch (e) {
		if (e.logFile) throw e;
		return await fail(`nektar-node did not become ready: ${e.message}`);
	}

	return { api, stop, rpcUrl, wsUrl, rpcPort, p2pPort, logFile, pid: pgid, binary, args };
}

/**
 * One node for the current test file (or describe block): started in a
 * before() hook and stopped in an after() hook, whatever the test results.
 * Returns an object whose fields (api, stop, logFile, rpcPort, ...) are
 * filled in once the node is up.
 *
 *   const node = useNode({ name: 'vaults' });
 *   test('...', async () => { await node.api.query.system.number(); });
 */
export function useNode(options = {}) {
	const handle = {};
	before(async () => {
		Object.assign(handle, await startNode(options));
	}, { timeout: (options.readyTimeoutMs ?? 120_000) + 60_000 });
	after(async () => {
		if (handle.stop) await handle.stop();
	});
	return handle;
}

// ---------------------------------------------------------------------------
// Blocks
// ---------------------------------------------------------------------------

/**
 * Resolves with the header of the block `count` blocks after the current
 * best (or finalized, with { finalized: true }) block.
 */
export async function waitForBlocks(api, count = 1, { finalized = false, timeoutMs = 60_000 } = {}) {
	const subscribe = finalized ? api.rpc.chain.subscribeFinalizedHeads : api.rpc.chain.subscribeNewHeads;
	return new Promise((resolveHeader, reject) => {
		let unsub = null;
		let start = null;
		let settled = false;
		const finish = (fn, value) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			if (unsub) unsub();
			fn(value);
		};
		const timer = setTimeout(
			() =>
				finish(
					reject,
					new Error(
						`timed out after ${timeoutMs} ms waiting for ${count} new ${finalized ? 'finalized' : 'best'} block(s)` +
							(start === null ? '' : ` after #${start}`),
					),
				),
			timeoutMs,
		);
		subscribe((header) => {
			const n = header.number.toNumber();
			if (start === null) start = n;
			if (n >= start + count) finish(resolveHeader, header);
		})
			.then((u) => {
				unsub = u;
				if (settled) u();
			})
			.catch((e) => finish(reject, e));
	});
}

/** Current best and finalized block numbers. */
export async function chainHeights(api) {
	const [best, finalizedHash] = await Promise.all([api.rpc.chain.getHeader(), api.rpc.chain.getFinalizedHead()]);
	const finalized = await api.rpc.chain.getHeader(finalizedHash);
	return { best: best.number.toNumber(), finalized: finalized.number.toNumber() };
}

// ---------------------------------------------------------------------------
// Accounts
// ---------------------------------------------------------------------------

/** An sr25519 keyring (after the crypto wasm is ready). */
export async function createKeyring(ss58Format = SS58_PREFIX) {
	await cryptoWaitReady();
	return new Keyring({ type: 'sr25519', ss58Format });
}

/**
 * The funded development accounts: alice, bob, charlie, dave, eve, ferdie and
 * their stashes (aliceStash, ...), as sr25519 key pairs.
 */
export async function devAccounts(keyring) {
	const kr = keyring ?? (await createKeyring());
	const accounts = { keyring: kr };
	for (const name of DEV_NAMES) {
		const uri = `//${name[0].toUpperCase()}${name.slice(1)}`;
		accounts[name] = kr.addFromUri(uri, { name });
		accounts[`${name}Stash`] = kr.addFromUri(`${uri}//stash`, { name: `${name}Stash` });
	}
	return accounts;
}

/** A new, unfunded sr25519 account with a random secret derivation. */
export async function freshAccount(keyring, label = 'fresh') {
	const kr = keyring ?? (await createKeyring());
	return kr.addFromUri(`//nektar-e2e//${label}//${randomAsHex(16)}`, { name: label });
}

/** Free balance (bigint) of `address`, at block `at` if given, else at the best block. */
export async function freeBalance(api, address, at) {
	const source = at ? await api.at(at) : api;
	const info = await source.query.system.account(address);
	return info.data.free.toBigInt();
}

/** Formats a planck amount as NEK, for messages. */
export function formatNek(planck) {
	const v = BigInt(planck);
	const neg = v < 0n;
	const abs = neg ? -v : v;
	const whole = abs / UNIT;
	const frac = (abs % UNIT).toString().padStart(DECIMALS, '0').replace(/0+$/, '');
	return `${neg ? '-' : ''}${whole}${frac ? `.${frac}` : ''} ${SYMBOL}`;
}

// ---------------------------------------------------------------------------
// Extrinsics
// ---------------------------------------------------------------------------

/** A dispatch that was included in a block but failed. */
export class DispatchError extends Error {
	constructor(message, { errorName, docs, blockHash, events, txHash, dispatchError }) {
		super(message);
		this.name = 'DispatchError';
		/** e.g. "balances.InsufficientBalance", "Token.FundsUnavailable", "BadOrigin" */
		this.errorName = errorName;
		this.docs = docs;
		this.blockHash = blockHash;
		this.events = events;
		this.txHash = txHash;
		this.dispatchError = dispatchError;
	}
}

/** A transaction the node refused or dropped before it was included. */
export class TransactionRejectedError extends Error {
	constructor(message, { code, txHash, status, cause } = {}) {
		super(message, cause ? { cause } : undefined);
		this.name = 'TransactionRejectedError';
		/** JSON-RPC error code, e.g. 1010 for an invalid transaction. */
		this.code = code;
		this.txHash = txHash;
		this.status = status;
	}
}

/**
 * Decodes a sp_runtime::DispatchError into a readable name and docs:
 *   Module     -> "<pallet>.<Error>"   e.g. "balances.InsufficientBalance"
 *   Token      -> "Token.<kind>"       e.g. "Token.FundsUnavailable"
 *   Arithmetic -> "Arithmetic.<kind>"  e.g. "Arithmetic.Underflow"
 *   any other variant with an enum inside likewise ("Transactional.LimitReached"),
 *   plain variants by their name ("BadOrigin", "CannotLookup", ...).
 */
export function decodeDispatchError(api, dispatchError) {
	if (dispatchError.isModule) {
		try {
			const meta = api.registry.findMetaError(dispatchError.asModule);
			return { name: `${meta.section}.${meta.name}`, docs: meta.docs.join(' ').trim() };
		} catch {
			return { name: `Module(${dispatchError.asModule.toString()})`, docs: '' };
		}
	}
	const variant = dispatchError.type;
	const inner = dispatchError.value;
	if (inner && typeof inner.type === 'string' && typeof inner.index === 'number') {
		return { name: `${variant}.${inner.type}`, docs: '' };
	}
	return { name: variant, docs: '' };
}

function describeCall(tx) {
	try {
		return `${tx.method.section}.${tx.method.method}`;
	} catch {
		return 'extrinsic';
	}
}

/**
 * Signs and submits `tx` with `signer` and waits for the outcome.
 *
 * Resolves, once the including block is finalized (or, with
 * { waitFor: 'inBlock' }, as soon as it is in a block), with
 *   { blockHash, events, txHash, txIndex, inBlock }
 * where `blockHash` is the block that includes the extrinsic, `events` are
 * the extrinsic's own event records and `inBlock` the last InBlock hash seen.
 * Other options (nonce, tip, era, ...) are passed to signAndSend.
 *
 * Rejects with
 *   - DispatchError when the extrinsic was included but failed; `errorName`
 *     is decoded ("balances.InsufficientBalance", "Token.FundsUnavailable",
 *     ...) and `blockHash`/`events` are set;
 *   - TransactionRejectedError when the node refused it (e.g. RPC error 1010
 *     "Invalid Transaction: Inability to pay some fees") or it was dropped,
 *     usurped or became invalid in the pool;
 *   - a timeout Error after `timeoutMs`.
 */
export function signAndFinalize(tx, signer, options = {}) {
	const { waitFor = 'finalized', timeoutMs = 120_000, ...signOptions } = options;
	const callName = describeCall(tx);

	return new Promise((resolveResult, reject) => {
		let unsub = null;
		let settled = false;
		let inBlock = null;
		const finish = (fn, value) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			if (unsub) unsub();
			fn(value);
		};
		const timer = setTimeout(() => {
			finish(
				reject,
				new Error(
					`${callName}: no ${waitFor === 'inBlock' ? 'inclusion' : 'finalization'} within ${timeoutMs} ms` +
						(inBlock ? ` (was in block ${inBlock})` : ''),
				),
			);
		}, timeoutMs);

		const onStatus = (result) => {
			const { status, events, dispatchError, txHash, txIndex } = result;
			if (status.isInBlock) inBlock = status.asInBlock.toHex();

			if (status.isInvalid || status.isDropped || status.isUsurped) {
				finish(
					reject,
					new TransactionRejectedError(`${callName}: transaction ${status.type.toLowerCase()} by the pool`, {
						txHash: txHash.toHex(),
						status: status.type,
					}),
				);
				return;
			}
			if (status.isFinalityTimeout) {
				finish(reject, new Error(`${callName}: finality timeout (was in block ${inBlock})`));
				return;
			}

			const done = status.isFinalized || (waitFor === 'inBlock' && status.isInBlock);
			if (!done) return;
			const blockHash = (status.isFinalized ? status.asFinalized : status.asInBlock).toHex();

			if (dispatchError) {
				const decoded = decodeDispatchErrorFromRegistry(tx, dispatchError);
				finish(
					reject,
					new DispatchError(
						`${callName} failed: ${decoded.name}${decoded.docs ? ` (${decoded.docs})` : ''}`,
						{
							errorName: decoded.name,
							docs: decoded.docs,
							blockHash,
							events,
							txHash: txHash.toHex(),
							dispatchError,
						},
					),
				);
				return;
			}
			finish(resolveResult, {
				blockHash,
				inBlock: inBlock ?? blockHash,
				events,
				txHash: txHash.toHex(),
				txIndex,
			});
		};

		tx.signAndSend(signer, signOptions, onStatus)
			.then((u) => {
				unsub = u;
				if (settled) u();
			})
			.catch((e) => {
				const code = e?.code ?? parseRpcCode(e?.message);
				finish(
					reject,
					new TransactionRejectedError(`${callName}: rejected by the node: ${e?.message ?? e}`, {
						code,
						cause: e,
					}),
				);
			});
	});
}

function parseRpcCode(message) {
	const m = /^(-?\d+):/.exec(String(message ?? ''));
	return m ? Number(m[1]) : undefined;
}

// The extrinsic's registry knows the metadata, which is all decoding needs.
function decodeDispatchErrorFromRegistry(tx, dispatchError) {
	return decodeDispatchError({ registry: tx.registry }, dispatchError);
}

/**
 * All events of the block `blockHash` (not only one extrinsic's), each as
 * { phase, section, method, data, event }.
 */
export async function blockEvents(api, blockHash) {
	const apiAt = await api.at(blockHash);
	const records = await apiAt.query.system.events();
	return records.map(({ phase, event }) => ({
		phase,
		section: event.section,
		method: event.method,
		data: event.data,
		event,
	}));
}

/** The block number of `blockHash`. */
export async function blockNumber(api, blockHash) {
	return (await api.rpc.chain.getHeader(blockHash)).number.toNumber();
}

/** Finds the first event `section.method` in a list of event records. */
export function findEvent(events, section, method) {
	return events.find(({ event }) => event.section === section && event.method === method)?.event;
}
