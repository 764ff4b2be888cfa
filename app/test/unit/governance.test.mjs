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
