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

/** How several traded symbols were put on one calendar (see {@link alignSymbols}). */
export interface SymbolAlignment {
  /** Always `"intersection"`: only bar times every symbol has are kept. */
  rule: "intersection";
  /** Bars per symbol after alignment. */
  bars: number;
  /** Bars each symbol lost, by symbol (0 when its calendar already was the common one). */
  dropped: Record<string, number>;
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Puts several traded symbols on one calendar: the intersection of their bar times. Each symbol
 * keeps only the bars whose time every symbol has, so no price is invented (no forward fill).
 * Symbols whose times are already the common ones are returned as the same objects; when all
 * calendars are identical the input array itself is returned with every `dropped` count 0.
 * Each series must be sorted by time. Throws RangeError naming every symbol and its date range
 * when no bar time is common to all (`has different timestamps ... none in common`).
 *
 * @example
 * ```ts
 * const { symbols, alignment } = alignSymbols([{ symbol: "A", bars: a }, { symbol: "B", bars: b }]);
 * alignment.dropped.A; // bars of A on B's holidays
 * ```
 */
export function alignSymbols<T extends { symbol: string; bars: BarSeries }>(
  symbols: readonly T[],
): { symbols: readonly T[]; alignment: SymbolAlignment } {
  if (symbols.length === 0) {
    throw new RangeError("alignSymbols: expected at least one symbol, was 0");
  }
  const first = symbols[0].bars.ts;
  const dropped: Record<string, number> = {};
  if (symbols.every((s) => sameTimes(first, s.bars.ts))) {
    for (const s of symbols) dropped[s.symbol] = 0;
    return { symbols, alignment: { rule: "intersection", bars: first.length, dropped } };
  }
  // intersection of sorted time columns, two pointers per pair
  let common: Float64Array = first;
  for (let k = 1; k < symbols.length; k++) {
    const ts = symbols[k].bars.ts;
    const out = new Float64Array(Math.min(common.length, ts.length));
    let n = 0;
    for (let i = 0, j = 0; i < common.length && j < ts.length;) {
      if (common[i] < ts[j]) i++;
      else if (common[i] > ts[j]) j++;
      else {
        out[n++] = common[i];
        i++;
        j++;
      }
    }
    common = out.subarray(0, n);
  }
  if (common.length === 0) {
    const other = symbols.find((s) => !sameTimes(first, s.bars.ts))!;
    const ranges = symbols.map((s) =>
      s.bars.length === 0
        ? `${s.symbol} no bars`
        : `${s.symbol} ${isoDay(s.bars.ts[0])} to ${isoDay(s.bars.ts[s.bars.length - 1])}`
    ).join(", ");
    throw new RangeError(
      `alignSymbols: ${other.symbol} has different timestamps from ${
        symbols[0].symbol
      } and no bar time is common to all symbols (${ranges}); choose symbols whose dates overlap`,
    );
  }
  const out = symbols.map((s) => {
    const bars = s.bars;
    if (sameTimes(common, bars.ts)) {
      dropped[s.symbol] = 0;
      return s;
    }
    const m = common.length;
    const kept = {
      length: m,
      ts: Float64Array.from(common),
      open: new Float64Array(m),
      high: new Float64Array(m),
      low: new Float64Array(m),
      close: new Float64Array(m),
      volume: new Float64Array(m),
    };
    for (let i = 0, j = 0; i < m; i++) {
      while (bars.ts[j] !== common[i]) j++;
      kept.open[i] = bars.open[j];
      kept.high[i] = bars.high[j];
      kept.low[i] = bars.low[j];
      kept.close[i] = bars.close[j];
      kept.volume[i] = bars.volume[j];
    }
    dropped[s.symbol] = bars.length - m;
    return { ...s, bars: kept };
  });
  return { symbols: out, alignment: { rule: "intersection", bars: common.length, dropped } };
}
