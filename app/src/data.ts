// Reads of the marketplace through the runtime APIs (MarketplaceApi, DamApi, RewardsApi) and
// storage, shaped for the views. Every figure comes from the chain at the best block.

import { getTypedCodecs, type Codec } from "polkadot-api";
import { nektar } from "@polkadot-api/descriptors";
import { bytesToText, type AssetKind, type Chain, type NektarApi, type Token } from "./chain";
import { perWholeToken, quoteSize } from "./lib/prices";
import {
  estimateDailyRewards,
  perTokenPerDay,
  valueRewards,
  type DailyReward,
  type ProgramTerms,
  type RewardValue,
} from "./lib/rewards";

/** NEK as an asset of the DEX and of the fee extension. */
export const NATIVE: AssetKind = { type: "Native", value: undefined };

/** A reward program's terms, with the asset it pays and its synthetic token's price. */
export interface ProgramRow extends ProgramTerms {
  rewardAsset: AssetKind;
  symbol: string;
  decimals: number;
  /** NEK (smallest units) one whole synthetic token sells for in its pool; none without a pool. */
  nekPrice?: bigint;
}

export interface NetworkRow {
  id: number;
  name: string;
  manager: string;
  kind: string;
  status: string;
  depositAsset: AssetKind;
  depositToken: Token;
  rewardAsset: AssetKind;
  rewardToken: Token;
  rewardSymbol: string;
  /** Reward units per unit of exposure per day (FixedU128). */
  delegatorRate: bigint;
  /** Reward units per installation per day. */
  operatorRate: bigint;
  operatorCommission: number;
  duration: number;
  liveSince?: number;
  /** The block the duration ends, once live. */
  endsAt?: number;
  amountRequested: bigint;
  totalExposure: bigint;
  operatorsRequested: number;
  installations: number;
  requests: number;
  minAllocation: bigint;
  lockPeriod?: number;
  programs: ProgramRow[];
}

export interface DamInstallationRow {
  network: number;
  exposure: bigint;
  effective: bigint;
  performance: number;
  operator?: string;
  status?: string;
}

export interface DamRow {
  id: number;
  name: string;
  receiptSymbol: string;
  description: string;
  manager: string;
  /** Who places the DAM's assets: requests installations, allocates, commits, buys licenses. */
  catalyst: string;
  account: string;
  kind: string;
  depositAsset: AssetKind;
  token: Token;
  tvl: bigint;
  exchangeRate: bigint;
  activeStake: bigint;
  fee: number;
  pendingFee?: number[];
  totalShares: bigint;
  pendingShares: bigint;
  idle: bigint;
  lent: bigint;
  closed: boolean;
  penalties: number;
  receiptTransferable: boolean;
  allowList: boolean;
  installations: DamInstallationRow[];
  /** Estimated daily rewards of all delegators, per program. */
  rewards: (DailyReward & { token: number; symbol: string; decimals: number; perTokenPerDay: bigint })[];
  /** Those rewards per deposited token per day, valued in the deposit asset through the pools. */
  value: RewardValue & { unpricedSymbols: string[] };
}

/**
 * NEK (smallest units) one whole token of `asset` sells for in its NEK pool now, fee included,
 * quoted on one whole token or a thousandth of the pool's reserve; undefined without a pool.
 */
export async function nekPrice(chain: Chain, asset: AssetKind, decimals: number): Promise<bigint | undefined> {
  if (asset.type === "Native") return 10n ** BigInt(chain.native.decimals);
  const { AssetConversionApi } = chain.api.apis;
  const reserves = await AssetConversionApi.get_reserves(asset, NATIVE, at);
  if (!reserves) return undefined;
  const sold = quoteSize(decimals, reserves[0]);
  const received = await AssetConversionApi.quote_price_exact_tokens_for_tokens(asset, NATIVE, sold, true, at);
  if (received === undefined) return undefined;
  return perWholeToken(received, sold, decimals);
}

/** Units of `asset` one whole NEK sells for in the asset's NEK pool now; undefined without one. */
export async function perNek(chain: Chain, asset: AssetKind): Promise<bigint | undefined> {
  if (asset.type === "Native") return 10n ** BigInt(chain.native.decimals);
  const { AssetConversionApi } = chain.api.apis;
  const reserves = await AssetConversionApi.get_reserves(NATIVE, asset, at);
  if (!reserves) return undefined;
  const sold = quoteSize(chain.native.decimals, reserves[0]);
  const received = await AssetConversionApi.quote_price_exact_tokens_for_tokens(NATIVE, asset, sold, true, at);
  if (received === undefined) return undefined;
  return perWholeToken(received, sold, chain.native.decimals);
}

