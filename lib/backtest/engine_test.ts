// Hand-computed 3-10 bar cases for fills, costs, stops, gaps and sizing. Bars are [O, H, L, C].
import assert from "node:assert/strict";
import { z } from "zod";
import { runBacktest } from "./run.ts";
import { barsOf, flatBars } from "./testing.ts";
import { ENTER_LONG, ENTER_SHORT, EXIT_LONG, EXIT_SHORT } from "./types.ts";
import type { BacktestOptions } from "./types.ts";
import type { StrategyDefinition, StrategySignals } from "../strategies/types.ts";
import type { BarSeries } from "../domain/bar.ts";

const L = ENTER_LONG, S = ENTER_SHORT, XL = EXIT_LONG, XS = EXIT_SHORT;

function fixed(
  flags: number[],
  extra: Partial<StrategySignals> = {},
  warmup = 0,
): StrategyDefinition {
  return {
    name: "fixed",
    summary: "test flags",
    params: z.object({}),
    signals: () => ({ flags: Uint8Array.from(flags), warmup, ...extra }),
  };
}

function run(
  bars: BarSeries,
  flags: number[],
  options: BacktestOptions = {},
  extra: Partial<StrategySignals> = {},
  warmup = 0,
) {
  return runBacktest(
    { symbols: [{ symbol: "X", bars }], strategy: fixed(flags, extra, warmup) },
    { cash: 1000, ...options },
  );
}

function near(actual: number, expected: number, eps = 1e-9) {
  assert.ok(Math.abs(actual - expected) <= eps, `expected ${expected}, was ${actual}`);
}

Deno.test("engine - a market order fills at the next open with all-in whole units", () => {
  const bars = barsOf([[10, 10, 10, 10], [10, 11, 9, 10], [12, 13, 11, 12.5], [13, 14, 12, 14], [
    15,
    15,
    14,
    14.5,
  ]]);
  const r = run(bars, [0, L, 0, 0, 0]);
  assert.equal(r.trades.length, 1);
  const t = r.trades[0];
  assert.equal(t.size, 83); // floor(1000 / 12)
  assert.equal(t.entryBar, 2);
  assert.equal(t.entryPrice, 12);
  // finalizeTrades closes at the last bar's open
  assert.equal(t.exitBar, 4);
  assert.equal(t.exitPrice, 15);
  assert.equal(t.exitReason, "end");
  near(t.pnl, 249);
  near(t.returnPct, 25);
  assert.deepEqual(Array.from(r.equity.equity), [1000, 1000, 4 + 83 * 12.5, 4 + 83 * 14, 1249]);
  near(r.stats.exposurePct, 60);
  near(r.stats.returnPct, 24.9);
});

Deno.test("engine - the first evaluated bar is the one after the warm-up bar", () => {
  const bars = flatBars([10, 10, 10, 10, 10, 10]);
  // warm-up 2: flags at bars 0..2 are ignored, the one at bar 3 fills at bar 4
  const r = run(bars, [L, L, L, 0, 0, 0], {}, {}, 2);
  assert.equal(r.trades.length, 0);
  const r2 = run(bars, [0, 0, 0, L, 0, 0], {}, {}, 2);
  assert.equal(r2.trades[0].entryBar, 4);
});

Deno.test("engine - percent commission is charged at entry and exit and sizes the entry", () => {
  const bars = flatBars([10, 10, 10, 10, 11, 11]);
  const r = run(bars, [0, L, 0, XL, 0, 0], { commissionPct: 1 });
  const t = r.trades[0];
  assert.equal(t.size, 99); // floor(1000 / (10 × 1.01))
  near(t.commission, 99 * 10 * 0.01 + 99 * 11 * 0.01);
  near(t.pnl, 99 - 9.9 - 10.89);
  near(t.returnPct, 10 - (100 * 20.79) / 990);
  near(r.stats.equityFinal, 1000 - 990 - 9.9 + 1089 - 10.89);
  near(r.stats.commissionsPaid, 20.79);
});

