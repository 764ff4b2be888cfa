// The transaction control every form uses: it shows the estimated fee before signing, the
// progress (signed, broadcast, in block, finalized), and a failure in the words of the
// runtime's error docs.

import type { nektar } from "@polkadot-api/descriptors";
import { InvalidTxError, type Transaction } from "polkadot-api";
import type { Account } from "./accounts";
import type { AssetKind, Chain, Token } from "./chain";
import { feeAssets, NATIVE } from "./data";
import { explainDispatchError, explainInvalidTx } from "./errors";
import { formatAmount } from "./lib/format";
import { h, mount } from "./ui";

/** The asset type of the fee extension, as the descriptors type it. */
type FeeAsset = (typeof nektar)["asset"]["_type"];

type FeeChoice = { asset: AssetKind; token: Token; key: string };

const keyOf = (asset: AssetKind) => (asset.type === "Native" ? "native" : `asset-${asset.value}`);

/** The fee assets, re-read at most every ten blocks: pools are few and rarely opened. */
let feeChoices: { chain: Chain; block: number; list: Promise<FeeChoice[]> } | null = null;
function feeChoicesOf(chain: Chain): Promise<FeeChoice[]> {
  if (!feeChoices || feeChoices.chain !== chain || chain.best - feeChoices.block >= 10) {
    const list = feeAssets(chain).then((assets) => assets.map((a) => ({ ...a, key: keyOf(a.asset) })));
    list.catch(() => (feeChoices = null));
    feeChoices = { chain, block: chain.best, list };
  }
  return feeChoices.list;
}

/** What a form wants to send, or why it cannot yet. */
export type Prepared = { tx: Transaction<FeeAsset, any>; warning?: string } | { error: string };

export interface TxControlOptions {
  label: string;
  /** Builds the transaction from the form's inputs; called whenever they change. */
  prepare: () => Prepared | Promise<Prepared>;
  /** Called once the transaction is finalized, successful or not. */
  onDone?: (ok: boolean) => void;
}

export class TxControl {
  readonly el: HTMLElement;
  private readonly feeEl = h("div", { class: "fee", "data-role": "fee" });
  private readonly feeAsset = h("select", { "aria-label": "Pay the fee in", "data-role": "fee-asset" });
  private choices: FeeChoice[] = [{ asset: NATIVE, token: { symbol: "NEK", decimals: 12 }, key: "native" }];
  private readonly noteEl = h("div", { class: "note", "data-role": "note" });
  private readonly statusEl = h("ol", { class: "progress", "data-role": "progress" });
  private readonly resultEl = h("div", { "data-role": "result" });
  private readonly button: HTMLButtonElement;
  private prepared: Prepared = { error: "" };
  private generation = 0;
  private busy = false;

  constructor(
    private readonly chain: Chain,
    private readonly account: () => Account | null,
    private readonly options: TxControlOptions,
  ) {
    this.button = h(
      "button",
      { type: "button", "data-role": "sign", disabled: true, onclick: () => this.sign() },
      options.label,
    );
    this.choices[0].token = chain.native;
    this.renderChoices();
    void this.loadChoices();
    this.feeAsset.addEventListener("change", () => void this.refresh());
    this.el = h(
      "div",
      { class: "tx" },
      this.noteEl,
      h("label", { class: "fee-asset" }, "Pay the fee in ", this.feeAsset),
      this.feeEl,
      this.button,
      this.statusEl,
      this.resultEl,
    );
  }

  /** Reads the assets with a NEK pool into the fee selector; true if the list changed. */
  private async loadChoices(): Promise<boolean> {
    try {
      const choices = await feeChoicesOf(this.chain);
      if (choices.map((c) => c.key).join() === this.choices.map((c) => c.key).join()) return false;
      this.choices = choices;
      this.renderChoices();
      return true;
    } catch {
      return false; // NEK stays on offer; the fee estimate reports a failing node
    }
  }

  private renderChoices() {
    const chosen = this.feeAsset.value || "native";
    mount(
      this.feeAsset,
      this.choices.map((c) => h("option", { value: c.key, selected: c.key === chosen }, c.token.symbol)),
    );
  }

  /** The fee asset chosen: NEK unless the signer picked another with a NEK pool. */
  private chosen(): FeeChoice {
    return this.choices.find((c) => c.key === this.feeAsset.value) ?? this.choices[0];
  }

  /** The transaction options that pay the fee in the chosen asset. */
  private feeOptions(): { asset: FeeAsset } | undefined {
    const { asset } = this.chosen();
    return asset.type === "Native" ? undefined : { asset: asset as FeeAsset };
  }

  /** Whether a transaction is on its way or its outcome is on show. */
  get active(): boolean {
    return this.busy || this.statusEl.childElementCount > 0;
  }

