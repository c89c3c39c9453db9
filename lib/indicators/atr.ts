/**
 * True range and Wilder's Average True Range.
 * @module
 */
import { BLOCK } from "./block.ts";
import { checkPeriod, checkSameLength } from "./checks.ts";

/**
 * True range: `TR[i] = max(high[i] - low[i], |high[i] - close[i-1]|, |low[i] - close[i-1]|)`,
 * and `TR[0] = high[0] - low[0]` (no previous close).
 *
 * No warm-up: every entry is defined for finite inputs.
 *
 * @example
 * ```ts
 * trueRange(Float64Array.of(10, 12), Float64Array.of(9, 11), Float64Array.of(9.5, 11.5));
 * // [1, 2.5]  (bar 1: high 12 minus previous close 9.5)
 * ```
 */
export function trueRange(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
): Float64Array {
  const n = checkSameLength("trueRange", { high, low, close });
  const out = new Float64Array(n);
  if (n === 0) return out;
  out[0] = high[0] - low[0];
  for (let i = 1; i < n; i += BLOCK) trBlock(high, low, close, out, i, Math.min(n, i + BLOCK));
  return out;
}

/** {@link trueRange} for bars [from, to), `from ≥ 1` (see block.ts). */
function trBlock(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  out: Float64Array,
  from: number,
  to: number,
): void {
  for (let i = from; i < to; i++) {
    const pc = close[i - 1];
    const h = high[i];
    const l = low[i];
    const hl = h - l;
    // not Math.abs(h - pc): for h = +0, pc = -0 this gives pc - h = -0, as it always did
    const hc = h > pc ? h - pc : pc - h;
    const lc = l > pc ? l - pc : pc - l;
    // written so that a NaN anywhere gives NaN (Math.max semantics) without the call overhead;
    // stores in every branch rather than one conditional expression (see block.ts)
    if (hl !== hl || hc !== hc || lc !== lc) out[i] = NaN;
    else if (hl > hc) {
      if (hl > lc) out[i] = hl;
      else out[i] = lc;
    } else if (hc > lc) out[i] = hc;
    else out[i] = lc;
  }
}

/**
 * Average True Range with Wilder smoothing:
 * - seed at index `n`: `ATR[n] = (TR[1] + … + TR[n]) / n` (TR[0] is left out: it has no previous
 *   close);
 * - after that: `ATR[i] = (ATR[i-1]·(n-1) + TR[i]) / n`.
 *
 * Warm-up: the first `n` entries are NaN (first value at index `n`). A NaN input propagates to
 * every later value.
 *
 * @example
 * ```ts
 * const high = Float64Array.of(10, 12, 13, 12);
 * const low = Float64Array.of(9, 11, 11, 10);
 * const close = Float64Array.of(9.5, 11.5, 12, 11);
 * atr(high, low, close, 2); // TR = [1, 2.5, 2, 2] → [NaN, NaN, 2.25, 2.125]
 * ```
 */
export function atr(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  period = 14,
): Float64Array {
  checkPeriod("atr", "period", period);
  checkSameLength("atr", { high, low, close });
  return wilderFromOne(trueRange(high, low, close), period);
}

/**
 * Wilder smoothing of `x[1..]` (index 0 ignored): NaN up to index `n - 1`, the mean of
 * `x[1..n]` at index `n`, then `s[i] = (s[i-1]·(n-1) + x[i]) / n`. Used for TR and ±DM.
 */
export function wilderFromOne(x: Float64Array, period: number): Float64Array {
  const n = x.length;
  const out = new Float64Array(n);
  let s = 0;
  const upTo = Math.min(period, n - 1);
  for (let i = 0; i < n && i < period; i++) out[i] = NaN;
  for (let i = 1; i <= upTo; i++) s += x[i];
  if (period >= n) return out;
  s /= period;
  out[period] = s;
  for (let i = period + 1; i < n; i += BLOCK) {
    s = wilderBlock(x, period, out, s, i, Math.min(n, i + BLOCK));
  }
  return out;
}

/**
 * `s = (s·(n-1) + x[i]) / n` for bars [from, to), from `s` = the value at `from - 1`. Unrolled by
 * two for the reason given at moving_average.ts's `smoothBlock`.
 */
function wilderBlock(
  x: Float64Array,
  period: number,
  out: Float64Array,
  s: number,
  from: number,
  to: number,
): number {
  const keep = period - 1;
  let i = from;
  for (; i + 1 < to; i += 2) {
    s = (s * keep + x[i]) / period;
    out[i] = s;
    s = (s * keep + x[i + 1]) / period;
    out[i + 1] = s;
  }
  if (i < to) {
    s = (s * keep + x[i]) / period;
    out[i] = s;
  }
  return s;
}
