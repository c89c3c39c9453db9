/**
 * The indicators as they were written before the block kernels (block.ts): each one a plain loop
 * over all bars, kept verbatim as the reference that reference_test.ts compares the block kernels
 * with, bit for bit. Not part of the public surface (`mod.ts` does not export it).
 * @module
 */
import type { AdxResult } from "./adx.ts";
import type { BandsResult } from "./bbands.ts";
import { checkFinite, checkPeriod, checkSameLength, nanArray, RESYNC_EVERY } from "./checks.ts";
import type { MacdResult } from "./macd.ts";
import type { StochResult } from "./stoch.ts";

const DAY_MS = 86_400_000;

/** `sma` as one plain loop over all bars (the code before the block kernels). */
export function smaPlain(values: Float64Array, period: number): Float64Array {
  checkPeriod("sma", "period", period);
  const n = values.length;
  const out = new Float64Array(n);
  const resync = Math.max(RESYNC_EVERY, period);
  let sum = 0;
  let nans = 0; // NaNs inside the current window
  let sinceSync = 0;
  for (let i = 0; i < n; i++) {
    const x = values[i];
    if (x !== x) nans++;
    else sum += x;
    if (i >= period) {
      const y = values[i - period];
      if (y !== y) nans--;
      else sum -= y;
      if (++sinceSync >= resync) {
        sinceSync = 0;
        sum = 0;
        for (let j = i - period + 1; j <= i; j++) {
          const z = values[j];
          if (z === z) sum += z;
        }
      }
    }
    out[i] = i >= period - 1 && nans === 0 ? sum / period : NaN;
  }
  return out;
}

/** `wma` as one plain loop over all bars (the code before the block kernels). */
export function wmaPlain(values: Float64Array, period: number): Float64Array {
  checkPeriod("wma", "period", period);
  const n = values.length;
  const out = new Float64Array(n);
  const denom = (period * (period + 1)) / 2;
  const resync = Math.max(RESYNC_EVERY, period);
  // Windows before index n-1 are padded with zeros, and NaNs count as zero in the sums
  // (the output is NaN while `nans > 0`), so one update rule holds everywhere:
  // weighted' = weighted - sum + n·x[i], sum' = sum + x[i] - x[i-n].
  let sum = 0;
  let weighted = 0;
  let nans = 0;
  let sinceSync = 0;
  for (let i = 0; i < n; i++) {
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
        sum = 0;
        weighted = 0;
        for (let j = i - period + 1, w = 1; j <= i; j++, w++) {
          const z = values[j];
          if (z === z) {
            sum += z;
            weighted += w * z;
          }
        }
      }
    }
    out[i] = i >= period - 1 && nans === 0 ? weighted / denom : NaN;
  }
  return out;
}

/** `ema` as one plain loop over all bars (the code before the block kernels). */
export function emaPlain(values: Float64Array, period: number): Float64Array {
  checkPeriod("ema", "period", period);
  return smoothIntoPlain(values, 2 / (period + 1), period, nanArray(values.length));
}

/** `smoothInto` as one plain loop over all bars (the code before the block kernels). */
export function smoothIntoPlain(
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
  for (let i = seedAt + 1; i < n; i++) {
    s += alpha * (values[i] - s);
    out[i] = s;
  }
  return out;
}

/** `rollingStd` as one plain loop over all bars (the code before the block kernels). */
export function rollingStdPlain(values: Float64Array, period: number): Float64Array {
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
  let mean = 0; // of the shifted window
  let m2 = 0; // Σ (x - mean)² over the window; NaNs count as x = shift (output is NaN meanwhile)
  let nans = 0;
  let sinceSync = 0;
  for (let i = 0; i < n; i++) {
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
        let s = 0;
        for (let j = i - period + 1; j <= i; j++) {
          const z = values[j];
          if (z === z) s += z - shift;
        }
        mean = s / period;
        m2 = 0;
        for (let j = i - period + 1; j <= i; j++) {
          const z = values[j];
          const d = (z === z ? z - shift : 0) - mean;
          m2 += d * d;
        }
      }
    }
    out[i] = i >= period - 1 && nans === 0 ? Math.sqrt(m2 > 0 ? m2 / period : 0) : NaN;
  }
  return out;
}

/** `highest` as one plain loop over all bars (the code before the block kernels). */
export function highestPlain(values: Float64Array, period: number): Float64Array {
  checkPeriod("highest", "period", period);
  return rollingExtremePlain(values, period, true);
}

