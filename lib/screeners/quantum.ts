/**
 * Quantum (ORIGINAL.md 5.15): three statistics of the return series, the Hurst exponent
 * (persistence), normalised Shannon entropy (disorder) and the slope of an adaptive Kalman
 * filter on log price (direction).
 * @module
 */
import * as z from "zod";
import { makeRow, needBars, notEvaluated } from "./row.ts";
import { atrOf, last, memo } from "./series.ts";
import type { ScreenerDefinition, ScreenerInput, ScreenerRow, Signal } from "./types.ts";

const NAME = "quantum";

/** Parameters; defaults are the original's. */
export const QuantumParams = z.object({
  /** Bars the statistics are computed over (the last ones). */
  window: z.int().min(100).default(252),
  maxLag: z.int().min(4).default(20),
  /** Below: mean reverting; up to `randomHigh`: random; above: trending. */
  randomLow: z.number().default(0.45),
  randomHigh: z.number().default(0.6),
  strongHurst: z.number().default(0.65),
  maxEntropy: z.number().min(0).max(1).default(0.85),
  /** 5-bar Kalman slope threshold, percent. */
  slopePct: z.number().positive().default(1.5),
  slopeBars: z.int().min(1).default(5),
  atrPeriod: z.int().min(2).default(14),
  stopAtr: z.number().positive().default(2.5),
  targetAtr: z.number().positive().default(4),
});
export type QuantumParams = z.infer<typeof QuantumParams>;

/**
 * Hurst exponent by rescaled-range analysis: for each chunk size s in 2..maxLag, split `x` into
 * ⌊N/s⌋ chunks, average R/S over the chunks with S > 0 (R = range of the cumulative deviations
 * from the chunk mean, S = population std), and regress log(R/S) on log(s); H is the slope.
 * About 0.5 for white noise (small chunks bias it up), below for anti-persistent, above for
 * persistent series. NaN when fewer than two sizes have a defined R/S.
 */
export function hurstRs(x: ArrayLike<number>, maxLag = 20): number {
  const n = x.length;
  const lx: number[] = [];
  const ly: number[] = [];
  for (let s = 2; s <= maxLag && s <= n; s++) {
    let sum = 0;
    let count = 0;
    for (let start = 0; start + s <= n; start += s) {
      let mean = 0;
      for (let i = start; i < start + s; i++) mean += x[i];
      mean /= s;
      let cum = 0;
      let hi = -Infinity;
      let lo = Infinity;
      let ss = 0;
      for (let i = start; i < start + s; i++) {
        const d = x[i] - mean;
        cum += d;
        if (cum > hi) hi = cum;
        if (cum < lo) lo = cum;
        ss += d * d;
      }
      const sd = Math.sqrt(ss / s);
      if (sd > 0) {
        sum += (hi - lo) / sd;
        count++;
      }
    }
    if (count > 0 && sum > 0) {
      lx.push(Math.log(s));
      ly.push(Math.log(sum / count));
    }
  }
  if (lx.length < 2) return NaN;
  const mx = lx.reduce((a, b) => a + b) / lx.length;
  const my = ly.reduce((a, b) => a + b) / ly.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < lx.length; i++) {
    sxy += (lx[i] - mx) * (ly[i] - my);
    sxx += (lx[i] - mx) ** 2;
  }
  return sxy / sxx;
}

/**
 * Shannon entropy of a ⌈√N⌉-bin histogram of `x` over [min, max], divided by log(bins): 0 when
 * every value falls in one bin (or all are equal), 1 for a uniform spread. NaN for N < 2.
 */
export function normalizedEntropy(x: ArrayLike<number>): number {
  const n = x.length;
  if (n < 2) return NaN;
  const bins = Math.max(2, Math.ceil(Math.sqrt(n)));
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    if (x[i] < lo) lo = x[i];
    if (x[i] > hi) hi = x[i];
  }
  if (!(hi > lo)) return 0;
  const counts = new Float64Array(bins);
  for (let i = 0; i < n; i++) {
    const b = Math.min(bins - 1, Math.floor(((x[i] - lo) / (hi - lo)) * bins));
    counts[b]++;
  }
  let h = 0;
  for (const c of counts) if (c > 0) h -= (c / n) * Math.log(c / n);
  return h / Math.log(bins);
}

/**
 * Adaptive local-level Kalman filter: state = level, observation = `z[t]`. R = population
 * variance of the changes among the first min(30, N) observations (1e-8 floor); P starts at 1; Q starts at `q0` and adapts each step as
 * Q ← (1 − α)·Q + α·(K·innovation)². Returns the filtered levels.
 */
