/**
 * Backtest statistics with backtesting.py's definitions (its `_stats.compute_stats`), except
 * where stated: `profitFactor` is in currency and the units are in the names. NaN means "not
 * defined" (e.g. win rate with zero trades) and becomes null in JSON.
 * @module
 */
import type { Trade } from "./types.ts";

const DAY_MS = 86_400_000;

/** The summary of a run. Percentages are in percent (12.5 = 12.5 %). */
export interface Stats {
  /** First and last bar time, unix ms. */
  start: number;
  end: number;
  /** `(end − start)` in days. */
  durationDays: number;
  /** Bars with a position open (entry to exit bar, inclusive) over all bars × 100. */
  exposurePct: number;
  equityFinal: number;
  equityPeak: number;
  /** `(equityFinal − equity[0]) / equity[0] × 100`. */
  returnPct: number;
  /**
   * Close of the first bar on which all indicators are defined (`warmup`) to the last close,
   * percent; the mean over symbols when there are several.
   */
  buyHoldReturnPct: number;
  /** `((1 + g)^P − 1) × 100`, g the geometric mean period return (see {@link computeStats}). */
  returnAnnPct: number;
  /**
   * `((equityFinal / equity[0])^(1 / years) − 1) × 100` with `years = durationDays / P`, exactly
   * as backtesting.py (for daily stock data that counts calendar days in 252-day years).
   */
  cagrPct: number;
  /** `sqrt((var + (1 + g)²)^P − (1 + g)^(2P)) × 100`, var the sample variance of period returns. */
  volatilityAnnPct: number;
  /** `(returnAnnPct − riskFreeRatePct) / volatilityAnnPct`. */
  sharpe: number;
  /** `(annReturn − rf) / (sqrt(mean(min(r, 0)²)) × sqrt(P))`. */
  sortino: number;
  /** `annReturn / |max drawdown|` (fractions). */
  calmar: number;
  /** Jensen's alpha: `returnPct − rf − beta × (buyHoldReturnPct − rf)`. */
  alphaPct: number;
  /** `cov(log equity returns, log close returns) / var(log close returns)` over all bars (first symbol). */
  beta: number;
  /** Deepest drawdown from a running equity peak, percent, negative (0 without drawdown). */
  maxDrawdownPct: number;
  /** Mean of each drawdown period's deepest point, percent, negative. */
  avgDrawdownPct: number;
  /** Longest peak-to-recovery (or peak-to-end) time, days. */
  maxDrawdownDurationDays: number;
  avgDrawdownDurationDays: number;
  trades: number;
  /** Trades with pnl > 0 over all trades × 100. */
  winRatePct: number;
  bestTradePct: number;
  worstTradePct: number;
  /** Geometric mean of trade returns: `(Π(1 + r))^(1/n) − 1`, × 100 (0 if some r ≤ −100 %). */
  avgTradePct: number;
  maxTradeDurationDays: number;
  avgTradeDurationDays: number;
  /** Gross profit / gross loss, both in currency (NaN without losing trades). */
  profitFactor: number;
  /** Arithmetic mean of trade returns, percent. */
  expectancyPct: number;
  /** Van Tharp's System Quality Number: `sqrt(n) × mean(pnl) / std(pnl)` (sample std). */
  sqn: number;
  /** `w − (1 − w) / (mean win / mean loss)`, w the win rate as a fraction. */
  kellyCriterion: number;
  /** Commission paid over the run, currency. */
  commissionsPaid: number;
}

/** Inputs of {@link computeStats}. */
export interface StatsInput {
  ts: Float64Array;
  equity: Float64Array;
  trades: readonly Trade[];
  /** Close column of each traded symbol (the first is the market for beta). */
  closes: readonly Float64Array[];
  /** Each symbol's warm-up index (first bar with all indicators defined). */
  warmups: readonly number[];
  commissionsPaid: number;
  /** Annual risk-free rate, percent (default 0). */
  riskFreeRatePct?: number;
}

