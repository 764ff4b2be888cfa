// The checks the marketplace makes on a Network's terms at registration, made in the form
// before signing, so that a user learns which field is wrong without paying for a failed call.

import { parseAmount, parsePercentToPerbill } from "./format.js";

export type Kind = "Liquidity" | "Growth" | "Collateral";

/** What the user typed, as text, and the choices of the select fields. */
export interface TermsInput {
  kind: Kind;
  name: string;
  rewardSymbol: string;
  minAllocation: string;
  amountRequested: string;
  operatorsRequested: string;
  duration: string;
  lockPeriod: string;
  /** Reward tokens per whole deposit token per day, for delegators. */
  delegatorRate: string;
  /** Reward tokens per installation per day, for Operators. */
  operatorRate: string;
  commission: string;
  maxPenalty: string;
  disputeWindow: string;
  penaltyToSafe: boolean;
  safe: string;
  returnBond: string;
}

export interface Limits {
  depositDecimals: number;
  rewardDecimals: number;
  nativeDecimals: number;
  maxOperatorCommission: number;
  minDisputeWindow: number;
  maxDisputeWindow: number;
  maxOperatorsPerNetwork: number;
  symbolLimit: number;
  stringLimit: number;
  isAddress: (text: string) => boolean;
}

/** The terms in the chain's units. */
export interface Terms {
  kind: Kind;
  minAllocation: bigint;
  amountRequested: bigint;
  operatorsRequested: number;
  duration: number;
  lockPeriod?: number;
  safe?: string;
  /** FixedU128: reward units per deposit unit per day. */
  delegatorRate: bigint;
  operatorRate: bigint;
  operatorCommission: number;
  penalty?: { maxPenalty: number; disputeWindow: number; toSafe: boolean };
  returnBond?: bigint;
}

export type Checked = { ok: true; terms: Terms } | { ok: false; errors: Record<string, string> };

const FIXED_ONE = 10n ** 18n;
/** The UTF-8 length of `text`, which the chain bounds. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

function blocks(text: string): number | string {
  if (!/^\d+$/.test(text.trim())) return "Enter a whole number of blocks.";
  const n = Number(text.trim());
  if (n <= 0) return "It must be at least one block.";
  if (n > 0xffff_ffff) return "That is more blocks than the chain counts.";
  return n;
}

export function checkTerms(input: TermsInput, limits: Limits): Checked {
  const errors: Record<string, string> = {};
  const amount = (field: keyof TermsInput, decimals: number, what: string): bigint | undefined => {
    const parsed = parseAmount(String(input[field]), decimals);
    if (!parsed.ok) errors[field] = parsed.error;
    else if (parsed.value === 0n) errors[field] = `${what} must be above zero.`;
    else return parsed.value;
    return undefined;
  };

  const name = input.name.trim();
  if (!name) errors.name = "Give the Network a name.";
  else if (utf8Length(name) > limits.stringLimit) errors.name = `At most ${limits.stringLimit} bytes.`;
  const symbol = input.rewardSymbol.trim();
  if (!symbol) errors.rewardSymbol = "Give the synthetic reward token a symbol, such as rNET.";
  else if (utf8Length(symbol) > limits.symbolLimit) errors.rewardSymbol = `At most ${limits.symbolLimit} bytes.`;

  const minAllocation = amount("minAllocation", limits.depositDecimals, "The minimum allocation");
  const amountRequested = amount("amountRequested", limits.depositDecimals, "The amount requested");
  if (minAllocation !== undefined && amountRequested !== undefined && minAllocation > amountRequested) {
    errors.minAllocation = "The minimum allocation cannot be above the amount requested.";
  }

  let operatorsRequested = 0;
  if (!/^\d+$/.test(input.operatorsRequested.trim())) errors.operatorsRequested = "Enter a whole number of Operators.";
  else {
    operatorsRequested = Number(input.operatorsRequested.trim());
    if (operatorsRequested < 1) errors.operatorsRequested = "Ask for at least one Operator.";
    else if (operatorsRequested > limits.maxOperatorsPerNetwork) {
      errors.operatorsRequested = `At most ${limits.maxOperatorsPerNetwork} Operators.`;
    }
  }

  const duration = blocks(input.duration);
  if (typeof duration === "string") errors.duration = duration;

  let delegatorRate = 0n;
  const rate = parseAmount(input.delegatorRate, limits.rewardDecimals);
  if (!rate.ok) errors.delegatorRate = rate.error;
  else delegatorRate = (rate.value * FIXED_ONE) / 10n ** BigInt(limits.depositDecimals);
  let operatorRate = 0n;
  const opRate = parseAmount(input.operatorRate, limits.rewardDecimals);
  if (!opRate.ok) errors.operatorRate = opRate.error;
  else operatorRate = opRate.value;
  if (rate.ok && opRate.ok && delegatorRate === 0n && operatorRate === 0n) {
    errors.delegatorRate = "Offer delegators or Operators a reward rate.";
  }

  let operatorCommission = 0;
  const commission = parsePercentToPerbill(input.commission || "0");
  if (!commission.ok) errors.commission = commission.error;
  else if (Number(commission.value) > limits.maxOperatorCommission) {
    errors.commission = `At most ${(limits.maxOperatorCommission / 1e7).toString()}%, the protocol's maximum.`;
  } else operatorCommission = Number(commission.value);

  let lockPeriod: number | undefined;
  let penalty: Terms["penalty"];
  let returnBond: bigint | undefined;
  if (input.kind === "Liquidity" || input.kind === "Growth") {
    const lock = blocks(input.lockPeriod);
    if (typeof lock === "string") errors.lockPeriod = lock;
    else lockPeriod = lock;
  } else {
    const max = parsePercentToPerbill(input.maxPenalty);
    if (!max.ok) errors.maxPenalty = max.error;
    else if (max.value === 0n) errors.maxPenalty = "The largest penalty must be above zero.";
    const window = blocks(input.disputeWindow);
    if (typeof window === "string") errors.disputeWindow = window;
    else if (window < limits.minDisputeWindow || window > limits.maxDisputeWindow) {
      errors.disputeWindow = `The dispute window must be between ${limits.minDisputeWindow} and ${limits.maxDisputeWindow} blocks.`;
    }
    if (max.ok && typeof window === "number") {
      penalty = { maxPenalty: Number(max.value), disputeWindow: window, toSafe: input.penaltyToSafe };
    }
  }
  if (input.kind === "Liquidity") {
    returnBond = amount("returnBond", limits.nativeDecimals, "The return bond");
  }
  const needsSafe = input.kind === "Liquidity" || (input.kind === "Collateral" && input.penaltyToSafe);
  let safe: string | undefined;
  if (needsSafe) {
    if (!limits.isAddress(input.safe.trim())) errors.safe = "Enter the safe's address.";
    else safe = input.safe.trim();
  }

  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    terms: {
      kind: input.kind,
      minAllocation: minAllocation!,
      amountRequested: amountRequested!,
      operatorsRequested,
      duration: duration as number,
      lockPeriod,
      safe,
      delegatorRate,
      operatorRate,
      operatorCommission,
      penalty,
      returnBond,
    },
  };
}
