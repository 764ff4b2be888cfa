// The Network console, for the account that manages a Network: registering one (the form
// checks the terms the way the marketplace will and names the wrong field before anything is
// signed), and, for each Network it manages, funding its reward programs, answering
// installation requests, reporting performance, requesting penalties (Collateral), repaying
// loans (Liquidity), releasing and withdrawing what Growth DAMs paid in, and license sales.
// Each form checks its inputs first, and only the actions that the Network's kind and status
// allow are shown.

import { Binary, getSs58AddressInfo } from "polkadot-api";
import { bytesToText, type AssetKind, type Chain, type Token } from "../chain";
import { balanceOf } from "../data";
import {
  checkAmount,
  checkMaxExposure,
  checkPenalty,
  checkSupply,
  parseScore,
  penaltyBounds,
} from "../lib/console";
import { countdown, formatAmount, formatPerbill, formatPermill, parseAmount, shortAddress } from "../lib/format";
import { checkTerms, type Kind, type Limits, type TermsInput } from "../lib/terms";
import { nameOf, type View } from "../state";
import { TxControl, type Prepared } from "../tx";
import { amountInput, card, describe, field, h, keepCurrent, mount, setOptions } from "../ui";

const at = { at: "best" } as const;

interface AssetChoice {
  asset: AssetKind;
  token: Token;
  key: string;
}