/** The assets a fee can be paid in: NEK, and every asset with a NEK pool. */
export async function feeAssets(chain: Chain): Promise<{ asset: AssetKind; token: Token }[]> {
  const pools = await chain.api.query.AssetConversion.Pools.getEntries(at);
  const others: AssetKind[] = [];
  for (const { keyArgs } of pools) {
    const [a, b] = keyArgs[0] as [AssetKind, AssetKind];
    const other = a.type === "Native" ? b : b.type === "Native" ? a : undefined;
    if (other && other.type === "WithId" && !others.some((o) => o.value === other.value)) others.push(other);
  }
  others.sort((x, y) => (x.value ?? 0) - (y.value ?? 0));
  const tokens = await Promise.all(others.map((asset) => chain.token(asset)));
  return [{ asset: NATIVE, token: chain.native }, ...others.map((asset, i) => ({ asset, token: tokens[i] }))];
}

const sameAsset = (a: AssetKind, b: AssetKind) => a.type === b.type && (a.type === "Native" || a.value === b.value);

const at = { at: "best" } as const;

export async function loadNetworks(chain: Chain): Promise<NetworkRow[]> {
  const { api } = chain;
  const infos = await api.apis.MarketplaceApi.networks(at);
  return Promise.all(
    infos.map(async ({ id, network, metadata }) => {
      const terms = network.terms;
      const [depositToken, rewardToken, programs] = await Promise.all([
        chain.token(terms.deposit_asset as AssetKind),
        chain.token(terms.reward_asset as AssetKind),
        api.apis.RewardsApi.network_programs(id, at),
      ]);
      return {
        id,
        name: bytesToText(metadata.name) || `Network ${id}`,
        manager: network.manager,
        kind: terms.kind.type,
        status: network.status.type,
        depositAsset: terms.deposit_asset as AssetKind,
        depositToken,
        rewardAsset: terms.reward_asset as AssetKind,
        rewardToken,
        rewardSymbol: bytesToText(metadata.reward_symbol),
        delegatorRate: terms.delegator_rate,
        operatorRate: terms.operator_rate,
        operatorCommission: terms.operator_commission,
        duration: terms.duration,
        liveSince: network.live_since,
        endsAt: network.live_since === undefined ? undefined : network.live_since + terms.duration,
        amountRequested: terms.amount_requested,
        totalExposure: network.total_exposure,
        operatorsRequested: terms.operators_requested,
        installations: network.installations,
        requests: network.requests,
        minAllocation: terms.min_allocation,
        lockPeriod: terms.lock_period,
        programs: await Promise.all(
          programs.map(async (p) => {
            const token = await chain.assetToken(p.token);
            return {
              program: p.id,
              network: p.network,
              token: p.token,
              delegatorRate: p.delegator_rate,
              operatorCommission: p.operator_commission,
              accruing: p.accruing,
              rewardAsset: p.reward_asset as AssetKind,
              symbol: token.symbol,
              decimals: token.decimals,
              nekPrice: await nekPrice(chain, { type: "WithId", value: p.token }, token.decimals),
            } satisfies ProgramRow;
          }),
        ),
      } satisfies NetworkRow;
    }),
  );
}

/** Every DAM id: those below `NextDamId` that the runtime API still knows. */
async function damIds(chain: Chain): Promise<number[]> {
  const next = await chain.api.query.Dam.NextDamId.getValue(at);
  return Array.from({ length: next }, (_, i) => i);
}

