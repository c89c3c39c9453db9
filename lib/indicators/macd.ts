/**
 * Moving Average Convergence/Divergence (Appel).
 * @module
 */
import { differenceInto } from "./block.ts";
import { checkPeriod, nanArray } from "./checks.ts";
import { ema, smoothInto } from "./moving_average.ts";

/** The three MACD lines, each the length of the input. */
export interface MacdResult {
  /** `ema(fast) - ema(slow)`; first value at index `slow - 1` (when `fast <= slow`). */
  macd: Float64Array;
  /** EMA(`signal`) of the MACD line, seeded with the SMA of its first `signal` values. */
  signal: Float64Array;
  /** `macd - signal`. */
  hist: Float64Array;
}

/**
 * MACD: `macd = EMA_fast(x) - EMA_slow(x)`, `signal = EMA_signal(macd)`, `hist = macd - signal`,
 * with every EMA seeded by the SMA of its first `n` values (see {@link ema}).
 *
 * Warm-up (defaults 12/26/9): `macd` first at index 25 (`max(fast, slow) - 1`), `signal` and
 * `hist` first at index 33 (`max(fast, slow) + signal - 2`).
 *
 * @example
 * ```ts
 * const close = Float64Array.from({ length: 40 }, (_, i) => 100 + i);
 * const lines = macd(close); // 12/26/9: lines.macd[25] is the first value, lines.hist[33] too
 * // a steady uptrend: fast EMA above slow EMA, constant gap, so hist ends at 0
 * lines.macd[39]; // 7 (= (26 - 12) / 2)
 * ```
 */
export function macd(
  close: Float64Array,
  options: { fast?: number; slow?: number; signal?: number } = {},
): MacdResult {
  const { fast = 12, slow = 26, signal: signalPeriod = 9 } = options;
  checkPeriod("macd", "fast", fast);
  checkPeriod("macd", "slow", slow);
  checkPeriod("macd", "signal", signalPeriod);
  const n = close.length;
  const fastEma = ema(close, fast);
  const line = differenceInto(fastEma, ema(close, slow), fastEma);
  // the MACD line's leading NaNs are skipped, so the signal seeds on its first defined values
  const signal = smoothInto(line, 2 / (signalPeriod + 1), signalPeriod, nanArray(n));
  const hist = differenceInto(line, signal, new Float64Array(n));
  return { macd: line, signal, hist };
}
