/**
 * Bollinger Bands.
 * @module
 */
import { bandsInto } from "./block.ts";
import { checkFinite, checkPeriod } from "./checks.ts";
import { sma } from "./moving_average.ts";
import { rollingStd } from "./rolling.ts";

/** A price channel: upper and lower bands around a middle line, each the input's length. */
export interface BandsResult {
  upper: Float64Array;
  middle: Float64Array;
  lower: Float64Array;
}

/**
 * Bollinger Bands: `middle = SMA_n(x)`, `upper/lower = middle ± k · σ_n(x)` where `σ_n` is the
 * rolling population standard deviation (divides by `n`, as Bollinger does).
 *
 * Warm-up: first value at index `n - 1`. `middle` is exactly {@link sma}'s output.
 *
 * @example
 * ```ts
 * const { upper, middle, lower } = bbands(Float64Array.of(2, 4, 4, 4, 5, 5, 7, 9), 8, 2);
 * // middle[7] = 5, σ = 2, so upper[7] = 9 and lower[7] = 1
 * ```
 */
export function bbands(close: Float64Array, period = 20, k = 2): BandsResult {
  checkPeriod("bbands", "period", period);
  checkFinite("bbands", "k", k);
  const middle = sma(close, period);
  const upper = rollingStd(close, period);
  const lower = new Float64Array(close.length);
  bandsInto(middle, upper, k, upper, lower);
  return { upper, middle, lower };
}
