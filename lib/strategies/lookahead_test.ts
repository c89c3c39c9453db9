// Look-ahead guard: every built-in strategy gives the same signals (and the engine the same
// equity and trades) on a truncated series as on the full series, over the common bars.
import assert from "node:assert/strict";
import { STRATEGIES } from "./mod.ts";
import { IndicatorCache } from "../backtest/indicator_cache.ts";
import { runBacktest } from "../backtest/run.ts";
import { readFixture } from "../backtest/testing.ts";
import type { BarSeries } from "../domain/bar.ts";
import type { StrategySignals } from "./types.ts";

const goog = readFixture("GOOG.csv");

function head(s: BarSeries, k: number): BarSeries {
  return {
    length: k,
    ts: s.ts.slice(0, k),
    open: s.open.slice(0, k),
    high: s.high.slice(0, k),
    low: s.low.slice(0, k),
    close: s.close.slice(0, k),
    volume: s.volume.slice(0, k),
  };
}

function sameColumn(
  a: ArrayLike<number> | undefined,
  b: ArrayLike<number> | undefined,
  k: number,
  what: string,
) {
  assert.equal(a === undefined, b === undefined, `${what}: present in one run only`);
  if (!a || !b) return;
  for (let i = 0; i < k; i++) {
    const x: number = a[i];
    const y: number = b[i];
    assert.ok(x === y || (x !== x && y !== y), `${what}[${i}]: truncated ${x}, full ${y}`);
  }
}

const VARIANTS: [string, Record<string, unknown>][] = [
  ...Object.keys(STRATEGIES).map((name) => [name, {}] as [string, Record<string, unknown>]),
  ["sma_cross", { fast: 5, slow: 50 }],
  ["turtle", { entry: 55, exit: 20, unitSizing: true, maxUnits: 4 }],
  ["turtle", { skipAfterWin: true }],
  ["darvas_breakout", { target: true, volumeMult: 1.2 }],
  ["rsi_mean_reversion", { period: 2, lower: 10, upper: 90 }],
];

for (const [name, params] of VARIANTS) {
  Deno.test(`look-ahead - ${name} ${JSON.stringify(params)} sees no future bars`, () => {
    const strategy = STRATEGIES[name];
    const p = strategy.params.parse(params);
    const full: StrategySignals = strategy.signals({
      bars: goog,
      aux: {},
      cache: new IndicatorCache(),
    }, p);
    const fullRun = runBacktest({ symbols: [{ symbol: "G", bars: goog }], strategy, params });
    for (const k of [80, 700, 1500]) {
      const bars = head(goog, k);
      const cut = strategy.signals({ bars, aux: {}, cache: new IndicatorCache() }, p);
      sameColumn(cut.flags, full.flags, k, "flags");
      if (full.warmup < k) assert.equal(cut.warmup, full.warmup, "warmup");
      sameColumn(cut.stopPrice, full.stopPrice, k, "stopPrice");
      sameColumn(cut.stopDistance, full.stopDistance, k, "stopDistance");
      sameColumn(cut.takeProfitPrice, full.takeProfitPrice, k, "takeProfitPrice");
      sameColumn(cut.entryStop, full.entryStop, k, "entryStop");
      sameColumn(cut.entryLimit, full.entryLimit, k, "entryLimit");
      sameColumn(cut.atr, full.atr, k, "atr");
      sameColumn(cut.pyramid?.step, full.pyramid?.step, k, "pyramid.step");
      for (const [label, col] of Object.entries(full.indicators ?? {})) {
        sameColumn(cut.indicators?.[label], col, k, `indicator ${label}`);
      }
      // the engine: equity before the last (finalised) bar, and the trades closed by then
      const cutRun = runBacktest({ symbols: [{ symbol: "G", bars }], strategy, params });
      sameColumn(cutRun.equity.equity, fullRun.equity.equity, k - 1, "equity");
      const closed = (t: { exitBar: number }) => t.exitBar < k - 1;
      assert.deepEqual(cutRun.trades.filter(closed), fullRun.trades.filter(closed));
    }
  });
}

Deno.test("strategies - every built-in parses empty params to its defaults and rejects unknown keys", () => {
  for (const s of Object.values(STRATEGIES)) {
    assert.ok(s.params.safeParse({}).success, s.name);
    assert.equal(s.params.safeParse({ nope: 1 }).success, false, s.name);
  }
});