  /** Re-reads the form and estimates the fee again. */
  async refresh() {
    if (this.busy) return;
    const generation = ++this.generation;
    const account = this.account();
    let prepared: Prepared;
    try {
      prepared = await this.options.prepare();
    } catch (e) {
      prepared = { error: e instanceof Error ? e.message : String(e) };
    }
    if (generation !== this.generation) return;
    this.prepared = prepared;
    this.noteEl.className = "note";
    if (!account) {
      this.show("Choose an account to sign with.", "error");
      this.feeEl.textContent = "";
      this.button.disabled = true;
      return;
    }
    if ("error" in prepared) {
      this.show(prepared.error, prepared.error ? "error" : "");
      this.feeEl.textContent = "";
      this.button.disabled = true;
      return;
    }
    this.show(prepared.warning ?? "", prepared.warning ? "warning" : "");
    this.feeEl.textContent = "Estimating the fee…";
    this.button.disabled = true;
    try {
      await this.loadChoices();
      if (generation !== this.generation) return;
      const choice = this.chosen();
      const nekFee = await prepared.tx.getEstimatedFees(account.address, this.feeOptions());
      if (generation !== this.generation) return;
      const native = this.chain.native;
      let fee = nekFee;
      let text = `Estimated fee: ${formatAmount(nekFee, native.decimals, native.symbol)}`;
      if (choice.asset.type !== "Native") {
        // The NEK fee is bought in the asset's pool: what the pool asks for exactly that much.
        const quote =
          nekFee === 0n
            ? 0n
            : await this.chain.api.apis.AssetConversionApi.quote_price_tokens_for_exact_tokens(
                choice.asset,
                NATIVE,
                nekFee,
                true,
                { at: "best" },
              );
        if (generation !== this.generation) return;
        if (quote === undefined) {
          this.feeEl.textContent = `The ${choice.token.symbol} pool cannot pay a fee of ${formatAmount(nekFee, native.decimals, native.symbol)}: choose another asset.`;
          return;
        }
        fee = quote;
        text = `Estimated fee: ${formatAmount(quote, choice.token.decimals, choice.token.symbol)} (buys ${formatAmount(nekFee, native.decimals, native.symbol)} in its pool)`;
      }
      this.feeEl.textContent = text;
      this.feeEl.dataset.fee = fee.toString();
      this.feeEl.dataset.feeNative = nekFee.toString();
      this.feeEl.dataset.feeAsset = choice.key;
      this.button.disabled = false;
    } catch (e) {
      if (generation !== this.generation) return;
      this.feeEl.textContent = `The fee could not be estimated: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  private show(text: string, kind: "" | "error" | "warning") {
    this.noteEl.textContent = text;
    this.noteEl.className = `note ${kind}`;
    this.noteEl.dataset.kind = kind;
  }

  private step(text: string, state: string) {
    this.statusEl.appendChild(h("li", { "data-state": state }, text));
  }

  private sign() {
    const account = this.account();
    const prepared = this.prepared;
    if (!account || "error" in prepared || this.busy) return;
    this.busy = true;
    this.button.disabled = true;
    mount(this.statusEl);
    mount(this.resultEl);
    this.step(`Waiting for ${account.name} to sign…`, "signing");
    let reported = false;
    const finish = (ok: boolean) => {
      this.busy = false;
      this.options.onDone?.(ok);
      void this.refresh();
    };
    const fail = async (explained: Promise<{ name: string; docs: string }>) => {
      if (reported) return;
      reported = true;
      const { name, docs } = await explained;
      mount(
        this.resultEl,
        h(
          "div",
          { class: "error", "data-role": "error", "data-error": name },
          h("strong", {}, "Failed: "),
          docs,
          h("span", { class: "muted" }, ` (${name})`),
        ),
      );
    };
    prepared.tx.signSubmitAndWatch(account.signer, this.feeOptions()).subscribe({
      next: (event) => {
        switch (event.type) {
          case "signed":
            this.step("Signed", "signed");
            break;
          case "broadcasted":
            this.step("Broadcast", "broadcasted");
            break;
          case "txBestBlocksState":
            if (event.found) {
              this.step(`In block #${event.block.number}`, "inBlock");
              if (!event.ok) void fail(explainDispatchError(this.chain.client, event.dispatchError));
            }
            break;
          case "finalized":
            this.step(`Finalized in block #${event.block.number}`, "finalized");
            if (event.ok) {
              mount(this.resultEl, h("div", { class: "success", "data-role": "success" }, "Done."));
              finish(true);
            } else {
              void fail(explainDispatchError(this.chain.client, event.dispatchError)).then(() => finish(false));
            }
            break;
        }
      },
      error: (e: unknown) => {
        const explained =
          e instanceof InvalidTxError
            ? explainInvalidTx(this.chain.client, e.error)
            : Promise.resolve({ name: "Not sent", docs: e instanceof Error ? e.message : String(e) });
        void fail(explained).then(() => finish(false));
      },
    });
  }
}
