/**
 * The probabilistic and deflated Sharpe ratios of Bailey and López de Prado ("The Sharpe Ratio
 * Efficient Frontier", 2012; "The Deflated Sharpe Ratio: Correcting for Selection Bias, Backtest
 * Overfitting and Non-Normality", 2014).
 *
 * Every Sharpe ratio here is **per period** (not annualised): `mean(r) / std(r)` of the period
 * returns the stats use (daily for daily bars). Kurtosis is the plain (non-excess) fourth
 * standardised moment, 3 for a normal distribution.
 * @module
 */
import { normCdf } from "../options/normal.ts";

/** Euler–Mascheroni constant γ. */
export const EULER_GAMMA = 0.5772156649015329;

/**
 * Inverse of the standard normal CDF (the probit), Acklam's rational approximation refined by
 * one Halley step against Cody's `normCdf`: absolute error below 1e-13 on (1e-300, 1 − 1e-16).
 * Returns −Infinity at 0, +Infinity at 1 and NaN outside [0, 1].
 *
 * @example
 * ```ts
 * normInv(0.975); // 1.959963984540054
 * ```
 */
export function normInv(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269];
  const a4 = -30.66479806614716, a5 = 2.506628277459239;
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972];
  const b4 = -13.28068155288572;
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734];
  const c4 = 4.374664141464968, c5 = 2.938163982698783;
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  let x: number;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c4) * q + c5) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p <= 1 - lo) {
    const q = p - 0.5;
    const r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a4) * r + a5) * q /
      (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b4) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c4) * q + c5) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  // one Halley step: e = Φ(x) − p, u = e·√(2π)·exp(x²/2)
  const e = normCdf(x) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

/** Sample moments of a return series, as the DSR needs them. */
export interface ReturnMoments {
  /** Number of returns T. */
  count: number;
  mean: number;
  /** Sample standard deviation (n − 1). */
  std: number;
  /** Per-period Sharpe ratio `mean / std` (NaN when std is 0 or T < 2). */
  sharpe: number;
  /** Skewness γ3 = m3 / m2^1.5 (population moments, as the paper's estimator). */
  skew: number;
  /** Kurtosis γ4 = m4 / m2² (non-excess: 3 for a normal). */
  kurtosis: number;
}

/**
 * Mean, std, per-period Sharpe, skewness and kurtosis of `returns`.
 *
 * @example
 * ```ts
 * returnMoments([0.01, -0.02, 0.03]).sharpe; // 0.4
 * ```
 */
export function returnMoments(returns: ArrayLike<number>): ReturnMoments {
  const n = returns.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += returns[i];
  const mean = n > 0 ? sum / n : NaN;
  let m2 = 0, m3 = 0, m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = returns[i] - mean;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  const std = n > 1 ? Math.sqrt(m2 / (n - 1)) : NaN;
  const pm2 = m2 / n;
  return {
    count: n,
    mean,
    std,
    sharpe: std > 0 ? mean / std : NaN,
    skew: pm2 > 0 ? (m3 / n) / pm2 ** 1.5 : NaN,
    kurtosis: pm2 > 0 ? (m4 / n) / (pm2 * pm2) : NaN,
  };
}

/**
 * Probabilistic Sharpe ratio: the probability that the true per-period Sharpe exceeds
 * `benchmark`, given an observed `sharpe` over `count` returns with skewness `skew` and
 * kurtosis `kurtosis`:
 *
 * `PSR = Φ( (SR − SR*) · √(T − 1) / √(1 − γ3·SR + (γ4 − 1)/4 · SR²) )`.
 *
 * @example
 * ```ts
 * probabilisticSharpe({ sharpe: 0.1, benchmark: 0, count: 251, skew: 0, kurtosis: 3 }); // ≈ 0.9426
 * ```
 */
export function probabilisticSharpe(
  { sharpe, benchmark, count, skew, kurtosis }: {
    sharpe: number;
    benchmark: number;
    count: number;
    skew: number;
    kurtosis: number;
  },
): number {
  if (!(count >= 2)) return NaN;
  const v = 1 - skew * sharpe + ((kurtosis - 1) / 4) * sharpe * sharpe;
  if (!(v > 0)) return NaN;
  return normCdf(((sharpe - benchmark) * Math.sqrt(count - 1)) / Math.sqrt(v));
}

