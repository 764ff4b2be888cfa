// A DAM's page: its details and installations, a chart of its TVL and exchange rate over the
// recent blocks, and the delegator's actions: deposit, withdraw or queue and claim a
// withdrawal, and transfer shares.

import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { getSs58AddressInfo } from "polkadot-api";
import { balanceOf, damHistory, loadDam, loadNetworks, rewardTokenWitness, type DamRow } from "../data";
import {
  countdown,
  formatAmount,
  formatFixed,
  formatPerbill,
  formatPermill,
  parseAmount,
  shortAddress,
} from "../lib/format";
import type { AppState, View } from "../state";
import { rewardValue } from "./marketplace";
import { TxControl, type Prepared } from "../tx";
import { describe, h, keepCurrent, mount } from "../ui";

const at = { at: "best" } as const;

function field(label: string, input: HTMLElement, hint?: HTMLElement) {
  return h("label", { class: "field" }, h("span", {}, label), input, hint ?? null);
}

function amountInput(role: string) {
  return h("input", { type: "text", inputmode: "decimal", autocomplete: "off", placeholder: "0.0", "data-role": role });
}

/** The number of shares typed into `input`, or why it is not one. */
function readShares(input: HTMLInputElement, dam: DamRow): { ok: true; value: bigint } | { ok: false; error: string } {
  const parsed = parseAmount(input.value, dam.token.decimals);
  if (!parsed.ok) return parsed;
  if (parsed.value === 0n) return { ok: false, error: "Enter a number of shares above zero." };
  return parsed;
}

function depositForm(state: AppState, dam: DamRow, refreshAll: () => void) {
  const { chain } = state;
  const { decimals, symbol } = dam.token;
  const input = amountInput("deposit-amount");
  const info = h("div", { class: "quote", "data-role": "deposit-quote" });
  const control = new TxControl(chain, () => state.account, {
    label: "Deposit",
    prepare: async (): Promise<Prepared> => {
      mount(info);
      if (dam.kind === "Growth" && dam.closed)
        return { error: "This Growth DAM closed to deposits at its first allocation." };
      const parsed = parseAmount(input.value, decimals);
      if (!input.value.trim()) return { error: "" };
      if (!parsed.ok) return { error: parsed.error };
      if (parsed.value === 0n) return { error: "Enter an amount above zero." };
      const quote = await chain.api.apis.DamApi.quote_deposit(dam.id, parsed.value, at);
      if (!quote) return { error: "This deposit is too small: it would not buy a single share." };
      mount(
        info,
        h(
          "div",
          {},
          "Fee to the manager: ",
          h(
            "span",
            { "data-role": "quote-fee", "data-value": quote.fee.toString() },
            formatAmount(quote.fee, decimals, symbol),
          ),
        ),
        h(
          "div",
          {},
          "Shares you get: ",
          h(
            "span",
            { "data-role": "quote-shares", "data-value": quote.shares.toString() },
            formatAmount(quote.shares, decimals, dam.receiptSymbol),
          ),
        ),
      );
      const warnings: string[] = [];
      if (state.account) {
        const max = await chain.api.apis.DamApi.max_deposit(dam.id, state.account.address, at);
        if (max !== undefined && parsed.value > max) {
          warnings.push(
            `That is more than this account can deposit (at most ${formatAmount(max, decimals, symbol)}): the chain will refuse it.`,
          );
        }
      }
      if (dam.penalties > 0) warnings.push("A penalty on this DAM is open: deposits wait until it is resolved.");
      const tx = chain.api.tx.Dam.deposit({
        dam: dam.id,
        amount: parsed.value,
        max_fee: dam.fee,
        reward_tokens: await rewardTokenWitness(chain, dam.id),
      });
      return { tx, warning: warnings.join(" ") || undefined };
    },
    onDone: () => refreshAll(),
  });
  const balance = h("small", { class: "muted", "data-role": "deposit-balance" });
  const showBalance = async () => {
    if (!state.account) return void (balance.textContent = "");
    const [held, max] = await Promise.all([
      balanceOf(chain, dam.depositAsset, state.account.address),
      chain.api.apis.DamApi.max_deposit(dam.id, state.account.address, at),
    ]);
    balance.textContent = `You hold ${formatAmount(held, decimals, symbol)}; you can deposit up to ${formatAmount(max ?? 0n, decimals, symbol)}.`;
  };
  input.addEventListener("input", () => void control.refresh());
  void showBalance();
  void control.refresh();
  return {
    el: h(
      "form",
      { class: "card", "data-form": "deposit", onsubmit: (e: Event) => e.preventDefault() },
      h("h3", {}, "Deposit"),
      h(
        "p",
        { class: "muted" },
        `The fee in force is ${formatPerbill(dam.fee)}; the deposit fails rather than pay more.`,
      ),
      field(`Amount (${symbol})`, input, balance),
      info,
      control.el,
    ),
    update: () => void showBalance(),
  };
}

