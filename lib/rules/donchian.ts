/**
 * Donchian channel breakout rules (the core of the Turtle systems), shared by the backtest
 * strategies and the screeners.
 * @module
 */
import type { BarSeries } from "../domain/bar.ts";
import { donchian } from "../indicators/mod.ts";

/** Per-bar breakout events and the channels they compare against. */
export interface BreakoutRule {
  /** `close[i] > entryUpper[i-1]`: a new `entryPeriod`-bar high close. */
  longEntry: Uint8Array;
  /** `close[i] < entryLower[i-1]`. */
  shortEntry: Uint8Array;
  /** `close[i] < exitLower[i-1]`: exit a long on an `exitPeriod`-bar low. */
  longExit: Uint8Array;
  /** `close[i] > exitUpper[i-1]`. */
  shortExit: Uint8Array;
  /** Channels over bars `i-n+1..i` (the current bar included), as `donchian`. */
  entryUpper: Float64Array;
  entryLower: Float64Array;
  exitUpper: Float64Array;
  exitLower: Float64Array;
  /** First bar on which every rule is defined: `max(entryPeriod, exitPeriod)`. */
  warmup: number;
}

/**
 * Donchian breakout: enter when the close breaks the previous `entryPeriod` bars' high (low),
 * exit when it breaks the previous `exitPeriod` bars' low (high). The channel of the previous
 * bars is used, so the current bar never compares with itself.
 *
 * @example
 * ```ts
 * const rule = donchianBreakout(bars, { entryPeriod: 20, exitPeriod: 10 });
 * rule.longEntry[bars.length - 1] === 1; // a 20-day breakout today
 * ```
 */
export function donchianBreakout(
  bars: BarSeries,
  options: { entryPeriod?: number; exitPeriod?: number } = {},
): BreakoutRule {
  const { entryPeriod = 20, exitPeriod = 10 } = options;
  const entry = donchian(bars.high, bars.low, entryPeriod);
  const exit = donchian(bars.high, bars.low, exitPeriod);
  const n = bars.length;
  const close = bars.close;
  const longEntry = new Uint8Array(n);
  const shortEntry = new Uint8Array(n);
  const longExit = new Uint8Array(n);
  const shortExit = new Uint8Array(n);
  for (let i = 1; i < n; i++) {
    const c = close[i];
    if (c > entry.upper[i - 1]) longEntry[i] = 1;
    if (c < entry.lower[i - 1]) shortEntry[i] = 1;
    if (c < exit.lower[i - 1]) longExit[i] = 1;
    if (c > exit.upper[i - 1]) shortExit[i] = 1;
  }
  return {
    longEntry,
    shortEntry,
    longExit,
    shortExit,
    entryUpper: entry.upper,
    entryLower: entry.lower,
    exitUpper: exit.upper,
    exitLower: exit.lower,
    warmup: Math.min(n, Math.max(entryPeriod, exitPeriod)),
  };
}
