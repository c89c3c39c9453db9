/**
 * Probability of backtest overfitting (PBO) by combinatorially symmetric cross-validation
 * (CSCV), Bailey, Borwein, López de Prado and Zhu, "The Probability of Backtest Overfitting"
 * (2015).
 *
 * The T period returns of N trials are cut into S contiguous blocks (S = 16 by default). For
 * each way of choosing S/2 blocks as in-sample (the rest out-of-sample), the trial with the best
 * in-sample Sharpe is found and the relative rank ω of its out-of-sample Sharpe among all N
 * trials is taken; λ = ln(ω / (1 − ω)). PBO is the share of splits with λ < 0 (the in-sample
 * winner ends up below the out-of-sample median); λ exactly 0 counts one half.
 *
 * Only per-block sufficient statistics (count, Σr, Σr²) are kept per trial, so the Sharpe of any
 * union of blocks is exact and memory is N × S × 3 numbers whatever T is.
 * @module
 */
import { mulberry32 } from "../data/synthetic.ts";

/** Default number of CSCV blocks. */
export const DEFAULT_BLOCKS = 16;

/**
 * Per-trial block statistics: `data[(trial × blocks + b) × 3 + k]` with k = 0 count, 1 Σr, 2 Σr².
 */
export interface BlockStats {
  trials: number;
  blocks: number;
  data: Float64Array;
}

/** Block boundaries for `count` returns in `blocks` contiguous blocks: `[start_b, start_b+1)`. */
export function blockBounds(count: number, blocks: number): Int32Array {
  const out = new Int32Array(blocks + 1);
  for (let b = 0; b <= blocks; b++) out[b] = Math.floor((b * count) / blocks);
  return out;
}

/** Allocates zeroed {@link BlockStats} for `trials` trials. */
export function newBlockStats(trials: number, blocks = DEFAULT_BLOCKS): BlockStats {
  return { trials, blocks, data: new Float64Array(trials * blocks * 3) };
}

/**
 * Writes the block statistics of one trial's returns (all trials must share the same T).
 */
export function setTrialReturns(
  stats: BlockStats,
  trial: number,
  returns: ArrayLike<number>,
): void {
  if (!(trial >= 0 && trial < stats.trials)) {
    throw new RangeError(`setTrialReturns: expected trial in [0, ${stats.trials}), was ${trial}`);
  }
  const bounds = blockBounds(returns.length, stats.blocks);
  const base = trial * stats.blocks * 3;
  for (let b = 0; b < stats.blocks; b++) {
    let s = 0, ss = 0;
    for (let i = bounds[b]; i < bounds[b + 1]; i++) {
      const r = returns[i];
      s += r;
      ss += r * r;
    }
    stats.data[base + b * 3] = bounds[b + 1] - bounds[b];
    stats.data[base + b * 3 + 1] = s;
    stats.data[base + b * 3 + 2] = ss;
  }
}

/** Builds {@link BlockStats} from a list of equally long return series. */
export function blockStatsOf(
  returns: readonly ArrayLike<number>[],
  blocks = DEFAULT_BLOCKS,
): BlockStats {
  const stats = newBlockStats(returns.length, blocks);
  returns.forEach((r, i) => setTrialReturns(stats, i, r));
  return stats;
}

/** Result of {@link pboCscv}. */
export interface PboResult {
  /** Probability of backtest overfitting, 0..1 (NaN with fewer than 2 trials). */
  pbo: number;
  /** Number of in-sample/out-of-sample splits evaluated. */
  splits: number;
  /** All C(S, S/2) splits were evaluated (false: a seeded random sample of them). */
  exact: boolean;
  trials: number;
  blocks: number;
  /** λ of each evaluated split (for a histogram). */
  logits: Float64Array;
  /** Share of splits where the in-sample winner's out-of-sample Sharpe is below 0. */
  probOosLoss: number;
}

/** Options of {@link pboCscv}. */
export interface PboOptions {
  /**
   * Upper bound on trial × split evaluations (default 12 million); above it a seeded random
   * sample of the splits is used, which estimates the same probability.
   */
  maxEvaluations?: number;
  /** Seed for sampling splits (default 1). */
  seed?: number;
}

/** All subsets of size k of 0..n-1 that contain 0, as bit masks. */
function halfCombos(n: number, k: number): number[] {
  const out: number[] = [];
  const rec = (start: number, left: number, mask: number) => {
    if (left === 0) {
      out.push(mask);
      return;
    }
    for (let i = start; i <= n - left; i++) rec(i + 1, left - 1, mask | (1 << i));
  };
  rec(1, k - 1, 1);
  return out;
}

