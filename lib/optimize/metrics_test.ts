import assert from "node:assert/strict";
import { runBacktest } from "../backtest/run.ts";
import { randomWalk, readFixture } from "../backtest/testing.ts";
import { returnMoments } from "./dsr.ts";
import { METRIC_NAMES, periodGrid, trialMetrics } from "./metrics.ts";
import { prepareRunner } from "./runner.ts";

function close(a: number, b: number, what: string) {
  if (Number.isNaN(b)) return assert.ok(Number.isNaN(a), `${what}: ${a} vs NaN`);
  assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);
}

const CASES = [
  { strategy: "sma_cross", params: { fast: 10, slow: 30 }, options: {} },
  {
    strategy: "sma_cross",
    params: { fast: 5, slow: 50 },
    options: { commissionPct: 0.2, direction: "long_only" as const },
  },
  {
    strategy: "ema_cross",
    params: { fast: 8, slow: 21 },
    options: { slippageBps: 5, riskFreeRatePct: 2 },
  },
  { strategy: "turtle", params: {}, options: { sizing: { kind: "risk" as const, riskPct: 1 } } },
  { strategy: "rsi_mean_reversion", params: {}, options: { stopLossPct: 5, spreadBps: 3 } },
];

Deno.test("trialMetrics and prepareRunner - equal runBacktest's stats, equity and trades", () => {
  for (const bars of [readFixture("GOOG.csv"), randomWalk(700, 9)]) {
    const grid = periodGrid(bars.ts);
    for (const c of CASES) {
      const symbols = [{ symbol: "X", bars }];
      const full = runBacktest({ symbols, strategy: c.strategy, params: c.params }, c.options);
      const attempt = prepareRunner({ symbols, strategy: c.strategy }, c.options).run(c.params);
      assert.ok(attempt.ok);
      assert.deepEqual(attempt.out.equity, full.equity.equity);
      assert.deepEqual(attempt.out.trades, full.trades);
      const m = trialMetrics(grid, attempt.out.equity, attempt.out.trades, {
        riskFreeRatePct: c.options.riskFreeRatePct,
      });
      for (const k of METRIC_NAMES) {
        if (k in full.stats) {
          close(m[k], full.stats[k as keyof typeof full.stats] as number, `${c.strategy} ${k}`);
        }
      }
    }
  }
});

Deno.test("trialMetrics - per-period Sharpe, skew and kurtosis are those of the daily returns", () => {
  const bars = randomWalk(400, 4);
  const r = runBacktest({
    symbols: [{ symbol: "X", bars }],
    strategy: "sma_cross",
    params: { fast: 5, slow: 20 },
  });
  const e = r.equity.equity;
  // random-walk bars are one per calendar day, so each bar is a period
  const rets = Float64Array.from({ length: e.length - 1 }, (_, i) => e[i + 1] / e[i] - 1);
  const mom = returnMoments(rets);
  const m = trialMetrics(periodGrid(bars.ts), e, r.trades);
  assert.equal(m.periodsCount, 399);
  close(m.sharpePerPeriod, mom.sharpe, "sharpe");
  close(m.skew, mom.skew, "skew");
  close(m.kurtosis, mom.kurtosis, "kurtosis");
});

Deno.test("prepareRunner - invalid parameters are an expected outcome with the schema's message", () => {
  const r = prepareRunner({
    symbols: [{ symbol: "X", bars: randomWalk(50, 1) }],
    strategy: "sma_cross",
  });
  const a = r.run({ fast: 30, slow: 10 });
  assert.equal(a.ok, false);
  assert.match((a as { reason: string }).reason, /fast must be below slow/);
  assert.throws(() => prepareRunner({ symbols: [], strategy: "sma_cross" }), RangeError);
});
