/**
 * Relative Strength Index (Wilder, 1978).
 * @module
 */
import { BLOCK } from "./block.ts";
import { checkPeriod } from "./checks.ts";

/**
 * Relative Strength Index with Wilder smoothing.
 *
 * With changes `d[i] = x[i] - x[i-1]`, gains `g = max(d, 0)` and losses `l = max(-d, 0)`:
 * - seed at index `n`: `avgGain = (g[1] + … + g[n]) / n`, likewise `avgLoss`;
 * - after that: `avgGain[i] = (avgGain[i-1]·(n-1) + g[i]) / n`, likewise `avgLoss`;
 * - `rsi = 100 - 100 / (1 + avgGain/avgLoss) = 100 · avgGain / (avgGain + avgLoss)`.
 *
 * Conventions: when `avgLoss = 0` and `avgGain > 0` the RSI is 100; when both are 0 (a flat
 * market) it is 50. Values always lie in [0, 100].
 *
 * Warm-up: the first `n` entries are NaN (first value at index `n`). A NaN input propagates to
 * every later value.
 *
 * @example
 * ```ts
 * rsi(Float64Array.of(1, 2, 3, 2), 2); // [NaN, NaN, 100, 50]
 * ```
 */
export function rsi(close: Float64Array, period = 14): Float64Array {
  checkPeriod("rsi", "period", period);
  const n = close.length;
  const out = new Float64Array(n);
  out[0] = NaN;
  const state = new Float64Array(2); // [avgGain, avgLoss]: sums of the first changes until the seed
  for (let i = 1; i < n; i += BLOCK) rsiBlock(close, period, out, state, i, Math.min(n, i + BLOCK));
  return out;
}

/** {@link rsi} for bars [from, to), `from ≥ 1`, carrying `state` (see block.ts). */
function rsiBlock(
  close: Float64Array,
  period: number,
  out: Float64Array,
  state: Float64Array,
  from: number,
  to: number,
): void {
  let avgGain = state[0];
  let avgLoss = state[1];
  for (let i = from; i < to; i++) {
    const d = close[i] - close[i - 1];
    // max(d, 0) and max(-d, 0) as in the formula; a NaN change is handled below
    const gain = d > 0 ? d : 0;
    const loss = d < 0 ? -d : 0;
    if (d !== d) {
      avgGain = NaN; // poison: a NaN change makes the averages unknowable from here on
      avgLoss = NaN;
    }
    if (i < period) {
      avgGain += gain;
      avgLoss += loss;
      out[i] = NaN;
      continue;
    }
    if (i === period) {
      avgGain = (avgGain + gain) / period;
      avgLoss = (avgLoss + loss) / period;
    } else {
      avgGain = (avgGain * (period - 1) + gain) / period;
      avgLoss = (avgLoss * (period - 1) + loss) / period;
    }
    const total = avgGain + avgLoss;
    // 100 - 100·(loss/total): loss/total ≤ 1 after rounding (division is monotonic), so the
    // result cannot leave [0, 100]; (100·loss)/total could exceed 100 by an ulp
    if (total > 0) out[i] = 100 - 100 * (avgLoss / total);
    else if (total === 0) out[i] = 50;
    else out[i] = NaN;
  }
  state[0] = avgGain;
  state[1] = avgLoss;
}
