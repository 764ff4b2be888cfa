// What the views share: the chain connection and the chosen account.

import type { Account } from "./accounts";
import type { Chain } from "./chain";
import { shortAddress } from "./lib/format";

export interface AppState {
  chain: Chain;
  accounts: Account[];
  account: Account | null;
  /** Called with the new account whenever the user picks another. */
  onAccount: Set<() => void>;
}

const ACCOUNT_KEY = "nektar.account";

export function rememberAccount(state: AppState, account: Account | null) {
  state.account = account;
  if (account) localStorage.setItem(ACCOUNT_KEY, account.address);
  else localStorage.removeItem(ACCOUNT_KEY);
  for (const fn of state.onAccount) fn();
}

/** An address by the name of the account the app knows it as, or shortened. */
export function nameOf(state: AppState, address: string): string {
  const known = state.accounts.find((a) => a.address === address);
  return known ? known.name : shortAddress(address);
}

export function rememberedAddress(): string | null {
  return localStorage.getItem(ACCOUNT_KEY);
}

/** A view: renders into `root` and returns what to do when the user leaves it. */
export type View = (state: AppState, root: HTMLElement, params: string[]) => () => void;
