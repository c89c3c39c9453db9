/**
 * Aligning auxiliary series (benchmark, volatility index) to the traded bars without look-ahead.
 * @module
 */
import type { BarSeries } from "../domain/bar.ts";

/**
 * Re-indexes `aux` onto `ts`: entry `i` holds the last aux bar with `aux.ts ≤ ts[i]` (forward
 * fill), NaN before the aux series starts. Both must be sorted by time.
 *
 * @example
 * ```ts
 * const spy = alignTo(goog.ts, spyBars); // spy.close[i] is SPY's last close at or before goog.ts[i]
 * ```
 */
export function alignTo(ts: Float64Array, aux: BarSeries): BarSeries {
  const n = ts.length;
  const out = {
    length: n,
    ts: Float64Array.from(ts),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  let j = -1;
  for (let i = 0; i < n; i++) {
    while (j + 1 < aux.length && aux.ts[j + 1] <= ts[i]) j++;
    out.open[i] = j >= 0 ? aux.open[j] : NaN;
    out.high[i] = j >= 0 ? aux.high[j] : NaN;
    out.low[i] = j >= 0 ? aux.low[j] : NaN;
    out.close[i] = j >= 0 ? aux.close[j] : NaN;
    out.volume[i] = j >= 0 ? aux.volume[j] : NaN;
  }
  return out;
}

/** True when two series have identical timestamps. */
export function sameTimes(a: Float64Array, b: Float64Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
