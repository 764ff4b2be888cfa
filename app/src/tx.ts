// The transaction control every form uses: it shows the estimated fee before signing, the
// progress (signed, broadcast, in block, finalized), and a failure in the words of the
// runtime's error docs.

import { InvalidTxError, type Transaction } from "polkadot-api";
import type { Account } from "./accounts";
import type { Chain } from "./chain";
import { explainDispatchError, explainInvalidTx } from "./errors";
import { formatAmount } from "./lib/format";
import { h, mount } from "./ui";

/** What a form wants to send, or why it cannot yet. */
export type Prepared = { tx: Transaction<any, any>; warning?: string } | { error: string };

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
    this.el = h("div", { class: "tx" }, this.noteEl, this.feeEl, this.button, this.statusEl, this.resultEl);
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
      const fee = await prepared.tx.getEstimatedFees(account.address);
      if (generation !== this.generation) return;
      const { decimals, symbol } = this.chain.native;
      this.feeEl.textContent = `Estimated fee: ${formatAmount(fee, decimals, symbol)}`;
      this.feeEl.dataset.fee = fee.toString();
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
    prepared.tx.signSubmitAndWatch(account.signer).subscribe({
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
