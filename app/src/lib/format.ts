// Pure helpers for amounts, ratios and block times. They know nothing of the chain client, so
// the unit tests run them directly.

/** Perbill: parts per billion. */
export const PERBILL = 1_000_000_000;
/** Permill: parts per million. */
export const PERMILL = 1_000_000;
/** FixedU128: 18 decimal digits. */
export const FIXED_ONE = 10n ** 18n;

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/**
 * `value` smallest units of a token with `decimals` decimals, as text: thousands grouped,
 * trailing zeros of the fraction dropped, at most `maxFraction` fraction digits (rounded
 * down, so a balance is never shown larger than it is).
 */
export function formatAmount(value: bigint, decimals: number, symbol?: string, maxFraction = decimals): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const base = 10n ** BigInt(decimals);
  const whole = abs / base;
  let fraction = decimals > 0 ? (abs % base).toString().padStart(decimals, "0") : "";
  fraction = fraction.slice(0, Math.max(0, maxFraction)).replace(/0+$/, "");
  const text = `${negative ? "-" : ""}${groupThousands(whole.toString())}${fraction ? `.${fraction}` : ""}`;
  return symbol ? `${text} ${symbol}` : text;
}

export type Parsed = { ok: true; value: bigint } | { ok: false; error: string };

/**
 * Reads a decimal amount typed by a user ("1,250.5") into smallest units. Says what is wrong
 * in words: not a number, negative, or more fraction digits than the token has.
 */
export function parseAmount(text: string, decimals: number): Parsed {
  const cleaned = text.trim().replace(/[,_\s]/g, "");
  if (cleaned === "") return { ok: false, error: "Enter an amount." };
  if (cleaned.startsWith("-")) return { ok: false, error: "The amount cannot be negative." };
  const match = /^(\d*)(?:\.(\d*))?$/.exec(cleaned);
  if (!match || (match[1] === "" && (match[2] ?? "") === "")) {
    return { ok: false, error: "The amount is not a number." };
  }
  const fraction = match[2] ?? "";
  if (fraction.length > decimals) {
    return {
      ok: false,
      error:
        decimals === 0
          ? "This token has no decimals: enter a whole number."
          : `This token has ${decimals} decimals: enter at most ${decimals} digits after the point.`,
    };
  }
  const value = BigInt(match[1] || "0") * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, "0") || "0");
  return { ok: true, value };
}

/** A share in parts per `scale` as a percentage: at most `digits` fraction digits. */
function formatParts(parts: number, scale: number, digits: number): string {
  const percent = (parts * 100) / scale;
  const text = percent.toFixed(digits).replace(/\.?0+$/, "");
  return `${text}%`;
}

/** A Perbill (0 to 1,000,000,000) as a percentage. */
export function formatPerbill(parts: number): string {
  return formatParts(parts, PERBILL, 7);
}

/** A Permill (0 to 1,000,000) as a percentage. */
export function formatPermill(parts: number): string {
  return formatParts(parts, PERMILL, 4);
}

/** Reads a percentage typed by a user ("1.5" or "1.5%") into a Perbill. */
export function parsePercentToPerbill(text: string): Parsed {
  const parsed = parseAmount(text.replace(/%\s*$/, ""), 7);
  if (!parsed.ok) return parsed;
  // 7 fraction digits of a percentage are 9 digits of a fraction: exactly a Perbill.
  if (parsed.value > 100n * 10n ** 7n) return { ok: false, error: "A percentage is at most 100%." };
  return parsed;
}

/** A FixedU128 (18 decimals) as a decimal number with `digits` fraction digits, rounded down. */
export function formatFixed(value: bigint, digits = 6): string {
  return formatAmount(value, 18, undefined, digits) || "0";
}

/** A FixedU128 as a JavaScript number, for charts and sorting. */
export function fixedToNumber(value: bigint): number {
  return Number(value / 10n ** 9n) / 1e9;
}

/** An amount of smallest units as a number of whole tokens, for charts and sorting. */
export function amountToNumber(value: bigint, decimals: number): number {
  const base = 10n ** BigInt(decimals);
  return Number(value / base) + Number(value % base) / Number(base);
}

/** A number of blocks as a duration in words ("2 d 3 h", "5 min", "30 s"). */
export function blocksToDuration(blocks: number, blockTimeMs: number): string {
  let seconds = Math.max(0, Math.round((blocks * blockTimeMs) / 1000));
  const days = Math.floor(seconds / 86_400);
  seconds -= days * 86_400;
  const hours = Math.floor(seconds / 3_600);
  seconds -= hours * 3_600;
  const minutes = Math.floor(seconds / 60);
  seconds -= minutes * 60;
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  if (minutes > 0) return seconds > 0 && minutes < 10 ? `${minutes} min ${seconds} s` : `${minutes} min`;
  return `${seconds} s`;
}

/** How long until block `target` from block `now`: "ready" once reached. */
export function countdown(target: number, now: number, blockTimeMs: number): string {
  const left = target - now;
  if (left <= 0) return "ready";
  return `in ${left} block${left === 1 ? "" : "s"} (~${blocksToDuration(left, blockTimeMs)})`;
}

/** An account address shortened for tables: the first and last six characters. */
export function shortAddress(address: string): string {
  return address.length > 16 ? `${address.slice(0, 6)}…${address.slice(-6)}` : address;
}
