/**
 * Alpha#101 (ORIGINAL.md 5.15; Kakushadze, "101 Formulaic Alphas", 2016, alpha 101):
 * α = (close − open) / ((high − low) + 0.001), the body's share of the bar's range.
 * @module
 */
import * as z from "zod";
import { makeRow, needBars } from "./row.ts";
import { atrOf, last } from "./series.ts";
import type { ScreenerDefinition, ScreenerInput, ScreenerRow } from "./types.ts";

const NAME = "alpha101";

/** Parameters; defaults are the original's. */
export const Alpha101Params = z.object({
  strong: z.number().positive().default(0.5),
  weak: z.number().positive().default(0.25),
  /** The 0.001 in the denominator keeps a zero-range bar finite. */
  epsilon: z.number().min(0).default(0.001),
  atrPeriod: z.int().min(2).default(14),
  stopAtr: z.number().min(0).default(0.5),
  targetAtr: z.number().positive().default(2),
});
export type Alpha101Params = z.infer<typeof Alpha101Params>;

/** α on bar `i`: (C − O) / ((H − L) + ε). */
export function alpha101(
  bar: { open: number; high: number; low: number; close: number },
  epsilon = 0.001,
): number {
  return (bar.close - bar.open) / (bar.high - bar.low + epsilon);
}

/**
 * α > 0.5 → buy "STRONG BUY (Alpha > 0.5)"; α > 0.25 → watch "BULLISH MOMENTUM"; α < −0.5 → sell
 * "STRONG SELL (Alpha < -0.5)"; α < −0.25 → watch "BEARISH PRESSURE"; else wait. Longs: stop
 * low − 0.5 ATR, target C + 2 ATR; shorts mirrored. Score |α| × 100.
 */
export function alpha101Row(input: ScreenerInput, p: Alpha101Params): ScreenerRow {
  const { bars } = input;
  const short = needBars(NAME, bars, 1);
  if (short) return short;
  const n = bars.length;
  const bar = {
    open: bars.open[n - 1],
    high: bars.high[n - 1],
    low: bars.low[n - 1],
    close: bars.close[n - 1],
  };
  const a = alpha101(bar, p.epsilon);
  const atr = last(atrOf(bars, p.atrPeriod));
  const values = { alpha: a, atr };
  if (!Number.isFinite(a)) {
    return makeRow(NAME, bars, {
      signal: "not_evaluated",
      label: "NOT EVALUATED",
      reason: "last bar has NaN prices",
    });
  }
  const c = bar.close;
  const long = {
    direction: "long" as const,
    stop: bar.low - p.stopAtr * atr,
    target: c + p.targetAtr * atr,
  };
  const shortSide = {
    direction: "short" as const,
    stop: bar.high + p.stopAtr * atr,
    target: c - p.targetAtr * atr,
  };
  const why = `alpha ${a.toFixed(3)} = (C − O) / (H − L + ${p.epsilon})`;
  const score = Math.abs(a) * 100;
  if (a > p.strong) {
    return makeRow(NAME, bars, {
      ...long,
      signal: "buy",
      label: `STRONG BUY (Alpha > ${p.strong})`,
      score,
      values,
      reason: why,
    });
  }
  if (a > p.weak) {
    return makeRow(NAME, bars, {
      ...long,
      signal: "watch",
      label: "BULLISH MOMENTUM",
      score,
      values,
      reason: why,
    });
  }
  if (a < -p.strong) {
    return makeRow(NAME, bars, {
      ...shortSide,
      signal: "sell",
      label: `STRONG SELL (Alpha < -${p.strong})`,
      score,
      values,
      reason: why,
    });
  }
  if (a < -p.weak) {
    return makeRow(NAME, bars, {
      ...shortSide,
      signal: "watch",
      label: "BEARISH PRESSURE",
      score,
      values,
      reason: why,
    });
  }
  return makeRow(NAME, bars, { signal: "wait", label: "WAIT", score, values, reason: why });
}

/** Alpha#101 screener. */
export const alpha101Screener: ScreenerDefinition<typeof Alpha101Params> = {
  name: NAME,
  title: "Alpha#101",
  description:
    "Kakushadze's alpha 101, (close − open) / (high − low + 0.001): above 0.5 a strong buy, " +
    "below −0.5 a strong sell. Stop half an ATR beyond the bar, target 2 ATR.",
  params: Alpha101Params,
  needs: [],
  category: "quant",
  run: alpha101Row,
};
