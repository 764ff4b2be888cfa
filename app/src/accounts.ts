// The accounts the user can act with: those of browser-extension wallets (Polkadot.js,
// Talisman, SubWallet, … through the injected-accounts interface) and, on development chains
// only, the well-known development accounts.

import { sr25519CreateDerive } from "@polkadot-labs/hdkd";
import { DEV_PHRASE, entropyToMiniSecret, mnemonicToEntropy, ss58Address } from "@polkadot-labs/hdkd-helpers";
import type { PolkadotSigner } from "polkadot-api";
import { connectInjectedExtension, getInjectedExtensions } from "polkadot-api/pjs-signer";
import { getPolkadotSigner } from "polkadot-api/signer";

export interface Account {
  address: string;
  name: string;
  /** Where it comes from: an extension's name, or "development account". */
  source: string;
  development: boolean;
  signer: PolkadotSigner;
}

const DEV_NAMES = ["Alice", "Bob", "Charlie", "Dave", "Eve", "Ferdie"];

/** The well-known development accounts (sr25519, `//Alice` … of the dev phrase). */
export function devAccounts(ss58Format = 42): Account[] {
  const derive = sr25519CreateDerive(entropyToMiniSecret(mnemonicToEntropy(DEV_PHRASE)));
  return DEV_NAMES.map((name) => {
    const pair = derive(`//${name}`);
    return {
      address: ss58Address(pair.publicKey, ss58Format),
      name,
      source: "development account",
      development: true,
      signer: getPolkadotSigner(pair.publicKey, "Sr25519", pair.sign),
    };
  });
}

/** The accounts of every injected wallet extension that the user lets the app see. */
export async function extensionAccounts(): Promise<{ accounts: Account[]; problems: string[] }> {
  const accounts: Account[] = [];
  const problems: string[] = [];
  for (const name of getInjectedExtensions()) {
    try {
      const extension = await connectInjectedExtension(name);
      for (const account of extension.getAccounts()) {
        accounts.push({
          address: account.address,
          name: account.name ?? name,
          source: name,
          development: false,
          signer: account.polkadotSigner,
        });
      }
    } catch (e) {
      problems.push(`${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return { accounts, problems };
}
