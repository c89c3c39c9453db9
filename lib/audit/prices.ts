/**
 * Prices for open positions from the stored bars: the last close at or before the as-of time.
 * @module
 */
import type { MarketDataProvider } from "../data/providers/provider.ts";
import { loadBars } from "../storage/bars_repo.ts";

/**
 * Loads the last stored close at or before `asOfMs` (unix ms) for each symbol `owner` can see.
 * Symbols without bars (or without a bar by then) are absent from the map.
 */
export async function storedPrices(
  kv: Deno.Kv,
  owner: string | null,
  symbols: Iterable<string>,
  asOfMs: number,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const symbol of new Set(symbols)) {
    const found = await loadBars(kv, owner, symbol);
    if (!found) continue;
    const { ts, close } = found.bars;
    let lo = 0;
    let hi = ts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ts[mid] <= asOfMs) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0 && Number.isFinite(close[lo - 1])) out.set(symbol, close[lo - 1]);
  }
  return out;
}

/** Symbols of the open positions a first pass of the audit found. */
export function openSymbols(report: { openPositions: { symbol: string }[] }): string[] {
  return [...new Set(report.openPositions.map((p) => p.symbol))];
}

/**
 * Prices from a market-data provider: the last daily close at or before `asOfMs` within the 10
 * days before it, per symbol. Symbols the provider cannot serve (any error) are left out, so the
 * audit reports them "not priced" instead of failing.
 */
export async function providerPrices(
  provider: MarketDataProvider,
  symbols: Iterable<string>,
  asOfMs: number,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const symbol of new Set(symbols)) {
    try {
      const bars = await provider.fetchDaily(symbol, {
        from: asOfMs - 10 * 86_400_000,
        to: asOfMs,
      });
      for (let i = bars.length - 1; i >= 0; i--) {
        if (bars.ts[i] <= asOfMs && Number.isFinite(bars.close[i])) {
          out.set(symbol, bars.close[i]);
          break;
        }
      }
    } catch {
      // not priced
    }
  }
  return out;
}
