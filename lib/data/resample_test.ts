import assert from "node:assert/strict";
import { bucketOf, resample } from "./resample.ts";
import { parseOhlcvCsv } from "./csv.ts";
import type { BarSeries } from "../domain/bar.ts";

function series(rows: [string, number, number, number, number, number][]): BarSeries {
  const csv = ["timestamp,open,high,low,close,volume", ...rows.map((r) => r.join(","))].join("\n");
  const r = parseOhlcvCsv(csv);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.bars;
}

Deno.test("resample - ISO weeks run Monday to Sunday, stamped with the first bar", () => {
  // 2024-01-05 is a Friday, 2024-01-07 a Sunday, 2024-01-08 a Monday.
  const bars = series([
    ["2024-01-05", 10, 11, 9, 10.5, 100],
    ["2024-01-07", 10.5, 13, 10, 12, 50],
    ["2024-01-08", 12, 12.5, 8, 9, 70],
    ["2024-01-09", 9, 10, 8.5, 9.5, 30],
  ]);
  const w = resample(bars, "1w");
  assert.equal(w.length, 2);
  assert.deepEqual([w.ts[0], w.open[0], w.high[0], w.low[0], w.close[0], w.volume[0]], [
    Date.UTC(2024, 0, 5),
    10,
    13,
    9,
    12,
    150,
  ]);
  assert.deepEqual([w.ts[1], w.open[1], w.high[1], w.low[1], w.close[1], w.volume[1]], [
    Date.UTC(2024, 0, 8),
    12,
    12.5,
    8,
    9.5,
    100,
  ]);
});

Deno.test("resample - calendar months and intraday to hours", () => {
  const bars = series([
    ["2024-01-31", 10, 11, 9, 10, 1],
    ["2024-02-01", 10, 12, 9, 11, 2],
    ["2024-02-29", 11, 15, 10, 14, 3],
    ["2024-03-01", 14, 14, 13, 13.5, 4],
  ]);
  const m = resample(bars, "1mo");
  assert.deepEqual(Array.from(m.ts), [
    Date.UTC(2024, 0, 31),
    Date.UTC(2024, 1, 1),
    Date.UTC(2024, 2, 1),
  ]);
  assert.equal(m.high[1], 15);
  assert.equal(m.volume[1], 5);

  const intraday = series([
    ["2024-01-02T09:30:00Z", 10, 11, 9, 10, 1],
    ["2024-01-02T09:45:00Z", 10, 12, 9.5, 11, 1],
    ["2024-01-02T10:00:00Z", 11, 11.5, 10, 10.2, 1],
  ]);
  const h = resample(intraday, "1h");
  assert.equal(h.length, 2);
  assert.equal(h.ts[0], Date.UTC(2024, 0, 2, 9, 30), "stamped with the first source bar");
  assert.equal(h.close[0], 11);
});

Deno.test("bucketOf - a Sunday belongs to the week of the previous Monday", () => {
  assert.equal(
    bucketOf(Date.UTC(2024, 0, 7, 23), "1w"),
    bucketOf(Date.UTC(2024, 0, 1), "1w"),
  );
  assert.notEqual(bucketOf(Date.UTC(2024, 0, 8), "1w"), bucketOf(Date.UTC(2024, 0, 7), "1w"));
});
