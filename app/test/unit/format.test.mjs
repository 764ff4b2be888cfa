// The formatting and quoting helpers (src/lib), compiled to build/lib by `npm run test:unit`.

import assert from "node:assert/strict";
import { test } from "node:test";
import {
  blocksToDuration,
  countdown,
  formatAmount,
  formatFixed,
  formatPerbill,
  formatPermill,
  parseAmount,
  parsePercentToPerbill,
  shortAddress,
} from "../../build/lib/format.js";
import { estimateDailyRewards, perTokenPerDay } from "../../build/lib/rewards.js";

test("amounts are shown with the token's decimals, grouped, never rounded up", () => {
  assert.equal(formatAmount(1_000_000_000_000n, 12, "NEK"), "1 NEK");
  assert.equal(formatAmount(1_234_567_890_123_456n, 12, "NEK"), "1,234.567890123456 NEK");
  assert.equal(formatAmount(1_234_567_890_123_456n, 12, "NEK", 4), "1,234.5678 NEK");
  assert.equal(formatAmount(999_999n, 6, "nUSD", 2), "0.99 nUSD");
  assert.equal(formatAmount(250_000_000n, 6), "250");
  assert.equal(formatAmount(0n, 6, "nUSD"), "0 nUSD");
  assert.equal(formatAmount(-1_500_000n, 6), "-1.5");
  assert.equal(formatAmount(42n, 0, "X"), "42 X");
});

test("typed amounts are read exactly, and bad input is named", () => {
  assert.deepEqual(parseAmount("250", 6), { ok: true, value: 250_000_000n });
  assert.deepEqual(parseAmount("1,250.5", 6), { ok: true, value: 1_250_500_000n });
  assert.deepEqual(parseAmount(".000001", 6), { ok: true, value: 1n });
  assert.deepEqual(parseAmount("0.000000000001", 12), { ok: true, value: 1n });
  assert.equal(parseAmount("1.0000001", 6).ok, false);
  assert.match(parseAmount("1.0000001", 6).error, /6 decimals/);
  assert.match(parseAmount("-3", 6).error, /negative/);
  assert.match(parseAmount("abc", 6).error, /not a number/);
  assert.match(parseAmount("", 6).error, /Enter an amount/);
  assert.match(parseAmount(".", 6).error, /not a number/);
  assert.match(parseAmount("1.5", 0).error, /whole number/);
});

test("Perbill, Permill and FixedU128 read as people expect", () => {
  assert.equal(formatPerbill(10_000_000), "1%");
  assert.equal(formatPerbill(1_000_000_000), "100%");
  assert.equal(formatPerbill(1), "0.0000001%");
  assert.equal(formatPerbill(0), "0%");
  assert.equal(formatPermill(1_000_000), "100%");
  assert.equal(formatPermill(125_000), "12.5%");
  assert.equal(formatFixed(10n ** 18n), "1");
  assert.equal(formatFixed(1_234_567_890_000_000_000n, 4), "1.2345");
  assert.deepEqual(parsePercentToPerbill("1.5%"), { ok: true, value: 15_000_000n });
  assert.deepEqual(parsePercentToPerbill("100"), { ok: true, value: 1_000_000_000n });
  assert.equal(parsePercentToPerbill("100.1").ok, false);
});

test("block counts become durations and countdowns", () => {
  assert.equal(blocksToDuration(10, 6000), "1 min");
  assert.equal(blocksToDuration(5, 6000), "30 s");
  assert.equal(blocksToDuration(14_400, 6000), "1 d");
  assert.equal(blocksToDuration(600, 6000), "1 h");
  assert.equal(blocksToDuration(15_000, 6000), "1 d 1 h");
  assert.equal(blocksToDuration(11, 6000), "1 min 6 s");
  assert.equal(countdown(105, 100, 6000), "in 5 blocks (~30 s)");
  assert.equal(countdown(101, 100, 6000), "in 1 block (~6 s)");
  assert.equal(countdown(100, 100, 6000), "ready");
  assert.equal(countdown(90, 100, 6000), "ready");
  assert.equal(shortAddress("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"), "5Grwva…GKutQY");
});