function sharesForm(state: AppState, dam: DamRow, kind: "withdraw" | "request", refreshAll: () => void) {
  const { chain } = state;
  const input = amountInput(`${kind}-shares`);
  const info = h("div", { class: "quote" });
  const control = new TxControl(chain, () => state.account, {
    label: kind === "withdraw" ? "Withdraw" : "Request withdrawal",
    prepare: async (): Promise<Prepared> => {
      mount(info);
      if (!input.value.trim()) return { error: "" };
      const shares = readShares(input, dam);
      if (!shares.ok) return { error: shares.error };
      if (state.account) {
        const position = await chain.api.apis.DamApi.position(dam.id, state.account.address, at);
        if (!position || shares.value > position.shares) {
          return { error: `You hold ${formatAmount(position?.shares ?? 0n, dam.token.decimals, dam.receiptSymbol)}.` };
        }
      }
      const value = await chain.api.apis.DamApi.quote_withdrawal(dam.id, shares.value, at);
      if (value !== undefined) mount(info, "Worth now: ", formatAmount(value, dam.token.decimals, dam.token.symbol));
      const reward_tokens = await rewardTokenWitness(chain, dam.id);
      const tx =
        kind === "withdraw"
          ? chain.api.tx.Dam.withdraw({ dam: dam.id, shares: shares.value, reward_tokens })
          : chain.api.tx.Dam.request_withdrawal({ dam: dam.id, shares: shares.value, reward_tokens });
      const warning =
        kind === "withdraw" && value !== undefined && value > dam.idle
          ? "The DAM's idle assets do not cover that much now: the chain will refuse it."
          : undefined;
      return { tx, warning };
    },
    onDone: () => refreshAll(),
  });
  input.addEventListener("input", () => void control.refresh());
  void control.refresh();
  const title = kind === "withdraw" ? "Withdraw" : "Request a withdrawal";
  const text =
    kind === "withdraw"
      ? "Paid at once from the DAM's idle assets."
      : "Queued shares stay slashable and earn nothing until you claim them after the withdrawal delay.";
  return {
    el: h(
      "form",
      { class: "card", "data-form": kind, onsubmit: (e: Event) => e.preventDefault() },
      h("h3", {}, title),
      h("p", { class: "muted" }, text),
      field(`Shares (${dam.receiptSymbol})`, input),
      info,
      control.el,
    ),
    update: () => {},
  };
}

function claimForm(state: AppState, dam: DamRow, refreshAll: () => void) {
  const { chain } = state;
  const list = h("div", { "data-role": "queued" });
  const control = new TxControl(chain, () => state.account, {
    label: "Claim matured withdrawals",
    prepare: async (): Promise<Prepared> => {
      if (!state.account) return { error: "" };
      const position = await chain.api.apis.DamApi.position(dam.id, state.account.address, at);
      const queued = position?.pending_withdrawals ?? [];
      mount(
        list,
        queued.length
          ? h(
              "ul",
              {},
              queued.map((w) =>
                h(
                  "li",
                  {},
                  `${formatAmount(w.shares, dam.token.decimals, dam.receiptSymbol)} worth ${formatAmount(w.value, dam.token.decimals, dam.token.symbol)}: claimable ${countdown(w.unlock_at, chain.best, chain.blockTimeMs)}`,
                ),
              ),
            )
          : h("p", { class: "muted" }, "Nothing queued."),
      );
      if (!queued.some((w) => w.unlock_at <= chain.best))
        return { error: queued.length ? "No queued withdrawal has matured yet." : "" };
      return {
        tx: chain.api.tx.Dam.claim_withdrawal({ dam: dam.id, reward_tokens: await rewardTokenWitness(chain, dam.id) }),
      };
    },
    onDone: () => refreshAll(),
  });
  void control.refresh();
  return {
    el: h("div", { class: "card", "data-form": "claim" }, h("h3", {}, "Queued withdrawals"), list, control.el),
    update: () => void control.refresh(),
  };
}

