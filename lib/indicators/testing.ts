/**
 * Helpers for the indicator tests: tolerance comparison, a seeded PRNG, synthetic bars and the
 * GOOG fixture. Not part of the public surface (`mod.ts` does not export it).
 * @module
 */
import assert from "node:assert/strict";

/** Asserts equal length and element-wise agreement within `eps` (relative above magnitude 1). */
export function closeTo(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  eps = 1e-12,
  label = "",
): void {
  assert.equal(actual.length, expected.length, `${label} length`);
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (Number.isNaN(e)) {
      assert.ok(Number.isNaN(a), `${label} index ${i}: expected NaN, was ${a}`);
    } else {
      const tol = eps * Math.max(1, Math.abs(e));
      assert.ok(Math.abs(a - e) <= tol, `${label} index ${i}: expected ${e}, was ${a}`);
    }
  }
}

/** Deterministic PRNG (mulberry32) so a failing case can be replayed. */
export function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** OHLCV columns. */
export interface Columns {
  ts: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
  length: number;
}

/**
 * A seeded random walk of `n` bars, one every `stepMs` (default one hour, so several bars share
 * a UTC day), with `low ≤ open, close ≤ high`.
 */
export function randomBars(n: number, seed = 1, stepMs = 3_600_000): Columns {
  const rand = mulberry32(seed);
  const c: Columns = {
    length: n,
    ts: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  let px = 100;
  for (let i = 0; i < n; i++) {
    const open = px;
    px = Math.max(1, px * (1 + (rand() - 0.5) * 0.04));
    c.ts[i] = 1_700_000_000_000 + i * stepMs;
    c.open[i] = open;
    c.close[i] = px;
    c.high[i] = Math.max(open, px) * (1 + rand() * 0.01);
    c.low[i] = Math.min(open, px) * (1 - rand() * 0.01);
    c.volume[i] = Math.round(1000 + rand() * 9000);
  }
  return c;
}

/**
 * Parses a `,Open,High,Low,Close,Volume` CSV with a `YYYY-MM-DD` index into columns (ts at 00:00
 * UTC). Deliberately tiny and independent of `lib/data/csv.ts`.
 */
export function parseOhlcvCsv(text: string): Columns {
  const rows = text.trim().split(/\r?\n/).slice(1).map((line) => line.split(","));
  const col = (j: number) => Float64Array.from(rows, (r) => Number(r[j]));
  return {
    length: rows.length,
    ts: Float64Array.from(rows, (r) => Date.parse(r[0] + "T00:00:00Z")),
    open: col(1),
    high: col(2),
    low: col(3),
    close: col(4),
    volume: col(5),
  };
}

/** The GOOG daily fixture (tests/fixtures/GOOG.csv). */
export function readGoog(): Columns {
  const url = new URL("../../tests/fixtures/GOOG.csv", import.meta.url);
  return parseOhlcvCsv(Deno.readTextFileSync(url));
}
