// The Operator console: register as an Operator, create a DAM, ask Networks to install it,
// commit or allocate its assets to an installation, buy node licenses for Growth DAMs, and
// claim what the installations earned. When the chain has a validator set, the validator
// path: session keys, the backing committed to the chain's own Network, and the Operator's
// place in the ranking.

import { Binary, getSs58AddressInfo } from "polkadot-api";
import type { AssetKind, Token } from "../chain";
import { loadDams, loadNetworks, type DamRow, type NetworkRow } from "../data";
import { checkHex, placeInRanking, splitSessionKeys, type Candidate } from "../lib/console";
import { independentDamConfig } from "../lib/dam";
import type { Kind } from "../lib/terms";
import {
  countdown,
  formatAmount,
  formatPermill,
  parseAmount,
  parsePercentToPerbill,
  shortAddress,
} from "../lib/format";
import { nameOf, type AppState, type View } from "../state";
import { TxControl, type Prepared } from "../tx";
import { amountInput, card, describe, field, h, keepCurrent, mount, setOptions } from "../ui";

const at = { at: "best" } as const;

interface Earned {
  program: number;
  dam: number;
  network: number;
  symbol: string;
  decimals: number;
  amount: bigint;
}

interface LicenseSale {
  price: bigint;
  supply: number;
  sold: number;
}

interface HeldLicense {
  dam: number;
  network: number;
  item: number;
  operator: string;
  performance: number;
}

/** The chain's validator set, as `ValidatorsApi.validator_set` reports it. */
interface ValidatorSet {
  session: number;
  endsAt: number;
  length: number;
  current: [string, bigint][];
  next: [string, bigint][];
  candidates: (Candidate & { invulnerable: boolean; hasKeys: boolean })[];
  minValidators: number;
  maxValidators: number;
  minBacking: bigint;
  rewardPerSession: bigint;
}

interface Console {
  operator?: { name: string };
  networks: NetworkRow[];
  dams: DamRow[];
  /** The DAMs the account manages or runs installations of. */
  mine: DamRow[];
  earned: Earned[];
  assets: { asset: AssetKind; token: Token; key: string }[];
  /** The license sales of the Networks the account's Growth DAMs are installed in. */
  sales: Map<number, LicenseSale>;
  /** The Operators assigned to each DAM whose assets the account places. */
  damOperators: Map<number, string[]>;
  licenses: HeldLicense[];
  /** The validator set, on a chain that has one. */
  validators?: ValidatorSet;
  /** The chain's own Network, whose installations back the validators. */
  validatorNetwork?: number;
  /** The session keys the account registered. */
  sessionKeys?: { aura: string; grandpa: string };
}

/** The validator set, or nothing on a chain without one. */
async function readValidators(state: AppState): Promise<Pick<Console, "validators" | "validatorNetwork">> {
  const { api } = state.chain;
  try {
    const [set, network] = await Promise.all([
      api.apis.ValidatorsApi.validator_set(at),
      api.constants.Validators.Network(),
    ]);
    if (!set.current.length) return {};
    return {
      validatorNetwork: network,
      validators: {
        session: set.session,
        endsAt: set.session_ends_at,
        length: set.session_length,
        current: set.current,
        next: set.next,
        candidates: set.candidates.map((c) => ({
          who: c.who,
          backing: c.backing,
          rank: c.rank,
          status: c.status.type,
          invulnerable: c.invulnerable,
          hasKeys: c.has_keys,
        })),
        minValidators: set.min_validators,
        maxValidators: set.max_validators,
        minBacking: set.min_validator_backing,
        rewardPerSession: set.reward_per_session,
      },
    };
  } catch {
    return {}; // a runtime without the validators pallet
  }
}

const text = (key: string, placeholder = "") =>
  h("input", { type: "text", placeholder, autocomplete: "off", "data-field": key });

