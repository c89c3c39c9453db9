/**
 * Turtle breakout screener (ORIGINAL.md 5.4): Donchian 20-day breakouts (55-day as system 2),
 * N = ATR20, a 2N stop and a 10-day exit channel. The rules are lib/rules/turtle.ts, the same
 * module the `turtle` backtest strategy uses.
 * @module
 */
import * as z from "zod";
import { makeRow, needBars, undefinedIndicator } from "./row.ts";
import { turtleRule } from "../rules/mod.ts";
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
});
export type TurtleParams = z.infer<typeof TurtleParams>;

/**
 * With H/L = the previous `entryPeriod`-bar high/low and N = ATR20: close > H → buy
 * "BREAKOUT (BUY)", stop C − 2N, target C + 4N; close < L → sell "BREAKDOWN (SELL)", stop
 * C + 2N, target C − 4N; −2 % ≤ (C − H)/H ≤ 0 → watch "WATCH (Near High)" with entry H, stop
 * H − 2N, target H + 4N; else wait. Score: 100 breakout/breakdown, 50 watch, 0 wait.
 * `trailingExit` is the previous 10-bar low (the system-1 exit for a long).
 */
export function turtleRow(input: ScreenerInput, p: TurtleParams): ScreenerRow {
  const { bars } = input;
  const short = needBars(NAME, bars, Math.max(p.entryPeriod, p.atrPeriod) + 1);
  if (short) return short;
  const rule = memo(
    bars,
    `turtle_rule:${p.entryPeriod}:${p.exitPeriod}:${p.atrPeriod}:${p.stopN}:${p.targetN}`,
    () =>
      turtleRule(bars, {
        entryPeriod: p.entryPeriod,
        exitPeriod: p.exitPeriod,
        atrPeriod: p.atrPeriod,
        stopAtr: p.stopN,
        targetAtr: p.targetN,
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
  };
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
