/**
 * Picking expiries and strikes out of an option chain for put credit spreads: days to expiry,
 * Black-Scholes put deltas (r = 4.5 % by default, as the original), the short put nearest a
 * target delta and its protective long put.
 * @module
 */
import { bsm } from "../../options/bsm.ts";
import type { OptionChain, OptionExpiry, OptionQuote } from "./chain.ts";

const DAY = 86_400_000;

/** Calendar days from `asOfTs` to the expiry (fractional, unix ms in). */
export function daysToExpiry(expiryTs: number, asOfTs: number): number {
  return (expiryTs - asOfTs) / DAY;
}

/** The expiry with min ≤ DTE ≤ max closest to `target` DTE (earliest on ties), or null. */
export function chooseExpiry(
  chain: OptionChain,
  range: { min: number; max: number; target: number },
): OptionExpiry | null {
  let best: OptionExpiry | null = null;
  let bestGap = Infinity;
  for (const e of chain.expiries) {
    const dte = daysToExpiry(e.expiryTs, chain.asOfTs);
    if (dte < range.min || dte > range.max) continue;
    const gap = Math.abs(dte - range.target);
    if (gap < bestGap) {
      best = e;
      bestGap = gap;
    }
  }
  return best;
}

/**
 * Black-Scholes delta of a put (no dividends). The original returned −0.5 when T ≤ 0 or σ ≤ 0;
 * so does this.
 */
export function putDelta(
  spot: number,
  strike: number,
  years: number,
  vol: number,
  rate = 0.045,
): number {
  if (!(years > 0) || !(vol > 0)) return -0.5;
  return bsm({ type: "put", spot, strike, rate, vol, time: years }).delta;
}

/** A quote with the volatility and delta used to pick it. */
export interface PickedPut {
  quote: OptionQuote;
  /** Volatility used for the delta (the quote's IV, or the fallback). */
  vol: number;
  delta: number;
  ivFromQuote: boolean;
}

/**
 * The out-of-the-money put (strike < spot) whose delta is closest to `targetDelta` (e.g. −0.30),
 * using the quote's IV, or `fallbackVol` when the quote has none.
 */
export function pickShortPut(
  expiry: OptionExpiry,
  spot: number,
  asOfTs: number,
  options: { targetDelta?: number; fallbackVol: number; rate?: number },
): PickedPut | null {
  const { targetDelta = -0.3, fallbackVol, rate = 0.045 } = options;
  const years = daysToExpiry(expiry.expiryTs, asOfTs) / 365;
  let best: PickedPut | null = null;
  for (const q of expiry.quotes) {
    if (q.right !== "put" || !(q.strike < spot)) continue;
    const fromQuote = q.iv > 0 && Number.isFinite(q.iv);
    const vol = fromQuote ? q.iv : fallbackVol;
    const delta = putDelta(spot, q.strike, years, vol, rate);
    if (!Number.isFinite(delta)) continue;
    if (!best || Math.abs(delta - targetDelta) < Math.abs(best.delta - targetDelta)) {
      best = { quote: q, vol, delta, ivFromQuote: fromQuote };
    }
  }
  return best;
}

/** The put at exactly `strike` (± tolerance), or null. */
export function putAt(expiry: OptionExpiry, strike: number, tolerance = 0.1): OptionQuote | null {
  for (const q of expiry.quotes) {
    if (q.right === "put" && Math.abs(q.strike - strike) <= tolerance) return q;
  }
  return null;
}

/** The put whose strike is nearest `strike` and below `below`, or null. */
export function putNearest(
  expiry: OptionExpiry,
  strike: number,
  below: number,
): OptionQuote | null {
  let best: OptionQuote | null = null;
  for (const q of expiry.quotes) {
    if (q.right !== "put" || !(q.strike < below)) continue;
    if (!best || Math.abs(q.strike - strike) < Math.abs(best.strike - strike)) best = q;
  }
  return best;
}

/** Sell price: the bid when positive, else the last trade. */
export function sellPrice(q: OptionQuote): number {
  return q.bid > 0 ? q.bid : q.last;
}

/** Buy price: the ask when positive, else the last trade. */
export function buyPrice(q: OptionQuote): number {
  return q.ask > 0 ? q.ask : q.last;
}

/** Annualised volatility of daily log returns of `closes[from..)` (sample std × √252). */
export function historicalVol(closes: Float64Array, lookback: number): number {
  const n = closes.length;
  const from = Math.max(1, n - lookback);
  const m = n - from;
  if (m < 2) return NaN;
  let mean = 0;
  for (let i = from; i < n; i++) mean += Math.log(closes[i] / closes[i - 1]);
  mean /= m;
  let ss = 0;
  for (let i = from; i < n; i++) ss += (Math.log(closes[i] / closes[i - 1]) - mean) ** 2;
  return Math.sqrt(ss / (m - 1)) * Math.sqrt(252);
}
