/**
 * Rolling-window statistics: population standard deviation, highest/lowest (monotonic deques,
 * O(n) overall), and rate of change.
 * @module
 */
import { BLOCK } from "./block.ts";
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
  // [shift, mean of the shifted window, m2 = Σ (x - mean)² over the window (NaNs count as
  // x = shift; the output is NaN meanwhile), NaNs in the window, bars since the last resync]
  const state = Float64Array.of(shift, 0, 0, 0, 0);
  for (let i = 0; i < n; i += BLOCK) {
    stdBlock(values, period, resync, out, state, i, Math.min(n, i + BLOCK));
  }
  return out;
}

/** {@link rollingStd} for bars [from, to), carrying `state` (see block.ts). */
function stdBlock(
  values: Float64Array,
  period: number,
  resync: number,
  out: Float64Array,
  state: Float64Array,
  from: number,
  to: number,
): void {
  let shift = state[0];
  let mean = state[1];
  let m2 = state[2];
  let nans = state[3];
  let sinceSync = state[4];
  for (let i = from; i < to; i++) {
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
        mean = shiftedSum(values, i - period + 1, i + 1, shift) / period;
        m2 = shiftedSquares(values, i - period + 1, i + 1, shift, mean);
      }
    }
    if (i < period - 1 || nans !== 0) out[i] = NaN;
    else if (m2 > 0) out[i] = Math.sqrt(m2 / period);
    else out[i] = 0;
  }
  state[0] = shift;
  state[1] = mean;
  state[2] = m2;
  state[3] = nans;
  state[4] = sinceSync;
}

/** `Σ (x[j] - shift)` over the non-NaN values in [from, to), in order. */
function shiftedSum(values: Float64Array, from: number, to: number, shift: number): number {
  let s = 0;
  for (let j = from; j < to; j++) {
    const z = values[j];
    if (z === z) s += z - shift;
  }
  return s;
}

/** `Σ (x[j] - shift - mean)²` over [from, to), a NaN counting as `x = shift`, in order. */
function shiftedSquares(
  values: Float64Array,
  from: number,
  to: number,
  shift: number,
  mean: number,
): number {
  let m2 = 0;
  for (let j = from; j < to; j++) {
    const z = values[j];
    const d = (z === z ? z - shift : 0) - mean;
    m2 += d * d;
  }
  return m2;
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
  const idx = new Int32Array(cap);
  const val = new Float64Array(cap);
  // [head (front: the current extreme), tail (one past the back), index of the latest NaN];
  // -min(period, n) - 1 acts as "no NaN yet" like -period - 1 and fits in an int32
  const state = Int32Array.of(0, 0, -Math.min(period, n) - 1);
  for (let i = 0; i < n; i += BLOCK) {
    const to = Math.min(n, i + BLOCK);
    if (isMax) maxBlock(values, period, out, idx, val, state, i, to);
    else minBlock(values, period, out, idx, val, state, i, to);
  }
  return out;
}

/** The rolling maximum for bars [from, to), carrying the deque and `state` (see block.ts). */
function maxBlock(
  values: Float64Array,
  period: number,
  out: Float64Array,
  idx: Int32Array,
  val: Float64Array,
  state: Int32Array,
  from: number,
  to: number,
): void {
  const mask = idx.length - 1;
  let head = state[0];
  let tail = state[1];
  let lastNan = state[2];
  for (let i = from; i < to; i++) {
    const x = values[i];
    if (x !== x) {
      lastNan = i;
    } else {
      // drop from the back every value that can never be the maximum again
      while (tail > head && val[(tail - 1) & mask] <= x) tail--;
      idx[tail & mask] = i;
      val[tail & mask] = x;
      tail++;
    }
    // at most one index leaves the window per bar
    if (tail > head && idx[head & mask] <= i - period) head++;
    if (i >= period - 1 && i - lastNan >= period) out[i] = val[head & mask];
    else out[i] = NaN;
  }
  state[0] = head;
  state[1] = tail;
  state[2] = lastNan;
}

/** The rolling minimum for bars [from, to): {@link maxBlock} with the comparison reversed. */
function minBlock(
  values: Float64Array,
  period: number,
  out: Float64Array,
  idx: Int32Array,
  val: Float64Array,
  state: Int32Array,
  from: number,
  to: number,
): void {
  const mask = idx.length - 1;
  let head = state[0];
  let tail = state[1];
  let lastNan = state[2];
  for (let i = from; i < to; i++) {
    const x = values[i];
    if (x !== x) {
      lastNan = i;
    } else {
      while (tail > head && val[(tail - 1) & mask] >= x) tail--;
      idx[tail & mask] = i;
      val[tail & mask] = x;
      tail++;
    }
    if (tail > head && idx[head & mask] <= i - period) head++;
    if (i >= period - 1 && i - lastNan >= period) out[i] = val[head & mask];
    else out[i] = NaN;
  }
  state[0] = head;
  state[1] = tail;
  state[2] = lastNan;
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
  for (let i = 0; i < n; i += BLOCK) rocBlock(values, period, out, i, Math.min(n, i + BLOCK));
  return out;
}

/** {@link roc} for bars [from, to) (see block.ts). */
function rocBlock(
  values: Float64Array,
  period: number,
  out: Float64Array,
  from: number,
  to: number,
): void {
  for (let i = from; i < to; i++) {
    if (i >= period) out[i] = 100 * (values[i] / values[i - period] - 1);
    else out[i] = NaN;
  }
}