function transferForm(state: AppState, dam: DamRow, refreshAll: () => void) {
  const { chain } = state;
  const to = h("input", { type: "text", placeholder: "SS58 address", "data-role": "transfer-to", size: 50 });
  const input = amountInput("transfer-shares");
  const control = new TxControl(chain, () => state.account, {
    label: "Transfer shares",
    prepare: async (): Promise<Prepared> => {
      if (!dam.receiptTransferable) return { error: "This DAM's shares are not transferable." };
      if (!to.value.trim() && !input.value.trim()) return { error: "" };
      const info = getSs58AddressInfo(to.value.trim());
      if (!info.isValid) return { error: "The receiver is not a valid address." };
      if (state.account && to.value.trim() === state.account.address)
        return { error: "Shares cannot be sent to their owner." };
      const shares = readShares(input, dam);
      if (!shares.ok) return { error: shares.error };
      return {
        tx: chain.api.tx.Dam.transfer_shares({
          dam: dam.id,
          to: { type: "Id", value: to.value.trim() },
          shares: shares.value,
          reward_tokens: await rewardTokenWitness(chain, dam.id),
        }),
      };
    },
    onDone: () => refreshAll(),
  });
  to.addEventListener("input", () => void control.refresh());
  input.addEventListener("input", () => void control.refresh());
  void control.refresh();
  return {
    el: h(
      "form",
      { class: "card", "data-form": "transfer", onsubmit: (e: Event) => e.preventDefault() },
      h("h3", {}, "Transfer shares"),
      field("To", to),
      field(`Shares (${dam.receiptSymbol})`, input),
      control.el,
    ),
    update: () => {},
  };
}

function chart(
  el: HTMLElement,
  points: { block: number; tvl: number; exchangeRate: number }[],
  symbol: string,
): uPlot | null {
  mount(el);
  if (points.length < 2) {
    mount(el, h("p", { class: "muted" }, "Not enough history yet: the chart fills as blocks come."));
    return null;
  }
  const data: uPlot.AlignedData = [
    points.map((p) => p.block),
    points.map((p) => p.tvl),
    points.map((p) => p.exchangeRate),
  ];
  return new uPlot(
    {
      width: Math.min(860, el.clientWidth || 860),
      height: 260,
      scales: { x: { time: false }, tvl: {}, rate: {} },
      axes: [
        { label: "block" },
        { scale: "tvl", label: `TVL (${symbol})` },
        {
          scale: "rate",
          side: 1,
          label: "exchange rate",
          grid: { show: false },
          size: 70,
          values: (_u: uPlot, splits: number[]) => splits.map((v) => v.toPrecision(6)),
        },
      ],
      series: [
        { label: "block" },
        { label: `TVL (${symbol})`, scale: "tvl", stroke: "#2f6fdf", width: 2 },
        { label: "exchange rate", scale: "rate", stroke: "#d9822b", width: 2 },
      ],
    },
    data,
    el,
  );
}

