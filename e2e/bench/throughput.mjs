// The throughput benchmark: one `nektar-node --dev` of its own on 127.0.0.1, with pool limits
// raised for the flood. It funds N accounts, then floods one kind of extrinsic after another,
// N pre-signed extrinsics per kind, each from its own account:
//
//   transfer   balances.transferKeepAlive
//   deposit0   dam.deposit into a DAM tracking no reward token
//   deposit1   dam.deposit into a DAM tracking one reward token (its Network's)
//   claim      rewards.claimRewards of that token
//   mixed      N/2 transfers and N/2 deposits into the one-token DAM, interleaved
//
// For each kind it prints what every block included and its weight fill. A block is full when
// its normal-class weight is at least 90% of the limit. Over the full blocks it reports the
// median inclusion and its ratio to transfers; it then re-executes the first full block of each
// kind three times on its parent state (`state_call Core_execute_block`, the seal taken off)
// and reports the block's weight against the median execution time. It also compares the fee
// `payment_info` quoted for a deposit with the fee the chain took, and prints the goals of the
// throughput work, met or not; `--goals` makes an unmet goal fail the run.
//
// Usage: node bench/throughput.mjs [--count N] [--timeout S] [--goals] [--base-path DIR]
// (from e2e/; scripts/bench/throughput.sh). N defaults to 10,000 and is capped at 20,000; each
// kind's flood stops after S seconds (default 120, at most 600). With `--base-path`, the node
// keeps its database in DIR (a state to measure the database on, `benchmark storage`) rather
// than in a temporary one. Traffic goes only to the node it starts.

import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';

import { UNIT, createKeyring, devAccounts, signAndFinalize } from '../lib/chain.js';
import { ANY_FEE, damConfig, inBlock, install, liveNetworks, networkTerms, operatorDam, rewardTokens } from '../lib/nektar.js';
import { startNode } from '../lib/process.js';

const args = process.argv.slice(2);
const option = (name, fallback) => {
	const i = args.indexOf(name);
	return i >= 0 ? Number(args[i + 1]) : fallback;
};
const COUNT = Math.max(100, Math.min(option('--count', 10_000), 20_000));
const TIMEOUT_MS = Math.max(10, Math.min(option('--timeout', 120), 600)) * 1_000;
const GOALS = args.includes('--goals');
const BASE_PATH = args.includes('--base-path') ? args[args.indexOf('--base-path') + 1] : null;
const FUNDING = 50n * UNIT;
const STAKE = 10n * UNIT;
const CHUNK = 500;
const FULL = 0.9;

const log = (...line) => console.log(...line);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Runs `f` over `items` `CHUNK` at a time, in order; returns the results. */
async function chunked(items, f) {
	const out = [];
	for (let i = 0; i < items.length; i += CHUNK) out.push(...(await Promise.all(items.slice(i, i + CHUNK).map(f))));
	return out;
}

/** The normal-class weight limit of a block and the weight a block used, in ref time. */
function blockLimits(api) {
	const weights = api.consts.system.blockWeights;
	return { maxNormal: weights.perClass.normal.maxTotal.unwrap().refTime.toBigInt() };
}

