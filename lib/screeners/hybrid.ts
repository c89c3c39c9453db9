/**
 * Hybrid trend + cycle screener (ORIGINAL.md 5.8): the 200-day trend decides the side, the
 * dominant cycle's position the timing, and the last candle confirms the turn.
 * @module
 */
import * as z from "zod";
import { dominantCycle } from "./cycles.ts";
import { checkLiquidity } from "./gates.ts";
import { makeRow, needBars, undefinedIndicator } from "./row.ts";
import { allFinite, atrOf, closeSmaTail, donchianTail, last, memo, prev } from "./series.ts";
import type { ScreenerDefinition, ScreenerInput, ScreenerRow, Signal } from "./types.ts";

const NAME = "hybrid";

/** Parameters; defaults are the original's. */
export const HybridParams = z.object({
  trendPeriod: z.int().min(2).default(200),
  breakoutPeriod: z.int().min(2).default(50),
  /** Closes fed to the dominant-cycle estimate (the original used its whole 2-year download). */
  cycleWindow: z.int().min(8).default(512),
  /** Cycle position ≤ −band is a bottom, ≥ band a top. */
  band: z.number().min(0).max(1).default(0.7),
  atrPeriod: z.int().min(2).default(14),
  /** Today's range > panicAtr × ATR14 = panic. */
  panicAtr: z.number().positive().default(2),
  stopAtr: z.number().positive().default(3),
  targetAtr: z.number().positive().default(2),
  minAvgVolume: z.number().min(0).default(500_000),
});
export type HybridParams = z.infer<typeof HybridParams>;

/**
 * Trend bullish when C > SMA200; breakout when C ≥ the previous 50-bar high; cycle BOTTOM /
 * TOP / MID from the dominant cycle's position on the last bar (≤ −0.7 / ≥ 0.7), found in the
 * Hann-windowed spectrum of the last 512 log closes (≈ 2 years, a power of two) (see `dominantCycle`). Bullish +
 * bottom: panic (range > 2 ATR) → wait "CRASH DETECTED" (20); close below yesterday's low →
 * wait "WAIT (Falling Knife)" (40); red candle → watch "WATCHING (Waiting for Green Candle)" (60);
 * else buy "PERFECT BUY (Confirmed Turn)" (95). Bullish + breakout: top → buy "MOMENTUM BUY
 * (Cycle High)" (75), else buy "BREAKOUT BUY" (85). Bearish + top → sell "PERFECT SHORT (Rally in
 * Downtrend)" (90). Bullish + top → wait "WAIT (Extended)"; bearish + bottom → wait "WAIT
 * (Oversold Downtrend)"; else wait (0). Stop 3 ATR, target 2 ATR (reward/risk 0.67, as the
 * original; mirrored for the short).
 */
export function hybridRow(input: ScreenerInput, p: HybridParams): ScreenerRow {
  const { bars } = input;
  const short = needBars(NAME, bars, Math.max(p.trendPeriod, p.breakoutPeriod + 1));
  if (short) return short;
  const gated = checkLiquidity(NAME, bars, { minAvgVolume: p.minAvgVolume });
  if (gated) return gated;
  const n = bars.length;
  const c = bars.close[n - 1];
  const sma = last(closeSmaTail(bars, p.trendPeriod));
  const high50 = prev(donchianTail(bars, p.breakoutPeriod).upper);
  const atr = last(atrOf(bars, p.atrPeriod));
  if (!allFinite(c, sma, high50, atr)) return undefinedIndicator(NAME, bars, "SMA, channel or ATR");
  const cyc = memo(
    bars,
    `domcycle:${p.cycleWindow}`,
    () => {
      // Log prices: an exponential trend becomes a line that detrending removes exactly.
      const from = Math.max(0, n - p.cycleWindow);
      const logs = new Float64Array(n - from);
      for (let i = from; i < n; i++) logs[i - from] = Math.log(bars.close[i]);
      return dominantCycle(logs);
    },
  );
  const bullish = c > sma;
  const breakout = c >= high50;
  const phase = cyc.position <= -p.band ? "BOTTOM" : cyc.position >= p.band ? "TOP" : "MID";
  const panic = bars.high[n - 1] - bars.low[n - 1] > p.panicAtr * atr;
  const lowerLow = c < bars.low[n - 2];
  const green = c > bars.open[n - 1];
  let signal: Signal = "wait";
  let label = "WAIT";
  let score = 0;
  if (bullish && phase === "BOTTOM") {
    if (panic) [signal, label, score] = ["wait", "CRASH DETECTED (High Volatility) - WAIT", 20];
    else if (lowerLow) {
      [signal, label, score] = ["wait", "WAIT (Falling Knife - Making Lower Lows)", 40];
    } else if (!green) {
      [signal, label, score] = ["watch", "WATCHING (Waiting for Green Candle)", 60];
    } else [signal, label, score] = ["buy", "PERFECT BUY (Confirmed Turn)", 95];
  } else if (bullish && breakout) {
    [signal, label, score] = phase === "TOP"
      ? ["buy", "MOMENTUM BUY (Cycle High)", 75]
      : ["buy", "BREAKOUT BUY", 85];
  } else if (!bullish && phase === "TOP") {
    [signal, label, score] = ["sell", "PERFECT SHORT (Rally in Downtrend)", 90];
  } else if (bullish && phase === "TOP") {
    [signal, label] = ["wait", "WAIT (Extended)"];
  } else if (!bullish && phase === "BOTTOM") {
    [signal, label] = ["wait", "WAIT (Oversold Downtrend)"];
  }
  const isShort = signal === "sell";
  return makeRow(NAME, bars, {
    signal,
    label,
    direction: isShort ? "short" : signal === "wait" ? null : "long",
    score,
    stop: isShort ? c + p.stopAtr * atr : c - p.stopAtr * atr,
    target: isShort ? c - p.targetAtr * atr : c + p.targetAtr * atr,
    values: {
      trend: bullish ? "BULLISH" : "BEARISH",
      cyclePhase: phase,
      cyclePosition: cyc.position,
      cyclePeriod: cyc.period,
      breakout,
      panic,
      lowerLow,
      greenCandle: green,
      sma200: sma,
      high50,
      atr,
      rrRatio: p.targetAtr / p.stopAtr,
    },
    reason: `trend ${bullish ? "bullish" : "bearish"} (SMA${p.trendPeriod} ${
      sma.toFixed(2)
    }), cycle ${phase.toLowerCase()} (${cyc.position.toFixed(2)}, period ${
      cyc.period.toFixed(1)
    } bars)${breakout ? ", 50-day breakout" : ""}`,
  });
}

/** Hybrid trend + cycle screener. */
export const hybrid: ScreenerDefinition<typeof HybridParams> = {
  name: NAME,
  title: "Hybrid trend + cycle",
  description:
    "200-day trend plus the dominant cycle's position: a cycle bottom in an uptrend confirmed " +
    "by a green candle is the best buy, a 50-day breakout the next, a cycle top in a downtrend " +
    "a short. Crash and falling-knife guards. Stop 3 ATR, target 2 ATR.",
  params: HybridParams,
  needs: [],
  category: "quant",
  run: hybridRow,
};
