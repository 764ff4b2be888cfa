// The reward rate a DAM's delegators can expect from the terms of the Networks it is installed
// in: what each installation's effective exposure earns per day, less the Operator's
// commission, scaled by its last reported performance, for every program that accrues.

import { FIXED_ONE, PERBILL, PERMILL } from "./format.js";

export interface InstallationTerms {
  network: number;
  /** What the installation earns on: min(commitment, active stake) or the allocation. */
  effective: bigint;
  /** The Network's last reported performance (Permill); 100% until it reports. */
  performance: number;
}

export interface ProgramTerms {
  program: number;
  network: number;
  token: number;
  /** Reward units per unit of exposure per day (FixedU128). */
  delegatorRate: bigint;
  /** The Operator's share of the delegator rewards (Perbill). */
  operatorCommission: number;
  /** Whether the program accrues now (live, before its end, budget left). */
  accruing: boolean;
}

export interface DailyReward {
  program: number;
  token: number;
  /** Reward units per day for all of the DAM's delegators together. */
  perDay: bigint;
}

/** Per program, what the DAM's delegators earn per day at the current exposures. */
export function estimateDailyRewards(installations: InstallationTerms[], programs: ProgramTerms[]): DailyReward[] {
  const result: DailyReward[] = [];
  for (const program of programs) {
    if (!program.accruing) continue;
    let perDay = 0n;
    for (const installation of installations) {
      if (installation.network !== program.network) continue;
      const gross = (installation.effective * program.delegatorRate) / FIXED_ONE;
      const scaled = (gross * BigInt(installation.performance)) / BigInt(PERMILL);
      perDay += (scaled * BigInt(PERBILL - program.operatorCommission)) / BigInt(PERBILL);
    }
    if (perDay > 0n) result.push({ program: program.program, token: program.token, perDay });
  }
  return result;
}

/**
 * What one whole deposit token earns per day, in reward units, given the DAM's daily reward
 * and its TVL: the estimated rate shown beside a DAM.
 */
export function perTokenPerDay(perDay: bigint, tvl: bigint, depositDecimals: number): bigint {
  if (tvl === 0n) return 0n;
  return (perDay * 10n ** BigInt(depositDecimals)) / tvl;
}

/** One program's estimated reward, to be valued in the DAM's deposit asset. */
export interface RewardToValue {
  program: number;
  /** Synthetic-token units earned per whole deposit token per day. */
  perTokenPerDay: bigint;
  /** The synthetic token's decimals (those of the program's reward asset). */
  decimals: number;
  /** The program pays in the DAM's own deposit asset: its token redeems one for one. */
  paysDepositAsset: boolean;
  /** NEK (smallest units) one whole synthetic token sells for in its pool; none without a pool. */
  nekPrice?: bigint;
}

/** How the DAM's deposit asset is priced against NEK. */
export interface DepositPricing {
  /** The deposit asset is NEK itself. */
  native: boolean;
  nativeDecimals: number;
  /** Deposit-asset units one whole NEK sells for in the deposit asset's pool; none without a pool. */
  perNek?: bigint;
}

export interface RewardValue {
  /** Deposit-asset units earned per whole deposit token per day, by the programs valued. */
  perTokenPerDay: bigint;
  /** The programs left out of that figure: no pool prices their token. */
  unpriced: number[];
}

/**
 * The estimated rewards of one deposited token per day, in the deposit asset. A program that
 * pays in the deposit asset counts one for one (its synthetic token redeems for it). Any other
 * program's token is valued at its NEK pool's price and, unless the deposit asset is NEK,
 * converted into the deposit asset at the deposit asset's NEK pool. A program whose token, or
 * the deposit asset, has no pool is left out and named in `unpriced`.
 */
export function valueRewards(rewards: RewardToValue[], deposit: DepositPricing): RewardValue {
  let total = 0n;
  const unpriced: number[] = [];
  for (const r of rewards) {
    if (r.paysDepositAsset) {
      total += r.perTokenPerDay;
      continue;
    }
    if (r.nekPrice === undefined) {
      unpriced.push(r.program);
      continue;
    }
    const nek = (r.perTokenPerDay * r.nekPrice) / 10n ** BigInt(r.decimals);
    if (deposit.native) {
      total += nek;
    } else if (deposit.perNek === undefined) {
      unpriced.push(r.program);
    } else {
      total += (nek * deposit.perNek) / 10n ** BigInt(deposit.nativeDecimals);
    }
  }
  return { perTokenPerDay: total, unpriced };
}

/** A daily reward per whole deposit token as a percentage of the token, e.g. "0.0125%". */
export function dailyYield(perTokenPerDay: bigint, depositDecimals: number): string {
  const base = 10n ** BigInt(depositDecimals);
  // Percent with 6 fraction digits, rounded down.
  const micros = (perTokenPerDay * 100_000_000n) / base;
  const whole = micros / 1_000_000n;
  const fraction = (micros % 1_000_000n).toString().padStart(6, "0").replace(/0+$/, "");
  return `${whole}${fraction ? `.${fraction}` : ""}%`;
}
