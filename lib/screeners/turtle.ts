/**
 * Turtle breakout screener (ORIGINAL.md 5.4): Donchian 20-day breakouts (55-day as system 2),
 * N = ATR20, a 2N stop and a 10-day exit channel. The rules are lib/rules/turtle.ts, the same
 * module the `turtle` backtest strategy uses.
 * @module
 */
import * as z from "zod";
import { makeRow, needBars, undefinedIndicator } from "./row.ts";
import { turtleRule } from "../rules/mod.ts";
import type { HypotheticalTrade, TurtleRule } from "../rules/turtle.ts";
import { allFinite, donchianTail, last, memo, prev } from "./series.ts";
import type { ScreenerDefinition, ScreenerInput, ScreenerRow } from "./types.ts";

const NAME = "turtle";

/** Parameters; defaults are the original's (system 1: 20-day entry, 10-day exit). */
export const TurtleParams = z.object({
  entryPeriod: z.int().min(2).default(20),
  exitPeriod: z.int().min(2).default(10),
  /** System 2 breakout channel, reported alongside. */
  longEntryPeriod: z.int().min(2).default(55),
  /** N = ATR over this many bars. */
  atrPeriod: z.int().min(2).default(20),
  stopN: z.number().positive().default(2),
  targetN: z.number().positive().default(4),
  /** "Near high" when the close is within this fraction below the entry channel. */
  nearPct: z.number().min(0).max(1).default(0.02),
  /**
   * System 1 filter (off by default, as in the original screener): a breakout is skipped when
   * the last breakout, judged as a hypothetical trade (entry at its close, `stopN`·N stop,
   * `exitPeriod` exit), won; a skipped breakout enters at the `longEntryPeriod` breakout.
   */
  skipAfterWin: z.boolean().default(false),
});
export type TurtleParams = z.infer<typeof TurtleParams>;

/**
 * With H/L = the previous `entryPeriod`-bar high/low and N = ATR20: close > H → buy
 * "BREAKOUT (BUY)", stop C − 2N, target C + 4N; close < L → sell "BREAKDOWN (SELL)", stop
 * C + 2N, target C − 4N; −2 % ≤ (C − H)/H ≤ 0 → watch "WATCH (Near High)" with entry H, stop
 * H − 2N, target H + 4N; else wait. Score: 100 breakout/breakdown, 50 watch, 0 wait.
 * `trailingExit` is the previous 10-bar low (the system-1 exit for a long).
 *
 * With `skipAfterWin` (the System 1 filter of lib/rules/turtle.ts): a breakout on the last bar
 * that the filter skips (the last breakout would have won) is a watch "BREAKOUT SKIPPED (Last
 * Breakout Won)", score 40, entry at the 55-day failsafe level, and its reason names the
 * winning breakout; a breakout that continues a skipped one is the same watch; the failsafe's
 * 55-day breakout buys (sells) "BREAKOUT (BUY, 55-Day Failsafe)"; a breakout that continues a
 * breakout already taken holds "IN BREAKOUT TRADE", score 0. `values.skipped`,
 * `values.lastBreakoutWon` and `values.lastBreakoutPnl` (per unit, price units) report the
 * filter's state.
 */
