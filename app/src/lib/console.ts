// The checks of the Network and Operator consoles, made before signing: the bounds the chain
// holds a penalty, a confirmation, a performance score, a license sale, a repayment or a
// session key to, so that a form names the wrong field instead of paying for a failed call.
// They know nothing of the chain client, so the unit tests run them directly.

import { formatAmount, parseAmount, PERBILL, PERMILL } from "./format.js";

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

/** `value` × `parts` / 10^9, rounded down: Perbill's `mul_floor`. */
export function perbillFloor(value: bigint, parts: number): bigint {
  return (value * BigInt(parts)) / BigInt(PERBILL);
}

/** `value` × `parts` / 10^9, rounded up: Perbill's `mul_ceil`. */
export function perbillCeil(value: bigint, parts: number): bigint {
  const product = value * BigInt(parts);
  const scale = BigInt(PERBILL);
  return (product + scale - 1n) / scale;
}

/**
 * What a Collateral Network may ask of a DAM now: at least the protocol's `min_penalty` of the
 * slashable exposure (rounded up), at most its own `max_penalty` of it (rounded down) less what
 * its open penalties on the DAM already take. `max < min` means no penalty fits.
 */
export function penaltyBounds(input: {
  exposure: bigint;
  maxPenalty: number;
  minPenalty: number;
  pending: bigint;
}): { min: bigint; max: bigint } {
  const cap = perbillFloor(input.exposure, input.maxPenalty);
  const max = cap > input.pending ? cap - input.pending : 0n;
  return { min: perbillCeil(input.exposure, input.minPenalty), max };
}

