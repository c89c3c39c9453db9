/**
 * Hand-made bar series for the screener tests: closes (or OHLCV rows) in, a daily
 * {@link BarSeries} out, stamped one UTC day apart from 2020-01-01.
 * @module
 */
import { type BarSeries, emptySeries } from "../domain/bar.ts";
import { mulberry32 } from "../data/synthetic.ts";

/** Deterministic PRNG (mulberry32, from lib/data/synthetic.ts) so failing cases replay. */
export { mulberry32 };

/** 2020-01-01T00:00Z, unix ms: the first bar of every test series. */
export const T0 = Date.UTC(2020, 0, 1);
/** One day, ms. */
export const DAY = 86_400_000;

/** Options for {@link barsFromCloses}. */
export interface FromClosesOptions {
  /** Added above max(open, close) for the high and below min(open, close) for the low (default 1). */
  spread?: number;
  /** One volume for every bar, or one per bar (default 1e6). */
  volume?: number | readonly number[];
  /** Timestamp of bar 0 (default {@link T0}); bars are one day apart. */
  startTs?: number;
}

/**
 * Bars whose close is `closes[i]`, open is the previous close (the first bar opens at its close),
 * and high/low are `spread` beyond the body.
 */
export function barsFromCloses(
  closes: readonly number[],
  options: FromClosesOptions = {},
): BarSeries {
  const { spread = 1, volume = 1e6, startTs = T0 } = options;
  const rows: [number, number, number, number, number][] = closes.map((c, i) => {
    const o = i === 0 ? c : closes[i - 1];
    const v = typeof volume === "number" ? volume : volume[i];
    return [o, Math.max(o, c) + spread, Math.min(o, c) - spread, c, v];
  });
  return barsFromRows(rows, startTs);
}

/** Bars from `[open, high, low, close, volume]` rows, one day apart. */
export function barsFromRows(
  rows: readonly (readonly [number, number, number, number, number])[],
  startTs = T0,
): BarSeries {
  const n = rows.length;
  const s = emptySeries(n);
  rows.forEach(([o, h, l, c, v], i) => {
    s.ts[i] = startTs + i * DAY;
    s.open[i] = o;
    s.high[i] = h;
    s.low[i] = l;
    s.close[i] = c;
    s.volume[i] = v;
  });
  return s;
}

/** `n` values from `from` to `to` in equal steps (both ends included). */
export function linspace(from: number, to: number, n: number): number[] {
  if (n === 1) return [from];
  return Array.from({ length: n }, (_, i) => from + ((to - from) * i) / (n - 1));
}

/** `n` copies of `x`. */
export function repeat(x: number, n: number): number[] {
  return Array.from({ length: n }, () => x);
}

/** A geometric random walk of `n` closes from `start` with daily volatility `sigma`. */
export function randomWalk(
  n: number,
  seed: number,
  start = 100,
  sigma = 0.015,
  drift = 0,
): number[] {
  const rand = mulberry32(seed);
  const out: number[] = [];
  let x = start;
  for (let i = 0; i < n; i++) {
    // Box-Muller
    const u = Math.max(rand(), 1e-12);
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
    x *= Math.exp(drift + sigma * z);
    out.push(x);
  }
  return out;
}
