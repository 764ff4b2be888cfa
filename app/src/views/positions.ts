// My positions: for the chosen account, its shares and their value in each DAM, its queued
// withdrawals with a countdown, compensation and recovery to claim, the rewards pending in
// each synthetic token (re-read at every block), and the synthetic tokens it holds, to redeem.

import type { Chain } from "../chain";
import { loadDams, loadNetworks, rewardTokenWitness, type DamRow } from "../data";
import { countdown, formatAmount, parseAmount } from "../lib/format";
import type { View } from "../state";
import { TxControl, type Prepared } from "../tx";
import { describe, h, keepCurrent, mount } from "../ui";

const at = { at: "best" } as const;

interface Pending {
  program: number;
  network: number;
  token: number;
  amount: bigint;
  symbol: string;
  decimals: number;
}

interface PositionRow {
  dam: DamRow;
  shares: bigint;
  value: bigint;
  queued: { shares: bigint; value: bigint; unlockAt: number }[];
  recovery: bigint;
  compensation: bigint;
  compensationPending: bigint;
  pending: Pending[];
}

interface Holding {
  program: number;
  token: number;
  symbol: string;
  decimals: number;
  balance: bigint;
  rewardSymbol: string;
  /** NEK one whole token sells for in its pool; none without a pool. */
  nekPrice?: bigint;
}

async function readPositions(chain: Chain, who: string): Promise<{ rows: PositionRow[]; holdings: Holding[] }> {
  const networks = await loadNetworks(chain);
  const dams = await loadDams(chain, networks);
  const rows: PositionRow[] = [];
  for (const dam of dams) {
    const [position, rewards] = await Promise.all([
      chain.api.apis.DamApi.position(dam.id, who, at),
      chain.api.apis.RewardsApi.pending_rewards(dam.id, who, at),
    ]);
    if (!position) continue;
    const pending = await Promise.all(
      rewards.map(async (r) => {
        const token = await chain.assetToken(r.token);
        return { program: r.program, network: r.network, token: r.token, amount: r.amount, ...token };
      }),
    );
    const row: PositionRow = {
      dam,
      shares: position.shares,
      value: position.value,
      queued: position.pending_withdrawals.map((w) => ({ shares: w.shares, value: w.value, unlockAt: w.unlock_at })),
      recovery: position.recovery,
      compensation: position.compensation,
      compensationPending: position.compensation_pending.reduce((s, c) => s + c.amount, 0n),
      pending,
    };
    const active =
      row.shares > 0n ||
      row.queued.length > 0 ||
      row.recovery > 0n ||
      row.compensation > 0n ||
      row.compensationPending > 0n ||
      pending.some((p) => p.amount > 0n);
    if (active) rows.push(row);
  }
  const programs = networks.flatMap((n) => n.programs);
  const balances = await chain.api.query.Assets.Account.getValues(
    programs.map((p) => [p.token, who] as [number, string]),
    at,
  );
  const holdings: Holding[] = [];
  for (let i = 0; i < programs.length; i++) {
    const balance = balances[i]?.balance ?? 0n;
    if (balance === 0n) continue;
    const p = programs[i];
    const [token, rewardToken] = await Promise.all([chain.assetToken(p.token), chain.token(p.rewardAsset)]);
    holdings.push({
      program: p.program,
      token: p.token,
      ...token,
      balance,
      rewardSymbol: rewardToken.symbol,
      nekPrice: p.nekPrice,
    });
  }
  return { rows, holdings };
}

