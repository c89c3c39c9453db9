// Parity: the WASM event loop (core-wasm/assembly/backtest.ts) against the TypeScript engine.
// Needs static/build/core.wasm (npm run build:wasm; tests/run.sh builds first).
import assert from "node:assert/strict";
import fc from "fast-check";
import { simulate } from "./engine.ts";
import { resolveSettings, runBacktest } from "./run.ts";
import { flatBars, mulberry32, randomWalk, readFixture } from "./testing.ts";
import { wasmIneligibility } from "./wasm_engine.ts";
import { serverBacktestKernel } from "./wasm_server.ts";
import type { BacktestOptions } from "./types.ts";

const kernel = await serverBacktestKernel();

function sameArray(a: Float64Array, b: Float64Array, what: string) {
  assert.equal(a.length, b.length, `${what} length`);
  for (let i = 0; i < a.length; i++) {
    assert.ok(Object.is(a[i], b[i]), `${what}[${i}]: wasm ${a[i]}, ts ${b[i]}`);
  }
}

Deno.test("wasm backtest - the kernel is in core.wasm", () => {
  assert.ok(kernel, "static/build/core.wasm lacks backtestRun: run npm run build:wasm");
});

const optionsArb = fc.record({
  commissionPct: fc.constantFrom(0, 0.1, 0.5),
  commissionPerShare: fc.constantFrom(0, 0.01),
  commissionPerOrder: fc.constantFrom(0, 1),
  slippageBps: fc.constantFrom(0, 5),
  spreadBps: fc.constantFrom(0, 10),
  leverage: fc.constantFrom(1, 2),
  stopLossPct: fc.option(fc.constantFrom(1, 3), { nil: undefined }),
  takeProfitPct: fc.option(fc.constantFrom(2, 5), { nil: undefined }),
  trailingStopPct: fc.option(fc.constantFrom(2, 4), { nil: undefined }),
  finalizeTrades: fc.boolean(),
  direction: fc.constantFrom("long_short", "long_only", "short_only"),
  sizing: fc.constantFrom(
    { kind: "all_in" },
    { kind: "units", units: 30 },
    { kind: "fraction", fraction: 0.4 },
  ),
}) as fc.Arbitrary<BacktestOptions>;

Deno.test("wasm backtest - equity, trades and commissions bit-identical to the TS engine", () => {
  assert.ok(kernel);
  const reasons = new Map<string, number>();
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 1e6 }),
      fc.integer({ min: 2, max: 300 }),
      fc.integer({ min: 0, max: 20 }),
      fc.boolean(),
      optionsArb,
      (seed, n, warmup, masked, options) => {
        const bars = randomWalk(n, seed);
        const rand = mulberry32(seed + 3);
        const flags = Uint8Array.from(
          { length: n },
          () => (rand() < 0.2 ? Math.floor(rand() * 16) : 0),
        );
        const entryMask = masked
          ? Uint8Array.from({ length: n }, () => (rand() < 0.7 ? 1 : 0))
          : null;
        const prepared = [{
          symbol: "X",
          bars,
          signals: { flags, warmup },
          atr: null,
          entryMask,
        }];
        const settings = resolveSettings({ cash: 10_000, ...options });
        assert.equal(wasmIneligibility(prepared, settings), null);
        const ts = simulate(prepared, settings);
        const wasm = kernel!.simulate(prepared, settings);
        sameArray(wasm.equity, ts.equity, "equity");
        assert.deepEqual(wasm.trades, ts.trades);
        assert.ok(Object.is(wasm.commissionsPaid, ts.commissionsPaid));
        assert.equal(wasm.start, ts.start);
        for (const t of ts.trades) reasons.set(t.exitReason, (reasons.get(t.exitReason) ?? 0) + 1);
      },
    ),
    { numRuns: 300, seed: 20261129 },
  );
  // the cases exercised every exit path the kernel implements
  for (const r of ["signal", "stop_loss", "take_profit", "trailing_stop", "end"]) {
    assert.ok((reasons.get(r) ?? 0) >= 5, `${r}: ${reasons.get(r) ?? 0} trades`);
  }
});

Deno.test("wasm backtest - out of money and a 1-bar series match too", () => {
  assert.ok(kernel);
  for (const prices of [[10, 10, 10, 15, 25, 30], [10], [10, 11]]) {
    const bars = flatBars(prices);
    const flags = Uint8Array.from(prices, (_, i) => (i === 1 ? 4 : 0));
    const prepared = [{
      symbol: "X",
      bars,
      signals: { flags, warmup: 0 },
      atr: null,
      entryMask: null,
    }];
    const settings = resolveSettings({ cash: 1000 });
    const ts = simulate(prepared, settings);
    const wasm = kernel!.simulate(prepared, settings);
    sameArray(wasm.equity, ts.equity, "equity");
    assert.deepEqual(wasm.trades, ts.trades);
  }
});

Deno.test("wasm backtest - runBacktest picks the kernel when eligible and TS otherwise", () => {
  assert.ok(kernel);
  const goog = readFixture("GOOG.csv");
  const input = {
    symbols: [{ symbol: "GOOG", bars: goog }],
    strategy: "sma_cross",
    params: { fast: 10, slow: 30 },
  };
  const ts = runBacktest(input, { commissionPct: 0.2 });
  const wasm = runBacktest(input, { commissionPct: 0.2, kernel });
  assert.equal(ts.engine, "ts");
  assert.equal(wasm.engine, "wasm");
  assert.deepEqual(wasm.stats, ts.stats);
  assert.deepEqual(wasm.trades, ts.trades);
  const turtle = runBacktest({ ...input, strategy: "turtle", params: {} }, { kernel });
  assert.equal(turtle.engine, "ts"); // strategy stop levels are outside the kernel's subset
});
