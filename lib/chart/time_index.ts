/**
 * Conversions between bar timestamps and fractional bar positions on the ordinal x axis. Drawings
 * are stored as `{ ts, price }` so they survive reloads with more or fewer bars; the chart places
 * them by position. Beyond the last bar, positions continue at the last bar spacing (so a trend
 * line can be drawn into the future); before the first, at the first spacing.
 * @module
 */

/**
 * Fractional bar position of unix-ms `t` in ascending `ts`: exact index on a bar, linear
 * interpolation between bars, extrapolation by the edge spacing outside. NaN for empty `ts`.
 *
 * @example
 * ```ts
 * tsToIdx(Float64Array.of(0, 10, 20), 15); // 1.5
 * tsToIdx(Float64Array.of(0, 10, 20), 40); // 4
 * ```
 */
export function tsToIdx(ts: Float64Array, t: number): number {
  const n = ts.length;
  if (n === 0) return NaN;
  if (n === 1) return t === ts[0] ? 0 : t > ts[0] ? 1 : -1;
  if (t <= ts[0]) return (t - ts[0]) / (ts[1] - ts[0]);
  if (t >= ts[n - 1]) return n - 1 + (t - ts[n - 1]) / (ts[n - 1] - ts[n - 2]);
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (ts[mid] <= t) lo = mid;
    else hi = mid;
  }
  return lo + (t - ts[lo]) / (ts[hi] - ts[lo]);
}

/** Inverse of {@link tsToIdx}: unix ms at fractional position `idx`. */
export function idxToTs(ts: Float64Array, idx: number): number {
  const n = ts.length;
  if (n === 0) return NaN;
  if (n === 1) return ts[0] + idx;
  if (idx <= 0) return ts[0] + idx * (ts[1] - ts[0]);
  if (idx >= n - 1) return ts[n - 1] + (idx - (n - 1)) * (ts[n - 1] - ts[n - 2]);
  const i = Math.floor(idx);
  return ts[i] + (idx - i) * (ts[i + 1] - ts[i]);
}

/** Index of the first bar with `ts[i] >= t` (n when none). */
export function lowerBound(ts: Float64Array, t: number): number {
  let lo = 0;
  let hi = ts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ts[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
