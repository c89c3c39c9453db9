/**
 * Resampling bars to a longer timeframe.
 *
 * Buckets: intraday timeframes and days are fixed UTC intervals (floor of the timestamp); weeks are
 * ISO weeks (Monday 00:00 UTC to Sunday); months are calendar months (UTC). A resampled bar takes
 * the first open, the highest high, the lowest low, the last close and the summed volume, and is
 * stamped with its first source bar's time.
 * @module
 */
import { type BarSeries, emptySeries } from "../domain/bar.ts";
import { type Timeframe, timeframeMs } from "./time.ts";

const DAY = 86_400_000;

/** The bucket a timestamp falls in, as a number that only grows with time. */
export function bucketOf(ts: number, tf: Timeframe): number {
  if (tf === "1mo") {
    const d = new Date(ts);
    return d.getUTCFullYear() * 12 + d.getUTCMonth();
  }
  if (tf === "1w") {
    // 1970-01-01 was a Thursday: shift so weeks start on Monday.
    return Math.floor((ts + 3 * DAY) / (7 * DAY));
  }
  return Math.floor(ts / timeframeMs(tf));
}

/** Resamples `bars` (sorted) into `tf` buckets. Returns the input when nothing would change. */
export function resample(bars: BarSeries, tf: Timeframe): BarSeries {
  const n = bars.length;
  if (n === 0) return bars;
  const out = emptySeries(n);
  let k = -1;
  let current = NaN;
  for (let i = 0; i < n; i++) {
    const b = bucketOf(bars.ts[i], tf);
    if (b !== current) {
      k++;
      current = b;
      out.ts[k] = bars.ts[i];
      out.open[k] = bars.open[i];
      out.high[k] = bars.high[i];
      out.low[k] = bars.low[i];
      out.close[k] = bars.close[i];
      out.volume[k] = bars.volume[i];
    } else {
      if (bars.high[i] > out.high[k]) out.high[k] = bars.high[i];
      if (bars.low[i] < out.low[k]) out.low[k] = bars.low[i];
      out.close[k] = bars.close[i];
      out.volume[k] += bars.volume[i];
    }
  }
  const m = k + 1;
  if (m === n) return bars;
  return {
    length: m,
    ts: out.ts.slice(0, m),
    open: out.open.slice(0, m),
    high: out.high.slice(0, m),
    low: out.low.slice(0, m),
    close: out.close.slice(0, m),
    volume: out.volume.slice(0, m),
  };
}
