/**
 * Looking up a second series (benchmark, VIX) at the time of a symbol's bar, so a screener
 * never compares a stock's last bar with a benchmark value from another day by accident.
 * @module
 */
import type { BarSeries } from "../domain/bar.ts";

/** Index of the last bar with `ts <= t`, or −1 when every bar is later. Binary search. */
export function indexAtOrBefore(series: BarSeries, t: number): number {
  let lo = 0;
  let hi = series.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (series.ts[mid] <= t) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}

/**
 * Percentage change over the last `lookback` bars of `a` relative to `b`, on the dates both have:
 * 100 × ((a_t / a_{t−k}) − (b_t / b_{t−k})), where t is the last common date and t−k the common
 * date `lookback` common bars earlier. NaN when fewer than `lookback + 1` common dates exist.
 */
export function relativeReturnPct(a: BarSeries, b: BarSeries, lookback: number): number {
  const [ia, ib] = commonIndices(a, b, lookback + 1);
  if (ia.length < lookback + 1) return NaN;
  const m = ia.length - 1;
  const ra = a.close[ia[m]] / a.close[ia[m - lookback]] - 1;
  const rb = b.close[ib[m]] / b.close[ib[m - lookback]] - 1;
  return 100 * (ra - rb);
}

/**
 * Percentage change of the ratio a/b over the last `lookback` common dates:
 * 100 × ((a_t/b_t) / (a_{t−k}/b_{t−k}) − 1). NaN when there are too few common dates.
 */
export function ratioChangePct(a: BarSeries, b: BarSeries, lookback: number): number {
  const [ia, ib] = commonIndices(a, b, lookback + 1);
  if (ia.length < lookback + 1) return NaN;
  const m = ia.length - 1;
  const now = a.close[ia[m]] / b.close[ib[m]];
  const then = a.close[ia[m - lookback]] / b.close[ib[m - lookback]];
  return 100 * (now / then - 1);
}

/** The last `count` pairs of indices (ascending) where `a` and `b` share a timestamp. */
export function commonIndices(a: BarSeries, b: BarSeries, count: number): [number[], number[]] {
  const ia: number[] = [];
  const ib: number[] = [];
  let i = a.length - 1;
  let j = b.length - 1;
  while (i >= 0 && j >= 0 && ia.length < count) {
    const ta = a.ts[i];
    const tb = b.ts[j];
    if (ta === tb) {
      ia.push(i--);
      ib.push(j--);
    } else if (ta > tb) i--;
    else j--;
  }
  return [ia.reverse(), ib.reverse()];
}
