/**
 * Volume indicators: session VWAP and On-Balance Volume.
 * @module
 */
import { BLOCK } from "./block.ts";
import { checkSameLength } from "./checks.ts";

const DAY_MS = 86_400_000;

/**
 * Volume-weighted average price, reset at the start of each UTC day (the session):
 * `vwap[i] = Σ tp[j]·volume[j] / Σ volume[j]` over the bars `j ≤ i` of bar `i`'s UTC day, with the
 * typical price `tp = (high + low + close) / 3`.
 *
 * Meant for intraday bars: on daily bars every session has one bar, so the VWAP is just that
 * bar's typical price. `ts` is the bar open time in unix ms.
 *
 * Warm-up: none, but the value is NaN while the session's cumulative volume is still 0.
 * A NaN input poisons the rest of its session only.
 *
 * @example
 * ```ts
 * const h = 3_600_000; // two bars on day 0, one on day 1
 * vwap(Float64Array.of(0, h, 86_400_000), Float64Array.of(11, 13, 21),
 *   Float64Array.of(9, 11, 19), Float64Array.of(10, 12, 20), Float64Array.of(100, 300, 50));
 * // [10, (10·100 + 12·300) / 400 = 11.5, 20]
 * ```
 */
export function vwap(
  ts: Float64Array,
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  volume: Float64Array,
): Float64Array {
  const n = checkSameLength("vwap", { ts, high, low, close, volume });
  const out = new Float64Array(n);
  const state = Float64Array.of(NaN, 0, 0); // [UTC day number, Σ tp·volume, Σ volume] so far
  for (let i = 0; i < n; i += BLOCK) {
    vwapBlock(ts, high, low, close, volume, out, state, i, Math.min(n, i + BLOCK));
  }
  return out;
}

/** {@link vwap} for bars [from, to), carrying `state` (see block.ts). */
function vwapBlock(
  ts: Float64Array,
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  volume: Float64Array,
  out: Float64Array,
  state: Float64Array,
  from: number,
  to: number,
): void {
  let day = state[0];
  let pv = state[1];
  let vol = state[2];
  for (let i = from; i < to; i++) {
    const d = Math.floor(ts[i] / DAY_MS);
    if (d !== day) {
      day = d;
      pv = 0;
      vol = 0;
    }
    const v = volume[i];
    pv += ((high[i] + low[i] + close[i]) / 3) * v;
    vol += v;
    if (vol !== 0) out[i] = pv / vol;
    else out[i] = NaN;
  }
  state[0] = day;
  state[1] = pv;
  state[2] = vol;
}

/**
 * On-Balance Volume (Granville): `obv[0] = 0`, then `obv[i] = obv[i-1] + volume[i]` if
 * `close[i] > close[i-1]`, `- volume[i]` if lower, unchanged if equal.
 *
 * Only differences of OBV are meaningful; the starting level 0 is a convention.
 *
 * Warm-up: none. A NaN close leaves OBV unchanged for the two comparisons it takes part in; a
 * NaN volume on a moving bar propagates.
 *
 * @example
 * ```ts
 * obv(Float64Array.of(10, 11, 11, 9), Float64Array.of(5, 7, 3, 2)); // [0, 7, 7, 5]
 * ```
 */
export function obv(close: Float64Array, volume: Float64Array): Float64Array {
  const n = checkSameLength("obv", { close, volume });
  const out = new Float64Array(n);
  let acc = 0;
  for (let i = 1; i < n; i += BLOCK) {
    acc = obvBlock(close, volume, out, acc, i, Math.min(n, i + BLOCK));
  }
  return out;
}

/** {@link obv} for bars [from, to), `from ≥ 1`, from `acc` = OBV at `from - 1` (see block.ts). */
function obvBlock(
  close: Float64Array,
  volume: Float64Array,
  out: Float64Array,
  acc: number,
  from: number,
  to: number,
): number {
  for (let i = from; i < to; i++) {
    const c = close[i];
    const p = close[i - 1];
    if (c > p) acc += volume[i];
    else if (c < p) acc -= volume[i];
    out[i] = acc;
  }
  return acc;
}