export function turtleRow(input: ScreenerInput, p: TurtleParams): ScreenerRow {
  const { bars } = input;
  const short = needBars(NAME, bars, Math.max(p.entryPeriod, p.atrPeriod) + 1);
  if (short) return short;
  const rule = memo(
    bars,
    `turtle_rule:${p.entryPeriod}:${p.exitPeriod}:${p.atrPeriod}:${p.stopN}:${p.targetN}` +
      (p.skipAfterWin ? `:s1:${p.longEntryPeriod}` : ""),
    () =>
      turtleRule(bars, {
        entryPeriod: p.entryPeriod,
        exitPeriod: p.exitPeriod,
        atrPeriod: p.atrPeriod,
        stopAtr: p.stopN,
        targetAtr: p.targetN,
        skipAfterWin: p.skipAfterWin,
        failsafePeriod: p.longEntryPeriod,
      }),
  );
  const c = last(bars.close);
  const hi = prev(rule.entryUpper);
  const lo = prev(rule.entryLower);
  const exitLow = prev(rule.exitLower);
  const exitHigh = prev(rule.exitUpper);
  const n = last(rule.n);
  if (!allFinite(c, hi, lo, n)) return undefinedIndicator(NAME, bars, "Donchian channel or ATR");
  const hi55 = bars.length > p.longEntryPeriod
    ? prev(donchianTail(bars, p.longEntryPeriod).upper)
    : NaN;
  const values = {
    high20: hi,
    low20: lo,
    n,
    trailingExit: exitLow,
    trailingExitShort: exitHigh,
    breakoutLevel: hi,
    high55: hi55,
    breakout55: Number.isFinite(hi55) ? c > hi55 : null,
    riskReward: null as number | null,
    skipped: null as boolean | null,
    lastBreakoutWon: null as boolean | null,
    lastBreakoutPnl: null as number | null,
  };
  const f = rule.filter;
  if (f) {
    const basis = f.basis[bars.length - 1];
    const lb = basis >= 0 ? f.trades[basis] : undefined;
    values.skipped = f.skipped[bars.length - 1] !== 0;
    values.lastBreakoutWon = lb ? lb.won : null;
    values.lastBreakoutPnl = lb ? lb.side * (lb.exitPrice - lb.entryPrice) : null;
    const filtered = filteredRow(input, p, rule, values, c, hi, lo, hi55, n);
    if (filtered) return filtered;
  }
  if (last8(rule.longEntry) === 1) {
    const stop = last(rule.longStop);
    const target = last(rule.longTarget);
    values.riskReward = (target - c) / (c - stop);
    return makeRow(NAME, bars, {
      signal: "buy",
      label: "BREAKOUT (BUY)",
      direction: "long",
      score: 100,
      stop,
      target,
      values,
      reason: `close ${c.toFixed(2)} above the ${p.entryPeriod}-day high ${hi.toFixed(2)}`,
    });
  }
  if (last8(rule.shortEntry) === 1) {
    const stop = last(rule.shortStop);
    const target = last(rule.shortTarget);
    values.riskReward = (c - target) / (stop - c);
    return makeRow(NAME, bars, {
      signal: "sell",
      label: "BREAKDOWN (SELL)",
      direction: "short",
      score: 100,
      stop,
      target,
      values,
      reason: `close ${c.toFixed(2)} below the ${p.entryPeriod}-day low ${lo.toFixed(2)}`,
    });
  }
  const gap = (c - hi) / hi;
  if (gap >= -p.nearPct && gap <= 0) {
    const stop = hi - p.stopN * n;
    const target = hi + p.targetN * n;
    values.riskReward = (target - hi) / (hi - stop);
    return makeRow(NAME, bars, {
      signal: "watch",
      label: "WATCH (Near High)",
      direction: "long",
      score: 50,
      entry: hi,
      stop,
      target,
      values,
      reason: `close ${(100 * -gap).toFixed(2)} % below the ${p.entryPeriod}-day high ${
        hi.toFixed(2)
      }`,
    });
  }
  return makeRow(NAME, bars, {
    signal: "wait",
    label: "WAIT",
    score: 0,
    values,
    reason: `close ${c.toFixed(2)} inside the ${p.entryPeriod}-day channel ${lo.toFixed(2)}-${
      hi.toFixed(2)
    }`,
  });
}

/**
 * The System 1 filter's row for a last bar that is a raw breakout the filter does not enter
 * plainly (skipped, continuing an open hypothetical trade, or a failsafe entry); null otherwise.
 */
