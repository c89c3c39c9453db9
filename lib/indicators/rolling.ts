/**
 * Rolling-window statistics: population standard deviation, highest/lowest (monotonic deques,
 * O(n) overall), and rate of change.
 * @module
 */
import { checkPeriod, RESYNC_EVERY } from "./checks.ts";

/**
 * Rolling population standard deviation over `x[i-n+1..i]`:
 * `std[i] = sqrt(Σ (x[j] - mean)² / n)` (divides by `n`, not `n - 1`).
 *
 * Computed with a sliding Welford update on values shifted by a recent price (stable for prices
 * far from zero), recomputed exactly every 1024 bars and whenever a window becomes NaN-free again.
 *
 * Warm-up: first value at index `n - 1`. A NaN input makes every window containing it NaN.
 *
 * @example
 * ```ts
 * rollingStd(Float64Array.of(2, 4, 4, 4, 5, 5, 7, 9), 8); // [NaN ×7, 2]
 * ```
 */
export function rollingStd(values: Float64Array, period: number): Float64Array {
  checkPeriod("rollingStd", "period", period);
  const n = values.length;
  const out = new Float64Array(n);
  const resync = Math.max(RESYNC_EVERY, period);
  // Work on x - shift with shift a recent value, so precision is relative to the spread of the
  // window rather than to the price level (x - shift is exact for nearby values, by Sterbenz).
  let shift = 0;
  for (let i = 0; i < n; i++) {
    if (values[i] === values[i]) {
      shift = values[i];
      break;
    }
  }
  let mean = 0; // of the shifted window
  let m2 = 0; // Σ (x - mean)² over the window; NaNs count as x = shift (output is NaN meanwhile)
  let nans = 0;
  let sinceSync = 0;
  for (let i = 0; i < n; i++) {
    let x = values[i];
    if (x !== x) {
      nans++;
      x = 0;
    } else x -= shift;
    if (i < period) {
      // growing window: plain Welford
      const d = x - mean;
      mean += d / (i + 1);
      m2 += d * (x - mean);
    } else {
      let y = values[i - period];
      let cleaned = false;
      if (y !== y) {
        y = 0;
        cleaned = --nans === 0;
      } else y -= shift;
      const oldMean = mean;
      mean += (x - y) / period;
      m2 += (x - y) * (x - mean + y - oldMean);
      if (++sinceSync >= resync || cleaned) {
        sinceSync = 0;
        if (values[i] === values[i]) shift = values[i];
        let s = 0;
        for (let j = i - period + 1; j <= i; j++) {
          const z = values[j];
          if (z === z) s += z - shift;
        }
        mean = s / period;
        m2 = 0;
        for (let j = i - period + 1; j <= i; j++) {
          const z = values[j];
          const d = (z === z ? z - shift : 0) - mean;
          m2 += d * d;
        }
      }
    }
    out[i] = i >= period - 1 && nans === 0 ? Math.sqrt(m2 > 0 ? m2 / period : 0) : NaN;
  }
  return out;
}

/**
 * Rolling maximum over bars `i-n+1..i` (the current bar included), in O(length) total time using
 * a monotonic deque of indices.
 *
 * Warm-up: first value at index `n - 1`. A window containing a NaN is NaN.
 *
 * @example
 * ```ts
 * highest(Float64Array.of(1, 3, 2, 1), 2); // [NaN, 3, 3, 2]
 * ```
 */
export function highest(values: Float64Array, period: number): Float64Array {
  checkPeriod("highest", "period", period);
  return rollingExtreme(values, period, true);
}

/**
 * Rolling minimum over bars `i-n+1..i` (the current bar included), in O(length) total time using
 * a monotonic deque of indices.
 *
 * Warm-up: first value at index `n - 1`. A window containing a NaN is NaN.
 *
 * @example
 * ```ts
 * lowest(Float64Array.of(3, 1, 2, 4), 2); // [NaN, 1, 1, 2]
 * ```
 */
export function lowest(values: Float64Array, period: number): Float64Array {
  checkPeriod("lowest", "period", period);
  return rollingExtreme(values, period, false);
}

// Monotonic deque in a power-of-two ring: logical positions head <= tail only grow and are
// stored at `pos & mask`; the values are kept next to their indices to avoid an indirection.
// Each index is pushed and popped at most once, so the whole pass is O(length).
function rollingExtreme(values: Float64Array, period: number, isMax: boolean): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  let cap = 1;
  while (cap < Math.min(period, n) + 1) cap <<= 1; // the last window plus the newcomer
  const mask = cap - 1;
  const idx = new Int32Array(cap);
  const val = new Float64Array(cap);
  let head = 0; // front: the current extreme
  let tail = 0; // one past the back
  let lastNan = -period - 1;
  for (let i = 0; i < n; i++) {
    const x = values[i];
    if (x !== x) {
      lastNan = i;
    } else {
      // drop from the back every value that can never be the extreme again
      if (isMax) { while (tail > head && val[(tail - 1) & mask] <= x) tail--; }
      else while (tail > head && val[(tail - 1) & mask] >= x) tail--;
      idx[tail & mask] = i;
      val[tail & mask] = x;
      tail++;
    }
    // at most one index leaves the window per bar
    if (tail > head && idx[head & mask] <= i - period) head++;
    out[i] = i >= period - 1 && i - lastNan >= period ? val[head & mask] : NaN;
  }
  return out;
}

/**
 * Rate of change in percent: `roc[i] = 100 · (x[i] / x[i-n] - 1)`.
 *
 * Warm-up: first value at index `n`. NaN inputs give NaN where they are used; a zero `x[i-n]`
 * gives ±Infinity (or NaN for 0/0), which JSON output turns into null.
 *
 * @example
 * ```ts
 * roc(Float64Array.of(100, 105, 110), 1); // [NaN, 5, 4.7619…]
 * ```
 */
export function roc(values: Float64Array, period: number): Float64Array {
  checkPeriod("roc", "period", period);
  const n = values.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = i >= period ? 100 * (values[i] / values[i - period] - 1) : NaN;
  }
  return out;
}
