/**
 * Moving averages: simple (SMA), linearly weighted (WMA) and exponential (EMA).
 *
 * All take a `Float64Array` and return a new one of the same length, NaN during warm-up.
 * @module
 */
import { BLOCK } from "./block.ts";
import { checkPeriod, nanArray, RESYNC_EVERY } from "./checks.ts";

/**
 * Simple moving average: `sma[i] = (x[i-n+1] + … + x[i]) / n`.
 *
 * Warm-up: the first `n - 1` entries are NaN (first value at index `n - 1`). A NaN input makes
 * every window that contains it NaN, and only those.
 *
 * @example
 * ```ts
 * sma(Float64Array.of(1, 2, 3, 4), 2); // [NaN, 1.5, 2.5, 3.5]
 * ```
 */
export function sma(values: Float64Array, period: number): Float64Array {
  checkPeriod("sma", "period", period);
  const n = values.length;
  const out = new Float64Array(n);
  const resync = Math.max(RESYNC_EVERY, period);
  const state = new Float64Array(3); // [sum, NaNs inside the current window, bars since resync]
  for (let i = 0; i < n; i += BLOCK) {
    smaBlock(values, period, resync, out, state, i, Math.min(n, i + BLOCK));
  }
  return out;
}

/** {@link sma} for bars [from, to), carrying `state` (see block.ts). */
function smaBlock(
  values: Float64Array,
  period: number,
  resync: number,
  out: Float64Array,
  state: Float64Array,
  from: number,
  to: number,
): void {
  let sum = state[0];
  let nans = state[1];
  let sinceSync = state[2];
  for (let i = from; i < to; i++) {
    const x = values[i];
    if (x !== x) nans++;
    else sum += x;
    if (i >= period) {
      const y = values[i - period];
      if (y !== y) nans--;
      else sum -= y;
      if (++sinceSync >= resync) {
        sinceSync = 0;
        sum = windowSum(values, i - period + 1, i + 1);
      }
    }
    if (i >= period - 1 && nans === 0) out[i] = sum / period;
    else out[i] = NaN;
  }
  state[0] = sum;
  state[1] = nans;
  state[2] = sinceSync;
}

/** The sum of the non-NaN values in [from, to), added from left to right starting at 0. */
function windowSum(values: Float64Array, from: number, to: number): number {
  let sum = 0;
  for (let j = from; j < to; j++) {
    const z = values[j];
    if (z === z) sum += z;
  }
  return sum;
}

/** `Σ w·x[j]` over the non-NaN values in [from, to), weights 1, 2, … from the left, in order. */
function windowWeightedSum(values: Float64Array, from: number, to: number): number {
  let weighted = 0;
  for (let j = from, w = 1; j < to; j++, w++) {
    const z = values[j];
    if (z === z) weighted += w * z;
  }
  return weighted;
}

/**
 * Linearly weighted moving average: weights `1, 2, …, n` from the oldest to the newest value,
 * `wma[i] = Σ_{j=1..n} j·x[i-n+j] / (n(n+1)/2)`.
 *
 * Warm-up: first value at index `n - 1`. A NaN input makes every window containing it NaN.
 *
 * @example
 * ```ts
 * wma(Float64Array.of(1, 2, 3), 3); // [NaN, NaN, (1 + 4 + 9) / 6 = 2.333…]
 * ```
 */
export function wma(values: Float64Array, period: number): Float64Array {
  checkPeriod("wma", "period", period);
  const n = values.length;
  const out = new Float64Array(n);
  const resync = Math.max(RESYNC_EVERY, period);
  const state = new Float64Array(4); // [sum, weighted, NaNs in the window, bars since resync]
  for (let i = 0; i < n; i += BLOCK) {
    wmaBlock(values, period, resync, out, state, i, Math.min(n, i + BLOCK));
  }
  return out;
}

