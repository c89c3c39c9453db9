/**
 * Price channels: Donchian (highest high / lowest low) and Keltner (EMA ± ATR).
 * @module
 */
import { atr } from "./atr.ts";
import type { BandsResult } from "./bbands.ts";
import { bandsInto, BLOCK } from "./block.ts";
import { checkFinite, checkPeriod, checkSameLength } from "./checks.ts";
import { ema } from "./moving_average.ts";
import { highest, lowest } from "./rolling.ts";

/**
 * Donchian channel over bars `i-n+1..i` (the current bar included):
 * `upper = max(high)`, `lower = min(low)`, `middle = (upper + lower) / 2`.
 *
 * Because the current bar is inside its own channel, `close[i] > upper[i]` can never happen; a
 * breakout rule compares `close[i]` with `upper[i-1]`, the channel of the previous `n` bars.
 *
 * Warm-up: first value at index `n - 1`.
 *
 * @example
 * ```ts
 * donchian(Float64Array.of(3, 5, 4), Float64Array.of(1, 2, 3), 2);
 * // upper [NaN, 5, 5], lower [NaN, 1, 2], middle [NaN, 3, 3.5]
 * ```
 */
export function donchian(high: Float64Array, low: Float64Array, period = 20): BandsResult {
  checkPeriod("donchian", "period", period);
  const n = checkSameLength("donchian", { high, low });
  const upper = highest(high, period);
  const lower = lowest(low, period);
  const middle = new Float64Array(n);
  for (let i = 0; i < n; i += BLOCK) midpointBlock(upper, lower, middle, i, Math.min(n, i + BLOCK));
  return { upper, middle, lower };
}

/** `middle[i] = (upper[i] + lower[i]) / 2` for bars [from, to) (see block.ts). */
function midpointBlock(
  upper: Float64Array,
  lower: Float64Array,
  middle: Float64Array,
  from: number,
  to: number,
): void {
  for (let i = from; i < to; i++) middle[i] = (upper[i] + lower[i]) / 2;
}

/**
 * Keltner channel (Chester Keltner, as revised by Linda Raschke; defaults 20/10/2):
 * `middle = EMA_emaPeriod(close)`, `upper/lower = middle ± mult · ATR_atrPeriod`, with the EMA
 * as in {@link ema} and Wilder's ATR as in {@link atr}.
 *
 * Warm-up: first value at index `max(emaPeriod - 1, atrPeriod)` (19 for the defaults).
 *
 * @example
 * ```ts
 * const high = Float64Array.of(11, 11, 11), low = Float64Array.of(9, 9, 9);
 * const close = Float64Array.of(10, 10, 10);
 * keltner(high, low, close, { emaPeriod: 2, atrPeriod: 1, mult: 2 }); // upper[1] = 14, lower[1] = 6
 * ```
 */
export function keltner(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  options: { emaPeriod?: number; atrPeriod?: number; mult?: number } = {},
): BandsResult {
  const { emaPeriod = 20, atrPeriod = 10, mult = 2 } = options;
  checkPeriod("keltner", "emaPeriod", emaPeriod);
  checkPeriod("keltner", "atrPeriod", atrPeriod);
  checkFinite("keltner", "mult", mult);
  const n = checkSameLength("keltner", { high, low, close });
  const middle = ema(close, emaPeriod);
  const upper = atr(high, low, close, atrPeriod);
  const lower = new Float64Array(n);
  bandsInto(middle, upper, mult, upper, lower);
  return { upper, middle, lower };
}
