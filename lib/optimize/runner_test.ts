import assert from "node:assert/strict";
import { runBacktest } from "../backtest/run.ts";
import { randomWalk } from "../backtest/testing.ts";
import type { BarSeries } from "../domain/bar.ts";
import { prepareRunner } from "./runner.ts";

/** The bars of `s` without the bars at `drop` (a holiday one market has and the other not). */
function without(s: BarSeries, drop: number[]): BarSeries {
  const keep = Array.from({ length: s.length }, (_, i) => i).filter((i) => !drop.includes(i));
  const col = (c: Float64Array) => Float64Array.from(keep, (i) => c[i]);
  return {
    length: keep.length,
    ts: col(s.ts),
    open: col(s.open),
    high: col(s.high),
    low: col(s.low),
    close: col(s.close),
    volume: col(s.volume),
  };
}

Deno.test("prepareRunner - symbols with different holidays run on the bar times they share", () => {
  const a = without(randomWalk(400, 3), [50, 51, 200]);
  const b = without(randomWalk(400, 4), [120, 300]);
  const runner = prepareRunner({
    symbols: [{ symbol: "A", bars: a }, { symbol: "B", bars: b }],
    strategy: "sma_cross",
  });
  const got = runner.run({ fast: 5, slow: 20 });
  assert.ok(got.ok);
  // The same sweep point through runBacktest, which aligns by the documented intersection rule.
  const ref = runBacktest({
    symbols: [{ symbol: "A", bars: a }, { symbol: "B", bars: b }],
    strategy: "sma_cross",
    params: { fast: 5, slow: 20 },
  });
  assert.equal(got.out.equity.length, 395, "400 bars less the 5 holidays of either market");
  assert.deepEqual(Array.from(got.out.equity), Array.from(ref.equity.equity));
  assert.equal(got.out.trades.length, ref.trades.length);
});

Deno.test("prepareRunner - symbols with no bar time in common are refused, naming them", () => {
  const a = randomWalk(100, 3);
  const b = randomWalk(100, 4);
  const later = { ...b, ts: b.ts.map((t) => t + 1_000 * 86_400_000) };
  assert.throws(
    () =>
      prepareRunner({
        symbols: [{ symbol: "A", bars: a }, { symbol: "B", bars: later }],
        strategy: "sma_cross",
      }),
    /B .*A|A .*B/,
  );
});