async function readConsole(state: AppState): Promise<Console> {
  const { chain } = state;
  const who = state.account?.address;
  const networks = await loadNetworks(chain);
  const dams = await loadDams(chain, networks);
  const whitelisted = await chain.api.query.Marketplace.WhitelistedAssets.getEntries(at);
  const assets = await Promise.all(
    whitelisted.map(async ({ keyArgs: [asset] }) => ({
      asset: asset as AssetKind,
      token: await chain.token(asset as AssetKind),
      key: asset.type === "Native" ? "native" : `asset-${asset.value}`,
    })),
  );
  const validators = await readValidators(state);
  const empty = { sales: new Map(), damOperators: new Map(), licenses: [], ...validators };
  if (!who) return { networks, dams, mine: [], earned: [], assets, ...empty };
  const [operator, sessionKeys] = await Promise.all([
    chain.api.query.Marketplace.Operators.getValue(who, at),
    validators.validators ? chain.api.query.Session.NextKeys.getValue(who, at) : Promise.resolve(undefined),
  ]);
  const mine = dams.filter(
    (d) => d.manager === who || d.catalyst === who || d.installations.some((i) => i.operator === who),
  );
  // Licenses: the sales of the Networks the account's Growth DAMs are installed in.
  const placed = mine.filter((d) => d.catalyst === who);
  const growth = placed.filter((d) => d.kind === "Growth");
  const saleNetworks = [...new Set(growth.flatMap((d) => d.installations.map((i) => i.network)))];
  const [saleValues, operatorEntries, licenseLists] = await Promise.all([
    Promise.all(saleNetworks.map((n) => chain.api.query.Rewards.LicenseSales.getValue(n, at))),
    Promise.all(placed.map((d) => chain.api.query.Dam.DamOperators.getEntries(d.id, at))),
    Promise.all(growth.map((d) => chain.api.apis.RewardsApi.licenses(d.id, at))),
  ]);
  const sales = new Map<number, LicenseSale>();
  saleNetworks.forEach((n, i) => {
    const sale = saleValues[i];
    if (sale) sales.set(n, { price: sale.price, supply: sale.supply, sold: sale.sold });
  });
  const damOperators = new Map<number, string[]>();
  placed.forEach((d, i) => damOperators.set(d.id, operatorEntries[i].map((e) => e.keyArgs[1])));
  const licenses: HeldLicense[] = growth.flatMap((d, i) =>
    licenseLists[i].map((l) => ({
      dam: d.id,
      network: l.network,
      item: l.item,
      operator: l.operator,
      performance: l.performance,
    })),
  );
  const earned: Earned[] = [];
  for (const dam of mine) {
    for (const installation of dam.installations) {
      if (installation.operator !== who) continue;
      const network = networks.find((n) => n.id === installation.network);
      for (const program of network?.programs ?? []) {
        const reward = await chain.api.apis.RewardsApi.operator_rewards(program.program, dam.id, at);
        if (!reward || reward.operator !== who) continue;
        earned.push({
          program: program.program,
          dam: dam.id,
          network: installation.network,
          symbol: program.symbol,
          decimals: program.decimals,
          amount: reward.amount,
        });
      }
    }
  }
  return {
    operator: operator ? { name: Binary.toText(operator.name as Uint8Array) } : undefined,
    networks,
    dams,
    mine,
    earned,
    assets,
    sales,
    damOperators,
    licenses,
    ...validators,
    sessionKeys: sessionKeys && { aura: sessionKeys.aura, grandpa: sessionKeys.grandpa },
  };
}