/** `lowest` as one plain loop over all bars (the code before the block kernels). */
export function lowestPlain(values: Float64Array, period: number): Float64Array {
  checkPeriod("lowest", "period", period);
  return rollingExtremePlain(values, period, false);
}

// Monotonic deque in a power-of-two ring: logical positions head <= tail only grow and are
// stored at `pos & mask`; the values are kept next to their indices to avoid an indirection.
// Each index is pushed and popped at most once, so the whole pass is O(length).
function rollingExtremePlain(values: Float64Array, period: number, isMax: boolean): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  let cap = 1;
  while (cap < Math.min(period, n) + 1) cap <<= 1; // the last window plus the newcomer
  const mask = cap - 1;
  const idx = new Int32Array(cap);
  const val = new Float64Array(cap);
  let head = 0; // front: the current extreme
  let tail = 0; // one past the back
  let lastNan = -period - 1;
  for (let i = 0; i < n; i++) {
    const x = values[i];
    if (x !== x) {
      lastNan = i;
    } else {
      // drop from the back every value that can never be the extreme again
      if (isMax) { while (tail > head && val[(tail - 1) & mask] <= x) tail--; }
      else while (tail > head && val[(tail - 1) & mask] >= x) tail--;
      idx[tail & mask] = i;
      val[tail & mask] = x;
      tail++;
    }
    // at most one index leaves the window per bar
    if (tail > head && idx[head & mask] <= i - period) head++;
    out[i] = i >= period - 1 && i - lastNan >= period ? val[head & mask] : NaN;
  }
  return out;
}

/** `roc` as one plain loop over all bars (the code before the block kernels). */
export function rocPlain(values: Float64Array, period: number): Float64Array {
  checkPeriod("roc", "period", period);
  const n = values.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = i >= period ? 100 * (values[i] / values[i - period] - 1) : NaN;
  }
  return out;
}

/** `trueRange` as one plain loop over all bars (the code before the block kernels). */
export function trueRangePlain(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
): Float64Array {
  const n = checkSameLength("trueRange", { high, low, close });
  const out = new Float64Array(n);
  if (n === 0) return out;
  out[0] = high[0] - low[0];
  for (let i = 1; i < n; i++) {
    const pc = close[i - 1];
    const h = high[i];
    const l = low[i];
    const hl = h - l;
    const hc = h > pc ? h - pc : pc - h;
    const lc = l > pc ? l - pc : pc - l;
    // written so that a NaN anywhere gives NaN (Math.max semantics) without the call overhead
    out[i] = hl !== hl || hc !== hc || lc !== lc
      ? NaN
      : hl > hc
      ? (hl > lc ? hl : lc)
      : hc > lc
      ? hc
      : lc;
  }
  return out;
}

/** `atr` as one plain loop over all bars (the code before the block kernels). */
export function atrPlain(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  period = 14,
): Float64Array {
  checkPeriod("atr", "period", period);
  checkSameLength("atr", { high, low, close });
  return wilderFromOnePlain(trueRangePlain(high, low, close), period);
}

/** `wilderFromOne` as one plain loop over all bars (the code before the block kernels). */
export function wilderFromOnePlain(x: Float64Array, period: number): Float64Array {
  const n = x.length;
  const out = new Float64Array(n);
  let s = 0;
  const upTo = Math.min(period, n - 1);
  for (let i = 0; i < n && i < period; i++) out[i] = NaN;
  for (let i = 1; i <= upTo; i++) s += x[i];
  if (period >= n) return out;
  s /= period;
  out[period] = s;
  const keep = period - 1;
  for (let i = period + 1; i < n; i++) {
    s = (s * keep + x[i]) / period;
    out[i] = s;
  }
  return out;
}

/** `rsi` as one plain loop over all bars (the code before the block kernels). */
export function rsiPlain(close: Float64Array, period = 14): Float64Array {
  checkPeriod("rsi", "period", period);
  const n = close.length;
  const out = new Float64Array(n);
  out[0] = NaN;
  let avgGain = 0;
  let avgLoss = 0;
  for (let i = 1; i < n; i++) {
    const d = close[i] - close[i - 1];
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
    out[i] = total > 0 ? 100 - 100 * (avgLoss / total) : total === 0 ? 50 : NaN;
  }
  return out;
}

