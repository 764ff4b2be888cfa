import "./style.css";
import { devAccounts, extensionAccounts, type Account } from "./accounts";
import { chosenEndpoint, connect, isValidEndpoint, saveEndpoint } from "./chain";
import { formatAmount, shortAddress } from "./lib/format";
import { rememberAccount, rememberedAddress, type AppState, type View } from "./state";
import { describe, h, mount } from "./ui";
import { damView } from "./views/dam";
import { governanceView } from "./views/governance";
import { marketplaceView } from "./views/marketplace";
import { networkConsoleView, networkView } from "./views/network";
import { operatorView } from "./views/operator";
import { positionsView } from "./views/positions";

const routes: [RegExp, View][] = [
  [/^#?\/?$/, marketplaceView],
  [/^#\/dam\/(\d+)$/, damView],
  [/^#\/positions$/, positionsView],
  [/^#\/network$/, networkConsoleView],
  [/^#\/network\/new$/, networkView],
  [/^#\/governance$/, governanceView],
  [/^#\/operator$/, operatorView],
];

const app = document.getElementById("app")!;
const status = h("div", { class: "status", "data-role": "connection" });
const main = h("main", {});

function settings(): HTMLElement {
  const input = h("input", {
    type: "text",
    value: chosenEndpoint(),
    size: 28,
    "aria-label": "RPC endpoint",
    "data-role": "endpoint",
  });
  const message = h("span", { class: "note error" });
  return h(
    "form",
    {
      class: "settings",
      onsubmit: (e: Event) => {
        e.preventDefault();
        if (!isValidEndpoint(input.value.trim())) {
          message.textContent = "Enter a ws:// or wss:// address.";
          return;
        }
        saveEndpoint(input.value.trim());
      },
    },
    h("label", {}, "Node ", input),
    h("button", { type: "submit" }, "Connect"),
    message,
  );
}

function accountPicker(state: AppState): HTMLElement {
  const select = h("select", { "aria-label": "Account", "data-role": "account" });
  const balance = h("span", { class: "muted", "data-role": "account-balance" });
  const render = () => {
    const options = [h("option", { value: "" }, "— choose an account —")];
    const groups = new Map<string, Account[]>();
    for (const a of state.accounts) groups.set(a.source, [...(groups.get(a.source) ?? []), a]);
    for (const [source, accounts] of groups) {
      options.push(
        h(
          "optgroup",
          {
            label: source === "development account" ? "Development accounts (test keys, never use for value)" : source,
          },
          accounts.map((a) =>
            h(
              "option",
              { value: a.address, selected: state.account?.address === a.address },
              a.development ? `${a.name} (development account)` : `${a.name} · ${shortAddress(a.address)}`,
            ),
          ),
        ) as unknown as HTMLOptionElement,
      );
    }
    mount(select, options);
  };
  select.addEventListener("change", () => {
    rememberAccount(state, state.accounts.find((a) => a.address === select.value) ?? null);
  });
  const showBalance = async () => {
    if (!state.account) {
      balance.textContent = "";
      return;
    }
    const account = await state.chain.api.query.System.Account.getValue(state.account.address, { at: "best" });
    const { decimals, symbol } = state.chain.native;
    balance.textContent = formatAmount(account.data.free, decimals, symbol, 4);
  };
  state.onAccount.add(() => void showBalance());
  state.chain.onBlock(() => void showBalance());
  const connectWallets = h(
    "button",
    {
      type: "button",
      onclick: async () => {
        const { accounts, problems } = await extensionAccounts();
        state.accounts = [...accounts, ...state.accounts.filter((a) => a.development)];
        render();
        if (problems.length) alert(problems.join("\n"));
        else if (!accounts.length) alert("No wallet extension shared an account with this page.");
      },
    },
    "Connect wallet",
  );
  render();
  void showBalance();
  return h("div", { class: "account" }, select, balance, connectWallets);
}

async function start() {
  mount(app, h("header", {}, h("a", { href: "#/", class: "brand" }, "Nektar"), status), main);
  const endpoint = chosenEndpoint();
  let chain;
  try {
    chain = await connect(endpoint, (s) => (status.textContent = s));
  } catch (e) {
    status.textContent = `Could not connect to ${endpoint}: ${describe(e)}`;
    mount(main, settings());
    return;
  }
  const state: AppState = { chain, accounts: [], account: null, onAccount: new Set() };
  if (chain.development) state.accounts.push(...devAccounts());
  if (Object.keys((window as { injectedWeb3?: object }).injectedWeb3 ?? {}).length) {
    const { accounts } = await extensionAccounts();
    state.accounts.unshift(...accounts);
  }
  const remembered = rememberedAddress();
  state.account = state.accounts.find((a) => a.address === remembered) ?? null;

  const block = h("span", { class: "muted", "data-role": "best-block" });
  const showBlock = () => (block.textContent = `${chain.name} · best #${chain.best} · finalized #${chain.finalized}`);
  chain.onBlock(showBlock);
  showBlock();
  const nav = h(
    "nav",
    {},
    h("a", { href: "#/", "data-nav": "marketplace" }, "Marketplace"),
    h("a", { href: "#/positions", "data-nav": "positions" }, "My positions"),
    h("a", { href: "#/network", "data-nav": "network-console" }, "Network console"),
    h("a", { href: "#/network/new", "data-nav": "register-network" }, "Register a Network"),
    h("a", { href: "#/operator", "data-nav": "operator" }, "Operator console"),
    h("a", { href: "#/governance", "data-nav": "governance" }, "Governance"),
  );
  mount(
    app,
    h("header", {}, h("a", { href: "#/", class: "brand" }, "Nektar"), nav, accountPicker(state), block, status),
    main,
    h("footer", {}, settings()),
  );

  let leave: () => void = () => {};
  const route = () => {
    leave();
    const hash = location.hash || "#/";
    for (const [pattern, view] of routes) {
      const match = pattern.exec(hash);
      if (match) {
        mount(main);
        leave = view(state, main, match.slice(1));
        return;
      }
    }
    mount(main, h("p", {}, "There is no such page. ", h("a", { href: "#/" }, "Back to the marketplace")));
    leave = () => {};
  };
  window.addEventListener("hashchange", route);
  route();
}

void start();