Deno.test("engine - per-order and per-share commissions", () => {
  const bars = flatBars([10, 10, 10, 10, 11, 11]);
  const r = run(bars, [0, L, 0, XL, 0, 0], { commissionPerOrder: 1, commissionPerShare: 0.05 });
  const t = r.trades[0];
  assert.equal(t.size, 99); // floor((1000 − 1) / 10.05) = 99
  near(t.commission, 1 + 99 * 0.05 + 1 + 99 * 0.05);
  near(t.pnl, 99 - 2 * (1 + 4.95));
});

Deno.test("engine - slippage in bps and spread move fills against the trader", () => {
  const bars = flatBars([10, 10, 10, 10, 10, 10]);
  const r = run(bars, [0, L, 0, XL, 0, 0], { slippageBps: 10, spreadBps: 20 });
  const t = r.trades[0];
  near(t.entryPrice, 10 * 1.001 * 1.002); // slippage, then the spread at entry
  near(t.exitPrice, 10 * 0.999); // exits pay slippage only
  const rs = run(bars, [0, S, 0, XS, 0, 0], { slippageBps: 10 });
  near(rs.trades[0].entryPrice, 9.99);
  near(rs.trades[0].exitPrice, 10.01);
});

Deno.test("engine - slippage as a fraction of the previous bar's ATR", () => {
  const bars = flatBars([10, 10, 10, 10, 10, 10]);
  const atr = Float64Array.of(1, 1, 1, 1, 1, 1);
  const r = run(bars, [0, L, 0, XL, 0, 0], { slippageAtr: 0.5 }, { atr });
  near(r.trades[0].entryPrice, 10.5);
  near(r.trades[0].exitPrice, 9.5);
});

Deno.test("engine - a stop-loss touched inside the bar fills at the stop", () => {
  const bars = barsOf([[100, 100, 100, 100], [100, 100, 100, 100], [100, 101, 99, 100], [
    98,
    99,
    94,
    96,
  ], [96, 96, 96, 96]]);
  const r = run(bars, [0, L, 0, 0, 0], { stopLossPct: 5 });
  const t = r.trades[0];
  assert.equal(t.exitReason, "stop_loss");
  assert.equal(t.exitBar, 3);
  near(t.exitPrice, 95);
});

Deno.test("engine - a stop the open gaps through fills at the open", () => {
  const bars = barsOf([[100, 100, 100, 100], [100, 100, 100, 100], [100, 101, 99, 100], [
    90,
    92,
    88,
    91,
  ], [91, 91, 91, 91]]);
  const long = run(bars, [0, L, 0, 0, 0], { stopLossPct: 5 });
  assert.equal(long.trades[0].exitPrice, 90);
  const up = barsOf([[100, 100, 100, 100], [100, 100, 100, 100], [100, 101, 99, 100], [
    108,
    110,
    107,
    109,
  ], [109, 109, 109, 109]]);
  const short = run(up, [0, S, 0, 0, 0], { stopLossPct: 5 });
  assert.equal(short.trades[0].exitReason, "stop_loss");
  assert.equal(short.trades[0].exitPrice, 108);
  near(short.trades[0].pnl, -short.trades[0].size * 8);
});

Deno.test("engine - when stop-loss and take-profit are both touched, the stop-loss fills first", () => {
  const bars = barsOf([[100, 100, 100, 100], [100, 100, 100, 100], [100, 101, 99, 100], [
    100,
    111,
    94,
    105,
  ], [105, 105, 105, 105]]);
  const r = run(bars, [0, L, 0, 0, 0], { stopLossPct: 5, takeProfitPct: 10 });
  assert.equal(r.trades[0].exitReason, "stop_loss");
  near(r.trades[0].exitPrice, 95);
});

