// The marketplace: every Network and every DAM, with their terms and figures, sortable and
// filterable, re-read at every new best block.

import { loadDams, loadNetworks, type DamRow, type NetworkRow } from "../data";
import {
  amountToNumber,
  blocksToDuration,
  fixedToNumber,
  formatAmount,
  formatFixed,
  formatPerbill,
  shortAddress,
} from "../lib/format";
import type { View } from "../state";
import { describe, h, keepCurrent, mount, SortableTable } from "../ui";
import type { Chain } from "../chain";
import { dailyYield } from "../lib/rewards";

/** A synthetic token's NEK price from its pool, or "no pool". */
export function tokenPrice(chain: Chain, p: { symbol: string; nekPrice?: bigint }): string {
  return p.nekPrice === undefined
    ? `${p.symbol}: no pool`
    : `${p.symbol}: ${formatAmount(p.nekPrice, chain.native.decimals, chain.native.symbol, 6)}`;
}

/** A DAM's estimated rewards valued in its deposit asset, per deposited token per day. */
export function rewardValue(d: DamRow): string {
  if (!d.rewards.length) return "none accruing";
  const { decimals, symbol } = d.token;
  const priced = d.value.unpriced.length < d.rewards.length;
  const text = priced
    ? `${formatAmount(d.value.perTokenPerDay, decimals, symbol, 8)} per ${symbol} (${dailyYield(d.value.perTokenPerDay, decimals)})`
    : "not priced";
  return d.value.unpricedSymbols.length ? `${text}; ${d.value.unpricedSymbols.join(", ")}: no pool` : text;
}

/** A rate in reward units per unit per day, as whole reward tokens per whole deposit token. */
export function ratePerDay(n: NetworkRow): string {
  // delegator_rate is per smallest unit; per whole deposit token it is × 10^depositDecimals.
  const perToken = (n.delegatorRate * 10n ** BigInt(n.depositToken.decimals)) / 10n ** 18n;
  return formatAmount(perToken, n.rewardToken.decimals, n.rewardToken.symbol, 6);
}

function timeLeft(chain: Chain, n: NetworkRow): string {
  if (n.endsAt === undefined) return `${blocksToDuration(n.duration, chain.blockTimeMs)} once live`;
  const left = n.endsAt - chain.best;
  return left > 0 ? `${blocksToDuration(left, chain.blockTimeMs)} left (ends #${n.endsAt})` : `ended at #${n.endsAt}`;
}

