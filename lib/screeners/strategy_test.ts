import assert from "node:assert/strict";
import { runBacktest } from "../backtest/run.ts";
import { ENTER_LONG, EXIT_LONG } from "../backtest/types.ts";
import { IndicatorCache } from "../backtest/indicator_cache.ts";
import { getScreener } from "./mod.ts";
import { backtestStrategyName, screenerStrategies, screenerStrategy } from "./strategy.ts";
import { barsFromCloses, linspace } from "./test_bars.ts";

Deno.test("screener strategy - flags match the screener's verdict on every prefix", () => {
  const def = getScreener("ema_5_13_21")!;
  const closes = [...linspace(100, 80, 40), 100, 101, 102, ...linspace(100, 60, 20)];
  const bars = barsFromCloses(closes);
  const s = screenerStrategy(def);
  const sig = s.signals({ bars, aux: {}, cache: new IndicatorCache() }, def.params.parse({}));
  assert.equal(sig.warmup, 21); // 22 bars needed
  const i = 40; // the fresh 5/21 cross
  assert.ok(sig.flags[i] & ENTER_LONG);
  assert.ok(
    Math.abs(
      sig.stopPrice![i] -
        def.run({ bars: barsFromCloses(closes.slice(0, i + 1)) }, def.params.parse({})).stop!,
    ) < 1e-12,
  );
  assert.ok(sig.flags.some((f, k) => k > i && (f & EXIT_LONG) !== 0));
});

Deno.test("screener strategy - runs through the backtester end to end", () => {
  const closes = [...linspace(100, 200, 250), 205, 210, 215, 200, 190, 180, 170, 160];
  const bars = barsFromCloses(closes);
  const result = runBacktest(
    {
      symbols: [{ symbol: "TEST", bars }],
      strategy: screenerStrategy(getScreener("isa_trend")!),
      params: { minTurnover: 0 },
    },
    { cash: 10_000 },
  );
  assert.ok(result.trades.length >= 1);
  assert.equal(result.trades[0].side, "long");
});

Deno.test("backtestStrategyName - Turtle and Darvas use the shared-rule strategies", () => {
  assert.equal(backtestStrategyName("turtle"), "turtle");
  assert.equal(backtestStrategyName("darvas"), "darvas_breakout");
  assert.equal(backtestStrategyName("isa_trend"), "screener_isa_trend");
  assert.equal(backtestStrategyName("bull_put"), null);
  assert.equal(backtestStrategyName("regime"), null);
  const names = screenerStrategies().map((s) => s.name);
  assert.ok(names.includes("screener_medallion") && !names.includes("screener_turtle"));
});