Deno.test("engine - stop-loss and take-profit can trigger on the entry bar", () => {
  const tpBar = barsOf([[100, 100, 100, 100], [100, 100, 100, 100], [100, 112, 99, 101], [
    101,
    101,
    101,
    101,
  ]]);
  const tp = run(tpBar, [0, L, 0, 0], { takeProfitPct: 10 });
  assert.equal(tp.trades[0].exitReason, "take_profit");
  assert.equal(tp.trades[0].entryBar, 2);
  assert.equal(tp.trades[0].exitBar, 2);
  near(tp.trades[0].exitPrice, 110);
  const slBar = barsOf([[100, 100, 100, 100], [100, 100, 100, 100], [100, 101, 90, 99], [
    99,
    99,
    99,
    99,
  ]]);
  const sl = run(slBar, [0, L, 0, 0], { stopLossPct: 5, takeProfitPct: 10 });
  assert.equal(sl.trades[0].exitReason, "stop_loss");
  assert.equal(sl.trades[0].exitBar, 2);
  near(sl.trades[0].exitPrice, 95);
});

Deno.test("engine - a take-profit the open gaps through fills at the (better) open", () => {
  const bars = barsOf([[100, 100, 100, 100], [100, 100, 100, 100], [100, 101, 99, 100], [
    115,
    116,
    114,
    115,
  ], [115, 115, 115, 115]]);
  const r = run(bars, [0, L, 0, 0, 0], { takeProfitPct: 10 });
  assert.equal(r.trades[0].exitReason, "take_profit");
  assert.equal(r.trades[0].exitPrice, 115);
});

Deno.test("engine - a trailing stop ratchets with the close and never loosens", () => {
  const bars = barsOf([
    [100, 100, 100, 100],
    [100, 100, 100, 100],
    [100, 101, 99, 100], // entry at 100, trail 90
    [105, 111, 104, 110], // trail 99
    [115, 121, 114, 120], // trail 108
    [118, 119, 112, 115], // close 115 would give 103.5: stays 108
    [112, 113, 105, 106], // low 105 ≤ 108: exit at min(open, 108) = 108
    [106, 106, 106, 106],
  ]);
  const r = run(bars, [0, L, 0, 0, 0, 0, 0, 0], { trailingStopPct: 10 });
  const t = r.trades[0];
  assert.equal(t.exitReason, "trailing_stop");
  assert.equal(t.exitBar, 6);
  near(t.exitPrice, 108);
});

Deno.test("engine - a strategy stop distance sets the stop from the fill price", () => {
  const bars = barsOf([[100, 100, 100, 100], [100, 100, 100, 100], [102, 103, 101, 102], [
    101,
    101,
    97,
    99,
  ], [99, 99, 99, 99]]);
  const stopDistance = new Float64Array(5).fill(4);
  const r = run(bars, [0, L, 0, 0, 0], {}, { stopDistance });
  near(r.trades[0].exitPrice, 98); // 102 − 4
  assert.equal(r.trades[0].exitReason, "stop_loss");
});

Deno.test("engine - sizing: fixed units, fraction of equity and ATR risk", () => {
  const bars = flatBars([10, 10, 10, 10, 10]);
  const units = run(bars, [0, L, 0, 0, 0], { sizing: { kind: "units", units: 5 } });
  assert.equal(units.trades[0].size, 5);
  const capped = run(bars, [0, L, 0, 0, 0], { sizing: { kind: "units", units: 500 } });
  assert.equal(capped.trades[0].size, 100); // capped by cash
  const fraction = run(bars, [0, L, 0, 0, 0], { sizing: { kind: "fraction", fraction: 0.5 } });
  assert.equal(fraction.trades[0].size, 50);
  const atr = new Float64Array(5).fill(2);
  const risk = run(bars, [0, L, 0, 0, 0], { sizing: { kind: "risk", riskPct: 1, atrMult: 2 } }, {
    atr,
  });
  assert.equal(risk.trades[0].size, 2); // floor(0.01 × 1000 / (2 × 2))
});

