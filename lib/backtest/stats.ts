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

/** Centred log returns of a close column and their sum of squares, cached per column. */
function marketMoments(close: Float64Array): { centered: Float64Array; sumSq: number } {
  let m = MOMENTS.get(close);
  if (m) return m;
  const n = close.length;
  const centered = new Float64Array(n - 1);
  let sum = 0;
  for (let i = 1; i < n; i++) sum += centered[i - 1] = Math.log(close[i] / close[i - 1]);
  const mean = sum / (n - 1);
  let sumSq = 0;
  for (let i = 0; i < n - 1; i++) {
    centered[i] -= mean;
    sumSq += centered[i] * centered[i];
  }
  m = { centered, sumSq };
  MOMENTS.set(close, m);
  return m;
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

  // One pass over the bars, each accumulator updated in the same order as separate passes would:
  // - drawdowns: periods run from a bar at the peak (dd = 0) to the next one or the end;
  // - period returns, streamed (Welford for the variance): r = e[t] / e[t−1] − 1 over the last
  //   equity of each period;
  // - weekend bars (for P with daily resampling);
  // - beta: cov = Σ x_i (y_i − ȳ), the market side cached per close column.
  let peak = -Infinity;
  let maxDd = 0;
  let ddCount = 0;
  let ddDepthSum = 0;
  let ddDurSum = 0;
  let ddDurMax = NaN;
  let prev = -1;
  let depth = 0;
  let lastDd = 0;
  let m = 0; // defined period returns
  let mean = 0;
  let m2 = 0;
  let downSq = 0;
  let nonPositive = false;
  let lastOfPrev = NaN; // last equity of the previous period
  let firstLast = NaN; // last equity of the first period
  let weekend = 0;
  let cov = 0;
  let key = NaN;
  let ePrev = NaN;
  for (let i = 0; i < n; i++) {
    const e = equity[i];
    const t = ts[i];
    if (e > peak) peak = e;
    const d = 1 - e / peak;
    // -(1 − x) is exactly x − 1 (rounding is symmetric), so this is drawdownPct's value
    if (drawdownOut !== null) drawdownOut[i] = d === 0 ? 0 : -d * 100;
    if (d > maxDd) maxDd = d;
    if (d > depth) depth = d;
    lastDd = d;
    if (d === 0 || i === n - 1) {
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
    if (resample === "D") {
      if (isWeekend(day)) weekend++;
    }
    const kk = resample === "D" ? day : resample === "W"
      ? Math.floor((day + 3) / 7) // weeks Monday..Sunday, like pandas "W" (ending Sunday)
      : monthOrYearKey(day, resample === "Y");
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
          if (!(1 + r > 0)) nonPositive = true;
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
  // close the last period
  if (lastOfPrev === lastOfPrev) {
    const r = ePrev / lastOfPrev - 1;
    m++;
    const delta = r - mean;
    mean += delta / m;
    m2 += delta * (r - mean);
    if (r < 0) downSq += r * r;
    if (!(1 + r > 0)) nonPositive = true;
  } else firstLast = ePrev;
  lastOfPrev = ePrev;

  let avgDd = ddCount > 0 ? ddDepthSum / ddCount : NaN;
  if (ddCount === 0 && lastDd > 0) avgDd = lastDd; // only the last bar is under water

  const periods = resample === "D" ? dailyPeriods(weekend, n) : RESAMPLE_PERIODS[resample];
  // Σ log(1 + r_j) telescopes to log(last / first)
  const g = nonPositive || m === 0 ? 0 : Math.exp(Math.log(lastOfPrev / firstLast) / (m + 1)) - 1;
  if (m === 0) mean = NaN;
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

  // trades
  const nt = trades.length;
  const spans: [number, number][] = new Array(nt);
  let wins = 0, grossWin = 0, grossLoss = 0, nLoss = 0;
  let best = NaN, worst = NaN, retSum = 0, pnlSum = 0;
  let durMax = NaN, durSum = 0;
  const tradeRets = new Float64Array(nt);
  for (let t = 0; t < nt; t++) {
    const tr = trades[t];
    spans[t] = [tr.entryBar, tr.exitBar];
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
  let exposed = 0;
  spans.sort((a, b) => a[0] - b[0]);
  let coveredTo = -1; // bars up to this index are counted
  for (const [from, to] of spans) {
    const lo = Math.max(from, coveredTo + 1);
    if (to >= lo) {
      exposed += to - lo + 1;
      coveredTo = to;
    }
  }
  let pnlSs = 0;
  const pnlMean = nt ? pnlSum / nt : NaN;
  for (let t = 0; t < nt; t++) pnlSs += (trades[t].pnl - pnlMean) ** 2;
  const pnlStd = nt > 1 ? Math.sqrt(pnlSs / (nt - 1)) : NaN;
  const winRate = nt ? wins / nt : NaN;
  const avgWin = wins ? grossWin / wins : NaN;
  const avgLoss = nLoss ? grossLoss / nLoss : NaN;

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