function filteredRow(
  input: ScreenerInput,
  p: TurtleParams,
  rule: TurtleRule,
  values: Record<string, number | boolean | null>,
  c: number,
  hi: number,
  lo: number,
  hi55: number,
  n: number,
): ScreenerRow | null {
  const { bars } = input;
  const f = rule.filter!;
  const i = bars.length - 1;
  const fs = f.failsafe[i];
  const lo55 = i > 0 ? f.failsafeLower[i - 1] : NaN;
  if (fs !== 0) {
    const long = fs === 1;
    const stop = long ? last(rule.longStop) : last(rule.shortStop);
    const target = long ? last(rule.longTarget) : last(rule.shortTarget);
    values.riskReward = long ? (target - c) / (c - stop) : (c - target) / (stop - c);
    return makeRow(NAME, bars, {
      signal: long ? "buy" : "sell",
      label: long ? "BREAKOUT (BUY, 55-Day Failsafe)" : "BREAKDOWN (SELL, 55-Day Failsafe)",
      direction: long ? "long" : "short",
      score: 100,
      stop,
      target,
      values,
      reason:
        `close ${c.toFixed(2)} ${long ? "above" : "below"} the ${p.longEntryPeriod}-day ${
          long ? "high" : "low"
        } ${(long ? hi55 : lo55).toFixed(2)}: the failsafe for the ${p.entryPeriod}-day breakout ` +
        `skipped on ${day(bars.ts[f.trades[f.open[i]].entryBar])}`,
    });
  }
  const raw = f.rawLongEntry[i] === 1 ? 1 : f.rawShortEntry[i] === 1 ? -1 : 0;
  if (raw === 0 || (raw === 1 ? rule.longEntry[i] : rule.shortEntry[i]) === 1) return null;
  const long = raw === 1;
  const what = `close ${c.toFixed(2)} ${long ? "above" : "below"} the ${p.entryPeriod}-day ${
    long ? "high" : "low"
  } ${(long ? hi : lo).toFixed(2)}`;
  const cur = f.open[i] >= 0 ? f.trades[f.open[i]] : undefined;
  if (!cur) return null; // a breakout before the warm-up: the plain rows apply
  if (f.skipped[i] !== 0 || cur.skipped) {
    const first = f.skipped[i] !== 0;
    const won = first ? f.trades[f.basis[i]] : undefined;
    const level = long ? hi55 : lo55;
    const stop = Number.isFinite(level) ? level - raw * p.stopN * n : NaN;
    return makeRow(NAME, bars, {
      signal: "watch",
      label: "BREAKOUT SKIPPED (Last Breakout Won)",
      direction: long ? "long" : "short",
      score: 40,
      entry: level,
      stop,
      target: Number.isFinite(level) ? level + raw * p.targetN * n : NaN,
      values,
      reason: `${what}, skipped: ` +
        (won
          ? `the last breakout (${describe(bars.ts, won)}) would have won`
          : `it continues the breakout of ${day(bars.ts[cur.entryBar])}, skipped because the ` +
            `one before it would have won`) +
        (Number.isFinite(level)
          ? `; the failsafe enters beyond the ${p.longEntryPeriod}-day ${long ? "high" : "low"} ${
            level.toFixed(2)
          }`
          : ""),
    });
  }
  return makeRow(NAME, bars, {
    signal: "hold",
    label: "IN BREAKOUT TRADE",
    direction: long ? "long" : "short",
    score: 0,
    stop: cur.stop,
    values,
    reason: `${what}, but the breakout of ${day(bars.ts[cur.entryBar])} at ${
      cur.entryPrice.toFixed(2)
    } is still open (not a new breakout)`,
  });
}

function day(ts: number): string {
  return new Date(ts).toISOString().slice(0, 10);
}

function describe(ts: ArrayLike<number>, t: HypotheticalTrade): string {
  return `${t.side === 1 ? "long" : "short"} on ${day(ts[t.entryBar])} at ${
    t.entryPrice.toFixed(2)
  }, ${t.exitReason === "stop" ? "stopped" : "exited"} on ${day(ts[t.exitBar])} at ${
    t.exitPrice.toFixed(2)
  }`;
}

function last8(a: Uint8Array): number {
  return a.length > 0 ? a[a.length - 1] : 0;
}

/** Turtle breakout screener (rules from lib/rules/turtle.ts, shared with the backtester). */
export const turtle: ScreenerDefinition<typeof TurtleParams> = {
  name: NAME,
  title: "Turtle breakout",
  description:
    "Donchian breakout: close above the previous 20-day high buys, below the 20-day low sells; " +
    "N = ATR20, stop 2N, target 4N, exit on the 10-day channel. Reports the 55-day (system 2) " +
    "breakout too.",
  params: TurtleParams,
  needs: [],
  category: "trend",
  run: turtleRow,
};
