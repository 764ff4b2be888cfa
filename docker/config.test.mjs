// Static consistency checks of the container setup: docker/Dockerfile,
// docker/docker-compose.yml, the cargo manifests, zombienet/local.toml and the
// README must agree on the binary, the chain, the validators, the ports and
// the bootnode. Needs no node binary and no Docker engine, only the npm
// packages of e2e/ (scripts/setup.sh installs them). From the repository root:
//
//   node --test docker/config.test.mjs

import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { peerIdFromNodeKey } from '../e2e/lib/peer-id.js';

const DOCKER_DIR = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(DOCKER_DIR, '..');

// The TOML and YAML parsers are dependencies of the e2e package.
const requireFromE2e = createRequire(join(REPO, 'e2e', 'package.json'));
const { parse: parseToml } = requireFromE2e('smol-toml');
const { parse: parseYaml } = requireFromE2e('yaml');

const DOCKERFILE = join(DOCKER_DIR, 'Dockerfile');
const COMPOSE = join(DOCKER_DIR, 'docker-compose.yml');
const ZOMBIENET_CONFIG = join(REPO, 'zombienet', 'local.toml');

const rel = (p) => relative(REPO, p) || '.';

// Ports the node listens on by default; zombienet uses the same defaults.
const DEFAULT_PORTS = { p2p: 30333, rpc: 9944, prometheus: 9615 };

// Flags that take a value (as `--flag value` or `--flag=value`).
const VALUE_FLAGS = new Set([
	'--chain',
	'--rpc-port',
	'--port',
	'--prometheus-port',
	'--rpc-cors',
	'--base-path',
	'--name',
	'--node-key',
	'--node-key-file',
	'--bootnodes',
	'--rpc-methods',
	'--listen-addr',
]);
// Flags without a value.
const SWITCH_FLAGS = new Set([
	'--dev',
	'--tmp',
	'--alice',
	'--bob',
	'--charlie',
	'--dave',
	'--eve',
	'--ferdie',
	'--validator',
	'--no-prometheus',
	'--prometheus-external',
	'--rpc-external',
	'--unsafe-rpc-external',
	'--no-telemetry',
	'--no-mdns',
	'--unsafe-force-node-key-generation',
]);
// The standard node flags documented for nektar-node plus the ones zombienet
// itself passes to every node it spawns (--prometheus-external, --no-mdns,
// --rpc-methods, --listen-addr).
const KNOWN_FLAGS = new Set([...VALUE_FLAGS, ...SWITCH_FLAGS]);
const DEV_ACCOUNT_FLAGS = ['--alice', '--bob', '--charlie', '--dave', '--eve', '--ferdie'];

// Names that would mean a file still describes some other node.
const FOREIGN_BINARIES = ['solochain-template-node', 'node-template', 'substrate-node', 'parachain-template-node'];

// ---------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------

function read(path) {
	assert.ok(existsSync(path), `${rel(path)} does not exist`);
	return readFileSync(path, 'utf8');
}

/**
 * Splits a Dockerfile into instructions: { instruction, args, line, flags,
 * json } with continuation lines joined and comments dropped.
 */
function parseDockerfile(text) {
	const lines = text.split('\n');
	const out = [];
	let buf = '';
	let startLine = 0;
	for (let i = 0; i < lines.length; i++) {
		const raw = lines[i];
		const trimmed = raw.trim();
		if (!buf && (trimmed === '' || trimmed.startsWith('#'))) continue;
		if (buf && trimmed.startsWith('#')) continue; // comment inside a continued instruction
		if (!buf) startLine = i + 1;
		if (/\\\s*$/.test(raw)) {
			buf += raw.replace(/\\\s*$/, ' ');
			continue;
		}
		buf += raw;
		const m = /^\s*([A-Za-z]+)\s+([\s\S]*)$/.exec(buf);
		if (m) {
			const instruction = m[1].toUpperCase();
			let args = m[2].trim();
			const flags = {};
			while (/^--[a-z-]+(=\S+)?\s/.test(args) && instruction !== 'RUN') {
				const [flag] = args.split(/\s+/, 1);
				const [k, v] = flag.split('=');
				flags[k.slice(2)] = v ?? true;
				args = args.slice(flag.length).trim();
			}
			let json = null;
			if (args.startsWith('[')) {
				try {
					json = JSON.parse(args);
				} catch {
					json = null;
				}
			}
			out.push({ instruction, args, flags, json, line: startLine });
		}
		buf = '';
	}
	return out;
}

