// The console checks (src/lib/console.ts): penalty bounds, confirmations, scores, license
// sales, amounts, session keys and the validator ranking.

import assert from "node:assert/strict";
import { test } from "node:test";
import {
  checkAmount,
  checkHex,
  checkMaxExposure,
  checkPenalty,
  checkSupply,
  parseScore,
  penaltyBounds,
  perbillCeil,
  perbillFloor,
  placeInRanking,
  splitSessionKeys,
} from "../../build/lib/console.js";

const PERBILL = 1_000_000_000;

test("Perbill products round down and up as the chain's mul_floor and mul_ceil", () => {
  assert.equal(perbillFloor(1_999n, PERBILL / 1000), 1n);
  assert.equal(perbillCeil(1_999n, PERBILL / 1000), 2n);
  assert.equal(perbillCeil(2_000n, PERBILL / 1000), 2n);
  assert.equal(perbillFloor(10n ** 30n, PERBILL), 10n ** 30n);
  assert.equal(perbillCeil(0n, 333_333_333), 0n);
  assert.equal(perbillCeil(3n, 333_333_333), 1n);
});

test("a penalty lies between the protocol's minimum and the Network's maximum less what is open", () => {
  // 2,000 nUSD slashable, 10% at most, 0.1% at least.
  const exposure = 2_000_000_000n;
  const bounds = penaltyBounds({ exposure, maxPenalty: PERBILL / 10, minPenalty: PERBILL / 1000, pending: 0n });
  assert.deepEqual(bounds, { min: 2_000_000n, max: 200_000_000n });
  const open = penaltyBounds({ exposure, maxPenalty: PERBILL / 10, minPenalty: PERBILL / 1000, pending: 150_000_000n });
  assert.equal(open.max, 50_000_000n);
  const full = penaltyBounds({ exposure, maxPenalty: PERBILL / 10, minPenalty: PERBILL / 1000, pending: 300_000_000n });
  assert.equal(full.max, 0n);

  const limits = { decimals: 6, symbol: "nUSD", ...bounds, maxReason: 16 };
  assert.deepEqual(checkPenalty("50", "late answers", limits), {
    ok: true,
    value: { amount: 50_000_000n, reason: "late answers" },
  });
  assert.equal(checkPenalty("201", "x", limits).error, "At most 200 nUSD, the Network's largest penalty now.");
  assert.equal(checkPenalty("1.5", "x", limits).error, "At least 2 nUSD, the protocol's minimum penalty.");
  assert.equal(checkPenalty("0", "x", limits).error, "Ask for an amount above zero.");
  assert.equal(checkPenalty("abc", "x", limits).error, "The amount is not a number.");
  assert.match(checkPenalty("50", "  ", limits).error, /Say why/);
  assert.equal(checkPenalty("50", "é".repeat(9), limits).error, "The reason takes at most 16 bytes.");
  assert.equal(checkPenalty("50", "x", { ...limits, max: 0n }).error, "Nothing of this DAM can be penalised now.");
});

test("a confirmation's largest exposure is empty or between the minimum allocation and the request", () => {
  const limits = { decimals: 6, symbol: "nUSD", min: 100_000_000n, max: 100_000_000_000n };
  assert.deepEqual(checkMaxExposure("", limits), { ok: true, value: undefined });
  assert.deepEqual(checkMaxExposure("5,000", limits), { ok: true, value: 5_000_000_000n });
  assert.equal(checkMaxExposure("99.99", limits).error, "At least 100 nUSD, the minimum allocation.");
  assert.equal(checkMaxExposure("100001", limits).error, "At most 100,000 nUSD, the amount requested.");
  assert.equal(checkMaxExposure("1.0000001", limits).ok, false);
});

test("a performance score is a percentage read into a Permill", () => {
  assert.deepEqual(parseScore("100"), { ok: true, value: 1_000_000 });
  assert.deepEqual(parseScore("97.5%"), { ok: true, value: 975_000 });
  assert.deepEqual(parseScore("0"), { ok: true, value: 0 });
  assert.deepEqual(parseScore("0.0001"), { ok: true, value: 1 });
  assert.equal(parseScore("100.01").error, "A score is at most 100%.");
  assert.equal(parseScore("12.34567").error, "At most four digits after the point.");
  assert.equal(parseScore("").ok, false);
  assert.equal(parseScore("-3").ok, false);
});

test("amounts are positive and within what is available", () => {
  assert.deepEqual(checkAmount("2.5", { decimals: 12, symbol: "NEK" }), { ok: true, value: 2_500_000_000_000n });
  assert.equal(checkAmount("0", { decimals: 12, symbol: "NEK" }).error, "Enter an amount above zero.");
  assert.equal(
    checkAmount("3", { decimals: 6, symbol: "nUSD", available: 2_000_000n, availableIs: "The loan is" }).error,
    "The loan is 2 nUSD.",
  );
  assert.equal(checkAmount("3", { decimals: 6, symbol: "nUSD", available: 2_000_000n }).error, "You hold 2 nUSD.");
});

test("a license sale offers from one license up to the chain's maximum", () => {
  assert.deepEqual(checkSupply("10", 64), { ok: true, value: 10 });
  assert.equal(checkSupply("0", 64).error, "Sell at least one license.");
  assert.equal(checkSupply("65", 64).error, "At most 64 licenses in a sale.");
  assert.equal(checkSupply("2.5", 64).error, "Enter a whole number of licenses.");
});

test("session keys split into the Aura and GRANDPA keys", () => {
  const aura = "11".repeat(32);
  const grandpa = "AB".repeat(32);
  assert.deepEqual(splitSessionKeys(`0x${aura}${grandpa}`), {
    ok: true,
    value: { aura: `0x${aura}`, grandpa: `0x${grandpa.toLowerCase()}` },
  });
  assert.match(splitSessionKeys(`0x${aura}`).error, /64 bytes .* this is 32/);
  assert.equal(splitSessionKeys(aura + grandpa).error, "The keys are hex, starting with 0x.");
  assert.deepEqual(checkHex("0x0aFF", "proof"), { ok: true, value: "0x0aff" });
  assert.equal(checkHex("0x0", "proof").ok, false);
  assert.equal(checkHex("", "proof").error, "The proof is hex bytes, starting with 0x.");
});

test("an Operator's place in the validator ranking, and the backing it lacks", () => {
  const candidates = [
    { who: "A", backing: 5_000n, rank: 1, status: "Selected" },
    { who: "B", backing: 3_000n, rank: 2, status: "Selected" },
    { who: "C", backing: 2_000n, rank: 3, status: "Outranked" },
    { who: "D", backing: 500n, rank: 4, status: "BelowMinimum" },
  ];
  assert.deepEqual(placeInRanking(candidates, "A", 1_000n), { candidate: candidates[0], short: 0n });
  assert.equal(placeInRanking(candidates, "C", 1_000n).short, 1_001n);
  assert.equal(placeInRanking(candidates, "D", 1_000n).short, 500n);
  assert.deepEqual(placeInRanking(candidates, "E", 1_000n), { candidate: undefined, short: 1_000n });
});