/** The UTF-8 length of `text`. */
function byteLength(text: string): number {
  let bytes = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** A penalty request: an amount within the bounds, a reason within the chain's length. */
export function checkPenalty(
  amountText: string,
  reason: string,
  limits: { decimals: number; symbol: string; min: bigint; max: bigint; maxReason: number },
): Checked<{ amount: bigint; reason: string }> {
  const { decimals, symbol, min, max } = limits;
  if (max === 0n || max < min) return { ok: false, error: "Nothing of this DAM can be penalised now." };
  const parsed = parseAmount(amountText, decimals);
  if (!parsed.ok) return parsed;
  if (parsed.value === 0n) return { ok: false, error: "Ask for an amount above zero." };
  if (parsed.value < min) {
    return { ok: false, error: `At least ${formatAmount(min, decimals, symbol)}, the protocol's minimum penalty.` };
  }
  if (parsed.value > max) {
    return { ok: false, error: `At most ${formatAmount(max, decimals, symbol)}, the Network's largest penalty now.` };
  }
  const text = reason.trim();
  if (!text) return { ok: false, error: "Say why: the DAM and the resolver read the reason." };
  if (byteLength(text) > limits.maxReason) return { ok: false, error: `The reason takes at most ${limits.maxReason} bytes.` };
  return { ok: true, value: { amount: parsed.value, reason: text } };
}

/**
 * The most a confirmed installation may carry: empty for the Network's whole amount requested
 * (`undefined`, as the chain reads `None`), else an amount from the minimum allocation up to it.
 */
export function checkMaxExposure(
  text: string,
  limits: { decimals: number; symbol: string; min: bigint; max: bigint },
): Checked<bigint | undefined> {
  if (!text.trim()) return { ok: true, value: undefined };
  const parsed = parseAmount(text, limits.decimals);
  if (!parsed.ok) return parsed;
  if (parsed.value < limits.min) {
    return { ok: false, error: `At least ${formatAmount(limits.min, limits.decimals, limits.symbol)}, the minimum allocation.` };
  }
  if (parsed.value > limits.max) {
    return { ok: false, error: `At most ${formatAmount(limits.max, limits.decimals, limits.symbol)}, the amount requested.` };
  }
  return { ok: true, value: parsed.value };
}

/** A performance score typed as a percentage ("97.5") into a Permill. */
export function parseScore(text: string): Checked<number> {
  const cleaned = text.trim().replace(/%\s*$/, "");
  if (!cleaned) return { ok: false, error: "Enter a score from 0 to 100%." };
  const parsed = parseAmount(cleaned, 4);
  if (!parsed.ok) {
    return {
      ok: false,
      error: parsed.error.startsWith("This token has") ? "At most four digits after the point." : parsed.error,
    };
  }
  // Four fraction digits of a percentage are six of a fraction: exactly a Permill.
  if (parsed.value > BigInt(PERMILL)) return { ok: false, error: "A score is at most 100%." };
  return { ok: true, value: Number(parsed.value) };
}

/** A positive amount of a token, and not more than `available` when it is known. */
export function checkAmount(
  text: string,
  limits: { decimals: number; symbol: string; available?: bigint; availableIs?: string },
): Checked<bigint> {
  const parsed = parseAmount(text, limits.decimals);
  if (!parsed.ok) return parsed;
  if (parsed.value === 0n) return { ok: false, error: "Enter an amount above zero." };
  if (limits.available !== undefined && parsed.value > limits.available) {
    return {
      ok: false,
      error: `${limits.availableIs ?? "You hold"} ${formatAmount(limits.available, limits.decimals, limits.symbol)}.`,
    };
  }
  return { ok: true, value: parsed.value };
}

/** The number of licenses of a sale: a whole number from 1 up to the chain's `MaxLicenses`. */
export function checkSupply(text: string, maxLicenses: number): Checked<number> {
  if (!/^\d+$/.test(text.trim())) return { ok: false, error: "Enter a whole number of licenses." };
  const supply = Number(text.trim());
  if (supply < 1) return { ok: false, error: "Sell at least one license." };
  if (supply > maxLicenses) return { ok: false, error: `At most ${maxLicenses} licenses in a sale.` };
  return { ok: true, value: supply };
}

/** Session keys as the node hands them out (`author_rotateKeys`): the Aura and GRANDPA keys. */
export interface SessionKeys {
  aura: string;
  grandpa: string;
}

/**
 * The hex of the runtime's session keys, Aura's 32 bytes then GRANDPA's 32, split into the two
 * keys that `session.set_keys` takes.
 */
export function splitSessionKeys(text: string): Checked<SessionKeys> {
  const hex = text.trim().toLowerCase();
  if (!/^0x[0-9a-f]*$/.test(hex)) return { ok: false, error: "The keys are hex, starting with 0x." };
  if (hex.length !== 2 + 128) {
    return { ok: false, error: `The keys are 64 bytes (Aura then GRANDPA); this is ${Math.floor((hex.length - 2) / 2)}.` };
  }
  return { ok: true, value: { aura: `0x${hex.slice(2, 66)}`, grandpa: `0x${hex.slice(66)}` } };
}

/** Hex bytes of any length, such as a session keys' ownership proof. */
export function checkHex(text: string, what: string): Checked<string> {
  const hex = text.trim().toLowerCase();
  if (!/^0x([0-9a-f]{2})*$/.test(hex)) return { ok: false, error: `The ${what} is hex bytes, starting with 0x.` };
  return { ok: true, value: hex };
}

/** A candidate of the validator ranking, as the runtime API lists it. */
export interface Candidate {
  who: string;
  backing: bigint;
  rank: number;
  status: string;
}

/**
 * Where `who` stands in the ranking: its own entry, how much more backing the last selected
 * validator has (what it takes to be selected when outranked), and the minimum it needs.
 */
export function placeInRanking(
  candidates: Candidate[],
  who: string,
  minBacking: bigint,
): { candidate?: Candidate; short: bigint } {
  const candidate = candidates.find((c) => c.who === who);
  const backing = candidate?.backing ?? 0n;
  let needed = minBacking;
  if (candidate?.status === "Outranked") {
    const selected = candidates.filter((c) => c.status === "Selected");
    const last = selected[selected.length - 1];
    if (last && last.backing + 1n > needed) needed = last.backing + 1n;
  }
  return { candidate, short: needed > backing ? needed - backing : 0n };
}
