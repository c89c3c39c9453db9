/**
 * The statistics an optimisation needs from each trial, computed in one pass over the equity
 * curve with the period grid prepared once per bar series. Every value equals the field of the
 * same name in lib/backtest/stats.ts `computeStats` (checked in metrics_test.ts); the per-period
 * return moments feed the deflated Sharpe ratio and the block sums feed PBO.
 * @module
 */
import { periodsPerYear } from "../backtest/stats.ts";
import type { Trade } from "../backtest/types.ts";
import { type BlockStats, setTrialReturns } from "./pbo.ts";

const DAY_MS = 86_400_000;

/** Where each resampling period ends, prepared once for a bar series. */
export interface PeriodGrid {
  /** Periods per year P (252 for daily stock data). */
  periods: number;
  /** Index of the last bar of each period (calendar day, week, month or year). */
  lastIndex: Int32Array;
  /** `(ts[n−1] − ts[0])` in days. */
  durationDays: number;
}

/** The period grid of `ts`, grouped exactly as `computeStats` groups it. */
export function periodGrid(ts: Float64Array): PeriodGrid {
  const n = ts.length;
  if (n === 0) throw new RangeError("periodGrid: expected at least one bar, was 0");
  const { periods, resample } = periodsPerYear(ts);
  const key = (t: number) => {
    const day = Math.floor(t / DAY_MS);
    if (resample === "D") return day;
    if (resample === "W") return Math.floor((day + 3) / 7);
    const d = new Date(t);
    return resample === "M" ? d.getUTCFullYear() * 12 + d.getUTCMonth() : d.getUTCFullYear();
  };
  const last: number[] = [];
  let k = NaN;
  for (let i = 0; i < n; i++) {
    const kk = key(ts[i]);
    if (kk !== k) {
      last.push(i);
      k = kk;
    } else last[last.length - 1] = i;
  }
  return { periods, lastIndex: Int32Array.from(last), durationDays: (ts[n - 1] - ts[0]) / DAY_MS };
}

/** Per-trial statistics (units as in `Stats`: percent in `*Pct`). */
export interface TrialMetrics {
  returnPct: number;
  returnAnnPct: number;
  cagrPct: number;
  volatilityAnnPct: number;
  sharpe: number;
  sortino: number;
  calmar: number;
  /** Deepest drawdown, percent, ≤ 0. */
  maxDrawdownPct: number;
  trades: number;
  winRatePct: number;
  profitFactor: number;
  expectancyPct: number;
  sqn: number;
  equityFinal: number;
  /** Per-period (not annualised) Sharpe `mean(r)/std(r)` of the period returns. */
  sharpePerPeriod: number;
  /** Skewness and (non-excess) kurtosis of the period returns. */
  skew: number;
  kurtosis: number;
  /** Number of period returns T. */
  periodsCount: number;
}

/** Names of the metrics, for objectives, constraints and tables. */
export const METRIC_NAMES = [
  "returnPct",
  "returnAnnPct",
  "cagrPct",
  "volatilityAnnPct",
  "sharpe",
  "sortino",
  "calmar",
  "maxDrawdownPct",
  "trades",
  "winRatePct",
  "profitFactor",
  "expectancyPct",
  "sqn",
  "equityFinal",
  "sharpePerPeriod",
  "skew",
  "kurtosis",
  "periodsCount",
] as const satisfies readonly (keyof TrialMetrics)[];
/** One of {@link METRIC_NAMES}. */
export type MetricName = typeof METRIC_NAMES[number];

/**
 * Computes {@link TrialMetrics} for one run. When `blocks` is given, the trial's period returns
 * are written into it at `trial` for PBO.
 *
 * @example
 * ```ts
 * const grid = periodGrid(bars.ts);
 * const m = trialMetrics(grid, sim.equity, sim.trades); // m.sharpe === computeStats(...).sharpe
 * ```
 */
