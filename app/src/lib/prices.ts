// Prices from the chain's NEK pools. Every pool pairs NEK with one other asset; a price here is
// what a sale in that pool would pay now, fee included, as the runtime's AssetConversionApi
// quotes it.

/**
 * The amount of a token a price is quoted on: one whole token, or a thousandth of the pool's
 * reserve of it when that is less (at least one unit), so that the figure is the pool's price
 * rather than the slippage of one large sale into a shallow pool.
 */
export function quoteSize(decimals: number, reserve: bigint): bigint {
  const whole = 10n ** BigInt(decimals);
  const share = reserve / 1000n;
  if (share >= whole) return whole;
  return share > 0n ? share : 1n;
}

/** What a sale of `sold` units paid (`received`), scaled to one whole token of `decimals`. */
export function perWholeToken(received: bigint, sold: bigint, decimals: number): bigint {
  if (sold <= 0n) return 0n;
  return (received * 10n ** BigInt(decimals)) / sold;
}
