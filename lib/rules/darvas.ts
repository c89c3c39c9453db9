/**
 * Darvas boxes (Nicolas Darvas, "How I Made $2,000,000 in the Stock Market"), computed causally
 * so a backtest and a screener see the same box on the same bar.
 * @module
 */
import type { BarSeries } from "../domain/bar.ts";

/** Options of {@link darvasRule}. */
export interface DarvasOptions {
  /** Bars on each side a pivot must dominate (default 3). */
  pivot?: number;
  /** How far back (bars) a box top may be (default 60). */
  lookback?: number;
  /** Breakouts need `volume ≥ volumeMult × mean(previous volumePeriod volumes)`; 0 = off (default). */
  volumeMult?: number;
  /** Volume average period (default 20). */
  volumePeriod?: number;
}

/** Darvas box per bar and its breakout/breakdown events. */
export interface DarvasRule {
  /** Box top known at the bar's close (NaN: no box). */
  ceiling: Float64Array;
  /** Box bottom known at the bar's close (NaN: not yet confirmed). */
  floor: Float64Array;
  /** `close[i] > ceiling[i-1] ≥ close[i-1]` (and the volume rule when on). */
  breakout: Uint8Array;
  /** `close[i] < floor[i-1] ≤ close[i-1]`. */
  breakdown: Uint8Array;
  /** `ceiling + (ceiling − floor)`: the measured-move target of the box. */
  target: Float64Array;
  /** First bar with a box (the length when none ever forms). */
  warmup: number;
}

/**
 * Darvas boxes. A bar `j` is a pivot high when `high[j]` is ≥ the `pivot` highs before and after
 * it, which is known only at bar `j + pivot`. At bar `i` the ceiling is the most recent pivot high
 * known by `i` and at most `lookback` bars old; the floor is the first pivot low after it (known
 * by `i`) whose low is below the ceiling. Breakouts compare the close with the previous bar's box.
 *
 * @example
 * ```ts
 * const d = darvasRule(bars);
 * const i = bars.length - 1;
 * if (d.breakout[i]) console.log("box breakout, stop at", d.floor[i - 1]);
 * ```
 */
export function darvasRule(bars: BarSeries, options: DarvasOptions = {}): DarvasRule {
  const { pivot = 3, lookback = 60, volumeMult = 0, volumePeriod = 20 } = options;
  if (!Number.isInteger(pivot) || pivot < 1) {
    throw new RangeError(`darvasRule: pivot must be a positive integer, was ${pivot}`);
  }
  const n = bars.length;
  const { high, low, close, volume } = bars;
  const isHigh = new Uint8Array(n);
  const isLow = new Uint8Array(n);
  for (let j = pivot; j + pivot < n; j++) {
    let h = 1, l = 1;
    for (let d = 1; d <= pivot && (h || l); d++) {
      if (high[j] < high[j - d] || high[j] < high[j + d]) h = 0;
      if (low[j] > low[j - d] || low[j] > low[j + d]) l = 0;
    }
    isHigh[j] = h;
    isLow[j] = l;
  }
  const ceiling = new Float64Array(n).fill(NaN);
  const floor = new Float64Array(n).fill(NaN);
  const target = new Float64Array(n).fill(NaN);
  const breakout = new Uint8Array(n);
  const breakdown = new Uint8Array(n);
  let warmup = n;
  for (let i = 0; i < n; i++) {
    const newest = i - pivot; // newest pivot confirmed at bar i
    let top = -1;
    for (let j = newest; j >= 0 && j >= i - lookback; j--) {
      if (isHigh[j]) {
        top = j;
        break;
      }
    }
    if (top < 0) continue;
    const c = high[top];
    ceiling[i] = c;
    if (warmup === n) warmup = i;
    for (let j = top + 1; j <= newest; j++) {
      if (isLow[j] && low[j] < c) {
        floor[i] = low[j];
        target[i] = c + (c - low[j]);
        break;
      }
    }
  }
  for (let i = 1; i < n; i++) {
    const c = ceiling[i - 1];
    if (close[i] > c && close[i - 1] <= c) {
      let ok = true;
      if (volumeMult > 0) {
        if (i < volumePeriod) ok = false;
        else {
          let sum = 0;
          for (let j = i - volumePeriod; j < i; j++) sum += volume[j];
          ok = volume[i] >= (volumeMult * sum) / volumePeriod;
        }
      }
      if (ok) breakout[i] = 1;
    }
    const f = floor[i - 1];
    if (close[i] < f && close[i - 1] >= f) breakdown[i] = 1;
  }
  return { ceiling, floor, breakout, breakdown, target, warmup };
}
