/**
 * Market regime traffic light (ORIGINAL.md 5.1): the benchmark against its SMA200 and the VIX
 * level, in the original's four variants.
 * @module
 */
import * as z from "zod";
import type { BarSeries } from "../domain/bar.ts";
import { sma } from "../indicators/mod.ts";
import { indexAtOrBefore } from "./align.ts";
import { requireInputs } from "./needs.ts";
import { makeRow, notEvaluated } from "./row.ts";
import { closeSma, memo, trueRangeOf } from "./series.ts";
import type { ScreenerDefinition, ScreenerInput, ScreenerRow, Signal } from "./types.ts";

/** Parameters; defaults are the original's. */
export const RegimeParams = z.object({
  /**
   * `universal`: SPY < SMA200 → red; VIX > 25 → red; VIX < 20 → green; else yellow.
   * `fortress`: SPY > SMA200 and VIX < 20 → green; SPY > SMA200 → yellow; else red.
   * `backtest`: SPY > SMA200 and VIX < 20 → green; SPY > SMA200 and VIX < 28 → yellow; else red.
   * `dashboard`: ATR percentile ≥ 90 → stormy (red); below SMA200 → bearish (red); above and
   * RSI > 50 → bullish (green); else neutral (yellow); plus the VIX climate.
   */
  variant: z.enum(["universal", "fortress", "backtest", "dashboard"]).default("universal"),
  smaPeriod: z.int().min(2).default(200),
  vixCalm: z.number().positive().default(20),
  vixHigh: z.number().positive().default(25),
  vixBacktestYellow: z.number().positive().default(28),
  /** Dashboard variant: RSI and ATR periods (simple rolling means, as the original). */
  rsiPeriod: z.int().min(2).default(14),
  atrPeriod: z.int().min(2).default(14),
  stormyAtrPercentile: z.number().min(0).max(100).default(90),
  /** Dashboard climate bands: VIX < quiet → "Quiet", < panic → "Turbulent", else "Panic". */
  vixQuiet: z.number().positive().default(15),
  vixPanic: z.number().positive().default(25),
});
export type RegimeParams = z.infer<typeof RegimeParams>;

/** A traffic-light colour. */
export type Light = "green" | "yellow" | "red";

const SIGNAL: Record<Light, Signal> = { green: "buy", yellow: "watch", red: "exit" };
const SCORE: Record<Light, number> = { green: 100, yellow: 50, red: 0 };

/**
 * Evaluates the regime on the benchmark at (or before) the last bar of `input.bars`.
 * Signal: green → buy, yellow → watch, red → exit. Score 100 / 50 / 0.
 */
export function regimeRow(input: ScreenerInput, p: RegimeParams): ScreenerRow {
  const missing = requireInputs(NAME, input, ["benchmark", "vix"]);
  if (missing) return missing;
  const bench = input.benchmark!;
  const vixSeries = input.vix!;
  const t = input.bars.length > 0 ? input.bars.ts[input.bars.length - 1] : Infinity;
  const bi = indexAtOrBefore(bench, t);
  const vi = indexAtOrBefore(vixSeries, t);
  if (bi < 0 || vi < 0) {
    return notEvaluated(NAME, input.bars, "benchmark or VIX has no bar at or before this date");
  }
  const close = bench.close[bi];
  const smaV = closeSma(bench, p.smaPeriod)[bi];
  const vix = vixSeries.close[vi];
  if (!Number.isFinite(smaV)) {
    return notEvaluated(
      NAME,
      input.bars,
      `benchmark needs ${p.smaPeriod} bars for its SMA, had ${bi + 1}`,
    );
  }
  if (!Number.isFinite(vix) || !Number.isFinite(close)) {
    return notEvaluated(NAME, input.bars, "benchmark close or VIX is not a number");
  }
  const above = close > smaV;
  const vx = vix.toFixed(1);
  let light: Light;
  let label: string;
  const values: Record<string, number | string | null> = {
    benchmarkClose: close,
    benchmarkSma: smaV,
    vix,
  };
  switch (p.variant) {
    case "universal":
      if (close < smaV) {
        [light, label] = ["red", `Bearish (benchmark < ${p.smaPeriod}SMA, VIX ${vx})`];
      } else if (vix > p.vixHigh) [light, label] = ["red", `High Volatility (VIX ${vx})`];
      else if (vix < p.vixCalm) [light, label] = ["green", `Bullish (VIX ${vx})`];
      else [light, label] = ["yellow", `Volatile Bull (VIX ${vx})`];
      break;
    case "fortress":
      if (above && vix < p.vixCalm) [light, label] = ["green", "BULLISH (Aggressive)"];
      else if (above) [light, label] = ["yellow", "VOLATILE UPTREND (Caution)"];
      else [light, label] = ["red", "BEARISH (Cash/Puts Only)"];
      break;
    case "backtest":
      if (above && vix < p.vixCalm) [light, label] = ["green", "GREEN"];
      else if (above && vix < p.vixBacktestYellow) [light, label] = ["yellow", "YELLOW"];
      else [light, label] = ["red", "RED"];
      break;
    case "dashboard": {
      const d = dashboardStats(bench, bi, p);
      values.rsi = d.rsi;
      values.atr = d.atr;
      values.atrPercentile = d.atrPercentile;
      if (!Number.isFinite(d.rsi) || !Number.isFinite(d.atr)) {
        return notEvaluated(NAME, input.bars, "benchmark RSI or ATR is undefined (NaN data)");
      }
      if (d.atrPercentile >= p.stormyAtrPercentile) [light, label] = ["red", "Stormy (High Risk)"];
      else if (close < smaV) [light, label] = ["red", "Bearish (Caution)"];
      else if (above && d.rsi > 50) [light, label] = ["green", "Bullish (Safe)"];
      else [light, label] = ["yellow", "Neutral (Sideways)"];
      values.climate = vix < p.vixQuiet ? "Quiet" : vix < p.vixPanic ? "Turbulent" : "Panic";
      break;
    }
  }
  values.light = light;
  return makeRow(NAME, input.bars, {
    signal: SIGNAL[light],
    label,
    reason: `benchmark ${close.toFixed(2)} ${above ? ">" : "<="} SMA${p.smaPeriod} ${
      smaV.toFixed(2)
    }, VIX ${vx} (${p.variant} rules)`,
    score: SCORE[light],
    values,
  });
}

