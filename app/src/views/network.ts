// The Network console, first part: registering a Network. The form checks the terms the way
// the marketplace will (amounts, caps, the protocol's commission and dispute-window limits, the
// fields each kind needs) and names the wrong field before anything is signed.

import { Binary, getSs58AddressInfo } from "polkadot-api";
import type { AssetKind, Token } from "../chain";
import { checkTerms, type Kind, type Limits, type TermsInput } from "../lib/terms";
import type { View } from "../state";
import { TxControl, type Prepared } from "../tx";
import { describe, h, mount } from "../ui";

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