/**
 * Expected maximum of `trials` per-period Sharpe ratios under the null of zero true Sharpe,
 * with `variance` the variance of the Sharpe estimates across trials (the False Strategy
 * Theorem, Euler–Mascheroni approximation):
 *
 * `SR0 = √V · ((1 − γ)·Φ⁻¹(1 − 1/N) + γ·Φ⁻¹(1 − 1/(N·e)))`.
 *
 * 0 for a single trial (no selection).
 *
 * @example
 * ```ts
 * expectedMaxSharpe(100, 0.5); // ≈ 1.7894 (annualised units when V is annualised)
 * ```
 */
export function expectedMaxSharpe(trials: number, variance: number): number {
  if (!(trials >= 1) || !(variance >= 0)) {
    throw new RangeError(
      `expectedMaxSharpe: expected trials ≥ 1 and variance ≥ 0, was ${trials}, ${variance}`,
    );
  }
  if (trials === 1) return 0;
  return Math.sqrt(variance) *
    ((1 - EULER_GAMMA) * normInv(1 - 1 / trials) +
      EULER_GAMMA * normInv(1 - 1 / (trials * Math.E)));
}

/** Result of {@link deflatedSharpe}. */
export interface DeflatedSharpe {
  /** Observed per-period Sharpe of the selected trial. */
  sharpe: number;
  /** Expected maximum per-period Sharpe of `trials` skill-less trials (SR0). */
  expectedMaxSharpe: number;
  /** Number of trials N. */
  trials: number;
  /** Variance of the per-period Sharpe across trials. */
  sharpeVariance: number;
  /** Returns T, skewness and kurtosis of the selected trial. */
  count: number;
  skew: number;
  kurtosis: number;
  /** DSR = PSR(SR0): probability that the true Sharpe is above what selection alone explains. */
  dsr: number;
  /** PSR against 0 (no deflation), for comparison. */
  psr: number;
}

/**
 * Deflated Sharpe ratio of a selected trial: its PSR against the expected maximum Sharpe of
 * `trials` trials whose Sharpe estimates have variance `sharpeVariance` (all per period).
 *
 * @example
 * ```ts
 * // the paper's example: annual SR 2.5, N = 100, V[annual SR] = 0.5, 5 years of daily data,
 * // skew −3, kurtosis 10 → DSR ≈ 0.90
 * deflatedSharpe({
 *   sharpe: 2.5 / Math.sqrt(250), trials: 100, sharpeVariance: 0.5 / 250,
 *   count: 1250, skew: -3, kurtosis: 10,
 * }).dsr;
 * ```
 */
export function deflatedSharpe(
  input: {
    sharpe: number;
    trials: number;
    sharpeVariance: number;
    count: number;
    skew: number;
    kurtosis: number;
  },
): DeflatedSharpe {
  const sr0 = expectedMaxSharpe(input.trials, input.sharpeVariance);
  const base = {
    sharpe: input.sharpe,
    count: input.count,
    skew: input.skew,
    kurtosis: input.kurtosis,
  };
  return {
    ...base,
    expectedMaxSharpe: sr0,
    trials: input.trials,
    sharpeVariance: input.sharpeVariance,
    dsr: probabilisticSharpe({ ...base, benchmark: sr0 }),
    psr: probabilisticSharpe({ ...base, benchmark: 0 }),
  };
}

/** Sample variance (n − 1) of the finite values in `xs`; NaN with fewer than two. */
export function finiteVariance(xs: ArrayLike<number>): number {
  let n = 0, sum = 0;
  for (let i = 0; i < xs.length; i++) {
    if (Number.isFinite(xs[i])) {
      n++;
      sum += xs[i];
    }
  }
  if (n < 2) return NaN;
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < xs.length; i++) if (Number.isFinite(xs[i])) ss += (xs[i] - mean) ** 2;
  return ss / (n - 1);
}
