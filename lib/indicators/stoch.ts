/**
 * Stochastic oscillator (Lane), slow variant.
 * @module
 */
import { BLOCK } from "./block.ts";
import { checkPeriod, checkSameLength } from "./checks.ts";
import { sma } from "./moving_average.ts";
import { highest, lowest } from "./rolling.ts";

/** Slow stochastic %K and %D, each the input's length, in [0, 100]. */
export interface StochResult {
  k: Float64Array;
  d: Float64Array;
}

/**
 * Slow stochastic oscillator (defaults 14/3/3).
 *
 * - fast `%K[i] = 100 · (close[i] - LL) / (HH - LL)` with `HH`/`LL` the highest high and lowest low
 *   over bars `i-k+1..i`; 0 when `HH = LL` (as TA-Lib and most packages do);
 * - slow `%K = SMA_kSmooth(fast %K)`; `%D = SMA_d(slow %K)`.
 * `kSmooth = 1` gives the fast stochastic.
 *
 * Warm-up: `k` first at index `k + kSmooth - 2` (15), `d` first at `k + kSmooth + d - 3` (17).
 * A NaN input makes the windows that contain it NaN.
 *
 * @example
 * ```ts
 * const high = Float64Array.of(10, 10, 10);
 * const low = Float64Array.of(8, 8, 8);
 * const close = Float64Array.of(9, 9.5, 10);
 * stoch(high, low, close, { k: 1, kSmooth: 1, d: 3 }); // k = [50, 75, 100], d = [NaN, NaN, 75]
 * ```
 */
export function stoch(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  options: { k?: number; kSmooth?: number; d?: number } = {},
): StochResult {
  const { k = 14, kSmooth = 3, d = 3 } = options;
  checkPeriod("stoch", "k", k);
  checkPeriod("stoch", "kSmooth", kSmooth);
  checkPeriod("stoch", "d", d);
  const n = checkSameLength("stoch", { high, low, close });
  const fast = highest(high, k);
  const ll = lowest(low, k);
  for (let i = 0; i < n; i += BLOCK) fastKBlock(close, fast, ll, i, Math.min(n, i + BLOCK));
  const slowK = kSmooth === 1 ? fast : sma(fast, kSmooth);
  return { k: slowK, d: sma(slowK, d) };
}

/** Fast %K for bars [from, to), written over `hh` (the highest highs) in place (see block.ts). */
function fastKBlock(
  close: Float64Array,
  hh: Float64Array,
  ll: Float64Array,
  from: number,
  to: number,
): void {
  for (let i = from; i < to; i++) {
    const lo = ll[i];
    const range = hh[i] - lo;
    // 100·((c - LL)/range), not (100·(c - LL))/range, so c = HH gives exactly 100
    if (range > 0) hh[i] = 100 * ((close[i] - lo) / range);
    else if (range === 0) hh[i] = 0;
    else hh[i] = NaN;
  }
}
