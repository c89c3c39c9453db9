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
  if (freqDays === 7) return { periods: 52, resample: "W" };
  if (freqDays === 31) return { periods: 12, resample: "M" };
  if (freqDays === 365) return { periods: 1, resample: "Y" };
  let weekend = 0;
  for (let i = 0; i < n; i++) {
    const dow = new Date(ts[i]).getUTCDay();
    if (dow === 0 || dow === 6) weekend++;
  }
  return { periods: n > 0 && weekend / n > (2 / 7) * 0.6 ? 365 : 252, resample: "D" };
}

function periodKey(t: number, resample: "D" | "W" | "M" | "Y"): number {
  const day = Math.floor(t / DAY_MS);
  switch (resample) {
    case "D":
      return day;
    case "W":
      return Math.floor((day + 3) / 7); // weeks Monday..Sunday, like pandas "W" (ending Sunday)
    case "M": {
      const d = new Date(t);
      return d.getUTCFullYear() * 12 + d.getUTCMonth();
    }
    case "Y":
      return new Date(t).getUTCFullYear();
  }
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
  const { ts, equity, trades } = input;
  const n = equity.length;
  if (n === 0 || ts.length !== n) {
    throw new RangeError(
      `computeStats: expected equal non-empty ts and equity, was ${ts.length}/${n}`,
    );
  }
  const rf = input.riskFreeRatePct ?? 0;
  const e0 = equity[0];
  const eN = equity[n - 1];

  // drawdowns
  let peak = -Infinity;
  let maxDd = 0;
  const dd = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (equity[i] > peak) peak = equity[i];
    dd[i] = 1 - equity[i] / peak;
    if (dd[i] > maxDd) maxDd = dd[i];
  }
  let ddCount = 0;
  let ddDepthSum = 0;
  let ddDurSum = 0;
  let ddDurMax = NaN;
  let prev = -1;
  for (let i = 0; i < n; i++) {
    if (!(dd[i] === 0 || i === n - 1)) continue;
    if (prev >= 0 && i > prev + 1) {
      let depth = 0;
      for (let j = prev; j <= i; j++) if (dd[j] > depth) depth = dd[j];
      const dur = (ts[i] - ts[prev]) / DAY_MS;
      ddCount++;
      ddDepthSum += depth;
      ddDurSum += dur;
      if (!(dur <= ddDurMax)) ddDurMax = dur;
    }
    prev = i;
  }
  let avgDd = ddCount > 0 ? ddDepthSum / ddCount : NaN;
  if (ddCount === 0 && dd[n - 1] > 0) avgDd = dd[n - 1]; // only the last bar is under water

  // period returns
  const { periods, resample } = periodsPerYear(ts);
  const last: number[] = [];
  let key = NaN;
  for (let i = 0; i < n; i++) {
    const kk = periodKey(ts[i], resample);
    if (kk !== key) {
      last.push(equity[i]);
      key = kk;
    } else last[last.length - 1] = equity[i];
  }
  const m = last.length - 1; // number of defined returns
  let logSum = 0;
  let nonPositive = false;
  let mean = 0;
  let downSq = 0;
  const rets = new Float64Array(Math.max(0, m));
  for (let j = 1; j <= m; j++) {
    const r = last[j] / last[j - 1] - 1;
    rets[j - 1] = r;
    mean += r;
    if (r < 0) downSq += r * r;
    if (1 + r <= 0) nonPositive = true;
    else logSum += Math.log(1 + r);
  }
  const g = nonPositive ? 0 : Math.exp(logSum / (m + 1)) - 1;
  mean = m > 0 ? mean / m : NaN;
  let variance = NaN;
  if (m > 1) {
    let ss = 0;
    for (let j = 0; j < m; j++) ss += (rets[j] - mean) ** 2;
    variance = ss / (m - 1);
  }
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
  let beta = NaN;
  const market = input.closes[0];
  if (market && n > 2) {
    let sx = 0, sy = 0;
    const cnt = n - 1;
    for (let i = 1; i < n; i++) {
      sx += Math.log(equity[i] / equity[i - 1]);
      sy += Math.log(market[i] / market[i - 1]);
    }
    const mx = sx / cnt, my = sy / cnt;
    let cov = 0, vy = 0;
    for (let i = 1; i < n; i++) {
      const dx = Math.log(equity[i] / equity[i - 1]) - mx;
      const dy = Math.log(market[i] / market[i - 1]) - my;
      cov += dx * dy;
      vy += dy * dy;
    }
    beta = cov / vy;
  }
  const alphaPct = returnPct - rf - beta * (buyHoldReturnPct - rf);

  // trades
  const nt = trades.length;
  const have = new Uint8Array(n);
  let wins = 0, grossWin = 0, grossLoss = 0, nLoss = 0;
  let best = NaN, worst = NaN, retSum = 0, pnlSum = 0;
  let durMax = NaN, durSum = 0;
  const tradeRets = new Float64Array(nt);
  for (let t = 0; t < nt; t++) {
    const tr = trades[t];
    have.fill(1, tr.entryBar, tr.exitBar + 1);
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
  for (let i = 0; i < n; i++) exposed += have[i];
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