/**
 * The dashboard variant's statistics at bar `i` of the benchmark: RSI as the ratio of simple
 * rolling means of gains and losses (Cutler), ATR as the simple rolling mean of true range, and
 * the ATR percentile = 100 × share of earlier defined ATR values strictly below the current one.
 */
export function dashboardStats(
  bench: BarSeries,
  i: number,
  p: { rsiPeriod: number; atrPeriod: number },
): { rsi: number; atr: number; atrPercentile: number } {
  const atrCol = memo(bench, `sma_tr:${p.atrPeriod}`, () => sma(trueRangeOf(bench), p.atrPeriod));
  const rsiCol = memo(
    bench,
    `cutler_rsi:${p.rsiPeriod}`,
    () => cutlerRsi(bench.close, p.rsiPeriod),
  );
  const a = atrCol[i];
  let below = 0;
  let count = 0;
  for (let j = 0; j <= i; j++) {
    const x = atrCol[j];
    if (!Number.isFinite(x)) continue;
    count++;
    if (x < a) below++;
  }
  return { rsi: rsiCol[i], atr: a, atrPercentile: count > 0 ? (100 * below) / count : NaN };
}

/**
 * Cutler's RSI: 100 − 100 / (1 + SMA(gains, n) / SMA(losses, n)) over the changes of `close`;
 * 100 when there are no losses in the window, 50 when the window is flat. First value at index n.
 */
export function cutlerRsi(close: Float64Array, period: number): Float64Array {
  const n = close.length;
  const gains = new Float64Array(n);
  const losses = new Float64Array(n);
  gains[0] = NaN;
  losses[0] = NaN;
  for (let i = 1; i < n; i++) {
    const d = close[i] - close[i - 1];
    gains[i] = d > 0 ? d : 0;
    losses[i] = d < 0 ? -d : 0;
  }
  const g = sma(gains, period);
  const l = sma(losses, period);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(g[i]) || !Number.isFinite(l[i])) out[i] = NaN;
    else if (l[i] === 0) out[i] = g[i] === 0 ? 50 : 100;
    else out[i] = 100 - 100 / (1 + g[i] / l[i]);
  }
  return out;
}

const NAME = "regime";

/** The market regime traffic light. */
export const regime: ScreenerDefinition<typeof RegimeParams> = {
  name: NAME,
  title: "Market regime traffic light",
  description:
    "Benchmark against its 200-day SMA and the VIX: below the SMA or VIX > 25 is red, VIX < 20 " +
    "green, else yellow (universal rules; fortress, backtest and dashboard variants selectable).",
  params: RegimeParams,
  needs: ["benchmark", "vix"],
  category: "market",
  run: regimeRow,
};