export const positionsView: View = (state, root) => {
  const { chain } = state;
  const body = h("div", {});
  const note = h("p", { class: "muted", "data-role": "loading" }, "Reading your positions…");
  mount(root, h("h1", {}, "My positions"), note, body);

  // Sections and cards are kept across blocks, keyed by what they show, so that a transaction
  // in flight keeps its progress while the figures around it are re-read.
  const sections = new Map<string, { el: HTMLElement; update: (row: PositionRow) => void }>();
  const cards = new Map<number, { el: HTMLElement; holding: Holding; update: (holding: Holding) => void }>();
  const reload = () => void load();
  const sectionKey = (r: PositionRow) =>
    `${r.dam.id}:${r.pending.map((p) => p.program).join(".")}:${r.recovery > 0n}:${r.compensation > 0n}`;

  const render = (rows: PositionRow[], holdings: Holding[]) => {
    const keys = new Set(rows.map(sectionKey));
    for (const key of sections.keys()) if (!keys.has(key)) sections.delete(key);
    const sectionEls = rows.map((row) => {
      const key = sectionKey(row);
      let section = sections.get(key);
      if (!section) {
        section = createSection(row);
        sections.set(key, section);
      } else section.update(row);
      return section.el;
    });
    // A token redeemed down to zero keeps its card (showing 0) while the page is open, so that
    // the redemption's progress stays in view.
    for (const holding of holdings) {
      const card = cards.get(holding.token);
      if (!card) cards.set(holding.token, createCard(holding));
      else card.update(holding);
    }
    for (const [token, card] of cards) {
      if (!holdings.some((x) => x.token === token)) card.update({ ...card.holding, balance: 0n });
    }
    const cardEls = [...cards.values()].map((card) => card.el);
    mount(
      body,
      sectionEls.length
        ? sectionEls
        : h("p", { class: "muted", "data-role": "no-positions" }, "This account holds no shares in any DAM."),
      h("h2", {}, "Synthetic reward tokens"),
      cardEls.length ? cardEls : h("p", { class: "muted" }, "No synthetic reward tokens to redeem."),
    );
  };

  const createSection = (row: PositionRow) => {
    const { dam } = row;
    const { decimals, symbol } = dam.token;
    const figures = h("div", {});
    const queued = h("div", {});
    const rewards = h("table", { class: "rewards" });
    const account = () => state.account;
    const claim = new TxControl(chain, account, {
      label: "Claim rewards",
      prepare: (): Prepared => {
        const current = latest.get(dam.id) ?? row;
        const programs = current.pending.filter((p) => p.amount > 0n).map((p) => p.program);
        if (!programs.length) return { error: "Nothing to claim yet." };
        return { tx: chain.api.tx.Rewards.claim_rewards({ dam: dam.id, programs }) };
      },
      onDone: reload,
    });
    claim.el.dataset.action = "claim-rewards";
    const extras: HTMLElement[] = [];
    if (row.recovery > 0n) {
      const c = new TxControl(chain, account, {
        label: "Claim recovery",
        prepare: () => ({ tx: chain.api.tx.Dam.claim_recovery({ dam: dam.id }) }),
        onDone: reload,
      });
      void c.refresh();
      extras.push(
        h(
          "div",
          {},
          h(
            "p",
            {},
            `Recovery from defaulted Networks: ${formatAmount(row.recovery, chain.native.decimals, chain.native.symbol)}`,
          ),
          c.el,
        ),
      );
    }
    if (row.compensation > 0n) {
      const c = new TxControl(chain, account, {
        label: "Claim compensation",
        prepare: () => ({ tx: chain.api.tx.Dam.claim_compensation({ dam: dam.id }) }),
        onDone: reload,
      });
      void c.refresh();
      extras.push(
        h(
          "div",
          {},
          h(
            "p",
            {},
            `Compensation for vetoed or cancelled penalties: ${formatAmount(row.compensation, decimals, symbol)}`,
          ),
          c.el,
        ),
      );
    }
    const hasMatured = (r: PositionRow) => r.queued.some((w) => w.unlockAt <= chain.best);
    let claimWithdrawal: TxControl | null = null;
    if (dam.kind === "Collateral") {
      claimWithdrawal = new TxControl(chain, account, {
        label: "Claim matured withdrawals",
        prepare: async (): Promise<Prepared> => {
          const current = latest.get(dam.id) ?? row;
          if (!hasMatured(current))
            return { error: current.queued.length ? "No queued withdrawal has matured yet." : "" };
          return {
            tx: chain.api.tx.Dam.claim_withdrawal({
              dam: dam.id,
              reward_tokens: await rewardTokenWitness(chain, dam.id),
            }),
          };
        },
        onDone: reload,
      });
      claimWithdrawal.el.dataset.action = "claim-withdrawal";
    }
    const update = (r: PositionRow) => {
      mount(
        figures,
        h(
          "p",
          {},
          "Shares: ",
          h(
            "strong",
            { "data-role": "shares", "data-value": r.shares.toString() },
            formatAmount(r.shares, decimals, dam.receiptSymbol),
          ),
          " · worth ",
          h(
            "strong",
            { "data-role": "value", "data-value": r.value.toString() },
            formatAmount(r.value, decimals, symbol),
          ),
          r.compensationPending > 0n
            ? ` · ${formatAmount(r.compensationPending, decimals, symbol)} owed if open penalties are vetoed`
            : "",
        ),
      );
      mount(
        queued,
        r.queued.length
          ? h(
              "ul",
              { "data-role": "queued" },
              r.queued.map((w) =>
                h(
                  "li",
                  {},
                  `${formatAmount(w.shares, decimals, dam.receiptSymbol)} (${formatAmount(w.value, decimals, symbol)}): claimable ${countdown(w.unlockAt, chain.best, chain.blockTimeMs)}`,
                ),
              ),
            )
          : null,
      );
      mount(
        rewards,
        h("thead", {}, h("tr", {}, h("th", {}, "Program"), h("th", {}, "Token"), h("th", {}, "Pending"))),
        h(
          "tbody",
          {},
          r.pending.length
            ? r.pending.map((p) =>
                h(
                  "tr",
                  { "data-program": p.program },
                  h("td", {}, `#${p.program} (Network ${p.network})`),
                  h("td", {}, p.symbol),
                  h(
                    "td",
                    { "data-role": "pending", "data-value": p.amount.toString(), "data-token": p.token },
                    formatAmount(p.amount, p.decimals, p.symbol),
                  ),
                ),
              )
            : h("tr", {}, h("td", { colspan: 3, class: "muted" }, "This DAM earns no reward token yet.")),
        ),
      );
    };
    update(row);
    if (claimWithdrawal) claimWithdrawal.el.hidden = row.queued.length === 0 && !claimWithdrawal.active;
    void claim.refresh();
    void claimWithdrawal?.refresh();
    const el = h(
      "section",
      { class: "card", "data-position": dam.id },
      h(
        "h2",
        {},
        h("a", { href: `#/dam/${dam.id}` }, dam.name),
        " ",
        h("small", { class: "muted" }, `DAM ${dam.id} · ${dam.kind}`),
      ),
      figures,
      queued,
      claimWithdrawal ? claimWithdrawal.el : null,
      h("h3", {}, "Pending rewards"),
      rewards,
      claim.el,
      extras,
    );
    return {
      el,
      update: (r: PositionRow) => {
        update(r);
        if (!hasMatured(row) && hasMatured(r)) void claimWithdrawal?.refresh();
        row.queued = r.queued;
        if (claimWithdrawal) claimWithdrawal.el.hidden = r.queued.length === 0 && !claimWithdrawal.active;
      },
    };
  };

  const createCard = (holding: Holding) => {
    const input = h("input", { type: "text", inputmode: "decimal", placeholder: "0.0", "data-role": "redeem-amount" });
    const balanceEl = h(
      "strong",
      { "data-role": "token-balance", "data-value": holding.balance.toString() },
      formatAmount(holding.balance, holding.decimals, holding.symbol),
    );
    const priceEl = h("span", { "data-role": "token-price" });
    const showPrice = (current: Holding) => {
      const { decimals, symbol } = chain.native;
      priceEl.dataset.price = current.nekPrice?.toString() ?? "";
      priceEl.textContent =
        current.nekPrice === undefined
          ? "Its pool: no pool, so no NEK price."
          : `Its pool prices it at ${formatAmount(current.nekPrice, decimals, symbol, 6)} per ${current.symbol}: what you hold sells for about ${formatAmount((current.balance * current.nekPrice) / 10n ** BigInt(current.decimals), decimals, symbol, 6)}.`;
    };
    showPrice(holding);
    const control = new TxControl(chain, () => state.account, {
      label: "Redeem",
      prepare: (): Prepared => {
        if (!input.value.trim()) return { error: "" };
        const parsed = parseAmount(input.value, holding.decimals);
        if (!parsed.ok) return { error: parsed.error };
        if (parsed.value === 0n) return { error: "Enter an amount above zero." };
        if (parsed.value > holding.balance)
          return { error: `You hold ${formatAmount(holding.balance, holding.decimals, holding.symbol)}.` };
        return { tx: chain.api.tx.Rewards.redeem({ program: holding.program, amount: parsed.value }) };
      },
      onDone: reload,
    });
    input.addEventListener("input", () => void control.refresh());
    void control.refresh();
    const el = h(
      "div",
      { class: "card", "data-holding": holding.token },
      h(
        "p",
        {},
        "You hold ",
        balanceEl,
        ` of program #${holding.program}'s token; each redeems for one unit of ${holding.rewardSymbol} from its escrow.`,
      ),
      h("p", { class: "muted" }, priceEl),
      h("label", { class: "field" }, h("span", {}, `Amount (${holding.symbol})`), input),
      control.el,
    );
    return {
      el,
      holding,
      update: (current: Holding) => {
        holding.balance = current.balance;
        holding.nekPrice = current.nekPrice;
        showPrice(holding);
        balanceEl.dataset.value = current.balance.toString();
        balanceEl.textContent = formatAmount(current.balance, current.decimals, current.symbol);
      },
    };
  };

  const latest = new Map<number, PositionRow>();
  let shownFor = "";
  let loading = false;
  const load = async () => {
    if (loading) return;
    if (!state.account) {
      sections.clear();
      cards.clear();
      mount(body, h("p", { class: "muted" }, "Choose an account to see its positions."));
      note.textContent = "";
      return;
    }
    loading = true;
    const who = state.account.address;
    try {
      const { rows, holdings } = await readPositions(chain, who);
      if (state.account?.address !== who) return;
      if (who !== shownFor) {
        sections.clear();
        cards.clear();
        shownFor = who;
      }
      for (const r of rows) latest.set(r.dam.id, r);
      render(rows, holdings);
      note.textContent = `As of block #${chain.best}.`;
      note.dataset.block = String(chain.best);
    } catch (e) {
      mount(note, h("span", { class: "error" }, `Your positions could not be read: ${describe(e)}`));
    } finally {
      loading = false;
    }
  };
  return keepCurrent(state, load, () => void load());
};
