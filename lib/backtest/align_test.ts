import assert from "node:assert/strict";
import type { BarSeries } from "../domain/bar.ts";
import { alignSymbols } from "./align.ts";
import { runBacktest } from "./run.ts";
import { randomWalk } from "./testing.ts";

/** Keeps the bars whose index is not in `drop` (a hand-made holiday calendar). */
function without(bars: BarSeries, drop: readonly number[]): BarSeries {
  const keep = [...Array(bars.length).keys()].filter((i) => !drop.includes(i));
  const pick = (col: Float64Array) => Float64Array.from(keep, (i) => col[i]);
  return {
    length: keep.length,
    ts: pick(bars.ts),
    open: pick(bars.open),
    high: pick(bars.high),
    low: pick(bars.low),
    close: pick(bars.close),
    volume: pick(bars.volume),
  };
}

/** Manual alignment through a Set of the other calendar's times (independent of alignSymbols). */
function onTimes(bars: BarSeries, times: Float64Array): BarSeries {
  const set = new Set(times);
  const drop = [...Array(bars.length).keys()].filter((i) => !set.has(bars.ts[i]));
  return without(bars, drop);
}

const A = without(randomWalk(120, 3), [5, 17, 40, 41, 90]);
const B = without(randomWalk(120, 7), [9, 17, 30, 119]);

Deno.test("alignSymbols - different holidays keep only the common bar times and count drops", () => {
  const { symbols, alignment } = alignSymbols([{ symbol: "A", bars: A }, { symbol: "B", bars: B }]);
  // common = 120 − |{5,17,40,41,90} ∪ {9,17,30,119}| = 120 − 8 = 112
  assert.deepEqual(alignment, { rule: "intersection", bars: 112, dropped: { A: 3, B: 4 } });
  assert.deepEqual(symbols[0].bars.ts, symbols[1].bars.ts);
  assert.deepEqual(symbols[0].bars, onTimes(A, B.ts));
  assert.deepEqual(symbols[1].bars, onTimes(B, A.ts));
});

Deno.test("runBacktest - several symbols with different holidays equal a run on manually aligned bars", () => {
  const run = (a: BarSeries, b: BarSeries) =>
    runBacktest(
      {
        symbols: [{ symbol: "A", bars: a }, { symbol: "B", bars: b }],
        strategy: "sma_cross",
        params: { fast: 3, slow: 8 },
      },
      { cash: 10_000, commissionPct: 0.1, sizing: { kind: "fraction", fraction: 0.4 } },
    );
  const auto = run(A, B);
  const manual = run(onTimes(A, B.ts), onTimes(B, A.ts));
  assert.ok(auto.trades.length > 0, "the case trades");
  assert.deepEqual(auto.equity, manual.equity);
  assert.deepEqual(auto.trades, manual.trades);
  assert.deepEqual(auto.stats, manual.stats);
  assert.deepEqual(auto.alignment, { rule: "intersection", bars: 112, dropped: { A: 3, B: 4 } });
  assert.deepEqual(manual.alignment, { rule: "intersection", bars: 112, dropped: { A: 0, B: 0 } });
});

Deno.test("alignSymbols - disjoint date ranges are a RangeError naming the symbols and ranges", () => {
  const early = randomWalk(10, 1); // 2000-01-03 .. 2000-01-12
  const late = { ...randomWalk(10, 2) };
  const shifted = { ...late, ts: late.ts.map((t) => t + 20 * 86_400_000) };
  assert.throws(
    () => alignSymbols([{ symbol: "GOOG", bars: early }, { symbol: "ACME", bars: shifted }]),
    (err: unknown) =>
      err instanceof RangeError &&
      err.message.includes("GOOG 2000-01-03 to 2000-01-12") &&
      err.message.includes("ACME 2000-01-23 to 2000-02-01") &&
      err.message.includes("no bar time is common"),
  );
  assert.throws(
    () =>
      runBacktest({
        symbols: [{ symbol: "GOOG", bars: early }, { symbol: "ACME", bars: shifted }],
        strategy: "buy_and_hold",
      }),
    /ACME has different timestamps from GOOG and no bar time is common/,
  );
});

Deno.test("alignSymbols - identical calendars return the input unchanged", () => {
  const input = [{ symbol: "A", bars: A }, {
    symbol: "C",
    bars: without(randomWalk(120, 9), [5, 17, 40, 41, 90]),
  }];
  const { symbols, alignment } = alignSymbols(input);
  assert.equal(symbols, input);
  assert.deepEqual(alignment, { rule: "intersection", bars: 115, dropped: { A: 0, C: 0 } });
  const single = runBacktest({
    symbols: [{ symbol: "A", bars: A }],
    strategy: "sma_cross",
    params: { fast: 3, slow: 8 },
  });
  assert.equal(single.alignment, undefined);
  assert.equal("alignment" in single, false);
});
