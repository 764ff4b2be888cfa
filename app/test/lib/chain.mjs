// The chain side of the app's browser tests: a polkadot-api client on the test node, the dev
// accounts' signers, transactions that wait for inclusion, and the marketplace state the
// tests start from (a live Collateral Network paying NEK, funded, and a DAM installed in it).

import { sr25519CreateDerive } from "@polkadot-labs/hdkd";
import { DEV_PHRASE, entropyToMiniSecret, mnemonicToEntropy, ss58Address } from "@polkadot-labs/hdkd-helpers";
import { decAnyMetadata, unifyMetadata } from "@polkadot-api/substrate-bindings";
import { Binary, createClient } from "polkadot-api";
import { getPolkadotSigner } from "polkadot-api/signer";
import { getWsProvider } from "polkadot-api/ws";
import { nektar } from "../../.papi/descriptors/dist/index.js";
import { independentDamConfig } from "../../build/lib/dam.js";

export const NUSD = 1;
export const USD = 1_000_000n;
export const NEK = 10n ** 12n;
export const PERBILL = 1_000_000_000;

export function connect(wsUrl) {
  const client = createClient(getWsProvider(wsUrl));
  return { client, api: client.getTypedApi(nektar) };
}

export function devAccounts() {
  const derive = sr25519CreateDerive(entropyToMiniSecret(mnemonicToEntropy(DEV_PHRASE)));
  const accounts = {};
  for (const name of ["Alice", "Bob", "Charlie", "Dave", "Eve", "Ferdie"]) {
    const pair = derive(`//${name}`);
    accounts[name.toLowerCase()] = {
      name,
      address: ss58Address(pair.publicKey, 42),
      signer: getPolkadotSigner(pair.publicKey, "Sr25519", pair.sign),
    };
  }
  return accounts;
}

/** Signs and submits `tx`; resolves with the inclusion event once in a best block (or
 * finalized, with `finalized`), and rejects if the call failed. */
export function send(tx, account, { finalized = false, timeoutMs = 90_000 } = {}) {
  return new Promise((resolve, reject) => {
    let sub = null;
    let settled = false;
    const timer = setTimeout(
      () => done(reject, new Error(`${account.name}'s transaction was not included within ${timeoutMs} ms`)),
      timeoutMs,
    );
    function done(fn, value) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      sub?.unsubscribe();
      fn(value);
    }
    sub = tx.signSubmitAndWatch(account.signer).subscribe({
      next(event) {
        const included = finalized ? event.type === "finalized" : event.type === "txBestBlocksState" && event.found;
        if (!included) return;
        if (!event.ok) {
          done(
            reject,
            new Error(
              `${account.name}'s transaction failed: ${JSON.stringify(event.dispatchError, (_, v) => (typeof v === "bigint" ? v.toString() : v))}`,
            ),
          );
        } else done(resolve, event);
      },
      error: (e) => done(reject, e),
    });
    if (settled) sub.unsubscribe();
  });
}

const text = (s) => Binary.fromText(s);

