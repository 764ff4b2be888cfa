// Chain side of the Nektar end-to-end harness: the NEK token constants,
// waiting for blocks, the development accounts and balances, signing and
// submitting extrinsics with decoded dispatch errors, and reading events.
// Everything here works on any connected ApiPromise, such as the `api` of a
// node started with useNode() or startNode() from process.js.

import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady, randomAsHex } from '@polkadot/util-crypto';

/** NEK has 12 decimals. */
export const DECIMALS = 12;
/** One NEK in planck. */
export const UNIT = 10n ** BigInt(DECIMALS);
/** Token symbol. */
export const SYMBOL = 'NEK';
/** Default SS58 prefix of the development chain. */
export const SS58_PREFIX = 42;

/**
 * The types Polkadot.js needs beside the metadata: the asset of `ChargeAssetTxPayment` is an
 * `Option<NativeOrWithId<u32>>` here, not the `Option<MultiLocation>` of Asset Hub that
 * Polkadot.js assumes. Pass it as `ApiPromise.create({ types: API_TYPES })`; then
 * `signAndSend(signer, { assetId: { WithId: 1 } })` pays the fee in nUSD.
 */
export const API_TYPES = {
	TAssetConversion: 'Option<FrameSupportTokensFungibleUnionOfNativeOrWithId>',
};

const DEV_NAMES = ['alice', 'bob', 'charlie', 'dave', 'eve', 'ferdie'];

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

// ---------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------

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
