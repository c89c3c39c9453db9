/**
 * Wilder's Directional Movement System: +DI, -DI and the Average Directional Index.
 * @module
 */
import { BLOCK } from "./block.ts";
import { checkPeriod, checkSameLength } from "./checks.ts";

/** ADX with its two directional indicators, each the input's length, in [0, 100]. */
export interface AdxResult {
  /** Average Directional Index; first value at index `2n - 1`. */
  adx: Float64Array;
  /** +DI; first value at index `n`. */
  plusDi: Float64Array;
  /** -DI; first value at index `n`. */
  minusDi: Float64Array;
}

/**
 * Average Directional Index (Wilder, 1978).
 *
 * For `i ≥ 1`, with `up = high[i] - high[i-1]` and `down = low[i-1] - low[i]`:
 * `+DM = up > down && up > 0 ? up : 0`, `-DM = down > up && down > 0 ? down : 0` (equal moves
 * count for neither), and TR as in {@link trueRange}. TR, +DM and -DM are Wilder-smoothed like
 * {@link atr}: seeded with the mean of bars `1..n` at index `n`, then `s = (s·(n-1) + x) / n`.
 * - `+DI = 100 · s(+DM) / s(TR)`, `-DI = 100 · s(-DM) / s(TR)` (0 when `s(TR) = 0`);
 * - `DX = 100 · |+DI - -DI| / (+DI + -DI)` (0 when both are 0), defined from index `n`;
 * - `ADX` at index `2n - 1` is the mean of `DX[n..2n-1]`, then `ADX = (ADX·(n-1) + DX) / n`.
 *
 * Warm-up: `plusDi`/`minusDi` first at index `n`, `adx` first at index `2n - 1` (27 for 14).
 * A NaN input propagates to every later value.
 *
 * @example
 * ```ts
 * const high = Float64Array.of(10, 11, 12, 13);
 * const low = Float64Array.of(9, 10, 11, 12);
 * const close = Float64Array.of(9.5, 10.5, 11.5, 12.5);
 * adx(high, low, close, 2).adx; // a pure uptrend: [NaN, NaN, NaN, 100]
 * ```
 */
export function adx(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  period = 14,
): AdxResult {
  checkPeriod("adx", "period", period);
  const n = checkSameLength("adx", { high, low, close });
  const adxOut = new Float64Array(n);
  const plusDi = new Float64Array(n);
  const minusDi = new Float64Array(n);
  if (n > 0) adxOut[0] = plusDi[0] = minusDi[0] = NaN;
  // [s(TR), s(+DM), s(-DM), sum of DX during the ADX seed, then the ADX itself]
  const state = new Float64Array(4);
  for (let i = 1; i < n; i += BLOCK) {
    adxBlock(high, low, close, period, adxOut, plusDi, minusDi, state, i, Math.min(n, i + BLOCK));
  }
  return { adx: adxOut, plusDi, minusDi };
}

/** {@link adx} for bars [from, to), `from ≥ 1`, carrying `state` (see block.ts). */
function adxBlock(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  period: number,
  adxOut: Float64Array,
  plusDi: Float64Array,
  minusDi: Float64Array,
  state: Float64Array,
  from: number,
  to: number,
): void {
  const keep = period - 1;
  const adxStart = 2 * period - 1;
  let sTr = state[0];
  let sPlus = state[1];
  let sMinus = state[2];
  let adxValue = state[3];
  for (let i = from; i < to; i++) {
    const h = high[i];
    const l = low[i];
    const pc = close[i - 1];
    const up = h - high[i - 1];
    const down = low[i - 1] - l;
    const pdm = up > down && up > 0 ? up : 0;
    const mdm = down > up && down > 0 ? down : 0;
    const hl = h - l;
    const hc = h > pc ? h - pc : pc - h;
    const lc = l > pc ? l - pc : pc - l;
    let tr = hl > hc ? (hl > lc ? hl : lc) : hc > lc ? hc : lc;
    if (hl !== hl || hc !== hc || lc !== lc || up !== up || down !== down) tr = NaN;
    if (i < period) {
      sTr += tr;
      sPlus += pdm;
      sMinus += mdm;
      adxOut[i] = plusDi[i] = minusDi[i] = NaN;
      continue;
    }
    if (i === period) {
      sTr = (sTr + tr) / period;
      sPlus = (sPlus + pdm) / period;
      sMinus = (sMinus + mdm) / period;
    } else {
      sTr = (sTr * keep + tr) / period;
      sPlus = (sPlus * keep + pdm) / period;
      sMinus = (sMinus * keep + mdm) / period;
    }
    const pdi = sTr > 0 ? 100 * (sPlus / sTr) : sTr === 0 ? 0 : NaN;
    const mdi = sTr > 0 ? 100 * (sMinus / sTr) : sTr === 0 ? 0 : NaN;
    const sum = pdi + mdi;
    const dx = sum > 0 ? 100 * (Math.abs(pdi - mdi) / sum) : sum === 0 ? 0 : NaN;
    plusDi[i] = pdi;
    minusDi[i] = mdi;
    if (i < adxStart) {
      adxValue += dx;
      adxOut[i] = NaN;
    } else {
      adxValue = i === adxStart ? (adxValue + dx) / period : (adxValue * keep + dx) / period;
      adxOut[i] = adxValue;
    }
  }
  state[0] = sTr;
  state[1] = sPlus;
  state[2] = sMinus;
  state[3] = adxValue;
}