export const networkView: View = (state, root) => {
  const { chain } = state;
  mount(root, h("h1", {}, "Register a Network"), h("p", { class: "muted" }, "Reading the protocol's limits…"));
  let alive = true;

  void (async () => {
    try {
      const [params, whitelisted, maxOperators] = await Promise.all([
        chain.api.query.Marketplace.Params.getValue(at),
        chain.api.query.Marketplace.WhitelistedAssets.getEntries(at),
        chain.api.constants.Marketplace.MaxOperatorsPerNetwork(),
      ]);
      const assets: AssetChoice[] = await Promise.all(
        whitelisted.map(async ({ keyArgs: [asset] }) => ({
          asset: asset as AssetKind,
          token: await chain.token(asset as AssetKind),
          key: asset.type === "Native" ? "native" : `asset-${asset.value}`,
        })),
      );
      if (!alive) return;
      render(params, assets, maxOperators);
    } catch (e) {
      mount(root, h("p", { class: "error" }, `The protocol's limits could not be read: ${describe(e)}`));
    }
  })();

  function render(
    params: Awaited<ReturnType<typeof chain.api.query.Marketplace.Params.getValue>>,
    assets: AssetChoice[],
    maxOperators: number,
  ) {
    const inputs: Record<string, HTMLInputElement> = {};
    const errorEls: Record<string, HTMLElement> = {};
    const text = (key: string, label: string, placeholder = "", hint = "") => {
      const input = h("input", { type: "text", placeholder, "data-field": key, autocomplete: "off" });
      inputs[key] = input;
      errorEls[key] = h("small", { class: "error", "data-error-for": key });
      return h(
        "label",
        { class: "field", "data-row": key },
        h("span", {}, label),
        input,
        hint ? h("small", { class: "muted" }, hint) : null,
        errorEls[key],
      );
    };
    const select = (key: string, label: string, options: [string, string][]) => {
      const el = h(
        "select",
        { "data-field": key },
        options.map(([value, title]) => h("option", { value }, title)),
      );
      return { el, row: h("label", { class: "field" }, h("span", {}, label), el) };
    };
    const kind = select("kind", "Kind", [
      ["Collateral", "Collateral: stake stays in the DAMs, slashable"],
      ["Liquidity", "Liquidity: a loan to your safe, repaid"],
      ["Growth", "Growth: funds for good, paid back in rewards"],
    ]);
    const assetOptions = assets.map((a): [string, string] => [a.key, a.token.symbol]);
    const deposit = select("depositAsset", "Deposit asset (whitelisted)", assetOptions);
    const reward = select("rewardAsset", "Reward asset (whitelisted)", assetOptions);
    const destination = select("destination", "Penalties go to", [
      ["Treasury", "the protocol treasury"],
      ["Safe", "the Network's safe"],
    ]);
    const assetOf = (key: string) => assets.find((a) => a.key === key)!;

    const kindRows: Record<string, HTMLElement[]> = {};
    const rows = {
      lockPeriod: text("lockPeriod", "Lock period (blocks)", "e.g. 100"),
      maxPenalty: text("maxPenalty", "Largest penalty (% of the commitment)", "e.g. 10"),
      disputeWindow: text(
        "disputeWindow",
        "Dispute window (blocks)",
        "",
        `Between ${params.min_dispute_window} and ${params.max_dispute_window} blocks.`,
      ),
      safe: text("safe", "Safe (address)", "SS58 address"),
      returnBond: text("returnBond", `Return bond (${chain.native.symbol})`, "e.g. 100"),
    };
    kindRows.Liquidity = [rows.lockPeriod, rows.safe, rows.returnBond];
    kindRows.Growth = [rows.lockPeriod];
    kindRows.Collateral = [rows.maxPenalty, rows.disputeWindow, destination.row, rows.safe];
    const showKindRows = () => {
      const shown = new Set(kindRows[kind.el.value]);
      const toSafe =
        kind.el.value === "Liquidity" || (kind.el.value === "Collateral" && destination.el.value === "Safe");
      for (const row of [
        rows.lockPeriod,
        rows.maxPenalty,
        rows.disputeWindow,
        destination.row,
        rows.safe,
        rows.returnBond,
      ]) {
        row.hidden = !shown.has(row) || (row === rows.safe && !toSafe);
      }
    };

    const input = (): TermsInput => ({
      kind: kind.el.value as Kind,
      name: inputs.name.value,
      rewardSymbol: inputs.rewardSymbol.value,
      minAllocation: inputs.minAllocation.value,
      amountRequested: inputs.amountRequested.value,
      operatorsRequested: inputs.operatorsRequested.value,
      duration: inputs.duration.value,
      lockPeriod: inputs.lockPeriod.value,
      delegatorRate: inputs.delegatorRate.value,
      operatorRate: inputs.operatorRate.value,
      commission: inputs.commission.value,
      maxPenalty: inputs.maxPenalty.value,
      disputeWindow: inputs.disputeWindow.value,
      penaltyToSafe: destination.el.value === "Safe",
      safe: inputs.safe.value,
      returnBond: inputs.returnBond.value,
    });
    let touched = false;
    const control = new TxControl(chain, () => state.account, {
      label: "Register the Network",
      prepare: (): Prepared => {
        const depositAsset = assetOf(deposit.el.value);
        const rewardAsset = assetOf(reward.el.value);
        const limits: Limits = {
          depositDecimals: depositAsset.token.decimals,
          rewardDecimals: rewardAsset.token.decimals,
          nativeDecimals: chain.native.decimals,
          maxOperatorCommission: params.max_operator_commission,
          minDisputeWindow: params.min_dispute_window,
          maxDisputeWindow: params.max_dispute_window,
          maxOperatorsPerNetwork: maxOperators,
          symbolLimit: 50,
          stringLimit: 128,
          isAddress: (t) => getSs58AddressInfo(t).isValid,
        };
        const checked = checkTerms(input(), limits);
        for (const [key, el] of Object.entries(errorEls)) {
          el.textContent = touched && !checked.ok ? (checked.errors[key] ?? "") : "";
        }
        if (!checked.ok) {
          const count = Object.keys(checked.errors).length;
          return { error: touched ? `Fix the ${count} field${count === 1 ? "" : "s"} marked above.` : "" };
        }
        const t = checked.terms;
        const tx = chain.api.tx.Marketplace.register_network({
          terms: {
            kind: { type: t.kind, value: undefined },
            deposit_asset: depositAsset.asset,
            min_allocation: t.minAllocation,
            amount_requested: t.amountRequested,
            operators_requested: t.operatorsRequested,
            duration: t.duration,
            lock_period: t.lockPeriod,
            safe: t.safe,
            reward_asset: rewardAsset.asset,
            delegator_rate: t.delegatorRate,
            operator_rate: t.operatorRate,
            operator_commission: t.operatorCommission,
            penalty: t.penalty && {
              max_penalty: t.penalty.maxPenalty,
              dispute_window: t.penalty.disputeWindow,
              resolver: undefined,
              destination: { type: t.penalty.toSafe ? "Safe" : "Treasury", value: undefined },
            },
            return_bond: t.returnBond,
          },
          name: Binary.fromText(inputs.name.value.trim()),
          description: Binary.fromText(inputs.description.value.trim()),
          url: Binary.fromText(inputs.url.value.trim()),
          reward_symbol: Binary.fromText(inputs.rewardSymbol.value.trim()),
        });
        return { tx };
      },
    });
    const form = h(
      "form",
      { class: "card", "data-form": "register-network", onsubmit: (e: Event) => e.preventDefault() },
      h(
        "p",
        { class: "muted" },
        "Signed by the account that will manage the Network. A registration deposit goes on hold; governance whitelists the Network before it goes live, and its terms cannot change after that.",
      ),
      text("name", "Name"),
      text("description", "Description"),
      text("url", "Website"),
      text("rewardSymbol", "Reward token symbol", "rNET"),
      kind.row,
      deposit.row,
      reward.row,
      text("minAllocation", "Minimum allocation per installation", "e.g. 100"),
      text("amountRequested", "Amount requested (cap on all exposure)", "e.g. 100000"),
      text("operatorsRequested", "Operators requested", "e.g. 4", `At most ${maxOperators}.`),
      text("duration", "Duration once live (blocks)", "e.g. 14400"),
      text("delegatorRate", "Delegator rewards per deposited token per day", "e.g. 0.01"),
      text("operatorRate", "Operator rewards per installation per day", "e.g. 1"),
      text(
        "commission",
        "Operator commission on delegator rewards (%)",
        "0",
        `At most ${params.max_operator_commission / 1e7}%.`,
      ),
      rows.lockPeriod,
      rows.maxPenalty,
      rows.disputeWindow,
      destination.row,
      rows.safe,
      rows.returnBond,
      control.el,
    );
    const changed = () => {
      touched = true;
      showKindRows();
      void control.refresh();
    };
    form.addEventListener("input", changed);
    // Text fields report through "input"; their "change" on blur would re-estimate the fee
    // under a click on the sign button.
    form.addEventListener("change", (e) => {
      if (e.target instanceof HTMLSelectElement) changed();
    });
    showKindRows();
    void control.refresh();
    mount(root, h("h1", {}, "Register a Network"), form);
  }

  return () => {
    alive = false;
  };
};

/** An installation of a managed Network, with what the console needs to act on it. */
interface ManagedInstallation {
  dam: number;
  damName: string;
  status: string;
  operator: string;
  exposure: bigint;
  maxExposure: bigint;
  performance: number;
  requestedAt: number;
  /** What the Network may slash of the DAM now (Collateral). */
  slashable: bigint;
  /** What its open penalties on the DAM already take. */
  pending: bigint;
}

interface ManagedProgram {
  id: number;
  primary: boolean;
  symbol: string;
  rewardAsset: AssetKind;
  rewardToken: Token;
  budget: bigint;
  accrued: bigint;
  escrowBalance: bigint;
  daysLeft?: bigint;
  accruing: boolean;
}

interface ManagedPenalty {
  id: bigint;
  dam: number;
  amount: bigint;
  status: string;
  windowEnds: number;
  resolveBy: number;
  reason: string;
}

interface ManagedVault {
  id: bigint;
  kind: string;
  dam: number;
  amount: bigint;
  unlockAt: number;
  state: string;
}