function sharpeOf(c: number, s: number, ss: number): number {
  if (!(c >= 2)) return 0;
  const mean = s / c;
  const v = (ss - s * mean) / (c - 1);
  return v > 1e-300 ? mean / Math.sqrt(v) : 0;
}

/** Relative rank ω = (average 1-based rank of x among xs) / (N + 1). */
function relativeRank(xs: Float64Array, x: number): number {
  let less = 0, equal = 0;
  for (let i = 0; i < xs.length; i++) {
    if (xs[i] < x) less++;
    else if (xs[i] === x) equal++;
  }
  return (less + (equal + 1) / 2) / (xs.length + 1);
}

/**
 * PBO by CSCV over block statistics.
 *
 * @example
 * ```ts
 * const stats = blockStatsOf(trialReturns, 16); // one Float64Array of period returns per trial
 * pboCscv(stats).pbo; // ≈ 0.5 for pure noise, ≈ 0 when one trial truly dominates
 * ```
 */
export function pboCscv(stats: BlockStats, options: PboOptions = {}): PboResult {
  const { trials: n, blocks: s, data } = stats;
  if (!(s >= 2 && s % 2 === 0 && s <= 24)) {
    throw new RangeError(`pboCscv: expected an even block count in [2, 24], was ${s}`);
  }
  const empty: PboResult = {
    pbo: NaN,
    splits: 0,
    exact: true,
    trials: n,
    blocks: s,
    logits: new Float64Array(0),
    probOosLoss: NaN,
  };
  if (n < 2) return empty;
  let combos = halfCombos(s, s / 2);
  const maxEval = options.maxEvaluations ?? 12_000_000;
  let exact = true;
  if (combos.length * n > maxEval) {
    const keep = Math.max(32, Math.floor(maxEval / n));
    if (keep < combos.length) {
      const rand = mulberry32(options.seed ?? 1);
      for (let i = combos.length - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [combos[i], combos[j]] = [combos[j], combos[i]];
      }
      combos = combos.slice(0, keep);
      exact = false;
    }
  }
  // totals per trial
  const tot = new Float64Array(n * 3);
  for (let t = 0; t < n; t++) {
    for (let b = 0; b < s; b++) {
      const o = (t * s + b) * 3;
      tot[t * 3] += data[o];
      tot[t * 3 + 1] += data[o + 1];
      tot[t * 3 + 2] += data[o + 2];
    }
  }
  const srA = new Float64Array(n);
  const srB = new Float64Array(n);
  const logits = new Float64Array(combos.length * 2);
  let below = 0;
  let losses = 0;
  const inA = new Int32Array(s / 2);
  for (let ci = 0; ci < combos.length; ci++) {
    const mask = combos[ci];
    for (let b = 0, j = 0; b < s; b++) if (mask & (1 << b)) inA[j++] = b;
    let bestA = -Infinity, argA = 0, bestB = -Infinity, argB = 0;
    for (let t = 0; t < n; t++) {
      let c = 0, sum = 0, sq = 0;
      const base = t * s * 3;
      for (let j = 0; j < inA.length; j++) {
        const o = base + inA[j] * 3;
        c += data[o];
        sum += data[o + 1];
        sq += data[o + 2];
      }
      const a = sharpeOf(c, sum, sq);
      const bb = sharpeOf(tot[t * 3] - c, tot[t * 3 + 1] - sum, tot[t * 3 + 2] - sq);
      srA[t] = a;
      srB[t] = bb;
      if (a > bestA) {
        bestA = a;
        argA = t;
      }
      if (bb > bestB) {
        bestB = bb;
        argB = t;
      }
    }
    // A in-sample, B out-of-sample; then the symmetric split
    const pairs: [Float64Array, number][] = [[srB, argA], [srA, argB]];
    for (let k = 0; k < 2; k++) {
      const [oos, star] = pairs[k];
      const w = relativeRank(oos, oos[star]);
      const lambda = Math.log(w / (1 - w));
      logits[ci * 2 + k] = lambda;
      if (lambda < 0) below += 1;
      else if (lambda === 0) below += 0.5;
      if (oos[star] < 0) losses++;
    }
  }
  return {
    pbo: below / logits.length,
    splits: logits.length,
    exact,
    trials: n,
    blocks: s,
    logits,
    probOosLoss: losses / logits.length,
  };
}
