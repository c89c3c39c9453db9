// The fast paths give the same bits as the general code they shortcut.
import assert from "node:assert/strict";
import fc from "fast-check";
import { simulate } from "./engine.ts";
import { resolveSettings } from "./run.ts";
import { computeStats, computeStatsAndDrawdown, drawdownPct, monthOrYearKey } from "./stats.ts";
import { flatBars, mulberry32, randomWalk } from "./testing.ts";
import type { BacktestOptions } from "./types.ts";

function randomFlags(n: number, seed: number, rate: number): Uint8Array {
  const rand = mulberry32(seed);
  return Uint8Array.from({ length: n }, () => (rand() < rate ? Math.floor(rand() * 16) : 0));
}

Deno.test("simulate - one symbol (quiet-bar loop) equals the same symbol beside an idle one (general loop)", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 1e6 }),
      fc.integer({ min: 3, max: 400 }),
      fc.constantFrom(0.005, 0.05, 0.3),
      fc.integer({ min: 0, max: 30 }),
      fc.record({
        stopLossPct: fc.option(fc.double({ min: 0.5, max: 10, noNaN: true }), { nil: undefined }),
        takeProfitPct: fc.option(fc.double({ min: 0.5, max: 10, noNaN: true }), { nil: undefined }),
        direction: fc.constantFrom("long_short", "long_only", "short_only") as fc.Arbitrary<
          BacktestOptions["direction"]
        >,
        commissionPct: fc.constantFrom(0, 0.2),
        leverage: fc.constantFrom(1, 3, 50),
        finalizeTrades: fc.boolean(),
        progressEvery: fc.constantFrom(1, 7, 100),
      }),
      (seed, n, rate, warmup, opts) => {
        const bars = randomWalk(n, seed);
        const signals = { flags: randomFlags(n, seed + 1, rate), warmup };
        const idle = {
          symbol: "IDLE",
          bars: { ...flatBars(Array(n).fill(1)), ts: bars.ts },
          signals: { flags: new Uint8Array(n), warmup },
          atr: null,
          entryMask: null,
        };
        const one = { symbol: "X", bars, signals, atr: null, entryMask: null };
        const progressA: number[] = [];
        const progressB: number[] = [];
        const a = simulate(
          [one],
          resolveSettings({ ...opts, onProgress: (f) => progressA.push(f) }),
        );
        const b = simulate(
          [one, idle],
          resolveSettings({ ...opts, onProgress: (f) => progressB.push(f) }),
        );
        assert.deepEqual(Array.from(a.equity), Array.from(b.equity));
        assert.deepEqual(a.trades, b.trades);
        assert.equal(a.commissionsPaid, b.commissionsPaid);
        assert.deepEqual(progressA, progressB);
      },
    ),
    { numRuns: 150 },
  );
});

Deno.test("simulate - the quiet-bar loop hands an out-of-money bar to the general loop", () => {
  // long 10 units at 100 with leverage: equity crosses 0 on a bar without a flag
  const prices = [100, 100, 100, 90, 50, 5, 1, 1];
  const bars = flatBars(prices);
  const flags = Uint8Array.of(0, 1, 0, 0, 0, 0, 0, 0);
  const sim = simulate(
    [{ symbol: "X", bars, signals: { flags, warmup: 0 }, atr: null, entryMask: null }],
    resolveSettings({ cash: 1000, leverage: 2, sizing: { kind: "units", units: 15 } }),
  );
  // signal at bar 1, bought 15 at bar 2's open 100 (cash −500); equity = −500 + 15 × close
  assert.deepEqual(Array.from(sim.equity), [1000, 1000, 1000, 850, 250, 0, 0, 0]);
  assert.equal(sim.trades.length, 1);
  assert.equal(sim.trades[0].exitReason, "out_of_money");
  assert.equal(sim.trades[0].exitBar, 5);
});

