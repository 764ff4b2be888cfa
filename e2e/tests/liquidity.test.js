// The Liquidity scenario on a real node: a DAM lends to two Networks through time-locked
// vaults. The first Network's safe, a 2-of-3 pallet-multisig account, repays through
// `asMulti`, which releases its return bond. The second Network never repays and defaults:
// its loan is written off and its bond compensates the DAM's shareholders. Every balance is
// checked at each step, and the runtime API reports vaults, loans and debts.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeMultiAddress, sortAddresses } from '@polkadot/util-crypto';

import { DispatchError, SS58_PREFIX, UNIT, devAccounts, findEvent, freeBalance, signAndFinalize } from '../lib/chain.js';
import { useNode } from '../lib/process.js';
import { ANY_FEE, MAX_TOKENS, USD, damConfig, damDetails, endsAt, inBlock, install, liveNetworks, networkTerms, nusd, operatorDam, position, waitUntil } from '../lib/nektar.js';

const node = useNode({ name: 'liquidity' });

const MAX_WEIGHT = { refTime: 5_000_000_000n, proofSize: 1_000_000n };

/** Dispatches `call` from the 2-of-3 multisig of Alice, Bob and Charlie: Alice approves, Bob
 * executes. Returns the inner call's result event. */
async function fromSafe(api, accounts, safe, call) {
	const { alice, bob, charlie } = accounts;
	const othersOf = (who) =>
		sortAddresses([alice, bob, charlie].filter((a) => a.address !== who.address).map((a) => a.address), SS58_PREFIX);
	await signAndFinalize(api.tx.multisig.asMulti(2, othersOf(alice), null, call, MAX_WEIGHT), alice, inBlock);
	const pending = await api.query.multisig.multisigs(safe, call.method.hash);
	assert.ok(pending.isSome, 'the multisig operation waits for a second approval');
	const { when } = pending.unwrap();
	const executed = await signAndFinalize(api.tx.multisig.asMulti(2, othersOf(bob), when, call, MAX_WEIGHT), bob, inBlock);
	const event = findEvent(executed.events, 'multisig', 'MultisigExecuted');
	assert.ok(event, 'the multisig executed the call');
	assert.ok(event.data.result.isOk, `the safe's call succeeded: ${event.data.result.toString()}`);
	return event;
}

async function reserved(api, address) {
	return (await api.query.system.account(address)).data.reserved.toBigInt();
}

