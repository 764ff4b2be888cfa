// Failures in plain words: a dispatch error or a refused transaction is looked up in the
// runtime metadata, and the app shows the docs the pallet wrote for that error variant.

import { decAnyMetadata, unifyMetadata, type UnifiedMetadata } from "@polkadot-api/substrate-bindings";
import type { PolkadotClient } from "polkadot-api";

type Lookup = UnifiedMetadata["lookup"];
type Variant = { name: string; index: number; docs: string[]; fields: { type: number }[] };

export interface Explained {
  /** e.g. "Dam.InsufficientBalance", "Token.FundsUnavailable" */
  name: string;
  /** The variant's documentation, in words. */
  docs: string;
}

let metadata: Promise<UnifiedMetadata> | null = null;

/** Loads (once) the metadata of the best block's runtime. */
export function loadMetadata(client: PolkadotClient): Promise<UnifiedMetadata> {
  if (!metadata) {
    metadata = client
      .getBestBlocks()
      .then((blocks) => client.getMetadata(blocks[0].hash))
      .then((raw) => unifyMetadata(decAnyMetadata(raw)));
    metadata.catch(() => (metadata = null));
  }
  return metadata;
}

function variantsOf(lookup: Lookup, typeId: number): Variant[] {
  const entry = lookup[typeId];
  return entry && entry.def.tag === "variant" ? (entry.def.value as Variant[]) : [];
}

function findType(lookup: Lookup, path: string[]): number | undefined {
  return lookup.find((t) => t.path.join("::") === path.join("::"))?.id;
}

function clean(docs: string[]): string {
  return docs
    .join(" ")
    .replace(/\s+/g, " ")
    .replace(/`/g, "")
    .replace(/\[`?([^\]`]+)`?\]/g, "$1")
    .trim();
}

type Shaped = { type: string; value?: unknown };
const isShaped = (v: unknown): v is Shaped =>
  typeof v === "object" && v !== null && typeof (v as Shaped).type === "string";

/**
 * A module error, as the client decodes it: `{ type: pallet, value: { type: error } }`, or the
 * raw `{ index, error }` bytes.
 */
function explainModule(meta: UnifiedMetadata, value: unknown): Explained {
  let pallet: UnifiedMetadata["pallets"][number] | undefined;
  let errorName: string | undefined;
  let errorIndex: number | undefined;
  if (isShaped(value)) {
    pallet = meta.pallets.find((p) => p.name === value.type);
    if (isShaped(value.value)) errorName = value.value.type;
  } else if (typeof value === "object" && value !== null && "index" in value) {
    const raw = value as { index: number; error: Uint8Array | string };
    pallet = meta.pallets.find((p) => p.index === raw.index);
    const bytes = typeof raw.error === "string" ? raw.error.slice(2, 4) : raw.error[0].toString(16);
    errorIndex = parseInt(bytes, 16);
  }
  if (!pallet || !pallet.errors) return { name: "Module error", docs: "The runtime refused the call." };
  const variants = variantsOf(meta.lookup, pallet.errors.type);
  const variant = variants.find((v) => (errorName ? v.name === errorName : v.index === errorIndex));
  if (!variant) return { name: `${pallet.name} error`, docs: "The runtime refused the call." };
  return { name: `${pallet.name}.${variant.name}`, docs: clean(variant.docs) || variant.name };
}

/** Explains a variant of a named enum type (and its inner enum, if it has one). */
function explainEnum(meta: UnifiedMetadata, typeId: number | undefined, value: Shaped, prefix = ""): Explained {
  const name = prefix ? `${prefix}.${value.type}` : value.type;
  if (typeId === undefined) return { name, docs: value.type };
  const variant = variantsOf(meta.lookup, typeId).find((v) => v.name === value.type);
  if (!variant) return { name, docs: value.type };
  const inner = variant.fields[0];
  if (inner && isShaped(value.value)) {
    const nested = explainEnum(meta, inner.type, value.value, name);
    if (nested.docs !== value.value.type) return nested;
  }
  return { name, docs: clean(variant.docs) || value.type };
}

/** A `DispatchError` (from a failed transaction's events) in words. */
export async function explainDispatchError(client: PolkadotClient, error: unknown): Promise<Explained> {
  const meta = await loadMetadata(client);
  if (!isShaped(error)) return { name: "Error", docs: String(error) };
  if (error.type === "Module") return explainModule(meta, error.value);
  return explainEnum(meta, findType(meta.lookup, ["sp_runtime", "DispatchError"]), error);
}

/** A transaction the node refused before inclusion (`TransactionValidityError`) in words. */
export async function explainInvalidTx(client: PolkadotClient, error: unknown): Promise<Explained> {
  const meta = await loadMetadata(client);
  if (!isShaped(error)) return { name: "Invalid transaction", docs: String(error) };
  const typeId = findType(meta.lookup, ["sp_runtime", "transaction_validity", "TransactionValidityError"]);
  const explained = explainEnum(meta, typeId, error);
  return { name: explained.name, docs: `The node refused the transaction: ${explained.docs}` };
}