Deno.test("monthOrYearKey - matches Date's UTC year and month from 1600 to 2400", () => {
  const DAY = 86_400_000;
  const from = Math.floor(Date.UTC(1600, 0, 1) / DAY);
  const to = Math.floor(Date.UTC(2400, 11, 31) / DAY);
  for (let day = from; day <= to; day += 1) {
    const d = new Date(day * DAY);
    const y = d.getUTCFullYear();
    if (monthOrYearKey(day, false) !== y * 12 + d.getUTCMonth()) {
      assert.fail(`day ${day}: ${monthOrYearKey(day, false)} vs ${y * 12 + d.getUTCMonth()}`);
    }
    if (monthOrYearKey(day, true) !== y) assert.fail(`day ${day}: year`);
  }
  assert.ok(Number.isNaN(monthOrYearKey(NaN, false)));
});

Deno.test("computeStatsAndDrawdown - same stats as computeStats and the drawdownPct series", () => {
  const bars = randomWalk(3000, 5);
  const rand = mulberry32(3);
  const equity = new Float64Array(3000);
  let e = 1000;
  for (let i = 0; i < 3000; i++) {
    e = rand() < 0.3 ? e : e * (1 + (rand() - 0.5) * 0.05);
    equity[i] = e;
  }
  const input = {
    ts: bars.ts,
    equity,
    trades: [],
    closes: [bars.close],
    warmups: [10],
    commissionsPaid: 0,
  };
  const out = new Float64Array(3000);
  const s = computeStatsAndDrawdown(input, out);
  assert.deepEqual(s, computeStats(input));
  assert.deepEqual(Array.from(out), Array.from(drawdownPct(equity)));
  assert.throws(() => computeStatsAndDrawdown(input, new Float64Array(2)), RangeError);
});

Deno.test("computeStats - over several 4,096-bar blocks equals a plain array reference", () => {
  // 10,000 hourly bars (daily periods hold 24 bars, so period and block edges differ) with a
  // curve that dips below earlier peaks, stays flat for stretches, and gaps
  const n = 10_000;
  const bars = randomWalk(n, 11);
  const ts = Float64Array.from({ length: n }, (_, i) => Date.UTC(2020, 0, 6) + i * 3_600_000);
  const rand = mulberry32(12);
  const equity = new Float64Array(n);
  let e = 1000;
  for (let i = 0; i < n; i++) {
    e = rand() < 0.2 ? e : e * (1 + (rand() - 0.5) * 0.02);
    equity[i] = e;
  }
  const s = computeStats({
    ts,
    equity,
    trades: [],
    closes: [bars.close],
    warmups: [0],
    commissionsPaid: 0,
  });
  // reference: explicit arrays, two-pass moments
  const dd = drawdownPct(equity);
  let minDd = 0;
  for (const d of dd) minDd = Math.min(minDd, d);
  const lastOfDay: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i === n - 1 || Math.floor(ts[i + 1] / 86_400_000) !== Math.floor(ts[i] / 86_400_000)) {
      lastOfDay.push(equity[i]);
    }
  }
  const r = lastOfDay.slice(1).map((x, j) => x / lastOfDay[j] - 1);
  const mean = r.reduce((a, b) => a + b, 0) / r.length;
  const variance = r.reduce((a, b) => a + (b - mean) ** 2, 0) / (r.length - 1);
  const g = Math.exp(Math.log(lastOfDay.at(-1)! / lastOfDay[0]) / (r.length + 1)) - 1;
  const periods = 365; // hourly bars every day: weekends included
  const vol = Math.sqrt((variance + (1 + g) ** 2) ** periods - (1 + g) ** (2 * periods)) * 100;
  const x = Array.from({ length: n - 1 }, (_, i) => Math.log(bars.close[i + 1] / bars.close[i]));
  const y = Array.from({ length: n - 1 }, (_, i) => Math.log(equity[i + 1] / equity[i]));
  const mx = x.reduce((a, b) => a + b, 0) / x.length;
  const beta = y.reduce((a, yi, i) => a + yi * (x[i] - mx), 0) /
    x.reduce((a, xi) => a + (xi - mx) ** 2, 0);
  const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
  assert.equal(s.maxDrawdownPct, minDd);
  assert.ok(rel(s.volatilityAnnPct, vol) < 1e-9, `${s.volatilityAnnPct} vs ${vol}`);
  assert.ok(rel(s.returnAnnPct, ((1 + g) ** periods - 1) * 100) < 1e-12);
  assert.ok(rel(s.beta, beta) < 1e-9, `${s.beta} vs ${beta}`);
  assert.equal(s.equityPeak, Math.max(...equity));
});
