// The Operator console: register as an Operator, create a DAM, ask Networks to install it,
// commit or allocate its assets to an installation, and claim what the installations earned.

import { Binary } from "polkadot-api";
import type { AssetKind, Token } from "../chain";
import { loadDams, loadNetworks, type DamRow, type NetworkRow } from "../data";
import { formatAmount, parseAmount, parsePercentToPerbill, shortAddress } from "../lib/format";
import type { AppState, View } from "../state";
import { TxControl, type Prepared } from "../tx";
import { describe, h, mount } from "../ui";

const at = { at: "best" } as const;

interface Earned {
  program: number;
  dam: number;
  network: number;
  symbol: string;
  decimals: number;
  amount: bigint;
}

interface Console {
  operator?: { name: string };
  networks: NetworkRow[];
  dams: DamRow[];
  /** The DAMs the account manages or runs installations of. */
  mine: DamRow[];
  earned: Earned[];
  assets: { asset: AssetKind; token: Token; key: string }[];
}

const field = (label: string, input: HTMLElement) => h("label", { class: "field" }, h("span", {}, label), input);
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
  if (!who) return { networks, dams, mine: [], earned: [], assets };
  const operator = await chain.api.query.Marketplace.Operators.getValue(who, at);
  const mine = dams.filter((d) => d.manager === who || d.installations.some((i) => i.operator === who));
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
  };
}

export const operatorView: View = (state, root) => {
  const { chain } = state;
  const note = h("p", { class: "muted", "data-role": "loading" }, "Reading the Operator console…");
  const statusEl = h("div", {});
  const damsEl = h("div", {});
  const earnedEl = h("div", {});
  const forms = h("div", { class: "forms" });
  mount(
    root,
    h("h1", {}, "Operator console"),
    note,
    h("section", { "data-section": "operator" }, statusEl),
    h("section", { "data-section": "my-dams" }, h("h2", {}, "Your DAMs"), damsEl),
    h("section", { "data-section": "operator-rewards" }, h("h2", {}, "Operator rewards"), earnedEl),
    forms,
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
    const kind = { type: damKind.value as "Collateral" | "Liquidity" | "Growth", value: undefined };
    return {
      tx: chain.api.tx.Dam.create_dam({
        config: {
          kind,
          deposit_asset: asset.asset,
          fee: Number(fee.value),
          fee_mutable: true,
          gatekeeper: undefined,
          gatekeeper_mutable: true,
          catalyst: undefined,
          catalyst_mutable: true,
          receipt_transferable: true,
          allow_list: false,
          independent_operator: true,
        },
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
  const stakeAmount = h("input", {
    type: "text",
    inputmode: "decimal",
    placeholder: "0.0",
    autocomplete: "off",
    "data-field": "stake-amount",
  });
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

  for (const [inputs, c] of [
    [[opName, opUrl], register],
    [[damName, damSymbol, damFee], create],
    [[stakeAmount], stake],
  ] as const) {
    for (const input of inputs) input.addEventListener("input", () => void c.refresh());
  }
  for (const [select, c] of [
    [damKind, create],
    [damAsset, create],
    [reqDam, request],
    [reqNetwork, request],
    [stakeTarget, stake],
  ] as const) {
    select.addEventListener("change", () => void c.refresh());
  }
  const card = (name: string, title: string, ...children: (HTMLElement | string)[]) =>
    h(
      "form",
      { class: "card", "data-form": name, onsubmit: (e: Event) => e.preventDefault() },
      h("h3", {}, title),
      ...children,
    );
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
  );

  const options = (select: HTMLSelectElement, items: [string, string][], empty: string) => {
    const chosen = select.value;
    const signature = items.map(([v, l]) => `${v}=${l}`).join("|");
    if (select.dataset.signature === signature) return false;
    select.dataset.signature = signature;
    mount(
      select,
      items.length
        ? items.map(([value, label]) => h("option", { value, selected: value === chosen }, label))
        : h("option", { value: "" }, empty),
    );
    return true;
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
    const changedReq =
      options(
        reqDam,
        c.mine.filter((d) => d.manager === state.account?.address).map((d) => [String(d.id), `#${d.id} ${d.name}`]),
        "no DAM of yours",
      ) ||
      options(
        reqNetwork,
        live.map((n) => [String(n.id), `#${n.id} ${n.name} (${n.depositToken.symbol})`]),
        "no live Network",
      );
    if (changedReq) void request.refresh();
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
  /** The account the forms were last checked for: they are checked again when it changes. */
  let checkedFor: string | null | undefined = null;
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
      if (checkedFor !== who) {
        checkedFor = who;
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
  const onAccount = () => {
    earnedControls.clear();
    void load();
  };
  state.onAccount.add(onAccount);
  void load();
  const off = chain.onBlock(() => void load());
  return () => {
    off();
    state.onAccount.delete(onAccount);
  };
};
