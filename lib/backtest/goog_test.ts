// sma_cross 10/30 on GOOG.csv against an independent, deliberately naive computation.
import assert from "node:assert/strict";
import { runBacktest } from "./run.ts";
import { readFixture } from "./testing.ts";

const goog = readFixture("GOOG.csv");

/** SMA by summing the window every time (no running sum). */
function naiveSma(x: Float64Array, period: number, i: number): number {
  if (i < period - 1) return NaN;
  let s = 0;
  for (let j = i - period + 1; j <= i; j++) s += x[j];
  return s / period;
}

interface RefTrade {
  side: number;
  units: number;
  entryBar: number;
  exitBar: number;
  entryPx: number;
  exitPx: number;
  pnl: number;
}

/**
 * The reference: backtesting.py's bookkeeping (cash holds only realised pnl and fees; equity =
 * cash + unrealised pnl), SmaCross with exclusive orders: a cross decided at close i closes the
 * position and opens the other side at open i+1 with floor(cash·(1−ε) / (price·(1+c))) units;
 * what is open at the end closes at the last open.
 */
function reference(fast: number, slow: number, cash0: number, c: number) {
  const { open, close } = goog;
  const n = goog.length;
  const firstEval = slow; // slow − 1 is the first bar with both SMAs; evaluation starts one later
  let cash = cash0;
  let side = 0, units = 0, entryPx = 0, entryBar = 0;
  const trades: RefTrade[] = [];
  const equity: number[] = [];
  let pending = 0;
  const closeOut = (bar: number, px: number) => {
    const fee = units * px * c + units * entryPx * c;
    const pnl = side * units * (px - entryPx) - fee;
    cash += side * units * (px - entryPx) - units * px * c;
    trades.push({ side, units, entryBar, exitBar: bar, entryPx, exitPx: px, pnl });
    side = 0;
  };
  for (let i = 0; i < n; i++) {
    if (pending !== 0) {
      const px = open[i];
      if (side !== 0) closeOut(i, px);
      units = Math.floor((cash * (1 - Number.EPSILON)) / (px * (1 + c)));
      side = pending;
      entryPx = px;
      entryBar = i;
      cash -= units * px * c;
      pending = 0;
    }
    equity.push(cash + (side ? side * units * (close[i] - entryPx) : 0));
    if (i >= firstEval && i < n - 1) {
      const f0 = naiveSma(close, fast, i - 1), s0 = naiveSma(close, slow, i - 1);
      const f1 = naiveSma(close, fast, i), s1 = naiveSma(close, slow, i);
      const want = f0 < s0 && f1 > s1 ? 1 : f0 > s0 && f1 < s1 ? -1 : 0;
      if (want !== 0 && want !== side) pending = want;
    }
  }
  if (side !== 0) closeOut(n - 1, open[n - 1]);
  equity[n - 1] = cash;
  return { trades, equity, final: cash };
}

for (const commissionPct of [0, 0.2]) {
  Deno.test(`goog - sma_cross 10/30 matches an independent event loop (commission ${commissionPct} %)`, () => {
    const ref = reference(10, 30, 10_000, commissionPct / 100);
    const r = runBacktest(
      {
        symbols: [{ symbol: "GOOG", bars: goog }],
        strategy: "sma_cross",
        params: { fast: 10, slow: 30 },
      },
      { cash: 10_000, commissionPct },
    );
    assert.equal(r.trades.length, ref.trades.length);
    assert.ok(ref.trades.length > 30);
    for (let k = 0; k < ref.trades.length; k++) {
      const a = r.trades[k], b = ref.trades[k];
      assert.equal(a.side, b.side > 0 ? "long" : "short", `trade ${k}`);
      assert.equal(a.size, b.units, `trade ${k} size`);
      assert.equal(a.entryBar, b.entryBar, `trade ${k} entry`);
      assert.equal(a.exitBar, b.exitBar, `trade ${k} exit`);
      assert.equal(a.entryPrice, b.entryPx);
      assert.equal(a.exitPrice, b.exitPx);
      assert.ok(Math.abs(a.pnl - b.pnl) < 1e-6, `trade ${k} pnl ${a.pnl} vs ${b.pnl}`);
    }
    for (let i = 0; i < goog.length; i++) {
      assert.ok(Math.abs(r.equity.equity[i] - ref.equity[i]) < 1e-6, `equity at bar ${i}`);
    }
    assert.ok(Math.abs(r.stats.equityFinal - ref.final) < 1e-6);
    assert.ok(Math.abs(r.stats.returnPct - (ref.final / 10_000 - 1) * 100) < 1e-9);
    const covered = new Set<number>();
    for (const t of ref.trades) for (let i = t.entryBar; i <= t.exitBar; i++) covered.add(i);
    assert.ok(Math.abs(r.stats.exposurePct - (100 * covered.size) / goog.length) < 1e-9);
    const wins = ref.trades.filter((t) => t.pnl > 0).length;
    assert.ok(Math.abs(r.stats.winRatePct - (100 * wins) / ref.trades.length) < 1e-9);
    // buy & hold from the close of the first bar with both SMAs (index 29)
    const bh = (goog.close[goog.length - 1] / goog.close[29] - 1) * 100;
    assert.ok(Math.abs(r.stats.buyHoldReturnPct - bh) < 1e-9);
  });
}
