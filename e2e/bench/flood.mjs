// The load test: one `nektar-node --dev` of its own, 2,000 funded accounts, one pre-signed
// extrinsic each (deposits, withdrawal requests, reward claims and transfers, 500 of each),
// all submitted at once. It reports what each block included, TPS per kind, block weight fill,
// and how close each block came to the limit its weight and the calls' charged weights imply;
// it fails if the pool dropped anything or finality fell behind.
//
// Usage: node bench/flood.mjs [--accounts N] [--timeout S]   (from e2e/; scripts/bench/flood.sh)
// Traffic goes only to the node it starts, on 127.0.0.1. The run stops after N accounts and S
// seconds of flood (defaults 2,000 and 300).

import assert from 'node:assert/strict';

import { UNIT, createKeyring, devAccounts, signAndFinalize } from '../lib/chain.js';
import { ANY_FEE, MAX_TOKENS, damConfig, inBlock, install, liveNetworks, networkTerms, operatorDam } from '../lib/nektar.js';
import { startNode } from '../lib/process.js';

const args = process.argv.slice(2);
const option = (name, fallback) => {
	const i = args.indexOf(name);
	return i >= 0 ? Number(args[i + 1]) : fallback;
};
const ACCOUNTS = Math.max(4, Math.min(option('--accounts', 2_000), 8_000));
const TIMEOUT_MS = Math.min(option('--timeout', 300), 900) * 1_000;
const KINDS = ['dam.deposit', 'dam.requestWithdrawal', 'rewards.claimRewards', 'balances.transferKeepAlive'];
const FUNDING = 100n * UNIT;
const STAKE = 10n * UNIT;
const BATCH = 250;

const log = (...line) => console.log(...line);

/** Signs and sends `txs` from one signer with consecutive nonces; waits until all are in blocks. */
async function sendAll(api, signer, txs, label) {
	let nonce = (await api.rpc.system.accountNextIndex(signer.address)).toNumber();
	await Promise.all(txs.map((tx) => signAndFinalize(tx, signer, { ...inBlock, nonce: nonce++, timeoutMs: 300_000 })));
	log(`${label}: ${txs.length} extrinsics in blocks`);
}

