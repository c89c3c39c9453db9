import assert from "node:assert/strict";
import { runBacktest } from "./run.ts";
import { alignTo } from "./align.ts";
import { IndicatorCache } from "./indicator_cache.ts";
import { barsOf, flatBars, randomWalk, readFixture } from "./testing.ts";
import type { BarSeries } from "../domain/bar.ts";

const goog = readFixture("GOOG.csv");

Deno.test("alignTo - carries the last aux value forward, NaN before the aux series starts", () => {
  const ts = Float64Array.of(10, 20, 30, 40);
  const aux: BarSeries = { ...flatBars([1, 2, 3]), ts: Float64Array.of(15, 20, 35) };
  const a = alignTo(ts, aux);
  assert.ok(Number.isNaN(a.close[0]));
  assert.deepEqual(Array.from(a.close.subarray(1)), [2, 2, 3]);
});

Deno.test("runBacktest - the regime filter blocks entries while the benchmark is below its SMA", () => {
  const bars = flatBars([10, 10, 10, 10, 10, 10, 10, 10]);
  // benchmark falls, then rises: close > SMA(2) only from bar 5 on
  const spy = flatBars([5, 4, 3, 2, 1, 3, 4, 5]);
  const input = { symbols: [{ symbol: "X", bars }], strategy: "buy_and_hold", aux: { SPY: spy } };
  const free = runBacktest(input);
  assert.equal(free.trades[0].entryBar, 2);
  const filtered = runBacktest(input, { regime: { benchmark: "SPY", benchmarkSma: 2 } });
  assert.equal(filtered.trades[0].entryBar, 6); // signal at bar 5, fill at bar 6's open
  const vix = flatBars([30, 30, 30, 30, 18, 18, 18, 18]);
  const calm = runBacktest({ ...input, aux: { VIX: vix } }, {
    regime: { volatilityIndex: "VIX", volatilityMax: 20 },
  });
  assert.equal(calm.trades[0].entryBar, 5);
  assert.throws(() => runBacktest(input, { regime: { benchmark: "QQQ" } }), /QQQ/);
});

Deno.test("runBacktest - aux series on other timestamps are aligned before strategies see them", () => {
  const bars = barsOf(Array(6).fill([10, 10, 10, 10]));
  // the aux has one bar per two traded bars, so values are carried forward
  const sparse: BarSeries = {
    ...flatBars([1, 5, 9]),
    ts: Float64Array.of(bars.ts[0], bars.ts[2], bars.ts[4]),
  };
  const r = runBacktest({
    symbols: [{ symbol: "X", bars }],
    strategy: "buy_and_hold",
    aux: { A: sparse },
  }, {
    regime: { benchmark: "A", benchmarkSma: 1 },
  });
  assert.equal(r.trades.length, 0); // close == SMA(1) is never above it
});

Deno.test("runBacktest - progress is reported and ends at 1", () => {
  const bars = randomWalk(5000, 3);
  const seen: number[] = [];
  runBacktest({ symbols: [{ symbol: "X", bars }], strategy: "sma_cross" }, {
    onProgress: (f) => seen.push(f),
    progressEvery: 1000,
  });
  assert.ok(seen.length >= 4, `${seen.length} callbacks`);
  assert.equal(seen[seen.length - 1], 1);
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i] >= seen[i - 1]);
});

Deno.test("runBacktest - a shared cache computes each indicator once and gives the same results", () => {
  const cache = new IndicatorCache();
  let computed = 0;
  const input = { symbols: [{ symbol: "GOOG", bars: goog }], strategy: "sma_cross" };
  const a = runBacktest({ ...input, params: { fast: 10, slow: 30 } }, { cache });
  cache.get(goog, "sma:10", () => computed++);
  cache.get(goog, "sma:30", () => computed++);
  assert.equal(computed, 0, "both SMAs were cached by the first run");
  const b = runBacktest({ ...input, params: { fast: 10, slow: 30 } }, { cache });
  assert.deepEqual(a.stats, b.stats);
  assert.deepEqual(runBacktest({ ...input, params: { fast: 10, slow: 30 } }).stats, a.stats);
});

Deno.test("runBacktest - invalid parameters and misaligned symbols are RangeErrors naming them", () => {
  const input = { symbols: [{ symbol: "GOOG", bars: goog }], strategy: "sma_cross" };
  assert.throws(
    () => runBacktest({ ...input, params: { fast: 30, slow: 10 } }),
    /fast must be below slow/,
  );
  assert.throws(() => runBacktest({ ...input, strategy: "nope" }), /unknown strategy "nope"/);
  // several symbols are aligned to their common bar times; none in common is an error
  const walk = randomWalk(goog.length, 1);
  const other = { ...walk, ts: walk.ts.map((t) => t + Date.UTC(2030, 0, 1)) };
  assert.throws(
    () => runBacktest({ ...input, symbols: [...input.symbols, { symbol: "RW", bars: other }] }),
    /RW has different timestamps/,
  );
});

Deno.test("runBacktest - every built-in strategy runs on GOOG and trades", () => {
  for (
    const name of [
      "sma_cross",
      "ema_cross",
      "turtle",
      "donchian_breakout",
      "rsi_mean_reversion",
      "bollinger_reversion",
      "darvas_breakout",
      "buy_and_hold",
    ]
  ) {
    const r = runBacktest({ symbols: [{ symbol: "GOOG", bars: goog }], strategy: name });
    assert.ok(r.trades.length > 0, `${name}: no trades`);
    if (r.trades.some((t) => t.exitReason === "out_of_money")) {
      // e.g. rsi_mean_reversion shorts GOOG at 116.95 in 2004 and is wiped out at 239.16
      assert.equal(r.stats.equityFinal, 0, name);
      continue;
    }
    const sum = r.trades.reduce((s, t) => s + t.pnl, 0);
    assert.ok(Math.abs(sum - (r.stats.equityFinal - 10_000)) < 1e-6, name);
  }
});
