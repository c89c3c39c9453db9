/**
 * Bars: the OHLCV unit every part of ThetaForge computes on.
 *
 * Time is unix milliseconds (UTC) everywhere in TypeScript; a bar is stamped with its open time
 * (daily bars at 00:00 UTC of their date). Compute on {@link BarSeries} columns, use {@link Bar}
 * rows only at the edges (API, CSV, storage).
 * @module
 */

/** One OHLCV bar. */
export interface Bar {
  /** Bar open time, unix ms (UTC). */
  ts: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/**
 * Bars as columns: one `Float64Array` per field, all the same length. This is the shape the
 * indicators, WASM kernels and uPlot consume without copying rows.
 */
export interface BarSeries {
  readonly length: number;
  /** Bar open times, unix ms. */
  readonly ts: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

/** Converts rows to columns. Rows must already be sorted by time (the CSV importer ensures it). */
export function toBarSeries(bars: readonly Bar[]): BarSeries {
  const n = bars.length;
  const s = emptySeries(n);
  for (let i = 0; i < n; i++) {
    const b = bars[i];
    if (i > 0 && b.ts <= bars[i - 1].ts) {
      throw new RangeError(`toBarSeries: bar ${i} is not after bar ${i - 1} (ts ${b.ts})`);
    }
    s.ts[i] = b.ts;
    s.open[i] = b.open;
    s.high[i] = b.high;
    s.low[i] = b.low;
    s.close[i] = b.close;
    s.volume[i] = b.volume;
  }
  return s;
}

/** Converts columns back to rows. */
export function toBars(s: BarSeries): Bar[] {
  const out: Bar[] = new Array(s.length);
  for (let i = 0; i < s.length; i++) {
    out[i] = {
      ts: s.ts[i],
      open: s.open[i],
      high: s.high[i],
      low: s.low[i],
      close: s.close[i],
      volume: s.volume[i],
    };
  }
  return out;
}

/** The bars with `from <= ts <= to` (unix ms), as views sharing the input's memory. */
export function sliceSeries(s: BarSeries, from = -Infinity, to = Infinity): BarSeries {
  let lo = 0;
  while (lo < s.length && s.ts[lo] < from) lo++;
  let hi = lo;
  while (hi < s.length && s.ts[hi] <= to) hi++;
  return {
    length: hi - lo,
    ts: s.ts.subarray(lo, hi),
    open: s.open.subarray(lo, hi),
    high: s.high.subarray(lo, hi),
    low: s.low.subarray(lo, hi),
    close: s.close.subarray(lo, hi),
    volume: s.volume.subarray(lo, hi),
  };
}

/** A zero-filled series of `n` bars. */
export function emptySeries(n: number): BarSeries {
  return {
    length: n,
    ts: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
}