/**
 * Periods per year for annualisation, as backtesting.py: from the median spacing of the last
 * 100 bars, 52 for weekly (7 days), 12 for monthly (31), 1 for yearly (365); otherwise 365 when
 * more than 60 % of 2/7 of the bars fall on weekends (the data trades every day), else 252.
 */
export function periodsPerYear(
  ts: Float64Array,
): { periods: number; resample: "D" | "W" | "M" | "Y" } {
  const resample = resampleRule(ts);
  if (resample !== "D") return { periods: RESAMPLE_PERIODS[resample], resample };
  const n = ts.length;
  let weekend = 0;
  for (let i = 0; i < n; i++) if (isWeekend(Math.floor(ts[i] / DAY_MS))) weekend++;
  return { periods: dailyPeriods(weekend, n), resample };
}

const RESAMPLE_PERIODS = { W: 52, M: 12, Y: 1 } as const;

/** The resampling rule from the median spacing of the last 100 bars (see {@link periodsPerYear}). */
function resampleRule(ts: Float64Array): "D" | "W" | "M" | "Y" {
  const n = ts.length;
  const from = Math.max(0, n - 100);
  const diffs: number[] = [];
  for (let i = from + 1; i < n; i++) diffs.push(ts[i] - ts[i - 1]);
  diffs.sort((a, b) => a - b);
  let median = NaN;
  if (diffs.length > 0) {
    const m = diffs.length >> 1;
    median = diffs.length % 2 ? diffs[m] : (diffs[m - 1] + diffs[m]) / 2;
  }
  const freqDays = Math.floor(median / DAY_MS);
  if (freqDays === 7) return "W";
  if (freqDays === 31) return "M";
  if (freqDays === 365) return "Y";
  return "D";
}

/** 365 when more than 60 % of 2/7 of the `n` bars fall on weekends, else 252. */
function dailyPeriods(weekend: number, n: number): number {
  return n > 0 && weekend / n > (2 / 7) * 0.6 ? 365 : 252;
}

/**
 * True when unix day `day` (days since 1970-01-01, a Thursday) is a Saturday or Sunday; false
 * for NaN and infinities. Integer arithmetic: a float `%` compiles to a library call.
 */
function isWeekend(day: number): boolean {
  const d = day | 0;
  if (d !== day) return false; // NaN, ±Infinity, or beyond any Date (never in int32 range)
  let dow = (d + 4) % 7;
  if (dow < 0) dow += 7;
  return dow === 0 || dow === 6;
}

/**
 * `year × 12 + month` (month 0..11) of unix day `day`, or the year alone when `yearOnly`, in
 * the proleptic Gregorian calendar (UTC), as `Date`'s getUTCFullYear/getUTCMonth give; NaN for
 * NaN. Integer arithmetic (H. Hinnant's civil_from_days) so no Date is created per bar.
 */
export function monthOrYearKey(day: number, yearOnly: boolean): number {
  const z = day + 719_468; // days since 0000-03-01
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097; // [0, 146096]
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1_460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  ); // [0, 399]
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100)); // [0, 365]
  const mp = Math.floor((5 * doy + 2) / 153); // [0, 11], March = 0
  const month = mp < 10 ? mp + 2 : mp - 10; // 0..11, January = 0
  const year = yoe + era * 400 + (month <= 1 ? 1 : 0);
  return yearOnly ? year : year * 12 + month;
}

const MOMENTS = new WeakMap<Float64Array, { centered: Float64Array; sumSq: number }>();

/**
 * Bars per call of the block kernels below. A long loop that runs once per call is compiled
 * by on-stack replacement, whose code keeps loop-carried floats boxed (a heap number per
 * update); a kernel called once per block is compiled normally after a few blocks, with
 * unboxed floats. Running sums are passed from block to block, so the order of additions, and
 * the result, are those of one loop.
 */
