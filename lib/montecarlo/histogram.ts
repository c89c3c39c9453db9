/**
 * Equal-width histograms (numpy.histogram's rules), and the maximum drawdown and CAGR histograms
 * of a Monte Carlo run from its per-path results.
 * @module
 */
import type { MonteCarloResult } from "./simulate.ts";

/** Counts of values in equal-width bins, with what was left out. */
export interface Histogram {
  /** `bins + 1` ascending bin edges, equally spaced: edge i = lo + i x (hi - lo) / bins. */
  edges: Float64Array;
  /**
   * Values per bin: bin i holds edges[i] <= x < edges[i + 1]; the last bin also holds x equal
   * to the last edge.
   */
  counts: Float64Array;
  /** Values counted in a bin (the sum of `counts`). */
  counted: number;
  /** NaN values, ignored. */
  nan: number;
  /** +Infinity and -Infinity values, ignored. */
  infinite: number;
  /** Finite values outside an explicit `range`, ignored (always 0 without one). */
  outside: number;
}

/** Options of {@link histogram}. */
export interface HistogramOptions {
  /** Number of equal-width bins, an integer in [1, 100,000]. */
  bins: number;
  /**
   * Lowest and highest edge (default: the minimum and maximum of the finite values). When both
   * are equal, the range is widened to [lo - 0.5, hi + 0.5], as numpy does.
   */
  range?: readonly [number, number];
}

/** Most bins {@link histogram} accepts. */
export const MAX_BINS = 100_000;

/**
 * Equal-width histogram of `values`. NaN and +-Infinity are skipped and counted in `nan` and
 * `infinite`. Bins follow numpy.histogram: half-open [edge_i, edge_i+1) except the last, which
 * is closed; with no finite value (and no range) the edges span [0, 1].
 *
 * @example
 * ```ts
 * const h = histogram([1, 2, 2, 3, 3, 3, 4, 4, 4, 4, NaN], { bins: 3 });
 * h.edges; // Float64Array [1, 2, 3, 4]
 * h.counts; // Float64Array [1, 2, 7] (the 4s fall in the closed last bin)
 * h.nan; // 1
 * ```
 */
export function histogram(values: ArrayLike<number>, options: HistogramOptions): Histogram {
  const { bins, range } = options;
  if (!Number.isInteger(bins) || bins < 1 || bins > MAX_BINS) {
    throw new RangeError(`histogram: expected bins an integer in [1, ${MAX_BINS}], was ${bins}`);
  }
  let nan = 0;
  let infinite = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (Number.isNaN(x)) nan++;
    else if (x === Infinity || x === -Infinity) infinite++;
    else {
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
  }
  if (range) {
    const [a, b] = range;
    if (!(Number.isFinite(a) && Number.isFinite(b) && a <= b)) {
      throw new RangeError(
        `histogram: expected range finite [lo, hi] with lo <= hi, was ${a}, ${b}`,
      );
    }
    lo = a;
    hi = b;
  } else if (lo > hi) {
    lo = 0; // no finite value
    hi = 1;
  }
  if (lo === hi) {
    lo -= 0.5;
    hi += 0.5;
  }
  const edges = new Float64Array(bins + 1);
  const step = (hi - lo) / bins;
  for (let i = 0; i < bins; i++) edges[i] = lo + i * step;
  edges[bins] = hi;
  const counts = new Float64Array(bins);
  const span = hi - lo;
  let outside = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (!Number.isFinite(x)) continue;
    if (x < lo || x > hi) {
      outside++;
      continue;
    }
    let k = Math.floor(((x - lo) / span) * bins);
    if (k >= bins) k = bins - 1;
    // the division may land one bin off the computed edges: trust the edges
    if (k > 0 && x < edges[k]) k--;
    else if (k < bins - 1 && x >= edges[k + 1]) k++;
    counts[k]++;
  }
  const counted = values.length - nan - infinite - outside;
  return { edges, counts, counted, nan, infinite, outside };
}

/** Histograms of a Monte Carlo run, in percent like its summaries. */
export interface MonteCarloHistograms {
  /** Maximum drawdown per path in % (positive). */
  maxDrawdownPct: Histogram;
  /** CAGR per path in %. */
  cagrPct: Histogram;
}

/**
 * Equal-width histograms of every path's maximum drawdown and CAGR, in % (the per-path fractions
 * x 100, the same values the `maxDrawdownPct` and `cagrPct` percentiles are taken over). The
 * result must come from a run with `perPath: true`.
 *
 * @example
 * ```ts ignore
 * const r = simulate({ ...config, perPath: true });
 * const { maxDrawdownPct } = monteCarloHistograms(r, 30);
 * ```
 */
export function monteCarloHistograms(result: MonteCarloResult, bins: number): MonteCarloHistograms {
  const pp = result.perPath;
  if (!pp) {
    throw new TypeError("monteCarloHistograms: expected a result run with perPath: true, was none");
  }
  return {
    maxDrawdownPct: histogram(pp.maxDrawdown.map((x) => x * 100), { bins }),
    cagrPct: histogram(pp.cagr.map((x) => x * 100), { bins }),
  };
}