async function main() {
	const node = await startNode({ name: 'flood', args: ['--pool-limit', String(ACCOUNTS * 2)] });
	const { api } = node;
	assert.match(node.wsUrl, /^ws:\/\/127\.0\.0\.1:/, 'the flood goes only to a local node');
	try {
		const keyring = await createKeyring();
		const dev = await devAccounts(keyring);

		// A Collateral Network in NEK with a reward program, and a DAM of Alice's installed in it.
		const terms = networkTerms('Collateral', {
			depositAsset: 'Native',
			minAllocation: UNIT,
			amountRequested: 10_000_000n * UNIT,
			duration: 1_000_000,
			delegatorRate: 10n ** 17n,
		});
		const [network] = await liveNetworks(api, dev, dev.charlie, [terms]);
		const dam = await operatorDam(api, dev.alice, damConfig('Collateral', { depositAsset: 'Native', fee: 0 }));
		await install(api, dam, network, dev.alice, dev.charlie);
		await signAndFinalize(api.tx.rewards.fundRewards(network, 100_000n * UNIT), dev.charlie, inBlock);

		// The accounts, funded in batches; the ones that will withdraw or claim hold shares first.
		const accounts = Array.from({ length: ACCOUNTS }, (_, i) => keyring.addFromUri(`//flood//${i}`));
		const kindOf = (i) => KINDS[i % KINDS.length];
		const batches = [];
		for (let i = 0; i < accounts.length; i += BATCH) {
			const transfers = accounts.slice(i, i + BATCH).map((a) => api.tx.balances.transferKeepAlive(a.address, FUNDING));
			batches.push(api.tx.utility.batchAll(transfers));
		}
		await sendAll(api, dev.alice, batches, 'funding');
		const holders = accounts.filter((_, i) => kindOf(i) === 'dam.requestWithdrawal' || kindOf(i) === 'rewards.claimRewards');
		await Promise.all(
			holders.map((a) => signAndFinalize(api.tx.dam.deposit(dam, STAKE, ANY_FEE, MAX_TOKENS), a, { ...inBlock, timeoutMs: 300_000 })),
		);
		log(`positions: ${holders.length} deposits in blocks`);
		await signAndFinalize(api.tx.dam.commit(dam, network, BigInt(holders.length) * STAKE), dev.alice, inBlock);
		log(`committed ${holders.length * 10} NEK of DAM ${dam} to Network ${network}; waiting for rewards`);
		const from = (await api.rpc.chain.getHeader()).number.toNumber();
		while ((await api.rpc.chain.getHeader()).number.toNumber() < from + 3) await new Promise((r) => setTimeout(r, 1_000));

		// One pre-signed extrinsic per account.
		const bob = dev.bob.address;
		const build = (i) => {
			switch (kindOf(i)) {
				case 'dam.deposit':
					return api.tx.dam.deposit(dam, STAKE, ANY_FEE, MAX_TOKENS);
				case 'dam.requestWithdrawal':
					return api.tx.dam.requestWithdrawal(dam, STAKE / 2n, MAX_TOKENS);
				case 'rewards.claimRewards':
					return api.tx.rewards.claimRewards(dam, [network]);
				default:
					return api.tx.balances.transferKeepAlive(bob, UNIT);
			}
		};
		const signed = [];
		for (let i = 0; i < accounts.length; i++) {
			const tx = build(i);
			await tx.signAsync(accounts[i], { nonce: (await api.rpc.system.accountNextIndex(accounts[i].address)).toNumber() });
			signed.push({ kind: kindOf(i), tx, hash: tx.hash.toHex() });
		}
		const charged = {};
		for (const kind of KINDS) {
			const i = signed.findIndex((s) => s.kind === kind);
			const info = await build(i).paymentInfo(accounts[i]);
			charged[kind] = info.weight.refTime.toBigInt();
		}
		const weights = api.consts.system.blockWeights;
		const maxNormal = weights.perClass.normal.maxTotal.unwrap().refTime.toBigInt();
		const baseExtrinsic = weights.perClass.normal.baseExtrinsic.refTime.toBigInt();
		const ms = (ps) => (Number(ps) / 1e9).toFixed(3);
		log(`signed ${signed.length}; block limit for normal calls ${ms(maxNormal)} ms of ref time`);

		// The flood: every extrinsic at once, then every block until all are in or time is up.
		const byHash = new Map(signed.map((s) => [s.hash, s]));
		const included = new Map();
		const blocks = [];
		let maxLag = 0;
		const startHeader = await api.rpc.chain.getHeader();
		const start = startHeader.number.toNumber();
		const startMoment = (await (await api.at(startHeader.hash)).query.timestamp.now()).toNumber();
		const submitted = await Promise.allSettled(signed.map((s) => api.rpc.author.submitExtrinsic(s.tx)));
		const refused = submitted.filter((r) => r.status === 'rejected');
		const deadline = Date.now() + TIMEOUT_MS;
		let next = start + 1;
		while (included.size + refused.length < signed.length && Date.now() < deadline) {
			const best = (await api.rpc.chain.getHeader()).number.toNumber();
			const finalized = (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
			maxLag = Math.max(maxLag, best - finalized);
			for (; next <= best; next++) {
				const hash = await api.rpc.chain.getBlockHash(next);
				const [block, at] = [await api.rpc.chain.getBlock(hash), await api.at(hash)];
				const moment = (await at.query.timestamp.now()).toNumber();
				const weight = (await at.query.system.blockWeight()).normal.refTime.toBigInt();
				const counts = Object.fromEntries(KINDS.map((k) => [k, 0]));
				for (const ext of block.block.extrinsics) {
					const found = byHash.get(ext.hash.toHex());
					if (!found) continue;
					counts[found.kind]++;
					included.set(found.hash, next);
				}
				const implied = KINDS.reduce((sum, k) => sum + BigInt(counts[k]) * (charged[k] + baseExtrinsic), 0n);
				blocks.push({ number: next, moment, weight, counts, implied });
			}
			await new Promise((r) => setTimeout(r, 500));
		}
		const flood = blocks.filter((b) => KINDS.some((k) => b.counts[k] > 0));
		const span = flood.length > 0 ? (flood.at(-1).moment - startMoment) / 1_000 : 0;
		log('\nper block: included per kind; weight fill (what the block used, after refunds); and what');
		log('it included against what the calls\' charged weights allow in a block');
		for (const b of flood) {
			const fill = Number((b.weight * 1000n) / maxNormal) / 10;
			const implied = Number((b.implied * 100n) / maxNormal) / 100;
			log(`  #${b.number}  ${KINDS.map((k) => `${k.split('.')[1]} ${b.counts[k]}`).join(', ')}  fill ${fill}%  included ${implied}× the charged limit`);
		}
		log('\nper kind: included; the per-block limit its charged weight implies; TPS from submission to its last block');
		for (const kind of KINDS) {
			const count = flood.reduce((sum, b) => sum + b.counts[kind], 0);
			const last = flood.filter((b) => b.counts[kind] > 0).at(-1);
			const seconds = last ? (last.moment - startMoment) / 1_000 : 0;
			const limit = maxNormal / (charged[kind] + baseExtrinsic);
			log(`  ${kind.padEnd(28)} ${String(count).padStart(5)}  limit ${String(limit).padStart(5)} a block (charged ${ms(charged[kind])} ms)  ${seconds ? (count / seconds).toFixed(1) : '-'} TPS`);
		}
		const total = included.size;
		log(`\n${total} of ${signed.length} included in ${flood.length} blocks, ${span.toFixed(0)} s from submission (${(total / Math.max(span, 1)).toFixed(1)} TPS); ${refused.length} refused by the pool; finality lag at most ${maxLag} blocks`);
		for (const r of refused.slice(0, 5)) log(`  refused: ${r.reason.message}`);
		assert.equal(refused.length, 0, 'the pool refused extrinsics within its stated limits');
		assert.equal(total, signed.length, 'every extrinsic was included');
		assert.ok(maxLag <= 4, `finality kept up (lag ${maxLag})`);
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
