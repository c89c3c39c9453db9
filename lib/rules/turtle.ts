/**
 * The Turtle trading rules (Richard Dennis / William Eckhardt, as published by Curtis Faith):
 * Donchian breakout entries and exits, N = ATR, stops at 2N, and (optionally) System 1's
 * "skip the breakout after a winning breakout" filter with its 55-day failsafe. Shared by the
 * `turtle` strategy and the Turtle screener.
 * @module
 */
import type { BarSeries } from "../domain/bar.ts";
import { atr, donchian } from "../indicators/mod.ts";
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
  /**
   * Present only with `skipAfterWin`: the System 1 filter. `longEntry`/`shortEntry` are then
   * the filtered entries (see {@link TurtleFilter}); the raw breakouts are in the filter.
   */
  filter?: TurtleFilter;
}

/** One hypothetical System 1 breakout trade, as the skip-after-win filter judges it. */
export interface HypotheticalTrade {
  side: 1 | -1;
  /** Bar of the breakout; the trade is entered at its close. */
  entryBar: number;
  entryPrice: number;
  /** `entryPrice ∓ stopAtr·N[entryBar]` (NaN when `stopAtr` is 0: no stop). */
  stop: number;
  /** Bar it was resolved on, −1 while still open at the last bar. */
  exitBar: number;
  /** Stop price (the open when the bar gaps through it) or the exit bar's close; NaN while open. */
  exitPrice: number;
  /** "stop": 2N against; "exit": the exit channel; "reverse": an opposite breakout; "" open. */
  exitReason: "stop" | "exit" | "reverse" | "";
  /** Closed with `exitPrice` beyond `entryPrice` in the trade's favour (break-even is no win). */
  won: boolean;
  /** The breakout was skipped because the breakout before it won. */
  skipped: boolean;
}

/** The System 1 filter's per-bar state and its hypothetical trades. */
export interface TurtleFilter {
  /** The unfiltered breakouts (`close` beyond the previous `entryPeriod`-bar channel). */
  rawLongEntry: Uint8Array;
  rawShortEntry: Uint8Array;
  /** +1 / −1 on a new breakout (hypothetically flat) that was skipped, 0 otherwise. */
  skipped: Int8Array;
  /** +1 / −1 where a skipped breakout's trade is entered at the failsafe channel breakout. */
  failsafe: Int8Array;
  /** The previous `failsafePeriod` bars' channel the failsafe compares the close with. */
  failsafeUpper: Float64Array;
  failsafeLower: Float64Array;
  /** Index in `trades` of the last resolved breakout the decision at each bar rests on, or −1. */
  basis: Int32Array;
  /** Index in `trades` of the hypothetical trade open after each bar's close, or −1. */
  open: Int32Array;
  /** Every hypothetical breakout trade, in order (taken and skipped). */
  trades: HypotheticalTrade[];
}

/** Options of {@link turtleRule}. System 1 is 20/10, System 2 is 55/20. */
export interface TurtleOptions {
  /** Entry channel (default 20; System 2: 55). */
  entryPeriod?: number;
  /** Exit channel (default 10; System 2: 20). */
  exitPeriod?: number;
  /** N's ATR period (default 20). */
  atrPeriod?: number;
  /** Stop distance in N (default 2); also the hypothetical trades' stop (0: none). */
  stopAtr?: number;
  /** Target distance in N (default 4). */
  targetAtr?: number;
  /** System 1 filter: skip a breakout when the last breakout would have won (default false). */
  skipAfterWin?: boolean;
  /** Failsafe channel for skipped breakouts (default 55, System 2's entry). */
  failsafePeriod?: number;
}