export async function loadDam(chain: Chain, id: number, networks: NetworkRow[]): Promise<DamRow | undefined> {
  const { api } = chain;
  const [details, metadata] = await Promise.all([api.apis.DamApi.dam(id, at), api.query.Dam.Metadata.getValue(id, at)]);
  if (!details) return undefined;
  const dam = details.dam;
  const token = await chain.token(dam.deposit_asset as AssetKind);
  const records = await api.query.Marketplace.Installations.getValues(
    details.installations.map((i) => [i.network, id] as [number, number]),
    at,
  );
  const installations: DamInstallationRow[] = details.installations.map((i, k) => ({
    network: i.network,
    exposure: i.exposure,
    effective: i.effective,
    performance: records[k]?.performance ?? 1_000_000,
    operator: records[k]?.operator,
    status: records[k]?.status.type,
  }));
  const programs = networks.filter((n) => installations.some((i) => i.network === n.id)).flatMap((n) => n.programs);
  const daily = estimateDailyRewards(
    installations.filter((i) => i.status !== "Requested"),
    programs,
  );
  const rewards = await Promise.all(
    daily.map(async (d) => {
      const t = await chain.assetToken(d.token);
      return {
        ...d,
        symbol: t.symbol,
        decimals: t.decimals,
        perTokenPerDay: perTokenPerDay(d.perDay, details.tvl, token.decimals),
      };
    }),
  );
  const depositAsset = dam.deposit_asset as AssetKind;
  const valued = valueRewards(
    rewards.map((r) => {
      const program = programs.find((p) => p.program === r.program)!;
      return {
        program: r.program,
        perTokenPerDay: r.perTokenPerDay,
        decimals: r.decimals,
        paysDepositAsset: sameAsset(program.rewardAsset, depositAsset),
        nekPrice: program.nekPrice,
      };
    }),
    {
      native: depositAsset.type === "Native",
      nativeDecimals: chain.native.decimals,
      perNek: rewards.length > 0 && depositAsset.type !== "Native" ? await perNek(chain, depositAsset) : undefined,
    },
  );
  return {
    value: {
      ...valued,
      unpricedSymbols: valued.unpriced.map((p) => rewards.find((r) => r.program === p)!.symbol),
    },
    id,
    name: bytesToText(metadata?.name) || `DAM ${id}`,
    receiptSymbol: bytesToText(metadata?.receipt_symbol) || "shares",
    description: bytesToText(metadata?.description),
    manager: dam.manager,
    catalyst: dam.catalyst,
    account: details.account,
    kind: dam.kind.type,
    depositAsset: dam.deposit_asset as AssetKind,
    token,
    tvl: details.tvl,
    exchangeRate: details.exchange_rate,
    activeStake: details.active_stake,
    fee: details.fee_now,
    pendingFee: dam.pending_fee,
    totalShares: dam.total_shares,
    pendingShares: dam.pending_shares,
    idle: dam.idle,
    lent: dam.lent,
    closed: dam.closed,
    penalties: dam.penalties,
    receiptTransferable: dam.receipt_transferable,
    allowList: dam.allow_list,
    installations,
    rewards,
  };
}

export async function loadDams(chain: Chain, networks: NetworkRow[]): Promise<DamRow[]> {
  const ids = await damIds(chain);
  const rows = await Promise.all(ids.map((id) => loadDam(chain, id, networks)));
  return rows.filter((r): r is DamRow => r !== undefined);
}

/** How many reward tokens a DAM tracks: the least `reward_tokens` witness its calls take. */
export async function rewardTokenWitness(chain: Chain, dam: number): Promise<number> {
  return (await chain.api.query.Rewards.TrackedPrograms.getValue(dam, at)).length;
}

/** What `who` holds of an asset. */
export async function balanceOf(chain: Chain, asset: AssetKind, who: string): Promise<bigint> {
  if (asset.type === "Native") {
    const account = await chain.api.query.System.Account.getValue(who, at);
    return account.data.free;
  }
  const account = await chain.api.query.Assets.Account.getValue(asset.value, who, at);
  return account?.balance ?? 0n;
}

export interface HistoryPoint {
  block: number;
  tvl: number;
  exchangeRate: number;
}

type DamDetailsValue = Awaited<ReturnType<NektarApi["apis"]["DamApi"]["dam"]>>;

let codecs: ReturnType<typeof getTypedCodecs<typeof nektar>> | null = null;

/**
 * The DAM's TVL and exchange rate at up to `points` blocks spread over the last `span` blocks,
 * read from the chain's own history: `DamApi_dam` called at each older block's hash. A node
 * keeps the state of its recent blocks only (256 by default), so older samples are skipped.
 */
export async function damHistory(
  chain: Chain,
  id: number,
  decimals: number,
  points = 24,
  span = 240,
): Promise<HistoryPoint[]> {
  codecs ??= getTypedCodecs(nektar);
  const { apis } = await codecs;
  const call = apis.DamApi.dam;
  const args = toHexBytes(call.args.enc([id]));
  const head = chain.best;
  const first = Math.max(1, head - span);
  const step = Math.max(1, Math.floor((head - first) / Math.max(1, points - 1)));
  const heights: number[] = [];
  for (let n = head; n >= first && heights.length < points; n -= step) heights.unshift(n);
  const samples = await Promise.all(
    heights.map(async (block) => {
      try {
        const hash = await chain.client._request<string | null>("chain_getBlockHash", [block]);
        if (!hash) return null;
        const result = await chain.client._request<string>("state_call", ["DamApi_dam", args, hash]);
        // The value codec of an optional result is typed too narrowly by the generator.
        const details = (call.value as unknown as Codec<DamDetailsValue>).dec(result);
        if (!details) return null;
        return {
          block,
          tvl: Number(details.tvl) / 10 ** decimals,
          exchangeRate: Number(details.exchange_rate / 10n ** 9n) / 1e9,
        };
      } catch {
        return null; // pruned state or a block from before the DAM existed
      }
    }),
  );
  return samples.filter((s): s is HistoryPoint => s !== null);
}

function toHexBytes(bytes: Uint8Array): string {
  return `0x${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}
