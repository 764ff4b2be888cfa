// The settings of a DAM its Operator runs independently, as the Operator console creates one:
// open to every depositor, with transferable shares, no gatekeeper or catalyst yet, and every
// setting left changeable.

import type { Kind } from "./terms.js";

/** The `config` of `dam.create_dam` for a DAM of `kind` taking `depositAsset`, at `fee` (Perbill parts). */
export function independentDamConfig<Asset>(kind: Kind, depositAsset: Asset, fee: number) {
  return {
    kind: { type: kind, value: undefined },
    deposit_asset: depositAsset,
    fee,
    fee_mutable: true,
    gatekeeper: undefined,
    gatekeeper_mutable: true,
    catalyst: undefined,
    catalyst_mutable: true,
    receipt_transferable: true,
    allow_list: false,
    independent_operator: true,
  };
}