const BLOCK = 4096;

/** Centred log returns of a close column and their sum of squares, cached per column. */
function marketMoments(close: Float64Array): { centered: Float64Array; sumSq: number } {
  let m = MOMENTS.get(close);
  if (m) return m;
  const n = close.length;
  const centered = new Float64Array(n - 1);
  let sum = 0;
  for (let i = 1; i < n; i += BLOCK) {
    sum = logReturns(close, centered, i, Math.min(n, i + BLOCK), sum);
  }
  const mean = sum / (n - 1);
  let sumSq = 0;
  for (let i = 0; i < n - 1; i += BLOCK) {
    sumSq = centerAndSquare(centered, mean, i, Math.min(n - 1, i + BLOCK), sumSq);
  }
  m = { centered, sumSq };
  MOMENTS.set(close, m);
  return m;
}

/** `out[i−1] = log(close[i] / close[i−1])` for i in [from, to); returns `sum` plus them, in order. */
function logReturns(
  close: Float64Array,
  out: Float64Array,
  from: number,
  to: number,
  sum: number,
): number {
  for (let i = from; i < to; i++) sum += out[i - 1] = Math.log(close[i] / close[i - 1]);
  return sum;
}

/** `x[i] −= mean` for i in [from, to); returns `sumSq` plus their squares, in order. */
function centerAndSquare(
  x: Float64Array,
  mean: number,
  from: number,
  to: number,
  sumSq: number,
): number {
  for (let i = from; i < to; i++) {
    x[i] -= mean;
    sumSq += x[i] * x[i];
  }
  return sumSq;
}

/** `exp(mean(log(1 + r))) − 1`, 0 when some `1 + r ≤ 0`, NaN for no values. */
export function geometricMean(returns: ArrayLike<number>): number {
  const n = returns.length;
  if (n === 0) return NaN;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const x = 1 + returns[i];
    if (!(x > 0)) return 0;
    sum += Math.log(x);
  }
  return Math.exp(sum / n) - 1;
}

/**
 * Computes {@link Stats} from an equity curve and its trades.
 *
 * Period returns: equity resampled to calendar days (weeks, months, years for such data) taking
 * each period's last value, then `r = e[t] / e[t−1] − 1`. As in backtesting.py the geometric mean
 * `g` also counts the undefined first return as 0, and P is {@link periodsPerYear}.
 *
 * @example
 * ```ts
 * const stats = computeStats({ ts, equity, trades, closes: [close], warmups: [19], commissionsPaid: 0 });
 * stats.returnPct; // e.g. 42.1
 * ```
 */
export function computeStats(input: StatsInput): Stats {
  return computeStatsAndDrawdown(input, null);
}

/**
 * {@link computeStats}, also writing {@link drawdownPct}`(input.equity)` into `drawdownOut`
 * (same length as the equity) from the same pass, when given.
 */
