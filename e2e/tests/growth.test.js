// The Growth scenario on a real node: a DAM sells part of its pool to a Network for rewards.
// The exchange rate falls at once, the DAM closes to deposits while shares stay transferable,
// and the Network's manager takes the assets when the vault opens.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { DispatchError, devAccounts, findEvent, signAndFinalize } from '../lib/chain.js';
import { useNode } from '../lib/process.js';
import { ANY_FEE, MAX_TOKENS, USD, damConfig, damDetails, inBlock, install, liveNetworks, networkTerms, nusd, operatorDam, position, waitUntil } from '../lib/nektar.js';

const node = useNode({ name: 'growth' });

test('a Growth DAM allocates, closes to deposits, and the Network takes the released vault', { timeout: 900_000 }, async () => {
	const { api } = node;
	const accounts = await devAccounts();
	const { alice, bob, charlie, dave: manager, eve: operator } = accounts;

	const [network] = await liveNetworks(api, accounts, manager, [networkTerms('Growth', { lockPeriod: 2 })]);
	const dam = await operatorDam(api, operator, damConfig('Growth', { fee: 0 }));
	await install(api, dam, network, operator, manager);
	await signAndFinalize(api.tx.dam.deposit(dam, 1_000n * USD, ANY_FEE, MAX_TOKENS), alice, inBlock);
	await signAndFinalize(api.tx.dam.deposit(dam, 1_000n * USD, ANY_FEE, MAX_TOKENS), charlie, inBlock);
	const account = (await damDetails(api, dam)).account.toString();

	// The allocation is a sale: 1,200 of 2,000 leave, so each position keeps 40%.
	const allocated = await signAndFinalize(api.tx.dam.allocate(dam, network, 1_200n * USD), operator, inBlock);
	assert.ok(findEvent(allocated.events, 'dam', 'DepositsClosed'), 'the DAM closes to deposits');
	let details = await damDetails(api, dam);
	assert.equal(details.tvl.toBigInt(), 800n * USD);
	assert.ok(details.dam.closed.isTrue);
	assert.equal(await nusd(api, account), 800n * USD);
	const alicePosition = await position(api, dam, alice);
	assert.equal(alicePosition.value.toBigInt(), 400n * USD);
	await assert.rejects(
		signAndFinalize(api.tx.dam.deposit(dam, 10n * USD, ANY_FEE, MAX_TOKENS), bob, inBlock),
		(e) => e instanceof DispatchError && e.errorName === 'dam.DepositsClosed',
	);

	// Shares still change hands.
	const charlieShares = (await position(api, dam, charlie)).shares.toBigInt();
	await signAndFinalize(api.tx.dam.transferShares(dam, bob.address, charlieShares / 2n, MAX_TOKENS), charlie, inBlock);
	assert.equal((await position(api, dam, bob)).value.toBigInt(), 200n * USD);

	// The vault opens for the Network's manager only.
	const [{ id: vaultId, vault }] = await api.call.vaultsApi.vaults(network);
	assert.equal(vault.kind.toString(), 'Growth');
	assert.equal(vault.state.toString(), 'Locked');
	await waitUntil(api, vault.unlockAt.toNumber());
	await signAndFinalize(api.tx.vaults.release(vaultId), bob, inBlock);
	assert.equal((await api.call.vaultsApi.vaults(network))[0].vault.state.toString(), 'Released');
	await assert.rejects(
		signAndFinalize(api.tx.vaults.release(vaultId), bob, inBlock),
		(e) => e instanceof DispatchError && e.errorName === 'vaults.AlreadyReleased',
	);
	await assert.rejects(
		signAndFinalize(api.tx.vaults.withdrawReleased(vaultId), bob, inBlock),
		(e) => e instanceof DispatchError && e.errorName === 'vaults.NotNetworkManager',
	);
	const managerBefore = await nusd(api, manager.address);
	await signAndFinalize(api.tx.vaults.withdrawReleased(vaultId), manager, inBlock);
	assert.equal((await nusd(api, manager.address)) - managerBefore, 1_200n * USD);
	assert.equal((await api.call.vaultsApi.vaults(network)).length, 0);

	// What was never allocated stays withdrawable at the lowered rate.
	const aliceBefore = await nusd(api, alice.address);
	await signAndFinalize(api.tx.dam.withdraw(dam, alicePosition.shares, MAX_TOKENS), alice, inBlock);
	assert.equal((await nusd(api, alice.address)) - aliceBefore, 400n * USD);
	// The withdrawal takes its value rounded up off the books; the remainder stays as dust.
	details = await damDetails(api, dam);
	assert.equal(details.tvl.toBigInt(), 400n * USD - 1n);
	assert.equal(details.dam.dust.toBigInt(), 1n);
	assert.equal(await nusd(api, account), 400n * USD);
});
