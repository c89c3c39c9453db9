/**
 * The market-data provider interface: something that can fetch daily bars for a symbol.
 * @module
 */
import type { BarSeries } from "../../domain/bar.ts";

/** Why a fetch failed, in words a user can act on. */
export class ProviderError extends Error {
  constructor(
    readonly code: "not_found" | "unavailable" | "bad_response" | "timeout",
    message: string,
  ) {
    super(message);
    this.name = "ProviderError";
  }
}

/** A source of daily bars. */
export interface MarketDataProvider {
  readonly name: string;
  /** Daily bars with `from <= ts <= to` (unix ms), sorted, stamped at 00:00 UTC of the trading date. */
  fetchDaily(symbol: string, range: { from: number; to: number }): Promise<BarSeries>;
}
