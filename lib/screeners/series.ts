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

// ---------------------------------------------------------------------------------- tails
// Windowed indicators (SMA, rolling max/min, Bollinger) at the last few bars only: the library
// function runs on the last `period + count − 1` values, which gives exactly the values a full
// column has there, in O(period) instead of O(bars). Recursive indicators (EMA, RSI, ATR)
// depend on all history and always use the full columns above.

function tailFrom(n: number, period: number, count: number): number {
  return Math.max(0, n - (period + count - 1));
}

function lastN(a: Float64Array, count: number): Float64Array {
  return a.subarray(Math.max(0, a.length - count));
}

/** SMA of the close on the last `count` bars (default 2: use `last` and `prev`). */
export function closeSmaTail(bars: BarSeries, period: number, count = 2): Float64Array {
  return memo(bars, `sma_t:${period}:${count}`, () => {
    const from = tailFrom(bars.length, period, count);
    return lastN(sma(bars.close.subarray(from), period), count);
  });
}

/** SMA of the volume on the last `count` bars. */
export function volumeSmaTail(bars: BarSeries, period: number, count = 1): Float64Array {
  return memo(bars, `vsma_t:${period}:${count}`, () => {
    const from = tailFrom(bars.length, period, count);
    return lastN(sma(bars.volume.subarray(from), period), count);
  });
}

/** Donchian channel on the last `count` bars (default 2: `prev` is yesterday's channel). */
export function donchianTail(
  bars: BarSeries,
  period: number,
  count = 2,
): { upper: Float64Array; lower: Float64Array } {
  return memo(bars, `donchian_t:${period}:${count}`, () => {
    const from = tailFrom(bars.length, period, count);
    const d = donchian(bars.high.subarray(from), bars.low.subarray(from), period);
    return { upper: lastN(d.upper, count), lower: lastN(d.lower, count) };
  });
}

/** Bollinger bands on the last `count` bars. */
export function bollingerTail(
  bars: BarSeries,
  period: number,
  k: number,
  count = 1,
): { upper: Float64Array; middle: Float64Array; lower: Float64Array } {
  return memo(bars, `bb_t:${period}:${k}:${count}`, () => {
    const from = tailFrom(bars.length, period, count);
    const b = bbands(bars.close.subarray(from), period, k);
    return {
      upper: lastN(b.upper, count),
      middle: lastN(b.middle, count),
      lower: lastN(b.lower, count),
    };
  });
}

/** Rolling max / min of the close on the last bar. */
export function closeRangeTail(bars: BarSeries, period: number): { max: number; min: number } {
  return memo(bars, `crange_t:${period}`, () => {
    const from = tailFrom(bars.length, period, 1);
    const c = bars.close.subarray(from);
    return { max: last(highest(c, period)), min: last(lowest(c, period)) };
  });
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
  return last(volumeSmaTail(bars, period)) * last(bars.close);
}

/** Returns true when every value is finite. */
export function allFinite(...xs: number[]): boolean {
  for (const x of xs) if (!Number.isFinite(x)) return false;
  return true;
}
