// Pure helpers of the governance view: conviction votes as the chain encodes them, where a
// referendum stands in its track's periods, and its tally as shares. They know nothing of the
// chain client, so the unit tests run them directly.

import { PERBILL } from "./format.js";

/** The convictions of a vote: how much it counts and how long it locks its NEK. */
export const CONVICTIONS = [
  { name: "None", multiplier: "0.1×", periods: 0 },
  { name: "Locked1x", multiplier: "1×", periods: 1 },
  { name: "Locked2x", multiplier: "2×", periods: 2 },
  { name: "Locked3x", multiplier: "3×", periods: 4 },
  { name: "Locked4x", multiplier: "4×", periods: 8 },
  { name: "Locked5x", multiplier: "5×", periods: 16 },
  { name: "Locked6x", multiplier: "6×", periods: 32 },
] as const;

export type ConvictionName = (typeof CONVICTIONS)[number]["name"];

/** The vote byte of a standard vote: the aye bit (0x80) and the conviction's index. */
export function voteByte(aye: boolean, conviction: ConvictionName): number {
  const index = CONVICTIONS.findIndex((c) => c.name === conviction);
  if (index < 0) throw new Error(`Unknown conviction ${conviction}`);
  return (aye ? 0x80 : 0) | index;
}

/** A vote byte read back: aye or nay, and the conviction. */
export function readVoteByte(byte: number): { aye: boolean; conviction: ConvictionName } {
  return { aye: (byte & 0x80) !== 0, conviction: CONVICTIONS[Math.min(byte & 0x7f, 6)].name };
}

/** A track's name as the chain stores it (text, or zero-padded bytes) as text. */
export function trackName(raw: string | Uint8Array): string {
  if (typeof raw === "string") return raw.replace(/\0+$/, "");
  let end = raw.length;
  while (end > 0 && raw[end - 1] === 0) end--;
  // UTF-8 through percent-encoding: the helpers run without the DOM's TextDecoder.
  const encoded = Array.from(raw.subarray(0, end), (b) => `%${b.toString(16).padStart(2, "0")}`).join("");
  try {
    return decodeURIComponent(encoded);
  } catch {
    return String.fromCharCode(...raw.subarray(0, end));
  }
}

/** The periods of a track, in blocks. */
export interface TrackPeriods {
  preparePeriod: number;
  decisionPeriod: number;
  confirmPeriod: number;
  minEnactmentPeriod: number;
}

/** What an ongoing referendum's status says about its periods. */
export interface OngoingState {
  submitted: number;
  hasDecisionDeposit: boolean;
  inQueue: boolean;
  deciding?: { since: number; confirming?: number };
}

export type Phase =
  | { phase: "Preparing"; until: number }
  | { phase: "Awaiting deposit"; until?: number }
  | { phase: "Queued" }
  | { phase: "Deciding"; until: number }
  | { phase: "Confirming"; until: number };

/**
 * Where an ongoing referendum stands and until which block: preparing until its prepare period
 * has passed, waiting for its decision deposit, queued behind a full track, deciding until
 * its decision period ends, or confirming until its confirm period ends.
 */
export function phaseOf(status: OngoingState, track: TrackPeriods, undecidingTimeout?: number): Phase {
  if (status.deciding) {
    if (status.deciding.confirming !== undefined) return { phase: "Confirming", until: status.deciding.confirming };
    return { phase: "Deciding", until: status.deciding.since + track.decisionPeriod };
  }
  const prepared = status.submitted + track.preparePeriod;
  if (!status.hasDecisionDeposit) {
    return {
      phase: "Awaiting deposit",
      until: undecidingTimeout === undefined ? undefined : status.submitted + undecidingTimeout,
    };
  }
  if (status.inQueue) return { phase: "Queued" };
  return { phase: "Preparing", until: prepared };
}

/** Approval: the ayes' share of all conviction-weighted votes (Perbill); 0 with no votes. */
export function approval(ayes: bigint, nays: bigint): number {
  const total = ayes + nays;
  if (total === 0n) return 0;
  return Number((ayes * BigInt(PERBILL)) / total);
}