export function adaptiveKalman(
  z: ArrayLike<number>,
  options: { q0?: number; alpha?: number } = {},
): Float64Array {
  const { q0 = 1e-5, alpha = 0.1 } = options;
  const n = z.length;
  const out = new Float64Array(n);
  if (n === 0) return out;
  const m = Math.min(30, n);
  let mean = 0;
  for (let i = 1; i < m; i++) mean += z[i] - z[i - 1];
  mean /= Math.max(1, m - 1);
  let v = 0;
  for (let i = 1; i < m; i++) v += (z[i] - z[i - 1] - mean) ** 2;
  const r = Math.max(1e-8, v / Math.max(1, m - 1));
  let x = z[0];
  let p = 1;
  let q = q0;
  out[0] = x;
  for (let t = 1; t < n; t++) {
    p += q;
    const k = p / (p + r);
    const innovation = z[t] - x;
    x += k * innovation;
    p *= 1 - k;
    q = (1 - alpha) * q + alpha * (k * innovation) ** 2;
    out[t] = x;
  }
  return out;
}

/**
 * On the last `window` bars: H < 0.45 → wait "REVERSAL (Mean Rev)"; H ≤ 0.60 → wait "RANDOM
 * (Casino Zone)"; else entropy of % changes > 0.85 → wait "CHOP (High Entropy)"; Kalman slope
 * over 5 bars (percent, of the filtered log price) > 1.5 → buy "BUY (Strong)" when H > 0.65
 * else "BUY (Weak)"; < −1.5 → sell "SHORT (Strong|Weak)"; else wait "WAIT (Stalling)". Stop
 * 2.5 ATR, target 4 ATR. Score = 100 × H on trades, 0 otherwise.
 */
export function quantumRow(input: ScreenerInput, p: QuantumParams): ScreenerRow {
  const { bars } = input;
  const short = needBars(NAME, bars, p.window + 1);
  if (short) return short;
  const n = bars.length;
  const stats = memo(bars, `quantum:${p.window}:${p.maxLag}:${p.slopeBars}`, () => {
    const from = n - p.window;
    const logRet = new Float64Array(p.window);
    const pct = new Float64Array(p.window);
    const logs = new Float64Array(p.window);
    for (let i = from; i < n; i++) {
      logRet[i - from] = Math.log(bars.close[i] / bars.close[i - 1]);
      pct[i - from] = bars.close[i] / bars.close[i - 1] - 1;
      logs[i - from] = Math.log(bars.close[i]);
    }
    const k = adaptiveKalman(logs);
    const m = k.length - 1;
    return {
      hurst: hurstRs(logRet, Math.min(p.maxLag, Math.floor(p.window / 4))),
      entropy: normalizedEntropy(pct),
      slopePct: 100 * (Math.exp(k[m] - k[m - p.slopeBars]) - 1),
    };
  });
  const { hurst, entropy, slopePct } = stats;
  if (!Number.isFinite(hurst) || !Number.isFinite(entropy) || !Number.isFinite(slopePct)) {
    return notEvaluated(
      NAME,
      bars,
      "Hurst, entropy or Kalman slope undefined (flat or NaN prices)",
    );
  }
  const c = last(bars.close);
  const atr = last(atrOf(bars, p.atrPeriod));
  const values = { hurst, entropy, kalmanSlopePct: slopePct, atr };
  let signal: Signal = "wait";
  let label: string;
  if (hurst < p.randomLow) label = "REVERSAL (Mean Rev)";
  else if (hurst <= p.randomHigh) label = "RANDOM (Casino Zone)";
  else if (entropy > p.maxEntropy) label = "CHOP (High Entropy)";
  else if (slopePct > p.slopePct) {
    signal = "buy";
    label = hurst > p.strongHurst ? "BUY (Strong)" : "BUY (Weak)";
  } else if (slopePct < -p.slopePct) {
    signal = "sell";
    label = hurst > p.strongHurst ? "SHORT (Strong)" : "SHORT (Weak)";
  } else label = "WAIT (Stalling)";
  const long = signal === "buy";
  const shortSide = signal === "sell";
  return makeRow(NAME, bars, {
    signal,
    label,
    direction: long ? "long" : shortSide ? "short" : null,
    score: long || shortSide ? 100 * hurst : 0,
    stop: long ? c - p.stopAtr * atr : shortSide ? c + p.stopAtr * atr : null,
    target: long ? c + p.targetAtr * atr : shortSide ? c - p.targetAtr * atr : null,
    values,
    reason: `Hurst ${hurst.toFixed(2)}, entropy ${entropy.toFixed(2)}, Kalman slope ${
      slopePct.toFixed(2)
    } % over ${p.slopeBars} bars`,
  });
}

/** Quantum screener. */
export const quantum: ScreenerDefinition<typeof QuantumParams> = {
  name: NAME,
  title: "Quantum (Hurst, entropy, Kalman)",
  description:
    "Trending returns (Hurst > 0.6) with orderly changes (entropy ≤ 0.85) and a Kalman-filtered " +
    "price rising (falling) more than 1.5 % over 5 bars: buy (short). Stop 2.5 ATR, target 4 ATR.",
  params: QuantumParams,
  needs: [],
  category: "quant",
  run: quantumRow,
};
