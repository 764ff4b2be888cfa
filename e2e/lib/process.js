// Process side of the Nektar end-to-end harness: finds the nektar-node
// binary, starts `nektar-node --dev --tmp` on free ports, connects an
// @polkadot/api ApiPromise to it and makes sure the node is stopped again.
// The chain side (accounts, extrinsics, blocks, events) is in chain.js.
//
// Typical use, one development node shared by all tests of a file:
//
//   import { test } from 'node:test';
//   import { useNode } from '../lib/process.js';
//   import { signAndFinalize, devAccounts } from '../lib/chain.js';
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

import { API_TYPES, waitForBlocks } from './chain.js';

const E2E_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Where node logs go (git-ignored). */
export const LOG_DIR = join(E2E_DIR, 'logs');

/** How long a node may take to answer RPC by default. */
const READY_TIMEOUT_MS = 300_000;

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
 * @param {number} [options.readyTimeoutMs]  how long to wait for the RPC (default 300 s: six nodes
 *                                           starting at once on two cores each compile the
 *                                           runtime and build the genesis state, about 110 s)
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
		readyTimeoutMs = READY_TIMEOUT_MS,
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
			ApiPromise.create({ provider, types: API_TYPES, throwOnConnect: true, noInitWarn: true }),
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
	}, { timeout: (options.readyTimeoutMs ?? READY_TIMEOUT_MS) + 60_000 });
	after(async () => {
		if (handle.stop) await handle.stop();
	});
	return handle;
}