export function trialMetrics(
  grid: PeriodGrid,
  equity: Float64Array,
  trades: readonly Trade[],
  options: { riskFreeRatePct?: number; blocks?: BlockStats; trial?: number } = {},
): TrialMetrics {
  const n = equity.length;
  const rf = options.riskFreeRatePct ?? 0;
  const e0 = equity[0];
  const eN = equity[n - 1];
  let peak = -Infinity, maxDd = 0;
  for (let i = 0; i < n; i++) {
    const e = equity[i];
    if (e > peak) peak = e;
    const d = 1 - e / peak;
    if (d > maxDd) maxDd = d;
  }
  const li = grid.lastIndex;
  const m = li.length - 1;
  const rets = new Float64Array(Math.max(0, m));
  let logSum = 0, nonPositive = false, sum = 0, downSq = 0;
  for (let j = 1; j <= m; j++) {
    const r = equity[li[j]] / equity[li[j - 1]] - 1;
    rets[j - 1] = r;
    sum += r;
    if (r < 0) downSq += r * r;
    if (1 + r <= 0) nonPositive = true;
    else logSum += Math.log(1 + r);
  }
  const P = grid.periods;
  const g = nonPositive ? 0 : Math.exp(logSum / (m + 1)) - 1;
  const mean = m > 0 ? sum / m : NaN;
  let m2 = 0, m3 = 0, m4 = 0;
  for (let j = 0; j < m; j++) {
    const d = rets[j] - mean;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  const variance = m > 1 ? m2 / (m - 1) : NaN;
  const annReturn = (1 + g) ** P - 1;
  const volAnn = Math.sqrt((variance + (1 + g) ** 2) ** P - (1 + g) ** (2 * P)) * 100;
  const returnAnnPct = annReturn * 100;
  const downside = m > 0 ? Math.sqrt(downSq / m) * Math.sqrt(P) : NaN;
  const years = grid.durationDays / P;
  const std = Math.sqrt(variance);
  const pm2 = m2 / m;

  const nt = trades.length;
  let wins = 0, grossWin = 0, grossLoss = 0, retSum = 0, pnlSum = 0;
  for (let t = 0; t < nt; t++) {
    const tr = trades[t];
    if (tr.pnl > 0) {
      wins++;
      grossWin += tr.pnl;
    } else if (tr.pnl < 0) grossLoss -= tr.pnl;
    retSum += tr.returnPct;
    pnlSum += tr.pnl;
  }
  const pnlMean = nt ? pnlSum / nt : NaN;
  let pnlSs = 0;
  for (let t = 0; t < nt; t++) pnlSs += (trades[t].pnl - pnlMean) ** 2;
  const pnlStd = nt > 1 ? Math.sqrt(pnlSs / (nt - 1)) : NaN;

  if (options.blocks) setTrialReturns(options.blocks, options.trial ?? 0, rets);
  return {
    returnPct: ((eN - e0) / e0) * 100,
    returnAnnPct,
    cagrPct: years ? ((eN / e0) ** (1 / years) - 1) * 100 : NaN,
    volatilityAnnPct: volAnn,
    sharpe: (returnAnnPct - rf) / (volAnn || NaN),
    sortino: (annReturn - rf / 100) / downside,
    calmar: annReturn / (maxDd || NaN),
    maxDrawdownPct: maxDd === 0 ? 0 : -maxDd * 100,
    trades: nt,
    winRatePct: nt ? (wins / nt) * 100 : NaN,
    profitFactor: grossWin / (grossLoss || NaN),
    expectancyPct: nt ? retSum / nt : NaN,
    sqn: (Math.sqrt(nt) * pnlMean) / (pnlStd || NaN),
    equityFinal: eN,
    sharpePerPeriod: std > 0 ? mean / std : NaN,
    skew: pm2 > 0 ? (m3 / m) / pm2 ** 1.5 : NaN,
    kurtosis: pm2 > 0 ? (m4 / m) / (pm2 * pm2) : NaN,
    periodsCount: m,
  };
}
