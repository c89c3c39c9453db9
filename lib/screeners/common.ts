/**
 * Measurements several screeners report alongside their signal: the trend breakout date,
 * volatility contraction (VCP) and moving-average alignment.
 * @module
 */
import type { BarSeries } from "../domain/bar.ts";
import { donchian } from "../indicators/mod.ts";
import { closeEma, memo } from "./series.ts";

/**
 * The date of the current trend's breakout (the original's `_calculate_trend_breakout_date`):
 * within the last `window` bars, find the last bar whose close ≤ the previous `exitPeriod`-bar
 * low, then the first later bar whose close ≥ the previous `entryPeriod`-bar high. Returns its
 * timestamp (unix ms), or null when there are fewer than `entryPeriod` bars, when the last close
 * is itself at or below the exit low, or when no breakout followed.
 */
export function trendBreakoutTs(
  bars: BarSeries,
  options: { entryPeriod?: number; exitPeriod?: number; window?: number } = {},
): number | null {
  const { entryPeriod = 50, exitPeriod = 20, window = 400 } = options;
  const n = bars.length;
  if (n < entryPeriod) return null;
  return memo(bars, `breakout_ts:${entryPeriod}:${exitPeriod}:${window}`, () => {
    // Only the last `window` bars are searched: run the channels on a tail long enough for
    // their values there to equal the full columns' (offset `from`).
    const from = Math.max(0, n - window - Math.max(entryPeriod, exitPeriod) - 1);
    const high = bars.high.subarray(from);
    const low = bars.low.subarray(from);
    const hi = donchian(high, low, entryPeriod).upper;
    const lo = donchian(high, low, exitPeriod).lower;
    const c = bars.close;
    if (c[n - 1] <= lo[n - 2 - from]) return null;
    const start = Math.max(1, n - window);
    let lastExit = -1;
    for (let i = n - 1; i >= start; i--) {
      if (c[i] <= lo[i - 1 - from]) {
        lastExit = i;
        break;
      }
    }
    for (let i = lastExit < 0 ? start : lastExit + 1; i < n; i++) {
      if (c[i] >= hi[i - 1 - from]) return bars.ts[i];
    }
    return null;
  });
}

/**
 * Volatility contraction: the sample standard deviation of the close over the last 10 bars is
 * below that of the 10 before, which is below that of the 10 before those. False with < 30 bars.
 */
export function isVcp(bars: BarSeries, block = 10): boolean {
  const n = bars.length;
  if (n < 3 * block) return false;
  const s0 = sampleStd(bars.close, n - block, n);
  const s1 = sampleStd(bars.close, n - 2 * block, n - block);
  const s2 = sampleStd(bars.close, n - 3 * block, n - 2 * block);
  return s0 < s1 && s1 < s2;
}

/** Sample standard deviation (n − 1 denominator) of `a[from..to)`. */
export function sampleStd(a: Float64Array, from: number, to: number): number {
  const m = to - from;
  if (m < 2) return NaN;
  let mean = 0;
  for (let i = from; i < to; i++) mean += a[i];
  mean /= m;
  let ss = 0;
  for (let i = from; i < to; i++) ss += (a[i] - mean) ** 2;
  return Math.sqrt(ss / (m - 1));
}

/** Close > EMA50 > EMA150 > EMA200 on the last bar (Minervini-style alignment). */
export function emaAligned(bars: BarSeries): boolean {
  const n = bars.length;
  if (n === 0) return false;
  const c = bars.close[n - 1];
  const e50 = closeEma(bars, 50)[n - 1];
  const e150 = closeEma(bars, 150)[n - 1];
  const e200 = closeEma(bars, 200)[n - 1];
  return c > e50 && e50 > e150 && e150 > e200;
}
