import assert from "node:assert/strict";
import {
  crossedAbove,
  crossedBelow,
  darvasRule,
  donchianBreakout,
  firstDefined,
  turtleRule,
} from "./mod.ts";
import { barsOf } from "../backtest/testing.ts";

Deno.test("crossedAbove - strict on both bars, like backtesting.py's crossover", () => {
  const a = Float64Array.of(1, 2, 3, 3);
  const b = Float64Array.of(2, 2, 2, 4);
  assert.equal(crossedAbove(a, b, 1), false); // touching is not crossing
  assert.equal(crossedAbove(a, b, 2), false); // 2 < 2 is false on the previous bar
  assert.equal(crossedAbove(Float64Array.of(1, 3), Float64Array.of(2, 2), 1), true);
  assert.equal(crossedBelow(a, b, 3), true);
  assert.equal(crossedAbove(Float64Array.of(NaN, 3), Float64Array.of(2, 2), 1), false);
});

Deno.test("firstDefined - the latest first-defined index, length when never defined", () => {
  assert.equal(firstDefined([Float64Array.of(NaN, 1), Float64Array.of(1, 1)]), 1);
  assert.equal(firstDefined([Float64Array.of(NaN, NaN)]), 2);
});

Deno.test("donchianBreakout - compares the close with the previous bars' channel", () => {
  // highs 10 11 12 11 10 13, lows 9 10 11 10 8 12; closes break out on bar 5, break down on bar 4
  const bars = barsOf([
    [9, 10, 9, 9.5],
    [10, 11, 10, 10.5],
    [11, 12, 11, 11.5],
    [11, 11, 10, 10.5],
    [
      10,
      10,
      8,
      8.5,
    ],
    [12, 13, 12, 12.5],
  ]);
  const r = donchianBreakout(bars, { entryPeriod: 3, exitPeriod: 2 });
  assert.equal(r.warmup, 3);
  // bar 5: close 12.5 > max(high[2..4]) = 12
  assert.deepEqual(Array.from(r.longEntry), [0, 0, 0, 0, 0, 1]);
  // bar 4: close 8.5 < min(low[1..3]) = 10 (entry) and < min(low[2..3]) = 10 (exit)
  assert.deepEqual(Array.from(r.shortEntry), [0, 0, 0, 0, 1, 0]);
  assert.deepEqual(Array.from(r.longExit), [0, 0, 0, 0, 1, 0]);
  // bar 2: close 11.5 > max(high[0..1]) = 11; bar 5: 12.5 > max(high[3..4]) = 11
  assert.deepEqual(Array.from(r.shortExit), [0, 0, 1, 0, 0, 1]);
});

Deno.test("turtleRule - stops and targets at 2N and 4N from the close", () => {
  const rows = Array.from({ length: 8 }, (_, i) => [10 + i, 11 + i, 9 + i, 10.5 + i] as const);
  const t = turtleRule(barsOf(rows), { entryPeriod: 3, exitPeriod: 2, atrPeriod: 3 });
  assert.equal(t.warmup, 3);
  const i = 6;
  // TR = 2 every bar (H − L = 2, gaps ≤ 1.5), so N = 2
  assert.equal(t.n[i], 2);
  assert.equal(t.longStop[i], 16.5 - 4);
  assert.equal(t.shortStop[i], 16.5 + 4);
  assert.equal(t.longTarget[i], 16.5 + 8);
  assert.equal(t.longEntry[i], 1);
});

Deno.test("darvasRule - box known only once its pivots are confirmed, then a breakout", () => {
  const highs = [10, 11, 12, 15, 12, 11, 10, 11, 12, 13, 14, 16, 17];
  const lows = [9, 10, 11, 13, 10, 9, 8, 9, 10, 11, 12, 14, 15];
  const closes = [9.5, 10.5, 11.5, 14, 11, 10, 9, 10, 11, 12, 13.5, 15.5, 16.5];
  const bars = barsOf(highs.map((h, i) => [closes[i], h, lows[i], closes[i]] as const));
  const d = darvasRule(bars, { pivot: 3 });
  // pivot high at bar 3 (15 ≥ highs of bars 0-2 and 4-6) is confirmed at bar 6
  assert.ok(Number.isNaN(d.ceiling[5]));
  assert.equal(d.ceiling[6], 15);
  assert.equal(d.warmup, 6);
  // pivot low at bar 6 (8) is confirmed at bar 9
  assert.ok(Number.isNaN(d.floor[8]));
  assert.equal(d.floor[9], 8);
  assert.equal(d.target[9], 22);
  // close 15.5 at bar 11 crosses above the ceiling 15 (close 13.5 before)
  assert.deepEqual(
    Array.from(d.breakout).map((x, i) => (x ? i : -1)).filter((i) => i >= 0),
    [11],
  );
});
