// The DEX and fees in other assets on a real node: a Delegator claims a Network's synthetic
// reward tokens, creates the token's NEK pool with part of them and swaps at the price that
// `AssetConversionApi` quotes; a pool of an asset the marketplace does not trade and a swap
// asking too much are refused with their named errors; and a Delegator holding no NEK deposits
// into a DAM, paying the fee in nUSD through the genesis nUSD/NEK pool.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { DispatchError, UNIT, createKeyring, devAccounts, findEvent, freeBalance, freshAccount, signAndFinalize, waitForBlocks } from '../lib/chain.js';
import { useNode } from '../lib/process.js';
import { ANY_FEE, MAX_TOKENS, NUSD, USD, damConfig, inBlock, install, liveNetworks, networkTerms, nusd, operatorDam, tokenBalance } from '../lib/nektar.js';

const node = useNode({ name: 'defi' });

const NATIVE = 'Native';

test('a Delegator claims synthetic rewards, pools them with NEK and swaps at the quoted price', { timeout: 600_000 }, async () => {
	const { api } = node;
	const accounts = await devAccounts();
	const { charlie: delegator, dave: manager, eve: operator } = accounts;

	// 1 reward unit per unit of exposure per day on 3,000 nUSD: about 0.2 nUSD a block.
	const [network] = await liveNetworks(api, accounts, manager, [
		networkTerms('Collateral', { rewardAsset: { WithId: NUSD }, delegatorRate: 10n ** 18n }),
	]);
	const token = (await api.call.rewardsApi.rewardProgram(network)).unwrap().token.toNumber();
	await signAndFinalize(api.tx.rewards.fundRewards(network, 1_000n * USD), manager, inBlock);
	const dam = await operatorDam(api, operator, damConfig('Collateral', { fee: 0 }));
	await install(api, dam, network, operator, manager);
	await signAndFinalize(api.tx.dam.deposit(dam, 3_000n * USD, ANY_FEE, MAX_TOKENS), delegator, inBlock);
	await signAndFinalize(api.tx.dam.commit(dam, network, 3_000n * USD), operator, inBlock);
	await waitForBlocks(api, 4);

	const claimed = await signAndFinalize(api.tx.rewards.claimRewards(dam, [network]), delegator, inBlock);
	const rewards = findEvent(claimed.events, 'rewards', 'RewardsClaimed').data[4].toBigInt();
	assert.ok(rewards > USD / 2n, `the claim minted the synthetic token: ${rewards}`);
	assert.equal(await tokenBalance(api, token, delegator.address), rewards);

	// The Delegator creates the token's NEK pool and puts half the rewards in it at 1 NEK each.
	const synthetic = { WithId: token };
	await signAndFinalize(api.tx.assetConversion.createPool(NATIVE, synthetic), delegator, inBlock);
	const half = rewards / 2n;
	const nekIn = (half * UNIT) / USD;
	await signAndFinalize(api.tx.assetConversion.addLiquidity(NATIVE, synthetic, nekIn, half, 1, 1, delegator.address), delegator, inBlock);
	const reserves = (await api.call.assetConversionApi.getReserves(NATIVE, synthetic)).unwrap();
	assert.equal(reserves[0].toBigInt(), nekIn);
	assert.equal(reserves[1].toBigInt(), half);

	// It sells a fifth of what it kept, at the quoted price.
	const sell = (rewards - half) / 5n;
	const quote = (await api.call.assetConversionApi.quotePriceExactTokensForTokens(synthetic, NATIVE, sell, true)).unwrap().toBigInt();
	assert.ok(quote > 0n && quote < (sell * UNIT) / USD, `the pool pays less than 1 NEK per token: ${quote}`);
	const nekBefore = await freeBalance(api, delegator.address);
	const swapped = await signAndFinalize(api.tx.assetConversion.swapExactTokensForTokens([synthetic, NATIVE], sell, quote, delegator.address, false), delegator, inBlock);
	const executed = findEvent(swapped.events, 'assetConversion', 'SwapExecuted');
	assert.equal(executed.data[2].toBigInt(), sell, 'amount in');
	assert.equal(executed.data[3].toBigInt(), quote, 'the amount received is the quote');
	const fee = findEvent(swapped.events, 'transactionPayment', 'TransactionFeePaid').data[1].toBigInt();
	assert.equal((await freeBalance(api, delegator.address)) - nekBefore, quote - fee);
	assert.equal(await tokenBalance(api, token, delegator.address), rewards - half - sell);

	// A swap asking more than the quote fails by name and changes no balance.
	const heldBefore = await tokenBalance(api, token, delegator.address);
	const quoteNow = (await api.call.assetConversionApi.quotePriceExactTokensForTokens(synthetic, NATIVE, sell, true)).unwrap().toBigInt();
	await assert.rejects(
		signAndFinalize(api.tx.assetConversion.swapExactTokensForTokens([synthetic, NATIVE], sell, quoteNow * 2n, delegator.address, false), delegator, inBlock),
		(e) => e instanceof DispatchError && e.errorName === 'assetConversion.ProvidedMinimumNotSufficientForSwap',
	);
	assert.equal(await tokenBalance(api, token, delegator.address), heldBefore);

	// An asset the marketplace does not trade gets no pool.
	const { bob } = accounts;
	await signAndFinalize(api.tx.assets.create(4242, bob.address, 1), bob, inBlock);
	const pools = (await api.query.assetConversion.pools.entries()).length;
	await assert.rejects(
		signAndFinalize(api.tx.assetConversion.createPool(NATIVE, { WithId: 4242 }), bob, inBlock),
		(e) => e instanceof DispatchError && e.errorName === 'assetConversion.InvalidAssetPair',
	);
	assert.equal((await api.query.assetConversion.pools.entries()).length, pools);
});