Deno.test("engine - leverage multiplies the buying power", () => {
  const bars = flatBars([10, 10, 10, 12, 12]);
  const r = run(bars, [0, L, 0, 0, 0], { leverage: 2 });
  assert.equal(r.trades[0].size, 199); // floor(2000 × (1 − ε) / 10)
  near(r.stats.equityFinal, 1000 + 199 * 2);
});

Deno.test("engine - a short sale credits cash and equity follows the price down", () => {
  const bars = flatBars([10, 10, 10, 8, 8]);
  const r = run(bars, [0, S, 0, 0, 0], { finalizeTrades: false });
  // 99 units short at 10 (floor(1000 × (1 − ε) / 10) = 99): cash 1990, equity 1990 − 99 × 8
  assert.equal(r.trades.length, 0);
  near(r.equity.equity[3], 1990 - 99 * 8);
  near(r.equity.equity[4], 1990 - 99 * 8);
});

Deno.test("engine - an opposite signal closes and reverses at the same open", () => {
  const bars = flatBars([10, 10, 10, 12, 12, 12]);
  const r = run(bars, [0, L, S | XL, 0, 0, 0]);
  assert.equal(r.trades.length, 2);
  const [a, b] = r.trades;
  assert.equal(a.side, "long");
  assert.equal(a.exitBar, 3);
  assert.equal(a.exitPrice, 12);
  assert.equal(b.side, "short");
  assert.equal(b.entryBar, 3);
  // 99 units long (floor(1000 × (1 − ε) / 10), as backtesting.py), then the short is sized with
  // the cash after the exit: floor(1198 / 12)
  assert.equal(a.size, 99);
  assert.equal(b.size, 99);
});

Deno.test("engine - an entry signal of the held side keeps the position", () => {
  const bars = flatBars([10, 10, 10, 11, 12, 13]);
  const r = run(bars, [0, L, L, L, L, 0]);
  assert.equal(r.trades.length, 1);
  assert.equal(r.trades[0].entryBar, 2);
});

Deno.test("engine - long_only turns short entries into exits only", () => {
  const bars = flatBars([10, 10, 10, 12, 12, 12]);
  const r = run(bars, [0, L, S | XL, 0, 0, 0], { direction: "long_only" });
  assert.equal(r.trades.length, 1);
  assert.equal(r.trades[0].side, "long");
  assert.equal(r.trades[0].exitBar, 3);
  const so = run(bars, [0, L, S | XL, 0, 0, 0], { direction: "short_only" });
  assert.equal(so.trades.length, 1);
  assert.equal(so.trades[0].side, "short");
});

Deno.test("engine - stop and limit entry orders", () => {
  const bars = barsOf([[10, 10, 10, 10], [10, 10, 10, 10], [10, 11, 9, 10], [11.5, 13, 11, 12], [
    12,
    12,
    12,
    12,
  ]]);
  const entryStop = new Float64Array(5).fill(12);
  const stop = run(bars, [0, L, 0, 0, 0], {}, { entryStop });
  assert.equal(stop.trades[0].entryBar, 3); // bar 2's high 11 < 12: waits
  assert.equal(stop.trades[0].entryPrice, 12);
  const gap = barsOf([[10, 10, 10, 10], [10, 10, 10, 10], [13, 14, 12.5, 13], [13, 13, 13, 13]]);
  assert.equal(run(gap, [0, L, 0, 0], {}, { entryStop }).trades[0].entryPrice, 13);
  const entryLimit = new Float64Array(5).fill(9.5);
  const limit = run(bars, [0, L, 0, 0, 0], {}, { entryLimit });
  assert.equal(limit.trades[0].entryBar, 2);
  assert.equal(limit.trades[0].entryPrice, 9.5);
});