export function computeStatsAndDrawdown(
  input: StatsInput,
  drawdownOut: Float64Array | null,
): Stats {
  const { ts, equity, trades } = input;
  const n = equity.length;
  if (n === 0 || ts.length !== n) {
    throw new RangeError(
      `computeStats: expected equal non-empty ts and equity, was ${ts.length}/${n}`,
    );
  }
  if (drawdownOut !== null && drawdownOut.length !== n) {
    throw new RangeError(
      `computeStats: expected a drawdown output of ${n} values, was ${drawdownOut.length}`,
    );
  }
  const rf = input.riskFreeRatePct ?? 0;
  const e0 = equity[0];
  const eN = equity[n - 1];
  const resample = resampleRule(ts);
  const market = input.closes[0];
  const mk = market && n > 2 ? marketMoments(market) : null;
  const centered = mk === null ? null : mk.centered;

  const acc = scanState();
  const code = RESAMPLE_CODE[resample];
  for (let i = 0; i < n; i += BLOCK) {
    scanBars(ts, equity, centered, code, drawdownOut, acc, i, Math.min(n, i + BLOCK));
  }
  closeLastPeriod(acc);
  const peak = acc[ACC_PEAK];
  const maxDd = acc[ACC_MAX_DD];
  const ddCount = acc[ACC_DD_COUNT];
  const ddDepthSum = acc[ACC_DD_DEPTH_SUM];
  const ddDurSum = acc[ACC_DD_DUR_SUM];
  const ddDurMax = acc[ACC_DD_DUR_MAX];
  const lastDd = acc[ACC_LAST_DD];
  const m = acc[ACC_M];
  const m2 = acc[ACC_M2];
  const downSq = acc[ACC_DOWN_SQ];
  const nonPositive = acc[ACC_NON_POSITIVE] !== 0;
  const lastOfPrev = acc[ACC_LAST_OF_PREV];
  const firstLast = acc[ACC_FIRST_LAST];
  const weekend = acc[ACC_WEEKEND];
  const cov = acc[ACC_COV];

  let avgDd = ddCount > 0 ? ddDepthSum / ddCount : NaN;
  if (ddCount === 0 && lastDd > 0) avgDd = lastDd; // only the last bar is under water

  const periods = resample === "D" ? dailyPeriods(weekend, n) : RESAMPLE_PERIODS[resample];
  // Σ log(1 + r_j) telescopes to log(last / first)
  const g = nonPositive || m === 0 ? 0 : Math.exp(Math.log(lastOfPrev / firstLast) / (m + 1)) - 1;
  const variance = m > 1 ? m2 / (m - 1) : NaN;
  const annReturn = (1 + g) ** periods - 1;
  const volAnn = Math.sqrt((variance + (1 + g) ** 2) ** periods - (1 + g) ** (2 * periods)) * 100;
  const returnAnnPct = annReturn * 100;
  const sharpe = (returnAnnPct - rf) / (volAnn || NaN);
  const downside = m > 0 ? Math.sqrt(downSq / m) * Math.sqrt(periods) : NaN;
  const sortino = (annReturn - rf / 100) / downside;
  const calmar = annReturn / (maxDd || NaN);

  const durationDays = (ts[n - 1] - ts[0]) / DAY_MS;
  const years = durationDays / periods;
  const cagrPct = years ? ((eN / e0) ** (1 / years) - 1) * 100 : NaN;
  const returnPct = ((eN - e0) / e0) * 100;

  // buy & hold from each symbol's warm-up close
  let bh = 0;
  for (let s = 0; s < input.closes.length; s++) {
    const c = input.closes[s];
    const w = Math.min(Math.max(0, input.warmups[s] ?? 0), n - 1);
    bh += ((c[n - 1] - c[w]) / c[w]) * 100;
  }
  const buyHoldReturnPct = input.closes.length ? bh / input.closes.length : NaN;

  // beta on log returns over all bars
  const beta = mk === null ? NaN : cov / mk.sumSq;
  const alphaPct = returnPct - rf - beta * (buyHoldReturnPct - rf);

  const tr = tradeStats(trades);
  const { nt, wins, grossWin, grossLoss, nLoss, best, worst, retSum, durMax, durSum } = tr;
  const pnlMean = tr.pnlMean;
  const pnlStd = tr.pnlStd;
  const winRate = nt ? wins / nt : NaN;
  const avgWin = wins ? grossWin / wins : NaN;
  const avgLoss = nLoss ? grossLoss / nLoss : NaN;
  const exposed = tr.exposed;
  const tradeRets = tr.tradeRets;

  return {
    start: ts[0],
    end: ts[n - 1],
    durationDays,
    exposurePct: (exposed / n) * 100,
    equityFinal: eN,
    equityPeak: peak,
    returnPct,
    buyHoldReturnPct,
    returnAnnPct,
    cagrPct,
    volatilityAnnPct: volAnn,
    sharpe,
    sortino,
    calmar,
    alphaPct,
    beta,
    maxDrawdownPct: maxDd === 0 ? 0 : -maxDd * 100,
    avgDrawdownPct: -avgDd * 100,
    maxDrawdownDurationDays: ddDurMax,
    avgDrawdownDurationDays: ddCount ? ddDurSum / ddCount : NaN,
    trades: nt,
    winRatePct: winRate * 100,
    bestTradePct: best,
    worstTradePct: worst,
    avgTradePct: nt ? geometricMean(tradeRets) * 100 : NaN,
    maxTradeDurationDays: durMax,
    avgTradeDurationDays: nt ? durSum / nt : NaN,
    profitFactor: grossWin / (grossLoss || NaN),
    expectancyPct: nt ? retSum / nt : NaN,
    sqn: (Math.sqrt(nt) * pnlMean) / (pnlStd || NaN),
    kellyCriterion: winRate - (1 - winRate) / (avgWin / avgLoss),
    commissionsPaid: input.commissionsPaid,
  };
}

