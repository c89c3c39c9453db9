/**
 * The Turtle trading rules (Richard Dennis / William Eckhardt, as published by Curtis Faith):
 * Donchian breakout entries and exits, N = ATR, stops at 2N. Shared by the `turtle` strategy
 * and the Turtle screener.
 * @module
 */
import type { BarSeries } from "../domain/bar.ts";
import { atr } from "../indicators/mod.ts";
import { type BreakoutRule, donchianBreakout } from "./donchian.ts";

/** Turtle rule outputs: the breakout events plus N and the stop/target levels per bar. */
export interface TurtleRule extends BreakoutRule {
  /** N: Wilder ATR over `atrPeriod` bars. */
  n: Float64Array;
  /** `close − stopAtr·N` and `close + stopAtr·N`: stops for an entry at this close. */
  longStop: Float64Array;
  shortStop: Float64Array;
  /** `close ± targetAtr·N`: targets a screener reports (the Turtles themselves used none). */
  longTarget: Float64Array;
  shortTarget: Float64Array;
}

/** Options of {@link turtleRule}. System 1 is 20/10, System 2 is 55/20. */
export interface TurtleOptions {
  /** Entry channel (default 20; System 2: 55). */
  entryPeriod?: number;
  /** Exit channel (default 10; System 2: 20). */
  exitPeriod?: number;
  /** N's ATR period (default 20). */
  atrPeriod?: number;
  /** Stop distance in N (default 2). */
  stopAtr?: number;
  /** Target distance in N (default 4). */
  targetAtr?: number;
}

/**
 * Turtle breakout rules over `bars`. Warm-up: `max(entryPeriod, exitPeriod, atrPeriod)`
 * (ATR's first value is at index `atrPeriod`).
 *
 * @example
 * ```ts
 * const t = turtleRule(bars); // System 1
 * const i = bars.length - 1;
 * if (t.longEntry[i]) console.log("breakout, stop", t.longStop[i]);
 * ```
 */
export function turtleRule(bars: BarSeries, options: TurtleOptions = {}): TurtleRule {
  const { entryPeriod = 20, exitPeriod = 10, atrPeriod = 20, stopAtr = 2, targetAtr = 4 } = options;
  const rule = donchianBreakout(bars, { entryPeriod, exitPeriod });
  const n = atr(bars.high, bars.low, bars.close, atrPeriod);
  const len = bars.length;
  const longStop = new Float64Array(len);
  const shortStop = new Float64Array(len);
  const longTarget = new Float64Array(len);
  const shortTarget = new Float64Array(len);
  for (let i = 0; i < len; i++) {
    const c = bars.close[i];
    longStop[i] = c - stopAtr * n[i];
    shortStop[i] = c + stopAtr * n[i];
    longTarget[i] = c + targetAtr * n[i];
    shortTarget[i] = c - targetAtr * n[i];
  }
  return {
    ...rule,
    n,
    longStop,
    shortStop,
    longTarget,
    shortTarget,
    warmup: Math.min(len, Math.max(rule.warmup, atrPeriod)),
  };
}