interface Managed {
  id: number;
  name: string;
  kind: string;
  status: string;
  depositAsset: AssetKind;
  depositToken: Token;
  rewardToken: Token;
  minAllocation: bigint;
  amountRequested: bigint;
  operatorsRequested: number;
  installationCount: number;
  totalExposure: bigint;
  endsAt?: number;
  lockPeriod?: number;
  safe?: string;
  penalty?: { maxPenalty: number; disputeWindow: number };
  programs: ManagedProgram[];
  installations: ManagedInstallation[];
  penalties: ManagedPenalty[];
  vaults: ManagedVault[];
  loans: { dam: number; amount: bigint }[];
  debt?: { outstanding: bigint; locked: bigint; creditors: number };
  sale?: { price: bigint; supply: number; sold: number; transferable: boolean };
}

interface ConsoleLimits {
  minPenalty: number;
  maxLicenses: number;
  maxReason: number;
}

async function readManaged(chain: Chain, who: string): Promise<Managed[]> {
  const { api } = chain;
  const infos = (await api.apis.MarketplaceApi.networks(at)).filter((n) => n.network.manager === who);
  return Promise.all(
    infos.map(async ({ id, network, metadata }): Promise<Managed> => {
      const terms = network.terms;
      const kind = terms.kind.type;
      const [depositToken, rewardToken, programs, entries, sale, vaults, loans, debt] = await Promise.all([
        chain.token(terms.deposit_asset as AssetKind),
        chain.token(terms.reward_asset as AssetKind),
        api.apis.RewardsApi.network_programs(id, at),
        api.query.Marketplace.Installations.getEntries(id, at),
        kind === "Growth" ? api.query.Rewards.LicenseSales.getValue(id, at) : Promise.resolve(undefined),
        kind === "Collateral" ? Promise.resolve([]) : api.apis.VaultsApi.vaults(id, at),
        kind === "Liquidity" ? api.apis.VaultsApi.loans(id, at) : Promise.resolve([]),
        kind === "Liquidity" ? api.apis.VaultsApi.debt(id, at) : Promise.resolve(undefined),
      ]);
      const installations = await Promise.all(
        entries.map(async ({ keyArgs: [, dam], value }): Promise<ManagedInstallation> => {
          const [details, meta, pending] = await Promise.all([
            kind === "Collateral" ? api.apis.DamApi.dam(dam, at) : Promise.resolve(undefined),
            api.query.Dam.Metadata.getValue(dam, at),
            kind === "Collateral" ? api.query.Slashing.Pending.getValue(id, dam, at) : Promise.resolve(0n),
          ]);
          return {
            dam,
            damName: bytesToText(meta?.name) || `DAM ${dam}`,
            status: value.status.type,
            operator: value.operator,
            exposure: value.exposure,
            maxExposure: value.max_exposure,
            performance: value.performance,
            requestedAt: value.requested_at,
            slashable: details?.slashable.find((s) => s.network === id)?.amount ?? 0n,
            pending,
          };
        }),
      );
      installations.sort((a, b) => a.dam - b.dam);
      const penalties: ManagedPenalty[] = [];
      if (kind === "Collateral") {
        const lists = await Promise.all(installations.map((i) => api.apis.SlashingApi.penalties(i.dam, at)));
        for (const list of lists) {
          for (const { id: penalty, penalty: p } of list) {
            if (p.network !== id || penalties.some((x) => x.id === penalty)) continue;
            penalties.push({
              id: penalty,
              dam: p.dam,
              amount: p.amount,
              status: p.status.type,
              windowEnds: p.window_ends,
              resolveBy: p.resolve_by,
              reason: bytesToText(p.reason),
            });
          }
        }
        penalties.sort((a, b) => (b.id > a.id ? 1 : b.id < a.id ? -1 : 0));
      }
      const managedPrograms = await Promise.all(
        programs.map(async (p): Promise<ManagedProgram> => ({
          id: p.id,
          primary: p.primary,
          symbol: (await chain.assetToken(p.token)).symbol,
          rewardAsset: p.reward_asset as AssetKind,
          rewardToken: await chain.token(p.reward_asset as AssetKind),
          budget: p.budget,
          accrued: p.accrued,
          escrowBalance: p.escrow_balance,
          daysLeft: p.days_left,
          accruing: p.accruing,
        })),
      );
      return {
        id,
        name: bytesToText(metadata.name) || `Network ${id}`,
        kind,
        status: network.status.type,
        depositAsset: terms.deposit_asset as AssetKind,
        depositToken,
        rewardToken,
        minAllocation: terms.min_allocation,
        amountRequested: terms.amount_requested,
        operatorsRequested: terms.operators_requested,
        installationCount: network.installations,
        totalExposure: network.total_exposure,
        endsAt: network.live_since === undefined ? undefined : network.live_since + terms.duration,
        lockPeriod: terms.lock_period,
        safe: terms.safe,
        penalty: terms.penalty && {
          maxPenalty: terms.penalty.max_penalty,
          disputeWindow: terms.penalty.dispute_window,
        },
        programs: managedPrograms,
        installations,
        penalties,
        vaults: vaults.map(({ id: vault, vault: v }) => ({
          id: vault,
          kind: v.kind.type,
          dam: v.dam,
          amount: v.amount,
          unlockAt: v.unlock_at,
          state: v.state.type,
        })),
        loans: loans.map((l) => ({ dam: l.dam, amount: l.amount })),
        debt,
        sale: sale && { price: sale.price, supply: sale.supply, sold: sale.sold, transferable: sale.transferable },
      };
    }),
  );
}

/** A card of the console kept across blocks, with its transaction controls. */
interface Card {
  el: HTMLElement;
  own: TxControl[];
  network: number;
}

