/**
 * Per-pixel-column decimation of candles and trade markers, so a chart draws at most one candle
 * and a handful of markers per pixel column however many bars are visible (this is what keeps
 * 1,000,000 candles smooth). Pure and allocation-free when an output buffer is passed.
 *
 * Bars sit on an ordinal x axis: bar `i` is centred at pixel `(i - xMin) * pxPerBar` from the plot
 * area's left edge, so weekends and overnight gaps take no room (as in TradingView).
 * @module
 */

/** OHLCV columns, all the same length. */
export interface OhlcvColumns {
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

/**
 * Aggregated candles: `n` valid entries. `px` is the column's x offset in pixels from the plot's
 * left edge (the left edge of the column when aggregated, the bar centre when not); open is the
 * first bar's open, close the last bar's close, high the max, low the min, volume the sum.
 */
export interface CandleBuffer {
  n: number;
  px: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

/** Allocates a {@link CandleBuffer} for up to `capacity` columns. */
export function candleBuffer(capacity: number): CandleBuffer {
  if (!(Number.isInteger(capacity) && capacity >= 0)) {
    throw new RangeError(`candleBuffer: expected a whole capacity >= 0, was ${capacity}`);
  }
  return {
    n: 0,
    px: new Float64Array(capacity),
    open: new Float64Array(capacity),
    high: new Float64Array(capacity),
    low: new Float64Array(capacity),
    close: new Float64Array(capacity),
    volume: new Float64Array(capacity),
  };
}

/**
 * Groups bars `i0..i1` (inclusive, clamped to the data) into one OHLCV aggregate per whole pixel
 * column `floor((i - xMin) * pxPerBar)`; when `pxPerBar >= 1` every bar is its own entry with
 * `px` = its centre. Bars with a NaN close are skipped. Returns `out` (grown when too small).
 *
 * Cost: O(i1 - i0) time, no allocation when `out` is large enough.
 *
 * @example
 * ```ts
 * // 4 bars on 2 pixels: bars 0-1 form column 0, bars 2-3 column 1
 * const b = { open: Float64Array.of(1, 2, 3, 4), high: Float64Array.of(2, 5, 4, 6),
 *   low: Float64Array.of(0, 1, 2, 3), close: Float64Array.of(2, 3, 4, 5),
 *   volume: Float64Array.of(1, 1, 1, 1) };
 * const c = decimateOhlc(b, 0, 3, 0, 0.5);
 * // c.n = 2; open [1, 3], high [5, 6], low [0, 2], close [3, 5], volume [2, 2]
 * ```
 */
export function decimateOhlc(
  bars: OhlcvColumns,
  i0: number,
  i1: number,
  xMin: number,
  pxPerBar: number,
  out?: CandleBuffer,
): CandleBuffer {
  if (!(pxPerBar > 0) || !Number.isFinite(pxPerBar)) {
    throw new RangeError(`decimateOhlc: expected pxPerBar > 0, was ${pxPerBar}`);
  }
  const len = bars.close.length;
  const from = Math.max(0, Math.floor(i0));
  const to = Math.min(len - 1, Math.ceil(i1));
  const span = Math.max(0, to - from + 1);
  const need = pxPerBar >= 1 ? span : Math.min(span, Math.ceil(span * pxPerBar) + 2);
  const buf = out && out.px.length >= need
    ? out
    : candleBuffer(Math.max(need, out?.px.length ?? 0));
  const { open, high, low, close, volume } = bars;
  let n = 0;
  if (pxPerBar >= 1) {
    for (let i = from; i <= to; i++) {
      const c = close[i];
      if (c !== c) continue;
      buf.px[n] = (i - xMin) * pxPerBar;
      buf.open[n] = open[i];
      buf.high[n] = high[i];
      buf.low[n] = low[i];
      buf.close[n] = c;
      buf.volume[n] = volume[i];
      n++;
    }
    buf.n = n;
    return buf;
  }
  // Walk column by column: find the column's last bar arithmetically, then aggregate it in a
  // tight loop (no per-bar floor or column test, which halves the cost on 1M bars).
  const inv = 1 / pxPerBar;
  let i = from;
  while (i <= to) {
    const col = Math.floor((i - xMin) * pxPerBar);
    let end = Math.min(to, Math.ceil(xMin + (col + 1) * inv) - 1);
    while (end > i && Math.floor((end - xMin) * pxPerBar) > col) end--;
    while (end < to && Math.floor((end + 1 - xMin) * pxPerBar) === col) end++;
    let first = -1;
    let hi = -Infinity;
    let lo = Infinity;
    let vol = 0;
    let last = NaN;
    for (let j = i; j <= end; j++) {
      const c = close[j];
      if (c !== c) continue;
      if (first < 0) first = j;
      const h = high[j];
      const l = low[j];
      if (h > hi) hi = h;
      if (l < lo) lo = l;
      vol += volume[j];
      last = c;
    }
    if (first >= 0) {
      buf.px[n] = col;
      buf.open[n] = open[first];
      buf.high[n] = hi;
      buf.low[n] = lo;
      buf.close[n] = last;
      buf.volume[n] = vol;
      n++;
    }
    i = end + 1;
  }
  buf.n = n;
  return buf;
}

/** Trade markers as columns: bar position (fractional index), price, side (1 buy, -1 sell). */
export interface MarkerColumns {
  readonly idx: Float64Array;
  readonly price: Float64Array;
  readonly side: Int8Array;
}

/** Decimated markers in pixels: `n` entries of `x`, `y`, `side`. */
export interface MarkerPoints {
  n: number;
  x: Float32Array;
  y: Float32Array;
  side: Int8Array;
}

/**
 * Keeps at most one marker per side in each `cell`×`cell` pixel cell of a `width`×`height` plot,
 * so 10,000 markers draw as at most a few hundred glyphs. `markers.idx` must be sorted ascending;
 * markers outside `[xMin, xMax]` or whose `yPx` falls outside the plot are dropped.
 * Cost: O(log m + visible markers) time.
 */
export function decimateMarkers(
  markers: MarkerColumns,
  view: {
    xMin: number;
    xMax: number;
    pxPerBar: number;
    width: number;
    height: number;
    yPx: (price: number) => number;
  },
  cell = 4,
): MarkerPoints {
  const { xMin, xMax, pxPerBar, width, height, yPx } = view;
  const cols = Math.max(1, Math.ceil(width / cell));
  const rows = Math.max(1, Math.ceil(height / cell));
  const taken = new Uint8Array(cols * rows);
  const m = markers.idx.length;
  let lo = 0;
  let hi = m;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (markers.idx[mid] < xMin) lo = mid + 1;
    else hi = mid;
  }
  const xs: number[] = [];
  const ys: number[] = [];
  const sides: number[] = [];
  for (let j = lo; j < m && markers.idx[j] <= xMax; j++) {
    const x = (markers.idx[j] - xMin) * pxPerBar;
    const y = yPx(markers.price[j]);
    if (!(y >= 0 && y <= height) || x < 0 || x > width) continue;
    const bit = markers.side[j] > 0 ? 1 : 2;
    const at = Math.min(rows - 1, Math.floor(y / cell)) * cols +
      Math.min(cols - 1, Math.floor(x / cell));
    if (taken[at] & bit) continue;
    taken[at] |= bit;
    xs.push(x);
    ys.push(y);
    sides.push(markers.side[j] > 0 ? 1 : -1);
  }
  return {
    n: xs.length,
    x: Float32Array.from(xs),
    y: Float32Array.from(ys),
    side: Int8Array.from(sides),
  };
}
