/**
 * Test helpers for the backtester: fixture loading and tiny hand-written bar series.
 * @module
 */
import { type BarSeries, emptySeries } from "../domain/bar.ts";
import { mulberry32 } from "../data/synthetic.ts";
import { parseOhlcvCsv } from "../indicators/testing.ts";

/** Deterministic PRNG (mulberry32, from lib/data/synthetic.ts) so failures can be replayed. */
export { mulberry32 };

const DAY_MS = 86_400_000;

/**
 * Reads a `,Open,High,Low,Close,Volume` CSV fixture from tests/fixtures (daily, `YYYY-MM-DD`
 * index, times at 00:00 UTC) with the indicator tests' small parser, which is independent of
 * lib/data/csv.ts.
 */
export function readFixture(name: string): BarSeries {
  const url = new URL(`../../tests/fixtures/${name}`, import.meta.url);
  return parseOhlcvCsv(Deno.readTextFileSync(url));
}

/**
 * Bars from `[open, high, low, close]` rows, one per weekday starting Monday 2024-01-01 (so
 * annualisation uses 252 periods).
 */
export function barsOf(rows: readonly (readonly [number, number, number, number])[]): BarSeries {
  const n = rows.length;
  const ts = new Float64Array(n);
  let t = Date.UTC(2024, 0, 1);
  for (let i = 0; i < n; i++) {
    ts[i] = t;
    t += DAY_MS;
    const dow = new Date(t).getUTCDay();
    if (dow === 6) t += 2 * DAY_MS;
  }
  return {
    length: n,
    ts,
    open: Float64Array.from(rows, (r) => r[0]),
    high: Float64Array.from(rows, (r) => r[1]),
    low: Float64Array.from(rows, (r) => r[2]),
    close: Float64Array.from(rows, (r) => r[3]),
    volume: new Float64Array(n).fill(1000),
  };
}

/** Bars with open = high = low = close = each price. */
export function flatBars(prices: readonly number[]): BarSeries {
  return barsOf(prices.map((p) => [p, p, p, p] as const));
}

/** A seeded random-walk daily series of `n` bars with `low ≤ open, close ≤ high`. */
export function randomWalk(n: number, seed = 1): BarSeries {
  const rand = mulberry32(seed);
  const s = emptySeries(n);
  let px = 100;
  for (let i = 0; i < n; i++) {
    const open = px * (1 + (rand() - 0.5) * 0.01);
    px = Math.max(1, open * (1 + (rand() - 0.5) * 0.04));
    s.ts[i] = Date.UTC(2000, 0, 3) + i * DAY_MS;
    s.open[i] = open;
    s.close[i] = px;
    s.high[i] = Math.max(open, px) * (1 + rand() * 0.01);
    s.low[i] = Math.min(open, px) * (1 - rand() * 0.01);
    s.volume[i] = Math.round(1000 + rand() * 9000);
  }
  return s;
}
