// Properties of the engine on random data: PnL adds up, and equity is cash + position value.
import assert from "node:assert/strict";
import fc from "fast-check";
import { z } from "zod";
import { runBacktest } from "./run.ts";
import { mulberry32, randomWalk } from "./testing.ts";
import type { BacktestOptions } from "./types.ts";
import type { StrategyDefinition } from "../strategies/types.ts";

function randomFlags(n: number, seed: number): Uint8Array {
  const rand = mulberry32(seed);
  // mostly quiet bars, occasionally any combination of the four flags
  return Uint8Array.from({ length: n }, () => (rand() < 0.15 ? Math.floor(rand() * 16) : 0));
}

function fixed(flags: Uint8Array, warmup: number): StrategyDefinition {
  return { name: "fixed", summary: "", params: z.object({}), signals: () => ({ flags, warmup }) };
}

const optionsArb = fc.record({
  stopLossPct: fc.option(fc.double({ min: 0.5, max: 10, noNaN: true }), { nil: undefined }),
  takeProfitPct: fc.option(fc.double({ min: 0.5, max: 10, noNaN: true }), { nil: undefined }),
  trailingStopPct: fc.option(fc.double({ min: 0.5, max: 10, noNaN: true }), { nil: undefined }),
  direction: fc.constantFrom("long_short", "long_only", "short_only") as fc.Arbitrary<
    BacktestOptions["direction"]
  >,
  sizing: fc.constantFrom(
    { kind: "all_in" },
    { kind: "units", units: 7 },
    { kind: "fraction", fraction: 0.3 },
  ) as fc.Arbitrary<NonNullable<BacktestOptions["sizing"]>>,
});

Deno.test("properties - without costs, equity is cash plus position value at every bar", () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 3, max: 80 }), optionsArb, (
      seed,
      n,
      opts,
    ) => {
      const bars = randomWalk(n, seed);
      const flags = randomFlags(n, seed + 1);
      const r = runBacktest(
        { symbols: [{ symbol: "X", bars }], strategy: fixed(flags, seed % 5) },
        { cash: 10_000, ...opts },
      );
      if (r.trades.some((t) => t.exitReason === "out_of_money")) return;
      // rebuild equity from the trade list: realised pnl plus open units marked at the close
      for (let i = 0; i < n; i++) {
        let e = 10_000;
        for (const t of r.trades) {
          const sign = t.side === "long" ? 1 : -1;
          if (t.exitBar <= i) e += t.pnl;
          else if (t.entryBar <= i) e += sign * t.size * (bars.close[i] - t.entryPrice);
        }
        const got = r.equity.equity[i];
        assert.ok(Math.abs(got - e) < 1e-6 * 10_000, `bar ${i}: equity ${got}, from trades ${e}`);
      }
    }),
    { numRuns: 150 },
  );
});

Deno.test("properties - with costs, the sum of trade pnl is final minus initial equity", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 1e6 }),
      fc.integer({ min: 3, max: 80 }),
      optionsArb,
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: 0, max: 30, noNaN: true }),
      (seed, n, opts, commissionPct, slippageBps) => {
        const bars = randomWalk(n, seed);
        const flags = randomFlags(n, seed + 7);
        const r = runBacktest(
          { symbols: [{ symbol: "X", bars }], strategy: fixed(flags, 0) },
          { cash: 10_000, commissionPct, slippageBps, commissionPerOrder: 1, ...opts },
        );
        if (r.trades.some((t) => t.exitReason === "out_of_money")) return;
        const sum = r.trades.reduce((a, t) => a + t.pnl, 0);
        assert.ok(Math.abs(sum - (r.stats.equityFinal - 10_000)) < 1e-6);
        const fees = r.trades.reduce((a, t) => a + t.commission, 0);
        assert.ok(Math.abs(fees - r.stats.commissionsPaid) < 1e-6);
        for (let i = 1; i < n; i++) assert.ok(r.equity.equity[i] > 0);
      },
    ),
    { numRuns: 150 },
  );
});