async function main() {
	const node = await startNode({
		name: 'throughput',
		...(BASE_PATH && { baseArgs: ['--dev', '--base-path', BASE_PATH, '--no-telemetry', '--no-prometheus', '--no-mdns'] }),
		args: ['--pool-limit', String(COUNT * 2 + 1_000), '--pool-kbytes', String(COUNT + 10_000)],
	});
	const { api } = node;
	assert.match(node.wsUrl, /^ws:\/\/127\.0\.0\.1:/, 'the benchmark talks only to its own local node');
	try {
		const keyring = await createKeyring();
		const dev = await devAccounts(keyring);
		const { maxNormal } = blockLimits(api);
		const ms = (ps) => (Number(ps) / 1e9).toFixed(3);
		const version = await api.rpc.state.getRuntimeVersion();
		log(`runtime ${version.specName} ${version.specVersion}; ${COUNT} extrinsics per kind; normal-class limit ${ms(maxNormal)} ms a block`);

		// A Collateral Network in NEK with its reward program, a DAM installed in it (one reward
		// token) and a DAM installed nowhere (none), both Alice's, each taking a 1% fee.
		const terms = networkTerms('Collateral', {
			depositAsset: 'Native',
			minAllocation: UNIT,
			amountRequested: 100_000_000n * UNIT,
			duration: 1_000_000,
			delegatorRate: 10n ** 17n,
		});
		const [network] = await liveNetworks(api, dev, dev.charlie, [terms]);
		const config = damConfig('Collateral', { depositAsset: 'Native' });
		const tracked = await operatorDam(api, dev.alice, config);
		const untracked = await operatorDam(api, dev.alice, config);
		await install(api, tracked, network, dev.alice, dev.charlie);
		await signAndFinalize(api.tx.rewards.fundRewards(network, 100_000n * UNIT), dev.charlie, inBlock);
		await signAndFinalize(api.tx.dam.commit(tracked, network, 100_000_000n * UNIT), dev.alice, inBlock);
		assert.equal(await rewardTokens(api, tracked), 1, 'the installed DAM tracks its Network\'s token');
		assert.equal(await rewardTokens(api, untracked), 0, 'the other DAM tracks no token');

		// A deposit names the reward tokens the DAM tracks: it is charged for settling that many.
		const deposit = async (dam) => {
			const tokens = await rewardTokens(api, dam);
			return () => api.tx.dam.deposit(dam, STAKE, ANY_FEE, tokens);
		};

		const accounts = Array.from({ length: COUNT }, (_, i) => keyring.addFromUri(`//throughput//${i}`));
		let aliceNonce = (await api.rpc.system.accountNextIndex(dev.alice.address)).toNumber();
		const funding = [];
		for (let i = 0; i < accounts.length; i += 250) {
			const transfers = accounts.slice(i, i + 250).map((a) => api.tx.balances.transferKeepAlive(a.address, FUNDING));
			funding.push(api.tx.utility.batchAll(transfers));
		}
		await Promise.all(
			funding.map((tx) => signAndFinalize(tx, dev.alice, { ...inBlock, nonce: aliceNonce++, timeoutMs: 600_000 })),
		);
		log(`funded ${accounts.length} accounts`);
		const nonces = accounts.map(() => 0);

		const genesisHash = api.genesisHash;
		/** Signs one extrinsic per account with `build(i)`; returns them in account order. */
		const sign = (build, pick = () => true) =>
			chunked(
				accounts.map((a, i) => [a, i]).filter(([, i]) => pick(i)),
				async ([account, i]) => {
					const tx = build(i);
					await tx.signAsync(account, { nonce: nonces[i]++, era: 0, blockHash: genesisHash });
					return { tx, hash: tx.hash.toHex(), kind: tx.method.section + '.' + tx.method.method, who: account.address };
				},
			);

		/** Floods `signed`; returns the blocks that included any of them, in order. */
		const flood = async (label, signed) => {
			const byHash = new Map(signed.map((s) => [s.hash, s]));
			const included = new Set();
			const failures = [];
			const blocks = [];
			let next = (await api.rpc.chain.getHeader()).number.toNumber() + 1;
			const refused = (await chunked(signed, (s) => api.rpc.author.submitExtrinsic(s.tx).then(() => null, (e) => e))).filter(Boolean);
			const deadline = Date.now() + TIMEOUT_MS;
			while (included.size + refused.length < signed.length && Date.now() < deadline) {
				const best = (await api.rpc.chain.getHeader()).number.toNumber();
				for (; next <= best; next++) {
					const hash = await api.rpc.chain.getBlockHash(next);
					const block = await api.rpc.chain.getBlock(hash);
					const counts = {};
					const indices = new Set();
					block.block.extrinsics.forEach((ext, index) => {
						const found = byHash.get(ext.hash.toHex());
						if (!found || included.has(found.hash)) return;
						included.add(found.hash);
						counts[found.kind] = (counts[found.kind] ?? 0) + 1;
						indices.add(index);
					});
					const ours = indices.size;
					if (ours === 0) continue;
					const at = await api.at(hash);
					// An extrinsic that failed would fill the block at the cost of doing nothing.
					for (const { phase, event } of await at.query.system.events()) {
						if (!phase.isApplyExtrinsic || !indices.has(phase.asApplyExtrinsic.toNumber())) continue;
						if (!api.events.system.ExtrinsicFailed.is(event)) continue;
						const error = event.data[0];
						const meta = error.isModule ? api.registry.findMetaError(error.asModule) : null;
						failures.push(meta ? `${meta.section}.${meta.name}` : error.toString());
					}
					const weight = (await at.query.system.blockWeight()).toJSON();
					const refTime = (c) => BigInt(weight[c].refTime);
					const normal = refTime('normal');
					const total = normal + refTime('operational') + refTime('mandatory');
					const fill = Number((normal * 1000n) / maxNormal) / 1000;
					blocks.push({ number: next, hash, counts, ours, fill, total });
				}
				await sleep(300);
			}
			for (const b of blocks) {
				const what = Object.entries(b.counts).map(([k, n]) => `${k} ${n}`).join(', ');
				log(`  ${label.padEnd(9)} #${b.number}  ${what}  fill ${(b.fill * 100).toFixed(1)}%`);
			}
			for (const e of refused.slice(0, 3)) log(`  refused: ${e.message}`);
			assert.equal(refused.length, 0, `${label}: the pool took every extrinsic`);
			assert.deepEqual(failures.slice(0, 3), [], `${label}: every included extrinsic succeeded (${failures.length} failed)`);
			assert.equal(included.size, signed.length, `${label}: every extrinsic was included within the time bound`);
			return blocks;
		};

		const bob = dev.bob.address;
		const transfer = () => api.tx.balances.transferKeepAlive(bob, UNIT);
		const intoTracked = await deposit(tracked);
		const intoUntracked = await deposit(untracked);
		const claim = () => api.tx.rewards.claimRewards(tracked, [network]);
		const quote = async (tx, who) => {
			const info = await tx.paymentInfo(who);
			return { weight: info.weight.refTime.toBigInt(), fee: info.partialFee.toBigInt() };
		};

		/** The weight after dispatch and the fee of the extrinsic `hash` in block `blockHash`. */
		const landed = async (blockHash, hash) => {
			const block = await api.rpc.chain.getBlock(blockHash);
			const index = block.block.extrinsics.findIndex((ext) => ext.hash.toHex() === hash);
			const events = (await (await api.at(blockHash)).query.system.events()).filter(
				({ phase }) => phase.isApplyExtrinsic && phase.asApplyExtrinsic.toNumber() === index,
			);
			const success = events.find(({ event }) => api.events.system.ExtrinsicSuccess.is(event));
			const fee = events.find(({ event }) => api.events.transactionPayment.TransactionFeePaid.is(event));
			return {
				weight: success ? success.event.data[0].weight.refTime.toBigInt() : null,
				fee: fee ? fee.event.data[1].toBigInt() : null,
			};
		};

		const results = {};
		const run = async (kind, build, pick) => {
			const signed = await sign(build, pick);
			const blocks = await flood(kind, signed);
			const full = blocks.filter((b) => b.fill >= FULL);
			const first = await landed(blocks[0].hash, signed[0].hash);
			results[kind] = { blocks, full, first, perBlock: full.length ? median(full.map((b) => b.ours)) : null };
			return { signed, blocks };
		};

		await run('transfer', transfer);
		await run('deposit0', intoUntracked);
		const quoted = await quote(intoTracked(), accounts[0]);
		const deposits = await run('deposit1', intoTracked);
		// What the chain took for the first deposit, against what `payment_info` quoted for it.
		const paidFee = (await landed(deposits.blocks[0].hash, deposits.signed[0].hash)).fee;
		// The holders earn for a few blocks before they claim.
		await sleep(12_000);
		await run('claim', claim);
		await run('mixed', (i) => (i % 2 === 0 ? transfer() : intoTracked()), (i) => i < COUNT);

		// Re-execute the first full block of each kind on its parent state, three times.
		for (const [kind, r] of Object.entries(results)) {
			const block = r.full[0];
			if (!block) continue;
			const signedBlock = await api.rpc.chain.getBlock(block.hash);
			const header = signedBlock.block.header;
			const unsealed = api.createType('Block', {
				header: {
					parentHash: header.parentHash,
					number: header.number,
					stateRoot: header.stateRoot,
					extrinsicsRoot: header.extrinsicsRoot,
					digest: { logs: header.digest.logs.filter((item) => !item.isSeal) },
				},
				extrinsics: signedBlock.block.extrinsics,
			});
			const encoded = unsealed.toHex();
			const times = [];
			for (let i = 0; i < 3; i++) {
				const start = performance.now();
				// Straight to the node: the API would answer a repeated call from its own cache.
				await api._rpcCore.provider.send('state_call', ['Core_execute_block', encoded, header.parentHash.toHex()]);
				times.push((performance.now() - start) / 1_000);
			}
			r.executed = median(times);
			r.runs = times;
			r.weightSeconds = Number(block.total) / 1e12;
		}

		const charged = {
			transfer: await quote(transfer(), accounts[0]),
			deposit0: await quote(intoUntracked(), accounts[0]),
			deposit1: quoted,
			claim: await quote(claim(), accounts[0]),
		};
		log('\nper kind: median inclusion over full blocks, ratio to transfers, charged weight before dispatch,');
		log('and the first full block\'s weight against its re-execution (median of 3)');
		const perTransfer = results.transfer.perBlock;
		for (const [kind, r] of Object.entries(results)) {
			const inclusion = r.perBlock === null ? 'no full block' : `${r.perBlock} a full block`;
			const ratio = r.perBlock && perTransfer ? `${(r.perBlock / perTransfer).toFixed(2)}×` : '-';
			const weight = charged[kind] ? `charged ${ms(charged[kind].weight)} ms` : '';
			const exec = r.executed
				? `weight ${r.weightSeconds.toFixed(3)} s / executed ${r.executed.toFixed(3)} s = ${(r.weightSeconds / r.executed).toFixed(2)} (runs ${r.runs.map((t) => t.toFixed(3)).join(', ')} s; ${((r.executed / r.full[0].ours) * 1e6).toFixed(1)} µs an extrinsic)`
				: '';
			log(`  ${kind.padEnd(9)} ${inclusion.padEnd(18)} ${ratio.padStart(6)}  ${weight.padEnd(22)} ${exec}`);
		}
		const mixed = results.mixed.full[0];
		const mixedShare = mixed ? (mixed.counts['dam.deposit'] ?? 0) / mixed.ours : null;
		if (mixed) log(`  mixed: the first full block holds ${mixed.counts['balances.transferKeepAlive'] ?? 0} transfers and ${mixed.counts['dam.deposit'] ?? 0} deposits`);
		const feeRatio = paidFee ? Number(quoted.fee) / Number(paidFee) : null;
		log(`  deposit fee: quoted ${quoted.fee}, paid ${paidFee ?? '-'} (${feeRatio ? feeRatio.toFixed(2) + '×' : '-'})`);
		// A deposit's weight after dispatch: what one more tracked token costs it.
		const [used0, used1] = [results.deposit0.first.weight, results.deposit1.first.weight];
		const perToken = used0 && used1 ? Number(used1 - used0) / Number(used0) : null;
		log(`  a deposit's weight after dispatch: ${ms(used0)} ms with no token, ${ms(used1)} ms with one`);

		// The goals, each a ratio measured in this run.
		const ratio = (kind) => (results[kind].perBlock && perTransfer ? results[kind].perBlock / perTransfer : null);
		const goals = [
			['deposit (1 token) per full block ≥ 0.6× transfers', ratio('deposit1'), (x) => x >= 0.6],
			['deposit (0 tokens) per full block ≥ 0.7× transfers', ratio('deposit0'), (x) => x >= 0.7],
			['claim (1 token) per full block ≥ 0.7× transfers', ratio('claim'), (x) => x >= 0.7],
			['a tracked token adds ≤ 15% to a 0-token deposit', perToken, (x) => x <= 0.15],
			...['transfer', 'deposit0', 'deposit1', 'claim'].map((kind) => [
				`${kind}: block weight ÷ execution ≤ 1.5`,
				results[kind].executed ? results[kind].weightSeconds / results[kind].executed : null,
				(x) => x <= 1.5,
			]),
			['mixed flood: first full block ≥ 25% deposits', mixedShare, (x) => x >= 0.25],
			['deposit fee quoted within 1.5× of the fee paid', feeRatio, (x) => x <= 1.5 && x >= 1 / 1.5],
		];
		log('\ngoals');
		let unmet = 0;
		for (const [name, value, met] of goals) {
			const state = value === null ? 'not measured' : met(value) ? 'met' : 'NOT MET';
			if (state !== 'met') unmet++;
			log(`  ${state.padEnd(12)} ${name}${value === null ? '' : ` (${value.toFixed(2)})`}`);
		}
		if (GOALS) assert.equal(unmet, 0, `${unmet} goals not met`);
	} finally {
		await node.stop();
	}
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