/**
 * Turtle breakout rules over `bars`. Warm-up: `max(entryPeriod, exitPeriod, atrPeriod)`
 * (ATR's first value is at index `atrPeriod`).
 *
 * With `skipAfterWin` (the original System 1 filter, Faith, "The Original Turtle Trading
 * Rules"): every breakout from the warm-up on opens a hypothetical trade at its close with a
 * `stopAtr`·N stop (N of the breakout bar), whether it is taken or skipped. From the next bar
 * the trade is resolved, in this order, by the stop (the bar's low ≤ stop for a long; fills at
 * the stop, or the open when it gaps through; a loss), the exit channel (`longExit`, at the
 * close) or an opposite breakout (at the close); it wins when it exits beyond its entry. A
 * breakout while the hypothetical trade of the same side is still open is a continuation, not
 * a new breakout, and enters nothing. A new breakout is skipped when the last resolved trade
 * (either side) won; otherwise it enters. Failsafe: while a skipped breakout's trade is open,
 * the first close beyond the previous `failsafePeriod`-bar channel in its direction enters
 * (on the breakout bar itself when it is also a 55-day breakout). Everything is computed
 * forward from bar 0, so no bar sees a later one. `longEntry`/`shortEntry` are then these
 * filtered entries; exits and stops are unchanged.
 *
 * @example
 * ```ts
 * const t = turtleRule(bars); // System 1
 * const i = bars.length - 1;
 * if (t.longEntry[i]) console.log("breakout, stop", t.longStop[i]);
 * const f = turtleRule(bars, { skipAfterWin: true }).filter!;
 * if (f.skipped[i]) console.log("skipped: the last breakout won", f.trades[f.basis[i]]);
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
  const warmup = Math.min(len, Math.max(rule.warmup, atrPeriod));
  const out: TurtleRule = { ...rule, n, longStop, shortStop, longTarget, shortTarget, warmup };
  if (!options.skipAfterWin) return out;
  const failsafePeriod = options.failsafePeriod ?? 55;
  if (!Number.isInteger(failsafePeriod) || failsafePeriod < 1) {
    throw new RangeError(
      `turtleRule: expected failsafePeriod a positive integer, was ${failsafePeriod}`,
    );
  }
  const filter = system1Filter(bars, rule, n, warmup, stopAtr, failsafePeriod);
  const longEntry = new Uint8Array(len);
  const shortEntry = new Uint8Array(len);
  for (const t of filter.trades) {
    if (t.skipped) continue;
    (t.side === 1 ? longEntry : shortEntry)[t.entryBar] = 1;
  }
  for (let i = 0; i < len; i++) {
    if (filter.failsafe[i] === 1) longEntry[i] = 1;
    if (filter.failsafe[i] === -1) shortEntry[i] = 1;
  }
  return { ...out, longEntry, shortEntry, filter };
}

function system1Filter(
  bars: BarSeries,
  rule: BreakoutRule,
  n: Float64Array,
  warmup: number,
  stopAtr: number,
  failsafePeriod: number,
): TurtleFilter {
  const len = bars.length;
  const { open: o, high, low, close } = bars;
  const fs = donchian(high, low, failsafePeriod);
  const skipped = new Int8Array(len);
  const failsafe = new Int8Array(len);
  const basis = new Int32Array(len).fill(-1);
  const openAt = new Int32Array(len).fill(-1);
  const trades: HypotheticalTrade[] = [];
  let cur: HypotheticalTrade | null = null;
  let last = -1; // index of the last resolved trade
  let failsafeDone = false;
  for (let i = 0; i < len; i++) {
    const up = rule.longEntry[i] === 1;
    const down = rule.shortEntry[i] === 1;
    if (cur && i > cur.entryBar) {
      const long = cur.side === 1;
      let price = NaN;
      let reason: HypotheticalTrade["exitReason"] = "";
      if (long && low[i] <= cur.stop) {
        price = Math.min(o[i], cur.stop);
        reason = "stop";
      } else if (!long && high[i] >= cur.stop) {
        price = Math.max(o[i], cur.stop);
        reason = "stop";
      } else if (long ? rule.longExit[i] === 1 : rule.shortExit[i] === 1) {
        price = close[i];
        reason = "exit";
      } else if (long ? down : up) {
        price = close[i];
        reason = "reverse";
      }
      if (reason !== "") {
        cur.exitBar = i;
        cur.exitPrice = price;
        cur.exitReason = reason;
        cur.won = long ? price > cur.entryPrice : price < cur.entryPrice;
        last = trades.length - 1;
        cur = null;
      }
    }
    basis[i] = last;
    const side = up ? 1 : down ? -1 : 0;
    if (side !== 0 && cur === null && i >= warmup && Number.isFinite(n[i])) {
      const skip = last >= 0 && trades[last].won;
      cur = {
        side,
        entryBar: i,
        entryPrice: close[i],
        stop: stopAtr > 0 ? close[i] - side * stopAtr * n[i] : NaN,
        exitBar: -1,
        exitPrice: NaN,
        exitReason: "",
        won: false,
        skipped: skip,
      };
      trades.push(cur);
      failsafeDone = false;
      if (skip) skipped[i] = side;
    }
    if (cur && cur.skipped && !failsafeDone && i > 0) {
      const hit = cur.side === 1 ? close[i] > fs.upper[i - 1] : close[i] < fs.lower[i - 1];
      if (hit) {
        failsafe[i] = cur.side;
        failsafeDone = true;
      }
    }
    openAt[i] = cur ? trades.length - 1 : -1;
  }
  return {
    rawLongEntry: rule.longEntry,
    rawShortEntry: rule.shortEntry,
    skipped,
    failsafe,
    failsafeUpper: fs.upper,
    failsafeLower: fs.lower,
    basis,
    open: openAt,
    trades,
  };
}