Deno.test("engine - pyramiding adds a unit at the step and raises the stop", () => {
  const bars = barsOf([
    [10, 10, 10, 10],
    [10, 10, 10, 10],
    [10, 10.5, 9.8, 10.2], // entry at 10; add level 11
    [10.6, 11.4, 10.5, 11.2], // add at 11; stop 11 − 2 = 9 (was 8)
    [11, 11, 8.5, 9], // low 8.5 ≤ 9: both units out at 9
    [9, 9, 9, 9],
  ]);
  const step = new Float64Array(6).fill(1);
  const stopDistance = new Float64Array(6).fill(2);
  const r = run(bars, [0, L, 0, 0, 0, 0], { sizing: { kind: "units", units: 10 } }, {
    pyramid: { maxUnits: 2, step },
    stopDistance,
  });
  assert.equal(r.trades.length, 2);
  assert.equal(r.trades[0].entryPrice, 10);
  assert.equal(r.trades[1].entryPrice, 11);
  assert.equal(r.trades[1].entryBar, 3);
  for (const t of r.trades) {
    assert.equal(t.exitReason, "stop_loss");
    assert.equal(t.exitPrice, 9);
  }
  near(r.stats.equityFinal, 1000 + 10 * (9 - 10) + 10 * (9 - 11));
});

Deno.test("engine - equity at or below zero stops the run", () => {
  const bars = flatBars([10, 10, 10, 15, 25, 30]);
  const r = run(bars, [0, S, 0, 0, 0, 0]);
  assert.equal(r.trades.length, 1);
  assert.equal(r.trades[0].exitReason, "out_of_money");
  assert.equal(r.trades[0].exitBar, 4);
  assert.deepEqual(Array.from(r.equity.equity.subarray(4)), [0, 0]);
});

Deno.test("engine - finalizeTrades false leaves the position open", () => {
  const bars = flatBars([10, 10, 10, 11, 12]);
  const r = run(bars, [0, L, 0, 0, 0], { finalizeTrades: false });
  assert.equal(r.trades.length, 0);
  near(r.equity.equity[4], 1000 + 99 * 2); // all-in buys floor(1000 × (1 − ε) / 10) = 99
});

Deno.test("engine - several symbols share one cash balance", () => {
  const a = flatBars([10, 10, 10, 11, 11]);
  const b = flatBars([20, 20, 20, 18, 18]);
  const strategy = fixed([0, L, 0, 0, 0]);
  const r = runBacktest(
    { symbols: [{ symbol: "A", bars: a }, { symbol: "B", bars: b }], strategy },
    { cash: 1000, sizing: { kind: "fraction", fraction: 0.5 } },
  );
  assert.equal(r.trades.length, 2);
  const [ta, tb] = r.trades;
  assert.equal(ta.size, 50);
  assert.equal(tb.size, 25);
  near(r.stats.equityFinal, 1000 + 50 * 1 - 25 * 2);
  // all-in: the first symbol takes the cash, the second gets nothing
  const allIn = runBacktest({
    symbols: [{ symbol: "A", bars: a }, { symbol: "B", bars: b }],
    strategy,
  }, {
    cash: 1000,
  });
  assert.equal(allIn.trades.length, 1);
});

Deno.test("engine - MFE and MAE come from the highs and lows while open", () => {
  const bars = barsOf([[100, 100, 100, 100], [100, 100, 100, 100], [100, 104, 97, 101], [
    101,
    108,
    99,
    103,
  ], [105, 105, 105, 105]]);
  const t = run(bars, [0, L, 0, 0, 0]).trades[0];
  near(t.mfePct, 8);
  near(t.maePct, -3);
});

Deno.test("engine - rejects bad options with a RangeError naming the option", () => {
  const bars = flatBars([10, 10, 10]);
  assert.throws(() => run(bars, [0, 0, 0], { cash: 0 }), /cash/);
  assert.throws(() => run(bars, [0, 0, 0], { commissionPct: -1 }), /commissionPct/);
  assert.throws(() => run(bars, [0, 0, 0], { sizing: { kind: "units", units: 0 } }), /sizing/);
});