const RESAMPLE_CODE = { D: 0, W: 1, M: 2, Y: 3 } as const;

// slots of scanBars' state
const ACC_PEAK = 0;
const ACC_MAX_DD = 1;
const ACC_DD_COUNT = 2;
const ACC_DD_DEPTH_SUM = 3;
const ACC_DD_DUR_SUM = 4;
const ACC_DD_DUR_MAX = 5;
const ACC_LAST_DD = 6;
const ACC_M = 7;
const ACC_MEAN = 8;
const ACC_M2 = 9;
const ACC_DOWN_SQ = 10;
const ACC_NON_POSITIVE = 11;
const ACC_LAST_OF_PREV = 12;
const ACC_FIRST_LAST = 13;
const ACC_WEEKEND = 14;
const ACC_COV = 15;
const ACC_PREV = 16;
const ACC_DEPTH = 17;
const ACC_KEY = 18;
const ACC_E_PREV = 19;
const ACC_SIZE = 20;

/** The initial state of {@link scanBars}. */
function scanState(): Float64Array {
  const acc = new Float64Array(ACC_SIZE);
  acc[ACC_PEAK] = -Infinity;
  acc[ACC_DD_DUR_MAX] = NaN;
  acc[ACC_LAST_OF_PREV] = NaN; // last equity of the previous period
  acc[ACC_FIRST_LAST] = NaN; // last equity of the first period
  acc[ACC_PREV] = -1;
  acc[ACC_KEY] = NaN;
  acc[ACC_E_PREV] = NaN;
  return acc;
}

/**
 * The per-bar part of the stats for bars [from, to), carrying its state in `acc` (the ACC_*
 * slots, from {@link scanState}) so that blocks called in order give what one pass over all
 * bars gives; each accumulator is updated in the order separate passes would:
 * - drawdowns: periods run from a bar at the peak (dd = 0) to the next one or the end; the
 *   drawdown series goes to `ddOut` when given;
 * - period returns, streamed (Welford for the variance): `r = e[t] / e[t−1] − 1` over the last
 *   equity of each period (`resample`: 0 days, 1 weeks, 2 months, 3 years); the last period is
 *   closed by {@link closeLastPeriod};
 * - weekend bars (for P with daily resampling);
 * - beta's covariance `Σ log(e[i] / e[i−1]) · centered[i−1]` when `centered` is given.
 */
