// The connection to a Nektar node: the typed API generated from the runtime, the endpoint, the
// chain's kind and tokens, and a stream of new best blocks that the views re-read on.

import { nektar } from "@polkadot-api/descriptors";
import { createClient, type PolkadotClient, type TypedApi } from "polkadot-api";
import { getWsProvider } from "polkadot-api/ws";
import { Binary } from "polkadot-api";

export type NektarApi = TypedApi<typeof nektar>;

export const DEFAULT_ENDPOINT = "ws://127.0.0.1:9944";
const ENDPOINT_KEY = "nektar.endpoint";

/** The endpoint: `?rpc=` in the address, else the one saved in settings, else the local node. */
export function chosenEndpoint(): string {
  const fromQuery = new URLSearchParams(location.search).get("rpc");
  if (fromQuery) return fromQuery;
  return localStorage.getItem(ENDPOINT_KEY) || DEFAULT_ENDPOINT;
}

/** Saves an endpoint for later visits and reloads the app on it. */
export function saveEndpoint(endpoint: string) {
  localStorage.setItem(ENDPOINT_KEY, endpoint);
  const url = new URL(location.href);
  url.searchParams.set("rpc", endpoint);
  location.href = url.toString();
}

export function isValidEndpoint(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === "ws:" || url.protocol === "wss:";
  } catch {
    return false;
  }
}

/** A token as the app shows it. */
export interface Token {
  symbol: string;
  decimals: number;
}

/** The deposit and reward assets: the native token or a `pallet-assets` id. */
export type AssetKind = { type: "Native"; value?: undefined } | { type: "WithId"; value: number };

export interface Chain {
  client: PolkadotClient;
  api: NektarApi;
  endpoint: string;
  name: string;
  /** A development chain: the well-known dev accounts are offered. */
  development: boolean;
  native: Token;
  /** Milliseconds per block, from the runtime's slot duration. */
  blockTimeMs: number;
  /** The latest best block's number. */
  best: number;
  /** The best block's hash, which the views read at. */
  bestHash: string;
  /** The finalized block's number. */
  finalized: number;
  /** Calls `fn` on every new best block; returns the unsubscribe function. */
  onBlock(fn: () => void): () => void;
  /** The symbol and decimals of an asset (cached). */
  token(asset: AssetKind): Promise<Token>;
  /** The token of a `pallet-assets` id, such as a synthetic reward token (cached). */
  assetToken(id: number): Promise<Token>;
}

function text(bytes: Uint8Array | undefined): string {
  return bytes ? Binary.toText(bytes) : "";
}

export async function connect(endpoint: string, onStatus: (status: string) => void): Promise<Chain> {
  onStatus(`Connecting to ${endpoint}…`);
  const client = createClient(getWsProvider(endpoint));
  const api = client.getTypedApi(nektar);

  const spec = await client.getChainSpecData();
  const props = (spec.properties ?? {}) as Record<string, unknown>;
  const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
  const native: Token = {
    symbol: String(first(props.tokenSymbol) ?? "NEK"),
    decimals: Number(first(props.tokenDecimals) ?? 12),
  };
  let chainType = "";
  try {
    const reply = await client._request<unknown>("system_chainType", []);
    chainType = typeof reply === "string" ? reply : (Object.keys(reply as object)[0] ?? "");
  } catch {
    // Not every endpoint serves the legacy system methods; the name decides then.
  }
  const development = chainType === "Development" || chainType === "Local" || /development|local/i.test(spec.name);

  const slot = await api.apis.AuraApi.slot_duration({ at: "best" });
  const blockTimeMs = Number(slot);

  const listeners = new Set<() => void>();
  const tokens = new Map<string, Promise<Token>>();
  const best = await client.getBestBlocks();
  const finalized = await client.getFinalizedBlock();

  const chain: Chain = {
    client,
    api,
    endpoint,
    name: spec.name,
    development,
    native,
    blockTimeMs,
    best: best[0].number,
    bestHash: best[0].hash,
    finalized: finalized.number,
    onBlock(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    assetToken(id) {
      const key = `asset:${id}`;
      let cached = tokens.get(key);
      if (!cached) {
        cached = api.query.Assets.Metadata.getValue(id, { at: "best" }).then((meta) => ({
          symbol: text(meta.symbol) || `asset ${id}`,
          decimals: meta.decimals,
        }));
        tokens.set(key, cached);
      }
      return cached;
    },
    token(asset) {
      return asset.type === "Native" ? Promise.resolve(native) : chain.assetToken(asset.value);
    },
  };

  client.bestBlocks$.subscribe({
    next(blocks) {
      const head = blocks[0];
      if (!head || head.hash === chain.bestHash) return;
      chain.best = head.number;
      chain.bestHash = head.hash;
      for (const fn of listeners) fn();
    },
    error(e) {
      onStatus(`Connection lost: ${e instanceof Error ? e.message : String(e)}`);
    },
  });
  client.finalizedBlock$.subscribe((block) => {
    chain.finalized = block.number;
  });
  onStatus("");
  return chain;
}

/** Bytes of a metadata field as text. */
export { text as bytesToText };