/** {@link wma} for bars [from, to), carrying `state` (see block.ts). */
function wmaBlock(
  values: Float64Array,
  period: number,
  resync: number,
  out: Float64Array,
  state: Float64Array,
  from: number,
  to: number,
): void {
  const denom = (period * (period + 1)) / 2;
  // Windows before index n-1 are padded with zeros, and NaNs count as zero in the sums
  // (the output is NaN while `nans > 0`), so one update rule holds everywhere:
  // weighted' = weighted - sum + n·x[i], sum' = sum + x[i] - x[i-n].
  let sum = state[0];
  let weighted = state[1];
  let nans = state[2];
  let sinceSync = state[3];
  for (let i = from; i < to; i++) {
    let x = values[i];
    if (x !== x) {
      nans++;
      x = 0;
    }
    weighted += period * x - sum;
    sum += x;
    if (i >= period) {
      const y = values[i - period];
      if (y !== y) nans--;
      else sum -= y;
      if (++sinceSync >= resync) {
        sinceSync = 0;
        sum = windowSum(values, i - period + 1, i + 1);
        weighted = windowWeightedSum(values, i - period + 1, i + 1);
      }
    }
    if (i >= period - 1 && nans === 0) out[i] = weighted / denom;
    else out[i] = NaN;
  }
  state[0] = sum;
  state[1] = weighted;
  state[2] = nans;
  state[3] = sinceSync;
}

/**
 * Exponential moving average with `α = 2 / (n + 1)`: `ema[i] = ema[i-1] + α·(x[i] - ema[i-1])`,
 * seeded with the simple average of the first `n` values.
 *
 * Warm-up: first value at index `n - 1` (the seed). Leading NaNs (for example another
 * indicator's warm-up) are skipped: the seed is then the average of the first `n` values after
 * them. A NaN after that point propagates to every later value, as in any recursive filter.
 *
 * @example
 * ```ts
 * ema(Float64Array.of(1, 2, 3, 4), 3); // [NaN, NaN, 2, 3]  (seed (1+2+3)/3, then 2 + 0.5·(4-2))
 * ```
 */
export function ema(values: Float64Array, period: number): Float64Array {
  checkPeriod("ema", "period", period);
  return smoothInto(values, 2 / (period + 1), period, nanArray(values.length));
}

/**
 * Exponential smoothing `s[i] = s[i-1] + alpha·(x[i] - s[i-1])` seeded with the mean of the first
 * `period` values after any leading NaNs, written into `out` (whose warm-up must already be NaN).
 * Shared by {@link ema} (`alpha = 2/(n+1)`) and Wilder-style smoothing (`alpha = 1/n`).
 */
export function smoothInto(
  values: Float64Array,
  alpha: number,
  period: number,
  out: Float64Array,
): Float64Array {
  const n = values.length;
  let start = 0;
  while (start < n && values[start] !== values[start]) start++;
  const seedAt = start + period - 1;
  if (seedAt >= n) return out;
  let s = 0;
  for (let i = start; i <= seedAt; i++) s += values[i];
  s /= period;
  out[seedAt] = s;
  for (let i = seedAt + 1; i < n; i += BLOCK) {
    s = smoothBlock(values, alpha, out, s, i, Math.min(n, i + BLOCK));
  }
  return out;
}

/**
 * The recursion of {@link smoothInto} for bars [from, to), from `s` = the value at `from - 1`.
 * Unrolled by two: besides halving the loop overhead, this keeps the kernel too large for Maglev
 * to inline into the block loop (V8 15 inlines up to 100 bytes of bytecode), where `s` would be
 * boxed at every bar until TurboFan recompiles the caller.
 */
function smoothBlock(
  values: Float64Array,
  alpha: number,
  out: Float64Array,
  s: number,
  from: number,
  to: number,
): number {
  let i = from;
  for (; i + 1 < to; i += 2) {
    s += alpha * (values[i] - s);
    out[i] = s;
    s += alpha * (values[i + 1] - s);
    out[i + 1] = s;
  }
  if (i < to) {
    s += alpha * (values[i] - s);
    out[i] = s;
  }
  return s;
}
