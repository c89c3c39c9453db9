/**
 * Fourier / Hilbert cycle screener (ORIGINAL.md 5.7): the phase of the analytic signal of
 * detrended log prices says where the current cycle stands; the Hann-windowed spectrum of the
 * last 64 closes gives its period.
 * @module
 */
import * as z from "zod";
import { analyticAt, detrendLinear, dominantCycle } from "./cycles.ts";
import { makeRow, needBars, notEvaluated } from "./row.ts";
import { atrOf, last, memo } from "./series.ts";
import type { BarSeries } from "../domain/bar.ts";
import type { ScreenerDefinition, ScreenerInput, ScreenerRow } from "./types.ts";

const NAME = "fourier";

/** Parameters; defaults are the original's. */
export const FourierParams = z.object({
  /**
   * Bars of log close fed to the Hilbert transform: 512 ≈ the 2 years the original downloaded,
   * rounded to a power of two for the radix-2 FFT.
   */
  window: z.int().min(30).default(512),
  /** Bars of close for the dominant period. */
  periodWindow: z.int().min(8).default(64),
  /** |phase/π| ≥ lowBand → cyclical low. */
  lowBand: z.number().min(0).max(1).default(0.8),
  /** |phase/π| ≤ highBand → cyclical high. */
  highBand: z.number().min(0).max(1).default(0.2),
  /** Amplitude (log units, 0.02 ≈ 2 %) below which the cycle is too weak to trade. */
  minAmplitude: z.number().min(0).default(0.02),
  atrPeriod: z.int().min(2).default(14),
  stopAtr: z.number().positive().default(2),
  targetAtr: z.number().positive().default(2),
  minBars: z.int().min(30).default(50),
});
export type FourierParams = z.infer<typeof FourierParams>;

/** Phase, amplitude and dominant period on the last bar; memoised per series and windows. */
export function cycleState(
  bars: BarSeries,
  window: number,
  periodWindow: number,
): { phase: number; amplitude: number; period: number } {
  return memo(bars, `cycle:${window}:${periodWindow}`, () => {
    const n = bars.length;
    const from = Math.max(0, n - window);
    const logs = new Float64Array(n - from);
    for (let i = from; i < n; i++) logs[i - from] = Math.log(bars.close[i]);
    const { phase, amplitude } = analyticAt(detrendLinear(logs));
    const period = dominantCycle(bars.close.subarray(Math.max(0, n - periodWindow))).period;
    return { phase, amplitude, period };
  });
}

/**
 * On detrended log closes of the last `window` bars: amplitude < 0.02 → wait "WAIT (Weak
 * Cycle)" (checked first: a weak cycle's phase means little; the original checked it last);
 * |phase/π| ≥ 0.8 → buy "CYCLICAL LOW (Bottoming)" (stop C − 2 ATR, target C + 2 ATR);
 * |phase/π| ≤ 0.2 → sell "CYCLICAL HIGH (Topping)" (mirrored); else wait "WAIT (Mid-Cycle)".
 * Score = amplitude × 100 (the cycle's strength in %).
 */
export function fourierRow(input: ScreenerInput, p: FourierParams): ScreenerRow {
  const { bars } = input;
  const short = needBars(NAME, bars, p.minBars);
  if (short) return short;
  for (let i = Math.max(0, bars.length - p.window); i < bars.length; i++) {
    if (!(bars.close[i] > 0)) {
      return notEvaluated(NAME, bars, "closes must be positive numbers for log prices");
    }
  }
  const { phase, amplitude, period } = cycleState(bars, p.window, p.periodWindow);
  const norm = phase / Math.PI;
  const c = last(bars.close);
  const atr = last(atrOf(bars, p.atrPeriod));
  const values = {
    cyclePhase: phase,
    phaseNorm: norm,
    cycleStrengthPct: amplitude * 100,
    cyclePeriod: Math.round(period * 10) / 10,
    atr,
    method: "Hilbert (Non-Stationary)",
  };
  const score = amplitude * 100;
  const why = `phase ${norm.toFixed(2)}π, amplitude ${(amplitude * 100).toFixed(1)} %, period ${
    period.toFixed(1)
  } bars`;
  if (amplitude < p.minAmplitude) {
    return makeRow(NAME, bars, {
      signal: "wait",
      label: "WAIT (Weak Cycle)",
      score,
      values,
      reason: why,
    });
  }
  if (Math.abs(norm) >= p.lowBand) {
    return makeRow(NAME, bars, {
      signal: "buy",
      label: "CYCLICAL LOW (Bottoming)",
      direction: "long",
      score,
      stop: c - p.stopAtr * atr,
      target: c + p.targetAtr * atr,
      values,
      reason: why,
    });
  }
  if (Math.abs(norm) <= p.highBand) {
    return makeRow(NAME, bars, {
      signal: "sell",
      label: "CYCLICAL HIGH (Topping)",
      direction: "short",
      score,
      stop: c + p.stopAtr * atr,
      target: c - p.targetAtr * atr,
      values,
      reason: why,
    });
  }
  return makeRow(NAME, bars, {
    signal: "wait",
    label: "WAIT (Mid-Cycle)",
    score,
    values,
    reason: why,
  });
}

/** Fourier / Hilbert cycle screener. */
export const fourier: ScreenerDefinition<typeof FourierParams> = {
  name: NAME,
  title: "Fourier / Hilbert cycle",
  description:
    "Hilbert transform of linearly detrended log closes: a phase near ±π is a cyclical low " +
    "(buy), near 0 a cyclical high (sell); cycles weaker than 2 % are ignored. Period from the " +
    "Hann-windowed FFT of the last 64 closes. Stop and target 2 ATR.",
  params: FourierParams,
  needs: [],
  category: "quant",
  run: fourierRow,
};