/** The stages of a parsed Dockerfile: [{ from, name, instructions }]. */
function stagesOf(instructions) {
	const stages = [];
	for (const ins of instructions) {
		if (ins.instruction === 'FROM') {
			const m = /^(\S+)(?:\s+AS\s+(\S+))?/i.exec(ins.args);
			stages.push({ from: m[1], name: m[2] ?? null, instructions: [] });
		} else if (stages.length) {
			stages.at(-1).instructions.push(ins);
		}
	}
	return stages;
}

/** Exec-form or shell-form argument list of ENTRYPOINT/CMD/EXPOSE-like instructions. */
function argList(ins) {
	return ins.json ?? ins.args.split(/\s+/).filter(Boolean);
}

/** Parses a node command line (array or string) into [{ flag, value }]. */
function parseNodeArgs(command) {
	const tokens = Array.isArray(command) ? command.map(String) : String(command).trim().split(/\s+/);
	const parsed = [];
	const stray = [];
	for (let i = 0; i < tokens.length; i++) {
		const tok = tokens[i];
		if (!tok.startsWith('-')) {
			stray.push(tok);
			continue;
		}
		const eq = tok.indexOf('=');
		if (eq > 0) {
			parsed.push({ flag: tok.slice(0, eq), value: tok.slice(eq + 1) });
		} else if (VALUE_FLAGS.has(tok)) {
			parsed.push({ flag: tok, value: tokens[i + 1] });
			i += 1;
		} else {
			parsed.push({ flag: tok, value: undefined });
		}
	}
	return { parsed, stray };
}

function flagValue(args, flag) {
	return args.parsed.find((a) => a.flag === flag)?.value;
}

function hasFlag(args, flag) {
	return args.parsed.some((a) => a.flag === flag);
}

const dockerfile = parseDockerfile(read(DOCKERFILE));
const stages = stagesOf(dockerfile);
const builder = stages.find((s) => s.name && /build/i.test(s.name)) ?? stages[0];
const runtime = stages.at(-1);

const compose = parseYaml(read(COMPOSE), { merge: true });
const services = compose?.services ?? {};

const nodeManifest = parseToml(read(join(REPO, 'node', 'Cargo.toml')));
const workspaceManifest = parseToml(read(join(REPO, 'Cargo.toml')));
const zombienet = parseToml(read(ZOMBIENET_CONFIG));

const cargoBins = (nodeManifest.bin ?? []).map((b) => b.name);
const BINARY = cargoBins[0] ?? nodeManifest.package?.name;
const PACKAGE = nodeManifest.package?.name;

const exposed = new Set(
	runtime.instructions
		.filter((i) => i.instruction === 'EXPOSE')
		.flatMap(argList)
		.map((p) => Number(String(p).split('/')[0])),
);

/** Node arguments of a compose service (its command). */
function serviceArgs(name) {
	const svc = services[name];
	return parseNodeArgs(svc.command ?? []);
}

/** The build context directory of a compose service, if it builds. */
function buildContext(svc) {
	if (!svc.build) return null;
	const ctx = typeof svc.build === 'string' ? svc.build : (svc.build.context ?? '.');
	return resolve(DOCKER_DIR, ctx);
}

const validatorServices = Object.keys(services).filter((name) => {
	const args = serviceArgs(name);
	return hasFlag(args, '--validator') || DEV_ACCOUNT_FLAGS.some((f) => hasFlag(args, f));
});