/** Support: aye NEK before conviction, of the active issuance (Perbill). */
export function support(ayeBalance: bigint, issuance: bigint): number {
  if (issuance === 0n) return 0;
  const parts = (ayeBalance * BigInt(PERBILL)) / issuance;
  return Number(parts > BigInt(PERBILL) ? BigInt(PERBILL) : parts);
}

/** A curve of the referenda pallet, as the client decodes it (Perbill figures). */
export type Curve =
  | { type: "LinearDecreasing"; value: { length: number; floor: number; ceil: number } }
  | { type: "SteppedDecreasing"; value: { begin: number; end: number; step: number; period: number } }
  | { type: "Reciprocal"; value: unknown };

/**
 * The threshold (Perbill) a curve asks for at `elapsed` of the decision period (Perbill of it);
 * undefined for a reciprocal curve, which the view does not draw.
 */
export function threshold(curve: Curve, elapsed: number): number | undefined {
  const x = Math.min(Math.max(elapsed, 0), PERBILL);
  if (curve.type === "LinearDecreasing") {
    const { length, floor, ceil } = curve.value;
    if (length === 0 || x >= length) return floor;
    return Math.round(ceil - ((ceil - floor) * x) / length);
  }
  if (curve.type === "SteppedDecreasing") {
    const { begin, end, step, period } = curve.value;
    if (period === 0) return Math.max(end, begin);
    const steps = Math.floor(x / period);
    return Math.max(end, begin - steps * step);
  }
  return undefined;
}

/** The least number of ayes that makes a Council motion of `members` pass by two thirds. */
export function twoThirds(members: number): number {
  return Math.ceil((members * 2) / 3);
}

/** A vote as the chain stores it: standard, split, or split with abstention. */
export type AccountVote =
  | { type: "Standard"; value: { vote: number; balance: bigint } }
  | { type: "Split"; value: { aye: bigint; nay: bigint } }
  | { type: "SplitAbstain"; value: { aye: bigint; nay: bigint; abstain: bigint } };

/** The NEK a vote locks: its balance, or the sum of its parts. */
export function voteBalance(vote: AccountVote): bigint {
  switch (vote.type) {
    case "Standard":
      return vote.value.balance;
    case "Split":
      return vote.value.aye + vote.value.nay;
    case "SplitAbstain":
      return vote.value.aye + vote.value.nay + vote.value.abstain;
  }
}

/** What an account does on one track: its votes, or its delegation, and the lock it left. */
export interface ClassVoting {
  /** The NEK of each vote still recorded (removed votes are gone). */
  votes: bigint[];
  /** The NEK delegated, while delegating. */
  delegated?: bigint;
  /** The lock left by removed votes or an ended delegation, until a block. */
  prior: { until: number; amount: bigint };
}

/**
 * The lock the track still needs at block `now`, as `unlock` recomputes it: the largest vote
 * still recorded, the delegated NEK, and the prior lock until it expires.
 */
export function lockNeeded(voting: ClassVoting, now: number): bigint {
  let needed = now < voting.prior.until ? voting.prior.amount : 0n;
  for (const v of voting.votes) if (v > needed) needed = v;
  if (voting.delegated !== undefined && voting.delegated > needed) needed = voting.delegated;
  return needed;
}

/** What `unlock` would release on a track locking `locked` now. */
export function unlockable(locked: bigint, voting: ClassVoting, now: number): bigint {
  const needed = lockNeeded(voting, now);
  return locked > needed ? locked - needed : 0n;
}

/**
 * The block until which a vote of `conviction` on the winning side stays locked once its
 * referendum ended at `endedAt`: its conviction's periods of `lockingPeriod` blocks.
 */
export function lockEnds(endedAt: number, conviction: ConvictionName, lockingPeriod: number): number {
  const c = CONVICTIONS.find((x) => x.name === conviction);
  return endedAt + (c?.periods ?? 0) * lockingPeriod;
}