/** The marketplace the tests start from; returns the ids. */
export async function setUpMarketplace(api, accounts) {
  const { alice, bob, charlie } = accounts;
  const network = await api.query.Marketplace.NextNetworkId.getValue({ at: "best" });
  const dam = await api.query.Dam.NextDamId.getValue({ at: "best" });

  const terms = {
    kind: { type: "Collateral" },
    deposit_asset: { type: "WithId", value: NUSD },
    min_allocation: 100n * USD,
    amount_requested: 100_000n * USD,
    operators_requested: 4,
    duration: 10_000,
    lock_period: undefined,
    safe: undefined,
    reward_asset: { type: "Native" },
    // 100 reward units per unit of exposure per day.
    delegator_rate: 100n * 10n ** 18n,
    operator_rate: NEK,
    operator_commission: PERBILL / 10,
    penalty: { max_penalty: PERBILL / 10, dispute_window: 3, resolver: undefined, destination: { type: "Treasury" } },
    return_bond: undefined,
  };
  const batch = (...txs) => api.tx.Utility.batch_all({ calls: txs.map((t) => t.decodedCall) });

  await Promise.all([
    send(
      batch(
        api.tx.Marketplace.register_operator({ name: text("Bob's nodes"), url: text("") }),
        api.tx.Dam.create_dam({
          config: independentDamConfig("Collateral", { type: "WithId", value: NUSD }, PERBILL / 100),
          ...damMetadata("Bob's restaking DAM", "deUSD", "Restakes nUSD into Collateral Networks."),
        }),
      ),
      bob,
    ),
    send(
      api.tx.Marketplace.register_network({
        terms,
        name: text("Test Oracle"),
        description: text("An oracle network"),
        url: text(""),
        reward_symbol: text("rTST"),
      }),
      charlie,
    ),
  ]);
  await send(api.tx.Sudo.sudo({ call: api.tx.Marketplace.whitelist_network({ network }).decodedCall }), alice);
  const info = await api.apis.MarketplaceApi.network(network, { at: "best" });
  if (info?.network.status.type !== "Live") throw new Error(`Network ${network} did not go live`);
  await Promise.all([
    send(api.tx.Rewards.fund_rewards({ program: network, amount: 100n * NEK }), charlie),
    send(api.tx.Dam.request_installation({ dam, network, operator: { type: "Id", value: bob.address } }), bob),
  ]);
  await send(api.tx.Marketplace.confirm_installation({ network, dam, max_exposure: undefined }), charlie);
  await send(
    batch(
      api.tx.Dam.deposit({ dam, amount: 5_000n * USD, max_fee: PERBILL / 100, reward_tokens: 32 }),
      api.tx.Dam.commit({ dam, network, amount: 2_000n * USD }),
    ),
    bob,
    { finalized: true },
  );
  return { network, dam };
}

/** What `who` holds of `pallet-assets` asset `id`. */
export async function assetBalance(api, id, who) {
  const account = await api.query.Assets.Account.getValue(id, who, { at: "best" });
  return account?.balance ?? 0n;
}

