// The pool-price helpers (src/lib/prices.ts): how a price is quoted and how rewards paid in other
// assets are valued in a DAM's deposit asset.

import assert from "node:assert/strict";
import { test } from "node:test";
import { perWholeToken, quoteSize } from "../../build/lib/prices.js";
import { dailyYield, valueRewards } from "../../build/lib/rewards.js";

const NEK = 10n ** 12n;

test("a price is quoted on one whole token, or on a thousandth of a shallow pool", () => {
  assert.equal(quoteSize(12, 10_000n * NEK), NEK);
  assert.equal(quoteSize(12, 1000n * NEK), NEK);
  assert.equal(quoteSize(12, 500_000_000n), 500_000n);
  assert.equal(quoteSize(6, 999n), 1n);
  assert.equal(quoteSize(0, 5_000n), 1n);
  assert.equal(perWholeToken(997_000n, 1_000_000n, 6), 997_000n);
  assert.equal(perWholeToken(498_500n, 500_000n, 12), 997_000n * 10n ** 6n);
  assert.equal(perWholeToken(5n, 0n, 6), 0n);
});

test("rewards in the deposit asset count one for one; others go through the NEK pools", () => {
  // A DAM of nUSD (6 decimals): one program pays nUSD, one pays NEK through rTST (12 decimals).
  const deposit = { native: false, nativeDecimals: 12, perNek: 2_000_000n }; // 1 NEK sells for 2 nUSD
  const rewards = [
    { program: 1, perTokenPerDay: 10_000n, decimals: 6, paysDepositAsset: true },
    // 0.001 rTST per nUSD per day; one rTST sells for 0.5 NEK.
    { program: 2, perTokenPerDay: NEK / 1000n, decimals: 12, paysDepositAsset: false, nekPrice: NEK / 2n },
  ];
  const valued = valueRewards(rewards, deposit);
  // 10,000 + 0.001 × 0.5 NEK × 2 nUSD = 10,000 + 1,000 units of nUSD.
  assert.deepEqual(valued, { perTokenPerDay: 11_000n, unpriced: [] });
  assert.equal(dailyYield(valued.perTokenPerDay, 6), "1.1%");
});

test("a token without a pool is left out and named", () => {
  const rewards = [
    { program: 3, perTokenPerDay: 5n * NEK, decimals: 12, paysDepositAsset: false },
    { program: 4, perTokenPerDay: NEK, decimals: 12, paysDepositAsset: false, nekPrice: 3n * NEK },
  ];
  assert.deepEqual(valueRewards(rewards, { native: true, nativeDecimals: 12 }), {
    perTokenPerDay: 3n * NEK,
    unpriced: [3],
  });
  // A deposit asset without a NEK pool cannot be priced either.
  assert.deepEqual(valueRewards(rewards, { native: false, nativeDecimals: 12 }), {
    perTokenPerDay: 0n,
    unpriced: [3, 4],
  });
  assert.equal(dailyYield(0n, 6), "0%");
  assert.equal(dailyYield(123n, 6), "0.0123%");
});