export const operatorView: View = (state, root) => {
  const { chain } = state;
  const note = h("p", { class: "muted", "data-role": "loading" }, "Reading the Operator console…");
  const statusEl = h("div", {});
  const damsEl = h("div", {});
  const earnedEl = h("div", {});
  const forms = h("div", { class: "forms" });
  // The validator path, on a chain with a validator set; filled in once its forms exist.
  const validatorHost = h("div", {});
  mount(
    root,
    h("h1", {}, "Operator console"),
    note,
    h("section", { "data-section": "operator" }, statusEl),
    h("section", { "data-section": "my-dams" }, h("h2", {}, "Your DAMs"), damsEl),
    h("section", { "data-section": "operator-rewards" }, h("h2", {}, "Operator rewards"), earnedEl),
    forms,
    validatorHost,
  );

  let data: Console | null = null;
  const controls = new Set<TxControl>();
  const reload = () => void load();
  const control = (label: string, prepare: () => Prepared | Promise<Prepared>) => {
    const c = new TxControl(chain, () => state.account, { label, prepare, onDone: reload });
    controls.add(c);
    return c;
  };
  const refreshAll = () => {
    for (const c of controls) void c.refresh();
  };

  // Register as an Operator.
  const opName = text("operator-name", "e.g. Dave's nodes");
  const opUrl = text("operator-url", "https://…");
  const register = control("Register as Operator", () => {
    if (data?.operator) return { error: `This account is already an Operator (${data.operator.name}).` };
    if (!opName.value.trim()) return { error: "" };
    return {
      tx: chain.api.tx.Marketplace.register_operator({
        name: Binary.fromText(opName.value.trim()),
        url: Binary.fromText(opUrl.value.trim()),
      }),
    };
  });

  // Create a DAM run by this Operator.
  const damKind = h(
    "select",
    { "data-field": "dam-kind" },
    ["Collateral", "Liquidity", "Growth"].map((k) => h("option", { value: k }, k)),
  );
  const damAsset = h("select", { "data-field": "dam-asset" });
  const damName = text("dam-name", "e.g. Dave's restaking DAM");
  const damSymbol = text("dam-symbol", "e.g. dvUSD");
  const damFee = text("dam-fee", "e.g. 1");
  const create = control("Create the DAM", (): Prepared => {
    if (!data) return { error: "" };
    if (!damName.value.trim() && !damSymbol.value.trim()) return { error: "" };
    if (!damName.value.trim()) return { error: "Give the DAM a name." };
    if (!damSymbol.value.trim()) return { error: "Give its shares a symbol." };
    const fee = parsePercentToPerbill(damFee.value || "0");
    if (!fee.ok) return { error: fee.error };
    const asset = data.assets.find((a) => a.key === damAsset.value);
    if (!asset) return { error: "Choose a whitelisted deposit asset." };
    return {
      tx: chain.api.tx.Dam.create_dam({
        config: independentDamConfig(damKind.value as Kind, asset.asset, Number(fee.value)),
        name: Binary.fromText(damName.value.trim()),
        receipt_symbol: Binary.fromText(damSymbol.value.trim()),
        url: Binary.fromText(""),
        logo: Binary.fromText(""),
        description: Binary.fromText(""),
      }),
    };
  });

  // Ask a Network to install one of your DAMs, run by you.
  const reqDam = h("select", { "data-field": "request-dam" });
  const reqNetwork = h("select", { "data-field": "request-network" });
  const request = control("Request the installation", (): Prepared => {
    if (!data || !state.account) return { error: "" };
    const dam = data.mine.find((d) => String(d.id) === reqDam.value);
    const network = data.networks.find((n) => String(n.id) === reqNetwork.value);
    if (!dam || !network) return { error: "Choose one of your DAMs and a live Network." };
    if (dam.installations.some((i) => i.network === network.id))
      return { error: `DAM ${dam.id} is already installed in, or waiting for, Network ${network.id}.` };
    if (network.id === data.validatorNetwork && !data.sessionKeys) {
      return {
        error: `Network ${network.id} confirms only Operators with session keys: set yours under “Validator” first.`,
      };
    }
    return {
      tx: chain.api.tx.Dam.request_installation({
        dam: dam.id,
        network: network.id,
        operator: { type: "Id", value: state.account.address },
      }),
    };
  });

  // Commit (Collateral) or allocate (Liquidity, Growth) to a confirmed installation.
  const stakeTarget = h("select", { "data-field": "stake-target" });
  const stakeAmount = amountInput("stake-amount");
  const stake = control("Commit or allocate", (): Prepared => {
    if (!data) return { error: "" };
    const [damId, networkId] = stakeTarget.value.split(":").map(Number);
    const dam = data.mine.find((d) => d.id === damId);
    if (!dam) return { error: "No confirmed installation of your DAMs yet." };
    if (!stakeAmount.value.trim()) return { error: "" };
    const parsed = parseAmount(stakeAmount.value, dam.token.decimals);
    if (!parsed.ok) return { error: parsed.error };
    if (dam.kind === "Collateral") {
      return {
        tx: chain.api.tx.Dam.commit({ dam: dam.id, network: networkId, amount: parsed.value }),
        warning:
          parsed.value > dam.tvl
            ? `The DAM holds ${formatAmount(dam.tvl, dam.token.decimals, dam.token.symbol)}: the chain will refuse more.`
            : undefined,
      };
    }
    if (parsed.value === 0n) return { error: "Allocate an amount above zero." };
    return {
      tx: chain.api.tx.Dam.allocate({ dam: dam.id, network: networkId, amount: parsed.value }),
      warning:
        parsed.value > dam.idle
          ? `The DAM's idle assets are ${formatAmount(dam.idle, dam.token.decimals, dam.token.symbol)}: the chain will refuse more.`
          : undefined,
    };
  });

  // Buy a node license for a Growth DAM from its Network's sale, run by one of its Operators.
  const licenseTarget = h("select", { "data-field": "license-target" });
  const licenseOperator = h("select", { "data-field": "license-operator" });
  const buy = control("Buy a license", (): Prepared => {
    if (!data || !state.account) return { error: "" };
    const [damId, networkId] = licenseTarget.value.split(":").map(Number);
    const dam = data.mine.find((d) => d.id === damId);
    const sale = data.sales.get(networkId);
    if (!dam || !sale) return { error: "No Growth DAM of yours is installed in a Network that sells licenses." };
    const network = data.networks.find((n) => n.id === networkId);
    if (network && network.status !== "Live") return { error: `Network ${networkId} is ${network.status.toLowerCase()}.` };
    if (dam.installations.find((i) => i.network === networkId)?.status !== "Active") {
      return { error: `Network ${networkId} has not confirmed DAM ${dam.id}'s installation yet.` };
    }
    if (sale.sold >= sale.supply) return { error: `All ${sale.supply} licenses are sold.` };
    if (sale.price > dam.idle) {
      return {
        error: `A license costs ${formatAmount(sale.price, dam.token.decimals, dam.token.symbol)}; the DAM's idle assets are ${formatAmount(dam.idle, dam.token.decimals, dam.token.symbol)}.`,
      };
    }
    const operator = licenseOperator.value;
    if (!data.damOperators.get(dam.id)?.includes(operator)) return { error: "Choose one of the DAM's Operators." };
    return {
      tx: chain.api.tx.Dam.buy_license({ dam: dam.id, network: networkId, operator: { type: "Id", value: operator } }),
      warning: dam.closed ? undefined : "The DAM's first license purchase closes it to new deposits.",
    };
  });
  const licenseInfo = h("p", { class: "muted", "data-role": "license-price" });
  const licensesEl = h("div", { "data-role": "licenses" });

  // The validator path: session keys, generated on the node or pasted, then registered.
  const keysInput = h("input", {
    type: "text",
    placeholder: "0x… (Aura and GRANDPA public keys)",
    autocomplete: "off",
    "data-field": "session-keys",
  });
  const proofInput = h("input", {
    type: "text",
    placeholder: "0x… (the node's proof that it holds them)",
    autocomplete: "off",
    "data-field": "session-proof",
  });
  const keysNote = h("small", { class: "muted", "data-role": "keys-note" });
  const setKeys = control("Register the session keys", (): Prepared => {
    if (!data?.validators) return { error: "" };
    if (!keysInput.value.trim()) return { error: "" };
    const keys = splitSessionKeys(keysInput.value);
    if (!keys.ok) return { error: keys.error };
    const proof = checkHex(proofInput.value, "proof");
    if (!proof.ok) return { error: proof.error };
    return {
      tx: chain.api.tx.Session.set_keys({
        keys: keys.value,
        proof: Binary.fromHex(proof.value),
      }),
      warning:
        data.sessionKeys && data.sessionKeys.aura === keys.value.aura && data.sessionKeys.grandpa === keys.value.grandpa
          ? "These are the keys already registered."
          : undefined,
    };
  });
  const generateKeys = h(
    "button",
    {
      type: "button",
      "data-action": "generate-keys",
      onclick: async () => {
        const who = state.account?.address;
        if (!who) {
          keysNote.textContent = "Choose the Operator's account first.";
          return;
        }
        keysNote.textContent = "Asking the node for new keys…";
        try {
          const info = getSs58AddressInfo(who);
          if (!info.isValid) throw new Error("the account's address is not valid");
          const owner = Binary.toHex(info.publicKey);
          const reply = await chain.client._request<{ keys: string; proof: string }>("author_rotateKeysWithOwner", [
            owner,
          ]);
          keysInput.value = reply.keys;
          proofInput.value = reply.proof;
          keysNote.textContent =
            "The node keeps the private keys; the validator must run on this node.";
          void setKeys.refresh();
        } catch (e) {
          keysNote.textContent = `This node does not generate keys for you (${describe(e)}): generate them on your validator's node (author_rotateKeysWithOwner) and paste them.`;
        }
      },
    },
    "Generate on the node",
  );
  const validatorEl = h("div", {});
  const validatorSection = h(
    "section",
    { "data-section": "validator", hidden: true },
    h("h2", {}, "Validator"),
    validatorEl,
    h(
      "div",
      { class: "forms" },
      card(
        "session-keys",
        "Session keys",
        h(
          "p",
          { class: "muted" },
          "A validator signs blocks and finality votes with these keys; the chain's own Network confirms an installation only for an Operator that registered them.",
        ),
        h("p", { "data-role": "current-keys" }),
        field("Keys", keysInput),
        field("Proof", proofInput),
        h("div", { class: "inline-fields" }, generateKeys, keysNote),
        setKeys.el,
      ),
    ),
  );
  mount(validatorHost, validatorSection);

  for (const [inputs, c] of [
    [[opName, opUrl], register],
    [[damName, damSymbol, damFee], create],
    [[stakeAmount], stake],
    [[keysInput, proofInput], setKeys],
  ] as const) {
    for (const input of inputs) input.addEventListener("input", () => void c.refresh());
  }
  for (const [select, c] of [
    [damKind, create],
    [damAsset, create],
    [reqDam, request],
    [reqNetwork, request],
    [stakeTarget, stake],
    [licenseTarget, buy],
    [licenseOperator, buy],
  ] as const) {
    select.addEventListener("change", () => void c.refresh());
  }
  mount(
    forms,
    card(
      "register-operator",
      "Register as an Operator",
      h("p", { class: "muted" }, "A small deposit goes on hold while you are registered."),
      field("Name", opName),
      field("Website", opUrl),
      register.el,
    ),
    card(
      "create-dam",
      "Create a DAM",
      h("p", { class: "muted" }, "You run its installations yourself (an independent Operator)."),
      field("Kind", damKind),
      field("Deposit asset", damAsset),
      field("Name", damName),
      field("Share symbol", damSymbol),
      field("Fee (%)", damFee),
      create.el,
    ),
    card(
      "request-installation",
      "Request an installation",
      h("p", { class: "muted" }, "The Network's manager confirms or refuses it."),
      field("DAM", reqDam),
      field("Network", reqNetwork),
      request.el,
    ),
    card(
      "stake",
      "Commit or allocate",
      h(
        "p",
        { class: "muted" },
        "Collateral DAMs commit their stake (it stays in the DAM, slashable); Liquidity and Growth DAMs allocate into a vault for the Network's lock period.",
      ),
      field("Installation", stakeTarget),
      field("Amount", stakeAmount),
      stake.el,
    ),
    card(
      "buy-license",
      "Buy a node license",
      h(
        "p",
        { class: "muted" },
        "A Growth DAM pays a license from its idle assets; the price adds to its exposure in the Network, and the Operator you name runs the licensed node.",
      ),
      field("Installation", licenseTarget),
      licenseInfo,
      field("Run by", licenseOperator),
      buy.el,
      licensesEl,
    ),
  );

  const options = setOptions;

  const renderLicenses = (c: Console) => {
    const who = state.account?.address;
    // Only an account that places a Growth DAM's assets buys licenses.
    const buyForm = licenseTarget.closest("form");
    if (buyForm) buyForm.hidden = !c.mine.some((d) => d.kind === "Growth" && d.catalyst === who) && !buy.active;
    const targets: [string, string][] = c.mine
      .filter((d) => d.kind === "Growth" && d.catalyst === who)
      .flatMap((d) =>
        d.installations
          .filter((i) => c.sales.has(i.network))
          .map((i): [string, string] => {
            const sale = c.sales.get(i.network)!;
            return [
              `${d.id}:${i.network}`,
              `DAM #${d.id} in Network #${i.network}: ${formatAmount(sale.price, d.token.decimals, d.token.symbol)}, ${sale.sold}/${sale.supply} sold`,
            ];
          }),
      );
    let changed = options(licenseTarget, targets, "no license sale for your Growth DAMs");
    const [damId, networkId] = licenseTarget.value.split(":").map(Number);
    const dam = c.mine.find((d) => d.id === damId);
    const sale = c.sales.get(networkId);
    const operators = c.damOperators.get(damId) ?? [];
    changed =
      options(
        licenseOperator,
        operators.map((o): [string, string] => [o, o === who ? `${nameOf(state, o)} (you)` : nameOf(state, o)]),
        "no Operator",
      ) || changed;
    if (dam && sale) {
      licenseInfo.dataset.price = sale.price.toString();
      licenseInfo.textContent = `A license costs ${formatAmount(sale.price, dam.token.decimals, dam.token.symbol)}; the DAM has ${formatAmount(dam.idle, dam.token.decimals, dam.token.symbol)} idle. ${sale.supply - sale.sold} left.`;
    } else licenseInfo.textContent = "";
    const signature = `${licenseTarget.value}|${sale?.sold}|${dam?.idle}|${dam?.installations.map((i) => i.status).join()}`;
    if (changed || signature !== licenseTarget.dataset.state) void buy.refresh();
    licenseTarget.dataset.state = signature;
    mount(
      licensesEl,
      c.licenses.length
        ? h(
            "ul",
            {},
            c.licenses.map((l) =>
              h(
                "li",
                { "data-license": `${l.network}:${l.item}` },
                `DAM #${l.dam}: license #${l.item} of Network #${l.network}, run by ${nameOf(state, l.operator)}, performance ${formatPermill(l.performance)}`,
              ),
            ),
          )
        : null,
    );
  };

  const renderValidators = (c: Console) => {
    const set = c.validators;
    validatorSection.hidden = !set;
    if (!set) return;
    const who = state.account?.address;
    const native = chain.native;
    const nek = (v: bigint) => formatAmount(v, native.decimals, native.symbol, 4);
    const place = who ? placeInRanking(set.candidates, who, set.minBacking) : undefined;
    const mineBacking = c.mine
      .filter((d) => d.kind === "Collateral")
      .flatMap((d) =>
        d.installations
          .filter((i) => i.network === c.validatorNetwork && i.operator === who)
          .map((i) => `DAM #${d.id}: ${formatAmount(i.exposure, d.token.decimals, d.token.symbol, 4)}`),
      );
    const status: Record<string, string> = {
      Selected: "selected for the next set",
      NoKeys: "left out: no session keys",
      BelowMinimum: `left out: backing below ${nek(set.minBacking)}`,
      Outranked: `left out: ${set.maxValidators} validators rank higher`,
      Offended: "left out: it offended",
    };
    mount(
      validatorEl,
      h(
        "p",
        { "data-role": "session" },
        `Session ${set.session} ends at block #${set.endsAt} (${countdown(set.endsAt, chain.best, chain.blockTimeMs)}); sessions last ${set.length} blocks. `,
        `The set takes ${set.minValidators} to ${set.maxValidators} validators, each backed by at least ${nek(set.minBacking)} committed to Network #${c.validatorNetwork}; the treasury pays ${nek(set.rewardPerSession)} into its rewards every session.`,
      ),
      h(
        "p",
        { "data-role": "validator-place", "data-rank": place?.candidate?.rank ?? "", "data-status": place?.candidate?.status ?? "" },
        !who
          ? "Choose an account to see its place."
          : place?.candidate
            ? `You rank #${place.candidate.rank} with ${nek(place.candidate.backing)} of backing: ${status[place.candidate.status] ?? place.candidate.status}.${place.short > 0n ? ` About ${nek(place.short)} more would get you in.` : ""}`
            : `You are not a candidate: back a validator of yours by committing at least ${nek(set.minBacking)} from a Collateral NEK DAM installed in Network #${c.validatorNetwork}.`,
        mineBacking.length ? ` Your backing: ${mineBacking.join("; ")}.` : "",
      ),
      h(
        "table",
        { "data-role": "ranking" },
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            ["Rank", "Candidate", "Backing", "Keys", "Next set", "Validating now"].map((t) => h("th", {}, t)),
          ),
        ),
        h(
          "tbody",
          {},
          set.candidates.map((cand) =>
            h(
              "tr",
              { "data-candidate": cand.who, class: cand.who === who ? "mine" : "" },
              h("td", {}, `#${cand.rank}`),
              h("td", {}, nameOf(state, cand.who), cand.invulnerable ? " (invulnerable)" : ""),
              h("td", { "data-role": "backing", "data-value": cand.backing.toString() }, nek(cand.backing)),
              h("td", {}, cand.hasKeys ? "yes" : "no"),
              h("td", { "data-role": "candidate-status" }, cand.status),
              h("td", {}, set.current.some(([v]) => v === cand.who) ? "yes" : "no"),
            ),
          ),
        ),
      ),
    );
    const current = validatorSection.querySelector('[data-role="current-keys"]')!;
    current.textContent = c.sessionKeys
      ? `Registered: Aura ${shortAddress(c.sessionKeys.aura)}, GRANDPA ${shortAddress(c.sessionKeys.grandpa)}.`
      : "No session keys registered for this account.";
    (current as HTMLElement).dataset.aura = c.sessionKeys?.aura ?? "";
  };

  const earnedControls = new Map<string, { el: HTMLElement; update: (e: Earned) => void }>();
  const render = (c: Console) => {
    mount(
      statusEl,
      state.account
        ? c.operator
          ? h("p", { "data-role": "operator-status" }, `Registered as the Operator “${c.operator.name}”.`)
          : h("p", { "data-role": "operator-status" }, "This account is not registered as an Operator.")
        : h("p", { class: "muted" }, "Choose an account to act as an Operator."),
    );
    mount(
      damsEl,
      c.mine.length
        ? h(
            "table",
            {},
            h(
              "thead",
              {},
              h(
                "tr",
                {},
                ["DAM", "Kind", "TVL", "Idle", "Installations"].map((t) => h("th", {}, t)),
              ),
            ),
            h(
              "tbody",
              {},
              c.mine.map((d) =>
                h(
                  "tr",
                  { "data-my-dam": d.id },
                  h("td", {}, h("a", { href: `#/dam/${d.id}` }, `#${d.id} ${d.name}`)),
                  h("td", {}, d.kind),
                  h("td", {}, formatAmount(d.tvl, d.token.decimals, d.token.symbol, 4)),
                  h("td", {}, formatAmount(d.idle, d.token.decimals, d.token.symbol, 4)),
                  h(
                    "td",
                    { "data-role": "my-installations" },
                    d.installations.length
                      ? d.installations
                          .map(
                            (i) =>
                              `#${i.network} ${i.status ?? ""}${i.operator ? ` (${shortAddress(i.operator)})` : ""}: ${formatAmount(i.exposure, d.token.decimals, d.token.symbol, 4)}`,
                          )
                          .join("; ")
                      : "none",
                  ),
                ),
              ),
            ),
          )
        : h("p", { class: "muted" }, "This account manages no DAM and runs no installation."),
    );
    const depositOptions = c.assets.map((a): [string, string] => [a.key, a.token.symbol]);
    if (options(damAsset, depositOptions, "no whitelisted asset")) void create.refresh();
    const live = c.networks.filter((n) => n.status === "Live");
    const changedDams = options(
      reqDam,
      c.mine.filter((d) => d.catalyst === state.account?.address).map((d) => [String(d.id), `#${d.id} ${d.name}`]),
      "no DAM of yours",
    );
    const changedNetworks = options(
      reqNetwork,
      live.map((n) => [String(n.id), `#${n.id} ${n.name} (${n.depositToken.symbol})`]),
      "no live Network",
    );
    if (changedDams || changedNetworks) void request.refresh();
    renderLicenses(c);
    renderValidators(c);
    const targets: [string, string][] = c.mine.flatMap((d) =>
      d.installations
        .filter((i) => i.status && i.status !== "Requested")
        .map((i): [string, string] => [`${d.id}:${i.network}`, `DAM #${d.id} in Network #${i.network}`]),
    );
    if (options(stakeTarget, targets, "no confirmed installation")) void stake.refresh();

    const keys = new Set(c.earned.map((e) => `${e.program}:${e.dam}`));
    for (const key of earnedControls.keys()) if (!keys.has(key)) earnedControls.delete(key);
    const rows = c.earned.map((e) => {
      const key = `${e.program}:${e.dam}`;
      let row = earnedControls.get(key);
      if (!row) {
        const amountEl = h("strong", { "data-role": "operator-reward" });
        const claim = control("Claim", (): Prepared => {
          const current = data?.earned.find((x) => x.program === e.program && x.dam === e.dam);
          if (!current || current.amount === 0n) return { error: "Nothing to claim yet." };
          return { tx: chain.api.tx.Rewards.claim_operator_rewards({ program: e.program, dam: e.dam }) };
        });
        claim.el.dataset.action = "claim-operator-rewards";
        const el = h(
          "div",
          { class: "card", "data-earned": key },
          h("p", {}, `Program #${e.program} of Network #${e.network}, DAM #${e.dam}: `, amountEl),
          claim.el,
        );
        let wasZero = true;
        row = {
          el,
          update: (next: Earned) => {
            amountEl.dataset.value = next.amount.toString();
            amountEl.textContent = formatAmount(next.amount, next.decimals, next.symbol);
            if (wasZero !== (next.amount === 0n)) void claim.refresh();
            wasZero = next.amount === 0n;
          },
        };
        earnedControls.set(key, row);
      }
      row.update(e);
      return row.el;
    });
    mount(earnedEl, rows.length ? rows : h("p", { class: "muted" }, "No installation of yours earns yet."));
  };

  let loading = false;
  let again = false;
  /** What the forms were last checked for: they are checked again when it changes. */
  let checkedFor: string | null = null;
  const load = async (): Promise<void> => {
    if (loading) {
      again = true; // read again once this read ends, e.g. for another account
      return;
    }
    loading = true;
    again = false;
    try {
      const who = state.account?.address;
      const c = await readConsole(state);
      if (state.account?.address !== who) {
        again = true;
        return;
      }
      data = c;
      render(c);
      // The forms are checked again for another account, once it registers, or once it has keys.
      const checked = `${who}|${!!c.operator}|${!!c.sessionKeys}`;
      if (checkedFor !== checked) {
        checkedFor = checked;
        refreshAll();
      }
      note.textContent = `As of block #${chain.best}.`;
      note.dataset.block = String(chain.best);
    } catch (e) {
      mount(note, h("span", { class: "error" }, `The Operator console could not be read: ${describe(e)}`));
    } finally {
      loading = false;
      if (again) void load();
    }
  };
  return keepCurrent(state, load, () => {
    earnedControls.clear();
    void load();
  });
};
