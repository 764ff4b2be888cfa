// A few DOM helpers: the app renders with plain DOM nodes, no framework.

import type { AppState } from "./state";

type Child = Node | string | number | null | undefined | false | Child[];
type Attrs = Record<string, string | number | boolean | EventListener | null | undefined>;

/** Creates an element: `h("button", { class: "x", onclick: fn }, "Sign")`. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") {
      el.addEventListener(key.slice(2), value as EventListener);
    } else if (value === true) {
      el.setAttribute(key, "");
    } else {
      el.setAttribute(key, String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el: Node, children: Child[]) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.appendChild(typeof child === "object" ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the children of `el`. */
export function mount(el: Element, ...children: Child[]) {
  el.replaceChildren();
  append(el, children);
}

/** An error as a sentence, for views that fail to load. */
export function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** A sortable, filterable table: columns with a text cell and a sort key. */
export interface Column<T> {
  title: string;
  cell: (row: T) => Child;
  sort?: (row: T) => number | string | bigint;
  /** Extra attributes of each cell, e.g. a test hook. */
  attrs?: (row: T) => Attrs;
}

export class SortableTable<T> {
  readonly el = h("div", { class: "table-wrap" });
  private sortBy = -1;
  private descending = false;
  private rows: T[] = [];

  constructor(
    private readonly columns: Column<T>[],
    private readonly rowAttrs: (row: T) => Attrs,
    private readonly empty: string,
  ) {}

  update(rows: T[]) {
    this.rows = rows;
    this.render();
  }

  private render() {
    const rows = [...this.rows];
    const column = this.columns[this.sortBy];
    if (column?.sort) {
      const key = column.sort;
      rows.sort((a, b) => {
        const x = key(a);
        const y = key(b);
        const order = x < y ? -1 : x > y ? 1 : 0;
        return this.descending ? -order : order;
      });
    }
    const head = h(
      "tr",
      {},
      this.columns.map((c, i) =>
        h(
          "th",
          {
            class: c.sort ? "sortable" : "",
            "aria-sort": i === this.sortBy ? (this.descending ? "descending" : "ascending") : null,
            onclick: c.sort
              ? () => {
                  this.descending = this.sortBy === i ? !this.descending : false;
                  this.sortBy = i;
                  this.render();
                }
              : null,
          },
          c.title,
          i === this.sortBy ? (this.descending ? " ▾" : " ▴") : "",
        ),
      ),
    );
    const body = rows.length
      ? rows.map((row) =>
          h(
            "tr",
            this.rowAttrs(row),
            this.columns.map((c) => h("td", c.attrs?.(row) ?? {}, c.cell(row))),
          ),
        )
      : [h("tr", {}, h("td", { colspan: this.columns.length, class: "muted" }, this.empty))];
    mount(this.el, h("table", {}, h("thead", {}, head), h("tbody", {}, body)));
  }
}

/** A labelled form field. */
export function field(label: string, input: HTMLElement, hint?: string): HTMLElement {
  return h("label", { class: "field" }, h("span", {}, label), input, hint ? h("small", { class: "muted" }, hint) : null);
}

/** A text input for an amount of tokens, found by its `data-field`. */
export const amountInput = (key: string) =>
  h("input", { type: "text", inputmode: "decimal", placeholder: "0.0", autocomplete: "off", "data-field": key });

/** A form card with a title; it never submits (its transaction control signs). */
export function card(name: string, title: string, ...children: Child[]): HTMLFormElement {
  return h(
    "form",
    { class: "card", "data-form": name, onsubmit: (e: Event) => e.preventDefault() },
    h("h3", {}, title),
    ...children,
  );
}

/**
 * Replaces the options of a select, keeping the chosen one if it is still there; returns
 * whether the options changed (callers then re-check the form).
 */
export function setOptions(select: HTMLSelectElement, items: [string, string][], empty: string): boolean {
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
}

/**
 * Keeps a view current: loads it now and again at every best block, and calls `onAccount`, the
 * view's own clean-up (which reloads when the view needs it), whenever the user picks another
 * account. Returns what stops both, for the view's disposer.
 */
export function keepCurrent(state: AppState, load: () => Promise<void>, onAccount?: () => void): () => void {
  if (onAccount) state.onAccount.add(onAccount);
  void load();
  const off = state.chain.onBlock(() => void load());
  return () => {
    off();
    if (onAccount) state.onAccount.delete(onAccount);
  };
}