const zombienetValidators = (zombienet.relaychain?.nodes ?? [])
	.filter((n) => n.validator !== false)
	.map((n) => n.name);

// ---------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------

test('the node crate declares exactly one binary, nektar-node', () => {
	assert.equal(cargoBins.length, 1, `node/Cargo.toml declares ${cargoBins.length} [[bin]] targets: ${cargoBins.join(', ')}`);
	assert.equal(BINARY, 'nektar-node', `node/Cargo.toml [[bin]] name is "${BINARY}", the scripts and docs expect nektar-node`);
});

test('the Dockerfile builds and ships the cargo binary', () => {
	assert.ok(stages.length >= 2, 'docker/Dockerfile should be multi-stage (builder + runtime)');
	assert.notEqual(builder, runtime, 'the builder and runtime stages are the same stage');

	const runs = builder.instructions.filter((i) => i.instruction === 'RUN').map((i) => i.args);
	const build = runs.find((r) => /\bcargo\s+build\b/.test(r));
	assert.ok(build, 'no `cargo build` in the builder stage');
	assert.match(build, /--release\b/, 'cargo build must use --release');
	assert.match(build, /--locked\b/, 'cargo build must use --locked (Cargo.lock is committed)');
	const pkg = /(?:-p|--package)[\s=]+(\S+)/.exec(build)?.[1];
	assert.equal(pkg, PACKAGE, `cargo build -p "${pkg}" does not match node/Cargo.toml package name "${PACKAGE}"`);
	assert.match(
		build,
		new RegExp(`target/release/${BINARY}\\b`),
		`the builder never takes target/release/${BINARY} out of the build`,
	);

	const toolchain = runs.join('\n');
	for (const target of ['wasm32v1-none', 'wasm32-unknown-unknown']) {
		assert.match(toolchain, new RegExp(`rustup target add[^\\n]*${target}`), `builder does not add the ${target} target`);
	}
	assert.match(toolchain, /rustup component add[^\n]*rust-src/, 'builder does not add rust-src');
	assert.match(toolchain, /protobuf-compiler/, 'builder does not install protobuf-compiler');
	if (existsSync(join(REPO, '.cargo', 'config.toml')) && /mold/.test(readFileSync(join(REPO, '.cargo', 'config.toml'), 'utf8'))) {
		assert.match(toolchain, /\bmold\b/, '.cargo/config.toml links with mold, but the builder does not install it');
	}

	const shipped = runtime.instructions.find((i) => i.instruction === 'COPY' && i.flags.from);
	assert.ok(shipped, 'the runtime stage copies nothing from the builder');
	assert.equal(
		shipped.flags.from,
		builder.name,
		`runtime copies --from=${shipped.flags.from}, but the builder stage is named ${builder.name}`,
	);
	const shippedTo = argList(shipped).at(-1);
	assert.equal(shippedTo, `/usr/local/bin/${BINARY}`, `the binary is installed at ${shippedTo}`);

	const entrypoint = runtime.instructions.filter((i) => i.instruction === 'ENTRYPOINT').at(-1);
	assert.ok(entrypoint, 'the runtime stage has no ENTRYPOINT');
	assert.equal(
		posix.basename(argList(entrypoint)[0]),
		BINARY,
		`ENTRYPOINT runs ${argList(entrypoint)[0]}, not ${BINARY}`,
	);
});

test('the runtime image runs as the non-root user nektar with /data as volume', () => {
	const user = runtime.instructions.filter((i) => i.instruction === 'USER').at(-1);
	assert.ok(user, 'the runtime stage has no USER (it would run as root)');
	assert.equal(user.args.split(':')[0], 'nektar', `runtime USER is ${user.args}`);
	const volumes = runtime.instructions.filter((i) => i.instruction === 'VOLUME').flatMap(argList);
	assert.ok(volumes.includes('/data'), `VOLUME does not include /data: ${volumes.join(', ')}`);

	const cmd = runtime.instructions.filter((i) => i.instruction === 'CMD').at(-1);
	if (cmd) {
		const args = parseNodeArgs(argList(cmd));
		const unknown = args.parsed.map((a) => a.flag).filter((f) => !KNOWN_FLAGS.has(f));
		assert.deepEqual(unknown, [], `CMD uses flags outside the documented set: ${unknown.join(', ')}`);
		assertRpcExposureAllowed('Dockerfile CMD', args);
	}
});