export const damView: View = (state, root, params) => {
  const { chain } = state;
  const id = Number(params[0]);
  const header = h("div", {});
  const details = h("div", { class: "details", "data-role": "dam-details" });
  const installations = h("div", {});
  const position = h("div", { "data-role": "dam-position" });
  const chartEl = h("div", { class: "chart", "data-role": "chart" });
  const forms = h("div", { class: "forms" });
  mount(
    root,
    header,
    details,
    h("h2", {}, "TVL and exchange rate, recent blocks"),
    chartEl,
    h("h2", {}, "Installations"),
    installations,
    h("h2", {}, "Your position"),
    position,
    forms,
  );
  mount(header, h("p", { class: "muted" }, `Reading DAM ${id}…`));

  let dam: DamRow | undefined;
  let formUpdates: (() => void)[] = [];
  let plot: uPlot | null = null;
  let lastChart = 0;

  const renderDetails = (d: DamRow) => {
    const { decimals, symbol } = d.token;
    const row = (k: string, v: string | HTMLElement, role?: string) =>
      h("tr", {}, h("th", {}, k), h("td", role ? { "data-role": role } : {}, v));
    mount(
      header,
      h("h1", {}, d.name, " ", h("small", { class: "muted" }, `DAM ${d.id} · ${d.kind} · ${d.receiptSymbol}`)),
      d.description ? h("p", {}, d.description) : null,
    );
    mount(
      details,
      h(
        "table",
        { class: "kv" },
        row("TVL", formatAmount(d.tvl, decimals, symbol), "tvl"),
        row("Exchange rate", `${formatFixed(d.exchangeRate, 9)} ${symbol} per share`, "exchange-rate"),
        row(
          "Fee",
          d.pendingFee
            ? `${formatPerbill(d.fee)} (rises to ${formatPerbill(d.pendingFee[0])} from #${d.pendingFee[1]})`
            : formatPerbill(d.fee),
          "fee",
        ),
        row("Active stake", formatAmount(d.activeStake, decimals, symbol)),
        row("Idle", formatAmount(d.idle, decimals, symbol)),
        row("Lent", formatAmount(d.lent, decimals, symbol)),
        row(
          "Shares",
          `${formatAmount(d.totalShares, decimals, d.receiptSymbol)} (${formatAmount(d.pendingShares, decimals)} queued)`,
        ),
        row("Open penalties", String(d.penalties)),
        row("Manager", shortAddress(d.manager)),
        row("Account", d.account),
        row("Transferable shares", d.receiptTransferable ? "yes" : "no"),
        row("Allow-list", d.allowList ? "on" : "off"),
        row(
          "Estimated rewards",
          d.rewards.length
            ? d.rewards
                .map(
                  (r) =>
                    `${formatAmount(r.perDay, r.decimals, r.symbol, 8)} per day in all, ${formatAmount(r.perTokenPerDay, r.decimals, r.symbol, 8)} per ${symbol}`,
                )
                .join("; ")
            : "none accruing",
          "reward-rate",
        ),
        row("Estimated value", rewardValue(d), "reward-value"),
      ),
    );
    mount(
      installations,
      d.installations.length
        ? h(
            "table",
            {},
            h(
              "thead",
              {},
              h(
                "tr",
                {},
                ["Network", "Status", "Operator", "Exposure", "Earning on", "Performance"].map((t) => h("th", {}, t)),
              ),
            ),
            h(
              "tbody",
              {},
              d.installations.map((i) =>
                h(
                  "tr",
                  { "data-installation": i.network },
                  h("td", {}, `#${i.network}`),
                  h("td", {}, i.status ?? "—"),
                  h("td", {}, i.operator ? shortAddress(i.operator) : "—"),
                  h("td", {}, formatAmount(i.exposure, decimals, symbol)),
                  h("td", {}, formatAmount(i.effective, decimals, symbol)),
                  h("td", {}, formatPermill(i.performance)),
                ),
              ),
            ),
          )
        : h("p", { class: "muted" }, "Not installed in any Network yet."),
    );
  };

  const renderPosition = async (d: DamRow) => {
    if (!state.account) return mount(position, h("p", { class: "muted" }, "Choose an account to see its position."));
    const p = await chain.api.apis.DamApi.position(d.id, state.account.address, at);
    const { decimals, symbol } = d.token;
    mount(
      position,
      h(
        "p",
        {},
        "Shares: ",
        h(
          "strong",
          { "data-role": "position-shares", "data-value": (p?.shares ?? 0n).toString() },
          formatAmount(p?.shares ?? 0n, decimals, d.receiptSymbol),
        ),
        " · worth ",
        h("strong", {}, formatAmount(p?.value ?? 0n, decimals, symbol)),
      ),
    );
  };

  const renderForms = (d: DamRow) => {
    const refreshAll = () => void load();
    const parts: { el: HTMLElement; update: () => void }[] = [depositForm(state, d, refreshAll)];
    if (d.kind === "Collateral")
      parts.push(sharesForm(state, d, "request", refreshAll), claimForm(state, d, refreshAll));
    else parts.push(sharesForm(state, d, "withdraw", refreshAll));
    parts.push(transferForm(state, d, refreshAll));
    mount(
      forms,
      parts.map((p) => p.el),
    );
    formUpdates = parts.map((p) => p.update);
  };

  const renderChart = async (d: DamRow) => {
    if (chain.best - lastChart < 5 && plot) return;
    lastChart = chain.best;
    const points = await damHistory(chain, d.id, d.token.decimals);
    plot?.destroy();
    plot = chart(chartEl, points, d.token.symbol);
    chartEl.dataset.points = String(points.length);
  };

  let loading = false;
  const load = async () => {
    if (loading) return;
    loading = true;
    try {
      const networks = await loadNetworks(chain);
      const next = await loadDam(chain, id, networks);
      if (!next) {
        mount(header, h("h1", {}, `DAM ${id}`), h("p", { class: "error" }, "There is no DAM with this id."));
        return;
      }
      const first = !dam;
      dam = next;
      renderDetails(next);
      await renderPosition(next);
      if (first) renderForms(next);
      else formUpdates.forEach((f) => f());
      void renderChart(next);
    } catch (e) {
      mount(header, h("p", { class: "error" }, `The DAM could not be read: ${describe(e)}`));
    } finally {
      loading = false;
    }
  };
  const stop = keepCurrent(state, load, () => dam && (renderForms(dam), void renderPosition(dam)));
  return () => {
    stop();
    plot?.destroy();
  };
};
