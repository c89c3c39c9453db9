/**
 * Memoised indicator columns per bar series. A scan runs many screeners over the same symbol;
 * each column (SMA200, ATR14, RSI14, ...) is computed once per series and shared, keyed by
 * indicator and parameters. The cache is a `WeakMap` on the series object, so it lives exactly
 * as long as the bars do and screeners stay pure functions of their input.
 *
 * Series are treated as immutable: mutating a series' arrays after a screener ran on it leaves
 * stale columns in the cache.
 * @module
 */
import type { BarSeries } from "../domain/bar.ts";
import {
  atr,
  bbands,
  donchian,
  ema,
  highest,
  lowest,
  rsi,
  sma,
  trueRange,
} from "../indicators/mod.ts";

const CACHE = new WeakMap<BarSeries, Map<string, unknown>>();

/** `compute()` once per (`bars`, `key`); later calls return the stored value. */
export function memo<T>(bars: BarSeries, key: string, compute: () => T): T {
  let m = CACHE.get(bars);
  if (!m) {
    m = new Map();
    CACHE.set(bars, m);
  }
  if (m.has(key)) return m.get(key) as T;
  const v = compute();
  m.set(key, v);
  return v;
}

/** Simple moving average of the close (see `sma`). */
export function closeSma(bars: BarSeries, period: number): Float64Array {
  return memo(bars, `sma:${period}`, () => sma(bars.close, period));
}

/** Exponential moving average of the close, SMA-seeded (see `ema`). */
export function closeEma(bars: BarSeries, period: number): Float64Array {
  return memo(bars, `ema:${period}`, () => ema(bars.close, period));
}

/** Wilder RSI of the close (see `rsi`). */
export function closeRsi(bars: BarSeries, period: number): Float64Array {
  return memo(bars, `rsi:${period}`, () => rsi(bars.close, period));
}

/** Wilder average true range (see `atr`). */
export function atrOf(bars: BarSeries, period: number): Float64Array {
  return memo(bars, `atr:${period}`, () => atr(bars.high, bars.low, bars.close, period));
}

/** True range per bar (TR[0] = high − low). */
export function trueRangeOf(bars: BarSeries): Float64Array {
  return memo(bars, "tr", () => trueRange(bars.high, bars.low, bars.close));
}

/** Donchian channel over bars i−n+1..i (compare today's close with yesterday's channel). */
export function donchianOf(
  bars: BarSeries,
  period: number,
): { upper: Float64Array; middle: Float64Array; lower: Float64Array } {
  return memo(bars, `donchian:${period}`, () => donchian(bars.high, bars.low, period));
}

/** Rolling maximum of the close over `period` bars. */
export function highestClose(bars: BarSeries, period: number): Float64Array {
  return memo(bars, `hiclose:${period}`, () => highest(bars.close, period));
}

/** Rolling minimum of the close over `period` bars. */
export function lowestClose(bars: BarSeries, period: number): Float64Array {
  return memo(bars, `loclose:${period}`, () => lowest(bars.close, period));
}

/** Simple moving average of the volume. */
export function volumeSma(bars: BarSeries, period: number): Float64Array {
  return memo(bars, `vsma:${period}`, () => sma(bars.volume, period));
}

/** Bollinger bands of the close with population standard deviation (see `bbands`). */
export function bollingerOf(
  bars: BarSeries,
  period: number,
  k: number,
): { upper: Float64Array; middle: Float64Array; lower: Float64Array } {
  return memo(bars, `bb:${period}:${k}`, () => bbands(bars.close, period, k));
}

/** Value at `i`, or NaN when `i` is out of range. */
export function at(a: Float64Array, i: number): number {
  return i >= 0 && i < a.length ? a[i] : NaN;
}

/** Value on the last bar. */
export function last(a: Float64Array): number {
  return a.length > 0 ? a[a.length - 1] : NaN;
}

/** Value on the bar before the last. */
export function prev(a: Float64Array): number {
  return a.length > 1 ? a[a.length - 2] : NaN;
}

/** Mean of the last `period` volumes times the last close: average daily turnover, price units. */
export function avgTurnover(bars: BarSeries, period = 20): number {
  return last(volumeSma(bars, period)) * last(bars.close);
}

/** Returns true when every value is finite. */
export function allFinite(...xs: number[]): boolean {
  for (const x of xs) if (!Number.isFinite(x)) return false;
  return true;
}
