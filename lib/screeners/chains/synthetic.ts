/**
 * Synthetic option chains for the offline demo: Black-Scholes prices from the core-wasm pricing
 * kernels (one batch call per chain) on a strike grid around the last close, with volatility
 * from the symbol's own returns and a simple put skew. Every chain is labelled
 * `synthetic: true, source: "synthetic"`; these are model prices, not market quotes.
 * @module
 */
import type { BsmBatchInput, GreeksBatch } from "../../options/bsm.ts";
import type { BarSeries } from "../../domain/bar.ts";
import type { ChainProvider, OptionChain, OptionExpiry, OptionQuote } from "./chain.ts";
import { historicalVol } from "./select.ts";

const DAY = 86_400_000;

/**
 * The pricing kernel the generator needs: `Kernels` from core-wasm/mod.ts (WASM, or its
 * TypeScript fallback) satisfies it.
 */
export interface PricingKernels {
  bsmBatch(input: BsmBatchInput): GreeksBatch;
}

/** Options of {@link syntheticChain}. */
export interface SyntheticChainOptions {
  /** Continuously compounded rate, decimal per year (default 0.045). */
  rate?: number;
  /** Calendar days to each expiry (default weekly to 9 weeks, then 90 and 120). */
  expiryDays?: readonly number[];
  /** IV = vol × (1 + skew × ln(spot/strike)), clamped to [0.5, 3] × vol (default 0.8). */
  skew?: number;
  /** Volatility when the bars give none (default 0.3). */
  fallbackVol?: number;
  /** Strikes from (1 − range) to (1 + range) × spot (default 0.4). */
  range?: number;
}

/** Strike spacing used for a spot price: 0.5 below 25, 1 below 250, 5 below 1000, else 10. */
export function strikeStep(spot: number): number {
  return spot < 25 ? 0.5 : spot < 250 ? 1 : spot < 1000 ? 5 : 10;
}

/**
 * A chain for the last bar of `bars`: spot = last close, vol = annualised 252-bar historical
 * volatility, expiries `expiryDays` after the last bar, puts and calls on the strike grid.
 * Bid/ask = mid ∓ max(0.01, 1.5 % of mid), open interest 2000·e^{−8|ln(K/S)|}, volume OI/5.
 */
export function syntheticChain(
  symbol: string,
  bars: BarSeries,
  kernels: PricingKernels,
  options: SyntheticChainOptions = {},
): OptionChain | null {
  const n = bars.length;
  if (n === 0) return null;
  const {
    rate = 0.045,
    expiryDays = [7, 14, 21, 28, 35, 42, 49, 56, 63, 90, 120],
    skew = 0.8,
    fallbackVol = 0.3,
    range = 0.4,
  } = options;
  const spot = bars.close[n - 1];
  if (!(spot > 0)) return null;
  const asOfTs = bars.ts[n - 1];
  const hv = historicalVol(bars.close, 252);
  const vol = Number.isFinite(hv) && hv > 0 ? hv : fallbackVol;
  const step = strikeStep(spot);
  const strikes: number[] = [];
  for (let k = Math.ceil((spot * (1 - range)) / step) * step; k <= spot * (1 + range); k += step) {
    if (k > 0) strikes.push(Math.round(k * 100) / 100);
  }
  const rows = expiryDays.length * strikes.length * 2;
  const input = {
    type: new Float64Array(rows),
    spot: new Float64Array(rows).fill(spot),
    strike: new Float64Array(rows),
    rate: new Float64Array(rows).fill(rate),
    vol: new Float64Array(rows),
    time: new Float64Array(rows),
    dividend: new Float64Array(rows),
  };
  let r = 0;
  for (const d of expiryDays) {
    for (const k of strikes) {
      const iv = Math.min(3 * vol, Math.max(0.5 * vol, vol * (1 + skew * Math.log(spot / k))));
      for (const type of [-1, 1]) {
        input.type[r] = type;
        input.strike[r] = k;
        input.vol[r] = iv;
        input.time[r] = d / 365;
        r++;
      }
    }
  }
  const greeks = kernels.bsmBatch(input);
  const expiries: OptionExpiry[] = [];
  r = 0;
  for (const d of expiryDays) {
    const quotes: OptionQuote[] = [];
    for (const k of strikes) {
      for (const right of ["put", "call"] as const) {
        const mid = greeks.price[r];
        const half = Math.max(0.01, 0.015 * mid);
        const oi = Math.round(2000 * Math.exp(-8 * Math.abs(Math.log(k / spot))));
        quotes.push({
          right,
          strike: k,
          bid: Math.max(0, Math.round((mid - half) * 100) / 100),
          ask: Math.round((mid + half) * 100) / 100,
          last: Math.round(mid * 100) / 100,
          iv: input.vol[r],
          volume: Math.round(oi / 5),
          openInterest: oi,
        });
        r++;
      }
    }
    expiries.push({ expiryTs: asOfTs + d * DAY, quotes });
  }
  return { underlying: symbol, asOfTs, spot, expiries, source: "synthetic", synthetic: true };
}

/** A {@link ChainProvider} that synthesises chains from stored bars. */
export function syntheticProvider(
  loadBars: (symbol: string) => Promise<BarSeries | null>,
  kernels: PricingKernels,
  options: SyntheticChainOptions = {},
): ChainProvider {
  return {
    name: "synthetic",
    synthetic: true,
    async getChain(symbol) {
      const bars = await loadBars(symbol);
      return bars ? syntheticChain(symbol, bars, kernels, options) : null;
    },
  };
}
