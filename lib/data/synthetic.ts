/**
 * Seeded synthetic market data for the offline demo: a regime-switching GBM market index, stocks
 * that follow it with their own beta and noise, and a volatility index derived from the market's
 * regime and realised volatility. Every symbol made here is labelled synthetic wherever it is shown.
 *
 * Model (daily, business days Mon-Fri): a two-state Markov regime (calm: drift 13%/yr, vol 12%/yr;
 * stressed: drift -12%/yr, vol 28%/yr; daily switch probabilities 1/300 calm→stressed and 1/50
 * back). Market log return r_m = (mu - sigma^2/2)/252 + sigma/sqrt(252) * z. A stock's return is
 * beta * r_m + idiosyncratic N(0, idioVol/sqrt(252)) plus its own drift. Opens gap from the prior
 * close by a small normal shock; highs and lows extend beyond open/close by half-normal shocks.
 * Volume is log-normal and rises with the absolute return.
 * @module
 */
import { type BarSeries, emptySeries } from "../domain/bar.ts";

/** Deterministic uniform [0, 1) generator (mulberry32). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draws (Box-Muller) from a uniform generator. */
export function normals(rand: () => number): () => number {
  let spare = NaN;
  return () => {
    if (!Number.isNaN(spare)) {
      const s = spare;
      spare = NaN;
      return s;
    }
    let u = 0;
    while (u === 0) u = rand();
    const v = rand();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
}

/** Business days (Mon-Fri, UTC midnight) from `start` to `end` inclusive, unix ms. */
export function businessDays(start: string, end: string): Float64Array {
  const out: number[] = [];
  const last = Date.parse(end + "T00:00:00Z");
  for (let t = Date.parse(start + "T00:00:00Z"); t <= last; t += 86_400_000) {
    const dow = new Date(t).getUTCDay();
    if (dow !== 0 && dow !== 6) out.push(t);
  }
  return Float64Array.from(out);
}

/** The market path behind every synthetic symbol: log returns and regime vol per day. */
export interface MarketPath {
  ts: Float64Array;
  logReturn: Float64Array;
  /** Annualised volatility of the regime in force that day. */
  regimeVol: Float64Array;
}

/** Simulates the regime-switching market path. */
export function marketPath(ts: Float64Array, seed: number): MarketPath {
  const z = normals(mulberry32(seed));
  const u = mulberry32(seed ^ 0x9e3779b9);
  const n = ts.length;
  const logReturn = new Float64Array(n);
  const regimeVol = new Float64Array(n);
  let stressed = false;
  for (let i = 0; i < n; i++) {
    if (stressed ? u() < 1 / 50 : u() < 1 / 300) stressed = !stressed;
    const mu = stressed ? -0.12 : 0.13;
    const sigma = stressed ? 0.28 : 0.12;
    regimeVol[i] = sigma;
    logReturn[i] = i === 0 ? 0 : (mu - sigma * sigma / 2) / 252 + (sigma / Math.sqrt(252)) * z();
  }
  return { ts, logReturn, regimeVol };
}

/** Parameters of one synthetic stock. */
export interface StockSpec {
  start: number;
  beta: number;
  /** Extra annual drift. */
  alpha: number;
  /** Annual idiosyncratic volatility. */
  idioVol: number;
  /** Typical daily volume. */
  volume: number;
  seed: number;
}

/** Builds OHLCV bars for a stock that follows `market`. */
export function stockBars(market: MarketPath, spec: StockSpec): BarSeries {
  const z = normals(mulberry32(spec.seed));
  const n = market.ts.length;
  const out = emptySeries(n);
  let close = spec.start;
  for (let i = 0; i < n; i++) {
    const r = i === 0 ? 0 : spec.beta * market.logReturn[i] + spec.alpha / 252 +
      (spec.idioVol / Math.sqrt(252)) * z();
    const prev = close;
    close = prev * Math.exp(r);
    const dayVol = (market.regimeVol[i] * spec.beta + spec.idioVol) / Math.sqrt(252);
    const open = prev * Math.exp(0.25 * dayVol * z());
    const high = Math.max(open, close) * Math.exp(Math.abs(z()) * dayVol * 0.45);
    const low = Math.min(open, close) * Math.exp(-Math.abs(z()) * dayVol * 0.45);
    out.ts[i] = market.ts[i];
    out.open[i] = round2(open);
    out.close[i] = round2(close);
    out.high[i] = Math.max(round2(high), out.open[i], out.close[i]);
    out.low[i] = Math.min(round2(low), out.open[i], out.close[i]);
    out.volume[i] = Math.round(
      spec.volume * Math.exp(0.3 * z()) * (1 + 2.5 * Math.abs(r) / Math.max(dayVol, 1e-6) / 3),
    );
  }
  return out;
}

/**
 * A volatility index (VIX-like, in vol points) from the market's regime vol and its 20-day
 * realised volatility, with mean-reverting noise.
 */
export function volatilityIndexBars(market: MarketPath, seed: number): BarSeries {
  const z = normals(mulberry32(seed));
  const n = market.ts.length;
  const out = emptySeries(n);
  let sumSq = 0;
  let noise = 0;
  let prev = 16;
  for (let i = 0; i < n; i++) {
    const r = market.logReturn[i];
    sumSq += r * r;
    if (i >= 20) sumSq -= market.logReturn[i - 20] ** 2;
    const realised = Math.sqrt(Math.max(sumSq, 0) / Math.min(i + 1, 20) * 252);
    noise = 0.9 * noise + 0.6 * z();
    const level = Math.max(9, 100 * (0.55 * realised + 0.45 * market.regimeVol[i]) * 1.15 + noise);
    const open = prev * Math.exp(0.02 * z());
    const close = level;
    out.ts[i] = market.ts[i];
    out.open[i] = round2(open);
    out.close[i] = round2(close);
    out.high[i] = round2(Math.max(open, close) * (1 + Math.abs(z()) * 0.03));
    out.low[i] = round2(Math.min(open, close) * (1 - Math.abs(z()) * 0.03));
    out.high[i] = Math.max(out.high[i], out.open[i], out.close[i]);
    out.low[i] = Math.min(out.low[i], out.open[i], out.close[i]);
    out.volume[i] = 0;
    prev = close;
  }
  return out;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
