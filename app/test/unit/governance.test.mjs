// The governance helpers (src/lib/governance.ts): conviction votes, referendum phases, tallies.

import assert from "node:assert/strict";
import { test } from "node:test";
import {
  approval,
  CONVICTIONS,
  phaseOf,
  readVoteByte,
  support,
  threshold,
  trackName,
  twoThirds,
  voteByte,
} from "../../build/lib/governance.js";

test("a conviction vote encodes as the chain's vote byte", () => {
  assert.equal(voteByte(true, "None"), 0x80);
  assert.equal(voteByte(true, "Locked3x"), 0x83);
  assert.equal(voteByte(false, "Locked6x"), 0x06);
  assert.deepEqual(readVoteByte(0x82), { aye: true, conviction: "Locked2x" });
  assert.deepEqual(readVoteByte(0x00), { aye: false, conviction: "None" });
  assert.equal(CONVICTIONS.length, 7);
  assert.throws(() => voteByte(true, "Locked7x"));
});

test("track names are read from text or zero-padded bytes", () => {
  assert.equal(trackName("network_whitelister"), "network_whitelister");
  const bytes = new Uint8Array(25);
  bytes.set(new TextEncoder().encode("root"));
  assert.equal(trackName(bytes), "root");
});

test("a referendum's phase follows its track's periods", () => {
  const track = { preparePeriod: 2, decisionPeriod: 20, confirmPeriod: 2, minEnactmentPeriod: 1 };
  const base = { submitted: 100, hasDecisionDeposit: false, inQueue: false };
  assert.deepEqual(phaseOf(base, track, 50), { phase: "Awaiting deposit", until: 150 });
  assert.deepEqual(phaseOf({ ...base, hasDecisionDeposit: true }, track), { phase: "Preparing", until: 102 });
  assert.deepEqual(phaseOf({ ...base, hasDecisionDeposit: true, inQueue: true }, track), { phase: "Queued" });
  assert.deepEqual(phaseOf({ ...base, hasDecisionDeposit: true, deciding: { since: 103 } }, track), {
    phase: "Deciding",
    until: 123,
  });
  assert.deepEqual(phaseOf({ ...base, hasDecisionDeposit: true, deciding: { since: 103, confirming: 110 } }, track), {
    phase: "Confirming",
    until: 110,
  });
});

test("tallies become approval and support, and curves give the thresholds", () => {
  assert.equal(approval(3n, 1n), 750_000_000);
  assert.equal(approval(0n, 0n), 0);
  assert.equal(support(1n, 10n), 100_000_000);
  assert.equal(support(20n, 10n), 1_000_000_000);
  assert.equal(support(1n, 0n), 0);
  const linear = { type: "LinearDecreasing", value: { length: 1_000_000_000, floor: 5_000_000, ceil: 100_000_000 } };
  assert.equal(threshold(linear, 0), 100_000_000);
  assert.equal(threshold(linear, 500_000_000), 52_500_000);
  assert.equal(threshold(linear, 1_000_000_000), 5_000_000);
  const stepped = { type: "SteppedDecreasing", value: { begin: 800, end: 200, step: 100, period: 250 } };
  assert.equal(threshold(stepped, 0), 800);
  assert.equal(threshold(stepped, 600), 600);
  assert.equal(threshold(stepped, 1_000_000_000), 200);
  assert.equal(threshold({ type: "Reciprocal", value: {} }, 0), undefined);
  assert.equal(twoThirds(3), 2);
  assert.equal(twoThirds(4), 3);
  assert.equal(twoThirds(1), 1);
});

test("a track's lock: the largest vote, the delegation, and the prior lock until it expires", async () => {
  const { lockEnds, lockNeeded, unlockable, voteBalance } = await import("../../build/lib/governance.js");
  assert.equal(voteBalance({ type: "Standard", value: { vote: 0x81, balance: 5n } }), 5n);
  assert.equal(voteBalance({ type: "Split", value: { aye: 2n, nay: 3n } }), 5n);
  assert.equal(voteBalance({ type: "SplitAbstain", value: { aye: 1n, nay: 2n, abstain: 3n } }), 6n);

  const voting = { votes: [40n, 70n], prior: { until: 100, amount: 90n } };
  assert.equal(lockNeeded(voting, 99), 90n);
  assert.equal(lockNeeded(voting, 100), 70n, "the prior lock expires at its block");
  assert.equal(unlockable(90n, voting, 100), 20n);
  assert.equal(unlockable(90n, { votes: [], prior: { until: 0, amount: 0n } }, 5), 90n);
  assert.equal(unlockable(50n, { votes: [], delegated: 50n, prior: { until: 0, amount: 0n } }, 5), 0n);
  assert.equal(unlockable(10n, voting, 0), 0n, "never below zero");

  assert.equal(lockEnds(1_000, "None", 100_800), 1_000);
  assert.equal(lockEnds(1_000, "Locked1x", 100_800), 101_800);
  assert.equal(lockEnds(1_000, "Locked3x", 100_800), 1_000 + 4 * 100_800);
});
