import assert from "node:assert/strict";
import { computeStats, drawdownPct, geometricMean, periodsPerYear } from "./stats.ts";
import { barsOf } from "./testing.ts";
import type { Trade } from "./types.ts";
import { toSafeJson } from "../http/json.ts";

const DAY = 86_400_000;

function near(actual: number, expected: number, eps = 1e-9) {
  assert.ok(
    Math.abs(actual - expected) <= eps * Math.max(1, Math.abs(expected)),
    `expected ${expected}, was ${actual}`,
  );
}

function trade(pnl: number, returnPct: number, entryBar: number, exitBar: number): Trade {
  return {
    symbol: "X",
    side: "long",
    size: 1,
    entryBar,
    exitBar,
    entryTime: entryBar * DAY,
    exitTime: exitBar * DAY,
    entryPrice: 1,
    exitPrice: 1,
    pnl,
    returnPct,
    commission: 0,
    durationDays: exitBar - entryBar,
    exitReason: "signal",
    mfePct: 0,
    maePct: 0,
  };
}

Deno.test("periodsPerYear - weekdays 252, every day 365, weekly 52", () => {
  assert.equal(periodsPerYear(barsOf(Array(30).fill([1, 1, 1, 1])).ts).periods, 252);
  const daily = Float64Array.from({ length: 30 }, (_, i) => i * DAY);
  assert.equal(periodsPerYear(daily).periods, 365);
  const weekly = Float64Array.from({ length: 30 }, (_, i) => i * 7 * DAY);
  assert.equal(periodsPerYear(weekly).periods, 52);
});

Deno.test("geometricMean - nth root of the product, 0 when a return is -100 % or worse", () => {
  near(geometricMean([0.1, -0.1, 0.2]), Math.cbrt(1.1 * 0.9 * 1.2) - 1);
  assert.equal(geometricMean([0.5, -1]), 0);
  assert.ok(Number.isNaN(geometricMean([])));
});

Deno.test("computeStats - a four-bar curve computed by hand", () => {
  // Mon..Thu, equity 100 → 110 → 99 → 121
  const ts = barsOf(Array(4).fill([1, 1, 1, 1])).ts;
  const equity = Float64Array.of(100, 110, 99, 121);
  const close = Float64Array.of(10, 11, 10, 12);
  const trades = [trade(30, 21, 1, 3), trade(-9, -9, 0, 1)];
  const s = computeStats({ ts, equity, trades, closes: [close], warmups: [0], commissionsPaid: 2 });
  near(s.returnPct, 21);
  near(s.equityFinal, 121);
  near(s.equityPeak, 121);
  near(s.buyHoldReturnPct, 20);
  near(s.durationDays, 3);
  near(s.exposurePct, 100);
  // drawdown: 1 − 99/110 = 10 %, one period from bar 1 to bar 3 (2 days)
  near(s.maxDrawdownPct, -10);
  near(s.avgDrawdownPct, -10);
  near(s.maxDrawdownDurationDays, 2);
  near(s.avgDrawdownDurationDays, 2);
  // returns .1, -.1, 22/99 - ... : g counts the undefined first return as 0 → 4 values
  const r = [0.1, -0.1, 121 / 99 - 1];
  const g = (121 / 100) ** (1 / 4) - 1;
  const ann = (1.21) ** (252 / 4) - 1;
  near(s.returnAnnPct, ann * 100, 1e-9);
  const mean = (r[0] + r[1] + r[2]) / 3;
  const variance = r.reduce((a, x) => a + (x - mean) ** 2, 0) / 2;
  const vol = Math.sqrt((variance + (1 + g) ** 2) ** 252 - (1 + g) ** 504) * 100;
  near(s.volatilityAnnPct, vol, 1e-9);
  near(s.sharpe, (ann * 100) / vol, 1e-9);
  near(s.sortino, ann / (Math.sqrt(0.01 / 3) * Math.sqrt(252)), 1e-9);
  near(s.calmar, ann / 0.1, 1e-9);
  near(s.cagrPct, (1.21 ** (252 / 3) - 1) * 100, 1e-9); // years = 3 days / 252
  // trades: one win of 30, one loss of 9
  assert.equal(s.trades, 2);
  near(s.winRatePct, 50);
  near(s.bestTradePct, 21);
  near(s.worstTradePct, -9);
  near(s.avgTradePct, (Math.sqrt(1.21 * 0.91) - 1) * 100);
  near(s.expectancyPct, 6);
  near(s.profitFactor, 30 / 9);
  near(s.sqn, (Math.sqrt(2) * 10.5) / Math.sqrt(((30 - 10.5) ** 2 + (-9 - 10.5) ** 2) / 1));
  near(s.kellyCriterion, 0.5 - 0.5 / (30 / 9));
  near(s.maxTradeDurationDays, 2);
  near(s.avgTradeDurationDays, 1.5);
  near(s.commissionsPaid, 2);
});

Deno.test("computeStats - beta and alpha from log returns against the first close", () => {
  const ts = barsOf(Array(5).fill([1, 1, 1, 1])).ts;
  const close = Float64Array.of(10, 11, 10.5, 12, 12.5);
  // equity that is exactly 2x levered in log space has beta 2
  const equity = close.map((c) => 1000 * (c / 10) ** 2);
  const s = computeStats({
    ts,
    equity,
    trades: [],
    closes: [close],
    warmups: [0],
    commissionsPaid: 0,
  });
  near(s.beta, 2, 1e-9);
  near(s.alphaPct, s.returnPct - 2 * s.buyHoldReturnPct, 1e-9);
});

Deno.test("computeStats - zero trades give NaN trade stats that serialise as null", () => {
  const ts = barsOf(Array(5).fill([1, 1, 1, 1])).ts;
  const equity = new Float64Array(5).fill(1000);
  const s = computeStats({
    ts,
    equity,
    trades: [],
    closes: [Float64Array.of(1, 2, 3, 4, 5)],
    warmups: [0],
    commissionsPaid: 0,
  });
  assert.equal(s.trades, 0);
  assert.equal(s.exposurePct, 0);
  assert.equal(s.returnPct, 0);
  assert.equal(s.maxDrawdownPct, 0);
  for (
    const k of [
      "winRatePct",
      "bestTradePct",
      "avgTradePct",
      "profitFactor",
      "sqn",
      "sharpe",
      "maxDrawdownDurationDays",
    ] as const
  ) {
    assert.ok(Number.isNaN(s[k]), `${k} should be NaN, was ${s[k]}`);
  }
  const json = JSON.parse(toSafeJson(s));
  assert.equal(json.winRatePct, null);
  assert.equal(json.sharpe, null);
  assert.equal(json.trades, 0);
});

Deno.test("drawdownPct - percent below the running peak", () => {
  assert.deepEqual(Array.from(drawdownPct(Float64Array.of(100, 120, 90, 120, 130))), [
    0,
    0,
    -25,
    0,
    0,
  ]);
});