test('the exposed ports are the node defaults', () => {
	for (const [what, port] of Object.entries(DEFAULT_PORTS)) {
		assert.ok(exposed.has(port), `EXPOSE lacks the ${what} port ${port} (exposed: ${[...exposed].join(' ')})`);
	}
	// zombienet's own defaults, when it is installed, are the same ports.
	const req = createRequire(join(REPO, 'zombienet', 'package.json'));
	let constants = null;
	try {
		constants = req('@zombienet/orchestrator/dist/constants.js');
	} catch {
		constants = null; // zombienet/node_modules not installed: nothing to compare
	}
	if (constants?.DEFAULT_PORTS) {
		assert.equal(constants.P2P_PORT, DEFAULT_PORTS.p2p, 'zombienet default p2p port differs');
		assert.equal(constants.RPC_WS_PORT, DEFAULT_PORTS.rpc, 'zombienet default RPC port differs');
		assert.equal(constants.PROMETHEUS_PORT, DEFAULT_PORTS.prometheus, 'zombienet default Prometheus port differs');
	}
});

test('every path the Dockerfile copies exists, and the workspace is complete', () => {
	const builds = Object.values(services).map(buildContext).filter(Boolean);
	const context = builds[0] ?? REPO;
	const missing = [];
	const copied = [];
	for (const stage of stages) {
		for (const ins of stage.instructions) {
			if (!['COPY', 'ADD'].includes(ins.instruction) || ins.flags.from) continue;
			const parts = argList(ins);
			for (const src of parts.slice(0, -1)) {
				copied.push(posix.normalize(src).replace(/\/$/, ''));
				if (!existsSync(join(context, src))) missing.push(`${src} (Dockerfile line ${ins.line})`);
			}
		}
	}
	assert.deepEqual(missing, [], `COPY sources missing from the build context ${rel(context)}:\n  ${missing.join('\n  ')}`);

	for (const needed of ['Cargo.toml', 'Cargo.lock']) {
		assert.ok(copied.includes(needed), `the Dockerfile does not copy ${needed}`);
	}
	if (existsSync(join(REPO, '.cargo'))) {
		assert.ok(copied.includes('.cargo'), 'the Dockerfile does not copy .cargo (build configuration)');
	}
	const members = workspaceManifest.workspace?.members ?? [];
	const uncovered = members.filter((m) => {
		const top = m.split('/')[0];
		return !copied.some((c) => c === m || c === top || m.startsWith(`${c}/`));
	});
	assert.deepEqual(uncovered, [], `workspace members not copied into the image: ${uncovered.join(', ')}`);
});