/** `adx` as one plain loop over all bars (the code before the block kernels). */
export function adxPlain(
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
  const keep = period - 1;
  const adxStart = 2 * period - 1;
  let sTr = 0;
  let sPlus = 0;
  let sMinus = 0;
  let adxValue = 0; // sum of DX during the ADX seed, then the ADX itself
  for (let i = 1; i < n; i++) {
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
  return { adx: adxOut, plusDi, minusDi };
}

/** `macd` as one plain loop over all bars (the code before the block kernels). */
export function macdPlain(
  close: Float64Array,
  options: { fast?: number; slow?: number; signal?: number } = {},
): MacdResult {
  const { fast = 12, slow = 26, signal: signalPeriod = 9 } = options;
  checkPeriod("macd", "fast", fast);
  checkPeriod("macd", "slow", slow);
  checkPeriod("macd", "signal", signalPeriod);
  const n = close.length;
  const fastEma = emaPlain(close, fast);
  const line = emaPlain(close, slow);
  for (let i = 0; i < n; i++) line[i] = fastEma[i] - line[i];
  // the MACD line's leading NaNs are skipped, so the signal seeds on its first defined values
  const signal = smoothIntoPlain(line, 2 / (signalPeriod + 1), signalPeriod, nanArray(n));
  const hist = new Float64Array(n);
  for (let i = 0; i < n; i++) hist[i] = line[i] - signal[i];
  return { macd: line, signal, hist };
}

/** `bbands` as one plain loop over all bars (the code before the block kernels). */
export function bbandsPlain(close: Float64Array, period = 20, k = 2): BandsResult {
  checkPeriod("bbands", "period", period);
  checkFinite("bbands", "k", k);
  const middle = smaPlain(close, period);
  const upper = rollingStdPlain(close, period);
  const n = close.length;
  const lower = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const w = k * upper[i];
    lower[i] = middle[i] - w;
    upper[i] = middle[i] + w;
  }
  return { upper, middle, lower };
}

/** `donchian` as one plain loop over all bars (the code before the block kernels). */
export function donchianPlain(high: Float64Array, low: Float64Array, period = 20): BandsResult {
  checkPeriod("donchian", "period", period);
  const n = checkSameLength("donchian", { high, low });
  const upper = highestPlain(high, period);
  const lower = lowestPlain(low, period);
  const middle = new Float64Array(n);
  for (let i = 0; i < n; i++) middle[i] = (upper[i] + lower[i]) / 2;
  return { upper, middle, lower };
}

/** `keltner` as one plain loop over all bars (the code before the block kernels). */
export function keltnerPlain(
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
  const middle = emaPlain(close, emaPeriod);
  const upper = atrPlain(high, low, close, atrPeriod);
  const lower = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const w = mult * upper[i];
    lower[i] = middle[i] - w;
    upper[i] = middle[i] + w;
  }
  return { upper, middle, lower };
}

/** `stoch` as one plain loop over all bars (the code before the block kernels). */
export function stochPlain(
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
  const fast = highestPlain(high, k);
  const ll = lowestPlain(low, k);
  for (let i = 0; i < n; i++) {
    const lo = ll[i];
    const range = fast[i] - lo;
    // 100·((c - LL)/range), not (100·(c - LL))/range, so c = HH gives exactly 100
    fast[i] = range > 0 ? 100 * ((close[i] - lo) / range) : range === 0 ? 0 : NaN;
  }
  const slowK = kSmooth === 1 ? fast : smaPlain(fast, kSmooth);
  return { k: slowK, d: smaPlain(slowK, d) };
}

/** `vwap` as one plain loop over all bars (the code before the block kernels). */
export function vwapPlain(
  ts: Float64Array,
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  volume: Float64Array,
): Float64Array {
  const n = checkSameLength("vwap", { ts, high, low, close, volume });
  const out = new Float64Array(n);
  let day = NaN;
  let pv = 0;
  let vol = 0;
  for (let i = 0; i < n; i++) {
    const d = Math.floor(ts[i] / DAY_MS);
    if (d !== day) {
      day = d;
      pv = 0;
      vol = 0;
    }
    const v = volume[i];
    pv += ((high[i] + low[i] + close[i]) / 3) * v;
    vol += v;
    out[i] = vol !== 0 ? pv / vol : NaN;
  }
  return out;
}

/** `obv` as one plain loop over all bars (the code before the block kernels). */
export function obvPlain(close: Float64Array, volume: Float64Array): Float64Array {
  const n = checkSameLength("obv", { close, volume });
  const out = new Float64Array(n);
  let acc = 0;
  for (let i = 1; i < n; i++) {
    const c = close[i];
    const p = close[i - 1];
    if (c > p) acc += volume[i];
    else if (c < p) acc -= volume[i];
    out[i] = acc;
  }
  return out;
}
