/**
 * Market RSI dip screener (ORIGINAL.md 5.2): in an uptrend (close > SMA50), an RSI14 between 30
 * and the threshold (50) is a dip to buy.
 * @module
 */
import * as z from "zod";
import { checkLiquidity } from "./gates.ts";
import { makeRow, needBars, undefinedIndicator } from "./row.ts";
import { allFinite, at, atrOf, closeRsi, closeSmaTail, last } from "./series.ts";
import type { ScreenerDefinition, ScreenerInput, ScreenerRow } from "./types.ts";

const NAME = "market_rsi";

/** Parameters; defaults are the original's. */
export const MarketRsiParams = z.object({
  rsiPeriod: z.int().min(2).default(14),
  /** Upper RSI bound of the buy-the-dip zone (the original's `rsi_threshold`). */
  rsiThreshold: z.number().min(0).max(100).default(50),
  oversold: z.number().min(0).max(100).default(30),
  overbought: z.number().min(0).max(100).default(70),
  trendPeriod: z.int().min(2).default(50),
  atrPeriod: z.int().min(2).default(14),
  stopAtr: z.number().positive().default(2),
  targetAtr: z.number().positive().default(4),
  /** Minimum 20-bar mean volume (0 = off). */
  minAvgVolume: z.number().min(0).default(500_000),
  minBars: z.int().min(2).default(50),
});
export type MarketRsiParams = z.infer<typeof MarketRsiParams>;

/**
 * Trend is bullish when close > SMA(trendPeriod). Bullish: oversold ≤ RSI ≤ threshold → buy
 * "GREEN LIGHT (Buy Dip)", RSI > overbought → wait "OVERBOUGHT", RSI < oversold → watch
 * "OVERSOLD"; bearish: RSI < oversold → wait "OVERSOLD (Bearish)", > overbought → wait
 * "OVERBOUGHT (Bearish)". Stop/target: close ∓ 2 ATR / ± 4 ATR in the trend's direction.
 * Score: 100 − RSI on a green light, else 0.
 */
export function marketRsiRow(input: ScreenerInput, p: MarketRsiParams): ScreenerRow {
  const { bars } = input;
  const short = needBars(NAME, bars, Math.max(p.minBars, p.trendPeriod, p.rsiPeriod + 1));
  if (short) return short;
  const gated = checkLiquidity(NAME, bars, { minAvgVolume: p.minAvgVolume });
  if (gated) return gated;
  const n = bars.length;
  const c = last(bars.close);
  const r = last(closeRsi(bars, p.rsiPeriod));
  const s = last(closeSmaTail(bars, p.trendPeriod));
  const a = last(atrOf(bars, p.atrPeriod));
  if (!allFinite(c, r, s, a)) return undefinedIndicator(NAME, bars, "RSI, SMA or ATR");
  const bullish = c > s;
  const values = {
    rsi: r,
    sma: s,
    atr: a,
    trend: bullish ? "BULLISH" : "BEARISH",
    pctChange1d: 100 * (c / at(bars.close, n - 2) - 1),
    // The original compared with the close 6 bars back on daily bars.
    pctChange1w: 100 * (c / at(bars.close, n - 7) - 1),
  };
  const stop = bullish ? c - p.stopAtr * a : c + p.stopAtr * a;
  const target = bullish ? c + p.targetAtr * a : c - p.targetAtr * a;
  const common = { values, stop, target, direction: bullish ? "long" as const : "short" as const };
  const why = `close ${bullish ? ">" : "<="} SMA${p.trendPeriod}, RSI${p.rsiPeriod} ${
    r.toFixed(1)
  }`;
  if (bullish) {
    if (r >= p.oversold && r <= p.rsiThreshold) {
      return makeRow(NAME, bars, {
        ...common,
        signal: "buy",
        label: "GREEN LIGHT (Buy Dip)",
        score: 100 - r,
        reason: `${why} within ${p.oversold}-${p.rsiThreshold}`,
      });
    }
    if (r > p.overbought) {
      return makeRow(NAME, bars, {
        ...common,
        signal: "wait",
        label: "OVERBOUGHT",
        score: 0,
        reason: why,
      });
    }
    if (r < p.oversold) {
      return makeRow(NAME, bars, {
        ...common,
        signal: "watch",
        label: "OVERSOLD",
        score: 0,
        reason: why,
      });
    }
    return makeRow(NAME, bars, { ...common, signal: "wait", label: "WAIT", score: 0, reason: why });
  }
  const label = r < p.oversold
    ? "OVERSOLD (Bearish)"
    : r > p.overbought
    ? "OVERBOUGHT (Bearish)"
    : "WAIT";
  return makeRow(NAME, bars, { ...common, signal: "wait", label, score: 0, reason: why });
}

/** Market RSI dip screener. */
export const marketRsi: ScreenerDefinition<typeof MarketRsiParams> = {
  name: NAME,
  title: "Market RSI dip",
  description:
    "Uptrend (close > SMA50) with RSI14 pulled back into 30-50: buy the dip. Stop 2 ATR, " +
    "target 4 ATR. Thin names (20-day average volume < 500k) are filtered.",
  params: MarketRsiParams,
  needs: [],
  category: "reversal",
  run: marketRsiRow,
};