test('a Delegator holding no NEK deposits into a DAM and pays the fee in nUSD', { timeout: 300_000 }, async () => {
	const { api } = node;
	const accounts = await devAccounts();
	const { alice, ferdie: operator } = accounts;
	const dam = await operatorDam(api, operator, damConfig('Liquidity', { fee: 0 }));

	const delegator = await freshAccount(await createKeyring(), 'nusd-only');
	await signAndFinalize(api.tx.assets.transfer(NUSD, delegator.address, 1_000n * USD), alice, inBlock);
	assert.equal(await freeBalance(api, delegator.address), 0n, 'no NEK at all');

	const deposit = api.tx.dam.deposit(dam, 100n * USD, ANY_FEE, MAX_TOKENS);
	// The fee in NEK, and what the genesis pool asks in nUSD for it.
	const { partialFee } = await deposit.paymentInfo(delegator.address);
	const quoted = (await api.call.assetConversionApi.quotePriceTokensForExactTokens({ WithId: NUSD }, NATIVE, partialFee, true)).unwrap().toBigInt();
	const paid = await signAndFinalize(deposit, delegator, { ...inBlock, assetId: { WithId: NUSD } });

	const feePaid = findEvent(paid.events, 'assetTxPayment', 'AssetTxFeePaid');
	assert.ok(feePaid, 'the fee was paid through the asset extension');
	assert.equal(feePaid.data[0].toString(), delegator.address);
	assert.deepEqual(feePaid.data[3].toJSON(), { withId: NUSD });
	const actual = feePaid.data[1].toBigInt();
	assert.ok(actual > 0n && actual <= quoted, `paid ${actual} nUSD, quoted ${quoted} for the full fee`);
	assert.equal(await nusd(api, delegator.address), 1_000n * USD - 100n * USD - actual);
	assert.equal(await freeBalance(api, delegator.address), 0n, 'still no NEK');
	const shares = await api.query.dam.shares(dam, delegator.address);
	assert.ok(shares.toBigInt() > 0n, 'the deposit minted shares');
});