function scanBars(
  ts: Float64Array,
  equity: Float64Array,
  centered: Float64Array | null,
  resample: number,
  ddOut: Float64Array | null,
  acc: Float64Array,
  from: number,
  to: number,
): void {
  const last = equity.length - 1;
  let peak = acc[ACC_PEAK];
  let maxDd = acc[ACC_MAX_DD];
  let ddCount = acc[ACC_DD_COUNT];
  let ddDepthSum = acc[ACC_DD_DEPTH_SUM];
  let ddDurSum = acc[ACC_DD_DUR_SUM];
  let ddDurMax = acc[ACC_DD_DUR_MAX];
  let prev = acc[ACC_PREV];
  let depth = acc[ACC_DEPTH];
  let lastDd = acc[ACC_LAST_DD];
  let m = acc[ACC_M];
  let mean = acc[ACC_MEAN];
  let m2 = acc[ACC_M2];
  let downSq = acc[ACC_DOWN_SQ];
  let nonPositive = acc[ACC_NON_POSITIVE];
  let lastOfPrev = acc[ACC_LAST_OF_PREV];
  let firstLast = acc[ACC_FIRST_LAST];
  let weekend = acc[ACC_WEEKEND];
  let cov = acc[ACC_COV];
  let key = acc[ACC_KEY];
  let ePrev = acc[ACC_E_PREV];
  for (let i = from; i < to; i++) {
    const e = equity[i];
    const t = ts[i];
    if (e > peak) peak = e;
    const d = 1 - e / peak;
    // −(1 − x) is exactly x − 1 (rounding is symmetric), so this is drawdownPct's value
    if (ddOut !== null) ddOut[i] = d === 0 ? 0 : -d * 100;
    if (d > maxDd) maxDd = d;
    if (d > depth) depth = d;
    lastDd = d;
    if (d === 0 || i === last) {
      if (prev >= 0 && i > prev + 1) {
        const dur = (t - ts[prev]) / DAY_MS;
        ddCount++;
        ddDepthSum += depth;
        ddDurSum += dur;
        if (!(dur <= ddDurMax)) ddDurMax = dur;
      }
      prev = i;
      depth = 0;
    }

    const day = Math.floor(t / DAY_MS);
    let kk = day;
    if (resample === 0) {
      if (isWeekend(day)) weekend++;
    } else if (resample === 1) {
      kk = Math.floor((day + 3) / 7); // weeks Monday..Sunday, like pandas "W" (ending Sunday)
    } else kk = monthOrYearKey(day, resample === 3);
    if (i === 0) key = kk;
    else {
      if (kk !== key) {
        // close the period that ended at bar i − 1
        if (lastOfPrev === lastOfPrev) {
          const r = ePrev / lastOfPrev - 1;
          m++;
          const delta = r - mean;
          mean += delta / m;
          m2 += delta * (r - mean);
          if (r < 0) downSq += r * r;
          if (!(1 + r > 0)) nonPositive = 1;
        } else firstLast = ePrev;
        lastOfPrev = ePrev;
        key = kk;
      }
      if (centered !== null) {
        const ratio = e / ePrev;
        if (ratio !== 1) cov += Math.log(ratio) * centered[i - 1];
      }
    }
    ePrev = e;
  }
  acc[ACC_PEAK] = peak;
  acc[ACC_MAX_DD] = maxDd;
  acc[ACC_DD_COUNT] = ddCount;
  acc[ACC_DD_DEPTH_SUM] = ddDepthSum;
  acc[ACC_DD_DUR_SUM] = ddDurSum;
  acc[ACC_DD_DUR_MAX] = ddDurMax;
  acc[ACC_PREV] = prev;
  acc[ACC_DEPTH] = depth;
  acc[ACC_LAST_DD] = lastDd;
  acc[ACC_M] = m;
  acc[ACC_MEAN] = mean;
  acc[ACC_M2] = m2;
  acc[ACC_DOWN_SQ] = downSq;
  acc[ACC_NON_POSITIVE] = nonPositive;
  acc[ACC_LAST_OF_PREV] = lastOfPrev;
  acc[ACC_FIRST_LAST] = firstLast;
  acc[ACC_WEEKEND] = weekend;
  acc[ACC_COV] = cov;
  acc[ACC_KEY] = key;
  acc[ACC_E_PREV] = ePrev;
}

