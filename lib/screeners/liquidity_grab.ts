/**
 * Liquidity grab (ORIGINAL.md 5.10, "smart money concepts"): the last bar sweeps beyond a recent
 * fractal swing low (high) and closes back above (below) it, taking the stops resting there.
 * @module
 */
import * as z from "zod";
import type { BarSeries } from "../domain/bar.ts";
import { makeRow, needBars } from "./row.ts";
import { atrOf, last } from "./series.ts";
import type { ScreenerDefinition, ScreenerInput, ScreenerRow } from "./types.ts";

const NAME = "liquidity_grab";

/** Parameters; defaults are the original code's (1-bar fractals, 1 ATR stop). */
export const LiquidityGrabParams = z.object({
  /** Bars before the current one searched for swings. */
  window: z.int().min(3).default(50),
  /** Fractal half-width: a swing high is above this many highs on each side. */
  fractal: z.int().min(1).default(1),
  atrPeriod: z.int().min(2).default(14),
  stopAtr: z.number().min(0).default(1),
  targetAtr: z.number().positive().default(3),
  /** Volume > volumeMult × mean of the last 20 volumes (incl. the current) = volume spike. */
  volumeMult: z.number().min(0).default(1.5),
  minBars: z.int().min(2).default(50),
});
export type LiquidityGrabParams = z.infer<typeof LiquidityGrabParams>;

/**
 * Fractal swings inside bars [from, to] (inclusive): index k is a swing high when its high is
 * strictly above the `half` highs on each side, all within the range; swing lows likewise.
 */
export function fractalSwings(
  bars: BarSeries,
  from: number,
  to: number,
  half = 1,
): { highs: number[]; lows: number[] } {
  const highs: number[] = [];
  const lows: number[] = [];
  for (let k = from + half; k <= to - half; k++) {
    let isHigh = true;
    let isLow = true;
    for (let j = 1; j <= half; j++) {
      if (!(bars.high[k] > bars.high[k - j] && bars.high[k] > bars.high[k + j])) isHigh = false;
      if (!(bars.low[k] < bars.low[k - j] && bars.low[k] < bars.low[k + j])) isLow = false;
    }
    if (isHigh) highs.push(k);
    if (isLow) lows.push(k);
  }
  return { highs, lows };
}

/**
 * Swings from the `window` bars before the last. Bullish: swing lows below the close and above
 * the last low exist → buy "BULLISH SWEEP" at level = the lowest of them; stop low − 1 ATR,
 * target C + 3 ATR. Otherwise bearish: swing highs above the close and below the last high →
 * sell "BEARISH SWEEP" at the highest of them; stop high + 1 ATR, target C − 3 ATR. " (Vol Spike)"
 * is appended when volume > 1.5 × the 20-bar mean. Score = |C − level| / level × 10⁴ (basis points
 * reclaimed beyond the level).
 */
export function liquidityGrabRow(input: ScreenerInput, p: LiquidityGrabParams): ScreenerRow {
  const { bars } = input;
  const short = needBars(NAME, bars, Math.max(p.minBars, 2 * p.fractal + 2));
  if (short) return short;
  const n = bars.length;
  const { highs, lows } = fractalSwings(bars, Math.max(0, n - 1 - p.window), n - 2, p.fractal);
  const c = bars.close[n - 1];
  const lo = bars.low[n - 1];
  const hi = bars.high[n - 1];
  const atr = last(atrOf(bars, p.atrPeriod));
  let vSum = 0;
  const vFrom = Math.max(0, n - 20);
  for (let i = vFrom; i < n; i++) vSum += bars.volume[i];
  const volRatio = bars.volume[n - 1] / (vSum / (n - vFrom));
  const spike = volRatio > p.volumeMult ? " (Vol Spike)" : "";
  const swept = lows.map((k) => bars.low[k]).filter((v) => v > lo && v < c);
  const values = { swingHighs: highs.length, swingLows: lows.length, atr, volumeRatio: volRatio };
  if (swept.length > 0) {
    const level = Math.min(...swept);
    return makeRow(NAME, bars, {
      signal: "buy",
      label: "BULLISH SWEEP" + spike,
      direction: "long",
      score: (Math.abs(c - level) / level) * 1e4,
      stop: lo - p.stopAtr * atr,
      target: c + p.targetAtr * atr,
      values: { ...values, breakoutLevel: level },
      reason: `low ${lo.toFixed(2)} swept the swing low ${
        level.toFixed(2)
      } and closed back above at ${c.toFixed(2)}`,
    });
  }
  const sweptH = highs.map((k) => bars.high[k]).filter((v) => v < hi && v > c);
  if (sweptH.length > 0) {
    const level = Math.max(...sweptH);
    return makeRow(NAME, bars, {
      signal: "sell",
      label: "BEARISH SWEEP" + spike,
      direction: "short",
      score: (Math.abs(c - level) / level) * 1e4,
      stop: hi + p.stopAtr * atr,
      target: c - p.targetAtr * atr,
      values: { ...values, breakoutLevel: level },
      reason: `high ${hi.toFixed(2)} swept the swing high ${
        level.toFixed(2)
      } and closed back below at ${c.toFixed(2)}`,
    });
  }
  return makeRow(NAME, bars, {
    signal: "wait",
    label: "WAIT",
    score: 0,
    values,
    reason: "the last bar swept no swing high or low and closed back inside",
  });
}

/** Liquidity grab screener. */
export const liquidityGrab: ScreenerDefinition<typeof LiquidityGrabParams> = {
  name: NAME,
  title: "Liquidity grab (SMC sweep)",
  description:
    "The last bar trades through a fractal swing low of the previous 50 bars and closes back " +
    "above it (bullish sweep), or the mirror on swing highs. Stop 1 ATR beyond the bar, target " +
    "3 ATR.",
  params: LiquidityGrabParams,
  needs: [],
  category: "reversal",
  run: liquidityGrabRow,
};
