/**
 * The `{ time, "<spec>": [...] }` table the indicators API and CLI return.
 * @module
 */
import { type BarSeries, sliceSeries } from "../domain/bar.ts";
import { computeIndicators, type IndicatorSpec } from "./spec.ts";

/** Bounds of the returned rows, unix ms, inclusive. */
export interface TableRange {
  from?: number;
  to?: number;
}

/**
 * Computes `specs` over `bars` and returns `{ time, ...columns }` restricted to
 * `from <= time <= to`: `time` holds bar open times (unix ms) and each output key (see
 * `outputKeys`) a column of the same length, NaN in warm-up (null once serialised as JSON).
 *
 * Indicators are computed on every bar up to `to`, including those before `from`, so the values
 * in the window are the same as in an unbounded request: bars before `from` serve as warm-up.
 *
 * @example
 * ```ts
 * import { toBarSeries } from "../domain/bar.ts";
 * import { parseIndicatorSpec } from "./spec.ts";
 * const bars = toBarSeries([1, 2, 3, 4].map((c, i) => ({
 *   ts: i * 86_400_000, open: c, high: c, low: c, close: c, volume: 1,
 * })));
 * const r = parseIndicatorSpec("sma:2");
 * if (r.ok) indicatorTable(bars, [r.spec], { from: 86_400_000 * 2 });
 * // { time: [172800000, 259200000], "sma:2": [2.5, 3.5] }
 * ```
 */
export function indicatorTable(
  bars: BarSeries,
  specs: readonly IndicatorSpec[],
  range: TableRange = {},
): Record<string, Float64Array> {
  const upTo = range.to === undefined ? bars : sliceSeries(bars, -Infinity, range.to);
  const columns = computeIndicators(upTo, specs);
  let lo = 0;
  if (range.from !== undefined) {
    while (lo < upTo.length && upTo.ts[lo] < range.from) lo++;
  }
  const out: Record<string, Float64Array> = { time: upTo.ts.subarray(lo) };
  for (const [key, col] of Object.entries(columns)) out[key] = col.subarray(lo);
  return out;
}
