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