const table = (head: string[], rows: HTMLElement[], empty: string) =>
  rows.length
    ? h(
        "table",
        {},
        h("thead", {}, h("tr", {}, head.map((t) => h("th", {}, t)))),
        h("tbody", {}, rows),
      )
    : h("p", { class: "muted" }, empty);

export const networkConsoleView: View = (state, root) => {
  const { chain } = state;
  const note = h("p", { class: "muted", "data-role": "loading" }, "Reading the Networks you manage…");
  const chooser = h("select", { "data-field": "network", "aria-label": "Network" });
  const summaryEl = h("div", { "data-section": "network-summary" });
  const programsEl = h("div", {});
  const requestsEl = h("div", { class: "forms" });
  const installationsEl = h("div", {});
  const penaltiesEl = h("div", {});
  const vaultsEl = h("div", { class: "forms" });
  const loansEl = h("div", {});
  const saleEl = h("div", {});
  const forms = h("div", { class: "forms" });
  const sections = {
    programs: h("section", { "data-section": "programs" }, h("h2", {}, "Reward programs"), programsEl),
    requests: h("section", { "data-section": "requests" }, h("h2", {}, "Installation requests"), requestsEl),
    installations: h(
      "section",
      { "data-section": "installations" },
      h("h2", {}, "Installations"),
      installationsEl,
    ),
    penalties: h("section", { "data-section": "penalties" }, h("h2", {}, "Penalties"), penaltiesEl),
    vaults: h("section", { "data-section": "vaults" }, h("h2", {}, "Released funds"), vaultsEl),
    loans: h("section", { "data-section": "loans" }, h("h2", {}, "Loans"), loansEl),
    sale: h("section", { "data-section": "license-sale" }, h("h2", {}, "License sale"), saleEl),
  };
  const body = h(
    "div",
    { hidden: true },
    field("Network", chooser),
    summaryEl,
    sections.programs,
    sections.requests,
    sections.installations,
    sections.penalties,
    sections.vaults,
    sections.loans,
    sections.sale,
    forms,
  );
  mount(
    root,
    h("h1", {}, "Network console"),
    h("p", {}, h("a", { href: "#/network/new", "data-role": "register-link" }, "Register a new Network")),
    note,
    body,
  );

  let managed: Managed[] = [];
  let limits: ConsoleLimits | null = null;
  const current = (): Managed | undefined => managed.find((n) => String(n.id) === chooser.value);
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
  const live = (n: Managed) => n.status === "Live";
  const fundable = (n: Managed) => n.status === "Live" || n.status === "Suspended";

  // Fund a reward program of the Network, in its reward asset, from the signer's account.
  const fundProgram = h("select", { "data-field": "fund-program" });
  const fundAmount = amountInput("fund-amount");
  const fund = control("Fund rewards", async (): Promise<Prepared> => {
    const n = current();
    if (!n) return { error: "" };
    if (!fundable(n)) return { error: `A ${n.status.toLowerCase()} Network's programs cannot be funded.` };
    const program = n.programs.find((p) => String(p.id) === fundProgram.value);
    if (!program) return { error: "The Network has no reward program yet." };
    if (!fundAmount.value.trim()) return { error: "" };
    const held = state.account ? await balanceOf(chain, program.rewardAsset, state.account.address) : undefined;
    const checked = checkAmount(fundAmount.value, {
      decimals: program.rewardToken.decimals,
      symbol: program.rewardToken.symbol,
      available: held,
    });
    if (!checked.ok) return { error: checked.error };
    return { tx: chain.api.tx.Rewards.fund_rewards({ program: program.id, amount: checked.value }) };
  });
  const fundForm = card(
    "fund-rewards",
    "Fund rewards",
    h(
      "p",
      { class: "muted" },
      "Moves the reward asset from your account into the program's escrow; accrual resumes if its budget ran out.",
    ),
    field("Program", fundProgram),
    field("Amount", fundAmount),
    fund.el,
  );

  // Report an installation's performance: it scales what the installation earns from now on.
  const perfTarget = h("select", { "data-field": "performance-dam" });
  const perfScore = h("input", { type: "text", placeholder: "e.g. 95", autocomplete: "off", "data-field": "score" });
  const performance = control("Report performance", (): Prepared => {
    const n = current();
    if (!n) return { error: "" };
    const installation = n.installations.find((i) => i.status === "Active" && String(i.dam) === perfTarget.value);
    if (!installation) return { error: "No active installation to report on." };
    if (!perfScore.value.trim()) return { error: "" };
    const score = parseScore(perfScore.value);
    if (!score.ok) return { error: score.error };
    return {
      tx: chain.api.tx.Marketplace.report_performance({ network: n.id, dam: installation.dam, score: score.value }),
    };
  });
  const performanceForm = card(
    "performance",
    "Report performance",
    h(
      "p",
      { class: "muted" },
      "100% for full service, 0% for none: the score scales the installation's rewards from now on.",
    ),
    field("Installation", perfTarget),
    field("Score (%)", perfScore),
    performance.el,
  );

  // Request a penalty from a DAM installed in a live Collateral Network.
  const penaltyTarget = h("select", { "data-field": "penalty-dam" });
  const penaltyAmount = amountInput("penalty-amount");
  const penaltyReason = h("input", {
    type: "text",
    placeholder: "What went wrong",
    autocomplete: "off",
    "data-field": "penalty-reason",
  });
  const penaltyInfo = h("p", { class: "muted", "data-role": "penalty-bounds" });
  const boundsOf = (n: Managed, i: ManagedInstallation) =>
    penaltyBounds({
      exposure: i.slashable,
      maxPenalty: n.penalty?.maxPenalty ?? 0,
      minPenalty: limits?.minPenalty ?? 0,
      pending: i.pending,
    });
  const showBounds = () => {
    const n = current();
    const i = n?.installations.find((x) => x.status === "Active" && String(x.dam) === penaltyTarget.value);
    if (!n || !i) {
      penaltyInfo.textContent = "";
      return;
    }
    const { min, max } = boundsOf(n, i);
    const t = n.depositToken;
    penaltyInfo.dataset.min = min.toString();
    penaltyInfo.dataset.max = max.toString();
    penaltyInfo.textContent =
      max >= min && max > 0n
        ? `Slashable now: ${formatAmount(i.slashable, t.decimals, t.symbol)}. A penalty from ${formatAmount(min, t.decimals, t.symbol)} to ${formatAmount(max, t.decimals, t.symbol)}; it waits ${n.penalty?.disputeWindow ?? 0} blocks for a dispute.`
        : `Slashable now: ${formatAmount(i.slashable, t.decimals, t.symbol)}: no penalty fits${i.pending > 0n ? " while one is open" : ""}.`;
  };
  const penalty = control("Request the penalty", (): Prepared => {
    const n = current();
    if (!n || !limits || n.kind !== "Collateral") return { error: "" };
    if (!live(n)) return { error: "Only a live Network requests penalties." };
    const i = n.installations.find((x) => x.status === "Active" && String(x.dam) === penaltyTarget.value);
    if (!i) return { error: "No active installation to penalise." };
    if (i.pending > 0n) return { error: `Your penalty on DAM ${i.dam} is still open: one at a time.` };
    if (!penaltyAmount.value.trim() && !penaltyReason.value.trim()) return { error: "" };
    const { min, max } = boundsOf(n, i);
    const checked = checkPenalty(penaltyAmount.value, penaltyReason.value, {
      decimals: n.depositToken.decimals,
      symbol: n.depositToken.symbol,
      min,
      max,
      maxReason: limits.maxReason,
    });
    if (!checked.ok) return { error: checked.error };
    return {
      tx: chain.api.tx.Slashing.request_penalty({
        network: n.id,
        dam: i.dam,
        amount: checked.value.amount,
        reason: Binary.fromText(checked.value.reason),
      }),
    };
  });
  const penaltyForm = card(
    "penalty",
    "Request a penalty",
    h(
      "p",
      { class: "muted" },
      "The amount leaves the DAM's books into a dispute vault; the DAM may dispute it within the Network's window, and the resolver decides.",
    ),
    field("Installation", penaltyTarget),
    penaltyInfo,
    field("Amount", penaltyAmount),
    field("Reason", penaltyReason),
    penalty.el,
  );

  // Repay what a Liquidity Network owes a DAM.
  const repayTarget = h("select", { "data-field": "repay-dam" });
  const repayAmount = amountInput("repay-amount");
  const repay = control("Repay", async (): Promise<Prepared> => {
    const n = current();
    if (!n || n.kind !== "Liquidity") return { error: "" };
    if (n.status === "Defaulted") return { error: "The Network defaulted: its loans were written off." };
    const loan = n.loans.find((l) => String(l.dam) === repayTarget.value);
    if (!loan) return { error: "The Network owes no DAM." };
    if (!repayAmount.value.trim()) return { error: "" };
    const t = n.depositToken;
    const checked = checkAmount(repayAmount.value, {
      decimals: t.decimals,
      symbol: t.symbol,
      available: loan.amount,
      availableIs: `The Network owes DAM ${loan.dam}`,
    });
    if (!checked.ok) return { error: checked.error };
    const held = state.account ? await balanceOf(chain, n.depositAsset, state.account.address) : undefined;
    return {
      tx: chain.api.tx.Vaults.repay({ network: n.id, dam: loan.dam, amount: checked.value }),
      warning:
        held !== undefined && checked.value > held
          ? `This account holds ${formatAmount(held, t.decimals, t.symbol)}: the chain will refuse more. Repayments usually come from the Network's safe.`
          : undefined,
    };
  });
  const repayForm = card(
    "repay",
    "Repay a loan",
    h(
      "p",
      { class: "muted" },
      "Pays the DAM back from the signing account (usually the Network's safe); the assets are idle in the DAM again.",
    ),
    field("Loan", repayTarget),
    field("Amount", repayAmount),
    repay.el,
  );

  // Open a license sale (live Growth Networks without one).
  const salePrice = amountInput("sale-price");
  const saleSupply = h("input", { type: "text", placeholder: "e.g. 10", autocomplete: "off", "data-field": "sale-supply" });
  const saleTransferable = h("input", { type: "checkbox", "data-field": "sale-transferable" });
  const openSale = control("Open the license sale", (): Prepared => {
    const n = current();
    if (!n || !limits || n.kind !== "Growth") return { error: "" };
    if (n.sale) return { error: "The Network's license sale is open." };
    if (!live(n)) return { error: "Only a live Growth Network sells licenses." };
    if (!salePrice.value.trim() && !saleSupply.value.trim()) return { error: "" };
    const price = parseAmount(salePrice.value, n.depositToken.decimals);
    if (!price.ok) return { error: `Price: ${price.error}` };
    if (price.value === 0n) return { error: "Price: a license costs more than zero." };
    const supply = checkSupply(saleSupply.value, limits.maxLicenses);
    if (!supply.ok) return { error: supply.error };
    return {
      tx: chain.api.tx.Rewards.open_license_sale({
        network: n.id,
        price: price.value,
        supply: supply.value,
        transferable: saleTransferable.checked,
      }),
    };
  });
  const saleForm = card(
    "license-sale",
    "Open a license sale",
    h(
      "p",
      { class: "muted" },
      "Node licenses as NFTs, bought by Growth DAMs with their delegators' funds; you pay the collection's deposits.",
    ),
    field("Price per license", salePrice),
    field("Licenses", saleSupply),
    h("label", { class: "field" }, h("span", {}, "License NFTs may change hands"), saleTransferable),
    openSale.el,
  );

  for (const [input, c] of [
    [fundAmount, fund],
    [perfScore, performance],
    [penaltyAmount, penalty],
    [penaltyReason, penalty],
    [repayAmount, repay],
    [salePrice, openSale],
    [saleSupply, openSale],
  ] as const) {
    input.addEventListener("input", () => void c.refresh());
  }
  saleTransferable.addEventListener("change", () => void openSale.refresh());
  for (const [select, c] of [
    [fundProgram, fund],
    [perfTarget, performance],
    [penaltyTarget, penalty],
    [repayTarget, repay],
  ] as const) {
    select.addEventListener("change", () => void c.refresh());
  }
  penaltyTarget.addEventListener("change", showBounds);
  chooser.addEventListener("change", () => {
    render();
    refreshAll();
  });
  mount(forms, fundForm, performanceForm, penaltyForm, repayForm, saleForm);

  // A card per installation request, kept across blocks so that a transaction keeps its progress.
  const requestCards = new Map<string, Card>();
  const requestCard = (n: Managed, i: ManagedInstallation) => {
    const key = `${n.id}:${i.dam}`;
    const known = requestCards.get(key);
    if (known) return known.el;
    const maxExposure = amountInput("max-exposure");
    const confirm = control("Confirm", (): Prepared => {
      const net = managed.find((x) => x.id === n.id);
      const request = net?.installations.find((x) => x.dam === i.dam && x.status === "Requested");
      if (!net || !request) return { error: "The request was answered." };
      if (!live(net)) return { error: `A ${net.status.toLowerCase()} Network confirms no installation.` };
      if (net.installationCount >= net.operatorsRequested) {
        return { error: `All ${net.operatorsRequested} places are taken: refuse it, or evict an installation first.` };
      }
      const checked = checkMaxExposure(maxExposure.value, {
        decimals: net.depositToken.decimals,
        symbol: net.depositToken.symbol,
        min: net.minAllocation,
        max: net.amountRequested,
      });
      if (!checked.ok) return { error: checked.error };
      return {
        tx: chain.api.tx.Marketplace.confirm_installation({ network: net.id, dam: i.dam, max_exposure: checked.value }),
      };
    });
    confirm.el.dataset.action = "confirm-installation";
    const refuse = control("Refuse", (): Prepared => {
      const net = managed.find((x) => x.id === n.id);
      if (!net?.installations.some((x) => x.dam === i.dam && x.status === "Requested")) {
        return { error: "The request was answered." };
      }
      return { tx: chain.api.tx.Marketplace.refuse_installation({ network: n.id, dam: i.dam }) };
    });
    refuse.el.dataset.action = "refuse-installation";
    maxExposure.addEventListener("input", () => void confirm.refresh());
    const t = n.depositToken;
    const el = h(
      "div",
      { class: "card", "data-request": i.dam },
      h("h3", {}, `DAM #${i.dam} ${i.damName}`),
      h(
        "p",
        {},
        `Operator ${nameOf(state, i.operator)}, asked at block #${i.requestedAt}.`,
      ),
      field(
        `Largest exposure (${t.symbol})`,
        maxExposure,
        `Empty for the whole ${formatAmount(n.amountRequested, t.decimals, t.symbol)}; at least ${formatAmount(n.minAllocation, t.decimals, t.symbol)}.`,
      ),
      h("div", { class: "inline-fields" }, confirm.el, refuse.el),
    );
    requestCards.set(key, { el, own: [confirm, refuse], network: n.id });
    return el;
  };
  /**
   * Forgets the cards of `map` whose key is not in `keep`, and their controls; a card that
   * shows a transaction's outcome stays until the user leaves, and is returned if it belongs
   * to `network`.
   */
  const prune = <K>(map: Map<K, Card>, keep: Set<K>, network?: number): HTMLElement[] => {
    const kept: HTMLElement[] = [];
    for (const [key, entry] of map) {
      if (keep.has(key)) continue;
      if (network !== undefined && entry.own.some((c) => c.active)) {
        if (entry.network === network) kept.push(entry.el);
        continue;
      }
      for (const c of entry.own) controls.delete(c);
      map.delete(key);
    }
    return kept;
  };

  // A card per Growth vault: release it once its lock has passed, then withdraw it.
  const vaultCards = new Map<bigint, Card & { update: (v: ManagedVault) => void }>();
  const vaultCard = (n: Managed, v: ManagedVault) => {
    let entry = vaultCards.get(v.id);
    if (entry) return entry;
    let currentVault = v;
    const info = h("p", { "data-role": "vault-state" });
    const release = control("Release", (): Prepared => {
      if (currentVault.state !== "Locked") return { error: "" };
      if (chain.best < currentVault.unlockAt) {
        return { error: `Locked until block #${currentVault.unlockAt}.` };
      }
      return { tx: chain.api.tx.Vaults.release({ vault: v.id }) };
    });
    release.el.dataset.action = "release";
    const withdraw = control("Withdraw", (): Prepared => {
      if (currentVault.state !== "Released") return { error: "Release the vault first." };
      return { tx: chain.api.tx.Vaults.withdraw_released({ vault: v.id }) };
    });
    withdraw.el.dataset.action = "withdraw-released";
    let signature = "";
    const t = n.depositToken;
    const update = (next: ManagedVault) => {
      currentVault = next;
      const unlocked = chain.best >= next.unlockAt;
      info.dataset.state = next.state;
      info.textContent =
        next.state === "Released"
          ? `Released: ${formatAmount(next.amount, t.decimals, t.symbol)} to withdraw.`
          : `Locked: ${formatAmount(next.amount, t.decimals, t.symbol)}, opens ${countdown(next.unlockAt, chain.best, chain.blockTimeMs)}.`;
      release.el.hidden = next.state !== "Locked" && !release.active;
      withdraw.el.hidden = next.state !== "Released" && !withdraw.active;
      const now = `${next.state}|${unlocked}`;
      if (now !== signature) {
        void release.refresh();
        void withdraw.refresh();
      }
      signature = now;
    };
    const el = h(
      "div",
      { class: "card", "data-vault": v.id.toString() },
      h("h3", {}, `Vault #${v.id} from DAM #${v.dam}`),
      info,
      release.el,
      withdraw.el,
    );
    entry = { el, own: [release, withdraw], network: n.id, update };
    vaultCards.set(v.id, entry);
    return entry;
  };

  const render = () => {
    const n = current();
    if (!n) return;
    const t = n.depositToken;
    const r = n.rewardToken;
    mount(
      summaryEl,
      h(
        "div",
        { class: "card", "data-network-console": n.id },
        h(
          "h2",
          {},
          `#${n.id} ${n.name} `,
          h("span", { class: `badge ${n.status.toLowerCase()}`, "data-role": "network-status" }, n.status),
        ),
        h(
          "p",
          {},
          `${n.kind} Network asking for ${t.symbol}, paying in ${r.symbol}. `,
          `Allocated ${formatAmount(n.totalExposure, t.decimals, t.symbol, 4)} of ${formatAmount(n.amountRequested, t.decimals, t.symbol, 4)}; `,
          `${n.installationCount} of ${n.operatorsRequested} installations. `,
          n.endsAt !== undefined ? `Ends at block #${n.endsAt} (${countdown(n.endsAt, chain.best, chain.blockTimeMs)}).` : "",
        ),
        n.penalty
          ? h(
              "p",
              { class: "muted" },
              `Penalties up to ${formatPerbill(n.penalty.maxPenalty)} of a DAM's slashable stake, disputable for ${n.penalty.disputeWindow} blocks.`,
            )
          : null,
        n.lockPeriod !== undefined
          ? h("p", { class: "muted" }, `Allocations are locked for ${n.lockPeriod} blocks.`)
          : null,
        n.status === "Pending" ? h("p", { class: "muted" }, "Waiting for governance to whitelist it.") : null,
      ),
    );

    mount(
      programsEl,
      table(
        ["Program", "Token", "Budget", "Accrued", "Escrow", "Days left", ""],
        n.programs.map((p) =>
          h(
            "tr",
            { "data-program": p.id },
            h("td", {}, `#${p.id}${p.primary ? " (primary)" : ""}`),
            h("td", {}, p.symbol),
            h(
              "td",
              { "data-role": "budget", "data-value": p.budget.toString() },
              formatAmount(p.budget, p.rewardToken.decimals, p.rewardToken.symbol, 4),
            ),
            h("td", {}, formatAmount(p.accrued, p.rewardToken.decimals, p.rewardToken.symbol, 4)),
            h(
              "td",
              { "data-role": "escrow", "data-value": p.escrowBalance.toString() },
              formatAmount(p.escrowBalance, p.rewardToken.decimals, p.rewardToken.symbol, 4),
            ),
            h("td", {}, p.daysLeft !== undefined ? p.daysLeft.toString() : "—"),
            h("td", {}, p.accruing ? "accruing" : "not accruing"),
          ),
        ),
        n.status === "Pending"
          ? "The Network's primary program starts when it goes live."
          : "The Network has no reward program.",
      ),
    );
    fundForm.hidden = !fundable(n);
    const programOptions = n.programs.map((p): [string, string] => [
      String(p.id),
      `#${p.id} ${p.symbol} (pays ${p.rewardToken.symbol})`,
    ]);
    if (setOptions(fundProgram, programOptions, "no program")) void fund.refresh();

    const requests = n.installations.filter((i) => i.status === "Requested");
    const keys = new Set(requests.map((i) => `${n.id}:${i.dam}`));
    const answered = prune(requestCards, keys, n.id);
    for (const el of answered) el.dataset.answered = "";
    mount(
      requestsEl,
      requests.length || answered.length
        ? [...requests.map((i) => requestCard(n, i)), ...answered]
        : h("p", { class: "muted", "data-role": "no-requests" }, "No installation waits for an answer."),
    );

    const active = n.installations.filter((i) => i.status === "Active");
    mount(
      installationsEl,
      table(
        ["DAM", "Operator", "Exposure", "Largest", "Performance", ...(n.kind === "Collateral" ? ["Slashable"] : [])],
        active.map((i) =>
          h(
            "tr",
            { "data-installation": i.dam },
            h("td", {}, h("a", { href: `#/dam/${i.dam}` }, `#${i.dam} ${i.damName}`)),
            h("td", {}, nameOf(state, i.operator)),
            h("td", {}, formatAmount(i.exposure, t.decimals, t.symbol, 4)),
            h("td", {}, formatAmount(i.maxExposure, t.decimals, t.symbol, 4)),
            h("td", { "data-role": "performance", "data-value": i.performance }, formatPermill(i.performance)),
            n.kind === "Collateral" ? h("td", {}, formatAmount(i.slashable, t.decimals, t.symbol, 4)) : null,
          ),
        ),
        "No active installation.",
      ),
    );
    const activeOptions = active.map((i): [string, string] => [String(i.dam), `DAM #${i.dam} ${i.damName}`]);
    performanceForm.hidden = n.status === "Pending";
    if (setOptions(perfTarget, activeOptions, "no active installation")) void performance.refresh();

    const collateral = n.kind === "Collateral";
    sections.penalties.hidden = !collateral;
    penaltyForm.hidden = !collateral || !live(n);
    if (collateral) {
      if (setOptions(penaltyTarget, activeOptions, "no active installation")) void penalty.refresh();
      showBounds();
      mount(
        penaltiesEl,
        table(
          ["Penalty", "DAM", "Amount", "Status", "Dispute window", "Reason"],
          n.penalties.map((p) =>
            h(
              "tr",
              { "data-penalty": p.id.toString() },
              h("td", {}, `#${p.id}`),
              h("td", {}, `#${p.dam}`),
              h("td", {}, formatAmount(p.amount, t.decimals, t.symbol)),
              h("td", { "data-role": "penalty-status" }, p.status),
              h(
                "td",
                {},
                p.status === "Requested" ? `closes ${countdown(p.windowEnds, chain.best, chain.blockTimeMs)}` : "—",
              ),
              h("td", {}, p.reason),
            ),
          ),
          "The Network has requested no penalty.",
        ),
      );
    }

    const growth = n.kind === "Growth";
    sections.vaults.hidden = !growth;
    if (growth) {
      const vaults = n.vaults.filter((v) => v.kind === "Growth");
      const ids = new Set(vaults.map((v) => v.id));
      const withdrawn = prune(vaultCards, ids, n.id);
      for (const el of withdrawn) {
        const info = el.querySelector<HTMLElement>('[data-role="vault-state"]');
        if (info) {
          info.dataset.state = "Withdrawn";
          info.textContent = "Withdrawn.";
        }
      }
      mount(
        vaultsEl,
        vaults.length || withdrawn.length
          ? [
              ...vaults.map((v) => {
                const entry = vaultCard(n, v);
                entry.update(v);
                return entry.el;
              }),
              ...withdrawn,
            ]
          : h("p", { class: "muted" }, "No Growth DAM has allocated to the Network yet."),
      );
    }

    const liquidity = n.kind === "Liquidity";
    sections.loans.hidden = !liquidity;
    repayForm.hidden = !liquidity || n.status === "Defaulted" || (!n.loans.length && !repay.active);
    if (liquidity) {
      mount(
        loansEl,
        n.debt
          ? h(
              "p",
              { "data-role": "debt", "data-outstanding": n.debt.outstanding.toString() },
              `Owed now: ${formatAmount(n.debt.outstanding, t.decimals, t.symbol)} to ${n.debt.creditors} DAM${n.debt.creditors === 1 ? "" : "s"}; still locked in vaults: ${formatAmount(n.debt.locked, t.decimals, t.symbol)}.`,
              n.safe ? ` The safe is ${shortAddress(n.safe)}.` : "",
            )
          : null,
        table(
          ["DAM", "Owed"],
          n.loans.map((l) =>
            h(
              "tr",
              { "data-loan": l.dam },
              h("td", {}, `#${l.dam}`),
              h("td", {}, formatAmount(l.amount, t.decimals, t.symbol)),
            ),
          ),
          "The Network owes no DAM.",
        ),
      );
      if (
        setOptions(
          repayTarget,
          n.loans.map((l): [string, string] => [
            String(l.dam),
            `DAM #${l.dam}: ${formatAmount(l.amount, t.decimals, t.symbol)} owed`,
          ]),
          "no loan",
        )
      )
        void repay.refresh();
    }

    sections.sale.hidden = !growth;
    // The form stays while it shows the outcome of the sale it opened.
    saleForm.hidden = !growth || !live(n) || (!!n.sale && !openSale.active);
    if (growth) {
      mount(
        saleEl,
        n.sale
          ? h(
              "p",
              { "data-role": "sale", "data-sold": n.sale.sold, "data-supply": n.sale.supply },
              `Selling ${n.sale.supply} licenses at ${formatAmount(n.sale.price, t.decimals, t.symbol)} each: ${n.sale.sold} sold.`,
              n.sale.transferable ? " License NFTs may change hands." : " License NFTs stay with the DAM that bought them.",
            )
          : h("p", { class: "muted" }, live(n) ? "No license sale is open." : "A license sale opens once the Network is live."),
      );
    }
  };

  let loading = false;
  let again = false;
  let checkedFor: string | null | undefined = null;
  let signature = "";
  const load = async (): Promise<void> => {
    if (loading) {
      again = true;
      return;
    }
    loading = true;
    again = false;
    try {
      const who = state.account?.address;
      if (!limits) {
        const [params, maxLicenses, maxReason] = await Promise.all([
          chain.api.query.Marketplace.Params.getValue(at),
          chain.api.constants.Rewards.MaxLicenses(),
          chain.api.constants.Slashing.MaxReasonLength(),
        ]);
        limits = { minPenalty: params.min_penalty, maxLicenses, maxReason };
      }
      const next = who ? await readManaged(chain, who) : [];
      if (state.account?.address !== who) {
        again = true;
        return;
      }
      managed = next;
      if (!who) {
        note.textContent = "Choose the account that manages a Network.";
        body.hidden = true;
        return;
      }
      if (!managed.length) {
        mount(
          note,
          "This account manages no Network. ",
          h("a", { href: "#/network/new" }, "Register one"),
          ".",
        );
        body.hidden = true;
        return;
      }
      body.hidden = false;
      setOptions(
        chooser,
        managed.map((n): [string, string] => [String(n.id), `#${n.id} ${n.name} (${n.kind}, ${n.status})`]),
        "",
      );
      render();
      // The forms are checked again when the account or what they act on changes.
      const n = current();
      const now = n
        ? `${n.id}|${n.status}|${n.installationCount}|${n.installations.map((i) => `${i.dam}${i.status}${i.pending}`).join()}|${n.loans.map((l) => l.amount).join()}|${n.sale?.sold ?? "-"}`
        : "";
      if (checkedFor !== who || now !== signature) {
        checkedFor = who;
        signature = now;
        refreshAll();
      }
      note.textContent = `As of block #${chain.best}.`;
      note.dataset.block = String(chain.best);
    } catch (e) {
      mount(note, h("span", { class: "error" }, `The Network console could not be read: ${describe(e)}`));
    } finally {
      loading = false;
      if (again) void load();
    }
  };
  return keepCurrent(state, load, () => {
    prune(requestCards, new Set());
    prune(vaultCards, new Set());
    void load();
  });
};