/** The docs of a pallet's error variant, read from the runtime metadata, as the app shows them. */
export async function errorDocs(client, pallet, error) {
  const best = await client.getBestBlocks();
  const meta = unifyMetadata(decAnyMetadata(await client.getMetadata(best[0].hash)));
  const p = meta.pallets.find((x) => x.name === pallet);
  const variant = meta.lookup[p.errors.type].def.value.find((v) => v.name === error);
  return variant.docs
    .join(" ")
    .replace(/\s+/g, " ")
    .replace(/`/g, "")
    .replace(/\[([^\]]+)\]/g, "$1")
    .trim();
}

/** The first `pallet.name` event of an inclusion that `send` resolved with. */
export function eventOf(included, pallet, name) {
  const found = included.events.find((e) => e.type === pallet && e.value.type === name);
  if (!found) throw new Error(`no ${pallet}.${name} event in the block`);
  return found.value.value;
}

const damMetadata = (name, symbol, description = "") => ({
  name: text(name),
  receipt_symbol: text(symbol),
  url: text(""),
  logo: text(""),
  description: text(description),
});

/**
 * What the console tests start from, set up in two rounds of transactions by different signers
 * side by side:
 * - two more DAMs of Bob's asking Charlie's Network for an installation (`confirmDam`,
 *   `refuseDam`), and two assets of Bob's waiting for whitelisting (`waitingAssets`);
 * - a live Growth Network of Dave's paying NEK (`growthNetwork`), and a Growth DAM of Eve's
 *   holding 1,000 nUSD (`growthDam`), not installed yet;
 * - a Collateral NEK DAM of Ferdie's, an Operator, holding 3,000 NEK (`validatorDam`).
 */
export async function setUpConsoles(api, accounts, ids) {
  const { alice, bob, dave, eve, ferdie } = accounts;
  const batch = (...txs) => api.tx.Utility.batch_all({ calls: txs.map((t) => t.decodedCall) });
  const nusd = { type: "WithId", value: NUSD };
  const waitingAssets = [7_001, 7_002];
  const growthTerms = {
    kind: { type: "Growth" },
    deposit_asset: nusd,
    min_allocation: 10n * USD,
    amount_requested: 100_000n * USD,
    operators_requested: 4,
    duration: 10_000,
    lock_period: 2,
    safe: undefined,
    reward_asset: { type: "Native" },
    delegator_rate: 10n ** 18n,
    operator_rate: NEK,
    operator_commission: 0,
    penalty: undefined,
    return_bond: undefined,
  };
  const damsCreated = (included) =>
    included.events.filter((e) => e.type === "Dam" && e.value.type === "DamCreated").map((e) => e.value.value.dam);

  const [bobs, registered, eves, ferdies] = await Promise.all([
    send(
      batch(
        api.tx.Dam.create_dam({
          config: independentDamConfig("Collateral", nusd, 0),
          ...damMetadata("Bob's third DAM", "b3USD"),
        }),
        api.tx.Dam.create_dam({
          config: independentDamConfig("Collateral", nusd, 0),
          ...damMetadata("Bob's fourth DAM", "b4USD"),
        }),
        ...waitingAssets.flatMap((id, i) => [
          api.tx.Assets.create({ id, admin: { type: "Id", value: bob.address }, min_balance: 1n }),
          api.tx.Assets.set_metadata({
            id,
            name: text(`Example ${i ? "Yen" : "Euro"}`),
            symbol: text(i ? "nJPY" : "nEUR"),
            decimals: 6,
          }),
        ]),
      ),
      bob,
    ),
    send(
      api.tx.Marketplace.register_network({
        terms: growthTerms,
        name: text("Dave's Solar Grid"),
        description: text("Solar nodes"),
        url: text(""),
        reward_symbol: text("rSUN"),
      }),
      dave,
    ),
    send(
      batch(
        api.tx.Marketplace.register_operator({ name: text("Eve's nodes"), url: text("") }),
        api.tx.Dam.create_dam({
          config: independentDamConfig("Growth", nusd, 0),
          ...damMetadata("Eve's growth DAM", "egUSD"),
        }),
      ),
      eve,
    ),
    send(
      batch(
        api.tx.Marketplace.register_operator({ name: text("Ferdie's validator"), url: text("") }),
        api.tx.Dam.create_dam({
          config: independentDamConfig("Collateral", { type: "Native" }, 0),
          ...damMetadata("Ferdie's validator DAM", "fvNEK"),
        }),
      ),
      ferdie,
    ),
  ]);
  const [confirmDam, refuseDam] = damsCreated(bobs);
  const growthNetwork = eventOf(registered, "Marketplace", "NetworkRegistered").network;
  const [growthDam] = damsCreated(eves);
  const [validatorDam] = damsCreated(ferdies);

  await Promise.all([
    send(
      batch(
        ...[confirmDam, refuseDam].map((dam) =>
          api.tx.Dam.request_installation({ dam, network: ids.network, operator: { type: "Id", value: bob.address } }),
        ),
      ),
      bob,
    ),
    send(api.tx.Sudo.sudo({ call: api.tx.Marketplace.whitelist_network({ network: growthNetwork }).decodedCall }), alice),
    send(api.tx.Dam.deposit({ dam: growthDam, amount: 1_000n * USD, max_fee: 0, reward_tokens: 32 }), eve),
    send(api.tx.Dam.deposit({ dam: validatorDam, amount: 3_000n * NEK, max_fee: 0, reward_tokens: 32 }), ferdie),
  ]);
  return { confirmDam, refuseDam, waitingAssets, growthNetwork, growthDam, validatorDam };
}

/** Installs Eve's Growth DAM in Dave's Growth Network and allocates 100 nUSD: the vault. */
export async function allocateToGrowth(api, accounts, { growthNetwork: network, growthDam: dam }) {
  const { dave, eve } = accounts;
  await send(api.tx.Dam.request_installation({ dam, network, operator: { type: "Id", value: eve.address } }), eve);
  await send(api.tx.Marketplace.confirm_installation({ network, dam, max_exposure: undefined }), dave);
  const allocated = await send(api.tx.Dam.allocate({ dam, network, amount: 100n * USD }), eve);
  return eventOf(allocated, "Vaults", "VaultLocked");
}