/** Closes the last period of {@link scanBars}' period returns (ending at the last bar). */
function closeLastPeriod(acc: Float64Array): void {
  const ePrev = acc[ACC_E_PREV];
  const lastOfPrev = acc[ACC_LAST_OF_PREV];
  if (lastOfPrev === lastOfPrev) {
    const r = ePrev / lastOfPrev - 1;
    const m = acc[ACC_M] + 1;
    const mean = acc[ACC_MEAN];
    const delta = r - mean;
    const meanNext = mean + delta / m;
    acc[ACC_M] = m;
    acc[ACC_MEAN] = meanNext;
    acc[ACC_M2] += delta * (r - meanNext);
    if (r < 0) acc[ACC_DOWN_SQ] += r * r;
    if (!(1 + r > 0)) acc[ACC_NON_POSITIVE] = 1;
  } else acc[ACC_FIRST_LAST] = ePrev;
  acc[ACC_LAST_OF_PREV] = ePrev;
}

/** Sums over the trades for {@link computeStats}. */
function tradeStats(trades: readonly Trade[]) {
  const nt = trades.length;
  let wins = 0, grossWin = 0, grossLoss = 0, nLoss = 0;
  let best = NaN, worst = NaN, retSum = 0, pnlSum = 0;
  let durMax = NaN, durSum = 0;
  const tradeRets = new Float64Array(nt);
  // exposure: bars from entry to exit, inclusive, counted once; trades come in exit order, so
  // sort by entry only when they are not already
  const from = new Float64Array(nt);
  const to = new Float64Array(nt);
  let sorted = true;
  for (let t = 0; t < nt; t++) {
    const tr = trades[t];
    from[t] = tr.entryBar;
    to[t] = tr.exitBar;
    if (t > 0 && from[t] < from[t - 1]) sorted = false;
    if (tr.pnl > 0) {
      wins++;
      grossWin += tr.pnl;
    } else if (tr.pnl < 0) {
      nLoss++;
      grossLoss -= tr.pnl;
    }
    if (!(tr.returnPct <= best)) best = tr.returnPct;
    if (!(tr.returnPct >= worst)) worst = tr.returnPct;
    retSum += tr.returnPct;
    pnlSum += tr.pnl;
    tradeRets[t] = tr.returnPct / 100;
    if (!(tr.durationDays <= durMax)) durMax = tr.durationDays;
    durSum += tr.durationDays;
  }
  let order: number[] | null = null;
  if (!sorted) {
    // a stable sort by entry bar, as Array.prototype.sort on the spans was
    order = Array.from({ length: nt }, (_, t) => t);
    order.sort((a, b) => from[a] - from[b]);
  }
  let exposed = 0;
  let coveredTo = -1; // bars up to this index are counted
  for (let j = 0; j < nt; j++) {
    const t = order === null ? j : order[j];
    const lo = Math.max(from[t], coveredTo + 1);
    if (to[t] >= lo) {
      exposed += to[t] - lo + 1;
      coveredTo = to[t];
    }
  }
  let pnlSs = 0;
  const pnlMean = nt ? pnlSum / nt : NaN;
  for (let t = 0; t < nt; t++) pnlSs += (trades[t].pnl - pnlMean) ** 2;
  const pnlStd = nt > 1 ? Math.sqrt(pnlSs / (nt - 1)) : NaN;
  return {
    nt,
    wins,
    grossWin,
    grossLoss,
    nLoss,
    best,
    worst,
    retSum,
    durMax,
    durSum,
    pnlMean,
    pnlStd,
    exposed,
    tradeRets,
  };
}

/** Drawdown series in percent (≤ 0): `(equity / running peak − 1) × 100`. */
export function drawdownPct(equity: Float64Array): Float64Array {
  const out = new Float64Array(equity.length);
  let peak = -Infinity;
  for (let i = 0; i < equity.length; i++) {
    if (equity[i] > peak) peak = equity[i];
    const d = (equity[i] / peak - 1) * 100;
    out[i] = d === 0 ? 0 : d;
  }
  return out;
}
