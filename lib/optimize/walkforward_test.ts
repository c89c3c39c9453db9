import assert from "node:assert/strict";
import { runBacktest } from "../backtest/run.ts";
import { randomWalk } from "../backtest/testing.ts";
import { smaCross } from "../strategies/mod.ts";
import { paramStability, walkForward, WalkForwardSpec, walkForwardWindows } from "./walkforward.ts";

const bars = randomWalk(900, 23);
const symbols = [{ symbol: "X", bars }];

Deno.test("walkForwardWindows - rolling and anchored layouts, hand-computed", () => {
  assert.deepEqual(
    walkForwardWindows(100, { mode: "rolling", inSampleBars: 40, outOfSampleBars: 20 }),
    [
      { isStart: 0, isEnd: 40, oosStart: 40, oosEnd: 60 },
      { isStart: 20, isEnd: 60, oosStart: 60, oosEnd: 80 },
      { isStart: 40, isEnd: 80, oosStart: 80, oosEnd: 100 },
    ],
  );
  // the last OOS segment may be short but keeps at least 2 bars
  assert.deepEqual(
    walkForwardWindows(85, { mode: "anchored", inSampleBars: 40, outOfSampleBars: 20 }),
    [
      { isStart: 0, isEnd: 40, oosStart: 40, oosEnd: 60 },
      { isStart: 0, isEnd: 60, oosStart: 60, oosEnd: 80 },
      { isStart: 0, isEnd: 80, oosStart: 80, oosEnd: 85 },
    ],
  );
  assert.equal(
    walkForwardWindows(41, { mode: "rolling", inSampleBars: 40, outOfSampleBars: 5 }).length,
    0,
  );
});

Deno.test("walkForward - OOS segments trade only inside themselves and compound into one curve", () => {
  const spec = WalkForwardSpec.parse({
    strategy: "sma_cross",
    space: { fast: { values: [3, 5, 8] }, slow: { values: [15, 25] } },
    inSampleBars: 300,
    outOfSampleBars: 150,
    objective: "return",
  });
  const r = walkForward(symbols, spec);
  assert.equal(r.windows.length, 4);
  let growth = 1;
  for (const w of r.windows) {
    growth *= 1 + w.oosReturnPct / 100;
    for (const t of r.trades.filter((t) => t.exitBar >= w.oosStart && t.exitBar < w.oosEnd)) {
      assert.ok(t.entryBar >= w.oosStart, `entry ${t.entryBar} before OOS start ${w.oosStart}`);
    }
  }
  for (const t of r.trades) {
    const w = r.windows.find((w) => t.entryBar >= w.oosStart && t.entryBar < w.oosEnd)!;
    assert.ok(t.exitBar < w.oosEnd, "trades close at their segment's end");
  }
  const eq = r.equity.equity;
  assert.equal(eq[0], 10_000);
  assert.equal(eq.length, 900 - 300 + 1);
  assert.ok(Math.abs(eq[eq.length - 1] / 10_000 - growth) < 1e-9);
  assert.ok(Math.abs(r.stats.returnPct - (growth - 1) * 100) < 1e-7);
  // WFE as defined: stitched annualised OOS / mean annualised IS
  const meanIs = r.windows.reduce((a, w) => a + w.isReturnAnnPct, 0) / r.windows.length;
  if (meanIs > 0) assert.ok(Math.abs(r.efficiency - r.stats.returnAnnPct / meanIs) < 1e-12);
  for (const w of r.windows) {
    assert.equal(w.trialsRun, 6);
    assert.ok(w.best !== null);
  }
});

Deno.test("walkForward - warm-up bars give the OOS segment the same indicators as the full history", () => {
  const spec = WalkForwardSpec.parse({
    strategy: "sma_cross",
    space: { fast: { values: [5] }, slow: { values: [20] } },
    inSampleBars: 400,
    outOfSampleBars: 500,
    warmupBars: 100, // the OOS run starts at bar 300
  });
  const r = walkForward(symbols, spec);
  const w = r.windows[0];
  // reference: the whole history up to the OOS end, strategy held back to the OOS start
  const upTo = (a: Float64Array) => a.subarray(0, w.oosEnd);
  const head = {
    length: w.oosEnd,
    ts: upTo(bars.ts),
    open: upTo(bars.open),
    high: upTo(bars.high),
    low: upTo(bars.low),
    close: upTo(bars.close),
    volume: upTo(bars.volume),
  };
  const ref = runBacktest({
    symbols: [{ symbol: "X", bars: head }],
    strategy: {
      ...smaCross,
      signals: (ctx, p) => ({ ...smaCross.signals(ctx, p), warmup: w.oosStart - 2 }),
    },
    params: { fast: 5, slow: 20 },
  });
  assert.deepEqual(
    r.trades.map((t) => [t.entryBar, t.exitBar, t.pnl]),
    ref.trades.map((t) => [t.entryBar, t.exitBar, t.pnl]),
  );
  // with only 2 warm-up bars the 20-bar SMA is undefined for the first OOS bars
  const cold = walkForward(symbols, { ...spec, warmupBars: 2 });
  assert.ok(cold.trades.length > 0);
  assert.ok(cold.trades[0].entryBar >= w.oosStart + 18);
});

Deno.test("paramStability - mean, spread, mode and share over windows", () => {
  const s = paramStability(["fast", "kind"], [
    { best: { fast: 10, kind: "a" } },
    { best: { fast: 20, kind: "a" } },
    { best: { fast: 30, kind: "b" } },
    { best: null },
  ]);
  assert.deepEqual(s[0].values, [10, 20, 30, null]);
  assert.equal(s[0].mean, 20);
  assert.equal(s[0].std, 10);
  assert.equal(s[0].cv, 0.5);
  assert.equal(s[0].min, 10);
  assert.equal(s[0].max, 30);
  assert.equal(s[0].distinct, 3);
  assert.equal(s[1].mode, "a");
  assert.equal(s[1].modeShare, 0.5);
  assert.ok(Number.isNaN(s[1].mean));
});