test('a Liquidity DAM lends, a multisig safe repays, and a defaulting Network pays from its bond', { timeout: 1_200_000 }, async () => {
	const { api } = node;
	const accounts = await devAccounts();
	const { alice, bob, charlie, dave: manager, eve: operator, ferdie } = accounts;
	const safe = encodeMultiAddress([alice.address, bob.address, charlie.address], 2, SS58_PREFIX);
	const BOND = 100n * UNIT;
	const DEFAULT_BOND = 60n * UNIT;

	// Two Liquidity Networks go live; the first lends to the multisig, the second to Ferdie.
	const [repaying, defaulting] = await liveNetworks(api, accounts, manager, [
		networkTerms('Liquidity', { lockPeriod: 4, duration: 26, safe, returnBond: BOND }),
		networkTerms('Liquidity', { lockPeriod: 4, duration: 26, safe: ferdie.address, returnBond: DEFAULT_BOND }),
	]);

	// Eve's Liquidity DAM installs both; Alice and Charlie deposit 1,000 and 2,000 nUSD.
	const dam = await operatorDam(api, operator, damConfig('Liquidity', { fee: 0 }));
	await install(api, dam, repaying, operator, manager);
	await install(api, dam, defaulting, operator, manager);
	await signAndFinalize(api.tx.dam.deposit(dam, 1_000n * USD, ANY_FEE, MAX_TOKENS), alice, inBlock);
	await signAndFinalize(api.tx.dam.deposit(dam, 2_000n * USD, ANY_FEE, MAX_TOKENS), charlie, inBlock);
	const account = (await damDetails(api, dam)).account.toString();
	assert.equal(await nusd(api, account), 3_000n * USD);

	// Allocations are loans: the book value and every position stay the same.
	await signAndFinalize(api.tx.dam.allocate(dam, repaying, 1_000n * USD), operator, inBlock);
	await signAndFinalize(api.tx.dam.allocate(dam, defaulting, 600n * USD), operator, inBlock);
	let details = await damDetails(api, dam);
	assert.equal(details.tvl.toBigInt(), 3_000n * USD);
	assert.equal(details.dam.idle.toBigInt(), 1_400n * USD);
	assert.equal(details.dam.lent.toBigInt(), 1_600n * USD);
	assert.equal(await nusd(api, account), 1_400n * USD);
	assert.equal((await position(api, dam, alice)).value.toBigInt(), 1_000n * USD);
	const [{ id: vaultId, vault }] = await api.call.vaultsApi.vaults(repaying);
	assert.equal(vault.kind.toString(), 'Liquidity');
	assert.equal(vault.amount.toBigInt(), 1_000n * USD);
	const [{ id: defaultVaultId }] = await api.call.vaultsApi.vaults(defaulting);
	await assert.rejects(
		signAndFinalize(api.tx.vaults.release(vaultId), bob, inBlock),
		(e) => e instanceof DispatchError && e.errorName === 'vaults.VaultLocked',
	);
	assert.equal((await api.call.vaultsApi.debt(repaying)).locked.toBigInt(), 1_000n * USD);

	// Only idle assets can leave at once.
	const charlieShares = (await position(api, dam, charlie)).shares.toBigInt();
	await assert.rejects(
		signAndFinalize(api.tx.dam.withdraw(dam, charlieShares, MAX_TOKENS), charlie, inBlock),
		(e) => e instanceof DispatchError && e.errorName === 'dam.InsufficientIdleAssets',
	);

	// The vaults open: the safes receive the loans.
	await waitUntil(api, vault.unlockAt.toNumber());
	const ferdieBefore = await nusd(api, ferdie.address);
	await signAndFinalize(api.tx.vaults.release(vaultId), bob, inBlock);
	await signAndFinalize(api.tx.vaults.release(defaultVaultId), bob, inBlock);
	assert.equal(await nusd(api, safe), 1_000n * USD);
	assert.equal((await nusd(api, ferdie.address)) - ferdieBefore, 600n * USD);
	const loans = await api.call.vaultsApi.loans(repaying);
	assert.deepEqual(loans.map((loan) => [loan.dam.toNumber(), loan.amount.toBigInt()]), [[dam, 1_000n * USD]]);
	assert.equal((await api.call.vaultsApi.debt(repaying)).outstanding.toBigInt(), 1_000n * USD);
	await assert.rejects(
		signAndFinalize(api.tx.vaults.release(vaultId), bob, inBlock),
		(e) => e instanceof DispatchError && e.errorName === 'vaults.VaultNotFound',
	);

	// The multisig repays 400 while the Network runs.
	await fromSafe(api, accounts, safe, api.tx.vaults.repay(repaying, dam, 400n * USD));
	assert.equal(await nusd(api, safe), 600n * USD);
	assert.equal(await nusd(api, account), 1_800n * USD);
	details = await damDetails(api, dam);
	assert.equal(details.dam.idle.toBigInt(), 1_800n * USD);
	assert.equal(details.tvl.toBigInt(), 3_000n * USD);

	// Both Networks end; the multisig repays the rest and the bond comes back to Dave.
	await waitUntil(api, await endsAt(api, defaulting));
	await signAndFinalize(api.tx.marketplace.endNetwork(repaying), bob, inBlock);
	await signAndFinalize(api.tx.marketplace.endNetwork(defaulting), bob, inBlock);
	// The second Network has `repayGrace` blocks to repay before it can be declared in default.
	await assert.rejects(
		signAndFinalize(api.tx.vaults.declareDefault(defaulting), bob, inBlock),
		(e) => e instanceof DispatchError && e.errorName === 'vaults.DefaultTooEarly',
	);
	const heldBefore = await reserved(api, manager.address);
	await fromSafe(api, accounts, safe, api.tx.vaults.repay(repaying, dam, 600n * USD));
	assert.equal(await nusd(api, safe), 0n);
	assert.equal(heldBefore - (await reserved(api, manager.address)), BOND, 'the return bond is released');
	assert.equal((await api.call.vaultsApi.loans(repaying)).length, 0);
	assert.equal((await api.call.vaultsApi.debt(repaying)).outstanding.toBigInt(), 0n);

	// The second Network did not repay: after the grace period, anyone declares the default.
	const grace = (await api.query.marketplace.params()).repayGrace.toNumber();
	await waitUntil(api, (await endsAt(api, defaulting)) + grace);
	const damNative = await freeBalance(api, account);
	await signAndFinalize(api.tx.vaults.declareDefault(defaulting), bob, inBlock);
	assert.equal((await freeBalance(api, account)) - damNative, DEFAULT_BOND, 'the bond went to the DAM');
	assert.equal(heldBefore - BOND - (await reserved(api, manager.address)), DEFAULT_BOND);
	const info = (await api.call.marketplaceApi.network(defaulting)).unwrap();
	assert.equal(info.network.status.toString(), 'Defaulted');

	// The loss leaves the books; the shareholders share the bond, two thirds to Charlie.
	details = await damDetails(api, dam);
	assert.equal(details.tvl.toBigInt(), 2_400n * USD);
	assert.equal(details.dam.lent.toBigInt(), 0n);
	const charliePosition = await position(api, dam, charlie);
	const owed = charliePosition.recovery.toBigInt();
	assert.ok(owed <= (DEFAULT_BOND * 2n) / 3n && owed >= (DEFAULT_BOND * 2n) / 3n - 1n, `Charlie is owed ${owed}`);
	const claimed = await signAndFinalize(api.tx.dam.claimRecovery(dam), charlie, inBlock);
	assert.equal(findEvent(claimed.events, 'dam', 'RecoveryClaimed').data.amount.toBigInt(), owed);
	const charlieBefore = await nusd(api, charlie.address);
	await signAndFinalize(api.tx.dam.withdraw(dam, charlieShares, MAX_TOKENS), charlie, inBlock);
	const out = (await nusd(api, charlie.address)) - charlieBefore;
	assert.ok(out <= 1_600n * USD && out >= 1_600n * USD - 1n, `Charlie leaves with ${out}`);
});