export const marketplaceView: View = (state, root) => {
  const { chain } = state;
  const networkFilter = { kind: "", status: "", text: "" };
  const damFilter = { kind: "", text: "" };
  let networks: NetworkRow[] = [];
  let dams: DamRow[] = [];

  const networkTable = new SortableTable<NetworkRow>(
    [
      { title: "Id", cell: (n) => n.id, sort: (n) => n.id },
      {
        title: "Network",
        cell: (n) => h("span", {}, n.name, h("br"), h("small", { class: "muted" }, shortAddress(n.manager))),
        sort: (n) => n.name.toLowerCase(),
      },
      { title: "Kind", cell: (n) => n.kind, sort: (n) => n.kind, attrs: () => ({ "data-col": "kind" }) },
      {
        title: "Status",
        cell: (n) => h("span", { class: `badge ${n.status.toLowerCase()}` }, n.status),
        sort: (n) => n.status,
        attrs: () => ({ "data-col": "status" }),
      },
      {
        title: "Deposit asset",
        cell: (n) => n.depositToken.symbol,
        sort: (n) => n.depositToken.symbol,
        attrs: () => ({ "data-col": "deposit-asset" }),
      },
      {
        title: "Reward asset",
        cell: (n) => `${n.rewardToken.symbol} (${n.rewardSymbol || "—"})`,
        sort: (n) => n.rewardToken.symbol,
        attrs: () => ({ "data-col": "reward-asset" }),
      },
      {
        title: "Reward token price",
        cell: (n) =>
          n.programs.length
            ? n.programs.map((p) =>
                h("div", { "data-token": p.token, "data-price": p.nekPrice?.toString() ?? "" }, tokenPrice(chain, p)),
              )
            : h("span", { class: "muted" }, "—"),
        sort: (n) => Number(n.programs[0]?.nekPrice ?? -1n),
        attrs: () => ({ "data-col": "reward-price" }),
      },
      {
        title: "Delegators / day",
        cell: (n) => h("span", {}, ratePerDay(n), h("small", { class: "muted" }, ` per ${n.depositToken.symbol}`)),
        sort: (n) => fixedToNumber(n.delegatorRate),
        attrs: () => ({ "data-col": "delegator-rate" }),
      },
      {
        title: "Operators / day",
        cell: (n) => formatAmount(n.operatorRate, n.rewardToken.decimals, n.rewardToken.symbol, 6),
        sort: (n) => amountToNumber(n.operatorRate, n.rewardToken.decimals),
        attrs: () => ({ "data-col": "operator-rate" }),
      },
      { title: "Commission", cell: (n) => formatPerbill(n.operatorCommission), sort: (n) => n.operatorCommission },
      {
        title: "Duration",
        cell: (n) =>
          h(
            "span",
            {},
            blocksToDuration(n.duration, chain.blockTimeMs),
            h("br"),
            h("small", { class: "muted" }, timeLeft(chain, n)),
          ),
        sort: (n) => (n.endsAt ?? Infinity) - chain.best,
      },
      {
        title: "Allocated / requested",
        cell: (n) =>
          `${formatAmount(n.totalExposure, n.depositToken.decimals, undefined, 2)} / ${formatAmount(n.amountRequested, n.depositToken.decimals, n.depositToken.symbol, 2)}`,
        sort: (n) => (n.amountRequested === 0n ? 0 : Number((n.totalExposure * 10_000n) / n.amountRequested)),
        attrs: () => ({ "data-col": "allocation" }),
      },
      {
        title: "Installations",
        cell: (n) => `${n.installations} / ${n.operatorsRequested}${n.requests ? ` (+${n.requests} asked)` : ""}`,
        sort: (n) => n.installations,
        attrs: () => ({ "data-col": "installations" }),
      },
    ],
    (n) => ({ "data-network": n.id }),
    "No Network matches.",
  );

  const damTable = new SortableTable<DamRow>(
    [
      { title: "Id", cell: (d) => d.id, sort: (d) => d.id },
      {
        title: "DAM",
        cell: (d) =>
          h(
            "a",
            { href: `#/dam/${d.id}`, "data-role": "dam-link" },
            d.name,
            " ",
            h("small", { class: "muted" }, d.receiptSymbol),
          ),
        sort: (d) => d.name.toLowerCase(),
      },
      { title: "Kind", cell: (d) => d.kind, sort: (d) => d.kind, attrs: () => ({ "data-col": "kind" }) },
      {
        title: "TVL",
        cell: (d) => formatAmount(d.tvl, d.token.decimals, d.token.symbol, 4),
        sort: (d) => amountToNumber(d.tvl, d.token.decimals),
        attrs: () => ({ "data-col": "tvl" }),
      },
      {
        title: "Exchange rate",
        cell: (d) => formatFixed(d.exchangeRate, 6),
        sort: (d) => fixedToNumber(d.exchangeRate),
        attrs: () => ({ "data-col": "exchange-rate" }),
      },
      { title: "Fee", cell: (d) => formatPerbill(d.fee), sort: (d) => d.fee, attrs: () => ({ "data-col": "fee" }) },
      {
        title: "Installed in",
        cell: (d) =>
          d.installations.length
            ? d.installations.map((i) => `#${i.network}${i.status === "Requested" ? " (asked)" : ""}`).join(", ")
            : "—",
        sort: (d) => d.installations.length,
        attrs: () => ({ "data-col": "installations" }),
      },
      {
        title: "Est. rewards / day",
        cell: (d) =>
          d.rewards.length
            ? d.rewards.map((r) =>
                h(
                  "div",
                  {},
                  formatAmount(r.perTokenPerDay, r.decimals, r.symbol, 8),
                  h("small", { class: "muted" }, ` per ${d.token.symbol}`),
                ),
              )
            : h("span", { class: "muted" }, "none accruing"),
        sort: (d) => d.rewards.reduce((sum, r) => sum + amountToNumber(r.perTokenPerDay, r.decimals), 0),
        attrs: () => ({ "data-col": "reward-rate" }),
      },
      {
        title: "Est. value / day",
        cell: (d) => rewardValue(d),
        sort: (d) => amountToNumber(d.value.perTokenPerDay, d.token.decimals),
        attrs: () => ({ "data-col": "reward-value" }),
      },
    ],
    (d) => ({ "data-dam": d.id }),
    "No DAM matches.",
  );

  const kinds = ["", "Liquidity", "Growth", "Collateral"];
  const select = (values: string[], onChange: (v: string) => void, label: string) => {
    const el = h(
      "select",
      { "aria-label": label },
      values.map((v) => h("option", { value: v }, v || `Any ${label.toLowerCase()}`)),
    );
    el.addEventListener("change", () => onChange(el.value));
    return el;
  };
  const search = (onInput: (v: string) => void, label: string) => {
    const el = h("input", { type: "search", placeholder: label, "aria-label": label });
    el.addEventListener("input", () => onInput(el.value.trim().toLowerCase()));
    return el;
  };

  const showNetworks = () =>
    networkTable.update(
      networks.filter(
        (n) =>
          (!networkFilter.kind || n.kind === networkFilter.kind) &&
          (!networkFilter.status || n.status === networkFilter.status) &&
          (!networkFilter.text ||
            `${n.id} ${n.name} ${n.depositToken.symbol} ${n.rewardToken.symbol}`
              .toLowerCase()
              .includes(networkFilter.text)),
      ),
    );
  const showDams = () =>
    damTable.update(
      dams.filter(
        (d) =>
          (!damFilter.kind || d.kind === damFilter.kind) &&
          (!damFilter.text ||
            `${d.id} ${d.name} ${d.receiptSymbol} ${d.token.symbol}`.toLowerCase().includes(damFilter.text)),
      ),
    );

  const message = h("p", { class: "muted", "data-role": "loading" }, "Reading the marketplace…");
  mount(
    root,
    h("h1", {}, "Marketplace"),
    message,
    h(
      "section",
      { "data-section": "networks" },
      h("h2", {}, "Networks"),
      h(
        "div",
        { class: "filters" },
        select(kinds, (v) => ((networkFilter.kind = v), showNetworks()), "Kind"),
        select(
          ["", "Pending", "Live", "Suspended", "Ended", "Defaulted"],
          (v) => ((networkFilter.status = v), showNetworks()),
          "Status",
        ),
        search((v) => ((networkFilter.text = v), showNetworks()), "Search Networks"),
      ),
      networkTable.el,
    ),
    h(
      "section",
      { "data-section": "dams" },
      h("h2", {}, "DAMs"),
      h(
        "p",
        { class: "muted" },
        "Estimated rewards: what one deposited token earns per day at the installed Networks' rates, current exposures, commissions and performance, for programs that accrue now. Their value is in the deposit asset: one for one for a program paying in it, otherwise at the synthetic token's NEK pool price (and the deposit asset's NEK pool).",
      ),
      h(
        "div",
        { class: "filters" },
        select(kinds, (v) => ((damFilter.kind = v), showDams()), "Kind"),
        search((v) => ((damFilter.text = v), showDams()), "Search DAMs"),
      ),
      damTable.el,
    ),
  );

  let loading = false;
  const load = async () => {
    if (loading) return;
    loading = true;
    try {
      networks = await loadNetworks(chain);
      dams = await loadDams(chain, networks);
      showNetworks();
      showDams();
      message.textContent = `As of block #${chain.best}.`;
      message.dataset.block = String(chain.best);
    } catch (e) {
      mount(message, h("span", { class: "error" }, `The marketplace could not be read: ${describe(e)}`));
    } finally {
      loading = false;
    }
  };
  return keepCurrent(state, load);
};