test("the estimated reward rate follows the installed Networks' terms", () => {
  const ONE = 10n ** 18n;
  const programs = [
    { program: 1, network: 1, token: 100, delegatorRate: 100n * ONE, operatorCommission: 100_000_000, accruing: true },
    { program: 2, network: 2, token: 101, delegatorRate: ONE, operatorCommission: 0, accruing: false },
  ];
  const daily = estimateDailyRewards(
    [
      { network: 1, effective: 2_000_000_000n, performance: 1_000_000 },
      { network: 2, effective: 5_000_000n, performance: 1_000_000 },
    ],
    programs,
  );
  // 2,000 nUSD × 100 per unit per day, less a 10% commission; the program that does not
  // accrue earns nothing.
  assert.deepEqual(daily, [{ program: 1, token: 100, perDay: 180_000_000_000n }]);
  const halfPerformance = estimateDailyRewards(
    [{ network: 1, effective: 2_000_000_000n, performance: 500_000 }],
    programs,
  );
  assert.equal(halfPerformance[0].perDay, 90_000_000_000n);
  assert.equal(perTokenPerDay(180_000_000_000n, 5_000_000_000n, 6), 36_000_000n);
  assert.equal(perTokenPerDay(1n, 0n, 6), 0n);
});

test("a Network's terms are checked field by field before signing", async () => {
  const { checkTerms, utf8Length } = await import("../../build/lib/terms.js");
  const limits = {
    depositDecimals: 6,
    rewardDecimals: 12,
    nativeDecimals: 12,
    maxOperatorCommission: 500_000_000,
    minDisputeWindow: 3,
    maxDisputeWindow: 20,
    maxOperatorsPerNetwork: 100,
    symbolLimit: 50,
    stringLimit: 128,
    isAddress: (t) => t === "5Safe",
  };
  const input = {
    kind: "Collateral",
    name: "Oracle",
    rewardSymbol: "rORC",
    minAllocation: "100",
    amountRequested: "100000",
    operatorsRequested: "4",
    duration: "14400",
    lockPeriod: "",
    delegatorRate: "0.01",
    operatorRate: "1",
    commission: "10",
    maxPenalty: "10",
    disputeWindow: "5",
    penaltyToSafe: false,
    safe: "",
    returnBond: "",
  };
  const ok = checkTerms(input, limits);
  assert.equal(ok.ok, true);
  // 0.01 NEK (10^10 planck) per whole nUSD (10^6 units) per day = 10^4 planck per unit.
  assert.equal(ok.terms.delegatorRate, 10_000n * 10n ** 18n);
  assert.equal(ok.terms.operatorRate, 10n ** 12n);
  assert.equal(ok.terms.operatorCommission, 100_000_000);
  assert.deepEqual(ok.terms.penalty, { maxPenalty: 100_000_000, disputeWindow: 5, toSafe: false });
  assert.equal(ok.terms.safe, undefined);

  const bad = checkTerms(
    { ...input, disputeWindow: "30", commission: "60", minAllocation: "200000", name: " ", operatorsRequested: "0" },
    limits,
  );
  assert.equal(bad.ok, false);
  assert.match(bad.errors.disputeWindow, /between 3 and 20/);
  assert.match(bad.errors.commission, /At most 50%/);
  assert.match(bad.errors.minAllocation, /above the amount requested/);
  assert.match(bad.errors.name, /name/);
  assert.match(bad.errors.operatorsRequested, /at least one/);
  const liquidity = checkTerms({ ...input, kind: "Liquidity" }, limits);
  assert.deepEqual(Object.keys(liquidity.errors).sort(), ["lockPeriod", "returnBond", "safe"]);
  const fixed = checkTerms({ ...input, kind: "Liquidity", lockPeriod: "50", safe: "5Safe", returnBond: "100" }, limits);
  assert.equal(fixed.ok, true);
  assert.equal(fixed.terms.penalty, undefined);
  assert.equal(fixed.terms.returnBond, 100n * 10n ** 12n);
  assert.equal(
    checkTerms({ ...input, delegatorRate: "0", operatorRate: "0" }, limits).errors.delegatorRate,
    "Offer delegators or Operators a reward rate.",
  );
  assert.equal(utf8Length("rÉ"), 3);
});