test('the .dockerignore files keep build outputs and dependencies out', () => {
	const patterns = (file) =>
		read(file)
			.split('\n')
			.map((l) => l.trim())
			.filter((l) => l && !l.startsWith('#'));
	const main = patterns(join(DOCKER_DIR, '.dockerignore'));
	for (const needed of ['target', 'node_modules']) {
		assert.ok(
			main.some((p) => p.replace(/^\*\*\//, '').replace(/\/$/, '') === needed),
			`docker/.dockerignore does not ignore ${needed}`,
		);
	}
	// BuildKit reads <Dockerfile>.dockerignore beside the Dockerfile when the
	// context is elsewhere (the repository root here).
	const beside = join(DOCKER_DIR, 'Dockerfile.dockerignore');
	if (existsSync(beside)) {
		assert.deepEqual(patterns(beside), main, 'docker/Dockerfile.dockerignore and docker/.dockerignore differ');
	}
});

test('compose builds the same Dockerfile and every referenced path exists', () => {
	assert.ok(Object.keys(services).length > 0, 'docker-compose.yml defines no services');
	for (const [name, svc] of Object.entries(services)) {
		const ctx = buildContext(svc);
		if (ctx) {
			assert.ok(existsSync(ctx) && statSync(ctx).isDirectory(), `service ${name}: build context ${rel(ctx)} does not exist`);
			const df = join(ctx, svc.build.dockerfile ?? 'Dockerfile');
			assert.equal(resolve(df), DOCKERFILE, `service ${name} builds ${rel(df)}, not docker/Dockerfile`);
		} else {
			assert.ok(svc.image, `service ${name} neither builds nor names an image`);
		}
		if (svc.entrypoint) {
			const ep = Array.isArray(svc.entrypoint) ? svc.entrypoint[0] : String(svc.entrypoint).split(/\s+/)[0];
			assert.equal(posix.basename(ep), BINARY, `service ${name} overrides the entrypoint with ${ep}`);
		}
		for (const vol of svc.volumes ?? []) {
			const source = typeof vol === 'string' ? vol.split(':')[0] : vol.source;
			if (source && /^[./~]/.test(source)) {
				assert.ok(existsSync(resolve(DOCKER_DIR, source)), `service ${name}: bind-mounted ${source} does not exist`);
			}
		}
	}
});

test('compose commands use only known flags, the local chain and consistent ports', () => {
	const chain = zombienet.relaychain?.chain;
	assert.equal(chain, 'local', `zombienet/local.toml uses chain "${chain}", expected local`);
	assert.equal(
		zombienet.relaychain?.default_command,
		BINARY,
		`zombienet/local.toml default_command is "${zombienet.relaychain?.default_command}", not ${BINARY}`,
	);

	for (const name of Object.keys(services)) {
		const args = serviceArgs(name);
		const where = `service ${name}`;
		assert.deepEqual(args.stray, [], `${where}: stray arguments (a subcommand or a missing flag?): ${args.stray.join(' ')}`);

		const unknown = args.parsed.map((a) => a.flag).filter((f) => !KNOWN_FLAGS.has(f));
		assert.deepEqual(unknown, [], `${where}: flags outside the documented set: ${unknown.join(', ')}`);
		for (const { flag, value } of args.parsed) {
			if (VALUE_FLAGS.has(flag)) assert.ok(value, `${where}: ${flag} has no value`);
			if (SWITCH_FLAGS.has(flag)) assert.equal(value, undefined, `${where}: ${flag} takes no value`);
		}

		assert.equal(flagValue(args, '--chain'), chain, `${where}: --chain is "${flagValue(args, '--chain')}", zombienet uses "${chain}"`);
		assert.ok(!hasFlag(args, '--dev'), `${where}: --dev starts a separate single-node chain`);
		assert.ok(!hasFlag(args, '--tmp'), `${where}: --tmp would lose the chain on restart; use the /data volume`);

		for (const [flag, what] of [
			['--port', 'p2p'],
			['--rpc-port', 'rpc'],
			['--prometheus-port', 'prometheus'],
		]) {
			const value = flagValue(args, flag);
			const port = value === undefined ? DEFAULT_PORTS[what] : Number(value);
			assert.ok(exposed.has(port), `${where}: ${what} port ${port} is not in the Dockerfile's EXPOSE (${[...exposed].join(' ')})`);
		}
		if (hasFlag(args, '--no-prometheus')) {
			assert.ok(!hasFlag(args, '--prometheus-port'), `${where}: --prometheus-port with --no-prometheus`);
		}

		for (const mapping of services[name].ports ?? []) {
			const text = typeof mapping === 'object' ? String(mapping.target) : String(mapping);
			const container = Number(text.split(':').at(-1).split('/')[0]);
			assert.ok(exposed.has(container), `${where}: publishes container port ${container}, which the image does not EXPOSE`);
			const rpc = Number(flagValue(args, '--rpc-port') ?? DEFAULT_PORTS.rpc);
			if (container === rpc) {
				assert.ok(
					hasFlag(args, '--rpc-external') || hasFlag(args, '--unsafe-rpc-external'),
					`${where}: publishes RPC port ${rpc} but the RPC server only listens on localhost inside the container`,
				);
			}
		}
		assertRpcExposureAllowed(where, args);
	}
});

/**
 * An RPC server on a public interface serves only the safe methods, said explicitly: the
 * unsafe ones (author_rotateKeys*, author_insertKey, …) are for a node's own localhost. A
 * validator refuses plain --rpc-external, so it listens publicly with --unsafe-rpc-external.
 */
function assertRpcExposureAllowed(where, args) {
	const validator =
		hasFlag(args, '--validator') || hasFlag(args, '--dev') || DEV_ACCOUNT_FLAGS.some((f) => hasFlag(args, f));
	const external = hasFlag(args, '--rpc-external') || hasFlag(args, '--unsafe-rpc-external');
	if (external) {
		assert.equal(
			flagValue(args, '--rpc-methods'),
			'safe',
			`${where}: RPC on a public interface must serve only the safe methods (--rpc-methods safe)`,
		);
	}
	if (validator) {
		assert.ok(!hasFlag(args, '--rpc-external'), `${where}: a validator refuses --rpc-external; use --unsafe-rpc-external with --rpc-methods safe`);
	}
}

test('the compose validators are the zombienet validators', () => {
	const compose = [...validatorServices].sort();
	const zn = [...zombienetValidators].sort();
	assert.deepEqual(compose, zn, `compose validators [${compose.join(', ')}] != zombienet/local.toml validators [${zn.join(', ')}]`);
	assert.equal(compose.length, 3, `expected 3 validators, found ${compose.length}`);

	for (const name of validatorServices) {
		const args = serviceArgs(name);
		const keyFlags = DEV_ACCOUNT_FLAGS.filter((f) => hasFlag(args, f));
		assert.deepEqual(keyFlags, [`--${name}`], `service ${name}: uses session keys ${keyFlags.join(', ') || '(none)'}, expected --${name}`);
		const nodeName = flagValue(args, '--name');
		if (nodeName !== undefined) {
			assert.equal(nodeName.toLowerCase(), name, `service ${name}: --name is ${nodeName}`);
		}
		assert.equal(flagValue(args, '--base-path'), '/data', `service ${name}: --base-path should be the /data volume`);
	}
});

test('the peer id derivation matches the libp2p reference value', () => {
	// The well-known Ed25519 node key 0x00..01 and its peer id.
	assert.equal(
		peerIdFromNodeKey('0000000000000000000000000000000000000000000000000000000000000001'),
		'12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp',
	);
});

test('bootnode addresses name the peer id of the node key they point at', () => {
	let bootnodeRefs = 0;
	for (const name of Object.keys(services)) {
		const args = serviceArgs(name);
		const bootnodes = args.parsed.filter((a) => a.flag === '--bootnodes').flatMap((a) => a.value.split(/[\s,]+/).filter(Boolean));
		for (const addr of bootnodes) {
			bootnodeRefs += 1;
			const m = /^\/dns[46]?\/([^/]+)\/tcp\/(\d+)\/p2p\/(\w+)$/.exec(addr);
			assert.ok(m, `service ${name}: bootnode ${addr} is not /dns/<service>/tcp/<port>/p2p/<peer id>`);
			const [, host, port, peerId] = m;
			assert.ok(services[host], `service ${name}: bootnode host ${host} is not a compose service`);
			assert.notEqual(host, name, `service ${name} lists itself as bootnode`);
			const target = serviceArgs(host);
			const key = flagValue(target, '--node-key');
			assert.ok(key, `service ${name}: bootnode ${host} has no fixed --node-key, its peer id changes per volume`);
			const expected = peerIdFromNodeKey(key);
			assert.equal(
				peerId,
				expected,
				`service ${name}: bootnode peer id ${peerId} does not belong to ${host}'s --node-key (expected ${expected}; recompute with: node e2e/lib/peer-id.js <key>)`,
			);
			const p2p = Number(flagValue(target, '--port') ?? DEFAULT_PORTS.p2p);
			assert.equal(Number(port), p2p, `service ${name}: bootnode port ${port}, but ${host} listens on ${p2p}`);
			const deps = services[name].depends_on;
			const depNames = Array.isArray(deps) ? deps : Object.keys(deps ?? {});
			assert.ok(depNames.includes(host), `service ${name} should depend_on its bootnode ${host}`);
		}
	}
	const bootnodeHosts = new Set(
		Object.keys(services).flatMap((n) =>
			serviceArgs(n)
				.parsed.filter((a) => a.flag === '--bootnodes')
				.flatMap((a) => [...a.value.matchAll(/\/dns[46]?\/([^/]+)\//g)].map((m) => m[1])),
		),
	);
	const unreachable = Object.keys(services).filter(
		(n) => !bootnodeHosts.has(n) && !serviceArgs(n).parsed.some((a) => a.flag === '--bootnodes'),
	);
	assert.ok(bootnodeRefs > 0, 'no service names a bootnode, so the validators cannot find each other');
	assert.deepEqual(unreachable, [], `services that neither are a bootnode nor name one: ${unreachable.join(', ')}`);
});

test('every validator has a fixed network key', () => {
	// Off --dev, an authority without a network key refuses to start
	// (NetworkKeyNotFound) unless it is told to generate one.
	for (const name of validatorServices) {
		const args = serviceArgs(name);
		assert.ok(
			hasFlag(args, '--node-key') || hasFlag(args, '--node-key-file') || hasFlag(args, '--unsafe-force-node-key-generation'),
			`service ${name}: a validator on --chain local needs --node-key (or a node key file); without one it exits with NetworkKeyNotFound`,
		);
		const key = flagValue(args, '--node-key');
		if (key) assert.doesNotThrow(() => peerIdFromNodeKey(key), `service ${name}: --node-key is not a 32-byte hex key`);
	}
	const keys = validatorServices.map((n) => flagValue(serviceArgs(n), '--node-key')).filter(Boolean);
	assert.equal(new Set(keys).size, keys.length, 'two services share a --node-key (and so a peer id)');
});

test('the README and zombienet name the same binary', () => {
	const readme = ['README.md', 'README', 'readme.md'].map((f) => join(REPO, f)).find(existsSync);
	const files = [ZOMBIENET_CONFIG, DOCKERFILE, COMPOSE];
	if (readme) {
		const text = readFileSync(readme, 'utf8');
		assert.ok(text.includes(BINARY), `${rel(readme)} never mentions the binary ${BINARY}`);
		files.push(readme);
	}
	for (const file of files) {
		const text = readFileSync(file, 'utf8');
		const foreign = FOREIGN_BINARIES.filter((b) => text.includes(b));
		assert.deepEqual(foreign, [], `${rel(file)} mentions ${foreign.join(', ')} instead of ${BINARY}`);
	}
});

test("the README's node commands serve only safe RPC methods on a public interface", () => {
	const readme = read(join(REPO, 'README.md'));
	// Shell lines of the README's code blocks that start the node, with their continuations.
	const commands = [];
	const lines = readme.split('\n').map((line) => line.trim());
	for (let i = 0; i < lines.length; i++) {
		if (!/^(\.\/scripts\/start-dev\.sh|nektar-node|docker run)\b/.test(lines[i])) continue;
		let command = lines[i];
		while (command.endsWith('\\') && i + 1 < lines.length) command = `${command.slice(0, -1)} ${lines[++i]}`;
		commands.push(command);
	}
	assert.ok(commands.some((c) => c.startsWith('nektar-node')), 'the README shows no nektar-node command');
	for (const command of commands) {
		assertRpcExposureAllowed(`README: ${command}`, parseNodeArgs(command.replace(/#.*$/, '')));
	}
});
